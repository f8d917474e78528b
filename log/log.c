/*
 * log.c: the recovery log as a whole: creation, opening (finding the end),
 * appending with group commit, and extent space management (circular ring,
 * secondaries, log full; linear extents, RECLOG/MEDIALOG, LogManagement).
 *
 * Threads.  Any thread appends: append_mu makes a logical record (all its
 * parts) one unit; mu guards the buffer and the control state it shares with
 * the writer thread.  The writer alone writes extents: it claims everything
 * appended, pads it to a page boundary (WAL rule 3), writes it and fdatasyncs
 * it, then raises durable_lsn and wakes the waiters.  While it syncs, new
 * records gather behind the claimed range and are claimed together next time:
 * that is the group commit.  A waiter that finds the writer idle wakes it at
 * once, so a lone committer adds no delay.
 *
 * The buffer is a ring of bufsz bytes indexed by LSN mod bufsz; it holds the
 * LSNs [write_lsn, next_lsn).  Header pages of extents have LSNs too; their
 * ring bytes are simply never written to disk.
 */
#include "log/log.h"
#include "log/logread.h"
#include "log/osio.h"
#include "log/qmerr.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#define WFD_CACHE 4

struct log {
	char path[PATH_MAX];
	struct logctl ctl;                /* guarded by mu */
	uint64_t extsz;
	int lockfd;
	pthread_mutex_t append_mu, mu;
	pthread_cond_t wake_writer, space;
	pthread_cond_t done[2];           /* done[g & 1]: flush number g completed */
	uint8_t *buf;
	size_t bufsz;
	uint8_t *scratch;                 /* encoding area, under append_mu */
	uint64_t next_lsn, write_lsn, durable_lsn, flush_req, last_lsn, flush_mark;
	uint32_t epoch;
	int failed, stopping;
	int flushing;                     /* a flush is in flight (its thread is the leader) */
	uint64_t gen;                     /* number of the latest flush claimed */
	uint64_t claim_end;               /* end of the data that flush writes */
	int waiting_next;                 /* waiters whose records come after claim_end */
	uint64_t reserve;
	uint64_t flushes, syncs;
	log_notify_fn notify;
	void *notify_arg;
	pthread_t writer;
	struct { uint64_t seq; int fd; } wfd[WFD_CACHE]; /* writer thread only */
};

/* ---- helpers ---------------------------------------------------------- */


/* Where a record of len bytes goes if the log is at pos (rule P2). */
static uint64_t place(uint64_t extsz, uint64_t pos, uint32_t len)
{
	pos = log_norm_pos(extsz, pos);
	if (pos % extsz + len > extsz)
		pos = log_norm_pos(extsz, (pos / extsz + 1) * extsz);
	return pos;
}

static void ext_path(const struct log *lg, char prefix, uint32_t fileno, char *out, size_t n)
{
	char name[16];
	log_extent_name(fileno, name);
	name[0] = prefix;
	snprintf(out, n, "%s/active/%s", lg->path, name);
}

/* Write a fresh header for sequence seq into the open file fd and sync it. */
static int write_ext_header(int fd, const struct logctl *c, uint64_t seq, uint32_t fileno)
{
	uint8_t page[LOG_PAGE];
	struct log_ext_hdr h = { .version = LOG_FORMAT_VERSION, .pages = c->pages, .seq = seq,
				 .fileno = fileno, .ctime = (uint64_t)time(NULL) };
	memcpy(h.qmid, c->qmid, 16);
	logext_hdr_encode(page, &h);
	int rc = os_pwrite_full(fd, page, sizeof page, 0);
	return rc ? rc : os_fdatasync(fd);
}

/* Create (or take over a leftover of) extent file path, preallocated, with a
 * header for seq; durable, including its folder entry. */
static int create_extent(const char *path, const struct logctl *c, uint64_t seq, uint32_t fileno)
{
	int fd = osio->open(path, O_RDWR | O_CREAT, 0660);
	if (fd < 0)
		return os_errno_rc();
	int rc = os_preallocate(fd, (off_t)c->pages * LOG_PAGE);
	if (!rc)
		rc = write_ext_header(fd, c, seq, fileno);
	int e = errno;
	osio->close(fd);
	if (!rc)
		rc = os_fsync_parent(path);
	else {
		osio->unlink(path);
		errno = e;
	}
	return rc;
}

int log_config_check(const struct log_config *c, char *why, size_t n)
{
	if (c->type != LOG_CIRCULAR && c->type != LOG_LINEAR)
		snprintf(why, n, "LogType must be CIRCULAR or LINEAR");
	else if (c->primary < 2 || c->primary > 510)
		snprintf(why, n, "LogPrimaryFiles %u is out of range 2-510", c->primary);
	else if (c->secondary < 1 || c->secondary > 509)
		snprintf(why, n, "LogSecondaryFiles %u is out of range 1-509", c->secondary);
	else if (c->primary + c->secondary > LOG_MAX_FILES)
		snprintf(why, n, "LogPrimaryFiles + LogSecondaryFiles (%u) must not exceed 511", c->primary + c->secondary);
	else if (c->pages < 64 || c->pages > 65535)
		snprintf(why, n, "LogFilePages %u is out of range 64-65535", c->pages);
	else if (c->mgmt > LOG_ARCHIVE || (c->type == LOG_CIRCULAR && c->mgmt != LOG_MANUAL))
		snprintf(why, n, "LogManagement Automatic and Archive need LogType LINEAR");
	else
		return QM_OK;
	return QM_EINVAL;
}

