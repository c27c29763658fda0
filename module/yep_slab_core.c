// SPDX-License-Identifier: GPL-2.0
/*
 * yep_slab core: creates the seed's cache (4096-byte objects,
 * SLAB_HWCACHE_ALIGN), holds objects from it and measures the slabs behind
 * them from SLUB's own structures.  The KUnit suite and the sysfs demo
 * module both compile this file; neither repeats what is here.
 */
#include <linux/cpumask.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/kernel.h>
#include <linux/kfence.h>
#include <linux/mm.h>
#include <linux/page_ext.h>
#include <linux/page_owner.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/xarray.h>

#ifdef YEP_SLAB_PUBLIC_ONLY
/*
 * mm/slab.h (struct kmem_cache, struct slab) is in no headers package.
 * Without it (module/Kbuild) the module reads what SLUB's sysfs files and
 * the public headers give, and marks the rest unavailable; built-in code
 * always has it.
 */
#ifndef MODULE
#error "built-in yep_slab code needs mm/slab.h"
#endif
#else
#include "slab.h"
/* SLUB's per-CPU and per-node structures, from mm/slub.c (module/Kbuild) */
#include "yep_slab_slub.h"
#endif
#include "yep_slab_core.h"

/*
 * SLAB_NO_MERGE keeps the cache to itself (6.5 and later).  Before it, the
 * one flag in SLAB_NEVER_MERGE that leaves the layout and the per-CPU slab
 * alone is SLAB_NOLEAKTRACE.  Its costs: kmemleak does not track our
 * objects (they hold no pointers), and a boot-time slub_debug without a
 * cache list leaves U (SLAB_STORE_USER) out for the cache; the suite reads
 * the flags the cache really got.  Merging is still detected in
 * yep_slab_create().
 */
#ifdef SLAB_NO_MERGE
#define YEP_SLAB_NO_MERGE	SLAB_NO_MERGE
#else
#define YEP_SLAB_NO_MERGE	SLAB_NOLEAKTRACE
#endif

/*
 * Sheaves came with the sheaf API (kmem_cache_alloc_from_sheaf, 6.18);
 * until 7.0 a cache had them only when asked for, in front of a per-CPU
 * slab, so s->sheaf_capacity is read from 6.18 on.  SLAB_NO_SHEAVES came
 * in 7.0, when every cache without debug flags got sheaves by default and
 * the per-CPU slabs went away.  Either marks s->sheaf_capacity: a rename
 * of one does not hide a cache's sheaves (its growth would then fail the
 * model of a cache without, not skip).
 */
#if defined(kmem_cache_alloc_from_sheaf) || defined(SLAB_NO_SHEAVES)
#define YEP_SLAB_HAVE_SHEAF_API	1
#else
#define YEP_SLAB_HAVE_SHEAF_API	0
#endif
#ifdef SLAB_NO_SHEAVES
#define YEP_SLAB_SHEAVES_BY_DEFAULT	1
#else
#define YEP_SLAB_SHEAVES_BY_DEFAULT	0
#endif

/* get_slabinfo() is built-in only (not exported) and needs SLUB_DEBUG. */
#if IS_ENABLED(CONFIG_SLUB_DEBUG) && !defined(MODULE)
#define YEP_SLAB_HAVE_SLABINFO	1
#else
#define YEP_SLAB_HAVE_SLABINFO	0
#endif

/* page_owner's page_ext records: built-in only (page_ext_get() unexported). */
#if IS_ENABLED(CONFIG_PAGE_OWNER) && !defined(MODULE)
#define YEP_SLAB_HAVE_PAGE_OWNER	1
#else
#define YEP_SLAB_HAVE_PAGE_OWNER	0
#endif

/*
 * Objects are taken without retrying reclaim hard or invoking the OOM killer:
 * a demo asking for too much should fail with -ENOMEM, not kill processes.
 * SLUB adds these two bits to its first (high-order) attempt anyway.
 */
#define YEP_SLAB_GFP	(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN)

#define YEP_SLAB_MIN_CAP	64

static int yep_slab_adopt(struct yep_slab *ys, struct kmem_cache *s,
			  const char *name);

/* Makes @s (NULL: not created) the cache of @ys, or destroys it. */
static int yep_slab_take(struct yep_slab *ys, struct kmem_cache *s,
			 const char *name)
{
	int err;

	memset(ys, 0, sizeof(*ys));
	xa_init(&ys->slabs);
	if (!s)
		return -ENOMEM;
	err = yep_slab_adopt(ys, s, name);
	if (err) {
		ys->cache = NULL;
		kmem_cache_destroy(s);
	}
	return err;
}

/*
 * Creates the cache of @ys: objects of @size bytes (the seed's
 * YEP_SLAB_OBJECT_SIZE; other sizes for the cases that compare SLUB's
 * size rules), SLAB_HWCACHE_ALIGN, kept from merging, @flags and the
 * constructor @ctor (NULL for none), as kernel code creates its caches.
 */
int yep_slab_create_ctor(struct yep_slab *ys, const char *name,
			 unsigned int size, slab_flags_t flags,
			 void (*ctor)(void *))
{
	if (!name)
		name = YEP_SLAB_CACHE_NAME;
	return yep_slab_take(ys, kmem_cache_create(name, size, 0,
			SLAB_HWCACHE_ALIGN | YEP_SLAB_NO_MERGE | flags, ctor),
			name);
}

#ifdef kmem_cache_alloc_from_sheaf	/* the sheaf API: 6.18 on */
/*
 * The seed's cache asking for sheaves of at least @capacity objects
 * (kmem_cache_args.sheaf_capacity), as the maple tree's nodes do.
 */
int yep_slab_create_capacity(struct yep_slab *ys, const char *name,
			     unsigned int capacity)
{
	struct kmem_cache_args args = { .sheaf_capacity = capacity };

	return yep_slab_take(ys, kmem_cache_create(name, YEP_SLAB_OBJECT_SIZE,
			&args, SLAB_HWCACHE_ALIGN | YEP_SLAB_NO_MERGE),
			name);
}
#endif

int yep_slab_create_sized(struct yep_slab *ys, const char *name,
			  unsigned int size, slab_flags_t flags)
{
	return yep_slab_create_ctor(ys, name, size, flags, NULL);
}

int yep_slab_create(struct yep_slab *ys, const char *name, slab_flags_t flags)
{
	return yep_slab_create_sized(ys, name, YEP_SLAB_OBJECT_SIZE, flags);
}

#ifndef YEP_SLAB_PUBLIC_ONLY
/* Takes @s as the cache of @ys, unless it was merged with another. */
static int yep_slab_adopt(struct yep_slab *ys, struct kmem_cache *s,
			  const char *name)
{
	/* A merged cache is somebody else's: its counts would not be ours. */
	if (s->refcount != 1 || strcmp(s->name, name)) {
		pr_warn("cache %s was merged into %s (refcount %d)\n",
			name, s->name, s->refcount);
		return -EBUSY;
	}

	/*
	 * KFENCE may serve any allocation from its own pool, one object a
	 * page; this cache measures SLUB's slabs, so it keeps out of KFENCE.
	 */
	s->flags |= SLAB_SKIP_KFENCE;
	ys->cache = s;
	ys->name = s->name;
	ys->size = s->size;
	return 0;
}
#endif

