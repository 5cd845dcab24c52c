#!/usr/bin/env bash
# Measures the portal's group page for a group of N EVSEs (default 1,000) with 24 h of allocation data (a record a
# minute, 1,440 records of N limits, inserted with psql), on a platform running on PostgreSQL: in Debian's chromium,
# from navigation to the allocation chart drawn and to the whole page shown, over several loads; and the chart's API
# call (allocation-chart, cut on the server) against the per-record graph the first portal slice paged through
# (allocation-graph, every page for the same 24 h).
#
#   mvn install -DskipTests && mvn verify -pl liberty -Dit.test=PortalIT   (node, playwright-core in liberty/target)
#   DB_KIND=postgresql DB_NAME=test mvn -pl liberty liberty:start
#   scripts/bench-portal.sh [evses] [loads]
#   mvn -pl liberty liberty:stop
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
n=${1:-1000}
loads=${2:-7}
base=${BASE_URL:-http://localhost:9080}
api=$base/api/v1
node=${NODE:-$root/liberty/target/node-dist/package/bin/node}
node_dir=$root/liberty/target/ocpp-node
[ -x "$node" ] && [ -d "$node_dir/node_modules/playwright-core" ] \
  || { echo "node and playwright-core are missing: run mvn verify -pl liberty -Dit.test=PortalIT once" >&2; exit 1; }
psql=(psql -q -h "${DB_HOST:-127.0.0.1}" -U "${DB_USER:-postgres}" -d "${DB_NAME:-test}")
run=$(date +%s)
cpo="BP*$run"
admin=$("$here/dev-token.sh" --role platform-admin)
token=$("$here/dev-token.sh" --role cpo-admin --cpo "$cpo")
auth=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')

curl -sf -X POST "$api/cpos" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d "{\"cpo_id\":\"$cpo\",\"name\":\"Portal benchmark\"}" > /dev/null
csv=$(mktemp)
echo "evse_id,cpo_id,charge_station_id,connector_id,max_current_amps,phases,phase_rotation" > "$csv"
for i in $(seq 1 "$n"); do
  echo "NL*BPP*E${run}$(printf %05d "$i")*1,$cpo,BP-$run-$i,1,32,3,RST" >> "$csv"
done
[ "$(API=$base "$here/onboard.sh" "$token" "$csv")" = completed ] || { echo "onboarding failed" >&2; exit 1; }
ids=$(tail -n +2 "$csv" | cut -d, -f1 | sed 's/.*/"&"/' | paste -sd,)
rm -f "$csv"
group=$(curl -sf -X POST "$api/smart-charging-groups" "${auth[@]}" -d "{\"cpo_id\":\"$cpo\",\"name\":\"Portal benchmark\",
  \"algorithm\":{\"name\":\"equal_share\"},\"default_capacity_amps\":20000,\"evse_ids\":[$ids]}" \
  | sed -E 's/.*"group_id":"([^"]+)".*/\1/')

# 24 h, a record a minute; EVSE i charges in turns, 6..32 A, changing every minute
start=$SECONDS
"${psql[@]}" <<SQL
INSERT INTO allocation_record (record_id, group_id, valid_from, computed_at, profile_type, capacity_amps,
    allotted_l1_amps, allotted_l2_amps, allotted_l3_amps, trigger_reason, capacity_source)
  SELECT 'bp-$run-' || g, '$group', (now() AT TIME ZONE 'UTC') - make_interval(mins => g), now() AT TIME ZONE 'UTC',
    'capacity_limit', 16000 + 4000 * ((g / 120) % 2), 0, 0, 0, 'timer', 'api' FROM generate_series(1, 1440) g;
INSERT INTO allocation_limit (record_id, evse_id, limit_amps, state, priority, session_id)
  SELECT 'bp-$run-' || g, e.evse_id,
    CASE WHEN (e.i + g / 30) % 3 = 0 THEN 0 ELSE 6 + ((e.i * 7 + g) % 27) END, 'CHARGING', false, NULL
  FROM generate_series(1, 1440) g
  CROSS JOIN (SELECT evse_id, row_number() OVER (ORDER BY evse_id) AS i FROM evse WHERE group_id = '$group') e;
UPDATE allocation_record r SET allotted_l1_amps = s.total, allotted_l2_amps = s.total, allotted_l3_amps = s.total
  FROM (SELECT record_id, SUM(limit_amps) AS total FROM allocation_limit WHERE record_id LIKE 'bp-$run-%' GROUP BY record_id) s
  WHERE r.record_id = s.record_id;
ANALYZE allocation_record;
ANALYZE allocation_limit;
SQL
echo "seeded $n EVSEs x 1,440 records in $((SECONDS - start)) s (group $group)"

now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
day=$(date -u -d '-24 hours' +%Y-%m-%dT%H:%M:%SZ)
time_call() { curl -s -o /dev/null -w '%{time_total} %{size_download}' -H "Authorization: Bearer $token" "$1"; }
enc_group=$group
echo "API, each call three times (seconds, bytes):"
for _ in 1 2 3; do
  echo "  allocation-chart (points=390, series=12, as the portal asks at 1280 px): $(time_call "$api/smart-charging-groups/$enc_group/allocation-chart?phase=l1&from=$day&to=$now&points=390&series=12")"
done
graph_total=0 graph_bytes=0 offset=0
graph_start=$(date +%s.%N)
while :; do
  page=$(mktemp)
  curl -s -o "$page" -H "Authorization: Bearer $token" \
    "$api/smart-charging-groups/$enc_group/allocation-graph?phase=l1&from=$day&to=$now&offset=$offset&limit=500"
  got=$(grep -o '"timestamp"' "$page" | wc -l)
  graph_bytes=$((graph_bytes + $(stat -c %s "$page")))
  rm -f "$page"
  offset=$((offset + got))
  [ "$got" -gt 0 ] && [ "$offset" -lt 1440 ] || break
done
echo "  allocation-graph, every page of the same 24 h (what the first slice read): $(echo "$(date +%s.%N) - $graph_start" | bc) s, $graph_bytes bytes, $offset points"

echo "The group page in chromium, $loads loads (1280x900):"
BASE_URL=$base TOKEN=$token GROUP=$group LOADS=$loads CHROMIUM=${CHROMIUM:-/usr/bin/chromium} "$node" "$node_dir/portal-bench.mjs"
