#!/usr/bin/env bash
# Benchmark: what the evidence journal costs (issue 12). The same hub binary and config, once
# with the journal on (the shipped config: dkdn's bodies archived, sealed) and once with
# `"evidence": {"enabled": false}`, against one sandbox, in one run:
#
# 1. the dkdn lookup (sync: each exchange appends its entry and answers after the commit);
# 2. the async accept of dvcqg sync-dossier (the entry rides the accept's own transaction).
#
# For each, in `rounds` rounds: requests/s, p50/p99, CPU µs per exchange of the hub process, and
# fsync-family calls per exchange of the measured run (perf stat counting the fsync/fdatasync
# tracepoints of the hub process; each run has a fresh database). Ratios of the medians on/off
# are printed at the end. With `--profile`, a round of its own before them samples the
# journal-on hub (perf record, DWARF call graphs) and prints its top functions.
#
#   bench/evidence_cost.sh [--profile] [seconds=10] [connections=32] [rounds=3]
#
# Installs wrk, perf and jq if missing (scripts/setup.sh --bench), builds the release preset.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=
if [[ ${1:-} == --profile ]]; then
  profile=1
  shift
fi
secs="${1:-10}"
conns="${2:-32}"
rounds="${3:-3}"
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
  $lt serve --no-sandbox --config "$work/config/$variant.json" \
    >"$work/$variant-$kind.out" 2>"$work/$variant-$kind.log" &
  local hub_pid=$!
  pids+=("$hub_pid")
  wait_for "$hub_port"
  wrk -t2 -c"$conns" -d2s -s "$script" "$url" "${extra[@]}" >"$work/$variant-$kind-warm.wrk"
  # Counting tracepoints neither stops nor slows the hub (strace would, on every fsync).
  perf stat -x, -e syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync -p "$hub_pid" \
    -o "$work/$variant-$kind.syncs" &
  local counter=$! recorder=
  if [[ $round == profile ]]; then
    perf record -q -F 199 --call-graph dwarf,16384 -p "$hub_pid" -o "$work/$variant-$kind.data" 2>/dev/null &
    recorder=$!
  fi
  local before after
  before=$(ticks "$hub_pid")
  wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$script" "$url" "${extra[@]}" >"$work/$variant-$kind.wrk"
  after=$(ticks "$hub_pid")
  kill -INT "$counter" ${recorder:+"$recorder"}
  wait "$counter" ${recorder:+"$recorder"} 2>/dev/null || true
  kill -TERM "$hub_pid"
  wait "$hub_pid" 2>/dev/null || true
  while (exec 3<>"/dev/tcp/127.0.0.1/$hub_port") 2>/dev/null; do sleep 0.1; done
  local reqs syncs
  reqs=$(wrk_reqs "$work/$variant-$kind.wrk")
  syncs=$(awk -F, '$3 ~ /sys_enter_f(data)?sync/ {n += $1} END {print n + 0}' "$work/$variant-$kind.syncs")
  echo "$reqs $(awk '/Requests\/sec/ {print $2}' "$work/$variant-$kind.wrk")" \
    "$(awk '$1=="50%" {print $2}' "$work/$variant-$kind.wrk")" \
    "$(awk '$1=="99%" {print $2}' "$work/$variant-$kind.wrk")" \
    "$(awk -v t=$((after - before)) -v hz="$hz" -v n="$reqs" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}')" \
    "$(awk -v s="$syncs" -v n="$reqs" 'BEGIN {printf "%.3f", s / n}')"
}

# Rounds alternate the variants, so a neighbour's load on this shared machine falls on both;
# the ratios use each variant's median CPU.
if [[ -n $profile ]]; then  # a round of its own: sampling costs the hub CPU too
  round=profile
  for kind in lookup accept; do
    printf '[%s] profile: %s, journal on, %s s\n' "$(date -u +%H:%M:%S)" "$kind" "$secs" >&2
    measure on "$kind" >/dev/null
  done
fi
declare -A line
for round in $(seq "$rounds"); do
  for kind in lookup accept; do
    for variant in off on; do
      printf '[%s] round %s: %s, journal %s, %s s\n' "$(date -u +%H:%M:%S)" "$round" "$kind" \
        "$variant" "$secs" >&2
      line[$variant-$kind-$round]=$(measure "$variant" "$kind")
    done
  done
done

median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

echo "| exchange | journal | round | requests | req/s | p50 | p99 | hub CPU µs/exchange | fsync calls/exchange |"
echo "|---|---|---|---|---|---|---|---|---|"
for kind in lookup accept; do
  for variant in off on; do
    for round in $(seq "$rounds"); do
      read -r reqs rps p50 p99 cpu syncs <<<"${line[$variant-$kind-$round]}"
      echo "| $kind | $variant | $round | $reqs | $rps | $p50 | $p99 | $cpu | $syncs |"
    done
  done
done
echo
for kind in lookup accept; do
  declare -A cpu=() syncs=()
  for variant in off on; do
    cpu[$variant]=$(for r in $(seq "$rounds"); do echo "${line[$variant-$kind-$r]}" | cut -d' ' -f5; done | median)
    syncs[$variant]=$(for r in $(seq "$rounds"); do echo "${line[$variant-$kind-$r]}" | cut -d' ' -f6; done | median)
  done
  echo "$kind: median CPU per exchange ${cpu[off]} → ${cpu[on]} µs, on/off =" \
    "**$(awk -v a="${cpu[on]}" -v b="${cpu[off]}" 'BEGIN {printf "%.2f", a / b}')** (target ≤ 1.10);" \
    "fsync calls per exchange ${syncs[off]} → ${syncs[on]}"
done
if [[ -n $profile ]]; then
  for kind in lookup accept; do
    echo
    echo "profile, $kind, journal on (self time, top 25):"
    perf report -i "$work/on-$kind.data" --no-children --sort sym --stdio 2>/dev/null |
      awk '/^ +[0-9.]+%/ && n++ < 25'
    cp "$work/on-$kind.data" "${TMPDIR:-/tmp}/evidence-on-$kind.perf.data"
  done
fi
