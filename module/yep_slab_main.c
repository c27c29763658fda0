// SPDX-License-Identifier: GPL-2.0
/*
 * yep_slab: the seed's sysfs demo, on the shared core.
 *
 * Creates the cache yep_slab_cache (4096-byte objects, SLAB_HWCACHE_ALIGN,
 * no debug flags of its own, so that a boot-time slub_debug decides the
 * layout) and, under /sys/kernel/yep_slab/:
 *
 *   alloc    (WO)  echo N > alloc     holds N more objects
 *   free     (WO)  echo 1 > free      releases every object held
 *   release  (WO)  echo N > release   releases the N most recently held
 *   status   (RO)  objects held, the slabs behind them and the layout
 *   where/   (RO)  where each object of the cache is, a file a place:
 *                  held, cpu_slab, cpu_partial (6.x), sheaves, rcu_sheaf,
 *                  barn (7.x), node_partial, nowhere; and total, slabs
 *
 * and /sys/kernel/debug/yep_slab/slabs: one row per slab of the cache, its
 * page, list and each object's place (yep_slab_place_cell()); beside it
 * name_offset, where struct kmem_cache keeps the cache's name, for a
 * kprobe event to tell this cache's calls from the others'.
 *
 * See Documentation/ABI/testing/sysfs-kernel-yep_slab for the errors.
 * One mutex serialises every access to the held objects; the core does
 * no locking of its own.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/sysfs.h>

#include "yep_slab_core.h"

static struct yep_slab yep;
static DEFINE_MUTEX(yep_lock);		/* serialises all access to yep */
static struct kobject *yep_kobj;
static struct dentry *yep_debugfs;
static u32 yep_name_offset;		/* debugfs yep_slab/name_offset */

/* A count of objects: one decimal number above zero, one newline allowed. */
static int yep_parse_count(const char *buf, unsigned int *n)
{
	int err = kstrtouint(buf, 10, n);

	if (err)
		return err;
	return *n ? 0 : -EINVAL;
}

static ssize_t alloc_store(struct kobject *kobj, struct kobj_attribute *attr,
			   const char *buf, size_t count)
{
	unsigned long before, held;
	unsigned int n;
	int err;

	err = yep_parse_count(buf, &n);
	if (err)
		return err;

	err = mutex_lock_killable(&yep_lock);
	if (err)
		return err;
	before = yep.nr_objs;
	err = yep_slab_hold_many(&yep, n);
	held = yep.nr_objs;
	mutex_unlock(&yep_lock);

	if (err) {
		pr_info("allocating %u objects failed (%d) after %lu, %lu held\n",
			n, err, held - before, held);
		return err;
	}
	pr_info("allocated %u objects, %lu held\n", n, held);
	return count;
}

static ssize_t free_store(struct kobject *kobj, struct kobj_attribute *attr,
			  const char *buf, size_t count)
{
	unsigned long freed;
	unsigned int one;
	int err;

	err = kstrtouint(buf, 10, &one);
	if (err)
		return err;
	if (one != 1)
		return -EINVAL;

	err = mutex_lock_killable(&yep_lock);
	if (err)
		return err;
	freed = yep.nr_objs;
	yep_slab_release_all(&yep);
	mutex_unlock(&yep_lock);

	pr_info("freed %lu objects, 0 held\n", freed);
	return count;
}

static ssize_t release_store(struct kobject *kobj, struct kobj_attribute *attr,
			     const char *buf, size_t count)
{
	unsigned long held = 0;
	unsigned int n;
	int err;

	err = yep_parse_count(buf, &n);
	if (err)
		return err;

	err = mutex_lock_killable(&yep_lock);
	if (err)
		return err;
	if (n > yep.nr_objs) {
		err = -ERANGE;
	} else {
		yep_slab_release(&yep, n);
		held = yep.nr_objs;
	}
	mutex_unlock(&yep_lock);

	if (err)
		return err;
	pr_info("freed %u objects, %lu held\n", n, held);
	return count;
}

/*
 * Whether this build cannot read a figure: only one without mm/slab.h
 * (yep_slab_core.h) has figures unavailable.
 */
#ifdef YEP_SLAB_PUBLIC_ONLY
#define YEP_NA(figure)	(yep.unavailable & BIT(YEP_SLAB_NA_##figure))
#else
#define YEP_NA(figure)	(!sizeof(#figure))	/* never: all are read */
#endif

/*
 * Appends "@name @val\n" to a status buffer at @len, or "@name
 * unavailable\n" when this build cannot read the figure (@na).
 */
static int yep_emit(char *buf, int len, const char *name, unsigned long val,
		    bool na)
{
	if (na)
		return len + sysfs_emit_at(buf, len, "%s unavailable\n", name);
	return len + sysfs_emit_at(buf, len, "%s %lu\n", name, val);
}

