#!/bin/bash
# make shell: boots the demo guest with a shell on its console, on this
# terminal (or on standard input and output when they are no terminal).
# QEMU's console is this terminal in raw mode, given back as it was when
# the guest powers off.  Ctrl-C goes to the guest; exit, Ctrl-D or
# poweroff in the guest end it.  Piped commands (make shell < steps.txt)
# are typed into the guest, followed by an exit.
#
# Usage: tools/demo/shell-session.sh IMAGE INITRAMFS "KERNEL ARGS" [TIMEOUT_S]
set -eu

image=$1 initrd=$2 args=$3 timeout_s=${4:-3600}
here=$(dirname "$(realpath "$0")")
# shellcheck source=tools/guest/qemu.sh
. "$here/../guest/qemu.sh"
args+=" yep=shell"
[ -t 0 ] || args+=" yep_shell=pipe"
guest_qemu "$image" "$initrd" 1 "$args"
qemu=("${QEMU[@]}" -chardev 'stdio,id=con,signal=off' -serial chardev:con)

if [ -t 0 ]; then
	saved=$(stty -g)
	trap 'stty "$saved"' EXIT
	timeout --foreground "$timeout_s" "${qemu[@]}"
else
	# The guest reads the console only once its shell is up: hold the
	# commands until QEMU has printed the ready line.
	fifo=$(mktemp -u)
	mkfifo "$fifo"
	trap 'rm -f "$fifo"' EXIT
	exec 4<&0	# the commands, for the feeder below
	# shellcheck disable=SC2094 # QEMU reads the fifo, the feeder writes it
	timeout "$timeout_s" "${qemu[@]}" <"$fifo" | {
		exec 3>"$fifo"
		while IFS= read -r line; do
			printf '%s\n' "$line"
			case $line in
			*'@@ yep_slab shell: ready'*) break ;;
			esac
		done
		{ cat; printf '\nexit\n'; } <&4 >&3 &
		cat
		wait
	}
fi
