/*
 * mqi_crashmix: the load, the checker (crashmix_check.h) and the planting tool of the crash
 * suite (tests/crash/README.md; the oracle is reliability-plan.md section 3).
 *
 *   mqi_crashmix load QM DIR ROUND [-p PRODUCERS] [-c CONSUMERS] [-s SEED]
 *                [-t SECONDS] [-M MAXBYTES] [-B BIG_PERMILLE] [-U MAXUOW]
 *       Producer and consumer threads, each with its own connection, on the
 *       queues CRASH.PRI (MSGDLVSQ(PRIORITY), index 0) and CRASH.FIFO
 *       (MSGDLVSQ(FIFO), index 1).  Producers put persistent and
 *       nonpersistent messages of 100 bytes to MAXBYTES (default 4 MiB;
 *       incompressible bodies), priorities 0-9, outside syncpoint or in units
 *       of work of 1-MAXUOW puts (default 5) ended by MQCMIT (sometimes
 *       MQBACK).  Consumers get outside syncpoint, or 1-4 gets under
 *       syncpoint, sometimes with a receipt put to the other queue in the same
 *       unit of work, then MQCMIT or MQBACK; they check each body as they read
 *       it and record its BackoutCount.  Worker t of round R has the id
 *       R*100+t (its producer id in the bodies it puts) and appends its
 *       history to DIR/h-R-ID.log, one line per event, flushed per line
 *       (Jepsen: "invoke" before the call, then "ok", "fail" or "info" after
 *       the reply).  A worker stops at its first call whose outcome is unknown
 *       (the queue manager died: 2009 ...); after -t SECONDS (default 60)
 *       every worker ends its unit of work and disconnects.  Exits 0 once
 *       every worker has stopped.
 *
 *   mqi_crashmix check QM STATE [--drain] [--snapshot FILE] [--dump FILE]
 *                [--live] [--bo=plan|hardened|strict|definite] [HISTORY...]
 *       After a restart: reads STATE (what earlier checks of this run
 *       learned; missing = empty), the histories of the rounds since, then
 *       browses each queue (or reads the browse from FILE, the format --dump
 *       writes: "b Q p=PID s=SEQ ..." lines, fields left out taking the values
 *       the history put), and with --drain gets every message with one
 *       consumer and checks that order too.  Decides each unit of work
 *       (committed, backed out, or indeterminate: settled from what is on the
 *       queues; mixed is an atomicity violation), then prints one line per
 *       violation kind, "KIND COUNT" (lost duplicated resurrected
 *       backout_count atomicity phantom isolation unexpected corrupt_body
 *       order np_survived np_corrupt), "# ..." lines naming the messages, and
 *       writes STATE back.  --live: the queue manager was not restarted since
 *       the histories (nonpersistent messages may be there; no unit of work
 *       may be open).  --bo, the least BackoutCount a message got and backed
 *       out must show (tests/crash/README.md): plan (the default,
 *       reliability-plan I2): every MQBACK (or 2003) counted, and at least 1
 *       after a crash cut a unit of work that had got it; hardened: every
 *       backout whose log record is known durable (an acknowledged
 *       persistent put or get outside syncpoint, or commit, was asked for
 *       after it), MQBACK or crash alike; strict: every backout; definite:
 *       MQBACK and 2003 only.  Exit 1 on any violation, 2 on bad input.
 *
 *   mqi_crashmix totals STATE       the run's cumulative counts, KEY=VALUE
 *   mqi_crashmix plant QM Q PID SEQ PRI PERS LEN [corrupt|garbage|mdpri=N]
 *       put one message outside syncpoint with the given header (Q 0 or 1),
 *       for tests/crash/test-checker.sh; prints "invoke put" and "ok put"
 *       lines for a history on stdout.
 */
#include "mqt.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

#define NQ 2
static const char *const qnames[NQ] = { "CRASH.PRI", "CRASH.FIFO" };
static const int q_priority[NQ] = { 1, 0 };

#define HDR_LEN 64
#define MAGIC 0x48524351u   /* "QCRH" little-endian */
#define MIN_LEN 100
#define MAX_LEN (4 * 1024 * 1024)
#define GETBUF (MAX_LEN + 65536)

