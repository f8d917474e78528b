/*
 * oam_srv.c: the object authority manager on the running queue manager
 * (issue 15): administrators, the check every verb makes, and where the
 * authority records live.
 *
 * Who is an administrator.  As MQ: the members of group mqm, and here also
 * root and the user the queue manager runs as (its owner, who created it).
 * They have every authority on everything and cannot lose it: no record is
 * looked at for them, and none can take it away.  Everyone else has exactly
 * what the records give: none at all on a new queue manager (crtmqm makes no
 * records; MQ makes the mqm group's, which administrators do not need here).
 *
 * The decision for anyone else (qm/admin/oam.c): for each of the user's
 * groups (getgrouplist: its primary group and the others, cached until
 * REFRESH SECURITY) the most specific record of that group whose profile
 * matches the object's name, and the union of those; with qm.ini's
 * Service SecurityPolicy=user, the user's own records (setmqaut -p) too.
 * Under MQ's Linux default, SecurityPolicy=group, a record set for a
 * principal (setmqaut -p, SET AUTHREC PRINCIPAL) is set on its primary
 * group instead, as MQ does (qm/admin/mqsc_auth.c).
 *
 * Where the records live.  As the durable subscriptions (pubsub_dur.c):
 * each record is one persistent message on SYSTEM.AUTH.DATA.QUEUE (crtmqm
 * makes it), its MsgId the record's own identifier, Format "MQAUTREC", its
 * data the record's bytes (layout at the top of qm/admin/oam.c).  Setting a
 * record replaces its message (a get and a put), deleting it gets it; each
 * change is one unit of work of the queue manager's own whose commit record
 * is flushed before the command answers.  So the records are logged, come
 * back after endmqm or kill -9, are imaged by rcdmqimg and rebuilt by
 * rcrmqobj with the queue (rcdmqimg -m QM -t ql SYSTEM.AUTH.DATA.QUEUE).
 * They are read once, at the first check after a start (oam_table).  A
 * message that is no record is left where it is and reported once
 * (AMQ7472 naming the queue).  While the queue is missing or damaged, every
 * check of a user who is not an administrator fails (2035): no authority
 * can be known.
 *
 * A refusal: 2035 MQRC_NOT_AUTHORIZED to the application, and AMQ8077W in the
 * queue manager's error log naming the entity, the object, its type and
 * the authorities wanted.  With the queue manager's AUTHOREV(ENABLED), MQ's
 * Not Authorized event too, on SYSTEM.ADMIN.QMGR.EVENT: MQCFH Command
 * MQCMD_Q_MGR_EVENT (44), Reason MQRC_NOT_AUTHORIZED (2035), then
 *   every type: MQCA_Q_MGR_NAME (48), MQIACF_REASON_QUALIFIER
 *   type 1 (MQRQ_CONN_NOT_AUTHORIZED, MQCONN): MQCACF_USER_IDENTIFIER (12),
 *       MQIA_APPL_TYPE (MQAT_UNIX), MQCACF_APPL_NAME (28); a client
 *       connection adds MQCACH_CONNECTION_NAME (264) and MQCACH_CHANNEL_NAME (20)
 *   type 2 (MQRQ_OPEN_NOT_AUTHORIZED, MQOPEN and MQPUT1): MQIACF_OPEN_OPTIONS,
 *       MQCACF_USER_IDENTIFIER, MQIA_APPL_TYPE, MQCACF_APPL_NAME, then the
 *       object: MQCA_Q_NAME (48) for a queue, MQCA_PROCESS_NAME (48) for a
 *       process, MQCA_TOPIC_STRING (its length, rounded up to 4) for a topic,
 *       none for the queue manager
 *   type 3 (MQRQ_CLOSE_NOT_AUTHORIZED, MQCLOSE deleting a permanent dynamic
 *       queue through a handle other than its creator's without dlt):
 *       MQCACF_USER_IDENTIFIER, MQIA_APPL_TYPE, MQCACF_APPL_NAME, MQCA_Q_NAME (48)
 *   type 4 (MQRQ_CMD_NOT_AUTHORIZED, a command the command server refused):
 *       MQIACF_COMMAND (the PCF command), MQCACF_USER_IDENTIFIER
 *   type 5 (MQRQ_SUB_NOT_AUTHORIZED, MQSUB) and type 6
 *       (MQRQ_SUB_DEST_NOT_AUTHORIZED, put on an unmanaged destination):
 *       MQIACF_SUB_OPTIONS, MQCACF_USER_IDENTIFIER, MQIA_APPL_TYPE,
 *       MQCACF_APPL_NAME, MQCA_TOPIC_STRING; type 6 adds MQCACF_DESTINATION (48)
 * The call's options, topic string and destination come from the call site
 * (oam_call) just before its checks; the event loop serves one call at a
 * time.  A topic string is given up to 10,240 characters.  A failed put is
 * AMQ7930W once (qmgrev.c's rule).  Not made: type 3 for MQCO_REMOVE_SUB
 * (a subscription is removed by whoever holds its handle), the z/OS-only
 * and the Authorized (success) events.
 */
