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
kubectl="$(bash testbed/tools/build-tools.sh --print-dirs | sed -n 's/^kubernetes=//p')/kubectl"

usage() {
  echo "  export KUBECONFIG=$dir/control-plane/admin.kubeconfig"
  echo "  kubectl get pods -o wide"
}

running() {
  [ -f "$dir/testbed.pid" ] && kill -0 "$(cat "$dir/testbed.pid")" 2>/dev/null
}

helm="$(bash testbed/tools/build-tools.sh --print-dirs | sed -n 's/^helm=//p')/helm"
operator_image=operator/target/blockyard-operator-image.tar

# The operator is installed as on any cluster: its Helm chart, into its own namespace, running the image the build
# made (the test bed imported it into the node's containerd, so nothing is pulled).
install_operator() {
  local admin="$dir/control-plane/admin.kubeconfig"
  if ! KUBECONFIG="$admin" "$helm" install blockyard deploy/helm/blockyard --namespace blockyard-system \
      --create-namespace --wait --timeout 5m > "$dir/helm-install.log" 2>&1; then
    echo "installing the operator's chart failed:"
    tail -n 20 "$dir/helm-install.log"
    "$kubectl" --kubeconfig "$admin" -n blockyard-system get pods -o wide || true
    "$kubectl" --kubeconfig "$admin" -n blockyard-system logs deployment/blockyard-operator --tail=30 || true
    exit 1
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
      echo "building the test bed, the operator (and its image) and the plugin..."
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
    [ -f "$operator_image" ] || { echo "$operator_image is missing: run make image (or make playground without PLAYGROUND_BUILD=no)"; exit 1; }
    nohup java -Dblockyard.testbed.operatorImage="$PWD/$operator_image" -cp "$cp" io.blockyard.testbed.TestbedMain up \
      --dir "$dir" --name "$name" --pod-cidr "$pod_cidr" --api-port "$api_port" --etcd-port "$etcd_port" \
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
    install_operator
    "$kubectl" --kubeconfig "$dir/control-plane/admin.kubeconfig" apply -f "$example" >/dev/null
    echo
    echo "The playground is up: a local control plane and node, the operator (Helm release blockyard in namespace"
    echo "blockyard-system) and $example."
    echo "From another terminal:"
    usage
    echo "  kubectl get btcnet -w"
    echo "Pod logs (one file per container): $dir/node/kubelet/pod-logs/"
    echo "Operator log:                      kubectl -n blockyard-system logs deployment/blockyard-operator"
    echo "Control-plane logs:                $dir/control-plane/logs/"
    echo "Test-bed log:                      $dir/playground.log"
    echo "Stop everything with: make playground-down"
    ;;
  down)
    if [ ! -f "$jar" ]; then
      echo "nothing to stop (the test bed was never built)"
      exit 0
    fi
    java -cp "$cp" io.blockyard.testbed.TestbedMain down --dir "$dir" --name "$name"
    ;;
  *)
    echo "usage: $0 up|down" >&2
    exit 2
    ;;
esac
