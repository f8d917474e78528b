/*
 * csrv_obj.c: the PCF commands on queues, processes, topic objects,
 * channels (SVRCONN), listeners and authentication information objects
 * (IDPWOS), and CHANGE_Q_MGR, carried out by the queue manager's one MQSC
 * processor.
 *
 * HOW.  A request becomes one MQSC command built from objects/objdef.c's
 * attribute table: each attribute parameter's id finds its row for the
 * object's type (MQIA_* / MQCA_*, the same ids MQINQ uses); the value is set
 * on a scratch definition with objdef_set_int / objdef_set_str (the table's
 * ranges, enumerations and lengths: no second copy of them here) and read
 * back as its MQSC text with objdef_attr_text.  The command goes to the
 * queue manager as PROTO_ADMIN_PCF (qm/proto.h): runmqsc's request, with
 * DISPLAY's items given as records (keyword, value) instead of columns, so
 * that any byte of a value reads back exactly.  Each record's keyword finds
 * its row again (its value to an MQCFIN or MQCFST) and the object becomes one
 * reply message, in DISPLAY's order.  The MQSC processor's refusal (its AMQ
 * message) becomes the PCF reason:
 *
 *   AMQ8147E not found                   MQRC_UNKNOWN_OBJECT_NAME 2085
 *   AMQ8150E already exists              MQRCCF_OBJECT_ALREADY_EXISTS 4001
 *   AMQ8148E in use (open, uncommitted)  MQRC_OBJECT_IN_USE 2042
 *   AMQ8143E not empty (no PURGE)        MQRC_Q_NOT_EMPTY 2055
 *   AMQ8149E damaged                     MQRC_OBJECT_DAMAGED 2101
 *   AMQ8956E TOPICSTR of another topic   MQRCCF_TOPICSTR_ALREADY_EXISTS 3300
 *   AMQ8242E SSLCIPH not a CipherSpec    MQRCCF_SSL_CIPHER_SPEC_ERROR 4092
 *   AMQ8970E SSLPEER not a DN pattern    MQRCCF_SSL_PEER_NAME_ERROR 4093
 *   any other                            MQRCCF_COMMAND_FAILED 3008
 *
 * Checked here, before any command is sent (nothing is done):
 *   a parameter the command does not take, or an attribute id the object's
 *   type does not have (or cannot be set: read-only)
 *                            MQRCCF_CFIN_PARM_ID_ERROR / CFST_ / CFIL_
 *   an attribute's value the table refuses (range, enumeration, length,
 *   name)                    MQRCCF_ATTR_VALUE_ERROR 4005, with
 *                            MQIACF_PARAMETER_ID naming the attribute
 *   a required parameter missing          MQRCCF_PARM_COUNT_TOO_SMALL 3019
 *   MQIA_Q_TYPE not local, alias, model (MQQT_ALL where allowed)
 *                                         MQRCCF_Q_TYPE_ERROR 3022
 *   MQIACF_REPLACE not MQRP_YES/NO        MQRCCF_REPLACE_VALUE_ERROR 3025
 *   MQIACF_PURGE not MQPO_YES/NO          MQRCCF_PURGE_VALUE_ERROR 3046
 *   a name too long or blank              MQRCCF_CFST_STRING_LENGTH_ERR 3011
 *   a name with a character MQ names do not have (a '*' but at the end of
 *   an inquired name)                     MQRCCF_OBJECT_NAME_ERROR 4008
 *   (an attribute list, MQIACF_*_ATTRS, may name ids the type lacks: they
 *   are ignored, and an object shows what it has)
 *   a queue of another type than MQIA_Q_TYPE says (change, delete)
 *                                         MQRCCF_OBJECT_WRONG_TYPE 4002
 *   channels, listeners, authinfo: the type parameter (MQIACH_CHANNEL_TYPE,
 *   MQIACH_XMIT_PROTOCOL_TYPE, MQIA_AUTH_INFO_TYPE) required on create,
 *   copy and change of a channel or authinfo (as MQ; a listener's
 *   defaults to TCP)                      MQRCCF_PARM_COUNT_TOO_SMALL 3019
 *   a type MQ has and Quire does not serve (a sender channel, LDAP ...)
 *     MQRCCF_CHANNEL_TYPE_ERROR 3034, MQRCCF_XMIT_PROTOCOL_TYPE_ERR 3036,
 *     MQRC_AUTH_INFO_TYPE_ERROR 2386
 *   (inquire: the type parameter filters: MQCHT_ALL / MQXPT_ALL / MQAIT_ALL
 *   or the served type shows the objects, another of MQ's types none)
 *   channels answer MQRCCF_CHANNEL_NOT_FOUND 4032 for 2085 and
 *   MQRCCF_CHANNEL_ALREADY_EXISTS 4042 for 4001, as MQ
 */
#include "csrv/csrv_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmqxc.h"
#include "objects/objdef.h"
#include "qm/admin/mqsc.h"
#include "qm/proto.h"

/* ------------------------------------------------------------------------ */
/* MQSC text                                                                */

void t_add(struct text *t, const char *s, size_t n)
{
	if (t->oom)
		return;
	if (t->len + n + 1 > t->cap) {
		size_t c = t->cap ? t->cap : 256;
		while (c < t->len + n + 1)
			c *= 2;
		char *nb = realloc(t->b, c);
		if (!nb) {
			t->oom = 1;
			return;
		}
		t->b = nb;
		t->cap = c;
	}
	memcpy(t->b + t->len, s, n);
	t->len += n;
	t->b[t->len] = 0;
}

void t_str(struct text *t, const char *s) { t_add(t, s, strlen(s)); }

