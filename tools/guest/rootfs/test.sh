#!/bin/sh
# shellcheck shell=dash source-path=SCRIPTDIR
# yep_slab.ko's tests, run in the guest; results as KTAP on the console,
# between the marks "begin test" and "end test" (marks.sh), for
# tools/guest/console_ktap.py.
#
# busybox sh.  No set -e: a probe that fails must fail its case, not end
# the run before the plan is complete.
set -u
# shellcheck source=lib.sh
. /yep/lib.sh

NL='
'
FAILS=0
SKIP=
CASE_NO=0

diag() {
	echo "    # $CASE: $*"
}

# expect WHAT GOT WANT
expect() {
	if [ "$2" = "$3" ]; then
		diag "$1: $2"
	else
		diag "$1: got '$2', want '$3'"
		FAILS=$((FAILS + 1))
	fi
}

# expect_le WHAT GOT MAX
expect_le() {
	if [ -n "$2" ] && [ "$2" -le "$3" ]; then
		diag "$1: $2 (at most $3)"
	else
		diag "$1: got '$2', want at most $3"
		FAILS=$((FAILS + 1))
	fi
}

skip() {
	SKIP=$*
}

loaded() {
	grep -q '^yep_slab ' /proc/modules
}

unload() {
	if loaded; then
		rmmod yep_slab
	fi
}

# fresh: a newly loaded module, so a new cache and nothing held.
fresh() {
	unload
	insmod "$YEP_KO" || diag "insmod failed"
}

# debug_cache: the cache counts every object exactly (a slub_debug flag).
debug_cache() {
	[ "$(cat "$YEP_CACHE"/store_user)$(cat "$YEP_CACHE"/red_zone)$(cat "$YEP_CACHE"/poison)$(cat "$YEP_CACHE"/sanity_checks)" != 0000 ]
}

# only_store_user: the layout of the seed walkthrough, slub_debug=U.
only_store_user() {
	[ "$(cat "$YEP_CACHE"/store_user)$(cat "$YEP_CACHE"/red_zone)$(cat "$YEP_CACHE"/poison)$(cat "$YEP_CACHE"/sanity_checks)" = 1000 ]
}

# alloc_ok N: echo N > alloc, which must succeed.
alloc_ok() {
	expect "echo $1 > alloc" "$(write_attr "$1$NL" "$YEP_SYS"/alloc)" OK
}

# slab_counts: "active/num slabs" from /proc/slabinfo.
slab_counts() {
	slabinfo | awk '{ print $2 "/" $3 " " $15 }'
}

# ---- the seed walkthrough (slub_debug=U reproduces the seed's layout) ----

seed_layout() {
	local size per order

	fresh
	only_store_user || { skip "Test requires: slub_debug=U for yep_slab_cache"; return; }
	# shellcheck disable=SC2046 # the three numbers, split
	set -- $(seed debug_layout)
	size=$1 per=$2 order=$3
	# Pages other than 4 KiB lay the same objects out otherwise: SLUB's
	# own choice then, checked against /proc/slabinfo (and seed_growth
	# against the core's model).
	if [ "$(page_kb)" != 4 ]; then
		diag "$(page_kb) KiB pages: the seed's $per a slab, order $order are 4 KiB pages'; SLUB's own layout here"
		per=$(status objects_per_slab) order=$(status order)
	fi
	expect "size with metadata" "$(status size)" "$size"
	expect "slabinfo objsize" "$(slab_field 4)" "$size"
	expect "objects per slab" "$(status objects_per_slab)" "$per"
	expect "slabinfo objperslab" "$(slab_field 5)" "$per"
	expect "order" "$(status order)" "$order"
	expect "slabinfo pagesperslab" "$(slab_field 6)" $((1 << order))
}

