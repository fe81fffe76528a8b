#!/usr/bin/env bash
# The playground: the test bed in the background with a sample applied.
#   testbed/tools/playground.sh up | down
# PLAYGROUND_DIR (default .playground), PLAYGROUND_NAME (bypg), PLAYGROUND_EXAMPLE (a manifest),
# PLAYGROUND_POD_CIDR (10.213.0.0/24), PLAYGROUND_API_PORT (6443) and PLAYGROUND_ETCD_PORT (23790, and 10 above it
# for etcd's peers) adjust it, so that a second playground can run beside the first; PLAYGROUND_BUILD=no skips the
# Maven build (for a test that runs from a build that just happened).
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=${PLAYGROUND_DIR:-$PWD/.playground}
name=${PLAYGROUND_NAME:-bypg}
example=${PLAYGROUND_EXAMPLE:-deploy/examples/bitcoinnetwork-regtest.yaml}
pod_cidr=${PLAYGROUND_POD_CIDR:-10.213.0.0/24}
api_port=${PLAYGROUND_API_PORT:-6443}
etcd_port=${PLAYGROUND_ETCD_PORT:-23790}
jar=testbed/target/blockyard-testbed-0.1.0-SNAPSHOT.jar
cp="$jar:testbed/target/lib/*"
operator_cp="operator/target/blockyard-operator-0.1.0-SNAPSHOT.jar:operator/target/lib/*"
kubectl="$(bash testbed/tools/build-tools.sh --print-dirs | sed -n 's/^kubernetes=//p')/kubectl"

usage() {
  echo "  export KUBECONFIG=$dir/control-plane/admin.kubeconfig"
  echo "  kubectl get pods -o wide"
}

running() {
  [ -f "$dir/testbed.pid" ] && kill -0 "$(cat "$dir/testbed.pid")" 2>/dev/null
}

# The operator runs as it would in a cluster: with its own ServiceAccount's token and the ClusterRole from deploy/.
start_operator() {
  local admin="$dir/control-plane/admin.kubeconfig" kc="$dir/operator.kubeconfig" token
  "$kubectl" --kubeconfig "$admin" wait --for=condition=Established --timeout=60s \
    crd/bitcoinnetworks.blockyard.io >/dev/null
  token=$("$kubectl" --kubeconfig "$admin" -n blockyard-system create token blockyard-operator --duration=720h)
  "$kubectl" --kubeconfig "$admin" config view --raw --minify --flatten > "$kc"
  "$kubectl" --kubeconfig "$kc" config set-credentials blockyard-operator --token="$token" >/dev/null
  "$kubectl" --kubeconfig "$kc" config set-context --current --user=blockyard-operator >/dev/null
  KUBECONFIG="$kc" nohup java -cp "$operator_cp" io.blockyard.operator.BlockyardOperator \
    > "$dir/operator.log" 2>&1 &
  echo $! > "$dir/operator.pid"
  for _ in $(seq 1 60); do
    grep -q "Blockyard operator started" "$dir/operator.log" && return 0
    kill -0 "$(cat "$dir/operator.pid")" 2>/dev/null || { echo "the operator failed to start:"; tail -n 30 "$dir/operator.log"; exit 1; }
    sleep 1
  done
  echo "the operator did not start within 60 s; see $dir/operator.log"
  exit 1
}

stop_operator() {
  if [ -f "$dir/operator.pid" ]; then
    local pid
    pid=$(cat "$dir/operator.pid")
    if kill "$pid" 2>/dev/null; then
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      kill -9 "$pid" 2>/dev/null || true
      echo "stopped the operator (pid $pid)"
    fi
    rm -f "$dir/operator.pid"
  fi
}

case "${1:-}" in
  up)
    if running; then
      echo "The playground is already running (pid $(cat "$dir/testbed.pid")); use it from another terminal:"
      usage
      echo "Stop it with: make playground-down"
      exit 0
    fi
    if [ "${PLAYGROUND_BUILD:-yes}" != no ]; then
      echo "building the test bed, the operator and the plugin..."
      mvn -B -q -DskipTests package
      chmod +x cli/target/bin/kubectl-blockyard
    fi
    # Every playground starts empty: a throw-away cluster, not yesterday's objects coming back.
    if [ -d "$dir" ] && [ -n "$(ls -A "$dir")" ] && [ ! -d "$dir/control-plane" ]; then
      echo "$dir is not empty and holds no playground: choose another PLAYGROUND_DIR"
      exit 1
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    nohup java -cp "$cp" io.blockyard.testbed.TestbedMain up --dir "$dir" --name "$name" \
      --pod-cidr "$pod_cidr" --api-port "$api_port" --etcd-port "$etcd_port" \
      --apply deploy/crds/bitcoinnetworks.blockyard.io-v1.yml --apply deploy/crds/lightningnodes.blockyard.io-v1.yml \
      --apply deploy/crds/lightningchannels.blockyard.io-v1.yml \
      --apply deploy/crds/lightningactivities.blockyard.io-v1.yml --apply deploy/rbac/operator.yaml \
      --apply deploy/admission/lightningchannel-fund.yaml \
      --apply deploy/admission/bitcoinnetwork-regtest-storage.yaml \
      > "$dir/playground.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 180); do
      [ -f "$dir/ready" ] && break
      if ! kill -0 "$pid" 2>/dev/null; then
        echo "the playground failed to start:"
        tail -n 30 "$dir/playground.log"
        exit 1
      fi
      sleep 1
    done
    if [ ! -f "$dir/ready" ]; then
      echo "the playground did not start within 180 s; see $dir/playground.log"
      exit 1
    fi
    start_operator
    "$kubectl" --kubeconfig "$dir/control-plane/admin.kubeconfig" apply -f "$example" >/dev/null
    echo
    echo "The playground is up: a local control plane and node, the operator and $example."
    echo "From another terminal:"
    usage
    echo "  kubectl get btcnet -w"
    echo "Pod logs (one file per container): $dir/node/kubelet/pod-logs/"
    echo "Operator log:                      $dir/operator.log"
    echo "Control-plane logs:                $dir/control-plane/logs/"
    echo "Test-bed log:                      $dir/playground.log"
    echo "Stop everything with: make playground-down"
    ;;
  down)
    if [ ! -f "$jar" ]; then
      echo "nothing to stop (the test bed was never built)"
      exit 0
    fi
    stop_operator
    java -cp "$cp" io.blockyard.testbed.TestbedMain down --dir "$dir" --name "$name"
    ;;
  *)
    echo "usage: $0 up|down" >&2
    exit 2
    ;;
esac
