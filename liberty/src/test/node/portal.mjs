// The portal in a real browser (Debian's chromium, driven by playwright-core), one scenario per run, for PortalIT:
//   node portal.mjs <scenario>   with BASE_URL, SCREENSHOT_DIR, CHROMIUM and SCENARIO (JSON arguments) in the environment.
// Prints what it does; "READY <what>" tells PortalIT to act (start a station charging, say). Exits 1 on the first failure.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';

const require = createRequire(import.meta.url);
const scenario = process.argv[2];
const base = process.env.BASE_URL || 'http://localhost:9080';
const shots = process.env.SCREENSHOT_DIR || 'screenshots';
const args = JSON.parse(process.env.SCENARIO || '{}');
mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
// the production sign-in runs over HTTPS with throwaway certificates
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ignoreHTTPSErrors: true });
const page = await context.newPage();
const problems = [];
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
// the scenarios provoke 400s (a refused form) and 404s (no profile yet, another CPO's group); anything else is a problem
// (the portal's own: an identity provider's pages are not the portal's business)
page.on('console', (m) => {
  if (m.type() === 'error' && (m.location().url || '').startsWith(base) && !/status of 40[04]/.test(m.text())) problems.push(`console: ${m.text()}`);
});

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function shot(name) {
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  console.log(`screenshot ${shots}/${name}.png`);
}

/** No serious or critical axe-core violations on the page as it is. */
async function accessible(where) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const text = bad.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  check(bad.length === 0, `axe-core on ${where}:\n  ${text.join('\n  ')}`);
  console.log(`axe-core: no serious or critical violations on ${where} (${result.violations.length} minor)`);
}

