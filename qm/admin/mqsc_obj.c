/*
 * mqsc_obj.c: MQSC on the definitions: DEFINE, ALTER, DELETE, CLEAR and
 * DISPLAY of queues, processes, topics, channels, listeners and
 * authentication information objects, DISPLAY and ALTER QMGR (see mqsc.h;
 * what is particular to topics is in mqsc_topic.c, to channels, listeners
 * and authinfo in mqsc_chl.c).  Definitions go
 * through objects/objdef.c (attribute names, ranges, inheritance) and
 * qm/store/objstore.c (log first, then files); the running queue manager
 * follows through the runtime callbacks.  Every attribute is checked before
 * anything is written, so a command with an error changes nothing.
 */
#include "qm/admin/mqsc_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmqc.h"
#include "log/log.h"
#include "log/qmerr.h"
#include "objects/names.h"
#include "qm/home/msgcat.h"
#include "qm/store/objstore.h"

static const char *mqsc_type(int type)
{
	return type == OBJDEF_QLOCAL ? "QLOCAL" : type == OBJDEF_QALIAS ? "QALIAS" : type == OBJDEF_QMODEL ? "QMODEL" :
	       "QMGR";
}

/* Apply the unused words as attributes. */
static int apply(struct cmd *c, struct objdef *def, struct mqsc_out *o)
{
	char err[512];
	for (int i = 1; i < c->n; i++) {
		struct word *w = &c->w[i];
		if (w->used)
			continue;
		int rc = objdef_set(def, w->kw, w->val, err, sizeof err);
		if (rc)
			return mqsc_syntax(o, "%s", err);
		w->used = 1;
	}
	return MQSC_OK;
}


/* ---- DEFINE, ALTER, DELETE -------------------------------------------------- */

static const char *default_of(int type)
{
	/* MQ's: DEFINE takes what is not given from SYSTEM.DEF.SVRCONN (a
	 * server-connection channel), SYSTEM.DEFAULT.LISTENER.TCP,
	 * SYSTEM.DEFAULT.AUTHINFO.IDPWOS */
	if (type == OBJDEF_CHANNEL)
		return "SYSTEM.DEF.SVRCONN";
	if (type == OBJDEF_LISTENER)
		return "SYSTEM.DEFAULT.LISTENER.TCP";
	if (type == OBJDEF_AUTHINFO)
		return "SYSTEM.DEFAULT.AUTHINFO.IDPWOS";
	return type == OBJDEF_QLOCAL ? "SYSTEM.DEFAULT.LOCAL.QUEUE" :
	       type == OBJDEF_QALIAS ? "SYSTEM.DEFAULT.ALIAS.QUEUE" :
	       type == OBJDEF_PROCESS ? "SYSTEM.DEFAULT.PROCESS" : type == OBJDEF_TOPIC ? "SYSTEM.DEFAULT.TOPIC" :
	       "SYSTEM.DEFAULT.MODEL.QUEUE";
}

/* The response of a DEFINE, ALTER or DELETE: queues' or processes'. */
static int msg_created(int type, int replaced)
{
	if (type == OBJDEF_PROCESS)
		return replaced ? AMQ_PROCESS_CHANGED : AMQ_PROCESS_CREATED;
	if (type == OBJDEF_TOPIC)
		return replaced ? AMQ_TOPIC_CHANGED : AMQ_TOPIC_CREATED;
	if (type >= OBJDEF_CHANNEL)
		return mqsc_chl_msg(type, replaced ? 1 : 0);
	return replaced ? AMQ_QUEUE_CHANGED : AMQ_QUEUE_CREATED;
}

static int fail_rc(struct mqsc_out *o, int rc, const char *name, const char *err)
{
	if (rc == QM_ENOTFOUND || rc == QM_ENOENT)
		mqsc_say(o, AMQ_OBJECT_NOT_FOUND, name);
	else if (rc == QM_EDAMAGED)
		mqsc_say(o, AMQ_OBJECT_DAMAGED_CMD, name);
	else if (rc == QM_EEXIST)
		mqsc_say(o, AMQ_OBJECT_EXISTS, name);
	else {
		char why[700];
		snprintf(why, sizeof why, "%s: %s", qm_strerror(rc), err);
		mqsc_say(o, AMQ_QUIRE_ERROR, why);
	}
	return MQSC_FAILED;
}

