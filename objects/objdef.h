/*
 * objdef.h: object definitions (the queue manager, local, alias and model
 * queues) with MQ's attribute names (MQSC keywords), MQIA_* / MQCA_* ids,
 * types, ranges and defaults, and their stable binary encoding.
 *
 * A definition is a struct objdef: plain fields that qm/ code reads directly
 * (def->max_q_depth), described by a table of struct objdef_attr that drives
 * everything generic: set/get by MQSC keyword (runmqsc), by MQIA/MQCA id
 * (MQINQ/MQSET), range checks, defaults, inheritance and the encoding.
 * Runtime state (CURDEPTH, IPPROCS, ...) is not part of a definition.
 *
 * Strings are held as C strings without trailing blanks ("" is blank); MQINQ's
 * blank-padded fixed-width form comes from objdef_get_chars().  Each is inline
 * but TOPICSTR (10240 characters), which is a pointer to an interned copy
 * (kind OBJDEF_ISTR, objects/strintern.h), so the struct stays small and a copy
 * by assignment stays correct.
 *
 * Calling sequence:
 *   objdef_init_default(OBJDEF_QLOCAL, &d);   MQ's built-in defaults
 *                                             (the SYSTEM.DEFAULT.* objects)
 *   objdef_inherit(&d, &tmpl, OBJDEF_QLOCAL); DEFINE QLOCAL: copy the template
 *                                             (SYSTEM.DEFAULT.LOCAL.QUEUE or LIKE)
 *   objdef_set_name(&d, "Q1", err, n);
 *   objdef_set(&d, "MAXDEPTH", "100", err, n); each given attribute
 *   objdef_stamp(&d, time(NULL), 1);          CRDATE/CRTIME/ALTDATE/ALTTIME
 *   objdef_encode(&d, buf, cap, &len);        for the log record and the file
 *   objdef_decode(buf, len, &d2, err, n);
 *
 * Error handling: functions return QM_OK or a negative QM_* code (log/qmerr.h)
 * and, where they take err/errlen, write a lower-case message naming the
 * attribute and the allowed values there (err may be NULL):
 *   QM_EINVAL    a bad value: out of range, unknown keyword value, too long,
 *                not a valid MQ name, or a corrupt encoding's field
 *   QM_ENOTFOUND the attribute does not exist for this object type
 *   QM_EPERM     the attribute exists but cannot be set (read-only, e.g. CRDATE)
 *   QM_ETOOBIG   the output buffer is too small
 *   QM_ECORRUPT  / QM_EVERSION from objdef_decode() for damaged or newer data
 */
#ifndef QUIRE_OBJDEF_H
#define QUIRE_OBJDEF_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

enum objdef_type {
	OBJDEF_QMGR   = 1,
	OBJDEF_QLOCAL = 2,
	OBJDEF_QALIAS = 3,
	OBJDEF_QMODEL = 4,
	OBJDEF_PROCESS = 5,                 /* a process definition (DEFINE PROCESS) */
	OBJDEF_TOPIC  = 6,                  /* an administrative topic object (DEFINE TOPIC) */
	OBJDEF_CHANNEL = 7,                 /* a channel (DEFINE CHANNEL; CHLTYPE(SVRCONN) only) */
	OBJDEF_LISTENER = 8,                /* a listener (DEFINE LISTENER; TRPTYPE(TCP)) */
	OBJDEF_AUTHINFO = 9,                /* authentication information (DEFINE AUTHINFO; AUTHTYPE(IDPWOS)) */
};
#define OBJDEF_NTYPES 10                /* types are 1 .. OBJDEF_NTYPES - 1 */
#define OBJDEF_M(type) (1u << (type))   /* bit for a type in objdef_attr.types */

