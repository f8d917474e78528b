/*
 * csrv_status.c: the PCF status commands, STOP_CONNECTION and RESET_Q_MGR,
 * carried out by the MQSC processor's status commands (qm/admin/mqsc_status.c,
 * mqsc_topic.c) through PROTO_ADMIN_PCF, as csrv_obj.c does for objects.
 *
 *   INQUIRE_Q_STATUS     DISPLAY QSTATUS(name) TYPE(QUEUE|HANDLE) [OPENTYPE] ALL
 *     MQCA_Q_NAME (required, generic), MQIACF_Q_STATUS_TYPE (MQIACF_Q_STATUS,
 *     the default, or MQIACF_Q_HANDLE), MQIACF_OPEN_TYPE (MQQSOT_*),
 *     MQIACF_Q_STATUS_ATTRS
 *   INQUIRE_Q_MGR_STATUS DISPLAY QMSTATUS ALL; MQIACF_Q_MGR_STATUS_ATTRS; the
 *     reply also has MQIACF_CMD_SERVER_STATUS (running: it is answering)
 *   INQUIRE_CONNECTION   DISPLAY CONN(id) TYPE(CONN|HANDLE|ALL) ALL
 *     MQBACF_CONNECTION_ID or MQBACF_GENERIC_CONNECTION_ID (MQCFBS, 24 bytes;
 *     empty or all zero: every connection), MQIACF_CONN_INFO_TYPE,
 *     MQIACF_CONNECTION_ATTRS
 *   STOP_CONNECTION      STOP CONN(id): MQBACF_CONNECTION_ID (24 bytes)
 *   RESET_Q_MGR          RESET QMGR TYPE(ADVANCELOG) for MQIACF_ACTION
 *     MQACT_ADVANCE_LOG; TYPE(ARCHLOG) ARCHIVED(x) for MQACT_ARCHIVE_LOG with
 *     MQCACF_ARCHIVE_LOG_EXTENT_NAME
 *   INQUIRE_TOPIC_STATUS DISPLAY TPSTATUS(string) TYPE(TOPIC) ALL:
 *     MQCA_TOPIC_STRING (required), MQIACF_TOPIC_STATUS_TYPE (MQIACF_TOPIC_STATUS;
 *     MQIACF_TOPIC_SUB and _PUB are csrv_sub.c's: DISPLAY TPSTATUS TYPE(SUB|PUB)),
 *     MQIACF_TOPIC_STATUS_ATTRS; each node's resolved attributes by
 *     objects/objdef.c's topic rows
 *
 * INQUIRE_Q_STATUS and INQUIRE_CONNECTION take one filter (MQCFIF, MQCFSF) on
 * a parameter of their table, as MQSC's WHERE (csrv_int.h where_words).
 *
 * Each DISPLAY keyword becomes its PCF parameter by the tables below (status
 * has no objdef row: it is no definition).  A keyword no table names is left
 * out (QMURID, CHKPT*, ...).
 * Errors: a connection that is not there is MQRCCF_CONNECTION_ID_ERROR
 * (STOP_CONNECTION) or MQRC_UNKNOWN_OBJECT_NAME (INQUIRE_*, as for objects);
 * a topic string that is no node MQRCCF_TOPIC_STRING_NOT_FOUND.
 */
#include "csrv/csrv_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "objects/objdef.h"

struct word_val { const char *w; MQLONG v; };

/* a DISPLAY keyword and its PCF parameter: kind 'i' a number (blank: left
 * out, or MQMON_NOT_AVAILABLE with 'm'), 's' a string of width w, 'e' one
 * of vals' words, 'q' QTIME's two numbers (an MQCFIL), 'c' CONN (with
 * EXTCONN: MQBACF_CONNECTION_ID) */
struct skw {
	const char *kw;
	MQLONG id;
	char kind;
	int w;
	const struct word_val *vals;
};

static const struct word_val v_yesno[] = { { "YES", MQQSO_YES }, { "NO", MQQSO_NO }, { 0, 0 } };
static const struct word_val v_qstype[] = { { "QUEUE", MQIACF_Q_STATUS }, { "HANDLE", MQIACF_Q_HANDLE }, { 0, 0 } };
static const struct word_val v_input[] = {
	{ "SHARED", MQQSO_SHARED }, { "EXCL", MQQSO_EXCLUSIVE }, { "NO", MQQSO_NO }, { 0, 0 } };
