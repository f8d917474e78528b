/*
 * netbench.c: MQI messages per second over TCP and TLS on loopback, beside
 * the same run's local (bindings) figures and the disk's own limits.
 *
 * bench/netbench.sh makes a throwaway queue manager, its key repository, the
 * SVRCONN channels, the queues and a listener, and runs this program; by hand:
 *   netbench --qmgr QM --port PORT [--logdir DATA/log/QM] [--keyr STEM]
 *            [--seconds S] [--raw-seconds S] [--apps 1,4]
 *            [--sizes 1024,65536] [--transports shm,unix,tcp,tls12,tls13]
 *            [--modes p,np]
 *
 * What the queue manager must hold (netbench.sh defines it): local queues
 * NET.Q.1 .. NET.Q.<most applications>, and on the listener at 127.0.0.1(PORT)
 * the SVRCONN channels NET.SVRCONN (plain), NET.TLS12.SVRCONN with
 * SSLCIPH(ECDHE_RSA_AES_128_GCM_SHA256) and NET.TLS13.SVRCONN with
 * SSLCIPH(TLS_AES_128_GCM_SHA256), both SSLCAUTH(OPTIONAL): the client sends
 * no certificate and checks the queue manager's against <STEM>.ca.
 *
 * Transports (how each application connects; every case runs them one after
 * the other, so the machine's drift touches them alike):
 *   shm    local (MQCNO_LOCAL_BINDING): requests over the shared-memory
 *          channel libmqm offers after MQCONN (qm/mqi/ring.c);
 *   unix   local, QUIRE_IPC=socket: every request over the Unix socket;
 *   tcp    a client (MQCNO_CLIENT_BINDING with an MQCD) on NET.SVRCONN;
 *   tls12  the same on NET.TLS12.SVRCONN, TLS 1.2 (MQSCO KeyRepository STEM);
 *   tls13  the same on NET.TLS13.SVRCONN, TLS 1.3.
 *
 * A case: a mode (p: MQPUT under syncpoint, MQCMIT, MQGET under syncpoint,
 * MQCMIT, two commits a message; np: nonpersistent MQPUT and MQGET outside
 * syncpoint), a size, a number of applications (threads, each its own
 * connection and its own queue NET.Q.<n>) and a transport, for --seconds.  A
 * message is one put plus its get; msgs/s counts them over the case, p50 and
 * p99 are the pair's latency (commits included).
 *
 * Every message is checked: its body is the application's incompressible
 * bytes (fill_random, so the log cannot compress them) with its number and
 * the application's stamped in its first 16 bytes; the get must return
 * exactly that many bytes, equal byte for byte (stronger than a checksum),
 * and the number must be the one just put (order: a queue of its own is
 * FIFO); at the end of the case the queue's depth (MQINQ CURDEPTH) must be 0
 * (count: nothing left, nothing extra).  A failed check prints BROKEN with
 * the application, the message number and what differed, and the exit status
 * is 1.
 *
 * CPU: the benchmark process's CPU time over the case (getrusage: the
 * applications, libmqm, OpenSSL's client side) and the
 * queue manager's (/proc/PID/stat utime+stime of every thread: its loop, the
 * listener's connections, TLS on its side), each in microseconds a message.
 * The queue manager's process is found as recoverybench finds it
 * (qm/home/qmgr.h: its status file under MQ_DATA_PATH); "n/m" when it is not.
 *
 * Limits, first, in the same run, on the log's file system (--logdir): the
 * raw fdatasync rate (4 KiB at a fixed offset, as mqbench) and sequential
 * write bandwidth (1 MiB writes, one fdatasync; benchdisk.h).
 *
 * A benchmark, not a test: no goals; exit 0 unless something failed (an MQI
 * call, a check, an I/O error, bad options).
 */
