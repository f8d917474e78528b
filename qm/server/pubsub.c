/*
 * pubsub.c: publish/subscribe through the MQI (issue 14): topic strings,
 * MQOPEN of a topic for output, MQSUB (non-durable subscriptions), MQCLOSE of
 * a subscription handle, and the subscriptions a connection leaves behind.
 * Publishing (MQPUT/MQPUT1 to a topic handle) is pubsub_put.c.
 *
 * Where subscriptions live: in memory, a list in struct qm (qm->subs), each a
 * struct ps_sub (pubsub.h).  A non-durable subscription lives as long as its
 * subscription handle (Hsub): MQCLOSE of it (MQCO_NONE or MQCO_REMOVE_SUB),
 * MQDISC, or the end of its process removes it and its managed queue.
 * Nothing of a non-durable subscription is logged: none survives a restart.
 * A durable one (MQSO_DURABLE) is also a persistent record on
 * SYSTEM.DURABLE.SUBSCRIBER.QUEUE (pubsub_dur.c), written before MQSUB
 * answers and removed before MQCLOSE with MQCO_REMOVE_SUB answers; it stays
 * when its handle closes otherwise (MQCO_NONE, MQCO_KEEP_SUB, MQDISC, the
 * application's end), its publications waiting on its queue.
 *
 * Topic strings (MQ's "Combining topic strings"): the TOPICSTR of the topic
 * object ObjectName names, then '/', then the ObjectString; either alone is
 * used as it is; neither: 2085 MQRC_UNKNOWN_OBJECT_NAME.  ObjectName naming
 * no topic object: 2085; naming one whose TOPICSTR is empty
 * (SYSTEM.BASE.TOPIC) with no ObjectString: 2425.  A string holding a NUL
 * byte is 2425 (Quire's choice: a topic string is text).  The resolved
 * attributes (PUB, SUB, DURSUB, DEFPSIST, DEFPRTY, PMSGDLV, NPMSGDLV, USEDLQ,
 * MNDURMDL ...) come from objects/topictree.h, built from the topic objects
 * at each MQOPEN, MQSUB and publication, so an ALTER TOPIC counts at once.
 *
 * MQOPEN of MQOT_TOPIC: MQOO_OUTPUT only, with MQOO_FAIL_IF_QUIESCING,
 * MQOO_ALTERNATE_USER_AUTHORITY, the context options, the bind options and
 * MQOO_NO_MULTICAST beside it; any other (input, browse, inquire, set, ...)
 * or no MQOO_OUTPUT: 2045 MQRC_OPTION_NOT_VALID_FOR_TYPE (MQ opens topics for
 * publishing only; Quire's reading for MQOO_INQUIRE).  ResolvedType
 * MQOT_TOPIC, ResolvedQName blank, ResObjectString the full topic string.
 * PUB(DISABLED) is checked at each put (2051), as MQ does.
 *
 * MQSUB (MQ's rules; the libmqm side checks the MQSD's own form):
 *   - MQSO_DURABLE: SubName required (2440); DURSUB(NO) resolved, or no
 *     usable SYSTEM.DURABLE.SUBSCRIBER.QUEUE: 2436; managed: a permanent
 *     dynamic queue SYSTEM.MANAGED.DURABLE.<16 hex> from MDURMDL (a model
 *     that is not PERMDYN: 2522), made before the record so a crash between
 *     leaves at worst an empty queue; unmanaged to a temporary dynamic queue:
 *     2522.  REMOVE_SUB deletes the managed queue with what is on it;
 *   - RESUME (or CREATE with RESUME) of a durable one whose handle is closed:
 *     its Hsub, and Hobj: MQHO_NONE opens its queue (managed: input, browse
 *     and inquire; unmanaged MQOO_INPUT_AS_Q_DEF | MQOO_BROWSE, as MQ; a queue
 *     gone: 2522); a handle given must be on its queue (2019).  A
 *     subscription made without MQSO_ANY_USERID is resumed by its user only
 *     (2434 MQRC_IDENTITY_MISMATCH).  The MQSD returns SubCorrelId,
 *     PubAccountingToken, PubApplIdentityData and ResObjectString;
 *   - ALTER: as RESUME, and SubUserData, PubPriority, SubExpiry, SubLevel,
 *     the options, the identity (SET_IDENTITY_CONTEXT), SubCorrelId
 *     (SET_CORREL_ID) and an unmanaged destination (the Hobj given) take the
 *     MQSD's values, the record rewritten in one unit of work.  The topic
 *     (a different one, or another wildcard scheme) 2510; without
 *     MQSO_DURABLE 2509; managed to unmanaged or back 2533; a SelectionString
 *     other than the one kept 2524 MQRC_SELECTOR_NOT_ALTERABLE;
 *   - SelectionString (qm/engine/selector.h, MQ's SQL92 subset): compiled at
 *     MQSUB; a fault in it is 2551 MQRC_SELECTION_NOT_AVAILABLE when a
 *     subscription is created and 2459 MQRC_SELECTOR_SYNTAX_ERROR when one is
 *     resumed or altered (MQ's "Message selector syntax"); one that names no
 *     property and is FALSE 2504; longer than MQ_SELECTOR_LENGTH or a bad
 *     MQCHARV 2519 (libmqm checks the MQCHARV).  Empty or blank: no
 *     selection.  RESUME without MQSO_ALTER ignores the string given and keeps
 *     the subscription's; RESUME and ALTER return it in MQSD.SelectionString
 *     (up to VSBufSize bytes, VSLength its length, as MQ's MQSD says).  Each
 *     publication goes only to the subscriptions whose selector is TRUE for
 *     its properties and MQMD as put (pubsub_put.c); a durable one keeps the
 *     text in its record and compiles it again at restart (pubsub_dur.c);
 *   - SubLevel outside 0..9 or SubExpiry 0 or below -1: 2424 MQRC_SD_ERROR;
 *     PubPriority not -3 (AS_PUBLISHED), -1 (AS_Q_DEF) or 0..9: 2050
 *     MQRC_PRIORITY_ERROR.  SubExpiry is kept, not acted on (a non-durable
 *     subscription ends with its handle anyway);
 *   - SubName (optional for a non-durable one) is unique: CREATE of a name in
 *     use is 2432 MQRC_SUB_ALREADY_EXISTS; RESUME or ALTER find it held by its
 *     handle (a non-durable subscription exists only while its Hsub is
 *     open): 2429 MQRC_SUBSCRIPTION_IN_USE, or no such name 2428
 *     MQRC_NO_SUBSCRIPTION; CREATE with RESUME or ALTER of a name not in use
 *     creates;
 *   - the topic as MQOPEN's; SUB(DISABLED) 2503 MQRC_SUB_INHIBITED;
 *   - MQSO_MANAGED: a temporary dynamic queue SYSTEM.MANAGED.NDURABLE.<16 hex>
 *     made from the resolved MNDURMDL, opened MQOO_INPUT_AS_Q_DEF |
 *     MQOO_BROWSE | MQOO_INQUIRE (MQ: the managed handle is for MQGET, MQCB,
 *     MQINQ and MQCLOSE), its handle returned in Hobj; a model that does not
 *     exist, is no model queue or is not TEMPDYN: 2522 MQRC_INVALID_DESTINATION.
 *     Closing the managed handle keeps the queue; removing the subscription
 *     deletes it and what is on it.
 *   - otherwise Hobj must be a handle of this connection on a queue opened
 *     with MQOO_INPUT_* or MQOO_BROWSE: else 2019 MQRC_HOBJ_ERROR.  The copies
 *     go to the local queue it resolves to;
 *   - MQSO_SET_IDENTITY_CONTEXT: PubAccountingToken and PubApplIdentityData
 *     are the caller's, and only the queue manager's owner may (2035, as
 *     MQOO_SET_IDENTITY_CONTEXT); else zeros and blanks, returned in the MQSD;
 *   - MQSO_SET_CORREL_ID: SubCorrelId is the caller's (MQCI_NONE: each
 *     publication keeps the publisher's CorrelId); else one is made and
 *     returned;
 *   - wildcards: topic-level '#' and '+' by default (MQSO_WILDCARD_TOPIC),
 *     character '*', '?' and '%' escapes with MQSO_WILDCARD_CHAR (a '%' not
 *     before '*', '?' or '%': 2425);
 *   - a new subscription gets the retained publications it matches at once
 *     (pubsub_ret.c), but with MQSO_NEW_PUBLICATIONS_ONLY; one made with
 *     MQSO_PUBLICATIONS_ON_REQUEST receives only what MQSUBRQ asks for.  MQSO_FIXED_USERID,
 *     ANY_USERID, SCOPE_QMGR, NO_MULTICAST, READ_AHEAD options and
 *     AlternateUserId: accepted, nothing to do in Quire;
 *   - UserIdentifier of every publication is the subscriber's user (MQ: the
 *     subscription's owner), its origin context the publisher's.
 *   Hsub is a handle in the connection's handle table (MQ: an MQHOBJ); MQGET,
 *   MQPUT, MQINQ and MQSET of it fail as for a handle not opened for them.
 *
 * MQCLOSE of Hsub: MQCO_NONE and MQCO_REMOVE_SUB remove a non-durable
 * subscription; MQCO_KEEP_SUB is 2045 for one (MQ keeps only durable ones);
 * a durable one is kept by MQCO_NONE and MQCO_KEEP_SUB, removed by
 * MQCO_REMOVE_SUB; MQCO_DELETE, MQCO_DELETE_PURGE 2045.  MQCLOSE of a topic handle: MQCO_NONE
 * only (others 2045).
 */