seed_growth() {
	local held=0 n active num s slabs=0

	fresh
	only_store_user || { skip "Test requires: slub_debug=U for yep_slab_cache"; return; }
	# "N ACTIVE NUM SLABS" a step; N 0 is insmod itself.  The read that
	# meets the end empties its variables: the last step's slabs is kept
	# apart.
	while read -r n active num s; do
		slabs=$s
		if [ "$n" = 0 ]; then
			expect "after insmod: active/num slabs" "$(slab_counts)" \
				"$active/$num $slabs"
			continue
		fi
		alloc_ok "$n"
		held=$((held + n))
		if [ "$(page_kb)" != 4 ]; then
			# not the seed's 4 KiB numbers: the core's model
			slabs=$(status model_slabs)
			active=$(status model_active)
			num=$((slabs * $(status objects_per_slab)))
		fi
		expect "after alloc $n: active/num slabs" "$(slab_counts)" \
			"$active/$num $slabs"
	done <<EOF_SEED
$(seed step)
EOF_SEED
	expect "status held" "$(status held)" "$held"
	expect "status slabs" "$(status slabs)" "$slabs"
}

# seed_allocs: the counts the seed wrote to alloc, in order.
seed_allocs() {
	seed step | awk '$1 != 0 { print $1 }'
}

seed_page_owner() {
	local po slabs

	fresh
	only_store_user || { skip "Test requires: slub_debug=U for yep_slab_cache"; return; }
	[ -r /d/page_owner ] || { skip "Test requires: page_owner=on (CONFIG_PAGE_OWNER: not in this kernel when /sys/kernel/debug/page_owner is absent)"; return; }
	for n in $(seed_allocs); do
		alloc_ok "$n"
	done
	po=$(page_owner_count)
	# the seed's slabs after its last step, each one order-3 record
	slabs=$(seed step | awk 'END { print $4 }')
	expect "page_owner records, order 3" "$po" "$slabs $slabs"
	expect "records = slabs held" "${po% *}" "$(status slabs)"
}

seed_free_and_shrink() {
	fresh
	only_store_user || { skip "Test requires: slub_debug=U for yep_slab_cache"; return; }
	alloc_ok 60
	expect "echo 1 > free" "$(write_attr "1$NL" "$YEP_SYS"/free)" OK
	expect "held after free" "$(status held)" 0
	expect "active objects after free" "$(slab_field 2)" 0
	expect_le "slabs kept after free" "$(slab_field 15)" \
		"$(cat "$YEP_CACHE"/min_partial)"
	echo 1 >"$YEP_CACHE"/shrink
	expect "after shrink: active/num slabs" "$(slab_counts)" "0/0 0"
	if [ -r /d/page_owner ]; then
		expect "page_owner records after shrink" "$(page_owner_count)" "0 0"
	fi
}

# ---- where the objects are, the buddy allocator's pages ----

# where_is PLACE: /sys/kernel/yep_slab/where/PLACE, 0 for a place this
# kernel's per-CPU layer does not have (its file is absent).
where_is() {
	cat "$YEP_SYS/where/$1" 2>/dev/null || echo 0
}

# expect_where WHEN: every object of /proc/slabinfo in one place, and
# slabinfo's active_objs less those held is what is cached per CPU.
expect_where() {
	local active num held cached
	active=$(slab_field 2) num=$(slab_field 3) held=$(where_is held)
	cached=$(($(where_is cpu_slab) + $(where_is cpu_partial) + \
		$(where_is sheaves) + $(where_is rcu_sheaf) + $(where_is barn)))
	expect "$1: total = num_objs" "$(where_is total)" "$num"
	expect "$1: held" "$held" "$(status held)"
	expect "$1: nowhere" "$(where_is nowhere)" 0
	expect "$1: cached per CPU = active_objs - held" "$cached" \
		$((active - held))
	expect "$1: free in node partial slabs = num_objs - active_objs" \
		"$(where_is node_partial)" $((num - active))
	expect "$1: slabs" "$(where_is slabs)" "$(slab_field 15)"
}

where_accounts_for_every_object() {
	fresh
	[ -d "$YEP_SYS/where" ] || { skip "Test requires: a module built with mm/slab.h and mm/slub.c (no where/)"; return; }
	for n in $(seed_allocs); do
		alloc_ok "$n"
		expect_where "after echo $n > alloc"
	done
	echo 1 >"$YEP_SYS"/release
	expect_where "after echo 1 > release"
	echo 1 >"$YEP_SYS"/free
	expect_where "after echo 1 > free"
	echo 1 >"$YEP_CACHE"/shrink
	expect_where "after shrink"
}