/* 'value' with each quote doubled, as MQSC reads a quoted value */
void t_quoted(struct text *t, const char *s, size_t n)
{
	t_add(t, "'", 1);
	for (size_t i = 0; i < n; i++) {
		t_add(t, s + i, 1);
		if (s[i] == '\'')
			t_add(t, "'", 1);
	}
	t_add(t, "'", 1);
}

/* Runtime values DISPLAY QUEUE shows that are no definition's. */
static const struct { const char *kw; MQLONG id; } runtime_ints[] = {
	{ "CURDEPTH", MQIA_CURRENT_Q_DEPTH }, { "IPPROCS", MQIA_OPEN_INPUT_COUNT },
	{ "OPPROCS", MQIA_OPEN_OUTPUT_COUNT },
};

MQLONG where_words(const struct parm *f, const char *kw, const char *ival_text, struct text *t)
{
	static const struct { MQLONG op; const char *w; } ops[] = {
		{ MQCFOP_LESS, "LT" }, { MQCFOP_EQUAL, "EQ" }, { MQCFOP_NOT_GREATER, "LE" },
		{ MQCFOP_GREATER, "GT" }, { MQCFOP_NOT_EQUAL, "NE" }, { MQCFOP_NOT_LESS, "GE" },
		{ MQCFOP_CONTAINS, "CT" }, { MQCFOP_EXCLUDES, "EX" }, { MQCFOP_LIKE, "LK" },
		{ MQCFOP_NOT_LIKE, "NL" }, { MQCFOP_CONTAINS_GEN, "CTG" }, { MQCFOP_EXCLUDES_GEN, "EXG" },
	};
	int isint = f->type == MQCFT_INTEGER_FILTER;
	const char *ow = NULL;
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (ops[i].op == f->op)
			ow = ops[i].w;
	/* generic and list operators compare text: not for an integer */
	if (!ow || (isint && (f->op == MQCFOP_LIKE || f->op == MQCFOP_NOT_LIKE || f->op >= MQCFOP_CONTAINS_GEN)))
		return isint ? MQRCCF_CFIF_OPERATOR_ERROR : MQRCCF_CFSF_OPERATOR_ERROR;
	if (!kw || (isint && !ival_text))
		return isint ? MQRCCF_CFIF_PARM_ID_ERROR : MQRCCF_CFSF_PARM_ID_ERROR;
	t_str(t, " WHERE(");
	t_str(t, kw);
	t_str(t, " ");
	t_str(t, ow);
	t_str(t, " ");
	if (isint) {
		t_str(t, ival_text);
	} else {
		size_t n = (size_t)f->slen;
		while (n && (f->s[n - 1] == ' ' || f->s[n - 1] == 0))
			n--;
		t_quoted(t, f->s, n);
	}
	t_str(t, ")");
	return 0;
}

MQLONG only_but(const struct req *r, const MQLONG *allowed, const struct parm *filter)
{
	for (MQLONG i = 0; i < r->np; i++) {
		const MQLONG *a;
		for (a = allowed; *a && !(a[0] == r->p[i].type && a[1] == r->p[i].id); a += 2)
			;
		if (!*a && &r->p[i] != filter)
			return parm_id_error(&r->p[i]);
	}
	return 0;
}

/* The request's filter, MQCFIF or MQCFSF, or NULL. */
const struct parm *find_filter(const struct req *r)
{
	for (MQLONG i = 0; i < r->np; i++)
		if (r->p[i].type == MQCFT_INTEGER_FILTER || r->p[i].type == MQCFT_STRING_FILTER)
			return &r->p[i];
	return NULL;
}

/* An object filter's WHERE: the attribute's row for type (any queue type
 * when type is 0), an integer's MQSC text by the row's values. */
static MQLONG obj_where(int type, const struct parm *f, struct text *t)
{
	static const int qt[] = { OBJDEF_QLOCAL, OBJDEF_QALIAS, OBJDEF_QMODEL };
	const struct objdef_attr *a = NULL;
	for (size_t i = 0; !a && i < 3; i++)
		a = objdef_attr_by_id(type ? type : qt[i], f->id);
	if (a && (a->flags & OBJDEF_F_HIDDEN))
		a = NULL;
	int isint = f->type == MQCFT_INTEGER_FILTER;
	const char *kw = a ? a->kw : NULL;
	if (!a && isint)   /* the runtime values DISPLAY QUEUE shows */
		for (size_t i = 0; i < sizeof runtime_ints / sizeof runtime_ints[0]; i++)
			if (runtime_ints[i].id == f->id)
				kw = runtime_ints[i].kw;
	if (a && (a->kind == OBJDEF_ENUM ? !isint : a->kind == OBJDEF_INT ? !isint : isint))
		kw = NULL;    /* the wrong filter type for the attribute */
	if (a && a->kind == OBJDEF_ENUM && a->kw_off)
		kw = NULL;    /* a pair (SHARE/NOSHARE) shows no value to compare */
	char num[32];
	const char *val = NULL;
	if (isint) {
		snprintf(num, sizeof num, "%d", (int)f->ival);
		val = num;
		if (a && a->kind == OBJDEF_ENUM) {
			val = NULL;
			for (const struct objdef_enum *e = a->vals; e && e->kw; e++)
				if (e->val == f->ival)
					val = e->kw;
			if (!val && (a->flags & OBJDEF_F_ENUMINT))
				val = num;
			if (!val && kw)
				return MQRCCF_FILTER_ERROR;
		}
		if (a && a->kind == OBJDEF_INT && (a->flags & OBJDEF_F_OFF) && f->ival == 0)
			val = "OFF";
	}
	return where_words(f, kw, val, t);
}

/* n bytes of s less trailing blanks (and NULs) */
static size_t trimmed(const char *s, size_t n)
{
	while (n && (s[n - 1] == ' ' || s[n - 1] == 0))
		n--;
	return n;
}

