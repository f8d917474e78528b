/*
 * logread.c: the forward reader of the recovery log.
 *
 * Two cursors move through the log.  The horizon validates ahead, record by
 * record and link by link, until a record ends where a flush may end (a page
 * boundary, WAL rule 6); pos then hands out the records before the horizon.
 * When validation fails at P, the log ends at the horizon unless a record
 * that starts a flush (LOG_F_FLUSH) validates at some page boundary after P,
 * in which case the failure is corruption in the middle of the log (rule 7).
 * A failure below the seal's end (logseal.h) is corruption at once: that
 * part of the log was completely written and synced.
 *
 * Logical readers join parts in lbuf; a record whose parts stop before its
 * last one (the log ends, or another record follows) is dropped and noted in
 * partials[] (log_reader_partials).
 */
#include "log/logread.h"
#include "log/logseal.h"
#include "log/osio.h"
#include "log/qmerr.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define WIN_SIZE (256u * 1024u)
#define RC_END 1   /* internal: the position is past the last extent */
#define RC_FILE 2  /* internal: an extent could not be used; r->err, r->why say why */
#define MAX_PARTIALS 32

struct log_reader {
	char path[PATH_MAX];
	struct logctl ctl;
	uint64_t extsz;
	struct log_reader_opts o;
	int fd;
	uint64_t fd_seq;
	uint32_t fd_fileno;
	uint8_t *win;
	uint64_t win_lsn;
	size_t win_len;
	uint64_t pos, horizon;
	uint64_t hz_last;
	uint32_t hz_epoch;
	int hz_started;
	int at_end, err;
	char missing[32];      /* the extent that could not be opened ("" none) */
	struct log_reader_end end;
	uint8_t *pay;
	uint8_t *lbuf;
	size_t lcap;
	/* logical: the record being joined (lparts parts so far, 0: none) */
	struct log_record lrec;
	size_t llen;
	uint32_t lparts;
	int lskip;             /* started at an extent's start (BASE, EXTENT): the
				* continuation parts of a record begun in an earlier
				* extent are skipped, not an error */
	uint64_t llast;
	struct log_reader_partial partials[MAX_PARTIALS];
	int npartials;
	char why[512];
};

long logctl_fileno(const struct logctl *c, uint64_t seq)
{
	if (seq > c->cur_seq)
		return -1;
	if (c->type == LOG_LINEAR)
		return (long)(seq % LOG_NAME_WRAP);
	if (seq < c->head_seq)
		return -1;
	return (long)c->ring[seq - c->head_seq];
}

static int fail(struct log_reader *r, int rc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->why, sizeof r->why, fmt, ap);
	va_end(ap);
	r->err = rc;
	return rc;
}

static uint64_t norm(const struct log_reader *r, uint64_t pos)
{
	return log_norm_pos(r->extsz, pos);
}

