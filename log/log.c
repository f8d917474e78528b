/*
 * log.c: the recovery log as a whole: creation, opening (finding the end),
 * appending with group commit.  Extent space management (circular ring,
 * secondaries, log full; linear extents, RECLOG/MEDIALOG, LogManagement) is
 * in logspace.c; struct log in log_int.h.
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
 *
 * The seal (logseal.h): after each flush's fdatasync the flush leader
 * rewrites amqhlseal.lfh with the flush's end (one pwrite, no sync), so that
 * a reader can tell damage in a synced flush from a torn write.  log_open
 * syncs the extents up to the end it found before it seals that end.
 */
#include "log/log_int.h"
#include "log/logread.h"
#include "log/osio.h"
#include "log/qmerr.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

/* ---- helpers ---------------------------------------------------------- */

const char *log_errno_str(int e, char *buf, size_t n)
{
	snprintf(buf, n, "%s (errno %d)", e ? strerror(e) : "no error code", e);
	return buf;
}

void log_fail(struct log *lg, int rc, const char *fmt, ...)
{
	if (lg->failed)
		return;            /* the first failure is the one that matters */
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(lg->failure, sizeof lg->failure, fmt, ap);
	va_end(ap);
	lg->failed = rc ? rc : QM_EIO;
	snprintf(lg->last_why, sizeof lg->last_why, "%s", lg->failure);
	lg->last_rc = lg->failed;
}

void log_note_error(struct log *lg, int rc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(lg->last_why, sizeof lg->last_why, fmt, ap);
	va_end(ap);
	lg->last_rc = rc;
}

const char *log_failure(struct log *lg)
{
	pthread_mutex_lock(&lg->mu);
	const char *s = lg->failed ? lg->failure : "";   /* never changes once set */
	pthread_mutex_unlock(&lg->mu);
	return s;
}

