/*
 * pcft.h: PCF requests and replies for the MQI test programs that talk to the
 * command server (mqi_pcf.c, mqi_pcfsub.c, mqi_pcfchl.c, mqi_csrv.c), built as
 * they are: the SDK headers and -lmqm_r, everything static inline (a program
 * uses what it needs).  Include after mqt.h.
 *
 * The program's connection is in the two handles defined here: hc and hreply
 * (CSRV.REPLY, opened for input); pcft_open(qmgr) makes them (0, or 2 when it
 * cannot) and pcft_close() ends them and answers the exit status (mqt_done).
 *
 * Requests are built byte by byte in a struct buf, in the machine's encoding:
 *   cfh(b, cmd)        a new MQCFH of type MQCFT_COMMAND, no parameters yet;
 *   cfin, cfst, cfil, cfbs   append an MQCFIN, MQCFST (blank-padded to a
 *                      multiple of 4, CCSID default), MQCFIL, MQCFBS and count
 *                      it in the MQCFH's ParameterCount (padded(b, v, n, pad):
 *                      a value and its padding, for a program's own structures);
 *   cfh_typed, cfin_raw, cfst_raw, cfil_raw   the same, with the MQCFH's Type
 *                      and ParameterCount as given and never counted (for
 *                      requests whose count is wrong on purpose).
 send_req(b, md) puts a request on SYSTEM.ADMIN.COMMAND.QUEUE (ReplyToQ
 * CSRV.REPLY) with the caller's MQMD, get_reply() gets one reply by CorrelId;
 * call(b, rs) sends a request and gets every reply whose CorrelId is its
 * MsgId, up to the one with MQCFC_LAST (rs->ok) or 10 s of silence; expect()
 * checks the last reply's CompCode and Reason.  find_parm, parm_int, parm_str, parm_bytes read one
 * parameter of a reply; mqsc() sends an MQSC command as MQCMD_ESCAPE and joins
 * its response lines; mqsc_val() and compare() check a reply against DISPLAY's
 * text with the program's own table of keywords (struct ta).
 */
#ifndef QUIRE_TESTS_PCFT_H
#define QUIRE_TESTS_PCFT_H

#include <cmqc.h>
#include <cmqcfc.h>

#include "mqt.h"

static MQHCONN hc;
static MQHOBJ hreply;

struct buf {
	unsigned char b[16384];
	size_t n;
};

/* ---- requests ---- */

static inline void l(struct buf *b, MQLONG v)
{
	memcpy(b->b + b->n, &v, 4);
	b->n += 4;
}

static inline void cfh_typed(struct buf *b, MQLONG type, MQLONG cmd, MQLONG nparm)
{
	b->n = 0;
	l(b, type);
	l(b, MQCFH_STRUC_LENGTH);
	l(b, MQCFH_VERSION_1);
	l(b, cmd);
	l(b, 1);
	l(b, MQCFC_LAST);
	l(b, MQCC_OK);
	l(b, MQRC_NONE);
	l(b, nparm);
}

static inline void cfh(struct buf *b, MQLONG cmd)
{
	cfh_typed(b, MQCFT_COMMAND, cmd, 0);
}

static inline void count_parm(struct buf *b)
{
	MQLONG n;
	memcpy(&n, b->b + 32, 4);
	n++;
	memcpy(b->b + 32, &n, 4);
}

static inline void cfin_raw(struct buf *b, MQLONG id, MQLONG v)
{
	l(b, MQCFT_INTEGER);
	l(b, MQCFIN_STRUC_LENGTH);
	l(b, id);
	l(b, v);
}

/* n bytes of v, then pad up to a multiple of 4 (a string's or byte string's
 * value, the last field of its structure). */
static inline void padded(struct buf *b, const void *v, size_t n, int pad)
{
	size_t room = (n + 3) & ~(size_t)3;
	memset(b->b + b->n, pad, room);
	memcpy(b->b + b->n, v, n);
	b->n += room;
}

static inline void cfst_raw(struct buf *b, MQLONG id, const char *s)
{
	size_t n = strlen(s), sl = MQCFST_STRUC_LENGTH_FIXED + ((n + 3) & ~(size_t)3);
	l(b, MQCFT_STRING);
	l(b, (MQLONG)sl);
	l(b, id);
	l(b, MQCCSI_DEFAULT);
	l(b, (MQLONG)n);
	padded(b, s, n, ' ');
}

