/*
 * mqsc.h: MQSC commands: parsing and carrying them out on the objects.
 *
 * Supported: DEFINE, ALTER and DELETE of QLOCAL, QALIAS and QMODEL (LIKE,
 * REPLACE/NOREPLACE, PURGE/NOPURGE, every attribute objects/objdef.c knows);
 * CLEAR QLOCAL; DISPLAY QUEUE/QLOCAL/QALIAS/QMODEL (generic names with '*',
 * TYPE, ALL or named attributes, WHERE, CURDEPTH from the running queue
 * manager); DISPLAY QMGR and ALTER QMGR; PING QMGR; DISPLAY QMSTATUS,
 * DISPLAY QSTATUS, DISPLAY CONN, STOP CONN; RESET QMGR TYPE(ADVANCELOG |
 * ARCHLOG); SET LOG ARCHIVED.  Keywords are case-insensitive; unquoted values
 * and names are folded to upper case; 'quoted' values keep their case ('' is
 * a quote).
 *
 * Calling sequence:
 *   struct mqsc_out out = { 0 };
 *   int st = mqsc_exec(&os, &rt, "DEFINE QLOCAL(DEV.QUEUE.1) MAXDEPTH(100)", &out);
 *   ... out.text holds the response lines ("AMQ8006I: ...") ...
 *   mqsc_out_free(&out);
 * The return value is MQSC_OK, MQSC_SYNTAX (not understood: nothing done) or
 * MQSC_FAILED (understood, not done: not found, exists, in use ...).
 *
 * The running queue manager passes rt so that its queues follow the
 * definitions (rt may be NULL, or any callback NULL, when nothing runs).
 */
#ifndef QUIRE_MQSC_H
#define QUIRE_MQSC_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "objects/objdef.h"

struct objstore;
struct log;
struct oam;
struct oam_rec;
struct chl_set;
struct chl_rec;

enum { MQSC_OK = 0, MQSC_SYNTAX = 1, MQSC_FAILED = 2 };

/* fields: set by the caller before mqsc_exec to have every DISPLAY give its
 * items as records rather than runmqsc's columns (the command server's PCF,
 * PROTO_ADMIN_PCF): each object shown starts with a line of one byte 0x1e;
 * each item is 0x1f KEYWORD 0x1f LENGTH 0x1f VALUE '\n' (LENGTH in decimal:
 * the bytes of VALUE, which may hold any byte; a pair such as SHARE/NOSHARE
 * has the first keyword and the one that applies as its value).  Message
 * lines (AMQnnnnX: ...) stay as they are. */
struct mqsc_out {
	char *text;
	size_t len, cap;
	int fields;
};
void mqsc_out_free(struct mqsc_out *o);
/* Append n bytes of s (any length; text stays NUL-terminated): 0, or -1
 * when out of memory (nothing appended). */
int mqsc_out_add(struct mqsc_out *o, const void *s, size_t n);
/* Append n bytes of s and a newline: 0, or -1 when out of memory. */
int mqsc_out_line(struct mqsc_out *o, const char *s, size_t n);
/* Append one line (printf format; a newline is added; cut at 4 KiB: a
 * longer line goes through mqsc_out_line). */
