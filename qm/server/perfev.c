/*
 * perfev.c: queue depth events (performance events), as MQ makes them on
 * distributed platforms, with the queue manager's PERFMEV(ENABLED):
 *
 *   Queue Depth High (MQRC_Q_DEPTH_HIGH 2224): an application's MQPUT or
 *     MQPUT1 makes the queue's depth reach QDEPTHHI percent of MAXDEPTH or
 *     more, with QDPHIEV(ENABLED).  Then QDPHIEV is disabled, QDPLOEV and
 *     QDPMAXEV enabled.
 *   Queue Depth Low (MQRC_Q_DEPTH_LOW 2225): an application's MQGET removes a
 *     message and the depth is QDEPTHLO percent of MAXDEPTH or less, with
 *     QDPLOEV(ENABLED).  Then QDPLOEV is disabled, QDPHIEV and QDPMAXEV
 *     enabled.
 *   Queue Full (MQRC_Q_FULL 2053): a put is refused because the queue is
 *     full, with QDPMAXEV(ENABLED).  Then QDPMAXEV is disabled and QDPLOEV
 *     enabled.
 * The limits are MAXDEPTH * QDEPTHHI / 100 and MAXDEPTH * QDEPTHLO / 100
 * (whole messages, rounded down).  The depth counted is CURDEPTH less the
 * messages got under units of work not yet ended (they are gone for the
 * application, as in MQ, where a get under syncpoint lowers CURDEPTH).
 * The attributes the queue manager changes are logged (OBJ_ALTER with the
 * whole definition, as MQSET logs them; the queue file takes them at the
 * next checkpoint).  Puts and gets by the queue manager itself (event and
 * trigger messages) make no depth events.
 *
 * Each queue keeps its performance statistics since the start or its last
 * event: the time, the highest depth, the messages put (MsgEnqCount) and got
 * (MsgDeqCount); every event reports them and starts them again.
 *
 * The message: the MQMD of every event message (Format MQFMT_EVENT,
 * MQMT_DATAGRAM, MQPRI_PRIORITY_AS_Q_DEF and MQPER_PERSISTENCE_AS_Q_DEF,
 * PutApplType MQAT_QMGR; loggerev.c has it whole) on
 * SYSTEM.ADMIN.PERFM.EVENT; data in native byte order:
 *     offset  size  what
 *          0    36  MQCFH: Type MQCFT_EVENT, StrucLength 36, Version 1,
 *                   Command MQCMD_PERFM_EVENT (45), MsgSeqNumber 1, Control
 *                   MQCFC_LAST, CompCode MQCC_WARNING, Reason 2224, 2225 or
 *                   2053, ParameterCount 6
 *         36    68  MQCFST MQCA_Q_MGR_NAME (2015), 48 characters
 *        104    68  MQCFST MQCA_BASE_Q_NAME (2002): the queue, 48 characters
 *        172    16  MQCFIN MQIA_TIME_SINCE_RESET (35): seconds
 *        188    16  MQCFIN MQIA_HIGH_Q_DEPTH (36)
 *        204    16  MQCFIN MQIA_MSG_ENQ_COUNT (37)
 *        220    16  MQCFIN MQIA_MSG_DEQ_COUNT (38)
 *        236        end
 * A failed put is said once in the error log (AMQ7930W, as for logger
 * events) and the queue manager goes on.  The message is built and put by
 * qmgrev.c's evmsg_* (shared with the inhibit events).
 */
#include "qm/server/mqiserv.h"

#include <stdio.h>
#include <string.h>

#include "cmqcfc.h"
#include "log/log.h"
#include "log/qmerr.h"
#include "qm/home/msgcat.h"

#define PERFEV_QUEUE "SYSTEM.ADMIN.PERFM.EVENT"

static int said_failed;   /* AMQ7930W said since the last event put */

static uint64_t edepth(const struct queue *q)
{
	return q->depth - q->uncommitted_gets;
}

static int on(const struct qm *qm, const struct qobj *o)
{
	return qm->os.qmgr.performance_event == MQEVR_ENABLED && o && o->q && !o->temp && !o->deleted && !o->damaged;
}

