#!/usr/bin/env bash
# Benchmark: the dkdn enterprise lookup through the hub (JSON in, mapping, GET to the registry,
# mapping back) against the same registry request through nginx as a plain reverse proxy.
# Both hit the same sandbox process in the same run; reports requests/s, p50/p99 latency and
# CPU time per request of each proxy process (from /proc/<pid>/stat), and their ratio.
#
#   bench/lookup_vs_nginx.sh [seconds=10] [connections=32]
#
# Installs wrk and nginx-light if missing (scripts/setup.sh --bench), builds the release preset.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-10}"
conns="${2:-32}"
scripts/setup.sh --bench
certs/gen-dev-pki.sh >/dev/null
scripts/build.sh release lienthong >/dev/null

# A copy of the default config on free ports, with a bench client. The hub runs one I/O thread,
# as nginx runs one worker process, so both are measured doing the same job on one core.
source bench/lib.sh
bench_config
nginx_port=$(free_port)
sed -i -e "s/\"log_level\": \"info\"/\"log_level\": \"warn\"/" -e "s/\"threads\": 2/\"threads\": 1/" \
  "$work/config/hub.json"

build/release/lienthong sandbox --config "$work/config/hub.json" >"$work/sandbox.log" 2>&1 &
pids+=($!)
build/release/lienthong serve --no-sandbox --config "$work/config/hub.json" >"$work/hub.log" 2>&1 &
hub_pid=$!
pids+=($hub_pid)

cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  upstream registry { server 127.0.0.1:$dkdn_port; keepalive 64; }
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://registry;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
NGINX
nginx -c "$work/nginx.conf" -g 'daemon off;' 2>>"$work/nginx-error.log" &
pids+=($!)

wait_for "$dkdn_port"; wait_for "$hub_port"; wait_for "$nginx_port"

cat >"$work/hub.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"enterpriseCode":"0100109106"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $key"
LUA
cat >"$work/nginx.lua" <<LUA
wrk.headers["Authorization"] = "Bearer sandbox-dkdn-token"
LUA

# Sanity: both paths answer 200 with the enterprise.
curl -sf -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -d '{"enterpriseCode":"0100109106"}' "http://127.0.0.1:$hub_port/v1/dkdn/lookup-enterprise" \
  | grep -q '"enterpriseCode":"0100109106"'
curl -sf -H "Authorization: Bearer sandbox-dkdn-token" \
  "http://127.0.0.1:$nginx_port/DoanhNghiep/chiTietDoanhNghiep?msdn=0100109106" | grep -q GetEntCert

ticks() {  # utime+stime of the given pids, in clock ticks
  local t=0
  for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done
  echo "$t"
}
nginx_pids() { pgrep -f "nginx -c $work/nginx.conf" | tr '\n' ' '; pgrep -P "$(cat "$work/nginx.pid")" | tr '\n' ' '; }

run() {  # name url lua pids...
  local name=$1 url=$2 lua=$3; shift 3
  wrk -t2 -c"$conns" -d2s -s "$lua" "$url" >/dev/null  # warm-up
  local before; before=$(ticks "$@")
  wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$lua" "$url" >"$work/$name.wrk"
  local after; after=$(ticks "$@")
  local reqs; reqs=$(awk '/requests in/ {print $1}' "$work/$name.wrk")
  local rps; rps=$(awk '/Requests\/sec/ {print $2}' "$work/$name.wrk")
  local p50; p50=$(awk '$1=="50%" {print $2}' "$work/$name.wrk")
  local p99; p99=$(awk '$1=="99%" {print $2}' "$work/$name.wrk")
  local non2xx; non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/$name.wrk")
  local hz; hz=$(getconf CLK_TCK)
  local us; us=$(awk -v t=$((after - before)) -v hz="$hz" -v n="$reqs" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}')
  echo "$name $rps $p50 $p99 $us ${non2xx:-0} $reqs"
}

# shellcheck disable=SC2046
nginx_line=$(run nginx "http://127.0.0.1:$nginx_port/DoanhNghiep/chiTietDoanhNghiep?msdn=0100109106" "$work/nginx.lua" $(nginx_pids))
hub_line=$(run hub "http://127.0.0.1:$hub_port/v1/dkdn/lookup-enterprise" "$work/hub.lua" "$hub_pid")

read -r _ n_rps n_p50 n_p99 n_us n_err n_reqs <<<"$nginx_line"
read -r _ h_rps h_p50 h_p99 h_us h_err h_reqs <<<"$hub_line"
ratio=$(awk -v h="$h_us" -v n="$n_us" 'BEGIN {printf "%.2f", h / n}')

cat <<REPORT
| path | requests | req/s | p50 | p99 | CPU µs/request (proxy process) | non-2xx |
|---|---|---|---|---|---|---|
| nginx reverse proxy → sandbox dkdn | $n_reqs | $n_rps | $n_p50 | $n_p99 | $n_us | $n_err |
| hub dkdn/lookup-enterprise → sandbox dkdn | $h_reqs | $h_rps | $h_p50 | $h_p99 | $h_us | $h_err |

hub CPU per mapped lookup / nginx CPU per proxied request = **$ratio** (target ≤ 3)
REPORT
