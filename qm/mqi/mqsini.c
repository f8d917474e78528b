/*
 * mqsini.c: finding a queue manager in mqs.ini, for libmqm (mqsini.h).
 *
 * libmqm needs one answer from mqs.ini: the data folder of a queue manager
 * (and its name as listed, for the default).  The queue manager's own reader
 * (qm/home/config.c) keeps every key, reports unknown ones to the error log
 * and writes the file back; none of that belongs in a client library, so
 * this file reads the text itself.  It must answer exactly as config.c's
 * mqs_load + mqs_find + mqs_qmgr_data_dir do (test_mqsini.c compares them on
 * chosen and on generated texts), so it follows config.c's reading step by
 * step:
 *
 *   1. config.c's line reader: lines end at '\n' (the text ends at its first
 *      NUL); a UTF-8 BOM starting the file is dropped; blanks and tabs are
 *      dropped at the start, and those and '\r' at the end.  A stanza line
 *      ("Name:", a name of letters, digits, '_', '-', '.', then only blanks or
 *      a '#'/';' comment) starts a stanza (its name cut to 63 characters) and
 *      a QueueManager stanza starts a new queue manager.  A line of 198
 *      characters or more is a comment if it starts with '#' or ';'; else it
 *      needs a '=' after at most 195 characters, and the value after it
 *      (cut at " ;", trimmed) is kept aside while inih sees "Key=\x01".
 *   2. inih (r55, as built by Debian): line 1 may start with a BOM; blanks
 *      are the C locale's isspace(); a line starting with ';' or '#' is a
 *      comment; an indented line (what is left of one after step 1: '\v',
 *      '\f' or '\r' first) gives the last key again, the whole line (no
 *      comment cut) its value; "[name]" sets the stanza name without starting
 *      a stanza; anything else is Key=Value or Key:Value, whichever of '='
 *      and ':' comes first, the value cut at a ';' after a blank.  Stanza and
 *      key names are cut to 49 characters.  A line that is none of these (no
 *      ']', no '=' or ':', a " ;" before either) refuses the file.
 *   3. config.c's keys (names of stanzas and keys without case; the last of a
 *      repeated key wins, but each value must be valid): DefaultPrefix an
 *      absolute path; DefaultQueueManager Name 1..48 characters; LogDefaults
 *      within config.h's ranges and words, LogPrimaryFiles +
 *      LogSecondaryFiles within 3..511; QueueManager Name 1..48 characters,
 *      Prefix and DataPath absolute paths, Directory one path component of
 *      1..63 characters.  Other keys and stanzas are allowed and unused.
 *   4. Each QueueManager stanza has Name, Prefix and Directory; no name twice.
 *
 * Not inih: libmqm would need libinih.so on every application's machine,
 * and config.c's line reader around it (stanza lines, over-long lines) would
 * still have to be written again here; inih's part of the rules is a few
 * dozen lines (step 2), and no library is needed.
 *
 * Where config.c's behaviour is undefined (a key under a "[QueueManager]"
 * line before any "QueueManager:" stanza) the file is refused.  Values are
 * not copied: they are NUL-terminated where they lie in the text (or in the
 * line made for an over-long one).
 */
#include "qm/mqi/mqsini.h"
#include "qm/mqi/mqm_int.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "qm/home/config.h"   /* the names' lengths and LogDefaults' ranges only: no code of qm/home */

#define LINE_MAX_INIH 200    /* inih's line buffer (INI_MAX_LINE) */
#define NAME_CUT      50     /* inih's section and key name buffers (MAX_SECTION, MAX_NAME) */
#define STANZA_CUT    64     /* config.c's stanza name buffer (CFG_NAME_MAX) */
#define STASH_MAX     (PATH_MAX + 64)  /* config.c's buffer for the value of an over-long line */
#define STASHED       "\x01"
#define BOM           "\xEF\xBB\xBF"

/* The C locale's classes, whatever locale the application set: the commands
 * that wrote and checked mqs.ini run in the C locale. */