static int open_extent(struct log_reader *r, uint64_t seq, uint64_t for_lsn)
{
	char name[16], path[PATH_MAX + 32], lsn[20];
	uint8_t page[LOG_PAGE];
	const char *why = NULL;
	if (r->fd >= 0 && r->fd_seq == seq)
		return QM_OK;
	if (r->fd >= 0)
		osio->close(r->fd);
	r->fd = -1;
	r->win_len = 0;
	long fileno = logctl_fileno(&r->ctl, seq);
	log_lsn_str(for_lsn, lsn);
	if (fileno < 0)
		return fail(r, QM_EINVAL, "LSN %s is outside the log (extent sequence %llu; the log holds %llu to %llu)",
			    lsn, (unsigned long long)seq, (unsigned long long)r->ctl.head_seq,
			    (unsigned long long)r->ctl.cur_seq);
	log_extent_name((uint32_t)fileno, name);
	snprintf(path, sizeof path, "%s/active/%s", r->path, name);
	int fd = osio->open(path, O_RDONLY, 0);
	if (fd < 0) {
		int e = errno;
		snprintf(r->missing, sizeof r->missing, "%s", name);
		return fail(r, e == ENOENT ? QM_ENOENT : os_errno_rc(),
			    "log extent %s (sequence %llu) needed for LSN %s could not be opened: %s", name,
			    (unsigned long long)seq, lsn, strerror(e));
	}
	struct stat st;
	if (fstat(fd, &st) == 0 && (uint64_t)st.st_size != r->extsz) {
		/* preallocated at creation: a short extent lost records (truncated) */
		osio->close(fd);
		return fail(r, QM_ECORRUPT, "log extent %s (sequence %llu) needed for LSN %s is %llu bytes, not the "
			    "%llu bytes of an extent (LogFilePages %u x 4096): it was truncated or damaged", name,
			    (unsigned long long)seq, lsn, (unsigned long long)st.st_size,
			    (unsigned long long)r->extsz, r->ctl.pages);
	}
	size_t got = 0;
	int rc = os_pread_full(fd, page, sizeof page, 0, &got);
	struct log_ext_hdr eh;
	if (rc == QM_OK)
		rc = logext_hdr_decode(page, &eh, &why);
	else
		why = rc == QM_ECORRUPT ? "file shorter than its header" : strerror(errno);
	if (rc == QM_OK && memcmp(eh.qmid, r->ctl.qmid, 16) != 0) {
		rc = QM_EFOREIGN;
		why = "extent belongs to another queue manager";
	} else if (rc == QM_OK && eh.pages != r->ctl.pages) {
		rc = QM_ECORRUPT;
		why = "extent size differs from the log's";
	} else if (rc == QM_OK && eh.seq != seq) {
		osio->close(fd);
		return fail(r, QM_ECORRUPT, "log extent %s offset 0 (LSN %s): stale extent: it holds sequence %llu, "
			    "the log needs sequence %llu there", name, lsn, (unsigned long long)eh.seq,
			    (unsigned long long)seq);
	}
	if (rc) {
		osio->close(fd);
		return fail(r, rc, "log extent %s offset 0 (LSN %s): %s", name, lsn, why);
	}
	r->fd = fd;
	r->fd_seq = seq;
	r->fd_fileno = (uint32_t)fileno;
	return QM_OK;
}

/* Bytes at pos (within its extent): *p and *avail, reading the file if needed. */
static int fetch(struct log_reader *r, uint64_t pos, size_t need, const uint8_t **p, size_t *avail)
{
	uint64_t seq = pos / r->extsz, ext_end = (seq + 1) * r->extsz;
	int rc = open_extent(r, seq, pos);
	if (rc)
		return rc;
	if (need > ext_end - pos)
		need = (size_t)(ext_end - pos);
	if (!(r->win_len && r->win_lsn <= pos && pos + need <= r->win_lsn + r->win_len)) {
		size_t len = WIN_SIZE;
		if (len > ext_end - pos)
			len = (size_t)(ext_end - pos);
		size_t got = 0;
		rc = os_pread_full(r->fd, r->win, len, (off_t)(pos % r->extsz), &got);
		if (rc && rc != QM_ECORRUPT)
			return fail(r, rc, "reading log extent S%07u.LOG at offset %llu: %s", r->fd_fileno,
				    (unsigned long long)(pos % r->extsz), strerror(errno));
		r->win_lsn = pos;
		r->win_len = got;
	}
	*p = r->win + (pos - r->win_lsn);
	*avail = (size_t)(r->win_lsn + r->win_len - pos);
	return QM_OK;
}

/* Validate the record at pos.  chain: check prev and epoch against the
 * given ones.  Returns QM_OK, RC_END, QM_ECORRUPT with *why, or an error. */
