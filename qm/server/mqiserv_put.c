/*
 * mqiserv_put.c: MQPUT and MQPUT1.
 *
 * What the queue manager fills in (the MQMD that MQGET returns later):
 *   MsgId      generated for MQPMO_NEW_MSG_ID or an MsgId of MQMI_NONE:
 *              "AMQ " + the first 12 characters of the queue manager name
 *              (blank padded) + 8 bytes unique to this queue manager (the
 *              start time in microseconds shifted left 8 bits, plus one per
 *              id); CorrelId the same way for MQPMO_NEW_CORREL_ID.
 *   context    MQPMO_DEFAULT_CONTEXT (or no context option): UserIdentifier
 *              (the connection's user from SO_PEERCRED), AccountingToken
 *              zero, ApplIdentityData blank, PutApplType MQAT_UNIX,
 *              PutApplName (the MQCONN application name), PutDate and PutTime
 *              (GMT, YYYYMMDD and HHMMSSTH), ApplOriginData blank.
 *              SET_IDENTITY_CONTEXT keeps the caller's identity fields and
 *              fills the origin; SET_ALL_CONTEXT keeps everything the caller
 *              gave; NO_CONTEXT blanks every context field.  PASS_IDENTITY
 *              copies the identity (UserIdentifier, AccountingToken,
 *              ApplIdentityData) saved on the handle MQPMO.Context names and
 *              fills the origin as the default does; PASS_ALL copies all
 *              eight fields (PutApplType, PutApplName, PutDate, PutTime and
 *              ApplOriginData too).  Only the queue manager's owner
 *              may set identity or all context (2035 for anyone else): MQOPEN
 *              refuses MQOO_SET_*_CONTEXT, and MQPUT1 opens with them, so the
 *              rule is enforced once, in mqiserv_open.c (check_context_authority),
 *              and a handle that may set context is one its owner opened.
 *
 * Saved context (MQOO_SAVE_ALL_CONTEXT), as MQ documents it:
 *   - an input handle opened with MQOO_SAVE_ALL_CONTEXT keeps the context of
 *     the last message a destructive MQGET (or an MQCB consumer) took through
 *     it: under syncpoint or not (a backout later does not take it back: the
 *     context belongs to the handle, not to the unit of work), truncated with
 *     2079 or whole; a get that fails, or 2080 (the message stays), changes
 *     nothing; a successful browse leaves the handle with no context, so a
 *     pass after it gives 2098 (MQ: "if the last successful MQGET call was a
 *     browse");
 *   - MQPUT and MQPUT1 with MQPMO_PASS_IDENTITY_CONTEXT / PASS_ALL_CONTEXT:
 *     the handle must have been opened with MQOO_PASS_* or MQOO_SET_* (2094
 *     NOT_OPEN_FOR_PASS_IDENT, 2093 NOT_OPEN_FOR_PASS_ALL; for the set options
 *     2096, 2095); MQPMO.Context must be a handle of this connection opened
 *     with MQOO_SAVE_ALL_CONTEXT (2097 CONTEXT_HANDLE_ERROR), holding a saved
 *     context (2098 CONTEXT_NOT_AVAILABLE).  A message that had no context
 *     passes its blank context (MQ: 2098 does not arise then);
 *   - not served: the message properties of MQPD_USER_CONTEXT that MQ also
 *     copies with PASS_ALL_CONTEXT (they stay with the message they came in).
 *   Priority   MQPRI_PRIORITY_AS_Q_DEF: the opened queue's DEFPRTY; above 9:
 *              put with warning 2049, ordered as 9.
 *   Persistence  MQPER_PERSISTENCE_AS_Q_DEF: the opened queue's DEFPSIST.
 *   ReplyToQMgr  blank: this queue manager's name.
 *   CodedCharSetId  MQCCSI_Q_MGR: the queue manager's CCSID.
 *
 * Groups and segments (MQMD version 2, MQPMO_LOGICAL_ORDER): mqiserv_group.c,
 * through grp_put_check before the put and grp_put_done after it.  An MQMDE
 * at the start of the data (MQMD Format MQFMT_MD_EXTENSION) is taken off
 * into the version-2 fields first, in put_check (mqiserv_mde.c, mde_put);
 * the put then sees an MQMD version 2, the reply the caller's version.
 *
 * mqi_put_system: the queue manager's own messages (logger events) take the
 * same path without a connection: put_queue_check and put_store as for a put
 * outside syncpoint, the one-call unit of work of a persistent message
 * parked (dur_park with no connection and no reply) until its record is
 * durable.
 */
#include "qm/server/mqiserv.h"
#include "qm/server/pubsub.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log/log.h"
#include "log/qmerr.h"
#include "qm/store/qmlog.h"
#include "qm/store/store.h"

#define PMO_CONTEXT (MQPMO_DEFAULT_CONTEXT | MQPMO_PASS_IDENTITY_CONTEXT | MQPMO_PASS_ALL_CONTEXT | \
		     MQPMO_SET_IDENTITY_CONTEXT | MQPMO_SET_ALL_CONTEXT | MQPMO_NO_CONTEXT)
