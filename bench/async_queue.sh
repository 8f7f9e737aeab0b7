#!/usr/bin/env bash
# Benchmark: asynchronous messages through the hub's durable queue (issue 4), over HTTP, each
# against a baseline measured in the same run:
#
# 1. Accepts: wrk POSTs dvcqg sync-dossier messages with `Prefer: respond-async` (each with its
#    own dossier code, so ordering keys differ) to a hub that accepts but does not deliver
#    (delivery.concurrency 0); only 202s count. Baseline: a plain loop committing one row of
#    the same body per transaction, with the store's durability setting (bench_store_accept
#    --plain-only), run before and after the hub; ratio = hub accepts/s ÷ mean plain rows/s.
# 2. Drain: a queue of MESSAGES filled the same way (a fresh database) is delivered to the
#    sandbox's dvcqg mock by a hub with the default delivery concurrency, timed from its start
#    to the last message's finished_at. Baseline: the same request (as the hub sent it, with a
#    session of our own) sent straight to the mock by wrk with as many connections as the hub
#    delivers at once; ratio = drain messages/s ÷ direct requests/s.
#
#   bench/async_queue.sh [sqlite|postgresql] [messages=100000] [seconds=10] [connections=64]
#
# postgresql: a throw-away server (scripts/pg-test-server.sh in $LIENTHONG_PG_TEST_DIR, default
# /tmp/pg-bench, stopped and removed at exit), synchronous_commit on. The queue is watched by
# counting unfinished rows in the database itself (an index-only count on the partial index
# messages_unfinished), every half second: listing 100,000 messages through the admin API
# would cost more than the thing measured.
# Installs wrk if missing (scripts/setup.sh --bench), builds the release preset (-j2).
set -euo pipefail
cd "$(dirname "$0")/.."
store="${1:-sqlite}"
messages="${2:-100000}"
secs="${3:-10}"
conns="${4:-64}"
delivery_concurrency=16  # the hub's default (core/config/delivery_config.hpp)
[[ "$store" == sqlite || "$store" == postgresql ]] || { echo "usage: $0 [sqlite|postgresql] [messages] [seconds] [connections]" >&2; exit 2; }
scripts/setup.sh --bench
certs/gen-dev-pki.sh >/dev/null
CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-2}" \
  scripts/build.sh release lienthong bench_store_accept >/dev/null

source bench/lib.sh
bench_config
sed -i "s/\"log_level\": \"info\"/\"log_level\": \"warn\"/" "$work/config/hub.json"
mkdir -p "$work/var"
lt=build/release/lienthong
progress() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # utime+stime, clock ticks
hz=$(getconf CLK_TCK)

if [[ "$store" == postgresql ]]; then
  export LIENTHONG_PG_TEST_DIR="${LIENTHONG_PG_TEST_DIR:-/tmp/pg-bench}"
  pg=$(scripts/pg-test-server.sh start)
  at_exit "scripts/pg-test-server.sh stop"
  for db in bench_accept bench_drain; do
    psql "$pg" -qAtc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
  done
  pg_of() { sed "s/dbname=[^ ]*/dbname=$1/" <<<"$pg"; }
  hub_variant accept postgresql 0
  hub_variant fill postgresql 0
  hub_variant drain postgresql "$delivery_concurrency"
  sql() { psql "$(pg_of "$1")" -qAtF ' ' -c "$2"; }  # database sql
  accept_db=bench_accept
  drain_db=bench_drain
  baseline_db=(--db postgresql --pg "$pg")
  durability="PostgreSQL 15, synchronous_commit=on"
else
  hub_variant accept sqlite:accept.db 0
  hub_variant fill sqlite:drain.db 0
  hub_variant drain sqlite:drain.db "$delivery_concurrency"
  sql() { sqlite3 -readonly -separator ' ' "$1" "$2"; }
  accept_db="$work/var/accept.db"
  drain_db="$work/var/drain.db"
  baseline_db=(--db sqlite)
  durability="SQLite WAL, synchronous=FULL"
