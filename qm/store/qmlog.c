/* qmlog.c: the payloads of the queue manager's log records (format in qmlog.h). */
#include "qm/store/qmlog.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "log/logrec.h"
#include "log/qmerr.h"
#include "qm/proto.h"

/* ---- encoding ------------------------------------------------------------- */

static size_t name_size(const char *q)
{
	return 1 + strlen(q);
}

static int put_name(uint8_t *p, const char *q)
{
	size_t n = strlen(q);
	if (n == 0 || n > OBJDEF_NAME_SIZE - 1)
		return QM_EINVAL;
	p[0] = (uint8_t)n;
	memcpy(p + 1, q, n);
	return (int)(n + 1);
}

size_t qmlog_put_size(const char *qname, uint32_t data_len)
{
	return 1 + name_size(qname) + OBJFILE_MSG_HDR_LEN + data_len;
}

int qmlog_enc_start(uint8_t *buf, size_t cap, const struct qmlog_start *s)
{
	size_t v = strlen(s->version);
	if (v > QMLOG_VERSION_TEXT_MAX)
		return QM_EINVAL;
	if (cap < 14 + v)
		return QM_ETOOBIG;
	buf[0] = QMLOG_VERSION;
	put_u64(buf + 1, (uint64_t)s->time_ms);
	put_u32(buf + 9, s->pid);
	buf[13] = (uint8_t)v;
	memcpy(buf + 14, s->version, v);
	return (int)(14 + v);
}

int qmlog_enc_stop(uint8_t *buf, size_t cap, const struct qmlog_stop *s)
{
	if (cap < 13)
		return QM_ETOOBIG;
	buf[0] = QMLOG_VERSION;
	put_u64(buf + 1, (uint64_t)s->time_ms);
	put_u32(buf + 9, s->mode);
	return 13;
}

int qmlog_enc_uow(uint8_t *buf, size_t cap, const struct qmlog_uow *u)
{
	if (cap < 13)
		return QM_ETOOBIG;
	buf[0] = QMLOG_VERSION;
	put_u64(buf + 1, (uint64_t)u->time_ms);
	put_u32(buf + 9, u->ops);
	return 13;
}

int qmlog_enc_ckpt_begin(uint8_t *buf, size_t cap, int64_t time_ms)
{
	if (cap < 9)
		return QM_ETOOBIG;
	buf[0] = QMLOG_VERSION;
	put_u64(buf + 1, (uint64_t)time_ms);
	return 9;
}

size_t qmlog_ckpt_end_size(uint32_t n, const struct qmlog_ckpt_queue *qs, uint32_t nq,
			   const struct qmlog_ckpt_media *ms, uint32_t nm)
{
	size_t need = 21 + (size_t)n * 16;
	for (uint32_t i = 0; i < nq; i++)
		need += name_size(qs[i].name) + 8;
	for (uint32_t i = 0; i < nm; i++)
		need += 1 + name_size(ms[i].name) + 16;
	return need;
}

int qmlog_enc_ckpt_end(uint8_t *buf, size_t cap, uint64_t begin_lsn, const struct qmlog_ckpt_uow *uows, uint32_t n,
		       const struct qmlog_ckpt_queue *qs, uint32_t nq, const struct qmlog_ckpt_media *ms, uint32_t nm)
{
	size_t need = qmlog_ckpt_end_size(n, qs, nq, ms, nm);
	if (need > (size_t)INT32_MAX || cap < need)
		return QM_ETOOBIG;
	buf[0] = QMLOG_CKPT_END_VERSION;
	put_u64(buf + 1, begin_lsn);
	put_u32(buf + 9, n);
	for (uint32_t i = 0; i < n; i++) {
		put_u64(buf + 13 + 16 * (size_t)i, uows[i].id);
		put_u64(buf + 21 + 16 * (size_t)i, uows[i].first_lsn);
	}
	size_t at = 13 + (size_t)n * 16;
	put_u32(buf + at, nq);
	at += 4;
	for (uint32_t i = 0; i < nq; i++) {
		int k = put_name(buf + at, qs[i].name);
		if (k < 0)
			return k;
		at += (size_t)k;
		put_u64(buf + at, qs[i].file_lsn);
		at += 8;
	}
	put_u32(buf + at, nm);
	at += 4;
	for (uint32_t i = 0; i < nm; i++) {
		buf[at++] = (uint8_t)ms[i].type;
		int k = put_name(buf + at, ms[i].name);
		if (k < 0)
			return k;
		at += (size_t)k;
		put_u64(buf + at, ms[i].media_lsn);
		put_u64(buf + at + 8, ms[i].image_lsn);
		at += 16;
	}
	return (int)at;
}

