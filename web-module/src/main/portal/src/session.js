// Who is signed in: the access token and what the portal shows of it, kept for this browser tab only.
const KEY = 'gridcharge.session';
const listeners = new Set();
let notice = null;

export function session() {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  const s = JSON.parse(raw);
  if (s.expires && s.expires < Date.now()) {
    sessionStorage.removeItem(KEY);
    return null;
  }
  return s;
}

/** Reads role, CPOs and client id from the token's claims (for display and for what to offer; the API decides). */
export function signIn(token, expiresInSeconds) {
  const claims = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  const roles = claims.groups || [];
  const role = ['platform-admin', 'cpo-admin', 'capacity-provider'].find((r) => roles.includes(r)) || roles[0] || 'unknown';
  const s = {
    token,
    role,
    subject: claims.sub,
    cpoIds: claims.cpo_ids || [],
    clientId: role === 'capacity-provider' ? claims.client_id || null : null, // RFC 9068 tokens name their OAuth client there too
    expires: (claims.exp ? claims.exp * 1000 : Date.now() + expiresInSeconds * 1000),
  };
  sessionStorage.setItem(KEY, JSON.stringify(s));
  notice = null;
  listeners.forEach((l) => l());
}

export function signOut(message = null) {
  sessionStorage.removeItem(KEY);
  notice = message;
  listeners.forEach((l) => l());
}

export function signOutNotice() {
  return notice;
}

export function onSessionChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** May this caller change the CPO's groups? (platform admins, and the CPO's own admins) */
export function manages(s, cpoId) {
  return s && (s.role === 'platform-admin' || (s.role === 'cpo-admin' && s.cpoIds.includes(cpoId)));
}