#define PMO_VALID (MQPMO_SYNCPOINT | MQPMO_NO_SYNCPOINT | PMO_CONTEXT | MQPMO_NEW_MSG_ID | MQPMO_NEW_CORREL_ID | \
		   MQPMO_ALTERNATE_USER_AUTHORITY | MQPMO_FAIL_IF_QUIESCING | MQPMO_LOGICAL_ORDER | \
		   MQPMO_ASYNC_RESPONSE | MQPMO_SYNC_RESPONSE | MQPMO_RESOLVE_LOCAL_Q | MQPMO_WARN_IF_NO_SUBS_MATCHED | \
		   MQPMO_RETAIN | MQPMO_MD_FOR_OUTPUT_ONLY | MQPMO_SCOPE_QMGR | MQPMO_SUPPRESS_REPLYTO | \
		   MQPMO_NOT_OWN_SUBS)

static int all_zero(const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		if (b[i])
			return 0;
	return 1;
}

void mqi_new_id(struct qm *qm, MQBYTE24 id)
{
	char pre[16];
	memcpy(pre, "AMQ ", 4);
	mqi_blank(pre + 4, 12, qm->paths.name);
	memcpy(id, pre, 16);
	uint64_t v = ++qm->id_counter;
	for (int i = 0; i < 8; i++)
		id[16 + i] = (MQBYTE)(v >> (8 * i));
}

/* PutDate and PutTime (UTC, as MQ).  The date and HHMMSS are formatted once
 * a second, not for every put: only the hundredths change in between. */
static void put_date_time(MQCHAR8 date, MQCHAR8 tm)
{
	static __thread time_t sec = -1;
	static __thread char ymd[9], hms[7];
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	if (ts.tv_sec != sec) {
		struct tm g;
		char b[16];
		gmtime_r(&ts.tv_sec, &g);
		strftime(b, sizeof b, "%Y%m%d", &g);
		memcpy(ymd, b, 8);
		snprintf(b, sizeof b, "%02d%02d%02d", g.tm_hour, g.tm_min, g.tm_sec);
		memcpy(hms, b, 6);
		sec = ts.tv_sec;
	}
	int cs = (int)(ts.tv_nsec / 10000000);
	memcpy(date, ymd, 8);
	memcpy(tm, hms, 6);
	tm[6] = (MQCHAR)('0' + cs / 10);
	tm[7] = (MQCHAR)('0' + cs % 10);
}

/* MQMD checks shared with MQGET: StrucId and Version. */
static MQLONG check_md(const MQMD *md)
{
	if (memcmp(md->StrucId, MQMD_STRUC_ID, 4) != 0 || md->Version < MQMD_VERSION_1 || md->Version > MQMD_VERSION_2)
		return MQRC_MD_ERROR;
	return MQRC_NONE;
}

static MQLONG check_pmo(const MQPMO *pmo)
{
	if (memcmp(pmo->StrucId, MQPMO_STRUC_ID, 4) != 0 || pmo->Version < MQPMO_VERSION_1 ||
	    pmo->Version > MQPMO_VERSION_3)
		return MQRC_PMO_ERROR;
	MQLONG o = pmo->Options;
	if (o & ~(MQLONG)PMO_VALID)
		return MQRC_OPTIONS_ERROR;
	if ((o & MQPMO_SYNCPOINT) && (o & MQPMO_NO_SYNCPOINT))
		return MQRC_OPTIONS_ERROR;
	MQLONG ctx = o & PMO_CONTEXT;
	if (ctx & (ctx - 1))
		return MQRC_OPTIONS_ERROR;
	if ((o & MQPMO_ASYNC_RESPONSE) && (o & MQPMO_SYNC_RESPONSE))
		return MQRC_OPTIONS_ERROR;
	return MQRC_NONE;
}

/* The result of put_core for the caller's reply. */
struct put_out {
	MQLONG cc, rc;
	struct pending *park;         /* non-NULL: park the reply on lsn (PA_COMMIT_TUOW) */
	uint64_t lsn;
};

/* What every put to a local queue must pass, an application's or the queue
 * manager's own (mqi_put_system): put inhibited, the sizes, the depth; the
 * persistence the message will have (AS_Q_DEF resolved through obj, the
 * object opened) and whether base takes it. */
static MQLONG put_queue_check(struct qm *qm, const struct qobj *obj, const struct qobj *base, MQLONG md_persistence,
			      uint32_t len, MQLONG *persistence)
{
	if (obj->def.inhibit_put == MQQA_PUT_INHIBITED || base->def.inhibit_put == MQQA_PUT_INHIBITED)
		return MQRC_PUT_INHIBITED;
	if (len > (uint32_t)qm->os.qmgr.max_msg_length)
		return MQRC_MSG_TOO_BIG_FOR_Q_MGR;
	if (len > (uint32_t)base->def.max_msg_length)
		return MQRC_MSG_TOO_BIG_FOR_Q;
	if (base->q->depth >= (uint64_t)base->def.max_q_depth)
		return MQRC_Q_FULL;
	*persistence = md_persistence == MQPER_PERSISTENCE_AS_Q_DEF ? obj->def.def_persistence : md_persistence;
	if (*persistence == MQPER_PERSISTENT && base->temp)
		return MQRC_PERSISTENT_NOT_ALLOWED;
	return MQRC_NONE;
}

/* The context options against the handle's open options (each MQOO_ option
 * implies the weaker ones, as MQ's "or another option that implies it"), and
 * for MQPMO_PASS_*: the handle MQPMO.Context names and its saved context,
 * *pass (NULL for the other options). */
