/*
 * verbs.c: the MQI verbs libmqm implements: MQCONN, MQCONNX, MQDISC, MQOPEN,
 * MQCLOSE, MQPUT, MQPUT1, MQGET, MQCMIT, MQBACK, MQINQ, MQSET.
 *
 * Each verb: nothing at all when pCompCode or pReason is NULL (there is no
 * way to report); otherwise CompCode and Reason are always set.  The handle is
 * looked up first (MQRC_HCONN_ERROR), then every structure and argument is
 * checked (validate.c) before anything is sent, then one request goes to the
 * queue manager (qm/proto.h) and the outputs of its reply are copied back
 * within the Version of each of the caller's structures.  Outputs are written
 * only when the call did not fail, except MQGET's MQMD, MQGMO, DataLength and
 * data, which are also written for a truncated message (2080).
 */
#include "qm/mqi/mqm_int.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Body sizes (qm/proto.h). */
#define CONN_REQ   (MQ_Q_MGR_NAME_LENGTH + 4 + MQ_APPL_NAME_LENGTH + 4 + 4 + 12 + PROTO_CSP_USER_MAX + \
		    MQ_CSP_PASSWORD_LENGTH)   /* the longest */
#define CONN_REP   (8 + MQ_Q_MGR_NAME_LENGTH + 4 + 4 + 4)
#define OPEN_REP   (8 + 4 + sizeof(MQOD))
#define PUT_REP    (8 + sizeof(MQMD) + sizeof(MQPMO))
#define PUT1_REP   (8 + sizeof(MQOD) + sizeof(MQMD) + sizeof(MQPMO))
#define GET_FIXED  (8 + sizeof(MQMD) + sizeof(MQGMO) + 4 + 4)
#define PUT_MAXDATA  (PROTO_MAX_BODY - 4 - sizeof(MQMD) - sizeof(MQPMO) - 4)
#define PUT1_MAXDATA (PROTO_MAX_BODY - sizeof(MQOD) - sizeof(MQMD) - sizeof(MQPMO) - 4)
#define MQM_CHAR_ATTR_MAX MQ_TOPIC_STR_LENGTH   /* the longest character attribute MQ has */

/* After the checks: the call lock, or the reason it could not be had. */
static MQLONG enter(struct mqm_conn *c, MQLONG rc)
{
	if (!rc)
		rc = mqm_async_gate(c);   /* 2500 while MQCTL has started c, outside its callbacks */
	if (!rc)
		rc = mqm_conn_lock(c, 0);
	if (rc)
		mqm_conn_put(c);
	return rc;
}

static void leave(struct mqm_conn *c)
{
	mqm_conn_unlock(c);
	mqm_conn_put(c);
}

MQLONG mqm_enter(struct mqm_conn *c, MQLONG rc)
{
	return enter(c, rc);
}

void mqm_leave(struct mqm_conn *c)
{
	leave(c);
}

/* MQOD version 4 of a topic: its ObjectString (sub.c's rules), and the check
 * of its ResObjectString; *s and *len the string to send. */
static MQLONG od_topic_string(const void *user, MQLONG ver, const MQOD *od, const char **s, uint32_t *len)
{
	*s = "";
	*len = 0;
	if (od->ObjectType != MQOT_TOPIC || ver < MQOD_VERSION_4)
		return MQRC_NONE;
	const MQOD *u = user;
	MQLONG rc = mqm_charv_get(u, &u->ObjectString, MQ_TOPIC_STR_LENGTH, MQRC_OBJECT_STRING_ERROR, 1, s, len);
	return rc ? rc : mqm_charv_check_out(&u->ResObjectString, MQRC_RES_OBJECT_STRING_ERROR);
}

/* The reply of an OPEN or PUT1 of a topic ends with u32 len and the resolved
 * topic string (qm/proto.h): 0 when rep (n bytes, fixed before it) has it
 * right, and it is written into a version-4 MQOD's ResObjectString. */
static int od_topic_reply(void *user, MQLONG ver, const uint8_t *rep, size_t n, size_t fixed)
{
	if (n < fixed + 4)
		return -1;
	uint32_t l = get_u32(rep + fixed);
	if (l > MQ_TOPIC_STR_LENGTH || n != fixed + 4 + l)
		return -1;
	if (ver >= MQOD_VERSION_4) {
		MQOD *u = user;
		mqm_charv_put(u, &u->ResObjectString, rep + fixed + 4, l);
	}
	return 0;
}

/* A reply whose body is not what the protocol says: the connection is broken. */
static MQLONG bad_reply(struct mqm_conn *c, MQLONG *cc)
{
	*cc = MQCC_FAILED;
	return mqm_conn_break(c);
}

/* ------------------------------------------------------------------------ */
/* MQCONN, MQCONNX, MQDISC                                                  */

static void conn_id_make(const struct mqm_conn *c, MQBYTE24 id)
{
	memcpy(id, "AMQC", 4);
	mqm_name_put((char *)id + 4, 12, c->qmgr);
	put_u32(id + 16, c->conn_id);
	put_u32(id + 20, c->conn_stamp);
}