int log_create(const struct log_config *cfg, char *why, size_t whylen)
{
	char p[PATH_MAX + 32];
	struct logctl c;
	int rc = log_config_check(cfg, why, whylen);
	if (rc)
		return rc;
	snprintf(p, sizeof p, "%s/%s", cfg->path, LOG_CTL_NAME);
	if (access(p, F_OK) == 0) {
		snprintf(why, whylen, "a log already exists in \"%s\"", cfg->path);
		return QM_EEXIST;
	}
	snprintf(p, sizeof p, "%s/active", cfg->path);
	if ((rc = os_mkdir_p(p, 02770))) {
		snprintf(why, whylen, "could not create log folder \"%s\": %s", p, strerror(errno));
		return rc;
	}
	memset(&c, 0, sizeof c);
	memcpy(c.qmid, cfg->qmid, 16);
	c.type = cfg->type;
	c.mgmt = cfg->mgmt;
	c.pages = cfg->pages;
	c.primary = cfg->primary;
	c.secondary = cfg->secondary;
	struct log tmp = { .ctl = c };
	snprintf(tmp.path, sizeof tmp.path, "%s", cfg->path);
	for (uint32_t i = 0; i < cfg->primary; i++) {
		/* circular: file 0 holds sequence 0, the rest wait in ring order;
		 * linear: file i is formatted ahead for sequence i */
		uint64_t seq = (cfg->type == LOG_LINEAR || i == 0) ? i : UINT64_MAX;
		ext_path(&tmp, 'S', i, p, sizeof p);
		if ((rc = create_extent(p, &c, seq, i))) {
			snprintf(why, whylen, "could not create log extent \"%s\": %s", p, strerror(errno));
			return rc;
		}
		c.n_created++;
		if (cfg->type == LOG_CIRCULAR)
			c.ring[c.nring++] = i;
	}
	if ((rc = logctl_write(cfg->path, &c)))
		snprintf(why, whylen, "could not write the log control file in \"%s\": %s", cfg->path, strerror(errno));
	return rc;
}

/* ---- extent space management (under mu) ------------------------------ */

static uint32_t circ_active(const struct logctl *c) { return (uint32_t)(c->cur_seq - c->head_seq + 1); }

/* Extents that could still be added after cur_seq (UINT64_MAX: no limit). */
static uint64_t extents_available(const struct logctl *c)
{
	if (c->type == LOG_LINEAR)
		return UINT64_MAX;
	return (uint64_t)(c->primary + c->secondary) - circ_active(c);
}

/* Make sequence cur_seq + 1 ready for writing and record it durably. */
static int prepare_next(struct log *lg)
{
	struct logctl *c = &lg->ctl;
	uint64_t seq = c->cur_seq + 1;
	char path[PATH_MAX + 32], from[PATH_MAX + 32];
	int rc;
	if (c->type == LOG_CIRCULAR) {
		uint32_t act = circ_active(c);
		if (act < c->nring) {               /* reuse the next free file in ring order */
			uint32_t f = c->ring[act];
			ext_path(lg, 'S', f, path, sizeof path);
			int fd = osio->open(path, O_RDWR, 0);
			if (fd < 0)
				return os_errno_rc();
			rc = write_ext_header(fd, c, seq, f);
			osio->close(fd);
			if (rc)
				return rc;
			c->n_reused++;
		} else if (act < c->primary + c->secondary) {   /* add a secondary */
			uint32_t f = 0;
			for (int used = 1; used;) {
				used = 0;
				for (uint32_t i = 0; i < c->nring; i++)
					if (c->ring[i] == f) {
						used = 1;
						f++;
						break;
					}
			}
			ext_path(lg, 'S', f, path, sizeof path);
			if ((rc = create_extent(path, c, seq, f)))
				return rc;
			c->ring[c->nring++] = f;
			c->n_created++;
		} else
			return QM_ELOGFULL;
	} else {
		uint32_t f = (uint32_t)(seq % LOG_NAME_WRAP);
		uint8_t page[LOG_PAGE];
		struct log_ext_hdr h;
		const char *why;
		ext_path(lg, 'S', f, path, sizeof path);
		int fd = osio->open(path, O_RDONLY, 0);
		int ready = 0;
		if (fd >= 0) {
			ready = os_pread_full(fd, page, sizeof page, 0, NULL) == QM_OK &&
				logext_hdr_decode(page, &h, &why) == QM_OK && h.seq == seq &&
				memcmp(h.qmid, c->qmid, 16) == 0 && h.pages == c->pages;
			osio->close(fd);
		}
		if (!ready && c->nring > 0) {       /* recycle an R file */
			uint32_t r = c->ring[--c->nring];
			ext_path(lg, 'R', r, from, sizeof from);
			if (os_rename_durable(from, path) == QM_OK) {
				fd = osio->open(path, O_RDWR, 0);
				if (fd < 0)
					return os_errno_rc();
				rc = write_ext_header(fd, c, seq, f);
				osio->close(fd);
				if (rc)
					return rc;
				c->n_reused++;
				ready = 1;
			}
		}
		if (!ready) {
			if ((rc = create_extent(path, c, seq, f)))
				return rc;
			c->n_created++;
		}
	}
	c->cur_seq = seq;
	rc = logctl_write(lg->path, c);
	if (rc)
		lg->failed = rc;   /* a failed durable write of the control file is fatal */
	return rc;
}

