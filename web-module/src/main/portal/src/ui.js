// Shared pieces: htm bound to Preact, and the loading, empty and error states every view uses.
import { h } from 'preact';
import { useEffect, useState, useCallback, useRef } from 'preact/hooks';
import htm from 'htm';

export const html = htm.bind(h);

export function Loading({ what = 'Loading' }) {
  return html`<p class="state loading" role="status">${what}…</p>`;
}

export function Empty({ children }) {
  return html`<p class="state empty">${children}</p>`;
}

/** An API error: its problem detail (and the field it names), never a blank page. */
export function ErrorBox({ error, retry }) {
  if (!error) return null;
  const p = error.problem || {};
  return html`<div class="error" role="alert">
    <strong>${p.title || 'Something went wrong'}${error.status ? ` (${error.status})` : ''}</strong>
    <p>${p.detail || error.message}</p>
    ${retry && html`<button type="button" onClick=${retry}>Try again</button>`}
  </div>`;
}

/** Loads with `load()` on mount and whenever `deps` change: {data, error, loading, reload}. */
export function useLoad(load, deps) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const latest = useRef(0);
  const reload = useCallback(() => {
    const mine = ++latest.current; // an older answer that comes late is dropped
    setState((s) => ({ ...s, loading: true, error: null })); // what was shown stays until the new answer
    load().then((data) => mine === latest.current && setState({ data, error: null, loading: false }),
      (error) => mine === latest.current && setState((s) => ({ data: s.data, error, loading: false })));
  }, deps);
  useEffect(reload, [reload]);
  return { ...state, reload };
}

/** Whether the API's error names this field (or an element of it, `evse_ids[2]`). */
export function names(error, name) {
  return !!(error && error.field && (error.field === name || error.field.startsWith(`${name}[`)));
}

/** A labelled input whose error shows when the API's problem names this field. */
export function Field({ label, name, error, hint, children }) {
  const id = `field-${name}`;
  const mine = names(error, name);
  return html`<div class=${`field${mine ? ' invalid' : ''}`}>
    <label for=${id}>${label}</label>
    ${children(id, mine ? `${id}-error` : hint ? `${id}-hint` : undefined)}
    ${hint && !mine && html`<small id=${`${id}-hint`}>${hint}</small>`}
    ${mine && html`<small class="field-error" id=${`${id}-error`} role="alert">${error.problem.detail}</small>`}
  </div>`;
}

export const amps = (v) => (v === null || v === undefined ? '–' : `${Math.round(v * 10) / 10} A`);
export const when = (iso) => (iso ? new Date(iso).toLocaleString() : '–');
