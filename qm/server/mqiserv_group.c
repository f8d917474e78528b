/*
 * mqiserv_group.c: message groups and segments (MQMD version 2's GroupId,
 * MsgSeqNumber, Offset, MsgFlags, OriginalLength) for MQPUT, MQGET and
 * MQCLOSE, as MQ does it on distributed platforms.  mqiserv_put.c and
 * mqiserv_get.c call in through small hooks (mqiserv.h, "mqiserv_group.c").
 *
 * MQPUT (grp_put_check before anything changes, grp_put_done after):
 *   - an MQMD version 1 puts a message in no group, not a segment (the
 *     version-2 fields take their defaults whatever the buffer held), unless
 *     its data starts with an MQMDE, which mqiserv_mde.c has taken off into
 *     the version-2 fields (the MQMD is then checked as a version 2);
 *   - MsgFlags: a bit of MQMF_REJECT_UNSUP_MASK that is not one of the five
 *     flags: 2249 MSG_FLAGS_ERROR (the other unknown bits are accepted, as
 *     MQ's masks say); MsgSeqNumber outside 1..999 999 999: 2250; Offset
 *     outside 0..999 999 999: 2251; OriginalLength is taken from a report
 *     message that is a segment only (more than 0, 0 or more for a last
 *     segment, and not less than its data, else 2252), any other segment
 *     gets its data's length and any other message MQOL_UNDEFINED; a first
 *     or middle segment of no data: 2253 (a last segment may be empty);
 *   - without MQPMO_LOGICAL_ORDER the application's values are kept; a
 *     message in a group, a segment, or one allowing segmentation whose
 *     GroupId is MQGI_NONE gets a new unique GroupId (returned in the
 *     MQMD, for the application to use for the rest);
 *   - with MQPMO_LOGICAL_ORDER the queue manager keeps the handle's place
 *     and sets GroupId (new and unique at the start of a group or of a
 *     segmented message outside a group), MsgSeqNumber (1, then one more for
 *     each new logical message of the group) and Offset (0, then the end of
 *     the previous segment); the application's values are ignored.  While a
 *     logical message is incomplete the next put must be a segment with the
 *     same group flags (else MQCC_FAILED 2242 INCOMPLETE_MSG); while a group
 *     is incomplete it must be in the group (else MQCC_FAILED 2241
 *     INCOMPLETE_GROUP); its syncpoint option must be the one the group or
 *     logical message started with (else MQCC_FAILED 2245 INCONSISTENT_UOW);
 *   - a put without MQPMO_LOGICAL_ORDER after one with it that left a group
 *     or logical message incomplete is done, with MQCC_WARNING 2242 or 2241
 *     (or 2245 when its syncpoint option differs); every put moves the
 *     handle's place to the message put (LOGICAL_ORDER or not), so an
 *     application may begin a group without the option and go on with it;
 *   - MQCLOSE of a handle whose LOGICAL_ORDER puts left a logical message
 *     or group incomplete: MQCC_WARNING 2242 or 2241 (the close happens).
 *   - 2258 GROUP_ID_ERROR is MQ's for distribution lists only, which Quire
 *     does not have.
 *
 * MQGET (grp_match builds the finder's test, grp_found / grp_complete after
 * the message is found, grp_get_rules and grp_got around the reply):
 *   - MatchOptions MQMO_MATCH_MSG_SEQ_NUMBER and MQMO_MATCH_OFFSET (an MQMD
 *     version 2 needed: 2257 WRONG_MD_VERSION) and MQMO_MATCH_MSG_TOKEN (an
 *     MQGMO version 3: 2256 WRONG_GMO_VERSION); the MsgToken is the
 *     message's sequence number on its queue, which MQGET returns;
 *   - MQGMO_LOGICAL_ORDER: with no current group or logical message only a
 *     message with MsgSeqNumber 1 and Offset 0 qualifies (the match options
 *     choose among them); with one, only the next in logical order (the next
 *     segment, or the first segment of the next logical message of the
 *     group), wherever it is on the queue, and a match option whose value
 *     differs from that message's gives 2247 MATCH_OPTIONS_ERROR; the place
 *     moves with each message got (MQGMO_COMPLETE_MSG: the whole logical
 *     message).  Browses keep a place of their own: BROWSE_FIRST starts
 *     again, BROWSE_NEXT continues, and its LOGICAL_ORDER differing from the
 *     previous browse of the handle is 2259 INCONSISTENT_BROWSE.  A logical
 *     browse leaves the browse cursor on the first message of the group
 *     (whose place on the queue is the group's), so BROWSE_NEXT after the
 *     group goes on from there.  A get without LOGICAL_ORDER after one with
 *     it that left a group or logical message incomplete: MQCC_WARNING 2241
 *     or 2242; a LOGICAL_ORDER get whose syncpoint differs from the one its
 *     group started with: MQCC_FAILED 2245 (a get without: warning 2245).
 *     As for puts, every get moves the place to the message got;
 *   - MQGMO_ALL_MSGS_AVAILABLE: a message of a group qualifies only when
 *     every logical message of it (1 to the one flagged last) is on the
 *     queue and visible (with LOGICAL_ORDER: tested when a group starts only);
 *     MQGMO_ALL_SEGMENTS_AVAILABLE: a segment only when every segment of its
 *     logical message is (Offsets contiguous from 0 to the last segment);
 *   - MQGMO_COMPLETE_MSG: a segment qualifies only as the first of a logical
 *     message whose segments are all there; the queue manager returns the
 *     logical message whole: the first segment's MQMD with Offset as the
 *     first's, MsgFlags saying it is the last (only) segment, the segments'
 *     data one after the other.  Too long for the buffer: 2080 and nothing
 *     moves, or with ACCEPT_TRUNCATED_MSG 2079 and every segment removed.
 *     Removing them is one logged step: under syncpoint they are the
 *     connection's unit of work's; outside syncpoint their persistent
 *     segments' MSG_GET records go under a unit of work of their own ended by
 *     a UOW_COMMIT record, and the reply waits for that record (a crash
 *     before it is durable backs the whole get out at restart, never half);
 *     while its records are appended a checkpoint (a full log) lists it as
 *     active (qm->step_uow_id, durable.c), so restart reads all of them;
 *   - GroupStatus, SegmentStatus and Segmentation of an MQGMO version 2 and
 *     later are filled from the message's MsgFlags;
 *   - LOGICAL_ORDER, COMPLETE_MSG, ALL_MSGS_AVAILABLE and
 *     ALL_SEGMENTS_AVAILABLE with an MQGMO version 1 (which has no group
 *     status to return): 2256 WRONG_GMO_VERSION (our reading of MQ's "options
 *     that required an MQGMO version 2").  An MQMD version 1 gets a message
 *     whose group fields are not the defaults with an MQMDE in front of its
 *     data, and may put one through an MQMDE (mqiserv_mde.c).
 *
 * Choices where MQ is silent or not followed:
 *   - MQCLOSE warns for incomplete puts only (MQ's 2241/2242 texts speak of
 *     a group the application put);
 *   - segmentation by the queue manager, as MQ on distributed platforms
 *     does it (grp_put_segmented): a message with MQMF_SEGMENTATION_ALLOWED
 *     longer than the lesser of the queue's and the queue manager's MAXMSGL
 *     is put as segments of that size rounded down to 16 bytes (a UTF-8
 *     MQFMT_STRING cut between characters), each with its own MsgId (when
 *     the queue manager makes them), the GroupId (new unless given), Offsets
 *     from the message's own and MQMF_SEGMENT / MQMF_LAST_SEGMENT (a segment
 *     segmented again keeps LAST_SEGMENT for its last piece only), all in one
 *     step: under syncpoint the connection's unit of work, outside it a unit
 *     of work of their own in the log and in memory, the reply waiting for
 *     its commit record; the MQMD returned is the first segment's.  Only
 *     data without MQ's headers is cut (MQFMT_NONE, MQFMT_STRING, or a
 *     format not beginning "MQ"): any other gets 2030/2031 as before, our
 *     choice (MQ cuts its own formats after their headers);
 *   - the group scans read each candidate's MQMD (from memory, or the
 *     header of its store record): cheap for messages in memory, a read per
 *     message for a deep queue written back to its store;
 *   - segments whose CodedCharSetId or Encoding differ are reassembled as
 *     they are (2243/2244 are not given): Quire has no channels that would
 *     convert some segments on the way.
 */