int log_last_error(struct log *lg, char *buf, size_t n)
{
	pthread_mutex_lock(&lg->mu);
	int rc = lg->last_rc;
	if (buf && n)
		snprintf(buf, n, "%s", rc ? lg->last_why : "");
	pthread_mutex_unlock(&lg->mu);
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
	for (uint32_t i = 0; i < cfg->primary; i++) {
		/* circular: file 0 holds sequence 0, the rest wait in ring order;
		 * linear: file i is formatted ahead for sequence i */
		uint64_t seq = (cfg->type == LOG_LINEAR || i == 0) ? i : UINT64_MAX;
		const char *step;
		log_ext_path(cfg->path, 'S', i, p, sizeof p);
		if ((rc = log_create_extent(p, &c, seq, i, &step))) {
			snprintf(why, whylen, "could not create log extent \"%s\" (%s it): %s", p, step, strerror(errno));
			return rc;
		}
		c.n_created++;
		if (cfg->type == LOG_CIRCULAR)
			c.ring[c.nring++] = i;
	}
	/* the seal before the control file, which makes the log exist (logseal.h rule S1) */
	struct log_seal seal = { .epoch = 0, .sealed_lsn = 0 };
	memcpy(seal.qmid, cfg->qmid, 16);
	if ((rc = logseal_create(cfg->path, &seal))) {
		snprintf(why, whylen, "could not write the log seal file \"%s/%s\": %s", cfg->path, LOG_SEAL_NAME,
			 strerror(errno));
		return rc;
	}
	if ((rc = logctl_write(cfg->path, &c)))
		snprintf(why, whylen, "could not write the log control file in \"%s\": %s", cfg->path, strerror(errno));
	return rc;
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
	log_ext_path(lg->path, 'S', fileno, path, sizeof path);
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

/* What failed in a flush, for log_failure. */
static int flush_error(int rc, char *why, size_t n, const char *op, uint32_t fileno, uint64_t a, uint64_t b)
{
	char name[16], l1[20], l2[20], et[96];
	int e = errno;
	log_extent_name(fileno, name);
	snprintf(why, n, "%s of log extent %s (LSN %s to %s) failed: %s", op, name, log_lsn_str(a, l1),
		 log_lsn_str(b, l2), log_errno_str(e, et, sizeof et));
	return rc;
}

/* Write LSNs [start, end) from the ring to their extents and sync them; on
 * failure why says what failed. */
static int write_range(struct log *lg, uint64_t start, uint64_t end, const uint32_t *filenos, uint64_t seq0,
		       uint64_t *syncs, char *why, size_t whylen)
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
		uint32_t f = filenos[seq - seq0];
		int fd = writer_fd(lg, seq, f);
		if (fd < 0)
			return flush_error(os_errno_rc(), why, whylen, "opening", f, a, b);
		for (uint64_t w = a; w < b;) {
			size_t at = (size_t)(w % lg->bufsz), n = (size_t)(b - w);
			if (n > lg->bufsz - at)
				n = lg->bufsz - at;
			int rc = os_pwrite_full(fd, lg->buf + at, n, (off_t)(w % lg->extsz));
			if (rc)
				return flush_error(rc, why, whylen, "write", f, a, b);
			w += n;
		}
		int rc = os_fdatasync(fd);
		(*syncs)++;
		if (rc)
			return flush_error(rc, why, whylen, "fdatasync", f, a, b);
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
	char why[400];
	int rc = write_range(lg, start, end, filenos, seq0, &syncs, why, sizeof why);
	int seal_rc = QM_OK;
	if (!rc && lg->seal_fd >= 0) {
		/* logseal.h rule S2: synced, so say so (one pwrite, no sync) */
		lg->seal.sealed_lsn = end;
		seal_rc = logseal_update(lg->seal_fd, &lg->seal);
	}
	pthread_mutex_lock(&lg->mu);
	lg->flushes++;
	lg->syncs += syncs;
	if (seal_rc)
		lg->seal_errors++;     /* the seal stays older: still true */
	if (rc)
		log_fail(lg, rc, "%s", why);   /* WAL rule 8: sticky, never retried */
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

/* Before the first flush: sync the extents below the end found that the seal
 * does not cover (a process killed before its fdatasync leaves a complete
 * flush in the page cache only, which a power loss could still take away
 * from under the records written after it), then seal that end (logseal.h
 * rules S1 and S2).  A seal that cannot be written is not an error: an older
 * one is still true. */
static int open_seal(struct log *lg, const struct log_reader_end *end, struct log_open_report *rep)
{
	char path[PATH_MAX + 32], lsn[20], et[96];
	uint64_t lo = end->sealed_lsn;
	if (lo < lg->ctl.head_seq * lg->extsz)
		lo = lg->ctl.head_seq * lg->extsz;
	lo = log_norm_pos(lg->extsz, lo);   /* header pages were synced when written */
	if (end->end_lsn > lo) {
		uint64_t hi = (end->end_lsn - 1) / lg->extsz;
		if (hi > lg->ctl.cur_seq)
			hi = lg->ctl.cur_seq;
		for (uint64_t seq = lo / lg->extsz; seq <= hi; seq++) {
			long f = logctl_fileno(&lg->ctl, seq);
			if (f < 0)
				continue;
			log_ext_path(lg->path, 'S', (uint32_t)f, path, sizeof path);
			int fd = osio->open(path, O_RDWR, 0);
			int rc = fd < 0 ? os_errno_rc() : os_fdatasync(fd);
			int e = errno;
			if (fd >= 0)
				osio->close(fd);
			if (rc) {
				snprintf(rep->why, sizeof rep->why, "syncing log extent %s up to the end of the log (LSN %s) "
					 "failed: %s", path, log_lsn_str(end->end_lsn, lsn), log_errno_str(e, et, sizeof et));
				return rc;
			}
		}
	}
	memcpy(lg->seal.qmid, lg->ctl.qmid, 16);
	lg->seal.epoch = lg->epoch;
	lg->seal.sealed_lsn = end->end_lsn;
	if (end->seal_note[0] && logseal_create(lg->path, &lg->seal) != QM_OK) {
		lg->seal_errors++;
		snprintf(rep->seal_note, sizeof rep->seal_note, "%s; writing a new seal file failed: %s", end->seal_note,
			 log_errno_str(errno, et, sizeof et));
		return QM_OK;
	}
	if (end->seal_note[0])
		snprintf(rep->seal_note, sizeof rep->seal_note, "%s; a new seal file was written", end->seal_note);
	snprintf(path, sizeof path, "%s/%s", lg->path, LOG_SEAL_NAME);
	lg->seal_fd = osio->open(path, O_RDWR, 0);
	if (lg->seal_fd < 0 || (!end->seal_note[0] && logseal_update(lg->seal_fd, &lg->seal) != QM_OK))
		lg->seal_errors++;
	return QM_OK;
}

static int open_fail(struct log *lg, int rc)
{
	if (lg->seal_fd >= 0)
		osio->close(lg->seal_fd);
	free(lg->buf);
	free(lg->scratch);
	close(lg->lockfd);
	free(lg);
	return rc;
}

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
	lg->seal_fd = -1;
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
		if (rc) {
			snprintf(rep->why, sizeof rep->why, "%s", log_reader_error(r));
			snprintf(rep->missing, sizeof rep->missing, "%s", log_reader_missing(r));
		}
		log_reader_close(r);
	}
	if (rc)
		return open_fail(lg, rc);
	lg->extsz = (uint64_t)lg->ctl.pages * LOG_PAGE;
	/* the smallest buffer that can always take a record: the largest part,
	 * the PAD to the end of its extent before it (at most another part) and
	 * the next extent's header page (rule P2), once the buffer has drained.
	 * With less, an append waited for space no flush could make. */
	uint32_t minpages = (uint32_t)((2u * LOG_REC_MAX + 2u * LOG_PAGE + LOG_PAGE - 1) / LOG_PAGE);
	lg->bufsz = (size_t)(bufpages ? (bufpages < minpages ? minpages : bufpages) : 512) * LOG_PAGE;
	lg->buf = calloc(1, lg->bufsz);
	lg->scratch = malloc(LOG_REC_MAX);
	if (!lg->buf || !lg->scratch)
		return open_fail(lg, QM_ENOMEM);
	lg->next_lsn = lg->write_lsn = lg->durable_lsn = lg->flush_mark = end.end_lsn;
	lg->last_lsn = end.last_lsn;
	do {
		if (getrandom(&lg->epoch, sizeof lg->epoch, 0) != sizeof lg->epoch)
			lg->epoch = (uint32_t)time(NULL) ^ (uint32_t)getpid();
	} while (lg->epoch == 0 || lg->epoch == end.last_epoch);
	lg->reserve = LOG_REC_MAX + 4 * LOG_PAGE;
	lg->restart_reserve = 8 * LOG_PAGE;   /* backouts, QMGR_START and a checkpoint: a few flushes */
	rep->end_lsn = end.end_lsn;
	rep->last_lsn = end.last_lsn;
	rep->cut_lsn = end.cut_lsn;
	rep->cut_bytes = end.cut_bytes;
	rep->sealed_lsn = end.sealed_lsn;
	snprintf(rep->seal_note, sizeof rep->seal_note, "%s", end.seal_note);
	if ((rc = open_seal(lg, &end, rep)))
		return open_fail(lg, rc);
	if (end.cut_lsn)
		snprintf(rep->why, sizeof rep->why, "%s", end.cut_why);
	pthread_mutex_init(&lg->append_mu, NULL);
	pthread_mutex_init(&lg->mu, NULL);
	pthread_cond_init(&lg->wake_writer, NULL);
	pthread_cond_init(&lg->done[0], NULL);
	pthread_cond_init(&lg->done[1], NULL);
	pthread_cond_init(&lg->space, NULL);
	pthread_cond_init(&lg->wake_former, NULL);
	if (pthread_create(&lg->writer, NULL, writer_main, lg) != 0)
		return open_fail(lg, QM_ENOMEM);
	/* linear: the next extent formatted ahead (without it appends still work;
	 * not while a test swaps the I/O table: its injected faults count the
	 * log's own operations, in order) */
	if (lg->ctl.type == LOG_LINEAR && osio == &osio_real &&
	    pthread_create(&lg->former, NULL, log_former_main, lg) == 0)
		lg->former_on = 1;
	*out = lg;
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
		pos = log_place(lg->extsz, lg->next_lsn, (uint32_t)len);
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
	int rc = lg->failed ? QM_EFAILED : lg->stopping ? QM_ECLOSED : log_make_room(lg, rec->len, flags);
	if (rc == QM_EFAILED)
		log_note_error(lg, rc, "the log has failed: %s", lg->failure);
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

