/*
 * loggerev.h: logger events (ALTER QMGR LOGGEREV(ENABLED), linear logging).
 *
 * With LOGGEREV enabled, the queue manager puts an event message on
 * SYSTEM.ADMIN.LOGGER.EVENT, in MQ's event format (MQFMT_EVENT: an MQCFH
 * with Command MQCMD_LOGGER_EVENT and Reason MQRC_LOGGER_STATUS, then its
 * MQCFST parameters; the layout is at the top of loggerev.c):
 *   - when it has started (the first poll of a run),
 *   - when LOGGEREV changes from DISABLED to ENABLED,
 *   - for each new log extent it starts to write (one event per extent),
 *   - with LogManagement Archive, when ARCHLOG changes (SET LOG ARCHIVED).
 * Each says which extents are needed now: CURRLOG, RECLOG, MEDIALOG, and
 * the log folder.  A retention script waits on the queue and archives or
 * deletes what is older than both RECLOG and MEDIALOG.
 *
 * Calling sequence (server/daemon.c):
 *   loggerev_poll(qm);   once when the queue manager has started, then after
 *                        each round of the event loop
 * Circular logging, or LOGGEREV DISABLED: nothing (cheap: one field read).
 *
 * Error handling: an event that cannot be put (the queue missing, full, put
 * inhibited, the message too big, the log failing) is dropped and the queue
 * manager goes on; the first failure of a run (and the first after a put
 * that worked again) is written to the error log (AMQ7930W).  A failed log
 * itself is noted by the loop as for any append (qm->log_failed).
 */
#ifndef QUIRE_LOGGEREV_H
#define QUIRE_LOGGEREV_H

struct qm;

/* The queue on which logger events are put. */
#define LOGGEREV_QUEUE "SYSTEM.ADMIN.LOGGER.EVENT"

void loggerev_poll(struct qm *qm);

#endif
