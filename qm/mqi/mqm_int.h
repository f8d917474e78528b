/*
 * mqm_int.h: the insides of libmqm, the application side of the MQI.
 *
 * libmqm exports only the MQ verbs (libmqm.map); everything declared here is
 * hidden in the shared library and exists so that tests/unit/test_mqi_validate.c
 * can compile the same sources and call it directly.
 *
 * Files:
 *   validate.c   checks of the caller's arguments and structures (StrucId,
 *                Version, options, lengths, pointers) and the copies between a
 *                caller's structure of its Version and the full-size one the
 *                protocol carries (qm/proto.h)
 *   hconn.c      the connection handle table, reaching the queue manager, and
 *                one request/reply exchange on the socket
 *   ring.c       the same exchange through shared memory (qm/shmring.h)
 *   mqsini.c     finding the queue manager in mqs.ini (mqsini.h)
 *   verbs.c      MQCONN ... MQSET
 *   async.c      MQCB and MQCTL: callbacks and the thread that runs them
 *   stubs.c      the verbs Quire does not implement yet (MQRC_FUNCTION_NOT_SUPPORTED)
 *   client.c     client connections: the binding chosen, the channel found (an
 *                MQCD, MQSERVER, a CCDT), TCP, CHLOPEN, heartbeats
 *   ccdt.c       connection name lists and the JSON CCDT (ccdt.h)
 *   reconn.c     automatic reconnection of client connections
 *   props.c      message handles and properties (props.h; rfh2.c the MQRFH2 form)
 *
 * Calling sequence inside a verb:
 *   rc = mqm_conn_get(hconn, &c);          handle -> connection (2018 if bad);
 *                                          holds a reference
 *   rc = mqm_check_...(...);               every argument, before anything is sent
 *   rc = mqm_conn_lock(c, 0);              one call at a time per connection
 *                                          (2219 for HANDLE_SHARE_NO_BLOCK when
 *                                          busy; 2009/2162 when broken)
 *   rc = mqm_call(c, op, iov, n, &rx, &cc, &rc2)
 *                                          send one frame, wait for its reply
 *   ... copy the outputs back within the caller's Version ...
 *   mqm_conn_unlock(c); mqm_conn_put(c);
 *
 * Error handling: the functions that return MQLONG return an MQ reason code
 * (MQRC_NONE, 0, when all is well); nothing here prints or exits.  mqm_call
 * returns the reason of the transport (0, or 2009/2162 once the connection is
 * broken) and gives the queue manager's completion code and reason apart.
 */
#ifndef QUIRE_MQM_INT_H
#define QUIRE_MQM_INT_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <sys/uio.h>

#include <cmqc.h>

#include "log/byteorder.h"
#include "qm/proto.h"

/* A verb's outcome into the caller's CompCode and Reason. */
static inline void mqm_done(PMQLONG pcc, PMQLONG prc, MQLONG cc, MQLONG rc)
{
	*pcc = cc;
	*prc = rc;
}

/* ------------------------------------------------------------------------ */
/* validate.c                                                               */

/* Lengths of each Version of a structure (index = Version; [0] unused). */
extern const size_t mqm_od_len[5], mqm_md_len[3], mqm_pmo_len[4], mqm_gmo_len[5];
extern const size_t mqm_cno_len[9], mqm_csp_len[4];

/* A name from a fixed-width MQCHARn field: read at most `width` bytes, stop at
 * the first NUL, drop trailing blanks; out gets the name NUL-terminated (out
 * holds width + 1).  Returns the name's length. */
size_t mqm_name_get(const char *field, size_t width, char *out);
/* Copy a NUL-terminated name into a blank-padded field of `width` bytes. */
void mqm_name_put(char *field, size_t width, const char *name);
/* A queue manager name as MQCONN takes it: 0 if name (trimmed, possibly "")
 * is well formed, MQRC_Q_MGR_NAME_ERROR if not (inner blanks, characters
 * outside A-Z a-z 0-9 . / _ %). */
MQLONG mqm_check_qmgr_name(const char *name);

/* What MQCONNX takes from the caller's MQCNO (and its MQCSP). */
struct mqm_cno {
	MQLONG version;             /* the caller's Version */
	MQLONG options;
	char appname[MQ_APPL_NAME_LENGTH + 1];  /* trimmed ApplName (v7+), "" if none */
	int have_csp;               /* an MQCSP asked for user id and password */
	size_t user_len, password_len;  /* as the MQCSP's lengths give them */
	char user[PROTO_CSP_USER_MAX + 1];          /* NUL-terminated too */
	char password[MQ_CSP_PASSWORD_LENGTH + 1];  /* wiped (explicit_bzero) after use */
};
/* Check the caller's MQCNO (StrucId "CNO ", Version 1..8 -> 2139; options ->
 * 2046) and the MQCSP it points to (v5+; 2595), and fill o. */
