/*
 * csrv_sub.c: the PCF subscription commands (issue 14), carried out by the
 * MQSC processor's SUB commands (qm/admin/mqsc_sub.c) through PROTO_ADMIN_PCF
 * as csrv_obj.c does for objects.
 *
 *   INQUIRE_SUBSCRIPTION  DISPLAY SUB(name) SUBTYPE(ALL) ALL: MQCACF_SUB_NAME
 *     (generic) or MQBACF_SUB_ID (MQCFBS, 24 bytes) or neither (all),
 *     MQIACF_SUB_TYPE (MQSUBTYPE_ADMIN/API/USER/ALL, default USER as MQ),
 *     MQIACF_DURABLE_SUBSCRIPTION (MQSUB_DURABLE_YES/NO/ALL), MQIACF_SUB_ATTRS.
 *     One message per subscription: SubName and SubId always.
 *   INQUIRE_SUB_STATUS    DISPLAY SBSTATUS(name) SUBTYPE(ALL): the same
 *     selection, MQIACF_SUB_STATUS_ATTRS.
 *   CREATE_SUBSCRIPTION   DEFINE SUB(name) attributes [REPLACE]
 *   CHANGE_SUBSCRIPTION   ALTER SUB(name) attributes
 *   COPY_SUBSCRIPTION     DEFINE SUB(to) with the attributes DISPLAY SUB(from)
 *     shows (those DEFINE takes), the request's over them (MQSC's DEFINE SUB
 *     has no LIKE here); the source's TOPICOBJ is not copied: its TOPICSTR
 *     is the whole resolved string already
 *   DELETE_SUBSCRIPTION   DELETE SUB(name)
 *   INQUIRE_TOPIC_STATUS with MQIACF_TOPIC_SUB / MQIACF_TOPIC_PUB:
 *     DISPLAY TPSTATUS(string) TYPE(SUB|PUB) ALL (csrv_sub_topic_status)
 * A SubId names the subscription DISPLAY SUB(*) SUBTYPE(ALL) shows with that
 * SUBID; none: MQRCCF_SUB_IDENTITY_ERROR.
 *
 * Each DISPLAY keyword is a PCF parameter by sub_kw[] below, both ways:
 * kind 's' a string (w: its width, 0 its own length), 'e' an enumeration,
 * 'n' a number with words for special values, 'x' hexadecimal shown, bytes in
 * PCF (MQCFBS of w bytes).  set: DEFINE/ALTER take it.
 *
 * The MQSC processor's refusals (AMQ message -> reason):
 *   AMQ8147E not found                   MQRC_NO_SUBSCRIPTION 2428
 *   AMQ8150E already exists              MQRCCF_SUB_ALREADY_EXISTS 3311
 *   AMQ8148E in use (an open handle)     MQRC_SUBSCRIPTION_IN_USE 2429
 *   AMQ8957E, why: DEST names no queue   MQRCCF_DEST_NAME_ERROR 3316
 *                  DURSUB(NO)            MQRCCF_DURABILITY_NOT_ALLOWED 3314
 *                  SUB(DISABLED)         MQRC_SUB_INHIBITED 2503
 *                  topic object unknown  MQRC_UNKNOWN_OBJECT_NAME 2085
 *   anything else (a syntax refusal: ALTER of the topic ...) MQRCCF_COMMAND_FAILED
 */
#include "csrv/csrv_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <strings.h>

#include "qm/admin/mqsc.h"
#include "qm/proto.h"

struct wv { const char *w; MQLONG v; };

struct skw {
	const char *kw;
	MQLONG id;
	char kind;
	int w;
	const struct wv *vals;
	int set;
};

static const struct wv v_seltype[] = { { "NONE", MQSELTYPE_NONE }, { "STANDARD", MQSELTYPE_STANDARD },
				       { "EXTENDED", MQSELTYPE_EXTENDED }, { 0, 0 } };
static const struct wv v_destclas[] = { { "MANAGED", MQDC_MANAGED }, { "PROVIDED", MQDC_PROVIDED }, { 0, 0 } };
static const struct wv v_durable[] = { { "YES", MQSUB_DURABLE_YES }, { "NO", MQSUB_DURABLE_NO }, { 0, 0 } };
static const struct wv v_expiry[] = { { "UNLIMITED", MQEI_UNLIMITED }, { 0, 0 } };
static const struct wv v_psprop[] = { { "NONE", MQPSPROP_NONE }, { "COMPAT", MQPSPROP_COMPAT },
				      { "RFH2", MQPSPROP_RFH2 }, { "MSGPROP", MQPSPROP_MSGPROP }, { 0, 0 } };
