/*
 * cfgev.c: configuration events (CONFIGEV on the queue manager,
 * MQIA_CONFIGURATION_EVENT, default DISABLED) and command events (CMDEV,
 * MQIA_COMMAND_EVENT, below), as MQ makes them, through the one event
 * writer (qmgrev.c evmsg_*), on SYSTEM.ADMIN.CONFIG.EVENT and
 * SYSTEM.ADMIN.COMMAND.EVENT.
 *
 * WHEN.  With CONFIGEV(ENABLED) as the queue manager's attribute after the
 * change (so ALTER QMGR CONFIGEV(ENABLED) makes one for the queue manager,
 * and ALTER QMGR CONFIGEV(DISABLED) none), once the change is durable:
 *   Create object  MQRC_CONFIG_CREATE_OBJECT 2367: DEFINE of a queue,
 *                  process or topic that did not exist (REPLACE or not);
 *   Change object  MQRC_CONFIG_CHANGE_OBJECT 2368: ALTER of one, DEFINE
 *                  REPLACE of one that existed, ALTER QMGR, and an
 *                  application's MQSET of a queue or the queue manager: two
 *                  messages, the attributes before (MsgSeqNumber 1, Control
 *                  MQCFC_NOT_LAST) then after (MsgSeqNumber 2, MQCFC_LAST),
 *                  with the same CorrelId in their MQMDs;
 *   Delete object  MQRC_CONFIG_DELETE_OBJECT 2369: DELETE of one (its
 *                  attributes as they were);
 *   Refresh object MQRC_CONFIG_REFRESH_OBJECT 2370: REFRESH QMGR
 *                  TYPE(CONFIGEV), one for each object it selects
 *                  (qm/admin/mqsc_status.c), and for every object when
 *                  ALTER QMGR turns CONFIGEV from DISABLED to ENABLED (MQ's
 *                  automatic Refresh Queue Manager), after the pair.
 * An MQSET of a temporary dynamic queue makes a Change object pair like any
 * (MQ's documentation is silent).
 * Not made (documented in README.md): for dynamic queues an MQOPEN makes or
 * an MQCLOSE deletes (MQ names MQCLOSE among what makes Delete object; the
 * close is qm/server/mqiserv_open.c's, outside this work) (temporary dynamic queues are not refreshed either:
 * they are not in the catalog).
 *
 * THE MESSAGE.  The MQMD of every event (qmgrev.c; Format MQFMT_EVENT,
 * MQMT_DATAGRAM, persistence and priority the event queue's defaults, so a
 * persistent one is logged and made durable as any put is), then, native:
 *     MQCFH  Type MQCFT_EVENT, Command MQCMD_CONFIG_EVENT (43), MsgSeqNumber
 *            and Control as above, CompCode MQCC_WARNING, Reason the kind,
 *            ParameterCount all that follow
 *     MQCFST MQCACF_EVENT_USER_ID (3045), 12: who made the change (the user
 *            runmqsc, the command server or the MQSET caller runs as)
 *     MQCFIN MQIACF_EVENT_ORIGIN (1011): MQEVO_CONSOLE (runmqsc), MQEVO_MSG
 *            (a command message the command server carries out), MQEVO_MQSET
 *     MQCFST MQCACF_EVENT_Q_MGR (3047), 48: this queue manager
 *     MQCFIN MQIACF_OBJECT_TYPE (1016): MQOT_Q, MQOT_PROCESS, MQOT_TOPIC or
 *            MQOT_Q_MGR
 *     MQCFST the object's name: MQCA_Q_NAME, MQCA_PROCESS_NAME,
 *            MQCA_TOPIC_NAME or MQCA_Q_MGR_NAME, 48
 *     MQCFIN MQIA_Q_TYPE (20), for a queue: MQQT_LOCAL, MQQT_ALIAS, MQQT_MODEL
 *     then every other attribute the object's type has, in the order of
 *     objects/objdef.c's table (the one DISPLAY and MQINQ use): MQCFIN for
 *     numbers and values, MQCFST at the attribute's MQ length, blank-padded,
 *     for text (MQCA_ALTERATION_DATE and _TIME included).
 * For MQEVO_MSG the command message's context follows EventQMgr, as MQ
 * gives it (the command server sends it with the command, qm/proto.h
 * ADMIN_MQSC): MQCFBS MQBACF_EVENT_ACCOUNTING_TOKEN (7001), 32 bytes;
 * MQCFST MQCACF_EVENT_APPL_IDENTITY (3049), 32; MQCFIN
 * MQIACF_EVENT_APPL_TYPE (1010); MQCFST MQCACF_EVENT_APPL_NAME (3050), 28;
 * MQCFST MQCACF_EVENT_APPL_ORIGIN (3051), 4; and EventUserId is the
 * message's UserIdentifier.
 * A put that fails is said once in the error log (AMQ7930W) until one is
 * put again; the command is not undone.
 *
 * COMMAND EVENTS (CMDEV: DISABLED, the default; ENABLED; NODISPLAY, all but
 * the commands that only show).  After an MQSC command runs successfully
 * (runmqsc's, or one the command server carries out for MQCMD_ESCAPE),
 * once what it changed is durable; a command that fails makes none.  ALTER
 * QMGR makes one when CMDEV is not DISABLED before or after it, as MQ says.
 * On SYSTEM.ADMIN.COMMAND.EVENT, the MQMD of every event, then:
 *     MQCFH  Type MQCFT_EVENT, Command MQCMD_COMMAND_EVENT (99), MsgSeqNumber
 *            1, Control MQCFC_LAST, CompCode MQCC_WARNING, Reason
 *            MQRC_COMMAND_MQSC (2412), ParameterCount 2 (the two groups)
 *     MQCFGR MQGACF_COMMAND_CONTEXT (8001), ParameterCount 4 (9 with a
 *            command message's context, as above):
 *            MQCFST MQCACF_EVENT_USER_ID, 12; MQCFIN MQIACF_EVENT_ORIGIN
 *            (MQEVO_CONSOLE or MQEVO_MSG, as above); MQCFST
 *            MQCACF_EVENT_Q_MGR, 48; the context; MQCFIN MQIACF_COMMAND (1021): the PCF
 *            command the MQSC command is (DEFINE QLOCAL MQCMD_CREATE_Q, with
 *            LIKE MQCMD_COPY_Q, ALTER MQCMD_CHANGE_Q, DISPLAY QUEUE
 *            MQCMD_INQUIRE_Q, ... qm/admin/mqsc.c pcf_command)
 *     MQCFGR MQGACF_COMMAND_DATA (8002), ParameterCount 1:
 *            MQCFST MQCACF_COMMAND_MQSC (3075): the command's text as given,
 *            StringLength its length (the structure padded to 4 with nulls).
 * MQ on distributed platforms gives an MQSC command's data as the PCF
 * command's parameters; Quire's MQSC processor does not go through PCF, so
 * the data is the command text (MQ's parameter for it, as MQ gives it
 * elsewhere).
 * A PCF command the command server carries out successfully (any but
 * MQCMD_ESCAPE, whose MQSC makes the event above) is sent here by it
 * (ADMIN_PCFEV, mqi_admin_pcfev): Reason MQRC_COMMAND_PCF (2413), the
 * context group of 9 with the request's context, Command the request's, and
 * MQGACF_COMMAND_DATA holding the request's parameters exactly as they came
 * (its ParameterCount theirs).  MQSC the command server runs to serve a PCF
 * command (PROTO_MQSC_INTERNAL) makes no MQSC command event.  NODISPLAY
 * leaves out every MQCMD_INQUIRE_* command.
 */
