/*
 * mqsc.c: the MQSC command processor (see mqsc.h): output lines, parsing,
 * which verb goes with which object, and dispatch to mqsc_obj.c (queues and
 * the queue manager's definition) and mqsc_status.c (status, connections,
 * the log).
 *
 * A command is a verb, an object keyword with its name in parentheses (none
 * for QMGR, QMSTATUS and LOG), then keywords, each bare (REPLACE, SHARE) or
 * with a value in parentheses.  parse() splits it into words; nothing is
 * changed until every word is understood, so a command with an error changes
 * nothing.
 */
#include "qm/admin/mqsc_int.h"

#include "cmqc.h"
#include "cmqzc.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmqcfc.h"
#include "objects/names.h"
#include "qm/home/msgcat.h"
#include "qm/store/objstore.h"

void mqsc_out_free(struct mqsc_out *o)
{
	free(o->text);
	memset(o, 0, sizeof *o);
}

int mqsc_out_add(struct mqsc_out *o, const void *s, size_t n)
{
	if (o->len + n + 1 > o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 4096;
		while (cap < o->len + n + 1)
			cap *= 2;
		char *t = realloc(o->text, cap);
		if (!t)
			return -1;
		o->text = t;
		o->cap = cap;
	}
	if (n)
		memcpy(o->text + o->len, s, n);
	o->len += n;
	o->text[o->len] = 0;
	return 0;
}

int mqsc_out_line(struct mqsc_out *o, const char *s, size_t n)
{
	if (mqsc_out_add(o, s, n))
		return -1;
	if (mqsc_out_add(o, "\n", 1)) {
		o->len -= n;   /* nothing appended */
		o->text[o->len] = 0;
		return -1;
	}
	return 0;
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
	mqsc_out_line(o, line, (size_t)n);
}

void mqsc_say(struct mqsc_out *o, int id, const char *ins)
{
	char buf[2048];
	const char *v[1] = { ins };
	msgcat_format(buf, sizeof buf, id, v, ins ? 1 : 0);
	mqsc_out_put(o, "%s", buf);
}