#include "qm/server/pubsub.h"
#include "qm/server/oam_srv.h"

#include "cmqcfc.h"
#include "cmqzc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log/qmerr.h"
#include "objects/names.h"
#include "objects/topictree.h"

/* ---- topic strings and their attributes ----------------------------------------- */

int ps_resolve(struct qm *qm, const char *str, struct objdef *out)
{
	struct topictree t;
	topictree_init(&t);
	int rc = QM_OK;
	for (size_t i = 0; i < QM_QHASH && rc == QM_OK; i++)
		for (struct qobj *o = qm->qhash[i]; o && rc == QM_OK; o = o->hnext)
			if (o->def.type == OBJDEF_TOPIC && !o->damaged) {
				rc = topictree_add(&t, &o->def, NULL, 0);
				if (rc == QM_EEXIST)
					rc = QM_OK;   /* (a repeated string: the first object keeps the node) */
			}
	const struct objdef *admin;
	if (rc == QM_OK)
		rc = topictree_resolve(&t, str, out, &admin);
	topictree_free(&t);
	return rc;
}

void ps_block_at(struct qm *qm, const char *str, size_t *levels, size_t *chars)
{
	*levels = *chars = 0;
	size_t sl = strlen(str);
	for (size_t i = 0; i < QM_QHASH; i++)
		for (struct qobj *o = qm->qhash[i]; o; o = o->hnext) {
			if (o->def.type != OBJDEF_TOPIC || o->damaged || o->def.wildcard_operation != MQTA_BLOCK)
				continue;
			const char *t = objdef_topic_str(&o->def);
			size_t tl = strlen(t);
			if (!tl || tl > sl || memcmp(t, str, tl) != 0 || (str[tl] != 0 && str[tl] != '/'))
				continue;   /* not str, nor a level above it */
			size_t lv = 1;
			for (size_t k = 0; k < tl; k++)
				lv += t[k] == '/';
			if (lv > *levels)
				*levels = lv;
			if (tl > *chars)
				*chars = tl;
		}
}