#include "bench/benchdisk.h"
#include "bench/benchprobe.h"
#include "cmqc.h"
#include "cmqxc.h"
#include "qm/home/qmgr.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define MAXLIST 8
#define MAXAPPS 32
#define GET_WAIT_MS 30000
#define STAMP 16                       /* app id and message number at the body's start */

enum { T_SHM, T_UNIX, T_TCP, T_TLS12, T_TLS13, NTRANS };
static const char *const tname[NTRANS] = { "shm", "unix", "tcp", "tls12", "tls13" };
static const char *const tchl[NTRANS] = { "", "", "NET.SVRCONN", "NET.TLS12.SVRCONN", "NET.TLS13.SVRCONN" };
static const char *const tciph[NTRANS] = { "", "", "", "ECDHE_RSA_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256" };

struct opts {
	char qmgr[MQ_Q_MGR_NAME_LENGTH + 1];
	char logdir[PATH_MAX];
	char keyr[256];
	int port, qmpid;
	double seconds, raw_seconds;
	int apps[MAXLIST], napps;
	int sizes[MAXLIST], nsizes;
	int trans[NTRANS], ntrans;
	int modes[2], nmodes;              /* 1 persistent, 0 not */
};

/* ---- the applications -------------------------------------------------------------- */

struct bcase {
	const struct opts *o;
	int persistent, size, napps, transport;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int connected, go;                 /* under mu */
	uint64_t deadline;                 /* set before go */
	atomic_int stop;                   /* set on the first failure */
};

struct app {
	struct bcase *cs;
	pthread_t th;
	int id;
	uint64_t pairs, end_ns;
	struct lat lat;
	const char *fail_verb;             /* the MQI call or check that failed, or NULL */
	MQLONG fail_reason;
	char broken[160];                  /* what a failed check found */
};

static int app_fail(struct app *a, const char *verb, MQLONG reason)
{
	if (!a->fail_verb) {
		a->fail_verb = verb;
		a->fail_reason = reason;
	}
	atomic_store(&a->cs->stop, 1);
	return -1;
}

static int commit_if_persistent(struct app *a, MQHCONN hc)
{
	MQLONG cc, rc;
	if (!a->cs->persistent)
		return 0;
	MQCMIT(hc, &cc, &rc);
	return cc == MQCC_OK ? 0 : app_fail(a, "MQCMIT", rc);
}

static void stamp(uint8_t *b, uint32_t app, uint64_t seq)
{
	memcpy(b, "QNB1", 4);
	memcpy(b + 4, &app, 4);
	memcpy(b + 8, &seq, 8);
}

/* One put+get pair of message number seq; 0, or -1 after app_fail. */
static int pair(struct app *a, MQHCONN hc, MQHOBJ ho, uint8_t *data, uint8_t *got, uint64_t seq)
{
	struct bcase *cs = a->cs;
	MQMD md = {MQMD_DEFAULT};
	MQPMO pmo = {MQPMO_DEFAULT};
	MQGMO gmo = {MQGMO_DEFAULT};
	MQLONG cc, rc, len = 0;

	stamp(data, (uint32_t)a->id, seq);
	md.Persistence = cs->persistent ? MQPER_PERSISTENT : MQPER_NOT_PERSISTENT;
	pmo.Options = MQPMO_NEW_MSG_ID | MQPMO_FAIL_IF_QUIESCING |
		      (cs->persistent ? MQPMO_SYNCPOINT : MQPMO_NO_SYNCPOINT);
	MQPUT(hc, ho, &md, &pmo, cs->size, data, &cc, &rc);
	if (cc != MQCC_OK)
		return app_fail(a, "MQPUT", rc);
	if (commit_if_persistent(a, hc))
		return -1;
	MQMD gmd = {MQMD_DEFAULT};
	gmo.Version = MQGMO_VERSION_2;
	gmo.MatchOptions = MQMO_NONE;
	gmo.Options = MQGMO_WAIT | MQGMO_FAIL_IF_QUIESCING |
		      (cs->persistent ? MQGMO_SYNCPOINT : MQGMO_NO_SYNCPOINT);
	gmo.WaitInterval = GET_WAIT_MS;
	memset(got, 0, STAMP);
	MQGET(hc, ho, &gmd, &gmo, cs->size + 1, got, &len, &cc, &rc);
	if (cc != MQCC_OK)
		return app_fail(a, "MQGET", rc);
	if (len != cs->size || memcmp(got, data, (size_t)cs->size)) {
		uint32_t gapp = 0;
		uint64_t gseq = 0;
		memcpy(&gapp, got + 4, 4);
		memcpy(&gseq, got + 8, 8);
		if (len != cs->size)
			snprintf(a->broken, sizeof a->broken, "message %llu came back %d bytes long, not %d",
				 (unsigned long long)seq, (int)len, cs->size);
		else if (memcmp(got, "QNB1", 4) || gapp != (uint32_t)a->id || gseq != seq)
			snprintf(a->broken, sizeof a->broken,
				 "got message %llu of application %u where message %llu was next (order or loss)",
				 (unsigned long long)gseq, gapp, (unsigned long long)seq);
		else
			snprintf(a->broken, sizeof a->broken, "message %llu came back with other bytes",
				 (unsigned long long)seq);
		return app_fail(a, "check", MQRC_NONE);
	}
	return commit_if_persistent(a, hc);
}

