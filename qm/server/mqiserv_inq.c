/*
 * mqiserv_inq.c: MQINQ and MQSET.
 *
 * Attributes come from the object's definition by their MQIA_/MQCA_ id
 * (objects/objdef.h: every selector MQ's MQINQ lists for distributed
 * platforms for the queue manager, local, alias and model queues and process
 * definitions, those of features Quire does not have as constants, VERSION
 * included), plus the ones that are state, not definition:
 * MQIA_CURRENT_Q_DEPTH, MQIA_OPEN_INPUT_COUNT, MQIA_OPEN_OUTPUT_COUNT (local
 * queues), MQIA_Q_TYPE (queues), MQIA_SYNCPOINT (queue manager).  Not
 * served: MQIA_MSG_MARK_BROWSE_INTERVAL (browse marks are another branch's),
 * MQCA_INSTALLATION_NAME/PATH/DESC (Quire has no installations), z/OS-only
 * selectors (2067).  MQINQ semantics (reference/mqi-facts.md, MQ's MQINQ):
 * integers go into IntAttrs in selector order, character values are
 * concatenated into CharAttrs at their full MQ length, blank padded.  A
 * selector must be the object's (MQRC_SELECTOR_ERROR 2067, the call fails),
 * except that a queue selector of another queue type (remote queues'
 * included) on a queue is warning 2068, its value MQIAV_NOT_APPLICABLE or
 * asterisks; too few IntAttrs gives warning 2022 and too short a CharAttrs
 * warning 2008 (only whole attributes returned), 2068 first, then 2022, then
 * 2008.
 *
 * MQSET changes only what MQ lets it (OBJDEF_F_MQSET: INHIBIT_GET,
 * INHIBIT_PUT, TRIGGER_CONTROL, TRIGGER_TYPE, TRIGGER_DEPTH,
 * TRIGGER_MSG_PRIORITY, TRIGGER_DATA), all or nothing; a value out of range
 * gets that attribute's reason (2020, 2075-2078).  MQIA_DIST_LISTS, which
 * MQ's MQSET may change, is a constant here (no distribution lists): 2067.
 * For a queue in the catalog the new definition is logged (OBJ_ALTER, the
 * whole definition) and the reply waits
 * until that record is durable (WAL rule 2); the queue file takes the new
 * definition at the next checkpoint.  Parked MQGETs of a queue whose gets
 * were inhibited fail with 2016 at once.
 */
#include "qm/server/mqiserv.h"

#include <stdlib.h>
#include <string.h>

#include "cmqcfc.h"
#include "log/log.h"
#include "log/qmerr.h"

#define MAX_SELECTORS 256

/* Selectors MQ defines only for queue types Quire has none of (remote
 * queues): on any queue they are 2068, never 2067. */
static const struct {
	int32_t id;
	size_t len;
} other_qtype[] = {
	{ MQCA_REMOTE_Q_NAME, MQ_Q_NAME_LENGTH },
	{ MQCA_REMOTE_Q_MGR_NAME, MQ_Q_MGR_NAME_LENGTH },
	{ MQCA_XMIT_Q_NAME, MQ_Q_NAME_LENGTH },
};
#define N_OTHER_QTYPE (sizeof other_qtype / sizeof other_qtype[0])

/* Length of a character attribute for MQINQ, 0 if none has that id. */
static size_t char_len(int32_t id)
{
	for (int t = 1; t < OBJDEF_NTYPES; t++) {
		const struct objdef_attr *a = objdef_attr_by_id(t, id);
		if (a)
			return (size_t)a->max;
	}
	for (size_t i = 0; i < N_OTHER_QTYPE; i++)
		if (other_qtype[i].id == id)
			return other_qtype[i].len;
	return 0;
}

/* Is id an attribute of an object of this type (objdef type), its
 * definition's or its state's? */
static int sel_of_type(int type, int32_t id)
{
	if (objdef_attr_by_id(type, id))
		return 1;
	switch (id) {
	case MQIA_CURRENT_Q_DEPTH:
	case MQIA_OPEN_INPUT_COUNT:
	case MQIA_OPEN_OUTPUT_COUNT: return type == OBJDEF_QLOCAL;
	case MQIA_Q_TYPE: return objdef_is_queue(type);
	case MQIA_SYNCPOINT: return type == OBJDEF_QMGR;
	default: return 0;
	}
}