static MQLONG put_context_check(struct conn *c, const struct hobj *h, const MQPMO *pmo, const MQMD **pass)
{
	MQLONG o = pmo->Options, oo = h->options;
	*pass = NULL;
	if ((o & MQPMO_SET_ALL_CONTEXT) && !(oo & MQOO_SET_ALL_CONTEXT))
		return MQRC_NOT_OPEN_FOR_SET_ALL;
	if ((o & MQPMO_SET_IDENTITY_CONTEXT) && !(oo & (MQOO_SET_IDENTITY_CONTEXT | MQOO_SET_ALL_CONTEXT)))
		return MQRC_NOT_OPEN_FOR_SET_IDENT;
	if ((o & MQPMO_PASS_ALL_CONTEXT) && !(oo & (MQOO_PASS_ALL_CONTEXT | MQOO_SET_ALL_CONTEXT)))
		return MQRC_NOT_OPEN_FOR_PASS_ALL;
	if ((o & MQPMO_PASS_IDENTITY_CONTEXT) &&
	    !(oo & (MQOO_PASS_IDENTITY_CONTEXT | MQOO_PASS_ALL_CONTEXT | MQOO_SET_IDENTITY_CONTEXT | MQOO_SET_ALL_CONTEXT)))
		return MQRC_NOT_OPEN_FOR_PASS_IDENT;
	if (!(o & (MQPMO_PASS_ALL_CONTEXT | MQPMO_PASS_IDENTITY_CONTEXT)))
		return MQRC_NONE;
	const struct hobj *ch = mqi_hobj(c, pmo->Context);
	if (!ch || !(ch->options & MQOO_SAVE_ALL_CONTEXT))
		return MQRC_CONTEXT_HANDLE_ERROR;
	if (!ch->ctx_saved)
		return MQRC_CONTEXT_NOT_AVAILABLE;
	*pass = &ch->ctx;
	return MQRC_NONE;
}

void mqi_ctx_note(struct hobj *h, const MQMD *md)
{
	if (!(h->options & MQOO_SAVE_ALL_CONTEXT))
		return;
	h->ctx_saved = md != NULL;
	if (!md)
		return;
	memcpy(h->ctx.UserIdentifier, md->UserIdentifier, sizeof h->ctx.UserIdentifier);
	memcpy(h->ctx.AccountingToken, md->AccountingToken, sizeof h->ctx.AccountingToken);
	memcpy(h->ctx.ApplIdentityData, md->ApplIdentityData, sizeof h->ctx.ApplIdentityData);
	h->ctx.PutApplType = md->PutApplType;
	memcpy(h->ctx.PutApplName, md->PutApplName, sizeof h->ctx.PutApplName);
	memcpy(h->ctx.PutDate, md->PutDate, sizeof h->ctx.PutDate);
	memcpy(h->ctx.PutTime, md->PutTime, sizeof h->ctx.PutTime);
	memcpy(h->ctx.ApplOriginData, md->ApplOriginData, sizeof h->ctx.ApplOriginData);
}

/* Every check a put must pass before anything changes: the reason, or 0
 * with the persistence the message will have and the saved context a
 * MQPMO_PASS_* option passes (*pass, else NULL). */
static MQLONG put_check(struct qm *qm, struct conn *c, struct hobj *h, MQMD *md, const MQPMO *pmo,
			const uint8_t **data, uint32_t *len, MQLONG *persistence, const MQMD **pass)
{
	MQLONG rc;
	if ((rc = check_md(md)) || (rc = check_pmo(pmo)))
		return rc;
	if ((rc = mqi_quiesce_reason(qm, (pmo->Options & MQPMO_FAIL_IF_QUIESCING) != 0)))
		return rc;
	if (h->is_qmgr || !(h->options & MQOO_OUTPUT))
		return MQRC_NOT_OPEN_FOR_OUTPUT;
	if (!h->base && !h->topic)
		return MQRC_Q_DELETED;
	if (h->base && h->base->damaged)
		return MQRC_OBJECT_DAMAGED;   /* found damaged while open (AMQ7472) */
	MQLONG o = pmo->Options;
	if ((rc = put_context_check(c, h, pmo, pass)))
		return rc;
	/* an MQMDE in front of the data: taken off into md (mqiserv_mde.c) */
	if ((rc = mde_put(qm, md, data, len)))
		return rc;
	const struct qobj *obj = h->obj, *base = h->base;
	if (md->Persistence != MQPER_NOT_PERSISTENT && md->Persistence != MQPER_PERSISTENT &&
	    md->Persistence != MQPER_PERSISTENCE_AS_Q_DEF)
		return MQRC_PERSISTENCE_ERROR;
	if (md->Priority < MQPRI_PRIORITY_AS_Q_DEF)
		return MQRC_PRIORITY_ERROR;
	if (md->Expiry <= 0 && md->Expiry != MQEI_UNLIMITED)
		return MQRC_EXPIRY_ERROR;
	if (md->MsgType < MQMT_SYSTEM_FIRST || md->MsgType > MQMT_APPL_LAST ||
	    (md->MsgType > MQMT_SYSTEM_LAST && md->MsgType < MQMT_APPL_FIRST))
		return MQRC_MSG_TYPE_ERROR;
	char rq[MQ_Q_NAME_LENGTH + 1];
	mqi_field(rq, md->ReplyToQ, MQ_Q_NAME_LENGTH);
	if (md->MsgType == MQMT_REQUEST && !rq[0])
		return MQRC_MISSING_REPLY_TO_Q;
	if (h->topic) {   /* a publication: the rest is each copy's (pubsub_put.c) */
		*persistence = md->Persistence;
		return MQRC_NONE;
	}
	/* a message the queue manager may segment is measured by its segments
	 * (mqiserv_group.c, grp_put_segmented) */
	if ((rc = put_queue_check(qm, obj, base, md->Persistence, grp_may_segment(md) ? 0 : *len, persistence)))
		return rc;
	if ((o & MQPMO_SYNCPOINT) && c->uow_active && c->uow.nmsgs >= (uint64_t)qm->os.qmgr.max_uncommitted_msgs)
		return MQRC_SYNCPOINT_LIMIT_REACHED;
	return MQRC_NONE;
}

