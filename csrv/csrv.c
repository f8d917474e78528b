/*
 * csrv.c: the command server (Quire issue 14, first part).
 *
 * WHERE IT RUNS.  A thread of the queue manager process (strmqm's daemon),
 * started once the queue manager is running when its SCMDSERV is QMGR (MQ's
 * default).  The thread is an MQI application: it connects to its own queue
 * manager through libmqm, as MQ's command server is an application of its
 * queue manager.  Why a thread with the MQI rather than the loop's own path:
 * gets and puts of command and reply messages then follow every rule the MQI
 * has (units of work, persistence and the durability pipeline, triggering,
 * reports, events, ...) with no second way into the queues, and a command
 * that takes long (an MQSC command through MQCMD_ESCAPE) never holds up the
 * event loop.  MQSC text is carried out by the queue manager's one MQSC
 * processor (qm/admin/mqsc.c) through the admin request runmqsc sends
 * (PROTO_ADMIN_MQSC).  The code lives outside qm/ because qm/'s rooms may not
 * call libmqm (qm/README.md); it is linked into strmqm only, which hands the
 * daemon its start function (daemon.h qm_csrv_start).
 *
 * THE LOOP.  MQGET (SYNCPOINT, CONVERT to the native encoding and the queue
 * manager's CCSID, FAIL_IF_QUIESCING, waits of CSRV_POLL_MS) on
 * SYSTEM.ADMIN.COMMAND.QUEUE; the request is checked and carried out; its
 * replies are put (MQPUT1, SYNCPOINT) on its ReplyToQ at ReplyToQMgr; MQCMIT.
 * A reply its reply queue refuses goes to the dead-letter queue behind an
 * MQDLH (dead_letter), as MQ's command server does, and the request is
 * committed; with no DEADQ (or one that refuses it too) the reply is dropped
 * and the request committed all the same.  The thread ends when the queue manager
 * quiesces or ends (2161, 2162, 2009 ...), or when endmqcsv asks (seen
 * between requests and at least every CSRV_POLL_MS while it waits; -i backs
 * out the request in hand instead of committing it).  strmqcsv starts it
 * again (csrv_control: the states are qm/proto.h's PROTO_CSRV_*).
 *
 * REQUEST -> REPLIES (MQ's "MQMD settings in command messages"):
 *   MsgType MQMT_REQUEST: always replied to.  MQMT_DATAGRAM: replies only with
 *   MQRO_PAN (command succeeded) / MQRO_NAN (failed) in Report.  Any other
 *   MsgType: one reply, MQCC_FAILED MQRC_MSG_TYPE_ERROR (2029).  A blank
 *   ReplyToQ: no reply at all.
 *   Reply MQMD: MsgType MQMT_REPLY, Format MQFMT_ADMIN, Encoding native,
 *   CodedCharSetId the queue manager's, Persistence and Priority the
 *   request's, CorrelId the request's MsgId (its CorrelId with
 *   MQRO_PASS_CORREL_ID), MsgId new (the request's with MQRO_PASS_MSG_ID),
 *   Expiry unlimited (the request's remaining expiry with
 *   MQRO_PASS_DISCARD_AND_EXPIRY), Report MQRO_NONE (the request's
 *   MQRO_DISCARD_MSG with MQRO_PASS_DISCARD_AND_EXPIRY).
 *   Reply data: MQCFH Type MQCFT_RESPONSE (MQCFT_XR_ITEM for the data of an
 *   MQCFT_COMMAND_XR request, then one MQCFT_XR_SUMMARY), StrucLength 36,
 *   Version 1, Command the request's, MsgSeqNumber 1, 2, ..., Control
 *   MQCFC_NOT_LAST but MQCFC_LAST on the last, CompCode, Reason,
 *   ParameterCount, then the parameters (MQCFIN 16 bytes; MQCFST 20 + length
 *   rounded up to 4, blank-padded; MQCFSL 24 + n * length; MQCFIL 16 + 4n).
 *
 * CHECKS, in this order, each answered with MQCC_FAILED and the reason:
 *   Format not MQFMT_ADMIN                             MQRCCF_MD_FORMAT_ERROR 3023
 *   data shorter than an MQCFH                         MQRCCF_MSG_LENGTH_ERROR 3016
 *   Type not MQCFT_COMMAND / MQCFT_COMMAND_XR          MQRCCF_CFH_TYPE_ERROR 3001
 *   StrucLength not 36                                 MQRCCF_CFH_LENGTH_ERROR 3002
 *   Version not 1, 2 or 3                              MQRCCF_CFH_VERSION_ERROR 3003
 *   MsgSeqNumber below 1                               MQRCCF_CFH_MSG_SEQ_NUMBER_ERR 3004
 *   Control not MQCFC_LAST (a command in several
 *     messages is not served: see the README)          MQRCCF_CFH_CONTROL_ERROR 3005
 *   ParameterCount below 0, or more parameters than
 *     the data holds                                   MQRCCF_CFH_PARM_COUNT_ERROR 3006
 *   each parameter, read by the one PCF reader libmqm's MQAI uses too
 *   (qm/pcf.h has its checks and their reasons: the 8-byte head beyond the
 *   data MQRCCF_CFH_PARM_COUNT_ERROR; a StrucLength short, not a multiple of
 *   4 or beyond the data MQRCCF_CFIN_/CFST_/CFIL_/CFSL_/CFBS_/CFIF_/
 *   CFSF_LENGTH_ERROR; a count or string length over its room MQRCCF_CFIL_
 *   COUNT_ERROR, CFST_/CFBS_STRING_LENGTH_ERR, CFSL_TOTAL_LENGTH_ERROR,
 *   CFSF_FILTER_VAL_LEN_ERR; an unknown Type MQRCCF_STRUCTURE_TYPE_ERROR 3013)
 *     MQCFIN64, MQCFIL64, MQCFGR, MQCFBF (no command
 *       served here takes them)                        MQRCCF_STRUCTURE_TYPE_ERROR 3013
 *     the same MQCFIN / MQCFST / MQCFBS Parameter twice MQRCCF_CFIN_DUPLICATE_PARM 3017 /
 *                                                      MQRCCF_CFST_DUPLICATE_PARM 3018 /
 *                                                      MQRCCF_CFBS_DUPLICATE_PARM 3254
 *     a second filter (MQCFIF, MQCFSF)                 MQRCCF_TOO_MANY_FILTERS 3248
 *   bytes left after ParameterCount parameters         MQRCCF_MSG_LENGTH_ERROR 3016
 *   a command this server does not carry out: a
 *     Command MQ does not have (outside 1-300)         MQRCCF_CFH_COMMAND_ERROR 3007
 *     one of MQ's that Quire does not serve yet        MQRC_FUNCTION_NOT_SUPPORTED 2298
 *   a parameter the command does not take              MQRCCF_CFIN_PARM_ID_ERROR 3014 /
 *                                                      MQRCCF_CFST_PARM_ID_ERROR 3015 /
 *                                                      MQRCCF_CFIL_PARM_ID_ERROR 3047
 *   a required parameter missing                       MQRCCF_PARM_COUNT_TOO_SMALL 3019
 * Every length is checked against the message before it is read.
 *
 * EVENTS.  The request's context goes with every MQSC it runs (ADMIN_MQSC;
 * flagged internal unless it is MQCMD_ESCAPE's), and a command other than
 * MQCMD_ESCAPE that ends with MQCC_OK is sent for its command event
 * (ADMIN_PCFEV): qm/server/cfgev.c makes the events.
 *
 * COMMANDS: MQCMD_PING_Q_MGR (no parameters; an empty reply), MQCMD_ESCAPE
 * (MQIACF_ESCAPE_TYPE, which must be MQET_MQSC, else MQRCCF_ESCAPE_TYPE_ERROR;
 * MQCACF_ESCAPE_TEXT, one MQSC command), MQCMD_INQUIRE_Q_MGR (optional
 * MQIACF_Q_MGR_ATTRS), MQCMD_INQUIRE_Q_NAMES (MQCA_Q_NAME generic, optional
 * MQIA_Q_TYPE) here, what each returns at its function; the object commands
 * and CHANGE_Q_MGR in csrv_obj.c, the status commands, STOP_CONNECTION and
 * RESET_Q_MGR in csrv_status.c (csrv/README.md has the table).
 */
