/*
 * mqsc_sub.c: subscriptions in MQSC (issue 14, part 3): DEFINE, ALTER,
 * DELETE and DISPLAY SUB, DISPLAY SBSTATUS, DISPLAY TPSTATUS TYPE(SUB) and
 * TYPE(PUB), and the DEFINE SUB lines dmpmqcfg writes.  What a subscription
 * is, and what the running queue manager does with these commands, is
 * qm/server/pubsub_admin.c's (reached through struct mqsc_runtime).
 *
 * Attributes (MQ's keywords and values):
 *   TOPICSTR, TOPICOBJ        the topic (DEFINE only; ALTER may repeat the same)
 *   DEST                      the queue of DESTCLAS(PROVIDED), the default
 *   DESTCLAS(MANAGED|PROVIDED)  DEFINE only
 *   DESTQMGR                  blank or this queue manager (no channels)
 *   USERDATA                  up to 10240 characters (the MQSubUserData property)
 *   PSPROP(NONE|COMPAT|RFH2|MSGPROP)  NONE: the publication's data alone;
 *                             the other three: the mqps MQRFH2 (Quire puts the
 *                             properties the one way, as MSGPROP; see qm/server)
 *   PUBPRTY(ASPUB|ASQDEF|0-9), REQONLY(NO|YES), VARUSER(ANY|FIXED),
 *   WSCHEMA(TOPIC|CHAR), SUBSCOPE(ALL|QMGR), SUBLEVEL(1-9),
 *   EXPIRY(UNLIMITED|1-999999999, tenths of a second: kept, not acted on),
 *   SUBUSER (12), PUBAPPID (32), PUBACCT and DESTCORL (hexadecimal, 64 and 48
 *   digits), SELECTOR (MQ's selection strings, qm/engine/selector.h: a fault
 *   is refused here; DEFINE only: ALTER to another is refused by the queue
 *   manager; SELTYPE shows STANDARD with one, NONE without), REPLACE/NOREPLACE.
 * Defaults as MQ's DEFINE SUB: DESTCLAS(PROVIDED), PSPROP(MSGPROP),
 * PUBPRTY(ASPUB), REQONLY(NO), VARUSER(ANY), WSCHEMA(TOPIC), SUBSCOPE(ALL),
 * SUBLEVEL(1), EXPIRY(UNLIMITED), SUBUSER the queue manager's user.
 * SUB names are any text of 1 to 10240 characters (quoted when not a plain
 * MQ name); DISPLAY takes a generic name ("*", "A*").
 *
 * DISPLAY SUB shows SUB and SUBID, and with ALL or named attributes:
 * TOPICSTR TOPICOBJ DISTYPE DEST DESTQMGR PUBAPPID SELECTOR SELTYPE USERDATA
 * PUBACCT DESTCORL DESTCLAS DURABLE EXPIRY PSPROP PUBPRTY REQONLY SUBSCOPE
 * SUBLEVEL SUBTYPE VARUSER WSCHEMA SUBUSER CRDATE CRTIME ALTDATE ALTTIME
 * (AMQ8096I each); DURABLE(YES|NO|ALL) and SUBTYPE(API|ADMIN|USER|ALL) with
 * a value filter (default ALL, USER).  DISPLAY SBSTATUS: SUB SUBID SUBUSER
 * RESMDATE RESMTIME LMSGDATE LMSGTIME ACTCONN DURABLE NUMMSGS SUBTYPE
 * (AMQ8099I), the status since the last start.  A name nothing matches:
 * AMQ8147E.
 */
#include "qm/admin/mqsc_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmqc.h"
#include "cmqcfc.h"
#include "objects/topictree.h"
#include "qm/engine/selector.h"
#include "qm/home/msgcat.h"
#include "qm/store/objstore.h"

void mqsc_subs_free(struct mqsc_sub *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free(v[i].name);
		free(v[i].topic);
		free(v[i].userdata);
		free(v[i].selector);
	}
	free(v);
}

void mqsc_pubs_free(struct mqsc_pub *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i].topic);
	free(v);
}

static void hex(char *out, const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02X", b[i]);
	out[2 * n] = 0;
}

static int unhex(const char *s, uint8_t *b, size_t n)
{
	if (strlen(s) != 2 * n)
		return -1;
	for (size_t i = 0; i < n; i++) {
		unsigned v;
		if (sscanf(s + 2 * i, "%2X", &v) != 1)
			return -1;
		b[i] = (uint8_t)v;
	}
	return 0;
}