/* ------------------------------------------------------------------------ */
/* the objects                                                              */

struct kind {
	const char *what;        /* DISPLAY's object word */
	int type;                /* OBJDEF_PROCESS / OBJDEF_TOPIC / ...; 0 queues (MQIA_Q_TYPE) */
	MQLONG name_id, from_id, to_id, attrs_id, names_id;
	/* channels, listeners, authinfo: the type parameter, the one value
	 * served and its "all", whether create/copy/change need it, and the
	 * reason for a type not served */
	MQLONG type_id, type_served, type_all;
	int type_required;
	MQLONG type_error;
};

static const struct kind k_queue = { "QUEUE", 0, MQCA_Q_NAME, MQCACF_FROM_Q_NAME, MQCACF_TO_Q_NAME,
				     MQIACF_Q_ATTRS, MQCACF_Q_NAMES, 0, 0, 0, 0, 0 };
static const struct kind k_process = { "PROCESS", OBJDEF_PROCESS, MQCA_PROCESS_NAME, MQCACF_FROM_PROCESS_NAME,
				       MQCACF_TO_PROCESS_NAME, MQIACF_PROCESS_ATTRS, MQCACF_PROCESS_NAMES, 0, 0, 0, 0, 0 };
static const struct kind k_topic = { "TOPIC", OBJDEF_TOPIC, MQCA_TOPIC_NAME, MQCACF_FROM_TOPIC_NAME,
				     MQCACF_TO_TOPIC_NAME, MQIACF_TOPIC_ATTRS, MQCACF_TOPIC_NAMES, 0, 0, 0, 0, 0 };
static const struct kind k_channel = { "CHANNEL", OBJDEF_CHANNEL, MQCACH_CHANNEL_NAME, MQCACF_FROM_CHANNEL_NAME,
				       MQCACF_TO_CHANNEL_NAME, MQIACF_CHANNEL_ATTRS, MQCACH_CHANNEL_NAMES,
				       MQIACH_CHANNEL_TYPE, MQCHT_SVRCONN, MQCHT_ALL, 1, MQRCCF_CHANNEL_TYPE_ERROR };
static const struct kind k_listener = { "LISTENER", OBJDEF_LISTENER, MQCACH_LISTENER_NAME, MQCACF_FROM_LISTENER_NAME,
					MQCACF_TO_LISTENER_NAME, MQIACF_LISTENER_ATTRS, 0,
					MQIACH_XMIT_PROTOCOL_TYPE, MQXPT_TCP, MQXPT_ALL, 0, MQRCCF_XMIT_PROTOCOL_TYPE_ERR };
static const struct kind k_authinfo = { "AUTHINFO", OBJDEF_AUTHINFO, MQCA_AUTH_INFO_NAME, MQCACF_FROM_AUTH_INFO_NAME,
					MQCACF_TO_AUTH_INFO_NAME, MQIACF_AUTH_INFO_ATTRS, MQCACF_AUTH_INFO_NAMES,
					MQIA_AUTH_INFO_TYPE, MQAIT_IDPW_OS, MQAIT_ALL, 1, MQRC_AUTH_INFO_TYPE_ERROR };

/* The longest name of a kind: 20 for a channel, 48 for every other. */
static size_t name_max(const struct kind *k)
{
	const struct objdef_attr *a = k->type ? objdef_key_attr(k->type) : NULL;
	return a ? (size_t)a->max : MQ_Q_NAME_LENGTH;
}

static const struct { MQLONG qt; int type; const char *kw; } qtypes[] = {
	{ MQQT_LOCAL, OBJDEF_QLOCAL, "QLOCAL" }, { MQQT_ALIAS, OBJDEF_QALIAS, "QALIAS" },
	{ MQQT_MODEL, OBJDEF_QMODEL, "QMODEL" },
};

static const char *type_kw(int type)
{
	switch (type) {
	case OBJDEF_QLOCAL: return "QLOCAL";
	case OBJDEF_QALIAS: return "QALIAS";
	case OBJDEF_QMODEL: return "QMODEL";
	case OBJDEF_PROCESS: return "PROCESS";
	case OBJDEF_TOPIC: return "TOPIC";
	case OBJDEF_CHANNEL: return "CHANNEL";
	case OBJDEF_LISTENER: return "LISTENER";
	case OBJDEF_AUTHINFO: return "AUTHINFO";
	case OBJDEF_QMGR: return "QMGR";
	}
	return "";
}

void fail(struct reply *rp, MQLONG rc)
{
	rp->cc = MQCC_FAILED;
	rp->rc = rc;
}

/* The request's name parameter id: its text (trimmed) in nm (NUL-ended):
 * 0, or the reason.  generic: a trailing '*' is allowed. */
static MQLONG get_name(const struct req *r, MQLONG id, int generic, char nm[MQ_Q_NAME_LENGTH + 1], int *given,
		       size_t max)
{
	const struct parm *p = find(r, MQCFT_STRING, id);
	*given = p != NULL;
	nm[0] = 0;
	if (!p)
		return 0;
	size_t n = trimmed(p->s, (size_t)p->slen);
	if (n == 0 || n > max || n > MQ_Q_NAME_LENGTH)
		return MQRCCF_CFST_STRING_LENGTH_ERR;
	for (size_t i = 0; i < n; i++)
		if (!(isalnum((unsigned char)p->s[i]) || strchr("._/%", p->s[i]) ||
		      (generic && p->s[i] == '*' && i == n - 1)))
			return MQRCCF_OBJECT_NAME_ERROR;
	memcpy(nm, p->s, n);
	nm[n] = 0;
	return 0;
}

/* One attribute parameter as MQSC words on t: 0, or the reason (*bad_id the
 * attribute refused). */
