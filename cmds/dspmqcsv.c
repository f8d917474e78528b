/*
 * dspmqcsv [QMgrName]: the state of a running queue manager's command server,
 * AMQ8027I with Starting, Running, Ending or Stopped (MQ's words).  Exit
 * codes in csrvctl.h.
 */
#include "cmds/csrvctl.h"

int main(int argc, char **argv)
{
	int flag, before, after;
	const char *name = csrvctl_args("dspmqcsv", argc, argv, "", &flag);
	if (name == (const char *)-1)
		return 20;
	struct qm_paths p;
	int rc = csrvctl_ask("dspmqcsv", name, PROTO_CSRV_STATUS, &p, &before, &after);
	if (rc)
		return rc;
	static const char *const words[] = { "Stopped", "Starting", "Running", "Ending" };
	csrvctl_say(AMQ_CSRV_STATUS, after >= 0 && after <= 3 ? words[after] : "Stopped");
	return 0;
}