/* ---- the items shown -------------------------------------------------------------- */

static const char *const sub_kws[] = {
	"TOPICSTR", "TOPICOBJ", "DISTYPE", "DEST", "DESTQMGR", "PUBAPPID", "SELECTOR", "SELTYPE", "USERDATA",
	"PUBACCT", "DESTCORL", "DESTCLAS", "DURABLE", "EXPIRY", "PSPROP", "PUBPRTY", "REQONLY", "SUBSCOPE",
	"SUBLEVEL", "SUBTYPE", "VARUSER", "WSCHEMA", "SUBUSER", "CRDATE", "CRTIME", "ALTDATE", "ALTTIME", NULL };
static const char *const sbs_kws[] = { "SUBUSER", "RESMDATE", "RESMTIME", "LMSGDATE", "LMSGTIME", "ACTCONN",
				       "DURABLE", "NUMMSGS", "SUBTYPE", NULL };

static int valid_sub(const char *kw) { return !strcmp(kw, "SUBID") || mqsc_kw_in(kw, sub_kws); }
static int valid_sbs(const char *kw) { return !strcmp(kw, "SUBID") || mqsc_kw_in(kw, sbs_kws); }

static const char *psprop_kw(int v)
{
	return v == MQPSPROP_NONE ? "NONE" : v == MQPSPROP_COMPAT ? "COMPAT" : v == MQPSPROP_RFH2 ? "RFH2" : "MSGPROP";
}

static void sub_items(const struct mqsc_sub *s, const char *qmname, struct items *it)
{
	char h[80], d[16], t[16];
	items_add(it, "SUB", "%s", s->name);
	hex(h, s->subid, 24);
	items_add(it, "SUBID", "%s", h);
	items_add(it, "TOPICSTR", "%s", s->topic);
	items_add(it, "TOPICOBJ", "%s", s->topicobj);
	items_add(it, "DISTYPE", "RESOLVED");
	items_add(it, "DEST", "%s", s->dest);
	items_add(it, "DESTQMGR", "%s", qmname);
	items_add(it, "PUBAPPID", "%s", s->applid);
	const char *sel = s->selector ? s->selector : "";
	items_add(it, "SELECTOR", "%s", sel);
	items_add(it, "SELTYPE", "%s", sel[0] ? "STANDARD" : "NONE");
	items_add(it, "USERDATA", "%s", s->userdata);
	hex(h, s->acct, 32);
	items_add(it, "PUBACCT", "%s", h);
	hex(h, s->correl, 24);
	items_add(it, "DESTCORL", "%s", h);
	items_add(it, "DESTCLAS", "%s", s->managed ? "MANAGED" : "PROVIDED");
	items_add(it, "DURABLE", "%s", s->durable ? "YES" : "NO");
	if (s->expiry == MQEI_UNLIMITED)
		items_add(it, "EXPIRY", "UNLIMITED");
	else
		items_add(it, "EXPIRY", "%d", (int)s->expiry);
	items_add(it, "PSPROP", "%s", psprop_kw(s->psprop));
	if (s->pubprty == MQPRI_PRIORITY_AS_PUBLISHED)
		items_add(it, "PUBPRTY", "ASPUB");
	else if (s->pubprty == MQPRI_PRIORITY_AS_Q_DEF)
		items_add(it, "PUBPRTY", "ASQDEF");
	else
		items_add(it, "PUBPRTY", "%d", (int)s->pubprty);
	items_add(it, "REQONLY", "%s", (s->options & MQSO_PUBLICATIONS_ON_REQUEST) ? "YES" : "NO");
	items_add(it, "SUBSCOPE", "%s", (s->options & MQSO_SCOPE_QMGR) ? "QMGR" : "ALL");
	items_add(it, "SUBLEVEL", "%d", (int)s->level);
	items_add(it, "SUBTYPE", "%s", s->subtype == MQSUBTYPE_ADMIN ? "ADMIN" : "API");
	items_add(it, "VARUSER", "%s", (s->options & MQSO_ANY_USERID) ? "ANY" : "FIXED");
	items_add(it, "WSCHEMA", "%s", (s->options & MQSO_WILDCARD_CHAR) ? "CHAR" : "TOPIC");
	items_add(it, "SUBUSER", "%s", s->user);
	mqsc_date_time(s->cr_ms, d, t);
	items_add(it, "CRDATE", "%s", d);
	items_add(it, "CRTIME", "%s", t);
	mqsc_date_time(s->alt_ms, d, t);
	items_add(it, "ALTDATE", "%s", d);
	items_add(it, "ALTTIME", "%s", t);
}

