#!/usr/bin/env bash
# Installs the Debian 12 packages the hub needs to build and test (idempotent: only what is
# missing is installed, and the package lists are refreshed only then). Run as root, or with
# sudo available. `scripts/setup.sh --bench` also installs the benchmark tools.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config ccache
  libboost1.81-dev libpugixml-dev nlohmann-json3-dev libssl-dev libxmlsec1-dev libsqlite3-dev zlib1g-dev
  libgtest-dev libgmock-dev
  openssl xmlsec1 testssl.sh poppler-utils qpdf libnss3-tools
  libpq-dev postgresql
  libzip-dev unzip
  prometheus
  dpkg-dev file lintian systemd adduser  # scripts/package.sh (cpack -G DEB) and its test
  chromium nodejs  # the console's browser test (tests/browser), npm ci by the build
)
# npm too, unless a Node.js is there with its own npm (NodeSource's nodejs bundles it and
# conflicts with Debian's npm package).
command -v npm >/dev/null || packages+=(npm)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(wrk nginx-light curl jq linux-perf)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "setup: installing ${missing[*]}" >&2
as_root=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "setup: run as root to install: ${missing[*]}" >&2; exit 1; }
  as_root=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
