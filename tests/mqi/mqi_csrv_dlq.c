/*
 * mqi_csrv_dlq.c: the command server's replies that their reply queue
 * refuses (csrv/csrv.c dead_letter), as a PCF application sees them (t6175):
 * each goes to the dead-letter queue behind an MQDLH whose Reason is the
 * refusal (2051 a put-inhibited reply queue, 2085 one that does not exist),
 * every field checked, the reply itself after it; several replies of one
 * command each; none with MQRO_DISCARD_MSG passed by
 * MQRO_PASS_DISCARD_AND_EXPIRY; with no DEADQ, or one that refuses too, the
 * reply is dropped and the request committed all the same.
 *
 * usage: mqi_csrv_dlq QMGR
 *        mqi_csrv_dlq QMGR late   (one message on DLQ.T: the reply to runmqsc's
 *                                  PING whose reply queue had gone: 2085)
 * needs the local queues DLQ.T (the queue manager's DEADQ), DLQ.OFF
 * (PUT(DISABLED)), R.OFF (PUT(DISABLED)) and R.OK.  ALTERs DEADQ itself
 * (through the command server).  Prints "ok N - what"; exits 1 on a failure.
 */
#include <stdint.h>
#include <ctype.h>

#include <cmqc.h>
#include <cmqcfc.h>

#include "mqt.h"

static MQHCONN hc;
static MQHOBJ hcmd, hdlq, hok;
static const char *qmname;

/* A request: ESCAPE with MQSC text (text NULL: PING_Q_MGR) to reply queue rq
 * with the given Report, persistence and priority; its MsgId back. */
static void request(const char *text, const char *rq, MQLONG report, MQLONG pers, MQLONG prio, MQBYTE24 id)
{
	unsigned char b[1024];
	size_t n = 0;
	MQCFH h = { MQCFH_DEFAULT };
	h.Type = MQCFT_COMMAND;
	h.Command = text ? MQCMD_ESCAPE : MQCMD_PING_Q_MGR;
	h.ParameterCount = text ? 2 : 0;
	memcpy(b, &h, sizeof h);
	n = sizeof h;
	if (text) {
		MQCFIN in = { MQCFIN_DEFAULT };
		in.Parameter = MQIACF_ESCAPE_TYPE;
		in.Value = MQET_MQSC;
		memcpy(b + n, &in, sizeof in);
		n += sizeof in;
		size_t l = strlen(text), pl = (l + 3) & ~(size_t)3;
		MQCFST st = { MQCFST_DEFAULT };
		st.StrucLength = (MQLONG)(MQCFST_STRUC_LENGTH_FIXED + pl);
		st.Parameter = MQCACF_ESCAPE_TEXT;
		st.StringLength = (MQLONG)l;
		memcpy(b + n, &st, MQCFST_STRUC_LENGTH_FIXED);
		n += MQCFST_STRUC_LENGTH_FIXED;
		memset(b + n, ' ', pl);
		memcpy(b + n, text, l);
		n += pl;
	}
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	MQLONG cc, rc;
	md.MsgType = MQMT_REQUEST;
	memcpy(md.Format, MQFMT_ADMIN, MQ_FORMAT_LENGTH);
	md.Report = report;
	md.Persistence = pers;
	md.Priority = prio;
	mqt_name(md.ReplyToQ, MQ_Q_NAME_LENGTH, rq);
	pmo.Options = MQPMO_NO_SYNCPOINT | MQPMO_NEW_MSG_ID;
	MQPUT(hc, hcmd, &md, &pmo, (MQLONG)n, b, &cc, &rc);
	if (cc == MQCC_FAILED)
		printf("# MQPUT of the request failed: %d\n", (int)rc);
	memcpy(id, md.MsgId, sizeof md.MsgId);
}

/* Get one message with CorrelId id from h within ms; its length, or -1. */
static MQLONG get_reply(MQHOBJ h, const MQBYTE24 id, MQLONG ms, MQMD *md, unsigned char *b, MQLONG cap)
{
	MQMD m = { MQMD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	MQLONG cc, rc, len = 0;
	gmo.Version = MQGMO_VERSION_2;
	gmo.MatchOptions = MQMO_MATCH_CORREL_ID;
	gmo.Options = MQGMO_WAIT | MQGMO_NO_SYNCPOINT;
	gmo.WaitInterval = ms;
	memcpy(m.CorrelId, id, sizeof m.CorrelId);
	MQGET(hc, h, &m, &gmo, cap, b, &len, &cc, &rc);
	*md = m;
	return cc == MQCC_FAILED ? -1 : len;
}

/* Is blank-padded field f (n bytes) s? */
static int is(const char *f, size_t n, const char *s)
{
	size_t l = strlen(s);
	if (l > n || memcmp(f, s, l))
		return 0;
	for (size_t i = l; i < n; i++)
		if (f[i] != ' ')
			return 0;
	return 1;
}

static int digits(const char *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)f[i]))
			return 0;
	return 1;
}

/* One dead-lettered reply to request id (reply queue rq, reason why,
 * expected MQCFH MsgSeqNumber seq and Control ctl): every field. */