MQLONG mqm_check_cno(const void *cno, struct mqm_cno *o);
/* After a successful connect: write ConnectionId (v5+) into the caller's MQCNO. */
void mqm_cno_out(void *cno, const MQBYTE24 conn_id);

/* StrucId and Version of each structure: the Version, or 0 with *rc set. */
MQLONG mqm_od_version(const void *od, MQLONG *rc);      /* 2044 */
MQLONG mqm_md_version(const void *md, MQLONG *rc);      /* 2026 */
MQLONG mqm_pmo_version(const void *pmo, MQLONG *rc);    /* 2173 */
MQLONG mqm_gmo_version(const void *gmo, MQLONG *rc);    /* 2186 */
MQLONG mqm_sts_version(const void *sts, MQLONG *rc);    /* 2426 */

/* Option and field rules (MQ's "rules for validating MQI options"). */
MQLONG mqm_check_open_options(MQLONG options);
MQLONG mqm_check_close_options(MQLONG options);
MQLONG mqm_check_pmo_options(MQLONG options, int put1);
MQLONG mqm_check_gmo(const MQGMO *full);              /* options, WaitInterval, MatchOptions */
MQLONG mqm_check_od(const MQOD *full);                /* ObjectType, RecsPresent */
/* MQOD version 4's SelectionString in the caller's MQOD (user) as MQCHARV
 * allows it (VSPtr or VSOffset from the MQOD's start, VSLength or
 * MQVS_NULL_TERMINATED): *text and *len (NULL, 0: no selection, for an empty
 * string or one of blanks only), or 2519
 * MQRC_SELECTION_STRING_ERROR, or 2111 MQRC_SOURCE_CCSID_ERROR for a VSCCSID
 * that is not ASCII-based (the queue manager reads selectors as UTF-8). */
MQLONG mqm_od_selection(const void *user, MQLONG ver, const char **text, size_t *len);
MQLONG mqm_check_md_put(const MQMD *full);            /* Report, MsgType, Expiry, Priority ... */
MQLONG mqm_check_inq_args(MQLONG nsel, const MQLONG *sel, MQLONG nint, const MQLONG *ints,
			  MQLONG charlen, const MQCHAR *chars, int set);
/* Selectors that name integer attributes (MQIA_FIRST..MQIA_LAST). */
MQLONG mqm_int_selectors(MQLONG nsel, const MQLONG *sel);

/* Caller's structure (of its Version) -> full-size structure: defaults first,
 * then the caller's bytes up to its Version (StrucId and Version included, so
 * the queue manager sees which Version the caller has); pointers cleared. */
void mqm_od_in(const void *user, MQLONG ver, MQOD *full);
void mqm_md_in(const void *user, MQLONG ver, MQMD *full);
void mqm_pmo_in(const void *user, MQLONG ver, MQPMO *full);
void mqm_gmo_in(const void *user, MQLONG ver, MQGMO *full);

/* Full-size structure from the reply -> the caller's, output fields only and
 * never beyond the caller's Version.  sent is what was sent (od: ObjectName is
 * written back only when the queue manager changed it, as for a model queue). */
void mqm_od_out(void *user, MQLONG ver, const MQOD *sent, const MQOD *got);
void mqm_md_out_put(void *user, MQLONG ver, const MQMD *got);
void mqm_md_out_get(void *user, MQLONG ver, const MQMD *got);
void mqm_pmo_out(void *user, MQLONG ver, const MQPMO *got);
void mqm_gmo_out(void *user, MQLONG ver, const MQGMO *got);

/* Little-endian integers of the protocol: put_u32/get_u32 of log/byteorder.h
 * (header-only, nothing linked). */

/* ------------------------------------------------------------------------ */
/* hconn.c (and mqm_locate: mqsini.c)                                       */

#define MQM_MAX_CONNS 65535     /* handles per process: slot 1..65535 */