/* ---- bodies ------------------------------------------------------------------------------ */

static uint32_t crc_tab[256];
static pthread_once_t crc_once = PTHREAD_ONCE_INIT;
static void crc_init(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
		crc_tab[i] = c;
	}
}
static uint32_t crc32_of(const uint8_t *p, size_t n)
{
	pthread_once(&crc_once, crc_init);
	uint32_t c = 0xFFFFFFFFu;
	while (n--)
		c = crc_tab[(c ^ *p++) & 0xFF] ^ (c >> 8);
	return c ^ 0xFFFFFFFFu;
}

static void put32(uint8_t *b, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		b[i] = (uint8_t)(v >> (8 * i));
}
static void put64(uint8_t *b, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		b[i] = (uint8_t)(v >> (8 * i));
}
static uint32_t get32(const uint8_t *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}
static uint64_t get64(const uint8_t *b)
{
	return (uint64_t)get32(b) | (uint64_t)get32(b + 4) << 32;
}

/* The header atop every body: {magic, producer id, seq, priority,
 * persistence, uow id, index in uow, uow size, body length, crc32 of the body
 * after the header, queue index, crc32 of the header before it}. */
struct hdr {
	uint32_t pid;
	uint64_t seq;
	uint32_t pri, pers;
	uint64_t uow;
	uint32_t idx, n, len, crc, q;
};

static void hdr_write(uint8_t *b, const struct hdr *h)
{
	memset(b, 0, HDR_LEN);
	put32(b, MAGIC);
	put32(b + 4, h->pid);
	put64(b + 8, h->seq);
	put32(b + 16, h->pri);
	put32(b + 20, h->pers);
	put64(b + 24, h->uow);
	put32(b + 32, h->idx);
	put32(b + 36, h->n);
	put32(b + 40, h->len);
	put32(b + 44, h->crc);
	put32(b + 48, h->q);
	put32(b + 52, crc32_of(b, 52));
}

/* 0: a header; -1: not one (short, magic, its own crc) */
static int hdr_read(const uint8_t *b, size_t len, struct hdr *h)
{
	if (len < HDR_LEN || get32(b) != MAGIC || get32(b + 52) != crc32_of(b, 52))
		return -1;
	h->pid = get32(b + 4);
	h->seq = get64(b + 8);
	h->pri = get32(b + 16);
	h->pers = get32(b + 20);
	h->uow = get64(b + 24);
	h->idx = get32(b + 32);
	h->n = get32(b + 36);
	h->len = get32(b + 40);
	h->crc = get32(b + 44);
	h->q = get32(b + 48);
	return 0;
}

static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}
static unsigned rnd(uint64_t *x, unsigned n)
{
	return (unsigned)(splitmix(x) % n);
}

/* incompressible bytes after the header */
static void body_fill(uint8_t *b, size_t len, uint64_t seed)
{
	uint64_t x = seed;
	size_t i = HDR_LEN;
	for (; i + 8 <= len; i += 8)
		put64(b + i, splitmix(&x));
	uint64_t last = splitmix(&x);
	for (; i < len; i++, last >>= 8)
		b[i] = (uint8_t)last;
}

/* a whole body for h (h->crc filled in) */
static void body_make(uint8_t *b, struct hdr *h)
{
	body_fill(b, h->len, ((uint64_t)h->pid << 32) ^ h->seq ^ 0x5EEDull);
	h->crc = crc32_of(b + HDR_LEN, h->len - HDR_LEN);
	hdr_write(b, h);
}

static int64_t now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* ---- load ------------------------------------------------------------------------------------- */

static const char *L_qm, *L_dir;
static long L_round;
static int64_t L_deadline;
static size_t L_max = MAX_LEN;
static unsigned L_big = 20; /* permille of puts above 64 KiB */
static uint64_t L_seed = 1;
static unsigned L_uow = 5;   /* most puts in one producer's unit of work */

struct worker {
	int id, consumer;
	FILE *f;
	uint64_t rng;
	MQHCONN hc;
	MQHOBJ h[NQ];
	uint8_t *buf;
	uint64_t seq, uown;
	long puts, gets, commits, backs;
	int dead;
	MQLONG rc;   /* of the last call */
};

