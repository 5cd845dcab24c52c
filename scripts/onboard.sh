#!/usr/bin/env bash
# Onboards the EVSEs of an onboarding CSV and waits for the job to end; prints its final status
# (completed, failed, stopped). Used by the benchmark scripts.
#
#   scripts/onboard.sh <cpo-admin token> <csv file>
set -euo pipefail

token=$1
file=$2
api=${API:-http://localhost:9080}
job=$(curl -sf -X POST "$api/api/v1/onboarding-jobs" -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' \
  --data-binary "@$file" | sed -E 's/.*"job_id":([0-9]+).*/\1/')
status=started
while [ "$status" = started ] || [ "$status" = starting ]; do
  sleep 1
  status=$(curl -sf "$api/api/v1/onboarding-jobs/$job" -H "Authorization: Bearer $token" | sed -E 's/.*"status":"([a-z]+)".*/\1/')
done
echo "$status"
