/*
 * mqiserv_mde.c: the MQMDE (message descriptor extension, MQFMT_MD_EXTENSION)
 * that carries an MQMD version 2's fields (GroupId, MsgSeqNumber, Offset,
 * MsgFlags, OriginalLength) in front of the data for applications using an
 * MQMD version 1, as MQ does it on distributed platforms.  mqiserv_put.c and
 * mqiserv_get.c call in through two hooks (mqiserv.h, "mqiserv_mde.c").
 *
 * The MQMDE (cmqc.h; 72 bytes, its numbers in the queue manager's encoding,
 * its characters in the queue manager's CCSID):
 *   StrucId "MDE ", Version 2, StrucLength 72, Encoding, CodedCharSetId and
 *   Format of the data after it, Flags (MQMDEF_NONE), GroupId, MsgSeqNumber,
 *   Offset, MsgFlags, OriginalLength.
 *
 * MQPUT and MQPUT1 (mde_put, before the group and segment checks):
 *   - an MQMD whose Format is MQFMT_MD_EXTENSION says the data starts with an
 *     MQMDE.  It is honoured when the MQMD is version 1, or version 2 with
 *     every version-2 field at its default (GroupId MQGI_NONE, MsgSeqNumber
 *     1, Offset 0, MsgFlags MQMF_NONE, OriginalLength MQOL_UNDEFINED); an
 *     MQMD version 2 with any of them set keeps the MQMDE as message data
 *     (MQ's table "Queue manager action when MQMDE specified on MQPUT");
 *   - an MQMDE not in the queue manager's encoding (the MQMD's Encoding's
 *     integer part, the only part an MQMDE has numbers in) or CCSID (the
 *     MQMD's CodedCharSetId, MQCCSI_Q_MGR being the queue manager's) is
 *     message data, as is one of a Version above 2 (a later version, which
 *     MQ treats as data: "unsupported version");
 *   - one that is not valid fails the put with 2248 MQRC_MDE_ERROR, nothing
 *     done: the data shorter than 72 bytes, StrucId not "MDE ", Version below
 *     2, StrucLength not 72, CodedCharSetId 0 or negative other than
 *     MQCCSI_INHERIT (which stands for the MQMDE's own CCSID and is replaced
 *     by it);
 *   - an honoured MQMDE is taken off the data: its five fields become the
 *     message's version-2 fields, its Format, Encoding and CodedCharSetId
 *     the message's, and the put goes on as one with an MQMD version 2 of
 *     those values (the group and segment checks, 2249-2253, MQPMO_LOGICAL_
 *     ORDER, segmentation by the queue manager: mqiserv_group.c).  The MQMD
 *     the application gets back is its own version's: a version 1 sees none
 *     of the version-2 values (MQ: "if the application needs these output
 *     values, it must use a version-2 MQMD").
 *
 * MQGET (mde_get, after the message's properties are split off and before
 * any conversion):
 *   - an MQMD version 1 gets a message whose version-2 fields are not all at
 *     their defaults with an MQMDE in front of its data: the MQMDE holds them
 *     and the message's Format, Encoding and CodedCharSetId, Flags
 *     MQMDEF_NONE; the MQMD returned says MQFMT_MD_EXTENSION, MQENC_NATIVE
 *     and the queue manager's CCSID.  A message at the defaults gets none;
 *     an MQMD version 2 never gets one;
 *   - the MQMDE is part of the data from then on: DataLength counts its 72
 *     bytes, a buffer too short for the MQMDE and the data truncates them
 *     together (2080, or 2079 with MQGMO_ACCEPT_TRUNCATED_MSG), and
 *     MQGMO_CONVERT converts the MQMDE and what follows it as any message of
 *     format MQFMT_MD_EXTENSION (convert_hdr.c), the MQMD then saying the
 *     converted MQMDE's CCSID and Encoding;
 *   - an MQMDE the application left at the start of its buffer is ignored
 *     (the buffer is output only).
 *
 * MQ's special case (mde_dlh_segment, after the group and segment checks):
 * a segment (MQMF_SEGMENT or MQMF_LAST_SEGMENT) put with version-2 fields
 * and Format MQFMT_DEAD_LETTER_HEADER gets an MQMDE made by the queue
 * manager between the MQDLH and the data after it: the MQMDE takes the
 * MQDLH's Encoding, CodedCharSetId and Format and the segment's version-2
 * fields, the MQDLH then says MQFMT_MD_EXTENSION, MQENC_NATIVE and the
 * queue manager's CCSID, and the MQMD kept with the message has its
 * version-2 fields at their defaults (the message is no segment on the
 * queue; its 72 more bytes are the queue manager's, not measured against
 * MAXMSGL).  The MQMD returned to the putter says what it put.  Only an
 * MQDLH in the queue manager's integer encoding, whole and with StrucId
 * "DLH ", is changed (another is left as it is: our choice, MQ is silent).
 *
 * Not served: an MQMDE after another header (an MQDLH's, an MQXQH's) on a
 * put is message data, as MQ's queue manager does on a local queue (MQ
 * honours one there in messages its channels move, which Quire does not
 * have).
 */
