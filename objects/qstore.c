/*
 * qstore.c: the queue store (format, crash rules and calling sequence in
 * qstore.h): the index in memory, data segments, batches, open and read.
 * Compaction and index snapshots are in qstore_compact.c; what both share is
 * in qstore_int.h.
 */
#include "objects/qstore.h"
#include "objects/qstore_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "log/byteorder.h"
#include "log/osio.h"
#include "log/qmerr.h"
#include "objects/errbuf.h"

_Static_assert(sizeof(struct qs_entry) == 72, "struct qs_entry is 72 bytes (qstore.h)");
_Static_assert(OBJFILE_MSG_HDR_LEN + 24 == QS_REC_HDR, "message record header layout (qstore.h)");

static const uint8_t REC_MAGIC[4] = { 'Q', 'S', 'M', 'R' };

/* ---- messages ------------------------------------------------------------------ */

int qs_err(struct qstore *s, int rc, int fatal, int with_errno, const char *fmt, ...)
{
	int e = errno;
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(s->err, sizeof s->err, fmt, ap);
	va_end(ap);
	if (with_errno && k >= 0 && (size_t)k < sizeof s->err)
		snprintf(s->err + k, sizeof s->err - (size_t)k, ": %s", strerror(e));
	if (fatal)
		s->failed = 1;
	errno = e;
	return rc;
}

const char *qstore_last_error(const struct qstore *s)
{
	return s ? s->err : "";
}

void qs_seg_path(const struct qstore *s, uint32_t no, char *out, size_t n)
{
	snprintf(out, n, "%s/%08" PRIx32 ".qsd", s->dir, no);
}

void qs_jpath(const struct qstore *s, uint32_t gen, int tmp, char *out, size_t n)
{
	snprintf(out, n, "%s/%08" PRIx32 ".qsi%s", s->dir, gen, tmp ? ".tmp" : "");
}

uint64_t qstore_id_hash(const uint8_t id[24])
{
	static const uint8_t zero[24];
	if (memcmp(id, zero, 24) == 0)
		return 0;
	uint64_t h = XXH64(id, 24, 0x51535449);
	return h ? h : 1;
}

/* ---- file headers -------------------------------------------------------------- */

void qs_hdr_encode(uint8_t b[QS_HDR_LEN], const char *magic, uint32_t no, const uint8_t *qmid,
		       const char *qname)
{
	memset(b, 0, QS_HDR_LEN);
	memcpy(b, magic, 8);
	put_u32(b + 8, QS_VERSION);
	put_u32(b + 12, no);
	memcpy(b + 16, qmid, QS_QMID_LEN);
	size_t n = strlen(qname);
	b[32] = (uint8_t)n;
	memcpy(b + 33, qname, n);
	put_u64(b + 120, XXH64(b, 120, 0));
}

int qs_hdr_check(const uint8_t b[QS_HDR_LEN], const char *magic, uint32_t no, const uint8_t *qmid,
		     const char *qname, const char *path, char *err, size_t errlen)
{
	if (memcmp(b, magic, 8) != 0) {
		errbuf_set(err, errlen, "queue store %s: not a queue store %s (bad magic)", path,
			   magic[7] == 'D' ? "segment" : "journal");
		return QM_ECORRUPT;
	}
	if (get_u32(b + 8) != QS_VERSION) {
		errbuf_set(err, errlen, "queue store %s: format version %" PRIu32 " (this program reads %d)", path,
			   get_u32(b + 8), QS_VERSION);
		return QM_EVERSION;
	}
	if (get_u64(b + 120) != XXH64(b, 120, 0)) {
		errbuf_set(err, errlen, "queue store %s: offset 0: header checksum does not match", path);
		return QM_ECORRUPT;
	}
	if (get_u32(b + 12) != no) {
		errbuf_set(err, errlen, "queue store %s: header says number %" PRIu32 ", not %" PRIu32, path,
			   get_u32(b + 12), no);
		return QM_ECORRUPT;
	}
	if (memcmp(b + 16, qmid, QS_QMID_LEN) != 0) {
		errbuf_set(err, errlen, "queue store %s: belongs to another queue manager", path);
		return QM_EFOREIGN;
	}
	size_t n = b[32];
	if (n != strlen(qname) || memcmp(b + 33, qname, n) != 0) {
		char other[OBJDEF_NAME_SIZE];
		memcpy(other, b + 33, n < 48 ? n : 48);
		other[n < 48 ? n : 48] = 0;
		errbuf_set(err, errlen, "queue store %s: holds queue %s, not %s", path, other, qname);
		return QM_ECORRUPT;
	}
	return QM_OK;
}

/* ---- the index: slabs and the hash ----------------------------------------------- */

struct qs_entry *qs_ent(const struct qstore *s, uint32_t slot)
{
	return &s->slabs[slot >> QS_SLAB_SHIFT][slot & (QS_SLAB - 1)];
}

int qs_slot_alloc(struct qstore *s, uint32_t *slot)
{
	uint32_t id;
	if (s->freelist != QS_NONE) {
		id = s->freelist;
		s->freelist = qs_ent(s, id)->vpos;
	} else {
		if (s->hiwater == s->nslabs * QS_SLAB) {
			if (s->nslabs >= (QS_NONE >> QS_SLAB_SHIFT))
				return QM_ENOMEM;
			struct qs_entry **ns = realloc(s->slabs, (s->nslabs + 1) * sizeof *ns);
			if (!ns)
				return QM_ENOMEM;
			s->slabs = ns;
			if (!(ns[s->nslabs] = calloc(QS_SLAB, sizeof(struct qs_entry))))
				return QM_ENOMEM;
			s->nslabs++;
		}
		id = s->hiwater++;
	}
	struct qs_entry *e = qs_ent(s, id);
	memset(e, 0, sizeof *e);
	e->vpos = QS_NONE;
	*slot = id;
	return QM_OK;
}

void qs_slot_free(struct qstore *s, uint32_t slot)
{
	struct qs_entry *e = qs_ent(s, slot);
	memset(e, 0, sizeof *e);
	e->vpos = s->freelist;
	s->freelist = slot;
}

static size_t hmix(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return (size_t)k;
}