#include "qm/server/mqiserv.h"

#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "log/osio.h"
#include "log/qmerr.h"
#include "qm/store/qmlog.h"
#include "qm/store/store.h"

#define MF_GROUP (MQMF_MSG_IN_GROUP | MQMF_LAST_MSG_IN_GROUP)
#define MF_SEG (MQMF_SEGMENT | MQMF_LAST_SEGMENT)
#define MF_KNOWN (MQMF_SEGMENTATION_ALLOWED | MF_GROUP | MF_SEG)
#define GRP_MAX 999999999

/* A handle's place: in a group (gid, seq: the current logical message's
 * number) and in a logical message (next_off: where its next segment
 * starts), and the syncpoint they started with. */
struct grp_pos {
	int in_group, in_msg;
	MQBYTE24 gid;
	MQLONG seq, next_off;
	MQLONG gflags;     /* in_msg: the group flags its segments carry */
	int sync;
};

struct grp_handle {
	struct grp_pos put, get, browse;
	int put_last_logical;   /* the last put of the handle had LOGICAL_ORDER */
	int get_last_logical;
	int browse_logical;     /* -1: no browse yet */
};

static int gid_none(const MQBYTE *id)
{
	for (int i = 0; i < MQ_GROUP_ID_LENGTH; i++)
		if (id[i])
			return 0;
	return 1;
}

static struct grp_handle *grp_of(struct hobj *h)
{
	if (!h->grp) {
		h->grp = calloc(1, sizeof *h->grp);
		if (h->grp)
			h->grp->browse_logical = -1;
	}
	return h->grp;
}

void grp_free(struct hobj *h)
{
	free(h->grp);
	h->grp = NULL;
}

/* After a message with flags f, Offset off and len bytes: where the place is. */
static void pos_after(struct grp_pos *p, const MQBYTE *gid, MQLONG seq, MQLONG off, MQLONG f, uint32_t len, int sync)
{
	int seg = (f & MF_SEG) != 0, lastseg = (f & MQMF_LAST_SEGMENT) != 0;
	int grp = (f & MF_GROUP) != 0, lastgrp = (f & MQMF_LAST_MSG_IN_GROUP) != 0;
	if (!p->in_group && !p->in_msg)
		p->sync = sync;
	memcpy(p->gid, gid, sizeof p->gid);
	p->seq = seq;
	p->in_msg = seg && !lastseg;
	p->next_off = off + (MQLONG)len;
	p->gflags = f & MF_GROUP;
	p->in_group = grp && !(lastgrp && !p->in_msg);
	if (!p->in_msg && !p->in_group)
		memset(p->gid, 0, sizeof p->gid);
}

/* 2242 before 2241 (MQ: an incomplete logical message wins), or 0. */
static MQLONG incomplete(const struct grp_pos *p)
{
	return p->in_msg ? MQRC_INCOMPLETE_MSG : p->in_group ? MQRC_INCOMPLETE_GROUP : MQRC_NONE;
}

/* ---- MQPUT ----------------------------------------------------------------------------- */