static int check_at(struct log_reader *r, uint64_t pos, int chain, uint64_t prev, uint32_t epoch,
		    struct log_rec_hdr *h, const uint8_t **rec, const char **why)
{
	uint64_t seq = pos / r->extsz, ext_end = (seq + 1) * r->extsz;
	const uint8_t *p;
	size_t avail;
	if (seq > r->ctl.cur_seq)
		return RC_END;
	int rc = fetch(r, pos, LOG_HDR_SIZE, &p, &avail);
	if (rc)
		return RC_FILE;
	if (avail >= LOG_HDR_SIZE) {
		uint32_t len = get_u32(p + 4);
		if (len > LOG_HDR_SIZE && len <= LOG_REC_MAX && len > avail) {
			rc = fetch(r, pos, len, &p, &avail);
			if (rc)
				return RC_FILE;
		}
	}
	rc = logrec_validate(p, avail, pos, ext_end, h, why);
	if (rc)
		return rc;
	if (chain && h->prev != prev) {
		*why = "link to the previous record does not match";
		return QM_ECORRUPT;
	}
	if (chain && h->epoch != epoch && !(h->flags & LOG_F_FLUSH)) {
		*why = "record left from an earlier run of the log";
		return QM_ECORRUPT;
	}
	if (rec)
		*rec = p;
	return QM_OK;
}

static void name_of(struct log_reader *r, uint64_t pos, char *buf)
{
	long f = logctl_fileno(&r->ctl, pos / r->extsz);
	log_extent_name(f < 0 ? 0 : (uint32_t)f, buf);
}

/* The log ends at the horizon: note it, and refuse an end that the seal or
 * the control file says is too early (truncation, lost extents). */
static int reached_end(struct log_reader *r)
{
	char lsn[20], lsn2[20], name[16], where[64];
	uint64_t end = r->horizon;
	r->at_end = 1;
	r->end.end_lsn = end;
	r->end.last_lsn = r->hz_last;
	r->end.last_epoch = r->hz_epoch;
	if (logctl_fileno(&r->ctl, end / r->extsz) < 0) {
		snprintf(where, sizeof where, "at the end of the last extent");
	} else {
		name_of(r, end, name);
		snprintf(where, sizeof where, "log extent %s offset %llu", name, (unsigned long long)(end % r->extsz));
	}
	if (end < r->end.sealed_lsn)
		return fail(r, QM_ECORRUPT, "the log ends at LSN %s (%s), before LSN %s up to which it was completely "
			    "written and synced (%s): records are missing, the log was truncated or an extent "
			    "replaced", log_lsn_str(end, lsn), where, log_lsn_str(r->end.sealed_lsn, lsn2), LOG_SEAL_NAME);
	if (r->ctl.restart_lsn && end <= r->ctl.restart_lsn)
		return fail(r, QM_ECORRUPT, "the log ends at LSN %s (%s), before the restart point %s recorded in %s: "
			    "the records restart needs are missing, the log was truncated or an extent replaced",
			    log_lsn_str(end, lsn), where, log_lsn_str(r->ctl.restart_lsn, lsn2), LOG_CTL_NAME);
	return RC_END;
}

