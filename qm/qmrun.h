/*
 * qmrun.h: the running queue manager's state, owned by the event loop.
 *
 * One process per running queue manager (DESIGN.md section 2).  Its threads:
 *   - the event loop (qm/server/daemon.c): every connection, queue, handle and unit
 *     of work below belongs to it; nothing here is locked;
 *   - the log writer (log/log.c): makes appended records durable and calls
 *     the notify hook, which only writes to qm->evfd (an eventfd).
 * The loop never waits for the log while applications are served: a reply
 * that depends on a record is parked (struct pending) until the durable LSN
 * passes the record, and the loop serves others meanwhile.  Concurrent
 * commits therefore share the log writer's fdatasyncs (group commit).  The
 * rare exceptions block the loop on purpose: creating and deleting permanent
 * dynamic queues (objstore: log record, flush, files) and checkpoints.
 *
 * Queue manager states (qm->state), drawn as in STYLE rule 6:
 *
 *   STARTING --[qm_startup ok]--> RUNNING --[endmqm -c/-w]--> QUIESCING
 *                                    |                            |
 *                                    +--[endmqm -i / SIGTERM]--> STOPPING
 *                                    |                            |
 *                                    +--[endmqm -p]------------> PREEMPTING
 *   QUIESCING ends when no application is connected; STOPPING when no reply
 *   is parked on the log; PREEMPTING at once.  Then qm_shutdown (persist.c):
 *   back out, checkpoint, QMGR_STOP, "Ended normally/immediately/preemptively".
 *   [daemon.c: loop_admin_stop sets the state, loop_maybe_end ends the loop]
 *
 * Units of work.  Each connection has one (conn->uow), begun implicitly by
 * the first syncpoint call.  Its log records carry an id given when it logs
 * its first record (conn->uow_log_id); those ids start above the log's end
 * LSN at each start and each one costs at least a record, so they are unique
 * for the life of the log and restart never confuses two runs' units of work.  A put or get outside
 * syncpoint of a persistent message is made visible (or final) only once its
 * record is durable (WAL rule 2): until then it sits in a private one-call
 * unit of work (struct pending.tuow) that is committed when the record is.
 */
#ifndef QUIRE_QMRUN_H
#define QUIRE_QMRUN_H

#include <stddef.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/types.h>

#include "cmqc.h"
#include "objects/objdef.h"
#include "qm/home/config.h"
#include "qm/home/errlog.h"
#include "qm/store/objstore.h"
#include "qm/home/qmgr.h"
#include "qm/engine/queue.h"

struct log;
struct conn;

#define QM_VERSION_TEXT ERRLOG_VRMF
/* Descriptors kept in reserve to refuse a connection at EMFILE: one for the
 * socket, two for the error log's lock and file (conn.c). */
#define QM_RESERVE_FDS 3

enum qm_state { QM_STARTING = 0, QM_RUNNING, QM_QUIESCING, QM_STOPPING, QM_PREEMPTING, QM_ENDED };

/* A queue object known to the running queue manager. */
struct qobj {
	struct objdef def;
	struct queue *q;              /* local queues (predefined and dynamic); NULL otherwise */
	int damaged;                  /* its file failed (AMQ7472): MQOPEN gives 2101 */
	int temp;                     /* temporary dynamic queue: memory only, not in the catalog */
	int deleted;                  /* permanent dynamic queue deleted while handles were open */
	int dirty;                    /* persistent contents changed since its file was written */
	uint64_t file_lsn;            /* the LSN its queue file reflects */
	struct hobj *creator;         /* temporary dynamic: the handle that created it */
	unsigned nhandles;            /* open handles (on this object, not through aliases) */
	unsigned n_input, n_excl, n_output;   /* open handles by kind (local queues: counts via aliases too) */
	struct qobj *hnext;           /* hash chain */
};

/* An object handle (Hobj) of a connection. */
struct hobj {
	MQHOBJ id;
	MQLONG options;               /* MQOO_* as given (INPUT_AS_Q_DEF resolved in input_mode) */
	MQLONG input_mode;            /* 0, MQOO_INPUT_SHARED or MQOO_INPUT_EXCLUSIVE */
	int is_qmgr;                  /* opened the queue manager object (MQOT_Q_MGR) */
	struct qobj *obj;             /* what was opened (alias, local, the dynamic queue) */
	struct qobj *base;            /* the local queue it resolves to (== obj for locals) */
	struct qcursor *cursor;       /* browse cursor, made at the first browse */
	int cursor_valid;             /* the cursor is on a message (for MSG_UNDER_CURSOR) */
	char resolved[OBJDEF_NAME_SIZE];
};

/* A reply parked until the log is durable past lsn (then act, then send). */
enum pending_act { PA_NONE = 0, PA_COMMIT_TUOW, PA_COMMIT_CONN_UOW, PA_DISC };
struct pending {
	uint64_t lsn;
	struct conn *c;
	enum pending_act act;
	struct uow tuow;              /* PA_COMMIT_TUOW: the one-call unit of work */
	uint8_t *reply;               /* the whole frame, malloc'd (NULL: no reply) */
	size_t reply_len;
	struct pending *next;
};

/* A parked MQGET with a wait interval. */
struct getwait {
	struct qwaiter w;
	struct conn *c;
	uint32_t req_id;
	MQHOBJ hobj;
	MQMD md;
	MQGMO gmo;
	uint32_t buflen;
	int64_t deadline_ms;          /* INT64_MAX: MQWI_UNLIMITED */
	struct getwait *prev, *next;  /* qm->waits */
};

