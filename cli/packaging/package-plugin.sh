#!/usr/bin/env bash
# Packages the kubectl plugin the way krew installs plugins: one archive per platform in the cli module's target
# directory, kubectl-blockyard-<os>-<arch>.tar.gz, holding
#   kubectl-blockyard   the launcher (cli/src/main/dist/kubectl-blockyard, with the class path filled in)
#   lib/                the plugin's jars
#   runtime/            a jlink Java runtime of the modules in cli/packaging/modules, with its default CDS archive
# the same tree unpacked as <target>/kubectl-blockyard-<os>-<arch>/ (<target>/bin/kubectl-blockyard links to the host
# platform's launcher), and the krew manifest <target>/krew/blockyard.yaml with every archive's sha256. The
# class-data-sharing archive of the plugin's own classes is made by the launcher at its first run (see there).
# Run by the cli module's package phase (`make build`).
#
#   cli/packaging/package-plugin.sh <target dir> <version> <download URL> [<os>-<arch>=<jmods dir> ...]
#   (or the platforms in PLUGIN_PLATFORMS, separated by spaces)
#
# With no platform it builds the host's (linux-amd64 here) from the jmods of the JDK whose jlink runs. Another
# platform is another JDK 17's jmods directory: jlink links a runtime for the platform of the jmods it is given, e.g.
# (Maven) -Dplugin.platforms="linux-amd64=/usr/lib/jvm/java-17-openjdk-amd64/jmods darwin-arm64=/opt/jdk-17-mac/jmods".
# The manifest then gets one platform entry per archive. The launcher is a POSIX shell script: Windows would need a
# launcher of its own (kubectl-blockyard.cmd) and a zip.
set -euo pipefail
shopt -s inherit_errexit