static const struct wv v_pubprty[] = { { "ASPUB", MQPRI_PRIORITY_AS_PUBLISHED }, { "ASQDEF", MQPRI_PRIORITY_AS_Q_DEF },
				       { 0, 0 } };
static const struct wv v_reqonly[] = { { "YES", MQRU_PUBLISH_ON_REQUEST }, { "NO", MQRU_PUBLISH_ALL }, { 0, 0 } };
static const struct wv v_scope[] = { { "ALL", MQTSCOPE_ALL }, { "QMGR", MQTSCOPE_QMGR }, { 0, 0 } };
static const struct wv v_subtype[] = { { "API", MQSUBTYPE_API }, { "ADMIN", MQSUBTYPE_ADMIN },
				       { "PROXY", MQSUBTYPE_PROXY }, { 0, 0 } };
static const struct wv v_varuser[] = { { "ANY", MQVU_ANY_USER }, { "FIXED", MQVU_FIXED_USER }, { 0, 0 } };
static const struct wv v_wschema[] = { { "TOPIC", MQWS_TOPIC }, { "CHAR", MQWS_CHAR }, { 0, 0 } };

/* DISPLAY SUB's and SBSTATUS's keywords (the first two: the keys) */
static const struct skw sub_kw[] = {
	{ "SUB", MQCACF_SUB_NAME, 's', 0, NULL, 0 }, { "SUBID", MQBACF_SUB_ID, 'x', 24, NULL, 0 },
	{ "TOPICSTR", MQCA_TOPIC_STRING, 's', 0, NULL, 1 }, { "TOPICOBJ", MQCA_TOPIC_NAME, 's', 48, NULL, 1 },
	{ "DEST", MQCACF_DESTINATION, 's', 48, NULL, 1 },
	{ "DESTQMGR", MQCACF_DESTINATION_Q_MGR, 's', 48, NULL, 1 },
	{ "PUBAPPID", MQCACF_APPL_IDENTITY_DATA, 's', 32, NULL, 1 },
	{ "SELECTOR", MQCACF_SUB_SELECTOR, 's', 0, NULL, 1 },
	{ "SELTYPE", MQIACF_SELECTOR_TYPE, 'e', 0, v_seltype, 0 },
	{ "USERDATA", MQCACF_SUB_USER_DATA, 's', 0, NULL, 1 },
	{ "PUBACCT", MQBACF_ACCOUNTING_TOKEN, 'x', 32, NULL, 1 },
	{ "DESTCORL", MQBACF_DESTINATION_CORREL_ID, 'x', 24, NULL, 1 },
	{ "DESTCLAS", MQIACF_DESTINATION_CLASS, 'e', 0, v_destclas, 1 },
	{ "DURABLE", MQIACF_DURABLE_SUBSCRIPTION, 'e', 0, v_durable, 0 },
	{ "EXPIRY", MQIACF_EXPIRY, 'n', 0, v_expiry, 1 },
	{ "PSPROP", MQIACF_PUBSUB_PROPERTIES, 'e', 0, v_psprop, 1 },
	{ "PUBPRTY", MQIACF_PUB_PRIORITY, 'n', 0, v_pubprty, 1 },
	{ "REQONLY", MQIACF_REQUEST_ONLY, 'e', 0, v_reqonly, 1 },
	{ "SUBSCOPE", MQIACF_SUBSCRIPTION_SCOPE, 'e', 0, v_scope, 1 },
	{ "SUBLEVEL", MQIACF_SUB_LEVEL, 'n', 0, NULL, 1 },
	{ "SUBTYPE", MQIACF_SUB_TYPE, 'e', 0, v_subtype, 0 },
	{ "VARUSER", MQIACF_VARIABLE_USER_ID, 'e', 0, v_varuser, 1 },
	{ "WSCHEMA", MQIACF_WILDCARD_SCHEMA, 'e', 0, v_wschema, 1 },
	{ "SUBUSER", MQCACF_SUB_USER_ID, 's', 12, NULL, 1 },
	{ "CRDATE", MQCA_CREATION_DATE, 's', 12, NULL, 0 }, { "CRTIME", MQCA_CREATION_TIME, 's', 8, NULL, 0 },
	{ "ALTDATE", MQCA_ALTERATION_DATE, 's', 12, NULL, 0 }, { "ALTTIME", MQCA_ALTERATION_TIME, 's', 8, NULL, 0 },
	/* SBSTATUS, TPSTATUS TYPE(SUB|PUB) */
	{ "RESMDATE", MQCA_RESUME_DATE, 's', 12, NULL, 0 }, { "RESMTIME", MQCA_RESUME_TIME, 's', 8, NULL, 0 },
	{ "LMSGDATE", MQCACF_LAST_MSG_DATE, 's', 12, NULL, 0 }, { "LMSGTIME", MQCACF_LAST_MSG_TIME, 's', 8, NULL, 0 },
	{ "NUMMSGS", MQIACF_MESSAGE_COUNT, 'n', 0, NULL, 0 },
	{ "LPUBDATE", MQCACF_LAST_PUB_DATE, 's', 12, NULL, 0 }, { "LPUBTIME", MQCACF_LAST_PUB_TIME, 's', 8, NULL, 0 },
	{ "NUMPUBS", MQIACF_PUBLISH_COUNT, 'n', 0, NULL, 0 },
	{ NULL, 0, 0, 0, NULL, 0 },
};

