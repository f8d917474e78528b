/*
 * adminrt.c: runmqsc's requests (PROTO_ADMIN_MQSC) and what MQSC may see and
 * do on the running queue manager (struct mqsc_runtime, qm/admin/mqsc.h):
 * queue status, connections and their handles, STOP CONN, CLEAR QLOCAL,
 * DELETE of a queue in use, definitions the queues must follow.  The commands
 * run on the event loop, between requests, so everything they read is
 * consistent; the few that write (definitions, CLEAR) wait for their log
 * record to be durable before answering, blocking the loop for that flush.
 */
#include "qm/server/chstatus.h"
#include "qm/server/tls.h"
#include "qm/server/mqiserv.h"
#include "qm/server/oam_srv.h"

#include "cmqzc.h"
#include "qm/admin/oam.h"
#include "qm/server/authn.h"
#include "qm/server/pubsub.h"
#include "qm/server/chlauth_srv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log/log.h"
#include "log/qmerr.h"
#include "cmqcfc.h"
#include "qm/admin/mqsc.h"
#include "qm/home/msgcat.h"
#include "qm/server/conn.h"
#include "qm/server/durable.h"
#include "qm/store/qmlog.h"
#include "qm/store/store.h"

/* ---- runmqsc (PROTO_ADMIN_MQSC) ---------------------------------------------------- */

/* The put time an MQMD carries (GMT "YYYYMMDD", "HHMMSSTH"), in ms; 0 if
 * it does not parse. */
static int64_t md_put_ms(const MQMD *md)
{
	int v[8];
	const char *d = md->PutDate, *t = md->PutTime;
	for (int i = 0; i < 8; i++)
		if (d[i] < '0' || d[i] > '9' || t[i] < '0' || t[i] > '9')
			return 0;
	v[0] = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
	v[1] = (d[4] - '0') * 10 + (d[5] - '0');
	v[2] = (d[6] - '0') * 10 + (d[7] - '0');
	for (int i = 0; i < 4; i++)
		v[3 + i] = (t[2 * i] - '0') * 10 + (t[2 * i + 1] - '0');
	struct tm tm = { .tm_year = v[0] - 1900, .tm_mon = v[1] - 1, .tm_mday = v[2], .tm_hour = v[3],
			 .tm_min = v[4], .tm_sec = v[5] };
	time_t s = timegm(&tm);
	return s < 0 ? 0 : (int64_t)s * 1000 + v[6] * 10;
}

/* QTIME, as MQ keeps it: a short-term average that follows the last few
 * messages and a long-term one that follows many (weights 1/4 and 1/32). */
void mqi_note_get(struct qobj *base, const MQMD *md, int64_t now_ms)
{
	if (!base)
		return;
	base->lget_ms = now_ms;
	int64_t put = md ? md_put_ms(md) : 0;
	if (!put)
		return;
	int64_t us = (now_ms - put) * 1000;
	if (us < 0)
		us = 0;
	if (base->qtime_short_us < 0) {
		base->qtime_short_us = base->qtime_long_us = us;
		return;
	}
	base->qtime_short_us += (us - base->qtime_short_us) / 4;
	base->qtime_long_us += (us - base->qtime_long_us) / 32;
}

/* The put time of the oldest message on o (0: empty or not known): the one
 * that came first (lowest sequence), its descriptor from memory or, once
 * only the queue store has it, read back. */
static int64_t oldest_put_ms(struct qm *qm, struct qobj *o)
{
	struct qmsg *best = NULL;
	for (struct qmsg *m = queue_first(o->q); m; m = queue_next(m))
		if (!best || qmsg_seq(m) < qmsg_seq(best))
			best = m;
	if (!best)
		return 0;
	if (best->mem)
		return md_put_ms(&best->mem->md);
	MQMD md;
	const void *data;
	void *owned = NULL;
	if (store_msg_load(qm, o, best, &md, &data, &owned) != QM_OK)
		return 0;
	free(owned);
	return md_put_ms(&md);
}

