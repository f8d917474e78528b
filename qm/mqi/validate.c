/*
 * validate.c: every check libmqm makes on what the caller passes before it
 * sends anything, and the copies between the caller's structures (of the
 * Version the caller set) and the full-size structures of the protocol.
 *
 * Rules (mqi-facts.md, and MQ's documented "rules for validating MQI
 * options"; choices where the facts are silent are listed in README.md):
 *   - a structure is read only after its StrucId and Version are right, and
 *     then only up to the length of that Version; it is written only in the
 *     output fields of that Version;
 *   - caller memory is accessed with memcpy, so structures packed by language
 *     bindings at any alignment work.
 */
#include "qm/mqi/mqm_int.h"

#include <string.h>

const size_t mqm_od_len[5] = { 0, MQOD_LENGTH_1, MQOD_LENGTH_2, MQOD_LENGTH_3, MQOD_LENGTH_4 };
const size_t mqm_md_len[3] = { 0, MQMD_LENGTH_1, MQMD_LENGTH_2 };
const size_t mqm_pmo_len[4] = { 0, MQPMO_LENGTH_1, MQPMO_LENGTH_2, MQPMO_LENGTH_3 };
const size_t mqm_gmo_len[5] = { 0, MQGMO_LENGTH_1, MQGMO_LENGTH_2, MQGMO_LENGTH_3, MQGMO_LENGTH_4 };
const size_t mqm_cno_len[9] = { 0, MQCNO_LENGTH_1, MQCNO_LENGTH_2, MQCNO_LENGTH_3, MQCNO_LENGTH_4,
				MQCNO_LENGTH_5, MQCNO_LENGTH_6, MQCNO_LENGTH_7, MQCNO_LENGTH_8 };
const size_t mqm_csp_len[4] = { 0, MQCSP_LENGTH_1, MQCSP_LENGTH_2, MQCSP_LENGTH_3 };

/* Number of the given option bits that are set. */
static int nset(MQLONG options, MQLONG bits)
{
	return __builtin_popcount((unsigned)(options & bits));
}

/* ------------------------------------------------------------------------ */
/* Names                                                                    */

size_t mqm_name_get(const char *field, size_t width, char *out)
{
	size_t n = strnlen(field, width);
	while (n > 0 && field[n - 1] == ' ')
		n--;
	memcpy(out, field, n);
	out[n] = 0;
	return n;
}

void mqm_name_put(char *field, size_t width, const char *name)
{
	size_t n = strnlen(name, width);
	memcpy(field, name, n);
	memset(field + n, ' ', width - n);
}

MQLONG mqm_check_qmgr_name(const char *name)
{
	for (const char *p = name; *p; p++) {
		char ch = *p;
		int ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
			 ch == '.' || ch == '/' || ch == '_' || ch == '%';
		if (!ok)
			return MQRC_Q_MGR_NAME_ERROR;
	}
	return MQRC_NONE;
}

/* A blank (or NUL-started) MQCHARn field. */
static int field_blank(const char *field, size_t width)
{
	for (size_t i = 0; i < width && field[i]; i++)
		if (field[i] != ' ')
			return 0;
	return 1;
}

/* ------------------------------------------------------------------------ */
/* StrucId and Version                                                      */

static MQLONG struc_version(const void *p, const char *id, MQLONG vmax, MQLONG bad, MQLONG *rc)
{
	MQLONG v;
	if (!p) {
		*rc = bad;
		return 0;
	}
	memcpy(&v, (const char *)p + 4, sizeof v);
	if (memcmp(p, id, 4) != 0 || v < 1 || v > vmax) {
		*rc = bad;
		return 0;
	}
	*rc = MQRC_NONE;
	return v;
}

MQLONG mqm_od_version(const void *od, MQLONG *rc)
{
	return struc_version(od, MQOD_STRUC_ID, MQOD_CURRENT_VERSION, MQRC_OD_ERROR, rc);
}