#include "qm/server/oam_srv.h"
#include "qm/server/mqiserv.h"
#include "qm/server/sysq.h"

#include "cmqcfc.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmqzc.h"
#include "log/log.h"
#include "log/qmerr.h"
#include "qm/admin/mqsc.h"
#include "qm/admin/oam.h"
#include "qm/home/msgcat.h"

#define REC_FORMAT "MQAUTREC"

/* One record read at the start (sysq_walk): 1 when it is not one. */
static int load_one(const MQMD *md, const void *body, uint32_t len, void *arg)
{
	struct oam_rec r;
	memset(&r, 0, sizeof r);
	memcpy(r.id, md->MsgId, sizeof r.id);
	if (memcmp(md->Format, REC_FORMAT, 8) || oam_rec_decode(body, len, &r) || oam_put(arg, &r))
		return 1;
	return 0;
}

struct oam *oam_table(struct qm *qm)
{
	if (qm->oam_loaded)
		return qm->oam;
	if (!qm->oam) {
		struct oam *t = malloc(sizeof *t);
		if (!t)
			return NULL;
		oam_init(t);
		qm->oam = t;
	}
	struct qobj *q = qm_qfind(qm, OAM_QUEUE);
	if (!q || !q->q || q->damaged || q->deleted)
		return NULL;   /* read again at the next check: it may come back (rcrmqobj, DEFINE) */
	struct oam *t = qm->oam;
	int bad = 0;
	if (sysq_walk(qm, q, load_one, t, &bad))
		return NULL;
	if (bad)
		ERRLOG(&qm->el, AMQ_OBJECT_DAMAGED, OAM_QUEUE, "qlocal");
	qm->oam_loaded = 1;
	return t;
}

void oam_refresh(struct qm *qm)
{
	if (qm->oam)
		oam_groups_flush(qm->oam);
}

void oam_free_all(struct qm *qm)
{
	if (qm->oam) {
		oam_free(qm->oam);
		free(qm->oam);
		qm->oam = NULL;
	}
	qm->oam_loaded = 0;
}

/* The group cache lives in the table even before the records are read. */
static struct oam *cache(struct qm *qm)
{
	if (!qm->oam) {
		struct oam *t = malloc(sizeof *t);
		if (!t)
			return NULL;
		oam_init(t);
		qm->oam = t;
	}
	return qm->oam;
}

const char *oam_admin_group(void)
{
#ifdef QUIRE_TEST_HOOKS
	/* test builds only: the integration test makes its own administrators'
	 * group (qtst*) rather than touch a system's mqm */
	const char *g = getenv("QUIRE_TEST_MQM_GROUP");
	if (g && *g)
		return g;
#endif
	return OAM_ADMIN_GROUP;
}

int oam_is_admin(struct qm *qm, uid_t uid, const char *user)
{
	if (uid == 0 || uid == qm->uid)
		return 1;
	if (!user || !user[0])
		return 0;
	if (!strcmp(user, qm->user))
		return 1;
	if (uid == (uid_t)-1) {   /* known by name: root or the owner by that name */
		char buf[4096];
		struct passwd pw, *pp = NULL;
		if (!getpwnam_r(user, &pw, buf, sizeof buf, &pp) && pp && (pp->pw_uid == 0 || pp->pw_uid == qm->uid))
			return 1;
	}
	struct oam *t = cache(qm);
	return t && oam_in_group(t, user, oam_admin_group());
}

