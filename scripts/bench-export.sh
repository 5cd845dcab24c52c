#!/usr/bin/env bash
# Measures an allocation-data export of N rows (default 1,000,000) on a platform running on
# PostgreSQL, and the server's heap while it runs: synthetic allocation records (10 EVSEs each)
# are inserted with psql for a new group, exported as CSV, and the old generation sampled with jstat.
#
#   mvn install -DskipTests && DB_KIND=postgresql DB_NAME=test mvn -pl liberty liberty:start
#   scripts/bench-export.sh [rows]
#   mvn -pl liberty liberty:stop
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
rows=${1:-1000000}
records=$((rows / 10))
api=${API:-http://localhost:9080/api/v1}
psql=(psql -q -h "${DB_HOST:-127.0.0.1}" -U "${DB_USER:-postgres}" -d "${DB_NAME:-test}")
run=$(date +%s)
cpo="BX*$run"
admin=$("$here/dev-token.sh" --role platform-admin)
token=$("$here/dev-token.sh" --role cpo-admin --cpo "$cpo")
auth=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')

curl -sf -X POST "$api/cpos" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d "{\"cpo_id\":\"$cpo\",\"name\":\"Export benchmark\"}" > /dev/null
evses=()
for i in $(seq 1 10); do
  evse="NL*BXP*E${run}$i"
  curl -sf -X POST "$api/evses" "${auth[@]}" -d "{\"evse_id\":\"$evse\",\"cpo_id\":\"$cpo\",\"charge_station_id\":\"BX-$run\",
    \"connector_id\":$i,\"max_current_amps\":32,\"phases\":3}" > /dev/null
  evses+=("'$evse'")
done
group=$(curl -sf -X POST "$api/smart-charging-groups" "${auth[@]}" -d "{\"cpo_id\":\"$cpo\",\"name\":\"Export benchmark\",
  \"algorithm\":{\"name\":\"equal_share\"},\"default_capacity_amps\":100,\"evse_ids\":[$(IFS=,; echo "${evses[*]}" | tr "'" '"')]}" \
  | sed -E 's/.*"group_id":"([^"]+)".*/\1/')

"${psql[@]}" <<SQL
INSERT INTO allocation_record (record_id, group_id, valid_from, computed_at, profile_type, capacity_amps,
    allotted_l1_amps, allotted_l2_amps, allotted_l3_amps, trigger_reason)
  SELECT 'bx-$run-' || g, '$group', (now() AT TIME ZONE 'UTC') - make_interval(mins => g), now() AT TIME ZONE 'UTC',
    'capacity_limit', 100, 100, 100, 100, 'timer' FROM generate_series(1, $records) g;
INSERT INTO allocation_limit (record_id, evse_id, limit_amps, state, priority, session_id)
  SELECT r.record_id, e.evse_id, 10, 'CHARGING', false, NULL
  FROM allocation_record r CROSS JOIN (SELECT evse_id FROM evse WHERE group_id = '$group') e
  WHERE r.group_id = '$group' AND r.record_id LIKE 'bx-$run-%';
SQL

pid=$(pgrep -f ws-server.jar | head -1)
jcmd "$pid" GC.run > /dev/null
samples=$(mktemp)
jstat -gc "$pid" 250 > "$samples" &
sampler=$!
from=$(date -u -d "-$((records + 10)) minutes" +%Y-%m-%dT%H:%M:%SZ)
to=$(date -u -d "+1 minute" +%Y-%m-%dT%H:%M:%SZ)
start=$(date +%s.%N)
export_id=$(curl -sf -X POST "$api/exports" "${auth[@]}" \
  -d "{\"group_ids\":[\"$group\"],\"from\":\"$from\",\"to\":\"$to\",\"format\":\"csv\"}" | sed -E 's/.*"export_id":([0-9]+).*/\1/')
status=starting
while [ "$status" = starting ] || [ "$status" = started ]; do
  sleep 0.5
  view=$(curl -sf "$api/exports/$export_id" -H "Authorization: Bearer $token")
  status=$(echo "$view" | sed -E 's/.*"status":"([a-z]+)".*/\1/')
done
end=$(date +%s.%N)
kill "$sampler"
# jstat -gc columns: ... OC OU ... ; report the old generation's peak use (MB) during the export
old_peak=$(awk 'NR > 1 { for (i = 1; i <= NF; i++) if (h[i] == "OU") if ($i > m) m = $i } NR == 1 { for (i = 1; i <= NF; i++) h[i] = $i }
  END { printf "%.0f", m / 1024 }' "$samples")
heap_peak=$(awk 'NR == 1 { for (i = 1; i <= NF; i++) h[i] = $i } NR > 1 { s = 0; for (i = 1; i <= NF; i++)
  if (h[i] == "EU" || h[i] == "OU" || h[i] == "S0U" || h[i] == "S1U") s += $i; if (s > m) m = s } END { printf "%.0f", m / 1024 }' "$samples")
rm -f "$samples"
echo "rows=$(echo "$view" | sed -E 's/.*"rows":([0-9]+).*/\1/') bytes=$(echo "$view" | sed -E 's/.*"bytes":([0-9]+).*/\1/')" \
  "status=$status seconds=$(echo "$end - $start" | bc) old_gen_peak_mb=$old_peak heap_used_peak_mb=$heap_peak"
