// Onboarding (bulk EVSEs from CSV or JSON Lines) and allocation-data exports: both are batch jobs followed to the end.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html, ErrorBox, Empty, Field, useLoad, when } from './ui.js';
import { API, ApiError, all, get, post, enc } from './api.js';
import { session } from './session.js';

const DONE = ['completed', 'failed', 'stopped', 'abandoned'];

/** Polls a job every second until it ends; returns its latest state. */
function useJob(path) {
  const [job, setJob] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    setJob(null);
    setError(null);
    if (!path) return undefined;
    let stopped = false;
    let failures = 0;
    const poll = async () => {
      try {
        const j = await get(path);
        if (stopped) return;
        failures = 0;
        setError(null);
        setJob(j);
        if (!DONE.includes(j.status)) setTimeout(poll, 1000);
      } catch (e) {
        if (stopped) return;
        setError(e);
        // a server restarting, a balancer switching: try again a few times before giving up
        if (++failures < 5 && e.status !== 404 && e.status !== 401) setTimeout(poll, 2000);
      }
    };
    poll();
    return () => { stopped = true; };
  }, [path]);
  return { job, error };
}

/** Fetches with the token and hands the answer to the browser as a file. */
async function download(path, name) {
  const response = await fetch(API + path, { headers: { Authorization: `Bearer ${session().token}` } });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({ detail: `HTTP ${response.status}` }));
    throw new ApiError(response.status, problem);
  }
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Uploads with XMLHttpRequest, which reports upload progress (fetch does not). */
function upload(path, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', API + path);
    xhr.setRequestHeader('Authorization', `Bearer ${session().token}`);
    const type = /\.(jsonl|ndjson)$/i.test(file.name) ? 'application/jsonl' : 'text/csv';
    xhr.setRequestHeader('Content-Type', type);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body = {};
      try { body = JSON.parse(xhr.responseText); } catch { body = { detail: xhr.responseText.slice(0, 300) }; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(new ApiError(xhr.status, body));
    };
    xhr.onerror = () => reject(new ApiError(0, { title: 'No answer', detail: 'The upload did not reach the server.' }));
    xhr.send(file);
  });
}

function Progress({ label, value }) {
  const pct = Math.round((value || 0) * 100);
  return html`<div class="progress-row"><span>${label}</span>
    <progress max="100" value=${pct} aria-label=${label}>${pct}%</progress><span>${pct}%</span></div>`;
}

export function Jobs() {
  const s = session();
  if (s.role === 'capacity-provider') {
    return html`<section><h1>Onboarding and exports</h1><${Empty}>Onboarding and exports are for CPO and platform admins.</${Empty}></section>`;
  }
  return html`<section aria-labelledby="jobs-title">
    <h1 id="jobs-title">Onboarding and exports</h1>
    <${Onboarding} />
    <${Exports} />
  </section>`;
}

function Onboarding() {
  const [file, setFile] = useState(null);
  const [sent, setSent] = useState(null);
  const [jobPath, setJobPath] = useState(null);
  const [error, setError] = useState(null);
  const { job, error: jobError } = useJob(jobPath);
  const start = async (e) => {
    e.preventDefault();
    setError(null);
    setJobPath(null);
    setSent(0);
    try {
      const started = await upload('/onboarding-jobs', file, setSent);
      setSent(1);
      setJobPath(`/onboarding-jobs/${started.job_id}`);
    } catch (err) {
      setError(err);
      setSent(null);
    }
  };
  return html`<section class="card" aria-labelledby="onboarding-title">
    <h2 id="onboarding-title">Onboard EVSEs</h2>
    <p>A CSV file with a header row (<code>evse_id, cpo_id, charge_station_id, connector_id, max_current_amps, phases,
      phase_rotation</code>, optionally <code>group_id, station_password, uid, max_power_watts</code>) or JSON Lines. Good rows are
      created or updated; bad ones are listed with their line and reason.</p>
    <form onSubmit=${start} class="inline">
      <${Field} label="File (.csv, .jsonl)" name="file" error=${error}>
        ${(id) => html`<input id=${id} type="file" accept=".csv,.jsonl,.ndjson,text/csv" onChange=${(e) => setFile(e.target.files[0] || null)} />`}
      </${Field}>
      <button type="submit" class="primary" disabled=${!file || (sent !== null && sent < 1) || (job && !DONE.includes(job.status))}>Upload</button>
    </form>
    <${ErrorBox} error=${error || jobError} />
    ${sent !== null && html`<${Progress} label="Upload" value=${sent} />`}
    ${job && html`<div class="job" data-status=${job.status}>
      <${Progress} label="Rows" value=${job.progress} />
      <p role="status">Job ${job.job_id}: <strong>${job.status}</strong>. ${`${job.read} of ${job.total_rows} rows read, ${job.written} written, ${job.skipped} skipped.`}</p>
      ${job.rejected_total > 0 && html`<h3>Rejected rows (${job.rejected_total})</h3>
        <div class="table-wrap"><table class="rejected"><thead><tr><th scope="col">Line</th><th scope="col">Column</th><th scope="col">Reason</th></tr></thead>
        <tbody>${job.rejected.map((r) => html`<tr><td>${r.line}</td><td>${r.column || '–'}</td><td>${r.reason}</td></tr>`)}</tbody></table></div>
        ${job.rejected_total > job.rejected.length && html`<p class="state">The first ${job.rejected.length} are shown.</p>`}
        <button type="button" onClick=${() => download(`/onboarding-jobs/${job.job_id}/rejections`, `rejected-rows-${job.job_id}.csv`).catch(setError)}>
          Download the rejected rows (CSV)</button>`}
    </div>`}
  </section>`;
}