MQLONG grp_put_check(struct qm *qm, struct hobj *h, MQMD *md, const MQPMO *pmo, uint32_t len, MQLONG *warn)
{
	*warn = MQRC_NONE;
	if (md->Version < MQMD_VERSION_2) {
		memset(md->GroupId, 0, sizeof md->GroupId);
		md->MsgSeqNumber = 1;
		md->Offset = 0;
		md->MsgFlags = MQMF_NONE;
		md->OriginalLength = MQOL_UNDEFINED;
	}
	MQLONG f = md->MsgFlags;
	if (f & MQMF_REJECT_UNSUP_MASK & ~(MQLONG)MF_KNOWN)
		return MQRC_MSG_FLAGS_ERROR;
	int logical = (pmo->Options & MQPMO_LOGICAL_ORDER) != 0;
	int sync = (pmo->Options & MQPMO_SYNCPOINT) != 0;
	struct grp_handle *g = h->grp;
	if (!logical) {
		if (md->MsgSeqNumber < 1 || md->MsgSeqNumber > GRP_MAX)
			return MQRC_MSG_SEQ_NUMBER_ERROR;
		if (md->Offset < 0 || md->Offset > GRP_MAX)
			return MQRC_OFFSET_ERROR;
	}
	if ((f & MF_SEG) && !(f & MQMF_LAST_SEGMENT) && len == 0)
		return MQRC_SEGMENT_LENGTH_ZERO;   /* (only a last segment may be empty) */
	/* OriginalLength: a report's segment says it (checked); any other
	 * segment gets its own length, and anything else MQOL_UNDEFINED */
	if ((f & MF_SEG) && md->MsgType == MQMT_REPORT) {
		if (md->OriginalLength < ((f & MQMF_LAST_SEGMENT) ? 0 : 1) || (uint32_t)md->OriginalLength < len)
			return MQRC_ORIGINAL_LENGTH_ERROR;
	} else {
		md->OriginalLength = (f & MF_SEG) ? (MQLONG)len : MQOL_UNDEFINED;
	}
	if (!logical) {
		if ((int64_t)md->Offset + len - 1 > GRP_MAX && len)
			return MQRC_OFFSET_ERROR;
		if (g && g->put_last_logical) {
			MQLONG rc = incomplete(&g->put);
			if (rc)
				*warn = rc;
			else if ((g->put.in_msg || g->put.in_group) && g->put.sync != sync)
				*warn = MQRC_INCONSISTENT_UOW;
		}
		if ((f & MF_KNOWN) && gid_none(md->GroupId))
			mqi_new_id(qm, md->GroupId);
		return MQRC_NONE;
	}
	/* MQPMO_LOGICAL_ORDER: the queue manager's values */
	struct grp_pos p = g ? g->put : (struct grp_pos){ 0 };
	if (p.in_msg) {
		if (!(f & MF_SEG) || (f & MF_GROUP) != p.gflags)
			return MQRC_INCOMPLETE_MSG;
	} else if (p.in_group) {
		if (!(f & MF_GROUP))
			return MQRC_INCOMPLETE_GROUP;
	}
	if ((p.in_msg || p.in_group) && p.sync != sync)
		return MQRC_INCONSISTENT_UOW;
	if (p.in_msg) {
		memcpy(md->GroupId, p.gid, sizeof md->GroupId);
		md->MsgSeqNumber = p.seq;
		md->Offset = p.next_off;
	} else if (p.in_group) {
		if (p.seq >= GRP_MAX)
			return MQRC_MSG_SEQ_NUMBER_ERROR;
		memcpy(md->GroupId, p.gid, sizeof md->GroupId);
		md->MsgSeqNumber = p.seq + 1;
		md->Offset = 0;
	} else {
		if (f & MF_KNOWN)
			mqi_new_id(qm, md->GroupId);
		else
			memset(md->GroupId, 0, sizeof md->GroupId);
		md->MsgSeqNumber = 1;
		md->Offset = 0;
	}
	if (len && (int64_t)md->Offset + len - 1 > GRP_MAX)
		return MQRC_OFFSET_ERROR;
	if (!grp_of(h))
		return MQRC_STORAGE_NOT_AVAILABLE;   /* (before anything changed) */
	return MQRC_NONE;
}

void grp_put_done(struct hobj *h, const MQMD *md, const MQPMO *pmo, uint32_t len)
{
	int logical = (pmo->Options & MQPMO_LOGICAL_ORDER) != 0;
	/* made by grp_put_check for LOGICAL_ORDER; otherwise only kept up to
	 * date once there is one (a handle that never used groups has none) */
	struct grp_handle *g = h->grp;
	if (!g && (md->MsgFlags & MF_KNOWN))
		g = grp_of(h);
	if (!g)
		return;
	pos_after(&g->put, md->GroupId, md->MsgSeqNumber, md->Offset, md->MsgFlags, len,
		  (pmo->Options & MQPMO_SYNCPOINT) != 0);
	g->put_last_logical = logical;
}

MQLONG grp_close_warning(const struct hobj *h)
{
	return h->grp ? incomplete(&h->grp->put) : MQRC_NONE;
}

/* ---- segmentation by the queue manager --------------------------------------------------- */

int grp_may_segment(const MQMD *md)
{
	if (md->Version < MQMD_VERSION_2 || !(md->MsgFlags & MQMF_SEGMENTATION_ALLOWED))
		return 0;
	/* MQ's own formats carry headers a segment must not cut: only data
	 * without them (MQFMT_NONE, MQFMT_STRING, an application's format) */
	if (memcmp(md->Format, MQFMT_NONE, MQ_FORMAT_LENGTH) == 0 ||
	    memcmp(md->Format, MQFMT_STRING, MQ_FORMAT_LENGTH) == 0)
		return 1;
	return !(md->Format[0] == 'M' && md->Format[1] == 'Q');
}

/* A persistent segment's MSG_PUT record: under c's unit of work (xuow 0)
 * or the step's own (xuow).  0 or a QM_E* code; m->mem->put_lsn set. */
