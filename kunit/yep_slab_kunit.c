// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for how SLUB lays out and grows a 4096-byte SLAB_HWCACHE_ALIGN
 * cache: objects per slab, slab-count growth, object reuse, release, the
 * seed walkthrough's /proc/slabinfo numbers, and the per-CPU sheaves that
 * Linux 7.0 put in front of the slabs.
 *
 * Every expectation is derived from the cache's own geometry, debug state
 * and per-CPU layer (a per-CPU slab, sheaves of a given capacity, or
 * none), or from a model of SLUB's sizing rules; nothing assumes a boot
 * line or a kernel version.  A case that needs an exact layout or a layer
 * the running cache does not have skips, saying why.
 */
#include <kunit/resource.h>
#include <kunit/test.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/init.h>
#include <linux/kasan.h>
#include <linux/llist.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/setup.h>

#include "../module/yep_slab_core.h"
#include "yep_slab_memcg.h"

#ifndef KUNIT_CASE_SLOW		/* before 6.6 */
#define KUNIT_CASE_SLOW(test_name) KUNIT_CASE(test_name)
#endif

/*
 * Which of SLUB's sizing rules the model follows, told apart without a
 * version check: MAX_PAGE_ORDER (6.8) marks the rules as of 6.12 (no
 * min_objects loop in calculate_order() since 6.7, slab_ spelling of the
 * knobs, min_order clamped).  Without it the model is 6.1's, MAX_ORDER
 * exclusive; 6.2 to 6.7 are not modelled apart.
 */
#ifdef MAX_PAGE_ORDER
#define YEP_SLUB_RULES_6_8	1
#else
#define YEP_SLUB_RULES_6_8	0
#define MAX_PAGE_ORDER		(MAX_ORDER - 1)
#endif

#define TEST_CACHE_NAME		"yep_slab_test"
/* A sheaf capacity to ask for: more than min_partial (5 to 10) + 1 */
#define YEP_TEST_WIDE_SHEAF	12
#define TEST_REQUIRES(test, cond) do {					\
	if (!(cond))							\
		kunit_skip((test), "Test requires: " #cond);		\
} while (0)

/*
 * The constructor of the "ctor" caches: fills the object with a pattern
 * and counts its calls.  SLUB calls it once for each object of a new slab
 * (setup_object()) and never again while the slab lives, so the object
 * keeps the pattern across frees unless SLUB writes into it.
 */
#define YEP_CTOR_BYTE	0xc7
static atomic_long_t yep_ctor_calls;

static void yep_ctor(void *obj)
{
	memset(obj, YEP_CTOR_BYTE, YEP_SLAB_OBJECT_SIZE);
	atomic_long_inc(&yep_ctor_calls);
}

/*
 * The flag sets the parameterised cases run over: slub_debug letters, and
 * caches as kernel code creates them (a constructor, SLAB_TYPESAFE_BY_RCU,
 * SLAB_ACCOUNT: the case then runs charged to a memory cgroup).
 */
struct yep_flag_set {
	const char *name;
	slab_flags_t flags;
	void (*ctor)(void *obj);
};

static const struct yep_flag_set yep_flag_sets[] = {
	{ "plain",	0 },
	{ "U",		SLAB_STORE_USER },
	{ "Z",		SLAB_RED_ZONE },
	{ "P",		SLAB_POISON },
	{ "F",		SLAB_CONSISTENCY_CHECKS },
	{ "ZU",		SLAB_RED_ZONE | SLAB_STORE_USER },
	{ "FZPU",	SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE |
			SLAB_POISON | SLAB_STORE_USER },
	/* no debug metadata; on 7.x no sheaves either */
	{ "noleaktrace", SLAB_NOLEAKTRACE },
	/* the free pointer moves out of the object: one word more */
	{ "ctor",	0,	yep_ctor },
	{ "typesafe_by_rcu", SLAB_TYPESAFE_BY_RCU },
	{ "account",	SLAB_ACCOUNT },
};

