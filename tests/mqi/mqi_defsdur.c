/*
 * mqi_defsdur: no reply shows a queue definition before its log record is
 * durable.  Run by tests/integration/t6105-defs-durable.sh against a queue
 * manager whose syncs are slowed (QM_SYNC_DELAY_MS, a test build's hook), so
 * that an MQSET's record takes that long to become durable.  While one
 * connection's MQSET of PUT(DISABLED) (or GET(DISABLED), or TRIGDATA) waits
 * for its record, another connection's MQPUT (2051), MQGET (2016) and MQINQ
 * must not answer with the new value before the MQSET itself is answered.
 *
 *   usage: mqi_defsdur QMGR QUEUE DELAY_MS
 */
#include "mqt.h"

#include <pthread.h>
#include <time.h>

static const char *qmname, *qname;
static long delay_ms;

static long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

struct setter {
	MQLONG sel, val;
	long done_ms;
	MQLONG rc;
};

static void *set_thread(void *arg)
{
	struct setter *s = arg;
	MQHCONN hc = mqt_conn(qmname, 1);
	MQHOBJ h;
	MQLONG cc, rc;
	mqt_open(hc, qname, MQOO_SET, &h);
	MQSET(hc, h, 1, &s->sel, 1, &s->val, 0, NULL, &cc, &rc);
	s->done_ms = now_ms();
	s->rc = rc;
	mqt_close(hc, &h);
	MQDISC(&hc, &cc, &rc);
	return NULL;
}

/* Start an MQSET of sel to val on another connection; return once it is
 * surely waiting for its record (well inside the slowed flush). */
static void start_set(pthread_t *t, struct setter *s, MQLONG sel, MQLONG val)
{
	s->sel = sel;
	s->val = val;
	s->done_ms = 0;
	pthread_create(t, NULL, set_thread, s);
	struct timespec w = { 0, (delay_ms / 4) * 1000000L };
	nanosleep(&w, NULL);
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: mqi_defsdur QMGR QUEUE DELAY_MS\n");
		return 2;
	}
	qmname = argv[1];
	qname = argv[2];
	delay_ms = atol(argv[3]);
	MQHCONN hc = mqt_conn(qmname, 1);
	CHECK(hc != MQHC_UNUSABLE_HCONN, "connected to %s", qmname);
	MQHOBJ hp, hg, hi;
	mqt_open(hc, qname, MQOO_OUTPUT, &hp);
	mqt_open(hc, qname, MQOO_INPUT_SHARED, &hg);
	mqt_open(hc, qname, MQOO_INQUIRE, &hi);
	pthread_t t;
	struct setter s;
	char buf[64];
	MQLONG rc, cc;

	/* PUT(DISABLED): a put refused with 2051 is answered no sooner than the MQSET */
	start_set(&t, &s, MQIA_INHIBIT_PUT, MQQA_PUT_INHIBITED);
	rc = mqt_put(hc, hp, "x", MQPMO_NO_SYNCPOINT, MQPER_NOT_PERSISTENT, NULL);
	long put_ms = now_ms();
	pthread_join(t, NULL);
	CHECK(s.rc == MQRC_NONE, "MQSET PUT(DISABLED) (%d)", (int)s.rc);
	CHECK(rc != MQRC_PUT_INHIBITED || put_ms + 20 >= s.done_ms,
	      "2051 not answered before the MQSET's record is durable (put %ld ms before the MQSET's reply)",
	      s.done_ms - put_ms);
	CHECK(rc == MQRC_PUT_INHIBITED, "the put is refused once the MQSET is durable (%d)", (int)rc);

	/* MQINQ shows PUT(DISABLED) no sooner either: ask while the enabling MQSET waits */
	start_set(&t, &s, MQIA_INHIBIT_PUT, MQQA_PUT_ALLOWED);
	MQLONG sel = MQIA_INHIBIT_PUT, val = -1;
	MQINQ(hc, hi, 1, &sel, 1, &val, 0, NULL, &cc, &rc);
	long inq_ms = now_ms();
	pthread_join(t, NULL);
	CHECK(rc == MQRC_NONE && (val == MQQA_PUT_INHIBITED || inq_ms + 20 >= s.done_ms),
	      "MQINQ shows PUT(ENABLED) only once its record is durable (val %d, %ld ms early)", (int)val,
	      s.done_ms - inq_ms);

	/* GET(DISABLED): 2016 likewise */
	start_set(&t, &s, MQIA_INHIBIT_GET, MQQA_GET_INHIBITED);
	rc = mqt_get(hc, hg, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, NULL);
	long get_ms = now_ms();
	pthread_join(t, NULL);
	CHECK(rc != MQRC_GET_INHIBITED || get_ms + 20 >= s.done_ms,
	      "2016 not answered before the MQSET's record is durable (get %ld ms before the MQSET's reply)",
	      s.done_ms - get_ms);
	CHECK(rc == MQRC_GET_INHIBITED, "the get is refused once the MQSET is durable (%d)", (int)rc);
	start_set(&t, &s, MQIA_INHIBIT_GET, MQQA_GET_ALLOWED);
	pthread_join(t, NULL);

	/* with nothing pending a reply does not wait for a flush */
	long t0 = now_ms();
	MQINQ(hc, hi, 1, &sel, 1, &val, 0, NULL, &cc, &rc);
	CHECK(rc == MQRC_NONE && now_ms() - t0 < delay_ms / 2, "an MQINQ with no change pending is answered at once");
	mqt_close(hc, &hp);
	mqt_close(hc, &hg);
	mqt_close(hc, &hi);
	MQDISC(&hc, &cc, &rc);
	return mqt_done();
}