struct mqm_async;
struct mqm_conn {
	pthread_mutex_t call_lock;  /* held for the whole of one call */
	pthread_mutex_t send_lock;  /* held while a frame is written to the socket (a CBCANCEL
				     * goes out while another thread's call waits: async.c) */
	struct mqm_async *async;    /* MQCB and MQCTL's state (async.c), NULL until MQCB */
	int fd;                     /* the socket; -1 once broken or disconnected */
	struct ctls *tls;           /* a client connection's TLS (client_tls.h), NULL for plain TCP;
				     * freed with the connection, its socket closed before */
	pid_t pid;                  /* the process that connected */
	pthread_t owner;            /* the thread that connected */
	int shared;                 /* MQCNO_HANDLE_SHARE_BLOCK or _NO_BLOCK */
	int no_block;               /* MQCNO_HANDLE_SHARE_NO_BLOCK: busy -> 2219 */
	MQLONG broken_rc;           /* 0, or the reason every call now gets */
	int stopping;               /* a reply said the queue manager is ending */
	uint32_t next_id;           /* request ids */
	uint32_t conn_id;           /* the queue manager's id for it */
	uint32_t conn_stamp;        /* and its start (the last 4 bytes of the ConnectionId) */
	char qmgr[MQ_Q_MGR_NAME_LENGTH + 1];  /* its real name */
	MQHCONN hconn;
	int refs;                   /* under the table lock: table + callers */
	struct shmring *ring;       /* the shared-memory channel (ring.c), or NULL: the socket only */
	int door;                   /* its doorbell (an eventfd), -1 when none */
	uint32_t ring_seq;          /* the last request sent through it */
	uint32_t ring_skip;         /* looks before yielding still to skip (ring.c) */
	uint32_t ring_backoff;      /* and how many the next miss skips */
	int client;                 /* a client connection over TCP (client.c): no ring */
	MQLONG hbint;               /* its negotiated heartbeat interval (s), 0: none */
	MQLONG maxmsgl;             /* its negotiated MAXMSGL */
	char channel[MQ_CHANNEL_NAME_LENGTH + 1];  /* its channel */
	struct mqm_rcn *rcn;        /* reconnectable (reconn.c), or NULL */
};

/* Where the body of a reply goes: the first fixed_cap bytes into fixed, the
 * next tail_cap bytes into tail (the caller's buffer for MQGET data and MQINQ
 * character attributes), anything more is read and dropped. */
struct mqm_rx {
	uint8_t *fixed;
	size_t fixed_cap;
	void *tail;
	size_t tail_cap;
	size_t len;                 /* out: the body length */
	size_t tail_len;            /* out: bytes put into tail */
};

/* mqsini.c: the queue manager: name trimmed ("" = default) -> its real name
 * and data folder, from one read of mqs.ini.  2058 if it is not known (or
 * there is no default), 2035 if mqs.ini may not be opened (mqsini.h). */
MQLONG mqm_locate(const char *name, char *real, size_t realn, char *data_dir, size_t n);
/* Bound connect() and the CONN reply by MQM_HANDSHAKE_SECONDS (on), or
 * wait without limit again (off, once connected). */
#define MQM_HANDSHAKE_SECONDS 60
void mqm_handshake_timeout(int fd, int on);
/* Open the socket of the queue manager whose data folder is data_dir:
 * 2059 when nothing listens there, 2035 when the socket may not be used. */
MQLONG mqm_dial(const char *data_dir, int *fd);

/* A connection of the calling thread and process, not yet in the table
 * (NULL when out of memory); free closes its socket. */
struct mqm_conn *mqm_conn_new(void);
void mqm_conn_free(struct mqm_conn *c);

/* Table: add gives c its handle (2025 when full, 2071 out of memory); get
 * finds a handle of this process and takes a reference (2018); put drops it;
 * remove takes c out of the table (its handle is dead from then on). */
MQLONG mqm_conn_add(struct mqm_conn *c);
MQLONG mqm_conn_get(MQHCONN h, struct mqm_conn **c);
/* verbs.c: a verb's call lock after its checks (rc non-zero: that reason,
 * nothing taken), and its release. */
MQLONG mqm_enter(struct mqm_conn *c, MQLONG rc);
void mqm_leave(struct mqm_conn *c);
/* sub.c: MQCHARV strings (the rules atop sub.c).  get: the string an input
 * MQCHARV of struc names (at most max bytes; err for a malformed one; topic:
 * its VSCCSID checked, 2425).  check_out: an output MQCHARV's buffer is
 * well formed (else err).  put: s written into an output MQCHARV. */
MQLONG mqm_charv_get(const void *struc, const MQCHARV *v, size_t max, MQLONG err, int topic, const char **s,
		     uint32_t *len);