/* The message descriptor as it will be stored and returned by MQGET:
 * persistence and priority resolved, ids made, context filled (see the top
 * of this file).  md->Version is left to the caller. */
void mqi_put_fill_md(struct qm *qm, struct conn *c, const struct qobj *obj, MQMD *md, MQLONG o, MQLONG persistence,
		     const MQMD *pass)
{
	md->Persistence = persistence;
	if (md->Priority == MQPRI_PRIORITY_AS_Q_DEF)
		md->Priority = obj->def.def_priority;
	if ((o & MQPMO_NEW_MSG_ID) || all_zero(md->MsgId, sizeof md->MsgId))
		mqi_new_id(qm, md->MsgId);
	if (o & MQPMO_NEW_CORREL_ID)
		mqi_new_id(qm, md->CorrelId);
	md->BackoutCount = 0;
	if (md->CodedCharSetId == MQCCSI_Q_MGR)
		md->CodedCharSetId = qm->os.qmgr.ccsid;
	if (o & MQPMO_NO_CONTEXT) {
		memset(md->UserIdentifier, ' ', sizeof md->UserIdentifier);
		memset(md->AccountingToken, 0, sizeof md->AccountingToken);
		memset(md->ApplIdentityData, ' ', sizeof md->ApplIdentityData);
		md->PutApplType = MQAT_NO_CONTEXT;
		memset(md->PutApplName, ' ', sizeof md->PutApplName);
		memset(md->PutDate, ' ', sizeof md->PutDate);
		memset(md->PutTime, ' ', sizeof md->PutTime);
		memset(md->ApplOriginData, ' ', sizeof md->ApplOriginData);
	} else if (pass) {
		memcpy(md->UserIdentifier, pass->UserIdentifier, sizeof md->UserIdentifier);
		memcpy(md->AccountingToken, pass->AccountingToken, sizeof md->AccountingToken);
		memcpy(md->ApplIdentityData, pass->ApplIdentityData, sizeof md->ApplIdentityData);
		if (o & MQPMO_PASS_ALL_CONTEXT) {
			md->PutApplType = pass->PutApplType;
			memcpy(md->PutApplName, pass->PutApplName, sizeof md->PutApplName);
			memcpy(md->PutDate, pass->PutDate, sizeof md->PutDate);
			memcpy(md->PutTime, pass->PutTime, sizeof md->PutTime);
			memcpy(md->ApplOriginData, pass->ApplOriginData, sizeof md->ApplOriginData);
		} else {
			md->PutApplType = MQAT_UNIX;
			mqi_blank(md->PutApplName, sizeof md->PutApplName, c->appname);
			put_date_time(md->PutDate, md->PutTime);
			memset(md->ApplOriginData, ' ', sizeof md->ApplOriginData);
		}
	} else if (!(o & MQPMO_SET_ALL_CONTEXT)) {
		if (!(o & MQPMO_SET_IDENTITY_CONTEXT)) {
			mqi_blank(md->UserIdentifier, sizeof md->UserIdentifier, c->user);
			memset(md->AccountingToken, 0, sizeof md->AccountingToken);
			memset(md->ApplIdentityData, ' ', sizeof md->ApplIdentityData);
		}
		md->PutApplType = MQAT_UNIX;
		mqi_blank(md->PutApplName, sizeof md->PutApplName, c->appname);
		put_date_time(md->PutDate, md->PutTime);
		memset(md->ApplOriginData, ' ', sizeof md->ApplOriginData);
	}
	char rqm[MQ_Q_MGR_NAME_LENGTH + 1];
	mqi_field(rqm, md->ReplyToQMgr, MQ_Q_MGR_NAME_LENGTH);
	if (!rqm[0])
		mqi_blank(md->ReplyToQMgr, MQ_Q_MGR_NAME_LENGTH, qm->paths.name);
}

/* WAL rule 1: the MSG_PUT record of a persistent message, before the queue
 * changes (under c's unit of work when sync).  0, or a QM_E* code. */
static int put_log(struct qm *qm, struct conn *c, struct qobj *base, struct qmsg *m, const uint8_t *data,
		   uint32_t len, int sync, int64_t now, uint64_t *lsn)
{
	uint64_t first;
	struct objfile_msg fm;
	store_msg_header(m, &fm);   /* the header its store record will carry */
	fm.put_time_ms = now;
	size_t need = qmlog_put_size(base->def.name, len);
	uint8_t *buf = malloc(need);
	int k = buf ? qmlog_enc_put(buf, need, base->def.name, &fm, data) : QM_ENOMEM;
	int rc = k < 0 ? k : QM_OK;
	if (sync && !rc)
		mqi_uow_begin(qm, c);
	if (!rc)
		rc = mqi_log_op(qm, c, sync, LOG_REC_MSG_PUT, base->def.name, buf, (size_t)k, &first, lsn);
	free(buf);
	if (!rc)
		m->mem->put_lsn = first;   /* names the message; *lsn, its last part, is what the reply waits for */
	return rc;
}

