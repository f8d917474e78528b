/*
 * backup.c: backup queue managers (backup.h): strmqm -r replays the log
 * extents copied in from the original, strmqm -a activates the backup, and
 * the start refuses a backup that is not activated.
 *
 * A backup is made as MQ says: crtmqm a queue manager of the same name and
 * log settings (linear, the same LogFilePages), then overwrite its data and
 * log folders with a copy of the original's taken while it was stopped
 * (endmqm -w).  Later the extents the original has finished since are copied
 * into the backup's active/ folder (nothing else: not the control file, not
 * the seal) and strmqm -r replays them.
 *
 * Design: the backup never writes its log, its queue files or its object
 * files while it is a backup.  Every strmqm -r replays, in memory, the whole
 * log from the restart LSN of the copied control file (the original's last
 * checkpoint before the copy) to the end of the extents copied so far: the
 * same replay a start does, reading the extents after the control file's
 * cur_seq too (log_reader_opts.copied), with no QMGR_START, no checkpoint, no
 * backout of units of work still in flight, no cut of an incomplete tail and
 * no seal.  So the log stays a prefix of the original's and every later copy
 * simply continues it; a unit of work in flight at the end of one replay is
 * found again, from its first record, by the next.  What a replay proves is
 * that the log as copied is whole and replays (a missing or damaged extent is
 * reported as at a start, AMQ6767 naming the file), and how far it reaches:
 * the point of recovery, kept in the state file below and said by AMQ7950I.
 * The price is time: each replay reads the log since the copy again (a new
 * full copy now and then shortens it).
 *
 * A record whose last part is in an extent not copied yet is not replayed
 * (the reader drops unfinished records: AMQ7951I says from where); the next
 * replay, with that extent copied, replays it whole.  The current extent of
 * a running original may be copied while it is written: the replay reads it
 * up to its last complete flush, as a start would, without cutting anything.
 * If the copy raced a write so that a hole is followed by valid records, the
 * replay refuses it as damage (AMQ7957E) and nothing changes: copy that
 * extent again once it is finished.
 *
 * strmqm -a extends the control file's cur_seq over the extents copied in
 * (the one write to the log folder, so that log_open finds them), then marks
 * the state file activated; the next plain strmqm is a restart recovery over
 * the whole copied log: every unit of work still in flight at its end is
 * backed out, the first checkpoint writes the queue files.  During that
 * start qm->backup_base makes the checkpoints the original logged after the
 * copy point harmless (the backup's queue files are older than they say, on
 * purpose, and the replay from the copy's restart LSN rebuilds them).
 *
 * Definitions after the copy point (store_backup_def, called by restart.c's
 * replay for every OBJ_CREATE, OBJ_ALTER and OBJ_DELETE at or after
 * qm->backup_base): the copied catalog is the original's at the copy, so a
 * queue the original defined later is made from its record's whole
 * definition, empty, and the MSG_PUT / MSG_GET records after it replay into
 * it; one it deleted (the record names it by object id only) is dropped with
 * its messages; an ALTER of a queue is the replay's as at any start, an ALTER
 * QMGR is kept for store_backup_started.  strmqm -r (and -a's check) does
 * this in memory.  The first start after -a does it durably, as objstore.c
 * does after its record but without logging again (the log holds the
 * record): a new queue's folder, definition file and (local) empty queue
 * store reflecting the record's LSN, then the catalog; a deleted one's
 * catalog entry, then its store and folder; each write durable (write, fsync,
 * rename, fsync the folder) before the next, a failure fatal.  The start's
 * checkpoint then writes the new queues' messages and lists their files.
 * If that start is cut short (kill -9) the next one replays the same records
 * over files that already have some of them: a create whose queue is there
 * with a definition as new as the record (def_lsn) is done already, and a
 * delete whose queue of that name is newer than the record deleted an
 * earlier queue of that name (the later create's replay drops the earlier
 * one's messages, as at any start); a create that finds an older queue of
 * that name still there stops the replay (the catalog does not follow the
 * log).
 *
 * The state file <data folder>/amqbackup.fil (version 1, 256 bytes,
 * little-endian; replaced whole through os_replace_file):
 *   0    u64  magic "QUIREBKF"
 *   8    u32  format version (1)
 *   12   u32  size of the file (256)
 *   16   16   queue manager identity (the QMANAGER object's)
 *   32   u32  state: 1 BACKUP (strmqm -r ran; a plain start is refused),
 *             2 ACTIVATED (strmqm -a ran; the next start is its first),
 *             3 ACTIVE (started since: an ordinary queue manager)
 *   36   u32  replays done
 *   40   u64  base LSN: the copy point (the copied seal's end, or the
 *             copied restart LSN when later), set by the first replay
 *   48   u64  the copied control file's restart LSN the base belongs to (a
 *             new full copy brings another, and the state starts again)
 *   56   u64  the last replay's end: the log is whole up to this LSN
 *   64   u64  the last replay's last record
 *   72   u32  the extent number holding the end
 *   76   u32  zero
 *   80   i64  when the last replay ran (ms since 1970)
 *   88   i64  when strmqm -a ran (0: not yet)
 *   96   152  zeros
 *   248  u64  XXH64 (seed 0) of bytes 0..247
 * A file that fails these checks is refused (strmqm names it); none at all is
 * a queue manager that was never a backup.  dspmq shows no backup state (MQ's
 * dspmq has none either).
 */
