#!/bin/bash
# make check: checkpatch --strict on every C file and the Kconfig, then the
# suite and the core built with sparse (C=2) and W=1 in the kunit build dir,
# mypy --strict on tools/*.py and shellcheck on every shell script.  Any
# finding fails the check.
# The demo module is built the same way against the demo kernel, if built.
# Usage: tools/check.sh TREE KUNIT_BUILD_DIR ARCH CROSS_COMPILE DEMO_KBUILD
set -eu

tree=$1 build=$2 arch=$3 cross=$4 demo=$5
top=$(cd "$(dirname "$0")/.." && pwd -P)
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
	make -s -C "$tree" O="$build" ARCH="$arch" CROSS_COMPILE="$cross" \
		C=2 W=1 mm/yep_slab/ >"$log" 2>&1 || fail=1
	if grep -E 'mm/yep_slab/.*(warning|error)' "$log"; then
		fail=1
	fi
	rm -f "$log"
	echo "check: sparse C=2 and W=1 on mm/yep_slab/ ($arch)"
else
	echo "check: no configured build in $build: run make test first for sparse and W=1" >&2
	fail=1
fi

if [ -f "$demo/Module.symvers" ]; then
	log=$(mktemp)
	mod=$(mktemp -d)
	cp module/Kbuild module/*.[ch] "$mod/"
	make -s -C "$tree" O="$demo" ARCH=arm64 \
		CROSS_COMPILE=aarch64-linux-gnu- C=2 W=1 M="$mod" modules \
		>"$log" 2>&1 || fail=1
	if grep -E '(warning|error)' "$log"; then
		fail=1
	fi
	rm -rf "$log" "$mod"
	echo "check: sparse C=2 and W=1 on module/ (demo kernel)"
else
	echo "check: no demo kernel in $demo: run make demo for the module's sparse and W=1" >&2
fi

if command -v mypy >/dev/null; then
	mypy --strict --no-error-summary tools/*.py tools/patch/*.py || fail=1
	echo "check: mypy --strict tools/*.py tools/patch/*.py"
fi
if command -v shellcheck >/dev/null; then
	shellcheck tools/*.sh tools/patch/*.sh tools/ccache-cc tools/guest/*.sh \
		tools/guest/init .ci/run || fail=1
	echo "check: shellcheck"
fi
[ "$fail" -eq 0 ] && echo "check: clean"
exit "$fail"
