/*
 * sub.c: MQSUB (issue 14, publish/subscribe), and the MQCHARV strings that
 * MQOPEN, MQPUT1 and MQSUB send (ObjectString) and receive (ResObjectString).
 *
 * An MQCHARV names its string by VSPtr, or by VSOffset from the start of the
 * structure holding it (never both); VSLength is the length, or
 * MQVS_NULL_TERMINATED.  Refused, with the reason the caller says (2441
 * OBJECT_STRING_ERROR, 2440 SUB_NAME_ERROR, 2431 SUB_USER_DATA_ERROR, 2519
 * SELECTION_STRING_ERROR): VSLength below -1, a length with neither pointer
 * nor offset, both pointer and offset, a negative offset, longer than the
 * field allows (10240).  A topic string's VSCCSID: MQCCSI_APPL (-3) and 1208
 * pass the bytes as they are; an ASCII-based single-byte CCSID (367, 437,
 * 819, 850, 923, 1051, 1252) when every byte is ASCII; anything else is 2425
 * MQRC_TOPIC_STRING_ERROR (MQ: "conversion cannot be performed").
 * ResObjectString: the resolved string written up to VSBufSize bytes,
 * VSLength its whole length, VSCCSID 1208 (a short buffer is no error: the
 * caller sees VSLength > VSBufSize).
 *
 * MQSUBRQ sends PROTO_SUBRQ (its MQSRO, when given, checked: 2438).
 * MQSUB sends PROTO_SUB (qm/proto.h): the MQSD (pointers zeroed), the Hobj
 * given, the four strings; the reply's Hobj (the managed queue's, or the one
 * given), Hsub, MQSD outputs (SubCorrelId, PubAccountingToken,
 * PubApplIdentityData), the resolved topic string, and on a resume or alter
 * the subscription's selection string, written into MQSD.SelectionString as
 * ResObjectString is (MQ returns it so when a buffer is given; VSLength
 * always).
 */
#include "qm/mqi/mqm_int.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static int ascii_ccsid(MQLONG c)
{
	return c == 367 || c == 437 || c == 819 || c == 850 || c == 923 || c == 1051 || c == 1252;
}

MQLONG mqm_charv_get(const void *struc, const MQCHARV *v, size_t max, MQLONG err, int topic, const char **s,
		     uint32_t *len)
{
	*s = "";
	*len = 0;
	if (v->VSLength < MQVS_NULL_TERMINATED || v->VSOffset < 0)
		return err;
	if (v->VSLength == 0)
		return MQRC_NONE;
	if (v->VSPtr && v->VSOffset)
		return err;
	const char *p = v->VSPtr ? (const char *)v->VSPtr : v->VSOffset ? (const char *)struc + v->VSOffset : NULL;
	if (!p)
		return err;
	size_t n = v->VSLength == MQVS_NULL_TERMINATED ? strnlen(p, max + 1) : (size_t)v->VSLength;
	if (n > max)
		return err;
	if (topic && v->VSCCSID != MQCCSI_APPL && v->VSCCSID != 1208) {
		if (!ascii_ccsid(v->VSCCSID))
			return MQRC_TOPIC_STRING_ERROR;
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)p[i] >= 0x80)
				return MQRC_TOPIC_STRING_ERROR;
	}
	*s = p;
	*len = (uint32_t)n;
	return MQRC_NONE;
}

MQLONG mqm_charv_check_out(const MQCHARV *v, MQLONG err)
{
	if (v->VSBufSize < 0 || v->VSOffset < 0 || (v->VSPtr && v->VSOffset))
		return err;
	if (v->VSBufSize > 0 && !v->VSPtr && !v->VSOffset)
		return err;
	return MQRC_NONE;
}

void mqm_charv_put(void *struc, MQCHARV *v, const uint8_t *s, uint32_t len)
{
	char *p = v->VSPtr ? (char *)v->VSPtr : v->VSOffset ? (char *)struc + v->VSOffset : NULL;
	uint32_t n = len;
	if (v->VSBufSize < 0 || !p)
		n = 0;
	else if ((uint32_t)v->VSBufSize < n)
		n = (uint32_t)v->VSBufSize;
	if (n)
		memcpy(p, s, n);
	v->VSLength = (MQLONG)len;
	v->VSCCSID = 1208;
}

#define SO_KNOWN (MQSO_ALTER | MQSO_CREATE | MQSO_RESUME | MQSO_DURABLE | MQSO_GROUP_SUB | MQSO_MANAGED | \
		  MQSO_SET_IDENTITY_CONTEXT | MQSO_NO_MULTICAST | MQSO_FIXED_USERID | MQSO_ANY_USERID | \
		  MQSO_PUBLICATIONS_ON_REQUEST | MQSO_NEW_PUBLICATIONS_ONLY | MQSO_FAIL_IF_QUIESCING | \
		  MQSO_ALTERNATE_USER_AUTHORITY | MQSO_WILDCARD_CHAR | MQSO_WILDCARD_TOPIC | MQSO_SET_CORREL_ID | \
		  MQSO_SCOPE_QMGR | MQSO_NO_READ_AHEAD | MQSO_READ_AHEAD)