#include "qm/store/backup.h"

#include <errno.h>
#include <dirent.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <xxhash.h>

#include "log/byteorder.h"
#include "log/logrec.h"
#include "log/logctl.h"
#include "log/logread.h"
#include "log/osio.h"
#include "log/qmerr.h"
#include "qm/home/msgcat.h"
#include "qm/qmrun.h"
#include "qm/store/objstore.h"
#include "qm/store/store.h"
#include "objects/qstore.h"

#define BKF_NAME  "amqbackup.fil"
#define BKF_MAGIC 0x464b424552495551ull /* "QUIREBKF" */
#define BKF_SIZE  256u

enum { BK_NONE = 0, BK_BACKUP = 1, BK_ACTIVATED = 2, BK_ACTIVE = 3 };

/* strmqm's exit codes (cmds/README.md) */
#define RC_LOG_UNAVAILABLE 23
#define RC_REFUSED         71

struct bkf {
	uint8_t qmid[16];
	uint32_t state, replays, end_fileno;
	uint64_t base_lsn, ctl_restart_lsn, end_lsn, last_lsn;
	int64_t replay_ms, activate_ms;
};

static void bkf_path(const struct qm *qm, char *out, size_t n)
{
	snprintf(out, n, "%s/%s", qm->paths.data_dir, BKF_NAME);
}

/* QM_ENOENT: no file (never a backup). */
static int bkf_read(const struct qm *qm, struct bkf *b, char *why, size_t n)
{
	char path[PATH_MAX + 32];
	uint8_t p[BKF_SIZE + 1];
	bkf_path(qm, path, sizeof path);
	memset(b, 0, sizeof *b);
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (errno == ENOENT)
			return QM_ENOENT;
		snprintf(why, n, "%s cannot be read: %s", path, strerror(errno));
		return QM_EIO;
	}
	size_t got = fread(p, 1, sizeof p, f);
	fclose(f);
	const char *bad = NULL;
	if (got != BKF_SIZE)
		bad = "it is not 256 bytes long";
	else if (get_u64(p) != BKF_MAGIC)
		bad = "it does not start with QUIREBKF";
	else if (get_u32(p + 8) != 1)
		bad = "its format version is not 1";
	else if (XXH64(p, BKF_SIZE - 8, 0) != get_u64(p + BKF_SIZE - 8))
		bad = "its checksum does not match";
	else if (memcmp(p + 16, qm->os.qmgr.identity, 16) != 0)
		bad = "it belongs to another queue manager";
	else if (get_u32(p + 32) < BK_BACKUP || get_u32(p + 32) > BK_ACTIVE)
		bad = "its state is not 1, 2 or 3";
	if (bad) {
		snprintf(why, n, "the backup state file %s is damaged: %s", path, bad);
		return QM_ECORRUPT;
	}
	memcpy(b->qmid, p + 16, 16);
	b->state = get_u32(p + 32);
	b->replays = get_u32(p + 36);
	b->base_lsn = get_u64(p + 40);
	b->ctl_restart_lsn = get_u64(p + 48);
	b->end_lsn = get_u64(p + 56);
	b->last_lsn = get_u64(p + 64);
	b->end_fileno = get_u32(p + 72);
	b->replay_ms = (int64_t)get_u64(p + 80);
	b->activate_ms = (int64_t)get_u64(p + 88);
	return QM_OK;
}