static void sbs_items(const struct mqsc_sub *s, struct items *it)
{
	char h[80], d[16], t[16];
	items_add(it, "SUB", "%s", s->name);
	hex(h, s->subid, 24);
	items_add(it, "SUBID", "%s", h);
	items_add(it, "SUBUSER", "%s", s->user);
	mqsc_date_time(s->resume_ms, d, t);
	items_add(it, "RESMDATE", "%s", d);
	items_add(it, "RESMTIME", "%s", t);
	mqsc_date_time(s->lmsg_ms, d, t);
	items_add(it, "LMSGDATE", "%s", d);
	items_add(it, "LMSGTIME", "%s", t);
	if (s->active)
		hex(h, s->conn + 16, 8);
	else
		memset(h, '0', 16), h[16] = 0;
	items_add(it, "ACTCONN", "%s", h);
	items_add(it, "DURABLE", "%s", s->durable ? "YES" : "NO");
	items_add(it, "NUMMSGS", "%lld", (long long)s->nummsgs);
	items_add(it, "SUBTYPE", "%s", s->subtype == MQSUBTYPE_ADMIN ? "ADMIN" : "API");
}

/* ---- DISPLAY SUB, DISPLAY SBSTATUS ------------------------------------------------------ */

static int display_subs(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, int type,
			const char *name, struct mqsc_out *o)
{
	int durable = -1, subtype = -2;   /* filters: ALL; USER (API and ADMIN) */
	struct word *w = mqsc_find(c, "DURABLE");
	if (w && w->val) {
		if (!strcmp(w->val, "YES"))
			durable = 1;
		else if (!strcmp(w->val, "NO"))
			durable = 0;
		else if (strcmp(w->val, "ALL"))
			return mqsc_syntax(o, "DURABLE must be YES, NO or ALL");
		w->used = 1;
	}
	w = mqsc_find(c, "SUBTYPE");
	if (w && w->val) {
		if (!strcmp(w->val, "API"))
			subtype = MQSUBTYPE_API;
		else if (!strcmp(w->val, "ADMIN"))
			subtype = MQSUBTYPE_ADMIN;
		else if (strcmp(w->val, "USER") && strcmp(w->val, "ALL") && strcmp(w->val, "PROXY"))
			return mqsc_syntax(o, "SUBTYPE must be API, ADMIN, PROXY, USER or ALL");
		else if (!strcmp(w->val, "PROXY"))
			subtype = 0;   /* Quire has no proxy subscriptions */
		w->used = 1;
	}
	struct display d;
	int rc = display_prepare(c, &d, type == MO_SBSTATUS, type == MO_SBSTATUS ? valid_sbs : valid_sub, o);
	if (rc)
		return rc;
	if (!rt || !rt->subs) {
		mqsc_say(o, AMQ_QMGR_NOT_AVAILABLE, os->qmgr.name);
		return MQSC_FAILED;
	}
	struct mqsc_sub *v;
	size_t n;
	if (rt->subs(rt->arg, &v, &n))
		return mqsc_oom(o);
	struct items it = { 0 };
	int found = 0;
	for (size_t i = 0; i < n; i++) {
		const struct mqsc_sub *s = &v[i];
		if (!mqsc_generic_match(name, s->name) || (durable >= 0 && s->durable != durable) ||
		    (subtype != -2 && s->subtype != subtype))
			continue;
		found++;
		items_reset(&it);
		if (type == MO_SBSTATUS)
			sbs_items(s, &it);
		else
			sub_items(s, os->qmgr.name, &it);
		if (it.oom)
			break;
		if (!display_match(&d, &it))
			continue;
		mqsc_say(o, type == MO_SBSTATUS ? AMQ_DISPLAY_SBSTATUS : AMQ_DISPLAY_SUB, NULL);
		display_show(&d, &it, 2, o);
	}
	int oom = it.oom;
	items_free(&it);
	mqsc_subs_free(v, n);
	if (oom)
		return mqsc_oom(o);
	if (!found) {
		mqsc_say(o, AMQ_OBJECT_NOT_FOUND, name);
		return MQSC_FAILED;
	}
	return MQSC_OK;
}

