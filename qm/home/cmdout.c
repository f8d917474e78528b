/* cmdout.c: console and error-log output of the commands (see cmdout.h). */
#include "qm/home/cmdout.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "log/qmerr.h"
#include "objects/names.h"
#include "qm/home/errlog.h"
#include "qm/home/msgcat.h"
#include "qm/home/qmgr.h"

#define MAX_INS 9

static int collect(va_list ap, const char *ins[MAX_INS])
{
	int n = 0;
	const char *s;
	while (n < MAX_INS && (s = va_arg(ap, const char *)) != NULL)
		ins[n++] = s;
	return n;
}

/* The formatters always leave the message in buf, its inserts shortened when
 * they do not fit (QM_ETOOBIG), so the message is printed whatever they
 * return: a command never fails silently because an insert was long. */
void cmd_say(int quiet, int msgid, ...)
{
	const char *ins[MAX_INS];
	char buf[2048];
	va_list ap;
	va_start(ap, msgid);
	int n = collect(ap, ins);
	va_end(ap);
	if (quiet)
		return;
	msgcat_format_part(buf, sizeof buf, msgid, MSGCAT_TEXT, ins, n, 0);
	printf("%s\n", buf);
	fflush(stdout);
}

const char *cmd_show_name(char *buf, size_t n, const char *name)
{
	size_t len = name ? strlen(name) : 0, at = 0;
	if (n == 0)
		return "";
	for (size_t i = 0; i < len && i < NAMES_MAX_LEN && at + 1 < n; i++) {
		unsigned char c = (unsigned char)name[i];
		buf[at++] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	/* not cutting a UTF-8 character in two */
	if (len > NAMES_MAX_LEN)
		while (at > 0 && ((unsigned char)name[at] & 0xC0) == 0x80)
			at--;
	buf[at] = 0;
	if (len > NAMES_MAX_LEN && at + 3 < n)
		memcpy(buf + at, "...", 4);
	return buf;
}

void cmd_error(const struct errlog *el, int msgid, ...)
{
	const char *ins[MAX_INS];
	char buf[2048], shown[NAMES_MAX_LEN + 4];
	va_list ap;
	va_start(ap, msgid);
	int n = collect(ap, ins);
	va_end(ap);
	/* AMQ7048's insert is the name the user gave, which may be anything: at
	 * most the 48 characters a name can have are shown, then "...", and
	 * control characters as '?' (the error log keeps the name as given) */
	const char *con[MAX_INS];
	memcpy(con, ins, sizeof con);
	if (msgid == AMQ_QMGR_UNKNOWN && n > 0)
		con[0] = cmd_show_name(shown, sizeof shown, ins[0]);
	msgcat_format(buf, sizeof buf, msgid, con, n);
	fprintf(stderr, "%s\n", buf);
	if (el)
		errlog_write(el, msgid, ins, n, __FILE__, __LINE__);
}

void cmd_qmgr_unknown(const char *cmd, const char *name)
{
	char why[256];
	cmd_error(NULL, AMQ_QMGR_UNKNOWN, name ? name : "", NULL);
	if (name && *name && names_check(name, why, sizeof why) != QM_OK) {
		for (char *c = why; *c; c++)
			if ((unsigned char)*c < 0x20 || *c == 0x7f)
				*c = '?';
		fprintf(stderr, "%s: the queue manager %s\n", cmd, why);
	}
}

void cmd_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cmd_locate(const char *cmd, const char *name, int quiet, struct qm_paths *p)
{
	char err[1024];
	int rc = qmgr_locate(name, p, err, sizeof err);
	if (rc == QM_ENOTFOUND) {
		if (!quiet)
			cmd_qmgr_unknown(cmd, name);
		return 16;
	}
	if (rc) {
		if (!quiet)
			fprintf(stderr, "%s: %s\n", cmd, err);
		return 71;
	}
	return 0;
}
