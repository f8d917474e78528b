/*
 * qmlog.h: the payloads of the queue manager's log records.
 *
 * The log (log/) stores typed records and knows nothing of what is in them;
 * this file says what the queue manager writes in each type it owns.  Every
 * integer is little-endian, written with the put_u* / get_u* helpers; every
 * payload starts with a format version byte (QMLOG_VERSION).  A reader that
 * finds a version it does not know stops with QM_EVERSION; a payload shorter
 * than its fields, a name that is not 1..48 bytes, or a length that does not
 * add up is QM_ECORRUPT.  Record headers (log/logrec.h) carry the unit of work
 * id (uow, 0 when the operation is outside syncpoint) and the object id
 * (objstore_obj_id(OBJDEF_QLOCAL, queue name) for queue operations).
 *
 * A queue name Q below is: u8 length n (1..48), then n bytes (no padding).
 *
 *  QMGR_START  (2)   0 u8 version, 1 i64 time (ms since 1970 UTC), 9 u32 pid,
 *                    13 u8 length v, 14 v bytes: the product version ("0.1.0.0")
 *  QMGR_STOP   (3)   0 u8 version, 1 i64 time, 9 u32 how it ended (PROTO_STOP_*)
 *  UOW_COMMIT  (5)   0 u8 version, 1 i64 time, 9 u32 logged operations in the
 *  UOW_BACKOUT (6)   unit of work (puts and gets of persistent messages)
 *                    The header's uow is the unit of work ended.
 *  CKPT_BEGIN  (7)   0 u8 version, 1 i64 time
 *  CKPT_END    (8)   0 u8 version (3; 2 and 1 are still read: 1 has no queue
 *                    list, 2 no media list),
 *                    1 u64 LSN of the matching CKPT_BEGIN,
 *                    9 u32 n, then n active units of work: u64 id, u64 LSN of
 *                    its first record.  Restart reads the log from the lowest
 *                    of CKPT_BEGIN and those LSNs.  Then (version 2) u32 nq and
 *                    nq queues: Q, u64 the LSN its queue file reflects after
 *                    this checkpoint (0: not known, the queue is damaged).
 *                    Restart compares each loaded file with the newest list
 *                    it replays: a file older than that was replaced by an
 *                    older copy (issue 9 defect 2).  Then (version 3) u32 nm
 *                    and nm objects: u8 type (objdef.h: 1 qmgr, 2 qlocal,
 *                    3 qalias, 4 qmodel, 5 process; an older reader refuses
 *                    5), Q (the queue
 *                    manager's own name for OBJDEF_QMGR), u64 its media
 *                    recovery LSN (the first record media recovery reads:
 *                    0 not known, the whole log), u64 the LSN of its latest
 *                    image (the MEDIA_IMAGE BEGIN, or the OBJ_CREATE record).
 *  MSG_PUT     (9)   0 u8 version, 1 Q, then the message header of the queue
 *                    file format (objects/objfile.h, OBJFILE_MSG_HDR_LEN bytes,
 *                    objfile_msg_encode; its put LSN field is 0: the record's
 *                    own LSN is the message's put LSN), then data_len bytes of
 *                    data.  Only persistent messages are ever logged.
 *  MSG_GET     (10)  0 u8 version (2; 1 is still read), 1 Q, u64 put LSN of the
 *                    message removed, then (version 2) i64 the time of the get
 *                    (rcrmqobj -e with a time finds the log position by it)
 *  Q_CLEAR     (15)  0 u8 version, 1 Q
 *  BACKOUT_CNT (16)  0 u8 version, 1 Q, u64 put LSN, i32 the new backout count
 *  OBJ_CREATE, OBJ_ALTER (11, 12): objdef_encode bytes (objects/objdef.c);
 *  OBJ_DELETE (13): empty (the header's object id names it).
 *  MEDIA_IMAGE (14): an object's media image, in parts; the header's object id
 *                    is objstore_obj_id(type, name).  0 u8 version, 1 u8 part:
 *     BEGIN (1)  2 u64 the media recovery LSN (where recovery starts to read:
 *                this record, or earlier when units of work active at it or
 *                replies parked on the log touch records before it),
 *                10 u64 messages that follow in MSGS parts (0: this record
 *                is the whole image), 18 u64 their data bytes,
 *                26 the definition (objdef_encode bytes).
 *     MSGS (2)   2 Q, u32 count, then count messages: the message header of
 *                the queue file format (OBJFILE_MSG_HDR_LEN bytes, its put LSN
 *                the message's, its backout count as at BEGIN), then its data.
 *     END (3)    2 Q, u64 the LSN of BEGIN, u64 the media recovery LSN (as
 *                BEGIN's), u64 messages, u64 data bytes written (as BEGIN's).
 *                A local queue's image holds its committed persistent
 *                messages at BEGIN's LSN L (those got under units of work
 *                still active included, with their backout counts), like a
 *                queue file reflecting L: recovery loads it, then replays the
 *                queue's records from the media recovery LSN.  An image
 *                counts once its END (or its lone BEGIN) is durable.
 *
 * A message is known in the log by its put LSN: the LSN of the MSG_PUT record
 * that created it (a queue file keeps it, objfile_msg.put_lsn).  MSG_GET and
 * BACKOUT_CNT refer to it that way.
 *
 * Calling sequence (writer): qmlog_enc_*(buf, cap, ...) returns the payload
 * length, or QM_ETOOBIG when cap is too small (qmlog_put_size says how much a
 * put needs).  Reader: qmlog_dec_*(payload, len, &out).  dmpmqlog:
 * qmlog_describe(type, payload, len, out, n).
 */
