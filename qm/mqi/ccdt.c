/*
 * ccdt.c: the text forms of client channel definitions (ccdt.h): connection
 * name lists, and the JSON client channel definition table (CCDT) in MQ's
 * schema.  Only libc: tests/fuzz/fuzz_ccdt.c compiles this file alone.
 *
 * The JSON reader is our own and strict (RFC 8259): the text is UTF-8 (no
 * overlong forms, no surrogates, nothing above U+10FFFF), strings have no raw
 * control characters and only the escapes JSON defines (\uXXXX pairs joined,
 * a lone surrogate refused), numbers follow JSON's grammar, nesting is at most
 * MQM_CCDT_MAX_DEPTH deep, nothing follows the top value.  The one allowance:
 * a comma before a closing } or ], which IBM's published examples contain.
 * Every read is bounded by the end of the text; strings are decoded into one
 * buffer of the text's size (a decoded string is never longer than its JSON).
 *
 * The CCDT (MQ's schema, the attributes Quire uses):
 *   { "channel": [ { "name": "CHL", "type": "clientConnection",
 *       "clientConnection": { "connection": [ { "host": "h", "port": 1414 } ... ],
 *                             "queueManager": "QM1" },
 *       "transmissionSecurity": { "cipherSpecification": "...", "certificatePeerName": "...",
 *                                 "certificateLabel": "..." },
 *       "connectionManagement": { "heartbeatInterval": 300, "sharingConversations": 10,
 *                                 "clientWeight": 0 },
 *       "general": { "maximumMessageLength": 4194304 } } ... ] }
 * "name" and "type" are required (as MQ's schema); an entry whose type is not
 * "clientConnection" is skipped; a missing "port" is 1414; other keys (MQ has
 * many more: descriptions, exits, compression ...) are read as JSON and not
 * used.  A key Quire uses with the wrong type or a value outside MQ's range
 * makes the whole table damaged, with a message naming the channel and key.
 */
#include "qm/mqi/ccdt.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void mqm_cd_defaults(struct mqm_cd *cd)
{
	memset(cd, 0, sizeof *cd);
	cd->maxmsgl = 4194304;
	cd->hbint = 1;
	cd->sharecnv = 10;
}

int mqm_channel_name_ok(const char *s, size_t len)
{
	if (len < 1 || len > MQ_CHANNEL_NAME_LENGTH)
		return 0;
	for (size_t i = 0; i < len; i++) {
		char ch = s[i];
		if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
		      ch == '.' || ch == '/' || ch == '_' || ch == '%'))
			return 0;
	}
	return 1;
}

/* ------------------------------------------------------------------------ */
/* Connection names                                                         */

static int host_char(char ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' ||
	       ch == '-' || ch == '_' || ch == ':' || ch == '%';
}

/* One "host(port)" or "host" (s..e, blanks trimmed already) into a. */
static int addr_parse(const char *s, const char *e, struct mqm_addr *a)
{
	const char *hs = s, *he = e;
	long port = MQM_DEFAULT_PORT;
	if (e > s && e[-1] == ')') {
		const char *o = e - 1;
		while (o > s && o[-1] != '(')
			o--;
		if (o == s)
			return -1;          /* a ')' with no '(' */
		const char *ps = o, *pe = e - 1;
		while (ps < pe && *ps == ' ')
			ps++;
		while (pe > ps && pe[-1] == ' ')
			pe--;
		if (ps == pe || pe - ps > 5)
			return -1;
		port = 0;
		for (const char *q = ps; q < pe; q++) {
			if (*q < '0' || *q > '9')
				return -1;
			port = port * 10 + (*q - '0');
		}
		he = o - 1;
		while (he > hs && he[-1] == ' ')
			he--;
	}
	if (port < 1 || port > 65535)
		return -1;
	if (he > hs && *hs == '[') {            /* [v6 address] */
		if (he[-1] != ']')
			return -1;
		hs++;
		he--;
	}
	if (he <= hs || (size_t)(he - hs) > MQM_HOST_MAX)
		return -1;
	for (const char *q = hs; q < he; q++)
		if (!host_char(*q))
			return -1;
	memcpy(a->host, hs, (size_t)(he - hs));
	a->host[he - hs] = 0;
	a->port = (int)port;
	return 0;
}