/* Field sizes: the MQ length plus a NUL. */
#define OBJDEF_NAME_SIZE   49           /* MQ_Q_NAME_LENGTH, MQ_Q_MGR_NAME_LENGTH 48 */
#define OBJDEF_DESC_SIZE   65           /* MQ_Q_DESC_LENGTH, MQ_Q_MGR_DESC_LENGTH 64 */
#define OBJDEF_DATE_SIZE   13           /* MQ_CREATION_DATE_LENGTH 12 ("yyyy-mm-dd") */
#define OBJDEF_TIME_SIZE   9            /* MQ_CREATION_TIME_LENGTH 8 ("hh.mm.ss") */
#define OBJDEF_QMID_SIZE   49           /* MQ_Q_MGR_IDENTIFIER_LENGTH 48 */
#define OBJDEF_IDENTITY_LEN 16          /* the queue manager identity stamped in every file */
#define OBJDEF_TOPICSTR_SIZE 10241      /* MQ_TOPIC_STR_LENGTH 10240 */
#define OBJDEF_CHLNAME_SIZE 21          /* MQ_CHANNEL_NAME_LENGTH 20 */

/* Encoding tag of the queue manager identity: not an MQ attribute, so it takes
 * a number far above MQCA_LAST (4000). */
#define OBJDEF_ID_QM_IDENTITY 900001

struct objdef {
	int type;                                /* enum objdef_type */
	char name[OBJDEF_NAME_SIZE];             /* QUEUE / QMNAME */
	char descr[OBJDEF_DESC_SIZE];            /* DESCR */
	char crdate[OBJDEF_DATE_SIZE];           /* CRDATE (qmgr, local) */
	char crtime[OBJDEF_TIME_SIZE];           /* CRTIME (qmgr, local) */
	char altdate[OBJDEF_DATE_SIZE];          /* ALTDATE */
	char alttime[OBJDEF_TIME_SIZE];          /* ALTTIME */

	/* queues */
	int32_t inhibit_put;                     /* PUT: MQQA_PUT_ALLOWED / _INHIBITED */
	int32_t inhibit_get;                     /* GET: MQQA_GET_ALLOWED / _INHIBITED */
	int32_t def_priority;                    /* DEFPRTY 0-9 */
	int32_t def_persistence;                 /* DEFPSIST: MQPER_NOT_PERSISTENT / _PERSISTENT */
	int32_t max_q_depth;                     /* MAXDEPTH (local, model) */
	int32_t max_msg_length;                  /* MAXMSGL (local, model, qmgr) */
	int32_t msg_delivery_sequence;           /* MSGDLVSQ: MQMDS_* */
	int32_t index_type;                      /* INDXTYPE: MQIT_* */
	int32_t shareability;                    /* SHARE / NOSHARE: MQQA_SHAREABLE / _NOT_ */
	int32_t def_input_open_option;           /* DEFSOPT: MQOO_INPUT_SHARED / _EXCLUSIVE */
	int32_t usage;                           /* USAGE: MQUS_* */
	int32_t backout_threshold;               /* BOTHRESH */
	int32_t harden_get_backout;              /* HARDENBO / NOHARDENBO */
	int32_t retention_interval;              /* RETINTVL (hours) */
	int32_t trigger_control;                 /* TRIGGER / NOTRIGGER: MQTC_* */
	int32_t trigger_msg_priority;            /* TRIGMPRI 0-9 */
	int32_t trigger_type;                    /* TRIGTYPE: MQTT_* */
	int32_t trigger_depth;                   /* TRIGDPTH */
	int32_t q_depth_high_limit;              /* QDEPTHHI (percent) */
	int32_t q_depth_low_limit;               /* QDEPTHLO (percent) */
	int32_t q_depth_max_event;               /* QDPMAXEV: MQEVR_* (the queue manager changes it) */
	int32_t q_depth_high_event;              /* QDPHIEV: MQEVR_* (the queue manager changes it) */
	int32_t q_depth_low_event;               /* QDPLOEV: MQEVR_* (the queue manager changes it) */
	char initiation_q_name[OBJDEF_NAME_SIZE];/* INITQ */
	char process_name[OBJDEF_NAME_SIZE];     /* PROCESS */
	char trigger_data[65];                   /* TRIGDATA */

