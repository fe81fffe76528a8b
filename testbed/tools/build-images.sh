#!/usr/bin/env bash
# Builds the container images the test bed runs (and a release publishes) from deploy/images/<name>/Containerfile,
# with buildah and no daemon, from the programs testbed/tools/build-tools.sh builds. Each image is written as a
# docker archive that `ctr -n k8s.io images import` (and `skopeo copy`, Jib's tar:// base) reads, named
# $BLOCKYARD_CACHE/images/<name>-<tag>-<hash>.tar, where <hash> covers every input (Containerfile, files, binaries,
# this script): a warm run rebuilds nothing, a changed input gives a new archive.
#
#   testbed/tools/build-images.sh [all|btcd|lnd|bitcoind|pause|coredns|operator-base ...]
#   testbed/tools/build-images.sh --print [names ...]   # <image reference>=<archive path> lines, after a build
set -euo pipefail
shopt -s inherit_errexit

BITCOIN_CORE_IMAGE_VERSION=${BITCOIN_CORE_IMAGE_VERSION:-28.1}
IMAGES=(btcd lnd bitcoind pause coredns operator-base busybox)

TOOLS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$TOOLS_DIR/../.." && pwd)"
DEFS="$ROOT/deploy/images"
CACHE="${BLOCKYARD_CACHE:-$HOME/.cache/blockyard}"
OUT="$CACHE/images"
LOGS="$CACHE/build-logs"
mkdir -p "$OUT" "$LOGS"

die() { echo "build-images: $*" >&2; exit "${2:-3}"; }
need() { command -v "$1" >/dev/null 2>&1 || die "'$1' is not installed; $2"; }

# name=dir lines of the pinned programs (their versions are in the directory names).
declare -A DIRS
while IFS='=' read -r k v; do DIRS[$k]=$v; done < <("$TOOLS_DIR/build-tools.sh" --print-dirs)
version_in() { local d="${DIRS[$1]}"; echo "${d##*/$1-}"; }

pause_source() {
  local dir
  dir=$(cd "$CACHE" && go mod download -json "k8s.io/kubernetes@v${DIRS[kubernetesVersion]}" \
    | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
  [ -f "$dir/build/pause/linux/pause.c" ] || die "pause.c not found in the k8s.io/kubernetes module ($dir)"
  echo "$dir/build/pause"
}
pause_version() { sed -n 's/^TAG ?= *//p' "$(pause_source)/Makefile"; }

busybox_version() { /bin/busybox 2>/dev/null | sed -n '1s/^BusyBox v\([0-9.]*\).*/\1/p'; }

java_version() { java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p'; }

reference() {
  case "$1" in
    btcd) echo "blockyard/btcd:$(version_in btcd)" ;;
    lnd) echo "lightninglabs/lnd:$(version_in lnd)" ;;
    bitcoind) echo "bitcoin/bitcoin:$BITCOIN_CORE_IMAGE_VERSION" ;;
    pause) echo "blockyard/pause:$(pause_version)" ;;
    coredns) local v; v=$(version_in coredns); echo "blockyard/coredns:${v#v}" ;;
    operator-base) echo "blockyard/operator-base:$(java_version)" ;;
    busybox) echo "blockyard/busybox:$(busybox_version)" ;;
    *) die "unknown image '$1' (known: ${IMAGES[*]})" 2 ;;
  esac
}

# The programs each image is made of, built (or found in the cache) by build-tools.sh.
tools_of() {
  case "$1" in
    btcd) echo btcd ;;
    lnd) echo lnd ;;
    bitcoind) echo bitcoind-on-bcoin ;;
    coredns) echo coredns ;;
    pause) echo kubernetes-module ;;
    operator-base|busybox) ;;
  esac
}

copy_busybox() {
  [ -x /bin/busybox ] && [[ "$(file -L /bin/busybox)" == *"statically linked"* ]] \
    || die "a static /bin/busybox is needed; apt-get install busybox-static"
  mkdir -p "$1" && cp /bin/busybox "$1/busybox"
}

copy_certs() {
  [ -f /etc/ssl/certs/ca-certificates.crt ] || die "/etc/ssl/certs/ca-certificates.crt is missing; apt-get install ca-certificates"
  mkdir -p "$1" && cp /etc/ssl/certs/ca-certificates.crt "$1/"
}

# Copies each shared library the given ELF files link (as ldd resolves them) into $1 at the same path; libraries
# found next to the files themselves (a JDK's own, through its RPATH) are already there.
copy_libraries() {
  local dest="$1"; shift
  local lib
  for lib in $(ldd "$@" 2>/dev/null \
      | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// && $2 ~ /^\(0x/ {print $1}' \
      | grep -v "^$dest/" | sort -u); do
    mkdir -p "$dest$(dirname "$lib")"
    cp -L "$lib" "$dest$lib"
  done
}

