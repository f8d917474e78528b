/*
 * crashmix_check.h: the checker of mqi_crashmix (its modes check and totals;
 * what they do is at the top of mqi_crashmix.c): the tables of messages and
 * units of work, the state file carried from one check to the next, the
 * histories read, what is on the queues (browsed, drained, or read from a
 * --snapshot file), and the analysis that decides each unit of work and
 * counts the violations.
 *
 * A part of mqi_crashmix.c, which includes it once, after its bodies and its
 * load, whose definitions it uses: NQ, qnames and q_priority (the queues),
 * struct hdr, hdr_read, crc32_of, HDR_LEN and GETBUF (the bodies), and
 * RES_OK, RES_FAIL and RES_INFO (the outcomes the histories record).  A
 * header, not a .c file, because the makefile builds every tests/mqi/X.c as
 * a program of its own.
 */
#ifndef QUIRE_CRASHMIX_CHECK_H
#define QUIRE_CRASHMIX_CHECK_H

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- check: tables ----------------------------------------------------------------------------- */

struct hmap {
	uint64_t *k;
	int *v;
	size_t cap, n;
};
static uint64_t hm_hash(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdull;
	k ^= k >> 33;
	return k;
}
static int hm_get(const struct hmap *m, uint64_t k)
{
	if (!m->cap)
		return -1;
	for (size_t i = hm_hash(k) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (m->v[i] < 0)
			return -1;
		if (m->k[i] == k)
			return m->v[i];
	}
}
static void hm_put(struct hmap *m, uint64_t k, int v)
{
	if ((m->n + 1) * 2 > m->cap) {
		struct hmap o = *m;
		m->cap = o.cap ? o.cap * 2 : 1024;
		m->k = malloc(m->cap * sizeof *m->k);
		m->v = malloc(m->cap * sizeof *m->v);
		if (!m->k || !m->v)
			exit(3);
		memset(m->v, 0xff, m->cap * sizeof *m->v);
		m->n = 0;
		for (size_t i = 0; i < o.cap; i++)
			if (o.v[i] >= 0)
				hm_put(m, o.k[i], o.v[i]);
		free(o.k);
		free(o.v);
	}
	size_t i = hm_hash(k) & (m->cap - 1);
	while (m->v[i] >= 0 && m->k[i] != k)
		i = (i + 1) & (m->cap - 1);
	if (m->v[i] < 0)
		m->n++;
	m->k[i] = k;
	m->v[i] = v;
}
static void hm_free(struct hmap *m)
{
	free(m->k);
	free(m->v);
	memset(m, 0, sizeof *m);
}

#define GROW(arr, n, cap)                                                          \
	do {                                                                       \
		if ((n) >= (cap)) {                                                \
			(cap) = (cap) ? (cap) * 2 : 256;                           \
			void *p_ = realloc((arr), (size_t)(cap) * sizeof *(arr)); \
			if (!p_)                                                   \
				exit(3);                                           \
			(arr) = p_;                                                \
		}                                                                  \
	} while (0)

static uint64_t mkey(uint32_t pid, uint64_t seq)
{
	return (uint64_t)pid << 32 | (seq & 0xFFFFFFFFu);
}

/* what a message's put came to */
enum fate { F_NONE, F_COMMITTED, F_ABORTED, F_UNKNOWN };
static const char *const fname[] = { "none", "committed", "aborted", "unknown" };

struct msg {
	uint32_t pid;
	uint64_t seq;
	int q, pri, pers, fate;
	long len;
	uint32_t crc;
	int removed;        /* committed gets, the checker's drains included */
	int gone;           /* taken, perhaps, by a get whose reply was lost */
	/* its gets backed out so far, by kind (BK_*): by MQBACK or 2003, or by
	 * the restart after a crash cut their unit of work; each hardened (a
	 * later acknowledged forced operation proves its log record durable) or
	 * soft (it may never have reached the disk) */
	int bo[4];
	int flags;          /* violations already counted for it (FL_*) */
	long round;
	/* this check only */
	int present, bo0[4], newp, putop, firstget;
};
enum { FL_LOST = 1, FL_DUP = 2, FL_RES = 4, FL_PHANTOM = 8, FL_NP = 16, FL_CORRUPT = 32, FL_BO = 64, FL_QDUP = 128 };

enum kind {
	V_LOST, V_DUP, V_RES, V_BO, V_ATOM, V_PHANTOM, V_ISO, V_UNEXP, V_CORRUPT, V_ORDER, V_NPS, V_NPC, NV
};
static const char *const vname[NV] = { "lost", "duplicated", "resurrected", "backout_count",
				       "atomicity", "phantom", "isolation", "unexpected",
				       "corrupt_body", "order", "np_survived", "np_corrupt" };

static struct msg *msgs;
static int nmsgs, capmsgs;
static struct hmap mmap_;
static long vcount[NV], vtotal[NV], acked_total, checks_total, explained_total;
static long infosp_cum[NQ];
static int vshown[NV];
static int last_round_seen;

enum { BK_BACK_HARD, BK_BACK_SOFT, BK_CRASH_HARD, BK_CRASH_SOFT };
/* the least BackoutCount a message may show (--bo), given its backouts b and
 * `extra` more by MQBACK with no restart since:
 *   hardened  every backout whose record is known durable (the default of
 *             t6400: what the queue manager's own design promises)
 *   plan      every MQBACK and 2003, and at least 1 after a crash cut a unit
 *             of work that had got it (reliability-plan I2; run.sh's default)
 *   strict    every backout
 *   definite  every MQBACK and 2003 */
