// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of what SLUB promises when a cache grows, reuses objects and
 * shrinks, with and without per-CPU sheaves.  Every expectation comes from
 * the cache under test: objects a slab holds and its order from the slabs,
 * the sheaf capacity and min_partial from struct kmem_cache, the counts
 * from get_slabinfo().
 */
#include <kunit/test.h>
#include <kunit/visibility.h>
#include <linux/cpumask.h>
#include <linux/kasan.h>
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include "../mm/slab.h"

#define HELD_MAX	512

struct test_cache {
	struct kmem_cache *s;
	void *held[HELD_MAX];		/* oldest first */
	unsigned int nr;
	unsigned int cap;		/* the sheaf capacity, 0 without */
	struct kunit_resource resource;
	int slab_errors;
};

struct cache_param {
	const char *name;
	unsigned int size;
	slab_flags_t flags;
};

static const struct cache_param cache_params[] = {
	{ "4096", 4096, 0 },
	{ "4096-debug", 4096, SLAB_RED_ZONE | SLAB_STORE_USER },
	{ "96", 96, 0 },		/* not a multiple of the cache line */
};

/* Caches that allocate and free one object at a time on the node lists. */
static const struct cache_param no_sheaf_params[] = {
	{ "4096-debug", 4096, SLAB_RED_ZONE | SLAB_STORE_USER },
	{ "4096-noleaktrace", 4096, SLAB_NOLEAKTRACE },
};

KUNIT_ARRAY_PARAM_DESC(cache, cache_params, name);
KUNIT_ARRAY_PARAM_DESC(no_sheaf, no_sheaf_params, name);

/* Sheaves are per CPU: a case that counts them stays on one CPU. */
static void stay_on(struct kunit *test, unsigned int cpu)
{
	KUNIT_ASSERT_EQ(test, set_cpus_allowed_ptr(current, cpumask_of(cpu)), 0);
}

/*
 * The case's cache, SLAB_HWCACHE_ALIGN, kept out of KFENCE (an object from
 * its pool sits in no slab of the cache) and from boot-time debug options.
 */
static struct test_cache *test_cache(struct kunit *test,
				     const struct cache_param *p)
{
	struct test_cache *tc = test->priv;

	tc->s = kmem_cache_create("TestSlub_alloc", p->size, 0,
				  p->flags | SLAB_HWCACHE_ALIGN | SLAB_NO_MERGE |
				  SLAB_NO_USER_FLAGS, NULL);
	KUNIT_ASSERT_NOT_NULL(test, tc->s);
	tc->s->flags |= SLAB_SKIP_KFENCE;
	tc->cap = cache_has_sheaves(tc->s) ? tc->s->sheaf_capacity : 0;
	stay_on(test, raw_smp_processor_id());
	return tc;
}

static void require_sheaves(struct kunit *test, struct test_cache *tc)
{
	if (!tc->cap)
		kunit_skip(test, "the cache has no sheaves");
}

static void require_prompt_frees(struct kunit *test)
{
	if (IS_ENABLED(CONFIG_KASAN_GENERIC))
		kunit_skip(test, "KASAN's quarantine holds freed objects back");
}

static void *hold(struct kunit *test, struct test_cache *tc)
{
	void *obj;

	KUNIT_ASSERT_LT(test, tc->nr, HELD_MAX);
	obj = kmem_cache_alloc(tc->s, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, obj);
	tc->held[tc->nr++] = obj;
	return obj;
}

/* Takes the object held @idx-th out of the list, for the caller to free. */
static void *unhold(struct test_cache *tc, unsigned int idx)
{
	void *obj = tc->held[idx];

	tc->nr--;
	memmove(&tc->held[idx], &tc->held[idx + 1],
		(tc->nr - idx) * sizeof(*tc->held));
	return obj;
}

static void *release(struct test_cache *tc, unsigned int idx)
{
	void *obj = unhold(tc, idx);

	kmem_cache_free(tc->s, obj);
	return obj;
}

static void release_all(struct test_cache *tc)
{
	while (tc->nr)
		release(tc, tc->nr - 1);
}

/*
 * @obj is an object of the cache: in one of its slabs, at the start of an
 * object (past the left red zone), aligned to the cache line; the slab
 * holds as many objects as the cache reports.  Returns the slab.  A slab
 * of a lower order than the cache's is the page allocator's fallback, not
 * SLUB's choice: the counts would not hold, and the case skips.
 */
