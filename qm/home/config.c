/*
 * config.c: reading and writing mqs.ini and qm.ini.
 *
 * File format (both files; MQ's layout):
 *
 *   #* comment                       '#' or ';' first on a line: a comment
 *   Log:                             a stanza starts: a name, ':', nothing else
 *      LogPrimaryFiles=3             Key=Value; we write 3 spaces, no spaces
 *      LogType=CIRCULAR                around '='; on reading, blanks around
 *                                    key and value and " ;comment" are dropped
 *
 * qm.ini stanzas: Log, QMErrorLog, Tuning (one of each; a repeated key or
 * stanza: the last value wins).  mqs.ini stanzas: AllQueueManagers,
 * DefaultQueueManager, LogDefaults (one of each) and one QueueManager stanza
 * per queue manager.  Keys, stanza names and enumerated words compare
 * without case.  Validity: every value within its range (the key tables
 * below), LogPrimaryFiles + LogSecondaryFiles within 3..511, and each
 * QueueManager stanza with a Name (1..48 characters, listed once), an
 * absolute Prefix and a Directory that is one path component.
 *
 * How inih is used: it parses "[section]" headers and "key=value" lines, and
 * takes indented lines as continuations of the previous value.  So inih reads
 * the text through reader(), which hands it one line at a time with leading
 * blanks removed, turns a "Name:" stanza line into "[Name]", and counts lines
 * so that the handler knows the line of each key.  A line too long for inih's
 * line buffer (a long LogPath) is handed over as "Key=\x01" and the value is
 * kept aside in parser.stash.
 *
 * Writing: the whole file is rendered into memory and replaced with
 * os_replace_file.  Unknown keys and stanzas of mqs.ini are kept and written
 * back (other programs may own them); comments are not kept.
 */
#include "qm/home/config.h"
#include "qm/home/errlog.h"
#include "qm/home/msgcat.h"
#include "log/osio.h"
#include "log/qmerr.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

_Static_assert(sizeof(enum cfg_log_type) == sizeof(int), "enum fields are set through int *");
_Static_assert(sizeof(enum cfg_log_mgmt) == sizeof(int), "enum fields are set through int *");
_Static_assert(sizeof(enum cfg_log_integrity) == sizeof(int), "enum fields are set through int *");

#define STASHED "\x01"

/* ------------------------------------------------------------------ */
/* paths                                                                */

const char *cfg_data_root(void)
{
	const char *r = getenv("MQ_DATA_PATH");
	return (r && *r) ? r : CFG_DEFAULT_ROOT;
}

