/*
 * mqiserv_open.c: the queue objects of the running queue manager, MQOPEN and
 * MQCLOSE, and dynamic queues.
 *
 * Dynamic queues.  Opening a model queue creates a local queue from it, named
 * from MQOD.DynamicQName: "prefix*" gives the prefix followed by 16 hex
 * digits unique to this queue manager (time and a counter), a name without
 * '*' is taken as it is.  The model's DEFTYPE decides the kind:
 *   TEMPDYN  lives in memory only (never in the catalog or the log), takes
 *            no persistent messages (MQRC_PERSISTENT_NOT_ALLOWED 2048), and
 *            is deleted with its messages when the handle that created it
 *            is closed (or its connection ends);
 *   PERMDYN  is defined like any queue through objstore (OBJ_CREATE record,
 *            flushed, then its file and the catalog: this blocks the loop
 *            for one log flush) and is deleted by MQCLOSE with MQCO_DELETE
 *            (only when empty: MQRC_Q_NOT_EMPTY 2055) or MQCO_DELETE_PURGE.
 * Deleting a queue that other handles have open makes those handles fail
 * with MQRC_Q_DELETED (2052); they can still be closed.
 * MQCLOSE of a handle whose MQPMO_LOGICAL_ORDER puts left a logical message
 * or a group incomplete closes it with MQCC_WARNING 2242 or 2241
 * (mqiserv_group.c, grp_close_warning).
 */
#include "qm/server/mqiserv.h"
#include "qm/server/pubsub.h"
#include "qm/server/oam_srv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmqcfc.h"
#include "cmqzc.h"

#include "log/log.h"
#include "log/qmerr.h"
#include "objects/names.h"
#include "qm/home/msgcat.h"
#include "qm/admin/mediacmd.h"
#include "qm/admin/mqsc.h"
#include "qm/store/qmlog.h"
#include "qm/store/store.h"

/* ---- deleting a queue ---------------------------------------------------------- */

/* Delete a queue now: parked gets fail with 2052, other handles become
 * unusable (2052), messages go.  The caller has logged what must be. */
void queue_obj_delete(struct qm *qm, struct qobj *o)
{
	for (struct getwait *w = qm->waits, *nx; w; w = nx) {
		nx = w->next;
		int k = -1;
		for (unsigned i = 0; i < w->n && k < 0; i++) {
			struct hobj *h = mqi_hobj(w->c, w->e[i].hobj);
			if (h && h->base == o)
				k = (int)i;
		}
		if (k >= 0) {
			struct conn *c = w->c;
			if (!c->dead) {
				struct rep r;
				rep_start(&r, w->op, w->req_id, MQCC_FAILED, MQRC_Q_DELETED);
				if (w->op == PROTO_CBGET)
					rep_i32(&r, k);   /* the consumer whose queue went */
				conn_reply(qm, c, &r);
				if (!c->dead)
					conn_done(qm, c);
			}
			mqi_getwait_free(qm, w);
		}
	}
	for (struct conn *c = qm->conns; c; c = c->next)
		for (size_t i = 0; i < c->nh; i++) {
			struct hobj *h = c->h[i];
			if (h && (h->base == o || h->obj == o)) {
				if (h->cursor)
					queue_cursor_free(h->cursor);
				h->cursor = NULL;
				if (h->obj && h->obj != o && h->obj->nhandles)
					h->obj->nhandles--;   /* an alias of the deleted queue */
				h->obj = h->base = NULL;
			}
		}
	qm_qremove(qm, o);
	qm_qobj_destroy(qm, o);
}

/* ---- MQOPEN ------------------------------------------------------------------------ */

MQLONG mqi_check_od(const MQOD *od)
{
	if (memcmp(od->StrucId, MQOD_STRUC_ID, 4) != 0 || od->Version < MQOD_VERSION_1 || od->Version > MQOD_VERSION_4)
		return MQRC_OD_ERROR;
	return MQRC_NONE;
}

#define OO_INPUT (MQOO_INPUT_AS_Q_DEF | MQOO_INPUT_SHARED | MQOO_INPUT_EXCLUSIVE)
#define OO_CONTEXT (MQOO_PASS_IDENTITY_CONTEXT | MQOO_PASS_ALL_CONTEXT | MQOO_SET_IDENTITY_CONTEXT | \
		    MQOO_SET_ALL_CONTEXT)