#define QM_QHASH 256

struct qm {
	struct qm_paths paths;
	struct qm_config cfg;
	struct errlog el;
	struct log *lg;
	struct objstore os;           /* the queue manager object and the catalog */
	int lockfd;
	enum qm_state state;
	int stop_mode;                /* PROTO_STOP_* that ended it */
	pid_t pid;
	char user[64];                /* the queue manager's own user name (its owner) */
	uid_t uid;

	struct qobj *qhash[QM_QHASH];
	size_t nqueues;

	/* event loop */
	int epfd, evfd, tfd, lfd;     /* epoll, log eventfd, timerfd, listening socket */
	pthread_t loop_thread;        /* the event loop: its own inline flushes need no wake-up */
	int readyfd;                  /* strmqm's pipe until ready, then -1 */
	struct conn *conns;           /* every connection */
	unsigned napps;               /* connections that did MQCONN */
	unsigned nconns;              /* sockets accepted and not yet dropped */
	unsigned max_conns;           /* above this, new sockets are refused (2025) */
	int reserve_fd[QM_RESERVE_FDS]; /* /dev/null, given up to refuse (and say so) at EMFILE */
	int refusing;                 /* a refusal episode is on (said once in the error log) */
	unsigned refused_at;          /* connections there were at the last refusal (conn.c) */
	int64_t accept_resume_ms;     /* the listening socket is paused until then (0: it is not) */
	unsigned nbroken;             /* connections waiting for conn_reap */
	uint32_t next_conn_id;
	uint64_t next_uow_id;         /* the engine's unit of work ids (struct uow) */
	uint64_t next_log_uow_id;     /* ids in log records: above the log's end at start */
	uint64_t dyn_counter;
	uint64_t id_counter;          /* MsgId/CorrelId generation: start time in us << 8, + 1 each */

	struct pending *pend_head, *pend_tail;
	uint64_t last_lsn;            /* the last record this process appended */
	struct getwait *waits;        /* every parked MQGET (timer order not kept) */
	struct queue **woken;         /* queues whose waiters must be retried */
	size_t nwoken, capwoken;
	struct queue_hooks hooks;

	/* checkpoints */
	uint64_t ops_since_ckpt;
	uint64_t ckpt_restart_lsn;    /* the restart LSN the last checkpoint set */
	int64_t last_ckpt_ms;
	uint64_t ckpt_count;
	int log_failed;
};

/* ---- daemon.c ---- */
/* The queue manager process: name and strmqm's ready pipe fd.  Returns the
 * process exit code (0 after a normal end). */
int qm_daemon_main(const char *qmname, int readyfd);
/* A queue manager's state before qm_startup: no descriptors yet, this
 * process's pid, uid and user name, the queue hooks (NULL: out of memory).
 * The daemon and in-process harnesses (tests/fuzz) start from it. */
struct qm *qm_new(int readyfd);
void qm_loop_maybe_end(struct qm *qm);
int64_t qm_now_ms(void);
/* Report a startup line to strmqm (kind 'I' information, 'E' error, 'D'
 * detail of the error). */
void qm_ready_say(struct qm *qm, char kind, int code, const char *text);
/* The start failed: the catalog message msgid with its inserts (a NULL-
 * terminated list) for strmqm, which exits with code, and a detail line. */
void qm_start_fail(struct qm *qm, int code, const char *detail, int msgid, ...) __attribute__((sentinel));
/* endmqm's request (PROTO_STOP_*) from connection c; replies to it. */
void qm_admin_stop(struct qm *qm, struct conn *c, uint32_t mode);

/* ---- objects (mqiserv_open.c) ---- */
struct qobj *qm_qfind(struct qm *qm, const char *name);
int qm_qinsert(struct qm *qm, struct qobj *o);
void qm_qremove(struct qm *qm, struct qobj *o);
/* A new qobj for def (a local queue also gets its queue). */
int qm_qobj_new(struct qm *qm, const struct objdef *def, struct qobj **out);
void qm_qobj_free(struct qobj *o);
/* Free every queue object (shutdown). */
void qm_qobj_free_all(struct qm *qm);

/* ---- persist.c ---- */
/* Load objects and queue files, open the log, replay it, resolve units of
 * work, take a checkpoint.  On failure *exit_code is strmqm's and the reason
 * has been reported (error log and ready pipe). */
int qm_startup(struct qm *qm, int *exit_code);
/* Take a checkpoint: flush the log, write every dirty queue's file, log the
 * checkpoint and move the restart LSN.  Blocks the loop. */
int qm_checkpoint(struct qm *qm);
/* Is a checkpoint due (operations, time with activity, log used)? */
int qm_checkpoint_due(struct qm *qm, int64_t now_ms);
/* Back out everything, checkpoint, QMGR_STOP, close the log. */
int qm_shutdown(struct qm *qm);
/* Append a record (retrying once after a checkpoint when the log is full). */
int qm_log_append(struct qm *qm, uint16_t type, uint64_t uow, const char *qname, const void *data, size_t len,
		  int flags, uint64_t *lsn);
/* The expired hook: log the removal of a persistent message, free it. */
void qm_msg_expired(struct queue *q, struct qmsg *m, void *arg);
/* Write every queue with persistent messages (the messages iterator). */
int qm_write_queue_file(struct qm *qm, struct qobj *o, uint64_t lsn);

#endif
