/*
 * tlsciph.c: the CipherSpec table and SSLPEER matching (tlsciph.h has the
 * rules).  Only libc.
 */
#include "qm/tlsciph.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define T12 TLSCIPH_TLS12
#define T13 TLSCIPH_TLS13

/* MQ's CipherSpecs for TLS 1.3 and 1.2 that OpenSSL 3 has, in MQ's order of
 * preference (TLS 1.3 first), then the aliases. */
static const struct tls_ciph table[] = {
	{ "TLS_CHACHA20_POLY1305_SHA256",        "TLS_CHACHA20_POLY1305_SHA256",  0x1303, T13 },
	{ "TLS_AES_256_GCM_SHA384",              "TLS_AES_256_GCM_SHA384",        0x1302, T13 },
	{ "TLS_AES_128_GCM_SHA256",              "TLS_AES_128_GCM_SHA256",        0x1301, T13 },
	{ "TLS_AES_128_CCM_SHA256",              "TLS_AES_128_CCM_SHA256",        0x1304, T13 },
	{ "TLS_AES_128_CCM_8_SHA256",            "TLS_AES_128_CCM_8_SHA256",      0x1305, T13 },
	{ "ECDHE_ECDSA_CHACHA20_POLY1305_SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305", 0xCCA9, T12 },
	{ "ECDHE_RSA_CHACHA20_POLY1305_SHA256",  "ECDHE-RSA-CHACHA20-POLY1305",   0xCCA8, T12 },
	{ "ECDHE_ECDSA_AES_256_GCM_SHA384",      "ECDHE-ECDSA-AES256-GCM-SHA384", 0xC02C, T12 },
	{ "ECDHE_RSA_AES_256_GCM_SHA384",        "ECDHE-RSA-AES256-GCM-SHA384",   0xC030, T12 },
	{ "ECDHE_ECDSA_AES_128_GCM_SHA256",      "ECDHE-ECDSA-AES128-GCM-SHA256", 0xC02B, T12 },
	{ "ECDHE_RSA_AES_128_GCM_SHA256",        "ECDHE-RSA-AES128-GCM-SHA256",   0xC02F, T12 },
	{ "ECDHE_ECDSA_AES_256_CBC_SHA384",      "ECDHE-ECDSA-AES256-SHA384",     0xC024, T12 },
	{ "ECDHE_RSA_AES_256_CBC_SHA384",        "ECDHE-RSA-AES256-SHA384",       0xC028, T12 },
	{ "ECDHE_ECDSA_AES_128_CBC_SHA256",      "ECDHE-ECDSA-AES128-SHA256",     0xC023, T12 },
	{ "ECDHE_RSA_AES_128_CBC_SHA256",        "ECDHE-RSA-AES128-SHA256",       0xC027, T12 },
	{ "TLS_RSA_WITH_AES_256_GCM_SHA384",     "AES256-GCM-SHA384",             0x009D, T12 },
	{ "TLS_RSA_WITH_AES_128_GCM_SHA256",     "AES128-GCM-SHA256",             0x009C, T12 },
	{ "TLS_RSA_WITH_AES_256_CBC_SHA256",     "AES256-SHA256",                 0x003D, T12 },
	{ "TLS_RSA_WITH_AES_128_CBC_SHA256",     "AES128-SHA256",                 0x003C, T12 },
	{ "ANY_TLS13_OR_HIGHER",                 NULL, 0, T13 },
	{ "ANY_TLS13",                           NULL, 0, T13 },
	{ "ANY_TLS12_OR_HIGHER",                 NULL, 0, T12 | T13 },
	{ "ANY_TLS12",                           NULL, 0, T12 },
	{ "ANY",                                 NULL, 0, T12 | T13 },
};
#define NTABLE (sizeof table / sizeof table[0])

const struct tls_ciph *tlsciph_table(size_t *n)
{
	*n = NTABLE;
	return table;
}

const struct tls_ciph *tlsciph_find_n(const char *name, size_t len)
{
	if (name == NULL)
		return NULL;
	size_t n = len == (size_t)-1 ? strlen(name) : strnlen(name, len);
	while (n > 0 && name[n - 1] == ' ')
		n--;
	if (n == 0)
		return NULL;
	for (size_t i = 0; i < NTABLE; i++)
		if (strlen(table[i].name) == n && memcmp(table[i].name, name, n) == 0)
			return &table[i];
	return NULL;
}

const struct tls_ciph *tlsciph_find(const char *name)
{
	return tlsciph_find_n(name, (size_t)-1);
}

