/*
 * channel_auth.c: who a client connection acts as (channel.h, the
 * authentication hooks).  The connauth part (CONNAUTH, AUTHINFO IDPWOS) fills
 * in chl_auth_conn (with authn.c); the chlauth part (CHLAUTH rules,
 * qm/server/chlauth_srv.c) is chl_auth_accept (BLOCKADDR, at accept) and
 * chl_auth_open (at CHLOPEN: chl_srv_check with the channel, the peer's
 * address, the client's OS user from CHLOPEN as CLNTUSER, the certificate's
 * DN and the channel's MCAUSER; blocked: 2035).  A client then acts as:
 *   - the MCAUSER of a USERSRC(MAP) record that applied;
 *   - else a channel with an MCAUSER runs as that user;
 *   - else the user the client asserts, its OS user (the CHLOPEN hint).
 * CHLAUTH(DISABLED) on the queue manager: no record counts.  MQCSP's user
 * and password are not looked at here: without CONNAUTH MQ ignores them, and
 * adopting an unchecked MQCSP user would let a client be anyone it names
 * (CONNAUTH's ADOPTCTX(YES) adopts a checked one, authn.c).
 * Either way c->user (MQ_USER_ID_LENGTH characters at most, as a local
 * connection's) is the principal the authority manager checks and the
 * UserIdentifier of its messages.
 */
#include "qm/server/channel.h"

#include <stdio.h>
#include <string.h>

#include "qm/qmrun.h"
#include "qm/server/chlauth_srv.h"
#include "qm/server/conn.h"

int chl_auth_accept(struct qm *qm, const char *address)
{
	struct chl_input in = { .address = address };
	struct chl_result r;
	return chl_srv_check(qm, &in, &r) != CHL_ALLOWED;
}

MQLONG chl_auth_open(struct qm *qm, struct conn *c, const struct chl_attrs *a)
{
	struct chl_input in = { .channel = c->channel, .address = c->conname, .clntuser = c->cliuser,
				.sslpeer = c->sslpeer[0] ? c->sslpeer : NULL, .chl_mcauser = a->mcauser };
	struct chl_result r;
	if (chl_srv_check(qm, &in, &r) != CHL_ALLOWED)
		return MQRC_NOT_AUTHORIZED;   /* said in the error log (AMQ9776E, AMQ9777E) */
	snprintf(c->user, sizeof c->user, "%s", r.mcauser);
	c->chl_chckclnt = r.chckclnt;
	snprintf(c->chl_mapuser, sizeof c->chl_mapuser, "%s", r.mapped ? r.mcauser : "");
	return MQRC_NONE;
}

MQLONG chl_auth_adopted(struct qm *qm, struct conn *c)
{
	struct chl_input in = { .channel = c->channel, .address = c->conname, .clntuser = c->user,
				.sslpeer = c->sslpeer[0] ? c->sslpeer : NULL, .chl_mcauser = c->user };
	struct chl_result r;
	return chl_srv_check(qm, &in, &r) != CHL_ALLOWED ? MQRC_NOT_AUTHORIZED : MQRC_NONE;
}

MQLONG chl_auth_conn(struct qm *qm, struct conn *c, const struct chl_attrs *a, const char *user,
		     const char *password)
{
	(void)qm;
	(void)c;
	(void)a;
	(void)user;
	(void)password;
	return MQRC_NONE;
}
