// Pure data shaping for the views, tested by test/data.test.js (node --test, in the Maven build).

/**
 * The server's chart (allocation-chart: times, capacity, series of the EVSEs apart, other) as step series for Chart.js:
 * each value holds from its instant until the next, the last until the end of the range, so each series gets its last
 * value again at `to`. EVSEs summed by the server become one "N other EVSEs" series.
 */
export function chartSeries(chart) {
  if (!chart.times.length) return { xs: [], capacity: [], series: [] };
  const xs = [...chart.times.map((t) => Date.parse(t)), Date.parse(chart.to)];
  const hold = (values) => [...values, values[values.length - 1]];
  const series = chart.series.map((s) => ({ label: s.evse_id, data: hold(s.values) }));
  if (chart.other_evses > 0 || chart.other.some((v) => v > 0)) {
    series.push({ label: chart.other_evses > 0 ? `${chart.other_evses} other EVSEs` : 'other', data: hold(chart.other) });
  }
  return { xs, capacity: hold(chart.capacity), series };
}

/** Each series' top edge in a stack: the running sum of the series up to it, at every instant. */
export function stackTops(series) {
  const tops = [];
  series.forEach((s, k) => tops.push(s.data.map((v, t) => (k === 0 ? 0 : tops[k - 1][t]) + v)));
  return tops;
}

/** "start,end,capacity" lines (a header line is skipped) as periods; `line` numbers them for errors. */
export function parseCsv(text) {
  return text.split(/\r?\n/).map((l, i) => ({ l: l.trim(), line: i + 1 })).filter(({ l }) => l && !/^start/i.test(l)).map(({ l, line }) => {
    const [start = '', end = '', capacity = ''] = l.split(/[,;\t]/).map((c) => c.trim());
    return { start, end, capacity: capacity === '' ? NaN : Number(capacity), line };
  });
}

/** How many requests were made each UTC day (oldest first), the days between included at 0. */
export function perDay(requests) {
  if (!requests.length) return [];
  const counts = new Map();
  requests.forEach((r) => {
    const d = r.requested_at.slice(0, 10);
    counts.set(d, (counts.get(d) || 0) + 1);
  });
  const days = [...counts.keys()].sort();
  const out = [];
  for (let t = Date.parse(`${days[0]}T00:00:00Z`); t <= Date.parse(`${days[days.length - 1]}T00:00:00Z`); t += 86400e3) {
    const d = new Date(t).toISOString().slice(0, 10);
    out.push({ day: d, count: counts.get(d) || 0 });
  }
  return out;
}