/* The table of put LSN -> slot: open addressing, linear probing, at most
 * 70% full.  A cell holds its slot + 1; 0 is empty, so that a new table is
 * calloc's: zeroed pages the kernel provides as they are first touched,
 * rather than a pass over the whole table when it doubles (recoverybench,
 * 1,000,000 messages: filling 8 MB with a memset held the event loop 22 ms).
 * CELL_GONE is a moved or deleted cell of the old table, which lookups pass
 * over (its probe runs stay whole).  It doubles a step at a time: the old
 * table stays beside the new one (lookups search both), and each insert or
 * delete moves HASH_STEP of its cells over, so that no batch of a store with
 * millions of messages pays for rehashing them all at once.  The next
 * doubling is due after 0.7x the old table's size of inserts; HASH_STEP 8
 * has emptied it after 0.125x, and keeps each insert's share small (a move
 * reads an entry and writes a cell, two cache misses on a deep queue). */
#define CELL_EMPTY 0u
#define CELL_GONE  UINT32_MAX
#define HASH_STEP  8

static uint32_t find_in(const struct qstore *s, const uint32_t *tab, size_t cap, uint64_t key, size_t *at)
{
	size_t m = cap - 1;
	for (size_t i = hmix(key) & m;; i = (i + 1) & m) {
		uint32_t v = tab[i];
		if (v == CELL_EMPTY)
			return QS_NONE;
		if (v != CELL_GONE && qs_ent(s, v - 1)->put_lsn == key) {
			*at = i;
			return v - 1;
		}
	}
}

uint32_t qs_hash_find(const struct qstore *s, uint64_t key)
{
	size_t at;
	uint32_t v = s->tabcap ? find_in(s, s->tab, s->tabcap, key, &at) : QS_NONE;
	if (v == QS_NONE && s->otab)
		v = find_in(s, s->otab, s->ocap, key, &at);
	return v;
}

static void hash_place(const struct qstore *s, uint32_t slot)
{
	size_t m = s->tabcap - 1, i = hmix(qs_ent(s, slot)->put_lsn) & m;
	while (s->tab[i] != CELL_EMPTY)
		i = (i + 1) & m;
	s->tab[i] = slot + 1;
}

/* Move up to n cells of the old table into the new one. */
static void hash_move(struct qstore *s, size_t n)
{
	while (s->otab && n--) {
		uint32_t v = s->otab[s->opos];
		if (v != CELL_EMPTY && v != CELL_GONE) {
			hash_place(s, v - 1);
			s->otab[s->opos] = CELL_GONE;
		}
		if (++s->opos == s->ocap) {
			free(s->otab);
			s->otab = NULL;
			s->ocap = s->opos = 0;
		}
	}
}

void qs_hash_settle(struct qstore *s)
{
	hash_move(s, SIZE_MAX);
}

int qs_hash_insert(struct qstore *s, uint32_t slot)
{
	if (slot >= CELL_GONE - 1)
		return QM_ENOMEM;
	if ((s->tabn + 1) * 10 > s->tabcap * 7) {
		hash_move(s, SIZE_MAX);   /* a growth still going: finish it first */
		size_t ncap = s->tabcap ? s->tabcap * 2 : 1024;
		uint32_t *t = calloc(ncap, sizeof *t);
		if (!t)
			return QM_ENOMEM;
		s->otab = s->tab;
		s->ocap = s->tabcap;
		s->opos = 0;
		s->tab = t;
		s->tabcap = ncap;
		if (!s->ocap)
			s->otab = NULL;   /* (the first table: none before it) */
	}
	hash_move(s, HASH_STEP);
	hash_place(s, slot);
	s->tabn++;
	return QM_OK;
}

void qs_hash_delete(struct qstore *s, uint64_t key)
{
	if (!s->tabcap)
		return;
	hash_move(s, HASH_STEP);
	size_t i;
	if (find_in(s, s->tab, s->tabcap, key, &i) == QS_NONE) {
		if (s->otab && find_in(s, s->otab, s->ocap, key, &i) != QS_NONE) {
			s->otab[i] = CELL_GONE;
			s->tabn--;
		}
		return;
	}
	size_t m = s->tabcap - 1;
	s->tab[i] = CELL_EMPTY;
	s->tabn--;
	/* backward shift: pull later members of the run into the gap when
	 * their home is not between the gap and them */
	for (size_t j = (i + 1) & m; s->tab[j] != CELL_EMPTY; j = (j + 1) & m) {
		size_t home = hmix(qs_ent(s, s->tab[j] - 1)->put_lsn) & m;
		if (((j - home) & m) >= ((j - i) & m)) {
			s->tab[i] = s->tab[j];
			s->tab[j] = CELL_EMPTY;
			i = j;
		}
	}
}

/* ---- segments --------------------------------------------------------------------- */

