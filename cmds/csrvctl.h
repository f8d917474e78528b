/*
 * csrvctl.h: what strmqcsv, endmqcsv and dspmqcsv share: finding the queue
 * manager, asking its process (qm/proto.h PROTO_ADMIN_CSRV) and saying why
 * not.  Each command's exit codes are MQ's: 0 done, 10 done with unexpected
 * results (already running, not running), 20 an error (the queue manager
 * unknown, not running, not its owner, a bad command line).
 */
#ifndef QUIRE_CMDS_CSRVCTL_H
#define QUIRE_CMDS_CSRVCTL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmqc.h"
#include "qm/home/cmdout.h"
#include "qm/home/msgcat.h"
#include "qm/home/qmgr.h"
#include "qm/proto.h"

/* "AMQnnnnI: text" on stdout */
static inline void csrvctl_say(int id, const char *ins)
{
	char line[1024];
	const char *v[1] = { ins };
	msgcat_format(line, sizeof line, id, v, 1);
	printf("%s\n", line);
}

/* Ask once: 0 with the states before and after, or 20 after saying why not. */
static inline int csrvctl_ask(const char *cmd, const char *name, uint32_t action, struct qm_paths *p, int *before,
		       int *after)
{
	char err[1024];
	if (qmgr_locate(name, p, err, sizeof err)) {
		cmd_qmgr_unknown(cmd, name ? name : "");
		return 20;
	}
	int fd = proto_connect(p->data_dir);
	if (fd < 0) {
		cmd_error(NULL, AMQ_QMGR_NOT_AVAILABLE, p->name, NULL);
		return 20;
	}
	uint8_t body[4], *rep = NULL;
	size_t rlen = 0;
	for (int i = 0; i < 4; i++)
		body[i] = (uint8_t)(action >> (8 * i));
	int rc = proto_call(fd, PROTO_ADMIN_CSRV, 1, body, 4, &rep, &rlen);
	close(fd);
	if (rc || rlen < 8) {
		free(rep);
		cmd_error(NULL, AMQ_QMGR_NOT_AVAILABLE, p->name, NULL);
		return 20;
	}
	int32_t cc, reason;
	memcpy(&cc, rep, 4);
	memcpy(&reason, rep + 4, 4);
	if (cc != MQCC_OK || rlen < 16) {
		free(rep);
		if (reason == MQRC_NOT_AUTHORIZED)
			cmd_error(NULL, AMQ_NOT_AUTHORIZED, NULL);
		else
			cmd_error(NULL, AMQ_QMGR_NOT_AVAILABLE, p->name, NULL);
		return 20;
	}
	uint32_t b, a;
	memcpy(&b, rep + 8, 4);
	memcpy(&a, rep + 12, 4);
	free(rep);
	*before = (int)b;
	*after = (int)a;
	return 0;
}

/* Ask for the state until it is want (or the queue manager goes): 0 when
 * reached within secs seconds. */
static inline int csrvctl_wait(const char *cmd, const char *name, int want, int secs)
{
	struct qm_paths p;
	struct timespec ts = { 0, 100 * 1000 * 1000 };
	for (int i = 0; i < secs * 10; i++) {
		int b, a;
		if (csrvctl_ask(cmd, name, PROTO_CSRV_STATUS, &p, &b, &a))
			return -1;
		if (a == want)
			return 0;
		nanosleep(&ts, NULL);
	}
	return -1;
}

/* MQ's usage: [QMgrName] (strmqcsv also takes -a) */
static inline const char *csrvctl_args(const char *cmd, int argc, char **argv, const char *flags, int *flag)
{
	const char *name = NULL;
	*flag = 0;
	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1] && !argv[i][2] && strchr(flags, argv[i][1])) {
			*flag = argv[i][1];
		} else if (argv[i][0] == '-' || name) {
			cmd_usage_error(cmd, "usage: %s %s[QMgrName]", cmd,
					!strcmp(flags, "a") ? "[-a] " : *flags ? "[-c | -i] " : "");
			return (const char *)-1;
		} else {
			name = argv[i];
		}
	}
	return name;
}

#endif
