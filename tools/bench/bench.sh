#!/bin/bash
# make bench: wall times, in one go on this machine, of the tree's raw
# kunit.py run and of make kunit (each cold in a fresh build dir, rerun
# with no change, after touching the test file), of make quick after the
# same touch, and of make kunit cold again with a warm ccache.  Cold
# builds run twice each, in the order raw, ours, ours, raw, each of ours
# with an empty ccache (one run can differ from the next by a tenth
# here); short steps take the median of five, raw and ours in turn.
# Prints a table with the ratio of ours to raw; keeps every log in
# BENCH_DIR.
#
# Usage: tools/bench/bench.sh TREE BENCH_DIR [FRAGMENT...]
# (FRAGMENT: a kconfig fragment make kunit adds beyond the arch's own.)
set -eu -o pipefail

tree=$1 dir=$2
shift 2
top=$(cd "$(dirname "$0")/../.." && pwd -P)
cross=$("$top/tools/lib/kmake.sh" --cross arm64)
rm -rf "$dir"
mkdir -p "$dir"
export CCACHE_DIR=$dir/ccache0	# starts empty: cold means cold
results=$dir/results.tsv
# What make kunit adds to kunit.py's config (run_kunit.kconfig_adds():
# arch.txt's fragments for arm64 and the ones given), so that raw builds
# the same kernel and both sides time the same compile.
mapfile -t adds < <(cd "$top" && python3 -c '
import sys
from tools.kunit.run_kunit import kconfig_adds
print("\n".join(kconfig_adds("arm64", sys.argv[1:])))' "$@")
: >"$results"

# once NAME CMD...: runs CMD, logs it to NAME.log, prints the seconds.
once() {
	local name=$1 start end
	shift
	start=$(date +%s.%N)
	"$@" >"$dir/$name.log" 2>&1 || { echo "bench: $name failed, see $dir/$name.log" >&2; exit 1; }
	end=$(date +%s.%N)
	echo "$end - $start" | bc
}

# record NAME RUNS: the median of the RUNS times on stdin, recorded as NAME.
record() {
	sort -n | sed -n "$((($2 + 1) / 2))p" |
		xargs printf "%s\t%.1f\n" "$1" | tee -a "$results"
}

# timed NAME CMD...: one run of CMD, recorded.
timed() {
	local name=$1 t
	shift
	echo "bench: $name ..."
	t=$(once "$name.0" "$@")
	echo "$t" | record "$name" 1
}

# rounds RUNS TOUCH NAME=FUNC...: RUNS rounds, each running every FUNC
# once in turn (after touching the test file if TOUCH is 1), so that the
# machine's drift hits all alike; records the median of each NAME.
rounds() {
	local runs=$1 touch=$2 i spec t
	shift 2
	echo "bench: $* ($runs rounds) ..."
	for ((i = 0; i < runs; i++)); do
		for spec; do
			[ "$touch" = 1 ] && touch_test
			t=$(once "${spec%%=*}.$i" "${spec#*=}")
			printf "%s\t%s\n" "${spec%%=*}" "$t"
		done
	done >"$dir/rounds.tsv"
	for spec; do
		grep "^${spec%%=*}	" "$dir/rounds.tsv" | cut -f2 |
			record "${spec%%=*}" "$runs"
	done
}

raw() {
	cd "$tree" && python3 tools/testing/kunit/kunit.py run --arch=arm64 \
		--cross_compile="$cross" --jobs="$(nproc)" \
		--build_dir="$dir/raw$1" --kunitconfig="$top/.kunitconfig" \
		--kernel_args=page_owner=on "${adds[@]}"
}
ours() { make -C "$top" kunit KUNIT_DIR="$dir/ours$1"; }
raw0() { raw 0; }
ours0() { ours 0; }
quick() { make -C "$top" quick; }
touch_test() { touch "$top/kunit/yep_slab_kunit.c"; }

# One-time, and in a cache of its own: it must not warm ours_cold's.
CCACHE_DIR=$dir/ccache-quick make -C "$top" quick-kernel \
	>"$dir/quick-kernel.log" 2>&1
# Raw, ours, ours, raw: a steady drift of the machine's speed cancels in
# the pooled ratio instead of landing on one side.
timed raw_cold0 raw 0
CCACHE_DIR=$dir/ccache0 timed ours_cold0 ours 0
CCACHE_DIR=$dir/ccache1 timed ours_cold1 ours 1
timed raw_cold1 raw 1
rounds 5 0 raw_rerun=raw0 ours_rerun=ours0
rounds 5 1 raw_touch=raw0 ours_touch=ours0 quick_touch=quick
timed ours_cold_warm_ccache ours 2

python3 - "$results" <<'PY'
import sys
t = dict(line.split('\t') for line in open(sys.argv[1]).read().split('\n') if line)
t = {k: float(v) for k, v in t.items()}
# Cold: both pairs pooled (sum of ours over sum of raw); each pair shown.
for k in ('raw_cold', 'ours_cold'):
    t[k] = (t[k + '0'] + t[k + '1']) / 2
rows = [
    ('cold build and run, 1st pair', 'raw_cold0', 'ours_cold0', 1.05),
    ('cold build and run, 2nd pair', 'raw_cold1', 'ours_cold1', 1.05),
    ('cold build and run, both', 'raw_cold', 'ours_cold', 1.05),
    ('rerun, nothing changed', 'raw_rerun', 'ours_rerun', 1.1),
    ('test file touched', 'raw_touch', 'ours_touch', 1.1),
    ('test file touched, make quick', 'raw_touch', 'quick_touch', 0.5),
    ('cold, warm ccache (make kunit)', 'ours_cold', 'ours_cold_warm_ccache', 0.4),
]
print(f"{'step':34} {'raw s':>8} {'ours s':>8} {'ratio':>6} {'target':>7}")
for name, raw, ours, target in rows:
    ratio = t[ours] / t[raw]
    mark = 'ok' if ratio <= target else 'MISSED'
    print(f'{name:34} {t[raw]:8.1f} {t[ours]:8.1f} {ratio:6.2f} <={target:<5} {mark}')
PY
