/*
 * mqiserv_get.c: MQGET: destructive gets and browses, browse cursors,
 * matching, truncation, syncpoint, and gets that wait.
 *
 * Semantics kept from MQ (reference/mqi-facts.md):
 *   - an MQGMO version 1 always matches MsgId and CorrelId from the MQMD;
 *     version 2 and later use MatchOptions; MQMI_NONE/MQCI_NONE/MQGI_NONE
 *     match anything;
 *   - a message longer than BufferLength: with ACCEPT_TRUNCATED_MSG it is
 *     removed (or the browse cursor moves) with MQCC_WARNING 2079; without,
 *     MQCC_WARNING 2080 and it stays (the cursor does not move); either way
 *     DataLength is the whole length and the MQMD is filled;
 *   - browse first, next, and (browse) message under cursor (2034 when the
 *     cursor is on no message); MQGMO_MSG_UNDER_CURSOR gets the browsed one;
 *   - the default is outside syncpoint (distributed platforms);
 *     SYNCPOINT_IF_PERSISTENT is syncpoint for persistent messages only;
 *   - a wait parks the request on the queue's waiters; a put, a commit or a
 *     backout that shows a message wakes it (queue engine hook); the wait
 *     interval runs out with 2033;
 *   - MQCB's consumers: libmqm's dispatcher asks for the first message of any
 *     of them in one CBGET, parked on all their queues at once (mqi_cbget);
 *   - a handle opened with MQOO_SAVE_ALL_CONTEXT keeps the context of its
 *     last destructive get, a browse leaves it none (mqi_ctx_note, rules in
 *     mqiserv_put.c); a get refused with 2016 may make a Get Inhibited event
 *     (qmgrev_inhibited, qmgrev.c).
 *   - MQGMO_LOCK/UNLOCK and the browse marks (MARK_BROWSE_*, UNMARKED_
 *     BROWSE_MSG, MQOO_CO_OP) are mqiserv_mark.c's: its hooks here pass over
 *     what the handle must not see, answer UNLOCK, lock or mark what a
 *     browse returns, and drop a message's lock and marks when it is got.
 *   - Groups and segments (matching on GroupId, MsgSeqNumber, Offset and
 *     MsgToken, LOGICAL_ORDER, ALL_MSGS_AVAILABLE, ALL_SEGMENTS_AVAILABLE,
 *     COMPLETE_MSG, GroupStatus/SegmentStatus/Segmentation) are
 *     mqiserv_group.c's, through its hooks here (grp_*); an MQMD version 1
 *     gets the group fields in an MQMDE before the data (mqiserv_mde.c,
 *     mde_get in get_with: before conversion, so CONVERT converts it).
 *   - A handle opened with a SelectionString (h->sel, mqiserv_open.c) sees
 *     only the messages it selects: sel_accept is the finder's test, after
 *     the group test, for gets, browses, MQCB's gets and retried waits (a
 *     message that does not match leaves a wait parked).  With COMPLETE_MSG
 *     the selector looks at the first segment found.
 * Not served: SET_SIGNAL (MQCC_FAILED, MQRC_OPTIONS_ERROR).  CONVERT converts
 * MQFMT_STRING data and MQ's own formats (get_data below, convert.h,
 * convert_hdr.h).
 */
#include "qm/server/mqiserv.h"
#include "qm/server/convert.h"
#include "qm/server/convert_hdr.h"

#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "log/qmerr.h"
#include "qm/engine/msgprops.h"
#include "qm/store/qmlog.h"
#include "qm/store/store.h"

#define GMO_BROWSE (MQGMO_BROWSE_FIRST | MQGMO_BROWSE_NEXT | MQGMO_BROWSE_MSG_UNDER_CURSOR)
#define GMO_POS (GMO_BROWSE | MQGMO_MSG_UNDER_CURSOR)
#define GMO_VALID (MQGMO_WAIT | MQGMO_SYNCPOINT | MQGMO_NO_SYNCPOINT | GMO_POS | MQGMO_ACCEPT_TRUNCATED_MSG | \
		   MQGMO_MARK_SKIP_BACKOUT | MQGMO_SYNCPOINT_IF_PERSISTENT | MQGMO_FAIL_IF_QUIESCING | MQGMO_CONVERT | \
		   MQGMO_LOGICAL_ORDER | MQGMO_COMPLETE_MSG | MQGMO_ALL_MSGS_AVAILABLE | MQGMO_ALL_SEGMENTS_AVAILABLE | \
		   MQGMO_PROPERTIES_FORCE_MQRFH2 | MQGMO_NO_PROPERTIES | MQGMO_PROPERTIES_IN_HANDLE | \
		   MQGMO_PROPERTIES_COMPATIBILITY | MQGMO_LOCK | MQGMO_UNLOCK | MQGMO_MARK_BROWSE_HANDLE | \
		   MQGMO_UNMARK_BROWSE_HANDLE | MQGMO_MARK_BROWSE_CO_OP | MQGMO_UNMARK_BROWSE_CO_OP | \
		   MQGMO_UNMARKED_BROWSE_MSG)