#define OO_VALID (OO_INPUT | MQOO_BROWSE | MQOO_OUTPUT | MQOO_INQUIRE | MQOO_SET | MQOO_SAVE_ALL_CONTEXT | \
		  OO_CONTEXT | MQOO_ALTERNATE_USER_AUTHORITY | MQOO_FAIL_IF_QUIESCING | MQOO_BIND_ON_OPEN | \
		  MQOO_BIND_NOT_FIXED | MQOO_RESOLVE_NAMES | MQOO_CO_OP | MQOO_RESOLVE_LOCAL_Q | MQOO_NO_READ_AHEAD | \
		  MQOO_READ_AHEAD | MQOO_NO_MULTICAST | MQOO_BIND_ON_GROUP)

static MQLONG check_options(MQLONG o)
{
	if (o & ~(MQLONG)OO_VALID)
		return MQRC_OPTIONS_ERROR;
	MQLONG in = o & OO_INPUT;
	if (in & (in - 1))
		return MQRC_OPTIONS_ERROR;   /* more than one input option */
	if (!(o & (OO_INPUT | MQOO_BROWSE | MQOO_OUTPUT | MQOO_INQUIRE | MQOO_SET)))
		return MQRC_OPTIONS_ERROR;
	if ((o & MQOO_SAVE_ALL_CONTEXT) && !in)
		return MQRC_OPTIONS_ERROR;
	if ((o & OO_CONTEXT) && !(o & MQOO_OUTPUT))
		return MQRC_OPTIONS_ERROR;
	MQLONG ctx = o & OO_CONTEXT;
	if (ctx & (ctx - 1))
		return MQRC_OPTIONS_ERROR;
	if ((o & MQOO_READ_AHEAD) && (o & MQOO_NO_READ_AHEAD))
		return MQRC_OPTIONS_ERROR;
	MQLONG bind = o & (MQOO_BIND_ON_OPEN | MQOO_BIND_NOT_FIXED | MQOO_BIND_ON_GROUP);
	if (bind & (bind - 1))
		return MQRC_OPTIONS_ERROR;
	return MQRC_NONE;
}

/*
 * The authorities an MQOPEN needs (MQ's rules; qm/server/oam_srv.c decides):
 * MQOO_INPUT_* get, MQOO_BROWSE browse, MQOO_OUTPUT put, MQOO_INQUIRE inq,
 * MQOO_SET set, MQOO_PASS_IDENTITY_CONTEXT passid, MQOO_PASS_ALL_CONTEXT
 * passall, MQOO_SET_IDENTITY_CONTEXT setid, MQOO_SET_ALL_CONTEXT setall
 * (MQPUT1 maps its MQPMO_ context options onto these and comes through here
 * too), on the object named: an alias queue is checked on the alias (not its
 * base), a model queue on the model (the dynamic queue made from it needs
 * nothing more of its creator), a topic on its topic objects (pubsub.c).
 * With MQOO_ALTERNATE_USER_AUTHORITY the connection's user needs altusr on
 * the queue manager and the alternate user (MQOD.AlternateUserId) the rest.
 * SYSTEM.ADMIN.COMMAND.QUEUE is a queue like any other: only those given put
 * on it (and administrators) may send the command server commands, which it
 * checks against the authority of the message's UserIdentifier (adminrt.c).
 */
uint32_t mqi_open_need(MQLONG o)
{
	uint32_t need = 0;
	if (o & OO_INPUT)
		need |= MQZAO_INPUT;
	if (o & MQOO_BROWSE)
		need |= MQZAO_BROWSE;
	if (o & MQOO_OUTPUT)
		need |= MQZAO_OUTPUT;
	if (o & MQOO_INQUIRE)
		need |= MQZAO_INQUIRE;
	if (o & MQOO_SET)
		need |= MQZAO_SET;
	if (o & MQOO_PASS_IDENTITY_CONTEXT)
		need |= MQZAO_PASS_IDENTITY_CONTEXT;
	if (o & MQOO_PASS_ALL_CONTEXT)
		need |= MQZAO_PASS_ALL_CONTEXT;
	if (o & MQOO_SET_IDENTITY_CONTEXT)
		need |= MQZAO_SET_IDENTITY_CONTEXT;
	if (o & MQOO_SET_ALL_CONTEXT)
		need |= MQZAO_SET_ALL_CONTEXT;
	return need;
}

MQLONG mqi_open_authority(struct qm *qm, struct conn *c, const MQOD *od, MQLONG options, int32_t objtype,
			  const char *name, uint32_t need)
{
	char alt[MQ_USER_ID_LENGTH + 1] = "";
	if (options & MQOO_ALTERNATE_USER_AUTHORITY) {
		mqi_field(alt, od->AlternateUserId, MQ_USER_ID_LENGTH);
		if (!alt[0])   /* blank: the connection's own user, after its altusr */
			snprintf(alt, sizeof alt, "%s", c->user);
	}
	oam_call(options, NULL, NULL, 0);
	return oam_check(qm, c, objtype, name, need, alt, MQRQ_OPEN_NOT_AUTHORIZED);
}