/* ---- media images ---- */

int qmlog_enc_image_begin(uint8_t *buf, size_t cap, uint64_t replay_from, uint64_t msgs, uint64_t bytes,
			  const void *def, size_t deflen)
{
	if (cap < 26 + deflen || deflen > OBJDEF_ENC_MAX)
		return QM_ETOOBIG;
	buf[0] = QMLOG_VERSION;
	buf[1] = QMLOG_IMG_BEGIN;
	put_u64(buf + 2, replay_from);
	put_u64(buf + 10, msgs);
	put_u64(buf + 18, bytes);
	memcpy(buf + 26, def, deflen);
	return (int)(26 + deflen);
}

int qmlog_enc_image_msgs_head(uint8_t *buf, size_t cap, const char *qname)
{
	if (cap < 2 + name_size(qname) + 4)
		return QM_ETOOBIG;
	buf[0] = QMLOG_VERSION;
	buf[1] = QMLOG_IMG_MSGS;
	int k = put_name(buf + 2, qname);
	if (k < 0)
		return k;
	put_u32(buf + 2 + k, 0);
	return 2 + k + 4;
}

size_t qmlog_image_msg_size(uint32_t data_len)
{
	return OBJFILE_MSG_HDR_LEN + (size_t)data_len;
}

void qmlog_image_msg_put(uint8_t *at, const struct objfile_msg *h, const void *data)
{
	objfile_msg_encode(h, at);
	if (h->data_len)
		memcpy(at + OBJFILE_MSG_HDR_LEN, data, h->data_len);
}

void qmlog_image_msgs_count(uint8_t *buf, uint32_t count)
{
	put_u32(buf + 2 + 1 + buf[2], count);
}

int qmlog_enc_image_end(uint8_t *buf, size_t cap, const char *qname, uint64_t begin_lsn, uint64_t replay_from,
			uint64_t msgs, uint64_t bytes)
{
	if (cap < 2 + name_size(qname) + 32)
		return QM_ETOOBIG;
	buf[0] = QMLOG_VERSION;
	buf[1] = QMLOG_IMG_END;
	int k = put_name(buf + 2, qname);
	if (k < 0)
		return k;
	put_u64(buf + 2 + k, begin_lsn);
	put_u64(buf + 10 + k, replay_from);
	put_u64(buf + 18 + k, msgs);
	put_u64(buf + 26 + k, bytes);
	return 2 + k + 32;
}

int qmlog_enc_put(uint8_t *buf, size_t cap, const char *qname, const struct objfile_msg *m, const void *data)
{
	size_t need = qmlog_put_size(qname, m->data_len);
	if (need > (size_t)INT32_MAX)
		return QM_ETOOBIG;
	if (cap < need)
		return QM_ETOOBIG;
	buf[0] = QMLOG_VERSION;
	int k = put_name(buf + 1, qname);
	if (k < 0)
		return k;
	struct objfile_msg h = *m;
	h.put_lsn = 0;
	objfile_msg_encode(&h, buf + 1 + k);
	if (m->data_len)
		memcpy(buf + 1 + k + OBJFILE_MSG_HDR_LEN, data, m->data_len);
	return (int)need;
}

static int enc_ref(uint8_t *buf, size_t cap, const char *qname, int with_lsn, uint64_t put_lsn, int with_count,
		   int32_t count)
{
	size_t need = 1 + name_size(qname) + (with_lsn ? 8 : 0) + (with_count ? 4 : 0);
	if (cap < need)
		return QM_ETOOBIG;
	buf[0] = QMLOG_VERSION;
	int k = put_name(buf + 1, qname);
	if (k < 0)
		return k;
	size_t at = 1 + (size_t)k;
	if (with_lsn) {
		put_u64(buf + at, put_lsn);
		at += 8;
	}
	if (with_count) {
		put_u32(buf + at, (uint32_t)count);
		at += 4;
	}
	return (int)at;
}

