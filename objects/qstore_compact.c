/*
 * qstore_compact.c: the queue store's background work (qstore.h,
 * qstore_compact_step), in bounded steps between the caller's other work:
 *
 *   1. continue an index snapshot being built, else
 *   2. copy the live records of the most dead segment (the one with the
 *      fewest live bytes among those at least dead_pct % dead, once the
 *      dead bytes add up to a whole segment) to the append position, up to
 *      the budget: data synced, MOVE operations committed to
 *      the journal and synced (rule C1), the entries' places changed in
 *      memory; else
 *   3. retire a fully dead append segment of a quarter segment or more (a
 *      journal record moves the append position to a new segment), else
 *   4. start an index snapshot when the journal has grown beyond twice the
 *      index (or snap_min_bytes);
 *   5. then, with what is left of the budget, delete the journal generation
 *      a snapshot replaced and the segments that hold nothing live (not the
 *      append segment: the journal says durably that nothing lives there);
 *      a big file is cut down by ftruncate over several steps first; nothing
 *      of it is synced (rules C5, C6).
 *
 * Snapshots (rule C6): generation g + 1 is built in NNNNNNNN.qsi.tmp: its
 * header, then CHUNK records of the entries as they are when each chunk is
 * written (slab order, a cursor that survives between steps), fdatasynced
 * after each chunk so that the last sync is short; every txn committed
 * meanwhile is also appended to it (qs_snap_dual, unsynced) so that, read
 * leniently, it ends up equal to the journal.  The last step writes
 * SNAP_END, fdatasyncs, renames it to NNNNNNNN.qsi, fsyncs the folder (so
 * that the rename is durable before the unlink can be), and switches the
 * journal to it; the next steps cut generation g down and unlink it, like a
 * dead segment (step 5).  A failure before the rename only drops the snapshot (the old
 * journal is whole and authoritative); a failed folder fsync after it is
 * fatal (rule C7).
 *
 * I/O per step: about budget bytes (each moved record is read and written:
 * twice its length; at least one record), and at most five syncs (qstore.h).
 */
#include "objects/qstore.h"
#include "objects/qstore_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/osio.h"
#include "log/qmerr.h"

/* ---- dead segments --------------------------------------------------------------- */

static int dead_seg(const struct qstore *s, const struct qs_seg *g)
{
	return g->no != s->app_seg && g->live_n == 0;
}

/* Delete dead segments, about budget bytes of them: the last one cut down
 * by ftruncate when it is bigger than what is left of the budget (freeing a
 * 16 MiB file at once costs ~10 ms on ext4), unlinked once it fits. */
static int drop_dead(struct qstore *s, size_t budget)
{
	size_t left = budget;
	/* the journal generation a snapshot replaced (rule C6: open never reads
	 * it again), the same way */
	if (s->old_gen) {
		char path[PATH_MAX + 32];
		qs_jpath(s, s->old_gen, 0, path, sizeof path);
		if (s->old_size > left) {
			int fd = osio->open(path, O_WRONLY, 0);
			s->old_size -= left;
			if (fd < 0 || osio->ftruncate(fd, (off_t)s->old_size) != 0)
				s->old_size = 0;   /* leave it to the unlink, or to open */
			if (fd >= 0)
				osio->close(fd);
			return QM_OK;
		}
		left -= (size_t)s->old_size;
		if (osio->unlink(path) != 0 && errno != ENOENT)
			qs_err(s, os_errno_rc(), 0, 1, "queue store: cannot remove %s (open removes it)", path);
		s->old_gen = 0;
		s->old_size = 0;
	}
	for (size_t i = s->nsegs; i-- > 0 && left;) {
		struct qs_seg *g = s->segs[i];
		if (!dead_seg(s, g))
			continue;
		char path[PATH_MAX + 32];
		qs_seg_path(s, g->no, path, sizeof path);
		if (!g->ondisk) {
			qs_seg_forget(s, g);
			continue;
		}
		if (g->end > QS_PAGE + left) {
			/* a dead segment may be cut anywhere: nothing lives in it
			 * (rule C5), and open deletes it whatever its length */
			int fd = osio->open(path, O_WRONLY, 0);
			uint32_t to = g->end - (uint32_t)left;
			if (fd < 0 || osio->ftruncate(fd, to) != 0) {
				qs_err(s, os_errno_rc(), 0, 1, "queue store: cannot truncate %s", path);
				if (fd >= 0)
					osio->close(fd);
				return QM_OK;   /* open removes it */
			}
			osio->close(fd);
			g->end = to;
			return QM_OK;
		}
		left -= g->end > QS_PAGE ? g->end - QS_PAGE : 0;
		qs_seg_forget(s, g);
		/* not synced (rule C5): a deletion lost in a crash is done again
		 * by open, and no journal record can name the segment again
		 * (numbers only grow); a failed unlink leaves it to open too */
		if (osio->unlink(path) != 0 && errno != ENOENT) {
			qs_err(s, os_errno_rc(), 0, 1, "queue store: cannot remove %s", path);
			continue;
		}
		s->st.segs_deleted++;
	}
	return QM_OK;
}

