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

static int usage(const char *why)
{
	cmd_usage_error("setmqaut", "%s", why);
	fprintf(stderr, "usage: setmqaut [-m QMgrName] -t ObjectType [-n Profile] (-p Principal | -g Group) "
			"[-s ServiceComponent] (+auth | -auth ... | -remove)\n");
	return OAMCTL_BADCMD;
}

int main(int argc, char **argv)
{
	const char *qm = NULL, *type = NULL, *name = NULL, *prin = NULL, *grp = NULL;
	char add[512] = "", rmv[512] = "";
	int remove = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = !strcmp(a, "-m") ? &qm : !strcmp(a, "-t") ? &type : !strcmp(a, "-n") ? &name
				    : !strcmp(a, "-p") ? &prin : !strcmp(a, "-g") ? &grp : NULL;
		if (slot || !strcmp(a, "-s")) {
			if (i + 1 >= argc)
				return usage("a flag lacks its value");
			if (slot) {
				if (*slot)
					return usage("a flag is given twice");
				*slot = argv[++i];
			} else {
				i++;   /* -s: the one authorization service */
			}
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
		return usage("an argument is not a flag or an authority");
	}
	if (!type) {
		cmd_error(NULL, AMQ_OAM_BAD_COMMAND, "-t ObjectType is required", NULL);
		return OAMCTL_TYPE_MISSING;
	}
	const char *t = oamctl_type(type);
	if (!t) {
		cmd_error(NULL, AMQ_OAM_BAD_COMMAND, "the object type is not valid", NULL);
		return OAMCTL_TYPE_BAD;
	}
	if (!strcmp(t, "QMGR") && name) {
		cmd_error(NULL, AMQ_OAM_BAD_COMMAND, "-n is not taken with -t qmgr", NULL);
		return OAMCTL_NAME_UNEXPECTED;
	}
	if (strcmp(t, "QMGR") && !name) {
		cmd_error(NULL, AMQ_OAM_BAD_COMMAND, "-n Profile is required", NULL);
		return OAMCTL_NAME_MISSING;
	}
	if (prin && grp)
		return usage("-p and -g cannot both be given");
	if (!prin && !grp) {
		cmd_error(NULL, AMQ_OAM_BAD_COMMAND, "give -p Principal or -g Group", NULL);
		return OAMCTL_ENTITY_MISSING;
	}
	if (remove && (add[0] || rmv[0]))
		return usage("-remove takes no authorities");
	if (!remove && !add[0] && !rmv[0]) {
		cmd_error(NULL, AMQ_OAM_BAD_COMMAND, "no authority is given", NULL);
		return OAMCTL_AUTH_MISSING;
	}
	char qp[128] = "", qe[160], cmd[1400];
	if (name)
		oamctl_quote(qp, sizeof qp, name);
	oamctl_quote(qe, sizeof qe, prin ? prin : grp);
	int k = snprintf(cmd, sizeof cmd, "%s AUTHREC%s%s%s OBJTYPE(%s) %s(%s)", remove ? "DELETE" : "SET",
			 name ? " PROFILE(" : "", qp, name ? ")" : "", t, prin ? "PRINCIPAL" : "GROUP", qe);
	if (add[0])
		k += snprintf(cmd + k, sizeof cmd - (size_t)k, " AUTHADD(%s)", add);
	if (rmv[0])
		snprintf(cmd + k, sizeof cmd - (size_t)k, " AUTHRMV(%s)", rmv);
	uint32_t st;
	char *text = NULL;
	size_t tl;
	int rc = oamctl_run("setmqaut", qm, cmd, 0, &st, &text, &tl);
	if (rc)
		return rc;
	if (st != MQSC_OK) {
		rc = oamctl_failed(text);
		free(text);
		return rc;
	}
	free(text);
	printf("The setmqaut command completed successfully.\n");
	return 0;
}