struct qs_seg *qs_seg_find(const struct qstore *s, uint32_t no)
{
	size_t lo = 0, hi = s->nsegs;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (s->segs[mid]->no == no)
			return s->segs[mid];
		if (s->segs[mid]->no < no)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

struct qs_seg *qs_seg_get(struct qstore *s, uint32_t no)
{
	struct qs_seg *g = qs_seg_find(s, no);
	if (g)
		return g;
	if (s->nsegs == s->capsegs) {
		size_t nc = s->capsegs ? s->capsegs * 2 : 16;
		struct qs_seg **nv = realloc(s->segs, nc * sizeof *nv);
		if (!nv)
			return NULL;
		s->segs = nv;
		s->capsegs = nc;
	}
	if (!(g = calloc(1, sizeof *g)))
		return NULL;
	g->no = no;
	g->fd = -1;
	g->fa_from = UINT64_MAX;
	g->end = QS_PAGE;
	size_t at = s->nsegs;
	while (at > 0 && s->segs[at - 1]->no > no)
		at--;
	memmove(s->segs + at + 1, s->segs + at, (s->nsegs - at) * sizeof *s->segs);
	s->segs[at] = g;
	s->nsegs++;
	return g;
}

void qs_seg_forget(struct qstore *s, struct qs_seg *g)
{
	size_t at = 0;
	while (at < s->nsegs && s->segs[at] != g)
		at++;
	if (at == s->nsegs)
		return;
	if (g->fd >= 0) {
		osio->close(g->fd);
		s->nopen--;
	}
	memmove(s->segs + at, s->segs + at + 1, (s->nsegs - at - 1) * sizeof *s->segs);
	s->nsegs--;
	free(g->v);
	free(g);
}

static int seg_grow(struct qs_seg *g, uint32_t need)
{
	if (need <= g->cap)
		return QM_OK;
	uint32_t nc = g->cap ? g->cap : 64;
	while (nc < need)
		nc *= 2;
	uint32_t *nv = realloc(g->v, (size_t)nc * sizeof *nv);
	if (!nv)
		return QM_ENOMEM;
	g->v = nv;
	g->cap = nc;
	return QM_OK;
}

/* Promise the open txn a place in g's list (so that applying cannot fail). */
int qs_seg_reserve(struct qstore *s, struct qs_seg *g)
{
	(void)s;
	int rc = seg_grow(g, g->n + g->reserved + 1);
	if (rc == QM_OK)
		g->reserved++;
	return rc;
}

int qs_seg_add_entry(struct qstore *s, struct qs_seg *g, uint32_t slot)
{
	int rc = seg_grow(g, g->n + 1);
	if (rc)
		return rc;
	struct qs_entry *e = qs_ent(s, slot);
	e->vpos = g->n;
	g->v[g->n++] = slot;
	g->live_n++;
	g->live_bytes += e->loc.len;
	if (e->loc.off + e->loc.len > g->end)
		g->end = e->loc.off + e->loc.len;
	return QM_OK;
}

void qs_seg_del_entry(struct qstore *s, struct qs_seg *g, uint32_t slot)
{
	struct qs_entry *e = qs_ent(s, slot);
	g->v[e->vpos] = QS_NONE;
	e->vpos = QS_NONE;
	g->holes++;
	g->live_n--;
	g->live_bytes -= e->loc.len;
	if (g->holes > 32 && g->holes * 2 > g->n) {
		uint32_t k = 0;
		for (uint32_t i = 0; i < g->n; i++)
			if (g->v[i] != QS_NONE) {
				qs_ent(s, g->v[i])->vpos = k;
				g->v[k++] = g->v[i];
			}
		g->n = k;
		g->holes = 0;
	}
}

static void close_lru(struct qstore *s)
{
	struct qs_seg *victim = NULL;
	for (size_t i = 0; i < s->nsegs; i++) {
		struct qs_seg *g = s->segs[i];
		if (g->fd < 0 || g->dirty || g->no == s->app_seg)
			continue;
		if (!victim || g->used < victim->used)
			victim = g;
	}
	if (victim) {
		osio->close(victim->fd);
		victim->fd = -1;
		s->nopen--;
	}
}

/* The segment's fd, opening it (and checking its header) when closed. */
static int seg_fd(struct qstore *s, struct qs_seg *g, int *fdp)
{
	g->used = ++s->tick;
	if (g->fd >= 0) {
		*fdp = g->fd;
		return QM_OK;
	}
	char path[PATH_MAX + 32];
	qs_seg_path(s, g->no, path, sizeof path);
	if (s->nopen >= QS_MAX_FDS)
		close_lru(s);
	int fd = osio->open(path, O_RDWR, 0);
	if (fd < 0) {
		if (errno == ENOENT)
			return qs_err(s, QM_ECORRUPT, 0, 0, "queue store %s: the segment is missing", path);
		return qs_err(s, os_errno_rc(), 0, 1, "queue store: cannot open %s", path);
	}
	if (!g->checked) {
		uint8_t h[QS_HDR_LEN];
		int rc = os_pread_full(fd, h, sizeof h, 0, NULL);
		s->st.bytes_read += sizeof h;
		if (rc == QM_OK)
			rc = qs_hdr_check(h, QS_SEG_MAGIC, g->no, s->qmid, s->qname, path, s->err, sizeof s->err);
		else if (rc == QM_ECORRUPT)
			qs_err(s, rc, 0, 0, "queue store %s: the segment is shorter than its header", path);
		else
			qs_err(s, rc, 0, 1, "queue store: cannot read %s", path);
		if (rc) {
			osio->close(fd);
			return rc;
		}
		g->checked = 1;
	}
	g->fd = fd;
	s->nopen++;
	*fdp = fd;
	return QM_OK;
}

/* A new segment file no (replacing any leftover of a txn that never
 * committed: rule C5 keeps such numbers unnamed by the journal). */
static int seg_create(struct qstore *s, struct qs_seg *g)
{
	char path[PATH_MAX + 32];
	uint8_t h[QS_HDR_LEN];
	qs_seg_path(s, g->no, path, sizeof path);
	if (s->nopen >= QS_MAX_FDS)
		close_lru(s);
	int fd = osio->open(path, O_RDWR | O_CREAT | O_TRUNC, 0660);
	if (fd < 0) {
		int rc = os_errno_rc();
		return qs_err(s, rc, rc != QM_ENOSPC, 1, "queue store: cannot create %s", path);
	}
	qs_hdr_encode(h, QS_SEG_MAGIC, g->no, s->qmid, s->qname);
	int rc = os_pwrite_full(fd, h, sizeof h, 0);
	if (rc) {
		qs_err(s, rc, rc != QM_ENOSPC, 1, "queue store: cannot write %s", path);
		osio->close(fd);
		osio->unlink(path);
		return rc;
	}
	s->st.bytes_written += sizeof h;
	g->fd = fd;
	s->nopen++;
	g->ondisk = g->checked = g->created = g->dirty = 1;
	g->end = QS_PAGE;
	return QM_OK;
}

/* ---- writing data ------------------------------------------------------------------ */

/* Hand len bytes at buf (malloc'd: taken over) for segment seg at off to the
 * batch's syncs. */
static int pend_push(struct qstore *s, uint8_t *buf, int pooled, uint32_t seg, uint32_t off, uint32_t len)
{
	if (s->npend == s->cappend) {
		size_t nc = s->cappend ? 2 * s->cappend : 16;
		struct qs_pend *nv = realloc(s->pend, nc * sizeof *nv);
		if (!nv) {
			free(buf);
			return QM_ENOMEM;
		}
		s->pend = nv;
		s->cappend = nc;
	}
	s->pend[s->npend++] = (struct qs_pend){ .buf = buf, .pooled = pooled, .seg = seg, .off = off, .len = len,
						.fd = -1 };
	return QM_OK;
}

/* Write buffers come back to a small pool rather than to malloc: a fresh
 * 1 MiB buffer costs 256 page faults the first time it is filled. */
static uint8_t *wbuf_new(struct qstore *s)
{
	return s->nwpool ? s->wpool[--s->nwpool] : malloc(QS_WBUF);
}

static void pend_free(struct qstore *s)
{
	for (size_t i = 0; i < s->npend; i++) {
		struct qs_pend *p = &s->pend[i];
		if (p->pooled && s->nwpool < QS_WPOOL)
			s->wpool[s->nwpool++] = p->buf;
		else
			free(p->buf);
	}
	s->npend = 0;
}

/* The write buffer goes to the txn's syncs (qs_txn_sync writes it); a new
 * one here.  Every txn's data is written by its syncs, so that the thread
 * that fills the buffers never waits for the file system. */
static int wflush(struct qstore *s)
{
	if (!s->wlen)
		return QM_OK;
	uint8_t *nb = wbuf_new(s);
	if (!nb)
		return QM_ENOMEM;
	int rc = pend_push(s, s->wbuf, 1, s->wseg, s->woff, (uint32_t)s->wlen);
	s->wbuf = nb;
	if (rc)
		return rc;
	s->wlen = 0;
	return QM_OK;
}

/* Make room at the append position for a record of len bytes: a new
 * segment when the current one is full. */
static int app_prepare(struct qstore *s, uint32_t len)
{
	if (s->app_off > QS_PAGE && (uint64_t)s->app_off + len > s->o.seg_bytes) {
		int rc = wflush(s);
		if (rc)
			return rc;
		s->app_seg++;
		s->app_off = QS_PAGE;
	}
	struct qs_seg *g = qs_seg_get(s, s->app_seg);
	if (!g)
		return QM_ENOMEM;
	if (!g->ondisk) {
		int rc = seg_create(s, g);
		if (rc)
			return rc;
	}
	g->dirty = 1;
	/* Reserve the blocks ahead of the append position, beyond the file's
	 * size (a hint: the size, and so every crash rule, is unchanged, and a
	 * failure is fine).  Appends then allocate nothing, so the file system
	 * need not write their data before it can commit the log's own
	 * fdatasync (ext4's ordered mode): a checkpoint's writes stall the log
	 * less (recoverybench, 300,000 messages: the probe's longest pause 52-57 ms in
	 * three runs, 67 and 82 ms without). */
	uint64_t want = (uint64_t)s->app_off + len;
	if (want > g->prealloc && g->fd >= 0) {   /* never opens a file for it */
		uint64_t to = want + QS_PREALLOC_STEP;
		if (want <= s->o.seg_bytes && to > s->o.seg_bytes)
			to = s->o.seg_bytes;
		if (g->fa_from >= g->prealloc)
			g->fa_from = g->prealloc;   /* the txn's syncs reserve [fa_from, prealloc) */
		g->prealloc = to;
	}
	return QM_OK;
}

/* Append a record (its 512-byte head, then dlen bytes of data) at the append
 * position of the open txn; *loc gets where. */
int qs_data_append(struct qstore *s, const uint8_t *head, const void *data, uint32_t dlen, struct qs_loc *loc)
{
	uint32_t len = QS_REC_HDR + dlen;
	int rc = app_prepare(s, len);
	if (rc)
		return rc;
	*loc = (struct qs_loc){ .seg = s->app_seg, .off = s->app_off, .len = len };
	if (s->wlen && (s->wseg != s->app_seg || s->woff + s->wlen != s->app_off || s->wlen + len > QS_WBUF))
		if ((rc = wflush(s)) != QM_OK)
			return rc;
	if (len <= QS_WBUF) {
		if (!s->wlen) {
			s->wseg = s->app_seg;
			s->woff = s->app_off;
		}
		memcpy(s->wbuf + s->wlen, head, QS_REC_HDR);
		if (dlen)
			memcpy(s->wbuf + s->wlen + QS_REC_HDR, data, dlen);
		s->wlen += len;
	} else {
		uint8_t *buf = malloc(len);
		if (!buf)
			return QM_ENOMEM;
		memcpy(buf, head, QS_REC_HDR);
		memcpy(buf + QS_REC_HDR, data, dlen);
		if ((rc = pend_push(s, buf, 0, s->app_seg, s->app_off, len)) != QM_OK)
			return rc;
	}
	s->app_off += len;
	struct qs_seg *g = qs_seg_find(s, s->app_seg);
	if (s->app_off > g->end)
		g->end = s->app_off;
	return QM_OK;
}

/* Rule C1, first half, the store's thread's part: the buffered data
 * written, and the descriptors of every segment the txn wrote gathered
 * (they stay open until the txn ends: close_lru spares dirty segments). */
static int data_gather(struct qstore *s)
{
	int rc = wflush(s);
	s->nsync = 0;
	s->seal_dir = 0;
	for (size_t i = 0; rc == QM_OK && i < s->nsegs; i++) {
		struct qs_seg *g = s->segs[i];
		if (!g->dirty)
			continue;
		int fd;
		if ((rc = seg_fd(s, g, &fd)) != QM_OK)
			break;
		if (s->nsync == s->capsync) {
			size_t nc = s->capsync ? 2 * s->capsync : 8;
			struct qs_sync *nv = realloc(s->sync, nc * sizeof *nv);
			if (!nv)
				return QM_ENOMEM;
			s->sync = nv;
			s->capsync = nc;
		}
		s->sync[s->nsync++] = (struct qs_sync){ .fd = fd, .no = g->no, .fa_from = g->fa_from < g->prealloc ? g->fa_from : g->prealloc, .fa_to = g->prealloc };
		g->fa_from = UINT64_MAX;
		s->seal_dir |= g->created;
	}
	/* a segment the txn wrote is dirty, so it stays open (close_lru) */
	for (size_t i = 0; rc == QM_OK && i < s->npend; i++) {
		struct qs_seg *g = qs_seg_find(s, s->pend[i].seg);
		rc = g ? seg_fd(s, g, &s->pend[i].fd) : QM_EINVAL;
	}
	return rc;
}

/* The batch's data, written by its syncs' thread (the blocks reserved
 * first, then the bytes in order). */
static int pend_write(struct qstore *s)
{
	for (size_t i = 0; i < s->nsync; i++)
		if (s->sync[i].fa_to > s->sync[i].fa_from)
			(void)fallocate(s->sync[i].fd, FALLOC_FL_KEEP_SIZE, (off_t)s->sync[i].fa_from,
					(off_t)(s->sync[i].fa_to - s->sync[i].fa_from));
	for (size_t i = 0; i < s->npend; i++) {
		const struct qs_pend *p = &s->pend[i];
		int rc = os_pwrite_full(p->fd, p->buf, p->len, p->off);
		if (rc) {
			char path[PATH_MAX + 32];
			qs_seg_path(s, p->seg, path, sizeof path);
			return qs_err(s, rc, rc != QM_ENOSPC, 1, "queue store: cannot write %s at offset %" PRIu32, path,
				      p->off);
		}
		s->st.bytes_written += p->len;
	}
	return QM_OK;
}

/* Rule C1, first half, the syncs (any thread): every segment the txn wrote,
 * and the folder when it made one. */
static int data_sync(struct qstore *s)
{
	int rc;
	for (size_t i = 0; i < s->nsync; i++) {
		s->st.syncs++;
		if ((rc = os_fdatasync(s->sync[i].fd)) != QM_OK) {
			char path[PATH_MAX + 32];
			qs_seg_path(s, s->sync[i].no, path, sizeof path);
			return qs_err(s, rc, 1, 1, "queue store: cannot sync %s", path);
		}
	}
	if (s->seal_dir) {
		s->st.syncs++;
		if ((rc = os_fsync_dir(s->dir)) != QM_OK)
			return qs_err(s, rc, 1, 1, "queue store: cannot sync the folder %s", s->dir);
	}
	return QM_OK;
}

/* ---- journal records ------------------------------------------------------------------ */

size_t qs_op_put(uint8_t *p, const struct qs_entry *e)
{
	p[0] = QS_OP_PUT;
	put_u64(p + 1, e->put_lsn);
	put_u64(p + 9, e->seq);
	put_u64(p + 17, (uint64_t)e->expiry_ms);
	put_u64(p + 25, e->msgid_hash);
	put_u64(p + 33, e->correlid_hash);
	put_u64(p + 41, e->groupid_hash);
	put_u32(p + 49, e->loc.seg);
	put_u32(p + 53, e->loc.off);
	put_u32(p + 57, e->loc.len);
	put_u32(p + 61, (uint32_t)e->backout_count);
	p[65] = e->priority;
	return QS_OP_PUT_LEN;
}

/* Encode the record in jbuf (plen bytes of operations after the header) as
 * record jf->recno + 1 of jf, with the append position of now (rounded up to
 * a page); its length. */
uint32_t qs_jrec_encode(struct qstore *s, const struct qs_jfile *jf, int type, int flags, size_t plen,
			    uint32_t nops, uint64_t lsn, uint64_t live)
{
	return qs_jrec_encode_in(s, s->jbuf, jf, type, flags, plen, nops, lsn, live);
}

uint32_t qs_jrec_encode_in(struct qstore *s, uint8_t *b, const struct qs_jfile *jf, int type, int flags,
			   size_t plen, uint32_t nops, uint64_t lsn, uint64_t live)
{
	uint32_t len = (uint32_t)(QS_JHDR + plen + QS_JSUM);
	memcpy(b, QS_JREC_MAGIC, 4);
	put_u16(b + 4, (uint16_t)type);
	put_u16(b + 6, (uint16_t)flags);
	put_u32(b + 8, len);
	put_u32(b + 12, nops);
	put_u64(b + 16, jf->recno + 1);
	put_u64(b + 24, lsn);
	put_u32(b + 32, s->app_seg);
	put_u32(b + 36, qs_align(s->app_off));
	put_u64(b + 40, live);
	put_u64(b + len - QS_JSUM, XXH64(b, len - QS_JSUM, jf->gen));
	return len;
}

/* Encode and write the record at jf->end. */
int qs_jrec_write(struct qstore *s, struct qs_jfile *jf, int type, int flags, size_t plen, uint32_t nops,
		  uint64_t lsn, uint64_t live)
{
	return qs_jrec_put(s, jf, s->jbuf, qs_jrec_encode(s, jf, type, flags, plen, nops, lsn, live));
}

int qs_jrec_put(struct qstore *s, struct qs_jfile *jf, const uint8_t *b, uint32_t len)
{
	int rc = os_pwrite_full(jf->fd, b, len, (off_t)jf->end);
	if (rc)
		return rc;
	s->st.bytes_written += len;
	jf->recno++;
	jf->size = jf->end + len;
	jf->end = qs_align(jf->size);
	return QM_OK;
}

/* The open txn's operations as journal records: puts, moves, backouts,
 * removes, in parts of at most QS_JPART_MAX bytes, the last one LAST. */
int qs_jemit(struct qstore *s, struct qs_jfile *jf, uint64_t lsn, uint64_t live, int sync)
{
	size_t total = s->nputs + s->nmvs + s->nbos + s->nrems, plen = 0;
	uint32_t nops = 0;
	int parts = 0, rc;
	uint8_t *p = s->jbuf + QS_JHDR;
	for (size_t i = 0; i < total; i++) {
		if (plen + QS_OP_PUT_LEN > QS_JPART_MAX) {
			if ((rc = qs_jrec_write(s, jf, QS_J_BATCH, 0, plen, nops, lsn, 0)) != QM_OK)
				return rc;
			parts++;
			plen = 0;
			nops = 0;
		}
		size_t k = i;
		if (k < s->nputs) {
			plen += qs_op_put(p + plen, qs_ent(s, s->puts[k]));
		} else if ((k -= s->nputs) < s->nmvs) {
			const struct qs_mv *m = &s->mvs[k];
			p[plen] = QS_OP_MOVE;
			put_u64(p + plen + 1, qs_ent(s, m->slot)->put_lsn);
			put_u32(p + plen + 9, m->loc.seg);
			put_u32(p + plen + 13, m->loc.off);
			plen += QS_OP_MV_LEN;
		} else if ((k -= s->nmvs) < s->nbos) {
			p[plen] = QS_OP_BACKOUT;
			put_u64(p + plen + 1, qs_ent(s, s->bos[k].slot)->put_lsn);
			put_u32(p + plen + 9, (uint32_t)s->bos[k].count);
			plen += QS_OP_BO_LEN;
		} else {
			k -= s->nbos;
			p[plen] = QS_OP_REMOVE;
			put_u64(p + plen + 1, qs_ent(s, s->rems[k])->put_lsn);
			plen += QS_OP_REM_LEN;
		}
		nops++;
	}
	/* rule C3: the parts are durable before the record that commits them */
	if (parts && sync) {
		s->st.syncs++;
		if ((rc = os_fdatasync(jf->fd)) != QM_OK) {
			char jp[PATH_MAX + 32];
			qs_jpath(s, jf->gen, 0, jp, sizeof jp);
			return qs_err(s, rc, 1, 1, "queue store: cannot sync %s", jp);
		}
	}
	return qs_jrec_write(s, jf, QS_J_BATCH, QS_JF_LAST, plen, nops, lsn, live);
}

/* ---- transactions --------------------------------------------------------------------- */

void qs_txn_begin(struct qstore *s, int kind)
{
	s->txn = kind;
	s->broken = 0;
	s->b_seg = s->app_seg;
	s->b_off = s->app_off;
	s->nputs = s->nrems = s->nbos = s->nmvs = 0;
}

static void txn_clear(struct qstore *s)
{
	pend_free(s);
	s->txn = QS_TXN_NONE;
	s->broken = 0;
	s->nputs = s->nrems = s->nbos = s->nmvs = 0;
	for (size_t i = 0; i < s->nsegs; i++)
		s->segs[i]->reserved = s->segs[i]->dirty = s->segs[i]->created = 0;
}

void qs_txn_abort(struct qstore *s)
{
	if (!s->txn)
		return;
	for (size_t i = s->nputs; i-- > 0;) {
		struct qs_entry *e = qs_ent(s, s->puts[i]);
		if (qs_hash_find(s, e->put_lsn) == s->puts[i])
			qs_hash_delete(s, e->put_lsn);
		qs_slot_free(s, s->puts[i]);
	}
	for (size_t i = 0; i < s->nrems; i++)
		qs_ent(s, s->rems[i])->state = QS_LIVE;
	/* what the txn wrote is past the committed append position: dropped */
	s->wlen = 0;
	for (size_t i = s->nsegs; i-- > 0;) {
		struct qs_seg *g = s->segs[i];
		if (g->created && g->live_n == 0 && g->n == 0) {
			char path[PATH_MAX + 32];
			qs_seg_path(s, g->no, path, sizeof path);
			qs_seg_forget(s, g);
			osio->unlink(path);   /* best effort: open removes it anyway */
		}
	}
	s->app_seg = s->b_seg;
	s->app_off = s->b_off;
	struct qs_seg *g = qs_seg_find(s, s->app_seg);
	if (g && g->end > s->b_off)
		g->end = s->b_off;
	txn_clear(s);
}

/* The committed txn into memory (cannot fail: everything was reserved). */
static void txn_apply(struct qstore *s, uint64_t lsn)
{
	for (size_t i = 0; i < s->nputs; i++) {
		struct qs_entry *e = qs_ent(s, s->puts[i]);
		struct qs_seg *g = qs_seg_find(s, e->loc.seg);
		e->state = QS_LIVE;
		g->reserved--;
		qs_seg_add_entry(s, g, s->puts[i]);
		s->live++;
	}
	for (size_t i = 0; i < s->nmvs; i++) {
		struct qs_entry *e = qs_ent(s, s->mvs[i].slot);
		qs_seg_del_entry(s, qs_seg_find(s, e->loc.seg), s->mvs[i].slot);
		e->loc = s->mvs[i].loc;
		struct qs_seg *g = qs_seg_find(s, e->loc.seg);
		g->reserved--;
		qs_seg_add_entry(s, g, s->mvs[i].slot);
		s->st.moved++;
	}
	for (size_t i = 0; i < s->nbos; i++)
		qs_ent(s, s->bos[i].slot)->backout_count = s->bos[i].count;
	for (size_t i = 0; i < s->nrems; i++) {
		struct qs_entry *e = qs_ent(s, s->rems[i]);
		qs_seg_del_entry(s, qs_seg_find(s, e->loc.seg), s->rems[i]);
		qs_hash_delete(s, e->put_lsn);
		qs_slot_free(s, s->rems[i]);
		s->live--;
	}
	s->lsn = lsn;
	s->app_off = qs_align(s->app_off);
	txn_clear(s);
}

/* Rule C1: data synced, then the journal record(s), synced.  On failure the
 * txn is discarded; the store is FAILED unless the failure was ENOSPC while
 * writing (the journal is cut back to its last commit). */
int qs_txn_commit(struct qstore *s, uint64_t lsn)
{
	int rc = qs_txn_seal(s, lsn);
	if (rc)
		return rc;
	return qs_txn_finish(s, qs_txn_sync(s));
}

/* The store's thread: the data written and what the syncs need gathered.
 * A failure discards the txn. */
int qs_txn_seal(struct qstore *s, uint64_t lsn)
{
	int rc = s->broken;
	if (rc == QM_OK)
		rc = data_gather(s);
	if (rc) {
		qs_txn_abort(s);
		return rc;
	}
	s->sealed = 1;
	s->seal_lsn = lsn;
	s->seal_live = s->live + s->nputs - s->nrems;
	s->seal_j = s->j;
	return QM_OK;
}

/* Any thread (the store's own does nothing but read meanwhile): the syncs
 * and the journal record(s). */
int qs_txn_sync(struct qstore *s)
{
	uint64_t lsn = s->seal_lsn, live = s->seal_live;
	struct qs_jfile old = s->seal_j;
	char jp[PATH_MAX + 32];
	qs_jpath(s, s->j.gen, 0, jp, sizeof jp);
	int rc = pend_write(s);
	if (rc == QM_OK)
		rc = data_sync(s);
	if (rc)
		return rc;
	rc = qs_jemit(s, &s->j, lsn, live, 1);
	if (rc == QM_OK) {
		s->st.syncs++;
		if ((rc = os_fdatasync(s->j.fd)) != QM_OK)
			qs_err(s, rc, 1, 1, "queue store: cannot sync %s", jp);
	} else if (s->failed) {
		/* the sync before the LAST part failed (said by qs_jemit) */
	} else if (rc == QM_ENOSPC) {
		qs_err(s, rc, 0, 1, "queue store: cannot write %s at offset %" PRIu64, jp, s->j.end);
		/* rule C4: nothing after the last commit; parts already synced
		 * are harmless without their LAST record even if this cut is lost */
		if (osio->ftruncate(s->j.fd, (off_t)old.size) != 0)
			qs_err(s, os_errno_rc(), 1, 1, "queue store: cannot truncate %s", jp);
	} else {
		qs_err(s, rc, 1, 1, "queue store: cannot write %s at offset %" PRIu64, jp, s->j.end);
	}
	if (rc == QM_OK)
		qs_snap_dual(s, lsn, live);
	return rc;
}

/* The store's thread again, with qs_txn_sync's result: applied, or
 * discarded (the journal as it was). */
int qs_txn_finish(struct qstore *s, int rc)
{
	s->sealed = 0;
	if (rc) {
		s->j = s->seal_j;
		qs_txn_abort(s);
		return rc;
	}
	txn_apply(s, s->seal_lsn);
	return QM_OK;
}

/* ---- batches ----------------------------------------------------------------------------- */

static int push_u32(uint32_t **v, size_t *n, size_t *cap, uint32_t x)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 256;
		uint32_t *nv = realloc(*v, nc * sizeof *nv);
		if (!nv)
			return QM_ENOMEM;
		*v = nv;
		*cap = nc;
	}
	(*v)[(*n)++] = x;
	return QM_OK;
}

