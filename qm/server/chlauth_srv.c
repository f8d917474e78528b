/*
 * chlauth_srv.c: where the channel authentication records live, and the
 * check the channel runtime calls (issue 15; the records and the decision
 * are qm/admin/chlauth.h's).
 *
 * Where they live.  As MQ keeps them: each record is one persistent message
 * on the local queue SYSTEM.CHLAUTH.DATA.QUEUE (crtmqm makes it: DEFPSIST(YES),
 * INDXTYPE(MSGID)), Format "MQCHLAUT", its MsgId the record's id, its data
 * the record's stored form (top of qm/admin/chlauth.c).  So the records are
 * logged, recovered at restart (after endmqm or kill -9), imaged by rcdmqimg
 * and rebuilt by rcrmqobj as the queue is, as durable subscriptions are
 * (pubsub_dur.c: the same reasons).  One more message, Format "MQCHLDEF"
 * with no data, says the default records were made: the first time the
 * records are needed after crtmqm (the first start's first channel, DISPLAY
 * or SET CHLAUTH, or dmpmqcfg), the queue manager writes MQ's three default
 * records and that marker in one unit of work, so that removing the defaults
 * later sticks (each read of the queue looks for the marker).  A queue
 * manager made before the queue existed has no records (SET CHLAUTH:
 * AMQ8147E naming the queue): DEFINE QLOCAL(SYSTEM.CHLAUTH.DATA.QUEUE)
 * DEFPSIST(YES) INDXTYPE(MSGID) gives it the defaults at the next use.
 *
 * Reading.  The queue is read each time (a walk of its few messages): no
 * copy in memory goes stale when rcrmqobj rebuilds the queue or an
 * application gets from it (MQ's rule: applications leave it alone).  A
 * message that is not a record is reported once a start (AMQ7472 naming the
 * queue) and left where it is; the others count.  A damaged queue means no
 * records can be read: DISPLAY and SET fail, and every channel is refused
 * (fail closed) with AMQ9777E.
 *
 * Channel Blocked events (MQ's, CHLEV ENABLED or EXCEPTION on the queue
 * manager) on SYSTEM.ADMIN.CHANNEL.EVENT, Command MQCMD_CHANNEL_EVENT (46),
 * Reason MQRC_CHANNEL_BLOCKED (2577) or, for a WARN(YES) record,
 * MQRC_CHANNEL_BLOCKED_WARNING (2578); the data (qmgrev.c's format):
 *     MQCFH; MQCFST MQCA_Q_MGR_NAME (48); MQCFIN MQIACF_REASON_QUALIFIER
 *     (MQRQ_CHANNEL_BLOCKED_ADDRESS 21, _USERID 22, _NOACCESS 23); MQCFST
 *     MQCACH_CHANNEL_NAME (20; not for ADDRESS: the channel is not known
 *     yet); MQCFST MQCACF_USER_IDENTIFIER (12; USERID only: the user
 *     blocked); MQCFST MQCACH_CONNECTION_NAME (264: the peer's address).
 * Not sent: RemoteQMgrName (no queue manager channels), SSLPeerName and
 * ClientUserIdentifier.  A BLOCKADDR event is made at most once a minute
 * for an address, as its AMQ9782E.
 *
 * Writing.  SET CHLAUTH's change (records removed, records added) is one
 * unit of work of the queue manager's own: gets and puts, its commit record
 * last, flushed before the command answers (the loop blocks for that flush,
 * as ps_dur_write's does).
 */
#include "qm/server/chlauth_srv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmqc.h"
#include "cmqcfc.h"
#include "log/log.h"
#include "log/qmerr.h"
#include "qm/home/msgcat.h"
#include "qm/server/mqiserv.h"
#include "qm/server/oam_srv.h"
#include "qm/server/sysq.h"

#define FMT_REC "MQCHLAUT"
#define FMT_DEF "MQCHLDEF"

static struct qobj *chl_queue(struct qm *qm)
{
	struct qobj *o = qm_qfind(qm, CHL_QUEUE);
	return o && o->q && !o->deleted ? o : NULL;
}

struct reading {
	struct chl_set *out;
	int marker;
};

/* One message read (sysq_walk): the defaults' marker, or a record added to
 * the set; 1 when it is neither, -1 out of memory. */
