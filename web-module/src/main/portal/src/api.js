// The platform's public REST API, as the portal calls it: every action here is one an integration could script.
import { session, signOut } from './session.js';

export const API = '/api/v1';

/** An answer other than 2xx: its status and problem document (RFC 9457), whose detail the portal shows. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.field = problem.field || null;
  }
}

function headers(token, extra) {
  const h = { Accept: 'application/json', ...extra };
  if (token) h.Authorization = `Bearer ${token}`;
  return h;
}

async function problemOf(response) {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return { title: response.statusText, detail: text ? text.slice(0, 300) : `HTTP ${response.status} from the server` };
  }
}

/**
 * One call: the parsed JSON answer (null for 204), or an ApiError. A 401 signs out the session that made the call. After
 * a sign-out, calls still waiting (a page's queued figures) are not made: only the sign-in's own calls go without a token.
 */
export async function call(method, path, body, contentType = 'application/json') {
  const signIn = path.startsWith('/portal/');
  const token = session() ? session().token : null;
  if (!token && !signIn) throw new ApiError(401, { title: 'Signed out', detail: 'Sign in to see this.' });
  let response;
  try {
    response = await fetch(API + path, {
      method,
      headers: headers(token, body === undefined ? {} : { 'Content-Type': contentType }),
      body: body === undefined ? undefined : contentType === 'application/json' ? JSON.stringify(body) : body,
    });
  } catch (e) {
    throw new ApiError(0, { title: 'No answer', detail: `The server did not answer (${e.message}).` });
  }
  if (response.status === 401 && !signIn && session() && session().token === token) {
    signOut('Your sign-in expired or was refused: sign in again.');
  }
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body);
export const put = (path, body) => call('PUT', path, body);
export const patch = (path, body) => call('PATCH', path, body, 'application/merge-patch+json');
export const del = (path) => call('DELETE', path);

/** Every item of a paged list (offset/limit/total), at most `max`. */
export async function all(path, max = 5000) {
  const items = [];
  const sep = path.includes('?') ? '&' : '?';
  for (let offset = 0; offset < max;) {
    const page = await get(`${path}${sep}offset=${offset}&limit=500`);
    items.push(...page.items);
    offset += page.items.length;
    if (page.items.length === 0 || offset >= page.total) break;
  }
  return items;
}

export const enc = encodeURIComponent;

/**
 * Follows a server-sent-events stream with the bearer token (EventSource cannot send one): calls onEvent(type, data, id)
 * per event, reconnects with Last-Event-ID after a drop; onState('live', true) says it is back after one. Returns a
 * function that stops it.
 */
export function follow(path, onEvent, onState = () => {}) {
  const controller = new AbortController();
  let lastId = null;
  let stopped = false;
  let connected = false;
  const run = async () => {
    while (!stopped) {
      try {
        const token = session() ? session().token : null;
        if (!token) return; // signed out: the stream ends
        const h = headers(token, { Accept: 'text/event-stream' });
        if (lastId) h['Last-Event-ID'] = lastId;
        const response = await fetch(API + path, { headers: h, signal: controller.signal });
        if (!response.ok) {
          onState('error', (await problemOf(response)).detail);
          if (response.status === 401 && session() && session().token === token) signOut('Your sign-in expired or was refused: sign in again.');
          if (response.status === 404 || response.status === 403 || response.status === 401) return;
        } else {
          // after a drop: what was written meanwhile may predate the first event id, so the caller reads it again
          onState('live', connected);
          connected = true;
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += value;
            let end;
            while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
              let type = 'message', data = '', id = null;
              for (const line of block.split(/\r?\n/)) {
                if (line.startsWith('event:')) type = line.slice(6).trim();
                else if (line.startsWith('data:')) data += (data ? '\n' : '') + line.slice(5).replace(/^ /, '');
                else if (line.startsWith('id:')) id = line.slice(3).trim();
              }
              if (id) lastId = id;
              if (data) onEvent(type, data, id);
            }
          }
        }
      } catch (e) {
        if (stopped) return;
      }
      if (!stopped) {
        onState('reconnecting');
        await new Promise((r) => setTimeout(r, 3000));
      }
    }
  };
  run();
  return () => {
    stopped = true;
    controller.abort();
  };
}