static const struct word_val v_hstate[] = { { "ACTIVE", MQHSTATE_ACTIVE }, { "INACTIVE", MQHSTATE_INACTIVE }, { 0, 0 } };
static const struct word_val v_astate[] = { { "NONE", MQAS_NONE }, { 0, 0 } };
static const struct word_val v_urtype[] = { { "QMGR", MQUOWT_Q_MGR }, { 0, 0 } };
static const struct word_val v_appltype[] = { { "USER", MQAT_DEFAULT }, { 0, 0 } };
static const struct word_val v_uncom[] = { { "YES", MQQSUM_YES }, { "NO", MQQSUM_NO }, { 0, 0 } };
static const struct word_val v_qmstatus[] = { { "RUNNING", MQQMSTA_RUNNING }, { 0, 0 } };
static const struct word_val v_logtype[] = { { "CIRCULAR", MQLOGTYPE_CIRCULAR }, { "LINEAR", MQLOGTYPE_LINEAR }, { 0, 0 } };
static const struct word_val v_conntype[] = {
	{ "CONN", MQIACF_CONN_INFO_CONN }, { "HANDLE", MQIACF_CONN_INFO_HANDLE }, { 0, 0 } };
static const struct word_val v_uowstate[] = { { "NONE", MQUOWST_NONE }, { "ACTIVE", MQUOWST_ACTIVE }, { 0, 0 } };
static const struct word_val v_connopts[] = { { "MQCNO_SHARED_BINDING", MQCNO_SHARED_BINDING }, { 0, 0 } };
/* OPENOPTS' words (DISPLAY CONN TYPE(HANDLE)): MQIACF_OPEN_OPTIONS is their sum */
static const struct word_val v_openopts[] = {
	{ "MQOO_INPUT_AS_Q_DEF", MQOO_INPUT_AS_Q_DEF }, { "MQOO_INPUT_SHARED", MQOO_INPUT_SHARED },
	{ "MQOO_INPUT_EXCLUSIVE", MQOO_INPUT_EXCLUSIVE }, { "MQOO_BROWSE", MQOO_BROWSE },
	{ "MQOO_OUTPUT", MQOO_OUTPUT }, { "MQOO_INQUIRE", MQOO_INQUIRE }, { "MQOO_SET", MQOO_SET },
	{ "MQOO_SAVE_ALL_CONTEXT", MQOO_SAVE_ALL_CONTEXT },
	{ "MQOO_PASS_IDENTITY_CONTEXT", MQOO_PASS_IDENTITY_CONTEXT },
	{ "MQOO_PASS_ALL_CONTEXT", MQOO_PASS_ALL_CONTEXT },
	{ "MQOO_SET_IDENTITY_CONTEXT", MQOO_SET_IDENTITY_CONTEXT },
	{ "MQOO_SET_ALL_CONTEXT", MQOO_SET_ALL_CONTEXT },
	{ "MQOO_ALTERNATE_USER_AUTHORITY", MQOO_ALTERNATE_USER_AUTHORITY },
	{ "MQOO_FAIL_IF_QUIESCING", MQOO_FAIL_IF_QUIESCING }, { 0, 0 },
};
static const struct word_val v_objtype[] = { { "QUEUE", MQOT_Q }, { "QMGR", MQOT_Q_MGR }, { 0, 0 } };