/* Put m on the queue: under c's unit of work (sync), invisible under a
 * one-call unit of work whose reply is parked until the record is durable
 * (persistent outside syncpoint: WAL rule 2, *park set), or visible now. */
static int put_enqueue(struct qm *qm, struct conn *c, struct qobj *base, struct qmsg *m, int sync, int persistent,
		       struct pending **park)
{
	if (sync) {
		mqi_uow_begin(qm, c);
		return queue_add(base->q, m, &c->uow);
	}
	if (!persistent)
		return queue_add(base->q, m, NULL);
	struct pending *p = calloc(1, sizeof *p);
	if (!p)
		return QM_ENOMEM;
	uow_init(&p->tuow, mqi_new_uow_id(qm));
	int rc = queue_add(base->q, m, &p->tuow);
	if (rc)
		free(p);
	else
		*park = p;
	return rc;
}

/* A put after its checks, an application's (c, under its unit of work with
 * MQPMO_SYNCPOINT in o) or the queue manager's own (c NULL: outside
 * syncpoint, the context already in md): the descriptor filled, the message
 * made, logged when persistent (WAL rule 1) and put on base.  *lsn: the LSN
 * its reply waits for; *park: the one-call unit of work to park until then
 * (persistent outside syncpoint), or NULL.  The reason, or MQRC_NONE. */
static MQLONG put_store(struct qm *qm, struct conn *c, const struct qobj *obj, struct qobj *base, MQMD *md, MQLONG o,
			MQLONG persistence, const MQMD *pass, const uint8_t *data, uint32_t len, uint64_t *lsn,
			struct pending **park)
{
	int sync = (o & MQPMO_SYNCPOINT) != 0, persistent = persistence == MQPER_PERSISTENT;
	*lsn = 0;
	*park = NULL;
	MQLONG caller_version = md->Version;
	mqi_put_fill_md(qm, c, obj, md, o, persistence, pass);
	md->Version = MQMD_VERSION_2;
	int64_t now = qm_now_ms();
	struct qmsg *m = qmsg_new(md, data, len);
	md->Version = caller_version;
	if (!m)
		return MQRC_STORAGE_NOT_AVAILABLE;
	qmsg_set_expiry(m, now);
	m->mem->seq = base->q->next_seq ? base->q->next_seq : 1;
	int rc = persistent ? put_log(qm, c, base, m, data, len, sync, now, lsn) : QM_OK;
	if (rc) {
		qmsg_free(m);
		return mqi_log_reason(rc);
	}
	if (put_enqueue(qm, c, base, m, sync, persistent, park)) {
		/* a logged put that never reached the queue: restart may bring it
		 * back, which is what a put that failed after its record means */
		qmsg_free(m);
		return MQRC_STORAGE_NOT_AVAILABLE;
	}
	if (*park)
		(*park)->first = qmsg_put_lsn(m);
	base->lput_ms = now;   /* DISPLAY QSTATUS LPUTDATE/LPUTTIME */
	trig_put(qm, c, base, m, sync);   /* a trigger event? (trigger.c) */
	perfev_put(qm, c, base);          /* a queue depth event? (perfev.c) */
	/* a confirm-on-arrival report? (report.c): the reply waits for its record too */
	uint64_t rl = mqi_report_coa(qm, c, base, md, data, len, sync, *lsn);
	if (rl > *lsn)
		*lsn = rl;
	return MQRC_NONE;
}

static void put_core2(struct qm *qm, struct conn *c, struct hobj *h, MQMD *md, MQPMO *pmo, const uint8_t *data,
		      uint32_t len, MQLONG persistence, const MQMD *pass, struct put_out *out);

static void put_core(struct qm *qm, struct conn *c, struct hobj *h, MQMD *md, MQPMO *pmo, const uint8_t *data,
		     uint32_t len, struct put_out *out)
{
	out->cc = MQCC_FAILED;
	out->park = NULL;
	MQLONG persistence = MQPER_NOT_PERSISTENT;
	const MQMD *pass = NULL;
	MQLONG version = md->Version;   /* (an MQMDE makes it 2 for the put: given back below) */
	out->rc = put_check(qm, c, h, md, pmo, &data, &len, &persistence, &pass);
	if (out->rc == MQRC_NONE && h->topic) {
		/* a publication (pubsub_put.c) */
		out->rc = ps_publish(qm, c, h, md, pmo, data, len, pass, &out->cc, &out->lsn, &out->park);
		if (out->cc != MQCC_FAILED && pmo->Version >= MQPMO_VERSION_1) {
			memset(pmo->ResolvedQName, ' ', MQ_Q_NAME_LENGTH);
			mqi_blank(pmo->ResolvedQMgrName, MQ_Q_MGR_NAME_LENGTH, qm->paths.name);
		}
	} else if (out->rc == MQRC_NONE) {
		put_core2(qm, c, h, md, pmo, data, len, persistence, pass, out);
	} else if (out->rc == MQRC_Q_FULL) {
		perfev_full(qm, c, h->base);   /* a Queue Full event? (perfev.c) */
	} else if (out->rc == MQRC_PUT_INHIBITED) {
		qmgrev_inhibited(qm, c, h, out->rc);   /* a Put Inhibited event? (qmgrev.c) */
	}
	md->Version = version;
}