int qmlog_enc_get(uint8_t *buf, size_t cap, const char *qname, uint64_t put_lsn)
{
	return enc_ref(buf, cap, qname, 1, put_lsn, 0, 0);
}

int qmlog_enc_get_at(uint8_t *buf, size_t cap, const char *qname, uint64_t put_lsn, int64_t time_ms)
{
	int k = enc_ref(buf, cap, qname, 1, put_lsn, 0, 0);
	if (k < 0)
		return k;
	if (cap < (size_t)k + 8)
		return QM_ETOOBIG;
	buf[0] = QMLOG_GET_VERSION;
	put_u64(buf + k, (uint64_t)time_ms);
	return k + 8;
}

int qmlog_enc_clear(uint8_t *buf, size_t cap, const char *qname)
{
	return enc_ref(buf, cap, qname, 0, 0, 0, 0);
}

int qmlog_enc_bocnt(uint8_t *buf, size_t cap, const char *qname, uint64_t put_lsn, int32_t count)
{
	return enc_ref(buf, cap, qname, 1, put_lsn, 1, count);
}

/* ---- decoding ------------------------------------------------------------- */

static int check_version(const uint8_t *p, size_t len, size_t min)
{
	if (len < 1)
		return QM_ECORRUPT;
	if (p[0] != QMLOG_VERSION)
		return QM_EVERSION;
	return len < min ? QM_ECORRUPT : QM_OK;
}

/* Read a queue name at p[*at]; advances *at. */
static int get_name(const uint8_t *p, size_t len, size_t *at, char out[OBJDEF_NAME_SIZE])
{
	if (*at >= len)
		return QM_ECORRUPT;
	size_t n = p[*at];
	if (n == 0 || n > OBJDEF_NAME_SIZE - 1 || *at + 1 + n > len)
		return QM_ECORRUPT;
	memcpy(out, p + *at + 1, n);
	out[n] = 0;
	if (memchr(out, 0, n))
		return QM_ECORRUPT;
	*at += 1 + n;
	return QM_OK;
}

int qmlog_dec_start(const uint8_t *p, size_t len, struct qmlog_start *s)
{
	int rc = check_version(p, len, 14);
	if (rc)
		return rc;
	size_t v = p[13];
	if (v > QMLOG_VERSION_TEXT_MAX || len != 14 + v)
		return QM_ECORRUPT;
	s->time_ms = (int64_t)get_u64(p + 1);
	s->pid = get_u32(p + 9);
	memcpy(s->version, p + 14, v);
	s->version[v] = 0;
	return QM_OK;
}

int qmlog_dec_stop(const uint8_t *p, size_t len, struct qmlog_stop *s)
{
	int rc = check_version(p, len, 13);
	if (rc)
		return rc;
	if (len != 13)
		return QM_ECORRUPT;
	s->time_ms = (int64_t)get_u64(p + 1);
	s->mode = get_u32(p + 9);
	return QM_OK;
}

int qmlog_dec_uow(const uint8_t *p, size_t len, struct qmlog_uow *u)
{
	int rc = check_version(p, len, 13);
	if (rc)
		return rc;
	if (len != 13)
		return QM_ECORRUPT;
	u->time_ms = (int64_t)get_u64(p + 1);
	u->ops = get_u32(p + 9);
	return QM_OK;
}

int qmlog_dec_ckpt_begin(const uint8_t *p, size_t len, int64_t *time_ms)
{
	int rc = check_version(p, len, 9);
	if (rc)
		return rc;
	if (len != 9)
		return QM_ECORRUPT;
	*time_ms = (int64_t)get_u64(p + 1);
	return QM_OK;
}

