/*
 * qstore_int.h: what qstore.c (index, segments, batches, open, read) and
 * qstore_compact.c (compaction, index snapshots) share.  Not for use outside
 * objects/qstore*.c; the contract is qstore.h.
 *
 * Memory layout of the index:
 *   slabs     entries live in slabs of QS_SLAB; a slot number (slab << 12 |
 *             index) names one and its address never changes; free slots are
 *             chained through vpos (state QS_FREE)
 *   tab       open-addressing hash of slot numbers by put LSN (linear probing,
 *             deletion by backward shift), at most 70% full
 *   segment   per data segment, v: the slots located in it, in the order they
 *             came (QS_NONE where one left; e->vpos is the index), squeezed
 *             when more than half are holes
 *
 * A transaction (txn) is either a batch (qstore_batch_begin .. commit) or one
 * compaction step that moves records; both write data at the append position,
 * then one journal commit (qs_txn_commit), and are discarded the same way
 * (qs_txn_abort).  Pending changes are applied to memory only once the
 * journal commit is durable; memory the apply needs is reserved beforehand so
 * that applying cannot fail.
 */
#ifndef QUIRE_QSTORE_INT_H
#define QUIRE_QSTORE_INT_H

#include <limits.h>
#include <stdint.h>

#include "objects/qstore.h"

#define QS_SLAB_SHIFT  12
#define QS_SLAB        (1u << QS_SLAB_SHIFT)
#define QS_NONE        UINT32_MAX
#define QS_HDR_LEN     128u             /* file header */
#define QS_JHDR        48u              /* journal record header */
#define QS_JSUM        8u
#define QS_OP_PUT_LEN  66u
#define QS_OP_REM_LEN  9u
#define QS_OP_BO_LEN   13u
#define QS_OP_MV_LEN   17u
#define QS_JREC_MAX    (QS_JHDR + QS_JPART_MAX + QS_OP_PUT_LEN + QS_JSUM)
#define QS_WBUF        (1u << 20)       /* data write buffer */
#define QS_WPOOL       2                /* spare write buffers a store keeps for its batches */
#define QS_RDCHUNK     (1u << 20)       /* journal read size at open */
#define QS_SMALL_READ  (64u << 10)      /* records up to this are read in one pread */
#define QS_MAX_FDS     32               /* segment fds kept open per store */
#define QS_PROGRESS    (16u << 20)
#define QS_SEG_MAGIC   "QUIREQSD"       /* file header magics (8 bytes) */
#define QS_JNL_MAGIC   "QUIREQSI"
#define QS_JREC_MAGIC  "QSJR"           /* journal record magic (4 bytes) */

static inline uint32_t qs_align(uint64_t v)
{
	return (uint32_t)((v + QS_PAGE - 1) & ~(uint64_t)(QS_PAGE - 1));
}

enum { QS_FREE = 0, QS_PENDING = 1, QS_LIVE = 2, QS_REMOVING = 3 };
enum { QS_J_BATCH = 1, QS_J_CHUNK = 2, QS_J_SNAPEND = 3 };
enum { QS_JF_LAST = 1 };
enum { QS_OP_PUT = 1, QS_OP_REMOVE = 2, QS_OP_BACKOUT = 3, QS_OP_MOVE = 4 };
enum { QS_TXN_NONE = 0, QS_TXN_BATCH = 1, QS_TXN_MOVE = 2 };
enum { QS_CW_CHUNK = 1, QS_CW_SNAPEND = 2 };

struct qs_seg {
	uint32_t no;
	int fd;                  /* -1 when closed */
	int ondisk;              /* the file exists (found at open or created) */
	int checked;             /* its header was verified, or written by us */
	int created;             /* created by the open txn: dropped if it aborts */
	int dirty;               /* written by the open txn: synced at commit */
	uint64_t used;           /* last use, for closing the least recently used fd */
	uint32_t end;            /* bytes of the file in use */
	uint64_t live_n, live_bytes;
	uint32_t *v;             /* slots located here (see the top) */
	uint32_t n, cap, holes;
	uint32_t reserved;       /* places promised to the open txn */
	uint64_t prealloc;       /* blocks reserved (fallocate, a hint) up to here */
	uint64_t fa_from;        /* a batch's: the reserving it leaves to its syncs starts here */
};