/*
 * Frees every object held and destroys the cache.  Does nothing on a
 * zeroed struct or after a failed create.
 */
void yep_slab_destroy(struct yep_slab *ys)
{
	if (!ys->cache)
		return;
	yep_slab_release_all(ys);
	kmem_cache_destroy(ys->cache);
	ys->cache = NULL;
	kvfree(ys->objs);
	ys->objs = NULL;
	ys->cap_objs = 0;
	xa_destroy(&ys->slabs);
}

/* The per-CPU layer in front of the node lists, from the geometry. */
static enum yep_slab_layer yep_slab_layer_of(const struct yep_slab_geometry *g)
{
	/* A debug cache allocates and frees one object at a time, per node. */
	if (g->sheaf_capacity)
		return YEP_SLAB_LAYER_SHEAVES;
	if (!YEP_SLAB_SHEAVES_BY_DEFAULT && !IS_ENABLED(CONFIG_SLUB_TINY) &&
	    !g->debug_flags)
		return YEP_SLAB_LAYER_CPU_SLAB;
	return YEP_SLAB_LAYER_NONE;
}

#ifdef YEP_SLAB_PUBLIC_ONLY
void yep_slab_geometry(const struct yep_slab *ys, struct yep_slab_geometry *g)
{
	*g = ys->geo;
}
#else
void yep_slab_geometry(const struct yep_slab *ys, struct yep_slab_geometry *g)
{
	const struct kmem_cache *s = ys->cache;

	g->object_size = s->object_size;
	g->size = s->size;
	g->align = s->align;
	g->order = s->oo.x >> 16;		/* oo_order() */
	g->objects_per_slab = s->oo.x & 0xffff;	/* oo_objects() */
	g->min_partial = s->min_partial;
#ifdef CONFIG_SLUB_CPU_PARTIAL	/* 6.x; 7.0 has no per-CPU slabs */
	g->cpu_partial = s->cpu_partial;
	g->cpu_partial_slabs = s->cpu_partial_slabs;
#else
	g->cpu_partial = 0;
	g->cpu_partial_slabs = 0;
#endif
	g->flags = s->flags;
	g->debug_flags = s->flags & SLAB_DEBUG_FLAGS;
#if YEP_SLAB_HAVE_SHEAF_API
	g->sheaf_capacity = IS_ENABLED(CONFIG_SLUB_TINY) ? 0 : s->sheaf_capacity;
#else
	g->sheaf_capacity = 0;
#endif
	g->layer = yep_slab_layer_of(g);
}
#endif /* YEP_SLAB_PUBLIC_ONLY */

#ifdef YEP_SLAB_PUBLIC_ONLY
static const char *const yep_slab_figure_names[YEP_SLAB_NR_FIGURES] = {
	[YEP_SLAB_NA_OBJECTS_PER_SLAB] = "objects_per_slab",
	[YEP_SLAB_NA_ORDER] = "order",
	[YEP_SLAB_NA_SIZE] = "size",
	[YEP_SLAB_NA_LAYER] = "layer",
	[YEP_SLAB_NA_SHEAF_CAPACITY] = "sheaf_capacity",
	[YEP_SLAB_NA_MODEL] = "model_active,model_slabs",
	[YEP_SLAB_NA_ALIGN] = "align",
	[YEP_SLAB_NA_MIN_PARTIAL] = "min_partial",
	[YEP_SLAB_NA_FLAGS] = "flags",
	[YEP_SLAB_NA_SLAB_CONTENTS] = "slab_contents",
};

/* The status name(s) of @figure ("slab_contents": each slab's counters). */
const char *yep_slab_figure_name(enum yep_slab_figure figure)
{
	return figure < YEP_SLAB_NR_FIGURES ? yep_slab_figure_names[figure] : "?";
}
#endif

const char *yep_slab_layer_name(enum yep_slab_layer layer)
{
	switch (layer) {
	case YEP_SLAB_LAYER_CPU_SLAB:
		return "per-cpu-slab";
	case YEP_SLAB_LAYER_SHEAVES:
		return "sheaves";
	default:
		return "none";
	}
}

/*
 * Whether this kernel's SLUB gives every eligible cache sheaves (7.0 on;
 * a cache may still have none).  6.18 and 6.19 had them on request only.
 */
bool yep_slab_kernel_has_sheaves(void)
{
	return YEP_SLAB_SHEAVES_BY_DEFAULT;
}

/* The slabs that objects [@lo, @hi) of the slab-order sequence sit in. */
static unsigned long yep_slab_span(unsigned long lo, unsigned long hi,
				   unsigned long per, unsigned long from)
{
	unsigned long first = max(lo / per, from), last;

	if (lo >= hi)
		return 0;
	last = (hi - 1) / per;
	return last >= first ? last - first + 1 : 0;
}

/*
 * What a fresh cache looks like after @n allocations on one CPU, none
 * freed, by the cache's per-CPU layer:
 * - No per-CPU layer: each allocation takes one object; a new slab when
 *   the last is full.
 * - A per-CPU slab (6.x): the CPU takes a whole slab at a time, and
 *   /proc/slabinfo counts all of its objects in use.
 * - Sheaves of capacity C (7.x): when the main sheaf is empty it is
 *   refilled with exactly C objects (__pcs_replace_empty_main(),
 *   refill_sheaf()), first from the partial slab the last refill left,
 *   then from new slabs, so the objects taken are slab after slab in
 *   order.  The sheaf is a stack: allocation pops the object put in last.
 *   After n allocations, k = ceil(n / C) refills took kC objects; those
 *   of the first k - 1 refills are all held, and of the last refill the
 *   top q = n - (k - 1)C.  Where C and P do not divide each other those
 *   two runs can span more slabs than ceil(n / P).
 */
void yep_slab_model_growth(const struct yep_slab_geometry *g, unsigned long n,
			   struct yep_slab_growth *m)
{
	unsigned long per = g->objects_per_slab, cap = g->sheaf_capacity;
	unsigned long k, below, held_below;

	switch (g->layer) {
	case YEP_SLAB_LAYER_SHEAVES:
		k = DIV_ROUND_UP(n, cap);
		m->taken = k * cap;
		m->slabs = DIV_ROUND_UP(m->taken, per);
		if (!n) {
			m->held_slabs = 0;
			break;
		}
		below = (k - 1) * cap;
		held_below = DIV_ROUND_UP(below, per);
		m->held_slabs = held_below +
			yep_slab_span(m->taken - (n - below), m->taken, per,
				      held_below);
		break;
	case YEP_SLAB_LAYER_CPU_SLAB:
		m->slabs = DIV_ROUND_UP(n, per);
		m->held_slabs = m->slabs;
		m->taken = m->slabs * per;
		break;
	default:
		m->slabs = DIV_ROUND_UP(n, per);
		m->held_slabs = m->slabs;
		m->taken = n;
		break;
	}
}

/* Reads up to @size - 1 bytes of @f into @buf, terminated; closes @f. */
static ssize_t yep_slab_read_close(struct file *f, char *buf, size_t size)
{
	loff_t pos = 0;
	size_t len = 0;
	ssize_t n = 0;

	while (len < size - 1) {
		n = kernel_read(f, buf + len, size - 1 - len, &pos);
		if (n <= 0)
			break;
		len += n;
	}
	filp_close(f, NULL);
	buf[len] = '\0';
	return n < 0 ? n : len;
}