/* LIKE(name) of a DEFINE: *like is the name (NULL without LIKE), checked
 * and marked used. */
static int like_of(struct cmd *c, struct mqsc_out *o, const char **like)
{
	struct word *w = mqsc_find(c, "LIKE");
	*like = NULL;
	if (!w)
		return MQSC_OK;
	if (!w->val || !*w->val)
		return mqsc_syntax(o, "LIKE needs an object name");
	w->used = 1;
	*like = w->val;
	return mqsc_check_name(w->val, o);
}

static int exec_define(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, int type,
		       const char *name, struct mqsc_out *o)
{
	char err[512];
	struct objdef tmpl, def, old;
	int replace = 0;
	struct word *w;
	if ((w = mqsc_find(c, "REPLACE"))) {
		replace = 1;
		w->used = 1;
	}
	if ((w = mqsc_find(c, "NOREPLACE"))) {
		if (replace)
			return mqsc_syntax(o, "REPLACE and NOREPLACE together");
		w->used = 1;
	}
	const char *like = NULL;
	int rc = like_of(c, o, &like);
	if (rc || (rc = mqsc_chl_check(c, "DEFINE", type, o)))
		return rc;
	const char *from = like ? like : default_of(type);
	rc = objstore_load(os, type, from, &tmpl, err, sizeof err);
	if (rc == QM_ENOTFOUND && !like)
		rc = objdef_init_default(type, &tmpl);
	else if (rc)
		return fail_rc(o, rc, from, err);
	int loaded = objstore_load(os, type, name, &old, err, sizeof err) == QM_OK;
	int exists = loaded || objcat_find(&os->cat, type, name) != NULL;
	/* the definition it runs with (an MQSET since its file was written),
	 * for the change event's "before" */
	const struct objdef *live = loaded && rt && rt->qdef ? rt->qdef(rt->arg, type, name) : NULL;
	if (live)
		old = *live;
	if (exists && !replace) {
		mqsc_say(o, AMQ_OBJECT_EXISTS, name);
		return MQSC_FAILED;
	}
	if (objdef_inherit(&def, &tmpl, type, err, sizeof err))
		return mqsc_syntax(o, "%s", err);
	if (objdef_set_name(&def, name, err, sizeof err))
		return mqsc_syntax(o, "%s", err);
	int topicstr = mqsc_find(c, "TOPICSTR") != NULL;
	if ((rc = apply(c, &def, o)))
		return rc;
	if (type == OBJDEF_TOPIC &&
	    (rc = mqsc_topic_check(os, rt, "DEFINE", &def, loaded && old.type == type ? &old : NULL, topicstr, o)))
		return rc;
	objdef_stamp(&def, time(NULL), !exists);
	if (exists && old.type == type) {
		memcpy(def.crdate, old.crdate, sizeof def.crdate);
		memcpy(def.crtime, old.crtime, sizeof def.crtime);
	}
	int replaced = 0;
	rc = objstore_define(os, &def, replace ? OBJSTORE_REPLACE : 0, &replaced, err, sizeof err);
	if (rc)
		return fail_rc(o, rc, name, err);
	if (rt && rt->qdefined)
		rt->qdefined(rt->arg, &def);
	if (rt && rt->config) {
		int changed = loaded && old.type == type;
		rt->config(rt->arg, changed ? MQRC_CONFIG_CHANGE_OBJECT : MQRC_CONFIG_CREATE_OBJECT, changed ? &old : NULL,
			   &def);
	}
	mqsc_say(o, msg_created(type, replaced), name);
	return MQSC_OK;
}

