#!/usr/bin/env bash
# DEV PLACEHOLDER: replaced by the images branch.
[ "${1:-}" = "--print" ] && { echo "blockyard/pause:dev=/tmp/devimg/pause.tar"; echo "blockyard/busybox:dev=/tmp/devimg/busybox.tar"; }
exit 0
