// A group's weekly capacity: rules by day of week and local time in a time zone, edited as a table and saved whole.
import { useEffect, useState } from 'preact/hooks';
import { html, Loading, ErrorBox, Empty, useLoad, names } from './ui.js';
import { get, put, del, enc } from './api.js';

const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const blank = () => ({ day_of_week: 'MONDAY', start_time: '00:00:00', end_time: '24:00:00', capacity: '' });

export function WeeklyCapacity({ group, editable, onSaved }) {
  const path = `/smart-charging-groups/${enc(group.group_id)}/weekly-capacity`;
  const current = useLoad(() => get(path).catch((e) => {
    if (e.status === 404) return null;
    throw e;
  }), [group.group_id]);
  const zones = useLoad(() => (editable ? get('/time-zones') : Promise.resolve([])), [editable]);
  const [zone, setZone] = useState('Europe/Amsterdam');
  const [rows, setRows] = useState([]);
  const [error, setError] = useState(null);
  const [saved, setSaved] = useState(null);
  useEffect(() => {
    if (current.data) {
      setZone(current.data.time_zone);
      setRows(current.data.scenarios.map((r) => ({ ...r, capacity: String(r.capacity) })));
    }
  }, [current.data]);
  const set = (i, name) => (e) => setRows(rows.map((r, k) => (k === i ? { ...r, [name]: e.target.value } : r)));
  const save = async (e) => {
    e.preventDefault();
    setError(null);
    setSaved(null);
    try {
      const answer = await put(path, {
        time_zone: zone,
        scenarios: rows.map((r) => ({ ...r, capacity: r.capacity.trim() === '' ? null : Number(r.capacity) })),
      });
      setSaved(`Saved: ${answer.scenarios.length} rules in ${answer.time_zone}.`);
      current.reload();
      onSaved();
    } catch (err) {
      setError(err);
    }
  };
  const remove = async () => {
    setError(null);
    try {
      await del(path);
      setRows([]);
      setSaved('The weekly capacity is removed.');
      current.reload();
      onSaved();
    } catch (err) {
      setError(err);
    }
  };
  const rowError = (i) => error && error.field && error.field.startsWith(`scenarios[${i}]`);
  const unit = group.capacity_unit === 'W' ? 'W' : 'A';
  return html`<section class="card" aria-labelledby="weekly-title">
    <h2 id="weekly-title">Weekly capacity</h2>
    <p>Rules by day of the week and local time, in a time zone (so daylight saving time is followed). A capacity-profile
      period wins over them; where no rule applies, the default capacity does.</p>
    ${current.loading && !current.data && html`<${Loading} what="Loading the weekly capacity" />`}
    <${ErrorBox} error=${current.error} retry=${current.reload} />
    ${current.data === null && rows.length === 0 && !current.loading && html`<${Empty}>No weekly rules.</${Empty}>`}
    ${!editable && current.data && html`<p>${current.data.scenarios.length} rules in ${current.data.time_zone}.</p>`}
    ${editable && html`<form onSubmit=${save} aria-label="Edit the weekly capacity">
      <label class="zone">Time zone <select value=${zone} onChange=${(e) => setZone(e.target.value)}
        aria-invalid=${names(error, 'time_zone') ? 'true' : undefined}>
        ${(zones.data || [{ id: zone, utc_offset: '' }]).map((z) => html`<option value=${z.id}>${z.id} ${z.utc_offset ? `(UTC${z.utc_offset})` : ''}</option>`)}
      </select></label>
      ${names(error, 'time_zone') && html`<small class="field-error" role="alert">${error.problem.detail}</small>`}
      ${rows.length > 0 && html`<div class="table-wrap"><table class="weekly">
        <thead><tr><th scope="col">Day</th><th scope="col">From</th><th scope="col">Until</th><th scope="col">Capacity (${unit})</th><th scope="col"><span class="sr-only">Remove</span></th></tr></thead>
        <tbody>${rows.map((r, i) => html`<tr class=${rowError(i) ? 'invalid' : ''}>
          <td><select aria-label=${`Rule ${i + 1}: day`} value=${r.day_of_week} onChange=${set(i, 'day_of_week')}>${DAYS.map((d) => html`<option value=${d}>${d.toLowerCase()}</option>`)}</select></td>
          <td><input aria-label=${`Rule ${i + 1}: from`} value=${r.start_time} onInput=${set(i, 'start_time')} /></td>
          <td><input aria-label=${`Rule ${i + 1}: until`} value=${r.end_time} onInput=${set(i, 'end_time')} /></td>
          <td><input aria-label=${`Rule ${i + 1}: capacity`} inputmode="decimal" value=${r.capacity} onInput=${set(i, 'capacity')} />
            ${rowError(i) && html`<small class="field-error" role="alert">${error.problem.detail}</small>`}</td>
          <td><button type="button" onClick=${() => setRows(rows.filter((_, k) => k !== i))}>Remove</button></td></tr>`)}</tbody>
      </table></div>`}
      ${error && !names(error, 'time_zone') && !(error.field && error.field.startsWith('scenarios[')) && html`<${ErrorBox} error=${error} />`}
      ${saved && html`<p class="notice" role="status">${saved}</p>`}
      <div class="actions">
        <button type="button" onClick=${() => setRows([...rows, blank()])}>Add a rule</button>
        <button type="submit" class="primary" disabled=${rows.length === 0}>Save weekly capacity</button>
        ${current.data && html`<button type="button" class="danger" onClick=${remove}>Remove all rules</button>`}
      </div>
    </form>`}
  </section>`;
}
