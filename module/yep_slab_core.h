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

/*
 * What sits in front of the node lists for this cache, per CPU:
 * - a per-CPU slab (Linux 6.x): a plain cache allocates a whole slab's
 *   objects to one CPU, and /proc/slabinfo counts them all in use;
 * - sheaves (Linux 7.x): arrays of up to sheaf_capacity object pointers,
 *   refilled from slabs that many at a time, plus a per-node barn of
 *   spare sheaves; every cached object counts in use;
 * - nothing: debug caches, SLUB_TINY, and on 7.x SLAB_NOLEAKTRACE caches
 *   allocate and free one object at a time on the node lists.
 */
enum yep_slab_layer {
	YEP_SLAB_LAYER_NONE,
	YEP_SLAB_LAYER_CPU_SLAB,
	YEP_SLAB_LAYER_SHEAVES,
};

/* What SLUB chose for the cache, read from the cache itself. */
struct yep_slab_geometry {
	unsigned int object_size;	/* s->object_size: what was asked */
	unsigned int size;		/* s->size: object plus metadata */
	unsigned int align;		/* s->align */
	unsigned int order;		/* page order of a slab (s->oo) */
	unsigned int objects_per_slab;	/* objects a slab holds (s->oo) */
	unsigned int min_partial;	/* empty slabs kept per node */
	unsigned int cpu_partial;	/* s->cpu_partial, objects; 0 without */
	unsigned int cpu_partial_slabs;	/* s->cpu_partial_slabs; 0 without */
	slab_flags_t flags;		/* effective flags, boot options included */
	slab_flags_t debug_flags;	/* the SLAB_DEBUG_FLAGS among them */
	enum yep_slab_layer layer;	/* what caches objects per CPU */
	unsigned int sheaf_capacity;	/* s->sheaf_capacity; 0 without sheaves */
};

const char *yep_slab_layer_name(enum yep_slab_layer layer);
bool yep_slab_kernel_has_sheaves(void);

#ifdef YEP_SLAB_PUBLIC_ONLY
/*
 * The figures a build without mm/slab.h (make module against a headers
 * package whose linux-source could not be had) cannot read, as bits of
 * struct yep_slab's unavailable: such a figure reads 0 and is never
 * shown as a number.  The first ones are status lines.
 */
enum yep_slab_figure {
	YEP_SLAB_NA_OBJECTS_PER_SLAB,	/* objects_per_slab */
	YEP_SLAB_NA_ORDER,		/* order */
	YEP_SLAB_NA_SIZE,		/* size */
	YEP_SLAB_NA_LAYER,		/* layer */
	YEP_SLAB_NA_SHEAF_CAPACITY,	/* sheaf_capacity */
	YEP_SLAB_NA_MODEL,		/* model_active, model_slabs */
	YEP_SLAB_NA_ALIGN,		/* geometry.align */
	YEP_SLAB_NA_MIN_PARTIAL,	/* geometry.min_partial */
	YEP_SLAB_NA_FLAGS,		/* geometry.flags beyond the debug flags */
	YEP_SLAB_NA_SLAB_CONTENTS,	/* usage: inuse, objects, full, owner */
	YEP_SLAB_NR_FIGURES,
};

const char *yep_slab_figure_name(enum yep_slab_figure figure);
#endif

/* Cache-wide counters, as /proc/slabinfo prints them. */
struct yep_slab_counts {
	unsigned long active_objs;
	unsigned long num_objs;
	unsigned long active_slabs;
	unsigned long num_slabs;
	unsigned long objects_per_slab;	/* <objperslab> */
	unsigned long order;		/* log2 of <pagesperslab> */
};

/*
 * The model of a fresh cache after n allocations on one CPU, none freed:
 * the objects taken off slab freelists (what /proc/slabinfo counts
 * active), the slabs the cache has, and the distinct slabs behind the n
 * objects held.
 */
