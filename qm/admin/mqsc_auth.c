/*
 * mqsc_auth.c: the authority manager's MQSC commands (issue 15):
 *
 *   SET AUTHREC [PROFILE(p)] OBJTYPE(t) PRINCIPAL(u) | GROUP(g) [AUTHADD(list)] [AUTHRMV(list)] [SERVCOMP(s)]
 *   DELETE AUTHREC [PROFILE(p)] OBJTYPE(t) PRINCIPAL(u) | GROUP(g) [SERVCOMP(s)]
 *   DISPLAY AUTHREC [PROFILE(p)] [OBJTYPE(t)] [PRINCIPAL(u) | GROUP(g)] [MATCH(PROFILE|EXACT|MEMBERSHIP)]
 *                   [SERVCOMP(s)] [ALL | AUTHLIST | ENTITY | ENTTYPE]
 *   DISPLAY ENTAUTH OBJNAME(n) OBJTYPE(t) PRINCIPAL(u) | GROUP(g) [SERVCOMP(s)] [ALL | AUTHLIST]
 * (REFRESH SECURITY is mqsc_status.c's: TYPE(AUTHSERV), the default, flushes
 * the authority manager's group membership cache, oam_srv.c oam_refresh.)
 *
 * OBJTYPE: AUTHINFO, CHANNEL, CLNTCONN, COMMINFO, LISTENER, NAMELIST,
 * PROCESS, QUEUE, QMGR, RQMNAME, SERVICE, TOPIC (qm/admin/oam.c).  PROFILE
 * is an object name or a generic profile (oam.h's wildcards); for QMGR it is
 * left out (or the queue manager's own name).  The authorities (AUTHADD,
 * AUTHRMV): ALL, ALLADM, ALLMQI, NONE, ALTUSR, BROWSE, CHG, CLR, CONNECT,
 * CRT, CTRL, CTRLX, DLT, DSP, GET, INQ, PASSALL, PASSID, PUB, PUT, RESUME,
 * SET, SETALL, SETID, SUB, SYSTEM; each must be one the type takes (AMQ7097E),
 * ALL, ALLADM and ALLMQI meaning those of the group the type takes.
 * AUTHRMV is applied after AUTHADD.  The principal or group must exist in
 * the operating system (AMQ7026E).  Under SecurityPolicy group (MQ's
 * default on Linux), PRINCIPAL stands for the principal's primary group,
 * as MQ's OAM does: SET and DELETE change that group's record, DISPLAY shows
 * the records of the principal's groups.  SET AUTHREC of a plain profile
 * (not generic) needs the object to exist, as MQ's setmqaut does
 * (AMQ8147E; setmqaut exits 133); DELETE does not (the object may be gone).
 *
 * DISPLAY AUTHREC's MATCH: PROFILE (the default) shows the records whose
 * profile is PROFILE or a generic profile that matches it (a generic PROFILE
 * matches itself only), EXACT only PROFILE itself, MEMBERSHIP (with
 * PRINCIPAL) the records of the principal and of every group it is in.  One
 * AMQ8864I block per record: PROFILE, ENTITY, ENTTYPE, OBJTYPE, AUTHLIST.
 * DISPLAY ENTAUTH shows the authority the entity has on the object from
 * every record that applies (AMQ8865I): all the type takes for an
 * administrator or group mqm.
 *
 * The records are the running queue manager's (struct mqsc_runtime's oam,
 * authrec, entauth: qm/server/oam_srv.c); without one,
 * AMQ8146E (the queue manager is not available).
 */
#include "qm/admin/mqsc_int.h"
#include "qm/admin/oam.h"

#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmqc.h"
#include "cmqzc.h"
#include "qm/store/objstore.h"
#include "qm/home/msgcat.h"

static int say_err(struct mqsc_out *o, int id, const char *ins)
{
	mqsc_say(o, id, ins);
	return MQSC_FAILED;
}