/* ---- DEFINE, ALTER, DELETE SUB ------------------------------------------------------------ */

/* One keyword's value among words, the enumerations: its index in vals (a
 * NULL-ended list), -1 when absent, -2 after a syntax error said. */
static int enum_of(struct cmd *c, const char *kw, const char *const *vals, struct mqsc_out *o)
{
	struct word *w = mqsc_find(c, kw);
	if (!w)
		return -1;
	w->used = 1;
	for (int i = 0; vals[i]; i++)
		if (w->val && !strcmp(w->val, vals[i]))
			return i;
	char list[128] = "";
	for (int i = 0; vals[i]; i++)
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? (vals[i + 1] ? ", " : " or ") : "",
			 vals[i]);
	mqsc_syntax(o, "%s must be %s", kw, list);
	return -2;
}

static const char *val_of(struct cmd *c, const char *kw)
{
	struct word *w = mqsc_find(c, kw);
	if (!w)
		return NULL;
	w->used = 1;
	return w->val ? w->val : "";
}

/* The command's attributes into s (which holds the defaults, or the
 * subscription's values for ALTER).  MQSC_OK or the syntax error said. */
static int sub_attrs(struct cmd *c, const char *verb, struct mqsc_sub *s, const char *qmname, struct mqsc_out *o,
		     int *topic_given)
{
	static const char *const yesno[] = { "NO", "YES", NULL };
	static const char *const dclas[] = { "MANAGED", "PROVIDED", NULL };
	static const char *const psp[] = { "NONE", "COMPAT", "RFH2", "MSGPROP", NULL };
	static const char *const vu[] = { "ANY", "FIXED", NULL };
	static const char *const ws[] = { "TOPIC", "CHAR", NULL };
	static const char *const sc[] = { "ALL", "QMGR", NULL };
	int define = !strcmp(verb, "DEFINE"), k;
	const char *v;
	*topic_given = 0;
	if ((v = val_of(c, "TOPICSTR"))) {
		if (strlen(v) > 10240)
			return mqsc_syntax(o, "TOPICSTR is at most 10240 characters");
		char *t = strdup(v);
		if (!t)
			return mqsc_oom(o);
		free(s->topic);
		s->topic = t;
		*topic_given = 1;
	}
	if ((v = val_of(c, "TOPICOBJ"))) {
		if (strlen(v) > 48)
			return mqsc_syntax(o, "TOPICOBJ is at most 48 characters");
		snprintf(s->topicobj, sizeof s->topicobj, "%s", v);
		*topic_given = 1;
	}
	if ((v = val_of(c, "DEST"))) {
		if (strlen(v) > 48)
			return mqsc_syntax(o, "DEST is at most 48 characters");
		snprintf(s->dest, sizeof s->dest, "%s", v);
	}
	if ((v = val_of(c, "DESTQMGR")) && v[0] && strcmp(v, qmname))
		return mqsc_syntax(o, "DESTQMGR must be blank or this queue manager, %s (there are no channels)", qmname);
	if ((k = enum_of(c, "DESTCLAS", dclas, o)) == -2)
		return MQSC_SYNTAX;
	if (k >= 0) {
		if (!define && (k == 0) != s->managed)
			return mqsc_syntax(o, "DESTCLAS cannot be altered");
		s->managed = k == 0;
	}
	if ((v = val_of(c, "USERDATA"))) {
		if (strlen(v) > 10240)
			return mqsc_syntax(o, "USERDATA is at most 10240 characters");
		char *u = strdup(v);
		if (!u)
			return mqsc_oom(o);
		free(s->userdata);
		s->userdata = u;
	}
	if ((k = enum_of(c, "PSPROP", psp, o)) == -2)
		return MQSC_SYNTAX;
	if (k >= 0)
		s->psprop = k == 0 ? MQPSPROP_NONE : k == 1 ? MQPSPROP_COMPAT : k == 2 ? MQPSPROP_RFH2 : MQPSPROP_MSGPROP;
	if ((v = val_of(c, "PUBPRTY"))) {
		if (!strcmp(v, "ASPUB"))
			s->pubprty = MQPRI_PRIORITY_AS_PUBLISHED;
		else if (!strcmp(v, "ASQDEF"))
			s->pubprty = MQPRI_PRIORITY_AS_Q_DEF;
		else if (strlen(v) == 1 && v[0] >= '0' && v[0] <= '9')
			s->pubprty = v[0] - '0';
		else
			return mqsc_syntax(o, "PUBPRTY must be ASPUB, ASQDEF or 0 to 9");
	}
	if ((k = enum_of(c, "REQONLY", yesno, o)) == -2)
		return MQSC_SYNTAX;
	if (k >= 0)
		s->options = k ? (s->options | MQSO_PUBLICATIONS_ON_REQUEST) : (s->options & ~MQSO_PUBLICATIONS_ON_REQUEST);
	if ((k = enum_of(c, "VARUSER", vu, o)) == -2)
		return MQSC_SYNTAX;
	if (k >= 0)
		s->options = k == 0 ? ((s->options | MQSO_ANY_USERID) & ~MQSO_FIXED_USERID)
				    : ((s->options | MQSO_FIXED_USERID) & ~MQSO_ANY_USERID);
	if ((k = enum_of(c, "WSCHEMA", ws, o)) == -2)
		return MQSC_SYNTAX;
	if (k >= 0)
		s->options = k ? ((s->options | MQSO_WILDCARD_CHAR) & ~MQSO_WILDCARD_TOPIC)
			       : ((s->options | MQSO_WILDCARD_TOPIC) & ~MQSO_WILDCARD_CHAR);
	if ((k = enum_of(c, "SUBSCOPE", sc, o)) == -2)
		return MQSC_SYNTAX;
	if (k >= 0)
		s->options = k ? (s->options | MQSO_SCOPE_QMGR) : (s->options & ~MQSO_SCOPE_QMGR);
	if ((v = val_of(c, "SUBLEVEL"))) {
		if (strlen(v) != 1 || v[0] < '1' || v[0] > '9')
			return mqsc_syntax(o, "SUBLEVEL must be 1 to 9");
		s->level = v[0] - '0';
	}
	if ((v = val_of(c, "EXPIRY"))) {
		char *e;
		long x = strtol(v, &e, 10);
		if (!strcmp(v, "UNLIMITED"))
			s->expiry = MQEI_UNLIMITED;
		else if (!*v || *e || x < 1 || x > 999999999)
			return mqsc_syntax(o, "EXPIRY must be UNLIMITED or 1 to 999999999");
		else
			s->expiry = (int32_t)x;
	}
	if ((v = val_of(c, "SUBUSER"))) {
		if (strlen(v) > 12)
			return mqsc_syntax(o, "SUBUSER is at most 12 characters");
		snprintf(s->user, sizeof s->user, "%s", v);
	}
	if ((v = val_of(c, "PUBAPPID"))) {
		if (strlen(v) > 32)
			return mqsc_syntax(o, "PUBAPPID is at most 32 characters");
		snprintf(s->applid, sizeof s->applid, "%s", v);
	}
	if ((v = val_of(c, "PUBACCT")) && unhex(v, s->acct, 32))
		return mqsc_syntax(o, "PUBACCT must be 64 hexadecimal digits");
	if ((v = val_of(c, "DESTCORL")) && unhex(v, s->correl, 24))
		return mqsc_syntax(o, "DESTCORL must be 48 hexadecimal digits");
	if ((v = val_of(c, "SELECTOR"))) {
		/* MQ's selector grammar (qm/engine/selector.h), checked here */
		struct sel *sl = NULL;
		size_t pos = 0;
		MQLONG rc = sel_compile(v, strlen(v), &sl, &pos);
		sel_free(sl);
		if (rc == MQRC_SELECTOR_SYNTAX_ERROR)
			return mqsc_syntax(o, "SELECTOR is not a valid selection string (at character %zu)", pos + 1);
		if (rc == MQRC_SELECTOR_ALWAYS_FALSE)
			return mqsc_syntax(o, "SELECTOR names no property and is FALSE for every message");
		if (rc)
			return mqsc_syntax(o, "SELECTOR is at most 10240 characters");
		char *d = strdup(v);
		if (!d)
			return mqsc_oom(o);
		free(s->selector);
		s->selector = d;
	}
	return MQSC_OK;
}

