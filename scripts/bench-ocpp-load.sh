#!/usr/bin/env bash
# Measures OCPP CALLs per server CPU-second with the neutral load tool ../shared/tools/ocpp-load
# (ocpp-rpc clients): onboards N stations with a password (one EVSE each, in no group, so no
# allocation traffic; stations that exist already are reused), then floods one action in a closed
# loop and prints the tool's JSON report, whose callsPerServerCpuSecond is the figure of issue 23.
#
#   mvn install -DskipTests && mvn -pl liberty liberty:start
#   scripts/bench-ocpp-load.sh [action: Heartbeat|MeterValues|StatusNotification] [stations] [flood_seconds] [warmup_seconds]
#   mvn -pl liberty liberty:stop
#
# LOAD_TOOL (default /tmp/ocpp-load) is a copy of ../shared/tools/ocpp-load, set up with npm install
# on first use. PID is the server's process id (default: the Liberty server's JVM found by ps).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
action=${1:-Heartbeat}
stations=${2:-1000}
flood=${3:-30}
warmup=${4:-10}
api=${API:-http://localhost:9080}
ws=${WS:-ws://127.0.0.1:9080}
tool=${LOAD_TOOL:-/tmp/ocpp-load}
cpo="LD*BENCH"
prefix="LD-"
password="load-bench-station-pw"

if [ ! -d "$tool/node_modules" ]; then
  mkdir -p "$tool" && cp -r "$here/../../shared/tools/ocpp-load/." "$tool/" && (cd "$tool" && npm install --no-audit --no-fund -q)
fi
pid=${PID:-$(pgrep -f 'ws-server.jar.*gridcharge' | head -1)}
[ -n "$pid" ] || { echo "no Liberty server process found; set PID" >&2; exit 2; }

admin=$("$here/dev-token.sh" --role platform-admin)
token=$("$here/dev-token.sh" --role cpo-admin --cpo "$cpo")
curl -s -o /dev/null -X POST "$api/api/v1/cpos" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d "{\"cpo_id\":\"$cpo\",\"name\":\"OCPP load benchmark\"}"
file=$(mktemp --suffix=.csv)
trap 'rm -f "$file"' EXIT
awk -v n="$stations" -v cpo="$cpo" -v prefix="$prefix" -v pw="$password" 'BEGIN {
  print "evse_id,cpo_id,charge_station_id,connector_id,max_current_amps,phases,station_password";
  for (i = 1; i <= n; i++) printf "LD*BEN*E%05d,%s,%s%05d,1,32,3,%s\n", i, cpo, prefix, i, pw }' > "$file"
status=$(API="$api" "$here/onboard.sh" "$token" "$file")
echo "onboarding of $stations stations: $status (rows of stations that exist already are reported as rejected)" >&2

node "$tool/load.js" --url-template "$ws/ocpp/{id}" --prefix "$prefix" --basic-auth-password "$password" \
  --stations "$stations" --connect-rate 100 --warmup-seconds "$warmup" --flood-seconds "$flood" --action "$action" \
  --server-pid "$pid" --label "GridCharge $(git -C "$here/.." rev-parse --short HEAD) $action"