enum { BO_HARDENED, BO_PLAN, BO_STRICT, BO_DEFINITE };
static int bo_rule = BO_PLAN;
static int bo_least(const int *b, int extra)
{
	int back = b[BK_BACK_HARD] + b[BK_BACK_SOFT] + extra, crash = b[BK_CRASH_HARD] + b[BK_CRASH_SOFT];
	switch (bo_rule) {
	case BO_HARDENED:
		return b[BK_BACK_HARD] + b[BK_CRASH_HARD] + extra;
	case BO_STRICT:
		return back + crash;
	case BO_PLAN:
		return back > 0 || !crash ? back : 1;
	default:
		return back;
	}
}
static int bo_total(const int *b)
{
	return b[0] + b[1] + b[2] + b[3];
}

static void viol(int k, const char *fmt, ...)
{
	vcount[k]++;
	if (vshown[k]++ >= 20)
		return;
	va_list ap;
	printf("# %s: ", vname[k]);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

static int msg_find(uint32_t pid, uint64_t seq)
{
	return hm_get(&mmap_, mkey(pid, seq));
}
static int msg_new(uint32_t pid, uint64_t seq)
{
	GROW(msgs, nmsgs, capmsgs);
	struct msg *m = &msgs[nmsgs];
	memset(m, 0, sizeof *m);
	m->pid = pid;
	m->seq = seq;
	hm_put(&mmap_, mkey(pid, seq), nmsgs);
	return nmsgs++;
}
#define MSGNAME(m) "%s p=%u s=%" PRIu64 " pri=%d per=%d len=%ld round=%ld"
#define MSGARGS(m) qnames[(m)->q], (m)->pid, (m)->seq, (m)->pri, (m)->pers, (m)->len, (m)->round

/* ---- check: the state file --------------------------------------------------------------------- */

static int state_load(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[512];
	if (!f)
		return errno == ENOENT ? 0 : -1;
	if (!fgets(line, sizeof line, f) || strncmp(line, "quire-crashcheck-state 3", 24)) {
		fclose(f);
		return -1;
	}
	while (fgets(line, sizeof line, f)) {
		if (line[0] == 'm') {
			unsigned pid;
			uint64_t seq;
			int q, pri, pers, fate, removed, gone, b0, b1, b2, b3, flags;
			long len, round;
			unsigned crc;
			if (sscanf(line, "m %u %" SCNu64 " %d %d %d %ld %x %d %d %d %d %d %d %d %d %ld", &pid, &seq, &q,
				   &pri, &pers, &len, &crc, &fate, &removed, &gone, &b0, &b1, &b2, &b3, &flags,
				   &round) != 16 ||
			    q < 0 || q >= NQ) {
				fclose(f);
				return -1;
			}
			int mi = msg_new(pid, seq);
			struct msg *m = &msgs[mi];
			m->q = q, m->pri = pri, m->pers = pers, m->len = len, m->crc = crc, m->fate = fate;
			m->removed = removed, m->gone = gone, m->flags = flags;
			m->bo[0] = b0, m->bo[1] = b1, m->bo[2] = b2, m->bo[3] = b3;
			m->round = round;
		} else if (!strncmp(line, "v ", 2)) {
			char name[64];
			long c;
			if (sscanf(line, "v %63s %ld", name, &c) == 2)
				for (int k = 0; k < NV; k++)
					if (!strcmp(name, vname[k]))
						vtotal[k] = c;
		} else if (!strncmp(line, "acknowledged ", 13)) {
			acked_total = atol(line + 13);
		} else if (!strncmp(line, "checks ", 7)) {
			checks_total = atol(line + 7);
		} else if (!strncmp(line, "explained ", 10)) {
			explained_total = atol(line + 10);
		} else if (!strncmp(line, "infosp ", 7)) {
			sscanf(line, "infosp %ld %ld", &infosp_cum[0], &infosp_cum[1]);
		}
	}
	fclose(f);
	return 0;
}

#define FORGET_ROUNDS 20
static int state_save(const char *path)
{
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	if (!f)
		return -1;
	fprintf(f, "quire-crashcheck-state 3\n");
	for (int k = 0; k < NV; k++)
		fprintf(f, "v %s %ld\n", vname[k], vtotal[k]);
	fprintf(f, "acknowledged %ld\nchecks %ld\nexplained %ld\ninfosp %ld %ld\n", acked_total, checks_total,
		explained_total, infosp_cum[0], infosp_cum[1]);
	for (int i = 0; i < nmsgs; i++) {
		struct msg *m = &msgs[i];
		/* a long soak's state stays small: messages of rounds long past that
		 * no longer should be anywhere are forgotten (one that shows up
		 * again is then `unexpected`) */
		int expected = m->pers && m->fate == F_COMMITTED && !m->removed && !m->gone && !(m->flags & FL_LOST);
		if (!expected && last_round_seen - m->round > FORGET_ROUNDS)
			continue;
		fprintf(f, "m %u %" PRIu64 " %d %d %d %ld %08x %d %d %d %d %d %d %d %d %ld\n", m->pid, m->seq, m->q,
			m->pri, m->pers, m->len, m->crc, m->fate, m->removed, m->gone, m->bo[0], m->bo[1], m->bo[2],
			m->bo[3], m->flags, m->round);
	}
	if (fclose(f))
		return -1;
	return rename(tmp, path);
}

/* ---- check: histories -------------------------------------------------------------------------- */

enum { OP_PUT, OP_GET };
struct op {
	int kind, worker, q, sp, res, rc, msg, bo, bad, uix, next; /* next op of its unit of work */
	int nextget;                                                 /* next ok get of the same message */
	uint32_t gpid;
	uint64_t uow, gseq;
	int64_t ti, td;
};
enum { U_OPEN, U_COMMIT_OK, U_COMMIT_FAIL, U_COMMIT_INFO, U_BACK_OK, U_BACK_INFO };
struct uow {
	uint64_t id;
	int state, first, last, fate, backed2003, observed;
	int64_t t_end_inv, t_end_done;
};
static struct op *ops;
static int nops, capops;
static struct uow *uows;
static int nuows, capuows;
static struct hmap umap;

/* value of key k in a history line (after the fourth field); NULL if absent */
static const char *kv(const char *line, const char *k)
{
	size_t kl = strlen(k);
	for (const char *p = line; (p = strstr(p, k)); p++)
		if ((p == line || p[-1] == ' ') && p[kl] == '=')
			return p + kl + 1;
	return NULL;
}
static long kvl(const char *line, const char *k, long dflt)
{
	const char *v = kv(line, k);
	return v ? strtol(v, NULL, 10) : dflt;
}
static uint64_t kvu(const char *line, const char *k)
{
	const char *v = kv(line, k);
	return v ? strtoull(v, NULL, 10) : 0;
}

static int uow_of(uint64_t id)
{
	int u = hm_get(&umap, id);
	if (u >= 0)
		return u;
	GROW(uows, nuows, capuows);
	memset(&uows[nuows], 0, sizeof uows[nuows]);
	uows[nuows].id = id;
	uows[nuows].first = uows[nuows].last = -1;
	hm_put(&umap, id, nuows);
	return nuows++;
}

static int bad_history(const char *file, int ln, const char *why)
{
	fprintf(stderr, "mqi_crashmix check: %s line %d: %s\n", file, ln, why);
	return -1;
}

static int read_history(const char *file)
{
	FILE *f = fopen(file, "r");
	char line[1024];
	int ln = 0, pending = -1;
	if (!f)
		return fprintf(stderr, "mqi_crashmix check: %s: %s\n", file, strerror(errno)), -1;
	{
		/* the round is in the name h-ROUND-ID.log */
		const char *b = strrchr(file, '/');
		b = b ? b + 1 : file;
		if (!strncmp(b, "h-", 2) && atoi(b + 2) > last_round_seen)
			last_round_seen = atoi(b + 2);
	}
	while (fgets(line, sizeof line, f)) {
		ln++;
		long long t;
		int w, n = 0;
		char ev[16], verb[16];
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (sscanf(line, "%lld %d %15s %15s %n", &t, &w, ev, verb, &n) < 4)
			return fclose(f), bad_history(file, ln, "not a history line");
		const char *rest = line + n;
		int res = !strcmp(ev, "ok") ? RES_OK : !strcmp(ev, "fail") ? RES_FAIL : !strcmp(ev, "info") ? RES_INFO : -1;
		int inv = !strcmp(ev, "invoke");
		if (!inv && res < 0)
			return fclose(f), bad_history(file, ln, "unknown event");
		if (!strcmp(verb, "put") || !strcmp(verb, "get")) {
			if (inv) {
				GROW(ops, nops, capops);
				struct op *o = &ops[nops];
				memset(o, 0, sizeof *o);
				o->kind = verb[0] == 'p' ? OP_PUT : OP_GET;
				o->worker = w;
				o->q = (int)kvl(rest, "q", -1);
				o->sp = (int)kvl(rest, "sp", 0);
				o->uow = kvu(rest, "u");
				o->ti = t;
				o->td = INT64_MAX;
				o->res = RES_INFO;   /* no answer recorded: unknown */
				o->msg = -1;
				o->uix = o->next = -1;
				if (o->q < 0 || o->q >= NQ)
					return fclose(f), bad_history(file, ln, "bad queue");
				if (o->kind == OP_PUT) {
					uint32_t pid = (uint32_t)kvl(rest, "p", 0);
					uint64_t seq = kvu(rest, "s");
					if (msg_find(pid, seq) >= 0)
						return fclose(f), bad_history(file, ln, "a message put twice by the history");
					o->msg = msg_new(pid, seq);
					struct msg *m = &msgs[o->msg];
					m->q = o->q;
					m->pri = (int)kvl(rest, "pri", 0);
					m->pers = (int)kvl(rest, "per", 1);
					m->len = kvl(rest, "len", 0);
					m->crc = (uint32_t)strtoul(kv(rest, "crc") ? kv(rest, "crc") : "0", NULL, 16);
					m->fate = F_NONE;
					m->newp = 1;
					m->round = last_round_seen;
				}
				if (o->sp) {
					int u = uow_of(o->uow);
					o->uix = u;
					if (uows[u].last >= 0)
						ops[uows[u].last].next = nops;
					else
						uows[u].first = nops;
					uows[u].last = nops;
				}
				pending = nops++;
			} else {
				if (pending < 0)
					return fclose(f), bad_history(file, ln, "an answer without its invoke");
				struct op *o = &ops[pending];
				o->res = res;
				o->rc = (int)kvl(rest, "rc", 0);
				o->td = t;
				if (o->rc == MQRC_BACKED_OUT && o->uix >= 0)
					uows[o->uix].backed2003 = 1;
				if (o->kind == OP_GET && res == RES_OK) {
					uint32_t pid = (uint32_t)kvl(rest, "p", 0);
					uint64_t seq = kvu(rest, "s");
					o->bo = (int)kvl(rest, "bo", 0);
					o->bad = (int)kvl(rest, "bad", 0);
					o->gpid = pid, o->gseq = seq;   /* resolved once every history is read */
				}
				if (o->kind == OP_GET && res == RES_INFO)
					infosp_cum[o->q] += o->sp;
				pending = -1;
			}
		} else if (!strcmp(verb, "commit") || !strcmp(verb, "back")) {
			int u = uow_of(kvu(rest, "u"));
			struct uow *U = &uows[u];
			if (inv) {
				U->t_end_inv = t;
				U->state = verb[0] == 'c' ? U_COMMIT_INFO : U_BACK_INFO;
				U->t_end_done = INT64_MAX;
			} else {
				U->t_end_done = t;
				if (verb[0] == 'c')
					U->state = res == RES_OK ? U_COMMIT_OK : res == RES_FAIL ? U_COMMIT_FAIL : U_COMMIT_INFO;
				else
					U->state = res == RES_OK ? U_BACK_OK : U_BACK_INFO;
			}
		}
		/* conn, open: nothing to check */
	}
	fclose(f);
	return 0;
}

/* ---- check: what is on the queues -------------------------------------------------------------- */

struct obs {
	int q, hdr_ok, crc_ok, md_pri, md_pers, bo, h_pri, h_pers, h_q, msg;
	long len, h_len;
	uint32_t pid, h_crc;
	uint64_t seq;
};
static struct obs *brw, *drn;
static int nbrw, capbrw, ndrn, capdrn;

static void obs_from_body(struct obs *o, int q, const uint8_t *b, MQLONG len, const MQMD *md)
{
	struct hdr h;
	memset(o, 0, sizeof *o);
	o->q = q;
	o->len = len;
	o->md_pri = (int)md->Priority;
	o->md_pers = md->Persistence == MQPER_PERSISTENT;
	o->bo = (int)md->BackoutCount;
	o->hdr_ok = hdr_read(b, (size_t)len, &h) == 0;
	o->msg = -1;
	if (o->hdr_ok) {
		o->pid = h.pid, o->seq = h.seq, o->h_pri = (int)h.pri, o->h_pers = (int)h.pers, o->h_q = (int)h.q;
		o->h_len = h.len, o->h_crc = h.crc;
		o->crc_ok = h.len == (uint32_t)len && crc32_of(b + HDR_LEN, (size_t)len - HDR_LEN) == h.crc;
	}
}

/* browse (drain = 0) or get (drain = 1) every message of every queue */
static int snapshot_online(const char *qm, int drain)
{
	MQHCONN hc = mqt_conn(qm, 0);
	if (hc == MQHC_UNUSABLE_HCONN)
		return -1;
	uint8_t *b = malloc(GETBUF);
	if (!b)
		return -1;
	for (int q = 0; q < NQ; q++) {
		MQHOBJ h;
		MQLONG cc, rc, len;
		if (mqt_open(hc, qnames[q], drain ? MQOO_INPUT_EXCLUSIVE : MQOO_BROWSE, &h) != MQRC_NONE) {
			fprintf(stderr, "mqi_crashmix check: cannot open %s\n", qnames[q]);
			return -1;
		}
		for (int first = 1;; first = 0) {
			MQMD md = { MQMD_DEFAULT };
			MQGMO gmo = { MQGMO_DEFAULT };
			gmo.Version = MQGMO_VERSION_2;
			gmo.MatchOptions = MQMO_NONE;
			gmo.Options = MQGMO_NO_WAIT | MQGMO_ACCEPT_TRUNCATED_MSG |
				      (drain ? MQGMO_NO_SYNCPOINT : first ? MQGMO_BROWSE_FIRST : MQGMO_BROWSE_NEXT);
			MQGET(hc, h, &md, &gmo, GETBUF, b, &len, &cc, &rc);
			if (rc == MQRC_NO_MSG_AVAILABLE)
				break;
			if (cc == MQCC_FAILED) {
				fprintf(stderr, "mqi_crashmix check: MQGET %s: %d\n", qnames[q], (int)rc);
				return -1;
			}
			struct obs o;
			obs_from_body(&o, q, b, len > GETBUF ? GETBUF : len, &md);
			if (len > GETBUF)
				o.len = len, o.crc_ok = 0;
			if (drain) {
				GROW(drn, ndrn, capdrn);
				drn[ndrn++] = o;
			} else {
				GROW(brw, nbrw, capbrw);
				brw[nbrw++] = o;
			}
		}
		mqt_close(hc, &h);
	}
	MQLONG cc, rc;
	MQDISC(&hc, &cc, &rc);
	free(b);
	return 0;
}

/* "b Q p= s= [pri= per= bo= len= crcok= hdr= hpri= hper= hq= hlen= hcrc=]"; missing fields take the
 * values the history put */
static int snapshot_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	if (!f)
		return fprintf(stderr, "mqi_crashmix check: %s: %s\n", path, strerror(errno)), -1;
	while (fgets(line, sizeof line, f)) {
		if (line[0] != 'b' && line[0] != 'd')
			continue;
		struct obs o;
		memset(&o, 0, sizeof o);
		o.q = atoi(line + 2);
		o.pid = (uint32_t)kvl(line, "p", 0);
		o.seq = kvu(line, "s");
		int i = msg_find(o.pid, o.seq);
		const struct msg *m = i >= 0 ? &msgs[i] : NULL;
		const char *hdr = kv(line, "hdr");
		o.hdr_ok = !(hdr && !strncmp(hdr, "bad", 3));
		o.md_pri = (int)kvl(line, "pri", m ? m->pri : 0);
		o.md_pers = (int)kvl(line, "per", m ? m->pers : 1);
		o.bo = (int)kvl(line, "bo", 0);
		o.len = kvl(line, "len", m ? m->len : 100);
		o.crc_ok = (int)kvl(line, "crcok", 1);
		o.h_pri = (int)kvl(line, "hpri", m ? m->pri : o.md_pri);
		o.h_pers = (int)kvl(line, "hper", m ? m->pers : o.md_pers);
		o.h_q = (int)kvl(line, "hq", o.q);
		o.h_len = kvl(line, "hlen", o.len);
		o.h_crc = kv(line, "hcrc") ? (uint32_t)strtoul(kv(line, "hcrc"), NULL, 16) : m ? m->crc : 0;
		o.msg = -1;
		if (o.q < 0 || o.q >= NQ) {
			fclose(f);
			return fprintf(stderr, "mqi_crashmix check: %s: bad queue\n", path), -1;
		}
		if (line[0] == 'b') {
			GROW(brw, nbrw, capbrw);
			brw[nbrw++] = o;
		} else {
			GROW(drn, ndrn, capdrn);
			drn[ndrn++] = o;
		}
	}
	fclose(f);
	return 0;
}

