/*
 * mqsc.c: the MQSC command processor (see mqsc.h).
 *
 * A command is a verb, an object keyword with its name in parentheses (none
 * for QMGR), then keywords, each bare (REPLACE, SHARE) or with a value in
 * parentheses.  parse() splits it into words; exec_*() carry it out through
 * objects/objdef.c (attribute names, ranges, inheritance) and qm/store/objstore.c
 * (log first, then files).
 */
#include "qm/admin/mqsc.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "log/qmerr.h"
#include "objects/names.h"
#include "qm/home/msgcat.h"
#include "qm/store/objstore.h"

#define MAX_WORDS 128

struct word {
	char kw[48];        /* upper case */
	char *val;          /* NULL: no parentheses; else points into cmd.buf */
	int used;
};

struct cmd {
	char verb[16];
	struct word w[MAX_WORDS];
	int n;
	char *buf;          /* the values, allocated for this command (see parse) */
	size_t cap, used;
};

void mqsc_out_free(struct mqsc_out *o)
{
	free(o->text);
	memset(o, 0, sizeof *o);
}

void mqsc_out_put(struct mqsc_out *o, const char *fmt, ...)
{
	char line[4096];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof line)
		n = (int)sizeof line - 1;
	if (o->len + (size_t)n + 2 > o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 4096;
		while (cap < o->len + (size_t)n + 2)
			cap *= 2;
		char *t = realloc(o->text, cap);
		if (!t)
			return;
		o->text = t;
		o->cap = cap;
	}
	memcpy(o->text + o->len, line, (size_t)n);
	o->len += (size_t)n;
	o->text[o->len++] = '\n';
	o->text[o->len] = 0;
}

#define put mqsc_out_put

static void say(struct mqsc_out *o, int id, const char *ins)
{
	char buf[2048];
	const char *v[1] = { ins };
	msgcat_format(buf, sizeof buf, id, v, ins ? 1 : 0);
	put(o, "%s", buf);
}

