// node --test: the portal's data shaping (run by the Maven build after the portal is built).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartSeries, parseCsv, perDay, stackTops } from '../src/data.js';

const chart = (extra) => ({
  from: '2026-12-02T00:00:00Z', to: '2026-12-02T01:00:00Z', phase: 'l1', records: 2,
  times: ['2026-12-02T00:00:00Z', '2026-12-02T00:10:00Z'], capacity: [40, 20], allotted: [32, 20],
  series: [{ evse_id: 'a', values: [16, 10] }, { evse_id: 'b', values: [16, 10] }], other_evses: 0, other: [0, 0], ...extra,
});

test('each value holds until the next instant, the last until the end of the range', () => {
  const { xs, capacity, series } = chartSeries(chart());
  assert.deepEqual(xs, [Date.parse('2026-12-02T00:00:00Z'), Date.parse('2026-12-02T00:10:00Z'), Date.parse('2026-12-02T01:00:00Z')]);
  assert.deepEqual(capacity, [40, 20, 20]);
  assert.deepEqual(series, [{ label: 'a', data: [16, 10, 10] }, { label: 'b', data: [16, 10, 10] }]);
});

test('the EVSEs the server summed are one series, named by their number', () => {
  const { series } = chartSeries(chart({ series: [{ evse_id: 'a', values: [16, 10] }], other_evses: 981, other: [16, 10] }));
  assert.deepEqual(series.map((s) => s.label), ['a', '981 other EVSEs']);
  assert.deepEqual(series[1].data, [16, 10, 10]);
});

test('no records, no series', () => {
  assert.deepEqual(chartSeries(chart({ times: [], capacity: [], allotted: [], series: [], other: [] })), { xs: [], capacity: [], series: [] });
});

test('CSV: a header is skipped, commas, semicolons or tabs separate, blank lines are dropped, lines are numbered', () => {
  const periods = parseCsv('start,end,capacity\n2026-12-02T10:00:00Z,2026-12-02T11:00:00Z,40\n\n2026-12-02T11:00:00Z;2026-12-02T12:00:00Z;25.5\r\na\tb\t\n');
  assert.deepEqual(periods, [
    { start: '2026-12-02T10:00:00Z', end: '2026-12-02T11:00:00Z', capacity: 40, line: 2 },
    { start: '2026-12-02T11:00:00Z', end: '2026-12-02T12:00:00Z', capacity: 25.5, line: 4 },
    { start: 'a', end: 'b', capacity: NaN, line: 5 },
  ]);
});

test('a stack: each series sits on the ones before it', () => {
  const tops = stackTops([{ data: [1, 2, 0] }, { data: [3, 0, 4] }, { data: [0, 5, 1] }]);
  assert.deepEqual(tops, [[1, 2, 0], [4, 2, 4], [4, 7, 5]]);
});

test('requests per UTC day, the quiet days between at 0', () => {
  const at = (t) => ({ requested_at: t });
  assert.deepEqual(perDay([at('2026-12-03T23:59:00Z'), at('2026-12-01T00:00:00Z'), at('2026-12-03T01:00:00Z')]), [
    { day: '2026-12-01', count: 1 }, { day: '2026-12-02', count: 0 }, { day: '2026-12-03', count: 2 },
  ]);
  assert.deepEqual(perDay([]), []);
});
