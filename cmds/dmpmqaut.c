/*
 * dmpmqaut: dump the authority records (issue 15), as MQ's:
 *
 *   dmpmqaut [-m QM] [-n Profile] [-t ObjectType] [-p Principal | -g Group] [-s ServiceComponent]
 *            [-e] [-x] [-l] [-a]
 *
 * -n a profile: the records whose profile matches that name (generic ones
 * included; a generic -n only itself); -x only the profile named exactly;
 * -e with -p every record that makes up the principal's cumulative authority
 * (its own and its groups'); -l only each profile and its type; -a the
 * setmqaut commands that make the records again.  One block per record:
 *   profile:     APP.*
 *   object type: queue
 *   entity:      apps
 *   entity type: group
 *   authority:   get put
 *   - - - - - - - - -
 * From DISPLAY AUTHREC on the running queue manager (cmds/oamctl.h).  The
 * records are sorted by profile, type and entity.  Exit codes: oamctl.h
 * (133 when -n names a profile no record matches).
 */
#include "cmds/oamctl.h"

int main(int argc, char **argv)
{
	struct oamctl_args ar = { .cmd = "dmpmqaut",
				  .synopsis = "dmpmqaut [-m QMgrName] [-n Profile] [-t ObjectType] [-p Principal | -g Group] "
					      "[-s ServiceComponent] [-e] [-x] [-l] [-a]" };
	int e = 0, x = 0, l = 0, a = 0, opt;
	opterr = 0; /* our own message names what was wrong */
	while ((opt = getopt(argc, argv, "m:n:t:p:g:s:exla")) != -1) {
		const char **slot = oamctl_slot(&ar, opt);
		if (slot) {
			*slot = optarg;
			continue;
		}
		switch (opt) {
		case 'e': e = 1; break;
		case 'x': x = 1; break;
		case 'l': l = 1; break;
		case 'a': a = 1; break;
		default: return oamctl_usage(&ar, "a flag is not valid");
		}
	}
	if (optind < argc)
		return oamctl_usage(&ar, "an argument is not a flag");
	if (ar.prin && ar.grp)
		return oamctl_usage(&ar, "-p and -g cannot both be given");
	if (e && x)
		return oamctl_usage(&ar, "-e and -x cannot both be given");
	if (e && !ar.prin)
		return oamctl_usage(&ar, "-e needs -p");
	const char *t = NULL;
	if (ar.type && !(t = oamctl_type(ar.type))) {
		cmd_error(NULL, AMQ_OAM_BAD_COMMAND, "the object type is not valid", NULL);
		return OAMCTL_TYPE_BAD;
	}
	char cmd[800];
	size_t k = (size_t)snprintf(cmd, sizeof cmd, "DISPLAY AUTHREC");
	oamctl_kw(cmd, sizeof cmd, &k, "PROFILE", ar.name);
	if (t && k < sizeof cmd)
		k += (size_t)snprintf(cmd + k, sizeof cmd - k, " OBJTYPE(%s)", t);
	if (ar.prin || ar.grp)
		oamctl_entity(cmd, sizeof cmd, &k, &ar);
	if ((x || e) && k < sizeof cmd)
		snprintf(cmd + k, sizeof cmd - k, " MATCH(%s)", x ? "EXACT" : "MEMBERSHIP");
	char *text = NULL;
	size_t tl;
	int rc = oamctl_run("dmpmqaut", ar.qm, cmd, 1, &text, &tl);
	if (rc)
		return rc;
	struct oamctl_rec r;
	char last[200] = "";
	for (const char *p = text; (p = oamctl_next(p, text + tl, &r));) {
		const char *otype = oamctl_type_word(oamctl_get(&r, "OBJTYPE"));
		const char *prof = oamctl_get(&r, "PROFILE");
		const char *et = !strcmp(oamctl_get(&r, "ENTTYPE"), "GROUP") ? "group" : "principal";
		char words[1024];
		if (l) {
			char key[200];
			snprintf(key, sizeof key, "%s/%s", prof, otype);
			if (!strcmp(key, last))
				continue;   /* one line per profile and type */
			snprintf(last, sizeof last, "%s", key);
			printf("profile: %s, type: %s\n", prof, otype);
		} else if (a) {
			oamctl_words(oamctl_get(&r, "AUTHLIST"), " +", words, sizeof words);
			printf("setmqaut");
			if (ar.qm)
				printf(" -m %s", ar.qm);
			if (strcmp(otype, "qmgr"))
				printf(" -n '%s'", prof);
			printf(" -t %s -%c '%s' +%s\n", otype, et[0] == 'g' ? 'g' : 'p', oamctl_get(&r, "ENTITY"), words);
		} else {
			oamctl_words(oamctl_get(&r, "AUTHLIST"), " ", words, sizeof words);
			printf("profile:     %s\nobject type: %s\nentity:      %s\nentity type: %s\nauthority:   %s\n"
			       "- - - - - - - - - \n",
			       prof, otype, oamctl_get(&r, "ENTITY"), et, words);
		}
	}
	free(text);
	return 0;
}
