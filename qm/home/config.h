/*
 * config.h: the data root, mqs.ini and qm.ini.
 *
 * Files (MQ's layout; samples/qm.ini documents every key):
 *   <data root>/mqs.ini                 the queue managers this machine knows
 *   <qm data dir>/qm.ini                one queue manager's configuration
 * where <data root> is $MQ_DATA_PATH or /var/mqm, and <qm data dir> is the
 * QueueManager stanza's DataPath, or else <Prefix>/qmgrs/<Directory>.
 *
 * Both files are stanzas: a line "Name:" starts a stanza, the lines after it
 * are "Key=Value" (written indented by three spaces, with no spaces around
 * "="); lines starting with '#' or ';' are comments.  Stanza names, keys and
 * the words of enumerated values are case-insensitive.  Files are read with
 * inih and written whole with os_replace_file.
 *
 * Calling sequence:
 *   struct qm_config c;  char err[CFG_ERR_MAX];
 *   rc = qm_config_load(&c, path, err, sizeof err);      defaults + file
 *   cfg_warnings_log(&c.warnings, &el);                   unknown keys -> error log
 *   ...
 *   qm_config_init(&c); c.log.type = CFG_LOG_LINEAR; ...  for crtmqm
 *   rc = qm_config_validate(&c, err, sizeof err);
 *   rc = qm_config_write(&c, path, "QM1", err, sizeof err);
 *
 *   struct mqs_ini m;
 *   rc = mqs_lock(root, &lk);                             serialise read-modify-write
 *   rc = mqs_load(&m, path, err, n);  (QM_ENOENT: mqs_init(&m, root))
 *   rc = mqs_add_qmgr(&m, &q);  mqs_set_default(&m, "QM1");  mqs_remove_qmgr(&m, "QM1");
 *   rc = mqs_save(&m, path, err, n);
 *   mqs_release(&m);  mqs_unlock(lk);
 *
 * Error handling: functions return QM_OK or a QM_E* code.  A bad value, a
 * syntax error or a broken cross-field rule is QM_EINVAL with a message in
 * err naming the file, the line, the key, the value and what is allowed, e.g.
 *   "/var/mqm/qmgrs/QM1/qm.ini line 4: bad value '600' for LogPrimaryFiles
 *    in the Log stanza (allowed: 2 to 510)"
 * Reading stops at the first such error.  An unknown stanza or key is not an
 * error: it is recorded in the `warnings` of the result (file, line, stanza,
 * key) for the caller to write to the error log (AMQ7889, AMQ7890).  A file
 * that cannot be read gives the osio code (QM_ENOENT for a missing file) and
 * a message with the path and strerror.
 */
#ifndef QUIRE_CONFIG_H
#define QUIRE_CONFIG_H

#include <limits.h>
#include <stddef.h>

struct errlog;

#define CFG_ERR_MAX       512   /* a buffer size that holds every message */
#define CFG_QMNAME_MAX    48    /* queue manager name length */
#define CFG_DIRNAME_MAX   64    /* Directory: transformed name plus ".000" suffix */
#define CFG_NAME_MAX      64    /* stanza and key names kept for warnings */
#define CFG_MAX_WARNINGS  32
#define CFG_DEFAULT_ROOT  "/var/mqm"

/* Ranges and defaults (qm.ini; the same apply to mqs.ini LogDefaults). */
#define CFG_LOG_PRIMARY_MIN      2
#define CFG_LOG_PRIMARY_MAX      510
#define CFG_LOG_PRIMARY_DEF      3
#define CFG_LOG_SECONDARY_MIN    1
#define CFG_LOG_SECONDARY_MAX    509
#define CFG_LOG_SECONDARY_DEF    2
#define CFG_LOG_FILES_MIN        3     /* primary + secondary */
#define CFG_LOG_FILES_MAX        511
#define CFG_LOG_FILE_PAGES_MIN   64
#define CFG_LOG_FILE_PAGES_MAX   65535
#define CFG_LOG_FILE_PAGES_DEF   4096
#define CFG_LOG_BUFFER_PAGES_MIN 0
#define CFG_LOG_BUFFER_PAGES_MAX 4096
#define CFG_LOG_BUFFER_PAGES_DEF 0
#define CFG_ERRLOG_SIZE_MIN      (1LL << 20)           /* 1 MiB */
#define CFG_ERRLOG_SIZE_MAX      (2LL << 30)           /* 2 GiB */
#define CFG_ERRLOG_SIZE_DEF      (2LL << 20)           /* 2 MiB */
#define CFG_CKPT_OPS_MIN         100
#define CFG_CKPT_OPS_MAX         10000000
#define CFG_CKPT_OPS_DEF         50000
#define CFG_CKPT_SECONDS_MIN     1
#define CFG_CKPT_SECONDS_MAX     86400
#define CFG_CKPT_SECONDS_DEF     30
#define CFG_QBUF_MIN             (64 * 1024)
#define CFG_QBUF_MAX             (1024 * 1024 * 1024)
#define CFG_QBUF_DEF             (1024 * 1024)

