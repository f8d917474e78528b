/*
 * proto.h: the request protocol between libmqm (qm/mqi/) and the queue
 * manager process (qm/).  Transport-neutral: a stream of length-delimited
 * frames, over a Unix domain socket ("bindings"), after ATTACH through shared
 * memory (qm/shmring.h: the same frames), and over TCP (clients, below).
 *
 * Socket: <qm data dir>/@ipcc/quire.sock, mode 0660.  When that path is longer
 * than a sockaddr_un allows, both sides open the @ipcc folder and use
 * "/proc/self/fd/<fd>/quire.sock" instead (proto_sock_addr does this).
 *
 * Frame = header (16 bytes) + body.  All integers little-endian (the MQ
 * structures inside bodies are in the machine's own layout, as MQ's own
 * client protocol sends them with their Encoding field).
 *   0   u32  PROTO_MAGIC
 *   4   u32  body length (<= PROTO_MAX_BODY)
 *   8   u16  opcode (enum proto_op)
 *   10  u16  flags: PROTO_F_REPLY on replies
 *   12  u32  request id (the reply carries the request's)
 * One request is outstanding per connection at a time (MQI calls on one
 * connection handle are serial; CBCANCEL, below, is the exception); the server may take as long as it needs to
 * reply (MQGET with a wait interval, a commit waiting for the log).  A peer
 * that breaks this rule is not libmqm and is dropped: one that leaves over
 * 1 MiB of older replies unread when a new one is queued, or that sends over
 * 1 MiB while its request waits (qm/server/conn.c).
 *
 * Every reply body starts with:  i32 CompCode, i32 Reason.  A reply whose
 * CompCode is MQCC_FAILED carries nothing else unless said below.
 *
 * Bodies (structures are always sent whole at their newest version: the client
 * copies the caller's fields up to the caller's Version into a zero-filled,
 * default-initialised full-size structure, and copies back only the output
 * fields that exist in the caller's Version):
 *
 *  CONN   req: char qmgr[48]; i32 cno_options; char appname[28]; u32 pid; u32 tid;
 *              u32 auth (PROTO_AUTH_NONE 0, or PROTO_AUTH_USER_PWD 1: the caller's MQCSP
 *              asked for user id and password); u32 ulen; user[ulen]; u32 plen;
 *              password[plen]: the MQCSP's user id (ulen <= PROTO_CSP_USER_MAX, 1024) and
 *              password (plen <= MQ_CSP_PASSWORD_LENGTH, 256) as its lengths give them,
 *              no NUL added (ulen and plen 0 with auth 0).  A longer user id is answered
 *              2595 MQRC_CSP_ERROR, a longer password 2035 (as MQ), and nothing past
 *              the body is read.  The queue manager wipes the password's bytes in its
 *              buffer once read and after the check (qm/server/authn.c); it is never
 *              logged, traced or kept
 *         rep: cc, rc; char qmgr[48] (the real name); i32 ccsid; u32 conn id;
 *              u32 stamp (the queue manager's start, seconds since the epoch): the
 *              ConnectionId is "AMQC", the name (12), conn id, stamp (both little-endian),
 *              and DISPLAY CONN's CONN is the hex of its last 8 bytes
 *  DISC   req: (empty)                        rep: cc, rc
 *  OPEN   req: i32 options; MQOD od (424); for od.ObjectType MQOT_TOPIC (only) u32 n; str[n] (the
 *              ObjectString, n <= 10240, from MQOD version 4, else n 0); then zero or more
 *              extensions { u32 kind; u32 len; bytes[len] }: kind PROTO_OPEN_SELECTION, MQOD
 *              version 4's SelectionString (its bytes, at most MQ_SELECTOR_LENGTH, no NUL added;
 *              sent only when not empty); an unknown kind is refused (the connection fails, as a
 *              malformed frame)
 *         rep: cc, rc; u32 hobj; MQOD od (output fields set); for a topic, a reply that is not
 *              MQCC_FAILED goes on with u32 r; res[r] (the resolved topic string, for
 *              ResObjectString)
 *  CLOSE  req: u32 hobj; i32 options          rep: cc, rc
 *  PUT    req: u32 hobj; MQMD md (364); MQPMO pmo (184, pointers zero); u32 len; data[len]
 *         rep: cc, rc; MQMD md; MQPMO pmo    (also on MQCC_WARNING)
 *  PUT1   req: MQOD od; MQMD md; MQPMO pmo; u32 len; data[len]
 *         rep: cc, rc; MQOD od; MQMD md; MQPMO pmo
 *         For a topic, as OPEN: the request's u32 n; str[n] after data, the reply's
 *         u32 r; res[r] at its end
 *  SUB    req: MQSD sd (344, pointers zero); u32 hobj (the caller's Hobj: the destination
 *              queue's handle unless MQSO_MANAGED); then four strings, each u32 n; str[n]
 *              (n <= 10240): ObjectString, SubName, SubUserData, SelectionString
 *         rep: cc, rc; u32 hobj (the managed queue's handle, else the one given); u32 hsub;
 *              MQSD sd (SubCorrelId, PubAccountingToken, PubApplIdentityData set); u32 r;
 *              res[r] (the resolved topic string); u32 s; sel[s] (the subscription's
 *              SelectionString, returned in the MQSD on a resume or alter; s 0xFFFFFFFF
 *              on a create: the caller's MQSD.SelectionString left as it was)
 *              (qm/server/pubsub.c)
 *  SUBRQ  req: u32 hsub; i32 action; u32 has_sro (0 or 1); MQSRO sro (16, only when has_sro)
 *         rep: cc, rc; i32 NumPubs (when not MQCC_FAILED)   (qm/server/pubsub_ret.c)
 *  GET    req: u32 hobj; MQMD md; MQGMO gmo (112); u32 buflen
 *         rep: cc, rc; MQMD md; MQGMO gmo; u32 datalen (whole message); u32 n; data[n]
 *              (sent for MQCC_OK and for MQCC_WARNING/FAILED with 2079/2080 truncation)
 *              Message properties (qm/server/mqiserv_props.c) live in the message data
 *              as leading MQRFH2s.  The request's gmo.Reserved2 (a field MQ reserves;
 *              libmqm always sets it, never from the application) is the room in bytes
 *              libmqm has for properties apart from the body: 0 when the getter has no
 *              message handle to fill.  The reply's gmo.Reserved2 is plen, the bytes of
 *              MQRFH2s sent apart: then data[n] is those plen bytes and then the body's
 *              n - plen bytes (n - plen <= buflen), and datalen, the MQMD (Format,
 *              Encoding, CodedCharSetId of the body) and ReturnedLength are the body's.
 *              plen is 0 otherwise (old replies are unchanged).  Properties longer than
 *              the room: MQCC_FAILED, MQRC_PROPERTIES_TOO_BIG, the message stays.
 *  CMIT, BACK  req: (empty)                   rep: cc, rc
 *  INQ    req: u32 hobj; u32 nsel; u32 nint; u32 charlen; i32 sel[nsel]
 *         rep: cc, rc; i32 ints[nint]; char chars[n]   (also on MQCC_WARNING; charlen is the
 *              caller's CharAttrLength, any value valid, only a bound; n <= charlen
 *              holds the whole attributes that fit, never more than the selectors need:
 *              the rest of the caller's CharAttrLength stays unchanged, as MQ)
 *  SET    req: u32 hobj; u32 nsel; u32 nint; u32 charlen; i32 sel[nsel]; i32 ints[nint]; char chars[charlen]
 *         rep: cc, rc      (charlen: the caller's CharAttrLength, but never more than
 *              MQ_TOPIC_STR_LENGTH, the longest character attribute, per character
 *              selector: a larger CharAttrLength is valid and only the start is read)
 *  ATTACH req: u32 version (SHMRING_VERSION); u32 size (SHMRING_SIZE), with two
 *              descriptors in SCM_RIGHTS: a sealed memfd and an eventfd
 *         rep: cc, rc      (after CONN only, once; qm/shmring.h: later requests and
 *              replies that fit go through the shared memory instead of the socket)
 *  STAT   req: i32 type (MQSTAT_TYPE_ASYNC_ERROR only: libmqm answers the others)
 *         rep: cc, rc; i32 CompCode, Reason, PutSuccessCount, PutWarningCount,
 *              PutFailureCount, ObjectType, OpenOptions; char ObjectName[48],
 *              ObjectQMgrName[48], ResolvedObjectName[48], ResolvedQMgrName[48]
 *              (the puts with MQPMO_ASYNC_RESPONSE since MQCONN or the last STAT,
 *              which starts the counting again)
 *  CBGET  req: u32 flags (PROTO_CBGET_CHECK); u32 gen; i32 wait_ms (MQWI_UNLIMITED -1, or >= 0);
 *              u32 first; u32 n (1..256); n times { u32 hobj; MQMD md; MQGMO gmo; u32 buflen }
 *         rep: cc, rc; i32 index; and for a message (and 2079/2080) the rest of GET's reply
 *              (MQMD md; MQGMO gmo; u32 datalen; u32 n; data[n]).  libmqm's MQCB dispatcher:
 *              the first message of any entry, tried from entry `first` round, waiting up to
 *              wait_ms for one (the entries' MQGMO_WAIT and WaitInterval are not used);
 *              index is the entry answered, or -1 for the request as a whole (2033 when the
 *              wait ran out or was cancelled, 2161/2162 ...).  A reply of cc, rc alone (a
 *              refusal before the request was looked at) means index -1.  CHECK: each entry
 *              checked as MQGET would check it, nothing got: the first that fails, or -1
 *  CBCANCEL req: u32 gen  no reply.  Sent once on the socket by another thread of the
 *              application while its CBGET `gen` is out (MQCTL STOP or SUSPEND): that CBGET is
 *              answered at once with index -1, 2033, whether it is parked already or comes
 *              after the CBCANCEL (it may travel through the shared-memory channel, and so
 *              arrive later: the queue manager keeps the last cancelled gen per connection).
 *              A CBCANCEL for a CBGET answered meanwhile changes nothing (gens only grow).
 *              The only frame the queue manager serves while a request is parked
 *  ADMIN_STOP  req: u32 mode (PROTO_STOP_*)   rep: cc, rc  (only from the owning user; endmqm)
 *  ADMIN_MQSC  req: u32 len; text[len] (one MQSC command, as runmqsc joined it); then, from
 *              the command server only, the command message it carries out: u32 flags
 *              (PROTO_MQSC_INTERNAL: a command it runs to serve a PCF command, which makes no
 *              MQSC command event of its own); the message's context (struct proto_evctx)
 *         rep: cc, rc; u32 status (MQSC_OK, MQSC_SYNTAX, MQSC_FAILED); u32 len; text[len]
 *              (the response lines; only from the owning user; qm/admin/mqsc.c carries it out)
 *  ADMIN_PCFEV req: struct proto_evctx; u32 command (MQCMD_*); u32 nparm; u32 len; parms[len]
 *         rep: cc, rc   (the command server: a PCF command it carried out successfully, its
 *              parameters as the request had them, for the command event; only from the owning
 *              user; qm/server/cfgev.c)
 *  ADMIN_PCF   req and rep as ADMIN_MQSC (one MQSC command the command server built from a PCF
 *              request); the response's DISPLAY items come as records, not columns: each object
 *              a line of byte 0x1e, then per item 0x1f KEYWORD 0x1f decimal-length 0x1f VALUE '\n'
 *              (qm/admin/mqsc.h struct mqsc_out .fields); message lines as ADMIN_MQSC's
 *  ADMIN_MEDIA req: u32 action; u32 flags; u32 type; u32 n; name[n]   (rcdmqimg, rcrmqobj)
 *         rep: cc, rc; u32 exit code; u32 len; text[len]   (only from the owning user;
 *              qm/admin/mediacmd.h has the values and carries it out)
 *  ADMIN_CSRV  req: u32 action (PROTO_CSRV_START, _END, _END_IMMEDIATE, _STATUS)
 *         rep: cc, rc; u32 state before the action; u32 state after it (PROTO_CSRV_STOPPED,
 *              _STARTING, _RUNNING, _ENDING)   (strmqcsv, endmqcsv, dspmqcsv; only from the
 *              owning user; MQRC_FUNCTION_NOT_SUPPORTED when the process has no command server)
 *  ADMIN_DUMPCFG req: u32 flags (DUMPCFG_F_*); u32 types (OBJDEF_M bits); u32 page_max;
 *              u32 group; u32 m; after[m]; u32 n; name[n]   (dmpmqcfg: one page of the dump,
 *              starting after the object (group, after); group 0 and m 0 for the first;
 *              name the generic name, n 1..48; page_max 0 for the largest page)
 *         rep: cc, rc; u32 objects; u32 damaged; u32 more; u32 group; u32 m; after[m];
 *              i32 command level; u32 len; text[len]   (more: ask again from (group, after);
 *              a page's text is at most DUMPCFG_PAGE_MAX plus one object's; only from the
 *              owning user; qm/admin/dumpcfg.h has the values and builds the text)
 *
 *  ADMIN_LSR   req: u32 action (PROTO_LSR_START, PROTO_LSR_STOP_ALL); u32 port; i32 backlog;
 *              u32 n; ipaddr[n] (n <= 48; "" every address)     (runmqlsr, endmqlsr; only from
 *              the owning user, else 2035)
 *         rep: cc, rc; u32 errno (0, or why the bind failed: EADDRINUSE the port is in use);
 *              u32 port (the port listened on; START) or the listeners stopped (STOP_ALL);
 *              u32 len; text[len] (the reason in words when it failed).  A START that
 *              succeeds ties the listener to this connection: it closes when the connection
 *              ends (runmqlsr killed), and the queue manager closes the connection when the
 *              listener is stopped (endmqlsr, STOP LISTENER) or the queue manager ends, which
 *              is how runmqlsr knows to end (qm/server/listen.h)
 *
 * TCP (clients).  A TCP listener (runmqlsr, a LISTENER object) carries the
 * same frames.  The listener tells what the peer speaks by its first bytes:
 * "QRPF" (PROTO_MAGIC little-endian: these frames, plain), 0x16 (a TLS
 * ClientHello: TLS first, then these frames inside it), "TSH" (IBM MQ's own
 * client protocol: not served; AMQ9207 in the error log, the socket closed),
 * anything else closed (AMQ9207 at most once a minute per address).  A peer
 * that sends no first bytes, or no CHLOPEN, within 60 s is closed.  The first
 * frame of a client connection (after TLS when the channel has SSLCIPH) is
 * CHLOPEN; any other frame before it closes the connection:
 *  CHLOPEN req: char channel[20] (blank padded); u32 version (1); i32 maxmsgl (the
 *              client's MAXMSGL); i32 hbint (seconds, the client's HBINT); i32 sharecnv;
 *              char qmgr[48] (the queue manager name asked for, blank: any); u32 n;
 *              char user_hint[n] (the client's OS user name, for CHLAUTH USERMAP and
 *              BLOCKUSER CLNTUSER rules; n <= 1024)
 *         rep: cc, rc; i32 maxmsgl (the lower of the client's and the channel's; a client's
 *              0 or less: the channel's); i32 hbint (the larger of the two, 0 if either is 0);
 *              i32 sharecnv (the lower); char qmgr[48] (the real name)
 *         refusals (cc MQCC_FAILED, nothing else; the server then closes the connection):
 *              2540 MQRC_UNKNOWN_CHANNEL_NAME (no such channel, or not a SVRCONN);
 *              2537 MQRC_CHANNEL_NOT_AVAILABLE (STOP CHANNEL STATUS(STOPPED), MAXINST or
 *              MAXINSTC reached); 2035 MQRC_NOT_AUTHORIZED (CHLAUTH, SSL checks);
 *              2058 MQRC_Q_MGR_NAME_ERROR (qmgr names another queue manager);
 *              2059 MQRC_Q_MGR_NOT_AVAILABLE (the queue manager is ending)
 *   Then CONN as over the Unix socket (its user and password from MQCSP) and
 *   every MQI verb; ATTACH and the ADMIN_* requests are refused (2035).  The
 *   negotiated maxmsgl bounds the messages: a PUT or PUT1 of more data gets
 *   2010 MQRC_DATA_LENGTH_ERROR; frames are still bounded by PROTO_MAX_BODY.
 *  HEARTBEAT   empty body both ways.  When a client connection with an hbint has sent
 *              nothing and received nothing for hbint seconds (idle, or its request
 *              parked: an MQGET waiting), the server sends a HEARTBEAT request (id 0, no
 *              PROTO_F_REPLY); the client answers at once with a HEARTBEAT reply
 *              (PROTO_F_REPLY, id 0, no CompCode), even while it waits for another reply.
 *              Nothing received within max(hbint, 5) more seconds: the peer is dead, the
 *              connection is dropped (its unit of work backed out).  A client may send a
 *              HEARTBEAT request too (answered the same way).  The client side treats no
 *              frame for 2 x hbint as a broken connection (2009).
 *
 * Refusal: a queue manager that cannot take another connection (its
 * connection limit, or no file descriptor left) accepts the socket, sends at
 * once an unsolicited PROTO_CONN reply with request id PROTO_REFUSED_ID and
 * cc MQCC_FAILED, rc MQRC_MAX_CONNS_LIMIT_REACHED (2025), and closes it.  The
 * client takes that frame as the answer to its CONN, even when its own send
 * failed because the socket was already closed.  A TCP client is refused the
 * same way, before its first bytes are read: the frame answers its CHLOPEN.
 *
 * The server replies MQRC_CONNECTION_BROKEN (2009) to nothing: it closes the
 * socket; the client maps a closed socket to 2009 (MQRC_Q_MGR_STOPPING 2162
 * when the server said so in its last reply).  A malformed frame closes the
 * connection and backs out its unit of work; it never affects anyone else.
 */
