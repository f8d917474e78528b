/*
 * objfile.c: object files (the queue manager object, the catalog, queues).
 * The format, the validity rule and the write and read procedures are
 * described at the top of objfile.h.
 */
#include "objects/objfile.h"
#include "objects/errbuf.h"
#include "objects/names.h"
#include "objects/objdef.h"
#include "log/byteorder.h"
#include "log/osio.h"
#include "log/qmerr.h"
#include "cmqc.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <xxhash.h>

#define HDR_FIXED  50          /* bytes before the name */
#define SUM_LEN    8
#define RBUF_SIZE  (1u << 20)  /* read buffer */

_Static_assert(OBJFILE_MQMD_LEN == MQMD_LENGTH_2, "a queue file stores a whole MQMD version 2");
_Static_assert(OBJFILE_DATA_MAX == 104857600, "MAXMSGL's upper limit");

static void hex16(const uint8_t *id, char out[33])
{
	for (int i = 0; i < 16; i++)
		snprintf(out + 2 * i, 3, "%02x", id[i]);
}

/* --- paths ----------------------------------------------------------------- */

/* Where each catalogued type's file lives: the folder under qmdir, the file's
 * name in the object's folder, and the file kind.  Queues (every queue type)
 * are the first row. */
static const struct { int type; const char *parent, *file; int kind; } homes[] = {
	{ 0, "queues", "q", OBJFILE_QUEUE },
	{ OBJDEF_PROCESS, "processes", "p", OBJFILE_PROCESS },
	{ OBJDEF_TOPIC, "topics", "t", OBJFILE_TOPIC },
	{ OBJDEF_CHANNEL, "channels", "c", OBJFILE_CHANNEL },
	{ OBJDEF_LISTENER, "listeners", "l", OBJFILE_LISTENER },
	{ OBJDEF_AUTHINFO, "authinfo", "a", OBJFILE_AUTHINFO },
};
#define NHOMES (sizeof homes / sizeof homes[0])

static size_t home_of_type(int type)
{
	for (size_t i = 1; i < NHOMES; i++)
		if (homes[i].type == type)
			return i;
	return 0;
}
/* The row of a definition file's kind, or NHOMES (the qmgr, the catalog, a bad kind). */
static size_t home_of_kind(int kind)
{
	for (size_t i = 0; i < NHOMES; i++)
		if (homes[i].kind == kind)
			return i;
	return NHOMES;
}
/* The folder under qmdir that holds objects of a type: queues/, processes/, ... */
static const char *type_parent(int type) { return homes[home_of_type(type)].parent; }
static int type_kind(int type) { return homes[home_of_type(type)].kind; }
/* The object type a kind of definition file holds apart from queues (0: queues). */
static int kind_type(int kind)
{
	size_t i = home_of_kind(kind);
	return i < NHOMES ? homes[i].type : 0;
}
/* A kind that holds a definition and a messages section (every kind but the qmgr's and the catalog's). */
static int kind_is_obj(int kind) { return home_of_kind(kind) < NHOMES; }

int objfile_obj_dir(const char *qmdir, int type, const char *folder, char *out, size_t n)
{
	char back[OBJDEF_NAME_SIZE];
	if (!folder || names_from_file(folder, back, sizeof back) != QM_OK)
		return QM_EINVAL;
	int w = snprintf(out, n, "%s/%s/%s", qmdir, type_parent(type), folder);
	return w < 0 || (size_t)w >= n ? QM_EINVAL : QM_OK;
}

int objfile_queue_dir(const char *qmdir, const char *folder, char *out, size_t n)
{
	return objfile_obj_dir(qmdir, OBJDEF_QLOCAL, folder, out, n);
}

int objfile_path(const char *qmdir, int kind, const char *folder, char *out, size_t n)
{
	int w;
	switch (kind) {
	case OBJFILE_QMGR:
		w = snprintf(out, n, "%s/qmanager/QMANAGER", qmdir);
		break;
	case OBJFILE_CATALOG:
		w = snprintf(out, n, "%s/qmanager/QMQMOBJCAT", qmdir);
		break;
	default: {
		char back[OBJDEF_NAME_SIZE];
		size_t h = home_of_kind(kind);
		if (h == NHOMES || !folder || names_from_file(folder, back, sizeof back) != QM_OK)
			return QM_EINVAL;
		w = snprintf(out, n, "%s/%s/%s/%s", qmdir, homes[h].parent, folder, homes[h].file);
		break;
	}
	}
	return w < 0 || (size_t)w >= n ? QM_EINVAL : QM_OK;
}

/* --- writing ----------------------------------------------------------------
 * Bytes go through a buffer and into the running checksum.  If the file fits
 * the buffer it is replaced with os_replace_file(); otherwise the buffer is
 * spilled to path.tmp as it fills and the file is renamed into place at the
 * end. */

struct wr {
	const char *path;
	char tmp[PATH_MAX];
	int fd;                /* path.tmp once spilled, else -1 */
	uint8_t *buf;
	size_t len, cap;
	uint64_t off;          /* bytes already in path.tmp */
	XXH64_state_t *h;
	int rc;                /* sticky */
};