fi

start_hub() {  # config-name: sets $hub_pid
  if [[ "$store" == postgresql ]]; then
    if [[ "$1" == accept ]]; then LIENTHONG_PG=$(pg_of bench_accept); else LIENTHONG_PG=$(pg_of bench_drain); fi
    export LIENTHONG_PG
  fi
  $lt serve --no-sandbox --config "$work/config/$1.json" >"$work/hub-$1.out" 2>"$work/hub-$1.log" &
  hub_pid=$!
  pids+=("$hub_pid")
  wait_for "$hub_port"
}
stop_hub() {
  kill -TERM "$hub_pid"
  wait "$hub_pid" 2>/dev/null || true
  while (exec 3<>"/dev/tcp/127.0.0.1/$hub_port") 2>/dev/null; do sleep 0.1; done
}
unfinished() { sql "$drain_db" "SELECT count(*) FROM messages WHERE finished_at IS NULL"; }

# The bodies: the shipped dossier example with @CODE@ for the dossier code (the Lua script puts a
# fresh one in each request), and one filled in, for the plain loop's rows.
jq -c '.dossierCode = "@CODE@"' mappings/dvcqg/sync-dossier.example.json >"$work/dossier.json"
sed 's/@CODE@/000.00.01.H22-261201-10000001/' "$work/dossier.json" >"$work/row.json"
sed 's/@CODE@/000.00.01.H22-261129-0001/' "$work/dossier.json" >"$work/probe.json"
hub_url="http://127.0.0.1:$hub_port/v1/dvcqg/sync-dossier"
hub_args=(body="$work/dossier.json" header="Authorization: Bearer $key" header="Prefer: respond-async")

wrk_summary() {  # wrk-output: "<seconds> <statuses…>"
  local t
  t=$(awk '/requests in/ {print $4}' "$1" | tr -d ',')
  case "$t" in *ms) t=$(awk -v v="${t%ms}" 'BEGIN {print v / 1000}') ;; *m) t=$(awk -v v="${t%m}" 'BEGIN {print v * 60}') ;; *s) t=${t%s} ;; esac
  echo "$t $(grep '^statuses' "$1" | cut -d' ' -f2-)"
}
count_of() { tr ' ' '\n' <<<"$2" | awk -F= -v s="$1" '$1 == s {print $2; f = 1} END {if (!f) print 0}'; }
others_of() { tr ' ' '\n' <<<"$2" | awk -F= -v s="$1" '$1 != s && $2 > 0 {printf "%s%s", sep, $0; sep = " "}'; }
plain_loop() {
  build/release/bench_store_accept --plain-only --plain-seconds "$secs" --body "$work/row.json" \
    "${baseline_db[@]}" | awk '/plain loop/ {print $(NF - 1)}'
}

# --- 1. accepts ----------------------------------------------------------------------------
start_hub accept
curl -sf -o /dev/null -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -H 'Prefer: respond-async' --data-binary @"$work/probe.json" -w '%{http_code}' "$hub_url" | grep -qx 202 ||
  { echo "bench: the hub did not answer 202 to an async sync-dossier" >&2; cat "$work/hub-accept.log" >&2; exit 1; }

progress "accepts: plain loop, one row per commit ($durability), ${secs} s"
plain_before=$(plain_loop)
progress "accepts: hub, wrk ${conns} connections, ${secs} s (after a 2 s warm-up)"
wrk -t2 -c"$conns" -d2s -s bench/unique_requests.lua "$hub_url" -- "${hub_args[@]}" \
  code=000.00.01.H22-261130- >"$work/accept-warm.wrk"
rows_before=$(sql "$accept_db" "SELECT count(*) FROM messages")
cpu_before=$(ticks "$hub_pid")
wrk -t2 -c"$conns" -d"${secs}s" --latency -s bench/unique_requests.lua "$hub_url" -- "${hub_args[@]}" \
  code=000.00.01.H22-261201- >"$work/accept.wrk"
