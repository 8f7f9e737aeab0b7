#!/usr/bin/env bash
# Development PKI for the hub and its sandbox: a root CA, an intermediate CA (with an `openssl ca`
# database, so the sandbox's OCSP responder can answer from it) and leaf certificates for signing,
# TLS and mTLS, plus deliberately broken ones (revoked, expired) for tests.
#
# Usage: certs/gen-dev-pki.sh [OUT_DIR]        (default: certs/dev next to this script)
#
# Idempotent: does nothing when OUT_DIR/.complete exists. Everything is made in a temporary
# sibling folder and renamed into place at the end, so a half-made PKI never exists at OUT_DIR.
# Needs bash and the openssl command line only. NEVER use these keys outside development.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=${1:-"$script_dir/dev"}
out=${out%/}

# A PKI made by an older version of this script lacks the newer certificates: made again (these
# are development keys only, nothing else depends on them).
if [[ -e "$out/.complete" ]]; then
  for newest in tsa.pem signer-an.pem signer-dung.pem evidence-archive.key; do
    if [[ ! -e "$out/$newest" ]]; then
      echo "gen-dev-pki: $out predates $newest; making the development PKI again" >&2
      rm -rf "$out"
      break
    fi
  done
  [[ -e "$out/.complete" ]] && exit 0
fi
if [[ -e "$out" ]] && [[ -n "$(ls -A "$out" 2>/dev/null)" ]]; then
  echo "gen-dev-pki: $out exists, is not empty and has no .complete marker; remove it first" >&2
  exit 1
fi

parent=$(dirname "$out")
mkdir -p "$parent"
work=$(mktemp -d "$parent/.$(basename "$out").tmp.XXXXXX")
trap 'rm -rf "$work"' EXIT
umask 077
cd "$work"

readonly ocsp_url="http://127.0.0.1:9105/ocsp"
readonly org="/C=VN/O=Lien Thong Hub (development only)"
readonly leaf_days=825
# CA certificates start in the past so that `expired` (valid during 2020) has a chain that was
# valid at its own time: tests can then tell "expired" from "untrusted" by moving the clock.
readonly ca_start=20191201000000Z
ca_end=$(date -u -d "+3653 days" +%Y%m%d%H%M%SZ)
intermediate_end=$(date -u -d "+3650 days" +%Y%m%d%H%M%SZ)

cat >openssl-ca.cnf <<EOF
# openssl configuration of the development intermediate CA. Paths are relative: run
#   openssl ca -config openssl-ca.cnf ...   from inside this folder.
[ req ]
distinguished_name = req_dn
prompt             = no
string_mask        = utf8only

[ req_dn ]
CN = unused

[ ca ]
default_ca = intermediate

[ root ]
dir              = .
database         = \$dir/root-index.txt
serial           = \$dir/root-serial
new_certs_dir    = \$dir/issued
certificate      = \$dir/root-ca.pem
private_key      = \$dir/root-ca-key.pem
default_md       = sha256
policy           = policy_loose
unique_subject   = no
copy_extensions  = none
email_in_dn      = no
preserve         = yes

[ intermediate ]
dir              = .
database         = \$dir/intermediate-index.txt
serial           = \$dir/intermediate-serial
crlnumber        = \$dir/intermediate-crlnumber
new_certs_dir    = \$dir/issued
certificate      = \$dir/intermediate-ca.pem
private_key      = \$dir/intermediate-ca-key.pem
default_md       = sha256
default_days     = $leaf_days
default_crl_days = $leaf_days
policy           = policy_loose
unique_subject   = no
copy_extensions  = none
email_in_dn      = no
preserve         = yes
crl_extensions   = crl_ext

[ crl_ext ]
authorityKeyIdentifier = keyid:always

[ policy_loose ]
countryName            = optional
organizationName       = optional
organizationalUnitName = optional
commonName             = supplied

[ v3_root ]
basicConstraints       = critical, CA:TRUE
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash

[ v3_intermediate ]
basicConstraints       = critical, CA:TRUE, pathlen:0
keyUsage               = critical, keyCertSign, cRLSign, digitalSignature
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always

[ san_local ]
DNS.1 = localhost
IP.1  = 127.0.0.1

