#!/bin/sh
# shellcheck shell=dash source-path=SCRIPTDIR
# yep_slab demo, run in the guest: the seed walkthrough, step by step.
# Prints what a person would type and see, and one step record
# (marks.sh) a step for tools/demo/report.py.  busybox sh (no bash in the guest).
set -eu
# shellcheck source=lib.sh
. /yep/lib.sh

requested=0
buddy="- - - -"
path=-

# show CMD...: echo the command as typed, run it, show its output.
show() {
	echo "# $*"
	sh -c "$*" 2>&1 || true
}

# show_cut N CMD: as show, but only the first N lines of what CMD
# printed, then how many more there were.
show_cut() {
	local n=$1 total
	shift
	echo "# $*"
	sh -c "$*" >/tmp/show_cut 2>&1 || true
	head -n "$n" /tmp/show_cut
	total=$(wc -l </tmp/show_cut)
	if [ "$total" -gt "$n" ]; then
		echo "... $((total - n)) more lines"
	fi
}

# kernel_says: the kernel's messages since the last call.
kernel_says() {
	dmesg -c | sed 's/^/    /'
}

# step NAME PAGE_OWNER: slabinfo, status and the machine-readable line.
step() {
	local name=$1 po="- -"

	show 'cat /proc/slabinfo | grep yep_slab_cache'
	show "cat $YEP_SYS/status | tr '\n' ' '; echo"
	if [ -d "$YEP_SYS/where" ]; then
		show "cd $YEP_SYS/where && grep . * | tr '\n' ' '; echo"
	fi
	if [ "${2:-}" = po ] && [ -z "$have_po" ]; then
		po="none none"
	elif [ "${2:-}" = po ]; then
		cat /d/page_owner >/tmp/page_owner
		page_owner_lines /tmp/page_owner >/tmp/page_owner.lines
		po=$(page_owner_records </tmp/page_owner.lines)
	fi
	# shellcheck disable=SC2046 # the fields, split
	set -- $(slabinfo) x x x x x x x x x x x x x x x
	yep_record step "name=$name requested=$requested active=$2 num=$3" \
		"objsize=$4 perslab=$5 pages=$6 aslabs=${14} nslabs=${15}" \
		"held=$(status held) slabs=$(status slabs)" \
		"size=$(status size) order=$(status order)" \
		"layer=$(status layer) cap=$(status sheaf_capacity)" \
		"mact=$(status model_active)" \
		"mslabs=$(status model_slabs)" \
		"min_partial=$(cat "$YEP_CACHE"/min_partial)" \
		"po=${po% *} po3=${po#* }" \
		"where=$(where_line | tr ' ' ',')" \
		"buddy=$(echo "$buddy" | tr ' ' ',')" "path=$path"
	buddy="- - - -"
	path=-
}

# traced CMD [stack]: shows CMD run with the buddy allocator's pages of
# the cache's order traced around it (buddy_begin), the trace's events
# and what they were: pages given to the cache's new slabs and taken back
# from its slabs gone, as the module's map of its slabs tells.
traced() {
	local stack=${2:-}
	if [ -z "$have_trace" ] || [ ! -r "$YEP_SLABS" ]; then
		show "$1"
		return
	fi
	buddy_begin "$order" "$stack"
	show "$1"
	buddy=$(buddy_end)
	if [ -n "$have_path" ]; then
		path=$(path_of /tmp/trace)
		show_cut 3 "grep yep_slab_cache $YEP_TRACE/trace"
		echo "## SLUB's functions this cache's calls ran through, in order, and how often: $(path_words "$path")"
	fi
	show_cut 3 "grep -E 'mm_page_(alloc|free):' $YEP_TRACE/trace"
	# shellcheck disable=SC2086 # the four numbers, split
	set -- $buddy
	echo "## buddy allocator, order-$order pages: $1 given to the cache's new slabs ($3 new), $2 taken back from its slabs gone ($4 gone)"
	if [ "$stack" = stack ]; then
		echo "## the first page's stack, from the allocator to the module's store:"
		show "awk '/<stack trace>/ { on = 1 } on { print } on && /alloc_store/ { exit }' $YEP_TRACE/trace"
	fi
}

# slab_map STEP: the module's map of the slabs, one row a slab, one
# cell an object, shown and recorded for the picture (tools/demo/where.py).
slab_map() {
	[ -r "$YEP_SLABS" ] || return 0
	show "cat $YEP_SLABS"
	grep -v '^#' "$YEP_SLABS" | while read -r pfn ord list where objs inuse cells; do
		yep_record slab "step=$1 pfn=$pfn order=$ord list=$list" \
			"where=$where objects=$objs inuse=$inuse cells=$cells"
	done
}