static void dump_obs(FILE *f, char c, const struct obs *o)
{
	fprintf(f, "%c %d p=%u s=%" PRIu64 " pri=%d per=%d bo=%d len=%ld crcok=%d hdr=%s hpri=%d hper=%d hq=%d hlen=%ld hcrc=%08x\n",
		c, o->q, o->pid, o->seq, o->md_pri, o->md_pers, o->bo, o->len, o->crc_ok, o->hdr_ok ? "ok" : "bad",
		o->h_pri, o->h_pers, o->h_q, o->h_len, o->h_crc);
}

/* ---- check: the analysis ----------------------------------------------------------------------- */

/* an ok get of message mi in this round's histories, other than op skip, invoked after t */
static int got_after(int mi, int skip, int64_t t)
{
	for (int i = msgs[mi].firstget; i >= 0; i = ops[i].nextget)
		if (i != skip && ops[i].ti > t)
			return 1;
	return 0;
}

/* per queue, this round's gets outside syncpoint whose outcome is unknown:
 * each may have taken one message */
static long budget[NQ];

/* settle an indeterminate unit of work from what is on the queues */
static int settle(struct uow *U, int *atom)
{
	int yes = 0, no = 0, absent_puts[NQ] = { 0 };
	for (int i = U->first; i >= 0; i = ops[i].next) {
		struct op *o = &ops[i];
		if (o->res != RES_OK || o->msg < 0)
			continue;
		struct msg *m = &msgs[o->msg];
		if (o->kind == OP_PUT) {
			if (m->present || got_after(o->msg, i, 0))
				yes++;
			else if (m->pers)
				no++, absent_puts[m->q]++;
		} else if (m->pers) {
			if (m->present || got_after(o->msg, i, U->t_end_inv))
				no++;
			else
				yes++;
		}
	}
	if (yes && no) {
		int only_puts = 1, need = 0;
		for (int i = U->first; i >= 0; i = ops[i].next)
			if (ops[i].res == RES_OK && ops[i].msg >= 0 && ops[i].kind == OP_GET && msgs[ops[i].msg].pers &&
			    (msgs[ops[i].msg].present || got_after(ops[i].msg, i, U->t_end_inv)))
				only_puts = 0;
		for (int q = 0; q < NQ; q++)
			if (absent_puts[q] > budget[q])
				only_puts = 0;
			else
				need += absent_puts[q];
		if (only_puts) {   /* committed; the absent puts taken by gets whose replies were lost */
			for (int q = 0; q < NQ; q++)
				budget[q] -= absent_puts[q];
			explained_total += need;
			return F_COMMITTED;
		}
		*atom = 1;   /* each operation taken as observed (check_main), so nothing is counted twice */
		return F_UNKNOWN;
	}
	return yes ? F_COMMITTED : no ? F_ABORTED : F_UNKNOWN;
}