static void conn_verb(PMQCHAR pname, void *pcno, PMQHCONN ph, PMQLONG pcc, PMQLONG prc)
{
	struct mqm_cno o;
	struct mqm_conn *c = NULL;
	struct mqm_plan plan;
	char name[MQ_Q_MGR_NAME_LENGTH + 1], real[MQ_Q_MGR_NAME_LENGTH + 1] = "", dir[PATH_MAX];
	uint8_t req[CONN_REQ], rep[CONN_REP];
	MQLONG rc, cc, r;
	int client = 0, added = 0;
	char other[MQ_Q_MGR_NAME_LENGTH + 1] = "";   /* a client: the thread's connection to another name */

	memset(&plan, 0, sizeof plan);
	*pcc = MQCC_FAILED;
	if (!ph) {
		*prc = MQRC_HCONN_ERROR;
		return;
	}
	if (!pname) {
		*prc = MQRC_Q_MGR_NAME_ERROR;
		return;
	}
	rc = mqm_check_cno(pcno, &o);
	if (!rc) {
		mqm_name_get(pname, MQ_Q_MGR_NAME_LENGTH, name);
		rc = mqm_client_choose(pcno, &o, name, &plan, &client);   /* client.c: local or client */
	}
	if (!rc && !client)
		rc = mqm_check_qmgr_name(name);
	if (!rc && !client)
		rc = mqm_locate(name, real, sizeof real, dir, sizeof dir);
	if (!rc && !(o.options & (MQCNO_HANDLE_SHARE_BLOCK | MQCNO_HANDLE_SHARE_NO_BLOCK))) {
		/* one non-shared connection per thread, as MQ; a client asking for
		 * any queue manager ("", "*QM") is taken to mean the one it has */
		struct mqm_conn *old = mqm_conn_of_thread();
		if (old) {
			/* a client names the queue manager for sure only once CHLOPEN
			 * answers: another name is 2103 after that (below), so an
			 * unknown one is still 2058, as for a local connection */
			int same = client ? (!plan.check_name || strcmp(old->qmgr, plan.want) == 0) :
					    strcmp(old->qmgr, real) == 0;
			MQHCONN h = old->hconn;
			mqm_conn_put(old);
			if (client && !same) {
				snprintf(other, sizeof other, "%s", old->qmgr);
			} else if (same) {
				*ph = h;
				explicit_bzero(o.password, sizeof o.password);
				mqm_plan_free(&plan);
				mqm_done(pcc, prc, MQCC_WARNING, MQRC_ALREADY_CONNECTED);
				return;
			} else {
				rc = MQRC_ANOTHER_Q_MGR_CONNECTED;
			}
		}
	}
	if (!rc && !(c = mqm_conn_new()))
		rc = MQRC_STORAGE_NOT_AVAILABLE;
	if (!rc) {
		c->shared = (o.options & (MQCNO_HANDLE_SHARE_BLOCK | MQCNO_HANDLE_SHARE_NO_BLOCK)) != 0;
		c->no_block = (o.options & MQCNO_HANDLE_SHARE_NO_BLOCK) != 0;
		if (client) {
			rc = mqm_client_dial(c, &plan);   /* TCP and CHLOPEN: c->qmgr is the real name */
			snprintf(real, sizeof real, "%s", c->qmgr);
			if (!rc && other[0] && strcmp(other, real) != 0)
				rc = MQRC_ANOTHER_Q_MGR_CONNECTED;
		} else {
			snprintf(c->qmgr, sizeof c->qmgr, "%s", real);
			rc = mqm_dial(dir, &c->fd);
		}
	}
	if (rc) {
		mqm_plan_free(&plan);
		explicit_bzero(o.password, sizeof o.password);
		if (c)
			mqm_conn_free(c);
		*prc = rc;
		return;
	}

	/* CONN: qmgr[48] options appname[28] pid tid auth ulen user[ulen] plen password[plen] */
	uint8_t *p = req;
	mqm_name_put((char *)p, MQ_Q_MGR_NAME_LENGTH, real);
	p += MQ_Q_MGR_NAME_LENGTH;
	put_u32(p, (uint32_t)o.options);
	p += 4;
	mqm_name_put((char *)p, MQ_APPL_NAME_LENGTH, o.appname[0] ? o.appname : program_invocation_short_name);
	p += MQ_APPL_NAME_LENGTH;
	put_u32(p, (uint32_t)getpid());
	put_u32(p + 4, (uint32_t)gettid());
	p += 8;
	put_u32(p, o.have_csp ? PROTO_AUTH_USER_PWD : PROTO_AUTH_NONE);
	put_u32(p + 4, (uint32_t)o.user_len);
	memcpy(p + 8, o.user, o.user_len);
	p += 8 + o.user_len;
	put_u32(p, (uint32_t)o.password_len);
	memcpy(p + 4, o.password, o.password_len);
	p += 4 + o.password_len;
	explicit_bzero(o.password, sizeof o.password);

	struct iovec iov = { req, (size_t)(p - req) };
	struct mqm_rx rx = { rep, sizeof rep, NULL, 0, 0, 0 };
	if (client)
		mqm_handshake_timeout(c->fd, 1);  /* the CONN reply, as for a local connection */
	rc = mqm_call(c, PROTO_CONN, &iov, 1, &rx, &cc, &r);
	if (rc) {
		/* it went away before it accepted us */
		rc = client ? MQRC_CONNECTION_BROKEN : MQRC_Q_MGR_NOT_AVAILABLE;
	} else if (cc == MQCC_FAILED) {
		rc = r;
	} else if (rx.len != CONN_REP) {
		rc = MQRC_Q_MGR_NOT_AVAILABLE;
	} else if (!client && mqm_ring_attach(c) != MQRC_NONE) {
		rc = MQRC_Q_MGR_NOT_AVAILABLE;     /* it went away before the channel was set up */
	} else {
		mqm_handshake_timeout(c->fd, 0);
		mqm_name_get((const char *)rep + 8, MQ_Q_MGR_NAME_LENGTH, c->qmgr);
		c->conn_id = get_u32(rep + 8 + MQ_Q_MGR_NAME_LENGTH + 4);
		c->conn_stamp = get_u32(rep + 8 + MQ_Q_MGR_NAME_LENGTH + 8);
		rc = mqm_conn_add(c);
		added = rc == MQRC_NONE;
	}
	/* reconnection (reconn.c): the options, else the channel's DEFRECON */
	int recon = client ? mqm_client_recon_mode(&plan, o.options) : 0;
	if (!rc && recon)
		rc = mqm_rcn_setup(c, &plan, req, sizeof req, recon == 2);
	explicit_bzero(req, sizeof req);
	mqm_plan_free(&plan);
	if (rc) {
		if (added)
			mqm_conn_remove(c);   /* out of the table: that frees it and closes the socket */
		else
			mqm_conn_free(c);     /* closing the socket ends the connection */
		*prc = rc;
		return;
	}
	if (client)
		mqm_client_watch();   /* heartbeats answered while the application is idle */
	MQBYTE24 id;
	conn_id_make(c, id);
	mqm_cno_out(pcno, id);
	*ph = c->hconn;
	mqm_done(pcc, prc, cc, r);
}