void mqsc_out_put(struct mqsc_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A local queue's runtime status (DISPLAY QSTATUS, DISPLAY QUEUE CURDEPTH). */
struct mqsc_qstat {
	int32_t curdepth, ipprocs, opprocs;
	int64_t uncom;               /* messages put or got under units of work not yet ended */
	int64_t lput_ms, lget_ms;    /* the last put, the last get (0: none since the start) */
	int64_t oldest_ms;           /* put time of the oldest message on it (0: empty) */
	int64_t qtime_short_us, qtime_long_us;   /* time on the queue of recent gets (-1: none yet) */
	uint64_t media_lsn;          /* media recovery reads the log from here (0: not known) */
	int64_t now_ms;              /* when these were taken (MSGAGE counts to it) */
};

/* One open handle (DISPLAY CONN TYPE(HANDLE), DISPLAY QSTATUS TYPE(HANDLE)). */
struct mqsc_handle {
	char objname[OBJDEF_NAME_SIZE];   /* what was opened ("" and qmgr set for the queue manager) */
	char base[OBJDEF_NAME_SIZE];      /* the local queue it resolves to ("" if none) */
	int qmgr;
	int32_t openopts;                 /* MQOO_* */
	int32_t input_mode;               /* 0, MQOO_INPUT_SHARED or MQOO_INPUT_EXCLUSIVE */
	int active;                       /* an MQGET with a wait is parked on it */
};

/* One application connection (DISPLAY CONN). */
struct mqsc_conn {
	uint8_t connid[24];          /* the ConnectionId MQCONNX gave the application */
	pid_t pid;
	uint32_t tid;
	char appltag[29];
	char user[13];
	char channel[21];            /* a client's SVRCONN channel, "" for a local application */
	char conname[265];           /* ... and its address */
	int64_t conn_ms;
	int uow;                     /* 0: no unit of work, 1: active */
	int64_t uow_start_ms, uow_log_ms;   /* 0: not known / nothing logged */
	uint64_t uow_id;             /* QMURID */
	uint64_t uow_first_lsn;      /* its first log record (0: none) */
	size_t nh;
	struct mqsc_handle *h;
};
void mqsc_conns_free(struct mqsc_conn *v, size_t n);

/* One subscription (DEFINE/ALTER/DISPLAY SUB, DISPLAY SBSTATUS, DISPLAY
 * TPSTATUS TYPE(SUB), dmpmqcfg; qm/admin/mqsc_sub.c, qm/server/pubsub_admin.c). */
struct mqsc_sub {
	char *name;                  /* SUB (malloc'd; "" for an unnamed non-durable one) */
	char *topic;                 /* TOPICSTR as resolved (malloc'd) */
	char *userdata;              /* USERDATA (malloc'd) */
	char *selector;              /* SELECTOR (malloc'd; NULL or "": none, SELTYPE(NONE)) */
	char topicobj[49], dest[49], user[13];
	uint8_t subid[24], correl[24], acct[32];
	char applid[33];
	int durable, managed;        /* DURABLE, DESTCLAS(MANAGED) */
	int32_t subtype;             /* MQSUBTYPE_API or MQSUBTYPE_ADMIN */
	int32_t options;             /* MQSO_* (REQONLY, VARUSER, WSCHEMA, SUBSCOPE, SET_* are in it) */
	int32_t pubprty, expiry, level, psprop;
	int64_t cr_ms, alt_ms;
	/* status */
	int active;                  /* its handle is open */
	uint8_t conn[24];            /* then its connection's ConnectionId */
	int64_t resume_ms, lmsg_ms, nummsgs;
};
void mqsc_subs_free(struct mqsc_sub *v, size_t n);
/* The DEFINE SUB ... REPLACE command that makes s again (dmpmqcfg), malloc'd; NULL out of memory. */
char *mqsc_sub_define_text(const struct mqsc_sub *s);

/* One topic open for publishing (DISPLAY TPSTATUS TYPE(PUB)). */
struct mqsc_pub {
	char *topic;                 /* malloc'd */
	uint8_t conn[24];
	int64_t lpub_ms, npubs;
};
void mqsc_pubs_free(struct mqsc_pub *v, size_t n);

/* The queue manager's status (DISPLAY QMSTATUS); the log's comes from log_info. */
struct mqsc_qmstat {
	int64_t start_ms;
	int32_t conns;
	uint64_t ckpt_count;         /* checkpoints taken since the start */
	uint64_t ckpt_ops;           /* log records written since the last checkpoint */
	uint64_t peak_rec_bytes;     /* the most log restart has needed since the start (LOGUTIL) */
	char logpath[4096];          /* the log folder, as LOGPATH shows it */
};

/* One instance of a SVRCONN channel (DISPLAY CHSTATUS; qm/admin/mqsc_chst.c,
 * qm/server/channel.c), or a stopped channel with no instance (stopped set,
 * the rest zero). */
struct mqsc_chst {
	char channel[21];
	char conname[265];
	char mcauser[13];            /* the user the instance acts as */
	char appltag[29];            /* RAPPLTAG: the client's application name */
	char sslpeer[1025];
	int stopped;                 /* STATUS(STOPPED): no instance, new ones refused */
	int64_t start_ms, last_msg_ms;
	uint64_t msgs, bytes_sent, bytes_rcvd;
	int32_t hbint, maxmsgl, sharecnv;
};
/* One running listener (DISPLAY LSTATUS). */
struct mqsc_lstat {
	char name[49];               /* its LISTENER object, or SYSTEM.LISTENER.TCP.n for one of runmqlsr's */
	char ipaddr[49];
	char descr[65];
	int32_t port, backlog, control;
	pid_t pid;
	int64_t start_ms;
	uint32_t sessions;
};

struct mqsc_runtime {
	void *arg;
	/* the running queue manager's log (NULL when none): DISPLAY QMSTATUS,
	 * RESET QMGR, SET LOG call log.h directly */
	struct log *log;
	/* runtime status of a queue for DISPLAY: 0 and the values, -1 none,
	 * -2 the queue is damaged (AMQ8149 instead of its attributes) */
	int (*qstatus)(void *arg, const char *name, struct mqsc_qstat *st);
	/* every connection of applications, with their handles (free with
	 * mqsc_conns_free): 0, or -1 out of memory */
	int (*conns)(void *arg, struct mqsc_conn **v, size_t *n);
	/* STOP CONN: end the connection whose ConnectionId ends with tail[8]
	 * (its unit of work backed out): 0, or the AMQ id why not */
	int (*stop_conn)(void *arg, const uint8_t tail[8]);
	/* the names of every local queue of the running queue manager, its
	 * temporary dynamic queues too (which the catalog does not hold),
	 * sorted, OBJDEF_NAME_SIZE bytes each (malloc'd: the caller frees):
	 * 0, or -1 out of memory */
	int (*qnames)(void *arg, char **names, size_t *n);
	/* CLEAR QLOCAL: 0 (cleared, logged), or the AMQ id why not */
	int (*qclear)(void *arg, const char *name);
	void (*qmstat)(void *arg, struct mqsc_qmstat *st);
	/* the definition a queue runs with (MQSET changes it before its file
	 * is written at the next checkpoint), or NULL */
	const struct objdef *(*qdef)(void *arg, int type, const char *name);
	/* write message id with one insert to the error log */
	void (*note)(void *arg, int id, const char *ins);
	/* a queue may be deleted (0), or why not: AMQ8148 in use, AMQ8143 not
	 * empty (when !purge); on success the runtime drops its messages */
	int (*qdelete)(void *arg, const char *name, int purge);
	/* DELETE PROCESS: 0 (the runtime has dropped it), or AMQ8148 while an
	 * application has it open */
	int (*pdelete)(void *arg, const char *name);
	/* DELETE TOPIC: 0 (the runtime has dropped it), or an AMQ id why not */
	int (*tdelete)(void *arg, const char *name);
	/* DELETE CHANNEL, LISTENER or AUTHINFO: 0 (the runtime has dropped it),
	 * or an AMQ id why not (the channel and listener parts refuse one that
	 * is running) */
	int (*odelete)(void *arg, int type, const char *name);
	/* a queue, process, topic, channel, listener or authinfo was defined or its definition changed (after it is durable) */
	void (*qdefined)(void *arg, const struct objdef *def);
	/* the queue manager's attributes changed */
	void (*qmgr_changed)(void *arg, const struct objdef *qm);
	/* an object was created, changed or deleted, and that is durable (MQ's
	 * configuration events, qm/server/cfgev.c): reason
	 * MQRC_CONFIG_CREATE_OBJECT (after), MQRC_CONFIG_CHANGE_OBJECT (before
	 * and after) or MQRC_CONFIG_DELETE_OBJECT (before) */
	void (*config)(void *arg, int32_t reason, const struct objdef *before, const struct objdef *after);
	/* a command ran successfully (MQ's command events, qm/server/cfgev.c):
	 * mqcmd the PCF command it is (MQCMD_CREATE_Q for DEFINE QLOCAL ...),
	 * inquire when it only shows (DISPLAY), text the command as given */
	void (*command)(void *arg, int32_t mqcmd, int inquire, const char *text);
	/* every subscription, and every topic open for publishing (free with
	 * mqsc_subs_free, mqsc_pubs_free): 0, or -1 (out of memory; the durable
	 * subscriptions cannot be read) */
	int (*subs)(void *arg, struct mqsc_sub **v, size_t *n);
	int (*pubs)(void *arg, struct mqsc_pub **v, size_t *n);
	/* DEFINE SUB (mode 0), DEFINE SUB REPLACE (1), ALTER SUB (2): 0 (done,
	 * durable), or the AMQ id why not with err saying what (its insert) */
	int (*sub_define)(void *arg, const struct mqsc_sub *s, int mode, char *err, size_t errlen);
	/* DELETE SUB: 0 (removed, durable), or the AMQ id why not */
	int (*sub_delete)(void *arg, const char *name);
	/* the authority manager (qm/admin/mqsc_auth.c, qm/server/oam_srv.c): the
	 * records (NULL: they cannot be read); set (remove 0) or delete a
	 * record durably: 0, or the AMQ id why not; the authority an entity
	 * (MQZAET_*) has on an object (all for administrators) */
	struct oam *(*oam)(void *arg);
	int (*authrec)(void *arg, const struct oam_rec *r, int remove);
	uint32_t (*entauth)(void *arg, int32_t objtype, const char *name, int32_t enttype, const char *entity);
	int oam_user_policy;   /* qm.ini Service SecurityPolicy=user */
	/* the command server's commands carried out for a user who is not an
	 * administrator: may it (MQZAO_* need on objtype's object name; generic
	 * names as given; mqcmd the PCF command it is, for the event)?  0, or the AMQ id why not.  NULL: no check (runmqsc,
	 * administrators). */
	int (*authorize)(void *arg, int32_t objtype, const char *name, uint32_t need, int32_t mqcmd);
	/* set with authorize: may that user see the object of type (OBJDEF_*)
	 * and name that a DISPLAY of a generic name matched (dsp on it)?  Those
	 * it may not see are left out, saying nothing. */
	int (*visible)(void *arg, int type, const char *name);
	/* REFRESH SECURITY TYPE(t) (t MQSECTYPE_AUTHSERV, _SSL or _CONNAUTH): 0, or
	 * -1 with msg holding the AMQ message that says why (server/authn.c) */
	int (*refresh_security)(void *arg, int32_t sectype, char *msg, size_t n);
	/* SVRCONN channels and listeners at run time (qm/admin/mqsc_chst.c;
	 * qm/server/chstatus.c): the channels' instances and stopped channels
	 * (malloc'd array), 0 or -1 out of memory */
	int (*chstatus)(void *arg, struct mqsc_chst **v, size_t *n);
	/* STOP CHANNEL: end the instances of name (those from conname when not
	 * ""); stopped: the channel is STOPPED after (new instances refused with
	 * 2537 until START CHANNEL).  0, or the AMQ id why not; *ended counts */
	int (*chl_stop)(void *arg, const char *name, const char *conname, int stopped, unsigned *ended);
	/* START CHANNEL: 0, or the AMQ id why not */
	int (*chl_start)(void *arg, const char *name);
	/* running listeners (malloc'd array): 0 or -1 */
	int (*lstatus)(void *arg, struct mqsc_lstat **v, size_t *n);
	/* START LISTENER / STOP LISTENER of a LISTENER object: 0, or the AMQ id
	 * why not (err: the insert) */
	int (*lsr_start)(void *arg, const char *name, char *err, size_t n);
	int (*lsr_stop)(void *arg, const char *name);
	/* channel authentication records (qm/admin/chlauth.h, mqsc_chlauth.c;
	 * kept by qm/server/chlauth.c): a copy of every record (free with
	 * chl_set_free): 0, or -1 (out of memory, or the records cannot be read) */
	int (*chl_list)(void *arg, struct chl_set *out);
	/* SET CHLAUTH's change: the records whose ids are del go and those of
	 * add are written (each given a new id), as one logged unit of work,
	 * durable before it returns: 0, or the MQRC_* why not (nothing changed) */
	int (*chl_write)(void *arg, const uint8_t (*del)[24], size_t ndel, const struct chl_set *add);
	/* is user an administrator (RUNCHECK's *MQADMIN; "" is the queue manager's own user) */
	int (*chl_is_admin)(void *arg, const char *user);
	/* the queue manager's CHLAUTH attribute: 1 ENABLED, 0 DISABLED */
	int (*chl_enabled)(void *arg);
};

/* MQ's limit on the length of one MQSC command, in characters (after the
 * reader joined its continuation lines).  A longer command is a syntax error. */
#define MQSC_MAX_CMD_LEN 32762

int mqsc_exec(struct objstore *os, const struct mqsc_runtime *rt, const char *cmd, struct mqsc_out *out);

/* Check a command's syntax only (runmqsc -v): MQSC_OK or MQSC_SYNTAX. */
int mqsc_check(const char *cmd, struct mqsc_out *out);

/* Can len bytes of text be an MQSC command at all: at most MQSC_MAX_CMD_LEN
 * characters and no NUL byte?  MQSC_OK, or MQSC_SYNTAX with an AMQ8405E line
 * in out naming the length and the limit (or the NUL's column).  mqsc_exec
 * and mqsc_check do this first; the queue manager does it on the text a
 * client sent before making a C string of it. */
int mqsc_check_text(const char *text, size_t len, struct mqsc_out *out);

/* runmqsc's reading of its input: join continuation lines ('-' keeps the
 * next line's leading blanks, '+' drops them), drop comment lines ('*') and
 * blank lines.  A UTF-8 byte order mark at the start is skipped.  The input
 * is held whole and walked by length, so any byte (NUL included) is safe.
 *
 * mqsc_reader_next returns 1 with a command in *cmd (malloc'd, the caller
 * frees it), 0 at the end, or MQSC_READ_BAD with a command that cannot be
 * MQSC text: it holds a NUL byte, or the input starts with a UTF-16 byte
 * order mark (*cmd is still malloc'd, for the echo, with every byte that is
 * not printable ASCII shown as '?').  Then
 * mqsc_reader_error() says what and where ("line 1, column 2: ...") until the
 * next call; runmqsc reports such a command as a syntax error and goes on
 * with the next one, as MQ does with a command it cannot parse.  Every call
 * consumes at least one line, so the end always comes.
 *
 * mqsc_reader_new reads fd to its end (NULL if it cannot: errno says why);
 * mqsc_reader_from_mem copies len bytes of buf (for tests and the fuzzer). */
#define MQSC_READ_BAD 2
struct mqsc_reader;
struct mqsc_reader *mqsc_reader_new(int fd);
struct mqsc_reader *mqsc_reader_from_mem(const char *buf, size_t len);
int mqsc_reader_next(struct mqsc_reader *r, char **cmd);
const char *mqsc_reader_error(const struct mqsc_reader *r);
void mqsc_reader_free(struct mqsc_reader *r);

#endif
