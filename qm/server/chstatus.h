/*
 * chstatus.h: the run-time callbacks MQSC uses for SVRCONN channels and
 * listeners (qm/admin/mqsc.h struct mqsc_runtime: chstatus, chl_stop,
 * chl_start, lstatus, lsr_start, lsr_stop; arg is the struct qm).  See
 * chstatus.c.
 */
#ifndef QUIRE_CHSTATUS_H
#define QUIRE_CHSTATUS_H

#include <stddef.h>

#include "qm/admin/mqsc.h"

int chs_rt_chstatus(void *arg, struct mqsc_chst **v, size_t *n);
int chs_rt_chl_stop(void *arg, const char *name, const char *conname, int stopped, unsigned *ended);
int chs_rt_chl_start(void *arg, const char *name);
int chs_rt_lstatus(void *arg, struct mqsc_lstat **v, size_t *n);
int chs_rt_lsr_start(void *arg, const char *name, char *err, size_t n);
int chs_rt_lsr_stop(void *arg, const char *name);

#endif