struct hobj *mqi_hobj_alloc(struct conn *c)
{
	size_t i;
	for (i = 0; i < c->nh; i++)
		if (!c->h[i])
			break;
	if (i == c->nh) {
		size_t n = c->nh ? 2 * c->nh : 16;
		struct hobj **v = realloc(c->h, n * sizeof *v);
		if (!v)
			return NULL;
		memset(v + c->nh, 0, (n - c->nh) * sizeof *v);
		c->h = v;
		c->nh = n;
	}
	struct hobj *h = calloc(1, sizeof *h);
	if (!h)
		return NULL;
	h->id = (MQHOBJ)(i + 1);
	c->h[i] = h;
	c->nhandles++;
	return h;
}

void mqi_hobj_release(struct conn *c, struct hobj *h)
{
	c->h[h->id - 1] = NULL;
	if (c->nhandles)
		c->nhandles--;
	sel_free(h->sel);
	free(h);
}

/* A dynamic queue from model m; *rc set on failure. */
struct qobj *mqi_make_dynamic(struct qm *qm, struct qobj *m, const MQOD *od, MQLONG *rc)
{
	char pat[MQ_Q_NAME_LENGTH + 1], name[MQ_Q_NAME_LENGTH + 1];
	size_t n = 0;
	while (n < MQ_Q_NAME_LENGTH && od->DynamicQName[n] && od->DynamicQName[n] != ' ')
		n++;
	memcpy(pat, od->DynamicQName, n);
	pat[n] = 0;
	char *star = strchr(pat, '*');
	if (n == 0 || (star && star[1] != 0)) {
		*rc = MQRC_DYNAMIC_Q_NAME_ERROR;
		return NULL;
	}
	if (star) {
		*star = 0;
		size_t pl = strlen(pat);
		if (pl > 32) {
			*rc = MQRC_DYNAMIC_Q_NAME_ERROR;
			return NULL;
		}
		for (int tries = 0;; tries++) {
			uint64_t u = ((uint64_t)(uint32_t)time(NULL) << 32) | (uint32_t)++qm->dyn_counter;
			snprintf(name, sizeof name, "%s%016llX", pat, (unsigned long long)u);
			if (!qm_qfind(qm, name) && !objcat_find(&qm->os.cat, OBJDEF_QLOCAL, name))
				break;
			if (tries > 100) {
				*rc = MQRC_OBJECT_ALREADY_EXISTS;
				return NULL;
			}
		}
	} else {
		snprintf(name, sizeof name, "%s", pat);
	}
	if (names_check(name, NULL, 0) != QM_OK) {
		*rc = MQRC_DYNAMIC_Q_NAME_ERROR;
		return NULL;
	}
	if (qm_qfind(qm, name) || objcat_find(&qm->os.cat, OBJDEF_QLOCAL, name)) {
		*rc = MQRC_OBJECT_ALREADY_EXISTS;
		return NULL;
	}
	struct objdef d;
	char err[256];
	if (objdef_inherit(&d, &m->def, OBJDEF_QLOCAL, err, sizeof err) || objdef_set_name(&d, name, err, sizeof err)) {
		*rc = MQRC_UNEXPECTED_ERROR;
		return NULL;
	}
	objdef_stamp(&d, time(NULL), 1);
	if (d.definition_type != MQQDT_TEMPORARY_DYNAMIC)
		d.definition_type = MQQDT_PERMANENT_DYNAMIC;
	struct qobj *o;
	if (d.definition_type == MQQDT_PERMANENT_DYNAMIC) {
		/* blocks the loop for one log flush (objstore: WAL rule 1) */
		if (objstore_define(&qm->os, &d, 0, NULL, err, sizeof err)) {
			ERRLOG(&qm->el, AMQ_OBJECT_DAMAGED, name, "qlocal");
			*rc = MQRC_RESOURCE_PROBLEM;
			return NULL;
		}
		if (qm->os.last_lsn > qm->last_lsn)
			qm->last_lsn = qm->os.last_lsn;
	}
	if (qm_qobj_new(qm, &d, &o)) {
		*rc = MQRC_STORAGE_NOT_AVAILABLE;
		return NULL;
	}
	o->temp = d.definition_type == MQQDT_TEMPORARY_DYNAMIC;
	o->file_lsn = o->def_lsn = o->temp ? 0 : qm->os.last_lsn;
	o->media_lsn = o->image_lsn = o->file_lsn;   /* the create record is its first image */
	qm_qinsert(qm, o);
	return o;
}

/* MQOPEN of a process definition: for MQINQ only (2045 for any other
 * access), 2085 when it does not exist. */