int ps_blocked(const char *pat, int wchar, size_t levels, size_t chars)
{
	if (!levels)
		return 0;
	if (wchar) {
		for (size_t k = 0; pat[k]; k++) {
			if (pat[k] == '%' && pat[k + 1]) {
				k++;   /* an escaped '*', '?' or '%': itself */
				continue;
			}
			if (pat[k] == '*' || pat[k] == '?')
				return k < chars;
		}
		return 0;
	}
	size_t lv = 0;   /* the level of pat being looked at (0: the first) */
	for (const char *p = pat;; lv++) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == 1 && (*p == '#' || *p == '+'))
			return lv < levels;
		if (!e)
			return 0;
		p = e + 1;
	}
}

MQLONG ps_topic_string(struct qm *qm, const char *objname, const char *s, uint32_t n, char **out)
{
	*out = NULL;
	const char *base = "";
	if (objname[0]) {
		struct qobj *o = qm_tfind(qm, objname);
		if (!o)
			return MQRC_UNKNOWN_OBJECT_NAME;
		if (o->damaged)
			return MQRC_OBJECT_DAMAGED;
		base = objdef_topic_str(&o->def);
		if (!base[0] && !n)
			return MQRC_TOPIC_STRING_ERROR;
	}
	/* MQ: a part is present when its length is not 0 and its first character
	 * is neither blank nor null */
	int has_s = n > 0 && s[0] != ' ' && s[0] != 0;
	if (!base[0] && !has_s)
		return MQRC_UNKNOWN_OBJECT_NAME;
	if (memchr(s, 0, n))
		return MQRC_TOPIC_STRING_ERROR;
	size_t bl = strlen(base), tl = bl + (bl && has_s ? 1 : 0) + (has_s ? n : 0);
	if (tl > MQ_TOPIC_STR_LENGTH)
		return MQRC_TOPIC_STRING_ERROR;
	char *r = malloc(tl + 1);
	if (!r)
		return MQRC_STORAGE_NOT_AVAILABLE;
	size_t at = 0;
	memcpy(r, base, bl);
	at = bl;
	if (has_s) {
		if (bl)
			r[at++] = '/';
		memcpy(r + at, s, n);
		at += n;
	}
	r[at] = 0;
	*out = r;
	return MQRC_NONE;
}

/* ---- authority on a topic ------------------------------------------------------------ */

/*
 * The authority on a topic string (issue 15) is given by the topic objects
 * on its path: the one at the string's node, those above it, and
 * SYSTEM.BASE.TOPIC at the root; as MQ walks up the tree until a topic object
 * gives the authority, the user has what any of them gives (the union of
 * its authorities on each).  A refusal names the nearest topic object.
 */
MQLONG ps_topic_authority(struct qm *qm, struct conn *c, const char *str, uint32_t need, const char *alt,
			  MQLONG qualifier)
{
	const char *who = alt && alt[0] ? alt : c->user;
	uid_t uid = alt && alt[0] ? (uid_t)-1 : c->client ? (uid_t)-1 : c->uid;
	if (alt && alt[0] && !(oam_user_auth(qm, c->client ? (uid_t)-1 : c->uid, c->user, MQOT_Q_MGR, qm->paths.name) &
			       MQZAO_ALTERNATE_USER_AUTHORITY))
		return oam_check(qm, c, MQOT_Q_MGR, qm->paths.name, MQZAO_ALTERNATE_USER_AUTHORITY, NULL, qualifier);
	if (oam_is_admin(qm, uid, who))
		return MQRC_NONE;
	size_t sl = strlen(str), best = 0;
	const char *nearest = TOPICTREE_BASE;
	uint32_t have = oam_user_auth(qm, uid, who, MQOT_TOPIC, TOPICTREE_BASE);
	for (size_t i = 0; i < QM_QHASH; i++)
		for (struct qobj *o = qm->qhash[i]; o; o = o->hnext) {
			if (o->def.type != OBJDEF_TOPIC || o->damaged)
				continue;
			const char *t = objdef_topic_str(&o->def);
			size_t tl = strlen(t);
			if (!tl || tl > sl || memcmp(t, str, tl) != 0 || (str[tl] != 0 && str[tl] != '/'))
				continue;   /* not str, nor a level above it */
			have |= oam_user_auth(qm, uid, who, MQOT_TOPIC, o->def.name);
			if (tl > best) {
				best = tl;
				nearest = o->def.name;
			}
		}
	if ((have & need) == need)
		return MQRC_NONE;
	/* refused: said (AMQ8077W) as the check of the nearest object says it */
	struct conn who_c = *c;
	if (alt && alt[0]) {
		snprintf(who_c.user, sizeof who_c.user, "%s", alt);
		who_c.client = 1;
	}
	(void)oam_check(qm, &who_c, MQOT_TOPIC, nearest, need, NULL, qualifier);
	return MQRC_NOT_AUTHORIZED;
}

/* ---- MQOPEN and MQCLOSE of a topic --------------------------------------------------- */

#define OO_TOPIC (MQOO_OUTPUT | MQOO_FAIL_IF_QUIESCING | MQOO_ALTERNATE_USER_AUTHORITY | MQOO_PASS_IDENTITY_CONTEXT | \
		  MQOO_PASS_ALL_CONTEXT | MQOO_SET_IDENTITY_CONTEXT | MQOO_SET_ALL_CONTEXT | MQOO_BIND_ON_OPEN | \
		  MQOO_BIND_NOT_FIXED | MQOO_BIND_ON_GROUP | MQOO_NO_MULTICAST)