#include "csrv/csrv.h"
#include "csrv/csrv_int.h"

#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmqc.h"
#include "cmqcfc.h"
#include "objects/objdef.h"
#include "qm/admin/mqsc.h"
#include "qm/pcf.h"
#include "qm/proto.h"

#define CSRV_MAX_MSG (100 * 1024 * 1024)
#define CSRV_POLL_MS 500   /* how soon a waiting command server sees endmqcsv */

/* The command server's state (PROTO_CSRV_*) and endmqcsv's request: the
 * loop thread (strmqcsv, endmqcsv, dspmqcsv) and the command server's thread
 * share them under the lock. */
static pthread_mutex_t cs_lock = PTHREAD_MUTEX_INITIALIZER;
static int cs_state = PROTO_CSRV_STOPPED;
static int cs_end;   /* 0, PROTO_CSRV_END or PROTO_CSRV_END_IMMEDIATE */

static int end_asked(void)
{
	pthread_mutex_lock(&cs_lock);
	int e = cs_end;
	pthread_mutex_unlock(&cs_lock);
	return e;
}

/* The request's context, as the queue manager's events repeat it (qm/proto.h). */
static void event_context(struct proto_evctx *x, const MQMD *md)
{
	memcpy(x->user, md->UserIdentifier, sizeof x->user);
	memcpy(x->acct, md->AccountingToken, sizeof x->acct);
	memcpy(x->ident, md->ApplIdentityData, sizeof x->ident);
	x->appl_type = md->PutApplType;
	memcpy(x->appl_name, md->PutApplName, sizeof x->appl_name);
	memcpy(x->appl_origin, md->ApplOriginData, sizeof x->appl_origin);
}

/* ------------------------------------------------------------------------ */
/* the request's parameters                                                 */

MQLONG get_l(const unsigned char *b) { MQLONG v; memcpy(&v, b, 4); return v; }

/* Check and read the request: 0, or the MQRCCF_* reason. */
static MQLONG parse(const MQMD *md, const unsigned char *d, size_t len, struct req *r)
{
	memset(r, 0, sizeof *r);
	if (memcmp(md->Format, MQFMT_ADMIN, MQ_FORMAT_LENGTH) != 0)
		return MQRCCF_MD_FORMAT_ERROR;
	if (len < MQCFH_STRUC_LENGTH)
		return MQRCCF_MSG_LENGTH_ERROR;
	memcpy(&r->cfh, d, sizeof r->cfh);
	if (r->cfh.Type != MQCFT_COMMAND && r->cfh.Type != MQCFT_COMMAND_XR)
		return MQRCCF_CFH_TYPE_ERROR;
	if (r->cfh.StrucLength != MQCFH_STRUC_LENGTH)
		return MQRCCF_CFH_LENGTH_ERROR;
	if (r->cfh.Version < MQCFH_VERSION_1 || r->cfh.Version > MQCFH_VERSION_3)
		return MQRCCF_CFH_VERSION_ERROR;
	if (r->cfh.MsgSeqNumber < 1)
		return MQRCCF_CFH_MSG_SEQ_NUMBER_ERR;
	if (r->cfh.Control != MQCFC_LAST)
		return MQRCCF_CFH_CONTROL_ERROR;
	MQLONG n = r->cfh.ParameterCount;
	size_t off = MQCFH_STRUC_LENGTH;
	/* every parameter takes at least 16 bytes */
	if (n < 0 || (size_t)n > (len - off) / 16)
		return MQRCCF_CFH_PARM_COUNT_ERROR;
	r->p = calloc(n ? (size_t)n : 1, sizeof *r->p);
	if (!r->p)
		return MQRCCF_COMMAND_FAILED;
	for (MQLONG i = 0; i < n; i++) {
		/* the one PCF reader (qm/pcf.h): every length checked before it is read */
		struct pcf_parm pp;
		MQLONG e = pcf_read_parm(d + off, len - off, &pp);
		if (e)
			return e;
		MQLONG type = pp.type, sl = pp.len;
		struct parm *p = &r->p[i];
		p->type = type;
		p->id = pp.id;
		switch (type) {
		case MQCFT_INTEGER:
		case MQCFT_INTEGER_FILTER:
			p->ival = pp.ival;
			p->op = pp.op;
			break;
		case MQCFT_STRING:
		case MQCFT_BYTE_STRING:
		case MQCFT_STRING_FILTER:
			p->s = (const char *)pp.data;
			p->slen = pp.slen;
			p->op = pp.op;
			break;
		case MQCFT_INTEGER_LIST:
			p->list = pp.data;
			p->count = pp.count;
			break;
		case MQCFT_STRING_LIST:
			p->s = (const char *)pp.data;
			p->count = pp.count;
			p->slen = pp.slen;
			break;
		default:   /* 64-bit integers, groups, byte string filters: no command here takes them */
			return MQRCCF_STRUCTURE_TYPE_ERROR;
		}
		for (MQLONG j = 0; j < i; j++)
			if (r->p[j].id == p->id && r->p[j].type == type) {
				if (type == MQCFT_INTEGER)
					return MQRCCF_CFIN_DUPLICATE_PARM;
				if (type == MQCFT_STRING)
					return MQRCCF_CFST_DUPLICATE_PARM;
				if (type == MQCFT_INTEGER_LIST)
					return MQRCCF_CFIL_DUPLICATE_VALUE;
				if (type == MQCFT_BYTE_STRING)
					return MQRCCF_CFBS_DUPLICATE_PARM;
				if (type == MQCFT_STRING_LIST)
					return MQRCCF_CFSL_DUPLICATE_PARM;
			}
		for (MQLONG j = 0; j < i; j++)   /* one filter a command, as MQ */
			if ((type == MQCFT_INTEGER_FILTER || type == MQCFT_STRING_FILTER) &&
			    (r->p[j].type == MQCFT_INTEGER_FILTER || r->p[j].type == MQCFT_STRING_FILTER))
				return MQRCCF_TOO_MANY_FILTERS;
		off += (size_t)sl;
		r->np = i + 1;
	}
	if (off != len)
		return MQRCCF_MSG_LENGTH_ERROR;
	return 0;
}

