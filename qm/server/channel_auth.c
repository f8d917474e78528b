/*
 * channel_auth.c: who a client connection acts as (channel.h, the
 * authentication hooks).  The connauth part (CONNAUTH, AUTHINFO IDPWOS) fills
 * in chl_auth_conn and the chlauth part (CHLAUTH rules) chl_auth_open; until
 * then a client acts as MQ's would with neither:
 *   - a channel with an MCAUSER runs as that user;
 *   - a blank MCAUSER: the user the client asserts, its OS user (the CHLOPEN
 *     hint).  MQCSP's user and password are not looked at: without CONNAUTH
 *     MQ ignores them (a local application's are ignored too), and adopting
 *     an unchecked MQCSP user would let a client be anyone it names.
 * Either way c->user (MQ_USER_ID_LENGTH characters at most, as a local
 * connection's) is the principal the authority manager checks and the
 * UserIdentifier of its messages.
 */
#include "qm/server/channel.h"

#include <stdio.h>
#include <string.h>

#include "qm/qmrun.h"
#include "qm/server/conn.h"

MQLONG chl_auth_open(struct qm *qm, struct conn *c, const struct chl_attrs *a)
{
	(void)qm;
	if (a->mcauser[0])
		snprintf(c->user, sizeof c->user, "%s", a->mcauser);
	else
		snprintf(c->user, sizeof c->user, "%s", c->cliuser);
	return MQRC_NONE;
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
