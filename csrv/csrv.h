/*
 * csrv.h: the command server (csrv.c has what it does and why it is a
 * thread that uses the MQI).
 */
#ifndef QUIRE_CSRV_H
#define QUIRE_CSRV_H

/* Start the command server's thread for the running queue manager qmname
 * whose data folder is data_dir: 0, or -1 when the thread could not start. */
int csrv_start(const char *qmname, const char *data_dir);

#endif
