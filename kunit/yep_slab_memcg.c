// SPDX-License-Identifier: GPL-2.0
/*
 * A memory cgroup of the suite's own, for its SLAB_ACCOUNT caches.
 *
 * SLUB charges a SLAB_ACCOUNT object to the current memory cgroup only
 * once kernel memory accounting is online, and that is a static key the
 * first memory cgroup other than the root turns on (memcg_online_kmem(),
 * mm/memcontrol.c).  kunit.py boots no userspace, so no cgroup but the
 * root exists and such a cache is a plain one.  This makes one as a shell
 * would,
 *
 *	mount -t cgroup2 none M
 *	echo +memory > M/cgroup.subtree_control
 *	mkdir M/yep_slab_test
 *
 * in a private mount, and takes the new cgroup's memcg for
 * set_active_memcg().  The key stays on after the case (it is never
 * turned off), and so does the memory controller at cgroup2's root.
 *
 * The calls that make a directory changed across the kernels the project
 * runs; the top-level Kbuild tells them apart by what the tree's headers
 * declare (YEP_VFS_MNT_IDMAP: 6.3 on, YEP_VFS_START_CREATING: 7.0's
 * start_creating_noperm() and vfs_mkdir() returning the dentry,
 * YEP_MEMCG_FROM_VIRT: 7.0's name for mem_cgroup_from_slab_obj()).
 */
#include <linux/cgroup.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/memcontrol.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/rcupdate.h>
#include <linux/string.h>

#include "yep_slab_memcg.h"

/*
 * Built in only: a module cannot reach cgroup_get_e_css(),
 * root_mem_cgroup or mem_cgroup_from_slab_obj(), none exported.
 */
#if IS_ENABLED(CONFIG_MEMCG) && !defined(MODULE)

#define YEP_MEMCG_NAME		"yep_slab_test"

#ifdef YEP_VFS_MNT_IDMAP
#define YEP_IDMAP		(&nop_mnt_idmap)
#else
#define YEP_IDMAP		(&init_user_ns)
#endif

/* echo +memory > cgroup.subtree_control, at the root of @mnt. */
static int yep_memcg_enable(struct vfsmount *mnt)
{
	static const char line[] = "+memory";
	struct file *f;
	loff_t pos = 0;
	ssize_t n;

	f = file_open_root_mnt(mnt, "cgroup.subtree_control", O_WRONLY, 0);
	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_write(f, line, sizeof(line) - 1, &pos);
	filp_close(f, NULL);
	return n < 0 ? n : 0;
}

/* mkdir YEP_MEMCG_NAME in @root, a directory of cgroup2. */
static int yep_memcg_mkdir(struct dentry *root)
{
	struct dentry *d;
#ifdef YEP_VFS_START_CREATING
	d = start_creating_noperm(root, &QSTR(YEP_MEMCG_NAME));
	if (IS_ERR(d))
		return PTR_ERR(d);
	if (d_really_is_positive(d)) {
		end_creating(d);
		return -EEXIST;
	}
	d = vfs_mkdir(YEP_IDMAP, d_inode(root), d, 0755, NULL);
	if (IS_ERR(d))		/* vfs_mkdir() ended the dirop */
		return PTR_ERR(d);
	end_creating(d);
	return 0;
#else
	int err;

	inode_lock_nested(d_inode(root), I_MUTEX_PARENT);
	d = lookup_one_len(YEP_MEMCG_NAME, root, strlen(YEP_MEMCG_NAME));
	err = PTR_ERR_OR_ZERO(d);
	if (!err) {
		err = d_really_is_positive(d) ? -EEXIST :
		      vfs_mkdir(YEP_IDMAP, d_inode(root), d, 0755);
		dput(d);
	}
	inode_unlock(d_inode(root));
	return err;
#endif
}

