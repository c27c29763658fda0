# yep_slab guest helpers (busybox sh), sourced by demo.sh and test.sh.
# shellcheck shell=dash disable=SC2034

# The console's marker lines (yep_mark, yep_record).
# shellcheck source=tools/guest/rootfs/marks.sh
. /yep/marks.sh

YEP_KO=/yep/yep_slab.ko
YEP_SYS=/sys/kernel/yep_slab
YEP_CACHE=/sys/kernel/slab/yep_slab_cache
# The module's map of the cache's slabs (where/ is its totals) and tracefs.
YEP_SLABS=/d/yep_slab/slabs
YEP_TRACE=/sys/kernel/tracing
# The seed's numbers (tools/demo/seed.txt) and what a clean kernel log
# never holds (tools/lib/kernel-log-reports.ere), packed beside us.
YEP_SEED=/yep/seed.txt
YEP_LOG_REPORTS=/yep/kernel-log-reports.ere

# seed KEY: the fields of each "KEY ..." line of the seed's numbers.
seed() {
	awk -v k="$1" '$1 == k { $1 = ""; print substr($0, 2) }' "$YEP_SEED"
}

# page_kb: the kernel's page size in KiB (KernelPageSize of this shell's
# mappings); the seed's layout is one of 4 KiB pages.
page_kb() {
	local kb
	kb=$(awk '/^KernelPageSize:/ { print $2; exit }' /proc/self/smaps 2>/dev/null)
	echo "${kb:-4}"
}

# slabinfo: the cache's /proc/slabinfo line, empty when there is none.
slabinfo() {
	grep '^yep_slab_cache ' /proc/slabinfo || true
}

# slab_field N: field N of the slabinfo line (2 active_objs, 3 num_objs,
# 4 objsize, 5 objperslab, 6 pagesperslab, 14 active_slabs, 15 num_slabs).
slab_field() {
	slabinfo | awk -v n="$1" '{ print $n }'
}

# status NAME: one value of /sys/kernel/yep_slab/status.
status() {
	awk -v k="$1" '$1 == k { print $2 }' "$YEP_SYS/status"
}

# write_attr VALUE FILE: writes VALUE (no newline added: put one in VALUE)
# in one write and prints OK or the error the write got, as strerror()
# words it.  busybox's echo reports a failed write; its printf does not.
write_attr() {
	local err
	if err=$( { echo -n "$1" >"$2"; } 2>&1 ); then
		echo OK
	else
		echo "${err##*: }"
	fi
}

# page_owner_lines: the lines of /d/page_owner that say whose a record is:
# its first line, the slab allocator's frames, and each kmem_cache_alloc
# frame with the frame below it (its caller).  grep -F reads the file once,
# much quicker than awk on all of it.
# page_owner_lines FILE: FILE is a copy of /d/page_owner made by cat
# (page_owner refuses a read too small for a record; cat's are big).
page_owner_lines() {
	grep -F -A1 -e 'Page allocated via order' -e allocate_slab \
		-e new_slab -e ' kmem_cache_alloc' "$1"
}

# A record is a slab of yep_slab_cache when its stack runs through
# allocate_slab/new_slab and kmem_cache_alloc was called straight from
# yep_slab.ko: the module calls kmem_cache_alloc() on its own cache only
# (its other allocations, kvmalloc and xarray nodes, come through other
# functions).  Only the innermost kmem_cache_alloc frame is the one that
# took the slab: a kmemleak object slab taken inside our allocation has
# kmemleak's kmem_cache_alloc below ours, and is not ours.  what=count prints "RECORDS ORDER3"; what=first prints the
# first such record whole.
# shellcheck disable=SC2016 # awk's own variables
PAGE_OWNER_AWK='
function flush() {
	if (!(slab && ours))
		return
	n++
	if (order == 3)
		o3++
	if (what == "first") {
		printf "%s", text
		done = 1
		exit
	}
}
/^Page allocated via order/ {
	flush()
	slab = 0; ours = 0; caller = 0; allocs = 0; order = $5 + 0; text = ""
}
{ text = text $0 "\n" }
caller && /\[yep_slab\]/ { ours = 1 }
{ caller = 0 }
/allocate_slab|new_slab/ { slab = 1 }
/^ *kmem_cache_alloc(_noprof)?\+/ { caller = !allocs++ }
END {
	if (!done)
		flush()
	if (what == "count")
		print n + 0, o3 + 0
}'

