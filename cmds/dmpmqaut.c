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

static int usage(const char *why)
{
	cmd_usage_error("dmpmqaut", "%s", why);
	fprintf(stderr, "usage: dmpmqaut [-m QMgrName] [-n Profile] [-t ObjectType] [-p Principal | -g Group] "
			"[-s ServiceComponent] [-e] [-x] [-l] [-a]\n");
	return OAMCTL_BADCMD;
}

int main(int argc, char **argv)
{
	const char *qm = NULL, *type = NULL, *name = NULL, *prin = NULL, *grp = NULL;
	int e = 0, x = 0, l = 0, a = 0, opt;
	while ((opt = getopt(argc, argv, "m:n:t:p:g:s:exla")) != -1) {
		switch (opt) {
		case 'm': qm = optarg; break;
		case 'n': name = optarg; break;
		case 't': type = optarg; break;
		case 'p': prin = optarg; break;
		case 'g': grp = optarg; break;
		case 's': break;
		case 'e': e = 1; break;
		case 'x': x = 1; break;
		case 'l': l = 1; break;
		case 'a': a = 1; break;
		default: return usage("a flag is not valid");
		}
	}
	if (optind < argc)
		return usage("an argument is not a flag");
	if (prin && grp)
		return usage("-p and -g cannot both be given");
	if (e && x)
		return usage("-e and -x cannot both be given");
	if (e && !prin)
		return usage("-e needs -p");
	const char *t = NULL;
	if (type && !(t = oamctl_type(type))) {
		cmd_error(NULL, AMQ_OAM_BAD_COMMAND, "the object type is not valid", NULL);
		return OAMCTL_TYPE_BAD;
	}
	char qn[128], qe[160], cmd[800];
	int k = snprintf(cmd, sizeof cmd, "DISPLAY AUTHREC");
	if (name) {
		oamctl_quote(qn, sizeof qn, name);
		k += snprintf(cmd + k, sizeof cmd - (size_t)k, " PROFILE(%s)", qn);
	}
	if (t)
		k += snprintf(cmd + k, sizeof cmd - (size_t)k, " OBJTYPE(%s)", t);
	if (prin || grp) {
		oamctl_quote(qe, sizeof qe, prin ? prin : grp);
		k += snprintf(cmd + k, sizeof cmd - (size_t)k, " %s(%s)", prin ? "PRINCIPAL" : "GROUP", qe);
	}
	if (x || e)
		snprintf(cmd + k, sizeof cmd - (size_t)k, " MATCH(%s)", x ? "EXACT" : "MEMBERSHIP");
	uint32_t st;
	char *text = NULL;
	size_t tl;
	int rc = oamctl_run("dmpmqaut", qm, cmd, 1, &st, &text, &tl);
	if (rc)
		return rc;
	if (st != MQSC_OK) {
		rc = oamctl_failed(text);
		free(text);
		return rc;
	}
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
			if (qm)
				printf(" -m %s", qm);
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