static void connect_app(struct app *a, MQHCONN *hc)
{
	struct bcase *cs = a->cs;
	const struct opts *o = cs->o;
	MQCHAR48 qm;
	MQCNO cno = {MQCNO_DEFAULT};
	MQCD cd = {MQCD_CLIENT_CONN_DEFAULT};
	MQSCO sco = {MQSCO_DEFAULT};
	MQLONG cc, rc;

	set_name(qm, sizeof qm, o->qmgr);
	if (cs->transport == T_SHM || cs->transport == T_UNIX) {
		cno.Options = MQCNO_LOCAL_BINDING;
	} else {
		cno.Version = MQCNO_VERSION_4;
		cno.Options = MQCNO_CLIENT_BINDING;
		cd.Version = MQCD_VERSION_7;
		set_name(cd.ChannelName, sizeof cd.ChannelName, tchl[cs->transport]);
		snprintf(cd.ConnectionName, sizeof cd.ConnectionName, "127.0.0.1(%d)", o->port);
		cd.MaxMsgLength = 4 << 20;
		if (tciph[cs->transport][0]) {
			set_name(cd.SSLCipherSpec, sizeof cd.SSLCipherSpec, tciph[cs->transport]);
			set_name(sco.KeyRepository, sizeof sco.KeyRepository, o->keyr);
			cno.SSLConfigPtr = &sco;
		}
		cno.ClientConnPtr = &cd;
	}
	MQCONNX(qm, &cno, hc, &cc, &rc);
	if (cc == MQCC_FAILED) {
		*hc = MQHC_UNUSABLE_HCONN;
		app_fail(a, "MQCONNX", rc);
	}
}

/* The queue's depth, or -1 after app_fail. */
static MQLONG depth(struct app *a, MQHCONN hc, MQHOBJ hi)
{
	MQLONG sel = MQIA_CURRENT_Q_DEPTH, d = -1, cc, rc;
	MQINQ(hc, hi, 1, &sel, 1, &d, 0, NULL, &cc, &rc);
	if (cc != MQCC_OK) {
		app_fail(a, "MQINQ", rc);
		return -1;
	}
	return d;
}