/* an unknown outcome the worker may go on after: the queue manager is there
 * but short of memory (a put may have been logged: its message may come back
 * at restart) */
static int goes_on(MQLONG rc)
{
	return rc == MQRC_STORAGE_NOT_AVAILABLE;
}

static void hlog(struct worker *w, const char *fmt, ...)
{
	va_list ap;
	fprintf(w->f, "%" PRId64 " %d ", now_us(), w->id);
	va_start(ap, fmt);
	vfprintf(w->f, fmt, ap);
	va_end(ap);
	fputc('\n', w->f);
	fflush(w->f);
}

enum { RES_OK, RES_FAIL, RES_INFO };
static const char *const rname[] = { "ok", "fail", "info" };

/* definite failures only: anything else may or may not have happened */
static int classify(MQLONG cc, MQLONG rc, int verb)
{
	if (rc == MQRC_NONE && cc != MQCC_FAILED)
		return RES_OK;
	switch (rc) {
	case MQRC_BACKED_OUT:
		return RES_FAIL;
	case MQRC_NO_MSG_AVAILABLE:
		return verb == 'g' ? RES_FAIL : RES_INFO;
	case MQRC_Q_FULL:
	case MQRC_MSG_TOO_BIG_FOR_Q:
	case MQRC_MSG_TOO_BIG_FOR_Q_MGR:
		return verb == 'p' ? RES_FAIL : RES_INFO;
	case MQRC_RESOURCE_PROBLEM:      /* a full log (reliability-plan I12: the call fails) */
	case MQRC_Q_SPACE_NOT_AVAILABLE: /* a full disk */
		return verb == 'p' || verb == 'g' ? RES_FAIL : RES_INFO;
	default:
		return RES_INFO;
	}
}

static int stopping(void)
{
	return now_us() >= L_deadline;
}

static size_t pick_len(uint64_t *rng)
{
	unsigned r = rnd(rng, 1000);
	size_t lo, hi;
	if (r < L_big) {
		lo = 65536, hi = L_max;
		if (rnd(rng, 4) == 0)
			lo = hi > (1u << 20) ? hi - (1u << 20) : lo;   /* near the top */
	} else if (r < 200) {
		lo = 2048, hi = 65536;
	} else {
		lo = MIN_LEN, hi = 2048;
	}
	if (hi > L_max)
		hi = L_max;
	if (lo > hi)
		lo = hi;
	return lo + rnd(rng, (unsigned)(hi - lo + 1));
}

/* put one message; returns the outcome (logged) */
static int do_put(struct worker *w, int q, int sp, uint64_t uow, uint32_t idx, uint32_t n)
{
	struct hdr h = { .pid = (uint32_t)w->id, .seq = ++w->seq, .pri = rnd(&w->rng, 10),
			 .pers = rnd(&w->rng, 100) < 70, .uow = uow, .idx = idx, .n = n, .q = (uint32_t)q };
	h.len = (uint32_t)pick_len(&w->rng);
	body_make(w->buf, &h);
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	MQLONG cc, rc;
	md.Priority = (MQLONG)h.pri;
	md.Persistence = h.pers ? MQPER_PERSISTENT : MQPER_NOT_PERSISTENT;
	pmo.Options = (sp ? MQPMO_SYNCPOINT : MQPMO_NO_SYNCPOINT) | MQPMO_NEW_MSG_ID;
	hlog(w, "invoke put q=%d p=%u s=%" PRIu64 " pri=%u per=%u sp=%d u=%" PRIu64 " i=%u n=%u len=%u crc=%08x", q,
	     h.pid, h.seq, h.pri, h.pers, sp, uow, idx, n, h.len, h.crc);
	MQPUT(w->hc, w->h[q], &md, &pmo, (MQLONG)h.len, w->buf, &cc, &rc);
	w->rc = rc;
	int r = classify(cc, rc, 'p');
	hlog(w, "%s put p=%u s=%" PRIu64 " rc=%d", rname[r], h.pid, h.seq, (int)rc);
	if (r == RES_OK)
		w->puts++;
	return rc == MQRC_BACKED_OUT ? -1 : r;
}