# One page of the slabs' order from the buddy allocator for each new slab,
# one page back for each slab gone (buddy_end: "GOT BACK NEW GONE").
buddy_pages_one_per_slab() {
	local order slabs

	fresh
	have_trace || { skip "Test requires: CONFIG_EVENT_TRACING (kmem page tracepoints)"; return; }
	[ -r "$YEP_SLABS" ] || { skip "Test requires: a module built with mm/slab.h and mm/slub.c (no debugfs map)"; return; }
	order=$(slab_order)
	buddy_begin "$order"
	alloc_ok 60
	slabs=$(slab_field 15)
	# shellcheck disable=SC2046 # the four numbers, split
	set -- $(buddy_end)
	expect "pages given, new slabs (alloc 60)" "$1 $3" "$slabs $slabs"
	buddy_begin "$order"
	echo 1 >"$YEP_SYS"/free
	echo 1 >"$YEP_CACHE"/shrink
	# shellcheck disable=SC2046 # the four numbers, split
	set -- $(buddy_end)
	expect "pages back, slabs gone (free, shrink)" "$2 $4" "$slabs $slabs"
	expect "slabs left" "$(slab_field 15)" 0
}

# The kprobe events name the functions a step ran through: the first
# allocation of a fresh cache takes a new slab (kmem_cache_alloc, then
# new_slab, whatever the layer), the frees all pass kmem_cache_free.
path_names_the_functions() {
	local order

	fresh
	have_trace || { skip "Test requires: CONFIG_EVENT_TRACING (kmem page tracepoints)"; return; }
	[ -r "$YEP_SLABS" ] || { skip "Test requires: a module built with mm/slab.h and mm/slub.c (no debugfs map)"; return; }
	[ -d "$YEP_TRACE/events/yep" ] || path_setup || { skip "Test requires: CONFIG_KPROBE_EVENTS and a symbol of SLUB's to probe"; return; }
	order=$(slab_order)
	buddy_begin "$order"
	alloc_ok 1
	buddy_end >/dev/null
	expect "first allocation: kmem_cache_alloc, new_slab" \
		"$(path_of /tmp/trace | tr ',' '\n' | grep -cE '^(kmem_cache_alloc(_noprof)?|new_slab):1$')" 2
	buddy_begin "$order"
	echo 1 >"$YEP_SYS"/free
	buddy_end >/dev/null
	expect "free: kmem_cache_free" \
		"$(path_of /tmp/trace | tr ',' '\n' | grep -c '^kmem_cache_free:1$')" 1
}

# ---- the seed module's defects, fixed ----

second_alloc_keeps_first() {
	fresh
	alloc_ok 5
	alloc_ok 5
	expect "held" "$(status held)" 10
	if debug_cache; then
		expect "active objects" "$(slab_field 2)" 10
	fi
	expect "echo 1 > free" "$(write_attr "1$NL" "$YEP_SYS"/free)" OK
	expect "held after free" "$(status held)" 0
	if debug_cache; then
		expect "active objects after free" "$(slab_field 2)" 0
	fi
}

free_when_empty() {
	fresh
	expect "echo 1 > free, nothing held" \
		"$(write_attr "1$NL" "$YEP_SYS"/free)" OK
	expect "held" "$(status held)" 0
}

# bad_input ATTR VALUE ERROR: the write fails with ERROR, nothing changes.
bad_input() {
	local held active

	fresh
	alloc_ok 3
	held=$(status held)
	active=$(slab_field 2)
	expect "write '$(printf '%s' "$2" | od -An -c | tr -s ' ')' to $1" \
		"$(write_attr "$2" "$YEP_SYS/$1")" "$3"
	expect "held unchanged" "$(status held)" "$held"
	expect "active objects unchanged" "$(slab_field 2)" "$active"
}