/* Checks of the request that do not depend on the queue's contents. */
static MQLONG check_request(struct qm *qm, struct hobj *h, const MQMD *md, const MQGMO *gmo)
{
	if (memcmp(md->StrucId, MQMD_STRUC_ID, 4) != 0 || md->Version < MQMD_VERSION_1 || md->Version > MQMD_VERSION_2)
		return MQRC_MD_ERROR;
	if (memcmp(gmo->StrucId, MQGMO_STRUC_ID, 4) != 0 || gmo->Version < MQGMO_VERSION_1 ||
	    gmo->Version > MQGMO_VERSION_4)
		return MQRC_GMO_ERROR;
	MQLONG o = gmo->Options;
	if (o & ~(MQLONG)GMO_VALID)
		return MQRC_OPTIONS_ERROR;
	MQLONG sp = o & (MQGMO_SYNCPOINT | MQGMO_NO_SYNCPOINT | MQGMO_SYNCPOINT_IF_PERSISTENT);
	if (sp & (sp - 1))
		return MQRC_OPTIONS_ERROR;
	MQLONG pos = o & GMO_POS;
	if (pos & (pos - 1))
		return MQRC_OPTIONS_ERROR;
	if ((o & GMO_BROWSE) && (o & (MQGMO_SYNCPOINT | MQGMO_SYNCPOINT_IF_PERSISTENT)))
		return MQRC_OPTIONS_ERROR;
	MQLONG mrc = mqi_mark_check(h, o);   /* LOCK, UNLOCK and the marks (mqiserv_mark.c) */
	if (mrc)
		return mrc;
	if ((o & MQGMO_WAIT) && gmo->WaitInterval < 0 && gmo->WaitInterval != MQWI_UNLIMITED)
		return MQRC_WAIT_INTERVAL_ERROR;
	MQLONG rc;
	if ((rc = grp_get_check(h, md, gmo)))   /* the group and segment match options (mqiserv_group.c) */
		return rc;
	if ((rc = mqi_quiesce_reason(qm, (o & MQGMO_FAIL_IF_QUIESCING) != 0)))
		return rc;
	if (o & MQGMO_UNLOCK)
		return MQRC_NONE;   /* needs no open option (mqi_get answers it) */
	if (h->is_qmgr)
		return o & GMO_BROWSE ? MQRC_NOT_OPEN_FOR_BROWSE : MQRC_NOT_OPEN_FOR_INPUT;
	if ((o & GMO_BROWSE) && !(h->options & MQOO_BROWSE))
		return MQRC_NOT_OPEN_FOR_BROWSE;
	if (!(o & GMO_BROWSE) && !h->input_mode)
		return MQRC_NOT_OPEN_FOR_INPUT;
	if (!h->base)
		return MQRC_Q_DELETED;
	if (h->base->damaged)
		return MQRC_OBJECT_DAMAGED;   /* found damaged while open (AMQ7472): rcrmqobj or DELETE */
	if (h->obj->def.inhibit_get == MQQA_GET_INHIBITED || h->base->def.inhibit_get == MQQA_GET_INHIBITED)
		return MQRC_GET_INHIBITED;
	return MQRC_NONE;
}

/* Start a get's reply: GET's, or CBGET's with the index of the consumer it
 * is for (the request being served or retried set c->get_op and get_index). */
static void get_rep(struct rep *r, struct conn *c, uint32_t req_id, MQLONG cc, MQLONG rc)
{
	rep_start(r, c->get_op == PROTO_CBGET ? PROTO_CBGET : PROTO_GET, req_id, cc, rc);
	if (c->get_op == PROTO_CBGET)
		rep_i32(r, c->get_index);
}

static void make_match(const MQMD *md, const MQGMO *gmo, struct qmatch *mt)
{
	memset(mt, 0, sizeof *mt);
	mt->options = gmo->Version >= MQGMO_VERSION_2 ? gmo->MatchOptions : MQMO_MATCH_MSG_ID | MQMO_MATCH_CORREL_ID;
	memcpy(mt->msg_id, md->MsgId, sizeof mt->msg_id);
	memcpy(mt->correl_id, md->CorrelId, sizeof mt->correl_id);
	if (md->Version >= MQMD_VERSION_2)
		memcpy(mt->group_id, md->GroupId, sizeof mt->group_id);
	else
		mt->options &= ~(MQLONG)MQMO_MATCH_GROUP_ID;
}

/* The data a get returns: the message's body, or its conversion. */
struct gdata {
	const void *data;
	uint32_t len;     /* the whole (converted) message's length: DataLength */
	uint32_t n;       /* what is sent: at most the buffer's length */
	MQLONG ccsid, encoding;
	MQLONG warn;      /* a conversion's warning (MQRC_NONE: none) */
	void *owned;      /* the converted bytes, freed by the caller */
	const void *props;   /* the MQRFH2s sent apart from the body (mqiserv_props.c) */
	uint32_t plen;
	struct mqi_cod *cod;   /* a confirm-on-delivery report to put once got (report.c) */
};