static int seg_log(struct qm *qm, struct conn *c, struct qobj *base, struct qmsg *m, const uint8_t *data, uint32_t len,
		   uint64_t xuow, int64_t now, uint64_t *first, uint64_t *last)
{
	struct objfile_msg fm;
	store_msg_header(m, &fm);
	fm.put_time_ms = now;
	size_t need = qmlog_put_size(base->def.name, len);
	uint8_t *buf = malloc(need);
	int k = buf ? qmlog_enc_put(buf, need, base->def.name, &fm, data) : QM_ENOMEM;
	int rc = k < 0 ? k : QM_OK;
	uint64_t f = 0;
	if (!rc && !xuow)
		rc = mqi_log_op(qm, c, 1, LOG_REC_MSG_PUT, base->def.name, buf, (size_t)k, &f, last);
	else if (!rc)
		rc = dur_append(qm, LOG_REC_MSG_PUT, xuow, base->def.name, buf, (size_t)k, 0, &f, last);
	free(buf);
	if (!rc) {
		m->mem->put_lsn = f;
		if (!*first)
			*first = f;
		if (xuow && !qm->step_uow_first)
			qm->step_uow_first = f;
	}
	return rc;
}

MQLONG grp_put_segmented(struct qm *qm, struct conn *c, struct hobj *h, MQMD *md, MQLONG o, MQLONG persistence,
			 const MQMD *pass, const uint8_t *data, uint32_t len, uint32_t limit, uint64_t *lsn,
			 struct pending **park, MQMD *last, uint32_t *lastlen)
{
	struct qobj *base = h->base;
	struct queue *q = base->q;
	*lsn = 0;
	*park = NULL;
	uint32_t seg = limit & ~15u;   /* segments in multiples of 16 bytes, 16 at least (MQ's smallest) */
	if (seg < 16)
		return len > (uint32_t)qm->os.qmgr.max_msg_length ? MQRC_MSG_TOO_BIG_FOR_Q_MGR : MQRC_MSG_TOO_BIG_FOR_Q;
	int utf8 = memcmp(md->Format, MQFMT_STRING, MQ_FORMAT_LENGTH) == 0 &&
		   (md->CodedCharSetId == 1208 || (md->CodedCharSetId == MQCCSI_Q_MGR && qm->os.qmgr.ccsid == 1208));
	/* where each segment ends: a UTF-8 string is cut between characters */
	uint32_t n = 0, cap = 0, *end = NULL;
	for (uint32_t at = 0; at < len;) {
		uint32_t l = len - at < seg ? len - at : seg;
		while (utf8 && l > 1 && at + l < len && (data[at + l] & 0xC0) == 0x80)
			l--;
		if (n == cap) {
			uint32_t nc = cap ? 2 * cap : 16;
			uint32_t *ne = realloc(end, nc * sizeof *ne);
			if (!ne) {
				free(end);
				return MQRC_STORAGE_NOT_AVAILABLE;
			}
			end = ne;
			cap = nc;
		}
		at += l;
		end[n++] = at;
	}
	int sync = (o & MQPMO_SYNCPOINT) != 0, persistent = persistence == MQPER_PERSISTENT;
	MQLONG rc = MQRC_NONE;
	if (base->q->depth + n > (uint64_t)base->def.max_q_depth)
		rc = MQRC_Q_FULL;
	else if (sync && (c->uow_active ? c->uow.nmsgs : 0) + n > (uint64_t)qm->os.qmgr.max_uncommitted_msgs)
		rc = MQRC_SYNCPOINT_LIMIT_REACHED;
	struct qmsg **made = rc ? NULL : calloc(n, sizeof *made);
	struct pending *p = !rc && !sync && persistent ? calloc(1, sizeof *p) : NULL;
	if (!rc && (!made || (!sync && persistent && !p)))
		rc = MQRC_STORAGE_NOT_AVAILABLE;
	if (rc) {
		free(end);
		free(made);
		free(p);
		return rc;
	}
	MQLONG caller_version = md->Version;
	int new_ids = (o & MQPMO_NEW_MSG_ID) || gid_none(md->MsgId);
	mqi_put_fill_md(qm, c, h->obj, md, o, persistence, pass);
	md->Version = MQMD_VERSION_2;
	/* outside syncpoint a persistent message's segments are one unit of
	 * work in the log (committed by its own record) and in memory (a
	 * one-call unit of work, visible when the commit is durable) */
	uint64_t xuow = p ? ++qm->next_log_uow_id : 0, first = 0, l = 0;
	qm->step_uow_id = xuow;   /* a checkpoint meanwhile (a full log) lists it */
	qm->step_uow_first = 0;
	if (p)
		uow_init(&p->tuow, mqi_new_uow_id(qm));
	int64_t now = qm_now_ms();
	MQLONG f = md->MsgFlags;
	uint32_t i, at = 0;
	int qrc = QM_OK;
	for (i = 0; i < n && !qrc; i++) {
		MQMD sm = *md;
		sm.Offset = md->Offset + (MQLONG)at;
		/* the last piece ends the logical message unless it was itself a
		 * segment that was not the last */
		int more = i + 1 < n || ((f & MQMF_SEGMENT) && !(f & MQMF_LAST_SEGMENT));
		sm.MsgFlags = (f & ~(MQLONG)MF_SEG) | (more ? MQMF_SEGMENT : MQMF_LAST_SEGMENT);
		if (i && new_ids)
			mqi_new_id(qm, sm.MsgId);
		if (sm.MsgType != MQMT_REPORT)
			sm.OriginalLength = (MQLONG)(end[i] - at);
		struct qmsg *m = qmsg_new(&sm, data + at, end[i] - at);
		if (!m) {
			qrc = QM_ENOMEM;
			break;
		}
		qmsg_set_expiry(m, now);
		if (sync || p)   /* (added now; the others get theirs when added at the end) */
			m->mem->seq = q->next_seq ? q->next_seq : 1;
		if (persistent && sync)
			mqi_uow_begin(qm, c);
		if (persistent && (qrc = seg_log(qm, c, base, m, data + at, end[i] - at, xuow, now, &first, &l))) {
			qmsg_free(m);
			break;
		}
		if (sync) {
			mqi_uow_begin(qm, c);
			qrc = queue_add(q, m, &c->uow);
		} else if (p) {
			qrc = queue_add(q, m, &p->tuow);
		}
		if (qrc) {
			qmsg_free(m);
			break;
		}
		made[i] = m;
		if (i + 1 == n) {
			*last = sm;
			*lastlen = end[i] - at;
		}
		at = end[i];
	}
	if (!qrc && p) {
		uint8_t ub[32];
		struct qmlog_uow u = { .time_ms = now, .ops = n };
		int k = qmlog_enc_uow(ub, sizeof ub, &u);
		qrc = k < 0 ? k : dur_append(qm, LOG_REC_UOW_COMMIT, xuow, NULL, ub, (size_t)k, LOG_APPEND_RESERVED, lsn, NULL);
	}
	qm->step_uow_id = 0;   /* from here the parked reply keeps its records (p->first) */
	if (qrc) {
		/* outside syncpoint nothing of it stays (no commit record: restart
		 * backs out what was logged); under syncpoint the segments put are
		 * the unit of work's, as the log says, and the caller backs out */
		if (p)
			uow_backout(&p->tuow);
		else if (!sync)
			for (uint32_t j = 0; j < i; j++)
				qmsg_free(made[j]);
		free(p);
		free(made);
		free(end);
		md->Version = caller_version;
		return qrc == QM_ENOMEM ? MQRC_STORAGE_NOT_AVAILABLE : mqi_log_reason(qrc);
	}
	if (!sync && !p)
		for (i = 0; i < n; i++)
			queue_add(q, made[i], NULL);   /* nonpersistent: visible now, all of them */
	if (p) {
		p->first = first;
		*park = p;
	}
	base->lput_ms = now;
	for (i = 0; i < n; i++) {
		trig_put(qm, c, base, made[i], sync);
		perfev_put(qm, c, base);
	}
	free(made);
	free(end);
	md->Version = caller_version;
	return MQRC_NONE;
}