MQLONG mqm_charv_check_out(const MQCHARV *v, MQLONG err);
void mqm_charv_put(void *struc, MQCHARV *v, const uint8_t *s, uint32_t len);
MQLONG mqm_check_sub_options(MQLONG o);
void mqm_conn_put(struct mqm_conn *c);
/* Another reference to c (one that holds one already). */
void mqm_conn_ref(struct mqm_conn *c);
void mqm_conn_remove(struct mqm_conn *c);
/* A non-shared connection of the calling thread, or NULL; referenced. */
struct mqm_conn *mqm_conn_of_thread(void);

/* Take c's call lock: MQRC_CALL_IN_PROGRESS (not taken) when c is
 * HANDLE_SHARE_NO_BLOCK and busy; the reason c is broken with (not taken)
 * unless `any`, which takes it whatever c's state (MQDISC). */
MQLONG mqm_conn_lock(struct mqm_conn *c, int any);
void mqm_conn_unlock(struct mqm_conn *c);

/* One exchange: send header + iov as one frame of opcode op, read the reply
 * into rx, and give its CompCode and Reason.  Returns 0, or the reason of a
 * broken connection (the socket is then closed and every later call gets it). */
MQLONG mqm_call(struct mqm_conn *c, uint16_t op, const struct iovec *iov, int niov,
		struct mqm_rx *rx, MQLONG *cc, MQLONG *rc);
/* mqm_call without reconnection (reconn.c's own calls); mqm_call is this,
 * or mqm_rcn_call for a reconnectable connection. */
MQLONG mqm_call_raw(struct mqm_conn *c, uint16_t op, const struct iovec *iov, int niov,
		    struct mqm_rx *rx, MQLONG *cc, MQLONG *rc);
/* Read one reply frame from the socket: its header into hdr (decoded into
 * r), its body into rx's parts.  0, or -1 when the socket failed or the
 * frame is malformed. */
int mqm_recv_reply(int fd, uint8_t *hdr, struct mqm_rx *rx, struct proto_hdr *r);
/* Close c's socket; every later call on it gets rc. */
void mqm_conn_close(struct mqm_conn *c, MQLONG rc);
/* c is broken (the socket failed, or a reply broke the protocol): close it
 * and return the reason, MQRC_CONNECTION_BROKEN or MQRC_Q_MGR_STOPPING. */
MQLONG mqm_conn_break(struct mqm_conn *c);

/* Each client connection of this process, referenced while fn runs (client.c's
 * watcher of idle connections). */
void mqm_conn_each_client(void (*fn)(struct mqm_conn *c, void *arg), void *arg);

/* ------------------------------------------------------------------------ */
/* client.c: client connections (the rules atop client.c)                  */

/* qm/proto.h's CHLOPEN and HEARTBEAT frames */
#define MQM_OP_CHLOPEN   PROTO_CHLOPEN
#define MQM_OP_HEARTBEAT PROTO_HEARTBEAT

/* clientini.c: mqclient.ini's CHANNELS stanza (the rules atop clientini.c). */
struct mqm_clientini {
	int found;
	char path[4200];
	char server[1100];          /* ServerConnectionParms, "" when none */
	char chldir[4096];          /* ChannelDefinitionDirectory */
	char chlfile[256];          /* ChannelDefinitionFile */
	MQLONG defrecon;            /* DefRecon: MQRCN_*, -1 when not given */
	long recon_timeout;         /* MQReconnectTimeout, -1 when not given */
};
/* Find and read the file (nothing found: ci->found 0, the rest unset). */
void mqm_clientini_read(struct mqm_clientini *ci);
/* Read an open file into ci (what is wrong said on stderr, naming path). */
int mqm_clientini_parse(FILE *f, const char *path, struct mqm_clientini *ci);

struct mqm_cd;
struct ctls;
/* The channels a client connection tries, in order. */
struct mqm_plan {
	struct mqm_cd *cds;         /* malloc'd */
	size_t n;
	int check_name;             /* the listener must serve `want` (CHLOPEN sends it) */
	char want[MQ_Q_MGR_NAME_LENGTH + 1];   /* the name asked for, without a leading '*' */
	MQLONG ini_defrecon;        /* mqclient.ini's DefRecon, or -1 */
	long recon_timeout;         /* mqclient.ini's MQReconnectTimeout, or -1 */
	int have_sco;               /* the MQCNO (Version 4+) gave an MQSCO: sco is a copy of it, */
	MQSCO sco;                  /* its pointers cleared (TLS: KeyRepository, CertificateLabel) */
};
/* Local or client (*client), and for a client the channels to try (pl, to be
 * freed with mqm_plan_free); name is the trimmed MQCONN name, possibly
 * starting with '*'.  0 or the reason (2058, 2277, 2278 ...). */