#ifdef MODULE
/*
 * Opens @path for reading.  Since 7.0 a kernel thread (a KUnit case runs
 * in one) resolves paths in an empty nullfs root, where /sys and /proc
 * are not; scoped_with_init_fs() lends it userspace's root meanwhile.
 */
static struct file *yep_slab_open(const char *path)
{
#ifdef scoped_with_init_fs
	if (current->flags & PF_KTHREAD) {
		scoped_with_init_fs()
			return filp_open(path, O_RDONLY, 0);
	}
#endif
	return filp_open(path, O_RDONLY, 0);
}

/*
 * Reads up to @size - 1 bytes of the file at @path into @buf, terminated.
 * For the files a module reads where built-in code calls SLUB itself.
 */
ssize_t yep_slab_read_file(const char *path, char *buf, size_t size)
{
	struct file *f = yep_slab_open(path);

	if (IS_ERR(f))
		return PTR_ERR(f);
	return yep_slab_read_close(f, buf, size);
}
#endif /* MODULE */

/*
 * SLUB's sysfs files of the cache, /sys/kernel/slab/<cache>/: a module
 * opens them by path; built-in code runs before userspace has mounted
 * anything, and reads them through @mnt, a private mount of sysfs
 * (yep_slab_sysfs_mount()).
 */
#ifdef MODULE
static struct vfsmount *yep_slab_sysfs_mount(void)
{
	return NULL;
}

static void yep_slab_sysfs_unmount(struct vfsmount *mnt)
{
}
#else
static struct vfsmount *yep_slab_sysfs_mount(void)
{
	struct file_system_type *type = get_fs_type("sysfs");
	struct vfsmount *mnt;

	if (!type)
		return ERR_PTR(-ENODEV);
	mnt = kern_mount(type);
	put_filesystem(type);
	return mnt;
}

static void yep_slab_sysfs_unmount(struct vfsmount *mnt)
{
	kern_unmount(mnt);
}
#endif

/* The first number in /sys/kernel/slab/<cache>/<attr>. */
static int yep_slab_sysfs_count(const struct yep_slab *ys,
				struct vfsmount *mnt, const char *attr,
				unsigned long *val)
{
	char path[96], buf[64];
	struct file *f;
	ssize_t n;

#ifdef MODULE
	snprintf(path, sizeof(path), "/sys/kernel/slab/%s/%s", ys->name, attr);
	f = yep_slab_open(path);
#else
	snprintf(path, sizeof(path), "kernel/slab/%s/%s", ys->name, attr);
	f = file_open_root_mnt(mnt, path, O_RDONLY, 0);
#endif
	if (IS_ERR(f))
		return PTR_ERR(f);
	n = yep_slab_read_close(f, buf, sizeof(buf));
	if (n < 0)
		return n;
	buf[strcspn(buf, "\n ")] = '\0';	/* "<total> N0=<node 0> ..." */
	return kstrtoul(buf, 10, val);
}

/*
 * /proc/slabinfo's numbers, from SLUB's sysfs files for the cache (which
 * count the same things; /proc/slabinfo itself has no read_iter, so
 * kernel_read() cannot read it): what a person reads from a shell.  A
 * module reads its counters here; built-in code reads get_slabinfo() in
 * yep_slab_counts(), and this is a second, independent report.
 */
int yep_slab_counts_sysfs(const struct yep_slab *ys, struct yep_slab_counts *c)
{
	struct vfsmount *mnt = yep_slab_sysfs_mount();
	int err;

	memset(c, 0, sizeof(*c));
	if (IS_ERR(mnt))
		return PTR_ERR(mnt);
	err = yep_slab_sysfs_count(ys, mnt, "objects", &c->active_objs);
	if (!err)
		err = yep_slab_sysfs_count(ys, mnt, "total_objects",
					   &c->num_objs);
	if (!err)
		err = yep_slab_sysfs_count(ys, mnt, "slabs", &c->num_slabs);
	if (!err)
		err = yep_slab_sysfs_count(ys, mnt, "objs_per_slab",
					   &c->objects_per_slab);
	if (!err)
		err = yep_slab_sysfs_count(ys, mnt, "order", &c->order);
	c->active_slabs = c->num_slabs;
	yep_slab_sysfs_unmount(mnt);
	return err;
}

/*
 * A CONFIG_SLUB_STATS counter of the cache, /sys/kernel/slab/<cache>/@name:
 * the sum over CPUs of what SLUB counted (-ENOENT without the counter).
 */
int yep_slab_stat(const struct yep_slab *ys, const char *name,
		  unsigned long *val)
{
	struct vfsmount *mnt = yep_slab_sysfs_mount();
	int err;

	*val = 0;
	if (IS_ERR(mnt))
		return PTR_ERR(mnt);
	err = yep_slab_sysfs_count(ys, mnt, name, val);
	yep_slab_sysfs_unmount(mnt);
	return err;
}

#ifdef YEP_SLAB_PUBLIC_ONLY
/* mm/slab.h's SLAB_DEBUG_FLAGS, each with its sysfs file. */
static const struct {
	const char *attr;
	slab_flags_t flag;
} yep_slab_debug_attrs[] = {
	{ "sanity_checks", SLAB_CONSISTENCY_CHECKS },
	{ "red_zone", SLAB_RED_ZONE },
	{ "poison", SLAB_POISON },
	{ "store_user", SLAB_STORE_USER },
	{ "trace", SLAB_TRACE },
};

/* One number of /sys/kernel/slab/<cache>/@attr, or @figure unavailable. */
static unsigned int yep_slab_sysfs_figure(struct yep_slab *ys,
					  const char *attr,
					  enum yep_slab_figure figure)
{
	unsigned long val;

	if (yep_slab_sysfs_count(ys, NULL, attr, &val) || val > UINT_MAX) {
		ys->unavailable |= BIT(figure);
		return 0;
	}
	return val;
}

/*
 * The geometry from SLUB's sysfs files of the new cache: -EBUSY when it
 * was merged.  What they do not give (the flags but the debug ones, each
 * slab's counters) or what cannot be read is marked unavailable.
 */
