/*
 * dspmqaut: the authority an entity has on an object (issue 15), as MQ's:
 *
 *   dspmqaut [-m QM] -t ObjectType -n ObjectName (-p Principal | -g Group) [-s ServiceComponent]
 *
 * (-n is left out for -t qmgr.)  Prints
 *   Entity NAME has the following authorizations for object OBJECT:
 *   	get
 *   	put
 * one authority a line after a tab, in MQ's order ("none" alone when it has
 * none), from every record that applies (its groups', the principal's own
 * under SecurityPolicy=user; all for an administrator), as DISPLAY ENTAUTH
 * finds them on the running queue manager.  Exit codes: cmds/oamctl.h.
 */
#include "cmds/oamctl.h"

static int usage(const char *why)
{
	cmd_usage_error("dspmqaut", "%s", why);
	fprintf(stderr, "usage: dspmqaut [-m QMgrName] -t ObjectType -n ObjectName (-p Principal | -g Group) "
			"[-s ServiceComponent]\n");
	return OAMCTL_BADCMD;
}

int main(int argc, char **argv)
{
	const char *qm = NULL, *type = NULL, *name = NULL, *prin = NULL, *grp = NULL;
	int opt;
	while ((opt = getopt(argc, argv, "m:t:n:p:g:s:")) != -1) {
		switch (opt) {
		case 'm': qm = optarg; break;
		case 't': type = optarg; break;
		case 'n': name = optarg; break;
		case 'p': prin = optarg; break;
		case 'g': grp = optarg; break;
		case 's': break;
		default: return usage("a flag is not valid");
		}
	}
	if (optind < argc)
		return usage("an argument is not a flag");
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
		cmd_error(NULL, AMQ_OAM_BAD_COMMAND, "-n ObjectName is required", NULL);
		return OAMCTL_NAME_MISSING;
	}
	if (prin && grp)
		return usage("-p and -g cannot both be given");
	if (!prin && !grp) {
		cmd_error(NULL, AMQ_OAM_BAD_COMMAND, "give -p Principal or -g Group", NULL);
		return OAMCTL_ENTITY_MISSING;
	}
	char qn[128] = "", qe[160], cmd[600];
	if (name)
		oamctl_quote(qn, sizeof qn, name);
	oamctl_quote(qe, sizeof qe, prin ? prin : grp);
	snprintf(cmd, sizeof cmd, "DISPLAY ENTAUTH%s%s%s OBJTYPE(%s) %s(%s)", name ? " OBJNAME(" : "", qn, name ? ")" : "",
		 t, prin ? "PRINCIPAL" : "GROUP", qe);
	uint32_t st;
	char *text = NULL;
	size_t tl;
	int rc = oamctl_run("dspmqaut", qm, cmd, 1, &st, &text, &tl);
	if (rc)
		return rc;
	if (st != MQSC_OK) {
		rc = oamctl_failed(text);
		free(text);
		return rc;
	}
	struct oamctl_rec r;
	if (!oamctl_next(text, text + tl, &r)) {
		free(text);
		return OAMCTL_UNEXPECTED;
	}
	printf("Entity %s has the following authorizations for object %s:\n", prin ? prin : grp,
	       oamctl_get(&r, "OBJNAME"));
	char words[1024];
	oamctl_words(oamctl_get(&r, "AUTHLIST"), "\n\t", words, sizeof words);
	printf("\t%s\n", words);
	free(text);
	return 0;
}