static struct hobj *open_process(struct qm *qm, struct conn *c, MQOD *od, MQLONG options, const char *name,
				 MQLONG *cc, MQLONG *rc)
{
	if (options & ~(MQLONG)(MQOO_INQUIRE | MQOO_FAIL_IF_QUIESCING | MQOO_ALTERNATE_USER_AUTHORITY)) {
		*rc = MQRC_OPTION_NOT_VALID_FOR_TYPE;
		return NULL;
	}
	struct qobj *o = name[0] ? qm_pfind(qm, name) : NULL;
	if (!o) {
		*rc = MQRC_UNKNOWN_OBJECT_NAME;
		return NULL;
	}
	if (o->damaged) {
		*rc = MQRC_OBJECT_DAMAGED;
		return NULL;
	}
	if ((*rc = mqi_open_authority(qm, c, od, options, MQOT_PROCESS, o->def.name, mqi_open_need(options))))
		return NULL;
	struct hobj *h = mqi_hobj_alloc(c);
	if (!h) {
		*rc = MQRC_STORAGE_NOT_AVAILABLE;
		return NULL;
	}
	h->options = options;
	h->obj = h->base = o;
	snprintf(h->resolved, sizeof h->resolved, "%s", o->def.name);
	o->nhandles++;
	if (od->Version >= MQOD_VERSION_4)
		od->ResolvedType = MQOT_PROCESS;
	*cc = MQCC_OK;
	*rc = MQRC_NONE;
	return h;
}