static void *app_main(void *arg)
{
	struct app *a = arg;
	struct bcase *cs = a->cs;
	MQHCONN hc = MQHC_UNUSABLE_HCONN;
	MQHOBJ ho = MQHO_UNUSABLE_HOBJ, hi = MQHO_UNUSABLE_HOBJ;
	MQOD od = {MQOD_DEFAULT};
	MQLONG cc, rc;
	char qname[MQ_Q_NAME_LENGTH + 1];
	uint8_t *data = malloc((size_t)cs->size), *got = malloc((size_t)cs->size + 1);

	snprintf(qname, sizeof qname, "NET.Q.%d", a->id + 1);
	if (!data || !got) {
		app_fail(a, "malloc", MQRC_STORAGE_NOT_AVAILABLE);
	} else {
		fill_random(data, (size_t)cs->size, (uint64_t)a->id * 7919 + (uint64_t)cs->size);
		connect_app(a, &hc);
	}
	if (hc != MQHC_UNUSABLE_HCONN) {
		set_name(od.ObjectName, sizeof od.ObjectName, qname);
		MQOPEN(hc, &od, MQOO_INPUT_EXCLUSIVE | MQOO_OUTPUT | MQOO_FAIL_IF_QUIESCING, &ho, &cc, &rc);
		if (cc == MQCC_FAILED) {
			ho = MQHO_UNUSABLE_HOBJ;
			app_fail(a, "MQOPEN", rc);
		} else {
			MQOPEN(hc, &od, MQOO_INQUIRE, &hi, &cc, &rc);
			if (cc == MQCC_FAILED) {
				hi = MQHO_UNUSABLE_HOBJ;
				app_fail(a, "MQOPEN (inquire)", rc);
			} else if (depth(a, hc, hi) != 0 && !a->fail_verb) {
				snprintf(a->broken, sizeof a->broken, "%s was not empty at the start", qname);
				app_fail(a, "check", MQRC_NONE);
			}
		}
	}
	/* Connected (or failed): wait for every other application. */
	pthread_mutex_lock(&cs->mu);
	cs->connected++;
	pthread_cond_broadcast(&cs->cv);
	while (!cs->go)
		pthread_cond_wait(&cs->cv, &cs->mu);
	uint64_t deadline = cs->deadline;
	pthread_mutex_unlock(&cs->mu);

	while (ho != MQHO_UNUSABLE_HOBJ && !atomic_load(&cs->stop)) {
		uint64_t t0 = now_ns();
		if (t0 >= deadline)
			break;
		if (pair(a, hc, ho, data, got, a->pairs + 1))
			break;
		uint64_t t1 = now_ns();
		if (lat_add(&a->lat, t1 - t0)) {
			app_fail(a, "malloc", MQRC_STORAGE_NOT_AVAILABLE);
			break;
		}
		a->pairs++;
		a->end_ns = t1;
	}
	if (ho != MQHO_UNUSABLE_HOBJ) {
		if (cs->persistent && a->fail_verb)
			MQBACK(hc, &cc, &rc);
		/* count: every message put was got, none is left */
		MQLONG d = hi != MQHO_UNUSABLE_HOBJ && !a->fail_verb ? depth(a, hc, hi) : 0;
		if (d > 0) {
			snprintf(a->broken, sizeof a->broken, "%s holds %d messages after %llu put and got", qname,
				 (int)d, (unsigned long long)a->pairs);
			app_fail(a, "check", MQRC_NONE);
		}
		MQCLOSE(hc, &ho, MQCO_NONE, &cc, &rc);
		if (cc == MQCC_FAILED)
			app_fail(a, "MQCLOSE", rc);
	}
	if (hi != MQHO_UNUSABLE_HOBJ)
		MQCLOSE(hc, &hi, MQCO_NONE, &cc, &rc);
	if (hc != MQHC_UNUSABLE_HCONN) {
		MQDISC(&hc, &cc, &rc);
		if (cc == MQCC_FAILED)
			app_fail(a, "MQDISC", rc);
	}
	free(data);
	free(got);
	return NULL;
}

/* ---- one case ---------------------------------------------------------------------- */

struct result {
	int persistent, size, napps, transport, ok, broken;
	uint64_t pairs;
	double secs, rate, mbs, p50, p99;
	double cpu_me, cpu_qm;             /* us a message; -1 not measured */
};