static int uow_fate(struct uow *U, int live)
{
	if (U->backed2003)
		return F_ABORTED;
	switch (U->state) {
	case U_COMMIT_OK:
		return F_COMMITTED;
	case U_COMMIT_INFO:
		return F_UNKNOWN;   /* settled later */
	case U_OPEN:
		return live ? F_UNKNOWN : F_ABORTED;   /* rolled back by the restart */
	default:
		return F_ABORTED;
	}
}

static void order_check(const struct obs *o, int n, const char *what)
{
	struct hmap last = { 0 };
	int lastpri[NQ] = { 10, 10 }, lastq = -1;
	for (int i = 0; i < n; i++) {
		if (o[i].q != lastq)
			lastpri[o[i].q] = 10, lastq = o[i].q;
		if (!o[i].hdr_ok)
			continue;
		int q = o[i].q;
		if (q_priority[q]) {
			if (o[i].md_pri > lastpri[q])
				viol(V_ORDER, "%s %s: p=%u s=%" PRIu64 " priority %d after priority %d", what, qnames[q],
				     o[i].pid, o[i].seq, o[i].md_pri, lastpri[q]);
			lastpri[q] = o[i].md_pri;
		}
		uint64_t k = (uint64_t)q << 60 | (uint64_t)(q_priority[q] ? (o[i].md_pri & 15) : 0) << 56 | o[i].pid;
		int prev = hm_get(&last, k);
		if (prev >= 0 && o[prev].seq > o[i].seq)   /* equal: twice there, counted as duplicated */
			viol(V_ORDER, "%s %s: p=%u s=%" PRIu64 " after s=%" PRIu64 "%s", what, qnames[q], o[i].pid,
			     o[i].seq, o[prev].seq, q_priority[q] ? " of the same priority" : "");
		hm_put(&last, k, i);
	}
	hm_free(&last);
}