/*
 * MQGMO_CONVERT, as MQ's queue manager does it without a data-conversion exit:
 *   - the target is the getter's MQMD CodedCharSetId (MQCCSI_Q_MGR: the queue
 *     manager's) and Encoding;
 *   - MQFMT_STRING data is converted (convert.h); on success the returned
 *     MQMD says the target CCSID and Encoding, else the data comes back as it
 *     is with warning 2111 (source CCSID), 2115 (target CCSID) or 2119 (a
 *     character that cannot be converted);
 *   - MQ's own formats (headers, PCF, MQTM; conv_builtin) are converted
 *     part by part by convert_hdr.c, all of the message or none of it, with
 *     its reasons (2110 ... 2119, 2190) as warnings and the data as it is;
 *   - any other format whose CCSID or Encoding differs from the target comes
 *     back as it is with warning 2110 MQRC_FORMAT_ERROR (Quire has no exits);
 *   - without CONVERT, an MQCCSI_INHERIT in a header is replaced by the CCSID
 *     it stands for (MQ replaces it at the put; MQGET never returns it);
 *   - the whole message fitted the buffer but its conversion does not: the
 *     data comes back as it is with 2120 MQRC_CONVERTED_MSG_TOO_BIG (the get
 *     happens); a message too long before conversion is truncated as usual,
 *     to the whole converted characters that fit, and DataLength is its
 *     converted length.
 * A truncation's reason (2079, 2080) wins over a conversion's warning.
 */
static void get_data(struct qm *qm, const MQMD *mmd, const MQMD *want, MQLONG options, const void *body, uint32_t len,
		     uint32_t buflen, struct gdata *g)
{
	*g = (struct gdata){ body, len, len < buflen ? len : buflen, mmd->CodedCharSetId, mmd->Encoding, MQRC_NONE, NULL, NULL, 0, NULL };
	struct conv_msg cm;
	if (!(options & MQGMO_CONVERT)) {
		if (conv_inherit(mmd->Format, mmd->CodedCharSetId, mmd->Encoding, body, len, qm->os.qmgr.ccsid, &cm))
			g->data = g->owned = cm.data;   /* MQCCSI_INHERIT said as what it stands for */
		return;
	}
	MQLONG to = want->CodedCharSetId == MQCCSI_Q_MGR ? qm->os.qmgr.ccsid : want->CodedCharSetId;
	MQLONG from = mmd->CodedCharSetId == MQCCSI_Q_MGR ? qm->os.qmgr.ccsid : mmd->CodedCharSetId;
	if (memcmp(mmd->Format, MQFMT_STRING, MQ_FORMAT_LENGTH) != 0) {
		if (!conv_builtin(mmd->Format)) {
			if (from != to || mmd->Encoding != want->Encoding)
				g->warn = MQRC_FORMAT_ERROR;
			return;
		}
		/* MQ's header formats, PCF, MQTM (convert_hdr.c): all or nothing */
		MQLONG rc = conv_message(mmd->Format, from, mmd->Encoding, body, len, to, want->Encoding,
					 qm->os.qmgr.ccsid, &cm);
		if (rc || (len <= buflen && cm.len > buflen)) {
			free(cm.data);
			g->warn = rc == MQRC_NONE ? MQRC_CONVERTED_MSG_TOO_BIG
				  : rc == MQRC_STORAGE_NOT_AVAILABLE ? MQRC_NOT_CONVERTED : rc;
			return;
		}
		*g = (struct gdata){ cm.data, cm.len, cm.len < buflen ? cm.len : buflen, cm.ccsid, cm.encoding, MQRC_NONE,
				     cm.data, NULL, 0, NULL };
		return;
	}
	/* the same CCSID needs nothing (known to Quire or not), except UTF-16
	 * in the other byte order */
	const char *fn = conv_iconv_name(from, mmd->Encoding), *tn = conv_iconv_name(to, want->Encoding);
	if (from == to && (!fn || !tn || strcmp(fn, tn) == 0)) {
		g->encoding = want->Encoding;   /* strings have no byte order */
		return;
	}
	void *out;
	uint32_t outlen, full;
	MQLONG rc = conv_string(from, mmd->Encoding, to, want->Encoding, body, len, buflen, &out, &outlen, &full);
	if (rc) {
		g->warn = rc == MQRC_STORAGE_NOT_AVAILABLE ? MQRC_NOT_CONVERTED : rc;
		return;
	}
	if (len <= buflen && full > buflen) {
		free(out);
		g->warn = MQRC_CONVERTED_MSG_TOO_BIG;
		return;
	}
	*g = (struct gdata){ out, full, outlen, to, want->Encoding, MQRC_NONE, out, NULL, 0, NULL };
}

/* The reply for message m, whose descriptor is mmd and data g (cc/rc
 * decided by the caller). */
static void build_reply(struct rep *r, struct conn *c, uint32_t req_id, MQLONG cc, MQLONG rc, struct hobj *h,
			struct qmsg *m, const MQMD *mmd, const struct gdata *g, MQMD *md, MQGMO *gmo, int64_t now)
{
	MQLONG ver = md->Version;
	*md = *mmd;
	md->Version = ver;
	md->Expiry = qmsg_expiry_left(m, now);
	md->CodedCharSetId = g->ccsid;
	md->Encoding = g->encoding;
	mqi_blank(gmo->ResolvedQName, MQ_Q_NAME_LENGTH, h->resolved);
	uint32_t len = g->len, n = g->n;
	const void *body = g->data;
	grp_status(gmo, md);   /* GroupStatus, SegmentStatus, Segmentation */
	if (gmo->Version >= MQGMO_VERSION_3) {
		memset(gmo->MsgToken, 0, sizeof gmo->MsgToken);
		for (int i = 0; i < 8; i++)
			gmo->MsgToken[i] = (MQBYTE)(qmsg_seq(m) >> (8 * i));
		gmo->ReturnedLength = (MQLONG)n;
	}
	gmo->Reserved2 = (MQLONG)g->plen;     /* the properties' bytes before the body (qm/proto.h) */
	get_rep(r, c, req_id, cc, rc);
	rep_bytes(r, md, sizeof *md);
	rep_bytes(r, gmo, sizeof *gmo);
	rep_u32(r, len);
	rep_u32(r, g->plen + n);
	if (g->plen)
		rep_bytes(r, g->props, g->plen);
	rep_bytes(r, body, n);
}

