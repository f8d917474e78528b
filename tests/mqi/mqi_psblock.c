/*
 * mqi_psblock: WILDCARD(BLOCK) on a topic object.  Run by
 * tests/integration/t7206-wildcard-block.sh, which defines the topic object
 * SPORT.FB, TOPICSTR('Sport/Football'), with WILDCARD(BLOCK) for the "block"
 * run and WILDCARD(PASSTHRU) for the "pass" run.
 *
 *   usage: mqi_psblock QMGR block|pass
 *
 * Five managed non-durable subscriptions, three publications; each
 * subscription's copies are counted.  With BLOCK a wildcard subscription
 * whose first wildcard comes before the end of 'Sport/Football' (a level for
 * '#' and '+', a character for MQSO_WILDCARD_CHAR) gets nothing published at
 * or below it; one whose wildcard comes after it, and every subscription to
 * a topic elsewhere, is not affected.  With PASSTHRU each gets what it
 * matches.  A retained publication is checked the same way when a new
 * subscription is made.
 */
#include "mqt.h"

struct s {
	const char *pat;
	int wchar;
	int want_block, want_pass;   /* copies of the three publications */
	MQHOBJ hq, hsub;
};

static void sub(MQHCONN hc, struct s *x, MQLONG extra)
{
	MQSD sd = { MQSD_DEFAULT };
	MQLONG cc, rc;
	sd.Options = MQSO_CREATE | MQSO_NON_DURABLE | MQSO_MANAGED | MQSO_FAIL_IF_QUIESCING | extra |
		     (x->wchar ? MQSO_WILDCARD_CHAR : MQSO_WILDCARD_TOPIC);
	sd.ObjectString.VSPtr = (MQPTR)x->pat;
	sd.ObjectString.VSLength = (MQLONG)strlen(x->pat);
	x->hq = MQHO_NONE;
	MQSUB(hc, &sd, &x->hq, &x->hsub, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, x->pat);
}

static void publish(MQHCONN hc, const char *topic, MQLONG opts)
{
	MQOD od = { MQOD_DEFAULT };
	MQHOBJ h;
	MQLONG cc, rc;
	od.Version = MQOD_VERSION_4;
	od.ObjectType = MQOT_TOPIC;
	od.ObjectString.VSPtr = (MQPTR)topic;
	od.ObjectString.VSLength = (MQLONG)strlen(topic);
	MQOPEN(hc, &od, MQOO_OUTPUT | MQOO_FAIL_IF_QUIESCING, &h, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "open the topic to publish");
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	pmo.Options = MQPMO_NO_SYNCPOINT | opts;
	MQPUT(hc, h, &md, &pmo, (MQLONG)strlen(topic), (MQPTR)topic, &cc, &rc);
	CHECK(cc != MQCC_FAILED, "publish on %s: cc %d rc %d", topic, (int)cc, (int)rc);
	MQCLOSE(hc, &h, MQCO_NONE, &cc, &rc);
}

static int count(MQHCONN hc, MQHOBJ hq)
{
	int n = 0;
	for (;;) {
		MQMD md = { MQMD_DEFAULT };
		MQGMO gmo = { MQGMO_DEFAULT };
		char buf[256];
		MQLONG len, cc, rc;
		gmo.Options = MQGMO_NO_WAIT | MQGMO_NO_SYNCPOINT | MQGMO_ACCEPT_TRUNCATED_MSG;
		MQGET(hc, hq, &md, &gmo, sizeof buf, buf, &len, &cc, &rc);
		if (cc == MQCC_FAILED)
			return rc == MQRC_NO_MSG_AVAILABLE ? n : -1;
		n++;
	}
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: mqi_psblock QMGR block|pass\n");
		return 2;
	}
	int block = !strcmp(argv[2], "block");
	MQHCONN hc = mqt_conn(argv[1], 1);
	MQLONG cc, rc;
	/* publications: Sport/Football/Results, Sport/Football, Sport/Tennis */
	struct s subs[] = {
		{ "Sport/#", 0, 1, 3, 0, 0 },              /* wildcard at level 2 of 2: blocked */
		{ "Sport/Football/#", 0, 2, 2, 0, 0 },     /* wildcard at level 3: not */
		{ "Sport/+/Results", 0, 0, 1, 0, 0 },      /* '+' stands for Football itself: blocked */
		{ "Sport/Foot*", 1, 0, 2, 0, 0 },          /* character 11 of 14: blocked */
		{ "Sport/Football/*", 1, 1, 1, 0, 0 },     /* character 16: not */
		{ "Sport/Football/Results", 0, 1, 1, 0, 0 }, /* no wildcard: never blocked */
	};
	size_t ns = sizeof subs / sizeof subs[0];
	for (size_t i = 0; i < ns; i++)
		sub(hc, &subs[i], 0);
	publish(hc, "Sport/Football/Results", 0);
	publish(hc, "Sport/Football", 0);
	publish(hc, "Sport/Tennis", 0);
	for (size_t i = 0; i < ns; i++) {
		int n = count(hc, subs[i].hq), want = block ? subs[i].want_block : subs[i].want_pass;
		CHECK(n == want, "%s %s: %d copies (want %d)", block ? "BLOCK" : "PASSTHRU", subs[i].pat, n, want);
	}
	/* a retained publication below the topic object, and a new wildcard
	 * subscription above it: delivered as a publication would be */
	publish(hc, "Sport/Football/Score", MQPMO_RETAIN);
	struct s late = { "Sport/#", 0, 0, 1, 0, 0 };
	sub(hc, &late, 0);
	int n = count(hc, late.hq), want = block ? late.want_block : late.want_pass;
	CHECK(n == want, "%s: the retained publication to a new Sport/# subscription: %d (want %d)",
	      block ? "BLOCK" : "PASSTHRU", n, want);
	MQCLOSE(hc, &late.hsub, MQCO_REMOVE_SUB, &cc, &rc);
	for (size_t i = 0; i < ns; i++)
		MQCLOSE(hc, &subs[i].hsub, MQCO_REMOVE_SUB, &cc, &rc);
	MQDISC(&hc, &cc, &rc);
	return mqt_done();
}