static int sub_change(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, const char *verb,
		      const char *name, struct mqsc_out *o)
{
	int define = !strcmp(verb, "DEFINE"), repl = 0, topic_given = 0;
	if (define) {
		int r1 = mqsc_flag(c, "REPLACE", o), r2 = mqsc_flag(c, "NOREPLACE", o);
		if (r1 < 0 || r2 < 0)
			return MQSC_SYNTAX;
		if (r1 && r2)
			return mqsc_syntax(o, "REPLACE and NOREPLACE together");
		repl = r1;
		if (mqsc_find(c, "LIKE"))
			return mqsc_syntax(o, "DEFINE SUB LIKE is not served (name the attributes)");
	}
	if (!rt || !rt->subs || !rt->sub_define) {
		mqsc_say(o, AMQ_QMGR_NOT_AVAILABLE, os->qmgr.name);
		return MQSC_FAILED;
	}
	struct mqsc_sub s;
	memset(&s, 0, sizeof s);
	struct mqsc_sub *v = NULL;
	size_t n = 0;
	if (rt->subs(rt->arg, &v, &n))
		return mqsc_oom(o);
	const struct mqsc_sub *old = NULL;
	for (size_t i = 0; i < n && !old; i++)
		if (!strcmp(v[i].name, name))
			old = &v[i];
	int rc = MQSC_OK;
	if (old && define && !repl) {
		mqsc_subs_free(v, n);
		mqsc_say(o, AMQ_OBJECT_EXISTS, name);
		return MQSC_FAILED;
	}
	if (old && (!define || repl)) {
		/* ALTER, or REPLACE: from what it is */
		s = *old;
		s.name = strdup(old->name);
		s.topic = strdup(old->topic);
		s.userdata = strdup(old->userdata);
		s.selector = strdup(old->selector ? old->selector : "");
	} else {
		s.name = strdup(name);
		s.topic = strdup("");
		s.userdata = strdup("");
		s.selector = strdup("");
		s.psprop = MQPSPROP_MSGPROP;
		s.pubprty = MQPRI_PRIORITY_AS_PUBLISHED;
		s.options = MQSO_ANY_USERID | MQSO_WILDCARD_TOPIC;
		s.level = 1;
		s.expiry = MQEI_UNLIMITED;
		s.durable = 1;
		s.subtype = MQSUBTYPE_ADMIN;
	}
	char *old_topic = old ? strdup(old->topic) : NULL;
	mqsc_subs_free(v, n);
	if (!s.name || !s.topic || !s.userdata || !s.selector || (old && !old_topic)) {
		rc = mqsc_oom(o);
		goto out;
	}
	if ((rc = sub_attrs(c, verb, &s, os->qmgr.name, o, &topic_given)) || (rc = mqsc_rest_unused(c, verb, o)))
		goto out;
	if (!old && !define) {
		mqsc_say(o, AMQ_OBJECT_NOT_FOUND, name);
		rc = MQSC_FAILED;
		goto out;
	}

	if (old_topic && topic_given) {
		/* ALTER names the topic again: it must be the same (TOPICOBJ's
		 * string and TOPICSTR as given are compared by the runtime) */
		if (strcmp(s.topic, old_topic) != 0 && !s.topicobj[0]) {
			rc = mqsc_syntax(o, "TOPICSTR cannot be altered");
			goto out;
		}
		free(s.topic);
		s.topic = old_topic;
		old_topic = NULL;
	}
	if (!old_topic && !old && !s.topic[0] && !s.topicobj[0]) {
		rc = mqsc_syntax(o, "DEFINE SUB needs TOPICSTR or TOPICOBJ");
		goto out;
	}
	if (!old && !s.managed && !s.dest[0]) {
		rc = mqsc_syntax(o, "DESTCLAS(PROVIDED) needs DEST");
		goto out;
	}
	char err[512];
	int id = rt->sub_define(rt->arg, &s, old ? (define ? 1 : 2) : 0, err, sizeof err);
	if (id) {
		mqsc_say(o, id, err[0] ? err : name);
		rc = MQSC_FAILED;
		goto out;
	}
	mqsc_say(o, old ? AMQ_SUB_CHANGED : AMQ_SUB_CREATED, name);
out:
	free(old_topic);
	free(s.name);
	free(s.topic);
	free(s.userdata);
	free(s.selector);
	return rc;
}