static MQLONG attr_words(int type, const struct parm *p, struct text *t, MQLONG *bad_id)
{
	const struct objdef_attr *a = objdef_attr_by_id(type, p->id);
	int isint = p->type == MQCFT_INTEGER;
	if (!a || (a->flags & (OBJDEF_F_RO | OBJDEF_F_KEY | OBJDEF_F_HIDDEN | OBJDEF_F_CONST)) || !a->kw ||
	    (isint ? !(a->kind == OBJDEF_INT || a->kind == OBJDEF_ENUM) : !objdef_kind_is_text(a->kind)))
		return parm_id_error(p);
	struct objdef d;
	char err[256];
	objdef_init_default(type, &d);
	int rc;
	if (isint)
		rc = objdef_set_int(&d, p->id, p->ival, err, sizeof err);
	else
		rc = objdef_set_str(&d, p->id, p->s, trimmed(p->s, (size_t)p->slen), err, sizeof err);
	if (rc) {
		*bad_id = p->id;
		return MQRCCF_ATTR_VALUE_ERROR;
	}
	size_t cap = objdef_kind_is_text(a->kind) ? (size_t)a->max + 1 : 64;
	char *v = malloc(cap);
	if (!v)
		return MQRCCF_COMMAND_FAILED;
	objdef_attr_text(&d, a, v, cap);
	t_str(t, " ");
	if (a->kind == OBJDEF_ENUM && a->kw_off) {
		t_str(t, v);   /* a pair: the bare keyword (SHARE or NOSHARE) */
	} else {
		t_str(t, a->kw);
		if (objdef_kind_is_text(a->kind)) {
			t_str(t, "(");
			t_quoted(t, v, strlen(v));
			t_str(t, ")");
		} else {
			t_str(t, "(");
			t_str(t, v);
			t_str(t, ")");
		}
	}
	free(v);
	return 0;
}

/* Every parameter of r not among the command's own (own: type, id pairs,
 * 0-ended) as attributes of type. */
static MQLONG all_attr_words(int type, const struct req *r, const MQLONG *own, struct text *t, MQLONG *bad_id)
{
	for (MQLONG i = 0; i < r->np; i++) {
		const struct parm *p = &r->p[i];
		int mine = 0;
		for (const MQLONG *a = own; *a; a += 2)
			if (a[0] == p->type && a[1] == p->id)
				mine = 1;
		if (mine)
			continue;
		if (p->type != MQCFT_INTEGER && p->type != MQCFT_STRING)
			return parm_id_error(p);
		MQLONG e = attr_words(type, p, t, bad_id);
		if (e)
			return e;
	}
	return 0;
}

/* ------------------------------------------------------------------------ */
/* the processor's answer                                                   */

/* The PCF reason of a refused command, from its first error message. */
static MQLONG amq_reason(const char *text)
{
	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		int id;
		char sev;
		if (sscanf(p, "AMQ%4d%c:", &id, &sev) == 2 && (sev == 'E' || sev == 'S')) {
			switch (id) {
			case 8147: return MQRC_UNKNOWN_OBJECT_NAME;
			case 8150: return MQRCCF_OBJECT_ALREADY_EXISTS;
			case 8148: return MQRC_OBJECT_IN_USE;
			case 8143: return MQRC_Q_NOT_EMPTY;
			case 8149: return MQRC_OBJECT_DAMAGED;
			case 8956: return MQRCCF_TOPICSTR_ALREADY_EXISTS;
			case 8242: return MQRCCF_SSL_CIPHER_SPEC_ERROR;
			case 8970: return MQRCCF_SSL_PEER_NAME_ERROR;
			}
			return MQRCCF_COMMAND_FAILED;
		}
	}
	return MQRCCF_COMMAND_FAILED;
}

/* Carry out cmd: 0 when it succeeded (text in *out when out is given), or
 * the reason (rp failed). */
MQLONG run_cmd(struct csrv *cs, const struct text *t, char **out, struct reply *rp)
{
	if (out)
		*out = NULL;
	if (t->oom) {
		fail(rp, MQRCCF_COMMAND_FAILED);
		return rp->rc;
	}
	char *text;
	int st = csrv_run(cs, PROTO_ADMIN_PCF, t->b, t->len, &text);
	if (st < 0) {
		fail(rp, MQRCCF_COMMAND_FAILED);
		return rp->rc;
	}
	if (st != MQSC_OK) {
		fail(rp, amq_reason(text));
		free(text);
		return rp->rc;
	}
	if (out)
		*out = text;
	else
		free(text);
	return 0;
}


/* The next record of the object at *p (0x1f KW 0x1f LEN 0x1f VALUE '\n'):
 * 1, or 0 at the object's end (the next 0x1e or the text's end). */
int next_rec(const char **p, const char *end, struct rec *r)
{
	const char *s = *p;
	for (;;) {
		if (s >= end || *s == 0x1e)
			return 0;
		if (*s == 0x1f)
			break;
		const char *nl = memchr(s, '\n', (size_t)(end - s));   /* a message line: skip */
		s = nl ? nl + 1 : end;
	}
	const char *k = s + 1;
	const char *k2 = memchr(k, 0x1f, (size_t)(end - k));
	if (!k2)
		return 0;
	char *e;
	unsigned long long n = strtoull(k2 + 1, &e, 10);
	if (*e != 0x1f || n > (unsigned long long)(end - e - 1))
		return 0;
	r->kw = k;
	r->kwlen = (size_t)(k2 - k);
	r->v = e + 1;
	r->vlen = (size_t)n;
	*p = e + 1 + n + (e + 1 + n < end && e[1 + n] == '\n' ? 1 : 0);
	return 1;
}

/* The start of the next object's records (after its 0x1e line), or NULL. */
const char *next_obj(const char *p, const char *end)
{
	const char *s = memchr(p, 0x1e, (size_t)(end - p));
	if (!s)
		return NULL;
	s++;
	return s < end && *s == '\n' ? s + 1 : s;
}