MQLONG mqm_md_version(const void *md, MQLONG *rc)
{
	return struc_version(md, MQMD_STRUC_ID, MQMD_CURRENT_VERSION, MQRC_MD_ERROR, rc);
}

MQLONG mqm_pmo_version(const void *pmo, MQLONG *rc)
{
	return struc_version(pmo, MQPMO_STRUC_ID, MQPMO_CURRENT_VERSION, MQRC_PMO_ERROR, rc);
}

MQLONG mqm_gmo_version(const void *gmo, MQLONG *rc)
{
	return struc_version(gmo, MQGMO_STRUC_ID, MQGMO_CURRENT_VERSION, MQRC_GMO_ERROR, rc);
}

MQLONG mqm_sts_version(const void *sts, MQLONG *rc)
{
	return struc_version(sts, MQSTS_STRUC_ID, MQSTS_CURRENT_VERSION, MQRC_STS_ERROR, rc);
}

/* ------------------------------------------------------------------------ */
/* MQCNO and MQCSP                                                          */

#define CNO_KNOWN (MQCNO_FASTPATH_BINDING | MQCNO_SERIALIZE_CONN_TAG_Q_MGR | \
	MQCNO_SERIALIZE_CONN_TAG_QSG | MQCNO_RESTRICT_CONN_TAG_Q_MGR | MQCNO_RESTRICT_CONN_TAG_QSG | \
	MQCNO_HANDLE_SHARE_NONE | MQCNO_HANDLE_SHARE_BLOCK | MQCNO_HANDLE_SHARE_NO_BLOCK | \
	MQCNO_SHARED_BINDING | MQCNO_ISOLATED_BINDING | MQCNO_LOCAL_BINDING | MQCNO_CLIENT_BINDING | \
	MQCNO_ACCOUNTING_MQI_ENABLED | MQCNO_ACCOUNTING_MQI_DISABLED | MQCNO_ACCOUNTING_Q_ENABLED | \
	MQCNO_ACCOUNTING_Q_DISABLED | MQCNO_NO_CONV_SHARING | MQCNO_ALL_CONVS_SHARE | \
	MQCNO_CD_FOR_OUTPUT_ONLY | MQCNO_USE_CD_SELECTION | MQCNO_GENERATE_CONN_TAG | \
	MQCNO_RECONNECT | MQCNO_RECONNECT_DISABLED | MQCNO_RECONNECT_Q_MGR | \
	MQCNO_ACTIVITY_TRACE_ENABLED | MQCNO_ACTIVITY_TRACE_DISABLED)

static MQLONG check_cno_options(MQLONG o)
{
	if (o & ~CNO_KNOWN)
		return MQRC_OPTIONS_ERROR;
	if (nset(o, MQCNO_FASTPATH_BINDING | MQCNO_SHARED_BINDING | MQCNO_ISOLATED_BINDING |
		    MQCNO_LOCAL_BINDING | MQCNO_CLIENT_BINDING) > 1 ||
	    nset(o, MQCNO_HANDLE_SHARE_NONE | MQCNO_HANDLE_SHARE_BLOCK | MQCNO_HANDLE_SHARE_NO_BLOCK) > 1 ||
	    nset(o, MQCNO_ACCOUNTING_MQI_ENABLED | MQCNO_ACCOUNTING_MQI_DISABLED) > 1 ||
	    nset(o, MQCNO_ACCOUNTING_Q_ENABLED | MQCNO_ACCOUNTING_Q_DISABLED) > 1 ||
	    nset(o, MQCNO_ACTIVITY_TRACE_ENABLED | MQCNO_ACTIVITY_TRACE_DISABLED) > 1 ||
	    nset(o, MQCNO_RECONNECT | MQCNO_RECONNECT_DISABLED | MQCNO_RECONNECT_Q_MGR) > 1 ||
	    nset(o, MQCNO_SERIALIZE_CONN_TAG_Q_MGR | MQCNO_SERIALIZE_CONN_TAG_QSG |
		    MQCNO_RESTRICT_CONN_TAG_Q_MGR | MQCNO_RESTRICT_CONN_TAG_QSG) > 1 ||
	    nset(o, MQCNO_NO_CONV_SHARING | MQCNO_ALL_CONVS_SHARE) > 1)
		return MQRC_OPTIONS_ERROR;
	return MQRC_NONE;
}