# page_owner_records [count]: reads page_owner_lines on stdin.
page_owner_records() {
	awk -v what="${1:-count}" "$PAGE_OWNER_AWK"
}

# page_owner_first FILE: the first whole record of a yep_slab_cache slab
# in FILE, a copy of /d/page_owner.
page_owner_first() {
	awk -v what=first "$PAGE_OWNER_AWK" "$1"
}

# page_owner_count: "RECORDS ORDER3" of the slabs of yep_slab_cache now.
page_owner_count() {
	cat /d/page_owner >/tmp/page_owner
	page_owner_lines /tmp/page_owner | page_owner_records count
}

# where_line: where/'s files as one line, "held:1 sheaves:3 ...", or "-"
# when the module cannot walk the cache (built without mm/slub.c).
where_line() {
	if [ -d "$YEP_SYS/where" ]; then
		(cd "$YEP_SYS/where" && grep . ./* | sed 's|^\./||' | tr '\n' ' ')
	else
		echo -n -
	fi
}

# slab_order: the page order of the cache's slabs, from /proc/slabinfo's
# pagesperslab (the module's status may say "unavailable").
slab_order() {
	slabinfo | awk '{ o = 0; for (p = 1; p < $6; p *= 2) o++; print o }'
}

# have_trace: the kmem page tracepoints are there (CONFIG_EVENT_TRACING;
# the guest's /init mounts tracefs).
have_trace() {
	[ -d "$YEP_TRACE/events/kmem/mm_page_alloc" ]
}

# slab_pfns: the pfns of the cache's slabs now, one a line (debugfs map).
slab_pfns() {
	grep -v '^#' "$YEP_SLABS" 2>/dev/null | awk '{ print $1 }'
}

# The SLUB functions a step's path is read from, as a reader of mm/slub.c
# meets them (6.x and 7.x; each kernel has some), each taking the cache
# as its first argument (the barn's functions take the barn: not here);
# path_setup probes each the kernel has as a symbol of its own name (not
# inlined; a .part or .constprop clone may take other arguments),
# keeping the calls whose first argument is yep_slab_cache.
YEP_PATH_FUNCS="kmem_cache_alloc_noprof kmem_cache_alloc alloc_from_pcs
__pcs_replace_empty_main refill_sheaf refill_objects ___slab_alloc
get_partial_node get_partial alloc_from_new_slab new_slab allocate_slab
kmem_cache_free free_to_pcs __pcs_replace_full_main free_to_partial_list
__slab_free put_cpu_partial __put_partials deactivate_slab discard_slab
flush_all pcs_flush_all sheaf_flush_main sheaf_flush_unused
__kmem_cache_do_shrink"

# path_setup: defines the kprobe events yep/FUNCTION (tracefs); fails
# without kprobe events or the module's name_offset (debugfs).
path_setup() {
	local off f
	[ -w "$YEP_TRACE/kprobe_events" ] || return 1
	off=$(cat /d/yep_slab/name_offset 2>/dev/null) || return 1
	[ "${off:-0}" != 0 ] || return 1
	awk -v want="$YEP_PATH_FUNCS" '
	BEGIN { n = split(want, w); for (i = 1; i <= n; i++) f[w[i]] = 1 }
	$2 ~ /^[tT]$/ && NF == 3 && ($3 in f) && !($3 in seen) {
		seen[$3] = 1
		print $3
	}' /proc/kallsyms >/tmp/path.syms
	while read -r f; do
		echo "p:yep/$f $f name=+0(+$off(%x0)):string" \
			>>"$YEP_TRACE/kprobe_events" 2>/dev/null || continue
		echo 'name == "yep_slab_cache"' \
			>"$YEP_TRACE/events/yep/$f/filter"
	done </tmp/path.syms
	[ -d "$YEP_TRACE/events/yep" ]
}

# path_of TRACE: the yep/ events in TRACE, "FUNCTION:CALLS,..." in the
# order of their first call; "-" for none.
path_of() {
	awk '/name="yep_slab_cache"/ && match($0, / [A-Za-z0-9_]+: \(/) {
		f = substr($0, RSTART + 1, RLENGTH - 4)
		if (!(f in n)) order[++k] = f
		n[f]++
	}
	END {
		for (i = 1; i <= k; i++)
			printf "%s%s:%d", (i > 1 ? "," : ""), order[i], n[order[i]]
		if (!k) printf "-"
		print ""
	}' "$1"
}

# path_words PATH: path_of's "f:3,g:1" as a person reads it, "f x3, g x1".
path_words() {
	echo "$1" | sed 's/:/ x/g; s/,/, /g'
}

# buddy_begin ORDER [stack]: from now on, trace the pages of ORDER the
# buddy allocator gives (kmem:mm_page_alloc) and takes back
# (kmem:mm_page_free), with the stack of each page given for "stack",
# and the path's functions where path_setup defined them; the cache's
# slabs now are kept to compare.
buddy_begin() {
	local ev
	slab_pfns >/tmp/slabs.before
	echo 0 >"$YEP_TRACE/tracing_on"
	echo >"$YEP_TRACE/trace"
	for ev in mm_page_alloc mm_page_free; do
		echo "order == $1" >"$YEP_TRACE/events/kmem/$ev/filter"
		echo 1 >"$YEP_TRACE/events/kmem/$ev/enable"
	done
	if [ "${2:-}" = stack ]; then
		echo "stacktrace if order == $1" \
			>"$YEP_TRACE/events/kmem/mm_page_alloc/trigger"
	fi
	[ ! -d "$YEP_TRACE/events/yep" ] || echo 1 >"$YEP_TRACE/events/yep/enable"
	echo 1 >"$YEP_TRACE/tracing_on"
}

# buddy_end: stops the trace (a copy stays in /tmp/trace) and prints
# "GOT BACK NEW GONE": the pages the trace saw given to the cache's new
# slabs and taken back from its slabs gone, and the slabs new and gone by
# the module's map.  The demo checks GOT == NEW and BACK == GONE.
buddy_end() {
	local ev
	echo 0 >"$YEP_TRACE/tracing_on"
	for ev in mm_page_alloc mm_page_free; do
		echo 0 >"$YEP_TRACE/events/kmem/$ev/enable"
	done
	[ ! -d "$YEP_TRACE/events/yep" ] || echo 0 >"$YEP_TRACE/events/yep/enable"
	echo '!stacktrace' >"$YEP_TRACE/events/kmem/mm_page_alloc/trigger" \
		2>/dev/null || true
	cat "$YEP_TRACE/trace" >/tmp/trace
	slab_pfns >/tmp/slabs.after
	awk '
	function pfn() {
		match($0, /pfn=0x[0-9a-f]+/)
		return substr($0, RSTART + 4, RLENGTH - 4)
	}
	FILENAME == "/tmp/slabs.before" { before[$1] = 1; next }
	FILENAME == "/tmp/slabs.after" { after[$1] = 1; next }
	/ mm_page_alloc: / { given[pfn()] = 1 }
	/ mm_page_free: / { taken[pfn()] = 1 }
	END {
		for (p in after)
			if (!(p in before)) { new++; if (p in given) got++ }
		for (p in before)
			if (!(p in after)) { gone++; if (p in taken) back++ }
		print got + 0, back + 0, new + 0, gone + 0
	}' /tmp/slabs.before /tmp/slabs.after /tmp/trace
}