static const struct skw qstatus_kw[] = {
	{ "QUEUE", MQCA_Q_NAME, 's', 48, NULL }, { "TYPE", MQIACF_Q_STATUS_TYPE, 'e', 0, v_qstype },
	{ "CURDEPTH", MQIA_CURRENT_Q_DEPTH, 'i', 0, NULL }, { "IPPROCS", MQIA_OPEN_INPUT_COUNT, 'i', 0, NULL },
	{ "OPPROCS", MQIA_OPEN_OUTPUT_COUNT, 'i', 0, NULL },
	{ "LGETDATE", MQCACF_LAST_GET_DATE, 's', 12, NULL }, { "LGETTIME", MQCACF_LAST_GET_TIME, 's', 8, NULL },
	{ "LPUTDATE", MQCACF_LAST_PUT_DATE, 's', 12, NULL }, { "LPUTTIME", MQCACF_LAST_PUT_TIME, 's', 8, NULL },
	{ "MEDIALOG", MQCACF_MEDIA_LOG_EXTENT_NAME, 's', 24, NULL },
	{ "MSGAGE", MQIACF_OLDEST_MSG_AGE, 'm', 0, NULL }, { "QTIME", MQIACF_Q_TIME_INDICATOR, 'q', 0, NULL },
	{ "UNCOM", MQIACF_UNCOMMITTED_MSGS, 'e', 0, v_uncom },
	/* TYPE(HANDLE) */
	{ "APPLTAG", MQCACF_APPL_TAG, 's', 28, NULL }, { "APPLTYPE", MQIA_APPL_TYPE, 'e', 0, v_appltype },
	{ "ASTATE", MQIACF_ASYNC_STATE, 'e', 0, v_astate }, { "BROWSE", MQIACF_OPEN_BROWSE, 'e', 0, v_yesno },
	{ "CONN", MQBACF_CONNECTION_ID, 'c', 0, NULL }, { "HSTATE", MQIACF_HANDLE_STATE, 'e', 0, v_hstate },
	{ "INPUT", MQIACF_OPEN_INPUT_TYPE, 'e', 0, v_input }, { "INQUIRE", MQIACF_OPEN_INQUIRE, 'e', 0, v_yesno },
	{ "OUTPUT", MQIACF_OPEN_OUTPUT, 'e', 0, v_yesno }, { "SET", MQIACF_OPEN_SET, 'e', 0, v_yesno },
	{ "PID", MQIACF_PROCESS_ID, 'i', 0, NULL }, { "TID", MQIACF_THREAD_ID, 'i', 0, NULL },
	{ "URTYPE", MQIACF_UOW_TYPE, 'e', 0, v_urtype }, { "USERID", MQCACF_USER_IDENTIFIER, 's', 12, NULL },
	{ NULL, 0, 0, 0, NULL },
};

static const struct skw qmstatus_kw[] = {
	{ "QMNAME", MQCA_Q_MGR_NAME, 's', 48, NULL }, { "STATUS", MQIACF_Q_MGR_STATUS, 'e', 0, v_qmstatus },
	{ "CONNS", MQIACF_CONNECTION_COUNT, 'i', 0, NULL },
	{ "STARTDA", MQCACF_Q_MGR_START_DATE, 's', 12, NULL }, { "STARTTI", MQCACF_Q_MGR_START_TIME, 's', 8, NULL },
	{ "CURRLOG", MQCACF_CURRENT_LOG_EXTENT_NAME, 's', 24, NULL },
	{ "RECLOG", MQCACF_RESTART_LOG_EXTENT_NAME, 's', 24, NULL },
	{ "MEDIALOG", MQCACF_MEDIA_LOG_EXTENT_NAME, 's', 24, NULL },
	{ "ARCHLOG", MQCACF_ARCHIVE_LOG_EXTENT_NAME, 's', 24, NULL },
	{ "LOGPATH", MQCACF_LOG_PATH, 's', 1024, NULL }, { "LOGTYPE", MQIACF_LOG_TYPE, 'e', 0, v_logtype },
	{ "LOGINUSE", MQIACF_LOG_IN_USE, 'i', 0, NULL }, { "LOGUTIL", MQIACF_LOG_UTILIZATION, 'i', 0, NULL },
	{ "ARCHSZ", MQIACF_ARCHIVE_LOG_SIZE, 'i', 0, NULL }, { "RECSZ", MQIACF_RESTART_LOG_SIZE, 'i', 0, NULL },
	{ "REUSESZ", MQIACF_REUSABLE_LOG_SIZE, 'i', 0, NULL }, { "MEDIASZ", MQIACF_MEDIA_LOG_SIZE, 'i', 0, NULL },
	{ NULL, 0, 0, 0, NULL },
};

