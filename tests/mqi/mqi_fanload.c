/*
 * mqi_fanload.c: durable fan-out without publish/subscribe, for t6241: P
 * producer threads each put every "publication" as one persistent message on
 * each of N queues (FAN.0 .. FAN.N-1) under syncpoint, an MQCMIT every B
 * publications, M publications each; C consumer threads each own N/C of the
 * queues and drain them under syncpoint, up to G messages from each queue a
 * round and one MQCMIT a round.  The queues grow deep while the consumers'
 * units of work stay open across many puts: the load psbench's dpu case put
 * on the log (bench/README.md).
 *
 *   mqi_fanload QM N P M B C G SIZE
 *
 * Every message carries its producer, its sequence and its queue; each
 * consumer checks, per queue and producer, that the sequences come in order
 * with none missing, and at the end that each queue gave exactly P*M.  Any
 * MQI failure (2102 from a full log, 2003 from a unit of work backed out) is
 * a failed check.  Prints "fanload ok PUT GOT" when everything was accounted
 * for.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mqt.h"

static const char *qmname;
static int nq, np, nm, nb, nc, ng, size;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int failures;
static long long total_put, total_got;

static void failed(const char *who, int id, const char *what, MQLONG rc)
{
	pthread_mutex_lock(&lock);
	failures++;
	printf("# %s %d: %s failed with reason %d\n", who, id, what, (int)rc);
	fflush(stdout);
	pthread_mutex_unlock(&lock);
}

static MQHCONN conn(void)
{
	MQHCONN hc;
	MQLONG cc, rc;
	MQCHAR48 name;
	mqt_name(name, sizeof name, qmname);
	MQCONN(name, &hc, &cc, &rc);
	return cc == MQCC_FAILED ? MQHC_UNUSABLE_HCONN : hc;
}

static MQHOBJ open_q(MQHCONN hc, int i, MQLONG opts)
{
	MQOD od = { MQOD_DEFAULT };
	char n[32];
	snprintf(n, sizeof n, "FAN.%d", i);
	mqt_name(od.ObjectName, sizeof od.ObjectName, n);
	MQHOBJ ho;
	MQLONG cc, rc;
	MQOPEN(hc, &od, opts, &ho, &cc, &rc);
	return cc == MQCC_FAILED ? MQHO_UNUSABLE_HOBJ : ho;
}

struct hdr {
	int32_t producer, queue;
	int64_t seq;
};

static void *producer(void *arg)
{
	int id = (int)(intptr_t)arg;
	MQHCONN hc = conn();
	if (hc == MQHC_UNUSABLE_HCONN) {
		failed("producer", id, "MQCONN", 0);
		return NULL;
	}
	MQHOBJ *ho = calloc((size_t)nq, sizeof *ho);
	char *body = calloc(1, (size_t)size);
	for (int i = 0; i < nq; i++)
		if ((ho[i] = open_q(hc, i, MQOO_OUTPUT)) == MQHO_UNUSABLE_HOBJ)
			failed("producer", id, "MQOPEN", 0);
	MQLONG cc, rc;
	long long put = 0;
	for (int s = 0; s < nm && !failures; s++) {
		for (int i = 0; i < nq && !failures; i++) {
			struct hdr h = { id, i, s };
			memcpy(body, &h, sizeof h);
			for (int k = (int)sizeof h; k < size; k++)
				body[k] = (char)(s + i + k);
			MQMD md = { MQMD_DEFAULT };
			MQPMO pmo = { MQPMO_DEFAULT };
			md.Persistence = MQPER_PERSISTENT;
			pmo.Options = MQPMO_SYNCPOINT | MQPMO_NEW_MSG_ID;
			MQPUT(hc, ho[i], &md, &pmo, size, body, &cc, &rc);
			if (cc != MQCC_OK)
				failed("producer", id, "MQPUT", rc);
		}
		if ((s + 1) % nb == 0 || s + 1 == nm) {
			MQCMIT(hc, &cc, &rc);
			if (cc != MQCC_OK)
				failed("producer", id, "MQCMIT", rc);
			else
				put += (s % nb + 1) * (long long)nq;
		}
	}
	MQDISC(&hc, &cc, &rc);
	pthread_mutex_lock(&lock);
	total_put += put;
	pthread_mutex_unlock(&lock);
	free(ho);
	free(body);
	return NULL;
}

static void *consumer(void *arg)
{
	int id = (int)(intptr_t)arg;
	MQHCONN hc = conn();
	if (hc == MQHC_UNUSABLE_HCONN) {
		failed("consumer", id, "MQCONN", 0);
		return NULL;
	}
	int mine = 0;
	MQHOBJ ho[4096];
	int qi[4096];
	for (int i = id; i < nq && mine < 4096; i += nc) {
		qi[mine] = i;
		if ((ho[mine++] = open_q(hc, i, MQOO_INPUT_SHARED)) == MQHO_UNUSABLE_HOBJ)
			failed("consumer", id, "MQOPEN", 0);
	}
	/* next[queue][producer]: the sequence expected; got[queue] */
	int64_t *next = calloc((size_t)mine * (size_t)np, sizeof *next);
	long long *got = calloc((size_t)mine, sizeof *got);
	char *buf = malloc((size_t)size + 1);
	long long want = (long long)np * nm, done = 0;
	MQLONG cc, rc;
	while (!failures && done < mine) {
		int in_round = 0;
		done = 0;
		for (int j = 0; j < mine && !failures; j++) {
			for (int k = 0; k < ng && got[j] < want; k++) {
				MQMD md = { MQMD_DEFAULT };
				MQGMO gmo = { MQGMO_DEFAULT };
				gmo.Options = MQGMO_SYNCPOINT | MQGMO_NO_WAIT;
				MQLONG len = 0;
				MQGET(hc, ho[j], &md, &gmo, size + 1, buf, &len, &cc, &rc);
				if (rc == MQRC_NO_MSG_AVAILABLE)
					break;
				if (cc != MQCC_OK) {
					failed("consumer", id, "MQGET", rc);
					break;
				}
				in_round++;
				struct hdr h;
				memcpy(&h, buf, sizeof h);
				int okb = len == size && h.queue == qi[j] && h.producer >= 0 && h.producer < np;
				for (int b = (int)sizeof h; okb && b < size; b++)
					okb = buf[b] == (char)(h.seq + h.queue + b);
				if (!okb || h.seq != next[j * np + h.producer]) {
					pthread_mutex_lock(&lock);
					failures++;
					printf("# consumer %d: FAN.%d gave producer %d sequence %lld, wanted %lld (len %d%s)\n", id,
					       qi[j], (int)h.producer, (long long)h.seq,
					       okb ? (long long)next[j * np + h.producer] : -1LL, (int)len,
					       okb ? "" : ", body wrong");
					pthread_mutex_unlock(&lock);
					break;
				}
				next[j * np + h.producer]++;
				got[j]++;
			}
			if (got[j] == want)
				done++;
		}
		if (!in_round)
			usleep(2000);   /* (the producers are behind: no spinning on 2 cores) */
		if (in_round) {
			MQCMIT(hc, &cc, &rc);
			if (cc != MQCC_OK) {
				failed("consumer", id, "MQCMIT", rc);
				break;
			}
		}
	}
	long long sum = 0;
	for (int j = 0; j < mine; j++)
		sum += got[j];
	MQDISC(&hc, &cc, &rc);
	pthread_mutex_lock(&lock);
	total_got += sum;
	pthread_mutex_unlock(&lock);
	free(next);
	free(got);
	free(buf);
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc != 9) {
		fprintf(stderr, "usage: mqi_fanload QM QUEUES PRODUCERS PUBLICATIONS BATCH CONSUMERS ROUND SIZE\n");
		return 2;
	}
	qmname = argv[1];
	nq = atoi(argv[2]);
	np = atoi(argv[3]);
	nm = atoi(argv[4]);
	nb = atoi(argv[5]);
	nc = atoi(argv[6]);
	ng = atoi(argv[7]);
	size = atoi(argv[8]);
	if (nq < 1 || np < 1 || nm < 1 || nb < 1 || nc < 1 || nc > nq || ng < 1 || size < (int)sizeof(struct hdr)) {
		fprintf(stderr, "mqi_fanload: bad arguments\n");
		return 2;
	}
	pthread_t *t = calloc((size_t)(np + nc), sizeof *t);
	for (int i = 0; i < nc; i++)
		pthread_create(&t[i], NULL, consumer, (void *)(intptr_t)i);
	for (int i = 0; i < np; i++)
		pthread_create(&t[nc + i], NULL, producer, (void *)(intptr_t)i);
	for (int i = 0; i < np + nc; i++)
		pthread_join(t[i], NULL);
	free(t);
	long long want = (long long)nq * np * nm;
	CHECK(!failures, "no MQI call failed and every message came in order");
	CHECK(total_put == want, "producers committed %lld messages (want %lld)", total_put, want);
	CHECK(total_got == want, "consumers got and committed %lld messages (want %lld)", total_got, want);
	if (!mqt_failed)
		printf("fanload ok %lld %lld\n", total_put, total_got);
	return mqt_done();
}
