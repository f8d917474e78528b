/*
 * mqi_csrv.c: the command server (csrv/csrv.c) as a PCF application sees it
 * (t6300): requests built byte by byte and put on SYSTEM.ADMIN.COMMAND.QUEUE,
 * their replies read back from CSRV.REPLY and checked field by field
 * (MQMD and MQCFH, then the parameters): PING_Q_MGR, INQUIRE_Q_MGR (the values
 * the script set with ALTER QMGR), INQUIRE_Q_NAMES, ESCAPE carrying MQSC, the
 * reply rules (CorrelId, PASS_CORREL_ID, persistence, datagrams with and
 * without PAN/NAN, COMMAND_XR), and malformed requests, each answered with its
 * MQRCCF_* reason while the server goes on.
 *
 * usage: mqi_csrv QMGR DESCR MAXHANDS [MANUAL]   (MANUAL: SCMDSERV is MANUAL)
 * needs the local queues CSRV.REPLY, CSRV.A, CSRV.B and the alias CSRV.AL.
 * Prints "ok N - what" lines; exits 1 if any check failed.
 */
#include <stdint.h>

#include <cmqc.h>
#include <cmqcfc.h>

#include "pcft.h"

static void setl(struct buf *b, size_t off, MQLONG v)
{
	memcpy(b->b + off, &v, 4);
}

static void md_init(MQMD *m)
{
	MQMD d = { MQMD_DEFAULT };
	*m = d;
}

/* Send a request and check its one reply's result. */
static void expect_reason(const struct buf *b, MQLONG want_rc, const char *what)
{
	MQMD md = { MQMD_DEFAULT }, rm;
	struct buf r;
	md.MsgType = MQMT_REQUEST;
	memcpy(md.Format, MQFMT_ADMIN, MQ_FORMAT_LENGTH);
	send_req(b, &md);
	MQLONG rc = get_reply(md.MsgId, &rm, &r, 10000);
	MQCFH h = head(&r);
	CHECK(rc == MQRC_NONE && h.CompCode == MQCC_FAILED && h.Reason == want_rc && h.Control == MQCFC_LAST &&
		      h.Type == MQCFT_RESPONSE,
	      "%s: reply rc %d, CompCode %d Reason %d (want %d)", what, (int)rc, (int)h.CompCode, (int)h.Reason,
	      (int)want_rc);
}