int mqm_conname_parse(const char *s, size_t len, struct mqm_cd *cd)
{
	const char *p = s, *end = s + len;
	cd->naddr = 0;
	for (;;) {
		const char *c = memchr(p, ',', (size_t)(end - p));
		const char *e = c ? c : end, *a = p;
		while (a < e && *a == ' ')
			a++;
		while (e > a && e[-1] == ' ')
			e--;
		if (cd->naddr == MQM_CD_MAX_ADDRS || addr_parse(a, e, &cd->addr[cd->naddr]) != 0)
			return -1;
		cd->naddr++;
		if (!c)
			return 0;
		p = c + 1;
	}
}

/* ------------------------------------------------------------------------ */
/* JSON                                                                     */

enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct jn {
	int type;
	int first, next;        /* first child (arrays, objects), next sibling: node index or -1 */
	const char *key;        /* a member's name (decoded), or NULL */
	size_t keylen;
	const char *s;          /* a string's value (decoded) */
	size_t slen;
	int isint;              /* a number without fraction or exponent that fits */
	long long i;
};

struct jp {
	const unsigned char *p, *end;
	struct jn *n;
	size_t nn, cap;
	char *arena;
	size_t alen;
	char *err;
	size_t errn;
	const unsigned char *start;
};

static int jerr(struct jp *j, const char *fmt, ...)
{
	if (j->err && j->errn && !j->err[0]) {
		char msg[200];
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(msg, sizeof msg, fmt, ap);
		va_end(ap);
		snprintf(j->err, j->errn, "%s", msg);
	}
	return -1;
}

static int jsyntax(struct jp *j, const char *what)
{
	return jerr(j, "JSON syntax error at byte %zu: %s", (size_t)(j->p - j->start), what);
}

static void ws(struct jp *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static int node_new(struct jp *j, int type)
{
	if (j->nn == j->cap) {
		size_t nc = j->cap ? j->cap * 2 : 64;
		struct jn *t = realloc(j->n, nc * sizeof *t);
		if (!t)
			return jerr(j, "out of memory");
		j->n = t;
		j->cap = nc;
	}
	struct jn *x = &j->n[j->nn];
	memset(x, 0, sizeof *x);
	x->type = type;
	x->first = x->next = -1;
	return (int)j->nn++;
}

static void put_utf8(struct jp *j, uint32_t cp)
{
	char *o = j->arena + j->alen;
	if (cp < 0x80) {
		o[0] = (char)cp;
		j->alen += 1;
	} else if (cp < 0x800) {
		o[0] = (char)(0xC0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3F));
		j->alen += 2;
	} else if (cp < 0x10000) {
		o[0] = (char)(0xE0 | cp >> 12);
		o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		j->alen += 3;
	} else {
		o[0] = (char)(0xF0 | cp >> 18);
		o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		o[3] = (char)(0x80 | (cp & 0x3F));
		j->alen += 4;
	}
}

static int hex4(struct jp *j, uint32_t *v)
{
	if (j->end - j->p < 4)
		return jsyntax(j, "short \\u escape");
	*v = 0;
	for (int k = 0; k < 4; k++) {
		unsigned char ch = j->p[k];
		int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 :
			ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
		if (d < 0)
			return jsyntax(j, "bad \\u escape");
		*v = *v << 4 | (uint32_t)d;
	}
	j->p += 4;
	return 0;
}

