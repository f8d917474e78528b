/*
 * chlauth.c: channel authentication records (chlauth.h): generic names and
 * addresses, the stored form, SET CHLAUTH's changes, and the decision.
 *
 * The stored form (the data of one persistent message on
 * SYSTEM.CHLAUTH.DATA.QUEUE, qm/server/chlauth.c; integers little-endian):
 *   0   char[4]  "QCHL"
 *   4   u32      version (1)
 *   8   u32      TYPE (MQCAUT_*), 12 u32 USERSRC (MQUSRC_*), 16 u32 CHCKCLNT
 *                (MQCHK_*), 20 u32 WARN (0 or 1)
 *   24  i64      altered (ms since the epoch)
 *   32  u32      entries of USERLIST or ADDRLIST
 *   36  then strings, each u32 n + n bytes (no NUL): profile, DESCR, ADDRESS,
 *       CLNTUSER, SSLPEER, SSLCERTI, MCAUSER, and the list's entries
 * Every length is checked against its field's limit on decoding; a record
 * that breaks one is not a record (the server reports it as damaged data).
 *
 * Generic IP addresses (MQ's rules): "*" alone; IPv4 a.b.c.d and IPv6 with 8
 * groups (or "::"), each part a number, a range lo-hi (lo < hi) or '*', which
 * stands for one or more parts; fewer parts than the address has only with a
 * '*'; a '*' is a part of its own ("192.0*" is not valid) and two '*' parts
 * are never next to each other ("192.0.*.*"); "::" and '*' not in one
 * pattern.  Host names and IPv4 parts inside IPv6 patterns are not served.
 * A peer's IPv4-mapped IPv6 address (::ffff:a.b.c.d) matches as IPv4.
 */
#include "qm/admin/chlauth.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmqcfc.h"
#include "log/byteorder.h"

/* ---- records and sets ------------------------------------------------------------------ */

void chl_rec_free(struct chl_rec *r)
{
	if (r) {
		free(r->list);
		r->list = NULL;
		r->nlist = 0;
	}
}

int chl_rec_copy(struct chl_rec *dst, const struct chl_rec *src)
{
	*dst = *src;
	dst->list = NULL;
	if (src->nlist) {
		dst->list = malloc((size_t)src->nlist * sizeof *dst->list);
		if (!dst->list) {
			dst->nlist = 0;
			return -1;
		}
		memcpy(dst->list, src->list, (size_t)src->nlist * sizeof *dst->list);
	}
	return 0;
}

void chl_set_free(struct chl_set *s)
{
	for (size_t i = 0; s && i < s->n; i++)
		chl_rec_free(&s->v[i]);
	if (s) {
		free(s->v);
		memset(s, 0, sizeof *s);
	}
}

int chl_set_add(struct chl_set *s, const struct chl_rec *r)
{
	if (s->n == s->cap) {
		size_t nc = s->cap ? 2 * s->cap : 8;
		struct chl_rec *v = realloc(s->v, nc * sizeof *v);
		if (!v)
			return -1;
		s->v = v;
		s->cap = nc;
	}
	if (chl_rec_copy(&s->v[s->n], r))
		return -1;
	s->n++;
	return 0;
}

void chl_set_del(struct chl_set *s, size_t i)
{
	if (i >= s->n)
		return;
	chl_rec_free(&s->v[i]);
	memmove(&s->v[i], &s->v[i + 1], (s->n - i - 1) * sizeof *s->v);
	s->n--;
}

static const char *const type_names[] = { "", "BLOCKUSER", "BLOCKADDR", "SSLPEERMAP", "ADDRESSMAP", "USERMAP" };

const char *chl_type_name(int type)
{
	return type >= CHL_BLOCKUSER && type <= CHL_USERMAP ? type_names[type] : "";
}

int chl_type_of(const char *word)
{
	for (int t = CHL_BLOCKUSER; t <= CHL_USERMAP; t++)
		if (!strcmp(word, type_names[t]))
			return t;
	return 0;
}

/* ---- generic names ----------------------------------------------------------------------- */

static int glob_at(const char *p, const char *s, int nocase)
{
	while (*p) {
		if (*p == '*') {
			while (*p == '*')
				p++;
			if (!*p)
				return 1;
			for (; *s; s++)
				if (glob_at(p, s, nocase))
					return 1;
			return 0;
		}
		if (!*s || (nocase ? tolower((unsigned char)*p) != tolower((unsigned char)*s) : *p != *s))
			return 0;
		p++;
		s++;
	}
	return !*s;
}

int chl_glob(const char *pat, const char *s)
{
	return glob_at(pat, s, 0);
}