/* The AUTHADD or AUTHRMV list of type t into *mask (0, or an error said). */
static int auth_list(const char *val, int32_t t, uint32_t *mask, struct mqsc_out *o)
{
	*mask = 0;
	char buf[1024];
	snprintf(buf, sizeof buf, "%s", val);
	uint32_t valid = oam_type_auths(t);
	for (char *save = NULL, *w = strtok_r(buf, ", ", &save); w; w = strtok_r(NULL, ", ", &save)) {
		int64_t a = oam_auth_of(w);
		if (a < 0) {
			char ins[128];
			snprintf(ins, sizeof ins, "%s is not an authority", w);
			return say_err(o, AMQ_OAM_BAD_AUTH, ins);
		}
		int group = !strcasecmp(w, "all") || !strcasecmp(w, "alladm") || !strcasecmp(w, "allmqi");
		if (!group && (uint32_t)a & ~valid) {
			char ins[160];
			snprintf(ins, sizeof ins, "%s is not an authority of object type %s", w, oam_type_mqsc(t));
			return say_err(o, AMQ_OAM_BAD_AUTH, ins);
		}
		*mask |= (uint32_t)a & valid;
	}
	return MQSC_OK;
}

/* The words every AUTHREC command shares. */
struct areq {
	int32_t objtype;
	int32_t enttype;          /* 0: none given */
	char entity[OAM_ENTITY_SIZE];
	char profile[OAM_PROFILE_SIZE];
	int have_profile;
};

static int read_common(struct objstore *os, struct cmd *c, struct areq *r, int need_type, int need_entity,
		       struct mqsc_out *o)
{
	memset(r, 0, sizeof *r);
	struct word *w;
	if ((w = mqsc_find(c, "OBJTYPE"))) {
		w->used = 1;
		if (!w->val || !(r->objtype = oam_type_of(w->val)))
			return mqsc_syntax(o, "OBJTYPE(%s) is not an object type of authority records",
					   w->val ? w->val : "");
	} else if (need_type) {
		return mqsc_syntax(o, "OBJTYPE is required");
	}
	struct word *p = mqsc_find(c, "PRINCIPAL"), *g = mqsc_find(c, "GROUP");
	if (p && g)
		return mqsc_syntax(o, "PRINCIPAL and GROUP cannot both be given");
	if ((w = p ? p : g)) {
		w->used = 1;
		if (!w->val || !w->val[0] || strlen(w->val) >= OAM_ENTITY_SIZE)
			return mqsc_syntax(o, "%s needs a name of 1 to %d characters", w->kw, OAM_ENTITY_SIZE - 1);
		r->enttype = p ? MQZAET_PRINCIPAL : MQZAET_GROUP;
		snprintf(r->entity, sizeof r->entity, "%s", w->val);
	} else if (need_entity) {
		return mqsc_syntax(o, "PRINCIPAL or GROUP is required");
	}
	if ((w = mqsc_find(c, "SERVCOMP"))) {
		w->used = 1;   /* one authorization service: any name is it */
	}
	if ((w = mqsc_find(c, "PROFILE"))) {
		w->used = 1;
		if (!w->val)
			return mqsc_syntax(o, "PROFILE needs a value");
		char why[200];
		if (r->objtype == MQOT_Q_MGR && strcmp(w->val, os->qmgr.name))
			return mqsc_syntax(o, "the profile of OBJTYPE(QMGR) is the queue manager's name, %s", os->qmgr.name);
		if (oam_profile_check(r->objtype, w->val, why, sizeof why))
			return mqsc_syntax(o, "%s", why);
		snprintf(r->profile, sizeof r->profile, "%s", w->val);
		r->have_profile = 1;
	} else if (r->objtype == MQOT_Q_MGR) {
		snprintf(r->profile, sizeof r->profile, "%s", os->qmgr.name);
		r->have_profile = 1;
	}
	return MQSC_OK;
}

/* The entity exists in the operating system? */
static int entity_known(int32_t enttype, const char *name)
{
	char buf[16384];
	if (enttype == MQZAET_PRINCIPAL) {
		struct passwd pw, *pp = NULL;
		return !getpwnam_r(name, &pw, buf, sizeof buf, &pp) && pp;
	}
	struct group gr, *gp = NULL;
	return !getgrnam_r(name, &gr, buf, sizeof buf, &gp) && gp;
}

/* Under the group policy a principal's record is its primary group's. */
static void policy_entity(const struct mqsc_runtime *rt, struct oam *t, struct areq *r)
{
	if (r->enttype == MQZAET_PRINCIPAL && !rt->oam_user_policy) {
		const char *g = oam_primary_group(t, r->entity);
		if (g[0]) {
			snprintf(r->entity, sizeof r->entity, "%s", g);
			r->enttype = MQZAET_GROUP;
		}
	}
}

