// Production sign-in: OpenID Connect authorization code with PKCE (RFC 7636) at the operator's provider, as a public
// client. The access token it returns is the JWT the API verifies.
import { signIn } from './session.js';

const PENDING = 'gridcharge.oidc';

const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const random = (n) => base64url(crypto.getRandomValues(new Uint8Array(n)));
const redirectUri = () => `${location.origin}/portal/`;

async function discover(issuer) {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`The identity provider's discovery document (${url}) answered ${response.status}`);
  return response.json();
}

/** Sends the browser to the provider's sign-in page. */
export async function startSignIn(oidc) {
  if (!oidc || !oidc.issuer) throw new Error('The server names no identity provider: set OIDC_ISSUER (or JWT_ISSUER).');
  const provider = await discover(oidc.issuer);
  const verifier = random(48);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const state = random(16);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, tokenEndpoint: provider.token_endpoint, clientId: oidc.client_id }));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: oidc.client_id,
    redirect_uri: redirectUri(),
    scope: oidc.scopes || 'openid',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  location.assign(`${provider.authorization_endpoint}?${query}`);
}

/** On the way back from the provider (?code=&state=): trades the code for tokens. False when this is no such return. */
export async function completeSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return false;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', `${location.pathname}${location.hash}`);
  if (params.has('error')) throw new Error(`The identity provider refused the sign-in: ${params.get('error_description') || params.get('error')}`);
  if (!pending || pending.state !== params.get('state')) throw new Error('The sign-in answer does not match the sign-in this tab started; try again.');
  const response = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code'),
      redirect_uri: redirectUri(),
      client_id: pending.clientId,
      code_verifier: pending.verifier,
    }),
  });
  const tokens = await response.json().catch(() => ({}));
  if (!response.ok || !tokens.access_token) {
    throw new Error(`The identity provider did not issue a token: ${tokens.error_description || tokens.error || response.status}`);
  }
  signIn(tokens.access_token, tokens.expires_in || 3600);
  return true;
}
