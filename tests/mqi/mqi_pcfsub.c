/*
 * mqi_pcfsub.c: the command server's subscription commands (csrv/csrv_sub.c)
 * as a PCF client sees them (t6166): subscriptions created, inquired (by
 * name, generic name, SubId, with SUBTYPE and DURABLE filters and an
 * attribute list), changed, copied and deleted by PCF requests put on
 * SYSTEM.ADMIN.COMMAND.QUEUE, each reply compared with MQSC's view (DISPLAY
 * SUB / SBSTATUS / TPSTATUS sent as MQCMD_ESCAPE) by this program's own table
 * of keywords and ids; INQUIRE_SUB_STATUS and INQUIRE_TOPIC_STATUS of
 * subscriptions and publishers; every refusal's reason; damaged requests of
 * the new commands answered.
 *
 * usage: mqi_pcfsub QMGR   (needs the local queues CSRV.REPLY, PCFS.Q1, PCFS.Q2
 * and the topic objects PCFS.NODUR, TOPICSTR(pcfs/nodur) DURSUB(NO), and
 * PCFS.TOBJ, TOPICSTR(pcfs/tobj))
 * Prints "ok N - what" lines; exits 1 if any check failed.
 */
#include <stdint.h>
#include <unistd.h>

#include <cmqc.h>
#include <cmqcfc.h>

#include "pcft.h"

/* ---- MQSC's view compared (struct ta, compare: pcft.h) ---- */

static const struct ta subattrs[] = {
	{ "TOPICSTR", MQCA_TOPIC_STRING, 's', { { 0 } } },
	{ "DEST", MQCACF_DESTINATION, 's', { { 0 } } },
	{ "USERDATA", MQCACF_SUB_USER_DATA, 's', { { 0 } } },
	{ "SUBUSER", MQCACF_SUB_USER_ID, 's', { { 0 } } },
	{ "PUBAPPID", MQCACF_APPL_IDENTITY_DATA, 's', { { 0 } } },
	{ "CRDATE", MQCA_CREATION_DATE, 's', { { 0 } } },
	{ "ALTTIME", MQCA_ALTERATION_TIME, 's', { { 0 } } },
	{ "SUBID", MQBACF_SUB_ID, 'x', { { 0 } } },
	{ "DESTCORL", MQBACF_DESTINATION_CORREL_ID, 'x', { { 0 } } },
	{ "PUBPRTY", MQIACF_PUB_PRIORITY, 'i', { { "ASPUB", MQPRI_PRIORITY_AS_PUBLISHED }, { "ASQDEF", -1 } } },
	{ "SUBLEVEL", MQIACF_SUB_LEVEL, 'i', { { 0 } } },
	{ "EXPIRY", MQIACF_EXPIRY, 'i', { { "UNLIMITED", MQEI_UNLIMITED } } },
	{ "REQONLY", MQIACF_REQUEST_ONLY, 'e', { { "YES", MQRU_PUBLISH_ON_REQUEST }, { "NO", MQRU_PUBLISH_ALL } } },
	{ "DESTCLAS", MQIACF_DESTINATION_CLASS, 'e', { { "MANAGED", MQDC_MANAGED }, { "PROVIDED", MQDC_PROVIDED } } },
	{ "DURABLE", MQIACF_DURABLE_SUBSCRIPTION, 'e', { { "YES", MQSUB_DURABLE_YES }, { "NO", MQSUB_DURABLE_NO } } },
	{ "SUBTYPE", MQIACF_SUB_TYPE, 'e', { { "API", MQSUBTYPE_API }, { "ADMIN", MQSUBTYPE_ADMIN } } },
	{ "PSPROP", MQIACF_PUBSUB_PROPERTIES, 'e',
	  { { "NONE", MQPSPROP_NONE }, { "COMPAT", MQPSPROP_COMPAT }, { "RFH2", MQPSPROP_RFH2 },
	    { "MSGPROP", MQPSPROP_MSGPROP } } },
	{ "VARUSER", MQIACF_VARIABLE_USER_ID, 'e', { { "ANY", MQVU_ANY_USER }, { "FIXED", MQVU_FIXED_USER } } },
	{ "WSCHEMA", MQIACF_WILDCARD_SCHEMA, 'e', { { "TOPIC", MQWS_TOPIC }, { "CHAR", MQWS_CHAR } } },
	{ "SUBSCOPE", MQIACF_SUBSCRIPTION_SCOPE, 'e', { { "ALL", MQTSCOPE_ALL }, { "QMGR", MQTSCOPE_QMGR } } },
	{ NULL, 0, 0, { { 0 } } },
};