/* rmdir YEP_MEMCG_NAME in @root. */
static int yep_memcg_rmdir(struct dentry *root)
{
	struct dentry *d;
	int err;
#ifdef YEP_VFS_START_CREATING
	d = start_removing_noperm(root, &QSTR(YEP_MEMCG_NAME));
	if (IS_ERR(d))
		return PTR_ERR(d);
	err = vfs_rmdir(YEP_IDMAP, d_inode(root), d, NULL);
	end_removing(d);
#else
	inode_lock_nested(d_inode(root), I_MUTEX_PARENT);
	d = lookup_one_len(YEP_MEMCG_NAME, root, strlen(YEP_MEMCG_NAME));
	err = PTR_ERR_OR_ZERO(d);
	if (!err) {
		err = d_really_is_positive(d) ?
		      vfs_rmdir(YEP_IDMAP, d_inode(root), d) : -ENOENT;
		dput(d);
	}
	inode_unlock(d_inode(root));
#endif
	return err;
}

/*
 * Makes the suite's memory cgroup in @m; on failure says in @why what
 * would not work and leaves nothing behind.
 */
int yep_memcg_create(struct yep_memcg *m, const char **why)
{
	struct file_system_type *type;
	struct cgroup_subsys_state *css;
	struct cgroup *cgrp;
	int err;

	memset(m, 0, sizeof(*m));
	if (mem_cgroup_disabled()) {
		*why = "the memory controller, disabled on the boot line";
		return -ENODEV;
	}
	type = get_fs_type("cgroup2");
	if (!type) {
		*why = "cgroup2";
		return -ENODEV;
	}
	m->mnt = kern_mount(type);
	put_filesystem(type);
	if (IS_ERR(m->mnt)) {
		err = PTR_ERR(m->mnt);
		m->mnt = NULL;
		*why = "a mount of cgroup2";
		return err;
	}
	err = yep_memcg_enable(m->mnt);
	if (err) {
		*why = "+memory in cgroup2's cgroup.subtree_control";
		goto fail;
	}
	err = yep_memcg_mkdir(m->mnt->mnt_root);
	if (err) {
		*why = "mkdir " YEP_MEMCG_NAME " in cgroup2";
		goto fail;
	}
	m->made = true;
	cgrp = cgroup_get_from_path("/" YEP_MEMCG_NAME);
	if (IS_ERR(cgrp)) {
		err = PTR_ERR(cgrp);
		*why = "the new cgroup, by its path";
		goto fail;
	}
	css = cgroup_get_e_css(cgrp, &memory_cgrp_subsys);
	cgroup_put(cgrp);
	m->memcg = mem_cgroup_from_css(css);	/* put by yep_memcg_destroy() */
	if (m->memcg == root_mem_cgroup) {
		err = -ENOENT;
		*why = "a memory controller in the new cgroup";
		goto fail;
	}
	return 0;
fail:
	yep_memcg_destroy(m);
	return err;
}

/* Removes what yep_memcg_create() made; 0 or rmdir's error. */
int yep_memcg_destroy(struct yep_memcg *m)
{
	int err = 0;

	if (m->memcg)
		css_put(&m->memcg->css);
	if (m->made)
		err = yep_memcg_rmdir(m->mnt->mnt_root);
	if (m->mnt)
		kern_unmount(m->mnt);
	memset(m, 0, sizeof(*m));
	return err;
}

/* The memory cgroup @obj, a slab object, is charged to; NULL for none. */
struct mem_cgroup *yep_memcg_of(const void *obj)
{
	struct mem_cgroup *memcg;

	rcu_read_lock();	/* only compared, never followed */
#ifdef YEP_MEMCG_FROM_VIRT
	memcg = mem_cgroup_from_virt((void *)obj);
#else
	memcg = mem_cgroup_from_slab_obj((void *)obj);
#endif
	rcu_read_unlock();
	return memcg;
}

#else /* !CONFIG_MEMCG || MODULE */

int yep_memcg_create(struct yep_memcg *m, const char **why)
{
	memset(m, 0, sizeof(*m));
	*why = IS_ENABLED(CONFIG_MEMCG) ? "the suite built in" :
					  "CONFIG_MEMCG";
	return -EOPNOTSUPP;
}

int yep_memcg_destroy(struct yep_memcg *m)
{
	return 0;
}

struct mem_cgroup *yep_memcg_of(const void *obj)
{
	return NULL;
}

#endif