/* Memoised over the two patterns' positions (each at most a channel name). */
static int overlap_at(const char *a, size_t i, const char *b, size_t j, signed char memo[22][22])
{
	if (memo[i][j])
		return memo[i][j] > 0;
	int r;
	if (!a[i] && !b[j])
		r = 1;
	else if (a[i] == '*')
		r = overlap_at(a, i + 1, b, j, memo) || (b[j] && overlap_at(a, i, b, j + 1, memo));
	else if (b[j] == '*')
		r = overlap_at(a, i, b, j + 1, memo) || (a[i] && overlap_at(a, i + 1, b, j, memo));
	else
		r = a[i] && b[j] && a[i] == b[j] && overlap_at(a, i + 1, b, j + 1, memo);
	memo[i][j] = r ? 1 : -1;
	return r;
}

int chl_glob_overlap(const char *a, const char *b)
{
	signed char memo[22][22];
	if (strlen(a) > 21 || strlen(b) > 21)
		return 0;
	memset(memo, 0, sizeof memo);
	return overlap_at(a, 0, b, 0, memo);
}

int chl_profile_rank(const char *profile)
{
	int lit = 0, star = 0;
	for (const char *p = profile; *p; p++)
		if (*p == '*')
			star = 1;
		else
			lit++;
	return 2 * lit + !star;   /* a name with no '*' beats a generic one of as many characters */
}

/* ---- addresses ----------------------------------------------------------------------------- */

struct apart {
	int star;
	unsigned lo, hi;
};

struct apat {
	int any;          /* "*" alone */
	int v6;
	int n;
	struct apart p[8];
};

static int num_part(const char *s, size_t len, int v6, unsigned *out)
{
	if (!len || len > (v6 ? 4u : 3u))
		return -1;
	unsigned v = 0;
	for (size_t i = 0; i < len; i++) {
		int c = (unsigned char)s[i];
		int d = isdigit(c) ? c - '0' : v6 && isxdigit(c) ? tolower(c) - 'a' + 10 : -1;
		if (d < 0)
			return -1;
		v = v * (v6 ? 16u : 10u) + (unsigned)d;
	}
	if (v > (v6 ? 0xffffu : 255u))
		return -1;
	*out = v;
	return 0;
}

/* 0, or the MQRCCF_* reason with err. */
static int apat_parse(const char *pat, struct apat *a, char *err, size_t errlen)
{
	memset(a, 0, sizeof *a);
	if (!strcmp(pat, "*")) {
		a->any = 1;
		return 0;
	}
	size_t len = strlen(pat);
	if (!len || len > 64) {
		snprintf(err, errlen, "'%.64s' is not an IP address or pattern", pat);
		return MQRCCF_IPADDR_ERROR;
	}
	a->v6 = strchr(pat, ':') != NULL;
	const char *dbl = a->v6 ? strstr(pat, "::") : NULL;
	int stars = 0, before = 0;
	char sep = a->v6 ? ':' : '.';
	int max = a->v6 ? 8 : 4;
	struct apart tmp[9];
	int nt = 0;
	const char *p = pat;
	if (dbl == pat)
		p += 2;   /* leading "::" */
	for (;;) {
		const char *e = p;
		while (*e && *e != sep)
			e++;
		size_t l = (size_t)(e - p);
		if (nt >= max) {
			snprintf(err, errlen, "'%s' has more parts than an %s address", pat, a->v6 ? "IPv6" : "IPv4");
			return MQRCCF_IPADDR_ERROR;
		}
		struct apart *pt = &tmp[nt];
		memset(pt, 0, sizeof *pt);
		const char *dash = memchr(p, '-', l);
		if (l == 1 && *p == '*') {
			if (nt && tmp[nt - 1].star) {
				snprintf(err, errlen, "'%s' has two '*' parts next to each other", pat);
				return MQRCCF_IPADDR_ERROR;
			}
			pt->star = 1;
			stars++;
		} else if (dash) {
			unsigned lo, hi;
			if (num_part(p, (size_t)(dash - p), a->v6, &lo) ||
			    num_part(dash + 1, l - (size_t)(dash - p) - 1, a->v6, &hi)) {
				snprintf(err, errlen, "'%s' has a part that is not a number or range", pat);
				return MQRCCF_IPADDR_ERROR;
			}
			if (lo >= hi) {
				snprintf(err, errlen, "'%s' has a range whose low end is not below its high end", pat);
				return MQRCCF_IPADDR_RANGE_ERROR;
			}
			pt->lo = lo;
			pt->hi = hi;
		} else {
			unsigned v;
			if (num_part(p, l, a->v6, &v)) {
				snprintf(err, errlen, "'%s' has a part that is not a number, a range or '*'", pat);
				return MQRCCF_IPADDR_ERROR;
			}
			pt->lo = pt->hi = v;
		}
		nt++;
		if (dbl && e == dbl) {
			before = nt;
			p = e + 2;
			if (!*p)
				break;   /* trailing "::" */
			continue;
		}
		if (!*e)
			break;
		p = e + 1;
		if (!*p) {
			snprintf(err, errlen, "'%s' ends with '%c'", pat, sep);
			return MQRCCF_IPADDR_ERROR;
		}
	}
	if (dbl) {
		if (stars || strstr(dbl + 2, "::")) {
			snprintf(err, errlen, "'%s' has '::' with '*' or twice", pat);
			return MQRCCF_IPADDR_ERROR;
		}
		if (dbl == pat)
			before = 0;
		int fill = max - nt;
		if (fill < 1) {
			snprintf(err, errlen, "'%s' has too many groups for '::'", pat);
			return MQRCCF_IPADDR_ERROR;
		}
		int k = 0;
		for (int i = 0; i < before; i++)
			a->p[k++] = tmp[i];
		for (int i = 0; i < fill; i++) {
			memset(&a->p[k], 0, sizeof a->p[k]);
			k++;
		}
		for (int i = before; i < nt; i++)
			a->p[k++] = tmp[i];
		a->n = max;
		return 0;
	}
	if (!stars && nt != max) {
		snprintf(err, errlen, "'%s' has %d parts: an %s address has %d (or end the pattern with '*')", pat, nt,
			 a->v6 ? "IPv6" : "IPv4", max);
		return MQRCCF_IPADDR_ERROR;
	}
	memcpy(a->p, tmp, (size_t)nt * sizeof *tmp);
	a->n = nt;
	return 0;
}

