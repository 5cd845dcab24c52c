#!/usr/bin/env bash
# A cluster on this machine: N GridCharge servers on one PostgreSQL database behind HAProxy (docs/cluster.md).
#
#   scripts/cluster.sh up N        start N servers (one EAR, each its own ports and output directory) and the balancer
#   scripts/cluster.sh down        stop them all
#   scripts/cluster.sh status      each server's readiness, and the balancer's
#   scripts/cluster.sh kill I      kill -9 server I (a crash, for failover tests)
#   scripts/cluster.sh pause I     freeze server I (SIGSTOP: a hung server, for tests); resume I thaws it
#   scripts/cluster.sh start I     start server I again (after a kill or a stop)
#   scripts/cluster.sh stop I      drain server I (its stations go to the others) and stop it
#
# Stations and API clients use the balancer: http://localhost:$BALANCER_PORT (API) and ws://localhost:$BALANCER_PORT/ocpp/{id}.
# Server I answers on http://localhost:$((CLUSTER_HTTP_PORT + I)) too.
#
# Settings (environment): DB_HOST, DB_PORT, DB_NAME (default gridcharge), DB_USER, DB_PASSWORD; CLUSTER_DIR (default
# liberty/target/cluster); CLUSTER_HTTP_PORT (default 9180: server I gets 9180+I, HTTPS 9640+I); BALANCER_PORT (default
# 9090); EXTRA_BACKENDS: more servers for the balancer's pool, as host:port, space-separated (e.g. one you started
# yourself on the same database); WEIGHTS: the balancer's weight of each server in order, e.g. "3 1" (default 1 each; the
# extra backends weigh 1); DB_POOL_SIZE: each server's most database connections (default 20: PostgreSQL allows
# 100 in all by default); GRIDCHARGE_STATION_LOGIN_KEY (default: one made for the cluster directory; a value under
# 32 characters, e.g. "off", is no key). Needs the built platform (mvn install -DskipTests) and haproxy (Debian's package).
set -euo pipefail
cd "$(dirname "$0")/.."

ROOT=$PWD
WLP=$ROOT/liberty/target/liberty/wlp
CLUSTER_DIR=${CLUSTER_DIR:-$ROOT/liberty/target/cluster}
CLUSTER_HTTP_PORT=${CLUSTER_HTTP_PORT:-9180}
CLUSTER_HTTPS_PORT=${CLUSTER_HTTPS_PORT:-9640}
BALANCER_PORT=${BALANCER_PORT:-9090}
EXTRA_BACKENDS=${EXTRA_BACKENDS:-}
read -r -a WEIGHT <<< "${WEIGHTS:-}"
export DB_KIND=postgresql DB_HOST=${DB_HOST:-127.0.0.1} DB_PORT=${DB_PORT:-5432} DB_NAME=${DB_NAME:-gridcharge} \
  DB_USER=${DB_USER:-postgres} DB_PASSWORD=${DB_PASSWORD:-}

die() { echo "cluster.sh: $*" >&2; exit 1; }

node_env() {
  local i=$1
  echo "WLP_USER_DIR=$CLUSTER_DIR/usr" "WLP_OUTPUT_DIR=$CLUSTER_DIR/node-$i" \
    "HTTP_PORT=$((CLUSTER_HTTP_PORT + i))" "HTTPS_PORT=$((CLUSTER_HTTPS_PORT + i))" \
    "GRIDCHARGE_CLUSTER_NODE_NAME=node-$i" "TIMER_FAILOVER=on" "DB_POOL_SIZE=${DB_POOL_SIZE:-20}" \
    "GRIDCHARGE_BATCH_DIR=$CLUSTER_DIR/shared/batch-files" "GRIDCHARGE_STATION_LOGIN_KEY=$(login_key)" \
    "GRIDCHARGE_CAPACITY_FILES_DIR=$CLUSTER_DIR/shared/capacity-files"
}