static int read_one(const MQMD *md, const void *body, uint32_t len, void *arg)
{
	struct reading *rd = arg;
	if (!memcmp(md->Format, FMT_DEF, 8)) {
		rd->marker = 1;
		return 0;
	}
	struct chl_rec r;
	if (memcmp(md->Format, FMT_REC, 8) || chl_decode(body, len, &r))
		return 1;
	memcpy(r.id, md->MsgId, sizeof r.id);
	int rc = chl_set_add(rd->out, &r) ? -1 : 0;
	chl_rec_free(&r);
	return rc;
}

/* Every record on the queue into out; *marker set when the defaults' marker
 * is there.  0; -1 out of memory or a damaged queue; 1 no queue. */
static int read_queue(struct qm *qm, struct chl_set *out, int *marker)
{
	memset(out, 0, sizeof *out);
	*marker = 0;
	struct qobj *q = chl_queue(qm);
	if (!q)
		return 1;
	if (q->damaged)
		return -1;
	struct reading rd = { out, 0 };
	int bad = 0, rc = sysq_walk(qm, q, read_one, &rd, &bad);
	*marker = rd.marker;
	if (bad && !qm->chl_bad_said) {
		qm->chl_bad_said = 1;
		ERRLOG(&qm->el, AMQ_OBJECT_DAMAGED, CHL_QUEUE, "qlocal");
	}
	if (rc)
		chl_set_free(out);
	return rc;
}

/* One unit of work: get the records dels, put adds (new ids), and the marker
 * when marker.  MQRC_NONE once its commit record is durable. */
static MQLONG write_uow(struct qm *qm, const uint8_t (*dels)[24], size_t ndel, const struct chl_set *adds, int marker)
{
	static const uint8_t none[1];
	struct qobj *q = chl_queue(qm);
	if (!q || q->damaged)
		return MQRC_OBJECT_DAMAGED;
	if (!qm->lg || qm->log_failed)
		return MQRC_Q_MGR_NOT_AVAILABLE;
	size_t nput = adds->n + (marker ? 1 : 0);
	struct qmsg **gm = calloc(ndel + 1, sizeof *gm);
	struct sysq_put *pv = calloc(nput + 1, sizeof *pv);
	uint8_t **data = calloc(nput + 1, sizeof *data);
	MQLONG reason = gm && pv && data ? MQRC_NONE : MQRC_STORAGE_NOT_AVAILABLE;
	for (size_t i = 0; i < ndel && !reason; i++)
		if (!(gm[i] = sysq_find(q, dels[i])))
			reason = MQRC_NO_MSG_AVAILABLE;
	for (size_t i = 0; i < nput && !reason; i++) {
		int mk = i == adds->n;
		pv[i].format = mk ? FMT_DEF : FMT_REC;
		pv[i].data = none;   /* the marker: no data */
		if (!mk && !(pv[i].data = data[i] = chl_encode(&adds->v[i], &pv[i].len)))
			reason = MQRC_STORAGE_NOT_AVAILABLE;
	}
	if (!reason)
		reason = sysq_write(qm, q, gm, ndel, pv, nput);
	for (size_t i = 0; data && i < nput; i++)
		free(data[i]);
	free(data);
	free(pv);
	free(gm);
	return reason;
}

/* Every record; the first use after crtmqm (no marker on the queue) writes
 * MQ's default records and the marker first. */
int chl_srv_records(struct qm *qm, struct chl_set *out)
{
	int marker = 0, rc = read_queue(qm, out, &marker);
	if (rc == 1)
		return 0;   /* no queue: no records (a queue manager older than CHLAUTH) */
	if (rc || marker)
		return rc;
	chl_set_free(out);
	struct chl_set d;
	if (chl_defaults(&d, qm_now_ms()))
		return -1;
	MQLONG r = write_uow(qm, NULL, 0, &d, 1);
	chl_set_free(&d);
	if (r != MQRC_NONE)
		return -1;
	rc = read_queue(qm, out, &marker);
	return rc == 1 ? 0 : rc;
}

/* ---- the runtime's callbacks (struct mqsc_runtime) ------------------------------------ */

int chl_rt_list(void *arg, struct chl_set *out)
{
	return chl_srv_records(arg, out);
}

int chl_rt_write(void *arg, const uint8_t (*del)[24], size_t ndel, const struct chl_set *add)
{
	struct qm *qm = arg;
	if (!chl_queue(qm))
		return MQRC_UNKNOWN_OBJECT_NAME;
	struct chl_set s;
	if (chl_srv_records(qm, &s))   /* the defaults made first when this is the first use */
		return MQRC_OBJECT_DAMAGED;
	chl_set_free(&s);
	return write_uow(qm, del, ndel, add, 0);
}