static void check_dead(const MQBYTE24 id, const char *rq, MQLONG why, MQLONG pers, MQLONG prio, MQLONG cmd,
		       MQLONG seq, MQLONG ctl, const char *what)
{
	unsigned char b[4096];
	MQMD md;
	MQLONG len = get_reply(hdlq, id, 10000, &md, b, sizeof b);
	CHECK(len >= (MQLONG)(sizeof(MQDLH) + MQCFH_STRUC_LENGTH), "%s: a reply on the dead-letter queue (%d bytes)",
	      what, (int)len);
	if (len < (MQLONG)(sizeof(MQDLH) + MQCFH_STRUC_LENGTH))
		return;
	CHECK(!memcmp(md.Format, MQFMT_DEAD_LETTER_HEADER, 8), "%s: MQMD Format MQDEAD", what);
	CHECK(md.MsgType == MQMT_REPLY, "%s: MsgType MQMT_REPLY (%d)", what, (int)md.MsgType);
	CHECK(md.Persistence == pers, "%s: Persistence the request's (%d)", what, (int)md.Persistence);
	CHECK(md.Priority == prio, "%s: Priority the request's (%d)", what, (int)md.Priority);
	CHECK(md.Encoding == MQENC_NATIVE, "%s: MQMD Encoding native", what);
	MQDLH h;
	memcpy(&h, b, sizeof h);
	CHECK(!memcmp(h.StrucId, MQDLH_STRUC_ID, 4) && h.Version == MQDLH_VERSION_1, "%s: MQDLH StrucId and Version",
	      what);
	CHECK(h.Reason == why, "%s: MQDLH Reason %d (want %d)", what, (int)h.Reason, (int)why);
	CHECK(is(h.DestQName, MQ_Q_NAME_LENGTH, rq), "%s: DestQName %.48s", what, h.DestQName);
	CHECK(is(h.DestQMgrName, MQ_Q_MGR_NAME_LENGTH, qmname), "%s: DestQMgrName %.48s", what, h.DestQMgrName);
	CHECK(h.Encoding == MQENC_NATIVE, "%s: MQDLH Encoding the reply's (native)", what);
	CHECK(h.CodedCharSetId > 0, "%s: MQDLH CodedCharSetId the reply's, a real one (%d)", what,
	      (int)h.CodedCharSetId);
	CHECK(!memcmp(h.Format, MQFMT_ADMIN, 8), "%s: MQDLH Format MQADMIN (%.8s)", what, h.Format);
	CHECK(h.PutApplType == MQAT_QMGR, "%s: PutApplType MQAT_QMGR (%d)", what, (int)h.PutApplType);
	CHECK(is(h.PutApplName, MQ_PUT_APPL_NAME_LENGTH, qmname), "%s: PutApplName the queue manager (%.28s)", what,
	      h.PutApplName);
	CHECK(digits(h.PutDate, 8) && digits(h.PutTime, 8) && !memcmp(h.PutDate, "20", 2), "%s: PutDate %.8s PutTime %.8s",
	      what, h.PutDate, h.PutTime);
	MQCFH c;
	memcpy(&c, b + sizeof h, sizeof c);
	CHECK(c.Type == MQCFT_RESPONSE && c.Command == cmd && c.MsgSeqNumber == seq && c.Control == ctl,
	      "%s: the reply's MQCFH after the MQDLH (type %d command %d seq %d control %d)", what, (int)c.Type,
	      (int)c.Command, (int)c.MsgSeqNumber, (int)c.Control);
}

/* Nothing on the dead-letter queue for request id once a later request's
 * reply to R.OK has come (one thread serves them in order). */
static void check_none(const MQBYTE24 id, const char *what)
{
	MQBYTE24 later;
	unsigned char b[4096];
	MQMD md;
	request(NULL, "R.OK", MQRO_NONE, MQPER_NOT_PERSISTENT, 0, later);
	CHECK(get_reply(hok, later, 10000, &md, b, sizeof b) > 0, "%s: a later request answered", what);
	CHECK(get_reply(hdlq, id, 0, &md, b, sizeof b) < 0, "%s: nothing on the dead-letter queue", what);
	CHECK(mqt_depth(hc, "SYSTEM.ADMIN.COMMAND.QUEUE") == 0, "%s: the request was committed (command queue empty)",
	      what);
}

