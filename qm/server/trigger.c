/*
 * trigger.c: trigger messages, as MQ makes them on distributed platforms.
 *
 * A trigger event for local queue Q ("the application queue") needs, when a
 * message of priority P arrives on it (trig_put):
 *   1. TRIGGER on Q and TRIGTYPE not NONE;
 *   2. P >= TRIGMPRI (a priority above 9 counts as 9);
 *   3. the messages on Q of priority TRIGMPRI or more (committed and
 *      uncommitted alike, as MQ counts on a queue that is not shared),
 *      this one included, number: FIRST exactly 1 (none before); EVERY any;
 *      DEPTH TRIGDPTH or more;
 *   4. FIRST and DEPTH: no handle has Q open for input (IPPROCS 0);
 *   5. GET(ENABLED) on Q;
 *   6. PROCESS names a process definition that exists (else no trigger
 *      message: AMQ7912W in the error log, once until a trigger message
 *      for Q is made or Q's definition changes);
 *   7. INITQ names a local queue, with GET(ENABLED), that some handle has
 *      open for input (a trigger monitor).
 * (Condition 7 is what a trigger monitor's MQOPEN can newly meet: only the
 * first input handle of a queue looks for queues it serves.)
 * FIRST also triggers when Q already held such messages (3 not met) but 4-7
 * are, provided TRIGINT (the queue manager's, milliseconds) has passed since
 * Q's last trigger message: an application that ended leaving messages.
 * DEPTH: once its trigger message is made, TRIGGER is switched off on Q,
 * logged (OBJ_ALTER with the whole definition) as MQSET would log it.
 *
 * The same conditions apart from 2 and 3's transition (the count only: FIRST
 * at least one, DEPTH at least TRIGDPTH) make a trigger message when
 * TRIGGER or another trigger attribute of Q is set (MQSET, ALTER:
 * trig_altered) and when Q's initiation queue is opened for input
 * (trig_initq_opened), for FIRST and DEPTH only, as MQ.
 *
 * The trigger message.  MQMD: Format MQFMT_TRIGGER, MsgType MQMT_DATAGRAM,
 * nonpersistent, priority and expiry the initiation queue's defaults
 * (MQPRI_PRIORITY_AS_Q_DEF, unlimited), Encoding MQENC_NATIVE, the queue
 * manager's CCSID, PutApplType MQAT_QMGR and PutApplName the queue manager's
 * name, no user identifier.  Data: an MQTM version 1: QName Q, ProcessName,
 * TriggerData Q's TRIGDATA, then ApplType, ApplId, EnvData and UserData of the
 * process.  It is put outside any unit of work by the queue manager
 * (mqi_put_system).  A put under syncpoint that makes a trigger event keeps
 * its trigger message with the unit of work, which puts it when the unit of
 * work ends, committed or backed out (MQ's rule: a FIRST or DEPTH trigger
 * message is always delivered).  A trigger message that cannot be put on its
 * initiation queue goes to the queue manager's dead-letter queue (DEADQ)
 * behind an MQDLH whose Reason is the put's; AMQ7913W says which happened.
 *
 * Not done here (see qm/server/README.md): TRIGGER on transmission queues with
 * a blank PROCESS (no channels), a trigger event when the last input handle
 * closes a queue that still holds messages.
 */
#include "qm/server/mqiserv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "log/qmerr.h"
#include "qm/home/msgcat.h"

/* A trigger message waiting for its unit of work to end. */
struct trig_pending {
	char initq[OBJDEF_NAME_SIZE];
	MQTM tm;
	struct trig_pending *next;
};

/* The queue manager's own puts can trigger too (an event queue may be
 * triggered), but a trigger message never triggers again in the same call. */
static int busy;

/* Messages on q of priority minprio or more, counted up to limit. */
static uint64_t count_eligible(struct queue *q, int minprio, uint64_t limit)
{
	if (minprio <= 0)
		return q->depth;
	uint64_t n = 0;
	for (struct qmsg *m = queue_first(q); m && n < limit; m = queue_next(m))
		if (m->prio >= minprio)
			n++;
	return n;
}

/* The initiation queue of o, when a trigger monitor serves it. */
static struct qobj *initq_of(struct qm *qm, const struct qobj *o)
{
	if (!o->def.initiation_q_name[0])
		return NULL;
	struct qobj *iq = qm_qfind(qm, o->def.initiation_q_name);
	if (!iq || !iq->q || iq->deleted || iq->damaged || iq->def.inhibit_get == MQQA_GET_INHIBITED || !iq->n_input)
		return NULL;
	return iq;
}