#define QS_PREALLOC_STEP (4u << 20)   /* reserved ahead of the append position */

/* A journal file being appended to. */
struct qs_jfile {
	int fd;
	uint32_t gen;
	uint64_t end;            /* where the next record goes (4 KiB aligned) */
	uint64_t size;           /* end of the last record written */
	uint64_t recno;          /* number of the last record written */
};

struct qs_bo { uint32_t slot; int32_t count; };
struct qs_mv { uint32_t slot; struct qs_loc loc; };

struct qstore {
	char dir[PATH_MAX];
	uint8_t qmid[QS_QMID_LEN];
	char qname[OBJDEF_NAME_SIZE];
	struct qstore_opts o;
	uint64_t lsn;
	int failed;
	char err[1024];

	/* index */
	struct qs_entry **slabs;
	uint32_t nslabs, hiwater, freelist;
	uint64_t live;
	uint32_t *tab;           /* cells: slot + 1, 0 empty (qstore.c) */
	size_t tabcap, tabn;     /* tabn: entries in tab and otab together */
	uint32_t *otab;          /* while growing: the old table, emptied into tab in steps */
	size_t ocap, opos;       /* its size, and the next of its slots to move */

	/* segments, sorted by number */
	struct qs_seg **segs;
	size_t nsegs, capsegs;
	int nopen;
	uint64_t tick;
	uint32_t app_seg, app_off;  /* where the next record goes */

	/* data write buffer: wlen bytes for segment wseg at woff */
	uint8_t *wbuf;
	size_t wlen;
	uint32_t wseg, woff;

	/* the journal, and the next generation while a snapshot is built */
	struct qs_jfile j;
	struct {
		int active;
		struct qs_jfile j;
		uint32_t cursor;    /* next slot to write */
	} nx;
	uint32_t old_gen;           /* a replaced generation still to delete (0: none) */
	uint64_t old_size;          /* its bytes left */

	/* the open transaction */
	int txn;
	int broken;                 /* a failure that dooms it: its code */
	uint64_t batch_lsn;
	uint32_t b_seg, b_off;      /* append position when it began */
	uint32_t *puts;
	size_t nputs, capputs;
	uint32_t *rems;
	size_t nrems, caprems;
	struct qs_bo *bos;
	size_t nbos, capbos;
	struct qs_mv *mvs;
	size_t nmvs, capmvs;
	/* a sealed txn (qs_txn_seal .. qs_txn_finish): what its syncs need,
	 * gathered by the store's thread for the one that syncs */
	int sealed;                 /* 1: sealed; 2: sealed with nothing to write */
	uint64_t seal_lsn, seal_live;
	struct qs_jfile seal_j;     /* the journal as it was: restored if it fails */
	struct qs_sync {            /* the segments to sync */
		int fd;
		uint32_t no;
		uint64_t fa_from, fa_to; /* blocks to reserve first (fallocate, a hint; none when equal) */
	} *sync;
	size_t nsync, capsync;
	/* a batch's data, written by its syncs (qs_txn_sync, on the thread that
	 * runs them) rather than by the event loop: wflush and big records
	 * hand their bytes over here (rec_pread reads them back meanwhile) */
	struct qs_pend {
		uint8_t *buf;
		int pooled;         /* a QS_WBUF buffer: back to wpool when written */
		uint32_t seg, off, len;
		int fd;             /* found when the batch is sealed */
	} *pend;
	size_t npend, cappend;
	uint8_t *wpool[QS_WPOOL];   /* spare write buffers */
	int nwpool;
	int seal_dir;               /* the txn made a segment: sync the folder too */

	/* the compaction step between qstore_compact_begin and _end
	 * (qstore_compact.c): what its I/O (qstore_compact_io) is to do */
	struct qs_cw {
		int active;
		int txn;                /* a MOVE txn is sealed: its syncs */
		int snap;               /* QS_CW_CHUNK: jbuf holds a chunk, jlen bytes; and/or
					 * QS_CW_SNAPEND: endrec holds SNAP_END, endlen bytes */
		uint32_t jlen, endlen;
		uint8_t endrec[QS_JHDR + QS_JSUM];
		const char *what;       /* the snapshot's operation that failed */
		int dir_failed;         /* the folder sync after the snapshot's rename failed (rule C7) */
		struct qs_drop {        /* files to cut down (to >= 0) or delete (to < 0) */
			uint32_t no;
			int jnl;        /* a journal generation, not a segment */
			int64_t to;
		} *drops;
		size_t ndrops, capdrops;
	} cw;

