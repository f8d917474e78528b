/*
 * mqi_pubsub.c: publish/subscribe through the MQI (issue 14), a publisher and
 * several subscribers on one queue manager (run by
 * tests/integration/t7200-pubsub.sh, which defines the objects):
 *   mqi_pubsub QM main     every check of the non-durable data path
 *   mqi_pubsub QM pput     a persistent publication to the subscription on PQ
 *                          (then the script restarts the queue manager)
 *   mqi_pubsub QM pget     the copy is on PQ after the restart, the
 *                          subscription is not
 *   mqi_pubsub QM dcreate  durable subscriptions (a managed DUR.M on news/#, an
 *                          unmanaged DUR.U on news/uk to DQ), their errors, a
 *                          first set of persistent publications, closed keeping them
 *   mqi_pubsub QM daway    (after a restart) a second set while their subscribers
 *                          are away, and a nonpersistent one
 *   mqi_pubsub QM dresume  (after kill -9) both resumed: every persistent
 *                          publication waiting, in order, bodies and properties
 *                          checked; ALTER; removed
 *   mqi_pubsub QM dgone    (after a restart) they stay removed
 *   mqi_pubsub QM rput     retained publications: replaced, under syncpoint,
 *                          delivered at MQSUB (MQIsRetained), NEW_PUBLICATIONS_ONLY,
 *                          PUBLICATIONS_ON_REQUEST and MQSUBRQ, their errors
 *   mqi_pubsub QM rget     (after kill -9) only the persistent one is retained
 *   mqi_pubsub QM pub TOPIC BODY [SECONDS]   publish one persistent message,
 *                          then keep the topic open SECONDS (a publisher MQSC sees)
 *   mqi_pubsub QM resume NAME SECONDS        resume a durable subscription,
 *                          hold it SECONDS, print what waits on its queue, keep it
 */
#include "mqt.h"

#include <cmqc.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

static MQHCONN hc;

static void charv(MQCHARV *v, const char *s)
{
	v->VSPtr = (MQPTR)s;
	v->VSOffset = 0;
	v->VSLength = (MQLONG)strlen(s);
	v->VSCCSID = MQCCSI_APPL;
}

static MQLONG topen(const char *obj, const char *str, MQLONG opts, MQHOBJ *h, char *res, size_t rlen, MQLONG *rtype)
{
	MQOD od = { MQOD_DEFAULT };
	MQLONG cc, rc;
	od.Version = MQOD_VERSION_4;
	od.ObjectType = MQOT_TOPIC;
	mqt_name(od.ObjectName, sizeof od.ObjectName, obj);
	if (str)
		charv(&od.ObjectString, str);
	if (res) {
		memset(res, 0, rlen);
		od.ResObjectString.VSPtr = res;
		od.ResObjectString.VSBufSize = (MQLONG)rlen - 1;
	}
	MQOPEN(hc, &od, opts, h, &cc, &rc);
	if (rtype)
		*rtype = od.ResolvedType;
	return rc;
}

/* MQSUB: sd prepared by the caller; returns the reason. */
static MQLONG sub(MQSD *sd, MQHOBJ *hq, MQHOBJ *hs)
{
	MQLONG cc, rc;
	MQSUB(hc, sd, hq, hs, &cc, &rc);
	return rc;
}

static MQLONG pub(MQHOBJ h, const char *body, MQLONG pmo_opts, MQLONG persistence, MQLONG *cc)
{
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	MQLONG rc;
	memcpy(md.Format, MQFMT_STRING, MQ_FORMAT_LENGTH);
	md.Persistence = persistence;
	pmo.Options = pmo_opts;
	MQPUT(hc, h, &md, &pmo, (MQLONG)strlen(body), (void *)body, cc, &rc);
	return rc;
}

/* Get one message from h (no wait) with a message handle; its body into
 * buf, its MQMD into md; the property name's string value into prop (or
 * "" when absent). */