static struct slab *expect_object(struct kunit *test, struct test_cache *tc,
				  const void *obj)
{
	struct slab *slab = virt_to_slab(obj);
	unsigned int objects;
	struct slabinfo si;
	unsigned long off;

	KUNIT_ASSERT_NOT_NULL(test, slab);
	KUNIT_ASSERT_PTR_EQ(test, slab->slab_cache, tc->s);
	get_slabinfo(tc->s, &si);
	if (slab_order(slab) < si.cache_order) {
		KUNIT_ASSERT_NE(test, test->status, KUNIT_FAILURE);
		kunit_skip(test, "a slab of order %d, not %u: the page allocator's fallback",
			   slab_order(slab), si.cache_order);
	}
	objects = slab->objects;
	KUNIT_EXPECT_EQ(test, objects, si.objects_per_slab);
	off = (unsigned long)kasan_reset_tag(obj) -
	      (unsigned long)slab_address(slab);
	KUNIT_EXPECT_EQ(test, off % tc->s->size,
			tc->s->flags & SLAB_RED_ZONE ? tc->s->red_left_pad : 0);
	KUNIT_EXPECT_LT(test, off / tc->s->size, objects);
	KUNIT_EXPECT_TRUE(test, IS_ALIGNED((unsigned long)kasan_reset_tag(obj),
					   cache_line_size()));
	return slab;
}

/* Since @before, no object reached or left a slab. */
static void expect_no_slab_work(struct kunit *test, struct test_cache *tc,
				const struct slabinfo *before, const char *when)
{
	struct slabinfo si;

	get_slabinfo(tc->s, &si);
	KUNIT_EXPECT_EQ_MSG(test, si.active_objs, before->active_objs, "%s", when);
	KUNIT_EXPECT_EQ_MSG(test, si.num_slabs, before->num_slabs, "%s", when);
}

/*
 * After @n allocations on one CPU of a fresh cache: with sheaves, whole
 * sheaves were taken from the slabs (a refill fills a sheaf to its
 * capacity), without, exactly @n objects; and the cache has just the slabs
 * that hold them, a new slab only when no slab had a free object.
 */
static bool expect_grown(struct kunit *test, struct test_cache *tc,
			 unsigned long n, unsigned int per_slab)
{
	unsigned long taken = tc->cap ? roundup(n, tc->cap) : n;
	struct slabinfo si;

	get_slabinfo(tc->s, &si);
	KUNIT_EXPECT_EQ_MSG(test, si.active_objs, taken,
			    "after %lu allocations, sheaf capacity %u", n, tc->cap);
	KUNIT_EXPECT_EQ_MSG(test, si.num_slabs, DIV_ROUND_UP(taken, per_slab),
			    "after %lu allocations, %u objects a slab", n, per_slab);
	KUNIT_EXPECT_EQ(test, si.num_objs, si.num_slabs * per_slab);
	return si.active_objs == taken &&
	       si.num_slabs == DIV_ROUND_UP(taken, per_slab);
}

static void new_slab_only_when_full(struct kunit *test)
{
	struct test_cache *tc = test_cache(test, test->param_value);
	unsigned int per_slab;
	unsigned long n, last;
	struct slabinfo si;

	get_slabinfo(tc->s, &si);
	KUNIT_EXPECT_EQ(test, si.num_slabs, 0);
	per_slab = expect_object(test, tc, hold(test, tc))->objects;
	last = min(3 * max(per_slab, tc->cap), HELD_MAX);
	kunit_info(test, "size %u, order %u, %u objects a slab, sheaf capacity %u\n",
		   tc->s->size, si.cache_order, per_slab, tc->cap);
	for (n = 1; n <= last; n++) {
		if (n > 1)
			expect_object(test, tc, hold(test, tc));
		if (!expect_grown(test, tc, n, per_slab))
			break;
	}
}

/*
 * Two objects freed are the next two handed out, last freed first, and no
 * slab is taken: from the main sheaf with sheaves, else from their slab's
 * freelist.  A whole number of sheaves and of slabs is held first, so the
 * main sheaf has room and the two sit in a full slab.
 */