	uint8_t *jbuf;              /* one journal record being encoded */
	uint8_t *rbuf;              /* records being read */
	size_t rcap;

	struct qstore_stats st;     /* the counters (the rest is computed) */
};

/* qstore.c: messages, headers, the index, segments, txns, journal records */
struct qs_entry *qs_ent(const struct qstore *s, uint32_t slot);
int qs_slot_alloc(struct qstore *s, uint32_t *slot);
void qs_slot_free(struct qstore *s, uint32_t slot);
uint32_t qs_hash_find(const struct qstore *s, uint64_t key);
int qs_hash_insert(struct qstore *s, uint32_t slot);
/* Finish a growth of the table still going (open: a load has no pauses to avoid). */
void qs_hash_settle(struct qstore *s);
void qs_hash_delete(struct qstore *s, uint64_t key);
void qs_hdr_encode(uint8_t b[QS_HDR_LEN], const char *magic, uint32_t no, const uint8_t *qmid, const char *qname);
/* QM_ECORRUPT, QM_EVERSION or QM_EFOREIGN with err naming path. */
int qs_hdr_check(const uint8_t b[QS_HDR_LEN], const char *magic, uint32_t no, const uint8_t *qmid,
		 const char *qname, const char *path, char *err, size_t errlen);
struct qs_seg *qs_seg_get(struct qstore *s, uint32_t no);
int qs_seg_add_entry(struct qstore *s, struct qs_seg *g, uint32_t slot);
void qs_seg_del_entry(struct qstore *s, struct qs_seg *g, uint32_t slot);
uint32_t qs_jrec_encode(struct qstore *s, const struct qs_jfile *jf, int type, int flags, size_t plen,
			uint32_t nops, uint64_t lsn, uint64_t live);
/* The same into b (jf: only its recno and gen are read). */
uint32_t qs_jrec_encode_in(struct qstore *s, uint8_t *b, const struct qs_jfile *jf, int type, int flags,
			   size_t plen, uint32_t nops, uint64_t lsn, uint64_t live);
int qs_err(struct qstore *s, int rc, int fatal, int with_errno, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void qs_seg_path(const struct qstore *s, uint32_t no, char *out, size_t n);
void qs_jpath(const struct qstore *s, uint32_t gen, int tmp, char *out, size_t n);
struct qs_seg *qs_seg_find(const struct qstore *s, uint32_t no);
void qs_seg_forget(struct qstore *s, struct qs_seg *g);
int qs_seg_reserve(struct qstore *s, struct qs_seg *g);
void qs_txn_begin(struct qstore *s, int kind);
int qs_txn_commit(struct qstore *s, uint64_t lsn);
/* qs_txn_commit in three steps (qstore_batch_seal/sync/finish): */
int qs_txn_seal(struct qstore *s, uint64_t lsn);
int qs_txn_sync(struct qstore *s);
int qs_txn_finish(struct qstore *s, int rc);
void qs_txn_abort(struct qstore *s);
int qs_data_append(struct qstore *s, const uint8_t *head, const void *data, uint32_t dlen, struct qs_loc *loc);
int qs_read_record(struct qstore *s, const struct qs_entry *e, const uint8_t **rec);
size_t qs_op_put(uint8_t *p, const struct qs_entry *e);
int qs_jrec_write(struct qstore *s, struct qs_jfile *jf, int type, int flags, size_t plen, uint32_t nops,
		  uint64_t lsn, uint64_t live);
/* Write the len bytes of an encoded record at b at jf->end. */
int qs_jrec_put(struct qstore *s, struct qs_jfile *jf, const uint8_t *b, uint32_t len);

/* qstore_open.c */
void qs_store_free(struct qstore *s);

/* qstore_compact.c */
void qs_snap_drop(struct qstore *s);
/* A copy of the txn being committed for the snapshot being built. */
void qs_snap_dual(struct qstore *s, uint64_t lsn, uint64_t live);
/* Emit the open txn's operations into jf (qstore.c; sync: the fdatasync
 * before the LAST part, rule C3). */
int qs_jemit(struct qstore *s, struct qs_jfile *jf, uint64_t lsn, uint64_t live, int sync);

#endif