const struct tls_ciph *tlsciph_by_ossl(const char *ossl)
{
	if (ossl == NULL)
		return NULL;
	for (size_t i = 0; i < NTABLE; i++)
		if (table[i].ossl != NULL && strcmp(table[i].ossl, ossl) == 0)
			return &table[i];
	return NULL;
}

static int append(char *buf, size_t n, size_t *len, const char *s)
{
	size_t k = strlen(s) + (*len ? 1 : 0);
	if (*len + k + 1 > n)
		return -1;
	if (*len)
		buf[(*len)++] = ':';
	memcpy(buf + *len, s, strlen(s) + 1);
	*len += strlen(s);
	return 0;
}

int tlsciph_ossl_lists(const struct tls_ciph *cs, char *tls12, size_t n12, char *tls13, size_t n13)
{
	if (n12 == 0 || n13 == 0)
		return 0;
	tls12[0] = tls13[0] = '\0';
	size_t l12 = 0, l13 = 0;
	int protos = cs ? cs->protos : (T12 | T13);
	for (size_t i = 0; i < NTABLE; i++) {
		const struct tls_ciph *t = &table[i];
		if (t->ossl == NULL)
			continue;
		if (cs != NULL && cs->ossl != NULL && t != cs)
			continue;
		if (!(t->protos & protos))
			continue;
		if (append(t->protos & T13 ? tls13 : tls12, t->protos & T13 ? n13 : n12,
			   t->protos & T13 ? &l13 : &l12, t->ossl) != 0)
			return 0;
	}
	return protos;
}

int tlsciph_accepts(const struct tls_ciph *cs, const char *ossl, int proto)
{
	if (cs == NULL || ossl == NULL)
		return 0;
	const struct tls_ciph *got = tlsciph_by_ossl(ossl);
	if (got == NULL || !(got->protos & proto))
		return 0;
	if (cs->ossl != NULL)
		return got == cs;
	return (cs->protos & proto) != 0;
}

/* SSLPEER */

static const struct { const char *name, *canon; } types[] = {
	{ "SERIALNUMBER", "SERIALNUMBER" }, { "MAIL", "E" }, { "E", "E" },
	{ "UID", "UID" }, { "USERID", "UID" }, { "CN", "CN" }, { "T", "T" },
	{ "OU", "OU" }, { "DC", "DC" }, { "O", "O" }, { "STREET", "STREET" },
	{ "L", "L" }, { "ST", "ST" }, { "SP", "ST" }, { "S", "ST" }, { "PC", "PC" },
	{ "C", "C" }, { "UNSTRUCTUREDNAME", "UNSTRUCTUREDNAME" },
	{ "UNSTRUCTUREDADDRESS", "UNSTRUCTUREDADDRESS" }, { "DNQ", "DNQ" },
};

const char *tlspeer_type(const char *type, size_t len)
{
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strlen(types[i].name) == len && memcmp(types[i].name, type, len) == 0)
			return types[i].canon;
	return NULL;
}

void tlspeer_free(struct tls_peer *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->n; i++)
		free(p->a[i].value);
	free(p->a);
	p->a = NULL;
	p->n = 0;
}

static int fail(char *why, size_t nwhy, const char *fmt, const char *s, size_t len)
{
	if (why && nwhy)
		snprintf(why, nwhy, fmt, (int)(len > 64 ? 64 : len), s);
	return -1;
}