static double self_cpu_s(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
	       (double)ru.ru_stime.tv_usec / 1e6;
}

/* utime+stime of the whole process PID in seconds, -1 when it cannot be read. */
static double proc_cpu_s(int pid)
{
	char path[64], buf[1024];
	if (pid <= 0)
		return -1;
	snprintf(path, sizeof path, "/proc/%d/stat", pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *p = strrchr(buf, ')');   /* the command may hold blanks */
	unsigned long long ut, st;
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) != 2)
		return -1;
	return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

static int run_case(const struct opts *o, int persistent, int size, int napps, int transport, struct result *res)
{
	struct bcase cs = { .o = o, .persistent = persistent, .size = size, .napps = napps, .transport = transport };
	struct app *apps = calloc((size_t)napps, sizeof *apps);
	int err = 0, started = 0;

	memset(res, 0, sizeof *res);
	res->persistent = persistent;
	res->size = size;
	res->napps = napps;
	res->transport = transport;
	res->cpu_me = res->cpu_qm = -1;
	if (!apps)
		return -1;
	/* read at each MQCONN (qm/mqi/ring.c); no application thread runs now */
	if (transport == T_UNIX)
		setenv("QUIRE_IPC", "socket", 1);
	else
		unsetenv("QUIRE_IPC");
	pthread_mutex_init(&cs.mu, NULL);
	pthread_cond_init(&cs.cv, NULL);
	atomic_store(&cs.stop, 0);
	for (; started < napps; started++) {
		apps[started].cs = &cs;
		apps[started].id = started;
		int e = pthread_create(&apps[started].th, NULL, app_main, &apps[started]);
		if (e) {
			printf("netbench: pthread_create failed: %s\n", strerror(e));
			atomic_store(&cs.stop, 1);
			err = -1;
			break;
		}
	}
	pthread_mutex_lock(&cs.mu);
	while (cs.connected < started)
		pthread_cond_wait(&cs.cv, &cs.mu);
	double me0 = self_cpu_s(), qm0 = proc_cpu_s(o->qmpid);
	uint64_t t0 = now_ns();
	cs.deadline = t0 + (uint64_t)(o->seconds * 1e9);
	cs.go = 1;
	pthread_cond_broadcast(&cs.cv);
	pthread_mutex_unlock(&cs.mu);

	uint64_t end = t0;
	for (int i = 0; i < started; i++) {
		pthread_join(apps[i].th, NULL);
		if (apps[i].end_ns > end)
			end = apps[i].end_ns;
	}
	double me1 = self_cpu_s(), qm1 = proc_cpu_s(o->qmpid);
	struct lat all = { 0 };
	for (int i = 0; i < started; i++) {
		res->pairs += apps[i].pairs;
		for (size_t k = 0; k < apps[i].lat.n; k++)
			if (lat_add(&all, apps[i].lat.v[k]))
				err = -1;
		if (apps[i].broken[0]) {
			printf("  BROKEN %s: application %d: %s\n", tname[transport], i, apps[i].broken);
			res->broken = 1;
			err = -1;
		} else if (apps[i].fail_verb) {
			printf("  netbench: %s: application %d: %s ended with reason code %d\n", tname[transport], i,
			       apps[i].fail_verb, (int)apps[i].fail_reason);
			err = -1;
		}
		free(apps[i].lat.v);
	}
	qsort(all.v, all.n, sizeof all.v[0], cmp_u64);
	res->secs = (double)(end - t0) / 1e9;
	if (res->secs > 0) {
		res->rate = (double)res->pairs / res->secs;
		res->mbs = res->rate * size / 1e6;
	}
	if (res->pairs) {
		res->cpu_me = (me1 - me0) * 1e6 / (double)res->pairs;
		if (qm0 >= 0 && qm1 >= qm0)
			res->cpu_qm = (qm1 - qm0) * 1e6 / (double)res->pairs;
	}
	res->p50 = pct_ms(&all, 50);
	res->p99 = pct_ms(&all, 99);
	res->ok = !err && res->pairs > 0;
	free(all.v);
	pthread_mutex_destroy(&cs.mu);
	pthread_cond_destroy(&cs.cv);
	free(apps);
	return res->ok ? 0 : -1;
}

