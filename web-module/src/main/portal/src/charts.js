// Charts on Chart.js: the allocation chart (the seed's Figure 3) and the capacity profile preview.
import { useEffect, useRef } from 'preact/hooks';
import { Chart, LineController, LineElement, PointElement, LinearScale, Filler, Legend, Tooltip } from 'chart.js';
import { html } from './ui.js';
import { chartSeries } from './data.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, Filler, Legend, Tooltip);

const PALETTE = ['#2563eb', '#16a34a', '#d97706', '#9333ea', '#0891b2', '#db2777', '#65a30d', '#7c3aed', '#ea580c', '#0d9488',
  '#4f46e5', '#ca8a04', '#be123c', '#15803d', '#1d4ed8', '#a21caf', '#b45309', '#0f766e', '#6d28d9', '#64748b'];

const clock = (ms, span) => {
  const d = new Date(ms);
  const hm = d.toLocaleTimeString([], span < 30 * 60e3 ? { hour: '2-digit', minute: '2-digit', second: '2-digit' } : { hour: '2-digit', minute: '2-digit' });
  return span > 36 * 3600e3 ? `${d.toLocaleDateString([], { day: 'numeric', month: 'short' })} ${hm}` : hm;
};

export function AllocationChart({ chart: data, start, end, phase }) {
  const canvas = useRef(null);
  const chart = useRef(null);
  const { xs, capacity, series } = chartSeries(data);
  // the range picked, or from a little before the first record when the group's history is shorter
  const from = xs.length && xs[0] > start ? Math.max(start, xs[0] - Math.max(60e3, (end - xs[0]) * 0.05)) : start;
  useEffect(() => {
    const span = end - from;
    const datasets = [
      { label: `Capacity ${phase.toUpperCase()}`, data: xs.map((x, i) => ({ x, y: capacity[i] })), stack: 'capacity',
        borderColor: '#111827', borderWidth: 2, borderDash: [6, 3], fill: false, stepped: 'before', pointRadius: 0, order: 0 },
      ...series.map((s, i) => ({
        label: s.label, data: xs.map((x, j) => ({ x, y: s.data[j] })), stack: 'evses', stepped: 'before', pointRadius: 0,
        borderWidth: 1, borderColor: PALETTE[i % PALETTE.length], backgroundColor: `${PALETTE[i % PALETTE.length]}99`,
        fill: i === 0 ? 'origin' : '-1', order: 1,
      })),
    ];
    const config = {
      type: 'line',
      data: { datasets },
      options: {
        animation: false, maintainAspectRatio: false, interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: {
          x: { type: 'linear', min: from, max: end, ticks: { callback: (v) => clock(v, span), maxTicksLimit: 8 } },
          y: { stacked: true, beginAtZero: true, title: { display: true, text: 'A per phase' } },
        },
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 12 } },
          tooltip: { callbacks: { title: (items) => items.length ? new Date(items[0].parsed.x).toLocaleString() : '' } },
        },
      },
    };
    if (chart.current) {
      chart.current.data = config.data;
      chart.current.options = config.options;
      chart.current.update('none');
    } else {
      chart.current = new Chart(canvas.current, config);
    }
  });
  useEffect(() => () => chart.current && chart.current.destroy(), []);
  const now = xs.length ? series.reduce((sum, s) => sum + s.data[s.data.length - 1], 0) : 0;
  const cap = capacity.length ? capacity[capacity.length - 1] : null;
  return html`<div class="chart-box">
    <div class="chart" data-points=${data.times.length} data-allotted=${now.toFixed(1)} data-capacity=${cap === null ? '' : cap}>
      <canvas ref=${canvas} role="img" aria-label=${`Allocation on ${phase.toUpperCase()}: ${series.length} stacked EVSE areas under the capacity line`}></canvas>
    </div>
    <p class="chart-now" aria-live="polite">Now on ${phase.toUpperCase()}: <strong>${now.toFixed(1)} A</strong> allotted${cap !== null && html` of <strong>${cap} A</strong> capacity`}; ${data.records} allocation records in range${data.times.length < data.records ? `, ${data.times.length} drawn` : ''}.</p>
  </div>`;
}

/** A capacity profile's periods (start, end, capacity) as a stepped line, before it is saved. */
export function ProfilePreview({ periods }) {
  const canvas = useRef(null);
  const chart = useRef(null);
  // what can be drawn: the API says what is wrong with the rest when it is saved
  const valid = periods.filter((p) => Date.parse(p.start) < Date.parse(p.end) && Number.isFinite(p.capacity))
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  useEffect(() => {
    const data = [];
    valid.forEach((p) => {
      data.push({ x: Date.parse(p.start), y: p.capacity });
      data.push({ x: Date.parse(p.end), y: p.capacity });
      data.push({ x: Date.parse(p.end), y: null });
    });
    const span = data.length ? data[data.length - 1].x - data[0].x : 0;
    const config = {
      type: 'line',
      data: { datasets: [{ label: 'Capacity (A)', data, borderColor: '#2563eb', backgroundColor: '#2563eb33', fill: 'origin', pointRadius: 0, spanGaps: false }] },
      options: {
        animation: false, maintainAspectRatio: false,
        scales: { x: { type: 'linear', ticks: { callback: (v) => clock(v, span), maxTicksLimit: 8 } }, y: { beginAtZero: true } },
        plugins: { legend: { display: false } },
      },
    };
    if (chart.current) {
      chart.current.data = config.data;
      chart.current.options = config.options;
      chart.current.update('none');
    } else {
      chart.current = new Chart(canvas.current, config);
    }
  });
  useEffect(() => () => chart.current && chart.current.destroy(), []);
  return html`<div class="chart small" data-periods=${valid.length}>
    <canvas ref=${canvas} role="img" aria-label=${`Preview of ${valid.length} capacity periods`}></canvas>
  </div>`;
}