/* Does the object a plain profile names exist (SET AUTHREC of a name, as
 * MQ's setmqaut, needs the object; a generic profile does not)?  Types
 * Quire has no objects of (namelist, service, comminfo, clntconn, rqmname)
 * are taken as they are. */
static int object_known(struct objstore *os, int32_t objtype, const char *name)
{
	switch (objtype) {
	case MQOT_Q:
		return objcat_find(&os->cat, OBJDEF_QLOCAL, name) || objcat_find(&os->cat, OBJDEF_QALIAS, name) ||
		       objcat_find(&os->cat, OBJDEF_QMODEL, name);
	case MQOT_PROCESS:
		return objcat_find(&os->cat, OBJDEF_PROCESS, name) != NULL;
	case MQOT_TOPIC:
		return objcat_find(&os->cat, OBJDEF_TOPIC, name) != NULL;
	case MQOT_CHANNEL:
		return objcat_find(&os->cat, OBJDEF_CHANNEL, name) != NULL;
	case MQOT_LISTENER:
		return objcat_find(&os->cat, OBJDEF_LISTENER, name) != NULL;
	case MQOT_AUTH_INFO:
		return objcat_find(&os->cat, OBJDEF_AUTHINFO, name) != NULL;
	default:
		return 1;
	}
}

static int no_runtime(struct objstore *os, struct mqsc_out *o)
{
	return say_err(o, AMQ_QMGR_NOT_AVAILABLE, os->qmgr.name);
}

static int exec_set_delete(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, int del,
			   struct mqsc_out *o)
{
	struct areq r;
	int rc = read_common(os, c, &r, 1, 1, o);
	if (rc)
		return rc;
	if (!r.have_profile)
		return mqsc_syntax(o, "PROFILE is required");
	uint32_t add = 0, rmv = 0;
	struct word *wa = del ? NULL : mqsc_find(c, "AUTHADD"), *wr = del ? NULL : mqsc_find(c, "AUTHRMV");
	if (wa) {
		wa->used = 1;
		if (!wa->val || (rc = auth_list(wa->val, r.objtype, &add, o)))
			return wa->val ? rc : mqsc_syntax(o, "AUTHADD needs a list of authorities");
	}
	if (wr) {
		wr->used = 1;
		if (!wr->val || (rc = auth_list(wr->val, r.objtype, &rmv, o)))
			return wr->val ? rc : mqsc_syntax(o, "AUTHRMV needs a list of authorities");
	}
	if ((rc = mqsc_rest_unused(c, del ? "DELETE AUTHREC" : "SET AUTHREC", o)))
		return rc;
	if (!rt || !rt->oam || !rt->authrec)
		return no_runtime(os, o);
	struct oam *t = rt->oam(rt->arg);
	if (!t)
		return say_err(o, AMQ_QUIRE_ERROR, "the authority records on SYSTEM.AUTH.DATA.QUEUE cannot be read");
	if (!entity_known(r.enttype, r.entity))
		return say_err(o, AMQ_OAM_BAD_ENTITY, r.entity);
	policy_entity(rt, t, &r);
	struct oam_rec rec;
	memset(&rec, 0, sizeof rec);
	rec.objtype = r.objtype;
	rec.enttype = r.enttype;
	snprintf(rec.entity, sizeof rec.entity, "%s", r.entity);
	snprintf(rec.profile, sizeof rec.profile, "%s", r.profile);
	const struct oam_rec *old = oam_find(t, r.objtype, r.enttype, r.entity, r.profile);
	if (del && !old) {
		char ins[200];
		snprintf(ins, sizeof ins, "profile %s, type %s, %s %s", r.profile, oam_type_mqsc(r.objtype),
			 r.enttype == MQZAET_GROUP ? "group" : "principal", r.entity);
		return say_err(o, AMQ_OAM_NOT_FOUND, ins);
	}
	if (!del && !oam_is_generic(r.profile) && !object_known(os, r.objtype, r.profile))
		return say_err(o, AMQ_OBJECT_NOT_FOUND, r.profile);
	rec.auth = ((old ? old->auth : 0) | add) & ~rmv;
	int id = rt->authrec(rt->arg, &rec, del);
	if (id)
		return say_err(o, id, "the authority record could not be written");
	mqsc_say(o, del ? AMQ_OAM_DELETED : AMQ_OAM_SET, NULL);
	return MQSC_OK;
}