/* Validation failed at bad (reason why): end of log or corruption? */
static int at_invalid(struct log_reader *r, uint64_t bad, const char *why)
{
	char lsn[20], lsn2[20], name[16];
	uint64_t last_end = (r->ctl.cur_seq + 1) * r->extsz;
	if (bad < r->end.sealed_lsn) {
		/* logseal.h rule S3: not a torn write, whatever follows */
		name_of(r, bad, name);
		return fail(r, QM_ECORRUPT, "log extent %s offset %llu (LSN %s): %s, inside a flush that was completely "
			    "written and synced (the log is sealed up to LSN %s in %s)", name,
			    (unsigned long long)(bad % r->extsz), log_lsn_str(bad, lsn), why,
			    log_lsn_str(r->end.sealed_lsn, lsn2), LOG_SEAL_NAME);
	}
	for (uint64_t b = (bad + LOG_PAGE - 1) / LOG_PAGE * LOG_PAGE; b < last_end; b += LOG_PAGE) {
		struct log_rec_hdr h;
		const uint8_t *p;
		size_t avail;
		const char *w2;
		if (b % r->extsz == 0)
			continue;
		if (fetch(r, b, LOG_HDR_SIZE, &p, &avail) || avail < LOG_HDR_SIZE) {
			r->err = 0; /* unreadable or missing later extents say nothing here */
			continue;
		}
		if (!(get_u16(p + 2) & LOG_F_FLUSH) || get_u64(p + 8) != b)
			continue;
		int rc = check_at(r, b, 0, 0, 0, &h, NULL, &w2);
		r->err = 0;
		if (rc == QM_OK) {
			name_of(r, bad, name);
			return fail(r, QM_ECORRUPT,
				    "log extent %s offset %llu (LSN %s): %s, and valid records follow at LSN %s",
				    name, (unsigned long long)(bad % r->extsz), log_lsn_str(bad, lsn), why,
				    log_lsn_str(b, lsn2));
		}
	}
	/* a header with this very LSN is a record of this log that failed:
	 * report the cut even when it is the first record after the horizon */
	const uint8_t *p;
	size_t avail;
	int ours = fetch(r, bad, LOG_HDR_SIZE, &p, &avail) == QM_OK && avail >= LOG_HDR_SIZE &&
		   get_u64(p + 8) == bad;
	r->err = 0;
	if (bad > r->horizon || ours) {
		r->end.cut_lsn = r->horizon;
		r->end.cut_bytes = bad - r->horizon + (ours ? get_u32(p + 4) : 0);
		name_of(r, bad, name);
		snprintf(r->end.cut_why, sizeof r->end.cut_why, "extent %s offset %llu (LSN %s): %s", name,
			 (unsigned long long)(bad % r->extsz), log_lsn_str(bad, lsn), why);
	}
	return reached_end(r);
}

/* Move the horizon to the next place a flush may end. */
static int advance(struct log_reader *r)
{
	uint64_t q = r->horizon, last = r->hz_last;
	uint32_t epoch = r->hz_epoch;
	int started = r->hz_started;
	for (;;) {
		struct log_rec_hdr h;
		const char *why = NULL;
		q = norm(r, q);
		int rc = check_at(r, q, started, last, epoch, &h, NULL, &why);
		if (rc == RC_END)
			return reached_end(r);
		if (rc == RC_FILE)
			return r->err;
		if (rc == QM_ECORRUPT)
			return at_invalid(r, q, why);
		if (rc)
			return rc;
		started = 1;
		last = h.lsn;
		epoch = h.epoch;
		q = norm(r, log_align8(q + h.length));
		if (q % LOG_PAGE == 0) {
			r->horizon = q;
			r->hz_last = last;
			r->hz_epoch = epoch;
			r->hz_started = 1;
			return QM_OK;
		}
	}
}

