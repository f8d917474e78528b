/*
 * rfh2.c: message properties to and from an MQRFH2, MQ's own form of them in
 * message data (MQMHBUF, MQBUFMH, and properties travelling with a message).
 *
 * The MQRFH2 (cmqc.h has the fixed part): StrucId "RFH ", Version 2,
 * StrucLength (the whole header, folders included, a multiple of 4),
 * Encoding, CodedCharSetId and Format of what follows it, Flags,
 * NameValueCCSID (the folders' character set); then folders, each an MQLONG
 * NameValueLength (a multiple of 4) and that many bytes of NameValueData: one
 * XML element, padded with blanks.  The integers of the header are in the
 * encoding of whatever describes it (the MQMD, or the header before it).
 *
 *   <usr><colour>red</colour><size dt="i4">12</size><a><b dt="r8">1.5</b></a></usr>
 *
 * Property "usr.a.b" is the element b inside a inside folder usr.  dt names
 * the type: none or "string", "boolean" (0/1), "bin.hex" (two hex digits a
 * byte), "i1" "i2" "i4" "i8" ("int" read as i4), "r4" "r8"; an element with
 * xsi:nil="true" is a null property.  A dt Quire does not know is read as a
 * string and its name kept (MQINQMP reports it: MQRC_PROP_TYPE_NOT_SUPPORTED).
 *
 * Reading trusts nothing: every length is checked against the buffer, the
 * XML is read by a small recursive reader bounded in depth (16), and anything
 * it does not understand is MQRC_RFH_FORMAT_ERROR with nothing appended.
 * Folders psc and pscr (publish/subscribe commands) are not properties: they
 * are skipped, and the header is then not only properties (info.only_props).
 */
#include "qm/mqi/props.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RFH2_FIXED 36
#define MAX_DEPTH 16

/* ------------------------------------------------------------------------ */
/* integers in a given encoding                                             */

static int reversed(MQLONG enc)
{
	MQLONG i = enc & MQENC_INTEGER_MASK;
	if (i == MQENC_INTEGER_NORMAL)
		return 0;
	if (i == MQENC_INTEGER_REVERSED)
		return 1;
	return (MQENC_NATIVE & MQENC_INTEGER_MASK) == MQENC_INTEGER_REVERSED;
}

static void put_long(uint8_t *p, MQLONG v, int rev)
{
	uint32_t u = (uint32_t)v;
	if (rev) {
		p[0] = (uint8_t)u; p[1] = (uint8_t)(u >> 8); p[2] = (uint8_t)(u >> 16); p[3] = (uint8_t)(u >> 24);
	} else {
		p[3] = (uint8_t)u; p[2] = (uint8_t)(u >> 8); p[1] = (uint8_t)(u >> 16); p[0] = (uint8_t)(u >> 24);
	}
}

static MQLONG get_long(const uint8_t *p, int rev)
{
	uint32_t u = rev ? (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24
			 : (uint32_t)p[3] | (uint32_t)p[2] << 8 | (uint32_t)p[1] << 16 | (uint32_t)p[0] << 24;
	return (MQLONG)u;
}

const char *mqm_rfh2_dt(MQLONG type)
{
	switch (type) {
	case MQTYPE_BOOLEAN: return "boolean";
	case MQTYPE_BYTE_STRING: return "bin.hex";
	case MQTYPE_INT8: return "i1";
	case MQTYPE_INT16: return "i2";
	case MQTYPE_INT32: return "i4";
	case MQTYPE_INT64: return "i8";
	case MQTYPE_FLOAT32: return "r4";
	case MQTYPE_FLOAT64: return "r8";
	case MQTYPE_STRING: return "string";
	default: return "";
	}
}

/* ------------------------------------------------------------------------ */
/* encoding                                                                 */

struct sbuf {
	char *p;
	size_t n, cap;
	int oom;
};

static void sb_add(struct sbuf *b, const void *s, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 256;
		char *q;
		while (cap < b->n + n + 1)
			cap *= 2;
		q = realloc(b->p, cap);
		if (!q) {
			b->oom = 1;
			return;
		}
		b->p = q;
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

static void sb_str(struct sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

static void sb_text(struct sbuf *b, const uint8_t *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '<': sb_str(b, "&lt;"); break;
		case '>': sb_str(b, "&gt;"); break;
		case '&': sb_str(b, "&amp;"); break;
		case '"': sb_str(b, "&quot;"); break;
		case '\'': sb_str(b, "&apos;"); break;
		default:
			if (s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') {
				char e[8];
				snprintf(e, sizeof e, "&#%u;", s[i]);
				sb_str(b, e);
			} else {
				sb_add(b, &s[i], 1);
			}
		}
	}
}

/* A name part XML can carry as an element name. */
static int xml_name_ok(const char *s, size_t n)
{
	size_t i;
	if (!n)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c >= 0x80;
		if (i && ((c >= '0' && c <= '9') || c == '-'))
			ok = 1;
		if (!ok)
			return 0;
	}
	return 1;
}

