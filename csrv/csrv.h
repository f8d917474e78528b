/*
 * csrv.h: the command server (csrv.c has what it does and why it is a
 * thread that uses the MQI).
 */
#ifndef QUIRE_CSRV_H
#define QUIRE_CSRV_H

/* Start the command server's thread for the running queue manager qmname
 * whose data folder is data_dir: 0, or -1 when the thread could not start. */
int csrv_start(const char *qmname, const char *data_dir);

/* strmqcsv, endmqcsv, dspmqcsv (qm/proto.h PROTO_ADMIN_CSRV): carry out
 * action (PROTO_CSRV_START, _END, _END_IMMEDIATE, _STATUS); the state before
 * it in *before, the state after it returned.  An end is asked: the thread
 * ends after the request in hand (_END) or backs it out (_END_IMMEDIATE),
 * within CSRV_POLL_MS when waiting. */
int csrv_control(int action, const char *qmname, const char *data_dir, int *before);

#endif
