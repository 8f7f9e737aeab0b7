#!/usr/bin/env bash
# The Debian package, end to end (issue 13, point 4): tests/package/package_test.sh BUILD_DIR
# Packages the binary BUILD_DIR already has (no second build: the debug binary is stripped by
# cpack), runs lintian (any E: fails) and systemd-analyze on the unit, installs the package
# with dpkg -i, runs check-config as the service's user, purges it and checks that nothing of
# it is left. Exit 77 (skipped) when not root, without dpkg, or when a lienthong package or
# configuration is already on this machine (the test would replace an operator's hub). It
# always leaves the machine as it found it: the package purged, its user removed if the test
# made it.
set -euo pipefail

skip() {
  echo "SKIPPED: $*"
  exit 77
}
fail() {
  echo "FAILED: $*" >&2
  exit 1
}

# Installed, half-installed or its configuration left: anything but absent or purged.
package_present() {
  local status
  status="$(dpkg-query -W -f='${db:Status-Status}' lienthong 2>/dev/null)" || return 1
  [[ -n "$status" && "$status" != not-installed ]]
}

[[ $# -eq 1 ]] || fail "usage: $0 BUILD_DIR"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
build_dir="$(cd "$1" && pwd)"
unit=/lib/systemd/system/lienthong.service

[[ $(id -u) -eq 0 ]] || skip "needs root to install a package with dpkg -i"
{ command -v dpkg && command -v dpkg-deb; } >/dev/null || skip "no dpkg on this machine"
if package_present; then
  skip "a lienthong package is already on this machine (dpkg -l lienthong); not touching it"
fi
[[ ! -e /etc/lienthong && ! -e /var/lib/lienthong ]] ||
  skip "/etc/lienthong or /var/lib/lienthong exists already; not touching it"
for tool in cpack lintian systemd-analyze runuser file; do
  command -v "$tool" >/dev/null || fail "$tool is missing: run scripts/setup.sh"
done

user_existed=no
getent passwd lienthong >/dev/null && user_existed=yes
work="$(mktemp -d "${TMPDIR:-/tmp}/lienthong-package-test.XXXXXX")"
cleanup() {
  local rc=$?
  if package_present; then
    dpkg --purge lienthong >/dev/null 2>&1 || echo "cleanup: dpkg --purge lienthong failed" >&2
  fi
  if [[ $user_existed == no ]] && getent passwd lienthong >/dev/null; then
    userdel lienthong 2>/dev/null || echo "cleanup: userdel lienthong failed" >&2
  fi
  if [[ $user_existed == no ]] && getent group lienthong >/dev/null; then
    groupdel lienthong 2>/dev/null || true
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
started=$SECONDS

echo "== package ($build_dir)"
deb="$("$repo/scripts/package.sh" --no-build "$build_dir" "$work/out")"
[[ "$(basename "$deb")" =~ ^lienthong_[0-9]+\.[0-9]+\.[0-9]+_amd64\.deb$ ]] ||
  fail "unexpected package name $deb"
echo "$deb"

echo "== contents"
dpkg-deb -c "$deb" >"$work/contents"
mkdir "$work/root"
dpkg-deb -x "$deb" "$work/root"
for f in usr/bin/lienthong lib/systemd/system/lienthong.service etc/lienthong/hub.json \
  usr/share/lienthong/mappings usr/share/lienthong/sandbox/data usr/share/doc/lienthong/copyright; do
  [[ -e "$work/root/$f" ]] || fail "the package has no /$f"
done
file "$work/root/usr/bin/lienthong" | grep -q ", stripped" || fail "/usr/bin/lienthong is not stripped"
if grep -E -- '(-key\.pem|\.p12|\.pass|\.key)$' "$work/contents"; then
  fail "the package ships key files"
fi
if grep -rlE -- "-----BEGIN ([A-Z]+ )*PRIVATE KEY-----" "$work/root" >"$work/keys"; then
  fail "the package ships private keys: $(tr '\n' ' ' <"$work/keys")"
fi
if grep -rn '"\.\./' "$work/root/etc/lienthong"; then
  fail "the installed configuration has paths relative to the repository"
fi

echo "== conffiles"
dpkg-deb -I "$deb" conffiles | sort >"$work/conffiles"
(cd "$work/root" && find etc -type f -printf '/%p\n' | sort) >"$work/etc-files"
[[ -s "$work/etc-files" ]] || fail "the package has nothing under /etc"
diff -u "$work/etc-files" "$work/conffiles" || fail "the files under /etc and the conffiles differ"
cat "$work/conffiles"

echo "== lintian"
# Lintian prefers not to run as root; its notice about that is not a finding.
lintian --info "$deb" 2>&1 | grep -v "running with root privileges" | tee "$work/lintian" || true
! grep -q "^E:" "$work/lintian" || fail "lintian reports errors"

echo "== dpkg -i"
dpkg -i "$deb"
getent passwd lienthong >/dev/null || fail "postinst made no lienthong user"
[[ "$(stat -c %U "/var/lib/lienthong")" == lienthong ]] || fail "/var/lib/lienthong is not the user's"

echo "== dpkg -i again (an upgrade keeps the host's PKI)"
pki_made="$(sha256sum </etc/lienthong/certs/dev/root-ca.pem)"
dpkg -i "$deb" >/dev/null
[[ "$(sha256sum </etc/lienthong/certs/dev/root-ca.pem)" == "$pki_made" ]] || fail "an upgrade made the PKI again"

echo "== systemd-analyze verify"
# In the installed tree, so that ExecStart= and Documentation= are checked for real.
systemd-analyze verify "$unit" >"$work/verify" 2>&1 || true
cat "$work/verify"
! grep -q "lienthong" "$work/verify" || fail "systemd-analyze verify reports problems in the unit"
# Exposure 1.1 when this test was written ("OK"); 2.0 is the line not to cross (0-100 scale).
systemd-analyze security --offline=yes --threshold=20 "$unit" | tail -n 1 ||
  fail "the unit's sandboxing got weaker (systemd-analyze security --offline=yes $unit)"

echo "== check-config as lienthong"
(cd / && runuser -u lienthong -- lienthong check-config /etc/lienthong/hub.json) ||
  fail "lienthong check-config /etc/lienthong/hub.json failed as the lienthong user"

echo "== admin passwd as root, the operators file still the hub's to read"
echo 'package-test-password' |
  lienthong admin passwd pkgtest --role operator --config /etc/lienthong/hub.json ||
  fail "lienthong admin passwd failed"
[[ "$(stat -c '%U:%G %a' /etc/lienthong/operators.json)" == "root:lienthong 640" ]] ||
  fail "operators.json is $(stat -c '%U:%G %a' /etc/lienthong/operators.json), not root:lienthong 640"
runuser -u lienthong -- grep -q '"pkgtest"' /etc/lienthong/operators.json ||
  fail "the lienthong user cannot read the operator just added"

echo "== dpkg --purge"
# An enabled service too: purge removes the links `systemctl enable` made.
systemctl enable lienthong.service 2>&1 || fail "systemctl enable lienthong.service failed"
[[ -L /etc/systemd/system/multi-user.target.wants/lienthong.service ]] ||
  fail "systemctl enable made no link"
dpkg --purge lienthong
! package_present || fail "lienthong is still installed after purge"
for f in /usr/bin/lienthong "$unit" /etc/lienthong /var/lib/lienthong /usr/share/lienthong; do
  [[ ! -e "$f" ]] || fail "$f is left after purge"
done
if find /etc/systemd -name lienthong.service 2>/dev/null | grep .; then
  fail "enablement links are left after purge"
fi
if getent passwd lienthong >/dev/null; then
  left="$(find /etc /var /usr /opt /srv /run /tmp -xdev -user lienthong 2>/dev/null | head -n 5)"
  [[ -z "$left" ]] || fail "files of the lienthong user are left after purge: $left"
fi
echo "OK: package, lintian, systemd-analyze, install, check-config, purge in $((SECONDS - started)) s"