int qmlog_dec_ckpt_end(const uint8_t *p, size_t len, struct qmlog_ckpt_end *c)
{
	memset(c, 0, sizeof *c);
	if (len < 1)
		return QM_ECORRUPT;
	if (p[0] != QMLOG_VERSION && p[0] != 2 && p[0] != QMLOG_CKPT_END_VERSION)
		return QM_EVERSION;
	if (len < 13)
		return QM_ECORRUPT;
	c->begin_lsn = get_u64(p + 1);
	c->n = get_u32(p + 9);
	if (p[0] == QMLOG_VERSION) {   /* version 1: no queue list */
		if ((len - 13) / 16 != c->n || (len - 13) % 16)
			return QM_ECORRUPT;
		c->uows = p + 13;
		return QM_OK;
	}
	if ((len - 13) / 16 < c->n || len - 13 - (size_t)c->n * 16 < 4)
		return QM_ECORRUPT;
	c->uows = p + 13;
	size_t at = 13 + (size_t)c->n * 16;
	c->nq = get_u32(p + at);
	at += 4;
	c->queues = p + at;
	c->qlen = len - at;
	/* every entry must be there, and nothing after them but (version 3) the media list */
	size_t pos = 0;
	for (uint32_t i = 0; i < c->nq; i++) {
		char name[OBJDEF_NAME_SIZE];
		uint64_t lsn;
		if (qmlog_ckpt_queue_next(c, &pos, name, &lsn))
			return QM_ECORRUPT;
	}
	if (p[0] == 2)
		return pos == c->qlen ? QM_OK : QM_ECORRUPT;
	c->qlen = pos;
	at += pos;
	if (len - at < 4)
		return QM_ECORRUPT;
	c->nm = get_u32(p + at);
	at += 4;
	c->media = p + at;
	c->mlen = len - at;
	pos = 0;
	for (uint32_t i = 0; i < c->nm; i++) {
		char name[OBJDEF_NAME_SIZE];
		int type;
		uint64_t a, b;
		if (qmlog_ckpt_media_next(c, &pos, &type, name, &a, &b))
			return QM_ECORRUPT;
	}
	return pos == c->mlen ? QM_OK : QM_ECORRUPT;
}

int qmlog_ckpt_queue_next(const struct qmlog_ckpt_end *c, size_t *pos, char name[OBJDEF_NAME_SIZE], uint64_t *lsn)
{
	size_t at = *pos;
	if (get_name(c->queues, c->qlen, &at, name) || c->qlen - at < 8)
		return QM_ECORRUPT;
	*lsn = get_u64(c->queues + at);
	*pos = at + 8;
	return QM_OK;
}

int qmlog_ckpt_media_next(const struct qmlog_ckpt_end *c, size_t *pos, int *type, char name[OBJDEF_NAME_SIZE],
			  uint64_t *media_lsn, uint64_t *image_lsn)
{
	size_t at = *pos;
	if (at >= c->mlen)
		return QM_ECORRUPT;
	*type = c->media[at++];
	if (*type < OBJDEF_QMGR || *type >= OBJDEF_NTYPES || get_name(c->media, c->mlen, &at, name) ||
	    c->mlen - at < 16)
		return QM_ECORRUPT;
	*media_lsn = get_u64(c->media + at);
	*image_lsn = get_u64(c->media + at + 8);
	*pos = at + 16;
	return QM_OK;
}

int qmlog_dec_image(const uint8_t *p, size_t len, struct qmlog_image *out)
{
	memset(out, 0, sizeof *out);
	int rc = check_version(p, len, 2);
	if (rc)
		return rc;
	out->part = p[1];
	size_t at = 2;
	switch (out->part) {
	case QMLOG_IMG_BEGIN:
		if (len < 26 + 1)
			return QM_ECORRUPT;
		out->replay_from = get_u64(p + 2);
		out->msgs = get_u64(p + 10);
		out->bytes = get_u64(p + 18);
		out->def = p + 26;
		out->deflen = len - 26;
		return QM_OK;
	case QMLOG_IMG_MSGS:
		if (get_name(p, len, &at, out->qname) || len - at < 4)
			return QM_ECORRUPT;
		out->count = get_u32(p + at);
		out->body = p + at + 4;
		out->blen = len - at - 4;
		return QM_OK;
	case QMLOG_IMG_END:
		if (get_name(p, len, &at, out->qname) || len - at != 32)
			return QM_ECORRUPT;
		out->begin_lsn = get_u64(p + at);
		out->replay_from = get_u64(p + at + 8);
		out->msgs = get_u64(p + at + 16);
		out->bytes = get_u64(p + at + 24);
		return QM_OK;
	default:
		return QM_ECORRUPT;
	}
}