/* The reason for a parameter the command does not take. */
MQLONG parm_id_error(const struct parm *p)
{
	switch (p->type) {
	case MQCFT_INTEGER: return MQRCCF_CFIN_PARM_ID_ERROR;
	case MQCFT_STRING: return MQRCCF_CFST_PARM_ID_ERROR;
	case MQCFT_INTEGER_LIST: return MQRCCF_CFIL_PARM_ID_ERROR;
	case MQCFT_BYTE_STRING: return MQRCCF_CFBS_PARM_ID_ERROR;
	case MQCFT_INTEGER_FILTER: return MQRCCF_CFIF_PARM_ID_ERROR;
	case MQCFT_STRING_FILTER: return MQRCCF_CFSF_PARM_ID_ERROR;
	default: return MQRCCF_CFSL_PARM_ID_ERROR;
	}
}

/* Every parameter must be one of allowed[] (type, id pairs, 0-ended). */
MQLONG only(const struct req *r, const MQLONG *allowed)
{
	for (MQLONG i = 0; i < r->np; i++) {
		int ok = 0;
		for (const MQLONG *a = allowed; *a; a += 2)
			if (a[0] == r->p[i].type && a[1] == r->p[i].id)
				ok = 1;
		if (!ok)
			return parm_id_error(&r->p[i]);
	}
	return 0;
}

const struct parm *find(const struct req *r, MQLONG type, MQLONG id)
{
	for (MQLONG i = 0; i < r->np; i++)
		if (r->p[i].type == type && r->p[i].id == id)
			return &r->p[i];
	return NULL;
}

/* ------------------------------------------------------------------------ */
/* replies                                                                  */



void out_raw(struct out *o, const void *p, size_t n)
{
	if (o->oom)
		return;
	if (o->len + n > o->cap) {
		size_t c = o->cap ? o->cap : 256;
		while (c < o->len + n)
			c *= 2;
		unsigned char *nb = realloc(o->b, c);
		if (!nb) {
			o->oom = 1;
			return;
		}
		o->b = nb;
		o->cap = c;
	}
	if (n)   /* (an empty list's p is NULL: memcpy must not see it) */
		memcpy(o->b + o->len, p, n);
	o->len += n;
}

void out_l(struct out *o, MQLONG v) { out_raw(o, &v, 4); }

void add_int(struct out *o, MQLONG id, MQLONG v)
{
	out_l(o, MQCFT_INTEGER);
	out_l(o, MQCFIN_STRUC_LENGTH);
	out_l(o, id);
	out_l(o, v);
	o->nparm++;
}

/* MQCFST of the string s (n bytes) blank-padded to width (0: n) */
static int hexval(int c) { return isdigit(c) ? c - '0' : toupper(c) - 'A' + 10; }

