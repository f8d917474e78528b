/*
 * topictree.c: the topic tree and ASPARENT resolution (see topictree.h).
 */
#include "objects/topictree.h"
#include "objects/errbuf.h"
#include "log/qmerr.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

void topictree_init(struct topictree *t)
{
	memset(t, 0, sizeof *t);
	t->root.level = NULL;
}

static void free_nodes(struct topic_node *nd)
{
	while (nd) {
		struct topic_node *next = nd->next;
		free_nodes(nd->child);
		free(nd->level);
		free(nd);
		nd = next;
	}
}

void topictree_free(struct topictree *t)
{
	free_nodes(t->root.child);
	memset(t, 0, sizeof *t);
}

/* The child of nd named by the n bytes at s; created (sorted) when make. */
static struct topic_node *child_of(struct topictree *t, struct topic_node *nd, const char *s, size_t n, int make)
{
	struct topic_node **pp = &nd->child;
	for (; *pp; pp = &(*pp)->next) {
		size_t l = strlen((*pp)->level);
		int c = strncmp((*pp)->level, s, n < l ? n : l);
		if (c == 0)
			c = l == n ? 0 : l < n ? -1 : 1;
		if (c == 0)
			return *pp;
		if (c > 0)
			break;
	}
	if (!make)
		return NULL;
	struct topic_node *k = calloc(1, sizeof *k);
	if (!k || !(k->level = strndup(s, n))) {
		free(k);
		return NULL;
	}
	k->parent = nd;
	k->next = *pp;
	*pp = k;
	t->nodes++;
	return k;
}

/* The node of str (made when make), or NULL; "" is the root. */
static struct topic_node *node_of(struct topictree *t, const char *str, int make)
{
	struct topic_node *nd = &t->root;
	if (!*str)
		return nd;
	for (const char *p = str;;) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (!(nd = child_of(t, nd, p, n, make)))
			return NULL;
		if (!e)
			return nd;
		p = e + 1;
	}
}

int topictree_add(struct topictree *t, const struct objdef *def, char *err, size_t errlen)
{
	if (def->type != OBJDEF_TOPIC) {
		errbuf_set(err, errlen, "%s is not a topic object", def->name);
		return QM_EINVAL;
	}
	if (!objdef_topic_str(def)[0] && strcmp(def->name, TOPICTREE_BASE) != 0)
		return QM_OK;   /* a template: at no node */
	struct topic_node *nd = node_of(t, objdef_topic_str(def), 1);
	if (!nd)
		return QM_ENOMEM;
	if (nd->obj && nd->obj != def) {
		errbuf_set(err, errlen, "topic string '%.64s' already belongs to topic object %s", objdef_topic_str(def),
		    nd->obj->name);
		return QM_EEXIST;
	}
	nd->obj = def;
	return QM_OK;
}

const struct topic_node *topictree_find(const struct topictree *t, const char *str)
{
	return node_of((struct topictree *)t, str, 0);
}

int topictree_string(const struct topic_node *nd, char *buf, size_t n)
{
	size_t len = 0;
	for (const struct topic_node *k = nd; k && k->parent; k = k->parent)
		len += strlen(k->level) + (k->parent->parent ? 1 : 0);
	if (len + 1 > n)
		return QM_ETOOBIG;
	buf[len] = 0;
	for (const struct topic_node *k = nd; k && k->parent; k = k->parent) {
		size_t l = strlen(k->level);
		len -= l;
		memcpy(buf + len, k->level, l);
		if (k->parent->parent)
			buf[--len] = '/';
	}
	return QM_OK;
}

/* The ASPARENT value of an enum attribute, or 0 when it has none (*has). */
static int32_t asparent_of(const struct objdef_attr *a, int *has)
{
	*has = 0;
	if (a->kind != OBJDEF_ENUM)
		return 0;
	for (const struct objdef_enum *e = a->vals; e->kw; e++)
		if (!strcmp(e->kw, "ASPARENT")) {
			*has = 1;
			return e->val;
		}
	return 0;
}

/* Does the object leave attribute a to its parent? */
static int leaves_to_parent(const struct objdef *d, const struct objdef_attr *a)
{
	int has;
	if (a->kind == OBJDEF_STR) {
		char v[OBJDEF_NAME_SIZE];
		return a->max == 48 && (a->flags & OBJDEF_F_NAME) && objdef_attr_text(d, a, v, sizeof v) == QM_OK &&
		       v[0] == 0;
	}
	int32_t ap = asparent_of(a, &has), v;
	return has && objdef_get_int(d, a->id, &v) == QM_OK && v == ap;
}

/* Copy attribute a from src to dst (both topics). */
static void take(struct objdef *dst, const struct objdef *src, const struct objdef_attr *a)
{
	if (a->kind == OBJDEF_STR) {
		char v[OBJDEF_NAME_SIZE];
		if (objdef_attr_text(src, a, v, sizeof v) == QM_OK)
			objdef_set_str(dst, a->id, v, (size_t)-1, NULL, 0);
	} else {
		int32_t v;
		if (objdef_get_int(src, a->id, &v) == QM_OK)
			objdef_set_int(dst, a->id, v, NULL, 0);
	}
}