int qmlog_image_msg_next(const struct qmlog_image *im, size_t *pos, struct objfile_msg *h, const uint8_t **data)
{
	if (*pos == im->blen)
		return 0;
	if (im->blen - *pos < OBJFILE_MSG_HDR_LEN)
		return QM_ECORRUPT;
	if (objfile_msg_decode(im->body + *pos, h, NULL, 0))
		return QM_ECORRUPT;
	if (im->blen - *pos - OBJFILE_MSG_HDR_LEN < h->data_len)
		return QM_ECORRUPT;
	*data = im->body + *pos + OBJFILE_MSG_HDR_LEN;
	*pos += OBJFILE_MSG_HDR_LEN + h->data_len;
	return 1;
}

void qmlog_ckpt_uow_at(const struct qmlog_ckpt_end *c, uint32_t i, struct qmlog_ckpt_uow *u)
{
	u->id = get_u64(c->uows + 16 * (size_t)i);
	u->first_lsn = get_u64(c->uows + 16 * (size_t)i + 8);
}

int qmlog_dec_put(const uint8_t *p, size_t len, struct qmlog_put *out)
{
	int rc = check_version(p, len, 2);
	if (rc)
		return rc;
	size_t at = 1;
	if ((rc = get_name(p, len, &at, out->qname)))
		return rc;
	if (len - at < OBJFILE_MSG_HDR_LEN)
		return QM_ECORRUPT;
	if (objfile_msg_decode(p + at, &out->m, NULL, 0))
		return QM_ECORRUPT;
	at += OBJFILE_MSG_HDR_LEN;
	if (len - at != out->m.data_len)
		return QM_ECORRUPT;
	out->data = p + at;
	out->m.put_lsn = 0;
	return QM_OK;
}

static int dec_ref(const uint8_t *p, size_t len, struct qmlog_msgref *out, int with_lsn, int with_count)
{
	int rc = check_version(p, len, 2);
	if (rc)
		return rc;
	size_t at = 1;
	if ((rc = get_name(p, len, &at, out->qname)))
		return rc;
	out->put_lsn = 0;
	out->count = 0;
	out->time_ms = 0;
	if (len - at != (size_t)(with_lsn ? 8 : 0) + (with_count ? 4 : 0))
		return QM_ECORRUPT;
	if (with_lsn) {
		out->put_lsn = get_u64(p + at);
		at += 8;
	}
	if (with_count) {
		out->count = (int32_t)get_u32(p + at);
		if (out->count < 0)
			return QM_ECORRUPT;
	}
	return QM_OK;
}

int qmlog_dec_get(const uint8_t *p, size_t len, struct qmlog_msgref *out)
{
	out->time_ms = 0;
	if (len < 1 || p[0] != QMLOG_GET_VERSION)
		return dec_ref(p, len, out, 1, 0);
	/* version 2: the same, then the time of the get */
	if (len < 9)
		return QM_ECORRUPT;
	uint8_t v1[1 + OBJDEF_NAME_SIZE + 8];
	if (len - 8 > sizeof v1)
		return QM_ECORRUPT;
	memcpy(v1, p, len - 8);
	v1[0] = QMLOG_VERSION;
	int rc = dec_ref(v1, len - 8, out, 1, 0);
	out->time_ms = rc ? 0 : (int64_t)get_u64(p + len - 8);
	return rc;
}

int qmlog_dec_clear(const uint8_t *p, size_t len, struct qmlog_msgref *out)
{
	return dec_ref(p, len, out, 0, 0);
}

int qmlog_dec_bocnt(const uint8_t *p, size_t len, struct qmlog_msgref *out)
{
	return dec_ref(p, len, out, 1, 1);
}

/* ---- dmpmqlog -------------------------------------------------------------- */

static void time_text(int64_t ms, char *buf, size_t n)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	if (ms < 0 || !gmtime_r(&t, &tm)) {
		snprintf(buf, n, "(time %" PRId64 ")", ms);
		return;
	}
	char s[32];
	strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, n, "%s.%03dZ", s, (int)(ms % 1000));
}

void qmlog_hex(const uint8_t *b, size_t len, char *out)
{
	static const char hx[] = "0123456789ABCDEF";
	for (size_t i = 0; i < len; i++) {
		out[2 * i] = hx[b[i] >> 4];
		out[2 * i + 1] = hx[b[i] & 15];
	}
	out[2 * len] = 0;
}

