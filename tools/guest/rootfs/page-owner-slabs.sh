#!/bin/sh
# shellcheck shell=dash source-path=SCRIPTDIR
# The page_owner records of yep_slab_cache's slabs, as the demo counts
# them (lib.sh: a record whose stack runs through new_slab and
# whose kmem_cache_alloc caller is in yep_slab.ko), for the transcript.
#
# Usage: sh /yep/page-owner-slabs.sh          "N slab records, M of order 3"
#        sh /yep/page-owner-slabs.sh first    the first such record, whole
set -eu
# shellcheck source=lib.sh
. /yep/lib.sh

cat /d/page_owner >/tmp/page_owner.all
if [ "${1:-}" = first ]; then
	page_owner_first /tmp/page_owner.all
	exit 0
fi
# shellcheck disable=SC2046 # the two numbers, split
set -- $(page_owner_lines /tmp/page_owner.all | page_owner_records count)
echo "$1 records of yep_slab_cache slabs, $2 of them order 3"
