// The groups a caller may see, as a tree (nested groups under their parent), and the form that creates or edits one.
import { useState } from 'preact/hooks';
import { html, Loading, Empty, ErrorBox, Field, useLoad, names } from './ui.js';
import { get, post, patch, enc } from './api.js';
import { session, manages } from './session.js';

export const ALGORITHMS = ['equal_share', 'first_come_first_served', 'priority', 'deadline', 'time_of_use', 'none'];

/** The algorithms' parameters as the form names them. */
const PARAMETERS = {
  min_current_amps: 'Minimum current (A): a session gets at least this, or nothing',
  redistribution_margin_amps: 'Redistribution margin (A) above what a session draws',
  max_priority_sessions: 'Priority sessions at most',
  session_started_seconds: 'Seconds a new session keeps its start limit',
  default_stay_minutes: 'Assumed stay (minutes) when the driver said nothing',
  default_energy_kwh: 'Assumed energy need (kWh) when the driver said nothing',
};

const PAGE = 20;
/** Nested groups shown under a group at first, and how many more each "show more" adds. */
const CHILDREN = 50;

/** Runs at most four of these calls at a time: a page of groups asks for each one's figures without crowding the server. */
const queue = { running: 0, waiting: [] };
function queued(call) {
  return new Promise((resolve, reject) => {
    const run = () => {
      queue.running++;
      call().then(resolve, reject).finally(() => {
        queue.running--;
        if (queue.waiting.length) queue.waiting.shift()();
      });
    };
    if (queue.running < 4) run();
    else queue.waiting.push(run);
  });
}

const phases = (p) => (p ? `${Math.round(p.l1)} / ${Math.round(p.l2)} / ${Math.round(p.l3)}` : '–');
const COLUMNS = 7;

export function Groups() {
  const s = session();
  const [offset, setOffset] = useState(0);
  // the tops of the caller's trees, a page at a time; each opens onto the groups under it
  const list = useLoad(() => get(`/smart-charging-groups?top_level=true&offset=${offset}&limit=${PAGE}`), [offset]);
  const [creating, setCreating] = useState(false);
  const canCreate = s.role !== 'capacity-provider';
  const page = list.data;
  return html`<section aria-labelledby="groups-title">
    <div class="title-row">
      <h1 id="groups-title">Smart charging groups</h1>
      ${canCreate && !creating && html`<button type="button" class="primary" onClick=${() => setCreating(true)}>New group</button>`}
    </div>
    ${creating && html`<${GroupForm} onDone=${(g) => { setCreating(false); if (g) location.hash = `#/groups/${enc(g.group_id)}`; }} />`}
    ${list.loading && !page && html`<${Loading} what="Loading groups" />`}
    <${ErrorBox} error=${list.error} retry=${list.reload} />
    ${page && page.total === 0 && html`<${Empty}>${s.role === 'capacity-provider'
      ? 'No group has been granted to you yet. A CPO grants one with PUT /smart-charging-groups/{id}/grants/{client_id}.'
      : 'No groups yet. Create one with the button above.'}</${Empty}>`}
    ${page && page.items.length > 0 && html`<div class="table-wrap"><table class="groups">
      <caption class="sr-only">Groups; a group with nested groups opens onto them</caption>
      <thead><tr><th scope="col">Group</th><th scope="col">CPO</th><th scope="col">Capacity now (L1/L2/L3)</th>
        <th scope="col">Allotted (L1/L2/L3)</th><th scope="col">Sessions</th><th scope="col">EVSEs</th><th scope="col">Warnings</th></tr></thead>
      <tbody>${page.items.map((group) => html`<${GroupRow} key=${group.group_id} g=${group} depth=${0} />`)}</tbody>
    </table></div>
    ${page.total > PAGE && html`<nav class="pager" aria-label="Group pages">
      <button type="button" disabled=${offset === 0} onClick=${() => setOffset(Math.max(0, offset - PAGE))}>Previous</button>
      <span>${offset + 1}–${offset + page.items.length} of ${page.total}</span>
      <button type="button" disabled=${offset + PAGE >= page.total} onClick=${() => setOffset(offset + PAGE)}>Next</button>
    </nav>`}`}
  </section>`;
}

/**
 * A group and its figures now (its subtree's capacity, allotted and sessions; its stations offline and limits refused),
 * which load on their own; a group with nested groups opens onto them, a page at a time.
 */