int rec_is(const struct rec *r, const char *kw)
{
	return strlen(kw) == r->kwlen && memcmp(r->kw, kw, r->kwlen) == 0;
}

int wanted_id(const struct parm *attrs, MQLONG id)
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

/* The integer a DISPLAY value means for row a: 1 and *v, or 0. */
static int rec_int(const struct objdef_attr *a, const char *v, size_t n, MQLONG *out)
{
	char buf[64];
	if (n >= sizeof buf)
		return 0;
	memcpy(buf, v, n);
	buf[n] = 0;
	if (a && a->vals)
		for (const struct objdef_enum *e = a->vals; e->kw; e++)
			if (!strcasecmp(e->kw, buf)) {
				*out = e->val;
				return 1;
			}
	if (a && (a->flags & OBJDEF_F_OFF) && !strcasecmp(buf, "OFF")) {
		*out = 0;
		return 1;
	}
	char *e;
	long long x = strtoll(buf, &e, 10);
	if (e == buf || *e)
		return 0;
	*out = (MQLONG)x;
	return 1;
}


/* One object's records as one reply message: its name and type always, the
 * others when attrs wants them. */
static void obj_reply(const struct kind *k, const char **p, const char *end, const struct parm *attrs,
		      struct reply *rp)
{
	struct out *o = reply_new(rp);
	if (!o) {
		fail(rp, MQRCCF_COMMAND_FAILED);
		return;
	}
	int type = k->type;
	struct rec r;
	const char *q = *p;
	/* a queue's type first: TYPE follows QUEUE */
	while (!type && next_rec(&q, end, &r))
		if (rec_is(&r, "TYPE"))
			for (size_t i = 0; i < sizeof qtypes / sizeof qtypes[0]; i++)
				if (r.vlen == strlen(qtypes[i].kw) && !memcmp(r.v, qtypes[i].kw, r.vlen))
					type = qtypes[i].type;
	while (next_rec(p, end, &r)) {
		char kw[48];
		if (r.kwlen >= sizeof kw)
			continue;
		memcpy(kw, r.kw, r.kwlen);
		kw[r.kwlen] = 0;
		if (!k->type && !strcmp(kw, "TYPE")) {
			add_int(o, MQIA_Q_TYPE, objdef_qtype(type));
			continue;
		}
		MQLONG id = 0, iv;
		const struct objdef_attr *a = type ? objdef_attr_find(type, kw) : NULL;
		if (a && (a->flags & OBJDEF_F_HIDDEN))
			continue;
		if (!a)
			for (size_t i = 0; i < sizeof runtime_ints / sizeof runtime_ints[0]; i++)
				if (!strcmp(kw, runtime_ints[i].kw))
					id = runtime_ints[i].id;
		if (a)
			id = a->id;
		if (!id)
			continue;   /* shown by DISPLAY, no PCF parameter Quire knows */
		/* always returned: the name, and a channel's or authinfo's type (MQ's) */
		int key = a && ((a->flags & OBJDEF_F_KEY) || (k->type_required && id == k->type_id));
		if (!key && !wanted_id(attrs, id))
			continue;
		if (a && objdef_kind_is_text(a->kind)) {
			size_t w = a->kind == OBJDEF_ISTR ? r.vlen : (size_t)a->max;
			add_str(o, id, r.v, r.vlen < w ? r.vlen : w, w);
		} else if (rec_int(a, r.v, r.vlen, &iv)) {
			add_int(o, id, iv);
		}
	}
}

/* ------------------------------------------------------------------------ */
/* the commands                                                             */

/* MQIA_Q_TYPE as a type: 0 and *type (0 for MQQT_ALL when all_ok), or the reason. */
static MQLONG q_type(const struct req *r, int all_ok, int *type, int *given)
{
	const struct parm *p = find(r, MQCFT_INTEGER, MQIA_Q_TYPE);
	*type = 0;
	*given = p != NULL;
	if (!p)
		return 0;
	if (all_ok && p->ival == MQQT_ALL)
		return 0;
	for (size_t i = 0; i < sizeof qtypes / sizeof qtypes[0]; i++)
		if (qtypes[i].qt == p->ival) {
			*type = qtypes[i].type;
			return 0;
		}
	return MQRCCF_Q_TYPE_ERROR;
}

/* The type of the queue called name (0: none), by DISPLAY QUEUE. */
static int queue_type_of(struct csrv *cs, const char *name)
{
	struct text t = { 0 };
	struct reply scratch = { 0 };
	t_str(&t, "DISPLAY QUEUE(");
	t_quoted(&t, name, strlen(name));
	t_str(&t, ") TYPE(ALL)");
	char *out = NULL;
	int type = 0;
	if (run_cmd(cs, &t, &out, &scratch) == 0 && out) {
		const char *end = out + strlen(out), *p = next_obj(out, end);
		struct rec r;
		while (p && next_rec(&p, end, &r))
			if (rec_is(&r, "TYPE"))
				for (size_t i = 0; i < sizeof qtypes / sizeof qtypes[0]; i++)
					if (r.vlen == strlen(qtypes[i].kw) && !memcmp(r.v, qtypes[i].kw, r.vlen))
						type = qtypes[i].type;
	}
	free(out);
	free(t.b);
	return type;
}

/* INQUIRE_Q / INQUIRE_PROCESS / INQUIRE_TOPIC: one reply per object, in
 * DISPLAY's order.  INQUIRE_*_NAMES: the names in one MQCFSL (queues have
 * their own command in csrv.c, with the types). */