struct hobj *ps_open_topic(struct qm *qm, struct conn *c, MQOD *od, MQLONG options, const char *s, uint32_t n,
			   MQLONG *cc, MQLONG *rc)
{
	*cc = MQCC_FAILED;
	if ((options & ~(MQLONG)OO_TOPIC) || !(options & MQOO_OUTPUT)) {
		*rc = MQRC_OPTION_NOT_VALID_FOR_TYPE;
		return NULL;
	}
	char name[MQ_Q_NAME_LENGTH + 1], *str;
	names_from_field(od->ObjectName, MQ_Q_NAME_LENGTH, name);
	if ((*rc = ps_topic_string(qm, name, s, n, &str)))
		return NULL;
	char alt[MQ_USER_ID_LENGTH + 1] = "";
	if (options & MQOO_ALTERNATE_USER_AUTHORITY) {
		mqi_field(alt, od->AlternateUserId, MQ_USER_ID_LENGTH);
		if (!alt[0])
			snprintf(alt, sizeof alt, "%s", c->user);
	}
	oam_call(options, str, NULL, 0);
	if ((*rc = ps_topic_authority(qm, c, str, (mqi_open_need(options) & ~(uint32_t)MQZAO_OUTPUT) | MQZAO_PUBLISH, alt,
				      MQRQ_OPEN_NOT_AUTHORIZED))) {
		free(str);
		return NULL;
	}
	struct objdef res;
	if (ps_resolve(qm, str, &res) != QM_OK) {
		free(str);
		*rc = MQRC_STORAGE_NOT_AVAILABLE;
		return NULL;
	}
	struct ps_topic *t = calloc(1, sizeof *t);
	struct hobj *h = t ? mqi_hobj_alloc(c) : NULL;
	if (!h) {
		free(t);
		free(str);
		*rc = MQRC_STORAGE_NOT_AVAILABLE;
		return NULL;
	}
	t->str = str;
	t->len = (uint32_t)strlen(str);
	h->topic = t;
	h->options = options;
	/* the topic object the string resolves to (for DELETE TOPIC's in-use
	 * check): the one named, else SYSTEM.BASE.TOPIC's when there is one */
	h->obj = qm_tfind(qm, name[0] ? name : res.name);
	if (h->obj)
		h->obj->nhandles++;
	snprintf(h->resolved, sizeof h->resolved, "%s", h->obj ? h->obj->def.name : "");
	if (od->Version >= MQOD_VERSION_3) {
		memset(od->ResolvedQName, ' ', MQ_Q_NAME_LENGTH);
		mqi_blank(od->ResolvedQMgrName, MQ_Q_MGR_NAME_LENGTH, qm->paths.name);
	}
	if (od->Version >= MQOD_VERSION_4)
		od->ResolvedType = MQOT_TOPIC;
	*cc = MQCC_OK;
	*rc = MQRC_NONE;
	return h;
}

/* ---- subscriptions ---------------------------------------------------------------------- */

void ps_sub_free(struct ps_sub *s)
{
	free(s->topic);
	free(s->name);
	free(s->udata);
	sel_free(s->sel);
	free(s);
}

void ps_free_all(struct qm *qm)
{
	while (qm->subs) {
		struct ps_sub *s = qm->subs;
		qm->subs = s->next;
		if (s->hsub)
			s->hsub->sub = NULL;
		ps_sub_free(s);
	}
	qm->subs_loaded = 0;
}

void ps_sub_link(struct qm *qm, struct ps_sub *s)
{
	s->prev = NULL;
	s->next = qm->subs;
	if (qm->subs)
		qm->subs->prev = s;
	qm->subs = s;
}

/* Take s out of the list and delete its managed queue (with what is on it). */
void ps_sub_remove(struct qm *qm, struct ps_sub *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		qm->subs = s->next;
	if (s->next)
		s->next->prev = s->prev;
	if (s->managed[0]) {
		struct qobj *o = qm_qfind(qm, s->managed);
		if (o && o->temp && !o->creator)
			queue_obj_delete(qm, o);
		else if (o && s->durable)
			ps_delete_permdyn(qm, s->managed);
	}
	ps_sub_free(s);
}

MQLONG ps_close(struct qm *qm, struct conn *c, struct hobj *h, MQLONG options)
{
	if (options & ~(MQLONG)(MQCO_DELETE | MQCO_DELETE_PURGE | MQCO_KEEP_SUB | MQCO_REMOVE_SUB | MQCO_QUIESCE))
		return MQRC_OPTIONS_ERROR;
	if (h->topic) {
		if (options & ~(MQLONG)MQCO_QUIESCE)
			return MQRC_OPTION_NOT_VALID_FOR_TYPE;
		if (h->obj && h->obj->nhandles)
			h->obj->nhandles--;
		free(h->topic->str);
		free(h->topic);
		h->topic = NULL;
		mqi_hobj_release(c, h);
		return MQRC_NONE;
	}
	struct ps_sub *s = h->sub;
	if (options & (MQCO_DELETE | MQCO_DELETE_PURGE))
		return MQRC_OPTION_NOT_VALID_FOR_TYPE;
	if ((options & MQCO_KEEP_SUB) && !s->durable)
		return MQRC_OPTION_NOT_VALID_FOR_TYPE;
	if (s->durable && !(options & MQCO_REMOVE_SUB)) {
		/* kept (MQCO_NONE or KEEP_SUB): its subscriber is away */
		s->hsub = NULL;
		s->owner = NULL;
	} else {
		if (s->durable) {
			MQLONG rc = ps_dur_write(qm, s, NULL);   /* durable before the reply */
			if (rc)
				return rc;
		}
		ps_sub_remove(qm, s);
	}
	h->sub = NULL;
	mqi_hobj_release(c, h);
	return MQRC_NONE;
}

