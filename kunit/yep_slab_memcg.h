/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A memory cgroup of the suite's own, for its SLAB_ACCOUNT caches
 * (kunit/yep_slab_memcg.c).
 */
#ifndef _YEP_SLAB_MEMCG_H
#define _YEP_SLAB_MEMCG_H

#include <linux/types.h>

struct mem_cgroup;
struct vfsmount;

struct yep_memcg {
	struct vfsmount *mnt;		/* a private mount of cgroup2 */
	struct mem_cgroup *memcg;	/* its child's, a reference held */
	bool made;			/* the child is ours to remove */
};

int yep_memcg_create(struct yep_memcg *m, const char **why);
int yep_memcg_destroy(struct yep_memcg *m);
struct mem_cgroup *yep_memcg_of(const void *obj);

#endif /* _YEP_SLAB_MEMCG_H */
