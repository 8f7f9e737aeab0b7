#!/usr/bin/env bash
# Benchmark: what the evidence journal costs (issue 12). The same hub binary and config, once
# with the journal on (the shipped config: dkdn's bodies archived, sealed) and once with
# `"evidence": {"enabled": false}`, against one sandbox, in one run:
#
# 1. the dkdn lookup (sync: each exchange appends its entry and answers after the commit);
# 2. the async accept of dvcqg sync-dossier (the entry rides the accept's own transaction).
#
# For each: requests/s, p50/p99, CPU µs per exchange of the hub process, and fsync-family calls
# per exchange (each run's hub runs under `strace -f --seccomp-bpf -e trace=fsync,fdatasync`:
# only those calls stop it, the same way for both variants; each run has a fresh database).
# Ratios on/off are printed at the end.
#
#   bench/evidence_cost.sh [seconds=10] [connections=32]
#
# Installs wrk, strace and jq if missing (scripts/setup.sh --bench), builds the release preset.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-10}"
conns="${2:-32}"
scripts/setup.sh --bench
certs/gen-dev-pki.sh >/dev/null
CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-2}" scripts/build.sh release lienthong >/dev/null

source bench/lib.sh
bench_config
sed -i -e "s/\"log_level\": \"info\"/\"log_level\": \"warn\"/" -e "s/\"threads\": 2/\"threads\": 1/" \
  "$work/config/hub.json"
mkdir -p "$work/var"
hub_variant on sqlite:on.db 0
hub_variant off sqlite:off.db 0
sed -i '/^  "evidence": {/,/^  },/ s/"enabled": true,/"enabled": false,/' "$work/config/off.json"
sed -n '/^  "evidence": {/,/^  },/p' "$work/config/off.json" | grep -q '"enabled": false,' ||
  { echo "bench: the evidence block of config/hub.json was not found" >&2; exit 1; }
lt=build/release/lienthong
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

$lt sandbox --config "$work/config/hub.json" >"$work/sandbox.log" 2>&1 &
pids+=($!)
wait_for "$dkdn_port"

cat >"$work/lookup.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"enterpriseCode":"0100109106"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $key"
LUA
jq -c '.dossierCode = "@CODE@"' mappings/dvcqg/sync-dossier.example.json >"$work/dossier.json"

wrk_reqs() { awk '/requests in/ {print $1}' "$1"; }

measure() {  # variant kind -> "<reqs> <rps> <p50> <p99> <cpu-us/exchange> <fsyncs/exchange>"
  local variant=$1 kind=$2 url script extra=()
  if [[ $kind == lookup ]]; then
    url="http://127.0.0.1:$hub_port/v1/dkdn/lookup-enterprise"
    script="$work/lookup.lua"
  else
    url="http://127.0.0.1:$hub_port/v1/dvcqg/sync-dossier"
    script=bench/unique_requests.lua
    extra=(-- body="$work/dossier.json" header="Authorization: Bearer $key"
      header="Prefer: respond-async" code="000.00.01.H22-261207-")
  fi
  rm -f "$work/var/$variant.db"*
  strace -f --seccomp-bpf -e trace=fsync,fdatasync -c -o "$work/$variant-$kind.strace" \
    $lt serve --no-sandbox --config "$work/config/$variant.json" \
    >"$work/$variant-$kind.out" 2>"$work/$variant-$kind.log" &
  local tracer=$!
  pids+=("$tracer")
  wait_for "$hub_port"
  local hub_pid
  hub_pid=$(pgrep -f "^$lt serve --no-sandbox --config $work/config/$variant.json" | head -1)
  wrk -t2 -c"$conns" -d2s -s "$script" "$url" "${extra[@]}" >"$work/$variant-$kind-warm.wrk"
  local before after
  before=$(ticks "$hub_pid")
  wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$script" "$url" "${extra[@]}" >"$work/$variant-$kind.wrk"
  after=$(ticks "$hub_pid")
  kill -TERM "$hub_pid"
  wait "$tracer" 2>/dev/null || true
  while (exec 3<>"/dev/tcp/127.0.0.1/$hub_port") 2>/dev/null; do sleep 0.1; done
  local reqs all syncs
  reqs=$(wrk_reqs "$work/$variant-$kind.wrk")
  all=$((reqs + $(wrk_reqs "$work/$variant-$kind-warm.wrk")))
  syncs=$(awk '$NF == "fsync" || $NF == "fdatasync" {n += $4} END {print n + 0}' "$work/$variant-$kind.strace")
  echo "$reqs $(awk '/Requests\/sec/ {print $2}' "$work/$variant-$kind.wrk")" \
    "$(awk '$1=="50%" {print $2}' "$work/$variant-$kind.wrk")" \
    "$(awk '$1=="99%" {print $2}' "$work/$variant-$kind.wrk")" \
    "$(awk -v t=$((after - before)) -v hz="$hz" -v n="$reqs" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}')" \
    "$(awk -v s="$syncs" -v n="$all" 'BEGIN {printf "%.3f", s / n}')"
}

declare -A line
for kind in lookup accept; do
  for variant in off on; do
    printf '[%s] %s, journal %s, %s s\n' "$(date -u +%H:%M:%S)" "$kind" "$variant" "$secs" >&2
    line[$variant-$kind]=$(measure "$variant" "$kind")
  done
done

echo "| exchange | journal | requests | req/s | p50 | p99 | hub CPU µs/exchange | fsync calls/exchange |"
echo "|---|---|---|---|---|---|---|---|"
for kind in lookup accept; do
  for variant in off on; do
    read -r reqs rps p50 p99 cpu syncs <<<"${line[$variant-$kind]}"
    echo "| $kind | $variant | $reqs | $rps | $p50 | $p99 | $cpu | $syncs |"
  done
done
echo
for kind in lookup accept; do
  read -r _ _ _ _ off_cpu off_sync <<<"${line[off-$kind]}"
  read -r _ _ _ _ on_cpu on_sync <<<"${line[on-$kind]}"
  echo "$kind: CPU per exchange on/off = **$(awk -v a="$on_cpu" -v b="$off_cpu" 'BEGIN {printf "%.2f", a / b}')**" \
    "(target ≤ 1.10); fsync calls per exchange $off_sync → $on_sync"
done