EINVAL="Invalid argument"
ERANGE="Numerical result out of range"
E2BIG="Argument list too long"
ENOMEM="Cannot allocate memory"

bad_alloc_nonnumber()	{ bad_input alloc "abc$NL" "$EINVAL"; }
bad_alloc_negative()	{ bad_input alloc "-1$NL" "$EINVAL"; }
bad_alloc_zero()	{ bad_input alloc "0$NL" "$EINVAL"; }
bad_alloc_empty()	{ bad_input alloc "$NL" "$EINVAL"; }
bad_alloc_fraction()	{ bad_input alloc "1.5$NL" "$EINVAL"; }
bad_alloc_hex()		{ bad_input alloc "0x10$NL" "$EINVAL"; }
bad_alloc_several()	{ bad_input alloc "1 2$NL" "$EINVAL"; }
bad_alloc_trailing()	{ bad_input alloc "1abc$NL" "$EINVAL"; }
bad_alloc_two_newlines() { bad_input alloc "1$NL$NL" "$EINVAL"; }
bad_alloc_out_of_range() { bad_input alloc "4294967296$NL" "$ERANGE"; }
bad_alloc_huge()	{ bad_input alloc "99999999999999999999999$NL" "$ERANGE"; }
bad_alloc_absurd()	{ bad_input alloc "4294967295$NL" "$E2BIG"; }
bad_alloc_beyond_ram()	{ bad_input alloc "300000$NL" "$E2BIG"; }
bad_free_two()		{ bad_input free "2$NL" "$EINVAL"; }
bad_free_zero()		{ bad_input free "0$NL" "$EINVAL"; }
bad_free_nonnumber()	{ bad_input free "all$NL" "$EINVAL"; }
bad_release_zero()	{ bad_input release "0$NL" "$EINVAL"; }
bad_release_too_many()	{ bad_input release "4$NL" "$ERANGE"; }

# ---- behaviour ----

release_count() {
	fresh
	alloc_ok 10
	expect "echo 4 > release" "$(write_attr "4$NL" "$YEP_SYS"/release)" OK
	expect "held" "$(status held)" 6
	expect "echo 6 > release" "$(write_attr "6$NL" "$YEP_SYS"/release)" OK
	expect "held" "$(status held)" 0
}

repeated_alloc_free() {
	local bad=0

	fresh
	for _ in $(seq 20); do
		[ "$(write_attr "10$NL" "$YEP_SYS"/alloc)" = OK ] || bad=$((bad + 1))
		[ "$(status held)" = 10 ] || bad=$((bad + 1))
		[ "$(write_attr "1$NL" "$YEP_SYS"/free)" = OK ] || bad=$((bad + 1))
		[ "$(status held)" = 0 ] || bad=$((bad + 1))
	done
	expect "20 rounds of alloc 10 / free: wrong results" "$bad" 0
	echo 1 >"$YEP_CACHE"/shrink
	expect "after shrink: active/num slabs" "$(slab_counts)" "0/0 0"
}

# writer ATTR N TIMES: TIMES writes of N, one line per failure.
writer() {
	for _ in $(seq "$3"); do
		[ "$(write_attr "$2$NL" "$YEP_SYS/$1")" = OK ] || echo "$1 $2 failed"
	done
}

reader() {
	while [ ! -e /tmp/stop ]; do
		cat "$YEP_SYS"/status >/dev/null
	done
}

concurrent_allocs() {
	local pids=

	fresh
	rm -f /tmp/stop /tmp/errs
	reader &
	for _ in 1 2 3 4; do
		writer alloc 3 25 >>/tmp/errs &
		pids="$pids $!"
	done
	# shellcheck disable=SC2086 # one pid a word
	wait $pids
	touch /tmp/stop
	wait
	expect "failed writes" "$(wc -l </tmp/errs)" 0
	expect "held after 4 writers x 25 x alloc 3" "$(status held)" 300
	if debug_cache; then
		expect "active objects" "$(slab_field 2)" 300
	fi
}

