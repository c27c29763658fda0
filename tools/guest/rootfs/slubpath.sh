#!/bin/sh
# shellcheck shell=dash source-path=SCRIPTDIR
# slubpath 'COMMAND' (make shell's guest command): runs COMMAND and says
# what SLUB did for yep_slab_cache meanwhile: the functions of mm/slub.c
# its calls ran through (kprobe events, in the order of their first call,
# and how often), the order-N pages the buddy allocator gave its new slabs
# and took back from its slabs gone (kmem page tracepoints), and where its
# objects were before and after (/sys/kernel/yep_slab/where/).
#
# Usage: slubpath 'echo 1 > /sys/kernel/yep_slab/alloc'
set -u
# shellcheck source=lib.sh
. /yep/lib.sh

if [ $# != 1 ]; then
	echo "usage: slubpath 'COMMAND'   e.g. slubpath 'echo 1 > $YEP_SYS/alloc'" >&2
	exit 2
fi
if ! have_trace; then
	echo "slubpath: no kmem tracepoints in this kernel (CONFIG_EVENT_TRACING)" >&2
	exit 1
fi
if [ ! -r "$YEP_SLABS" ]; then
	echo "slubpath: no map of the cache's slabs: insmod yep_slab.ko first (a module built with mm/slab.h and mm/slub.c)" >&2
	exit 1
fi
if [ ! -d "$YEP_TRACE/events/yep" ] && ! path_setup; then
	echo "slubpath: no kprobe events in this kernel: the buddy allocator's pages only" >&2
fi
before=$(where_line)
order=$(slab_order)
buddy_begin "$order"
sh -c "$1"
rc=$?
# shellcheck disable=SC2046 # the four numbers, split
set -- $(buddy_end)
echo "slubpath: SLUB's functions, this cache's calls: $(path_words "$(path_of /tmp/trace)")"
echo "slubpath: buddy allocator, order-$order pages: $1 given to the cache's new slabs, $2 taken back from its slabs gone"
echo "slubpath: where before: $before"
echo "slubpath: where after:  $(where_line)"
exit $rc
