/*
 * dumpcfg.c: dmpmqcfg's MQSC text (dumpcfg.h): which objects, in which
 * order, which attributes, and how each command is written.
 */
#include "qm/admin/dumpcfg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/qmerr.h"
#include "objects/objfile.h"
#include "qm/store/objstore.h"

const char *dumpcfg_type_word(int type)
{
	switch (type) {
	case OBJDEF_QMGR:   return "QMGR";
	case OBJDEF_QLOCAL: return "QLOCAL";
	case OBJDEF_QALIAS: return "QALIAS";
	case OBJDEF_QMODEL: return "QMODEL";
	case OBJDEF_PROCESS: return "PROCESS";
	case OBJDEF_TOPIC:  return "TOPIC";
	case OBJDEF_CHANNEL: return "CHANNEL";
	case OBJDEF_LISTENER: return "LISTENER";
	case OBJDEF_AUTHINFO: return "AUTHINFO";
	default:            return NULL;
	}
}

int dumpcfg_name_match(const char *pat, const char *name)
{
	size_t n = strlen(pat);
	if (n && pat[n - 1] == '*')
		return strncmp(pat, name, n - 1) == 0;
	return strcmp(pat, name) == 0;
}

int dumpcfg_settable(const struct objdef_attr *a, int type)
{
	if (!objdef_attr_has(a, type))
		return 0;
	if (a->flags & (OBJDEF_F_RO | OBJDEF_F_STAMP | OBJDEF_F_HIDDEN | OBJDEF_F_KEY))
		return 0;
	return a->kind == OBJDEF_INT || a->kind == OBJDEF_ENUM || objdef_kind_is_text(a->kind);
}

/* ---- one command ---- */

/* A growing line buffer; on a failed allocation it keeps what it has and
 * says so (the caller answers ENOMEM). */
struct buf {
	char *p;
	size_t len, cap;
	int oom;
};

static void badd(struct buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (b->len + n + 1 > cap)
			cap *= 2;
		char *t = realloc(b->p, cap);
		if (!t) {
			b->oom = 1;
			return;
		}
		b->p = t;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = 0;
}

static void bstr(struct buf *b, const char *s)
{
	badd(b, s, strlen(s));
}

/* 'text' with each quote doubled; blank as ' ' (MQ's way of writing a
 * blank string, which runmqsc reads back as blank). */
static void bquoted(struct buf *b, const char *s)
{
	badd(b, "'", 1);
	if (!*s)
		badd(b, " ", 1);
	for (; *s; s++) {
		if (*s == '\'')
			badd(b, "'", 1);
		badd(b, s, 1);
	}
	badd(b, "'", 1);
}

/* Does a's value differ between the two definitions? */
static int attr_differs(const struct objdef_attr *a, const struct objdef *x, const struct objdef *y)
{
	char vx[256], vy[256];
	if (objdef_attr_text(x, a, vx, sizeof vx) < 0 || objdef_attr_text(y, a, vy, sizeof vy) < 0)
		return 1;
	return strcmp(vx, vy) != 0;
}

/* The attribute table's settable rows for a type, by keyword (MQ writes its
 * attributes in an order of its own, close to alphabetical). */
static size_t attrs_sorted(int type, const struct objdef_attr **v, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; i < objdef_attr_count() && n < cap; i++) {
		const struct objdef_attr *a = objdef_attr_at(i);
		if (!dumpcfg_settable(a, type))
			continue;
		size_t j = n++;
		while (j > 0 && strcmp(v[j - 1]->kw, a->kw) > 0) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = a;
	}
	return n;
}

/* The attribute MQ writes first, straight after the name, every time: a
 * channel's CHLTYPE, a listener's TRPTYPE, an authinfo's AUTHTYPE (DEFINE
 * needs the first and the last). */
static const char *type_attr(int type)
{
	return type == OBJDEF_CHANNEL ? "CHLTYPE" : type == OBJDEF_LISTENER ? "TRPTYPE" :
	       type == OBJDEF_AUTHINFO ? "AUTHTYPE" : NULL;
}