#ifndef QUIRE_QMLOG_H
#define QUIRE_QMLOG_H

#include <stddef.h>
#include <stdint.h>

#include "objects/objdef.h"
#include "objects/objfile.h"

#define QMLOG_VERSION 1u
#define QMLOG_CKPT_END_VERSION 3u   /* CKPT_END with the queue and media lists */
#define QMLOG_GET_VERSION 2u        /* MSG_GET with its time */
#define QMLOG_VERSION_TEXT_MAX 32

struct qmlog_start {
	int64_t time_ms;
	uint32_t pid;
	char version[QMLOG_VERSION_TEXT_MAX + 1];
};

struct qmlog_stop {
	int64_t time_ms;
	uint32_t mode;
};

struct qmlog_uow {
	int64_t time_ms;
	uint32_t ops;
};

struct qmlog_ckpt_uow {
	uint64_t id, first_lsn;
};

struct qmlog_ckpt_end {
	uint64_t begin_lsn;
	uint32_t n;                      /* active units of work */
	const uint8_t *uows;             /* n x 16 bytes; read with qmlog_ckpt_uow_at */
	uint32_t nq;                     /* queues and their file LSNs (0 in version 1) */
	const uint8_t *queues;           /* read with qmlog_ckpt_queue_next */
	size_t qlen;
	uint32_t nm;                     /* objects and their media LSNs (0 before version 3) */
	const uint8_t *media;            /* read with qmlog_ckpt_media_next */
	size_t mlen;
};

struct qmlog_ckpt_media {
	int type;                        /* objdef.h */
	const char *name;
	uint64_t media_lsn, image_lsn;
};

enum { QMLOG_IMG_BEGIN = 1, QMLOG_IMG_MSGS = 2, QMLOG_IMG_END = 3 };

struct qmlog_image {                     /* a decoded MEDIA_IMAGE part */
	int part;                        /* QMLOG_IMG_* */
	uint64_t replay_from;            /* BEGIN, END */
	uint64_t msgs, bytes;            /* BEGIN: that follow; END: written */
	uint64_t begin_lsn;              /* END */
	char qname[OBJDEF_NAME_SIZE];    /* MSGS, END */
	const uint8_t *def;              /* BEGIN: objdef_encode bytes */
	size_t deflen;
	uint32_t count;                  /* MSGS: messages at body */
	const uint8_t *body;
	size_t blen;
};

struct qmlog_ckpt_queue {
	const char *name;
	uint64_t file_lsn;
};

struct qmlog_put {
	char qname[OBJDEF_NAME_SIZE];
	struct objfile_msg m;
	const uint8_t *data;             /* m.data_len bytes inside the payload */
};

struct qmlog_msgref {                    /* MSG_GET, Q_CLEAR, BACKOUT_CNT */
	char qname[OBJDEF_NAME_SIZE];
	uint64_t put_lsn;                /* not for Q_CLEAR */
	int32_t count;                   /* BACKOUT_CNT only */
	int64_t time_ms;                 /* MSG_GET version 2: when (0: not known) */
};

size_t qmlog_put_size(const char *qname, uint32_t data_len);

int qmlog_enc_start(uint8_t *buf, size_t cap, const struct qmlog_start *s);
int qmlog_enc_stop(uint8_t *buf, size_t cap, const struct qmlog_stop *s);
int qmlog_enc_uow(uint8_t *buf, size_t cap, const struct qmlog_uow *u);
int qmlog_enc_ckpt_begin(uint8_t *buf, size_t cap, int64_t time_ms);
size_t qmlog_ckpt_end_size(uint32_t n, const struct qmlog_ckpt_queue *qs, uint32_t nq,
			   const struct qmlog_ckpt_media *ms, uint32_t nm);