/* ---- options, printing, main ------------------------------------------------------- */

static void usage(void)
{
	printf("usage: netbench --qmgr QM --port PORT [--logdir DIR] [--keyr STEM]\n"
	       "                [--seconds S] [--raw-seconds S] [--apps 1,4] [--sizes 1024,65536]\n"
	       "                [--transports shm,unix,tcp,tls12,tls13] [--modes p,np]\n"
	       "  --qmgr QM        the running queue manager (bench/netbench.sh makes one)\n"
	       "  --port PORT      its listener on 127.0.0.1, with the channels NET.SVRCONN,\n"
	       "                   NET.TLS12.SVRCONN and NET.TLS13.SVRCONN\n"
	       "  --logdir DIR     its log folder, where the disk's limits are measured\n"
	       "  --keyr STEM      the client's key repository (STEM.ca trusts the queue manager)\n"
	       "  --seconds S      duration of each case (2)\n"
	       "  --raw-seconds S  duration of each limit measurement (2)\n"
	       "  --apps LIST      numbers of applications, at most %d (1,4)\n"
	       "  --sizes LIST     message sizes, %d B to 4 MiB (1024,65536)\n"
	       "  --transports L   shm, unix (local), tcp, tls12, tls13 (all)\n"
	       "  --modes L        p (persistent), np (nonpersistent) (p,np)\n",
	       MAXAPPS, STAMP);
}

/* A comma list of names, each the index of one of names[0..count-1]. */
static int parse_names(const char *s, int *out, int max, const char *const *names, int count)
{
	int n = 0;
	while (*s) {
		size_t len = strcspn(s, ",");
		int k = 0;
		while (k < count && (strlen(names[k]) != len || strncmp(s, names[k], len)))
			k++;
		if (k == count || n == max)
			return -1;
		out[n++] = k;
		s += len;
		if (*s == ',')
			s++;
	}
	return n ? n : -1;
}

static int set_opt(void *arg, const char *a, const char *v)
{
	static const char *const modes[] = { "np", "p" };
	struct opts *o = arg;
	if (!strcmp(a, "--qmgr"))
		return strlen(v) > MQ_Q_MGR_NAME_LENGTH || !snprintf(o->qmgr, sizeof o->qmgr, "%s", v);
	if (!strcmp(a, "--port")) {
		int p[1];
		if (bench_int_list(v, p, 1, 1, 65535) != 1)
			return 1;
		o->port = p[0];
		return 0;
	}
	if (!strcmp(a, "--logdir"))
		return strlen(v) >= sizeof o->logdir || !snprintf(o->logdir, sizeof o->logdir, "%s", v);
	if (!strcmp(a, "--keyr"))
		return strlen(v) >= sizeof o->keyr || !snprintf(o->keyr, sizeof o->keyr, "%s", v);
	if (!strcmp(a, "--seconds"))
		return parse_secs(v, &o->seconds);
	if (!strcmp(a, "--raw-seconds"))
		return parse_secs(v, &o->raw_seconds);
	if (!strcmp(a, "--apps"))
		return (o->napps = bench_int_list(v, o->apps, MAXLIST, 1, MAXAPPS)) < 0;
	if (!strcmp(a, "--sizes"))
		return (o->nsizes = bench_int_list(v, o->sizes, MAXLIST, STAMP, 4 << 20)) < 0;
	if (!strcmp(a, "--transports"))
		return (o->ntrans = parse_names(v, o->trans, NTRANS, tname, NTRANS)) < 0;
	if (!strcmp(a, "--modes"))
		return (o->nmodes = parse_names(v, o->modes, 2, modes, 2)) < 0;
	return 0;
}

