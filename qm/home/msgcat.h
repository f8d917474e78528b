/*
 * msgcat.h: the catalog of every AMQ message Quire issues.
 *
 * One table (qm/home/msgcat.c) holds, for each message, MQ's number, a severity
 * letter, the one-line text, the explanation and the action, all in our own
 * words.  The error log (qm/home/errlog.c) and every command print from it, so a
 * user sees the same "AMQ7472W: ..." on the console and in AMQERR01.LOG.
 *
 * Inserts: a text refers to the caller's inserts as %1 .. %9 (the first,
 * second ... string of the inserts array); "%%" is a literal percent sign.
 * A missing insert (beyond ninserts, or NULL) prints as nothing.  Each entry
 * also says of what kind each insert is (`kinds`: 'a' a number, 'c' a
 * string), which decides whether the error log shows it as ArithInsertN or
 * CommentInsertN, numbered within its kind, as MQ does.
 *
 * Severity letters: I information, W warning, E error, S severe.
 *
 * Calling sequence:
 *   const char *ins[] = { "QM1", "S0000003.LOG" };
 *   char line[512];
 *   msgcat_format(line, sizeof line, AMQ_LOG_OLDEST_RESTART, ins, 2);
 *       -> "AMQ7467I: The oldest log file needed to restart queue manager QM1 is S0000003.LOG."
 *   msgcat_format_part(buf, n, id, MSGCAT_EXPLANATION, ins, 2, 79);   wrapped
 *
 * Error handling: the formatters always leave a NUL-terminated string in
 * buf (when n > 0).  They return QM_OK, QM_ENOTFOUND for an id that is not in
 * the catalog (buf then says so, with the inserts), or QM_ETOOBIG when the
 * text was made to fit: inserts too long for buf are shortened first (each
 * cut to the same length, ending in "..."), so the whole message still shows;
 * only a buf too small for the text without its inserts cuts the text.  Even
 * with QM_ETOOBIG, buf holds the message to print.
 */
#ifndef QUIRE_MSGCAT_H
#define QUIRE_MSGCAT_H

#include <stddef.h>

struct amq_msg {
	int id;                   /* 7472 for AMQ7472 */
	char severity;            /* 'I', 'W', 'E' or 'S' */
	const char *kinds;        /* kinds[i] is 'a' or 'c' for insert %(i+1) */
	const char *text;         /* one line, with %N inserts */
	const char *explanation;
	const char *action;
};

/* Message numbers, named for what they say.  Ids marked "chosen" are ours:
 * the facts did not give MQ's number for that message (qm/README.md). */