static void yep_flag_set_desc(const struct yep_flag_set *p, char *desc)
{
	strscpy(desc, p->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(yep_flags, yep_flag_sets, yep_flag_set_desc);

/*
 * Per-case state; .exit checks and destroys whatever a case created,
 * however it ended.  slab_errors is where SLUB counts what its checks
 * find wrong while a case runs (slab_add_kunit_errors(), mm/slub.c),
 * instead of reporting it: slub_kunit's resource, by the same name
 * (lib/slub_kunit.c to 6.12, lib/tests/slub_kunit.c since).
 */
struct yep_test_ctx {
	struct yep_slab ys;
	struct yep_slab_geometry g;
	int slab_errors;
	struct kunit_resource slab_errors_res;
	bool counts_noted;
	struct yep_memcg memcg;		/* a SLAB_ACCOUNT cache's */
};

static int yep_test_init(struct kunit *test)
{
	struct yep_test_ctx *ctx = kunit_kzalloc(test, sizeof(*ctx),
						 GFP_KERNEL);

	if (!ctx)
		return -ENOMEM;
	test->priv = ctx;
	return kunit_add_named_resource(test, NULL, NULL,
					&ctx->slab_errors_res, "slab_errors",
					&ctx->slab_errors);
}

/*
 * SLUB's own check of the case's cache (validate_slab_cache(), which also
 * flushes its per-CPU layer) finds nothing wrong, nor did SLUB meanwhile,
 * nor when the cache is destroyed: objects left in it ("Objects
 * remaining", __kmem_cache_shutdown()) count here too.
 */
static void yep_test_exit(struct kunit *test)
{
	struct yep_test_ctx *ctx = test->priv;

	/* KUnit calls .exit even when .init failed and left no context. */
	if (!ctx)
		return;
	if (ctx->ys.cache)
		yep_slab_validate(&ctx->ys);
	yep_slab_destroy(&ctx->ys);
	KUNIT_EXPECT_EQ_MSG(test, ctx->slab_errors, 0,
			    "SLUB found the cache's slabs inconsistent");
	if (ctx->memcg.mnt) {
		set_active_memcg(NULL);
		KUNIT_EXPECT_EQ_MSG(test, yep_memcg_destroy(&ctx->memcg), 0,
				    "rmdir of the case's memory cgroup");
	}
}

/*
 * A SLAB_ACCOUNT cache's case runs charged to a memory cgroup of its own
 * (kunit/yep_slab_memcg.c): with none but the root, SLUB charges nothing
 * and the flag changes nothing.  The case runs in a kthread, which is
 * charged to no cgroup of its own.
 */
static void yep_test_memcg(struct kunit *test, struct yep_test_ctx *ctx)
{
	const char *why = "";
	int err = yep_memcg_create(&ctx->memcg, &why);

	if (err)
		kunit_skip(test, "Test requires: a memory cgroup: %s (%d)",
			   why, err);
	set_active_memcg(ctx->memcg.memcg);
}

/* mm/slub.c's DEBUG_METADATA_FLAGS: the debug flags that add metadata. */
#define YEP_METADATA_FLAGS	(SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER)

static bool yep_boot_drops_metadata(struct kunit *test);

/*
 * Creates the case's cache with @flags (on top of the core's own
 * SLAB_HWCACHE_ALIGN) and reads back its geometry.  Fails the case if the
 * cache cannot be created or does not carry the debug flags asked for.
 */
static struct yep_test_ctx *yep_test_cache_ctor(struct kunit *test,
						unsigned int size,
						slab_flags_t flags,
						void (*ctor)(void *obj))
{
	struct yep_test_ctx *ctx = test->priv;
	struct yep_slab_geometry *g = &ctx->g;

	if (flags & (SLAB_CONSISTENCY_CHECKS | YEP_METADATA_FLAGS))
		TEST_REQUIRES(test, IS_ENABLED(CONFIG_SLUB_DEBUG));

	if (flags & SLAB_ACCOUNT)
		yep_test_memcg(test, ctx);
	atomic_long_set(&yep_ctor_calls, 0);
	KUNIT_ASSERT_EQ(test, yep_slab_create_ctor(&ctx->ys, TEST_CACHE_NAME,
						   size, flags, ctor), 0);
	yep_slab_geometry(&ctx->ys, g);
	if ((g->flags & flags) != flags &&
	    !(flags & ~g->flags & ~YEP_METADATA_FLAGS) &&
	    yep_boot_drops_metadata(test))
		kunit_skip(test, "slub_debug=O dropped debug metadata that would raise the order");
	KUNIT_ASSERT_TRUE_MSG(test, (g->flags & flags) == flags,
			      "cache dropped requested flags %#lx",
			      (__force unsigned long)(flags & ~g->flags));
	kunit_info(test,
		   "object %u size %u align %u order %u per-slab %u debug %#lx layer %s capacity %u\n",
		   g->object_size, g->size, g->align, g->order,
		   g->objects_per_slab, (__force unsigned long)g->debug_flags,
		   yep_slab_layer_name(g->layer), g->sheaf_capacity);
	return ctx;
}

static struct yep_test_ctx *yep_test_cache_sized(struct kunit *test,
						 unsigned int size,
						 slab_flags_t flags)
{
	return yep_test_cache_ctor(test, size, flags, NULL);
}

/* The seed's cache: 4096-byte objects. */
static struct yep_test_ctx *yep_test_cache(struct kunit *test,
					   slab_flags_t flags)
{
	return yep_test_cache_sized(test, YEP_SLAB_OBJECT_SIZE, flags);
}

static const struct yep_flag_set *yep_param(struct kunit *test)
{
	return test->param_value;
}

/* The seed's cache with the case's flag set. */
static struct yep_test_ctx *yep_test_param_cache(struct kunit *test)
{
	const struct yep_flag_set *p = yep_param(test);

	return yep_test_cache_ctor(test, YEP_SLAB_OBJECT_SIZE, p->flags,
				   p->ctor);
}

/*
 * Plain caches of the other size classes of SLUB's rules (sheaf
 * capacities 60, 26 and 12 before their kmalloc-bucket rounding, other
 * orders and objects per slab): the 4096-byte cache is the fourth.
 */
static const unsigned int yep_sizes[] = { 64, 256, 1024 };

static void yep_size_desc(const unsigned int *size, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%u bytes", *size);
}

KUNIT_ARRAY_PARAM(yep_sizes, yep_sizes, yep_size_desc);

/* ---- the model: SLUB's sizing rules (mm/slub.c), restated -------------- */

/* mm/slub.c's private struct track (6.1 to 6.12), two per object for U. */
struct yep_track_model {
	unsigned long addr;
#ifdef CONFIG_STACKDEPOT
	u32 handle;
#endif
	int cpu;
	int pid;
	unsigned long when;
};

/* calculate_alignment() for SLAB_HWCACHE_ALIGN and an object this large. */
static unsigned int yep_model_align(void)
{
	unsigned int align = max_t(unsigned int, cache_line_size(),
				   arch_slab_minalign());

	return ALIGN(align, sizeof(void *));
}

/*
 * calculate_sizes(): object plus the metadata the debug flags imply, and
 * the free pointer past the object where SLUB may not write into a free
 * object: poisoned, SLAB_TYPESAFE_BY_RCU (RCU readers still look at it)
 * or constructed (it keeps its constructed state while free).
 */
static unsigned int yep_model_size(slab_flags_t flags, bool ctor,
				   unsigned int align)
{
	unsigned int size = ALIGN(YEP_SLAB_OBJECT_SIZE, sizeof(void *));

	if (flags & SLAB_RED_ZONE)	/* right red zone: no slack to use */
		size += sizeof(void *);
	if ((flags & (SLAB_POISON | SLAB_TYPESAFE_BY_RCU)) || ctor)
		size += sizeof(void *);
	if (flags & SLAB_STORE_USER)	/* alloc and free tracks */
		size += 2 * sizeof(struct yep_track_model);
	if (flags & SLAB_RED_ZONE)	/* padding, and the left red zone */
		size += sizeof(void *) + ALIGN(sizeof(void *), align);
	return ALIGN(size, align);
}

/* The knobs calculate_order() reads, as the boot line sets them. */
struct yep_order_knobs {
	unsigned int min_order;
	unsigned int max_order;
	unsigned int min_objects;
};

/* The command line: saved_command_line built in, /proc/cmdline a module. */
static int yep_cmdline(char *buf, size_t len)
{
#ifdef MODULE
	ssize_t n = yep_slab_read_file("/proc/cmdline", buf, len);

	return n < 0 ? n : 0;
#else
	strscpy(buf, saved_command_line, len);
	return 0;
#endif
}

/* @word is "slub_<knob>=N" or, from 6.8, "slab_<knob>=N": N in @val. */
static bool yep_knob(const char *word, const char *knob, unsigned int *val)
{
	static const char * const prefixes[] = { "slub_", "slab_" };
	char opt[32];
	size_t len;
	int i;

	for (i = 0; i < (YEP_SLUB_RULES_6_8 ? 2 : 1); i++) {
		snprintf(opt, sizeof(opt), "%s%s=", prefixes[i], knob);
		len = str_has_prefix(word, opt);
		if (len)
			return !kstrtouint(word + len, 0, val);
	}
	return false;
}

/*
 * The knobs as SLUB's __setup handlers leave them: each option in command
 * line order, with the clamps its handler applies then; and as
 * kmem_cache_init() leaves them: a debug_guardpage_minorder (which
 * debug_guardpage_minorder_setup() takes up to MAX_PAGE_ORDER / 2) makes
 * the max order 0.
 */
static void yep_order_knobs(char *cmdline, struct yep_order_knobs *k)
{
	unsigned int guard = 0;
	char *word;
	size_t len;

	k->min_order = 0;
	k->max_order = IS_ENABLED(CONFIG_SLUB_TINY) ? 1 :
					PAGE_ALLOC_COSTLY_ORDER;
	k->min_objects = 0;
	while ((word = strsep(&cmdline, " "))) {
		len = str_has_prefix(word, "debug_guardpage_minorder=");
		if (len && IS_ENABLED(CONFIG_DEBUG_PAGEALLOC) &&
		    !kstrtouint(word + len, 0, &guard) &&
		    guard > MAX_PAGE_ORDER / 2)
			guard = 0;
		if (yep_knob(word, "min_objects", &k->min_objects))
			continue;
		if (yep_knob(word, "min_order", &k->min_order)) {
			if (YEP_SLUB_RULES_6_8 && k->min_order > k->max_order)
				k->max_order = k->min_order;
		} else if (yep_knob(word, "max_order", &k->max_order)) {
			k->max_order = min_t(unsigned int, k->max_order,
					     MAX_PAGE_ORDER);
			if (YEP_SLUB_RULES_6_8 && k->min_order > k->max_order)
				k->min_order = k->max_order;
		}
	}
	if (guard)
		k->max_order = 0;
}

/*
 * Whether the boot line's slub_debug (slab_debug from 6.8) has O: debug
 * metadata is then dropped from every cache whose order it would raise,
 * flags asked for included (kmem_cache_open(), disable_higher_order_debug).
 */
static bool yep_debug_drops_metadata(char *cmdline)
{
	char *word;
	size_t len;

	while ((word = strsep(&cmdline, " "))) {
		len = str_has_prefix(word, "slub_debug=");
		if (!len && YEP_SLUB_RULES_6_8)
			len = str_has_prefix(word, "slab_debug=");
		if (!len)
			continue;
		word += len;
		word[strcspn(word, ",;")] = '\0';
		if (strpbrk(word, "Oo"))
			return true;
	}
	return false;
}

static bool yep_boot_drops_metadata(struct kunit *test)
{
	char *cmdline = kunit_kzalloc(test, COMMAND_LINE_SIZE, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, cmdline);
	return !yep_cmdline(cmdline, COMMAND_LINE_SIZE) &&
	       yep_debug_drops_metadata(cmdline);
}

static unsigned int yep_order_objects(unsigned int order, unsigned int size)
{
	return (PAGE_SIZE << order) / size;
}

/* calculate_order()'s wish: enough objects for the CPUs, or the knob. */
static unsigned int yep_model_min_objects(const struct yep_order_knobs *k)
{
	unsigned int nr_cpus;

	if (k->min_objects)
		return k->min_objects;
	nr_cpus = num_present_cpus();
	if (nr_cpus <= 1)
		nr_cpus = nr_cpu_ids;
	return 4 * (fls(nr_cpus) + 1);
}

/*
 * calc_slab_order(): the first order from @min_order up to @max_order that
 * wastes at most 1/@fraction of the slab; @max_order + 1 if none does.
 */
static unsigned int yep_model_slab_order(unsigned int size,
					 unsigned int min_order,
					 unsigned int max_order,
					 unsigned int fraction)
{
	unsigned int order;

	for (order = min_order; order <= max_order; order++) {
		unsigned int slab_size = PAGE_SIZE << order;

		if (slab_size % size <= slab_size / fraction)
			break;
	}
	return order;
}

#if YEP_SLUB_RULES_6_8
/*
 * calculate_order() from 6.7: the order min_objects need, then the first
 * order up to max_order wasting 1/16, 1/8, 1/4, then 1/2 of the slab.
 */
static unsigned int yep_model_order(unsigned int size,
				    const struct yep_order_knobs *k)
{
	unsigned int max_objects = max(yep_order_objects(k->max_order, size), 1U);
	unsigned int min_objects = min(yep_model_min_objects(k), max_objects);
	unsigned int min_order, fraction, order;

	min_order = max_t(unsigned int, k->min_order,
			  get_order(min_objects * size));
	for (fraction = 16; fraction > 1; fraction /= 2) {
		order = yep_model_slab_order(size, min_order, k->max_order,
					     fraction);
		if (order <= k->max_order)
			return order;
	}
	return get_order(size);
}
#else
/*
 * calculate_order() before 6.7: waste of 1/16, 1/8, then 1/4 for
 * min_objects, then for one object fewer, down to 2; then one object.
 */
static unsigned int yep_model_order(unsigned int size,
				    const struct yep_order_knobs *k)
{
	unsigned int max_objects = yep_order_objects(k->max_order, size);
	unsigned int min_objects = min(yep_model_min_objects(k), max_objects);
	unsigned int fraction, order;

	for (; min_objects > 1; min_objects--) {
		unsigned int min_order = max_t(unsigned int, k->min_order,
					       get_order(min_objects * size));

		for (fraction = 16; fraction >= 4; fraction /= 2) {
			order = yep_model_slab_order(size, min_order,
						     k->max_order, fraction);
			if (order <= k->max_order)
				return order;
		}
	}
	/*
	 * Then one object a slab, within max_order or up to MAX_ORDER: both
	 * take the first order tried, max(min_order, get_order(size)).
	 */
	return max_t(unsigned int, k->min_order, get_order(size));
}
#endif

/* set_min_partial(): ilog2(size) / 2, between MIN_PARTIAL and MAX_PARTIAL. */
#define YEP_MODEL_MIN_PARTIAL	5
#define YEP_MODEL_MAX_PARTIAL	10

static unsigned int yep_model_min_partial(const struct yep_slab_geometry *g)
{
	if (IS_ENABLED(CONFIG_SLUB_TINY))
		return 0;
	return clamp_t(unsigned int, ilog2(g->size) / 2,
		       YEP_MODEL_MIN_PARTIAL, YEP_MODEL_MAX_PARTIAL);
}

#ifdef CONFIG_SLUB_CPU_PARTIAL
/*
 * set_cpu_partial() (6.x): the objects a CPU's partial list is for, by
 * object size, none for a debug cache; slub_set_cpu_partial() turns them
 * into slabs assumed half full.
 */
static unsigned int yep_model_cpu_partial(const struct yep_slab_geometry *g)
{
	if (g->debug_flags)
		return 0;
	if (g->size >= PAGE_SIZE)
		return 6;
	if (g->size >= 1024)
		return 24;
	if (g->size >= 256)
		return 52;
	return 120;
}
#endif

/* ---- the model: what the per-CPU layer does with frees ------------------ */

/*
 * mm/slub.c's MAX_FULL_SHEAVES: the full sheaves a node's barn takes
 * before a free has to flush one back to the slabs.  A tunable: only
 * tunables_match_model compares it with what the cache does; the sheaf
 * cases measure the limit instead.
 */
#define YEP_MODEL_BARN_FULL_SHEAVES	10

/*
 * Objects cached (in sheaves, counted active, not held) after @f frees on
 * one CPU, from an empty main sheaf, an empty spare and an empty barn (a
 * fresh cache grown by allocations alone, a multiple of C).  free_to_pcs()
 * fills the main sheaf; when it is full __pcs_replace_full_main() swaps in
 * the empty spare, then puts a full main into the barn, until @limit
 * objects are cached (main, spare and the barn's full sheaves: (2 +
 * MAX_FULL_SHEAVES) * C); after that each time main is full the full
 * spare is flushed to the slabs, C objects at once.
 */
static unsigned long yep_model_cached(unsigned long limit, unsigned long cap,
				      unsigned long f)
{
	if (f <= limit)
		return f;
	return f - cap * DIV_ROUND_UP(f - limit, cap);
}

/* mm/slub.c's private struct slab_sheaf, for its header size. */
struct yep_sheaf_model {
	union {
		struct rcu_head rcu_head;
		struct list_head barn_list;
		struct llist_node llnode;
		struct {
			unsigned int capacity;
			bool pfmemalloc;
		};
	};
	struct kmem_cache *cache;
	unsigned int size;
	int node;
	void *objects[];
};

/*
 * calculate_sheaf_capacity(): none for SLUB_TINY, debug flags and
 * SLAB_NOLEAKTRACE; else 4, 12, 26 or 60 by object size, then grown until
 * the sheaf fills its kmalloc bucket.
 */
static unsigned int yep_model_sheaf_capacity(const struct yep_slab_geometry *g)
{
	unsigned int cap;
	size_t bytes;

	if (IS_ENABLED(CONFIG_SLUB_TINY) || g->debug_flags ||
	    (g->flags & SLAB_NOLEAKTRACE))
		return 0;
	if (g->size >= PAGE_SIZE)
		cap = 4;
	else if (g->size >= 1024)
		cap = 12;
	else if (g->size >= 256)
		cap = 26;
	else
		cap = 60;
	bytes = kmalloc_size_roundup(sizeof(struct yep_sheaf_model) +
				     cap * sizeof(void *));
	return (bytes - sizeof(struct yep_sheaf_model)) / sizeof(void *);
}

/* ---- helpers that state expectations ------------------------------------ */

/*
 * The slabs behind the held objects are all this cache's, each of the order
 * and object count the cache was given, and there are @slabs of them.
 */
static void expect_slabs(struct kunit *test, struct yep_test_ctx *ctx,
			 unsigned long slabs)
{
	struct yep_slab_usage u;

	yep_slab_usage(&ctx->ys, &u);
	if (u.slabs && u.min_order < ctx->g.order) {
		/* allocate_slab()'s second try: the page allocator's state */
		KUNIT_ASSERT_NE(test, test->status, KUNIT_FAILURE);
		kunit_skip(test, "a slab of order %u, not %u: the page allocator's fallback",
			   u.min_order, ctx->g.order);
	}
	KUNIT_EXPECT_EQ_MSG(test, u.slabs, slabs, "holding %lu objects",
			    u.objects);
	KUNIT_EXPECT_EQ(test, u.foreign_slabs, 0);
	if (!u.slabs)
		return;
	KUNIT_EXPECT_EQ(test, u.min_objects, ctx->g.objects_per_slab);
	KUNIT_EXPECT_EQ(test, u.max_objects, ctx->g.objects_per_slab);
	KUNIT_EXPECT_EQ(test, u.min_order, ctx->g.order);
	KUNIT_EXPECT_EQ(test, u.max_order, ctx->g.order);
}

/*
 * Reads the slabinfo counters into @c; where they cannot be read (no
 * SLUB_DEBUG) says so, once a case, and returns false: what depends on
 * them goes unchecked, and the case says it.
 */
static bool counts_readable(struct kunit *test, struct yep_test_ctx *ctx,
			    struct yep_slab_counts *c)
{
	int err = yep_slab_counts(&ctx->ys, c);

	if (err && !ctx->counts_noted)
		kunit_info(test, "no slabinfo counters (%d): checked the held objects' slabs only\n",
			   err);
	if (err)
		ctx->counts_noted = true;
	return !err;
}

/*
 * What a person reads agrees with the slabs held: /proc/slabinfo's
 * <objperslab> and <pagesperslab> (get_slabinfo()) and sysfs's
 * objs_per_slab and order are what those slabs really have (each a
 * slab->objects and a folio order; the reports all read s->oo), and
 * SLUB's sysfs files give the counters /proc/slabinfo gives (the same
 * node counters, through another formatter).  Built in, the counters are
 * get_slabinfo()'s and sysfs is a second report; a module reads its
 * counters from sysfs, and this compares sysfs with itself.  Returns the
 * counters in @c, false where there are none.
 */
static bool expect_reports_agree(struct kunit *test, struct yep_test_ctx *ctx,
				 struct yep_slab_counts *c)
{
	struct yep_slab_counts f;
	struct yep_slab_usage u;
	int err;

	if (!counts_readable(test, ctx, c))
		return false;
	yep_slab_usage(&ctx->ys, &u);
	if (u.slabs) {
		KUNIT_EXPECT_EQ(test, c->objects_per_slab, u.max_objects);
		KUNIT_EXPECT_EQ(test, c->order, u.max_order);
	}
	if (!IS_ENABLED(CONFIG_SYSFS))
		return true;
	err = yep_slab_counts_sysfs(&ctx->ys, &f);
	KUNIT_ASSERT_EQ_MSG(test, err, 0, "/sys/kernel/slab/%s/ unreadable",
			    ctx->ys.name);
	KUNIT_EXPECT_EQ_MSG(test, f.active_objs, c->active_objs, "objects");
	KUNIT_EXPECT_EQ_MSG(test, f.num_objs, c->num_objs, "total_objects");
	KUNIT_EXPECT_EQ_MSG(test, f.num_slabs, c->num_slabs, "slabs");
	if (u.slabs) {
		KUNIT_EXPECT_EQ_MSG(test, f.objects_per_slab, u.max_objects,
				    "objs_per_slab");
		KUNIT_EXPECT_EQ_MSG(test, f.order, u.max_order, "order");
	}
	return true;
}

/*
 * After @n allocations on one CPU from a fresh cache, none freed: the
 * held objects' slabs and /proc/slabinfo's counters are what the model of
 * the cache's per-CPU layer says.
 */
static void expect_grown(struct kunit *test, struct yep_test_ctx *ctx,
			 unsigned long n)
{
	unsigned long per = ctx->g.objects_per_slab;
	struct yep_slab_counts c;
	struct yep_slab_growth m;

	yep_slab_model_growth(&ctx->g, n, &m);
	expect_slabs(test, ctx, m.held_slabs);
	if (!counts_readable(test, ctx, &c))
		return;
	KUNIT_EXPECT_EQ_MSG(test, c.num_slabs, m.slabs, "holding %lu", n);
	KUNIT_EXPECT_EQ(test, c.num_objs, m.slabs * per);
	KUNIT_EXPECT_EQ_MSG(test, c.active_objs, m.taken,
			    "holding %lu in %lu slabs", n, m.slabs);
}

/*
 * Whether @slabs slabs that empty are all kept for reuse, saying so where
 * not.  Slabs that empty while min_partial are on the list go back to the
 * page allocator (SLUB_TINY's min_partial is 0): an allocation after them
 * could only get their pages back by the buddy allocator's luck, which is
 * not SLUB's reuse.
 */
static bool emptied_slabs_kept(struct kunit *test, struct yep_test_ctx *ctx,
			       unsigned long slabs)
{
	if (slabs <= ctx->g.min_partial)
		return true;
	kunit_info(test, "min_partial %u < %lu slabs: reuse not checked\n",
		   ctx->g.min_partial, slabs);
	return false;
}

/* The model's slabs behind @n objects held (yep_slab_model_growth()). */
static unsigned long model_held_slabs(struct yep_test_ctx *ctx,
				      unsigned long n)
{
	struct yep_slab_growth m;

	yep_slab_model_growth(&ctx->g, n, &m);
	return m.held_slabs;
}

/*
 * KASAN generic keeps freed objects in its quarantine: SLUB counts them in
 * use until kmem_cache_shrink() drains the quarantine for the cache.  What
 * lies between a free and the shrink is then KASAN's, not SLUB's: say so.
 */
static bool frees_deferred(struct kunit *test)
{
	if (!IS_ENABLED(CONFIG_KASAN_GENERIC))
		return false;
	kunit_info(test, "KASAN generic: freed objects wait in quarantine until the shrink; not checked before it\n");
	return true;
}

/* Holds one object, failing the case (not crashing it) if SLUB cannot. */
static void *hold_one(struct kunit *test, struct yep_test_ctx *ctx)
{
	void *obj = yep_slab_hold(&ctx->ys);

	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(obj), "hold: %ld", PTR_ERR(obj));
	return obj;
}

static void hold_many(struct kunit *test, struct yep_test_ctx *ctx,
		      unsigned long n)
{
	KUNIT_ASSERT_EQ(test, yep_slab_hold_many(&ctx->ys, n), 0);
}

/* Addresses compared as memory, whatever tag KASAN gave the pointer. */
static unsigned long untagged(const void *p)
{
	return (unsigned long)kasan_reset_tag(p);
}

/* Releases the first object held in the slab at @pfn; returns its address. */
static unsigned long release_in_slab(struct kunit *test,
				     struct yep_test_ctx *ctx, unsigned long pfn)
{
	unsigned long i;

	for (i = 0; i < ctx->ys.nr_objs; i++)
		if (yep_slab_pfn_of(ctx->ys.objs[i]) == pfn)
			break;
	KUNIT_ASSERT_LT_MSG(test, i, ctx->ys.nr_objs,
			    "no object held in slab %#lx", pfn);
	return untagged(yep_slab_release_at(&ctx->ys, i));
}

/*
 * Moves the case to @cpu and keeps it there (pin_to_this_cpu(): the CPU
 * it runs on): a plain cache allocates from that CPU's slab or sheaves
 * and frees to them.  The case runs in a kthread of its own, so the
 * affinity ends with it.
 */
static void pin_to_cpu(struct kunit *test, unsigned int cpu)
{
	KUNIT_ASSERT_EQ(test, set_cpus_allowed_ptr(current, cpumask_of(cpu)), 0);
	KUNIT_ASSERT_EQ_MSG(test, raw_smp_processor_id(), cpu,
			    "still not on CPU %u", cpu);
}

static void pin_to_this_cpu(struct kunit *test)
{
	pin_to_cpu(test, raw_smp_processor_id());
}

/*
 * The slabs behind the held objects that are not among the @nr in @pfns:
 * slabs taken since those were recorded.
 */
static unsigned long new_slabs(struct kunit *test, struct yep_test_ctx *ctx,
			       const unsigned long *pfns, unsigned long nr)
{
	unsigned long i, j, now, *held, fresh = 0;

	now = ctx->ys.nr_objs;	/* at most one slab an object held */
	held = kunit_kcalloc(test, now + 1, sizeof(*held), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, held);
	now = yep_slab_slab_pfns(&ctx->ys, held, now + 1);
	for (i = 0; i < now; i++) {
		for (j = 0; j < nr && pfns[j] != held[i]; j++)
			;
		fresh += j == nr;
	}
	return fresh;
}

/* ---- the cases ---------------------------------------------------------- */

/*
 * What SLUB chose: the size is the object plus the metadata the effective
 * debug flags imply, aligned for the cache line; every slab actually taken
 * is of the cache's order and holds the cache's objects per slab, and
 * /proc/slabinfo and sysfs say the same.  The order itself is a tunable's
 * (tunables_match_model).
 */
static void objects_per_slab(struct kunit *test)
{
	struct yep_test_ctx *ctx = yep_test_param_cache(test);
	struct yep_slab_geometry *g = &ctx->g;
	struct yep_slab_counts c;
	unsigned int model;

	KUNIT_EXPECT_EQ(test, g->align, yep_model_align());

	model = yep_model_size(g->flags & (g->debug_flags |
					   SLAB_TYPESAFE_BY_RCU),
			       yep_param(test)->ctor, g->align);
	if (IS_ENABLED(CONFIG_KASAN_GENERIC)) {
		/* KASAN adds its own per-object metadata on top */
		KUNIT_EXPECT_GE(test, g->size, model);
		KUNIT_EXPECT_EQ(test, g->size % g->align, 0);
		kunit_info(test, "KASAN: size %u, %u without KASAN metadata\n",
			   g->size, model);
	} else {
		KUNIT_EXPECT_EQ(test, g->size, model);
	}

	/* Three slabs' worth: each slab taken holds objects_per_slab. */
	pin_to_this_cpu(test);
	hold_many(test, ctx, 3 * g->objects_per_slab);
	expect_slabs(test, ctx, model_held_slabs(ctx, 3 * g->objects_per_slab));
	expect_reports_agree(test, ctx, &c);
}

/*
 * Allocating one object at a time from a fresh cache, a new slab is taken
 * only when every slab so far is full: ceil(n / objects_per_slab) slabs
 * after n objects without a per-CPU layer or with a per-CPU slab; with
 * sheaves ceil(C * ceil(n / C) / objects_per_slab), because the sheaf is
 * refilled C objects at a time.  Checked on the held objects' slabs and on
 * the slabinfo counters (active objects per the layer: see
 * yep_slab_model_growth()).
 */
static void expect_growth_steps(struct kunit *test, struct yep_test_ctx *ctx)
{
	unsigned long per = ctx->g.objects_per_slab;
	unsigned long n;
	unsigned long steps = 3 * max_t(unsigned long, per,
					ctx->g.sheaf_capacity) + 1;

	expect_grown(test, ctx, 0);

	pin_to_this_cpu(test);
	for (n = 1; n <= steps; n++) {
		hold_one(test, ctx);
		expect_grown(test, ctx, n);
	}
}

static void slab_count_growth(struct kunit *test)
{
	expect_growth_steps(test, yep_test_param_cache(test));
}

/*
 * The same growth, step by step, for plain caches of the other size
 * classes: other objects per slab and orders, and with sheaves the other
 * capacities, whose refills and slabs need not divide each other.
 */
static void slab_count_growth_by_size(struct kunit *test)
{
	const unsigned int *size = test->param_value;

	expect_growth_steps(test, yep_test_cache_sized(test, *size, 0));
}

/*
 * A freed object is handed out again before any new slab is taken, and on
 * one CPU the most recently freed object comes back first.
 */
static void freed_object_reused_first(struct kunit *test)
{
	struct yep_test_ctx *ctx = yep_test_param_cache(test);
	unsigned long per = ctx->g.objects_per_slab;
	unsigned long pfn[2], freed[2], got[2];
	int i;

	if (frees_deferred(test))
		kunit_skip(test, "KASAN generic quarantines freed objects");
	if (per < 2)
		kunit_skip(test, "one object a slab: a freed slot's slab may go");
	pin_to_this_cpu(test);

	/* Two slabs' worth, and what the per-CPU layer took with them. */
	hold_many(test, ctx, 2 * per);
	expect_grown(test, ctx, 2 * per);
	pfn[0] = yep_slab_pfn_of(ctx->ys.objs[0]);
	pfn[1] = yep_slab_pfn_of(ctx->ys.objs[2 * per - 1]);
	KUNIT_ASSERT_NE(test, pfn[0], pfn[1]);

	/* One object freed: the next allocation is that slot. */
	freed[0] = untagged(yep_slab_release_at(&ctx->ys, 0));
	KUNIT_EXPECT_EQ(test, untagged(hold_one(test, ctx)), freed[0]);
	expect_grown(test, ctx, 2 * per);

	/* Two freed from one slab come back newest first (LIFO). */
	for (i = 0; i < 2; i++)
		freed[i] = release_in_slab(test, ctx, pfn[0]);
	KUNIT_EXPECT_EQ(test, untagged(hold_one(test, ctx)), freed[1]);
	KUNIT_EXPECT_EQ(test, untagged(hold_one(test, ctx)), freed[0]);

	/* One freed in each slab: both slots are used before a new slab. */
	for (i = 0; i < 2; i++)
		freed[i] = release_in_slab(test, ctx, pfn[i]);
	for (i = 0; i < 2; i++) {
		got[i] = untagged(hold_one(test, ctx));
		KUNIT_EXPECT_TRUE_MSG(test, got[i] == freed[0] || got[i] == freed[1],
				      "allocation %d is not a freed slot", i);
	}
	KUNIT_EXPECT_NE(test, got[0], got[1]);
	/*
	 * Every free was taken back on this CPU, so the cache is as it was
	 * after 2 * per allocations, and the next one grows it as a fresh
	 * cache's would.
	 */
	expect_grown(test, ctx, 2 * per);
	hold_one(test, ctx);
	expect_grown(test, ctx, 2 * per + 1);
}

/*
 * Three slabs' worth held, then every object freed and the cache shrunk:
 * every slab goes back to the page allocator, none of the pages is a
 * slab of this cache any more.  With @flush_first, between the frees and
 * the shrink the per-CPU layer is flushed to the node lists
 * (validate_slab_cache(); the barn keeps its full sheaves): every slab is
 * then empty but for what the barn caches, and none is gone yet, being
 * fewer than min_partial (how many empty slabs more would keep is
 * empty_slabs_kept_to_min_partial's).  Without, the shrink has to flush
 * the per-CPU layer itself.
 */
static void expect_released(struct kunit *test, struct yep_test_ctx *ctx,
			    bool flush_first)
{
	unsigned long per = ctx->g.objects_per_slab;
	unsigned long i, nr, *pfns, slabs = 3;
	struct yep_slab_counts grown, c;
	bool grown_readable;

	hold_many(test, ctx, slabs * per);
	slabs = model_held_slabs(ctx, slabs * per);
	/* room for one more than the model's: a count that can exceed it */
	pfns = kunit_kcalloc(test, slabs + 1, sizeof(*pfns), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pfns);
	expect_grown(test, ctx, 3 * per);
	nr = yep_slab_slab_pfns(&ctx->ys, pfns, slabs + 1);
	KUNIT_ASSERT_EQ(test, nr, slabs);

	grown_readable = counts_readable(test, ctx, &grown);
	yep_slab_release_all(&ctx->ys);
	/*
	 * With CONFIG_SLUB_RCU_DEBUG (KASAN's default) the free of an object
	 * of a SLAB_TYPESAFE_BY_RCU cache itself waits for a grace period
	 * (slab_free_hook()): until then its slab is not empty.
	 */
	if (IS_ENABLED(CONFIG_SLUB_RCU_DEBUG) &&
	    (ctx->g.flags & SLAB_TYPESAFE_BY_RCU))
		rcu_barrier();
	if (flush_first && grown_readable && !frees_deferred(test) &&
	    yep_slab_validate(&ctx->ys) >= 0) {
		yep_slab_counts(&ctx->ys, &c);
		kunit_info(test, "freed and flushed: %lu/%lu in %lu slabs\n",
			   c.active_objs, c.num_objs, c.num_slabs);
		if (ctx->g.layer != YEP_SLAB_LAYER_SHEAVES)
			KUNIT_EXPECT_EQ(test, c.active_objs, 0);
		if (grown.num_slabs < ctx->g.min_partial)
			KUNIT_EXPECT_EQ(test, c.num_slabs, grown.num_slabs);
	}

	yep_slab_shrink(&ctx->ys);
	/* discard_slab(): these slabs go back after a grace period */
	if (ctx->g.flags & SLAB_TYPESAFE_BY_RCU)
		rcu_barrier();
	for (i = 0; i < nr; i++)
		KUNIT_EXPECT_FALSE_MSG(test,
				       yep_slab_pfn_is_ours(&ctx->ys, pfns[i]),
				       "slab at pfn %#lx kept after shrink%s",
				       pfns[i], flush_first ? " (flushed first)" : "");
	if (!yep_slab_counts(&ctx->ys, &c)) {
		KUNIT_EXPECT_EQ(test, c.num_slabs, 0);
		KUNIT_EXPECT_EQ(test, c.num_objs, 0);
		KUNIT_EXPECT_EQ(test, c.active_objs, 0);
	}
}

/*
 * Freeing every object and shrinking the cache gives every slab back,
 * whether the per-CPU layer was flushed before the shrink or the shrink
 * flushes it (expect_released(), once each way; the cache is as a fresh
 * one after a shrink).
 */
static void release_returns_every_slab(struct kunit *test)
{
	struct yep_test_ctx *ctx = yep_test_param_cache(test);

	pin_to_this_cpu(test);
	expect_released(test, ctx, true);
	expect_released(test, ctx, false);
}

/*
 * The objects a bulk allocation of @n takes off slab freelists when the
 * per-CPU layer holds none: as many as asked without a per-CPU layer and
 * with sheaves (kmem_cache_alloc_bulk() empties the sheaves it finds and
 * takes the rest straight from slabs, refill_objects(), refilling no
 * sheaf); with a per-CPU slab, whole slabs, as single allocations do.
 */
static unsigned long yep_model_bulk_taken(const struct yep_slab_geometry *g,
					  unsigned long n)
{
	unsigned long per = g->objects_per_slab;

	if (g->layer == YEP_SLAB_LAYER_CPU_SLAB)
		return DIV_ROUND_UP(n, per) * per;
	return n;
}

/*
 * kmem_cache_alloc_bulk() and kmem_cache_free_bulk() keep the single
 * calls' invariants: 2 * per + 1 objects from a fresh cache sit in three
 * slabs, and the slabs give what the layer's model says; one bulk free
 * of them all leaves min(n, C) cached on this fresh cache, nothing
 * without a per-CPU layer; and a bulk allocation of as many again takes
 * back the cached objects first and the rest from the same slabs, no new
 * one, where the slabs that emptied were kept (at most min_partial).
 * (__free_to_pcs_batch() fills the main sheaf, and once it is full makes
 * it the spare for an empty sheaf of the barn, swaps in a spare with
 * room, or trades it for an empty barn sheaf, in a loop; a fresh cache
 * has no spare and the barn no empty sheaf, so the rest goes to the
 * slabs.  In another state more is cached.)
 */
static void bulk_alloc_and_free(struct kunit *test)
{
	struct yep_test_ctx *ctx = yep_test_param_cache(test);
	unsigned long per = ctx->g.objects_per_slab, n = 2 * per + 1;
	unsigned long slabs = DIV_ROUND_UP(n, per), nr, *pfns;
	struct yep_slab_counts c;
	bool readable;

	pin_to_this_cpu(test);
	KUNIT_ASSERT_EQ(test, yep_slab_hold_bulk(&ctx->ys, n), 0);
	expect_slabs(test, ctx, slabs);
	pfns = kunit_kcalloc(test, slabs + 1, sizeof(*pfns), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pfns);
	nr = yep_slab_slab_pfns(&ctx->ys, pfns, slabs + 1);
	readable = expect_reports_agree(test, ctx, &c);
	if (readable) {
		KUNIT_EXPECT_EQ(test, c.num_slabs, slabs);
		KUNIT_EXPECT_EQ_MSG(test, c.active_objs,
				    yep_model_bulk_taken(&ctx->g, n),
				    "%lu objects in one bulk allocation, layer %s",
				    n, yep_slab_layer_name(ctx->g.layer));
	}

	yep_slab_release_bulk(&ctx->ys, n);
	if (frees_deferred(test))
		return;
	if (readable && counts_readable(test, ctx, &c)) {
		kunit_info(test, "bulk freed: %lu/%lu in %lu slabs\n",
			   c.active_objs, c.num_objs, c.num_slabs);
		if (ctx->g.layer == YEP_SLAB_LAYER_SHEAVES)
			KUNIT_EXPECT_EQ_MSG(test, c.active_objs,
					    min_t(unsigned long, n, ctx->g.sheaf_capacity),
					    "cached after one bulk free of %lu", n);
		else if (ctx->g.layer == YEP_SLAB_LAYER_NONE)
			KUNIT_EXPECT_EQ(test, c.active_objs, 0);
		if (slabs < ctx->g.min_partial)
			KUNIT_EXPECT_EQ(test, c.num_slabs, slabs);
	}
	if (!emptied_slabs_kept(test, ctx, slabs))
		return;

	KUNIT_ASSERT_EQ(test, yep_slab_hold_bulk(&ctx->ys, n), 0);
	KUNIT_EXPECT_EQ_MSG(test, new_slabs(test, ctx, pfns, nr), 0,
			    "slabs taken for %lu objects, %lu freed", n, n);
	if (readable && counts_readable(test, ctx, &c)) {
		KUNIT_EXPECT_EQ(test, c.num_slabs, slabs);
		KUNIT_EXPECT_EQ_MSG(test, c.active_objs,
				    yep_model_bulk_taken(&ctx->g, n),
				    "%lu objects bulk allocated again", n);
	}
}

/*
 * The seed: a published walkthrough that created a 4096-byte
 * SLAB_HWCACHE_ALIGN cache with slub_debug=U, held more and more objects
 * from it and read /proc/slabinfo after each step.  Its steps: the
 * objects asked for, and active_objs, num_objs and slabs after each; and
 * what each step held in slabs of any size (@full slabs' worth and
 * @extra objects), for a cache laid out otherwise.
 */
struct yep_seed_step {
	unsigned int alloc;
	unsigned long active_objs;
	unsigned long num_objs;
	unsigned long slabs;
	unsigned int full;
	int extra;
};

static const struct yep_seed_step yep_seed_steps[] = {
	{  0,  0,  0, 0, 0,  0 },	/* insmod */
	{  1,  1,  7, 1, 0,  1 },	/* echo 1 > alloc: one object */
	{  6,  7,  7, 1, 1,  0 },	/* echo 6 > alloc: a slab full */
	{  1,  8, 14, 2, 1,  1 },	/* echo 1 > alloc: one more */
	{ 52, 60, 63, 9, 9, -3 },	/* ... up to 60: nine slabs less 3 */
};

/*
 * The numbers of a seed step for a debug cache of @per objects a slab:
 * the seed's own where the layout is the seed's (7 a slab), else the
 * step's objects in slabs of @per, every slab but the last full.
 */
static void yep_seed_scaled(const struct yep_seed_step *step,
			    unsigned long per, struct yep_seed_step *out)
{
	*out = *step;
	if (per == 7)
		return;
	out->active_objs = max_t(long, step->full * per + step->extra, 0);
	out->slabs = DIV_ROUND_UP(out->active_objs, per);
	out->num_objs = out->slabs * per;
}

/*
 * The seed's walkthrough (yep_seed_steps above) replayed: a debug cache
 * laid out as the seed's (7 objects of 4096 + metadata in an order-3
 * slab) shows the seed's /proc/slabinfo numbers at each of its steps, and
 * sysfs the same.  SLAB_STORE_USER gives that layout without any boot
 * option.  Laid out otherwise (larger pages, a boot option), the same
 * steps in slabs of the cache's own size: what is held, full slabs and
 * one more, in as many slabs.
 */
static void seed_walkthrough(struct kunit *test)
{
	struct yep_test_ctx *ctx = yep_test_cache(test, SLAB_STORE_USER);
	unsigned long per = ctx->g.objects_per_slab;
	struct yep_seed_step want;
	struct yep_slab_counts c;
	int i;

	if (ctx->g.order != 3 || per != 7)
		kunit_info(test, "%lu a slab of order %u, not the seed's 7 of order 3: its steps scaled\n",
			   per, ctx->g.order);
	pin_to_this_cpu(test);
	for (i = 0; i < ARRAY_SIZE(yep_seed_steps); i++) {
		yep_seed_scaled(&yep_seed_steps[i], per, &want);
		hold_many(test, ctx, want.active_objs - ctx->ys.nr_objs);
		expect_slabs(test, ctx, want.slabs);
		if (!expect_reports_agree(test, ctx, &c))
			continue;
		kunit_info(test, "step %d: seed %lu/%lu %lu slabs, want %lu/%lu %lu, observed %lu/%lu %lu slabs\n",
			   i, yep_seed_steps[i].active_objs,
			   yep_seed_steps[i].num_objs, yep_seed_steps[i].slabs,
			   want.active_objs, want.num_objs, want.slabs,
			   c.active_objs, c.num_objs, c.num_slabs);
		KUNIT_EXPECT_EQ(test, c.active_objs, want.active_objs);
		KUNIT_EXPECT_EQ(test, c.num_objs, want.num_objs);
		KUNIT_EXPECT_EQ(test, c.num_slabs, want.slabs);
	}

	yep_slab_release_all(&ctx->ys);
	if (counts_readable(test, ctx, &c) && !frees_deferred(test)) {
		kunit_info(test, "freed: %lu/%lu %lu slabs (min_partial %u)\n",
			   c.active_objs, c.num_objs, c.num_slabs,
			   ctx->g.min_partial);
		KUNIT_EXPECT_EQ(test, c.active_objs, 0);
		KUNIT_EXPECT_LE(test, c.num_slabs,
				(unsigned long)ctx->g.min_partial *
				num_online_nodes());
	}
	yep_slab_shrink(&ctx->ys);
	if (counts_readable(test, ctx, &c)) {
		KUNIT_EXPECT_EQ(test, c.num_objs, 0);
		KUNIT_EXPECT_EQ(test, c.num_slabs, 0);
	}
}

/*
 * At scale: 1e3, 1e4 and 1e5 objects sit in ceil(n / per-slab) slabs, one
 * freed slot in every slab is reused before any new slab, and everything
 * goes back on shrink.  The in-kernel time per size is reported; it should
 * grow linearly with n (the core keeps per-slab counts as it goes instead
 * of rescanning).  Timing is reported, never asserted.
 */
static void many_objects_scale_linearly(struct kunit *test)
{
	static const unsigned long sizes[] = { 1000, 10000, 100000 };
	struct yep_test_ctx *ctx = yep_test_cache(test, 0);
	unsigned long per = ctx->g.objects_per_slab;
	struct yep_slab_counts grown, now;
	struct yep_slab_usage u;
	bool reuse = !frees_deferred(test);
	unsigned long i, j, slabs, nr_free;
	u64 start, ns;

	pin_to_this_cpu(test);
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		unsigned long n = sizes[i];

		/* the sizes that fit are checked; none fitting is a skip */
		if (n > mult_frac(totalram_pages(), PAGE_SIZE, ctx->g.size) / 2) {
			if (!i)
				kunit_skip(test, "%lu objects need more than half of memory",
					   n);
			kunit_info(test, "%lu objects need more than half of memory: not run\n",
				   n);
			return;
		}
		start = ktime_get_ns();
		hold_many(test, ctx, n);
		slabs = model_held_slabs(ctx, n);
		expect_grown(test, ctx, n);

		/*
		 * One slot freed in every slab's worth of objects (objs[j * per]
		 * is in slab j where objects are held in slab order; going down,
		 * no swap moves a slot still to be freed), then as many taken
		 * again: all come back, and no new slab is taken.  Sheaves hand
		 * objects out in another order, and the objects they cached
		 * may be among those handed back, so which slabs the held
		 * objects then sit in is left open: the cache's, and the
		 * cache's own slab count unchanged.
		 */
		nr_free = DIV_ROUND_UP(n, per);
		if (reuse) {
			int counted = yep_slab_counts(&ctx->ys, &grown);

			for (j = nr_free; j--; )
				yep_slab_release_at(&ctx->ys, j * per);
			hold_many(test, ctx, nr_free);
			if (ctx->g.layer != YEP_SLAB_LAYER_SHEAVES) {
				expect_slabs(test, ctx, slabs);
			} else {
				yep_slab_usage(&ctx->ys, &u);
				KUNIT_EXPECT_EQ(test, u.foreign_slabs, 0);
			}
			if (!counted && !yep_slab_counts(&ctx->ys, &now))
				KUNIT_EXPECT_EQ(test, now.num_slabs,
						grown.num_slabs);
		}

		yep_slab_release_all(&ctx->ys);
		yep_slab_shrink(&ctx->ys);
		expect_slabs(test, ctx, 0);
		ns = ktime_get_ns() - start;
		kunit_info(test, "%lu objects, %lu slabs: %llu us, %llu ns an object\n",
			   n, slabs, div_u64(ns, NSEC_PER_USEC), div_u64(ns, n));
	}
}