/* One user id or password of an MQCSP: by pointer, else by offset from the
 * MQCSP; at most max bytes (over that: too_long, MQ's reason for that field). */
static MQLONG csp_string(const char *csp, MQPTR ptr, MQLONG off, MQLONG len, size_t max, MQLONG too_long,
			 char *out, size_t *outlen)
{
	out[0] = 0;
	*outlen = 0;
	if (len < 0)
		return MQRC_CSP_ERROR;
	if ((size_t)len > max)
		return too_long;
	if (len == 0)
		return MQRC_NONE;
	const char *p = ptr ? (const char *)ptr : off ? csp + off : NULL;
	if (!p)
		return MQRC_CSP_ERROR;
	memcpy(out, p, (size_t)len);
	out[len] = 0;
	*outlen = (size_t)len;
	return MQRC_NONE;
}

static MQLONG check_csp(const char *p, struct mqm_cno *o)
{
	MQCSP csp = { MQCSP_DEFAULT };
	MQLONG v, rc;
	v = struc_version(p, MQCSP_STRUC_ID, MQCSP_CURRENT_VERSION, MQRC_CSP_ERROR, &rc);
	if (!v)
		return rc;
	memcpy(&csp, p, mqm_csp_len[v]);
	switch (csp.AuthenticationType) {
	case MQCSP_AUTH_NONE:
		return MQRC_NONE;
	case MQCSP_AUTH_USER_ID_AND_PWD:
		break;
	case MQCSP_AUTH_ID_TOKEN:
		/* a token needs Version 3; Quire has no token authentication */
		return v < MQCSP_VERSION_3 ? MQRC_CSP_ERROR : MQRC_NOT_AUTHORIZED;
	default:
		return MQRC_CSP_ERROR;
	}
	/* MQ 9.3: a user id longer than the platform allows is 2595; a password
	 * longer than MQ_CSP_PASSWORD_LENGTH is 2035 */
	rc = csp_string(p, csp.CSPUserIdPtr, csp.CSPUserIdOffset, csp.CSPUserIdLength, PROTO_CSP_USER_MAX,
			MQRC_CSP_ERROR, o->user, &o->user_len);
	if (!rc)
		rc = csp_string(p, csp.CSPPasswordPtr, csp.CSPPasswordOffset, csp.CSPPasswordLength,
				MQ_CSP_PASSWORD_LENGTH, MQRC_NOT_AUTHORIZED, o->password, &o->password_len);
	if (!rc)
		o->have_csp = 1;
	explicit_bzero(&csp, sizeof csp);
	return rc;
}

MQLONG mqm_check_cno(const void *cno, struct mqm_cno *o)
{
	MQCNO c = { MQCNO_DEFAULT };
	MQLONG v, rc;
	memset(o, 0, sizeof *o);
	v = struc_version(cno, MQCNO_STRUC_ID, MQCNO_CURRENT_VERSION, MQRC_CNO_ERROR, &rc);
	if (!v)
		return rc;
	memcpy(&c, cno, mqm_cno_len[v]);
	o->version = v;
	o->options = c.Options;
	rc = check_cno_options(c.Options);
	if (rc)
		return rc;
	if (v >= MQCNO_VERSION_7)
		mqm_name_get(c.ApplName, sizeof c.ApplName, o->appname);
	if (v >= MQCNO_VERSION_5) {
		const char *csp = c.SecurityParmsPtr ? (const char *)c.SecurityParmsPtr :
				  c.SecurityParmsOffset ? (const char *)cno + c.SecurityParmsOffset : NULL;
		if (csp) {
			rc = check_csp(csp, o);
			if (rc) {
				explicit_bzero(o->password, sizeof o->password);
				return rc;
			}
		}
	}
	return MQRC_NONE;
}