static const struct skw *kw_by_id(MQLONG id)
{
	for (const struct skw *k = sub_kw; k->kw; k++)
		if (k->id == id)
			return k;
	return NULL;
}

/* A record as its parameter on o (a word no table has: left out). */
static void add_rec(struct out *o, const struct skw *k, const struct rec *r)
{
	switch (k->kind) {
	case 's': {
		size_t w = k->w ? (size_t)k->w : r->vlen;
		add_str(o, k->id, r->v, r->vlen < w ? r->vlen : w, w);
		break;
	}
	case 'x': {
		unsigned char b[64];
		size_t n = (size_t)k->w;
		if (r->vlen != 2 * n)
			break;
		if (!unhex(r->v, r->vlen, b))
			return;
		add_bytes(o, k->id, b, n);
		break;
	}
	case 'e':
	case 'n': {
		MQLONG v;
		if (k->vals)
			for (const struct wv *w = k->vals; w->w; w++)
				if (strlen(w->w) == r->vlen && !memcmp(w->w, r->v, r->vlen)) {
					add_int(o, k->id, w->v);
					return;
				}
		if (k->kind == 'n' && rec_num(r, &v))
			add_int(o, k->id, v);
		break;
	}
	}
}

static size_t trimmed(const struct parm *p)
{
	size_t n = (size_t)p->slen;
	while (n && (p->s[n - 1] == ' ' || p->s[n - 1] == 0))
		n--;
	return n;
}

static int all_zero(const struct parm *p)
{
	for (MQLONG i = 0; i < p->slen; i++)
		if (p->s[i])
			return 0;
	return 1;
}

/* The hex of a 24-byte SubId in h (49). */
static void subid_hex(const struct parm *p, char h[49])
{
	for (int i = 0; i < 24; i++)
		snprintf(h + 2 * i, 3, "%02X", (unsigned char)p->s[i]);
}

/* MQSC's reason for a refused SUB command, from its first error line. */
static MQLONG sub_reason(const char *text)
{
	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		int id;
		char sev;
		if (sscanf(p, "AMQ%4d%c:", &id, &sev) == 2 && (sev == 'E' || sev == 'S')) {
			const char *nl = strchr(p, '\n');
			size_t len = nl ? (size_t)(nl - p) : strlen(p);
			char line[1024];
			snprintf(line, sizeof line, "%.*s", (int)(len < sizeof line ? len : sizeof line - 1), p);
			switch (id) {
			case 8147: return MQRC_NO_SUBSCRIPTION;
			case 8150: return MQRCCF_SUB_ALREADY_EXISTS;
			case 8148: return MQRC_SUBSCRIPTION_IN_USE;
			case 8957:
				if (strstr(line, "DEST "))
					return MQRCCF_DEST_NAME_ERROR;
				if (strstr(line, "DURSUB(NO)"))
					return MQRCCF_DURABILITY_NOT_ALLOWED;
				if (strstr(line, "SUB(DISABLED)"))
					return MQRC_SUB_INHIBITED;
				if (strstr(line, "topic object"))
					return MQRC_UNKNOWN_OBJECT_NAME;
				return MQRCCF_COMMAND_FAILED;
			}
			return MQRCCF_COMMAND_FAILED;
		}
	}
	return MQRCCF_COMMAND_FAILED;
}