/* Same numbers as the log control file's codes (log/logctl.h). */
enum cfg_log_type { CFG_LOG_CIRCULAR = 1, CFG_LOG_LINEAR = 2 };
enum cfg_log_mgmt { CFG_LOG_MANUAL = 0, CFG_LOG_AUTOMATIC = 1, CFG_LOG_ARCHIVE = 2 };
enum cfg_log_integrity { CFG_LWI_SINGLE = 1, CFG_LWI_DOUBLE = 2, CFG_LWI_TRIPLE = 3 };

/* One unknown stanza (key "") or unknown key, in warnings.file. */
struct cfg_warning {
	int line;
	char stanza[CFG_NAME_MAX];
	char key[CFG_NAME_MAX];
};

struct cfg_warnings {
	char file[PATH_MAX];
	int n;                  /* entries in w */
	int dropped;            /* more warnings than CFG_MAX_WARNINGS */
	struct cfg_warning w[CFG_MAX_WARNINGS];
};

/* The Log stanza of qm.ini, or LogDefaults of mqs.ini. */
struct cfg_log {
	int primary_files;              /* LogPrimaryFiles */
	int secondary_files;            /* LogSecondaryFiles */
	int file_pages;                 /* LogFilePages, 4 KiB pages per log file */
	enum cfg_log_type type;         /* LogType */
	int buffer_pages;               /* LogBufferPages as written; see cfg_log_buffer_pages */
	enum cfg_log_integrity write_integrity;  /* LogWriteIntegrity */
	enum cfg_log_mgmt management;   /* LogManagement (meaningful for LINEAR only) */
	char path[PATH_MAX];            /* LogPath (qm.ini) / LogDefaultPath (mqs.ini); "" unset */
};

/* Our own knobs: the Tuning stanza of qm.ini. */
struct cfg_tuning {
	int checkpoint_ops;             /* CheckpointOps: logged operations between checkpoints */
	int checkpoint_seconds;         /* CheckpointSeconds: at most this long, if anything was logged */
	int queue_buffer_size;          /* QueueBufferSize: bytes of bodies one queue keeps in memory */
};

struct qm_config {
	struct cfg_log log;
	long long error_log_size;       /* QMErrorLog ErrorLogSize, bytes */
	struct cfg_tuning tuning;
	int security_policy_user;       /* Service SecurityPolicy=user (1), group or default (0) */
	struct cfg_warnings warnings;
};

/* A QueueManager stanza of mqs.ini. */
struct mqs_qmgr {
	char name[CFG_QMNAME_MAX + 1];  /* Name */
	char prefix[PATH_MAX];          /* Prefix: the data root it lives under */
	char directory[CFG_DIRNAME_MAX];/* Directory: its folder name under qmgrs/ */
	char data_path[PATH_MAX];       /* DataPath: its data folder if not the usual; "" */
	int line;                       /* where its stanza starts (0: added) */
	char *extra;                    /* unknown keys, kept as "   Key=Value\n" lines */
};