/* MQ's rule for a selector on an object of this type: 0 it is the object's,
 * MQRC_SELECTOR_NOT_FOR_TYPE a queue selector of another queue type (a
 * warning, the value not applicable), MQRC_SELECTOR_ERROR anything else
 * (the call fails): a selector of another kind of object, or of none. */
static MQLONG sel_check(int type, int32_t id)
{
	if (sel_of_type(type, id))
		return MQRC_NONE;
	if (!objdef_is_queue(type))
		return MQRC_SELECTOR_ERROR;
	for (int t = OBJDEF_QLOCAL; t <= OBJDEF_QMODEL; t++)
		if (sel_of_type(t, id))
			return MQRC_SELECTOR_NOT_FOR_TYPE;
	for (size_t i = 0; i < N_OTHER_QTYPE; i++)
		if (other_qtype[i].id == id)
			return MQRC_SELECTOR_NOT_FOR_TYPE;
	return MQRC_SELECTOR_ERROR;
}

/* An integer attribute of the opened object (a selector sel_check found
 * its own). */
static MQLONG get_int(struct qm *qm, struct hobj *h, int32_t id)
{
	if (h->is_qmgr) {
		if (id == MQIA_SYNCPOINT)
			return MQSP_AVAILABLE;
		int32_t x = MQIAV_NOT_APPLICABLE;
		objdef_get_int(&qm->os.qmgr, id, &x);
		return x;
	}
	const struct objdef *d = &h->obj->def;
	const struct qobj *o = h->obj;
	switch (id) {
	case MQIA_Q_TYPE: return objdef_qtype(d->type);
	case MQIA_CURRENT_Q_DEPTH: return (MQLONG)o->q->depth;
	case MQIA_OPEN_INPUT_COUNT: return (MQLONG)o->n_input;
	case MQIA_OPEN_OUTPUT_COUNT: return (MQLONG)o->n_output;
	default: break;
	}
	int32_t x = MQIAV_NOT_APPLICABLE;
	objdef_get_int(d, id, &x);
	return x;
}

static void get_chars(struct qm *qm, struct hobj *h, int32_t id, char *out, size_t n)
{
	const struct objdef *d = h->is_qmgr ? &qm->os.qmgr : &h->obj->def;
	objdef_get_chars(d, id, out, n);
}

/* MQSET: the reason for a value the attribute id does not take. */
static MQLONG set_value_reason(MQLONG id)
{
	switch (id) {
	case MQIA_INHIBIT_GET:
	case MQIA_INHIBIT_PUT: return MQRC_INHIBIT_VALUE_ERROR;
	case MQIA_TRIGGER_CONTROL: return MQRC_TRIGGER_CONTROL_ERROR;
	case MQIA_TRIGGER_DEPTH: return MQRC_TRIGGER_DEPTH_ERROR;
	case MQIA_TRIGGER_MSG_PRIORITY: return MQRC_TRIGGER_MSG_PRIORITY_ERR;
	case MQIA_TRIGGER_TYPE: return MQRC_TRIGGER_TYPE_ERROR;
	default: return MQRC_SELECTOR_ERROR;
	}
}

/* The part MQINQ and MQSET requests share: the handle, the counts and the
 * selectors.  -1 when the frame is malformed (the connection is dropped). */
struct attr_req {
	MQHOBJ hobj;
	uint32_t nsel, nint, charlen;
	MQLONG sel[MAX_SELECTORS];
};

static int attr_req_read(struct rd *d, struct attr_req *q, uint32_t max_charlen)
{
	q->hobj = (MQHOBJ)rd_u32(d);
	q->nsel = rd_u32(d);
	q->nint = rd_u32(d);
	q->charlen = rd_u32(d);
	if (d->bad || q->nsel > MAX_SELECTORS || q->nint > MAX_SELECTORS || q->charlen > max_charlen)
		return -1;
	for (uint32_t i = 0; i < q->nsel; i++)
		q->sel[i] = rd_i32(d);
	return d->bad ? -1 : 0;
}

/* The handle of an MQINQ (opt MQOO_INQUIRE) or MQSET (MQOO_SET): 0 with *h,
 * or the reason. */
static MQLONG attr_handle(struct conn *c, MQHOBJ hobj, MQLONG opt, MQLONG not_open, struct hobj **h)
{
	*h = mqi_hobj(c, hobj);
	if (!*h)
		return MQRC_HOBJ_ERROR;
	if (!((*h)->options & opt))
		return not_open;
	if (!(*h)->is_qmgr && !(*h)->obj)
		return MQRC_Q_DELETED;
	return MQRC_NONE;
}