	/* process definitions (DESCR, ALTDATE, ALTTIME and the name above too) */
	char appl_id[257];                       /* APPLICID, MQ_PROCESS_APPL_ID_LENGTH 256 */
	int32_t appl_type;                       /* APPLTYPE: MQAT_* or a user value 65536-999999999 */
	char env_data[129];                      /* ENVRDATA, MQ_PROCESS_ENV_DATA_LENGTH 128 */
	char user_data[129];                     /* USERDATA, MQ_PROCESS_USER_DATA_LENGTH 128 */
	int32_t def_put_response;                /* DEFPRESP: MQPRT_SYNC_RESPONSE or _ASYNC_RESPONSE */
	int32_t property_control;                /* PROPCTL: MQPROP_* (COMPAT, NONE, ALL, FORCE, V6COMPAT) */
	int32_t definition_type;                 /* DEFTYPE: MQQDT_* (local: read-only) */
	int32_t image_recover_q;                 /* IMGRCOVQ: MQIMGRCOV_* (queue and qmgr) */
	int32_t base_type;                       /* TARGTYPE (alias): MQOT_Q / MQOT_TOPIC */
	char backout_req_q_name[OBJDEF_NAME_SIZE]; /* BOQNAME */
	char base_object_name[OBJDEF_NAME_SIZE]; /* TARGET (alias) */

	/* queue manager */
	char dead_letter_q_name[OBJDEF_NAME_SIZE]; /* DEADQ */
	char def_xmit_q_name[OBJDEF_NAME_SIZE];  /* DEFXMITQ */
	char command_input_q_name[OBJDEF_NAME_SIZE]; /* COMMANDQ (read-only) */
	char qmid[OBJDEF_QMID_SIZE];             /* QMID "name_date_time" (read-only) */
	int32_t max_handles;                     /* MAXHANDS */
	int32_t max_uncommitted_msgs;            /* MAXUMSGS */
	int32_t ccsid;                           /* CCSID */
	int32_t command_level;                   /* CMDLEVEL (read-only) */
	int32_t max_priority;                    /* MAXPRTY (read-only, 9) */
	int32_t platform;                        /* PLATFORM (read-only, MQPL_UNIX) */
	int32_t image_schedule;                  /* IMGSCHED: MQMEDIMGSCHED_* */
	int32_t image_interval;                  /* IMGINTVL minutes, 0 = OFF */
	int32_t image_log_length;                /* IMGLOGLN MB, 0 = OFF */
	int32_t image_recover_obj;               /* IMGRCOVO: MQIMGRCOV_NO / _YES */
	int32_t cmd_server_control;              /* SCMDSERV: MQSVC_CONTROL_Q_MGR / _MANUAL */
	int32_t logger_events;                   /* LOGGEREV: MQEVR_DISABLED / _ENABLED (linear logging only) */
	int32_t trigger_interval;                /* TRIGINT ms: FIRST's extra trigger messages at most this often */
	int32_t performance_event;               /* PERFMEV: MQEVR_* (queue depth events) */
	int32_t mark_browse_interval;            /* MARKINT ms: a co-op browse mark's life; -1 NOLIMIT */
	int32_t inhibit_event;                   /* INHIBTEV: MQEVR_* (Get and Put Inhibited events) */
	int32_t config_event;                    /* CONFIGEV: MQEVR_* (configuration events) */
	int32_t command_event;                   /* CMDEV: MQEVR_DISABLED / _ENABLED / _NO_DISPLAY (command events) */
	int32_t authority_event;                 /* AUTHOREV: MQEVR_* (authority events) */
	int32_t channel_event;                   /* CHLEV: MQEVR_* (channel events) */
	int32_t ssl_event;                       /* SSLEV: MQEVR_* (TLS events) */
	int32_t chlauth_records;                 /* CHLAUTH: MQCHLA_ENABLED / _DISABLED (channel authentication rules) */
	char conn_auth[OBJDEF_NAME_SIZE];        /* CONNAUTH: the AUTHINFO object that checks passwords (blank: none) */
	char cert_label[65];                     /* CERTLABL, MQ_CERT_LABEL_LENGTH 64 */
	/* SSLKEYR (MQ_SSL_KEY_REPOSITORY_LENGTH 256): the stem of the key
	 * repository's PEM files; interned like TOPICSTR (OBJDEF_ISTR), NULL read as "" */
	const char *ssl_key_repository;
	uint8_t identity[OBJDEF_IDENTITY_LEN];   /* the queue manager identity */