int unhex(const char *s, size_t n, unsigned char *out)
{
	for (size_t i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return 0;
	for (size_t i = 0; i < n / 2; i++)
		out[i] = (unsigned char)(hexval((unsigned char)s[2 * i]) * 16 + hexval((unsigned char)s[2 * i + 1]));
	return 1;
}

void add_bytes(struct out *o, MQLONG id, const unsigned char *b, size_t n)
{
	size_t sl = MQCFBS_STRUC_LENGTH_FIXED + ((n + 3) & ~(size_t)3);
	out_l(o, MQCFT_BYTE_STRING);
	out_l(o, (MQLONG)sl);
	out_l(o, id);
	out_l(o, (MQLONG)n);
	out_raw(o, b, n);
	for (size_t i = n; i < sl - MQCFBS_STRUC_LENGTH_FIXED; i++)
		out_raw(o, "", 1);
	o->nparm++;
}

int rec_num(const struct rec *r, MQLONG *v)
{
	char buf[32];
	if (r->vlen == 0 || r->vlen >= sizeof buf)
		return 0;
	memcpy(buf, r->v, r->vlen);
	buf[r->vlen] = 0;
	char *e;
	long long x = strtoll(buf, &e, 10);
	if (*e)
		return 0;
	*v = (MQLONG)x;
	return 1;
}

void add_str(struct out *o, MQLONG id, const char *s, size_t n, size_t width)
{
	if (width < n)
		width = n;
	size_t sl = MQCFST_STRUC_LENGTH_FIXED + ((width + 3) & ~(size_t)3);
	out_l(o, MQCFT_STRING);
	out_l(o, (MQLONG)sl);
	out_l(o, id);
	out_l(o, MQCCSI_DEFAULT);
	out_l(o, (MQLONG)width);
	out_raw(o, s, n);
	for (size_t i = n; i < width; i++)
		out_raw(o, " ", 1);
	for (size_t i = width; i < sl - MQCFST_STRUC_LENGTH_FIXED; i++)
		out_raw(o, "", 1);
	o->nparm++;
}

struct out *reply_new(struct reply *rp)
{
	if (rp->n == rp->cap) {
		size_t c = rp->cap ? rp->cap * 2 : 4;
		struct out *nm = realloc(rp->msg, c * sizeof *nm);
		if (!nm)
			return NULL;
		rp->msg = nm;
		rp->cap = c;
	}
	memset(&rp->msg[rp->n], 0, sizeof rp->msg[rp->n]);
	return &rp->msg[rp->n++];
}

void reply_free(struct reply *rp)
{
	for (size_t i = 0; i < rp->n; i++)
		free(rp->msg[i].b);
	free(rp->msg);
	memset(rp, 0, sizeof *rp);
}

/* ------------------------------------------------------------------------ */
/* MQSC through the queue manager's processor (runmqsc's request)           */

/* Carry out one MQSC command: its status (MQSC_*) and response text
 * (malloc'd), or -1 when the queue manager could not be asked. */
int csrv_run(struct csrv *cs, int op, const char *cmd, size_t len, char **text)
{
	*text = NULL;
	int fd = proto_connect(cs->data_dir);
	if (fd < 0)
		return -1;
	/* the command, then the request's context for the events it makes
	 * (PROTO_MQSC_INTERNAL: MQSC serving another PCF command, whose own
	 * command event is sent apart, pcf_event) */
	struct proto_evctx x;
	uint32_t flags = cs->cur_cmd == MQCMD_ESCAPE ? 0 : PROTO_MQSC_INTERNAL;
	size_t extra = cs->cur_md ? 4 + sizeof x : 0;
	uint8_t *body = malloc(4 + len + extra), *rep = NULL;
	size_t rlen = 0;
	if (!body) {
		close(fd);
		return -1;
	}
	uint32_t l32 = (uint32_t)len;
	for (int i = 0; i < 4; i++)
		body[i] = (uint8_t)(l32 >> (8 * i));
	memcpy(body + 4, cmd, len);
	if (cs->cur_md) {
		event_context(&x, cs->cur_md);
		memcpy(body + 4 + len, &flags, 4);
		memcpy(body + 8 + len, &x, sizeof x);
	}
	int rc = proto_call(fd, (uint16_t)op, ++cs->admin_id, body, 4 + len + extra, &rep, &rlen);
	free(body);
	close(fd);
	if (rc || rlen < 8)
		goto bad;
	if (get_l(rep) != 0 || rlen < 16)
		goto bad;
	uint32_t status, tl;
	memcpy(&status, rep + 8, 4);
	memcpy(&tl, rep + 12, 4);
	/* the protocol's integers are little-endian, as the machines Quire runs on */
	if ((size_t)tl > rlen - 16)
		goto bad;
	char *t = malloc((size_t)tl + 1);
	if (!t)
		goto bad;
	memcpy(t, rep + 16, tl);
	t[tl] = 0;
	free(rep);
	*text = t;
	return (int)status;
bad:
	free(rep);
	return -1;
}

static int mqsc_run(struct csrv *cs, const char *cmd, size_t len, char **text)
{
	return csrv_run(cs, PROTO_ADMIN_MQSC, cmd, len, text);
}

/* MQCMD_ESCAPE: one reply message per response line (MQIACF_ESCAPE_TYPE and
 * MQCACF_ESCAPE_TEXT, the line), MQCC_OK when the command succeeded, else
 * MQCC_FAILED MQRCCF_COMMAND_FAILED with its lines all the same. */
static void cmd_escape(struct csrv *cs, const struct req *r, struct reply *rp)
{
	static const MQLONG allowed[] = { MQCFT_INTEGER, MQIACF_ESCAPE_TYPE, MQCFT_STRING, MQCACF_ESCAPE_TEXT, 0 };
	MQLONG e = only(r, allowed);
	const struct parm *et = find(r, MQCFT_INTEGER, MQIACF_ESCAPE_TYPE);
	const struct parm *tx = find(r, MQCFT_STRING, MQCACF_ESCAPE_TEXT);
	if (!e && (!et || !tx))
		e = MQRCCF_PARM_COUNT_TOO_SMALL;
	if (!e && et->ival != MQET_MQSC)
		e = MQRCCF_ESCAPE_TYPE_ERROR;
	if (e) {
		rp->cc = MQCC_FAILED;
		rp->rc = e;
		return;
	}
	size_t n = (size_t)tx->slen;
	while (n && tx->s[n - 1] == ' ')
		n--;
	char *text;
	int st = mqsc_run(cs, tx->s, n, &text);
	if (st < 0) {
		rp->cc = MQCC_FAILED;
		rp->rc = MQRCCF_COMMAND_FAILED;
		return;
	}
	if (st != MQSC_OK) {
		rp->cc = MQCC_FAILED;
		rp->rc = MQRCCF_COMMAND_FAILED;
	}
	for (char *l = text; *l;) {
		char *nl = strchr(l, '\n');
		size_t ll = nl ? (size_t)(nl - l) : strlen(l);
		size_t k = ll;
		while (k && (l[k - 1] == ' ' || l[k - 1] == '\r'))
			k--;
		if (k) {
			struct out *o = reply_new(rp);
			if (o) {
				add_int(o, MQIACF_ESCAPE_TYPE, MQET_MQSC);
				add_str(o, MQCACF_ESCAPE_TEXT, l, k, 0);
			}
		}
		l += ll + (nl ? 1 : 0);
	}
	free(text);
}

/* ------------------------------------------------------------------------ */
/* MQCMD_INQUIRE_Q_MGR                                                      */

static int wanted(const struct parm *attrs, MQLONG id)
{
	if (!attrs)
		return 1;
	for (MQLONG i = 0; i < attrs->count; i++) {
		MQLONG a = get_l(attrs->list + 4 * (size_t)i);
		if (a == MQIACF_ALL || a == id)
			return 1;
	}
	return 0;
}

/* Every queue manager attribute of objects/objdef.c's table (the one MQSC's
 * DISPLAY QMGR and MQINQ use), each read by MQINQ of the queue manager: MQCFIN
 * for integers and values, MQCFST (MQ's length, blank-padded) for strings.
 * MQIACF_Q_MGR_ATTRS (MQCFIL) names those wanted (MQIACF_ALL: all; absent:
 * all); a selector MQINQ does not serve is left out. */
static void cmd_inq_qmgr(struct csrv *cs, const struct req *r, struct reply *rp)
{
	static const MQLONG allowed[] = { MQCFT_INTEGER_LIST, MQIACF_Q_MGR_ATTRS, 0 };
	MQLONG e = only(r, allowed);
	if (e) {
		rp->cc = MQCC_FAILED;
		rp->rc = e;
		return;
	}
	const struct parm *attrs = find(r, MQCFT_INTEGER_LIST, MQIACF_Q_MGR_ATTRS);
	struct out *o = reply_new(rp);
	if (!o) {
		rp->cc = MQCC_FAILED;
		rp->rc = MQRCCF_COMMAND_FAILED;
		return;
	}
	size_t na = objdef_attr_count();
	MQLONG last = -1;
	for (size_t i = 0; i < na; i++) {
		const struct objdef_attr *a = objdef_attr_at(i);
		if (!objdef_attr_has(a, OBJDEF_QMGR) || a->id == last || !wanted(attrs, a->id))
			continue;
		last = a->id;
		MQLONG sel = a->id, cc, rc, iv = 0;
		if (a->kind == OBJDEF_INT || a->kind == OBJDEF_ENUM) {
			MQINQ(cs->hc, cs->hqm, 1, &sel, 1, &iv, 0, NULL, &cc, &rc);
			if (cc == MQCC_OK)
				add_int(o, sel, iv);
		} else if (objdef_kind_is_text(a->kind) && a->max > 0) {
			char buf[1024];
			MQLONG w = a->max < (MQLONG)sizeof buf ? a->max : (MQLONG)sizeof buf;
			MQINQ(cs->hc, cs->hqm, 1, &sel, 0, NULL, w, buf, &cc, &rc);
			if (cc == MQCC_OK)
				add_str(o, sel, buf, (size_t)w, (size_t)w);
		}
	}
}

/* ------------------------------------------------------------------------ */
/* MQCMD_INQUIRE_Q_NAMES                                                    */

static const struct { MQLONG qt; const char *kw; } qtypes[] = {
	{ MQQT_LOCAL, "QLOCAL" }, { MQQT_ALIAS, "QALIAS" }, { MQQT_MODEL, "QMODEL" }, { MQQT_REMOTE, "QREMOTE" },
};

/* The names MQSC's DISPLAY QUEUE(generic) TYPE(type) shows (the same
 * processor and catalogue runmqsc uses), in one reply: MQCACF_Q_NAMES (MQCFSL,
 * 48 characters each) and MQIACF_Q_TYPES (MQCFIL), MQ's response.  MQCA_Q_NAME
 * (required, generic with a trailing '*'); MQIA_Q_TYPE optional, MQQT_ALL by
 * default. */
static void cmd_inq_qnames(struct csrv *cs, const struct req *r, struct reply *rp)
{
	static const MQLONG allowed[] = { MQCFT_STRING, MQCA_Q_NAME, MQCFT_INTEGER, MQIA_Q_TYPE, 0 };
	MQLONG e = only(r, allowed);
	const struct parm *qn = find(r, MQCFT_STRING, MQCA_Q_NAME);
	const struct parm *qt = find(r, MQCFT_INTEGER, MQIA_Q_TYPE);
	if (!e && !qn)
		e = MQRCCF_PARM_COUNT_TOO_SMALL;
	const char *tkw = "ALL";
	if (!e && qt && qt->ival != MQQT_ALL) {
		tkw = NULL;
		for (size_t i = 0; i < sizeof qtypes / sizeof qtypes[0]; i++)
			if (qtypes[i].qt == qt->ival)
				tkw = qtypes[i].kw;
		if (!tkw)
			e = MQRCCF_Q_TYPE_ERROR;
	}
	size_t n = qn ? (size_t)qn->slen : 0;
	while (n && qn->s[n - 1] == ' ')
		n--;
	if (!e && (n == 0 || n > MQ_Q_NAME_LENGTH))
		e = MQRCCF_CFST_STRING_LENGTH_ERR;
	for (size_t i = 0; !e && i < n; i++)
		if (!(isalnum((unsigned char)qn->s[i]) || strchr("._/%*", qn->s[i])) || (qn->s[i] == '*' && i != n - 1))
			e = MQRC_UNKNOWN_OBJECT_NAME;
	if (e) {
		rp->cc = MQCC_FAILED;
		rp->rc = e;
		return;
	}
	char cmd[128], *text;
	snprintf(cmd, sizeof cmd, "DISPLAY QUEUE(%.*s) TYPE(%s)", (int)n, qn->s, tkw);
	int st = mqsc_run(cs, cmd, strlen(cmd), &text);
	if (st < 0) {
		rp->cc = MQCC_FAILED;
		rp->rc = MQRCCF_COMMAND_FAILED;
		return;
	}
	/* each object shown is "QUEUE(name)" followed by "TYPE(kw)"; none found
	 * (AMQ8147E) is an empty list, as MQ's reply */
	struct out names = { 0 }, types = { 0 };
	MQLONG count = 0;
	for (const char *p = text; st == MQSC_OK && (p = strstr(p, "QUEUE(")) != NULL;) {
		p += 6;
		const char *end = strchr(p, ')');
		const char *t = end ? strstr(end, "TYPE(") : NULL;
		if (!end || (size_t)(end - p) > MQ_Q_NAME_LENGTH || !t)
			break;
		char nm[MQ_Q_NAME_LENGTH];
		memset(nm, ' ', sizeof nm);
		memcpy(nm, p, (size_t)(end - p));
		MQLONG qtv = 0;
		for (size_t i = 0; i < sizeof qtypes / sizeof qtypes[0]; i++)
			if (!strncmp(t + 5, qtypes[i].kw, strlen(qtypes[i].kw)) && t[5 + strlen(qtypes[i].kw)] == ')')
				qtv = qtypes[i].qt;
		out_raw(&names, nm, sizeof nm);
		out_l(&types, qtv);
		count++;
		p = t + 5;
	}
	free(text);
	struct out *o = reply_new(rp);
	if (!o || names.oom || types.oom) {
		free(names.b);
		free(types.b);
		rp->cc = MQCC_FAILED;
		rp->rc = MQRCCF_COMMAND_FAILED;
		return;
	}
	out_l(o, MQCFT_STRING_LIST);
	out_l(o, (MQLONG)(MQCFSL_STRUC_LENGTH_FIXED + names.len));
	out_l(o, MQCACF_Q_NAMES);
	out_l(o, MQCCSI_DEFAULT);
	out_l(o, count);
	out_l(o, MQ_Q_NAME_LENGTH);
	out_raw(o, names.b, names.len);
	o->nparm++;
	out_l(o, MQCFT_INTEGER_LIST);
	out_l(o, (MQLONG)(MQCFIL_STRUC_LENGTH_FIXED + types.len));
	out_l(o, MQIACF_Q_TYPES);
	out_l(o, count);
	out_raw(o, types.b, types.len);
	o->nparm++;
	free(names.b);
	free(types.b);
}

/* ------------------------------------------------------------------------ */
/* one request                                                              */

static void carry_out(struct csrv *cs, const struct req *r, struct reply *rp)
{
	switch (r->cfh.Command) {
	case MQCMD_PING_Q_MGR: {
		MQLONG none[] = { 0 };
		MQLONG e = only(r, none);
		if (e) {
			rp->cc = MQCC_FAILED;
			rp->rc = e;
		}
		return;
	}
	case MQCMD_ESCAPE:
		cmd_escape(cs, r, rp);
		return;
	case MQCMD_INQUIRE_Q_MGR:
		cmd_inq_qmgr(cs, r, rp);
		return;
	case MQCMD_INQUIRE_Q_NAMES:
		cmd_inq_qnames(cs, r, rp);
		return;
	default:
		if (csrv_obj_command(cs, r, rp) || csrv_status_command(cs, r, rp) || csrv_sub_command(cs, r, rp))
			return;
		rp->cc = MQCC_FAILED;
		rp->rc = r->cfh.Command < 1 || r->cfh.Command > 300 ? MQRCCF_CFH_COMMAND_ERROR
								     : MQRC_FUNCTION_NOT_SUPPORTED;
	}
}

/* A reply its reply queue refused (reason why): onto the queue manager's
 * dead-letter queue under the request's unit of work, behind an MQDLH in the
 * shape qm/server/report.c gives undeliverable reports (Reason the refusal,
 * DestQName and DestQMgrName the reply queue's, Encoding, CodedCharSetId and
 * Format the reply's, PutApplType MQAT_QMGR and PutApplName the queue
 * manager's, PutDate and PutTime of now, UTC).  Not when the reply says
 * MQRO_DISCARD_MSG (passed from the request with
 * MQRO_PASS_DISCARD_AND_EXPIRY), nor with no DEADQ; a dead-letter queue that
 * refuses it too drops it.  1 dead-lettered, 0 dropped. */
static int dead_letter(struct csrv *cs, const MQOD *od, const MQMD *md, const unsigned char *data, size_t len,
		       MQLONG why)
{
	if (md->Report & MQRO_DISCARD_MSG)
		return 0;
	MQLONG sel = MQCA_DEAD_LETTER_Q_NAME, cc, rc;
	MQCHAR48 dlq;
	MQINQ(cs->hc, cs->hqm, 1, &sel, 0, NULL, MQ_Q_NAME_LENGTH, dlq, &cc, &rc);
	if (cc != MQCC_OK || dlq[0] == ' ' || dlq[0] == 0)
		return 0;
	MQDLH h = { MQDLH_DEFAULT };
	h.Reason = why;
	memcpy(h.DestQName, od->ObjectName, MQ_Q_NAME_LENGTH);
	memcpy(h.DestQMgrName, od->ObjectQMgrName, MQ_Q_MGR_NAME_LENGTH);
	if (h.DestQMgrName[0] == ' ' || h.DestQMgrName[0] == 0)
		memcpy(h.DestQMgrName, cs->qmname, MQ_Q_MGR_NAME_LENGTH);
	h.Encoding = md->Encoding;
	h.CodedCharSetId = md->CodedCharSetId;
	if (h.CodedCharSetId == MQCCSI_Q_MGR) {   /* the reply's as put: the queue manager's */
		MQLONG cs_sel = MQIA_CODED_CHAR_SET_ID;
		MQINQ(cs->hc, cs->hqm, 1, &cs_sel, 1, &h.CodedCharSetId, 0, NULL, &cc, &rc);
	}
	memcpy(h.Format, md->Format, MQ_FORMAT_LENGTH);
	h.PutApplType = MQAT_QMGR;
	memcpy(h.PutApplName, cs->qmname, MQ_PUT_APPL_NAME_LENGTH);
	struct timespec ts;
	struct tm g;
	char b[32];
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &g);
	snprintf(b, sizeof b, "%04d%02d%02d%02d%02d%02d%02d", g.tm_year + 1900, g.tm_mon + 1, g.tm_mday, g.tm_hour,
		 g.tm_min, g.tm_sec, (int)(ts.tv_nsec / 10000000));
	memcpy(h.PutDate, b, 8);
	memcpy(h.PutTime, b + 8, 8);
	unsigned char *d = malloc(sizeof h + len);
	if (!d)
		return 0;
	memcpy(d, &h, sizeof h);
	memcpy(d + sizeof h, data, len);
	MQOD dod = { MQOD_DEFAULT };
	memcpy(dod.ObjectName, dlq, MQ_Q_NAME_LENGTH);
	MQMD dmd = *md;
	memcpy(dmd.Format, MQFMT_DEAD_LETTER_HEADER, MQ_FORMAT_LENGTH);
	dmd.Encoding = MQENC_NATIVE;
	dmd.CodedCharSetId = MQCCSI_Q_MGR;
	MQPMO pmo = { MQPMO_DEFAULT };
	/* the reply's MsgId as it was made (a new one when none was passed) */
	pmo.Options = MQPMO_SYNCPOINT | MQPMO_FAIL_IF_QUIESCING |
		      (memcmp(md->MsgId, MQMI_NONE, sizeof md->MsgId) ? 0 : MQPMO_NEW_MSG_ID);
	MQPUT1(cs->hc, &dod, &dmd, &pmo, (MQLONG)(sizeof h + len), d, &cc, &rc);
	free(d);
	return cc != MQCC_FAILED;
}