void mqm_cno_out(void *cno, const MQBYTE24 conn_id)
{
	MQLONG v;
	memcpy(&v, (char *)cno + 4, sizeof v);
	if (v >= MQCNO_VERSION_5)
		memcpy((char *)cno + offsetof(MQCNO, ConnectionId), conn_id, sizeof(MQBYTE24));
}

/* ------------------------------------------------------------------------ */
/* Options                                                                  */

#define OO_INPUT (MQOO_INPUT_AS_Q_DEF | MQOO_INPUT_SHARED | MQOO_INPUT_EXCLUSIVE)
#define OO_BIND (MQOO_BIND_ON_OPEN | MQOO_BIND_NOT_FIXED | MQOO_BIND_ON_GROUP)
#define OO_CONTEXT (MQOO_PASS_IDENTITY_CONTEXT | MQOO_PASS_ALL_CONTEXT | \
	MQOO_SET_IDENTITY_CONTEXT | MQOO_SET_ALL_CONTEXT)
#define OO_KNOWN (OO_INPUT | OO_BIND | OO_CONTEXT | MQOO_BROWSE | MQOO_OUTPUT | MQOO_INQUIRE | \
	MQOO_SET | MQOO_SAVE_ALL_CONTEXT | MQOO_ALTERNATE_USER_AUTHORITY | MQOO_FAIL_IF_QUIESCING | \
	MQOO_RESOLVE_NAMES | MQOO_CO_OP | MQOO_RESOLVE_LOCAL_Q | MQOO_NO_READ_AHEAD | \
	MQOO_READ_AHEAD | MQOO_NO_MULTICAST)

MQLONG mqm_check_open_options(MQLONG o)
{
	if (o & ~OO_KNOWN)
		return MQRC_OPTIONS_ERROR;
	/* at least one access (MQOO_BIND_AS_Q_DEF is 0 and cannot be seen) */
	if (!(o & (OO_INPUT | OO_BIND | MQOO_BROWSE | MQOO_OUTPUT | MQOO_INQUIRE | MQOO_SET)))
		return MQRC_OPTIONS_ERROR;
	if (nset(o, OO_INPUT) > 1 || nset(o, OO_BIND) > 1 ||
	    nset(o, MQOO_READ_AHEAD | MQOO_NO_READ_AHEAD) > 1)
		return MQRC_OPTIONS_ERROR;
	if ((o & MQOO_SAVE_ALL_CONTEXT) && !(o & OO_INPUT))
		return MQRC_OPTIONS_ERROR;
	if ((o & (OO_CONTEXT | MQOO_NO_MULTICAST)) && !(o & MQOO_OUTPUT))
		return MQRC_OPTIONS_ERROR;
	if ((o & MQOO_CO_OP) && !(o & MQOO_BROWSE))
		return MQRC_OPTIONS_ERROR;
	return MQRC_NONE;
}

MQLONG mqm_check_close_options(MQLONG o)
{
	if (o & ~(MQCO_DELETE | MQCO_DELETE_PURGE | MQCO_KEEP_SUB | MQCO_REMOVE_SUB | MQCO_QUIESCE))
		return MQRC_OPTIONS_ERROR;
	if (nset(o, MQCO_DELETE | MQCO_DELETE_PURGE) > 1 || nset(o, MQCO_KEEP_SUB | MQCO_REMOVE_SUB) > 1)
		return MQRC_OPTIONS_ERROR;
	return MQRC_NONE;
}

#define PMO_CONTEXT (MQPMO_DEFAULT_CONTEXT | MQPMO_NO_CONTEXT | MQPMO_PASS_ALL_CONTEXT | \
	MQPMO_PASS_IDENTITY_CONTEXT | MQPMO_SET_ALL_CONTEXT | MQPMO_SET_IDENTITY_CONTEXT)
