#!/bin/bash
# make bench: wall times, in one go on this machine, of the tree's raw
# kunit.py run and of make kunit (each cold in a fresh build dir, rerun
# with no change, after touching the test file), of make quick after the
# same touch, and of make kunit cold again with a warm ccache.  Short
# steps take the median of three runs.  Prints a table with the ratio of
# ours to raw; keeps every log in BENCH_DIR.
#
# Usage: tools/bench.sh TREE BENCH_DIR
set -eu -o pipefail

tree=$1 dir=$2
top=$(cd "$(dirname "$0")/.." && pwd -P)
rm -rf "$dir"
mkdir -p "$dir"
export CCACHE_DIR=$dir/ccache		# starts empty: cold means cold
results=$dir/results.tsv
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

# timed NAME RUNS CMD...: the median of RUNS runs of CMD, recorded.
timed() {
	local name=$1 runs=$2 i
	shift 2
	echo "bench: $name ($runs run(s)) ..."
	for ((i = 0; i < runs; i++)); do
		[ "${BENCH_TOUCH:-0}" = 1 ] && touch_test
		once "$name.$i" "$@"
	done | sort -n | sed -n "$(((runs + 1) / 2))p" |
		xargs printf "%s\t%.1f\n" "$name" | tee -a "$results"
}

raw() {
	cd "$tree" && python3 tools/testing/kunit/kunit.py run --arch=arm64 \
		--cross_compile=aarch64-linux-gnu- --jobs="$(nproc)" \
		--build_dir="$dir/raw" --kunitconfig="$top/.kunitconfig" \
		--kernel_args=page_owner=on
}
ours() { make -C "$top" kunit KUNIT_DIR="$dir/ours$1"; }
quick() { make -C "$top" quick; }
touch_test() { touch "$top/kunit/yep_slab_kunit.c"; }

make -C "$top" quick-kernel >"$dir/quick-kernel.log" 2>&1	# one-time
timed raw_cold 1 raw
timed ours_cold 1 ours ""
timed raw_rerun 3 raw
timed ours_rerun 3 ours ""
BENCH_TOUCH=1 timed raw_touch 3 raw
BENCH_TOUCH=1 timed ours_touch 3 ours ""
BENCH_TOUCH=1 timed quick_touch 3 quick
timed ours_cold_warm_ccache 1 ours 2

python3 - "$results" <<'PY'
import sys
t = dict(line.split('\t') for line in open(sys.argv[1]).read().split('\n') if line)
t = {k: float(v) for k, v in t.items()}
rows = [
    ('cold build and run', 'raw_cold', 'ours_cold', 1.05),
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