[ leaf_signing ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid
authorityInfoAccess    = OCSP;URI:$ocsp_url

[ leaf_server ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = serverAuth
subjectAltName         = @san_local
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid
authorityInfoAccess    = OCSP;URI:$ocsp_url

[ leaf_client ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature
extendedKeyUsage       = clientAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid
authorityInfoAccess    = OCSP;URI:$ocsp_url

[ leaf_signing_server ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = serverAuth
subjectAltName         = @san_local
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid
authorityInfoAccess    = OCSP;URI:$ocsp_url

[ leaf_tsa ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature, nonRepudiation
extendedKeyUsage       = critical, timeStamping
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid
authorityInfoAccess    = OCSP;URI:$ocsp_url

[ leaf_ocsp ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature
extendedKeyUsage       = OCSPSigning
noCheck                = ignored
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid
authorityInfoAccess    = OCSP;URI:$ocsp_url
EOF

quietly() {  # runs a command, showing its chatter only when it fails
  local log
  if ! log=$("$@" 2>&1); then
    printf '%s\n' "$log" >&2
    return 1
  fi
}

new_rsa_key() {  # file bits: unencrypted PKCS#8, owner-only
  openssl genpkey -quiet -algorithm RSA -pkeyopt "rsa_keygen_bits:$2" -out "$1"
  chmod 600 "$1"
}

mkdir csr issued
: >root-index.txt
: >intermediate-index.txt
echo "unique_subject = no" >root-index.txt.attr
echo "unique_subject = no" >intermediate-index.txt.attr
printf '4%s\n' "$(openssl rand -hex 16 | cut -c2-)" >root-serial
printf '4%s\n' "$(openssl rand -hex 16 | cut -c2-)" >intermediate-serial
echo 01 >intermediate-crlnumber

# Root CA: RSA 3072, self-signed, about ten years from now.
new_rsa_key root-ca-key.pem 3072
openssl req -config openssl-ca.cnf -new -key root-ca-key.pem \
  -subj "$org/CN=Lien Thong Dev Root CA" -out csr/root-ca.csr
quietly openssl ca -batch -config openssl-ca.cnf -name root -selfsign -keyfile root-ca-key.pem \
  -extensions v3_root -notext -startdate "$ca_start" -enddate "$ca_end" \
  -in csr/root-ca.csr -out root-ca.pem

# Intermediate CA: signed by the root, pathlen 0, about ten years from now.
new_rsa_key intermediate-ca-key.pem 3072
openssl req -config openssl-ca.cnf -new -key intermediate-ca-key.pem \
  -subj "$org/CN=Lien Thong Dev Intermediate CA" -out csr/intermediate-ca.csr
quietly openssl ca -batch -config openssl-ca.cnf -name root -extensions v3_intermediate -notext \
  -startdate "$ca_start" -enddate "$intermediate_end" \
  -in csr/intermediate-ca.csr -out intermediate-ca.pem

issue() {  # name extensions common-name [openssl ca options...]
  local name=$1 ext=$2 cn=$3
  shift 3
  new_rsa_key "$name-key.pem" 2048
  openssl req -config openssl-ca.cnf -new -key "$name-key.pem" -subj "$org/CN=$cn" \
    -out "csr/$name.csr"
  quietly openssl ca -batch -config openssl-ca.cnf -extensions "$ext" -notext \
    -in "csr/$name.csr" -out "$name.pem" "$@"
  cat "$name.pem" intermediate-ca.pem >"$name-chain.pem"
}

issue hub-signing leaf_signing lienthong-hub-signing
issue hub-server leaf_server localhost
issue hub-client leaf_client lienthong-hub
issue sandbox-dancu leaf_signing_server sandbox-dancu
issue sandbox-server leaf_server localhost
issue provincial-client leaf_client provincial-dev
issue revoked leaf_signing revoked-signer
issue revoked-client leaf_client revoked-client
issue expired leaf_signing expired-signer -startdate 20200101000000Z -enddate 20210101000000Z
issue ocsp-responder leaf_ocsp lienthong-dev-ocsp
issue tsa leaf_tsa lienthong-dev-tsa
issue signer-an leaf_signing "Nguyen Van An"
issue signer-binh leaf_signing "Tran Thi Binh"
issue signer-cuong leaf_signing "Le Van Cuong"
issue signer-dung leaf_signing "Pham Thi Dung"

quietly openssl ca -batch -config openssl-ca.cnf -revoke revoked.pem -crl_reason keyCompromise
quietly openssl ca -batch -config openssl-ca.cnf -revoke revoked-client.pem -crl_reason keyCompromise
quietly openssl ca -batch -config openssl-ca.cnf -gencrl -out crl.pem

# PKCS#12 of the signing identity, protected by a random password kept beside it.
openssl rand -hex 24 >hub-signing.p12.pass
openssl pkcs12 -export -in hub-signing.pem -inkey hub-signing-key.pem -certfile intermediate-ca.pem \
  -name hub-signing -passout file:hub-signing.p12.pass -out hub-signing.p12

# The evidence journal's archive key (AES-256-GCM, 64 hex characters): the default config seals
# archived wire bodies with it.
openssl rand -hex 32 >evidence-archive.key

rm -rf csr ./*.old

# Keys and the password stay owner-only; certificates, chains and the CRL are public.
chmod 644 ./*.pem
chmod 600 ./*-key.pem hub-signing.p12 hub-signing.p12.pass evidence-archive.key
date -u +%Y-%m-%dT%H:%M:%SZ >.complete

cd /
trap - EXIT
if [[ -d "$out" ]]; then
  rmdir "$out" 2>/dev/null || true  # an empty folder left by someone; anything else stays
fi
chmod 755 "$work"
if ! mv -T "$work" "$out" 2>/dev/null; then
  rm -rf "$work"
  # Another run finished first: its PKI is complete, keep it.
  [[ -e "$out/.complete" ]] && exit 0
  echo "gen-dev-pki: cannot move the new PKI to $out" >&2
  exit 1
fi
echo "gen-dev-pki: development PKI written to $out"