int chl_addr_check(const char *pat, char *err, size_t errlen)
{
	struct apat a;
	return apat_parse(pat, &a, err, errlen);
}

static int parts_match(const struct apart *p, int np, const unsigned *v, int nv)
{
	if (!np)
		return !nv;
	if (p->star) {
		for (int k = 1; k <= nv; k++)
			if (parts_match(p + 1, np - 1, v + k, nv - k))
				return 1;
		return 0;
	}
	return nv > 0 && v[0] >= p->lo && v[0] <= p->hi && parts_match(p + 1, np - 1, v + 1, nv - 1);
}

/* A concrete address as parts: 4 (IPv4, or IPv4-mapped IPv6) or 8; 0 when not an address. */
static int addr_parts(const char *addr, unsigned v[8], int *v6)
{
	unsigned char b[16];
	if (inet_pton(AF_INET, addr, b) == 1) {
		for (int i = 0; i < 4; i++)
			v[i] = b[i];
		*v6 = 0;
		return 4;
	}
	if (inet_pton(AF_INET6, addr, b) == 1) {
		static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
		if (!memcmp(b, mapped, 12)) {
			for (int i = 0; i < 4; i++)
				v[i] = b[12 + i];
			*v6 = 0;
			return 4;
		}
		for (int i = 0; i < 8; i++)
			v[i] = (unsigned)b[2 * i] << 8 | b[2 * i + 1];
		*v6 = 1;
		return 8;
	}
	return 0;
}

int chl_addr_match(const char *pat, const char *addr)
{
	struct apat a;
	char err[160];
	unsigned v[8];
	int v6 = 0;
	if (!addr || !*addr || apat_parse(pat, &a, err, sizeof err))
		return 0;
	int n = addr_parts(addr, v, &v6);
	if (!n)
		return 0;
	if (a.any)
		return 1;
	return a.v6 == v6 && parts_match(a.p, a.n, v, n);
}

int chl_addr_plain(const char *addr)
{
	unsigned v[8];
	int v6;
	return addr_parts(addr, v, &v6) != 0;
}

/* How specific an address pattern is: literal parts count 2, ranges 1. */
static int addr_rank(const char *pat)
{
	struct apat a;
	char err[160];
	if (!pat[0] || apat_parse(pat, &a, err, sizeof err) || a.any)
		return 0;
	int r = 0;
	for (int i = 0; i < a.n; i++)
		r += a.p[i].star ? 0 : a.p[i].lo == a.p[i].hi ? 2 : 1;
	return r;
}

int chl_addr_conflict(const char *x, const char *y)
{
	struct apat a, b;
	char err[160];
	if (apat_parse(x, &a, err, sizeof err) || apat_parse(y, &b, err, sizeof err) || a.any || b.any ||
	    a.v6 != b.v6 || a.n != b.n)
		return 0;
	int partial = 0;
	for (int i = 0; i < a.n; i++) {
		const struct apart *p = &a.p[i], *q = &b.p[i];
		if (p->star != q->star)
			return 0;
		if (p->star)
			continue;
		if (p->hi < q->lo || q->hi < p->lo)
			return 0;   /* apart in this part: the two never meet */
		int inside = (p->lo >= q->lo && p->hi <= q->hi) || (q->lo >= p->lo && q->hi <= p->hi);
		if (!inside)
			partial = 1;
	}
	return partial;
}

