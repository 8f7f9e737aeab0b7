#!/usr/bin/env bash
# Shared by the benchmark scripts (sourced, from the repository root): a work folder cleaned up
# on exit, free loopback ports, a copy of the default config on those ports with a bench
# client, and waiting for a port to listen.
#
#   source bench/lib.sh
#   bench_config          # sets $work, $key and the *_port variables; config in $work/config
#   hub_variant NAME STORE CONCURRENCY  # $work/config/NAME.json: another store, delivery
#   wait_for PORT
#   at_exit COMMAND       # run at exit after the processes in $pids are stopped

work=$(mktemp -d)
pids=()
exit_commands=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for c in "${exit_commands[@]}"; do eval "$c" || true; done
  rm -rf "$work"
}
at_exit() { exit_commands+=("$1"); }
trap cleanup EXIT

free_port() {  # a random high port nothing listens on
  while :; do
    local p=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

# A copy of config/ on free ports, with a client whose key is $key, the mocks' ports moved in
# the connectors and the provincial target, dancu's OCSP pointed at the moved kyso, certificates from certs/dev.
bench_config() {
  hub_port=$(free_port); admin_port=$(free_port); dkdn_port=$(free_port)
  dancu_port=$(free_port); kyso_port=$(free_port); dvcqg_port=$(free_port)
  motcua_port=$(free_port); paygov_port=$(free_port)
  key="bench-key"
  local key_sha
  key_sha=$(printf %s "$key" | sha256sum | cut -d' ' -f1)
  cp -r config "$work/config"
  ln -s "$PWD/mappings" "$work/mappings"
  ln -s "$PWD/certs" "$work/certs"
  mkdir -p "$work/sandbox" && ln -s "$PWD/sandbox/data" "$work/sandbox/data"
  sed -i -e "s/\"port\": 8080/\"port\": $hub_port/" -e "s/\"port\": 8081/\"port\": $admin_port/" \
    -e "s/{ \"dvcqg\": 9101, \"dancu\": 9102, \"dkdn\": 9103, \"paygov\": 9104, \"kyso\": 9105, \"motcua\": 9106 }/{ \"dvcqg\": $dvcqg_port, \"dancu\": $dancu_port, \"dkdn\": $dkdn_port, \"paygov\": $paygov_port, \"kyso\": $kyso_port, \"motcua\": $motcua_port }/" \
    -e "s|http://127.0.0.1:8080/inbound|http://127.0.0.1:$hub_port/inbound|" \
    -e "s|http://127.0.0.1:9106|http://127.0.0.1:$motcua_port|" \
    -e "s|\"api_key_file\": \"../var/dev-api-key\",|\"api_key_sha256\": \"$key_sha\",|" \
    -e "/create_key_if_missing/d" "$work/config/hub.json"
  grep -q "\"kyso\": $kyso_port" "$work/config/hub.json" ||
    { echo "bench: the sandbox ports line of config/hub.json was not found" >&2; exit 1; }
  sed -i -e "s|https://127.0.0.1:9102|https://127.0.0.1:$dancu_port|" \
    -e "s|\"ocsp\": \"hard-fail\"|\"ocsp\": \"hard-fail\", \"ocsp_url\": \"http://127.0.0.1:$kyso_port/ocsp\"|" \
    "$work/config/connectors/dancu.json"
  sed -i "s|http://127.0.0.1:9103|http://127.0.0.1:$dkdn_port|" "$work/config/connectors/dkdn.json"
  sed -i "s|http://127.0.0.1:9101|http://127.0.0.1:$dvcqg_port|" "$work/config/connectors/dvcqg.json"
  sed -i "s|http://127.0.0.1:9104|http://127.0.0.1:$paygov_port|" "$work/config/connectors/paygov.json"
}

# A variant of $work/config/hub.json (after bench_config) as $work/config/NAME.json, with its
# store — `sqlite:FILE` (a file in $work/var) or `postgresql` (the connection string in
# $LIENTHONG_PG) — and `delivery.concurrency` (0: a hub that accepts but delivers nothing).
hub_variant() {  # name store concurrency
  local name=$1 store=$2 concurrency=$3 block
  case "$store" in
    sqlite:*) block="\"store\": { \"type\": \"sqlite\", \"path\": \"../var/${store#sqlite:}\" }," ;;
    postgresql) block='"store": { "type": "postgresql", "connection": { "env": "LIENTHONG_PG" } },' ;;
    *) echo "bench: unknown store $store" >&2; exit 1 ;;
  esac
  sed -e "/^  \"store\": {/,/^  },/c\\  $block" \
    -e "s/^  \"threads\": [0-9]*,/&\n  \"delivery\": { \"concurrency\": $concurrency },/" \
    "$work/config/hub.json" >"$work/config/$name.json"
  if ! grep -q "\"delivery\": { \"concurrency\": $concurrency }" "$work/config/$name.json" ||
    ! grep -q '"store": { "type"' "$work/config/$name.json"; then
    echo "bench: the store or threads line of config/hub.json was not found" >&2
    exit 1
  fi
}

wait_for() {  # port
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on port $1" >&2; cat "$work"/*.log >&2; exit 1
}