struct hobj *mqi_open_obj(struct qm *qm, struct conn *c, MQOD *od, MQLONG options, const char *ostr, uint32_t n,
			  MQLONG *cc, MQLONG *rc)
{
	*cc = MQCC_FAILED;
	if ((*rc = mqi_check_od(od)))
		return NULL;
	if (od->ObjectType != MQOT_Q && od->ObjectType != MQOT_Q_MGR && od->ObjectType != MQOT_PROCESS &&
	    od->ObjectType != MQOT_TOPIC) {
		*rc = MQRC_OBJECT_TYPE_ERROR;
		return NULL;
	}
	if ((*rc = check_options(options)))
		return NULL;
	if ((*rc = mqi_quiesce_reason(qm, (options & MQOO_FAIL_IF_QUIESCING) != 0)))
		return NULL;
	if (c->nhandles >= (unsigned)qm->os.qmgr.max_handles) {
		*rc = MQRC_HANDLE_NOT_AVAILABLE;
		return NULL;
	}
	char name[MQ_Q_NAME_LENGTH + 1], qmname[MQ_Q_MGR_NAME_LENGTH + 1];
	names_from_field(od->ObjectName, MQ_Q_NAME_LENGTH, name);
	names_from_field(od->ObjectQMgrName, MQ_Q_MGR_NAME_LENGTH, qmname);
	if (od->ObjectType == MQOT_Q_MGR) {
		if (options & ~(MQLONG)(MQOO_INQUIRE | MQOO_FAIL_IF_QUIESCING | MQOO_ALTERNATE_USER_AUTHORITY |
					MQOO_BIND_ON_OPEN | MQOO_BIND_NOT_FIXED | MQOO_RESOLVE_NAMES)) {
			*rc = MQRC_OPTION_NOT_VALID_FOR_TYPE;
			return NULL;
		}
		if ((name[0] && strcmp(name, qm->paths.name) != 0) || (qmname[0] && strcmp(qmname, qm->paths.name) != 0)) {
			*rc = MQRC_UNKNOWN_OBJECT_NAME;
			return NULL;
		}
		if ((*rc = mqi_open_authority(qm, c, od, options, MQOT_Q_MGR, qm->paths.name, mqi_open_need(options))))
			return NULL;
		struct hobj *h = mqi_hobj_alloc(c);
		if (!h) {
			*rc = MQRC_STORAGE_NOT_AVAILABLE;
			return NULL;
		}
		h->is_qmgr = 1;
		h->options = options;
		snprintf(h->resolved, sizeof h->resolved, "%s", qm->paths.name);
		*cc = MQCC_OK;
		return h;
	}
	if (qmname[0] && strcmp(qmname, qm->paths.name) != 0) {
		*rc = MQRC_UNKNOWN_REMOTE_Q_MGR;
		return NULL;
	}
	if (od->ObjectType == MQOT_PROCESS)
		return open_process(qm, c, od, options, name, cc, rc);
	if (od->ObjectType == MQOT_TOPIC) {
		/* publish/subscribe (pubsub.c): its authority on its topic objects */
		return ps_open_topic(qm, c, od, options, ostr, n, cc, rc);
	}
	struct qobj *o = name[0] ? qm_qfind(qm, name) : NULL;
	if (!o) {
		*rc = MQRC_UNKNOWN_OBJECT_NAME;
		return NULL;
	}
	if (o->damaged) {
		*rc = MQRC_OBJECT_DAMAGED;
		return NULL;
	}
	struct qobj *base = o;
	if (o->def.type == OBJDEF_QALIAS) {
		base = qm_qfind(qm, o->def.base_object_name);
		if (!base) {
			*rc = MQRC_UNKNOWN_ALIAS_BASE_Q;
			return NULL;
		}
		if (base->def.type != OBJDEF_QLOCAL) {
			*rc = MQRC_ALIAS_BASE_Q_TYPE_ERROR;
			return NULL;
		}
		if (base->damaged) {
			*rc = MQRC_OBJECT_DAMAGED;
			return NULL;
		}
	}
	/* authority after the name resolves (unknown names still give 2085), before
	 * anything is opened or a dynamic queue made: on the name opened */
	if ((*rc = mqi_open_authority(qm, c, od, options, MQOT_Q, o->def.name, mqi_open_need(options))))
		return NULL;
	MQLONG in = options & OO_INPUT;
	if (in == MQOO_INPUT_AS_Q_DEF)
		in = base->def.def_input_open_option == MQOO_INPUT_EXCLUSIVE ? MQOO_INPUT_EXCLUSIVE : MQOO_INPUT_SHARED;
	if (in == MQOO_INPUT_SHARED && base->def.shareability == MQQA_NOT_SHAREABLE && o->def.type != OBJDEF_QMODEL)
		in = MQOO_INPUT_EXCLUSIVE;
	if (o->def.type != OBJDEF_QMODEL && in && (base->n_excl || (in == MQOO_INPUT_EXCLUSIVE && base->n_input))) {
		*rc = MQRC_OBJECT_IN_USE;
		return NULL;
	}
	struct hobj *h = mqi_hobj_alloc(c);
	if (!h) {
		*rc = MQRC_STORAGE_NOT_AVAILABLE;
		return NULL;
	}
	if (o->def.type == OBJDEF_QMODEL) {
		struct qobj *d = mqi_make_dynamic(qm, o, od, rc);
		if (!d) {
			mqi_hobj_release(c, h);
			return NULL;
		}
		d->creator = h;   /* (a permanent one's creator may delete it without dlt authority) */
		o = base = d;
		if (in == MQOO_INPUT_SHARED && d->def.shareability == MQQA_NOT_SHAREABLE)
			in = MQOO_INPUT_EXCLUSIVE;
		mqi_blank(od->ObjectName, MQ_Q_NAME_LENGTH, d->def.name);
	}
	h->options = options;
	h->input_mode = in;
	h->obj = o;
	h->base = base;
	snprintf(h->resolved, sizeof h->resolved, "%s", base->def.name);
	o->nhandles++;
	if (in) {
		base->n_input++;
		if (in == MQOO_INPUT_EXCLUSIVE)
			base->n_excl++;
		if (base->n_input == 1)
			trig_initq_opened(qm, base);   /* a trigger monitor's first: messages waiting (trigger.c) */
	}
	if (options & MQOO_OUTPUT)
		base->n_output++;
	if (od->Version >= MQOD_VERSION_3) {
		mqi_blank(od->ResolvedQName, MQ_Q_NAME_LENGTH, base->def.name);
		mqi_blank(od->ResolvedQMgrName, MQ_Q_MGR_NAME_LENGTH, qm->paths.name);
	}
	if (od->Version >= MQOD_VERSION_4)
		od->ResolvedType = MQOT_Q;
	*cc = MQCC_OK;
	*rc = MQRC_NONE;
	return h;
}

/* MQOD version 4's SelectionString, compiled before anything is opened:
 * 2459 for a selector MQ's syntax refuses (the grammar:
 * qm/engine/selector.c) or 2504 for one FALSE whatever the message, then
 * 2516 for a selection on what is not a queue opened to get or browse (MQ's
 * rule for MQOD.SelectionString). */
static MQLONG open_selection(const MQOD *od, MQLONG options, const uint8_t *text, uint32_t len, struct sel **out)
{
	*out = NULL;
	if (!text || od->Version < MQOD_VERSION_4)
		return MQRC_NONE;   /* libmqm sends none then; a SelectionString the Version lacks */
	size_t pos;
	MQLONG rc = sel_compile((const char *)text, len, out, &pos);
	if (rc == MQRC_NONE && *out && (od->ObjectType != MQOT_Q || !(options & (OO_INPUT | MQOO_BROWSE)))) {
		sel_free(*out);   /* (an empty or blank string is no selection: allowed anywhere) */
		*out = NULL;
		rc = MQRC_SELECTOR_INVALID_FOR_TYPE;
	}
	if (rc == MQRC_NONE && sel_always_true(*out)) {
		sel_free(*out);   /* TRUE without a property (TRUE <> FALSE): every message, as no selection */
		*out = NULL;
	}
	return rc;
}

