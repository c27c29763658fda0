#!/bin/bash
# Boots the demo's two passes side by side (each guest has one CPU) and
# says when each is done.
#
# Usage: tools/demo/passes.sh IMAGE INITRAMFS OUT_DIR TIMEOUT_S \
#                             "PASS 1 KERNEL ARGS" "PASS 2 KERNEL ARGS"
# With YEP_ONE_GUEST=1 in the environment, one after the other (a shared
# machine that may run one guest at a time).
set -eu

image=$1 initrd=$2 out=$3 timeout_s=$4
here=$(dirname "$(realpath "$0")")
start=$SECONDS

mkdir -p "$out"
pids=()
for pass in 1 2; do
	args=$5
	[ "$pass" = 2 ] && args=$6
	echo "yep_slab: booting pass $pass: $args"
	(
		"$here/../guest/boot.sh" "$image" "$initrd" \
			"$out/pass$pass-console.log" "$timeout_s" 1 "$args yep=demo"
		echo "yep_slab: pass $pass done in $((SECONDS - start))s"
	) &
	pids+=("$!")
	[ "${YEP_ONE_GUEST:-}" != 1 ] || wait "$!" || true
done
fail=0
for pid in "${pids[@]}"; do
	wait "$pid" || fail=1
done
exit "$fail"
