#!/usr/bin/env bash
# The long variants of issue 4's proofs, reusing the test binary (tests/crash) with longer
# settings: the fault soak (30 % http500, 10 % timeout, 5 % reset) and, optionally, the crash
# runs. From the repository root, after `cmake --build build/debug --target lienthong crash_tests`:
#
#   bench/fault_soak.sh [seconds] [requests/s]        # soak only; default 600 s at 40/s
#   CRASH_KILLS=50 CRASH_SECONDS=300 bench/fault_soak.sh 600   # also the crash runs, longer
#
# Environment: BUILD (build folder, default build/debug), RSS_MIB (allowed VmRSS growth after
# warm-up, default 10), CRASH_KILLS / CRASH_SECONDS / CRASH_SEED (crash runs; not run unless
# CRASH_KILLS is set), LIENTHONG_TEST_PG (the PostgreSQL crash run; started here with
# scripts/pg-test-server.sh when unset and CRASH_KILLS is set).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-600}"
rate="${2:-40}"
build="${BUILD:-build/debug}"
bin="$build/tests/crash_tests"
[[ -x "$bin" ]] || { echo "fault_soak: no $bin (build target crash_tests)" >&2; exit 1; }

echo "== fault soak: $seconds s at $rate requests/s, VmRSS growth limit ${RSS_MIB:-10} MiB"
LIENTHONG_SOAK_SECONDS="$seconds" LIENTHONG_SOAK_RATE="$rate" LIENTHONG_SOAK_RSS_MIB="${RSS_MIB:-10}" \
  "$bin" --gtest_filter='FaultSoak.*' --gtest_color=no

if [[ -n "${CRASH_KILLS:-}" ]]; then
  if [[ -z "${LIENTHONG_TEST_PG:-}" ]]; then
    export LIENTHONG_PG_TEST_DIR="${TMPDIR:-/tmp}/lienthong-pg-soak-$$"
    LIENTHONG_TEST_PG="$(scripts/pg-test-server.sh start)"
    export LIENTHONG_TEST_PG
    trap 'scripts/pg-test-server.sh stop' EXIT
  fi
  echo "== crash runs: $CRASH_KILLS kills over at least ${CRASH_SECONDS:-30} s each"
  [[ -n "${CRASH_SEED:-}" ]] && export LIENTHONG_CRASH_SEED="$CRASH_SEED"
  LIENTHONG_CRASH_KILLS="$CRASH_KILLS" LIENTHONG_CRASH_SECONDS="${CRASH_SECONDS:-30}" \
    LIENTHONG_CRASH_RATE="$rate" "$bin" --gtest_filter='HubCrash.*' --gtest_color=no
fi
