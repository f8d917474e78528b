/*
 * objfile.h: object files: the queue manager object, the object catalog and
 * one file per queue, holding its definition and (local queues) its messages.
 *
 * PATHS (qmdir is the queue manager's data folder, <root>/qmgrs/<QM folder>)
 *   qmdir/qmanager/QMANAGER        the queue manager object   OBJFILE_QMGR
 *   qmdir/qmanager/QMQMOBJCAT      the object catalog         OBJFILE_CATALOG
 *   qmdir/queues/<folder>/q        a queue                    OBJFILE_QUEUE
 *   qmdir/processes/<folder>/p     a process definition       OBJFILE_PROCESS
 *   qmdir/topics/<folder>/t        a topic object             OBJFILE_TOPIC
 *   qmdir/channels/<folder>/c      a channel                  OBJFILE_CHANNEL
 *   qmdir/listeners/<folder>/l     a listener                 OBJFILE_LISTENER
 *   qmdir/authinfo/<folder>/a      an authentication information object  OBJFILE_AUTHINFO
 * <folder> is the queue's transformed name (objects/names.h) as the catalog
 * records it; a lookup never recomputes it.
 *
 * FORMAT (version 1; every integer little-endian)
 *
 *   offset   size  field
 *   0        8     magic "QUIREOBJ"
 *   8        4     format version, u32 = 1
 *   12       4     file kind, u32: 1 queue manager, 2 catalog, 3 queue,
 *                  4 process definition, 5 topic object, 6 channel,
 *                  7 listener, 8 authentication information
 *   16       16    queue manager identity
 *   32       4     object type, u32: MQOT_Q_MGR 5, MQOT_ALIAS_Q 1002,
 *                  MQOT_MODEL_Q 1003, MQOT_LOCAL_Q 1004, MQOT_PROCESS 3 (kind
 *                  4 only), MQOT_TOPIC 8 (kind 5 only), MQOT_CHANNEL 6
 *                  (kind 6), MQOT_LISTENER 11 (kind 7), MQOT_AUTH_INFO 7
 *                  (kind 8); 0 for the catalog
 *   36       4     reserved, u32 = 0
 *   40       8     LSN the file reflects, u64: every log record below it is
 *                  contained in the file (0: none yet)
 *   48       2     name length N, u16, 1..48
 *   50       N     name: the queue manager's, queue's, process's or topic's name, "QMQMOBJCAT"
 *   50+N     4     body length B, u32
 *   54+N     B     body: kinds 1 and 3-8 the definition (objdef_encode(),
 *                  format at the top of objdef.c); kind 2 the catalog, below
 *   54+N+B         kinds 3-8: the messages section, below (kinds 4-8:
 *                  count 0)
 *   size-8   8     XXH64 (seed 0) of every byte before it
 *
 *   Catalog body: u32 count, then count entries, sorted by (namespace, name)
 *   with queues (all queue types) namespace 1, processes namespace 2,
 *   topics namespace 3, channels 4, listeners 5 and authentication
 *   information 6 (objdef_namespace(); a process, topic, channel ... may
 *   share a queue's name, as in MQ), names unique in a namespace:
 *     0    4     object type, u32 (MQOT_*, as above)
 *     4    1     name length n (1..48), then n bytes of name
 *     5+n  1     folder length f (1..52), then f bytes: the folder name
 *                (under queues/ for a queue, processes/ for a process,
 *                topics/ for a topic, channels/, listeners/, authinfo/)
 *   The catalog lists every object except the queue manager object and itself.
 *
 *   Messages section: u64 count, then count messages, each a fixed header of
 *   OBJFILE_MSG_HDR_LEN (488) bytes followed by data length bytes of data:
 *     0    8     sequence, u64: put order; FIFO within priority follows it
 *     8    8     LSN of the message's put record, u64
 *     16   8     put time, i64 milliseconds since 1970 UTC
 *     24   8     expiry time, i64 milliseconds since 1970 UTC; -1 never
 *     32   4     priority, i32 0..9 (the one that orders the queue)
 *     36   4     persistence, i32 0 (MQPER_NOT_PERSISTENT) or 1 (PERSISTENT)
 *     40   4     backout count, i32 >= 0
 *     44   4     flags, u32 = 0
 *     48   24    message id
 *     72   24    correlation id
 *     96   24    group id
 *     120  364   the whole MQMD version 2 as the application will get it
 *                (native x86-64 layout, bytes as stored in memory)
 *     484  4     data length, u32 <= 104857600 (MAXMSGL's upper limit)
 *     488  ...   the data
 *   Only local queues hold messages; other queue files have count 0.  The
 *   header fields outside the MQMD rule where they overlap it (the queue
 *   manager keeps them equal).  Messages may come in any order.
 *
 * Validity rule: the file holds at least the 50-byte fixed header and the
 * checksum, starts with the magic, has version 1 and the expected kind, its
 * checksum matches, its identity is the queue manager's, the name and body
 * lengths lie inside the file, the body decodes (objdef_decode() or the
 * catalog rules above) to an object of the header's type and name, every
 * message header is valid (ranges above) and its data lies inside the file,
 * and the last section ends exactly at the checksum.  Anything else, a
 * missing file or a failed read is "damaged": QM_EDAMAGED with err naming
 * the file and the fault.  The caller (qm/) writes AMQ7472 to the error log.
 *
 * Writing: a file is built in memory and replaced with os_replace_file()
 * (write path.tmp, fsync, rename, fsync the folder).  A queue file too big
 * for the write buffer (OBJFILE_WBUF_SIZE) is streamed to path.tmp through
 * the same osio layer, fsynced, and renamed with os_rename_durable(), so a
 * deep queue is never held in memory whole.  Either way the old file stays
 * until the new one is complete and durable.
 *
 * Reading a queue: two passes over the file through a buffer: the first
 * checks magic, version, kind, checksum and identity; the second decodes and
 * hands each message to the caller's callback (it re-checks the checksum as
 * it goes; if the file changed between the passes the call still fails with
 * QM_EDAMAGED and the caller drops what it was given).
 *
 * Error handling: QM_OK, or QM_EDAMAGED (any fault in a file being read),
 * QM_ENOENT (objfile_load_queue: no such object in the catalog), QM_EINVAL (a
 * bad argument or definition, an iterator that gives the wrong number of
 * messages), QM_EEXIST (catalog: the name is taken), QM_ENOMEM, QM_EIO /
 * QM_ENOSPC / QM_EPERM from writing (errno kept), or a callback's own code.
 * err (may be NULL) gets a lower-case message with the path.
 */
