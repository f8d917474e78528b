/*
 * qmgrev.c: event messages in MQ's PCF event format, built once for every
 * kind the queue manager makes (queue depth events, perfev.c; inhibit
 * events, below), and the inhibit events.
 *
 * An event message (evmsg_*): the MQMD of every event message
 * (mqi_system_md: Format MQFMT_EVENT, MQMT_DATAGRAM, Priority and
 * Persistence as the event queue's, PutApplType MQAT_QMGR; loggerev.c's top
 * has it whole), and data in native byte order:
 *     MQCFH   Type MQCFT_EVENT, StrucLength 36, Version 1, Command (the
 *             event's kind), MsgSeqNumber 1, Control MQCFC_LAST, CompCode
 *             MQCC_WARNING, Reason (the event), ParameterCount
 *     then each parameter: MQCFST (Type MQCFT_STRING, StrucLength 20 + the
 *             string's length, a multiple of 4 for every string used here,
 *             CodedCharSetId the queue manager's CCSID, StringLength, the
 *             string padded with blanks to its MQ length) or MQCFIN (16
 *             bytes).
 * A put that fails is said once in the error log (AMQ7930W) until an event
 * of the same kind is put again; the queue manager goes on.
 *
 * Inhibit events (INHIBTEV on the queue manager, MQIA_INHIBIT_EVENT, default
 * DISABLED), on SYSTEM.ADMIN.QMGR.EVENT, Command MQCMD_Q_MGR_EVENT (44):
 *   Get Inhibited (MQRC_GET_INHIBITED 2016): an application's MQGET fails
 *     because gets are inhibited on the queue it opened or on the queue it
 *     resolves to (a parked MQGET woken by MQSET GET(DISABLED), and an
 *     MQCB consumer's get, included: each is an MQGET that failed);
 *   Put Inhibited (MQRC_PUT_INHIBITED 2051): an application's MQPUT or
 *     MQPUT1 fails because puts are inhibited the same way.
 * Their data (ParameterCount 4):
 *     offset  size  what
 *          0    36  MQCFH, Reason 2016 or 2051
 *         36    68  MQCFST MQCA_Q_MGR_NAME (2015), 48 characters
 *        104    68  MQCFST MQCA_Q_NAME (2016): the name the application
 *                   opened (MQOD.ObjectName: an alias's own name), 48
 *        172    16  MQCFIN MQIA_APPL_TYPE (1): MQAT_UNIX, as the put context
 *        188    48  MQCFST MQCACF_APPL_NAME (3024): the MQCONN application
 *                   name (PutApplName's), 28 characters
 *        236        end
 * Not made: ObjectQMgrName (only when MQOD named another queue manager,
 * which Quire refuses before any put), ConnName and ChannelName (client
 * connections only).  The queue manager's own puts and gets make none.
 */
#include "qm/server/mqiserv.h"

#include <stdio.h>
#include <string.h>

#include "cmqcfc.h"
#include "qm/home/msgcat.h"

#define QMGREV_QUEUE "SYSTEM.ADMIN.QMGR.EVENT"

void evmsg_begin(struct evmsg *e, MQLONG command, MQLONG reason, MQLONG nparams)
{
	MQCFH h = { MQCFH_DEFAULT };
	h.Type = MQCFT_EVENT;
	h.Command = command;
	h.MsgSeqNumber = 1;
	h.Control = MQCFC_LAST;
	h.CompCode = MQCC_WARNING;
	h.Reason = reason;
	h.ParameterCount = nparams < 0 ? 0 : nparams;
	memcpy(e->buf, &h, sizeof h);
	e->off = MQCFH_STRUC_LENGTH;
	e->nparm = 0;
	e->count = nparams < 0;
	e->seq = 1;
	e->ctl = MQCFC_LAST;
	e->over = 0;
}

void evmsg_seq(struct evmsg *e, MQLONG seq, MQLONG control)
{
	e->seq = seq;
	e->ctl = control;
}

void evmsg_group(struct evmsg *e, MQLONG param, MQLONG count)
{
	MQCFGR g = { MQCFGR_DEFAULT };
	if (e->off + MQCFGR_STRUC_LENGTH > sizeof e->buf) {
		e->over = 1;
		return;
	}
	g.Parameter = param;
	g.ParameterCount = count;
	memcpy(e->buf + e->off, &g, MQCFGR_STRUC_LENGTH);
	e->off += MQCFGR_STRUC_LENGTH;
	e->nparm++;
}

void evmsg_bytes(struct evmsg *e, MQLONG param, const uint8_t *b, size_t n)
{
	MQCFBS bs = { MQCFBS_DEFAULT };
	size_t total = (MQCFBS_STRUC_LENGTH_FIXED + n + 3) & ~(size_t)3;
	if (e->off + total > sizeof e->buf) {
		e->over = 1;
		return;
	}
	bs.StrucLength = (MQLONG)total;
	bs.Parameter = param;
	bs.StringLength = (MQLONG)n;
	memcpy(e->buf + e->off, &bs, MQCFBS_STRUC_LENGTH_FIXED);
	memset(e->buf + e->off + MQCFBS_STRUC_LENGTH_FIXED, 0, total - MQCFBS_STRUC_LENGTH_FIXED);
	memcpy(e->buf + e->off + MQCFBS_STRUC_LENGTH_FIXED, b, n);
	e->off += total;
	e->nparm++;
}