/* The name of a subscription: s (n bytes, SubName) equal to s->name. */
struct ps_sub *ps_sub_by_name(struct qm *qm, const char *name, uint32_t n)
{
	for (struct ps_sub *s = qm->subs; s; s = s->next)
		if (s->name && s->namelen == n && memcmp(s->name, name, n) == 0)
			return s;
	return NULL;
}

static char *dup_n(const char *s, uint32_t n)
{
	char *d = malloc((size_t)n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = 0;
	}
	return d;
}

/* Character wildcards: every '%' must escape '*', '?' or '%'. */
int ps_char_pattern_ok(const char *p)
{
	for (; *p; p++)
		if (*p == '%') {
			if (p[1] != '*' && p[1] != '?' && p[1] != '%')
				return 0;
			p++;
		}
	return 1;
}

#define MANAGED_NDUR_PREFIX "SYSTEM.MANAGED.NDURABLE.*"

/* The model of a new subscription's managed queue (MNDURMDL, or MDURMDL for
 * a durable one: TEMPDYN for the one, PERMDYN for the other), or NULL. */
struct qobj *ps_managed_model(struct qm *qm, const struct objdef *res, int durable)
{
	const char *n = durable ? res->model_durable_q : res->model_non_durable_q;
	struct qobj *m = n[0] ? qm_qfind(qm, n) : NULL;
	int want = durable ? MQQDT_PERMANENT_DYNAMIC : MQQDT_TEMPORARY_DYNAMIC;
	return m && m->def.type == OBJDEF_QMODEL && m->def.definition_type == want && !m->damaged ? m : NULL;
}

/* A name for a durable subscription's managed queue, into name (49). */
void ps_managed_dur_name(struct qm *qm, char *name)
{
	for (;;) {
		uint64_t u = ((uint64_t)(uint32_t)time(NULL) << 32) | (uint32_t)++qm->dyn_counter;
		snprintf(name, OBJDEF_NAME_SIZE, "SYSTEM.MANAGED.DURABLE.%016llX", (unsigned long long)u);
		if (!qm_qfind(qm, name) && !objcat_find(&qm->os.cat, OBJDEF_QLOCAL, name))
			return;
	}
}

/* The managed queue of a new subscription (named dname when given: a
 * durable one's), or an existing one opened again (open_name): its handle,
 * or NULL with *rc. */
static struct hobj *make_managed(struct qm *qm, struct conn *c, struct qobj *m, const char *dname,
				 const char *open_name, MQLONG so, MQLONG *rc)
{
	MQOD od = { MQOD_DEFAULT };
	if (open_name) {
		mqi_blank(od.ObjectName, MQ_Q_NAME_LENGTH, open_name);
	} else {
		mqi_blank(od.ObjectName, MQ_Q_NAME_LENGTH, m->def.name);
		mqi_blank(od.DynamicQName, MQ_Q_NAME_LENGTH, dname ? dname : MANAGED_NDUR_PREFIX);
	}
	MQLONG cc, oo = MQOO_INPUT_AS_Q_DEF | MQOO_BROWSE | MQOO_INQUIRE;
	if (so & MQSO_FAIL_IF_QUIESCING)
		oo |= MQOO_FAIL_IF_QUIESCING;
	oam_trust(1);   /* the queue manager makes it for the subscriber (no authority on the model) */
	struct hobj *h = mqi_open_obj(qm, c, &od, oo, NULL, 0, &cc, rc);
	oam_trust(0);
	if (!h) {
		if (*rc == MQRC_UNKNOWN_OBJECT_NAME)
			*rc = MQRC_INVALID_DESTINATION;
		return NULL;
	}
	if (h->obj)
		h->obj->creator = NULL;   /* the subscription's, not the handle's: closing the handle keeps it */
	return h;
}

struct sub_req {
	MQSD sd;
	MQHOBJ hobj;
	const char *str[4];
	uint32_t len[4];
};

static MQLONG sub_check(struct qm *qm, struct conn *c, const struct sub_req *q)
{
	const MQSD *sd = &q->sd;
	MQLONG o = sd->Options, rc;
	if (memcmp(sd->StrucId, MQSD_STRUC_ID, 4) != 0 || sd->Version != MQSD_VERSION_1)
		return MQRC_SD_ERROR;
	if ((rc = mqi_quiesce_reason(qm, (o & MQSO_FAIL_IF_QUIESCING) != 0)))
		return rc;
	if ((o & MQSO_DURABLE) && !q->len[1])
		return MQRC_SUB_NAME_ERROR;   /* a durable subscription needs its SubName */
	if (sd->SubLevel < 0 || sd->SubLevel > 9 || (sd->SubExpiry <= 0 && sd->SubExpiry != MQEI_UNLIMITED))
		return MQRC_SD_ERROR;
	if (sd->PubPriority != MQPRI_PRIORITY_AS_PUBLISHED && sd->PubPriority != MQPRI_PRIORITY_AS_Q_DEF &&
	    (sd->PubPriority < 0 || sd->PubPriority > 9))
		return MQRC_PRIORITY_ERROR;
	if (c->nhandles + 2 > (unsigned)qm->os.qmgr.max_handles)
		return MQRC_HANDLE_NOT_AVAILABLE;
	return MQRC_NONE;
}

/* An unmanaged destination handle given to MQSUB: a queue of this
 * connection opened for input or browse; NULL when it is not. */
