/*
 * mqiserv_inq.c: MQINQ and MQSET.
 *
 * Attributes come from the object's definition by their MQIA_/MQCA_ id
 * (objects/objdef.h), plus the ones that are state, not definition:
 * MQIA_CURRENT_Q_DEPTH, MQIA_OPEN_INPUT_COUNT, MQIA_OPEN_OUTPUT_COUNT (local
 * queues), MQIA_Q_TYPE (queues), MQIA_SYNCPOINT and MQIA_DIST_LISTS (queue
 * manager).  MQINQ semantics (reference/mqi-facts.md): integers go into
 * IntAttrs in selector order, character values are concatenated into
 * CharAttrs at their full MQ length, blank padded.  A selector valid for
 * another object type gives warning 2068 (MQIAV_NOT_APPLICABLE, or asterisks
 * for a character attribute); too few IntAttrs gives warning 2022 and too
 * short a CharAttrs warning 2008 (only whole attributes returned).  An id no
 * object type has is MQRC_SELECTOR_ERROR (2067).
 *
 * MQSET changes only what MQ lets it (OBJDEF_F_MQSET: INHIBIT_GET,
 * INHIBIT_PUT, TRIGGER_CONTROL, TRIGGER_TYPE, TRIGGER_DEPTH,
 * TRIGGER_MSG_PRIORITY, TRIGGER_DATA), all or nothing; a value out of range
 * gets that attribute's reason (2020, 2075-2078).  For a queue in the catalog the new
 * definition is logged (OBJ_ALTER, the whole definition) and the reply waits
 * until that record is durable (WAL rule 2); the queue file takes the new
 * definition at the next checkpoint.  Parked MQGETs of a queue whose gets
 * were inhibited fail with 2016 at once.
 */
#include "qm/server/mqiserv.h"

#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "log/qmerr.h"

#define MAX_SELECTORS 256

/* Length of a character attribute for MQINQ, 0 if none has that id. */
static size_t char_len(int32_t id)
{
	for (int t = 1; t < OBJDEF_NTYPES; t++) {
		const struct objdef_attr *a = objdef_attr_by_id(t, id);
		if (a)
			return (size_t)a->max;
	}
	return 0;
}

/* Is id an attribute of any object type (including the state ones)? */
static int known_int(int32_t id)
{
	if (id == MQIA_CURRENT_Q_DEPTH || id == MQIA_OPEN_INPUT_COUNT || id == MQIA_OPEN_OUTPUT_COUNT ||
	    id == MQIA_Q_TYPE || id == MQIA_SYNCPOINT || id == MQIA_DIST_LISTS)
		return 1;
	for (int t = 1; t < OBJDEF_NTYPES; t++)
		if (objdef_attr_by_id(t, id))
			return 1;
	return 0;
}

/* An integer attribute of the opened object: 1 found, 0 not for this type. */
static int get_int(struct qm *qm, struct hobj *h, int32_t id, MQLONG *v)
{
	if (h->is_qmgr) {
		if (id == MQIA_SYNCPOINT) {
			*v = MQSP_AVAILABLE;
			return 1;
		}
		if (id == MQIA_DIST_LISTS) {
			*v = MQDL_NOT_SUPPORTED;
			return 1;
		}
		int32_t x;
		if (objdef_get_int(&qm->os.qmgr, id, &x) == QM_OK) {
			*v = x;
			return 1;
		}
		return 0;
	}
	const struct objdef *d = &h->obj->def;
	if (id == MQIA_Q_TYPE && objdef_is_queue(d->type)) {
		*v = objdef_qtype(d->type);
		return 1;
	}
	if (d->type == OBJDEF_QLOCAL) {
		struct qobj *o = h->obj;
		if (id == MQIA_CURRENT_Q_DEPTH) {
			*v = (MQLONG)o->q->depth;
			return 1;
		}
		if (id == MQIA_OPEN_INPUT_COUNT) {
			*v = (MQLONG)o->n_input;
			return 1;
		}
		if (id == MQIA_OPEN_OUTPUT_COUNT) {
			*v = (MQLONG)o->n_output;
			return 1;
		}
		if (id == MQIA_DIST_LISTS) {
			*v = MQDL_NOT_SUPPORTED;
			return 1;
		}
	}
	int32_t x;
	if (objdef_get_int(d, id, &x) == QM_OK) {
		*v = x;
		return 1;
	}
	return 0;
}

static int get_chars(struct qm *qm, struct hobj *h, int32_t id, char *out, size_t n)
{
	const struct objdef *d = h->is_qmgr ? &qm->os.qmgr : &h->obj->def;
	return objdef_get_chars(d, id, out, n) == QM_OK;
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
	for (uint32_t i = 0; !rc && i < nsel; i++) {
		if (sel[i] >= MQIA_FIRST && sel[i] <= MQIA_LAST) {
			if (!known_int(sel[i]))
				rc = MQRC_SELECTOR_ERROR;
		} else if (sel[i] >= MQCA_FIRST && sel[i] <= MQCA_LAST) {
			if (!char_len(sel[i]))
				rc = MQRC_SELECTOR_ERROR;
		} else {
			rc = MQRC_SELECTOR_ERROR;
		}
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
			MQLONG v;
			if (!get_int(qm, h, sel[i], &v)) {
				v = MQIAV_NOT_APPLICABLE;
				not_for_type = 1;
			}
			if (ni < nint)
				ints[ni++] = v;
			else
				ints_short = 1;
		} else {
			size_t l = char_len(sel[i]);
			char buf[1024];
			if (!get_chars(qm, h, sel[i], buf, sizeof buf)) {
				memset(buf, '*', l);
				not_for_type = 1;
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
	struct objdef nd;
	if (!rc)
		nd = h->is_qmgr ? qm->os.qmgr : h->obj->def;
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