uint64_t log_reserve_bytes(struct log *lg) { return lg->reserve; }

int log_info(struct log *lg, struct log_info *li)
{
	pthread_mutex_lock(&lg->mu);
	const struct logctl *c = &lg->ctl;
	memset(li, 0, sizeof *li);
	memcpy(li->qmid, c->qmid, 16);
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
	li->cur_seq = log_cur_seq(lg);
	li->reclog_seq = li->head_lsn / lg->extsz;
	li->medialog_seq = log_medialog_seq(c, lg->extsz);
	li->nfiles = c->type == LOG_CIRCULAR ? c->nring : (uint32_t)(c->cur_seq - c->arch_base + 1);
	li->n_created = c->n_created;
	li->n_reused = c->n_reused;
	li->n_deleted = c->n_deleted;
	li->flushes = lg->flushes;
	li->syncs = lg->syncs;
	li->seal_errors = lg->seal_errors;
	log_extent_name((uint32_t)logctl_fileno(c, li->cur_seq), li->currlog);
	log_extent_name((uint32_t)logctl_fileno(c, li->reclog_seq), li->reclog);
	long mf = c->type == LOG_LINEAR ? (long)(li->medialog_seq % LOG_NAME_WRAP) : logctl_fileno(c, li->medialog_seq);
	log_extent_name(mf < 0 ? 0 : (uint32_t)mf, li->medialog);
	log_space_info(lg, li);
	pthread_mutex_unlock(&lg->mu);
	return QM_OK;
}

