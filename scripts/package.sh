#!/usr/bin/env bash
# Builds the Debian package: scripts/package.sh [--no-build] [BUILD_DIR [OUT_DIR]]
# Installs what is missing (setup.sh), builds the `lienthong` target in BUILD_DIR (default
# build/release, configured with its preset when new), runs `cpack -G DEB` there and prints the
# path of lienthong_<version>_amd64.deb, written to OUT_DIR (default BUILD_DIR/packages).
# --no-build packages the binary BUILD_DIR already has (the package test does, inside the test
# suite). packaging/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

build=yes
if [[ "${1:-}" == "--no-build" ]]; then
  build=no
  shift
fi
build_dir="${1:-build/release}"
out_dir="${2:-$build_dir/packages}"

if [[ "$build" == yes ]]; then
  scripts/setup.sh
  if [[ "$build_dir" == build/release ]]; then
    scripts/build.sh release lienthong >&2
  else
    cmake --build "$build_dir" --target lienthong >&2
  fi
fi
[[ -f "$build_dir/CPackConfig.cmake" ]] || {
  echo "package: $build_dir has no CPackConfig.cmake; configure it first (cmake --preset ...)" >&2
  exit 1
}
[[ -x "$build_dir/lienthong" ]] || {
  echo "package: $build_dir/lienthong is not built" >&2
  exit 1
}

mkdir -p "$out_dir"
out_dir="$(cd "$out_dir" && pwd)"
# cpack stages the files in OUT_DIR/_CPack_Packages; only the .deb is kept.
(cd "$build_dir" && cpack -G DEB -B "$out_dir" >&2)
rm -rf "$out_dir/_CPack_Packages"
version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build_dir/CPackConfig.cmake")
deb="$out_dir/lienthong_${version}_$(dpkg --print-architecture).deb"
[[ -f "$deb" ]] || {
  echo "package: cpack did not write $deb" >&2
  exit 1
}
echo "$deb"
