/*
 * qstore_compact.c: the queue store's background work (qstore.h,
 * qstore_compact_begin/io/end and qstore_compact_step), in bounded steps
 * between the caller's other work.  A step is chosen and prepared by the
 * store's thread (begin: everything in memory, and the reads of what it
 * copies), its writes, syncs, truncations and deletions done by any thread
 * (io) while the store's thread only reads, and applied by the store's
 * thread (end).  Each step is one of:
 *
 *   1. continue an index snapshot being built, else
 *   2. copy the live records of the most dead segment (the one with the
 *      fewest live bytes among those at least dead_pct % dead, once the
 *      dead bytes add up to a whole segment) to the append position, up to
 *      the budget: a MOVE txn (data synced, then its journal record, synced:
 *      rule C1), the entries' places changed in memory at the end; else
 *   3. retire a fully dead append segment of a quarter segment or more (a
 *      journal record moves the append position to a new segment), else
 *   4. start an index snapshot when the journal has grown beyond twice the
 *      index (or snap_min_bytes);
 *   5. then, with what is left of the budget, delete the journal
 *      generation a snapshot replaced and the segments that hold nothing
 *      live (not the append segment: the journal says durably that nothing
 *      lives there);
 *      a big file is cut down by ftruncate over several steps first; nothing
 *      of it is synced (rules C5, C6).  Begin forgets them in memory (no
 *      read can want them: nothing lives there); io cuts and deletes.
 *
 * Snapshots (rule C6): generation g + 1 is built in NNNNNNNN.qsi.tmp: its
 * header, then CHUNK records of the entries as they are when each chunk is
 * encoded (slab order, a cursor that survives between steps), fdatasynced
 * after each chunk so that the last sync is short; every txn committed
 * meanwhile is also appended to it (qs_snap_dual, unsynced) so that, read
 * leniently, it ends up equal to the journal.  The step after the last
 * chunk writes SNAP_END, fdatasyncs, renames it to NNNNNNNN.qsi, fsyncs the
 * folder (so that the rename is durable before the unlink can be); its end
 * switches the journal to it; the next steps cut generation g down and
 * unlink it, like a dead segment (5).  A failure before the rename only
 * drops the snapshot (the old journal is whole and authoritative); a failed
 * folder fsync after it is fatal (rule C7).
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

static void drop_push(struct qstore *s, int jnl, uint32_t no, int64_t to)
{
	struct qs_cw *c = &s->cw;
	if (c->ndrops == c->capdrops) {
		size_t nc = c->capdrops ? 2 * c->capdrops : 16;
		struct qs_drop *nv = realloc(c->drops, nc * sizeof *nv);
		if (!nv)
			return;   /* left to a later step, or to open */
		c->drops = nv;
		c->capdrops = nc;
	}
	c->drops[c->ndrops++] = (struct qs_drop){ .no = no, .jnl = jnl, .to = to };
}

/* Plan the deletion of dead files, about budget bytes of them: the last one
 * cut down by ftruncate when it is bigger than what is left of the budget
 * (freeing a 16 MiB file at once costs ~10 ms on ext4), unlinked once it
 * fits.  In memory they are gone (or shorter) now; drop_io does the rest. */
static void drop_plan(struct qstore *s, size_t budget)
{
	size_t left = budget;
	/* not the segments a sealed txn may write to, or that it retires: they
	 * are dead, if at all, only once it is applied */
	uint32_t lim = s->cw.txn ? s->b_seg : UINT32_MAX;
	/* the journal generation a snapshot replaced (rule C6: open never reads
	 * it again), the same way */
	if (s->old_gen) {
		if (s->old_size > left) {
			s->old_size -= left;
			drop_push(s, 1, s->old_gen, (int64_t)s->old_size);
			return;
		}
		left -= (size_t)s->old_size;
		drop_push(s, 1, s->old_gen, -1);
		s->old_gen = 0;
		s->old_size = 0;
	}
	for (size_t i = s->nsegs; i-- > 0 && left;) {
		struct qs_seg *g = s->segs[i];
		if (!dead_seg(s, g) || g->no >= lim)
			continue;
		if (!g->ondisk) {
			qs_seg_forget(s, g);
			continue;
		}
		if (g->end > QS_PAGE + left) {
			/* a dead segment may be cut anywhere: nothing lives in it
			 * (rule C5), and open deletes it whatever its length */
			g->end -= (uint32_t)left;
			drop_push(s, 0, g->no, g->end);
			return;
		}
		left -= g->end > QS_PAGE ? g->end - QS_PAGE : 0;
		drop_push(s, 0, g->no, -1);
		qs_seg_forget(s, g);
	}
}