static int batch_check(struct qstore *s)
{
	if (!s)
		return QM_EINVAL;
	if (s->failed)
		return QM_EFAILED;
	if (s->txn != QS_TXN_BATCH || s->sealed)
		return qs_err(s, QM_EINVAL, 0, 0, "queue store %s: no batch is open", s->dir);
	return s->broken;
}

int qstore_batch_begin(struct qstore *s, uint64_t lsn)
{
	if (!s)
		return QM_EINVAL;
	if (s->failed)
		return QM_EFAILED;
	if (s->cw.active)
		return qs_err(s, QM_EINVAL, 0, 0, "queue store %s: a compaction step is under way", s->dir);
	if (s->txn)
		return qs_err(s, QM_EINVAL, 0, 0, "queue store %s: a batch is open already", s->dir);
	if (lsn < s->lsn)
		return qs_err(s, QM_EINVAL, 0, 0, "queue store %s: batch LSN %" PRIu64 " is below the store's %" PRIu64,
			      s->dir, lsn, s->lsn);
	qs_txn_begin(s, QS_TXN_BATCH);
	s->batch_lsn = lsn;
	return QM_OK;
}

int qstore_put(struct qstore *s, const struct objfile_msg *hdr, const void *data, const struct qs_entry **out)
{
	int rc = batch_check(s);
	if (rc)
		return rc;
	if (!hdr || (hdr->data_len && !data) || hdr->put_lsn == 0)
		return qs_err(s, QM_EINVAL, 0, 0, "queue store %s: put without a header, data or put LSN", s->dir);
	if (qs_hash_find(s, hdr->put_lsn) != QS_NONE)
		return qs_err(s, QM_EINVAL, 0, 0, "queue store %s: put LSN %" PRIu64 " is in the store already",
			      s->dir, hdr->put_lsn);
	uint8_t head[QS_REC_HDR];
	struct objfile_msg chk;
	char why[200];
	objfile_msg_encode(hdr, head + 8);
	if (objfile_msg_decode(head + 8, &chk, why, sizeof why) != QM_OK)
		return qs_err(s, QM_EINVAL, 0, 0, "queue store %s: message %" PRIu64 ": %s", s->dir, hdr->put_lsn,
			      why);
	uint32_t dlen = hdr->data_len;
	memcpy(head, REC_MAGIC, 4);
	put_u32(head + 4, QS_REC_HDR + dlen);
	put_u64(head + 496, XXH64(data, dlen, hdr->put_lsn));
	put_u64(head + 504, XXH64(head, 504, 0));

	/* room first, so that a failure below leaves nothing to undo but the
	 * slot (the txn's abort frees what is in puts) */
	uint32_t slot;
	if ((rc = push_u32(&s->puts, &s->nputs, &s->capputs, 0)) != QM_OK)
		return rc;
	s->nputs--;
	if ((rc = qs_slot_alloc(s, &slot)) != QM_OK)
		return rc;
	struct qs_entry *e = qs_ent(s, slot);
	e->put_lsn = hdr->put_lsn;
	e->seq = hdr->seq;
	e->expiry_ms = hdr->expiry_ms;
	e->msgid_hash = qstore_id_hash(hdr->msgid);
	e->correlid_hash = qstore_id_hash(hdr->correlid);
	e->groupid_hash = qstore_id_hash(hdr->groupid);
	e->backout_count = hdr->backout_count;
	e->priority = (uint8_t)hdr->priority;
	e->state = QS_PENDING;
	s->puts[s->nputs++] = slot;
	if ((rc = qs_hash_insert(s, slot)) != QM_OK ||
	    (rc = qs_data_append(s, head, data, dlen, &e->loc)) != QM_OK ||
	    (rc = qs_seg_reserve(s, qs_seg_find(s, e->loc.seg))) != QM_OK) {
		s->broken = rc;
		return rc;
	}
	if (out)
		*out = e;
	return QM_OK;
}

