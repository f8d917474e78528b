/*
 * mqi_repdur: an acknowledged put or get outside syncpoint never loses its
 * confirm-on-arrival or confirm-on-delivery report in a crash.  Run by
 * tests/integration/t6106-report-durable.sh against a queue manager started
 * with QM_FLUSH_BEFORE_REPORT (a test build's hook: the put's or get's own
 * record is made durable before the report is put, so that the report's
 * record needs a flush of its own) and QM_SYNC_DELAY_MS (each flush slowed).
 *
 *   mqi_repdur put QMGR QUEUE REPLYQ PID SIZE   MQPUT persistent, MQRO_COA_WITH_FULL_DATA,
 *                                               then SIGKILL to PID the moment it returns
 *   mqi_repdur get QMGR QUEUE REPLYQ PID SIZE   puts a message with MQRO_COD_WITH_FULL_DATA
 *                                               (not timed), then MQGET and SIGKILL at once
 *   mqi_repdur check QMGR QUEUE REPLYQ KIND SIZE  after the restart: the report (KIND coa or
 *                                               cod) is on REPLYQ, its data the message's;
 *                                               for cod the message is gone, for coa it is there
 * The message body is SIZE incompressible bytes from a fixed seed, so check
 * can compare it byte for byte.
 */
#include "mqt.h"

#include <signal.h>
#include <stdint.h>
#include <sys/types.h>

static void body(unsigned char *b, size_t n)
{
	uint64_t x = 0x9e3779b97f4a7c15ull;
	for (size_t i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		b[i] = (unsigned char)(x >> 24);
	}
}

static MQLONG put_one(MQHCONN hc, const char *q, const char *rq, MQLONG report, const unsigned char *b, MQLONG n)
{
	MQHOBJ h;
	MQLONG cc, rc;
	if ((rc = mqt_open(hc, q, MQOO_OUTPUT, &h)) != MQRC_NONE)
		return rc;
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	md.Persistence = MQPER_PERSISTENT;
	md.Report = report;
	memcpy(md.Format, MQFMT_NONE, MQ_FORMAT_LENGTH);
	mqt_name(md.ReplyToQ, sizeof md.ReplyToQ, rq);
	pmo.Options = MQPMO_NO_SYNCPOINT | MQPMO_NEW_MSG_ID;
	MQPUT(hc, h, &md, &pmo, n, (MQBYTE *)b, &cc, &rc);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc != 7) {
		fprintf(stderr, "usage: mqi_repdur put|get|check QMGR QUEUE REPLYQ PID|KIND SIZE\n");
		return 2;
	}
	const char *mode = argv[1], *q = argv[3], *rq = argv[4];
	MQLONG n = (MQLONG)atol(argv[6]);
	unsigned char *b = malloc((size_t)n + 1), *got = malloc((size_t)n + 64);
	if (!b || !got)
		return 2;
	body(b, (size_t)n);
	MQHCONN hc = mqt_conn(argv[2], 1);
	MQLONG cc, rc;
	if (!strcmp(mode, "put") || !strcmp(mode, "get")) {
		pid_t pid = (pid_t)atol(argv[5]);
		if (!strcmp(mode, "put")) {
			rc = put_one(hc, q, rq, MQRO_COA_WITH_FULL_DATA, b, n);
			if (rc == MQRC_NONE)
				kill(pid, SIGKILL);
			EXPECT(MQCC_OK, rc, MQCC_OK, MQRC_NONE, "persistent put with COA outside syncpoint");
		} else {
			EXPECT(MQCC_OK, put_one(hc, q, rq, MQRO_COD_WITH_FULL_DATA, b, n), MQCC_OK, MQRC_NONE,
			       "persistent put with COD");
			MQHOBJ h;
			mqt_open(hc, q, MQOO_INPUT_SHARED, &h);
			MQMD md = { MQMD_DEFAULT };
			MQGMO gmo = { MQGMO_DEFAULT };
			gmo.Options = MQGMO_NO_SYNCPOINT;
			MQLONG len = 0;
			MQGET(hc, h, &md, &gmo, n + 64, got, &len, &cc, &rc);
			if (rc == MQRC_NONE)
				kill(pid, SIGKILL);
			EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "get outside syncpoint of the COD message");
			CHECK(len == n && !memcmp(got, b, (size_t)n), "the message got whole (%d bytes)", (int)len);
		}
		MQDISC(&hc, &cc, &rc);   /* (the queue manager is gone: 2009 or the like) */
		free(b);
		free(got);
		return mqt_done();
	}
	/* check, after the restart */
	int coa = !strcmp(argv[5], "coa");
	MQHOBJ h;
	EXPECT(MQCC_OK, mqt_open(hc, rq, MQOO_INPUT_SHARED, &h), MQCC_OK, MQRC_NONE, "open the reply queue");
	MQMD md = { MQMD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	gmo.Options = MQGMO_NO_SYNCPOINT;
	MQLONG len = 0;
	MQGET(hc, h, &md, &gmo, n + 64, got, &len, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "the report survived the crash");
	CHECK(md.MsgType == MQMT_REPORT && md.Feedback == (coa ? MQFB_COA : MQFB_COD),
	      "it is a %s report (MsgType %d Feedback %d)", coa ? "COA" : "COD", (int)md.MsgType, (int)md.Feedback);
	CHECK(md.Persistence == MQPER_PERSISTENT, "the report is persistent as its message");
	CHECK(len == n && !memcmp(got, b, (size_t)n), "its data is the whole message (%d of %d bytes)", (int)len,
	      (int)n);
	mqt_close(hc, &h);
	MQLONG depth = mqt_depth(hc, q);
	CHECK(depth == (coa ? 1 : 0), "the message is %s (depth %d)", coa ? "still on its queue" : "gone",
	      (int)depth);
	MQDISC(&hc, &cc, &rc);
	free(b);
	free(got);
	return mqt_done();
}