static int yep_slab_read_geometry(struct yep_slab *ys)
{
	struct yep_slab_geometry *g = &ys->geo;
	unsigned long aliases;
	unsigned int i;

	memset(g, 0, sizeof(*g));
	ys->unavailable = BIT(YEP_SLAB_NA_FLAGS) | BIT(YEP_SLAB_NA_SLAB_CONTENTS);
	if (!yep_slab_sysfs_count(ys, NULL, "aliases", &aliases) && aliases)
		return -EBUSY;

	g->object_size = kmem_cache_size(ys->cache);
	g->size = yep_slab_sysfs_figure(ys, "slab_size", YEP_SLAB_NA_SIZE);
	g->align = yep_slab_sysfs_figure(ys, "align", YEP_SLAB_NA_ALIGN);
	g->order = yep_slab_sysfs_figure(ys, "order", YEP_SLAB_NA_ORDER);
	g->objects_per_slab = yep_slab_sysfs_figure(ys, "objs_per_slab",
						    YEP_SLAB_NA_OBJECTS_PER_SLAB);
	g->min_partial = yep_slab_sysfs_figure(ys, "min_partial",
					       YEP_SLAB_NA_MIN_PARTIAL);
	/* Without SLUB_DEBUG there are no debug flags, nor their files. */
	for (i = 0; IS_ENABLED(CONFIG_SLUB_DEBUG) &&
	     i < ARRAY_SIZE(yep_slab_debug_attrs); i++) {
		unsigned long on;

		if (yep_slab_sysfs_count(ys, NULL, yep_slab_debug_attrs[i].attr,
					 &on))
			ys->unavailable |= BIT(YEP_SLAB_NA_LAYER);
		else if (on)
			g->debug_flags |= yep_slab_debug_attrs[i].flag;
	}
	g->flags = g->debug_flags;
	if (YEP_SLAB_HAVE_SHEAF_API && !IS_ENABLED(CONFIG_SLUB_TINY))
		g->sheaf_capacity = yep_slab_sysfs_figure(ys, "sheaf_capacity",
							  YEP_SLAB_NA_SHEAF_CAPACITY);
	if (ys->unavailable & BIT(YEP_SLAB_NA_SHEAF_CAPACITY))
		ys->unavailable |= BIT(YEP_SLAB_NA_LAYER);
	g->layer = yep_slab_layer_of(g);
	if (ys->unavailable & (BIT(YEP_SLAB_NA_LAYER) |
			       BIT(YEP_SLAB_NA_OBJECTS_PER_SLAB)))
		ys->unavailable |= BIT(YEP_SLAB_NA_MODEL);
	ys->size = ys->unavailable & BIT(YEP_SLAB_NA_SIZE) ? g->object_size :
							     g->size;
	return 0;
}

/*
 * Takes @s as the cache of @ys, geometry read from its sysfs files; a
 * merged cache's sysfs name links to the cache it joined, whose aliases
 * count is not 0.  KFENCE cannot be kept out (the flag is SLUB's to set;
 * Debian's kernels sample nothing unless booted with kfence.sample_interval).
 */
static int yep_slab_adopt(struct yep_slab *ys, struct kmem_cache *s,
			  const char *name)
{
	int err;

	ys->cache = s;
	ys->name = name;	/* SLUB's copy is private: @name must last */
	err = yep_slab_read_geometry(ys);
	if (err)
		pr_warn("cache %s was merged with another\n", name);
	return err;
}
#endif /* YEP_SLAB_PUBLIC_ONLY */

/*
 * The cache-wide counters of /proc/slabinfo: from get_slabinfo() when
 * built in, from /sys/kernel/slab/<cache>/ when a module (get_slabinfo()
 * is not exported).  -EOPNOTSUPP without CONFIG_SLUB_DEBUG; a module gets
 * -ENOENT and the like where sysfs cannot be read.
 */
#if YEP_SLAB_HAVE_SLABINFO
int yep_slab_counts(const struct yep_slab *ys, struct yep_slab_counts *c)
{
	struct slabinfo info = { };

	get_slabinfo(ys->cache, &info);
	c->active_objs = info.active_objs;
	c->num_objs = info.num_objs;
	c->active_slabs = info.active_slabs;
	c->num_slabs = info.num_slabs;
	c->objects_per_slab = info.objects_per_slab;
	c->order = info.cache_order;
	return 0;
}
#elif defined(MODULE)
int yep_slab_counts(const struct yep_slab *ys, struct yep_slab_counts *c)
{
	memset(c, 0, sizeof(*c));
	if (!IS_ENABLED(CONFIG_SLUB_DEBUG))
		return -EOPNOTSUPP;
	return yep_slab_counts_sysfs(ys, c);
}
#else
int yep_slab_counts(const struct yep_slab *ys, struct yep_slab_counts *c)
{
	memset(c, 0, sizeof(*c));
	return -EOPNOTSUPP;
}
#endif

/*
 * SLUB's own consistency check of the cache, validate_slab_cache().  It
 * first flushes each CPU's slab and partial slabs (6.x) or sheaves (7.x;
 * the barn keeps its sheaves) to the node lists, then checks every slab
 * on them; what is wrong it reports, or counts in the "slab_errors"
 * resource of the KUnit case running.  Returns the slabs checked, or
 * -EOPNOTSUPP without CONFIG_SLUB_DEBUG or mm/slab.h.
 *
 * SLUB validates debug caches only (validate_store()).  Where a kernel
 * with sheaves (7.x) gives a cache no debug flags and puts its free
 * pointer past the object (a constructor, SLAB_TYPESAFE_BY_RCU), it is
 * not validated either (-EOPNOTSUPP): check_object() reads an allocated
 * object's free pointer there, which alloc_from_new_slab() leaves
 * unwritten in the objects it hands out, so the check would report
 * whatever the page held before.  6.x builds every new slab's freelist
 * whole, and is validated.
 */
#if IS_ENABLED(CONFIG_SLUB_DEBUG) && !defined(YEP_SLAB_PUBLIC_ONLY)
long yep_slab_validate(struct yep_slab *ys)
{
	struct kmem_cache *s = ys->cache;

	if (YEP_SLAB_SHEAVES_BY_DEFAULT && !(s->flags & SLAB_DEBUG_FLAGS) &&
	    s->offset >= s->inuse)
		return -EOPNOTSUPP;
	return validate_slab_cache(s);
}
#else
long yep_slab_validate(struct yep_slab *ys)
{
	return -EOPNOTSUPP;
}
#endif

#ifndef YEP_SLAB_PUBLIC_ONLY
/*
 * The index of the object a new slab hands out @pos-th: @pos itself, or
 * with CONFIG_SLAB_FREELIST_RANDOM the cache's random sequence
 * (s->random_seq, object offsets in a per-cache shuffled order, each new
 * slab starting at a random position of it).
 */
unsigned int yep_slab_freelist_index(const struct yep_slab *ys,
				     unsigned int pos)
{
#ifdef CONFIG_SLAB_FREELIST_RANDOM
	const struct kmem_cache *s = ys->cache;

	if (s->random_seq)
		return s->random_seq[pos] / s->size;
#endif
	return pos;
}
#endif

/* The pfn of the head page of the slab (or KFENCE page) holding @obj. */
unsigned long yep_slab_pfn_of(const void *obj)
{
	return folio_pfn(virt_to_folio(obj));
}

#ifndef YEP_SLAB_PUBLIC_ONLY
/*
 * The slab of this cache at @pfn, or NULL.  virt_to_slab() means the same
 * from 6.1 to 7.3 (NULL for a page that is no slab), where folio_slab()
 * and page_slab() do not; slab pages are never highmem.
 */
static struct slab *yep_slab_of_pfn(const struct yep_slab *ys,
				    unsigned long pfn)
{
	struct slab *slab = virt_to_slab(page_address(pfn_to_page(pfn)));

	return slab && slab->slab_cache == ys->cache ? slab : NULL;
}

/*
 * Where the slab holding @obj keeps its objects' extension vector
 * (slab->obj_exts: each object's memory cgroup charge, for SLAB_ACCOUNT):
 * 7.x puts it into the slab where there is room (in the slab past its
 * last object, or in each object's alignment slack), 6.x always
 * allocates it apart (6.1: the objcgs vector of slab->memcg_data).
 */
enum yep_slab_exts yep_slab_exts_of(const void *obj)
{
	struct slab *slab = virt_to_slab(obj);
	unsigned long exts = 0, start;