/* Parse pattern (wild: '*' allowed at the ends of values) or a DN. */
static int parse(struct tls_peer *p, const char *s, int wild, char *why, size_t nwhy)
{
	p->a = NULL;
	p->n = 0;
	if (s == NULL)
		s = "";
	if (strlen(s) > TLSPEER_MAX)
		return fail(why, nwhy, "longer than 1024 characters: %.*s", s, strlen(s));
	size_t cap = 0;
	const char *q = s;
	for (;;) {
		while (*q == ' ')
			q++;
		if (*q == '\0')
			break;
		const char *t = q;
		while (isalpha((unsigned char)*q))
			q++;
		size_t tl = (size_t)(q - t);
		if (tl == 0 || *q != '=') {
			tlspeer_free(p);
			return fail(why, nwhy, "an attribute is not TYPE=value at '%.*s'", t, strlen(t));
		}
		const char *canon = tlspeer_type(t, tl);
		if (canon == NULL && !wild)
			canon = "";   /* a DN's attribute MQ has no name for: kept, never matched */
		if (canon == NULL) {
			tlspeer_free(p);
			return fail(why, nwhy, "'%.*s' is not an attribute type MQ knows (upper case)", t, tl);
		}
		q++;   /* '=' */
		while (*q == ' ')
			q++;
		char *v = malloc(strlen(q) + 1);
		if (v == NULL) {
			tlspeer_free(p);
			return fail(why, nwhy, "out of memory%.*s", "", 0);
		}
		size_t vl = 0;
		if (*q == '"') {
			q++;
			while (*q && *q != '"')
				v[vl++] = *q++;
			if (*q != '"') {
				free(v);
				tlspeer_free(p);
				return fail(why, nwhy, "a quoted value is not closed: %.*s", t, strlen(t));
			}
			q++;
			while (*q == ' ')
				q++;
		} else {
			while (*q && *q != ',' && *q != ';') {
				if (*q == '\\' && q[1] != '\0')
					q++;   /* an escaped character of a DN (RFC 4514) */
				v[vl++] = *q++;
			}
			while (vl > 0 && v[vl - 1] == ' ')
				vl--;
		}
		v[vl] = '\0';
		if (*q != '\0' && *q != ',' && *q != ';') {
			free(v);
			tlspeer_free(p);
			return fail(why, nwhy, "text after a quoted value: %.*s", q, strlen(q));
		}
		if (wild) {
			for (size_t i = 1; i + 1 < vl; i++)
				if (v[i] == '*') {
					free(v);
					tlspeer_free(p);
					return fail(why, nwhy, "'*' may only start or end a value: %.*s", t, tl + 1 + vl);
				}
		}
		if (p->n == cap) {
			size_t nc = cap ? cap * 2 : 8;
			struct tls_peer_ava *na = realloc(p->a, nc * sizeof *na);
			if (na == NULL) {
				free(v);
				tlspeer_free(p);
				return fail(why, nwhy, "out of memory%.*s", "", 0);
			}
			p->a = na;
			cap = nc;
		}
		snprintf(p->a[p->n].type, sizeof p->a[p->n].type, "%s", canon);
		p->a[p->n].value = v;
		p->n++;
		if (*q == ',' || *q == ';') {
			q++;
			while (*q == ' ')
				q++;
			if (*q == '\0') {
				tlspeer_free(p);
				return fail(why, nwhy, "a separator ends the name%.*s", "", 0);
			}
		}
	}
	return 0;
}

int tlspeer_parse(struct tls_peer *p, const char *pattern, char *why, size_t nwhy)
{
	int rc = parse(p, pattern, 1, why, nwhy);
	if (rc == 0 && p->n == 0)
		return fail(why, nwhy, "no attribute given%.*s", "", 0);
	return rc;
}

static int ieq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
			return 0;
	return 1;
}

static int value_match(const char *pat, const char *val)
{
	size_t pl = strlen(pat), vl = strlen(val);
	int lead = pl > 0 && pat[0] == '*';
	int trail = pl > 1 && pat[pl - 1] == '*';
	if (pl == 1 && lead)
		return 1;
	const char *core = pat + lead;
	size_t cl = pl - (size_t)lead - (size_t)trail;
	if (cl > vl)
		return 0;
	if (lead && trail) {
		for (size_t i = 0; i + cl <= vl; i++)
			if (ieq(core, val + i, cl))
				return 1;
		return 0;
	}
	if (lead)
		return ieq(core, val + vl - cl, cl);
	if (trail)
		return ieq(core, val, cl);
	return cl == vl && ieq(core, val, cl);
}

int tlspeer_match(const struct tls_peer *p, const char *dn)
{
	struct tls_peer d;
	char why[128];
	if (p == NULL || p->n == 0)
		return 1;
	if (parse(&d, dn, 0, why, sizeof why) != 0)
		return 0;
	int ok = 1;
	for (size_t i = 0; i < p->n && ok; i++) {
		/* the k-th attribute of this type in the pattern against the k-th in the DN */
		size_t k = 0;
		for (size_t j = 0; j < i; j++)
			if (strcmp(p->a[j].type, p->a[i].type) == 0)
				k++;
		const char *val = NULL;
		for (size_t j = 0; j < d.n; j++)
			if (strcmp(d.a[j].type, p->a[i].type) == 0 && k-- == 0) {
				val = d.a[j].value;
				break;
			}
		ok = val != NULL && value_match(p->a[i].value, val);
	}
	tlspeer_free(&d);
	return ok;
}