static MQLONG get(MQHOBJ h, MQMD *md, char *buf, size_t blen, const char *pname, char *prop, size_t plen,
		  const char *pname2, char *prop2)
{
	MQHMSG hm = MQHM_UNUSABLE_HMSG;
	MQCMHO cmho = { MQCMHO_DEFAULT };
	MQLONG cc, rc, dl = 0;
	MQCRTMH(hc, &cmho, &hm, &cc, &rc);
	MQMD d = { MQMD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	gmo.Version = MQGMO_VERSION_4;
	gmo.Options = MQGMO_NO_WAIT | MQGMO_PROPERTIES_IN_HANDLE;
	gmo.MsgHandle = hm;
	memset(buf, 0, blen);
	MQGET(hc, h, &d, &gmo, (MQLONG)blen - 1, buf, &dl, &cc, &rc);
	if (md)
		*md = d;
	const char *names[2] = { pname, pname2 };
	char *outs[2] = { prop, prop2 };
	for (int i = 0; i < 2; i++) {
		if (!names[i])
			continue;
		MQIMPO impo = { MQIMPO_DEFAULT };
		MQPD pd = { MQPD_DEFAULT };
		MQCHARV nm = { MQCHARV_DEFAULT };
		MQLONG type = 0, vl = 0, c2, r2;
		charv(&nm, names[i]);
		memset(outs[i], 0, plen);
		MQINQMP(hc, hm, &impo, &nm, &pd, &type, (MQLONG)plen - 1, outs[i], &vl, &c2, &r2);
		if (c2 != MQCC_OK)
			outs[i][0] = 0;
	}
	MQDMHO dmho = { MQDMHO_DEFAULT };
	MQDLTMH(hc, &hm, &dmho, &cc, &dl);
	return rc;
}

static void sd_init(MQSD *sd, const char *obj, const char *str, MQLONG opts)
{
	MQSD d = { MQSD_DEFAULT };
	*sd = d;
	sd->Options = opts;
	if (obj)
		mqt_name(sd->ObjectName, sizeof sd->ObjectName, obj);
	if (str)
		charv(&sd->ObjectString, str);
}

static int run_main(void)
{
	MQLONG cc, rc, rt;
	MQHOBJ ht = MQHO_UNUSABLE_HOBJ, h2, hx;
	char res[256];

	/* ---- MQOPEN of topics ---- */
	rc = topen("", "sports/football", MQOO_OUTPUT, &ht, res, sizeof res, &rt);
	EXPECT(rc ? MQCC_FAILED : MQCC_OK, rc, MQCC_OK, MQRC_NONE, "MQOPEN topic string");
	CHECK(strcmp(res, "sports/football") == 0, "ResObjectString '%s'", res);
	CHECK(rt == MQOT_TOPIC, "ResolvedType %d", (int)rt);
	rc = topen("SPORTS", "football", MQOO_OUTPUT, &h2, res, sizeof res, NULL);
	EXPECT(rc ? 2 : 0, rc, 0, 0, "MQOPEN topic object + string");
	CHECK(strcmp(res, "sports/football") == 0, "object and string joined by '/': '%s'", res);
	MQCLOSE(hc, &h2, MQCO_NONE, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQCLOSE topic handle");
	rc = topen("SPORTS", NULL, MQOO_OUTPUT, &h2, res, 8, NULL);
	EXPECT(rc ? 2 : 0, rc, 0, 0, "MQOPEN topic object alone, short ResObjectString buffer");
	CHECK(memcmp(res, "sports", 6) == 0, "object's TOPICSTR alone");
	MQCLOSE(hc, &h2, MQCO_NONE, &cc, &rc);
	EXPECT(topen("NOSUCH", "x", MQOO_OUTPUT, &hx, NULL, 0, NULL), 0, MQRC_UNKNOWN_OBJECT_NAME, 0,
	       "unknown topic object 2085");
	EXPECT(topen("", NULL, MQOO_OUTPUT, &hx, NULL, 0, NULL), 0, MQRC_UNKNOWN_OBJECT_NAME, 0,
	       "neither name nor string 2085");
	EXPECT(topen("SYSTEM.BASE.TOPIC", NULL, MQOO_OUTPUT, &hx, NULL, 0, NULL), 0, MQRC_TOPIC_STRING_ERROR, 0,
	       "an object with an empty TOPICSTR alone 2425");
	EXPECT(topen("", "a/b", MQOO_INPUT_AS_Q_DEF, &hx, NULL, 0, NULL), 0, MQRC_OPTION_NOT_VALID_FOR_TYPE, 0,
	       "topic for input 2045");
	EXPECT(topen("", "a/b", MQOO_OUTPUT | MQOO_INQUIRE, &hx, NULL, 0, NULL), 0, MQRC_OPTION_NOT_VALID_FOR_TYPE, 0,
	       "topic for inquire 2045");
	{
		MQOD od = { MQOD_DEFAULT };
		od.Version = MQOD_VERSION_4;
		od.ObjectType = MQOT_TOPIC;
		od.ObjectString.VSLength = -2;
		MQOPEN(hc, &od, MQOO_OUTPUT, &hx, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_OBJECT_STRING_ERROR, "VSLength -2: 2441");
		od.ObjectString.VSLength = 3;
		MQOPEN(hc, &od, MQOO_OUTPUT, &hx, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_OBJECT_STRING_ERROR, "a length with no pointer or offset: 2441");
		/* VSOffset form, and the CCSID */
		struct {
			MQOD od;
			char s[16];
		} b;
		MQOD d0 = { MQOD_DEFAULT };
		b.od = d0;
		b.od.Version = MQOD_VERSION_4;
		b.od.ObjectType = MQOT_TOPIC;
		strcpy(b.s, "sports/golf");
		b.od.ObjectString.VSOffset = (MQLONG)offsetof(__typeof__(b), s);
		b.od.ObjectString.VSLength = MQVS_NULL_TERMINATED;
		b.od.ObjectString.VSCCSID = 819;
		MQOPEN(hc, &b.od, MQOO_OUTPUT, &hx, &cc, &rc);
		EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "ObjectString by VSOffset, null-terminated, CCSID 819");
		MQCLOSE(hc, &hx, MQCO_NONE, &cc, &rc);
		b.od.ObjectString.VSCCSID = 500;
		MQOPEN(hc, &b.od, MQOO_OUTPUT, &hx, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_TOPIC_STRING_ERROR, "an EBCDIC VSCCSID: 2425");
	}

	/* ---- subscriptions ---- */
	MQSD sd;
	MQHOBJ qa = MQHO_NONE, sa, qb, sb, qc = MQHO_NONE, sc, sx;
	sd_init(&sd, NULL, "sports/#", MQSO_CREATE | MQSO_MANAGED | MQSO_NON_DURABLE);
	charv(&sd.SubUserData, "user data A");
	char ra[64];
	memset(ra, 0, sizeof ra);
	sd.ResObjectString.VSPtr = ra;
	sd.ResObjectString.VSBufSize = sizeof ra - 1;
	rc = sub(&sd, &qa, &sa);
	EXPECT(rc ? 2 : 0, rc, 0, 0, "MQSUB managed sports/#");
	CHECK(strcmp(ra, "sports/#") == 0, "MQSD ResObjectString '%s'", ra);
	MQBYTE24 corr_a;
	memcpy(corr_a, sd.SubCorrelId, sizeof corr_a);
	CHECK(memcmp(corr_a, MQCI_NONE, 24) != 0, "a SubCorrelId was made");
	CHECK(qa != MQHO_NONE && qa != sa, "managed Hobj %d, Hsub %d", (int)qa, (int)sa);

	rc = mqt_open(hc, "SUBQ", MQOO_INPUT_AS_Q_DEF, &qb);
	EXPECT(rc ? 2 : 0, rc, 0, 0, "open SUBQ for input");
	sd_init(&sd, "SPORTS", "+", MQSO_CREATE | MQSO_SET_CORREL_ID);
	memcpy(sd.SubCorrelId, "CORRELID-OF-SUB-B-------", 24);
	rc = sub(&sd, &qb, &sb);
	EXPECT(rc ? 2 : 0, rc, 0, 0, "MQSUB unmanaged SPORTS + '+' on SUBQ, SET_CORREL_ID");

	sd_init(&sd, NULL, "sports/f*", MQSO_CREATE | MQSO_MANAGED | MQSO_WILDCARD_CHAR);
	charv(&sd.SubName, "SUB.C");
	rc = sub(&sd, &qc, &sc);
	EXPECT(rc ? 2 : 0, rc, 0, 0, "MQSUB character wildcard sports/f*, named");

	/* MQSUB errors */
	sd_init(&sd, NULL, "x", MQSO_CREATE | MQSO_MANAGED);
	memcpy(sd.StrucId, "SX  ", 4);
	EXPECT(sub(&sd, &hx, &sx), 0, MQRC_SD_ERROR, 0, "MQSD StrucId: 2424");
	sd_init(&sd, NULL, "x", MQSO_MANAGED);
	EXPECT(sub(&sd, &hx, &sx), 0, MQRC_OPTIONS_ERROR, 0, "no CREATE/RESUME/ALTER: 2046");
	sd_init(&sd, NULL, "x", MQSO_CREATE | MQSO_MANAGED | MQSO_WILDCARD_CHAR | MQSO_WILDCARD_TOPIC);
	EXPECT(sub(&sd, &hx, &sx), 0, MQRC_OPTIONS_ERROR, 0, "both wildcard schemes: 2046");
	hx = MQHO_NONE;
	sd_init(&sd, NULL, "x", MQSO_CREATE);
	EXPECT(sub(&sd, &hx, &sx), 0, MQRC_HOBJ_ERROR, 0, "unmanaged with MQHO_NONE: 2019");
	{
		MQHOBJ ho;
		mqt_open(hc, "SUBQ", MQOO_OUTPUT, &ho);
		sd_init(&sd, NULL, "x", MQSO_CREATE);
		EXPECT(sub(&sd, &ho, &sx), 0, MQRC_HOBJ_ERROR, 0, "unmanaged on an output-only handle: 2019");
		MQCLOSE(hc, &ho, MQCO_NONE, &cc, &rc);
	}
	sd_init(&sd, NULL, "x", MQSO_CREATE | MQSO_MANAGED | MQSO_DURABLE);
	EXPECT(sub(&sd, &hx, &sx), 0, MQRC_SUB_NAME_ERROR, 0, "durable without a SubName: 2440");
	sd_init(&sd, NULL, "x", MQSO_CREATE | MQSO_MANAGED);
	charv(&sd.SelectionString, "a = = 1");
	EXPECT(sub(&sd, &hx, &sx), 0, MQRC_SELECTION_NOT_AVAILABLE, 0, "a selection string with a syntax fault: 2551 (mqi_pssel has the rest)");
	sd_init(&sd, NULL, "x", MQSO_CREATE | MQSO_MANAGED);
	charv(&sd.SubName, "SUB.C");
	EXPECT(sub(&sd, &hx, &sx), 0, MQRC_SUB_ALREADY_EXISTS, 0, "a SubName in use: 2432");
	sd_init(&sd, NULL, "x", MQSO_RESUME);
	charv(&sd.SubName, "SUB.C");
	EXPECT(sub(&sd, &hx, &sx), 0, MQRC_SUBSCRIPTION_IN_USE, 0, "RESUME of a non-durable one held: 2429");
	sd_init(&sd, NULL, "x", MQSO_RESUME);
	charv(&sd.SubName, "NO.SUCH");
	EXPECT(sub(&sd, &hx, &sx), 0, MQRC_NO_SUBSCRIPTION, 0, "RESUME of no such name: 2428");
	sd_init(&sd, NULL, "a%b", MQSO_CREATE | MQSO_MANAGED | MQSO_WILDCARD_CHAR);
	EXPECT(sub(&sd, &hx, &sx), 0, MQRC_TOPIC_STRING_ERROR, 0, "'%%' before 'b': 2425");
	sd_init(&sd, "NOSUCH", NULL, MQSO_CREATE | MQSO_MANAGED);
	EXPECT(sub(&sd, &hx, &sx), 0, MQRC_UNKNOWN_OBJECT_NAME, 0, "MQSUB unknown topic object: 2085");
	sd_init(&sd, NULL, "locked/sub", MQSO_CREATE | MQSO_MANAGED);
	EXPECT(sub(&sd, &hx, &sx), 0, MQRC_SUB_INHIBITED, 0, "SUB(DISABLED): 2503");
	sd_init(&sd, NULL, "x", MQSO_CREATE | MQSO_MANAGED);
	sd.PubPriority = 12;
	EXPECT(sub(&sd, &hx, &sx), 0, MQRC_PRIORITY_ERROR, 0, "PubPriority 12: 2050");
	sd_init(&sd, NULL, "x", MQSO_CREATE | MQSO_MANAGED);
	sd.SubName.VSLength = 4;   /* no pointer, no offset */
	EXPECT(sub(&sd, &hx, &sx), 0, MQRC_SUB_NAME_ERROR, 0, "SubName malformed: 2440");
	sd_init(&sd, NULL, "x", MQSO_CREATE | MQSO_MANAGED);
	sd.SubUserData.VSLength = -5;
	EXPECT(sub(&sd, &hx, &sx), 0, MQRC_SUB_USER_DATA_ERROR, 0, "SubUserData malformed: 2431");

	/* ---- publications ---- */
	char body[256], p1[256], p2[256];
	MQMD md;
	rc = pub(ht, "goal", MQPMO_NO_SYNCPOINT, MQPER_PERSISTENCE_AS_TOPIC_DEF, &cc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "publish sports/football");
	rc = get(qa, &md, body, sizeof body, "MQTopicString", p1, sizeof p1, "MQSubUserData", p2);
	EXPECT(rc ? 2 : 0, rc, 0, 0, "A (sports/#) has a copy");
	CHECK(strcmp(body, "goal") == 0, "A's body '%s'", body);
	CHECK(strcmp(p1, "sports/football") == 0, "A's MQTopicString '%s'", p1);
	CHECK(strcmp(p2, "user data A") == 0, "A's MQSubUserData '%s'", p2);
	CHECK(memcmp(md.CorrelId, corr_a, 24) == 0, "A's CorrelId is its SubCorrelId");
	CHECK(md.Persistence == MQPER_NOT_PERSISTENT, "AS_TOPIC_DEF: DEFPSIST(NO) of SYSTEM.BASE.TOPIC");
	CHECK(memcmp(md.Format, MQFMT_STRING, 8) == 0, "A's Format is the publisher's");
	rc = get(qb, &md, body, sizeof body, "mqps.Top", p1, sizeof p1, "MQSubUserData", p2);
	EXPECT(rc ? 2 : 0, rc, 0, 0, "B (SPORTS + '+') has a copy");
	CHECK(strcmp(p1, "sports/football") == 0 && p2[0] == 0, "B: mqps.Top '%s', no MQSubUserData", p1);
	CHECK(memcmp(md.CorrelId, "CORRELID-OF-SUB-B-------", 24) == 0, "B's CorrelId is the one it set");
	rc = get(qc, &md, body, sizeof body, NULL, NULL, 0, NULL, NULL);
	EXPECT(rc ? 2 : 0, rc, 0, 0, "C (sports/f*) has a copy");
	rc = get(qa, &md, body, sizeof body, NULL, NULL, 0, NULL, NULL);
	EXPECT(rc ? 2 : 0, rc, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE, "one copy each");
	{
		/* without a message handle (PROPCTL COMPAT) the body alone */
		MQMD d = { MQMD_DEFAULT };
		MQGMO gmo = { MQGMO_DEFAULT };
		MQLONG dl;
		pub(ht, "again", 0, MQPER_NOT_PERSISTENT, &cc);
		gmo.Options = MQGMO_NO_WAIT;
		memset(body, 0, sizeof body);
		MQGET(hc, qb, &d, &gmo, sizeof body - 1, body, &dl, &cc, &rc);
		EXPECT(cc, rc, MQCC_OK, 0, "get without a message handle");
		CHECK(strcmp(body, "again") == 0 && memcmp(d.Format, MQFMT_STRING, 8) == 0,
		      "the body alone, Format MQSTR ('%s')", body);
		get(qa, NULL, body, sizeof body, NULL, NULL, 0, NULL, NULL);
		get(qc, NULL, body, sizeof body, NULL, NULL, 0, NULL, NULL);
	}
	MQHOBJ ht2;
	topen("", "sports/tennis/final", MQOO_OUTPUT, &ht2, NULL, 0, NULL);
	rc = pub(ht2, "ace", 0, MQPER_NOT_PERSISTENT, &cc);
	EXPECT(cc, rc, MQCC_OK, 0, "publish sports/tennis/final");
	EXPECT(get(qa, NULL, body, sizeof body, "MQTopicString", p1, sizeof p1, NULL, NULL), 0, 0, 0, "A: '#' spans levels");
	CHECK(strcmp(p1, "sports/tennis/final") == 0, "its topic '%s'", p1);
	EXPECT(get(qb, NULL, body, sizeof body, NULL, NULL, 0, NULL, NULL), 0, MQRC_NO_MSG_AVAILABLE, 0, "B: '+' is one level");
	EXPECT(get(qc, NULL, body, sizeof body, NULL, NULL, 0, NULL, NULL), 0, MQRC_NO_MSG_AVAILABLE, 0, "C: f* does not match");

	/* under syncpoint: all or none */
	rc = pub(ht, "in uow", MQPMO_SYNCPOINT, MQPER_NOT_PERSISTENT, &cc);
	EXPECT(cc, rc, MQCC_OK, 0, "publish under syncpoint");
	EXPECT(get(qa, NULL, body, sizeof body, NULL, NULL, 0, NULL, NULL), 0, MQRC_NO_MSG_AVAILABLE, 0, "not visible before commit");
	MQBACK(hc, &cc, &rc);
	EXPECT(cc, rc, 0, 0, "MQBACK");
	EXPECT(get(qa, NULL, body, sizeof body, NULL, NULL, 0, NULL, NULL), 0, MQRC_NO_MSG_AVAILABLE, 0, "A: none after MQBACK");
	EXPECT(get(qb, NULL, body, sizeof body, NULL, NULL, 0, NULL, NULL), 0, MQRC_NO_MSG_AVAILABLE, 0, "B: none after MQBACK");
	EXPECT(get(qc, NULL, body, sizeof body, NULL, NULL, 0, NULL, NULL), 0, MQRC_NO_MSG_AVAILABLE, 0, "C: none after MQBACK");
	pub(ht, "committed", MQPMO_SYNCPOINT, MQPER_PERSISTENT, &cc);
	MQCMIT(hc, &cc, &rc);
	EXPECT(cc, rc, 0, 0, "MQCMIT");
	EXPECT(get(qa, &md, body, sizeof body, NULL, NULL, 0, NULL, NULL), 0, 0, 0, "A after MQCMIT");
	CHECK(strcmp(body, "committed") == 0 && md.Persistence == MQPER_PERSISTENT, "A: '%s' persistent", body);
	EXPECT(get(qb, NULL, body, sizeof body, NULL, NULL, 0, NULL, NULL), 0, 0, 0, "B after MQCMIT");
	EXPECT(get(qc, NULL, body, sizeof body, NULL, NULL, 0, NULL, NULL), 0, 0, 0, "C after MQCMIT");

	/* no subscriber */
	MQHOBJ hn;
	topen("", "nobody/here", MQOO_OUTPUT, &hn, NULL, 0, NULL);
	rc = pub(hn, "x", MQPMO_WARN_IF_NO_SUBS_MATCHED, MQPER_NOT_PERSISTENT, &cc);
	EXPECT(cc, rc, MQCC_WARNING, MQRC_NO_SUBS_MATCHED, "WARN_IF_NO_SUBS_MATCHED: 2550");
	rc = pub(hn, "x", 0, MQPER_NOT_PERSISTENT, &cc);
	EXPECT(cc, rc, MQCC_OK, 0, "no subscriber, no warning asked");
	MQCLOSE(hc, &hn, MQCO_NONE, &cc, &rc);
	/* PUB(DISABLED) */
	topen("", "locked/pub", MQOO_OUTPUT, &hn, NULL, 0, NULL);
	rc = pub(hn, "x", 0, MQPER_NOT_PERSISTENT, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_PUT_INHIBITED, "PUB(DISABLED): 2051");
	MQCLOSE(hc, &hn, MQCO_NONE, &cc, &rc);
	/* MQPUT1 to a topic */
	{
		MQOD od = { MQOD_DEFAULT };
		MQMD m1 = { MQMD_DEFAULT };
		MQPMO pmo = { MQPMO_DEFAULT };
		char r1[64] = { 0 };
		od.Version = MQOD_VERSION_4;
		od.ObjectType = MQOT_TOPIC;
		charv(&od.ObjectString, "sports/fencing");
		od.ResObjectString.VSPtr = r1;
		od.ResObjectString.VSBufSize = sizeof r1 - 1;
		MQPUT1(hc, &od, &m1, &pmo, 5, "touch", &cc, &rc);
		EXPECT(cc, rc, MQCC_OK, 0, "MQPUT1 to a topic");
		CHECK(strcmp(r1, "sports/fencing") == 0, "MQPUT1 ResObjectString '%s'", r1);
		EXPECT(get(qc, NULL, body, sizeof body, NULL, NULL, 0, NULL, NULL), 0, 0, 0, "C got the MQPUT1's copy");
		EXPECT(get(qa, NULL, body, sizeof body, NULL, NULL, 0, NULL, NULL), 0, 0, 0, "A got the MQPUT1's copy");
	}

	/* MQCLOSE of subscription handles */
	MQCLOSE(hc, &sb, MQCO_KEEP_SUB, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_OPTION_NOT_VALID_FOR_TYPE, "KEEP_SUB of a non-durable subscription: 2045");
	MQCLOSE(hc, &sb, MQCO_DELETE, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_OPTION_NOT_VALID_FOR_TYPE, "MQCO_DELETE of an Hsub: 2045");
	MQCLOSE(hc, &qa, MQCO_DELETE_PURGE, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_OPTION_NOT_VALID_FOR_TYPE, "DELETE_PURGE of a managed handle: 2045");
	{
		MQMD d = { MQMD_DEFAULT };
		MQPMO pmo = { MQPMO_DEFAULT };
		MQPUT(hc, qa, &d, &pmo, 1, "x", &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_NOT_OPEN_FOR_OUTPUT, "MQPUT on a managed handle: 2039");
		MQPUT(hc, sa, &d, &pmo, 1, "x", &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_NOT_OPEN_FOR_OUTPUT, "MQPUT on an Hsub: 2039");
	}
	MQCLOSE(hc, &sb, MQCO_REMOVE_SUB, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, 0, "MQCLOSE Hsub REMOVE_SUB");
	MQCLOSE(hc, &sc, MQCO_NONE, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, 0, "MQCLOSE Hsub MQCO_NONE removes a non-durable one");
	MQCLOSE(hc, &qa, MQCO_NONE, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, 0, "MQCLOSE managed handle (the subscription stays)");
	pub(ht, "still A", 0, MQPER_NOT_PERSISTENT, &cc);
	/* A's queue is still there: its subscription lives */
	MQCLOSE(hc, &sa, MQCO_NONE, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, 0, "MQCLOSE A's Hsub");
	rc = pub(ht, "nobody", MQPMO_WARN_IF_NO_SUBS_MATCHED, MQPER_NOT_PERSISTENT, &cc);
	EXPECT(cc, rc, MQCC_WARNING, MQRC_NO_SUBS_MATCHED, "every subscription gone: 2550");
	sd_init(&sd, NULL, "x", MQSO_CREATE | MQSO_MANAGED);
	charv(&sd.SubName, "SUB.C");
	rc = sub(&sd, &qc, &sc);
	EXPECT(rc ? 2 : 0, rc, 0, 0, "SubName SUB.C free again after its close");
	MQCLOSE(hc, &sc, MQCO_NONE, &cc, &rc);

	/* a refused copy: FULLQ (MAXDEPTH 1, full) goes to the DEADQ; NPMSGDLV(ALL)
	 * with USEDLQ(NO): the put fails and no one gets a copy */
	MQHOBJ qf, sf, qok = MQHO_NONE, sok;
	{
		MQOD od = { MQOD_DEFAULT };
		MQMD d = { MQMD_DEFAULT };
		MQPMO pmo = { MQPMO_DEFAULT };
		mqt_name(od.ObjectName, sizeof od.ObjectName, "FULLQ");
		MQPUT1(hc, &od, &d, &pmo, 6, "filler", &cc, &rc);
		EXPECT(cc, rc, 0, 0, "FULLQ (MAXDEPTH 1) filled");
	}
	mqt_open(hc, "FULLQ", MQOO_INPUT_AS_Q_DEF | MQOO_BROWSE, &qf);
	sd_init(&sd, NULL, "strict/+", MQSO_CREATE);
	EXPECT(sub(&sd, &qf, &sf), 0, 0, 0, "subscribe FULLQ to strict/+");
	sd_init(&sd, NULL, "#", MQSO_CREATE | MQSO_MANAGED);
	EXPECT(sub(&sd, &qok, &sok), 0, 0, 0, "subscribe a managed queue to #");
	MQHOBJ hs;
	topen("", "strict/one", MQOO_OUTPUT, &hs, NULL, 0, NULL);
	rc = pub(hs, "refused", 0, MQPER_NOT_PERSISTENT, &cc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_PUBLICATION_FAILURE, "NPMSGDLV(ALL), USEDLQ(NO), a full queue: 2502");
	EXPECT(get(qok, NULL, body, sizeof body, NULL, NULL, 0, NULL, NULL), 0, MQRC_NO_MSG_AVAILABLE, 0,
	       "all or none: the other subscriber has nothing");
	MQCLOSE(hc, &hs, MQCO_NONE, &cc, &rc);
	topen("", "sports/dl", MQOO_OUTPUT, &hs, NULL, 0, NULL);
	MQCLOSE(hc, &sf, MQCO_NONE, &cc, &rc);
	sd_init(&sd, NULL, "sports/dl", MQSO_CREATE);
	EXPECT(sub(&sd, &qf, &sf), 0, 0, 0, "subscribe FULLQ to sports/dl");
	rc = pub(hs, "to the dlq", 0, MQPER_NOT_PERSISTENT, &cc);
	EXPECT(cc, rc, MQCC_OK, 0, "USEDLQ(YES) (SYSTEM.BASE.TOPIC): the put succeeds");
	EXPECT(get(qok, NULL, body, sizeof body, NULL, NULL, 0, NULL, NULL), 0, 0, 0, "the other subscriber has its copy");
	{
		MQHOBJ hd;
		mqt_open(hc, "DLQ", MQOO_INPUT_AS_Q_DEF, &hd);
		MQMD d = { MQMD_DEFAULT };
		MQGMO gmo = { MQGMO_DEFAULT };
		MQLONG dl;
		gmo.Options = MQGMO_NO_WAIT;
		char b[1024];
		MQGET(hc, hd, &d, &gmo, sizeof b, b, &dl, &cc, &rc);
		EXPECT(cc, rc, 0, 0, "a copy on the DEADQ");
		MQDLH *dh = (MQDLH *)b;
		CHECK(cc == 0 && memcmp(d.Format, MQFMT_DEAD_LETTER_HEADER, 8) == 0 && dh->Reason == MQRC_Q_FULL &&
			      memcmp(dh->DestQName, "FULLQ ", 6) == 0 && memcmp(dh->Format, MQFMT_RF_HEADER_2, 8) == 0,
		      "MQDLH: Reason %d, DestQName FULLQ, then the MQRFH2", (int)dh->Reason);
		MQCLOSE(hc, &hd, MQCO_NONE, &cc, &rc);
	}
	MQCLOSE(hc, &hs, MQCO_NONE, &cc, &rc);
	MQCLOSE(hc, &sf, MQCO_NONE, &cc, &rc);
	MQCLOSE(hc, &sok, MQCO_NONE, &cc, &rc);

	/* a second connection's subscription goes with its MQDISC */
	{
		MQHCONN h1 = hc;
		hc = mqt_conn(getenv("QMNAME"), 1);
		MQHOBJ q2 = MQHO_NONE, s2;
		sd_init(&sd, NULL, "gone/#", MQSO_CREATE | MQSO_MANAGED);
		EXPECT(sub(&sd, &q2, &s2), 0, 0, 0, "second connection subscribes gone/#");
		MQDISC(&hc, &cc, &rc);
		hc = h1;
		topen("", "gone/now", MQOO_OUTPUT, &hs, NULL, 0, NULL);
		rc = pub(hs, "x", MQPMO_WARN_IF_NO_SUBS_MATCHED, MQPER_NOT_PERSISTENT, &cc);
		EXPECT(cc, rc, MQCC_WARNING, MQRC_NO_SUBS_MATCHED, "MQDISC removed its subscription");
		MQCLOSE(hc, &hs, MQCO_NONE, &cc, &rc);
	}
	MQCLOSE(hc, &ht, MQCO_NONE, &cc, &rc);
	MQCLOSE(hc, &ht2, MQCO_NONE, &cc, &rc);
	return 0;
}

/* ---- durable subscriptions ------------------------------------------------------------ */

/* Incompressible bodies: publication k of set `set` (its size from the table). */
static const MQLONG dsizes[] = { 10, 40000, 300000 };
static void dbody(char *b, MQLONG n, int set, int k)
{
	uint64_t x = 0x9E3779B97F4A7C15ull * (uint64_t)(set * 16 + k + 1);
	for (MQLONG i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		b[i] = (char)(x >> 24);
	}
	if (n >= 8) {
		char tag[32];
		int l = snprintf(tag, sizeof tag, "S%dK%d", set % 10, k % 10);
		memcpy(b, tag, (size_t)l + 1);   /* 5 bytes: a mark to read in a dump */
	}
}

static void dpublish(int set)
{
	MQHOBJ ht;
	MQLONG cc, rc;
	char *b = malloc(300000);
	EXPECT(topen("", "news/uk", MQOO_OUTPUT, &ht, NULL, 0, NULL), 0, 0, 0, "open news/uk");
	for (int k = 0; k < 3; k++) {
		MQMD md = { MQMD_DEFAULT };
		MQPMO pmo = { MQPMO_DEFAULT };
		md.Persistence = MQPER_PERSISTENT;
		dbody(b, dsizes[k], set, k);
		MQPUT(hc, ht, &md, &pmo, dsizes[k], b, &cc, &rc);
		CHECK(cc == 0 && rc == 0, "persistent publication %d of set %d (%d bytes): rc %d", k, set, (int)dsizes[k],
		      (int)rc);
	}
	MQCLOSE(hc, &ht, MQCO_NONE, &cc, &rc);
	free(b);
}

static MQLONG dsub(const char *name, const char *str, MQLONG opts, MQHOBJ *hq, MQHOBJ *hs, const char *ud,
		   MQBYTE24 corr, char *res, size_t rlen)
{
	MQSD sd;
	sd_init(&sd, NULL, str, opts);
	charv(&sd.SubName, name);
	if (ud)
		charv(&sd.SubUserData, ud);
	if (res) {
		memset(res, 0, rlen);
		sd.ResObjectString.VSPtr = res;
		sd.ResObjectString.VSBufSize = (MQLONG)rlen - 1;
	}
	MQLONG rc = sub(&sd, hq, hs);
	if (corr)
		memcpy(corr, sd.SubCorrelId, 24);
	return rc;
}

/* The six persistent publications of sets 1 and 2, in order, on hq. */
static void dcheck(MQHOBJ hq, const char *who, const char *ud, const MQBYTE24 corr)
{
	char *want = malloc(300000), *got = malloc(400000), p1[256], p2[256];
	for (int set = 1; set <= 2; set++)
		for (int k = 0; k < 3; k++) {
			MQMD md;
			MQLONG rc = get(hq, &md, got, 400000, "MQTopicString", p1, sizeof p1, "MQSubUserData", p2);
			dbody(want, dsizes[k], set, k);
			CHECK(rc == 0 && memcmp(got, want, (size_t)dsizes[k]) == 0 && md.Persistence == MQPER_PERSISTENT,
			      "%s: publication %d of set %d whole (%d bytes, rc %d)", who, k, set, (int)dsizes[k], (int)rc);
			CHECK(strcmp(p1, "news/uk") == 0 && strcmp(p2, ud) == 0 && memcmp(md.CorrelId, corr, 24) == 0,
			      "%s: its MQTopicString '%s', MQSubUserData '%s', CorrelId", who, p1, p2);
		}
	MQLONG rc = get(hq, NULL, got, 400000, NULL, NULL, 0, NULL, NULL);
	EXPECT(rc ? 2 : 0, rc, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE, "nothing more (the nonpersistent one died with the queue manager)");
	free(want);
	free(got);
}

static int run_durable(const char *mode)
{
	MQLONG cc, rc;
	MQHOBJ qm_ = MQHO_NONE, sm, qu, su, hx = MQHO_NONE, sx;
	MQBYTE24 cm, cu;
	char res[64];
	if (!strcmp(mode, "dcreate")) {
		rc = dsub("DUR.M", "news/#", MQSO_CREATE | MQSO_DURABLE | MQSO_MANAGED, &qm_, &sm, "managed one", cm, res,
			  sizeof res);
		EXPECT(rc ? 2 : 0, rc, 0, 0, "durable managed DUR.M on news/#");
		mqt_open(hc, "DQ", MQOO_INPUT_AS_Q_DEF, &qu);
		rc = dsub("DUR.U", "news/uk", MQSO_CREATE | MQSO_DURABLE, &qu, &su, "unmanaged one", cu, NULL, 0);
		EXPECT(rc ? 2 : 0, rc, 0, 0, "durable unmanaged DUR.U on news/uk to DQ");
		EXPECT(dsub("DUR.U", "news/uk", MQSO_CREATE | MQSO_DURABLE, &qu, &sx, NULL, NULL, NULL, 0), 0,
		       MQRC_SUB_ALREADY_EXISTS, 0, "CREATE of a name in use: 2432");
		EXPECT(dsub("DUR.U", NULL, MQSO_RESUME | MQSO_DURABLE, &hx, &sx, NULL, NULL, NULL, 0), 0,
		       MQRC_SUBSCRIPTION_IN_USE, 0, "RESUME while its handle is open: 2429");
		EXPECT(dsub("DUR.X", "nodur/x", MQSO_CREATE | MQSO_DURABLE | MQSO_MANAGED, &hx, &sx, NULL, NULL, NULL, 0),
		       0, MQRC_DURABILITY_NOT_ALLOWED, 0, "DURSUB(NO): 2436");
		{
			MQOD od = { MQOD_DEFAULT };
			MQHOBJ ht;
			mqt_name(od.ObjectName, sizeof od.ObjectName, "SYSTEM.DEFAULT.MODEL.QUEUE");
			mqt_name(od.DynamicQName, sizeof od.DynamicQName, "TMP.*");
			MQOPEN(hc, &od, MQOO_INPUT_AS_Q_DEF, &ht, &cc, &rc);
			EXPECT(cc, rc, 0, 0, "a temporary dynamic queue");
			EXPECT(dsub("DUR.T", "news/t", MQSO_CREATE | MQSO_DURABLE, &ht, &sx, NULL, NULL, NULL, 0), 0,
			       MQRC_INVALID_DESTINATION, 0, "durable to a temporary dynamic queue: 2522");
			MQCLOSE(hc, &ht, MQCO_NONE, &cc, &rc);
		}
		EXPECT(dsub("DUR.N", "news/n", MQSO_CREATE | MQSO_RESUME | MQSO_DURABLE | MQSO_MANAGED, &hx, &sx, NULL,
			    NULL, NULL, 0), 0, 0, 0, "CREATE+RESUME of a new name creates");
		MQCLOSE(hc, &sx, MQCO_REMOVE_SUB, &cc, &rc);
		EXPECT(cc, rc, 0, 0, "REMOVE_SUB of a durable one");
		MQCLOSE(hc, &hx, MQCO_NONE, &cc, &rc);
		EXPECT(cc, rc, MQCC_OK, 0, "closing its managed handle after: the queue is gone (no error)");
		dpublish(1);
		MQCLOSE(hc, &sm, MQCO_KEEP_SUB, &cc, &rc);
		EXPECT(cc, rc, 0, 0, "MQCLOSE DUR.M KEEP_SUB");
		MQCLOSE(hc, &su, MQCO_NONE, &cc, &rc);
		EXPECT(cc, rc, 0, 0, "MQCLOSE DUR.U MQCO_NONE keeps a durable one");
		MQCLOSE(hc, &qm_, MQCO_NONE, &cc, &rc);
		MQCLOSE(hc, &qu, MQCO_NONE, &cc, &rc);
		/* kept while away: a CREATE of its name is still 2432 */
		EXPECT(dsub("DUR.M", "news/#", MQSO_CREATE | MQSO_DURABLE | MQSO_MANAGED, &hx, &sx, NULL, NULL, NULL, 0), 0,
		       MQRC_SUB_ALREADY_EXISTS, 0, "kept: its name is taken");
	} else if (!strcmp(mode, "daway")) {
		dpublish(2);
		MQHOBJ ht;
		topen("", "news/uk", MQOO_OUTPUT, &ht, NULL, 0, NULL);
		rc = pub(ht, "nonpersistent", 0, MQPER_NOT_PERSISTENT, &cc);
		EXPECT(cc, rc, 0, 0, "a nonpersistent publication while they are away");
		MQCLOSE(hc, &ht, MQCO_NONE, &cc, &rc);
	} else if (!strcmp(mode, "dresume")) {
		rc = dsub("DUR.M", NULL, MQSO_RESUME, &qm_, &sm, NULL, cm, res, sizeof res);
		EXPECT(rc ? 2 : 0, rc, 0, 0, "RESUME DUR.M after kill -9 (Hobj MQHO_NONE: its managed queue opened)");
		CHECK(strcmp(res, "news/#") == 0 && qm_ != MQHO_NONE, "its ResObjectString '%s', a handle", res);
		dcheck(qm_, "DUR.M", "managed one", cm);
		qu = MQHO_NONE;
		rc = dsub("DUR.U", NULL, MQSO_RESUME | MQSO_DURABLE, &qu, &su, NULL, cu, NULL, 0);
		EXPECT(rc ? 2 : 0, rc, 0, 0, "RESUME DUR.U (its queue DQ opened for it)");
		dcheck(qu, "DUR.U", "unmanaged one", cu);
		MQCLOSE(hc, &su, MQCO_NONE, &cc, &rc);
		/* ALTER */
		EXPECT(dsub("DUR.U", "news/other", MQSO_ALTER | MQSO_DURABLE, &qu, &su, NULL, NULL, NULL, 0), 0,
		       MQRC_TOPIC_NOT_ALTERABLE, 0, "ALTER of the topic: 2510");
		EXPECT(dsub("DUR.U", NULL, MQSO_ALTER, &qu, &su, NULL, NULL, NULL, 0), 0, MQRC_DURABILITY_NOT_ALTERABLE, 0,
		       "ALTER without MQSO_DURABLE: 2509");
		EXPECT(dsub("DUR.U", NULL, MQSO_ALTER | MQSO_DURABLE | MQSO_MANAGED, &hx, &su, NULL, NULL, NULL, 0), 0,
		       MQRC_DEST_CLASS_NOT_ALTERABLE, 0, "ALTER to managed: 2533");
		rc = dsub("DUR.U", "news/uk", MQSO_ALTER | MQSO_DURABLE, &qu, &su, "altered", cu, NULL, 0);
		EXPECT(rc ? 2 : 0, rc, 0, 0, "ALTER DUR.U's SubUserData");
		MQCLOSE(hc, &su, MQCO_NONE, &cc, &rc);
		EXPECT(dsub("NO.SUCH", NULL, MQSO_RESUME | MQSO_DURABLE, &hx, &sx, NULL, NULL, NULL, 0), 0,
		       MQRC_NO_SUBSCRIPTION, 0, "RESUME of no such name: 2428");
	} else if (!strcmp(mode, "dalter")) {
		/* (after a restart) the ALTER was kept */
		MQHOBJ ht;
		char body[64], p2[64];
		qu = MQHO_NONE;
		rc = dsub("DUR.U", NULL, MQSO_RESUME | MQSO_DURABLE, &qu, &su, NULL, cu, NULL, 0);
		EXPECT(rc ? 2 : 0, rc, 0, 0, "RESUME DUR.U after a restart");
		topen("", "news/uk", MQOO_OUTPUT, &ht, NULL, 0, NULL);
		pub(ht, "after alter", 0, MQPER_PERSISTENT, &cc);
		MQCLOSE(hc, &ht, MQCO_NONE, &cc, &rc);
		rc = get(qu, NULL, body, sizeof body, "MQSubUserData", p2, sizeof p2, NULL, NULL);
		CHECK(rc == 0 && strcmp(p2, "altered") == 0, "the altered SubUserData survived: '%s'", p2);
		MQCLOSE(hc, &su, MQCO_REMOVE_SUB, &cc, &rc);
		EXPECT(cc, rc, 0, 0, "REMOVE_SUB DUR.U");
		qm_ = MQHO_NONE;
		rc = dsub("DUR.M", NULL, MQSO_RESUME, &qm_, &sm, NULL, cm, NULL, 0);
		EXPECT(rc ? 2 : 0, rc, 0, 0, "RESUME DUR.M");
		MQCLOSE(hc, &sm, MQCO_REMOVE_SUB, &cc, &rc);
		EXPECT(cc, rc, 0, 0, "REMOVE_SUB DUR.M (its managed queue goes with it)");
		MQCLOSE(hc, &qm_, MQCO_NONE, &cc, &rc);
	} else if (!strcmp(mode, "dgone")) {
		EXPECT(dsub("DUR.M", NULL, MQSO_RESUME, &hx, &sx, NULL, NULL, NULL, 0), 0, MQRC_NO_SUBSCRIPTION, 0,
		       "DUR.M stays removed across a restart");
		EXPECT(dsub("DUR.U", NULL, MQSO_RESUME, &hx, &sx, NULL, NULL, NULL, 0), 0, MQRC_NO_SUBSCRIPTION, 0,
		       "DUR.U stays removed across a restart");
	}
	return 0;
}

/* ---- retained publications ---------------------------------------------------------------- */

static MQLONG rpub(const char *topic, const char *body, MQLONG opts, MQLONG persistence)
{
	MQHOBJ ht;
	MQLONG cc, rc;
	topen("", topic, MQOO_OUTPUT, &ht, NULL, 0, NULL);
	rc = pub(ht, body, opts | MQPMO_RETAIN, persistence, &cc);
	MQLONG c2, r2;
	MQCLOSE(hc, &ht, MQCO_NONE, &c2, &r2);
	return rc;
}

/* Every message on h: bodies joined by ',' into out, and how many said MQIsRetained. */
static int rdrain(MQHOBJ h, char *out, size_t olen, int *nret)
{
	int n = 0;
	*nret = 0;
	out[0] = 0;
	for (;;) {
		MQHMSG hm = MQHM_UNUSABLE_HMSG;
		MQCMHO cmho = { MQCMHO_DEFAULT };
		MQLONG cc, rc, dl = 0;
		MQCRTMH(hc, &cmho, &hm, &cc, &rc);
		MQMD d = { MQMD_DEFAULT };
		MQGMO gmo = { MQGMO_DEFAULT };
		char body[256] = { 0 };
		gmo.Version = MQGMO_VERSION_4;
		gmo.Options = MQGMO_NO_WAIT | MQGMO_PROPERTIES_IN_HANDLE;
		gmo.MsgHandle = hm;
		MQGET(hc, h, &d, &gmo, sizeof body - 1, body, &dl, &cc, &rc);
		if (cc == MQCC_OK) {
			MQIMPO impo = { MQIMPO_DEFAULT };
			MQPD pd = { MQPD_DEFAULT };
			MQCHARV nm = { MQCHARV_DEFAULT };
			MQLONG type = 0, vl = 0, c2, r2;
			MQBOOL v = 0;
			charv(&nm, "MQIsRetained");
			MQINQMP(hc, hm, &impo, &nm, &pd, &type, sizeof v, &v, &vl, &c2, &r2);
			if (c2 == MQCC_OK && type == MQTYPE_BOOLEAN && v)
				(*nret)++;
			snprintf(out + strlen(out), olen - strlen(out), "%s%s", n ? "," : "", body);
			n++;
		}
		MQDMHO dmho = { MQDMHO_DEFAULT };
		MQDLTMH(hc, &hm, &dmho, &cc, &dl);
		if (rc)
			return n;
	}
}

static int run_retained(const char *mode)
{
	MQLONG cc, rc;
	MQSD sd;
	char got[1024];
	int nret;
	if (!strcmp(mode, "rput")) {
		EXPECT(rpub("ret/a", "r-a-1", 0, MQPER_PERSISTENT), 0, 0, 0, "retained persistent on ret/a");
		EXPECT(rpub("ret/a", "r-a-2", 0, MQPER_PERSISTENT), 0, 0, 0, "another on ret/a replaces it");
		EXPECT(rpub("ret/b", "r-b", 0, MQPER_NOT_PERSISTENT), 0, 0, 0, "retained nonpersistent on ret/b");
		EXPECT(rpub("ret/c", "r-c", MQPMO_SYNCPOINT, MQPER_PERSISTENT), 0, 0, 0, "retained on ret/c under syncpoint");
		EXPECT(rpub("ret/a", "r-a-3", MQPMO_SYNCPOINT, MQPER_PERSISTENT), 0, 0, 0, "and on ret/a");
		MQBACK(hc, &cc, &rc);
		EXPECT(cc, rc, 0, 0, "MQBACK: neither is retained");
		MQHOBJ q1 = MQHO_NONE, s1, q2 = MQHO_NONE, s2, q3 = MQHO_NONE, s3, q4 = MQHO_NONE, s4;
		sd_init(&sd, NULL, "ret/#", MQSO_CREATE | MQSO_MANAGED);
		EXPECT(sub(&sd, &q1, &s1), 0, 0, 0, "MQSUB ret/#");
		int n = rdrain(q1, got, sizeof got, &nret);
		CHECK(n == 2 && nret == 2 && (!strcmp(got, "r-a-2,r-b") || !strcmp(got, "r-b,r-a-2")),
		      "the retained ones at once, MQIsRetained: '%s' (%d retained)", got, nret);
		sd_init(&sd, NULL, "ret/#", MQSO_CREATE | MQSO_MANAGED | MQSO_NEW_PUBLICATIONS_ONLY);
		EXPECT(sub(&sd, &q2, &s2), 0, 0, 0, "MQSUB ret/# NEW_PUBLICATIONS_ONLY");
		CHECK(rdrain(q2, got, sizeof got, &nret) == 0, "none retained for it");
		sd_init(&sd, NULL, "ret/a", MQSO_CREATE | MQSO_MANAGED | MQSO_PUBLICATIONS_ON_REQUEST);
		EXPECT(sub(&sd, &q3, &s3), 0, 0, 0, "MQSUB ret/a PUBLICATIONS_ON_REQUEST");
		CHECK(rdrain(q3, got, sizeof got, &nret) == 0, "nothing before it asks");
		MQHOBJ ht;
		topen("", "ret/a", MQOO_OUTPUT, &ht, NULL, 0, NULL);
		rc = pub(ht, "live", 0, MQPER_NOT_PERSISTENT, &cc);
		EXPECT(cc, rc, 0, 0, "a publication not retained on ret/a");
		MQCLOSE(hc, &ht, MQCO_NONE, &cc, &rc);
		n = rdrain(q1, got, sizeof got, &nret);
		CHECK(n == 1 && nret == 0 && !strcmp(got, "live"), "ret/# gets it, not marked retained: '%s'", got);
		CHECK(rdrain(q3, got, sizeof got, &nret) == 0, "the on-request one does not");
		MQSRO sro = { MQSRO_DEFAULT };
		MQSUBRQ(hc, s3, MQSR_ACTION_PUBLICATION, &sro, &cc, &rc);
		EXPECT(cc, rc, 0, 0, "MQSUBRQ");
		CHECK(sro.NumPubs == 1, "NumPubs %d", (int)sro.NumPubs);
		n = rdrain(q3, got, sizeof got, &nret);
		CHECK(n == 1 && nret == 1 && !strcmp(got, "r-a-2"), "the retained one, on request: '%s'", got);
		MQSUBRQ(hc, s3, MQSR_ACTION_PUBLICATION, NULL, &cc, &rc);
		EXPECT(cc, rc, 0, 0, "MQSUBRQ without an MQSRO");
		rdrain(q3, got, sizeof got, &nret);
		MQSUBRQ(hc, s3, 7, &sro, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_ACTION_ERROR, "MQSUBRQ action 7: 2535");
		memcpy(sro.StrucId, "XXX ", 4);
		MQSUBRQ(hc, s3, MQSR_ACTION_PUBLICATION, &sro, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_SRO_ERROR, "MQSRO StrucId: 2438");
		MQSUBRQ(hc, q3, MQSR_ACTION_PUBLICATION, NULL, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_HOBJ_ERROR, "MQSUBRQ of a queue handle: 2019");
		sd_init(&sd, NULL, "ret/none", MQSO_CREATE | MQSO_MANAGED | MQSO_PUBLICATIONS_ON_REQUEST);
		sub(&sd, &q4, &s4);
		MQSUBRQ(hc, s4, MQSR_ACTION_PUBLICATION, NULL, &cc, &rc);
		EXPECT(cc, rc, MQCC_FAILED, MQRC_NO_RETAINED_MSG, "MQSUBRQ of a topic with none retained: 2437");
		MQCLOSE(hc, &s1, MQCO_NONE, &cc, &rc);
		MQCLOSE(hc, &s2, MQCO_NONE, &cc, &rc);
		MQCLOSE(hc, &s3, MQCO_NONE, &cc, &rc);
		MQCLOSE(hc, &s4, MQCO_NONE, &cc, &rc);
	} else if (!strcmp(mode, "rget")) {
		MQHOBJ q1 = MQHO_NONE, s1;
		sd_init(&sd, NULL, "ret/#", MQSO_CREATE | MQSO_MANAGED);
		EXPECT(sub(&sd, &q1, &s1), 0, 0, 0, "MQSUB ret/# after kill -9");
		int n = rdrain(q1, got, sizeof got, &nret);
		CHECK(n == 1 && nret == 1 && !strcmp(got, "r-a-2"),
		      "only the persistent retained publication survived: '%s'", got);
		MQCLOSE(hc, &s1, MQCO_NONE, &cc, &rc);
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: mqi_pubsub QM main|pput|pget\n");
		return 2;
	}
	setenv("QMNAME", argv[1], 1);
	hc = mqt_conn(argv[1], 0);
	if (hc == MQHC_UNUSABLE_HCONN)
		return 2;
	MQLONG cc, rc;
	if (!strcmp(argv[2], "main")) {
		run_main();
	} else if (!strcmp(argv[2], "pub") && argc >= 5) {
		MQHOBJ ht;
		EXPECT(topen("", argv[3], MQOO_OUTPUT, &ht, NULL, 0, NULL), 0, 0, 0, "open the topic");
		MQLONG rc2 = pub(ht, argv[4], 0, MQPER_PERSISTENT, &cc);
		printf("# published: cc %d rc %d\n", (int)cc, (int)rc2);
		fflush(stdout);
		if (argc >= 6)
			sleep((unsigned)atoi(argv[5]));
		MQCLOSE(hc, &ht, MQCO_NONE, &cc, &rc);
	} else if (!strcmp(argv[2], "resume") && argc >= 5) {
		MQHOBJ hq = MQHO_NONE, hs;
		MQSD sd;
		sd_init(&sd, NULL, NULL, MQSO_RESUME);
		charv(&sd.SubName, argv[3]);
		rc = sub(&sd, &hq, &hs);
		printf("# resumed %s: rc %d\n", argv[3], (int)rc);
		fflush(stdout);
		sleep((unsigned)atoi(argv[4]));
		char body[1024], p1[256], p2[256];
		MQMD md;
		while (!rc && get(hq, &md, body, sizeof body, "MQTopicString", p1, sizeof p1, "MQSubUserData", p2) == 0)
			printf("# got '%s' topic '%s' userdata '%s' priority %d\n", body, p1, p2, (int)md.Priority);
		MQCLOSE(hc, &hs, MQCO_KEEP_SUB, &cc, &rc);
	} else if (argv[2][0] == 'r' && argv[2][1] != 'e') {
		run_retained(argv[2]);
	} else if (argv[2][0] == 'd') {
		run_durable(argv[2]);
	} else if (!strcmp(argv[2], "pput")) {
		MQHOBJ qp, sp, ht;
		MQSD sd;
		mqt_open(hc, "PQ", MQOO_INPUT_AS_Q_DEF, &qp);
		sd_init(&sd, NULL, "durable/pers", MQSO_CREATE);
		EXPECT(sub(&sd, &qp, &sp), 0, 0, 0, "subscribe PQ to durable/pers");
		topen("PERSTOPIC", NULL, MQOO_OUTPUT, &ht, NULL, 0, NULL);
		rc = pub(ht, "kept across a restart", 0, MQPER_PERSISTENCE_AS_TOPIC_DEF, &cc);
		EXPECT(cc, rc, MQCC_OK, 0, "persistent (DEFPSIST(YES)) publication outside syncpoint");
	} else if (!strcmp(argv[2], "pget")) {
		MQHOBJ qp, ht;
		char body[256];
		MQMD md;
		mqt_open(hc, "PQ", MQOO_INPUT_AS_Q_DEF, &qp);
		EXPECT(get(qp, &md, body, sizeof body, "MQTopicString", body + 128, 128, NULL, NULL), 0, 0, 0,
		       "the copy on PQ after the restart");
		CHECK(strcmp(body, "kept across a restart") == 0 && md.Persistence == MQPER_PERSISTENT,
		      "its body and persistence");
		CHECK(strcmp(body + 128, "durable/pers") == 0, "its MQTopicString '%s'", body + 128);
		topen("PERSTOPIC", NULL, MQOO_OUTPUT, &ht, NULL, 0, NULL);
		rc = pub(ht, "x", MQPMO_WARN_IF_NO_SUBS_MATCHED, MQPER_NOT_PERSISTENT, &cc);
		EXPECT(cc, rc, MQCC_WARNING, MQRC_NO_SUBS_MATCHED, "the non-durable subscription did not survive");
	}
	MQDISC(&hc, &cc, &rc);
	return mqt_done();
}