/* ---- distinguished names --------------------------------------------------------------- */

struct dnpair {
	char attr[32];
	char val[CHL_DN_LEN + 1];
};

/* Split "A=v, B=w" into pairs (at most max): the count, or -1 when not of that form. */
static int dn_split(const char *s, struct dnpair *out, int max)
{
	int n = 0;
	const char *p = s;
	while (*p) {
		while (*p == ' ' || *p == ',' || *p == ';')
			p++;
		if (!*p)
			break;
		const char *eq = strchr(p, '=');
		if (!eq || n >= max)
			return -1;
		const char *ae = eq;
		while (ae > p && ae[-1] == ' ')
			ae--;
		size_t al = (size_t)(ae - p);
		if (!al || al >= sizeof out[n].attr)
			return -1;
		for (size_t i = 0; i < al; i++)
			out[n].attr[i] = (char)toupper((unsigned char)p[i]);
		out[n].attr[al] = 0;
		const char *v = eq + 1;
		while (*v == ' ')
			v++;
		const char *ve = v;
		while (*ve && *ve != ',' && *ve != ';')
			ve++;
		const char *vt = ve;
		while (vt > v && vt[-1] == ' ')
			vt--;
		size_t vl = (size_t)(vt - v);
		if (vl > CHL_DN_LEN)
			return -1;
		memcpy(out[n].val, v, vl);
		out[n].val[vl] = 0;
		n++;
		p = ve;
	}
	return n;
}

#define DN_MAX 32

int chl_dn_check(const char *pat, char *err, size_t errlen)
{
	struct dnpair *v = malloc(DN_MAX * sizeof *v);
	if (!v) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	int n = dn_split(pat, v, DN_MAX), rc = 0;
	if (n <= 0) {
		snprintf(err, errlen, "'%.64s' is not a distinguished name pattern (ATTR=value, ...)", pat);
		rc = -1;
	}
	for (int i = 0; !rc && i < n; i++) {
		const char *s = strchr(v[i].val, '*');
		size_t l = strlen(v[i].val);
		if (s && !(s == v[i].val || s == v[i].val + l - 1) ) {
			snprintf(err, errlen, "the value of %s has '*' other than at its start or end", v[i].attr);
			rc = -1;
		}
	}
	free(v);
	return rc;
}

int chl_dn_match(const char *pat, const char *dn)
{
	if (!dn)
		return 0;
	struct dnpair *p = malloc(2 * DN_MAX * sizeof *p);
	if (!p)
		return 0;
	struct dnpair *d = p + DN_MAX;
	int np = dn_split(pat, p, DN_MAX), nd = dn_split(dn, d, DN_MAX), ok = np > 0 && nd > 0;
	for (int i = 0; ok && i < np; i++) {
		int found = 0;
		for (int j = 0; !found && j < nd; j++)
			found = !strcmp(p[i].attr, d[j].attr) && glob_at(p[i].val, d[j].val, 1);
		ok = found;
	}
	free(p);
	return ok;
}

/* ---- the stored form --------------------------------------------------------------------- */

#define REC_FIXED 36

uint8_t *chl_encode(const struct chl_rec *r, uint32_t *len)
{
	const char *s[7] = { r->profile, r->descr, r->address, r->clntuser, r->sslpeer, r->sslcerti, r->mcauser };
	size_t n = REC_FIXED;
	for (int i = 0; i < 7; i++)
		n += 4 + strlen(s[i]);
	for (int i = 0; i < r->nlist; i++)
		n += 4 + strlen(r->list[i]);
	uint8_t *b = calloc(1, n);
	if (!b)
		return NULL;
	memcpy(b, "QCHL", 4);
	put_u32(b + 4, 1);
	put_u32(b + 8, (uint32_t)r->type);
	put_u32(b + 12, (uint32_t)r->usersrc);
	put_u32(b + 16, (uint32_t)r->chckclnt);
	put_u32(b + 20, (uint32_t)r->warn);
	put_u64(b + 24, (uint64_t)r->alt_ms);
	put_u32(b + 32, (uint32_t)r->nlist);
	size_t at = REC_FIXED;
	for (int i = 0; i < 7 + r->nlist; i++) {
		const char *v = i < 7 ? s[i] : r->list[i - 7];
		uint32_t l = (uint32_t)strlen(v);
		put_u32(b + at, l);
		memcpy(b + at + 4, v, l);
		at += 4 + l;
	}
	*len = (uint32_t)n;
	return b;
}

