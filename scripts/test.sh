#!/usr/bin/env bash
# README command 2: install what is missing, build everything, run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
certs/gen-dev-pki.sh >/dev/null  # certs/dev for the default config; does nothing when present
scripts/build.sh debug
# The store's tests run against a real PostgreSQL too: a throw-away server for this run.
export LIENTHONG_PG_TEST_DIR="${TMPDIR:-/tmp}/lienthong-pg-test-$$"
LIENTHONG_TEST_PG="$(scripts/pg-test-server.sh start)"
export LIENTHONG_TEST_PG
trap 'scripts/pg-test-server.sh stop' EXIT
ctest --preset debug -j "$(nproc)"
