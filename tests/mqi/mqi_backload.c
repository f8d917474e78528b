/*
 * mqi_backload: one application's load for the backup queue manager test
 * (tests/integration/t6270-backup-qmgr.sh).  Units of work, each under
 * syncpoint: one to three persistent puts of incompressible bodies of several
 * sizes (64 bytes to 3 MiB, so that large ones are records of many parts
 * that cross log extents), and every third one also a get of whatever message
 * comes first; then MQCMIT.  Once MQCMIT returned OK it prints, with the
 * time in milliseconds since 1970:
 *   P ms size sum      a put acknowledged (size and checksum of its body)
 *   G ms size sum      a get acknowledged (the body it got)
 * It waits PAUSE milliseconds after each (so that a test can act while the
 * load goes on), and stops after COUNT units of work, or when the file STOP
 * exists, or at the first call that fails (printing "E call reason").  Bodies are made
 * from TAG, so two loaders never put the same body.
 *
 *   usage: mqi_backload QM QUEUE TAG COUNT STOPFILE [PAUSE]
 */
#include "mqt.h"

#include <stdint.h>
#include <sys/stat.h>
#include <time.h>

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static uint64_t body_fill(uint8_t *b, size_t n, uint64_t seed)
{
	uint64_t x = seed * 2654435761u + 0x9E3779B97F4A7C15ull, sum = 0;
	for (size_t i = 0; i < n; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		b[i] = (uint8_t)x;
		sum = sum * 31 + b[i];
	}
	return sum;
}

int main(int argc, char **argv)
{
	if (argc != 6 && argc != 7) {
		fprintf(stderr, "usage: mqi_backload QM QUEUE TAG COUNT STOPFILE [PAUSE]\n");
		return 2;
	}
	static const size_t sizes[] = { 64, 5000, 70000, 100000, 1500, 3u << 20, 900, 200000 };
	const char *qm = argv[1], *q = argv[2];
	uint64_t tag = 0;
	for (const char *s = argv[3]; *s; s++)
		tag = tag * 131 + (uint8_t)*s;
	long count = atol(argv[4]), pause = argc == 7 ? atol(argv[6]) : 0;
	MQHCONN hc = mqt_conn(qm, 0);
	MQHOBJ ho, hi;
	MQLONG cc, rc;
	if (hc == MQHC_UNUSABLE_HCONN || mqt_open(hc, q, MQOO_OUTPUT, &ho) != MQRC_NONE ||
	    mqt_open(hc, q, MQOO_INPUT_SHARED, &hi) != MQRC_NONE) {
		printf("E open\n");
		return 1;
	}
	size_t cap = 4u << 20;
	uint8_t *buf = malloc(cap);
	if (!buf)
		return 1;
	struct { char kind; size_t size; unsigned long long sum; } acked[8];
	uint64_t k = 0;
	for (long u = 0; u < count; u++) {
		struct stat st;
		if (stat(argv[5], &st) == 0)
			break;
		int nl = 0, nput = 1 + (int)(u % 3);
		for (int i = 0; i < nput; i++, k++) {
			size_t n = sizes[(k * 7 + (uint64_t)u) % (sizeof sizes / sizeof sizes[0])];
			uint64_t sum = body_fill(buf, n, tag * 1000003u + k);
			MQMD md = { MQMD_DEFAULT };
			MQPMO pmo = { MQPMO_DEFAULT };
			md.Persistence = MQPER_PERSISTENT;
			pmo.Options = MQPMO_SYNCPOINT;
			MQPUT(hc, ho, &md, &pmo, (MQLONG)n, buf, &cc, &rc);
			if (rc != MQRC_NONE) {
				printf("E MQPUT %d\n", (int)rc);
				return 1;
			}
			acked[nl].kind = 'P', acked[nl].size = n, acked[nl++].sum = (unsigned long long)sum;
		}
		if (u % 3 == 2) {
			MQMD md = { MQMD_DEFAULT };
			MQGMO gmo = { MQGMO_DEFAULT };
			MQLONG len = 0;
			gmo.Options = MQGMO_SYNCPOINT | MQGMO_NO_WAIT;
			MQGET(hc, hi, &md, &gmo, (MQLONG)cap, buf, &len, &cc, &rc);
			if (rc == MQRC_NONE) {
				uint64_t sum = 0;
				for (MQLONG i = 0; i < len; i++)
					sum = sum * 31 + buf[i];
				acked[nl].kind = 'G', acked[nl].size = (size_t)len, acked[nl++].sum = (unsigned long long)sum;
			} else if (rc != MQRC_NO_MSG_AVAILABLE) {
				printf("E MQGET %d\n", (int)rc);
				return 1;
			}
		}
		MQCMIT(hc, &cc, &rc);
		if (rc != MQRC_NONE) {
			printf("E MQCMIT %d\n", (int)rc);
			return 1;
		}
		long long t = (long long)now_ms();
		for (int i = 0; i < nl; i++)
			printf("%c %lld %zu %llu\n", acked[i].kind, t, acked[i].size, acked[i].sum);
		fflush(stdout);
		if (pause > 0) {
			struct timespec ts = { pause / 1000, (pause % 1000) * 1000000L };
			nanosleep(&ts, NULL);
		}
	}
	free(buf);
	mqt_close(hc, &ho);
	mqt_close(hc, &hi);
	MQDISC(&hc, &cc, &rc);
	return 0;
}