/* One UTF-8 sequence at j->p (its first byte >= 0x80): copied, or -1. */
static int utf8_seq(struct jp *j)
{
	const unsigned char *p = j->p;
	size_t left = (size_t)(j->end - p), n;
	uint32_t cp, min;
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		n = 2; cp = p[0] & 0x1F; min = 0x80;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		n = 3; cp = p[0] & 0x0F; min = 0x800;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		n = 4; cp = p[0] & 0x07; min = 0x10000;
	} else {
		return jsyntax(j, "not UTF-8");
	}
	if (left < n)
		return jsyntax(j, "truncated UTF-8");
	for (size_t k = 1; k < n; k++) {
		if ((p[k] & 0xC0) != 0x80)
			return jsyntax(j, "not UTF-8");
		cp = cp << 6 | (p[k] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return jsyntax(j, "not UTF-8");
	memcpy(j->arena + j->alen, p, n);
	j->alen += n;
	j->p += n;
	return 0;
}

/* A string at j->p (the opening quote): decoded into the arena. */
static int jstring(struct jp *j, const char **s, size_t *len)
{
	j->p++;
	size_t at = j->alen;
	for (;;) {
		if (j->p >= j->end)
			return jsyntax(j, "unterminated string");
		unsigned char ch = *j->p;
		if (ch == '"') {
			j->p++;
			break;
		}
		if (ch < 0x20)
			return jsyntax(j, "control character in a string");
		if (ch >= 0x80) {
			if (utf8_seq(j))
				return -1;
			continue;
		}
		if (ch != '\\') {
			j->arena[j->alen++] = (char)ch;
			j->p++;
			continue;
		}
		if (j->end - j->p < 2)
			return jsyntax(j, "unterminated escape");
		ch = j->p[1];
		j->p += 2;
		switch (ch) {
		case '"': case '\\': case '/':
			j->arena[j->alen++] = (char)ch;
			break;
		case 'b': j->arena[j->alen++] = '\b'; break;
		case 'f': j->arena[j->alen++] = '\f'; break;
		case 'n': j->arena[j->alen++] = '\n'; break;
		case 'r': j->arena[j->alen++] = '\r'; break;
		case 't': j->arena[j->alen++] = '\t'; break;
		case 'u': {
			uint32_t cp, lo;
			if (hex4(j, &cp))
				return -1;
			if (cp >= 0xDC00 && cp <= 0xDFFF)
				return jsyntax(j, "lone low surrogate");
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				if (j->end - j->p < 2 || j->p[0] != '\\' || j->p[1] != 'u')
					return jsyntax(j, "lone high surrogate");
				j->p += 2;
				if (hex4(j, &lo))
					return -1;
				if (lo < 0xDC00 || lo > 0xDFFF)
					return jsyntax(j, "bad surrogate pair");
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			}
			put_utf8(j, cp);
			break;
		}
		default:
			return jsyntax(j, "unknown escape");
		}
	}
	*s = j->arena + at;
	*len = j->alen - at;
	j->arena[j->alen++] = 0;   /* each string ends with a NUL (its quotes made room) */
	return 0;
}

static int jnumber(struct jp *j, struct jn *x)
{
	int neg = 0, integral = 1, overflow = 0;
	long long v = 0;
	if (j->p < j->end && *j->p == '-') {
		neg = 1;
		j->p++;
	}
	if (j->p >= j->end || *j->p < '0' || *j->p > '9')
		return jsyntax(j, "bad number");
	if (*j->p == '0') {
		j->p++;
	} else {
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9') {
			if (v > (LLONG_MAX - 9) / 10)
				overflow = 1;
			else
				v = v * 10 + (*j->p - '0');
			j->p++;
		}
	}
	if (j->p < j->end && *j->p == '.') {
		integral = 0;
		j->p++;
		if (j->p >= j->end || *j->p < '0' || *j->p > '9')
			return jsyntax(j, "bad number");
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		integral = 0;
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (j->p >= j->end || *j->p < '0' || *j->p > '9')
			return jsyntax(j, "bad number");
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	x->isint = integral && !overflow;
	x->i = neg ? -v : v;
	return 0;
}

static int jvalue(struct jp *j, int depth, int *out);

/* The members of an object or elements of an array (j->p after the opening bracket). */
static int jcontainer(struct jp *j, int depth, int idx, int obj)
{
	char close = obj ? '}' : ']';
	int last = -1;
	ws(j);
	if (j->p < j->end && *j->p == close) {
		j->p++;
		return 0;
	}
	for (;;) {
		const char *key = NULL;
		size_t keylen = 0;
		int child;
		ws(j);
		if (obj) {
			if (j->p >= j->end || *j->p != '"')
				return jsyntax(j, "expected a member name");
			if (jstring(j, &key, &keylen))
				return -1;
			ws(j);
			if (j->p >= j->end || *j->p != ':')
				return jsyntax(j, "expected ':'");
			j->p++;
		}
		if (jvalue(j, depth + 1, &child))
			return -1;
		j->n[child].key = key;
		j->n[child].keylen = keylen;
		if (last < 0)
			j->n[idx].first = child;
		else
			j->n[last].next = child;
		last = child;
		ws(j);
		if (j->p >= j->end)
			return jsyntax(j, obj ? "unterminated object" : "unterminated array");
		if (*j->p == close) {
			j->p++;
			return 0;
		}
		if (*j->p != ',')
			return jsyntax(j, obj ? "expected ',' or '}'" : "expected ',' or ']'");
		j->p++;
		ws(j);
		if (j->p < j->end && *j->p == close) {   /* the trailing comma IBM's examples have */
			j->p++;
			return 0;
		}
	}
}

static int jlit(struct jp *j, const char *word)
{
	size_t n = strlen(word);
	if ((size_t)(j->end - j->p) < n || memcmp(j->p, word, n) != 0)
		return jsyntax(j, "unknown word");
	j->p += n;
	return 0;
}