/* A get's reply: it may show a definition changed ahead of its record's
 * flush (2016 for a GET(DISABLED) an MQSET just made), so it waits for that
 * record when one is pending (dur_reply_defs), as MQINQ's does. */
static void send_reply(struct qm *qm, struct conn *c, struct rep *r)
{
	if (dur_reply_defs(qm, c, r))
		conn_fail(qm, c);
}

static int get_with(struct qm *qm, struct conn *c, struct hobj *h, struct qmsg *m, const MQMD *mmd, const void *body,
		    MQMD *md, MQGMO *gmo, uint32_t buflen, uint32_t req_id, int64_t now, const struct grp_find *gf,
		    const struct grp_set *set);
static int get_send(struct qm *qm, struct conn *c, struct hobj *h, struct qmsg *m, const MQMD *mmd,
		    const struct gdata *g, MQMD *md, MQGMO *gmo, uint32_t buflen, uint32_t req_id, int64_t now,
		    int browse, const struct grp_find *gf, const struct grp_set *set);

/* MQOD.SelectionString (mqiserv_open.c compiled it into h->sel): the
 * finder's test of each candidate, after the group and segment test when
 * there is one.  The message's properties are read from its MQRFH2s as
 * stored (qm/engine/msgprops.c), its MQMD for Root.MQMD.  A message whose
 * record cannot be read is taken as selected, so that the get reads it and
 * fails as without a selector. */
struct sel_accept {
	struct qm *qm;
	struct hobj *h;
	int (*prev)(struct queue *q, struct qmsg *m, void *arg);
	void *prev_arg;
};

static int sel_accept(struct queue *q, struct qmsg *m, void *arg)
{
	struct sel_accept *a = arg;
	if (a->prev && !a->prev(q, m, a->prev_arg))
		return 0;
	MQMD md;
	const void *body;
	void *owned = NULL;
	if (store_msg_load(a->qm, a->h->base, m, &md, &body, &owned) != QM_OK)
		return 1;
	int yes = msgprops_match(a->h->sel, &md, body, qmsg_len(m));
	free(owned);
	return yes;
}

/* Look for a message and answer with it.  Returns 1 when answered (or
 * failed and answered), 0 when there is no message (nothing sent). */
static int get_try(struct qm *qm, struct conn *c, struct hobj *h, MQMD *md, MQGMO *gmo, uint32_t buflen,
		   uint32_t req_id)
{
	struct queue *q = h->base->q;
	MQLONG o = gmo->Options;
	int64_t now = qm_now_ms();
	struct qmatch mt;
	make_match(md, gmo, &mt);
	struct mqi_mark_ctx mx;   /* what another handle locked, what this one marked (mqiserv_mark.c) */
	mqi_mark_match(&mx, qm, h, o, now, &mt);
	struct qmsg *m;
	struct rep r;
	struct grp_find gf;   /* MsgSeqNumber, Offset, MsgToken, groups and segments (mqiserv_group.c) */
	MQLONG grc = grp_match(qm, h, md, gmo, &mt, &gf);
	if (grc) {
		get_rep(&r, c, req_id, MQCC_FAILED, grc);
		send_reply(qm, c, &r);
		return 1;
	}
	struct sel_accept sa = { qm, h, mt.accept, mt.accept_arg };
	if (h->sel) {
		mt.accept = sel_accept;
		mt.accept_arg = &sa;
	}
	if (o & (MQGMO_BROWSE_MSG_UNDER_CURSOR | MQGMO_MSG_UNDER_CURSOR)) {
		m = h->cursor && h->cursor_valid ? queue_cursor_msg(h->cursor, now) : NULL;
		if (m && mqi_mark_hidden(qm, h, m))
			m = NULL;   /* locked by another handle since */
		if (!m) {
			get_rep(&r, c, req_id, MQCC_FAILED, MQRC_NO_MSG_UNDER_CURSOR);
			send_reply(qm, c, &r);
			return 1;
		}
	} else if ((o & MQGMO_BROWSE_NEXT) && !gf.from_start) {
		if (!h->cursor && !(h->cursor = queue_cursor_new(q))) {
			get_rep(&r, c, req_id, MQCC_FAILED, MQRC_STORAGE_NOT_AVAILABLE);
			send_reply(qm, c, &r);
			return 1;
		}
		m = queue_find_after(h->cursor, &mt, now);
	} else {
		m = queue_find(q, &mt, now);
	}
	if (!m)
		return 0;

	/* its descriptor and body: in memory, or read back from the queue store */
	MQMD mmd;
	const void *body;
	void *owned;
	if (store_msg_load(qm, h->base, m, &mmd, &body, &owned) != QM_OK) {
		/* AMQ7905 says why, AMQ7472 that the queue is damaged now */
		get_rep(&r, c, req_id, MQCC_FAILED, h->base->damaged ? MQRC_OBJECT_DAMAGED : MQRC_UNEXPECTED_ERROR);
		send_reply(qm, c, &r);
		return 1;
	}
	if ((grc = grp_found(&gf, m, &mmd))) {   /* LOGICAL_ORDER: the next one differs from the match options */
		free(owned);
		get_rep(&r, c, req_id, MQCC_FAILED, grc);
		send_reply(qm, c, &r);
		return 1;
	}
	/* MQGMO_COMPLETE_MSG: a segmented logical message, whole */
	struct grp_set set = { 0 };
	int lrc = grp_complete(qm, &gf, m, &mmd, &body, &owned, &set);
	if (lrc) {
		free(owned);
		free(set.m);
		if (lrc == QM_ENOTFOUND)
			return 0;   /* not all its segments (yet) */
		get_rep(&r, c, req_id, MQCC_FAILED, h->base->damaged ? MQRC_OBJECT_DAMAGED : MQRC_STORAGE_NOT_AVAILABLE);
		send_reply(qm, c, &r);
		return 1;
	}
	int answered = get_with(qm, c, h, m, &mmd, body, md, gmo, buflen, req_id, now, &gf, set.n ? &set : NULL);
	free(owned);
	free(set.m);
	return answered;
}

