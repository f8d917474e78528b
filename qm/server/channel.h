/*
 * channel.h: SVRCONN channels at run time: what a client connection (one
 * accepted on a TCP listener, conn.h) does before and beside the MQI.
 *
 * A client connection is served by chl_handler:
 *   - its first bytes decide what it speaks (chl_sniff: qm/proto.h, "TCP");
 *   - its first frame must be PROTO_CHLOPEN: the channel is looked up
 *     (chl_find: a SVRCONN channel object), the authentication hook runs
 *     (chl_auth_open, channel_auth.c), then the channel's STATUS(STOPPED),
 *     MAXINST and MAXINSTC are checked; MAXMSGL, HBINT and SHARECNV are
 *     negotiated and the reply sent; any refusal closes the connection;
 *   - then every MQI frame goes to the MQI's dispatch (mqiserv.c) as from a
 *     local application, but PROTO_CONN passes chl_auth_conn first (the user
 *     and password of MQCSP), a PUT or PUT1 of more than the negotiated
 *     MAXMSGL is answered 2010, ATTACH and the ADMIN_* requests 2035;
 *   - heartbeats (chl_timer, once a second from the loop): a connection
 *     with an hbint that has sent and received nothing for hbint seconds
 *     gets a HEARTBEAT request; one that answers nothing within max(hbint,
 *     5) seconds more is dropped (AMQ9259, its unit of work backed out);
 *     one that has not finished CHLOPEN within CHL_OPEN_TIMEOUT_MS is
 *     dropped too.
 *
 * Where the channel's attributes come from: chl_find, the one lookup, reads
 * the CHANNEL object (DEFINE CHANNEL CHLTYPE(SVRCONN): qm_ofind) at each
 * CHLOPEN and CONN, so an ALTER counts for the next connection; a channel
 * deleted while instances run leaves them running, as MQ's.  Test builds
 * (QUIRE_TEST_HOOKS) also take channels that no object defines from the
 * environment variable QUIRE_TEST_SVRCONN (read by the queue manager
 * process), for the tests written before DEFINE CHANNEL was there:
 * "NAME[,key=value...][;NAME...]" with keys maxmsgl, hbint, maxinst,
 * maxinstc, sharecnv, mcauser, type (svrconn, or anything else for a channel
 * of another type).
 */
#ifndef QUIRE_CHANNEL_H
#define QUIRE_CHANNEL_H

#include <stddef.h>
#include <stdint.h>

#include "cmqc.h"

struct qm;
struct conn;
struct proto_hdr;

#define CHL_OPEN_TIMEOUT_MS 60000   /* first bytes and CHLOPEN within this */
#define CHL_HB_MIN_WAIT_S   5       /* the least time a heartbeat's answer is waited for */

/* A channel's attributes as the run time uses them. */
struct chl_attrs {
	char name[MQ_CHANNEL_NAME_LENGTH + 1];
	int svrconn;                  /* CHLTYPE(SVRCONN) */
	int32_t maxmsgl;              /* MAXMSGL (bytes) */
	int32_t hbint;                /* HBINT (seconds) */
	int32_t maxinst, maxinstc;    /* MAXINST, MAXINSTC */
	int32_t sharecnv;             /* SHARECNV */
	char mcauser[65];             /* MCAUSER ("" blank) */
	char sslciph[33];             /* SSLCIPH ("" none) */
	int sslcauth_required;        /* SSLCAUTH(REQUIRED) */
	char sslpeer[1025];           /* SSLPEER ("" any) */
};

/* The frame handler of TCP listeners' connections. */
extern const struct conn_handler chl_handler;

/* Look up channel name (trailing blanks ignored): QM_OK with *a filled, or
 * QM_ENOTFOUND. */
int chl_find(struct qm *qm, const char *name, struct chl_attrs *a);

/* c->sniff is set and c->rbuf holds its first c->rlen (1..4) bytes: 1 they
 * are our frames (sniff cleared), 0 more bytes are needed, -1 the peer speaks
 * something else (said in the error log; the caller drops it). */
int chl_sniff(struct qm *qm, struct conn *c);
/* AMQ9207 for a peer that sent what is not ours (what: in words; bytes: the
 * first n bytes it sent, shown in hex), at most once a minute per address. */
void chl_bad_peer(struct qm *qm, struct conn *c, const char *what, const uint8_t *bytes, size_t n);
/* A HEARTBEAT reply from a client. */
void chl_heartbeat_reply(struct qm *qm, struct conn *c, const struct proto_hdr *h);
/* Heartbeats and the CHLOPEN timeout: the loop calls it every round; it
 * looks at the connections once a second.  Returns when it wants to run
 * next (INT64_MAX: no client connection). */
int64_t chl_timer(struct qm *qm, int64_t now_ms);

/* Channel instances: running instances of channel name (its conname too
 * when conname is not NULL). */
unsigned chl_instances(struct qm *qm, const char *name, const char *conname);

/* STOP CHANNEL STATUS(STOPPED) / START CHANNEL: the channel refuses new
 * instances (2537) while stopped.  chl_set_stopped: 0, or -1 when too many
 * channels are stopped already (256).  chl_stopped_at(i): the i-th stopped
 * channel's name, "" for a free slot, NULL past the end. */
int chl_is_stopped(const char *name);
int chl_set_stopped(const char *name, int on);
const char *chl_stopped_at(int i);

/*
 * Authentication hooks (channel_auth.c: the connauth and chlauth parts fill
 * them in).  Each returns MQRC_NONE to let the connection go on, or the
 * reason to refuse it with (MQRC_NOT_AUTHORIZED); either may set c->user,
 * the principal the connection acts as.
 *   chl_auth_open  at CHLOPEN, the channel found (a): CHLAUTH's rules by
 *                  address, SSL peer and the client's user (c->conname,
 *                  c->sslpeer, c->cliuser): 2035 when a record blocks it,
 *                  else c->user the user it runs as (a USERSRC(MAP)
 *                  record's MCAUSER, the channel's MCAUSER, or the client's
 *                  user), c->chl_chckclnt the mapping's CHCKCLNT
 *   chl_auth_conn  at CONN, with MQCSP's user and password (blank: none):
 *                  CONNAUTH's place; today nothing (MQ without CONNAUTH
 *                  ignores MQCSP): the client stays MCAUSER or, with a blank
 *                  MCAUSER, the OS user its CHLOPEN asserted
 */
MQLONG chl_auth_open(struct qm *qm, struct conn *c, const struct chl_attrs *a);
/* At accept, before anything is read: 1 when a BLOCKADDR channel
 * authentication record refuses the peer's address (the caller closes it
 * at once), else 0. */
int chl_auth_accept(struct qm *qm, const char *address);
MQLONG chl_auth_conn(struct qm *qm, struct conn *c, const struct chl_attrs *a, const char *user,
		     const char *password);
/* After CONNAUTH's ADOPTCTX(YES) adopted a proved user on a client connection
 * (authn.c): the channel's records once more with that user as the client's
 * and the channel's user (c->user), as MQ's early adoption does, so that a
 * BLOCKUSER (MQ's default *MQADMIN one) refuses an administrator who proved
 * who they are on a channel that blocks administrators: MQRC_NOT_AUTHORIZED
 * (AMQ9776E said), else MQRC_NONE.  Only blocks count: the connection's user
 * stays the adopted one. */
MQLONG chl_auth_adopted(struct qm *qm, struct conn *c);

#endif