void MQENTRY MQCONNX(PMQCHAR pQMgrName, PMQCNO pConnectOpts, PMQHCONN pHconn, PMQLONG pCompCode,
		     PMQLONG pReason)
{
	if (pCompCode && pReason)
		conn_verb(pQMgrName, pConnectOpts, pHconn, pCompCode, pReason);
}

void MQENTRY MQCONN(PMQCHAR pQMgrName, PMQHCONN pHconn, PMQLONG pCompCode, PMQLONG pReason)
{
	MQCNO cno = { MQCNO_DEFAULT };
	if (pCompCode && pReason)
		conn_verb(pQMgrName, &cno, pHconn, pCompCode, pReason);
}

void MQENTRY MQDISC(PMQHCONN pHconn, PMQLONG pCompCode, PMQLONG pReason)
{
	struct mqm_conn *c;
	MQLONG rc, cc = MQCC_OK, r = MQRC_NONE;
	uint8_t rep[8];

	if (!pCompCode || !pReason)
		return;
	if (!pHconn) {
		mqm_done(pCompCode, pReason, MQCC_FAILED, MQRC_HCONN_ERROR);
		return;
	}
	rc = mqm_conn_get(*pHconn, &c);
	if (!rc && (rc = mqm_async_disc(c)) != 0)   /* MQCTL STOP first, and the callbacks deregistered */
		mqm_conn_put(c);
	else if (!rc && (rc = mqm_conn_lock(c, 1)) != 0)
		mqm_conn_put(c);
	if (rc) {
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
		return;
	}
	if (c->broken_rc == MQRC_HCONN_ERROR) {
		/* another thread disconnected it while this one waited */
		leave(c);
		mqm_done(pCompCode, pReason, MQCC_FAILED, MQRC_HCONN_ERROR);
		return;
	}
	if (c->broken_rc && mqm_rcn_live(c)) {
		/* reconnectable, broken while no call ran: nothing to end (the queue
		 * manager backed its unit of work out when the connection broke) */
	} else if (c->broken_rc) {
		cc = MQCC_FAILED;
		r = c->broken_rc;
	} else {
		/* the queue manager commits the unit of work before it replies */
		struct mqm_rx rx = { rep, sizeof rep, NULL, 0, 0, 0 };
		rc = mqm_call(c, PROTO_DISC, NULL, 0, &rx, &cc, &r);
		if (rc) {
			cc = MQCC_FAILED;
			r = rc;
		}
	}
	mqm_conn_close(c, MQRC_HCONN_ERROR);
	mqm_conn_unlock(c);
	mqm_conn_remove(c);
	mqm_conn_put(c);
	mqm_props_conn_gone(*pHconn);
	*pHconn = MQHC_UNUSABLE_HCONN;
	mqm_done(pCompCode, pReason, cc, r);
}

/* ------------------------------------------------------------------------ */
/* MQOPEN, MQCLOSE                                                          */

void MQENTRY MQOPEN(MQHCONN Hconn, PMQVOID pObjDesc, MQLONG Options, PMQHOBJ pHobj,
		    PMQLONG pCompCode, PMQLONG pReason)
{
	struct mqm_conn *c;
	MQOD od, got;
	MQLONG rc, ver = 0, cc, r;
	uint8_t opt[4], slen[4], rep[OPEN_REP + 4 + MQ_TOPIC_STR_LENGTH];
	const char *str = "";
	uint32_t strl = 0;

	if (!pCompCode || !pReason)
		return;
	rc = mqm_conn_get(Hconn, &c);
	if (rc) {
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
		return;
	}
	const char *sel = NULL;
	size_t sellen = 0;
	uint8_t selhdr[8];
	ver = mqm_od_version(pObjDesc, &rc);
	if (!rc) {
		mqm_od_in(pObjDesc, ver, &od);
		rc = mqm_check_od(&od);
	}
	if (!rc)
		rc = mqm_od_selection(pObjDesc, ver, &sel, &sellen);   /* 2519 (qm/proto.h: OPEN) */
	if (!rc && !pHobj)
		rc = MQRC_HOBJ_ERROR;
	if (!rc)
		rc = mqm_check_open_options(Options);
	if (!rc)
		rc = od_topic_string(pObjDesc, ver, &od, &str, &strl);
	if ((rc = enter(c, rc)) != 0) {
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
		return;
	}
	put_u32(opt, (uint32_t)Options);
	put_u32(slen, strl);
	put_u32(selhdr, PROTO_OPEN_SELECTION);
	put_u32(selhdr + 4, (uint32_t)sellen);
	/* a topic's string follows the MQOD, then the extensions (qm/proto.h) */
	int topic = od.ObjectType == MQOT_TOPIC;
	struct iovec iov[6] = { { opt, 4 }, { &od, sizeof od } };
	int niov = 2;
	if (topic) {
		iov[niov++] = (struct iovec){ slen, 4 };
		iov[niov++] = (struct iovec){ (void *)str, strl };
	}
	if (sel) {
		iov[niov++] = (struct iovec){ selhdr, 8 };
		iov[niov++] = (struct iovec){ (void *)sel, sellen };
	}
	struct mqm_rx rx = { rep, sizeof rep, NULL, 0, 0, 0 };
	rc = mqm_call(c, PROTO_OPEN, iov, niov, &rx, &cc, &r);
	if (!rc && cc != MQCC_FAILED) {
		if (topic ? od_topic_reply(pObjDesc, ver, rep, rx.len, OPEN_REP) != 0 : rx.len != OPEN_REP) {
			rc = bad_reply(c, &cc);
		} else {
			memcpy(&got, rep + 12, sizeof got);
			mqm_od_out(pObjDesc, ver, &od, &got);
			*pHobj = (MQHOBJ)get_u32(rep + 8);
		}
	}
	leave(c);
	if (rc)
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
	else
		mqm_done(pCompCode, pReason, cc, r);
}

