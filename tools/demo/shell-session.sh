#!/bin/bash
# make shell: boots the demo guest with a shell on its console, on this
# terminal (or on standard input and output when they are no terminal).
# QEMU's console is this terminal in raw mode, given back as it was when
# the guest powers off.  Ctrl-C goes to the guest; exit, Ctrl-D or
# poweroff in the guest end it.  Piped commands (make shell < steps.txt)
# are typed into the guest, followed by an exit.  When the terminal goes
# away (hung up: a closed pty, a dropped ssh) or a process that started
# this session is gone (make, its caller), the guest is stopped too: a
# hung-up terminal sends no SIGHUP where it is not the session's
# controlling terminal, and QEMU takes end of input for no reason to stop.
#
# Usage: tools/demo/shell-session.sh IMAGE INITRAMFS "KERNEL ARGS" [TIMEOUT_S]
set -eu

image=$1 initrd=$2 args=$3 timeout_s=${4:-3600}
here=$(dirname "$(realpath "$0")")
# shellcheck source=tools/guest/qemu.sh
. "$here/../guest/qemu.sh"
# shellcheck source=tools/guest/rootfs/marks.sh
. "$here/../guest/rootfs/marks.sh"
args+=" yep=shell"
[ -t 0 ] || args+=" yep_shell=pipe"
guest_qemu "$image" "$initrd" 1 "$args"
pidfile=$(mktemp)
qemu=("${QEMU[@]}" -chardev 'stdio,id=con,signal=off' -serial chardev:con
      -pidfile "$pidfile")

# This session and the processes it was started by, up to (not with) init.
ancestors=()
pid=$$
while [ "$pid" -gt 1 ] 2>/dev/null; do
	ancestors+=("$pid")
	pid=$(awk '{ print $4 }' "/proc/$pid/stat" 2>/dev/null || echo 0)
done

# watchdog TTY: every second, while QEMU runs, stops it once standard
# input is no terminal any more (TTY 1) or an ancestor is gone.
watchdog() {
	local qpid='' a gone
	while sleep 1; do
		[ -n "$qpid" ] || qpid=$(cat "$pidfile" 2>/dev/null) || true
		[ -n "$qpid" ] || continue
		kill -0 "$qpid" 2>/dev/null || return 0
		gone=
		[ "$1" = 1 ] && ! [ -t 0 ] && gone="the terminal"
		for a in "${ancestors[@]}"; do
			kill -0 "$a" 2>/dev/null || gone="process $a"
		done
		if [ -n "$gone" ]; then
			echo "yep_slab: $gone went away: stopping the guest" >&2 || true
			kill "$qpid" 2>/dev/null || true
			return 0
		fi
	done 2>/dev/null
}

if [ -t 0 ]; then
	saved=$(stty -g)
	watchdog 1 <&0 &
	watch=$!
	trap 'kill "$watch" 2>/dev/null; rm -f "$pidfile"; stty "$saved" 2>/dev/null' EXIT
	timeout --foreground "$timeout_s" "${qemu[@]}"
else
	# The guest reads the console only once its shell is up: hold the
	# commands until QEMU has printed the ready line.
	fifo=$(mktemp -u)
	mkfifo "$fifo"
	watchdog 0 </dev/null &
	watch=$!
	trap 'kill "$watch" 2>/dev/null; rm -f "$fifo" "$pidfile"' EXIT
	exec 4<&0	# the commands, for the feeder below
	# shellcheck disable=SC2094 # QEMU reads the fifo, the feeder writes it
	timeout "$timeout_s" "${qemu[@]}" <"$fifo" | {
		exec 3>"$fifo"
		while IFS= read -r line; do
			printf '%s\n' "$line"
			case $line in
			*"$YEP_MARK yep_slab shell: ready"*) break ;;
			esac
		done
		{ cat; printf '\nexit\n'; } <&4 >&3 &
		cat
		wait
	}
fi