void mqi_inq(struct qm *qm, struct conn *c, struct rd *d)
{
	struct attr_req q;
	/* charlen is the caller's CharAttrLength: only a bound on what the
	 * reply may hold (below), so any value is valid, however large */
	if (attr_req_read(d, &q, UINT32_MAX)) {
		conn_fail(qm, c);
		return;
	}
	uint32_t nsel = q.nsel, nint = q.nint, charlen = q.charlen;
	const MQLONG *sel = q.sel;
	struct hobj *h;
	MQLONG rc = attr_handle(c, q.hobj, MQOO_INQUIRE, MQRC_NOT_OPEN_FOR_INQUIRE, &h);
	int type = rc ? 0 : h->is_qmgr ? OBJDEF_QMGR : h->obj->def.type;
	MQLONG why[MAX_SELECTORS];
	for (uint32_t i = 0; !rc && i < nsel; i++) {
		if ((sel[i] < MQIA_FIRST || sel[i] > MQIA_LAST) && (sel[i] < MQCA_FIRST || sel[i] > MQCA_LAST))
			rc = MQRC_SELECTOR_ERROR;
		else if ((why[i] = sel_check(type, sel[i])) == MQRC_SELECTOR_ERROR)
			rc = MQRC_SELECTOR_ERROR;
	}
	if (rc) {
		conn_reply_codes(qm, c, MQCC_FAILED, rc);
		conn_done(qm, c);
		return;
	}
	/* The reply holds only the whole character attributes that fit: never
	 * more than the selectors can need, whatever CharAttrLength the request
	 * names (a 40-byte request must not make a 110 MiB reply); the rest of
	 * the caller's buffer stays as it was (MQ: space not used to hold an
	 * attribute is unchanged). */
	size_t need = 0;
	for (uint32_t i = 0; i < nsel; i++)
		if (sel[i] > MQIA_LAST)
			need += char_len(sel[i]);
	MQLONG ints[MAX_SELECTORS];
	char *chars = malloc((need < charlen ? need : charlen) + 1);
	if (!chars) {
		conn_reply_codes(qm, c, MQCC_FAILED, MQRC_STORAGE_NOT_AVAILABLE);
		conn_done(qm, c);
		return;
	}
	memset(ints, 0, sizeof ints);
	uint32_t ni = 0;
	size_t nc = 0;
	int not_for_type = 0, ints_short = 0, chars_short = 0;
	for (uint32_t i = 0; i < nsel; i++) {
		if (sel[i] <= MQIA_LAST) {
			MQLONG v = MQIAV_NOT_APPLICABLE;
			if (why[i])
				not_for_type = 1;
			else
				v = get_int(qm, h, sel[i]);
			if (ni < nint)
				ints[ni++] = v;
			else
				ints_short = 1;
		} else {
			size_t l = char_len(sel[i]);
			char buf[1024];
			if (why[i]) {
				memset(buf, '*', l);
				not_for_type = 1;
			} else {
				get_chars(qm, h, sel[i], buf, sizeof buf);
			}
			if (!chars_short && nc + l <= charlen) {
				memcpy(chars + nc, buf, l);
				nc += l;
			} else {
				chars_short = 1;
			}
		}
	}
	MQLONG cc = MQCC_OK;
	if (not_for_type)
		rc = MQRC_SELECTOR_NOT_FOR_TYPE;
	else if (ints_short)
		rc = MQRC_INT_ATTR_COUNT_TOO_SMALL;
	else if (chars_short)
		rc = MQRC_CHAR_ATTRS_TOO_SHORT;
	if (rc)
		cc = MQCC_WARNING;
	struct rep r;
	rep_start(&r, PROTO_INQ, c->req_id, cc, rc);
	for (uint32_t i = 0; i < nint; i++)
		rep_i32(&r, ints[i]);
	rep_bytes(&r, chars, nc);
	free(chars);
	if (dur_reply_defs(qm, c, &r))   /* no value a crash could take back */
		conn_fail(qm, c);
}

