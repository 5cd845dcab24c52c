#!/usr/bin/env bash
# Measures profile churn during a ramp (issue 23): onboards N stations (one EVSE each, a fresh CPO each run) into one
# equal-share group of 10 A per station, then connects them with the neutral load tool ../shared/tools/ocpp-load at
# R per second; each boots, starts a transaction and sends Heartbeats. Prints the SetChargingProfile CALLs the stations
# received (in all and per station) once the group has settled, S seconds after the last station connected.
#
#   mvn install -DskipTests && mvn -pl liberty liberty:start
#   scripts/bench-ocpp-ramp.sh [stations] [connects_per_second] [settle_seconds]
#   mvn -pl liberty liberty:stop
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
stations=${1:-1000}
rate=${2:-100}
settle=${3:-20}
api=${API:-http://localhost:9080}
ws=${WS:-ws://127.0.0.1:9080}
tool=${LOAD_TOOL:-/tmp/ocpp-load}
run=$(date +%s)
cpo="RP*$run"
prefix="R$run-"
password="ramp-bench-station-pw"

if [ ! -d "$tool/node_modules" ]; then
  mkdir -p "$tool" && cp -r "$here/../../shared/tools/ocpp-load/." "$tool/" && (cd "$tool" && npm install --no-audit --no-fund -q)
fi
admin=$("$here/dev-token.sh" --role platform-admin)
token=$("$here/dev-token.sh" --role cpo-admin --cpo "$cpo")
curl -sf -o /dev/null -X POST "$api/api/v1/cpos" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d "{\"cpo_id\":\"$cpo\",\"name\":\"Ramp benchmark\"}"
file=$(mktemp --suffix=.csv)
trap 'rm -f "$file"' EXIT
awk -v n="$stations" -v cpo="$cpo" -v prefix="$prefix" -v pw="$password" -v run="$run" 'BEGIN {
  print "evse_id,cpo_id,charge_station_id,connector_id,max_current_amps,phases,station_password";
  for (i = 1; i <= n; i++) printf "NL*RMP*E%s%05d,%s,%s%05d,1,32,3,%s\n", run, i, cpo, prefix, i, pw }' > "$file"
status=$(API="$api" "$here/onboard.sh" "$token" "$file")
ids=$(awk -v n="$stations" -v run="$run" 'BEGIN { for (i = 1; i <= n; i++) printf "%s\"NL*RMP*E%s%05d\"", (i > 1 ? "," : ""), run, i }')
group=$(curl -sf -X POST "$api/api/v1/smart-charging-groups" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "{\"cpo_id\":\"$cpo\",\"name\":\"Ramp\",\"algorithm\":{\"name\":\"equal_share\",\"parameters\":{}},\"default_capacity_amps\":$((stations * 10)),\"evse_ids\":[$ids]}" \
  | sed -E 's/.*"group_id":"([^"]+)".*/\1/')
echo "onboarding of $stations stations into group $group: $status" >&2

report=$(mktemp --suffix=.json)
node "$tool/load.js" --url-template "$ws/ocpp/{id}" --prefix "$prefix" --basic-auth-password "$password" \
  --stations "$stations" --connect-rate "$rate" --transaction on --pause-seconds "$settle" --warmup-seconds 0 --flood-seconds 5 \
  --action Heartbeat --stop-transaction off --label "GridCharge $(git -C "$here/.." rev-parse --short HEAD) ramp" --out "$report" > /dev/null
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const n = Number(process.argv[2]);
const profiles = (r.server_calls_received || {}).SetChargingProfile || 0;
console.log(JSON.stringify({ stations: n, connect_rate: Number(process.argv[3]), settle_seconds: Number(process.argv[4]),
  set_charging_profile_calls: profiles, per_station: Math.round(profiles / n * 100) / 100, server_calls: r.server_calls_received }));
' "$report" "$stations" "$rate" "$settle"
rm -f "$report"
