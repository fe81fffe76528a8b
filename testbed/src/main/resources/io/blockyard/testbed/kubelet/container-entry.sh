#!/bin/sh
# Runs inside a container's fresh mount and UTS namespaces (the network namespace is the pod's):
#   container-entry.sh MOUNTS HOSTNAME RUNAS -- COMMAND [ARGS...]
# MOUNTS has one "source<TAB>target<TAB>rw|ro" line per mount; RUNAS is "-" (root) or uid:gid:groups.
set -e
table=$(cat "$1")
host=$2
runas=$3
shift 4
tab=$(printf '\t')
# First every source is bound into a private staging tmpfs, then each is moved to its target: a target that hides
# a host directory (a volume at /work, say) cannot hide the sources of the mounts after it.
stage=/run/blockyard/stage
mount -t tmpfs -o mode=0700 blockyard-stage "$stage"
i=0
while IFS="$tab" read -r src dst mode; do
  [ -n "$src" ] || continue
  i=$((i + 1))
  if [ -d "$src" ]; then mkdir "$stage/$i"; else : > "$stage/$i"; fi
  mount --bind "$src" "$stage/$i"
done <<TABLE
$table
TABLE
i=0
while IFS="$tab" read -r src dst mode; do
  [ -n "$src" ] || continue
  i=$((i + 1))
  mount --move "$stage/$i" "$dst"
  if [ "$mode" = ro ]; then
    mount -o remount,bind,ro "$dst"
  fi
done <<TABLE
$table
TABLE
umount "$stage"
# A private /tmp per container, as a container image would have.
mount -t tmpfs -o mode=1777,size=256m tmpfs /tmp
hostname "$host"
if [ "$runas" != "-" ]; then
  uid=${runas%%:*}
  rest=${runas#*:}
  gid=${rest%%:*}
  groups=${rest#*:}
  exec setpriv --reuid="$uid" --regid="$gid" --groups="$groups" -- "$@"
fi
exec "$@"