#ifndef QUIRE_PROTO_H
#define QUIRE_PROTO_H

#include <stdint.h>
#include <stddef.h>

#define PROTO_MAGIC     0x46505251u   /* "QRPF" */
#define PROTO_HDR_SIZE  16u
#define PROTO_MAX_BODY  (110u * 1024u * 1024u)  /* MAXMSGL max 100 MiB plus structures */
#define PROTO_F_REPLY   0x0001u
#define PROTO_REFUSED_ID 0u          /* request id of a refusal (client ids start at 1) */
#define PROTO_SOCK_DIR  "@ipcc"
#define PROTO_SOCK_NAME "quire.sock"

/* CONN: what the MQCSP asked for, and the longest user id it carries */
#define PROTO_AUTH_NONE     0u
#define PROTO_AUTH_USER_PWD 1u
#define PROTO_CSP_USER_MAX  1024u

enum proto_op {
	PROTO_CONN = 1, PROTO_DISC = 2, PROTO_OPEN = 3, PROTO_CLOSE = 4, PROTO_PUT = 5, PROTO_PUT1 = 6,
	PROTO_GET = 7, PROTO_CMIT = 8, PROTO_BACK = 9, PROTO_INQ = 10, PROTO_SET = 11,
	PROTO_ATTACH = 12, PROTO_STAT = 13, PROTO_CBGET = 14, PROTO_CBCANCEL = 15, PROTO_SUB = 16,
	PROTO_SUBRQ = 17, PROTO_CHLOPEN = 18, PROTO_HEARTBEAT = 19,
	PROTO_ADMIN_STOP = 100, PROTO_ADMIN_MQSC = 101, PROTO_ADMIN_MEDIA = 102, PROTO_ADMIN_DUMPCFG = 103,
	PROTO_ADMIN_CSRV = 104, PROTO_ADMIN_PCFEV = 105, PROTO_ADMIN_PCF = 106, PROTO_ADMIN_LSR = 107,
};