static void freed_objects_reused_first(struct kunit *test)
{
	struct test_cache *tc = test_cache(test, test->param_value);
	unsigned int per_slab, i;
	struct slabinfo before;
	void *a, *b;

	require_prompt_frees(test);
	get_slabinfo(tc->s, &before);
	if (!tc->cap && before.objects_per_slab < 2)
		kunit_skip(test, "one object a slab: no two freed in one slab");
	per_slab = expect_object(test, tc, hold(test, tc))->objects;
	while (tc->nr < 2 * per_slab || (tc->cap && tc->nr % tc->cap))
		hold(test, tc);
	get_slabinfo(tc->s, &before);

	a = release(tc, 0);
	b = release(tc, 0);
	KUNIT_EXPECT_PTR_EQ(test, hold(test, tc), b);
	KUNIT_EXPECT_PTR_EQ(test, hold(test, tc), a);
	expect_no_slab_work(test, tc, &before, "reused");
	for (i = 0; i < tc->nr; i++)
		expect_object(test, tc, tc->held[i]);
}

/*
 * kmem_cache_shrink() flushes the sheaves and the barn and gives back
 * every empty slab: once all is freed, nothing is left, and no page that
 * held an object is a slab of the cache any more.
 */
static void shrink_gives_back_every_slab(struct kunit *test)
{
	struct test_cache *tc = test_cache(test, test->param_value);
	unsigned int per_slab, nr, i;
	struct slab *slab;
	struct slabinfo si;

	per_slab = expect_object(test, tc, hold(test, tc))->objects;
	nr = min(3 * max(per_slab, tc->cap), HELD_MAX);
	while (tc->nr < nr)
		hold(test, tc);
	release_all(tc);	/* newest first: held[] keeps the addresses */
	get_slabinfo(tc->s, &si);
	kunit_info(test, "all freed: %lu/%lu objects in %lu slabs\n",
		   si.active_objs, si.num_objs, si.num_slabs);
	kmem_cache_shrink(tc->s);
	get_slabinfo(tc->s, &si);
	KUNIT_EXPECT_EQ(test, si.active_objs, 0);
	KUNIT_EXPECT_EQ(test, si.num_objs, 0);
	KUNIT_EXPECT_EQ(test, si.num_slabs, 0);
	for (i = 0; i < nr; i++) {
		slab = virt_to_slab(kasan_reset_tag(tc->held[i]));
		KUNIT_EXPECT_TRUE_MSG(test, !slab || slab->slab_cache != tc->s,
				      "object %u's slab kept", i);
	}
}

/*
 * A slab that becomes empty is kept on its node's partial list only while
 * fewer than min_partial slabs are there, itself included: with the slabs
 * freed one after the other, min_partial - 1 stay (min_partial with one
 * object a slab: a slab then goes from full to empty off the list).
 */
static void empty_slabs_kept_to_min_partial(struct kunit *test)
{
	struct test_cache *tc = test_cache(test, test->param_value);
	unsigned int per_slab, i;
	struct slab *slab;
	struct slabinfo si;

	require_prompt_frees(test);
	KUNIT_ASSERT_EQ(test, tc->cap, 0);
	per_slab = expect_object(test, tc, hold(test, tc))->objects;
	KUNIT_ASSERT_LE(test, (2 * tc->s->min_partial + 2) * per_slab,
			HELD_MAX);
	while (tc->nr < (2 * tc->s->min_partial + 2) * per_slab)
		hold(test, tc);

	while (tc->nr) {
		slab = expect_object(test, tc, tc->held[0]);
		for (i = tc->nr; i-- > 0; )
			if (virt_to_slab(tc->held[i]) == slab)
				release(tc, i);
	}
	get_slabinfo(tc->s, &si);
	KUNIT_EXPECT_EQ_MSG(test, si.num_slabs,
			    tc->s->min_partial - (per_slab > 1),
			    "min_partial %lu", tc->s->min_partial);
	KUNIT_EXPECT_EQ(test, si.active_objs, 0);
}

/*
 * A CPU's frees fill its main sheaf, then the spare, then go to the barn;
 * its allocations empty main, then the spare, then take the barn's full
 * sheaf.  So of 3 * C frees f(1)..f(3C) with main and spare empty, the
 * next allocations hand out f(3C)..f(2C + 1), f(C)..f(1), then
 * f(2C)..f(C + 1), and no object reaches or leaves a slab meanwhile.
 */