/* Conditions 1, 4-7 (not the count): the process, or NULL. */
static struct qobj *ready(struct qm *qm, struct qobj *o, struct qobj **iq)
{
	const struct objdef *d = &o->def;
	if (!o->q || o->deleted || o->damaged || d->trigger_control != MQTC_ON || d->trigger_type == MQTT_NONE)
		return NULL;
	if (d->trigger_type != MQTT_EVERY && o->n_input)
		return NULL;
	if (d->inhibit_get == MQQA_GET_INHIBITED)
		return NULL;
	if (!(*iq = initq_of(qm, o)))
		return NULL;
	struct qobj *p = d->process_name[0] ? qm_pfind(qm, d->process_name) : NULL;
	if (!p || p->damaged) {
		if (!o->trig_noted) {
			ERRLOG(&qm->el, AMQ_TRIGGER_NO_PROCESS, d->name, d->process_name[0] ? d->process_name : "' '");
			o->trig_noted = 1;
		}
		return NULL;
	}
	return p;
}

static void build_tm(const struct qobj *o, const struct qobj *p, MQTM *tm)
{
	MQTM t = { MQTM_DEFAULT };
	mqi_blank(t.QName, sizeof t.QName, o->def.name);
	mqi_blank(t.ProcessName, sizeof t.ProcessName, p->def.name);
	mqi_blank(t.TriggerData, sizeof t.TriggerData, o->def.trigger_data);
	t.ApplType = p->def.appl_type;
	mqi_blank(t.ApplId, sizeof t.ApplId, p->def.appl_id);
	mqi_blank(t.EnvData, sizeof t.EnvData, p->def.env_data);
	mqi_blank(t.UserData, sizeof t.UserData, p->def.user_data);
	*tm = t;
}

static void trig_md(struct qm *qm, MQMD *md, const char *format)
{
	mqi_system_md(qm, md, format, MQPER_NOT_PERSISTENT);
}

/* Put tm on initq; on failure on the dead-letter queue. */
static void deliver(struct qm *qm, const char *initq, const MQTM *tm)
{
	MQMD md;
	trig_md(qm, &md, MQFMT_TRIGGER);
	busy++;
	MQLONG rc = mqi_put_system(qm, initq, &md, tm, (uint32_t)sizeof *tm);
	if (rc != MQRC_NONE) {
		char qn[MQ_Q_NAME_LENGTH + 1], rs[16], where[128];
		const char *dlq = qm->os.qmgr.dead_letter_q_name;
		mqi_field(qn, tm->QName, MQ_Q_NAME_LENGTH);
		snprintf(rs, sizeof rs, "%d", (int)rc);
		MQLONG drc = MQRC_UNKNOWN_OBJECT_NAME;
		if (dlq[0]) {
			struct { MQDLH dlh; MQTM tm; } d;
			MQDLH h = { MQDLH_DEFAULT };
			h.Reason = rc;
			mqi_blank(h.DestQName, sizeof h.DestQName, initq);
			mqi_blank(h.DestQMgrName, sizeof h.DestQMgrName, qm->paths.name);
			h.Encoding = MQENC_NATIVE;
			h.CodedCharSetId = qm->os.qmgr.ccsid;
			memcpy(h.Format, MQFMT_TRIGGER, MQ_FORMAT_LENGTH);
			h.PutApplType = MQAT_QMGR;
			mqi_blank(h.PutApplName, sizeof h.PutApplName, qm->paths.name);
			memcpy(h.PutDate, md.PutDate, sizeof h.PutDate);
			memcpy(h.PutTime, md.PutTime, sizeof h.PutTime);
			d.dlh = h;
			d.tm = *tm;
			MQMD dmd;
			trig_md(qm, &dmd, MQFMT_DEAD_LETTER_HEADER);
			drc = mqi_put_system(qm, dlq, &dmd, &d, (uint32_t)sizeof d);
		}
		if (drc == MQRC_NONE)
			snprintf(where, sizeof where, "it was put on the dead-letter queue %s", dlq);
		else
			snprintf(where, sizeof where, "it is lost: the dead-letter queue did not take it");
		ERRLOG(&qm->el, AMQ_TRIGGER_NOT_PUT, qn, initq, rs, where);
	}
	busy--;
}

/* DEPTH: TRIGGER off on o, logged as MQSET logs it (the queue file takes it
 * at the next checkpoint). */
