/*
 * chlauth_srv.h: the running queue manager's channel authentication records
 * (chlauth_srv.c keeps them on SYSTEM.CHLAUTH.DATA.QUEUE) and the check the
 * channel runtime calls for each inbound connection.
 *
 * The channel runtime (the TCP listener and PROTO_CHLOPEN):
 *   at accept:   struct chl_input in = { .address = peer };   (no channel: BLOCKADDR only)
 *                if (chl_srv_check(qm, &in, &r) != CHL_ALLOWED) close it;
 *   at CHLOPEN:  in.channel, in.clntuser (user_hint), in.sslpeer/sslcerti (TLS),
 *                in.chl_mcauser (the channel's MCAUSER); not CHL_ALLOWED: 2035;
 *                else run as r.mcauser, with r.chckclnt for CONNAUTH.
 * Blocks and WARN(YES) matches are written to the error log here (AMQ9782E,
 * AMQ9776E, AMQ9777E, AMQ8959W).  With CHLAUTH(DISABLED) every channel is
 * allowed and runs as the channel's MCAUSER or the client's user.
 */
#ifndef QUIRE_CHLAUTH_SRV_H
#define QUIRE_CHLAUTH_SRV_H

#include <stddef.h>
#include <stdint.h>

#include "qm/admin/chlauth.h"
#include "qm/admin/mqsc.h"

struct qm;

#define CHL_QUEUE "SYSTEM.CHLAUTH.DATA.QUEUE"

/* CHL_ALLOWED or the CHL_BLOCKED_* outcome (r filled; r->rule and r->map are
 * NULL on return: the records are not kept). */
int chl_srv_check(struct qm *qm, const struct chl_input *in, struct chl_result *r);

/* Every record (free with chl_set_free): 0, or -1 (out of memory, damaged queue). */
int chl_srv_records(struct qm *qm, struct chl_set *out);

/* struct mqsc_runtime's chl_list, chl_write, chl_is_admin, chl_enabled (arg: struct qm) */
int chl_rt_list(void *arg, struct chl_set *out);
int chl_rt_write(void *arg, const uint8_t (*del)[24], size_t ndel, const struct chl_set *add);
int chl_rt_is_admin(void *arg, const char *user);
int chl_rt_enabled(void *arg);

/* dmpmqcfg: SET CHLAUTH ... ACTION(REPLACE) for each record whose profile
 * the generic name pat matches: 0, or -1. */
int chl_dump(struct qm *qm, const char *pat, int oneline, struct mqsc_out *out, uint32_t *objects);

#endif