/* MQ's rules for the MQSD options (the MQSD "Options" page): 2046 or 0. */
MQLONG mqm_check_sub_options(MQLONG o)
{
	if (o & ~(MQLONG)SO_KNOWN)
		return MQRC_OPTIONS_ERROR;
	if (!(o & (MQSO_ALTER | MQSO_CREATE | MQSO_RESUME)))
		return MQRC_OPTIONS_ERROR;
	if ((o & MQSO_GROUP_SUB) && ((o & MQSO_MANAGED) || !(o & MQSO_SET_CORREL_ID)))
		return MQRC_OPTIONS_ERROR;
	if ((o & MQSO_FIXED_USERID) && (o & MQSO_ANY_USERID))
		return MQRC_OPTIONS_ERROR;
	if ((o & MQSO_NEW_PUBLICATIONS_ONLY) && ((o & MQSO_PUBLICATIONS_ON_REQUEST) || !(o & MQSO_CREATE)))
		return MQRC_OPTIONS_ERROR;
	if ((o & MQSO_WILDCARD_CHAR) && (o & MQSO_WILDCARD_TOPIC))
		return MQRC_OPTIONS_ERROR;
	if ((o & MQSO_READ_AHEAD) && (o & MQSO_NO_READ_AHEAD))
		return MQRC_OPTIONS_ERROR;
	return MQRC_NONE;
}

#define SUB_REP_FIXED (8 + 4 + 4 + sizeof(MQSD) + 4)

void MQENTRY MQSUB(MQHCONN Hconn, PMQVOID pSubDesc, PMQHOBJ pHobj, PMQHOBJ pHsub, PMQLONG pCompCode,
		   PMQLONG pReason)
{
	struct mqm_conn *c;
	MQLONG rc, cc, r;
	MQSD sd;
	const char *str[4] = { "", "", "", "" };
	uint32_t len[4] = { 0, 0, 0, 0 };

	if (!pCompCode || !pReason)
		return;
	rc = mqm_conn_get(Hconn, &c);
	if (rc) {
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
		return;
	}
	MQSD *u = pSubDesc;
	if (!u || memcmp(u->StrucId, MQSD_STRUC_ID, 4) != 0 || u->Version != MQSD_VERSION_1)
		rc = MQRC_SD_ERROR;
	if (!rc && (!pHobj || !pHsub))
		rc = MQRC_HOBJ_ERROR;
	if (!rc)
		rc = mqm_check_sub_options(u->Options);
	if (!rc)
		rc = mqm_charv_get(u, &u->ObjectString, MQ_TOPIC_STR_LENGTH, MQRC_OBJECT_STRING_ERROR, 1, &str[0], &len[0]);
	if (!rc)
		rc = mqm_charv_get(u, &u->SubName, MQ_TOPIC_STR_LENGTH, MQRC_SUB_NAME_ERROR, 0, &str[1], &len[1]);
	if (!rc)
		rc = mqm_charv_get(u, &u->SubUserData, MQ_TOPIC_STR_LENGTH, MQRC_SUB_USER_DATA_ERROR, 0, &str[2], &len[2]);
	if (!rc)
		rc = mqm_charv_get(u, &u->SelectionString, MQ_TOPIC_STR_LENGTH, MQRC_SELECTION_STRING_ERROR, 0, &str[3],
				   &len[3]);
	if (!rc)
		rc = mqm_charv_check_out(&u->ResObjectString, MQRC_RES_OBJECT_STRING_ERROR);
	if ((rc = mqm_enter(c, rc)) != 0) {
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
		return;
	}
	sd = *u;
	sd.ObjectString.VSPtr = sd.SubName.VSPtr = sd.SubUserData.VSPtr = NULL;
	sd.SelectionString.VSPtr = sd.ResObjectString.VSPtr = NULL;
	/* the strings after the MQSD and the Hobj, in one buffer (qm/proto.h) */
	size_t tl = 4;
	for (int i = 0; i < 4; i++)
		tl += 4 + len[i];
	uint8_t *tail = malloc(tl);
	if (!tail) {
		mqm_leave(c);
		mqm_done(pCompCode, pReason, MQCC_FAILED, MQRC_STORAGE_NOT_AVAILABLE);
		return;
	}
	put_u32(tail, (uint32_t)*pHobj);
	size_t at = 4;
	for (int i = 0; i < 4; i++) {
		put_u32(tail + at, len[i]);
		memcpy(tail + at + 4, str[i], len[i]);
		at += 4 + len[i];
	}
	struct iovec iov[2] = { { &sd, sizeof sd }, { tail, tl } };
	size_t repcap = SUB_REP_FIXED + MQ_TOPIC_STR_LENGTH + 4 + MQ_SELECTOR_LENGTH;
	uint8_t *rep = malloc(repcap);
	if (!rep) {
		free(tail);
		mqm_leave(c);
		mqm_done(pCompCode, pReason, MQCC_FAILED, MQRC_STORAGE_NOT_AVAILABLE);
		return;
	}
	struct mqm_rx rx = { rep, repcap, NULL, 0, 0, 0 };
	rc = mqm_call(c, PROTO_SUB, iov, 2, &rx, &cc, &r);
	free(tail);
	if (!rc && cc != MQCC_FAILED) {
		uint32_t rl = rx.len >= SUB_REP_FIXED ? get_u32(rep + SUB_REP_FIXED - 4) : 0;
		uint32_t sl = rl <= MQ_TOPIC_STR_LENGTH && rx.len >= SUB_REP_FIXED + rl + 4
				      ? get_u32(rep + SUB_REP_FIXED + rl)
				      : 0;
		uint32_t sn = sl == 0xFFFFFFFFu ? 0 : sl;   /* none on a create */
		if (rx.len < SUB_REP_FIXED + 4 || rl > MQ_TOPIC_STR_LENGTH || sn > MQ_SELECTOR_LENGTH ||
		    rx.len != SUB_REP_FIXED + rl + 4 + sn) {
			cc = MQCC_FAILED;
			rc = mqm_conn_break(c);
		} else {
			MQSD g;
			memcpy(&g, rep + 16, sizeof g);
			*pHobj = (MQHOBJ)get_u32(rep + 8);
			*pHsub = (MQHOBJ)get_u32(rep + 12);
			memcpy(u->SubCorrelId, g.SubCorrelId, sizeof u->SubCorrelId);
			memcpy(u->PubAccountingToken, g.PubAccountingToken, sizeof u->PubAccountingToken);
			memcpy(u->PubApplIdentityData, g.PubApplIdentityData, sizeof u->PubApplIdentityData);
			mqm_charv_put(u, &u->ResObjectString, rep + SUB_REP_FIXED, rl);
			if (sl != 0xFFFFFFFFu)   /* resumed: the subscription's selector */
				mqm_charv_put(u, &u->SelectionString, rep + SUB_REP_FIXED + rl + 4, sl);
		}
	}
	free(rep);
	mqm_leave(c);
	if (rc)
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
	else
		mqm_done(pCompCode, pReason, cc, r);
}