MQLONG mqm_client_choose(const void *pcno, const struct mqm_cno *o, const char *name, struct mqm_plan *pl,
			 int *client);
void mqm_plan_free(struct mqm_plan *pl);
/* An MQCD of the caller's (any Version) -> cd: 0 or MQRC_CD_ERROR. */
MQLONG mqm_cd_from_mqcd(const void *user, struct mqm_cd *cd);
/* MQSERVER's value -> cd: 0 or MQRC_Q_MGR_NAME_ERROR. */
MQLONG mqm_mqserver_parse(const char *s, struct mqm_cd *cd);
/* A CCDT's text -> the channels for queue manager `want`, in the order tried:
 * 0, 2278 (damaged: said on stderr, naming `what`) or 2058 (none for it). */
MQLONG mqm_ccdt_select(const char *text, size_t len, const char *what, const char *want, struct mqm_plan *pl);
/* Reconnection asked for a client connection: 0 none, 1 to any queue manager
 * the channels reach, 2 to the same one (MQCNO_RECONNECT*, else the first
 * channel's DEFRECON; its MQRCN_DISABLED, or MQCNO_RECONNECT_DISABLED: 0). */
int mqm_client_recon_mode(const struct mqm_plan *pl, MQLONG options);
/* Try pl's channels and addresses in turn: TCP, then CHLOPEN.  On success c's
 * fd, client, hbint, maxmsgl, channel and qmgr (the real name) are set. */
MQLONG mqm_client_dial(struct mqm_conn *c, const struct mqm_plan *pl);
/* The bound of connect() and CHLOPEN's answer (seconds; the unit test's). */
void mqm_client_handshake_seconds(int s);
/* Read one reply on client connection c, answering heartbeats before it;
 * 2 x HBINT without a frame is a broken connection.  0 or -1. */
int mqm_client_recv(struct mqm_conn *c, uint8_t *hdr, struct mqm_rx *rx, struct proto_hdr *r);
/* Send a frame on client connection c through its transport (plain TCP, or
 * TLS once client_tls.c is in): 0 or -1.  The caller holds c->send_lock. */
int mqm_client_send(struct mqm_conn *c, struct iovec *v, int n);
/* Make sure this process's watcher of idle client connections runs. */
void mqm_client_watch(void);

/* ------------------------------------------------------------------------ */
/* reconn.c: automatic reconnection (the rules atop reconn.c)              */

struct mqm_rcn;
/* Make c reconnectable: it takes pl's channels (pl is left empty), a copy of
 * the CONN request (len bytes) and whether only the same queue manager will
 * do.  0 or 2071. */
MQLONG mqm_rcn_setup(struct mqm_conn *c, struct mqm_plan *pl, const uint8_t *conn_req, size_t len,
		     int qmgr_only);
void mqm_rcn_free(struct mqm_conn *c);
/* Reconnectable and not given up (its calls go on after a break). */
int mqm_rcn_live(const struct mqm_conn *c);
/* mqm_call on a reconnectable connection: handles translated, a break
 * reconnected. */
MQLONG mqm_rcn_call(struct mqm_conn *c, uint16_t op, const struct iovec *iov, int niov, struct mqm_rx *rx,
		    MQLONG *cc, MQLONG *rc);
/* async.c: a connection event (2544, 2545, 2548) to the event handler, if any. */
void mqm_async_conn_event(struct mqm_conn *c, MQLONG cc, MQLONG rc);

/* ------------------------------------------------------------------------ */
/* ring.c: the shared-memory channel (qm/shmring.h)                         */

/* After CONN: offer the queue manager a channel.  MQRC_NONE whether or not it
 * took it (c->ring says); a broken socket's reason otherwise. */
MQLONG mqm_ring_attach(struct mqm_conn *c);
/* One request through c->ring (the frame hdr + iov fits SHMRING_AREA); the
 * reply's header into rhdr and r, its body into rx's parts.  0, or -1 when
 * the connection is broken. */
int mqm_ring_call(struct mqm_conn *c, const uint8_t *hdr, const struct iovec *iov, int niov, uint8_t *rhdr,
		  struct mqm_rx *rx, struct proto_hdr *r);