static int rt_qstatus(void *arg, const char *name, struct mqsc_qstat *st)
{
	struct qm *qm = arg;
	struct qobj *o = qm_qfind(qm, name);
	if (o && o->damaged)
		return -2;
	if (!o || !o->q)
		return -1;
	memset(st, 0, sizeof *st);
	st->curdepth = (int32_t)o->q->depth;
	st->ipprocs = (int32_t)o->n_input;
	st->opprocs = (int32_t)o->n_output;
	st->uncom = (int64_t)(o->q->uncommitted_puts + o->q->uncommitted_gets);
	st->lput_ms = o->lput_ms;
	st->lget_ms = o->lget_ms;
	st->qtime_short_us = o->qtime_short_us;
	st->qtime_long_us = o->qtime_long_us;
	st->media_lsn = o->media_lsn;
	st->now_ms = qm_now_ms();
	st->oldest_ms = o->q->depth ? oldest_put_ms(qm, o) : 0;
	return 0;
}

/* DELETE QLOCAL/QALIAS/QMODEL: refused while any handle has the queue open
 * (through an alias too) or a unit of work holds its messages; messages only
 * go with PURGE, or with the queue when it is damaged (logged as Q_CLEAR
 * before objstore logs the delete). */
static int rt_qdelete(void *arg, const char *name, int purge)
{
	struct qm *qm = arg;
	struct qobj *o = qm_qfind(qm, name);
	if (!o)
		return 0;
	store_checkpoint_settle(qm);   /* its store may be in a batch in flight */
	if (o->nhandles || o->n_input || o->n_output ||
	    (o->q && (o->q->uncommitted_puts || o->q->uncommitted_gets)))
		return AMQ_OBJECT_IN_USE;
	for (struct conn *c = qm->conns; c; c = c->next)
		for (size_t i = 0; i < c->nh; i++)
			if (c->h[i] && (c->h[i]->obj == o || c->h[i]->base == o))
				return AMQ_OBJECT_IN_USE;
	if (o->q && o->q->depth) {
		if (!purge && !o->damaged)   /* a damaged queue's messages are lost: DELETE works (MQ) */
			return AMQ_QUEUE_NOT_EMPTY;
		uint8_t buf[64];
		uint64_t lsn;
		int k = qmlog_enc_clear(buf, sizeof buf, name);
		if (k > 0)
			dur_append(qm, LOG_REC_Q_CLEAR, 0, name, buf, (size_t)k, 0, &lsn, NULL);
	}
	queue_obj_delete(qm, o);
	return 0;
}

/* A queue was defined or replaced (its record is durable).  objstore wrote
 * its file without messages: write it again at once with the messages the
 * queue holds, reflecting the new record's LSN (everything before it is
 * durable, and nothing was appended since). */
static void rt_qdefined(void *arg, const struct objdef *def)
{
	struct qm *qm = arg;
	if (qm->os.last_lsn > qm->last_lsn)
		qm->last_lsn = qm->os.last_lsn;
	struct qobj *o = qm_ofind(qm, def->type, def->name);
	if (!o) {
		if (qm_qobj_new(qm, def, &o) == QM_OK) {
			o->file_lsn = o->def_lsn = qm->os.last_lsn;
			o->media_lsn = o->image_lsn = qm->os.last_lsn;   /* the create record: its first image */
			qm_qinsert(qm, o);
		}
		return;
	}
	if (o->def.type != def->type)
		return;
	int fifo = o->def.msg_delivery_sequence == MQMDS_FIFO;
	o->def = *def;
	o->def_lsn = qm->os.last_lsn;   /* objstore wrote its file */
	o->def_dirty = 0;
	if (o->damaged && o->q && !o->temp && store_queue_renew(qm, o) == QM_OK) {
		o->damaged = 0;   /* replaced whole: a new, empty store */
		o->media_lsn = o->image_lsn = qm->os.last_lsn;   /* and its replacing record its image */
	} else if (o->damaged && !o->q) {
		o->damaged = 0;   /* a definition replaced whole is its own image */
		o->media_lsn = o->image_lsn = qm->os.last_lsn;
	}
	if (o->q && fifo != (def->msg_delivery_sequence == MQMDS_FIFO))
		queue_set_fifo(o->q, !fifo);
	if (o->q) {
		mqi_wake_hook(o->q, qm);   /* GET(DISABLED) fails parked gets; ENABLED retries them */
		mqi_service_woken(qm);
	}
	if (o->q)
		trig_altered(qm, o);   /* ALTER ... TRIGGER with the conditions met (trigger.c) */
}