static inline void cfil_raw(struct buf *b, MQLONG id, int n, const MQLONG *v)
{
	l(b, MQCFT_INTEGER_LIST);
	l(b, MQCFIL_STRUC_LENGTH_FIXED + 4 * n);
	l(b, id);
	l(b, n);
	for (int i = 0; i < n; i++)
		l(b, v[i]);
}

static inline void cfin(struct buf *b, MQLONG id, MQLONG v)
{
	cfin_raw(b, id, v);
	count_parm(b);
}

static inline void cfst(struct buf *b, MQLONG id, const char *s)
{
	cfst_raw(b, id, s);
	count_parm(b);
}

static inline void cfil(struct buf *b, MQLONG id, int n, const MQLONG *v)
{
	cfil_raw(b, id, n, v);
	count_parm(b);
}

static inline void cfbs(struct buf *b, MQLONG id, const unsigned char *v, size_t n)
{
	size_t sl = MQCFBS_STRUC_LENGTH_FIXED + ((n + 3) & ~(size_t)3);
	l(b, MQCFT_BYTE_STRING);
	l(b, (MQLONG)sl);
	l(b, id);
	l(b, (MQLONG)n);
	padded(b, v, n, 0);
	count_parm(b);
}

/* ---- replies ---- */

#define MAXR 64
struct replies {
	struct buf r[MAXR];
	int n;
	int ok;   /* every reply came, the last with MQCFC_LAST */
};

static inline MQCFH head(const struct buf *r)
{
	MQCFH h;
	memset(&h, 0, sizeof h);
	if (r->n >= sizeof h)
		memcpy(&h, r->b, sizeof h);
	return h;
}

