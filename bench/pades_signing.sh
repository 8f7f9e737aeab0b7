#!/usr/bin/env bash
# Benchmark (issue 11): the hub's CPU time to prepare, embed and timestamp a PAdES B-T signature
# on a 1 MiB and a 10 MiB PDF, as a ratio to SHA-256 of the same bytes in the same run, and the
# peak memory of one signature as a multiple of the document size (bench/pades_signing.cpp says
# what is timed: the kyso connector's own steps; the CA's RSA signature and the TSA's token are
# reported apart). Then, with perf installed, where the time goes on the 10 MiB PDF.
#
#   bench/pades_signing.sh [repetitions=15]
#
# Builds the release preset; the dev PKI (certs/gen-dev-pki.sh) gives the signer (signer-an) and
# the TSA. The signed 1 MiB PDF is checked with pdfsig and qpdf when they are installed.
set -euo pipefail
cd "$(dirname "$0")/.."
reps="${1:-15}"
certs/gen-dev-pki.sh >/dev/null
scripts/build.sh release bench_pades_signing >/dev/null
bin=build/release/bench_pades_signing
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" --pki certs/dev --reps "$reps" --out "$work/signed-1mib.pdf"

echo
if command -v pdfsig >/dev/null; then
  pdfsig "$work/signed-1mib.pdf" 2>&1 | grep -q 'Signature Validation: Signature is Valid.' ||
    { echo "pdfsig does not find a valid signature in the signed 1 MiB PDF" >&2; exit 1; }
  echo "pdfsig: the signed 1 MiB PDF's signature is valid"
fi
if command -v qpdf >/dev/null; then
  qpdf --check "$work/signed-1mib.pdf" >/dev/null ||
    { echo "qpdf --check fails on the signed 1 MiB PDF" >&2; exit 1; }
  echo "qpdf --check: no errors"
fi

# The profile: each sample inside sign_once (the hub's steps plus the CA and TSA, on the largest
# PDF) is put under the step it is in and under what it does.
if ! command -v perf >/dev/null; then
  echo "perf is not installed (Debian: linux-perf): no profile"
  exit 0
fi
for heap in reused fresh; do
  if ! perf record -q -F 2000 --call-graph dwarf,16384 -o "$work/$heap.data" \
    "$bin" --pki certs/dev --profile 20 --heap "$heap" >/dev/null 2>"$work/perf.err"; then
    echo "perf record failed: $(tail -1 "$work/perf.err")"
    exit 0
  fi
  echo
  echo "profile, 10 MiB PDF, heap: $heap (perf record -F 2000 --call-graph dwarf; share of the samples in sign_once)"
  perf script -i "$work/$heap.data" -F ip,sym,dso 2>/dev/null | awk '
    function flush(   i, step, what, leaf) {
      if (n == 0) return
      if (inside) {
        total++
        step = "other"
        for (i = 1; i <= n; i++) {
          if (f[i] ~ /kyso::admit_document/) { step = "arrival: admit_document"; break }
          if (f[i] ~ /kyso::prepare_document/) { step = "request: prepare_document"; break }
          if (f[i] ~ /kyso::value_verifies/) { step = "approval: value_verifies"; break }
          if (f[i] ~ /make_timestamp_query/) { step = "approval: make_timestamp_query"; break }
          if (f[i] ~ /accept_timestamp_reply/) { step = "approval: accept_timestamp_reply"; break }
          if (f[i] ~ /assemble_cms/) { step = "approval: signed_document: assemble_cms"; break }
          if (f[i] ~ /embed_in_pdf/) { step = "approval: signed_document: embed_in_pdf"; break }
          if (f[i] ~ /signing::prepare_pdf/ && step == "other") step = "prepare_pdf"
          if (f[i] ~ /kyso::signed_document/) {
            if (step == "prepare_pdf") step = "approval: signed_document: prepare_pdf"
            else step = "approval: signed_document, other"
            break
          }
          if (f[i] ~ /sign_sha256_digest/) { step = "far: the CA signature (not the hub)"; break }
          if (f[i] ~ /TimeStampAuthority::respond/) { step = "far: the TSA token (not the hub)"; break }
        }
        leaf = f[1]
        what = "other"
        for (i = 1; i <= n; i++) if (f[i] ~ /exc_page_fault/) { what = "page faults (kernel: zeroing and mapping fresh pages)"; break }
        if (what == "other") for (i = 1; i <= n; i++) if (f[i] ~ /sha256_of_ranges|SHA256_Update|EVP_Digest/) { what = "SHA-256 (libcrypto)"; break }
        if (what == "other") {
          if (leaf ~ /memmove|memcpy/) what = "memcpy (libc)"
          else if (leaf ~ /memset/) what = "memset (libc)"
          else if (leaf ~ /memchr|strlen|find_first_not_of/) what = "scans (libc: memchr, find_first_not_of)"
          else if (leaf ~ /kernel/) what = "kernel, other (munmap, brk)"
          else if (leaf ~ /libcrypto/) what = "libcrypto, other (RSA, ASN.1, X.509)"
          else if (leaf ~ /malloc|free|_int_/) what = "malloc/free"
        }
        by_step[step]++
        by_what[what]++
      }
      n = 0; inside = 0
    }
    /^[[:space:]]*$/ { flush(); next }
    { n++; f[n] = $0; if ($0 ~ /sign_once/) inside = 1 }
    END {
      flush()
      if (total == 0) { print "no samples in sign_once"; exit }
      print "| step | share |"; print "|---|---|"
      for (s in by_step) printf "| %s | %.1f %% |\n", s, 100 * by_step[s] / total | "sort -t\"|\" -k3 -rn"
      close("sort -t\"|\" -k3 -rn")
      print ""; print "| doing | share |"; print "|---|---|"
      for (w in by_what) printf "| %s | %.1f %% |\n", w, 100 * by_what[w] / total | "sort -t\"|\" -k3 -rn"
      close("sort -t\"|\" -k3 -rn")
      printf "\n%d samples in sign_once\n", total
    }'
done