int mqsc_exec_sub(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, const char *verb, int type,
		  const char *name, struct mqsc_out *o)
{
	if (strlen(name) > 10240)
		return mqsc_syntax(o, "a subscription name is at most 10240 characters");
	if (!strcmp(verb, "DISPLAY"))
		return display_subs(os, rt, c, type, name, o);
	if (!strcmp(verb, "DELETE")) {
		int rc = mqsc_rest_unused(c, "DELETE SUB", o);
		if (rc)
			return rc;
		if (!rt || !rt->sub_delete) {
			mqsc_say(o, AMQ_QMGR_NOT_AVAILABLE, os->qmgr.name);
			return MQSC_FAILED;
		}
		int id = rt->sub_delete(rt->arg, name);
		mqsc_say(o, id ? id : AMQ_SUB_DELETED, name);
		return id ? MQSC_FAILED : MQSC_OK;
	}
	return sub_change(os, rt, c, verb, name, o);
}

/* ---- DISPLAY TPSTATUS TYPE(SUB|PUB) -------------------------------------------------------- */

static const char *const tps_sub_kws[] = { "SUBID", "SUBUSER", "RESMDATE", "RESMTIME", "LMSGDATE", "LMSGTIME",
					   "ACTCONN", "DURABLE", "SUBTYPE", "NUMMSGS", NULL };