/* Put the replies (one its reply queue refuses to the dead-letter queue, see
 * dead_letter); 0, or the MQPUT1 reason that refused the last refused. */
static MQLONG send_replies(struct csrv *cs, const MQMD *rq, const struct req *r, struct reply *rp)
{
	int xr = r->cfh.Type == MQCFT_COMMAND_XR;
	/* a failure with no data is one message carrying the reason */
	if (rp->n == 0 || xr) {
		if (!reply_new(rp))
			return MQRC_STORAGE_NOT_AVAILABLE;
	}
	MQOD od = { MQOD_DEFAULT };
	memcpy(od.ObjectName, rq->ReplyToQ, MQ_Q_NAME_LENGTH);
	memcpy(od.ObjectQMgrName, rq->ReplyToQMgr, MQ_Q_MGR_NAME_LENGTH);
	MQLONG refused = 0;
	for (size_t i = 0; i < rp->n; i++) {
		struct out *o = &rp->msg[i];
		if (o->oom)
			return MQRC_STORAGE_NOT_AVAILABLE;
		int lastmsg = i + 1 == rp->n;
		MQCFH h = { MQCFH_DEFAULT };
		h.Type = xr ? (lastmsg ? MQCFT_XR_SUMMARY : MQCFT_XR_ITEM) : MQCFT_RESPONSE;
		h.Command = r->cfh.Command;
		h.MsgSeqNumber = (MQLONG)i + 1;
		h.Control = lastmsg ? MQCFC_LAST : MQCFC_NOT_LAST;
		/* the result on every message of a failure (MQ repeats it), on the last otherwise */
		h.CompCode = rp->cc;
		h.Reason = rp->rc;
		h.ParameterCount = o->nparm;
		size_t tot = sizeof h + o->len;
		unsigned char *buf = malloc(tot);
		if (!buf)
			return MQRC_STORAGE_NOT_AVAILABLE;
		memcpy(buf, &h, sizeof h);
		if (o->len)
			memcpy(buf + sizeof h, o->b, o->len);
		MQMD md = { MQMD_DEFAULT };
		MQPMO pmo = { MQPMO_DEFAULT };
		md.MsgType = MQMT_REPLY;
		memcpy(md.Format, MQFMT_ADMIN, MQ_FORMAT_LENGTH);
		md.Persistence = rq->Persistence;
		md.Priority = rq->Priority;
		memcpy(md.CorrelId, (rq->Report & MQRO_PASS_CORREL_ID) ? rq->CorrelId : rq->MsgId, sizeof md.CorrelId);
		if (rq->Report & MQRO_PASS_MSG_ID)
			memcpy(md.MsgId, rq->MsgId, sizeof md.MsgId);
		else
			pmo.Options |= MQPMO_NEW_MSG_ID;
		if ((rq->Report & MQRO_PASS_DISCARD_AND_EXPIRY) && rq->Expiry > 0)
			md.Expiry = rq->Expiry;
		if (rq->Report & MQRO_PASS_DISCARD_AND_EXPIRY)
			md.Report = rq->Report & MQRO_DISCARD_MSG;
		pmo.Options |= MQPMO_SYNCPOINT | MQPMO_FAIL_IF_QUIESCING;
		MQLONG cc, rc;
		MQMD sent = md;
		MQPUT1(cs->hc, &od, &md, &pmo, (MQLONG)tot, buf, &cc, &rc);
		if (cc == MQCC_FAILED) {
			refused = rc;
			dead_letter(cs, &od, &sent, buf, tot, rc);
		}
		free(buf);
	}
	return refused;
}