/* Put a request; its MQMD (MsgId as put) back in *md; 0 if the put failed. */
static inline int send_req(const struct buf *b, MQMD *md)
{
	MQOD od = { MQOD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	MQLONG cc, rc;
	mqt_name(od.ObjectName, sizeof od.ObjectName, "SYSTEM.ADMIN.COMMAND.QUEUE");
	mqt_name(md->ReplyToQ, sizeof md->ReplyToQ, "CSRV.REPLY");
	pmo.Options = MQPMO_NO_SYNCPOINT | MQPMO_NEW_MSG_ID;
	MQPUT1(hc, &od, md, &pmo, (MQLONG)b->n, (void *)b->b, &cc, &rc);
	if (cc != MQCC_OK)
		printf("# MQPUT1 of the request: %d\n", (int)rc);
	return cc == MQCC_OK;
}

/* The next reply whose CorrelId is corr, waiting up to wait ms: its MQMD and
 * data (none when the get failed); the reason of the get. */
static inline MQLONG get_reply(const MQBYTE24 corr, MQMD *md, struct buf *r, MQLONG wait)
{
	MQGMO gmo = { MQGMO_DEFAULT };
	MQLONG cc, rc, dl = 0;
	MQMD m = { MQMD_DEFAULT };
	gmo.Version = MQGMO_VERSION_2;
	gmo.Options = MQGMO_WAIT | MQGMO_NO_SYNCPOINT;
	gmo.MatchOptions = MQMO_MATCH_CORREL_ID;
	gmo.WaitInterval = wait;
	memcpy(m.CorrelId, corr, sizeof m.CorrelId);
	MQGET(hc, hreply, &m, &gmo, sizeof r->b, r->b, &dl, &cc, &rc);
	r->n = cc == MQCC_FAILED ? 0 : (size_t)dl;
	*md = m;
	return rc;
}

/* Send the request and read every reply to it. */
static inline void call(const struct buf *b, struct replies *rs)
{
	MQMD md = { MQMD_DEFAULT };
	rs->n = 0;
	rs->ok = 0;
	md.MsgType = MQMT_REQUEST;
	memcpy(md.Format, MQFMT_ADMIN, MQ_FORMAT_LENGTH);
	if (!send_req(b, &md))
		return;
	while (rs->n < MAXR) {
		MQMD m;
		struct buf *r = &rs->r[rs->n];
		if (get_reply(md.MsgId, &m, r, 10000) != MQRC_NONE && r->n == 0)
			return;   /* none came (or the get failed) */
		rs->n++;
		if (head(r).Control == MQCFC_LAST) {
			rs->ok = 1;
			return;
		}
	}
}

/* The parameter id of a reply (its structure, its Type in *type), every length
 * checked; NULL when absent or the reply is damaged. */
static inline const unsigned char *find_parm(const struct buf *r, MQLONG id, MQLONG *type)
{
	MQCFH h = head(r);
	size_t off = MQCFH_STRUC_LENGTH;
	for (MQLONG i = 0; i < h.ParameterCount && off + 16 <= r->n; i++) {
		MQLONG t, sl, pid;
		memcpy(&t, r->b + off, 4);
		memcpy(&sl, r->b + off + 4, 4);
		memcpy(&pid, r->b + off + 8, 4);
		if (sl < 16 || off + (size_t)sl > r->n)
			return NULL;
		if (pid == id) {
			*type = t;
			return r->b + off;
		}
		off += (size_t)sl;
	}
	return NULL;
}

/* An MQCFIN's value into *v: 1, or 0 (*v unchanged) when there is none. */
static inline int parm_int(const struct buf *r, MQLONG id, MQLONG *v)
{
	MQLONG t = 0;
	const unsigned char *p = find_parm(r, id, &t);
	if (!p || t != MQCFT_INTEGER)
		return 0;
	memcpy(v, p + 12, 4);
	return 1;
}

/* An MQCFST's string, blanks at the end taken off, into out. */
static inline int parm_str(const struct buf *r, MQLONG id, char *out, size_t n)
{
	MQLONG t = 0, sl;
	const unsigned char *p = find_parm(r, id, &t);
	out[0] = 0;
	if (!p || t != MQCFT_STRING)
		return 0;
	memcpy(&sl, p + 16, 4);
	size_t k = (size_t)sl < n - 1 ? (size_t)sl : n - 1;
	memcpy(out, p + 20, k);
	while (k && out[k - 1] == ' ')
		k--;
	out[k] = 0;
	return 1;
}

/* An MQCFBS's bytes into out: their number, or -1 (none, or more than n). */
static inline int parm_bytes(const struct buf *r, MQLONG id, unsigned char *out, size_t n)
{
	MQLONG t = 0, sl;
	const unsigned char *p = find_parm(r, id, &t);
	if (!p || t != MQCFT_BYTE_STRING)
		return -1;
	memcpy(&sl, p + 12, 4);
	if (sl < 0 || (size_t)sl > n)
		return -1;
	memcpy(out, p + 16, (size_t)sl);
	return sl;
}

/* The request's result: the last reply's CompCode and Reason. */
static inline void expect(const struct buf *b, MQLONG want_rc, const char *what)
{
	struct replies rs;
	call(b, &rs);
	MQCFH h = rs.n ? head(&rs.r[rs.n - 1]) : (MQCFH){ 0 };
	MQLONG wcc = want_rc ? MQCC_FAILED : MQCC_OK;
	CHECK(rs.ok && h.CompCode == wcc && h.Reason == want_rc, "%s: CompCode %d Reason %d (want %d %d)", what,
	      (int)h.CompCode, (int)h.Reason, (int)wcc, (int)want_rc);
}

/* ---- the program's connection ---- */

/* Connect to qmgr into hc and open CSRV.REPLY for input into hreply: 0, or 2
 * (said why) when either fails. */
static inline int pcft_open(const char *qmgr)
{
	hc = mqt_conn(qmgr, 0);
	if (hc == MQHC_UNUSABLE_HCONN)
		return 2;
	if (mqt_open(hc, "CSRV.REPLY", MQOO_INPUT_EXCLUSIVE, &hreply) != MQRC_NONE)
		return 2;
	return 0;
}

/* Close hreply, disconnect hc; the program's exit status (mqt_done). */
static inline int pcft_close(void)
{
	MQLONG cc, rc;
	MQCLOSE(hc, &hreply, MQCO_NONE, &cc, &rc);
	MQDISC(&hc, &cc, &rc);
	return mqt_done();
}

/* ---- MQSC's view ---- */

/* The response lines of an MQSC command sent as MQCMD_ESCAPE, joined. */
static inline void mqsc(const char *cmd, char *out, size_t n)
{
	struct buf b;
	struct replies rs;
	cfh(&b, MQCMD_ESCAPE);
	cfin(&b, MQIACF_ESCAPE_TYPE, MQET_MQSC);
	cfst(&b, MQCACF_ESCAPE_TEXT, cmd);
	call(&b, &rs);
	out[0] = 0;
	for (int i = 0; i < rs.n; i++) {
		char line[4096];
		if (parm_str(&rs.r[i], MQCACF_ESCAPE_TEXT, line, sizeof line)) {
			strncat(out, line, n - strlen(out) - 2);
			strcat(out, "\n");
		}
	}
}

/* KW(value) in DISPLAY's text: the value (the first match on a word start). */
static inline int mqsc_val(const char *text, const char *kw, char *out, size_t n)
{
	size_t kl = strlen(kw);
	for (const char *p = text; (p = strstr(p, kw)) != NULL; p++) {
		if (p != text && p[-1] != ' ' && p[-1] != '\n')
			continue;
		if (p[kl] == '(') {
			/* the value ends at the ')' that ends the word (a value may hold parentheses) */
			const char *e = p + kl + 1;
			while ((e = strchr(e, ')')) != NULL && e[1] && e[1] != ' ' && e[1] != '\n')
				e++;
			if (!e)
				return 0;
			size_t k = (size_t)(e - p - kl - 1);
			if (k >= n)
				k = n - 1;
			memcpy(out, p + kl + 1, k);
			while (k && out[k - 1] == ' ')
				k--;
			out[k] = 0;
			return 1;
		}
		if (p[kl] == ' ' || p[kl] == '\n' || p[kl] == 0) {   /* a bare keyword (NOSHARE) */
			snprintf(out, n, "%s", kw);
			return 1;
		}
	}
	return 0;
}

/* A program's own table: MQSC keyword, PCF id, and for values the MQSC words
 * of each integer (none: a number). */
struct tv { const char *w; MQLONG v; };
struct ta {
	const char *kw;
	MQLONG id;
	char kind;   /* 'i' number, 'e' enumeration, 's' string, 'p' a pair of bare keywords,
	                'x' bytes (hex in MQSC) */
	struct tv vals[6];
};

static inline void hexof(const unsigned char *b, int n, char *out)
{
	for (int i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02X", b[i]);
	out[2 * n] = 0;
}

/* Every attribute of the table in the reply r equals DISPLAY's text (one
 * check each; an integer not in vals is compared as its number). */
static inline void compare(const struct buf *r, const char *text, const struct ta *tab, const char *what)
{
	for (const struct ta *a = tab; a->kw; a++) {
		char want[512], got[512];
		int shown;
		if (a->kind == 'p') {
			shown = mqsc_val(text, a->vals[1].w, want, sizeof want) || mqsc_val(text, a->vals[0].w, want, sizeof want);
		} else {
			shown = mqsc_val(text, a->kw, want, sizeof want);
		}
		if (a->kind == 's') {
			int has = parm_str(r, a->id, got, sizeof got);
			CHECK(shown && has && !strcmp(want, got), "%s %s: PCF '%s', MQSC '%s'", what, a->kw, got,
			      shown ? want : "(not shown)");
			continue;
		}
		if (a->kind == 'x') {
			unsigned char b[64];
			int n = parm_bytes(r, a->id, b, sizeof b);
			if (n > 0)
				hexof(b, n, got);
			CHECK(shown && n == 24 && !strcmp(want, got), "%s %s: PCF %s (%d bytes), MQSC %s", what, a->kw,
			      n > 0 ? got : "-", n, shown ? want : "(not shown)");
			continue;
		}
		MQLONG v = -99999;
		int has = parm_int(r, a->id, &v);
		const char *vw = NULL;
		for (int i = 0; i < 6 && a->vals[i].w; i++)
			if (a->vals[i].v == v)
				vw = a->vals[i].w;
		char num[32];
		if (!vw && (a->kind == 'i' || a->kind == 'e')) {
			snprintf(num, sizeof num, "%d", (int)v);
			vw = num;
		}
		CHECK(shown && has && vw && !strcmp(want, vw), "%s %s: PCF %d (%s), MQSC %s", what, a->kw, (int)v,
		      vw ? vw : "?", shown ? want : "(not shown)");
	}
}

#endif