static int archived(const struct logctl *c, uint64_t seq)
{
	if (seq < c->arch_base || seq - c->arch_base >= LOG_ARCH_BYTES * 8)
		return 0;
	uint64_t i = seq - c->arch_base;
	return (c->archived[i / 8] >> (i % 8)) & 1;
}

static uint64_t medialog_seq(const struct logctl *c, uint64_t extsz)
{
	if (c->media_lsn)
		return c->media_lsn / extsz;
	return c->type == LOG_LINEAR ? c->arch_base : c->head_seq;
}

/* Free what is no longer needed and rewrite the control file. */
static int release_space(struct log *lg, uint64_t new_head)
{
	struct logctl *c = &lg->ctl;
	char path[PATH_MAX + 32], to[PATH_MAX + 32];
	uint32_t doomed[LOG_MAX_FILES], ndoomed = 0;
	uint32_t recycle[LOG_MAX_FILES], nrecycle = 0;
	if (c->type == LOG_CIRCULAR) {
		uint32_t k = (uint32_t)(new_head - c->head_seq), act = circ_active(c);
		uint32_t freed[LOG_MAX_FILES], ring[LOG_MAX_FILES], n = 0;
		memcpy(freed, c->ring, k * sizeof freed[0]);
		for (uint32_t i = k; i < act; i++)
			ring[n++] = c->ring[i];
		for (uint32_t i = act; i < c->nring; i++)
			ring[n++] = c->ring[i];
		for (uint32_t i = 0; i < k; i++)
			ring[n++] = freed[i];
		memcpy(c->ring, ring, n * sizeof ring[0]);
		c->head_seq = new_head;
		/* remove secondaries no longer needed: free files beyond the primaries */
		while (c->nring > c->primary && c->nring > circ_active(c)) {
			uint32_t best = circ_active(c);
			for (uint32_t i = best; i < c->nring; i++)
				if (c->ring[i] > c->ring[best])
					best = i;
			doomed[ndoomed++] = c->ring[best];
			memmove(c->ring + best, c->ring + best + 1, (c->nring - best - 1) * sizeof c->ring[0]);
			c->nring--;
			c->n_deleted++;
		}
	} else {
		c->head_seq = new_head;
		uint64_t keep = c->head_seq < medialog_seq(c, lg->extsz) ? c->head_seq : medialog_seq(c, lg->extsz);
		while (c->mgmt != LOG_MANUAL && c->arch_base < keep &&
		       (c->mgmt == LOG_AUTOMATIC || archived(c, c->arch_base))) {
			uint32_t f = (uint32_t)(c->arch_base % LOG_NAME_WRAP);
			if (c->nring < c->primary) {
				c->ring[c->nring++] = f;
				recycle[nrecycle++] = f;
			} else {
				doomed[ndoomed++] = f;
				c->n_deleted++;
			}
			/* shift the archived bitmap by one extent */
			for (unsigned i = 0; i < LOG_ARCH_BYTES; i++)
				c->archived[i] = (uint8_t)((c->archived[i] >> 1) |
					(i + 1 < LOG_ARCH_BYTES ? c->archived[i + 1] << 7 : 0));
			c->arch_base++;
		}
	}
	int rc = logctl_write(lg->path, c);
	if (rc) {
		lg->failed = rc;
		return rc;
	}
	/* the control file no longer names these files: now move or remove them */
	for (uint32_t i = 0; i < nrecycle; i++) {
		ext_path(lg, 'S', recycle[i], path, sizeof path);
		ext_path(lg, 'R', recycle[i], to, sizeof to);
		os_rename_durable(path, to);
	}
	for (uint32_t i = 0; i < ndoomed; i++) {
		ext_path(lg, 'S', doomed[i], path, sizeof path);
		os_unlink_durable(path);
	}
	return QM_OK;
}

/* ---- the writer thread ------------------------------------------------- */