static int wr_init(struct wr *w, const char *path)
{
	memset(w, 0, sizeof *w);
	w->path = path;
	w->fd = -1;
	w->cap = OBJFILE_WBUF_SIZE;
	if (snprintf(w->tmp, sizeof w->tmp, "%s.tmp", path) >= (int)sizeof w->tmp)
		return QM_EINVAL;
	w->buf = malloc(w->cap);
	w->h = XXH64_createState();
	if (!w->buf || !w->h) {
		free(w->buf);
		XXH64_freeState(w->h);
		return QM_ENOMEM;
	}
	XXH64_reset(w->h, 0);
	return QM_OK;
}

static void wr_spill(struct wr *w)
{
	if (w->rc)
		return;
	if (w->fd < 0) {
		w->fd = osio->open(w->tmp, O_WRONLY | O_CREAT | O_TRUNC, 0660);
		if (w->fd < 0) {
			w->rc = os_errno_rc();
			return;
		}
	}
	w->rc = os_pwrite_full(w->fd, w->buf, w->len, (off_t)w->off);
	w->off += w->len;
	w->len = 0;
}

/* Append without hashing (the checksum itself). */
static void wr_raw(struct wr *w, const void *p, size_t n)
{
	const uint8_t *s = p;
	while (n > 0 && w->rc == QM_OK) {
		if (w->len == w->cap)
			wr_spill(w);
		size_t k = w->cap - w->len < n ? w->cap - w->len : n;
		memcpy(w->buf + w->len, s, k);
		w->len += k;
		s += k;
		n -= k;
	}
}

static void wr_put(struct wr *w, const void *p, size_t n)
{
	if (w->rc == QM_OK && n > 0) {
		XXH64_update(w->h, p, n);
		wr_raw(w, p, n);
	}
}

static void wr_free(struct wr *w)
{
	free(w->buf);
	XXH64_freeState(w->h);
	w->buf = NULL;
	w->h = NULL;
}

static int wr_finish(struct wr *w, char *err, size_t errlen)
{
	uint8_t sum[SUM_LEN];
	int rc, e;
	put_u64(sum, XXH64_digest(w->h));
	wr_raw(w, sum, sizeof sum);
	if (w->fd < 0 && w->rc == QM_OK) {
		rc = os_replace_file(w->path, w->buf, w->len);
	} else {
		if (w->len)
			wr_spill(w);
		rc = w->rc;
		if (rc == QM_OK)
			rc = os_fsync(w->fd);
		if (w->fd >= 0) {
			e = errno;
			osio->close(w->fd);
			errno = e;
		}
		if (rc == QM_OK)
			rc = os_rename_durable(w->tmp, w->path);
		if (rc != QM_OK) {
			e = errno;
			osio->unlink(w->tmp);
			errno = e;
		}
	}
	e = errno;
	if (rc != QM_OK)
		errbuf_set(err, errlen, "cannot write object file %s: %s", w->path, strerror(e));
	wr_free(w);
	errno = e;
	return rc;
}

static void wr_abort(struct wr *w)
{
	int e = errno;
	if (w->fd >= 0) {
		osio->close(w->fd);
		osio->unlink(w->tmp);
	}
	wr_free(w);
	errno = e;
}

/* The header up to and including the body length. */
static void wr_header(struct wr *w, int kind, const uint8_t *id, int32_t mqot, uint64_t lsn, const char *name,
		      size_t body_len)
{
	uint8_t h[HDR_FIXED];
	size_t nl = strlen(name);
	memcpy(h, OBJFILE_MAGIC, 8);
	put_u32(h + 8, OBJFILE_VERSION);
	put_u32(h + 12, (uint32_t)kind);
	memcpy(h + 16, id, OBJDEF_IDENTITY_LEN);
	put_u32(h + 32, (uint32_t)mqot);
	put_u32(h + 36, 0);
	put_u64(h + 40, lsn);
	put_u16(h + 48, (uint16_t)nl);
	wr_put(w, h, sizeof h);
	wr_put(w, name, nl);
	uint8_t bl[4];
	put_u32(bl, (uint32_t)body_len);
	wr_put(w, bl, sizeof bl);
}

/* --- reading ----------------------------------------------------------------- */

struct rd {
	char path[PATH_MAX];
	int fd;
	uint64_t size, end;    /* end: where the checksum starts */
	uint64_t base;         /* file offset of buf[0] */
	uint8_t *buf;
	size_t pos, len;
	XXH64_state_t *h;
	char *err;
	size_t errlen;
};