	if (!slab)
		return YEP_SLAB_EXTS_NONE;
#if IS_ENABLED(CONFIG_SLAB_OBJ_EXT)		/* 6.10 on */
	exts = (unsigned long)slab_obj_exts(slab);
#elif IS_ENABLED(CONFIG_MEMCG_KMEM)		/* 6.1 */
	exts = (unsigned long)slab_objcgs(slab);
#endif
	if (!exts)
		return YEP_SLAB_EXTS_NONE;
#ifdef SLAB_OBJ_EXT_IN_OBJ			/* 7.x */
	if (obj_exts_in_object(slab))
		return YEP_SLAB_EXTS_IN_OBJECT;
#endif
	start = (unsigned long)slab_address(slab);
	if (exts >= start && exts < start + slab_size(slab))
		return YEP_SLAB_EXTS_LEFTOVER;
	return YEP_SLAB_EXTS_APART;
}

/*
 * The bytes of one object's entry in the cache's extension vector: 7.x
 * sizes it by what the cache needs (cache_obj_ext_size(), which a module
 * cannot call: it reads a static key that is not exported), 6.x by the
 * type.  0 where the kernel has no vector, or it cannot be read.
 */
unsigned int yep_slab_obj_ext_size(const struct yep_slab *ys)
{
#ifdef SLAB_OBJ_EXT_IN_OBJ
#ifdef MODULE
	return 0;
#else
	return cache_obj_ext_size(ys->cache);
#endif
#elif IS_ENABLED(CONFIG_SLAB_OBJ_EXT)
	return sizeof(struct slabobj_ext);
#elif IS_ENABLED(CONFIG_MEMCG_KMEM)
	return sizeof(struct obj_cgroup *);
#else
	return 0;
#endif
}

static const char * const yep_slab_exts_names[] = {
	[YEP_SLAB_EXTS_NONE]		= "none",
	[YEP_SLAB_EXTS_APART]		= "apart",
	[YEP_SLAB_EXTS_LEFTOVER]	= "in the slab's leftover",
	[YEP_SLAB_EXTS_IN_OBJECT]	= "in each object",
};

const char *yep_slab_exts_name(enum yep_slab_exts e)
{
	return e < ARRAY_SIZE(yep_slab_exts_names) ? yep_slab_exts_names[e] :
						     "?";
}

#else
/*
 * Without mm/slab.h: whether the page at @pfn is a slab at all, and its
 * order; the slab's cache and counters are unavailable.
 */
static void yep_slab_usage_public(struct yep_slab_usage *u, unsigned long pfn)
{
	struct folio *folio = pfn_folio(pfn);
	unsigned int order = folio_order(folio);

	if (!folio_test_slab(folio)) {
		u->foreign_slabs++;
		return;
	}
	u->min_order = min(u->min_order, order);
	u->max_order = max(u->max_order, order);
}
#endif

void yep_slab_usage(struct yep_slab *ys, struct yep_slab_usage *u)
{
	unsigned long pfn;
	void *entry;

	memset(u, 0, sizeof(*u));
	u->objects = ys->nr_objs;
	u->min_objects = UINT_MAX;
	u->min_order = UINT_MAX;

	xa_for_each(&ys->slabs, pfn, entry) {
#ifdef YEP_SLAB_PUBLIC_ONLY
		u->slabs++;
		yep_slab_usage_public(u, pfn);
#else
		struct slab *slab = yep_slab_of_pfn(ys, pfn);
		struct slab snap;
		unsigned int order;

		u->slabs++;
		if (!slab) {
			u->foreign_slabs++;
			continue;
		}
		/* inuse and objects share one word that SLUB updates at once */
		snap.counters = READ_ONCE(slab->counters);
		order = folio_order(slab_folio(slab));
		u->inuse += snap.inuse;
		u->min_objects = min_t(unsigned int, u->min_objects, snap.objects);
		u->max_objects = max_t(unsigned int, u->max_objects, snap.objects);
		u->min_order = min(u->min_order, order);
		u->max_order = max(u->max_order, order);
		if (xa_to_value(entry) == snap.objects)
			u->full_slabs++;
#endif
	}
	if (u->min_objects == UINT_MAX)
		u->min_objects = 0;
	if (u->min_order == UINT_MAX)
		u->min_order = 0;
}

/*
 * Where every object of the cache is: held by the caller, free in a
 * CPU's slab or partial slabs (6.x), cached in a CPU's sheaves or a
 * node's barn (7.x), or free in a slab on a node's partial list.  The
 * per-CPU and per-node structures are SLUB's own, copied from the very
 * source the kernel was built from (module/slub-structs.awk); without
 * them, or without mm/slab.h, yep_slab_where() returns -EOPNOTSUPP.
 *
 * Objects are placed by index in their slabs (obj_to_index()): each held
 * object, each object pointer in a sheaf, then every other object of a
 * slab on a list is that list's free object.  The walk reads other CPUs'
 * structures without their locks: exact on a quiet cache (the demo's,
 * between two writes), a snapshot that may miss a moving object
 * (YEP_SLAB_NOWHERE) otherwise.
 */
static const struct {
	const char *name;
	char cell;
} yep_slab_places[YEP_SLAB_NR_PLACES] = {
	[YEP_SLAB_HELD]		= { "held",		'H' },
	[YEP_SLAB_CPU_SLAB]	= { "cpu_slab",		'c' },
	[YEP_SLAB_CPU_PARTIAL]	= { "cpu_partial",	'p' },
	[YEP_SLAB_SHEAF]	= { "sheaves",		's' },
	[YEP_SLAB_RCU_SHEAF]	= { "rcu_sheaf",	'r' },
	[YEP_SLAB_BARN]		= { "barn",		'b' },
	[YEP_SLAB_NODE_PARTIAL]	= { "node_partial",	'f' },
	[YEP_SLAB_NOWHERE]	= { "nowhere",		'?' },
};

const char *yep_slab_place_name(enum yep_slab_place place)
{
	return place < YEP_SLAB_NR_PLACES ? yep_slab_places[place].name : "?";
}

char yep_slab_place_cell(enum yep_slab_place place)
{
	return place < YEP_SLAB_NR_PLACES ? yep_slab_places[place].cell : '?';
}

/*
 * Which per-CPU layer the walk reads, by the structures the kernel's
 * source has: a per-CPU slab (6.x) or sheaves and a barn (7.x).
 */
#if IS_ENABLED(CONFIG_SLUB_TINY)	/* no per-CPU layer */
#define YEP_SLAB_WALK_CPU_SLAB	0
#define YEP_SLAB_WALK_SHEAVES	0
#elif defined(YEP_SLUB_HAS_kmem_cache_cpu) && !defined(YEP_SLUB_HAS_node_barn)
#define YEP_SLAB_WALK_CPU_SLAB	1
#define YEP_SLAB_WALK_SHEAVES	0
#elif defined(YEP_SLUB_HAS_slub_percpu_sheaves) && defined(YEP_SLUB_HAS_node_barn)
#define YEP_SLAB_WALK_CPU_SLAB	0
#define YEP_SLAB_WALK_SHEAVES	1
#else
#define YEP_SLAB_WALK_CPU_SLAB	0
#define YEP_SLAB_WALK_SHEAVES	0
#endif
#if defined(YEP_SLUB_HAS_kmem_cache_node) && \
	(YEP_SLAB_WALK_CPU_SLAB || YEP_SLAB_WALK_SHEAVES)
#define YEP_SLAB_WALK		1
#endif