/* MQ's SYSTEM.BASE.TOPIC, as crtmqm makes it. */
static void builtin_base(struct objdef *d)
{
	size_t n;
	const struct objdef_sysobj *so = objdef_system_objects(&n);
	objdef_init_default(OBJDEF_TOPIC, d);
	for (size_t i = 0; i < n; i++)
		if (so[i].type == OBJDEF_TOPIC && !strcmp(so[i].name, TOPICTREE_BASE)) {
			objdef_system_build(&so[i], d, NULL, 0);
			return;
		}
}

int topictree_resolve(const struct topictree *t, const char *str, struct objdef *out,
		      const struct objdef **admin)
{
	if (strnlen(str, OBJDEF_TOPICSTR_SIZE) > OBJDEF_TOPICSTR_SIZE - 1)
		return QM_EINVAL;   /* longer than MQ's 10240: no topic's string */
	/* the deepest node of str's path that exists */
	const struct topic_node *nd = &t->root;
	int exact = 1;
	if (*str) {
		for (const char *p = str;;) {
			const char *e = strchr(p, '/');
			size_t n = e ? (size_t)(e - p) : strlen(p);
			const struct topic_node *k = child_of((struct topictree *)t, (struct topic_node *)nd, p, n, 0);
			if (!k) {
				exact = 0;
				break;
			}
			nd = k;
			if (!e)
				break;
			p = e + 1;
		}
	}
	const struct objdef *own = exact ? nd->obj : NULL;
	if (admin)
		*admin = own;
	struct objdef base;
	builtin_base(&base);
	if (own) {
		*out = *own;
	} else {
		/* a node without an object of its own: everything from above
		 * (the built-in topic defaults are ASPARENT throughout) */
		objdef_init_default(OBJDEF_TOPIC, out);
		memcpy(out->name, TOPICTREE_BASE, sizeof TOPICTREE_BASE);
	}
	out->topic_str = str;   /* str's own storage, not interned: see topictree.h */
	for (size_t i = 0; i < objdef_attr_count(); i++) {
		const struct objdef_attr *a = objdef_attr_at(i);
		if (!objdef_attr_has(a, OBJDEF_TOPIC) || (a->flags & (OBJDEF_F_CONST | OBJDEF_F_RO)) ||
		    !leaves_to_parent(out, a))
			continue;
		const struct objdef *from = NULL;
		for (const struct topic_node *k = nd; k && !from; k = k->parent)
			if (k->obj && !leaves_to_parent(k->obj, a))
				from = k->obj;
		take(out, from ? from : &base, a);
	}
	return QM_OK;
}

int topictree_match(const char *pattern, const char *str)
{
	const char *pe = strchr(pattern, '/'), *se = strchr(str, '/');
	size_t pl = pe ? (size_t)(pe - pattern) : strlen(pattern);
	size_t sl = se ? (size_t)(se - str) : strlen(str);
	if (pl == 1 && pattern[0] == '#') {
		if (!pe)
			return 1;   /* the rest, whatever it is */
		/* none of str's levels, or one more */
		if (topictree_match(pe + 1, str))
			return 1;
		return se ? topictree_match(pattern, se + 1) : 0;
	}
	if (!(pl == 1 && pattern[0] == '+') && (pl != sl || strncmp(pattern, str, pl) != 0))
		return 0;
	if (pe && !se) {
		/* str has ended: the rest of the pattern must be '#' levels only */
		for (const char *p = pe + 1;; p += 2) {
			if (p[0] != '#' || (p[1] != 0 && p[1] != '/'))
				return 0;
			if (!p[1])
				return 1;
		}
	}
	if (!pe || !se)
		return !pe && !se;
	return topictree_match(pe + 1, se + 1);
}

int topictree_match_char(const char *pattern, const char *str)
{
	/* the classic two-pointer match: on a mismatch after a '*', that '*'
	 * takes one more character of str (no recursion, O(len(p) x len(s))) */
	const char *p = pattern, *s = str, *star = NULL, *mark = NULL;
	while (*s) {
		if (*p == '*') {
			star = ++p;
			mark = s;
			continue;
		}
		int esc = *p == '%' && (p[1] == '*' || p[1] == '?' || p[1] == '%');
		if (*p == '?' || (esc && p[1] == *s) || (*p && *p != '%' && *p == *s)) {
			p += *p == '%' ? 2 : 1;
			s++;
			continue;
		}
		if (!star)
			return 0;
		p = star;
		s = ++mark;
	}
	while (*p == '*')
		p++;
	return *p == 0;
}

static int walk(const struct topic_node *nd, const char *pattern,
		int (*fn)(void *, const struct topic_node *, const char *), void *ctx, char *buf, size_t cap)
{
	for (; nd; nd = nd->next) {
		if (topictree_string(nd, buf, cap) == QM_OK && topictree_match(pattern, buf)) {
			int rc = fn(ctx, nd, buf);
			if (rc)
				return rc;
		}
		int rc = walk(nd->child, pattern, fn, ctx, buf, cap);
		if (rc)
			return rc;
	}
	return 0;
}

int topictree_walk(const struct topictree *t, const char *pattern,
		   int (*fn)(void *ctx, const struct topic_node *nd, const char *str), void *ctx)
{
	char *buf = malloc(OBJDEF_TOPICSTR_SIZE * 2);
	if (!buf)
		return QM_ENOMEM;
	int rc = walk(t->root.child, pattern, fn, ctx, buf, OBJDEF_TOPICSTR_SIZE * 2);
	free(buf);
	return rc;
}
