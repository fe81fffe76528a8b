#!/usr/bin/env bash
# Builds (or installs) the pinned third-party programs the test bed runs, each into its
# own cache directory keyed by version, so that a warm run rebuilds nothing.
#
#   testbed/tools/build-tools.sh [all|etcd|kubernetes|btcd|lnd|bcoin|bitcoind-on-bcoin|local-path-provisioner|coredns|kube-router|helm|krew ...]
#   testbed/tools/build-tools.sh --print-dirs     # name=dir lines for the Java test bed
#
# The cache root is $BLOCKYARD_CACHE (default ~/.cache/blockyard). A program is
# rebuilt only when its directory lacks the marker file ".complete".
set -euo pipefail

KUBERNETES_VERSION=${KUBERNETES_VERSION:-1.37.2}
ETCD_DEBIAN_PACKAGE=etcd-server
BTCD_VERSION=${BTCD_VERSION:-v0.26.2}
LND_VERSION=${LND_VERSION:-v0.20.1-beta}
LND_TAGS="autopilotrpc signrpc walletrpc chainrpc invoicesrpc watchtowerrpc neutrinorpc monitoring peersrpc kvdb_postgres kvdb_etcd kvdb_sqlite"
BCOIN_VERSION=${BCOIN_VERSION:-1.0.2}
LOCAL_PATH_PROVISIONER_VERSION=${LOCAL_PATH_PROVISIONER_VERSION:-v0.0.30}
LEVELDOWN_VERSION=6.1.1
COREDNS_VERSION=${COREDNS_VERSION:-v1.15.0}
# Helm 3: the chart format (apiVersion v2) and CLI most clusters' pipelines run today; Helm 4 installs v2 charts too.
HELM_VERSION=${HELM_VERSION:-v3.22.0}
# kubectl's plugin manager: the plugin's tests install its archive with it, as a user does.
KREW_VERSION=${KREW_VERSION:-v0.4.3}

CACHE="${BLOCKYARD_CACHE:-$HOME/.cache/blockyard}"
BIN="$CACHE/bin"
LOGS="$CACHE/build-logs"
mkdir -p "$BIN" "$LOGS"

dir_of() {
  case "$1" in
    etcd) echo "$BIN/etcd-debian" ;;
    kubernetes) echo "$BIN/kubernetes-$KUBERNETES_VERSION" ;;
    btcd) echo "$BIN/btcd-$BTCD_VERSION" ;;
    lnd) echo "$BIN/lnd-$LND_VERSION" ;;
    bcoin) echo "$BIN/bcoin-$BCOIN_VERSION" ;;
    bitcoind-on-bcoin) echo "$BIN/bitcoind-on-bcoin-$BCOIN_VERSION" ;;
    local-path-provisioner) echo "$BIN/local-path-provisioner-$LOCAL_PATH_PROVISIONER_VERSION" ;;
    coredns) echo "$BIN/coredns-$COREDNS_VERSION" ;;
    kube-router) echo "$BIN/kube-router-$KUBE_ROUTER_VERSION" ;;
    helm) echo "$BIN/helm-$HELM_VERSION" ;;
    krew) echo "$BIN/krew-$KREW_VERSION" ;;
    *) echo "unknown program '$1' (known: etcd kubernetes btcd lnd bcoin bitcoind-on-bcoin local-path-provisioner coredns kube-router helm krew)" >&2; return 2 ;;
  esac
}

need() {
  command -v "$1" >/dev/null 2>&1 || {
    echo "build-tools: '$1' is not installed; $2" >&2
    exit 3
  }
}

# Runs a build step with its output in a log file; on failure names the program and
# shows the end of the log.
step() {
  local name="$1"; shift
  local log="$LOGS/$name.log"
  echo "build-tools: building $name (log: $log)" >&2
  if ! "$@" >"$log" 2>&1; then
    echo "build-tools: FAILED to build $name; last lines of $log:" >&2
    tail -n 25 "$log" >&2
    exit 4
  fi
}

done_marker() { [ -f "$1/.complete" ]; }