function Exports() {
  const groups = useLoad(() => all('/smart-charging-groups', 500), []);
  const today = new Date();
  const day = (d) => d.toISOString().slice(0, 10);
  const [form, setForm] = useState({ from: day(new Date(today - 86400e3)), to: day(new Date(today.getTime() + 86400e3)), format: 'csv', gzip: false, groups: [] });
  const [error, setError] = useState(null);
  const [jobPath, setJobPath] = useState(null);
  const { job, error: jobError } = useJob(jobPath);
  const start = async (e) => {
    e.preventDefault();
    setError(null);
    setJobPath(null);
    try {
      const body = { from: `${form.from}T00:00:00Z`, to: `${form.to}T00:00:00Z`, format: form.format };
      if (form.gzip) body.compression = 'gzip';
      if (form.groups.length) body.group_ids = form.groups;
      const started = await post('/exports', body);
      setJobPath(`/exports/${started.export_id}`);
    } catch (err) {
      setError(err);
    }
  };
  const name = job ? `allocation-${job.export_id}.${job.format}${job.compression ? '.gz' : ''}` : '';
  return html`<section class="card" aria-labelledby="exports-title">
    <h2 id="exports-title">Export allocation data</h2>
    <form onSubmit=${start}>
      <div class="grid">
        <${Field} label="From (UTC day)" name="from" error=${error}>${(id) => html`<input id=${id} type="date" value=${form.from} onInput=${(e) => setForm({ ...form, from: e.target.value })} />`}</${Field}>
        <${Field} label="To (UTC day, exclusive)" name="to" error=${error}>${(id) => html`<input id=${id} type="date" value=${form.to} onInput=${(e) => setForm({ ...form, to: e.target.value })} />`}</${Field}>
        <${Field} label="Format" name="format" error=${error}>${(id) => html`<select id=${id} value=${form.format} onChange=${(e) => setForm({ ...form, format: e.target.value })}>
          <option value="csv">CSV</option><option value="jsonl">JSON Lines</option></select>`}</${Field}>
        <label class="check"><input type="checkbox" checked=${form.gzip} onChange=${(e) => setForm({ ...form, gzip: e.target.checked })} /> gzip</label>
      </div>
      <${Field} label="Groups (none chosen: every group you may see)" name="group_ids" error=${error}>
        ${(id) => html`<select id=${id} multiple size="4" onChange=${(e) => setForm({ ...form, groups: [...e.target.selectedOptions].map((o) => o.value) })}>
          ${(groups.data || []).map((g) => html`<option value=${g.group_id}>${g.name} (${g.cpo_id})</option>`)}</select>`}
      </${Field}>
      <button type="submit" class="primary" disabled=${job && !DONE.includes(job.status)}>Export</button>
    </form>
    <${ErrorBox} error=${(error && !['from', 'to', 'format', 'group_ids'].includes(error.field) ? error : null) || jobError || groups.error} />
    ${job && html`<div class="job" data-status=${job.status}>
      <p role="status">Export ${job.export_id}: <strong>${job.status}</strong>${job.status === 'completed' ? `, ${job.rows} rows` : ''}; started ${when(job.started_at)}.</p>
      ${!DONE.includes(job.status) && html`<progress aria-label="Export running"></progress>`}
      ${job.status === 'completed' && html`<button type="button" onClick=${() => download(`/exports/${job.export_id}/file`, name).catch(setError)}>Download ${name}</button>`}
    </div>`}
  </section>`;
}