static int is_space(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alnum(int c) { return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }

struct qmgr {
	const char *name, *prefix, *dir, *data_path;  /* NULL: not given */
};

/* The line inih sees for an over-long one: kept to the end, as a value
 * may lie in it (a continuation line, or "Key:Value=...") */
struct held {
	struct held *next;
	char line[LINE_MAX_INIH];
};

struct scan {
	struct held *held;
	struct qmgr *q;
	int nq, cap;
	const char *dflt;                 /* DefaultQueueManager Name */
	long long primary, secondary;     /* LogDefaults, for their sum */
	const char *stash;                /* the value of the last over-long line */
	char section[NAME_CUT];           /* inih's stanza */
	char prev[NAME_CUT];              /* inih's last key, for a continuation line */
};

/* ------------------------------------------------------------------------ */
/* Step 3: the keys                                                         */

static int path_ok(const char *v) { return v[0] == '/' && strlen(v) < PATH_MAX; }
static int name_ok(const char *v) { return v[0] && strlen(v) <= CFG_QMNAME_MAX; }

static int dir_ok(const char *v)
{
	return v[0] && strlen(v) < CFG_DIRNAME_MAX && !strchr(v, '/') && strcmp(v, ".") != 0 &&
	       strcmp(v, "..") != 0;
}

/* Digits only; too large saturates (and is then out of range). */
static int number(const char *s, long long *v)
{
	long long x = 0;
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (!is_digit(*s))
			return -1;
		x = x > (LLONG_MAX - 9) / 10 ? LLONG_MAX : x * 10 + (*s - '0');
	}
	*v = x;
	return 0;
}

static int one_of(const char *v, const char *const *words)
{
	for (; *words; words++)
		if (strcasecmp(v, *words) == 0)
			return 1;
	return 0;
}

static const char *const log_types[] = { "CIRCULAR", "LINEAR", NULL };
static const char *const log_integrity[] = { "SingleWrite", "DoubleWrite", "TripleWrite", NULL };
static const char *const log_mgmt[] = { "Manual", "Automatic", "Archive", NULL };

static const struct {
	const char *key;
	long long min, max;
} log_nums[] = {
	{ "LogPrimaryFiles", CFG_LOG_PRIMARY_MIN, CFG_LOG_PRIMARY_MAX },
	{ "LogSecondaryFiles", CFG_LOG_SECONDARY_MIN, CFG_LOG_SECONDARY_MAX },
	{ "LogFilePages", CFG_LOG_FILE_PAGES_MIN, CFG_LOG_FILE_PAGES_MAX },
	{ "LogBufferPages", CFG_LOG_BUFFER_PAGES_MIN, CFG_LOG_BUFFER_PAGES_MAX },
};

/* A LogDefaults key: 0, or -1 for a bad value. */
static int log_key(struct scan *s, const char *key, const char *v)
{
	for (size_t i = 0; i < sizeof log_nums / sizeof log_nums[0]; i++) {
		long long x;
		if (strcasecmp(key, log_nums[i].key) != 0)
			continue;
		if (number(v, &x) || x < log_nums[i].min || x > log_nums[i].max)
			return -1;
		if (i == 0)
			s->primary = x;
		else if (i == 1)
			s->secondary = x;
		return 0;
	}
	if (strcasecmp(key, "LogType") == 0)
		return one_of(v, log_types) ? 0 : -1;
	if (strcasecmp(key, "LogWriteIntegrity") == 0)
		return one_of(v, log_integrity) ? 0 : -1;
	if (strcasecmp(key, "LogManagement") == 0)
		return one_of(v, log_mgmt) ? 0 : -1;
	if (strcasecmp(key, "LogDefaultPath") == 0)
		return path_ok(v) ? 0 : -1;
	return 0;
}