/* The comma-separated names of the figures unavailable, or "none". */
static int yep_emit_unavailable(char *buf, int len, size_t size)
{
	int n = 0;
#ifdef YEP_SLAB_PUBLIC_ONLY
	unsigned int f;

	for (f = 0; f < YEP_SLAB_NR_FIGURES; f++)
		if (yep.unavailable & BIT(f))
			n += scnprintf(buf + len + n, size - len - n, "%s%s",
				       n ? "," : "", yep_slab_figure_name(f));
#endif
	if (!n)
		n = scnprintf(buf + len, size - len, "none");
	return len + n;
}

static ssize_t status_show(struct kobject *kobj, struct kobj_attribute *attr,
			   char *buf)
{
	struct yep_slab_geometry g;
	struct yep_slab_growth m;
	struct yep_slab_usage u;
	int err, len = 0;

	err = mutex_lock_killable(&yep_lock);
	if (err)
		return err;
	yep_slab_geometry(&yep, &g);
	yep_slab_usage(&yep, &u);
	mutex_unlock(&yep_lock);
	yep_slab_model_growth(&g, u.objects, &m);

	/*
	 * No cache-wide counts here: a module reads them from
	 * /sys/kernel/slab/<cache>/, and a sysfs file read from inside a
	 * sysfs show takes a second kernfs mutex of the same lockdep class
	 * (lockdep: possible recursive locking).  The objects cached beyond
	 * those held are /proc/slabinfo's active_objs less "held".
	 */
	len = yep_emit(buf, len, "held", u.objects, false);
	len = yep_emit(buf, len, "slabs", u.slabs, false);
	len = yep_emit(buf, len, "objects_per_slab", g.objects_per_slab,
		       YEP_NA(OBJECTS_PER_SLAB));
	len = yep_emit(buf, len, "order", g.order, YEP_NA(ORDER));
	len = yep_emit(buf, len, "size", g.size, YEP_NA(SIZE));
	len = yep_emit(buf, len, "object_size", g.object_size, false);
	len += sysfs_emit_at(buf, len, "layer %s\n",
			     YEP_NA(LAYER) ? "unavailable" :
			     yep_slab_layer_name(g.layer));
	len = yep_emit(buf, len, "sheaf_capacity", g.sheaf_capacity,
		       YEP_NA(SHEAF_CAPACITY));
	len = yep_emit(buf, len, "model_active", m.taken,
		       YEP_NA(MODEL));
	len = yep_emit(buf, len, "model_slabs", m.slabs,
		       YEP_NA(MODEL));
	len += sysfs_emit_at(buf, len, "unavailable ");
	len = yep_emit_unavailable(buf, len, PAGE_SIZE);
	return len + sysfs_emit_at(buf, len, "\n");
}

/* The walk of the cache (yep_slab_where()), the held objects kept still. */
static int yep_where_walk(struct yep_slab_map *map)
{
	int err = mutex_lock_killable(&yep_lock);

	if (err)
		return err;
	err = yep_slab_where(&yep, map);
	mutex_unlock(&yep_lock);
	return err;
}

/*
 * where/<place>: the objects in one place (enum yep_slab_place, by the
 * file's name), or "total" (every object of the slabs found, which is
 * /proc/slabinfo's num_objs on a quiet cache) or "slabs" (those slabs).
 */
static ssize_t where_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	const char *name = attr->attr.name;
	struct yep_slab_map map;
	unsigned long val = 0;
	unsigned int p;
	int err;

	err = yep_where_walk(&map);
	if (err)
		return err;
	if (!strcmp(name, "total"))
		val = map.nr_objects;
	else if (!strcmp(name, "slabs"))
		val = map.nr_slabs;
	for (p = 0; p < YEP_SLAB_NR_PLACES; p++)
		if (!strcmp(name, yep_slab_place_name(p)))
			val = map.objects[p];
	yep_slab_map_free(&map);
	return sysfs_emit(buf, "%lu\n", val);
}

#define YEP_WHERE_ATTR(_name) \
	static struct kobj_attribute where_##_name##_attr = \
		__ATTR(_name, 0444, where_show, NULL)

YEP_WHERE_ATTR(held);
YEP_WHERE_ATTR(cpu_slab);
YEP_WHERE_ATTR(cpu_partial);
YEP_WHERE_ATTR(sheaves);
YEP_WHERE_ATTR(rcu_sheaf);
YEP_WHERE_ATTR(barn);
YEP_WHERE_ATTR(node_partial);
YEP_WHERE_ATTR(nowhere);
YEP_WHERE_ATTR(total);
YEP_WHERE_ATTR(slabs);

static struct attribute *yep_where_attrs[] = {
	&where_held_attr.attr,
	&where_cpu_slab_attr.attr,
	&where_cpu_partial_attr.attr,
	&where_sheaves_attr.attr,
	&where_rcu_sheaf_attr.attr,
	&where_barn_attr.attr,
	&where_node_partial_attr.attr,
	&where_nowhere_attr.attr,
	&where_total_attr.attr,
	&where_slabs_attr.attr,
	NULL,
};