static const struct skw conn_kw[] = {
	{ "CONN", MQBACF_CONNECTION_ID, 'c', 0, NULL }, { "TYPE", MQIACF_CONN_INFO_TYPE, 'e', 0, v_conntype },
	{ "PID", MQIACF_PROCESS_ID, 'i', 0, NULL }, { "TID", MQIACF_THREAD_ID, 'i', 0, NULL },
	{ "APPLTAG", MQCACF_APPL_TAG, 's', 28, NULL }, { "APPLTYPE", MQIA_APPL_TYPE, 'e', 0, v_appltype },
	{ "ASTATE", MQIACF_ASYNC_STATE, 'e', 0, v_astate },
	{ "CONNOPTS", MQIACF_CONNECT_OPTIONS, 'e', 0, v_connopts },
	{ "USERID", MQCACF_USER_IDENTIFIER, 's', 12, NULL }, { "UOWLOG", MQCACF_UOW_LOG_EXTENT_NAME, 's', 24, NULL },
	{ "UOWSTDA", MQCACF_UOW_START_DATE, 's', 12, NULL }, { "UOWSTTI", MQCACF_UOW_START_TIME, 's', 8, NULL },
	{ "UOWLOGDA", MQCACF_UOW_LOG_START_DATE, 's', 12, NULL },
	{ "UOWLOGTI", MQCACF_UOW_LOG_START_TIME, 's', 8, NULL },
	{ "URTYPE", MQIACF_UOW_TYPE, 'e', 0, v_urtype }, { "UOWSTATE", MQIACF_UOW_STATE, 'e', 0, v_uowstate },
	/* TYPE(HANDLE) */
	{ "OBJNAME", MQCACF_OBJECT_NAME, 's', 48, NULL }, { "OBJTYPE", MQIACF_OBJECT_TYPE, 'e', 0, v_objtype },
	{ "HSTATE", MQIACF_HANDLE_STATE, 'e', 0, v_hstate }, { "OPENOPTS", MQIACF_OPEN_OPTIONS, 'o', 0, v_openopts },
	{ NULL, 0, 0, 0, NULL },
};

/* One object's records as one reply message by the table. */
static void status_reply(const struct skw *tab, const char **p, const char *end, const struct parm *attrs,
			 struct reply *rp)
{
	struct out *o = reply_new(rp);
	if (!o) {
		fail(rp, MQRCCF_COMMAND_FAILED);
		return;
	}
	struct rec r;
	char conn[17] = "";
	while (next_rec(p, end, &r)) {
		if (rec_is(&r, "EXTCONN") && r.vlen == 32 && conn[0]) {
			unsigned char id[24];
			if (unhex(r.v, 32, id) && unhex(conn, 16, id + 16))
				add_bytes(o, MQBACF_CONNECTION_ID, id, sizeof id);
			continue;
		}
		const struct skw *k = NULL;
		for (const struct skw *t = tab; t->kw; t++)
			if (rec_is(&r, t->kw))
				k = t;
		if (!k)
			continue;
		if (k->kind == 'c') {   /* CONN: the id goes out with EXTCONN, which follows it */
			if (r.vlen == 16) {
				memcpy(conn, r.v, 16);
				conn[16] = 0;
			}
			continue;
		}
		int key = k == tab || k == tab + 1;
		if (!key && !wanted_id(attrs, k->id))
			continue;
		MQLONG v;
		switch (k->kind) {
		case 's':
			add_str(o, k->id, r.v, r.vlen < (size_t)k->w ? r.vlen : (size_t)k->w, (size_t)k->w);
			break;
		case 'i':
		case 'm':
			if (rec_num(&r, &v))
				add_int(o, k->id, v);
			else if (k->kind == 'm')
				add_int(o, k->id, MQMON_NOT_AVAILABLE);
			break;
		case 'e':
			for (const struct word_val *w = k->vals; w->w; w++)
				if (strlen(w->w) == r.vlen && !memcmp(w->w, r.v, r.vlen))
					add_int(o, k->id, w->v);
			break;
		case 'o': {   /* words joined by commas: the sum of their values */
			MQLONG sum = 0;
			int known = 1;
			for (size_t at = 0; at < r.vlen;) {
				size_t e = at;
				while (e < r.vlen && r.v[e] != ',')
					e++;
				int one = 0;
				for (const struct word_val *w = k->vals; w->w; w++)
					if (strlen(w->w) == e - at && !memcmp(w->w, r.v + at, e - at)) {
						sum |= w->v;
						one = 1;
					}
				known &= one;
				at = e + 1;
			}
			if (known)
				add_int(o, k->id, sum);
			break;
		}
		case 'q': {   /* "short, long" or blank: MQMON_NOT_AVAILABLE twice */
			char buf[64];
			long long a = MQMON_NOT_AVAILABLE, b = MQMON_NOT_AVAILABLE;
			size_t n = r.vlen < sizeof buf - 1 ? r.vlen : sizeof buf - 1;
			memcpy(buf, r.v, n);
			buf[n] = 0;
			sscanf(buf, "%lld , %lld", &a, &b);
			out_l(o, MQCFT_INTEGER_LIST);
			out_l(o, MQCFIL_STRUC_LENGTH_FIXED + 8);
			out_l(o, k->id);
			out_l(o, 2);
			out_l(o, (MQLONG)a);
			out_l(o, (MQLONG)b);
			o->nparm++;
			break;
		}
		}
	}
}