#define PMO_KNOWN (PMO_CONTEXT | MQPMO_SYNCPOINT | MQPMO_NO_SYNCPOINT | MQPMO_NEW_MSG_ID | \
	MQPMO_NEW_CORREL_ID | MQPMO_ALTERNATE_USER_AUTHORITY | MQPMO_FAIL_IF_QUIESCING | \
	MQPMO_LOGICAL_ORDER | MQPMO_ASYNC_RESPONSE | MQPMO_SYNC_RESPONSE | MQPMO_RESOLVE_LOCAL_Q | \
	MQPMO_WARN_IF_NO_SUBS_MATCHED | MQPMO_RETAIN | MQPMO_MD_FOR_OUTPUT_ONLY | MQPMO_SCOPE_QMGR | \
	MQPMO_SUPPRESS_REPLYTO | MQPMO_NOT_OWN_SUBS)

MQLONG mqm_check_pmo_options(MQLONG o, int put1)
{
	if (o & ~PMO_KNOWN)
		return MQRC_OPTIONS_ERROR;
	if (nset(o, MQPMO_SYNCPOINT | MQPMO_NO_SYNCPOINT) > 1 || nset(o, PMO_CONTEXT) > 1 ||
	    nset(o, MQPMO_ASYNC_RESPONSE | MQPMO_SYNC_RESPONSE) > 1)
		return MQRC_OPTIONS_ERROR;
	if (!put1 && (o & MQPMO_ALTERNATE_USER_AUTHORITY))
		return MQRC_OPTIONS_ERROR;
	if (put1 && (o & MQPMO_LOGICAL_ORDER))
		return MQRC_OPTIONS_ERROR;
	return MQRC_NONE;
}

#define GMO_BROWSE (MQGMO_BROWSE_FIRST | MQGMO_BROWSE_NEXT | MQGMO_BROWSE_MSG_UNDER_CURSOR)
#define GMO_SYNC (MQGMO_SYNCPOINT | MQGMO_NO_SYNCPOINT | MQGMO_SYNCPOINT_IF_PERSISTENT)
#define GMO_PROPS (MQGMO_PROPERTIES_FORCE_MQRFH2 | MQGMO_NO_PROPERTIES | \
	MQGMO_PROPERTIES_IN_HANDLE | MQGMO_PROPERTIES_COMPATIBILITY)
#define GMO_KNOWN (GMO_BROWSE | GMO_SYNC | GMO_PROPS | MQGMO_WAIT | MQGMO_SET_SIGNAL | \
	MQGMO_ACCEPT_TRUNCATED_MSG | MQGMO_MARK_SKIP_BACKOUT | MQGMO_MSG_UNDER_CURSOR | MQGMO_LOCK | \
	MQGMO_UNLOCK | MQGMO_FAIL_IF_QUIESCING | MQGMO_CONVERT | MQGMO_LOGICAL_ORDER | \
	MQGMO_COMPLETE_MSG | MQGMO_ALL_MSGS_AVAILABLE | MQGMO_ALL_SEGMENTS_AVAILABLE | \
	MQGMO_MARK_BROWSE_HANDLE | MQGMO_MARK_BROWSE_CO_OP | MQGMO_UNMARK_BROWSE_CO_OP | \
	MQGMO_UNMARK_BROWSE_HANDLE | MQGMO_UNMARKED_BROWSE_MSG)
#define MO_KNOWN (MQMO_MATCH_MSG_ID | MQMO_MATCH_CORREL_ID | MQMO_MATCH_GROUP_ID | \
	MQMO_MATCH_MSG_SEQ_NUMBER | MQMO_MATCH_OFFSET | MQMO_MATCH_MSG_TOKEN)