int log_reader_open(const char *path, const struct log_reader_opts *opts, struct log_reader **out,
		    char *why, size_t whylen)
{
	struct log_reader *r = calloc(1, sizeof *r);
	if (!r)
		return QM_ENOMEM;
	r->fd = -1;
	r->o = *opts;
	snprintf(r->path, sizeof r->path, "%s", path);
	int rc = logctl_read(path, &r->ctl, why, whylen);
	if (rc) {
		free(r);
		return rc;
	}
	r->extsz = (uint64_t)r->ctl.pages * LOG_PAGE;
	if (opts->copied && r->ctl.type == LOG_LINEAR) {
		/* a backup's extents copied in after its control file: the reader
		 * takes them as part of the log while they follow without a gap
		 * (nothing is written: the control file stays as it is) */
		for (;;) {
			char name[16], ep[PATH_MAX + 32];
			struct stat st;
			log_extent_name((uint32_t)((r->ctl.cur_seq + 1) % LOG_NAME_WRAP), name);
			snprintf(ep, sizeof ep, "%s/active/%s", path, name);
			if (stat(ep, &st) != 0 || !S_ISREG(st.st_mode))
				break;
			r->ctl.cur_seq++;
		}
	}
	struct log_seal seal;
	char sw[300];
	rc = logseal_read(path, r->ctl.qmid, &seal, sw, sizeof sw);
	if (rc == QM_OK)
		r->end.sealed_lsn = seal.sealed_lsn;
	else if (rc == QM_ENOENT)
		snprintf(r->end.seal_note, sizeof r->end.seal_note, "no seal file %s (a log made before seals): damage "
			 "in the last flush cannot be told from a torn write", LOG_SEAL_NAME);
	else
		snprintf(r->end.seal_note, sizeof r->end.seal_note, "%s: ignored, so damage in the last flush cannot "
			 "be told from a torn write", sw);
	r->win = malloc(WIN_SIZE);
	r->pay = malloc(LOG_PART_MAX);
	if (!r->win || !r->pay) {
		log_reader_close(r);
		return QM_ENOMEM;
	}
	uint64_t base = r->ctl.head_seq * r->extsz + LOG_PAGE, start = base;
	char lsn[20];
	switch (opts->start) {
	case LOG_START_HEAD:
		start = r->ctl.restart_lsn ? r->ctl.restart_lsn : base;
		break;
	case LOG_START_BASE:
		break;
	case LOG_START_LSN:
		start = opts->lsn;
		if (r->ctl.type == LOG_CIRCULAR && start < base) {
			snprintf(why, whylen, "start LSN %s is before the base LSN of the circular log (%s)",
				 log_lsn_str(start, lsn), log_lsn_str(base, lsn + 0));
			log_reader_close(r);
			return QM_EINVAL;
		}
		break;
	case LOG_START_EXTENT: {
		if (r->ctl.type != LOG_LINEAR || opts->extent >= LOG_NAME_WRAP) {
			snprintf(why, whylen, "an extent number can be given only for a linear log (0-9999999)");
			log_reader_close(r);
			return QM_EINVAL;
		}
		uint64_t cur = r->ctl.cur_seq, s = cur - (cur % LOG_NAME_WRAP) + opts->extent;
		if (s > cur)
			s -= s >= LOG_NAME_WRAP ? LOG_NAME_WRAP : s + 1;
		if (s > cur) {
			snprintf(why, whylen, "extent S%07u.LOG is after the current extent", opts->extent);
			log_reader_close(r);
			return QM_EINVAL;
		}
		start = s * r->extsz + LOG_PAGE;
		break;
	}
	}
	if (start / r->extsz > r->ctl.cur_seq) {
		snprintf(why, whylen, "start LSN %s is after the end of the log", log_lsn_str(start, lsn));
		log_reader_close(r);
		return QM_EINVAL;
	}
	r->pos = r->horizon = norm(r, start);
	r->lskip = opts->start == LOG_START_BASE || opts->start == LOG_START_EXTENT;
	*out = r;
	return QM_OK;
}

static int grow_logical(struct log_reader *r, size_t need)
{
	if (need <= r->lcap)
		return QM_OK;
	size_t cap = r->lcap ? r->lcap : 65536;
	while (cap < need)
		cap *= 2;
	uint8_t *n = realloc(r->lbuf, cap);
	if (!n)
		return QM_ENOMEM;
	r->lbuf = n;
	r->lcap = cap;
	return QM_OK;
}

/* Logical: the record being joined will never be complete; note and drop it. */
static void drop_partial(struct log_reader *r)
{
	if (!r->lparts)
		return;
	if (r->npartials < MAX_PARTIALS) {
		struct log_reader_partial *p = &r->partials[r->npartials];
		p->first_lsn = r->lrec.hdr.lsn;
		p->last_lsn = r->llast;
		p->parts = r->lparts;
		p->type = r->lrec.hdr.type;
		p->uow = r->lrec.hdr.uow;
	}
	if (r->npartials < INT32_MAX)
		r->npartials++;
	r->lparts = 0;
	r->llen = 0;
}