/*
 * page_owner holds a record, marked allocated, for every slab behind the
 * objects held: one a slab, whose order expect_grown() checks (the seed
 * reads the same records in debugfs; a built-in test runs before any file
 * system, so it reads page_ext instead).
 */
static void page_owner_records_each_slab(struct kunit *test)
{
	struct yep_test_ctx *ctx = yep_test_cache(test, 0);
	unsigned long recorded;
	int err;

	/* Asked before anything is checked: a skip would hide a failure. */
	err = yep_slab_owner_recorded(&ctx->ys, &recorded);
	if (err == -EOPNOTSUPP)
		kunit_skip(test, "needs CONFIG_PAGE_OWNER, built in (page_ext is not exported)");
	if (err == -ENODEV)
		kunit_skip(test, "needs page_owner=on");
	pin_to_this_cpu(test);
	hold_many(test, ctx, 3 * ctx->g.objects_per_slab);
	expect_grown(test, ctx, 3 * ctx->g.objects_per_slab);
	err = yep_slab_owner_recorded(&ctx->ys, &recorded);
	KUNIT_ASSERT_EQ(test, err, 0);
	KUNIT_EXPECT_EQ(test, recorded,
			model_held_slabs(ctx, 3 * ctx->g.objects_per_slab));
}

/* ---- sheaves (Linux 7.x) ------------------------------------------------ */

