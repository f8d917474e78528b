/*
 * admincfg.c: dmpmqcfg's requests (PROTO_ADMIN_DUMPCFG, body in qm/proto.h):
 * one page of the dump of the definitions, built by qm/admin/dumpcfg.c from
 * the object store and the running queues' definitions, answered at once.
 * Only administrators may ask (2035 to others: mqi_admin_refused).
 */
#include "qm/server/mqiserv.h"
#include "qm/server/pubsub.h"
#include "qm/server/oam_srv.h"
#include "qm/server/chlauth_srv.h"

#include <string.h>

#include "log/qmerr.h"
#include "qm/admin/dumpcfg.h"

/* The definition a queue runs with: MQSET changes it before its file. */
static const struct objdef *live_def(void *arg, int type, const char *name)
{
	struct qobj *o = qm_ofind(arg, type, name);
	return o && !o->temp && !o->deleted && o->def.type == type ? &o->def : NULL;
}

/* A name field of the request: at most 48 bytes, no NUL. */
static int name_field(struct rd *d, char *out, size_t size)
{
	uint32_t n = rd_u32(d);
	const uint8_t *p = rd_ptr(d, n);
	if (d->bad || n >= size || (n && memchr(p, 0, n)))
		return -1;
	if (n)
		memcpy(out, p, n);
	out[n] = 0;
	return 0;
}

void mqi_admin_dumpcfg(struct qm *qm, struct conn *c, struct rd *d)
{
	struct dumpcfg_req req;
	memset(&req, 0, sizeof req);
	req.flags = rd_u32(d);
	req.types = rd_u32(d);
	req.page_max = rd_u32(d);
	req.cursor.group = rd_u32(d);
	if (name_field(d, req.cursor.name, sizeof req.cursor.name) || name_field(d, req.name, sizeof req.name) ||
	    !req.name[0] || (req.flags & ~(DUMPCFG_F_ALL | DUMPCFG_F_1LINE | DUMPCFG_F_SETMQAUT)) || req.cursor.group > DUMPCFG_G_DEFAULT ||
	    d->at != d->len) {
		conn_fail(qm, c);   /* not what dmpmqcfg sends: a protocol error */
		return;
	}
	if (mqi_admin_refused(qm, c))   /* administrators only (adminrt.c) */
		return;
	c->is_admin = 1;
	struct mqsc_out out = { 0 };
	struct dumpcfg_res res;
	if (dumpcfg_page(&qm->os, &req, live_def, qm, &out, &res) != QM_OK) {
		mqsc_out_free(&out);
		conn_reply_codes(qm, c, MQCC_FAILED, MQRC_STORAGE_NOT_AVAILABLE);
		conn_done(qm, c);
		return;
	}
	if (!res.more && (req.types & DUMPCFG_T_SUB) && ps_dump_subs(qm, req.name, &out, &res.objects)) {
		mqsc_out_free(&out);   /* the durable subscriptions after the last page's objects (pubsub_admin.c) */
		conn_reply_codes(qm, c, MQCC_FAILED, MQRC_STORAGE_NOT_AVAILABLE);
		conn_done(qm, c);
		return;
	}
	if (!res.more && (req.types & DUMPCFG_T_CHLAUTH) &&
	    chl_dump(qm, req.name, !!(req.flags & DUMPCFG_F_1LINE), &out, &res.objects)) {
		mqsc_out_free(&out);   /* the channel authentication records last (chlauth_srv.c) */
		conn_reply_codes(qm, c, MQCC_FAILED, MQRC_STORAGE_NOT_AVAILABLE);
		conn_done(qm, c);
		return;
	}
	if (!res.more && (req.types & DUMPCFG_T_AUTHREC) &&
	    oam_dump(qm, req.name, (req.flags & DUMPCFG_F_SETMQAUT) != 0, &out, &res.objects)) {
		mqsc_out_free(&out);   /* the authority records last (oam_srv.c) */
		conn_reply_codes(qm, c, MQCC_FAILED, MQRC_STORAGE_NOT_AVAILABLE);
		conn_done(qm, c);
		return;
	}
	size_t m = strlen(res.next.name);
	struct rep r;
	rep_start(&r, PROTO_ADMIN_DUMPCFG, c->req_id, MQCC_OK, MQRC_NONE);
	rep_u32(&r, res.objects);
	rep_u32(&r, res.damaged);
	rep_u32(&r, (uint32_t)res.more);
	rep_u32(&r, res.next.group);
	rep_u32(&r, (uint32_t)m);
	rep_bytes(&r, res.next.name, m);
	rep_i32(&r, qm->os.qmgr.command_level);
	rep_u32(&r, (uint32_t)out.len);
	if (out.len)
		rep_bytes(&r, out.text, out.len);
	mqsc_out_free(&out);
	conn_reply(qm, c, &r);
	if (!c->dead)
		conn_done(qm, c);
}