static int writer_fd(struct log *lg, uint64_t seq, uint32_t fileno)
{
	int victim = 0;
	for (int i = 0; i < WFD_CACHE; i++) {
		if (lg->wfd[i].fd >= 0 && lg->wfd[i].seq == seq)
			return lg->wfd[i].fd;
		if (lg->wfd[i].fd < 0 || (lg->wfd[victim].fd >= 0 && lg->wfd[i].seq < lg->wfd[victim].seq))
			victim = i;
	}
	char path[PATH_MAX + 32];
	ext_path(lg, 'S', fileno, path, sizeof path);
	int fd = osio->open(path, O_RDWR, 0);
	if (fd < 0)
		return -1;
	if (lg->wfd[victim].fd >= 0)
		osio->close(lg->wfd[victim].fd);
	lg->wfd[victim].fd = fd;
	lg->wfd[victim].seq = seq;
	return fd;
}

/* Copy n bytes (or zeros when src is NULL) into the ring at LSN pos. */
static void ring_put(struct log *lg, uint64_t pos, const uint8_t *src, size_t n)
{
	while (n) {
		size_t at = (size_t)(pos % lg->bufsz), k = lg->bufsz - at;
		if (k > n)
			k = n;
		if (src) {
			memcpy(lg->buf + at, src, k);
			src += k;
		} else
			memset(lg->buf + at, 0, k);
		pos += k;
		n -= k;
	}
}

/* Append a PAD record covering [next_lsn, next_lsn + len). */
static void put_pad(struct log *lg, uint64_t len)
{
	uint64_t pos = lg->next_lsn;
	uint8_t hdr[LOG_HDR_SIZE];
	struct log_rec_hdr h = { .type = LOG_REC_PAD, .length = (uint32_t)len, .lsn = pos, .prev = lg->last_lsn,
				 .raw_len = (uint32_t)(len - LOG_HDR_SIZE), .epoch = lg->epoch };
	if (pos == log_norm_pos(lg->extsz, lg->flush_mark))
		h.flags |= LOG_F_FLUSH;
	logrec_hdr_encode(hdr, &h);
	put_u64(hdr + 56, logrec_checksum(hdr, NULL, 0));
	ring_put(lg, pos, hdr, LOG_HDR_SIZE);
	ring_put(lg, pos + LOG_HDR_SIZE, NULL, (size_t)(len - LOG_HDR_SIZE));
	lg->last_lsn = pos;
	lg->next_lsn = pos + len;
}

/* Fill to the next page boundary (rule P3): a PAD record, or zeros where
 * fewer than LOG_HDR_SIZE bytes are left (rule P1). */
static void pad_to_page(struct log *lg)
{
	uint64_t pos = lg->next_lsn, rest = LOG_PAGE - pos % LOG_PAGE;
	if (pos % LOG_PAGE == 0)
		return;
	if (rest >= LOG_HDR_SIZE) {
		put_pad(lg, rest);
	} else {
		ring_put(lg, pos, NULL, (size_t)rest);
		lg->next_lsn = pos + rest;
	}
}

/* Fill the rest of the current extent (rule P2) before a record that does
 * not fit in it.  The rest is smaller than that record, so one PAD does. */
static void pad_to_extent_end(struct log *lg)
{
	uint64_t at = lg->next_lsn, eend = (at / lg->extsz + 1) * lg->extsz;
	if (at % lg->extsz == 0)
		return;
	if (at % LOG_PAGE && LOG_PAGE - at % LOG_PAGE < LOG_HDR_SIZE) {
		ring_put(lg, at, NULL, (size_t)(LOG_PAGE - at % LOG_PAGE));
		lg->next_lsn = at += LOG_PAGE - at % LOG_PAGE;
	}
	if (at < eend)
		put_pad(lg, eend - at);
}

/* Write LSNs [start, end) from the ring to their extents and sync them. */
static int write_range(struct log *lg, uint64_t start, uint64_t end, const uint32_t *filenos, uint64_t seq0,
		       uint64_t *syncs)
{
	uint64_t seq_last = (end - 1) / lg->extsz;
	for (uint64_t seq = start / lg->extsz; seq <= seq_last; seq++) {
		uint64_t a = seq * lg->extsz + LOG_PAGE, b = (seq + 1) * lg->extsz;
		if (a < start)
			a = start;
		if (b > end)
			b = end;
		if (a >= b)
			continue;
		int fd = writer_fd(lg, seq, filenos[seq - seq0]);
		if (fd < 0)
			return os_errno_rc();
		while (a < b) {
			size_t at = (size_t)(a % lg->bufsz), n = (size_t)(b - a);
			if (n > lg->bufsz - at)
				n = lg->bufsz - at;
			int rc = os_pwrite_full(fd, lg->buf + at, n, (off_t)(a % lg->extsz));
			if (rc)
				return rc;
			a += n;
		}
		int rc = os_fdatasync(fd);
		(*syncs)++;
		if (rc)
			return rc;
	}
	return QM_OK;
}

/*
 * One flush (WAL rule 4), by whichever thread leads it: a committer in
 * log_flush that found no flush in flight, or the writer thread.  Called and
 * returns with mu held; mu is released during the write and the sync.
 * Waiters whose records are in this flush wait on done[gen & 1], the others
 * on done[(gen + 1) & 1]; when it completes, the first are all woken and one
 * of the others, which leads the next flush.  So a lone committer writes its
 * own records with no thread switch, and nobody is woken for nothing.
 */