/* put_core after put_check. */
static void put_core2(struct qm *qm, struct conn *c, struct hobj *h, MQMD *md, MQPMO *pmo, const uint8_t *data,
		      uint32_t len, MQLONG persistence, const MQMD *pass, struct put_out *out)
{
	struct qobj *base = h->base;
	MQLONG gwarn;   /* the group and segment fields (mqiserv_group.c) */
	if ((out->rc = grp_put_check(qm, h, md, pmo, len, &gwarn)) != MQRC_NONE)
		return;
	uint32_t limit = (uint32_t)(base->def.max_msg_length < qm->os.qmgr.max_msg_length ? base->def.max_msg_length
											      : qm->os.qmgr.max_msg_length);
	if (len > limit) {
		/* MQMF_SEGMENTATION_ALLOWED (put_check let it by): in segments */
		MQMD last;
		uint32_t lastlen;
		if ((out->rc = grp_put_segmented(qm, c, h, md, pmo->Options, persistence, pass, data, len, limit,
						 &out->lsn, &out->park, &last, &lastlen)) != MQRC_NONE)
			return;
		grp_put_done(h, &last, pmo, lastlen);
	} else {
		/* a segment behind an MQDLH: MQ's MQMDE after it (mqiserv_mde.c) */
		MQMD smd;
		uint8_t *xd;
		uint32_t xlen;
		int k = mde_dlh_segment(qm, md, data, len, &smd, &xd, &xlen);
		if (k < 0) {
			out->rc = MQRC_STORAGE_NOT_AVAILABLE;
			return;
		}
		out->rc = put_store(qm, c, h->obj, base, k ? &smd : md, pmo->Options, persistence, pass, k ? xd : data,
				    k ? xlen : len, &out->lsn, &out->park);
		free(xd);
		if (out->rc != MQRC_NONE)
			return;
		if (k) {   /* the putter's MQMD: what was filled in, and the segment's own fields */
			MQMD put = *md;
			*md = smd;
			md->Version = put.Version;
			memcpy(md->GroupId, put.GroupId, sizeof md->GroupId);
			md->MsgSeqNumber = put.MsgSeqNumber;
			md->Offset = put.Offset;
			md->MsgFlags = put.MsgFlags;
			md->OriginalLength = put.OriginalLength;
		}
		grp_put_done(h, md, pmo, len);
	}
	if (pmo->Version >= MQPMO_VERSION_1) {
		mqi_blank(pmo->ResolvedQName, MQ_Q_NAME_LENGTH, base->def.name);
		mqi_blank(pmo->ResolvedQMgrName, MQ_Q_MGR_NAME_LENGTH, qm->paths.name);
	}
	if (gwarn) {
		out->cc = MQCC_WARNING;
		out->rc = gwarn;
	} else if (md->Priority > 9) {
		out->cc = MQCC_WARNING;
		out->rc = MQRC_PRIORITY_EXCEEDS_MAXIMUM;
	} else {
		out->cc = MQCC_OK;
		out->rc = MQRC_NONE;
	}
}

/* Send or park the reply r of a put. */
static void put_reply(struct qm *qm, struct conn *c, struct put_out *po, struct rep *r)
{
	if (po->park) {
		if (dur_park(qm, c, po->lsn, PA_COMMIT_TUOW, r, po->park))
			conn_fail(qm, c);
		return;
	}
	if (dur_reply_defs(qm, c, r))   /* a put refused by a PUT(DISABLED) not yet durable, ... */
		conn_fail(qm, c);
	mqi_service_woken(qm);
}

/* ---- MQPMO_ASYNC_RESPONSE and MQSTAT ----------------------------------------------------
 *
 * A put is asynchronous with MQPMO_ASYNC_RESPONSE, or with
 * MQPMO_RESPONSE_AS_Q_DEF on a queue with DEFPRESP(ASYNC) (put_async).
 * Quire does every put at once, so an asynchronous put returns its real outcome
 * (MQ allows it: "not eligible for asynchronous put" puts are synchronous).
 * What MQ adds for them is kept too: each such put's outcome is counted, and
 * the first warning (or the first failure, which replaces a warning) is kept
 * with its object, for MQSTAT(MQSTAT_TYPE_ASYNC_ERROR), which reports and
 * starts again. */

/* Was the put asked to be asynchronous: MQPMO_ASYNC_RESPONSE, or neither
 * response option (MQPMO_RESPONSE_AS_Q_DEF) and DEFPRESP(ASYNC) on the
 * object opened (an alias's own, as MQ). */
static int put_async(const MQPMO *pmo, const struct hobj *h)
{
	if (pmo->Options & MQPMO_ASYNC_RESPONSE)
		return 1;
	if (pmo->Options & MQPMO_SYNC_RESPONSE)
		return 0;
	return h && h->obj && h->obj->def.def_put_response == MQPRT_ASYNC_RESPONSE;
}

/* Count a put with MQPMO_ASYNC_RESPONSE and keep its object when it is the
 * first warning, or the first failure after warnings only: obj/qmgr as the
 * application named them, h (NULL: none was opened) what they resolved to. */