static void value_text(struct sbuf *b, const struct mqm_prop *p)
{
	char t[64];
	size_t i;
	switch (p->type) {
	case MQTYPE_BOOLEAN:
		sb_str(b, p->val[0] ? "1" : "0");
		return;
	case MQTYPE_BYTE_STRING:
		for (i = 0; i < p->vlen; i++) {
			snprintf(t, sizeof t, "%02x", p->val[i]);
			sb_add(b, t, 2);
		}
		return;
	case MQTYPE_INT8: { int8_t v; memcpy(&v, p->val, 1); snprintf(t, sizeof t, "%d", v); break; }
	case MQTYPE_INT16: { int16_t v; memcpy(&v, p->val, 2); snprintf(t, sizeof t, "%d", v); break; }
	case MQTYPE_INT32: { int32_t v; memcpy(&v, p->val, 4); snprintf(t, sizeof t, "%d", v); break; }
	case MQTYPE_INT64: { int64_t v; memcpy(&v, p->val, 8); snprintf(t, sizeof t, "%lld", (long long)v); break; }
	case MQTYPE_FLOAT32: { float v; memcpy(&v, p->val, 4); snprintf(t, sizeof t, "%.9g", (double)v); break; }
	case MQTYPE_FLOAT64: { double v; memcpy(&v, p->val, 8); snprintf(t, sizeof t, "%.17g", v); break; }
	case MQTYPE_STRING:
		sb_text(b, p->val, p->vlen);
		return;
	default:
		return;
	}
	sb_str(b, t);
}

/* One property as nested elements; name past its folder in rest. */
static MQLONG element(struct sbuf *b, const struct mqm_prop *p, const char *rest)
{
	const char *dot = strchr(rest, '.');
	size_t n = dot ? (size_t)(dot - rest) : strlen(rest);
	MQLONG rc;
	if (!xml_name_ok(rest, n))
		return MQRC_PROPERTY_NAME_ERROR;
	sb_str(b, "<");
	sb_add(b, rest, n);
	if (dot) {
		sb_str(b, ">");
		if ((rc = element(b, p, dot + 1)) != 0)
			return rc;
	} else if (p->type == MQTYPE_NULL) {
		sb_str(b, " xsi:nil=\"true\">");
	} else {
		if (p->type != MQTYPE_STRING) {
			sb_str(b, " dt=\"");
			sb_str(b, mqm_rfh2_dt(p->type));
			sb_str(b, "\"");
		} else if (p->typestr[0]) {
			sb_str(b, " dt=\"");
			sb_text(b, (const uint8_t *)p->typestr, strlen(p->typestr));
			sb_str(b, "\"");
		}
		sb_str(b, ">");
		value_text(b, p);
	}
	sb_str(b, "</");
	sb_add(b, rest, n);
	sb_str(b, ">");
	return 0;
}

