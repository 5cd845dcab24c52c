// Loaded before the portal's code: on a group's page, asks for its allocation chart at once, so that the answer is on
// its way while the rest of the portal loads. The group page takes it (or asks again if it went wrong).
import { chartPath, chartPoints } from './chart-request.js';

try {
  const session = JSON.parse(sessionStorage.getItem('gridcharge.session') || 'null');
  const route = location.hash.match(/^#\/groups\/([^/]+)$/);
  if (session && session.token && (!session.expires || session.expires > Date.now()) && route) {
    const groupId = decodeURIComponent(route[1]);
    const end = Date.now() + 5000;
    // the main column is at most 1200 px wide, less 2 rem of padding
    const points = chartPoints(Math.min(1200, document.documentElement.clientWidth) - 32);
    const path = chartPath(groupId, { end, points });
    window.gridchargeChart = {
      groupId, end, points,
      answer: fetch(`/api/v1${path}`, { headers: { Accept: 'application/json', Authorization: `Bearer ${session.token}` } })
        .then((r) => (r.ok ? r.json() : null), () => null),
    };
  }
} catch {
  // the page asks itself
}