static int committed(struct qstore *s, uint64_t put_lsn, uint32_t *slot)
{
	int rc = batch_check(s);
	if (rc)
		return rc;
	*slot = qs_hash_find(s, put_lsn);
	if (*slot == QS_NONE)
		return qs_err(s, QM_ENOTFOUND, 0, 0, "queue store %s: no message with put LSN %" PRIu64, s->dir,
			      put_lsn);
	int st = qs_ent(s, *slot)->state;
	if (st != QS_LIVE)
		return qs_err(s, QM_EINVAL, 0, 0, "queue store %s: message %" PRIu64 " was %s in this batch", s->dir,
			      put_lsn, st == QS_PENDING ? "put" : "removed");
	return QM_OK;
}

int qstore_remove(struct qstore *s, uint64_t put_lsn)
{
	uint32_t slot;
	int rc = committed(s, put_lsn, &slot);
	if (rc == QM_OK && (rc = push_u32(&s->rems, &s->nrems, &s->caprems, slot)) == QM_OK)
		qs_ent(s, slot)->state = QS_REMOVING;
	return rc;
}

int qstore_set_backout(struct qstore *s, uint64_t put_lsn, int32_t count)
{
	uint32_t slot;
	int rc = committed(s, put_lsn, &slot);
	if (rc)
		return rc;
	if (count < 0)
		return qs_err(s, QM_EINVAL, 0, 0, "queue store %s: backout count %d is negative", s->dir, (int)count);
	if (s->nbos == s->capbos) {
		size_t nc = s->capbos ? s->capbos * 2 : 64;
		struct qs_bo *nv = realloc(s->bos, nc * sizeof *nv);
		if (!nv)
			return QM_ENOMEM;
		s->bos = nv;
		s->capbos = nc;
	}
	s->bos[s->nbos++] = (struct qs_bo){ slot, count };
	return QM_OK;
}