static void depth_off(struct qm *qm, struct qobj *o)
{
	struct objdef nd = o->def;
	nd.trigger_control = MQTC_OFF;
	if (!o->temp) {
		uint8_t buf[OBJDEF_ENC_MAX];
		size_t len;
		uint64_t lsn;
		int rc = objdef_encode(&nd, buf, sizeof buf, &len);
		if (!rc)
			rc = dur_append(qm, LOG_REC_OBJ_ALTER, 0, nd.name, buf, len, 0, &lsn, &lsn);
		if (rc) {
			ERRLOG(&qm->el, AMQ_QUIRE_ERROR, qm_strerror(rc));
			return;   /* not logged: TRIGGER stays as the log has it */
		}
		o->def_dirty = 1;
		dur_defs_changed(qm, lsn);   /* MQINQ and DISPLAY wait for it */
	}
	o->def = nd;
}

/* A trigger event on o: the message made now, or kept for c's unit of work. */
static void fire(struct qm *qm, struct conn *c, struct qobj *o, struct qobj *p, struct qobj *iq, int sync)
{
	MQTM tm;
	build_tm(o, p, &tm);
	o->trig_ms = qm_now_ms();
	o->trig_noted = 0;
	if (o->def.trigger_type == MQTT_DEPTH)
		depth_off(qm, o);
	if (sync && c) {
		struct trig_pending *t = calloc(1, sizeof *t);
		if (t) {
			snprintf(t->initq, sizeof t->initq, "%s", iq->def.name);
			t->tm = tm;
			struct trig_pending **pp = &c->trig;
			while (*pp)
				pp = &(*pp)->next;
			*pp = t;
			return;
		}
		/* no memory to keep it: made now rather than lost */
	}
	deliver(qm, iq->def.name, &tm);
}

void trig_put(struct qm *qm, struct conn *c, struct qobj *base, const struct qmsg *m, int sync)
{
	if (busy || !base->q)
		return;
	const struct objdef *d = &base->def;
	if (d->trigger_control != MQTC_ON || d->trigger_type == MQTT_NONE || m->prio < d->trigger_msg_priority)
		return;
	struct qobj *iq, *p = ready(qm, base, &iq);
	if (!p)
		return;
	int go = 0;
	switch (d->trigger_type) {
	case MQTT_EVERY:
		go = 1;
		break;
	case MQTT_DEPTH:
		go = count_eligible(base->q, d->trigger_msg_priority, (uint64_t)d->trigger_depth) >=
		     (uint64_t)d->trigger_depth;
		break;
	case MQTT_FIRST: {
		int64_t now = qm_now_ms();
		go = count_eligible(base->q, d->trigger_msg_priority, 2) == 1 ||
		     !base->trig_ms || now - base->trig_ms >= (int64_t)qm->os.qmgr.trigger_interval;
		break;
	}
	}
	if (go)
		fire(qm, c, base, p, iq, sync);
}

/* FIRST and DEPTH with their count met now, outside any put. */
static void check_standing(struct qm *qm, struct qobj *o)
{
	const struct objdef *d = &o->def;
	if (busy || !o->q || (d->trigger_type != MQTT_FIRST && d->trigger_type != MQTT_DEPTH))
		return;
	if (o->def.trigger_control != MQTC_ON)
		return;
	uint64_t want = d->trigger_type == MQTT_DEPTH ? (uint64_t)d->trigger_depth : 1;
	if (count_eligible(o->q, d->trigger_msg_priority, want) < want)
		return;
	struct qobj *iq, *p = ready(qm, o, &iq);
	if (p)
		fire(qm, NULL, o, p, iq, 0);
}

void trig_altered(struct qm *qm, struct qobj *o)
{
	o->trig_noted = 0;
	check_standing(qm, o);
}

void trig_initq_opened(struct qm *qm, struct qobj *iq)
{
	if (busy || !iq->q)
		return;
	for (unsigned i = 0; i < QM_QHASH; i++)
		for (struct qobj *o = qm->qhash[i]; o; o = o->hnext)
			if (o->q && o != iq && !strcmp(o->def.initiation_q_name, iq->def.name))
				check_standing(qm, o);
}

void trig_uow_end(struct qm *qm, struct conn *c)
{
	struct trig_pending *t = c->trig;
	c->trig = NULL;
	while (t) {
		struct trig_pending *nx = t->next;
		deliver(qm, t->initq, &t->tm);
		free(t);
		t = nx;
	}
}

void trig_conn_free(struct conn *c)
{
	for (struct trig_pending *t = c->trig, *nx; t; t = nx) {
		nx = t->next;
		free(t);
	}
	c->trig = NULL;
}
