/*
 * mqi_propmd: the message descriptor's fields as message properties
 * ("Root.MQMD.<Field>", qm/mqi/propmd.c) and the MQI calls that take their
 * message descriptor from a message handle, as MQ documents them: MQSETMP,
 * MQINQMP and MQDLTMP of the fields; MQPUT and MQPUT1 with no MsgDesc (or
 * MQPMO_MD_FOR_OUTPUT_ONLY) put with the descriptor of NewMsgHandle (else
 * OriginalMsgHandle) and leave the message put in NewMsgHandle's; MQGET with
 * no MsgDesc matches with the handle's descriptor and fills it.  The way IBM
 * MQ's properties sample (amqsstma) puts: "Root.MQMD.Format" set to MQSTR and
 * a NULL MsgDesc.
 *
 *   usage: mqi_propmd QMGR QUEUE       (an empty local queue, PROPCTL COMPAT)
 */
#include "mqt.h"

static MQHCONN hc;

static MQCHARV nm(const char *s)
{
	MQCHARV v = { MQCHARV_DEFAULT };
	v.VSPtr = (MQPTR)s;
	v.VSLength = MQVS_NULL_TERMINATED;
	return v;
}

static MQLONG setp(MQHMSG h, const char *name, MQLONG type, MQLONG len, const void *val)
{
	MQSMPO smpo = { MQSMPO_DEFAULT };
	MQPD pd = { MQPD_DEFAULT };
	MQCHARV n = nm(name);
	MQLONG c, rc;
	MQSETMP(hc, h, &smpo, &n, &pd, type, len, (void *)val, &c, &rc);
	return rc;
}

static MQLONG inq(MQHMSG h, const char *name, MQLONG opts, MQLONG *type, void *buf, MQLONG cap, MQLONG *len)
{
	MQIMPO impo = { MQIMPO_DEFAULT };
	MQPD pd = { MQPD_DEFAULT };
	MQCHARV n = nm(name);
	MQLONG c, rc;
	impo.Options = opts;
	MQINQMP(hc, h, &impo, &n, &pd, type, cap, buf, len, &c, &rc);
	return rc;
}

static MQHMSG crt(void)
{
	MQCMHO o = { MQCMHO_DEFAULT };
	MQHMSG m = MQHM_NONE;
	MQLONG cc, rc;
	MQCRTMH(hc, &o, &m, &cc, &rc);
	return m;
}