/* get_try's second half, with m's descriptor and body at hand. */
static int get_with(struct qm *qm, struct conn *c, struct hobj *h, struct qmsg *m, const MQMD *mmd, const void *body,
		    MQMD *md, MQGMO *gmo, uint32_t buflen, uint32_t req_id, int64_t now, const struct grp_find *gf,
		    const struct grp_set *set)
{
	MQLONG o = gmo->Options;
	int browse = (o & GMO_BROWSE) != 0;
	struct gdata g;
	uint32_t len = set ? set->len : qmsg_len(m);
	/* its properties: kept in the data, stripped, or sent apart (mqiserv_props.c) */
	struct mqi_props_split ps;
	const MQMD *omd = mmd;      /* the message as put, for a COD report */
	const void *obody = body;
	uint32_t olen = len;
	mqi_props_split(mmd, body, len, &ps);
	int mode = mqi_props_mode(h, gmo, &ps);
	const void *props = body;
	if (mode != MQI_PROPS_KEEP) {
		if (mode == MQI_PROPS_APART && ps.skip > (uint32_t)gmo->Reserved2) {
			struct rep r;
			rep_start(&r, PROTO_GET, req_id, MQCC_FAILED, MQRC_PROPERTIES_TOO_BIG);
			send_reply(qm, c, &r);
			return 1;
		}
		body = (const uint8_t *)body + ps.skip;
		len -= ps.skip;
		mmd = &ps.md;
	}
	/* an MQMD version 1: the version-2 fields in an MQMDE before the data (mqiserv_mde.c) */
	MQMD xmd;
	void *xbody;
	if (mde_get(qm, md, &mmd, &body, &len, &xmd, &xbody)) {
		struct rep r;
		get_rep(&r, c, req_id, MQCC_FAILED, MQRC_STORAGE_NOT_AVAILABLE);
		send_reply(qm, c, &r);
		return 1;
	}
	get_data(qm, mmd, md, o, body, len, buflen, &g);
	if (mode == MQI_PROPS_APART) {
		g.props = props;
		g.plen = ps.skip;
	}
	g.cod = browse ? NULL : mqi_report_cod_prep(qm, omd, obody, olen);
	int answered = get_send(qm, c, h, m, mmd, &g, md, gmo, buflen, req_id, now, browse, gf, set);
	free(g.owned);
	free(xbody);
	mqi_report_cod_free(g.cod);
	return answered;
}