static int syntax(struct mqsc_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int syntax(struct mqsc_out *o, const char *fmt, ...)
{
	char why[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	say(o, AMQ_MQSC_SYNTAX, why);
	return MQSC_SYNTAX;
}

/* A value as error messages quote it: at most 48 characters, then "...". */
static const char *clip(const char *v, char *buf, size_t n)
{
	size_t l = strlen(v);
	if (l <= 48)
		return v;
	snprintf(buf, n, "%.48s...", v);
	return buf;
}

static int oom(struct mqsc_out *o)
{
	say(o, AMQ_QUIRE_ERROR, "out of memory");
	return MQSC_FAILED;
}

/* ---- parsing ------------------------------------------------------------- */

int mqsc_check_text(const char *text, size_t len, struct mqsc_out *o)
{
	if (len > MQSC_MAX_CMD_LEN)
		return syntax(o, "the command is %zu characters long; an MQSC command may have at most %d",
			      len, MQSC_MAX_CMD_LEN);
	const char *z = memchr(text, 0, len);
	if (z)
		return syntax(o, "column %zu of the command holds a NUL byte", (size_t)(z - text) + 1);
	return MQSC_OK;
}

/*
 * Split the command s (len characters, no NUL) into the verb and its words.
 * The values are copied into c->buf, allocated here with len + 1 bytes: a
 * value is made of the characters between its '(' and ')' ('' becoming '),
 * so a value of n characters used at least n + 2 of the command and all the
 * values with their NULs fit in len bytes.  Every store is checked against
 * c->cap all the same, so no input can write outside the buffer.  Values are
 * not cut: a value too long for its attribute reaches objdef_set(), which
 * refuses it naming the attribute and its limit.
 */
static int parse(const char *s, size_t len, struct cmd *c, struct mqsc_out *o)
{
	memset(c, 0, sizeof *c);
	c->cap = len + 1;
	if (!(c->buf = malloc(c->cap)))
		return oom(o);
	const char *p = s;
	int first = 1;
	while (*p) {
		while (isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		if (c->n >= MAX_WORDS)
			return syntax(o, "more than %d keywords", MAX_WORDS - 1);
		char kw[48];
		size_t k = 0;
		while (*p && !isspace((unsigned char)*p) && *p != '(') {
			if (*p == ')' || *p == '\'')
				return syntax(o, "unexpected '%c' near \"%.20s\"", *p, p);
			if (k + 1 >= sizeof kw)
				return syntax(o, "keyword too long near \"%.20s\"", p - k);
			kw[k++] = (char)toupper((unsigned char)*p++);
		}
		kw[k] = 0;
		if (first) {
			if (*p == '(')
				return syntax(o, "a command starts with a verb, not \"%s(\"", kw);
			snprintf(c->verb, sizeof c->verb, "%s", kw);
			first = 0;
			continue;
		}
		struct word *w = &c->w[c->n++];
		snprintf(w->kw, sizeof w->kw, "%s", kw);
		while (isspace((unsigned char)*p))
			p++;
		if (*p != '(')
			continue;
		p++;
		while (isspace((unsigned char)*p))
			p++;
		char *v = c->buf + c->used;
		size_t vl = 0;
		if (*p == '\'') {
			p++;
			for (;;) {
				if (!*p)
					return syntax(o, "a quoted value of %s has no closing quote", kw);
				char ch = *p++;
				if (ch == '\'' && *p != '\'')
					break;
				if (ch == '\'')
					p++;                    /* '' is one quote */
				if (c->used + vl + 1 >= c->cap)
					return syntax(o, "the values of the command do not fit in it");
				v[vl++] = ch;
			}
		} else {
			while (*p && *p != ')' && !isspace((unsigned char)*p)) {
				if (c->used + vl + 1 >= c->cap)
					return syntax(o, "the values of the command do not fit in it");
				v[vl++] = (char)toupper((unsigned char)*p++);
			}
		}
		while (isspace((unsigned char)*p))
			p++;
		if (*p != ')')
			return syntax(o, "the value of %s has no closing parenthesis", kw);
		p++;
		v[vl] = 0;
		c->used += vl + 1;
		w->val = v;
	}
	if (!c->verb[0])
		return syntax(o, "empty command");
	return MQSC_OK;
}

static struct word *find(struct cmd *c, const char *kw)
{
	for (int i = 1; i < c->n; i++)
		if (!strcmp(c->w[i].kw, kw))
			return &c->w[i];
	return NULL;
}

static const char *verb_of(const char *v)
{
	static const char *const map[][2] = {
		{ "DEFINE", "DEFINE" }, { "DEF", "DEFINE" }, { "ALTER", "ALTER" }, { "ALT", "ALTER" },
		{ "DELETE", "DELETE" }, { "DISPLAY", "DISPLAY" }, { "DIS", "DISPLAY" }, { "END", "END" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(v, map[i][0]))
			return map[i][1];
	return NULL;
}

/* Object keyword: OBJDEF type, 5 for QUEUE (any queue), 0 if not one. */
static int objtype_of(const char *kw)
{
	if (!strcmp(kw, "QLOCAL") || !strcmp(kw, "QL"))
		return OBJDEF_QLOCAL;
	if (!strcmp(kw, "QALIAS") || !strcmp(kw, "QA"))
		return OBJDEF_QALIAS;
	if (!strcmp(kw, "QMODEL") || !strcmp(kw, "QM"))
		return OBJDEF_QMODEL;
	if (!strcmp(kw, "QMGR"))
		return OBJDEF_QMGR;
	if (!strcmp(kw, "QUEUE") || !strcmp(kw, "Q"))
		return 5;
	return 0;
}

static const char *mqsc_type(int type)
{
	return type == OBJDEF_QLOCAL ? "QLOCAL" : type == OBJDEF_QALIAS ? "QALIAS" : type == OBJDEF_QMODEL ? "QMODEL" :
	       "QMGR";
}

/* Apply the unused words as attributes; words in skip are the command's own. */
static int apply(struct cmd *c, struct objdef *def, struct mqsc_out *o)
{
	char err[512];
	for (int i = 1; i < c->n; i++) {
		struct word *w = &c->w[i];
		if (w->used)
			continue;
		int rc = objdef_set(def, w->kw, w->val, err, sizeof err);
		if (rc)
			return syntax(o, "%s", err);
		w->used = 1;
	}
	return MQSC_OK;
}

static int check_name(const char *name, struct mqsc_out *o)
{
	char why[256];
	if (!name || !*name)
		return syntax(o, "an object name is needed in parentheses");
	if (names_check(name, why, sizeof why))
		return syntax(o, "%s", why);
	return MQSC_OK;
}

/* ---- DEFINE, ALTER, DELETE -------------------------------------------------- */

static const char *default_of(int type)
{
	return type == OBJDEF_QLOCAL ? "SYSTEM.DEFAULT.LOCAL.QUEUE" :
	       type == OBJDEF_QALIAS ? "SYSTEM.DEFAULT.ALIAS.QUEUE" : "SYSTEM.DEFAULT.MODEL.QUEUE";
}

static int fail_rc(struct mqsc_out *o, int rc, const char *name, const char *err)
{
	if (rc == QM_ENOTFOUND || rc == QM_ENOENT)
		say(o, AMQ_OBJECT_NOT_FOUND, name);
	else if (rc == QM_EDAMAGED)
		say(o, AMQ_OBJECT_DAMAGED_CMD, name);
	else if (rc == QM_EEXIST)
		say(o, AMQ_OBJECT_EXISTS, name);
	else {
		char why[700];
		snprintf(why, sizeof why, "%s: %s", qm_strerror(rc), err);
		say(o, AMQ_QUIRE_ERROR, why);
	}
	return MQSC_FAILED;
}

/* LIKE(name) of a DEFINE: *like is the name (NULL without LIKE), checked
 * and marked used. */
static int like_of(struct cmd *c, struct mqsc_out *o, const char **like)
{
	struct word *w = find(c, "LIKE");
	*like = NULL;
	if (!w)
		return MQSC_OK;
	if (!w->val || !*w->val)
		return syntax(o, "LIKE needs an object name");
	w->used = 1;
	*like = w->val;
	return check_name(w->val, o);
}

static int exec_define(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, int type,
		       const char *name, struct mqsc_out *o)
{
	char err[512];
	struct objdef tmpl, def, old;
	int replace = 0;
	struct word *w;
	if ((w = find(c, "REPLACE"))) {
		replace = 1;
		w->used = 1;
	}
	if ((w = find(c, "NOREPLACE"))) {
		if (replace)
			return syntax(o, "REPLACE and NOREPLACE together");
		w->used = 1;
	}
	const char *like = NULL;
	int rc = like_of(c, o, &like);
	if (rc)
		return rc;
	const char *from = like ? like : default_of(type);
	rc = objstore_load(os, type, from, &tmpl, err, sizeof err);
	if (rc == QM_ENOTFOUND && !like)
		rc = objdef_init_default(type, &tmpl);
	else if (rc)
		return fail_rc(o, rc, from, err);
	int exists = objstore_load(os, type, name, &old, err, sizeof err) == QM_OK ||
		     objcat_find(&os->cat, type, name) != NULL;
	if (exists && !replace) {
		say(o, AMQ_OBJECT_EXISTS, name);
		return MQSC_FAILED;
	}
	if (objdef_inherit(&def, &tmpl, type, err, sizeof err))
		return syntax(o, "%s", err);
	if (objdef_set_name(&def, name, err, sizeof err))
		return syntax(o, "%s", err);
	if ((rc = apply(c, &def, o)))
		return rc;
	objdef_stamp(&def, time(NULL), !exists);
	if (exists && old.type == type) {
		memcpy(def.crdate, old.crdate, sizeof def.crdate);
		memcpy(def.crtime, old.crtime, sizeof def.crtime);
	}
	int replaced = 0;
	rc = objstore_define(os, &def, replace ? OBJSTORE_REPLACE : 0, &replaced, err, sizeof err);
	if (rc)
		return fail_rc(o, rc, name, err);
	if (rt && rt->qdefined)
		rt->qdefined(rt->arg, &def);
	say(o, replaced ? AMQ_QUEUE_CHANGED : AMQ_QUEUE_CREATED, name);
	return MQSC_OK;
}

static int exec_alter(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, int type,
		      const char *name, struct mqsc_out *o)
{
	char err[512];
	struct objdef def;
	int rc = objstore_load(os, type, name, &def, err, sizeof err);
	if (rc || def.type != type)
		return fail_rc(o, rc ? rc : QM_ENOTFOUND, name, err);
	if ((rc = apply(c, &def, o)))
		return rc;
	objdef_stamp(&def, time(NULL), 0);
	rc = objstore_define(os, &def, OBJSTORE_REPLACE, NULL, err, sizeof err);
	if (rc)
		return fail_rc(o, rc, name, err);
	if (rt && rt->qdefined)
		rt->qdefined(rt->arg, &def);
	say(o, AMQ_QUEUE_CHANGED, name);
	return MQSC_OK;
}

static int exec_delete(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, int type,
		       const char *name, struct mqsc_out *o)
{
	char err[512];
	int purge = 0;
	struct word *w;
	if ((w = find(c, "PURGE"))) {
		purge = 1;
		w->used = 1;
	}
	if ((w = find(c, "NOPURGE"))) {
		if (purge)
			return syntax(o, "PURGE and NOPURGE together");
		w->used = 1;
	}
	for (int i = 1; i < c->n; i++)
		if (!c->w[i].used)
			return syntax(o, "DELETE does not take %s", c->w[i].kw);
	const struct objcat_entry *e = objcat_find(&os->cat, type, name);
	if (!e || e->type != type) {
		say(o, AMQ_OBJECT_NOT_FOUND, name);
		return MQSC_FAILED;
	}
	if (rt && rt->qdelete) {
		int id = rt->qdelete(rt->arg, name, purge);
		if (id) {
			say(o, id, name);
			return MQSC_FAILED;
		}
	}
	int rc = objstore_delete(os, type, name, err, sizeof err);
	if (rc)
		return fail_rc(o, rc, name, err);
	say(o, AMQ_QUEUE_DELETED, name);
	return MQSC_OK;
}

/* ---- DISPLAY ---------------------------------------------------------------- */

struct cols {
	struct mqsc_out *o;
	char line[256];
	int n;
};

static void col(struct cols *k, const char *item)
{
	if (strlen(item) > 37) {
		if (k->n)
			put(k->o, "   %s", k->line);
		put(k->o, "   %s", item);
		k->n = 0;
		return;
	}
	if (k->n == 0) {
		snprintf(k->line, sizeof k->line, "%-40s", item);
		k->n = 1;
	} else {
		put(k->o, "   %s%s", k->line, item);
		k->n = 0;
	}
}

static void col_end(struct cols *k)
{
	if (k->n) {
		size_t l = strlen(k->line);
		while (l && k->line[l - 1] == ' ')
			k->line[--l] = 0;
		put(k->o, "   %s", k->line);
	}
	k->n = 0;
}

static int wanted(struct cmd *c, const char *kw, int all)
{
	if (all)
		return 1;
	struct word *w = find(c, kw);
	if (w) {
		w->used = 1;
		return 1;
	}
	return 0;
}

static void show(const struct mqsc_runtime *rt, struct cmd *c, const struct objdef *def, int all, struct cols *k)
{
	char item[1200], val[1100];
	if (def->type == OBJDEF_QMGR) {
		snprintf(item, sizeof item, "QMNAME(%s)", def->name);
		col(k, item);
	} else {
		snprintf(item, sizeof item, "QUEUE(%s)", def->name);
		col(k, item);
		snprintf(item, sizeof item, "TYPE(%s)", mqsc_type(def->type));
		col(k, item);
	}
	for (size_t i = 0; i < objdef_attr_count(); i++) {
		const struct objdef_attr *a = objdef_attr_at(i);
		if (!objdef_attr_has(a, def->type) || !strcmp(a->kw, "QUEUE") || !strcmp(a->kw, "QMNAME"))
			continue;
		if (!wanted(c, a->kw, all) && !(a->kw_off && wanted(c, a->kw_off, 0)))
			continue;
		if (objdef_attr_text(def, a, val, sizeof val) < 0)
			continue;
		if (a->kw_off)
			snprintf(item, sizeof item, "%s", val);
		else
			snprintf(item, sizeof item, "%s(%s)", a->kw, val);
		col(k, item);
	}
	if (def->type == OBJDEF_QLOCAL) {
		int32_t depth = 0, ip = 0, op = 0;
		int have = rt && rt->qstatus && rt->qstatus(rt->arg, def->name, &depth, &ip, &op) == 0;
		static const char *const rtk[] = { "CURDEPTH", "IPPROCS", "OPPROCS" };
		int32_t v[] = { depth, ip, op };
		for (int i = 0; i < 3; i++)
			if (wanted(c, rtk[i], all) && have) {
				snprintf(item, sizeof item, "%s(%d)", rtk[i], v[i]);
				col(k, item);
			}
	}
	col_end(k);
}

static int generic_match(const char *pat, const char *name)
{
	size_t n = strlen(pat);
	if (n && pat[n - 1] == '*')
		return strncmp(pat, name, n - 1) == 0;
	return strcmp(pat, name) == 0;
}

static int exec_display(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, int type,
			const char *name, struct mqsc_out *o)
{
	struct cols k = { .o = o };
	struct word *w;
	int all = 0;
	if ((w = find(c, "ALL"))) {
		all = 1;
		w->used = 1;
	}
	if (type == OBJDEF_QMGR) {
		if (c->n == 1)
			all = 1;
		say(o, AMQ_DISPLAY_QMGR, NULL);
		show(rt, c, &os->qmgr, all, &k);
	} else {
		int filter = type == 5 ? 0 : type;
		if ((w = find(c, "TYPE"))) {
			int t = w->val ? objtype_of(w->val) : 0;
			if (!t || t == OBJDEF_QMGR)
				return syntax(o, "TYPE must be QLOCAL, QALIAS, QMODEL or ALL");
			filter = t == 5 ? 0 : t;
			if (w->val && !strcmp(w->val, "ALL"))
				filter = 0;
			w->used = 1;
		}
		int shown = 0, damaged = 0;
		for (size_t i = 0; i < os->cat.n; i++) {
			const struct objcat_entry *e = &os->cat.v[i];
			if ((filter && e->type != filter) || !generic_match(name, e->name))
				continue;
			struct objdef def;
			char err[512];
			int32_t d1, d2, d3;
			if (objstore_load(os, e->type, e->name, &def, err, sizeof err) ||
			    (rt && rt->qstatus && rt->qstatus(rt->arg, e->name, &d1, &d2, &d3) == -2)) {
				say(o, AMQ_OBJECT_DAMAGED_CMD, e->name);
				damaged++;
				continue;
			}
			say(o, AMQ_DISPLAY_QUEUE, NULL);
			show(rt, c, &def, all, &k);
			shown++;
		}
		if (!shown && !damaged) {
			say(o, AMQ_OBJECT_NOT_FOUND, name);
			return MQSC_FAILED;
		}
		if (damaged)
			return MQSC_FAILED;
	}
	for (int i = 1; i < c->n; i++)
		if (!c->w[i].used && !objdef_attr_find(type == OBJDEF_QMGR ? OBJDEF_QMGR : OBJDEF_QLOCAL, c->w[i].kw) &&
		    !objdef_attr_find(OBJDEF_QALIAS, c->w[i].kw) && !objdef_attr_find(OBJDEF_QMODEL, c->w[i].kw) &&
		    strcmp(c->w[i].kw, "CURDEPTH") && strcmp(c->w[i].kw, "IPPROCS") && strcmp(c->w[i].kw, "OPPROCS"))
			return syntax(o, "%s is not an attribute that can be displayed", c->w[i].kw);
	return MQSC_OK;
}

static int exec_alter_qmgr(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, struct mqsc_out *o)
{
	char err[512];
	struct objdef qm = os->qmgr;
	int rc = apply(c, &qm, o);
	if (rc)
		return rc;
	objdef_stamp(&qm, time(NULL), 0);
	rc = objstore_alter_qmgr(os, &qm, err, sizeof err);
	if (rc)
		return fail_rc(o, rc, qm.name, err);
	if (rt && rt->qmgr_changed)
		rt->qmgr_changed(rt->arg, &os->qmgr);
	say(o, AMQ_QMGR_CHANGED, qm.name);
	return MQSC_OK;
}

/* ---- the command ------------------------------------------------------------ */

static void cmd_free(struct cmd *c)
{
	if (c) {
		free(c->buf);
		free(c);
	}
}

static int prepare(const char *cmdtext, struct cmd **cp, const char **verb, int *type, const char **name,
		   struct mqsc_out *o)
{
	size_t len = strlen(cmdtext);
	int rc = mqsc_check_text(cmdtext, len, o);
	if (rc)
		return rc;
	struct cmd *c = *cp = malloc(sizeof *c);
	if (!c)
		return oom(o);
	if ((rc = parse(cmdtext, len, c, o)))
		return rc;
	*verb = verb_of(c->verb);
	if (!*verb)
		return syntax(o, "\"%s\" is not an MQSC command verb", c->verb);
	if (!strcmp(*verb, "END"))
		return MQSC_OK;
	if (c->n < 1 || !(*type = objtype_of(c->w[0].kw)))
		return syntax(o, "%s needs an object type: QLOCAL, QALIAS, QMODEL%s or QMGR", *verb,
			      !strcmp(*verb, "DISPLAY") ? ", QUEUE" : "");
	c->w[0].used = 1;
	*name = c->w[0].val;
	if (*type == OBJDEF_QMGR) {
		if (*name)
			return syntax(o, "QMGR takes no name");
		if (strcmp(*verb, "DISPLAY") && strcmp(*verb, "ALTER"))
			return syntax(o, "%s QMGR is not a valid command", *verb);
		return MQSC_OK;
	}
	if (*type == 5 && strcmp(*verb, "DISPLAY"))
		return syntax(o, "%s needs QLOCAL, QALIAS or QMODEL, not QUEUE", *verb);
	if (!*name || !**name)
		return syntax(o, "%s needs a name in parentheses", c->w[0].kw);
	if (strcmp(*verb, "DISPLAY"))
		return check_name(*name, o);
	if (strlen(*name) > OBJDEF_NAME_SIZE - 1) {
		char cl[64];
		return syntax(o, "name '%s' is %zu characters long, more than %d", clip(*name, cl, sizeof cl),
			      strlen(*name), OBJDEF_NAME_SIZE - 1);
	}
	return MQSC_OK;
}

int mqsc_check(const char *cmdtext, struct mqsc_out *out)
{
	struct cmd *c = NULL;
	const char *verb = NULL, *name = NULL;
	int type = 0;
	int rc = prepare(cmdtext, &c, &verb, &type, &name, out);
	if (!rc && (!strcmp(verb, "DEFINE") || !strcmp(verb, "ALTER")) && type != 5) {
		/* the attributes too, on a scratch definition of the type */
		static const char *const own[] = { "REPLACE", "NOREPLACE" };
		struct objdef def;
		objdef_init_default(type, &def);
		if (!strcmp(verb, "DEFINE")) {
			for (size_t i = 0; i < sizeof own / sizeof own[0]; i++) {
				struct word *w = find(c, own[i]);
				if (w)
					w->used = 1;
			}
			const char *like;
			rc = like_of(c, out, &like);
		}
		if (!rc)
			rc = apply(c, &def, out);
	}
	cmd_free(c);
	return rc;
}

int mqsc_exec(struct objstore *os, const struct mqsc_runtime *rt, const char *cmdtext, struct mqsc_out *out)
{
	struct cmd *c = NULL;
	const char *verb = NULL, *name = NULL;
	int type = 0;
	int rc = prepare(cmdtext, &c, &verb, &type, &name, out);
	if (rc || !strcmp(verb, "END"))
		goto done;
	if (type == OBJDEF_QMGR)
		rc = !strcmp(verb, "DISPLAY") ? exec_display(os, rt, c, type, NULL, out) : exec_alter_qmgr(os, rt, c, out);
	else if (!strcmp(verb, "DEFINE"))
		rc = exec_define(os, rt, c, type, name, out);
	else if (!strcmp(verb, "ALTER"))
		rc = exec_alter(os, rt, c, type, name, out);
	else if (!strcmp(verb, "DELETE"))
		rc = exec_delete(os, rt, c, type, name, out);
	else
		rc = exec_display(os, rt, c, type, name, out);
done:
	cmd_free(c);
	return rc;
}

/* ---- reading runmqsc input ---------------------------------------------------- */

/*
 * Bad input.  MQ's runmqsc reports a command it cannot make sense of as a
 * syntax error and goes on with the next command, so the reader does the same
 * with bytes that cannot be MQSC text: a command whose lines hold a NUL byte
 * is returned as MQSC_READ_BAD with the line and column of the first NUL, and
 * the next call carries on after it.  A UTF-16 script (every other byte NUL)
 * thus ends quickly with one such error per line; a UTF-16 byte order mark at
 * the start says so on line 1.  A UTF-8 byte order mark is skipped, as MQ
 * reads UTF-8 scripts.  NULs in comment lines do no harm and are ignored with
 * the comment.  The input is walked by length (memchr), never as a C string.
 */
struct mqsc_reader {
	char *buf;
	size_t len, pos;
	size_t line;                /* lines consumed so far */
	int utf16_bom;              /* the input starts with FF FE or FE FF */
	char err[160];
};

static struct mqsc_reader *reader_start(struct mqsc_reader *r)
{
	if (r->len >= 3 && !memcmp(r->buf, "\xEF\xBB\xBF", 3))
		r->pos = 3;
	else if (r->len >= 2 && (!memcmp(r->buf, "\xFF\xFE", 2) || !memcmp(r->buf, "\xFE\xFF", 2)))
		r->utf16_bom = 1;
	return r;
}

struct mqsc_reader *mqsc_reader_new(int fd)
{
	struct mqsc_reader *r = calloc(1, sizeof *r);
	size_t cap = 65536;
	if (!r || !(r->buf = malloc(cap))) {
		free(r);
		errno = ENOMEM;
		return NULL;
	}
	for (;;) {
		if (cap - r->len < 4096) {
			char *t = cap > SIZE_MAX / 2 ? NULL : realloc(r->buf, cap * 2);
			if (!t) {
				mqsc_reader_free(r);
				errno = ENOMEM;
				return NULL;
			}
			r->buf = t;
			cap *= 2;
		}
		ssize_t n = read(fd, r->buf + r->len, cap - r->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			mqsc_reader_free(r);
			errno = e;
			return NULL;
		}
		if (n == 0)
			break;
		r->len += (size_t)n;
	}
	return reader_start(r);
}

struct mqsc_reader *mqsc_reader_from_mem(const char *buf, size_t len)
{
	struct mqsc_reader *r = calloc(1, sizeof *r);
	if (!r || !(r->buf = malloc(len ? len : 1))) {
		free(r);
		return NULL;
	}
	if (len)
		memcpy(r->buf, buf, len);
	r->len = len;
	return reader_start(r);
}

const char *mqsc_reader_error(const struct mqsc_reader *r)
{
	return r->err;
}

int mqsc_reader_next(struct mqsc_reader *r, char **cmdp)
{
	size_t cap = 256, len = 0;
	char *cmd = NULL;
	int cont = 0, strip = 0, bad = 0;
	r->err[0] = 0;
	while (r->pos < r->len) {
		const char *line = r->buf + r->pos, *nl = memchr(line, '\n', r->len - r->pos);
		size_t ll = nl ? (size_t)(nl - line) : r->len - r->pos;
		r->pos += ll + (nl ? 1 : 0);
		r->line++;
		if (ll && line[ll - 1] == '\r')
			ll--;
		const char *s = line;
		if (!cont || strip)
			while (ll && isspace((unsigned char)*s))
				s++, ll--;
		if (!cont && (ll == 0 || *s == '*'))
			continue;
		if (!bad && r->line == 1 && r->utf16_bom) {
			bad = 1;
			snprintf(r->err, sizeof r->err, "line 1, column 1: the input starts with a UTF-16 byte order "
				 "mark; MQSC input must be ASCII or UTF-8 text");
		}
		const char *z = bad ? NULL : memchr(s, 0, ll);
		if (z) {
			bad = 1;
			snprintf(r->err, sizeof r->err, "line %zu, column %zu: the input holds a NUL byte (is it UTF-16?)",
				 r->line, (size_t)(z - line) + 1);
		}
		while (ll && isspace((unsigned char)s[ll - 1]))
			ll--;
		cont = 0;
		if (ll && (s[ll - 1] == '+' || s[ll - 1] == '-')) {
			cont = 1;
			strip = s[ll - 1] == '+';
			ll--;
		}
		if (!cmd && !(cmd = malloc(cap)))
			return 0;
		if (len + ll + 1 > cap) {
			while (len + ll + 1 > cap)
				cap *= 2;
			char *t = realloc(cmd, cap);
			if (!t) {
				free(cmd);
				return 0;
			}
			cmd = t;
		}
		memcpy(cmd + len, s, ll);
		len += ll;
		cmd[len] = 0;
		if (!cont)
			break;
	}
	if (!cmd)
		return 0;
	if (bad) {              /* for the echo: only printable ASCII */
		for (size_t i = 0; i < len; i++)
			if ((unsigned char)cmd[i] < 0x20 || (unsigned char)cmd[i] >= 0x7f)
				cmd[i] = '?';
	}
	*cmdp = cmd;
	return bad ? MQSC_READ_BAD : 1;
}

void mqsc_reader_free(struct mqsc_reader *r)
{
	if (r) {
		free(r->buf);
		free(r);
	}
}