/* A status filter's WHERE by the table (keys, connection ids and QTIME
 * cannot be filtered on). */
static MQLONG status_where(const struct skw *tab, const struct parm *f, struct text *t)
{
	int isint = f->type == MQCFT_INTEGER_FILTER;
	const struct skw *k = NULL;
	for (const struct skw *x = tab; x->kw; x++)
		if (x->id == f->id && (isint ? strchr("ime", x->kind) != NULL : x->kind == 's'))
			k = x;
	char num[32];
	const char *val = NULL;
	if (k && isint) {
		snprintf(num, sizeof num, "%d", (int)f->ival);
		val = num;
		if (k->kind == 'e') {
			val = NULL;
			for (const struct word_val *w = k->vals; w->w; w++)
				if (w->v == f->ival)
					val = w->w;
			if (!val)
				return MQRCCF_FILTER_ERROR;
		}
	}
	return where_words(f, k ? k->kw : NULL, val, t);
}

/* Carry out t and answer each object shown by tab. */
static void status_run(struct csrv *cs, struct text *t, const struct skw *tab, const struct parm *attrs,
		       struct reply *rp, void (*extra)(struct out *o))
{
	char *out = NULL;
	MQLONG rc = run_cmd(cs, t, &out, rp);
	free(t->b);
	if (rc)
		return;
	const char *end = out + strlen(out);
	for (const char *p = next_obj(out, end); p; p = next_obj(p, end)) {
		status_reply(tab, &p, end, attrs, rp);
		if (extra && rp->n)
			extra(&rp->msg[rp->n - 1]);
	}
	free(out);
}

static MQLONG name_of(const struct parm *p, int generic, char nm[MQ_Q_NAME_LENGTH + 1])
{
	size_t n = (size_t)p->slen;
	while (n && (p->s[n - 1] == ' ' || p->s[n - 1] == 0))
		n--;
	if (n == 0 || n > MQ_Q_NAME_LENGTH)
		return MQRCCF_CFST_STRING_LENGTH_ERR;
	for (size_t i = 0; i < n; i++)
		if (!(isalnum((unsigned char)p->s[i]) || strchr("._/%", p->s[i]) ||
		      (generic && p->s[i] == '*' && i == n - 1)))
			return MQRCCF_OBJECT_NAME_ERROR;
	memcpy(nm, p->s, n);
	nm[n] = 0;
	return 0;
}

static void cmd_q_status(struct csrv *cs, const struct req *r, struct reply *rp)
{
	static const MQLONG allowed[] = { MQCFT_STRING, MQCA_Q_NAME, MQCFT_INTEGER, MQIACF_Q_STATUS_TYPE,
					  MQCFT_INTEGER, MQIACF_OPEN_TYPE, MQCFT_INTEGER_LIST, MQIACF_Q_STATUS_ATTRS, 0 };
	const struct parm *filter = find_filter(r);
	MQLONG e = only_but(r, allowed, filter);
	const struct parm *qn = find(r, MQCFT_STRING, MQCA_Q_NAME);
	const struct parm *st = find(r, MQCFT_INTEGER, MQIACF_Q_STATUS_TYPE);
	const struct parm *ot = find(r, MQCFT_INTEGER, MQIACF_OPEN_TYPE);
	char nm[MQ_Q_NAME_LENGTH + 1];
	if (!e && !qn)
		e = MQRCCF_PARM_COUNT_TOO_SMALL;
	if (!e)
		e = name_of(qn, 1, nm);
	if (!e && st && st->ival != MQIACF_Q_STATUS && st->ival != MQIACF_Q_HANDLE)
		e = MQRCCF_PARM_VALUE_ERROR;
	const char *otw = NULL;
	if (!e && ot) {
		otw = ot->ival == MQQSOT_ALL ? "ALL" : ot->ival == MQQSOT_INPUT ? "INPUT" :
		      ot->ival == MQQSOT_OUTPUT ? "OUTPUT" : NULL;
		if (!otw)
			e = MQRCCF_PARM_VALUE_ERROR;
	}
	if (e) {
		fail(rp, e);
		return;
	}
	struct text t = { 0 };
	t_str(&t, "DISPLAY QSTATUS(");
	t_quoted(&t, nm, strlen(nm));
	t_str(&t, st && st->ival == MQIACF_Q_HANDLE ? ") TYPE(HANDLE)" : ") TYPE(QUEUE)");
	if (otw) {
		t_str(&t, " OPENTYPE(");
		t_str(&t, otw);
		t_str(&t, ")");
	}
	t_str(&t, " ALL");
	if (filter && (e = status_where(qstatus_kw, filter, &t)) != 0) {
		free(t.b);
		fail(rp, e);
		return;
	}
	status_run(cs, &t, qstatus_kw, find(r, MQCFT_INTEGER_LIST, MQIACF_Q_STATUS_ATTRS), rp, NULL);
}