void mqi_open(struct qm *qm, struct conn *c, struct rd *d)
{
	MQLONG options = rd_i32(d);
	MQOD od;
	rd_bytes(d, &od, sizeof od);
	uint32_t n = 0;
	const char *ostr = "";
	int topic = !d->bad && od.ObjectType == MQOT_TOPIC;
	if (topic) {   /* a topic's ObjectString follows (qm/proto.h) */
		n = rd_u32(d);
		if (n > MQ_TOPIC_STR_LENGTH)
			d->bad = 1;
		ostr = d->bad ? "" : (const char *)rd_ptr(d, n);
	}
	const uint8_t *seltext = NULL;
	uint32_t sellen = 0;
	while (!d->bad && d->at < d->len) {   /* the extensions (qm/proto.h: OPEN) */
		uint32_t kind = rd_u32(d), k = rd_u32(d);
		const uint8_t *p = rd_ptr(d, k);
		if (kind != PROTO_OPEN_SELECTION || seltext || k > MQ_SELECTOR_LENGTH)
			d->bad = 1;
		seltext = p;
		sellen = k;
	}
	if (d->bad) {
		conn_fail(qm, c);
		return;
	}
	MQLONG cc = MQCC_FAILED, rc;
	struct sel *sel;
	struct hobj *h = NULL;
	if ((rc = open_selection(&od, options, seltext, sellen, &sel)) == MQRC_NONE) {
		h = mqi_open_obj(qm, c, &od, options, ostr, n, &cc, &rc);
		if (h)
			h->sel = sel;
		else
			sel_free(sel);
	}
	struct rep r;
	rep_start(&r, PROTO_OPEN, c->req_id, cc, rc);
	if (h) {
		rep_u32(&r, (uint32_t)h->id);
		rep_bytes(&r, &od, sizeof od);
		if (topic) {
			rep_u32(&r, h->topic ? h->topic->len : 0);
			if (h->topic)
				rep_bytes(&r, h->topic->str, h->topic->len);
		}
	}
	conn_reply(qm, c, &r);
	conn_done(qm, c);
}

/* ---- MQCLOSE ------------------------------------------------------------------------ */

MQLONG mqi_close_obj(struct qm *qm, struct conn *c, struct hobj *h, MQLONG options)
{
	if (h->topic || h->sub)
		return ps_close(qm, c, h, options);   /* a topic or a subscription (pubsub.c) */
	struct qobj *o = h->obj, *base = h->base;
	MQLONG del = options & (MQCO_DELETE | MQCO_DELETE_PURGE);
	if (options & ~(MQLONG)(MQCO_DELETE | MQCO_DELETE_PURGE | MQCO_KEEP_SUB | MQCO_REMOVE_SUB | MQCO_QUIESCE))
		return MQRC_OPTIONS_ERROR;
	if (options & (MQCO_KEEP_SUB | MQCO_REMOVE_SUB))
		return MQRC_OPTION_NOT_VALID_FOR_TYPE;
	if (del == (MQCO_DELETE | MQCO_DELETE_PURGE))
		return MQRC_OPTIONS_ERROR;
	if (del && !o && !h->is_qmgr)
		del = 0;   /* the queue was deleted already: a plain close */
	if (del) {
		if (h->is_qmgr || o->def.type != OBJDEF_QLOCAL || o->def.definition_type == MQQDT_PREDEFINED ||
		    (o->temp && o->creator != h))
			return MQRC_OPTION_NOT_VALID_FOR_TYPE;
		/* a permanent dynamic queue deleted through a handle other than the one
		 * that created it: dlt authority on it (MQ's rule; type 3 event) */
		MQLONG arc;
		if (!o->temp && o->creator != h &&
		    (oam_call(options, NULL, NULL, 0),
		     (arc = oam_check(qm, c, MQOT_Q, o->def.name, MQZAO_DELETE, NULL, MQRQ_CLOSE_NOT_AUTHORIZED))))
			return arc;
		if (!o->temp) {
			if (o->q->depth && (del == MQCO_DELETE || o->q->uncommitted_puts || o->q->uncommitted_gets))
				return MQRC_Q_NOT_EMPTY;
			char err[256];
			uint64_t lsn;
			if (o->q->depth) {
				uint8_t buf[64];
				int k = qmlog_enc_clear(buf, sizeof buf, o->def.name);
				if (k > 0)
					dur_append(qm, LOG_REC_Q_CLEAR, 0, o->def.name, buf, (size_t)k, 0, &lsn, NULL);
			}
			/* blocks the loop for one log flush (objstore: WAL rule 1) */
			store_checkpoint_settle(qm);
			if (objstore_delete(&qm->os, OBJDEF_QLOCAL, o->def.name, err, sizeof err))
				return MQRC_RESOURCE_PROBLEM;
			if (qm->os.last_lsn > qm->last_lsn)
				qm->last_lsn = qm->os.last_lsn;
		}
	}
	mqi_mark_close(qm, h);   /* its browse lock and marks (mqiserv_mark.c) */
	if (h->cursor)
		queue_cursor_free(h->cursor);
	h->cursor = NULL;
	MQLONG warn = grp_close_warning(h);   /* an incomplete group or logical message put (2241, 2242) */
	grp_free(h);
	if (o) {
		if (o->nhandles)
			o->nhandles--;
		if (h->input_mode) {
			if (base->n_input)
				base->n_input--;
			if (h->input_mode == MQOO_INPUT_EXCLUSIVE && base->n_excl)
				base->n_excl--;
		}
		if ((h->options & MQOO_OUTPUT) && base->n_output)
			base->n_output--;
		if (o->temp && o->creator == h) {
			o->creator = NULL;
			del = MQCO_DELETE_PURGE;
		} else if (o->creator == h) {
			o->creator = NULL;   /* a permanent dynamic queue outlives its creating handle */
		}
	}
	mqi_hobj_release(c, h);
	if (o && del)
		queue_obj_delete(qm, o);
	return warn;
}

