/*
 * msgprops.c: a message's properties read on the queue manager's side, for
 * selectors (msgprops.h).  The data is hostile: every length is checked
 * against the message, nothing is read past it, and the XML reader is
 * bounded in depth (16 levels of elements, as libmqm's).
 *
 * What is read:
 *   - the chain of MQRFH2s at the front of the data while the format names
 *     MQFMT_RF_HEADER_2 (the MQMD's, then each header's Format): StrucId
 *     "RFH ", Version 2, StrucLength at least 36, a multiple of 4 and inside
 *     the data, the integers in the encoding the MQMD (then each header)
 *     gives; a header that breaks one of these ends the walk;
 *   - each folder: an MQLONG NameValueLength (a multiple of 4, inside the
 *     header) and that many bytes of XML, in the header's NameValueCCSID when
 *     that is 1208 or a character set whose ASCII part is ASCII (819, 437,
 *     850, 1252, 923, 367); other CCSIDs' folders are left out;
 *   - <folder><name dt="...">value</name><a><b>..</b></a></folder>: a
 *     property is a leaf element, named by the path of element names from the
 *     folder with dots ("usr.a.b"); dt "i1" "i2" "i4" "i8" "int" are exact
 *     numbers, "r4" "r8" approximate, "boolean" (0, 1, true, false), "bin.hex"
 *     a byte string, none or "string" (or a dt not known, as libmqm) a string;
 *     xsi:nil="true" a null value; entities &lt; &gt; &amp; &quot; &apos; and
 *     &#N; &#xN; resolved.  Folders psc and pscr (publish/subscribe commands)
 *     hold no properties: they are skipped.
 *   - a folder whose XML cannot be read, or a value not of its dt, or in a
 *     NameValueCCSID that is not ASCII-based, leaves out the whole folder's
 *     properties and sets bad; msgprops_match then selects the message for no
 *     selector that names a property (MQ never selects a message with a
 *     property name not valid; we extend that to properties that cannot be
 *     read, so that "colour IS NULL" does not pick a message whose colour is
 *     there but unreadable).  A getter without a selector still gets it.
 * Root.MQMD.<Field> names the MQMD's fields as libmqm's propmd.c names them,
 * the MQMD a getter would see: Format, Encoding and CodedCharSetId those of
 * what follows the MQRFH2s of properties (up to one holding a psc or pscr
 * folder), so a message put with properties and MQFMT_STRING is 'MQSTR';
 * the C field names, case as written: numbers as exact numbers, text
 * fields as strings without their trailing blanks and NULs (so
 * Root.MQMD.Format = 'MQSTR' selects; our decision), MsgId, CorrelId,
 * AccountingToken and GroupId as byte strings of their full length.
 */
#include "qm/engine/msgprops.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 16
#define FIXED 36

/* ------------------------------------------------------------------------ */
/* the list                                                                 */

static int add(struct msgprops *p, const char *name, size_t nl, const struct sel_val *v)
{
	if (p->n == p->cap) {
		size_t nc = p->cap ? p->cap * 2 : 8;
		struct msgprop *x = realloc(p->v, nc * sizeof *x);
		if (!x)
			return -1;
		p->v = x;
		p->cap = nc;
	}
	size_t extra = (v->type == SEL_STR || v->type == SEL_BYTES) ? v->len : 0;
	char *b = malloc(nl + 1 + extra + 1);
	if (!b)
		return -1;
	memcpy(b, name, nl);
	b[nl] = 0;
	struct msgprop *e = &p->v[p->n++];
	e->name = b;
	e->namelen = nl;
	e->v = *v;
	if (extra || v->type == SEL_STR || v->type == SEL_BYTES) {
		uint8_t *val = (uint8_t *)b + nl + 1;
		if (extra)
			memcpy(val, v->s, extra);
		val[extra] = 0;
		e->v.s = val;
	}
	return 0;
}

static void drop_from(struct msgprops *p, size_t n)
{
	while (p->n > n)
		free(p->v[--p->n].name);
}

