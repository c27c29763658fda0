#!/bin/bash
# make shell: boots the demo guest with a shell on its console, on this
# terminal (or on standard input and output when they are no terminal).
# QEMU's console is this terminal in raw mode, given back as it was when
# the guest powers off.  Ctrl-C goes to the guest; exit, Ctrl-D or
# poweroff in the guest end it.  Piped commands (make shell < steps.txt)
# are typed into the guest, followed by an exit.
#
# Usage: tools/shell.sh IMAGE INITRAMFS "KERNEL ARGS" [TIMEOUT_S]
set -eu

image=$1 initrd=$2 args=$3 timeout_s=${4:-3600}

qemu=(qemu-system-aarch64 -machine virt -cpu 'max,pauth-impdef=on' -smp 1
      -m 1G -display none -nic none -no-reboot -monitor none
      -chardev 'stdio,id=con,signal=off' -serial chardev:con
      -kernel "$image" -initrd "$initrd"
      -append "console=ttyAMA0 quiet panic=-1 $args yep=shell")
[ -t 0 ] || qemu[-1]+=" yep_shell=pipe"

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
