/*
 * daemon.h: the queue manager process (daemon.c): its start, its event loop
 * and its end.  The process model and the start order are described at the
 * top of daemon.c; the states at the top of qm/qmrun.h.
 */
#ifndef QUIRE_DAEMON_H
#define QUIRE_DAEMON_H

#include <stdint.h>

struct qm;
struct conn;

/* The queue manager process: name and strmqm's ready pipe fd.  Returns the
 * process exit code (0 after a normal end). */
int qm_daemon_main(const char *qmname, int readyfd);
/* A queue manager's state before store_start: no descriptors yet, this
 * process's pid, uid and user name, the queue hooks (NULL: out of memory).
 * The daemon and in-process harnesses (tests/fuzz) start from it. */
struct qm *qm_new(int readyfd);
/* Report a startup line to strmqm (kind 'I' information, 'E' error, 'D'
 * detail of the error, 'R' ready). */
void qm_ready_say(struct qm *qm, char kind, int code, const char *text);
/* endmqm's request (PROTO_STOP_*) from connection c (NULL: SIGTERM);
 * replies to it. */
void qm_admin_stop(struct qm *qm, struct conn *c, uint32_t mode);

/* The command server's start (csrv/csrv.h csrv_start), handed over by strmqm
 * (the command server is an MQI application linked into strmqm only, not a
 * room of qm/): called once the queue manager runs when SCMDSERV is QMGR.
 * NULL: no command server. */
extern int (*qm_csrv_start)(const char *qmname, const char *data_dir);
/* Its control (csrv_control): carry out a PROTO_CSRV_* action, the state
 * before it in *before; the state after it. */
extern int (*qm_csrv_control)(int action, const char *qmname, const char *data_dir, int *before);
/* strmqcsv, endmqcsv, dspmqcsv (PROTO_ADMIN_CSRV) */
void qm_admin_csrv(struct qm *qm, struct conn *c, uint32_t action);

#endif