MQLONG mqm_check_gmo(const MQGMO *g)
{
	MQLONG o = g->Options;
	if (o & ~GMO_KNOWN)
		return MQRC_OPTIONS_ERROR;
	if (nset(o, GMO_SYNC) > 1 || nset(o, GMO_BROWSE | MQGMO_MSG_UNDER_CURSOR) > 1 ||
	    nset(o, GMO_PROPS) > 1)
		return MQRC_OPTIONS_ERROR;
	if ((o & MQGMO_SYNCPOINT) && (o & (GMO_BROWSE | MQGMO_LOCK | MQGMO_UNLOCK)))
		return MQRC_OPTIONS_ERROR;
	if ((o & MQGMO_SYNCPOINT_IF_PERSISTENT) && (o & (GMO_BROWSE | MQGMO_COMPLETE_MSG | MQGMO_UNLOCK)))
		return MQRC_OPTIONS_ERROR;
	if ((o & MQGMO_MARK_SKIP_BACKOUT) && !(o & MQGMO_SYNCPOINT))
		return MQRC_OPTIONS_ERROR;
	/* signals exist on z/OS only: SET_SIGNAL alone is refused as well */
	if (o & MQGMO_SET_SIGNAL)
		return MQRC_OPTIONS_ERROR;
	if ((o & MQGMO_LOCK) && !(o & GMO_BROWSE))
		return MQRC_OPTIONS_ERROR;
	if ((o & MQGMO_UNLOCK) && (o & ~(MQGMO_UNLOCK | MQGMO_NO_SYNCPOINT)))
		return MQRC_OPTIONS_ERROR;
	if ((o & MQGMO_WAIT) && g->WaitInterval < 0 && g->WaitInterval != MQWI_UNLIMITED)
		return MQRC_WAIT_INTERVAL_ERROR;
	if (g->Version >= MQGMO_VERSION_2 && (g->MatchOptions & ~MO_KNOWN))
		return MQRC_MATCH_OPTIONS_ERROR;
	return MQRC_NONE;
}

/* ------------------------------------------------------------------------ */
/* Fields                                                                   */

MQLONG mqm_check_od(const MQOD *od)
{
	switch (od->ObjectType) {
	case MQOT_Q: case MQOT_NAMELIST: case MQOT_PROCESS: case MQOT_Q_MGR: case MQOT_TOPIC:
		break;
	default:
		return MQRC_OBJECT_TYPE_ERROR;
	}
	if (od->Version >= MQOD_VERSION_2) {
		if (od->RecsPresent < 0)
			return MQRC_RECS_PRESENT_ERROR;
		if (od->RecsPresent > 0)   /* distribution lists */
			return MQRC_FUNCTION_NOT_SUPPORTED;
	}
	return MQRC_NONE;
}

MQLONG mqm_od_selection(const void *user, MQLONG ver, const char **text, size_t *len)
{
	MQCHARV v;
	const char *s;
	*text = NULL;
	*len = 0;
	if (ver < MQOD_VERSION_4)
		return MQRC_NONE;
	memcpy(&v, (const char *)user + offsetof(MQOD, SelectionString), sizeof v);
	if (v.VSLength == 0)
		return MQRC_NONE;
	if ((v.VSLength < 0 && v.VSLength != MQVS_NULL_TERMINATED) || v.VSLength > MQ_SELECTOR_LENGTH)
		return MQRC_SELECTION_STRING_ERROR;
	if (v.VSPtr && v.VSOffset)
		return MQRC_SELECTION_STRING_ERROR;   /* both ways at once */
	s = v.VSPtr ? (const char *)v.VSPtr : v.VSOffset > 0 ? (const char *)user + v.VSOffset : NULL;
	if (!s)
		return MQRC_SELECTION_STRING_ERROR;
	if (v.VSCCSID != MQCCSI_APPL && v.VSCCSID != MQCCSI_DEFAULT && v.VSCCSID != 1208 && v.VSCCSID != 819 &&
	    v.VSCCSID != 437 && v.VSCCSID != 850 && v.VSCCSID != 1252 && v.VSCCSID != 923 && v.VSCCSID != 367)
		return MQRC_SOURCE_CCSID_ERROR;
	if (v.VSLength == MQVS_NULL_TERMINATED) {
		const char *z = memchr(s, 0, MQ_SELECTOR_LENGTH + 1);
		if (!z)
			return MQRC_SELECTION_STRING_ERROR;
		*len = (size_t)(z - s);
	} else {
		*len = (size_t)v.VSLength;
	}
	for (size_t i = 0; i < *len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n' && s[i] != '\f' && s[i] != '\v') {
			*text = s;
			return MQRC_NONE;
		}
	*len = 0;   /* only blanks: no selection, as an empty string */
	return MQRC_NONE;
}