struct yep_slab_growth {
	unsigned long taken;
	unsigned long slabs;
	unsigned long held_slabs;
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

/*
 * Where an object of the cache is, as yep_slab_where() finds it.  Each of
 * the cache's objects is in exactly one place; the places of the other
 * per-CPU layer stay empty.
 */
enum yep_slab_place {
	YEP_SLAB_HELD,		/* held by the core's caller */
	YEP_SLAB_CPU_SLAB,	/* free in a CPU's slab (6.x) */
	YEP_SLAB_CPU_PARTIAL,	/* free in a slab on a CPU's partial list (6.x) */
	YEP_SLAB_SHEAF,		/* cached in a CPU's main or spare sheaf (7.x) */
	YEP_SLAB_RCU_SHEAF,	/* in a CPU's rcu_free sheaf, freed after RCU */
	YEP_SLAB_BARN,		/* cached in a full sheaf of a node's barn (7.x) */
	YEP_SLAB_NODE_PARTIAL,	/* free in a slab on a node's partial list */
	YEP_SLAB_NOWHERE,	/* none of those: on the move, or a slab missed */
	YEP_SLAB_NR_PLACES,
};

/*
 * One slab of the cache as yep_slab_where() found it: the list it is on
 * (YEP_SLAB_CPU_SLAB, _CPU_PARTIAL, _NODE_PARTIAL; _NOWHERE for a slab on
 * none, whose objects are all in use), that list's CPU or node, and the
 * place of each of its objects by index.
 */
struct yep_slab_seen {
	unsigned long pfn;
	unsigned int order;
	unsigned int objects;
	unsigned int inuse;		/* slab->inuse as read */
	enum yep_slab_place list;
	int where;			/* CPU of a CPU list, else the node */
	u8 cells[];			/* enum yep_slab_place by object index */
};

/*
 * Every slab found (pfn -> struct yep_slab_seen), the objects' count in
 * each place and the barns' sheaves, full and empty.
 */
struct yep_slab_map {
	struct xarray slabs;
	unsigned long objects[YEP_SLAB_NR_PLACES];
	unsigned long nr_slabs;
	unsigned long nr_objects;	/* the found slabs' objects */
	unsigned long kfence;		/* held objects of KFENCE's pool */
	unsigned int full_sheaves;	/* sheaves in the nodes' barns (7.x) */
	unsigned int empty_sheaves;
};

struct yep_slab {
	struct kmem_cache *cache;
	const char *name;		/* the cache's name (sysfs) */
	unsigned int size;		/* with metadata (or object_size) */
#ifdef YEP_SLAB_PUBLIC_ONLY
	unsigned long unavailable;	/* BIT(enum yep_slab_figure) each */
	struct yep_slab_geometry geo;	/* read from sysfs at creation */
#endif
	void **objs;			/* held objects, oldest first */
	unsigned long nr_objs;
	unsigned long cap_objs;
	struct xarray slabs;		/* slab pfn -> objects held in it */
};

int yep_slab_create(struct yep_slab *ys, const char *name, slab_flags_t flags);
int yep_slab_create_sized(struct yep_slab *ys, const char *name,
			  unsigned int size, slab_flags_t flags);
int yep_slab_create_ctor(struct yep_slab *ys, const char *name,
			 unsigned int size, slab_flags_t flags,
			 void (*ctor)(void *));
#ifdef kmem_cache_alloc_from_sheaf
int yep_slab_create_capacity(struct yep_slab *ys, const char *name,
			     unsigned int capacity);
#endif
void yep_slab_destroy(struct yep_slab *ys);

void yep_slab_geometry(const struct yep_slab *ys, struct yep_slab_geometry *g);
void yep_slab_model_growth(const struct yep_slab_geometry *g, unsigned long n,
			   struct yep_slab_growth *m);
int yep_slab_counts(const struct yep_slab *ys, struct yep_slab_counts *c);
int yep_slab_counts_sysfs(const struct yep_slab *ys, struct yep_slab_counts *c);
int yep_slab_stat(const struct yep_slab *ys, const char *name,
		  unsigned long *val);
long yep_slab_validate(struct yep_slab *ys);
void yep_slab_usage(struct yep_slab *ys, struct yep_slab_usage *u);

void *yep_slab_hold(struct yep_slab *ys);
void *yep_slab_hold_node(struct yep_slab *ys, int node);
int yep_slab_keep(struct yep_slab *ys, void *obj);
int yep_slab_hold_many(struct yep_slab *ys, unsigned long n);
int yep_slab_hold_bulk(struct yep_slab *ys, unsigned long n);
void *yep_slab_forget_at(struct yep_slab *ys, unsigned long idx);
void *yep_slab_release_at(struct yep_slab *ys, unsigned long idx);
void yep_slab_release(struct yep_slab *ys, unsigned long n);
void yep_slab_release_bulk(struct yep_slab *ys, unsigned long n);
void yep_slab_release_all(struct yep_slab *ys);
void yep_slab_shrink(struct yep_slab *ys);
/* A remote_node_defrag_ratio above any get_cycles() % 1024 */
#define YEP_SLAB_REMOTE_ALWAYS	1024
int yep_slab_set_remote_defrag_ratio(struct yep_slab *ys, unsigned int ratio);

const char *yep_slab_place_name(enum yep_slab_place place);
char yep_slab_place_cell(enum yep_slab_place place);
bool yep_slab_place_in_layer(enum yep_slab_place place);
bool yep_slab_where_supported(void);
int yep_slab_where(struct yep_slab *ys, struct yep_slab_map *map);
enum yep_slab_place yep_slab_place_of(const struct yep_slab *ys,
				      struct yep_slab_map *map,
				      const void *obj, int *where);
unsigned int yep_slab_name_offset(void);
void yep_slab_map_free(struct yep_slab_map *map);

unsigned long yep_slab_slab_pfns(struct yep_slab *ys,
				 unsigned long *pfns, unsigned long max);
int yep_slab_owner_recorded(struct yep_slab *ys, unsigned long *recorded);
#ifndef YEP_SLAB_PUBLIC_ONLY	/* needs each slab's cache */
/* Where a slab keeps its objects' extension vector (slab->obj_exts). */
enum yep_slab_exts {
	YEP_SLAB_EXTS_NONE,		/* no vector */
	YEP_SLAB_EXTS_APART,		/* allocated apart from the slab */
	YEP_SLAB_EXTS_LEFTOVER,		/* in the slab, past its last object */
	YEP_SLAB_EXTS_IN_OBJECT,	/* in each object's alignment slack */
};

enum yep_slab_exts yep_slab_exts_of(const void *obj);
unsigned int yep_slab_obj_ext_size(const struct yep_slab *ys);
const char *yep_slab_exts_name(enum yep_slab_exts e);
bool yep_slab_pfn_is_ours(const struct yep_slab *ys, unsigned long pfn);
unsigned int yep_slab_freelist_index(const struct yep_slab *ys,
				     unsigned int pos);
#endif
unsigned long yep_slab_pfn_of(const void *obj);
#ifdef MODULE		/* built-in code calls SLUB where a module reads files */
ssize_t yep_slab_read_file(const char *path, char *buf, size_t size);
#endif

#endif /* _YEP_SLAB_CORE_H */