void mqi_close(struct qm *qm, struct conn *c, struct rd *d)
{
	MQHOBJ hobj = (MQHOBJ)rd_u32(d);
	MQLONG options = rd_i32(d);
	if (d->bad) {
		conn_fail(qm, c);
		return;
	}
	struct hobj *h = mqi_hobj(c, hobj);
	MQLONG rc = h ? mqi_close_obj(qm, c, h, options) : MQRC_HOBJ_ERROR;
	conn_reply_codes(qm, c, !rc ? MQCC_OK : rc == MQRC_INCOMPLETE_GROUP || rc == MQRC_INCOMPLETE_MSG ? MQCC_WARNING : MQCC_FAILED,
			 rc);
	conn_done(qm, c);
}

static void media_recreated(void *arg, struct qobj *o)
{
	struct qm *qm = arg;
	if (o->q) {
		mqi_wake_hook(o->q, qm);   /* parked MQGETs see the messages brought back */
		mqi_service_woken(qm);
	}
}

/* Answer a finished command (if its connection is still there) and free it. */
static void media_answer(struct qm *qm, struct media_cmd *j)
{
	struct conn *c = j->owner;
	if (c) {
		if (!c->dead) {
			struct rep r;
			rep_start(&r, PROTO_ADMIN_MEDIA, j->owner_id, MQCC_OK, MQRC_NONE);
			rep_u32(&r, (uint32_t)j->code);
			rep_u32(&r, (uint32_t)j->out.len);
			rep_bytes(&r, j->out.text, j->out.len);
			conn_reply(qm, c, &r);
			if (!c->dead)
				conn_done(qm, c);
		}
		conn_unref(qm, c);
	}
	mediacmd_free(j);
}

static void media_queue(struct qm *qm, struct media_cmd *j)
{
	struct media_cmd **pp = (struct media_cmd **)&qm->media_cmd;
	while (*pp)
		pp = &(*pp)->queued;
	*pp = j;
}

int mqi_media_step(struct qm *qm)
{
	struct media_cmd *j;
	while ((j = qm->media_cmd) != NULL) {
		if (!mediacmd_step(qm, j, media_recreated, qm))
			return store_media_writing(qm);
		qm->media_cmd = j->queued;
		media_answer(qm, j);
	}
	return 0;
}

void mqi_media_settle(struct qm *qm)
{
	/* each command carried on to its end, its image in flight written and
	 * flushed now: the command's own poll then ends it, and it answers */
	while (qm->media_cmd && !qm->log_failed) {
		store_media_drain(qm);
		mqi_media_step(qm);
	}
	while (qm->media_cmd) {   /* the log failed: no more answers */
		struct media_cmd *j = qm->media_cmd;
		qm->media_cmd = j->queued;
		if (j->owner)
			conn_unref(qm, j->owner);
		mediacmd_free(j);
	}
}