static int bkf_write(const struct qm *qm, const struct bkf *b, char *why, size_t n)
{
	char path[PATH_MAX + 32];
	uint8_t p[BKF_SIZE];
	memset(p, 0, sizeof p);
	put_u64(p, BKF_MAGIC);
	put_u32(p + 8, 1);
	put_u32(p + 12, BKF_SIZE);
	memcpy(p + 16, qm->os.qmgr.identity, 16);
	put_u32(p + 32, b->state);
	put_u32(p + 36, b->replays);
	put_u64(p + 40, b->base_lsn);
	put_u64(p + 48, b->ctl_restart_lsn);
	put_u64(p + 56, b->end_lsn);
	put_u64(p + 64, b->last_lsn);
	put_u32(p + 72, b->end_fileno);
	put_u64(p + 80, (uint64_t)b->replay_ms);
	put_u64(p + 88, (uint64_t)b->activate_ms);
	put_u64(p + BKF_SIZE - 8, XXH64(p, BKF_SIZE - 8, 0));
	bkf_path(qm, path, sizeof path);
	int rc = os_replace_file(path, p, sizeof p);
	if (rc)
		snprintf(why, n, "the backup state file %s could not be written: %s", path, qm_strerror(rc));
	return rc;
}

/* A line for strmqm and the error log.  Inserts end with NULL. */
static void say(struct qm *qm, struct store_backup_result *res, int error, int msgid, ...)
{
	const char *ins[5];
	int k = 0;
	va_list ap;
	va_start(ap, msgid);
	for (const char *s; k < 5 && (s = va_arg(ap, const char *)) != NULL;)
		ins[k++] = s;
	va_end(ap);
	errlog_write(&qm->el, msgid, ins, k, __FILE__, __LINE__);
	if (res->nline == (int)(sizeof res->line / sizeof res->line[0]))
		return;
	struct store_backup_line *l = &res->line[res->nline++];
	l->msgid = msgid;
	l->error = error;
	l->nins = k;
	for (int i = 0; i < k; i++)
		snprintf(l->ins[i], sizeof l->ins[i], "%s", ins[i]);
}

/* qm.ini, the error log, the objects, the control file: what -r and -a need. */
static int open_backup(struct qm *qm, struct store_backup_result *res, struct logctl *c, int *code)
{
	char err[CFG_ERR_MAX + 256], why[600];
	*code = RC_REFUSED;
	int rc = qm_config_load(&qm->cfg, qm->paths.qm_ini, err, sizeof err);
	errlog_open_qm(&qm->el, qm->paths.data_dir, qm->paths.name, rc ? 0 : qm->cfg.error_log_size);
	if (rc) {
		say(qm, res, 1, AMQ_CFG_BAD_VALUE, qm->paths.qm_ini, err, NULL);
		return rc;
	}
	if ((rc = objstore_open(&qm->os, qm->paths.data_dir, NULL, err, sizeof err)) != QM_OK) {
		say(qm, res, 1, AMQ_OBJECT_DAMAGED, qm->paths.name, "qmgr", NULL);
		say(qm, res, 1, AMQ_BACKUP_REPLAY_FAILED, qm->paths.name, err, NULL);
		return rc;
	}
	if ((rc = logctl_read(qm->paths.log_dir, c, why, sizeof why)) != QM_OK ||
	    memcmp(c->qmid, qm->os.qmgr.identity, 16) != 0) {
		if (!rc) {
			snprintf(why, sizeof why, "the log in %s belongs to another queue manager", qm->paths.log_dir);
			rc = QM_EFOREIGN;
		}
		say(qm, res, 1, AMQ_BACKUP_REPLAY_FAILED, qm->paths.name, why, NULL);
		*code = RC_LOG_UNAVAILABLE;
		return rc;
	}
	return QM_OK;
}

/* The last extent of the log as copied: after the control file's cur_seq,
 * every extent the folder holds while none is missing (as the reader takes
 * them, log_reader_opts.copied). */
static uint64_t copied_last(const struct qm *qm, uint64_t cur_seq)
{
	for (;;) {
		char name[16], path[PATH_MAX + 32];
		struct stat st;
		log_extent_name((uint32_t)((cur_seq + 1) % LOG_NAME_WRAP), name);
		snprintf(path, sizeof path, "%s/active/%s", qm->paths.log_dir, name);
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
			return cur_seq;
		cur_seq++;
	}
}

