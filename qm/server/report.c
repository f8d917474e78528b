/*
 * report.c: the report messages the queue manager makes about an
 * application's message (MQMD.Report), as MQ describes them.
 *
 * Served: confirm on arrival, confirm on delivery and expiration.  A message put by an
 * application on a local queue (not a transmission queue) whose Report has
 * MQRO_COA (also COA_WITH_DATA, COA_WITH_FULL_DATA) makes a report message
 * put on its ReplyToQ (MQPUT refuses report options with a blank ReplyToQ,
 * 2027); one with MQRO_COD (COD_WITH_DATA, COD_WITH_FULL_DATA) makes one
 * when an application's MQGET removes it (not a browse); one with
 * MQRO_EXPIRATION (EXPIRATION_WITH_DATA, _WITH_FULL_DATA) one when the queue
 * manager discards it because its expiry passed (found by a get, a browse or
 * any search of its queue):
 *   MsgType     MQMT_REPORT, Feedback MQFB_COA (259), MQFB_COD (260) or
 *               MQFB_EXPIRATION (258)
 *   data        none (MQRO_COA), the first 100 bytes of the message's data
 *               as it was put (COA_WITH_DATA), or all of it
 *               (COA_WITH_FULL_DATA), and the same for COD; Format,
 *               Encoding and CodedCharSetId the message's
 *   MsgId       a new one, or the message's with MQRO_PASS_MSG_ID
 *   CorrelId    the message's MsgId, or its CorrelId with MQRO_PASS_CORREL_ID
 *   Report      MQRO_NONE; with MQRO_PASS_DISCARD_AND_EXPIRY the message's
 *               MQRO_DISCARD_MSG and its Expiry, otherwise MQEI_UNLIMITED
 *   Priority, Persistence   the message's (as put: AS_Q_DEF already resolved)
 *   GroupId, MsgSeqNumber, Offset, MsgFlags   the message's (a segment's
 *               report says which segment); OriginalLength the segment's
 *               data length for a segment, MQOL_UNDEFINED otherwise (so a
 *               version 1 MQMD's get of a report gets no MQMDE)
 *   context     the queue manager's (PutApplType MQAT_QMGR, PutApplName and
 *               ReplyToQMgr its name), but UserIdentifier and AccountingToken
 *               the message's, so that the report is its sender's
 * The report is put when the message is put (COA) or got (COD): in the same
 * unit of work when that call was under syncpoint (so that it is there only
 * when the unit commits, as MQ says), otherwise at once, after the message's
 * own put or get (logged after it when persistent), and that call's reply
 * waits for the report's record too: an acknowledged put or get never loses
 * its report in a crash (t6106).  A crash before the reply may keep the put
 * or get without its report: the call was not acknowledged.  A COMPLETE_MSG get of a
 * segmented message makes one COD report, from its first segment's
 * descriptor and the whole message's data (Quire's choice).  An expiration
 * report is put outside any unit of work once the request that found the
 * message expired is done (the engine's expired hook may put nothing), its
 * log record after the record of the message's removal.
 *
 * Not served (Quire's choice, documented in qm/server/README.md): PAN and NAN
 * (those the application makes) and exception reports (a channel's); a
 * ReplyToQMgr other than this queue manager (no channels: nothing is sent).
 * A report its reply queue refuses goes to the queue manager's dead-letter
 * queue (DEADQ) behind an MQDLH (Reason the refusal, DestQName the reply
 * queue), or is discarded when the report says MQRO_DISCARD_MSG (passed with
 * PASS_DISCARD_AND_EXPIRY); with no DEADQ, or one that refuses it too, it is
 * dropped, and so is one past the unit of work's MAXUMSGS.
 */
#include "qm/server/mqiserv.h"

#include "log/log.h"
#include "log/qmerr.h"
#include "qm/engine/qtable.h"
#include "qm/store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define REPORT_DATA 100   /* the bytes of data a *_WITH_DATA report carries */

/* Does the blank-padded field f (n bytes) name s? */
static int names(const char *f, size_t n, const char *s)
{
	size_t l = strlen(s);
	if (l > n || memcmp(f, s, l) != 0)
		return 0;
	for (size_t i = l; i < n; i++)
		if (f[i] != ' ' && f[i] != 0)
			return 0;
	return 1;
}

/* Put report r (its data, n bytes) on queue q, under c's unit of work when
 * c is given; one q refuses goes to the dead-letter queue behind an MQDLH
 * whose Reason is q's refusal, unless the report says MQRO_DISCARD_MSG (MQ:
 * a report that cannot be delivered is dead-lettered or discarded as its
 * own Report says); one neither takes is dropped. */