/* Whether @place can hold objects of a cache on this kernel. */
bool yep_slab_place_in_layer(enum yep_slab_place place)
{
	switch (place) {
	case YEP_SLAB_CPU_SLAB:
		return YEP_SLAB_WALK_CPU_SLAB;
	case YEP_SLAB_CPU_PARTIAL:
		return YEP_SLAB_WALK_CPU_SLAB &&
		       IS_ENABLED(CONFIG_SLUB_CPU_PARTIAL);
	case YEP_SLAB_SHEAF:
	case YEP_SLAB_RCU_SHEAF:
	case YEP_SLAB_BARN:
		return YEP_SLAB_WALK_SHEAVES;
	default:
		return place < YEP_SLAB_NR_PLACES;
	}
}

/* Whether this build can walk a cache: yep_slab_where() works. */
bool yep_slab_where_supported(void)
{
#ifdef YEP_SLAB_WALK
	return true;
#else
	return false;
#endif
}

#ifdef YEP_SLAB_WALK
/* A cell not yet placed: its slab's list decides at the end. */
#define YEP_SLAB_UNPLACED	0xff
/* Bounds a racy walk of another CPU's partial list. */
#define YEP_SLAB_MAX_CPU_PARTIAL	1024

/* The node lists of @node: s->node[] until 7.x put it in s->per_node[]. */
static struct kmem_cache_node *yep_slab_node(struct kmem_cache *s, int node)
{
#ifdef YEP_SLUB_HAS_node_barn
	return s->per_node[node].node;
#else
	return s->node[node];
#endif
}

/*
 * The entry of @slab in @map, made on first sight; NULL for a page that
 * is no longer a slab of the cache, or when memory ran out (-ENOMEM in
 * *@err).  Never called under SLUB's locks: an allocation there could
 * take another cache's lock of the same class.
 */
static struct yep_slab_seen *yep_slab_see(struct yep_slab_map *map,
					  struct kmem_cache *s,
					  struct slab *slab, int *err)
{
	struct folio *folio = slab_folio(slab);
	unsigned long pfn = folio_pfn(folio);
	struct yep_slab_seen *e = xa_load(&map->slabs, pfn);
	struct slab snap;

	if (e)
		return e;
	if (!folio_test_slab(folio) || READ_ONCE(slab->slab_cache) != s)
		return NULL;
	snap.counters = READ_ONCE(slab->counters);
	e = kmalloc(struct_size(e, cells, snap.objects), GFP_KERNEL);
	if (!e) {
		*err = -ENOMEM;
		return NULL;
	}
	e->pfn = pfn;
	e->order = folio_order(folio);
	e->objects = snap.objects;
	e->inuse = snap.inuse;
	e->list = YEP_SLAB_NOWHERE;
	e->where = slab_nid(slab);
	memset(e->cells, YEP_SLAB_UNPLACED, snap.objects);
	if (xa_err(xa_store(&map->slabs, pfn, e, GFP_KERNEL))) {
		kfree(e);
		*err = -ENOMEM;
		return NULL;
	}
	map->nr_slabs++;
	map->nr_objects += snap.objects;
	return e;
}

/* @slab is on the list @list of CPU or node @where. */
static void yep_slab_see_list(struct yep_slab_map *map, struct kmem_cache *s,
			      struct slab *slab, enum yep_slab_place list,
			      int where, int *err)
{
	struct yep_slab_seen *e = yep_slab_see(map, s, slab, err);

	if (e && e->list == YEP_SLAB_NOWHERE) {
		e->list = list;
		e->where = where;
	}
}

/* The object @obj is in @place. */
static void yep_slab_see_object(struct yep_slab_map *map, struct kmem_cache *s,
				void *obj, enum yep_slab_place place, int *err)
{
	struct slab *slab = virt_to_slab(obj);
	struct yep_slab_seen *e;
	unsigned int i;

	if (is_kfence_address(obj)) {	/* a page of its own, no slab's */
		map->kfence++;
		return;
	}
	if (!slab)
		return;
	e = yep_slab_see(map, s, slab, err);
	if (!e)
		return;
	i = obj_to_index(s, slab, obj);
	if (i < e->objects)
		e->cells[i] = place;
}

#if YEP_SLAB_WALK_SHEAVES
static void yep_slab_see_sheaf(struct yep_slab_map *map, struct kmem_cache *s,
			       struct slab_sheaf *sheaf,
			       enum yep_slab_place place, int *err)
{
	unsigned int i, size;

	if (!sheaf)
		return;
	size = min(READ_ONCE(sheaf->size), s->sheaf_capacity);
	for (i = 0; i < size; i++)
		yep_slab_see_object(map, s, READ_ONCE(sheaf->objects[i]),
				    place, err);
}
#endif

static void yep_slab_walk_cpus(struct yep_slab_map *map, struct kmem_cache *s,
			       int *err)
{
	int cpu;

	for_each_possible_cpu(cpu) {
#if YEP_SLAB_WALK_CPU_SLAB
		struct kmem_cache_cpu *c = per_cpu_ptr(s->cpu_slab, cpu);
		struct slab *slab = READ_ONCE(c->slab);

		if (slab)
			yep_slab_see_list(map, s, slab, YEP_SLAB_CPU_SLAB, cpu,
					  err);
#ifdef CONFIG_SLUB_CPU_PARTIAL
		{
			int n = 0;

			for (slab = READ_ONCE(c->partial);
			     slab && n < YEP_SLAB_MAX_CPU_PARTIAL;
			     slab = READ_ONCE(slab->next), n++)
				yep_slab_see_list(map, s, slab,
						  YEP_SLAB_CPU_PARTIAL, cpu,
						  err);
		}
#endif
#endif
#if YEP_SLAB_WALK_SHEAVES
		struct slub_percpu_sheaves *pcs = per_cpu_ptr(s->cpu_sheaves,
							      cpu);

		yep_slab_see_sheaf(map, s, READ_ONCE(pcs->main),
				   YEP_SLAB_SHEAF, err);
		yep_slab_see_sheaf(map, s, READ_ONCE(pcs->spare),
				   YEP_SLAB_SHEAF, err);
		yep_slab_see_sheaf(map, s, READ_ONCE(pcs->rcu_free),
				   YEP_SLAB_RCU_SHEAF, err);
#endif
	}
}

/*
 * Copies what a locked list holds (@copy: up to @max pointers into @ptrs,
 * returns how many there are) and lets go of the lock before anything is
 * allocated: the array grows and the copy is redone while it is short.
 */
typedef unsigned long (*yep_slab_copy_t)(void *list, void **ptrs,
					 unsigned long max);

static long yep_slab_copy_locked(spinlock_t *lock, yep_slab_copy_t copy,
				 void *list, void ***ptrs)
{
	unsigned long flags, max = 16, n;

	for (;;) {
		*ptrs = kvmalloc_array(max, sizeof(**ptrs), GFP_KERNEL);
		if (!*ptrs)
			return -ENOMEM;
		spin_lock_irqsave(lock, flags);
		n = copy(list, *ptrs, max);
		spin_unlock_irqrestore(lock, flags);
		if (n <= max)
			return n;
		kvfree(*ptrs);
		max = n + 16;
	}
}

