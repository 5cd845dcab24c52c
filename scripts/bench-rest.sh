#!/usr/bin/env bash
# Measures the REST API under a closed-loop load: THREADS clients each send their next request as
# soon as the last is answered. Provisions a CPO, EVSEs and an equal-share group, then, after a
# warm-up, reads the group (GET /api/v1/smart-charging-groups/{id}) and sets its capacity profile
# (PUT .../capacity-profile: 24 hourly periods; each PUT makes the group allocate again).
#
#   mvn install -DskipTests && mvn -pl liberty liberty:start
#   scripts/bench-rest.sh [threads] [seconds] [evses]
#   mvn -pl liberty liberty:stop
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
threads=${1:-8}
seconds=${2:-30}
evses=${3:-10}
java -cp "$here/../simulator/target/simulator.jar" org.gridcharge.simulator.RestLoad --api "${API:-http://localhost:9080}" \
  --token "$("$here/dev-token.sh" --role platform-admin)" --threads "$threads" --seconds "$seconds" --warmup-seconds 10 \
  --evses "$evses"