/* ---- MQGET: finding ---------------------------------------------------------------------- */

/* One message of a group as the scans see it. */
struct gmem {
	struct qmsg *m;
	MQLONG seq, off, flags;
	uint32_t len;
};

/* The visible messages of base whose GroupId is gid, with their MQMDs'
 * group fields.  0, or a QM_E* code. */
static int scan_group(struct qm *qm, struct qobj *base, const MQBYTE *gid, struct gmem **out, size_t *nout)
{
	uint64_t hh = qstore_id_hash(gid);
	size_t n = 0, cap = 0;
	struct gmem *v = NULL;
	for (struct qmsg *m = queue_first(base->q); m; m = queue_next(m)) {
		if (!qmsg_visible(m) || qmsg_hash(m, 2) != hh)
			continue;
		MQMD md;
		if (store_msg_md(qm, base, m, &md) != QM_OK)
			continue;
		if (memcmp(md.GroupId, gid, MQ_GROUP_ID_LENGTH) != 0)
			continue;
		if (n == cap) {
			size_t nc = cap ? 2 * cap : 16;
			struct gmem *nv = realloc(v, nc * sizeof *nv);
			if (!nv) {
				free(v);
				return QM_ENOMEM;
			}
			v = nv;
			cap = nc;
		}
		v[n++] = (struct gmem){ m, md.MsgSeqNumber, md.Offset, md.MsgFlags, qmsg_len(m) };
	}
	*out = v;
	*nout = n;
	return QM_OK;
}

/* The segments of logical message seq from Offset off to its last segment,
 * contiguous, in order, into set (NULL: only say whether they are there).
 * 1 when they are all there. */
static int chain(const struct gmem *v, size_t n, MQLONG seq, MQLONG off, struct grp_set *set)
{
	unsigned k = 0;
	for (;;) {
		const struct gmem *s = NULL;
		for (size_t i = 0; i < n && !s; i++)
			if (v[i].seq == seq && v[i].off == off)
				s = &v[i];
		if (!s)
			return 0;
		if (set) {
			if (k == set->cap) {
				unsigned nc = set->cap ? 2 * set->cap : 16;
				struct qmsg **nm = realloc(set->m, nc * sizeof *nm);
				if (!nm)
					return 0;
				set->m = nm;
				set->cap = nc;
			}
			set->m[k] = s->m;
			set->n = ++k;
		}
		if (!(s->flags & MF_SEG) || (s->flags & MQMF_LAST_SEGMENT))
			return 1;
		if (s->len == 0)
			return 0;
		off += (MQLONG)s->len;
	}
}

/* Every logical message of the group there, whole. */
static int group_whole(const struct gmem *v, size_t n)
{
	MQLONG last = 0;
	for (size_t i = 0; i < n; i++)
		if (v[i].flags & MQMF_LAST_MSG_IN_GROUP)
			last = v[i].seq;
	if (!last)
		return 0;
	for (MQLONG s = 1; s <= last; s++)
		if (!chain(v, n, s, 0, NULL))
			return 0;
	return 1;
}

