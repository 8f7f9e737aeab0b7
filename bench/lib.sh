#!/usr/bin/env bash
# Shared by the benchmark scripts (sourced, from the repository root): a work folder cleaned up
# on exit, free loopback ports, a copy of the default config on those ports with a bench
# client, and waiting for a port to listen.
#
#   source bench/lib.sh
#   bench_config          # sets $work, $key and the *_port variables; config in $work/config
#   wait_for PORT

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {  # a random high port nothing listens on
  while :; do
    local p=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

# A copy of config/ on free ports, with a client whose key is $key, the mocks' ports moved in
# the connectors, dancu's OCSP pointed at the moved kyso, certificates from certs/dev.
bench_config() {
  hub_port=$(free_port); admin_port=$(free_port); dkdn_port=$(free_port)
  dancu_port=$(free_port); kyso_port=$(free_port); dvcqg_port=$(free_port)
  key="bench-key"
  local key_sha
  key_sha=$(printf %s "$key" | sha256sum | cut -d' ' -f1)
  cp -r config "$work/config"
  ln -s "$PWD/mappings" "$work/mappings"
  ln -s "$PWD/certs" "$work/certs"
  mkdir -p "$work/sandbox" && ln -s "$PWD/sandbox/data" "$work/sandbox/data"
  sed -i -e "s/\"port\": 8080/\"port\": $hub_port/" -e "s/\"port\": 8081/\"port\": $admin_port/" \
    -e "s/{ \"dvcqg\": 9101, \"dancu\": 9102, \"dkdn\": 9103, \"kyso\": 9105 }/{ \"dvcqg\": $dvcqg_port, \"dancu\": $dancu_port, \"dkdn\": $dkdn_port, \"kyso\": $kyso_port }/" \
    -e "s|\"api_key_file\": \"../var/dev-api-key\",|\"api_key_sha256\": \"$key_sha\",|" \
    -e "/create_key_if_missing/d" "$work/config/hub.json"
  grep -q "\"kyso\": $kyso_port" "$work/config/hub.json" ||
    { echo "bench: the sandbox ports line of config/hub.json was not found" >&2; exit 1; }
  sed -i -e "s|https://127.0.0.1:9102|https://127.0.0.1:$dancu_port|" \
    -e "s|\"ocsp\": \"hard-fail\"|\"ocsp\": \"hard-fail\", \"ocsp_url\": \"http://127.0.0.1:$kyso_port/ocsp\"|" \
    "$work/config/connectors/dancu.json"
  sed -i "s|http://127.0.0.1:9103|http://127.0.0.1:$dkdn_port|" "$work/config/connectors/dkdn.json"
  sed -i "s|http://127.0.0.1:9101|http://127.0.0.1:$dvcqg_port|" "$work/config/connectors/dvcqg.json"
}

wait_for() {  # port
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on port $1" >&2; cat "$work"/*.log >&2; exit 1
}