/*
 * What these cases cannot see: a sheaf's contents and the barn are
 * private to mm/slub.c (s->cpu_sheaves is opaque here).  What they can:
 * the capacity (s->sheaf_capacity), and for our private cache the objects
 * cached in sheaves and the barn, as the slabinfo counters count them in
 * use: cached = active_objs - objects held.
 */

/* Skips unless this kernel gives caches sheaves, and says why. */
static void require_sheaf_kernel(struct kunit *test)
{
	if (!yep_slab_kernel_has_sheaves())
		kunit_skip(test, "this kernel's SLUB has no sheaves (a per-CPU slab before 7.0)");
}

/* Skips unless the case's cache has sheaves, and says why. */
static void require_sheaves(struct kunit *test, struct yep_test_ctx *ctx)
{
	require_sheaf_kernel(test);
	if (ctx->g.layer != YEP_SLAB_LAYER_SHEAVES)
		kunit_skip(test, "no sheaves for this cache (layer %s): debug, TINY or NOLEAKTRACE",
			   yep_slab_layer_name(ctx->g.layer));
}

/*
 * The counters, or a skip where they cannot be read; a read that fails
 * after a check has failed fails the case (a skip would hide it).
 */
static void read_counts(struct kunit *test, struct yep_test_ctx *ctx,
			struct yep_slab_counts *c)
{
	int err = yep_slab_counts(&ctx->ys, c);

	if (err && test->status == KUNIT_FAILURE)
		KUNIT_ASSERT_EQ_MSG(test, err, 0, "slabinfo counters unreadable");
	if (err)
		kunit_skip(test, "needs the slabinfo counters (%d): cached objects show only there",
			   err);
}

/* The objects the per-CPU layer caches beyond those held. */
static unsigned long cached(struct yep_test_ctx *ctx,
			    const struct yep_slab_counts *c)
{
	return c->active_objs - ctx->ys.nr_objs;
}

/*
 * Frees @n objects held, newest first, one at a time, and returns how
 * many were cached (counted active, not held) when the first free reached
 * the slabs: the most the sheaves and the barn take from one CPU.  0 if
 * no free did; the case fails if the counters cannot be read.
 */
static unsigned long frees_until_flush(struct kunit *test,
				       struct yep_test_ctx *ctx,
				       unsigned long n)
{
	struct yep_slab_counts c;
	unsigned long f;

	for (f = 1; f <= n; f++) {
		yep_slab_release_at(&ctx->ys, ctx->ys.nr_objs - 1);
		read_counts(test, ctx, &c);
		if (cached(ctx, &c) != f)
			return f - 1;
	}
	return 0;
}

/*
 * Walks the case's cache (yep_slab_where()) into @map, or skips where this
 * build cannot walk: SLUB_TINY (no per-CPU layer) or SLUB's structures not
 * found in the kernel's source.  The caller frees @map.
 */
static void walk_cache(struct kunit *test, struct yep_test_ctx *ctx,
		       struct yep_slab_map *map, const char *when)
{
	if (!yep_slab_where_supported())
		kunit_skip(test, "no walk here: SLUB_TINY, or SLUB's structures not found");
	KUNIT_ASSERT_EQ_MSG(test, yep_slab_where(&ctx->ys, map), 0, "walk %s",
			    when);
}

/*
 * Every object of the cache is in exactly one place (yep_slab_where(),
 * a walk of SLUB's per-CPU and per-node structures): held, cached per
 * CPU (a CPU's slab or partial slabs; sheaves and the barn) or free in a
 * slab on a node's partial list.  The slabinfo counters say the same:
 * num_objs and num_slabs are all the walk finds, active_objs less those
 * held is what the per-CPU layer caches, and the rest is free in partial
 * slabs.  Checked after growth, after half and then all are released,
 * and after a shrink.
 */
static void expect_places(struct kunit *test, struct yep_test_ctx *ctx,
			  const char *when)
{
	struct yep_slab_counts c;
	struct yep_slab_map map;
	unsigned long per_cpu;

	read_counts(test, ctx, &c);
	walk_cache(test, ctx, &map, when);
	per_cpu = map.objects[YEP_SLAB_CPU_SLAB] +
		  map.objects[YEP_SLAB_CPU_PARTIAL] +
		  map.objects[YEP_SLAB_SHEAF] + map.objects[YEP_SLAB_RCU_SHEAF] +
		  map.objects[YEP_SLAB_BARN];
	KUNIT_EXPECT_EQ_MSG(test, map.objects[YEP_SLAB_HELD] + map.kfence,
			    ctx->ys.nr_objs, "held, %s", when);
	KUNIT_EXPECT_EQ_MSG(test, map.objects[YEP_SLAB_NOWHERE], 0,
			    "objects in no place, %s", when);
	KUNIT_EXPECT_EQ_MSG(test, map.nr_objects, c.num_objs,
			    "objects of the slabs walked, %s", when);
	KUNIT_EXPECT_EQ_MSG(test, map.nr_slabs, c.num_slabs,
			    "slabs walked, %s", when);
	KUNIT_EXPECT_EQ_MSG(test, per_cpu, cached(ctx, &c),
			    "cached per CPU = active_objs - held, %s", when);
	KUNIT_EXPECT_EQ_MSG(test, map.objects[YEP_SLAB_NODE_PARTIAL],
			    c.num_objs - c.active_objs,
			    "free in node partial slabs = num_objs - active_objs, %s",
			    when);
	yep_slab_map_free(&map);
}

static void every_object_has_one_place(struct kunit *test)
{
	struct yep_test_ctx *ctx = yep_test_param_cache(test);
	unsigned long n = 3 * ctx->g.objects_per_slab + 1;

	/* a quarantined object is in none of SLUB's places */
	if (IS_ENABLED(CONFIG_KASAN_GENERIC))
		kunit_skip(test, "KASAN generic quarantines freed objects");
	pin_to_this_cpu(test);
	hold_many(test, ctx, n);
	expect_places(test, ctx, "after growth");
	yep_slab_release(&ctx->ys, n / 2);
	expect_places(test, ctx, "after half is released");
	yep_slab_release_all(&ctx->ys);
	expect_places(test, ctx, "after all is released");
	if (ctx->g.flags & SLAB_TYPESAFE_BY_RCU)
		rcu_barrier();
	yep_slab_shrink(&ctx->ys);
	expect_places(test, ctx, "after a shrink");
}

/*
 * Frees cost no slab work until the main sheaf, the spare and the barn's
 * full sheaves are all full; then every C-th free flushes C objects back
 * to their slabs.  Followed free by free through active_objs: the first
 * free to reach a slab comes after L cached, L a multiple of C and more
 * than main and spare hold (how many full sheaves the barn takes is a
 * tunable's: tunables_match_model), and from there the cached count is
 * the model's for that L.
 */
static void sheaf_frees_cached_until_full(struct kunit *test)
{
	struct yep_test_ctx *ctx = yep_test_cache(test, 0);
	unsigned long cap = ctx->g.sheaf_capacity, n, f, limit, want;
	struct yep_slab_counts c;

	require_sheaves(test, ctx);
	read_counts(test, ctx, &c);
	if (frees_deferred(test))
		kunit_skip(test, "KASAN generic quarantines freed objects");
	pin_to_this_cpu(test);

	/* room for a barn four times the model's: a new limit fails one place */
	n = 4 * (YEP_MODEL_BARN_FULL_SHEAVES + 4) * cap;
	hold_many(test, ctx, n);
	read_counts(test, ctx, &c);
	KUNIT_EXPECT_EQ(test, cached(ctx, &c), 0);
	limit = frees_until_flush(test, ctx, n);
	KUNIT_ASSERT_NE_MSG(test, limit, 0, "%lu frees, none reached a slab", n);
	KUNIT_EXPECT_EQ_MSG(test, limit % cap, 0, "%lu cached", limit);
	KUNIT_EXPECT_GT(test, limit, 2 * cap);
	for (f = limit + 1; f <= n; f++) {
		if (f > limit + 1)
			yep_slab_release_at(&ctx->ys, ctx->ys.nr_objs - 1);
		read_counts(test, ctx, &c);
		want = yep_model_cached(limit, cap, f);
		KUNIT_EXPECT_EQ_MSG(test, cached(ctx, &c), want,
				    "after %lu frees (capacity %lu, %lu cached at most): active %lu, held %lu",
				    f, cap, limit, c.active_objs, ctx->ys.nr_objs);
		if (cached(ctx, &c) != want)
			break;	/* one message, not one a free */
	}
	kunit_info(test, "%lu freed: %lu cached, %lu slabs\n", n - ctx->ys.nr_objs,
		   cached(ctx, &c), c.num_slabs);
}

/* The full and the empty sheaves of the cache's barns, from a walk. */
static void read_barn(struct kunit *test, struct yep_test_ctx *ctx,
		      unsigned int *full, unsigned int *empty)
{
	struct yep_slab_map map;

	walk_cache(test, ctx, &map, "of the barns");
	*full = map.full_sheaves;
	*empty = map.empty_sheaves;
	yep_slab_map_free(&map);
}

/*
 * The barn hands back its newest full sheaf first.  A CPU's frees fill
 * the main sheaf, then the spare, then go to the barn a sheaf at a time,
 * each added at the head of its full list (barn_replace_full_sheaf(),
 * barn_put_full_sheaf()); an empty main sheaf, with the spare empty too,
 * takes the list's first (barn_replace_empty_sheaf()).  So of 5 * C
 * frees f(1) to f(5C), once main (f(5C) to f(4C + 1)) and the spare
 * (f(C) to f(1)) are used up, the allocations hand back f(4C) to
 * f(3C + 1), then f(3C) to f(2C + 1), then f(2C) to f(C + 1): the sheaf
 * freed last, the likeliest still in the CPU's cache, is used first.
 * None of it is slab work: the counters do not move.
 */
static void barn_hands_back_newest_sheaf_first(struct kunit *test)
{
	struct yep_test_ctx *ctx = yep_test_cache(test, 0);
	unsigned long cap = ctx->g.sheaf_capacity, n = 5 * cap, i;
	struct yep_slab_counts before, c;
	unsigned int full, empty;
	void **freed, *obj;

	require_sheaves(test, ctx);
	read_counts(test, ctx, &c);
	if (frees_deferred(test))
		kunit_skip(test, "KASAN generic quarantines freed objects");
	freed = kunit_kcalloc(test, n, sizeof(*freed), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, freed);
	pin_to_this_cpu(test);

	hold_many(test, ctx, n);
	for (i = 0; i < n; i++)
		freed[i] = yep_slab_release_at(&ctx->ys, ctx->ys.nr_objs - 1);
	read_barn(test, ctx, &full, &empty);
	KUNIT_ASSERT_EQ_MSG(test, full, 3,
			    "full sheaves in the barn after %lu frees (capacity %lu)",
			    n, cap);
	read_counts(test, ctx, &before);

	for (i = 0; i < 2 * cap; i++)	/* main's, then the spare's */
		hold_one(test, ctx);
	for (i = 4 * cap; i-- > cap; ) {
		obj = hold_one(test, ctx);
		KUNIT_EXPECT_PTR_EQ_MSG(test, obj, freed[i],
					"allocation %lu: not the %lu-th freed (the barn's sheaves, newest first)",
					6 * cap - i, i + 1);
		if (obj != freed[i])
			break;	/* one message, not one an object */
	}
	read_counts(test, ctx, &c);
	KUNIT_EXPECT_EQ(test, c.num_slabs, before.num_slabs);
	KUNIT_EXPECT_EQ(test, c.active_objs, before.active_objs);
}

/* The sheaf API (6.18 on) is built-in only: SLUB does not export it. */
#if defined(kmem_cache_alloc_from_sheaf) && !defined(MODULE)
/*
 * Prefills two sheaves, takes all but one object from the second (held)
 * and gives both back.  No assertion while a sheaf is out: .exit cannot
 * return it.
 */
static void prefill_two_return_both(struct kunit *test,
				    struct yep_test_ctx *ctx)
{
	unsigned long cap = ctx->g.sheaf_capacity, i;
	struct slab_sheaf *sheaf[2] = { };
	unsigned int k;
	void *obj;
	int err;

	for (k = 0; k < 2; k++) {
		sheaf[k] = kmem_cache_prefill_sheaf(ctx->ys.cache, GFP_KERNEL, 1);
		KUNIT_EXPECT_NOT_NULL(test, sheaf[k]);
		if (!sheaf[k])
			goto out;
		KUNIT_EXPECT_EQ(test, kmem_cache_sheaf_size(sheaf[k]), cap);
	}
	for (i = 1; i < cap; i++) {
		obj = kmem_cache_alloc_from_sheaf(ctx->ys.cache, GFP_KERNEL,
						  sheaf[1]);
		KUNIT_EXPECT_NOT_NULL(test, obj);
		if (!obj)
			goto out;
		err = yep_slab_keep(&ctx->ys, obj);
		KUNIT_EXPECT_EQ(test, err, 0);
		if (err)
			goto out;
	}
out:
	for (k = 0; k < 2; k++)
		if (sheaf[k])
			kmem_cache_return_sheaf(ctx->ys.cache, GFP_KERNEL, sheaf[k]);
}
#else
static void prefill_two_return_both(struct kunit *test,
				    struct yep_test_ctx *ctx)
{
	kunit_skip(test, "no sheaf API here: before 6.18, or a module (not exported)");
}
#endif