/* A PCF command (not MQCMD_ESCAPE, whose MQSC makes its own) carried out
 * successfully: the queue manager makes its command event when CMDEV says
 * so (ADMIN_PCFEV, qm/proto.h: the request's context, Command and
 * parameters as they came). */
static void pcf_event(struct csrv *cs, const MQMD *md, const struct req *r, const unsigned char *d, size_t len)
{
	struct proto_evctx x;
	size_t plen = len - MQCFH_STRUC_LENGTH, n = sizeof x + 12 + plen;
	uint8_t *body = malloc(n), *rep = NULL;
	size_t rlen = 0;
	if (!body)
		return;
	event_context(&x, md);
	uint32_t v[3] = { (uint32_t)r->cfh.Command, (uint32_t)r->np, (uint32_t)plen };
	memcpy(body, &x, sizeof x);
	memcpy(body + sizeof x, v, sizeof v);
	memcpy(body + sizeof x + sizeof v, d + MQCFH_STRUC_LENGTH, plen);
	int fd = proto_connect(cs->data_dir);
	if (fd >= 0) {
		(void)proto_call(fd, PROTO_ADMIN_PCFEV, ++cs->admin_id, body, n, &rep, &rlen);
		close(fd);
	}
	free(rep);
	free(body);
}

static void handle(struct csrv *cs, const MQMD *md, const unsigned char *d, size_t len)
{
	struct req r;
	struct reply rp = { 0 };
	MQLONG e = parse(md, d, len, &r);
	if (md->MsgType != MQMT_REQUEST && md->MsgType != MQMT_DATAGRAM)
		e = MQRC_MSG_TYPE_ERROR;
	if (e) {
		rp.cc = MQCC_FAILED;
		rp.rc = e;
	} else {
		cs->cur_md = md;
		cs->cur_cmd = r.cfh.Command;
		carry_out(cs, &r, &rp);
		cs->cur_md = NULL;
		if (rp.cc == MQCC_OK && r.cfh.Command != MQCMD_ESCAPE)
			pcf_event(cs, md, &r, d, len);
	}
	int send = 1;
	if (md->MsgType == MQMT_DATAGRAM) {
		if (rp.cc == MQCC_OK)
			send = (md->Report & MQRO_PAN) != 0;
		else if (rp.cc == MQCC_FAILED)
			send = (md->Report & MQRO_NAN) != 0;
		else
			send = (md->Report & (MQRO_PAN | MQRO_NAN)) != 0;
	}
	size_t rq = 0;
	while (rq < MQ_Q_NAME_LENGTH && md->ReplyToQ[rq] && md->ReplyToQ[rq] != ' ')
		rq++;
	if (send && rq)
		send_replies(cs, md, &r, &rp);
	reply_free(&rp);
	free(r.p);
}