static uint64_t report_put(struct qm *qm, struct conn *c, const char *q, MQMD *r, const void *data, uint32_t n)
{
	MQMD keep = *r;
	uint64_t lsn = 0;
	MQLONG rc = mqi_put_report(qm, c, q, r, data, n, &lsn);
	const char *dlq = qm->os.qmgr.dead_letter_q_name;
	if (rc == MQRC_NONE || (keep.Report & MQRO_DISCARD_MSG) || !dlq[0] || rc == MQRC_SYNCPOINT_LIMIT_REACHED)
		return lsn;
	uint8_t *d = malloc(sizeof(MQDLH) + n);
	if (!d)
		return 0;
	MQDLH h = { MQDLH_DEFAULT };
	h.Reason = rc;
	mqi_blank(h.DestQName, sizeof h.DestQName, q);
	mqi_blank(h.DestQMgrName, sizeof h.DestQMgrName, qm->paths.name);
	h.Encoding = keep.Encoding;
	h.CodedCharSetId = keep.CodedCharSetId;
	memcpy(h.Format, keep.Format, MQ_FORMAT_LENGTH);
	h.PutApplType = MQAT_QMGR;
	mqi_blank(h.PutApplName, sizeof h.PutApplName, qm->paths.name);
	{
		/* when it was put on the dead-letter queue (UTC, as PutDate and PutTime) */
		struct timespec ts;
		struct tm g;
		char b[32];
		clock_gettime(CLOCK_REALTIME, &ts);
		gmtime_r(&ts.tv_sec, &g);
		snprintf(b, sizeof b, "%04d%02d%02d%02d%02d%02d%02d", g.tm_year + 1900, g.tm_mon + 1, g.tm_mday,
			 g.tm_hour, g.tm_min, g.tm_sec, (int)(ts.tv_nsec / 10000000));
		memcpy(h.PutDate, b, 8);
		memcpy(h.PutTime, b + 8, 8);
	}
	memcpy(d, &h, sizeof h);
	if (n)
		memcpy(d + sizeof h, data, n);
	keep.Encoding = MQENC_NATIVE;
	keep.CodedCharSetId = qm->os.qmgr.ccsid;
	memcpy(keep.Format, MQFMT_DEAD_LETTER_HEADER, MQ_FORMAT_LENGTH);
	(void)mqi_put_report(qm, c, dlq, &keep, d, (uint32_t)(sizeof h + n), &lsn);
	free(d);
	return lsn;
}

/* The report (Feedback fb) about message md (its data, len bytes) into *r;
 * the bytes of data it carries into *n (the options full and part: the
 * report's WITH_FULL_DATA and WITH_DATA).  0, or -1 when none is to be made
 * (another queue manager's reply queue). */
static int make_report(struct qm *qm, const MQMD *md, uint32_t len, MQLONG fb, MQLONG full, MQLONG part, MQMD *r,
		       uint32_t *n, char *q)
{
	char qmgr[MQ_Q_MGR_NAME_LENGTH + 1];
	mqi_field(qmgr, md->ReplyToQMgr, MQ_Q_MGR_NAME_LENGTH);
	if (qmgr[0] && !names(md->ReplyToQMgr, MQ_Q_MGR_NAME_LENGTH, qm->paths.name))
		return -1;   /* another queue manager's queue: no channel to send it on */
	mqi_field(q, md->ReplyToQ, MQ_Q_NAME_LENGTH);
	if (!q[0])
		return -1;
	mqi_system_md(qm, r, MQFMT_NONE, md->Persistence);
	r->MsgType = MQMT_REPORT;
	r->Feedback = fb;
	memcpy(r->Format, md->Format, sizeof r->Format);
	r->Encoding = md->Encoding;
	r->CodedCharSetId = md->CodedCharSetId;
	r->Priority = md->Priority;
	if (md->Report & MQRO_PASS_MSG_ID)
		memcpy(r->MsgId, md->MsgId, sizeof r->MsgId);
	else
		memcpy(r->MsgId, MQMI_NONE, sizeof r->MsgId);   /* a new one */
	if (md->Report & MQRO_PASS_CORREL_ID)
		memcpy(r->CorrelId, md->CorrelId, sizeof r->CorrelId);
	else
		memcpy(r->CorrelId, md->MsgId, sizeof r->CorrelId);
	if (md->Report & MQRO_PASS_DISCARD_AND_EXPIRY) {
		r->Report = md->Report & MQRO_DISCARD_MSG;
		r->Expiry = md->Expiry;
	}
	memcpy(r->UserIdentifier, md->UserIdentifier, sizeof r->UserIdentifier);
	memcpy(r->AccountingToken, md->AccountingToken, sizeof r->AccountingToken);
	memcpy(r->GroupId, md->GroupId, sizeof r->GroupId);
	r->MsgSeqNumber = md->MsgSeqNumber;
	r->Offset = md->Offset;
	r->MsgFlags = md->MsgFlags & ~MQMF_SEGMENTATION_ALLOWED;
	/* the segment's length for a segment's report; otherwise undefined, as
	 * MQPUT makes it for any message that is no report segment */
	r->OriginalLength = md->MsgFlags & (MQMF_SEGMENT | MQMF_LAST_SEGMENT) ? (MQLONG)len : MQOL_UNDEFINED;
	*n = 0;
	if ((md->Report & full) == full)
		*n = len;
	else if ((md->Report & part) == part)
		*n = len < REPORT_DATA ? len : REPORT_DATA;
	else
		memcpy(r->Format, MQFMT_NONE, sizeof r->Format);
	return 0;
}