static void cmd_inquire(struct csrv *cs, const struct kind *k, const struct req *r, struct reply *rp, int names)
{
	MQLONG own[8], no = 0;
	own[no++] = MQCFT_STRING;
	own[no++] = k->name_id;
	if (k->type != OBJDEF_PROCESS) {
		own[no++] = MQCFT_INTEGER;
		own[no++] = k->type_id ? k->type_id : k->type ? MQIA_TOPIC_TYPE : MQIA_Q_TYPE;
	}
	if (!names) {
		own[no++] = MQCFT_INTEGER_LIST;
		own[no++] = k->attrs_id;
	}
	own[no] = 0;
	const struct parm *filter = names ? NULL : find_filter(r);
	MQLONG e = only_but(r, own, filter);
	char nm[MQ_Q_NAME_LENGTH + 1];
	int given, type = 0, tgiven = 0;
	if (!e)
		e = get_name(r, k->name_id, 1, nm, &given, name_max(k));
	if (!e && !given)
		e = MQRCCF_PARM_COUNT_TOO_SMALL;
	if (!e && !k->type)
		e = q_type(r, 1, &type, &tgiven);
	int cluster = 0;   /* TopicType MQTOPT_CLUSTER: Quire has no clusters, so none */
	if (!e && k->type == OBJDEF_TOPIC) {
		const struct parm *tt = find(r, MQCFT_INTEGER, MQIA_TOPIC_TYPE);
		if (tt && tt->ival != MQTOPT_LOCAL && tt->ival != MQTOPT_ALL && tt->ival != MQTOPT_CLUSTER)
			e = MQRCCF_PARM_VALUE_ERROR;
		cluster = tt && tt->ival == MQTOPT_CLUSTER;
	}
	if (!e && k->type_id) {
		/* the served type or all: every object; another of MQ's types:
		 * none (Quire has no objects of it) */
		const struct parm *tt = find(r, MQCFT_INTEGER, k->type_id);
		if (tt && tt->ival != k->type_all && tt->ival != k->type_served)
			cluster = 1;
	}
	if (e) {
		fail(rp, e);
		return;
	}
	const struct parm *attrs = names ? NULL : find(r, MQCFT_INTEGER_LIST, k->attrs_id);
	struct text t = { 0 };
	t_str(&t, "DISPLAY ");
	t_str(&t, type ? type_kw(type) : k->what);
	t_str(&t, "(");
	t_quoted(&t, nm, strlen(nm));
	t_str(&t, ")");
	if (!k->type && !type)
		t_str(&t, " TYPE(ALL)");
	if (!names)
		t_str(&t, " ALL");
	if (filter) {
		MQLONG fe = obj_where(type ? type : k->type, filter, &t);
		if (fe) {
			free(t.b);
			fail(rp, fe);
			return;
		}
	}
	char *out = NULL;
	MQLONG rc = cluster ? MQRC_UNKNOWN_OBJECT_NAME : run_cmd(cs, &t, &out, rp);
	free(t.b);
	if (cluster && !names)
		fail(rp, rc);
	if (rc) {
		if (names && rc == MQRC_UNKNOWN_OBJECT_NAME) {   /* none: an empty list */
			rp->cc = MQCC_OK;
			rp->rc = 0;
			out = NULL;
		} else {
			return;
		}
	}
	const char *end = out ? out + strlen(out) : NULL;
	if (!names) {
		for (const char *p = out ? next_obj(out, end) : NULL; p; p = next_obj(p, end))
			obj_reply(k, &p, end, attrs, rp);
		free(out);
		return;
	}
	struct out list = { 0 };
	MQLONG count = 0;
	for (const char *p = out ? next_obj(out, end) : NULL; p; p = next_obj(p, end)) {
		struct rec rc2;
		if (next_rec(&p, end, &rc2) && rc2.vlen <= name_max(k)) {
			char n48[MQ_Q_NAME_LENGTH];
			memset(n48, ' ', sizeof n48);
			memcpy(n48, rc2.v, rc2.vlen);
			out_raw(&list, n48, name_max(k));
			count++;
		}
	}
	free(out);
	struct out *o = reply_new(rp);
	if (!o || list.oom) {
		free(list.b);
		fail(rp, MQRCCF_COMMAND_FAILED);
		return;
	}
	out_l(o, MQCFT_STRING_LIST);
	out_l(o, (MQLONG)(MQCFSL_STRUC_LENGTH_FIXED + list.len));
	out_l(o, k->names_id);
	out_l(o, MQCCSI_DEFAULT);
	out_l(o, count);
	out_l(o, (MQLONG)name_max(k));
	out_raw(o, list.b, list.len);
	o->nparm++;
	free(list.b);
}

enum { OP_CREATE, OP_COPY, OP_CHANGE };

/* CREATE_*, COPY_*, CHANGE_*: DEFINE [LIKE] [REPLACE|NOREPLACE] or ALTER with
 * every other parameter an attribute of the object's type. */