void mqi_set(struct qm *qm, struct conn *c, struct rd *d)
{
	struct attr_req q;
	MQLONG ints[MAX_SELECTORS];
	if (attr_req_read(d, &q, PROTO_MAX_BODY)) {
		conn_fail(qm, c);
		return;
	}
	uint32_t nsel = q.nsel, nint = q.nint, charlen = q.charlen;
	const MQLONG *sel = q.sel;
	for (uint32_t i = 0; i < nint; i++)
		ints[i] = rd_i32(d);
	const char *chars = (const char *)rd_ptr(d, charlen);
	if (d->bad) {
		conn_fail(qm, c);
		return;
	}
	struct hobj *h;
	MQLONG rc = attr_handle(c, q.hobj, MQOO_SET, MQRC_NOT_OPEN_FOR_SET, &h);
	struct objdef nd, before;
	if (!rc)
		nd = before = h->is_qmgr ? qm->os.qmgr : h->obj->def;
	uint32_t nints_used = 0;
	size_t nc = 0;
	for (uint32_t i = 0; !rc && i < nsel; i++) {
		const struct objdef_attr *a = objdef_attr_by_id(nd.type, sel[i]);
		int is_int = sel[i] >= MQIA_FIRST && sel[i] <= MQIA_LAST;
		int is_char = sel[i] >= MQCA_FIRST && sel[i] <= MQCA_LAST;
		if (!is_int && !is_char) {
			rc = MQRC_SELECTOR_ERROR;
			break;
		}
		if (is_int && nints_used >= nint) {
			rc = MQRC_INT_ATTR_COUNT_ERROR;
			break;
		}
		if (is_char && (!a || nc + (size_t)a->max > charlen)) {
			rc = a ? MQRC_CHAR_ATTR_LENGTH_ERROR : MQRC_SELECTOR_ERROR;
			break;
		}
		if (!a || !(a->flags & OBJDEF_F_MQSET)) {
			rc = MQRC_SELECTOR_ERROR;   /* not an attribute MQSET may change here */
			break;
		}
		if (is_int) {
			MQLONG v = ints[nints_used++];
			if (objdef_set_int(&nd, sel[i], v, NULL, 0) != QM_OK)
				rc = set_value_reason(sel[i]);
		} else {
			if (objdef_set_str(&nd, sel[i], chars + nc, (size_t)a->max, NULL, 0) != QM_OK)
				rc = MQRC_CHAR_ATTRS_ERROR;
			nc += (size_t)a->max;
		}
	}
	if (rc) {
		conn_reply_codes(qm, c, MQCC_FAILED, rc);
		conn_done(qm, c);
		return;
	}
	if (nsel == 0) {
		conn_reply_codes(qm, c, MQCC_OK, MQRC_NONE);
		conn_done(qm, c);
		return;
	}
	uint64_t lsn = 0;
	struct qobj *o = h->is_qmgr ? NULL : h->obj;
	if (o && !o->temp) {
		uint8_t buf[OBJDEF_ENC_MAX];
		size_t len;
		int erc = objdef_encode(&nd, buf, sizeof buf, &len);
		if (!erc)   /* WAL rule 1: the new definition is logged first */
			erc = dur_append(qm, LOG_REC_OBJ_ALTER, 0, nd.name, buf, len, 0, &lsn, &lsn);
		if (erc) {
			conn_reply_codes(qm, c, MQCC_FAILED, mqi_log_reason(erc));
			conn_done(qm, c);
			return;
		}
		o->def_dirty = 1;
		dur_defs_changed(qm, lsn);
	}
	if (o)
		o->def = nd;
	else
		qm->os.qmgr = nd;
	if (o && h->base && h->base->q) {
		/* parked gets re-check the queue: inhibited ones fail with 2016 */
		mqi_wake_hook(h->base->q, qm);
		mqi_service_woken(qm);
	}
	if (o && o->q)
		trig_altered(qm, o);   /* TRIGGER set on with the conditions met (trigger.c) */
	/* the configuration event (cfgev.c), put after the change's record, as
	 * every put: its own durability is the put's */
	struct evorigin og = { MQEVO_MQSET, c->user, NULL };
	cfgev_object(qm, &og, MQRC_CONFIG_CHANGE_OBJECT, &before, &nd);
	if (lsn) {
		struct rep r;
		rep_start(&r, PROTO_SET, c->req_id, MQCC_OK, MQRC_NONE);
		if (dur_park(qm, c, lsn, PA_NONE, &r, NULL))   /* WAL rule 2 */
			conn_fail(qm, c);
		return;
	}
	conn_reply_codes(qm, c, MQCC_OK, MQRC_NONE);
	conn_done(qm, c);
}