	/* topic objects (DESCR, DEFPRTY, DEFPRESP, ALTDATE, ALTTIME and the name
	 * above too; DEFPRTY, DEFPRESP and these take ASPARENT where MQ has it) */
	int32_t topic_def_persistence;           /* DEFPSIST: MQPER_PERSISTENCE_AS_PARENT, NOT_PERSISTENT, PERSISTENT */
	int32_t durable_sub;                     /* DURSUB: MQSUB_DURABLE_AS_PARENT / _ALLOWED / _INHIBITED */
	int32_t inhibit_pub;                     /* PUB: MQTA_PUB_AS_PARENT / _INHIBITED / _ALLOWED */
	int32_t inhibit_sub;                     /* SUB: MQTA_SUB_AS_PARENT / _INHIBITED / _ALLOWED */
	int32_t pm_delivery;                     /* PMSGDLV: MQDLV_* */
	int32_t npm_delivery;                    /* NPMSGDLV: MQDLV_* */
	int32_t wildcard_operation;              /* WILDCARD: MQTA_PASSTHRU / MQTA_BLOCK */
	int32_t sub_scope;                       /* SUBSCOPE: MQSCOPE_* */
	int32_t pub_scope;                       /* PUBSCOPE: MQSCOPE_* */
	int32_t use_dlq;                         /* USEDLQ: MQUSEDLQ_* */
	int32_t cap_expiry;                      /* CAPEXPRY: MQCEX_AS_PARENT, MQCEX_NOLIMIT or 1-999999999 */
	char model_durable_q[OBJDEF_NAME_SIZE];  /* MDURMDL (blank: ASPARENT) */
	char model_non_durable_q[OBJDEF_NAME_SIZE]; /* MNDURMDL (blank: ASPARENT) */
	/* TOPICSTR: set at DEFINE, never altered.  Up to 10240 characters, so
	 * not inline: an interned string (objects/strintern.h), shared by every
	 * copy of the definition and never changed or freed; "" for none, and a
	 * NULL pointer (a zeroed struct) reads as "" (objdef_topic_str()).  The
	 * attribute table's kind OBJDEF_ISTR.  Never write through it: set it
	 * with objdef_set / objdef_set_str, or copy another definition's. */
	const char *topic_str;

	/* channels (the name, DESCR, MAXMSGL, ALTDATE and ALTTIME above too) */
	int32_t channel_type;                    /* CHLTYPE: MQCHT_SVRCONN, the only type served */
	int32_t xmit_protocol;                   /* TRPTYPE: MQXPT_TCP (channels and listeners) */
	int32_t hb_interval;                     /* HBINT seconds, 0-999999 */
	int32_t max_instances;                   /* MAXINST, 0-999999999 */
	int32_t max_insts_per_client;            /* MAXINSTC, 0-999999999 */
	int32_t sharing_conversations;           /* SHARECNV, 0-999999999 */
	int32_t ssl_client_auth;                 /* SSLCAUTH: MQSCA_REQUIRED / _OPTIONAL */
	char mca_user_id[13];                    /* MCAUSER, MQ_MCA_USER_ID_LENGTH 12 */
	char ssl_cipher_spec[33];                /* SSLCIPH, MQ_SSL_CIPHER_SPEC_LENGTH 32 */
	/* SSLPEER (MQ_SSL_PEER_NAME_LENGTH 1024): interned (OBJDEF_ISTR), NULL read as "" */
	const char *ssl_peer_name;

	/* listeners (the name, DESCR, TRPTYPE, ALTDATE and ALTTIME above too) */
	int32_t port;                            /* PORT, 0-65535 (0: MQ's default port 1414) */
	int32_t backlog;                         /* BACKLOG, 0-999999999 (0: the listener's default) */
	int32_t listener_control;                /* CONTROL: MQSVC_CONTROL_MANUAL / _Q_MGR / _Q_MGR_START */
	char ip_address[OBJDEF_NAME_SIZE];       /* IPADDR, MQ_IP_ADDRESS_LENGTH 48 (blank: every address) */