static void astat_note(struct qm *qm, struct conn *c, MQLONG cc, MQLONG rc, const char *obj, const char *qmgr,
		       const struct hobj *h, MQLONG open_options)
{
	if (cc == MQCC_OK) {
		c->astat.ok++;
		return;
	}
	if (cc == MQCC_WARNING)
		c->astat.warn++;
	else
		c->astat.fail++;
	if (c->astat.cc == MQCC_FAILED || (c->astat.cc == MQCC_WARNING && cc == MQCC_WARNING))
		return;
	c->astat.cc = cc;
	c->astat.rc = rc;
	c->astat.objtype = h || (obj && *obj) ? MQOT_Q : 0;
	c->astat.open_options = open_options;
	mqi_blank(c->astat.obj, sizeof c->astat.obj, obj);
	mqi_blank(c->astat.obj_qmgr, sizeof c->astat.obj_qmgr, qmgr && *qmgr ? qmgr : h ? qm->paths.name : "");
	mqi_blank(c->astat.resolved, sizeof c->astat.resolved, h && h->base ? h->base->def.name : "");
	mqi_blank(c->astat.resolved_qmgr, sizeof c->astat.resolved_qmgr, h ? qm->paths.name : "");
}

void mqi_stat(struct qm *qm, struct conn *c, struct rd *d)
{
	MQLONG type = (MQLONG)rd_u32(d);
	if (d->bad || type != MQSTAT_TYPE_ASYNC_ERROR) {
		conn_fail(qm, c);   /* libmqm sends only this type */
		return;
	}
	struct rep r;
	rep_start(&r, PROTO_STAT, c->req_id, MQCC_OK, MQRC_NONE);
	MQLONG v[7] = { c->astat.cc, c->astat.rc, c->astat.ok, c->astat.warn, c->astat.fail, c->astat.objtype,
			c->astat.open_options };
	for (int i = 0; i < 7; i++)
		rep_i32(&r, v[i]);
	if (c->astat.cc == MQCC_OK) {
		char blank[MQ_Q_NAME_LENGTH];
		memset(blank, ' ', sizeof blank);
		for (int i = 0; i < 4; i++)
			rep_bytes(&r, blank, sizeof blank);
	} else {
		rep_bytes(&r, c->astat.obj, sizeof c->astat.obj);
		rep_bytes(&r, c->astat.obj_qmgr, sizeof c->astat.obj_qmgr);
		rep_bytes(&r, c->astat.resolved, sizeof c->astat.resolved);
		rep_bytes(&r, c->astat.resolved_qmgr, sizeof c->astat.resolved_qmgr);
	}
	memset(&c->astat, 0, sizeof c->astat);
	conn_reply(qm, c, &r);
	if (!c->dead)
		conn_done(qm, c);
}

void mqi_put(struct qm *qm, struct conn *c, struct rd *d)
{
	MQHOBJ hobj = (MQHOBJ)rd_u32(d);
	MQMD md;
	MQPMO pmo;
	rd_bytes(d, &md, sizeof md);
	rd_bytes(d, &pmo, sizeof pmo);
	uint32_t len = rd_u32(d);
	const uint8_t *data = rd_ptr(d, len);
	if (d->bad) {
		conn_fail(qm, c);
		return;
	}
	struct put_out po = { .cc = MQCC_FAILED, .rc = MQRC_HOBJ_ERROR };
	struct hobj *h = mqi_hobj(c, hobj);
	if (h)
		put_core(qm, c, h, &md, &pmo, data, len, &po);
	if (put_async(&pmo, h))
		astat_note(qm, c, po.cc, po.rc, h && h->obj ? h->obj->def.name : "", "", h, h ? h->options : 0);
	struct rep r;
	rep_start(&r, PROTO_PUT, c->req_id, po.cc, po.rc);
	if (po.cc != MQCC_FAILED) {
		rep_bytes(&r, &md, sizeof md);
		rep_bytes(&r, &pmo, sizeof pmo);
	}
	put_reply(qm, c, &po, &r);
}

MQLONG mqi_put_system(struct qm *qm, const char *qname, MQMD *md, const void *data, uint32_t len)
{
	return mqi_put_report(qm, NULL, qname, md, data, len, NULL);
}

MQLONG mqi_put_report(struct qm *qm, struct conn *c, const char *qname, MQMD *md, const void *data, uint32_t len,
		      uint64_t *last)
{
	struct qobj *obj = qm_qfind(qm, qname), *base = obj;
	if (obj && !obj->q && obj->def.type == OBJDEF_QALIAS)
		base = qm_qfind(qm, obj->def.base_object_name);
	if (!obj || obj->deleted)
		return MQRC_UNKNOWN_OBJECT_NAME;
	if (!base || base->deleted || !base->q)
		return obj == base ? MQRC_UNKNOWN_OBJECT_NAME : MQRC_UNKNOWN_ALIAS_BASE_Q;
	if (obj->damaged || base->damaged)
		return MQRC_OBJECT_DAMAGED;
	MQLONG persistence, rc = put_queue_check(qm, obj, base, md->Persistence, len, &persistence);
	if (rc)
		return rc;
	if (persistence == MQPER_PERSISTENT && (!qm->lg || qm->log_failed))
		return MQRC_Q_MGR_NOT_AVAILABLE;
	put_date_time(md->PutDate, md->PutTime);   /* (the caller's context is kept whole) */
	uint64_t lsn;
	struct pending *park;
	if (c && c->uow_active && c->uow.nmsgs >= (uint64_t)qm->os.qmgr.max_uncommitted_msgs)
		return MQRC_SYNCPOINT_LIMIT_REACHED;
	if ((rc = put_store(qm, c, obj, base, md, MQPMO_SET_ALL_CONTEXT | (c ? MQPMO_SYNCPOINT : 0), persistence, NULL,
			    data, len, &lsn, &park)))
		return rc;
	if (park)
		dur_park(qm, NULL, lsn, PA_COMMIT_TUOW, NULL, park);   /* with p given, it cannot fail */
	if (!c && lsn && last && lsn > *last)
		*last = lsn;
	mqi_service_woken(qm);   /* a nonpersistent one wakes its waiters now */
	return MQRC_NONE;
}