static const struct ta sbsattrs[] = {
	{ "SUBID", MQBACF_SUB_ID, 'x', { { 0 } } },
	{ "SUBUSER", MQCACF_SUB_USER_ID, 's', { { 0 } } },
	{ "NUMMSGS", MQIACF_MESSAGE_COUNT, 'i', { { 0 } } },
	{ "LMSGDATE", MQCACF_LAST_MSG_DATE, 's', { { 0 } } },
	{ "DURABLE", MQIACF_DURABLE_SUBSCRIPTION, 'e', { { "YES", MQSUB_DURABLE_YES }, { "NO", MQSUB_DURABLE_NO } } },
	{ "SUBTYPE", MQIACF_SUB_TYPE, 'e', { { "API", MQSUBTYPE_API }, { "ADMIN", MQSUBTYPE_ADMIN } } },
	{ NULL, 0, 0, { { 0 } } },
};

static const struct ta pubattrs[] = {
	{ "TOPICSTR", MQCA_TOPIC_STRING, 's', { { 0 } } },
	{ "NUMPUBS", MQIACF_PUBLISH_COUNT, 'i', { { 0 } } },
	{ "LPUBDATE", MQCACF_LAST_PUB_DATE, 's', { { 0 } } },
	{ NULL, 0, 0, { { 0 } } },
};

/* The one reply of an inquiry of name (0: failed). */
static int inquire_one(const char *name, struct replies *rs)
{
	struct buf b;
	cfh(&b, MQCMD_INQUIRE_SUBSCRIPTION);
	cfst(&b, MQCACF_SUB_NAME, name);
	call(&b, rs);
	return rs->ok && rs->n == 1 && head(&rs->r[0]).CompCode == MQCC_OK;
}

static void create(const char *name, const char *topic, const char *dest, MQLONG want, const char *what)
{
	struct buf b;
	cfh(&b, MQCMD_CREATE_SUBSCRIPTION);
	cfst(&b, MQCACF_SUB_NAME, name);
	if (topic)
		cfst(&b, MQCA_TOPIC_STRING, topic);
	if (dest)
		cfst(&b, MQCACF_DESTINATION, dest);
	expect(&b, want, what);
}

static unsigned char subid_a[24];