#ifndef QUIRE_OBJFILE_H
#define QUIRE_OBJFILE_H

#include <stddef.h>
#include <stdint.h>

#include "objects/names.h"
#include "objects/objdef.h"

#define OBJFILE_MAGIC       "QUIREOBJ"
#define OBJFILE_VERSION     1
#define OBJFILE_MSG_HDR_LEN 488
#define OBJFILE_MQMD_LEN    364        /* MQMD_LENGTH_2 */
#define OBJFILE_DATA_MAX    104857600u /* 100 MiB, the largest MAXMSGL */
#define OBJFILE_WBUF_SIZE   (1u << 20) /* write buffer; bigger files stream */
#define OBJFILE_CATALOG_NAME "QMQMOBJCAT"

enum objfile_kind {
	OBJFILE_QMGR    = 1,
	OBJFILE_CATALOG = 2,
	OBJFILE_QUEUE   = 3,
	OBJFILE_PROCESS = 4,
	OBJFILE_TOPIC   = 5,
	OBJFILE_CHANNEL = 6,
	OBJFILE_LISTENER = 7,
	OBJFILE_AUTHINFO = 8,
};

/* --- paths ----------------------------------------------------------------- */

/* A queue's folder, qmdir/queues/<folder> (its definition file q and its
 * queue store).  QM_EINVAL for a folder name that is not a queue's. */
int objfile_queue_dir(const char *qmdir, const char *folder, char *out, size_t n);
/* The folder of an object of a type: qmdir/queues/<folder> for queues,
 * qmdir/processes/<folder> for processes, qmdir/topics/<folder> for topics. */
int objfile_obj_dir(const char *qmdir, int type, const char *folder, char *out, size_t n);
/* The file of a kind: folder is the object's folder (kinds OBJFILE_QUEUE and
 * OBJFILE_PROCESS only). */
int objfile_path(const char *qmdir, int kind, const char *folder, char *out, size_t n);

/* --- the queue manager object -------------------------------------------- */

/* The header's identity is qm->identity. */
int objfile_write_qmgr(const char *qmdir, const struct objdef *qm, uint64_t lsn, char *err, size_t errlen);
/* expect_id: the identity the file must carry (NULL: any; the caller then
 * takes qm->identity as the queue manager's).  lsn may be NULL. */
int objfile_read_qmgr(const char *qmdir, const uint8_t *expect_id, struct objdef *qm, uint64_t *lsn,
		      char *err, size_t errlen);

/* --- the catalog ------------------------------------------------------------ */

struct objcat_entry {
	int type;                          /* enum objdef_type */
	char name[OBJDEF_NAME_SIZE];
	char folder[NAMES_FILE_SIZE];      /* the folder under queues/ */
};

struct objcat {
	struct objcat_entry *v;            /* sorted by (namespace, name) */
	size_t n, cap;
};