static struct hobj *dest_handle(struct conn *c, MQHOBJ id)
{
	struct hobj *dh = mqi_hobj(c, id);
	if (!dh || dh->topic || dh->sub || dh->is_qmgr || !dh->base || !dh->base->q ||
	    !(dh->options & (MQOO_INPUT_AS_Q_DEF | MQOO_INPUT_SHARED | MQOO_INPUT_EXCLUSIVE | MQOO_BROWSE)))
		return NULL;
	return dh;
}

/* The identity and correlation fields MQSUB sets from the MQSD (create, or
 * alter), and the ones it returns. */
static void sub_fields(struct qm *qm, struct ps_sub *s, MQSD *sd, int create)
{
	MQLONG o = sd->Options;
	if (o & MQSO_SET_CORREL_ID)
		memcpy(s->correl, sd->SubCorrelId, sizeof s->correl);
	else if (create)
		mqi_new_id(qm, s->correl);
	if (o & MQSO_SET_IDENTITY_CONTEXT) {
		memcpy(s->acct, sd->PubAccountingToken, sizeof s->acct);
		memcpy(s->appl_id, sd->PubApplIdentityData, sizeof s->appl_id);
	} else if (create) {
		memset(s->acct, 0, sizeof s->acct);
		memset(s->appl_id, ' ', sizeof s->appl_id);
	}
	memcpy(sd->SubCorrelId, s->correl, sizeof s->correl);
	memcpy(sd->PubAccountingToken, s->acct, sizeof s->acct);
	memcpy(sd->PubApplIdentityData, s->appl_id, sizeof s->appl_id);
}

/* MQSO_RESUME or MQSO_ALTER of subscription s (durable: a non-durable one
 * always has its handle). */
static MQLONG sub_resume(struct qm *qm, struct conn *c, struct sub_req *q, struct ps_sub *s, struct hobj **hsub,
			 MQHOBJ *hq, const struct sel *nsel)
{
	MQSD *sd = &q->sd;
	MQLONG o = sd->Options, rc;
	if (s->hsub)
		return MQRC_SUBSCRIPTION_IN_USE;
	if (!(s->options & MQSO_ANY_USERID) && strcmp(c->user, s->user) != 0)
		return MQRC_IDENTITY_MISMATCH;
	int alter = (o & MQSO_ALTER) != 0, managed = s->managed[0] != 0;
	if (alter) {
		if (!(o & MQSO_DURABLE))
			return MQRC_DURABILITY_NOT_ALTERABLE;
		if (((o & MQSO_MANAGED) != 0) != managed)
			return MQRC_DEST_CLASS_NOT_ALTERABLE;
		char name[MQ_Q_NAME_LENGTH + 1], *str = NULL;
		names_from_field(sd->ObjectName, MQ_Q_NAME_LENGTH, name);
		if (name[0] || q->len[0]) {
			rc = ps_topic_string(qm, name, q->str[0], q->len[0], &str);
			int same = !rc && strcmp(str, s->topic) == 0;
			free(str);
			if (!same)
				return rc && rc != MQRC_UNKNOWN_OBJECT_NAME ? rc : MQRC_TOPIC_NOT_ALTERABLE;
		}
		if (((o & MQSO_WILDCARD_CHAR) != 0) != ((s->options & MQSO_WILDCARD_CHAR) != 0))
			return MQRC_TOPIC_NOT_ALTERABLE;
		if (strcmp(s->sel ? sel_text(s->sel) : "", nsel ? sel_text(nsel) : "") != 0)
			return MQRC_SELECTOR_NOT_ALTERABLE;
	}
	/* the destination's handle: given, or opened here */
	struct hobj *dh = NULL;
	int opened = 0;
	if (q->hobj != MQHO_NONE && !managed) {
		if (!(dh = dest_handle(c, q->hobj)) || (!alter && strcmp(dh->base->def.name, s->dest) != 0))
			return MQRC_HOBJ_ERROR;
		if (dh->base->temp)
			return MQRC_INVALID_DESTINATION;   /* no place for a durable subscription's copies */
	} else if (q->hobj != MQHO_NONE) {
		if (!(dh = mqi_hobj(c, q->hobj)) || !dh->base || strcmp(dh->base->def.name, s->managed) != 0)
			return MQRC_HOBJ_ERROR;
	} else {
		const char *qn = managed ? s->managed : s->dest;
		if (!qm_qfind(qm, qn))
			return MQRC_INVALID_DESTINATION;
		if (managed) {
			dh = make_managed(qm, c, NULL, NULL, qn, o, &rc);
		} else {
			MQOD od = { MQOD_DEFAULT };
			MQLONG cc;
			mqi_blank(od.ObjectName, MQ_Q_NAME_LENGTH, qn);
			oam_trust(1);   /* its destination, authorized when it was made */
			dh = mqi_open_obj(qm, c, &od, MQOO_INPUT_AS_Q_DEF | MQOO_BROWSE, NULL, 0, &cc, &rc);
			oam_trust(0);
		}
		if (!dh)
			return rc == MQRC_OBJECT_IN_USE || rc == MQRC_Q_MGR_QUIESCING || rc == MQRC_Q_MGR_STOPPING
				       ? rc
				       : MQRC_INVALID_DESTINATION;
		opened = 1;
	}
	struct hobj *h = mqi_hobj_alloc(c);
	if (!h) {
		if (opened)
			mqi_close_obj(qm, c, dh, MQCO_NONE);
		return MQRC_STORAGE_NOT_AVAILABLE;
	}
	if (alter) {
		/* a new definition, written in place of the old one */
		struct ps_sub n = *s;
		char *ud = dup_n(q->str[2], q->len[2]);
		if (!ud) {
			mqi_hobj_release(c, h);
			if (opened)
				mqi_close_obj(qm, c, dh, MQCO_NONE);
			return MQRC_STORAGE_NOT_AVAILABLE;
		}
		n.udata = ud;
		n.udlen = q->len[2];
		n.options = o;
		n.pub_priority = sd->PubPriority;
		n.expiry = sd->SubExpiry;
		n.level = sd->SubLevel;
		n.alt_ms = qm_now_ms();
		if (!managed)
			snprintf(n.dest, sizeof n.dest, "%s", dh->base->def.name);
		sub_fields(qm, &n, sd, 0);
		if ((rc = ps_dur_write(qm, s, &n))) {
			free(ud);
			mqi_hobj_release(c, h);
			if (opened)
				mqi_close_obj(qm, c, dh, MQCO_NONE);
			return rc;
		}
		free(s->udata);
		struct ps_sub *nx = s->next, *pv = s->prev;
		*s = n;
		s->next = nx;
		s->prev = pv;
	} else {
		sub_fields(qm, s, sd, 0);
	}
	s->owner = c;
	s->hsub = h;
	s->resume_ms = qm_now_ms();
	h->sub = s;
	*hsub = h;
	*hq = dh->id;
	return MQRC_NONE;
}

