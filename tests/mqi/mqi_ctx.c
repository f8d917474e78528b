/*
 * mqi_ctx: message context for the integration scripts (t6320): put with a
 * context of the caller's choosing, show the context a message carries.
 *
 *   mqi_ctx QM Q put CTX VERB USER APPL TEXT [ALTUSER]
 *       CTX   default | set-id | set-all | pass-id | pass-all | none
 *       VERB  open (MQOPEN with the matching MQOO_ option, then MQPUT) or
 *             put1 (MQPUT1 with the MQPMO_ option)
 *       USER, APPL  the UserIdentifier and PutApplName put in the MQMD
 *       ALTUSER     open with MQOO_ALTERNATE_USER_AUTHORITY (MQPUT1:
 *                   MQPMO_ALTERNATE_USER_AUTHORITY) and this AlternateUserId
 *       prints "MQOPEN rc", "MQPUT rc" or "MQPUT1 rc" (the first call that
 *       failed, or the put's reason when all went well)
 *   mqi_ctx QM Q get
 *       gets one message (no wait) and prints
 *       "USER=<UserIdentifier> APPL=<PutApplName> TEXT=<text>" (blanks
 *       trimmed), or "MQGET rc"
 * Exit status: 0 when the put or get succeeded, 1 otherwise, 2 bad usage.
 */
#include "mqt.h"

static int usage(void)
{
	fprintf(stderr, "usage: mqi_ctx QM Q put default|set-id|set-all|pass-id|pass-all|none open|put1 USER APPL "
			"TEXT [ALTUSER]\n       mqi_ctx QM Q get\n");
	return 2;
}

/* A fixed field as text without its trailing blanks and NULs. */
static void show(const char *field, size_t n, char *out)
{
	size_t l = 0;
	while (l < n && field[l])
		l++;
	while (l > 0 && field[l - 1] == ' ')
		l--;
	memcpy(out, field, l);
	out[l] = 0;
}

int main(int argc, char **argv)
{
	if (argc < 4)
		return usage();
	const char *qm = argv[1], *q = argv[2], *cmd = argv[3];
	MQLONG cc, rc;
	if (!strcmp(cmd, "get")) {
		MQHCONN hc = mqt_conn(qm, 0);
		MQHOBJ h;
		char buf[4096], user[MQ_USER_ID_LENGTH + 1], appl[MQ_PUT_APPL_NAME_LENGTH + 1];
		MQMD md;
		if (hc == MQHC_UNUSABLE_HCONN)
			return 1;
		if ((rc = mqt_open(hc, q, MQOO_INPUT_SHARED, &h)) != MQRC_NONE) {
			printf("MQOPEN %d\n", (int)rc);
			return 1;
		}
		if ((rc = mqt_get(hc, h, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, &md)) != MQRC_NONE) {
			printf("MQGET %d\n", (int)rc);
			return 1;
		}
		show(md.UserIdentifier, MQ_USER_ID_LENGTH, user);
		show(md.PutApplName, MQ_PUT_APPL_NAME_LENGTH, appl);
		printf("USER=%s APPL=%s TEXT=%s\n", user, appl, buf);
		MQDISC(&hc, &cc, &rc);
		return 0;
	}
	if (strcmp(cmd, "put") || argc < 9)
		return usage();
	const char *ctx = argv[4], *verb = argv[5], *user = argv[6], *appl = argv[7], *text = argv[8];
	const char *alt = argc > 9 ? argv[9] : NULL;
	static const struct {
		const char *name;
		MQLONG oo, pmo;
	} ctxs[] = {
		{ "default", 0, MQPMO_DEFAULT_CONTEXT },
		{ "set-id", MQOO_SET_IDENTITY_CONTEXT, MQPMO_SET_IDENTITY_CONTEXT },
		{ "set-all", MQOO_SET_ALL_CONTEXT, MQPMO_SET_ALL_CONTEXT },
		{ "pass-id", MQOO_PASS_IDENTITY_CONTEXT, MQPMO_PASS_IDENTITY_CONTEXT },
		{ "pass-all", MQOO_PASS_ALL_CONTEXT, MQPMO_PASS_ALL_CONTEXT },
		{ "none", 0, MQPMO_NO_CONTEXT },
	};
	int k = -1;
	for (int i = 0; i < (int)(sizeof ctxs / sizeof ctxs[0]); i++)
		if (!strcmp(ctx, ctxs[i].name))
			k = i;
	if (k < 0 || (strcmp(verb, "open") && strcmp(verb, "put1")))
		return usage();

	MQHCONN hc = mqt_conn(qm, 0);
	if (hc == MQHC_UNUSABLE_HCONN)
		return 1;
	MQOD od = { MQOD_DEFAULT };
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	mqt_name(od.ObjectName, sizeof od.ObjectName, q);
	if (alt)
		mqt_name(od.AlternateUserId, sizeof od.AlternateUserId, alt);
	md.Version = MQMD_VERSION_2;
	memcpy(md.Format, MQFMT_STRING, MQ_FORMAT_LENGTH);
	mqt_name(md.UserIdentifier, sizeof md.UserIdentifier, user);
	mqt_name(md.PutApplName, sizeof md.PutApplName, appl);
	memcpy(md.PutDate, "20000101", 8);
	memcpy(md.PutTime, "12000000", 8);
	pmo.Options = ctxs[k].pmo | MQPMO_NO_SYNCPOINT;
	if (!strcmp(verb, "put1")) {
		if (alt)
			pmo.Options |= MQPMO_ALTERNATE_USER_AUTHORITY;
		MQPUT1(hc, &od, &md, &pmo, (MQLONG)strlen(text), (void *)text, &cc, &rc);
		printf("MQPUT1 %d\n", (int)rc);
	} else {
		MQHOBJ h;
		MQOPEN(hc, &od, MQOO_OUTPUT | ctxs[k].oo | (alt ? MQOO_ALTERNATE_USER_AUTHORITY : 0), &h, &cc, &rc);
		if (cc == MQCC_FAILED) {
			printf("MQOPEN %d\n", (int)rc);
			MQDISC(&hc, &cc, &rc);
			return 1;
		}
		MQPUT(hc, h, &md, &pmo, (MQLONG)strlen(text), (void *)text, &cc, &rc);
		printf("MQPUT %d\n", (int)rc);
		MQLONG cc2, rc2;
		MQCLOSE(hc, &h, MQCO_NONE, &cc2, &rc2);
	}
	MQLONG cc3, rc3;
	MQDISC(&hc, &cc3, &rc3);
	return cc == MQCC_FAILED;
}
