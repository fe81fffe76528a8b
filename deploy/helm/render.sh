#!/usr/bin/env bash
# Makes what is generated from the chart and its sources (make manifests):
#   - the chart's copies of its sources: crds/ (of deploy/crds, which make crds generates), files/admission/ (of
#     deploy/admission) and files/rules.yaml (of deploy/rbac/rules.yaml, the operator's permissions);
#   - deploy/blockyard.yaml, the one-manifest install (kubectl apply --server-side -f), rendered from the chart;
#   - deploy/rbac/operator.yaml, the ServiceAccount and ClusterRole alone (for an operator run from a host).
#   deploy/helm/render.sh [--check]   # --check changes nothing and fails, naming the files, when any is stale
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="$ROOT/testbed/tools"
helm="$("$TOOLS/build-tools.sh" --print-dirs | sed -n 's/^helm=//p')/helm"
[ -x "$helm" ] || "$TOOLS/build-tools.sh" helm
chart="$ROOT/deploy/helm/blockyard"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

# The chart as its sources make it, in a scratch copy.
cp -a "$chart" "$work/blockyard"
rm -rf "$work/blockyard/crds" "$work/blockyard/files/admission"
mkdir -p "$work/blockyard/crds" "$work/blockyard/files/admission"
cp "$ROOT"/deploy/crds/*.yml "$work/blockyard/crds/"
cp "$ROOT"/deploy/admission/*.yaml "$work/blockyard/files/admission/"
cp "$ROOT/deploy/rbac/rules.yaml" "$work/blockyard/files/rules.yaml"

namespace() {
  printf 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: blockyard-system\n'
}
{
  echo "# Blockyard, every part in one manifest: rendered from deploy/helm/blockyard with its default values by"
  echo "# make manifests (never edit it by hand). Install: kubectl apply --server-side -f deploy/blockyard.yaml"
  echo "---"
  namespace
  "$helm" template blockyard "$work/blockyard" --namespace blockyard-system --include-crds
} > "$work/blockyard.yaml"
{
  echo "# The operator's identity and permissions alone, for an operator run from a host: rendered from"
  echo "# deploy/helm/blockyard by make manifests (edit deploy/rbac/rules.yaml instead). Apply after deploy/crds/."
  echo "---"
  namespace
  "$helm" template blockyard "$work/blockyard" --namespace blockyard-system --set leaderElection.enabled=false \
    --show-only templates/serviceaccount.yaml --show-only templates/rbac.yaml
} > "$work/operator.yaml"

# generated file → its path in the repository
declare -A made=(
  ["$work/blockyard.yaml"]="$ROOT/deploy/blockyard.yaml"
  ["$work/operator.yaml"]="$ROOT/deploy/rbac/operator.yaml"
)
if [ "${1:-}" = --check ]; then
  stale=()
  for f in "${!made[@]}"; do cmp -s "$f" "${made[$f]}" || stale+=("${made[$f]#"$ROOT"/}"); done
  diff -rq "$work/blockyard" "$chart" >/dev/null || stale+=("deploy/helm/blockyard (crds/ or files/)")
  if [ ${#stale[@]} -gt 0 ]; then
    echo "stale: ${stale[*]}; run 'make manifests' and commit the result" >&2
    exit 1
  fi
  echo "deploy/blockyard.yaml, deploy/rbac/operator.yaml and the chart's copies are current"
  exit 0
fi
rm -rf "$chart/crds" "$chart/files/admission"
cp -a "$work/blockyard/crds" "$chart/crds"
cp -a "$work/blockyard/files/admission" "$chart/files/admission"
cp "$work/blockyard/files/rules.yaml" "$chart/files/rules.yaml"
for f in "${!made[@]}"; do cp "$f" "${made[$f]}"; done
echo "rendered deploy/blockyard.yaml and deploy/rbac/operator.yaml from deploy/helm/blockyard"