/* Not synced (rule C5): a deletion lost in a crash is done again by open,
 * and no journal record can name the segment again (numbers only grow); a
 * failure leaves the file to open too. */
static void drop_io(struct qstore *s)
{
	for (size_t i = 0; i < s->cw.ndrops; i++) {
		const struct qs_drop *d = &s->cw.drops[i];
		char path[PATH_MAX + 32];
		if (d->jnl)
			qs_jpath(s, d->no, 0, path, sizeof path);
		else
			qs_seg_path(s, d->no, path, sizeof path);
		if (d->to >= 0) {
			int fd = osio->open(path, O_WRONLY, 0);
			if (fd < 0 || osio->ftruncate(fd, (off_t)d->to) != 0)
				qs_err(s, os_errno_rc(), 0, 1, "queue store: cannot truncate %s (open removes it)", path);
			if (fd >= 0)
				osio->close(fd);
		} else if (osio->unlink(path) != 0) {
			if (errno != ENOENT)
				qs_err(s, os_errno_rc(), 0, 1, "queue store: cannot remove %s (open removes it)", path);
		} else if (!d->jnl) {
			s->st.segs_deleted++;
		}
	}
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

/* Read the victim's live records, about budget bytes, into a MOVE txn and
 * seal it; *planned: the bytes read and to be written. */
static int move_begin(struct qstore *s, struct qs_seg *g, size_t budget, size_t *planned)
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
	*planned = done;
	return qs_txn_seal(s, s->lsn);
}

/* The append segment holds nothing live and a quarter segment or more. */
static int app_dead(const struct qstore *s)
{
	const struct qs_seg *g = qs_seg_find(s, s->app_seg);
	return g && g->live_n == 0 && g->end >= QS_PAGE + s->o.seg_bytes / 4;
}