#define DAMAGED(r, ...) (say_damaged((r), __VA_ARGS__), QM_EDAMAGED)
static void say_damaged(struct rd *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say_damaged(struct rd *r, const char *fmt, ...)
{
	char what[300];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	errbuf_set(r->err, r->errlen, "object file %s: %s", r->path, what);
}

static void rd_close(struct rd *r)
{
	if (r->fd >= 0)
		osio->close(r->fd);
	free(r->buf);
	XXH64_freeState(r->h);
	r->fd = -1;
	r->buf = NULL;
	r->h = NULL;
}

static int rd_open(struct rd *r, const char *path, char *err, size_t errlen)
{
	memset(r, 0, sizeof *r);
	r->fd = -1;
	r->err = err;
	r->errlen = errlen;
	snprintf(r->path, sizeof r->path, "%s", path);
	r->buf = malloc(RBUF_SIZE);
	r->h = XXH64_createState();
	if (!r->buf || !r->h) {
		rd_close(r);
		return QM_ENOMEM;
	}
	r->fd = osio->open(path, O_RDONLY, 0);
	if (r->fd < 0) {
		int e = errno;
		if (e == ENOENT)
			return DAMAGED(r, "the file is missing");
		return DAMAGED(r, "cannot open: %s", strerror(e));
	}
	struct stat st;
	if (fstat(r->fd, &st) != 0)
		return DAMAGED(r, "cannot stat: %s", strerror(errno));
	if (!S_ISREG(st.st_mode))
		return DAMAGED(r, "not a regular file");
	r->size = (uint64_t)st.st_size;
	return QM_OK;
}

static int rd_pread(struct rd *r, void *buf, size_t n, uint64_t off)
{
	size_t got = 0;
	int rc = os_pread_full(r->fd, buf, n, (off_t)off, &got);
	if (rc == QM_ECORRUPT)
		return DAMAGED(r, "the file ended at offset %" PRIu64 " while reading it", off + got);
	if (rc != QM_OK)
		return DAMAGED(r, "read failed at offset %" PRIu64 ": %s", off + got, strerror(errno));
	return QM_OK;
}

/* Pass 1: size, magic, version, kind, checksum, identity. */
static int rd_check(struct rd *r, int kind, const uint8_t *expect_id, uint8_t id_out[OBJDEF_IDENTITY_LEN])
{
	uint8_t h[HDR_FIXED], sum[SUM_LEN];
	int rc;
	if (r->size < HDR_FIXED + SUM_LEN)
		return DAMAGED(r, "the file is %" PRIu64 " bytes, too short for an object file", r->size);
	r->end = r->size - SUM_LEN;
	if ((rc = rd_pread(r, h, sizeof h, 0)) != QM_OK)
		return rc;
	if (memcmp(h, OBJFILE_MAGIC, 8) != 0)
		return DAMAGED(r, "bad magic: not an object file");
	if (get_u32(h + 8) != OBJFILE_VERSION)
		return DAMAGED(r, "format version %u, this build reads version %d", get_u32(h + 8), OBJFILE_VERSION);
	if (get_u32(h + 12) != (uint32_t)kind)
		return DAMAGED(r, "file kind %u, expected %d", get_u32(h + 12), kind);
	XXH64_reset(r->h, 0);
	for (uint64_t off = 0; off < r->end;) {
		size_t n = r->end - off < RBUF_SIZE ? (size_t)(r->end - off) : RBUF_SIZE;
		if ((rc = rd_pread(r, r->buf, n, off)) != QM_OK)
			return rc;
		XXH64_update(r->h, r->buf, n);
		off += n;
	}
	if ((rc = rd_pread(r, sum, sizeof sum, r->end)) != QM_OK)
		return rc;
	uint64_t want = get_u64(sum), got = XXH64_digest(r->h);
	if (want != got)
		return DAMAGED(r, "checksum mismatch (stored %016" PRIx64 ", computed %016" PRIx64 ")", want, got);
	if (expect_id && memcmp(h + 16, expect_id, OBJDEF_IDENTITY_LEN) != 0) {
		char a[33], b[33];
		hex16(h + 16, a);
		hex16(expect_id, b);
		return DAMAGED(r, "belongs to queue manager identity %s, not %s", a, b);
	}
	memcpy(id_out, h + 16, OBJDEF_IDENTITY_LEN);
	/* pass 2 starts */
	XXH64_reset(r->h, 0);
	r->base = 0;
	r->pos = r->len = 0;
	return QM_OK;
}

static uint64_t rd_off(const struct rd *r) { return r->base + r->pos; }

/* Read n bytes of the section area (never the checksum) and hash them. */
static int rd_get(struct rd *r, void *dst, size_t n, const char *what)
{
	uint8_t *d = dst;
	if (n > r->end - rd_off(r))
		return DAMAGED(r, "%s at offset %" PRIu64 " (%zu bytes) runs past the end of the data", what,
			       rd_off(r), n);
	while (n > 0) {
		if (r->pos == r->len) {
			r->base += r->len;
			r->pos = 0;
			r->len = r->end - r->base < RBUF_SIZE ? (size_t)(r->end - r->base) : RBUF_SIZE;
			int rc = rd_pread(r, r->buf, r->len, r->base);
			if (rc)
				return rc;
		}
		size_t k = r->len - r->pos < n ? r->len - r->pos : n;
		memcpy(d, r->buf + r->pos, k);
		XXH64_update(r->h, d, k);
		r->pos += k;
		d += k;
		n -= k;
	}
	return QM_OK;
}

/* After the last section: nothing left, and the bytes read match the checksum. */
static int rd_done(struct rd *r)
{
	uint8_t sum[SUM_LEN];
	if (rd_off(r) != r->end)
		return DAMAGED(r, "%" PRIu64 " unexpected bytes at offset %" PRIu64, r->end - rd_off(r), rd_off(r));
	int rc = rd_pread(r, sum, sizeof sum, r->end);
	if (rc)
		return rc;
	if (get_u64(sum) != XXH64_digest(r->h))
		return DAMAGED(r, "the file changed while it was being read");
	return QM_OK;
}

struct hdr {
	uint8_t id[OBJDEF_IDENTITY_LEN];
	uint32_t mqot;
	uint64_t lsn;
	char name[OBJDEF_NAME_SIZE];
	uint8_t *body;            /* malloc'd */
	size_t body_len;
};

/* Open, check, and read the header, name and body. */
static int rd_start(struct rd *r, const char *path, int kind, const uint8_t *expect_id, struct hdr *h,
		    char *err, size_t errlen)
{
	uint8_t fixed[HDR_FIXED], bl[4];
	char why[200];
	memset(h, 0, sizeof *h);
	int rc = rd_open(r, path, err, errlen);
	if (rc == QM_OK)
		rc = rd_check(r, kind, expect_id, h->id);
	if (rc == QM_OK)
		rc = rd_get(r, fixed, sizeof fixed, "the header");
	if (rc)
		return rc;
	h->mqot = get_u32(fixed + 32);
	h->lsn = get_u64(fixed + 40);
	if (get_u32(fixed + 36) != 0)
		return DAMAGED(r, "offset 36: reserved field is not 0");
	uint16_t nl = get_u16(fixed + 48);
	if (nl < 1 || nl > NAMES_MAX_LEN)
		return DAMAGED(r, "offset 48: name length %u is not 1 to %d", nl, NAMES_MAX_LEN);
	if ((rc = rd_get(r, h->name, nl, "the name")) != QM_OK)
		return rc;
	h->name[nl] = 0;
	if (kind == OBJFILE_CATALOG ? strcmp(h->name, OBJFILE_CATALOG_NAME) != 0 :
	    names_check(h->name, why, sizeof why) != QM_OK)
		return DAMAGED(r, "offset 50: bad object name: %s", kind == OBJFILE_CATALOG ? h->name : why);
	if ((rc = rd_get(r, bl, sizeof bl, "the body length")) != QM_OK)
		return rc;
	h->body_len = get_u32(bl);
	if (h->body_len > r->end - rd_off(r))
		return DAMAGED(r, "offset %" PRIu64 ": body length %zu runs past the end of the data",
			       rd_off(r) - 4, h->body_len);
	h->body = malloc(h->body_len ? h->body_len : 1);
	if (!h->body)
		return QM_ENOMEM;
	return rd_get(r, h->body, h->body_len, "the body");
}

/* The body of a queue manager or queue file: its definition. */
static int rd_def(struct rd *r, const struct hdr *h, int kind, struct objdef *def)
{
	char why[300];
	int type = objdef_type_from_mqot((int32_t)h->mqot);
	if (!type || (kind == OBJFILE_QMGR) != (type == OBJDEF_QMGR))
		return DAMAGED(r, "offset 32: object type %u does not belong in this file", h->mqot);
	int rc = objdef_decode(h->body, h->body_len, def, why, sizeof why);
	if (rc)
		return DAMAGED(r, "bad definition: %s", why);
	if (def->type != type)
		return DAMAGED(r, "the definition is a %s, the header says %s", objdef_type_name(def->type),
			       objdef_type_name(type));
	if (strcmp(def->name, h->name) != 0)
		return DAMAGED(r, "the definition is of %s, the header says %s", def->name, h->name);
	if (type == OBJDEF_QMGR && memcmp(def->identity, h->id, OBJDEF_IDENTITY_LEN) != 0)
		return DAMAGED(r, "the queue manager's identity differs from the file's");
	return QM_OK;
}

/* --- the queue manager object ------------------------------------------- */

static int write_def_file(const char *path, int kind, const uint8_t *id, const struct objdef *def, uint64_t lsn,
			  uint64_t count, objfile_msg_next_fn next, void *ctx, char *err, size_t errlen);

int objfile_write_qmgr(const char *qmdir, const struct objdef *qm, uint64_t lsn, char *err, size_t errlen)
{
	char path[PATH_MAX];
	if (qm->type != OBJDEF_QMGR || objfile_path(qmdir, OBJFILE_QMGR, NULL, path, sizeof path)) {
		errbuf_set(err, errlen, "cannot write the queue manager object under %s: bad arguments", qmdir);
		return QM_EINVAL;
	}
	return write_def_file(path, OBJFILE_QMGR, qm->identity, qm, lsn, 0, NULL, NULL, err, errlen);
}

int objfile_read_qmgr(const char *qmdir, const uint8_t *expect_id, struct objdef *qm, uint64_t *lsn,
		      char *err, size_t errlen)
{
	char path[PATH_MAX];
	struct rd r;
	struct hdr h;
	struct objdef d;
	if (objfile_path(qmdir, OBJFILE_QMGR, NULL, path, sizeof path)) {
		errbuf_set(err, errlen, "queue manager folder name too long: %s", qmdir);
		return QM_EINVAL;
	}
	int rc = rd_start(&r, path, OBJFILE_QMGR, expect_id, &h, err, errlen);
	if (rc == QM_OK)
		rc = rd_def(&r, &h, OBJFILE_QMGR, &d);
	if (rc == QM_OK)
		rc = rd_done(&r);
	if (rc == QM_OK) {
		*qm = d;
		if (lsn)
			*lsn = h.lsn;
	}
	free(h.body);
	rd_close(&r);
	return rc;
}

/* --- the catalog ------------------------------------------------------------- */

static int cat_ns(int type)
{
	return objdef_namespace(type);   /* 1 queues, 2 processes, 3 topics, 4 channels, 5 listeners, 6 authinfo */
}

static int cat_cmp(int ns, const char *name, const struct objcat_entry *e)
{
	int ens = cat_ns(e->type);
	if (ns != ens)
		return ns < ens ? -1 : 1;
	return strcmp(name, e->name);
}

/* Index of the entry, or of where it would go (*found = 0). */
static size_t cat_search(const struct objcat *c, int ns, const char *name, int *found)
{
	size_t lo = 0, hi = c->n;
	*found = 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int k = cat_cmp(ns, name, &c->v[mid]);
		if (k == 0) {
			*found = 1;
			return mid;
		}
		if (k < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

void objcat_init(struct objcat *c) { memset(c, 0, sizeof *c); }

void objcat_free(struct objcat *c)
{
	free(c->v);
	objcat_init(c);
}

const struct objcat_entry *objcat_find(const struct objcat *c, int type, const char *name)
{
	int found, ns = cat_ns(type);
	if (!ns || !name)
		return NULL;
	size_t i = cat_search(c, ns, name, &found);
	return found ? &c->v[i] : NULL;
}

int objcat_add(struct objcat *c, int type, const char *name, const char *folder)
{
	char back[OBJDEF_NAME_SIZE];
	int found, ns = cat_ns(type);
	if (!ns || names_check(name, NULL, 0) != QM_OK || strlen(folder) >= NAMES_FILE_SIZE ||
	    names_from_file(folder, back, sizeof back) != QM_OK)
		return QM_EINVAL;
	size_t i = cat_search(c, ns, name, &found);
	if (found)
		return QM_EEXIST;
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		struct objcat_entry *v = realloc(c->v, cap * sizeof *v);
		if (!v)
			return QM_ENOMEM;
		c->v = v;
		c->cap = cap;
	}
	memmove(&c->v[i + 1], &c->v[i], (c->n - i) * sizeof *c->v);
	memset(&c->v[i], 0, sizeof c->v[i]);
	c->v[i].type = type;
	memcpy(c->v[i].name, name, strlen(name) + 1);
	memcpy(c->v[i].folder, folder, strlen(folder) + 1);
	c->n++;
	return QM_OK;
}

int objcat_remove(struct objcat *c, int type, const char *name)
{
	int found, ns = cat_ns(type);
	if (!ns || !name)
		return QM_ENOENT;
	size_t i = cat_search(c, ns, name, &found);
	if (!found)
		return QM_ENOENT;
	memmove(&c->v[i], &c->v[i + 1], (c->n - i - 1) * sizeof *c->v);
	c->n--;
	return QM_OK;
}

int objfile_write_catalog(const char *qmdir, const uint8_t id[OBJDEF_IDENTITY_LEN], const struct objcat *c,
			  uint64_t lsn, char *err, size_t errlen)
{
	char path[PATH_MAX];
	struct wr w;
	if (objfile_path(qmdir, OBJFILE_CATALOG, NULL, path, sizeof path)) {
		errbuf_set(err, errlen, "queue manager folder name too long: %s", qmdir);
		return QM_EINVAL;
	}
	if (c->n > UINT32_MAX / (6 + 48 + NAMES_FILE_SIZE)) {
		errbuf_set(err, errlen, "cannot write object file %s: %zu entries is too many", path, c->n);
		return QM_EINVAL;
	}
	size_t blen = 4;
	for (size_t i = 0; i < c->n; i++)
		blen += 6 + strlen(c->v[i].name) + strlen(c->v[i].folder);
	uint8_t *body = malloc(blen), *p = body;
	if (!body)
		return QM_ENOMEM;
	put_u32(p, (uint32_t)c->n);
	p += 4;
	for (size_t i = 0; i < c->n; i++) {
		const struct objcat_entry *e = &c->v[i];
		size_t nl = strlen(e->name), fl = strlen(e->folder);
		put_u32(p, (uint32_t)objdef_type_mqot(e->type));
		p[4] = (uint8_t)nl;
		memcpy(p + 5, e->name, nl);
		p[5 + nl] = (uint8_t)fl;
		memcpy(p + 6 + nl, e->folder, fl);
		p += 6 + nl + fl;
	}
	int rc = wr_init(&w, path);
	if (rc) {
		free(body);
		return rc;
	}
	wr_header(&w, OBJFILE_CATALOG, id, 0, lsn, OBJFILE_CATALOG_NAME, blen);
	wr_put(&w, body, blen);
	free(body);
	return wr_finish(&w, err, errlen);
}

static int cat_decode(struct rd *r, const struct hdr *h, struct objcat *c)
{
	const uint8_t *b = h->body;
	size_t len = h->body_len, off = 4;
	char name[OBJDEF_NAME_SIZE], folder[NAMES_FILE_SIZE], back[OBJDEF_NAME_SIZE];
	if (h->mqot != 0)
		return DAMAGED(r, "offset 32: object type %u, a catalog has 0", h->mqot);
	if (len < 4)
		return DAMAGED(r, "the catalog body is %zu bytes, shorter than its count", len);
	uint32_t count = get_u32(b);
	if (count > (len - 4) / 8)
		return DAMAGED(r, "the catalog says %u entries, more than its %zu bytes hold", count, len);
	for (uint32_t k = 0; k < count; k++) {
		if (len - off < 6)
			return DAMAGED(r, "catalog entry %u is cut off", k + 1);
		uint32_t mqot = get_u32(b + off);
		int type = mqot <= INT32_MAX ? objdef_type_from_mqot((int32_t)mqot) : 0;
		size_t nl = b[off + 4];
		if (!cat_ns(type))
			return DAMAGED(r, "catalog entry %u: object type %u cannot be catalogued", k + 1, mqot);
		if (nl < 1 || nl > NAMES_MAX_LEN || len - off - 5 < nl + 1)
			return DAMAGED(r, "catalog entry %u: bad name length %zu", k + 1, nl);
		memcpy(name, b + off + 5, nl);
		name[nl] = 0;
		size_t fl = b[off + 5 + nl];
		if (fl < 1 || fl >= NAMES_FILE_SIZE || len - off - 6 - nl < fl)
			return DAMAGED(r, "catalog entry %u (%s): bad folder length %zu", k + 1, name, fl);
		memcpy(folder, b + off + 6 + nl, fl);
		folder[fl] = 0;
		if (names_check(name, NULL, 0) != QM_OK)
			return DAMAGED(r, "catalog entry %u: bad object name", k + 1);
		if (names_from_file(folder, back, sizeof back) != QM_OK)
			return DAMAGED(r, "catalog entry %u (%s): bad folder name", k + 1, name);
		if (c->n > 0 && cat_cmp(cat_ns(type), name, &c->v[c->n - 1]) <= 0)
			return DAMAGED(r, "catalog entry %u (%s) is out of order or repeated", k + 1, name);
		int rc = objcat_add(c, type, name, folder);
		if (rc)
			return rc;
		off += 6 + nl + fl;
	}
	if (off != len)
		return DAMAGED(r, "the catalog body has %zu bytes after its %u entries", len - off, count);
	return QM_OK;
}

int objfile_read_catalog(const char *qmdir, const uint8_t id[OBJDEF_IDENTITY_LEN], struct objcat *c,
			 uint64_t *lsn, char *err, size_t errlen)
{
	char path[PATH_MAX];
	struct rd r;
	struct hdr h;
	objcat_init(c);
	if (objfile_path(qmdir, OBJFILE_CATALOG, NULL, path, sizeof path)) {
		errbuf_set(err, errlen, "queue manager folder name too long: %s", qmdir);
		return QM_EINVAL;
	}
	int rc = rd_start(&r, path, OBJFILE_CATALOG, id, &h, err, errlen);
	if (rc == QM_OK)
		rc = cat_decode(&r, &h, c);
	if (rc == QM_OK)
		rc = rd_done(&r);
	if (rc == QM_OK && lsn)
		*lsn = h.lsn;
	if (rc)
		objcat_free(c);
	free(h.body);
	rd_close(&r);
	return rc;
}

/* --- messages ---------------------------------------------------------------- */

void objfile_msg_encode(const struct objfile_msg *m, uint8_t out[OBJFILE_MSG_HDR_LEN])
{
	put_u64(out, m->seq);
	put_u64(out + 8, m->put_lsn);
	put_u64(out + 16, (uint64_t)m->put_time_ms);
	put_u64(out + 24, (uint64_t)m->expiry_ms);
	put_u32(out + 32, (uint32_t)m->priority);
	put_u32(out + 36, (uint32_t)m->persistence);
	put_u32(out + 40, (uint32_t)m->backout_count);
	put_u32(out + 44, m->flags);
	memcpy(out + 48, m->msgid, 24);
	memcpy(out + 72, m->correlid, 24);
	memcpy(out + 96, m->groupid, 24);
	memcpy(out + 120, m->mqmd, OBJFILE_MQMD_LEN);
	put_u32(out + 484, m->data_len);
}

int objfile_msg_decode(const uint8_t in[OBJFILE_MSG_HDR_LEN], struct objfile_msg *m, char *err, size_t errlen)
{
	struct objfile_msg x;
	x.seq = get_u64(in);
	x.put_lsn = get_u64(in + 8);
	x.put_time_ms = (int64_t)get_u64(in + 16);
	x.expiry_ms = (int64_t)get_u64(in + 24);
	x.priority = (int32_t)get_u32(in + 32);
	x.persistence = (int32_t)get_u32(in + 36);
	x.backout_count = (int32_t)get_u32(in + 40);
	x.flags = get_u32(in + 44);
	memcpy(x.msgid, in + 48, 24);
	memcpy(x.correlid, in + 72, 24);
	memcpy(x.groupid, in + 96, 24);
	memcpy(x.mqmd, in + 120, OBJFILE_MQMD_LEN);
	x.data_len = get_u32(in + 484);
	if (x.put_time_ms < 0)
		errbuf_set(err, errlen, "put time %" PRId64 " is negative", x.put_time_ms);
	else if (x.expiry_ms < -1)
		errbuf_set(err, errlen, "expiry time %" PRId64 " is not valid", x.expiry_ms);
	else if (x.priority < 0 || x.priority > 9)
		errbuf_set(err, errlen, "priority %d is not 0 to 9", (int)x.priority);
	else if (x.persistence != 0 && x.persistence != 1)
		errbuf_set(err, errlen, "persistence %d is not 0 or 1", (int)x.persistence);
	else if (x.backout_count < 0)
		errbuf_set(err, errlen, "backout count %d is negative", (int)x.backout_count);
	else if (x.flags != 0)
		errbuf_set(err, errlen, "flags %#x are not 0", x.flags);
	else if (x.data_len > OBJFILE_DATA_MAX)
		errbuf_set(err, errlen, "data length %u is more than %u", x.data_len, OBJFILE_DATA_MAX);
	else {
		*m = x;
		return QM_OK;
	}
	return QM_ECORRUPT;
}

/* --- queues ------------------------------------------------------------------- */

static int write_def_file(const char *path, int kind, const uint8_t *id, const struct objdef *def, uint64_t lsn,
			  uint64_t count, objfile_msg_next_fn next, void *ctx, char *err, size_t errlen)
{
	uint8_t body[OBJDEF_ENC_MAX], mh[OBJFILE_MSG_HDR_LEN], cnt[8];
	size_t blen;
	struct wr w;
	char why[300];
	if (objdef_validate(def, why, sizeof why) != QM_OK) {
		errbuf_set(err, errlen, "cannot write object file %s: %s", path, why);
		return QM_EINVAL;
	}
	int rc = objdef_encode(def, body, sizeof body, &blen);
	if (rc) {
		errbuf_set(err, errlen, "cannot write object file %s: the definition does not encode", path);
		return rc;
	}
	if ((rc = wr_init(&w, path)) != QM_OK)
		return rc;
	wr_header(&w, kind, id, objdef_type_mqot(def->type), lsn, def->name, blen);
	wr_put(&w, body, blen);
	if (kind_is_obj(kind)) {
		put_u64(cnt, count);
		wr_put(&w, cnt, sizeof cnt);
		for (uint64_t i = 0; i <= count && w.rc == QM_OK; i++) {
			struct objfile_msg m;
			const void *data = NULL;
			memset(&m, 0, sizeof m);
			rc = next ? next(ctx, &m, &data) : 0;
			if (rc < 0) {
				wr_abort(&w);
				errbuf_set(err, errlen, "cannot write object file %s: the message source failed", path);
				return rc;
			}
			if ((rc == 0) != (i == count)) {
				wr_abort(&w);
				errbuf_set(err, errlen,
				    "cannot write object file %s: %s messages than the %" PRIu64 " announced",
				    path, rc == 0 ? "fewer" : "more", count);
				return QM_EINVAL;
			}
			if (rc == 0)
				break;
			objfile_msg_encode(&m, mh);
			if (objfile_msg_decode(mh, &m, why, sizeof why) != QM_OK || (m.data_len && !data)) {
				wr_abort(&w);
				errbuf_set(err, errlen, "cannot write object file %s: message %" PRIu64 ": %s", path,
				    i + 1, m.data_len && !data ? "no data" : why);
				return QM_EINVAL;
			}
			wr_put(&w, mh, sizeof mh);
			wr_put(&w, data, m.data_len);
		}
	}
	return wr_finish(&w, err, errlen);
}

int objfile_write_queue(const char *qmdir, const char *folder, const uint8_t id[OBJDEF_IDENTITY_LEN],
			const struct objdef *q, uint64_t lsn, uint64_t count, objfile_msg_next_fn next, void *ctx,
			char *err, size_t errlen)
{
	char path[PATH_MAX];
	int kind = type_kind(q->type);
	if (objfile_path(qmdir, kind, folder, path, sizeof path) != QM_OK) {
		errbuf_set(err, errlen, "cannot write object %s: bad folder name '%s'", q->name, folder ? folder : "");
		return QM_EINVAL;
	}
	if (!objdef_is_catalogued(q->type) || (q->type != OBJDEF_QLOCAL && count > 0)) {
		errbuf_set(err, errlen, "cannot write object file %s: a %s holds no messages", path,
		    objdef_type_name(q->type) ? objdef_type_name(q->type) : "non-queue");
		return QM_EINVAL;
	}
	return write_def_file(path, kind, id, q, lsn, count, next, ctx, err, errlen);
}

int objfile_read_queue(const char *qmdir, const char *folder, const uint8_t id[OBJDEF_IDENTITY_LEN],
		       int expect_type, const char *expect_name, struct objdef *q, uint64_t *lsn, uint64_t *count,
		       objfile_msg_fn fn, void *ctx, char *err, size_t errlen)
{
	char path[PATH_MAX], why[200];
	struct rd r;
	struct hdr h;
	struct objdef d;
	uint8_t cnt[8], mh[OBJFILE_MSG_HDR_LEN], *data = NULL;
	size_t data_cap = 0;
	uint64_t n = 0;
	int kind = type_kind(expect_type);
	if (objfile_path(qmdir, kind, folder, path, sizeof path) != QM_OK) {
		errbuf_set(err, errlen, "object folder name '%s' is not valid", folder ? folder : "");
		return QM_EINVAL;
	}
	int rc = rd_start(&r, path, kind, id, &h, err, errlen);
	if (rc == QM_OK)
		rc = rd_def(&r, &h, kind, &d);
	if (rc == QM_OK && (objdef_is_queue(d.type) ? 0 : d.type) != kind_type(kind))
		rc = DAMAGED(&r, "holds a %s, which does not belong in this file", objdef_type_name(d.type));
	if (rc == QM_OK && expect_type && d.type != expect_type)
		rc = DAMAGED(&r, "holds a %s, the catalog says %s", objdef_type_name(d.type),
			     objdef_type_name(expect_type) ? objdef_type_name(expect_type) : "?");
	if (rc == QM_OK && expect_name && strcmp(d.name, expect_name) != 0)
		rc = DAMAGED(&r, "holds %s %s, not %s", objdef_is_queue(d.type) ? "queue" : objdef_type_name(d.type), d.name,
			     expect_name);
	if (rc == QM_OK)
		rc = rd_get(&r, cnt, sizeof cnt, "the message count");
	if (rc == QM_OK) {
		n = get_u64(cnt);
		if (n > (r.end - rd_off(&r)) / OBJFILE_MSG_HDR_LEN)
			rc = DAMAGED(&r, "offset %" PRIu64 ": %" PRIu64 " messages cannot fit in the rest of the file",
				     rd_off(&r) - 8, n);
		else if (n > 0 && d.type != OBJDEF_QLOCAL)
			rc = DAMAGED(&r, "a %s with %" PRIu64 " messages", objdef_type_name(d.type), n);
	}
	for (uint64_t i = 0; rc == QM_OK && i < n; i++) {
		struct objfile_msg m;
		uint64_t at = rd_off(&r);
		if ((rc = rd_get(&r, mh, sizeof mh, "a message header")) != QM_OK)
			break;
		if (objfile_msg_decode(mh, &m, why, sizeof why) != QM_OK) {
			rc = DAMAGED(&r, "message %" PRIu64 " at offset %" PRIu64 ": %s", i + 1, at, why);
			break;
		}
		if (m.data_len > data_cap) {
			uint8_t *nd = realloc(data, m.data_len);
			if (!nd) {
				rc = QM_ENOMEM;
				break;
			}
			data = nd;
			data_cap = m.data_len;
		}
		uint64_t data_off = rd_off(&r);
		if ((rc = rd_get(&r, data, m.data_len, "message data")) != QM_OK)
			break;
		if (fn && (rc = fn(ctx, &m, data, data_off)) != 0)
			break;
	}
	if (rc == QM_OK)
		rc = rd_done(&r);
	if (rc == QM_OK) {
		*q = d;
		if (lsn)
			*lsn = h.lsn;
		if (count)
			*count = n;
	}
	free(data);
	free(h.body);
	rd_close(&r);
	return rc;
}

int objfile_load_queue(const char *qmdir, const uint8_t id[OBJDEF_IDENTITY_LEN], const struct objcat *c,
		       const char *name, struct objdef *q, uint64_t *lsn, uint64_t *count, objfile_msg_fn fn,
		       void *ctx, char *err, size_t errlen)
{
	const struct objcat_entry *e = objcat_find(c, OBJDEF_QLOCAL, name);
	if (!e) {
		errbuf_set(err, errlen, "queue %s is not in the object catalog", name ? name : "(null)");
		return QM_ENOENT;
	}
	return objfile_read_queue(qmdir, e->folder, id, e->type, e->name, q, lsn, count, fn, ctx, err, errlen);
}

int objfile_queue_dir_new(const char *qmdir, const char *name, char *folder, size_t n, char *err, size_t errlen)
{
	return objfile_obj_dir_new(qmdir, OBJDEF_QLOCAL, name, folder, n, err, errlen);
}

int objfile_obj_dir_new(const char *qmdir, int type, const char *name, char *folder, size_t n, char *err,
			size_t errlen)
{
	char parent[PATH_MAX], path[PATH_MAX + NAMES_FILE_SIZE + 1], f[NAMES_FILE_SIZE];
	if (snprintf(parent, sizeof parent, "%s/%s", qmdir, type_parent(type)) >= (int)sizeof parent) {
		errbuf_set(err, errlen, "queue manager folder name too long: %s", qmdir);
		return QM_EINVAL;
	}
	int rc = names_unique_dir(parent, name, f, sizeof f);
	if (rc) {
		errbuf_set(err, errlen, "cannot choose a folder for %s in %s: %s", name, parent,
		    rc == QM_EINVAL ? "bad name" : rc == QM_EEXIST ? "every suffix is taken" : strerror(errno));
		return rc;
	}
	snprintf(path, sizeof path, "%s/%s", parent, f);
	if ((rc = os_mkdir_p(path, 0770)) != QM_OK) {
		errbuf_set(err, errlen, "cannot create folder %s: %s", path, strerror(errno));
		return rc;
	}
	if (strlen(f) + 1 > n) {
		errbuf_set(err, errlen, "no room for the folder name of %s", name);
		return QM_EINVAL;
	}
	memcpy(folder, f, strlen(f) + 1);
	return QM_OK;
}

int objfile_queue_remove(const char *qmdir, const char *folder, char *err, size_t errlen)
{
	return objfile_obj_remove(qmdir, OBJDEF_QLOCAL, folder, err, errlen);
}

int objfile_obj_remove(const char *qmdir, int type, const char *folder, char *err, size_t errlen)
{
	char path[PATH_MAX], dir[PATH_MAX + 16];
	int rc = objfile_path(qmdir, type_kind(type), folder, path, sizeof path);
	if (rc) {
		errbuf_set(err, errlen, "object folder name '%s' is not valid", folder ? folder : "");
		return rc;
	}
	objfile_obj_dir(qmdir, type, folder, dir, sizeof dir);   /* valid: objfile_path checked it */
	rc = os_unlink_durable(path);
	if (rc != QM_OK && errno != ENOENT) {
		errbuf_set(err, errlen, "cannot remove %s: %s", path, strerror(errno));
		return rc;
	}
	char tmp[PATH_MAX + 8];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	osio->unlink(tmp);
	if (osio->rmdir(dir) != 0) {
		if (errno == ENOENT)
			return QM_OK;
		rc = os_errno_rc();
		errbuf_set(err, errlen, "cannot remove folder %s: %s", dir, strerror(errno));
		return rc;
	}
	if ((rc = os_fsync_parent(dir)) != QM_OK)
		errbuf_set(err, errlen, "cannot sync the folder above %s: %s", dir, strerror(errno));
	return rc;
}