/* Carry out t: 0 (its records in *out, malloc'd, when out is given) or the
 * reason, rp failed with it. */
static MQLONG sub_run(struct csrv *cs, struct text *t, char **out, struct reply *rp)
{
	if (out)
		*out = NULL;
	if (t->oom) {
		fail(rp, MQRCCF_COMMAND_FAILED);
		return rp->rc;
	}
	char *text = NULL;
	int st = csrv_run(cs, PROTO_ADMIN_PCF, t->b, t->len, &text);
	if (st < 0) {
		fail(rp, MQRCCF_COMMAND_FAILED);
		return rp->rc;
	}
	if (st != MQSC_OK) {
		fail(rp, sub_reason(text));
		free(text);
		return rp->rc;
	}
	if (out)
		*out = text;
	else
		free(text);
	return 0;
}

/* The name of the subscription whose SUBID is hex (malloc'd, NUL-ended), or
 * NULL (rp failed: MQRCCF_SUB_IDENTITY_ERROR when none has it). */
static char *name_of_id(struct csrv *cs, const char *hex, struct reply *rp)
{
	struct text t = { 0 };
	t_str(&t, "DISPLAY SUB(*) SUBTYPE(ALL)");
	char *out;
	MQLONG rc = sub_run(cs, &t, &out, rp);
	free(t.b);
	if (rc) {
		if (rc == MQRC_NO_SUBSCRIPTION)
			rp->rc = MQRCCF_SUB_IDENTITY_ERROR;
		return NULL;
	}
	char *name = NULL;
	const char *end = out + strlen(out);
	for (const char *p = next_obj(out, end); p && !name; p = next_obj(p, end)) {
		struct rec r;
		const char *nm = NULL;
		size_t nl = 0;
		int match = 0;
		while (next_rec(&p, end, &r)) {
			if (rec_is(&r, "SUB")) {
				nm = r.v;
				nl = r.vlen;
			} else if (rec_is(&r, "SUBID") && r.vlen == 48 && !strncasecmp(r.v, hex, 48)) {
				match = 1;
			}
		}
		if (match && nm && (name = malloc(nl + 1))) {
			memcpy(name, nm, nl);
			name[nl] = 0;
		}
	}
	free(out);
	if (!name)
		fail(rp, MQRCCF_SUB_IDENTITY_ERROR);
	return name;
}

/* The subscription the request names by MQCACF_SUB_NAME or MQBACF_SUB_ID
 * (malloc'd); NULL with rp failed.  generic: a name may end in '*', and
 * neither given is "*". */
static char *sub_name(struct csrv *cs, const struct req *r, int generic, char idhex[49], struct reply *rp)
{
	const struct parm *nm = find(r, MQCFT_STRING, MQCACF_SUB_NAME);
	const struct parm *id = find(r, MQCFT_BYTE_STRING, MQBACF_SUB_ID);
	idhex[0] = 0;
	if (id && (id->slen != 24 || (all_zero(id) && !generic))) {
		fail(rp, MQRCCF_SUB_IDENTITY_ERROR);
		return NULL;
	}
	if (id && !all_zero(id))
		subid_hex(id, idhex);
	if (nm) {
		size_t n = trimmed(nm);
		if (n == 0 || n > 10240 || (!generic && memchr(nm->s, '*', n) && nm->s[n - 1] == '*')) {
			fail(rp, MQRCCF_SUB_NAME_ERROR);
			return NULL;
		}
		char *s = malloc(n + 1);
		if (!s) {
			fail(rp, MQRCCF_COMMAND_FAILED);
			return NULL;
		}
		memcpy(s, nm->s, n);
		s[n] = 0;
		return s;
	}
	if (idhex[0] && !generic)
		return name_of_id(cs, idhex, rp);
	if (generic)
		return strdup("*");
	fail(rp, MQRCCF_PARM_COUNT_TOO_SMALL);
	return NULL;
}