static const char *const authrec_kw[] = { "PROFILE", "ENTITY", "ENTTYPE", "OBJTYPE", "AUTHLIST", NULL };

static int valid_authrec_kw(const char *kw)
{
	return mqsc_kw_in(kw, authrec_kw);
}

static const char *const entauth_kw[] = { "ENTITY", "ENTTYPE", "OBJNAME", "OBJTYPE", "AUTHLIST", NULL };

static int valid_entauth_kw(const char *kw)
{
	return mqsc_kw_in(kw, entauth_kw);
}

struct show {
	const struct areq *r;
	int match;                   /* 0 PROFILE, 1 EXACT, 2 MEMBERSHIP */
	const char *const *groups;   /* the principal's groups (group policy, or MEMBERSHIP) */
	size_t ngroups;
	int principal_too;
	const struct oam_rec **v;
	size_t n, cap;
	int oom;
};

static int pick(const struct oam_rec *x, void *arg)
{
	struct show *s = arg;
	const struct areq *r = s->r;
	if (r->objtype && x->objtype != r->objtype)
		return 0;
	if (r->have_profile) {
		if (s->match == 1 || oam_is_generic(r->profile)) {
			if (strcmp(x->profile, r->profile))
				return 0;
		} else if (!oam_match(x->profile, r->profile)) {
			return 0;
		}
	}
	if (r->enttype) {
		int ok = 0;
		if (s->groups || s->principal_too) {
			if (x->enttype == MQZAET_PRINCIPAL)
				ok = s->principal_too && !strcmp(x->entity, r->entity);
			else
				for (size_t i = 0; i < s->ngroups && !ok; i++)
					ok = !strcmp(x->entity, s->groups[i]);
		} else {
			ok = x->enttype == r->enttype && !strcmp(x->entity, r->entity);
		}
		if (!ok)
			return 0;
	}
	if (s->n == s->cap) {
		size_t nc = s->cap ? 2 * s->cap : 32;
		const struct oam_rec **nv = realloc(s->v, nc * sizeof *nv);
		if (!nv) {
			s->oom = 1;
			return 1;
		}
		s->v = nv;
		s->cap = nc;
	}
	s->v[s->n++] = x;
	return 0;
}

static int rec_order(const void *a, const void *b)
{
	const struct oam_rec *x = *(const struct oam_rec *const *)a, *y = *(const struct oam_rec *const *)b;
	int k = strcmp(x->profile, y->profile);
	if (!k)
		k = x->objtype - y->objtype;
	if (!k)
		k = x->enttype - y->enttype;
	if (!k)
		k = strcmp(x->entity, y->entity);
	return k;
}

