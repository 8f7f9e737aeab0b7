#!/usr/bin/env bash
# Benchmark: dancu citizen lookups through the hub — sign the SOAP request (dancu-dsig-1), send
# it over mutual TLS, verify the registry's signed answer (chain, OCSP from the cache), map it —
# against the sandbox running in a separate process (its CPU is not counted). Reports, from the
# same run, the hub's CPU time per exchange (from /proc/<pid>/stat) divided by the CPU time of
# one RSA-2048 sign + one verify measured in-process with OpenSSL (bench_rsa_baseline), and
# the egress TLS handshakes per 1,000 exchanges (the hub's `egress.stats` line at shutdown).
#
#   bench/dancu_signing.sh [seconds=10] [connections=8]
#
# Installs wrk if missing (scripts/setup.sh --bench), builds the release preset.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-10}"
conns="${2:-8}"
scripts/setup.sh --bench
certs/gen-dev-pki.sh >/dev/null
scripts/build.sh release lienthong bench_rsa_baseline >/dev/null

# A copy of the default config on free ports, with a bench client; certificates from certs/dev.
source bench/lib.sh
bench_config

build/release/lienthong sandbox --config "$work/config/hub.json" >"$work/sandbox.log" 2>&1 &
pids+=($!)
build/release/lienthong serve --no-sandbox --config "$work/config/hub.json" >"$work/hub.out" 2>"$work/hub.log" &
hub_pid=$!
pids+=($hub_pid)

wait_for "$dancu_port"; wait_for "$kyso_port"; wait_for "$hub_port"

body='{"citizenId":"001089012345","fullName":"Nguyễn Văn An","dateOfBirth":"1989-05-17"}'
cat >"$work/hub.lua" <<LUA
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $key"
LUA

# Sanity: a signed lookup answers 200 with the citizen (the hub makes a fresh MaYeuCau each time).
curl -sf -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d "$body" \
  "http://127.0.0.1:$hub_port/v1/dancu/lookup-citizen" | grep -q '"citizenId":"001089012345"'

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # utime+stime, clock ticks
url="http://127.0.0.1:$hub_port/v1/dancu/lookup-citizen"
wrk -t2 -c"$conns" -d2s -s "$work/hub.lua" "$url" >"$work/warm.wrk"
before=$(ticks "$hub_pid")
wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$work/hub.lua" "$url" >"$work/run.wrk"
after=$(ticks "$hub_pid")
baseline=$(build/release/bench_rsa_baseline 2000)

kill -TERM "$hub_pid"
wait "$hub_pid" 2>/dev/null || true
stats=$(grep 'egress.stats' "$work/hub.log" | grep 'connector=dancu' | tail -1)
[[ -n "$stats" ]] || { echo "no egress.stats line in the hub log" >&2; tail "$work/hub.log" >&2; exit 1; }
handshakes=$(sed -E 's/.*tls_handshakes=([0-9]+).*/\1/' <<<"$stats")
resumed=$(sed -E 's/.*tls_resumed=([0-9]+).*/\1/' <<<"$stats")
opened=$(sed -E 's/.*connections_opened=([0-9]+).*/\1/' <<<"$stats")

reqs=$(awk '/requests in/ {print $1}' "$work/run.wrk")
warm=$(awk '/requests in/ {print $1}' "$work/warm.wrk")
rps=$(awk '/Requests\/sec/ {print $2}' "$work/run.wrk")
p50=$(awk '$1=="50%" {print $2}' "$work/run.wrk")
p99=$(awk '$1=="99%" {print $2}' "$work/run.wrk")
non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/run.wrk")
hz=$(getconf CLK_TCK)
hub_us=$(awk -v t=$((after - before)) -v hz="$hz" -v n="$reqs" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}')
sign_us=$(sed -E 's/.*sign_us=([0-9.]+).*/\1/' <<<"$baseline")
verify_us=$(sed -E 's/.*verify_us=([0-9.]+).*/\1/' <<<"$baseline")
rsa_us=$(sed -E 's/.*total_us=([0-9.]+).*/\1/' <<<"$baseline")
ratio=$(awk -v h="$hub_us" -v r="$rsa_us" 'BEGIN {printf "%.2f", h / r}')
exchanges=$((reqs + warm + 1))
per_k=$(awk -v h="$handshakes" -v n="$exchanges" 'BEGIN {printf "%.2f", h * 1000 / n}')

cat <<REPORT
| measure | value |
|---|---|
| exchanges measured (wrk, $conns connections, ${secs} s) | $reqs (non-2xx: ${non2xx:-0}) |
| requests/s, p50, p99 | $rps, $p50, $p99 |
| hub CPU per exchange | $hub_us µs |
| RSA-2048 sign + verify, in-process (sign $sign_us µs + verify $verify_us µs) | $rsa_us µs |
| egress: connections, TLS handshakes (resumed) for $exchanges exchanges | $opened, $handshakes ($resumed) |
| TLS handshakes per 1,000 exchanges | $per_k |

hub CPU per exchange / (RSA-2048 sign + verify) = **$ratio** (target ≤ 1.5)
REPORT