/* The alternate user of an MQSUB with MQSO_ALTERNATE_USER_AUTHORITY (its
 * blank one the connection's own), or NULL. */
static const char *sub_alt(struct conn *c, const struct sub_req *q)
{
	static char alt[MQ_USER_ID_LENGTH + 1];
	if (!(q->sd.Options & MQSO_ALTERNATE_USER_AUTHORITY))
		return NULL;
	mqi_field(alt, q->sd.AlternateUserId, MQ_USER_ID_LENGTH);
	if (!alt[0])
		snprintf(alt, sizeof alt, "%s", c->user);
	return alt;
}

/* MQSUB's authority on the topic str: what (sub, or resume), and setid with
 * MQSO_SET_IDENTITY_CONTEXT. */
static MQLONG sub_authority(struct qm *qm, struct conn *c, const struct sub_req *q, const char *str, uint32_t what)
{
	if (q->sd.Options & MQSO_SET_IDENTITY_CONTEXT)
		what |= MQZAO_SET_IDENTITY_CONTEXT;
	oam_call(q->sd.Options, str, NULL, 0);
	return ps_topic_authority(qm, c, str, what, sub_alt(c, q), MQRQ_SUB_NOT_AUTHORIZED);
}

/* MQSUB after its request is read: *hsub and *hq (the destination's handle
 * to return) on success. */