int oam_conn_admin(struct qm *qm, const struct conn *c)
{
	return oam_is_admin(qm, c->client ? (uid_t)-1 : c->uid, c->user);
}

uint32_t oam_user_auth(struct qm *qm, uid_t uid, const char *user, int32_t objtype, const char *name)
{
	if (oam_is_admin(qm, uid, user))
		return MQZAO_ALL | MQZAO_CREATE;   /* (MQ's "all" leaves crt out) */
	struct oam *t = oam_table(qm);
	if (!t)
		return 0;
	size_t ng;
	const char *const *g = oam_groups(t, user, &ng);
	return oam_authority(t, objtype, name, user, g, ng, qm->cfg.security_policy_user);
}

static void refused(struct qm *qm, const char *who, int32_t objtype, const char *name, uint32_t need)
{
	char words[256];
	oam_auth_words(need, 0, " ", words, sizeof words);
	ERRLOG(&qm->el, AMQ_OAM_REFUSED, who, name, oam_type_word(objtype), words);
}

/* A refusal said: the error log, and the event. */
static MQLONG refuse(struct qm *qm, const struct conn *c, const char *who, int32_t objtype, const char *name,
		     uint32_t need, MQLONG qualifier)
{
	refused(qm, who, objtype, name, need);
	oam_event(qm, c, who, objtype, name, qualifier);
	return MQRC_NOT_AUTHORIZED;
}

static int trusted;   /* oam_trust's depth */

/* The call being checked (oam_call): its options, topic string and destination. */
static struct {
	MQLONG options;
	const char *topic, *dest;
	MQLONG command;
} call;

void oam_call(MQLONG options, const char *topic, const char *dest, MQLONG command)
{
	call.options = options;
	call.topic = topic;
	call.dest = dest;
	call.command = command;
}

static int event_said;   /* AMQ7930W said since the last authority event put */

void oam_event(struct qm *qm, const struct conn *c, const char *who, int32_t objtype, const char *name,
	       MQLONG qualifier)
{
	if (qm->os.qmgr.authority_event != MQEVR_ENABLED)
		return;
	struct evmsg e;
	MQLONG ccsid = qm->os.qmgr.ccsid;
	evmsg_begin(&e, MQCMD_Q_MGR_EVENT, MQRC_NOT_AUTHORIZED, -1);
	evmsg_str(&e, MQCA_Q_MGR_NAME, ccsid, qm->paths.name, MQ_Q_MGR_NAME_LENGTH);
	evmsg_int(&e, MQIACF_REASON_QUALIFIER, qualifier);
	if (qualifier == MQRQ_CMD_NOT_AUTHORIZED) {
		evmsg_int(&e, MQIACF_COMMAND, call.command);
		evmsg_str(&e, MQCACF_USER_IDENTIFIER, ccsid, who, MQ_USER_ID_LENGTH);
		evmsg_put(qm, &e, "SYSTEM.ADMIN.QMGR.EVENT", &event_said);
		return;
	}
	if (qualifier == MQRQ_OPEN_NOT_AUTHORIZED)
		evmsg_int(&e, MQIACF_OPEN_OPTIONS, call.options);
	else if (qualifier == MQRQ_SUB_NOT_AUTHORIZED || qualifier == MQRQ_SUB_DEST_NOT_AUTHORIZED)
		evmsg_int(&e, MQIACF_SUB_OPTIONS, call.options);
	evmsg_str(&e, MQCACF_USER_IDENTIFIER, ccsid, who, MQ_USER_ID_LENGTH);
	evmsg_int(&e, MQIA_APPL_TYPE, MQAT_UNIX);
	evmsg_str(&e, MQCACF_APPL_NAME, ccsid, c ? c->appname : "", MQ_APPL_NAME_LENGTH);
	if (qualifier == MQRQ_CONN_NOT_AUTHORIZED && c && c->client) {
		evmsg_str(&e, MQCACH_CONNECTION_NAME, ccsid, c->conname, MQ_CONN_NAME_LENGTH);
		evmsg_str(&e, MQCACH_CHANNEL_NAME, ccsid, c->channel, MQ_CHANNEL_NAME_LENGTH);
	} else if (qualifier == MQRQ_OPEN_NOT_AUTHORIZED) {
		if (objtype == MQOT_Q)
			evmsg_str(&e, MQCA_Q_NAME, ccsid, name, MQ_Q_NAME_LENGTH);
		else if (objtype == MQOT_PROCESS)
			evmsg_str(&e, MQCA_PROCESS_NAME, ccsid, name, MQ_PROCESS_NAME_LENGTH);
		else if (objtype == MQOT_TOPIC && call.topic)
			evmsg_str(&e, MQCA_TOPIC_STRING, ccsid, call.topic, strnlen(call.topic, MQ_TOPIC_STR_LENGTH));
	} else if (qualifier == MQRQ_CLOSE_NOT_AUTHORIZED) {
		evmsg_str(&e, MQCA_Q_NAME, ccsid, name, MQ_Q_NAME_LENGTH);
	} else if (qualifier == MQRQ_SUB_NOT_AUTHORIZED || qualifier == MQRQ_SUB_DEST_NOT_AUTHORIZED) {
		const char *t = call.topic ? call.topic : "";
		evmsg_str(&e, MQCA_TOPIC_STRING, ccsid, t, strnlen(t, MQ_TOPIC_STR_LENGTH));
		if (qualifier == MQRQ_SUB_DEST_NOT_AUTHORIZED)
			evmsg_str(&e, MQCACF_DESTINATION, ccsid, call.dest ? call.dest : name, MQ_Q_NAME_LENGTH);
	}
	evmsg_put(qm, &e, "SYSTEM.ADMIN.QMGR.EVENT", &event_said);
}