/* The finder's test (queue.h: qmatch.accept). */
static int accept(struct queue *q, struct qmsg *m, void *arg)
{
	(void)q;
	struct grp_find *gf = arg;
	MQLONG o = gf->mo;
	if ((o & MQMO_MATCH_MSG_TOKEN) && qmsg_seq(m) != gf->token)
		return 0;
	MQMD md;
	if (store_msg_md(gf->qm, gf->base, m, &md) != QM_OK)
		return 1;   /* the get's own read of it fails and says why */
	MQLONG f = md.MsgFlags;
	if (gf->next) {   /* the next in logical order: (gid matched by the finder) */
		if (md.MsgSeqNumber != gf->want_seq || md.Offset != gf->want_off || (gf->want_seg && !(f & MF_SEG)))
			return 0;
		if (!(f & MF_SEG) || gf->want_seg || !gf->all_segs)
			return 1;
		/* the first segment of the group's next logical message, with
		 * ALL_SEGMENTS_AVAILABLE: only when all of it is there */
		struct gmem *v;
		size_t n;
		if (scan_group(gf->qm, gf->base, md.GroupId, &v, &n) != QM_OK)
			return 0;
		int ok = chain(v, n, md.MsgSeqNumber, 0, NULL);
		free(v);
		return ok;
	}
	if ((o & MQMO_MATCH_MSG_SEQ_NUMBER) && md.MsgSeqNumber != gf->seq)
		return 0;
	if ((o & MQMO_MATCH_OFFSET) && md.Offset != gf->off)
		return 0;
	if (gf->logical && (md.MsgSeqNumber != 1 || md.Offset != 0))
		return 0;
	int ingrp = (f & MF_GROUP) != 0, seg = (f & MF_SEG) != 0;
	if (!gf->all_msgs && !gf->all_segs && !gf->complete)
		return 1;
	if (!ingrp && !seg)
		return 1;
	if (gf->complete && seg && md.Offset != 0)
		return 0;
	struct gmem *v;
	size_t n;
	if (scan_group(gf->qm, gf->base, md.GroupId, &v, &n) != QM_OK)
		return 0;
	int ok = 1;
	if (gf->all_msgs && ingrp && !group_whole(v, n))
		ok = 0;
	if (ok && (gf->all_segs || gf->complete) && seg && !chain(v, n, md.MsgSeqNumber, 0, NULL))
		ok = 0;
	free(v);
	return ok;
}

MQLONG grp_get_check(struct hobj *h, const MQMD *md, const MQGMO *gmo)
{
	if (gmo->Version < MQGMO_VERSION_2)
		return gmo->Options & (MQGMO_LOGICAL_ORDER | MQGMO_COMPLETE_MSG | MQGMO_ALL_MSGS_AVAILABLE |
				       MQGMO_ALL_SEGMENTS_AVAILABLE) ? MQRC_WRONG_GMO_VERSION : MQRC_NONE;
	MQLONG mo = gmo->MatchOptions;
	if (mo & ~(MQLONG)(MQMO_MATCH_MSG_ID | MQMO_MATCH_CORREL_ID | MQMO_MATCH_GROUP_ID | MQMO_MATCH_MSG_SEQ_NUMBER |
			   MQMO_MATCH_OFFSET | MQMO_MATCH_MSG_TOKEN))
		return MQRC_MATCH_OPTIONS_ERROR;
	if ((mo & (MQMO_MATCH_GROUP_ID | MQMO_MATCH_MSG_SEQ_NUMBER | MQMO_MATCH_OFFSET)) && md->Version < MQMD_VERSION_2)
		return MQRC_WRONG_MD_VERSION;
	if ((mo & MQMO_MATCH_MSG_TOKEN) && gmo->Version < MQGMO_VERSION_3)
		return MQRC_WRONG_GMO_VERSION;
	MQLONG o = gmo->Options;
	if ((o & MQGMO_BROWSE_NEXT) && h->grp && h->grp->browse_logical >= 0 &&
	    h->grp->browse_logical != ((o & MQGMO_LOGICAL_ORDER) != 0))
		return MQRC_INCONSISTENT_BROWSE;
	return MQRC_NONE;
}

MQLONG grp_match(struct qm *qm, struct hobj *h, const MQMD *md, const MQGMO *gmo, struct qmatch *mt,
		 struct grp_find *gf)
{
	memset(gf, 0, sizeof *gf);
	gf->qm = qm;
	gf->base = h->base;
	MQLONG o = gmo->Options;
	if (gmo->Version < MQGMO_VERSION_2 || (o & (MQGMO_MSG_UNDER_CURSOR | MQGMO_BROWSE_MSG_UNDER_CURSOR)))
		return MQRC_NONE;
	gf->mo = gmo->MatchOptions & (MQMO_MATCH_MSG_SEQ_NUMBER | MQMO_MATCH_OFFSET | MQMO_MATCH_MSG_TOKEN);
	if (md->Version < MQMD_VERSION_2)
		gf->mo &= ~(MQLONG)(MQMO_MATCH_MSG_SEQ_NUMBER | MQMO_MATCH_OFFSET);
	if (gmo->Version < MQGMO_VERSION_3)
		gf->mo &= ~(MQLONG)MQMO_MATCH_MSG_TOKEN;
	gf->seq = md->MsgSeqNumber;
	gf->off = md->Offset;
	for (int i = 0; i < 8; i++)
		gf->token |= (uint64_t)gmo->MsgToken[i] << (8 * i);
	gf->complete = (o & MQGMO_COMPLETE_MSG) != 0;
	gf->all_segs = (o & MQGMO_ALL_SEGMENTS_AVAILABLE) != 0;
	gf->all_msgs = (o & MQGMO_ALL_MSGS_AVAILABLE) != 0;
	gf->logical = (o & MQGMO_LOGICAL_ORDER) != 0;
	if (gf->logical) {
		int browse = (o & (MQGMO_BROWSE_FIRST | MQGMO_BROWSE_NEXT)) != 0;
		struct grp_handle *g = grp_of(h);
		if (!g)
			return MQRC_STORAGE_NOT_AVAILABLE;
		if (o & MQGMO_BROWSE_FIRST)
			memset(&g->browse, 0, sizeof g->browse);
		const struct grp_pos *p = browse ? &g->browse : &g->get;
		if (p->in_msg || p->in_group) {
			/* only the next one, found by the queue manager's values */
			gf->next = 1;
			gf->all_msgs = 0;   /* (tested when the group started) */
			gf->want_seq = p->in_msg ? p->seq : p->seq + 1;
			gf->want_off = p->in_msg ? p->next_off : 0;
			gf->want_seg = p->in_msg;
			gf->start_off = gf->want_off;
			gf->user_mo = gmo->MatchOptions;
			gf->user_md = *md;
			if (md->Version < MQMD_VERSION_2)
				gf->user_mo &= ~(MQLONG)(MQMO_MATCH_GROUP_ID | MQMO_MATCH_MSG_SEQ_NUMBER | MQMO_MATCH_OFFSET);
			mt->options = MQMO_MATCH_GROUP_ID;
			memcpy(mt->group_id, p->gid, sizeof mt->group_id);
			gf->from_start = 1;
			gf->keep_cursor = browse;
		}
	}
	if (gf->mo || gf->logical || gf->complete || gf->all_segs || gf->all_msgs) {
		mt->accept = accept;
		mt->accept_arg = gf;
	}
	return MQRC_NONE;
}