/* A request whose reply is only CompCode and Reason. */
static void simple_call(struct mqm_conn *c, uint16_t op, const struct iovec *iov, int niov,
			PMQLONG pcc, PMQLONG prc)
{
	uint8_t rep[8];
	MQLONG cc, r, rc;
	struct mqm_rx rx = { rep, sizeof rep, NULL, 0, 0, 0 };
	rc = mqm_call(c, op, iov, niov, &rx, &cc, &r);
	if (rc)
		mqm_done(pcc, prc, MQCC_FAILED, rc);
	else
		mqm_done(pcc, prc, cc, r);
}

void MQENTRY MQCLOSE(MQHCONN Hconn, PMQHOBJ pHobj, MQLONG Options, PMQLONG pCompCode, PMQLONG pReason)
{
	struct mqm_conn *c;
	uint8_t req[8];
	MQLONG rc;

	if (!pCompCode || !pReason)
		return;
	rc = mqm_conn_get(Hconn, &c);
	if (rc) {
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
		return;
	}
	rc = pHobj ? mqm_check_close_options(Options) : MQRC_HOBJ_ERROR;
	if ((rc = enter(c, rc)) != 0) {
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
		return;
	}
	MQHOBJ hobj = *pHobj;
	put_u32(req, (uint32_t)hobj);
	put_u32(req + 4, (uint32_t)Options);
	struct iovec iov = { req, sizeof req };
	simple_call(c, PROTO_CLOSE, &iov, 1, pCompCode, pReason);
	mqm_conn_unlock(c);
	if (*pCompCode != MQCC_FAILED) {
		*pHobj = MQHO_UNUSABLE_HOBJ;
		mqm_async_closed(c, hobj);   /* its consumer, if any, is deregistered */
	}
	mqm_conn_put(c);
}

/* ------------------------------------------------------------------------ */
/* MQPUT, MQPUT1                                                            */

/* The message descriptor of an MQPMO's message handle, when the put is given
 * no MsgDesc or MQPMO_MD_FOR_OUTPUT_ONLY (MQACTP_NEW: NewMsgHandle's, else
 * OriginalMsgHandle's; propmd.c).  Without a handle, or for another Action
 * (MQ then composes a reply, report or forward from the original: not
 * served), MQRC_MD_ERROR. */
static MQLONG put_md_of_handle(MQHCONN hconn, const MQPMO *pmo, MQLONG pmov, MQMD *md)
{
	MQHMSG h = pmov < MQPMO_VERSION_3 ? MQHM_NONE
		   : pmo->NewMsgHandle != MQHM_NONE ? pmo->NewMsgHandle : pmo->OriginalMsgHandle;
	if (h == MQHM_NONE || pmo->Action != MQACTP_NEW)
		return MQRC_MD_ERROR;
	return mqm_props_md_get(hconn, h, md);
}

/* The checks MQPUT and MQPUT1 share, after the MQOD. */
static MQLONG put_checks(MQHCONN hconn, const void *pmd, const void *ppmo, MQLONG buflen, const void *buf,
			 int put1, MQMD *md, MQLONG *mdv, MQPMO *pmo, MQLONG *pmov)
{
	MQLONG rc;
	if (pmd) {
		*mdv = mqm_md_version(pmd, &rc);
		if (rc)
			return rc;
		mqm_md_in(pmd, *mdv, md);
	}
	*pmov = mqm_pmo_version(ppmo, &rc);
	if (rc)
		return rc;
	mqm_pmo_in(ppmo, *pmov, pmo);
	if (!pmd || pmo->Options & MQPMO_MD_FOR_OUTPUT_ONLY) {
		if ((rc = put_md_of_handle(hconn, pmo, *pmov, md)) != 0)
			return rc;
	}
	rc = mqm_check_pmo_options(pmo->Options, put1);
	if (!rc)
		rc = mqm_check_md_put(md);
	if (!rc && buflen < 0)
		rc = MQRC_BUFFER_LENGTH_ERROR;
	if (!rc && buflen > 0 && !buf)
		rc = MQRC_BUFFER_ERROR;
	if (!rc && (size_t)buflen > (put1 ? PUT1_MAXDATA : PUT_MAXDATA))
		rc = MQRC_MSG_TOO_BIG_FOR_Q_MGR;
	return rc;
}

/* The outputs of a put: the caller's MsgDesc (all of it, given with
 * MQPMO_MD_FOR_OUTPUT_ONLY), and the descriptor of NewMsgHandle, which then
 * stands for the message put (MQ).  sent: the descriptor the put was given
 * (before its properties made its Format MQHRF2). */