# The key the servers share for stations' login verifiers (docs/production.md): GRIDCHARGE_STATION_LOGIN_KEY if set, or
# one made for this cluster directory and kept there.
login_key() {
  if [ -n "${GRIDCHARGE_STATION_LOGIN_KEY:-}" ]; then echo "$GRIDCHARGE_STATION_LOGIN_KEY"; return; fi
  [ -s "$CLUSTER_DIR/login-key" ] || { mkdir -p "$CLUSTER_DIR"; head -c 33 /dev/urandom | base64 > "$CLUSTER_DIR/login-key"; }
  cat "$CLUSTER_DIR/login-key"
}

server() { # server ACTION I
  local action=$1 i=$2
  env $(node_env "$i") "$WLP/bin/server" "$action" gridcharge > "$CLUSTER_DIR/node-$i.$action.log" 2>&1
}

ready() { curl -sf -o /dev/null --max-time 3 "http://127.0.0.1:$1/health/ready"; }

await_ready() { # await_ready PORT SECONDS
  local port=$1 limit=$2 start=$SECONDS
  until ready "$port"; do
    [ $((SECONDS - start)) -lt "$limit" ] || return 1
    sleep 1
  done
}

count() { cat "$CLUSTER_DIR/size" 2>/dev/null || echo 0; }

prepare() {
  [ -x "$WLP/bin/server" ] || die "no built platform at $WLP: run 'mvn install -DskipTests' first"
  command -v haproxy > /dev/null || [ -x /usr/sbin/haproxy ] || die "haproxy is missing: apt-get install haproxy"
  mkdir -p "$CLUSTER_DIR/shared/batch-files" "$CLUSTER_DIR/shared/capacity-files"
  # the built server's configuration, without the integration tests' overrides and without any state
  rm -rf "$CLUSTER_DIR/usr"
  mkdir -p "$CLUSTER_DIR/usr/servers"
  # (a server running from it, e.g. the integration tests', may touch its directory meanwhile: tar's exit 1 says so)
  (cd "$WLP/usr/servers" && { tar cf - --warning=no-file-changed --exclude=gridcharge/configDropins --exclude=gridcharge/logs \
    --exclude=gridcharge/workarea --exclude=gridcharge/derby --exclude=gridcharge/batch-files --exclude=gridcharge/capacity-files \
    --exclude=gridcharge/tranlog gridcharge || [ $? -eq 1 ]; }) | (cd "$CLUSTER_DIR/usr/servers" && tar xf -)
}

balancer() {
  local n=$1 cfg=$CLUSTER_DIR/haproxy.cfg
  {
    cat <<EOF
global
    maxconn 9000
    hard-stop-after 30s
    pidfile $CLUSTER_DIR/haproxy.pid
defaults
    mode http
    # a frontend's own limit is not the global one (HAProxy's default is far lower): without this, stations beyond
    # it wait in the listen queue
    maxconn 9000
    option redispatch
    retries 2
    timeout connect 3s
    timeout http-request 10s
    timeout client 60s
    timeout server 60s
    timeout tunnel 1h
    timeout client-fin 10s
    timeout server-fin 10s
frontend gridcharge
    bind 127.0.0.1:$BALANCER_PORT
    # an encoded NUL in the path: Liberty refuses it before any application sees it, with an HTML page; answer it here
    # as the platform answers every other error, a problem document (docs/production.md)
    http-request return status 400 content-type application/problem+json string "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"the request could not be read (its path, headers or encoding)\"}" if { path -m sub -i %00 }
    default_backend servers
backend servers
    balance roundrobin
    option httpchk
    http-check send meth GET uri /health/ready ver HTTP/1.1 hdr Host localhost
    http-check expect status 200
    # a busy server (a thousand stations connecting) may answer its check late: 5 s and three misses before it
    # leaves the pool; a draining one answers 503 at once and leaves within 6 s
    timeout check 5s
    default-server check inter 2s fall 3 rise 2
EOF
    for i in $(seq 1 "$n"); do
      echo "    server node-$i 127.0.0.1:$((CLUSTER_HTTP_PORT + i)) weight ${WEIGHT[$((i - 1))]:-1}"
    done
    local e=0
    for backend in $EXTRA_BACKENDS; do
      e=$((e + 1))
      echo "    server extra-$e $backend"
    done
  } > "$cfg"
  "$(command -v haproxy || echo /usr/sbin/haproxy)" -c -q -f "$cfg" || die "haproxy refused $cfg"
  "$(command -v haproxy || echo /usr/sbin/haproxy)" -D -f "$cfg"
}

