/*
 * mqsc_show.c: how DISPLAY commands show things (see mqsc_int.h).
 *
 * Every DISPLAY builds, for each thing it shows, a list of items (keyword and
 * text, in MQ's order), then asks display_match whether WHERE lets it through
 * and display_show to print it: the key items always, then the others asked
 * for (ALL, or by name, or WHERE's own attribute), two to a line in columns of
 * 40 as runmqsc prints them, a long one on its own line.
 *
 * WHERE(attribute operator value), as MQ: LT GT EQ NE LE GE compare numbers
 * as numbers and anything else as text; EQ and NE also take a generic value
 * ending in '*'; LK and NL are the generic forms; CT and EX look for an
 * element of a list (OPENOPTS), CTG and EXG for one matching a generic value.
 * An unquoted value is taken in upper case; 'quoted' keeps its case.  A thing
 * for which the attribute does not exist (a WHERE on an alias's MAXDEPTH) is
 * not shown.
 */
#include "qm/admin/mqsc_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { OP_LT = 1, OP_GT, OP_EQ, OP_NE, OP_LE, OP_GE, OP_LK, OP_NL, OP_CT, OP_EX, OP_CTG, OP_EXG };

void items_reset(struct items *it)
{
	for (size_t i = 0; i < it->n; i++)
		free(it->v[i].val);
	it->n = 0;
}

void items_free(struct items *it)
{
	items_reset(it);
	free(it->v);
	memset(it, 0, sizeof *it);
}

static struct item *item_new(struct items *it, const char *kw, const char *alt, char *val)
{
	if (!val || it->oom) {
		free(val);
		it->oom = 1;
		return NULL;
	}
	if (it->n == it->cap) {
		size_t cap = it->cap ? it->cap * 2 : 32;
		struct item *v = realloc(it->v, cap * sizeof *v);
		if (!v) {
			free(val);
			it->oom = 1;
			return NULL;
		}
		it->v = v;
		it->cap = cap;
	}
	struct item *m = &it->v[it->n++];
	memset(m, 0, sizeof *m);
	snprintf(m->kw, sizeof m->kw, "%s", kw);
	snprintf(m->alt, sizeof m->alt, "%s", alt ? alt : "");
	m->val = val;
	return m;
}

void items_add(struct items *it, const char *kw, const char *fmt, ...)
{
	char *val = NULL;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&val, fmt, ap) < 0)
		val = NULL;
	va_end(ap);
	item_new(it, kw, NULL, val);
}

void items_bare(struct items *it, const char *kw, const char *alt, const char *text)
{
	struct item *m = item_new(it, kw, alt, strdup(text));
	if (m)
		m->bare = 1;
}

const struct item *items_get(const struct items *it, const char *kw)
{
	for (size_t i = 0; i < it->n; i++)
		if (!strcmp(it->v[i].kw, kw) || (it->v[i].alt[0] && !strcmp(it->v[i].alt, kw)))
			return &it->v[i];
	return NULL;
}

int mqsc_kw_in(const char *kw, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(kw, *list))
			return 1;
	return 0;
}

/* ---- WHERE ------------------------------------------------------------------ */

static int op_of(const char *s)
{
	static const char *const ops[] = { "LT", "GT", "EQ", "NE", "LE", "GE", "LK", "NL", "CT", "EX", "CTG", "EXG" };
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (!strcmp(s, ops[i]))
			return (int)i + 1;
	return 0;
}