/*
 * A sheaf given back by kmem_cache_return_sheaf() becomes the CPU's spare
 * when the CPU has none; otherwise, while the barn takes another full
 * sheaf, it is refilled to the capacity and goes to the barn.  Two
 * sheaves prefilled (a prefill takes the CPU's spare, so there is none
 * after it), all but one object taken from the second: returned, the
 * first is the spare, and the second, topped up by the one object
 * missing, the barn's one full sheaf.
 */
static void returned_sheaf_goes_to_spare_then_barn(struct kunit *test)
{
	struct yep_test_ctx *ctx = yep_test_cache(test, 0);
	unsigned long cap = ctx->g.sheaf_capacity;
	struct yep_slab_map map;

	require_sheaves(test, ctx);
	pin_to_this_cpu(test);
	prefill_two_return_both(test, ctx);
	if (test->status == KUNIT_FAILURE)
		return;

	walk_cache(test, ctx, &map, "after both sheaves are back");
	KUNIT_EXPECT_EQ_MSG(test, map.objects[YEP_SLAB_SHEAF], cap,
			    "in the CPU's sheaves: the first sheaf, the spare");
	KUNIT_EXPECT_EQ_MSG(test, map.full_sheaves, 1, "full sheaves in the barn");
	KUNIT_EXPECT_EQ_MSG(test, map.objects[YEP_SLAB_BARN], cap,
			    "in the barn: the second sheaf, refilled");
	yep_slab_map_free(&map);
}

/*
 * Makes the case's cache anew, asking for sheaves of @capacity objects,
 * and reads its geometry again.
 */
static void yep_test_recreate_capacity(struct kunit *test,
				       struct yep_test_ctx *ctx,
				       unsigned int capacity)
{
#ifdef kmem_cache_alloc_from_sheaf	/* kmem_cache_args.sheaf_capacity: 6.18 on */
	yep_slab_destroy(&ctx->ys);
	KUNIT_ASSERT_EQ(test, yep_slab_create_capacity(&ctx->ys, TEST_CACHE_NAME,
						       capacity), 0);
	yep_slab_geometry(&ctx->ys, &ctx->g);
#else
	kunit_skip(test, "no kmem_cache_args.sheaf_capacity in this kernel (6.18 on)");
#endif
}

/*
 * A cache may ask for sheaves of at least a capacity of its choosing
 * (kmem_cache_args.sheaf_capacity, as the maple tree's nodes do) and gets
 * the larger of that and its own (calculate_sheaf_capacity()).  Asked for
 * twice its own, the cache's empty main sheaf is refilled with that many:
 * the first allocation takes exactly 2C objects off the slabs.
 */
static void sheaf_capacity_asked_for(struct kunit *test)
{
	struct yep_test_ctx *ctx = yep_test_cache(test, 0);
	unsigned int want = 2 * ctx->g.sheaf_capacity;
	struct yep_slab_counts c;

	require_sheaves(test, ctx);
	yep_test_recreate_capacity(test, ctx, want);
	KUNIT_ASSERT_EQ_MSG(test, ctx->g.sheaf_capacity, want,
			    "capacity of a cache that asked for %u", want);
	pin_to_this_cpu(test);
	hold_one(test, ctx);
	read_counts(test, ctx, &c);
	KUNIT_EXPECT_EQ_MSG(test, c.active_objs, want,
			    "taken off the slabs by the first allocation");
}

struct yep_rcu_object {
	struct rcu_head rcu;
};

/*
 * A full rcu_free sheaf goes to the barn after its grace period only
 * while the barn takes another full sheaf (MAX_FULL_SHEAVES); past that,
 * rcu_free_sheaf() sends its objects back to their slabs and keeps the
 * sheaf, empty, in the barn for the next CPU that needs one (up to
 * MAX_EMPTY_SHEAVES).  With the barn filled by one CPU's frees
 * (frees_until_flush()) and the CPU's rcu_free sheaf begun by one
 * kfree_rcu(), C - 1 more fill it: after rcu_barrier(), the cached count
 * is what it was before them, the barn holds as many full sheaves as
 * before and one empty sheaf more.
 */
static void rcu_sheaf_flushed_when_barn_full(struct kunit *test)
{
	struct yep_test_ctx *ctx = yep_test_cache(test, 0);
	unsigned long cap = ctx->g.sheaf_capacity, n, i, limit, was;
	unsigned int full, empty, full_after, empty_after;
	struct yep_rcu_object *obj;
	struct yep_slab_counts c;

	require_sheaves(test, ctx);
	read_counts(test, ctx, &c);
	if (frees_deferred(test))
		kunit_skip(test, "KASAN generic quarantines freed objects");
	if (!IS_ENABLED(CONFIG_KVFREE_RCU_BATCHED) || IS_ENABLED(CONFIG_PREEMPT_RT))
		kunit_skip(test, "kfree_rcu() skips sheaves on PREEMPT_RT or !KVFREE_RCU_BATCHED");
	pin_to_this_cpu(test);

	/* as sheaf_frees_cached_until_full(), and C left for kfree_rcu() */
	n = 4 * (YEP_MODEL_BARN_FULL_SHEAVES + 4) * cap;
	hold_many(test, ctx, n + cap);
	limit = frees_until_flush(test, ctx, n);
	KUNIT_ASSERT_NE_MSG(test, limit, 0, "%lu frees, none reached a slab", n);
	read_counts(test, ctx, &c);
	was = cached(ctx, &c);

	for (i = 0; i < cap; i++) {
		obj = yep_slab_forget_at(&ctx->ys, ctx->ys.nr_objs - 1);
		kfree_rcu(obj, rcu);
		if (i == 0)	/* the rcu_free sheaf is the CPU's now */
			read_barn(test, ctx, &full, &empty);
	}
	rcu_barrier();
	read_counts(test, ctx, &c);
	read_barn(test, ctx, &full_after, &empty_after);
	KUNIT_EXPECT_EQ_MSG(test, cached(ctx, &c), was,
			    "cached after a full barn's rcu sheaf (%lu before it)",
			    was);
	KUNIT_EXPECT_EQ_MSG(test, full_after, full, "full sheaves in the barn");
	KUNIT_EXPECT_EQ_MSG(test, empty_after, empty + 1,
			    "empty sheaves in the barn: the rcu sheaf's not kept");
}

/*
 * A CPU going offline gives back what its per-CPU layer cached
 * (slub_cpu_dead(): its slab and partial slabs on 6.x, its sheaves on
 * 7.x): with two slabs' worth taken on a second CPU and one object of
 * each slab freed there, objects are cached beyond those held; once that
 * CPU is offline, none are.  The CPU comes back before anything is
 * checked, on every path: nothing between remove_cpu() and add_cpu() can
 * end the case.  Needs CONFIG_HOTPLUG_CPU and a CPU that may go offline;
 * a slow case (a CPU taken down and up), as kunit.py's attributes say.
 */
static void cpu_offline_gives_back_its_cache(struct kunit *test)
{
	struct yep_test_ctx *ctx = yep_test_cache(test, 0);
	unsigned int here, there, cpu;
	struct yep_slab_counts c;
	int err, counted;

	read_counts(test, ctx, &c);
	if (ctx->g.layer == YEP_SLAB_LAYER_NONE)
		kunit_skip(test, "no per-CPU layer for this cache: nothing to give back");
	if (!IS_ENABLED(CONFIG_HOTPLUG_CPU))
		kunit_skip(test, "needs CONFIG_HOTPLUG_CPU");
	if (frees_deferred(test))
		kunit_skip(test, "KASAN generic quarantines freed objects");
	here = raw_smp_processor_id();
	there = nr_cpu_ids;
	for_each_online_cpu(cpu)
		if (cpu != here)
			there = cpu;
	if (there >= nr_cpu_ids)
		kunit_skip(test, "needs two online CPUs");

	pin_to_cpu(test, there);
	hold_many(test, ctx, 2 * ctx->g.objects_per_slab);
	yep_slab_release_at(&ctx->ys, ctx->ys.nr_objs - 1);
	yep_slab_release_at(&ctx->ys, 0);
	read_counts(test, ctx, &c);
	KUNIT_EXPECT_GT_MSG(test, cached(ctx, &c), 0,
			    "CPU %u caches nothing to give back", there);

	pin_to_cpu(test, here);
	err = remove_cpu(there);
	if (err)
		kunit_skip(test, "CPU %u cannot go offline here (%d)", there, err);
	counted = yep_slab_counts(&ctx->ys, &c);
	KUNIT_EXPECT_EQ_MSG(test, add_cpu(there), 0, "CPU %u not back", there);
	KUNIT_ASSERT_EQ(test, counted, 0);
	KUNIT_EXPECT_EQ_MSG(test, cached(ctx, &c), 0,
			    "CPU %u offline, objects still cached: active %lu, held %lu",
			    there, c.active_objs, ctx->ys.nr_objs);
}

/*
 * The barn is how one CPU's frees serve another CPU of the node without
 * a slab: 3 * C frees on one CPU leave the main sheaf and the spare full
 * and one full sheaf in the barn (sheaf_reuse_is_lifo); another CPU of
 * the same node, with an empty main sheaf and no spare, takes that full
 * sheaf for its next allocation (barn_replace_empty_sheaf()) and hands
 * out f(2C) to f(C + 1), last freed first, nothing taken from a slab.
 */
/*
 * kfree_rcu() of an object of a cache with sheaves puts it in the CPU's
 * rcu_free sheaf (__kfree_rcu_sheaf()); a full one goes, after a grace
 * period, to the barn as a full sheaf (rcu_free_sheaf()), its objects
 * still counted in use.  So C objects freed by kfree_rcu() on a CPU whose
 * main sheaf and spare are empty are, after rcu_barrier(), all cached and
 * none back in a slab, and the next C allocations there hand out exactly
 * those, last freed first, with no slab work.
 */
/*
 * The sheaf API (built in only: not exported) hands out what it took:
 * kmem_cache_prefill_sheaf() gives a sheaf of at least the size asked
 * for, up to the capacity, or exactly the size asked for above it (an
 * oversize sheaf); the slabs gave exactly what the sheaves hold;
 * kmem_cache_alloc_from_sheaf() serves that many objects of the cache
 * and no slab work, then NULL; kmem_cache_return_sheaf() takes back a
 * sheaf not yet emptied, and after a shrink nothing is left in use.
 */
/*
 * An empty slab is kept on its node's partial list only while fewer than
 * min_partial slabs are there, and discarded otherwise
 * (free_to_partial_list(), __slab_free(); on 6.x also __put_partials()
 * and deactivate_slab() for slabs a CPU held).  2 * min_partial + 2 slabs
 * are freed, the per-CPU layer flushed (validate), in two orders:
 * - slab by slab: where each slab empties on the list, counting itself
 *   (no per-CPU layer, more than one object a slab), min_partial - 1 are
 *   kept; where a slab empties off the list (a CPU's slab or partial
 *   slabs on 6.x, or full to empty at once), min_partial;
 * - first one object of every slab, flushed, then the rest: every slab
 *   empties on the list, and min_partial - 1 are kept.
 * With sheaves the barn keeps full sheaves past the flush, their objects
 * in slabs that are not empty, and the order objects reach the slabs is
 * the sheaves': no count is exact, and the case skips (slub_alloc checks
 * min_partial on caches without sheaves).
 */
static void empty_slabs_kept_to_min_partial(struct kunit *test)
{
	struct yep_test_ctx *ctx = yep_test_param_cache(test);
	unsigned long per = ctx->g.objects_per_slab, mp = ctx->g.min_partial;
	unsigned long slabs = 2 * mp + 2, i, nr, kept, *pfns;
	struct yep_slab_counts c;

	read_counts(test, ctx, &c);
	if (ctx->g.layer == YEP_SLAB_LAYER_SHEAVES)
		kunit_skip(test, "the barn keeps objects past a flush: not exact with sheaves");
	if (frees_deferred(test))
		kunit_skip(test, "KASAN generic quarantines freed objects");
	if (yep_slab_validate(&ctx->ys) < 0)
		kunit_skip(test, "needs validate_slab_cache() to flush the per-CPU layer");
	pin_to_this_cpu(test);

	hold_many(test, ctx, slabs * per);
	yep_slab_release_all(&ctx->ys);
	yep_slab_validate(&ctx->ys);
	read_counts(test, ctx, &c);
	kept = ctx->g.layer == YEP_SLAB_LAYER_CPU_SLAB || per == 1 ? mp : mp - 1;
	kunit_info(test, "freed slab by slab: %lu slabs kept, min_partial %lu\n",
		   c.num_slabs, mp);
	KUNIT_EXPECT_EQ_MSG(test, c.num_slabs, kept,
			    "freed slab by slab, min_partial %lu", mp);
	yep_slab_shrink(&ctx->ys);
	if (per < 2)
		return;	/* one object a slab: the two orders are one */

	hold_many(test, ctx, slabs * per);
	pfns = kunit_kcalloc(test, slabs + 1, sizeof(*pfns), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pfns);
	nr = yep_slab_slab_pfns(&ctx->ys, pfns, slabs + 1);
	for (i = 0; i < nr; i++)
		release_in_slab(test, ctx, pfns[i]);
	yep_slab_validate(&ctx->ys);
	read_counts(test, ctx, &c);
	KUNIT_EXPECT_EQ_MSG(test, c.num_slabs, nr,
			    "one object freed from each slab");
	yep_slab_release_all(&ctx->ys);
	yep_slab_validate(&ctx->ys);
	read_counts(test, ctx, &c);
	kunit_info(test, "freed one of each slab first: %lu slabs kept\n",
		   c.num_slabs);
	KUNIT_EXPECT_EQ_MSG(test, c.num_slabs, mp - 1,
			    "each slab emptied on the list, min_partial %lu", mp);
}

/* ---- SLUB's tunables ---------------------------------------------------- */

/* The tunables of the cache in @ctx, against the model; @name its flag set. */
static void expect_tunables(struct kunit *test, struct yep_test_ctx *ctx,
			    const char *name, const struct yep_order_knobs *k)
{
	const struct yep_slab_geometry *g = &ctx->g;

	KUNIT_EXPECT_EQ_MSG(test, g->order, yep_model_order(g->size, k),
			    "%s: order of size %u (calculate_order(): min_objects %u, slab_min_order %u, slab_max_order %u)",
			    name, g->size, yep_model_min_objects(k),
			    k->min_order, k->max_order);
	KUNIT_EXPECT_EQ_MSG(test, g->min_partial, yep_model_min_partial(g),
			    "%s: min_partial of size %u (ilog2(size) / 2, MIN_PARTIAL %d, MAX_PARTIAL %d)",
			    name, g->size, YEP_MODEL_MIN_PARTIAL,
			    YEP_MODEL_MAX_PARTIAL);
#ifdef CONFIG_SLUB_CPU_PARTIAL
	KUNIT_EXPECT_EQ_MSG(test, g->cpu_partial, yep_model_cpu_partial(g),
			    "%s: cpu_partial of size %u (set_cpu_partial())",
			    name, g->size);
	KUNIT_EXPECT_EQ_MSG(test, g->cpu_partial_slabs,
			    DIV_ROUND_UP(2 * g->cpu_partial, g->objects_per_slab),
			    "%s: cpu_partial_slabs for %u objects (slub_set_cpu_partial(): slabs half full)",
			    name, g->cpu_partial);
#endif
	if (yep_slab_kernel_has_sheaves())
		KUNIT_EXPECT_EQ_MSG(test, g->sheaf_capacity,
				    yep_model_sheaf_capacity(g),
				    "%s: sheaf capacity of size %u (calculate_sheaf_capacity())",
				    name, g->size);
}

/*
 * SLUB's tunables, restated in one place: the order calculate_order()
 * picks (slab_min_objects, slab_max_order and their defaults, the waste
 * fractions, debug_guardpage_minorder), min_partial (MIN_PARTIAL,
 * MAX_PARTIAL), cpu_partial and cpu_partial_slabs (6.x), the sheaf
 * capacity and the barn's MAX_FULL_SHEAVES (7.x), for each flag set and
 * for plain caches of 64, 256 and 1024 bytes (the other size classes).
 * Every other case takes these from the cache itself, so a patch that
 * retunes SLUB fails this case alone, the message naming the tunable, and
 * has this model to update, not the suite.
 */
