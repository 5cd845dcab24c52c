#!/usr/bin/env bash
# Measures bulk EVSE onboarding: generates a CSV of N rows (default 100,000), uploads it to a
# running platform as a new CPO's admin, and prints how long the batch job took.
#
#   mvn install -DskipTests && mvn -pl liberty liberty:start
#   scripts/bench-onboarding.sh [rows] [chunk_size]
#   mvn -pl liberty liberty:stop
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
rows=${1:-100000}
chunk=${2:-1000}
api=${API:-http://localhost:9080/api/v1}
cpo="BN*$(date +%s)"
admin=$("$here/dev-token.sh" --role platform-admin)
token=$("$here/dev-token.sh" --role cpo-admin --cpo "$cpo")
file=$(mktemp --suffix=.csv)
trap 'rm -f "$file"' EXIT

curl -sf -X POST "$api/cpos" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d "{\"cpo_id\":\"$cpo\",\"name\":\"Benchmark\"}" > /dev/null
awk -v n="$rows" -v cpo="$cpo" -v run="$(date +%s)" 'BEGIN {
  print "evse_id,cpo_id,charge_station_id,connector_id,max_current_amps,phases,phase_rotation";
  for (i = 1; i <= n; i++) printf "NL*BNC*E%s%07d,%s,BN-%s-%d,%d,32,3,RST\n", run, i, cpo, run, int((i - 1) / 2), (i - 1) % 2 + 1 }' > "$file"

start=$(date +%s.%N)
job=$(curl -sf -X POST "$api/onboarding-jobs?chunk_size=$chunk" -H "Authorization: Bearer $token" \
  -H 'Content-Type: text/csv' --data-binary "@$file" | sed -E 's/.*"job_id":([0-9]+).*/\1/')
status=started
while [ "$status" = started ] || [ "$status" = starting ]; do
  sleep 0.5
  view=$(curl -sf "$api/onboarding-jobs/$job" -H "Authorization: Bearer $token")
  status=$(echo "$view" | sed -E 's/.*"status":"([a-z]+)".*/\1/')
done
end=$(date +%s.%N)
written=$(echo "$view" | sed -E 's/.*"written":([0-9]+).*/\1/')
echo "rows=$rows chunk=$chunk status=$status written=$written seconds=$(echo "$end - $start" | bc)"