/* ---- INQUIRE_SUBSCRIPTION, INQUIRE_SUB_STATUS ---- */

static void cmd_inquire(struct csrv *cs, const struct req *r, struct reply *rp, int status)
{
	MQLONG attrs_id = status ? MQIACF_SUB_STATUS_ATTRS : MQIACF_SUB_ATTRS;
	const MQLONG allowed[] = { MQCFT_STRING, MQCACF_SUB_NAME, MQCFT_BYTE_STRING, MQBACF_SUB_ID,
				   MQCFT_INTEGER, MQIACF_SUB_TYPE, MQCFT_INTEGER, MQIACF_DURABLE_SUBSCRIPTION,
				   MQCFT_INTEGER_LIST, attrs_id, 0 };
	MQLONG e = only(r, allowed);
	const struct parm *st = find(r, MQCFT_INTEGER, MQIACF_SUB_TYPE);
	const struct parm *du = find(r, MQCFT_INTEGER, MQIACF_DURABLE_SUBSCRIPTION);
	const struct parm *attrs = find(r, MQCFT_INTEGER_LIST, attrs_id);
	const char *stw = "USER", *duw = "ALL";
	if (!e && st) {
		stw = st->ival == MQSUBTYPE_API ? "API" : st->ival == MQSUBTYPE_ADMIN ? "ADMIN" :
		      st->ival == MQSUBTYPE_USER ? "USER" : st->ival == MQSUBTYPE_ALL ? "ALL" :
		      st->ival == MQSUBTYPE_PROXY ? "PROXY" : NULL;
		if (!stw)
			e = MQRCCF_PARM_VALUE_ERROR;
	}
	if (!e && du) {
		duw = du->ival == MQSUB_DURABLE_YES ? "YES" : du->ival == MQSUB_DURABLE_NO ? "NO" :
		      du->ival == MQSUB_DURABLE_ALL ? "ALL" : NULL;
		if (!duw)
			e = MQRCCF_PARM_VALUE_ERROR;
	}
	if (!e && attrs) {   /* every attribute asked for must be one of the command's */
		const unsigned char *l = attrs->list;
		for (MQLONG i = 0; i < attrs->count && !e; i++) {
			MQLONG a = get_l(l + 4 * i);
			if (a != MQIACF_ALL && !kw_by_id(a))
				e = MQRCCF_ATTR_VALUE_ERROR;
		}
	}
	if (e) {
		fail(rp, e);
		return;
	}
	char idhex[49];
	char *name = sub_name(cs, r, 1, idhex, rp);
	if (!name)
		return;
	if (!strcmp(stw, "PROXY")) {   /* no proxy subscriptions (no clusters): none found */
		free(name);
		fail(rp, MQRC_NO_SUBSCRIPTION);
		return;
	}
	struct text t = { 0 };
	t_str(&t, status ? "DISPLAY SBSTATUS(" : "DISPLAY SUB(");
	t_quoted(&t, name, strlen(name));
	t_str(&t, ") SUBTYPE(");
	t_str(&t, stw);
	t_str(&t, ") DURABLE(");
	t_str(&t, duw);
	t_str(&t, status ? ")" : ") ALL");
	free(name);
	char *out;
	MQLONG rc = sub_run(cs, &t, &out, rp);
	free(t.b);
	if (rc)
		return;
	const char *end = out + strlen(out);
	size_t found = 0;
	for (const char *p = next_obj(out, end); p; p = next_obj(p, end)) {
		/* with a SubId: only the subscription that has it */
		if (idhex[0]) {
			const char *q = p;
			struct rec x;
			int match = 0;
			while (next_rec(&q, end, &x))
				if (rec_is(&x, "SUBID") && x.vlen == 48 && !strncasecmp(x.v, idhex, 48))
					match = 1;
			if (!match) {
				p = q;
				continue;
			}
		}
		struct out *o = reply_new(rp);
		if (!o) {
			fail(rp, MQRCCF_COMMAND_FAILED);
			break;
		}
		found++;
		struct rec x;
		while (next_rec(&p, end, &x)) {
			const struct skw *k = NULL;
			for (const struct skw *s = sub_kw; s->kw && !k; s++)
				if (rec_is(&x, s->kw))
					k = s;
			if (!k)
				continue;
			if (k != sub_kw && k != sub_kw + 1 && !wanted_id(attrs, k->id))
				continue;
			add_rec(o, k, &x);
		}
	}
	free(out);
	if (!found && idhex[0])
		fail(rp, MQRCCF_SUB_IDENTITY_ERROR);
}