static int where_parse(const char *text, struct where *w, int (*valid)(const char *), struct mqsc_out *o)
{
	const char *p = text;
	char tok[2][48];
	for (int t = 0; t < 2; t++) {
		while (isspace((unsigned char)*p))
			p++;
		size_t k = 0;
		while (*p && !isspace((unsigned char)*p) && *p != '\'') {
			if (k + 1 >= sizeof tok[t])
				return mqsc_syntax(o, "WHERE: \"%.20s...\" is not an attribute or an operator", p - k);
			tok[t][k++] = (char)toupper((unsigned char)*p++);
		}
		tok[t][k] = 0;
		if (!k)
			return mqsc_syntax(o, "WHERE needs an attribute, an operator and a value, as in "
					   "WHERE(CURDEPTH GT 0)");
	}
	if (!valid(tok[0]) || !strcmp(tok[0], "ALL"))
		return mqsc_syntax(o, "WHERE: %s is not an attribute of this DISPLAY", tok[0]);
	if (!(w->op = op_of(tok[1])))
		return mqsc_syntax(o, "WHERE: %s is not an operator (LT, GT, EQ, NE, LE, GE, LK, NL, CT, EX, CTG, EXG)",
				   tok[1]);
	while (isspace((unsigned char)*p))
		p++;
	size_t k = 0;
	if (*p == '\'') {
		p++;
		for (;;) {
			if (!*p)
				return mqsc_syntax(o, "WHERE: the quoted value has no closing quote");
			char ch = *p++;
			if (ch == '\'' && *p != '\'')
				break;
			if (ch == '\'')
				p++;
			if (k + 1 >= sizeof w->val)
				return mqsc_syntax(o, "WHERE: the value is longer than %zu characters", sizeof w->val - 1);
			w->val[k++] = ch;
		}
	} else {
		while (*p && !isspace((unsigned char)*p)) {
			if (k + 1 >= sizeof w->val)
				return mqsc_syntax(o, "WHERE: the value is longer than %zu characters", sizeof w->val - 1);
			w->val[k++] = (char)toupper((unsigned char)*p++);
		}
		if (!k)
			return mqsc_syntax(o, "WHERE: %s %s needs a value", tok[0], tok[1]);
	}
	w->val[k] = 0;
	while (isspace((unsigned char)*p))
		p++;
	if (*p)
		return mqsc_syntax(o, "WHERE: unexpected \"%.20s\" after the value", p);
	size_t vl = strlen(w->val);
	int generic = vl && w->val[vl - 1] == '*';
	if (generic && w->op != OP_EQ && w->op != OP_NE && w->op != OP_LK && w->op != OP_NL && w->op != OP_CTG &&
	    w->op != OP_EXG)
		return mqsc_syntax(o, "WHERE: a generic value ('%s') goes only with EQ, NE, LK, NL, CTG or EXG", w->val);
	snprintf(w->kw, sizeof w->kw, "%s", tok[0]);
	w->on = 1;
	return MQSC_OK;
}

static int as_number(const char *s, long long *v)
{
	if (!*s)
		return 0;
	char *e;
	errno = 0;
	*v = strtoll(s, &e, 10);
	return !errno && !*e;
}

/* Does the comma-separated list hold an element equal to (or, generic,
 * matching) pat? */
static int list_has(const char *list, const char *pat, int generic)
{
	const char *p = list;
	char el[128];
	while (*p) {
		size_t k = 0;
		while (*p && *p != ',') {
			if (k + 1 < sizeof el)
				el[k++] = *p;
			p++;
		}
		el[k] = 0;
		if (*p)
			p++;
		if (generic ? mqsc_generic_match(pat, el) : !strcmp(pat, el))
			return 1;
	}
	return 0;
}

int display_match(const struct display *d, const struct items *it)
{
	const struct where *w = &d->where;
	if (!w->on)
		return 1;
	const struct item *m = items_get(it, w->kw);
	if (!m)
		return 0;
	const char *v = m->val;
	size_t vl = strlen(w->val);
	int generic = vl && w->val[vl - 1] == '*';
	long long a, b;
	int cmp;
	if (as_number(v, &a) && as_number(w->val, &b))
		cmp = a < b ? -1 : a > b;
	else
		cmp = strcmp(v, w->val);
	switch (w->op) {
	case OP_LT: return cmp < 0;
	case OP_GT: return cmp > 0;
	case OP_LE: return cmp <= 0;
	case OP_GE: return cmp >= 0;
	case OP_EQ: return generic ? mqsc_generic_match(w->val, v) : cmp == 0;
	case OP_NE: return generic ? !mqsc_generic_match(w->val, v) : cmp != 0;
	case OP_LK: return mqsc_generic_match(w->val, v);
	case OP_NL: return !mqsc_generic_match(w->val, v);
	case OP_CT: return list_has(v, w->val, 0);
	case OP_EX: return !list_has(v, w->val, 0);
	case OP_CTG: return list_has(v, w->val, 1);
	case OP_EXG: return !list_has(v, w->val, 1);
	}
	return 0;
}