concurrent_allocs_and_releases() {
	fresh
	alloc_ok 200
	rm -f /tmp/stop /tmp/errs
	writer alloc 3 25 >>/tmp/errs &
	writer alloc 3 25 >>/tmp/errs &
	writer release 2 25 >>/tmp/errs &
	writer release 2 25 >>/tmp/errs &
	wait
	expect "failed writes" "$(wc -l </tmp/errs)" 0
	expect "held: 200 + 2 x 75 - 2 x 50" "$(status held)" 250
	if debug_cache; then
		expect "active objects" "$(slab_field 2)" 250
	fi
}

# failslab: the sixth allocation of yep_slab_cache from now on fails, once.
# The cache's failslab flag is set at run time where the kernel lets it be
# written (6.12, 7.3); 6.1's sysfs file is read-only, and there the boot
# line's slub_debug=A,yep_slab_cache has set it (make demo-test boots so).
failslab_arm() {
	local f=/d/failslab

	echo Y >$f/cache-filter
	echo 1 2>/dev/null >"$YEP_CACHE"/failslab
	echo N >$f/ignore-gfp-wait
	echo 0 >$f/verbose
	echo 1 >$f/interval
	echo 1 >$f/times
	echo $((5 * 4096 + 1)) >$f/space
	echo 100 >$f/probability
}

failslab_disarm() {
	local f=/d/failslab

	echo 0 >$f/probability
	echo 0 >$f/space
	echo 0 2>/dev/null >"$YEP_CACHE"/failslab
	echo N >$f/cache-filter
	echo Y >$f/ignore-gfp-wait
}

failslab_partial_alloc() {
	fresh
	[ -d /d/failslab ] || { skip "Test requires: CONFIG_FAILSLAB and debugfs: not in this kernel"; return; }
	alloc_ok 3
	failslab_arm
	if [ "$(cat "$YEP_CACHE"/failslab)" != 1 ]; then
		failslab_disarm
		skip "cannot set failslab on yep_slab_cache: read-only here, and not set at boot (slub_debug=A,yep_slab_cache)"
		return
	fi
	expect "echo 10 > alloc, 6th allocation failing" \
		"$(write_attr "10$NL" "$YEP_SYS"/alloc)" "$ENOMEM"
	failslab_disarm
	expect "held: 3 + the 5 taken before the failure" "$(status held)" 8
	if debug_cache; then
		expect "active objects" "$(slab_field 2)" 8
	fi
	alloc_ok 1
	expect "held after one more" "$(status held)" 9
}

rmmod_with_objects_held() {
	local before

	fresh
	alloc_ok 20
	before=$(dmesg | grep -c 'Objects remaining')
	rmmod yep_slab
	expect "rmmod exit code" "$?" 0
	expect "module loaded" "$(loaded && echo yes || echo no)" no
	expect "$YEP_SYS exists" "$([ -e $YEP_SYS ] && echo yes || echo no)" no
	expect "yep_slab_cache in /proc/slabinfo" "$(slabinfo | wc -l)" 0
	expect "new 'Objects remaining' messages" \
		"$(dmesg | grep -c 'Objects remaining')" "$before"
}

load_unload_cycles() {
	local bad=0

	unload
	for _ in 1 2 3 4 5 6; do
		insmod "$YEP_KO" || bad=$((bad + 1))
		[ "$(write_attr "7$NL" "$YEP_SYS"/alloc)" = OK ] || bad=$((bad + 1))
		[ "$(status held)" = 7 ] || bad=$((bad + 1))
		rmmod yep_slab || bad=$((bad + 1))
		[ -e $YEP_SYS ] && bad=$((bad + 1))
		[ -n "$(slabinfo)" ] && bad=$((bad + 1))
	done
	expect "6 cycles of insmod, alloc 7, rmmod: wrong results" "$bad" 0
}

# ---- what the kernel says about it all ----

no_leftover_sysfs() {
	unload
	expect "$YEP_SYS exists" "$([ -e $YEP_SYS ] && echo yes || echo no)" no
	expect "$YEP_CACHE exists" "$([ -e $YEP_CACHE ] && echo yes || echo no)" no
}