/* ---- moving live records ------------------------------------------------------------- */

/* The segment to empty: at least dead_pct % dead, the fewest live bytes;
 * none until the dead bytes in the segments that still hold live messages
 * (the append one aside) add up to a whole segment, so that a segment being
 * drained in order (FIFO gets) is left to empty itself rather than copied. */
static struct qs_seg *victim(const struct qstore *s)
{
	struct qs_seg *best = NULL;
	uint64_t dead_all = 0;
	for (size_t i = 0; i < s->nsegs; i++) {
		const struct qs_seg *g = s->segs[i];
		if (g->no != s->app_seg && g->ondisk && g->live_n && g->end > QS_PAGE + g->live_bytes)
			dead_all += g->end - QS_PAGE - g->live_bytes;
	}
	if (dead_all < s->o.seg_bytes)
		return NULL;
	for (size_t i = 0; i < s->nsegs; i++) {
		struct qs_seg *g = s->segs[i];
		if (g->no == s->app_seg || !g->live_n || !g->ondisk || g->end <= QS_PAGE)
			continue;
		uint64_t used = g->end - QS_PAGE;
		uint64_t dead = used > g->live_bytes ? used - g->live_bytes : 0;
		if (dead * 100 < (uint64_t)s->o.dead_pct * used)
			continue;
		if (!best || g->live_bytes < best->live_bytes)
			best = g;
	}
	return best;
}

static int push_mv(struct qstore *s, uint32_t slot, struct qs_loc loc)
{
	if (s->nmvs == s->capmvs) {
		size_t nc = s->capmvs ? s->capmvs * 2 : 64;
		struct qs_mv *nv = realloc(s->mvs, nc * sizeof *nv);
		if (!nv)
			return QM_ENOMEM;
		s->mvs = nv;
		s->capmvs = nc;
	}
	s->mvs[s->nmvs++] = (struct qs_mv){ slot, loc };
	return QM_OK;
}

static int move_step(struct qstore *s, struct qs_seg *g, size_t budget)
{
	size_t done = 0;
	int rc = QM_OK;
	qs_txn_begin(s, QS_TXN_MOVE);
	for (uint32_t i = 0; i < g->n; i++) {
		uint32_t slot = g->v[i];
		if (slot == QS_NONE)
			continue;
		struct qs_entry *e = qs_ent(s, slot);
		size_t len = e->loc.len;
		if (done && done + 2 * len > budget)
			break;
		const uint8_t *rec;
		struct qs_loc loc;
		/* a damaged record stops the step: nothing is moved, the caller
		 * hears QM_ECORRUPT with the place */
		if ((rc = qs_read_record(s, e, &rec)) != QM_OK ||
		    (rc = qs_data_append(s, rec, rec + QS_REC_HDR, e->loc.len - QS_REC_HDR, &loc)) != QM_OK ||
		    (rc = qs_seg_reserve(s, qs_seg_find(s, loc.seg))) != QM_OK || (rc = push_mv(s, slot, loc)) != QM_OK)
			break;
		done += 2 * len;
	}
	if (rc) {
		qs_txn_abort(s);
		return rc;
	}
	return qs_txn_commit(s, s->lsn);
}