static void define_inquire(void)
{
	struct buf b;
	struct replies rs;
	char text[16384], v[512];
	cfh(&b, MQCMD_CREATE_SUBSCRIPTION);
	cfst(&b, MQCACF_SUB_NAME, "PCFS.A");
	cfst(&b, MQCA_TOPIC_STRING, "pcfs/a");
	cfst(&b, MQCACF_DESTINATION, "PCFS.Q1");
	cfst(&b, MQCACF_SUB_USER_DATA, "user data");
	cfin(&b, MQIACF_PUB_PRIORITY, 5);
	cfin(&b, MQIACF_REQUEST_ONLY, MQRU_PUBLISH_ON_REQUEST);
	cfin(&b, MQIACF_PUBSUB_PROPERTIES, MQPSPROP_NONE);
	cfin(&b, MQIACF_SUB_LEVEL, 3);
	cfin(&b, MQIACF_EXPIRY, 5000);
	unsigned char corl[24];
	for (int i = 0; i < 24; i++)
		corl[i] = (unsigned char)(0xA0 + i);
	cfbs(&b, MQBACF_DESTINATION_CORREL_ID, corl, 24);
	expect(&b, 0, "CREATE_SUBSCRIPTION PCFS.A");
	mqsc("DISPLAY SUB(PCFS.A) ALL", text, sizeof text);
	CHECK(mqsc_val(text, "PUBPRTY", v, sizeof v) && !strcmp(v, "5"), "DISPLAY SUB shows PUBPRTY(%s)", v);
	CHECK(mqsc_val(text, "DESTCORL", v, sizeof v) && !strncmp(v, "A0A1A2", 6), "DISPLAY SUB shows DESTCORL(%s)", v);
	if (inquire_one("PCFS.A", &rs)) {
		compare(&rs.r[0], text, subattrs, "INQUIRE_SUBSCRIPTION");
		parm_str(&rs.r[0], MQCACF_SUB_NAME, v, sizeof v);
		CHECK(!strcmp(v, "PCFS.A"), "SubName %s", v);
		CHECK(parm_bytes(&rs.r[0], MQBACF_SUB_ID, subid_a, 24) == 24, "SubId is an MQCFBS of 24 bytes");
	} else {
		CHECK(0, "INQUIRE_SUBSCRIPTION PCFS.A: one reply");
	}
	create("PCFS.A", "pcfs/a", "PCFS.Q1", MQRCCF_SUB_ALREADY_EXISTS, "CREATE again: exists");
	cfh(&b, MQCMD_CREATE_SUBSCRIPTION);
	cfst(&b, MQCACF_SUB_NAME, "PCFS.A");
	cfst(&b, MQCA_TOPIC_STRING, "pcfs/a");
	cfst(&b, MQCACF_DESTINATION, "PCFS.Q1");
	cfin(&b, MQIACF_REPLACE, MQRP_YES);
	expect(&b, 0, "CREATE with Replace MQRP_YES");

	/* by SubId */
	cfh(&b, MQCMD_INQUIRE_SUBSCRIPTION);
	cfbs(&b, MQBACF_SUB_ID, subid_a, 24);
	call(&b, &rs);
	v[0] = 0;
	if (rs.ok && rs.n == 1)
		parm_str(&rs.r[0], MQCACF_SUB_NAME, v, sizeof v);
	CHECK(rs.ok && rs.n == 1 && !strcmp(v, "PCFS.A"), "INQUIRE_SUBSCRIPTION by SubId: %d replies, %s", rs.n, v);

	/* CHANGE */
	cfh(&b, MQCMD_CHANGE_SUBSCRIPTION);
	cfst(&b, MQCACF_SUB_NAME, "PCFS.A");
	cfst(&b, MQCACF_SUB_USER_DATA, "changed by PCF");
	cfin(&b, MQIACF_VARIABLE_USER_ID, MQVU_FIXED_USER);
	expect(&b, 0, "CHANGE_SUBSCRIPTION PCFS.A");
	mqsc("DISPLAY SUB(PCFS.A) ALL", text, sizeof text);
	CHECK(mqsc_val(text, "USERDATA", v, sizeof v) && !strcmp(v, "changed by PCF"), "USERDATA(%s) after CHANGE", v);
	if (inquire_one("PCFS.A", &rs))
		compare(&rs.r[0], text, subattrs, "after CHANGE");
	cfh(&b, MQCMD_CHANGE_SUBSCRIPTION);
	cfbs(&b, MQBACF_SUB_ID, subid_a, 24);
	cfin(&b, MQIACF_PUB_PRIORITY, MQPRI_PRIORITY_AS_Q_DEF);
	expect(&b, 0, "CHANGE_SUBSCRIPTION by SubId");
	mqsc("DISPLAY SUB(PCFS.A) PUBPRTY", text, sizeof text);
	CHECK(mqsc_val(text, "PUBPRTY", v, sizeof v) && !strcmp(v, "ASQDEF"), "PUBPRTY(%s) after CHANGE by SubId", v);

	/* COPY */
	cfh(&b, MQCMD_COPY_SUBSCRIPTION);
	cfst(&b, MQCACF_FROM_SUB_NAME, "PCFS.A");
	cfst(&b, MQCACF_TO_SUB_NAME, "PCFS.B");
	cfst(&b, MQCACF_DESTINATION, "PCFS.Q2");
	expect(&b, 0, "COPY_SUBSCRIPTION PCFS.A to PCFS.B");
	mqsc("DISPLAY SUB(PCFS.B) ALL", text, sizeof text);
	CHECK(mqsc_val(text, "TOPICSTR", v, sizeof v) && !strcmp(v, "pcfs/a"), "the copy's TOPICSTR(%s)", v);
	CHECK(mqsc_val(text, "DEST", v, sizeof v) && !strcmp(v, "PCFS.Q2"), "the copy's DEST(%s)", v);
	CHECK(mqsc_val(text, "USERDATA", v, sizeof v) && !strcmp(v, "changed by PCF"), "the copy's USERDATA(%s)", v);
	CHECK(mqsc_val(text, "VARUSER", v, sizeof v) && !strcmp(v, "FIXED"), "the copy's VARUSER(%s)", v);
	if (inquire_one("PCFS.B", &rs))
		compare(&rs.r[0], text, subattrs, "the copy");

	/* a copy of a subscription made on a topic object: the same whole topic string */
	cfh(&b, MQCMD_CREATE_SUBSCRIPTION);
	cfst(&b, MQCACF_SUB_NAME, "PCFS.T");
	cfst(&b, MQCA_TOPIC_NAME, "PCFS.TOBJ");
	cfst(&b, MQCA_TOPIC_STRING, "x");
	cfst(&b, MQCACF_DESTINATION, "PCFS.Q1");
	expect(&b, 0, "CREATE_SUBSCRIPTION PCFS.T on the topic object PCFS.TOBJ");
	cfh(&b, MQCMD_COPY_SUBSCRIPTION);
	cfst(&b, MQCACF_FROM_SUB_NAME, "PCFS.T");
	cfst(&b, MQCACF_TO_SUB_NAME, "PCFS.U");
	expect(&b, 0, "COPY_SUBSCRIPTION PCFS.T to PCFS.U");
	mqsc("DISPLAY SUB(PCFS.U) TOPICSTR", text, sizeof text);
	CHECK(mqsc_val(text, "TOPICSTR", v, sizeof v) && !strcmp(v, "pcfs/tobj/x"), "the copy's TOPICSTR(%s)", v);
	mqsc("DISPLAY SUB(PCFS.T) TOPICSTR", text, sizeof text);
	CHECK(mqsc_val(text, "TOPICSTR", v, sizeof v) && !strcmp(v, "pcfs/tobj/x"), "the source's TOPICSTR(%s)", v);
	for (int i = 0; i < 2; i++) {
		cfh(&b, MQCMD_DELETE_SUBSCRIPTION);
		cfst(&b, MQCACF_SUB_NAME, i ? "PCFS.U" : "PCFS.T");
		expect(&b, 0, "DELETE_SUBSCRIPTION of PCFS.T, PCFS.U");
	}

	/* generic, filters, attribute list */
	cfh(&b, MQCMD_INQUIRE_SUBSCRIPTION);
	cfst(&b, MQCACF_SUB_NAME, "PCFS.*");
	MQLONG sel[] = { MQCA_TOPIC_STRING };
	cfil(&b, MQIACF_SUB_ATTRS, 1, sel);
	call(&b, &rs);
	MQLONG t;
	int lean = rs.n == 2;
	for (int i = 0; i < rs.n; i++)
		lean &= find_parm(&rs.r[i], MQCA_TOPIC_STRING, &t) && find_parm(&rs.r[i], MQBACF_SUB_ID, &t) &&
			!find_parm(&rs.r[i], MQCACF_DESTINATION, &t);
	CHECK(rs.ok && lean, "INQUIRE PCFS.* with SubAttrs TopicString: %d replies, name, id, topic only", rs.n);
	cfh(&b, MQCMD_INQUIRE_SUBSCRIPTION);
	cfst(&b, MQCACF_SUB_NAME, "PCFS.*");
	cfin(&b, MQIACF_SUB_TYPE, MQSUBTYPE_API);
	expect(&b, MQRC_NO_SUBSCRIPTION, "SubType API: none");
	cfh(&b, MQCMD_INQUIRE_SUBSCRIPTION);
	cfst(&b, MQCACF_SUB_NAME, "PCFS.*");
	cfin(&b, MQIACF_SUB_TYPE, MQSUBTYPE_ADMIN);
	cfin(&b, MQIACF_DURABLE_SUBSCRIPTION, MQSUB_DURABLE_YES);
	call(&b, &rs);
	CHECK(rs.ok && rs.n == 2, "SubType ADMIN, Durable YES: %d replies", rs.n);
	cfh(&b, MQCMD_INQUIRE_SUBSCRIPTION);
	cfst(&b, MQCACF_SUB_NAME, "PCFS.*");
	cfin(&b, MQIACF_DURABLE_SUBSCRIPTION, MQSUB_DURABLE_NO);
	expect(&b, MQRC_NO_SUBSCRIPTION, "Durable NO: none");
}