static unsigned long yep_slab_copy_partial(void *list, void **ptrs,
					   unsigned long max)
{
	struct kmem_cache_node *n = list;
	unsigned long i = 0;
	struct slab *slab;

	list_for_each_entry(slab, &n->partial, slab_list) {
		if (i < max)
			ptrs[i] = slab;
		i++;
	}
	return i;
}

#if YEP_SLAB_WALK_SHEAVES
static unsigned long yep_slab_copy_barn(void *list, void **ptrs,
					unsigned long max)
{
	struct node_barn *barn = list;
	struct slab_sheaf *sheaf;
	unsigned long i = 0;
	unsigned int j;

	list_for_each_entry(sheaf, &barn->sheaves_full, barn_list) {
		for (j = 0; j < sheaf->size; j++, i++)
			if (i < max)
				ptrs[i] = sheaf->objects[j];
	}
	return i;
}
#endif

static void yep_slab_walk_nodes(struct yep_slab_map *map, struct kmem_cache *s,
				int *err)
{
	struct kmem_cache_node *n;
	void **ptrs;
	long i, nr;
	int node;

	for_each_node(node) {
#if YEP_SLAB_WALK_SHEAVES
		struct node_barn *barn = s->per_node[node].barn;

		if (barn) {
			unsigned long flags;

			spin_lock_irqsave(&barn->lock, flags);
			map->full_sheaves += barn->nr_full;
			map->empty_sheaves += barn->nr_empty;
			spin_unlock_irqrestore(&barn->lock, flags);
			nr = yep_slab_copy_locked(&barn->lock,
						  yep_slab_copy_barn, barn,
						  &ptrs);
			if (nr < 0) {
				*err = nr;
				return;
			}
			for (i = 0; i < nr; i++)
				yep_slab_see_object(map, s, ptrs[i],
						    YEP_SLAB_BARN, err);
			kvfree(ptrs);
		}
#endif
		n = yep_slab_node(s, node);
		if (!n)
			continue;
		nr = yep_slab_copy_locked(&n->list_lock, yep_slab_copy_partial,
					  n, &ptrs);
		if (nr < 0) {
			*err = nr;
			return;
		}
		for (i = 0; i < nr; i++)
			yep_slab_see_list(map, s, ptrs[i],
					  YEP_SLAB_NODE_PARTIAL, node, err);
		kvfree(ptrs);
	}
}

int yep_slab_where(struct yep_slab *ys, struct yep_slab_map *map)
{
	struct kmem_cache *s = ys->cache;
	struct yep_slab_seen *e;
	unsigned long i, pfn;
	int err = 0;

	memset(map, 0, sizeof(*map));
	xa_init(&map->slabs);
	for (i = 0; i < ys->nr_objs; i++)
		yep_slab_see_object(map, s, ys->objs[i], YEP_SLAB_HELD, &err);
	yep_slab_walk_cpus(map, s, &err);
	yep_slab_walk_nodes(map, s, &err);
	if (err) {
		yep_slab_map_free(map);
		return err;
	}
	/* The rest of a slab on a list is that list's free objects. */
	xa_for_each(&map->slabs, pfn, e) {
		for (i = 0; i < e->objects; i++) {
			if (e->cells[i] == YEP_SLAB_UNPLACED)
				e->cells[i] = e->list;
			map->objects[e->cells[i]]++;
		}
	}
	return 0;
}

/*
 * Where the walk in @map found @obj, an object of the cache held or
 * freed since: YEP_SLAB_NOWHERE for one of KFENCE's pages or a slab the
 * walk did not see.  @where gets the CPU or the node of the list its slab
 * is on, or the slab's node where it is on none.
 */
enum yep_slab_place yep_slab_place_of(const struct yep_slab *ys,
				      struct yep_slab_map *map,
				      const void *obj, int *where)
{
	const struct yep_slab_seen *e;
	struct slab *slab;
	unsigned int i;

	*where = NUMA_NO_NODE;
	if (is_kfence_address(obj))
		return YEP_SLAB_NOWHERE;
	slab = virt_to_slab(obj);
	e = slab ? xa_load(&map->slabs, yep_slab_pfn_of(obj)) : NULL;
	if (!e)
		return YEP_SLAB_NOWHERE;
	i = obj_to_index(ys->cache, slab, (void *)obj);
	if (i >= e->objects)
		return YEP_SLAB_NOWHERE;
	*where = e->where;
	return e->cells[i];
}
#else
int yep_slab_where(struct yep_slab *ys, struct yep_slab_map *map)
{
	memset(map, 0, sizeof(*map));
	xa_init(&map->slabs);
	return -EOPNOTSUPP;
}

enum yep_slab_place yep_slab_place_of(const struct yep_slab *ys,
				      struct yep_slab_map *map,
				      const void *obj, int *where)
{
	*where = NUMA_NO_NODE;
	return YEP_SLAB_NOWHERE;
}
#endif

/*
 * Where struct kmem_cache keeps the cache's name: a kprobe event on a
 * SLUB function fetches it from the first argument ("+0(+OFF(%x0)):string"
 * on arm64) to keep this cache's calls; 0 without mm/slab.h.
 */
unsigned int yep_slab_name_offset(void)
{
#ifdef YEP_SLAB_PUBLIC_ONLY
	return 0;
#else
	return offsetof(struct kmem_cache, name);
#endif
}

void yep_slab_map_free(struct yep_slab_map *map)
{
	struct yep_slab_seen *e;
	unsigned long pfn;

	xa_for_each(&map->slabs, pfn, e)
		kfree(e);
	xa_destroy(&map->slabs);
}

/* Count @obj in (@delta 1) or out of (@delta -1) the slab that backs it. */
static int yep_slab_track(struct yep_slab *ys, const void *obj, int delta)
{
	unsigned long pfn = yep_slab_pfn_of(obj);
	unsigned long held = xa_to_value(xa_load(&ys->slabs, pfn));
	void *old;

	held += delta;
	if (!held) {
		xa_erase(&ys->slabs, pfn);
		return 0;
	}
	old = xa_store(&ys->slabs, pfn, xa_mk_value(held), GFP_KERNEL);
	return xa_err(old);
}

/* Make room for @n more held objects, all or nothing. */
static int yep_slab_reserve(struct yep_slab *ys, unsigned long n)
{
	unsigned long want = ys->nr_objs + n;
	void **objs;

	if (want <= ys->cap_objs)
		return 0;
	want = max3(want, 2 * ys->cap_objs, (unsigned long)YEP_SLAB_MIN_CAP);
	objs = kvmalloc_array(want, sizeof(*objs), GFP_KERNEL);
	if (!objs)
		return -ENOMEM;
	if (ys->nr_objs)
		memcpy(objs, ys->objs, ys->nr_objs * sizeof(*objs));
	kvfree(ys->objs);
	ys->objs = objs;
	ys->cap_objs = want;
	return 0;
}

/*
 * Holds @obj, which the caller took from the cache by an API of its own
 * (the sheaf API): released and counted as yep_slab_hold()'s are.  On an
 * error @obj is freed and nothing more is held.
 */
int yep_slab_keep(struct yep_slab *ys, void *obj)
{
	int err = yep_slab_reserve(ys, 1);

	if (!err)
		err = yep_slab_track(ys, obj, 1);
	if (err) {
		kmem_cache_free(ys->cache, obj);
		return err;
	}
	ys->objs[ys->nr_objs++] = obj;
	return 0;
}