static void put_md_out(MQHCONN hconn, void *pmd, MQLONG mdv, const MQPMO *pmo, const MQMD *sent, MQMD *got)
{
	MQMD out = *sent;
	/* the fields the queue manager sets, over what was sent */
	mqm_md_out_put(&out, MQMD_VERSION_2, got);
	if (pmd && pmo->Options & MQPMO_MD_FOR_OUTPUT_ONLY)
		mqm_md_out_get(pmd, mdv, &out);
	else if (pmd)
		mqm_md_out_put(pmd, mdv, got);
	if (pmo->Version >= MQPMO_VERSION_3 && pmo->NewMsgHandle != MQHM_NONE)
		mqm_props_md_set(hconn, pmo->NewMsgHandle, &out);
}

/* An MQPMO version 3 with message handles: their properties go in front of
 * the data as an MQRFH2 (props.c); *buf and *len then name the new data. */
static MQLONG put_props(MQHCONN hconn, const MQPMO *pmo, MQMD *md, MQLONG *len, PMQVOID *buf, void **props,
			size_t max)
{
	MQLONG nlen;
	MQLONG rc = mqm_props_for_put(hconn, pmo, md, *buf, *len, props, &nlen);
	if (rc || !*props)
		return rc;
	if ((size_t)nlen > max)
		return MQRC_MSG_TOO_BIG_FOR_Q_MGR;
	*buf = *props;
	*len = nlen;
	return 0;
}

void MQENTRY MQPUT(MQHCONN Hconn, MQHOBJ Hobj, PMQVOID pMsgDesc, PMQVOID pPutMsgOpts,
		   MQLONG BufferLength, PMQVOID pBuffer, PMQLONG pCompCode, PMQLONG pReason)
{
	struct mqm_conn *c;
	MQMD md, gmd, umd;
	MQPMO pmo, gpmo;
	MQLONG rc, mdv = 0, pmov = 0, cc, r;
	uint8_t h[4], n[4], rep[PUT_REP];

	if (!pCompCode || !pReason)
		return;
	rc = mqm_conn_get(Hconn, &c);
	if (rc) {
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
		return;
	}
	rc = put_checks(Hconn, pMsgDesc, pPutMsgOpts, BufferLength, pBuffer, 0, &md, &mdv, &pmo, &pmov);
	void *props = NULL;   /* the data with the message handles' properties in front (props.c) */
	umd = md;     /* as the caller gave it, before its properties make it MQHRF2 */
	if (!rc)
		rc = put_props(Hconn, &pmo, &md, &BufferLength, &pBuffer, &props, PUT_MAXDATA);
	if (!rc && c->client && c->maxmsgl > 0 && BufferLength > c->maxmsgl)
		rc = MQRC_DATA_LENGTH_ERROR;   /* over the channel's MAXMSGL, as MQ's client says */
	if ((rc = enter(c, rc)) != 0) {
		free(props);
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
		return;
	}
	put_u32(h, (uint32_t)Hobj);
	put_u32(n, (uint32_t)BufferLength);
	struct iovec iov[5] = { { h, 4 }, { &md, sizeof md }, { &pmo, sizeof pmo }, { n, 4 },
				{ pBuffer, (size_t)BufferLength } };
	struct mqm_rx rx = { rep, sizeof rep, NULL, 0, 0, 0 };
	rc = mqm_call(c, PROTO_PUT, iov, 5, &rx, &cc, &r);
	if (!rc && cc != MQCC_FAILED) {
		if (rx.len != PUT_REP) {
			rc = bad_reply(c, &cc);
		} else {
			memcpy(&gmd, rep + 8, sizeof gmd);
			memcpy(&gpmo, rep + 8 + sizeof gmd, sizeof gpmo);
			put_md_out(Hconn, pMsgDesc, mdv, &pmo, &umd, &gmd);
			mqm_pmo_out(pPutMsgOpts, pmov, &gpmo);
		}
	}
	free(props);
	leave(c);
	if (rc)
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
	else
		mqm_done(pCompCode, pReason, cc, r);
}