/* An extent after a missing one: the copy has a hole (the reader would end
 * the log at it, silently leaving the later extents out). */
static int copied_gap(const struct qm *qm, uint64_t last, char *missing, size_t mlen, char *why, size_t n)
{
	char dir[PATH_MAX + 16], name[16];
	snprintf(dir, sizeof dir, "%s/active", qm->paths.log_dir);
	DIR *d = opendir(dir);
	if (!d)
		return QM_OK;
	struct dirent *e;
	unsigned long beyond = 0;
	while ((e = readdir(d)) != NULL) {
		unsigned long k;
		char tail[8];
		if (sscanf(e->d_name, "S%7lu.%3s", &k, tail) == 2 && strcmp(tail, "LOG") == 0 && strlen(e->d_name) == 12 &&
		    k > (unsigned long)(last % LOG_NAME_WRAP) && (!beyond || k < beyond))
			beyond = k;
	}
	closedir(d);
	if (!beyond)
		return QM_OK;
	log_extent_name((uint32_t)((last + 1) % LOG_NAME_WRAP), name);
	snprintf(missing, mlen, "%s", name);
	snprintf(why, n, "log extent %s is missing from %s, and later extents (S%07lu.LOG) were copied in: copy every "
		 "extent in order", name, dir, beyond);
	return QM_ENOENT;
}

/* Read the whole copied log once (validation only): where it ends. */
static int copied_end(struct qm *qm, const struct logctl *c, struct log_reader_end *end, char *missing, size_t mlen,
		      char *why, size_t n)
{
	struct log_reader_opts ro = { .start = LOG_START_HEAD, .copied = 1 };
	struct log_reader *rd;
	missing[0] = 0;
	int rc = copied_gap(qm, copied_last(qm, c->cur_seq), missing, mlen, why, n);
	if (rc)
		return rc;
	if ((rc = log_reader_open(qm->paths.log_dir, &ro, &rd, why, n)) != QM_OK)
		return rc;
	if ((rc = log_reader_end(rd, end)) != QM_OK) {
		snprintf(why, n, "%s", log_reader_error(rd));
		snprintf(missing, mlen, "%s", log_reader_missing(rd));
	}
	log_reader_close(rd);
	return rc;
}

static void fail_log(struct qm *qm, struct store_backup_result *res, const char *missing, const char *why)
{
	if (missing[0])
		say(qm, res, 1, AMQ_LOG_FILE_NOT_OPENED, missing, why, NULL);
	say(qm, res, 1, AMQ_BACKUP_REPLAY_FAILED, qm->paths.name, why, NULL);
}