/* The append segment holds nothing live and a quarter segment or more. */
static int app_dead(const struct qstore *s)
{
	const struct qs_seg *g = qs_seg_find(s, s->app_seg);
	return g && g->live_n == 0 && g->end >= QS_PAGE + s->o.seg_bytes / 4;
}

static int retire_app(struct qstore *s)
{
	qs_txn_begin(s, QS_TXN_MOVE);
	s->app_seg++;
	s->app_off = QS_PAGE;
	return qs_txn_commit(s, s->lsn);
}

/* ---- index snapshots ----------------------------------------------------------------- */

/* About what a snapshot of the index takes: the header page, the entries
 * (chunks fill whole pages but for their 56-byte frame and the part of an
 * entry that does not fit: under 4%), the last chunk's page and SNAP_END. */
static uint64_t snap_size(const struct qstore *s)
{
	return 3 * QS_PAGE + s->live * QS_OP_PUT_LEN * 104 / 100;
}

/* The journal is more than twice what a snapshot would be (and more than
 * snap_min_bytes).  A snapshot of W bytes then shrinks the journal by more
 * than W, and the journal grows only by what txns write: snapshots never
 * write more than the batches and compaction steps did, a journal just
 * rewritten is never due again, and open reads about twice the index at
 * most (or snap_min_bytes). */
static int snap_due(const struct qstore *s)
{
	uint64_t want = 2 * snap_size(s);
	if (want < s->o.snap_min_bytes)
		want = s->o.snap_min_bytes;
	return !s->nx.active && s->j.size > want;
}

void qs_snap_drop(struct qstore *s)
{
	if (!s->nx.active)
		return;
	char path[PATH_MAX + 32];
	qs_jpath(s, s->nx.j.gen, 1, path, sizeof path);
	osio->close(s->nx.j.fd);
	osio->unlink(path);   /* best effort: open removes any .qsi.tmp */
	s->nx.active = 0;
	s->nx.j.fd = -1;
}

/* A failure while building: the snapshot goes, the journal stays whole. */
static int snap_fail(struct qstore *s, int rc, const char *what)
{
	char path[PATH_MAX + 32];
	qs_jpath(s, s->nx.j.gen, 1, path, sizeof path);
	qs_err(s, rc, 0, 1, "queue store: cannot %s %s (the snapshot is dropped)", what, path);
	qs_snap_drop(s);
	return rc;
}

void qs_snap_dual(struct qstore *s, uint64_t lsn, uint64_t live)
{
	if (!s->nx.active)
		return;
	int rc = qs_jemit(s, &s->nx.j, lsn, live, 0);
	if (rc)
		snap_fail(s, rc, "write");
}

static int snap_start(struct qstore *s)
{
	char path[PATH_MAX + 32];
	uint8_t h[QS_HDR_LEN];
	uint32_t gen = s->j.gen + 1;
	qs_jpath(s, gen, 1, path, sizeof path);
	int fd = osio->open(path, O_RDWR | O_CREAT | O_TRUNC, 0660);
	if (fd < 0)
		return qs_err(s, os_errno_rc(), 0, 1, "queue store: cannot create %s", path);
	qs_hdr_encode(h, QS_JNL_MAGIC, gen, s->qmid, s->qname);
	s->nx.active = 1;
	s->nx.j = (struct qs_jfile){ .fd = fd, .gen = gen, .end = QS_PAGE, .size = QS_HDR_LEN };
	s->nx.cursor = 0;
	int rc = os_pwrite_full(fd, h, sizeof h, 0);
	if (rc)
		return snap_fail(s, rc, "write");
	s->st.bytes_written += sizeof h;
	return QM_OK;
}