/* what is wrong with a body got from queue q (0: nothing) */
static int body_bad(const uint8_t *b, MQLONG len, const MQMD *md, int q, struct hdr *h)
{
	if (hdr_read(b, (size_t)len, h))
		return 1;
	int bad = 0;
	if (h->len != (uint32_t)len)
		bad |= 4;
	else if (crc32_of(b + HDR_LEN, (size_t)len - HDR_LEN) != h->crc)
		bad |= 2;
	if ((uint32_t)md->Priority != h->pri)
		bad |= 8;
	if ((md->Persistence == MQPER_PERSISTENT) != (h->pers == 1))
		bad |= 16;
	if (h->q != (uint32_t)q)
		bad |= 32;
	return bad;
}

/* get one message; returns the outcome (logged), -1 for backed out, -2 for none */
static int do_get(struct worker *w, int q, int sp, uint64_t uow)
{
	MQMD md = { MQMD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	MQLONG cc, rc, len = 0;
	gmo.Version = MQGMO_VERSION_2;
	gmo.MatchOptions = MQMO_NONE;
	gmo.Options = MQGMO_WAIT | (sp ? MQGMO_SYNCPOINT : MQGMO_NO_SYNCPOINT);
	gmo.WaitInterval = 100;
	hlog(w, "invoke get q=%d sp=%d u=%" PRIu64, q, sp, uow);
	MQGET(w->hc, w->h[q], &md, &gmo, GETBUF, w->buf, &len, &cc, &rc);
	w->rc = rc;
	int r = classify(cc, rc, 'g');
	if (r == RES_OK) {
		struct hdr h = { 0 };
		int bad = body_bad(w->buf, len, &md, q, &h);
		hlog(w, "ok get q=%d sp=%d u=%" PRIu64 " p=%u s=%" PRIu64 " bo=%d pri=%d per=%d len=%d bad=%d", q, sp,
		     uow, h.pid, h.seq, (int)md.BackoutCount, (int)md.Priority,
		     md.Persistence == MQPER_PERSISTENT, (int)len, bad);
		w->gets++;
		return RES_OK;
	}
	hlog(w, "%s get rc=%d", rname[r], (int)rc);
	if (rc == MQRC_BACKED_OUT)
		return -1;
	if (rc == MQRC_NO_MSG_AVAILABLE)
		return -2;
	return r;
}

/* end a unit of work: MQCMIT (or MQBACK when back); 0, or RES_INFO */
static int end_uow(struct worker *w, uint64_t uow, int back)
{
	MQLONG cc, rc;
	hlog(w, "invoke %s u=%" PRIu64, back ? "back" : "commit", uow);
	if (back)
		MQBACK(w->hc, &cc, &rc);
	else
		MQCMIT(w->hc, &cc, &rc);
	int r = classify(cc, rc, back ? 'b' : 'c');
	hlog(w, "%s %s u=%" PRIu64 " rc=%d", rname[r], back ? "back" : "commit", uow, (int)rc);
	if (r == RES_OK)
		back ? w->backs++ : w->commits++;
	return r == RES_INFO;
}

static void *producer(void *arg)
{
	struct worker *w = arg;
	while (!stopping()) {
		int q = (int)rnd(&w->rng, NQ), sp = rnd(&w->rng, 100) < 50;
		uint32_t n = sp ? 1 + rnd(&w->rng, L_uow) : 1;
		uint64_t uow = sp ? (uint64_t)w->id * 1000000 + ++w->uown : 0;
		int backed = 0, r = RES_OK;
		for (uint32_t i = 0; i < n && !backed; i++) {
			r = do_put(w, q, sp, uow, i, n);
			if (r == RES_INFO && !goes_on(w->rc))
				return w->dead = 1, NULL;
			backed = r == -1;
		}
		if (sp && end_uow(w, uow, backed || rnd(&w->rng, 100) < 10))
			return w->dead = 1, NULL;
	}
	return NULL;
}

static void *consumer(void *arg)
{
	struct worker *w = arg;
	while (!stopping()) {
		int q = (int)rnd(&w->rng, NQ), sp = rnd(&w->rng, 100) < 60;
		uint32_t n = sp ? 1 + rnd(&w->rng, 4) : 1;
		uint64_t uow = sp ? (uint64_t)w->id * 1000000 + ++w->uown : 0;
		int got = 0, backed = 0, r;
		for (uint32_t i = 0; i < n; i++) {
			r = do_get(w, q, sp, uow);
			if (r == RES_INFO && !goes_on(w->rc))
				return w->dead = 1, NULL;
			if (r == -1 || (r == RES_INFO && sp))
				backed = 1;   /* 2003, or a get that may have got one: back out */
			if (r != RES_OK)
				break;
			got++;
		}
		if (!sp || (!got && !backed))
			continue;
		if (!backed && rnd(&w->rng, 100) < 30) {   /* a receipt in the same unit of work */
			r = do_put(w, 1 - q, 1, uow, 0, 1);
			if (r == RES_INFO && !goes_on(w->rc))
				return w->dead = 1, NULL;
			backed = r == -1;
		}
		if (end_uow(w, uow, backed || rnd(&w->rng, 100) < 15))
			return w->dead = 1, NULL;
	}
	return NULL;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	MQLONG cc, rc;
	MQCNO cno = { MQCNO_DEFAULT };
	MQCHAR48 name;
	mqt_name(name, sizeof name, L_qm);
	cno.Options = MQCNO_HANDLE_SHARE_BLOCK;
	hlog(w, "invoke conn");
	MQCONNX(name, &cno, &w->hc, &cc, &rc);
	if (cc == MQCC_FAILED) {
		hlog(w, "info conn rc=%d", (int)rc);
		return NULL;
	}
	hlog(w, "ok conn");
	for (int q = 0; q < NQ; q++) {
		MQLONG rc2 = mqt_open(w->hc, qnames[q], MQOO_OUTPUT | MQOO_INPUT_SHARED, &w->h[q]);
		if (rc2 != MQRC_NONE) {
			hlog(w, "info open q=%d rc=%d", q, (int)rc2);
			return NULL;
		}
	}
	(w->consumer ? consumer : producer)(w);
	if (!w->dead)
		MQDISC(&w->hc, &cc, &rc);
	return NULL;
}

static int load_main(int argc, char **argv)
{
	if (argc < 5)
		return fprintf(stderr, "usage: mqi_crashmix load QM DIR ROUND [-p N] [-c N] [-s SEED] [-t S] [-M MAX] [-B PERMILLE] [-U MAXUOW]\n"), 2;
	L_qm = argv[2];
	L_dir = argv[3];
	L_round = atol(argv[4]);
	int np = 3, nc = 2;
	double secs = 60;
	for (int i = 5; i + 1 < argc; i += 2) {
		const char *o = argv[i], *v = argv[i + 1];
		if (!strcmp(o, "-p"))
			np = atoi(v);
		else if (!strcmp(o, "-c"))
			nc = atoi(v);
		else if (!strcmp(o, "-s"))
			L_seed = strtoull(v, NULL, 10);
		else if (!strcmp(o, "-t"))
			secs = atof(v);
		else if (!strcmp(o, "-M"))
			L_max = (size_t)atol(v);
		else if (!strcmp(o, "-B"))
			L_big = (unsigned)atoi(v);
		else if (!strcmp(o, "-U"))
			L_uow = (unsigned)atoi(v);
		else
			return fprintf(stderr, "mqi_crashmix load: unknown option %s\n", o), 2;
	}
	if (L_max < MIN_LEN || L_max > MAX_LEN || L_uow < 1 || np < 0 || nc < 0 || np + nc < 1 || np + nc > 99)
		return fprintf(stderr, "mqi_crashmix load: bad option value\n"), 2;
	L_deadline = now_us() + (int64_t)(secs * 1e6);
	int nw = np + nc;
	struct worker *ws = calloc((size_t)nw, sizeof *ws);
	pthread_t *th = calloc((size_t)nw, sizeof *th);
	if (!ws || !th)
		return 2;
	for (int t = 0; t < nw; t++) {
		struct worker *w = &ws[t];
		char path[4096];
		w->id = (int)(L_round * 100 + t);
		w->consumer = t >= np;
		w->rng = L_seed * 1000003 + (uint64_t)w->id;
		w->buf = malloc(GETBUF);
		snprintf(path, sizeof path, "%s/h-%ld-%d.log", L_dir, L_round, w->id);
		w->f = fopen(path, "a");
		if (!w->f || !w->buf)
			return fprintf(stderr, "mqi_crashmix load: %s: %s\n", path, strerror(errno)), 2;
	}
	for (int t = 0; t < nw; t++)
		pthread_create(&th[t], NULL, worker_main, &ws[t]);
	long puts = 0, gets = 0, commits = 0, backs = 0, dead = 0;
	for (int t = 0; t < nw; t++) {
		pthread_join(th[t], NULL);
		puts += ws[t].puts, gets += ws[t].gets, commits += ws[t].commits, backs += ws[t].backs;
		dead += ws[t].dead;
		fclose(ws[t].f);
		free(ws[t].buf);
	}
	printf("load round %ld: %ld puts, %ld gets, %ld commits, %ld backouts acknowledged; %ld workers stopped by a failure\n",
	       L_round, puts, gets, commits, backs, dead);
	free(ws);
	free(th);
	return 0;
}

/* ---- plant ------------------------------------------------------------------------------------ */

static int plant_main(int argc, char **argv)
{
	if (argc < 9)
		return fprintf(stderr, "usage: mqi_crashmix plant QM Q PID SEQ PRI PERS LEN [corrupt|garbage|mdpri=N]\n"), 2;
	int q = atoi(argv[3]);
	struct hdr h = { .pid = (uint32_t)atol(argv[4]), .seq = strtoull(argv[5], NULL, 10),
			 .pri = (uint32_t)atoi(argv[6]), .pers = (uint32_t)atoi(argv[7]), .n = 1, .q = (uint32_t)q };
	h.len = (uint32_t)atol(argv[8]);
	const char *how = argc > 9 ? argv[9] : "";
	if (q < 0 || q >= NQ || h.len < HDR_LEN + 1 || h.len > MAX_LEN)
		return fprintf(stderr, "mqi_crashmix plant: bad arguments\n"), 2;
	uint8_t *b = malloc(h.len);
	if (!b)
		return 2;
	body_make(b, &h);
	MQLONG mdpri = (MQLONG)h.pri;
	if (!strcmp(how, "corrupt"))
		b[h.len - 1] ^= 0x5A;
	else if (!strcmp(how, "garbage"))
		memset(b, 0x47, HDR_LEN);
	else if (!strncmp(how, "mdpri=", 6))
		mdpri = atoi(how + 6);
	MQHCONN hc = mqt_conn(argv[2], 0);
	MQHOBJ ho;
	MQLONG cc, rc;
	if (hc == MQHC_UNUSABLE_HCONN || mqt_open(hc, qnames[q], MQOO_OUTPUT, &ho) != MQRC_NONE)
		return 1;
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	md.Priority = mdpri;
	md.Persistence = h.pers ? MQPER_PERSISTENT : MQPER_NOT_PERSISTENT;
	pmo.Options = MQPMO_NO_SYNCPOINT | MQPMO_NEW_MSG_ID;
	MQPUT(hc, ho, &md, &pmo, (MQLONG)h.len, b, &cc, &rc);
	if (rc != MQRC_NONE)
		return fprintf(stderr, "mqi_crashmix plant: MQPUT %d\n", (int)rc), 1;
	printf("1 99 invoke put q=%d p=%u s=%" PRIu64 " pri=%u per=%u sp=0 u=0 i=0 n=1 len=%u crc=%08x\n", q, h.pid,
	       h.seq, h.pri, h.pers, h.len, h.crc);
	printf("2 99 ok put p=%u s=%" PRIu64 " rc=0\n", h.pid, h.seq);
	mqt_close(hc, &ho);
	MQDISC(&hc, &cc, &rc);
	free(b);
	return 0;
}

/* ---- check, totals ----------------------------------------------------------------------------- */

#include "crashmix_check.h"

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc >= 2 && !strcmp(argv[1], "load"))
		return load_main(argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "check"))
		return check_main(argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "totals"))
		return totals_main(argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "plant"))
		return plant_main(argc, argv);
	fprintf(stderr, "usage: mqi_crashmix load|check|totals|plant ...\n");
	return 2;
}