static void tunables_match_model(struct kunit *test)
{
	struct yep_test_ctx *ctx = test->priv;
	struct yep_order_knobs knobs;
	unsigned long cap, limit;
	char *cmdline, name[KUNIT_PARAM_DESC_SIZE];
	int i;

	cmdline = kunit_kzalloc(test, COMMAND_LINE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, cmdline);
	KUNIT_ASSERT_EQ_MSG(test, yep_cmdline(cmdline, COMMAND_LINE_SIZE), 0,
			    "command line unreadable");
	yep_order_knobs(cmdline, &knobs);

	for (i = 0; i < ARRAY_SIZE(yep_flag_sets); i++) {
		const struct yep_flag_set *p = &yep_flag_sets[i];

		if ((p->flags & (SLAB_CONSISTENCY_CHECKS | YEP_METADATA_FLAGS)) &&
		    !IS_ENABLED(CONFIG_SLUB_DEBUG))
			continue;
		KUNIT_ASSERT_EQ(test, yep_slab_create_ctor(&ctx->ys,
							   TEST_CACHE_NAME,
							   YEP_SLAB_OBJECT_SIZE,
							   p->flags, p->ctor), 0);
		yep_slab_geometry(&ctx->ys, &ctx->g);
		expect_tunables(test, ctx, p->name, &knobs);
		yep_slab_destroy(&ctx->ys);
	}

	/* The size classes of the rules: 4, 12, 26, 60 objects a sheaf; ... */
	for (i = 0; i < ARRAY_SIZE(yep_sizes); i++) {
		yep_size_desc(&yep_sizes[i], name);
		KUNIT_ASSERT_EQ(test, yep_slab_create_sized(&ctx->ys,
							    TEST_CACHE_NAME,
							    yep_sizes[i], 0), 0);
		yep_slab_geometry(&ctx->ys, &ctx->g);
		expect_tunables(test, ctx, name, &knobs);
		yep_slab_destroy(&ctx->ys);
	}

	/* The barn's limit shows in what the frees of one CPU cache. */
	ctx = yep_test_cache(test, 0);
	cap = ctx->g.sheaf_capacity;
	if (ctx->g.layer != YEP_SLAB_LAYER_SHEAVES || frees_deferred(test))
		return;
	pin_to_this_cpu(test);
	hold_many(test, ctx, (YEP_MODEL_BARN_FULL_SHEAVES + 4) * cap);
	limit = frees_until_flush(test, ctx, ctx->ys.nr_objs);
	KUNIT_EXPECT_EQ_MSG(test, limit,
			    (2 + YEP_MODEL_BARN_FULL_SHEAVES) * cap,
			    "objects one CPU's frees cache, capacity %lu (main, spare and MAX_FULL_SHEAVES %d)",
			    cap, YEP_MODEL_BARN_FULL_SHEAVES);
}

/* ---- caches as kernel code creates them; a machine with more nodes ---- */

/* The flag sets that keep SLUB out of a free object (see yep_ctor()). */
static const struct yep_flag_set yep_kept_sets[] = {
	{ "ctor",		0,			yep_ctor },
	{ "typesafe_by_rcu",	SLAB_TYPESAFE_BY_RCU },
	{ "ctor-FZPU",		SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE |
				SLAB_POISON | SLAB_STORE_USER, yep_ctor },
};

KUNIT_ARRAY_PARAM(yep_kept, yep_kept_sets, yep_flag_set_desc);

/* Where SLUB wrote into @obj, which holds the pattern: -1 for nowhere. */
static long written_at(const void *obj)
{
	const void *w = memchr_inv(obj, YEP_CTOR_BYTE, YEP_SLAB_OBJECT_SIZE);

	return w ? w - obj : -1;
}

/* Where @obj is among the objects held. */
static unsigned long held_index(struct kunit *test, struct yep_test_ctx *ctx,
				const void *obj)
{
	unsigned long i;

	for (i = 0; i < ctx->ys.nr_objs && ctx->ys.objs[i] != obj; i++)
		;
	KUNIT_ASSERT_LT_MSG(test, i, ctx->ys.nr_objs, "object not held");
	return i;
}

/* The index of the first object held in the slab of object @i. */
static unsigned long first_in_slab(struct yep_test_ctx *ctx, unsigned long i)
{
	unsigned long pfn = yep_slab_pfn_of(ctx->ys.objs[i]), j;

	for (j = 0; j < i && yep_slab_pfn_of(ctx->ys.objs[j]) != pfn; j++)
		;
	return j;
}

/*
 * A constructed object, or one of a SLAB_TYPESAFE_BY_RCU cache, is never
 * written by SLUB while free: calculate_sizes() moves the free pointer
 * past the object, so the constructed state survives a free and an RCU
 * reader of a freed object still reads the object.  Three slabs' worth
 * held (a constructor call for each object of each slab taken, and no
 * other), all but one object of each slab freed (no slab empties, none
 * goes), the per-CPU layer and the barn flushed by a shrink, so that the
 * frees reach the slabs' freelists: every freed object still holds its
 * pattern.  Allocated again, constructed objects come back constructed,
 * and the constructor has run once for each object of each slab taken.
 */
static void free_objects_keep_their_contents(struct kunit *test)
{
	const struct yep_flag_set *p = yep_param(test);
	struct yep_test_ctx *ctx = yep_test_cache_ctor(test,
						       YEP_SLAB_OBJECT_SIZE,
						       p->flags, p->ctor);
	unsigned long per = ctx->g.objects_per_slab, n = 3 * per;
	unsigned long i, nr_freed = 0;
	struct yep_slab_counts c;
	void **freed;

	if (IS_ENABLED(CONFIG_KASAN))
		kunit_skip(test, "KASAN reports a read of a freed object");
	if (want_init_on_free())
		kunit_skip(test, "init_on_free clears every freed object");
	if (per < 2)
		kunit_skip(test, "one object a slab: a slab would empty and go");
	pin_to_this_cpu(test);

	hold_many(test, ctx, n);
	if (p->ctor && counts_readable(test, ctx, &c))
		KUNIT_EXPECT_EQ_MSG(test, atomic_long_read(&yep_ctor_calls),
				    c.num_slabs * per,
				    "constructor calls for %lu slabs of %lu",
				    c.num_slabs, per);
	for (i = 0; i < n; i++) {
		if (p->ctor)
			KUNIT_EXPECT_EQ_MSG(test, written_at(ctx->ys.objs[i]), -1,
					    "object %lu not constructed", i);
		else
			memset(ctx->ys.objs[i], YEP_CTOR_BYTE,
			       YEP_SLAB_OBJECT_SIZE);
	}

	freed = kunit_kcalloc(test, n, sizeof(*freed), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, freed);
	for (i = n; i-- > 0;)
		if (first_in_slab(ctx, i) != i)
			freed[nr_freed++] = yep_slab_forget_at(&ctx->ys, i);
	KUNIT_ASSERT_GT(test, nr_freed, 0);
	for (i = 0; i < nr_freed; i++)
		kmem_cache_free(ctx->ys.cache, freed[i]);
	yep_slab_shrink(&ctx->ys);

	/* The slabs live (an object held in each): read as RCU readers do. */
	rcu_read_lock();
	for (i = 0; i < nr_freed; i++)
		KUNIT_EXPECT_EQ_MSG(test, written_at(freed[i]), -1,
				    "freed object %lu of %lu written", i, nr_freed);
	rcu_read_unlock();

	if (!p->ctor)
		return;
	hold_many(test, ctx, nr_freed);
	for (i = 0; i < ctx->ys.nr_objs; i++)
		KUNIT_EXPECT_EQ_MSG(test, written_at(ctx->ys.objs[i]), -1,
				    "object %lu not constructed again", i);
	if (counts_readable(test, ctx, &c))
		KUNIT_EXPECT_EQ_MSG(test, atomic_long_read(&yep_ctor_calls),
				    c.num_slabs * per,
				    "constructor calls for %lu slabs of %lu, reused",
				    c.num_slabs, per);
}

/* Accounted caches: the seed's plain layout, and its debug one (7 a slab). */
static const struct yep_flag_set yep_account_sets[] = {
	{ "account",	SLAB_ACCOUNT },
	{ "account-U",	SLAB_ACCOUNT | SLAB_STORE_USER },
};

KUNIT_ARRAY_PARAM(yep_account, yep_account_sets, yep_flag_set_desc);

/*
 * Where a new slab of an accounted cache keeps its obj_exts vector (one
 * entry of @entry bytes an object), as SLUB decides it.  7.x
 * (alloc_slab_obj_exts_early()): in the slab, past the last object and
 * aligned to an entry, if the vector fits there
 * (obj_exts_fit_within_slab_leftover()); else in each object's alignment
 * slack, where calculate_sizes() found room (SLAB_OBJ_EXT_IN_OBJ); else
 * apart, allocated by account_slab().  6.x: always apart.
 */
static enum yep_slab_exts model_exts(const struct yep_slab_geometry *g,
				     unsigned long entry)
{
#ifdef SLAB_OBJ_EXT_IN_OBJ
	unsigned long per = g->objects_per_slab;
	unsigned long at = ALIGN((unsigned long)g->size * per, entry);

	if (at + entry * per <= PAGE_SIZE << g->order)
		return YEP_SLAB_EXTS_LEFTOVER;
	if (g->flags & SLAB_OBJ_EXT_IN_OBJ)
		return YEP_SLAB_EXTS_IN_OBJECT;
#endif
	return YEP_SLAB_EXTS_APART;
}

/*
 * The newest object held, freed and taken again under @memcg (NULL: under
 * none, as a kthread's own allocations are): the same object comes back,
 * charged to @memcg.
 */
static void expect_retaken_charged_to(struct kunit *test,
				      struct yep_test_ctx *ctx,
				      struct mem_cgroup *memcg)
{
	unsigned long freed;
	void *obj;

	set_active_memcg(memcg);
	freed = untagged(yep_slab_release_at(&ctx->ys, ctx->ys.nr_objs - 1));
	obj = hold_one(test, ctx);
	KUNIT_EXPECT_EQ(test, untagged(obj), freed);
	KUNIT_EXPECT_PTR_EQ_MSG(test, yep_memcg_of(obj), memcg,
				"freed, then taken %s the cgroup",
				memcg ? "under" : "outside");
}

/*
 * SLAB_ACCOUNT: each object taken under a memory cgroup is charged to it
 * (memcg_slab_post_alloc_hook(): the cgroup's objcg in the object's entry
 * of its slab's obj_exts vector), in slabs the plain cache would take,
 * each slab keeping its vector where SLUB's rule puts it (model_exts());
 * the charge goes with the free (memcg_slab_free_hook() clears the
 * entry): the freed object, taken again outside any cgroup (a kthread's
 * own allocations are charged to none), is charged to none, and taken
 * again under the cgroup is charged to it again; freed all by one
 * kmem_cache_free_bulk() and taken again outside the cgroup from the same
 * slabs, every one is charged to none.
 */
static void accounted_objects_charged_until_freed(struct kunit *test)
{
	struct yep_test_ctx *ctx = yep_test_param_cache(test);
	struct mem_cgroup *memcg = ctx->memcg.memcg;
	unsigned long n = 2 * ctx->g.objects_per_slab + 1, i;
	unsigned long entry = yep_slab_obj_ext_size(&ctx->ys);
	unsigned long pfns[8], nr;
	enum yep_slab_exts where;
	void *obj;

	KUNIT_ASSERT_GT(test, entry, 0);
	where = model_exts(&ctx->g, entry);
	kunit_info(test, "obj_exts %s: %lu bytes an object, %u objects of %u in %lu bytes\n",
		   yep_slab_exts_name(where), entry, ctx->g.objects_per_slab,
		   ctx->g.size, PAGE_SIZE << ctx->g.order);
	pin_to_this_cpu(test);
	hold_many(test, ctx, n);
	expect_grown(test, ctx, n);
	for (i = 0; i < n; i++) {
		obj = ctx->ys.objs[i];
		KUNIT_EXPECT_PTR_EQ_MSG(test, yep_memcg_of(obj), memcg,
					"object %lu of %lu", i, n);
		KUNIT_EXPECT_STREQ_MSG(test,
				       yep_slab_exts_name(yep_slab_exts_of(obj)),
				       yep_slab_exts_name(where),
				       "obj_exts of object %lu's slab", i);
	}
	if (frees_deferred(test))
		return;

	expect_retaken_charged_to(test, ctx, NULL);
	expect_retaken_charged_to(test, ctx, memcg);
	expect_grown(test, ctx, n);

	/*
	 * All of them by one bulk free, taken again outside the cgroup from
	 * the slabs they emptied, where SLUB keeps those.
	 */
	set_active_memcg(NULL);
	nr = yep_slab_slab_pfns(&ctx->ys, pfns, ARRAY_SIZE(pfns));
	KUNIT_ASSERT_LE(test, nr, ARRAY_SIZE(pfns) - 1);
	if (!emptied_slabs_kept(test, ctx, nr))
		return;
	yep_slab_release_bulk(&ctx->ys, n);
	KUNIT_ASSERT_EQ(test, yep_slab_hold_bulk(&ctx->ys, n), 0);
	KUNIT_EXPECT_EQ_MSG(test, new_slabs(test, ctx, pfns, nr), 0,
			    "the bulk allocation reuses the slabs it freed to");
	for (i = 0; i < n; i++)
		KUNIT_EXPECT_PTR_EQ_MSG(test, yep_memcg_of(ctx->ys.objs[i]),
					NULL, "bulk freed, object %lu taken outside",
					i);
}

/*
 * A CONFIG_SLUB_STATS counter of the case's cache, summed over CPUs: what
 * SLUB itself counted, a second oracle where the kernel has the counters
 * (the matrix's stats rows).  Only called under IS_ENABLED(CONFIG_SLUB_STATS).
 */
static unsigned long stat_of(struct kunit *test, struct yep_test_ctx *ctx,
			     const char *name)
{
	unsigned long v;

	KUNIT_ASSERT_EQ_MSG(test, yep_slab_stat(&ctx->ys, name, &v), 0,
			    "SLUB_STATS counter %s unreadable", name);
	return v;
}

/*
 * The free path SLUB counted for one free, against what the layer says:
 * to the sheaf (7.x: free_fastpath), or to a slab (free_slowpath), and of
 * those on 6.x a full slab to this CPU's partial list (cpu_partial_free).
 */
struct yep_free_stats {
	unsigned long fast, slow, cpu_partial;
};

static void read_free_stats(struct kunit *test, struct yep_test_ctx *ctx,
			    struct yep_free_stats *st)
{
	st->fast = stat_of(test, ctx, "free_fastpath");
	st->slow = stat_of(test, ctx, "free_slowpath");
	st->cpu_partial = ctx->g.layer == YEP_SLAB_LAYER_CPU_SLAB ?
			  stat_of(test, ctx, "cpu_partial_free") : 0;
}

/* What SLUB counted since @before: @fast, @slow and @cpu_partial frees. */
static void expect_free_counts(struct kunit *test, struct yep_test_ctx *ctx,
			       const struct yep_free_stats *before,
			       unsigned long fast, unsigned long slow,
			       unsigned long cpu_partial)
{
	struct yep_free_stats now;

	if (!IS_ENABLED(CONFIG_SLUB_STATS))
		return;
	read_free_stats(test, ctx, &now);
	KUNIT_EXPECT_EQ_MSG(test, now.fast - before->fast, fast,
			    "free_fastpath");
	KUNIT_EXPECT_EQ_MSG(test, now.slow - before->slow, slow,
			    "free_slowpath");
	KUNIT_EXPECT_EQ_MSG(test, now.cpu_partial - before->cpu_partial,
			    cpu_partial, "cpu_partial_free");
}

/* One free's path: to the sheaf, else to a slab; to this CPU's partials. */
static void expect_free_path(struct kunit *test, struct yep_test_ctx *ctx,
			     const struct yep_free_stats *before,
			     bool to_sheaf, bool to_cpu_partial)
{
	expect_free_counts(test, ctx, before, to_sheaf, !to_sheaf,
			   to_cpu_partial);
}

/* A node with memory other than @node, or NUMA_NO_NODE. */
static int other_memory_node(int node)
{
	int nid;

	for_each_node_state(nid, N_MEMORY)
		if (nid != node)
			return nid;
	return NUMA_NO_NODE;
}

/* Skips unless a node with memory other than this CPU's exists. */
static int require_remote_node(struct kunit *test)
{
	int remote = other_memory_node(numa_mem_id());

	if (remote == NUMA_NO_NODE)
		kunit_skip(test, "one node with memory: boot QEMU with two -numa nodes");
	return remote;
}

/* Another online CPU of this CPU's node; skips when there is none. */
static unsigned int require_neighbour_cpu(struct kunit *test)
{
	unsigned int here = raw_smp_processor_id(), there;

	for_each_cpu(there, cpumask_of_node(cpu_to_node(here)))
		if (there != here && cpu_online(there))
			return there;
	kunit_skip(test, "one CPU on this node: boot with -smp 2 or more");
	return here;
}

/* The node of the memory an object lies in. */
static int node_of(const void *obj)
{
	return page_to_nid(virt_to_page(obj));
}

static void *hold_on_node(struct kunit *test, struct yep_test_ctx *ctx,
			  int node)
{
	void *obj = yep_slab_hold_node(&ctx->ys, node);

	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(obj), "hold on node %d: %ld",
			       node, PTR_ERR(obj));
	return obj;
}

