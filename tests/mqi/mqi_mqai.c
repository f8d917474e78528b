/*
 * mqi_mqai.c: the MQAI against a real queue manager (t6150): mqPutBag and
 * mqGetBag through a queue, and mqExecute both ways: against a stand-in
 * command server (a child process that reads its requests with mqGetBag and
 * answers with mqPutBag, as the command server will) and against Quire's own
 * a command queue nothing reads, so the call gives
 * MQRC_CMD_SERVER_NOT_AVAILABLE after its wait interval (and
 * MQRC_NO_MSG_AVAILABLE when a reader of the command queue does not answer),
 * and against Quire's command server on SYSTEM.ADMIN.COMMAND.QUEUE.
 *
 * usage: mqi_mqai QMGR
 * needs the local queues MQAI.Q and MQAI.CMDQ, and MQAI.REPLY (its replies).
 * Prints "ok N - what" lines; exits 1 if any check failed.
 */
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmqc.h>
#include <cmqcfc.h>
#include <cmqbc.h>

#include "mqt.h"

static MQHOBJ open_q(MQHCONN hc, const char *name, MQLONG opts)
{
	MQOD od = {MQOD_DEFAULT};
	MQHOBJ h = MQHO_UNUSABLE_HOBJ;
	MQLONG cc, rc;
	mqt_name(od.ObjectName, sizeof od.ObjectName, name);
	MQOPEN(hc, &od, opts, &h, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQOPEN");
	return h;
}

static MQHBAG new_bag(MQLONG opts)
{
	MQHBAG b = MQHB_UNUSABLE_HBAG;
	MQLONG cc, rc;
	mqCreateBag(opts, &b, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "mqCreateBag");
	return b;
}

/* the stand-in command server: answers two commands, then ends */
static int command_server(const char *qm)
{
	MQHCONN hc;
	MQLONG cc, rc;
	MQCONN((PMQCHAR)qm, &hc, &cc, &rc);
	if (cc != MQCC_OK)
		return 1;
	MQHOBJ in = open_q(hc, "MQAI.CMDQ", MQOO_INPUT_SHARED);
	MQHOBJ out = open_q(hc, "MQAI.REPLY", MQOO_OUTPUT);
	for (int n = 0; n < 2; n++) {
		MQHBAG req = new_bag(MQCBO_ADMIN_BAG);
		MQMD md = {MQMD_DEFAULT};
		MQGMO gmo = {MQGMO_DEFAULT};
		gmo.Options = MQGMO_WAIT | MQGMO_NO_SYNCPOINT;
		gmo.WaitInterval = 20000;
		mqGetBag(hc, in, &md, &gmo, req, &cc, &rc);
		EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "server: mqGetBag of a request");
		CHECK(memcmp(md.Format, MQFMT_ADMIN, 8) == 0 && md.MsgType == MQMT_REQUEST &&
		      memcmp(md.ReplyToQ, "MQAI.REPLY", 10) == 0, "server: an MQADMIN request to MQAI.REPLY");
		MQLONG cmd = -1, count = -1, attr = -1;
		mqInquireInteger(req, MQIASY_COMMAND, MQIND_NONE, &cmd, &cc, &rc);
		MQLONG replies = cmd == MQCMD_INQUIRE_Q ? 2 : 1;
		if (cmd == MQCMD_INQUIRE_Q) {
			char name[48];
			MQLONG len;
			mqInquireString(req, MQCA_Q_NAME, MQIND_NONE, sizeof name, name, &len, NULL, &cc, &rc);
			CHECK(cc == MQCC_OK && len == 6 && memcmp(name, "MQAI.*", 6) == 0,
			      "server: the request's MQCA_Q_NAME");
			mqCountItems(req, MQIACF_Q_ATTRS, &count, &cc, &rc);
			mqInquireInteger(req, MQIACF_Q_ATTRS, 1, &attr, &cc, &rc);
			CHECK(count == 2 && attr == MQIA_CURRENT_Q_DEPTH,
			      "server: mqAddInquiry became MQIACF_Q_ATTRS (%d values)", (int)count);
		}
		for (MQLONG r = 1; r <= replies; r++) {
			MQHBAG rb = new_bag(MQCBO_USER_BAG);
			mqSetInteger(rb, MQIASY_TYPE, MQIND_NONE, MQCFT_RESPONSE, &cc, &rc);
			mqSetInteger(rb, MQIASY_COMMAND, MQIND_NONE, cmd, &cc, &rc);
			mqSetInteger(rb, MQIASY_MSG_SEQ_NUMBER, MQIND_NONE, r, &cc, &rc);
			mqSetInteger(rb, MQIASY_CONTROL, MQIND_NONE, r == replies ? MQCFC_LAST : MQCFC_NOT_LAST,
				     &cc, &rc);
			if (cmd == MQCMD_INQUIRE_Q) {
				mqAddString(rb, MQCA_Q_NAME, MQBL_NULL_TERMINATED, r == 1 ? "MQAI.ONE" : "MQAI.TWO",
					    &cc, &rc);
				mqAddInteger(rb, MQIA_CURRENT_Q_DEPTH, (MQLONG)(4 + r), &cc, &rc);
			} else {
				mqSetInteger(rb, MQIASY_COMP_CODE, MQIND_NONE, MQCC_FAILED, &cc, &rc);
				mqSetInteger(rb, MQIASY_REASON, MQIND_NONE, MQRCCF_OBJECT_OPEN, &cc, &rc);
			}
			MQMD rmd = {MQMD_DEFAULT};
			MQPMO pmo = {MQPMO_DEFAULT};
			memcpy(rmd.CorrelId, md.MsgId, sizeof rmd.CorrelId);
			rmd.MsgType = MQMT_REPLY;
			pmo.Options = MQPMO_NO_SYNCPOINT;
			mqPutBag(hc, out, &rmd, &pmo, rb, &cc, &rc);
			EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "server: mqPutBag of a reply");
			mqDeleteBag(&rb, &cc, &rc);
		}
		mqDeleteBag(&req, &cc, &rc);
	}
	MQDISC(&hc, &cc, &rc);
	fflush(stdout);
	return mqt_failed != 0;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: mqi_mqai QMGR\n");
		return 2;
	}
	fflush(stdout);
	pid_t server = fork();
	if (server == 0)
		_exit(command_server(argv[1]));

	MQHCONN hc;
	MQLONG cc, rc;
	MQCONN(argv[1], &hc, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQCONN");
	MQHOBJ q = open_q(hc, "MQAI.Q", MQOO_OUTPUT | MQOO_INPUT_SHARED);

	/* mqPutBag: the message is the bag's PCF, with Format MQADMIN */
	MQHBAG a = new_bag(MQCBO_ADMIN_BAG), got = new_bag(MQCBO_USER_BAG);
	mqSetInteger(a, MQIASY_COMMAND, MQIND_NONE, MQCMD_CHANGE_Q, &cc, &rc);
	mqAddString(a, MQCA_Q_NAME, MQBL_NULL_TERMINATED, "SOME.Q", &cc, &rc);
	mqAddInteger(a, MQIA_MAX_Q_DEPTH, 1234, &cc, &rc);
	mqAddInteger64(a, MQIAMO64_BROWSE_BYTES, 1LL << 33, &cc, &rc);
	unsigned char want[256], buf[256];
	MQLONG wantlen = 0, dlen = 0;
	mqBagToBuffer(MQHB_NONE, a, sizeof want, want, &wantlen, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "mqBagToBuffer");
	MQMD md = {MQMD_DEFAULT};
	MQPMO pmo = {MQPMO_DEFAULT};
	pmo.Options = MQPMO_NO_SYNCPOINT;
	mqPutBag(hc, q, &md, &pmo, a, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "mqPutBag");
	MQMD gmd = {MQMD_DEFAULT};
	MQGMO gmo = {MQGMO_DEFAULT};
	gmo.Options = MQGMO_NO_SYNCPOINT;
	MQGET(hc, q, &gmd, &gmo, sizeof buf, buf, &dlen, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQGET of the bag's message");
	CHECK(dlen == wantlen && memcmp(buf, want, (size_t)dlen) == 0 &&
	      memcmp(gmd.Format, MQFMT_ADMIN, 8) == 0, "its data is mqBagToBuffer's, its Format MQADMIN");

	/* mqGetBag: back into a bag */
	MQMD md2 = {MQMD_DEFAULT};
	mqPutBag(hc, q, &md2, &pmo, a, &cc, &rc);
	MQMD gmd2 = {MQMD_DEFAULT};
	MQGMO gmo2 = {MQGMO_DEFAULT};
	gmo2.Options = MQGMO_NO_SYNCPOINT;
	mqGetBag(hc, q, &gmd2, &gmo2, got, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "mqGetBag");
	MQLONG v = 0, cmd = 0;
	MQINT64 v64 = 0;
	char name[8];
	mqInquireInteger(got, MQIA_MAX_Q_DEPTH, MQIND_NONE, &v, &cc, &rc);
	mqInquireInteger64(got, MQIAMO64_BROWSE_BYTES, MQIND_NONE, &v64, &cc, &rc);
	mqInquireString(got, MQCA_Q_NAME, MQIND_NONE, 6, name, NULL, NULL, &cc, &rc);
	mqInquireInteger(got, MQIASY_COMMAND, MQIND_NONE, &cmd, &cc, &rc);
	CHECK(v == 1234 && v64 == 1LL << 33 && memcmp(name, "SOME.Q", 6) == 0 && cmd == MQCMD_CHANGE_Q,
	      "the items and the command came back");

	/* a message bigger than mqGetBag's first buffer */
	MQHBAG big = new_bag(MQCBO_USER_BAG);
	static char text[200000];
	memset(text, 'x', sizeof text);
	mqAddString(big, 1, sizeof text, text, &cc, &rc);
	MQMD md3 = {MQMD_DEFAULT};
	mqPutBag(hc, q, &md3, &pmo, big, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "mqPutBag of 200000 bytes");
	MQMD gmd3 = {MQMD_DEFAULT};
	MQGMO gmo3 = {MQGMO_DEFAULT};
	gmo3.Options = MQGMO_NO_SYNCPOINT;
	mqClearBag(got, &cc, &rc);
	mqGetBag(hc, q, &gmd3, &gmo3, got, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "mqGetBag of 200000 bytes");
	MQLONG slen = 0;
	mqInquireString(got, 1, 0, 0, NULL, &slen, NULL, &cc, &rc);
	CHECK(slen == (MQLONG)sizeof text, "its string is whole (%d)", (int)slen);

	/* not PCF: the message is taken, the bag unchanged */
	MQMD smd = {MQMD_DEFAULT};
	memcpy(smd.Format, MQFMT_STRING, 8);
	MQPUT(hc, q, &smd, &pmo, 5, "hello", &cc, &rc);
	MQMD gmd4 = {MQMD_DEFAULT};
	MQGMO gmo4 = {MQGMO_DEFAULT};
	gmo4.Options = MQGMO_NO_SYNCPOINT;
	mqGetBag(hc, q, &gmd4, &gmo4, got, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_FORMAT_NOT_SUPPORTED, "mqGetBag of an MQSTR message");
	mqCountItems(got, 1, &v, &cc, &rc);
	CHECK(v == 1, "the bag kept what it had");
	MQMD gmd5 = {MQMD_DEFAULT};
	MQGMO gmo5 = {MQGMO_DEFAULT};
	gmo5.Options = MQGMO_NO_SYNCPOINT;
	mqGetBag(hc, q, &gmd5, &gmo5, got, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE, "mqGetBag of an empty queue");

	/* mqExecute against the stand-in command server */
	MQHOBJ cmdq = open_q(hc, "MQAI.CMDQ", MQOO_OUTPUT);
	MQHOBJ replyq = open_q(hc, "MQAI.REPLY", MQOO_INPUT_EXCLUSIVE | MQOO_INQUIRE);
	MQHBAG opts = new_bag(MQCBO_USER_BAG), cmdbag = new_bag(MQCBO_ADMIN_BAG);
	MQHBAG resp = new_bag(MQCBO_ADMIN_BAG);
	mqAddInteger(opts, MQIACF_WAIT_INTERVAL, 20000, &cc, &rc);
	mqAddString(cmdbag, MQCA_Q_NAME, MQBL_NULL_TERMINATED, "MQAI.*", &cc, &rc);
	mqAddInquiry(cmdbag, MQCA_Q_NAME, &cc, &rc);
	mqAddInquiry(cmdbag, MQIA_CURRENT_Q_DEPTH, &cc, &rc);
	mqExecute(hc, MQCMD_INQUIRE_Q, opts, cmdbag, resp, cmdq, replyq, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "mqExecute INQUIRE_Q");
	MQLONG n = 0;
	mqCountItems(resp, MQHA_BAG_HANDLE, &n, &cc, &rc);
	CHECK(n == 2, "two replies, two nested bags (%d)", (int)n);
	for (MQLONG i = 0; i < n; i++) {
		MQHBAG one;
		char qn[MQ_Q_NAME_LENGTH + 1];
		MQLONG depth = 0;
		mqInquireBag(resp, MQHA_BAG_HANDLE, i, &one, &cc, &rc);
		mqInquireString(one, MQCA_Q_NAME, 0, MQ_Q_NAME_LENGTH, qn, NULL, NULL, &cc, &rc);
		mqTrim(MQ_Q_NAME_LENGTH, qn, qn, &cc, &rc);
		mqInquireInteger(one, MQIA_CURRENT_Q_DEPTH, MQIND_NONE, &depth, &cc, &rc);
		CHECK(strcmp(qn, i == 0 ? "MQAI.ONE" : "MQAI.TWO") == 0 && depth == 5 + i,
		      "reply %d: %s depth %d", (int)i + 1, qn, (int)depth);
		mqDeleteBag(&one, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_SYSTEM_BAG_NOT_DELETABLE, "a reply bag is the MQAI's");
	}
	MQHBAG del = new_bag(MQCBO_ADMIN_BAG);
	mqAddString(del, MQCA_Q_NAME, MQBL_NULL_TERMINATED, "MQAI.Q", &cc, &rc);
	mqExecute(hc, MQCMD_DELETE_Q, opts, del, resp, cmdq, replyq, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRCCF_COMMAND_FAILED, "mqExecute of a command that fails");
	MQHBAG err;
	MQLONG why = 0;
	mqInquireBag(resp, MQHA_BAG_HANDLE, 0, &err, &cc, &rc);
	mqInquireInteger(err, MQIASY_REASON, MQIND_NONE, &why, &cc, &rc);
	CHECK(why == MQRCCF_OBJECT_OPEN, "the reply's reason is in the response bag (%d)", (int)why);
	int status = -1;
	waitpid(server, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the stand-in command server's checks passed");

	/* no reply within the wait: someone reads the command queue (2033) ... */
	MQHOBJ cmdin = open_q(hc, "MQAI.CMDQ", MQOO_INPUT_SHARED);
	MQHOBJ cmdinq = open_q(hc, "MQAI.CMDQ", MQOO_OUTPUT | MQOO_INQUIRE);
	mqSetInteger(opts, MQIACF_WAIT_INTERVAL, MQIND_NONE, 1500, &cc, &rc);
	MQHBAG inq = new_bag(MQCBO_ADMIN_BAG);
	mqAddString(inq, MQCA_Q_NAME, MQBL_NULL_TERMINATED, "*", &cc, &rc);
	mqExecute(hc, MQCMD_INQUIRE_Q, opts, inq, resp, cmdinq, replyq, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE, "mqExecute: a reader that does not answer");
	MQCLOSE(hc, &cmdin, MQCO_NONE, &cc, &rc);
	/* ... or nobody does (2322): a command queue no one reads */
	time_t t0 = time(NULL);
	mqExecute(hc, MQCMD_INQUIRE_Q, opts, inq, resp, cmdinq, replyq, &cc, &rc);
	time_t took = time(NULL) - t0;
	EXPECT(cc, rc, MQCC_FAILED, MQRC_CMD_SERVER_NOT_AVAILABLE, "mqExecute with no command server");
	CHECK(took >= 1 && took <= 10, "after the wait interval (%ds)", (int)took);
	mqCountItems(resp, MQHA_BAG_HANDLE, &n, &cc, &rc);
	CHECK(n == 0, "no reply bags");

	/* Quire's command server on SYSTEM.ADMIN.COMMAND.QUEUE (issue 14), as
	 * IBM's amqsailq uses it: a command, its reply bag, the values in it */
	mqSetInteger(opts, MQIACF_WAIT_INTERVAL, MQIND_NONE, 10000, &cc, &rc);
	MQHBAG names = new_bag(MQCBO_ADMIN_BAG);
	mqAddString(names, MQCA_Q_NAME, MQBL_NULL_TERMINATED, "MQAI.*", &cc, &rc);
	mqAddInteger(names, MQIA_Q_TYPE, MQQT_LOCAL, &cc, &rc);
	mqExecute(hc, MQCMD_INQUIRE_Q_NAMES, opts, names, resp, MQHO_NONE, MQHO_NONE, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "mqExecute INQUIRE_Q_NAMES through the command server");
	mqCountItems(resp, MQHA_BAG_HANDLE, &n, &cc, &rc);
	CHECK(n == 1, "one reply bag (%d)", (int)n);
	MQHBAG r1 = MQHB_UNUSABLE_HBAG;
	mqInquireBag(resp, MQHA_BAG_HANDLE, 0, &r1, &cc, &rc);
	MQLONG nn = 0;
	mqCountItems(r1, MQCACF_Q_NAMES, &nn, &cc, &rc);
	CHECK(nn == 3, "three queue names MQAI.* (%d)", (int)nn);
	int seen = 0;
	for (MQLONG i = 0; i < nn; i++) {
		MQCHAR48 qn;
		MQLONG ql = 0;
		mqInquireString(r1, MQCACF_Q_NAMES, i, sizeof qn, qn, &ql, NULL, &cc, &rc);
		if (!memcmp(qn, "MQAI.REPLY ", 11))
			seen = 1;
	}
	CHECK(seen, "MQAI.REPLY among them");
	/* INQUIRE_Q as amqsailq asks it: every MQAI.* local queue's depth, one
	 * reply bag per queue with its name and CurrentQDepth */
	MQHBAG iq = new_bag(MQCBO_ADMIN_BAG);
	mqAddString(iq, MQCA_Q_NAME, MQBL_NULL_TERMINATED, "MQAI.*", &cc, &rc);
	mqAddInteger(iq, MQIA_Q_TYPE, MQQT_LOCAL, &cc, &rc);
	mqAddInquiry(iq, MQIA_CURRENT_Q_DEPTH, &cc, &rc);
	mqExecute(hc, MQCMD_INQUIRE_Q, opts, iq, resp, MQHO_NONE, MQHO_NONE, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "mqExecute INQUIRE_Q MQAI.* CurrentQDepth");
	mqCountItems(resp, MQHA_BAG_HANDLE, &n, &cc, &rc);
	int depths = 0;
	for (MQLONG i = 0; i < n; i++) {
		MQLONG depth = -1, ql = 0;
		MQCHAR48 qn;
		mqInquireBag(resp, MQHA_BAG_HANDLE, i, &r1, &cc, &rc);
		mqInquireString(r1, MQCA_Q_NAME, 0, sizeof qn, qn, &ql, NULL, &cc, &rc);
		mqInquireInteger(r1, MQIA_CURRENT_Q_DEPTH, MQIND_NONE, &depth, &cc, &rc);
		if (cc == MQCC_OK && depth >= 0 && !memcmp(qn, "MQAI.", 5))
			depths++;
	}
	CHECK(n == 3 && depths == 3, "a reply bag per queue with its depth (%d of %d)", depths, (int)n);
	/* CREATE_Q through mqExecute, then again: MQRCCF_COMMAND_FAILED with the
	 * command server's reason in the reply bag */
	MQHBAG cq = new_bag(MQCBO_ADMIN_BAG);
	mqAddString(cq, MQCA_Q_NAME, MQBL_NULL_TERMINATED, "MQAI.NEW", &cc, &rc);
	mqAddInteger(cq, MQIA_Q_TYPE, MQQT_LOCAL, &cc, &rc);
	mqAddInteger(cq, MQIA_MAX_Q_DEPTH, 55, &cc, &rc);
	mqExecute(hc, MQCMD_CREATE_Q, opts, cq, resp, MQHO_NONE, MQHO_NONE, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "mqExecute CREATE_Q MQAI.NEW");
	mqExecute(hc, MQCMD_CREATE_Q, opts, cq, resp, MQHO_NONE, MQHO_NONE, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRCCF_COMMAND_FAILED, "mqExecute CREATE_Q again");
	mqInquireBag(resp, MQHA_BAG_HANDLE, 0, &r1, &cc, &rc);
	why = 0;
	mqInquireInteger(r1, MQIASY_REASON, MQIND_NONE, &why, &cc, &rc);
	CHECK(why == MQRCCF_OBJECT_ALREADY_EXISTS, "its reason: object already exists (%d)", (int)why);
	/* subscriptions: CREATE_SUBSCRIPTION, INQUIRE_SUBSCRIPTION (mqAddInquiry
	 * makes MQIACF_SUB_ATTRS) with its SubId as a byte string, then
	 * DELETE_SUBSCRIPTION by that SubId */
	MQHBAG cs = new_bag(MQCBO_ADMIN_BAG);
	mqAddString(cs, MQCACF_SUB_NAME, MQBL_NULL_TERMINATED, "MQAI.SUB", &cc, &rc);
	mqAddString(cs, MQCA_TOPIC_STRING, MQBL_NULL_TERMINATED, "mqai/sub", &cc, &rc);
	mqAddString(cs, MQCACF_DESTINATION, MQBL_NULL_TERMINATED, "MQAI.Q", &cc, &rc);
	mqExecute(hc, MQCMD_CREATE_SUBSCRIPTION, opts, cs, resp, MQHO_NONE, MQHO_NONE, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "mqExecute CREATE_SUBSCRIPTION MQAI.SUB");
	MQHBAG is = new_bag(MQCBO_ADMIN_BAG);
	mqAddString(is, MQCACF_SUB_NAME, MQBL_NULL_TERMINATED, "MQAI.*", &cc, &rc);
	mqAddInquiry(is, MQCA_TOPIC_STRING, &cc, &rc);
	mqExecute(hc, MQCMD_INQUIRE_SUBSCRIPTION, opts, is, resp, MQHO_NONE, MQHO_NONE, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "mqExecute INQUIRE_SUBSCRIPTION MQAI.*");
	mqCountItems(resp, MQHA_BAG_HANDLE, &n, &cc, &rc);
	MQBYTE24 subid;
	MQLONG idlen = 0, tl = 0;
	char ts[64] = "";
	if (n == 1) {
		mqInquireBag(resp, MQHA_BAG_HANDLE, 0, &r1, &cc, &rc);
		mqInquireString(r1, MQCA_TOPIC_STRING, 0, sizeof ts - 1, ts, &tl, NULL, &cc, &rc);
		ts[tl > 0 && tl < (MQLONG)sizeof ts ? tl : 0] = 0;
		mqInquireByteString(r1, MQBACF_SUB_ID, 0, sizeof subid, subid, &idlen, &cc, &rc);
	}
	CHECK(n == 1 && !strncmp(ts, "mqai/sub", 8) && idlen == 24,
	      "one reply bag: TopicString '%s', SubId of %d bytes", ts, (int)idlen);
	MQHBAG ds = new_bag(MQCBO_ADMIN_BAG);
	mqAddByteString(ds, MQBACF_SUB_ID, 24, subid, &cc, &rc);
	mqExecute(hc, MQCMD_DELETE_SUBSCRIPTION, opts, ds, resp, MQHO_NONE, MQHO_NONE, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "mqExecute DELETE_SUBSCRIPTION by its SubId");
	mqExecute(hc, MQCMD_INQUIRE_SUBSCRIPTION, opts, is, resp, MQHO_NONE, MQHO_NONE, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRCCF_COMMAND_FAILED, "mqExecute INQUIRE_SUBSCRIPTION after the delete");
	mqInquireBag(resp, MQHA_BAG_HANDLE, 0, &r1, &cc, &rc);
	why = 0;
	mqInquireInteger(r1, MQIASY_REASON, MQIND_NONE, &why, &cc, &rc);
	CHECK(why == MQRC_NO_SUBSCRIPTION, "its reason: no subscription (%d)", (int)why);
	/* a command the server does not carry out: MQRCCF_COMMAND_FAILED, its
	 * reason in the reply bag */
	MQHBAG ch = new_bag(MQCBO_ADMIN_BAG);
	mqAddString(ch, MQCA_NAMELIST_NAME, MQBL_NULL_TERMINATED, "*", &cc, &rc);
	mqExecute(hc, MQCMD_INQUIRE_NAMELIST, opts, ch, resp, MQHO_NONE, MQHO_NONE, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRCCF_COMMAND_FAILED, "mqExecute of a command not served");
	mqInquireBag(resp, MQHA_BAG_HANDLE, 0, &r1, &cc, &rc);
	why = 0;
	mqInquireInteger(r1, MQIASY_REASON, MQIND_NONE, &why, &cc, &rc);
	CHECK(why == MQRC_FUNCTION_NOT_SUPPORTED, "its reason: function not supported (%d)", (int)why);

	MQDISC(&hc, &cc, &rc);
	return mqt_done();
}