static int jvalue(struct jp *j, int depth, int *out)
{
	int idx;
	if (depth > MQM_CCDT_MAX_DEPTH)
		return jsyntax(j, "nested too deeply");
	ws(j);
	if (j->p >= j->end)
		return jsyntax(j, "expected a value");
	unsigned char ch = *j->p;
	if (ch == '{' || ch == '[') {
		if ((idx = node_new(j, ch == '{' ? J_OBJ : J_ARR)) < 0)
			return -1;
		j->p++;
		if (jcontainer(j, depth, idx, ch == '{'))
			return -1;
	} else if (ch == '"') {
		const char *s;
		size_t len;
		if ((idx = node_new(j, J_STR)) < 0 || jstring(j, &s, &len))
			return -1;
		j->n[idx].s = s;
		j->n[idx].slen = len;
	} else if (ch == '-' || (ch >= '0' && ch <= '9')) {
		if ((idx = node_new(j, J_NUM)) < 0 || jnumber(j, &j->n[idx]))
			return -1;
	} else if (ch == 't' || ch == 'f') {
		if ((idx = node_new(j, J_BOOL)) < 0 || jlit(j, ch == 't' ? "true" : "false"))
			return -1;
	} else if (ch == 'n') {
		if ((idx = node_new(j, J_NULL)) < 0 || jlit(j, "null"))
			return -1;
	} else {
		return jsyntax(j, "expected a value");
	}
	*out = idx;
	return 0;
}

/* ------------------------------------------------------------------------ */
/* The CCDT's channels                                                      */

/* The member `key` of object node o, or -1 (the last of that name, as most
 * JSON readers take a repeated name). */
static int member(const struct jp *j, int o, const char *key)
{
	int found = -1;
	if (o < 0 || j->n[o].type != J_OBJ)
		return -1;
	size_t kl = strlen(key);
	for (int c = j->n[o].first; c >= 0; c = j->n[c].next)
		if (j->n[c].keylen == kl && memcmp(j->n[c].key, key, kl) == 0)
			found = c;
	return found;
}

static int want_obj(struct jp *j, int o, const char *key, const char *chl, int *out)
{
	*out = member(j, o, key);
	if (*out >= 0 && j->n[*out].type != J_OBJ)
		return jerr(j, "channel '%s': \"%s\" is not an object", chl, key);
	return 0;
}

static int want_int(struct jp *j, int o, const char *key, const char *chl, long long lo, long long hi,
		    MQLONG *v)
{
	int m = member(j, o, key);
	if (m < 0)
		return 0;
	if (j->n[m].type != J_NUM || !j->n[m].isint || j->n[m].i < lo || j->n[m].i > hi)
		return jerr(j, "channel '%s': \"%s\" is not an integer from %lld to %lld", chl, key, lo, hi);
	*v = (MQLONG)j->n[m].i;
	return 0;
}

static int want_str(struct jp *j, int o, const char *key, const char *chl, size_t max, char *out)
{
	int m = member(j, o, key);
	if (m < 0)
		return 0;
	if (j->n[m].type != J_STR || j->n[m].slen > max || memchr(j->n[m].s, 0, j->n[m].slen))
		return jerr(j, "channel '%s': \"%s\" is not a string of at most %zu bytes", chl, key, max);
	memcpy(out, j->n[m].s, j->n[m].slen + 1);
	return 0;
}