static int exec_display_authrec(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c,
				struct mqsc_out *o)
{
	struct areq r;
	int rc = read_common(os, c, &r, 0, 0, o);
	if (rc)
		return rc;
	struct show s;
	memset(&s, 0, sizeof s);
	s.r = &r;
	struct word *w = mqsc_find(c, "MATCH");
	if (w) {
		w->used = 1;
		if (w->val && !strcmp(w->val, "PROFILE"))
			s.match = 0;
		else if (w->val && !strcmp(w->val, "EXACT"))
			s.match = 1;
		else if (w->val && !strcmp(w->val, "MEMBERSHIP"))
			s.match = 2;
		else
			return mqsc_syntax(o, "MATCH takes PROFILE, EXACT or MEMBERSHIP");
		if (s.match == 2 && r.enttype != MQZAET_PRINCIPAL)
			return mqsc_syntax(o, "MATCH(MEMBERSHIP) needs PRINCIPAL");
	}
	struct display d;
	if ((rc = display_prepare(c, &d, 1, valid_authrec_kw, o)))
		return rc;
	if (!rt || !rt->oam)
		return no_runtime(os, o);
	struct oam *t = rt->oam(rt->arg);
	if (!t)
		return say_err(o, AMQ_QUIRE_ERROR, "the authority records on SYSTEM.AUTH.DATA.QUEUE cannot be read");
	if (r.enttype && !entity_known(r.enttype, r.entity))
		return say_err(o, AMQ_OAM_BAD_ENTITY, r.entity);
	if (r.enttype == MQZAET_PRINCIPAL && (s.match == 2 || !rt->oam_user_policy)) {
		s.groups = oam_groups(t, r.entity, &s.ngroups);
		s.principal_too = 1;
		if (!s.groups) {
			static const char *const none[] = { NULL };
			s.groups = none;
		}
	}
	oam_each(t, pick, &s);
	if (s.oom) {
		free(s.v);
		return mqsc_oom(o);
	}
	if (s.n > 1)   /* s.v is NULL when no record matched */
		qsort(s.v, s.n, sizeof *s.v, rec_order);
	struct items it = { 0 };
	for (size_t i = 0; i < s.n; i++) {
		const struct oam_rec *x = s.v[i];
		char words[512];
		oam_auth_words(x->auth, 1, ",", words, sizeof words);
		items_reset(&it);
		items_add(&it, "PROFILE", "%s", x->profile);
		items_add(&it, "ENTITY", "%s", x->entity);
		items_add(&it, "ENTTYPE", "%s", x->enttype == MQZAET_GROUP ? "GROUP" : "PRINCIPAL");
		items_add(&it, "OBJTYPE", "%s", oam_type_mqsc(x->objtype));
		items_add(&it, "AUTHLIST", "%s", words);
		if (it.oom)
			break;
		if (!display_match(&d, &it))
			continue;
		mqsc_say(o, AMQ_OAM_DISPLAY, NULL);
		display_show(&d, &it, 4, o);
	}
	int oom = it.oom;
	items_free(&it);
	free(s.v);
	if (oom)
		return mqsc_oom(o);
	if (!s.n && r.have_profile)
		return say_err(o, AMQ_OBJECT_NOT_FOUND, r.profile);
	return MQSC_OK;
}

static int exec_display_entauth(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c,
				struct mqsc_out *o)
{
	struct areq r;
	int rc = read_common(os, c, &r, 1, 1, o);
	if (rc)
		return rc;
	if (r.have_profile && r.objtype != MQOT_Q_MGR)
		return mqsc_syntax(o, "DISPLAY ENTAUTH takes OBJNAME, not PROFILE");
	struct word *w = mqsc_find(c, "OBJNAME");
	char name[OAM_PROFILE_SIZE];
	if (w) {
		w->used = 1;
		if (!w->val || !w->val[0] || strlen(w->val) >= sizeof name || oam_is_generic(w->val))
			return mqsc_syntax(o, "OBJNAME needs an object name (no wildcard)");
		snprintf(name, sizeof name, "%s", w->val);
	} else if (r.objtype == MQOT_Q_MGR) {
		snprintf(name, sizeof name, "%s", os->qmgr.name);
	} else {
		return mqsc_syntax(o, "OBJNAME is required");
	}
	struct display d;
	if ((rc = display_prepare(c, &d, 1, valid_entauth_kw, o)))
		return rc;
	if (!rt || !rt->entauth)
		return no_runtime(os, o);
	if (!entity_known(r.enttype, r.entity))
		return say_err(o, AMQ_OAM_BAD_ENTITY, r.entity);
	uint32_t a = rt->entauth(rt->arg, r.objtype, name, r.enttype, r.entity) & oam_type_auths(r.objtype);
	char words[512];
	oam_auth_words(a, 1, ",", words, sizeof words);
	struct items it = { 0 };
	items_add(&it, "ENTITY", "%s", r.entity);
	items_add(&it, "ENTTYPE", "%s", r.enttype == MQZAET_GROUP ? "GROUP" : "PRINCIPAL");
	items_add(&it, "OBJNAME", "%s", name);
	items_add(&it, "OBJTYPE", "%s", oam_type_mqsc(r.objtype));
	items_add(&it, "AUTHLIST", "%s", words);
	if (it.oom) {
		items_free(&it);
		return mqsc_oom(o);
	}
	mqsc_say(o, AMQ_OAM_ENTAUTH, NULL);
	display_show(&d, &it, 4, o);
	items_free(&it);
	return MQSC_OK;
}

int mqsc_exec_auth(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, const char *verb, int type,
		   struct mqsc_out *o)
{
	if (type == MO_ENTAUTH)
		return exec_display_entauth(os, rt, c, o);
	if (!strcmp(verb, "DISPLAY"))
		return exec_display_authrec(os, rt, c, o);
	return exec_set_delete(os, rt, c, !strcmp(verb, "DELETE"), o);
}