/* Unmap the channel and close its doorbell (nothing if there is none). */
void mqm_ring_release(struct mqm_conn *c);

/* ------------------------------------------------------------------------ */
/* async.c: MQCB and MQCTL                                                  */

/* Every verb but MQCTL and MQDISC, before it takes the call lock: 2500
 * MQRC_HCONN_ASYNC_ACTIVE while c is started and the caller is not one of
 * its callbacks; 0 otherwise. */
MQLONG mqm_async_gate(struct mqm_conn *c);
/* MQCLOSE closed hobj: its consumer (if any) is deregistered. */
void mqm_async_closed(struct mqm_conn *c, MQHOBJ hobj);
/* MQDISC, before it disconnects: stop the dispatcher (waiting for it) and
 * deregister every callback.  2012 MQRC_ENVIRONMENT_ERROR from a callback of
 * c itself (MQ: a callback may not disconnect its own connection). */
MQLONG mqm_async_disc(struct mqm_conn *c);
/* Free c's MQCB state (the connection is freed: no dispatcher runs). */
void mqm_async_free(struct mqm_conn *c);

/* ------------------------------------------------------------------------ */
/* props.c: message handles                                                 */

/* MQDISC of hconn: the message handles made with it are deleted. */
void mqm_props_conn_gone(MQHCONN hconn);
/* MQPUT/MQPUT1 with an MQPMO version 3 naming message handles: the data with
 * their properties as an MQRFH2 in front (*nbuf, malloc'd, *nlen bytes) and
 * md saying so; *nbuf NULL when there are none.  0, MQRC_HMSG_ERROR,
 * MQRC_ACTION_ERROR, MQRC_STORAGE_NOT_AVAILABLE, MQRC_PROPERTY_NAME_ERROR. */
MQLONG mqm_props_for_put(MQHCONN hconn, const MQPMO *pmo, MQMD *md, const void *buf, MQLONG len, void **nbuf,
			 MQLONG *nlen);
/* MQGET: is the MsgHandle (MQGMO version 4) good, and may properties come
 * apart into it (*want)?  0 or MQRC_HMSG_ERROR (also PROPERTIES_IN_HANDLE
 * without a handle). */
MQLONG mqm_props_get_check(MQHCONN hconn, const MQGMO *gmo, MQLONG gmov, int *want);
/* The properties a get returned apart (plen bytes of MQRFH2s, 0: none) become
 * the handle's, replacing what it held.  0, or MQRC_RFH_FORMAT_ERROR (the
 * handle is then left empty). */
MQLONG mqm_props_got(MQHCONN hconn, MQHMSG hmsg, const uint8_t *p, size_t plen);
/* The message descriptor of message handle hmsg (its Root.MQMD.* fields)
 * into *md, or set from *md.  0 or MQRC_HMSG_ERROR. */
MQLONG mqm_props_md_get(MQHCONN hconn, MQHMSG hmsg, MQMD *md);
MQLONG mqm_props_md_set(MQHCONN hconn, MQHMSG hmsg, const MQMD *md);
/* The room a get offers for properties apart from the body (qm/proto.h). */
#define MQM_PROPS_ROOM (4u * 1024u * 1024u)

/* ------------------------------------------------------------------------ */
/* propmd.c: the MQMD's fields as properties, "Root.MQMD.<Field>"           */

struct mqm_mdfield {
	const char *name;           /* as in the C declaration of MQMD */
	size_t off, size;
	MQLONG type;                /* MQTYPE_INT32, MQTYPE_STRING or MQTYPE_BYTE_STRING */
};
/* Does the name (raw, len bytes) begin "Root.MQMD."?  Which field does it name (NULL: none)? */
int mqm_mdfield_named(const char *raw, size_t len);
const struct mqm_mdfield *mqm_mdfield_find(const char *raw, size_t len);
/* Set field f of md from a value of type (len bytes; an INT32 native): 0,
 * MQRC_PROPERTY_TYPE_ERROR or MQRC_PROPERTY_VALUE_TOO_BIG. */
MQLONG mqm_mdfield_set(MQMD *md, const struct mqm_mdfield *f, MQLONG type, const void *val, size_t len);
/* Field f of md back to its MQMD_DEFAULT value; where its value is (f->size bytes). */
void mqm_mdfield_reset(MQMD *md, const struct mqm_mdfield *f);
const void *mqm_mdfield_value(const MQMD *md, const struct mqm_mdfield *f);

#endif
