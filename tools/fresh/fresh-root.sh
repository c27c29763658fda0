#!/bin/bash
# make fresh-root: the README's commands on a fresh Debian machine.  A new
# root of RELEASE under BUILD/roots/ (tools/lib/root.sh: mmdebstrap,
# Debian's packages only, nothing installed outside it, the machine's apt
# configuration untouched) with git and make, and the suites Debian's
# installer lists (RELEASE, -updates, -security), as a new user's machine
# has; this checkout's HEAD cloned into it as /root/yep_slab; then the
# commands of README.md's "Run it" block run there, one after the other,
# as root in a chroot (/proc, /sys and /dev bound, unbound however it
# ends).  Ends with the last command's totals line and the wall time.
#
# Usage: tools/fresh/fresh-root.sh RELEASE ROOT LOG [COMMAND...]
#        tools/fresh/fresh-root.sh --here LOG
#
# COMMAND...: run instead of the README's (a short check of this tool).
# --here: the README's commands in this checkout on this machine, for a
# machine that is fresh already (CI's debian:bookworm and debian:trixie
# containers, .github/workflows/kunit-matrix.yml).
# The whole console goes to LOG.  The root is made anew on every run and
# left in place for a look afterwards (make distclean removes it).
set -eu

here='' place=root
if [ "${1:-}" = --here ]; then
	here=1 place=machine release=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
	root=/ log=$(realpath -m "$2")
	shift 2
else
	release=$1 root=$(realpath -m "$2") log=$(realpath -m "$3")
	shift 3
fi
top=$(cd "$(dirname "$0")/../.." && pwd -P)
lib=$top/tools/lib

# The README's commands: the lines of the first ```sh block after
# "## Run it", comments dropped.
readme_commands() {
	awk '/^## Run it/ { on = 1 } on && /^```sh/ { block = 1; next }
		block && /^```/ { exit } block { sub(/ *#.*/, ""); if (NF) print }' \
		"$top/README.md"
}
cmds=()
if [ $# -gt 0 ]; then
	cmds=("$@")
else
	while IFS= read -r c; do
		cmds+=("$c")
	done < <(readme_commands)
fi
[ ${#cmds[@]} -gt 0 ] || {
	echo "yep_slab: no commands in README.md's \"Run it\" block" >&2
	exit 1
}

mkdir -p "$(dirname "$log")"
: >"$log"
start=$SECONDS
if [ -z "$here" ]; then
	head=$(git -C "$top" rev-parse HEAD)
	[ -z "$(git -C "$top" status --porcelain --untracked-files=no)" ] ||
		echo "yep_slab: the checkout has uncommitted changes: the fresh root gets HEAD ($head) without them"
	# A fresh root every time: what a previous run installed is gone.
	rm -f "$root/.yep_slab_root"
	"$lib/root.sh" make --as-installed "$release" "$root" git make \
		ca-certificates
	# The machine's name resolution, as a new machine has its own.
	cp -L /etc/resolv.conf "$root/etc/resolv.conf"
	git clone -q --no-local "$top" "$root/root/yep_slab"
	git -C "$root/root/yep_slab" checkout -q --detach "$head"
	echo "yep_slab: $head cloned into $root/root/yep_slab; console in $log"
fi

# run COMMAND: in the root's clone, or here.
run() {
	if [ -n "$here" ]; then
		(cd "$top" && /bin/sh -c "$1")
	else
		"$lib/root.sh" run "$root" --cwd /root/yep_slab -- /bin/sh -c "$1"
	fi
}

rc=0
for c in "${cmds[@]}"; do
	echo "yep_slab: [Debian $release $place, $(date -u +%H:%M)] $c"
	if ! run "$c" >>"$log" 2>&1; then
		echo "yep_slab: $c failed in the Debian $release $place (tail of $log):" >&2
		tail -n 5 "$log" >&2
		rc=1
		break
	fi
	tail -n 1 "$log"
done
secs=$((SECONDS - start))
echo "yep_slab: fresh Debian $release $place: ${cmds[*]}: $((secs / 60)) min $((secs % 60)) s"
exit $rc