/* Report options that send something back to ReplyToQ. */
#define RO_NEEDS_REPLY (MQRO_PAN | MQRO_NAN | MQRO_ACTIVITY | MQRO_COA_WITH_FULL_DATA | \
	MQRO_COD_WITH_FULL_DATA | MQRO_EXPIRATION_WITH_FULL_DATA | MQRO_EXCEPTION_WITH_FULL_DATA)

MQLONG mqm_check_md_put(const MQMD *md)
{
	if (md->Report & MQRO_REJECT_UNSUP_MASK)
		return MQRC_REPORT_OPTIONS_ERROR;
	if (md->MsgType < MQMT_SYSTEM_FIRST || md->MsgType > MQMT_APPL_LAST)
		return MQRC_MSG_TYPE_ERROR;
	if (md->Expiry <= 0 && md->Expiry != MQEI_UNLIMITED)
		return MQRC_EXPIRY_ERROR;
	if (md->Priority < MQPRI_PRIORITY_AS_Q_DEF)
		return MQRC_PRIORITY_ERROR;
	if (md->Persistence != MQPER_NOT_PERSISTENT && md->Persistence != MQPER_PERSISTENT &&
	    md->Persistence != MQPER_PERSISTENCE_AS_Q_DEF)
		return MQRC_PERSISTENCE_ERROR;
	if ((md->MsgType == MQMT_REQUEST || (md->Report & RO_NEEDS_REPLY)) &&
	    field_blank(md->ReplyToQ, sizeof md->ReplyToQ))
		return MQRC_MISSING_REPLY_TO_Q;
	return MQRC_NONE;
}

MQLONG mqm_int_selectors(MQLONG nsel, const MQLONG *sel)
{
	MQLONG n = 0;
	for (MQLONG i = 0; i < nsel; i++)
		if (sel[i] < MQCA_FIRST)
			n++;
	return n;
}

MQLONG mqm_check_inq_args(MQLONG nsel, const MQLONG *sel, MQLONG nint, const MQLONG *ints,
			  MQLONG charlen, const MQCHAR *chars, int set)
{
	(void)set;
	if (nsel < 0)
		return MQRC_SELECTOR_COUNT_ERROR;
	if (nsel > 256)
		return MQRC_SELECTOR_LIMIT_EXCEEDED;
	if (nsel > 0 && !sel)
		return MQRC_SELECTOR_ERROR;
	if (nint < 0)
		return MQRC_INT_ATTR_COUNT_ERROR;
	if (charlen < 0)
		return MQRC_CHAR_ATTR_LENGTH_ERROR;
	/* the arrays are looked at only when there is something to put in them */
	if (nsel > 0 && nint > 0 && mqm_int_selectors(nsel, sel) > 0 && !ints)
		return MQRC_INT_ATTRS_ARRAY_ERROR;
	if (nsel > 0 && charlen > 0 && mqm_int_selectors(nsel, sel) < nsel && !chars)
		return MQRC_CHAR_ATTRS_ERROR;
	return MQRC_NONE;
}

/* ------------------------------------------------------------------------ */
/* Version copies                                                           */

void mqm_od_in(const void *user, MQLONG ver, MQOD *full)
{
	MQOD d = { MQOD_DEFAULT };
	memcpy(&d, user, mqm_od_len[ver]);
	d.ObjectRecPtr = d.ResponseRecPtr = NULL;
	d.ObjectString.VSPtr = d.SelectionString.VSPtr = d.ResObjectString.VSPtr = NULL;
	*full = d;
}