/* MQSC through the command server, answered on R.OK: its CompCode. */
static MQLONG mqsc(const char *text)
{
	MQBYTE24 id;
	unsigned char b[4096];
	MQMD md;
	MQLONG cc = -1;
	request(text, "R.OK", MQRO_NONE, MQPER_NOT_PERSISTENT, 0, id);
	for (;;) {
		MQLONG len = get_reply(hok, id, 10000, &md, b, sizeof b);
		if (len < (MQLONG)MQCFH_STRUC_LENGTH)
			return -1;
		MQCFH c;
		memcpy(&c, b, sizeof c);
		cc = c.CompCode;
		if (c.Control == MQCFC_LAST)
			return cc;
	}
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: mqi_csrv_dlq QMGR\n");
		return 2;
	}
	qmname = argv[1];
	hc = mqt_conn(qmname, 0);
	if (hc == MQHC_UNUSABLE_HCONN)
		return 1;
	if (mqt_open(hc, "SYSTEM.ADMIN.COMMAND.QUEUE", MQOO_OUTPUT, &hcmd) != MQRC_NONE ||
	    mqt_open(hc, "DLQ.T", MQOO_INPUT_EXCLUSIVE, &hdlq) != MQRC_NONE ||
	    mqt_open(hc, "R.OK", MQOO_INPUT_EXCLUSIVE, &hok) != MQRC_NONE) {
		printf("# cannot open the queues\n");
		return 1;
	}
	if (argc > 2 && !strcmp(argv[2], "late")) {
		unsigned char b[4096];
		MQMD md = { MQMD_DEFAULT };
		MQGMO gmo = { MQGMO_DEFAULT };
		MQLONG cc, rc, len = 0;
		gmo.Options = MQGMO_WAIT | MQGMO_NO_SYNCPOINT;
		gmo.WaitInterval = 10000;
		MQGET(hc, hdlq, &md, &gmo, sizeof b, b, &len, &cc, &rc);
		CHECK(cc == MQCC_OK && len >= (MQLONG)(sizeof(MQDLH) + MQCFH_STRUC_LENGTH), "runmqsc's late reply on DLQ.T");
		if (cc == MQCC_OK && len >= (MQLONG)(sizeof(MQDLH) + MQCFH_STRUC_LENGTH)) {
			MQDLH h;
			MQCFH c;
			memcpy(&h, b, sizeof h);
			memcpy(&c, b + sizeof h, sizeof c);
			CHECK(h.Reason == MQRC_UNKNOWN_OBJECT_NAME, "Reason 2085: its reply queue had gone (%d)", (int)h.Reason);
			CHECK(!memcmp(h.DestQName, "AMQ.", 4), "DestQName the temporary queue (%.48s)", h.DestQName);
			CHECK(c.Command == MQCMD_ESCAPE && c.Type == MQCFT_RESPONSE && c.CompCode == MQCC_OK,
			      "the ESCAPE's reply after the MQDLH");
		}
		return mqt_done();
	}
	CHECK(mqsc("ALTER QMGR DEADQ(DLQ.T)") == MQCC_OK, "DEADQ(DLQ.T) through the command server");

	MQBYTE24 id;
	request(NULL, "R.OFF", MQRO_NONE, MQPER_PERSISTENT, 7, id);
	check_dead(id, "R.OFF", MQRC_PUT_INHIBITED, MQPER_PERSISTENT, 7, MQCMD_PING_Q_MGR, 1, MQCFC_LAST,
		   "PING to a put-inhibited queue");
	request(NULL, "R.NONE", MQRO_NONE, MQPER_NOT_PERSISTENT, 2, id);
	check_dead(id, "R.NONE", MQRC_UNKNOWN_OBJECT_NAME, MQPER_NOT_PERSISTENT, 2, MQCMD_PING_Q_MGR, 1, MQCFC_LAST,
		   "PING to a queue that does not exist");

	/* DISPLAY of two queues: four lines, four replies, each dead-lettered */
	request("DISPLAY QLOCAL(R.*)", "R.OFF", MQRO_NONE, MQPER_NOT_PERSISTENT, 0, id);
	for (MQLONG i = 1; i <= 4; i++) {
		char what[64];
		snprintf(what, sizeof what, "ESCAPE's reply %d of 4", (int)i);
		check_dead(id, "R.OFF", MQRC_PUT_INHIBITED, MQPER_NOT_PERSISTENT, 0, MQCMD_ESCAPE, i,
			   i == 4 ? MQCFC_LAST : MQCFC_NOT_LAST, what);
	}

	request(NULL, "R.OFF", MQRO_PASS_DISCARD_AND_EXPIRY | MQRO_DISCARD_MSG, MQPER_NOT_PERSISTENT, 0, id);
	check_none(id, "MQRO_DISCARD_MSG passed");

	CHECK(mqsc("ALTER QMGR DEADQ(DLQ.OFF)") == MQCC_OK, "DEADQ(DLQ.OFF), put-inhibited");
	request(NULL, "R.OFF", MQRO_NONE, MQPER_PERSISTENT, 0, id);
	check_none(id, "a dead-letter queue that refuses too");
	CHECK(mqt_depth(hc, "DLQ.OFF") == 0, "DLQ.OFF holds nothing");

	CHECK(mqsc("ALTER QMGR DEADQ(' ')") == MQCC_OK, "no DEADQ");
	request(NULL, "R.OFF", MQRO_NONE, MQPER_PERSISTENT, 0, id);
	check_none(id, "no dead-letter queue");

	CHECK(mqsc("ALTER QMGR DEADQ(DLQ.T)") == MQCC_OK, "DEADQ(DLQ.T) again");
	CHECK(mqt_depth(hc, "DLQ.T") == 0, "DLQ.T holds nothing more");
	return mqt_done();
}