/* get_with's last part, with the data to return at hand. */
static int get_send(struct qm *qm, struct conn *c, struct hobj *h, struct qmsg *m, const MQMD *mmd,
		    const struct gdata *g, MQMD *md, MQGMO *gmo, uint32_t buflen, uint32_t req_id, int64_t now,
		    int browse, const struct grp_find *gf, const struct grp_set *set)
{
	struct queue *q = h->base->q;
	MQLONG o = gmo->Options;
	struct rep r;
	int truncated = g->len > buflen;
	if (truncated && !(o & MQGMO_ACCEPT_TRUNCATED_MSG)) {
		/* 2080: the message stays and the cursor does not move */
		build_reply(&r, c, req_id, MQCC_WARNING, MQRC_TRUNCATED_MSG_FAILED, h, m, mmd, g, md, gmo, now);
		send_reply(qm, c, &r);
		return 1;
	}
	MQLONG cc = truncated || g->warn ? MQCC_WARNING : MQCC_OK;
	MQLONG rc = truncated ? MQRC_TRUNCATED_MSG_ACCEPTED : g->warn;
	uint32_t glen = set ? set->len : qmsg_len(m);   /* the (logical) message's length, for its place in a group */
	if (browse) {
		if (!h->cursor && !(h->cursor = queue_cursor_new(q))) {
			get_rep(&r, c, req_id, MQCC_FAILED, MQRC_STORAGE_NOT_AVAILABLE);
			send_reply(qm, c, &r);
			return 1;
		}
		MQLONG mrc = mqi_mark_browse(qm, h, m, o, now);   /* LOCK, the marks: 2200, 2071 */
		if (mrc) {
			get_rep(&r, c, req_id, MQCC_FAILED, mrc);
			send_reply(qm, c, &r);
			return 1;
		}
		if (!gf->keep_cursor)   /* a logical browse inside a group keeps the group's place */
			queue_cursor_set(h->cursor, m);
		h->cursor_valid = 1;
		grp_got(h, gmo, mmd, glen, 0);
		mqi_ctx_note(h, NULL);   /* a browse leaves no saved context (mqiserv_put.c) */
		build_reply(&r, c, req_id, cc, rc, h, m, mmd, g, md, gmo, now);
		send_reply(qm, c, &r);
		return 1;
	}
	uint64_t put_lsn = qmsg_put_lsn(m);
	int persistent = put_lsn != 0;
	int sync = (o & MQGMO_SYNCPOINT) || ((o & MQGMO_SYNCPOINT_IF_PERSISTENT) && persistent);
	MQLONG gcc, grc = grp_get_rules(h, gmo, sync, &gcc);   /* LOGICAL_ORDER's 2241, 2242, 2245 */
	if (gcc == MQCC_FAILED) {
		get_rep(&r, c, req_id, gcc, grc);
		send_reply(qm, c, &r);
		return 1;
	}
	if (grc && cc == MQCC_OK) {
		cc = MQCC_WARNING;
		rc = grc;
	}
	if (set && set->n > 1) {
		/* the segments of a COMPLETE_MSG get go in one logged step */
		struct pending *p;
		uint64_t lsn;
		build_reply(&r, c, req_id, cc, rc, h, m, mmd, g, md, gmo, now);
		MQLONG xrc = grp_remove(qm, c, h->base, set, sync, &p, &lsn);
		if (xrc) {
			rep_free(&r);
			get_rep(&r, c, req_id, MQCC_FAILED, xrc);
			send_reply(qm, c, &r);
			return 1;
		}
		grp_got(h, gmo, mmd, glen, sync);
		mqi_note_get(h->base, mmd, now);
		/* a confirm-on-delivery report? (report.c): the reply waits for its record too */
		uint64_t rl = mqi_report_cod_put(qm, c, g->cod, sync, lsn);
		if (rl > lsn)
			lsn = rl;
		if (p) {
			if (dur_park(qm, c, lsn, PA_COMMIT_TUOW, &r, p))
				conn_fail(qm, c);
		} else {
			send_reply(qm, c, &r);
		}
		perfev_got(qm, c, h->base);
		return 1;
	}
	if (sync && c->uow_active && c->uow.nmsgs >= (uint64_t)qm->os.qmgr.max_uncommitted_msgs) {
		get_rep(&r, c, req_id, MQCC_FAILED, MQRC_SYNCPOINT_LIMIT_REACHED);
		send_reply(qm, c, &r);
		return 1;
	}
	/* hiding it below must not fail once the get is logged */
	if ((sync || persistent) && qmsg_uow_room(m) != QM_OK) {
		get_rep(&r, c, req_id, MQCC_FAILED, MQRC_STORAGE_NOT_AVAILABLE);
		send_reply(qm, c, &r);
		return 1;
	}
	struct qobj *base = h->base;
	uint64_t lsn = 0;
	/* the reply copies the message now: appending may take a checkpoint
	 * (a full log), which may drop m's body from memory */
	build_reply(&r, c, req_id, cc, rc, h, m, mmd, g, md, gmo, now);
	mqi_note_get(h->base, mmd, now);   /* (browses returned above) */
	if (persistent) {
		uint8_t buf[80];
		int k = qmlog_enc_get_at(buf, sizeof buf, base->def.name, put_lsn, qm_now_ms());
		if (sync)
			mqi_uow_begin(qm, c);
		/* WAL rule 1: the get record before the queue changes */
		int lrc = k < 0 ? k : mqi_log_op(qm, c, sync, LOG_REC_MSG_GET, base->def.name, buf, (size_t)k, &lsn, &lsn);
		if (lrc) {
			rep_free(&r);
			get_rep(&r, c, req_id, MQCC_FAILED, mqi_log_reason(lrc));
			send_reply(qm, c, &r);
			return 1;
		}
	}
	/* a confirm-on-delivery report? (report.c): the reply waits for its record too */
	uint64_t rl = mqi_report_cod_put(qm, c, g->cod, sync, lsn);
	if (rl > lsn)
		lsn = rl;
	mqi_mark_got(qm, m);   /* its lock and marks go, even if backed out later */
	grp_got(h, gmo, mmd, glen, sync);   /* got: the handle's place in its group moves */
	mqi_ctx_note(h, mmd);   /* MQOO_SAVE_ALL_CONTEXT: its context (mqiserv_put.c) */
	if (sync) {
		mqi_uow_begin(qm, c);
		queue_hide(q, m, &c->uow);
		send_reply(qm, c, &r);
	} else if (persistent) {
		/* WAL rule 2: hidden, and the reply parked, until the record is durable */
		struct pending *p = calloc(1, sizeof *p);
		if (!p) {
			queue_remove(q, m);   /* logged as got: it is gone either way */
			qmsg_free(m);
			send_reply(qm, c, &r);
			return 1;
		}
		uow_init(&p->tuow, mqi_new_uow_id(qm));
		queue_hide(q, m, &p->tuow);
		if (dur_park(qm, c, lsn, PA_COMMIT_TUOW, &r, p))
			conn_fail(qm, c);
	} else {
		queue_remove(q, m);
		qmsg_free(m);
		send_reply(qm, c, &r);
	}
	perfev_got(qm, c, base);   /* a Queue Depth Low event? (perfev.c) */
	return 1;
}