void msgprops_free(struct msgprops *p)
{
	drop_from(p, 0);
	free(p->v);
	p->v = NULL;
	p->cap = 0;
}

/* ------------------------------------------------------------------------ */
/* the XML of one folder                                                    */

struct xr {
	const uint8_t *p, *end;
	char path[MQ_MAX_PROPERTY_NAME_LENGTH + 1];
	size_t plen;
	struct msgprops *out;
};

static int ws(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0;
}

static void skip_ws(struct xr *r)
{
	while (r->p < r->end && ws(*r->p))
		r->p++;
}

static int name_char(uint8_t c, int first)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':' || c >= 0x80)
		return 1;
	return !first && ((c >= '0' && c <= '9') || c == '-' || c == '.');
}

static size_t xname(const struct xr *r)
{
	size_t n = 0;
	while (r->p + n < r->end && name_char(r->p[n], n == 0))
		n++;
	return n;
}

static int hexv(uint8_t c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

/* Text up to '<', entities resolved, into a malloc'd NUL-terminated buffer. */
static int text(struct xr *r, uint8_t **out, size_t *len)
{
	const uint8_t *s = r->p;
	while (r->p < r->end && *r->p != '<')
		r->p++;
	if (r->p >= r->end)
		return -1;
	uint8_t *b = malloc((size_t)(r->p - s) + 1);
	size_t n = 0;
	if (!b)
		return -1;
	while (s < r->p) {
		if (*s != '&') {
			b[n++] = *s++;
			continue;
		}
		const uint8_t *semi = memchr(s, ';', (size_t)(r->p - s));
		if (!semi || semi - s > 12)
			goto bad;
		size_t el = (size_t)(semi - s) + 1;
		if (el == 4 && !memcmp(s, "&lt;", 4)) b[n++] = '<';
		else if (el == 4 && !memcmp(s, "&gt;", 4)) b[n++] = '>';
		else if (el == 5 && !memcmp(s, "&amp;", 5)) b[n++] = '&';
		else if (el == 6 && !memcmp(s, "&quot;", 6)) b[n++] = '"';
		else if (el == 6 && !memcmp(s, "&apos;", 6)) b[n++] = '\'';
		else if (el >= 4 && s[1] == '#') {
			unsigned long v = 0;
			const uint8_t *d = s + 2;
			int hex = *d == 'x';
			if (hex)
				d++;
			if (d == semi)
				goto bad;
			for (; d < semi; d++) {
				int x = hex ? hexv(*d) : (*d >= '0' && *d <= '9' ? *d - '0' : -1);
				if (x < 0 || v > 0x10ffff)
					goto bad;
				v = v * (hex ? 16 : 10) + (unsigned long)x;
			}
			if (v > 0x10ffff)
				goto bad;
			/* at most 4 UTF-8 bytes for an entity of at least 4 bytes */
			if (v < 0x80) {
				b[n++] = (uint8_t)v;
			} else if (v < 0x800) {
				b[n++] = (uint8_t)(0xc0 | v >> 6);
				b[n++] = (uint8_t)(0x80 | (v & 0x3f));
			} else if (v < 0x10000) {
				b[n++] = (uint8_t)(0xe0 | v >> 12);
				b[n++] = (uint8_t)(0x80 | ((v >> 6) & 0x3f));
				b[n++] = (uint8_t)(0x80 | (v & 0x3f));
			} else {
				b[n++] = (uint8_t)(0xf0 | v >> 18);
				b[n++] = (uint8_t)(0x80 | ((v >> 12) & 0x3f));
				b[n++] = (uint8_t)(0x80 | ((v >> 6) & 0x3f));
				b[n++] = (uint8_t)(0x80 | (v & 0x3f));
			}
		} else {
			goto bad;
		}
		s = semi + 1;
	}
	b[n] = 0;
	*out = b;
	*len = n;
	return 0;
bad:
	free(b);
	return -1;
}

static int dt_is(const uint8_t *dt, size_t dtl, const char *s)
{
	return dt && dtl == strlen(s) && memcmp(dt, s, dtl) == 0;
}

/* A leaf's value text t (NUL-terminated, tl bytes, may be rewritten) as its dt. */
static int leaf(struct xr *r, const uint8_t *dt, size_t dtl, int nil, uint8_t *t, size_t tl)
{
	struct sel_val v;
	memset(&v, 0, sizeof v);
	if (nil) {
		v.type = SEL_NULL;
	} else if (!dt || dt_is(dt, dtl, "string")) {
		v.type = SEL_STR;
	} else if (dt_is(dt, dtl, "boolean")) {
		v.type = SEL_BOOL;
		if (tl == 1 && (t[0] == '0' || t[0] == '1'))
			v.b = t[0] == '1';
		else if (tl == 4 && !memcmp(t, "true", 4))
			v.b = 1;
		else if (tl == 5 && !memcmp(t, "false", 5))
			v.b = 0;
		else
			return -1;
	} else if (dt_is(dt, dtl, "bin.hex")) {
		if (tl % 2)
			return -1;
		for (size_t i = 0; i < tl / 2; i++) {
			int hi = hexv(t[2 * i]), lo = hexv(t[2 * i + 1]);
			if (hi < 0 || lo < 0)
				return -1;
			t[i] = (uint8_t)(hi << 4 | lo);
		}
		v.type = SEL_BYTES;
		tl /= 2;
	} else if (dt_is(dt, dtl, "i1") || dt_is(dt, dtl, "i2") || dt_is(dt, dtl, "i4") ||
		   dt_is(dt, dtl, "int") || dt_is(dt, dtl, "i8")) {
		char *e;
		errno = 0;
		long long x = strtoll((const char *)t, &e, 10);
		if (errno || e == (char *)t || *e || ws(t[0]))
			return -1;
		if ((dt_is(dt, dtl, "i1") && (x < -128 || x > 127)) ||
		    (dt_is(dt, dtl, "i2") && (x < -32768 || x > 32767)) ||
		    ((dt_is(dt, dtl, "i4") || dt_is(dt, dtl, "int")) && (x < INT32_MIN || x > INT32_MAX)))
			return -1;
		v.type = SEL_INT;
		v.i = x;
	} else if (dt_is(dt, dtl, "r4") || dt_is(dt, dtl, "r8")) {
		char *e;
		double x = strtod((const char *)t, &e);
		if (e == (char *)t || *e || ws(t[0]))
			return -1;
		if (dt_is(dt, dtl, "r4"))
			x = (float)x;
		v.type = SEL_DBL;
		v.d = x;
	} else {
		v.type = SEL_STR;   /* a type not known: its text, as libmqm keeps it */
	}
	if (v.type == SEL_STR || v.type == SEL_BYTES) {
		v.s = t;
		v.len = tl;
	}
	return add(r->out, r->path, r->plen, &v);
}

/* One element at r->p ('<' not consumed); the path grows by its name. */
static int elem(struct xr *r, int depth, int folder)
{
	const uint8_t *dt = NULL;
	size_t dtl = 0, save = r->plen;
	int nil = 0, empty = 0;

	if (depth > MAX_DEPTH || r->p >= r->end || *r->p != '<')
		return -1;
	r->p++;
	const uint8_t *nm = r->p;
	size_t nl = xname(r);
	if (!nl || memchr(nm, '.', nl) || memchr(nm, ':', nl))
		return -1;
	r->p += nl;
	for (;;) {
		skip_ws(r);
		if (r->p >= r->end)
			return -1;
		if (*r->p == '>') {
			r->p++;
			break;
		}
		if (*r->p == '/' && r->p + 1 < r->end && r->p[1] == '>') {
			r->p += 2;
			empty = 1;
			break;
		}
		const uint8_t *an = r->p;
		size_t al = xname(r);
		if (!al)
			return -1;
		r->p += al;
		skip_ws(r);
		if (r->p >= r->end || *r->p != '=')
			return -1;
		r->p++;
		skip_ws(r);
		if (r->p >= r->end || (*r->p != '"' && *r->p != '\''))
			return -1;
		uint8_t q = *r->p++;
		const uint8_t *av = r->p;
		while (r->p < r->end && *r->p != q && *r->p != '<')
			r->p++;
		if (r->p >= r->end || *r->p != q)
			return -1;
		size_t vl = (size_t)(r->p - av);
		r->p++;
		if (al == 2 && !memcmp(an, "dt", 2)) {
			dt = av;
			dtl = vl;
		} else if (al == 7 && !memcmp(an, "xsi:nil", 7)) {
			nil = vl == 4 && !memcmp(av, "true", 4);
		}
	}
	if (r->plen + (r->plen ? 1 : 0) + nl > MQ_MAX_PROPERTY_NAME_LENGTH)
		return -1;
	if (r->plen)
		r->path[r->plen++] = '.';
	memcpy(r->path + r->plen, nm, nl);
	r->plen += nl;
	r->path[r->plen] = 0;
	int rc = 0;
	if (empty) {
		if (!folder) {
			uint8_t z[1] = { 0 };
			rc = leaf(r, dt, dtl, nil, z, 0);
		}
		r->plen = save;
		r->path[r->plen] = 0;
		return rc;
	}
	const uint8_t *c0 = r->p;
	skip_ws(r);
	if (r->p + 1 < r->end && r->p[0] == '<' && r->p[1] != '/') {
		while (r->p + 1 < r->end && r->p[0] == '<' && r->p[1] != '/') {
			if (elem(r, depth + 1, 0))
				return -1;
			skip_ws(r);
		}
	} else {
		uint8_t *t;
		size_t tl;
		r->p = c0;
		if (text(r, &t, &tl))
			return -1;
		if (folder) {
			for (size_t i = 0; i < tl; i++)
				if (!ws(t[i]))
					rc = -1;
		} else {
			rc = leaf(r, dt, dtl, nil, t, tl);
		}
		free(t);
		if (rc)
			return rc;
	}
	if ((size_t)(r->end - r->p) < 2 + nl + 1 || r->p[0] != '<' || r->p[1] != '/' || memcmp(r->p + 2, nm, nl))
		return -1;
	r->p += 2 + nl;
	skip_ws(r);
	if (r->p >= r->end || *r->p != '>')
		return -1;
	r->p++;
	r->plen = save;
	r->path[r->plen] = 0;
	return 0;
}

/* ------------------------------------------------------------------------ */
/* the MQRFH2 chain                                                         */

static int reversed(MQLONG enc)
{
	MQLONG i = enc & MQENC_INTEGER_MASK;
	if (i == MQENC_INTEGER_NORMAL)
		return 0;
	if (i == MQENC_INTEGER_REVERSED)
		return 1;
	return (MQENC_NATIVE & MQENC_INTEGER_MASK) == MQENC_INTEGER_REVERSED;
}

static uint32_t get32(const uint8_t *p, int rev)
{
	return rev ? (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24
		   : (uint32_t)p[3] | (uint32_t)p[2] << 8 | (uint32_t)p[1] << 16 | (uint32_t)p[0] << 24;
}

static int ccsid_ascii(uint32_t c)
{
	return c == 1208 || c == 819 || c == 437 || c == 850 || c == 1252 || c == 923 || c == 367;
}

/* The folder's name is psc or pscr (publish/subscribe commands). */
static int command_folder(const uint8_t *p, size_t n)
{
	size_t i = 0;
	while (i < n && ws(p[i]))
		i++;
	if (i >= n || p[i] != '<')
		return 0;
	i++;
	for (int k = 0; k < 2; k++) {
		const char *w = k ? "pscr" : "psc";
		size_t l = strlen(w);
		if (n - i > l && !memcmp(p + i, w, l) && (p[i + l] == '>' || p[i + l] == ' ' || p[i + l] == '/'))
			return 1;
	}
	return 0;
}

static void folder(struct msgprops *p, const uint8_t *x, size_t n)
{
	struct xr *r = malloc(sizeof *r);
	if (!r) {
		p->bad = 1;
		return;
	}
	size_t had = p->n;
	r->p = x;
	r->end = x + n;
	r->plen = 0;
	r->path[0] = 0;
	r->out = p;
	skip_ws(r);
	int rc = r->p < r->end ? elem(r, 0, 1) : 0;
	if (!rc) {
		skip_ws(r);   /* the padding: blanks (and NULs) only */
		if (r->p < r->end)
			rc = -1;
	}
	if (rc) {
		drop_from(p, had);
		p->bad = 1;
	}
	free(r);
}

void msgprops_read(struct msgprops *p, const MQMD *md, const uint8_t *data, size_t len)
{
	memset(p, 0, sizeof *p);
	if (!md)
		return;
	p->body_md = *md;
	p->md = &p->body_md;
	if (!data)
		return;
	MQLONG enc = md->Encoding;
	int props_only = 1;   /* no psc or pscr folder yet: the MQMD view follows the headers */
	char fmt[MQ_FORMAT_LENGTH];
	memcpy(fmt, md->Format, sizeof fmt);
	size_t pos = 0;
	while (!memcmp(fmt, MQFMT_RF_HEADER_2, MQ_FORMAT_LENGTH) && len - pos >= FIXED) {
		const uint8_t *h = data + pos;
		int rev = reversed(enc);
		if (memcmp(h, MQRFH_STRUC_ID, 4) != 0 || get32(h + 4, rev) != MQRFH_VERSION_2) {
			p->bad = 1;
			return;
		}
		uint32_t sl = get32(h + 8, rev);
		if (sl < FIXED || sl > len - pos || sl % 4) {
			p->bad = 1;
			return;
		}
		uint32_t nvccsid = get32(h + 32, rev);
		for (uint32_t f = FIXED; f < sl;) {
			if (sl - f < 4) {
				p->bad = 1;
				return;
			}
			uint32_t n = get32(h + f, rev);
			f += 4;
			if (n > sl - f || n % 4) {
				p->bad = 1;
				return;
			}
			if (!command_folder(h + f, n)) {
				if (ccsid_ascii(nvccsid))
					folder(p, h + f, n);
				else
					p->bad = 1;
			} else {
				props_only = 0;
			}
			f += n;
		}
		enc = (MQLONG)get32(h + 12, rev);
		memcpy(fmt, h + 20, MQ_FORMAT_LENGTH);
		pos += sl;
		if (props_only) {
			p->body_md.Encoding = enc;
			if ((MQLONG)get32(h + 16, rev) != MQCCSI_INHERIT)
				p->body_md.CodedCharSetId = (MQLONG)get32(h + 16, rev);
			memcpy(p->body_md.Format, fmt, MQ_FORMAT_LENGTH);
		}
	}
}

/* ------------------------------------------------------------------------ */
/* looking up                                                               */

#define F(name, t) { #name, offsetof(MQMD, name), sizeof(((MQMD *)0)->name), t }
static const struct { const char *name; size_t off, size; int type; } md_fields[] = {
	F(Report, SEL_INT), F(MsgType, SEL_INT), F(Expiry, SEL_INT), F(Feedback, SEL_INT),
	F(Encoding, SEL_INT), F(CodedCharSetId, SEL_INT), F(Format, SEL_STR), F(Priority, SEL_INT),
	F(Persistence, SEL_INT), F(MsgId, SEL_BYTES), F(CorrelId, SEL_BYTES), F(BackoutCount, SEL_INT),
	F(ReplyToQ, SEL_STR), F(ReplyToQMgr, SEL_STR), F(UserIdentifier, SEL_STR),
	F(AccountingToken, SEL_BYTES), F(ApplIdentityData, SEL_STR), F(PutApplType, SEL_INT),
	F(PutApplName, SEL_STR), F(PutDate, SEL_STR), F(PutTime, SEL_STR), F(ApplOriginData, SEL_STR),
	F(GroupId, SEL_BYTES), F(MsgSeqNumber, SEL_INT), F(Offset, SEL_INT), F(MsgFlags, SEL_INT),
	F(OriginalLength, SEL_INT),
};
#undef F

static const char *const jms_syn[][2] = {
	{ "JMSCorrelationID", "jms.Cid" }, { "JMSReplyTo", "jms.Rto" }, { "JMSType", "mcd.Type" },
	{ "JMSXGroupID", "jms.Gid" }, { "JMSXGroupSeq", "jms.Seq" }, { "JMSDeliveryMode", "jms.Dlv" },
	{ "JMSDestination", "jms.Dst" }, { "JMSExpiration", "jms.Exp" }, { "JMSPriority", "jms.Pri" },
	{ "JMSTimestamp", "jms.Tms" },
};

static int md_lookup(const MQMD *md, const char *f, size_t fl, struct sel_val *v)
{
	for (size_t i = 0; i < sizeof md_fields / sizeof md_fields[0]; i++) {
		if (strlen(md_fields[i].name) != fl || memcmp(md_fields[i].name, f, fl))
			continue;
		const uint8_t *b = (const uint8_t *)md + md_fields[i].off;
		if (md->Version < MQMD_VERSION_2 && md_fields[i].off >= offsetof(MQMD, GroupId))
			return 0;   /* not in a version-1 descriptor */
		memset(v, 0, sizeof *v);
		v->type = md_fields[i].type;
		if (v->type == SEL_INT) {
			MQLONG x;
			memcpy(&x, b, sizeof x);
			v->i = x;
		} else {
			size_t n = md_fields[i].size;
			if (v->type == SEL_STR)
				while (n && (b[n - 1] == ' ' || b[n - 1] == 0))
					n--;
			v->s = b;
			v->len = n;
		}
		return 1;
	}
	return 0;
}

int msgprops_lookup(void *arg, const char *name, size_t namelen, struct sel_val *v)
{
	const struct msgprops *p = arg;
	static const char root[] = "Root.MQMD.";
	char canon[MQ_MAX_PROPERTY_NAME_LENGTH + 8];
	if (namelen > MQ_MAX_PROPERTY_NAME_LENGTH)
		return 0;
	if (namelen > sizeof root - 1 && !memcmp(name, root, sizeof root - 1))
		return p->md ? md_lookup(p->md, name + sizeof root - 1, namelen - (sizeof root - 1), v) : 0;
	const char *n = name;
	size_t nl = namelen;
	for (size_t i = 0; i < sizeof jms_syn / sizeof jms_syn[0]; i++)
		if (strlen(jms_syn[i][0]) == namelen && !memcmp(jms_syn[i][0], name, namelen)) {
			n = jms_syn[i][1];
			nl = strlen(n);
			break;
		}
	if (n == name && !memchr(name, '.', namelen)) {
		memcpy(canon, "usr.", 4);
		memcpy(canon + 4, name, namelen);
		n = canon;
		nl = namelen + 4;
	}
	/* the last of a name wins, as a later MQRFH2 adds to the message's properties */
	for (size_t i = p->n; i-- > 0;)
		if (p->v[i].namelen == nl && !memcmp(p->v[i].name, n, nl)) {
			*v = p->v[i].v;
			return v->type != SEL_NULL;
		}
	return 0;
}

int msgprops_match(const struct sel *s, const MQMD *md, const uint8_t *data, size_t len)
{
	if (sel_always_true(s))
		return 1;
	struct msgprops p;
	msgprops_read(&p, md, data, len);
	int yes = !p.bad && sel_match(s, msgprops_lookup, &p);
	msgprops_free(&p);
	return yes;
}
