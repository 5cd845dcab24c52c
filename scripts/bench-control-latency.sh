#!/usr/bin/env bash
# Measures control latency: provisions N simulated stations (one EVSE each, default 1,000) in one
# equal-share group, lets them charge, then sets a capacity profile that takes effect at once and
# prints how long each station took, from the PUT, to get its new SetChargingProfile (p50, p99, last).
#
#   mvn install -DskipTests && mvn -pl liberty liberty:start
#   scripts/bench-control-latency.sh [stations] [new_capacity_amps] [tree]
#   mvn -pl liberty liberty:stop
#
# With a tree (e.g. 10x10: a connection, 10 boards, 10 cables on each, the stations spread over the
# cables), the stations are provisioned into that tree of groups and the probe cuts the connection.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
stations=${1:-1000}
capacity=${2:-$((stations * 6))}
tree=${3:-}
run=$(date +%s)
java -Xmx2g -jar "$here/../simulator/target/simulator.jar" --api "${API:-http://localhost:9080}" \
  --token "$("$here/dev-token.sh" --role platform-admin)" --provision --cpo "LT*$run" --prefix "L$run-" \
  --stations "$stations" --connect-per-second 100 --heartbeat-seconds 30 --meter-seconds 3600 \
  --duration-seconds 45 --full-battery-share 0 --probe-capacity "$capacity" ${tree:+--tree "$tree"}