/* MQSUBRQ: the retained publications of a subscription, now (qm/proto.h
 * SUBRQ; the rules are qm/server/pubsub_ret.c's).  An MQSRO is optional; its
 * NumPubs is written back. */
void MQENTRY MQSUBRQ(MQHCONN Hconn, MQHOBJ Hsub, MQLONG Action, PMQVOID pSubRqOpts, PMQLONG pCompCode,
		     PMQLONG pReason)
{
	struct mqm_conn *c;
	MQLONG rc, cc, r;
	if (!pCompCode || !pReason)
		return;
	rc = mqm_conn_get(Hconn, &c);
	if (rc) {
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
		return;
	}
	MQSRO sro = { MQSRO_DEFAULT };
	MQSRO *u = pSubRqOpts;
	if (u) {
		if (memcmp(u->StrucId, MQSRO_STRUC_ID, 4) != 0 || u->Version != MQSRO_VERSION_1)
			rc = MQRC_SRO_ERROR;
		else
			memcpy(&sro, u, sizeof sro);
	}
	if ((rc = mqm_enter(c, rc)) != 0) {
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
		return;
	}
	uint8_t req[12], rep[12];
	put_u32(req, (uint32_t)Hsub);
	put_u32(req + 4, (uint32_t)Action);
	put_u32(req + 8, u ? 1 : 0);
	struct iovec iov[2] = { { req, 12 }, { &sro, sizeof sro } };
	struct mqm_rx rx = { rep, sizeof rep, NULL, 0, 0, 0 };
	rc = mqm_call(c, PROTO_SUBRQ, iov, u ? 2 : 1, &rx, &cc, &r);
	if (!rc && cc != MQCC_FAILED) {
		if (rx.len != 12) {
			cc = MQCC_FAILED;
			rc = mqm_conn_break(c);
		} else if (u) {
			u->NumPubs = (MQLONG)get_u32(rep + 8);
		}
	}
	mqm_leave(c);
	if (rc)
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
	else
		mqm_done(pCompCode, pReason, cc, r);
}
