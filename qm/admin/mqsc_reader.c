/*
 * mqsc_reader.c: runmqsc's reading of its input (see mqsc.h): continuation
 * lines, comments, byte order marks and bytes that cannot be MQSC text.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qm/admin/mqsc.h"


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
		if (cont && ll && line[0] == '*')
			continue;   /* a comment in column 1 inside a continued command (dmpmqcfg writes them) */
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
