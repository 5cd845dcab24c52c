// Sign-in: pick a role in the dev profile (the server mints the token), or the operator's OpenID provider in production.
import { useState } from 'preact/hooks';
import { html, Loading, ErrorBox, Field, useLoad } from './ui.js';
import { get, post } from './api.js';
import { signIn, signOutNotice } from './session.js';
import { startSignIn } from './oidc.js';

const ROLES = {
  'platform-admin': 'Platform admin: every CPO',
  'cpo-admin': 'CPO admin: the CPOs you name',
  'capacity-provider': 'Capacity provider (client): the groups granted to you',
};

function host(issuer) {
  try {
    return new URL(issuer).host;
  } catch {
    return 'your identity provider';
  }
}

export function SignIn({ failure }) {
  const config = useLoad(() => get('/portal/sign-in'), []);
  const [role, setRole] = useState('cpo-admin');
  const [cpos, setCpos] = useState('');
  const [client, setClient] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const notice = signOutNotice();

  if (config.loading) return html`<${Loading} what="Loading the sign-in" />`;
  if (config.error) return html`<${ErrorBox} error=${config.error} retry=${config.reload} />`;

  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = { role };
      if (role === 'cpo-admin') body.cpo_ids = cpos.split(/[\s,]+/).filter(Boolean);
      if (role === 'capacity-provider') body.client_id = client.trim();
      const token = await post('/portal/dev-tokens', body);
      signIn(token.access_token, token.expires_in);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const oidc = async () => {
    setBusy(true);
    try {
      await startSignIn(config.data.oidc);
    } catch (err) {
      setError({ problem: { title: 'Sign-in failed', detail: err.message } });
      setBusy(false);
    }
  };

  return html`<section class="card narrow" aria-labelledby="signin-title">
    <h1 id="signin-title">Sign in to GridCharge</h1>
    ${notice && html`<p class="notice" role="status">${notice}</p>`}
    ${failure && html`<${ErrorBox} error=${{ problem: { title: 'Sign-in failed', detail: failure } }} />`}
    ${config.data.method === 'oidc'
      ? html`<p>Sign in with your organisation's account.</p>
          <button type="button" class="primary" onClick=${oidc} disabled=${busy}>Sign in with ${host(config.data.oidc && config.data.oidc.issuer)}</button>
          ${error && !error.field && html`<${ErrorBox} error=${error} />`}`
      : html`<form onSubmit=${submit}>
          <p class="notice">Development profile: pick a role; the server signs a token with the development key.</p>
          <fieldset>
            <legend>Role</legend>
            ${config.data.roles.map((r) => html`<label class="choice"><input type="radio" name="role" value=${r}
              checked=${role === r} onChange=${() => setRole(r)} /> ${ROLES[r] || r}</label>`)}
          </fieldset>
          ${role === 'cpo-admin' && html`<${Field} label="CPO ids" name="cpo_ids" error=${error} hint="e.g. NL*GFX; several separated by commas">
            ${(id, describedBy) => html`<input id=${id} value=${cpos} onInput=${(e) => setCpos(e.target.value)} aria-describedby=${describedBy} />`}
          </${Field}>`}
          ${role === 'capacity-provider' && html`<${Field} label="Client id" name="client_id" error=${error} hint="the client id groups are granted to">
            ${(id, describedBy) => html`<input id=${id} value=${client} onInput=${(e) => setClient(e.target.value)} aria-describedby=${describedBy} />`}
          </${Field}>`}
          ${error && !['cpo_ids', 'client_id'].includes(error.field) && html`<${ErrorBox} error=${error} />`}
          <button type="submit" class="primary" disabled=${busy}>${busy ? 'Signing in…' : 'Sign in'}</button>
        </form>`}
  </section>`;
}
