/*
 * qmrun.h: the running queue manager's state (struct qm), shared by every
 * room of qm/ (qm/README.md), owned by the event loop; and the startup
 * events (qmrun.c).
 *
 * One process per running queue manager (DESIGN.md section 2).  Its threads:
 *   - the event loop (qm/server/daemon.c): every connection, queue, handle and unit
 *     of work below belongs to it; nothing here is locked;
 *   - the log writer (log/log.c): makes appended records durable and calls
 *     the notify hook, which only writes to qm->evfd (an eventfd);
 *   - while a routine checkpoint is in flight, its own thread
 *     (qm/store/checkpoint.c, at nice QM_CKPT_NICE): it waits for CKPT_BEGIN,
 *     writes and syncs the queue stores' sealed batches, touching nothing
 *     else, then writes qm->evfd;
 *   - while a compaction step is in flight (one at a time, never beside a
 *     checkpoint's), its own thread (qm/store/msgstore.c, at nice
 *     QM_CKPT_NICE): the step's writes, syncs and deletions in its queue
 *     store, which the loop meanwhile only reads, then qm->evfd.
 * The loop never waits for the log while applications are served: a reply
 * that depends on a record is parked (struct pending) until the durable LSN
 * passes the record, and the loop serves others meanwhile.  Concurrent
 * commits therefore share the log writer's fdatasyncs (group commit).  The
 * rare exceptions block the loop on purpose: creating and deleting permanent
 * dynamic queues (objstore: log record, flush, files), making a new queue
 * store segment file, and the checkpoints of the start, the end and a full
 * log.  A routine checkpoint's batches take the loop a round at a time
 * (copies into memory, about QM_CKPT_ROUND_BYTES a round).
 *
 * Queue manager states (qm->state), drawn as in STYLE rule 6:
 *
 *   STARTING --[store_start ok]--> RUNNING --[endmqm -c/-w]--> QUIESCING
 *                                    |                            |
 *                                    +--[endmqm -i / SIGTERM]--> STOPPING
 *                                    |                            |
 *                                    +--[endmqm -p]------------> PREEMPTING
 *   QUIESCING ends when no application is connected; STOPPING when no reply
 *   is parked on the log; PREEMPTING at once.  Then the end (daemon.c end_run):
 *   back out, checkpoint, QMGR_STOP, "Ended normally/immediately/preemptively".
 *   [daemon.c: qm_admin_stop sets the state; the loop reads it after every
 *   round (loop_maybe_end), so nothing else calls into the loop to end it]
 *
 * Units of work.  Each connection has one (conn->uow), begun implicitly by
 * the first syncpoint call.  Its log records carry an id given when it logs
 * its first record (conn->uow_log_id); those ids start above the log's end
 * LSN at each start and each one costs at least a record, so they are unique
 * for the life of the log and restart never confuses two runs' units of work.  A put or get outside
 * syncpoint of a persistent message is made visible (or final) only once its
 * record is durable (WAL rule 2): until then it sits in a private one-call
 * unit of work (struct pending.tuow, server/durable.h) that is committed when the record is.
 */
#ifndef QUIRE_QMRUN_H
#define QUIRE_QMRUN_H

#include <stddef.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "cmqc.h"
#include "objects/objdef.h"
#include "qm/home/config.h"
#include "qm/home/errlog.h"
#include "qm/store/objstore.h"
#include "qm/home/qmgr.h"
#include "qm/engine/queue.h"
#include "qm/engine/qtable.h"

struct log;
struct conn;
struct listener;
struct pending;
struct getwait;
struct qobj;

#define QM_VERSION_TEXT ERRLOG_VRMF
/* Descriptors kept in reserve to refuse a connection at EMFILE: one for the
 * socket, two for the error log's lock and file (conn.c). */
#define QM_RESERVE_FDS 3

struct qm;
struct qm_event;
typedef void qm_watcher_fn(struct qm *qm, const struct qm_event *ev, void *arg);

enum qm_state { QM_STARTING = 0, QM_RUNNING, QM_QUIESCING, QM_STOPPING, QM_PREEMPTING, QM_ENDED };

struct oam;
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
	int epfd, evfd;               /* epoll, the log writer's eventfd */
	struct listener *listeners;   /* where connections come from (server/listen.c) */
	struct authn *authn;          /* connection authentication: policy, workers (server/authn.c) */
	pthread_t loop_thread;        /* the event loop: its own inline flushes need no wake-up */
	int readyfd;                  /* strmqm's pipe until ready, then -1 */
	struct conn *conns;           /* every connection */
	unsigned napps;               /* connections that did MQCONN */
	unsigned nconns;              /* sockets accepted and not yet dropped */
	unsigned nrings;              /* of them, with a shared-memory channel (server/ring.h) */
	int ring_armed;               /* the channels were told the loop sleeps (ring_before_sleep) */