/* ------------------------------------------------------------------------ */
/* the thread                                                               */

static void *run(void *arg)
{
	struct csrv *cs = arg;
	MQLONG cc, rc;
	MQHOBJ hq = MQHO_UNUSABLE_HOBJ;
	/* always local: MQSERVER or MQ_CONNECT_TYPE in the queue manager's
	 * environment must not send its own command server over TCP */
	MQCNO cno = { MQCNO_DEFAULT };
	cno.Options = MQCNO_LOCAL_BINDING;
	MQCONNX(cs->qmname, &cno, &cs->hc, &cc, &rc);
	if (cc == MQCC_FAILED)
		goto out;
	MQOD od = { MQOD_DEFAULT };
	memcpy(od.ObjectName, "SYSTEM.ADMIN.COMMAND.QUEUE", 26);
	MQOPEN(cs->hc, &od, MQOO_INPUT_SHARED | MQOO_FAIL_IF_QUIESCING, &hq, &cc, &rc);
	if (cc == MQCC_FAILED)
		goto disc;
	MQOD oq = { MQOD_DEFAULT };
	oq.ObjectType = MQOT_Q_MGR;
	MQOPEN(cs->hc, &oq, MQOO_INQUIRE | MQOO_FAIL_IF_QUIESCING, &cs->hqm, &cc, &rc);
	if (cc == MQCC_FAILED)
		goto disc;
	pthread_mutex_lock(&cs_lock);
	if (cs_state == PROTO_CSRV_STARTING)
		cs_state = PROTO_CSRV_RUNNING;
	pthread_mutex_unlock(&cs_lock);
	size_t cap = 64 * 1024;
	unsigned char *buf = malloc(cap);
	while (buf && !end_asked()) {
		MQMD md = { MQMD_DEFAULT };
		MQGMO gmo = { MQGMO_DEFAULT };
		gmo.Options = MQGMO_WAIT | MQGMO_SYNCPOINT | MQGMO_CONVERT | MQGMO_FAIL_IF_QUIESCING;
		gmo.WaitInterval = CSRV_POLL_MS;
		md.Encoding = MQENC_NATIVE;
		md.CodedCharSetId = MQCCSI_Q_MGR;
		MQLONG dl = 0;
		MQGET(cs->hc, hq, &md, &gmo, (MQLONG)cap, buf, &dl, &cc, &rc);
		if (rc == MQRC_TRUNCATED_MSG_FAILED && (size_t)dl > cap && dl <= CSRV_MAX_MSG) {
			unsigned char *nb = realloc(buf, (size_t)dl);
			if (!nb)
				break;
			buf = nb;
			cap = (size_t)dl;
			continue;
		}
		if (rc == MQRC_TRUNCATED_MSG_FAILED) {
			/* too big to take: accept it truncated and answer its length */
			gmo.Options |= MQGMO_ACCEPT_TRUNCATED_MSG;
			MQGET(cs->hc, hq, &md, &gmo, (MQLONG)cap, buf, &dl, &cc, &rc);
		}
		if (rc == MQRC_NO_MSG_AVAILABLE)
			continue;
		if (cc == MQCC_FAILED)
			break;
		size_t len = (size_t)dl < cap ? (size_t)dl : cap;
		handle(cs, &md, buf, len);
		if (end_asked() == PROTO_CSRV_END_IMMEDIATE)
			MQBACK(cs->hc, &cc, &rc);   /* ended at once: the request stays */
		else
			MQCMIT(cs->hc, &cc, &rc);
	}
	free(buf);
disc:
	MQDISC(&cs->hc, &cc, &rc);
out:
	free(cs);
	pthread_mutex_lock(&cs_lock);
	cs_state = PROTO_CSRV_STOPPED;
	cs_end = 0;
	pthread_mutex_unlock(&cs_lock);
	return NULL;
}