static const char *const tps_pub_kws[] = { "LPUBDATE", "LPUBTIME", "ACTCONN", "NUMPUBS", NULL };
static int valid_tps_sub(const char *kw) { return !strcmp(kw, "TOPICSTR") || mqsc_kw_in(kw, tps_sub_kws); }
static int valid_tps_pub(const char *kw) { return !strcmp(kw, "TOPICSTR") || mqsc_kw_in(kw, tps_pub_kws); }

int mqsc_tpstatus_subpub(const struct mqsc_runtime *rt, struct cmd *c, const char *str, int pub,
			 struct mqsc_out *o, const char *qmname)
{
	struct display d;
	int rc = display_prepare(c, &d, 1, pub ? valid_tps_pub : valid_tps_sub, o);
	if (rc)
		return rc;
	if (!rt || !rt->subs || !rt->pubs) {
		mqsc_say(o, AMQ_QMGR_NOT_AVAILABLE, qmname);
		return MQSC_FAILED;
	}
	struct items it = { 0 };
	int found = 0;
	char h[64], dd[16], tt[16];
	if (pub) {
		struct mqsc_pub *v;
		size_t n;
		if (rt->pubs(rt->arg, &v, &n))
			return mqsc_oom(o);
		for (size_t i = 0; i < n; i++) {
			if (strcmp(v[i].topic, str) && !topictree_match(str, v[i].topic))
				continue;
			found++;
			items_reset(&it);
			items_add(&it, "TOPICSTR", "%s", v[i].topic);
			mqsc_date_time(v[i].lpub_ms, dd, tt);
			items_add(&it, "LPUBDATE", "%s", dd);
			items_add(&it, "LPUBTIME", "%s", tt);
			hex(h, v[i].conn + 16, 8);
			items_add(&it, "ACTCONN", "%s", h);
			items_add(&it, "NUMPUBS", "%lld", (long long)v[i].npubs);
			if (!it.oom && display_match(&d, &it)) {
				mqsc_say(o, AMQ_DISPLAY_TPSTATUS, NULL);
				display_show(&d, &it, 1, o);
			}
		}
		mqsc_pubs_free(v, n);
	} else {
		struct mqsc_sub *v;
		size_t n;
		if (rt->subs(rt->arg, &v, &n))
			return mqsc_oom(o);
		for (size_t i = 0; i < n; i++) {
			/* the subscriptions made on this topic string (a wildcard one's
			 * own string), or on those a wildcard in str matches */
			if (strcmp(v[i].topic, str) && !topictree_match(str, v[i].topic))
				continue;
			found++;
			items_reset(&it);
			items_add(&it, "TOPICSTR", "%s", v[i].topic);
			struct items x = { 0 };
			sbs_items(&v[i], &x);
			for (const char *const *k = tps_sub_kws; *k; k++) {
				const struct item *y = items_get(&x, *k);
				if (y)
					items_add(&it, *k, "%s", y->val);
			}
			it.oom |= x.oom;
			items_free(&x);
			if (!it.oom && display_match(&d, &it)) {
				mqsc_say(o, AMQ_DISPLAY_TPSTATUS, NULL);
				display_show(&d, &it, 1, o);
			}
		}
		mqsc_subs_free(v, n);
	}
	int oom = it.oom;
	items_free(&it);
	if (oom)
		return mqsc_oom(o);
	if (!found) {
		mqsc_say(o, AMQ_OBJECT_NOT_FOUND, str);
		return MQSC_FAILED;
	}
	return MQSC_OK;
}

/* ---- dmpmqcfg --------------------------------------------------------------------------------- */

