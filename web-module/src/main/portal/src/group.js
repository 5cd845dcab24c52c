// One group: the live allocation chart, its EVSEs now, settings, capacity profile and grants.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html, Loading, Empty, ErrorBox, Field, useLoad, amps, when, names } from './ui.js';
import { get, put, del, enc, follow } from './api.js';
import { session, manages } from './session.js';
import { GroupForm } from './groups.js';
import { AllocationChart, ProfilePreview } from './charts.js';
import { parseCsv } from './data.js';
import { WeeklyCapacity } from './weekly.js';
import { chartPath, chartPoints, DAY } from './chart-request.js';

const RANGES = [['1h', 3600e3], ['6h', 6 * 3600e3], ['24h', 24 * 3600e3], ['7d', 7 * 24 * 3600e3]];

export function GroupPage({ id }) {
  const s = session();
  const group = useLoad(() => get(`/smart-charging-groups/${enc(id)}`), [id]);
  const [editing, setEditing] = useState(false);
  const [deleteError, setDeleteError] = useState(null);
  const [tick, setTick] = useState(0); // new allocation records: the EVSEs' table follows the chart
  if (group.error) return html`<p><a href="#/groups">← Groups</a></p><${ErrorBox} error=${group.error} retry=${group.reload} />`;
  const g = group.data;
  const mine = g && manages(s, g.cpo_id);
  const remove = async () => {
    if (!confirm(`Delete the group ${g.name}? Its EVSEs stay, without smart charging.`)) return;
    try {
      await del(`/smart-charging-groups/${enc(g.group_id)}`);
      location.hash = '#/groups';
    } catch (err) {
      setDeleteError(err);
    }
  };
  // the chart and the EVSEs load beside the group, not after it
  return html`<article aria-labelledby="group-title">
    <p><a href="#/groups">← Groups</a></p>
    ${!g ? html`<h1 id="group-title">Group</h1><${Loading} what="Loading the group" />` : html`
    <div class="title-row">
      <h1 id="group-title">${g.name}</h1>
      ${mine && html`<div class="actions">
        <button type="button" onClick=${() => setEditing(!editing)} aria-expanded=${editing}>Edit settings</button>
        <button type="button" class="danger" onClick=${remove}>Delete group</button></div>`}
    </div>
    <${ErrorBox} error=${deleteError} />
    <dl class="facts">
      <div><dt>Group id</dt><dd>${g.group_id}</dd></div>
      <div><dt>CPO</dt><dd>${g.cpo_id}</dd></div>
      <div><dt>Algorithm</dt><dd>${g.algorithm.name.replace(/_/g, ' ')}</dd></div>
      <div><dt>Capacity from</dt><dd>${g.capacity_source}</dd></div>
      <div><dt>Default capacity</dt><dd>${g.capacity_unit === 'W' ? `${g.default_capacity_amps} W` : amps(g.default_capacity_amps)}</dd></div>
      <div><dt>EVSEs</dt><dd>${g.evse_count}</dd></div>
      ${g.parent_group_id && html`<div><dt>Parent</dt><dd><a href=${`#/groups/${enc(g.parent_group_id)}`}>${g.parent_group_id}</a></dd></div>`}
    </dl>
    ${editing && html`<${GroupForm} group=${g} onDone=${(saved) => { setEditing(false); if (saved) group.reload(); }} />`}`}
    <${Allocation} groupId=${id} unit=${g && g.capacity_unit} quiet=${!g} onRecord=${() => setTick((t) => t + 1)} />
    <${EvsesNow} groupId=${id} tick=${tick} quiet=${!g} />
    ${g && html`<${CapacityProfile} group=${g} editable=${mine || s.role === 'capacity-provider'} onSaved=${group.reload} />`}
    ${g && html`<${WeeklyCapacity} group=${g} editable=${mine || s.role === 'capacity-provider'} onSaved=${group.reload} />`}
    ${mine && html`<${Grants} groupId=${g.group_id} />`}
  </article>`;
}

/** The allocation chart for a range, redrawn as the group's allocation events come in. */
/** `quiet`: until the group is read, its error (a 404, say) is the one the page shows. */
function Allocation({ groupId, unit: known, quiet, onRecord }) {
  const [range, setRange] = useState(RANGES[2][1]);
  const [phase, setPhase] = useState('l1');
  const [state, setState] = useState({ chart: null, error: null, end: Date.now() });
  const [live, setLive] = useState('connecting');
  const unit = known || (state.chart ? (state.chart.phase ? 'A' : 'W') : null);
  const pending = useRef(null);
  const load = useRef(null);
  load.current = async () => {
    let end = Date.now() + 5000; // a record the server just wrote may be a moment ahead of this browser's clock
    try {
      let chart = null;
      const early = window.gridchargeChart; // asked for by prefetch.js while the portal loaded
      window.gridchargeChart = null;
      if (early && early.groupId === groupId && phase === 'l1' && range === DAY) {
        chart = await early.answer;
        if (chart) end = early.end;
      }
      if (!chart) {
        const width = (document.querySelector('main') || document.body).clientWidth;
        chart = await get(chartPath(groupId, { phase, end, range, points: chartPoints(width) }));
      }
      performance.mark('gridcharge:chart-data');
      setState({ chart, error: null, end, start: end - range });
    } catch (error) {
      setState((s) => ({ ...s, error }));
    }
  };
  useEffect(() => { load.current(); }, [groupId, range, phase]);
  useEffect(() => {
    const stop = follow(`/smart-charging-groups/${enc(groupId)}/events`, () => {
      // a burst of records redraws once
      if (!pending.current) pending.current = setTimeout(() => { pending.current = null; load.current(); onRecord(); }, 300);
    }, (st, again) => {
      setLive(st);
      if (again) load.current();
    });
    return () => { stop(); clearTimeout(pending.current); };
  }, [groupId]);
  return html`<section class="card" aria-labelledby="alloc-title">
    <div class="title-row">
      <h2 id="alloc-title">Allocation</h2>
      <span class=${`badge ${live === 'live' ? 'ok' : 'warn'}`} data-live=${live}>${live === 'live' ? 'live' : live}</span>
    </div>
    <div class="controls">
      ${unit !== 'W' && html`<label>Phase <select value=${phase} onChange=${(e) => setPhase(e.target.value)}>
        ${['l1', 'l2', 'l3'].map((p) => html`<option value=${p}>${p.toUpperCase()}</option>`)}</select></label>`}
      <fieldset class="segmented"><legend>Range</legend>
        ${RANGES.map(([label, ms]) => html`<label><input type="radio" name="range" checked=${range === ms} onChange=${() => setRange(ms)} />${label}</label>`)}
      </fieldset>
    </div>
    <${ErrorBox} error=${quiet ? null : state.error} retry=${() => load.current()} />
    ${state.chart === null && !state.error && html`<${Loading} what="Loading allocation data" />`}
    ${state.chart && state.chart.times.length === 0 && html`<${Empty}>No allocation in this range yet: the chart fills as sessions start and capacity changes.</${Empty}>`}
    ${state.chart && state.chart.times.length > 0 && html`<${AllocationChart} chart=${state.chart} start=${state.start} end=${state.end} unit=${unit} />`}
  </section>`;
}

const EVSE_PAGE = 50;

function EvsesNow({ groupId, tick, quiet }) {
  const [offset, setOffset] = useState(0);
  const list = useLoad(() => get(`/smart-charging-groups/${enc(groupId)}/evse-status?offset=${offset}&limit=${EVSE_PAGE}`), [groupId, tick, offset]);
  useEffect(() => {
    if (list.data) requestAnimationFrame(() => performance.mark('gridcharge:evses-shown')); // for scripts/bench-portal.sh
  }, [list.data]);
  return html`<section class="card" aria-labelledby="evses-title">
    <div class="title-row"><h2 id="evses-title">EVSEs now</h2><button type="button" onClick=${list.reload}>Refresh</button></div>
    ${list.loading && !list.data && html`<${Loading} what="Loading EVSEs" />`}
    <${ErrorBox} error=${quiet ? null : list.error} retry=${list.reload} />
    ${list.data && list.data.items.length === 0 && html`<${Empty}>No EVSEs in this group.</${Empty}>`}
    ${list.data && list.data.items.length > 0 && html`<div class="table-wrap"><table>
      <thead><tr><th scope="col">EVSE</th><th scope="col">Station</th><th scope="col">Online</th><th scope="col">Status</th>
        <th scope="col">Level</th><th scope="col">Limit</th><th scope="col">Measured</th></tr></thead>
      <tbody>${list.data.items.map((e) => html`<tr key=${e.evse_id}>
        <th scope="row">${e.evse_id}</th><td>${session().role === 'capacity-provider' ? e.charge_station_id
          : html`<a href=${`#/stations/${enc(e.charge_station_id)}`}>${e.charge_station_id}</a>`} #${e.connector_id}</td>
        <td>${e.online ? 'online' : html`<span class="badge warn">offline</span>`}</td>
        <td>${e.smart_charging_status || e.status || '–'}</td><td>${e.level || '–'}</td>
        <td>${amps(e.allocated)}</td><td>${amps(e.measured_amps)}</td></tr>`)}</tbody>
    </table></div>
    ${list.data.total > EVSE_PAGE && html`<nav class="pager" aria-label="EVSE pages">
      <button type="button" disabled=${offset === 0} onClick=${() => setOffset(Math.max(0, offset - EVSE_PAGE))}>Previous</button>
      <span>${offset + 1}–${offset + list.data.items.length} of ${list.data.total}</span>
      <button type="button" disabled=${offset + EVSE_PAGE >= list.data.total} onClick=${() => setOffset(offset + EVSE_PAGE)}>Next</button>
    </nav>`}`}
  </section>`;
}

function CapacityProfile({ group, editable, onSaved }) {
  const current = useLoad(() => get(`/smart-charging-groups/${enc(group.group_id)}/capacity-profile`).catch((e) => {
    if (e.status === 404) return null;
    throw e;
  }), [group.group_id]);
  const [text, setText] = useState('');
  const [type, setType] = useState('capacity_limit');
  const [error, setError] = useState(null);
  const [saved, setSaved] = useState(null);
  const periods = parseCsv(text);
  const upload = (e) => {
    const file = e.target.files[0];
    if (file) file.text().then(setText);
  };
  const save = async (e) => {
    e.preventDefault();
    setError(null);
    setSaved(null);
    try {
      const summary = await put(`/smart-charging-groups/${enc(group.group_id)}/capacity-profile`, {
        type, periods: periods.map((p) => ({ start_date_time: p.start, end_date_time: p.end, capacity: Number.isFinite(p.capacity) ? p.capacity : null })),
      });
      setSaved(summary);
      current.reload();
      onSaved();
    } catch (err) {
      setError(err);
    }
  };
  const rowError = (i) => error && error.field && error.field.startsWith(`periods[${i}]`);
  return html`<section class="card" aria-labelledby="profile-title">
    <h2 id="profile-title">Capacity profile</h2>
    ${current.loading && html`<${Loading} what="Loading the profile" />`}
    <${ErrorBox} error=${current.error} retry=${current.reload} />
    ${current.data === null && !current.loading && html`<${Empty}>No capacity profile: the group uses its other sources (${group.capacity_source}).</${Empty}>`}
    ${current.data && html`<p>${current.data.type.replace(/_/g, ' ')}: ${current.data.period_count} periods, updated ${when(current.data.updated_at)} by ${current.data.updated_by}.</p>
      <${ProfilePreview} periods=${current.data.periods.slice(0, 2000).map((p) => ({ start: p.start_date_time, end: p.end_date_time, capacity: p.capacity }))} />`}
    ${editable && html`<form onSubmit=${save} class="profile-editor" aria-label="Replace the capacity profile">
      <h3>Replace it</h3>
      <div class="grid">
        <label>Type <select value=${type} onChange=${(e) => setType(e.target.value)}>
          <option value="capacity_limit">capacity limit</option><option value="power_setpoint">power setpoint</option></select></label>
        <label>CSV file <input type="file" accept=".csv,text/csv,text/plain" onChange=${upload} /></label>
      </div>
      <${Field} label="Periods: start, end, capacity (A) per line" name="periods" error=${error}
        hint="ISO-8601 times with an offset, e.g. 2026-12-02T18:00:00Z,2026-12-02T22:00:00Z,40">
        ${(id, describedBy) => html`<textarea id=${id} rows="6" value=${text} onInput=${(e) => setText(e.target.value)} aria-describedby=${describedBy}
          placeholder="start,end,capacity"></textarea>`}
      </${Field}>
      ${periods.length > 0 && html`<h4>Preview</h4><${ProfilePreview} periods=${periods} />
        <div class="table-wrap"><table class="periods"><thead><tr><th scope="col">#</th><th scope="col">Start</th><th scope="col">End</th><th scope="col">Capacity</th></tr></thead>
        <tbody>${periods.slice(0, 200).map((p, i) => html`<tr class=${rowError(i) ? 'invalid' : ''}><td>${i}</td><td>${p.start}</td><td>${p.end}</td>
          <td>${Number.isFinite(p.capacity) ? p.capacity : '?'}${rowError(i) && html`<small class="field-error" role="alert">${error.problem.detail}</small>`}</td></tr>`)}</tbody></table></div>`}
      ${error && !(error.field && error.field.startsWith('periods')) && html`<${ErrorBox} error=${error} />`}
      ${saved && html`<p class="notice" role="status">Saved: ${saved.period_count} periods.</p>`}
      <button type="submit" class="primary" disabled=${periods.length === 0}>Save profile</button>
    </form>`}
  </section>`;
}

function Grants({ groupId }) {
  const list = useLoad(() => get(`/smart-charging-groups/${enc(groupId)}/grants`), [groupId]);
  const [client, setClient] = useState('');
  const [error, setError] = useState(null);
  const grant = async (e) => {
    e.preventDefault();
    setError(null);
    try {
      await put(`/smart-charging-groups/${enc(groupId)}/grants/${enc(client.trim())}`);
      setClient('');
      list.reload();
    } catch (err) {
      setError(err);
    }
  };
  const revoke = async (id) => {
    try {
      await del(`/smart-charging-groups/${enc(groupId)}/grants/${enc(id)}`);
      list.reload();
    } catch (err) {
      setError(err);
    }
  };
  return html`<section class="card" aria-labelledby="grants-title">
    <h2 id="grants-title">Grants</h2>
    <p>Capacity providers (clients) that may read this group and steer its capacity.</p>
    ${list.loading && html`<${Loading} what="Loading grants" />`}
    <${ErrorBox} error=${list.error} retry=${list.reload} />
    ${list.data && list.data.length === 0 && html`<${Empty}>No grants.</${Empty}>`}
    ${list.data && list.data.length > 0 && html`<ul class="grants">${list.data.map((g) => html`<li>${g.client_id}
      <small>since ${when(g.granted_at)}</small> <button type="button" onClick=${() => revoke(g.client_id)}>Revoke</button></li>`)}</ul>`}
    <form onSubmit=${grant} class="inline">
      <${Field} label="Client id" name="client_id" error=${error}>
        ${(id, describedBy) => html`<input id=${id} value=${client} onInput=${(e) => setClient(e.target.value)} aria-describedby=${describedBy} required />`}
      </${Field}>
      <button type="submit">Grant</button>
    </form>
    ${error && !names(error, 'client_id') && html`<${ErrorBox} error=${error} />`}
  </section>`;
}