void mqi_put1(struct qm *qm, struct conn *c, struct rd *d)
{
	MQOD od;
	MQMD md;
	MQPMO pmo;
	rd_bytes(d, &od, sizeof od);
	rd_bytes(d, &md, sizeof md);
	rd_bytes(d, &pmo, sizeof pmo);
	uint32_t len = rd_u32(d);
	const uint8_t *data = rd_ptr(d, len);
	uint32_t n = 0;
	const char *ostr = "";
	int topic = !d->bad && od.ObjectType == MQOT_TOPIC;
	if (topic) {   /* a topic's ObjectString follows the data (qm/proto.h) */
		n = rd_u32(d);
		if (n > MQ_TOPIC_STR_LENGTH)
			d->bad = 1;
		ostr = d->bad ? "" : (const char *)rd_ptr(d, n);
	}
	if (d->bad || (topic && d->at != d->len)) {
		conn_fail(qm, c);
		return;
	}
	struct put_out po = { .cc = MQCC_FAILED };
	char *res = NULL;
	if ((po.rc = check_md(&md)) == MQRC_NONE && (po.rc = check_pmo(&pmo)) == MQRC_NONE) {
		MQLONG oo = MQOO_OUTPUT;
		if (pmo.Options & MQPMO_FAIL_IF_QUIESCING)
			oo |= MQOO_FAIL_IF_QUIESCING;
		if (pmo.Options & MQPMO_SET_ALL_CONTEXT)
			oo |= MQOO_SET_ALL_CONTEXT;
		else if (pmo.Options & MQPMO_SET_IDENTITY_CONTEXT)
			oo |= MQOO_SET_IDENTITY_CONTEXT;
		else if (pmo.Options & MQPMO_PASS_ALL_CONTEXT)
			oo |= MQOO_PASS_ALL_CONTEXT;
		else if (pmo.Options & MQPMO_PASS_IDENTITY_CONTEXT)
			oo |= MQOO_PASS_IDENTITY_CONTEXT;
		if (pmo.Options & MQPMO_ALTERNATE_USER_AUTHORITY)
			oo |= MQOO_ALTERNATE_USER_AUTHORITY;
		MQLONG cc;
		struct hobj *h = mqi_open_obj(qm, c, &od, oo, ostr, n, &cc, &po.rc);
		char name[MQ_Q_NAME_LENGTH + 1], qmgr[MQ_Q_MGR_NAME_LENGTH + 1];
		mqi_field(name, od.ObjectName, MQ_Q_NAME_LENGTH);
		mqi_field(qmgr, od.ObjectQMgrName, MQ_Q_MGR_NAME_LENGTH);
		if (h)
			put_core(qm, c, h, &md, &pmo, data, len, &po);
		if (put_async(&pmo, h))
			astat_note(qm, c, po.cc, po.rc, name, qmgr, h, oo);
		if (h && h->topic)
			res = strdup(h->topic->str);   /* the reply's resolved topic string */
		if (h)
			mqi_close_obj(qm, c, h, MQCO_NONE);
	} else if (put_async(&pmo, NULL)) {
		astat_note(qm, c, po.cc, po.rc, "", "", NULL, 0);
	}
	struct rep r;
	rep_start(&r, PROTO_PUT1, c->req_id, po.cc, po.rc);
	if (po.cc != MQCC_FAILED) {
		rep_bytes(&r, &od, sizeof od);
		rep_bytes(&r, &md, sizeof md);
		rep_bytes(&r, &pmo, sizeof pmo);
		if (topic) {
			uint32_t rl = res ? (uint32_t)strlen(res) : 0;
			rep_u32(&r, rl);
			rep_bytes(&r, res ? res : "", rl);
		}
	}
	free(res);
	put_reply(qm, c, &po, &r);
}

void mqi_system_md(struct qm *qm, MQMD *md, const char *fmt, MQLONG persistence)
{
	MQMD d = { MQMD_DEFAULT };
	d.MsgType = MQMT_DATAGRAM;
	d.Report = MQRO_NONE;
	d.Expiry = MQEI_UNLIMITED;
	d.Feedback = MQFB_NONE;
	d.Encoding = MQENC_NATIVE;
	d.CodedCharSetId = qm->os.qmgr.ccsid;
	memcpy(d.Format, fmt, MQ_FORMAT_LENGTH);
	d.Priority = MQPRI_PRIORITY_AS_Q_DEF;
	d.Persistence = persistence;
	memset(d.ReplyToQ, ' ', sizeof d.ReplyToQ);
	mqi_blank(d.ReplyToQMgr, sizeof d.ReplyToQMgr, qm->paths.name);
	memset(d.UserIdentifier, ' ', sizeof d.UserIdentifier);
	memset(d.AccountingToken, 0, sizeof d.AccountingToken);
	memset(d.ApplIdentityData, ' ', sizeof d.ApplIdentityData);
	d.PutApplType = MQAT_QMGR;
	mqi_blank(d.PutApplName, sizeof d.PutApplName, qm->paths.name);
	memset(d.ApplOriginData, ' ', sizeof d.ApplOriginData);
	*md = d;
}