static void flush_once(struct log *lg)
{
	lg->flushing = 1;
	uint64_t g = ++lg->gen;
	pad_to_page(lg);
	uint64_t start = lg->write_lsn, end = lg->next_lsn, seq0 = start / lg->extsz;
	uint32_t filenos[64];
	uint64_t nseq = (end - 1) / lg->extsz - seq0 + 1;
	if (nseq > 64)
		nseq = 64; /* the buffer never spans this many extents */
	for (uint64_t i = 0; i < nseq; i++)
		filenos[i] = (uint32_t)logctl_fileno(&lg->ctl, seq0 + i);
	lg->flush_mark = lg->claim_end = end;
	pthread_mutex_unlock(&lg->mu);
	uint64_t syncs = 0;
	int rc = write_range(lg, start, end, filenos, seq0, &syncs);
	pthread_mutex_lock(&lg->mu);
	lg->flushes++;
	lg->syncs += syncs;
	if (rc)
		lg->failed = rc;       /* WAL rule 8: sticky, never retried */
	else
		lg->write_lsn = lg->durable_lsn = end;
	lg->flushing = 0;
	if (lg->failed) {
		pthread_cond_broadcast(&lg->done[0]);
		pthread_cond_broadcast(&lg->done[1]);
	} else {
		pthread_cond_broadcast(&lg->done[g & 1]);
		if (lg->waiting_next)
			pthread_cond_signal(&lg->done[(g + 1) & 1]);
	}
	pthread_cond_broadcast(&lg->space);
	if (lg->stopping || lg->flush_req > lg->write_lsn || lg->next_lsn - lg->write_lsn > lg->bufsz / 2)
		pthread_cond_signal(&lg->wake_writer);   /* requests made during this flush */
	if (lg->notify)
		lg->notify(lg->notify_arg, lg->durable_lsn, lg->failed);
}

/* The writer thread: flushes asked for without a waiting committer
 * (log_request_flush), a buffer more than half full, and the rest at close. */
static void *writer_main(void *arg)
{
	struct log *lg = arg;
	pthread_mutex_lock(&lg->mu);
	for (;;) {
		while (!lg->failed && !lg->stopping &&
		       !(!lg->flushing && lg->next_lsn > lg->write_lsn &&
			 (lg->flush_req > lg->write_lsn || lg->next_lsn - lg->write_lsn > lg->bufsz / 2)))
			pthread_cond_wait(&lg->wake_writer, &lg->mu);
		if (lg->failed)
			break;
		if (lg->flushing) {            /* stopping: let the leader finish first */
			pthread_cond_wait(&lg->wake_writer, &lg->mu);
			continue;
		}
		if (lg->stopping && lg->next_lsn == lg->write_lsn)
			break;
		flush_once(lg);
		/* a request that came in during the flush: go round again */
	}
	if (lg->notify && lg->failed)
		lg->notify(lg->notify_arg, lg->durable_lsn, lg->failed);
	pthread_cond_broadcast(&lg->done[0]);
	pthread_cond_broadcast(&lg->done[1]);
	pthread_cond_broadcast(&lg->space);
	pthread_mutex_unlock(&lg->mu);
	return NULL;
}

/* ---- open, append, flush, close ---------------------------------------- */

