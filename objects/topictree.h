/*
 * topictree.h: the topic tree built from the topic objects' TOPICSTR, and the
 * resolution of ASPARENT attributes up the tree.
 *
 * A topic string is split on '/' into levels ("a/b" is a, then b; "/a" is an
 * empty level, then a; "a//b" has an empty middle level), as MQ does: the
 * tree's nodes are the levels, the root is the empty string.  Each topic
 * object with a non-blank TOPICSTR sits at the node of its string (the nodes
 * above it exist as plain nodes).  SYSTEM.BASE.TOPIC (TOPICSTR '') is the
 * root's object; any other object with a blank TOPICSTR (SYSTEM.DEFAULT.TOPIC,
 * the template) is at no node.
 *
 * Resolution (topictree_resolve): for the topic string s, every attribute
 * whose value is ASPARENT (MDURMDL and MNDURMDL: blank) takes the value of the
 * nearest topic object above it on s's path whose value is not ASPARENT,
 * ending at SYSTEM.BASE.TOPIC; when the base object is absent or itself says
 * ASPARENT, MQ's values for SYSTEM.BASE.TOPIC (objdef_system_objects) are
 * used, as MQ does.  s need not be a node: the nodes on its path that exist
 * decide.  This is the function the publish/subscribe parts call for
 * MQOPEN, MQPUT and MQSUB.
 *
 *   struct topictree t;
 *   topictree_init(&t);
 *   topictree_add(&t, &def);          each topic object (the tree keeps the
 *                                     pointer: def must outlive the tree)
 *   topictree_resolve(&t, "a/b", &r, &admin);
 *   topictree_walk(&t, "a/#", fn, ctx);   nodes matching MQ's wildcards
 *   topictree_free(&t);
 *
 * Not thread-safe: one owner.  Errors: QM_ENOMEM; QM_EEXIST (add: the node
 * already has an object, err names it); QM_EINVAL (not a topic object).
 */
#ifndef QUIRE_TOPICTREE_H
#define QUIRE_TOPICTREE_H

#include <stddef.h>

#include "objects/objdef.h"

#define TOPICTREE_BASE "SYSTEM.BASE.TOPIC"

struct topic_node {
	char *level;                       /* this level's text ("" for the root) */
	struct topic_node *parent;
	struct topic_node *child;          /* first child; siblings sorted by level (strcmp) */
	struct topic_node *next;
	const struct objdef *obj;          /* the topic object at this node, or NULL */
};

struct topictree {
	struct topic_node root;
	size_t nodes;                      /* below the root */
};

void topictree_init(struct topictree *t);
void topictree_free(struct topictree *t);

/* Place a topic object at its node (creating the nodes of its string).  An
 * object with a blank TOPICSTR other than SYSTEM.BASE.TOPIC is accepted and
 * placed nowhere. */
int topictree_add(struct topictree *t, const struct objdef *def, char *err, size_t errlen);

/* The node of a topic string, or NULL. */
const struct topic_node *topictree_find(const struct topictree *t, const char *str);

/* The full topic string of a node (levels joined by '/'): QM_ETOOBIG if it
 * does not fit n bytes. */
int topictree_string(const struct topic_node *nd, char *buf, size_t n);

/* out: a topic definition holding the resolved value of every attribute
 * (named str's object when there is one, else SYSTEM.BASE.TOPIC's name),
 * TOPICSTR str.  *admin (may be NULL): the object at str's own node, or NULL.
 * out->topic_str points at str itself, not at an interned copy (a resolution
 * is a view: the strings DISPLAY TPSTATUS or an application names must not
 * grow objects/strintern's table, which never shrinks), so out must not be
 * used after str is gone.  QM_EINVAL (out untouched) when str is longer than
 * 10240 characters. */
int topictree_resolve(const struct topictree *t, const char *str, struct objdef *out,
		      const struct objdef **admin);

/* 1 when the topic string matches the pattern under MQ's topic-level
 * wildcards: '#' as a whole level matches any number of levels (none too),
 * '+' as a whole level matches exactly one; anything else matches itself. */
int topictree_match(const char *pattern, const char *str);

/* 1 when the topic string matches the pattern under MQ's character wildcards
 * (MQSO_WILDCARD_CHAR): '*' any characters ('/' too, none too), '?' exactly
 * one, '%' before '*', '?' or '%' that character itself; anything else
 * itself.  A '%' before anything else matches nothing here (MQSUB refuses
 * such a pattern with 2425). */
int topictree_match_char(const char *pattern, const char *str);

/* Every node below the root whose string matches pattern, in tree order
 * (depth first, siblings sorted); fn's non-zero return stops the walk and is
 * returned. */
int topictree_walk(const struct topictree *t, const char *pattern,
		   int (*fn)(void *ctx, const struct topic_node *nd, const char *str), void *ctx);

#endif