int chl_rt_is_admin(void *arg, const char *user)
{
	struct qm *qm = arg;
	if (!user[0])
		return 1;   /* blank: the channel runs as the queue manager's own user */
	/* the authority manager's administrators (root, the queue manager's
	 * owner, the members of mqm): one answer for *MQADMIN and for authority */
	return oam_is_admin(qm, (uid_t)-1, user);
}

int chl_rt_enabled(void *arg)
{
	struct qm *qm = arg;
	return qm->os.qmgr.chlauth_records != MQCHLA_DISABLED;   /* ALTER QMGR CHLAUTH(ENABLED | DISABLED) */
}

/* ---- the channel runtime's check -------------------------------------------------------- */

static int chlev_said;   /* AMQ7930W said since the last channel blocked event put */

static void blocked_event(struct qm *qm, int outcome, int warning, const char *chl, const char *user,
			  const char *addr)
{
	int ev = qm->os.qmgr.channel_event;
	if (ev != MQEVR_ENABLED && ev != MQEVR_EXCEPTION)
		return;
	MQLONG ccsid = qm->os.qmgr.ccsid;
	MQLONG rq = outcome == CHL_BLOCKED_ADDR ? MQRQ_CHANNEL_BLOCKED_ADDRESS
		    : outcome == CHL_BLOCKED_USER ? MQRQ_CHANNEL_BLOCKED_USERID : MQRQ_CHANNEL_BLOCKED_NOACCESS;
	struct evmsg *e = malloc(sizeof *e);
	if (!e)
		return;
	evmsg_begin(e, MQCMD_CHANNEL_EVENT, warning ? MQRC_CHANNEL_BLOCKED_WARNING : MQRC_CHANNEL_BLOCKED, -1);
	evmsg_str(e, MQCA_Q_MGR_NAME, ccsid, qm->paths.name, MQ_Q_MGR_NAME_LENGTH);
	evmsg_int(e, MQIACF_REASON_QUALIFIER, rq);
	if (outcome != CHL_BLOCKED_ADDR)
		evmsg_str(e, MQCACH_CHANNEL_NAME, ccsid, chl ? chl : "", MQ_CHANNEL_NAME_LENGTH);
	if (outcome == CHL_BLOCKED_USER)
		evmsg_str(e, MQCACF_USER_IDENTIFIER, ccsid, user, MQ_USER_ID_LENGTH);
	evmsg_str(e, MQCACH_CONNECTION_NAME, ccsid, addr, MQ_CONN_NAME_LENGTH);
	evmsg_put(qm, e, "SYSTEM.ADMIN.CHANNEL.EVENT", &chlev_said);
	free(e);
}

/* AMQ9782E at most once a minute for each blocked address (the last 32
 * addresses remembered), so a blocked peer that keeps connecting does not
 * fill the error log; the loop's thread alone calls this. */
static int blockaddr_say(const char *addr, int warn, int64_t now)
{
	char key[64];
	snprintf(key, sizeof key, "%s%s", warn ? "warn " : "", addr);   /* a warning and a block apart */
	addr = key;
	static struct {
		char addr[64];
		int64_t at;
	} said[32];
	static unsigned next;
	for (unsigned i = 0; i < 32; i++)
		if (said[i].at && !strcmp(said[i].addr, addr)) {
			if (now - said[i].at < 60000)
				return 0;
			said[i].at = now;
			return 1;
		}
	unsigned k = next++ % 32;
	snprintf(said[k].addr, sizeof said[k].addr, "%s", addr);
	said[k].at = now;
	return 1;
}

static void active_values(const struct chl_input *in, char *buf, size_t n)
{
	snprintf(buf, n, "CLNTUSER(%s) ADDRESS(%s)%s%s%s", in->clntuser ? in->clntuser : "",
		 in->address ? in->address : "", in->sslpeer ? " SSLPEER(" : "", in->sslpeer ? in->sslpeer : "",
		 in->sslpeer ? ")" : "");
}