# Puts every build context of an image (other than its deploy/images directory) under $2, one directory each,
# and prints the --build-context arguments for buildah.
stage() {
  local name="$1" ctx="$2"
  case "$name" in
    btcd)
      mkdir -p "$ctx/bin" && cp "${DIRS[btcd]}/btcd" "${DIRS[btcd]}/btcctl" "$ctx/bin/"
      copy_busybox "$ctx/busybox" ;;
    lnd)
      mkdir -p "$ctx/bin" && cp "${DIRS[lnd]}/lnd" "${DIRS[lnd]}/lncli" "$ctx/bin/"
      copy_busybox "$ctx/busybox"
      copy_certs "$ctx/certs" ;;
    bitcoind)
      need node "install Node.js 20 (the bitcoind stand-in runs on it)"
      mkdir -p "$ctx/standin" "$ctx/node/usr/local/bin"
      cp -a "${DIRS[bitcoind-on-bcoin]}/bitcoind" "${DIRS[bitcoind-on-bcoin]}/bitcoin-cli" "$ctx/standin/"
      cp -al "${DIRS[bitcoind-on-bcoin]}/node_modules" "$ctx/standin/node_modules" 2>/dev/null \
        || cp -a "${DIRS[bitcoind-on-bcoin]}/node_modules" "$ctx/standin/node_modules"
      cp -L "$(command -v node)" "$ctx/node/usr/local/bin/node"
      local natives; mapfile -t natives < <(find "$ctx/standin/node_modules" -name '*.node' -type f)
      copy_libraries "$ctx/node" "$ctx/node/usr/local/bin/node" "${natives[@]}"
      copy_busybox "$ctx/busybox" ;;
    pause)
      need gcc "apt-get install gcc libc6-dev (pause is compiled from Kubernetes' pause.c)"
      local src; src=$(pause_source)
      mkdir -p "$ctx/bin"
      # The flags of Kubernetes' own build (build/pause/Makefile).
      gcc -Os -Wall -Werror -static -DVERSION="v$(pause_version)" -o "$ctx/bin/pause" "$src/linux/pause.c" \
        || die "compiling $src/linux/pause.c failed" 4
      strip "$ctx/bin/pause" ;;
    busybox) copy_busybox "$ctx/busybox" ;;
    coredns)
      mkdir -p "$ctx/bin" && cp "${DIRS[coredns]}/coredns" "$ctx/bin/"
      copy_certs "$ctx/certs" ;;
    operator-base)
      need jlink "install a JDK 17 with its jmods (Debian: openjdk-17-jdk-headless)"
      local rootfs="$ctx/rootfs"
      mkdir -p "$rootfs/opt" "$rootfs/tmp"
      chmod 1777 "$rootfs/tmp"
      jlink --add-modules "$(grep -v '^#' "$DEFS/operator-base/modules" | paste -sd, -)" \
        --strip-debug --no-header-files --no-man-pages --output "$rootfs/opt/java" >/dev/null \
        || die "jlink failed (does the JDK have its jmods directory? Debian: openjdk-17-jdk-headless)" 4
      # A distribution's JDK may link its configuration in from /etc: the image holds the files themselves.
      local link
      while IFS= read -r link; do cp --remove-destination -L "$link" "$link.tmp" && mv "$link.tmp" "$link"; done \
        < <(find "$rootfs/opt/java" -type l)
      local elves; mapfile -t elves < <(find "$rootfs/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \))
      copy_libraries "$rootfs" "${elves[@]}"
      # Name lookups (the JVM asks for the user's name and home): glibc loads its files module at run time.
      local nss; for nss in /lib/x86_64-linux-gnu/libnss_files.so.2; do
        [ -f "$nss" ] && mkdir -p "$rootfs$(dirname "$nss")" && cp -L "$nss" "$rootfs$nss"
      done ;;
  esac
  find "$ctx" -mindepth 1 -maxdepth 1 -type d -printf '--build-context\n%f=%p\n'
}

# The contents of files, without their paths (a cache moved elsewhere keeps its images).
digest_files() { local f; for f in "$@"; do sha256sum < "$f"; done; }