int log_open(const char *path, int flags, uint32_t bufpages, struct log **out, struct log_open_report *rep)
{
	struct log_open_report dummy;
	if (!rep)
		rep = &dummy;
	memset(rep, 0, sizeof *rep);
	if (!(flags & LOG_OPEN_WRITE)) {
		snprintf(rep->why, sizeof rep->why, "log_open is for writing; read with log_reader_open");
		return QM_EINVAL;
	}
	struct log *lg = calloc(1, sizeof *lg);
	if (!lg)
		return QM_ENOMEM;
	snprintf(lg->path, sizeof lg->path, "%s", path);
	for (int i = 0; i < WFD_CACHE; i++)
		lg->wfd[i].fd = -1;
	lg->lockfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (lg->lockfd < 0) {
		snprintf(rep->why, sizeof rep->why, "could not open log folder \"%s\": %s", path, strerror(errno));
		free(lg);
		return QM_ENOENT;
	}
	if (flock(lg->lockfd, LOCK_EX | LOCK_NB) != 0) {
		snprintf(rep->why, sizeof rep->why, "log \"%s\" is in use by another process", path);
		close(lg->lockfd);
		free(lg);
		return QM_ELOCKED;
	}
	struct log_reader *r;
	struct log_reader_opts ro = { .start = LOG_START_HEAD };
	int rc = log_reader_open(path, &ro, &r, rep->why, sizeof rep->why);
	struct log_reader_end end;
	if (!rc) {
		lg->ctl = *log_reader_ctl(r);
		rc = log_reader_end(r, &end);
		if (rc)
			snprintf(rep->why, sizeof rep->why, "%s", log_reader_error(r));
		log_reader_close(r);
	}
	if (rc) {
		close(lg->lockfd);
		free(lg);
		return rc;
	}
	lg->extsz = (uint64_t)lg->ctl.pages * LOG_PAGE;
	lg->bufsz = (size_t)(bufpages ? (bufpages < 18 ? 18 : bufpages) : 512) * LOG_PAGE;
	lg->buf = calloc(1, lg->bufsz);
	lg->scratch = malloc(LOG_REC_MAX);
	if (!lg->buf || !lg->scratch) {
		free(lg->buf);
		free(lg->scratch);
		close(lg->lockfd);
		free(lg);
		return QM_ENOMEM;
	}
	lg->next_lsn = lg->write_lsn = lg->durable_lsn = lg->flush_mark = end.end_lsn;
	lg->last_lsn = end.last_lsn;
	do {
		if (getrandom(&lg->epoch, sizeof lg->epoch, 0) != sizeof lg->epoch)
			lg->epoch = (uint32_t)time(NULL) ^ (uint32_t)getpid();
	} while (lg->epoch == 0 || lg->epoch == end.last_epoch);
	lg->reserve = LOG_REC_MAX + 4 * LOG_PAGE;
	rep->end_lsn = end.end_lsn;
	rep->last_lsn = end.last_lsn;
	rep->cut_lsn = end.cut_lsn;
	rep->cut_bytes = end.cut_bytes;
	if (end.cut_lsn)
		snprintf(rep->why, sizeof rep->why, "%s", end.cut_why);
	pthread_mutex_init(&lg->append_mu, NULL);
	pthread_mutex_init(&lg->mu, NULL);
	pthread_cond_init(&lg->wake_writer, NULL);
	pthread_cond_init(&lg->done[0], NULL);
	pthread_cond_init(&lg->done[1], NULL);
	pthread_cond_init(&lg->space, NULL);
	if (pthread_create(&lg->writer, NULL, writer_main, lg) != 0) {
		free(lg->buf);
		free(lg->scratch);
		close(lg->lockfd);
		free(lg);
		return QM_ENOMEM;
	}
	*out = lg;
	return QM_OK;
}

/* Reserve the extents a record of len bytes needs; nothing is appended when
 * this fails.  Under mu. */
static int make_room(struct log *lg, size_t len, int flags)
{
	uint64_t pos = lg->next_lsn, parts = len / LOG_PART_MAX + 1;
	for (uint64_t i = 0; i < parts; i++) {
		uint32_t plen = LOG_HDR_SIZE + (uint32_t)(i + 1 < parts ? LOG_PART_MAX : len % LOG_PART_MAX);
		pos = log_align8(place(lg->extsz, pos, plen) + plen) + LOG_PAGE; /* + a flush's padding */
	}
	uint64_t need_seq = pos / lg->extsz;
	if (need_seq > lg->ctl.cur_seq) {
		uint64_t avail = extents_available(&lg->ctl);
		uint64_t extra = need_seq - lg->ctl.cur_seq;
		uint64_t room_end = avail == UINT64_MAX ? UINT64_MAX : (lg->ctl.cur_seq + 1 + avail) * lg->extsz;
		if (extra > avail)
			return QM_ELOGFULL;
		if (!(flags & LOG_APPEND_RESERVED) && room_end != UINT64_MAX && pos + lg->reserve > room_end)
			return QM_ELOGFULL;
		while (lg->ctl.cur_seq < need_seq) {
			int rc = prepare_next(lg);
			if (rc) {
				/* no space for a new extent leaves the log usable; a
				 * failed write or sync of a durable file does not */
				if (rc != QM_ENOSPC && rc != QM_ELOGFULL)
					lg->failed = rc;
				return rc;
			}
		}
	} else if (!(flags & LOG_APPEND_RESERVED) && extents_available(&lg->ctl) == 0 &&
		   pos + lg->reserve > (lg->ctl.cur_seq + 1) * lg->extsz) {
		return QM_ELOGFULL;
	}
	return QM_OK;
}