static int same(const void *a, const void *b, size_t n)
{
	return memcmp(a, b, n) == 0;
}

MQLONG grp_found(const struct grp_find *gf, const struct qmsg *m, const MQMD *mmd)
{
	if (!gf->next)
		return MQRC_NONE;
	MQLONG o = gf->user_mo;
	const MQMD *u = &gf->user_md;
	static const MQBYTE24 none;
	if ((o & MQMO_MATCH_MSG_ID) && !same(u->MsgId, none, 24) && !same(u->MsgId, mmd->MsgId, 24))
		return MQRC_MATCH_OPTIONS_ERROR;
	if ((o & MQMO_MATCH_CORREL_ID) && !same(u->CorrelId, none, 24) && !same(u->CorrelId, mmd->CorrelId, 24))
		return MQRC_MATCH_OPTIONS_ERROR;
	if ((o & MQMO_MATCH_GROUP_ID) && !same(u->GroupId, none, 24) && !same(u->GroupId, mmd->GroupId, 24))
		return MQRC_MATCH_OPTIONS_ERROR;
	if ((o & MQMO_MATCH_MSG_SEQ_NUMBER) && u->MsgSeqNumber != mmd->MsgSeqNumber)
		return MQRC_MATCH_OPTIONS_ERROR;
	if ((o & MQMO_MATCH_OFFSET) && u->Offset != mmd->Offset)
		return MQRC_MATCH_OPTIONS_ERROR;
	if ((o & MQMO_MATCH_MSG_TOKEN) && gf->token != qmsg_seq(m))
		return MQRC_MATCH_OPTIONS_ERROR;
	return MQRC_NONE;
}

int grp_complete(struct qm *qm, const struct grp_find *gf, struct qmsg *m, MQMD *mmd, const void **body,
		 void **owned, struct grp_set *set)
{
	if (!gf->complete || !(mmd->MsgFlags & MF_SEG))
		return QM_OK;
	struct gmem *v;
	size_t n;
	int rc = scan_group(qm, gf->base, mmd->GroupId, &v, &n);
	if (rc)
		return rc;
	set->n = 0;
	int whole = chain(v, n, mmd->MsgSeqNumber, mmd->Offset, set);
	free(v);
	if (!whole || set->n == 0 || set->m[0] != m) {
		set->n = 0;
		return QM_ENOTFOUND;
	}
	size_t total = 0;
	for (unsigned i = 0; i < set->n; i++)
		total += qmsg_len(set->m[i]);
	uint8_t *buf = malloc(total ? total : 1);
	if (!buf) {
		set->n = 0;
		return QM_ENOMEM;
	}
	size_t at = 0;
	MQLONG lastflags = mmd->MsgFlags;
	for (unsigned i = 0; i < set->n; i++) {
		MQMD sm;
		const void *d;
		void *own;
		if ((rc = store_msg_load(qm, gf->base, set->m[i], &sm, &d, &own)) != QM_OK) {
			free(buf);
			set->n = 0;
			return rc;
		}
		uint32_t l = qmsg_len(set->m[i]);
		if (l)
			memcpy(buf + at, d, l);
		at += l;
		lastflags = sm.MsgFlags;
		free(own);
	}
	free(*owned);
	*owned = buf;
	*body = buf;
	set->len = (uint32_t)total;
	/* the first segment's descriptor, flagged as the only (last) segment;
	 * the group flags of the last segment (they are the same on all) */
	mmd->MsgFlags = (mmd->MsgFlags & ~(MQLONG)(MF_SEG | MF_GROUP)) | MQMF_LAST_SEGMENT | (lastflags & MF_GROUP);
	return QM_OK;
}

/* ---- MQGET: after the message is found ----------------------------------------------- */

void grp_status(MQGMO *gmo, const MQMD *md)
{
	if (gmo->Version < MQGMO_VERSION_2)
		return;
	MQLONG f = md->MsgFlags;
	gmo->GroupStatus = (f & MQMF_LAST_MSG_IN_GROUP) ? MQGS_LAST_MSG_IN_GROUP :
			   (f & MQMF_MSG_IN_GROUP) ? MQGS_MSG_IN_GROUP : MQGS_NOT_IN_GROUP;
	gmo->SegmentStatus = (f & MQMF_LAST_SEGMENT) ? MQSS_LAST_SEGMENT :
			     (f & MQMF_SEGMENT) ? MQSS_SEGMENT : MQSS_NOT_A_SEGMENT;
	gmo->Segmentation = (f & MQMF_SEGMENTATION_ALLOWED) ? MQSEG_ALLOWED : MQSEG_INHIBITED;
}

MQLONG grp_get_rules(const struct hobj *h, const MQGMO *gmo, int sync, MQLONG *cc)
{
	*cc = MQCC_OK;
	MQLONG o = gmo->Options;
	if ((o & (MQGMO_BROWSE_FIRST | MQGMO_BROWSE_NEXT | MQGMO_BROWSE_MSG_UNDER_CURSOR)) || !h->grp)
		return MQRC_NONE;
	const struct grp_pos *p = &h->grp->get;
	int open = p->in_msg || p->in_group;
	if (o & MQGMO_LOGICAL_ORDER) {
		if (open && p->sync != sync) {
			*cc = MQCC_FAILED;
			return MQRC_INCONSISTENT_UOW;
		}
		return MQRC_NONE;
	}
	if (!h->grp->get_last_logical || !open)
		return MQRC_NONE;
	*cc = MQCC_WARNING;
	MQLONG rc = incomplete(p);
	return rc ? rc : MQRC_INCONSISTENT_UOW;
}