/* ---- CREATE, CHANGE, COPY, DELETE ---- */

/* One attribute parameter as its MQSC words on t: 0, or the reason
 * (*bad: the parameter's id for MQIACF_PARAMETER_ID). */
static MQLONG attr_words(const struct parm *p, struct text *t, MQLONG *bad)
{
	const struct skw *k = kw_by_id(p->id);
	int isstr = p->type == MQCFT_STRING, isint = p->type == MQCFT_INTEGER, isbs = p->type == MQCFT_BYTE_STRING;
	if (!k || !k->set || (k->kind == 's' && !isstr) || (k->kind == 'x' && !isbs) ||
	    (strchr("en", k->kind) && !isint))
		return isstr ? MQRCCF_CFST_PARM_ID_ERROR : isint ? MQRCCF_CFIN_PARM_ID_ERROR : MQRCCF_CFBS_PARM_ID_ERROR;
	char buf[128];
	t_str(t, " ");
	t_str(t, k->kw);
	t_str(t, "(");
	switch (k->kind) {
	case 's': {
		size_t n = k->id == MQCA_TOPIC_STRING || k->id == MQCACF_SUB_USER_DATA || k->id == MQCACF_SUB_SELECTOR
				   ? (size_t)p->slen : trimmed(p);
		if (k->w && n > (size_t)k->w) {
			*bad = p->id;
			return MQRCCF_ATTR_VALUE_ERROR;
		}
		t_quoted(t, p->s, n);
		break;
	}
	case 'x':
		if (p->slen != k->w) {
			*bad = p->id;
			return MQRCCF_ATTR_VALUE_ERROR;
		}
		for (int i = 0; i < k->w; i++) {
			snprintf(buf, sizeof buf, "%02X", (unsigned char)p->s[i]);
			t_str(t, buf);
		}
		break;
	default: {
		const char *w = NULL;
		if (k->vals)
			for (const struct wv *v = k->vals; v->w; v++)
				if (v->v == p->ival)
					w = v->w;
		if (!w && k->kind == 'e') {
			*bad = p->id;
			return MQRCCF_ATTR_VALUE_ERROR;
		}
		if (!w) {
			snprintf(buf, sizeof buf, "%d", (int)p->ival);
			w = buf;
		}
		t_str(t, w);
	}
	}
	t_str(t, ")");
	return 0;
}

static void fail_bad(struct reply *rp, MQLONG e, MQLONG bad)
{
	fail(rp, e);
	if (bad) {
		struct out *o = reply_new(rp);
		if (o)
			add_int(o, MQIACF_PARAMETER_ID, bad);
	}
}

enum { OP_CREATE, OP_CHANGE, OP_COPY };

static int is_key(const struct parm *p)
{
	return (p->type == MQCFT_STRING && (p->id == MQCACF_SUB_NAME || p->id == MQCACF_FROM_SUB_NAME ||
					    p->id == MQCACF_TO_SUB_NAME)) ||
	       (p->type == MQCFT_BYTE_STRING && p->id == MQBACF_SUB_ID) ||
	       (p->type == MQCFT_INTEGER && p->id == MQIACF_REPLACE);
}

/* The attributes DEFINE takes from DISPLAY SUB(from) ALL, as MQSC words on
 * t, but those the request gives.  0 or the reason (rp failed). */
