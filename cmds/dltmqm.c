/*
 * dltmqm: delete a stopped queue manager: its data and log folders and its
 * mqs.ini entry.
 *
 *   dltmqm [-z] QMgrName
 *
 * Exit status (MQ's): 0 deleted; 3 being created; 5 running; 16 it does not
 * exist; 36 bad arguments; 71 unexpected error (files left behind).
 */
#include <stdio.h>
#include <string.h>

#include "log/qmerr.h"
#include "qm/home/cmdout.h"
#include "qm/home/errlog.h"
#include "qm/home/msgcat.h"
#include "qm/home/qmgr.h"
#include "qm/store/qmcreate.h"

int main(int argc, char **argv)
{
	const char *name = NULL;
	int quiet = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-z"))
			quiet = 1;
		else if (argv[i][0] == '-') {
			cmd_usage_error("dltmqm", "unknown flag %s", argv[i]);
			fprintf(stderr, "Usage: dltmqm [-z] QMgrName\n");
			return 36;
		} else if (name) {
			cmd_usage_error("dltmqm", "more than one queue manager name given");
			return 36;
		} else
			name = argv[i];
	}
	if (!name) {
		cmd_usage_error("dltmqm", "no queue manager name given");
		fprintf(stderr, "Usage: dltmqm [-z] QMgrName\n");
		return 36;
	}
	struct qm_paths p;
	char err[1024];
	int rc = qmgr_locate(name, &p, err, sizeof err);
	if (rc == QM_ENOTFOUND) {
		cmd_qmgr_unknown("dltmqm", name);
		return 16;
	}
	if (rc) {
		/* listed but its qm.ini is unreadable: still deletable */
		if (!p.data_dir[0]) {
			fprintf(stderr, "dltmqm: %s\n", err);
			return 71;
		}
	}
	enum qm_status st;
	qmgr_status(&p, &st, NULL);
	if (qmgr_is_running(&p)) {
		struct errlog el;
		errlog_open_qm(&el, p.data_dir, p.name, ERRLOG_DEFAULT_SIZE);
		cmd_error(&el, AMQ_QMGR_RUNNING, p.name, NULL);
		return 5;
	}
	rc = qmgr_delete(&p, err, sizeof err);
	if (rc == QM_ELOCKED) {
		cmd_error(NULL, AMQ_QMGR_RUNNING, p.name, NULL);
		return 5;
	}
	if (rc) {
		fprintf(stderr, "dltmqm: %s\n", err);
		return 71;
	}
	cmd_say(quiet, AMQ_QMGR_DELETED, p.name, NULL);
	struct errlog sys;
	if (errlog_open_system(&sys, cfg_data_root()) == QM_OK)
		ERRLOG(&sys, AMQ_QMGR_DELETED, p.name);
	return 0;
}