int qmlog_enc_ckpt_end(uint8_t *buf, size_t cap, uint64_t begin_lsn, const struct qmlog_ckpt_uow *uows, uint32_t n,
		       const struct qmlog_ckpt_queue *qs, uint32_t nq, const struct qmlog_ckpt_media *ms, uint32_t nm);
/* MEDIA_IMAGE parts.  MSGS: qmlog_enc_image_msgs_head writes the head (count
 * 0) and returns its length; each message goes after it with
 * qmlog_image_msg_put (qmlog_image_msg_size bytes); then
 * qmlog_image_msgs_count sets the count. */
int qmlog_enc_image_begin(uint8_t *buf, size_t cap, uint64_t replay_from, uint64_t msgs, uint64_t bytes,
			  const void *def, size_t deflen);
int qmlog_enc_image_msgs_head(uint8_t *buf, size_t cap, const char *qname);
size_t qmlog_image_msg_size(uint32_t data_len);
void qmlog_image_msg_put(uint8_t *at, const struct objfile_msg *h, const void *data);
void qmlog_image_msgs_count(uint8_t *buf, uint32_t count);
int qmlog_enc_image_end(uint8_t *buf, size_t cap, const char *qname, uint64_t begin_lsn, uint64_t replay_from,
			uint64_t msgs, uint64_t bytes);
/* m->put_lsn is written as 0 whatever it holds. */
int qmlog_enc_put(uint8_t *buf, size_t cap, const char *qname, const struct objfile_msg *m, const void *data);
int qmlog_enc_get(uint8_t *buf, size_t cap, const char *qname, uint64_t put_lsn);
/* A get with its time (version 2); qmlog_enc_get writes version 1 (tests). */
int qmlog_enc_get_at(uint8_t *buf, size_t cap, const char *qname, uint64_t put_lsn, int64_t time_ms);
int qmlog_enc_clear(uint8_t *buf, size_t cap, const char *qname);
int qmlog_enc_bocnt(uint8_t *buf, size_t cap, const char *qname, uint64_t put_lsn, int32_t count);

int qmlog_dec_start(const uint8_t *p, size_t len, struct qmlog_start *s);
int qmlog_dec_stop(const uint8_t *p, size_t len, struct qmlog_stop *s);
int qmlog_dec_uow(const uint8_t *p, size_t len, struct qmlog_uow *u);
int qmlog_dec_ckpt_begin(const uint8_t *p, size_t len, int64_t *time_ms);
int qmlog_dec_ckpt_end(const uint8_t *p, size_t len, struct qmlog_ckpt_end *c);
void qmlog_ckpt_uow_at(const struct qmlog_ckpt_end *c, uint32_t i, struct qmlog_ckpt_uow *u);
/* The next queue of a decoded CKPT_END; *pos starts at 0.  QM_ECORRUPT past the end. */
int qmlog_ckpt_queue_next(const struct qmlog_ckpt_end *c, size_t *pos, char name[OBJDEF_NAME_SIZE], uint64_t *lsn);
/* The next object of a decoded CKPT_END's media list; *pos starts at 0. */
int qmlog_ckpt_media_next(const struct qmlog_ckpt_end *c, size_t *pos, int *type, char name[OBJDEF_NAME_SIZE],
			  uint64_t *media_lsn, uint64_t *image_lsn);
int qmlog_dec_image(const uint8_t *p, size_t len, struct qmlog_image *out);
/* The next message of a decoded MSGS part (*pos starts at 0): 1 with *h and
 * *data set, 0 after the last, QM_ECORRUPT when the part does not add up. */
int qmlog_image_msg_next(const struct qmlog_image *im, size_t *pos, struct objfile_msg *h, const uint8_t **data);
/* The put LSN in out->m is 0: the caller sets it from the record header. */
int qmlog_dec_put(const uint8_t *p, size_t len, struct qmlog_put *out);
int qmlog_dec_get(const uint8_t *p, size_t len, struct qmlog_msgref *out);
int qmlog_dec_clear(const uint8_t *p, size_t len, struct qmlog_msgref *out);
int qmlog_dec_bocnt(const uint8_t *p, size_t len, struct qmlog_msgref *out);

/* One line (no newline) saying what a record of this type holds, for
 * dmpmqlog: "queue DEV.QUEUE.1 msgid 414d51... priority 4 persistent 12 bytes".
 * Returns QM_OK, or the decode error with a line saying what is wrong with
 * the payload.  Types the queue manager does not own give "". */
int qmlog_describe(unsigned type, const void *payload, size_t len, char *out, size_t n);

/* len bytes as 2 * len upper-case hex digits and a NUL (MsgIds, ConnectionIds). */
void qmlog_hex(const uint8_t *b, size_t len, char *out);

#endif