/* The queue manager changes o's event switches: logged as MQSET's are. */
static void switches(struct qm *qm, struct qobj *o, int32_t hi, int32_t lo, int32_t max)
{
	struct objdef nd = o->def;
	if (hi >= 0)
		nd.q_depth_high_event = hi;
	if (lo >= 0)
		nd.q_depth_low_event = lo;
	if (max >= 0)
		nd.q_depth_max_event = max;
	if (objdef_equal(&nd, &o->def))
		return;
	uint8_t buf[OBJDEF_ENC_MAX];
	size_t len;
	uint64_t lsn;
	int rc = objdef_encode(&nd, buf, sizeof buf, &len);
	if (!rc)
		rc = dur_append(qm, LOG_REC_OBJ_ALTER, 0, nd.name, buf, len, 0, &lsn, &lsn);
	if (rc) {
		ERRLOG(&qm->el, AMQ_QUIRE_ERROR, qm_strerror(rc));
		return;
	}
	o->def_dirty = 1;
	dur_defs_changed(qm, lsn);   /* MQINQ and DISPLAY wait for it */
	o->def = nd;
}

static void event(struct qm *qm, struct qobj *o, MQLONG reason)
{
	struct evmsg e;   /* built by qmgrev.c's evmsg_*, as every event message */
	MQLONG ccsid = qm->os.qmgr.ccsid;
	int64_t now = qm_now_ms(), since = o->perf_reset_ms ? o->perf_reset_ms : qm->start_ms;
	evmsg_begin(&e, MQCMD_PERFM_EVENT, reason, 6);
	evmsg_str(&e, MQCA_Q_MGR_NAME, ccsid, qm->paths.name, MQ_Q_MGR_NAME_LENGTH);
	evmsg_str(&e, MQCA_BASE_Q_NAME, ccsid, o->def.name, MQ_Q_NAME_LENGTH);
	evmsg_int(&e, MQIA_TIME_SINCE_RESET, now > since ? (now - since) / 1000 : 0);
	evmsg_int(&e, MQIA_HIGH_Q_DEPTH, o->perf_high);
	evmsg_int(&e, MQIA_MSG_ENQ_COUNT, o->perf_enq);
	evmsg_int(&e, MQIA_MSG_DEQ_COUNT, o->perf_deq);
	/* the statistics start again */
	o->perf_reset_ms = now;
	o->perf_high = (int64_t)edepth(o->q);
	o->perf_enq = o->perf_deq = 0;
	evmsg_put(qm, &e, PERFEV_QUEUE, &said_failed);
}

static uint64_t limit(const struct qobj *o, int32_t pct)
{
	return (uint64_t)o->def.max_q_depth * (uint64_t)pct / 100;
}

void perfev_put(struct qm *qm, struct conn *c, struct qobj *o)
{
	if (!c || !o->q)
		return;
	int64_t d = (int64_t)edepth(o->q);
	o->perf_enq++;
	if (d > o->perf_high)
		o->perf_high = d;
	if (!on(qm, o) || o->def.q_depth_high_event != MQEVR_ENABLED ||
	    (uint64_t)d < limit(o, o->def.q_depth_high_limit))
		return;
	event(qm, o, MQRC_Q_DEPTH_HIGH);
	switches(qm, o, MQEVR_DISABLED, MQEVR_ENABLED, MQEVR_ENABLED);
}

void perfev_got(struct qm *qm, struct conn *c, struct qobj *o)
{
	if (!c || !o || !o->q)
		return;
	o->perf_deq++;
	if (!on(qm, o) || o->def.q_depth_low_event != MQEVR_ENABLED ||
	    edepth(o->q) > limit(o, o->def.q_depth_low_limit))
		return;
	event(qm, o, MQRC_Q_DEPTH_LOW);
	switches(qm, o, MQEVR_ENABLED, MQEVR_DISABLED, MQEVR_ENABLED);
}

void perfev_full(struct qm *qm, struct conn *c, struct qobj *o)
{
	if (!c || !on(qm, o) || o->def.q_depth_max_event != MQEVR_ENABLED)
		return;
	event(qm, o, MQRC_Q_FULL);
	switches(qm, o, -1, MQEVR_ENABLED, MQEVR_DISABLED);
}
