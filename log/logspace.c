/*
 * logspace.c: extent space management (WAL rules 5 and 9): the next extent
 * made ready before records go to it (circular: the ring reused in order,
 * secondaries added and removed; linear: new extents, recycled R files), the
 * extents freed when the restart or media LSN moves, and log full.
 *
 * The folder and the control file.  Every create, rename and unlink in the
 * log folder is followed by a folder sync, and a failed folder sync makes the
 * log FAILED (WAL rule 8): it is never retried.  The control file names only
 * what the folder durably holds: an extent is added to it after its file is
 * durable; an extent leaves it before its file is moved or removed; the list
 * of R files (LINEAR ring[]) gets a file only once its rename to Rnnnnnnn.LOG
 * is durable, and loses it as soon as it is renamed back (or found missing).
 * A crash between the steps can leave a file that no list names (disk space,
 * never data); never a name without its file.
 *
 * What fails without making the log FAILED (no space for a new extent, a
 * file that cannot be moved or removed) is kept for log_last_error.
 */
#include "log/log_int.h"
#include "log/logread.h"
#include "log/osio.h"
#include "log/qmerr.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define STEP_DIRSYNC "syncing the folder of"

void log_ext_path(const char *logpath, char prefix, uint32_t fileno, char *out, size_t n)
{
	char name[16];
	log_extent_name(fileno, name);
	name[0] = prefix;
	snprintf(out, n, "%s/active/%s", logpath, name);
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
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

int log_create_extent(const char *path, const struct logctl *c, uint64_t seq, uint32_t fileno, const char **step)
{
	off_t len = (off_t)c->pages * LOG_PAGE;
	*step = "creating";
	int fd = osio->open(path, O_RDWR | O_CREAT, 0660);
	if (fd < 0)
		return os_errno_rc();
	*step = "preallocating";
	struct stat st;
	int rc = QM_OK;
	/* a leftover taken over must end up exactly one extent long (the reader
	 * refuses any other size) */
	if (fstat(fd, &st) == 0 && st.st_size > len && osio->ftruncate(fd, len) != 0)
		rc = os_errno_rc();
	if (!rc)
		rc = os_preallocate(fd, len);
	if (!rc) {
		*step = "writing the header of";
		rc = write_ext_header(fd, c, seq, fileno);
	}
	int e = errno;
	osio->close(fd);
	if (rc) {
		osio->unlink(path);   /* its entry was never synced: nothing to undo durably */
		errno = e;
		return rc;
	}
	*step = STEP_DIRSYNC;
	return os_fsync_parent(path);
}

static uint32_t circ_active(const struct logctl *c) { return (uint32_t)(c->cur_seq - c->head_seq + 1); }

/* Extents that could still be added after cur_seq (UINT64_MAX: no limit). */
static uint64_t extents_available(const struct logctl *c)
{
	if (c->type == LOG_LINEAR)
		return UINT64_MAX;
	return (uint64_t)(c->primary + c->secondary) - circ_active(c);
}

/* A new extent could not be made: no space leaves the log usable, anything
 * else (and a failed folder sync always) makes it FAILED. */
static int create_failed(struct log *lg, int rc, int e, const char *step, const char *path, uint64_t seq)
{
	char et[96], lsn[20];
	log_errno_str(e, et, sizeof et);
	log_lsn_str(seq * lg->extsz + LOG_PAGE, lsn);
	if (rc == QM_ENOSPC && strcmp(step, STEP_DIRSYNC) != 0) {
		log_note_error(lg, rc, "%s new log extent %s (sequence %llu, from LSN %s) failed: %s; no space for the log "
			       "to grow, nothing was appended", step, base_name(path), (unsigned long long)seq, lsn, et);
		return rc;
	}
	log_fail(lg, rc, "%s new log extent %s (sequence %llu, from LSN %s) failed: %s", step, base_name(path),
		 (unsigned long long)seq, lsn, et);
	return rc;
}

/* Is the file at path ready for sequence seq: our header for it, full size? */
static int extent_ready(const char *path, const struct logctl *c, uint64_t seq)
{
	uint8_t page[LOG_PAGE];
	struct log_ext_hdr h;
	const char *why;
	struct stat st;
	int fd = osio->open(path, O_RDONLY, 0);
	if (fd < 0)
		return 0;
	int ready = fstat(fd, &st) == 0 && (uint64_t)st.st_size == (uint64_t)c->pages * LOG_PAGE &&
		    os_pread_full(fd, page, sizeof page, 0, NULL) == QM_OK &&
		    logext_hdr_decode(page, &h, &why) == QM_OK && h.seq == seq &&
		    memcmp(h.qmid, c->qmid, 16) == 0 && h.pages == c->pages;
	osio->close(fd);
	return ready;
}

/* Rewrite the header of an existing extent file for sequence seq. */
static int reuse_extent(struct log *lg, const char *path, uint64_t seq, uint32_t f, const char *what)
{
	char et[96];
	int fd = osio->open(path, O_RDWR, 0);
	int rc = fd < 0 ? os_errno_rc() : write_ext_header(fd, &lg->ctl, seq, f);
	int e = errno;
	if (fd >= 0)
		osio->close(fd);
	if (rc) {
		log_fail(lg, rc, "writing the header of %s log extent %s for sequence %llu failed: %s", what,
			 base_name(path), (unsigned long long)seq, log_errno_str(e, et, sizeof et));
		return rc;
	}
	lg->ctl.n_reused++;
	return QM_OK;
}

/* The next extent formatted ahead (linear logs).  Under mu it decides what
 * to make; the zeros, the header and the syncs go to path.fmt without the
 * lock; then, under mu again, path.fmt becomes path only if the log has not
 * reached that sequence meanwhile (prepare_next then made its own) and
 * nothing else stands at path.  The extent is not part of the log until
 * prepare_next records it in the control file, so a failure here only means
 * no extent ahead: prepare_next makes it as before (and says what fails). */
void *log_former_main(void *arg)
{
	struct log *lg = arg;
	os_thread_ahead();   /* its syncs are crash point "sync-ahead" (osio.h) */
	pthread_mutex_lock(&lg->mu);
	for (;;) {
		struct logctl *c = &lg->ctl;
		while (!lg->stopping && !lg->failed &&
		       (lg->former_off || lg->formed_seq > c->cur_seq || c->nring > 0))
			pthread_cond_wait(&lg->wake_former, &lg->mu);
		if (lg->stopping || lg->failed)
			break;
		uint64_t seq = c->cur_seq + 1;
		uint32_t f = (uint32_t)(seq % LOG_NAME_WRAP);
		struct logctl copy = *c;
		char path[PATH_MAX + 32], tmp[PATH_MAX + 40];
		log_ext_path(lg->path, 'S', f, path, sizeof path);
		snprintf(tmp, sizeof tmp, "%s.fmt", path);
		pthread_mutex_unlock(&lg->mu);
		const char *step;
		int ready = extent_ready(path, &copy, seq);
		int rc = ready ? QM_OK : log_create_extent(tmp, &copy, seq, f, &step);
		pthread_mutex_lock(&lg->mu);
		if (rc) {
			lg->former_off = 1;   /* (no space, or a bad disk: prepare_next will say) */
			continue;
		}
		if (!ready) {
			struct stat st;
			if (lg->ctl.cur_seq >= seq || stat(path, &st) == 0 || osio->rename(tmp, path) != 0 ||
			    os_fsync_parent(path) != QM_OK) {
				osio->unlink(tmp);
				if (lg->ctl.cur_seq < seq)
					lg->former_off = 1;
				continue;
			}
			lg->ctl.n_created++;
			lg->counts_unsaved = 1;
		}
		lg->formed_seq = seq;
	}
	pthread_mutex_unlock(&lg->mu);
	return NULL;
}

/* Make sequence cur_seq + 1 ready for writing and record it durably (WAL
 * rule 5).  Under mu. */
static int prepare_next(struct log *lg)
{
	struct logctl *c = &lg->ctl;
	struct logctl before = *c;
	uint64_t seq = c->cur_seq + 1;
	char path[PATH_MAX + 32], from[PATH_MAX + 32], et[96];
	const char *step;
	int rc, e;
	if (c->type == LOG_CIRCULAR) {
		uint32_t act = circ_active(c);
		if (act < c->nring) {               /* reuse the next free file in ring order */
			uint32_t f = c->ring[act];
			log_ext_path(lg->path, 'S', f, path, sizeof path);
			if ((rc = reuse_extent(lg, path, seq, f, "reused")))
				return rc;
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
			log_ext_path(lg->path, 'S', f, path, sizeof path);
			if ((rc = log_create_extent(path, c, seq, f, &step))) {
				e = errno;
				return create_failed(lg, rc, e, step, path, seq);
			}
			c->ring[c->nring++] = f;
			c->n_created++;
		} else {
			log_note_error(lg, QM_ELOGFULL, "the circular log is full: all %u extents are active",
				       c->primary + c->secondary);
			return QM_ELOGFULL;
		}
	} else {
		uint32_t f = (uint32_t)(seq % LOG_NAME_WRAP);
		log_ext_path(lg->path, 'S', f, path, sizeof path);
		int ready = extent_ready(path, c, seq);
		if (!ready && c->nring > 0) {       /* recycle an R file */
			uint32_t r = c->ring[c->nring - 1];
			log_ext_path(lg->path, 'R', r, from, sizeof from);
			if (osio->rename(from, path) == 0) {
				c->nring--;                 /* the list follows the disk */
				if ((rc = os_fsync_parent(path))) {
					e = errno;
					log_fail(lg, rc, "syncing the log folder after renaming %s to %s failed: %s",
						 base_name(from), base_name(path), log_errno_str(e, et, sizeof et));
					return rc;
				}
				if ((rc = reuse_extent(lg, path, seq, f, "recycled")))
					return rc;
				ready = 1;
			} else if (errno == ENOENT) {
				c->nring--;                 /* listed but gone: the list follows the disk */
			} else {
				/* it stays an R file, listed; a new extent is made instead */
				e = errno;
				log_note_error(lg, os_errno_rc(), "renaming recycled log file %s to %s failed: %s; a new "
					       "extent is made instead", base_name(from), base_name(path),
					       log_errno_str(e, et, sizeof et));
			}
		}
		if (!ready) {
			if ((rc = log_create_extent(path, c, seq, f, &step))) {
				e = errno;
				return create_failed(lg, rc, e, step, path, seq);
			}
			c->n_created++;
		}
	}
	c->cur_seq = seq;
	if (lg->former_on)
		pthread_cond_signal(&lg->wake_former);   /* the one after it, ahead */
	enum os_step st;
	rc = logctl_write_step(lg->path, c, &st);
	if (rc) {
		e = errno;
		log_errno_str(e, et, sizeof et);
		if (rc == QM_ENOSPC && st != OS_STEP_DIRSYNC) {
			/* the control file on disk is unchanged: forget the extent
			 * for now (it is taken over when the log next grows); the
			 * list of R files stays as the disk now has it */
			uint32_t nring = c->nring;
			*c = before;
			if (c->type == LOG_LINEAR)
				c->nring = nring;
			log_note_error(lg, rc, "writing the log control file %s/%s to add an extent failed: %s; no space for "
				       "the log to grow, nothing was appended", lg->path, LOG_CTL_NAME, et);
			return rc;
		}
		log_fail(lg, rc, "%s the log control file %s/%s (adding extent sequence %llu) failed: %s",
			 st == OS_STEP_DIRSYNC ? "syncing the folder of" : st == OS_STEP_RENAME ? "renaming" : "writing",
			 lg->path, LOG_CTL_NAME, (unsigned long long)seq, et);
		return rc;
	}
	lg->counts_unsaved = 0;
	return QM_OK;
}

static int archived(const struct logctl *c, uint64_t seq)
{
	if (seq < c->arch_base || seq - c->arch_base >= LOG_ARCH_BYTES * 8)
		return 0;
	uint64_t i = seq - c->arch_base;
	return (c->archived[i / 8] >> (i % 8)) & 1;
}

uint64_t log_medialog_seq(const struct logctl *c, uint64_t extsz)
{
	if (c->media_lsn)
		return c->media_lsn / extsz;
	return c->type == LOG_LINEAR ? c->arch_base : c->head_seq;
}

static int ctl_write_fatal(struct log *lg, const char *why)
{
	char et[96];
	enum os_step st;
	int rc = logctl_write_step(lg->path, &lg->ctl, &st);
	if (rc)
		log_fail(lg, rc, "%s the log control file %s/%s (%s) failed: %s",
			 st == OS_STEP_DIRSYNC ? "syncing the folder of" : st == OS_STEP_RENAME ? "renaming" : "writing",
			 lg->path, LOG_CTL_NAME, why, log_errno_str(errno, et, sizeof et));
	return rc;
}

/* Free what is no longer needed and rewrite the control file.  Under mu. */
static int release_space(struct log *lg, uint64_t new_head)
{
	struct logctl *c = &lg->ctl;
	char path[PATH_MAX + 32], to[PATH_MAX + 32], et[96], done[200] = "";
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
		uint64_t ms = log_medialog_seq(c, lg->extsz);
		uint64_t keep = c->head_seq < ms ? c->head_seq : ms;
		while (c->mgmt != LOG_MANUAL && c->arch_base < keep &&
		       (c->mgmt == LOG_AUTOMATIC || archived(c, c->arch_base))) {
			uint32_t f = (uint32_t)(c->arch_base % LOG_NAME_WRAP);
			if (c->nring + nrecycle < c->primary) {
				recycle[nrecycle++] = f;   /* listed once it is an R file */
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
	/* 1. the control file stops naming these files as part of the log */
	int rc = ctl_write_fatal(lg, "freeing extents");
	if (rc)
		return rc;
	/* 2. move or remove them; a file that will not go stays, named by nobody */
	int changed = 0, moved = 0;
	for (uint32_t i = 0; i < nrecycle; i++) {
		log_ext_path(lg->path, 'S', recycle[i], path, sizeof path);
		log_ext_path(lg->path, 'R', recycle[i], to, sizeof to);
		if (osio->rename(path, to) != 0) {
			int e = errno;
			log_note_error(lg, os_errno_rc(), "renaming freed log extent %s to %s failed: %s; it is left as it is",
				       base_name(path), base_name(to), log_errno_str(e, et, sizeof et));
			continue;
		}
		c->ring[c->nring++] = recycle[i];
		changed = moved = 1;
		size_t l = strlen(done);
		snprintf(done + l, sizeof done - l, "%s%s to %s", l ? ", " : "", base_name(path), base_name(to));
	}
	for (uint32_t i = 0; i < ndoomed; i++) {
		log_ext_path(lg->path, 'S', doomed[i], path, sizeof path);
		if (osio->unlink(path) != 0) {
			int e = errno;
			if (e != ENOENT)
				log_note_error(lg, os_errno_rc(), "removing freed log extent %s failed: %s; it is left as it is",
					       base_name(path), log_errno_str(e, et, sizeof et));
			continue;
		}
		changed = 1;
		size_t l = strlen(done);
		snprintf(done + l, sizeof done - l, "%sremoving %s", l ? ", " : "", base_name(path));
	}
	/* 3. make the moves durable: WAL rule 8, a failed folder sync is fatal */
	if (changed) {
		snprintf(path, sizeof path, "%s/active", lg->path);
		if ((rc = os_fsync_dir(path))) {
			log_fail(lg, rc, "syncing the log folder %s after %s%s failed: %s", path, moved ? "moving " : "", done,
				 log_errno_str(errno, et, sizeof et));
			return rc;
		}
	}
	/* 4. and only then list the R files */
	if (moved)
		return ctl_write_fatal(lg, "listing recycled extents");
	return QM_OK;
}

int log_set_limits(struct log *lg, uint32_t primary, uint32_t secondary, char *why, size_t n)
{
	pthread_mutex_lock(&lg->mu);
	struct logctl *c = &lg->ctl;
	int rc = QM_OK;
	snprintf(why, n, "%s", "");
	if (lg->failed)
		rc = QM_EFAILED;
	else if (primary < 2 || primary > 510 || secondary < 1 || secondary > 509 || primary + secondary > LOG_MAX_FILES) {
		snprintf(why, n, "LogPrimaryFiles %u and LogSecondaryFiles %u are out of range", primary, secondary);
		rc = QM_EINVAL;
	} else if (c->type == LOG_CIRCULAR && primary + secondary < circ_active(c)) {
		snprintf(why, n, "%u extents hold the log now, more than LogPrimaryFiles + LogSecondaryFiles (%u)",
			 circ_active(c), primary + secondary);
		rc = QM_EINVAL;
	} else if (c->primary != primary || c->secondary != secondary) {
		uint32_t op = c->primary, os = c->secondary;
		c->primary = primary;
		c->secondary = secondary;
		enum os_step st;
		if ((rc = logctl_write_step(lg->path, c, &st)) != QM_OK) {
			c->primary = op;
			c->secondary = os;
			snprintf(why, n, "the log control file could not be written");
			if (st != OS_STEP_WRITE)   /* it may have reached the disk: the log cannot go on */
				log_fail(lg, rc, "writing the log control file %s/%s (new LogPrimaryFiles, LogSecondaryFiles) "
					 "failed", lg->path, LOG_CTL_NAME);
		}
	}
	pthread_mutex_unlock(&lg->mu);
	return rc;
}

int log_set_management(struct log *lg, uint32_t mgmt, char *why, size_t n)
{
	static const char *const names[] = { "Manual", "Automatic", "Archive" };
	pthread_mutex_lock(&lg->mu);
	struct logctl *c = &lg->ctl;
	int rc = QM_OK;
	if (why && n)
		why[0] = '\0';
	if (lg->failed) {
		rc = QM_EFAILED;
	} else if (mgmt > LOG_ARCHIVE) {
		rc = QM_EINVAL;
		if (why && n)
			snprintf(why, n, "LogManagement %u is not Manual (0), Automatic (1) or Archive (2)", mgmt);
	} else if (c->type == LOG_CIRCULAR && mgmt != LOG_MANUAL) {
		rc = QM_EINVAL;
		if (why && n)
			snprintf(why, n, "LogManagement %s needs LogType LINEAR: the log is circular", names[mgmt]);
	} else if (c->mgmt != mgmt) {
		/* the control file records the change; what the new management
		 * frees goes at once (Archive: the archived bitmap keeps what was
		 * reported before, every other finished extent waits) */
		c->mgmt = mgmt;
		rc = release_space(lg, c->head_seq);
		if (rc && why && n)
			snprintf(why, n, "%s", lg->failed ? lg->failure : lg->last_why);
	}
	pthread_mutex_unlock(&lg->mu);
	return rc;
}

int log_make_room(struct log *lg, size_t len, int flags)
{
	/* what must stay free after this record: the reserve for commits and
	 * backouts and, under it, the one for a start (LOG_APPEND_RESTART) */
	uint64_t keep = (flags & LOG_APPEND_RESTART) ? 0 : (flags & LOG_APPEND_RESERVED) ? lg->restart_reserve
			: lg->reserve + lg->restart_reserve;
	uint64_t pos = lg->next_lsn, parts = len / LOG_PART_MAX + 1;
	for (uint64_t i = 0; i < parts; i++) {
		uint32_t plen = LOG_HDR_SIZE + (uint32_t)(i + 1 < parts ? LOG_PART_MAX : len % LOG_PART_MAX);
		pos = log_align8(log_place(lg->extsz, pos, plen) + plen) + LOG_PAGE; /* + a flush's padding */
	}
	uint64_t need_seq = pos / lg->extsz;
	if (need_seq > lg->ctl.cur_seq) {
		uint64_t avail = extents_available(&lg->ctl);
		uint64_t extra = need_seq - lg->ctl.cur_seq;
		uint64_t room_end = avail == UINT64_MAX ? UINT64_MAX : (lg->ctl.cur_seq + 1 + avail) * lg->extsz;
		if (extra > avail || (room_end != UINT64_MAX && pos + keep > room_end)) {
			log_note_error(lg, QM_ELOGFULL, "the circular log is full: a record of %zu bytes needs %llu more "
				       "extents, %llu can be added%s", len, (unsigned long long)extra,
				       (unsigned long long)avail, extra > avail ? "" : " without using the reserve");
			return QM_ELOGFULL;
		}
		while (lg->ctl.cur_seq < need_seq) {
			int rc = prepare_next(lg);   /* says itself whether the log failed */
			if (rc)
				return rc;
		}
	} else if (keep && extents_available(&lg->ctl) == 0 && pos + keep > (lg->ctl.cur_seq + 1) * lg->extsz) {
		log_note_error(lg, QM_ELOGFULL, "the circular log is full: only the reserve for %s is left",
			       (flags & LOG_APPEND_RESERVED) ? "a start" : "commits, backouts and a start");
		return QM_ELOGFULL;
	}
	return QM_OK;
}

int log_advance_restart_lsn(struct log *lg, uint64_t lsn)
{
	pthread_mutex_lock(&lg->mu);
	int same = !lg->failed && lsn >= lg->ctl.restart_lsn && lsn < lg->durable_lsn &&
		   lsn / lg->extsz == lg->ctl.head_seq;
	if (same)
		lg->ctl.restart_lsn = lsn;
	pthread_mutex_unlock(&lg->mu);
	return same ? QM_OK : log_set_restart_lsn(lg, lsn);
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

int log_prepare_through(struct log *lg, uint64_t seq)
{
	while (lg->ctl.cur_seq < seq) {
		int rc = prepare_next(lg);   /* says itself whether the log failed */
		if (rc)
			return rc;
	}
	return QM_OK;
}

uint64_t log_cur_seq(const struct log *lg)
{
	uint64_t cur = log_norm_pos(lg->extsz, lg->next_lsn) / lg->extsz;
	return cur > lg->ctl.cur_seq ? lg->ctl.cur_seq : cur;
}

void log_space_info(const struct log *lg, struct log_info *li)
{
	const struct logctl *c = &lg->ctl;
	uint64_t e = lg->extsz, end = li->next_lsn;   /* where the next record goes */
	li->extent_bytes = e;
	li->start_lsn = LOG_PAGE;          /* log_create starts every log at sequence 0 */
	li->primary_bytes = (uint64_t)c->primary * e;
	li->rec_bytes = end - li->reclog_seq * e;
	li->active_extents = (uint32_t)(li->cur_seq - li->reclog_seq + 1);
	if (c->type == LOG_CIRCULAR) {
		li->reuse_bytes = (uint64_t)(c->nring - circ_active(c)) * e;
		return;
	}
	li->media_bytes = end - li->medialog_seq * e;
	li->reuse_bytes = (uint64_t)c->nring * e;
	if (c->mgmt != LOG_ARCHIVE)
		return;
	/* waiting: every finished extent not freed (arch_base ..) and not
	 * reported archived; superfluous ones count for ARCHSZ too */
	uint64_t keep = li->reclog_seq < li->medialog_seq ? li->reclog_seq : li->medialog_seq;
	uint64_t win = c->arch_base + LOG_ARCH_BYTES * 8, s;
	uint64_t waiting = 0, superfluous = 0;
	for (s = c->arch_base; s < li->cur_seq && s < win; s++) {
		if (archived(c, s))
			continue;
		if (!waiting++)
			li->archlog_seq = s;
		superfluous += s < keep;
	}
	if (s < li->cur_seq) {   /* beyond the bitmap nothing is recorded: all wait */
		if (!waiting)
			li->archlog_seq = s;
		waiting += li->cur_seq - s;
		superfluous += keep > s ? keep - s : 0;
	}
	if (waiting)
		log_extent_name((uint32_t)(li->archlog_seq % LOG_NAME_WRAP), li->archlog);
	li->arch_waiting = (uint32_t)waiting;
	li->arch_bytes = superfluous * e;
}

int log_extent_number(const char *name, uint32_t *n)
{
	if (!name || strlen(name) != 12 || name[0] != 'S' || strcmp(name + 8, ".LOG") != 0)
		return QM_EINVAL;
	uint32_t v = 0;
	for (int i = 1; i < 8; i++) {
		if (name[i] < '0' || name[i] > '9')
			return QM_EINVAL;
		v = v * 10 + (uint32_t)(name[i] - '0');
	}
	if (n)
		*n = v;
	return QM_OK;
}

static int arch_say(struct log_arch_report *rep, int res, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int arch_say(struct log_arch_report *rep, int res, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(rep->why, sizeof rep->why, fmt, ap);
	va_end(ap);
	return res;
}

/* Under mu: record the notification for sequence seq (the log holds it, it is
 * finished and inside the archived bitmap's window) and free what it allows. */
static int arch_record(struct log *lg, const char *name, uint64_t seq, int flags, struct log_arch_report *rep)
{
	struct logctl *c = &lg->ctl;
	uint64_t from = (flags & LOG_ARCH_THROUGH) ? c->arch_base : seq, base0 = c->arch_base;
	rep->named_repeat = archived(c, seq);
	for (uint64_t s = from; s <= seq; s++) {
		uint64_t i = s - c->arch_base;
		if (archived(c, s)) {
			rep->repeats++;
			continue;
		}
		c->archived[i / 8] |= (uint8_t)(1u << (i % 8));
		rep->marked++;
	}
	if (!rep->marked)
		return arch_say(rep, LOG_ARCH_REPEAT, (flags & LOG_ARCH_THROUGH) && seq > from ?
				"log extent %s and every older one were already reported archived" :
				"log extent %s was already reported archived", name);
	int rc = release_space(lg, c->head_seq);   /* writes the control file durably */
	rep->freed = (uint32_t)(c->arch_base - base0);
	if (rc) {
		rep->rc = rc;
		return arch_say(rep, LOG_ARCH_ERROR, "recording log extent %s as archived failed: %s", name,
				lg->failed ? lg->failure : qm_strerror(rc));
	}
	return LOG_ARCH_OK;
}

int log_archived(struct log *lg, const char *name, int flags, struct log_arch_report *rep)
{
	struct log_arch_report dummy;
	if (!rep)
		rep = &dummy;
	memset(rep, 0, sizeof *rep);
	uint32_t f = 0;
	pthread_mutex_lock(&lg->mu);
	struct logctl *c = &lg->ctl;
	int res;
	if (lg->failed) {
		rep->rc = QM_EFAILED;
		res = arch_say(rep, LOG_ARCH_ERROR, "the log has failed: %s", lg->failure);
	} else if (c->type != LOG_LINEAR) {
		res = arch_say(rep, LOG_ARCH_NOT_ARCHIVE, "the log is circular: archive notifications need a linear log "
			       "with LogManagement Archive");
	} else if (c->mgmt != LOG_ARCHIVE) {
		res = arch_say(rep, LOG_ARCH_NOT_ARCHIVE, "LogManagement is %s, not Archive",
			       c->mgmt == LOG_MANUAL ? "Manual" : "Automatic");
	} else if (log_extent_number(name, &f) != QM_OK) {
		res = arch_say(rep, LOG_ARCH_BAD_NAME, "\"%.40s\" is not the name of a log extent: S, 7 digits and .LOG, "
			       "like S0000003.LOG", name ? name : "");
	} else {
		/* the one sequence from the oldest extent still on disk with that number */
		uint64_t cur = log_cur_seq(lg);
		uint64_t seq = c->arch_base + (f + LOG_NAME_WRAP - c->arch_base % LOG_NAME_WRAP) % LOG_NAME_WRAP;
		char oldest[16], curname[16];
		log_extent_name((uint32_t)(c->arch_base % LOG_NAME_WRAP), oldest);
		log_extent_name((uint32_t)(cur % LOG_NAME_WRAP), curname);
		if (seq == cur) {
			rep->seq = seq;
			res = arch_say(rep, LOG_ARCH_CURRENT, "log extent %s is being written now (CURRLOG)", name);
		} else if (seq > cur) {
			res = arch_say(rep, LOG_ARCH_UNKNOWN, "log extent %s is not known to the log: %s", name,
				       seq <= c->cur_seq ? "it has not been written yet" : "it was never written or was "
				       "already freed");
			size_t l = strlen(rep->why);
			snprintf(rep->why + l, sizeof rep->why - l, " (the log holds %s to %s)", oldest, curname);
		} else if (seq - c->arch_base >= LOG_ARCH_BYTES * 8) {
			rep->seq = seq;
			rep->rc = QM_ETOOBIG;
			res = arch_say(rep, LOG_ARCH_ERROR, "log extent %s cannot be recorded as archived: %u extents from "
				       "%s wait for notification, the most the log control file records; report %s "
				       "archived first", name, LOG_ARCH_BYTES * 8, oldest, oldest);
		} else {
			rep->seq = seq;
			res = arch_record(lg, name, seq, flags, rep);
		}
	}
	pthread_mutex_unlock(&lg->mu);
	return res;
}