static void status(void)
{
	struct buf b;
	struct replies rs;
	char text[16384];
	/* a publisher holds pcfs/a open: TPSTATUS TYPE(PUB) */
	MQOD od = { MQOD_DEFAULT };
	MQHOBJ ht;
	MQLONG cc, rc;
	od.Version = MQOD_VERSION_4;
	od.ObjectType = MQOT_TOPIC;
	od.ObjectString.VSPtr = "pcfs/a";
	od.ObjectString.VSLength = MQVS_NULL_TERMINATED;
	MQOPEN(hc, &od, MQOO_OUTPUT, &ht, &cc, &rc);
	CHECK(cc == MQCC_OK, "MQOPEN of the topic pcfs/a: %d", (int)rc);
	mqt_put(hc, ht, "one", MQPMO_NO_SYNCPOINT, MQPER_NOT_PERSISTENT, NULL);

	cfh(&b, MQCMD_INQUIRE_SUB_STATUS);
	cfst(&b, MQCACF_SUB_NAME, "PCFS.A");
	call(&b, &rs);
	mqsc("DISPLAY SBSTATUS(PCFS.A)", text, sizeof text);
	CHECK(rs.ok && rs.n == 1, "INQUIRE_SUB_STATUS PCFS.A: %d replies", rs.n);
	if (rs.n == 1)
		compare(&rs.r[0], text, sbsattrs, "INQUIRE_SUB_STATUS");

	cfh(&b, MQCMD_INQUIRE_TOPIC_STATUS);
	cfst(&b, MQCA_TOPIC_STRING, "pcfs/a");
	cfin(&b, MQIACF_TOPIC_STATUS_TYPE, MQIACF_TOPIC_SUB);
	call(&b, &rs);
	CHECK(rs.ok && rs.n == 2 && head(&rs.r[1]).CompCode == MQCC_OK, "TOPIC_STATUS SUB of pcfs/a: %d replies", rs.n);
	mqsc("DISPLAY TPSTATUS('pcfs/a') TYPE(SUB) ALL", text, sizeof text);
	if (rs.n >= 1)
		compare(&rs.r[0], text, sbsattrs, "TOPIC_STATUS SUB");

	cfh(&b, MQCMD_INQUIRE_TOPIC_STATUS);
	cfst(&b, MQCA_TOPIC_STRING, "pcfs/a");
	cfin(&b, MQIACF_TOPIC_STATUS_TYPE, MQIACF_TOPIC_PUB);
	call(&b, &rs);
	CHECK(rs.ok && rs.n == 1 && head(&rs.r[0]).CompCode == MQCC_OK, "TOPIC_STATUS PUB of pcfs/a: %d replies", rs.n);
	mqsc("DISPLAY TPSTATUS('pcfs/a') TYPE(PUB) ALL", text, sizeof text);
	if (rs.n == 1)
		compare(&rs.r[0], text, pubattrs, "TOPIC_STATUS PUB");
	MQCLOSE(hc, &ht, MQCO_NONE, &cc, &rc);
	cfh(&b, MQCMD_INQUIRE_TOPIC_STATUS);
	cfst(&b, MQCA_TOPIC_STRING, "pcfs/nothing");
	cfin(&b, MQIACF_TOPIC_STATUS_TYPE, MQIACF_TOPIC_PUB);
	expect(&b, MQRCCF_TOPIC_STRING_NOT_FOUND, "TOPIC_STATUS PUB of a string nobody publishes on");
}