/* Test builds: with QM_FLUSH_BEFORE_REPORT set, the record of the call a
 * report is about is made durable before the report is put, so that the
 * report's record reaches the disk in a later flush (t6106 shows that the
 * call's reply waits for that one too). */
static void report_gap(struct qm *qm, uint64_t lsn)
{
#ifdef QUIRE_TEST_HOOKS
	if (lsn && qm->lg && getenv("QM_FLUSH_BEFORE_REPORT"))
		(void)log_flush(qm->lg, lsn);
#else
	(void)qm;
	(void)lsn;
#endif
}

uint64_t mqi_report_coa(struct qm *qm, struct conn *c, const struct qobj *base, const MQMD *md, const uint8_t *data,
			uint32_t len, int sync, uint64_t lsn)
{
	if (!c || !(md->Report & MQRO_COA) || md->MsgType == MQMT_REPORT || base->def.usage == MQUS_TRANSMISSION)
		return 0;
	MQMD r;
	uint32_t n;
	char q[MQ_Q_NAME_LENGTH + 1];
	if (make_report(qm, md, len, MQFB_COA, MQRO_COA_WITH_FULL_DATA, MQRO_COA_WITH_DATA, &r, &n, q))
		return 0;
	if (!sync)
		report_gap(qm, lsn);
	return report_put(qm, sync ? c : NULL, q, &r, data, n);
}

struct mqi_cod {
	MQMD md;                    /* the report */
	char q[MQ_Q_NAME_LENGTH + 1];
	uint32_t n;                 /* its data */
	uint8_t data[];
};

struct mqi_cod *mqi_report_cod_prep(struct qm *qm, const MQMD *md, const void *data, uint32_t len)
{
	if (!(md->Report & MQRO_COD) || md->MsgType == MQMT_REPORT)
		return NULL;
	MQMD r;
	uint32_t n;
	char q[MQ_Q_NAME_LENGTH + 1];
	if (make_report(qm, md, len, MQFB_COD, MQRO_COD_WITH_FULL_DATA, MQRO_COD_WITH_DATA, &r, &n, q))
		return NULL;
	struct mqi_cod *d = malloc(sizeof *d + n);
	if (!d)
		return NULL;   /* no memory: no report, as for any report that cannot be put */
	d->md = r;
	memcpy(d->q, q, sizeof d->q);
	d->n = n;
	if (n)
		memcpy(d->data, data, n);
	return d;
}

uint64_t mqi_report_cod_put(struct qm *qm, struct conn *c, const struct mqi_cod *d, int sync, uint64_t lsn)
{
	if (!d)
		return 0;
	MQMD r = d->md;
	if (!sync)
		report_gap(qm, lsn);
	return report_put(qm, sync ? c : NULL, d->q, &r, d->data, d->n);
}

void mqi_report_cod_free(struct mqi_cod *d)
{
	free(d);
}

/* Expiration reports wait here: the expired hook runs inside the queue
 * engine's finders, where no message may be put; mqi_report_flush puts them
 * once the request (or the wake-up) that found them is done. */
struct exp_rep {
	struct exp_rep *next;
	MQMD md;
	char q[MQ_Q_NAME_LENGTH + 1];
	uint32_t n;
	uint8_t data[];
};
static struct exp_rep *exp_head, **exp_tail = &exp_head;

void mqi_report_expired(struct qm *qm, const char *qname, const struct qmsg *m)
{
	struct qobj *o = qm_qfind(qm, qname);
	MQMD md;
	const void *body;
	void *owned = NULL;
	if (!o || store_msg_md(qm, o, m, &md) != QM_OK || !(md.Report & MQRO_EXPIRATION) ||
	    md.MsgType == MQMT_REPORT)
		return;
	uint32_t len = qmsg_len(m), n;
	MQMD r;
	char q[MQ_Q_NAME_LENGTH + 1];
	if (make_report(qm, &md, len, MQFB_EXPIRATION, MQRO_EXPIRATION_WITH_FULL_DATA, MQRO_EXPIRATION_WITH_DATA, &r,
			&n, q))
		return;
	if (n && store_msg_load(qm, o, m, &md, &body, &owned) != QM_OK)
		return;   /* AMQ7905 said why */
	struct exp_rep *e = malloc(sizeof *e + n);
	if (e) {
		e->next = NULL;
		e->md = r;
		memcpy(e->q, q, sizeof e->q);
		e->n = n;
		if (n)
			memcpy(e->data, body, n);
		*exp_tail = e;
		exp_tail = &e->next;
	}
	free(owned);
}

void mqi_report_flush(struct qm *qm)
{
	static int busy;   /* putting a report wakes waiters, which may call back here */
	if (busy)
		return;
	busy = 1;
	while (exp_head) {
		struct exp_rep *e = exp_head;
		exp_head = e->next;
		if (!exp_head)
			exp_tail = &exp_head;
		(void)report_put(qm, NULL, e->q, &e->md, e->data, e->n);
		free(e);
	}
	busy = 0;
}
