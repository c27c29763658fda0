// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for how SLUB lays out and grows a 4096-byte SLAB_HWCACHE_ALIGN
 * cache: objects per slab, slab-count growth, object reuse, release, and the
 * seed walkthrough's /proc/slabinfo numbers.
 *
 * Every expectation is derived from the cache's own geometry and debug
 * state, or from a model of SLUB's sizing rules; nothing assumes a boot
 * line.  The one case that needs an exact layout (the seed's) creates it
 * and skips, saying why, where the running kernel cannot give it.
 */
#include <kunit/test.h>
#include <linux/cpumask.h>
#include <linux/init.h>
#include <linux/kasan.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/setup.h>

#include "../module/yep_slab_core.h"

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
#define TEST_REQUIRES(test, cond) do {					\
	if (!(cond))							\
		kunit_skip((test), "Test requires: " #cond);		\
} while (0)

/* The flag sets the parameterised cases run over (slub_debug letters). */
struct yep_flag_set {
	const char *name;
	slab_flags_t flags;
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
};

static void yep_flag_set_desc(const struct yep_flag_set *p, char *desc)
{
	strscpy(desc, p->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(yep_flags, yep_flag_sets, yep_flag_set_desc);

/*
 * Per-case state; .exit destroys whatever a case created, however it ended.
 */
struct yep_test_ctx {
	struct yep_slab ys;
	struct yep_slab_geometry g;
};

static int yep_test_init(struct kunit *test)
{
	test->priv = kunit_kzalloc(test, sizeof(struct yep_test_ctx),
				   GFP_KERNEL);
	return test->priv ? 0 : -ENOMEM;
}

static void yep_test_exit(struct kunit *test)
{
	struct yep_test_ctx *ctx = test->priv;

	yep_slab_destroy(&ctx->ys);
}

/*
 * Creates the case's cache with @flags (on top of the core's own
 * SLAB_HWCACHE_ALIGN) and reads back its geometry.  Fails the case if the
 * cache cannot be created or does not carry the debug flags asked for.
 */
static struct yep_test_ctx *yep_test_cache(struct kunit *test,
					   slab_flags_t flags)
{
	struct yep_test_ctx *ctx = test->priv;
	struct yep_slab_geometry *g = &ctx->g;

	if (flags & ~SLAB_HWCACHE_ALIGN)
		TEST_REQUIRES(test, IS_ENABLED(CONFIG_SLUB_DEBUG));

	KUNIT_ASSERT_EQ(test, yep_slab_create(&ctx->ys, TEST_CACHE_NAME,
					      flags), 0);
	yep_slab_geometry(&ctx->ys, g);
	KUNIT_ASSERT_TRUE_MSG(test, (g->flags & flags) == flags,
			      "cache dropped requested flags");
	kunit_info(test,
		   "object %u size %u align %u order %u per-slab %u debug %#lx%s\n",
		   g->object_size, g->size, g->align, g->order,
		   g->objects_per_slab, (__force unsigned long)g->debug_flags,
		   g->per_cpu_slab ? " per-cpu" : "");
	return ctx;
}

static const struct yep_flag_set *yep_param(struct kunit *test)
{
	return test->param_value;
}

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

/* calculate_sizes(): object plus the metadata the debug flags imply. */
static unsigned int yep_model_size(slab_flags_t flags, unsigned int align)
{
	unsigned int size = ALIGN(YEP_SLAB_OBJECT_SIZE, sizeof(void *));

	if (flags & SLAB_RED_ZONE)	/* right red zone: no slack to use */
		size += sizeof(void *);
	if (flags & SLAB_POISON)	/* free pointer moves past the object */
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
 * line order, with the clamps its handler applies then.
 */
static void yep_order_knobs(char *cmdline, struct yep_order_knobs *k)
{
	char *word;

	k->min_order = 0;
	k->max_order = IS_ENABLED(CONFIG_SLUB_TINY) ? 1 :
					PAGE_ALLOC_COSTLY_ORDER;
	k->min_objects = 0;
	while ((word = strsep(&cmdline, " "))) {
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
 * /proc/slabinfo's counters for a cache holding @held objects in @slabs
 * slabs, none ever freed: a debug cache counts objects exactly, a plain
 * one counts its per-CPU slab as wholly in use, so every slab is full.
 */
static void expect_counts(struct kunit *test, struct yep_test_ctx *ctx,
			  unsigned long held, unsigned long slabs)
{
	unsigned long per = ctx->g.objects_per_slab;
	struct yep_slab_counts c;

	if (yep_slab_counts(&ctx->ys, &c))
		return;		/* said once per case by the caller */
	KUNIT_EXPECT_EQ(test, c.num_slabs, slabs);
	KUNIT_EXPECT_EQ(test, c.active_slabs, slabs);
	KUNIT_EXPECT_EQ(test, c.num_objs, slabs * per);
	KUNIT_EXPECT_EQ_MSG(test, c.active_objs,
			    ctx->g.per_cpu_slab ? slabs * per : held,
			    "holding %lu in %lu slabs", held, slabs);
}

/* Says so when the slabinfo counters cannot be read (and so go unchecked). */
static void note_counts(struct kunit *test, struct yep_test_ctx *ctx)
{
	struct yep_slab_counts c;
	int err = yep_slab_counts(&ctx->ys, &c);

	if (err)
		kunit_info(test, "no slabinfo counters (%d): checked the held objects' slabs only\n",
			   err);
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
 * Keeps the case on the CPU it runs on: a plain cache allocates from that
 * CPU's slab and frees to it.  The case runs in a kthread of its own, so
 * the affinity ends with it.
 */
static void pin_to_this_cpu(struct kunit *test)
{
	const struct cpumask *here = cpumask_of(raw_smp_processor_id());

	KUNIT_ASSERT_EQ(test, set_cpus_allowed_ptr(current, here), 0);
}

/* ---- the cases ---------------------------------------------------------- */

/*
 * What SLUB chose: the size is the object plus the metadata the effective
 * debug flags imply, aligned for the cache line; the order is what
 * calculate_order() picks for that size; a slab holds what fits; and every
 * slab actually taken holds exactly that many objects.
 */
static void objects_per_slab(struct kunit *test)
{
	struct yep_test_ctx *ctx = yep_test_cache(test, yep_param(test)->flags);
	struct yep_slab_geometry *g = &ctx->g;
	struct yep_order_knobs knobs;
	unsigned int model;
	char *cmdline;

	KUNIT_EXPECT_EQ(test, g->object_size, YEP_SLAB_OBJECT_SIZE);
	KUNIT_EXPECT_EQ(test, g->align, yep_model_align());

	model = yep_model_size(g->debug_flags, g->align);
	if (IS_ENABLED(CONFIG_KASAN_GENERIC)) {
		/* KASAN adds its own per-object metadata on top */
		KUNIT_EXPECT_GE(test, g->size, model);
		KUNIT_EXPECT_EQ(test, g->size % g->align, 0);
		kunit_info(test, "KASAN: size %u, %u without KASAN metadata\n",
			   g->size, model);
	} else {
		KUNIT_EXPECT_EQ(test, g->size, model);
	}

	KUNIT_EXPECT_EQ(test, g->objects_per_slab,
			yep_order_objects(g->order, g->size));
	KUNIT_EXPECT_GE(test, g->objects_per_slab, 1);

	cmdline = kunit_kzalloc(test, COMMAND_LINE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, cmdline);
	if (!yep_cmdline(cmdline, COMMAND_LINE_SIZE)) {
		yep_order_knobs(cmdline, &knobs);
		KUNIT_EXPECT_EQ_MSG(test, g->order,
				    yep_model_order(g->size, &knobs),
				    "min_order %u max_order %u min_objects %u",
				    knobs.min_order, knobs.max_order,
				    knobs.min_objects);
	} else {
		kunit_info(test, "command line unreadable: order not modelled\n");
	}

	/* Three slabs' worth: each slab taken holds objects_per_slab. */
	hold_many(test, ctx, 3 * g->objects_per_slab);
	expect_slabs(test, ctx, 3);
}

/*
 * Allocating one object at a time from a fresh cache, the slab count after
 * n objects is ceil(n / objects_per_slab): a new slab is taken only when
 * every slab so far is full.  Checked on the held objects' slabs and, where
 * built in, on get_slabinfo().
 */
static void slab_count_growth(struct kunit *test)
{
	struct yep_test_ctx *ctx = yep_test_cache(test, yep_param(test)->flags);
	unsigned long per = ctx->g.objects_per_slab;
	unsigned long n, steps = 3 * per + 1;

	note_counts(test, ctx);
	expect_counts(test, ctx, 0, 0);

	pin_to_this_cpu(test);
	for (n = 1; n <= steps; n++) {
		hold_one(test, ctx);
		expect_slabs(test, ctx, DIV_ROUND_UP(n, per));
		expect_counts(test, ctx, n, DIV_ROUND_UP(n, per));
	}
}

/*
 * A freed object is handed out again before any new slab is taken, and on
 * one CPU the most recently freed object comes back first.
 */
static void freed_object_reused_first(struct kunit *test)
{
	struct yep_test_ctx *ctx = yep_test_cache(test, yep_param(test)->flags);
	unsigned long per = ctx->g.objects_per_slab;
	unsigned long pfn[2], freed[2], got;
	int i;

	if (frees_deferred(test))
		kunit_skip(test, "KASAN generic quarantines freed objects");
	if (per < 2)
		kunit_skip(test, "one object a slab: a freed slot's slab may go");
	pin_to_this_cpu(test);

	/* Two full slabs: nothing free anywhere in the cache. */
	hold_many(test, ctx, 2 * per);
	expect_slabs(test, ctx, 2);
	pfn[0] = yep_slab_pfn_of(ctx->ys.objs[0]);
	pfn[1] = yep_slab_pfn_of(ctx->ys.objs[2 * per - 1]);
	KUNIT_ASSERT_NE(test, pfn[0], pfn[1]);

	/* One object freed: the next allocation is that slot. */
	freed[0] = untagged(yep_slab_release_at(&ctx->ys, 0));
	KUNIT_EXPECT_EQ(test, untagged(hold_one(test, ctx)), freed[0]);
	expect_slabs(test, ctx, 2);

	/* Two freed from one slab come back newest first (LIFO). */
	for (i = 0; i < 2; i++)
		freed[i] = release_in_slab(test, ctx, pfn[0]);
	KUNIT_EXPECT_EQ(test, untagged(hold_one(test, ctx)), freed[1]);
	KUNIT_EXPECT_EQ(test, untagged(hold_one(test, ctx)), freed[0]);

	/* One freed in each slab: both slots are used before a new slab. */
	for (i = 0; i < 2; i++)
		freed[i] = release_in_slab(test, ctx, pfn[i]);
	for (i = 0; i < 2; i++) {
		got = untagged(hold_one(test, ctx));
		KUNIT_EXPECT_TRUE_MSG(test, got == freed[0] || got == freed[1],
				      "allocation %d is not a freed slot", i);
	}
	expect_slabs(test, ctx, 2);
	hold_one(test, ctx);
	expect_slabs(test, ctx, 3);
}

/*
 * Freeing every object and shrinking the cache gives every slab back to
 * the page allocator: none of the pages is a slab of this cache any more.
 */
static void release_returns_every_slab(struct kunit *test)
{
	struct yep_test_ctx *ctx = yep_test_cache(test, yep_param(test)->flags);
	unsigned long per = ctx->g.objects_per_slab;
	unsigned long i, nr, *pfns, slabs = 3;
	struct yep_slab_counts c;

	hold_many(test, ctx, slabs * per);
	pfns = kunit_kcalloc(test, slabs, sizeof(*pfns), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pfns);
	expect_slabs(test, ctx, slabs);
	nr = yep_slab_slab_pfns(&ctx->ys, pfns, slabs);
	KUNIT_ASSERT_EQ(test, nr, slabs);

	yep_slab_release_all(&ctx->ys);
	expect_slabs(test, ctx, 0);
	/*
	 * A debug cache keeps at most min_partial empty slabs a node; what a
	 * plain cache keeps on its per-CPU lists until a shrink is not fixed.
	 */
	if (!yep_slab_counts(&ctx->ys, &c)) {
		kunit_info(test, "freed: %lu/%lu in %lu slabs\n",
			   c.active_objs, c.num_objs, c.num_slabs);
		if (!ctx->g.per_cpu_slab && !frees_deferred(test)) {
			KUNIT_EXPECT_EQ(test, c.active_objs, 0);
			KUNIT_EXPECT_LE(test, c.num_slabs,
					(unsigned long)ctx->g.min_partial *
					num_online_nodes());
		}
	}

	yep_slab_shrink(&ctx->ys);
	for (i = 0; i < nr; i++)
		KUNIT_EXPECT_FALSE_MSG(test,
				       yep_slab_pfn_is_ours(&ctx->ys, pfns[i]),
				       "slab at pfn %#lx kept after shrink",
				       pfns[i]);
	if (!yep_slab_counts(&ctx->ys, &c)) {
		KUNIT_EXPECT_EQ(test, c.num_slabs, 0);
		KUNIT_EXPECT_EQ(test, c.num_objs, 0);
		KUNIT_EXPECT_EQ(test, c.active_objs, 0);
	}
}

/* The seed's steps: objects asked for, and /proc/slabinfo after each. */
struct yep_seed_step {
	unsigned int alloc;
	unsigned long active_objs;
	unsigned long num_objs;
	unsigned long slabs;
};

static const struct yep_seed_step yep_seed_steps[] = {
	{  0,  0,  0, 0 },	/* insmod */
	{  1,  1,  7, 1 },	/* echo 1 > alloc */
	{  6,  7,  7, 1 },	/* echo 6 > alloc */
	{  1,  8, 14, 2 },	/* echo 1 > alloc */
	{ 52, 60, 63, 9 },	/* ... up to 60 objects */
};

/*
 * The seed's walkthrough replayed: a debug cache laid out as the seed's
 * (7 objects of 4096 + metadata in an order-3 slab) shows the seed's
 * /proc/slabinfo numbers at each of its steps.  SLAB_STORE_USER gives that
 * layout without any boot option.
 */
static void seed_walkthrough(struct kunit *test)
{
	struct yep_test_ctx *ctx = yep_test_cache(test, SLAB_STORE_USER);
	struct yep_slab_counts c;
	unsigned long held = 0;
	int i;

	/* The layout is judged from order and size; per-slab is checked. */
	if (ctx->g.order != 3 || yep_order_objects(3, ctx->g.size) != 7)
		kunit_skip(test, "seed layout is 7 a slab of order 3; here %u of order %u",
			   yep_order_objects(ctx->g.order, ctx->g.size),
			   ctx->g.order);
	note_counts(test, ctx);

	for (i = 0; i < ARRAY_SIZE(yep_seed_steps); i++) {
		const struct yep_seed_step *step = &yep_seed_steps[i];

		hold_many(test, ctx, step->alloc);
		held += step->alloc;
		KUNIT_ASSERT_EQ(test, held, step->active_objs);
		expect_slabs(test, ctx, step->slabs);
		if (yep_slab_counts(&ctx->ys, &c))
			continue;
		kunit_info(test, "step %d: seed %lu/%lu %lu slabs, observed %lu/%lu %lu slabs\n",
			   i, step->active_objs, step->num_objs, step->slabs,
			   c.active_objs, c.num_objs, c.num_slabs);
		KUNIT_EXPECT_EQ(test, c.active_objs, step->active_objs);
		KUNIT_EXPECT_EQ(test, c.num_objs, step->num_objs);
		KUNIT_EXPECT_EQ(test, c.active_slabs, step->slabs);
		KUNIT_EXPECT_EQ(test, c.num_slabs, step->slabs);
	}

	yep_slab_release_all(&ctx->ys);
	if (!yep_slab_counts(&ctx->ys, &c) && !frees_deferred(test)) {
		kunit_info(test, "freed: %lu/%lu %lu slabs (min_partial %u)\n",
			   c.active_objs, c.num_objs, c.num_slabs,
			   ctx->g.min_partial);
		KUNIT_EXPECT_EQ(test, c.active_objs, 0);
		KUNIT_EXPECT_LE(test, c.num_slabs,
				(unsigned long)ctx->g.min_partial *
				num_online_nodes());
	}
	yep_slab_shrink(&ctx->ys);
	if (!yep_slab_counts(&ctx->ys, &c)) {
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
	struct yep_slab_usage u;
	bool reuse = !frees_deferred(test);
	unsigned long i, j, slabs;
	u64 start, ns;

	pin_to_this_cpu(test);
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		unsigned long n = sizes[i];

		/* kunit_skip() would turn a smaller size's failure into a skip */
		if (n > mult_frac(totalram_pages(), PAGE_SIZE, ctx->g.size) / 2) {
			if (test->status == KUNIT_FAILURE)
				return;
			kunit_skip(test, "%lu objects need more than half of memory%s",
				   n, i ? "; the smaller sizes passed" : "");
		}
		start = ktime_get_ns();
		hold_many(test, ctx, n);
		slabs = DIV_ROUND_UP(n, per);
		expect_slabs(test, ctx, slabs);

		/*
		 * One slot freed in every slab (objs[j * per] is in slab j;
		 * going down, no swap moves a slot still to be freed), then as
		 * many taken again.
		 */
		if (reuse) {
			for (j = slabs; j--; )
				yep_slab_release_at(&ctx->ys, j * per);
			yep_slab_usage(&ctx->ys, &u);
			KUNIT_EXPECT_EQ(test, u.objects, n - slabs);
			hold_many(test, ctx, slabs);
			expect_slabs(test, ctx, slabs);
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
 * page_owner records every slab of the cache as an allocation of the
 * cache's order (the seed reads the same records in debugfs; a built-in
 * test runs before any file system, so it reads page_ext instead).
 */
static void page_owner_records_each_slab(struct kunit *test)
{
	struct yep_test_ctx *ctx = yep_test_cache(test, 0);
	unsigned long recorded;
	int err;

	hold_many(test, ctx, 3 * ctx->g.objects_per_slab);
	expect_slabs(test, ctx, 3);
	err = yep_slab_owner_recorded(&ctx->ys, &recorded);
	if (err == -EOPNOTSUPP)
		kunit_skip(test, "needs CONFIG_PAGE_OWNER, built in (page_ext is not exported)");
	if (err == -ENODEV)
		kunit_skip(test, "needs page_owner=on");
	KUNIT_ASSERT_EQ(test, err, 0);
	KUNIT_EXPECT_EQ(test, recorded, 3);
}

static struct kunit_case yep_slab_test_cases[] = {
	KUNIT_CASE_PARAM(objects_per_slab, yep_flags_gen_params),
	KUNIT_CASE_PARAM(slab_count_growth, yep_flags_gen_params),
	KUNIT_CASE_PARAM(freed_object_reused_first, yep_flags_gen_params),
	KUNIT_CASE_PARAM(release_returns_every_slab, yep_flags_gen_params),
	KUNIT_CASE(seed_walkthrough),
	KUNIT_CASE(page_owner_records_each_slab),
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