static const struct parm *qmstatus_attrs;

static void cmdserv_running(struct out *o)
{
	if (wanted_id(qmstatus_attrs, MQIACF_CMD_SERVER_STATUS))
		add_int(o, MQIACF_CMD_SERVER_STATUS, MQSVC_STATUS_RUNNING);
}

static void cmd_qmgr_status(struct csrv *cs, const struct req *r, struct reply *rp)
{
	static const MQLONG allowed[] = { MQCFT_INTEGER_LIST, MQIACF_Q_MGR_STATUS_ATTRS, 0 };
	MQLONG e = only(r, allowed);
	if (e) {
		fail(rp, e);
		return;
	}
	struct text t = { 0 };
	t_str(&t, "DISPLAY QMSTATUS ALL");
	qmstatus_attrs = find(r, MQCFT_INTEGER_LIST, MQIACF_Q_MGR_STATUS_ATTRS);   /* one thread: no race */
	status_run(cs, &t, qmstatus_kw, qmstatus_attrs, rp, cmdserv_running);
	qmstatus_attrs = NULL;
}

/* The MQSC CONN() value of a 24-byte connection id: its last 8 bytes in hex
 * ("*" for an empty or all-zero generic id).  0, or the reason. */
static MQLONG conn_word(const struct parm *p, int generic, char w[17])
{
	if (p->slen == 0 && generic) {
		strcpy(w, "*");
		return 0;
	}
	if (p->slen != 24)
		return MQRCCF_CONNECTION_ID_ERROR;
	int zero = 1;
	for (int i = 0; i < 24; i++)
		if (p->s[i])
			zero = 0;
	if (zero && generic) {
		strcpy(w, "*");
		return 0;
	}
	for (int i = 0; i < 8; i++)
		snprintf(w + 2 * i, 3, "%02X", (unsigned char)p->s[16 + i]);
	return 0;
}

static void cmd_inq_conn(struct csrv *cs, const struct req *r, struct reply *rp)
{
	static const MQLONG allowed[] = { MQCFT_BYTE_STRING, MQBACF_CONNECTION_ID, MQCFT_BYTE_STRING,
					  MQBACF_GENERIC_CONNECTION_ID, MQCFT_INTEGER, MQIACF_CONN_INFO_TYPE,
					  MQCFT_INTEGER_LIST, MQIACF_CONNECTION_ATTRS, 0 };
	const struct parm *filter = find_filter(r);
	MQLONG e = only_but(r, allowed, filter);
	const struct parm *id = find(r, MQCFT_BYTE_STRING, MQBACF_CONNECTION_ID);
	const struct parm *gid = find(r, MQCFT_BYTE_STRING, MQBACF_GENERIC_CONNECTION_ID);
	const struct parm *it = find(r, MQCFT_INTEGER, MQIACF_CONN_INFO_TYPE);
	char w[17];
	if (!e && !id == !gid)
		e = id ? MQRCCF_PARM_CONFLICT : MQRCCF_PARM_COUNT_TOO_SMALL;
	if (!e)
		e = conn_word(id ? id : gid, gid != NULL, w);
	const char *tw = "CONN";
	if (!e && it) {
		tw = it->ival == MQIACF_CONN_INFO_CONN ? "CONN" : it->ival == MQIACF_CONN_INFO_HANDLE ? "HANDLE" :
		     it->ival == MQIACF_CONN_INFO_ALL ? "ALL" : NULL;
		if (!tw)
			e = MQRCCF_PARM_VALUE_ERROR;
	}
	if (e) {
		fail(rp, e);
		return;
	}
	struct text t = { 0 };
	t_str(&t, "DISPLAY CONN(");
	t_str(&t, w);
	t_str(&t, ") TYPE(");
	t_str(&t, tw);
	t_str(&t, ") ALL");
	if (filter && (e = status_where(conn_kw, filter, &t)) != 0) {
		free(t.b);
		fail(rp, e);
		return;
	}
	status_run(cs, &t, conn_kw, find(r, MQCFT_INTEGER_LIST, MQIACF_CONNECTION_ATTRS), rp, NULL);
}