static int append_part(struct log *lg, const struct log_rec *rec, const uint8_t *data, uint32_t n,
		       uint32_t part, int more, uint64_t *lsn)
{
	struct log_rec_hdr h = { .type = rec->type, .uow = rec->uow, .obj = rec->obj, .part = part,
				 .flags = more ? LOG_F_MORE : 0 };
	int len = logrec_encode(lg->scratch, &h, data, n);
	if (len < 0)
		return len;
	pthread_mutex_lock(&lg->mu);
	uint64_t pos;
	for (;;) {
		if (lg->failed) {
			pthread_mutex_unlock(&lg->mu);
			return QM_EFAILED;
		}
		pos = place(lg->extsz, lg->next_lsn, (uint32_t)len);
		if (log_align8(pos + (uint64_t)len) - lg->write_lsn <= lg->bufsz)
			break;
		lg->flush_req = lg->next_lsn;   /* make the writer drain the buffer */
		pthread_cond_signal(&lg->wake_writer);
		pthread_cond_wait(&lg->space, &lg->mu);
	}
	h.lsn = pos;
	h.prev = lg->last_lsn;
	h.epoch = lg->epoch;
	if (pos / lg->extsz != lg->next_lsn / lg->extsz) {
		pad_to_extent_end(lg);
		h.prev = lg->last_lsn;
	}
	if (log_norm_pos(lg->extsz, lg->flush_mark) == pos)
		h.flags |= LOG_F_FLUSH;
	h.checksum = 0;
	logrec_hdr_encode(lg->scratch, &h);
	put_u64(lg->scratch + 56, logrec_checksum(lg->scratch, lg->scratch + LOG_HDR_SIZE, (size_t)len - LOG_HDR_SIZE));
	ring_put(lg, lg->next_lsn, NULL, (size_t)(pos - lg->next_lsn));
	uint64_t endp = log_align8(pos + (uint64_t)len);
	ring_put(lg, pos, lg->scratch, (size_t)len);
	ring_put(lg, pos + (uint64_t)len, NULL, (size_t)(endp - pos - (uint64_t)len));
	lg->next_lsn = endp;
	lg->last_lsn = pos;
	if (lg->next_lsn - lg->write_lsn > lg->bufsz / 2)
		pthread_cond_signal(&lg->wake_writer);
	pthread_mutex_unlock(&lg->mu);
	*lsn = pos;
	return QM_OK;
}

int log_append_ex(struct log *lg, const struct log_rec *rec, int flags, uint64_t *lsn, uint64_t *last)
{
	if (!rec->type || rec->type == LOG_REC_PAD || rec->type >= LOG_REC_TYPE_MAX || (!rec->data && rec->len))
		return QM_EINVAL;
	pthread_mutex_lock(&lg->append_mu);
	pthread_mutex_lock(&lg->mu);
	int rc = lg->failed ? QM_EFAILED : lg->stopping ? QM_ECLOSED : make_room(lg, rec->len, flags);
	pthread_mutex_unlock(&lg->mu);
	const uint8_t *d = rec->data;
	size_t left = rec->len;
	uint32_t part = 0;
	uint64_t first = 0, at = 0;
	while (!rc) {
		uint32_t n = left > LOG_PART_MAX ? LOG_PART_MAX : (uint32_t)left;
		rc = append_part(lg, rec, d, n, part, left > n, &at);
		if (rc)
			break;
		if (part == 0)
			first = at;
		d += n;
		left -= n;
		part++;
		if (!left)
			break;
	}
	pthread_mutex_unlock(&lg->append_mu);
	if (!rc && lsn)
		*lsn = first;
	if (!rc && last)
		*last = at;
	return rc;
}

int log_append(struct log *lg, const struct log_rec *rec, uint64_t *lsn, uint64_t *last)
{
	return log_append_ex(lg, rec, 0, lsn, last);
}

int log_flush(struct log *lg, uint64_t lsn)
{
	pthread_mutex_lock(&lg->mu);
	while (!lg->failed && lg->durable_lsn <= lsn && lsn < lg->next_lsn) {
		if (lg->flush_req <= lsn)
			lg->flush_req = lsn + 1;
		if (!lg->flushing) {
			flush_once(lg);                 /* lead: write it ourselves */
		} else if (lsn < lg->claim_end) {
			pthread_cond_wait(&lg->done[lg->gen & 1], &lg->mu);
		} else {
			lg->waiting_next++;
			pthread_cond_wait(&lg->done[(lg->gen + 1) & 1], &lg->mu);
			lg->waiting_next--;
		}
	}
	int rc = lg->durable_lsn > lsn || lsn >= lg->next_lsn ? QM_OK : QM_EFAILED;
	if (lg->failed && lg->durable_lsn <= lsn)
		rc = QM_EFAILED;
	pthread_mutex_unlock(&lg->mu);
	return rc;
}

void log_set_notify(struct log *lg, log_notify_fn fn, void *arg)
{
	pthread_mutex_lock(&lg->mu);
	lg->notify = fn;
	lg->notify_arg = arg;
	pthread_mutex_unlock(&lg->mu);
}

void log_request_flush(struct log *lg, uint64_t lsn)
{
	pthread_mutex_lock(&lg->mu);
	if (!lg->failed && lg->durable_lsn <= lsn && lsn < lg->next_lsn && lg->flush_req <= lsn) {
		lg->flush_req = lsn + 1;
		pthread_cond_signal(&lg->wake_writer);
	}
	pthread_mutex_unlock(&lg->mu);
}

uint64_t log_durable_lsn(struct log *lg)
{
	pthread_mutex_lock(&lg->mu);
	uint64_t v = lg->durable_lsn;
	pthread_mutex_unlock(&lg->mu);
	return v;
}

int log_failed(struct log *lg)
{
	pthread_mutex_lock(&lg->mu);
	int f = lg->failed;
	pthread_mutex_unlock(&lg->mu);
	return f;
}