# Everything an image is made of, cheaply, without staging it: its definition, this script, the files its contexts
# are copied from, and for what is made here (pause, the Java runtime) the sources and the tool's version.
# Modes and names of the definition count too.
content_hash() {
  local name="$1"
  {
    tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - -C "$DEFS/$name" .
    cat "${BASH_SOURCE[0]}"
    case "$name" in
      btcd) digest_files "${DIRS[btcd]}/btcd" "${DIRS[btcd]}/btcctl" /bin/busybox ;;
      lnd) digest_files "${DIRS[lnd]}/lnd" "${DIRS[lnd]}/lncli" /bin/busybox /etc/ssl/certs/ca-certificates.crt ;;
      bitcoind)
        local d="${DIRS[bitcoind-on-bcoin]}"
        echo "$BITCOIN_CORE_IMAGE_VERSION"
        digest_files "$d/bitcoind" "$d/bitcoin-cli" "$(command -v node)" /bin/busybox
        tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - -C "$d" node_modules
        ldd "$(command -v node)" | sed 's/ (0x[0-9a-f]*)$//' ;;
      pause) digest_files "$(pause_source)/linux/pause.c"; pause_version; gcc --version | sed -n 1p ;;
      coredns) digest_files "${DIRS[coredns]}/coredns" /etc/ssl/certs/ca-certificates.crt ;;
      busybox) digest_files /bin/busybox ;;
      operator-base)
        local jdk; jdk=$(dirname "$(dirname "$(readlink -f "$(command -v jlink)")")")
        cat "$jdk/release"
        local m; for m in $(grep -v '^#' "$DEFS/operator-base/modules"); do digest_files "$jdk/jmods/$m.jmod"; done
        ldd --version | sed -n 1p ;;
    esac
  } | sha256sum | cut -c1-16
}

archive_of() { local ref="$2"; echo "$OUT/$1-${ref##*:}-$3.tar"; }

# Stages, hashes and (unless its archive exists) builds one image; prints its reference=archive line.
build_one() {
  local name="$1" print_only="$2"
  local ref; ref=$(reference "$name")
  local hash; hash=$(content_hash "$name")
  local archive; archive=$(archive_of "$name" "$ref" "$hash")
  if [ -f "$archive" ]; then
    echo "$ref=$archive"
    return 0
  fi
  [ "$print_only" = 0 ] || die "$ref is not built for its current inputs; run testbed/tools/build-images.sh $name"
  local work; work=$(mktemp -d "$OUT/.work-$name-XXXXXX")
  stage "$name" "$work/ctx" > "$work/contexts"
  local contexts; mapfile -t contexts < "$work/contexts"
  local log="$LOGS/image-$name.log"
  echo "build-images: building $ref (log: $log)" >&2
  local args=()
  [ "$name" = bitcoind ] && args+=(--build-arg "BITCOIN_VERSION=$BITCOIN_CORE_IMAGE_VERSION")
  # vfs and chroot: no overlay mount, runc or user namespace needed, and no mount left behind; the host's network
  # (the only one chroot allows), so that buildah sets up no CNI network for the RUN steps, which need none.
  local store=(--root "$work/storage" --runroot "$work/run" --storage-driver vfs)
  if ! {
      buildah "${store[@]}" build --isolation chroot --network host --timestamp 0 --pull=never --iidfile "$work/iid" \
        "${contexts[@]}" "${args[@]}" -f "$DEFS/$name/Containerfile" "$DEFS/$name" \
      && buildah "${store[@]}" push "$(cat "$work/iid")" "docker-archive:$work/image.tar:$ref"
    } >"$log" 2>&1; then
    echo "build-images: FAILED to build $ref; last lines of $log:" >&2
    tail -n 25 "$log" >&2
    buildah "${store[@]}" rm --all >/dev/null 2>&1 || true
    rm -rf "$work"
    exit 4
  fi
  mv "$work/image.tar" "$archive"
  buildah "${store[@]}" rmi --all >/dev/null 2>&1 || true
  rm -rf "$work"
  # Archives of the same image from other inputs are pruned once unused for two days (another worktree's
  # checkout may still be importing its own).
  find "$OUT" -maxdepth 1 -name "$name-*.tar" ! -path "$archive" -mtime +2 -delete
  echo "$ref=$archive"
}

print_only=0
if [ "${1:-}" = "--print" ]; then print_only=1; shift; fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ] || [ "${targets[0]}" = all ]; then targets=("${IMAGES[@]}"); fi
for t in "${targets[@]}"; do reference "$t" >/dev/null; done

if [ "$print_only" = 0 ]; then
  need buildah "apt-get install buildah (images are built with it, without a daemon)"
  tools=()
  for t in "${targets[@]}"; do
    for p in $(tools_of "$t"); do [ "$p" = kubernetes-module ] || tools+=("$p"); done
  done
  [ ${#tools[@]} -eq 0 ] || "$TOOLS_DIR/build-tools.sh" "${tools[@]}"
fi

# One build at a time per cache (a test run and a playground may start together).
exec 8>"$OUT/.lock"
flock 8
for t in "${targets[@]}"; do
  line=$(build_one "$t" "$print_only")
  if [ "$print_only" = 1 ]; then echo "$line"; else echo "build-images: ${line%%=*} ready in ${line#*=}" >&2; fi
done