void objcat_init(struct objcat *c);
void objcat_free(struct objcat *c);
/* Find by name in type's namespace (any queue type finds any queue). */
const struct objcat_entry *objcat_find(const struct objcat *c, int type, const char *name);
/* QM_EEXIST if the name is taken in its namespace, QM_EINVAL for a bad type,
 * name or folder. */
int objcat_add(struct objcat *c, int type, const char *name, const char *folder);
/* QM_ENOENT if absent. */
int objcat_remove(struct objcat *c, int type, const char *name);

int objfile_write_catalog(const char *qmdir, const uint8_t id[OBJDEF_IDENTITY_LEN], const struct objcat *c,
			  uint64_t lsn, char *err, size_t errlen);
/* c is replaced (initialised by the call; objcat_free it afterwards even on
 * failure). */
int objfile_read_catalog(const char *qmdir, const uint8_t id[OBJDEF_IDENTITY_LEN], struct objcat *c,
			 uint64_t *lsn, char *err, size_t errlen);

/* --- queues ----------------------------------------------------------------- */

struct objfile_msg {
	uint64_t seq;                      /* FIFO order within priority */
	uint64_t put_lsn;                  /* LSN of the put record */
	int64_t put_time_ms;               /* ms since 1970 UTC */
	int64_t expiry_ms;                 /* ms since 1970 UTC, -1 never */
	int32_t priority;                  /* 0..9 */
	int32_t persistence;               /* 0 or 1 */
	int32_t backout_count;
	uint32_t flags;                    /* 0 */
	uint8_t msgid[24], correlid[24], groupid[24];
	uint8_t mqmd[OBJFILE_MQMD_LEN];
	uint32_t data_len;
};

/* The fixed message header, for any format that carries messages (the queue
 * file, media images).  decode checks the ranges above: QM_ECORRUPT. */
void objfile_msg_encode(const struct objfile_msg *m, uint8_t out[OBJFILE_MSG_HDR_LEN]);
int objfile_msg_decode(const uint8_t in[OBJFILE_MSG_HDR_LEN], struct objfile_msg *m, char *err, size_t errlen);

/* Writing: next() fills *m and points *data at m->data_len bytes (valid until
 * the next call) and returns 1, or returns 0 at the end, or a negative code to
 * give up.  It is called count times, and once more to see the end. */
typedef int (*objfile_msg_next_fn)(void *ctx, struct objfile_msg *m, const void **data);
/* Reading: called once per message; data (m->data_len bytes) is valid during
 * the call; data_off is its offset in the file.  Non-zero stops the read and
 * is returned. */
typedef int (*objfile_msg_fn)(void *ctx, const struct objfile_msg *m, const void *data, uint64_t data_off);

/* Replace the queue's file (a process's too: kind 4 under processes/; a
 * topic's: kind 5 under topics/).  count
 * messages from next (count 0 and next NULL for no messages; only local queues
 * may have any). */
int objfile_write_queue(const char *qmdir, const char *folder, const uint8_t id[OBJDEF_IDENTITY_LEN],
			const struct objdef *q, uint64_t lsn, uint64_t count, objfile_msg_next_fn next, void *ctx,
			char *err, size_t errlen);
/* Read a queue's file.  expect_type (0: any queue type; OBJDEF_PROCESS reads
 * a process file under processes/, OBJDEF_TOPIC a topic's under topics/) and expect_name (NULL: any) must match the
 * file.  fn may be NULL; lsn and count may be NULL. */
int objfile_read_queue(const char *qmdir, const char *folder, const uint8_t id[OBJDEF_IDENTITY_LEN],
		       int expect_type, const char *expect_name, struct objdef *q, uint64_t *lsn, uint64_t *count,
		       objfile_msg_fn fn, void *ctx, char *err, size_t errlen);
/* Look name up in the catalog (QM_ENOENT if absent) and read its file
 * (QM_EDAMAGED if missing or bad). */
int objfile_load_queue(const char *qmdir, const uint8_t id[OBJDEF_IDENTITY_LEN], const struct objcat *c,
		       const char *name, struct objdef *q, uint64_t *lsn, uint64_t *count, objfile_msg_fn fn,
		       void *ctx, char *err, size_t errlen);

/* Create a new queue's folder under qmdir/queues (names_unique_dir() picks
 * the name, made durable in its parent) and return its name. */
int objfile_queue_dir_new(const char *qmdir, const char *name, char *folder, size_t n, char *err, size_t errlen);
/* Remove a queue's file and folder (durably; missing parts are fine). */
int objfile_queue_remove(const char *qmdir, const char *folder, char *err, size_t errlen);
/* The same for an object of any catalogued type (processes under processes/). */
int objfile_obj_dir_new(const char *qmdir, int type, const char *name, char *folder, size_t n, char *err,
			size_t errlen);
int objfile_obj_remove(const char *qmdir, int type, const char *folder, char *err, size_t errlen);

#endif