int mqsc_syntax(struct mqsc_out *o, const char *fmt, ...)
{
	char why[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	mqsc_say(o, AMQ_MQSC_SYNTAX, why);
	return MQSC_SYNTAX;
}

const char *mqsc_clip(const char *v, char *buf, size_t n)
{
	size_t l = strlen(v);
	if (l <= 48)
		return v;
	snprintf(buf, n, "%.48s...", v);
	return buf;
}

int mqsc_oom(struct mqsc_out *o)
{
	mqsc_say(o, AMQ_QUIRE_ERROR, "out of memory");
	return MQSC_FAILED;
}

int mqsc_generic_match(const char *pat, const char *name)
{
	size_t n = strlen(pat);
	if (n && pat[n - 1] == '*')
		return strncmp(pat, name, n - 1) == 0;
	return strcmp(pat, name) == 0;
}

void mqsc_date_time(int64_t ms, char date[16], char tm[16])
{
	date[0] = tm[0] = 0;
	if (ms <= 0)
		return;
	time_t t = (time_t)(ms / 1000);
	struct tm lt;
	if (!localtime_r(&t, &lt))
		return;
	snprintf(date, 16, "%04d-%02d-%02d", lt.tm_year + 1900, lt.tm_mon + 1, lt.tm_mday);
	snprintf(tm, 16, "%02d.%02d.%02d", lt.tm_hour, lt.tm_min, lt.tm_sec);
}

/* ---- parsing ------------------------------------------------------------- */

int mqsc_check_text(const char *text, size_t len, struct mqsc_out *o)
{
	if (len > MQSC_MAX_CMD_LEN)
		return mqsc_syntax(o, "the command is %zu characters long; an MQSC command may have at most %d",
				   len, MQSC_MAX_CMD_LEN);
	const char *z = memchr(text, 0, len);
	if (z)
		return mqsc_syntax(o, "column %zu of the command holds a NUL byte", (size_t)(z - text) + 1);
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
 *
 * An unquoted value is folded to upper case and ends at a blank or ')'; a
 * WHERE value is the exception, being an expression: "WHERE(CURDEPTH GT 5)"
 * keeps everything up to its closing parenthesis, quotes included, and
 * display_prepare parses it.
 */
static int parse(const char *s, size_t len, struct cmd *c, struct mqsc_out *o);

int mqsc_parse(const char *s, size_t len, struct cmd *c, struct mqsc_out *o)
{
	return parse(s, len, c, o);
}

static int parse(const char *s, size_t len, struct cmd *c, struct mqsc_out *o)
{
	memset(c, 0, sizeof *c);
	c->cap = len + 1;
	if (!(c->buf = malloc(c->cap)))
		return mqsc_oom(o);
	const char *p = s;
	int first = 1;
	while (*p) {
		while (isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		if (c->n >= MAX_WORDS)
			return mqsc_syntax(o, "more than %d keywords", MAX_WORDS - 1);
		char kw[48];
		size_t k = 0;
		while (*p && !isspace((unsigned char)*p) && *p != '(') {
			if (*p == ')' || *p == '\'')
				return mqsc_syntax(o, "unexpected '%c' near \"%.20s\"", *p, p);
			if (k + 1 >= sizeof kw)
				return mqsc_syntax(o, "keyword too long near \"%.20s\"", p - k);
			kw[k++] = (char)toupper((unsigned char)*p++);
		}
		kw[k] = 0;
		if (first) {
			if (*p == '(')
				return mqsc_syntax(o, "a command starts with a verb, not \"%s(\"", kw);
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
		if (!strcmp(kw, "WHERE")) {
			int q = 0;
			while (*p && (q || *p != ')')) {
				if (*p == '\'')
					q = !q;
				if (c->used + vl + 1 >= c->cap)
					return mqsc_syntax(o, "the values of the command do not fit in it");
				v[vl++] = *p++;
			}
			if (q)
				return mqsc_syntax(o, "a quoted value in WHERE has no closing quote");
			while (vl && isspace((unsigned char)v[vl - 1]))
				vl--;
		} else if (!strcmp(kw, "USERLIST") || !strcmp(kw, "ADDRLIST")) {
			/* SET CHLAUTH's lists: items quoted or not, separated by commas,
			 * kept as one value with the items joined by ',' (none holds one) */
			for (;;) {
				while (isspace((unsigned char)*p))
					p++;
				if (*p == '\'') {
					p++;
					for (;;) {
						if (!*p)
							return mqsc_syntax(o, "a quoted value of %s has no closing quote", kw);
						char ch = *p++;
						if (ch == '\'' && *p != '\'')
							break;
						if (ch == '\'')
							p++;
						if (ch == ',')
							return mqsc_syntax(o, "an entry of %s cannot hold a comma", kw);
						if (c->used + vl + 1 >= c->cap)
							return mqsc_syntax(o, "the values of the command do not fit in it");
						v[vl++] = ch;
					}
				} else {
					while (*p && *p != ')' && *p != ',' && !isspace((unsigned char)*p)) {
						if (c->used + vl + 1 >= c->cap)
							return mqsc_syntax(o, "the values of the command do not fit in it");
						v[vl++] = (char)toupper((unsigned char)*p++);
					}
				}
				while (isspace((unsigned char)*p))
					p++;
				if (*p != ',')
					break;
				p++;
				if (c->used + vl + 1 >= c->cap)
					return mqsc_syntax(o, "the values of the command do not fit in it");
				v[vl++] = ',';
			}
		} else if (*p == '\'') {
			p++;
			for (;;) {
				if (!*p)
					return mqsc_syntax(o, "a quoted value of %s has no closing quote", kw);
				char ch = *p++;
				if (ch == '\'' && *p != '\'')
					break;
				if (ch == '\'')
					p++;                    /* '' is one quote */
				if (c->used + vl + 1 >= c->cap)
					return mqsc_syntax(o, "the values of the command do not fit in it");
				v[vl++] = ch;
			}
		} else {
			while (*p && *p != ')' && !isspace((unsigned char)*p)) {
				if (c->used + vl + 1 >= c->cap)
					return mqsc_syntax(o, "the values of the command do not fit in it");
				v[vl++] = (char)toupper((unsigned char)*p++);
			}
		}
		while (isspace((unsigned char)*p))
			p++;
		if (*p != ')')
			return mqsc_syntax(o, "the value of %s has no closing parenthesis", kw);
		p++;
		v[vl] = 0;
		c->used += vl + 1;
		w->val = v;
	}
	if (!c->verb[0])
		return mqsc_syntax(o, "empty command");
	return MQSC_OK;
}

struct word *mqsc_find(struct cmd *c, const char *kw)
{
	for (int i = 1; i < c->n; i++)
		if (!strcmp(c->w[i].kw, kw))
			return &c->w[i];
	return NULL;
}

int mqsc_flag(struct cmd *c, const char *kw, struct mqsc_out *o)
{
	struct word *w = mqsc_find(c, kw);
	if (!w)
		return 0;
	if (w->val) {
		mqsc_syntax(o, "%s takes no value", kw);
		return -1;
	}
	w->used = 1;
	return 1;
}

int mqsc_rest_unused(struct cmd *c, const char *what, struct mqsc_out *o)
{
	for (int i = 1; i < c->n; i++)
		if (!c->w[i].used)
			return mqsc_syntax(o, "%s does not take %s", what, c->w[i].kw);
	return MQSC_OK;
}

static const char *verb_of(const char *v)
{
	static const char *const map[][2] = {
		{ "DEFINE", "DEFINE" }, { "DEF", "DEFINE" }, { "ALTER", "ALTER" }, { "ALT", "ALTER" },
		{ "DELETE", "DELETE" }, { "DISPLAY", "DISPLAY" }, { "DIS", "DISPLAY" }, { "END", "END" },
		{ "CLEAR", "CLEAR" }, { "PING", "PING" }, { "STOP", "STOP" }, { "RESET", "RESET" },
		{ "SET", "SET" }, { "REFRESH", "REFRESH" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(v, map[i][0]))
			return map[i][1];
	return NULL;
}

/* Object keyword: enum mqsc_obj, MO_NONE if not one. */
static int objtype_of(const char *kw)
{
	static const struct { const char *kw; int t; } map[] = {
		{ "QLOCAL", MO_QLOCAL }, { "QL", MO_QLOCAL }, { "QALIAS", MO_QALIAS }, { "QA", MO_QALIAS },
		{ "QMODEL", MO_QMODEL }, { "QM", MO_QMODEL }, { "QMGR", MO_QMGR }, { "QUEUE", MO_QUEUE },
		{ "Q", MO_QUEUE }, { "QMSTATUS", MO_QMSTATUS }, { "QSTATUS", MO_QSTATUS }, { "QS", MO_QSTATUS },
		{ "CONN", MO_CONN }, { "LOG", MO_LOG }, { "PROCESS", MO_PROCESS }, { "PRO", MO_PROCESS },
		{ "TOPIC", MO_TOPIC }, { "TPSTATUS", MO_TPSTATUS }, { "TPS", MO_TPSTATUS },
		{ "CHANNEL", MO_CHANNEL }, { "CHL", MO_CHANNEL }, { "LISTENER", MO_LISTENER }, { "LSTR", MO_LISTENER },
		{ "AUTHINFO", MO_AUTHINFO },
		{ "SUB", MO_SUB }, { "SBSTATUS", MO_SBSTATUS }, { "SBS", MO_SBSTATUS }, { "CHLAUTH", MO_CHLAUTH },
		{ "AUTHREC", MO_AUTHREC }, { "ENTAUTH", MO_ENTAUTH }, { "SECURITY", MO_SECURITY },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(kw, map[i].kw))
			return map[i].t;
	return MO_NONE;
}

/* Which objects each verb takes, and whether the object has a name. */
static int verb_takes(const char *verb, int t)
{
	if (!strcmp(verb, "DELETE") && t == MO_AUTHREC)
		return 1;
	if (!strcmp(verb, "DEFINE") || !strcmp(verb, "DELETE"))
		return (t >= MO_QLOCAL && t <= MO_AUTHINFO) || t == MO_SUB;
	if (!strcmp(verb, "ALTER"))
		return (t >= MO_QMGR && t <= MO_AUTHINFO) || t == MO_SUB;
	if (!strcmp(verb, "DISPLAY"))
		return (t >= MO_QMGR && t <= MO_QUEUE) || t == MO_QMSTATUS || t == MO_QSTATUS || t == MO_CONN ||
		       t == MO_TPSTATUS || t == MO_SUB || t == MO_SBSTATUS || t == MO_AUTHREC || t == MO_ENTAUTH || t == MO_CHLAUTH;
	if (!strcmp(verb, "CLEAR"))
		return t == MO_QLOCAL;
	if (!strcmp(verb, "REFRESH"))
		return t == MO_QMGR || t == MO_SECURITY;
	if (!strcmp(verb, "PING") || !strcmp(verb, "RESET"))
		return t == MO_QMGR;
	if (!strcmp(verb, "STOP"))
		return t == MO_CONN;
	if (!strcmp(verb, "SET"))
		return t == MO_LOG || t == MO_AUTHREC || t == MO_CHLAUTH;
	return 0;
}

static const char *verb_objects(const char *verb)
{
	if (!strcmp(verb, "DEFINE"))
		return "QLOCAL, QALIAS, QMODEL, PROCESS, TOPIC, CHANNEL, LISTENER, AUTHINFO or SUB";
	if (!strcmp(verb, "DELETE"))
		return "QLOCAL, QALIAS, QMODEL, PROCESS, TOPIC, CHANNEL, LISTENER, AUTHINFO, SUB or AUTHREC";
	if (!strcmp(verb, "ALTER"))
		return "QLOCAL, QALIAS, QMODEL, PROCESS, TOPIC, CHANNEL, LISTENER, AUTHINFO, SUB or QMGR";
	if (!strcmp(verb, "DISPLAY"))
		return "QUEUE, QLOCAL, QALIAS, QMODEL, PROCESS, TOPIC, CHANNEL, LISTENER, AUTHINFO, SUB, QMGR, QMSTATUS, "
		       "QSTATUS, TPSTATUS, SBSTATUS, AUTHREC, ENTAUTH, CHLAUTH or CONN";
	if (!strcmp(verb, "CLEAR"))
		return "QLOCAL";
	if (!strcmp(verb, "STOP"))
		return "CONN";
	if (!strcmp(verb, "SET"))
		return "LOG, AUTHREC or CHLAUTH";
	if (!strcmp(verb, "REFRESH"))
		return "QMGR or SECURITY";
	return "QMGR";
}

int mqsc_check_name(const char *name, struct mqsc_out *o)
{
	char why[256];
	if (!name || !*name)
		return mqsc_syntax(o, "an object name is needed in parentheses");
	if (names_check(name, why, sizeof why))
		return mqsc_syntax(o, "%s", why);
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
		return mqsc_oom(o);
	if ((rc = parse(cmdtext, len, c, o)))
		return rc;
	*verb = verb_of(c->verb);
	if (!*verb)
		return mqsc_syntax(o, "\"%s\" is not an MQSC command verb", c->verb);
	if (!strcmp(*verb, "END"))
		return c->n ? mqsc_syntax(o, "END takes nothing after it") : MQSC_OK;
	if (c->n < 1 || !(*type = objtype_of(c->w[0].kw)))
		return mqsc_syntax(o, "%s needs an object type: %s", *verb, verb_objects(*verb));
	if (!verb_takes(*verb, *type))
		return mqsc_syntax(o, "%s %s is not a valid command; %s takes %s", *verb, c->w[0].kw, *verb,
				   verb_objects(*verb));
	c->w[0].used = 1;
	*name = c->w[0].val;
	if (*type == MO_QMGR || *type == MO_QMSTATUS || *type == MO_LOG || *type == MO_AUTHREC || *type == MO_ENTAUTH ||
	    *type == MO_SECURITY) {
		if (*name)
			return mqsc_syntax(o, "%s takes no name", c->w[0].kw);
		return MQSC_OK;
	}
	if (!*name || !**name)
		return mqsc_syntax(o, "%s needs a name in parentheses", c->w[0].kw);
	if (*type == MO_CONN || *type == MO_TPSTATUS || *type == MO_SUB || *type == MO_SBSTATUS || *type == MO_CHLAUTH)
		return MQSC_OK;   /* a connection id or '*', a topic string, a subscription's name, a channel
				     profile: checked where carried out */
	if (strcmp(*verb, "DISPLAY"))
		return mqsc_check_name(*name, o);
	if (strlen(*name) > OBJDEF_NAME_SIZE - 1) {
		char cl[64];
		return mqsc_syntax(o, "name '%s' is %zu characters long, more than %d",
				   mqsc_clip(*name, cl, sizeof cl), strlen(*name), OBJDEF_NAME_SIZE - 1);
	}
	return MQSC_OK;
}

int mqsc_check(const char *cmdtext, struct mqsc_out *out)
{
	struct cmd *c = NULL;
	const char *verb = NULL, *name = NULL;
	int type = 0;
	int32_t chst_cmd = 0;
	int chst_inq = 0;
	int rc = mqsc_chst_exec(NULL, NULL, cmdtext, out, &chst_cmd, &chst_inq);   /* channel and listener status */
	if (rc >= 0)
		return rc;
	rc = prepare(cmdtext, &c, &verb, &type, &name, out);
	if (!rc && strcmp(verb, "END") && type != MO_SUB && type != MO_SBSTATUS && type != MO_AUTHREC &&
	    type != MO_ENTAUTH && type != MO_SECURITY &&
	    type != MO_CHLAUTH)
		rc = mqsc_check_obj(c, verb, type, out);
	cmd_free(c);
	return rc;
}

/* The PCF command an MQSC command is (MQ's names for the command events):
 * DEFINE is Create, or Copy with LIKE; ALTER Change; DELETE Delete; DISPLAY
 * Inquire; of a queue (any type), a process, a topic or the queue manager;
 * and CLEAR QLOCAL, PING QMGR, RESET QMGR, REFRESH QMGR, DISPLAY QMSTATUS, QSTATUS,
 * TPSTATUS and CONN, STOP CONN, SET LOG. */
static int32_t pcf_command(const char *verb, int type, const struct cmd *c)
{
	int like = 0;
	for (int i = 1; i < c->n; i++)
		if (!strcmp(c->w[i].kw, "LIKE"))
			like = 1;
	static const struct { int type; int32_t create, copy, change, del, inq; } objs[] = {
		{ MO_QLOCAL, MQCMD_CREATE_Q, MQCMD_COPY_Q, MQCMD_CHANGE_Q, MQCMD_DELETE_Q, MQCMD_INQUIRE_Q },
		{ MO_QALIAS, MQCMD_CREATE_Q, MQCMD_COPY_Q, MQCMD_CHANGE_Q, MQCMD_DELETE_Q, MQCMD_INQUIRE_Q },
		{ MO_QMODEL, MQCMD_CREATE_Q, MQCMD_COPY_Q, MQCMD_CHANGE_Q, MQCMD_DELETE_Q, MQCMD_INQUIRE_Q },
		{ MO_QUEUE, 0, 0, 0, 0, MQCMD_INQUIRE_Q },
		{ MO_PROCESS, MQCMD_CREATE_PROCESS, MQCMD_COPY_PROCESS, MQCMD_CHANGE_PROCESS, MQCMD_DELETE_PROCESS,
		  MQCMD_INQUIRE_PROCESS },
		{ MO_TOPIC, MQCMD_CREATE_TOPIC, MQCMD_COPY_TOPIC, MQCMD_CHANGE_TOPIC, MQCMD_DELETE_TOPIC,
		  MQCMD_INQUIRE_TOPIC },
		{ MO_CHANNEL, MQCMD_CREATE_CHANNEL, MQCMD_COPY_CHANNEL, MQCMD_CHANGE_CHANNEL, MQCMD_DELETE_CHANNEL,
		  MQCMD_INQUIRE_CHANNEL },
		{ MO_LISTENER, MQCMD_CREATE_LISTENER, MQCMD_COPY_LISTENER, MQCMD_CHANGE_LISTENER, MQCMD_DELETE_LISTENER,
		  MQCMD_INQUIRE_LISTENER },
		{ MO_AUTHINFO, MQCMD_CREATE_AUTH_INFO, MQCMD_COPY_AUTH_INFO, MQCMD_CHANGE_AUTH_INFO,
		  MQCMD_DELETE_AUTH_INFO, MQCMD_INQUIRE_AUTH_INFO },
		{ MO_QMGR, 0, 0, MQCMD_CHANGE_Q_MGR, 0, MQCMD_INQUIRE_Q_MGR },
		{ MO_QMSTATUS, 0, 0, 0, 0, MQCMD_INQUIRE_Q_MGR_STATUS },
		{ MO_QSTATUS, 0, 0, 0, 0, MQCMD_INQUIRE_Q_STATUS },
		{ MO_TPSTATUS, 0, 0, 0, 0, MQCMD_INQUIRE_TOPIC_STATUS },
		{ MO_CONN, 0, 0, 0, 0, MQCMD_INQUIRE_CONNECTION },
		{ MO_SUB, MQCMD_CREATE_SUBSCRIPTION, MQCMD_COPY_SUBSCRIPTION, MQCMD_CHANGE_SUBSCRIPTION,
		  MQCMD_DELETE_SUBSCRIPTION, MQCMD_INQUIRE_SUBSCRIPTION },
		{ MO_SBSTATUS, 0, 0, 0, 0, MQCMD_INQUIRE_SUB_STATUS },
	};
	if (!strcmp(verb, "CLEAR"))
		return MQCMD_CLEAR_Q;
	if (!strcmp(verb, "PING"))
		return MQCMD_PING_Q_MGR;
	if (!strcmp(verb, "RESET"))
		return MQCMD_RESET_Q_MGR;
	if (!strcmp(verb, "REFRESH"))
		return type == MO_SECURITY ? MQCMD_REFRESH_SECURITY : MQCMD_REFRESH_Q_MGR;
	if (type == MO_AUTHREC)
		return !strcmp(verb, "SET") ? MQCMD_SET_AUTH_REC : !strcmp(verb, "DELETE") ? MQCMD_DELETE_AUTH_REC
											: MQCMD_INQUIRE_AUTH_RECS;
	if (type == MO_ENTAUTH)
		return MQCMD_INQUIRE_ENTITY_AUTH;
	if (!strcmp(verb, "STOP"))
		return MQCMD_STOP_CONNECTION;
	if (!strcmp(verb, "SET"))
		return type == MO_CHLAUTH ? MQCMD_SET_CHLAUTH_REC : MQCMD_SET_LOG;
	if (type == MO_CHLAUTH)
		return MQCMD_INQUIRE_CHLAUTH_RECS;
	for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++)
		if (objs[i].type == type) {
			if (!strcmp(verb, "DEFINE"))
				return like ? objs[i].copy : objs[i].create;
			if (!strcmp(verb, "ALTER"))
				return objs[i].change;
			if (!strcmp(verb, "DELETE"))
				return objs[i].del;
			if (!strcmp(verb, "DISPLAY"))
				return objs[i].inq;
		}
	return 0;
}

/*
 * The authority a command needs when the command server carries it out for
 * a user who is not an administrator (rt->authorize set; issue 15), MQ's:
 * DISPLAY dsp, DEFINE crt (on the new object's name), ALTER chg, DELETE dlt,
 * CLEAR clr on the object; of a queue its type's profiles (MQOT_Q), of a
 * process, topic, channel, listener, authinfo or the queue manager theirs;
 * START and STOP ctrl; the status commands (QSTATUS,
 * TPSTATUS, SBSTATUS, SUB, CONN, QMSTATUS), PING, RESET, REFRESH, STOP and SET
 * LOG on the queue manager: dsp to show, chg or ctrl to act; the authority
 * commands (AUTHREC, ENTAUTH, SECURITY) chg on the queue manager (MQ: the
 * authority to change authorities).  DISPLAY of a generic name of queues,
 * processes, topics, channels, listeners or authinfo objects shows only the objects the user has dsp on (none is
 * no error: nothing is shown); any other generic name is checked as given.
 */
static int authorized(struct objstore *os, const struct mqsc_runtime *rt, struct cmd *c, const char *verb, int type,
		      const char *name, struct mqsc_out *o)
{
	int32_t ot = MQOT_Q_MGR;
	const char *on = os->qmgr.name;
	if (type == MO_QLOCAL || type == MO_QALIAS || type == MO_QMODEL || type == MO_QUEUE)
		ot = MQOT_Q;
	else if (type == MO_PROCESS)
		ot = MQOT_PROCESS;
	else if (type == MO_TOPIC)
		ot = MQOT_TOPIC;
	else if (type == MO_CHANNEL)
		ot = MQOT_CHANNEL;
	else if (type == MO_LISTENER)
		ot = MQOT_LISTENER;
	else if (type == MO_AUTHINFO)
		ot = MQOT_AUTH_INFO;
	if (ot != MQOT_Q_MGR && name)
		on = name;
	uint32_t need;
	if (!strcmp(verb, "DISPLAY") && name && strchr(name, '*') && type >= MO_QLOCAL && type <= MO_QUEUE &&
	    rt->visible)
		return MQSC_OK;   /* each object matched is shown only if its dsp allows (rt->visible) */
	if (!strcmp(verb, "DISPLAY"))
		need = MQZAO_DISPLAY;
	else if (!strcmp(verb, "DEFINE"))
		need = MQZAO_CREATE;
	else if (!strcmp(verb, "DELETE"))
		need = type == MO_AUTHREC ? MQZAO_CHANGE : MQZAO_DELETE;
	else if (!strcmp(verb, "CLEAR"))
		need = MQZAO_CLEAR;
	else if (!strcmp(verb, "PING") || !strcmp(verb, "STOP") || !strcmp(verb, "START"))
		need = MQZAO_CONTROL;
	else
		need = MQZAO_CHANGE;   /* ALTER, SET, RESET, REFRESH */
	int id = rt->authorize(rt->arg, ot, on, need, pcf_command(verb, type, c));
	if (id) {
		mqsc_say(o, id, NULL);
		return MQSC_FAILED;
	}
	return MQSC_OK;
}

int mqsc_exec(struct objstore *os, const struct mqsc_runtime *rt, const char *cmdtext, struct mqsc_out *out)
{
	struct cmd *c = NULL;
	const char *verb = NULL, *name = NULL;
	int type = 0;
	int32_t chst_cmd = 0;
	int chst_inq = 0;
	int rc = mqsc_chst_exec(os, rt, cmdtext, out, &chst_cmd, &chst_inq);   /* channel and listener status */
	if (rc >= 0) {
		if (rc == MQSC_OK && rt && rt->command)
			rt->command(rt->arg, chst_cmd, chst_inq, cmdtext);
		return rc;
	}
	rc = prepare(cmdtext, &c, &verb, &type, &name, out);
	if (rc || !strcmp(verb, "END"))
		goto done;
	if (rt && rt->authorize && (rc = authorized(os, rt, c, verb, type, name, out)))
		goto done;
	if (type <= MO_QUEUE && strcmp(verb, "PING") && strcmp(verb, "RESET") && strcmp(verb, "REFRESH"))
		rc = mqsc_exec_obj(os, rt, c, verb, type, name, out);
	else if (type == MO_AUTHREC || type == MO_ENTAUTH)
		rc = mqsc_exec_auth(os, rt, c, verb, type, out);
	else if (type == MO_TPSTATUS)
		rc = mqsc_exec_tpstatus(os, rt, c, name, out);
	else if (type == MO_SUB || type == MO_SBSTATUS)
		rc = mqsc_exec_sub(os, rt, c, verb, type, name, out);
	else if (type == MO_CHLAUTH)
		rc = mqsc_exec_chlauth(os, rt, c, verb, name, out);
	else
		rc = mqsc_exec_status(os, rt, c, verb, type, name, out);
	if (rc == MQSC_OK && rt && rt->command)
		rt->command(rt->arg, pcf_command(verb, type, c), !strcmp(verb, "DISPLAY"), cmdtext);
done:
	cmd_free(c);
	return rc;
}
