/*
 * mqi_heavy: the heavy client tests of t8610, through libmqm as a client
 * with an MQCD in the MQCNO (MaxMsgLength 104857600, 100 MiB, MQ's largest).
 *
 *   mqi_heavy QM CHANNEL CONNAME big QUEUE SIZE SEED
 *       MQCONNX; a put of SIZE + 1 bytes (prints "over=RC": more than a
 *       MAXMSGL of 100 MiB allows); a persistent put of SIZE incompressible
 *       bytes (a function of SEED) outside syncpoint; an MQGET with a buffer
 *       one byte short (prints "short=RC": 2080, the message stays); an MQGET
 *       of the whole message into a fresh buffer, every byte compared with
 *       what was put.  Prints "put=RC get=RC len=N same=Y|N" and the seconds
 *       each took.
 *   mqi_heavy QM CHANNEL CONNAME waitget QUEUE WAIT_MS
 *       MQCONNX, MQOPEN, prints "READY", then an MQGET waiting up to WAIT_MS;
 *       prints "get=RC ms=M msg=TEXT" (M: how long the MQGET took)
 *
 * Exit status 0 when the calls ran (the script checks what they printed).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmqc.h>
#include <cmqxc.h>

static void field(char *f, size_t n, const char *s)
{
	size_t l = strlen(s) < n ? strlen(s) : n;
	memcpy(f, s, l);
	memset(f + l, ' ', n - l);
}

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void fill(uint8_t *b, size_t n, uint64_t seed)
{
	uint64_t x = seed * 2654435761u + 88172645463325252ull;
	for (size_t i = 0; i < n; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		b[i] = (uint8_t)x;
	}
}

static int big(MQHCONN hc, const char *q, size_t size, uint64_t seed)
{
	MQOD od = { MQOD_DEFAULT };
	MQHOBJ ho;
	MQLONG cc, rc;
	field(od.ObjectName, sizeof od.ObjectName, q);
	MQOPEN(hc, &od, MQOO_OUTPUT | MQOO_INPUT_AS_Q_DEF, &ho, &cc, &rc);
	if (cc == MQCC_FAILED) {
		printf("open=%d\n", (int)rc);
		return 1;
	}
	uint8_t *out = malloc(size + 1), *in = malloc(size + 1);
	if (!out || !in) {
		printf("out of memory\n");
		return 1;
	}
	fill(out, size + 1, seed);
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	md.Persistence = MQPER_PERSISTENT;
	pmo.Options = MQPMO_NO_SYNCPOINT;
	MQPUT(hc, ho, &md, &pmo, (MQLONG)(size + 1), out, &cc, &rc);
	printf("over=%d\n", (int)rc);
	MQMD md2 = { MQMD_DEFAULT };
	md2.Persistence = MQPER_PERSISTENT;
	double t0 = now_s();
	MQPUT(hc, ho, &md2, &pmo, (MQLONG)size, out, &cc, &rc);
	double t1 = now_s();
	MQLONG prc = rc;
	MQMD gd = { MQMD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	MQLONG dl = 0;
	gmo.Options = MQGMO_NO_SYNCPOINT | MQGMO_NO_WAIT;
	MQGET(hc, ho, &gd, &gmo, (MQLONG)size - 1, in, &dl, &cc, &rc);
	printf("short=%d len=%d\n", (int)rc, (int)dl);
	MQMD gd2 = { MQMD_DEFAULT };
	memset(in, 0, size + 1);
	double t2 = now_s();
	MQGET(hc, ho, &gd2, &gmo, (MQLONG)size + 1, in, &dl, &cc, &rc);
	double t3 = now_s();
	int same = prc == MQRC_NONE && rc == MQRC_NONE && (size_t)dl == size && memcmp(in, out, size) == 0 &&
		   gd2.Persistence == MQPER_PERSISTENT && !memcmp(gd2.MsgId, md2.MsgId, sizeof gd2.MsgId);
	printf("put=%d get=%d len=%d same=%s put_s=%.2f get_s=%.2f\n", (int)prc, (int)rc, (int)dl, same ? "Y" : "N",
	       t1 - t0, t3 - t2);
	free(out);
	free(in);
	MQCLOSE(hc, &ho, MQCO_NONE, &cc, &rc);
	return 0;
}

static int waitget(MQHCONN hc, const char *q, MQLONG wait_ms)
{
	MQOD od = { MQOD_DEFAULT };
	MQHOBJ ho;
	MQLONG cc, rc;
	field(od.ObjectName, sizeof od.ObjectName, q);
	MQOPEN(hc, &od, MQOO_INPUT_AS_Q_DEF, &ho, &cc, &rc);
	if (cc == MQCC_FAILED) {
		printf("open=%d\n", (int)rc);
		return 1;
	}
	printf("READY\n");
	fflush(stdout);
	char buf[256];
	MQMD md = { MQMD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	MQLONG dl = 0;
	gmo.Options = MQGMO_WAIT | MQGMO_NO_SYNCPOINT;
	gmo.WaitInterval = wait_ms;
	double t0 = now_s();
	MQGET(hc, ho, &md, &gmo, (MQLONG)sizeof buf - 1, buf, &dl, &cc, &rc);
	double t1 = now_s();
	buf[cc == MQCC_FAILED ? 0 : dl < (MQLONG)sizeof buf ? dl : (MQLONG)sizeof buf - 1] = 0;
	printf("get=%d ms=%d msg=%s\n", (int)rc, (int)((t1 - t0) * 1000), buf);
	MQCLOSE(hc, &ho, MQCO_NONE, &cc, &rc);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 6) {
		fprintf(stderr, "usage: mqi_heavy QM CHANNEL CONNAME big|waitget QUEUE ...\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	MQCHAR48 qm;
	field(qm, sizeof qm, argv[1]);
	MQCD cd = { MQCD_CLIENT_CONN_DEFAULT };
	field(cd.ChannelName, sizeof cd.ChannelName, argv[2]);
	field(cd.ConnectionName, sizeof cd.ConnectionName, argv[3]);
	cd.MaxMsgLength = 104857600;
	MQCNO cno = { MQCNO_DEFAULT };
	cno.Version = MQCNO_VERSION_2;
	cno.ClientConnPtr = &cd;
	MQHCONN hc;
	MQLONG cc, rc;
	MQCONNX(qm, &cno, &hc, &cc, &rc);
	if (cc == MQCC_FAILED) {
		printf("conn=%d\n", (int)rc);
		return 1;
	}
	int r = 2;
	if (!strcmp(argv[4], "big") && argc == 8)
		r = big(hc, argv[5], (size_t)atol(argv[6]), (uint64_t)atoll(argv[7]));
	else if (!strcmp(argv[4], "waitget") && argc == 7)
		r = waitget(hc, argv[5], (MQLONG)atol(argv[6]));
	MQDISC(&hc, &cc, &rc);
	return r;
}