static int exec_alter(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, int type,
		      const char *name, struct mqsc_out *o)
{
	char err[512];
	struct objdef def;
	int rc = mqsc_chl_check(c, "ALTER", type, o);
	if (rc)
		return rc;
	rc = objstore_load(os, type, name, &def, err, sizeof err);
	if (rc || def.type != type)
		return fail_rc(o, rc ? rc : QM_ENOTFOUND, name, err);
	/* from the definition the queue runs with: an MQSET since its file was
	 * written is kept */
	const struct objdef *live = rt && rt->qdef ? rt->qdef(rt->arg, type, name) : NULL;
	if (live)
		def = *live;
	if (type == OBJDEF_TOPIC && mqsc_find(c, "TOPICSTR"))
		return mqsc_topic_check(os, rt, "ALTER", &def, &def, 1, o);
	struct objdef before = def;
	if ((rc = apply(c, &def, o)))
		return rc;
	objdef_stamp(&def, time(NULL), 0);
	rc = objstore_define(os, &def, OBJSTORE_REPLACE, NULL, err, sizeof err);
	if (rc)
		return fail_rc(o, rc, name, err);
	if (rt && rt->qdefined)
		rt->qdefined(rt->arg, &def);
	if (rt && rt->config)
		rt->config(rt->arg, MQRC_CONFIG_CHANGE_OBJECT, &before, &def);
	mqsc_say(o, msg_created(type, 1), name);
	return MQSC_OK;
}

static int exec_delete(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, int type,
		       const char *name, struct mqsc_out *o)
{
	char err[512];
	int purge = 0;
	struct word *w;
	if (!objdef_is_queue(type) && (mqsc_find(c, "PURGE") || mqsc_find(c, "NOPURGE")))
		return mqsc_syntax(o, "DELETE %s does not take PURGE or NOPURGE", c->w[0].kw);
	if ((w = mqsc_find(c, "PURGE"))) {
		purge = 1;
		w->used = 1;
	}
	if ((w = mqsc_find(c, "NOPURGE"))) {
		if (purge)
			return mqsc_syntax(o, "PURGE and NOPURGE together");
		w->used = 1;
	}
	for (int i = 1; i < c->n; i++)
		if (!c->w[i].used)
			return mqsc_syntax(o, "DELETE does not take %s", c->w[i].kw);
	const struct objcat_entry *e = objcat_find(&os->cat, type, name);
	if (!e || e->type != type) {
		mqsc_say(o, AMQ_OBJECT_NOT_FOUND, name);
		return MQSC_FAILED;
	}
	/* what is deleted, for the delete event: as it runs (an MQSET since
	 * its file was written), else as its file has it */
	struct objdef gone;
	const struct objdef *live = rt && rt->qdef ? rt->qdef(rt->arg, type, name) : NULL;
	int have_gone = live ? (gone = *live, 1) : objstore_load(os, type, name, &gone, err, sizeof err) == QM_OK;
	if (type == OBJDEF_PROCESS && rt && rt->pdelete) {
		int id = rt->pdelete(rt->arg, name);
		if (id) {
			mqsc_say(o, id, name);
			return MQSC_FAILED;
		}
	} else if (type == OBJDEF_TOPIC && rt && rt->tdelete) {
		int id = rt->tdelete(rt->arg, name);
		if (id) {
			mqsc_say(o, id, name);
			return MQSC_FAILED;
		}
	} else if (type >= OBJDEF_CHANNEL && rt && rt->odelete) {
		int id = rt->odelete(rt->arg, type, name);
		if (id) {
			mqsc_say(o, id, name);
			return MQSC_FAILED;
		}
	} else if (objdef_is_queue(type) && rt && rt->qdelete) {
		int id = rt->qdelete(rt->arg, name, purge);
		if (id) {
			mqsc_say(o, id, name);
			return MQSC_FAILED;
		}
	}
	int rc = objstore_delete(os, type, name, err, sizeof err);
	if (rc)
		return fail_rc(o, rc, name, err);
	if (rt && rt->config && have_gone)
		rt->config(rt->arg, MQRC_CONFIG_DELETE_OBJECT, &gone, NULL);
	mqsc_say(o, type == OBJDEF_PROCESS ? AMQ_PROCESS_DELETED : type == OBJDEF_TOPIC ? AMQ_TOPIC_DELETED :
		 type >= OBJDEF_CHANNEL ? mqsc_chl_msg(type, 2) : AMQ_QUEUE_DELETED, name);
	return MQSC_OK;
}

/* ---- CLEAR QLOCAL ----------------------------------------------------------- */

/* CLEAR QLOCAL: refused (AMQ8148) while the queue is open or a unit of work
 * holds its messages, as MQ; the runtime logs the clear. */
