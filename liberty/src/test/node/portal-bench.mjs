// scripts/bench-portal.sh's browser part: loads a group page LOADS times in a fresh tab each and reports, from the
// start of navigation, when the allocation chart was drawn and when the whole page (chart and EVSE table) was shown (the
// portal's own performance marks), and how long picking another phase takes until it is drawn.
import { chromium } from 'playwright-core';

const base = process.env.BASE_URL;
const loads = Number(process.env.LOADS || 7);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const claims = JSON.parse(Buffer.from(process.env.TOKEN.split('.')[1], 'base64url').toString());
await context.addInitScript(([token, cpos]) => sessionStorage.setItem('gridcharge.session', JSON.stringify({
  token, role: 'cpo-admin', cpoIds: cpos, expires: Date.now() + 3600e3,
})), [process.env.TOKEN, claims.cpo_ids]);
const chart = [], page = [], input = [];
for (let i = 0; i < loads; i++) {
  const tab = await context.newPage();
  await tab.goto(`${base}/portal/#/groups/${encodeURIComponent(process.env.GROUP)}`);
  // the portal marks when the chart and the EVSE table are on screen (performance.mark, after the frame they are in)
  const mark = (name) => tab.waitForFunction((n) => {
    const m = performance.getEntriesByName(n);
    return m.length ? m[0].startTime : null;
  }, name, { timeout: 60000 }).then((h) => h.jsonValue());
  const drawn = await mark('gridcharge:chart-drawn');
  const shown = Math.max(drawn, await mark('gridcharge:evses-shown'));
  // and it answers: a phase picked is drawn
  const t0 = await tab.evaluate(() => performance.now());
  await tab.getByLabel('Phase').selectOption('l2');
  await tab.waitForFunction(() => document.querySelector('.chart[data-phase="l2"]'), null, { polling: 'raf' });
  const answered = await tab.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(performance.now()))));
  if (i > 0) { // the first load warms the server and the browser's cache
    chart.push(drawn);
    page.push(shown);
    input.push(answered - t0);
  }
  const points = await tab.locator('.chart').getAttribute('data-points');
  console.log(`  load ${i + 1}: chart drawn ${drawn.toFixed(0)} ms, page shown ${shown.toFixed(0)} ms, phase switched in ${(answered - t0).toFixed(0)} ms`
    + ` (${points} instants drawn)${i === 0 ? ' [warm-up, not counted]' : ''}`);
  await tab.close();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = (xs) => Math.max(...xs);
console.log(`median (max) of ${chart.length}: chart drawn ${median(chart).toFixed(0)} (${max(chart).toFixed(0)}) ms, `
  + `page shown ${median(page).toFixed(0)} (${max(page).toFixed(0)}) ms, phase switched ${median(input).toFixed(0)} (${max(input).toFixed(0)}) ms`);
await browser.close();