void evmsg_raw(struct evmsg *e, const uint8_t *p, size_t n, MQLONG count)
{
	if (e->off + n > sizeof e->buf) {
		e->over = 1;
		return;
	}
	memcpy(e->buf + e->off, p, n);
	e->off += n;
	e->nparm += count;
}

void evmsg_str(struct evmsg *e, MQLONG param, MQLONG ccsid, const char *s, size_t len)
{
	MQCFST st = { MQCFST_DEFAULT };
	size_t total = (MQCFST_STRUC_LENGTH_FIXED + len + 3) & ~(size_t)3;   /* a multiple of 4, as PCF's */
	if (e->off + total > sizeof e->buf) {
		e->over = 1;   /* (every caller's parameters fit: a programming error) */
		return;
	}
	st.StrucLength = (MQLONG)total;
	st.Parameter = param;
	st.CodedCharSetId = ccsid;
	st.StringLength = (MQLONG)len;
	memcpy(e->buf + e->off, &st, MQCFST_STRUC_LENGTH_FIXED);
	memset(e->buf + e->off + MQCFST_STRUC_LENGTH_FIXED, 0, total - MQCFST_STRUC_LENGTH_FIXED);
	mqi_blank((char *)e->buf + e->off + MQCFST_STRUC_LENGTH_FIXED, len, s);
	e->off += total;
	e->nparm++;
}

void evmsg_int(struct evmsg *e, MQLONG param, int64_t v)
{
	MQCFIN in = { MQCFIN_DEFAULT };
	if (e->off + MQCFIN_STRUC_LENGTH > sizeof e->buf) {
		e->over = 1;
		return;
	}
	in.Parameter = param;
	in.Value = v > 999999999 ? 999999999 : (MQLONG)v;
	memcpy(e->buf + e->off, &in, MQCFIN_STRUC_LENGTH);
	e->off += MQCFIN_STRUC_LENGTH;
	e->nparm++;
}

MQLONG evmsg_put(struct qm *qm, struct evmsg *e, const char *queue, int *said_failed)
{
	return evmsg_put_correl(qm, e, queue, NULL, said_failed);
}

MQLONG evmsg_put_correl(struct qm *qm, struct evmsg *e, const char *queue, const uint8_t *correl,
			int *said_failed)
{
	MQMD md;
	mqi_system_md(qm, &md, MQFMT_EVENT, MQPER_PERSISTENCE_AS_Q_DEF);
	if (correl)
		memcpy(md.CorrelId, correl, sizeof md.CorrelId);
	/* the header's count and sequence as the builder ended them */
	struct evmsg *w = e;
	MQCFH h;
	memcpy(&h, w->buf, sizeof h);
	if (w->count)
		h.ParameterCount = w->nparm;
	h.MsgSeqNumber = w->seq;
	h.Control = w->ctl;
	memcpy(w->buf, &h, sizeof h);
	MQLONG rc = w->over ? MQRC_DATA_LENGTH_ERROR : mqi_put_system(qm, queue, &md, e->buf, (uint32_t)e->off);
	if (rc == MQRC_NONE) {
		*said_failed = 0;
	} else if (!*said_failed) {
		char why[16];
		snprintf(why, sizeof why, "%d", (int)rc);
		ERRLOG(&qm->el, AMQ_EVENT_NOT_PUT, queue, why, qm->paths.name);
		*said_failed = 1;
	}
	return rc;
}

static int inhibit_said;   /* AMQ7930W said since the last inhibit event put */

void qmgrev_inhibited(struct qm *qm, struct conn *c, const struct hobj *h, MQLONG reason)
{
	if (!c || !h || !h->obj || qm->os.qmgr.inhibit_event != MQEVR_ENABLED)
		return;
	struct evmsg e;
	MQLONG ccsid = qm->os.qmgr.ccsid;
	evmsg_begin(&e, MQCMD_Q_MGR_EVENT, reason, 4);
	evmsg_str(&e, MQCA_Q_MGR_NAME, ccsid, qm->paths.name, MQ_Q_MGR_NAME_LENGTH);
	evmsg_str(&e, MQCA_Q_NAME, ccsid, h->obj->def.name, MQ_Q_NAME_LENGTH);
	evmsg_int(&e, MQIA_APPL_TYPE, MQAT_UNIX);
	evmsg_str(&e, MQCACF_APPL_NAME, ccsid, c->appname, MQ_APPL_NAME_LENGTH);
	evmsg_put(qm, &e, QMGREV_QUEUE, &inhibit_said);
}