static void look_at(struct obs *o, int n)
{
	for (int i = 0; i < n; i++) {
		o[i].msg = o[i].hdr_ok ? msg_find(o[i].pid, o[i].seq) : -1;
		if (o[i].msg >= 0)
			msgs[o[i].msg].present++;
	}
}

static int check_main(int argc, char **argv)
{
	if (argc < 4)
		return fprintf(stderr, "usage: mqi_crashmix check QM STATE [--drain] [--snapshot FILE] [--dump FILE] [--live] [--bo=RULE] [HISTORY...]\n"), 2;
	const char *qm = argv[2], *state = argv[3], *snap = NULL, *dump = NULL;
	int drain = 0, live = 0, first_hist = argc;
	for (int i = 4; i < argc; i++) {
		if (!strcmp(argv[i], "--drain"))
			drain = 1;
		else if (!strcmp(argv[i], "--live"))
			live = 1;
		else if (!strcmp(argv[i], "--bo=strict"))
			bo_rule = BO_STRICT;
		else if (!strcmp(argv[i], "--bo=plan"))
			bo_rule = BO_PLAN;
		else if (!strcmp(argv[i], "--bo=definite"))
			bo_rule = BO_DEFINITE;
		else if (!strcmp(argv[i], "--bo=hardened"))
			bo_rule = BO_HARDENED;
		else if (!strcmp(argv[i], "--snapshot") && i + 1 < argc)
			snap = argv[++i];
		else if (!strcmp(argv[i], "--dump") && i + 1 < argc)
			dump = argv[++i];
		else {
			first_hist = i;
			break;
		}
	}
	if (state_load(state))
		return fprintf(stderr, "mqi_crashmix check: %s is not a state file\n", state), 2;
	for (int i = 0; i < nmsgs; i++)
		memcpy(msgs[i].bo0, msgs[i].bo, sizeof msgs[i].bo);
	for (int i = first_hist; i < argc; i++)
		if (read_history(argv[i]))
			return 2;
	for (int i = 0; i < nmsgs; i++)
		msgs[i].putop = msgs[i].firstget = -1;
	for (int i = nops - 1; i >= 0; i--) {
		struct op *o = &ops[i];
		if (o->kind == OP_PUT)
			msgs[o->msg].putop = i;
		if (o->kind != OP_GET || o->res != RES_OK)
			continue;
		o->msg = msg_find(o->gpid, o->gseq);
		if (o->msg >= 0) {
			o->nextget = msgs[o->msg].firstget;
			msgs[o->msg].firstget = i;
		}
		if (o->msg < 0)
			viol(V_UNEXP, "%s got p=%u s=%" PRIu64 " (bad=%d), a message never put (worker %d)", qnames[o->q],
			     o->gpid, o->gseq, o->bad, o->worker);
	}

	/* what is on the queues */
	if (snap ? snapshot_file(snap) : snapshot_online(qm, 0))
		return 2;
	if (drain && !snap && snapshot_online(qm, 1))
		return 2;
	if (dump) {
		FILE *f = fopen(dump, "w");
		if (f) {
			for (int i = 0; i < nbrw; i++)
				dump_obs(f, 'b', &brw[i]);
			for (int i = 0; i < ndrn; i++)
				dump_obs(f, 'd', &drn[i]);
			fclose(f);
		}
	}
	look_at(brw, nbrw);
	for (int i = 0; i < ndrn; i++)
		drn[i].msg = drn[i].hdr_ok ? msg_find(drn[i].pid, drn[i].seq) : -1;

	/* gets outside syncpoint with unknown outcomes: each may have taken one message */
	for (int i = 0; i < nops; i++)
		if (ops[i].kind == OP_GET && !ops[i].sp && ops[i].res == RES_INFO)
			budget[ops[i].q]++;

	/* units of work: decided, or settled from the queues */
	int settled[4] = { 0 };
	for (int u = 0; u < nuows; u++) {
		struct uow *U = &uows[u];
		U->fate = uow_fate(U, live);
		if (U->state == U_COMMIT_INFO && !U->backed2003 && !live) {
			int atom = 0;
			U->fate = settle(U, &atom);
			settled[U->fate]++;
			if (atom) {
				U->observed = 1;
				char what[512];
				int l = 0;
				for (int i = U->first; i >= 0 && l < 400; i = ops[i].next)
					if (ops[i].res == RES_OK && ops[i].msg >= 0)
						l += snprintf(what + l, sizeof what - (size_t)l, " %s %u/%" PRIu64 "(%s)",
							      ops[i].kind == OP_PUT ? "put" : "got", msgs[ops[i].msg].pid,
							      msgs[ops[i].msg].seq, msgs[ops[i].msg].present ? "there" : "absent");
				viol(V_ATOM, "unit of work %" PRIu64 " (commit unanswered) applied in part:%s", U->id, what);
			}
		}
	}

	/* each put's fate */
	for (int i = 0; i < nops; i++) {
		struct op *o = &ops[i];
		if (o->kind != OP_PUT)
			continue;
		struct msg *m = &msgs[o->msg];
		if (o->res == RES_FAIL)
			m->fate = F_ABORTED;
		else if (o->sp && o->res == RES_OK && uows[o->uix].observed)
			m->fate = m->present || got_after(o->msg, i, 0) ? F_COMMITTED : F_ABORTED;
		else if (o->sp && o->res == RES_OK)
			m->fate = uows[o->uix].fate;
		else if (o->sp)   /* unknown (2102 ...): maybe, if its unit of work committed */
			m->fate = uows[o->uix].fate == F_ABORTED ? F_ABORTED : F_UNKNOWN;
		else if (o->res == RES_OK)
			m->fate = F_COMMITTED;
		else   /* outside syncpoint, outcome unknown: settled from the queue */
			m->fate = live ? F_UNKNOWN : (m->present || got_after(o->msg, i, 0)) ? F_COMMITTED : F_ABORTED;
		if (m->pers && o->res == RES_OK && (!o->sp || (uows[o->uix].state == U_COMMIT_OK && !uows[o->uix].backed2003)))
			acked_total++;
	}

	/* the latest invoke of an acknowledged operation the queue manager must
	 * make durable before answering (a persistent put or get outside
	 * syncpoint, a commit of persistent work): every record appended before
	 * it was invoked is durable */
	int64_t forced_ti = INT64_MIN;
	for (int i = 0; i < nops; i++) {
		struct op *o = &ops[i];
		if (o->res == RES_OK && !o->sp && o->msg >= 0 && msgs[o->msg].pers && o->ti > forced_ti)
			forced_ti = o->ti;
	}
	for (int u = 0; u < nuows; u++) {
		struct uow *U = &uows[u];
		if (U->state != U_COMMIT_OK || U->backed2003 || U->t_end_inv <= forced_ti)
			continue;
		for (int i = U->first; i >= 0; i = ops[i].next)
			if (ops[i].res == RES_OK && ops[i].msg >= 0 && msgs[ops[i].msg].pers) {
				forced_ti = U->t_end_inv;
				break;
			}
	}

	/* each get: live checks, then its effect */
	for (int i = 0; i < nops; i++) {
		struct op *o = &ops[i];
		if (o->kind != OP_GET || o->res != RES_OK || o->msg < 0)
			continue;
		struct msg *m = &msgs[o->msg];
		if (o->bad)
			viol(m->pers ? V_CORRUPT : V_NPC, "worker %d got " MSGNAME(m) " with a bad body (bad=%d)", o->worker,
			     MSGARGS(m), o->bad);
		/* isolation: got before it was committed, or it never was */
		int putop = m->putop;
		if (m->fate == F_ABORTED)
			viol(V_ISO, "worker %d got " MSGNAME(m) ", whose put was never committed", o->worker, MSGARGS(m));
		else if (putop >= 0) {
			struct op *p = &ops[putop];
			int64_t t = p->sp ? uows[p->uix].t_end_inv : p->ti;
			if (p->sp && uows[p->uix].state == U_OPEN)
				t = INT64_MAX;
			if (o->td < t)
				viol(V_ISO, "worker %d got " MSGNAME(m) " at %" PRId64 ", before its commit was asked for",
				     o->worker, MSGARGS(m), o->td);
		}
		/* BackoutCount: at least the backouts finished before this get */
		if (m->pers) {
			int k = 0;
			for (int j = m->firstget; j >= 0; j = ops[j].nextget) {
				struct op *g = &ops[j];
				if (j == i || !g->sp)
					continue;
				struct uow *U = &uows[g->uix];
				if (uow_fate(U, 1) == F_ABORTED && U->t_end_done < o->ti)
					k++;
			}
			int want = bo_least(m->bo0, k);
			if (o->bo < want && !(m->flags & FL_BO)) {
				m->flags |= FL_BO;
				viol(V_BO, "worker %d got " MSGNAME(m) " with BackoutCount %d, backed out %d times before",
				     o->worker, MSGARGS(m), o->bo, want);
			}
		}
		int eff = o->sp ? uows[o->uix].fate : F_COMMITTED;
		if (o->sp && uows[o->uix].observed)
			eff = m->present ? F_ABORTED : F_COMMITTED;
		if (eff == F_COMMITTED) {
			if (m->removed++ >= 1 && !(m->flags & FL_DUP)) {
				m->flags |= FL_DUP;
				viol(V_DUP, MSGNAME(m) " got by %d committed gets (the last by worker %d)", MSGARGS(m),
				     m->removed, o->worker);
			}
		} else if (eff == F_ABORTED) {
			struct uow *U = &uows[o->uix];
			int back = U->backed2003 || U->state == U_BACK_OK || U->state == U_COMMIT_FAIL;
			/* its record: the backout's (appended before the answer to
			 * MQBACK or 2003), or for a crash the get's own */
			int64_t t = back ? U->t_end_done : o->td;
			int hard = t < forced_ti;
			m->bo[back ? (hard ? BK_BACK_HARD : BK_BACK_SOFT) : (hard ? BK_CRASH_HARD : BK_CRASH_SOFT)]++;
		}
	}

	/* what is there */
	for (int i = 0; i < nbrw; i++) {
		struct obs *o = &brw[i];
		if (!o->hdr_ok) {
			viol(V_UNEXP, "%s position %d: a message of %ld bytes without our header", qnames[o->q], i, o->len);
			continue;
		}
		if (o->msg < 0) {
			viol(V_UNEXP, "%s: p=%u s=%" PRIu64 ", never put (or got or backed out more than %d rounds ago)",
			     qnames[o->q], o->pid, o->seq, FORGET_ROUNDS);
			continue;
		}
		struct msg *m = &msgs[o->msg];
		int corrupt = !o->crc_ok || o->len != m->len || o->h_len != m->len || o->h_crc != m->crc ||
			      o->h_pri != m->pri || o->h_pers != m->pers || o->h_q != m->q || o->q != m->q ||
			      o->md_pri != m->pri || o->md_pers != m->pers;
		if (corrupt && !(m->flags & FL_CORRUPT)) {
			m->flags |= FL_CORRUPT;
			viol(m->pers ? V_CORRUPT : V_NPC,
			     MSGNAME(m) " on %s: length %ld, body %s, descriptor priority %d persistence %d", MSGARGS(m),
			     qnames[o->q], o->len, o->crc_ok ? "ok" : "damaged", o->md_pri, o->md_pers);
		}
		if (m->present > 1 && !(m->flags & FL_QDUP)) {
			m->flags |= FL_QDUP;
			viol(V_DUP, MSGNAME(m) " is on the queue %d times", MSGARGS(m), m->present);
		}
		if (!m->pers) {
			if (!live && !(m->flags & FL_NP)) {
				m->flags |= FL_NP;
				viol(V_NPS, MSGNAME(m) " is there after a restart", MSGARGS(m));
			}
			continue;
		}
		if (m->fate == F_ABORTED && !(m->flags & FL_PHANTOM)) {
			m->flags |= FL_PHANTOM;
			viol(V_PHANTOM, MSGNAME(m) " is there, but its put was never committed", MSGARGS(m));
		}
		if ((m->removed || m->gone) && !(m->flags & FL_RES)) {
			m->flags |= FL_RES;
			viol(V_RES, MSGNAME(m) " is there again after %s", MSGARGS(m),
			     m->removed ? "a committed get" : "it was missing");
		}
		if (!(m->flags & FL_BO) &&
		    (o->bo < bo_least(m->bo, 0) || o->bo > bo_total(m->bo) + infosp_cum[m->q])) {
			m->flags |= FL_BO;
			viol(V_BO, MSGNAME(m) " has BackoutCount %d; its gets backed out: by MQBACK or 2003 %d (%d of them "
			     "durable), by a crash %d (%d durable), %ld more possible", MSGARGS(m), o->bo,
			     m->bo[BK_BACK_HARD] + m->bo[BK_BACK_SOFT], m->bo[BK_BACK_HARD],
			     m->bo[BK_CRASH_HARD] + m->bo[BK_CRASH_SOFT], m->bo[BK_CRASH_HARD], infosp_cum[m->q]);
		}
		if (m->fate == F_UNKNOWN)   /* there: its unit of work did commit */
			m->fate = F_COMMITTED;
	}

	/* what is missing */
	long expected = 0, present = 0;
	for (int q = 0; q < NQ; q++) {
		for (int i = 0; i < nmsgs; i++) {
			struct msg *m = &msgs[i];
			if (m->q != q || !m->pers || m->fate != F_COMMITTED || m->removed || m->gone || (m->flags & FL_LOST))
				continue;
			expected++;
			if (m->present) {
				present++;
				continue;
			}
			if (budget[q] > 0 && !live) {
				budget[q]--;
				m->gone = 1;
				explained_total++;
				continue;
			}
			m->flags |= FL_LOST;
			viol(V_LOST, MSGNAME(m) " (fate %s, %d backouts) is missing", MSGARGS(m), fname[m->fate],
			     bo_total(m->bo));
		}
	}

	/* order: the browse, and the drain */
	order_check(brw, nbrw, "browse");
	if (drain) {
		int same = ndrn == nbrw;
		for (int i = 0; same && i < nbrw; i++)
			same = drn[i].q == brw[i].q && drn[i].pid == brw[i].pid && drn[i].seq == brw[i].seq;
		if (!same) {   /* the same order as the browse is checked already */
			viol(V_ORDER, "the drain (%d messages) differs from the browse (%d)", ndrn, nbrw);
			order_check(drn, ndrn, "drain");
		}
		for (int i = 0; i < ndrn; i++)
			if (drn[i].msg >= 0)
				msgs[drn[i].msg].removed++;
	}

	checks_total++;
	int any = 0;
	printf("crashcheck: %d messages there (%ld persistent expected, %ld there), %d units of work settled "
	       "(%d committed, %d backed out, %d unknown), %ld acknowledged so far%s\n",
	       nbrw, expected, present, settled[1] + settled[2] + settled[3], settled[1], settled[2], settled[3],
	       acked_total, drain ? ", drained" : "");
	for (int k = 0; k < NV; k++) {
		printf("%s %ld\n", vname[k], vcount[k]);
		vtotal[k] += vcount[k];
		any |= vcount[k] != 0;
	}
	if (state_save(state))
		return fprintf(stderr, "mqi_crashmix check: cannot write %s\n", state), 2;
	return any;
}

static int totals_main(int argc, char **argv)
{
	if (argc < 3 || state_load(argv[2]))
		return fprintf(stderr, "usage: mqi_crashmix totals STATE\n"), 2;
	printf("checks=%ld\nacknowledged=%ld\nexplained=%ld\nmessages=%d\n", checks_total, acked_total, explained_total,
	       nmsgs);
	for (int k = 0; k < NV; k++)
		printf("%s=%ld\n", vname[k], vtotal[k]);
	return 0;
}

#endif
