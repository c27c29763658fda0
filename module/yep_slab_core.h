/* SPDX-License-Identifier: GPL-2.0 */
/*
 * yep_slab core: one private SLUB cache, the objects held from it, and the
 * measures taken of them.  Compiled into both the KUnit suite and the sysfs
 * demo module.
 *
 * The core does no locking of its own: a caller that can be entered
 * concurrently (the demo's sysfs stores) serialises around it.
 */
#ifndef _YEP_SLAB_CORE_H
#define _YEP_SLAB_CORE_H

#include <linux/slab.h>
#include <linux/types.h>
#include <linux/xarray.h>

#define YEP_SLAB_CACHE_NAME	"yep_slab_cache"
#define YEP_SLAB_OBJECT_SIZE	4096

/* What SLUB chose for the cache, read from the cache itself. */
struct yep_slab_geometry {
	unsigned int object_size;	/* s->object_size: what was asked */
	unsigned int size;		/* s->size: object plus metadata */
	unsigned int align;		/* s->align */
	unsigned int order;		/* page order of a slab (s->oo) */
	unsigned int objects_per_slab;	/* objects a slab holds (s->oo) */
	unsigned int min_partial;	/* empty slabs kept per node */
	slab_flags_t flags;		/* effective flags, boot options included */
	slab_flags_t debug_flags;	/* the SLAB_DEBUG_FLAGS among them */
	bool per_cpu_slab;		/* allocations go through a per-CPU slab */
};

/* Cache-wide counters, as /proc/slabinfo prints them. */
struct yep_slab_counts {
	unsigned long active_objs;
	unsigned long num_objs;
	unsigned long active_slabs;
	unsigned long num_slabs;
};

/* The slabs behind the objects held, measured from those objects. */
struct yep_slab_usage {
	unsigned long objects;		/* objects held */
	unsigned long slabs;		/* distinct slabs backing them */
	unsigned long full_slabs;	/* slabs all of whose objects are held */
	unsigned long foreign_slabs;	/* slabs not of this cache (a bug) */
	unsigned long inuse;		/* sum of slab->inuse over those slabs */
	unsigned int min_objects;	/* least slab->objects seen */
	unsigned int max_objects;	/* most slab->objects seen */
	unsigned int min_order;		/* least slab order seen */
	unsigned int max_order;		/* greatest slab order seen */
};

struct yep_slab {
	struct kmem_cache *cache;
	void **objs;			/* held objects, oldest first */
	unsigned long nr_objs;
	unsigned long cap_objs;
	struct xarray slabs;		/* slab pfn -> objects held in it */
};

int yep_slab_create(struct yep_slab *ys, const char *name, slab_flags_t flags);
void yep_slab_destroy(struct yep_slab *ys);

void yep_slab_geometry(const struct yep_slab *ys, struct yep_slab_geometry *g);
int yep_slab_counts(const struct yep_slab *ys, struct yep_slab_counts *c);
void yep_slab_usage(struct yep_slab *ys, struct yep_slab_usage *u);

void *yep_slab_hold(struct yep_slab *ys);
int yep_slab_hold_many(struct yep_slab *ys, unsigned long n);
void *yep_slab_release_at(struct yep_slab *ys, unsigned long idx);
void yep_slab_release(struct yep_slab *ys, unsigned long n);
void yep_slab_release_all(struct yep_slab *ys);
void yep_slab_shrink(struct yep_slab *ys);

unsigned long yep_slab_slab_pfns(struct yep_slab *ys,
				 unsigned long *pfns, unsigned long max);
int yep_slab_owner_recorded(struct yep_slab *ys, unsigned long *recorded);
bool yep_slab_pfn_is_ours(const struct yep_slab *ys, unsigned long pfn);
unsigned long yep_slab_pfn_of(const void *obj);
ssize_t yep_slab_read_file(const char *path, char *buf, size_t size);

#endif /* _YEP_SLAB_CORE_H */