int csrv_start(const char *qmname, const char *data_dir)
{
	pthread_mutex_lock(&cs_lock);
	if (cs_state != PROTO_CSRV_STOPPED) {
		pthread_mutex_unlock(&cs_lock);
		return 1;
	}
	cs_state = PROTO_CSRV_STARTING;
	cs_end = 0;
	pthread_mutex_unlock(&cs_lock);
	struct csrv *cs = calloc(1, sizeof *cs);
	if (!cs)
		goto fail;
	size_t ql = strlen(qmname);
	if (ql > sizeof cs->qmname)
		ql = sizeof cs->qmname;
	memset(cs->qmname, ' ', sizeof cs->qmname);
	memcpy(cs->qmname, qmname, ql);
	snprintf(cs->data_dir, sizeof cs->data_dir, "%s", data_dir);
	cs->hc = MQHC_UNUSABLE_HCONN;
	cs->hqm = MQHO_UNUSABLE_HOBJ;
	pthread_attr_t at;
	pthread_t t;
	pthread_attr_init(&at);
	pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
	int rc = pthread_create(&t, &at, run, cs);
	pthread_attr_destroy(&at);
	if (rc) {
		free(cs);
		goto fail;
	}
	return 0;
fail:
	pthread_mutex_lock(&cs_lock);
	cs_state = PROTO_CSRV_STOPPED;
	pthread_mutex_unlock(&cs_lock);
	return -1;
}

int csrv_control(int action, const char *qmname, const char *data_dir, int *before)
{
	pthread_mutex_lock(&cs_lock);
	*before = cs_state;
	if ((action == PROTO_CSRV_END || action == PROTO_CSRV_END_IMMEDIATE) &&
	    (cs_state == PROTO_CSRV_STARTING || cs_state == PROTO_CSRV_RUNNING || cs_state == PROTO_CSRV_ENDING)) {
		cs_state = PROTO_CSRV_ENDING;
		if (cs_end != PROTO_CSRV_END_IMMEDIATE)
			cs_end = action;
	}
	pthread_mutex_unlock(&cs_lock);
	if (action == PROTO_CSRV_START && *before == PROTO_CSRV_STOPPED)
		csrv_start(qmname, data_dir);
	pthread_mutex_lock(&cs_lock);
	int after = cs_state;
	pthread_mutex_unlock(&cs_lock);
	return after;
}