	/* authentication information (the name, DESCR, ALTDATE and ALTTIME above too) */
	int32_t auth_info_type;                  /* AUTHTYPE: MQAIT_IDPW_OS, the only type served */
	int32_t check_local;                     /* CHCKLOCL: MQCHK_NONE / _OPTIONAL / _REQUIRED / _REQUIRED_ADMIN */
	int32_t check_client;                    /* CHCKCLNT: the same values */
	int32_t adopt_context;                   /* ADOPTCTX: MQADPCTX_YES / _NO */
	int32_t auth_fail_delay;                 /* FAILDLAY seconds, 0-60 */
	int32_t authentication_method;           /* AUTHENMD: MQAUTHENTICATE_OS / _PAM */
};

/* A topic's TOPICSTR, never NULL. */
static inline const char *objdef_topic_str(const struct objdef *d) { return d->topic_str ? d->topic_str : ""; }

enum objdef_kind {
	OBJDEF_INT   = 1,   /* int32 in [min, max]; 0 shown as OFF with OBJDEF_F_OFF */
	OBJDEF_ENUM  = 2,   /* int32 named by MQSC keywords (vals), or a flag pair */
	OBJDEF_STR   = 3,   /* text of at most max characters */
	OBJDEF_BYTES = 4,   /* exactly max bytes (the identity) */
	OBJDEF_ISTR  = 5,   /* text of at most max characters held by pointer to an interned
			     * copy (TOPICSTR): the field is a const char *, NULL read as "" */
};
/* A text attribute, inline (OBJDEF_STR) or interned (OBJDEF_ISTR): what MQSC
 * quotes, MQINQ pads with blanks, and the encoding writes as characters. */
static inline int objdef_kind_is_text(int kind) { return kind == OBJDEF_STR || kind == OBJDEF_ISTR; }

/* attribute flags */
#define OBJDEF_F_RO    0x01  /* not settable by MQSC or MQSET (set by the queue manager) */
#define OBJDEF_F_NAME  0x02  /* a string that is blank or a valid MQ name */
#define OBJDEF_F_OFF   0x04  /* an int where 0 is written OFF */
#define OBJDEF_F_MQSET 0x08  /* MQSET may change it */
#define OBJDEF_F_KEY   0x10  /* the object's name (QUEUE / QMNAME) */
#define OBJDEF_F_STAMP 0x20  /* set by the queue manager at create/alter (dates, QMID, identity) */
#define OBJDEF_F_HIDDEN 0x40 /* not an MQ attribute (the identity): no MQSC keyword, not displayed */
#define OBJDEF_F_ENUMINT 0x80 /* an ENUM that also takes a number in [min, max] (APPLTYPE's user values) */
/* A constant (with OBJDEF_F_RO): an attribute MQ defines for a feature Quire does
 * not have (channels, clusters, publish/subscribe, TLS, accounting, statistics,
 * the events it never makes) or a fact of this build (VERSION).  Its value is
 * the row's default (idef, sdef), what is true of Quire (an event switch is
 * DISABLED, a cluster name blank); it has no field in struct objdef, is never
 * encoded (an encoding that carries its tag is corrupt), cannot be set (MQSC
 * says why), and DISPLAY and MQINQ show it like any other attribute. */
#define OBJDEF_F_CONST 0x100

/* MQCA_VERSION / DISPLAY QMGR VERSION: MQ's VVRRMMFF form of the MQ level whose
 * MQI Quire serves, the same level as CMDLEVEL (MQCMDL_CURRENT_LEVEL 945:
 * 9.4.5.0), so that an application that checks either finds the same. */
#define OBJDEF_MQ_VERSION "09040500"

struct objdef_enum {
	const char *kw;      /* MQSC value keyword, e.g. "ENABLED" */
	int32_t val;         /* its MQ value */
};

struct objdef_attr {
	const char *kw;                  /* MQSC keyword: "MAXDEPTH", or "SHARE" of a pair */
	const char *kw_off;              /* the other keyword of a flag pair ("NOSHARE") */
	int32_t id;                      /* MQIA_* / MQCA_*: the MQINQ selector and encoding tag */
	unsigned char kind;              /* enum objdef_kind */
	unsigned short flags;            /* OBJDEF_F_* */
	unsigned short types;            /* OBJDEF_M(type) bits of the types that have it */
	int32_t min, max;                /* INT range; STR/ISTR/BYTES: max is the length */
	const struct objdef_enum *vals;  /* ENUM: the values (a pair: [0] is kw, [1] kw_off) */
	size_t off;                      /* field offset in struct objdef */
	int32_t idef;                    /* built-in default (INT, ENUM) */
	const char *sdef;                /* built-in default (STR) */
};