#include "qm/server/mqiserv.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cmqcfc.h"
#include "cmqstrc.h"
#include "log/qmerr.h"
#include "qm/proto.h"
#include "qm/server/conn.h"

#define CFGEV_QUEUE "SYSTEM.ADMIN.CONFIG.EVENT"

static int cfgev_said;   /* AMQ7930W said since the last configuration event put */

/* The PCF id of an object's name, and MQ's object type for the event. */
static void object_ids(int type, MQLONG *name_id, MQLONG *mqot)
{
	if (objdef_is_queue(type)) {
		*name_id = MQCA_Q_NAME;
		*mqot = MQOT_Q;
	} else if (type == OBJDEF_PROCESS) {
		*name_id = MQCA_PROCESS_NAME;
		*mqot = MQOT_PROCESS;
	} else if (type == OBJDEF_TOPIC) {
		*name_id = MQCA_TOPIC_NAME;
		*mqot = MQOT_TOPIC;
	} else if (type == OBJDEF_CHANNEL || type == OBJDEF_LISTENER || type == OBJDEF_AUTHINFO) {
		/* MQCACH_CHANNEL_NAME, MQCACH_LISTENER_NAME, MQCA_AUTH_INFO_NAME */
		*name_id = objdef_key_attr(type)->id;
		*mqot = objdef_type_mqot(type);
	} else {
		*name_id = MQCA_Q_MGR_NAME;
		*mqot = MQOT_Q_MGR;
	}
}