int qstore_batch_commit(struct qstore *s)
{
	int rc = qstore_batch_seal(s);
	if (rc)
		return rc;
	return qstore_batch_finish(s, qstore_batch_sync(s));
}

int qstore_batch_seal(struct qstore *s)
{
	if (!s)
		return QM_EINVAL;
	if (s->txn != QS_TXN_BATCH || s->sealed) {
		if (s->failed)
			return QM_EFAILED;
		return qs_err(s, QM_EINVAL, 0, 0, "queue store %s: no batch is open", s->dir);
	}
	if (s->failed) {
		qs_txn_abort(s);
		return QM_EFAILED;
	}
	if (!s->broken && !s->nputs && !s->nrems && !s->nbos && s->batch_lsn == s->lsn) {
		s->sealed = 2;   /* nothing to write */
		return QM_OK;
	}
	return qs_txn_seal(s, s->batch_lsn);
}

int qstore_batch_sync(struct qstore *s)
{
	if (!s || !s->sealed)
		return QM_EINVAL;
	return s->sealed == 2 ? QM_OK : qs_txn_sync(s);
}

int qstore_batch_finish(struct qstore *s, int rc)
{
	if (!s || !s->sealed)
		return QM_EINVAL;
	if (s->sealed == 2) {
		s->sealed = 0;
		txn_clear(s);
		return QM_OK;
	}
	return qs_txn_finish(s, rc);
}

