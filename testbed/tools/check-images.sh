#!/usr/bin/env bash
# Checks the images testbed/tools/build-images.sh writes the way the test bed uses them: a private containerd
# (Debian's, with runc) imports each archive into the k8s.io namespace, and each image runs as the operator's pods
# run it (uid 1000 for the node programs): btcd answers btcctl, the bcoin stand-in answers bitcoin-cli on regtest,
# lnd, CoreDNS and the Java runtime start, pause sleeps until SIGTERM. The image's own configuration (entrypoint,
# user) is read from its archive. That containerd, its files, mounts and cgroups are gone when this exits.
#
#   testbed/tools/check-images.sh [btcd|lnd|bitcoind|pause|coredns|operator-base|operator ...]
#
# The default is every image build-images.sh makes; `operator` checks the operator's image that `make image` writes
# (operator/target/blockyard-operator-image.tar).
#
# Needs root, containerd, runc and jq. Prints one line per check and "N passed, N failed" at the end.
set -euo pipefail

TOOLS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OPERATOR_ARCHIVE="$(cd "$TOOLS_DIR/../.." && pwd)/operator/target/blockyard-operator-image.tar"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(btcd lnd bitcoind pause coredns operator-base)

for tool in containerd ctr runc jq; do
  command -v "$tool" >/dev/null || { echo "check-images: '$tool' is not installed (apt-get install containerd runc jq)" >&2; exit 3; }
done
[ "$(id -u)" = 0 ] || { echo "check-images: containerd needs root" >&2; exit 3; }

# Images first (warm: nothing is rebuilt), then their reference=archive lines.
declare -A REF ARCHIVE
built=()
for t in "${targets[@]}"; do
  if [ "$t" = operator ]; then
    [ -f "$OPERATOR_ARCHIVE" ] || { echo "check-images: $OPERATOR_ARCHIVE is missing; run make image" >&2; exit 3; }
    REF[operator]=$(tar -xOf "$OPERATOR_ARCHIVE" manifest.json | jq -r '.[0].RepoTags[0]')
    ARCHIVE[operator]=$OPERATOR_ARCHIVE
  else
    built+=("$t")
  fi