static void sheaves_reused_main_spare_barn(struct kunit *test)
{
	static const char * const sheaf[] = { "spare", "barn", "main" };
	static const unsigned int order[] = { 2, 0, 1 };
	struct test_cache *tc = test_cache(test, &cache_params[0]);
	unsigned int cap = tc->cap, i, k;
	struct slabinfo before;
	void **freed;

	require_sheaves(test, tc);
	require_prompt_frees(test);
	freed = kunit_kcalloc(test, 3 * cap, sizeof(*freed), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, freed);
	while (tc->nr < 4 * cap)
		hold(test, tc);
	get_slabinfo(tc->s, &before);
	KUNIT_EXPECT_EQ(test, before.active_objs, tc->nr);

	for (i = 0; i < 3 * cap; i++)
		freed[i] = release(tc, tc->nr - 1);
	expect_no_slab_work(test, tc, &before, "freed");
	for (k = 0; k < ARRAY_SIZE(order); k++)
		for (i = (order[k] + 1) * cap; i-- > order[k] * cap; )
			KUNIT_EXPECT_PTR_EQ_MSG(test, hold(test, tc), freed[i],
						"not the %u-th freed (%s sheaf)",
						i + 1, sheaf[order[k]]);
	expect_no_slab_work(test, tc, &before, "reused");
}

/*
 * The barn is the node's: 3 * C frees on one CPU leave a full sheaf in
 * it, and another CPU of the node, whose sheaves are empty, takes that
 * sheaf for its next allocations: f(2C)..f(C + 1), with no slab work.
 */
static void barn_serves_another_cpu(struct kunit *test)
{
	struct test_cache *tc = test_cache(test, &cache_params[0]);
	unsigned int cap = tc->cap, here, there, i;
	struct slabinfo before;
	void **freed;

	require_sheaves(test, tc);
	require_prompt_frees(test);
	here = raw_smp_processor_id();
	for_each_online_cpu(there)
		if (there != here && cpu_to_node(there) == cpu_to_node(here))
			break;
	if (there >= nr_cpu_ids)
		kunit_skip(test, "needs a second online CPU of node %d",
			   cpu_to_node(here));
	freed = kunit_kcalloc(test, 3 * cap, sizeof(*freed), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, freed);

	while (tc->nr < 4 * cap)
		hold(test, tc);
	for (i = 0; i < 3 * cap; i++)
		freed[i] = release(tc, tc->nr - 1);
	get_slabinfo(tc->s, &before);

	stay_on(test, there);
	for (i = 2 * cap; i-- > cap; )
		KUNIT_EXPECT_PTR_EQ_MSG(test, hold(test, tc), freed[i],
					"CPU %u: not the %u-th freed on CPU %u",
					there, i + 1, here);
	expect_no_slab_work(test, tc, &before, "reused on another CPU");
}

struct rcu_object {
	struct rcu_head rcu;
};

/*
 * kfree_rcu() puts an object of a cache with sheaves in the CPU's rcu_free
 * sheaf; a full one goes to the barn after a grace period.  So C objects
 * freed so, on a CPU whose main sheaf and spare are empty, stay off their
 * slabs, and after rcu_barrier() the next C allocations hand them out,
 * last freed first.  A shrink sends a sheaf not yet full to the slabs.
 * The objects never reach kvfree_rcu's batches, whose use before the boot
 * ends is why slub_kunit's kfree_rcu() cases do not run built in:
 * rcu_barrier() waits for the sheaf's call_rcu().
 */