/* DELETE TOPIC: it leaves the table (objstore then logs the delete).  No
 * handle can have a topic object open yet (MQOPEN of topics is a later
 * part of issue 14): the check is the process's, ready for it. */
static int rt_tdelete(void *arg, const char *name)
{
	struct qm *qm = arg;
	struct qobj *o = qm_tfind(qm, name);
	if (!o)
		return 0;
	if (o->nhandles)
		return AMQ_OBJECT_IN_USE;
	qm_qremove(qm, o);
	qm_qobj_destroy(qm, o);
	return 0;
}

/* DELETE PROCESS: refused while an application has the process open (as
 * MQ); else it leaves the table (objstore then logs the delete). */
static int rt_pdelete(void *arg, const char *name)
{
	struct qm *qm = arg;
	struct qobj *o = qm_pfind(qm, name);
	if (!o)
		return 0;
	if (o->nhandles)
		return AMQ_OBJECT_IN_USE;
	qm_qremove(qm, o);
	qm_qobj_destroy(qm, o);
	return 0;
}

/* DELETE CHANNEL, LISTENER or AUTHINFO: it leaves the table (objstore then
 * logs the delete).  The channel and listener runtimes (issue 15) refuse
 * one that is running here. */
static int rt_odelete(void *arg, int type, const char *name)
{
	struct qm *qm = arg;
	struct qobj *o = qm_ofind(qm, type, name);
	if (!o || o->def.type != type)
		return 0;
	qm_qremove(qm, o);
	qm_qobj_destroy(qm, o);
	return 0;
}

static void rt_qmgr_changed(void *arg, const struct objdef *qmdef)
{
	struct qm *qm = arg;
	if (&qm->os.qmgr != qmdef)
		qm->os.qmgr = *qmdef;
	if (qm->os.last_lsn > qm->last_lsn)
		qm->last_lsn = qm->os.last_lsn;
}

/* The connection whose MQSC command is being carried out (the loop runs one
 * at a time), and the command message's context when the command server
 * sent it: who and how, for the events it makes. */
static struct conn *rt_conn;
static const struct proto_evctx *rt_ctx;
static uint32_t rt_flags;

/* MQ's EventOrigin and EventUserId of the command in hand: runmqsc's is a
 * console command; one the command server carries out for a message (it
 * sends the message's context) is MQEVO_MSG. */
static void rt_origin(struct evorigin *og)
{
	og->origin = rt_ctx ? MQEVO_MSG : MQEVO_CONSOLE;
	og->user = rt_conn ? rt_conn->user : "";
	og->ctx = rt_ctx;
}

static void rt_config(void *arg, int32_t reason, const struct objdef *before, const struct objdef *after)
{
	struct evorigin og;
	rt_origin(&og);
	cfgev_object(arg, &og, reason, before, after);
}

static MQLONG rt_cmdev_before;   /* CMDEV before the command in hand ran */

static void rt_command(void *arg, int32_t mqcmd, int inquire, const char *text)
{
	if (rt_flags & PROTO_MQSC_INTERNAL)
		return;   /* the command server's way to a PCF command: that command's event is made */
	struct evorigin og;
	rt_origin(&og);
	cmdev_mqsc(arg, &og, mqcmd, inquire, text, rt_cmdev_before);
}