static int retire_begin(struct qstore *s)
{
	qs_txn_begin(s, QS_TXN_MOVE);
	s->app_seg++;
	s->app_off = QS_PAGE;
	return qs_txn_seal(s, s->lsn);
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

/* The next chunk of entries into jbuf, and SNAP_END after it once the
 * cursor has passed them all (entries put later are in the snapshot by
 * qs_snap_dual); *planned: their length. */
static void snap_begin(struct qstore *s, size_t budget, size_t *planned)
{
	struct qs_cw *c = &s->cw;
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
	if (nops) {
		c->snap = QS_CW_CHUNK;
		c->jlen = qs_jrec_encode(s, &s->nx.j, QS_J_CHUNK, 0, plen, nops, s->lsn, 0);
		*planned = c->jlen;
	}
	if (s->nx.cursor < s->hiwater)
		return;
	struct qs_jfile after = s->nx.j;
	after.recno += nops ? 1 : 0;
	c->endlen = qs_jrec_encode_in(s, c->endrec, &after, QS_J_SNAPEND, 0, 0, 0, s->lsn, s->live);
	c->snap |= QS_CW_SNAPEND;
	*planned += c->endlen;
	/* a generation still being cut down goes now: the one this snapshot
	 * replaces takes its place (snap_end) */
	if (s->old_gen) {
		drop_push(s, 1, s->old_gen, -1);
		s->old_gen = 0;
		s->old_size = 0;
	}
}

static int snap_put(struct qstore *s, const uint8_t *b, uint32_t len)
{
	int rc = qs_jrec_put(s, &s->nx.j, b, len);
	if (rc) {
		s->cw.what = "write";
		return rc;
	}
	s->st.syncs++;
	if ((rc = os_fdatasync(s->nx.j.fd)) != QM_OK)
		s->cw.what = "sync";
	return rc;
}

/* The records written and synced; after SNAP_END the rename, made durable. */
static int snap_io(struct qstore *s)
{
	struct qs_cw *c = &s->cw;
	int rc;
	if ((c->snap & QS_CW_CHUNK) && (rc = snap_put(s, s->jbuf, c->jlen)) != QM_OK)
		return rc;
	if (!(c->snap & QS_CW_SNAPEND))
		return QM_OK;
	if ((rc = snap_put(s, c->endrec, c->endlen)) != QM_OK)
		return rc;
	char tmp[PATH_MAX + 32], fin[PATH_MAX + 32];
	qs_jpath(s, s->nx.j.gen, 1, tmp, sizeof tmp);
	qs_jpath(s, s->nx.j.gen, 0, fin, sizeof fin);
	/* os_rename_durable's two folder syncs would be of one folder; this is
	 * the same durable rename with the failure told apart (rule C6) */
	if (osio->rename(tmp, fin) != 0) {
		c->what = "rename";
		return os_errno_rc();
	}
	s->st.syncs++;
	if ((rc = os_fsync_dir(s->dir)) != QM_OK)
		c->dir_failed = 1;
	return rc;
}

static int snap_end(struct qstore *s, int rc)
{
	struct qs_cw *c = &s->cw;
	if (c->dir_failed) {
		qs_snap_drop(s);
		return qs_err(s, rc, 1, 1, "queue store: cannot sync the folder %s", s->dir);
	}
	if (rc)
		return snap_fail(s, rc, c->what);
	if (!(c->snap & QS_CW_SNAPEND))
		return QM_OK;
	/* the old generation is cut down and deleted by the next steps, within
	 * their budgets (a journal of tens of MB takes tens of ms to free at
	 * once); not synced (rule C6): open removes an older generation anyway */
	osio->close(s->j.fd);
	s->old_gen = s->j.gen;
	s->old_size = s->j.size;
	s->j = s->nx.j;
	s->nx.active = 0;
	s->nx.j.fd = -1;
	s->st.snapshots++;
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

int qstore_compact_begin(struct qstore *s, size_t budget)
{
	if (!s)
		return QM_EINVAL;
	if (s->failed)
		return QM_EFAILED;
	if (s->txn || s->cw.active)
		return qs_err(s, QM_EINVAL, 0, 0, "queue store %s: no compaction inside a batch or another step", s->dir);
	if (budget < QS_PAGE)
		budget = QS_PAGE;
	struct qs_cw *c = &s->cw;
	c->txn = c->snap = c->dir_failed = 0;
	c->ndrops = 0;
	c->what = NULL;
	struct qs_seg *g;
	size_t planned = 0;
	int rc = QM_OK;
	if (s->nx.active) {
		snap_begin(s, budget, &planned);
	} else if ((g = victim(s)) != NULL) {
		rc = move_begin(s, g, budget, &planned);
		c->txn = rc == QM_OK;
	} else if (app_dead(s)) {
		rc = retire_begin(s);
		c->txn = rc == QM_OK;
	} else if (snap_due(s) && (rc = snap_start(s)) == QM_OK) {
		snap_begin(s, budget, &planned);
	}
	if (rc)
		return rc;
	/* then dead files, with what is left of the budget (at least a page):
	 * freeing a whole 16 MiB segment at once stalls the file system's
	 * journal, and so the log's own fdatasyncs, longer than a budget's cut
	 * does (recoverybench 2b, 300,000 messages: MQCMIT p99 24.2 ms with a
	 * segment a step, 13.0 ms with 1 MiB) */
	drop_plan(s, planned < budget ? budget - planned : QS_PAGE);
	if (!c->txn && !c->snap && !c->ndrops && !work_left(s))
		return QM_ENOENT;   /* (a snapshot's scan past free slots alone is a step with no I/O) */
	c->active = 1;
	return QM_OK;
}

int qstore_compact_io(struct qstore *s)
{
	if (!s || !s->cw.active)
		return QM_EINVAL;
	int rc = QM_OK;
	if (s->cw.txn)
		rc = qs_txn_sync(s);
	else if (s->cw.snap)
		rc = snap_io(s);
	drop_io(s);
	return rc;
}

int qstore_compact_end(struct qstore *s, int rc, int *more)
{
	if (more)
		*more = 0;
	if (!s || !s->cw.active)
		return QM_EINVAL;
	struct qs_cw *c = &s->cw;
	c->active = 0;
	if (c->txn)
		rc = qs_txn_finish(s, rc);
	else if (c->snap)
		rc = snap_end(s, rc);
	if (more)
		*more = work_left(s);
	return rc;
}

int qstore_compact_step(struct qstore *s, size_t budget, int *more)
{
	int rc = qstore_compact_begin(s, budget);
	if (rc == QM_OK)
		return qstore_compact_end(s, qstore_compact_io(s), more);
	if (more)
		*more = rc == QM_ENOENT ? 0 : s && !s->txn ? work_left(s) : 0;
	return rc == QM_ENOENT ? QM_OK : rc;
}