/* CHLOPEN */
#define PROTO_CHLOPEN_VERSION 1u
#define PROTO_CHLOPEN_HINT_MAX 1024u
/* ADMIN_LSR: the action */
enum proto_lsr_action { PROTO_LSR_START = 1, PROTO_LSR_STOP_ALL = 2 };

/* ADMIN_MQSC's flags, and the context of a command message (ADMIN_MQSC's
 * and ADMIN_PCFEV's): the MQMD fields MQ's configuration and command events
 * repeat for a command that came as a message (MQEVO_MSG), blank-padded as
 * in the MQMD, native integers */
#define PROTO_MQSC_INTERNAL 0x1u
struct proto_evctx {
	char user[12];            /* UserIdentifier */
	uint8_t acct[32];         /* AccountingToken */
	char ident[32];           /* ApplIdentityData */
	int32_t appl_type;        /* PutApplType */
	char appl_name[28];       /* PutApplName */
	char appl_origin[4];      /* ApplOriginData */
};

/* OPEN: the kinds of the extensions after the MQOD */
enum proto_open_ext { PROTO_OPEN_SELECTION = 1 };

/* ADMIN_CSRV: the action asked, and the command server's states */
enum proto_csrv_action { PROTO_CSRV_START = 1, PROTO_CSRV_END = 2, PROTO_CSRV_END_IMMEDIATE = 3, PROTO_CSRV_STATUS = 4 };
enum proto_csrv_state { PROTO_CSRV_STOPPED = 0, PROTO_CSRV_STARTING = 1, PROTO_CSRV_RUNNING = 2, PROTO_CSRV_ENDING = 3 };