MQLONG evmsg_origin(struct qm *qm, struct evmsg *e, const struct evorigin *og)
{
	MQLONG ccsid = qm->os.qmgr.ccsid;
	const struct proto_evctx *x = og ? og->ctx : NULL;
	/* a command message's user is its UserIdentifier (MQ: the user its
	 * authority is checked against), blank-padded as in the MQMD */
	if (x)
		evmsg_str(e, MQCACF_EVENT_USER_ID, ccsid, x->user, MQ_USER_ID_LENGTH);
	else
		evmsg_str(e, MQCACF_EVENT_USER_ID, ccsid, og && og->user ? og->user : "", MQ_USER_ID_LENGTH);
	evmsg_int(e, MQIACF_EVENT_ORIGIN, og ? og->origin : MQEVO_OTHER);
	evmsg_str(e, MQCACF_EVENT_Q_MGR, ccsid, qm->paths.name, MQ_Q_MGR_NAME_LENGTH);
	if (!x)
		return 3;
	evmsg_bytes(e, MQBACF_EVENT_ACCOUNTING_TOKEN, x->acct, MQ_ACCOUNTING_TOKEN_LENGTH);
	evmsg_str(e, MQCACF_EVENT_APPL_IDENTITY, ccsid, x->ident, MQ_APPL_IDENTITY_DATA_LENGTH);
	evmsg_int(e, MQIACF_EVENT_APPL_TYPE, x->appl_type);
	evmsg_str(e, MQCACF_EVENT_APPL_NAME, ccsid, x->appl_name, MQ_APPL_NAME_LENGTH);
	evmsg_str(e, MQCACF_EVENT_APPL_ORIGIN, ccsid, x->appl_origin, MQ_APPL_ORIGIN_DATA_LENGTH);
	return 8;
}

static char text[16384];   /* a text attribute (TOPICSTR: 10,240) */

/* One event message: the origin, the object's identity and attributes. */
static void build(struct qm *qm, struct evmsg *e, const struct evorigin *og, MQLONG reason, const struct objdef *d)
{
	MQLONG ccsid = qm->os.qmgr.ccsid, name_id, mqot;
	object_ids(d->type, &name_id, &mqot);
	evmsg_begin(e, MQCMD_CONFIG_EVENT, reason, -1);
	evmsg_origin(qm, e, og);
	evmsg_int(e, MQIACF_OBJECT_TYPE, mqot);
	/* a channel's name is 20 characters (MQ_CHANNEL_NAME_LENGTH), every other 48 */
	evmsg_str(e, name_id, ccsid, d->name, d->type == OBJDEF_CHANNEL ? MQ_CHANNEL_NAME_LENGTH : MQ_OBJECT_NAME_LENGTH);
	if (objdef_is_queue(d->type))
		evmsg_int(e, MQIA_Q_TYPE, objdef_qtype(d->type));
	size_t na = objdef_attr_count();
	for (size_t i = 0; i < na; i++) {
		const struct objdef_attr *a = objdef_attr_at(i);
		if (!objdef_attr_has(a, d->type) || (a->flags & (OBJDEF_F_HIDDEN | OBJDEF_F_KEY)) ||
		    objdef_attr_by_id(d->type, a->id) != a)   /* an id's first row for the type only */
			continue;
		if (a->kind == OBJDEF_INT || a->kind == OBJDEF_ENUM) {
			int32_t v;
			if (objdef_get_int(d, a->id, &v) == QM_OK)
				evmsg_int(e, a->id, v);
		} else if (objdef_kind_is_text(a->kind) && a->max > 0 && (size_t)a->max <= sizeof text) {
			/* blank-padded to its MQ length, as MQINQ gives it (evmsg_str
			 * reads at most that many bytes) */
			if (objdef_get_chars(d, a->id, text, (size_t)a->max) == QM_OK)
				evmsg_str(e, a->id, ccsid, text, (size_t)a->max);
		}
	}
}