int store_backup_replay(struct qm *qm, struct store_backup_result *res, int *code)
{
	struct logctl c;
	struct bkf b;
	char why[1024], missing[32];
	int rc = open_backup(qm, res, &c, code);
	if (rc)
		return rc;
	*code = RC_REFUSED;
	/* MQ: a backup needs linear logging, and extents that Automatic could
	 * reuse before they are copied make -r fail */
	if (qm->cfg.log.type != CFG_LOG_LINEAR || c.type != LOG_LINEAR) {
		say(qm, res, 1, AMQ_BACKUP_REPLAY_REFUSED, qm->paths.name,
		    "a backup queue manager needs linear logging, and this one uses circular logging", NULL);
		return QM_EINVAL;
	}
	if (qm->cfg.log.management == CFG_LOG_AUTOMATIC || c.mgmt == LOG_AUTOMATIC) {
		say(qm, res, 1, AMQ_BACKUP_REPLAY_REFUSED, qm->paths.name,
		    "its LogManagement is Automatic, which may reuse log extents before they are copied", NULL);
		return QM_EINVAL;
	}
	rc = bkf_read(qm, &b, why, sizeof why);
	if (rc && rc != QM_ENOENT) {
		say(qm, res, 1, AMQ_BACKUP_REPLAY_FAILED, qm->paths.name, why, NULL);
		return rc;
	}
	if (!rc && b.state != BK_BACKUP) {
		say(qm, res, 1, AMQ_BACKUP_ACTIVATED_NO_REPLAY, qm->paths.name, NULL);
		return QM_EINVAL;
	}
	int fresh = rc == QM_ENOENT || b.ctl_restart_lsn != c.restart_lsn;
	struct log_reader_end end;
	if ((rc = copied_end(qm, &c, &end, missing, sizeof missing, why, sizeof why)) != QM_OK) {
		fail_log(qm, res, missing, why);
		*code = RC_LOG_UNAVAILABLE;
		return rc;
	}
	if (fresh) {
		/* the first replay of this copy: its copy point (a new full copy
		 * brings a new control file, and the state starts again) */
		memset(&b, 0, sizeof b);
		b.state = BK_BACKUP;
		b.ctl_restart_lsn = c.restart_lsn;
		b.base_lsn = end.sealed_lsn > c.restart_lsn ? end.sealed_lsn : c.restart_lsn;
	}
	qm->backup_replay = 1;
	qm->backup_base = b.base_lsn;
	struct store_replay_stats st;
	rc = store_replay_only(qm, end.end_lsn, &st, why, sizeof why);
	qm->backup_replay = 0;
	qm->backup_base = 0;
	if (rc) {
		fail_log(qm, res, st.missing, why);
		*code = RC_LOG_UNAVAILABLE;
		return rc;
	}
	uint64_t extsz = (uint64_t)c.pages * 4096u;
	uint64_t at = end.last_lsn ? end.last_lsn : end.end_lsn;
	b.replays++;
	b.end_lsn = end.end_lsn;
	b.last_lsn = end.last_lsn;
	b.end_fileno = (uint32_t)((at / extsz) % LOG_NAME_WRAP);
	b.replay_ms = qm_now_ms();
	if ((rc = bkf_write(qm, &b, why, sizeof why)) != QM_OK) {
		say(qm, res, 1, AMQ_BACKUP_REPLAY_FAILED, qm->paths.name, why, NULL);
		return rc;
	}
	char lsn[24], ext[16], n1[24], n2[24], n3[24];
	log_extent_name(b.end_fileno, ext);
	say(qm, res, 0, AMQ_BACKUP_REPLAYED, qm->paths.name, log_lsn_str(end.end_lsn, lsn), ext,
	    msgcat_num(n1, (long long)st.records), msgcat_num(n2, (long long)st.inflight), NULL);
	if (st.npartial) {
		msgcat_num(n3, st.npartial);
		say(qm, res, 0, AMQ_BACKUP_RECORD_WAITS, qm->paths.name, log_lsn_str(st.partial_lsn, lsn), n3, NULL);
	}
	*code = 0;
	return QM_OK;
}

int store_backup_activate(struct qm *qm, struct store_backup_result *res, int *code)
{
	struct logctl c;
	struct bkf b;
	char why[1024], missing[32];
	int rc = open_backup(qm, res, &c, code);
	if (rc)
		return rc;
	*code = RC_REFUSED;
	rc = bkf_read(qm, &b, why, sizeof why);
	if (rc && rc != QM_ENOENT) {
		say(qm, res, 1, AMQ_BACKUP_REPLAY_FAILED, qm->paths.name, why, NULL);
		return rc;
	}
	if (rc == QM_ENOENT || b.state != BK_BACKUP) {
		say(qm, res, 1, AMQ_NOT_A_BACKUP, qm->paths.name, NULL);
		return QM_EINVAL;
	}
	/* the log must read whole and replay before it becomes the queue
	 * manager's (extents copied since the last -r included): an activated
	 * backup whose start would fail could never be replayed again */
	struct log_reader_end end;
	struct store_replay_stats st;
	if ((rc = copied_end(qm, &c, &end, missing, sizeof missing, why, sizeof why)) == QM_OK) {
		qm->backup_replay = 1;
		qm->backup_base = b.base_lsn;
		rc = store_replay_only(qm, end.end_lsn, &st, why, sizeof why);
		qm->backup_replay = 0;
		qm->backup_base = 0;
		qm->backup_qmgr_lsn = 0;
		snprintf(missing, sizeof missing, "%s", rc ? st.missing : "");
	}
	if (rc) {
		fail_log(qm, res, missing, why);
		*code = RC_LOG_UNAVAILABLE;
		return rc;
	}
	/* the control file names the extents copied in, as the replay read them
	 * (every one after its cur_seq while none is missing): log_open reads
	 * no further */
	uint64_t last = copied_last(qm, c.cur_seq);
	if (last > c.cur_seq) {
		c.cur_seq = last;
		if ((rc = logctl_write(qm->paths.log_dir, &c)) != QM_OK) {
			snprintf(why, sizeof why, "the log control file in %s could not be written: %s", qm->paths.log_dir,
				 qm_strerror(rc));
			say(qm, res, 1, AMQ_BACKUP_REPLAY_FAILED, qm->paths.name, why, NULL);
			return rc;
		}
	}
	b.state = BK_ACTIVATED;
	b.activate_ms = qm_now_ms();
	if ((rc = bkf_write(qm, &b, why, sizeof why)) != QM_OK) {
		say(qm, res, 1, AMQ_BACKUP_REPLAY_FAILED, qm->paths.name, why, NULL);
		return rc;
	}
	say(qm, res, 0, AMQ_BACKUP_ACTIVATED, qm->paths.name, NULL);
	*code = 0;
	return QM_OK;
}