#define PROTO_CBGET_CHECK 0x1u        /* CBGET: check the entries, get nothing */

enum proto_stop { PROTO_STOP_CONTROLLED = 1, PROTO_STOP_WAIT = 2, PROTO_STOP_IMMEDIATE = 3, PROTO_STOP_PREEMPTIVE = 4 };

struct proto_hdr {
	uint32_t magic, len;
	uint16_t op, flags;
	uint32_t id;
};

static inline void proto_hdr_encode(uint8_t *p, const struct proto_hdr *h)
{
	for (int i = 0; i < 4; i++) {
		p[i] = (uint8_t)(h->magic >> (8 * i));
		p[4 + i] = (uint8_t)(h->len >> (8 * i));
		p[12 + i] = (uint8_t)(h->id >> (8 * i));
	}
	p[8] = (uint8_t)h->op;
	p[9] = (uint8_t)(h->op >> 8);
	p[10] = (uint8_t)h->flags;
	p[11] = (uint8_t)(h->flags >> 8);
}

static inline int proto_hdr_decode(const uint8_t *p, struct proto_hdr *h)
{
	h->magic = h->len = h->id = 0;
	for (int i = 3; i >= 0; i--) {
		h->magic = (h->magic << 8) | p[i];
		h->len = (h->len << 8) | p[4 + i];
		h->id = (h->id << 8) | p[12 + i];
	}
	h->op = (uint16_t)(p[8] | (p[9] << 8));
	h->flags = (uint16_t)(p[10] | (p[11] << 8));
	return h->magic == PROTO_MAGIC && h->len <= PROTO_MAX_BODY ? 0 : -1;
}