build_etcd() {
  local dir; dir=$(dir_of etcd)
  done_marker "$dir" && [ -x /usr/bin/etcd ] && return 0
  if [ ! -x /usr/bin/etcd ]; then
    need apt-get "install etcd by hand: apt-get install $ETCD_DEBIAN_PACKAGE"
    step etcd bash -c "export DEBIAN_FRONTEND=noninteractive; (apt-get install -y --no-install-recommends $ETCD_DEBIAN_PACKAGE || (apt-get update && apt-get install -y --no-install-recommends $ETCD_DEBIAN_PACKAGE))"
    # The Debian package starts a system etcd on :2379; the test bed runs its own.
    systemctl disable --now etcd >/dev/null 2>&1 || true
    pkill -x etcd >/dev/null 2>&1 || true
  fi
  mkdir -p "$dir"
  ln -sf /usr/bin/etcd "$dir/etcd"
  /usr/bin/etcd --version | head -1 > "$dir/.complete"
}

# The control plane and the node: one build of one pinned release, so that every component is the same version.
KUBERNETES_COMMANDS="kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl"

build_kubernetes() {
  local dir; dir=$(dir_of kubernetes)
  # A cache made before the node components were added lacks them: rebuild (the Go cache makes it quick).
  done_marker "$dir" && [ "$(cat "$dir/.complete")" = "v$KUBERNETES_VERSION $KUBERNETES_COMMANDS" ] && return 0
  need go "install Go (the test bed builds Kubernetes from its Go module)"
  local work="$CACHE/src/kubernetes-$KUBERNETES_VERSION"
  rm -rf "$work"; mkdir -p "$work" "$dir"
  local minor="${KUBERNETES_VERSION#*.}"; minor="${minor%%.*}"
  local staging="v0.$minor.${KUBERNETES_VERSION##*.}"
  (
    cd "$work"
    step kubernetes-modules go mod download -json "k8s.io/kubernetes@v$KUBERNETES_VERSION"
    local upstream
    upstream=$(go mod download -json "k8s.io/kubernetes@v$KUBERNETES_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
    {
      echo "module blockyard.local/kubernetes-build"
      echo
      echo "go 1.25.0"
      echo
      echo "require k8s.io/kubernetes v$KUBERNETES_VERSION"
      echo
      # Every staging module replaced by its published version of the same release.
      grep -E '^\s*k8s.io/[a-z0-9-]+ => ./staging' "$upstream" \
        | awk -v v="$staging" '{print "replace " $1 " => " $1 " " v}'
    } > go.mod
    local ldflags="-s -w"
    for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
      ldflags="$ldflags -X $pkg.gitVersion=v$KUBERNETES_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
    done
    local pkgs=()
    for c in $KUBERNETES_COMMANDS; do pkgs+=("k8s.io/kubernetes/cmd/$c"); done
    step kubernetes env GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$dir/" "${pkgs[@]}"
  )
  echo "v$KUBERNETES_VERSION $KUBERNETES_COMMANDS" > "$dir/.complete"
}

build_btcd() {
  local dir; dir=$(dir_of btcd)
  done_marker "$dir" && return 0
  need go "install Go (the test bed builds btcd from its Go module)"
  mkdir -p "$dir"
  step btcd env GOBIN="$dir" CGO_ENABLED=0 go install -trimpath \
    "github.com/btcsuite/btcd@$BTCD_VERSION" "github.com/btcsuite/btcd/cmd/btcctl@$BTCD_VERSION"
  echo "$BTCD_VERSION" > "$dir/.complete"
}

# The test bed's dynamic provisioner: binds PersistentVolumeClaims of the default StorageClass to node directories.
build_local-path-provisioner() {
  local dir; dir=$(dir_of local-path-provisioner)
  done_marker "$dir" && return 0
  need go "install Go (the test bed builds local-path-provisioner from its Go module)"
  mkdir -p "$dir"
  step local-path-provisioner env GOBIN="$dir" CGO_ENABLED=0 go install -trimpath \
    "github.com/rancher/local-path-provisioner@$LOCAL_PATH_PROVISIONER_VERSION"
  echo "$LOCAL_PATH_PROVISIONER_VERSION" > "$dir/.complete"
}

# The test bed's cluster DNS add-on (and the image build-images.sh makes of it).
build_coredns() {
  local dir; dir=$(dir_of coredns)
  done_marker "$dir" && return 0
  need go "install Go (the test bed builds CoreDNS from its Go module)"
  mkdir -p "$dir"
  step coredns env GOBIN="$dir" CGO_ENABLED=0 go install -trimpath -ldflags "-s -w" \
    "github.com/coredns/coredns@$COREDNS_VERSION"
  echo "$COREDNS_VERSION" > "$dir/.complete"
}

# The chart's linter and renderer (deploy/helm/blockyard), and the installer the chart's tests run.
build_helm() {
  local dir; dir=$(dir_of helm)
  done_marker "$dir" && return 0
  need go "install Go (the test bed builds helm from its Go module)"
  mkdir -p "$dir"
  step helm env GOBIN="$dir" CGO_ENABLED=0 go install -trimpath -ldflags "-s -w" \
    "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
  echo "$HELM_VERSION" > "$dir/.complete"
}

# krew, as kubectl finds it (kubectl-krew on PATH): installs the plugin's archive with its manifest in the tests.
build_krew() {
  local dir; dir=$(dir_of krew)
  done_marker "$dir" && return 0
  need go "install Go (the test bed builds krew from its Go module)"
  mkdir -p "$dir"
  step krew env GOBIN="$dir" CGO_ENABLED=0 go install -trimpath -ldflags "-s -w" "sigs.k8s.io/krew/cmd/krew@$KREW_VERSION"
  mv "$dir/krew" "$dir/kubectl-krew"
  echo "$KREW_VERSION" > "$dir/.complete"
}

build_lnd() {
  local dir; dir=$(dir_of lnd)
  done_marker "$dir" && return 0
  need go "install Go (the test bed builds lnd from its Go module)"
  local work="$CACHE/src/lnd-$LND_VERSION"
  rm -rf "$work"; mkdir -p "$work" "$dir"
  (
    cd "$work"
    step lnd-modules go mod download -json "github.com/lightningnetwork/lnd@$LND_VERSION"
    local upstream
    upstream=$(go mod download -json "github.com/lightningnetwork/lnd@$LND_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
    {
      echo "module blockyard.local/lnd-build"
      echo
      echo "go 1.23.12"
      echo
      echo "require github.com/lightningnetwork/lnd $LND_VERSION"
      echo
      # lnd's own replace lines apply only to lnd's module; repeat the non-local ones.
      grep -E '^replace ' "$upstream" | grep -v '=> \.' || true
    } > go.mod
    step lnd env GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath -tags "$LND_TAGS" \
      -ldflags "-s -w -X github.com/lightningnetwork/lnd/build.Commit=$LND_VERSION" -o "$dir/" \
      github.com/lightningnetwork/lnd/cmd/lnd github.com/lightningnetwork/lnd/cmd/lncli
  )
  echo "$LND_VERSION" > "$dir/.complete"
}

build_bcoin() {
  local dir; dir=$(dir_of bcoin)
  done_marker "$dir" && { write_bcoin_launcher "$dir"; return 0; }
  need node "install Node.js 20 (the test bed runs bcoin from npm)"
  need npm "install npm (the test bed installs bcoin from npm)"
  mkdir -p "$dir"
  cat > "$dir/package.json" <<JSON
{
  "name": "blockyard-bcoin",
  "private": true,
  "dependencies": { "bcoin": "$BCOIN_VERSION" },
  "overrides": { "leveldown": "$LEVELDOWN_VERSION" }
}
JSON
  step bcoin bash -c "cd '$dir' && npm install --no-audit --no-fund --loglevel=error"
  write_bcoin_launcher "$dir"
  echo "$BCOIN_VERSION" > "$dir/.complete"
}

# bcoin's launcher finds node_modules next to itself: in a pod the directory is mounted at another path
# (/run/blockyard/image), and the cache's own path may be hidden there (a container's /tmp is its own).
# Rewritten on every run, so that caches made by an older launcher are mended without a reinstall.
write_bcoin_launcher() {
  local launcher='#!/bin/sh
exec node "$(dirname "$(readlink -f "$0")")/node_modules/bcoin/bin/node" "$@"'
  [ "$(cat "$1/bcoin" 2>/dev/null)" = "$launcher" ] && return 0
  printf '%s\n' "$launcher" > "$1/bcoin"
  chmod +x "$1/bcoin"
}

# The test bed's stand-in for a Bitcoin Core image: bitcoind and bitcoin-cli from testbed/tools/bitcoind-on-bcoin/
# (Core's flags and bitcoin.conf translated for bcoin), next to a hard-linked copy of bcoin's node_modules: a
# container sees only its image directory, and a symlink into the cache would not resolve there. Rebuilt when the
# scripts change (their hash is the marker).
build_bitcoind-on-bcoin() {
  local dir; dir=$(dir_of bitcoind-on-bcoin)
  local src; src="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/bitcoind-on-bcoin"
  local stamp; stamp="bcoin $BCOIN_VERSION $(cat "$src/bitcoind" "$src/bitcoin-cli" | sha256sum | cut -c1-16)"
  [ "$(cat "$dir/.complete" 2>/dev/null)" = "$stamp" ] && return 0
  build_bcoin
  rm -rf "$dir"; mkdir -p "$dir"
  step bitcoind-on-bcoin cp -al "$(dir_of bcoin)/node_modules" "$dir/node_modules"
  install -m 0755 "$src/bitcoind" "$src/bitcoin-cli" "$dir/"
  echo "$stamp" > "$dir/.complete"
}

# The test bed's NetworkPolicy engine: kube-router's firewall controller alone (no routing, no service proxy), a
# host process in the node's network namespace (iptables and ipset, beside the CNI bridge plugin). Only v2.1.0 of
# its v2 module resolves on the Go proxy here; it is test-bed infrastructure, never shipped with the operator.
KUBE_ROUTER_VERSION=${KUBE_ROUTER_VERSION:-v2.1.0}
build_kube-router() {
  local dir; dir=$(dir_of kube-router)
  done_marker "$dir" && return 0
  need go "install Go (the test bed builds kube-router from its Go module)"
  mkdir -p "$dir"
  step kube-router env GOBIN="$dir" CGO_ENABLED=0 go install -trimpath \
    -ldflags "-s -w -X github.com/cloudnativelabs/kube-router/v2/pkg/version.Version=$KUBE_ROUTER_VERSION" \
    "github.com/cloudnativelabs/kube-router/v2/cmd/kube-router@$KUBE_ROUTER_VERSION"
  echo "$KUBE_ROUTER_VERSION" > "$dir/.complete"
}

# kube-api-test (fabric8) looks for kube-apiserver, etcd and kubectl in one directory.
link_kube_api_test() {
  local d="$CACHE/kubeapitest/k8s/$KUBERNETES_VERSION-linux-amd64"
  mkdir -p "$d"
  ln -sf "$(dir_of kubernetes)/kube-apiserver" "$d/kube-apiserver"
  ln -sf "$(dir_of kubernetes)/kubectl" "$d/kubectl"
  ln -sf /usr/bin/etcd "$d/etcd"
}

if [ "${1:-}" = "--print-dirs" ]; then
  for p in etcd kubernetes btcd lnd bcoin bitcoind-on-bcoin local-path-provisioner coredns kube-router helm krew; do echo "$p=$(dir_of "$p")"; done
  echo "kubernetesVersion=$KUBERNETES_VERSION"
  exit 0
fi

# One build at a time per cache (a test run and a playground may start together).
exec 9>"$CACHE/.build.lock"
flock 9
targets=("$@")
[ ${#targets[@]} -eq 0 ] || [ "${targets[0]}" = all ] && targets=(etcd kubernetes btcd lnd bcoin bitcoind-on-bcoin local-path-provisioner coredns kube-router helm krew)
for t in "${targets[@]}"; do
  dir_of "$t" >/dev/null
  "build_$t"
  echo "build-tools: $t ready in $(dir_of "$t")" >&2
done
if done_marker "$(dir_of kubernetes)" && done_marker "$(dir_of etcd)"; then link_kube_api_test; fi