static void test_fields(void)
{
	MQHMSG h = crt();
	MQLONG rc, type, len, v;
	char buf[64];
	MQDMPO dmpo = { MQDMPO_DEFAULT };
	MQCHARV n;
	MQLONG cc;

	/* a new handle's descriptor is MQMD_DEFAULT */
	type = MQTYPE_AS_SET;
	rc = inq(h, "Root.MQMD.Format", 0, &type, buf, sizeof buf, &len);
	CHECK(rc == MQRC_NONE && type == MQTYPE_STRING && len == 8 && !memcmp(buf, MQFMT_NONE, 8),
	      "Root.MQMD.Format of a new handle: blanks (rc %d type %d len %d)", rc, type, len);
	type = MQTYPE_AS_SET;
	rc = inq(h, "Root.MQMD.Persistence", 0, &type, &v, 4, &len);
	CHECK(rc == MQRC_NONE && type == MQTYPE_INT32 && v == MQPER_PERSISTENCE_AS_Q_DEF,
	      "Root.MQMD.Persistence of a new handle: AS_Q_DEF (rc %d v %d)", rc, v);
	rc = setp(h, "Root.MQMD.Format", MQTYPE_STRING, MQ_FORMAT_LENGTH, MQFMT_STRING);
	CHECK(rc == MQRC_NONE, "MQSETMP Root.MQMD.Format: rc %d", rc);
	type = MQTYPE_AS_SET;
	rc = inq(h, "Root.MQMD.Format", 0, &type, buf, sizeof buf, &len);
	CHECK(rc == MQRC_NONE && len == 8 && !memcmp(buf, MQFMT_STRING, 8), "Root.MQMD.Format is MQSTR");
	rc = setp(h, "Root.MQMD.ReplyToQ", MQTYPE_STRING, MQVL_NULL_TERMINATED, "REPLY.Q");
	type = MQTYPE_AS_SET;
	rc = inq(h, "Root.MQMD.ReplyToQ", 0, &type, buf, sizeof buf, &len);
	CHECK(rc == MQRC_NONE && len == 48 && !memcmp(buf, "REPLY.Q ", 8) && buf[47] == ' ',
	      "Root.MQMD.ReplyToQ: blank-padded to 48 (rc %d len %d)", rc, len);
	v = 7;
	rc = setp(h, "Root.MQMD.Priority", MQTYPE_INT32, 4, &v);
	CHECK(rc == MQRC_NONE, "MQSETMP Root.MQMD.Priority: rc %d", rc);
	rc = setp(h, "Root.MQMD.CorrelId", MQTYPE_BYTE_STRING, 3, "\1\2\3");
	type = MQTYPE_AS_SET;
	rc = inq(h, "Root.MQMD.CorrelId", 0, &type, buf, sizeof buf, &len);
	CHECK(rc == MQRC_NONE && type == MQTYPE_BYTE_STRING && len == 24 && !memcmp(buf, "\1\2\3\0\0", 5),
	      "Root.MQMD.CorrelId: a byte string padded with nulls (rc %d len %d)", rc, len);
	/* CONVERT_TYPE works on a field as on any property */
	type = MQTYPE_STRING;
	rc = inq(h, "Root.MQMD.Priority", MQIMPO_CONVERT_TYPE, &type, buf, sizeof buf, &len);
	CHECK(rc == MQRC_NONE && type == MQTYPE_STRING && len == 1 && buf[0] == '7',
	      "Root.MQMD.Priority as a string: \"7\" (rc %d)", rc);
	/* misuse */
	rc = setp(h, "Root.MQMD.Priority", MQTYPE_STRING, 1, "7");
	CHECK(rc == MQRC_PROPERTY_TYPE_ERROR, "Root.MQMD.Priority from a string: 2473 (rc %d)", rc);
	rc = setp(h, "Root.MQMD.Format", MQTYPE_STRING, 9, "TOOLONG12");
	CHECK(rc == MQRC_PROPERTY_VALUE_TOO_BIG, "Root.MQMD.Format of 9 bytes: 2469 (rc %d)", rc);
	rc = setp(h, "Root.MQMD.Version", MQTYPE_INT32, 4, &v);
	CHECK(rc == MQRC_PROPERTY_NAME_ERROR, "Root.MQMD.Version is no property: 2442 (rc %d)", rc);
	rc = setp(h, "Root.MQMD.format", MQTYPE_STRING, 8, MQFMT_STRING);
	CHECK(rc == MQRC_PROPERTY_NAME_ERROR, "Root.MQMD.format (the field's case is MQ's): 2442 (rc %d)", rc);
	/* fields are not in the property list: "%" finds none */
	type = MQTYPE_AS_SET;
	rc = inq(h, "%", 0, &type, buf, sizeof buf, &len);
	CHECK(rc == MQRC_PROPERTY_NOT_AVAILABLE, "\"%%\" returns no Root.MQMD field (rc %d)", rc);
	/* MQDLTMP: back to the default */
	n = nm("Root.MQMD.Priority");
	MQDLTMP(hc, h, &dmpo, &n, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQDLTMP Root.MQMD.Priority");
	type = MQTYPE_AS_SET;
	rc = inq(h, "Root.MQMD.Priority", 0, &type, &v, 4, &len);
	CHECK(rc == MQRC_NONE && v == MQPRI_PRIORITY_AS_Q_DEF, "after MQDLTMP Priority is AS_Q_DEF (v %d)", v);
	{
		MQDMHO d = { MQDMHO_DEFAULT };
		MQDLTMH(hc, &h, &d, &cc, &rc);
	}
}

static void test_messages(const char *q)
{
	MQOD od = { MQOD_DEFAULT };
	MQHOBJ ho;
	MQHMSG h = crt(), g = crt();
	MQPMO pmo = { MQPMO_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	MQMD md = { MQMD_DEFAULT };
	MQLONG cc, rc, len, type, v;
	char buf[64];
	MQBYTE24 mid;

	memcpy(od.ObjectName, q, strlen(q) < MQ_Q_NAME_LENGTH ? strlen(q) : MQ_Q_NAME_LENGTH);
	MQOPEN(hc, &od, MQOO_OUTPUT | MQOO_INPUT_AS_Q_DEF, &ho, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQOPEN");

	/* without a MsgDesc and without a handle: MQRC_MD_ERROR */
	pmo.Options = MQPMO_NO_SYNCPOINT;
	MQPUT(hc, ho, NULL, &pmo, 3, "abc", &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_MD_ERROR, "MQPUT, no MsgDesc and no handle");

	/* amqsstma's way: properties and Root.MQMD.Format on a handle, no MsgDesc */
	setp(h, "colour", MQTYPE_STRING, MQVL_NULL_TERMINATED, "blue");
	setp(h, "Root.MQMD.Format", MQTYPE_STRING, MQ_FORMAT_LENGTH, MQFMT_STRING);
	v = MQPER_PERSISTENT;
	setp(h, "Root.MQMD.Persistence", MQTYPE_INT32, 4, &v);
	pmo.Version = MQPMO_VERSION_3;
	pmo.OriginalMsgHandle = h;
	MQPUT(hc, ho, NULL, &pmo, 8, "the body", &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQPUT with OriginalMsgHandle and no MsgDesc");

	/* a version 1 get sees the message MQ would: Format MQHRF2, the MQRFH2 of colour, then MQSTR */
	{
		MQGMO g1 = { MQGMO_DEFAULT };
		MQMD m1 = { MQMD_DEFAULT };
		char data[512];
		g1.Options = MQGMO_NO_SYNCPOINT | MQGMO_BROWSE_FIRST;
		MQHOBJ hb;
		MQOPEN(hc, &od, MQOO_BROWSE, &hb, &cc, &rc);
		MQGET(hc, hb, &m1, &g1, sizeof data, data, &len, &cc, &rc);
		EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "browse it with an MQMD");
		CHECK(!memcmp(m1.Format, MQFMT_RF_HEADER_2, 8) && m1.Persistence == MQPER_PERSISTENT &&
			      len > 8 && !memcmp(data + len - 8, "the body", 8) &&
			      !memcmp(((MQRFH2 *)data)->Format, MQFMT_STRING, 8),
		      "put with the handle's descriptor: persistent, MQRFH2 then MQSTR");
		memcpy(mid, m1.MsgId, sizeof mid);
		MQCLOSE(hc, &hb, MQCO_NONE, &cc, &rc);
	}

	/* MQGET with no MsgDesc: the handle's descriptor matches and is filled */
	gmo.Version = MQGMO_VERSION_4;
	gmo.Options = MQGMO_NO_SYNCPOINT | MQGMO_PROPERTIES_IN_HANDLE;
	gmo.MatchOptions = MQMO_MATCH_MSG_ID;
	gmo.MsgHandle = g;
	setp(g, "Root.MQMD.MsgId", MQTYPE_BYTE_STRING, 24, "no such message id......");
	MQGET(hc, ho, NULL, &gmo, sizeof buf, buf, &len, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE, "MQGET with no MsgDesc matches the handle's MsgId");
	setp(g, "Root.MQMD.MsgId", MQTYPE_BYTE_STRING, 24, mid);
	MQGET(hc, ho, NULL, &gmo, sizeof buf, buf, &len, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQGET with no MsgDesc, the MsgId in the handle");
	CHECK(len == 8 && !memcmp(buf, "the body", 8), "the body alone comes back");
	type = MQTYPE_AS_SET;
	rc = inq(g, "Root.MQMD.Format", 0, &type, buf, sizeof buf, &len);
	CHECK(rc == MQRC_NONE && !memcmp(buf, MQFMT_STRING, 8), "the handle's Format is MQSTR after the get");
	type = MQTYPE_AS_SET;
	rc = inq(g, "Root.MQMD.PutApplType", 0, &type, &v, 4, &len);
	CHECK(rc == MQRC_NONE && v == MQAT_UNIX, "the handle's PutApplType is MQAT_UNIX (v %d)", v);
	type = MQTYPE_AS_SET;
	rc = inq(g, "colour", 0, &type, buf, sizeof buf, &len);
	CHECK(rc == MQRC_NONE && len == 4 && !memcmp(buf, "blue", 4), "and its property colour is blue");
	gmo.Options = MQGMO_NO_SYNCPOINT | MQGMO_PROPERTIES_FORCE_MQRFH2;
	gmo.MatchOptions = MQMO_NONE;
	MQGET(hc, ho, NULL, &gmo, sizeof buf, buf, &len, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_MD_ERROR, "MQGET, no MsgDesc, PROPERTIES_FORCE_MQRFH2");

	/* MQPUT1 with NewMsgHandle and MD_FOR_OUTPUT_ONLY: the MsgDesc is only an output,
	 * and the handle's descriptor holds the message put */
	{
		MQHMSG nh = crt();
		MQMD out = { MQMD_DEFAULT };
		MQPMO p1 = { MQPMO_DEFAULT };
		v = 3;
		setp(nh, "Root.MQMD.Priority", MQTYPE_INT32, 4, &v);
		memcpy(out.Format, "JUNK    ", 8);
		out.Priority = 9;
		p1.Version = MQPMO_VERSION_3;
		p1.Options = MQPMO_NO_SYNCPOINT | MQPMO_MD_FOR_OUTPUT_ONLY;
		p1.NewMsgHandle = nh;
		MQPUT1(hc, &od, &out, &p1, 2, "p1", &cc, &rc);
		EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQPUT1 with MD_FOR_OUTPUT_ONLY and NewMsgHandle");
		CHECK(out.Priority == 3 && !memcmp(out.Format, MQFMT_NONE, 8),
		      "the MsgDesc is the descriptor put (priority %d)", out.Priority);
		type = MQTYPE_AS_SET;
		rc = inq(nh, "Root.MQMD.MsgId", 0, &type, buf, sizeof buf, &len);
		CHECK(rc == MQRC_NONE && len == 24 && !memcmp(buf, out.MsgId, 24),
		      "NewMsgHandle's MsgId is the message's");
		MQGET(hc, ho, &md, &(MQGMO){ MQGMO_DEFAULT }, sizeof buf, buf, &len, &cc, &rc);
		CHECK(cc == MQCC_OK && md.Priority == 3 && len == 2, "the message got has priority 3");
		MQDMHO d = { MQDMHO_DEFAULT };
		MQDLTMH(hc, &nh, &d, &cc, &rc);
	}
	/* another Action than NEW without a MsgDesc: not served, MQRC_MD_ERROR */
	pmo.Action = MQACTP_REPLY;
	MQPUT(hc, ho, NULL, &pmo, 1, "x", &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_MD_ERROR, "MQPUT, no MsgDesc, MQACTP_REPLY");
	MQCLOSE(hc, &ho, MQCO_NONE, &cc, &rc);
	{
		MQDMHO d = { MQDMHO_DEFAULT };
		MQDLTMH(hc, &h, &d, &cc, &rc);
		MQDLTMH(hc, &g, &d, &cc, &rc);
	}
}

int main(int argc, char **argv)
{
	MQLONG cc, rc;
	if (argc != 3) {
		fprintf(stderr, "usage: mqi_propmd QMGR QUEUE\n");
		return 2;
	}
	hc = mqt_conn(argv[1], 0);
	if (hc == MQHC_UNUSABLE_HCONN)
		return 1;
	test_fields();
	test_messages(argv[2]);
	MQDISC(&hc, &cc, &rc);
	return mqt_done();
}
