#!/bin/bash
# make check: checkpatch --strict on every C file and the Kconfig, then the
# suite and the core built with sparse (C=2) and W=1 in the kunit build dir
# (make check builds it first), mypy --strict on every Python file of
# tools/ and shellcheck on every shell script (found by their first line,
# so that no file drops out when it moves).  Any finding fails the check.
# The demo module is built the same way against the demo kernel, if built.
#
# Usage: tools/check/check.sh TREE KUNIT_BUILD_DIR ARCH CCACHE DEMO_KBUILD
set -eu

tree=$1 build=$2 arch=$3 ccache=$4 demo=$5
top=$(cd "$(dirname "$0")/../.." && pwd -P)
cd "$top"
fail=0

mapfile -t files < <(git ls-files --cached --others --exclude-standard \
	'*.c' '*.h' Kconfig)
for f in "${files[@]}"; do
	if ! out=$("$tree/scripts/checkpatch.pl" --strict --no-tree --quiet \
			--show-types -f "$f" 2>&1); then
		printf '%s\n' "$out"
		fail=1
	fi
done
echo "check: checkpatch --strict: ${#files[@]} files"

if [ -f "$build/.config" ]; then
	log=$(mktemp)
	# Rebuild our objects only, with sparse on each and W=1 warnings.
	rm -f "$build"/mm/yep_slab/*.o "$build"/mm/yep_slab/*/*.o
	tools/lib/kmake.sh "$tree" "$build" "$arch" "$ccache" -s C=2 W=1 \
		mm/yep_slab/ >"$log" 2>&1 || fail=1
	if grep -E 'mm/yep_slab/.*(warning|error)' "$log"; then
		fail=1
	fi
	rm -f "$log"
	echo "check: sparse C=2 and W=1 on mm/yep_slab/ ($arch)"
else
	echo "check: no configured build in $build" >&2
	fail=1
fi

if [ -f "$demo/Module.symvers" ]; then
	# Twice: with mm/slab.h (the demo tree's), and from public interfaces
	# only, as against a headers package without it (module/Kbuild).
	for mm in '' /nonexistent; do
		log=$(mktemp)
		mod=$(mktemp -d)
		cp module/* "$mod/"
		tools/lib/kmake.sh "$tree" "$demo" arm64 "$ccache" -s C=2 W=1 \
			M="$mod" ${mm:+YEP_SLAB_MM=$mm} modules >"$log" 2>&1 ||
			fail=1
		if grep -E '(warning|error)' "$log"; then
			fail=1
		fi
		rm -rf "$log" "$mod"
		echo "check: sparse C=2 and W=1 on module/ (demo kernel${mm:+, public interfaces only})"
	done
else
	echo "check: no demo kernel in $demo: make demo-kernel for the module's sparse and W=1"
fi

# Every tracked or new file under tools/ and .ci/, by what it is.
mapfile -t tracked < <(git ls-files --cached --others --exclude-standard \
	tools .ci)
py=() sh=()
for f in "${tracked[@]}"; do
	case $f in
	*.py) py+=("$f") ;;
	*.mk | *.txt | *.config | *.ere | *.awk) ;;
	*)
		case $(head -n 1 "$f") in
		'#!/bin/bash'* | '#!/bin/sh'* | '# shellcheck shell='*) sh+=("$f") ;;
		esac
		;;
	esac
done
# sourced scripts without a #! line: the guest's lib.sh and the like
for f in "${tracked[@]}"; do
	case $f in
	*.sh)
		case " ${sh[*]} " in
		*" $f "*) ;;
		*) sh+=("$f") ;;
		esac
		;;
	esac
done
if command -v mypy >/dev/null; then
	mypy --strict --explicit-package-bases \
		--no-error-summary "${py[@]}" || fail=1
	echo "check: mypy --strict, ${#py[@]} files"
fi
if command -v shellcheck >/dev/null; then
	shellcheck -x "${sh[@]}" || fail=1
	echo "check: shellcheck, ${#sh[@]} files"
fi
[ "$fail" -eq 0 ] && echo "check: clean"
exit "$fail"