static const char *stop_name(uint32_t mode)
{
	switch (mode) {
	case PROTO_STOP_CONTROLLED: return "controlled";
	case PROTO_STOP_WAIT: return "controlled (wait)";
	case PROTO_STOP_IMMEDIATE: return "immediate";
	case PROTO_STOP_PREEMPTIVE: return "preemptive";
	default: return "unknown";
	}
}

static int bad(char *out, size_t n, int rc, const char *what, size_t len)
{
	snprintf(out, n, "%s payload not valid (%zu bytes): %s", what, len, qm_strerror(rc));
	return rc;
}

int qmlog_describe(unsigned type, const void *payload, size_t len, char *out, size_t n)
{
	const uint8_t *p = payload;
	char t[48], lsn[24], hex[2 * 24 + 1];
	int rc;
	if (n)
		out[0] = 0;
	switch (type) {
	case LOG_REC_QMGR_START: {
		struct qmlog_start s;
		if ((rc = qmlog_dec_start(p, len, &s)))
			return bad(out, n, rc, "queue manager start", len);
		time_text(s.time_ms, t, sizeof t);
		snprintf(out, n, "started %s pid %u version %s", t, s.pid, s.version);
		return QM_OK;
	}
	case LOG_REC_QMGR_STOP: {
		struct qmlog_stop s;
		if ((rc = qmlog_dec_stop(p, len, &s)))
			return bad(out, n, rc, "queue manager stop", len);
		time_text(s.time_ms, t, sizeof t);
		snprintf(out, n, "ended %s (%s)", t, stop_name(s.mode));
		return QM_OK;
	}
	case LOG_REC_UOW_COMMIT:
	case LOG_REC_UOW_BACKOUT: {
		struct qmlog_uow u;
		if ((rc = qmlog_dec_uow(p, len, &u)))
			return bad(out, n, rc, type == LOG_REC_UOW_COMMIT ? "commit" : "backout", len);
		time_text(u.time_ms, t, sizeof t);
		snprintf(out, n, "%s %s, %u logged operations", type == LOG_REC_UOW_COMMIT ? "committed" : "backed out",
			 t, u.ops);
		return QM_OK;
	}
	case LOG_REC_CKPT_BEGIN: {
		int64_t ms;
		if ((rc = qmlog_dec_ckpt_begin(p, len, &ms)))
			return bad(out, n, rc, "checkpoint begin", len);
		time_text(ms, t, sizeof t);
		snprintf(out, n, "checkpoint begins %s", t);
		return QM_OK;
	}
	case LOG_REC_CKPT_END: {
		struct qmlog_ckpt_end c;
		if ((rc = qmlog_dec_ckpt_end(p, len, &c)))
			return bad(out, n, rc, "checkpoint end", len);
		int k = snprintf(out, n, "checkpoint of %s, %u active units of work", log_lsn_str(c.begin_lsn, lsn), c.n);
		for (uint32_t i = 0; i < c.n && k > 0 && (size_t)k < n; i++) {
			struct qmlog_ckpt_uow u;
			qmlog_ckpt_uow_at(&c, i, &u);
			k += snprintf(out + k, n - (size_t)k, "%s %" PRIu64 " from %s", i ? "," : ":", u.id,
				      log_lsn_str(u.first_lsn, lsn));
		}
		size_t pos = 0;
		if (c.nq && k > 0 && (size_t)k < n)
			k += snprintf(out + k, n - (size_t)k, "; %u queue files", c.nq);
		for (uint32_t i = 0; i < c.nq && k > 0 && (size_t)k < n; i++) {
			char qn[OBJDEF_NAME_SIZE];
			uint64_t fl;
			if (qmlog_ckpt_queue_next(&c, &pos, qn, &fl))
				break;
			k += snprintf(out + k, n - (size_t)k, "%s %s at %s", i ? "," : ":", qn, log_lsn_str(fl, lsn));
		}
		pos = 0;
		if (c.nm && k > 0 && (size_t)k < n)
			k += snprintf(out + k, n - (size_t)k, "; %u media recovery LSNs", c.nm);
		for (uint32_t i = 0; i < c.nm && k > 0 && (size_t)k < n; i++) {
			char qn[OBJDEF_NAME_SIZE], l2[24];
			uint64_t ml, il;
			int ty;
			if (qmlog_ckpt_media_next(&c, &pos, &ty, qn, &ml, &il))
				break;
			k += snprintf(out + k, n - (size_t)k, "%s %s %s from %s (image %s)", i ? "," : ":",
				      objdef_type_name(ty), qn, log_lsn_str(ml, lsn), log_lsn_str(il, l2));
		}
		return QM_OK;
	}
	case LOG_REC_MEDIA_IMAGE: {
		struct qmlog_image im;
		if ((rc = qmlog_dec_image(p, len, &im)))
			return bad(out, n, rc, "media image", len);
		if (im.part == QMLOG_IMG_BEGIN) {
			struct objdef d;
			char why[160];
			if ((rc = objdef_decode(im.def, im.deflen, &d, why, sizeof why))) {
				snprintf(out, n, "media image definition not valid (%zu bytes): %s", im.deflen, why);
				return rc;
			}
			snprintf(out, n, "media image of %s %s begins, %" PRIu64 " messages (%" PRIu64
				 " bytes) follow; media recovery from %s", objdef_type_name(d.type), d.name, im.msgs,
				 im.bytes, log_lsn_str(im.replay_from, lsn));
		} else if (im.part == QMLOG_IMG_MSGS) {
			snprintf(out, n, "media image of queue %s: %u messages", im.qname, im.count);
		} else {
			snprintf(out, n, "media image of %s ends (begun at %s), %" PRIu64 " messages, %" PRIu64 " bytes",
				 im.qname, log_lsn_str(im.begin_lsn, lsn), im.msgs, im.bytes);
		}
		return QM_OK;
	}
	case LOG_REC_MSG_PUT: {
		struct qmlog_put m;
		if ((rc = qmlog_dec_put(p, len, &m)))
			return bad(out, n, rc, "put", len);
		qmlog_hex(m.m.msgid, 24, hex);
		snprintf(out, n, "queue %s msgid %s priority %d %s, %u bytes", m.qname, hex, (int)m.m.priority,
			 m.m.persistence ? "persistent" : "nonpersistent", m.m.data_len);
		return QM_OK;
	}
	case LOG_REC_MSG_GET: {
		struct qmlog_msgref g;
		if ((rc = qmlog_dec_get(p, len, &g)))
			return bad(out, n, rc, "get", len);
		if (g.time_ms) {
			time_text(g.time_ms, t, sizeof t);
			snprintf(out, n, "queue %s message put at %s, got %s", g.qname, log_lsn_str(g.put_lsn, lsn), t);
		} else {
			snprintf(out, n, "queue %s message put at %s", g.qname, log_lsn_str(g.put_lsn, lsn));
		}
		return QM_OK;
	}
	case LOG_REC_Q_CLEAR: {
		struct qmlog_msgref g;
		if ((rc = qmlog_dec_clear(p, len, &g)))
			return bad(out, n, rc, "clear", len);
		snprintf(out, n, "queue %s cleared", g.qname);
		return QM_OK;
	}
	case LOG_REC_BACKOUT_CNT: {
		struct qmlog_msgref g;
		if ((rc = qmlog_dec_bocnt(p, len, &g)))
			return bad(out, n, rc, "backout count", len);
		snprintf(out, n, "queue %s message put at %s backout count %d", g.qname, log_lsn_str(g.put_lsn, lsn),
			 (int)g.count);
		return QM_OK;
	}
	case LOG_REC_OBJ_CREATE:
	case LOG_REC_OBJ_ALTER: {
		struct objdef d;
		char why[160];
		if ((rc = objdef_decode(payload, len, &d, why, sizeof why))) {
			snprintf(out, n, "definition not valid (%zu bytes): %s", len, why);
			return rc;
		}
		snprintf(out, n, "%s %s %s", type == LOG_REC_OBJ_CREATE ? "define" : "alter",
			 objdef_type_name(d.type) ? objdef_type_name(d.type) : "object", d.name);
		return QM_OK;
	}
	case LOG_REC_OBJ_DELETE:
		snprintf(out, n, "delete");
		return QM_OK;
	default:
		return QM_OK;
	}
}
