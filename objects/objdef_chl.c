/*
 * objdef_chl.c: the attribute rows of channels, listeners and authentication
 * information objects (objdef.c reads them after its own rows; the encoding,
 * set/get and validation there serve them like every other row).
 *
 * What is served (see objects/README.md):
 *   CHANNEL   CHLTYPE(SVRCONN) only: DEFINE of any other type is refused by
 *             MQSC and PCF; TRPTYPE(TCP) only.
 *   LISTENER  TRPTYPE(TCP) only (MQ's other transports are Windows ones).
 *   AUTHINFO  AUTHTYPE(IDPWOS) only (CRLLDAP, OCSP and IDPWLDAP refused).
 * The ids are MQ's: MQIACH_* / MQCACH_* (cmqcfc.h) for channels and
 * listeners, MQIA_* / MQCA_* for authentication information; they are the
 * encoding's tags and the PCF parameters.  Rows ascend by id (test_objdef
 * checks it per type); every row is for one or more of the three types only.
 */
#include "objects/objdef_int.h"
#include "cmqc.h"
#include "cmqxc.h"
#include "cmqcfc.h"

static const struct objdef_enum v_chltype[] = { { "SVRCONN", MQCHT_SVRCONN }, { NULL, 0 } };
static const struct objdef_enum v_trptype[] = { { "TCP", MQXPT_TCP }, { NULL, 0 } };
static const struct objdef_enum v_sslcauth[] = {
	{ "REQUIRED", MQSCA_REQUIRED }, { "OPTIONAL", MQSCA_OPTIONAL }, { NULL, 0 } };
static const struct objdef_enum v_control[] = {
	{ "MANUAL", MQSVC_CONTROL_MANUAL }, { "QMGR", MQSVC_CONTROL_Q_MGR },
	{ "STARTONLY", MQSVC_CONTROL_Q_MGR_START }, { NULL, 0 } };
static const struct objdef_enum v_authtype[] = { { "IDPWOS", MQAIT_IDPW_OS }, { NULL, 0 } };
static const struct objdef_enum v_chck[] = {
	{ "NONE", MQCHK_NONE }, { "OPTIONAL", MQCHK_OPTIONAL }, { "REQUIRED", MQCHK_REQUIRED },
	{ "REQDADM", MQCHK_REQUIRED_ADMIN }, { NULL, 0 } };
static const struct objdef_enum v_adoptctx[] = { { "NO", MQADPCTX_NO }, { "YES", MQADPCTX_YES }, { NULL, 0 } };
/* constants of features Quire's channels do not have (OBJDEF_F_CONST) */
static const struct objdef_enum v_kaint[] = { { "AUTO", MQKAI_AUTO }, { NULL, 0 } };
static const struct objdef_enum v_monchl[] = {
	{ "QMGR", MQMON_Q_MGR }, { "OFF", MQMON_OFF }, { "LOW", MQMON_LOW }, { "MEDIUM", MQMON_MEDIUM },
	{ "HIGH", MQMON_HIGH }, { NULL, 0 } };
static const struct objdef_enum v_authenmd[] = {
	{ "OS", MQAUTHENTICATE_OS }, { "PAM", MQAUTHENTICATE_PAM }, { NULL, 0 } };

#define M_CL (M_CHL | M_LSTR)
#define M_CLA (M_CHL | M_LSTR | M_AUTH)

