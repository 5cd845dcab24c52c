#!/usr/bin/env bash
# Measures the OCPP endpoint: onboards N stations (one EVSE each, no group, so no allocation
# traffic) with their passwords, then connects N simulated OCPP 1.6J stations that boot, start a
# session, and send heartbeats and meter values; prints how many stayed connected, the messages
# they sent, and the round trip of their CALLs (p50/p99).
#
#   mvn install -DskipTests && mvn -pl liberty liberty:start
#   scripts/bench-ocpp.sh [stations] [heartbeat_seconds] [meter_seconds] [duration_seconds] [connects_per_second]
#   mvn -pl liberty liberty:stop
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
stations=${1:-10000}
heartbeat=${2:-30}
meter=${3:-60}
duration=${4:-180}
rate=${5:-100}
api=${API:-http://localhost:9080}
run=$(date +%s)
cpo="BO*$run"
password="benchmark-station-pw-$run"
admin=$("$here/dev-token.sh" --role platform-admin)
token=$("$here/dev-token.sh" --role cpo-admin --cpo "$cpo")
file=$(mktemp --suffix=.csv)
trap 'rm -f "$file"' EXIT

curl -sf -X POST "$api/api/v1/cpos" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d "{\"cpo_id\":\"$cpo\",\"name\":\"OCPP benchmark\"}" > /dev/null
awk -v n="$stations" -v cpo="$cpo" -v run="$run" -v pw="$password" 'BEGIN {
  print "evse_id,cpo_id,charge_station_id,connector_id,max_current_amps,phases,station_password";
  for (i = 1; i <= n; i++) printf "NL*BOC*E%s%05d,%s,B%s-%05d,1,32,3,%s\n", run, i, cpo, run, i, pw }' > "$file"
status=$(API="$api" "$here/onboard.sh" "$token" "$file")
echo "onboarded $stations stations: $status"

java -Xmx2g -jar "$here/../simulator/target/simulator.jar" --api "$api" --prefix "B$run-" --password "$password" \
  --stations "$stations" --heartbeat-seconds "$heartbeat" --meter-seconds "$meter" --duration-seconds "$duration" \
  --connect-per-second "$rate" --full-battery-share 0