/* One key of the current stanza: 0, or -1 when the file is refused. */
static int key(struct scan *s, const char *key, const char *v)
{
	const char *st = s->section;
	if (strcmp(v, STASHED) == 0)
		v = s->stash;
	if (!st[0])
		return 0;   /* before any stanza: unused */
	if (strcasecmp(st, "AllQueueManagers") == 0)
		return strcasecmp(key, "DefaultPrefix") != 0 || path_ok(v) ? 0 : -1;
	if (strcasecmp(st, "DefaultQueueManager") == 0) {
		if (strcasecmp(key, "Name") != 0)
			return 0;
		s->dflt = v;
		return name_ok(v) ? 0 : -1;
	}
	if (strcasecmp(st, "LogDefaults") == 0)
		return log_key(s, key, v);
	if (strcasecmp(st, "QueueManager") != 0)
		return 0;
	if (s->nq == 0)
		return -1;  /* "[QueueManager]" before any stanza: undefined in config.c */
	struct qmgr *q = &s->q[s->nq - 1];
	if (strcasecmp(key, "Name") == 0) {
		q->name = v;
		return name_ok(v) ? 0 : -1;
	}
	if (strcasecmp(key, "Prefix") == 0) {
		q->prefix = v;
		return path_ok(v) ? 0 : -1;
	}
	if (strcasecmp(key, "DataPath") == 0) {
		q->data_path = v;
		return path_ok(v) ? 0 : -1;
	}
	if (strcasecmp(key, "Directory") == 0) {
		q->dir = v;
		return dir_ok(v) ? 0 : -1;
	}
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Step 2: inih's view of one line                                          */

static char *rstrip(char *s)
{
	char *e = s + strlen(s);
	while (e > s && is_space(e[-1]))
		*--e = 0;
	return s;
}

static char *lskip(char *s)
{
	while (*s && is_space(*s))
		s++;
	return s;
}

/* The first of chars (none: NULL), or a ';' after a blank, or the end. */
static char *find_or_comment(char *s, const char *chars)
{
	int was_space = 0;
	while (*s && !(chars && strchr(chars, *s)) && !(was_space && *s == ';')) {
		was_space = is_space(*s);
		s++;
	}
	return s;
}

static void cut_copy(char *to, const char *from)
{
	snprintf(to, NAME_CUT, "%s", from);
}

/* 0, or -1 when the file is refused. */
static int ini_line(struct scan *s, char *line, int first)
{
	char *start = line, *end;
	if (first && strncmp(start, BOM, 3) == 0)
		start += 3;
	start = lskip(rstrip(start));
	if (!*start || *start == ';' || *start == '#')
		return 0;
	if (s->prev[0] && start > line)   /* the last key again, the whole line its value */
		return key(s, s->prev, start);
	if (*start == '[') {
		end = find_or_comment(start + 1, "]");
		if (*end != ']')
			return -1;
		*end = 0;
		cut_copy(s->section, start + 1);
		s->prev[0] = 0;
		return 0;
	}
	end = find_or_comment(start, "=:");
	if (*end != '=' && *end != ':')
		return -1;
	*end = 0;
	char *name = rstrip(start), *value = end + 1;
	*find_or_comment(value, NULL) = 0;
	value = rstrip(lskip(value));
	cut_copy(s->prev, name);
	return key(s, name, value);
}

/* ------------------------------------------------------------------------ */
/* Step 1: config.c's line reader                                           */

/* "Name:" then only blanks or a comment; *nlen the name's length. */
static int stanza_line(const char *p, size_t len, size_t *nlen)
{
	size_t i = 0, j;
	while (i < len && (is_alnum(p[i]) || p[i] == '_' || p[i] == '-' || p[i] == '.'))
		i++;
	if (i == 0 || i >= len || p[i] != ':')
		return 0;
	for (j = i + 1; j < len && (p[j] == ' ' || p[j] == '\t'); j++)
		;
	if (j < len && p[j] != '#' && p[j] != ';')
		return 0;
	*nlen = i;
	return 1;
}

/* Length of p[0..len) cut at " ;" (a blank, then ';') and without trailing
 * isspace(), as config.c keeps the value of an over-long line. */
static size_t value_len(const char *p, size_t len)
{
	for (size_t i = 1; i < len; i++)
		if (p[i] == ';' && (p[i - 1] == ' ' || p[i - 1] == '\t')) {
			len = i;
			break;
		}
	while (len > 0 && is_space(p[len - 1]))
		len--;
	return len;
}

static MQLONG new_qmgr(struct scan *s)
{
	if (s->nq == s->cap) {
		int cap = s->cap ? s->cap * 2 : 8;
		struct qmgr *q = realloc(s->q, sizeof *q * (size_t)cap);
		if (!q)
			return MQRC_STORAGE_NOT_AVAILABLE;
		s->q = q;
		s->cap = cap;
	}
	memset(&s->q[s->nq++], 0, sizeof *s->q);
	return MQRC_NONE;
}

/* Steps 1 to 3 over the whole text. */
static MQLONG scan_text(struct scan *s, char *text)
{
	char *next = text;
	for (int lineno = 1; *next; lineno++) {
		char *p = next;
		size_t len = strcspn(p, "\n"), nlen;
		next = p + len + (p[len] == '\n');
		if (lineno == 1 && len >= 3 && memcmp(p, BOM, 3) == 0) {
			p += 3;
			len -= 3;
		}
		while (len > 0 && (*p == ' ' || *p == '\t')) {
			p++;
			len--;
		}
		while (len > 0 && (p[len - 1] == '\r' || p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		p[len] = 0;
		if (len > 0 && stanza_line(p, len, &nlen)) {
			p[nlen < STANZA_CUT - 1 ? nlen : STANZA_CUT - 1] = 0;
			if (strcasecmp(p, "QueueManager") == 0 && new_qmgr(s))
				return MQRC_STORAGE_NOT_AVAILABLE;
			cut_copy(s->section, p);   /* inih sees "[name]" */
			s->prev[0] = 0;
			continue;
		}
		if (*p == '#' || *p == ';')
			continue;   /* a comment, however long */
		if (len + 2 < LINE_MAX_INIH) {
			if (ini_line(s, p, lineno == 1))
				return MQRC_Q_MGR_NAME_ERROR;
			continue;
		}
		/* too long for inih: "Key=\x01", the value kept aside */
		char *eq = memchr(p, '=', len);
		size_t klen = eq ? (size_t)(eq - p) : len;
		if (!eq || klen + 4 >= LINE_MAX_INIH)
			return MQRC_Q_MGR_NAME_ERROR;
		char *v = eq + 1;
		size_t vlen = value_len(v, len - klen - 1);
		while (vlen > 0 && is_space(*v)) {
			v++;
			vlen--;
		}
		v[vlen < STASH_MAX - 1 ? vlen : STASH_MAX - 1] = 0;
		s->stash = v;
		struct held *h = malloc(sizeof *h);
		if (!h)
			return MQRC_STORAGE_NOT_AVAILABLE;
		h->next = s->held;
		s->held = h;
		snprintf(h->line, sizeof h->line, "%.*s=" STASHED, (int)klen, p);
		if (ini_line(s, h->line, lineno == 1))
			return MQRC_Q_MGR_NAME_ERROR;
	}
	return MQRC_NONE;
}

/* Step 4. */
static int complete(const struct scan *s)
{
	long long total = s->primary + s->secondary;
	for (int i = 0; i < s->nq; i++) {
		const struct qmgr *q = &s->q[i];
		if (!q->name || !q->prefix || !q->dir)
			return 0;
		for (int j = 0; j < i; j++)
			if (strcmp(s->q[j].name, q->name) == 0)
				return 0;
	}
	return total >= CFG_LOG_FILES_MIN && total <= CFG_LOG_FILES_MAX;
}

MQLONG mqm_mqsini_find(char *text, const char *name, char *real, size_t realn, char *dir, size_t n)
{
	struct scan s = { .primary = CFG_LOG_PRIMARY_DEF, .secondary = CFG_LOG_SECONDARY_DEF, .stash = "" };
	MQLONG rc = scan_text(&s, text);
	if (!rc && !complete(&s))
		rc = MQRC_Q_MGR_NAME_ERROR;
	if (!rc) {
		const char *want = *name ? name : s.dflt ? s.dflt : "";
		const struct qmgr *q = NULL;
		for (int i = 0; *want && !q && i < s.nq; i++)
			if (strcmp(s.q[i].name, want) == 0)
				q = &s.q[i];
		int k = !q ? -1 : q->data_path ? snprintf(dir, n, "%s", q->data_path)
					       : snprintf(dir, n, "%s/qmgrs/%s", q->prefix, q->dir);
		if (k < 0 || (size_t)k >= n)
			rc = MQRC_Q_MGR_NAME_ERROR;
		else
			snprintf(real, realn, "%s", q->name);
	}
	free(s.q);
	while (s.held) {
		struct held *h = s.held;
		s.held = h->next;
		free(h);
	}
	return rc;
}

/* ------------------------------------------------------------------------ */
/* The file                                                                 */

/* The whole of path, NUL-terminated (cut at its first NUL, as config.c
 * reads it).  One open: EACCES is 2035 (the queue managers of this machine
 * are there, but not for this user: MQ says not authorized to a user outside
 * mqm rather than "no such queue manager"); any other failure 2058. */
static MQLONG read_text(const char *path, char **out)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == EACCES ? MQRC_NOT_AUTHORIZED : MQRC_Q_MGR_NAME_ERROR;
	if (fstat(fd, &st) != 0) {
		close(fd);
		return MQRC_Q_MGR_NAME_ERROR;
	}
	size_t size = (size_t)st.st_size, got = 0;
	char *text = malloc(size + 1);
	if (!text) {
		close(fd);
		return MQRC_STORAGE_NOT_AVAILABLE;
	}
	while (got < size) {
		ssize_t k = read(fd, text + got, size - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			close(fd);
			free(text);
			return MQRC_Q_MGR_NAME_ERROR;
		}
		if (k == 0)
			break;   /* shorter than it was: what is there */
		got += (size_t)k;
	}
	close(fd);
	text[got] = 0;
	*out = text;
	return MQRC_NONE;
}

MQLONG mqm_locate(const char *name, char *real, size_t realn, char *data_dir, size_t n)
{
	const char *root = getenv("MQ_DATA_PATH");
	char path[PATH_MAX], *text;
	if (!root || !*root)
		root = CFG_DEFAULT_ROOT;
	int k = snprintf(path, sizeof path, "%s/mqs.ini", root);
	if (k < 0 || (size_t)k >= sizeof path)
		return MQRC_Q_MGR_NAME_ERROR;
	MQLONG rc = read_text(path, &text);
	if (rc)
		return rc;
	rc = mqm_mqsini_find(text, name, real, realn, data_dir, n);
	free(text);
	return rc;
}