static int exec_clear(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, const char *name,
		      struct mqsc_out *o)
{
	int rc = mqsc_rest_unused(c, "CLEAR QLOCAL", o);
	if (rc)
		return rc;
	const struct objcat_entry *e = objcat_find(&os->cat, OBJDEF_QLOCAL, name);
	if (!e || e->type != OBJDEF_QLOCAL) {
		mqsc_say(o, AMQ_OBJECT_NOT_FOUND, name);
		return MQSC_FAILED;
	}
	if (!rt || !rt->qclear) {
		mqsc_say(o, AMQ_QMGR_NOT_AVAILABLE, os->qmgr.name);
		return MQSC_FAILED;
	}
	int id = rt->qclear(rt->arg, name);
	if (id) {
		mqsc_say(o, id, name);
		return MQSC_FAILED;
	}
	mqsc_say(o, AMQ_QUEUE_CLEARED, name);
	return MQSC_OK;
}

/* ---- DISPLAY QUEUE / QMGR ----------------------------------------------------- */

static const char *const queue_status_kw[] = { "CURDEPTH", "IPPROCS", "OPPROCS", NULL };

static int valid_queue_kw(const char *kw)
{
	if (mqsc_kw_in(kw, queue_status_kw) || !strcmp(kw, "QUEUE") || !strcmp(kw, "TYPE"))
		return 1;
	for (int t = OBJDEF_QLOCAL; t <= OBJDEF_QMODEL; t++)
		if (objdef_attr_find(t, kw))
			return 1;
	return 0;
}

static int valid_process_kw(const char *kw)
{
	return objdef_attr_find(OBJDEF_PROCESS, kw) != NULL;
}

static int valid_topic_kw(const char *kw)
{
	return objdef_attr_find(OBJDEF_TOPIC, kw) != NULL;
}

static int valid_qmgr_kw(const char *kw)
{
	return !strcmp(kw, "QMNAME") || objdef_attr_find(OBJDEF_QMGR, kw) != NULL;
}

/* The items of a definition (and of a local queue's status), in the order
 * of objdef's table; how many are always shown. */
static size_t def_items(const struct mqsc_runtime *rt, const struct objdef *def, struct items *it)
{
	char val[1100];
	if (def->type >= OBJDEF_CHANNEL)
		return mqsc_chl_items(def, it);
	if (def->type == OBJDEF_PROCESS) {
		/* in MQ's order: the name, then the attributes alphabetically */
		static const char *const order[] = { "APPLICID", "APPLTYPE", "DESCR", "ENVRDATA", "USERDATA",
						     "ALTDATE", "ALTTIME", NULL };
		items_add(it, "PROCESS", "%s", def->name);
		for (const char *const *k = order; *k; k++)
			if (objdef_get_text(def, *k, val, sizeof val) >= 0)
				items_add(it, *k, "%s", val);
		return 1;
	}
	if (def->type == OBJDEF_TOPIC) {
		mqsc_topic_items(def, it);
		return 2;
	}
	if (def->type == OBJDEF_QMGR) {
		items_add(it, "QMNAME", "%s", def->name);
	} else {
		items_add(it, "QUEUE", "%s", def->name);
		items_add(it, "TYPE", "%s", mqsc_type(def->type));
	}
	for (size_t i = 0; i < objdef_attr_count(); i++) {
		const struct objdef_attr *a = objdef_attr_at(i);
		if (!objdef_attr_has(a, def->type) || (a->flags & OBJDEF_F_HIDDEN) || !strcmp(a->kw, "QUEUE") ||
		    !strcmp(a->kw, "QMNAME"))
			continue;   /* (the identity is no MQ attribute) */
		if (objdef_attr_text(def, a, val, sizeof val) < 0)
			continue;
		if (a->kw_off)
			items_bare(it, a->kw, a->kw_off, val);
		else
			items_add(it, a->kw, "%s", val);
	}
	struct mqsc_qstat st;
	if (def->type == OBJDEF_QLOCAL && rt && rt->qstatus && rt->qstatus(rt->arg, def->name, &st) == 0) {
		items_add(it, "CURDEPTH", "%d", (int)st.curdepth);
		items_add(it, "IPPROCS", "%d", (int)st.ipprocs);
		items_add(it, "OPPROCS", "%d", (int)st.opprocs);
	}
	return def->type == OBJDEF_QMGR ? 1 : 2;
}

