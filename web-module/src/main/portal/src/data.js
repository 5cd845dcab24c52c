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
