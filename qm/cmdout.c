/* cmdout.c: console and error-log output of the commands (see cmdout.h). */
#include "qm/cmdout.h"

#include <stdarg.h>
#include <stdio.h>

#include "log/qmerr.h"
#include "qm/errlog.h"
#include "qm/msgcat.h"
#include "qm/qmgr.h"

#define MAX_INS 9

static int collect(va_list ap, const char *ins[MAX_INS])
{
	int n = 0;
	const char *s;
	while (n < MAX_INS && (s = va_arg(ap, const char *)) != NULL)
		ins[n++] = s;
	return n;
}

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
	if (msgcat_format_part(buf, sizeof buf, msgid, MSGCAT_TEXT, ins, n, 0) >= 0)
		printf("%s\n", buf);
	fflush(stdout);
}

void cmd_error(const struct errlog *el, int msgid, ...)
{
	const char *ins[MAX_INS];
	char buf[2048];
	va_list ap;
	va_start(ap, msgid);
	int n = collect(ap, ins);
	va_end(ap);
	if (msgcat_format(buf, sizeof buf, msgid, ins, n) >= 0)
		fprintf(stderr, "%s\n", buf);
	if (el)
		errlog_write(el, msgid, ins, n, __FILE__, __LINE__);
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
			cmd_error(NULL, AMQ_QMGR_UNKNOWN, name, NULL);
		return 16;
	}
	if (rc) {
		if (!quiet)
			fprintf(stderr, "%s: %s\n", cmd, err);
		return 71;
	}
	return 0;
}
