# yep_slab guest helpers (busybox sh), sourced by demo.sh and test.sh.
# shellcheck shell=dash disable=SC2034

# The console's marker lines (yep_mark, yep_record).
# shellcheck source=tools/guest/rootfs/marks.sh
. /yep/marks.sh

YEP_KO=/yep/yep_slab.ko
YEP_SYS=/sys/kernel/yep_slab
YEP_CACHE=/sys/kernel/slab/yep_slab_cache
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