static void cmd_stop_conn(struct csrv *cs, const struct req *r, struct reply *rp)
{
	static const MQLONG allowed[] = { MQCFT_BYTE_STRING, MQBACF_CONNECTION_ID, 0 };
	MQLONG e = only(r, allowed);
	const struct parm *id = find(r, MQCFT_BYTE_STRING, MQBACF_CONNECTION_ID);
	char w[17];
	if (!e && !id)
		e = MQRCCF_PARM_COUNT_TOO_SMALL;
	if (!e)
		e = conn_word(id, 0, w);
	if (e) {
		fail(rp, e);
		return;
	}
	struct text t = { 0 };
	t_str(&t, "STOP CONN(");
	t_str(&t, w);
	t_str(&t, ")");
	if (run_cmd(cs, &t, NULL, rp) == MQRC_UNKNOWN_OBJECT_NAME)
		rp->rc = MQRCCF_CONNECTION_ID_ERROR;
	free(t.b);
}

static void cmd_reset_qmgr(struct csrv *cs, const struct req *r, struct reply *rp)
{
	static const MQLONG allowed[] = { MQCFT_INTEGER, MQIACF_ACTION, MQCFT_STRING, MQCACF_ARCHIVE_LOG_EXTENT_NAME,
					  0 };
	MQLONG e = only(r, allowed);
	const struct parm *a = find(r, MQCFT_INTEGER, MQIACF_ACTION);
	const struct parm *x = find(r, MQCFT_STRING, MQCACF_ARCHIVE_LOG_EXTENT_NAME);
	if (!e && !a)
		e = MQRCCF_PARM_COUNT_TOO_SMALL;
	if (!e && a->ival != MQACT_ADVANCE_LOG && a->ival != MQACT_ARCHIVE_LOG)
		e = MQRCCF_ACTION_VALUE_ERROR;
	if (!e && a->ival == MQACT_ARCHIVE_LOG && !x)
		e = MQRCCF_PARM_COUNT_TOO_SMALL;
	if (!e && a->ival == MQACT_ADVANCE_LOG && x)
		e = MQRCCF_CFST_PARM_ID_ERROR;
	if (e) {
		fail(rp, e);
		return;
	}
	struct text t = { 0 };
	if (a->ival == MQACT_ADVANCE_LOG) {
		t_str(&t, "RESET QMGR TYPE(ADVANCELOG)");
	} else {
		size_t n = (size_t)x->slen;
		while (n && x->s[n - 1] == ' ')
			n--;
		t_str(&t, "RESET QMGR TYPE(ARCHLOG) ARCHIVED(");
		t_quoted(&t, x->s, n);
		t_str(&t, ")");
	}
	run_cmd(cs, &t, NULL, rp);
	free(t.b);
}

/* INQUIRE_TOPIC_STATUS: the node's resolved attributes by the topic rows of
 * objects/objdef.c (TOPICSTR at its length, ADMIN as MQCA_ADMIN_TOPIC_NAME). */
