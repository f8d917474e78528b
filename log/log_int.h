/*
 * log_int.h: what log.c (the log as a whole: open, append, group commit) and
 * logspace.c (extent space management) share.  Not for use outside log/.
 *
 * Locking: fields marked "mu" are guarded by lg->mu; the functions below that
 * say "under mu" are called with it held.
 */
#ifndef QUIRE_LOG_INT_H
#define QUIRE_LOG_INT_H

#include "log/log.h"
#include "log/logseal.h"

#include <limits.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#define WFD_CACHE 4

struct log {
	char path[PATH_MAX];
	struct logctl ctl;                /* mu */
	uint64_t extsz;
	int lockfd;
	pthread_mutex_t append_mu, mu;
	pthread_cond_t wake_writer, space;
	pthread_cond_t done[2];           /* done[g & 1]: flush number g completed */
	uint8_t *buf;
	size_t bufsz;
	uint8_t *scratch;                 /* encoding area, under append_mu */
	uint64_t next_lsn, write_lsn, durable_lsn, flush_req, last_lsn, flush_mark;
	uint32_t epoch;
	int failed, stopping;
	int flushing;                     /* a flush is in flight (its thread is the leader) */
	uint64_t gen;                     /* number of the latest flush claimed */
	uint64_t claim_end;               /* end of the data that flush writes */
	int waiting_next;                 /* waiters whose records come after claim_end */
	uint64_t reserve;                 /* kept free by ordinary appends */
	uint64_t restart_reserve;         /* kept free by LOG_APPEND_RESERVED too */
	uint64_t flushes, syncs;
	log_notify_fn notify;
	void *notify_arg;
	pthread_t writer;
	struct { uint64_t seq; int fd; } wfd[WFD_CACHE]; /* the flush leader only */
	int seal_fd;                      /* amqhlseal.lfh (-1: not written this run) */
	struct log_seal seal;             /* the flush leader only */
	uint64_t seal_errors;             /* mu: seal updates that failed (harmless) */
	char failure[640];                /* mu: why the log is FAILED, set once with failed */
	int last_rc;                      /* mu: the last failed append's code (0: none) */
	char last_why[640];               /* mu: and what failed */
	/* linear logs: the next extent formatted ahead, off every other path
	 * (logspace.c log_former_main) */
	pthread_t former;
	int former_on;                    /* the thread runs */
	pthread_cond_t wake_former;
	uint64_t formed_seq;              /* mu: the sequence formatted ahead and in place (0: none) */
	int former_off;                   /* mu: formatting ahead failed once: not again this run */
	int counts_unsaved;               /* mu: the former counted an extent (n_created) that no
					     control file write has carried yet: log_close writes it */
};

/* Where a record of len bytes goes if the log is at pos (rule P2). */
static inline uint64_t log_place(uint64_t extsz, uint64_t pos, uint32_t len)
{
	pos = log_norm_pos(extsz, pos);
	if (pos % extsz + len > extsz)
		pos = log_norm_pos(extsz, (pos / extsz + 1) * extsz);
	return pos;
}

/* <path>/active/<prefix>nnnnnnn.LOG */
void log_ext_path(const char *logpath, char prefix, uint32_t fileno, char *out, size_t n);
/* "Input/output error (errno 5)" for errno e into buf. */
const char *log_errno_str(int e, char *buf, size_t n);
/* Under mu.  WAL rule 8: the log becomes FAILED with code rc (never QM_OK);
 * the first reason given is kept for log_failure. */
void log_fail(struct log *lg, int rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Under mu: the reason the current append fails (log_last_error). */
void log_note_error(struct log *lg, int rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* logspace.c.  create_extent: make extent file path for sequence seq,
 * preallocated and durable with its folder entry; on failure *step says what
 * failed ("creating", "preallocating", "writing the header of", "syncing the
 * folder of") and the file is removed unless only the folder sync failed. */
int log_create_extent(const char *path, const struct logctl *c, uint64_t seq, uint32_t fileno, const char **step);
uint64_t log_medialog_seq(const struct logctl *c, uint64_t extsz);
/* Under mu: reserve the extents a record of len bytes needs (nothing is
 * appended when this fails; QM_ELOGFULL, QM_ENOSPC leave the log usable). */
int log_make_room(struct log *lg, size_t len, int flags);
/* Under mu: make the extents up to seq ready and named in the control file
 * (prepare_next as often as needed; errors as log_make_room's). */
int log_prepare_through(struct log *lg, uint64_t seq);
/* Under mu: the extent being written (CURRLOG): next_lsn's, at most the
 * newest prepared. */
uint64_t log_cur_seq(const struct log *lg);
/* Under mu: the DISPLAY QMSTATUS figures of log_info (archlog .. primary_bytes),
 * once li's other fields are filled. */
void log_space_info(const struct log *lg, struct log_info *li);
/* Linear logs: a thread that formats the next extent (cur_seq + 1) ahead of
 * need, so that an append crossing into it does not write its zeros with
 * the log's lock held (a new 16 MiB extent held every append and commit up
 * for about 50 ms: bench/mediabench).  Started by log_open, woken when an
 * extent is added, stopped by log_close. */
void *log_former_main(void *arg);

#endif
