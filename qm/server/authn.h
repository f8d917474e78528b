/*
 * authn.h: connection authentication (CONNAUTH): the user id and password an
 * application gives in its MQCSP, checked against the operating system, and
 * the queue manager's policy that says when they are asked for and what a
 * proved user id becomes.
 *
 * The policy (MQ's): the queue manager's CONNAUTH names an AUTHINFO object of
 * AUTHTYPE(IDPWOS); blank CONNAUTH: no checks at all.  CHCKLOCL is the rule for
 * local (bindings) connections, CHCKCLNT for client connections (c->client):
 *   NONE       a user id and password are not looked at, even when given
 *   OPTIONAL   checked when given (a user id of length 0 is "not given")
 *   REQUIRED   must be given and right
 *   REQDADM    must be given and right for an administrator (root, the queue
 *              manager's owning user, a member of group mqm); as OPTIONAL for
 *              anyone else
 * ADOPTCTX(YES): the proved user becomes the connection's user (c->user: the
 * UserIdentifier of its messages and the principal the authority manager
 * checks; c->uid follows it); NO: the connection stays who it was.
 * FAILDLAY(n): a wrong user id or password is answered 2035 n seconds later
 * (the loop goes on serving meanwhile).  AUTHENMD(OS): the password checked
 * against the user's shadow entry with crypt(3); AUTHENMD(PAM): through PAM,
 * service AUTHN_PAM_SERVICE ("quire": /etc/pam.d/quire when the administrator
 * writes one, else the system's /etc/pam.d/other), pam_authenticate then
 * pam_acct_mgmt.
 *
 * The policy in force is a copy taken at the start and by REFRESH SECURITY
 * TYPE(CONNAUTH) (authn_refresh): as MQ, an ALTER AUTHINFO or ALTER QMGR
 * CONNAUTH takes effect only then.
 *
 * Threads: the checks (PAM and crypt may be slow and may sleep) run on worker
 * threads of this file (at most AUTHN_THREADS, started when first needed),
 * never on the event loop.  A CONN that needs one is parked (c->busy stays
 * set, the job holds a reference on c); the worker's answer comes back
 * through an eventfd in the loop's epoll (authn_tag: the loop calls
 * authn_poll), and a failure's reply waits FAILDLAY on the loop's timer
 * (authn_timer, called by mqi_timer).
 *
 * The password: copied from the request into a job buffer mapped with
 * MADV_DONTDUMP (never in a core dump), its bytes in the request frame wiped
 * at once, and the job's copy wiped (explicit_bzero) as soon as the check has
 * run.  It is written to no log, trace or message.
 *
 * Calling sequence:
 *   authn_refresh(qm, err, n)        at the start and at REFRESH SECURITY
 *   authn_conn(qm, c, &cred)         from MQCONN, after its own checks:
 *       AUTHN_PASS     connect now (c->user may have changed: no, only a
 *                      worker's proof adopts; PASS means nothing to check)
 *       AUTHN_REFUSE   reply 2035 now (error log written)
 *       AUTHN_PARKED   the check runs; mqi_conn_finish(qm, c, rc) answers later
 *   authn_poll(qm)                   the eventfd is readable
 *   authn_timer(qm, now)             replies whose FAILDLAY is over; next due time
 */
#ifndef QUIRE_AUTHN_H
#define QUIRE_AUTHN_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "cmqc.h"

struct qm;
struct conn;

#define AUTHN_PAM_SERVICE "quire"
#define AUTHN_THREADS 4

/* The policy in force (a copy; authn_refresh). */
struct authn_policy {
	int active;                   /* CONNAUTH names a usable AUTHINFO */
	char name[MQ_AUTH_INFO_NAME_LENGTH + 1];
	MQLONG chcklocl, chckclnt;    /* MQCHK_* */
	MQLONG adoptctx;              /* MQADPCTX_* */
	MQLONG faildlay;              /* seconds */
	MQLONG method;                /* MQAUTHENTICATE_OS or _PAM */
};

/* What MQCONN was given (qm/proto.h CONN): auth is PROTO_AUTH_*; user and
 * password point into the request (password's bytes are wiped by authn_conn
 * whatever it answers). */
struct authn_cred {
	uint32_t auth;
	const char *user;
	size_t ulen;
	uint8_t *password;
	size_t plen;
};

enum { AUTHN_PASS = 0, AUTHN_REFUSE = 1, AUTHN_PARKED = 2 };

/* The loop's tag for the eventfd (daemon.c). */
extern char authn_tag;

/* Take the policy from the queue manager's CONNAUTH and its AUTHINFO.  0; or
 * -1 with err saying why (CONNAUTH names no AUTHINFO, or one not IDPWOS):
 * then every connection that the policy would check is refused (2035), as MQ
 * refuses them when its CONNAUTH is wrong, and blank CONNAUTH turns checks off. */
int authn_refresh(struct qm *qm, char *err, size_t n);
const struct authn_policy *authn_policy(const struct qm *qm);
int authn_conn(struct qm *qm, struct conn *c, const struct authn_cred *cred);
void authn_poll(struct qm *qm);
int64_t authn_timer(struct qm *qm, int64_t now_ms);
/* Whether user (a local uid, or a name for a client) is an administrator:
 * root, the queue manager's owner, a member of group mqm. */
int authn_is_admin_uid(const struct qm *qm, uid_t uid);
int authn_is_admin_name(const struct qm *qm, const char *user);
/* The end of the queue manager: jobs still queued are dropped (their
 * passwords wiped); the workers end. */
void authn_shutdown(struct qm *qm);
/* MQSC's REFRESH SECURITY (struct mqsc_runtime refresh_security; arg is the
 * qm): TYPE(CONNAUTH) is authn_refresh, AMQ7925E in msg when it fails;
 * AUTHSERV and SSL have nothing cached here (the authority manager and TLS,
 * when they come, hold their own and take this call over). */
int authn_rt_refresh(void *arg, int32_t sectype, char *msg, size_t n);

/* mqiserv.c: finish a parked MQCONN (rc MQRC_NONE: connect; else refuse). */
void mqi_conn_finish(struct qm *qm, struct conn *c, MQLONG rc);

#endif