static int exec_display(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, int type,
			const char *name, struct mqsc_out *o)
{
	struct display d;
	struct items it = { 0 };
	struct word *w;
	int filter = type == MO_QUEUE ? 0 : type, rc;
	if (type == OBJDEF_TOPIC && (w = mqsc_find(c, "TYPE")) && w->val) {
		/* TYPE(LOCAL) or TYPE(ALL): every topic object here is local;
		 * TYPE(CLUSTER) matches none (no clusters) */
		if (strcmp(w->val, "LOCAL") && strcmp(w->val, "ALL") && strcmp(w->val, "CLUSTER"))
			return mqsc_syntax(o, "TYPE must be LOCAL, CLUSTER or ALL");
		if (!strcmp(w->val, "CLUSTER"))
			filter = -1;
		w->used = 1;
	} else if (type >= OBJDEF_CHANNEL && type < MO_QUEUE) {
		if ((rc = mqsc_chl_filter(c, type, &filter, o)))
			return rc;
	} else if (type != OBJDEF_QMGR && type != OBJDEF_PROCESS && type != OBJDEF_TOPIC && (w = mqsc_find(c, "TYPE"))) {
		int t = !w->val ? 0 : !strcmp(w->val, "ALL") || !strcmp(w->val, "QUEUE") ? MO_QUEUE :
			!strcmp(w->val, "QLOCAL") || !strcmp(w->val, "QL") ? OBJDEF_QLOCAL :
			!strcmp(w->val, "QALIAS") || !strcmp(w->val, "QA") ? OBJDEF_QALIAS :
			!strcmp(w->val, "QMODEL") || !strcmp(w->val, "QM") ? OBJDEF_QMODEL : 0;
		if (!t)
			return mqsc_syntax(o, "TYPE must be QLOCAL, QALIAS, QMODEL or ALL");
		filter = t == MO_QUEUE ? 0 : t;
		w->used = 1;
	}
	rc = display_prepare(c, &d, type == OBJDEF_QMGR, type == OBJDEF_QMGR ? valid_qmgr_kw :
			     type == OBJDEF_PROCESS ? valid_process_kw : type == OBJDEF_TOPIC ? valid_topic_kw :
			     type == OBJDEF_CHANNEL ? mqsc_chl_valid_channel_kw :
			     type == OBJDEF_LISTENER ? mqsc_chl_valid_listener_kw :
			     type == OBJDEF_AUTHINFO ? mqsc_chl_valid_authinfo_kw : valid_queue_kw, o);
	if (rc)
		return rc;
	if (type == OBJDEF_QMGR) {
		def_items(rt, &os->qmgr, &it);
		if (it.oom) {
			items_free(&it);
			return mqsc_oom(o);
		}
		mqsc_say(o, AMQ_DISPLAY_QMGR, NULL);
		display_show(&d, &it, 1, o);
		items_free(&it);
		return MQSC_OK;
	}
	int shown = 0, damaged = 0, matched = 0;
	for (size_t i = 0; i < os->cat.n; i++) {
		const struct objcat_entry *e = &os->cat.v[i];
		if ((filter && e->type != filter) || (!filter && !objdef_is_queue(e->type)) ||
		    !mqsc_generic_match(name, e->name))
			continue;
		if (rt && rt->visible && !rt->visible(rt->arg, e->type, e->name))
			continue;   /* the command server's user has no dsp on it (issue 15): not shown */
		struct objdef def;
		char err[512];
		struct mqsc_qstat st;
		matched++;
		const struct objdef *live = rt && rt->qdef ? rt->qdef(rt->arg, e->type, e->name) : NULL;
		if (live)
			def = *live;
		if ((!live && objstore_load(os, e->type, e->name, &def, err, sizeof err)) ||
		    (objdef_is_queue(e->type) && rt && rt->qstatus && rt->qstatus(rt->arg, e->name, &st) == -2)) {
			mqsc_say(o, AMQ_OBJECT_DAMAGED_CMD, e->name);
			damaged++;
			continue;
		}
		items_reset(&it);
		size_t nkey = def_items(rt, &def, &it);
		if (it.oom) {
			items_free(&it);
			return mqsc_oom(o);
		}
		if (!display_match(&d, &it))
			continue;
		mqsc_say(o, e->type == OBJDEF_PROCESS ? AMQ_DISPLAY_PROCESS : e->type == OBJDEF_TOPIC ? AMQ_DISPLAY_TOPIC :
			 e->type >= OBJDEF_CHANNEL ? mqsc_chl_msg(e->type, 3) : AMQ_DISPLAY_QUEUE, NULL);
		display_show(&d, &it, nkey, o);
		shown++;
	}
	items_free(&it);
	if (!matched) {
		mqsc_say(o, AMQ_OBJECT_NOT_FOUND, name);
		return MQSC_FAILED;
	}
	return damaged ? MQSC_FAILED : MQSC_OK;
}