/* --- types ---------------------------------------------------------------- */

/* "qmgr", "qlocal", "qalias", "qmodel", "process", "topic", "channel",
 * "listener", "authinfo" (the rcdmqimg/AMQ7472 words), or NULL. */
const char *objdef_type_name(int type);
/* Type from "qlocal"/"QLOCAL"/"ql" style words ("chl", "lstr" too); 0 if unknown. */
int objdef_type_from_name(const char *s);
/* MQOT_Q_MGR, MQOT_LOCAL_Q, MQOT_ALIAS_Q, MQOT_MODEL_Q, MQOT_PROCESS, MQOT_TOPIC,
 * MQOT_CHANNEL, MQOT_LISTENER, MQOT_AUTH_INFO; and back (0 if none). */
int32_t objdef_type_mqot(int type);
int objdef_type_from_mqot(int32_t mqot);
/* MQQT_LOCAL / MQQT_ALIAS / MQQT_MODEL for queues (MQIA_Q_TYPE), 0 for the qmgr. */
int32_t objdef_qtype(int type);
static inline int objdef_is_queue(int type) { return type >= OBJDEF_QLOCAL && type <= OBJDEF_QMODEL; }
/* The catalog's namespace of a type: 1 every queue type, 2 processes, 3
 * topics, 4 channels, 5 listeners, 6 authentication information (names are
 * unique within one; a topic or a channel may share a queue's name, as in
 * MQ); 0 the queue manager, which is not catalogued. */
static inline int objdef_namespace(int type)
{
	return objdef_is_queue(type) ? 1 : type >= OBJDEF_PROCESS && type < OBJDEF_NTYPES ? type - 3 : 0;
}
static inline int objdef_is_catalogued(int type) { return objdef_namespace(type) != 0; }

/* --- the attribute table --------------------------------------------------- */

size_t objdef_attr_count(void);
const struct objdef_attr *objdef_attr_at(size_t i);
/* Look an attribute up for a type by MQSC keyword (either of a pair; any case)
 * or by id.  NULL if the type has no such attribute. */
const struct objdef_attr *objdef_attr_find(int type, const char *kw);
const struct objdef_attr *objdef_attr_by_id(int type, int32_t id);
/* The attribute that is a type's name (QMNAME, QUEUE, PROCESS, TOPIC, CHANNEL,
 * LISTENER, AUTHINFO: its id is the PCF name parameter), or NULL. */
const struct objdef_attr *objdef_key_attr(int type);
static inline int objdef_attr_has(const struct objdef_attr *a, int type)
{
	return type > 0 && type < OBJDEF_NTYPES && (a->types & OBJDEF_M(type)) != 0;
}

/* --- building definitions -------------------------------------------------- */

/* MQ's built-in defaults for a type: what crtmqm gives SYSTEM.DEFAULT.*.  A
 * queue is named after its SYSTEM.DEFAULT.* object; the qmgr's name is blank. */
int objdef_init_default(int type, struct objdef *def);

/* dst becomes a new, unnamed definition of type `type` with tmpl's attributes
 * (tmpl NULL: the built-in defaults).  tmpl must be of the same type, or a
 * model queue when type is OBJDEF_QLOCAL (a dynamic queue: DEFTYPE comes from
 * the model's).  Never copied: the name, dates, the identity, QMID and a
 * topic's TOPICSTR (each topic object is at a node of its own); a local
 * queue made from a local queue (LIKE) is PREDEFINED.  dst may equal tmpl. */
int objdef_inherit(struct objdef *dst, const struct objdef *tmpl, int type, char *err, size_t errlen);

/* A valid MQ name no longer than the type's name attribute allows (a
 * channel's 20 characters, MQ_CHANNEL_NAME_LENGTH; 48 for the others). */