struct sockaddr_un;
/* Fill sa with the socket address of the queue manager whose data folder is
 * data_dir.  When *dirfd comes back >= 0 it is an fd of the @ipcc folder the
 * address goes through: close it after bind() or connect(). */
int proto_sock_addr(const char *data_dir, struct sockaddr_un *sa, int *dirfd);

/* The administration commands' side (endmqm, runmqsc; libmqm has its own,
 * with version copies and connection handles):
 *   fd = proto_connect(data_dir)          -1 when nothing listens
 *   proto_call(fd, op, id, body, len, &reply, &rlen)
 * sends one request and reads its reply (body malloc'd, at least 8 bytes:
 * CompCode and Reason).  0, or -1 when the connection failed or the reply
 * broke the protocol.  SIGPIPE is never raised. */
int proto_connect(const char *data_dir);
int proto_call(int fd, uint16_t op, uint32_t id, const void *body, size_t len, uint8_t **reply, size_t *rlen);

struct iovec;
/* Send the n buffers of v whole (sendmsg, MSG_NOSIGNAL, again after EINTR and
 * short sends; v is used up on the way): 0, or -1 with errno (EAGAIN when a
 * send timeout ran out).  Both sides' one way to send a frame: proto_call
 * and libmqm's requests (qm/mqi/hconn.c). */
int proto_send_all(int fd, struct iovec *v, int n);

#endif