void qstore_batch_abort(struct qstore *s)
{
	if (s && s->txn == QS_TXN_BATCH && !s->sealed)
		qs_txn_abort(s);
}

/* ---- reading ------------------------------------------------------------------------------- */

const struct qs_entry *qstore_find(const struct qstore *s, uint64_t put_lsn)
{
	uint32_t slot = s ? qs_hash_find(s, put_lsn) : QS_NONE;
	return slot == QS_NONE ? NULL : qs_ent(s, slot);
}

static int rec_bad(struct qstore *s, const struct qs_entry *e, const char *why)
{
	char path[PATH_MAX + 32];
	qs_seg_path(s, e->loc.seg, path, sizeof path);
	return qs_err(s, QM_ECORRUPT, 0, 0, "queue store %s: offset %" PRIu32 ": message %" PRIu64 ": %s", path,
		      e->loc.off, e->put_lsn, why);
}

/* Check e's record head (and its data when body is not NULL). */
static int rec_check(struct qstore *s, const struct qs_entry *e, const uint8_t *head, const void *body,
		     struct objfile_msg *m)
{
	char why[200];
	if (memcmp(head, REC_MAGIC, 4) != 0)
		return rec_bad(s, e, "no message record there (bad magic)");
	if (get_u32(head + 4) != e->loc.len)
		return rec_bad(s, e, "record length does not match the index");
	if (get_u64(head + 504) != XXH64(head, 504, 0))
		return rec_bad(s, e, "header checksum does not match");
	if (objfile_msg_decode(head + 8, m, why, sizeof why) != QM_OK)
		return rec_bad(s, e, why);
	if (m->put_lsn != e->put_lsn)
		return rec_bad(s, e, "the record holds another message");
	if (m->data_len != qs_entry_data_len(e))
		return rec_bad(s, e, "data length does not match the index");
	if (body && get_u64(head + 496) != XXH64(body, m->data_len, e->put_lsn))
		return rec_bad(s, e, "data checksum does not match");
	return QM_OK;
}