static int snap_finish(struct qstore *s)
{
	char tmp[PATH_MAX + 32], fin[PATH_MAX + 32];
	qs_jpath(s, s->nx.j.gen, 1, tmp, sizeof tmp);
	qs_jpath(s, s->nx.j.gen, 0, fin, sizeof fin);
	int rc = qs_jrec_write(s, &s->nx.j, QS_J_SNAPEND, 0, 0, 0, s->lsn, s->live);
	if (rc)
		return snap_fail(s, rc, "write");
	s->st.syncs++;
	if ((rc = os_fdatasync(s->nx.j.fd)) != QM_OK)
		return snap_fail(s, rc, "sync");
	/* os_rename_durable's two folder syncs would be of one folder; this is
	 * the same durable rename with the failure told apart (rule C6) */
	if (osio->rename(tmp, fin) != 0)
		return snap_fail(s, os_errno_rc(), "rename");
	s->st.syncs++;
	if ((rc = os_fsync_dir(s->dir)) != QM_OK) {
		qs_snap_drop(s);
		return qs_err(s, rc, 1, 1, "queue store: cannot sync the folder %s", s->dir);
	}
	osio->close(s->j.fd);
	/* deleted by the next steps, within their budgets (a journal of tens
	 * of MB takes tens of ms to free at once); not synced (rule C6): open
	 * removes an older generation anyway */
	if (s->old_gen) {
		char older[PATH_MAX + 32];
		qs_jpath(s, s->old_gen, 0, older, sizeof older);
		osio->unlink(older);
	}
	s->old_gen = s->j.gen;
	s->old_size = s->j.size;
	s->j = s->nx.j;
	s->nx.active = 0;
	s->nx.j.fd = -1;
	s->st.snapshots++;
	return QM_OK;
}

static int snap_step(struct qstore *s, size_t budget)
{
	/* a chunk record fills whole pages (records start on a page) */
	size_t pages = budget / QS_PAGE ? budget / QS_PAGE : 1, plen = 0;
	if (pages > QS_JPART_MAX / QS_PAGE)
		pages = QS_JPART_MAX / QS_PAGE;
	size_t limit = pages * QS_PAGE - QS_JHDR - QS_JSUM;
	uint32_t nops = 0, scan = (uint32_t)(limit / QS_OP_PUT_LEN) * 16 + QS_SLAB;
	uint8_t *p = s->jbuf + QS_JHDR;
	while (s->nx.cursor < s->hiwater && plen + QS_OP_PUT_LEN <= limit && scan--) {
		const struct qs_entry *e = qs_ent(s, s->nx.cursor++);
		if (e->state == QS_LIVE) {
			plen += qs_op_put(p + plen, e);
			nops++;
		}
	}
	int rc;
	if (nops) {
		if ((rc = qs_jrec_write(s, &s->nx.j, QS_J_CHUNK, 0, plen, nops, s->lsn, 0)) != QM_OK)
			return snap_fail(s, rc, "write");
		s->st.syncs++;
		if ((rc = os_fdatasync(s->nx.j.fd)) != QM_OK)
			return snap_fail(s, rc, "sync");
	}
	if (s->nx.cursor >= s->hiwater)
		return snap_finish(s);
	return QM_OK;
}

/* ---- the step ---------------------------------------------------------------------------- */

static int work_left(const struct qstore *s)
{
	if (s->failed)
		return 0;
	if (s->old_gen)
		return 1;
	for (size_t i = 0; i < s->nsegs; i++)
		if (dead_seg(s, s->segs[i]))
			return 1;
	return s->nx.active || victim(s) || app_dead(s) || snap_due(s);
}

int qstore_compact_step(struct qstore *s, size_t budget, int *more)
{
	if (more)
		*more = 0;
	if (!s)
		return QM_EINVAL;
	if (s->failed)
		return QM_EFAILED;
	if (s->txn)
		return qs_err(s, QM_EINVAL, 0, 0, "queue store %s: no compaction inside a batch", s->dir);
	if (budget < QS_PAGE)
		budget = QS_PAGE;
	struct qs_seg *g;
	uint64_t io0 = s->st.bytes_written + s->st.bytes_read;
	int rc = QM_OK;
	if (s->nx.active)
		rc = snap_step(s, budget);
	else if ((g = victim(s)) != NULL)
		rc = move_step(s, g, budget);
	else if (app_dead(s))
		rc = retire_app(s);
	else if (snap_due(s) && (rc = snap_start(s)) == QM_OK)
		rc = snap_step(s, budget);
	/* then dead segments, with what is left of the budget (at least a page) */
	if (rc == QM_OK) {
		uint64_t used = s->st.bytes_written + s->st.bytes_read - io0;
		rc = drop_dead(s, used < budget ? budget - (size_t)used : QS_PAGE);
	}
	if (more)
		*more = work_left(s);
	return rc;
}
