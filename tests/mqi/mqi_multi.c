/*
 * mqi_multi: many applications at once.  P producer threads and C consumer
 * threads, each with its own connection, on one queue: producers put N
 * messages each ("tag-p-i"), alternately persistent under syncpoint with a
 * commit per message, persistent outside syncpoint and nonpersistent;
 * consumers get with a wait, some under syncpoint (committing, or backing
 * out every fifth and getting it again).  At the end every message must have
 * been received exactly once.
 *
 *   usage: mqi_multi QM QUEUE TAG PRODUCERS CONSUMERS N
 */
#include "mqt.h"

#include <pthread.h>

static const char *qm, *qname, *tag;
static int P, C, N;
static unsigned char *seen;            /* P * N counters */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int received, producers_left, errors;

static void *producer(void *arg)
{
	int p = (int)(long)arg;
	MQHCONN hc = mqt_conn(qm, 0);
	MQHOBJ h;
	MQLONG cc, rc;
	char text[64];
	if (hc == MQHC_UNUSABLE_HCONN || mqt_open(hc, qname, MQOO_OUTPUT, &h) != MQRC_NONE) {
		__sync_fetch_and_add(&errors, 1);
		return NULL;
	}
	for (int i = 0; i < N; i++) {
		snprintf(text, sizeof text, "%s-%d-%d", tag, p, i);
		int kind = i % 3;
		rc = mqt_put(hc, h, text, kind == 0 ? MQPMO_SYNCPOINT : MQPMO_NO_SYNCPOINT,
			     kind == 2 ? MQPER_NOT_PERSISTENT : MQPER_PERSISTENT, NULL);
		if (rc == MQRC_NONE && kind == 0) {
			MQCMIT(hc, &cc, &rc);
		}
		if (rc != MQRC_NONE) {
			printf("# producer %d: put %d failed with %d\n", p, i, (int)rc);
			__sync_fetch_and_add(&errors, 1);
		}
	}
	mqt_close(hc, &h);
	MQDISC(&hc, &cc, &rc);
	__sync_fetch_and_sub(&producers_left, 1);
	return NULL;
}

static void *consumer(void *arg)
{
	int k = (int)(long)arg;
	MQHCONN hc = mqt_conn(qm, 0);
	MQHOBJ h;
	MQLONG cc, rc;
	char buf[128];
	int n = 0;
	if (hc == MQHC_UNUSABLE_HCONN || mqt_open(hc, qname, MQOO_INPUT_SHARED, &h) != MQRC_NONE) {
		__sync_fetch_and_add(&errors, 1);
		return NULL;
	}
	for (;;) {
		int sync = k % 2;
		rc = mqt_get(hc, h, MQGMO_WAIT | (sync ? MQGMO_SYNCPOINT : MQGMO_NO_SYNCPOINT), 200, buf, sizeof buf, NULL);
		if (rc == MQRC_NO_MSG_AVAILABLE) {
			if (__sync_fetch_and_add(&producers_left, 0) == 0)
				break;
			continue;
		}
		if (rc != MQRC_NONE) {
			printf("# consumer %d: get failed with %d\n", k, (int)rc);
			__sync_fetch_and_add(&errors, 1);
			break;
		}
		if (sync && ++n % 5 == 0) {
			MQBACK(hc, &cc, &rc);   /* it comes back for someone */
			continue;
		}
		if (sync) {
			MQCMIT(hc, &cc, &rc);
			if (rc != MQRC_NONE) {
				__sync_fetch_and_add(&errors, 1);
				continue;
			}
		}
		int p, i;
		char t[32];
		if (sscanf(buf, "%31[^-]-%d-%d", t, &p, &i) != 3 || strcmp(t, tag) || p < 0 || p >= P || i < 0 || i >= N) {
			if (__sync_fetch_and_add(&errors, 1) < 5)
				printf("# consumer %d: unexpected message '%s'\n", k, buf);
			continue;
		}
		pthread_mutex_lock(&lock);
		seen[p * N + i]++;
		received++;
		pthread_mutex_unlock(&lock);
	}
	mqt_close(hc, &h);
	MQDISC(&hc, &cc, &rc);
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc != 7) {
		fprintf(stderr, "usage: mqi_multi QM QUEUE TAG PRODUCERS CONSUMERS N\n");
		return 2;
	}
	qm = argv[1];
	qname = argv[2];
	tag = argv[3];
	P = atoi(argv[4]);
	C = atoi(argv[5]);
	N = atoi(argv[6]);
	producers_left = P;
	seen = calloc((size_t)P * (size_t)N, 1);
	pthread_t th[256];
	int nt = 0;
	for (int p = 0; p < P && nt < 256; p++)
		pthread_create(&th[nt++], NULL, producer, (void *)(long)p);
	for (int k = 0; k < C && nt < 256; k++)
		pthread_create(&th[nt++], NULL, consumer, (void *)(long)k);
	for (int i = 0; i < nt; i++)
		pthread_join(th[i], NULL);
	int dup = 0, missing = 0;
	for (int i = 0; i < P * N; i++) {
		dup += seen[i] > 1;
		missing += seen[i] == 0;
	}
	CHECK(errors == 0, "no MQI call failed (%d errors)", errors);
	CHECK(received == P * N, "%d producers x %d messages received: %d", P, N, received);
	CHECK(dup == 0 && missing == 0, "each exactly once (%d duplicated, %d missing)", dup, missing);
	free(seen);
	return mqt_done();
}