static void cmd_topic_status(struct csrv *cs, const struct req *r, struct reply *rp)
{
	static const MQLONG allowed[] = { MQCFT_STRING, MQCA_TOPIC_STRING, MQCFT_INTEGER, MQIACF_TOPIC_STATUS_TYPE,
					  MQCFT_INTEGER_LIST, MQIACF_TOPIC_STATUS_ATTRS, 0 };
	MQLONG e = only(r, allowed);
	const struct parm *ts = find(r, MQCFT_STRING, MQCA_TOPIC_STRING);
	const struct parm *st = find(r, MQCFT_INTEGER, MQIACF_TOPIC_STATUS_TYPE);
	if (!e && !ts)
		e = MQRCCF_PARM_COUNT_TOO_SMALL;
	if (!e && st && st->ival != MQIACF_TOPIC_STATUS && st->ival != MQIACF_TOPIC_SUB && st->ival != MQIACF_TOPIC_PUB)
		e = MQRCCF_PARM_VALUE_ERROR;
	if (e) {
		fail(rp, e);
		return;
	}
	size_t n = (size_t)ts->slen;
	while (n && ts->s[n - 1] == ' ')
		n--;
	if (st && st->ival != MQIACF_TOPIC_STATUS) {   /* subscriptions, publishers: csrv_sub.c */
		csrv_sub_topic_status(cs, r, rp, ts->s, n, st->ival == MQIACF_TOPIC_PUB);
		return;
	}
	struct text t = { 0 };
	t_str(&t, "DISPLAY TPSTATUS(");
	t_quoted(&t, ts->s, n);
	t_str(&t, ") TYPE(TOPIC) ALL");
	char *out = NULL;
	MQLONG rc = run_cmd(cs, &t, &out, rp);
	free(t.b);
	if (rc) {
		if (rc == MQRC_UNKNOWN_OBJECT_NAME)
			rp->rc = MQRCCF_TOPIC_STRING_NOT_FOUND;
		return;
	}
	const struct parm *attrs = find(r, MQCFT_INTEGER_LIST, MQIACF_TOPIC_STATUS_ATTRS);
	const char *end = out + strlen(out);
	for (const char *p = next_obj(out, end); p; p = next_obj(p, end)) {
		struct out *o = reply_new(rp);
		if (!o) {
			fail(rp, MQRCCF_COMMAND_FAILED);
			break;
		}
		struct rec rc2;
		while (next_rec(&p, end, &rc2)) {
			char kw[48];
			if (rc2.kwlen >= sizeof kw)
				continue;
			memcpy(kw, rc2.kw, rc2.kwlen);
			kw[rc2.kwlen] = 0;
			if (!strcmp(kw, "ADMIN")) {
				if (wanted_id(attrs, MQCA_ADMIN_TOPIC_NAME))
					add_str(o, MQCA_ADMIN_TOPIC_NAME, rc2.v, rc2.vlen < 48 ? rc2.vlen : 48, 48);
				continue;
			}
			const struct objdef_attr *a = objdef_attr_find(OBJDEF_TOPIC, kw);
			if (!a || (!rec_is(&rc2, "TOPICSTR") && !wanted_id(attrs, a->id)))
				continue;
			if (objdef_kind_is_text(a->kind)) {
				size_t w = a->kind == OBJDEF_ISTR ? rc2.vlen : (size_t)a->max;
				add_str(o, a->id, rc2.v, rc2.vlen < w ? rc2.vlen : w, w);
				continue;
			}
			MQLONG v;
			int got = 0;
			if (a->vals)
				for (const struct objdef_enum *en = a->vals; en->kw && !got; en++)
					if (strlen(en->kw) == rc2.vlen && !memcmp(en->kw, rc2.v, rc2.vlen)) {
						v = en->val;
						got = 1;
					}
			if (!got)
				got = rec_num(&rc2, &v);
			if (got)
				add_int(o, a->id, v);
		}
	}
	free(out);
}

int csrv_status_command(struct csrv *cs, const struct req *r, struct reply *rp)
{
	switch (r->cfh.Command) {
	case MQCMD_INQUIRE_Q_STATUS: cmd_q_status(cs, r, rp); return 1;
	case MQCMD_INQUIRE_Q_MGR_STATUS: cmd_qmgr_status(cs, r, rp); return 1;
	case MQCMD_INQUIRE_CONNECTION: cmd_inq_conn(cs, r, rp); return 1;
	case MQCMD_STOP_CONNECTION: cmd_stop_conn(cs, r, rp); return 1;
	case MQCMD_RESET_Q_MGR: cmd_reset_qmgr(cs, r, rp); return 1;
	case MQCMD_INQUIRE_TOPIC_STATUS: cmd_topic_status(cs, r, rp); return 1;
	}
	return 0;
}