static void cmd_define(struct csrv *cs, const struct kind *k, const struct req *r, struct reply *rp, int op)
{
	MQLONG own[] = { MQCFT_STRING, op == OP_COPY ? k->from_id : k->name_id,
			 MQCFT_STRING, op == OP_COPY ? k->to_id : k->name_id,
			 MQCFT_INTEGER, op == OP_CHANGE ? MQIA_Q_TYPE : MQIACF_REPLACE,
			 MQCFT_INTEGER, MQIA_Q_TYPE, 0 };
	char nm[MQ_Q_NAME_LENGTH + 1], from[MQ_Q_NAME_LENGTH + 1] = "";
	int given = 0, fgiven = 1, type = k->type, tgiven = 1;
	MQLONG e = 0;
	if (op == OP_COPY) {
		e = get_name(r, k->from_id, 0, from, &fgiven, name_max(k));
		if (!e)
			e = get_name(r, k->to_id, 0, nm, &given, name_max(k));
	} else {
		e = get_name(r, k->name_id, 0, nm, &given, name_max(k));
	}
	if (!e && !type)
		e = q_type(r, 0, &type, &tgiven);
	if (!e && (!given || !fgiven || !tgiven))
		e = MQRCCF_PARM_COUNT_TOO_SMALL;
	const struct parm *rep = find(r, MQCFT_INTEGER, MQIACF_REPLACE);
	if (!e && op != OP_CHANGE && rep && rep->ival != MQRP_YES && rep->ival != MQRP_NO)
		e = MQRCCF_REPLACE_VALUE_ERROR;
	if (!e && op == OP_CHANGE && rep)
		e = MQRCCF_CFIN_PARM_ID_ERROR;
	if (!e && k->type == OBJDEF_TOPIC && op == OP_CREATE && !find(r, MQCFT_STRING, MQCA_TOPIC_STRING))
		e = MQRCCF_PARM_COUNT_TOO_SMALL;   /* TOPICSTR: required at create */
	if (!e && k->type_id) {
		/* written as CHLTYPE / TRPTYPE / AUTHTYPE with the attributes */
		const struct parm *tp = find(r, MQCFT_INTEGER, k->type_id);
		if (!tp && k->type_required)
			e = MQRCCF_PARM_COUNT_TOO_SMALL;
		else if (tp && tp->ival != k->type_served)
			e = k->type_error;
	}
	struct text t = { 0 };
	MQLONG bad_id = 0;
	if (!e) {
		t_str(&t, op == OP_CHANGE ? "ALTER " : "DEFINE ");
		t_str(&t, type_kw(type));
		t_str(&t, "(");
		t_quoted(&t, nm, strlen(nm));
		t_str(&t, ")");
		if (op == OP_COPY) {
			t_str(&t, " LIKE(");
			t_quoted(&t, from, strlen(from));
			t_str(&t, ")");
		}
		if (op != OP_CHANGE)
			t_str(&t, rep && rep->ival == MQRP_YES ? " REPLACE" : " NOREPLACE");
		if (k->type) {   /* processes, topics: no MQIA_Q_TYPE */
			own[6] = 0;
			if (op == OP_CHANGE)
				own[4] = 0;
		}
		e = all_attr_words(type, r, own, &t, &bad_id);
	}
	if (!e && op == OP_CHANGE && !k->type) {
		int actual = queue_type_of(cs, nm);
		if (actual && actual != type)
			e = MQRCCF_OBJECT_WRONG_TYPE;
	}
	if (e) {
		free(t.b);
		fail(rp, e);
		if (bad_id) {
			struct out *o = reply_new(rp);
			if (o)
				add_int(o, MQIACF_PARAMETER_ID, bad_id);
		}
		return;
	}
	run_cmd(cs, &t, NULL, rp);
	free(t.b);
}

/* DELETE_* (MQIACF_PURGE for local queues), CLEAR_Q. */
static void cmd_delete(struct csrv *cs, const struct kind *k, const struct req *r, struct reply *rp, int clear)
{
	MQLONG own[] = { MQCFT_STRING, k->name_id, MQCFT_INTEGER, MQIA_Q_TYPE, MQCFT_INTEGER, MQIACF_PURGE, 0 };
	if (k->type || clear)
		own[2] = 0;
	MQLONG e = only(r, own);
	char nm[MQ_Q_NAME_LENGTH + 1];
	int given = 0, type = k->type, tgiven = 0;
	if (!e)
		e = get_name(r, k->name_id, 0, nm, &given, name_max(k));
	if (!e && !given)
		e = MQRCCF_PARM_COUNT_TOO_SMALL;
	if (!e && !k->type && !clear)
		e = q_type(r, 0, &type, &tgiven);
	const struct parm *pg = find(r, MQCFT_INTEGER, MQIACF_PURGE);
	if (!e && pg && pg->ival != MQPO_YES && pg->ival != MQPO_NO)
		e = MQRCCF_PURGE_VALUE_ERROR;
	if (!e && !k->type) {
		int actual = queue_type_of(cs, nm);
		if (!actual)
			e = MQRC_UNKNOWN_OBJECT_NAME;
		else if (tgiven && actual != type)
			e = MQRCCF_OBJECT_WRONG_TYPE;
		else if (clear && actual != OBJDEF_QLOCAL)
			e = MQRCCF_OBJECT_WRONG_TYPE;
		type = actual;
	}
	if (!e && pg && type != OBJDEF_QLOCAL)
		e = MQRCCF_CFIN_PARM_ID_ERROR;   /* PURGE: local queues only */
	if (e) {
		fail(rp, e);
		return;
	}
	struct text t = { 0 };
	t_str(&t, clear ? "CLEAR " : "DELETE ");
	t_str(&t, type_kw(type));
	t_str(&t, "(");
	t_quoted(&t, nm, strlen(nm));
	t_str(&t, ")");
	if (type == OBJDEF_QLOCAL && !clear)
		t_str(&t, pg && pg->ival == MQPO_YES ? " PURGE" : " NOPURGE");
	run_cmd(cs, &t, NULL, rp);
	free(t.b);
}

/* CHANGE_Q_MGR: ALTER QMGR with every parameter a queue manager attribute. */
static void cmd_change_qmgr(struct csrv *cs, const struct req *r, struct reply *rp)
{
	MQLONG own[] = { 0 };
	struct text t = { 0 };
	MQLONG bad_id = 0;
	t_str(&t, "ALTER QMGR");
	MQLONG e = all_attr_words(OBJDEF_QMGR, r, own, &t, &bad_id);
	if (e) {
		free(t.b);
		fail(rp, e);
		if (bad_id) {
			struct out *o = reply_new(rp);
			if (o)
				add_int(o, MQIACF_PARAMETER_ID, bad_id);
		}
		return;
	}
	run_cmd(cs, &t, NULL, rp);
	free(t.b);
}