/* ---- definitions the original made after the copy ------------------------------------ */

/* A write of the first start after strmqm -a failed: said, and fatal. */
static int def_write_failed(struct qm *qm, const char *what, const char *err, char *note, size_t n, int rc)
{
	ERRLOG(&qm->el, AMQ_FILE_WRITE_FATAL, qm->paths.name, what, err);
	snprintf(note, n, "%s could not be written: %s", what, err);
	return rc;
}

/* The files of a queue the original defined at lsn, as objstore_define made
 * them there, without logging again (the log holds the record): its folder
 * and definition file, a local queue's empty store reflecting lsn (kept
 * open in o->store), then the catalog.  Each durable before the next. */
static int def_files_create(struct qm *qm, struct qobj *o, uint64_t lsn, char *note, size_t n)
{
	char folder[NAMES_FILE_SIZE] = "", dir[PATH_MAX + 64], err[512] = "";
	int rc = objstore_create_files(&qm->os, &o->def, lsn, o->q ? &o->store : NULL, folder, sizeof folder, err,
				       sizeof err);
	if (rc) {
		if (!folder[0] || objfile_obj_dir(qm->os.data_dir, o->def.type, folder, dir, sizeof dir) != QM_OK)
			snprintf(dir, sizeof dir, "%s/(folder of %s %s)", qm->os.data_dir,
				 objdef_type_name(o->def.type), o->def.name);
		return def_write_failed(qm, dir, err[0] ? err : qm_strerror(rc), note, n, rc);
	}
	return QM_OK;
}

/* OBJ_CREATE at lsn: the queue made, empty (durably at the first start). */
static int def_create(struct qm *qm, uint64_t lsn, const struct objdef *d, char *note, size_t n)
{
	if (!objdef_is_catalogued(d->type))
		return QM_OK;   /* (the queue manager object is created only by crtmqm) */
	struct qobj *o = qm_ofind(qm, d->type, d->name);
	if (o && o->def_lsn >= lsn)
		return QM_OK;   /* its files have it already: an earlier try of this start wrote them */
	if (o) {
		snprintf(note, n, "%s was defined on the original while the backup still has a %s of that name",
			 d->name, objdef_is_queue(d->type) ? "queue" : objdef_type_name(d->type));
		return QM_EINVAL;
	}
	int rc = qm_qobj_new(qm, d, &o);
	if (rc)
		return rc;
	o->def_lsn = o->file_lsn = lsn;
	if (!qm->backup_replay && (rc = def_files_create(qm, o, lsn, note, n)) != QM_OK) {
		qm_qobj_destroy(qm, o);
		return rc;
	}
	if ((rc = qm_qinsert(qm, o)) != QM_OK)
		qm_qobj_destroy(qm, o);
	return rc;
}

/* OBJ_DELETE: the queue it names (by object id; the record has no
 * definition) unless the queue of that name is newer than the record. */
static struct qobj *def_deleted(struct qm *qm, uint64_t obj, uint64_t lsn)
{
	for (unsigned i = 0; i < QM_QHASH; i++)
		for (struct qobj *o = qm->qhash[i]; o; o = o->hnext)
			if (!o->temp && objstore_obj_id(o->def.type, o->def.name) == obj)
				return o->def_lsn < lsn ? o : NULL;
	return NULL;
}