static void park(struct qm *qm, struct conn *c, uint16_t op, const struct getwait_ent *e, unsigned n, unsigned first,
		 MQLONG wait_ms);

void mqi_get(struct qm *qm, struct conn *c, struct rd *d)
{
	MQHOBJ hobj = (MQHOBJ)rd_u32(d);
	MQMD md;
	MQGMO gmo;
	rd_bytes(d, &md, sizeof md);
	rd_bytes(d, &gmo, sizeof gmo);
	uint32_t buflen = rd_u32(d);
	if (d->bad) {
		conn_fail(qm, c);
		return;
	}
	struct hobj *h = mqi_hobj(c, hobj);
	MQLONG rc = h ? check_request(qm, h, &md, &gmo) : MQRC_HOBJ_ERROR;
	if (rc == MQRC_GET_INHIBITED)
		qmgrev_inhibited(qm, c, h, rc);   /* a Get Inhibited event? (qmgrev.c) */
	if (rc) {
		struct rep r;
		rep_start(&r, PROTO_GET, c->req_id, MQCC_FAILED, rc);
		send_reply(qm, c, &r);
		return;
	}
	if (gmo.Options & MQGMO_UNLOCK) {
		/* MQGMO_UNLOCK: no message, the MQMD and buffer untouched */
		rc = mqi_mark_unlock(qm, h);
		conn_reply_codes(qm, c, rc ? MQCC_WARNING : MQCC_OK, rc);
		conn_done(qm, c);
		return;
	}
	c->get_op = PROTO_GET;
	MQMD md0 = md;
	MQGMO gmo0 = gmo;
	if (get_try(qm, c, h, &md, &gmo, buflen, c->req_id))
		return;
	int no_wait_pos = (gmo.Options & (MQGMO_BROWSE_MSG_UNDER_CURSOR | MQGMO_MSG_UNDER_CURSOR)) != 0;
	if (!(gmo.Options & MQGMO_WAIT) || gmo.WaitInterval == 0 || no_wait_pos) {
		conn_reply_codes(qm, c, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE);
		conn_done(qm, c);
		return;
	}
	struct getwait_ent e = { .hobj = hobj, .md = md0, .gmo = gmo0, .buflen = buflen };
	park(qm, c, PROTO_GET, &e, 1, 0, gmo.WaitInterval);
}

/* Park c's request: a wait on the gets of e[0 .. n), tried from e[first]
 * when one of their queues shows a message, failed with 2033 after wait_ms
 * (MQWI_UNLIMITED: never).  Answers 2071 itself when out of memory. */
static void park(struct qm *qm, struct conn *c, uint16_t op, const struct getwait_ent *e, unsigned n, unsigned first,
		 MQLONG wait_ms)
{
	struct getwait *w = calloc(1, sizeof *w + n * sizeof w->e[0]);
	if (!w) {
		struct rep r;
		rep_start(&r, op, c->req_id, MQCC_FAILED, MQRC_STORAGE_NOT_AVAILABLE);
		if (op == PROTO_CBGET)
			rep_i32(&r, -1);
		send_reply(qm, c, &r);
		return;
	}
	w->c = c;
	w->req_id = c->req_id;
	w->op = op;
	w->n = n;
	w->first = first;
	w->deadline_ms = wait_ms == MQWI_UNLIMITED ? INT64_MAX : qm_now_ms() + wait_ms;
	c->refs++;
	w->next = qm->waits;
	if (qm->waits)
		qm->waits->prev = w;
	qm->waits = w;
	for (unsigned i = 0; i < n; i++) {
		w->e[i] = e[i];
		struct hobj *h = mqi_hobj(c, e[i].hobj);
		queue_waiter_add(h->base->q, &w->e[i].w, w);
	}
}

/* Try the gets of w once, from e[first] round: 1 when one answered (a
 * message, or a failure of that consumer's get). */
static int try_entries(struct qm *qm, struct conn *c, uint16_t op, struct getwait_ent *e, unsigned n, unsigned first,
		       uint32_t req_id)
{
	c->get_op = op;
	for (unsigned k = 0; k < n; k++) {
		unsigned i = (first + k) % n;
		c->get_index = (int32_t)i;
		struct hobj *h = mqi_hobj(c, e[i].hobj);
		MQLONG rc = h ? check_request(qm, h, &e[i].md, &e[i].gmo) : MQRC_HOBJ_ERROR;
		if (rc == MQRC_GET_INHIBITED)
			qmgrev_inhibited(qm, c, h, rc);   /* (qmgrev.c) */
		if (rc) {
			struct rep r;
			get_rep(&r, c, req_id, MQCC_FAILED, rc);
			send_reply(qm, c, &r);
			return 1;
		}
		MQMD md = e[i].md;
		MQGMO gmo = e[i].gmo;
		if (get_try(qm, c, h, &md, &gmo, e[i].buflen, req_id))
			return 1;
	}
	return 0;
}