/* Only the places this kernel's per-CPU layer has. */
static umode_t yep_where_visible(struct kobject *kobj, struct attribute *attr,
				 int i)
{
	unsigned int p;

	for (p = 0; p < YEP_SLAB_NR_PLACES; p++)
		if (!strcmp(attr->name, yep_slab_place_name(p)))
			return yep_slab_place_in_layer(p) ? attr->mode : 0;
	return attr->mode;
}

static const struct attribute_group yep_where_group = {
	.name = "where",
	.attrs = yep_where_attrs,
	.is_visible = yep_where_visible,
};

/*
 * debugfs yep_slab/slabs: a legend, then one row per slab in page order:
 * its pfn, order, the list it is on and that list's CPU or node (a slab on
 * none: "-" and its node), its objects, slab->inuse, and one cell per
 * object by index.
 */
static int yep_slabs_show(struct seq_file *m, void *v)
{
	struct yep_slab_seen *e;
	struct yep_slab_map map;
	unsigned long pfn;
	unsigned int p, i;
	int err;

	err = yep_where_walk(&map);
	if (err)
		return err;
	seq_puts(m, "# cells:");
	for (p = 0; p < YEP_SLAB_NR_PLACES; p++)
		if (yep_slab_place_in_layer(p))
			seq_printf(m, " %c %s", yep_slab_place_cell(p),
				   yep_slab_place_name(p));
	seq_puts(m, "\n# pfn order list where objects inuse cells\n");
	xa_for_each(&map.slabs, pfn, e) {
		seq_printf(m, "%#lx %u %s %d %u %u ", e->pfn, e->order,
			   e->list == YEP_SLAB_NOWHERE ? "-" :
			   yep_slab_place_name(e->list), e->where, e->objects,
			   e->inuse);
		for (i = 0; i < e->objects; i++)
			seq_putc(m, yep_slab_place_cell(e->cells[i]));
		seq_putc(m, '\n');
	}
	yep_slab_map_free(&map);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(yep_slabs);

static struct kobj_attribute alloc_attr = __ATTR_WO(alloc);
static struct kobj_attribute free_attr = __ATTR_WO(free);
static struct kobj_attribute release_attr = __ATTR_WO(release);
static struct kobj_attribute status_attr = __ATTR_RO(status);

static struct attribute *yep_attrs[] = {
	&alloc_attr.attr,
	&free_attr.attr,
	&release_attr.attr,
	&status_attr.attr,
	NULL,
};

static const struct attribute_group yep_group = {
	.attrs = yep_attrs,
};

static int __init yep_slab_init(void)
{
	struct yep_slab_geometry g;
	int err;

	/* Flags 0: the layout is SLUB's default or what slub_debug says. */
	err = yep_slab_create(&yep, YEP_SLAB_CACHE_NAME, 0);
	if (err)
		return err;

	yep_kobj = kobject_create_and_add("yep_slab", kernel_kobj);
	if (!yep_kobj) {
		err = -ENOMEM;
		goto destroy;
	}
	err = sysfs_create_group(yep_kobj, &yep_group);
	if (err)
		goto put;
	if (yep_slab_where_supported()) {
		yep_name_offset = yep_slab_name_offset();
		err = sysfs_create_group(yep_kobj, &yep_where_group);
		if (err)
			goto put;
		yep_debugfs = debugfs_create_dir("yep_slab", NULL);
		debugfs_create_file("slabs", 0400, yep_debugfs, NULL,
				    &yep_slabs_fops);
		debugfs_create_u32("name_offset", 0400, yep_debugfs,
				   &yep_name_offset);
	} else {
		pr_info("where/ and debugfs slabs: not in this build (they need mm/slab.h and mm/slub.c)\n");
	}

	yep_slab_geometry(&yep, &g);
	pr_info("cache %s: object size %u (%u with metadata), %u a slab, order %u, per-CPU layer %s (capacity %u)\n",
		YEP_SLAB_CACHE_NAME, g.object_size, g.size, g.objects_per_slab,
		g.order, yep_slab_layer_name(g.layer), g.sheaf_capacity);
#ifdef YEP_SLAB_PUBLIC_ONLY
	{
		char list[160];

		yep_emit_unavailable(list, 0, sizeof(list));
		pr_info("built without mm/slab.h: unavailable (0 above, \"unavailable\" in status): %s\n",
			list);
	}
#endif
	return 0;

put:
	kobject_put(yep_kobj);
destroy:
	yep_slab_destroy(&yep);
	return err;
}

static void __exit yep_slab_exit(void)
{
	unsigned long held;

	/* Removing the files waits for reads and stores in flight. */
	debugfs_remove_recursive(yep_debugfs);
	kobject_put(yep_kobj);
	held = yep.nr_objs;
	yep_slab_destroy(&yep);
	pr_info("freed %lu objects held at unload, cache destroyed\n", held);
}

module_init(yep_slab_init);
module_exit(yep_slab_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("yep_slab project");
MODULE_DESCRIPTION("Sysfs demo of SLUB slab growth on a private 4 KiB cache");
