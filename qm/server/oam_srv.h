/*
 * oam_srv.h: the object authority manager on the running queue manager
 * (issue 15): who is an administrator, the checks the verbs make, and the
 * authority records kept on SYSTEM.AUTH.DATA.QUEUE (oam_srv.c says how).
 *
 * Calling sequence:
 *   if ((rc = oam_check(qm, c, MQOT_Q, name, MQZAO_OUTPUT, alt, MQRQ_OPEN_NOT_AUTHORIZED)))
 *           return rc;                     2035: refused, logged (AMQ8077W), event made
 *   oam_conn_admin(qm, c)                  an administrator: every authority, always
 *   oam_write(qm, &rec, remove)            SET/DELETE AUTHREC: durable before it returns
 */
#ifndef QUIRE_OAM_SRV_H
#define QUIRE_OAM_SRV_H

#include <stdint.h>
#include <sys/types.h>

#include "cmqc.h"

struct qm;
struct conn;
struct oam;
struct oam_rec;

#define OAM_QUEUE "SYSTEM.AUTH.DATA.QUEUE"
#define OAM_ADMIN_GROUP "mqm"

/* The table, its records read from the queue at the first use after a
 * start (NULL when the queue cannot be read: every check of a user who is
 * not an administrator then fails). */
struct oam *oam_table(struct qm *qm);
/* The administrators' group: mqm (a test build may name another in
 * QUIRE_TEST_MQM_GROUP). */
const char *oam_admin_group(void);
/* Is the user (uid: (uid_t)-1 when known by name only) an administrator:
 * root, the queue manager's own user, or a member of group mqm? */
int oam_is_admin(struct qm *qm, uid_t uid, const char *user);
int oam_conn_admin(struct qm *qm, const struct conn *c);
/* The authority the principal user has on (objtype, name) (administrators: all). */
uint32_t oam_user_auth(struct qm *qm, uid_t uid, const char *user, int32_t objtype, const char *name);
/* Does c (or, alt non-empty, the alternate user alt) have every authority in
 * need on (objtype, name)?  MQRC_NONE, or MQRC_NOT_AUTHORIZED after the
 * error log's AMQ8077W and, with AUTHOREV(ENABLED), the Not Authorized
 * event of the qualifier (MQRQ_*_NOT_AUTHORIZED). */
MQLONG oam_check(struct qm *qm, struct conn *c, int32_t objtype, const char *name, uint32_t need, const char *alt,
		 MQLONG qualifier);
/* The call about to be checked: its options (MQOO_*, MQSO_*), topic string
 * and destination queue (NULL: none) and, for a command, its MQCMD_*; they go
 * into the Not Authorized event if it is refused. */
void oam_call(MQLONG options, const char *topic, const char *dest, MQLONG command);
/* A Not Authorized event (with AUTHOREV(ENABLED)) of qualifier for who on
 * (objtype, name): layouts at the top of oam_srv.c. */
void oam_event(struct qm *qm, const struct conn *c, const char *who, int32_t objtype, const char *name,
	       MQLONG qualifier);
/* The queue manager opens on an application's behalf what it has already
 * authorized (a subscription's managed queue, a resumed subscription's
 * destination): between oam_trust(1) and oam_trust(0) oam_check passes. */
void oam_trust(int on);
/* Set (remove 0) or delete (remove 1) the record with r's key, durably;
 * MQRC_NONE, or the reason it was not done (nothing changed). */
MQLONG oam_write(struct qm *qm, const struct oam_rec *r, int remove);
/* dmpmqcfg's authority records whose profile matches pat ("*", "APP*" or
 * a name), sorted, added to out as SET AUTHREC commands or (setmqaut) as
 * setmqaut commands; *objects counts them.  0, or -1 out of memory or the
 * records cannot be read. */
struct mqsc_out;
int oam_dump(struct qm *qm, const char *pat, int setmqaut, struct mqsc_out *out, uint32_t *objects);
/* REFRESH SECURITY: group membership read again at the next check. */
void oam_refresh(struct qm *qm);
void oam_free_all(struct qm *qm);

#endif