int log_reader_next(struct log_reader *r, struct log_record *rec)
{
	if (r->err)
		return r->err;
	for (;;) {
		if (r->pos >= r->horizon) {
			if (r->at_end) {
				drop_partial(r);
				return 0;
			}
			int rc = advance(r);
			if (rc == RC_END) {
				drop_partial(r);
				return 0;
			}
			if (rc)
				return rc;
			continue;
		}
		struct log_rec_hdr h;
		const uint8_t *p;
		const char *why = NULL;
		uint64_t at = r->pos;
		int rc = check_at(r, at, 0, 0, 0, &h, &p, &why);
		if (rc == RC_FILE)
			return r->err;
		if (rc) {
			char lsn[20];
			return fail(r, QM_ECORRUPT, "log record at LSN %s changed while being read: %s",
				    log_lsn_str(at, lsn), why ? why : "past the end");
		}
		r->pos = norm(r, log_align8(at + h.length));
		if (r->o.end_lsn && h.lsn >= r->o.end_lsn) {
			r->at_end = 1;
			r->horizon = r->pos = at;
			drop_partial(r);   /* its last part lies beyond the limit */
			return 0;
		}
		if (h.type == LOG_REC_PAD && !r->o.include_pad)
			continue;
		if (logrec_payload(p, &h, r->pay)) {
			char lsn[20];
			return fail(r, QM_ECORRUPT, "log extent S%07u.LOG offset %llu (LSN %s): payload does not decompress",
				    r->fd_fileno, (unsigned long long)(at % r->extsz), log_lsn_str(at, lsn));
		}
		if (h.type != LOG_REC_PAD && h.part == 0)
			r->lskip = 0;
		if (!r->o.logical || (h.part == 0 && !(h.flags & LOG_F_MORE))) {
			/* PADs come between parts (rule P2, P3); any other whole
			 * record after parts means those parts never got their last */
			if (r->o.logical && h.type != LOG_REC_PAD)
				drop_partial(r);
			rec->hdr = h;
			rec->data = r->pay;
			rec->len = h.raw_len;
			rec->parts = 1;
			rec->fileno = r->fd_fileno;
			rec->offset = at % r->extsz;
			return 1;
		}
		if (h.part != 0 && r->lparts == 0 && r->lskip)
			continue;          /* the rest of a record that began before the start */
		r->lskip = 0;
		if (h.part == 0) {
			drop_partial(r);   /* a new record started before the last one ended */
			r->lrec.hdr = h;
			r->lrec.fileno = r->fd_fileno;
			r->lrec.offset = at % r->extsz;
		} else if (h.part != r->lparts) {
			char lsn[20];
			return fail(r, QM_ECORRUPT, "log record at LSN %s: part %u found where part %u was expected",
				    log_lsn_str(at, lsn), h.part, r->lparts);
		}
		if (grow_logical(r, r->llen + h.raw_len))
			return fail(r, QM_ENOMEM, "out of memory joining a record of %zu bytes", r->llen + h.raw_len);
		memcpy(r->lbuf + r->llen, r->pay, h.raw_len);
		r->llen += h.raw_len;
		r->lparts++;
		r->llast = at;
		if (!(h.flags & LOG_F_MORE)) {
			*rec = r->lrec;
			rec->data = r->lbuf;
			rec->len = r->llen;
			rec->parts = r->lparts;
			r->lparts = 0;
			r->llen = 0;
			return 1;
		}
	}
}

const char *log_reader_missing(const struct log_reader *r)
{
	return r->err ? r->missing : "";
}

const char *log_reader_error(struct log_reader *r) { return r->why; }
const struct logctl *log_reader_ctl(struct log_reader *r) { return &r->ctl; }
const uint8_t *log_reader_qmid(struct log_reader *r) { return r->ctl.qmid; }

int log_reader_partials(struct log_reader *r, struct log_reader_partial *out, int max)
{
	for (int i = 0; i < max && i < r->npartials && i < MAX_PARTIALS; i++)
		out[i] = r->partials[i];
	return r->npartials;
}

int log_reader_end(struct log_reader *r, struct log_reader_end *end)
{
	int rc = r->err;
	while (!rc && !r->at_end) {
		rc = advance(r);
		if (rc == RC_END)
			rc = QM_OK;
	}
	if (!rc)
		r->pos = r->horizon;
	*end = r->end;
	return rc;
}

void log_reader_close(struct log_reader *r)
{
	if (!r)
		return;
	if (r->fd >= 0)
		osio->close(r->fd);
	free(r->win);
	free(r->pay);
	free(r->lbuf);
	free(r);
}