enum amq_msgid {
	AMQ_AUTHN_FAILED            = 5534,
	AMQ_AUTHN_NO_CREDENTIALS    = 5540,
	AMQ_AUTHN_REQUIRED_BY       = 5541,
	AMQ_AUTHN_CHECKED_BY        = 5542,
	AMQ_COMMAND_ISSUED          = 6206,
	AMQ_PRODUCT_BANNER          = 6287,
	AMQ_LOG_FORMAT_DISK_FULL    = 6708,
	AMQ_LOG_FULL_REFUSED        = 6709,
	AMQ_LOG_FILE_NOT_OPENED     = 6767,
	AMQ_QMGR_LOCATION_BAD       = 7001,
	AMQ_QMGR_RUNNING            = 7005,
	AMQ_CFG_KEY_MISSING         = 7006,
	AMQ_QMGR_EXISTS             = 7008,
	AMQ_LOG_NOT_AVAILABLE       = 7017,
	AMQ_QUIESCE_ACCEPTED        = 7030,
	AMQ_QMGR_UNKNOWN            = 7048, /* from memory, not in the facts */
	AMQ_REPLAY_RECORDS          = 7229,
	AMQ_REPLAY_COMPLETE         = 7230,
	AMQ_RECOVERY_RECORDS        = 7231,
	AMQ_TXN_STATE_RECOVERED     = 7232,
	AMQ_TXN_RESOLVED            = 7233,
	AMQ_QUEUE_MSGS_LOADED       = 7234,
	AMQ_LOG_FULL                = 7463,
	AMQ_LOG_NOT_FULL            = 7464,
	AMQ_LOG_FULL_LONG_TXN       = 7465,
	AMQ_LOG_TOO_SMALL           = 7466,
	AMQ_LOG_OLDEST_RESTART      = 7467,
	AMQ_LOG_OLDEST_MEDIA        = 7468,
	AMQ_TXN_BACKED_OUT_FOR_LOG  = 7469,
	AMQ_MEDIA_IMAGE_RECORDED    = 7470, /* chosen */
	AMQ_OBJECT_RECREATED        = 7471, /* chosen */
	AMQ_OBJECT_DAMAGED          = 7472,
	AMQ_LOG_EXTENT_STATS        = 7490,
	AMQ_QMGR_STARTING           = 7880, /* chosen */
	AMQ_DIRECTORY_CREATED       = 7881, /* chosen */
	AMQ_DEFAULT_OBJECTS_CREATING = 7882, /* chosen */
	AMQ_SETUP_COMPLETING        = 7883, /* chosen */
	AMQ_SETUP_COMPLETED         = 7884, /* chosen */
	AMQ_WAITING_FOR_END         = 7885, /* chosen */
	AMQ_END_IMMEDIATE_ACCEPTED  = 7886, /* chosen */
	AMQ_END_PREEMPTIVE_ACCEPTED = 7887, /* chosen */
	AMQ_CFG_BAD_VALUE           = 7888, /* chosen */
	AMQ_CFG_UNKNOWN_KEY         = 7889, /* chosen */
	AMQ_CFG_UNKNOWN_STANZA      = 7890, /* chosen */
	AMQ_QMGR_ENDING             = 7891, /* chosen */
	AMQ_QMGR_BEING_CREATED      = 7892, /* chosen */
	AMQ_LOG_TAIL_CUT            = 7895, /* chosen */
	AMQ_CONNS_REFUSED           = 7896, /* chosen */
	AMQ_FILE_WRITE_FATAL        = 7897, /* chosen */
	AMQ_CKPT_DISK_FULL          = 7898, /* chosen */
	AMQ_LOG_RECORD_UNFINISHED   = 7899, /* chosen */
	AMQ_OBJECT_STALE            = 7900, /* chosen */
	AMQ_LOG_WRONG_QMGR          = 7901, /* chosen */
	AMQ_QMGR_DIR_WRONG          = 7902, /* chosen */
	AMQ_LOG_LIMITS_KEPT         = 7903, /* chosen */
	AMQ_REPLAY_PROGRESS         = 7904, /* chosen */
	AMQ_MSG_READ_FAILED         = 7905, /* chosen */
	AMQ_MEDIA_IMAGE_FAILED      = 7906, /* chosen */
	AMQ_MEDIA_IMAGE_NOT_RECORDED = 7907, /* chosen */
	AMQ_OBJECT_NOT_RECREATED    = 7908, /* chosen */
	AMQ_MEDIA_NEEDS_LINEAR      = 7909, /* chosen */
	AMQ_MEDIA_NO_OBJECTS        = 7910, /* chosen */
	AMQ_MEDIA_COPY_MADE         = 7911, /* chosen */
	AMQ_TRIGGER_NO_PROCESS      = 7912, /* chosen */
	AMQ_TRIGGER_NOT_PUT         = 7913, /* chosen */
	AMQ_AUTHN_CONNAUTH_BAD      = 7925, /* chosen */
	AMQ_EVENT_NOT_PUT           = 7930, /* chosen */
	AMQ_BACKUP_REPLAYED         = 7950, /* chosen */
	AMQ_BACKUP_RECORD_WAITS     = 7951, /* chosen */
	AMQ_BACKUP_NOT_ACTIVE       = 7952, /* chosen */
	AMQ_BACKUP_REPLAY_REFUSED   = 7953, /* chosen */
	AMQ_BACKUP_ACTIVATED_NO_REPLAY = 7954, /* chosen */
	AMQ_BACKUP_ACTIVATED        = 7955, /* chosen */
	AMQ_NOT_A_BACKUP            = 7956, /* chosen */
	AMQ_BACKUP_REPLAY_FAILED    = 7957, /* chosen */
	AMQ_CSRV_STARTED            = 7958, /* chosen */
	AMQ_CSRV_ENDED              = 7959, /* chosen */
	AMQ_CSRV_ALREADY_RUNNING    = 7960, /* chosen */
	AMQ_CSRV_NOT_RUNNING        = 7961, /* chosen */
	AMQ_QMGR_CREATED            = 8001,
	AMQ_QMGR_DELETED            = 8002,
	AMQ_QMGR_STARTED            = 8003,
	AMQ_QMGR_ENDED              = 8004,
	AMQ_QMGR_CHANGED            = 8005,
	AMQ_CSRV_STATUS             = 8027,
	AMQ_QUEUE_CREATED           = 8006,
	AMQ_QUEUE_DELETED           = 8007,
	AMQ_QUEUE_CHANGED           = 8008,
	AMQ_PROCESS_CREATED         = 8010,
	AMQ_PROCESS_DELETED         = 8011,
	AMQ_PROCESS_CHANGED         = 8012,
	AMQ_CHANNEL_CREATED         = 8014,
	AMQ_CHANNEL_DELETED         = 8015, /* from memory */
	AMQ_CHANNEL_CHANGED         = 8016,
	AMQ_QUEUE_CLEARED           = 8022,
	AMQ_DEFAULT_OBJECTS_STATS   = 8048,
	AMQ_QUIRE_ERROR             = 8101,
	AMQ_NOT_AUTHORIZED          = 8135,
	AMQ_QUEUE_NOT_EMPTY         = 8143,
	AMQ_QMGR_NOT_AVAILABLE      = 8146,
	AMQ_OBJECT_NOT_FOUND        = 8147,
	AMQ_OBJECT_IN_USE           = 8148,
	AMQ_OBJECT_DAMAGED_CMD      = 8149,
	AMQ_OBJECT_EXISTS           = 8150,
	AMQ_DISPLAY_CONN            = 8276,
	AMQ_DISPLAY_CHANNEL         = 8414,
	AMQ_AUTHINFO_CREATED        = 8563,
	AMQ_AUTHINFO_DELETED        = 8564, /* from memory */
	AMQ_DISPLAY_AUTHINFO        = 8566,
	AMQ_AUTHINFO_CHANGED        = 8567,
	AMQ_LISTENER_CREATED        = 8626,
	AMQ_LISTENER_CHANGED        = 8627, /* from memory */
	AMQ_LISTENER_DELETED        = 8628, /* from memory */
	AMQ_DISPLAY_LISTENER        = 8630,
	AMQ_DISPLAY_TOPIC           = 8633,
	AMQ_TOPIC_CREATED           = 8690,
	AMQ_TOPIC_CHANGED           = 8691,
	AMQ_TOPIC_DELETED           = 8692,
	AMQ_MQSC_SYNTAX             = 8405,
	AMQ_DISPLAY_PROCESS         = 8407,
	AMQ_DISPLAY_QMGR            = 8408,
	AMQ_DISPLAY_QUEUE           = 8409,
	AMQ_PING_DONE               = 8415,
	AMQ_REFRESH_QMGR_DONE       = 8441,
	AMQ_SECURITY_REFRESHED      = 8560, /* from memory */
	AMQ_MQSC_TIMED_OUT          = 8416,
	AMQ_MQSC_NOT_SUPPORTED      = 8420,
	AMQ_DISPLAY_QSTATUS         = 8450,
	AMQ_LOGGEREV_NEEDS_LINEAR   = 8518,
	AMQ_DISPLAY_QMSTATUS        = 8705,
	AMQ_DISPLAY_TPSTATUS        = 8754,
	AMQ_CONN_STOPPED            = 8950, /* chosen */
	AMQ_LOG_ADVANCED            = 8951, /* chosen */
	AMQ_LOG_ARCHIVED            = 8952, /* chosen */
	AMQ_LOG_ARCHIVE_REFUSED     = 8953, /* chosen */
	AMQ_LOG_ADVANCE_FAILED      = 8954, /* chosen */
	AMQ_LOG_ARCHIVED_AGAIN      = 8955, /* chosen */
	AMQ_TOPICSTR_EXISTS         = 8956, /* chosen */
	AMQ_SUB_REFUSED             = 8957, /* chosen */
	AMQ_SUB_CREATED             = 8094,
	AMQ_SUB_CHANGED             = 8095,
	AMQ_DISPLAY_SUB             = 8096,
	AMQ_SUB_DELETED             = 8097, /* from memory */
	AMQ_OAM_BAD_ENTITY          = 7026, /* from memory */
	AMQ_OAM_NOT_AUTHORIZED      = 7077, /* from memory */
	AMQ_OAM_BAD_AUTH            = 7097, /* from memory */
	AMQ_OAM_BAD_COMMAND         = 7098, /* chosen */
	AMQ_OAM_REFUSED             = 8077, /* from memory */
	AMQ_OAM_SET                 = 8862, /* from memory */
	AMQ_OAM_DELETED             = 8863, /* from memory */
	AMQ_OAM_DISPLAY             = 8864, /* from memory */
	AMQ_OAM_ENTAUTH             = 8865, /* from memory */
	AMQ_OAM_NOT_FOUND           = 8866, /* chosen */
	AMQ_DISPLAY_SBSTATUS        = 8099,
	AMQ_CHANNEL_START_ACCEPTED  = 8018,
	AMQ_CHANNEL_STOP_ACCEPTED   = 8019,
	AMQ_LISTENER_START_ACCEPTED = 8021,
	AMQ_DISPLAY_CHSTATUS        = 8417,
	AMQ_DISPLAY_LSTATUS         = 8631,
	AMQ_LISTENER_STOP_ACCEPTED  = 8706, /* from memory */
	AMQ_CHSTATUS_NOT_FOUND      = 8961, /* chosen: MQ's AMQ8420 is taken here */
	AMQ_LISTENER_NOT_STARTED    = 8962, /* chosen */
	AMQ_LISTENER_NOT_RUNNING    = 8963, /* chosen */
	AMQ_CHANNEL_NOT_ACTIVE      = 9533,
	AMQ_CHLAUTH_SET             = 8877,
	AMQ_DISPLAY_CHLAUTH         = 8878,
	AMQ_CHLAUTH_EXISTS          = 8883, /* from memory */
	AMQ_CHLAUTH_NOT_FOUND       = 8884,
	AMQ_CHLAUTH_INVALID         = 8958, /* chosen */
	AMQ_CHLAUTH_WARNED          = 8959, /* chosen */
	AMQ_CHL_BLOCKED_USER        = 9776,
	AMQ_CHL_BLOCKED_NOACCESS    = 9777,
	AMQ_CHL_BLOCKED_ADDR        = 9782,
	AMQ_CHL_RUNCHECK_USER       = 9783, /* from memory */
	AMQ_BAD_COMMS_DATA          = 9207,
	AMQ_LISTENER_BIND           = 9218,
	AMQ_HEARTBEAT_TIMEOUT       = 9259, /* from memory */
	AMQ_CHANNEL_NOT_FOUND       = 9519,
	AMQ_CHANNEL_REFUSED         = 9960, /* chosen */
	/* TLS (qm/server/tls.c): MQ's numbers from memory of its documentation,
	 * not in the facts; 9666 is chosen (MQ's number for a handshake failure
	 * that is not about a certificate was not found) */
	AMQ_SSLCIPH_WRONG           = 8242,
	AMQ_SSLPEER_WRONG           = 8970, /* chosen */
	AMQ_TLS_CIPHER_MISMATCH     = 9631,
	AMQ_TLS_BAD_CERT            = 9633,
	AMQ_TLS_PEER_MISMATCH       = 9636,
	AMQ_TLS_NO_CLIENT_CERT      = 9637,
	AMQ_TLS_REMOTE_NO_CIPHER    = 9639,
	AMQ_TLS_KEY_REPOSITORY      = 9657,
	AMQ_TLS_CLOSED_BY_REMOTE    = 9665,
	AMQ_TLS_HANDSHAKE_FAILED    = 9666, /* chosen */
};