/* Administration (runmqsc, dmpmqcfg, rcdmqimg, endmqm ...) is for
 * administrators only (oam_srv.c: root, the queue manager's user, members of
 * group mqm), as MQ's control commands and direct runmqsc are. */
int mqi_admin_refused(struct qm *qm, struct conn *c)
{
	if (oam_conn_admin(qm, c))
		return 0;
	conn_reply_codes(qm, c, MQCC_FAILED, MQRC_NOT_AUTHORIZED);
	conn_done(qm, c);
	return 1;
}

/* The ConnectionId libmqm gave the application (qm/proto.h, CONN). */
void conn_identifier(struct qm *qm, const struct conn *c, uint8_t id[24])
{
	memcpy(id, "AMQC", 4);
	size_t n = strlen(qm->paths.name);
	for (size_t i = 0; i < 12; i++)
		id[4 + i] = i < n ? (uint8_t)qm->paths.name[i] : ' ';
	uint32_t stamp = (uint32_t)(qm->start_ms / 1000);
	for (int i = 0; i < 4; i++) {
		id[16 + i] = (uint8_t)(c->id >> (8 * i));
		id[20 + i] = (uint8_t)(stamp >> (8 * i));
	}
}

static int rt_conns(void *arg, struct mqsc_conn **vp, size_t *np)
{
	struct qm *qm = arg;
	size_t n = 0, k = 0;
	for (struct conn *c = qm->conns; c; c = c->next)
		n++;
	struct mqsc_conn *v = calloc(n ? n : 1, sizeof *v);
	if (!v)
		return -1;
	for (struct conn *c = qm->conns; c; c = c->next) {
		if (!c->connected || c->is_admin || c->dead || c->broken)
			continue;
		struct mqsc_conn *x = &v[k++];
		conn_identifier(qm, c, x->connid);
		x->pid = c->pid;
		x->tid = c->tid;
		snprintf(x->appltag, sizeof x->appltag, "%s", c->appname);
		for (size_t l = strlen(x->appltag); l && x->appltag[l - 1] == ' '; l--)
			x->appltag[l - 1] = 0;
		snprintf(x->user, sizeof x->user, "%s", c->user);
		snprintf(x->channel, sizeof x->channel, "%s", c->channel);
		snprintf(x->conname, sizeof x->conname, "%s", c->conname);
		x->conn_ms = c->conn_ms;
		x->uow = c->uow_active;
		x->uow_start_ms = c->uow_start_ms;
		x->uow_log_ms = c->uow_log_ms;
		x->uow_id = c->uow.id;
		x->uow_first_lsn = c->uow_first_lsn;
		if (!c->nhandles)
			continue;
		if (!(x->h = calloc(c->nh, sizeof *x->h))) {
			mqsc_conns_free(v, k);
			return -1;
		}
		for (size_t i = 0; i < c->nh; i++) {
			struct hobj *h = c->h[i];
			if (!h)
				continue;
			struct mqsc_handle *y = &x->h[x->nh++];
			y->qmgr = h->is_qmgr;
			if (h->obj)
				snprintf(y->objname, sizeof y->objname, "%s", h->obj->def.name);
			if (h->base)
				snprintf(y->base, sizeof y->base, "%s", h->base->def.name);
			y->openopts = h->options;
			y->input_mode = h->input_mode;
			for (struct getwait *w = qm->waits; w; w = w->next)
				if (w->c == c && mqi_getwait_has(w, h->id))
					y->active = 1;
		}
	}
	*vp = v;
	*np = k;
	return 0;
}

/* STOP CONN: the connection is dropped at the top of the loop (conn_reap),
 * which backs out its unit of work and closes its handles, as when an
 * application ends without MQDISC. */
