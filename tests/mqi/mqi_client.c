/*
 * mqi_client: client connections from an application's side (qm/mqi/client.c,
 * reconn.c), for t8100.  The channel comes from the environment (MQSERVER,
 * MQCCDTURL ...) unless said.
 *
 *   mqi_client conn QM [local|client|none]
 *       MQCONNX with MQCNO_LOCAL_BINDING, MQCNO_CLIENT_BINDING or neither;
 *       prints "conn=RC" (and disconnects)
 *   mqi_client cd QM CHANNEL CONNAME QUEUE
 *       MQCONNX with an MQCD (ClientConnPtr), a put and a get of one message
 *       on QUEUE; prints "conn=RC put=RC get=RC msg=TEXT"
 *   mqi_client big QM QUEUE SIZE
 *       MQCONN, a put of SIZE bytes on QUEUE; prints "put=RC"
 *   mqi_client recon QM QUEUE
 *       MQCONNX with MQCNO_RECONNECT and an event handler; opens QUEUE, puts
 *       "before" (persistent), prints "READY" and waits for a line on
 *       standard input (the test restarts the queue manager and its listener
 *       meanwhile), then with the same handles gets "before", puts and gets
 *       "after"; prints "get1=RC:TEXT put=RC get2=RC:TEXT" and
 *       "events=R1,R2,..." (the event handler's reasons), then MQDISC's
 *       "disc=RC"
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmqc.h>
#include <cmqxc.h>

static void name48(MQCHAR48 out, const char *s)
{
	memset(out, ' ', 48);
	memcpy(out, s, strlen(s) < 48 ? strlen(s) : 48);
}

static char evlist[256];
static void MQENTRY evh(MQHCONN h, PMQVOID md, PMQVOID gmo, PMQVOID buf, PMQCBC ctx)
{
	(void)h; (void)md; (void)gmo; (void)buf;
	size_t n = strlen(evlist);
	snprintf(evlist + n, sizeof evlist - n, "%s%d", n ? "," : "", (int)ctx->Reason);
}

static MQLONG put(MQHCONN h, MQHOBJ o, const char *text)
{
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	MQLONG cc, rc;
	md.Persistence = MQPER_PERSISTENT;
	memcpy(md.Format, MQFMT_STRING, 8);
	pmo.Options = MQPMO_NO_SYNCPOINT;
	MQPUT(h, o, &md, &pmo, (MQLONG)strlen(text), (PMQVOID)text, &cc, &rc);
	return rc;
}

static MQLONG get(MQHCONN h, MQHOBJ o, char *out, size_t n)
{
	MQMD md = { MQMD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	MQLONG cc, rc, dl = 0;
	gmo.Options = MQGMO_WAIT | MQGMO_NO_SYNCPOINT;
	gmo.WaitInterval = 5000;
	MQGET(h, o, &md, &gmo, (MQLONG)n - 1, out, &dl, &cc, &rc);
	out[cc == MQCC_FAILED ? 0 : dl < (MQLONG)n ? dl : (MQLONG)n - 1] = 0;
	return rc;
}

int main(int argc, char **argv)
{
	MQCHAR48 qm;
	MQHCONN h;
	MQHOBJ o;
	MQLONG cc, rc;
	MQCNO cno = { MQCNO_DEFAULT };
	MQOD od = { MQOD_DEFAULT };
	char b1[64], b2[64];
	if (argc < 3) {
		fprintf(stderr, "usage: mqi_client conn|cd|recon QM ...\n");
		return 2;
	}
	name48(qm, argv[2]);
	if (!strcmp(argv[1], "conn")) {
		const char *how = argc > 3 ? argv[3] : "none";
		cno.Options = !strcmp(how, "local") ? MQCNO_LOCAL_BINDING : !strcmp(how, "client") ? MQCNO_CLIENT_BINDING :
			      MQCNO_NONE;
		MQCONNX(qm, &cno, &h, &cc, &rc);
		printf("conn=%d\n", (int)rc);
		if (cc != MQCC_FAILED)
			MQDISC(&h, &cc, &rc);
		return 0;
	}
	if (!strcmp(argv[1], "cd") && argc == 6) {
		MQCD cd = { MQCD_CLIENT_CONN_DEFAULT };
		memcpy(cd.ChannelName, argv[3], strlen(argv[3]) < 20 ? strlen(argv[3]) : 20);
		memcpy(cd.ConnectionName, argv[4], strlen(argv[4]) < 264 ? strlen(argv[4]) : 264);
		cno.Version = MQCNO_VERSION_2;
		cno.ClientConnPtr = &cd;
		MQCONNX(qm, &cno, &h, &cc, &rc);
		printf("conn=%d", (int)rc);
		if (cc == MQCC_FAILED) {
			printf("\n");
			return 0;
		}
		name48(od.ObjectName, argv[5]);
		MQOPEN(h, &od, MQOO_OUTPUT | MQOO_INPUT_AS_Q_DEF, &o, &cc, &rc);
		MQLONG p = put(h, o, "by-mqcd");
		MQLONG g = get(h, o, b1, sizeof b1);
		printf(" put=%d get=%d msg=%s\n", (int)p, (int)g, b1);
		MQDISC(&h, &cc, &rc);
		return 0;
	}
	if (!strcmp(argv[1], "big") && argc == 5) {
		long n = atol(argv[4]);
		char *data = calloc(1, n > 0 ? (size_t)n : 1);
		MQMD md = { MQMD_DEFAULT };
		MQPMO pmo = { MQPMO_DEFAULT };
		MQCONN(qm, &h, &cc, &rc);
		if (cc == MQCC_FAILED || !data) {
			printf("conn=%d\n", (int)rc);
			return 1;
		}
		name48(od.ObjectName, argv[3]);
		MQOPEN(h, &od, MQOO_OUTPUT, &o, &cc, &rc);
		MQPUT(h, o, &md, &pmo, (MQLONG)n, data, &cc, &rc);
		printf("put=%d\n", (int)rc);
		free(data);
		MQDISC(&h, &cc, &rc);
		return 0;
	}
	if (!strcmp(argv[1], "recon") && argc == 4) {
		MQCBD cbd = { MQCBD_DEFAULT };
		cno.Options = MQCNO_RECONNECT;
		MQCONNX(qm, &cno, &h, &cc, &rc);
		if (cc == MQCC_FAILED) {
			printf("conn=%d\n", (int)rc);
			return 1;
		}
		cbd.CallbackType = MQCBT_EVENT_HANDLER;
		cbd.CallbackFunction = (MQPTR)evh;
		MQCB(h, MQOP_REGISTER, &cbd, MQHO_NONE, NULL, NULL, &cc, &rc);
		name48(od.ObjectName, argv[3]);
		MQOPEN(h, &od, MQOO_OUTPUT | MQOO_INPUT_AS_Q_DEF, &o, &cc, &rc);
		if (cc == MQCC_FAILED || put(h, o, "before") != MQRC_NONE) {
			printf("open or put failed\n");
			return 1;
		}
		printf("READY\n");
		fflush(stdout);
		char line[16];
		if (!fgets(line, sizeof line, stdin))
			return 1;
		MQLONG g1 = get(h, o, b1, sizeof b1);
		MQLONG p = put(h, o, "after");
		MQLONG g2 = get(h, o, b2, sizeof b2);
		printf("get1=%d:%s put=%d get2=%d:%s\n", (int)g1, b1, (int)p, (int)g2, b2);
		printf("events=%s\n", evlist);
		MQDISC(&h, &cc, &rc);
		printf("disc=%d\n", (int)rc);
		return 0;
	}
	fprintf(stderr, "mqi_client: bad arguments\n");
	return 2;
}