static int get_str(const uint8_t *b, uint32_t len, size_t *at, char *out, size_t max)
{
	if (*at + 4 > len)
		return -1;
	uint32_t l = get_u32(b + *at);
	if (l > max || *at + 4 + l > len || memchr(b + *at + 4, 0, l))
		return -1;
	memcpy(out, b + *at + 4, l);
	out[l] = 0;
	*at += 4 + l;
	return 0;
}

int chl_decode(const uint8_t *b, uint32_t len, struct chl_rec *r)
{
	memset(r, 0, sizeof *r);
	if (len < REC_FIXED || memcmp(b, "QCHL", 4) || get_u32(b + 4) != 1)
		return -1;
	r->type = (int)get_u32(b + 8);
	r->usersrc = (int)get_u32(b + 12);
	r->chckclnt = (int)get_u32(b + 16);
	r->warn = (int)get_u32(b + 20);
	r->alt_ms = (int64_t)get_u64(b + 24);
	uint32_t nl = get_u32(b + 32);
	if (!chl_type_name(r->type)[0] || r->usersrc < 0 || r->usersrc > 2 || r->warn < 0 || r->warn > 1 ||
	    nl > CHL_LIST_MAX)
		return -1;
	size_t at = REC_FIXED;
	if (get_str(b, len, &at, r->profile, CHL_PROFILE_LEN) || get_str(b, len, &at, r->descr, CHL_DESCR_LEN) ||
	    get_str(b, len, &at, r->address, CHL_ADDR_LEN) || get_str(b, len, &at, r->clntuser, CHL_DN_LEN) ||
	    get_str(b, len, &at, r->sslpeer, CHL_DN_LEN) || get_str(b, len, &at, r->sslcerti, CHL_DN_LEN) ||
	    get_str(b, len, &at, r->mcauser, CHL_USER_LEN) || !r->profile[0])
		return -1;
	if (nl) {
		r->list = calloc(nl, sizeof *r->list);
		if (!r->list)
			return -1;
		r->nlist = (int)nl;
		for (uint32_t i = 0; i < nl; i++)
			if (get_str(b, len, &at, r->list[i], CHL_ADDR_LEN)) {
				chl_rec_free(r);
				return -1;
			}
	}
	if (at != len) {
		chl_rec_free(r);
		return -1;
	}
	return 0;
}

/* ---- the decision ------------------------------------------------------------------------ */

static int type_order(int t)
{
	return t == CHL_SSLPEERMAP ? 3 : t == CHL_USERMAP ? 2 : t == CHL_ADDRESSMAP ? 1 : 0;
}

static int map_applies(const struct chl_rec *m, const struct chl_input *in)
{
	if (m->address[0] && !chl_addr_match(m->address, in->address))
		return 0;
	switch (m->type) {
	case CHL_SSLPEERMAP:
		return in->sslpeer && chl_dn_match(m->sslpeer, in->sslpeer) &&
		       (!m->sslcerti[0] || (in->sslcerti && chl_dn_match(m->sslcerti, in->sslcerti)));
	case CHL_USERMAP:
		return in->clntuser && !strcmp(m->clntuser, in->clntuser);
	case CHL_ADDRESSMAP:
		return m->address[0] != 0;
	}
	return 0;
}

/* a beats b (b may be NULL) */
static int map_better(const struct chl_rec *a, const struct chl_rec *b)
{
	if (!b)
		return 1;
	int d = chl_profile_rank(a->profile) - chl_profile_rank(b->profile);
	if (!d)
		d = type_order(a->type) - type_order(b->type);
	if (!d)
		d = addr_rank(a->address) - addr_rank(b->address);
	return d > 0;
}

static void note_warn(struct chl_result *r, const struct chl_rec *rule, int outcome)
{
	if (!r->warned) {
		r->warned = 1;
		r->warn_outcome = outcome;
		r->rule = rule;
	}
}

