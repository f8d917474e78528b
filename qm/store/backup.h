/*
 * backup.h: backup queue managers (strmqm -r, strmqm -a), qm/store/backup.c.
 *
 * Calling sequence:
 *   strmqm -r QM   store_backup_replay(qm, &res, &code)    (the command's own process,
 *                  holding the queue manager's lock; nothing is started)
 *   strmqm -a QM   store_backup_activate(qm, &res, &code)
 *   strmqm QM      store_start calls store_backup_start (refuses a backup not
 *                  activated; the first start after -a gets qm->backup_base) and,
 *                  once started, store_backup_started
 *
 * Error handling: QM_OK or a QM_* code; *code is then strmqm's exit code and
 * res's lines (each also in the error log) say why.  Nothing half-done: a
 * refused or failed replay leaves every file as it was.
 */
#ifndef QUIRE_BACKUP_H
#define QUIRE_BACKUP_H

#include <stddef.h>
#include <stdint.h>

struct qm;
struct qobj;
struct log_rec_hdr;

/* What strmqm prints: the lines the error log got too. */
struct store_backup_line {
	int msgid;
	int error;                    /* to stderr with its AMQ id (cmd_error), else stdout (cmd_say) */
	char ins[5][640];
	int nins;
};
struct store_backup_result {
	struct store_backup_line line[4];
	int nline;
};

int store_backup_replay(struct qm *qm, struct store_backup_result *res, int *code);
int store_backup_activate(struct qm *qm, struct store_backup_result *res, int *code);
/* At the start (restart.c), after the objects are loaded and before the log
 * is opened: a backup queue manager not activated is refused (AMQ7931E,
 * *exit_code 71). */
int store_backup_start(struct qm *qm, int *exit_code);
/* The start is complete (its checkpoint durable): an activated backup is an
 * ordinary queue manager from now on (an ALTER QMGR replayed from after the
 * copy written to its file first).  A failed write fails the start. */
int store_backup_started(struct qm *qm, int *exit_code);

/* restart.c's replay, for a backup: a definition record (OBJ_CREATE,
 * OBJ_ALTER, OBJ_DELETE) at or after the copy point.  A queue defined is
 * made, empty (strmqm -r: in memory; the first start after strmqm -a: its
 * files and catalog entry too, nothing logged); an ALTER QMGR is taken into
 * qm->os.qmgr; a queue deleted is returned in *gone for the caller to drop
 * its messages (from its own maps) and then to pass to store_backup_gone.
 * QM_OK to go on, else a QM_* code with note saying why. */
int store_backup_def(struct qm *qm, const struct log_rec_hdr *h, const void *data, size_t len, struct qobj **gone,
		     char *note, size_t n);
/* The queue deleted by the record at lsn, its messages dropped: out of the
 * table and freed (and at the first start its store, folder and catalog
 * entry removed).  A failed write is fatal: QM_* with note. */
int store_backup_gone(struct qm *qm, struct qobj *o, uint64_t lsn, char *note, size_t n);

/* restart.c: the replay of a backup, in memory, writing nothing (backup.c). */
struct store_replay_stats {
	uint64_t records;             /* log records replayed */
	uint64_t inflight;            /* units of work still open at the end */
	uint64_t messages;            /* messages on the queues at the end (open units of work's included) */
	int npartial;                 /* records whose last part is not in the log yet */
	uint64_t partial_lsn;         /* the first of them */
	char missing[32];             /* a failure: the extent that could not be opened */
};
int store_replay_only(struct qm *qm, uint64_t end_lsn, struct store_replay_stats *st, char *why, size_t n);

#endif
