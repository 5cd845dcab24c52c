// The allocation chart's request, shared by the group page and by prefetch.js (which sends it before the rest loads).

export const SERIES = 12; // the 11 EVSEs with the highest limits apart, the rest summed: more are not told apart by eye
export const DAY = 24 * 3600e3;

/** At most one instant per three pixels of the chart's width (the page's main column). */
export function chartPoints(width) {
  return Math.max(50, Math.min(1000, Math.round(width / 3)));
}

/**
 * The path of a group's chart for [end - range, end); no phase asked means L1, or none in a group managed in watts.
 * `end` is a little ahead of now: a record the server just wrote may be a moment ahead of this browser's clock.
 */
export function chartPath(groupId, { phase = 'l1', end, range = DAY, points }) {
  const from = new Date(end - range).toISOString();
  return `/smart-charging-groups/${encodeURIComponent(groupId)}/allocation-chart?${phase === 'l1' ? '' : `phase=${phase}&`}`
    + `from=${encodeURIComponent(from)}&to=${encodeURIComponent(new Date(end).toISOString())}&points=${points}&series=${SERIES}`;
}