static void kfree_rcu_goes_to_the_barn(struct kunit *test)
{
	struct test_cache *tc = test_cache(test, &cache_params[0]);
	unsigned int cap = tc->cap, i;
	struct slabinfo before, si;
	struct rcu_object *obj;
	void **freed;

	require_sheaves(test, tc);
	require_prompt_frees(test);
	if (!IS_ENABLED(CONFIG_KVFREE_RCU_BATCHED) || IS_ENABLED(CONFIG_PREEMPT_RT))
		kunit_skip(test, "kfree_rcu() skips sheaves on PREEMPT_RT or !KVFREE_RCU_BATCHED");
	freed = kunit_kcalloc(test, cap, sizeof(*freed), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, freed);
	while (tc->nr < 2 * cap)
		hold(test, tc);
	get_slabinfo(tc->s, &before);

	for (i = 0; i < cap; i++) {
		obj = unhold(tc, tc->nr - 1);
		freed[i] = obj;
		kfree_rcu(obj, rcu);
	}
	rcu_barrier();
	expect_no_slab_work(test, tc, &before, "freed by kfree_rcu()");
	for (i = cap; i-- > 0; )
		KUNIT_EXPECT_PTR_EQ_MSG(test, hold(test, tc), freed[i],
					"not the %u-th freed by kfree_rcu()", i + 1);
	expect_no_slab_work(test, tc, &before, "reused");

	/* A sheaf not yet full goes back to the slabs on a shrink. */
	kfree_rcu((struct rcu_object *)unhold(tc, tc->nr - 1), rcu);
	kmem_cache_shrink(tc->s);
	rcu_barrier();
	get_slabinfo(tc->s, &si);
	KUNIT_EXPECT_EQ_MSG(test, si.active_objs, tc->nr,
			    "in use after a shrink with one object in the rcu sheaf");
}

/*
 * A bulk allocation with nothing cached takes exactly what it asks for
 * from the slabs; with objects in the main sheaf, it takes those; a bulk
 * free puts objects in the main sheaf as far as it has room.  Without
 * sheaves, both move exactly the objects asked for.
 */
static void bulk_alloc_and_free(struct kunit *test)
{
	struct test_cache *tc = test_cache(test, test->param_value);
	unsigned int per_slab, n;
	struct slabinfo before, si;

	require_prompt_frees(test);
	n = min(2 * (tc->cap ? tc->cap : 1) + 3, HELD_MAX / 2);
	KUNIT_ASSERT_TRUE(test, kmem_cache_alloc_bulk(tc->s, GFP_KERNEL, n,
						      tc->held));
	tc->nr = n;
	per_slab = expect_object(test, tc, tc->held[0])->objects;
	get_slabinfo(tc->s, &si);
	KUNIT_EXPECT_EQ(test, si.active_objs, n);
	KUNIT_EXPECT_EQ(test, si.num_slabs, DIV_ROUND_UP(n, per_slab));

	if (tc->cap) {
		hold(test, tc);		/* the main sheaf refilled: C - 1 left */
		get_slabinfo(tc->s, &before);
		n = tc->cap - 1;
		KUNIT_ASSERT_TRUE(test, kmem_cache_alloc_bulk(tc->s, GFP_KERNEL, n,
							      &tc->held[tc->nr]));
		tc->nr += n;
		expect_no_slab_work(test, tc, &before, "bulk from the main sheaf");
	}

	/* The main sheaf is empty: room for C. */
	get_slabinfo(tc->s, &before);
	n = tc->cap ? tc->cap : 2;
	tc->nr -= n;
	kmem_cache_free_bulk(tc->s, n, &tc->held[tc->nr]);
	get_slabinfo(tc->s, &si);
	KUNIT_EXPECT_EQ_MSG(test, si.active_objs,
			    before.active_objs - (tc->cap ? 0 : n),
			    "%u freed in bulk", n);
}

/*
 * A prefilled sheaf holds at least what was asked for, at most the
 * capacity, or exactly what was asked for above it (oversize); the slabs
 * gave just what the sheaves hold, and allocations from a sheaf take no
 * more.  kmem_cache_refill_sheaf() fills an emptied sheaf so again.
 * Returned, the sheaves' objects go back: after a shrink nothing is
 * left.
 */
