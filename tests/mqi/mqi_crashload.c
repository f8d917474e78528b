/*
 * mqi_crashload: load to kill the queue manager under.  One producer thread
 * puts persistent messages "TAG-n" (every other one under syncpoint with a
 * commit) and prints "P TAG-n" once the put (and its commit) is
 * acknowledged; one consumer thread gets them (alternately outside
 * syncpoint, and under syncpoint with a commit) and prints "G TAG-n" once
 * acknowledged, or "U TAG-n" when the get returned it but the commit that
 * followed failed (the outcome is not known to the application).  Both stop
 * at the first call that fails (the queue manager went away) and the program
 * exits 0.  The script then restarts the queue manager and checks: every
 * acknowledged put is acknowledged as got, still on the queue, or "U" - but
 * for at most one message per kill, the one a get outside syncpoint was
 * taking when the queue manager died (a get outside syncpoint of a
 * persistent message is lost if its reply is); nothing acknowledged as got
 * is still on the queue; nothing is there twice.
 *
 *   usage: mqi_crashload QM QUEUE TAG
 */
#include "mqt.h"

#include <pthread.h>

static const char *qm, *qname, *tag;
static pthread_mutex_t out_lock = PTHREAD_MUTEX_INITIALIZER;

static void say(char kind, const char *text)
{
	pthread_mutex_lock(&out_lock);
	printf("%c %s\n", kind, text);
	fflush(stdout);
	pthread_mutex_unlock(&out_lock);
}

static void *producer(void *arg)
{
	(void)arg;
	MQHCONN hc = mqt_conn(qm, 0);
	MQHOBJ h;
	MQLONG cc, rc;
	char text[64];
	if (hc == MQHC_UNUSABLE_HCONN || mqt_open(hc, qname, MQOO_OUTPUT, &h) != MQRC_NONE)
		return NULL;
	for (int n = 0;; n++) {
		snprintf(text, sizeof text, "%s-%d", tag, n);
		int sp = n % 2;
		rc = mqt_put(hc, h, text, sp ? MQPMO_SYNCPOINT : MQPMO_NO_SYNCPOINT, MQPER_PERSISTENT, NULL);
		if (rc == MQRC_NONE && sp)
			MQCMIT(hc, &cc, &rc);
		if (rc != MQRC_NONE)
			break;
		say('P', text);
	}
	return NULL;
}

static void *consumer(void *arg)
{
	(void)arg;
	MQHCONN hc = mqt_conn(qm, 0);
	MQHOBJ h;
	MQLONG cc, rc;
	char buf[128];
	if (hc == MQHC_UNUSABLE_HCONN || mqt_open(hc, qname, MQOO_INPUT_SHARED, &h) != MQRC_NONE)
		return NULL;
	for (int n = 0;; n++) {
		int sp = n % 2;
		rc = mqt_get(hc, h, MQGMO_WAIT | (sp ? MQGMO_SYNCPOINT : MQGMO_NO_SYNCPOINT), 100, buf, sizeof buf, NULL);
		if (rc == MQRC_NO_MSG_AVAILABLE)
			continue;
		if (rc != MQRC_NONE)
			break;
		if (sp) {
			MQCMIT(hc, &cc, &rc);
			if (rc != MQRC_NONE) {
				say('U', buf);   /* got, but whether the commit happened is not known */
				break;
			}
		}
		say('G', buf);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: mqi_crashload QM QUEUE TAG\n");
		return 2;
	}
	qm = argv[1];
	qname = argv[2];
	tag = argv[3];
	pthread_t p, c;
	pthread_create(&p, NULL, producer, NULL);
	pthread_create(&c, NULL, consumer, NULL);
	pthread_join(p, NULL);
	pthread_join(c, NULL);
	return 0;
}