void chl_decide(const struct chl_set *s, const struct chl_input *in, struct chl_result *r)
{
	memset(r, 0, sizeof *r);
	r->chckclnt = CHL_CHK_ASQMGR;
	/* 1. BLOCKADDR, before anything of the channel is known */
	for (size_t i = 0; i < s->n; i++) {
		const struct chl_rec *b = &s->v[i];
		if (b->type != CHL_BLOCKADDR)
			continue;
		for (int k = 0; k < b->nlist; k++)
			if (chl_addr_match(b->list[k], in->address)) {
				if (b->warn) {
					note_warn(r, b, CHL_BLOCKED_ADDR);
					break;
				}
				r->outcome = CHL_BLOCKED_ADDR;
				r->rule = b;
				return;
			}
	}
	if (!in->channel || !in->channel[0])
		return;
	/* 2. the mapping of the most specific profile */
	const struct chl_rec *best = NULL;
	for (size_t i = 0; i < s->n; i++) {
		const struct chl_rec *m = &s->v[i];
		if (type_order(m->type) && chl_glob(m->profile, in->channel) && map_applies(m, in) && map_better(m, best))
			best = m;
	}
	const char *chl = in->chl_mcauser && in->chl_mcauser[0] ? in->chl_mcauser : in->clntuser ? in->clntuser : "";
	snprintf(r->mcauser, sizeof r->mcauser, "%s", chl);
	if (best) {
		r->map = best;
		if (best->usersrc == CHL_SRC_NOACCESS) {
			if (!best->warn) {
				r->outcome = CHL_BLOCKED_NOACCESS;
				r->rule = best;
				return;
			}
			note_warn(r, best, CHL_BLOCKED_NOACCESS);
		} else {
			if (best->usersrc == CHL_SRC_MAP) {
				snprintf(r->mcauser, sizeof r->mcauser, "%s", best->mcauser);
				r->mapped = 1;
			}
			r->chckclnt = best->chckclnt;
		}
	}
	/* 3. BLOCKUSER of the most specific profile that has one, against the user it runs as */
	const struct chl_rec *bu = NULL;
	for (size_t i = 0; i < s->n; i++) {
		const struct chl_rec *b = &s->v[i];
		if (b->type == CHL_BLOCKUSER && chl_glob(b->profile, in->channel) &&
		    (!bu || chl_profile_rank(b->profile) > chl_profile_rank(bu->profile)))
			bu = b;
	}
	if (!bu)
		return;
	for (int k = 0; k < bu->nlist; k++) {
		int hit = !strcmp(bu->list[k], "*MQADMIN") ? in->is_admin && in->is_admin(in->arg, r->mcauser)
							     : !strcmp(bu->list[k], r->mcauser);
		if (!hit)
			continue;
		if (bu->warn) {
			note_warn(r, bu, CHL_BLOCKED_USER);
			snprintf(r->blocked_user, sizeof r->blocked_user, "%s", r->mcauser);
			return;
		}
		r->outcome = CHL_BLOCKED_USER;
		r->rule = bu;
		r->warned = 0;
		snprintf(r->blocked_user, sizeof r->blocked_user, "%s", r->mcauser);
		return;
	}
}

/* ---- SET CHLAUTH's change ---------------------------------------------------------------- */

static int is_list_type(int t)
{
	return t == CHL_BLOCKUSER || t == CHL_BLOCKADDR;
}

int chl_same_key(const struct chl_rec *a, const struct chl_rec *b)
{
	if (a->type != b->type || strcmp(a->profile, b->profile))
		return 0;
	if (is_list_type(a->type))
		return 1;
	if (strcasecmp(a->address, b->address))
		return 0;
	if (a->type == CHL_USERMAP)
		return !strcmp(a->clntuser, b->clntuser);
	if (a->type == CHL_SSLPEERMAP)
		return !strcasecmp(a->sslpeer, b->sslpeer) && !strcasecmp(a->sslcerti, b->sslcerti);
	return 1;
}

static int list_has(const struct chl_rec *r, const char *v)
{
	for (int i = 0; i < r->nlist; i++)
		if (r->type == CHL_BLOCKADDR ? !strcasecmp(r->list[i], v) : !strcmp(r->list[i], v))
			return 1;
	return 0;
}