static int pathf(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int pathf(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	if (k < 0 || (size_t)k >= n) {
		errno = ENAMETOOLONG;
		return QM_EINVAL;
	}
	return QM_OK;
}

int cfg_mqs_path(char *buf, size_t n) { return pathf(buf, n, "%s/mqs.ini", cfg_data_root()); }

int mqs_qmgr_data_dir(const struct mqs_qmgr *q, char *buf, size_t n)
{
	if (q->data_path[0])
		return pathf(buf, n, "%s", q->data_path);
	return pathf(buf, n, "%s/qmgrs/%s", q->prefix, q->directory);
}

int cfg_qm_ini_path(const char *qm_data_dir, char *buf, size_t n)
{
	return pathf(buf, n, "%s/qm.ini", qm_data_dir);
}

int cfg_log_buffer_pages(int configured)
{
	if (configured <= 0)
		return 512;
	return configured < 18 ? 18 : configured;
}

/* ------------------------------------------------------------------ */
/* a growing string                                                     */

static int sb_add(char **s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int sb_add(char **s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (k < 0)
		return QM_EINVAL;
	size_t old = *s ? strlen(*s) : 0;
	char *p = realloc(*s, old + (size_t)k + 1);
	if (!p)
		return QM_ENOMEM;
	va_start(ap, fmt);
	vsnprintf(p + old, (size_t)k + 1, fmt, ap);
	va_end(ap);
	*s = p;
	return QM_OK;
}

/* ------------------------------------------------------------------ */
/* key tables                                                           */

struct word {
	const char *word;
	int value;
};

static const struct word log_type_words[] = {
	{ "CIRCULAR", CFG_LOG_CIRCULAR }, { "LINEAR", CFG_LOG_LINEAR }, { NULL, 0 } };
static const struct word lwi_words[] = {
	{ "SingleWrite", CFG_LWI_SINGLE }, { "DoubleWrite", CFG_LWI_DOUBLE },
	{ "TripleWrite", CFG_LWI_TRIPLE }, { NULL, 0 } };
static const struct word mgmt_words[] = {
	{ "Manual", CFG_LOG_MANUAL }, { "Automatic", CFG_LOG_AUTOMATIC },
	{ "Archive", CFG_LOG_ARCHIVE }, { NULL, 0 } };

enum kind { K_INT, K_LL, K_WORD, K_PATH };

struct key_def {
	const char *name;
	enum kind kind;
	size_t off;              /* in the stanza's struct */
	long long min, max;      /* K_INT, K_LL */
	const struct word *words;/* K_WORD */
};

#define LOGK(name, kind, field, min, max, words) \
	{ name, kind, offsetof(struct cfg_log, field), min, max, words }
#define LOG_KEYS(pathkey) \
	LOGK("LogPrimaryFiles", K_INT, primary_files, CFG_LOG_PRIMARY_MIN, CFG_LOG_PRIMARY_MAX, NULL), \
	LOGK("LogSecondaryFiles", K_INT, secondary_files, CFG_LOG_SECONDARY_MIN, CFG_LOG_SECONDARY_MAX, NULL), \
	LOGK("LogFilePages", K_INT, file_pages, CFG_LOG_FILE_PAGES_MIN, CFG_LOG_FILE_PAGES_MAX, NULL), \
	LOGK("LogType", K_WORD, type, 0, 0, log_type_words), \
	LOGK("LogBufferPages", K_INT, buffer_pages, CFG_LOG_BUFFER_PAGES_MIN, CFG_LOG_BUFFER_PAGES_MAX, NULL), \
	LOGK(pathkey, K_PATH, path, 0, 0, NULL), \
	LOGK("LogWriteIntegrity", K_WORD, write_integrity, 0, 0, lwi_words), \
	LOGK("LogManagement", K_WORD, management, 0, 0, mgmt_words), \
	{ NULL, K_INT, 0, 0, 0, NULL }

static const struct key_def qm_log_keys[] = { LOG_KEYS("LogPath") };
static const struct key_def mqs_log_keys[] = { LOG_KEYS("LogDefaultPath") };

static const struct key_def errlog_keys[] = {
	{ "ErrorLogSize", K_LL, offsetof(struct qm_config, error_log_size),
	  CFG_ERRLOG_SIZE_MIN, CFG_ERRLOG_SIZE_MAX, NULL },
	{ NULL, K_INT, 0, 0, 0, NULL } };

static const struct key_def tuning_keys[] = {
	{ "CheckpointOps", K_INT, offsetof(struct cfg_tuning, checkpoint_ops),
	  CFG_CKPT_OPS_MIN, CFG_CKPT_OPS_MAX, NULL },
	{ "CheckpointSeconds", K_INT, offsetof(struct cfg_tuning, checkpoint_seconds),
	  CFG_CKPT_SECONDS_MIN, CFG_CKPT_SECONDS_MAX, NULL },
	{ "QueueBufferSize", K_INT, offsetof(struct cfg_tuning, queue_buffer_size),
	  CFG_QBUF_MIN, CFG_QBUF_MAX, NULL },
	{ NULL, K_INT, 0, 0, 0, NULL } };

static const struct key_def *key_find(const struct key_def *t, const char *name)
{
	for (; t->name; t++)
		if (strcasecmp(t->name, name) == 0)
			return t;
	return NULL;
}

/* "2 to 510", "CIRCULAR or LINEAR", ... */
static void allowed_text(const struct key_def *k, char *buf, size_t n)
{
	if (k->kind == K_INT || k->kind == K_LL) {
		snprintf(buf, n, "%lld to %lld", k->min, k->max);
	} else if (k->kind == K_PATH) {
		snprintf(buf, n, "an absolute path of at most %d bytes", PATH_MAX - 1);
	} else {
		size_t at = 0;
		buf[0] = 0;
		for (int i = 0; k->words[i].word; i++) {
			const char *sep = i == 0 ? "" : k->words[i + 1].word ? ", " : " or ";
			int w = snprintf(buf + at, n - at, "%s%s", sep, k->words[i].word);
			if (w < 0 || (size_t)w >= n - at)
				break;
			at += (size_t)w;
		}
	}
}

static int parse_number(const char *s, long long *v)
{
	if (!*s)
		return -1;
	long long x = 0;
	for (const char *p = s; *p; p++) {
		if (!isdigit((unsigned char)*p))
			return -1;
		if (x > (LLONG_MAX - 9) / 10)
			x = LLONG_MAX;   /* too large: reported as out of range */
		else
			x = x * 10 + (*p - '0');
	}
	*v = x;
	return 0;
}

/* Store value into base per k; -1 if it is not allowed. */
static int key_set(const struct key_def *k, void *base, const char *value)
{
	char *field = (char *)base + k->off;
	long long v;
	switch (k->kind) {
	case K_INT:
	case K_LL:
		if (parse_number(value, &v) || v < k->min || v > k->max)
			return -1;
		if (k->kind == K_INT)
			*(int *)field = (int)v;
		else
			*(long long *)field = v;
		return 0;
	case K_WORD:
		for (const struct word *w = k->words; w->word; w++)
			if (strcasecmp(w->word, value) == 0) {
				*(int *)field = w->value;
				return 0;
			}
		return -1;
	case K_PATH:
		if (value[0] != '/' || strlen(value) >= PATH_MAX)
			return -1;
		memcpy(field, value, strlen(value) + 1);
		return 0;
	}
	return -1;
}

/* The field as text, and whether it is allowed (for validate and render). */
static int key_get(const struct key_def *k, const void *base, char *buf, size_t n)
{
	const char *field = (const char *)base + k->off;
	long long v = 0;
	switch (k->kind) {
	case K_INT:
	case K_LL:
		v = k->kind == K_INT ? *(const int *)field : *(const long long *)field;
		snprintf(buf, n, "%lld", v);
		return v >= k->min && v <= k->max ? 0 : -1;
	case K_WORD:
		v = *(const int *)field;
		for (const struct word *w = k->words; w->word; w++)
			if (w->value == v) {
				snprintf(buf, n, "%s", w->word);
				return 0;
			}
		snprintf(buf, n, "%lld", v);
		return -1;
	case K_PATH:
		snprintf(buf, n, "%s", field);
		return field[0] == '/' || field[0] == 0 ? 0 : -1;
	}
	return -1;
}

/* "<file> line <n>: " or "" when there is no file. */
static void where(char *buf, size_t n, const char *file, int line)
{
	if (file && line > 0)
		snprintf(buf, n, "%s line %d: ", file, line);
	else if (file)
		snprintf(buf, n, "%s: ", file);
	else
		buf[0] = 0;
}

static int bad_value(char *err, size_t errlen, const char *file, int line, const char *stanza,
		     const struct key_def *k, const char *value)
{
	char at[PATH_MAX + 32], allowed[128];
	where(at, sizeof at, file, line);
	allowed_text(k, allowed, sizeof allowed);
	if (err && errlen)
		snprintf(err, errlen, "%sbad value '%.100s' for %s in the %s stanza (allowed: %s)",
			 at, value, k->name, stanza, allowed);
	return QM_EINVAL;
}

static int check_log_total(const struct cfg_log *l, const char *file, int line, const char *stanza,
			   char *err, size_t errlen)
{
	int total = l->primary_files + l->secondary_files;
	if (total >= CFG_LOG_FILES_MIN && total <= CFG_LOG_FILES_MAX)
		return QM_OK;
	char at[PATH_MAX + 32];
	where(at, sizeof at, file, line);
	if (err && errlen)
		snprintf(err, errlen, "%sLogPrimaryFiles=%d plus LogSecondaryFiles=%d makes %d log files "
			 "in the %s stanza (allowed: %d to %d in total)", at, l->primary_files,
			 l->secondary_files, total, stanza, CFG_LOG_FILES_MIN, CFG_LOG_FILES_MAX);
	return QM_EINVAL;
}

/* Check every key of table t against base. */
static int check_table(const struct key_def *t, const void *base, const char *stanza,
		       char *err, size_t errlen)
{
	char v[PATH_MAX];
	for (; t->name; t++)
		if (key_get(t, base, v, sizeof v) != 0)
			return bad_value(err, errlen, NULL, 0, stanza, t, v);
	return QM_OK;
}

static int render_table(char **s, const struct key_def *t, const void *base)
{
	char v[PATH_MAX];
	int rc = QM_OK;
	for (; t->name && rc == QM_OK; t++) {
		key_get(t, base, v, sizeof v);
		if (t->kind == K_PATH && !v[0])
			continue;
		rc = sb_add(s, "   %s=%s\n", t->name, v);
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* warnings                                                             */

static void warn(struct cfg_warnings *w, int line, const char *stanza, const char *key)
{
	if (w->n >= CFG_MAX_WARNINGS) {
		w->dropped++;
		return;
	}
	struct cfg_warning *x = &w->w[w->n++];
	x->line = line;
	snprintf(x->stanza, sizeof x->stanza, "%s", stanza ? stanza : "");
	snprintf(x->key, sizeof x->key, "%s", key ? key : "");
}

int cfg_warning_text(const struct cfg_warnings *w, int i, char *buf, size_t n)
{
	if (i < 0 || i >= w->n)
		return QM_EINVAL;
	const struct cfg_warning *x = &w->w[i];
	if (x->key[0])
		snprintf(buf, n, "%s line %d: unknown key %s in the %s stanza", w->file, x->line,
			 x->key, x->stanza[0] ? x->stanza : "(none)");
	else
		snprintf(buf, n, "%s line %d: unknown stanza %s", w->file, x->line, x->stanza);
	return QM_OK;
}

int cfg_warnings_log(const struct cfg_warnings *w, const struct errlog *el)
{
	int first = QM_OK;
	for (int i = 0; i < w->n; i++) {
		const struct cfg_warning *x = &w->w[i];
		char line[24];
		msgcat_num(line, x->line);
		int rc;
		if (x->key[0])
			rc = ERRLOG(el, AMQ_CFG_UNKNOWN_KEY, w->file, line, x->key,
				    x->stanza[0] ? x->stanza : "(none)");
		else
			rc = ERRLOG(el, AMQ_CFG_UNKNOWN_STANZA, w->file, line, x->stanza);
		if (rc && first == QM_OK)
			first = rc;
	}
	return first;
}

/* ------------------------------------------------------------------ */
/* the parser over inih                                                 */

struct parser {
	const char *path;            /* names the file in messages */
	const char *text;
	size_t pos;
	int line;                    /* line last handed to inih */
	char stash[PATH_MAX + 64];   /* value of an over-long line */
	const char *const *known;    /* known stanza names */
	struct cfg_warnings *warn;
	char *err;
	size_t errlen;
	int rc;                      /* first error; stops the parse */
	/* called for each stanza line and each key line */
	int (*stanza)(struct parser *p, const char *name, int known);
	int (*key)(struct parser *p, const char *stanza, const char *key, const char *value);
	void *ctx;
};

static int is_known(const char *const *known, const char *name)
{
	for (; *known; known++)
		if (strcasecmp(*known, name) == 0)
			return 1;
	return 0;
}

/* Length of s without trailing blanks and without a trailing " ;comment". */
static size_t trimmed_len(const char *s, size_t len)
{
	for (size_t i = 1; i < len; i++)
		if (s[i] == ';' && (s[i - 1] == ' ' || s[i - 1] == '\t')) {
			len = i;
			break;
		}
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	return len;
}

/* A stanza line: a name of letters, digits, '_', '-' or '.', then ':', then
 * nothing but blanks or a comment.  Sets *nlen to the name's length. */
static int stanza_line(const char *s, size_t len, size_t *nlen)
{
	size_t i = 0;
	while (i < len && (isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '-' || s[i] == '.'))
		i++;
	if (i == 0 || i >= len || s[i] != ':')
		return 0;
	size_t j = i + 1;
	while (j < len && (s[j] == ' ' || s[j] == '\t'))
		j++;
	if (j < len && s[j] != '#' && s[j] != ';')
		return 0;
	*nlen = i;
	return 1;
}

static char *reader(char *str, int num, void *stream)
{
	struct parser *p = stream;
	if (p->rc || p->text[p->pos] == 0)
		return NULL;
	const char *s = p->text + p->pos;
	size_t len = strcspn(s, "\n");
	p->pos += len + (s[len] == '\n');
	p->line++;
	if (p->line == 1 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		len -= 3;
	}
	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == '\r' || s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;

	size_t nlen;
	if (len > 0 && *s != '#' && *s != ';' && stanza_line(s, len, &nlen)) {
		char name[CFG_NAME_MAX];
		snprintf(name, sizeof name, "%.*s", (int)nlen, s);
		int known = is_known(p->known, name);
		if (!known)
			warn(p->warn, p->line, name, NULL);
		if (p->stanza && p->rc == QM_OK)
			p->rc = p->stanza(p, name, known);
		snprintf(str, (size_t)num, "[%s]\n", name);
		return str;
	}
	if (len > 0 && (*s == '#' || *s == ';') && len + 2 >= (size_t)num) {
		snprintf(str, (size_t)num, "#\n");    /* a long comment is still a comment */
		return str;
	}
	if (len + 2 < (size_t)num) {
		memcpy(str, s, len);
		str[len] = '\n';
		str[len + 1] = 0;
		return str;
	}
	/* too long for inih's buffer: pass "Key=\x01", keep the value here */
	const char *eq = memchr(s, '=', len);
	size_t klen = eq ? (size_t)(eq - s) : len;
	if (eq && klen + 4 < (size_t)num) {
		const char *v = eq + 1;
		size_t vlen = trimmed_len(v, len - klen - 1);
		while (vlen > 0 && isspace((unsigned char)*v)) {
			v++;
			vlen--;
		}
		snprintf(p->stash, sizeof p->stash, "%.*s", (int)vlen, v);
		snprintf(str, (size_t)num, "%.*s=" STASHED "\n", (int)klen, s);
		return str;
	}
	if (p->err && p->errlen)
		snprintf(p->err, p->errlen, "%s line %d: line is too long (at most %d characters)",
			 p->path, p->line, num - 3);
	p->rc = QM_EINVAL;
	return NULL;
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
	struct parser *p = user;
	if (p->rc)
		return 1;
	if (value && strcmp(value, STASHED) == 0)
		value = p->stash;
	if (!section[0]) {
		warn(p->warn, p->line, "", name);
		return 1;
	}
	p->rc = p->key(p, section, name, value ? value : "");
	return 1;
}

static int parse_run(struct parser *p)
{
	int r = ini_parse_stream(reader, p, handler, p);
	if (p->rc)
		return p->rc;
	if (r == -2)
		return QM_ENOMEM;
	if (r != 0) {
		if (p->err && p->errlen)
			snprintf(p->err, p->errlen, "%s line %d: expected 'Stanza:' or 'Key=Value'",
				 p->path, r);
		return QM_EINVAL;
	}
	return QM_OK;
}

/* Set a key from table t; *found says whether t has it (the caller warns if not). */
static int table_key(struct parser *p, const struct key_def *t, void *base, const char *stanza,
		     const char *key, const char *value, int *found)
{
	const struct key_def *k = key_find(t, key);
	*found = k != NULL;
	if (!k)
		return QM_OK;
	if (key_set(k, base, value) != 0)
		return bad_value(p->err, p->errlen, p->path, p->line, stanza, k, value);
	return QM_OK;
}

static int read_text(const char *path, char **text, char *err, size_t errlen)
{
	size_t n;
	int rc = os_read_file(path, text, &n);
	if (rc && err && errlen)
		snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
	return rc;
}

/* ------------------------------------------------------------------ */
/* qm.ini                                                               */

static const char *const qm_stanzas[] = { "Log", "QMErrorLog", "Tuning", "Service", NULL };

struct qm_parse {
	struct qm_config *c;
	int line_primary, line_secondary;
};

void cfg_log_init(struct cfg_log *l)
{
	memset(l, 0, sizeof *l);
	l->primary_files = CFG_LOG_PRIMARY_DEF;
	l->secondary_files = CFG_LOG_SECONDARY_DEF;
	l->file_pages = CFG_LOG_FILE_PAGES_DEF;
	l->type = CFG_LOG_CIRCULAR;
	l->buffer_pages = CFG_LOG_BUFFER_PAGES_DEF;
	l->write_integrity = CFG_LWI_TRIPLE;
	l->management = CFG_LOG_MANUAL;
}

void qm_config_init(struct qm_config *c)
{
	memset(c, 0, sizeof *c);
	cfg_log_init(&c->log);
	c->error_log_size = CFG_ERRLOG_SIZE_DEF;
	c->tuning.checkpoint_ops = CFG_CKPT_OPS_DEF;
	c->tuning.checkpoint_seconds = CFG_CKPT_SECONDS_DEF;
	c->tuning.queue_buffer_size = CFG_QBUF_DEF;
}

static int qm_key(struct parser *p, const char *stanza, const char *key, const char *value)
{
	struct qm_parse *q = p->ctx;
	struct qm_config *c = q->c;
	int found = 0, rc = QM_OK;
	if (strcasecmp(stanza, "Log") == 0) {
		rc = table_key(p, qm_log_keys, &c->log, "Log", key, value, &found);
		if (strcasecmp(key, "LogPrimaryFiles") == 0)
			q->line_primary = p->line;
		if (strcasecmp(key, "LogSecondaryFiles") == 0)
			q->line_secondary = p->line;
	} else if (strcasecmp(stanza, "QMErrorLog") == 0) {
		rc = table_key(p, errlog_keys, c, "QMErrorLog", key, value, &found);
	} else if (strcasecmp(stanza, "Tuning") == 0) {
		rc = table_key(p, tuning_keys, &c->tuning, "Tuning", key, value, &found);
	} else if (strcasecmp(stanza, "Service") == 0) {
		/* the authorization service (issue 15, qm/server/oam_srv.c): Name and
		 * EntryPoints are MQ's and taken as they are; SecurityPolicy user,
		 * group or default (group: MQ's default on Linux) */
		found = !strcasecmp(key, "Name") || !strcasecmp(key, "EntryPoints");
		if (!strcasecmp(key, "SecurityPolicy")) {
			found = 1;
			if (!strcasecmp(value, "user"))
				c->security_policy_user = 1;
			else if (!strcasecmp(value, "group") || !strcasecmp(value, "default"))
				c->security_policy_user = 0;
			else {
				if (p->err && p->errlen)
					snprintf(p->err, p->errlen, "%s line %d: bad value '%.100s' for SecurityPolicy in the "
						 "Service stanza (allowed: user, group, default)", p->path, p->line, value);
				return QM_EINVAL;
			}
		}
	} else {
		return QM_OK;    /* the unknown stanza was reported once, at its line */
	}
	if (!found)
		warn(&c->warnings, p->line, stanza, key);
	return rc;
}

int qm_config_parse(struct qm_config *c, const char *path, const char *text, char *err, size_t errlen)
{
	struct qm_parse q = { c, 0, 0 };
	struct parser p = { 0 };

	qm_config_init(c);
	snprintf(c->warnings.file, sizeof c->warnings.file, "%s", path);
	if (err && errlen)
		err[0] = 0;
	p.path = path;
	p.text = text;
	p.known = qm_stanzas;
	p.warn = &c->warnings;
	p.err = err;
	p.errlen = errlen;
	p.key = qm_key;
	p.ctx = &q;
	int rc = parse_run(&p);
	if (rc)
		return rc;
	int line = q.line_primary > q.line_secondary ? q.line_primary : q.line_secondary;
	return check_log_total(&c->log, path, line, "Log", err, errlen);
}

int qm_config_load(struct qm_config *c, const char *path, char *err, size_t errlen)
{
	char *text = NULL;
	qm_config_init(c);
	int rc = read_text(path, &text, err, errlen);
	if (rc)
		return rc;
	rc = qm_config_parse(c, path, text, err, errlen);
	free(text);
	return rc;
}

int qm_config_validate(const struct qm_config *c, char *err, size_t errlen)
{
	int rc = check_table(qm_log_keys, &c->log, "Log", err, errlen);
	if (!rc)
		rc = check_log_total(&c->log, NULL, 0, "Log", err, errlen);
	if (!rc)
		rc = check_table(errlog_keys, c, "QMErrorLog", err, errlen);
	if (!rc)
		rc = check_table(tuning_keys, &c->tuning, "Tuning", err, errlen);
	return rc;
}

void qm_config_apply_log_defaults(struct qm_config *c, const struct cfg_log *defaults)
{
	char keep[PATH_MAX];
	memcpy(keep, c->log.path, sizeof keep);
	c->log = *defaults;
	memcpy(c->log.path, keep, sizeof keep);
}

static int qm_render(const struct qm_config *c, const char *qmname, char **s)
{
	int rc = sb_add(s, "#* qm.ini of queue manager %s, written by Quire.\n"
			"#* Every key is described in samples/qm.ini.\n",
			qmname && *qmname ? qmname : "(unnamed)");
	if (!rc)
		rc = sb_add(s, "Log:\n");
	if (!rc)
		rc = render_table(s, qm_log_keys, &c->log);
	if (!rc)
		rc = sb_add(s, "\nQMErrorLog:\n");
	if (!rc)
		rc = render_table(s, errlog_keys, c);
	if (!rc)
		rc = sb_add(s, "\nTuning:\n");
	if (!rc)
		rc = render_table(s, tuning_keys, &c->tuning);
	return rc;
}

int qm_config_render(const struct qm_config *c, const char *qmname, char *buf, size_t n)
{
	char *s = NULL;
	int rc = qm_render(c, qmname, &s);
	if (!rc) {
		int k = snprintf(buf, n, "%s", s);
		rc = (k < 0 || (size_t)k >= n) ? QM_ETOOBIG : QM_OK;
	}
	free(s);
	return rc;
}

int qm_config_write(const struct qm_config *c, const char *path, const char *qmname,
		    char *err, size_t errlen)
{
	char *s = NULL;
	int rc = qm_config_validate(c, err, errlen);
	if (rc)
		return rc;
	rc = qm_render(c, qmname, &s);
	if (!rc) {
		rc = os_replace_file(path, s, strlen(s));
		if (rc && err && errlen)
			snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
	}
	free(s);
	return rc;
}

/* ------------------------------------------------------------------ */
/* mqs.ini                                                              */

static const char *const mqs_stanzas[] = {
	"AllQueueManagers", "DefaultQueueManager", "LogDefaults", "QueueManager", NULL };

static int dirname_ok(const char *d)
{
	return d[0] && strlen(d) < CFG_DIRNAME_MAX && !strchr(d, '/') &&
	       strcmp(d, ".") != 0 && strcmp(d, "..") != 0;
}

static int abs_path_ok(const char *v) { return v[0] == '/' && strlen(v) < PATH_MAX; }

/* mqs.ini keys that are not in a key table, with their rule. */
static int mqs_bad(struct parser *p, const char *stanza, const char *key, const char *value,
		   const char *allowed)
{
	if (p->err && p->errlen)
		snprintf(p->err, p->errlen, "%s line %d: bad value '%.100s' for %s in the %s stanza "
			 "(allowed: %s)", p->path, p->line, value, key, stanza, allowed);
	return QM_EINVAL;
}

#define NAME_RULE "1 to 48 characters"
#define DIR_RULE "a folder name of 1 to 63 characters without '/'"
#define ABS_RULE "an absolute path"

struct mqs_parse {
	struct mqs_ini *m;
	int line_primary, line_secondary;
};

static int mqs_stanza(struct parser *p, const char *name, int known)
{
	struct mqs_ini *m = ((struct mqs_parse *)p->ctx)->m;
	if (!known)
		return sb_add(&m->extra_stanzas, "\n%s:\n", name);
	if (strcasecmp(name, "QueueManager") != 0)
		return QM_OK;
	struct mqs_qmgr *v = realloc(m->qmgrs, sizeof *v * (size_t)(m->nqmgrs + 1));
	if (!v)
		return QM_ENOMEM;
	m->qmgrs = v;
	memset(&v[m->nqmgrs], 0, sizeof *v);
	v[m->nqmgrs].line = p->line;
	m->nqmgrs++;
	return QM_OK;
}

static int mqs_key(struct parser *p, const char *stanza, const char *key, const char *value)
{
	struct mqs_parse *mp = p->ctx;
	struct mqs_ini *m = mp->m;
	char **extra = NULL;

	if (!is_known(mqs_stanzas, stanza))
		return sb_add(&m->extra_stanzas, "   %s=%s\n", key, value);
	if (strcasecmp(stanza, "AllQueueManagers") == 0) {
		if (strcasecmp(key, "DefaultPrefix") == 0) {
			if (!abs_path_ok(value))
				return mqs_bad(p, "AllQueueManagers", "DefaultPrefix", value, ABS_RULE);
			snprintf(m->default_prefix, sizeof m->default_prefix, "%s", value);
			return QM_OK;
		}
		extra = &m->extra_all;
	} else if (strcasecmp(stanza, "DefaultQueueManager") == 0) {
		if (strcasecmp(key, "Name") == 0) {
			if (!value[0] || strlen(value) > CFG_QMNAME_MAX)
				return mqs_bad(p, "DefaultQueueManager", "Name", value, NAME_RULE);
			snprintf(m->default_qmgr, sizeof m->default_qmgr, "%s", value);
			return QM_OK;
		}
		extra = &m->extra_default;
	} else if (strcasecmp(stanza, "LogDefaults") == 0) {
		int found;
		int rc = table_key(p, mqs_log_keys, &m->log_defaults, "LogDefaults", key, value, &found);
		if (strcasecmp(key, "LogPrimaryFiles") == 0)
			mp->line_primary = p->line;
		if (strcasecmp(key, "LogSecondaryFiles") == 0)
			mp->line_secondary = p->line;
		if (rc || found)
			return rc;
		extra = &m->extra_logdefaults;
	} else {
		if (m->nqmgrs == 0) {
			/* "[QueueManager]" in inih's syntax opened no stanza of ours */
			if (p->err && p->errlen)
				snprintf(p->err, p->errlen, "%s line %d: key '%s' is not in a 'QueueManager:' stanza",
					 p->path, p->line, key);
			return QM_EINVAL;
		}
		struct mqs_qmgr *q = &m->qmgrs[m->nqmgrs - 1];
		if (strcasecmp(key, "Name") == 0) {
			if (!value[0] || strlen(value) > CFG_QMNAME_MAX)
				return mqs_bad(p, "QueueManager", "Name", value, NAME_RULE);
			snprintf(q->name, sizeof q->name, "%s", value);
			return QM_OK;
		}
		if (strcasecmp(key, "Prefix") == 0 || strcasecmp(key, "DataPath") == 0) {
			int prefix = strcasecmp(key, "Prefix") == 0;
			if (!abs_path_ok(value))
				return mqs_bad(p, "QueueManager", prefix ? "Prefix" : "DataPath", value, ABS_RULE);
			snprintf(prefix ? q->prefix : q->data_path, PATH_MAX, "%s", value);
			return QM_OK;
		}
		if (strcasecmp(key, "Directory") == 0) {
			if (!dirname_ok(value))
				return mqs_bad(p, "QueueManager", "Directory", value, DIR_RULE);
			snprintf(q->directory, sizeof q->directory, "%s", value);
			return QM_OK;
		}
		extra = &q->extra;
	}
	warn(&m->warnings, p->line, stanza, key);
	return sb_add(extra, "   %s=%s\n", key, value);
}

void mqs_init(struct mqs_ini *m, const char *root)
{
	memset(m, 0, sizeof *m);
	snprintf(m->default_prefix, sizeof m->default_prefix, "%s", root);
	cfg_log_init(&m->log_defaults);
	snprintf(m->log_defaults.path, sizeof m->log_defaults.path, "%s/log", root);
}

void mqs_release(struct mqs_ini *m)
{
	for (int i = 0; i < m->nqmgrs; i++)
		free(m->qmgrs[i].extra);
	free(m->qmgrs);
	free(m->extra_all);
	free(m->extra_default);
	free(m->extra_logdefaults);
	free(m->extra_stanzas);
	m->qmgrs = NULL;
	m->nqmgrs = 0;
	m->extra_all = m->extra_default = m->extra_logdefaults = m->extra_stanzas = NULL;
}

/* Every QueueManager stanza complete, names unique. */
static int mqs_check(const struct mqs_ini *m, const char *path, int log_line, char *err, size_t errlen)
{
	for (int i = 0; i < m->nqmgrs; i++) {
		const struct mqs_qmgr *q = &m->qmgrs[i];
		const char *miss = !q->name[0] ? "Name" : !q->prefix[0] ? "Prefix" :
				   !q->directory[0] ? "Directory" : NULL;
		if (miss) {
			if (err && errlen)
				snprintf(err, errlen, "%s line %d: the QueueManager stanza has no %s key",
					 path, q->line, miss);
			return QM_EINVAL;
		}
		for (int j = 0; j < i; j++)
			if (strcmp(m->qmgrs[j].name, q->name) == 0) {
				if (err && errlen)
					snprintf(err, errlen, "%s line %d: queue manager %s is listed twice "
						 "(first at line %d)", path, q->line, q->name,
						 m->qmgrs[j].line);
				return QM_EINVAL;
			}
	}
	return check_log_total(&m->log_defaults, path, log_line, "LogDefaults", err, errlen);
}

int mqs_parse(struct mqs_ini *m, const char *path, const char *text, char *err, size_t errlen)
{
	struct parser p = { 0 };
	struct mqs_parse mp = { m, 0, 0 };
	char root[PATH_MAX];

	/* defaults: the folder that holds the file */
	snprintf(root, sizeof root, "%s", path);
	char *slash = strrchr(root, '/');
	if (slash && slash != root)
		*slash = 0;
	else
		snprintf(root, sizeof root, "%s", cfg_data_root());
	mqs_init(m, root);
	snprintf(m->warnings.file, sizeof m->warnings.file, "%s", path);
	if (err && errlen)
		err[0] = 0;
	p.path = path;
	p.text = text;
	p.known = mqs_stanzas;
	p.warn = &m->warnings;
	p.err = err;
	p.errlen = errlen;
	p.stanza = mqs_stanza;
	p.key = mqs_key;
	p.ctx = &mp;
	int rc = parse_run(&p);
	if (!rc)
		rc = mqs_check(m, path, mp.line_primary > mp.line_secondary ? mp.line_primary :
			       mp.line_secondary, err, errlen);
	if (rc == QM_ENOMEM && err && errlen)
		snprintf(err, errlen, "%s: out of memory", path);
	if (rc)
		mqs_release(m);
	return rc;
}

int mqs_load(struct mqs_ini *m, const char *path, char *err, size_t errlen)
{
	char *text = NULL;
	memset(m, 0, sizeof *m);
	int rc = read_text(path, &text, err, errlen);
	if (rc)
		return rc;
	rc = mqs_parse(m, path, text, err, errlen);
	free(text);
	return rc;
}

int mqs_render(const struct mqs_ini *m, char **out)
{
	char *s = NULL;
	int rc = sb_add(&s, "#* mqs.ini: the queue managers of this machine, written by Quire.\n"
			"#* Keys are described in samples/qm.ini.\n"
			"AllQueueManagers:\n   DefaultPrefix=%s\n%s", m->default_prefix,
			m->extra_all ? m->extra_all : "");
	if (!rc)
		rc = sb_add(&s, "\nLogDefaults:\n");
	if (!rc)
		rc = render_table(&s, mqs_log_keys, &m->log_defaults);
	if (!rc && m->extra_logdefaults)
		rc = sb_add(&s, "%s", m->extra_logdefaults);
	for (int i = 0; i < m->nqmgrs && !rc; i++) {
		const struct mqs_qmgr *q = &m->qmgrs[i];
		rc = sb_add(&s, "\nQueueManager:\n   Name=%s\n   Prefix=%s\n   Directory=%s\n",
			    q->name, q->prefix, q->directory);
		if (!rc && q->data_path[0])
			rc = sb_add(&s, "   DataPath=%s\n", q->data_path);
		if (!rc && q->extra)
			rc = sb_add(&s, "%s", q->extra);
	}
	if (!rc && (m->default_qmgr[0] || m->extra_default)) {
		rc = sb_add(&s, "\nDefaultQueueManager:\n");
		if (!rc && m->default_qmgr[0])
			rc = sb_add(&s, "   Name=%s\n", m->default_qmgr);
		if (!rc && m->extra_default)
			rc = sb_add(&s, "%s", m->extra_default);
	}
	if (!rc && m->extra_stanzas)
		rc = sb_add(&s, "%s", m->extra_stanzas);
	if (rc) {
		free(s);
		return rc;
	}
	*out = s;
	return QM_OK;
}

int mqs_save(const struct mqs_ini *m, const char *path, char *err, size_t errlen)
{
	char *s = NULL;
	int rc = mqs_check(m, path, 0, err, errlen);
	if (!rc)
		rc = check_table(mqs_log_keys, &m->log_defaults, "LogDefaults", err, errlen);
	if (rc)
		return rc;
	rc = mqs_render(m, &s);
	if (rc) {
		if (err && errlen)
			snprintf(err, errlen, "%s: out of memory", path);
		return rc;
	}
	rc = os_replace_file(path, s, strlen(s));
	if (rc && err && errlen)
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
	free(s);
	return rc;
}

const struct mqs_qmgr *mqs_find(const struct mqs_ini *m, const char *name)
{
	for (int i = 0; name && i < m->nqmgrs; i++)
		if (strcmp(m->qmgrs[i].name, name) == 0)
			return &m->qmgrs[i];
	return NULL;
}

int mqs_add_qmgr(struct mqs_ini *m, const struct mqs_qmgr *q)
{
	if (!q->name[0] || strlen(q->name) > CFG_QMNAME_MAX || !abs_path_ok(q->prefix) ||
	    !dirname_ok(q->directory) || (q->data_path[0] && !abs_path_ok(q->data_path)))
		return QM_EINVAL;
	if (mqs_find(m, q->name))
		return QM_EEXIST;
	struct mqs_qmgr *v = realloc(m->qmgrs, sizeof *v * (size_t)(m->nqmgrs + 1));
	if (!v)
		return QM_ENOMEM;
	m->qmgrs = v;
	v[m->nqmgrs] = *q;
	v[m->nqmgrs].extra = NULL;
	v[m->nqmgrs].line = 0;
	m->nqmgrs++;
	return QM_OK;
}

int mqs_remove_qmgr(struct mqs_ini *m, const char *name)
{
	for (int i = 0; i < m->nqmgrs; i++) {
		if (strcmp(m->qmgrs[i].name, name) != 0)
			continue;
		free(m->qmgrs[i].extra);
		memmove(&m->qmgrs[i], &m->qmgrs[i + 1], sizeof *m->qmgrs * (size_t)(m->nqmgrs - i - 1));
		m->nqmgrs--;
		if (strcmp(m->default_qmgr, name) == 0)
			m->default_qmgr[0] = 0;
		return QM_OK;
	}
	return QM_ENOTFOUND;
}

int mqs_set_default(struct mqs_ini *m, const char *name)
{
	if (!name || !*name) {
		m->default_qmgr[0] = 0;
		return QM_OK;
	}
	if (!mqs_find(m, name))
		return QM_ENOTFOUND;
	snprintf(m->default_qmgr, sizeof m->default_qmgr, "%s", name);
	return QM_OK;
}

int mqs_lock(const char *root, int *fdp)
{
	char path[PATH_MAX];
	int rc = pathf(path, sizeof path, "%s/mqs.ini.lck", root);
	if (rc)
		return rc;
	return os_lock_file(path, fdp);
}

void mqs_unlock(int fd)
{
	if (fd >= 0)
		osio->close(fd);
}