die() { echo "package-plugin: $*" >&2; exit "${2:-3}"; }
[ $# -ge 3 ] || die "usage: $0 <target dir> <version> <download URL> [<os>-<arch>=<jmods dir> ...]" 2

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CLI="$(dirname "$HERE")"
TARGET="$(cd "$1" && pwd)"; VERSION="$2"; URL="$3"; shift 3
CACHE="${BLOCKYARD_CACHE:-$HOME/.cache/blockyard}/plugin-runtime"
MODULES="$(grep -v '^#' "$HERE/modules" | paste -sd, -)"

command -v jlink >/dev/null 2>&1 || die "jlink is not installed: install a JDK 17 with its jmods (Debian: openjdk-17-jdk-headless)"
JDK="$(dirname "$(dirname "$(readlink -f "$(command -v jlink)")")")"

host_platform() {
  local os arch
  os="$(uname -s | tr '[:upper:]' '[:lower:]')"
  case "$(uname -m)" in x86_64) arch=amd64 ;; aarch64|arm64) arch=arm64 ;; *) arch="$(uname -m)" ;; esac
  echo "$os-$arch"
}
HOST="$(host_platform)"
platforms=("$@")
[ ${#platforms[@]} -gt 0 ] || read -ra platforms <<< "${PLUGIN_PLATFORMS:-}"
[ ${#platforms[@]} -gt 0 ] || platforms=("$HOST=$JDK/jmods")

# A jlink runtime of MODULES from a jmods directory, cached by what it is made of (the JDK, the jmods, the modules).
runtime() {
  local platform="$1" jmods="$2"
  [ -f "$jmods/java.base.jmod" ] || die "no java.base.jmod in $jmods (Debian: openjdk-17-jdk-headless has the jmods)"
  local hash; hash=$({ cat "$JDK/release"; echo "$MODULES"; ls -l --time-style=+%s "$jmods"; cat "${BASH_SOURCE[0]}"; } \
    | sha256sum | cut -c1-16)
  local dir="$CACHE/$platform-$hash"
  if [ ! -f "$dir/.complete" ]; then
    rm -rf "$dir.tmp"; mkdir -p "$CACHE"
    jlink --module-path "$jmods" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages \
      --output "$dir.tmp" >/dev/null || die "jlink failed for $platform from $jmods" 4
    # A distribution's JDK may link its configuration in from /etc, and jlink links duplicate legal notices: the
    # runtime holds the files themselves (krew unpacks no links).
    local link
    while IFS= read -r link; do cp --remove-destination -L "$link" "$link.tmp" && mv "$link.tmp" "$link"; done \
      < <(find "$dir.tmp" -type l)
    # The default CDS archive (the JDK's own classes), the base of the plugin's: only the runtime's own java makes
    # it, so only for the host's platform; the launcher makes it at the first run elsewhere.
    if [ "$platform" = "$HOST" ]; then
      "$dir.tmp/bin/java" -Xshare:dump >/dev/null || die "java -Xshare:dump failed in the runtime for $platform" 4
    fi
    touch "$dir.tmp/.complete"
    rm -rf "$dir"; mv "$dir.tmp" "$dir"
  fi
  echo "$dir"
}

# The main jar first, then the runtime dependencies (as Maven resolved them: runtime-classpath.txt) by name: the
# launcher's class path, as the JVM sees it at every run.
[ -f "$TARGET/runtime-classpath.txt" ] || die "no $TARGET/runtime-classpath.txt: run through Maven (mvn -pl cli -am package)"
sources=("$TARGET/blockyard-cli-$VERSION.jar")
IFS=: read -ra dependencies < "$TARGET/runtime-classpath.txt" || true  # one line, without its newline
while IFS= read -r jar; do sources+=("$jar"); done \
  < <(printf '%s\n' "${dependencies[@]}" | awk -F/ '{print $NF "\t" $0}' | sort | cut -f2)
jars=(); for jar in "${sources[@]}"; do jars+=("$(basename "$jar")"); done
classpath=$(printf '$here/lib/%s:' "${jars[@]}"); classpath=${classpath%:}

entries=""
for spec in "${platforms[@]}"; do
  platform="${spec%%=*}"; jmods="${spec#*=}"
  [[ "$platform" =~ ^[a-z0-9]+-[a-z0-9]+$ ]] || die "a platform is <os>-<arch> (linux-amd64, darwin-arm64): '$platform'" 2
  name="kubectl-blockyard-$platform"
  stage="$TARGET/$name"
  rm -rf "$stage"; mkdir -p "$stage/lib"
  cp -a "$(runtime "$platform" "$jmods")" "$stage/runtime"; rm -f "$stage/runtime/.complete"
  cp "${sources[@]}" "$stage/lib/"
  sed "s|@CLASSPATH@|$classpath|" "$CLI/src/main/dist/kubectl-blockyard" > "$stage/kubectl-blockyard"
  chmod 0755 "$stage/kubectl-blockyard"
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$stage" -cf - kubectl-blockyard lib runtime \
    | gzip -n -6 > "$TARGET/$name.tar.gz"
  sha=$(sha256sum "$TARGET/$name.tar.gz" | cut -d' ' -f1)
  entries+="  - selector:
      matchLabels:
        os: ${platform%-*}
        arch: ${platform#*-}
    uri: $URL/$name.tar.gz
    sha256: $sha
    bin: kubectl-blockyard
    files:
    - from: \"*\"
      to: \".\"
"
  if [ "$platform" = "$HOST" ]; then
    mkdir -p "$TARGET/bin"
    ln -sfn "../$name/kubectl-blockyard" "$TARGET/bin/kubectl-blockyard"
  fi
done

mkdir -p "$TARGET/krew"
cat > "$TARGET/krew/blockyard.yaml" <<YAML
# Rendered by cli/packaging/package-plugin.sh with the sha256 of the archives next to it (never edit by hand).
# Install from a local archive: kubectl krew install --manifest=blockyard.yaml --archive=kubectl-blockyard-<os>-<arch>.tar.gz
apiVersion: krew.googlecontainertools.github.com/v1alpha2
kind: Plugin
metadata:
  name: blockyard
spec:
  version: v$VERSION
  shortDescription: Day-two commands for Blockyard's Bitcoin networks and Lightning nodes
  description: |
    kubectl blockyard shows a BitcoinNetwork's nodes, heights, peers and conditions, calls a node's RPC, mines on
    test chains, prints how an application connects, and makes Lightning invoices, payments and channel lists for
    the Blockyard operator's resources. It brings its own Java runtime.
  caveats: |
    The first command in a new installation takes a few seconds more: the plugin prepares a class-data-sharing
    archive for this directory (once), from which later commands start about three times faster.
  platforms:
$entries
YAML
echo "package-plugin: $(printf '%s ' "${platforms[@]%%=*}")-> $TARGET/krew/blockyard.yaml" >&2