void MQENTRY MQPUT1(MQHCONN Hconn, PMQVOID pObjDesc, PMQVOID pMsgDesc, PMQVOID pPutMsgOpts,
		    MQLONG BufferLength, PMQVOID pBuffer, PMQLONG pCompCode, PMQLONG pReason)
{
	struct mqm_conn *c;
	MQOD od, god;
	MQMD md, gmd, umd;
	MQPMO pmo, gpmo;
	MQLONG rc, odv = 0, mdv = 0, pmov = 0, cc, r;
	uint8_t n[4], slen[4], rep[PUT1_REP + 4 + MQ_TOPIC_STR_LENGTH];
	const char *str = "";
	uint32_t strl = 0;

	if (!pCompCode || !pReason)
		return;
	rc = mqm_conn_get(Hconn, &c);
	if (rc) {
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
		return;
	}
	odv = mqm_od_version(pObjDesc, &rc);
	if (!rc) {
		mqm_od_in(pObjDesc, odv, &od);
		rc = mqm_check_od(&od);
	}
	if (!rc) {
		/* a selection is for getting: never on MQPUT1's output-only open */
		const char *sel;
		size_t sellen;
		rc = mqm_od_selection(pObjDesc, odv, &sel, &sellen);
		if (!rc && sel)
			rc = MQRC_SELECTOR_INVALID_FOR_TYPE;
	}
	if (!rc)
		rc = od_topic_string(pObjDesc, odv, &od, &str, &strl);
	if (!rc)
		rc = put_checks(Hconn, pMsgDesc, pPutMsgOpts, BufferLength, pBuffer, 1, &md, &mdv, &pmo, &pmov);
	void *props = NULL;
	umd = md;
	if (!rc)
		rc = put_props(Hconn, &pmo, &md, &BufferLength, &pBuffer, &props, PUT1_MAXDATA);
	if (!rc && c->client && c->maxmsgl > 0 && BufferLength > c->maxmsgl)
		rc = MQRC_DATA_LENGTH_ERROR;   /* over the channel's MAXMSGL, as MQ's client says */
	if ((rc = enter(c, rc)) != 0) {
		free(props);
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
		return;
	}
	put_u32(n, (uint32_t)BufferLength);
	put_u32(slen, strl);
	/* a topic's string follows the data (qm/proto.h) */
	int topic = od.ObjectType == MQOT_TOPIC;
	struct iovec iov[7] = { { &od, sizeof od }, { &md, sizeof md }, { &pmo, sizeof pmo }, { n, 4 },
				{ pBuffer, (size_t)BufferLength }, { slen, 4 }, { (void *)str, strl } };
	struct mqm_rx rx = { rep, sizeof rep, NULL, 0, 0, 0 };
	rc = mqm_call(c, PROTO_PUT1, iov, topic ? 7 : 5, &rx, &cc, &r);
	if (!rc && cc != MQCC_FAILED) {
		if (topic ? od_topic_reply(pObjDesc, odv, rep, rx.len, PUT1_REP) != 0 : rx.len != PUT1_REP) {
			rc = bad_reply(c, &cc);
		} else {
			memcpy(&god, rep + 8, sizeof god);
			memcpy(&gmd, rep + 8 + sizeof god, sizeof gmd);
			memcpy(&gpmo, rep + 8 + sizeof god + sizeof gmd, sizeof gpmo);
			mqm_od_out(pObjDesc, odv, &od, &god);
			put_md_out(Hconn, pMsgDesc, mdv, &pmo, &umd, &gmd);
			mqm_pmo_out(pPutMsgOpts, pmov, &gpmo);
		}
	}
	free(props);
	leave(c);
	if (rc)
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
	else
		mqm_done(pCompCode, pReason, cc, r);
}

/* ------------------------------------------------------------------------ */
/* MQGET                                                                    */

void MQENTRY MQGET(MQHCONN Hconn, MQHOBJ Hobj, PMQVOID pMsgDesc, PMQVOID pGetMsgOpts,
		   MQLONG BufferLength, PMQVOID pBuffer, PMQLONG pDataLength, PMQLONG pCompCode,
		   PMQLONG pReason)
{
	struct mqm_conn *c;
	MQMD md, gmd;
	MQGMO gmo, ggmo;
	MQLONG rc, mdv = 0, gmov = 0, cc, r;
	uint8_t h[4], n[4], rep[GET_FIXED];

	if (!pCompCode || !pReason)
		return;
	rc = mqm_conn_get(Hconn, &c);
	if (rc) {
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
		return;
	}
	if (pMsgDesc) {
		mdv = mqm_md_version(pMsgDesc, &rc);
		if (!rc)
			mqm_md_in(pMsgDesc, mdv, &md);
	}
	if (!rc)
		gmov = mqm_gmo_version(pGetMsgOpts, &rc);
	if (!rc) {
		mqm_gmo_in(pGetMsgOpts, gmov, &gmo);
		rc = mqm_check_gmo(&gmo);
	}
	/* with a message handle the MsgDesc may be left out: the handle's
	 * descriptor gives the input fields and receives the message's (MQ; not
	 * with PROPERTIES_FORCE_MQRFH2: MQRC_MD_ERROR) */
	int hmd = !rc && gmov >= MQGMO_VERSION_4 && gmo.MsgHandle != MQHM_NONE;
	if (!rc && !pMsgDesc) {
		if (!hmd || gmo.Options & MQGMO_PROPERTIES_FORCE_MQRFH2)
			rc = MQRC_MD_ERROR;
		else if (mqm_props_md_get(Hconn, gmo.MsgHandle, &md))
			rc = MQRC_HMSG_ERROR;
	}
	/* MQGMO_UNLOCK neither checks nor fills the buffer and DataLength */
	int unlock = !rc && (gmo.Options & MQGMO_UNLOCK);
	if (unlock)
		BufferLength = 0;
	if (!rc && BufferLength < 0)
		rc = MQRC_BUFFER_LENGTH_ERROR;
	if (!rc && BufferLength > 0 && !pBuffer)
		rc = MQRC_BUFFER_ERROR;
	if (!rc && !pDataLength && !unlock)
		rc = MQRC_DATA_LENGTH_ERROR;
	/* properties into a message handle come apart from the body (props.c, qm/proto.h) */
	int want = 0;
	uint8_t *apart = NULL;
	if (!rc)
		rc = mqm_props_get_check(Hconn, &gmo, gmov, &want);
	gmo.Reserved2 = want ? (MQLONG)MQM_PROPS_ROOM : 0;
	if (!rc && want && !(apart = malloc((size_t)BufferLength + MQM_PROPS_ROOM)))
		rc = MQRC_STORAGE_NOT_AVAILABLE;
	if ((rc = enter(c, rc)) != 0) {
		free(apart);
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
		return;
	}
	put_u32(h, (uint32_t)Hobj);
	put_u32(n, (uint32_t)BufferLength);
	struct iovec iov[4] = { { h, 4 }, { &md, sizeof md }, { &gmo, sizeof gmo }, { n, 4 } };
	struct mqm_rx rx = { rep, sizeof rep, apart ? (void *)apart : pBuffer,
			     (size_t)BufferLength + (apart ? MQM_PROPS_ROOM : 0), 0, 0 };
	/* with a wait the queue manager holds the reply until a message or the
	 * end of WaitInterval: this blocks in the read */
	rc = mqm_call(c, PROTO_GET, iov, 4, &rx, &cc, &r);
	if (!rc && unlock && rx.len > 8) {
		rc = bad_reply(c, &cc);   /* the queue manager answers UNLOCK with its codes only */
	} else if (!rc && !unlock && (rx.len > 8 || cc != MQCC_FAILED)) {
		uint32_t total = rx.len >= GET_FIXED ? get_u32(rep + GET_FIXED - 8) : 0;
		uint32_t sent = rx.len >= GET_FIXED ? get_u32(rep + GET_FIXED - 4) : 0;
		if (rx.len >= GET_FIXED)
			memcpy(&ggmo, rep + 8 + sizeof gmd, sizeof ggmo);
		uint32_t plen = rx.len >= GET_FIXED ? (uint32_t)ggmo.Reserved2 : 0;
		if (rx.len < GET_FIXED || rx.len - GET_FIXED != sent || total > INT32_MAX ||
		    plen > (apart ? MQM_PROPS_ROOM : 0) || plen > sent || sent - plen > (uint32_t)BufferLength) {
			rc = bad_reply(c, &cc);
		} else {
			memcpy(&gmd, rep + 8, sizeof gmd);
			if (pMsgDesc)
				mqm_md_out_get(pMsgDesc, mdv, &gmd);
			if (hmd)
				mqm_props_md_set(Hconn, gmo.MsgHandle, &gmd);
			mqm_gmo_out(pGetMsgOpts, gmov, &ggmo);
			*pDataLength = (MQLONG)total;
			if (apart) {
				if (sent > plen)
					memcpy(pBuffer, apart + plen, sent - plen);
				if (mqm_props_got(Hconn, gmo.MsgHandle, apart, plen) && cc == MQCC_OK) {
					cc = MQCC_WARNING;
					r = MQRC_RFH_FORMAT_ERROR;
				}
			}
		}
	}
	free(apart);
	leave(c);
	if (rc)
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
	else
		mqm_done(pCompCode, pReason, cc, r);
}