static void object_text(const struct objdef *def, const struct objdef *tmpl, uint32_t flags, struct buf *b)
{
	struct objdef dflt;
	const char *word = dumpcfg_type_word(def->type);
	if (!word || objdef_init_default(def->type, &dflt) != QM_OK) {
		bstr(b, "* an object of an unknown type left out");
		return;
	}
	if (tmpl && tmpl->type != def->type)
		tmpl = NULL;
	const char *sep = flags & DUMPCFG_F_1LINE ? " " : " +\n   ";
	if (def->type == OBJDEF_QMGR) {
		bstr(b, "ALTER QMGR");
	} else {
		bstr(b, "DEFINE ");
		bstr(b, word);
		badd(b, "(", 1);
		bquoted(b, def->name);
		badd(b, ")", 1);
	}
	const char *first = type_attr(def->type);
	if (first) {
		char tv[32];
		if (objdef_get_text(def, first, tv, sizeof tv) >= 0) {
			bstr(b, flags & DUMPCFG_F_1LINE ? " " : " +\n   ");
			bstr(b, first);
			badd(b, "(", 1);
			bstr(b, tv);
			badd(b, ")", 1);
		}
	}
	/* MQ's dmpmqcfg shows when the object was last altered as comment lines
	 * inside the command (runmqsc skips a '*' line in column 1 of a
	 * continued command); a command on one line has no room for them */
	if (!(flags & DUMPCFG_F_1LINE)) {
		static const char *const kw[2] = { "ALTDATE", "ALTTIME" };
		const char *val[2] = { def->altdate, def->alttime };
		for (int i = 0; i < 2; i++)
			if (val[i][0]) {
				bstr(b, " +\n*  ");
				bstr(b, kw[i]);
				badd(b, "(", 1);
				bstr(b, val[i]);
				badd(b, ")", 1);
			}
	}
	const struct objdef_attr *v[128];
	size_t n = attrs_sorted(def->type, v, sizeof v / sizeof v[0]), written = 0;
	for (size_t i = 0; i < n; i++) {
		const struct objdef_attr *a = v[i];
		if (first && !strcmp(a->kw, first))
			continue;   /* written first */
		if (!(flags & DUMPCFG_F_ALL) && !attr_differs(a, def, &dflt) && !(tmpl && attr_differs(a, tmpl, &dflt)))
			continue;
		char val[OBJDEF_ENC_MAX];   /* any attribute's text (APPLICID's 256 characters) */
		if (objdef_attr_text(def, a, val, sizeof val) < 0)
			continue;
		bstr(b, sep);
		if (a->kw_off) {
			bstr(b, val);        /* a flag pair: SHARE / NOSHARE */
		} else {
			bstr(b, a->kw);
			badd(b, "(", 1);
			if (objdef_kind_is_text(a->kind))
				bquoted(b, val);
			else
				bstr(b, val);
			badd(b, ")", 1);
		}
		written++;
	}
	if (def->type != OBJDEF_QMGR) {
		bstr(b, sep);
		bstr(b, "REPLACE");
	} else if (written) {
		bstr(b, sep);
		bstr(b, "FORCE");    /* as MQ's dump: applies even to a queue manager in use */
	} else {
		/* a bare ALTER QMGR would only stamp ALTDATE */
		b->len = 0;
		bstr(b, "* ALTER QMGR left out: every queue manager attribute has its default value");
	}
}

/* A line of any length (mqsc_out_put cuts a line at 4 KiB, which a command
 * of a future type with many attributes could pass): QM_ENOMEM when out of
 * memory. */
static int out_line(struct mqsc_out *o, const char *s, size_t n)
{
	return mqsc_out_line(o, s, n) ? QM_ENOMEM : QM_OK;
}

static int object_out(const struct objdef *def, const struct objdef *tmpl, uint32_t flags, struct mqsc_out *out)
{
	struct buf b = { 0 };
	object_text(def, tmpl, flags, &b);
	int rc = b.oom || !b.p ? QM_ENOMEM : out_line(out, b.p, b.len);
	free(b.p);
	return rc;
}

int dumpcfg_object(const struct objdef *def, const struct objdef *tmpl, uint32_t flags, struct mqsc_out *out)
{
	return object_out(def, tmpl, flags, out);
}

/* ---- the objects of a page ---- */

struct item {
	uint32_t group;
	int type;
	char name[OBJDEF_NAME_SIZE];
};

static int cursor_cmp(uint32_t g1, const char *n1, uint32_t g2, const char *n2)
{
	if (g1 != g2)
		return g1 < g2 ? -1 : 1;
	return strcmp(n1, n2);
}

static int by_item(const void *x, const void *y)
{
	const struct item *a = x, *b = y;
	return cursor_cmp(a->group, a->name, b->group, b->name);
}