static MQLONG copy_from(struct csrv *cs, const struct req *r, const struct parm *from, struct text *t,
			struct reply *rp)
{
	struct text d = { 0 };
	t_str(&d, "DISPLAY SUB(");
	t_quoted(&d, from->s, trimmed(from));
	t_str(&d, ") SUBTYPE(ALL) ALL");
	char *out;
	MQLONG rc = sub_run(cs, &d, &out, rp);
	free(d.b);
	if (rc)
		return rc;
	const char *end = out + strlen(out);
	const char *p = next_obj(out, end);
	struct rec x;
	int managed = 0;
	for (const char *q = p; q && next_rec(&q, end, &x);)
		if (rec_is(&x, "DESTCLAS") && x.vlen == 7 && !memcmp(x.v, "MANAGED", 7))
			managed = 1;
	while (p && next_rec(&p, end, &x)) {
		const struct skw *k = NULL;
		for (const struct skw *s = sub_kw; s->kw && !k; s++)
			if (rec_is(&x, s->kw))
				k = s;
		if (!k || !k->set || find(r, MQCFT_STRING, k->id) || find(r, MQCFT_INTEGER, k->id) ||
		    find(r, MQCFT_BYTE_STRING, k->id))
			continue;
		if (k->id == MQCA_TOPIC_NAME)
			continue;   /* TOPICSTR shows the whole string the topic object's begins */
		if (k->id == MQCA_TOPIC_STRING && find(r, MQCFT_STRING, MQCA_TOPIC_NAME))
			continue;
		if (k->id == MQCACF_DESTINATION && find(r, MQCFT_INTEGER, MQIACF_DESTINATION_CLASS))
			continue;
		if (x.vlen == 0 && k->kind == 's' && k->id != MQCA_TOPIC_STRING)
			continue;   /* blank: DEFINE's default */
		if (k->id == MQCACF_DESTINATION && managed)
			continue;   /* a managed subscription's queue is its own: the copy gets a new one */
		t_str(t, " ");
		t_str(t, k->kw);
		t_str(t, "(");
		if (k->kind == 's')
			t_quoted(t, x.v, x.vlen);
		else
			t_add(t, x.v, x.vlen);
		t_str(t, ")");
	}
	free(out);
	return 0;
}

static void cmd_define(struct csrv *cs, const struct req *r, struct reply *rp, int op)
{
	MQLONG e = 0, bad = 0;
	const struct parm *rep = find(r, MQCFT_INTEGER, MQIACF_REPLACE);
	const struct parm *from = find(r, MQCFT_STRING, MQCACF_FROM_SUB_NAME);
	const struct parm *to = find(r, MQCFT_STRING, MQCACF_TO_SUB_NAME);
	if (rep && op == OP_CHANGE)
		e = MQRCCF_CFIN_PARM_ID_ERROR;
	if (!e && rep && rep->ival != MQRP_YES && rep->ival != MQRP_NO)
		e = MQRCCF_PARM_VALUE_ERROR;
	if (!e && op == OP_COPY && (!from || !to))
		e = MQRCCF_PARM_COUNT_TOO_SMALL;
	if (!e && op != OP_COPY && (from || to))
		e = MQRCCF_CFST_PARM_ID_ERROR;
	if (!e && op == OP_COPY && (find(r, MQCFT_STRING, MQCACF_SUB_NAME) || find(r, MQCFT_BYTE_STRING, MQBACF_SUB_ID)))
		e = MQRCCF_PARM_CONFLICT;
	if (!e && op == OP_CREATE && find(r, MQCFT_BYTE_STRING, MQBACF_SUB_ID))
		e = MQRCCF_CFBS_PARM_ID_ERROR;   /* the queue manager gives a new subscription its id */
	if (!e && op == OP_COPY && (trimmed(from) == 0 || trimmed(to) == 0 || trimmed(to) > 10240 ||
				    trimmed(from) > 10240))
		e = MQRCCF_SUB_NAME_ERROR;
	struct text words = { 0 };
	for (MQLONG i = 0; !e && i < r->np; i++) {
		const struct parm *p = &r->p[i];
		if (is_key(p))
			continue;
		if (p->type != MQCFT_STRING && p->type != MQCFT_INTEGER && p->type != MQCFT_BYTE_STRING)
			e = parm_id_error(p);
		else
			e = attr_words(p, &words, &bad);
	}
	char idhex[49];
	char *name = NULL;
	if (!e && op != OP_COPY)
		name = sub_name(cs, r, 0, idhex, rp);
	if (e || (op != OP_COPY && !name)) {
		free(words.b);
		free(name);
		if (e)
			fail_bad(rp, e, bad);
		return;
	}
	if (op == OP_CREATE && !find(r, MQCFT_STRING, MQCA_TOPIC_STRING) && !find(r, MQCFT_STRING, MQCA_TOPIC_NAME)) {
		free(words.b);
		free(name);
		fail(rp, MQRCCF_PARM_COUNT_TOO_SMALL);   /* MQ: TopicString or TopicObject is required */
		return;
	}
	struct text t = { 0 };
	t_str(&t, op == OP_CHANGE ? "ALTER SUB(" : "DEFINE SUB(");
	if (op == OP_COPY)
		t_quoted(&t, to->s, trimmed(to));
	else
		t_quoted(&t, name, strlen(name));
	t_str(&t, ")");
	free(name);
	if (words.b)
		t_add(&t, words.b, words.len);
	t.oom |= words.oom;
	free(words.b);
	if (op == OP_COPY && copy_from(cs, r, from, &t, rp)) {
		free(t.b);
		return;
	}
	if (rep && rep->ival == MQRP_YES)
		t_str(&t, " REPLACE");
	sub_run(cs, &t, NULL, rp);
	free(t.b);
}