static const struct bench_cli cli = {
	.prog = "netbench",
	.flags = (const char *const[]){ "--no-diag", NULL },
	.valued = (const char *const[]){ "--qmgr", "--port", "--logdir", "--keyr", "--seconds",
					 "--raw-seconds", "--apps", "--sizes", "--transports", "--modes", NULL },
	.set = set_opt,
	.usage = usage,
	.lone_folder = "netbench needs a running queue manager with a listener: bench/netbench.sh makes one "
		       "and runs it (sh bench/netbench.sh build)",
};

static int parse_opts(int argc, char **argv, struct opts *o)
{
	static const int apps[] = { 1, 4 }, sizes[] = { 1024, 65536 };
	memset(o, 0, sizeof *o);
	o->seconds = 2;
	o->raw_seconds = 2;
	o->napps = 2;
	memcpy(o->apps, apps, sizeof apps);
	o->nsizes = 2;
	memcpy(o->sizes, sizes, sizeof sizes);
	o->ntrans = NTRANS;
	for (int i = 0; i < NTRANS; i++)
		o->trans[i] = i;
	o->nmodes = 2;
	o->modes[0] = 1;
	o->modes[1] = 0;
	int rc = bench_cmdline(&cli, argc, argv, o);
	if (rc < 0 && !o->keyr[0]) {
		for (int i = 0; i < o->ntrans; i++)
			if (o->trans[i] == T_TLS12 || o->trans[i] == T_TLS13) {
				printf("netbench: --keyr is required for tls12 and tls13\n");
				return 1;
			}
	}
	return rc;
}

static void print_row(const struct result *r, double raw)
{
	char sz[32], pr[16], me[16], qm[16];
	if (r->persistent && raw > 0)
		snprintf(pr, sizeof pr, "%.0f%%", 100 * 2 * r->rate / raw);
	else
		snprintf(pr, sizeof pr, "-");
	if (r->cpu_me >= 0)
		snprintf(me, sizeof me, "%.1f", r->cpu_me);
	else
		snprintf(me, sizeof me, "-");
	if (r->cpu_qm >= 0)
		snprintf(qm, sizeof qm, "%.1f", r->cpu_qm);
	else
		snprintf(qm, sizeof qm, "n/m");
	printf("  %-13s %7s %4d %-6s %9.0f %8.1f %6s %8.3f %8.3f %8s %8s  %s\n",
	       r->persistent ? "persistent" : "nonpersistent", bench_size_name(r->size, sz, sizeof sz), r->napps,
	       tname[r->transport], r->rate, r->mbs, pr, r->p50, r->p99, me, qm,
	       r->broken ? "BROKEN" : r->ok ? "ok" : "failed");
}

