/*
 * endmqcsv [-c | -i] QMgrName: ends the command server of a running queue
 * manager and waits until it has ended: AMQ7959I.  -c (the default) after
 * the request in hand, -i at once (the request in hand is backed out and
 * stays on the command queue).  Not running: AMQ7961E, exit 10.  Exit codes
 * in csrvctl.h.
 */
#include "cmds/csrvctl.h"

int main(int argc, char **argv)
{
	int flag, before, after;
	const char *name = csrvctl_args("endmqcsv", argc, argv, "ci", &flag);
	if (name == (const char *)-1)
		return 20;
	struct qm_paths p;
	int rc = csrvctl_ask("endmqcsv", name, flag == 'i' ? PROTO_CSRV_END_IMMEDIATE : PROTO_CSRV_END, &p, &before,
			     &after);
	if (rc)
		return rc;
	if (before == PROTO_CSRV_STOPPED) {
		cmd_error(NULL, AMQ_CSRV_NOT_RUNNING, p.name, NULL);
		return 10;
	}
	if (after != PROTO_CSRV_STOPPED && csrvctl_wait("endmqcsv", name, PROTO_CSRV_STOPPED, 60))
		return 20;
	csrvctl_say(AMQ_CSRV_ENDED, p.name);
	return 0;
}