MQLONG mqm_rfh2_encode(const struct mqm_props *p, const char *pattern, MQLONG enc, MQLONG next_enc,
		       MQLONG next_ccsid, const char *next_fmt, uint8_t **out, size_t *outlen, size_t *count)
{
	struct sbuf b = { NULL, 0, 0, 0 };
	char *done;
	size_t i, j, cnt = 0;
	int rev = reversed(enc);
	MQLONG rc = 0;

	*out = NULL;
	*outlen = 0;
	*count = 0;
	done = calloc(p->n + 1, 1);
	if (!done)
		return MQRC_STORAGE_NOT_AVAILABLE;
	sb_add(&b, "RFH \0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", RFH2_FIXED);
	/* one folder for each first name part, in the order they first appear */
	for (i = 0; i < p->n && !rc; i++) {
		const char *fn = p->v[i].name, *fd;
		size_t fl, start, pad;
		uint8_t nl[4];
		if (done[i] || (pattern && !mqm_prop_match(fn, pattern)))
			continue;
		fd = strchr(fn, '.');
		if (!fd || !xml_name_ok(fn, (size_t)(fd - fn))) {
			rc = MQRC_PROPERTY_NAME_ERROR;
			break;
		}
		fl = (size_t)(fd - fn);
		start = b.n;
		sb_add(&b, "\0\0\0\0<", 5);
		sb_add(&b, fn, fl);
		sb_str(&b, ">");
		for (j = i; j < p->n; j++) {
			const char *n = p->v[j].name;
			if (done[j] || (pattern && !mqm_prop_match(n, pattern)) || strncmp(n, fn, fl + 1) != 0)
				continue;
			done[j] = 1;
			cnt++;
			if ((rc = element(&b, &p->v[j], n + fl + 1)) != 0)
				break;
		}
		sb_str(&b, "</");
		sb_add(&b, fn, fl);
		sb_str(&b, ">");
		pad = (4 - (b.n - start - 4) % 4) % 4;
		sb_add(&b, "   ", pad);
		if (b.oom)
			break;
		if (b.n - start - 4 > 0x7fffffff) {
			rc = MQRC_PROPERTIES_TOO_BIG;
			break;
		}
		put_long(nl, (MQLONG)(b.n - start - 4), rev);
		memcpy(b.p + start, nl, 4);
	}
	free(done);
	if (!rc && b.oom)
		rc = MQRC_STORAGE_NOT_AVAILABLE;
	if (!rc && b.n > 0x7fffffff)
		rc = MQRC_PROPERTIES_TOO_BIG;
	if (rc || !cnt) {
		free(b.p);
		return rc;
	}
	{
		uint8_t *h = (uint8_t *)b.p;
		put_long(h + 4, MQRFH_VERSION_2, rev);
		put_long(h + 8, (MQLONG)b.n, rev);
		put_long(h + 12, next_enc, rev);
		put_long(h + 16, next_ccsid, rev);
		memcpy(h + 20, next_fmt, 8);
		put_long(h + 28, MQRFH_NO_FLAGS, rev);
		put_long(h + 32, 1208, rev);
	}
	*out = (uint8_t *)b.p;
	*outlen = b.n;
	*count = cnt;
	return 0;
}

/* ------------------------------------------------------------------------ */
/* decoding                                                                 */

struct rd {
	const char *p, *end;
	struct mqm_props *out;
	char path[MQ_MAX_PROPERTY_NAME_LENGTH + 1];
	size_t plen;
};

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0';
}

static void skip_ws(struct rd *r)
{
	while (r->p < r->end && is_ws(*r->p))
		r->p++;
}

static int name_char(char c, int first)
{
	unsigned char u = (unsigned char)c;
	if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || u == '_' || u == ':' || u >= 0x80)
		return 1;
	return !first && ((u >= '0' && u <= '9') || u == '-' || u == '.');
}

/* An XML name at r->p: its length (0: none). */
static size_t xml_name(struct rd *r)
{
	size_t n = 0;
	while (r->p + n < r->end && name_char(r->p[n], n == 0))
		n++;
	return n;
}