static int one_channel(struct jp *j, int ch, struct mqm_cd *cd, int *skip)
{
	int m, cc, cm, ts, gen;
	*skip = 0;
	mqm_cd_defaults(cd);
	if (j->n[ch].type != J_OBJ)
		return jerr(j, "an element of \"channel\" is not an object");
	m = member(j, ch, "name");
	if (m < 0 || j->n[m].type != J_STR || !mqm_channel_name_ok(j->n[m].s, j->n[m].slen))
		return jerr(j, "a channel has no \"name\", or not a valid channel name");
	memcpy(cd->channel, j->n[m].s, j->n[m].slen + 1);
	m = member(j, ch, "type");
	if (m < 0 || j->n[m].type != J_STR)
		return jerr(j, "channel '%s': no \"type\"", cd->channel);
	if (j->n[m].slen != 16 || memcmp(j->n[m].s, "clientConnection", 16) != 0) {
		*skip = 1;
		return 0;
	}
	if (want_obj(j, ch, "clientConnection", cd->channel, &cc) ||
	    want_obj(j, ch, "connectionManagement", cd->channel, &cm) ||
	    want_obj(j, ch, "transmissionSecurity", cd->channel, &ts) ||
	    want_obj(j, ch, "general", cd->channel, &gen))
		return -1;
	if (cc < 0)
		return jerr(j, "channel '%s': no \"clientConnection\"", cd->channel);
	if (want_str(j, cc, "queueManager", cd->channel, MQ_Q_MGR_NAME_LENGTH, cd->qmgr))
		return -1;
	int conn = member(j, cc, "connection");
	if (conn < 0 || j->n[conn].type != J_ARR || j->n[conn].first < 0)
		return jerr(j, "channel '%s': \"connection\" is not an array of addresses", cd->channel);
	for (int a = j->n[conn].first; a >= 0; a = j->n[a].next) {
		MQLONG port = MQM_DEFAULT_PORT;
		int h = member(j, a, "host");
		if (cd->naddr == MQM_CD_MAX_ADDRS)
			return jerr(j, "channel '%s': more than %d connections", cd->channel, MQM_CD_MAX_ADDRS);
		if (h < 0 || j->n[h].type != J_STR || j->n[h].slen == 0 || j->n[h].slen > MQM_HOST_MAX)
			return jerr(j, "channel '%s': a connection has no \"host\"", cd->channel);
		for (size_t k = 0; k < j->n[h].slen; k++)
			if (!host_char(j->n[h].s[k]))
				return jerr(j, "channel '%s': \"host\" is not a host name or address", cd->channel);
		if (want_int(j, a, "port", cd->channel, 1, 65535, &port))
			return -1;
		memcpy(cd->addr[cd->naddr].host, j->n[h].s, j->n[h].slen + 1);
		cd->addr[cd->naddr].port = (int)port;
		cd->naddr++;
	}
	if (want_int(j, cm, "heartbeatInterval", cd->channel, 0, 999999, &cd->hbint) ||
	    want_int(j, cm, "sharingConversations", cd->channel, 0, 999999999, &cd->sharecnv) ||
	    want_int(j, cm, "clientWeight", cd->channel, 0, 99, &cd->weight) ||
	    want_int(j, gen, "maximumMessageLength", cd->channel, 0, 104857600, &cd->maxmsgl) ||
	    want_str(j, ts, "cipherSpecification", cd->channel, MQ_SSL_CIPHER_SPEC_LENGTH, cd->cipher) ||
	    want_str(j, ts, "certificatePeerName", cd->channel, MQ_SSL_PEER_NAME_LENGTH, cd->peer) ||
	    want_str(j, ts, "certificateLabel", cd->channel, MQ_CERT_LABEL_LENGTH, cd->label))
		return -1;
	return 0;
}

int mqm_ccdt_parse(const char *text, size_t len, struct mqm_cd **cds, size_t *n, char *err, size_t errn)
{
	struct jp j;
	struct mqm_cd *out = NULL;
	size_t nout = 0;
	int root, rc = -1;

	*cds = NULL;
	*n = 0;
	if (err && errn)
		err[0] = 0;
	memset(&j, 0, sizeof j);
	j.start = j.p = (const unsigned char *)text;
	j.end = j.p + len;
	j.err = err;
	j.errn = errn;
	if (len > MQM_CCDT_MAX_BYTES)
		return jerr(&j, "the table is larger than %u bytes", MQM_CCDT_MAX_BYTES);
	if (!(j.arena = malloc(len + 1)))
		return jerr(&j, "out of memory");
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		j.p += 3;           /* a byte order mark, as editors write */
	if (jvalue(&j, 0, &root))
		goto out;
	ws(&j);
	if (j.p != j.end) {
		jsyntax(&j, "text after the end");
		goto out;
	}
	if (j.n[root].type != J_OBJ) {
		jerr(&j, "the table is not a JSON object");
		goto out;
	}
	int chl = member(&j, root, "channel");
	if (chl >= 0 && j.n[chl].type != J_ARR) {
		jerr(&j, "\"channel\" is not an array");
		goto out;
	}
	size_t count = 0;
	for (int c = chl >= 0 ? j.n[chl].first : -1; c >= 0; c = j.n[c].next)
		count++;
	if (count && !(out = calloc(count, sizeof *out))) {
		jerr(&j, "out of memory");
		goto out;
	}
	for (int c = chl >= 0 ? j.n[chl].first : -1; c >= 0; c = j.n[c].next) {
		int skip;
		if (one_channel(&j, c, &out[nout], &skip))
			goto out;
		if (!skip)
			nout++;
	}
	rc = 0;
out:
	free(j.n);
	free(j.arena);
	if (rc) {
		free(out);
		return -1;
	}
	if (!nout) {
		free(out);
		out = NULL;
	}
	*cds = out;
	*n = nout;
	return 0;
}