void cfgev_object(struct qm *qm, const struct evorigin *og, MQLONG reason, const struct objdef *before,
		  const struct objdef *after)
{
	if (qm->os.qmgr.config_event != MQEVR_ENABLED)
		return;
	static struct evmsg e;   /* (the event loop's only: too big for its stack frame twice) */
	if (reason == MQRC_CONFIG_CHANGE_OBJECT && before && after) {
		/* the pair's CorrelId: "AMQCFG" then the time and a count, unique */
		static uint32_t n;
		uint8_t correl[MQ_CORREL_ID_LENGTH];
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		uint64_t t = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
		memset(correl, 0, sizeof correl);
		memcpy(correl, "AMQCFG", 6);
		memcpy(correl + 8, &t, sizeof t);
		n++;
		memcpy(correl + 16, &n, sizeof n);
		build(qm, &e, og, reason, before);
		evmsg_seq(&e, 1, MQCFC_NOT_LAST);
		evmsg_put_correl(qm, &e, CFGEV_QUEUE, correl, &cfgev_said);
		build(qm, &e, og, reason, after);
		evmsg_seq(&e, 2, MQCFC_LAST);
		evmsg_put_correl(qm, &e, CFGEV_QUEUE, correl, &cfgev_said);
		return;
	}
	const struct objdef *d = after ? after : before;
	if (!d)
		return;
	build(qm, &e, og, reason, d);
	evmsg_put(qm, &e, CFGEV_QUEUE, &cfgev_said);
}

static int cmdev_said;   /* AMQ7930W said since the last command event put */

void cmdev_mqsc(struct qm *qm, const struct evorigin *og, MQLONG mqcmd, int inquire, const char *text,
		MQLONG cmdev_before)
{
	MQLONG now = qm->os.qmgr.command_event;
	int on = now != MQEVR_DISABLED || (mqcmd == MQCMD_CHANGE_Q_MGR && cmdev_before != MQEVR_DISABLED);
	if (!on || (inquire && now == MQEVR_NO_DISPLAY) || !text)
		return;
	static struct evmsg e;
	MQLONG ccsid = qm->os.qmgr.ccsid;
	size_t len = strlen(text);
	evmsg_begin(&e, MQCMD_COMMAND_EVENT, MQRC_COMMAND_MQSC, 2);
	evmsg_group(&e, MQGACF_COMMAND_CONTEXT, og && og->ctx ? 9 : 4);
	evmsg_origin(qm, &e, og);
	evmsg_int(&e, MQIACF_COMMAND, mqcmd);
	evmsg_group(&e, MQGACF_COMMAND_DATA, 1);
	evmsg_str(&e, MQCACF_COMMAND_MQSC, ccsid, text, len);
	evmsg_put(qm, &e, "SYSTEM.ADMIN.COMMAND.EVENT", &cmdev_said);
}

/* An Inquire command (MQ's CMDEV(NODISPLAY) leaves them out): its name is
 * MQCMD_INQUIRE_... */
static int pcf_inquire(MQLONG cmd)
{
	const char *n = MQCMD_STR(cmd);
	return !strncmp(n, "MQCMD_INQUIRE_", 14);
}

void mqi_admin_pcfev(struct qm *qm, struct conn *c, struct rd *d)
{
	struct proto_evctx x;
	rd_bytes(d, &x, sizeof x);
	MQLONG cmd = (MQLONG)rd_u32(d), nparm = (MQLONG)rd_u32(d);
	uint32_t len = rd_u32(d);
	const uint8_t *parms = rd_ptr(d, len);
	if (d->bad || d->at != d->len || nparm < 0) {
		conn_fail(qm, c);
		return;
	}
	if (mqi_admin_refused(qm, c))
		return;
	MQLONG now = qm->os.qmgr.command_event;
	if (now != MQEVR_DISABLED && !(now == MQEVR_NO_DISPLAY && pcf_inquire(cmd))) {
		static struct evmsg e;
		struct evorigin og = { MQEVO_MSG, NULL, &x };
		evmsg_begin(&e, MQCMD_COMMAND_EVENT, MQRC_COMMAND_PCF, 2);
		evmsg_group(&e, MQGACF_COMMAND_CONTEXT, 9);
		evmsg_origin(qm, &e, &og);
		evmsg_int(&e, MQIACF_COMMAND, cmd);
		evmsg_group(&e, MQGACF_COMMAND_DATA, nparm);
		evmsg_raw(&e, parms, len, nparm);
		evmsg_put(qm, &e, "SYSTEM.ADMIN.COMMAND.EVENT", &cmdev_said);
	}
	conn_reply_codes(qm, c, MQCC_OK, MQRC_NONE);
	conn_done(qm, c);
}