int mqi_media_schedule(struct qm *qm, int type, const char *name)
{
	struct media_cmd *j;
	int rc = mediacmd_schedule(qm, type, name, &j);
	if (rc)
		return rc;
	j->floor = dur_oldest_needed(qm);
	media_queue(qm, j);
	mqi_media_step(qm);   /* begun now: the loop then waits for its parts or its flush */
	return QM_OK;
}

#define MEDIA_AUTO_EVERY_MS 1000

int64_t mqi_media_auto_deadline(const struct qm *qm)
{
	const struct objdef *d = &qm->os.qmgr;
	if (d->image_schedule != MQMEDIMGSCHED_AUTO || qm->media_cmd || (!d->image_interval && !d->image_log_length))
		return INT64_MAX;
	return qm->media_auto_ms;
}

void mqi_media_auto(struct qm *qm, int64_t now)
{
	const struct objdef *d = &qm->os.qmgr;
	if (d->image_schedule != MQMEDIMGSCHED_AUTO || qm->media_cmd || qm->state != QM_RUNNING ||
	    (!d->image_interval && !d->image_log_length))
		return;
	if (!qm->media_auto_base_ms)
		qm->media_auto_base_ms = now;
	if (now < qm->media_auto_ms)
		return;
	struct log_info li;
	if (log_info(qm->lg, &li) != QM_OK || li.type != LOG_LINEAR)
		return;
	const char *e = getenv("QUIRE_IMGINTVL_MS");
	int64_t minute = e && atol(e) > 0 ? atol(e) : 60000;
	int64_t intvl = (int64_t)d->image_interval * minute;
	uint64_t loglen = (uint64_t)d->image_log_length << 20;
#define DUE(ms, lsn) ((intvl && now - ((ms) ? (ms) : qm->media_auto_base_ms) >= intvl) || \
		      (loglen && li.next_lsn - (lsn) >= loglen))
	if (DUE(qm->qmgr_image_ms, qm->qmgr_image_lsn)) {
		mqi_media_schedule(qm, OBJDEF_QMGR, qm->paths.name);
		return;
	}
	for (unsigned k = 0; k < QM_QHASH; k++) {
		unsigned i = (qm->media_auto_next + k) % QM_QHASH;
		for (struct qobj *o = qm->qhash[i]; o; o = o->hnext)
			if (!o->damaged && !o->deleted && store_media_recoverable(qm, o) && DUE(o->image_ms, o->image_lsn)) {
				qm->media_auto_next = i + 1;
				mqi_media_schedule(qm, o->def.type, o->def.name);
				return;
			}
	}
	qm->media_auto_ms = now + MEDIA_AUTO_EVERY_MS;   /* none due: look again in a while */
#undef DUE
}

void mqi_admin_media(struct qm *qm, struct conn *c, struct rd *d)
{
	struct media_req req = { 0 };
	req.action = rd_u32(d);
	req.flags = rd_u32(d);
	req.type = rd_u32(d);
	uint32_t n = rd_u32(d);
	const uint8_t *name = rd_ptr(d, n), *nn = NULL;
	uint32_t m = 0;
	if (req.flags & MEDIA_F_COPY) {
		req.end_lsn = rd_u32(d);
		req.end_lsn |= (uint64_t)rd_u32(d) << 32;
		uint64_t ms = rd_u32(d);
		ms |= (uint64_t)rd_u32(d) << 32;
		req.end_ms = (int64_t)ms;
		m = rd_u32(d);
		nn = rd_ptr(d, m);
	}
	if (d->bad || n > 48 || (name && memchr(name, 0, n)) || m > 48 || (nn && memchr(nn, 0, m)) ||
	    ((req.flags & MEDIA_F_COPY) && (!m || req.action != MEDIA_RECREATE)) ||
	    (req.action != MEDIA_RECORD && req.action != MEDIA_RECREATE)) {
		conn_fail(qm, c);   /* not what rcdmqimg or rcrmqobj send: a protocol error */
		return;
	}
	if (mqi_admin_refused(qm, c))
		return;
	c->is_admin = 1;
	if (n)
		memcpy(req.name, name, n);
	if (m)
		memcpy(req.newname, nn, m);
	struct media_cmd *j;
	if (mediacmd_start(qm, &req, dur_oldest_needed(qm), &j) != QM_OK) {
		conn_reply_codes(qm, c, MQCC_FAILED, MQRC_STORAGE_NOT_AVAILABLE);
		conn_done(qm, c);
		return;
	}
	/* answered when its images are durable (mqi_media_step, after each
	 * round of events), or at once for rcrmqobj, which blocks the loop
	 * while it rebuilds */
	j->owner = c;
	j->owner_id = c->req_id;
	c->refs++;
	media_queue(qm, j);
	mqi_media_step(qm);
}