/* MQSC's quoting of a value: in quotes, a quote doubled. */
static void quoted(char **b, size_t *n, size_t *cap, const char *kw, const char *v, int *bad)
{
	size_t need = strlen(kw) + 2 * strlen(v) + 8;
	if (*n + need > *cap) {
		size_t nc = (*cap ? *cap : 256) * 2 + need;
		char *x = realloc(*b, nc);
		if (!x) {
			*bad = 1;
			return;
		}
		*b = x;
		*cap = nc;
	}
	*n += (size_t)sprintf(*b + *n, " %s('", kw);
	for (const char *p = v; *p; p++) {
		if (*p == '\'')
			(*b)[(*n)++] = '\'';
		(*b)[(*n)++] = *p;
	}
	*n += (size_t)sprintf(*b + *n, "')");
}

/* A keyword with a plain value (an enumeration or a number). */
static void plain(char **b, size_t *n, size_t *cap, const char *kw, const char *v, int *bad)
{
	size_t need = strlen(kw) + strlen(v) + 4;
	if (*bad)
		return;
	if (*n + need > *cap) {
		size_t nc = (*cap ? *cap : 256) * 2 + need;
		char *x = realloc(*b, nc);
		if (!x) {
			*bad = 1;
			return;
		}
		*b = x;
		*cap = nc;
	}
	*n += (size_t)sprintf(*b + *n, " %s(%s)", kw, v);
}

char *mqsc_sub_define_text(const struct mqsc_sub *s)
{
	char *b = NULL, h[80];
	size_t n = 0, cap = 0;
	int bad = 0;
	/* the resolved topic string alone: TOPICOBJ would be joined to it again */
	quoted(&b, &n, &cap, "DEFINE SUB", s->name, &bad);
	quoted(&b, &n, &cap, "TOPICSTR", s->topic, &bad);
	if (!s->managed)
		quoted(&b, &n, &cap, "DEST", s->dest, &bad);
	plain(&b, &n, &cap, "DESTCLAS", s->managed ? "MANAGED" : "PROVIDED", &bad);
	quoted(&b, &n, &cap, "USERDATA", s->userdata, &bad);
	if (s->selector && s->selector[0])
		quoted(&b, &n, &cap, "SELECTOR", s->selector, &bad);
	plain(&b, &n, &cap, "PSPROP", psprop_kw(s->psprop), &bad);
	snprintf(h, sizeof h, "%d", (int)s->pubprty);
	plain(&b, &n, &cap, "PUBPRTY",
	      s->pubprty == MQPRI_PRIORITY_AS_PUBLISHED ? "ASPUB" : s->pubprty == MQPRI_PRIORITY_AS_Q_DEF ? "ASQDEF" : h,
	      &bad);
	plain(&b, &n, &cap, "REQONLY", (s->options & MQSO_PUBLICATIONS_ON_REQUEST) ? "YES" : "NO", &bad);
	plain(&b, &n, &cap, "VARUSER", (s->options & MQSO_ANY_USERID) ? "ANY" : "FIXED", &bad);
	plain(&b, &n, &cap, "WSCHEMA", (s->options & MQSO_WILDCARD_CHAR) ? "CHAR" : "TOPIC", &bad);
	plain(&b, &n, &cap, "SUBSCOPE", (s->options & MQSO_SCOPE_QMGR) ? "QMGR" : "ALL", &bad);
	snprintf(h, sizeof h, "%d", (int)s->level);
	plain(&b, &n, &cap, "SUBLEVEL", h, &bad);
	snprintf(h, sizeof h, "%d", (int)s->expiry);
	plain(&b, &n, &cap, "EXPIRY", s->expiry == MQEI_UNLIMITED ? "UNLIMITED" : h, &bad);
	quoted(&b, &n, &cap, "SUBUSER", s->user, &bad);
	quoted(&b, &n, &cap, "PUBAPPID", s->applid, &bad);
	hex(h, s->acct, 32);
	plain(&b, &n, &cap, "PUBACCT", h, &bad);
	hex(h, s->correl, 24);
	plain(&b, &n, &cap, "DESTCORL", h, &bad);
	if (bad) {
		free(b);
		return NULL;
	}
	size_t l = strlen(b);
	char *r = realloc(b, l + 9);
	if (!r) {
		free(b);
		return NULL;
	}
	strcpy(r + l, " REPLACE");
	memmove(r, r + 1, l + 8);   /* the leading blank goes */
	return r;
}