cpu_after=$(ticks "$hub_pid")
rows_after=$(sql "$accept_db" "SELECT count(*) FROM messages")
progress "accepts: plain loop again, ${secs} s"
plain_after=$(plain_loop)
stop_hub

read -r accept_secs accept_statuses <<<"$(wrk_summary "$work/accept.wrk")"
accepted=$(count_of 202 "$accept_statuses")
((accepted > 0)) || { echo "bench: no 202 from the hub (wrk: $accept_statuses)" >&2; exit 1; }
refused=$(others_of 202 "$accept_statuses")
stored=$((rows_after - rows_before))
accept_rate=$(awk -v n="$accepted" -v t="$accept_secs" 'BEGIN {printf "%.0f", n / t}')
accept_p50=$(awk '$1=="50%" {print $2}' "$work/accept.wrk")
accept_p99=$(awk '$1=="99%" {print $2}' "$work/accept.wrk")
accept_cpu=$(awk -v t=$((cpu_after - cpu_before)) -v hz="$hz" -v n="$accepted" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}')
plain_mean=$(awk -v a="$plain_before" -v b="$plain_after" 'BEGIN {printf "%.0f", (a + b) / 2}')
accept_ratio=$(awk -v h="$accept_rate" -v p="$plain_mean" 'BEGIN {printf "%.1f", h / p}')

# --- 2. drain ------------------------------------------------------------------------------
threads=2
((messages % 2 == 0)) || threads=1
start_hub fill
progress "drain: filling the queue with $messages messages (wrk ${conns} connections)"
wrk -t"$threads" -c"$conns" -d3600s --timeout 30s -s bench/unique_requests.lua "$hub_url" -- "${hub_args[@]}" \
  code=000.00.01.H22-261202- quota=$((messages / threads)) >"$work/fill.wrk" &
fill_pid=$!
pids+=("$fill_pid")
# wrk's threads stop at their quota, but wrk itself runs for -d: interrupt it (it then reports)
# once the queue is full.
last_report=$SECONDS
while kill -0 "$fill_pid" 2>/dev/null; do
  sleep 1
  filled=$(unfinished)
  if ((filled >= messages)); then
    kill -INT "$fill_pid" 2>/dev/null || true  # it may have just ended
  elif ((SECONDS - last_report >= 5)); then
    progress "drain: $filled of $messages queued"
    last_report=$SECONDS
  fi
done
wait "$fill_pid"
read -r _ fill_statuses <<<"$(wrk_summary "$work/fill.wrk")"
stop_hub
queued=$(unfinished)  # $messages, and the few that were in flight when wrk stopped
((queued >= messages)) ||
  { echo "bench: $queued messages queued, not $messages (wrk: $fill_statuses)" >&2; exit 1; }

$lt sandbox --config "$work/config/hub.json" >"$work/sandbox.log" 2>&1 &
sandbox_pid=$!
pids+=("$sandbox_pid")
wait_for "$dvcqg_port"

progress "drain: a hub delivering $delivery_concurrency at once to the sandbox's dvcqg mock"
drain_start=$(date +%s%3N)
start_hub drain
last_report=$SECONDS
stalled_since=$SECONDS
left=$queued
while :; do
  now_left=$(unfinished)
  [[ "$now_left" == 0 ]] && break
  [[ "$now_left" != "$left" ]] && stalled_since=$SECONDS
  left=$now_left
  ((SECONDS - stalled_since < 60)) ||
    { echo "bench: no message finished for 60 s, $left left" >&2; tail "$work/hub-drain.log" >&2; exit 1; }
  if ((SECONDS - last_report >= 5)); then
    progress "drain: $((queued - left)) of $queued delivered"
    last_report=$SECONDS
  fi
  sleep 0.5