int store_backup_def(struct qm *qm, const struct log_rec_hdr *h, const void *data, size_t len, struct qobj **gone,
		     char *note, size_t n)
{
	struct objdef d;
	*gone = NULL;
	if (h->type == LOG_REC_OBJ_DELETE) {
		*gone = def_deleted(qm, h->obj, h->lsn);
		return QM_OK;
	}
	if (objdef_decode(data, len, &d, NULL, 0) != QM_OK)
		return QM_ECORRUPT;
	if (h->type == LOG_REC_OBJ_CREATE)
		return def_create(qm, h->lsn, &d, note, n);
	if (d.type == OBJDEF_QMGR && !memcmp(d.identity, qm->os.qmgr.identity, sizeof d.identity)) {
		qm->os.qmgr = d;   /* written to its file by store_backup_started */
		qm->backup_qmgr_lsn = h->lsn;
	}
	return QM_OK;   /* (a queue's ALTER: the replay applies it, as at any start) */
}

int store_backup_gone(struct qm *qm, struct qobj *o, uint64_t lsn, char *note, size_t n)
{
	char dir[PATH_MAX + 64], err[512] = "";
	const struct objcat_entry *e = qm->backup_replay ? NULL : objcat_find(&qm->os.cat, o->def.type, o->def.name);
	int rc = QM_OK;
	if (e) {
		/* as objstore_delete, without logging: the catalog first, then
		 * the store and the folder */
		char folder[NAMES_FILE_SIZE] = "";
		qstore_close(o->store);
		o->store = NULL;
		rc = objstore_remove_files(&qm->os, e->type, o->def.name, lsn, folder, sizeof folder, err, sizeof err);
		if (rc) {
			snprintf(dir, sizeof dir, "%s/queues/%s", qm->os.data_dir, folder);
			rc = def_write_failed(qm, dir, err[0] ? err : qm_strerror(rc), note, n, rc);
		}
	}
	qm_qremove(qm, o);
	qm_qobj_destroy(qm, o);
	return rc;
}

int store_backup_start(struct qm *qm, int *exit_code)
{
	struct bkf b;
	char why[1024];
	int rc = bkf_read(qm, &b, why, sizeof why);
	if (rc == QM_ENOENT)
		return QM_OK;
	if (rc) {
		ERRLOG(&qm->el, AMQ_LOG_NOT_AVAILABLE, qm->paths.name, why);
		qm_start_fail(qm, RC_REFUSED, NULL, AMQ_LOG_NOT_AVAILABLE, qm->paths.name, why, NULL);
		*exit_code = RC_REFUSED;
		return rc;
	}
	if (b.state == BK_BACKUP) {
		ERRLOG(&qm->el, AMQ_BACKUP_NOT_ACTIVE, qm->paths.name);
		qm_start_fail(qm, RC_REFUSED, NULL, AMQ_BACKUP_NOT_ACTIVE, qm->paths.name, NULL);
		*exit_code = RC_REFUSED;
		return QM_EINVAL;
	}
	if (b.state == BK_ACTIVATED)
		qm->backup_base = b.base_lsn;
	return QM_OK;
}

int store_backup_started(struct qm *qm, int *exit_code)
{
	struct bkf b;
	char why[1024], path[PATH_MAX + 32];
	if (!qm->backup_base)
		return QM_OK;
	qm->backup_base = 0;
	/* an ALTER QMGR the original made after the copy, then the state: a
	 * failed write ends the start (WAL rule 8), and the next start, still
	 * activated, applies the same records again */
	int rc = QM_OK;
	snprintf(path, sizeof path, "%s/qmanager/QMANAGER", qm->paths.data_dir);
	if (qm->backup_qmgr_lsn)
		rc = objfile_write_qmgr(qm->paths.data_dir, &qm->os.qmgr, qm->backup_qmgr_lsn, why, sizeof why);
	if (!rc && (rc = bkf_read(qm, &b, why, sizeof why)) == QM_OK) {
		b.state = BK_ACTIVE;
		bkf_path(qm, path, sizeof path);
		rc = bkf_write(qm, &b, why, sizeof why);
	}
	if (rc) {
		ERRLOG(&qm->el, AMQ_FILE_WRITE_FATAL, qm->paths.name, path, why);
		qm_start_fail(qm, RC_REFUSED, why, AMQ_FILE_WRITE_FATAL, qm->paths.name, path, why, NULL);
		*exit_code = RC_REFUSED;
		return rc;
	}
	qm->backup_qmgr_lsn = 0;
	return QM_OK;
}