static int rbuf_room(struct qstore *s, size_t n)
{
	if (n <= s->rcap)
		return QM_OK;
	uint8_t *nb = realloc(s->rbuf, n);
	if (!nb)
		return QM_ENOMEM;
	s->rbuf = nb;
	s->rcap = n;
	return QM_OK;
}

/* n bytes of e's record from its offset into dst: from the write buffer
 * when they are still there (a put of the open batch), else from the file. */
static int rec_pread(struct qstore *s, const struct qs_entry *e, void *dst, size_t n, uint32_t at)
{
	if (s->wlen && e->loc.seg == s->wseg && e->loc.off >= s->woff && e->loc.off < s->woff + s->wlen) {
		memcpy(dst, s->wbuf + (e->loc.off - s->woff) + at, n);
		return QM_OK;
	}
	for (size_t i = 0; i < s->npend; i++) {   /* a batch's data its syncs have not written yet */
		const struct qs_pend *p = &s->pend[i];
		if (e->loc.seg == p->seg && e->loc.off >= p->off && e->loc.off < p->off + p->len) {
			memcpy(dst, p->buf + (e->loc.off - p->off) + at, n);
			return QM_OK;
		}
	}
	struct qs_seg *g = qs_seg_find(s, e->loc.seg);
	if (!g)
		return rec_bad(s, e, "its segment is not in the store");
	int fd, rc = seg_fd(s, g, &fd);
	if (rc)
		return rc;
	rc = os_pread_full(fd, dst, n, (off_t)e->loc.off + at, NULL);
	s->st.bytes_read += n;
	if (rc == QM_ECORRUPT)
		return rec_bad(s, e, "the segment ends inside the record");
	if (rc) {
		char path[PATH_MAX + 32];
		qs_seg_path(s, e->loc.seg, path, sizeof path);
		return qs_err(s, rc, 0, 1, "queue store: cannot read %s at offset %" PRIu32, path, e->loc.off);
	}
	return QM_OK;
}

int qs_read_record(struct qstore *s, const struct qs_entry *e, const uint8_t **rec)
{
	struct objfile_msg m;
	int rc = rbuf_room(s, e->loc.len);
	if (rc == QM_OK)
		rc = rec_pread(s, e, s->rbuf, e->loc.len, 0);
	if (rc == QM_OK)
		rc = rec_check(s, e, s->rbuf, s->rbuf + QS_REC_HDR, &m);
	if (rc == QM_OK)
		*rec = s->rbuf;
	return rc;
}

int qstore_read(struct qstore *s, const struct qs_entry *e, struct objfile_msg *hdr, void *data, size_t cap)
{
	if (!s || !e || e->state == QS_FREE || e->loc.len < QS_REC_HDR)
		return QM_EINVAL;
	uint32_t dlen = qs_entry_data_len(e);
	if (data && cap < dlen)
		return qs_err(s, QM_ETOOBIG, 0, 0, "queue store %s: message %" PRIu64 " has %" PRIu32
			      " bytes, more than the %zu given", s->dir, e->put_lsn, dlen, cap);
	struct objfile_msg m;
	const uint8_t *head;
	int rc;
	if (data && e->loc.len <= QS_SMALL_READ) {
		/* one read of the whole record */
		if ((rc = rbuf_room(s, e->loc.len)) != QM_OK ||
		    (rc = rec_pread(s, e, s->rbuf, e->loc.len, 0)) != QM_OK ||
		    (rc = rec_check(s, e, s->rbuf, s->rbuf + QS_REC_HDR, &m)) != QM_OK)
			return rc;
		memcpy(data, s->rbuf + QS_REC_HDR, dlen);
	} else {
		/* the head, then the data straight into the caller's buffer */
		if ((rc = rbuf_room(s, QS_REC_HDR)) != QM_OK ||
		    (rc = rec_pread(s, e, s->rbuf, QS_REC_HDR, 0)) != QM_OK)
			return rc;
		head = s->rbuf;
		if (data && dlen && (rc = rec_pread(s, e, data, dlen, QS_REC_HDR)) != QM_OK)
			return rc;
		if ((rc = rec_check(s, e, head, data, &m)) != QM_OK)
			return rc;
	}
	if (hdr) {
		*hdr = m;
		hdr->backout_count = e->backout_count;
	}
	return QM_OK;
}