int display_prepare(struct cmd *c, struct display *d, int all_default, int (*valid)(const char *kw),
		    struct mqsc_out *o)
{
	memset(d, 0, sizeof *d);
	d->c = c;
	int named = 0;
	for (int i = 1; i < c->n; i++) {
		struct word *w = &c->w[i];
		if (w->used)
			continue;
		if (!strcmp(w->kw, "ALL")) {
			if (w->val)
				return mqsc_syntax(o, "ALL takes no value");
			d->all = 1;
		} else if (!strcmp(w->kw, "WHERE")) {
			if (d->where.on)
				return mqsc_syntax(o, "WHERE given twice");
			if (!w->val)
				return mqsc_syntax(o, "WHERE needs a condition in parentheses, as in WHERE(CURDEPTH GT 0)");
			int rc = where_parse(w->val, &d->where, valid, o);
			if (rc)
				return rc;
		} else if (valid(w->kw)) {
			if (w->val)
				return mqsc_syntax(o, "%s takes no value in DISPLAY (name it to show it; filter with WHERE)",
						   w->kw);
			named = 1;
		} else {
			return mqsc_syntax(o, "%s is not an attribute that can be displayed", w->kw);
		}
		w->used = 1;
	}
	if (!named && all_default)
		d->all = 1;
	return MQSC_OK;
}

struct cols {
	struct mqsc_out *o;
	char line[256];
	int n;
};

static void col_end(struct cols *k)
{
	if (k->n) {
		size_t l = strlen(k->line);
		while (l && k->line[l - 1] == ' ')
			k->line[--l] = 0;
		mqsc_out_put(k->o, "   %s", k->line);
	}
	k->n = 0;
}

static void col(struct cols *k, const char *item)
{
	size_t len = strlen(item);
	if (len > 37) {
		col_end(k);
		/* a line of its own, whatever its length (a TOPICSTR may have 10240
		 * characters: mqsc_out_put would cut it at 4 KiB) */
		char *line = malloc(len + 4);
		if (line) {
			memcpy(line, "   ", 3);
			memcpy(line + 3, item, len + 1);
			mqsc_out_line(k->o, line, len + 3);
			free(line);
		} else {
			mqsc_out_put(k->o, "   %s", item);
		}
		k->n = 0;
		return;
	}
	if (k->n == 0) {
		snprintf(k->line, sizeof k->line, "%-40s", item);
		k->n = 1;
	} else {
		mqsc_out_put(k->o, "   %s%s", k->line, item);
		k->n = 0;
	}
}

static int asked(const struct display *d, const struct item *m)
{
	if (d->all || (d->also && mqsc_kw_in(m->kw, d->also)))
		return 1;
	if (d->where.on && (!strcmp(d->where.kw, m->kw) || (m->alt[0] && !strcmp(d->where.kw, m->alt))))
		return 1;
	for (int i = 1; i < d->c->n; i++) {
		const char *kw = d->c->w[i].kw;
		if (!strcmp(kw, m->kw) || (m->alt[0] && !strcmp(kw, m->alt)))
			return 1;
	}
	return 0;
}

void display_show(const struct display *d, const struct items *it, size_t nkey, struct mqsc_out *o)
{
	struct cols k = { .o = o };
	char small[1400], *buf;
	if (o->fields) {   /* records for the command server (mqsc.h) */
		mqsc_out_add(o, "\x1e\n", 2);
		for (size_t i = 0; i < it->n; i++) {
			const struct item *m = &it->v[i];
			if (i >= nkey && !asked(d, m))
				continue;
			char head[64];
			int hl = snprintf(head, sizeof head, "\x1f%s\x1f%zu\x1f", m->kw, strlen(m->val));
			mqsc_out_add(o, head, (size_t)hl);
			mqsc_out_line(o, m->val, strlen(m->val));
		}
		return;
	}
	for (size_t i = 0; i < it->n; i++) {
		const struct item *m = &it->v[i];
		if (i >= nkey && !asked(d, m))
			continue;
		size_t need = strlen(m->kw) + strlen(m->val) + 4;
		buf = need <= sizeof small ? small : malloc(need);
		if (!buf) {
			mqsc_out_put(o, "   %s(...)", m->kw);   /* out of memory: the value left out, said so */
			continue;
		}
		if (m->bare)
			snprintf(buf, need, "%s", m->val);
		else
			snprintf(buf, need, "%s(%s)", m->kw, m->val[0] ? m->val : " ");
		col(&k, buf);
		if (buf != small)
			free(buf);
	}
	col_end(&k);
}