int mqi_get_retry(struct qm *qm, struct getwait *w)
{
	struct conn *c = w->c;
	if (c->dead)
		return 1;
	return try_entries(qm, c, w->op, w->e, w->n, w->first, w->req_id);
}

/*
 * CBGET (qm/proto.h): the MQCB dispatcher of libmqm asks for the first
 * message of any of its consumers' handles, each with its own MQMD, MQGMO and
 * buffer length, tried round from the one after the last served (`first`), so
 * that a busy queue does not starve the others.  The request's wait counts,
 * not the MQGMOs' (libmqm sends them without MQGMO_WAIT).  A consumer whose
 * get fails (get inhibited, the queue deleted, ...) gets that failure with
 * its index; -1 is for the request as a whole (the wait ran out, or libmqm
 * cancelled it with CBCANCEL, maybe before it came; quiescing).  PROTO_CBGET_CHECK only checks
 * the entries as MQGET would (MQCB's REGISTER): the first that fails, or -1.
 */
static void cbget(struct qm *qm, struct conn *c, struct rd *d, uint32_t flags, int32_t wait_ms, uint32_t first,
		  uint32_t n, struct getwait_ent *e);

/* The CBGET being served was cancelled before it came (gen 0: never). */
static int cb_cancelled(const struct conn *c)
{
	return c->cb_gen && c->cb_gen == c->cb_cancelled;
}

void mqi_cbget(struct qm *qm, struct conn *c, struct rd *d)
{
	uint32_t flags = rd_u32(d);
	uint32_t gen = rd_u32(d);
	int32_t wait_ms = rd_i32(d);
	uint32_t first = rd_u32(d), n = rd_u32(d);
	if (d->bad || n == 0 || n > MQI_CBGET_MAX || first >= n || (wait_ms < 0 && wait_ms != MQWI_UNLIMITED)) {
		conn_fail(qm, c);
		return;
	}
	struct getwait_ent *e = calloc(n, sizeof *e);
	if (!e) {
		conn_reply_codes(qm, c, MQCC_FAILED, MQRC_STORAGE_NOT_AVAILABLE);
		conn_done(qm, c);
		return;
	}
	c->cb_gen = gen;
	cbget(qm, c, d, flags, wait_ms, first, n, e);
	free(e);
}

static void cbget(struct qm *qm, struct conn *c, struct rd *d, uint32_t flags, int32_t wait_ms, uint32_t first,
		  uint32_t n, struct getwait_ent *e)
{
	for (uint32_t i = 0; i < n; i++) {
		memset(&e[i].w, 0, sizeof e[i].w);
		e[i].hobj = (MQHOBJ)rd_u32(d);
		rd_bytes(d, &e[i].md, sizeof e[i].md);
		rd_bytes(d, &e[i].gmo, sizeof e[i].gmo);
		e[i].buflen = rd_u32(d);
		e[i].gmo.Options &= ~(MQLONG)MQGMO_WAIT;
		e[i].gmo.WaitInterval = 0;
	}
	if (d->bad) {
		conn_fail(qm, c);
		return;
	}
	c->get_op = PROTO_CBGET;
	struct rep r;
	for (uint32_t i = 0; i < n; i++) {
		struct hobj *h = mqi_hobj(c, e[i].hobj);
		MQLONG rc = h ? check_request(qm, h, &e[i].md, &e[i].gmo) : MQRC_HOBJ_ERROR;
		if (!rc && (e[i].gmo.Options & (MQGMO_BROWSE_MSG_UNDER_CURSOR | MQGMO_MSG_UNDER_CURSOR | MQGMO_UNLOCK)))
			rc = MQRC_OPTIONS_ERROR;   /* a consumer has no cursor of its own to point at */
		if (rc == MQRC_GET_INHIBITED && !(flags & PROTO_CBGET_CHECK))
			qmgrev_inhibited(qm, c, h, rc);   /* (qmgrev.c) */
		if (rc) {
			c->get_index = (int32_t)i;
			get_rep(&r, c, c->req_id, MQCC_FAILED, rc);
			send_reply(qm, c, &r);
			return;
		}
	}
	if (flags & PROTO_CBGET_CHECK) {
		c->get_index = -1;
		get_rep(&r, c, c->req_id, MQCC_OK, MQRC_NONE);
		send_reply(qm, c, &r);
		return;
	}
	if (!cb_cancelled(c) && try_entries(qm, c, PROTO_CBGET, e, n, first, c->req_id))
		return;
	if (wait_ms == 0 || cb_cancelled(c)) {   /* cancelled before it came */
		c->get_index = -1;
		get_rep(&r, c, c->req_id, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE);
		send_reply(qm, c, &r);
		return;
	}
	park(qm, c, PROTO_CBGET, e, n, first, wait_ms);
}
