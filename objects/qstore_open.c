/*
 * qstore_open.c: the queue store's life (qstore.h): create, open (the folder,
 * the journal read back into the index, the leftovers of a crash tidied),
 * close and destroy.  The rest is in qstore.c and qstore_compact.c.
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

/* ---- opening: the folder --------------------------------------------------------------------- */

enum { F_JNL = 1, F_TMP = 2, F_SEG = 3 };

/* 8 hex digits and one of our suffixes: the kind, else 0. */
static int name_kind(const char *n, uint32_t *no)
{
	uint32_t v = 0;
	for (int i = 0; i < 8; i++) {
		char c = n[i];
		if (c >= '0' && c <= '9')
			v = v << 4 | (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v = v << 4 | (uint32_t)(c - 'a' + 10);
		else
			return 0;
	}
	*no = v;
	if (strcmp(n + 8, ".qsi") == 0)
		return F_JNL;
	if (strcmp(n + 8, ".qsi.tmp") == 0)
		return F_TMP;
	if (strcmp(n + 8, ".qsd") == 0)
		return F_SEG;
	return 0;
}

struct dirlist {
	uint32_t *no;
	int *kind;
	size_t n, cap;
};

static void dirlist_free(struct dirlist *d)
{
	free(d->no);
	free(d->kind);
	memset(d, 0, sizeof *d);
}

static int dirlist_read(const char *dir, struct dirlist *d, char *err, size_t errlen)
{
	memset(d, 0, sizeof *d);
	DIR *dh = opendir(dir);
	if (!dh) {
		int rc = os_errno_rc();
		errbuf_set(err, errlen, "queue store: cannot read the folder %s: %s", dir, strerror(errno));
		return rc;
	}
	struct dirent *de;
	int rc = QM_OK;
	while ((de = readdir(dh)) != NULL) {
		uint32_t no;
		int k = name_kind(de->d_name, &no);
		if (!k)
			continue;
		if (d->n == d->cap) {
			size_t nc = d->cap ? d->cap * 2 : 32;
			uint32_t *nn = realloc(d->no, nc * sizeof *nn);
			if (nn)
				d->no = nn;
			int *nk = realloc(d->kind, nc * sizeof *nk);
			if (nk)
				d->kind = nk;
			if (!nn || !nk) {
				rc = QM_ENOMEM;
				break;
			}
			d->cap = nc;
		}
		d->no[d->n] = no;
		d->kind[d->n++] = k;
	}
	closedir(dh);
	if (rc)
		dirlist_free(d);
	return rc;
}

/* ---- opening: the journal --------------------------------------------------------------------- */

struct jrd {
	struct qstore *s;
	int fd;
	uint64_t size;
	uint8_t *buf;
	size_t cap, blen;
	uint64_t boff;
};

/* Point *p at n bytes of the journal from off (QM_ECORRUPT past its end). */
static int jrd_get(struct jrd *r, uint64_t off, size_t n, const uint8_t **p)
{
	if (off >= r->boff && off + n <= r->boff + r->blen) {
		*p = r->buf + (off - r->boff);
		return QM_OK;
	}
	if (off + n > r->size)
		return QM_ECORRUPT;
	size_t want = n > QS_RDCHUNK ? n : QS_RDCHUNK;
	if (off + want > r->size)
		want = (size_t)(r->size - off);
	if (want > r->cap) {
		uint8_t *nb = realloc(r->buf, want);
		if (!nb)
			return QM_ENOMEM;
		r->buf = nb;
		r->cap = want;
	}
	/* what the buffer holds from off on is kept: each byte is read once */
	size_t keep = 0;
	if (off >= r->boff && off < r->boff + r->blen) {
		keep = (size_t)(r->boff + r->blen - off);
		memmove(r->buf, r->buf + (off - r->boff), keep);
	}
	int rc = os_pread_full(r->fd, r->buf + keep, want - keep, (off_t)(off + keep), NULL);
	r->s->st.bytes_read += want - keep;
	if (rc) {
		r->blen = 0;
		return rc == QM_ECORRUPT ? QM_EIO : rc;
	}
	r->boff = off;
	r->blen = want;
	*p = r->buf;
	return QM_OK;
}

struct jrec {
	int type, flags;
	uint32_t len, nops, aseg, aoff;
	uint64_t no, lsn, live;
	const uint8_t *ops;
	size_t opslen;
};

/* The record at off: 1 valid (*j filled), 0 not (*why says why), or an
 * I/O error. */
static int jrec_parse(struct jrd *r, uint64_t off, uint32_t gen, struct jrec *j, const char **why)
{
	const uint8_t *p;
	if (off + QS_JHDR + QS_JSUM > r->size) {
		*why = "the file ends inside a record header";
		return 0;
	}
	int rc = jrd_get(r, off, QS_JHDR, &p);
	if (rc)
		return rc;
	j->type = get_u16(p + 4);
	j->flags = get_u16(p + 6);
	j->len = get_u32(p + 8);
	if (memcmp(p, QS_JREC_MAGIC, 4) != 0) {
		*why = "no record there (bad magic)";
		return 0;
	}
	if (j->type < QS_J_BATCH || j->type > QS_J_SNAPEND || (j->flags & ~QS_JF_LAST) ||
	    (j->flags && j->type != QS_J_BATCH)) {
		*why = "bad record type or flags";
		return 0;
	}
	if (j->len < QS_JHDR + QS_JSUM || j->len > QS_JREC_MAX || off + j->len > r->size) {
		*why = "bad record length";
		return 0;
	}
	if ((rc = jrd_get(r, off, j->len, &p)) != QM_OK)
		return rc;
	if (get_u64(p + j->len - QS_JSUM) != XXH64(p, j->len - QS_JSUM, gen)) {
		*why = "record checksum does not match";
		return 0;
	}
	j->nops = get_u32(p + 12);
	j->no = get_u64(p + 16);
	j->lsn = get_u64(p + 24);
	j->aseg = get_u32(p + 32);
	j->aoff = get_u32(p + 36);
	j->live = get_u64(p + 40);
	j->ops = p + QS_JHDR;
	j->opslen = j->len - QS_JHDR - QS_JSUM;
	if (j->aseg == 0 || j->aoff < QS_PAGE || j->aoff % QS_PAGE) {
		*why = "bad append position";
		return 0;
	}
	return 1;
}

struct replay {
	struct qstore *s;
	const char *path;
	uint64_t off;          /* of the record being applied */
	char *err;
	size_t errlen;
};

static int rp_bad(struct replay *rp, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int rp_bad(struct replay *rp, const char *fmt, ...)
{
	char why[300];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	errbuf_set(rp->err, rp->errlen, "queue store %s: offset %" PRIu64 ": %s", rp->path, rp->off, why);
	return QM_ECORRUPT;
}

/* Move slot to loc (in memory, at open). */
static int relocate(struct qstore *s, uint32_t slot, struct qs_loc loc)
{
	struct qs_entry *e = qs_ent(s, slot);
	if (e->vpos != QS_NONE) {
		if (e->loc.seg == loc.seg && e->loc.off == loc.off && e->loc.len == loc.len)
			return QM_OK;
		qs_seg_del_entry(s, qs_seg_find(s, e->loc.seg), slot);
	}
	e->loc = loc;
	struct qs_seg *g = qs_seg_get(s, loc.seg);
	return g ? qs_seg_add_entry(s, g, slot) : QM_ENOMEM;
}

/* Apply a record's operations (qstore.h: lenient before SNAP_END). */
static int ops_apply(struct replay *rp, const uint8_t *p, size_t n, uint32_t nops, int lenient)
{
	struct qstore *s = rp->s;
	uint32_t count = 0;
	size_t at = 0;
	while (at < n) {
		static const uint8_t oplen[5] = { 0, QS_OP_PUT_LEN, QS_OP_REM_LEN, QS_OP_BO_LEN, QS_OP_MV_LEN };
		int t = p[at];
		if (t < QS_OP_PUT || t > QS_OP_MOVE || at + oplen[t] > n)
			return rp_bad(rp, "bad operation %d", t);
		const uint8_t *q = p + at + 1;
		uint64_t key = get_u64(q);
		uint32_t slot = qs_hash_find(s, key);
		int rc;
		if (key == 0)
			return rp_bad(rp, "operation on put LSN 0");
		if (t == QS_OP_PUT) {
			struct qs_entry x = {
				.put_lsn = key, .seq = get_u64(q + 8), .expiry_ms = (int64_t)get_u64(q + 16),
				.msgid_hash = get_u64(q + 24), .correlid_hash = get_u64(q + 32),
				.groupid_hash = get_u64(q + 40),
				.loc = { get_u32(q + 48), get_u32(q + 52), get_u32(q + 56) },
				.backout_count = (int32_t)get_u32(q + 60), .priority = q[64],
			};
			if (x.loc.seg == 0 || x.loc.off < QS_PAGE || x.loc.len < QS_REC_HDR ||
			    x.loc.len - QS_REC_HDR > OBJFILE_DATA_MAX || x.priority > 9 || x.backout_count < 0 ||
			    x.expiry_ms < -1)
				return rp_bad(rp, "message %" PRIu64 ": bad index entry", key);
			if (slot != QS_NONE && !lenient)
				return rp_bad(rp, "message %" PRIu64 " put twice", key);
			if (slot == QS_NONE) {
				if ((rc = qs_slot_alloc(s, &slot)) != QM_OK)
					return rc;
				struct qs_entry *e = qs_ent(s, slot);
				e->put_lsn = key;
				e->state = QS_LIVE;
				if ((rc = qs_hash_insert(s, slot)) != QM_OK) {
					qs_slot_free(s, slot);
					return rc;
				}
				s->live++;
			}
			/* lenient: a snapshot chunk or a batch copied into it
			 * replaces what was there (qstore.h) */
			struct qs_entry *e = qs_ent(s, slot);
			e->seq = x.seq;
			e->expiry_ms = x.expiry_ms;
			e->msgid_hash = x.msgid_hash;
			e->correlid_hash = x.correlid_hash;
			e->groupid_hash = x.groupid_hash;
			e->backout_count = x.backout_count;
			e->priority = x.priority;
			if ((rc = relocate(s, slot, x.loc)) != QM_OK)
				return rc;
		} else if (slot == QS_NONE) {
			if (!lenient)
				return rp_bad(rp, "message %" PRIu64 " is not in the store", key);
		} else if (t == QS_OP_REMOVE) {
			struct qs_entry *e = qs_ent(s, slot);
			qs_seg_del_entry(s, qs_seg_find(s, e->loc.seg), slot);
			qs_hash_delete(s, key);
			qs_slot_free(s, slot);
			s->live--;
		} else if (t == QS_OP_BACKOUT) {
			int32_t c = (int32_t)get_u32(q + 8);
			if (c < 0)
				return rp_bad(rp, "message %" PRIu64 ": backout count %d", key, (int)c);
			qs_ent(s, slot)->backout_count = c;
		} else {
			struct qs_loc loc = { get_u32(q + 8), get_u32(q + 12), qs_ent(s, slot)->loc.len };
			if (loc.seg == 0 || loc.off < QS_PAGE)
				return rp_bad(rp, "message %" PRIu64 ": bad new place", key);
			if ((rc = relocate(s, slot, loc)) != QM_OK)
				return rc;
		}
		at += oplen[t];
		count++;
	}
	if (count != nops)
		return rp_bad(rp, "%" PRIu32 " operations where the header says %" PRIu32, count, nops);
	return QM_OK;
}

/* Read journal generation gen into the index (qstore.h: validity). */
static int journal_load(struct qstore *s, uint32_t gen, char *err, size_t errlen)
{
	char path[PATH_MAX + 32];
	qs_jpath(s, gen, 0, path, sizeof path);
	int fd = osio->open(path, O_RDWR, 0);
	if (fd < 0) {
		int rc = os_errno_rc();
		errbuf_set(err, errlen, "queue store: cannot open %s: %s", path, strerror(errno));
		return rc;
	}
	s->j = (struct qs_jfile){ .fd = fd, .gen = gen };
	struct stat sb;
	if (fstat(fd, &sb) != 0) {
		errbuf_set(err, errlen, "queue store: cannot stat %s: %s", path, strerror(errno));
		return QM_EIO;
	}
	struct jrd r = { .s = s, .fd = fd, .size = (uint64_t)sb.st_size };
	struct replay rp = { .s = s, .path = path, .err = err, .errlen = errlen };
	const uint8_t *p;
	int rc = jrd_get(&r, 0, QS_HDR_LEN, &p);
	if (rc == QM_ECORRUPT) {
		errbuf_set(err, errlen, "queue store %s: the journal is shorter than its header", path);
		goto out;
	}
	if (rc || (rc = qs_hdr_check(p, QS_JNL_MAGIC, gen, s->qmid, s->qname, path, err, errlen)) != QM_OK)
		goto out;

	uint8_t *pend = NULL;          /* operations of a batch whose LAST part is still to come */
	size_t npend = 0, cappend = 0;
	uint32_t pend_ops = 0;
	uint64_t off = QS_PAGE, expect = 1, next_progress = QS_PROGRESS;
	int have_end = 0;
	const char *why = NULL;
	struct jrec j;
	for (;;) {
		if (off >= r.size)
			break;
		int v = jrec_parse(&r, off, gen, &j, &why);
		if (v < 0) {
			rc = v;
			errbuf_set(err, errlen, "queue store: cannot read %s at offset %" PRIu64 ": %s", path, off,
				   strerror(errno));
			break;
		}
		if (v == 1 && j.no != expect) {
			why = "record number out of sequence";
			v = 0;
		}
		if (v == 0)
			break;
		rp.off = off;
		if (j.type == QS_J_CHUNK) {
			if (have_end || npend) {
				rc = rp_bad(&rp, "snapshot chunk %s", have_end ? "after the snapshot end" : "inside a batch");
				break;
			}
			if ((rc = ops_apply(&rp, j.ops, j.opslen, j.nops, 1)) != QM_OK)
				break;
		} else if (j.type == QS_J_BATCH) {
			if (npend + j.opslen > cappend) {
				size_t nc = cappend ? cappend * 2 : 1u << 20;
				while (nc < npend + j.opslen)
					nc *= 2;
				uint8_t *nb = realloc(pend, nc);
				if (!nb) {
					rc = QM_ENOMEM;
					break;
				}
				pend = nb;
				cappend = nc;
			}
			if (j.opslen)   /* a batch may have no operations */
				memcpy(pend + npend, j.ops, j.opslen);
			npend += j.opslen;
			pend_ops += j.nops;
		} else if (npend || have_end) {
			rc = rp_bad(&rp, "snapshot end %s", have_end ? "seen twice" : "inside a batch");
			break;
		}
		if (j.type == QS_J_SNAPEND || (j.flags & QS_JF_LAST)) {
			if (npend && (rc = ops_apply(&rp, pend, npend, pend_ops, !have_end)) != QM_OK)
				break;
			npend = 0;
			pend_ops = 0;
			if (j.type == QS_J_SNAPEND)
				have_end = 1;
			if (have_end && s->live != j.live) {
				rc = rp_bad(&rp, "%" PRIu64 " live messages where the record says %" PRIu64, s->live,
					    j.live);
				break;
			}
			if (j.lsn < s->lsn) {
				rc = rp_bad(&rp, "LSN %" PRIu64 " goes back from %" PRIu64, j.lsn, s->lsn);
				break;
			}
			s->lsn = j.lsn;
			s->app_seg = j.aseg;
			s->app_off = j.aoff;
			s->j.recno = j.no;
			s->j.size = off + j.len;
			s->j.end = qs_align(s->j.size);
		}
		expect++;
		off = qs_align(off + j.len);
		if (s->o.progress && off >= next_progress) {
			s->o.progress(s->o.progress_arg, off, r.size);
			next_progress = off + QS_PROGRESS;
		}
	}
	free(pend);
	if (rc)
		goto out;
	if (!have_end) {
		rp.off = off;
		rc = rp_bad(&rp, "the journal has no snapshot end (%s)", why ? why : "it ends");
		goto out;
	}
	/* rule C3: a committing record after the damage means the damage is in
	 * what was committed, not a torn tail */
	if (why) {
		for (uint64_t at = qs_align(off + 1); at + QS_JHDR + QS_JSUM <= r.size; at += QS_PAGE) {
			const char *w2;
			struct jrec k;
			int v = jrec_parse(&r, at, gen, &k, &w2);
			if (v < 0) {
				rc = v;
				goto out;
			}
			if (v == 1 && k.no >= expect && (k.type == QS_J_SNAPEND || (k.flags & QS_JF_LAST))) {
				rp.off = off;
				rc = rp_bad(&rp, "%s, and committed record %" PRIu64 " follows at offset %" PRIu64, why,
					    k.no, at);
				goto out;
			}
		}
	}
	if (s->o.progress)
		s->o.progress(s->o.progress_arg, r.size, r.size);
out:
	free(r.buf);
	return rc;
}

/* ---- opening --------------------------------------------------------------------------------- */

void qs_store_free(struct qstore *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nsegs; i++) {
		if (s->segs[i]->fd >= 0)
			osio->close(s->segs[i]->fd);
		free(s->segs[i]->v);
		free(s->segs[i]);
	}
	if (s->j.fd >= 0)
		osio->close(s->j.fd);
	for (uint32_t i = 0; i < s->nslabs; i++)
		free(s->slabs[i]);
	free(s->slabs);
	free(s->segs);
	free(s->tab);
	free(s->otab);
	for (int i = 0; i < s->nwpool; i++)
		free(s->wpool[i]);
	for (size_t i = 0; i < s->npend; i++)
		free(s->pend[i].buf);
	free(s->pend);
	free(s->wbuf);
	free(s->jbuf);
	free(s->rbuf);
	free(s->puts);
	free(s->rems);
	free(s->bos);
	free(s->mvs);
	free(s->cw.drops);
	free(s->sync);
	free(s);
}

static int store_new(const char *dir, const uint8_t *qmid, const char *qname, const struct qstore_opts *opts,
		     struct qstore **out, char *err, size_t errlen)
{
	size_t qn = qname ? strlen(qname) : 0;
	if (!dir || !*dir || strlen(dir) > PATH_MAX - 64 || !qmid || qn < 1 || qn > 48 || !out) {
		errbuf_set(err, errlen, "queue store: bad folder, identity or queue name");
		return QM_EINVAL;
	}
	struct qstore *s = calloc(1, sizeof *s);
	if (!s)
		return QM_ENOMEM;
	snprintf(s->dir, sizeof s->dir, "%s", dir);
	memcpy(s->qmid, qmid, QS_QMID_LEN);
	memcpy(s->qname, qname, qn + 1);
	if (opts)
		s->o = *opts;
	if (!s->o.seg_bytes)
		s->o.seg_bytes = 16u << 20;
	if (s->o.seg_bytes < QS_PAGE * 2)
		s->o.seg_bytes = QS_PAGE * 2;
	if (s->o.seg_bytes > (1u << 30))
		s->o.seg_bytes = 1u << 30;
	if (!s->o.dead_pct || s->o.dead_pct > 100)
		s->o.dead_pct = 50;
	if (!s->o.snap_min_bytes)
		s->o.snap_min_bytes = 1u << 20;
	s->freelist = QS_NONE;
	s->j.fd = s->nx.j.fd = -1;
	s->app_seg = 1;
	s->app_off = QS_PAGE;
	s->wbuf = malloc(QS_WBUF);
	s->jbuf = malloc(QS_JREC_MAX);
	if (!s->wbuf || !s->jbuf) {
		qs_store_free(s);
		return QM_ENOMEM;
	}
	*out = s;
	return QM_OK;
}

/* After the journal: the segments holding live messages exist and are long
 * enough; the leftovers of a crash go (rules C4-C6). */
static int open_tidy(struct qstore *s, const struct dirlist *d, uint32_t gen, char *err, size_t errlen)
{
	char path[PATH_MAX + 32];
	struct stat sb;
	int removed = 0;
	/* segments the journal named but that hold nothing live any more */
	for (size_t i = s->nsegs; i-- > 0;)
		if (s->segs[i]->live_n == 0)
			qs_seg_forget(s, s->segs[i]);
	for (size_t i = 0; i < s->nsegs; i++) {
		struct qs_seg *g = s->segs[i];
		int found = 0;
		for (size_t k = 0; k < d->n && !found; k++)
			found = d->kind[k] == F_SEG && d->no[k] == g->no;
		qs_seg_path(s, g->no, path, sizeof path);
		if (g->no > s->app_seg) {
			errbuf_set(err, errlen, "queue store %s: holds live messages past the append segment %08" PRIx32,
				   path, s->app_seg);
			return QM_ECORRUPT;
		}
		if (!found) {
			errbuf_set(err, errlen, "queue store %s: the segment is missing (%" PRIu64 " live messages)",
				   path, g->live_n);
			return QM_ECORRUPT;
		}
		if (stat(path, &sb) != 0) {
			errbuf_set(err, errlen, "queue store: cannot stat %s: %s", path, strerror(errno));
			return QM_EIO;
		}
		uint64_t need = QS_PAGE;
		for (uint32_t k = 0; k < g->n; k++)
			if (g->v[k] != QS_NONE) {
				const struct qs_entry *e = qs_ent(s, g->v[k]);
				if ((uint64_t)e->loc.off + e->loc.len > need)
					need = (uint64_t)e->loc.off + e->loc.len;
			}
		if ((uint64_t)sb.st_size < need) {
			errbuf_set(err, errlen, "queue store %s: the segment has %" PRIu64
				   " bytes, its messages need %" PRIu64, path, (uint64_t)sb.st_size, need);
			return QM_ECORRUPT;
		}
		g->ondisk = 1;
		g->end = sb.st_size > UINT32_MAX ? UINT32_MAX : (uint32_t)sb.st_size;
	}
	for (size_t k = 0; k < d->n; k++) {
		int kind = d->kind[k], drop = 0;
		uint32_t no = d->no[k];
		if (kind == F_JNL) {
			drop = no < gen;
			qs_jpath(s, no, 0, path, sizeof path);
		} else if (kind == F_TMP) {
			drop = 1;
			qs_jpath(s, no, 1, path, sizeof path);
		} else {
			struct qs_seg *g = qs_seg_find(s, no);
			qs_seg_path(s, no, path, sizeof path);
			if (no != s->app_seg) {
				drop = !g;
			} else {
				/* the append segment: what lies past the append
				 * offset is a batch that never committed (rule C4);
				 * cut without a sync, its return would be harmless */
				if (!g && !(g = qs_seg_get(s, no)))
					return QM_ENOMEM;
				g->ondisk = 1;
				if (stat(path, &sb) == 0 && (uint64_t)sb.st_size > s->app_off) {
					int fd = osio->open(path, O_RDWR, 0);
					if (fd < 0 || osio->ftruncate(fd, s->app_off) != 0) {
						errbuf_set(err, errlen, "queue store: cannot truncate %s: %s", path,
							   strerror(errno));
						if (fd >= 0)
							osio->close(fd);
						return os_errno_rc();
					}
					osio->close(fd);
					sb.st_size = s->app_off;
				}
				g->end = (uint32_t)sb.st_size;
				if (g->end < QS_PAGE)
					g->end = QS_PAGE;
			}
		}
		if (!drop)
			continue;
		if (osio->unlink(path) != 0 && errno != ENOENT) {
			errbuf_set(err, errlen, "queue store: cannot remove %s: %s", path, strerror(errno));
			return os_errno_rc();
		}
		removed++;
	}
	/* a torn batch after the last commit goes (rule C4), not synced either:
	 * the next commit's fdatasync makes the cut durable */
	if (fstat(s->j.fd, &sb) == 0 && (uint64_t)sb.st_size > s->j.size &&
	    osio->ftruncate(s->j.fd, (off_t)s->j.size) != 0) {
		qs_jpath(s, gen, 0, path, sizeof path);
		errbuf_set(err, errlen, "queue store: cannot truncate %s: %s", path, strerror(errno));
		return os_errno_rc();
	}
	/* the removals are not synced: if lost, the next open does them again */
	(void)removed;
	return QM_OK;
}

/* open and create alike: a store in memory for dir, and the folder's files. */
static int store_in(const char *dir, const uint8_t qmid[QS_QMID_LEN], const char *qname,
		    const struct qstore_opts *opts, struct qstore **sp, struct dirlist *d, char *err, size_t errlen)
{
	int rc = store_new(dir, qmid, qname, opts, sp, err, errlen);
	if (rc)
		return rc;
	if ((rc = dirlist_read(dir, d, err, errlen)) != QM_OK)
		qs_store_free(*sp);
	return rc;
}

int qstore_open(const char *dir, const uint8_t qmid[QS_QMID_LEN], const char *qname,
		const struct qstore_opts *opts, qs_load_fn each, void *arg, struct qstore **out, uint64_t *lsn,
		char *err, size_t errlen)
{
	struct qstore *s;
	struct dirlist d;
	int rc = store_in(dir, qmid, qname, opts, &s, &d, err, errlen);
	if (rc)
		return rc;
	uint32_t gen = 0;
	for (size_t k = 0; k < d.n; k++)
		if (d.kind[k] == F_JNL && d.no[k] > gen)
			gen = d.no[k];
	if (!gen) {
		errbuf_set(err, errlen, "queue store: no store in %s", dir);
		rc = QM_ENOENT;
	}
	if (rc == QM_OK)
		rc = journal_load(s, gen, err, errlen);
	if (rc == QM_OK)
		qs_hash_settle(s);   /* a load: finish any growth now, not in later batches */
	if (rc == QM_OK)
		rc = open_tidy(s, &d, gen, err, errlen);
	dirlist_free(&d);
	for (uint32_t i = 0; rc == QM_OK && each && i < s->hiwater; i++)
		if (qs_ent(s, i)->state == QS_LIVE && (rc = each(arg, qs_ent(s, i))) != 0)
			errbuf_set(err, errlen, "queue store %s: the loader stopped with %d", dir, rc);
	if (rc) {
		qs_store_free(s);
		return rc;
	}
	if (lsn)
		*lsn = s->lsn;
	*out = s;
	return QM_OK;
}

int qstore_create(const char *dir, const uint8_t qmid[QS_QMID_LEN], const char *qname, uint64_t lsn,
		  const struct qstore_opts *opts, struct qstore **out, char *err, size_t errlen)
{
	struct qstore *s;
	struct dirlist d;
	char path[PATH_MAX + 32];
	int rc = store_in(dir, qmid, qname, opts, &s, &d, err, errlen);
	if (rc)
		return rc;
	for (size_t k = 0; k < d.n && rc == QM_OK; k++) {
		if (d.kind[k] == F_JNL) {
			errbuf_set(err, errlen, "queue store: %s holds a store already", dir);
			rc = QM_EEXIST;
		}
	}
	/* leftovers of a create or destroy that did not finish */
	for (size_t k = 0; k < d.n && rc == QM_OK; k++) {
		if (d.kind[k] == F_SEG)
			qs_seg_path(s, d.no[k], path, sizeof path);
		else
			qs_jpath(s, d.no[k], 1, path, sizeof path);
		osio->unlink(path);
	}
	dirlist_free(&d);
	if (rc) {
		qs_store_free(s);
		return rc;
	}
	/* generation 1: the header page and an empty snapshot, in one replace */
	uint8_t *buf = calloc(1, QS_PAGE + QS_JHDR + QS_JSUM);
	if (!buf) {
		qs_store_free(s);
		return QM_ENOMEM;
	}
	qs_hdr_encode(buf, QS_JNL_MAGIC, 1, qmid, qname);
	s->j = (struct qs_jfile){ .fd = -1, .gen = 1, .end = QS_PAGE };
	uint32_t len = qs_jrec_encode(s, &s->j, QS_J_SNAPEND, 0, 0, 0, lsn, 0);
	memcpy(buf + QS_PAGE, s->jbuf, len);
	qs_jpath(s, 1, 0, path, sizeof path);
	rc = os_replace_file(path, buf, QS_PAGE + QS_JHDR + QS_JSUM);
	free(buf);
	if (rc) {
		errbuf_set(err, errlen, "queue store: cannot create %s: %s", path, strerror(errno));
		qs_store_free(s);
		return rc;
	}
	qs_store_free(s);
	return qstore_open(dir, qmid, qname, opts, NULL, NULL, out, NULL, err, errlen);
}

void qstore_close(struct qstore *s)
{
	if (!s)
		return;
	qs_snap_drop(s);
	qs_txn_abort(s);
	qs_store_free(s);
}

int qstore_destroy(const char *dir, char *err, size_t errlen)
{
	struct dirlist d;
	char path[PATH_MAX + 32];
	int rc = dirlist_read(dir, &d, err, errlen);
	if (rc)
		return rc;
	/* journals first, made durable, so that a destroy cut short leaves no
	 * journal naming a missing segment, only leftovers create removes */
	for (int pass = 0; pass < 2 && rc == QM_OK; pass++) {
		int n = 0;
		for (size_t k = 0; k < d.n; k++) {
			int kind = d.kind[k];
			if ((pass == 0) != (kind == F_JNL))
				continue;
			if (kind == F_SEG)
				snprintf(path, sizeof path, "%s/%08" PRIx32 ".qsd", dir, d.no[k]);
			else
				snprintf(path, sizeof path, "%s/%08" PRIx32 ".qsi%s", dir, d.no[k],
					 kind == F_TMP ? ".tmp" : "");
			if (osio->unlink(path) != 0 && errno != ENOENT) {
				rc = os_errno_rc();
				errbuf_set(err, errlen, "queue store: cannot remove %s: %s", path, strerror(errno));
				break;
			}
			n++;
		}
		if (rc == QM_OK && n && (rc = os_fsync_dir(dir)) != QM_OK)
			errbuf_set(err, errlen, "queue store: cannot sync the folder %s: %s", dir, strerror(errno));
	}
	dirlist_free(&d);
	return rc;
}

uint64_t qstore_lsn(const struct qstore *s)
{
	return s ? s->lsn : 0;
}

void qstore_stats(const struct qstore *s, struct qstore_stats *st)
{
	memset(st, 0, sizeof *st);
	if (!s)
		return;
	*st = s->st;
	st->lsn = s->lsn;
	st->live_msgs = s->live;
	st->failed = s->failed;
	st->index_bytes = s->j.size;
	st->mem_bytes = (uint64_t)s->nslabs * QS_SLAB * sizeof(struct qs_entry) + (s->tabcap + s->ocap) * sizeof(uint32_t) +
			s->capsegs * sizeof(struct qs_seg *);
	for (size_t i = 0; i < s->nsegs; i++) {
		const struct qs_seg *g = s->segs[i];
		st->mem_bytes += sizeof *g + (uint64_t)g->cap * sizeof(uint32_t);
		st->live_bytes += g->live_bytes;
		if (!g->ondisk)
			continue;
		st->segments++;
		st->data_bytes += g->end;
		if (g->end > QS_PAGE + g->live_bytes)
			st->dead_bytes += g->end - QS_PAGE - g->live_bytes;
	}
}