dmesg_clean() {
	local bad

	grep -v '^#' "$YEP_LOG_REPORTS" >/tmp/log-reports
	bad=$(dmesg | grep -E -f /tmp/log-reports || true)
	[ -z "$bad" ] || echo "$bad" | head -20 | while read -r line; do
		diag "$line"
	done
	expect "warnings, BUGs, lockdep reports, 'Objects remaining'" \
		"$(echo -n "$bad" | grep -c .)" 0
}

kmemleak_clean() {
	local leaks

	[ -e /d/kmemleak ] || { skip "Test requires: CONFIG_DEBUG_KMEMLEAK: not in this kernel"; return; }
	# kmemleak reports objects older than 5 s that two scans in a row
	# found unreferenced and unchanged: the first scan only takes their
	# checksums.  Built in but off (DEBUG_KMEMLEAK_DEFAULT_OFF, no
	# kmemleak=on), it refuses the scan.
	sleep 6
	r=$(write_attr scan /d/kmemleak)
	[ "$r" != "Operation not permitted" ] || { skip "Test requires: kmemleak on (kmemleak=on on the boot line): off in this kernel"; return; }
	expect "echo scan > /d/kmemleak" "$r" OK
	expect "echo scan > /d/kmemleak again" "$(write_attr scan /d/kmemleak)" OK
	leaks=$(cat /d/kmemleak)
	[ -z "$leaks" ] || echo "$leaks" | head -30 | while read -r line; do
		diag "$line"
	done
	expect "suspected leaks" "$(echo "$leaks" | grep -c '^unreferenced object')" 0
}

lockdep_clean() {
	[ -r /proc/lockdep_stats ] || { skip "Test requires: CONFIG_PROVE_LOCKING: not in this kernel"; return; }
	expect "lockdep still on (debug_locks)" \
		"$(awk '/debug_locks:/ { print $2 }' /proc/lockdep_stats)" 1
}

CASES="seed_layout seed_growth seed_page_owner seed_free_and_shrink
where_accounts_for_every_object buddy_pages_one_per_slab
path_names_the_functions
second_alloc_keeps_first free_when_empty
bad_alloc_nonnumber bad_alloc_negative bad_alloc_zero bad_alloc_empty
bad_alloc_fraction bad_alloc_hex bad_alloc_several bad_alloc_trailing
bad_alloc_two_newlines bad_alloc_out_of_range bad_alloc_huge
bad_alloc_absurd bad_alloc_beyond_ram bad_free_two bad_free_zero
bad_free_nonnumber bad_release_zero bad_release_too_many
release_count repeated_alloc_free concurrent_allocs
concurrent_allocs_and_releases failslab_partial_alloc
rmmod_with_objects_held load_unload_cycles no_leftover_sysfs
dmesg_clean kmemleak_clean lockdep_clean"

uptime_s() {
	cut -d' ' -f1 /proc/uptime
}

run_case() {
	local start

	CASE=$1
	CASE_NO=$((CASE_NO + 1))
	FAILS=0
	SKIP=
	start=$(uptime_s)
	"$CASE"
	diag "took $(awk -v a="$start" -v b="$(uptime_s)" 'BEGIN { printf "%.1f s", b - a }')"
	if [ -n "$SKIP" ]; then
		echo "    ok $CASE_NO $CASE # SKIP $SKIP"
	elif [ "$FAILS" = 0 ]; then
		echo "    ok $CASE_NO $CASE"
	else
		echo "    not ok $CASE_NO $CASE"
		SUITE_FAILS=$((SUITE_FAILS + 1))
	fi
}

SUITE_FAILS=0
yep_mark begin test
echo "KTAP version 1"
echo "1..1"
echo "    KTAP version 1"
echo "    # Subtest: yep_slab_module"
echo "    # $(cat /proc/cmdline)"
echo "    1..$(echo "$CASES" | wc -w)"
for c in $CASES; do
	run_case "$c"
done
if [ "$SUITE_FAILS" = 0 ]; then
	echo "ok 1 yep_slab_module"
else
	echo "not ok 1 yep_slab_module"
fi
yep_mark end test
