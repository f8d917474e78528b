/*
 * mqai_pcf.c: the MQAI's bags as PCF messages: mqBagToBuffer, mqBufferToBag,
 * mqPutBag, mqGetBag and mqExecute (the bags themselves are mqai.c's).
 *
 * PCF written by mqBagToBuffer and mqPutBag (native encoding, little-endian
 * on x86-64; layouts of cmqcfc.h):
 *   MQCFH   Type, StrucLength 36, Version, Command, MsgSeqNumber, Control,
 *           CompCode, Reason from the system items; ParameterCount counts the
 *           top-level parameters. Version is raised to what the parameters
 *           need: 2 for a byte string, 3 for 64-bit integers, filters, groups.
 *   integer            MQCFIN (16)  or, adjacent occurrences in a bag with
 *                      MQCBO_LIST_FORM_ALLOWED, one MQCFIL (16 + 4n)
 *   64-bit integer     MQCFIN64 (24) or MQCFIL64 (16 + 8n)
 *   string             MQCFST (20 + length, to a multiple of 4) or, adjacent
 *                      occurrences of one CCSID, MQCFSL (24 + n * longest,
 *                      each string blank-padded to the longest)
 *   byte string        MQCFBS (16 + length, to a multiple of 4)
 *   filters            MQCFIF (20), MQCFSF (24 + length), MQCFBF (20 + length)
 *   bag                MQCFGR (16) whose ParameterCount parameters follow it
 *   mqAddInquiry items one MQCFIL at the place of the first, its Parameter the
 *                      attribute list of the command (MQIACF_Q_ATTRS for
 *                      MQCMD_INQUIRE_Q, ...; MQRC_INQUIRY_COMMAND_ERROR for a
 *                      command that has none; an MQIACF_INQUIRY parameter
 *                      read from a message is a plain integer)
 *   Padding bytes are zero. System items are never written as parameters.
 * mqBufferToBag reads the same structures back (MQCFIL and MQCFSL become one
 * item per value) through the one PCF reader the command server uses too
 * (qm/pcf.h: every length checked against the buffer before reading): a
 * parameter whose StrucLength is under its fixed part, not a multiple of 4,
 * or beyond the buffer, a list whose StrucLength is not its Count's, a count
 * or string length that does not fit its StrucLength, an unknown Type, groups nested deeper than 32 or a second
 * occurrence of a selector with another type, or more than 65536 empty strings
 * from MQCFSLs of StringLength 0 (which take no bytes each) give
 * MQRC_BAG_CONVERSION_ERROR (2303) or MQRC_INCONSISTENT_ITEM_TYPE (2313), and
 * leave the bag as it was.
 *
 * Decisions where IBM's documentation is silent or Quire differs:
 *   - MQCBO_REORDER_AS_REQUIRED is accepted; parameters are always written in
 *     insertion order (the command server reads them in any order).
 *   - mqBufferToBag and mqGetBag read native-encoding PCF only (a message with
 *     other integer encoding: MQRC_ENCODING_NOT_SUPPORTED 2308) and convert no
 *     strings (each keeps the CCSID of its parameter).
 *   - mqPutBag sets the MQMD Format to MQFMT_ADMIN (administration and command
 *     bags) or MQFMT_PCF (others) when the caller left it MQFMT_NONE.
 *   - mqExecute puts the command on SYSTEM.ADMIN.COMMAND.QUEUE (or AdminQ),
 *     with its replies to a temporary dynamic queue of SYSTEM.DEFAULT.MODEL.QUEUE
 *     (or ResponseQ), an Expiry of the wait interval, and waits for replies
 *     (MQIACF_WAIT_INTERVAL of the options bag, default 30000 ms) until one has
 *     MQCFC_LAST. Each reply becomes a system bag nested in ResponseBag under
 *     MQHA_BAG_HANDLE; a reply with CompCode not MQCC_OK makes the call fail with
 *     MQRCCF_COMMAND_FAILED (3008). When no reply comes within the wait, the
 *     command queue's MQIA_OPEN_INPUT_COUNT says why: 0, nothing reads it, gives
 *     MQCC_FAILED, MQRC_CMD_SERVER_NOT_AVAILABLE (2322), the reason MQ's samples
 *     (amqsailq) look for to say "start the command server"; otherwise (or when
 *     the caller's AdminQ was not opened for inquiry) MQRC_NO_MSG_AVAILABLE
 *     (2033). Quire's command server (csrv/) reads SYSTEM.ADMIN.COMMAND.QUEUE
 *     while the queue manager runs with SCMDSERV(QMGR). A request left
 *     unanswered stays on its command queue (counted in CURDEPTH, as MQ counts
 *     an expired message until a get finds it) but has expired.
 */
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "qm/mqi/mqai_int.h"
#include "qm/pcf.h"

/* ------------------------------------------------------------------------ */
/* bag -> PCF                                                               */

typedef struct out {
	unsigned char *p;     /* NULL: only count */
	size_t len, cap;
} out;

static void put32(out *o, MQLONG v)
{
	if (o->p && o->len + 4 <= o->cap)
		memcpy(o->p + o->len, &v, 4);
	o->len += 4;
}