void mqm_md_in(const void *user, MQLONG ver, MQMD *full)
{
	MQMD d = { MQMD_DEFAULT };
	memcpy(&d, user, mqm_md_len[ver]);
	*full = d;
}

void mqm_pmo_in(const void *user, MQLONG ver, MQPMO *full)
{
	MQPMO d = { MQPMO_DEFAULT };
	memcpy(&d, user, mqm_pmo_len[ver]);
	d.PutMsgRecPtr = d.ResponseRecPtr = NULL;
	*full = d;
}

void mqm_gmo_in(const void *user, MQLONG ver, MQGMO *full)
{
	MQGMO d = { MQGMO_DEFAULT };
	memcpy(&d, user, mqm_gmo_len[ver]);
	*full = d;
}

/* Copy field [off, off+n) of got into user when the caller's structure of
 * length ulen holds it. */
static void out_field(void *user, size_t ulen, const void *got, size_t off, size_t n)
{
	if (off + n <= ulen)
		memcpy((char *)user + off, (const char *)got + off, n);
}

#define OUT(user, ulen, got, type, field) \
	out_field(user, ulen, got, offsetof(type, field), sizeof(((type *)0)->field))

void mqm_od_out(void *user, MQLONG ver, const MQOD *sent, const MQOD *got)
{
	size_t n = mqm_od_len[ver];
	if (memcmp(sent->ObjectName, got->ObjectName, sizeof got->ObjectName) != 0)
		OUT(user, n, got, MQOD, ObjectName);
	OUT(user, n, got, MQOD, KnownDestCount);
	OUT(user, n, got, MQOD, UnknownDestCount);
	OUT(user, n, got, MQOD, InvalidDestCount);
	OUT(user, n, got, MQOD, ResolvedQName);
	OUT(user, n, got, MQOD, ResolvedQMgrName);
	OUT(user, n, got, MQOD, ResolvedType);
}

void mqm_md_out_put(void *user, MQLONG ver, const MQMD *got)
{
	size_t n = mqm_md_len[ver];
	OUT(user, n, got, MQMD, MsgId);
	OUT(user, n, got, MQMD, CorrelId);
	/* the context fields, from UserIdentifier to ApplOriginData */
	out_field(user, n, got, offsetof(MQMD, UserIdentifier),
		  offsetof(MQMD, GroupId) - offsetof(MQMD, UserIdentifier));
	/* version 2: the group and segment fields (set with LOGICAL_ORDER) */
	out_field(user, n, got, offsetof(MQMD, GroupId), sizeof(MQMD) - offsetof(MQMD, GroupId));
}

void mqm_md_out_get(void *user, MQLONG ver, const MQMD *got)
{
	/* every field after StrucId and Version is an output of MQGET */
	out_field(user, mqm_md_len[ver], got, offsetof(MQMD, Report),
		  mqm_md_len[ver] - offsetof(MQMD, Report));
}

void mqm_pmo_out(void *user, MQLONG ver, const MQPMO *got)
{
	size_t n = mqm_pmo_len[ver];
	OUT(user, n, got, MQPMO, KnownDestCount);
	OUT(user, n, got, MQPMO, UnknownDestCount);
	OUT(user, n, got, MQPMO, InvalidDestCount);
	OUT(user, n, got, MQPMO, ResolvedQName);
	OUT(user, n, got, MQPMO, ResolvedQMgrName);
}

void mqm_gmo_out(void *user, MQLONG ver, const MQGMO *got)
{
	size_t n = mqm_gmo_len[ver];
	OUT(user, n, got, MQGMO, ResolvedQName);
	OUT(user, n, got, MQGMO, GroupStatus);
	OUT(user, n, got, MQGMO, SegmentStatus);
	OUT(user, n, got, MQGMO, Segmentation);
	OUT(user, n, got, MQGMO, MsgToken);
	OUT(user, n, got, MQGMO, ReturnedLength);
}