const struct objdef_attr objdef_chl_attrs[] = {
	/* authentication information: MQ's defaults for AUTHTYPE(IDPWOS) on
	 * distributed platforms (SYSTEM.DEFAULT.AUTHINFO.IDPWOS has the same) */
	ENUM_("AUTHTYPE", MQIA_AUTH_INFO_TYPE, M_AUTH, 0, v_authtype, auth_info_type, MQAIT_IDPW_OS),
	/* no channel monitoring: QMGR, whose MONCHL Quire does not have */
	CENUM_("MONCHL", MQIA_MONITORING_CHANNEL, M_CHL, v_monchl, MQMON_Q_MGR),
	ENUM_("CHCKLOCL", MQIA_CHECK_LOCAL_BINDING, M_AUTH, 0, v_chck, check_local, MQCHK_OPTIONAL),
	ENUM_("CHCKCLNT", MQIA_CHECK_CLIENT_BINDING, M_AUTH, 0, v_chck, check_client, MQCHK_REQUIRED_ADMIN),
	INT_("FAILDLAY", MQIA_AUTHENTICATION_FAIL_DELAY, M_AUTH, 0, 0, 60, auth_fail_delay, 1),
	ENUM_("ADOPTCTX", MQIA_ADOPT_CONTEXT, M_AUTH, 0, v_adoptctx, adopt_context, MQADPCTX_YES),
	ENUM_("AUTHENMD", MQIA_AUTHENTICATION_METHOD, M_AUTH, 0, v_authenmd, authentication_method,
	      MQAUTHENTICATE_OS),
	/* channels and listeners */
	ENUM_("TRPTYPE", MQIACH_XMIT_PROTOCOL_TYPE, M_CL, 0, v_trptype, xmit_protocol, MQXPT_TCP),
	/* an idle client is never disconnected by the queue manager: DISCINT 0 */
	CINT_("DISCINT", MQIACH_DISC_INTERVAL, M_CHL, 0, 999999, 0),
	INT_("MAXMSGL", MQIACH_MAX_MSG_LENGTH, M_CHL, 0, 0, 104857600, max_msg_length, 4194304),
	ENUM_("CHLTYPE", MQIACH_CHANNEL_TYPE, M_CHL, 0, v_chltype, channel_type, MQCHT_SVRCONN),
	INT_("PORT", MQIACH_PORT, M_LSTR, 0, 0, 65535, port, 0),
	INT_("HBINT", MQIACH_HB_INTERVAL, M_CHL, 0, 0, 999999, hb_interval, 300),
	/* TCP keepalive as the system has it: AUTO */
	CENUM_("KAINT", MQIACH_KEEP_ALIVE_INTERVAL, M_CHL, v_kaint, MQKAI_AUTO),
	ENUM_("SSLCAUTH", MQIACH_SSL_CLIENT_AUTH, M_CHL, 0, v_sslcauth, ssl_client_auth, MQSCA_REQUIRED),
	ENUM_("CONTROL", MQIACH_LISTENER_CONTROL, M_LSTR, 0, v_control, listener_control, MQSVC_CONTROL_MANUAL),
	INT_("BACKLOG", MQIACH_BACKLOG, M_LSTR, 0, 0, 999999999, backlog, 0),
	INT_("SHARECNV", MQIACH_SHARING_CONVERSATIONS, M_CHL, 0, 0, 999999999, sharing_conversations, 10),
	INT_("MAXINST", MQIACH_MAX_INSTANCES, M_CHL, 0, 0, 999999999, max_instances, 999999999),
	INT_("MAXINSTC", MQIACH_MAX_INSTS_PER_CLIENT, M_CHL, 0, 0, 999999999, max_insts_per_client, 999999999),
	STR_("ALTDATE", MQCA_ALTERATION_DATE, M_CLA, OBJDEF_F_RO | OBJDEF_F_STAMP, 12, altdate, ""),
	STR_("ALTTIME", MQCA_ALTERATION_TIME, M_CLA, OBJDEF_F_RO | OBJDEF_F_STAMP, 8, alttime, ""),
	STR_("AUTHINFO", MQCA_AUTH_INFO_NAME, M_AUTH, OBJDEF_F_RO | OBJDEF_F_NAME | OBJDEF_F_KEY, 48, name, ""),
	STR_("DESCR", MQCA_AUTH_INFO_DESC, M_AUTH, 0, 64, descr, ""),
	/* the certificate this channel presents (blank: the queue manager's
	 * CERTLABL); the field is the queue manager's, the types disjoint */
	STR_("CERTLABL", MQCA_CERT_LABEL, M_CHL, 0, 64, cert_label, ""),
	STR_("CHANNEL", MQCACH_CHANNEL_NAME, M_CHL, OBJDEF_F_RO | OBJDEF_F_NAME | OBJDEF_F_KEY, 20, name, ""),
	STR_("DESCR", MQCACH_DESC, M_CHL, 0, 64, descr, ""),
	/* no channel exits */
	CSTR_("SCYEXIT", MQCACH_SEC_EXIT_NAME, M_CHL, 128, ""),
	CSTR_("SCYDATA", MQCACH_SEC_EXIT_USER_DATA, M_CHL, 32, ""),
	STR_("MCAUSER", MQCACH_MCA_USER_ID, M_CHL, 0, 12, mca_user_id, ""),
	STR_("SSLCIPH", MQCACH_SSL_CIPHER_SPEC, M_CHL, 0, 32, ssl_cipher_spec, ""),
	/* interned, not inline: see struct objdef */
	ISTR_("SSLPEER", MQCACH_SSL_PEER_NAME, M_CHL, 0, 1024, ssl_peer_name, ""),
	STR_("IPADDR", MQCACH_IP_ADDRESS, M_LSTR, 0, 48, ip_address, ""),
	STR_("LISTENER", MQCACH_LISTENER_NAME, M_LSTR, OBJDEF_F_RO | OBJDEF_F_NAME | OBJDEF_F_KEY, 48, name, ""),
	STR_("DESCR", MQCACH_LISTENER_DESC, M_LSTR, 0, 64, descr, ""),
};

const size_t objdef_chl_nattrs = sizeof objdef_chl_attrs / sizeof objdef_chl_attrs[0];
