#!/usr/bin/env bash
# Measures OCPP messages per second at saturation: provisions N simulated stations (default 1,000)
# in one group, lets them charge, then every station sends Heartbeats for S seconds (default 30),
# each as soon as the last is answered, and prints CALLs answered per second and the round trips.
# The simulator runs on the same machine and takes its share of the cores.
#
#   mvn install -DskipTests && mvn -pl liberty liberty:start
#   scripts/bench-ocpp-saturation.sh [stations] [seconds]
#   mvn -pl liberty liberty:stop
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
stations=${1:-1000}
seconds=${2:-30}
run=$(date +%s)
java -Xmx2g -jar "$here/../simulator/target/simulator.jar" --api "${API:-http://localhost:9080}" \
  --token "$("$here/dev-token.sh" --role platform-admin)" --provision --cpo "ST*$run" --prefix "F$run-" \
  --stations "$stations" --connect-per-second 200 --heartbeat-seconds 300 --meter-seconds 3600 \
  --flood-seconds "$seconds" --duration-seconds 5 --full-battery-share 0
