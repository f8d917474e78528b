/*
 * sdnotify.h: telling a service manager (systemd) how the queue manager's
 * start is going, when it is ready and when it ends: the sd_notify protocol
 * in its own few lines (no libsystemd).  The unit that uses it is
 * packaging/systemd/quire@.service (packaging/README.md, "Service").
 *
 * The protocol.  The service manager puts the address of a datagram socket in
 * $NOTIFY_SOCKET: a path ("/run/systemd/notify") or an abstract name, written
 * with '@' for its leading NUL byte ("@/org/freedesktop/systemd1/notify").  A
 * process sends it datagrams of newline-separated KEY=VALUE lines; the manager
 * learns the sender's pid from the credentials the kernel attaches (it sets
 * SO_PASSCRED), so the sender adds nothing.  Other address kinds (vsock:) are
 * not served: nothing is sent.  What the queue manager process sends:
 *
 *   MAINPID=<pid>            as soon as it holds the queue manager's lock: it,
 *                            not strmqm (which the unit runs and which exits
 *                            once the queue manager is ready), is the service's
 *                            main process; the unit says NotifyAccess=all
 *   STATUS=<one line>        during the start, each phase (the message strmqm
 *                            prints, with its AMQ id) and the progress of
 *                            restart recovery at most every SDN_PROGRESS_MS
 *                            (and the load's last object, each pass's end)
 *                            (QUIRE_PROGRESS_MS in the environment sets another
 *                            period, as for strmqm's progress lines): queues
 *                            loaded and messages, then log records replayed,
 *                            the LSN reached and the share of the log done; a
 *                            failed start's message; at READY a summary; at the
 *                            end how it ends
 *   EXTEND_TIMEOUT_USEC=<n>  with every line of the start: a long restart that
 *                            is still moving gets SDN_EXTEND_USEC more than the
 *                            unit's TimeoutStartSec, one that is stuck does not
 *   READY=1                  restart recovery has finished and applications can
 *                            connect (the socket and the TCP listeners of
 *                            LISTENER objects are listening)
 *   STOPPING=1               the queue manager is ending (endmqm, SIGTERM)
 *
 * When NOTIFY_SOCKET is unset or empty nothing at all happens: no socket, no
 * datagram, the environment untouched.  When it is set it is read once
 * (sdn_open) and taken out of the environment, so that nothing this process
 * starts can speak for the service.  When the socket's queue is full a line
 * waits for room at most SDN_SEND_WAIT_MS (a STATUS line only until the
 * manager has once let a line wait that long: then it is dropped, so that a
 * stuck manager cannot slow a start line by line); only STOPPING is sent from
 * the event loop.  A send that fails is not an error of the queue manager: it
 * is ignored.
 *
 * The journal.  When stderr is the journal ($JOURNAL_STREAM names its device
 * and inode, as systemd sets it) sdn_journal_stderr says so: the daemon then
 * keeps stderr after the start and every error log entry also goes there
 * (qm/home/errlog.h errlog_echo).
 */
#ifndef QUIRE_SDNOTIFY_H
#define QUIRE_SDNOTIFY_H

#include <stdint.h>
#include <sys/socket.h>
#include <sys/un.h>

struct qm;
struct qm_event;

#define SDN_PROGRESS_MS   1000
#define SDN_EXTEND_USEC   120000000ull   /* 2 min */
#define SDN_SEND_WAIT_MS  2000

struct sdnotify {
	int fd;                       /* -1: no service manager to tell */
	struct sockaddr_un addr;
	socklen_t alen;
	int ready;                    /* READY=1 sent: the start's lines are over */
	int stuck;                    /* a send waited SDN_SEND_WAIT_MS in vain: STATUS lines do not wait */
	int64_t every_ms, next_ms;    /* progress STATUS lines at most every every_ms */
	int64_t start_ms;             /* sdn_open (monotonic), for READY's summary */
	uint64_t records;             /* restart: log records replayed (the last pass) */
	uint64_t queues, msgs;        /* restart: queues loaded, their messages */
	unsigned sent;                /* datagrams sent (tests) */
};

/* Read $NOTIFY_SOCKET (and take it out of the environment).  s->fd is -1 when
 * there is no manager to tell, or its address is not served.  QM_OK, or the
 * error of socket(2) (s->fd -1: nothing will be sent). */
int sdn_open(struct sdnotify *s);
void sdn_close(struct sdnotify *s);

/* One datagram of KEY=VALUE lines, as given (wait: up to SDN_SEND_WAIT_MS when
 * the manager's queue is full, else dropped).  QM_OK, QM_EIO when not sent;
 * QM_OK and nothing done when there is no manager. */
int sdn_send(struct sdnotify *s, int wait, const char *msg);

/* The queue manager process holds its lock: MAINPID and a first STATUS. */
void sdn_starting(struct sdnotify *s, struct qm *qm);
/* The startup events (qm/qmrun.h), as STATUS lines: give it to qm_watch with s
 * as arg. */
void sdn_watch(struct qm *qm, const struct qm_event *ev, void *arg);
/* READY=1 with the restart's summary. */
void sdn_ready(struct sdnotify *s, struct qm *qm);
/* STOPPING=1 and how (the state qm->state has just taken). */
void sdn_stopping(struct sdnotify *s, struct qm *qm);
/* A last STATUS line: how the run ended (text: dspmq's words). */
void sdn_ended(struct sdnotify *s, const char *text);

/* 1 when stderr is the journal's stream ($JOURNAL_STREAM "dev:ino" matches
 * fstat(2)). */
int sdn_journal_stderr(void);

#endif