/* ------------------------------------------------------------------------ */
/* MQCMIT, MQBACK                                                           */

static void uow_verb(MQHCONN Hconn, uint16_t op, PMQLONG pCompCode, PMQLONG pReason)
{
	struct mqm_conn *c;
	MQLONG rc;
	if (!pCompCode || !pReason)
		return;
	rc = mqm_conn_get(Hconn, &c);
	if (!rc)
		rc = enter(c, rc);
	if (rc) {
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
		return;
	}
	simple_call(c, op, NULL, 0, pCompCode, pReason);
	leave(c);
}

void MQENTRY MQCMIT(MQHCONN Hconn, PMQLONG pCompCode, PMQLONG pReason)
{
	uow_verb(Hconn, PROTO_CMIT, pCompCode, pReason);
}

void MQENTRY MQBACK(MQHCONN Hconn, PMQLONG pCompCode, PMQLONG pReason)
{
	uow_verb(Hconn, PROTO_BACK, pCompCode, pReason);
}

/* ------------------------------------------------------------------------ */
/* MQSTAT                                                                   */

#define STAT_REP (8 + 7 * 4 + 2 * MQ_Q_NAME_LENGTH + 2 * MQ_Q_MGR_NAME_LENGTH)

/* An MQCHARV output field with nothing to say: length 0 (its buffer, if any,
 * is left as it is). */
static void charv_empty(MQCHARV *v)
{
	v->VSLength = 0;
}

void MQENTRY MQSTAT(MQHCONN Hconn, MQLONG Type, PMQVOID pStatus, PMQLONG pCompCode, PMQLONG pReason)
{
	struct mqm_conn *c;
	MQLONG rc, ver = 0, cc, r;
	uint8_t t[4], rep[STAT_REP];

	if (!pCompCode || !pReason)
		return;
	rc = mqm_conn_get(Hconn, &c);
	if (rc) {
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
		return;
	}
	if (Type == MQSTAT_TYPE_RECONNECTION || Type == MQSTAT_TYPE_RECONNECTION_ERROR)
		rc = MQRC_ENVIRONMENT_ERROR;   /* client connections only, as MQ */
	else if (Type != MQSTAT_TYPE_ASYNC_ERROR)
		rc = MQRC_STAT_TYPE_ERROR;
	if (!rc)
		ver = mqm_sts_version(pStatus, &rc);
	if ((rc = enter(c, rc)) != 0) {
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
		return;
	}
	put_u32(t, (uint32_t)Type);
	struct iovec iov[1] = { { t, 4 } };
	struct mqm_rx rx = { rep, sizeof rep, NULL, 0, 0, 0 };
	rc = mqm_call(c, PROTO_STAT, iov, 1, &rx, &cc, &r);
	if (!rc && cc == MQCC_OK) {
		if (rx.len != STAT_REP) {
			rc = bad_reply(c, &cc);
		} else {
			MQSTS *s = pStatus;
			const uint8_t *p = rep + 8;
			MQLONG v[7];
			for (int i = 0; i < 7; i++)
				v[i] = (MQLONG)get_u32(p + 4 * i);
			p += 7 * 4;
			s->CompCode = v[0];
			s->Reason = v[1];
			s->PutSuccessCount = v[2];
			s->PutWarningCount = v[3];
			s->PutFailureCount = v[4];
			s->ObjectType = v[5];
			memcpy(s->ObjectName, p, MQ_Q_NAME_LENGTH);
			memcpy(s->ObjectQMgrName, p + MQ_Q_NAME_LENGTH, MQ_Q_MGR_NAME_LENGTH);
			memcpy(s->ResolvedObjectName, p + MQ_Q_NAME_LENGTH + MQ_Q_MGR_NAME_LENGTH, MQ_Q_NAME_LENGTH);
			memcpy(s->ResolvedQMgrName, p + 2 * MQ_Q_NAME_LENGTH + MQ_Q_MGR_NAME_LENGTH,
			       MQ_Q_MGR_NAME_LENGTH);
			if (ver >= MQSTS_VERSION_2) {
				/* queues only until topics come: no object string, no subscription */
				charv_empty(&s->ObjectString);
				charv_empty(&s->SubName);
				s->OpenOptions = v[6];
				s->SubOptions = 0;
			}
		}
	}
	leave(c);
	if (rc)
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
	else
		mqm_done(pCompCode, pReason, cc, r);
}