static MQLONG sub_do(struct qm *qm, struct conn *c, struct sub_req *q, struct hobj **hsub, MQHOBJ *hq, char **res_out,
		     int *resumed)
{
	MQSD *sd = &q->sd;
	MQLONG o = sd->Options, rc;
	int durable = (o & MQSO_DURABLE) != 0;
	*res_out = NULL;
	if ((rc = sub_check(qm, c, q)))
		return rc;
	if (ps_load(qm) != 0 && (durable || q->len[1]))
		return MQRC_DURABILITY_NOT_ALLOWED;   /* the durable subscriptions cannot be read */
	struct sel *sel = NULL;   /* the SelectionString compiled (NULL: none) */
	size_t pos;
	MQLONG src = sel_compile(q->str[3], q->len[3], &sel, &pos);
	if (q->len[1]) {
		struct ps_sub *old = ps_sub_by_name(qm, q->str[1], q->len[1]);
		if (old && !(o & (MQSO_RESUME | MQSO_ALTER))) {
			sel_free(sel);
			return MQRC_SUB_ALREADY_EXISTS;
		}
		if (old) {
			/* resumed or altered: a fault is 2459 (MQ), the string kept is the subscription's;
			 * resume authority on its topic (issue 15) */
			rc = src ? src : sub_authority(qm, c, q, old->topic, MQZAO_RESUME);
			if (!rc)
				rc = sub_resume(qm, c, q, old, hsub, hq, sel);
			sel_free(sel);
			if (rc)
				return rc;
			*res_out = old->topic;
			*resumed = 1;
			return MQRC_NONE;
		}
	}
	if (src)   /* created: MQ answers a fault with 2551 */
		return src == MQRC_SELECTOR_SYNTAX_ERROR ? MQRC_SELECTION_NOT_AVAILABLE : src;
	if (!(o & MQSO_CREATE)) {
		sel_free(sel);
		return MQRC_NO_SUBSCRIPTION;
	}
	char name[MQ_Q_NAME_LENGTH + 1], *str;
	names_from_field(sd->ObjectName, MQ_Q_NAME_LENGTH, name);
	if ((rc = ps_topic_string(qm, name, q->str[0], q->len[0], &str))) {
		sel_free(sel);
		return rc;
	}
	if ((o & MQSO_WILDCARD_CHAR) && !ps_char_pattern_ok(str)) {
		free(str);
		sel_free(sel);
		return MQRC_TOPIC_STRING_ERROR;
	}
	if ((rc = sub_authority(qm, c, q, str, MQZAO_SUBSCRIBE))) {
		free(str);
		sel_free(sel);
		return rc;
	}
	struct objdef res;
	if (ps_resolve(qm, str, &res) != QM_OK) {
		free(str);
		sel_free(sel);
		return MQRC_STORAGE_NOT_AVAILABLE;
	}
	rc = res.inhibit_sub == MQTA_SUB_INHIBITED ? MQRC_SUB_INHIBITED
	     : durable && (res.durable_sub == MQSUB_DURABLE_INHIBITED || !ps_dsq(qm)) ? MQRC_DURABILITY_NOT_ALLOWED
										    : MQRC_NONE;
	struct hobj *dh = NULL;
	struct qobj *model = NULL;
	if (!rc && !(o & MQSO_MANAGED)) {
		if (!(dh = dest_handle(c, q->hobj)))
			rc = MQRC_HOBJ_ERROR;
		else if (durable && dh->base->temp)
			rc = MQRC_INVALID_DESTINATION;   /* a temporary queue cannot hold a durable subscription's copies */
		else if (oam_call(o, str, dh->obj ? dh->obj->def.name : dh->base->def.name, 0), 1)
			/* the publications are put there for the subscriber: its put authority */
			rc = oam_check(qm, c, MQOT_Q, dh->obj ? dh->obj->def.name : dh->base->def.name, MQZAO_OUTPUT,
				       sub_alt(c, q), MQRQ_SUB_DEST_NOT_AUTHORIZED);
	} else if (!rc && !(model = ps_managed_model(qm, &res, durable))) {
		rc = MQRC_INVALID_DESTINATION;
	}
	if (rc) {
		free(str);
		sel_free(sel);
		return rc;
	}
	struct ps_sub *s = calloc(1, sizeof *s);
	if (s)
		s->sel = sel;   /* the subscription's now: freed with it */
	else
		sel_free(sel);
	struct hobj *h = s ? mqi_hobj_alloc(c) : NULL;
	if (!h || !(s->name = q->len[1] ? dup_n(q->str[1], q->len[1]) : NULL, !q->len[1] || s->name) ||
	    !(s->udata = dup_n(q->str[2], q->len[2]))) {
		if (h)
			mqi_hobj_release(c, h);
		if (s)
			ps_sub_free(s);
		free(str);
		return MQRC_STORAGE_NOT_AVAILABLE;
	}
	s->topic = str;
	s->namelen = q->len[1];
	s->udlen = q->len[2];
	s->options = o;
	s->pub_priority = sd->PubPriority;
	s->expiry = sd->SubExpiry;
	s->level = sd->SubLevel;
	s->durable = durable;
	s->subtype = MQSUBTYPE_API;
	s->psprop = MQPSPROP_MSGPROP;
	snprintf(s->topicobj, sizeof s->topicobj, "%s", name);
	s->cr_ms = s->alt_ms = s->resume_ms = qm_now_ms();
	snprintf(s->user, sizeof s->user, "%s", c->user);
	sub_fields(qm, s, sd, 1);
	if (durable && model)
		ps_managed_dur_name(qm, s->managed);
	if (dh)
		snprintf(s->dest, sizeof s->dest, "%s", dh->base->def.name);
	if (model) {
		/* the managed queue first: a crash before the record leaves at worst
		 * an empty permanent dynamic queue no subscription names */
		dh = make_managed(qm, c, model, durable ? s->managed : NULL, NULL, o, &rc);
		if (!dh) {
			mqi_hobj_release(c, h);
			ps_sub_free(s);
			return rc;
		}
		if (!durable)
			snprintf(s->managed, sizeof s->managed, "%s", dh->base->def.name);
		snprintf(s->dest, sizeof s->dest, "%s", dh->base->def.name);
	}
	mqi_new_id(qm, s->subid);
	if (durable) {
		/* its record, durable before the reply */
		if ((rc = ps_dur_write(qm, NULL, s))) {
			if (model) {   /* nothing half-done */
				mqi_close_obj(qm, c, dh, MQCO_NONE);
				ps_delete_permdyn(qm, s->managed);
			}
			mqi_hobj_release(c, h);
			ps_sub_free(s);
			return rc;
		}
	}
	s->owner = c;
	s->hsub = h;
	h->sub = s;
	ps_sub_link(qm, s);
	*hsub = h;
	*hq = dh->id;
	*res_out = s->topic;
	if (!(o & (MQSO_NEW_PUBLICATIONS_ONLY | MQSO_PUBLICATIONS_ON_REQUEST))) {
		/* the retained publications it matches, now (pubsub_ret.c); a
		 * failure to put them does not undo the subscription */
		int k;
		(void)ps_ret_deliver(qm, s, &k);
	}
	return MQRC_NONE;
}

void ps_sub(struct qm *qm, struct conn *c, struct rd *d)
{
	struct sub_req q;
	memset(&q, 0, sizeof q);
	rd_bytes(d, &q.sd, sizeof q.sd);
	q.hobj = (MQHOBJ)rd_u32(d);
	for (int i = 0; i < 4; i++) {
		q.len[i] = rd_u32(d);
		if (q.len[i] > MQ_TOPIC_STR_LENGTH)
			d->bad = 1;
		q.str[i] = d->bad ? "" : (const char *)rd_ptr(d, q.len[i]);
	}
	if (d->bad || d->at != d->len) {
		conn_fail(qm, c);
		return;
	}
	struct hobj *h = NULL;
	MQHOBJ hq = MQHO_NONE;
	char *res;
	int resumed = 0;
	MQLONG rc = sub_do(qm, c, &q, &h, &hq, &res, &resumed);
	struct rep r;
	rep_start(&r, PROTO_SUB, c->req_id, rc ? MQCC_FAILED : MQCC_OK, rc);
	if (!rc) {
		rep_u32(&r, (uint32_t)hq);
		rep_u32(&r, (uint32_t)h->id);
		rep_bytes(&r, &q.sd, sizeof q.sd);
		uint32_t n = (uint32_t)strlen(res);
		rep_u32(&r, n);
		rep_bytes(&r, res, n);
		/* a resumed (or altered) subscription's SelectionString, for the MQSD */
		const char *st = resumed && h->sub->sel ? sel_text(h->sub->sel) : "";
		uint32_t sl = (uint32_t)strlen(st);
		rep_u32(&r, resumed ? sl : 0xFFFFFFFFu);
		if (resumed)
			rep_bytes(&r, st, sl);
	}
	conn_reply(qm, c, &r);
	conn_done(qm, c);
}