/* Channels have reasons of their own for what other objects answer with the
 * generic ones (MQ's): not found MQRCCF_CHANNEL_NOT_FOUND, already there
 * MQRCCF_CHANNEL_ALREADY_EXISTS. */
static int channel_command(struct csrv *cs, const struct req *r, struct reply *rp)
{
	switch (r->cfh.Command) {
	case MQCMD_INQUIRE_CHANNEL: cmd_inquire(cs, &k_channel, r, rp, 0); break;
	case MQCMD_INQUIRE_CHANNEL_NAMES: cmd_inquire(cs, &k_channel, r, rp, 1); break;
	case MQCMD_CREATE_CHANNEL: cmd_define(cs, &k_channel, r, rp, OP_CREATE); break;
	case MQCMD_COPY_CHANNEL: cmd_define(cs, &k_channel, r, rp, OP_COPY); break;
	case MQCMD_CHANGE_CHANNEL: cmd_define(cs, &k_channel, r, rp, OP_CHANGE); break;
	case MQCMD_DELETE_CHANNEL: cmd_delete(cs, &k_channel, r, rp, 0); break;
	default: return 0;
	}
	if (rp->cc == MQCC_FAILED && rp->rc == MQRC_UNKNOWN_OBJECT_NAME)
		rp->rc = MQRCCF_CHANNEL_NOT_FOUND;
	else if (rp->cc == MQCC_FAILED && rp->rc == MQRCCF_OBJECT_ALREADY_EXISTS)
		rp->rc = MQRCCF_CHANNEL_ALREADY_EXISTS;
	return 1;
}

int csrv_obj_command(struct csrv *cs, const struct req *r, struct reply *rp)
{
	if (channel_command(cs, r, rp))
		return 1;
	switch (r->cfh.Command) {
	case MQCMD_INQUIRE_Q: cmd_inquire(cs, &k_queue, r, rp, 0); return 1;
	case MQCMD_INQUIRE_PROCESS: cmd_inquire(cs, &k_process, r, rp, 0); return 1;
	case MQCMD_INQUIRE_TOPIC: cmd_inquire(cs, &k_topic, r, rp, 0); return 1;
	case MQCMD_INQUIRE_PROCESS_NAMES: cmd_inquire(cs, &k_process, r, rp, 1); return 1;
	case MQCMD_INQUIRE_TOPIC_NAMES: cmd_inquire(cs, &k_topic, r, rp, 1); return 1;
	case MQCMD_CREATE_Q: cmd_define(cs, &k_queue, r, rp, OP_CREATE); return 1;
	case MQCMD_CREATE_PROCESS: cmd_define(cs, &k_process, r, rp, OP_CREATE); return 1;
	case MQCMD_CREATE_TOPIC: cmd_define(cs, &k_topic, r, rp, OP_CREATE); return 1;
	case MQCMD_COPY_Q: cmd_define(cs, &k_queue, r, rp, OP_COPY); return 1;
	case MQCMD_COPY_PROCESS: cmd_define(cs, &k_process, r, rp, OP_COPY); return 1;
	case MQCMD_COPY_TOPIC: cmd_define(cs, &k_topic, r, rp, OP_COPY); return 1;
	case MQCMD_CHANGE_Q: cmd_define(cs, &k_queue, r, rp, OP_CHANGE); return 1;
	case MQCMD_CHANGE_PROCESS: cmd_define(cs, &k_process, r, rp, OP_CHANGE); return 1;
	case MQCMD_CHANGE_TOPIC: cmd_define(cs, &k_topic, r, rp, OP_CHANGE); return 1;
	case MQCMD_DELETE_Q: cmd_delete(cs, &k_queue, r, rp, 0); return 1;
	case MQCMD_DELETE_PROCESS: cmd_delete(cs, &k_process, r, rp, 0); return 1;
	case MQCMD_DELETE_TOPIC: cmd_delete(cs, &k_topic, r, rp, 0); return 1;
	case MQCMD_CLEAR_Q: cmd_delete(cs, &k_queue, r, rp, 1); return 1;
	case MQCMD_CHANGE_Q_MGR: cmd_change_qmgr(cs, r, rp); return 1;
	case MQCMD_INQUIRE_LISTENER: cmd_inquire(cs, &k_listener, r, rp, 0); return 1;
	case MQCMD_CREATE_LISTENER: cmd_define(cs, &k_listener, r, rp, OP_CREATE); return 1;
	case MQCMD_COPY_LISTENER: cmd_define(cs, &k_listener, r, rp, OP_COPY); return 1;
	case MQCMD_CHANGE_LISTENER: cmd_define(cs, &k_listener, r, rp, OP_CHANGE); return 1;
	case MQCMD_DELETE_LISTENER: cmd_delete(cs, &k_listener, r, rp, 0); return 1;
	case MQCMD_INQUIRE_AUTH_INFO: cmd_inquire(cs, &k_authinfo, r, rp, 0); return 1;
	case MQCMD_INQUIRE_AUTH_INFO_NAMES: cmd_inquire(cs, &k_authinfo, r, rp, 1); return 1;
	case MQCMD_CREATE_AUTH_INFO: cmd_define(cs, &k_authinfo, r, rp, OP_CREATE); return 1;
	case MQCMD_COPY_AUTH_INFO: cmd_define(cs, &k_authinfo, r, rp, OP_COPY); return 1;
	case MQCMD_CHANGE_AUTH_INFO: cmd_define(cs, &k_authinfo, r, rp, OP_CHANGE); return 1;
	case MQCMD_DELETE_AUTH_INFO: cmd_delete(cs, &k_authinfo, r, rp, 0); return 1;
	}
	return 0;
}
