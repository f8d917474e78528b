/*
 * setmqaut: grant or revoke authorities (issue 15), as MQ's:
 *
 *   setmqaut [-m QM] -t ObjectType [-n Profile] (-p Principal | -g Group) [-s ServiceComponent]
 *            (+auth | -auth) ...
 *   setmqaut [-m QM] -t ObjectType [-n Profile] (-p Principal | -g Group) [-s ServiceComponent] -remove
 *
 * ObjectType: queue/q, qmgr, process/prcs, topic/top, namelist/nl, channel/chl,
 * clntconn/clcn, listener/lstr, service/srvc, authinfo, comminfo, rqmname/rqmn.
 * -n is the object name or a generic profile (?, *, **), left out for qmgr.
 * +auth adds, -auth removes (put, get, browse, inq, set, connect, altusr,
 * passid, passall, setid, setall, pub, sub, resume, crt, dlt, chg, dsp, clr,
 * ctrl, ctrlx, system, all, alladm, allmqi, none); -remove deletes the record.
 * The change is carried out by the running queue manager as SET AUTHREC or
 * DELETE AUTHREC (cmds/oamctl.h: the same records, checks and messages) and
 * is logged before "The setmqaut command completed successfully." is printed.
 * Exit codes: cmds/oamctl.h.
 */
#include "cmds/oamctl.h"

#include "qm/admin/oam.h"

int main(int argc, char **argv)
{
	struct oamctl_args ar = { .cmd = "setmqaut",
				  .synopsis = "setmqaut [-m QMgrName] -t ObjectType [-n Profile] (-p Principal | -g Group) "
					      "[-s ServiceComponent] (+auth | -auth ... | -remove)" };
	char add[512] = "", rmv[512] = "";
	int remove = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = a[0] == '-' && a[1] && !a[2] ? oamctl_slot(&ar, a[1]) : NULL;
		if (slot) {
			if (i + 1 >= argc)
				return oamctl_usage(&ar, "a flag lacks its value");
			if (*slot && slot != &ar.svc)
				return oamctl_usage(&ar, "a flag is given twice");
			*slot = argv[++i];
			continue;
		}
		if (!strcmp(a, "-remove")) {
			remove = 1;
			continue;
		}
		if ((a[0] == '+' || a[0] == '-') && a[1]) {
			if (oam_auth_of(a + 1) < 0) {
				char ins[160];
				snprintf(ins, sizeof ins, "%.100s is not an authority", a);
				cmd_error(NULL, AMQ_OAM_BAD_AUTH, ins, NULL);
				return OAMCTL_AUTH_BAD;
			}
			char *to = a[0] == '+' ? add : rmv;
			size_t k = strlen(to);
			snprintf(to + k, 512 - k, "%s%s", k ? "," : "", a + 1);
			continue;
		}
		return oamctl_usage(&ar, "an argument is not a flag or an authority");
	}
	const char *t;
	int rc = oamctl_target(&ar, "-n Profile", &t);
	if (rc)
		return rc;
	if (remove && (add[0] || rmv[0]))
		return oamctl_usage(&ar, "-remove takes no authorities");
	if (!remove && !add[0] && !rmv[0]) {
		cmd_error(NULL, AMQ_OAM_BAD_COMMAND, "no authority is given", NULL);
		return OAMCTL_AUTH_MISSING;
	}
	char cmd[1400];
	size_t k = (size_t)snprintf(cmd, sizeof cmd, "%s AUTHREC", remove ? "DELETE" : "SET");
	oamctl_kw(cmd, sizeof cmd, &k, "PROFILE", ar.name);
	k += (size_t)snprintf(cmd + k, sizeof cmd - k, " OBJTYPE(%s)", t);
	oamctl_entity(cmd, sizeof cmd, &k, &ar);
	if (add[0] && k < sizeof cmd)
		k += (size_t)snprintf(cmd + k, sizeof cmd - k, " AUTHADD(%s)", add);
	if (rmv[0] && k < sizeof cmd)
		snprintf(cmd + k, sizeof cmd - k, " AUTHRMV(%s)", rmv);
	char *text = NULL;
	size_t tl;
	if ((rc = oamctl_run("setmqaut", ar.qm, cmd, 0, &text, &tl)))
		return rc;
	free(text);
	printf("The setmqaut command completed successfully.\n");
	return 0;
}