static void refusals(void)
{
	struct buf b;
	create("PCFS.C", "pcfs/c", "NO.SUCH.Q", MQRCCF_DEST_NAME_ERROR, "CREATE with a Destination that is no queue");
	create("PCFS.C", "pcfs/nodur", "PCFS.Q1", MQRCCF_DURABILITY_NOT_ALLOWED, "CREATE on a DURSUB(NO) topic");
	create("PCFS.C", NULL, "PCFS.Q1", MQRCCF_PARM_COUNT_TOO_SMALL, "CREATE without a topic");
	cfh(&b, MQCMD_CREATE_SUBSCRIPTION);
	cfst(&b, MQCACF_SUB_NAME, "PCFS.C");
	cfst(&b, MQCA_TOPIC_NAME, "NO.SUCH.TOPIC");
	cfst(&b, MQCACF_DESTINATION, "PCFS.Q1");
	expect(&b, MQRC_UNKNOWN_OBJECT_NAME, "CREATE with an unknown TopicObject");
	cfh(&b, MQCMD_CREATE_SUBSCRIPTION);
	cfst(&b, MQCACF_SUB_NAME, "PCFS.C");
	cfst(&b, MQCA_TOPIC_STRING, "pcfs/c");
	cfin(&b, MQIACF_DESTINATION_CLASS, 99);
	expect(&b, MQRCCF_ATTR_VALUE_ERROR, "DestinationClass 99");
	cfh(&b, MQCMD_CREATE_SUBSCRIPTION);
	cfst(&b, MQCACF_SUB_NAME, "PCFS.C");
	cfin(&b, MQCA_TOPIC_STRING, 1);
	expect(&b, MQRCCF_CFIN_PARM_ID_ERROR, "TopicString as an MQCFIN");
	cfh(&b, MQCMD_CHANGE_SUBSCRIPTION);
	cfst(&b, MQCACF_SUB_NAME, "PCFS.A");
	cfin(&b, MQIACF_SUB_TYPE, MQSUBTYPE_API);
	expect(&b, MQRCCF_CFIN_PARM_ID_ERROR, "CHANGE of SubType (read only)");
	cfh(&b, MQCMD_CHANGE_SUBSCRIPTION);
	cfst(&b, MQCACF_SUB_NAME, "PCFS.NONE");
	cfst(&b, MQCACF_SUB_USER_DATA, "x");
	expect(&b, MQRC_NO_SUBSCRIPTION, "CHANGE of an unknown subscription");
	cfh(&b, MQCMD_DELETE_SUBSCRIPTION);
	cfst(&b, MQCACF_SUB_NAME, "PCFS.NONE");
	expect(&b, MQRC_NO_SUBSCRIPTION, "DELETE of an unknown subscription");
	cfh(&b, MQCMD_DELETE_SUBSCRIPTION);
	expect(&b, MQRCCF_PARM_COUNT_TOO_SMALL, "DELETE without SubName or SubId");
	unsigned char id[24];
	memset(id, 0x5A, sizeof id);
	cfh(&b, MQCMD_DELETE_SUBSCRIPTION);
	cfbs(&b, MQBACF_SUB_ID, id, 24);
	expect(&b, MQRCCF_SUB_IDENTITY_ERROR, "DELETE by a SubId nobody has");
	cfh(&b, MQCMD_INQUIRE_SUBSCRIPTION);
	cfbs(&b, MQBACF_SUB_ID, id, 12);
	expect(&b, MQRCCF_SUB_IDENTITY_ERROR, "a SubId of 12 bytes");
	cfh(&b, MQCMD_INQUIRE_SUBSCRIPTION);
	cfst(&b, MQCACF_SUB_NAME, "PCFS.*");
	cfin(&b, MQIACF_SUB_TYPE, 77);
	expect(&b, MQRCCF_PARM_VALUE_ERROR, "SubType 77");
	cfh(&b, MQCMD_INQUIRE_SUBSCRIPTION);
	cfst(&b, MQCACF_SUB_NAME, "PCFS.NONE*");
	expect(&b, MQRC_NO_SUBSCRIPTION, "INQUIRE of a name nothing matches");
	cfh(&b, MQCMD_COPY_SUBSCRIPTION);
	cfst(&b, MQCACF_FROM_SUB_NAME, "PCFS.NONE");
	cfst(&b, MQCACF_TO_SUB_NAME, "PCFS.D");
	expect(&b, MQRC_NO_SUBSCRIPTION, "COPY from an unknown subscription");
	cfh(&b, MQCMD_COPY_SUBSCRIPTION);
	cfst(&b, MQCACF_FROM_SUB_NAME, "PCFS.A");
	cfst(&b, MQCACF_TO_SUB_NAME, "PCFS.B");
	expect(&b, MQRCCF_SUB_ALREADY_EXISTS, "COPY onto an existing subscription");

	/* in use: an application has PCFS.A resumed */
	MQSD sd = { MQSD_DEFAULT };
	MQHOBJ hq = MQHO_NONE, hs = MQHO_NONE;
	MQLONG cc, rc;
	sd.Options = MQSO_RESUME | MQSO_DURABLE;
	sd.SubName.VSPtr = "PCFS.A";
	sd.SubName.VSLength = MQVS_NULL_TERMINATED;
	mqt_open(hc, "PCFS.Q1", MQOO_INPUT_AS_Q_DEF, &hq);
	MQSUB(hc, &sd, &hq, &hs, &cc, &rc);
	CHECK(cc == MQCC_OK, "MQSUB resumes PCFS.A: %d", (int)rc);
	cfh(&b, MQCMD_DELETE_SUBSCRIPTION);
	cfst(&b, MQCACF_SUB_NAME, "PCFS.A");
	expect(&b, MQRC_SUBSCRIPTION_IN_USE, "DELETE of a subscription an application has open");
	MQCLOSE(hc, &hs, MQCO_KEEP_SUB, &cc, &rc);
	MQCLOSE(hc, &hq, MQCO_NONE, &cc, &rc);
}

