#!/bin/sh
# ipmi_sim's chassis control hook: "<mc> get <parm>..." prints "parm:value" lines, "<mc> set <parm> <value>..."
# changes the emulated machine. Its state lives in files next to this script: power (0 or 1), boot (pxe,
# default, cdrom, bios...) and actions (one chassis command per line), which the tests read.
D=$(dirname "$0")
shift # the MC address
op=$1
shift
case $op in
  get)
    for p in "$@"; do
      case $p in
        power) echo "power:$(cat "$D/power" 2>/dev/null || echo 0)" ;;
        boot) echo "boot:$(cat "$D/boot" 2>/dev/null || echo default)" ;;
      esac
    done ;;
  set)
    while [ $# -ge 2 ]; do
      p=$1 v=$2
      shift 2
      case $p in
        power) echo "$v" > "$D/power"; [ "$v" = 1 ] && echo on >> "$D/actions" || echo off >> "$D/actions" ;;
        shutdown) echo 0 > "$D/power"; echo soft >> "$D/actions" ;; # the OS shuts down at once
        reset) echo 1 > "$D/power"; echo reset >> "$D/actions" ;;
        boot) echo "$v" > "$D/boot" ;;
      esac
    done ;;
esac
exit 0
