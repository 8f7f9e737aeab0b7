#!/usr/bin/env bash
# README command 2: install what is missing, build everything, run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
certs/gen-dev-pki.sh >/dev/null  # certs/dev for the default config; does nothing when present
scripts/build.sh debug
ctest --preset debug -j "$(nproc)"