static void sheaf_prefill_and_return(struct kunit *test)
{
	struct test_cache *tc = test_cache(test, &cache_params[0]);
	struct slab_sheaf *sheaf[2] = { };
	unsigned int want[2], size[2], k, i;
	unsigned long in_sheaves = 0;
	struct slabinfo si;
	void *obj;

	require_sheaves(test, tc);
	want[0] = 1;
	want[1] = 3 * tc->cap + 1;
	/* No assertion while a sheaf is out: .exit cannot return it. */
	for (k = 0; k < 2; k++) {
		sheaf[k] = kmem_cache_prefill_sheaf(tc->s, GFP_KERNEL, want[k]);
		KUNIT_EXPECT_NOT_NULL(test, sheaf[k]);
		if (!sheaf[k])
			goto out;
		size[k] = kmem_cache_sheaf_size(sheaf[k]);
		in_sheaves += size[k];
		KUNIT_EXPECT_GE(test, size[k], want[k]);
		KUNIT_EXPECT_LE(test, size[k], max(want[k], tc->cap));
		get_slabinfo(tc->s, &si);
		KUNIT_EXPECT_EQ(test, si.active_objs, in_sheaves);
	}
	for (k = 0; k < 2; k++) {
		for (i = 0; i < size[k] - k; i++) {
			obj = kmem_cache_alloc_from_sheaf(tc->s, GFP_KERNEL,
							  sheaf[k]);
			KUNIT_EXPECT_NOT_NULL(test, obj);
			if (!obj)
				goto out;
			tc->held[tc->nr++] = obj;
		}
	}
	obj = kmem_cache_alloc_from_sheaf(tc->s, GFP_KERNEL, sheaf[0]);
	KUNIT_EXPECT_NULL(test, obj);
	if (obj)
		tc->held[tc->nr++] = obj;
	/* Refilled, the emptied sheaf holds what was asked for again. */
	KUNIT_EXPECT_EQ(test, kmem_cache_refill_sheaf(tc->s, GFP_KERNEL,
						      &sheaf[0], want[0]), 0);
	size[0] = kmem_cache_sheaf_size(sheaf[0]);
	in_sheaves += size[0];
	KUNIT_EXPECT_GE(test, size[0], want[0]);
	KUNIT_EXPECT_LE(test, size[0], tc->cap);
	get_slabinfo(tc->s, &si);
	KUNIT_EXPECT_EQ(test, si.active_objs, in_sheaves);
out:
	for (k = 0; k < 2; k++)
		if (sheaf[k])
			kmem_cache_return_sheaf(tc->s, GFP_KERNEL, sheaf[k]);
	release_all(tc);
	kmem_cache_shrink(tc->s);
	get_slabinfo(tc->s, &si);
	KUNIT_EXPECT_EQ(test, si.active_objs, 0);
	KUNIT_EXPECT_EQ(test, si.num_slabs, 0);
}

static int test_init(struct kunit *test)
{
	struct test_cache *tc = kunit_kzalloc(test, sizeof(*tc), GFP_KERNEL);

	if (!tc)
		return -ENOMEM;
	test->priv = tc;
	kunit_add_named_resource(test, NULL, NULL, &tc->resource,
				 "slab_errors", &tc->slab_errors);
	return 0;
}

/* Frees what the case held and destroys its cache: no report of SLUB's. */
static void test_exit(struct kunit *test)
{
	struct test_cache *tc = test->priv;

	if (!tc->s)
		return;
	release_all(tc);
	kmem_cache_destroy(tc->s);
	KUNIT_EXPECT_EQ(test, tc->slab_errors, 0);
}

static struct kunit_case slub_alloc_test_cases[] = {
	KUNIT_CASE_PARAM(new_slab_only_when_full, cache_gen_params),
	KUNIT_CASE_PARAM(freed_objects_reused_first, cache_gen_params),
	KUNIT_CASE_PARAM(shrink_gives_back_every_slab, cache_gen_params),
	KUNIT_CASE_PARAM(empty_slabs_kept_to_min_partial, no_sheaf_gen_params),
	KUNIT_CASE(sheaves_reused_main_spare_barn),
	KUNIT_CASE(barn_serves_another_cpu),
	KUNIT_CASE(kfree_rcu_goes_to_the_barn),
	KUNIT_CASE_PARAM(bulk_alloc_and_free, cache_gen_params),
	KUNIT_CASE(sheaf_prefill_and_return),
	{}
};

static struct kunit_suite slub_alloc_test_suite = {
	.name = "slub_alloc",
	.init = test_init,
	.exit = test_exit,
	.test_cases = slub_alloc_test_cases,
};

kunit_test_suite(slub_alloc_test_suite);

MODULE_IMPORT_NS("EXPORTED_FOR_KUNIT_TESTING");
MODULE_DESCRIPTION("KUnit tests of SLUB's growth, reuse and sheaves");
MODULE_LICENSE("GPL");