int chl_apply(const struct chl_set *s, const struct chl_rec *req, int action, size_t *del, size_t *ndel,
	      struct chl_set *out, char *err, size_t errlen)
{
	*ndel = 0;
	memset(out, 0, sizeof *out);
	long e = -1;
	for (size_t i = 0; i < s->n; i++)
		if (chl_same_key(&s->v[i], req)) {
			e = (long)i;
			break;
		}
	if (action == CHL_ACT_REMOVEALL) {
		for (size_t i = 0; i < s->n; i++)
			if (s->v[i].type == req->type && !strcmp(s->v[i].profile, req->profile))
				del[(*ndel)++] = i;
		return 0;
	}
	if (action == CHL_ACT_REMOVE) {
		if (e < 0) {
			snprintf(err, errlen, "no %s record for '%s' matches", chl_type_name(req->type), req->profile);
			return MQRCCF_CHLAUTH_NOT_FOUND;
		}
		del[(*ndel)++] = (size_t)e;
		if (!is_list_type(req->type))
			return 0;
		struct chl_rec nr;
		if (chl_rec_copy(&nr, &s->v[e]))
			return -1;
		for (int k = 0; k < req->nlist; k++) {
			int found = 0;
			for (int i = 0; i < nr.nlist; i++)
				if (req->type == CHL_BLOCKADDR ? !strcasecmp(nr.list[i], req->list[k])
							       : !strcmp(nr.list[i], req->list[k])) {
					memmove(&nr.list[i], &nr.list[i + 1], (size_t)(nr.nlist - i - 1) * sizeof *nr.list);
					nr.nlist--;
					found = 1;
					break;
				}
			if (!found) {
				snprintf(err, errlen, "'%s' is not in the %s record's list", req->list[k],
					 chl_type_name(req->type));
				chl_rec_free(&nr);
				*ndel = 0;
				return MQRCCF_CHLAUTH_NOT_FOUND;
			}
		}
		nr.alt_ms = req->alt_ms;
		int rc = nr.nlist ? chl_set_add(out, &nr) : 0;   /* the last one gone: the record goes */
		chl_rec_free(&nr);
		return rc;
	}
	if (is_list_type(req->type)) {
		if (action == CHL_ACT_REPLACE || e < 0) {
			if (e >= 0)
				del[(*ndel)++] = (size_t)e;
			return req->nlist ? chl_set_add(out, req) : 0;   /* REPLACE with no list: REMOVEALL */
		}
		/* ADD to an existing list */
		struct chl_rec nr;
		if (chl_rec_copy(&nr, &s->v[e]))
			return -1;
		int want = nr.nlist;
		for (int k = 0; k < req->nlist; k++)
			if (!list_has(&nr, req->list[k]))
				want++;
		if (want > CHL_LIST_MAX) {
			snprintf(err, errlen, "the list would have %d entries; at most %d", want, CHL_LIST_MAX);
			chl_rec_free(&nr);
			return MQRCCF_CHLAUTH_MAX_EXCEEDED;
		}
		void *nl = realloc(nr.list, (size_t)want * sizeof *nr.list);
		if (!nl) {
			chl_rec_free(&nr);
			return -1;
		}
		nr.list = nl;
		for (int k = 0; k < req->nlist; k++)
			if (!list_has(&nr, req->list[k]))
				memcpy(nr.list[nr.nlist++], req->list[k], sizeof *nr.list);
		if (req->descr[0])
			memcpy(nr.descr, req->descr, sizeof nr.descr);
		nr.warn = req->warn;
		nr.alt_ms = req->alt_ms;
		del[(*ndel)++] = (size_t)e;
		int rc = chl_set_add(out, &nr);
		chl_rec_free(&nr);
		return rc;
	}
	if (e >= 0 && action == CHL_ACT_ADD) {
		snprintf(err, errlen, "a %s record for '%s' with these values exists (ACTION(REPLACE) changes it)",
			 chl_type_name(req->type), req->profile);
		return MQRCCF_CHLAUTH_ALREADY_EXISTS;
	}
	if (req->address[0])
		for (size_t i = 0; i < s->n; i++)
			if ((long)i != e && s->v[i].type == req->type && !strcmp(s->v[i].profile, req->profile) &&
			    s->v[i].address[0] && chl_addr_conflict(s->v[i].address, req->address)) {
				snprintf(err, errlen, "the range of '%s' overlaps that of '%s' without holding it or being "
					 "held by it", req->address, s->v[i].address);
				return MQRCCF_IPADDR_RANGE_CONFLICT;
			}
	if (e >= 0)
		del[(*ndel)++] = (size_t)e;
	return chl_set_add(out, req);
}

/* ---- text -------------------------------------------------------------------------------- */

struct sbuf {
	char *p;
	size_t n, cap;
	int oom;
};

static void sb_add(struct sbuf *b, const char *s, size_t l)
{
	if (b->oom)
		return;
	if (b->n + l + 1 > b->cap) {
		size_t nc = (b->cap ? b->cap * 2 : 256) + l;
		char *p = realloc(b->p, nc);
		if (!p) {
			b->oom = 1;
			return;
		}
		b->p = p;
		b->cap = nc;
	}
	memcpy(b->p + b->n, s, l);
	b->n += l;
	b->p[b->n] = 0;
}

