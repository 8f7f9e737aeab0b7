#!/usr/bin/env bash
# Configures and builds one CMake preset (default: debug): scripts/build.sh [preset] [targets...]
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-debug}"
shift || true
[[ -f "build/$preset/build.ninja" ]] || cmake --preset "$preset" >/dev/null
if [[ $# -gt 0 ]]; then
  cmake --build --preset "$preset" --target "$@"
else
  cmake --build --preset "$preset"
fi