/* Text up to '<' with its entities resolved, into a malloc'd buffer. */
static int text(struct rd *r, char stop, uint8_t **out, size_t *len)
{
	const char *s = r->p;
	uint8_t *b;
	size_t n = 0;
	while (r->p < r->end && *r->p != stop && *r->p != '<')
		r->p++;
	if (r->p >= r->end)
		return -1;
	b = malloc((size_t)(r->p - s) + 1);
	if (!b)
		return -2;
	while (s < r->p) {
		if (*s != '&') {
			b[n++] = (uint8_t)*s++;
			continue;
		}
		{
			const char *semi = memchr(s, ';', (size_t)(r->p - s));
			size_t el;
			if (!semi)
				goto bad;
			el = (size_t)(semi - s) + 1;
			if (el == 4 && !memcmp(s, "&lt;", 4)) b[n++] = '<';
			else if (el == 4 && !memcmp(s, "&gt;", 4)) b[n++] = '>';
			else if (el == 5 && !memcmp(s, "&amp;", 5)) b[n++] = '&';
			else if (el == 6 && !memcmp(s, "&quot;", 6)) b[n++] = '"';
			else if (el == 6 && !memcmp(s, "&apos;", 6)) b[n++] = '\'';
			else if (el >= 4 && el <= 12 && s[1] == '#') {
				char num[12];
				char *e;
				unsigned long v;
				memcpy(num, s + 2, el - 3);
				num[el - 3] = 0;
				errno = 0;
				v = (num[0] == 'x') ? strtoul(num + 1, &e, 16) : strtoul(num, &e, 10);
				if (errno || *e || e == num || v > 0x10ffff)
					goto bad;
				if (v < 0x80) {
					b[n++] = (uint8_t)v;
				} else {
					/* at most 4 UTF-8 bytes stand for an entity of at least 4 bytes */
					if (v < 0x800) {
						b[n++] = (uint8_t)(0xc0 | v >> 6);
					} else if (v < 0x10000) {
						b[n++] = (uint8_t)(0xe0 | v >> 12);
						b[n++] = (uint8_t)(0x80 | ((v >> 6) & 0x3f));
					} else {
						b[n++] = (uint8_t)(0xf0 | v >> 18);
						b[n++] = (uint8_t)(0x80 | ((v >> 12) & 0x3f));
						b[n++] = (uint8_t)(0x80 | ((v >> 6) & 0x3f));
					}
					b[n++] = (uint8_t)(0x80 | (v & 0x3f));
				}
			} else {
				goto bad;
			}
			s = semi + 1;
		}
	}
	b[n] = 0;
	*out = b;
	*len = n;
	return 0;
bad:
	free(b);
	return -1;
}