up() {
  local n=${1:-3}
  [[ "$n" =~ ^[1-9][0-9]?$ ]] || die "up N: N from 1 to 99"
  [ "$(count)" = 0 ] || die "a cluster of $(count) is up already in $CLUSTER_DIR: 'down' first"
  prepare
  echo "$n" > "$CLUSTER_DIR/size"
  # the first alone, so that it creates the schema and Liberty's timer and batch tables before the others look for them
  server start 1 || die "server 1 did not start: $CLUSTER_DIR/node-1.start.log"
  await_ready $((CLUSTER_HTTP_PORT + 1)) 180 || die "server 1 not ready: $CLUSTER_DIR/node-1/gridcharge/logs/messages.log"
  local pids=()
  for i in $(seq 2 "$n"); do
    server start "$i" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || die "a server did not start: see $CLUSTER_DIR/node-*.start.log"; done
  for i in $(seq 2 "$n"); do
    await_ready $((CLUSTER_HTTP_PORT + i)) 180 || die "server $i not ready: $CLUSTER_DIR/node-$i/gridcharge/logs/messages.log"
  done
  balancer "$n"
  await_ready "$BALANCER_PORT" 30 || die "the balancer on $BALANCER_PORT does not answer"
  echo "cluster of $n up: http://localhost:$BALANCER_PORT (servers on $((CLUSTER_HTTP_PORT + 1))..$((CLUSTER_HTTP_PORT + n)))"
}

down() {
  local n
  n=$(count)
  if [ -f "$CLUSTER_DIR/haproxy.pid" ]; then
    kill "$(cat "$CLUSTER_DIR/haproxy.pid")" 2> /dev/null || true
    rm -f "$CLUSTER_DIR/haproxy.pid"
  fi
  local pids=()
  for i in $(seq 1 "$n"); do
    stop_node "$i" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || true; done
  rm -f "$CLUSTER_DIR/size"
  echo "cluster down"
}

stop_node() {
  local i=$1 port=$((CLUSTER_HTTP_PORT + $1))
  if ready "$port"; then
    # drain first: Liberty drops WebSockets when a stop begins; a drain closes them with 1001 so stations move at once
    curl -sf -o /dev/null --max-time 10 -X POST -H "Authorization: Bearer $(scripts/dev-token.sh --role platform-admin)" \
      "http://127.0.0.1:$port/api/v1/ocpp/drain" || true
    sleep 7 # the balancer sees the server's readiness DOWN (3 checks, 2 s apart) before its HTTP goes
  fi
  server stop "$i" || true
}

pid_of() { cat "$CLUSTER_DIR/node-$1/.pid/gridcharge.pid" 2> /dev/null; }

status() {
  local n
  n=$(count)
  [ "$n" != 0 ] || { echo "no cluster in $CLUSTER_DIR"; return 0; }
  for i in $(seq 1 "$n"); do
    local port=$((CLUSTER_HTTP_PORT + i)) state=down
    ready "$port" && state=ready
    echo "node-$i  http://localhost:$port  $state  pid $(pid_of "$i" || echo -)"
  done
  if ready "$BALANCER_PORT"; then echo "balancer http://localhost:$BALANCER_PORT ready"; else echo "balancer $BALANCER_PORT down"; fi
}

case "${1:-}" in
  up) up "${2:-3}" ;;
  down) down ;;
  status) status ;;
  kill)
    pid=$(pid_of "${2:?kill I}") || die "no pid for server $2"
    kill -9 "$pid"
    echo "server $2 (pid $pid) killed"
    ;;
  pause | resume)
    pid=$(pid_of "${2:?$1 I}") || die "no pid for server $2"
    if [ "$1" = pause ]; then kill -STOP "$pid"; else kill -CONT "$pid"; fi
    echo "server $2 (pid $pid) ${1}d"
    ;;
  start)
    server start "${2:?start I}" || die "server $2 did not start"
    await_ready $((CLUSTER_HTTP_PORT + $2)) 180 || die "server $2 not ready"
    ;;
  stop) stop_node "${2:?stop I}" ;;
  *) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