#include "qm/server/mqiserv.h"

#include <stdlib.h>
#include <string.h>

/* Are the version-2 fields of md at their defaults? */
static int v2_default(const MQMD *md)
{
	static const MQBYTE24 none;
	return memcmp(md->GroupId, none, sizeof none) == 0 && md->MsgSeqNumber == 1 && md->Offset == 0 &&
	       md->MsgFlags == MQMF_NONE && md->OriginalLength == MQOL_UNDEFINED;
}

MQLONG mde_put(struct qm *qm, MQMD *md, const uint8_t **data, uint32_t *len)
{
	if (memcmp(md->Format, MQFMT_MD_EXTENSION, MQ_FORMAT_LENGTH) != 0)
		return MQRC_NONE;
	if (md->Version >= MQMD_VERSION_2 && !v2_default(md))
		return MQRC_NONE;   /* the MQMDE is data */
	MQLONG qccsid = qm->os.qmgr.ccsid;
	MQLONG ccsid = md->CodedCharSetId == MQCCSI_Q_MGR ? qccsid : md->CodedCharSetId;
	if ((md->Encoding & MQENC_INTEGER_MASK) != (MQENC_NATIVE & MQENC_INTEGER_MASK) || ccsid != qccsid)
		return MQRC_NONE;   /* not in the queue manager's encoding and CCSID: data */
	if (*len < sizeof(MQMDE))
		return MQRC_MDE_ERROR;
	MQMDE e;
	memcpy(&e, *data, sizeof e);
	if (memcmp(e.StrucId, MQMDE_STRUC_ID, 4) != 0 || e.Version < MQMDE_VERSION_2)
		return MQRC_MDE_ERROR;
	if (e.Version > MQMDE_VERSION_2)
		return MQRC_NONE;   /* a later version: data */
	if (e.StrucLength != MQMDE_LENGTH_2)
		return MQRC_MDE_ERROR;
	if (e.CodedCharSetId == 0 || (e.CodedCharSetId < 0 && e.CodedCharSetId != MQCCSI_INHERIT))
		return MQRC_MDE_ERROR;
	md->Encoding = e.Encoding;
	md->CodedCharSetId = e.CodedCharSetId == MQCCSI_INHERIT ? qccsid : e.CodedCharSetId;
	memcpy(md->Format, e.Format, MQ_FORMAT_LENGTH);
	memcpy(md->GroupId, e.GroupId, sizeof md->GroupId);
	md->MsgSeqNumber = e.MsgSeqNumber;
	md->Offset = e.Offset;
	md->MsgFlags = e.MsgFlags;
	md->OriginalLength = e.OriginalLength;
	md->Version = MQMD_VERSION_2;   /* the caller gives its own back */
	*data += sizeof e;
	*len -= (uint32_t)sizeof e;
	return MQRC_NONE;
}

