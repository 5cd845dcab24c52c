// Priority requests ("Charge Assist") for analytics: the history with filters, requests per day, and the limit each
// session got against what it would have got without priority.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Chart, BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip } from 'chart.js';
import { html, Loading, Empty, ErrorBox, useLoad, amps, when } from './ui.js';
import { get } from './api.js';
import { perDay } from './data.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const DAY = 86400e3;

export function Priority() {
  const today = new Date();
  const day = (d) => d.toISOString().slice(0, 10);
  const [filter, setFilter] = useState({ from: day(new Date(today - 29 * DAY)), to: day(new Date(today.getTime() + DAY)), status: '', group: '' });
  const [applied, setApplied] = useState(filter);
  const query = () => {
    const q = new URLSearchParams({ from: `${applied.from}T00:00:00Z`, to: `${applied.to}T00:00:00Z`, order: 'desc', limit: '500' });
    if (applied.status) q.set('status', applied.status);
    if (applied.group.trim()) q.set('group_id', applied.group.trim());
    return get(`/priority-requests?${q}`);
  };
  const list = useLoad(query, [applied]);
  const items = list.data ? list.data.items : [];
  return html`<section aria-labelledby="priority-title">
    <h1 id="priority-title">Priority insights</h1>
    <form class="card controls" onSubmit=${(e) => { e.preventDefault(); setApplied(filter); }} aria-label="Filter the priority requests">
      <label>From <input type="date" value=${filter.from} onInput=${(e) => setFilter({ ...filter, from: e.target.value })} /></label>
      <label>To (exclusive) <input type="date" value=${filter.to} onInput=${(e) => setFilter({ ...filter, to: e.target.value })} /></label>
      <label>Status <select value=${filter.status} onChange=${(e) => setFilter({ ...filter, status: e.target.value })}>
        <option value="">any</option><option value="active">active</option><option value="ended">ended</option><option value="cancelled">cancelled</option>
      </select></label>
      <label>Group id <input value=${filter.group} onInput=${(e) => setFilter({ ...filter, group: e.target.value })} /></label>
      <button type="submit" class="primary">Show</button>
    </form>
    ${list.loading && !list.data && html`<${Loading} what="Loading priority requests" />`}
    <${ErrorBox} error=${list.error} retry=${list.reload} />
    ${list.data && items.length === 0 && html`<${Empty}>No priority request in this range.</${Empty}>`}
    ${items.length > 0 && html`
      <div class="grid two">
        <section class="card" aria-labelledby="per-day-title"><h2 id="per-day-title">Requests per day</h2>
          <${Bars} whole labels=${perDay(items).map((d) => d.day)} sets=${[{ label: 'requests', data: perDay(items).map((d) => d.count), color: '#2563eb' }]}
            describe=${`${items.length} requests over ${perDay(items).length} days`} /></section>
        <section class="card" aria-labelledby="limits-title"><h2 id="limits-title">Limit with and without priority (latest ${Math.min(30, items.length)})</h2>
          <${Bars} labels=${items.slice(0, 30).reverse().map((r) => r.evse_uid || r.evse_id)}
            sets=${[{ label: 'with priority', data: items.slice(0, 30).reverse().map((r) => r.limit_amps), color: '#16a34a' },
              { label: 'without', data: items.slice(0, 30).reverse().map((r) => r.limit_without_priority_amps), color: '#9ca3af' }]}
            describe="the limit each session got with priority and what it would have got without" /></section>
      </div>
      <div class="card table-wrap"><table>
        <caption class="sr-only">Priority requests, newest first</caption>
        <thead><tr><th scope="col">Requested</th><th scope="col">EVSE</th><th scope="col">By</th><th scope="col">Status</th>
          <th scope="col">Lasted</th><th scope="col">Energy delivered</th><th scope="col">Limit</th><th scope="col">Without priority</th></tr></thead>
        <tbody>${items.map((r) => html`<tr key=${r.request_id}><td>${when(r.requested_at)}</td><td>${r.evse_uid || r.evse_id}</td>
          <td>${r.requested_by}</td><td>${r.status}</td><td>${Math.round(r.duration_seconds / 60)} min</td>
          <td>${r.energy_delivered_kwh === null || r.energy_delivered_kwh === undefined ? '–' : `${r.energy_delivered_kwh} kWh`}</td>
          <td>${amps(r.limit_amps)}</td><td>${amps(r.limit_without_priority_amps)}</td></tr>`)}</tbody>
      </table>${list.data.total > items.length && html`<p class="state">The newest ${items.length} of ${list.data.total}.</p>`}</div>`}
  </section>`;
}

function Bars({ labels, sets, describe, whole }) {
  const canvas = useRef(null);
  const chart = useRef(null);
  useEffect(() => {
    const config = {
      type: 'bar',
      data: { labels, datasets: sets.map((s) => ({ label: s.label, data: s.data, backgroundColor: s.color })) },
      options: { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: whole ? 0 : undefined, callback: (v) => String(v) } } },
        plugins: { legend: { display: sets.length > 1, position: 'bottom' } } },
    };
    if (chart.current) {
      chart.current.data = config.data;
      chart.current.update('none');
    } else {
      chart.current = new Chart(canvas.current, config);
    }
  });
  useEffect(() => () => chart.current && chart.current.destroy(), []);
  return html`<div class="chart small"><canvas ref=${canvas} role="img" aria-label=${describe}></canvas></div>`;
}