int chl_srv_check(struct qm *qm, const struct chl_input *in, struct chl_result *r)
{
	memset(r, 0, sizeof *r);
	r->chckclnt = CHL_CHK_ASQMGR;
	const char *addr = in->address ? in->address : "";
	const char *chl = in->channel && in->channel[0] ? in->channel : NULL;
	if (!chl_rt_enabled(qm)) {
		const char *u = in->chl_mcauser && in->chl_mcauser[0] ? in->chl_mcauser : in->clntuser ? in->clntuser : "";
		snprintf(r->mcauser, sizeof r->mcauser, "%s", u);
		return CHL_ALLOWED;
	}
	struct chl_set s;
	if (chl_srv_records(qm, &s)) {
		/* fail closed: records that cannot be read block everyone */
		r->outcome = CHL_BLOCKED_NOACCESS;
		ERRLOG(&qm->el, AMQ_CHL_BLOCKED_NOACCESS, chl ? chl : "", addr,
		       "the channel authentication records cannot be read (SYSTEM.CHLAUTH.DATA.QUEUE)");
		return r->outcome;
	}
	struct chl_input i2 = *in;
	if (!i2.is_admin) {
		i2.is_admin = chl_rt_is_admin;
		i2.arg = qm;
	}
	chl_decide(&s, &i2, r);
	char vals[2300];
	active_values(in, vals, sizeof vals);
	int warn_addr = r->warned && r->warn_outcome == CHL_BLOCKED_ADDR;
	if (warn_addr && r->outcome != CHL_BLOCKED_ADDR && blockaddr_say(addr, 1, qm_now_ms())) {
		ERRLOG(&qm->el, AMQ_CHLAUTH_WARNED, chl ? chl : "(not known yet)", addr, "BLOCKADDR record with WARN(YES)");
		blocked_event(qm, CHL_BLOCKED_ADDR, 1, chl, "", addr);
	}
	if (r->outcome == CHL_BLOCKED_ADDR) {
		if (blockaddr_say(addr, 0, qm_now_ms())) {
			ERRLOG(&qm->el, AMQ_CHL_BLOCKED_ADDR, addr);
			blocked_event(qm, CHL_BLOCKED_ADDR, 0, chl, "", addr);
		}
	} else if (r->outcome == CHL_BLOCKED_USER) {
		ERRLOG(&qm->el, AMQ_CHL_BLOCKED_USER, chl, addr, r->blocked_user[0] ? r->blocked_user : "(blank)",
		       r->rule->profile);
		blocked_event(qm, CHL_BLOCKED_USER, 0, chl, r->blocked_user, addr);
	} else if (r->outcome == CHL_BLOCKED_NOACCESS) {
		char why[2600];
		snprintf(why, sizeof why, "record %s TYPE(%s); the active values were %s", r->rule->profile,
			 chl_type_name(r->rule->type), vals);
		ERRLOG(&qm->el, AMQ_CHL_BLOCKED_NOACCESS, chl, addr, why);
		blocked_event(qm, CHL_BLOCKED_NOACCESS, 0, chl, "", addr);
	} else if (r->warned && !warn_addr) {
		char why[2600];
		snprintf(why, sizeof why, "%s record %s TYPE(%s) with WARN(YES); the active values were %s",
			 r->warn_outcome == CHL_BLOCKED_ADDR ? "BLOCKADDR" : r->warn_outcome == CHL_BLOCKED_USER
			 ? "BLOCKUSER" : "USERSRC(NOACCESS)", r->rule->profile, chl_type_name(r->rule->type), vals);
		ERRLOG(&qm->el, AMQ_CHLAUTH_WARNED, chl ? chl : "(not known yet)", addr, why);
		blocked_event(qm, r->warn_outcome, 1, chl, r->blocked_user, addr);
	}
	/* the pointers into s are not kept past here */
	r->rule = NULL;
	r->map = NULL;
	chl_set_free(&s);
	return r->outcome;
}

/* ---- dmpmqcfg ---------------------------------------------------------------------------- */

int chl_dump(struct qm *qm, const char *pat, int oneline, struct mqsc_out *out, uint32_t *objects)
{
	struct chl_set s;
	if (chl_srv_records(qm, &s))
		return -1;
	int rc = 0;
	for (size_t i = 0; i < s.n && !rc; i++) {
		if (!chl_glob(pat, s.v[i].profile))
			continue;
		char *t = chl_set_text(&s.v[i], oneline);
		if (!t || mqsc_out_line(out, t, strlen(t)))
			rc = -1;
		free(t);
		(*objects)++;
	}
	chl_set_free(&s);
	return rc;
}
