#!/usr/bin/env bash
# README command 1: install what is missing, build, and start the hub with config/hub.json
# (SQLite under var/, sandbox in-process). Extra arguments go to `lienthong serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
certs/gen-dev-pki.sh >/dev/null  # certs/dev for the default config; does nothing when present
scripts/build.sh release lienthong
exec build/release/lienthong serve "$@"