enum msgcat_part { MSGCAT_TEXT, MSGCAT_EXPLANATION, MSGCAT_ACTION };

/* The entry for id, or NULL. */
const struct amq_msg *msgcat_find(int id);

/* Walk the whole catalog (ascending ids): entries 0 .. msgcat_count()-1. */
size_t msgcat_count(void);
const struct amq_msg *msgcat_at(size_t i);

/* "AMQnnnnX: text" with the inserts, on one line (console form). */
int msgcat_format(char *buf, size_t n, int id, const char *const inserts[], int ninserts);

/* One part of a message with its inserts, without the AMQ prefix; wrapped so
 * no line passes `width` columns (0: not wrapped). */
int msgcat_format_part(char *buf, size_t n, int id, enum msgcat_part part,
		       const char *const inserts[], int ninserts, int width);

/* Substitute %N inserts into tmpl (no catalog lookup). */
int msgcat_expand(char *buf, size_t n, const char *tmpl, const char *const inserts[], int ninserts);

/* Word-wrap src into dst so no line passes width columns; a word longer than
 * width stands alone on its line; "\n" in src starts a new line. */
int msgcat_wrap(char *dst, size_t n, const char *src, int width);

/* Decimal text of v in buf (at least 24 bytes), for arithmetic inserts. */
const char *msgcat_num(char *buf, long long v);

#endif