static void deletes(void)
{
	struct buf b;
	struct replies rs;
	unsigned char idb[24];
	char text[4096];
	if (inquire_one("PCFS.B", &rs) && parm_bytes(&rs.r[0], MQBACF_SUB_ID, idb, 24) == 24) {
		cfh(&b, MQCMD_DELETE_SUBSCRIPTION);
		cfbs(&b, MQBACF_SUB_ID, idb, 24);
		expect(&b, 0, "DELETE_SUBSCRIPTION PCFS.B by SubId");
	} else {
		CHECK(0, "PCFS.B's SubId");
	}
	cfh(&b, MQCMD_DELETE_SUBSCRIPTION);
	cfst(&b, MQCACF_SUB_NAME, "PCFS.A");
	expect(&b, 0, "DELETE_SUBSCRIPTION PCFS.A");
	mqsc("DISPLAY SUB(PCFS.A)", text, sizeof text);
	CHECK(strstr(text, "AMQ8147E") != NULL, "DISPLAY SUB(PCFS.A) finds none: %.60s", text);
	cfh(&b, MQCMD_INQUIRE_SUBSCRIPTION);
	cfst(&b, MQCACF_SUB_NAME, "PCFS.A");
	expect(&b, MQRC_NO_SUBSCRIPTION, "INQUIRE after DELETE");
}