/* ------------------------------------------------------------------------ */
/* MQINQ, MQSET                                                             */

/* The request head of INQ and SET: hobj nsel nint charlen sel[nsel]. */
static size_t attr_head(uint8_t *p, MQHOBJ hobj, MQLONG nsel, const MQLONG *sel, MQLONG nint,
			MQLONG charlen)
{
	put_u32(p, (uint32_t)hobj);
	put_u32(p + 4, (uint32_t)nsel);
	put_u32(p + 8, (uint32_t)nint);
	put_u32(p + 12, (uint32_t)charlen);
	for (MQLONG i = 0; i < nsel; i++)
		put_u32(p + 16 + 4 * i, (uint32_t)sel[i]);
	return 16 + 4 * (size_t)nsel;
}

void MQENTRY MQINQ(MQHCONN Hconn, MQHOBJ Hobj, MQLONG SelectorCount, PMQLONG pSelectors,
		   MQLONG IntAttrCount, PMQLONG pIntAttrs, MQLONG CharAttrLength, PMQCHAR pCharAttrs,
		   PMQLONG pCompCode, PMQLONG pReason)
{
	struct mqm_conn *c;
	MQLONG rc, cc, r, nint = 0;
	uint8_t req[16 + 4 * 256], rep[8 + 4 * 256];

	if (!pCompCode || !pReason)
		return;
	rc = mqm_conn_get(Hconn, &c);
	if (rc) {
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
		return;
	}
	rc = mqm_check_inq_args(SelectorCount, pSelectors, IntAttrCount, pIntAttrs, CharAttrLength,
				pCharAttrs, 0);
	if (!rc) {
		/* only as many integers as there are integer selectors: the
		 * elements after them stay as they are */
		nint = mqm_int_selectors(SelectorCount, pSelectors);
		if (nint > IntAttrCount)
			nint = IntAttrCount;
		if (!pCharAttrs)
			CharAttrLength = 0;
	}
	if ((rc = enter(c, rc)) != 0) {
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
		return;
	}
	struct iovec iov = { req, attr_head(req, Hobj, SelectorCount, pSelectors, nint, CharAttrLength) };
	/* character attributes go straight into the caller's buffer; the queue
	 * manager sends only the whole attributes that fit, and the rest of
	 * CharAttrLength is left unchanged, as MQ leaves it */
	struct mqm_rx rx = { rep, 8 + 4 * (size_t)nint, pCharAttrs, (size_t)CharAttrLength, 0, 0 };
	rc = mqm_call(c, PROTO_INQ, &iov, 1, &rx, &cc, &r);
	if (!rc && cc != MQCC_FAILED) {
		if (rx.len < 8 + 4 * (size_t)nint || rx.len - 8 - 4 * (size_t)nint > (size_t)CharAttrLength)
			rc = bad_reply(c, &cc);
		else
			for (MQLONG i = 0; i < nint; i++)
				pIntAttrs[i] = (MQLONG)get_u32(rep + 8 + 4 * i);
	}
	leave(c);
	if (rc)
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
	else
		mqm_done(pCompCode, pReason, cc, r);
}

void MQENTRY MQSET(MQHCONN Hconn, MQHOBJ Hobj, MQLONG SelectorCount, PMQLONG pSelectors,
		   MQLONG IntAttrCount, PMQLONG pIntAttrs, MQLONG CharAttrLength, PMQCHAR pCharAttrs,
		   PMQLONG pCompCode, PMQLONG pReason)
{
	struct mqm_conn *c;
	MQLONG rc, nint = 0;
	uint8_t req[16 + 4 * 256], ints[4 * 256];

	if (!pCompCode || !pReason)
		return;
	rc = mqm_conn_get(Hconn, &c);
	if (rc) {
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
		return;
	}
	rc = mqm_check_inq_args(SelectorCount, pSelectors, IntAttrCount, pIntAttrs, CharAttrLength,
				pCharAttrs, 1);
	if (!rc) {
		nint = mqm_int_selectors(SelectorCount, pSelectors);
		if (nint > IntAttrCount)
			nint = IntAttrCount;
		if (!pCharAttrs)
			CharAttrLength = 0;
		/* the queue manager reads at most the longest character
		 * attribute MQ has for each character selector: a larger
		 * CharAttrLength is valid (MQ says 2006 only when it is too
		 * small) but no more than that is sent */
		MQLONG nchar = SelectorCount - mqm_int_selectors(SelectorCount, pSelectors);
		if (CharAttrLength > nchar * MQM_CHAR_ATTR_MAX)
			CharAttrLength = nchar * MQM_CHAR_ATTR_MAX;
	}
	if ((rc = enter(c, rc)) != 0) {
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
		return;
	}
	for (MQLONG i = 0; i < nint; i++)
		put_u32(ints + 4 * i, (uint32_t)pIntAttrs[i]);
	struct iovec iov[3] = {
		{ req, attr_head(req, Hobj, SelectorCount, pSelectors, nint, CharAttrLength) },
		{ ints, 4 * (size_t)nint },
		{ pCharAttrs, (size_t)CharAttrLength },
	};
	simple_call(c, PROTO_SET, iov, 3, pCompCode, pReason);
	leave(c);
}
