#!/usr/bin/env bash
# The playground: the test bed in the background with a sample applied.
#   testbed/tools/playground.sh up | down
# PLAYGROUND_DIR (default .playground), PLAYGROUND_NAME (bypg), PLAYGROUND_EXAMPLE (a manifest) adjust it.
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=${PLAYGROUND_DIR:-$PWD/.playground}
name=${PLAYGROUND_NAME:-bypg}
example=${PLAYGROUND_EXAMPLE:-deploy/examples/btcd-statefulset.yaml}
jar=testbed/target/blockyard-testbed-0.1.0-SNAPSHOT.jar
cp="$jar:testbed/target/lib/*"

usage() {
  echo "  export KUBECONFIG=$dir/control-plane/admin.kubeconfig"
  echo "  kubectl get pods -o wide"
}

running() {
  [ -f "$dir/testbed.pid" ] && kill -0 "$(cat "$dir/testbed.pid")" 2>/dev/null
}

case "${1:-}" in
  up)
    if running; then
      echo "The playground is already running (pid $(cat "$dir/testbed.pid")); use it from another terminal:"
      usage
      echo "Stop it with: make playground-down"
      exit 0
    fi
    echo "building the test bed..."
    mvn -B -q -DskipTests package
    mkdir -p "$dir"
    rm -f "$dir/ready"
    nohup java -cp "$cp" io.blockyard.testbed.TestbedMain up --dir "$dir" --name "$name" --apply "$example" \
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
    echo
    echo "The playground is up: a local control plane, a process kubelet and $example."
    echo "From another terminal:"
    usage
    echo "Pod logs (one file per container): $dir/kubelet/logs/"
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