static int rt_stop_conn(void *arg, const uint8_t tail[8])
{
	struct qm *qm = arg;
	for (struct conn *c = qm->conns; c; c = c->next) {
		uint8_t id[24];
		if (!c->connected || c->is_admin || c->dead || c->broken)
			continue;
		conn_identifier(qm, c, id);
		if (memcmp(id + 16, tail, 8))
			continue;
		conn_fail(qm, c);
		return 0;
	}
	return AMQ_OBJECT_NOT_FOUND;
}

/* CLEAR QLOCAL: refused while any handle has the queue open (through an
 * alias too) or a unit of work holds its messages (MQ's AMQ8148).  The
 * Q_CLEAR record is made durable first; then the queue's messages and its
 * store go, and a new empty store reflects the record. */
static int rt_qclear(void *arg, const char *name)
{
	struct qm *qm = arg;
	struct qobj *o = qm_qfind(qm, name);
	if (!o || !o->q)
		return AMQ_OBJECT_NOT_FOUND;
	if (o->damaged)
		return AMQ_OBJECT_DAMAGED_CMD;
	store_checkpoint_settle(qm);
	if (o->nhandles || o->n_input || o->n_output || o->q->uncommitted_puts || o->q->uncommitted_gets)
		return AMQ_OBJECT_IN_USE;
	for (struct conn *c = qm->conns; c; c = c->next)
		for (size_t i = 0; i < c->nh; i++)
			if (c->h[i] && (c->h[i]->obj == o || c->h[i]->base == o))
				return AMQ_OBJECT_IN_USE;
	uint8_t buf[64];
	uint64_t lsn = 0, last = 0;
	int k = qmlog_enc_clear(buf, sizeof buf, name);
	int rc = k < 0 ? k : dur_append(qm, LOG_REC_Q_CLEAR, 0, name, buf, (size_t)k, 0, &lsn, &last);
	if (!rc)
		rc = log_flush(qm->lg, last);
	if (rc) {
		ERRLOG(&qm->el, AMQ_QUIRE_ERROR, qm_strerror(rc));
		return AMQ_QUIRE_ERROR;
	}
	if (last > qm->os.last_lsn)
		qm->os.last_lsn = last;   /* the new store reflects the log up to the clear */
	if (!o->temp && store_queue_renew(qm, o) != QM_OK)
		return AMQ_QUIRE_ERROR;
	if (o->temp)
		queue_discard(o->q);
	return 0;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

static int rt_qnames(void *arg, char **out, size_t *np)
{
	struct qm *qm = arg;
	size_t n = 0, k = 0;
	for (int i = 0; i < QM_QHASH; i++)
		for (struct qobj *o = qm->qhash[i]; o; o = o->hnext)
			n++;
	char *v = calloc(n ? n : 1, OBJDEF_NAME_SIZE);
	if (!v)
		return -1;
	for (int i = 0; i < QM_QHASH; i++)
		for (struct qobj *o = qm->qhash[i]; o; o = o->hnext)
			if (o->q && !o->deleted)
				snprintf(v + OBJDEF_NAME_SIZE * k++, OBJDEF_NAME_SIZE, "%s", o->def.name);
	qsort(v, k, OBJDEF_NAME_SIZE, name_cmp);
	*out = v;
	*np = k;
	return 0;
}

static void rt_qmstat(void *arg, struct mqsc_qmstat *st)
{
	struct qm *qm = arg;
	memset(st, 0, sizeof *st);
	st->start_ms = qm->start_ms;
	for (struct conn *c = qm->conns; c; c = c->next)
		if (c->connected && !c->is_admin && !c->dead)
			st->conns++;
	st->ckpt_count = qm->ckpt_count;
	st->ckpt_ops = qm->ops_since_ckpt;
	st->peak_rec_bytes = qm->peak_rec_bytes;
	snprintf(st->logpath, sizeof st->logpath, "%s/active/", qm->paths.log_dir);
}

static const struct objdef *rt_qdef(void *arg, int type, const char *name)
{
	struct qobj *o = qm_ofind(arg, type, name);
	return o && !o->temp && !o->deleted && !o->damaged && o->def.type == type ? &o->def : NULL;
}

static void rt_note(void *arg, int id, const char *ins)
{
	struct qm *qm = arg;
	ERRLOG(&qm->el, id, ins);
}

/* ---- the authority manager's commands (qm/admin/mqsc_auth.c) ---- */

static struct oam *rt_oam(void *arg)
{
	return oam_table(arg);
}

static int rt_authrec(void *arg, const struct oam_rec *r, int remove)
{
	MQLONG rc = oam_write(arg, r, remove);
	return rc == MQRC_NONE ? 0 : AMQ_QUIRE_ERROR;
}

static uint32_t rt_entauth(void *arg, int32_t objtype, const char *name, int32_t enttype, const char *entity)
{
	struct qm *qm = arg;
	if (enttype == MQZAET_PRINCIPAL)
		return oam_user_auth(qm, (uid_t)-1, entity, objtype, name);
	if (!strcmp(entity, oam_admin_group()))
		return MQZAO_ALL | MQZAO_CREATE;
	struct oam *t = oam_table(qm);
	return t ? oam_entity_auth(t, objtype, MQZAET_GROUP, entity, name, NULL) : 0;
}

/* REFRESH SECURITY TYPE(t): AUTHSERV reads group membership again (oam_srv.c),
 * CONNAUTH the CONNAUTH policy (authn.c), SSL the key repository (tls.c: the
 * next TLS connection loads it again; those made keep theirs) */
static int rt_refresh_security(void *arg, int32_t sectype, char *msg, size_t n)
{
	if (sectype == MQSECTYPE_AUTHSERV) {
		oam_refresh(arg);
		return 0;
	}
	if (sectype == MQSECTYPE_SSL) {
		tls_srv_refresh();
		return 0;
	}
	return authn_rt_refresh(arg, sectype, msg, n);
}

static char rt_cmd_user[MQ_USER_ID_LENGTH + 1];   /* the command server's requester (rt_authorize) */

static int rt_authorize(void *arg, int32_t objtype, const char *name, uint32_t need, int32_t mqcmd)
{
	struct qm *qm = arg;
	if ((oam_user_auth(qm, (uid_t)-1, rt_cmd_user, objtype, name) & need) == need)
		return 0;
	char words[128];
	oam_auth_words(need, 0, " ", words, sizeof words);
	ERRLOG(&qm->el, AMQ_OAM_REFUSED, rt_cmd_user, name, oam_type_word(objtype), words);
	oam_call(0, NULL, NULL, mqcmd);
	oam_event(qm, NULL, rt_cmd_user, objtype, name, MQRQ_CMD_NOT_AUTHORIZED);
	return AMQ_NOT_AUTHORIZED;
}

static int rt_visible(void *arg, int type, const char *name)
{
	int32_t ot = type == OBJDEF_PROCESS ? MQOT_PROCESS : type == OBJDEF_TOPIC ? MQOT_TOPIC
		     : type == OBJDEF_CHANNEL ? MQOT_CHANNEL : type == OBJDEF_LISTENER ? MQOT_LISTENER
		     : type == OBJDEF_AUTHINFO ? MQOT_AUTH_INFO : MQOT_Q;
	return (oam_user_auth(arg, (uid_t)-1, rt_cmd_user, ot, name) & MQZAO_DISPLAY) != 0;
}

void mqi_admin_mqsc(struct qm *qm, struct conn *c, struct rd *d, int fields)
{
	uint32_t len = rd_u32(d);
	const uint8_t *text = rd_ptr(d, len);
	/* the command server's: its flags and the command message's context */
	uint32_t flags = 0;
	struct proto_evctx ctx;
	int have_ctx = 0;
	if (!d->bad && d->at < d->len) {
		flags = rd_u32(d);
		rd_bytes(d, &ctx, sizeof ctx);
		have_ctx = 1;
		if (d->at != d->len)
			d->bad = 1;
	}
	if (d->bad) {                   /* the frame is shorter than it says: a protocol error */
		conn_fail(qm, c);
		return;
	}
	if (mqi_admin_refused(qm, c))
		return;
	/* A command too long for MQSC (MQSC_MAX_CMD_LEN) or holding a NUL is a
	 * syntax error answered like any other, never a reason to drop the
	 * connection: runmqsc reports it and goes on with the next command. */
	c->is_admin = 1;
	struct mqsc_out out = { 0 };
	out.fields = fields;   /* PROTO_ADMIN_PCF: DISPLAY gives records (mqsc.h) */
	int st = mqsc_check_text((const char *)text, len, &out);
	if (st == MQSC_OK) {
		char *cmd = malloc((size_t)len + 1);
		if (!cmd) {
			conn_reply_codes(qm, c, MQCC_FAILED, MQRC_STORAGE_NOT_AVAILABLE);
			conn_done(qm, c);
			return;
		}
		memcpy(cmd, text, len);
		cmd[len] = 0;
		struct mqsc_runtime rt = { .arg = qm, .log = qm->lg, .qstatus = rt_qstatus, .conns = rt_conns,
					   .stop_conn = rt_stop_conn, .qnames = rt_qnames, .qclear = rt_qclear, .qmstat = rt_qmstat,
					   .qdef = rt_qdef, .note = rt_note, .qdelete = rt_qdelete, .pdelete = rt_pdelete,
					   .tdelete = rt_tdelete, .odelete = rt_odelete, .qdefined = rt_qdefined,
					   .qmgr_changed = rt_qmgr_changed, .config = rt_config,
					   .command = rt_command, .subs = ps_rt_subs, .pubs = ps_rt_pubs,
					   .sub_define = ps_rt_sub_define, .sub_delete = ps_rt_sub_delete,
					   .oam = rt_oam, .authrec = rt_authrec, .entauth = rt_entauth,
					   .refresh_security = rt_refresh_security,
					   .oam_user_policy = qm->cfg.security_policy_user,
					   .chstatus = chs_rt_chstatus, .chl_stop = chs_rt_chl_stop,
					   .chl_start = chs_rt_chl_start, .lstatus = chs_rt_lstatus,
					   .lsr_start = chs_rt_lsr_start, .lsr_stop = chs_rt_lsr_stop,
					   .chl_list = chl_rt_list, .chl_write = chl_rt_write, .chl_is_admin = chl_rt_is_admin,
					   .chl_enabled = chl_rt_enabled };

		/* the command server's commands are carried out with the authority of
		 * the user who sent them (the message's UserIdentifier): checked per
		 * command unless that user is an administrator (mqsc.c authorized) */
		if (have_ctx) {
			mqi_field(rt_cmd_user, ctx.user, sizeof ctx.user);
			if (!oam_is_admin(qm, (uid_t)-1, rt_cmd_user)) {
				rt.authorize = rt_authorize;
				rt.visible = rt_visible;
			}
		}
		/* blocks the loop: definitions are logged and flushed (objstore) */
		rt_conn = c;
		rt_ctx = have_ctx ? &ctx : NULL;
		rt_flags = flags;
		rt_cmdev_before = qm->os.qmgr.command_event;
		st = mqsc_exec(&qm->os, &rt, cmd, &out);
		rt_conn = NULL;
		rt_ctx = NULL;
		rt_flags = 0;
		free(cmd);
	}
	struct rep r;
	rep_start(&r, fields ? PROTO_ADMIN_PCF : PROTO_ADMIN_MQSC, c->req_id, MQCC_OK, MQRC_NONE);
	rep_u32(&r, (uint32_t)st);
	rep_u32(&r, (uint32_t)out.len);
	rep_bytes(&r, out.text, out.len);
	mqsc_out_free(&out);
	/* DISPLAY shows no definition a crash could take back (MQSET, trigger.c
	 * and perfev.c change them ahead of their records' flush) */
	if (dur_reply_defs(qm, c, &r))
		conn_fail(qm, c);
}