static int exec_alter_qmgr(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, struct mqsc_out *o)
{
	char err[512];
	struct objdef qm = os->qmgr, before = os->qmgr;
	/* FORCE: MQ's override of an ALTER QMGR that would affect open
	 * handles; nothing here needs it, so it is accepted and ignored */
	if (mqsc_flag(c, "FORCE", o) < 0)
		return MQSC_SYNTAX;
	int rc = apply(c, &qm, o);
	if (rc)
		return rc;
	/* LOGGEREV(ENABLED) only with linear logging (AMQ8518E, as MQ) */
	char ev[32];
	struct log_info li;
	if (objdef_get_text(&qm, "LOGGEREV", ev, sizeof ev) >= 0 && !strcmp(ev, "ENABLED") && rt && rt->log &&
	    log_info(rt->log, &li) == QM_OK && li.type != LOG_LINEAR) {
		mqsc_say(o, AMQ_LOGGEREV_NEEDS_LINEAR, NULL);
		return MQSC_FAILED;
	}
	objdef_stamp(&qm, time(NULL), 0);
	rc = objstore_alter_qmgr(os, &qm, err, sizeof err);
	if (rc)
		return fail_rc(o, rc, qm.name, err);
	if (rt && rt->qmgr_changed)
		rt->qmgr_changed(rt->arg, &os->qmgr);
	if (rt && rt->config)
		rt->config(rt->arg, MQRC_CONFIG_CHANGE_OBJECT, &before, &os->qmgr);
	/* CONFIGEV from DISABLED to ENABLED refreshes every object, as MQ's
	 * automatic Refresh Queue Manager does */
	if (before.config_event == MQEVR_DISABLED && os->qmgr.config_event == MQEVR_ENABLED)
		mqsc_refresh_config(os, rt, ~0u, "*", 0);
	mqsc_say(o, AMQ_QMGR_CHANGED, qm.name);
	return MQSC_OK;
}


/* ---- entry points ----------------------------------------------------------- */

int mqsc_exec_obj(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, const char *verb, int type,
		  const char *name, struct mqsc_out *o)
{
	if (type == OBJDEF_QMGR)
		return !strcmp(verb, "DISPLAY") ? exec_display(os, rt, c, type, NULL, o) : exec_alter_qmgr(os, rt, c, o);
	if (!strcmp(verb, "DEFINE"))
		return exec_define(os, rt, c, type, name, o);
	if (!strcmp(verb, "ALTER"))
		return exec_alter(os, rt, c, type, name, o);
	if (!strcmp(verb, "DELETE"))
		return exec_delete(os, rt, c, type, name, o);
	if (!strcmp(verb, "CLEAR"))
		return exec_clear(os, rt, c, name, o);
	return exec_display(os, rt, c, type, name, o);
}

/* runmqsc -v: the attributes of DEFINE and ALTER too, on a scratch
 * definition of the type. */
int mqsc_check_obj(struct cmd *c, const char *verb, int type, struct mqsc_out *o)
{
	if ((strcmp(verb, "DEFINE") && strcmp(verb, "ALTER")) || type >= MO_QUEUE)
		return MQSC_OK;
	struct objdef def;
	objdef_init_default(type, &def);
	int rc = MQSC_OK;
	if (type == OBJDEF_QMGR && mqsc_flag(c, "FORCE", o) < 0)
		return MQSC_SYNTAX;
	if (!strcmp(verb, "DEFINE")) {
		if (mqsc_flag(c, "REPLACE", o) < 0 || mqsc_flag(c, "NOREPLACE", o) < 0)
			return MQSC_SYNTAX;
		const char *like;
		rc = like_of(c, o, &like);
	}
	if (!rc)
		rc = mqsc_chl_check(c, verb, type, o);
	return rc ? rc : apply(c, &def, o);
}
