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

int main(int argc, char **argv)
{
	struct oamctl_args ar = { .cmd = "dspmqaut",
				  .synopsis = "dspmqaut [-m QMgrName] -t ObjectType -n ObjectName (-p Principal | -g Group) "
					      "[-s ServiceComponent]" };
	int opt;
	opterr = 0; /* our own message names what was wrong */
	while ((opt = getopt(argc, argv, "m:t:n:p:g:s:")) != -1) {
		const char **slot = oamctl_slot(&ar, opt);
		if (!slot)
			return oamctl_usage(&ar, "a flag is not valid");
		*slot = optarg;
	}
	if (optind < argc)
		return oamctl_usage(&ar, "an argument is not a flag");
	const char *t;
	int rc = oamctl_target(&ar, "-n ObjectName", &t);
	if (rc)
		return rc;
	char cmd[600];
	size_t k = (size_t)snprintf(cmd, sizeof cmd, "DISPLAY ENTAUTH");
	oamctl_kw(cmd, sizeof cmd, &k, "OBJNAME", ar.name);
	if (k < sizeof cmd)
		k += (size_t)snprintf(cmd + k, sizeof cmd - k, " OBJTYPE(%s)", t);
	oamctl_entity(cmd, sizeof cmd, &k, &ar);
	char *text = NULL;
	size_t tl;
	if ((rc = oamctl_run("dspmqaut", ar.qm, cmd, 1, &text, &tl)))
		return rc;
	struct oamctl_rec r;
	if (!oamctl_next(text, text + tl, &r)) {
		free(text);
		return OAMCTL_UNEXPECTED;
	}
	printf("Entity %s has the following authorizations for object %s:\n", ar.prin ? ar.prin : ar.grp,
	       oamctl_get(&r, "OBJNAME"));
	char words[1024];
	oamctl_words(oamctl_get(&r, "AUTHLIST"), "\n\t", words, sizeof words);
	printf("\t%s\n", words);
	free(text);
	return 0;
}