static void put64(out *o, MQINT64 v)
{
	if (o->p && o->len + 8 <= o->cap)
		memcpy(o->p + o->len, &v, 8);
	o->len += 8;
}

static void putbytes(out *o, const void *s, size_t n, size_t width, int fill)
{
	if (o->p && o->len + width <= o->cap) {
		if (n)
			memcpy(o->p + o->len, s, n);
		memset(o->p + o->len + n, fill, width - n);
	}
	o->len += width;
}

static size_t pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

static MQLONG attrs_of(MQLONG cmd)
{
	static const MQLONG map[][2] = {
		{MQCMD_INQUIRE_Q_MGR, MQIACF_Q_MGR_ATTRS}, {MQCMD_INQUIRE_PROCESS, MQIACF_PROCESS_ATTRS},
		{MQCMD_INQUIRE_Q, MQIACF_Q_ATTRS}, {MQCMD_INQUIRE_CHANNEL, MQIACF_CHANNEL_ATTRS},
		{MQCMD_INQUIRE_NAMELIST, MQIACF_NAMELIST_ATTRS},
		{MQCMD_INQUIRE_Q_STATUS, MQIACF_Q_STATUS_ATTRS},
		{MQCMD_INQUIRE_CHANNEL_STATUS, MQIACH_CHANNEL_INSTANCE_ATTRS},
		{MQCMD_INQUIRE_CLUSTER_Q_MGR, MQIACF_CLUSTER_Q_MGR_ATTRS},
		{MQCMD_INQUIRE_AUTH_INFO, MQIACF_AUTH_INFO_ATTRS},
		{MQCMD_INQUIRE_CONNECTION, MQIACF_CONNECTION_ATTRS},
		{MQCMD_INQUIRE_LISTENER, MQIACF_LISTENER_ATTRS},
		{MQCMD_INQUIRE_LISTENER_STATUS, MQIACF_LISTENER_STATUS_ATTRS},
		{MQCMD_INQUIRE_SERVICE, MQIACF_SERVICE_ATTRS},
		{MQCMD_INQUIRE_SERVICE_STATUS, MQIACF_SERVICE_STATUS_ATTRS},
		{MQCMD_INQUIRE_Q_MGR_STATUS, MQIACF_Q_MGR_STATUS_ATTRS},
		{MQCMD_INQUIRE_TOPIC, MQIACF_TOPIC_ATTRS}, {MQCMD_INQUIRE_SUBSCRIPTION, MQIACF_SUB_ATTRS},
		{MQCMD_INQUIRE_SUB_STATUS, MQIACF_SUB_STATUS_ATTRS},
		{MQCMD_INQUIRE_TOPIC_STATUS, MQIACF_TOPIC_STATUS_ATTRS},
		{MQCMD_INQUIRE_COMM_INFO, MQIACF_COMM_INFO_ATTRS},
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (map[i][0] == cmd)
			return map[i][1];
	return -1;
}

/* the parameters of b's user items; *count the top-level ones, *ver the MQCFH
 * version they need. cmd: the command (for mqAddInquiry items). */
static MQLONG enc_params(const bag *b, MQLONG cmd, out *o, MQLONG *count, MQLONG *ver, int depth)
{
	int list = (b->options & MQCBO_LIST_FORM_ALLOWED) != 0;
	int inquiry_done = 0;
	*count = 0;
	if (depth > MAX_DEPTH)
		return MQRC_HBAG_ERROR;
	for (size_t i = SYS_ITEMS; i < b->n;) {
		const item *it = &b->it[i];
		size_t run = 1;
		if (it->inquiry) {
			i++;
			if (inquiry_done)
				continue;
			MQLONG attrs = attrs_of(cmd);
			if (attrs < 0)
				return MQRC_INQUIRY_COMMAND_ERROR;
			MQLONG n = 0;
			for (size_t j = SYS_ITEMS; j < b->n; j++)
				n += b->it[j].inquiry;
			put32(o, MQCFT_INTEGER_LIST);
			put32(o, MQCFIL_STRUC_LENGTH_FIXED + 4 * n);
			put32(o, attrs);
			put32(o, n);
			for (size_t j = SYS_ITEMS; j < b->n; j++)
				if (b->it[j].inquiry)
					put32(o, (MQLONG)b->it[j].num);
			inquiry_done = 1;
			(*count)++;
			continue;
		}
		if (list && (it->type == MQITEM_INTEGER || it->type == MQITEM_INTEGER64 ||
			     it->type == MQITEM_STRING))
			while (i + run < b->n && b->it[i + run].sel == it->sel && !b->it[i + run].inquiry &&
			       b->it[i + run].type == it->type &&
			       (it->type != MQITEM_STRING || b->it[i + run].ccsid == it->ccsid))
				run++;
		(*count)++;
		switch (it->type) {
		case MQITEM_INTEGER:
			if (run == 1) {
				put32(o, MQCFT_INTEGER); put32(o, MQCFIN_STRUC_LENGTH);
				put32(o, it->sel); put32(o, (MQLONG)it->num);
			} else {
				put32(o, MQCFT_INTEGER_LIST);
				put32(o, (MQLONG)(MQCFIL_STRUC_LENGTH_FIXED + 4 * run));
				put32(o, it->sel); put32(o, (MQLONG)run);
				for (size_t j = 0; j < run; j++)
					put32(o, (MQLONG)it[j].num);
			}
			break;
		case MQITEM_INTEGER64:
			*ver = *ver < 3 ? 3 : *ver;
			if (run == 1) {
				put32(o, MQCFT_INTEGER64); put32(o, MQCFIN64_STRUC_LENGTH);
				put32(o, it->sel); put32(o, 0); put64(o, it->num);
			} else {
				put32(o, MQCFT_INTEGER64_LIST);
				put32(o, (MQLONG)(MQCFIL64_STRUC_LENGTH_FIXED + 8 * run));
				put32(o, it->sel); put32(o, (MQLONG)run);
				for (size_t j = 0; j < run; j++)
					put64(o, it[j].num);
			}
			break;
		case MQITEM_STRING:
			if (run == 1) {
				size_t w = pad4((size_t)it->len);
				if (MQCFST_STRUC_LENGTH_FIXED + w > INT_MAX)
					return MQRC_STRING_LENGTH_ERROR;
				put32(o, MQCFT_STRING); put32(o, (MQLONG)(MQCFST_STRUC_LENGTH_FIXED + w));
				put32(o, it->sel); put32(o, it->ccsid); put32(o, it->len);
				putbytes(o, it->data, (size_t)it->len, w, 0);
			} else {
				size_t longest = 0;
				for (size_t j = 0; j < run; j++)
					if ((size_t)it[j].len > longest)
						longest = (size_t)it[j].len;
				size_t w = pad4(longest * run);
				if (MQCFSL_STRUC_LENGTH_FIXED + w > INT_MAX)
					return MQRC_STRING_LENGTH_ERROR;
				put32(o, MQCFT_STRING_LIST); put32(o, (MQLONG)(MQCFSL_STRUC_LENGTH_FIXED + w));
				put32(o, it->sel); put32(o, it->ccsid); put32(o, (MQLONG)run);
				put32(o, (MQLONG)longest);
				for (size_t j = 0; j < run; j++)
					putbytes(o, it[j].data, (size_t)it[j].len, longest, ' ');
				putbytes(o, NULL, 0, w - longest * run, 0);
			}
			break;
		case MQITEM_BYTE_STRING: {
			size_t w = pad4((size_t)it->len);
			if (MQCFBS_STRUC_LENGTH_FIXED + w > INT_MAX)
				return MQRC_STRING_LENGTH_ERROR;
			*ver = *ver < 2 ? 2 : *ver;
			put32(o, MQCFT_BYTE_STRING); put32(o, (MQLONG)(MQCFBS_STRUC_LENGTH_FIXED + w));
			put32(o, it->sel); put32(o, it->len);
			putbytes(o, it->data, (size_t)it->len, w, 0);
			break;
		}
		case MQITEM_INTEGER_FILTER:
			*ver = *ver < 3 ? 3 : *ver;
			put32(o, MQCFT_INTEGER_FILTER); put32(o, MQCFIF_STRUC_LENGTH);
			put32(o, it->sel); put32(o, it->op); put32(o, (MQLONG)it->num);
			break;
		case MQITEM_STRING_FILTER: {
			size_t w = pad4((size_t)it->len);
			if (MQCFSF_STRUC_LENGTH_FIXED + w > INT_MAX)
				return MQRC_STRING_LENGTH_ERROR;
			*ver = *ver < 3 ? 3 : *ver;
			put32(o, MQCFT_STRING_FILTER); put32(o, (MQLONG)(MQCFSF_STRUC_LENGTH_FIXED + w));
			put32(o, it->sel); put32(o, it->op); put32(o, it->ccsid); put32(o, it->len);
			putbytes(o, it->data, (size_t)it->len, w, 0);
			break;
		}
		case MQITEM_BYTE_STRING_FILTER: {
			size_t w = pad4((size_t)it->len);
			if (MQCFBF_STRUC_LENGTH_FIXED + w > INT_MAX)
				return MQRC_STRING_LENGTH_ERROR;
			*ver = *ver < 3 ? 3 : *ver;
			put32(o, MQCFT_BYTE_STRING_FILTER); put32(o, (MQLONG)(MQCFBF_STRUC_LENGTH_FIXED + w));
			put32(o, it->sel); put32(o, it->op); put32(o, it->len);
			putbytes(o, it->data, (size_t)it->len, w, 0);
			break;
		}
		case MQITEM_BAG: {
			const bag *c = mqai_lookup(it->child);
			if (!c)
				return MQRC_HBAG_ERROR;
			*ver = *ver < 3 ? 3 : *ver;
			size_t at = o->len;
			MQLONG n, rc;
			put32(o, MQCFT_GROUP); put32(o, MQCFGR_STRUC_LENGTH);
			put32(o, it->sel); put32(o, 0);
			if ((rc = enc_params(c, cmd, o, &n, ver, depth + 1)) != MQRC_NONE)
				return rc;
			if (o->p && at + 16 <= o->cap)
				memcpy(o->p + at + 12, &n, 4);
			break;
		}
		default:
			return MQRC_UNEXPECTED_ERROR;
		}
		i += run;
	}
	return MQRC_NONE;
}

/* the whole message; hdr overrides the MQCFH fields when not NULL (mqExecute) */
static MQLONG encode(const bag *b, const MQCFH *hdr, out *o)
{
	MQLONG count = 0, ver = hdr ? hdr->Version : mqai_sysv(b, MQIASY_VERSION);
	MQLONG cmd = hdr ? hdr->Command : mqai_sysv(b, MQIASY_COMMAND);
	out body = {o->p ? o->p + MQCFH_STRUC_LENGTH : NULL, 0,
		    o->cap > MQCFH_STRUC_LENGTH ? o->cap - MQCFH_STRUC_LENGTH : 0};
	if (!o->p || o->cap < MQCFH_STRUC_LENGTH)
		body.p = NULL;
	MQLONG rc = enc_params(b, cmd, &body, &count, &ver, 0);
	if (rc != MQRC_NONE)
		return rc;
	if (body.len > (size_t)INT_MAX - MQCFH_STRUC_LENGTH)
		return MQRC_STRING_LENGTH_ERROR;
	put32(o, hdr ? hdr->Type : mqai_sysv(b, MQIASY_TYPE));
	put32(o, MQCFH_STRUC_LENGTH);
	put32(o, ver);
	put32(o, cmd);
	put32(o, hdr ? hdr->MsgSeqNumber : mqai_sysv(b, MQIASY_MSG_SEQ_NUMBER));
	put32(o, hdr ? hdr->Control : mqai_sysv(b, MQIASY_CONTROL));
	put32(o, hdr ? hdr->CompCode : mqai_sysv(b, MQIASY_COMP_CODE));
	put32(o, hdr ? hdr->Reason : mqai_sysv(b, MQIASY_REASON));
	put32(o, count);
	o->len += body.len;
	return MQRC_NONE;
}

/* encodes into a new malloc'd buffer */
static MQLONG encode_alloc(const bag *b, const MQCFH *hdr, unsigned char **buf, size_t *len)
{
	out o = {NULL, 0, 0};
	MQLONG rc = encode(b, hdr, &o);
	if (rc != MQRC_NONE)
		return rc;
	out w = {malloc(o.len), 0, o.len};
	if (!w.p)
		return MQRC_STORAGE_NOT_AVAILABLE;
	if ((rc = encode(b, hdr, &w)) != MQRC_NONE) {
		free(w.p);
		return rc;
	}
	*buf = w.p;
	*len = w.len;
	return MQRC_NONE;
}

void MQENTRY mqBagToBuffer(MQHBAG OptionsBag, MQHBAG DataBag, MQLONG BufferLength, PMQVOID pBuffer,
			   PMQLONG pDataLength, PMQLONG pCompCode, PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	bag *b = mqai_lookup(DataBag);
	MQLONG rc = OptionsBag != MQHB_NONE ? MQRC_OPTIONS_ERROR : !b ? MQRC_HBAG_ERROR
		  : BufferLength < 0 ? MQRC_BUFFER_LENGTH_ERROR
		  : (BufferLength > 0 && !pBuffer) ? MQRC_BUFFER_ERROR
		  : !pDataLength ? MQRC_DATA_LENGTH_ERROR : MQRC_NONE;
	if (rc == MQRC_NONE) {
		out o = {NULL, 0, 0};
		if ((rc = encode(b, NULL, &o)) == MQRC_NONE) {
			*pDataLength = (MQLONG)o.len;
			if (o.len > (size_t)BufferLength) {
				rc = MQRC_BUFFER_LENGTH_ERROR;
			} else {
				out w = {pBuffer, 0, (size_t)BufferLength};
				rc = encode(b, NULL, &w);
			}
		}
	}
	mqai_leave(pCompCode, pReason, rc);
}

/* ------------------------------------------------------------------------ */
/* PCF -> bag                                                               */

typedef struct in {
	const unsigned char *p;
	size_t len;
} in;

static MQLONG rd32(const unsigned char *p)
{
	MQLONG v;
	memcpy(&v, p, 4);
	return v;
}

static MQINT64 rd64(const unsigned char *p)
{
	MQINT64 v;
	memcpy(&v, p, 8);
	return v;
}

/* Every item a message makes takes at least a byte of it, but for the strings
 * of an MQCFSL whose StringLength is 0: a message may make at most this many
 * of those (more is refused rather than filling memory from a few bytes).
 * Counted down by dec_params, set by decode, under mqai_mu. */
#define MAX_EMPTY_LIST_STRINGS 65536
static size_t empty_budget;

static MQLONG add_decoded(bag *b, item *v)
{
	MQLONG rc = mqai_same_type(b, v->sel, v->type);
	if (rc == MQRC_NONE)
		rc = mqai_append(b, v);
	if (rc != MQRC_NONE)
		mqai_item_free(v);
	return rc;
}

static MQLONG add_decoded_bytes(bag *b, MQLONG sel, MQLONG type, MQLONG op, MQLONG ccsid,
				const unsigned char *s, size_t n)
{
	item v = {.sel = sel, .type = type, .op = op, .ccsid = ccsid, .len = (MQLONG)n};
	v.data = malloc(n ? n : 1);
	if (!v.data)
		return MQRC_STORAGE_NOT_AVAILABLE;
	if (n)
		memcpy(v.data, s, n);
	return add_decoded(b, &v);
}

/* reads `count` parameters from *src into b (an unregistered or system bag);
 * each structure is checked by the one PCF reader (qm/pcf.h), whose
 * MQRCCF_* reason the MQAI reports as MQRC_BAG_CONVERSION_ERROR */
static MQLONG dec_params(bag *b, in *src, MQLONG count, int depth)
{
	const MQLONG bad = MQRC_BAG_CONVERSION_ERROR;
	if (count < 0 || depth > MAX_DEPTH)
		return bad;
	for (MQLONG k = 0; k < count; k++) {
		struct pcf_parm pp;
		if (pcf_read_parm(src->p, src->len, &pp) != 0)
			return bad;
		const unsigned char *p = pp.data;
		MQLONG sel = pp.id, rc = MQRC_NONE;
		src->p += (size_t)pp.len;
		src->len -= (size_t)pp.len;
		switch (pp.type) {
		case MQCFT_INTEGER: {
			item v = {.sel = sel, .type = MQITEM_INTEGER, .num = pp.ival};
			rc = add_decoded(b, &v);
			break;
		}
		case MQCFT_INTEGER64: {
			item v = {.sel = sel, .type = MQITEM_INTEGER64, .num = pp.i64};
			rc = add_decoded(b, &v);
			break;
		}
		case MQCFT_INTEGER_LIST:
		case MQCFT_INTEGER64_LIST: {
			size_t w = pp.type == MQCFT_INTEGER_LIST ? 4 : 8;
			for (MQLONG j = 0; j < pp.count && rc == MQRC_NONE; j++) {
				const unsigned char *q = p + (size_t)j * w;
				item v = {.sel = sel,
					  .type = w == 4 ? MQITEM_INTEGER : MQITEM_INTEGER64,
					  .num = w == 4 ? rd32(q) : rd64(q)};
				rc = add_decoded(b, &v);
			}
			break;
		}
		case MQCFT_STRING:
			rc = add_decoded_bytes(b, sel, MQITEM_STRING, 0, pp.ccsid, p, (size_t)pp.slen);
			break;
		case MQCFT_STRING_LIST:
			if (pp.slen == 0) {
				if ((size_t)pp.count > empty_budget)
					return bad;
				empty_budget -= (size_t)pp.count;
			}
			for (MQLONG j = 0; j < pp.count && rc == MQRC_NONE; j++)
				rc = add_decoded_bytes(b, sel, MQITEM_STRING, 0, pp.ccsid,
						       p + (size_t)j * (size_t)pp.slen, (size_t)pp.slen);
			break;
		case MQCFT_BYTE_STRING:
			rc = add_decoded_bytes(b, sel, MQITEM_BYTE_STRING, 0, 0, p, (size_t)pp.slen);
			break;
		case MQCFT_INTEGER_FILTER: {
			item v = {.sel = sel, .type = MQITEM_INTEGER_FILTER, .op = pp.op, .num = pp.ival};
			rc = add_decoded(b, &v);
			break;
		}
		case MQCFT_STRING_FILTER:
			rc = add_decoded_bytes(b, sel, MQITEM_STRING_FILTER, pp.op, pp.ccsid, p, (size_t)pp.slen);
			break;
		case MQCFT_BYTE_STRING_FILTER:
			rc = add_decoded_bytes(b, sel, MQITEM_BYTE_STRING_FILTER, pp.op, 0, p, (size_t)pp.slen);
			break;
		case MQCFT_GROUP: {
			bag *c = mqai_bag_new(MQCBO_GROUP_BAG, 1);
			if (!c)
				return MQRC_STORAGE_NOT_AVAILABLE;
			if ((rc = dec_params(c, src, pp.count, depth + 1)) != MQRC_NONE ||
			    (rc = mqai_reg(c)) != MQRC_NONE) {
				mqai_destroy(c);
				return rc;
			}
			item v = {.sel = sel, .type = MQITEM_BAG, .child = c->handle, .owned = 1};
			rc = add_decoded(b, &v);
			break;
		}
		default:
			return bad;
		}
		if (rc != MQRC_NONE)
			return rc;
	}
	return MQRC_NONE;
}

/* a whole message into the fresh unregistered bag t (its MQCFH into t's system items) */
static MQLONG decode(bag *t, const unsigned char *buf, size_t len)
{
	if (len < MQCFH_STRUC_LENGTH || rd32(buf + 4) != MQCFH_STRUC_LENGTH)
		return MQRC_BAG_CONVERSION_ERROR;
	MQLONG ver = rd32(buf + 8);
	if (ver < MQCFH_VERSION_1 || ver > MQCFH_VERSION_3)
		return MQRC_BAG_CONVERSION_ERROR;
	static const MQLONG at[][2] = {
		{MQIASY_TYPE, 0}, {MQIASY_VERSION, 8}, {MQIASY_COMMAND, 12},
		{MQIASY_MSG_SEQ_NUMBER, 16}, {MQIASY_CONTROL, 20}, {MQIASY_COMP_CODE, 24},
		{MQIASY_REASON, 28},
	};
	for (size_t i = 0; i < sizeof at / sizeof at[0]; i++)
		t->it[-at[i][0] - 1].num = rd32(buf + at[i][1]);
	in src = {buf + MQCFH_STRUC_LENGTH, len - MQCFH_STRUC_LENGTH};
	empty_budget = MAX_EMPTY_LIST_STRINGS;
	MQLONG rc = dec_params(t, &src, rd32(buf + 32), 0);
	if (rc == MQRC_NONE && src.len != 0)
		rc = MQRC_BAG_CONVERSION_ERROR;     /* bytes after the last parameter */
	return rc;
}

/* replaces the items of b (a user bag) by those of the message, or changes nothing */
static MQLONG decode_into(bag *b, const unsigned char *buf, size_t len)
{
	bag *t = mqai_bag_new(b->options, 0);
	if (!t)
		return MQRC_STORAGE_NOT_AVAILABLE;
	t->it[-MQIASY_CODED_CHAR_SET_ID - 1].num = mqai_sysv(b, MQIASY_CODED_CHAR_SET_ID);
	MQLONG rc = decode(t, buf, len);
	if (rc == MQRC_NONE) {
		item *old = b->it;
		size_t oldn = b->n;
		b->it = t->it;
		b->n = t->n;
		b->cap = t->cap;
		t->it = old;
		t->n = oldn;
	}
	mqai_destroy(t);          /* the old items on success, the partial ones on failure */
	return rc;
}

void MQENTRY mqBufferToBag(MQHBAG OptionsBag, MQLONG BufferLength, PMQVOID pBuffer, MQHBAG DataBag,
			   PMQLONG pCompCode, PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	bag *b = NULL;
	MQLONG rc = OptionsBag != MQHB_NONE ? MQRC_OPTIONS_ERROR : mqai_writable(DataBag, &b);
	if (rc == MQRC_NONE)
		rc = BufferLength < 0 ? MQRC_BUFFER_LENGTH_ERROR
		   : (BufferLength > 0 && !pBuffer) ? MQRC_BUFFER_ERROR : MQRC_NONE;
	if (rc == MQRC_NONE)
		rc = decode_into(b, pBuffer, (size_t)BufferLength);
	mqai_leave(pCompCode, pReason, rc);
}

/* ------------------------------------------------------------------------ */
/* bags as messages                                                         */

void MQENTRY mqPutBag(MQHCONN Hconn, MQHOBJ Hobj, PMQVOID pMsgDesc, PMQVOID pPutMsgOpts, MQHBAG Bag,
		      PMQLONG pCompCode, PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	bag *b = mqai_lookup(Bag);
	unsigned char *buf = NULL;
	size_t len = 0;
	int admin = b && (b->options & (MQCBO_ADMIN_BAG | MQCBO_COMMAND_BAG));
	MQLONG rc = !b ? MQRC_HBAG_ERROR : !pMsgDesc ? MQRC_MD_ERROR : encode_alloc(b, NULL, &buf, &len);
	pthread_mutex_unlock(&mqai_mu);
	if (rc != MQRC_NONE) {
		*pCompCode = MQCC_FAILED;
		*pReason = rc;
		return;
	}
	PMQMD md = pMsgDesc;
	if (memcmp(md->StrucId, MQMD_STRUC_ID, 4) == 0 && memcmp(md->Format, MQFMT_NONE, 8) == 0)
		memcpy(md->Format, admin ? MQFMT_ADMIN : MQFMT_PCF, 8);
	MQPUT(Hconn, Hobj, pMsgDesc, pPutMsgOpts, (MQLONG)len, buf, pCompCode, pReason);
	free(buf);
}

/* MQGET of a whole message into a malloc'd buffer (retried once at its size) */
static void get_whole(MQHCONN hc, MQHOBJ ho, PMQMD md, PMQVOID gmo, unsigned char **buf, MQLONG *dlen,
		      PMQLONG cc, PMQLONG rc)
{
	MQMD saved;
	size_t mdlen = md->Version >= MQMD_VERSION_2 ? sizeof(MQMD) : MQMD_LENGTH_1;
	MQLONG size = FIRST_GET_BUFFER;
	memcpy(&saved, md, mdlen);
	for (int attempt = 0; attempt < 3; attempt++) {
		unsigned char *b = malloc((size_t)size);
		if (!b) {
			*cc = MQCC_FAILED;
			*rc = MQRC_STORAGE_NOT_AVAILABLE;
			return;
		}
		MQGET(hc, ho, md, gmo, size, b, dlen, cc, rc);
		if (*rc == MQRC_TRUNCATED_MSG_FAILED && *dlen > size) {
			free(b);
			size = *dlen;
			memcpy(md, &saved, mdlen);
			continue;
		}
		if (*cc == MQCC_FAILED) {
			free(b);
			return;
		}
		*buf = b;
		return;
	}
}

void MQENTRY mqGetBag(MQHCONN Hconn, MQHOBJ Hobj, PMQVOID pMsgDesc, PMQVOID pGetMsgOpts, MQHBAG Bag,
		      PMQLONG pCompCode, PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	bag *b;
	MQLONG rc = mqai_writable(Bag, &b);
	if (rc == MQRC_NONE && !pMsgDesc)
		rc = MQRC_MD_ERROR;
	PMQMD md = pMsgDesc;
	if (rc == MQRC_NONE && (memcmp(md->StrucId, MQMD_STRUC_ID, 4) != 0 ||
				md->Version < MQMD_VERSION_1 || md->Version > MQMD_VERSION_2))
		rc = MQRC_MD_ERROR;
	pthread_mutex_unlock(&mqai_mu);
	if (rc != MQRC_NONE) {
		*pCompCode = MQCC_FAILED;
		*pReason = rc;
		return;
	}
	unsigned char *buf = NULL;
	MQLONG dlen = 0, cc, why;
	get_whole(Hconn, Hobj, md, pGetMsgOpts, &buf, &dlen, &cc, &why);
	if (!buf) {
		*pCompCode = cc;
		*pReason = why;
		return;
	}
	if (memcmp(md->Format, MQFMT_ADMIN, 8) && memcmp(md->Format, MQFMT_EVENT, 8) &&
	    memcmp(md->Format, MQFMT_PCF, 8))
		rc = MQRC_FORMAT_NOT_SUPPORTED;
	else if ((md->Encoding & MQENC_INTEGER_MASK) != (MQENC_NATIVE & MQENC_INTEGER_MASK))
		rc = MQRC_ENCODING_NOT_SUPPORTED;
	pthread_mutex_lock(&mqai_mu);
	if (rc == MQRC_NONE)
		rc = mqai_writable(Bag, &b);      /* another thread may have deleted it meanwhile */
	if (rc == MQRC_NONE)
		rc = decode_into(b, buf, (size_t)dlen);
	free(buf);
	mqai_leave(pCompCode, pReason, rc);
}

/* ------------------------------------------------------------------------ */
/* mqExecute                                                                */

/* the wait interval of an options bag (MQHB_NONE or one with only MQIACF_WAIT_INTERVAL) */
static MQLONG exec_options(MQHBAG ob, MQLONG *wait)
{
	*wait = DEFAULT_WAIT_MS;
	if (ob == MQHB_NONE)
		return MQRC_NONE;
	bag *b = mqai_lookup(ob);
	if (!b)
		return MQRC_HBAG_ERROR;
	for (size_t i = SYS_ITEMS; i < b->n; i++) {
		if (b->it[i].sel != MQIACF_WAIT_INTERVAL || b->it[i].type != MQITEM_INTEGER ||
		    b->it[i].num < 0)
			return MQRC_OPTIONS_ERROR;
		*wait = (MQLONG)b->it[i].num;
	}
	return MQRC_NONE;
}

/* adds one reply to the response bag: a system bag under MQHA_BAG_HANDLE */
static MQLONG exec_reply(MQHBAG rb, const unsigned char *buf, size_t len, MQLONG *control,
			 MQLONG *compcode)
{
	bag *r;
	MQLONG rc = mqai_writable(rb, &r);
	if (rc != MQRC_NONE)
		return rc;
	bag *c = mqai_bag_new(MQCBO_ADMIN_BAG | MQCBO_LIST_FORM_ALLOWED | MQCBO_REORDER_AS_REQUIRED |
			 MQCBO_CHECK_SELECTORS, 1);
	if (!c)
		return MQRC_STORAGE_NOT_AVAILABLE;
	if ((rc = decode(c, buf, len)) != MQRC_NONE || (rc = mqai_reg(c)) != MQRC_NONE) {
		mqai_destroy(c);
		return rc;
	}
	*control = mqai_sysv(c, MQIASY_CONTROL);
	*compcode = mqai_sysv(c, MQIASY_COMP_CODE);
	item v = {.sel = MQHA_BAG_HANDLE, .type = MQITEM_BAG, .child = c->handle, .owned = 1};
	return add_decoded(r, &v);
}

/* the command queue is open for input nowhere (when it can be asked) */
static int nobody_reads(MQHCONN hc, MQHOBJ aq)
{
	MQLONG sel = MQIA_OPEN_INPUT_COUNT, n = -1, cc, rc;
	MQCHAR none[1];
	MQINQ(hc, aq, 1, &sel, 1, &n, 0, none, &cc, &rc);
	return cc == MQCC_OK && n == 0;
}

void MQENTRY mqExecute(MQHCONN Hconn, MQLONG Command, MQHBAG OptionsBag, MQHBAG AdminBag,
		       MQHBAG ResponseBag, MQHOBJ AdminQ, MQHOBJ ResponseQ, PMQLONG pCompCode,
		       PMQLONG pReason)
{
	MQAI_ENTER(pCompCode, pReason);
	bag *ab = mqai_lookup(AdminBag), *rb = NULL;
	MQLONG wait = 0, cc = MQCC_OK, rc = exec_options(OptionsBag, &wait);
	unsigned char *msg = NULL;
	size_t msglen = 0;
	if (rc == MQRC_NONE)
		rc = !ab ? MQRC_HBAG_ERROR : !(ab->options & MQCBO_ADMIN_BAG) ? MQRC_BAG_WRONG_TYPE
		   : mqai_writable(ResponseBag, &rb);
	if (rc == MQRC_NONE) {
		MQCFH h = {MQCFH_DEFAULT};
		h.Command = Command;
		h.Version = mqai_sysv(ab, MQIASY_VERSION);
		rc = encode_alloc(ab, &h, &msg, &msglen);
	}
	if (rc == MQRC_NONE)
		mqai_clear_items(rb);
	pthread_mutex_unlock(&mqai_mu);
	if (rc != MQRC_NONE) {
		*pCompCode = MQCC_FAILED;
		*pReason = rc;
		return;
	}

	MQHOBJ aq = AdminQ, rq = ResponseQ;
	MQCHAR48 replyq;
	MQMD md = {MQMD_DEFAULT};
	MQPMO pmo = {MQPMO_DEFAULT};
	MQLONG why = MQRC_NONE, failed = 0;
	if (aq == MQHO_NONE) {
		MQOD od = {MQOD_DEFAULT};
		memcpy(od.ObjectName, "SYSTEM.ADMIN.COMMAND.QUEUE", 26);
		MQOPEN(Hconn, &od, MQOO_OUTPUT | MQOO_INQUIRE | MQOO_FAIL_IF_QUIESCING, &aq, &cc, &why);
		if (cc == MQCC_FAILED)
			goto done;
	}
	if (rq == MQHO_NONE) {
		MQOD od = {MQOD_DEFAULT};
		memcpy(od.ObjectName, "SYSTEM.DEFAULT.MODEL.QUEUE", 26);
		memcpy(od.DynamicQName, "AMQ.MQAI.*", 10);
		MQOPEN(Hconn, &od, MQOO_INPUT_EXCLUSIVE | MQOO_FAIL_IF_QUIESCING, &rq, &cc, &why);
		if (cc == MQCC_FAILED)
			goto done;
		memcpy(replyq, od.ObjectName, sizeof replyq);
	} else {
		MQLONG sel = MQCA_Q_NAME, none[1];
		MQINQ(Hconn, rq, 1, &sel, 0, none, (MQLONG)sizeof replyq, replyq, &cc, &why);
		if (cc == MQCC_FAILED)
			goto done;
	}

	memcpy(md.Format, MQFMT_ADMIN, 8);
	md.MsgType = MQMT_REQUEST;
	md.Expiry = wait / 100 > 0 ? wait / 100 : 1;
	memcpy(md.ReplyToQ, replyq, sizeof replyq);
	pmo.Options = MQPMO_NO_SYNCPOINT | MQPMO_NEW_MSG_ID | MQPMO_FAIL_IF_QUIESCING;
	MQPUT(Hconn, aq, &md, &pmo, (MQLONG)msglen, msg, &cc, &why);
	if (cc == MQCC_FAILED)
		goto done;

	MQBYTE24 request;
	memcpy(request, md.MsgId, sizeof request);
	for (;;) {
		MQMD rmd = {MQMD_DEFAULT};
		MQGMO gmo = {MQGMO_DEFAULT};
		unsigned char *reply = NULL;
		MQLONG dlen = 0, control = MQCFC_LAST, compcode = MQCC_OK;
		memcpy(rmd.CorrelId, request, sizeof request);
		gmo.Version = MQGMO_VERSION_2;
		gmo.Options = MQGMO_WAIT | MQGMO_NO_SYNCPOINT | MQGMO_FAIL_IF_QUIESCING;
		gmo.MatchOptions = MQMO_MATCH_CORREL_ID;
		gmo.WaitInterval = wait;
		get_whole(Hconn, rq, &rmd, &gmo, &reply, &dlen, &cc, &why);
		if (!reply) {
			if (why == MQRC_NO_MSG_AVAILABLE && nobody_reads(Hconn, aq))
				why = MQRC_CMD_SERVER_NOT_AVAILABLE;
			cc = MQCC_FAILED;
			goto done;
		}
		pthread_mutex_lock(&mqai_mu);
		why = exec_reply(ResponseBag, reply, (size_t)dlen, &control, &compcode);
		pthread_mutex_unlock(&mqai_mu);
		free(reply);
		if (why != MQRC_NONE) {
			cc = MQCC_FAILED;
			goto done;
		}
		if (compcode != MQCC_OK)
			failed = 1;
		if (control == MQCFC_LAST)
			break;
	}
	cc = failed ? MQCC_FAILED : MQCC_OK;
	why = failed ? MQRCCF_COMMAND_FAILED : MQRC_NONE;
done:
	free(msg);
	MQLONG cc2, rc2;
	if (rq != ResponseQ && rq != MQHO_UNUSABLE_HOBJ && rq != MQHO_NONE)
		MQCLOSE(Hconn, &rq, MQCO_NONE, &cc2, &rc2);
	if (aq != AdminQ && aq != MQHO_UNUSABLE_HOBJ && aq != MQHO_NONE)
		MQCLOSE(Hconn, &aq, MQCO_NONE, &cc2, &rc2);
	*pCompCode = cc;
	*pReason = why;
}