done
drain_cpu=$(ticks "$hub_pid")
read -r drain_end first_finished <<<"$(sql "$drain_db" "SELECT max(finished_at), min(finished_at) FROM messages")"
states=$(sql "$drain_db" "SELECT state || '=' || count(*) FROM messages GROUP BY state ORDER BY state" | tr '\n' ' ')
stop_hub
drain_ms=$((drain_end - drain_start))
drain_rate=$(awk -v n="$queued" -v ms="$drain_ms" 'BEGIN {printf "%.0f", n * 1000 / ms}')
drain_cpu_us=$(awk -v t="$drain_cpu" -v hz="$hz" -v n="$queued" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}')
startup_ms=$((first_finished - drain_start))

# The baseline: the request the hub sent last (from the mock's request log), with a session of
# our own and a fresh dossier code and X-Message-ID per request.
session=$(curl -sf -H 'dstcode: H22' -H 'Content-Type: application/json' \
  -d '{"username":"lienthong-dev","password":"sandbox-dvcqg-password"}' \
  "http://127.0.0.1:$dvcqg_port/api/adapter/login" | jq -r .session)
curl -sf "http://127.0.0.1:$dvcqg_port/_sandbox/requests" |
  jq -c '[.[] | select(.target | endswith("/integration"))] | last' >"$work/sent.json"
integration_path=$(jq -r .target "$work/sent.json")
jq -r .body "$work/sent.json" | jq -c --arg s "$session" '.session = $s | .data[0].MaHoSo = "@CODE@"' >"$work/direct.json"
direct_args=(body="$work/direct.json" header="dstcode: $(jq -r .headers.dstcode "$work/sent.json")"
  message_id=1 expect=200 ok_body='"error_code":0')
direct_url="http://127.0.0.1:$dvcqg_port$integration_path"
progress "drain baseline: the same request straight to the mock, wrk $delivery_concurrency connections, ${secs} s"
wrk -t2 -c"$delivery_concurrency" -d2s -s bench/unique_requests.lua "$direct_url" -- "${direct_args[@]}" \
  code=000.00.01.H22-261203- >"$work/direct-warm.wrk"
wrk -t2 -c"$delivery_concurrency" -d"${secs}s" -s bench/unique_requests.lua "$direct_url" -- "${direct_args[@]}" \
  code=000.00.01.H22-261204- >"$work/direct.wrk"
read -r direct_secs direct_statuses <<<"$(wrk_summary "$work/direct.wrk")"
direct_ok=$(count_of 200 "$direct_statuses")
direct_refused=$(others_of 200 "$direct_statuses")
direct_rate=$(awk -v n="$direct_ok" -v t="$direct_secs" 'BEGIN {printf "%.0f", n / t}')
drain_ratio=$(awk -v h="$drain_rate" -v d="$direct_rate" 'BEGIN {printf "%.2f", h / d}')

cat <<REPORT
Store: $store ($durability); hub: release build, $(grep -o '"threads": [0-9]*' "$work/config/hub.json" | grep -o '[0-9]*$') I/O threads, sandbox in its own process.

| accepts ($secs s, wrk $conns connections) | value |
|---|---|
| plain loop, one row per commit, before / after the hub | $plain_before / $plain_after rows/s |
| hub: 202 Accepted (durable), p50, p99 | $accepted in $accept_secs s = **$accept_rate accepts/s**, $accept_p50, $accept_p99 |
| hub: other answers | ${refused:-none} |
| rows the hub stored during the run | $stored |
| hub CPU per accept | $accept_cpu µs |

accepted messages/s ÷ plain loop rows/s (mean) = **$accept_ratio** (target ≥ 3)

| drain of $queued queued messages | value |
|---|---|
| hub, $delivery_concurrency at once, start to last delivery | $drain_ms ms = **$drain_rate messages/s** (first delivery after $startup_ms ms) |
| outcome | $states|
| hub CPU per delivered message | $drain_cpu_us µs |
| the same request straight to the mock, $delivery_concurrency connections, $direct_secs s | $direct_ok answers = **$direct_rate requests/s** (others: ${direct_refused:-none}) |

drain messages/s ÷ direct requests/s = **$drain_ratio**
REPORT