int log_set_restart_lsn(struct log *lg, uint64_t lsn)
{
	pthread_mutex_lock(&lg->mu);
	int rc = QM_OK;
	if (lg->failed)
		rc = QM_EFAILED;
	else if (lsn < lg->ctl.restart_lsn || lsn >= lg->durable_lsn || lsn / lg->extsz < lg->ctl.head_seq)
		rc = QM_EINVAL;
	else {
		lg->ctl.restart_lsn = lsn;
		rc = release_space(lg, lsn / lg->extsz);
	}
	pthread_mutex_unlock(&lg->mu);
	return rc;
}

int log_set_media_lsn(struct log *lg, uint64_t lsn)
{
	pthread_mutex_lock(&lg->mu);
	int rc = QM_OK;
	if (lg->failed)
		rc = QM_EFAILED;
	else if (lsn >= lg->durable_lsn || lsn < lg->ctl.media_lsn)
		rc = QM_EINVAL;
	else {
		lg->ctl.media_lsn = lsn;
		rc = release_space(lg, lg->ctl.head_seq);
	}
	pthread_mutex_unlock(&lg->mu);
	return rc;
}

int log_archived(struct log *lg, uint32_t fileno)
{
	pthread_mutex_lock(&lg->mu);
	struct logctl *c = &lg->ctl;
	int rc = QM_EINVAL;
	if (lg->failed)
		rc = QM_EFAILED;
	else if (c->type == LOG_LINEAR && c->mgmt == LOG_ARCHIVE) {
		uint64_t cur = log_norm_pos(lg->extsz, lg->next_lsn) / lg->extsz;
		for (uint64_t s = c->arch_base; s < cur && s < c->arch_base + LOG_ARCH_BYTES * 8; s++)
			if (s % LOG_NAME_WRAP == fileno) {
				uint64_t i = s - c->arch_base;
				c->archived[i / 8] |= (uint8_t)(1u << (i % 8));
				rc = release_space(lg, c->head_seq);
				break;
			}
	}
	pthread_mutex_unlock(&lg->mu);
	return rc;
}

uint64_t log_reserve_bytes(struct log *lg) { return lg->reserve; }

int log_info(struct log *lg, struct log_info *li)
{
	pthread_mutex_lock(&lg->mu);
	const struct logctl *c = &lg->ctl;
	memset(li, 0, sizeof *li);
	li->type = c->type;
	li->mgmt = c->mgmt;
	li->primary = c->primary;
	li->secondary = c->secondary;
	li->pages = c->pages;
	li->base_lsn = c->head_seq * lg->extsz + LOG_PAGE;
	li->head_lsn = c->restart_lsn ? c->restart_lsn : li->base_lsn;
	li->media_lsn = c->media_lsn;
	li->next_lsn = log_norm_pos(lg->extsz, lg->next_lsn);
	li->durable_lsn = lg->durable_lsn;
	li->last_lsn = lg->last_lsn;
	li->head_seq = c->head_seq;
	li->cur_seq = li->next_lsn / lg->extsz;
	if (li->cur_seq > c->cur_seq)
		li->cur_seq = c->cur_seq;
	li->reclog_seq = li->head_lsn / lg->extsz;
	li->medialog_seq = medialog_seq(c, lg->extsz);
	li->nfiles = c->type == LOG_CIRCULAR ? c->nring : (uint32_t)(c->cur_seq - c->arch_base + 1);
	li->n_created = c->n_created;
	li->n_reused = c->n_reused;
	li->n_deleted = c->n_deleted;
	li->flushes = lg->flushes;
	li->syncs = lg->syncs;
	log_extent_name((uint32_t)logctl_fileno(c, li->cur_seq), li->currlog);
	log_extent_name((uint32_t)logctl_fileno(c, li->reclog_seq), li->reclog);
	long mf = c->type == LOG_LINEAR ? (long)(li->medialog_seq % LOG_NAME_WRAP) : logctl_fileno(c, li->medialog_seq);
	log_extent_name(mf < 0 ? 0 : (uint32_t)mf, li->medialog);
	pthread_mutex_unlock(&lg->mu);
	return QM_OK;
}

int log_close(struct log *lg)
{
	if (!lg)
		return QM_OK;
	pthread_mutex_lock(&lg->mu);
	lg->stopping = 1;
	pthread_cond_signal(&lg->wake_writer);
	pthread_mutex_unlock(&lg->mu);
	pthread_join(lg->writer, NULL);
	int rc = lg->failed ? QM_EFAILED : QM_OK;
	for (int i = 0; i < WFD_CACHE; i++)
		if (lg->wfd[i].fd >= 0)
			osio->close(lg->wfd[i].fd);
	pthread_mutex_destroy(&lg->append_mu);
	pthread_mutex_destroy(&lg->mu);
	pthread_cond_destroy(&lg->wake_writer);
	pthread_cond_destroy(&lg->done[0]);
	pthread_cond_destroy(&lg->done[1]);
	pthread_cond_destroy(&lg->space);
	close(lg->lockfd);
	free(lg->buf);
	free(lg->scratch);
	free(lg);
	return rc;
}
