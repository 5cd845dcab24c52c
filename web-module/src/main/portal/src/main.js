// The GridCharge portal: a client of the public REST API, served by the platform at /portal/.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { html, Loading } from './ui.js';
import { session, signOut, onSessionChange } from './session.js';
import { completeSignIn } from './oidc.js';
import { SignIn } from './signin.js';
import { Groups } from './groups.js';
import { GroupPage } from './group.js';
import { Jobs } from './jobs.js';
import { StationPage } from './stations.js';
import { Priority } from './priority.js';
import './style.css';

function route() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] === 'groups' && parts[1]) return { page: 'group', id: parts[1] };
  if (parts[0] === 'jobs') return { page: 'jobs' };
  if (parts[0] === 'stations' && parts[1]) return { page: 'station', id: parts[1] };
  if (parts[0] === 'priority') return { page: 'priority' };
  return { page: 'groups' };
}

const ROLE_NAMES = { 'platform-admin': 'Platform admin', 'cpo-admin': 'CPO admin', 'capacity-provider': 'Capacity provider' };

function App() {
  const [, refresh] = useState(0);
  const [where, setWhere] = useState(route());
  const [returning, setReturning] = useState(new URLSearchParams(location.search).has('code'));
  const [failure, setFailure] = useState(null);
  useEffect(() => onSessionChange(() => refresh((n) => n + 1)), []);
  useEffect(() => {
    const onHash = () => setWhere(route());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    completeSignIn().catch((e) => setFailure(e.message)).finally(() => setReturning(false));
  }, []);
  useEffect(() => {
    const main = document.getElementById('main');
    if (main) main.focus();
  }, [where.page, where.id]);
  const s = session();
  let body;
  if (returning) body = html`<${Loading} what="Signing in" />`;
  else if (!s) body = html`<${SignIn} failure=${failure} />`;
  else if (where.page === 'jobs') body = html`<${Jobs} />`;
  else if (where.page === 'station') body = html`<${StationPage} id=${where.id} key=${where.id} />`;
  else if (where.page === 'priority') body = html`<${Priority} />`;
  else if (where.page === 'group') body = html`<${GroupPage} id=${where.id} key=${where.id} />`;
  else body = html`<${Groups} />`;
  return html`
    <a class="skip" href="#main" onClick=${(e) => { e.preventDefault(); document.getElementById('main').focus(); }}>Skip to content</a>
    <header class="top">
      <a class="brand" href="#/groups">GridCharge</a>
      ${s && html`<nav aria-label="Main"><a href="#/groups" aria-current=${where.page === 'groups' ? 'page' : undefined}>Groups</a>
          <a href="#/priority" aria-current=${where.page === 'priority' ? 'page' : undefined}>Priority insights</a>
          ${s.role !== 'capacity-provider' && html`<a href="#/jobs" aria-current=${where.page === 'jobs' ? 'page' : undefined}>Onboarding and exports</a>`}</nav>
        <div class="who"><span data-role=${s.role}>${ROLE_NAMES[s.role] || s.role}${s.cpoIds.length ? ` · ${s.cpoIds.join(', ')}` : ''}${s.clientId ? ` · ${s.clientId}` : ''}</span>
          <button type="button" onClick=${() => signOut()}>Sign out</button></div>`}
    </header>
    <main id="main" tabindex="-1">${body}</main>`;
}

const root = document.getElementById('app');
root.textContent = '';
render(html`<${App} />`, root);