static void cmd_delete(struct csrv *cs, const struct req *r, struct reply *rp)
{
	static const MQLONG allowed[] = { MQCFT_STRING, MQCACF_SUB_NAME, MQCFT_BYTE_STRING, MQBACF_SUB_ID, 0 };
	MQLONG e = only(r, allowed);
	if (e) {
		fail(rp, e);
		return;
	}
	char idhex[49];
	char *name = sub_name(cs, r, 0, idhex, rp);
	if (!name)
		return;
	struct text t = { 0 };
	t_str(&t, "DELETE SUB(");
	t_quoted(&t, name, strlen(name));
	t_str(&t, ")");
	free(name);
	sub_run(cs, &t, NULL, rp);
	free(t.b);
}

/* ---- INQUIRE_TOPIC_STATUS TYPE SUB / PUB ---- */

int csrv_sub_topic_status(struct csrv *cs, const struct req *r, struct reply *rp, const char *str, size_t n,
			  int pub)
{
	struct text t = { 0 };
	t_str(&t, "DISPLAY TPSTATUS(");
	t_quoted(&t, str, n);
	t_str(&t, pub ? ") TYPE(PUB) ALL" : ") TYPE(SUB) ALL");
	char *out;
	MQLONG rc = sub_run(cs, &t, &out, rp);
	free(t.b);
	if (rc) {
		if (rc == MQRC_NO_SUBSCRIPTION)
			rp->rc = MQRCCF_TOPIC_STRING_NOT_FOUND;
		return 1;
	}
	const struct parm *attrs = find(r, MQCFT_INTEGER_LIST, MQIACF_TOPIC_STATUS_ATTRS);
	const char *end = out + strlen(out);
	for (const char *p = next_obj(out, end); p; p = next_obj(p, end)) {
		struct out *o = reply_new(rp);
		if (!o) {
			fail(rp, MQRCCF_COMMAND_FAILED);
			break;
		}
		struct rec x;
		while (next_rec(&p, end, &x)) {
			if (rec_is(&x, "ACTCONN") && x.vlen == 16) {
				continue;   /* the last 8 bytes of an id: not the MQBACF_CONNECTION_ID MQ gives */
			}
			const struct skw *k = NULL;
			for (const struct skw *s = sub_kw; s->kw && !k; s++)
				if (rec_is(&x, s->kw))
					k = s;
			if (!k || (!rec_is(&x, "TOPICSTR") && !wanted_id(attrs, k->id)))
				continue;
			add_rec(o, k, &x);
		}
	}
	free(out);
	return 1;
}

int csrv_sub_command(struct csrv *cs, const struct req *r, struct reply *rp)
{
	switch (r->cfh.Command) {
	case MQCMD_INQUIRE_SUBSCRIPTION: cmd_inquire(cs, r, rp, 0); return 1;
	case MQCMD_INQUIRE_SUB_STATUS: cmd_inquire(cs, r, rp, 1); return 1;
	case MQCMD_CREATE_SUBSCRIPTION: cmd_define(cs, r, rp, OP_CREATE); return 1;
	case MQCMD_CHANGE_SUBSCRIPTION: cmd_define(cs, r, rp, OP_CHANGE); return 1;
	case MQCMD_COPY_SUBSCRIPTION: cmd_define(cs, r, rp, OP_COPY); return 1;
	case MQCMD_DELETE_SUBSCRIPTION: cmd_delete(cs, r, rp); return 1;
	}
	return 0;
}