void oam_trust(int on)
{
	trusted += on ? 1 : -1;
}

MQLONG oam_check(struct qm *qm, struct conn *c, int32_t objtype, const char *name, uint32_t need, const char *alt,
		 MQLONG qualifier)
{
	if (trusted)
		return MQRC_NONE;
	uid_t uid = c->client ? (uid_t)-1 : c->uid;
	if (alt && alt[0]) {
		/* MQOO_ALTERNATE_USER_AUTHORITY: the connection's user needs altusr on
		 * the queue manager, then the alternate user what the call needs */
		if (!(oam_user_auth(qm, uid, c->user, MQOT_Q_MGR, qm->paths.name) & MQZAO_ALTERNATE_USER_AUTHORITY))
			return refuse(qm, c, c->user, MQOT_Q_MGR, qm->paths.name, MQZAO_ALTERNATE_USER_AUTHORITY,
				      qualifier);
		if ((oam_user_auth(qm, (uid_t)-1, alt, objtype, name) & need) != need)
			return refuse(qm, c, alt, objtype, name, need, qualifier);
		return MQRC_NONE;
	}
	if ((oam_user_auth(qm, uid, c->user, objtype, name) & need) != need)
		return refuse(qm, c, c->user, objtype, name, need, qualifier);
	return MQRC_NONE;
}

/* ---- writing ------------------------------------------------------------------------ */

MQLONG oam_write(struct qm *qm, const struct oam_rec *r, int remove)
{
	struct oam *t = oam_table(qm);
	struct qobj *q = qm_qfind(qm, OAM_QUEUE);
	if (!t || !q || !q->q || q->damaged || q->deleted)
		return MQRC_UNKNOWN_OBJECT_NAME;   /* SYSTEM.AUTH.DATA.QUEUE missing or damaged */
	struct oam_rec *old = oam_find(t, r->objtype, r->enttype, r->entity, r->profile);
	if (remove && !old)
		return MQRC_UNKNOWN_ENTITY;
	struct qmsg *om = old ? sysq_find(q, old->id) : NULL;
	struct oam_rec nr = *r;
	uint8_t *data = NULL;
	uint32_t len = 0;
	if (!remove) {
		mqi_new_id(qm, nr.id);
		if (!(data = oam_rec_encode(&nr, &len)))
			return MQRC_STORAGE_NOT_AVAILABLE;
	}
	/* replace the old record (if any) by the new one (if any), one unit of work
	 * made durable before it returns */
	struct sysq_put put = { REC_FORMAT, nr.id, data, len };
	MQLONG rc = sysq_write(qm, q, &om, om ? 1 : 0, &put, data ? 1 : 0);
	if (rc == MQRC_MSG_TOO_BIG_FOR_Q)
		rc = MQRC_Q_FULL;   /* as before sysq.c: the queue cannot take it */
	free(data);
	if (rc)
		return rc;
	if (remove)
		oam_remove(t, r->objtype, r->enttype, r->entity, r->profile);
	else if (oam_put(t, &nr))
		return MQRC_STORAGE_NOT_AVAILABLE;   /* durable, and read at the next start */
	return MQRC_NONE;
}