int main(int argc, char **argv)
{
	if (argc != 4 && !(argc == 5 && !strcmp(argv[4], "MANUAL"))) {
		fprintf(stderr, "usage: mqi_csrv QMGR DESCR MAXHANDS [MANUAL]\n");
		return 2;
	}
	MQLONG cc, rc;
	hc = mqt_conn(argv[1], 0);
	if (hc == MQHC_UNUSABLE_HCONN)
		return 1;
	mqt_open(hc, "CSRV.REPLY", MQOO_INPUT_EXCLUSIVE, &hreply);
	struct buf b, r;
	MQMD md, rm;

	/* PING_Q_MGR: the reply's MQMD and MQCFH */
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_PING_Q_MGR, 0);
	md_init(&md);
	md.MsgType = MQMT_REQUEST;
	md.Persistence = MQPER_PERSISTENT;
	md.Priority = 3;
	memcpy(md.Format, MQFMT_ADMIN, MQ_FORMAT_LENGTH);
	send_req(&b, &md);
	rc = get_reply(md.MsgId, &rm, &r, 10000);
	EXPECT(MQCC_OK, rc, MQCC_OK, MQRC_NONE, "PING_Q_MGR answered, CorrelId = the request's MsgId");
	MQCFH h = head(&r);
	CHECK(r.n == MQCFH_STRUC_LENGTH, "the reply is an MQCFH alone (%d bytes)", (int)r.n);
	CHECK(h.Type == MQCFT_RESPONSE && h.StrucLength == 36 && h.Version == 1 && h.Command == MQCMD_PING_Q_MGR &&
		      h.MsgSeqNumber == 1 && h.Control == MQCFC_LAST && h.CompCode == 0 && h.Reason == 0 &&
		      h.ParameterCount == 0,
	      "MQCFH: Type %d Command %d Seq %d Control %d CompCode %d Reason %d Count %d", (int)h.Type,
	      (int)h.Command, (int)h.MsgSeqNumber, (int)h.Control, (int)h.CompCode, (int)h.Reason,
	      (int)h.ParameterCount);
	CHECK(rm.MsgType == MQMT_REPLY && !memcmp(rm.Format, MQFMT_ADMIN, 8) && rm.Persistence == MQPER_PERSISTENT &&
		      rm.Priority == 3 && memcmp(rm.MsgId, md.MsgId, 24) != 0,
	      "MQMD: MsgType REPLY, Format MQADMIN, the request's persistence and priority, a new MsgId");

	/* MQRO_PASS_CORREL_ID and MQRO_PASS_MSG_ID */
	md_init(&md);
	md.MsgType = MQMT_REQUEST;
	md.Report = MQRO_PASS_CORREL_ID | MQRO_PASS_MSG_ID;
	memcpy(md.CorrelId, "CSRV-CORREL-0123456789AB", 24);
	memcpy(md.Format, MQFMT_ADMIN, MQ_FORMAT_LENGTH);
	send_req(&b, &md);
	rc = get_reply(md.CorrelId, &rm, &r, 10000);
	EXPECT(MQCC_OK, rc, MQCC_OK, MQRC_NONE, "PASS_CORREL_ID: the reply carries the request's CorrelId");
	CHECK(!memcmp(rm.MsgId, md.MsgId, 24), "PASS_MSG_ID: and its MsgId");

	/* COMMAND_XR: a summary */
	cfh_typed(&b, MQCFT_COMMAND_XR, MQCMD_PING_Q_MGR, 0);
	md_init(&md);
	md.MsgType = MQMT_REQUEST;
	memcpy(md.Format, MQFMT_ADMIN, MQ_FORMAT_LENGTH);
	send_req(&b, &md);
	rc = get_reply(md.MsgId, &rm, &r, 10000);
	h = head(&r);
	CHECK(rc == 0 && h.Type == MQCFT_XR_SUMMARY && h.Control == MQCFC_LAST, "COMMAND_XR: an XR_SUMMARY (type %d)",
	      (int)h.Type);

	/* datagrams: no reply without PAN/NAN; NAN answers a failure only */
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_PING_Q_MGR, 0);
	md_init(&md);
	memcpy(md.Format, MQFMT_ADMIN, MQ_FORMAT_LENGTH);
	send_req(&b, &md);
	MQBYTE24 dg1;
	memcpy(dg1, md.MsgId, 24);
	md_init(&md);
	md.Report = MQRO_NAN;
	memcpy(md.Format, MQFMT_ADMIN, MQ_FORMAT_LENGTH);
	send_req(&b, &md);
	MQBYTE24 dg2;
	memcpy(dg2, md.MsgId, 24);
	cfh_typed(&b, MQCFT_COMMAND, 9999, 0);
	md_init(&md);
	md.Report = MQRO_NAN;
	memcpy(md.Format, MQFMT_ADMIN, MQ_FORMAT_LENGTH);
	send_req(&b, &md);
	rc = get_reply(md.MsgId, &rm, &r, 10000);
	h = head(&r);
	CHECK(rc == 0 && h.Reason == MQRCCF_CFH_COMMAND_ERROR, "datagram with NAN, failed: answered (%d)",
	      (int)h.Reason);
	EXPECT(MQCC_FAILED, get_reply(dg1, &rm, &r, 0), MQCC_FAILED, MQRC_NO_MSG_AVAILABLE,
	       "datagram without PAN/NAN: no reply");
	EXPECT(MQCC_FAILED, get_reply(dg2, &rm, &r, 0), MQCC_FAILED, MQRC_NO_MSG_AVAILABLE,
	       "datagram with NAN, succeeded: no reply");

	/* INQUIRE_Q_MGR: chosen attributes, values as ALTER QMGR set them */
	MQLONG attrs[] = { MQCA_Q_MGR_DESC, MQIA_MAX_HANDLES, MQCA_Q_MGR_NAME, MQIA_CMD_SERVER_CONTROL };
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_INQUIRE_Q_MGR, 1);
	cfil_raw(&b, MQIACF_Q_MGR_ATTRS, 4, attrs);
	md_init(&md);
	md.MsgType = MQMT_REQUEST;
	memcpy(md.Format, MQFMT_ADMIN, MQ_FORMAT_LENGTH);
	send_req(&b, &md);
	rc = get_reply(md.MsgId, &rm, &r, 10000);
	h = head(&r);
	CHECK(rc == 0 && h.CompCode == 0 && h.ParameterCount == 4 && h.Control == MQCFC_LAST,
	      "INQUIRE_Q_MGR with 4 attributes: %d parameters", (int)h.ParameterCount);
	char s[256];
	int f;
	CHECK(parm_str(&r, MQCA_Q_MGR_DESC, s, sizeof s) && !strcmp(s, argv[2]), "DESCR '%s'", s);
	CHECK(parm_str(&r, MQCA_Q_MGR_NAME, s, sizeof s) && !strcmp(s, argv[1]), "QMNAME '%s'", s);
	MQLONG v = -1;
	f = parm_int(&r, MQIA_MAX_HANDLES, &v);
	CHECK(f && v == atoi(argv[3]), "MAXHANDS %d", (int)v);
	v = -1;
	f = parm_int(&r, MQIA_CMD_SERVER_CONTROL, &v);
	MQLONG scmd = argc == 5 ? MQSVC_CONTROL_MANUAL : MQSVC_CONTROL_Q_MGR;
	CHECK(f && v == scmd, "SCMDSERV %s (%d)", argc == 5 ? "MANUAL" : "QMGR", (int)v);

	/* ... and all of them */
	MQLONG all[] = { MQIACF_ALL };
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_INQUIRE_Q_MGR, 1);
	cfil_raw(&b, MQIACF_Q_MGR_ATTRS, 1, all);
	md_init(&md);
	md.MsgType = MQMT_REQUEST;
	memcpy(md.Format, MQFMT_ADMIN, MQ_FORMAT_LENGTH);
	send_req(&b, &md);
	rc = get_reply(md.MsgId, &rm, &r, 10000);
	h = head(&r);
	v = -1;
	f = parm_int(&r, MQIA_CODED_CHAR_SET_ID, &v);
	CHECK(rc == 0 && h.CompCode == 0 && h.ParameterCount > 60 && f && v > 0,
	      "INQUIRE_Q_MGR ALL: %d parameters, CCSID %d", (int)h.ParameterCount, (int)v);
	CHECK(parm_str(&r, MQCA_COMMAND_INPUT_Q_NAME, s, sizeof s) && !strcmp(s, "SYSTEM.ADMIN.COMMAND.QUEUE"),
	      "COMMANDQ '%s'", s);

	/* INQUIRE_Q_NAMES */
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_INQUIRE_Q_NAMES, 2);
	cfst_raw(&b, MQCA_Q_NAME, "CSRV.*");
	cfin_raw(&b, MQIA_Q_TYPE, MQQT_LOCAL);
	md_init(&md);
	md.MsgType = MQMT_REQUEST;
	memcpy(md.Format, MQFMT_ADMIN, MQ_FORMAT_LENGTH);
	send_req(&b, &md);
	rc = get_reply(md.MsgId, &rm, &r, 10000);
	h = head(&r);
	MQLONG t = 0;
	const unsigned char *sl = find_parm(&r, MQCACF_Q_NAMES, &t);
	MQLONG cnt = -1, slen = -1;
	if (sl && t == MQCFT_STRING_LIST) {
		memcpy(&cnt, sl + 16, 4);
		memcpy(&slen, sl + 20, 4);
	}
	CHECK(rc == 0 && h.CompCode == 0 && h.ParameterCount == 2 && cnt == 3 && slen == 48,
	      "INQUIRE_Q_NAMES CSRV.* local: %d names of %d", (int)cnt, (int)slen);
	int got = 0;
	for (MQLONG i = 0; cnt == 3 && i < cnt; i++) {
		const char *nm = (const char *)sl + 24 + 48 * i;
		if (!memcmp(nm, "CSRV.A ", 7) || !memcmp(nm, "CSRV.B ", 7) || !memcmp(nm, "CSRV.REPLY ", 11))
			got++;
	}
	CHECK(got == 3, "CSRV.A, CSRV.B, CSRV.REPLY");
	const unsigned char *il = find_parm(&r, MQIACF_Q_TYPES, &t);
	MQLONG q0 = 0, ic = 0;
	if (il && t == MQCFT_INTEGER_LIST) {
		memcpy(&ic, il + 12, 4);
		memcpy(&q0, il + 16, 4);
	}
	CHECK(ic == 3 && q0 == MQQT_LOCAL, "MQIACF_Q_TYPES: %d, the first %d", (int)ic, (int)q0);
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_INQUIRE_Q_NAMES, 2);
	cfst_raw(&b, MQCA_Q_NAME, "CSRV.*");
	cfin_raw(&b, MQIA_Q_TYPE, MQQT_ALIAS);
	md_init(&md);
	md.MsgType = MQMT_REQUEST;
	memcpy(md.Format, MQFMT_ADMIN, MQ_FORMAT_LENGTH);
	send_req(&b, &md);
	rc = get_reply(md.MsgId, &rm, &r, 10000);
	sl = find_parm(&r, MQCACF_Q_NAMES, &t);
	cnt = -1;
	if (sl)
		memcpy(&cnt, sl + 16, 4);
	CHECK(rc == 0 && cnt == 1 && !memcmp(sl + 24, "CSRV.AL ", 8), "INQUIRE_Q_NAMES CSRV.* alias: CSRV.AL");
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_INQUIRE_Q_NAMES, 1);
	cfst_raw(&b, MQCA_Q_NAME, "NOSUCH.*");
	md_init(&md);
	md.MsgType = MQMT_REQUEST;
	memcpy(md.Format, MQFMT_ADMIN, MQ_FORMAT_LENGTH);
	send_req(&b, &md);
	rc = get_reply(md.MsgId, &rm, &r, 10000);
	sl = find_parm(&r, MQCACF_Q_NAMES, &t);
	cnt = -1;
	if (sl)
		memcpy(&cnt, sl + 16, 4);
	CHECK(rc == 0 && head(&r).CompCode == 0 && cnt == 0, "INQUIRE_Q_NAMES of nothing: an empty list");

	/* ESCAPE: MQSC through the command server */
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_ESCAPE, 2);
	cfin_raw(&b, MQIACF_ESCAPE_TYPE, MQET_MQSC);
	cfst_raw(&b, MQCACF_ESCAPE_TEXT, "DEFINE QLOCAL(CSRV.NEW) MAXDEPTH(77)");
	md_init(&md);
	md.MsgType = MQMT_REQUEST;
	memcpy(md.Format, MQFMT_ADMIN, MQ_FORMAT_LENGTH);
	send_req(&b, &md);
	rc = get_reply(md.MsgId, &rm, &r, 10000);
	h = head(&r);
	parm_str(&r, MQCACF_ESCAPE_TEXT, s, sizeof s);
	v = -1;
	f = parm_int(&r, MQIACF_ESCAPE_TYPE, &v);
	CHECK(rc == 0 && h.CompCode == 0 && h.Command == MQCMD_ESCAPE && h.Control == MQCFC_LAST && f &&
		      v == MQET_MQSC && !strncmp(s, "AMQ8006I", 8),
	      "ESCAPE DEFINE QLOCAL: CompCode %d, '%s'", (int)h.CompCode, s);
	MQHOBJ hn = MQHO_UNUSABLE_HOBJ;
	MQLONG sel = MQIA_MAX_Q_DEPTH, depth = 0;
	mqt_open(hc, "CSRV.NEW", MQOO_INQUIRE, &hn);
	MQINQ(hc, hn, 1, &sel, 1, &depth, 0, NULL, &cc, &rc);
	CHECK(cc == MQCC_OK && depth == 77, "CSRV.NEW exists with MAXDEPTH(77) (%d)", (int)depth);
	MQCLOSE(hc, &hn, MQCO_NONE, &cc, &rc);
	/* a display: several lines, one reply each, the last one LAST */
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_ESCAPE, 2);
	cfin_raw(&b, MQIACF_ESCAPE_TYPE, MQET_MQSC);
	cfst_raw(&b, MQCACF_ESCAPE_TEXT, "DISPLAY QLOCAL(CSRV.NEW) MAXDEPTH");
	md_init(&md);
	md.MsgType = MQMT_REQUEST;
	memcpy(md.Format, MQFMT_ADMIN, MQ_FORMAT_LENGTH);
	send_req(&b, &md);
	int lines = 0, last = 0, seq_ok = 1, saw = 0;
	while (!last && get_reply(md.MsgId, &rm, &r, 10000) == 0) {
		h = head(&r);
		lines++;
		seq_ok &= h.MsgSeqNumber == lines;
		last = h.Control == MQCFC_LAST;
		parm_str(&r, MQCACF_ESCAPE_TEXT, s, sizeof s);
		if (strstr(s, "MAXDEPTH(77)"))
			saw = 1;
	}
	CHECK(lines >= 2 && last && seq_ok && saw, "ESCAPE DISPLAY: %d replies in sequence, MAXDEPTH(77) shown", lines);
	/* a command MQSC refuses: COMMAND_FAILED with MQSC's message */
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_ESCAPE, 2);
	cfin_raw(&b, MQIACF_ESCAPE_TYPE, MQET_MQSC);
	cfst_raw(&b, MQCACF_ESCAPE_TEXT, "DEFINE QLOCAL(CSRV.NEW)");
	md_init(&md);
	md.MsgType = MQMT_REQUEST;
	memcpy(md.Format, MQFMT_ADMIN, MQ_FORMAT_LENGTH);
	send_req(&b, &md);
	rc = get_reply(md.MsgId, &rm, &r, 10000);
	h = head(&r);
	parm_str(&r, MQCACF_ESCAPE_TEXT, s, sizeof s);
	CHECK(rc == 0 && h.CompCode == MQCC_FAILED && h.Reason == MQRCCF_COMMAND_FAILED && !strncmp(s, "AMQ8150E", 8),
	      "ESCAPE of a DEFINE of a queue that exists: %d, '%s'", (int)h.Reason, s);

	/* malformed requests and requests not served */
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_PING_Q_MGR, 0);
	md_init(&md);
	md.MsgType = MQMT_REQUEST;
	memcpy(md.Format, MQFMT_STRING, MQ_FORMAT_LENGTH);
	send_req(&b, &md);
	rc = get_reply(md.MsgId, &rm, &r, 10000);
	CHECK(rc == 0 && head(&r).Reason == MQRCCF_MD_FORMAT_ERROR, "Format MQSTR: MQRCCF_MD_FORMAT_ERROR (%d)",
	      (int)head(&r).Reason);
	b.n = 20;
	expect_reason(&b, MQRCCF_MSG_LENGTH_ERROR, "20 bytes");
	cfh_typed(&b, MQCFT_RESPONSE, MQCMD_PING_Q_MGR, 0);
	expect_reason(&b, MQRCCF_CFH_TYPE_ERROR, "Type RESPONSE");
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_PING_Q_MGR, 0);
	setl(&b, 4, 40);
	expect_reason(&b, MQRCCF_CFH_LENGTH_ERROR, "StrucLength 40");
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_PING_Q_MGR, 0);
	setl(&b, 8, 9);
	expect_reason(&b, MQRCCF_CFH_VERSION_ERROR, "Version 9");
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_PING_Q_MGR, 0);
	setl(&b, 20, MQCFC_NOT_LAST);
	expect_reason(&b, MQRCCF_CFH_CONTROL_ERROR, "Control NOT_LAST");
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_PING_Q_MGR, 5);
	expect_reason(&b, MQRCCF_CFH_PARM_COUNT_ERROR, "ParameterCount 5, none there");
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_PING_Q_MGR, -1);
	expect_reason(&b, MQRCCF_CFH_PARM_COUNT_ERROR, "ParameterCount -1");
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_ESCAPE, 2);
	cfin_raw(&b, MQIACF_ESCAPE_TYPE, MQET_MQSC);
	setl(&b, b.n - 12, 20);
	l(&b, 0);
	cfst_raw(&b, MQCACF_ESCAPE_TEXT, "PING QMGR");
	expect_reason(&b, MQRCCF_CFIN_LENGTH_ERROR, "MQCFIN StrucLength 20");
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_ESCAPE, 2);
	cfin_raw(&b, MQIACF_ESCAPE_TYPE, MQET_MQSC);
	cfst_raw(&b, MQCACF_ESCAPE_TEXT, "PING QMGR");
	setl(&b, 36 + 16 + 4, 18);
	expect_reason(&b, MQRCCF_CFST_LENGTH_ERROR, "MQCFST StrucLength 18");
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_ESCAPE, 2);
	cfin_raw(&b, MQIACF_ESCAPE_TYPE, MQET_MQSC);
	cfst_raw(&b, MQCACF_ESCAPE_TEXT, "PING QMGR");
	setl(&b, 36 + 16 + 4, 4000);
	expect_reason(&b, MQRCCF_CFST_LENGTH_ERROR, "MQCFST StrucLength past the message's end");
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_ESCAPE, 2);
	cfin_raw(&b, MQIACF_ESCAPE_TYPE, MQET_MQSC);
	cfst_raw(&b, MQCACF_ESCAPE_TEXT, "PING QMGR");
	setl(&b, 36 + 16 + 16, 100);
	expect_reason(&b, MQRCCF_CFST_STRING_LENGTH_ERR, "MQCFST StringLength 100 in 12 bytes");
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_PING_Q_MGR, 1);
	l(&b, 99);
	l(&b, 16);
	l(&b, 1);
	l(&b, 1);
	expect_reason(&b, MQRCCF_STRUCTURE_TYPE_ERROR, "parameter Type 99");
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_PING_Q_MGR, 0);
	l(&b, 0);
	l(&b, 0);
	expect_reason(&b, MQRCCF_MSG_LENGTH_ERROR, "8 bytes after the parameters");
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_ESCAPE, 3);
	cfin_raw(&b, MQIACF_ESCAPE_TYPE, MQET_MQSC);
	cfin_raw(&b, MQIACF_ESCAPE_TYPE, MQET_MQSC);
	cfst_raw(&b, MQCACF_ESCAPE_TEXT, "PING QMGR");
	expect_reason(&b, MQRCCF_CFIN_DUPLICATE_PARM, "MQIACF_ESCAPE_TYPE twice");
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_INQUIRE_Q_MGR, 1);
	l(&b, MQCFT_INTEGER_LIST);
	l(&b, 16);
	l(&b, MQIACF_Q_MGR_ATTRS);
	l(&b, -1);
	expect_reason(&b, MQRCCF_CFIL_COUNT_ERROR, "MQCFIL Count -1");
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_INQUIRE_Q_MGR, 1);
	cfil_raw(&b, MQIACF_Q_MGR_ATTRS, 2, attrs);
	setl(&b, 36 + 12, 5);
	expect_reason(&b, MQRCCF_CFIL_LENGTH_ERROR, "MQCFIL Count 5 in 24 bytes");
	cfh_typed(&b, MQCFT_COMMAND, 9999, 0);
	expect_reason(&b, MQRCCF_CFH_COMMAND_ERROR, "Command 9999");
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_INQUIRE_NAMELIST, 1);
	cfst_raw(&b, MQCA_NAMELIST_NAME, "*");
	expect_reason(&b, MQRC_FUNCTION_NOT_SUPPORTED, "INQUIRE_NAMELIST: Quire has no namelists");
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_PING_Q_MGR, 1);
	cfin_raw(&b, MQIA_Q_TYPE, MQQT_LOCAL);
	expect_reason(&b, MQRCCF_CFIN_PARM_ID_ERROR, "PING_Q_MGR with a parameter");
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_INQUIRE_Q_NAMES, 1);
	cfst_raw(&b, MQCACF_ESCAPE_TEXT, "X");
	expect_reason(&b, MQRCCF_CFST_PARM_ID_ERROR, "INQUIRE_Q_NAMES with ESCAPE_TEXT");
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_ESCAPE, 1);
	cfin_raw(&b, MQIACF_ESCAPE_TYPE, MQET_MQSC);
	expect_reason(&b, MQRCCF_PARM_COUNT_TOO_SMALL, "ESCAPE without its text");
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_ESCAPE, 2);
	cfin_raw(&b, MQIACF_ESCAPE_TYPE, 7);
	cfst_raw(&b, MQCACF_ESCAPE_TEXT, "PING QMGR");
	expect_reason(&b, MQRCCF_ESCAPE_TYPE_ERROR, "EscapeType 7");
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_INQUIRE_Q_NAMES, 2);
	cfst_raw(&b, MQCA_Q_NAME, "*");
	cfin_raw(&b, MQIA_Q_TYPE, 77);
	expect_reason(&b, MQRCCF_Q_TYPE_ERROR, "QType 77");
	md_init(&md);
	md.MsgType = MQMT_REPORT;
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_PING_Q_MGR, 0);
	memcpy(md.Format, MQFMT_ADMIN, MQ_FORMAT_LENGTH);
	send_req(&b, &md);
	rc = get_reply(md.MsgId, &rm, &r, 10000);
	CHECK(rc == 0 && head(&r).Reason == MQRC_MSG_TYPE_ERROR, "MsgType REPORT: MQRC_MSG_TYPE_ERROR (%d)",
	      (int)head(&r).Reason);

	/* 300 requests with random bytes changed (the Command kept, so that no
	 * MQSC runs): each is answered, its last reply MQCFC_LAST */
	srand(14);
	int answered = 0;
	for (int i = 0; i < 300; i++) {
		MQLONG cmds[] = { MQCMD_PING_Q_MGR, MQCMD_INQUIRE_Q_MGR, MQCMD_INQUIRE_Q_NAMES };
		MQLONG cmd = cmds[i % 3];
		cfh_typed(&b, i % 2 ? MQCFT_COMMAND : MQCFT_COMMAND_XR, cmd, cmd == MQCMD_PING_Q_MGR ? 0 : cmd == MQCMD_INQUIRE_Q_MGR ? 1 : 2);
		if (cmd == MQCMD_INQUIRE_Q_MGR)
			cfil_raw(&b, MQIACF_Q_MGR_ATTRS, 4, attrs);
		if (cmd == MQCMD_INQUIRE_Q_NAMES) {
			cfst_raw(&b, MQCA_Q_NAME, "CSRV.*");
			cfin_raw(&b, MQIA_Q_TYPE, MQQT_ALL);
		}
		int muts = 1 + rand() % 4;
		for (int k = 0; k < muts; k++) {
			size_t at = (size_t)rand() % b.n;
			b.b[at] = (unsigned char)(rand() % 4 == 0 ? 0xff : rand());
		}
		if (rand() % 5 == 0)
			b.n = (size_t)rand() % b.n;   /* truncated */
		setl(&b, 12, cmd);
		md_init(&md);
		md.MsgType = MQMT_REQUEST;
		memcpy(md.Format, MQFMT_ADMIN, MQ_FORMAT_LENGTH);
		send_req(&b, &md);
		int got_last = 0;
		while (!got_last && get_reply(md.MsgId, &rm, &r, 10000) == 0)
			got_last = head(&r).Control == MQCFC_LAST;
		answered += got_last;
	}
	CHECK(answered == 300, "300 damaged requests: %d answered to the last reply", answered);

	/* still there after all of them */
	cfh_typed(&b, MQCFT_COMMAND, MQCMD_PING_Q_MGR, 0);
	md_init(&md);
	md.MsgType = MQMT_REQUEST;
	memcpy(md.Format, MQFMT_ADMIN, MQ_FORMAT_LENGTH);
	send_req(&b, &md);
	rc = get_reply(md.MsgId, &rm, &r, 10000);
	CHECK(rc == 0 && head(&r).CompCode == MQCC_OK, "the command server answers still");

	return pcft_close();
}
