/*
 * mqi_csp.c: connect with an MQCSP (user id and password), as IBM's amqsput
 * does when MQSAMP_USER_ID is set: the user id from that variable, the
 * password read from the first line of standard input (never from the command
 * line, so that it shows in no process listing).  Used by t8200-connauth.sh.
 *
 * usage: mqi_csp QMGR [QUEUE]
 *   MQSAMP_USER_ID=user   give an MQCSP with MQCSP_AUTH_USER_ID_AND_PWD and this user id
 *                         (unset: MQCONNX without an MQCSP)
 *   MQCSP_OFFSET=1        the user id and password by CSPUserIdOffset/CSPPasswordOffset
 *                         (after the MQCSP in one buffer) rather than by pointer
 *   MQCSP_NOPW=1          no password (length 0), stdin not read
 *   MQCSP_AUTHTYPE=n      AuthenticationType n instead of MQCSP_AUTH_USER_ID_AND_PWD
 * prints "MQCONNX cc C rc R"; when connected and QUEUE is given, puts one message
 * with the default context, gets it back and prints "UserIdentifier 'U'" (trailing
 * blanks removed), then MQDISC.  Exit 0 when it ran (whatever MQCONNX answered),
 * 1 when a put or get failed, 2 for bad usage.
 */
#include <cmqc.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: mqi_csp QMGR [QUEUE]\n");
		return 2;
	}
	const char *user = getenv("MQSAMP_USER_ID");
	int by_offset = getenv("MQCSP_OFFSET") && atoi(getenv("MQCSP_OFFSET"));
	int nopw = getenv("MQCSP_NOPW") && atoi(getenv("MQCSP_NOPW"));
	char pw[2048] = "";
	if (user && !nopw) {
		if (!fgets(pw, sizeof pw, stdin))
			pw[0] = 0;
		pw[strcspn(pw, "\n")] = 0;
	}

	MQCNO cno = { MQCNO_DEFAULT };
	cno.Version = MQCNO_VERSION_5;
	/* one buffer: the MQCSP, then the user id, then the password (offset form) */
	static char buf[sizeof(MQCSP) + 4096];
	MQCSP *csp = (MQCSP *)buf;
	MQCSP init = { MQCSP_DEFAULT };
	*csp = init;
	if (user) {
		size_t ul = strlen(user), pl = strlen(pw);
		if (ul > 2000)
			ul = 2000;
		csp->AuthenticationType = getenv("MQCSP_AUTHTYPE") ? atoi(getenv("MQCSP_AUTHTYPE"))
								 : MQCSP_AUTH_USER_ID_AND_PWD;
		memcpy(buf + sizeof(MQCSP), user, ul);
		memcpy(buf + sizeof(MQCSP) + ul, pw, pl);
		csp->CSPUserIdLength = (MQLONG)ul;
		csp->CSPPasswordLength = (MQLONG)pl;
		if (by_offset) {
			csp->CSPUserIdOffset = (MQLONG)sizeof(MQCSP);
			csp->CSPPasswordOffset = (MQLONG)(sizeof(MQCSP) + ul);
		} else {
			csp->CSPUserIdPtr = buf + sizeof(MQCSP);
			csp->CSPPasswordPtr = buf + sizeof(MQCSP) + ul;
		}
		cno.SecurityParmsPtr = csp;
	}
	MQCHAR48 qm;
	memset(qm, ' ', sizeof qm);
	memcpy(qm, argv[1], strlen(argv[1]) < sizeof qm ? strlen(argv[1]) : sizeof qm);
	MQHCONN h = MQHC_UNUSABLE_HCONN;
	MQLONG cc, rc;
	MQCONNX(qm, &cno, &h, &cc, &rc);
	memset(buf, 0, sizeof buf);
	memset(pw, 0, sizeof pw);
	printf("MQCONNX cc %d rc %d\n", (int)cc, (int)rc);
	fflush(stdout);
	if (cc == MQCC_FAILED)
		return 0;
	int bad = 0;
	if (argc == 3) {
		MQOD od = { MQOD_DEFAULT };
		memset(od.ObjectName, ' ', sizeof od.ObjectName);
		memcpy(od.ObjectName, argv[2], strlen(argv[2]) < sizeof od.ObjectName ? strlen(argv[2]) : sizeof od.ObjectName);
		MQHOBJ ho;
		MQOPEN(h, &od, MQOO_OUTPUT | MQOO_INPUT_EXCLUSIVE, &ho, &cc, &rc);
		if (cc != MQCC_OK) {
			printf("MQOPEN cc %d rc %d\n", (int)cc, (int)rc);
			bad = 1;
		} else {
			MQMD md = { MQMD_DEFAULT };
			MQPMO pmo = { MQPMO_DEFAULT };
			pmo.Options = MQPMO_NO_SYNCPOINT;
			char msg[] = "csp";
			MQPUT(h, ho, &md, &pmo, (MQLONG)strlen(msg), msg, &cc, &rc);
			MQMD gmd = { MQMD_DEFAULT };
			memcpy(gmd.MsgId, md.MsgId, sizeof gmd.MsgId);
			MQGMO gmo = { MQGMO_DEFAULT };
			gmo.Options = MQGMO_NO_SYNCPOINT;
			gmo.Version = MQGMO_VERSION_2;
			gmo.MatchOptions = MQMO_MATCH_MSG_ID;
			char got[16];
			MQLONG len = 0;
			if (cc == MQCC_OK)
				MQGET(h, ho, &gmd, &gmo, sizeof got, got, &len, &cc, &rc);
			if (cc != MQCC_OK) {
				printf("put/get cc %d rc %d\n", (int)cc, (int)rc);
				bad = 1;
			} else {
				int n = (int)sizeof gmd.UserIdentifier;
				while (n > 0 && (gmd.UserIdentifier[n - 1] == ' ' || !gmd.UserIdentifier[n - 1]))
					n--;
				printf("UserIdentifier '%.*s'\n", n, gmd.UserIdentifier);
			}
			MQCLOSE(h, &ho, MQCO_NONE, &cc, &rc);
		}
	}
	MQDISC(&h, &cc, &rc);
	return bad;
}