int mde_get(struct qm *qm, const MQMD *want, const MQMD **mmd, const void **body, uint32_t *len, MQMD *xmd,
	    void **owned)
{
	const MQMD *m = *mmd;
	*owned = NULL;
	if (want->Version >= MQMD_VERSION_2 || v2_default(m))
		return 0;
	uint8_t *b = malloc(sizeof(MQMDE) + *len);
	if (!b)
		return -1;
	MQMDE e = { MQMDE_DEFAULT };
	e.Encoding = m->Encoding;
	e.CodedCharSetId = m->CodedCharSetId;
	memcpy(e.Format, m->Format, MQ_FORMAT_LENGTH);
	memcpy(e.GroupId, m->GroupId, sizeof e.GroupId);
	e.MsgSeqNumber = m->MsgSeqNumber;
	e.Offset = m->Offset;
	e.MsgFlags = m->MsgFlags;
	e.OriginalLength = m->OriginalLength;
	memcpy(b, &e, sizeof e);
	if (*len)
		memcpy(b + sizeof e, *body, *len);
	*xmd = *m;
	memcpy(xmd->Format, MQFMT_MD_EXTENSION, MQ_FORMAT_LENGTH);
	xmd->Encoding = MQENC_NATIVE;
	xmd->CodedCharSetId = qm->os.qmgr.ccsid;
	*mmd = xmd;
	*body = b;
	*len += (uint32_t)sizeof e;
	*owned = b;
	return 0;
}

int mde_dlh_segment(struct qm *qm, const MQMD *md, const uint8_t *data, uint32_t len, MQMD *smd, uint8_t **out,
		    uint32_t *outlen)
{
	*out = NULL;
	if (md->Version < MQMD_VERSION_2 || !(md->MsgFlags & (MQMF_SEGMENT | MQMF_LAST_SEGMENT)) ||
	    memcmp(md->Format, MQFMT_DEAD_LETTER_HEADER, MQ_FORMAT_LENGTH) != 0 || len < sizeof(MQDLH) ||
	    (md->Encoding & MQENC_INTEGER_MASK) != (MQENC_NATIVE & MQENC_INTEGER_MASK))
		return 0;
	MQDLH d;
	memcpy(&d, data, sizeof d);
	if (memcmp(d.StrucId, MQDLH_STRUC_ID, 4) != 0)
		return 0;
	uint8_t *b = malloc((size_t)len + sizeof(MQMDE));
	if (!b)
		return -1;
	MQMDE e = { MQMDE_DEFAULT };
	e.Encoding = d.Encoding;
	e.CodedCharSetId = d.CodedCharSetId;
	memcpy(e.Format, d.Format, MQ_FORMAT_LENGTH);
	memcpy(e.GroupId, md->GroupId, sizeof e.GroupId);
	e.MsgSeqNumber = md->MsgSeqNumber;
	e.Offset = md->Offset;
	e.MsgFlags = md->MsgFlags;
	e.OriginalLength = md->OriginalLength;
	d.Encoding = MQENC_NATIVE;
	d.CodedCharSetId = qm->os.qmgr.ccsid;
	memcpy(d.Format, MQFMT_MD_EXTENSION, MQ_FORMAT_LENGTH);
	memcpy(b, &d, sizeof d);
	memcpy(b + sizeof d, &e, sizeof e);
	memcpy(b + sizeof d + sizeof e, data + sizeof d, len - sizeof d);
	*smd = *md;
	memset(smd->GroupId, 0, sizeof smd->GroupId);
	smd->MsgSeqNumber = 1;
	smd->Offset = 0;
	smd->MsgFlags = MQMF_NONE;
	smd->OriginalLength = MQOL_UNDEFINED;
	*out = b;
	*outlen = len + (uint32_t)sizeof e;
	return 1;
}
