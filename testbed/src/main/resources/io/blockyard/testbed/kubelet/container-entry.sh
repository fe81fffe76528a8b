#!/bin/sh
# Runs inside a container's fresh mount and UTS namespaces (the network namespace is the pod's):
#   container-entry.sh MOUNTS HOSTNAME RUNAS -- COMMAND [ARGS...]
# MOUNTS has one "source<TAB>target<TAB>rw|ro" line per mount; RUNAS is "-" (root) or uid:gid:groups.
set -e
mounts=$1
host=$2
runas=$3
shift 4
tab=$(printf '\t')
while IFS="$tab" read -r src dst mode; do
  [ -n "$src" ] || continue
  mount --bind "$src" "$dst"
  if [ "$mode" = ro ]; then
    mount -o remount,bind,ro "$dst"
  fi
done < "$mounts"
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