/** Readable at 390 px: nothing wider than the viewport. */
async function narrow(name) {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await shot(`${name}-390`);
  check(overflow <= 1, `at 390 px the page is ${overflow} px wider than the screen`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function signIn(role, { cpo, client } = {}) {
  await page.goto(`${base}/portal/`);
  await page.getByRole('heading', { name: 'Sign in to GridCharge' }).waitFor();
  await page.locator(`input[name=role][value=${role}]`).check();
  if (cpo) await page.getByLabel('CPO ids').fill(cpo);
  if (client) await page.getByLabel('Client id').fill(client);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Smart charging groups' }).waitFor();
  await page.locator('table.groups, .state.empty').first().waitFor();
  console.log(`signed in as ${role}`);
}

async function signOut() {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to GridCharge' }).waitFor();
}

async function openGroup(groupId) {
  await page.goto(`${base}/portal/#/groups/${encodeURIComponent(groupId)}`);
  await page.getByRole('heading', { name: 'Allocation' }).waitFor();
  await page.locator('.chart[data-points], .state.empty').first().waitFor();
}

const scenarios = {
  /** Each role signs in; a CPO admin creates a group (a refused value first); a capacity provider sees only its grant. */
  async roles() {
    // keyboard only: Tab to the roles, an arrow to pick one, Tab to the button, Enter
    await page.goto(`${base}/portal/`);
    await page.getByRole('heading', { name: 'Sign in to GridCharge' }).waitFor();
    const focused = () => page.evaluate(() => {
      const e = document.activeElement;
      return e ? `${e.tagName.toLowerCase()}${e.name ? `[name=${e.name}]` : ''}${e.value ? `=${e.value}` : ''}` : '';
    });
    for (let i = 0; i < 10 && !(await focused()).startsWith('input[name=role]'); i++) await page.keyboard.press('Tab');
    check((await focused()).startsWith('input[name=role]'), `Tab reaches the roles, not ${await focused()}`);
    await page.keyboard.press('ArrowUp'); // from the CPO admin, checked first, to the platform admin above it
    check(await focused() === 'input[name=role]=platform-admin', `an arrow picks the platform admin: ${await focused()}`);
    await page.keyboard.press('Tab');
    check((await focused()).startsWith('button'), `Tab reaches the sign-in button: ${await focused()}`);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Smart charging groups' }).waitFor();
    await page.locator('table.groups, .state.empty').first().waitFor();
    console.log('signed in as platform-admin with the keyboard only');
    await accessible('the group list');
    await shot('groups-platform-admin');
    await page.goto(`${base}/portal/#/groups/${encodeURIComponent(args.grantedId)}`);
    await page.getByRole('heading', { name: args.grantedName, level: 1 }).waitFor();
    console.log('a platform admin sees a CPO\'s group');
    await signOut();

    await page.getByRole('radio', { name: /CPO admin/ }).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.field.invalid').filter({ hasText: 'CPO ids' }).waitFor();
    console.log('the sign-in form shows the missing CPO id next to its field');
    await signIn('cpo-admin', { cpo: args.cpo });
    // the tree: the granted group hangs under the board, so it shows once the board is opened, with its warnings
    await page.getByRole('link', { name: args.board }).waitFor();
    check(await page.getByRole('link', { name: args.grantedName }).count() === 0, 'a nested group waits under its parent');
    await page.getByRole('button', { name: `Show the nested groups of ${args.board}` }).click();
    const nestedRow = page.locator('table.groups tbody tr').filter({ has: page.getByRole('link', { name: args.grantedName }) });
    await nestedRow.locator('.badge', { hasText: '1 station offline' }).waitFor();
    console.log(`opened the board: ${args.grantedName} under it, warned: ${(await nestedRow.locator('.badge').allTextContents()).join(', ')}`);
    check(await page.getByRole('button', { name: `Hide the nested groups of ${args.board}` }).getAttribute('aria-expanded') === 'true',
      'the open board says so');
    await accessible('the group list opened onto a nested group');
    await shot('groups-tree');
    await page.getByRole('button', { name: 'New group' }).click();
    await page.getByLabel('Name').fill(args.newName);
    await page.getByLabel('Default capacity (A per phase)').fill('-5');
    await page.getByLabel('EVSE ids').fill(args.evses.join('\n'));
    await page.getByRole('button', { name: 'Create group' }).click();
    const invalid = page.locator('.field.invalid').filter({ hasText: 'Default capacity' });
    await invalid.waitFor();
    console.log(`refused next to its field: ${(await invalid.locator('.field-error').textContent()).trim()}`);
    await accessible('the new-group form with an error');
    await shot('group-form-error');
    await page.getByLabel('Default capacity (A per phase)').fill('40');
    await page.getByRole('button', { name: 'Create group' }).click();
    await page.getByRole('heading', { name: args.newName, level: 1 }).waitFor();
    await page.locator('.chart[data-points], .state.empty').first().waitFor();
    console.log(`created ${args.newName}; its page is open`);
    await accessible('a group page');
    await narrow('group-page');
    await signOut();

    await signIn('capacity-provider', { client: args.client });
    check(await page.getByRole('link', { name: args.grantedName }).count() === 1, 'the granted group is listed');
    check(await page.locator('table.groups tbody tr').count() === 1, 'a capacity provider sees only its granted group');
    await shot('groups-capacity-provider');
    await page.goto(`${base}/portal/#/groups/${encodeURIComponent(args.otherGroup)}`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const said = await alert.textContent();
    check(/does not exist or is not visible/.test(said), `another CPO's group shows the API's 404 detail, not: ${said}`);
    console.log(`another CPO's group: ${said.trim()}`);
    await narrow('groups-capacity-provider');
  },

  /** A capacity profile pasted as CSV: a bad row is marked, the preview drawn, and once saved the chart's capacity follows. */
  async profile() {
    await signIn('cpo-admin', { cpo: args.cpo });
    await openGroup(args.group);
    const now = Date.now();
    const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
    const csv = (capacity, endOffset) => `start,end,capacity\n${iso(now - 3600e3)},${iso(now + 3 * 3600e3)},${capacity}\n`
      + `${iso(now + 3 * 3600e3)},${iso(now + endOffset)},60\n`;
    const area = page.getByLabel('Periods: start, end, capacity (A) per line');
    await area.fill(csv(args.capacity, 2 * 3600e3)); // the second period ends before it starts
    await page.locator('.chart.small[data-periods="1"]').last().waitFor();
    await page.getByRole('button', { name: 'Save profile' }).click();
    const bad = page.locator('tr.invalid');
    await bad.waitFor();
    console.log(`the refused period is marked: ${(await bad.textContent()).trim()}`);
    await area.fill(csv(args.capacity, 6 * 3600e3));
    await page.locator('.chart.small[data-periods="2"]').last().waitFor();
    await shot('capacity-profile-preview');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Saved: 2 periods.').waitFor();
    await page.locator(`.chart[data-capacity="${args.capacity}"]`).waitFor({ timeout: 30000 });
    console.log(`the chart's capacity line is at ${args.capacity} A`);
    await accessible('a group page with a capacity profile');
    await shot('capacity-profile-saved');

    // weekly rules in a time zone: a rule without a capacity is refused on its row, then saved
    const weekly = page.locator('section[aria-labelledby="weekly-title"]');
    await weekly.getByLabel('Time zone').selectOption('Europe/Amsterdam');
    await weekly.getByRole('button', { name: 'Add a rule' }).click();
    await weekly.getByLabel('Rule 1: day').selectOption('SATURDAY');
    await weekly.getByRole('button', { name: 'Save weekly capacity' }).click();
    await weekly.locator('tr.invalid').waitFor();
    console.log(`the rule without a capacity is marked: ${(await weekly.locator('tr.invalid .field-error').textContent()).trim()}`);
    await weekly.getByLabel('Rule 1: capacity').fill('30');
    await weekly.getByRole('button', { name: 'Save weekly capacity' }).click();
    await weekly.getByText('Saved: 1 rules in Europe/Amsterdam.').waitFor();
    console.log('weekly capacity saved: Saturdays 30 A in Europe/Amsterdam');
    await accessible('the weekly capacity editor');
  },

  /** An onboarding file with bad rows: uploaded with progress, the bad rows listed with line and reason, and downloadable. */
  async onboarding() {
    await signIn('cpo-admin', { cpo: args.cpo });
    await page.getByRole('link', { name: 'Onboarding and exports' }).click();
    await page.getByRole('heading', { name: 'Onboard EVSEs' }).waitFor();
    await page.getByLabel('File (.csv, .jsonl)').setInputFiles({ name: 'evses.csv', mimeType: 'text/csv', buffer: Buffer.from(args.csv) });
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.locator('.job[data-status="completed"]').first().waitFor({ timeout: 60000 });
    const rows = page.locator('table.rejected tbody tr');
    const listed = await rows.allTextContents();
    console.log(`rejected rows listed: ${listed.join(' | ')}`);
    check(listed.length === args.rejectedLines.length, `${args.rejectedLines.length} rejected rows are listed, not ${listed.length}`);
    args.rejectedLines.forEach((line, i) => check(listed[i].startsWith(String(line)), `row ${i} is line ${line}: ${listed[i]}`));
    check(await page.getByText(`${args.written} written`).count() === 1, `${args.written} rows written`);
    const [file] = await Promise.all([page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the rejected rows (CSV)' }).click()]);
    const text = await (await import('node:fs/promises')).readFile(await file.path(), 'utf8');
    check(args.rejectedLines.every((line) => text.includes(`${line},`)), `the download lists every rejected line:\n${text}`);
    console.log(`downloaded ${file.suggestedFilename()} (${text.trim().split('\n').length} lines)`);
    await accessible('onboarding with rejected rows');
    await shot('onboarding-rejected-rows');
    await narrow('onboarding');
  },

  /** The production sign-in: OpenID Connect at a real provider (authorization code with PKCE), its token used by the API. */
  async oidc() {
    await page.goto(`${base}/portal/`);
    await page.getByRole('heading', { name: 'Sign in to GridCharge' }).waitFor();
    check(await page.locator('input[name=role]').count() === 0, 'the production profile offers no role to pick');
    const requests = [];
    page.on('request', (r) => { if (r.url().startsWith(`${args.issuer}/auth`)) requests.push(new URL(r.url())); });
    await page.getByRole('button', { name: `Sign in with ${new URL(args.issuer).host}` }).click();
    await page.locator('input[name=login]').waitFor();
    check(page.url().startsWith(args.issuer), `the provider's page, not ${page.url()}`);
    const asked = requests[0].searchParams;
    check(asked.get('response_type') === 'code' && asked.get('code_challenge_method') === 'S256' && asked.get('code_challenge')
      && asked.get('state'), `an authorization code request with PKCE and state: ${requests[0]}`);
    console.log(`at the provider, asked for a code with PKCE (S256) as ${asked.get('client_id')}, scope ${asked.get('scope')}`);
    await page.locator('input[name=login]').fill('operator@example.test');
    await page.locator('input[name=password]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Smart charging groups' }).waitFor();
    check(!page.url().includes('code='), `the code is taken out of the address: ${page.url()}`);
    await page.getByText(`CPO admin · ${args.cpo}`).waitFor();
    await page.getByRole('link', { name: args.groupName }).waitFor();
    const claims = await page.evaluate(() => {
      const token = JSON.parse(sessionStorage.getItem('gridcharge.session')).token;
      return JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    });
    check(claims.iss === args.issuer, `the token is the provider's: ${claims.iss}`);
    console.log(`signed in through ${claims.iss} as ${claims.sub}; the API listed ${args.groupName} with that token`);
    await accessible('the group list after the OpenID Connect sign-in');
    await shot('oidc-signed-in');
  },

  /** The chart moves while it is open: PortalIT starts a station charging after READY. */
  async live() {
    await signIn('cpo-admin', { cpo: args.cpo });
    await openGroup(args.group);
    await page.locator('[data-live="live"]').waitFor();
    const before = await page.locator('.chart').getAttribute('data-allotted', { timeout: 5000 });
    console.log(`allotted before: ${before}`);
    check(Number(before) === args.before, `before the station charges the chart shows ${args.before} A, not ${before}`);
    await shot('allocation-chart-before');
    console.log('READY chart');
    await page.waitForFunction((expect) => {
      const chart = document.querySelector('.chart[data-allotted]');
      return chart && Number(chart.dataset.allotted) === expect;
    }, args.expect, { timeout: 45000 });
    const after = await page.locator('.chart').getAttribute('data-allotted');
    console.log(`the chart moved without a reload: ${after} A allotted`);
    await shot('allocation-chart-live');

    // the station behind the EVSE: connected over OCPP 1.6, its last limit accepted, and its limits sent again
    await page.getByRole('link', { name: args.station }).click();
    await page.getByRole('heading', { name: args.station, level: 1 }).waitFor();
    await page.locator('.facts').getByText('connected', { exact: true }).waitFor();
    const facts = await page.locator('.facts').textContent();
    check(/1\.6/.test(facts), `the station's protocol is shown: ${facts}`);
    await page.locator('tbody tr').filter({ hasText: '20 A' }).filter({ hasText: 'accepted' }).waitFor();
    console.log('the station page shows it connected over OCPP 1.6, its last limit 20 A, accepted');
    await page.getByRole('button', { name: 'Send its limits again' }).click();
    const answered = page.getByText('The station answered');
    await answered.waitFor({ timeout: 30000 });
    console.log(`resent: ${(await answered.textContent()).trim()}`);
    await accessible('a station page');
    await shot('station');

    // the priority the driver asked for, in the insights
    await page.getByRole('link', { name: 'Priority insights' }).click();
    await page.locator('tbody tr').filter({ hasText: args.requestedBy }).waitFor();
    check(await page.locator('canvas[aria-label*="requests over"]').count() === 1, 'requests per day are charted');
    console.log(`priority insights list the request by ${args.requestedBy}`);
    await accessible('priority insights');
    await shot('priority-insights');
    await narrow('priority-insights');
  },
};

let failed = false;
try {
  check(scenarios[scenario], `no scenario ${scenario}`);
  await scenarios[scenario]();
  check(problems.length === 0, `the page reported errors:\n  ${problems.join('\n  ')}`);
  console.log(`PASS ${scenario}`);
} catch (e) {
  failed = true;
  console.log(`FAIL ${scenario}: ${e.message}`);
  await shot(`failed-${scenario}`).catch(() => {});
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
