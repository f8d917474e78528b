/*
 * strmqcsv [-a] [QMgrName]: starts the command server of a running queue
 * manager (csrv/README.md) and waits until it reads its queue: AMQ7958I.
 * Already running or starting: AMQ7960E, exit 10.  -a is accepted: the
 * authority commands it blocks are not served.  Exit codes in csrvctl.h.
 */
#include "cmds/csrvctl.h"

int main(int argc, char **argv)
{
	int flag, before, after;
	const char *name = csrvctl_args("strmqcsv", argc, argv, "a", &flag);
	if (name == (const char *)-1)
		return 20;
	struct qm_paths p;
	int rc = csrvctl_ask("strmqcsv", name, PROTO_CSRV_START, &p, &before, &after);
	if (rc)
		return rc;
	if (before != PROTO_CSRV_STOPPED) {
		cmd_error(NULL, AMQ_CSRV_ALREADY_RUNNING, p.name, NULL);
		return 10;
	}
	if (after == PROTO_CSRV_STOPPED || csrvctl_wait("strmqcsv", name, PROTO_CSRV_RUNNING, 30)) {
		cmd_error(NULL, AMQ_CSRV_NOT_RUNNING, p.name, NULL);
		return 20;
	}
	csrvctl_say(AMQ_CSRV_STARTED, p.name);
	return 0;
}