#define RING_EPOLL_EVERY 8
	unsigned ring_rounds;         /* rounds kept awake by the channels alone since epoll was last asked */
#define RING_WAKE_MAX 256
	uint32_t *wake[RING_WAKE_MAX];   /* futexes of clients to wake at the end of the round (ring_wake) */
	unsigned nwake;
	unsigned max_conns;           /* above this many sockets and doorbells, new sockets are refused (2025) */
	int reserve_fd[QM_RESERVE_FDS]; /* /dev/null, given up to refuse (and say so) at EMFILE */
	int refusing;                 /* a refusal episode is on (said once in the error log) */
	unsigned refused_at;          /* connections there were at the last refusal (conn.c) */
	int64_t accept_resume_ms;     /* the listening socket is paused until then (0: it is not) */
	unsigned nbroken;             /* connections waiting for conn_reap */
	uint32_t next_conn_id;
	uint64_t next_uow_id;         /* the engine's unit of work ids (struct uow) */
	uint64_t next_log_uow_id;     /* ids in log records: above the log's end at start */
	uint64_t step_uow_id;         /* a unit of work the server logs within one call (a COMPLETE_MSG get or a
				       * segmented put outside syncpoint, server/mqiserv_group.c) while its records
				       * are appended: a checkpoint then lists it (0: none) from step_uow_first */
	uint64_t step_uow_first;
	uint64_t dyn_counter;
	uint64_t id_counter;          /* MsgId/CorrelId generation: start time in us << 8, + 1 each */

	struct pending *pend_head, *pend_tail;
	uint64_t flush_asked;         /* the log writer has been asked to flush up to here */
	uint64_t last_lsn;            /* the last record this process appended */
	uint64_t defs_lsn;            /* the last object change made in memory ahead of its
	                               * record's flush (dur_defs_changed) */
	struct getwait *waits;        /* every parked MQGET (timer order not kept) */
	struct queue **woken;         /* queues whose waiters must be retried */
	size_t nwoken, capwoken;
	struct queue_hooks hooks;
	void *marks;                  /* browse locks and marks (server/mqiserv_mark.c), NULL: none */
	struct ps_sub *subs;          /* the subscriptions (server/pubsub.c), NULL: none */
	int subs_loaded;              /* the durable ones have been read (server/pubsub_dur.c) */
	struct oam *oam;              /* the authority records and group cache (server/oam_srv.c), NULL: none yet */
	int oam_loaded;               /* the records have been read from SYSTEM.AUTH.DATA.QUEUE */
	int chl_bad_said;             /* a message on SYSTEM.CHLAUTH.DATA.QUEUE that is no record was reported */

	/* checkpoints */
	uint64_t ops_since_ckpt;
	uint64_t unstored_bytes;      /* store records of committed persistent messages no queue store
				       * holds yet, over every queue (the engine keeps it: queue.h) */
	uint64_t ckpt_restart_lsn;    /* the restart LSN the last checkpoint set */
	uint64_t qmgr_media_lsn;      /* the queue manager object's media recovery LSN (0: the whole log) */
	uint64_t qmgr_image_lsn;      /* ... and where its latest image starts (qtable.h's qobj has the same) */
	int64_t qmgr_image_ms;        /* ... and when it was taken (0: not this run) */
	struct media_flight *media_flight;   /* a media image being written a part at a time (store/media.c) */
	struct qobj *media_obj;       /* its object while it lives (qm_qobj_destroy clears it); no
				       * compaction of that object's store meanwhile */
	void *media_cmd;              /* the rcdmqimg request or scheduled images being served (admin/mediacmd.c) */
	int64_t media_auto_ms;        /* IMGSCHED(AUTO): the next look for a due image; the first look */
	int64_t media_auto_base_ms;   /* ... and when the objects imaged before this run count from */
	unsigned media_auto_next;     /* the hash chain looked at first (round robin) */
	uint64_t ckpt_lsn;            /* the CKPT_BEGIN of the last checkpoint completed */
	int64_t last_ckpt_ms;
	int64_t start_ms;             /* when the start began (DISPLAY QMSTATUS STARTDA/STARTTI;
				       * the last 4 bytes of every ConnectionId) */
	int64_t ckpt_retry_ms;        /* a checkpoint that found the disk full: not again before */
	int disk_full;                /* that episode has been said (once) */
	uint64_t ckpt_count;
	uint64_t peak_rec_bytes;      /* the most log restart needed, seen at each checkpoint (LOGUTIL) */
	struct ckpt_flight *ckpt_flight;  /* a checkpoint whose store batches sync off the loop, or NULL
					   * (store/checkpoint.c) */
	int log_failed;
	int store_failed;             /* a queue file could not be written (not ENOSPC): fail-stop */
	/* logger events (server/loggerev.c) */
	int lev_on;                   /* LOGGEREV was seen ENABLED (linear logging) and reported */
	int lev_put_failed;           /* a failed event put has been said (AMQ7930W), none worked since */
	uint64_t lev_cur_seq;         /* the extent the last event named as current (its sequence) */
	char lev_arch[16];            /* ... and the ARCHLOG it named (LogManagement Archive) */
	unsigned bg_next;             /* the hash chain store_background looks at first */
	int bg_pending;               /* a queue store may have compaction to do */
	int64_t bg_last_ms;           /* the last compaction step */
	uint64_t bg_ckpt_seen;        /* ckpt_count when the last step was looked for */
	struct bg_flight *bg_flight;  /* a compaction step whose I/O runs off the loop, or NULL
				       * (store/msgstore.c) */

	/* backup queue managers (store/backup.c) */
	int backup_replay;            /* strmqm -r: the log is read with the extents copied in, never written */
	uint64_t backup_base;         /* the copy point of a backup (replay, or the first start after strmqm
				       * -a; 0: none): checkpoints the original logged after it do not make its
				       * older queue files stale, and the queues defined or deleted after it
				       * are made or dropped (store_backup_def) */
	uint64_t backup_qmgr_lsn;     /* an ALTER QMGR the original logged after the copy point: the
				       * latest one's LSN (its definition is in os.qmgr), written to
				       * the QMANAGER file once the first start after -a is done */

	/* startup events */