done
if [ ${#built[@]} -gt 0 ]; then
  "$TOOLS_DIR/build-images.sh" "${built[@]}"
  lines=$("$TOOLS_DIR/build-images.sh" --print "${built[@]}")
  i=0
  while IFS='=' read -r ref archive; do
    REF[${built[$i]}]=$ref; ARCHIVE[${built[$i]}]=$archive; i=$((i + 1))
  done <<<"$lines"
fi

RUN_ID="img-check-$$"
DIR="/tmp/img-check/$RUN_ID"
CGROUP="/blockyard-$RUN_ID"
SOCK="$DIR/containerd.sock"
CTR=(ctr --address "$SOCK" --namespace k8s.io)
passed=0 failed=0 containerd_pid=""

cleanup() {
  set +e
  if [ -n "$containerd_pid" ]; then
    local c
    for c in $("${CTR[@]}" tasks ls -q 2>/dev/null); do "${CTR[@]}" tasks kill -s SIGKILL "$c" >/dev/null 2>&1; done
    sleep 0.5
    for c in $("${CTR[@]}" containers ls -q 2>/dev/null); do
      "${CTR[@]}" tasks delete -f "$c" >/dev/null 2>&1
      "${CTR[@]}" containers delete "$c" >/dev/null 2>&1
    done
    kill "$containerd_pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$containerd_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$containerd_pid" 2>/dev/null
  fi
  grep -o " $DIR[^ ]*" /proc/self/mounts | sort -r | while read -r m; do umount -l "$m"; done
  local h
  for h in /sys/fs/cgroup/*/; do
    [ -d "$h$CGROUP" ] && find "$h$CGROUP" -depth -type d -exec rmdir {} + 2>/dev/null
  done
  rm -rf "$DIR"
  rmdir /tmp/img-check 2>/dev/null
}
trap cleanup EXIT

pass() { passed=$((passed + 1)); echo "PASS $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1${2:+: $2}"; }
# expect NAME EXPECTED-REGEX OUTPUT
# expect NAME EXPECTED-REGEX OUTPUT [LOG] : on a failure, also shows the end of a daemon's log.
expect() {
  if grep -Eq -- "$2" <<<"$3"; then pass "$1"; return; fi
  fail "$1" "expected /$2/, got: $(head -c 300 <<<"$3")"
  if [ -n "${4:-}" ] && [ -f "$4" ]; then tail -n 15 "$4" | sed 's/^/    | /'; fi
}

free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    [ -n "$(ss -Htanl "sport = :$p")" ] || { echo "$p"; return; }
  done
}

# The image's configuration from its archive: ENTRYPOINT, USER.
config_of() {
  local archive="$1" config
  config=$(tar -xOf "$archive" manifest.json | jq -r '.[0].Config')
  tar -xOf "$archive" "$config" | jq -c '.config | {Entrypoint, User}'
}

# run ID [OPTIONS...] IMAGE ID COMMAND... : a detached container, its output in $DIR/ID.log.
run() {
  local id="$1"; shift
  "${CTR[@]}" run -d --runc-root "$DIR/runc" --cgroup "$CGROUP/$id" --log-uri "file://$DIR/$id.log" "$@" >/dev/null \
    || fail "$id: the container did not start"
}
# as_pod ID IMAGE [CTR-RUN-OPTIONS...] -- COMMAND... : COMMAND as a pod runs it, as uid 1000:1000 whatever the
# image's user (runAsUser, runAsGroup), in a container on the host's network whose main process only sleeps;
# its output in $DIR/ID.log.
as_pod() {
  local id="$1" image="$2" opts=(); shift 2
  while [ "$1" != -- ]; do opts+=("$1"); shift; done; shift
  run "$id" --net-host "${opts[@]}" "$image" "$id" sleep 600
  timeout 300 "${CTR[@]}" tasks exec --exec-id node --user 1000:1000 "$id" "$@" >"$DIR/$id.log" 2>&1 &
}
# once NAME IMAGE ARGS... : runs a command to its end and prints its output (stdout and stderr).
once() {
  local name="$1" image="$2"; shift 2
  timeout 60 "${CTR[@]}" run --rm --runc-root "$DIR/runc" --cgroup "$CGROUP/$name" "$image" "$name" "$@" 2>&1 || true
}
# in_task [--user U] CONTAINER COMMAND... : runs a command in a running container, prints its output.
in_task() { timeout 30 "${CTR[@]}" tasks exec --exec-id "check-$RANDOM" "$@" 2>&1 || true; }
# until_ok TIMEOUT-SECONDS COMMAND... : retries until the command succeeds.
until_ok() {
  local end=$(( $(date +%s) + $1 )); shift
  until "$@" >/dev/null 2>&1; do [ "$(date +%s)" -lt "$end" ] || return 1; sleep 0.5; done
}
# wait_output TIMEOUT-SECONDS REGEX COMMAND... : retries until the output matches; prints the last output.
wait_output() {
  local end=$(( $(date +%s) + $1 )) regex="$2" out; shift 2
  while :; do
    out=$("$@" 2>&1 || true)
    if grep -Eq -- "$regex" <<<"$out" || [ "$(date +%s)" -ge "$end" ]; then echo "$out"; return; fi
    sleep 0.5
  done
}
task_status() { "${CTR[@]}" tasks ls | awk -v t="$1" '$1 == t {print $3}'; }

mkdir -p "$DIR"/{root,state,runc,cni}
cat > "$DIR/config.toml" <<EOF
version = 2
root = "$DIR/root"
state = "$DIR/state"
[grpc]
  address = "$SOCK"
[ttrpc]
  address = "$SOCK.ttrpc"
[debug]
  address = ""
[metrics]
  address = ""
[plugins."io.containerd.grpc.v1.cri"]
  # This machine's root may lack CAP_SYS_RESOURCE: a container must not be asked to lower its oom_score_adj.
  restrict_oom_score_adj = true
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$DIR/cni"
  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
    Root = "$DIR/runc"
EOF
containerd --config "$DIR/config.toml" >"$DIR/containerd.log" 2>&1 &
containerd_pid=$!
until_ok 20 "${CTR[@]}" version || { echo "check-images: containerd did not start; its log:" >&2; tail -20 "$DIR/containerd.log" >&2; exit 1; }

# The name the archive gives, as containerd stores it (it adds the default registry's host to short names).
stored_name() { "${CTR[@]}" images ls -q | awk -v r="$1" '$0 == r || substr($0, length($0) - length(r)) == "/" r' | sed -n 1p; }

for name in "${targets[@]}"; do
  ref=${REF[$name]} archive=${ARCHIVE[$name]}
  out=$("${CTR[@]}" images import "$archive" 2>&1) || true
  image=$(stored_name "$ref")
  if [ -n "$image" ]; then pass "$name: $archive imports as $ref"; else fail "$name: import of $archive" "$out"; continue; fi
  config=$(config_of "$archive")
  case "$name" in
    btcd)
      expect "btcd: entrypoint btcd, user 1000" '"Entrypoint":\["/usr/local/bin/btcd"\],"User":"1000:1000"' "$config"
      expect "btcd: btcd --version" '^btcd version 0\.24\.2' "$(once "$name-v" "$image" btcd --version)"
      expect "btcd: btcctl on PATH" '^btcctl version' "$(once "$name-c" "$image" sh -c 'btcctl --version')"
      expect "btcd: sh, id -u is 1000, HOME (/data) writable" '^1000 /data ok$' \
        "$(once "$name-id" "$image" sh -c 'echo "$(id -u) $HOME $(test -w "$HOME" && echo ok)"')"
      # As a pod runs it: the data volume owned by fsGroup 1000, TLS on RPC, the readiness probe's btcctl call.
      mkdir -p "$DIR/btcd-data" && chown 1000:1000 "$DIR/btcd-data"
      rpc=$(free_port) p2p=$(free_port)
      as_pod btcd-node "$image" --mount "type=bind,src=$DIR/btcd-data,dst=/data,options=rbind:rw" -- \
        btcd --regtest --datadir=/data --logdir=/data/logs --rpccert=/data/rpc.cert --rpckey=/data/rpc.key \
        --rpcuser=check --rpcpass=check-password --rpclisten="127.0.0.1:$rpc" --listen="127.0.0.1:$p2p"
      probe="btcctl --configfile=/dev/null --regtest --rpcserver=127.0.0.1:$rpc --rpccert=/data/rpc.cert --skipverify --rpcuser=check --rpcpass=check-password getblockcount"
      expect "btcd: runs on regtest as uid 1000, the readiness probe's btcctl answers" '^0$' \
        "$(wait_output 30 '^0$' in_task --user 1000:1000 btcd-node sh -c "$probe")" "$DIR/btcd-node.log"
      ;;
    lnd)
      expect "lnd: entrypoint lnd, user 1000" '"Entrypoint":\["lnd"\],"User":"1000:1000"' "$config"
      expect "lnd: lnd --version" '^lnd version 0\.19\.3-beta' "$(once "$name-v" "$image" lnd --version)"
      expect "lnd: lncli in /bin" '^lncli version 0\.19\.3-beta' "$(once "$name-c" "$image" sh -c '/bin/lncli --version')"
      expect "lnd: sh, id -u is 1000" '^1000$' "$(once "$name-id" "$image" sh -c 'id -u')"
      # As a pod runs it: uid 1000, the data volume owned by the pod's fsGroup.
      mkdir -p "$DIR/lnd-data" && chown 1000:1000 "$DIR/lnd-data"
      rest=$(free_port) grpc=$(free_port) p2p=$(free_port)
      # lnd's default directory comes from the passwd entry's home (then $HOME): it must be the data volume.
      as_pod lnd-node "$image" --mount "type=bind,src=$DIR/lnd-data,dst=/data,options=rbind:rw" -- \
        lnd --bitcoin.regtest --bitcoin.node=nochainbackend --datadir=/data/data --logdir=/data/logs \
        --restlisten="127.0.0.1:$rest" --rpclisten="127.0.0.1:$grpc" --listen="127.0.0.1:$p2p"
      expect "lnd: starts as uid 1000 with its directory on /data and waits for its wallet" '"NON_EXISTING"' \
        "$(wait_output 40 NON_EXISTING in_task --user 1000:1000 lnd-node lncli --network=regtest --rpcserver="127.0.0.1:$grpc" \
            --tlscertpath=/data/.lnd/tls.cert --no-macaroons state)" "$DIR/lnd-node.log"
      ;;
    bitcoind)
      expect "bitcoind: entrypoint bitcoind, user 101 (as the published image's bitcoin user)" \
        '"Entrypoint":\["bitcoind"\],"User":"101:101"' "$config"
      expect "bitcoind: bitcoind and bitcoin-cli in /opt/bitcoin-<version>/bin on PATH" \
        '^/opt/bitcoin-[0-9.]+/bin/bitcoind /opt/bitcoin-[0-9.]+/bin/bitcoin-cli /home/bitcoin/.bitcoin$' \
        "$(once "$name-path" "$image" sh -c 'echo "$(command -v bitcoind) $(command -v bitcoin-cli) $BITCOIN_DATA"')"
      # As a pod runs it: uid 1000, the operator's bitcoin.conf, the data volume, the readiness probe's bitcoin-cli.
      mkdir -p "$DIR/bitcoind-data" "$DIR/bitcoind-conf" && chown 1000:1000 "$DIR/bitcoind-data"
      rpc=$(free_port) p2p=$(free_port)
      printf 'regtest=1\nserver=1\nprinttoconsole=1\ndatadir=/data\n[regtest]\nrpcbind=127.0.0.1\nrpcallowip=127.0.0.1/32\nrpcport=%s\nbind=127.0.0.1\nport=%s\n' \
        "$rpc" "$p2p" > "$DIR/bitcoind-conf/bitcoin.conf"
      as_pod bitcoind-node "$image" --mount "type=bind,src=$DIR/bitcoind-data,dst=/data,options=rbind:rw" \
        --mount "type=bind,src=$DIR/bitcoind-conf,dst=/etc/blockyard,options=rbind:ro" -- \
        bitcoind -conf=/etc/blockyard/bitcoin.conf -rpcuser=check -rpcpassword=check-password
      probe="bitcoin-cli -regtest -rpcconnect=127.0.0.1 -rpcport=$rpc -rpcuser=check -rpcpassword=check-password getblockcount"
      expect "bitcoind: the stand-in runs on regtest as uid 1000, the readiness probe's bitcoin-cli answers" '^0$' \
        "$(wait_output 60 '^0$' in_task --user 1000:1000 bitcoind-node sh -c "$probe")" "$DIR/bitcoind-node.log"
      ;;
    pause)
      expect "pause: entrypoint /pause, user 65535" '"Entrypoint":\["/pause"\],"User":"65535:65535"' "$config"
      run pause-sandbox "$image" pause-sandbox
      sleep 1
      expect "pause: sleeps" '^RUNNING$' "$(task_status pause-sandbox)"
      "${CTR[@]}" tasks kill -s SIGTERM pause-sandbox
      expect "pause: exits on SIGTERM" '^STOPPED$' "$(wait_output 10 '^STOPPED$' task_status pause-sandbox)"
      ;;
    coredns)
      expect "coredns: entrypoint /coredns, user 65532" '"Entrypoint":\["/coredns"\],"User":"65532:65532"' "$config"
      expect "coredns: /coredns -version" "^CoreDNS-${ref##*:}\$" "$(once "$name-v" "$image" /coredns -version)"
      expect "coredns: has the forward and kubernetes plugins" ' forward .* kubernetes ' \
        "$(once "$name-p" "$image" /coredns -plugins | tr -s ' \n' '  ')"
      ;;
    operator-base)
      expect "operator-base: entrypoint java, user 1000" '"Entrypoint":\["/opt/java/bin/java"\],"User":"1000:1000"' "$config"
      expect "operator-base: java -version" 'OpenJDK Runtime Environment' "$(once "$name-v" "$image" java -version)"
      expect "operator-base: the operator's modules" 'java\.net\.http.*' "$(once "$name-m" "$image" java --list-modules | tr '\n' ' ')"
      # Read-only root: the JVM writes only to /tmp, a volume in the operator's pod.
      props=$(timeout 60 "${CTR[@]}" run --rm --read-only --runc-root "$DIR/runc" --cgroup "$CGROUP/$name-ro" \
        --mount "type=tmpfs,src=tmpfs,dst=/tmp,options=rw:nosuid:nodev" "$image" "$name-ro" \
        java -XshowSettings:properties -version 2>&1 || true)
      expect "operator-base: runs on a read-only root, as blockyard (its passwd entry is found)" \
        'user\.name = blockyard' "$props"
      expect "operator-base: its temporary directory is /tmp" 'java\.io\.tmpdir = /tmp' "$props"
      ;;
    operator)
      expect "operator: runs its main class as 1000" \
        '"Entrypoint":\["java",.*"io\.blockyard\.operator\.OperatorMain"\],"User":"1000:1000"' "$config"
      # As its Deployment runs it: a read-only root and a /tmp volume. Without a cluster it must fail on the
      # connection, which proves the class path and the runtime's modules are complete up to that point.
      out=$(timeout 90 "${CTR[@]}" run --rm --read-only --runc-root "$DIR/runc" --cgroup "$CGROUP/$name" \
        --mount "type=tmpfs,src=tmpfs,dst=/tmp,options=rw:nosuid:nodev" "$image" "$name" \
        java -cp @/app/jib-classpath-file io.blockyard.operator.OperatorMain 2>&1 || true)
      expect "operator: starts its reconcilers on a read-only root" "Registered reconciler: 'bitcoinnetwork'" "$out"
      expect "operator: reaches for the API server (none here)" 'java\.net\.ConnectException' "$out"
      if grep -Eq 'NoClassDefFoundError|ClassNotFoundException|UnsatisfiedLinkError|Read-only file system' <<<"$out"; then
        fail "operator: its class path and runtime are complete" "$(grep -Em3 'NoClassDef|ClassNotFound|Unsatisfied|Read-only' <<<"$out")"
      else
        pass "operator: its class path and runtime are complete"
      fi
      ;;
  esac
done

echo "check-images: $passed passed, $failed failed"
[ "$failed" = 0 ]