/*
 * kmem_cache_alloc_node() returns an object of the node asked for, never
 * one the per-CPU layer cached from this CPU's node: the sheaves serve
 * their own node only (alloc_from_pcs()), a per-CPU slab of another node
 * is given up (node_match()).  Asked between plain allocations, which
 * load the per-CPU layer from the local node, and for more than a slab's
 * worth.  Asking for the local node, or for none, gets a local object.
 */
static void alloc_node_gets_that_node(struct kunit *test)
{
	struct yep_test_ctx *ctx = yep_test_cache(test, 0);
	unsigned long per = ctx->g.objects_per_slab, i;
	unsigned long mismatch = 0;
	int local, remote;

	pin_to_this_cpu(test);
	local = numa_mem_id();
	remote = require_remote_node(test);

	KUNIT_EXPECT_EQ(test, node_of(hold_one(test, ctx)), local);
	if (IS_ENABLED(CONFIG_SLUB_STATS))
		mismatch = stat_of(test, ctx, "alloc_node_mismatch");
	for (i = 0; i < 2 * per + 1; i++)
		KUNIT_EXPECT_EQ_MSG(test, node_of(hold_on_node(test, ctx, remote)),
				    remote, "allocation %lu asked for node %d",
				    i, remote);
	KUNIT_EXPECT_EQ(test, node_of(hold_on_node(test, ctx, local)), local);
	KUNIT_EXPECT_EQ(test, node_of(hold_one(test, ctx)), local);
	KUNIT_EXPECT_EQ(test, node_of(hold_on_node(test, ctx, remote)), remote);
	/* SLUB saw the per-CPU layer hold the wrong node, and went past it */
	if (IS_ENABLED(CONFIG_SLUB_STATS))
		KUNIT_EXPECT_GT(test, stat_of(test, ctx, "alloc_node_mismatch"),
				mismatch);
}

/*
 * The objects to hold so that the first one's slab is full and the
 * per-CPU layer has moved past it: three slabs' or sheaves' worth.
 */
static unsigned long past_first_slab(struct yep_test_ctx *ctx)
{
	return 3 * max(ctx->g.objects_per_slab, ctx->g.sheaf_capacity);
}

/*
 * Skips unless the cache's per-CPU layer keeps what a CPU frees: sheaves
 * (7.x) or per-CPU partial slabs (6.x with SLUB_CPU_PARTIAL).
 */
static void require_free_layer(struct kunit *test, struct yep_test_ctx *ctx)
{
	if (ctx->g.layer == YEP_SLAB_LAYER_NONE)
		kunit_skip(test, "no per-CPU layer: debug, TINY or NOLEAKTRACE");
	if (ctx->g.layer == YEP_SLAB_LAYER_CPU_SLAB && !ctx->g.cpu_partial_slabs)
		kunit_skip(test, "no per-CPU partial slabs (SLUB_CPU_PARTIAL)");
	if (frees_deferred(test))
		kunit_skip(test, "KASAN generic: the free waits in quarantine");
}

/* The first object held, its slab full: asserts that it is. */
static void expect_first_slab_full(struct kunit *test,
				   struct yep_test_ctx *ctx)
{
	unsigned long pfn = yep_slab_pfn_of(ctx->ys.objs[0]), i, in = 0;

	for (i = 0; i < ctx->ys.nr_objs; i++)
		in += yep_slab_pfn_of(ctx->ys.objs[i]) == pfn;
	KUNIT_ASSERT_EQ_MSG(test, in, ctx->g.objects_per_slab,
			    "the first object's slab is not full");
}

/*
 * An object freed on another CPU than the one that took it stays with
 * the CPU that freed it: in that CPU's sheaf (7.x, free_to_pcs()), or its
 * full slab on that CPU's partial list (6.x, __slab_free() and
 * put_cpu_partial()).  Either way /proc/slabinfo still counts it in use,
 * and that CPU's next allocation is that object.
 */
static void free_on_another_cpu_stays_there(struct kunit *test)
{
	struct yep_test_ctx *ctx = yep_test_cache(test, 0);
	unsigned int there;
	struct yep_slab_counts before, after;
	struct yep_free_stats st;
	unsigned long freed;
	bool counts;

	require_free_layer(test, ctx);
	pin_to_this_cpu(test);
	there = require_neighbour_cpu(test);

	hold_many(test, ctx, past_first_slab(ctx));
	expect_first_slab_full(test, ctx);
	counts = counts_readable(test, ctx, &before);

	pin_to_cpu(test, there);
	if (IS_ENABLED(CONFIG_SLUB_STATS))
		read_free_stats(test, ctx, &st);
	freed = untagged(yep_slab_release_at(&ctx->ys, 0));
	expect_free_path(test, ctx, &st,
			 ctx->g.layer == YEP_SLAB_LAYER_SHEAVES,
			 ctx->g.layer == YEP_SLAB_LAYER_CPU_SLAB);
	if (counts && counts_readable(test, ctx, &after))
		KUNIT_EXPECT_EQ_MSG(test, after.active_objs, before.active_objs,
				    "the free on CPU %u reached the node lists (layer %s)",
				    there, yep_slab_layer_name(ctx->g.layer));
	KUNIT_EXPECT_EQ_MSG(test, untagged(hold_one(test, ctx)), freed,
			    "CPU %u's next allocation", there);
}

/*
 * An object of another node freed on this CPU: with sheaves it goes back
 * to its own slab, past this CPU's sheaves, which hold local objects only
 * (can_free_to_pcs()): one object fewer in use, and the next allocation
 * here is local.  With a per-CPU slab, the object's full slab joins this
 * CPU's partial list whatever its node (__slab_free()): still counted in
 * use.
 */
static void free_of_remote_object(struct kunit *test)
{
	struct yep_test_ctx *ctx = yep_test_cache(test, 0);
	struct yep_slab_counts before, after;
	struct yep_free_stats st;
	unsigned long i, freed;
	int remote;

	require_free_layer(test, ctx);
	pin_to_this_cpu(test);
	remote = require_remote_node(test);

	for (i = 0; i < past_first_slab(ctx); i++)
		KUNIT_ASSERT_EQ(test, node_of(hold_on_node(test, ctx, remote)),
				remote);
	expect_first_slab_full(test, ctx);
	if (!counts_readable(test, ctx, &before))
		kunit_skip(test, "no slabinfo counters: where the free went is not seen");

	if (IS_ENABLED(CONFIG_SLUB_STATS))
		read_free_stats(test, ctx, &st);
	freed = untagged(yep_slab_release_at(&ctx->ys, 0));
	expect_free_path(test, ctx, &st, false,
			 ctx->g.layer == YEP_SLAB_LAYER_CPU_SLAB);
	KUNIT_ASSERT_TRUE(test, counts_readable(test, ctx, &after));
	if (ctx->g.layer == YEP_SLAB_LAYER_SHEAVES) {
		KUNIT_EXPECT_EQ_MSG(test, after.active_objs,
				    before.active_objs - 1,
				    "node %d's object was not freed to its slab",
				    remote);
		KUNIT_EXPECT_NE(test, untagged(hold_one(test, ctx)), freed);
		KUNIT_EXPECT_EQ(test, node_of(ctx->ys.objs[ctx->ys.nr_objs - 1]),
				numa_mem_id());
	} else {
		KUNIT_EXPECT_EQ_MSG(test, after.active_objs, before.active_objs,
				    "node %d's full slab did not join this CPU's partial list",
				    remote);
	}
}

/*
 * Moves the @nr held objects @objs, in that order, to the end of those
 * held; all are checked held first, so a failure forgets none.
 */
static void hold_last(struct kunit *test, struct yep_test_ctx *ctx,
		      void *const *objs, unsigned int nr)
{
	unsigned int j;

	for (j = 0; j < nr; j++)
		held_index(test, ctx, objs[j]);
	for (j = 0; j < nr; j++)
		yep_slab_forget_at(&ctx->ys, held_index(test, ctx, objs[j]));
	for (j = 0; j < nr; j++)
		KUNIT_ASSERT_EQ(test, yep_slab_keep(&ctx->ys, objs[j]), 0);
}

/*
 * Where a walk finds each of the @nr objects in @objs, freed: @place, on
 * a list of CPU or node @where.
 */
static void expect_placed(struct kunit *test, struct yep_test_ctx *ctx,
			  struct yep_slab_map *map, void *const *objs,
			  unsigned int nr, enum yep_slab_place place,
			  int where)
{
	enum yep_slab_place found;
	unsigned int i;
	int at;

	for (i = 0; i < nr; i++) {
		found = yep_slab_place_of(&ctx->ys, map, objs[i], &at);
		KUNIT_EXPECT_EQ_MSG(test, found, place,
				    "object %u of node %d: %s, not %s",
				    i, node_of(objs[i]), yep_slab_place_name(found),
				    yep_slab_place_name(place));
		KUNIT_EXPECT_EQ_MSG(test, at, where,
				    "object %u of node %d: %s of %d",
				    i, node_of(objs[i]), yep_slab_place_name(found),
				    at);
	}
}

/*
 * One kmem_cache_free_bulk() of another node's objects and this node's,
 * interleaved, splits them as single frees do.  With sheaves, the remote
 * ones go back to their slab on their node's partial list and the local
 * ones into this CPU's sheaf (free_to_pcs_bulk() partitions the array):
 * active_objs falls by the remote objects only.  With a per-CPU slab,
 * the remote objects' full slab joins this CPU's partial list
 * (__slab_free(), put_cpu_partial()) and the local ones go to its CPU
 * slab's freelist (do_slab_free()): nothing leaves the count.  Either
 * way the next allocations here are the local objects freed.
 */
static void bulk_free_splits_remote_objects(struct kunit *test)
{
	struct yep_test_ctx *ctx = yep_test_cache(test, 0);
	void *remote_objs[3], *local_objs[3], *order[6], *obj;
	unsigned int k = min_t(unsigned long, ARRAY_SIZE(remote_objs),
			       ctx->g.objects_per_slab);
	bool sheaves = ctx->g.layer == YEP_SLAB_LAYER_SHEAVES;
	struct yep_slab_counts before, after;
	struct yep_free_stats st;
	unsigned long pfn, i;
	struct yep_slab_map map;
	unsigned int cpu, r = 0, j, found;
	int local, remote;

	require_free_layer(test, ctx);
	pin_to_this_cpu(test);
	cpu = raw_smp_processor_id();
	local = numa_mem_id();
	remote = require_remote_node(test);

	for (i = 0; i < past_first_slab(ctx); i++)
		KUNIT_ASSERT_EQ(test, node_of(hold_on_node(test, ctx, remote)),
				remote);
	expect_first_slab_full(test, ctx);
	pfn = yep_slab_pfn_of(ctx->ys.objs[0]);
	for (i = 0; i < ctx->ys.nr_objs && r < k; i++)
		if (yep_slab_pfn_of(ctx->ys.objs[i]) == pfn)
			remote_objs[r++] = ctx->ys.objs[i];
	for (j = 0; j < k; j++) {
		local_objs[j] = hold_on_node(test, ctx, local);
		KUNIT_ASSERT_EQ(test, node_of(local_objs[j]), local);
	}
	/* the last 2k held: remote, local, remote, local, ... */
	for (j = 0; j < k; j++) {
		order[2 * j] = remote_objs[j];
		order[2 * j + 1] = local_objs[j];
	}
	hold_last(test, ctx, order, 2 * k);
	if (!counts_readable(test, ctx, &before))
		kunit_skip(test, "no slabinfo counters: where the free went is not seen");
	if (IS_ENABLED(CONFIG_SLUB_STATS) && sheaves)
		read_free_stats(test, ctx, &st);

	yep_slab_release_bulk(&ctx->ys, 2 * k);

	KUNIT_ASSERT_TRUE(test, counts_readable(test, ctx, &after));
	KUNIT_EXPECT_EQ_MSG(test, before.active_objs - after.active_objs,
			    sheaves ? k : 0,
			    "%u of node %d and %u of node %d bulk freed, layer %s",
			    k, remote, k, local, yep_slab_layer_name(ctx->g.layer));
	if (sheaves)	/* the local objects to the sheaf, the remote to a slab */
		expect_free_counts(test, ctx, &st, k, k, 0);
	if (yep_slab_where_supported()) {
		walk_cache(test, ctx, &map, "after the bulk free");
		if (sheaves) {
			expect_placed(test, ctx, &map, remote_objs, k,
				      YEP_SLAB_NODE_PARTIAL, remote);
			/* a sheaf's object is placed by its slab's node */
			expect_placed(test, ctx, &map, local_objs, k,
				      YEP_SLAB_SHEAF, local);
		} else {
			expect_placed(test, ctx, &map, remote_objs, k,
				      YEP_SLAB_CPU_PARTIAL, cpu);
			expect_placed(test, ctx, &map, local_objs, k,
				      YEP_SLAB_CPU_SLAB, cpu);
		}
		yep_slab_map_free(&map);
	}

	for (j = 0; j < k; j++) {
		obj = hold_one(test, ctx);
		for (found = 0, i = 0; i < k; i++)
			found += untagged(obj) == untagged(local_objs[i]);
		KUNIT_EXPECT_EQ_MSG(test, found, 1,
				    "allocation %u after the bulk free: node %d, not one of the %u local objects freed",
				    j, node_of(obj), k);
	}
}

/* The slabs of @map on node @node's partial list. */
static unsigned long node_partial_slabs(struct yep_slab_map *map, int node)
{
	struct yep_slab_seen *e;
	unsigned long pfn, n = 0;

	xa_for_each(&map->slabs, pfn, e)
		n += e->list == YEP_SLAB_NODE_PARTIAL && e->where == node;
	return n;
}

/*
 * One run of remote_partials_taken_past_min_partial() on a fresh cache
 * with @flags, or a plain one asking for sheaves of @capacity objects
 * (0: its own): node @remote's partial list made min_partial + @extra
 * slabs long, this node's empty and nothing cached per CPU, the next
 * allocation here is expected of node @want.  Enough objects are freed
 * in each remote slab for their sum to fill a sheaf: a refill that takes
 * fewer than it asked for from other nodes tops the sheaf up from a new
 * local slab, whose objects it would hand out first (refill_objects()).
 */
static void expect_alloc_beside_remote_partials(struct kunit *test,
						slab_flags_t flags,
						unsigned int capacity,
						int remote,
						unsigned int extra, int want)
{
	struct yep_test_ctx *ctx = yep_test_cache(test, flags);
	unsigned long per, partial, free, i, j, nr, *pfns, there, here;
	struct yep_slab_map map;
	int err, node;

	if (capacity)
		yep_test_recreate_capacity(test, ctx, capacity);
	per = ctx->g.objects_per_slab;
	partial = ctx->g.min_partial + extra;
	free = max(1UL, DIV_ROUND_UP(ctx->g.sheaf_capacity, partial));
	if (per < free + 1)
		kunit_skip(test, "%lu objects a slab: %lu partial slabs cannot keep %u free",
			   per, partial, ctx->g.sheaf_capacity);
	err = yep_slab_set_remote_defrag_ratio(&ctx->ys, YEP_SLAB_REMOTE_ALWAYS);
	if (err)
		kunit_skip(test, "remote_node_defrag_ratio not settable here (%d)", err);
	for (i = 0; i < partial * per; i++)
		KUNIT_ASSERT_EQ(test, node_of(hold_on_node(test, ctx, remote)),
				remote);
	pfns = kunit_kcalloc(test, partial + 1, sizeof(*pfns), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pfns);
	nr = yep_slab_slab_pfns(&ctx->ys, pfns, partial + 1);
	if (nr != partial)
		kunit_skip(test, "%lu objects in %lu slabs, not %lu: an order fell back",
			   partial * per, nr, partial);
	for (i = 0; i < nr; i++)
		for (j = 0; j < free; j++)
			release_in_slab(test, ctx, pfns[i]);
	/* per-CPU slabs and sheaves go back to the node lists */
	yep_slab_shrink(&ctx->ys);

	walk_cache(test, ctx, &map, "before the allocation");
	there = node_partial_slabs(&map, remote);
	here = node_partial_slabs(&map, numa_mem_id());
	yep_slab_map_free(&map);
	KUNIT_ASSERT_EQ_MSG(test, there, partial, "node %d's partial slabs",
			    remote);
	KUNIT_ASSERT_EQ_MSG(test, here, 0, "node %d's partial slabs",
			    numa_mem_id());

	node = node_of(hold_one(test, ctx));
	kunit_info(test, "capacity %u, min_partial %u: %lu partial on node %d, %lu free in each: node %d\n",
		   ctx->g.sheaf_capacity, ctx->g.min_partial, partial, remote,
		   free, node);
	KUNIT_EXPECT_EQ_MSG(test, node, want,
			    "flags %#lx, capacity %u, min_partial %u: %lu partial on node %d, %lu free in each",
			    (__force unsigned long)flags, ctx->g.sheaf_capacity,
			    ctx->g.min_partial, partial, remote, free);
	yep_slab_destroy(&ctx->ys);
}

