/*
 * mediacmd.h: rcdmqimg and rcrmqobj, both sides.
 *
 * The command (cmds/rcdmqimg.c, cmds/rcrmqobj.c) calls mediacmd_main, which
 * parses MQ's flags, finds the queue manager and sends one PROTO_ADMIN_MEDIA
 * request; the running queue manager carries it out with mediacmd_exec
 * (server/mqiserv_open.c hands it the request) and answers with the lines to
 * print and the command's exit code.
 *
 * Request body (PROTO_ADMIN_MEDIA): u32 action (MEDIA_RECORD, MEDIA_RECREATE),
 * u32 flags (MEDIA_F_*), u32 type (MEDIA_T_*), u32 n, n bytes of the generic
 * name ("" for the queue manager object).
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
enum { MEDIA_F_LOGPAIR = 1 };   /* -l: AMQ7467I/AMQ7468I afterwards */
enum {                          /* -t */
	MEDIA_T_ALL = 1, MEDIA_T_QUEUE, MEDIA_T_QLOCAL, MEDIA_T_QALIAS, MEDIA_T_QMODEL, MEDIA_T_QREMOTE,
	MEDIA_T_QMGR,
};

struct media_req {
	uint32_t action, flags, type;
	char name[49];
};

struct qm;
struct qobj;
/* What the server does after a local queue is re-created (its parked
 * MQGETs see the new messages). */
typedef void (*media_recreated_fn)(void *arg, struct qobj *o);

/* Carry out req on the running queue manager.  floor: the oldest record the
 * units of work active now and the parked replies need (media.c).  out gets
 * the lines; returns the exit code. */
int mediacmd_exec(struct qm *qm, const struct media_req *req, uint64_t floor, media_recreated_fn fn, void *arg,
		  struct mqsc_out *out);

/* The whole command: argv as main got it. */
int mediacmd_main(int argc, char **argv, int action);

#endif