/* ---- dmpmqcfg ---------------------------------------------------------------------- */

struct dumpv {
	const struct oam_rec **v;
	size_t n, cap;
	const char *pat;
	int oom;
};

static int dump_pick(const struct oam_rec *r, void *arg)
{
	struct dumpv *d = arg;
	size_t pl = strlen(d->pat);
	if (pl && d->pat[pl - 1] == '*' ? strncmp(r->profile, d->pat, pl - 1) != 0 : strcmp(r->profile, d->pat) != 0)
		return 0;
	if (d->n == d->cap) {
		size_t nc = d->cap ? 2 * d->cap : 32;
		const struct oam_rec **nv = realloc(d->v, nc * sizeof *nv);
		if (!nv) {
			d->oom = 1;
			return 1;
		}
		d->v = nv;
		d->cap = nc;
	}
	d->v[d->n++] = r;
	return 0;
}

static int dump_order(const void *a, const void *b)
{
	const struct oam_rec *x = *(const struct oam_rec *const *)a, *y = *(const struct oam_rec *const *)b;
	int k = x->objtype - y->objtype;
	if (!k)
		k = strcmp(x->profile, y->profile);
	if (!k)
		k = x->enttype - y->enttype;
	if (!k)
		k = strcmp(x->entity, y->entity);
	return k;
}

/* A value quoted for MQSC ('' for a quote) or the shell ('\'' for one). */
static void quote(char *out, size_t n, const char *v, int shell)
{
	size_t k = 0;
	out[k++] = '\'';
	for (const char *p = v; *p && k + 6 < n; p++) {
		if (*p == '\'') {
			const char *esc = shell ? "'\\''" : "''";
			size_t el = strlen(esc);
			memcpy(out + k, esc, el);
			k += el;
		} else {
			out[k++] = *p;
		}
	}
	out[k++] = '\'';
	out[k] = 0;
}

int oam_dump(struct qm *qm, const char *pat, int setmqaut, struct mqsc_out *out, uint32_t *objects)
{
	struct oam *t = oam_table(qm);
	if (!t)
		return -1;
	struct dumpv d = { .pat = pat };
	oam_each(t, dump_pick, &d);
	if (d.oom) {
		free(d.v);
		return -1;
	}
	if (d.n > 1)   /* d.v is NULL when no record matched */
		qsort(d.v, d.n, sizeof *d.v, dump_order);
	for (size_t i = 0; i < d.n; i++) {
		const struct oam_rec *r = d.v[i];
		char prof[OAM_PROFILE_SIZE * 4 + 8], ent[OAM_ENTITY_SIZE * 4 + 8], words[512], line[1400];
		quote(prof, sizeof prof, r->profile, setmqaut);
		quote(ent, sizeof ent, r->entity, setmqaut);
		int qmgr = r->objtype == MQOT_Q_MGR, grp = r->enttype == MQZAET_GROUP;
		if (setmqaut) {
			oam_auth_words(r->auth, 0, " +", words, sizeof words);
			snprintf(line, sizeof line, "setmqaut -m %s%s%s -t %s -%c %s +%s", qm->paths.name, qmgr ? "" : " -n ",
				 qmgr ? "" : prof, oam_type_word(r->objtype), grp ? 'g' : 'p', ent, words);
		} else {
			oam_auth_words(r->auth, 1, ",", words, sizeof words);
			snprintf(line, sizeof line, "SET AUTHREC%s%s%s %s(%s) OBJTYPE(%s) AUTHADD(%s)", qmgr ? "" : " PROFILE(",
				 qmgr ? "" : prof, qmgr ? "" : ")", grp ? "GROUP" : "PRINCIPAL", ent,
				 oam_type_mqsc(r->objtype), words);
		}
		if (mqsc_out_line(out, line, strlen(line))) {
			free(d.v);
			return -1;
		}
		(*objects)++;
	}
	free(d.v);
	return 0;
}