static int hexval(uint8_t c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

/* The value text of a leaf as a property of the type dt names. */
static MQLONG leaf(struct rd *r, const char *dt, size_t dtl, int nil, uint8_t *t, size_t tl)
{
	struct mqm_prop p;
	uint8_t num[8];
	MQLONG rc;
	memset(&p, 0, sizeof p);
	p.name = r->path;
	p.namelen = r->plen;
	p.support = MQPD_SUPPORT_OPTIONAL;
	p.context = MQPD_NO_CONTEXT;
	p.copy = MQCOPY_DEFAULT;
	p.ccsid = 1208;
	p.type = MQTYPE_STRING;
	p.val = t;
	p.vlen = tl;
#define DT(s) (dtl == sizeof(s) - 1 && !memcmp(dt, s, dtl))
	if (nil) {
		p.type = MQTYPE_NULL;
		p.vlen = 0;
	} else if (!dt || DT("string")) {
		;
	} else if (DT("boolean")) {
		p.type = MQTYPE_BOOLEAN;
		if (tl == 1 && (t[0] == '0' || t[0] == '1'))
			num[0] = (uint8_t)(t[0] == '1');
		else if (tl == 4 && !memcmp(t, "true", 4))
			num[0] = 1;
		else if (tl == 5 && !memcmp(t, "false", 5))
			num[0] = 0;
		else
			return MQRC_RFH_FORMAT_ERROR;
		p.val = num;
		p.vlen = 1;
	} else if (DT("bin.hex")) {
		size_t i;
		if (tl % 2)
			return MQRC_RFH_FORMAT_ERROR;
		for (i = 0; i < tl / 2; i++) {
			int hi = hexval(t[2 * i]), lo = hexval(t[2 * i + 1]);
			if (hi < 0 || lo < 0)
				return MQRC_RFH_FORMAT_ERROR;
			t[i] = (uint8_t)(hi << 4 | lo);
		}
		p.type = MQTYPE_BYTE_STRING;
		p.vlen = tl / 2;
	} else if (DT("i1") || DT("i2") || DT("i4") || DT("int") || DT("i8")) {
		char *e;
		long long v;
		errno = 0;
		v = strtoll((const char *)t, &e, 10);
		if (errno || e == (char *)t || *e || is_ws((char)t[0]))
			return MQRC_RFH_FORMAT_ERROR;
		if (DT("i1")) {
			int8_t x = (int8_t)v;
			if (v < -128 || v > 127) return MQRC_RFH_FORMAT_ERROR;
			p.type = MQTYPE_INT8; memcpy(num, &x, 1); p.vlen = 1;
		} else if (DT("i2")) {
			int16_t x = (int16_t)v;
			if (v < -32768 || v > 32767) return MQRC_RFH_FORMAT_ERROR;
			p.type = MQTYPE_INT16; memcpy(num, &x, 2); p.vlen = 2;
		} else if (DT("i8")) {
			int64_t x = (int64_t)v;
			p.type = MQTYPE_INT64; memcpy(num, &x, 8); p.vlen = 8;
		} else {
			int32_t x = (int32_t)v;
			if (v < INT32_MIN || v > INT32_MAX) return MQRC_RFH_FORMAT_ERROR;
			p.type = MQTYPE_INT32; memcpy(num, &x, 4); p.vlen = 4;
		}
		p.val = num;
	} else if (DT("r4") || DT("r8")) {
		char *e;
		double v;
		errno = 0;
		v = strtod((const char *)t, &e);
		if (e == (char *)t || *e || is_ws((char)t[0]))
			return MQRC_RFH_FORMAT_ERROR;
		if (DT("r4")) {
			float x = (float)v;
			p.type = MQTYPE_FLOAT32; memcpy(num, &x, 4); p.vlen = 4;
		} else {
			p.type = MQTYPE_FLOAT64; memcpy(num, &v, 8); p.vlen = 8;
		}
		p.val = num;
	} else {
		/* a type Quire does not know: kept as its text and its dt */
		size_t n = dtl < 8 ? dtl : 8;
		memcpy(p.typestr, dt, n);
		p.typestr[n] = 0;
	}
#undef DT
	rc = mqm_props_insert(r->out, r->out->n, &p);
	return rc;
}

/* One element at r->p ('<' seen, not consumed); path extended by its name. */
static MQLONG elem(struct rd *r, int depth, int folder)
{
	const char *nm, *dt = NULL;
	size_t nl, dtl = 0, save = r->plen;
	int nil = 0, empty = 0;
	MQLONG rc;

	if (depth > MAX_DEPTH || r->p >= r->end || *r->p != '<')
		return MQRC_RFH_FORMAT_ERROR;
	r->p++;
	nm = r->p;
	if (!(nl = xml_name(r)))
		return MQRC_RFH_FORMAT_ERROR;
	if (memchr(nm, '.', nl) || memchr(nm, ':', nl))
		return MQRC_RFH_FORMAT_ERROR;     /* a "." would split the name differently */
	r->p += nl;
	/* attributes */
	for (;;) {
		const char *an, *av;
		size_t al, vl;
		char q;
		skip_ws(r);
		if (r->p >= r->end)
			return MQRC_RFH_FORMAT_ERROR;
		if (*r->p == '>') {
			r->p++;
			break;
		}
		if (*r->p == '/' && r->p + 1 < r->end && r->p[1] == '>') {
			r->p += 2;
			empty = 1;
			break;
		}
		an = r->p;
		if (!(al = xml_name(r)))
			return MQRC_RFH_FORMAT_ERROR;
		r->p += al;
		skip_ws(r);
		if (r->p >= r->end || *r->p != '=')
			return MQRC_RFH_FORMAT_ERROR;
		r->p++;
		skip_ws(r);
		if (r->p >= r->end || (*r->p != '"' && *r->p != '\''))
			return MQRC_RFH_FORMAT_ERROR;
		q = *r->p++;
		av = r->p;
		while (r->p < r->end && *r->p != q && *r->p != '<' && (unsigned char)*r->p >= 0x20)
			r->p++;   /* (a control character or NUL in a value is refused) */
		if (r->p >= r->end || *r->p != q)
			return MQRC_RFH_FORMAT_ERROR;
		vl = (size_t)(r->p - av);
		r->p++;
		if (al == 2 && !memcmp(an, "dt", 2)) {
			dt = av;
			dtl = vl;
		} else if (al == 7 && !memcmp(an, "xsi:nil", 7)) {
			nil = vl == 4 && !memcmp(av, "true", 4);
		}
	}
	if (r->plen + (r->plen ? 1 : 0) + nl > MQ_MAX_PROPERTY_NAME_LENGTH)
		return MQRC_RFH_FORMAT_ERROR;
	if (r->plen)
		r->path[r->plen++] = '.';
	memcpy(r->path + r->plen, nm, nl);
	r->plen += nl;
	r->path[r->plen] = 0;

	if (empty) {
		rc = folder ? 0 : leaf(r, dt, dtl, nil, (uint8_t *)"", 0);
		r->plen = save;
		return rc;
	}
	/* content: child elements, or text */
	{
		const char *c0 = r->p;
		int kids = 0;
		skip_ws(r);
		if (r->p + 1 < r->end && r->p[0] == '<' && r->p[1] != '/') {
			while (r->p + 1 < r->end && r->p[0] == '<' && r->p[1] != '/') {
				if ((rc = elem(r, depth + 1, 0)) != 0)
					return rc;
				kids++;
				skip_ws(r);
			}
		} else {
			uint8_t *t;
			size_t tl;
			int e;
			r->p = c0;
			if ((e = text(r, '<', &t, &tl)) != 0)
				return e == -2 ? MQRC_STORAGE_NOT_AVAILABLE : MQRC_RFH_FORMAT_ERROR;
			if (folder) {
				size_t i;
				for (i = 0; i < tl; i++)
					if (!is_ws((char)t[i]))
						break;
				rc = i < tl ? MQRC_RFH_FORMAT_ERROR : 0;
			} else {
				rc = leaf(r, dt, dtl, nil, t, tl);
			}
			free(t);
			if (rc)
				return rc;
		}
		(void)kids;
	}
	/* the end tag */
	if (r->p + 2 + nl + 1 > r->end || r->p[0] != '<' || r->p[1] != '/' || memcmp(r->p + 2, nm, nl) != 0)
		return MQRC_RFH_FORMAT_ERROR;
	r->p += 2 + nl;
	skip_ws(r);
	if (r->p >= r->end || *r->p != '>')
		return MQRC_RFH_FORMAT_ERROR;
	r->p++;
	r->plen = save;
	r->path[r->plen] = 0;
	return 0;
}

static int ccsid_ok(MQLONG c)
{
	/* UTF-8 and the character sets whose ASCII part is ASCII */
	return c == 1208 || c == 819 || c == 437 || c == 850 || c == 1252 || c == 923 || c == 367;
}

static int fixed_ok(const uint8_t *buf, size_t len, int rev)
{
	MQLONG v = get_long(buf + 4, rev), sl = get_long(buf + 8, rev);
	return v == MQRFH_VERSION_2 && sl >= RFH2_FIXED && (size_t)sl <= len && sl % 4 == 0;
}

MQLONG mqm_rfh2_decode(const uint8_t *buf, size_t len, MQLONG enc, struct mqm_props *out,
		       struct mqm_rfh2_info *info)
{
	int rev = reversed(enc);
	size_t pos, sl, n0 = out->n;
	struct rd *r;
	MQLONG rc = 0;

	memset(info, 0, sizeof *info);
	if (len < RFH2_FIXED || memcmp(buf, MQRFH_STRUC_ID, 4) != 0)
		return MQRC_RFH_FORMAT_ERROR;
	if (!fixed_ok(buf, len, rev)) {
		rev = !rev;
		if (!fixed_ok(buf, len, rev))
			return MQRC_RFH_FORMAT_ERROR;
	}
	sl = (size_t)get_long(buf + 8, rev);
	if (!ccsid_ok(get_long(buf + 32, rev)))
		return MQRC_RFH_FORMAT_ERROR;
	info->len = sl;
	info->next_enc = get_long(buf + 12, rev);
	info->next_ccsid = get_long(buf + 16, rev);
	memcpy(info->next_fmt, buf + 20, 8);
	info->only_props = 1;
	r = malloc(sizeof *r);
	if (!r)
		return MQRC_STORAGE_NOT_AVAILABLE;
	r->out = out;
	for (pos = RFH2_FIXED; pos < sl && !rc; ) {
		MQLONG fl;
		if (sl - pos < 4) {
			rc = MQRC_RFH_FORMAT_ERROR;
			break;
		}
		fl = get_long(buf + pos, rev);
		pos += 4;
		if (fl < 0 || fl % 4 || (size_t)fl > sl - pos) {
			rc = MQRC_RFH_FORMAT_ERROR;
			break;
		}
		r->p = (const char *)buf + pos;
		r->end = r->p + fl;
		r->plen = 0;
		r->path[0] = 0;
		pos += (size_t)fl;
		skip_ws(r);
		if (r->p >= r->end)
			continue;        /* an empty folder */
		if (r->end - r->p >= 5 && (!memcmp(r->p, "<psc>", 5) || !memcmp(r->p, "<psc ", 5) ||
					   (r->end - r->p >= 6 && !memcmp(r->p, "<pscr", 5)))) {
			info->only_props = 0;
			continue;
		}
		if ((rc = elem(r, 0, 1)) != 0)
			break;
		skip_ws(r);
		if (r->p != r->end)
			rc = MQRC_RFH_FORMAT_ERROR;
	}
	free(r);
	if (rc)
		while (out->n > n0)
			mqm_props_remove(out, out->n - 1);
	return rc;
}
