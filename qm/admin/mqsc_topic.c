/*
 * mqsc_topic.c: what MQSC does differently for topic objects, and DISPLAY
 * TPSTATUS (mqsc_int.h).
 *
 * TOPICSTR: required when a topic object is defined (only SYSTEM.BASE.TOPIC,
 * the tree's root, and SYSTEM.DEFAULT.TOPIC, the template, may have it
 * blank, and SYSTEM.BASE.TOPIC must); never inherited (LIKE, the default object); unique among the topic
 * objects (AMQ8956, MQRCCF_TOPICSTR_ALREADY_EXISTS); never changed: ALTER
 * TOPIC does not take it and DEFINE ... REPLACE keeps the object's own (a
 * different one is refused), as MQ.
 *
 * DISPLAY TPSTATUS(string) TYPE(TOPIC): the nodes of the topic tree
 * (objects/topictree.h) that match string (MQ's '#' and '+' wildcards), each
 * with the values its attributes resolve to.  Shown: TOPICSTR, ADMIN (the
 * topic object at the node, blank if none) and the resolved attributes that
 * mean something before publishers and subscribers exist.  Not shown (later
 * parts of issue 14): RETAINED, PUBCOUNT, SUBCOUNT, the publisher and
 * subscriber counts and times, and TYPE(PUB) / TYPE(SUB), which are refused.
 */
#include "qm/admin/mqsc_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/qmerr.h"
#include "objects/topictree.h"
#include "qm/home/msgcat.h"
#include "qm/store/objstore.h"

/* The topic objects: the running queue manager's definitions where it has
 * them, else their files.  *v is malloc'd (the caller frees); a damaged one
 * is left out. */
static int load_topics(struct objstore *os, const struct mqsc_runtime *rt, struct objdef **v, size_t *n)
{
	size_t cnt = 0;
	for (size_t i = 0; i < os->cat.n; i++)
		cnt += os->cat.v[i].type == OBJDEF_TOPIC;
	*n = 0;
	*v = malloc((cnt ? cnt : 1) * sizeof **v);
	if (!*v)
		return QM_ENOMEM;
	for (size_t i = 0; i < os->cat.n; i++) {
		const struct objcat_entry *e = &os->cat.v[i];
		char err[512];
		if (e->type != OBJDEF_TOPIC)
			continue;
		const struct objdef *live = rt && rt->qdef ? rt->qdef(rt->arg, e->type, e->name) : NULL;
		if (live)
			(*v)[*n] = *live;
		else if (objstore_load(os, e->type, e->name, &(*v)[*n], err, sizeof err) != QM_OK ||
			 (*v)[*n].type != OBJDEF_TOPIC)
			continue;
		(*n)++;
	}
	return QM_OK;
}

int mqsc_topic_check(struct objstore *os, const struct mqsc_runtime *rt, const char *verb, struct objdef *def,
		     const struct objdef *old, int given, struct mqsc_out *o)
{
	char cl[64];
	if (!strcmp(verb, "ALTER"))
		return mqsc_syntax(o, "ALTER TOPIC does not take TOPICSTR: a topic object's topic string is set "
				   "when it is defined and never changes");
	const char *str = objdef_topic_str(def);
	if (old) {
		if (given && strcmp(str, objdef_topic_str(old)))
			return mqsc_syntax(o, "TOPICSTR cannot be changed: topic object %s has topic string '%s'",
					   old->name, mqsc_clip(objdef_topic_str(old), cl, sizeof cl));
		def->topic_str = str = objdef_topic_str(old);   /* the same interned copy */
	} else if (!str[0] && strcmp(def->name, TOPICTREE_BASE) && strcmp(def->name, "SYSTEM.DEFAULT.TOPIC")) {
		return mqsc_syntax(o, "DEFINE TOPIC needs TOPICSTR, a topic string that is not blank");
	} else if (str[0] && !strcmp(def->name, TOPICTREE_BASE)) {
		return mqsc_syntax(o, "%s is the root of the topic tree: its TOPICSTR is blank", TOPICTREE_BASE);
	}
	if (!str[0])
		return MQSC_OK;
	struct objdef *v;
	size_t n;
	if (load_topics(os, rt, &v, &n) != QM_OK)
		return mqsc_oom(o);
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].name, def->name) && !strcmp(objdef_topic_str(&v[i]), str)) {
			char buf[2048];
			const char *ins[2] = { v[i].name, mqsc_clip(str, cl, sizeof cl) };
			msgcat_format(buf, sizeof buf, AMQ_TOPICSTR_EXISTS, ins, 2);
			mqsc_out_put(o, "%s", buf);
			free(v);
			return MQSC_FAILED;
		}
	free(v);
	return MQSC_OK;
}

/* MQ's order of DISPLAY TOPIC's attributes (after TOPIC and TYPE). */
static const char *const topic_order[] = {
	"TOPICSTR", "DESCR", "CLUSTER", "CLROUTE", "DURSUB", "PUB", "SUB", "DEFPSIST", "DEFPRTY", "DEFPRESP",
	"ALTDATE", "ALTTIME", "PMSGDLV", "NPMSGDLV", "PUBSCOPE", "SUBSCOPE", "PROXYSUB", "WILDCARD", "MDURMDL",
	"MNDURMDL", "MCAST", "COMMINFO", "USEDLQ", "CUSTOM", "CAPEXPRY", NULL };