static void sb_str(struct sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

static void sb_quoted(struct sbuf *b, const char *v)
{
	sb_add(b, "'", 1);
	if (!*v)
		sb_add(b, " ", 1);
	for (; *v; v++) {
		if (*v == '\'')
			sb_add(b, "''", 2);
		else
			sb_add(b, v, 1);
	}
	sb_add(b, "'", 1);
}

static void sb_attr(struct sbuf *b, int oneline, const char *kw, const char *quoted, const char *bare)
{
	sb_str(b, oneline ? " " : " +\n   ");
	sb_str(b, kw);
	sb_add(b, "(", 1);
	if (quoted)
		sb_quoted(b, quoted);
	else
		sb_str(b, bare);
	sb_add(b, ")", 1);
}

static const char *usersrc_name(int u)
{
	return u == CHL_SRC_NOACCESS ? "NOACCESS" : u == CHL_SRC_CHANNEL ? "CHANNEL" : "MAP";
}

static const char *chk_name(int c)
{
	return c == CHL_CHK_REQUIRED ? "REQUIRED" : c == CHL_CHK_REQDADM ? "REQDADM" : "ASQMGR";
}

char *chl_set_text(const struct chl_rec *r, int oneline)
{
	struct sbuf b = { 0 };
	sb_str(&b, "SET CHLAUTH(");
	sb_quoted(&b, r->profile);
	sb_str(&b, ")");
	sb_attr(&b, oneline, "TYPE", NULL, chl_type_name(r->type));
	sb_attr(&b, oneline, "DESCR", r->descr, NULL);
	if (is_list_type(r->type)) {
		sb_str(&b, oneline ? " " : " +\n   ");
		sb_str(&b, r->type == CHL_BLOCKUSER ? "USERLIST(" : "ADDRLIST(");
		for (int i = 0; i < r->nlist; i++) {
			if (i)
				sb_add(&b, ",", 1);
			sb_quoted(&b, r->list[i]);
		}
		sb_add(&b, ")", 1);
		sb_attr(&b, oneline, "WARN", NULL, r->warn ? "YES" : "NO");
	} else {
		if (r->type == CHL_SSLPEERMAP) {
			sb_attr(&b, oneline, "SSLPEER", r->sslpeer, NULL);
			if (r->sslcerti[0])
				sb_attr(&b, oneline, "SSLCERTI", r->sslcerti, NULL);
		}
		if (r->type == CHL_USERMAP)
			sb_attr(&b, oneline, "CLNTUSER", r->clntuser, NULL);
		if (r->address[0])
			sb_attr(&b, oneline, "ADDRESS", r->address, NULL);
		sb_attr(&b, oneline, "USERSRC", NULL, usersrc_name(r->usersrc));
		if (r->usersrc == CHL_SRC_MAP)
			sb_attr(&b, oneline, "MCAUSER", r->mcauser, NULL);
		if (r->usersrc == CHL_SRC_NOACCESS)
			sb_attr(&b, oneline, "WARN", NULL, r->warn ? "YES" : "NO");
		else
			sb_attr(&b, oneline, "CHCKCLNT", NULL, chk_name(r->chckclnt));
	}
	sb_attr(&b, oneline, "ACTION", NULL, "REPLACE");
	if (b.oom) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

/* ---- the defaults ------------------------------------------------------------------------ */

int chl_defaults(struct chl_set *s, int64_t now_ms)
{
	memset(s, 0, sizeof *s);
	struct chl_rec r;
	char one[1][CHL_ADDR_LEN + 1];
	/* MQ's three, with MQ's descriptions (values a user compares, not our prose) */
	memset(&r, 0, sizeof r);
	r.type = CHL_ADDRESSMAP;
	snprintf(r.profile, sizeof r.profile, "SYSTEM.ADMIN.SVRCONN");
	snprintf(r.descr, sizeof r.descr, "Default rule to allow MQ Explorer access");
	snprintf(r.address, sizeof r.address, "*");
	r.usersrc = CHL_SRC_CHANNEL;
	r.chckclnt = CHL_CHK_ASQMGR;
	r.alt_ms = now_ms;
	if (chl_set_add(s, &r))
		goto oom;
	memset(&r, 0, sizeof r);
	r.type = CHL_ADDRESSMAP;
	snprintf(r.profile, sizeof r.profile, "SYSTEM.*");
	snprintf(r.descr, sizeof r.descr, "Default rule to disable all SYSTEM channels");
	snprintf(r.address, sizeof r.address, "*");
	r.usersrc = CHL_SRC_NOACCESS;
	r.chckclnt = CHL_CHK_ASQMGR;
	r.alt_ms = now_ms;
	if (chl_set_add(s, &r))
		goto oom;
	memset(&r, 0, sizeof r);
	r.type = CHL_BLOCKUSER;
	snprintf(r.profile, sizeof r.profile, "*");
	snprintf(r.descr, sizeof r.descr, "Default rule to disallow privileged users");
	snprintf(one[0], sizeof one[0], "*MQADMIN");
	r.list = one;
	r.nlist = 1;
	r.alt_ms = now_ms;
	if (chl_set_add(s, &r))
		goto oom;
	return 0;
oom:
	chl_set_free(s);
	return -1;
}
