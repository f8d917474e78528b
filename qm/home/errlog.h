/*
 * errlog.h: the queue manager error logs, AMQERR01.LOG to AMQERR03.LOG.
 *
 * A queue manager writes to <qm data dir>/errors/; messages that belong to no
 * queue manager (a command given a bad name, a broken mqs.ini) go to
 * <data root>/errors/.  Each message is one entry in MQ's layout (errlog.c
 * has the exact format) built from the message catalog (qm/home/msgcat.h), and
 * commands print the same text on the console (errlog_console).
 *
 * Calling sequence:
 *   struct errlog el;
 *   errlog_open_qm(&el, "/var/mqm/qmgrs/QM1", "QM1", cfg.error_log_size);
 *   ERRLOG(&el, AMQ_OBJECT_DAMAGED, "DEV.QUEUE.1", "qlocal");   file/line filled in
 *   errlog_write(&el, AMQ_REPLAY_RECORDS, ins, 2, __FILE__, __LINE__);
 *   (nothing to close: every write opens, appends and closes the file)
 *
 * An errlog is only read by the writers, so one struct may be shared by many
 * threads; any number of processes may write to the same folder.  Each entry
 * goes to the file in a single write made under an exclusive flock on
 * <dir>/AMQERR.LCK, which also serialises rotation: when AMQERR01.LOG would
 * pass max_size, 03 is dropped, 02 becomes 03, 01 becomes 02, and a new 01
 * is started.  A deleted file or folder is re-created at the next write.
 * The error log is diagnostic: it is not fsynced.
 *
 * Error handling: QM_OK, or the osio code of the failed step (QM_EIO,
 * QM_ENOSPC, QM_EPERM ...) with errno kept; QM_ENOTFOUND when the message id
 * is not in the catalog (the entry is still written, saying so, with the
 * inserts); QM_EINVAL for a bad argument.  Callers usually carry on after a
 * failed error-log write.
 */
#ifndef QUIRE_ERRLOG_H
#define QUIRE_ERRLOG_H

#include <limits.h>
#include <stddef.h>
#include <time.h>

#define ERRLOG_DEFAULT_SIZE   (2LL * 1024 * 1024)  /* QMErrorLog ErrorLogSize default */
#define ERRLOG_INSTALLATION   "Quire"
#define ERRLOG_VRMF           "0.1.0.0"
#define ERRLOG_WIDTH          79                   /* text wrap and separator width */
#define ERRLOG_INDENT         20                   /* continuation line indent */

struct errlog {
	char dir[PATH_MAX];     /* folder that holds AMQERR0n.LOG */
	char qmname[49];        /* "" for the no-queue-manager log */
	long long max_size;     /* bytes AMQERR01.LOG may reach before rotating */
	/* fixed at open; a test may overwrite them for exact comparisons */
	char program[64];
	char user[64];
	char host[256];
};

/* Who and when, for one entry; errlog_write fills it from the clock, getpid()
 * and gettid(). */
struct errlog_stamp {
	struct timespec when;
	long pid;
	long tid;
};

/* dir is the errors folder itself; it is created if missing.  max_size <= 0
 * means ERRLOG_DEFAULT_SIZE. */
int errlog_open(struct errlog *el, const char *dir, const char *qmname, long long max_size);
/* <qm_data_dir>/errors for queue manager qmname. */
int errlog_open_qm(struct errlog *el, const char *qm_data_dir, const char *qmname, long long max_size);
/* <data_root>/errors, for messages tied to no queue manager. */
int errlog_open_system(struct errlog *el, const char *data_root);

int errlog_write(const struct errlog *el, int msgid, const char *const inserts[], int ninserts,
		 const char *srcfile, int line);

/* Inserts as a NULL-terminated argument list; use it through ERRLOG. */
int errlog_writel(const char *srcfile, int line, const struct errlog *el, int msgid, ...)
	__attribute__((sentinel));
#define ERRLOG(...) errlog_writel(__FILE__, __LINE__, __VA_ARGS__, (const char *)NULL)

/* The entry as it goes to the file (st NULL: now). */
int errlog_format(char *buf, size_t n, const struct errlog *el, const struct errlog_stamp *st,
		  int msgid, const char *const inserts[], int ninserts, const char *srcfile, int line);

/* The same message for the console: "AMQnnnnX: text" (= msgcat_format). */
int errlog_console(char *buf, size_t n, int msgid, const char *const inserts[], int ninserts);

/* Every entry this process writes from now on also goes to descriptor fd
 * (-1, the default: nowhere) as one line "<p>AMQnnnnX: text" (the console
 * form, its wrapping undone), p the syslog priority of the message's severity
 * (I 6, W 4, E 3, S 2), which the journal reads from the start of a line.  The
 * queue manager process sets it to stderr when stderr is the journal
 * (qm/server/sdnotify.h), so that the journal has what AMQERR01.LOG has.  It
 * never blocks: a line the descriptor cannot take at once is dropped.  Set it
 * before the threads start. */
void errlog_echo(int fd);

/* Path of AMQERR0<k>.LOG (k = 1..3) in el's folder. */
int errlog_file_path(const struct errlog *el, int k, char *buf, size_t n);

#endif