function GroupRow({ g, depth }) {
  const tree = useLoad(() => queued(() => get(`/smart-charging-groups/${enc(g.group_id)}/tree`)), [g.group_id]);
  const summary = useLoad(() => queued(() => get(`/smart-charging-groups/${enc(g.group_id)}/evse-summary`)), [g.group_id]);
  const [open, setOpen] = useState(false);
  const node = tree.data ? tree.data.nodes[0] : null;
  const unit = g.capacity_unit === 'W' ? ' W' : ' A';
  const figure = (value) => (node ? value : tree.error ? 'unknown' : '…');
  const label = `nested groups of ${g.name}`;
  return html`<tr>
    <th scope="row" style=${`padding-left:${0.5 + depth * 1.25}rem`}>
      ${g.has_children && html`<button type="button" class="disclose" aria-expanded=${open ? 'true' : 'false'}
        aria-label=${`${open ? 'Hide' : 'Show'} the ${label}`} onClick=${() => setOpen(!open)}>${open ? '▾' : '▸'}</button>`}
      <a href=${`#/groups/${enc(g.group_id)}`}>${g.name}</a><small class="id">${g.group_id}</small></th>
    <td>${g.cpo_id}</td>
    <td>${figure(node && (node.capacity ? phases(node.capacity) + unit : '–'))}</td>
    <td>${figure(node && (node.allotted ? phases(node.allotted) + unit : '–'))}</td>
    <td>${figure(node && node.sessions)}</td>
    <td>${g.evse_count}</td>
    <td>${warnings(g, node, summary.data).map((w) => html`<span class="badge warn">${w}</span>`)}</td>
  </tr>
  ${open && html`<${Children} parent=${g} depth=${depth + 1} label=${label} />`}`;
}

/** The groups hanging directly under a group, as rows under its row, fifty at a time. */
function Children({ parent, depth, label }) {
  const [pages, setPages] = useState(1);
  return html`${Array.from({ length: pages }, (_, i) => html`<${ChildPage} key=${i} parent=${parent} depth=${depth} label=${label}
    offset=${i * CHILDREN} last=${i === pages - 1} more=${() => setPages(pages + 1)} />`)}`;
}

/** One page of a group's children; the last page offers the next. */
function ChildPage({ parent, depth, label, offset, last, more }) {
  const children = useLoad(() => get(`/smart-charging-groups?parent_group_id=${enc(parent.group_id)}&offset=${offset}&limit=${CHILDREN}`),
    [parent.group_id, offset]);
  const page = children.data;
  const indent = `padding-left:${0.5 + depth * 1.25}rem`;
  const note = (content) => html`<tr><td colspan=${COLUMNS} style=${indent}>${content}</td></tr>`;
  const shown = page ? offset + page.items.length : 0;
  return html`
    ${children.loading && !page && note(html`<${Loading} what=${`Loading the ${label}`} />`)}
    ${children.error && note(html`<${ErrorBox} error=${children.error} retry=${children.reload} />`)}
    ${page && page.total === 0 && note(html`<${Empty}>No nested group you may see.</${Empty}>`)}
    ${page && page.items.map((child) => html`<${GroupRow} key=${child.group_id} g=${child} depth=${depth} />`)}
    ${page && last && page.total > shown && note(html`<button type="button" onClick=${more}>
      Show more of the ${label} (${shown} of ${page.total})</button>`)}`;
}

function warnings(g, node, summary) {
  const w = [];
  if (g.capacity_source === 'meter_stale') w.push('stale meter');
  if (g.incomplete) w.push('no EVSEs');
  if (node && node.headroom && ['l1', 'l2', 'l3'].some((p) => node.headroom[p] < 0)) w.push('over capacity');
  if (summary && summary.stations_offline > 0) w.push(`${summary.stations_offline} station${summary.stations_offline > 1 ? 's' : ''} offline`);
  if (summary && summary.limits_refused > 0) w.push(`${summary.limits_refused} limit${summary.limits_refused > 1 ? 's' : ''} refused`);
  return w;
}

/** Creates a group (no `group`) or edits one: the API's validation errors show next to the field they name. */
export function GroupForm({ group, onDone }) {
  const s = session();
  const [form, setForm] = useState(() => ({
    cpo_id: group ? group.cpo_id : s.cpoIds[0] || '',
    name: group ? group.name : '',
    default_capacity_amps: group ? String(group.default_capacity_amps) : '',
    algorithm: group ? group.algorithm.name : 'equal_share',
    // the algorithm's parameters as the group has them (a new group, or another algorithm: the minimum current, the
    // server fills in the rest)
    params: group ? Object.fromEntries(Object.entries(group.algorithm.parameters).map(([k, v]) => [k, String(v)])) : { min_current_amps: '6' },
    evse_ids: '',
    remarks: group ? group.remarks || '' : '',
  }));
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (name) => (e) => setForm({ ...form, [name]: e.target.value });
  const setParam = (name) => (e) => setForm({ ...form, params: { ...form.params, [name]: e.target.value } });
  const pickAlgorithm = (e) => {
    const name = e.target.value;
    const params = group && name === group.algorithm.name
      ? Object.fromEntries(Object.entries(group.algorithm.parameters).map(([k, v]) => [k, String(v)]))
      : name === 'none' ? {} : { min_current_amps: form.params.min_current_amps || '6' };
    setForm({ ...form, algorithm: name, params });
  };
  const number = (v) => (v.trim() === '' ? null : Number(v));

  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const algorithm = { name: form.algorithm, parameters: Object.fromEntries(Object.entries(form.params).map(([k, v]) => [k, number(v)])) };
    try {
      let saved;
      if (group) {
        saved = await patch(`/smart-charging-groups/${enc(group.group_id)}`, {
          name: form.name, remarks: form.remarks || null, default_capacity_amps: number(form.default_capacity_amps), algorithm,
        });
      } else {
        saved = await post('/smart-charging-groups', {
          cpo_id: form.cpo_id.trim(), name: form.name, remarks: form.remarks || null, default_capacity_amps: number(form.default_capacity_amps),
          algorithm, evse_ids: form.evse_ids.split(/[\s,]+/).filter(Boolean),
        });
      }
      onDone(saved);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const input = (name, props = {}) => (id, describedBy) => html`<input id=${id} name=${name} value=${form[name]} onInput=${set(name)}
    aria-describedby=${describedBy} aria-invalid=${error && error.field === name ? 'true' : undefined} ...${props} />`;
  const known = ['cpo_id', 'name', 'default_capacity_amps', 'algorithm', 'algorithm.name', 'evse_ids', 'remarks',
    ...Object.keys(form.params).map((k) => `algorithm.parameters.${k}`)];
  return html`<form class="card" onSubmit=${submit} aria-label=${group ? 'Edit the group' : 'New group'}>
    <h2>${group ? 'Settings' : 'New group'}</h2>
    <div class="grid">
      ${!group && html`<${Field} label="CPO id" name="cpo_id" error=${error}>${input('cpo_id', { required: true })}</${Field}>`}
      <${Field} label="Name" name="name" error=${error}>${input('name', { required: true })}</${Field}>
      <${Field} label="Default capacity (A per phase)" name="default_capacity_amps" error=${error}
        hint="used when no profile, rule, meter or file gives one">${input('default_capacity_amps', { inputmode: 'decimal' })}</${Field}>
      <${Field} label="Algorithm" name="algorithm" error=${error}>${(id, describedBy) => html`<select id=${id} value=${form.algorithm}
        onChange=${pickAlgorithm} aria-describedby=${describedBy}>${ALGORITHMS.map((a) => html`<option value=${a}>${a.replace(/_/g, ' ')}</option>`)}</select>`}</${Field}>
      ${Object.keys(form.params).map((k) => html`<${Field} key=${k} label=${PARAMETERS[k] || k.replace(/_/g, ' ')} name=${`algorithm.parameters.${k}`} error=${error}>
        ${(id, describedBy) => html`<input id=${id} name=${k} value=${form.params[k]} onInput=${setParam(k)} inputmode="decimal" aria-describedby=${describedBy} />`}</${Field}>`)}
      ${!group && html`<${Field} label="EVSE ids" name="evse_ids" error=${error} hint="at least one; separated by commas or new lines">
        ${(id, describedBy) => html`<textarea id=${id} rows="3" value=${form.evse_ids} onInput=${set('evse_ids')} aria-describedby=${describedBy}></textarea>`}</${Field}>`}
      <${Field} label="Remarks" name="remarks" error=${error}>${input('remarks')}</${Field}>
    </div>
    ${error && !known.some((k) => names(error, k))
      && html`<${ErrorBox} error=${error} />`}
    <div class="actions">
      <button type="submit" class="primary" disabled=${busy}>${busy ? 'Saving…' : group ? 'Save' : 'Create group'}</button>
      <button type="button" onClick=${() => onDone(null)}>Cancel</button>
    </div>
  </form>`;
}

export { manages };