/*
 * An allocation that finds this node's partial list empty takes from
 * another node's partial slabs only while that node keeps more than
 * min_partial of them: get_any_partial() (6.x), get_from_any_partial()
 * (7.x without sheaves) and a sheaf's refill, __refill_objects_any().
 * With min_partial partial slabs there, the object comes from a new slab
 * here; with one more, from that node.  The remote defrag ratio's draw is
 * made certain first.  For a cache with sheaves (plain on 7.x) and one
 * without (SLAB_NOLEAKTRACE; on 6.1, which has no SLAB_NO_MERGE, the
 * core keeps every cache unmerged by that flag, so the runs are alike).
 * On 7.x once more with sheaves of YEP_TEST_WIDE_SHEAF objects, more
 * than min_partial + 1 slabs hold with one free each (as 32-bit arm's
 * own capacity, 11, is): the refill then takes more than one object
 * from each remote slab.
 */
static void remote_partials_taken_past_min_partial(struct kunit *test)
{
	static const slab_flags_t flags[] = { 0, SLAB_NOLEAKTRACE };
	unsigned int i;
	int local, remote;

	if (frees_deferred(test))
		kunit_skip(test, "KASAN generic quarantines freed objects");
	pin_to_this_cpu(test);
	local = numa_mem_id();
	remote = require_remote_node(test);

	for (i = 0; i < ARRAY_SIZE(flags); i++) {
		expect_alloc_beside_remote_partials(test, flags[i], 0, remote,
						    0, local);
		expect_alloc_beside_remote_partials(test, flags[i], 0, remote,
						    1, remote);
	}
	/* a sheaf more than the remote slabs' first free objects refill */
	if (!yep_slab_kernel_has_sheaves())
		return;
	expect_alloc_beside_remote_partials(test, 0, YEP_TEST_WIDE_SHEAF,
					    remote, 0, local);
	expect_alloc_beside_remote_partials(test, 0, YEP_TEST_WIDE_SHEAF,
					    remote, 1, remote);
}

/*
 * One run of deactivated_slab_to_head_unless_remote_frees() on a fresh
 * cache, pinned on CPU @here: whether CPU @there's next allocation comes
 * from the slab that was @here's CPU slab.
 */
static bool deactivated_slab_served_first(struct kunit *test,
					  struct yep_test_ctx *ctx,
					  bool remote_free, unsigned int here,
					  unsigned int there, int remote)
{
	unsigned long per = ctx->g.objects_per_slab;
	static const char * const stats[] = {
		"deactivate_to_head", "deactivate_to_tail",
		"deactivate_remote_frees",
	};
	const unsigned long want[] = { !remote_free, remote_free, remote_free };
	unsigned long k = ctx->g.cpu_partial_slabs, i, cpu_slab, pfn;
	unsigned long before[ARRAY_SIZE(stats)] = {};

	/* k + 1 full slabs, then the CPU slab with two objects held */
	hold_many(test, ctx, (k + 1) * per + 2);
	cpu_slab = yep_slab_pfn_of(ctx->ys.objs[(k + 1) * per]);
	for (i = 0; i <= k; i++) {
		pfn = yep_slab_pfn_of(ctx->ys.objs[i * per]);
		KUNIT_ASSERT_NE(test, pfn, cpu_slab);
		release_in_slab(test, ctx, pfn);
	}
	if (remote_free) {
		pin_to_cpu(test, there);
		release_in_slab(test, ctx, cpu_slab);
		pin_to_cpu(test, here);
	}

	if (IS_ENABLED(CONFIG_SLUB_STATS))
		for (i = 0; i < ARRAY_SIZE(stats); i++)
			before[i] = stat_of(test, ctx, stats[i]);
	KUNIT_ASSERT_EQ(test, node_of(hold_on_node(test, ctx, remote)), remote);
	/* SLUB's own count of the deactivation: one, to the end it chose */
	if (IS_ENABLED(CONFIG_SLUB_STATS))
		for (i = 0; i < ARRAY_SIZE(stats); i++)
			KUNIT_EXPECT_EQ_MSG(test,
					    stat_of(test, ctx, stats[i]) - before[i],
					    want[i], "%s", stats[i]);
	pin_to_cpu(test, there);
	pfn = yep_slab_pfn_of(hold_one(test, ctx));
	pin_to_cpu(test, here);
	return pfn == cpu_slab;
}

/*
 * deactivate_slab() (6.x) returns a CPU slab to its node's partial list
 * at the head, where the next allocation of the node takes it, unless
 * objects freed on other CPUs are pending on it (slab->freelist set while
 * it was the CPU's): then at the tail.  Set-up on this CPU: one full slab
 * a slot freed past cpu_partial_slabs, so that put_cpu_partial() sends
 * the CPU's partial slabs to the node's list, and a CPU slab with two
 * objects held; in the second run, on a fresh cache, one of them freed on
 * a neighbour CPU.  kmem_cache_alloc_node() for another node gives the
 * CPU slab up (node_match()); the neighbour, whose per-CPU layer is
 * empty, then allocates from the node list's first slab; with
 * CONFIG_SLUB_STATS SLUB's deactivate_* counters say the same.  Needs two
 * nodes and two CPUs on this one (the numa2 rows); 6.x only: 7.x has no
 * CPU slabs.  (Not a parameterised case: 6.1's KUnit prints a skipped
 * parameter as passed.)
 */
static void deactivated_slab_to_head_unless_remote_frees(struct kunit *test)
{
	struct yep_test_ctx *ctx = yep_test_cache(test, 0);
	unsigned int here, there;
	int remote;

	if (ctx->g.layer != YEP_SLAB_LAYER_CPU_SLAB)
		kunit_skip(test, "no CPU slab to deactivate (layer %s)",
			   yep_slab_layer_name(ctx->g.layer));
	require_free_layer(test, ctx);
	pin_to_this_cpu(test);
	here = raw_smp_processor_id();
	remote = require_remote_node(test);
	there = require_neighbour_cpu(test);

	KUNIT_EXPECT_TRUE_MSG(test,
			      deactivated_slab_served_first(test, ctx, false,
							    here, there, remote),
			      "the CPU slab went to the tail: none of its objects was freed elsewhere");
	yep_slab_destroy(&ctx->ys);
	ctx = yep_test_cache(test, 0);
	KUNIT_EXPECT_FALSE_MSG(test,
			       deactivated_slab_served_first(test, ctx, true,
							     here, there, remote),
			       "the CPU slab went to the head with a free from CPU %u pending",
			       there);
}

/*
 * Three slabs of the case's cache, full and held, on the seed's debug
 * layout (U), which allocates and frees straight from the node's partial
 * list; their pfns in @pfn.  Skips where that cannot be: a per-CPU layer,
 * fewer than @min_per objects a slab, KASAN's quarantine.
 */
static void hold_three_full_slabs(struct kunit *test, struct yep_test_ctx *ctx,
				  unsigned long min_per, unsigned long *pfn)
{
	unsigned long per = ctx->g.objects_per_slab;
	int i;

	if (ctx->g.layer != YEP_SLAB_LAYER_NONE)
		kunit_skip(test, "a per-CPU layer takes slabs off the list (layer %s)",
			   yep_slab_layer_name(ctx->g.layer));
	if (per < min_per)
		kunit_skip(test, "objects a slab: %lu, the case needs %lu", per,
			   min_per);
	if (frees_deferred(test))
		kunit_skip(test, "KASAN generic: frees wait in quarantine");
	pin_to_this_cpu(test);

	hold_many(test, ctx, 3 * per);
	for (i = 0; i < 3; i++)
		pfn[i] = yep_slab_pfn_of(ctx->ys.objs[i * per]);
	expect_slabs(test, ctx, 3);
}

/*
 * Without a per-CPU layer every allocation takes the first slab of the
 * node's partial list, where a full slab that a free makes partial goes
 * to the tail (free_to_partial_list()): slabs given a free slot are
 * filled again in the order they got it, and a new slab (taken only when
 * the list had none, so it starts the list) is used up before a slab
 * freed into after it.  A placement policy, the project's to check: on
 * the seed's debug layout (U), which has no per-CPU layer to reorder it.
 */
static void partial_slabs_in_list_order(struct kunit *test)
{
	struct yep_test_ctx *ctx = yep_test_cache(test, SLAB_STORE_USER);
	unsigned long pfn[3], freed[3], fresh;
	static const int order[3] = { 1, 0, 2 };
	int i;

	hold_three_full_slabs(test, ctx, 2, pfn);

	/* Frees in slabs 1, 0, 2: each joins the tail, and is served so. */
	for (i = 0; i < 3; i++)
		freed[i] = release_in_slab(test, ctx, pfn[order[i]]);
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_EQ_MSG(test, untagged(hold_one(test, ctx)), freed[i],
				    "allocation %d after frees in slabs 1, 0, 2", i);

	/* A new slab starts the list: it serves before a slab freed into. */
	fresh = yep_slab_pfn_of(hold_one(test, ctx));
	for (i = 0; i < 3; i++)
		KUNIT_ASSERT_NE(test, fresh, pfn[i]);
	release_in_slab(test, ctx, pfn[0]);
	KUNIT_EXPECT_EQ_MSG(test, yep_slab_pfn_of(hold_one(test, ctx)), fresh,
			    "the new slab was not first on the list");
}

/*
 * kmem_cache_shrink() sorts each node's partial list, the slabs with the
 * fewest free objects first (__kmem_cache_do_shrink(): each slab with at
 * most SHRINK_PROMOTE_MAX free goes to the head, the emptiest spliced in
 * first), so allocations fill the fullest slabs and the emptiest may
 * empty.  Three full slabs with 3, 1 and 2 objects freed, in that order,
 * sit on the list in that order; after a shrink the allocations take the
 * slab with 1 free, then the one with 2, then the one with 3.  On the
 * seed's debug layout (U), which allocates straight from the list.
 */
static void shrink_puts_fullest_slabs_first(struct kunit *test)
{
	struct yep_test_ctx *ctx = yep_test_cache(test, SLAB_STORE_USER);
	static const unsigned int nr_free[3] = { 3, 1, 2 };
	static const int served[3] = { 1, 2, 0 };
	unsigned long pfn[3], got;
	unsigned int i, j, k = 0;

	hold_three_full_slabs(test, ctx, 4, pfn);
	for (i = 0; i < 3; i++)
		for (j = 0; j < nr_free[i]; j++)
			release_in_slab(test, ctx, pfn[i]);

	yep_slab_shrink(&ctx->ys);
	for (i = 0; i < 3; i++) {
		for (j = 0; j < nr_free[served[i]]; j++) {
			got = yep_slab_pfn_of(hold_one(test, ctx));
			KUNIT_EXPECT_EQ_MSG(test, got, pfn[served[i]],
					    "allocation %u after the shrink: not from the slab with %u free",
					    k++, nr_free[served[i]]);
			if (got != pfn[served[i]])
				return;	/* one message, not one an object */
		}
	}
}

/*
 * A new slab hands its objects out in its freelist's order: by address,
 * or with CONFIG_SLAB_FREELIST_RANDOM (Debian's kernels have it) in the
 * cache's random sequence from a random start (shuffle_freelist() to
 * 6.x, next_slab_obj() since): every object once, none twice.  A slab
 * that empties and is taken again is not shuffled again: its objects
 * come back last freed first.  On the seed's debug layout (U), which
 * takes one object at a time from the slab's freelist.
 */
static void new_slab_in_freelist_order(struct kunit *test)
{
	struct yep_test_ctx *ctx = yep_test_cache(test, SLAB_STORE_USER);
	unsigned int per = ctx->g.objects_per_slab, i, start;
	unsigned long slab_bytes = PAGE_SIZE << ctx->g.order, base, *slot;
	void **first;
	int s;

	if (ctx->g.layer != YEP_SLAB_LAYER_NONE)
		kunit_skip(test, "a per-CPU layer reorders what a slab hands out (layer %s)",
			   yep_slab_layer_name(ctx->g.layer));
	if (frees_deferred(test))
		kunit_skip(test, "KASAN generic: frees wait in quarantine");
	slot = kunit_kcalloc(test, per, sizeof(*slot), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, slot);
	pin_to_this_cpu(test);

	for (s = 0; s < 3; s++) {
		hold_many(test, ctx, per);
		expect_slabs(test, ctx, s + 1);
		/* a slab of the cache's order is aligned to its size */
		base = untagged(ctx->ys.objs[s * per]) & ~(slab_bytes - 1);
		for (i = 0; i < per; i++)
			slot[i] = (untagged(ctx->ys.objs[s * per + i]) - base) /
				  ctx->g.size;
		for (start = 0; start < per &&
		     yep_slab_freelist_index(&ctx->ys, start) != slot[0]; start++)
			;
		KUNIT_ASSERT_LT_MSG(test, start, per,
				    "slab %d's first object, slot %lu, is not in the sequence",
				    s, slot[0]);
		for (i = 0; i < per; i++)
			KUNIT_EXPECT_EQ_MSG(test, slot[i],
					    yep_slab_freelist_index(&ctx->ys, (start + i) % per),
					    "slab %d, allocation %u (%s)", s, i,
					    IS_ENABLED(CONFIG_SLAB_FREELIST_RANDOM) ?
					    "random sequence" : "address order");
	}

	/* The first slab emptied, oldest first, then taken again. */
	first = kunit_kmalloc_array(test, per, sizeof(*first), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, first);
	memcpy(first, ctx->ys.objs, per * sizeof(*first));
	for (i = 0; i < per; i++)
		yep_slab_release_at(&ctx->ys, held_index(test, ctx, first[i]));
	for (i = per; i-- > 0;)
		KUNIT_EXPECT_EQ_MSG(test, untagged(hold_one(test, ctx)),
				    untagged(first[i]),
				    "reused slab, allocation %u", per - 1 - i);
}

static struct kunit_case yep_slab_test_cases[] = {
	KUNIT_CASE(tunables_match_model),
	KUNIT_CASE_PARAM(objects_per_slab, yep_flags_gen_params),
	KUNIT_CASE_PARAM(slab_count_growth, yep_flags_gen_params),
	KUNIT_CASE_PARAM(slab_count_growth_by_size, yep_sizes_gen_params),
	KUNIT_CASE_PARAM(freed_object_reused_first, yep_flags_gen_params),
	KUNIT_CASE_PARAM(release_returns_every_slab, yep_flags_gen_params),
	KUNIT_CASE_PARAM(empty_slabs_kept_to_min_partial, yep_flags_gen_params),
	KUNIT_CASE_PARAM(bulk_alloc_and_free, yep_flags_gen_params),
	KUNIT_CASE_PARAM(free_objects_keep_their_contents, yep_kept_gen_params),
	KUNIT_CASE_PARAM(accounted_objects_charged_until_freed,
			 yep_account_gen_params),
	KUNIT_CASE_PARAM(every_object_has_one_place, yep_flags_gen_params),
	KUNIT_CASE(alloc_node_gets_that_node),
	KUNIT_CASE(free_on_another_cpu_stays_there),
	KUNIT_CASE(free_of_remote_object),
	KUNIT_CASE(bulk_free_splits_remote_objects),
	KUNIT_CASE(remote_partials_taken_past_min_partial),
	KUNIT_CASE(deactivated_slab_to_head_unless_remote_frees),
	KUNIT_CASE(partial_slabs_in_list_order),
	KUNIT_CASE(shrink_puts_fullest_slabs_first),
	KUNIT_CASE(new_slab_in_freelist_order),
	KUNIT_CASE_SLOW(cpu_offline_gives_back_its_cache),
	KUNIT_CASE(seed_walkthrough),
	KUNIT_CASE(page_owner_records_each_slab),
	KUNIT_CASE(sheaf_frees_cached_until_full),
	KUNIT_CASE(barn_hands_back_newest_sheaf_first),
	KUNIT_CASE(returned_sheaf_goes_to_spare_then_barn),
	KUNIT_CASE(sheaf_capacity_asked_for),
	KUNIT_CASE(rcu_sheaf_flushed_when_barn_full),
	KUNIT_CASE_SLOW(many_objects_scale_linearly),
	{}
};

static struct kunit_suite yep_slab_test_suite = {
	.name = "yep_slab",
	.init = yep_test_init,
	.exit = yep_test_exit,
	.test_cases = yep_slab_test_cases,
};

kunit_test_suite(yep_slab_test_suite);

MODULE_DESCRIPTION("KUnit tests for SLUB's layout and growth of a 4 KiB cache");
MODULE_LICENSE("GPL");
