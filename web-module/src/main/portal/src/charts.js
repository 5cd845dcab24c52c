// Charts on Chart.js: the allocation chart (the seed's Figure 3) and the capacity profile preview.
import { useEffect, useRef } from 'preact/hooks';
import { Chart, LineController, LineElement, PointElement, LinearScale, Filler, Legend, Tooltip } from 'chart.js';
import { html } from './ui.js';
import { chartSeries, stackTops } from './data.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, Filler, Legend, Tooltip);

const PALETTE = ['#2563eb', '#16a34a', '#d97706', '#9333ea', '#0891b2', '#db2777', '#65a30d', '#7c3aed', '#ea580c', '#0d9488',
  '#4f46e5', '#ca8a04', '#be123c', '#15803d', '#1d4ed8', '#a21caf', '#b45309', '#0f766e', '#6d28d9', '#64748b'];

/** Draws `config` on the canvas: a new chart the first time, the same one updated after. */
function draw(chart, canvas, config) {
  if (chart.current) {
    chart.current.data = config.data;
    chart.current.options = config.options;
    chart.current.update('none');
  } else {
    chart.current = new Chart(canvas.current, config);
  }
}

/** The colour mixed with white: an opaque pastel of it. */
const tint = (hex) => {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${c.map((v) => Math.round(v + (255 - v) * 0.45)).join(',')})`;
};

// ticks are written by hand: Intl's formatters cost tens of milliseconds to make in a fresh page, more than the chart
const two = (n) => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const clock = (ms, span) => {
  const d = new Date(ms);
  const hm = `${two(d.getHours())}:${two(d.getMinutes())}${span < 30 * 60e3 ? `:${two(d.getSeconds())}` : ''}`;
  return span > 36 * 3600e3 ? `${d.getDate()} ${MONTHS[d.getMonth()]} ${hm}` : hm;
};
const amount = (v) => String(Math.round(v * 100) / 100);

/**
 * The stack is summed here (stackTops) and drawn as plain lines filled down to the one below, which Chart.js draws without
 * parsing or stacking anything itself; the tooltip shows each EVSE's own value. Drawn again only when its data change.
 */
export function AllocationChart({ chart: data, start, end, unit }) {
  const canvas = useRef(null);
  const chart = useRef(null);
  const { xs, capacity, series } = chartSeries(data);
  const phase = data.phase ? data.phase.toUpperCase() : null;
  const per = unit === 'W' ? 'W' : 'A per phase';
  // the range picked, or from a little before the first record when the group's history is shorter
  const from = xs.length && xs[0] > start ? Math.max(start, xs[0] - Math.max(60e3, (end - xs[0]) * 0.05)) : start;
  useEffect(() => {
    performance.mark('gridcharge:chart-build');
    const span = end - from;
    const tops = stackTops(series);
    const points = (ys) => xs.map((x, i) => ({ x, y: ys[i] }));
    const datasets = [
      { label: phase ? `Capacity ${phase}` : 'Capacity', data: points(capacity), values: capacity,
        borderColor: '#111827', borderWidth: 2, borderDash: [6, 3], fill: false, stepped: 'before', pointRadius: 0, order: 0 },
      // each band is its top edge filled down to zero in an opaque colour, the higher ones behind (a larger order is drawn
      // first): what shows of each is its own band, and Chart.js fills to a fixed line, its cheapest fill
      ...series.map((s, i) => ({
        label: s.label, data: points(tops[i]), values: s.data, stepped: 'before', pointRadius: 0, borderWidth: 1,
        borderColor: PALETTE[i % PALETTE.length], backgroundColor: tint(PALETTE[i % PALETTE.length]), fill: 'origin', order: i + 1,
      })),
    ];
    const config = {
      type: 'line',
      data: { datasets },
      options: {
        animation: false, parsing: false, normalized: true, maintainAspectRatio: false,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: {
          x: { type: 'linear', min: from, max: end, ticks: { callback: (v) => clock(v, span), maxTicksLimit: 8 } },
          y: { beginAtZero: true, title: { display: true, text: per }, ticks: { callback: amount } },
        },
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 12, sort: (a, b) => a.datasetIndex - b.datasetIndex } },
          tooltip: {
            itemSort: (a, b) => a.datasetIndex - b.datasetIndex,
            callbacks: {
              title: (items) => (items.length ? new Date(items[0].parsed.x).toLocaleString() : ''),
              label: (item) => `${item.dataset.label}: ${item.dataset.values[item.dataIndex]} ${unit === 'W' ? 'W' : 'A'}`,
            },
          },
        },
      },
    };
    draw(chart, canvas, config);
    performance.mark('gridcharge:chart-built');
    // for scripts/bench-portal.sh: when the chart is on screen
    requestAnimationFrame(() => performance.mark('gridcharge:chart-drawn'));
  }, [data, start, end, unit]);
  useEffect(() => () => chart.current && chart.current.destroy(), []);
  const now = xs.length ? data.allotted[data.allotted.length - 1] : 0;
  const cap = capacity.length ? capacity[capacity.length - 1] : null;
  const u = unit === 'W' ? 'W' : 'A';
  return html`<div class="chart-box">
    <div class="chart" data-points=${data.times.length} data-phase=${data.phase || ''} data-allotted=${now.toFixed(1)} data-capacity=${cap === null ? '' : cap}>
      <canvas ref=${canvas} role="img" aria-label=${`Allocation${phase ? ` on ${phase}` : ''}: ${series.length} stacked EVSE areas under the capacity line`}></canvas>
    </div>
    <p class="chart-now" aria-live="polite">Now${phase ? ` on ${phase}` : ''}: <strong>${now.toFixed(1)} ${u}</strong> allotted${cap !== null && html` of <strong>${cap} ${u}</strong> capacity`}; ${data.records} allocation records in range${data.times.length < data.records ? `, ${data.times.length} drawn` : ''}.</p>
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
        scales: { x: { type: 'linear', ticks: { callback: (v) => clock(v, span), maxTicksLimit: 8 } }, y: { beginAtZero: true, ticks: { callback: amount } } },
        plugins: { legend: { display: false } },
      },
    };
    draw(chart, canvas, config);
  });
  useEffect(() => () => chart.current && chart.current.destroy(), []);
  return html`<div class="chart small" data-periods=${valid.length}>
    <canvas ref=${canvas} role="img" aria-label=${`Preview of ${valid.length} capacity periods`}></canvas>
  </div>`;
}