static void add_attr(const struct objdef *def, const char *kw, struct items *it)
{
	char *val = malloc(OBJDEF_TOPICSTR_SIZE);
	if (!val) {
		it->oom = 1;
		return;
	}
	if (objdef_get_text(def, kw, val, OBJDEF_TOPICSTR_SIZE) >= 0)
		items_add(it, kw, "%s", val);
	free(val);
}

void mqsc_topic_items(const struct objdef *def, struct items *it)
{
	items_add(it, "TOPIC", "%s", def->name);
	add_attr(def, "TYPE", it);
	for (const char *const *k = topic_order; *k; k++)
		add_attr(def, *k, it);
	/* every attribute of the table is in MQ's list above; one added later
	 * without a place there is still shown, at the end */
	for (size_t i = 0; i < objdef_attr_count(); i++) {
		const struct objdef_attr *a = objdef_attr_at(i);
		if (objdef_attr_has(a, OBJDEF_TOPIC) && !(a->flags & (OBJDEF_F_KEY | OBJDEF_F_HIDDEN)) &&
		    strcmp(a->kw, "TYPE") && !mqsc_kw_in(a->kw, topic_order))
			add_attr(def, a->kw, it);
	}
}

/* ---- DISPLAY TPSTATUS ---------------------------------------------------------- */

/* What DISPLAY TPSTATUS TYPE(TOPIC) shows after TOPICSTR and ADMIN: the
 * resolved attributes, in MQ's order. */
static const char *const tps_order[] = {
	"MDURMDL", "MNDURMDL", "CLUSTER", "COMMINFO", "DEFPSIST", "DEFPRTY", "DEFPRESP", "DURSUB", "PUB", "SUB",
	"PMSGDLV", "NPMSGDLV", "MCAST", "PUBSCOPE", "SUBSCOPE", "CLROUTE", "USEDLQ", "CAPEXPRY", NULL };

static int valid_tps_kw(const char *kw)
{
	return !strcmp(kw, "TOPICSTR") || !strcmp(kw, "ADMIN") || mqsc_kw_in(kw, tps_order);
}

struct tps_ctx {
	const struct topictree *t;
	struct display *d;
	struct items it;
	struct objdef r;
	struct mqsc_out *o;
	int matched;
};

static int tps_one(void *arg, const struct topic_node *nd, const char *str)
{
	struct tps_ctx *x = arg;
	const struct objdef *admin = NULL;
	(void)nd;
	int rc = topictree_resolve(x->t, str, &x->r, &admin);   /* x->r points at str: used only here */
	if (rc != QM_OK)
		return rc;
	items_reset(&x->it);
	items_add(&x->it, "TOPICSTR", "%s", str);
	items_add(&x->it, "ADMIN", "%s", admin ? admin->name : "");
	for (const char *const *k = tps_order; *k; k++)
		add_attr(&x->r, *k, &x->it);
	if (x->it.oom)
		return QM_ENOMEM;
	x->matched++;   /* (a node WHERE leaves out is no "not found", as DISPLAY QUEUE's) */
	if (!display_match(x->d, &x->it))
		return 0;
	mqsc_say(x->o, AMQ_DISPLAY_TPSTATUS, NULL);
	display_show(x->d, &x->it, 1, x->o);
	return 0;
}

int mqsc_exec_tpstatus(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, const char *str,
		       struct mqsc_out *o)
{
	struct word *w = mqsc_find(c, "TYPE");
	if (w) {
		if (!w->val || (strcmp(w->val, "TOPIC") && strcmp(w->val, "PUB") && strcmp(w->val, "SUB")))
			return mqsc_syntax(o, "TYPE must be TOPIC, PUB or SUB");
		w->used = 1;
		if (strcmp(w->val, "TOPIC"))   /* subscriptions and publishers (mqsc_sub.c) */
			return mqsc_tpstatus_subpub(rt, c, str, !strcmp(w->val, "PUB"), o, os->qmgr.name);
	}
	if (strlen(str) > OBJDEF_TOPICSTR_SIZE - 1)
		return mqsc_syntax(o, "a topic string is at most %d characters", OBJDEF_TOPICSTR_SIZE - 1);
	struct tps_ctx *x = calloc(1, sizeof *x);
	if (!x)
		return mqsc_oom(o);
	struct display d;
	int rc = display_prepare(c, &d, 1, valid_tps_kw, o);
	if (rc) {
		free(x);
		return rc;
	}
	struct objdef *v = NULL;
	size_t n = 0;
	struct topictree t;
	topictree_init(&t);
	if (load_topics(os, rt, &v, &n) != QM_OK) {
		free(x);
		return mqsc_oom(o);
	}
	for (size_t i = 0; i < n && rc == QM_OK; i++)
		rc = topictree_add(&t, &v[i], NULL, 0);   /* (a repeated string: the first object keeps the node) */
	rc = rc == QM_ENOMEM ? rc : QM_OK;
	x->t = &t;
	x->d = &d;
	x->o = o;
	if (rc == QM_OK)
		rc = topictree_walk(&t, str, tps_one, x);
	int matched = x->matched;
	items_free(&x->it);
	free(x);
	topictree_free(&t);
	free(v);
	if (rc)
		return mqsc_oom(o);
	if (!matched) {
		mqsc_say(o, AMQ_OBJECT_NOT_FOUND, str);
		return MQSC_FAILED;
	}
	return MQSC_OK;
}