int objdef_set_name(struct objdef *def, const char *name, char *err, size_t errlen);

/* Set CRDATE/CRTIME (create != 0; qmgr and local queues) and ALTDATE/ALTTIME
 * from `when` in local time, as MQ shows them: "2024-05-31", "14.03.59". */
void objdef_stamp(struct objdef *def, time_t when, int create);

/* A new queue manager: defaults, name, a fresh identity from /dev/urandom,
 * dates and QMID ("name_yyyy-mm-dd_hh.mm.ss"). */
int objdef_qmgr_new(struct objdef *def, const char *name, time_t when, char *err, size_t errlen);
/* Fill id with 16 bytes from /dev/urandom. */
int objdef_new_identity(uint8_t id[OBJDEF_IDENTITY_LEN]);

/* 1 if every attribute of the two definitions is equal (types included). */
int objdef_equal(const struct objdef *a, const struct objdef *b);

/* Every attribute valid for the type and in range (what decode and encode
 * insist on).  The name must be a valid MQ name. */
int objdef_validate(const struct objdef *def, char *err, size_t errlen);

/* --- attribute access -------------------------------------------------------- */

/* MQSC: set kw to value text ("5000", "ENABLED", "OFF", a string); a flag
 * keyword ("SHARE", "NOSHARE", "HARDENBO") takes value NULL.  Read-only
 * attributes give QM_EPERM. */
int objdef_set(struct objdef *def, const char *kw, const char *value, char *err, size_t errlen);
/* MQSC text of an attribute: "5000", "ENABLED", "OFF", "SHARE"/"NOSHARE", the
 * string itself (no quotes; may be empty). */
int objdef_get_text(const struct objdef *def, const char *kw, char *buf, size_t n);
int objdef_attr_text(const struct objdef *def, const struct objdef_attr *a, char *buf, size_t n);

/* By MQIA_* id: an INT or ENUM attribute.  set checks the range and refuses
 * read-only attributes (QM_EPERM); MQSET must further check OBJDEF_F_MQSET. */
int objdef_get_int(const struct objdef *def, int32_t id, int32_t *v);
int objdef_set_int(struct objdef *def, int32_t id, int32_t v, char *err, size_t errlen);
/* By MQCA_* id.  get writes the value blank-padded to the attribute's full MQ
 * length (a->max bytes, no NUL) as MQINQ returns it; n must be >= a->max.
 * set takes a fixed field of len bytes (blank/NUL padded) or a C string with
 * len == (size_t)-1. */
int objdef_get_chars(const struct objdef *def, int32_t id, char *out, size_t n);
int objdef_set_str(struct objdef *def, int32_t id, const char *s, size_t len, char *err, size_t errlen);

/* --- system and default objects ------------------------------------------- */

struct objdef_sysobj {
	const char *name;
	int type;
	const char *const *attrs;   /* MQSC keyword, value pairs; NULL-terminated */
};

/* The queues, the process, the topics, the server-connection channels, the
 * listener and the authentication information object crtmqm creates,
 * templates (SYSTEM.DEFAULT.*, SYSTEM.DEF.SVRCONN) first. */
const struct objdef_sysobj *objdef_system_objects(size_t *count);
/* The definition of one: built-in defaults, the name, then its attributes. */
int objdef_system_build(const struct objdef_sysobj *so, struct objdef *def, char *err, size_t errlen);

/* --- encoding (format at the top of objdef.c) ------------------------------ */

#define OBJDEF_ENC_VERSION 1
/* The largest encoding any definition can have today (a topic's TOPICSTR
 * alone may be 10240 bytes). */
#define OBJDEF_ENC_MAX 12288

/* Encode a valid definition.  QM_ETOOBIG if cap is too small (*len then says
 * how much is needed), QM_EINVAL (with objdef_validate's reason lost) if the
 * definition is invalid. */
int objdef_encode(const struct objdef *def, void *buf, size_t cap, size_t *len);
/* Decode and validate; never reads beyond len.  QM_ECORRUPT with a reason
 * (offset and field) or QM_EVERSION. */
int objdef_decode(const void *buf, size_t len, struct objdef *def, char *err, size_t errlen);

#endif