# alloc N: the seed's "echo N > /sys/kernel/yep_slab/alloc".
alloc() {
	traced "echo $1 > $YEP_SYS/alloc" "${3:-}"
	requested=$((requested + $1))
	kernel_says
	step "alloc$1" "${2:-}"
}

# page_owner: not in every kernel (Debian's have no CONFIG_PAGE_OWNER);
# the kmem page tracepoints are in Debian's and ours.
have_po=
[ -r /d/page_owner ] && have_po=1
have_trace=
have_trace && have_trace=1
# Which kernel: its release, its build line (PREEMPT_RT shows there), its
# page size.
yep_record kernel "release=$(uname -r) page_kb=$(page_kb)" \
	"version=$(uname -v | tr ' ' '_')"
yep_mark begin demo
echo "# uname -rv"
uname -rv
echo "# cat /proc/cmdline"
cat /proc/cmdline
dmesg -c >/dev/null
show "insmod $YEP_KO"
kernel_says
order=$(slab_order)
have_path=
if [ -n "$have_trace" ] && path_setup; then
	have_path=1
	echo "## SLUB's path: kprobe events on the functions of mm/slub.c this kernel has as symbols:"
	show "cut -d' ' -f1,2 $YEP_TRACE/kprobe_events | tr '\n' ' '; echo"
fi
if [ -n "$have_trace" ] && [ -r "$YEP_SLABS" ]; then
	echo "## the buddy allocator's side: kmem:mm_page_alloc and mm_page_free of order $order, traced around each step"
elif [ -z "$have_trace" ]; then
	echo "## kmem page tracepoints: not in this kernel (no CONFIG_EVENT_TRACING)"
else
	echo "## the module's map of slabs: not in this build (no mm/slab.h or mm/slub.c)"
fi
step insmod

# The seed's steps (/yep/seed.txt); page_owner read after the first and
# the last, and the first slab's whole record shown.
allocs=$(seed step | awk '$1 != 0 { print $1 }')
steps=$(echo "$allocs" | wc -l)
i=0
for n in $allocs; do
	i=$((i + 1))
	if [ "$i" = 1 ]; then
		alloc "$n" po stack
		if [ -n "$have_po" ]; then
			show "sh /yep/page-owner-slabs.sh first"
		fi
	elif [ "$i" = "$steps" ]; then
		alloc "$n" po
		slab_map "alloc$n"
	else
		alloc "$n"
	fi
done
# The seed's own command.  It prints more lines than there are slabs:
# each slab's record names three frames of the module (yep_slab_hold,
# yep_slab_hold_many, alloc_store), and the module's other allocations
# (its array of held objects, xarray nodes) have records of their own.
if [ -n "$have_po" ]; then
	show_cut 12 "cat /d/page_owner | grep yep"
	echo "## (more lines than slabs: a slab's record names three frames of the"
	echo "## module, and the module's own bookkeeping allocations have records too;"
	echo "## the count of slab records, by the stack through new_slab:)"
	show "sh /yep/page-owner-slabs.sh"
else
	echo "## page_owner: not in this kernel (no CONFIG_PAGE_OWNER, no /d/page_owner)"
fi

traced "echo 1 > $YEP_SYS/free"
requested=0
kernel_says
step free
slab_map free

traced "echo 1 > $YEP_CACHE/shrink"
step shrink po

show "rmmod yep_slab"
kernel_says
show "ls $YEP_SYS"
yep_mark end demo

# The staircase, for the plot: a fresh cache, one allocation at a time
# from 0 to 64 objects held, /proc/slabinfo and status after each.  Not in
# the transcript (machine-readable lines only).
insmod "$YEP_KO"
dmesg -c >/dev/null
n=0
while [ "$n" -le 64 ]; do
	[ "$n" -gt 0 ] && echo 1 >"$YEP_SYS/alloc"
	# shellcheck disable=SC2046 # the fields, split
	set -- $(slabinfo) x x x x x x x x x x x x x x x
	yep_record walk "n=$n active=$2 num=$3 perslab=$5 nslabs=${15}" \
		"slabs=$(status slabs) mact=$(status model_active)" \
		"mslabs=$(status model_slabs) layer=$(status layer)" \
		"cap=$(status sheaf_capacity)"
	n=$((n + 1))
done
rmmod yep_slab
