/*
 * mediacmd.h: rcdmqimg and rcrmqobj, both sides.
 *
 * The command (cmds/rcdmqimg.c, cmds/rcrmqobj.c) calls mediacmd_main, which
 * parses MQ's flags, finds the queue manager and sends one PROTO_ADMIN_MEDIA
 * request; the running queue manager makes it a command (mediacmd_start,
 * from server/mqiserv_open.c), carries it on after each round of events
 * (mediacmd_step) and answers with the lines to print and the command's exit
 * code.
 *
 * Request body (PROTO_ADMIN_MEDIA): u32 action (MEDIA_RECORD, MEDIA_RECREATE),
 * u32 flags (MEDIA_F_*), u32 type (MEDIA_T_*), u32 n, n bytes of the generic
 * name ("" for the queue manager object); with MEDIA_F_COPY then u64 end LSN,
 * i64 end time (ms), u32 m, m bytes of the new queue's name.
 * Reply: cc, rc; u32 exit code; u32 len; len bytes of text (lines).
 *
 * Exit codes (MQ's, from memory of its documentation): 0 done; 36 bad
 * arguments; 40 the queue manager is not running; 66 the media image or a
 * log file it needs is not available (AMQ6767); 68 media recovery is not
 * supported (circular logging); 71 unexpected; 72 queue manager name
 * not known; 119 not authorized; 128 no object matched; 132 an object is
 * damaged (rcdmqimg); 135 a temporary dynamic queue; 136 an object in use
 * (rcrmqobj while it is open or has uncommitted messages).
 */
#ifndef QUIRE_MEDIACMD_H
#define QUIRE_MEDIACMD_H

#include <stddef.h>
#include <stdint.h>

#include "qm/admin/mqsc.h"

enum { MEDIA_RECORD = 1, MEDIA_RECREATE = 2 };
enum { MEDIA_F_LOGPAIR = 1,     /* -l: AMQ7467I/AMQ7468I afterwards */
       MEDIA_F_COPY = 2 };      /* rcrmqobj -e/-n: a copy as of a point in time, into a new queue */
enum {                          /* -t */
	MEDIA_T_ALL = 1, MEDIA_T_QUEUE, MEDIA_T_QLOCAL, MEDIA_T_QALIAS, MEDIA_T_QMODEL, MEDIA_T_QREMOTE,
	MEDIA_T_QMGR, MEDIA_T_PROCESS, MEDIA_T_TOPIC, MEDIA_T_CHANNEL, MEDIA_T_LISTENER, MEDIA_T_AUTHINFO,
};

struct media_req {
	uint32_t action, flags, type;
	char name[49];
	uint64_t end_lsn;            /* MEDIA_F_COPY: as of this LSN (0: now) ... */
	int64_t end_ms;              /* ... or this time (ms since 1970, 0: none) */
	char newname[49];            /* ... into this new local queue */
};

struct qm;
struct qobj;
/* What the server does after a local queue is re-created (its parked
 * MQGETs see the new messages). */
typedef void (*media_recreated_fn)(void *arg, struct qobj *o);

/* A command being served: rcdmqimg's images are written a part at a time
 * between rounds of events (store/media.c), one object after another;
 * rcrmqobj's objects are rebuilt at once.  IMGSCHED(AUTO)'s images are
 * commands of one object with no one to answer (quiet). */
struct media_cmd {
	struct media_req req;
	uint64_t floor;               /* the oldest record active units of work and parked replies need */
	struct { char name[49]; int type; } *v;   /* the objects, by name: one may go meanwhile */
	size_t n, next;
	int imaging;                  /* v[next]'s image is being written */
	int code;                     /* the exit code */
	int quiet;                    /* scheduled: failures to the error log only */
	struct mqsc_out out;          /* the lines to print */
	struct media_cmd *queued;     /* the server's: the next command */
	void *owner;                  /* the server's: whom to answer (NULL: no one) */
	uint32_t owner_id;
};

/* The command req: *out gets it, with its objects listed (or, for circular
 * logging or no match, its answer ready: mediacmd_step then returns 1 at
 * once).  QM_ENOMEM. */
int mediacmd_start(struct qm *qm, const struct media_req *req, uint64_t floor, struct media_cmd **out);
/* An image of one object (type, name) with no one to answer: IMGSCHED(AUTO). */
int mediacmd_schedule(struct qm *qm, int type, const char *name, struct media_cmd **out);
/* Carry it on: after each round of events.  1 once it is finished (out and
 * code are its answer), 0 while an image is under way. */
int mediacmd_step(struct qm *qm, struct media_cmd *j, media_recreated_fn fn, void *arg);
void mediacmd_free(struct media_cmd *j);

/* The whole command: argv as main got it. */
int mediacmd_main(int argc, char **argv, int action);

#endif