/* ---- RESET QMGR TYPE(ADVANCELOG) --------------------------------------- */

/* Under mu: wait for a flush in flight and write and sync everything
 * appended (the caller holds append_mu, so nothing more comes). */
static int drain(struct log *lg)
{
	while (!lg->failed && (lg->flushing || lg->write_lsn < lg->next_lsn)) {
		if (lg->flushing)
			pthread_cond_wait(&lg->done[lg->gen & 1], &lg->mu);
		else
			flush_once(lg);
	}
	return lg->failed ? QM_EFAILED : QM_OK;
}

static int advance_say(char *why, size_t n, int rc, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int advance_say(char *why, size_t n, int rc, const char *fmt, ...)
{
	if (why && n) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(why, n, fmt, ap);
		va_end(ap);
	}
	return rc;
}

/*
 * Logrec.h rule P4.  1. drain: every record appended is durable and next_lsn
 * is on a page boundary.  2. The next extent is made ready and named in the
 * control file (WAL rule 5) before anything points into it.  3. A PAD record
 * from the next record's place p to the end of the extent: its header and
 * the rest of its page go into the buffer and are flushed like any record
 * (WAL rules 3, 6: a fresh page, LOG_F_FLUSH, synced, sealed); the bytes
 * after that page are never written (preallocated zeros, or a recycled
 * file's old records, whose LSNs never validate) and never read.  4. The log
 * then goes on at the next extent's start: nothing lies between, so those
 * LSNs count as durable.
 */