int main(int argc, char **argv)
{
	struct opts o;
	int prc = parse_opts(argc, argv, &o);
	if (prc >= 0)
		return prc;

	printf("netbench: MQI put+get over TCP and TLS on 127.0.0.1(%d) beside local connections, queue manager "
	       "%s\n", o.port, o.qmgr);
	struct raw_result raw = { .dev_per_sync = -1 };
	struct seq_result seq = { 0 };
	int broke = 0;
	struct qm_paths paths;
	char perr[256];
	enum qm_status st;
	pid_t pid = -1;
	if (qmgr_locate(o.qmgr, &paths, perr, sizeof perr) == 0 && qmgr_status(&paths, &st, &pid) == 0 &&
	    st == QMS_RUNNING && pid > 0)
		o.qmpid = (int)pid;
	printf("queue manager process: %s%d\n", o.qmpid ? "" : "not found (its CPU not measured) ", o.qmpid);
	printf("\nlimits of the log's file system\n");
	if (o.logdir[0]) {
		printf("  log folder %s (%s)\n", o.logdir, fs_name(o.logdir));
		printf("  the log folder's device quiet after %.1f s (benchprobe.h settle)\n", settle(o.logdir));
		raw = raw_sync(o.logdir, "", 0, o.raw_seconds);
		if (raw.ok)
			printf("  raw fdatasync (4 KiB write, fixed offset)  %8.0f /s  p50 %6.3f ms  p99 %6.3f ms\n",
			       raw.rate, raw.p50, raw.p99);
		else
			printf("  raw fdatasync: not measured\n");
		seq = seq_bw(o.logdir, o.raw_seconds);
		if (seq.write_ok)
			printf("  sequential write (1 MiB writes, %.0f MiB, one fdatasync) %8.0f MB/s\n", seq.mib,
			       seq.write_mbs);
		else
			printf("  sequential write: not measured\n");
		broke |= raw.failed || seq.failed;
		printf("  the log folder's device quiet after %.1f s\n", settle(o.logdir));
	} else {
		printf("  no --logdir: not measured\n");
	}

	int ncases = o.nmodes * o.nsizes * o.napps * o.ntrans, n = 0;
	struct result *rs = calloc((size_t)ncases, sizeof *rs);
	if (!rs)
		return 1;
	printf("\nMQI load: %.1f s a case; a message is one put plus its get, each checked (length, bytes,\n"
	       "order, the queue empty after); persistent: put and get each under syncpoint with its own\n"
	       "MQCMIT (%%raw: the 2 commits a message over the raw fdatasync rate); cpu: microseconds of CPU a\n"
	       "message in this process (the applications, libmqm) and in the queue manager\n\n", o.seconds);
	printf("  %-13s %7s %4s %-6s %9s %8s %6s %8s %8s %8s %8s  %s\n", "mode", "size", "apps", "via", "msgs/s",
	       "MB/s", "%raw", "p50 ms", "p99 ms", "cpu app", "cpu qm", "check");
	for (int m = 0; m < o.nmodes; m++)
		for (int s = 0; s < o.nsizes; s++)
			for (int a = 0; a < o.napps; a++) {
				for (int t = 0; t < o.ntrans; t++) {
					if (run_case(&o, o.modes[m], o.sizes[s], o.apps[a], o.trans[t], &rs[n]))
						broke = 1;
					print_row(&rs[n], raw.ok ? raw.rate : 0);
					n++;
				}
				if (o.ntrans > 1)
					printf("\n");
			}

	/* the summary: one line a case, the transports side by side, each over the first */
	printf("summary: msgs/s (x the %s figure of the same case)\n", tname[o.trans[0]]);
	printf("  %-22s", "case");
	for (int t = 0; t < o.ntrans; t++)
		printf(" %16s", tname[o.trans[t]]);
	printf("\n");
	for (int i = 0; i < n; i += o.ntrans) {
		char sz[32], label[64];
		snprintf(label, sizeof label, "%s %s %d app%s", rs[i].persistent ? "p" : "np",
			 bench_size_name(rs[i].size, sz, sizeof sz), rs[i].napps, rs[i].napps == 1 ? "" : "s");
		printf("  %-22s", label);
		for (int t = 0; t < o.ntrans; t++) {
			char cell[32];
			if (!rs[i + t].ok)
				snprintf(cell, sizeof cell, "failed");
			else if (t == 0 || !rs[i].ok || rs[i].rate <= 0)
				snprintf(cell, sizeof cell, "%.0f", rs[i + t].rate);
			else
				snprintf(cell, sizeof cell, "%.0f (%.2fx)", rs[i + t].rate, rs[i + t].rate / rs[i].rate);
			printf(" %16s", cell);
		}
		printf("\n");
	}
	if (raw.ok || seq.write_ok)
		printf("  limits: raw fdatasync %.0f/s (a persistent message needs 2 commits), sequential write "
		       "%.0f MB/s\n", raw.ok ? raw.rate : 0, seq.write_ok ? seq.write_mbs : 0);
	free(rs);
	if (broke)
		printf("\nnetbench: something failed or broke (above)\n");
	return broke;
}
