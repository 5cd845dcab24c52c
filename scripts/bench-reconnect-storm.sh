#!/usr/bin/env bash
# Measures a reconnect storm in a cluster: N simulated stations (one EVSE each, one equal-share group) connect through
# the balancer; once all charge, server 1 is killed (kill -9) and its stations reconnect to the others. Prints the
# simulator's summary (how many connections were lost and reopened, and when each station was back under control: its
# connector's profile on the new connection) and the CPU the surviving servers spent from the kill until the end, per
# reconnected station.
#
#   DB_NAME=bench WEIGHTS="3 1 1" scripts/cluster.sh up 3
#   scripts/bench-reconnect-storm.sh [stations] [seconds after the kill]
#   DB_NAME=bench scripts/cluster.sh down
#
# Settings as for scripts/cluster.sh (CLUSTER_DIR, BALANCER_PORT); the kill goes to server 1.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
stations=${1:-3000}
after=${2:-90}
CLUSTER_DIR=${CLUSTER_DIR:-$here/../liberty/target/cluster}
api=http://localhost:${BALANCER_PORT:-9090}
run=$(date +%s)
log=$(mktemp)
trap 'rm -f "$log"' EXIT

cpu_ticks() { # utime + stime of a server, in clock ticks
  awk '{print $14 + $15}' "/proc/$(cat "$CLUSTER_DIR/node-$1/.pid/gridcharge.pid")/stat"
}

# long enough for the ramp (connects/s 100) and the storm; the simulator ends by itself
duration=$((stations / 100 + 60 + after))
java -Xmx3g -jar "$here/../simulator/target/simulator.jar" --api "$api" \
  --token "$("$here/dev-token.sh" --role platform-admin)" --provision --cpo "RS*$run" --prefix "R$run-" \
  --stations "$stations" --connect-per-second 100 --heartbeat-seconds 300 --meter-seconds 3600 \
  --full-battery-share 0 --reconnect --duration-seconds "$duration" > "$log" 2>&1 &
sim=$!
until grep -q "stations connected and charging" "$log"; do
  kill -0 "$sim" 2> /dev/null || { cat "$log"; echo "the simulator ended before all stations charged" >&2; exit 1; }
  sleep 1
done
grep "stations connected and charging" "$log"
sleep 10 # the group's allocation after the ramp settles
count=$(ls -d "$CLUSTER_DIR"/node-* 2> /dev/null | grep -c 'node-[0-9]*$')
before=0
for i in $(seq 2 "$count"); do before=$((before + $(cpu_ticks "$i"))); done
"$here/cluster.sh" kill 1
killed=$SECONDS
wait "$sim" || true
after_ticks=0
for i in $(seq 2 "$count"); do after_ticks=$((after_ticks + $(cpu_ticks "$i"))); done
grep -E "connections lost|CALL round trip|problems|overshoot" "$log" | tail -6
hz=$(getconf CLK_TCK)
lost=$(grep -o "connections lost: [0-9]*" "$log" | tail -1 | grep -o "[0-9]*$")
awk -v t=$((after_ticks - before)) -v hz="$hz" -v lost="${lost:-0}" -v s=$((SECONDS - killed)) 'BEGIN {
  printf "surviving servers: %.1f CPU-seconds in the %d s from the kill to the end; %.2f ms per reconnected station\n",
    t / hz, s, (lost > 0 ? 1000 * t / hz / lost : 0) }'