int log_advance_extent_ex(struct log *lg, struct log_advance *out, char *why, size_t n)
{
	char name[16];
	if (why && n)
		why[0] = '\0';
	if (out)
		memset(out, 0, sizeof *out);
	pthread_mutex_lock(&lg->append_mu);
	pthread_mutex_lock(&lg->mu);
	int rc;
	if (lg->failed)
		rc = advance_say(why, n, QM_EFAILED, "the log has failed: %s", lg->failure);
	else if (lg->stopping)
		rc = advance_say(why, n, QM_ECLOSED, "the log is closing");
	else if (lg->ctl.type != LOG_LINEAR)
		rc = advance_say(why, n, QM_EINVAL, "the log is circular: only a linear log advances to a new extent");
	else if ((rc = drain(lg)) != QM_OK)
		advance_say(why, n, rc, "writing the log before advancing failed: %s", lg->failure);
	uint64_t p = 0, cur = 0;
	if (!rc) {
		p = log_norm_pos(lg->extsz, lg->next_lsn);
		cur = p / lg->extsz;
		if ((rc = log_prepare_through(lg, cur + 1)) != QM_OK) {
			if (lg->failed)
				advance_say(why, n, rc, "%s", lg->failure);
			else
				advance_say(why, n, rc, "%s", lg->last_why);
		}
	}
	if (!rc) {
		uint64_t eend = (cur + 1) * lg->extsz;
		uint8_t hdr[LOG_HDR_SIZE];
		struct log_rec_hdr h = { .type = LOG_REC_PAD, .length = (uint32_t)(eend - p), .lsn = p,
					 .prev = lg->last_lsn, .raw_len = 0, .epoch = lg->epoch };
		if (p == log_norm_pos(lg->extsz, lg->flush_mark))
			h.flags |= LOG_F_FLUSH;
		logrec_hdr_encode(hdr, &h);
		put_u64(hdr + 56, logrec_checksum(hdr, NULL, 0));
		ring_put(lg, lg->next_lsn, NULL, (size_t)(p - lg->next_lsn));
		ring_put(lg, p, hdr, LOG_HDR_SIZE);
		ring_put(lg, p + LOG_HDR_SIZE, NULL, LOG_PAGE - LOG_HDR_SIZE);   /* p is on a page boundary */
		lg->last_lsn = p;
		lg->next_lsn = p + LOG_PAGE;
		flush_once(lg);
		if (lg->failed) {
			log_extent_name((uint32_t)(cur % LOG_NAME_WRAP), name);
			rc = advance_say(why, n, QM_EFAILED, "writing the end of log extent %s failed: %s", name,
					 lg->failure);
		} else {
			lg->next_lsn = lg->write_lsn = lg->durable_lsn = lg->flush_mark = lg->claim_end = eend;
			if (lg->notify)
				lg->notify(lg->notify_arg, lg->durable_lsn, 0);
			if (out) {
				out->done_seq = cur;
				out->cur_seq = cur + 1;
				log_extent_name((uint32_t)(cur % LOG_NAME_WRAP), out->done);
				log_extent_name((uint32_t)((cur + 1) % LOG_NAME_WRAP), out->cur);
			}
		}
	}
	pthread_mutex_unlock(&lg->mu);
	pthread_mutex_unlock(&lg->append_mu);
	return rc;
}

int log_advance_extent(struct log *lg, char *why, size_t n)
{
	return log_advance_extent_ex(lg, NULL, why, n);
}

int log_close(struct log *lg)
{
	if (!lg)
		return QM_OK;
	pthread_mutex_lock(&lg->mu);
	lg->stopping = 1;
	pthread_cond_signal(&lg->wake_writer);
	pthread_cond_signal(&lg->wake_former);
	pthread_mutex_unlock(&lg->mu);
	pthread_join(lg->writer, NULL);
	if (lg->former_on)
		pthread_join(lg->former, NULL);
	int rc = lg->failed ? QM_EFAILED : QM_OK;
	/* AMQ7490I: an extent formatted ahead and not used yet is counted as
	 * created in memory only; without this its count was lost while its
	 * file stayed (taken over uncounted next time).  Statistics only: a
	 * failure leaves the older control file, which is as true as before. */
	if (!lg->failed && lg->counts_unsaved)
		(void)logctl_write(lg->path, &lg->ctl);
	for (int i = 0; i < WFD_CACHE; i++)
		if (lg->wfd[i].fd >= 0)
			osio->close(lg->wfd[i].fd);
	if (lg->seal_fd >= 0)
		osio->close(lg->seal_fd);
	pthread_mutex_destroy(&lg->append_mu);
	pthread_mutex_destroy(&lg->mu);
	pthread_cond_destroy(&lg->wake_writer);
	pthread_cond_destroy(&lg->done[0]);
	pthread_cond_destroy(&lg->done[1]);
	pthread_cond_destroy(&lg->space);
	pthread_cond_destroy(&lg->wake_former);
	close(lg->lockfd);
	free(lg->buf);
	free(lg->scratch);
	free(lg);
	return rc;
}
