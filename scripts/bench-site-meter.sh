#!/usr/bin/env bash
# Measures a site meter's control: provisions N simulated stations (default 100) in one equal-share group whose
# capacity comes from a site meter (readings posted by REST each second) on a connection of C A per phase (default
# 250), lets them charge under the building's load B (default 40 A), then steps the load to A (default 160 A) and
# prints how long each station took, from the step's reading, to get its new SetChargingProfile, and how far and how
# long the building's load plus the EVs' limits in force stood above the connection.
#
#   mvn install -DskipTests && mvn -pl liberty liberty:start
#   scripts/bench-site-meter.sh [stations] [connection:before:after]
#   mvn -pl liberty liberty:stop
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
stations=${1:-100}
meter=${2:-250:40:160}
run=$(date +%s)
java -Xmx2g -jar "$here/../simulator/target/simulator.jar" --api "${API:-http://localhost:9080}" \
  --token "$("$here/dev-token.sh" --role platform-admin)" --provision --cpo "MT*$run" --prefix "M$run-" \
  --stations "$stations" --connect-per-second 100 --heartbeat-seconds 30 --meter-seconds 3600 \
  --duration-seconds 40 --full-battery-share 0 --site-meter "$meter"