#define QM_WATCHERS 4
	struct { qm_watcher_fn *fn; void *arg; } watch[QM_WATCHERS];
	int nwatch;
};

/* The current time in milliseconds since 1970. */
static inline int64_t qm_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- startup events (qmrun.c) ----
 * The start (store/restart.c qm_startup, and the server around it) reports
 * what it does as events; whoever wants them watches: the daemon passes them
 * to strmqm's ready pipe, the store writes the phases to the error log, and a
 * progress display could count the replayed records.  Watchers run in the
 * order they were added, on the thread that emits. */
enum qm_event_kind {
	QM_EV_PHASE,                  /* a phase is done: msgid and its inserts */
	QM_EV_PROGRESS,               /* how far restart recovery is: what, and the counts below */
	QM_EV_FAILED                  /* the start failed: msgid, inserts, exit_code, detail */
};
/* PROGRESS events come often (after each queue loaded, every
 * QM_PROGRESS_RECORDS log records replayed, and once at the end of each
 * pass): a watcher that shows them chooses how often (server/sdnotify.c
 * turns them into systemd's STATUS= lines). */
enum qm_progress { QM_PROG_LOAD = 1, QM_PROG_REPLAY };
#define QM_PROGRESS_RECORDS 4096
struct qm_event {
	enum qm_event_kind kind;
	int msgid;                    /* AMQ_* of qm/home/msgcat.h; 0 for PROGRESS */
	const char *ins[9];
	int nins;
	int exit_code;                /* FAILED: strmqm's exit code */
	const char *detail;           /* FAILED: a detail line, or NULL */
	/* PROGRESS */
	enum qm_progress what;
	uint64_t done;                /* LOAD: queues loaded; REPLAY: log records read in this pass */
	uint64_t total;               /* LOAD: objects in the catalog */
	uint64_t msgs;                /* LOAD: messages loaded so far */
	uint64_t lsn, from_lsn, end_lsn;  /* REPLAY: the record reached, the pass's first record, the log's end */
};
/* Add a watcher (at most QM_WATCHERS): QM_OK, or QM_EINVAL when full. */
int qm_watch(struct qm *qm, qm_watcher_fn *fn, void *arg);
void qm_emit(struct qm *qm, const struct qm_event *ev);
/* QM_EV_PROGRESS with its counts (the fields of struct qm_event). */
void qm_progress(struct qm *qm, enum qm_progress what, uint64_t done, uint64_t total, uint64_t msgs, uint64_t lsn,
		 uint64_t from_lsn, uint64_t end_lsn);
/* QM_EV_PHASE with a NULL-terminated list of inserts. */
void qm_phase(struct qm *qm, int msgid, ...) __attribute__((sentinel));
/* QM_EV_FAILED: the catalog message msgid with its inserts (a NULL-terminated
 * list), strmqm's exit code and a detail line. */
void qm_start_fail(struct qm *qm, int code, const char *detail, int msgid, ...) __attribute__((sentinel));

#endif
