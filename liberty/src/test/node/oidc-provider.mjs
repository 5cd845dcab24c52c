// A real OpenID provider for PortalSignInIT: the npm package oidc-provider, over HTTPS, with its development sign-in
// pages (any login, any password, then consent). The portal is its public client (authorization code with PKCE); the
// access tokens are RS256 JWTs (RFC 9068) carrying the platform's claims: groups (cpo-admin) and cpo_ids (OIDC_CPO).
//   node oidc-provider.mjs   with PORT, TLS_KEY, TLS_CERT (PEM), PUBLIC_KEY_OUT (where to write the signing key's
//   public PEM for the platform), PORTAL_ORIGIN (the portal's https origin), OIDC_CPO. Prints "READY <issuer>".
import https from 'node:https';
import { readFileSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT || 9777);
const issuer = `https://localhost:${port}`;
const portal = process.env.PORTAL_ORIGIN;
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
writeFileSync(process.env.PUBLIC_KEY_OUT, publicKey.export({ type: 'spki', format: 'pem' }));
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'portal-it', use: 'sig', alg: 'RS256' };
const API = 'urn:gridcharge:api';

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'gridcharge-portal',
    token_endpoint_auth_method: 'none',
    redirect_uris: [`${portal}/portal/`],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  jwks: { keys: [jwk] },
  scopes: ['openid', 'gridcharge'],
  pkce: { required: () => true },
  clientBasedCORS: (ctx, origin) => origin === portal,
  features: {
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => API,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: 'gridcharge', audience: API, accessTokenTTL: 3600, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
  extraTokenClaims: (ctx, token) => (token.kind === 'AccessToken'
    ? { groups: ['cpo-admin'], cpo_ids: [process.env.OIDC_CPO], upn: token.accountId } : undefined),
  findAccount: (ctx, id) => ({ accountId: id, claims: () => ({ sub: id }) }),
});
provider.proxy = false;
// the development pages log a warning each time; quiet
provider.on('server_error', (ctx, err) => console.error('server_error', err));

https.createServer({ key: readFileSync(process.env.TLS_KEY), cert: readFileSync(process.env.TLS_CERT) }, provider.callback())
  .listen(port, () => console.log(`READY ${issuer}`));