/* Is (type, name) this queue manager's default object of its type? */
static int is_default_object(int type, const char *name)
{
	struct objdef d;
	return type != OBJDEF_QMGR && objdef_init_default(type, &d) == QM_OK && !strcmp(d.name, name);
}

/* The definitions of this queue manager's default objects (the built-in
 * defaults where one cannot be read: it is then compared with nothing). */
static void load_templates(struct objstore *os, dumpcfg_live_fn live, void *arg, struct objdef *t)
{
	for (int type = 1; type < OBJDEF_NTYPES; type++) {
		char err[256];
		if (objdef_init_default(type, &t[type]) != QM_OK || type == OBJDEF_QMGR)
			continue;
		const struct objdef *l = live ? live(arg, type, t[type].name) : NULL;
		struct objdef d;
		if (l)
			t[type] = *l;
		else if (objstore_load(os, type, t[type].name, &d, err, sizeof err) == QM_OK && d.type == type)
			t[type] = d;
	}
}

int dumpcfg_page(struct objstore *os, const struct dumpcfg_req *req, dumpcfg_live_fn live, void *arg,
		 struct mqsc_out *out, struct dumpcfg_res *res)
{
	memset(res, 0, sizeof *res);
	size_t page = req->page_max && req->page_max <= DUMPCFG_PAGE_MAX ? req->page_max : DUMPCFG_PAGE_MAX;
	struct item *v = calloc(os->cat.n + 1, sizeof *v);
	if (!v)
		return QM_ENOMEM;
	size_t n = 0;
	if ((req->types & OBJDEF_M(OBJDEF_QMGR)) && dumpcfg_name_match(req->name, os->qmgr.name)) {
		v[n].group = DUMPCFG_G_QMGR;
		v[n].type = OBJDEF_QMGR;
		snprintf(v[n].name, sizeof v[n].name, "%s", os->qmgr.name);
		n++;
	}
	for (size_t i = 0; i < os->cat.n; i++) {
		const struct objcat_entry *e = &os->cat.v[i];
		if (e->type <= 0 || e->type >= OBJDEF_NTYPES || e->type == OBJDEF_QMGR ||
		    !(req->types & OBJDEF_M(e->type)) || !dumpcfg_name_match(req->name, e->name))
			continue;
		v[n].group = is_default_object(e->type, e->name) ? DUMPCFG_G_DEFAULT : DUMPCFG_G_OBJECT;
		v[n].type = e->type;
		snprintf(v[n].name, sizeof v[n].name, "%s", e->name);
		n++;
	}
	qsort(v, n, sizeof *v, by_item);
	struct objdef tmpl[OBJDEF_NTYPES];
	load_templates(os, live, arg, tmpl);
	size_t start = out->len;
	int rc = QM_OK;
	for (size_t i = 0; i < n; i++) {
		if (cursor_cmp(v[i].group, v[i].name, req->cursor.group, req->cursor.name) <= 0)
			continue;
		if (out->len - start >= page) {
			res->more = 1;
			break;
		}
		struct objdef def;
		const struct objdef *d = &def;
		char err[512] = "";
		if (v[i].type == OBJDEF_QMGR) {
			d = &os->qmgr;
		} else if (objstore_load(os, v[i].type, v[i].name, &def, err, sizeof err) != QM_OK ||
			   def.type != v[i].type) {
			char line[1024];
			for (char *p = err; *p; p++)
				if (*p == '\n' || *p == '\r')
					*p = ' ';
			int k = snprintf(line, sizeof line, "* %s('%s') left out: its definition cannot be read (%s)",
					 dumpcfg_type_word(v[i].type), v[i].name, err[0] ? err : "another type");
			if ((rc = out_line(out, line, k < (int)sizeof line ? (size_t)k : sizeof line - 1)) != QM_OK)
				break;
			res->damaged++;
			d = NULL;
		} else {
			const struct objdef *l = live ? live(arg, v[i].type, v[i].name) : NULL;
			if (l)
				d = l;   /* the running definition: MQSET's changes not yet in its file */
		}
		if (d) {
			const struct objdef *t = v[i].type != OBJDEF_QMGR && tmpl[v[i].type].type == v[i].type ?
						 &tmpl[v[i].type] : NULL;
			if ((rc = object_out(d, t, req->flags, out)) != QM_OK)
				break;
			res->objects++;
		}
		res->next.group = v[i].group;
		snprintf(res->next.name, sizeof res->next.name, "%s", v[i].name);
	}
	free(v);
	return rc;
}
