#!/bin/bash
# The tooling's own test: each bad knob must stop make before any work,
# with one line that names the value, exit status 2, and nothing written
# (BUILD and OUT point at folders that must not appear).  How long a
# refusal takes is printed, never judged: a bound belongs in make bench,
# and a loaded machine would fail it on a correct tree (10 s is only a
# guard against a hang).  Run by make check; prints TAP-like lines and a
# totals line.
#
# Usage: tools/check/knobs-test.sh
set -eu
cd "$(dirname "$0")/../.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

# try WORD GOAL KNOB...: make GOAL KNOB... must fail as described, with
# WORD in its one line.
try() {
	local word=$1 start rc=0 out lines
	shift
	start=$(date +%s%N)
	out=$(timeout 10 make --no-print-directory "$@" BUILD="$tmp/build" \
		OUT="$tmp/out" 2>&1) || rc=$?
	local ms=$((($(date +%s%N) - start) / 1000000))
	lines=$(printf '%s\n' "$out" | grep -c .)
	if [ "$rc" = 2 ] && [ "$lines" = 1 ] &&
		printf '%s' "$out" | grep -qF -- "$word" &&
		[ ! -e "$tmp/build" ] && [ ! -e "$tmp/out" ]; then
		echo "ok - make $* (${ms} ms): $out"
		passed=$((passed + 1))
	else
		echo "not ok - make $*: exit $rc, $lines line(s), ${ms} ms," \
			"wrote: $(find "$tmp" -mindepth 1 -maxdepth 1 -printf '%f ')"
		printf '%s\n' "$out" | sed 's/^/#   /' | head -n 5
		failed=$((failed + 1))
		rm -rf "${tmp:?}"/*
	fi
}

try ARCH=riscv5 kunit ARCH=riscv5
try ARCH=riscv64 kunit ARCH=riscv64
try ARCH=sparc test ARCH=sparc
try KVER=5.10 kunit KVER=5.10
try KVER=6.13 demo KVER=6.13
try "KDIR=$tmp" kunit KDIR="$tmp"
try KDIR=/nonexistent test KDIR=/nonexistent
try KERNEL=debian-5.10 demo KERNEL=debian-5.10
try KERNEL=debian-6.12-64k demo-test KERNEL=debian-6.12-64k
try "make kunit" kunit KERNEL=debian-6.12
try "no kernel debian-9" demo-compare COMPARE_KERNELS="debian-6.12 debian-9"
try "KDIR=$tmp" module KDIR="$tmp"
try RELEASE=buster fresh-root RELEASE=buster
try CCACHE=maybe demo KVER=6.1 CCACHE=maybe
try CCACHE=2 kunit CCACHE=2
try "no row nosuchrow" matrix ROWS="arm64-6.12 nosuchrow"
try "make quick" quick ARCH=x86_64
try "KVER=6.1" quick KVER=6.1
try "make demo" demo ARCH=arm
try "make demo-test" demo-test ARCH=um
try "make shell" shell ARCH=x86_64
try "make demo-compare" demo-compare ARCH=riscv
try "PATCH_KVERS=6.1" patch PATCH_KVERS=6.1
try "PATCH_KVERS=6.12 7.3" patch-test PATCH_KVERS="6.12 7.3"
try "make patch-test" patch-test ARCH=x86_64
try "make test" test ARCH=x86_64
try "make quick-kernel" quick-kernel ARCH=riscv
try "make mutants" mutants ARCH=x86_64
try "KVER=6.1" mutants KVER=6.1
try KVER=6.13 mutants KVER=6.13
try "MUTANTS=$tmp" mutants KVER=7.3 MUTANTS="$tmp"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