void grp_got(struct hobj *h, const MQGMO *gmo, const MQMD *mmd, uint32_t len, int sync)
{
	MQLONG o = gmo->Options;
	int browse = (o & (MQGMO_BROWSE_FIRST | MQGMO_BROWSE_NEXT)) != 0;
	int logical = gmo->Version >= MQGMO_VERSION_2 && (o & MQGMO_LOGICAL_ORDER);
	if (o & (MQGMO_BROWSE_MSG_UNDER_CURSOR | MQGMO_MSG_UNDER_CURSOR)) {
		if (!(o & MQGMO_MSG_UNDER_CURSOR))
			return;
	}
	struct grp_handle *g = logical || (mmd->MsgFlags & MF_KNOWN) ? grp_of(h) : h->grp;
	if (!g)
		return;
	/* the place follows every message got, with LOGICAL_ORDER or without,
	 * so that an application may switch to it in the middle of a group */
	if (browse) {
		g->browse_logical = logical;
		pos_after(&g->browse, mmd->GroupId, mmd->MsgSeqNumber, mmd->Offset, mmd->MsgFlags, len, 0);
		return;
	}
	g->get_last_logical = logical;
	pos_after(&g->get, mmd->GroupId, mmd->MsgSeqNumber, mmd->Offset, mmd->MsgFlags, len, sync);
}

/* ---- MQGET: removing a logical message's segments ------------------------------------ */

MQLONG grp_remove(struct qm *qm, struct conn *c, struct qobj *base, const struct grp_set *set, int sync,
		  struct pending **park, uint64_t *lsn)
{
	*park = NULL;
	*lsn = 0;
	unsigned np = 0;
	for (unsigned i = 0; i < set->n; i++)
		if (qmsg_put_lsn(set->m[i]))
			np++;
	if (sync && (c->uow_active ? c->uow.nmsgs : 0) + set->n > (uint64_t)qm->os.qmgr.max_uncommitted_msgs)
		return MQRC_SYNCPOINT_LIMIT_REACHED;
	for (unsigned i = 0; i < set->n; i++)
		if ((sync || np) && qmsg_uow_room(set->m[i]) != QM_OK)
			return MQRC_STORAGE_NOT_AVAILABLE;
	struct queue *q = base->q;
	int64_t now = qm_now_ms();
	if (sync) {
		mqi_uow_begin(qm, c);
		for (unsigned i = 0; i < set->n; i++) {
			struct qmsg *m = set->m[i];
			uint64_t pl = qmsg_put_lsn(m);
			if (pl) {
				uint8_t buf[80];
				uint64_t l;
				int k = qmlog_enc_get_at(buf, sizeof buf, base->def.name, pl, now);
				int lrc = k < 0 ? k : mqi_log_op(qm, c, 1, LOG_REC_MSG_GET, base->def.name, buf, (size_t)k, &l, &l);
				if (lrc) {
					/* the ones logged are the unit of work's (the log
					 * says so); the caller is told it failed and backs out */
					for (unsigned j = 0; j < i; j++)
						queue_hide(q, set->m[j], &c->uow);
					return mqi_log_reason(lrc);
				}
			}
		}
		for (unsigned i = 0; i < set->n; i++)
			queue_hide(q, set->m[i], &c->uow);
		return MQRC_NONE;
	}
	if (!np) {
		for (unsigned i = 0; i < set->n; i++) {
			queue_remove(q, set->m[i]);
			qmsg_free(set->m[i]);
		}
		return MQRC_NONE;
	}
	/* outside syncpoint: a unit of work of its own in the log, so that
	 * restart applies every segment's removal or none */
	struct pending *p = calloc(1, sizeof *p);
	if (!p)
		return MQRC_STORAGE_NOT_AVAILABLE;
	uint64_t id = ++qm->next_log_uow_id, first = 0, l;
	qm->step_uow_id = id;   /* a checkpoint meanwhile (a full log) lists it */
	qm->step_uow_first = 0;
	for (unsigned i = 0; i < set->n; i++) {
		uint64_t pl = qmsg_put_lsn(set->m[i]);
		if (!pl)
			continue;
		uint8_t buf[80];
		int k = qmlog_enc_get_at(buf, sizeof buf, base->def.name, pl, now);
		int lrc = k < 0 ? k : dur_append(qm, LOG_REC_MSG_GET, id, base->def.name, buf, (size_t)k, 0, &l, NULL);
		if (lrc) {
			qm->step_uow_id = 0;
			free(p);   /* no commit record: restart backs out what was appended */
			return mqi_log_reason(lrc);
		}
		if (!first)
			first = qm->step_uow_first = l;
	}
#ifdef QUIRE_TEST_HOOKS
	/* a crash with the segments' records durable and the commit not yet
	 * (t6100's kill -9 test): restart must back the whole get out */
	if (getenv("QM_CRASH_AT") && qm->lg)
		log_flush(qm->lg, l);
#endif
	qm_crashpoint("grp-get");
	uint8_t ub[32];
	struct qmlog_uow u = { .time_ms = now, .ops = np };
	int k = qmlog_enc_uow(ub, sizeof ub, &u);
	int lrc = k < 0 ? k : dur_append(qm, LOG_REC_UOW_COMMIT, id, NULL, ub, (size_t)k, LOG_APPEND_RESERVED, lsn, NULL);
	qm->step_uow_id = 0;   /* from here the parked reply keeps its records (p->first) */
	if (lrc) {
		free(p);
		return mqi_log_reason(lrc);
	}
	uow_init(&p->tuow, mqi_new_uow_id(qm));
	for (unsigned i = 0; i < set->n; i++)
		queue_hide(q, set->m[i], &p->tuow);
	p->first = first;
	*park = p;
	return MQRC_NONE;
}