static void damaged(void)
{
	struct buf good[6], b;
	struct replies rs;
	MQLONG sel[] = { MQCA_TOPIC_STRING, MQIACF_SUB_TYPE };
	cfh(&good[0], MQCMD_INQUIRE_SUBSCRIPTION);
	cfst(&good[0], MQCACF_SUB_NAME, "PCFS.*");
	cfil(&good[0], MQIACF_SUB_ATTRS, 2, sel);
	cfh(&good[1], MQCMD_CREATE_SUBSCRIPTION);
	cfst(&good[1], MQCACF_SUB_NAME, "PCFS.DMG");
	cfst(&good[1], MQCA_TOPIC_STRING, "pcfs/dmg");
	cfst(&good[1], MQCACF_DESTINATION, "PCFS.Q1");
	cfin(&good[1], MQIACF_PUB_PRIORITY, 4);
	cfh(&good[2], MQCMD_CHANGE_SUBSCRIPTION);
	cfst(&good[2], MQCACF_SUB_NAME, "PCFS.DMG");
	cfst(&good[2], MQCACF_SUB_USER_DATA, "x");
	cfh(&good[3], MQCMD_INQUIRE_SUB_STATUS);
	cfbs(&good[3], MQBACF_SUB_ID, subid_a, 24);
	cfh(&good[4], MQCMD_INQUIRE_TOPIC_STATUS);
	cfst(&good[4], MQCA_TOPIC_STRING, "pcfs/dmg");
	cfin(&good[4], MQIACF_TOPIC_STATUS_TYPE, MQIACF_TOPIC_SUB);
	cfh(&good[5], MQCMD_COPY_SUBSCRIPTION);
	cfst(&good[5], MQCACF_FROM_SUB_NAME, "PCFS.DMG");
	cfst(&good[5], MQCACF_TO_SUB_NAME, "PCFS.DMG2");
	unsigned seed = 4242;
	int answered = 0, n = 180;
	for (int i = 0; i < n; i++) {
		b = good[i % 6];
		int flips = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 4;
		for (int f = 0; f < flips; f++) {
			seed = seed * 1103515245u + 12345u;
			size_t at = 36 + (seed >> 8) % (b.n - 36);
			seed = seed * 1103515245u + 12345u;
			b.b[at] = (unsigned char)(seed >> 16);
		}
		call(&b, &rs);
		answered += rs.ok;
	}
	CHECK(answered == n, "%d of %d damaged subscription requests answered", answered, n);
	cfh(&b, MQCMD_INQUIRE_SUBSCRIPTION);
	call(&b, &rs);
	CHECK(rs.ok, "the command server answers still (%d replies)", rs.n);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: mqi_pcfsub QMGR\n");
		return 2;
	}
	if (pcft_open(argv[1]))
		return 2;
	define_inquire();
	status();
	refusals();
	damaged();
	deletes();
	return pcft_close();
}