/* Keeps @obj, just allocated: returns it, or an ERR_PTR having freed it. */
static void *yep_slab_kept(struct yep_slab *ys, void *obj)
{
	int err;

	if (!obj)
		return ERR_PTR(-ENOMEM);
	err = yep_slab_keep(ys, obj);
	return err ? ERR_PTR(err) : obj;
}

/* Holds one more object; returns it or an ERR_PTR, holding nothing more. */
void *yep_slab_hold(struct yep_slab *ys)
{
	return yep_slab_kept(ys, kmem_cache_alloc(ys->cache, YEP_SLAB_GFP));
}

/* The same from @node's slabs, as kmem_cache_alloc_node() asks for them. */
void *yep_slab_hold_node(struct yep_slab *ys, int node)
{
	return yep_slab_kept(ys, kmem_cache_alloc_node(ys->cache, YEP_SLAB_GFP,
						       node));
}

/*
 * Holds @n more objects.  -E2BIG, holding nothing more, when the objects
 * held would not fit in the machine's memory; -ENOMEM when an allocation
 * fails part way, keeping (and counting) what was taken before it.
 */
int yep_slab_hold_many(struct yep_slab *ys, unsigned long n)
{
	/* RAM / object size, without overflowing on 32-bit highmem */
	unsigned long limit = mult_frac(totalram_pages(), PAGE_SIZE, ys->size);
	unsigned long i;
	int err;

	if (n > limit || ys->nr_objs > limit - n)
		return -E2BIG;
	err = yep_slab_reserve(ys, n);
	if (err)
		return err;
	for (i = 0; i < n; i++) {
		void *obj = yep_slab_hold(ys);

		if (IS_ERR(obj))
			return PTR_ERR(obj);
		cond_resched();
	}
	return 0;
}

/*
 * Holds @n more objects taken by one kmem_cache_alloc_bulk() call (an int
 * count before 7.0, a bool since: both 0 on failure).  -ENOMEM, holding
 * nothing more, when it fails; an error tracking the objects frees those
 * not yet tracked and keeps the rest.
 */
int yep_slab_hold_bulk(struct yep_slab *ys, unsigned long n)
{
	void **objs;
	unsigned long i;
	int err;

	err = yep_slab_reserve(ys, n);
	if (err)
		return err;
	objs = ys->objs + ys->nr_objs;
	if (!kmem_cache_alloc_bulk(ys->cache, YEP_SLAB_GFP, n, objs))
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		err = yep_slab_track(ys, objs[i], 1);
		if (err) {
			kmem_cache_free_bulk(ys->cache, n - i, objs + i);
			return err;
		}
		ys->nr_objs++;
	}
	return 0;
}

/*
 * Releases the @n most recently held objects by one kmem_cache_free_bulk()
 * call, which may reorder or clear the array it is given.
 */
void yep_slab_release_bulk(struct yep_slab *ys, unsigned long n)
{
	unsigned long i;

	n = min(n, ys->nr_objs);
	ys->nr_objs -= n;
	for (i = 0; i < n; i++)
		yep_slab_track(ys, ys->objs[ys->nr_objs + i], -1);
	kmem_cache_free_bulk(ys->cache, n, ys->objs + ys->nr_objs);
}

/*
 * Stops holding the object at @idx without freeing it, and returns it:
 * the caller frees it by an API of its own (kfree_rcu()).  The most
 * recently held object takes its place.
 */
void *yep_slab_forget_at(struct yep_slab *ys, unsigned long idx)
{
	void *obj = ys->objs[idx];

	ys->objs[idx] = ys->objs[--ys->nr_objs];
	yep_slab_track(ys, obj, -1);
	return obj;
}

/*
 * Releases the object held at @idx and returns its (now stale) address,
 * for comparison only.  The most recently held object takes its place.
 */
void *yep_slab_release_at(struct yep_slab *ys, unsigned long idx)
{
	void *obj = yep_slab_forget_at(ys, idx);

	kmem_cache_free(ys->cache, obj);
	return obj;
}

/* Releases the @n most recently held objects, newest first. */
void yep_slab_release(struct yep_slab *ys, unsigned long n)
{
	n = min(n, ys->nr_objs);
	while (n--) {
		yep_slab_release_at(ys, ys->nr_objs - 1);
		cond_resched();
	}
}

void yep_slab_release_all(struct yep_slab *ys)
{
	yep_slab_release(ys, ys->nr_objs);
}

void yep_slab_shrink(struct yep_slab *ys)
{
	kmem_cache_shrink(ys->cache);
}

/*
 * Sets how readily an allocation that finds its own node's partial list
 * empty looks at other nodes' (s->remote_node_defrag_ratio, of 1024; its
 * sysfs file shows and takes a tenth of that, at most 100).  SLUB looks
 * when get_cycles() % 1024 is not above the ratio: the default, 1000,
 * misses 23 times in 1024, and YEP_SLAB_REMOTE_ALWAYS never does.
 * -EOPNOTSUPP without NUMA or SLUB's private structures.
 */
int yep_slab_set_remote_defrag_ratio(struct yep_slab *ys, unsigned int ratio)
{
#if defined(CONFIG_NUMA) && !defined(YEP_SLAB_PUBLIC_ONLY)
	WRITE_ONCE(ys->cache->remote_node_defrag_ratio, ratio);
	return 0;
#else
	return -EOPNOTSUPP;
#endif
}

/* Copies the pfns of up to @max slabs behind the held objects. */
unsigned long yep_slab_slab_pfns(struct yep_slab *ys,
				 unsigned long *pfns, unsigned long max)
{
	unsigned long pfn, n = 0;
	void *entry;

	xa_for_each(&ys->slabs, pfn, entry) {
		if (n == max)
			break;
		pfns[n++] = pfn;
	}
	return n;
}

/*
 * Counts in @recorded the slabs behind the held objects that page_owner
 * records as allocated, from page_ext.  -ENODEV when the kernel was not
 * booted with page_owner=on; -EOPNOTSUPP without CONFIG_PAGE_OWNER, and
 * from a module: page_ext_get() is not exported, and page_owner's debugfs
 * file has no read_iter for kernel_read().
 */
#if YEP_SLAB_HAVE_PAGE_OWNER
int yep_slab_owner_recorded(struct yep_slab *ys, unsigned long *recorded)
{
	unsigned long pfn;
	void *entry;

	*recorded = 0;
	if (!static_branch_unlikely(&page_owner_inited))
		return -ENODEV;
	xa_for_each(&ys->slabs, pfn, entry) {
		struct page_ext *ext = page_ext_get(pfn_to_page(pfn));

		if (!ext)
			continue;
		if (test_bit(PAGE_EXT_OWNER, &ext->flags) &&
		    test_bit(PAGE_EXT_OWNER_ALLOCATED, &ext->flags))
			(*recorded)++;
		page_ext_put(ext);
	}
	return 0;
}
#else
int yep_slab_owner_recorded(struct yep_slab *ys, unsigned long *recorded)
{
	*recorded = 0;
	return -EOPNOTSUPP;
}
#endif

#ifndef YEP_SLAB_PUBLIC_ONLY
/* Whether the page at @pfn is (still) a slab of this cache. */
bool yep_slab_pfn_is_ours(const struct yep_slab *ys, unsigned long pfn)
{
	return yep_slab_of_pfn(ys, pfn);
}
#endif