struct mqs_ini {
	char default_prefix[PATH_MAX];  /* AllQueueManagers DefaultPrefix */
	char default_qmgr[CFG_QMNAME_MAX + 1];  /* DefaultQueueManager Name; "" none */
	struct cfg_log log_defaults;    /* LogDefaults */
	struct mqs_qmgr *qmgrs;         /* in file order */
	int nqmgrs;
	char *extra_all;                /* unknown keys of AllQueueManagers */
	char *extra_default;            /* ... of DefaultQueueManager */
	char *extra_logdefaults;        /* ... of LogDefaults */
	char *extra_stanzas;            /* unknown stanzas, kept whole */
	struct cfg_warnings warnings;
};

/* $MQ_DATA_PATH when set and not empty, else /var/mqm. */
const char *cfg_data_root(void);
/* <data root>/mqs.ini */
int cfg_mqs_path(char *buf, size_t n);
/* The queue manager's data folder: DataPath, or <Prefix>/qmgrs/<Directory>. */
int mqs_qmgr_data_dir(const struct mqs_qmgr *q, char *buf, size_t n);
/* <data dir>/qm.ini */
int cfg_qm_ini_path(const char *qm_data_dir, char *buf, size_t n);

/* LogBufferPages as the log uses it: 0 means 512, 1..17 become 18. */
int cfg_log_buffer_pages(int configured);

/* Built-in defaults for every key (LogPath empty). */
void cfg_log_init(struct cfg_log *l);
void qm_config_init(struct qm_config *c);

/* Defaults, then the file.  On QM_EINVAL err says what is wrong. */
int qm_config_load(struct qm_config *c, const char *path, char *err, size_t errlen);
/* The same from text in memory; `path` only names it in messages. */
int qm_config_parse(struct qm_config *c, const char *path, const char *text, char *err, size_t errlen);
/* Check every field and the cross-field rules (messages without file/line). */
int qm_config_validate(const struct qm_config *c, char *err, size_t errlen);
/* Validate, then write a complete qm.ini (comment header naming qmname). */
int qm_config_write(const struct qm_config *c, const char *path, const char *qmname,
		    char *err, size_t errlen);
/* Render the qm.ini text into buf (used by qm_config_write). */
int qm_config_render(const struct qm_config *c, const char *qmname, char *buf, size_t n);
/* Start c's Log stanza from mqs.ini LogDefaults (LogPath is left for the caller). */
void qm_config_apply_log_defaults(struct qm_config *c, const struct cfg_log *defaults);

/* An empty mqs.ini for data root `root` (DefaultPrefix=root, LogDefaultPath=root/log). */
void mqs_init(struct mqs_ini *m, const char *root);
int mqs_load(struct mqs_ini *m, const char *path, char *err, size_t errlen);
int mqs_parse(struct mqs_ini *m, const char *path, const char *text, char *err, size_t errlen);
int mqs_save(const struct mqs_ini *m, const char *path, char *err, size_t errlen);
/* The whole file's text, malloc'd, in *out. */
int mqs_render(const struct mqs_ini *m, char **out);
void mqs_release(struct mqs_ini *m);

/* Case-sensitive, as queue manager names are. */
const struct mqs_qmgr *mqs_find(const struct mqs_ini *m, const char *name);
/* Add a copy of q (its `extra` is not copied): QM_EEXIST if the name is
 * listed, QM_EINVAL if a field is empty, too long or not absolute. */
int mqs_add_qmgr(struct mqs_ini *m, const struct mqs_qmgr *q);
/* QM_ENOTFOUND if not listed; clears the default if it named this one. */
int mqs_remove_qmgr(struct mqs_ini *m, const char *name);
/* name NULL or "" clears the default; QM_ENOTFOUND if name is not listed. */
int mqs_set_default(struct mqs_ini *m, const char *name);

/* An exclusive flock on <root>/mqs.ini.lck (created if missing), held until
 * mqs_unlock, so that two commands do not both rewrite mqs.ini. */
int mqs_lock(const char *root, int *fd);
void mqs_unlock(int fd);

/* "<file> line <n>: unknown key K in the S stanza" / "... unknown stanza S". */
int cfg_warning_text(const struct cfg_warnings *w, int i, char *buf, size_t n);
/* Write each warning to the error log (AMQ7889W / AMQ7890W); returns the
 * first failure of errlog_write, QM_OK otherwise. */
int cfg_warnings_log(const struct cfg_warnings *w, const struct errlog *el);

#endif
