/*
 * objdef.c: object definitions, their attribute table and their encoding.
 *
 * ENCODING (version 1).  A definition travels as the payload of the log's
 * create/alter records (so a create record is the object's first media image)
 * and as the definition inside object files.  All integers little-endian.
 *
 *   offset  size  field
 *   0       2     encoding version, u16 = 1
 *   2       2     reserved, u16 = 0
 *   4       4     object type, u32: MQOT_Q_MGR 5, MQOT_ALIAS_Q 1002,
 *                 MQOT_MODEL_Q 1003, MQOT_LOCAL_Q 1004, MQOT_PROCESS 3,
 *                 MQOT_TOPIC 8, MQOT_CHANNEL 6, MQOT_LISTENER 11,
 *                 MQOT_AUTH_INFO 7
 *   8       4     attribute count n, u32
 *   12      ...   n attributes, each:
 *                   0  4  tag, u32: the MQIA_* / MQCA_* id of the attribute
 *                         (OBJDEF_ID_QM_IDENTITY 900001 for the identity)
 *                   4  4  value length L, u32
 *                   8  L  value: INT and ENUM attributes L = 4, an int32;
 *                         strings L <= the MQ length, the characters without
 *                         padding or NUL (TOPICSTR too: held in memory by
 *                         pointer to an interned copy, kind OBJDEF_ISTR, it
 *                         is encoded exactly as an inline string was); the
 *                         identity L = 16 bytes
 *
 * Validity rule (objdef_decode): the buffer is at least 12 bytes; the version
 * is 1 (else QM_EVERSION); reserved is 0; the type is one of the nine; every
 * attribute lies wholly inside the buffer, its tag belongs to the type, tags
 * strictly ascend (so none repeats), its length fits its kind, an int is in its
 * range, an enum value is one of its values, a string has no byte below 0x20,
 * no 0x7f and no trailing blank, and a name-valued string is blank or a valid
 * MQ name; the object's name is present and valid; and the n attributes end
 * exactly at the end of the buffer.  Anything else is QM_ECORRUPT.
 *
 * Constants (OBJDEF_F_CONST: attributes of features Quire does not have, and
 * VERSION) are not written: their value is fixed by this build.
 *
 * The encoder writes every attribute of the type, in ascending tag order, so
 * one definition has exactly one encoding.  An attribute added later gets a new
 * tag: older encodings lack it and decode with its built-in default; a reader
 * that does not know a tag rejects the data.  Tags are MQ's ids and never
 * change; OBJDEF_ENC_VERSION changes only if the layout above changes.
 */
#include "objects/objdef.h"
#include "objects/names.h"
#include "objects/errbuf.h"
#include "objects/strintern.h"
#include "cmqc.h"
#include "log/byteorder.h"
#include "log/qmerr.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "objects/objdef_int.h"

static const struct objdef_enum v_enabled[] = {
	{ "ENABLED", MQQA_PUT_ALLOWED }, { "DISABLED", MQQA_PUT_INHIBITED }, { NULL, 0 } };
static const struct objdef_enum v_yesno[] = { { "NO", 0 }, { "YES", 1 }, { NULL, 0 } };
static const struct objdef_enum v_defsopt[] = {
	{ "EXCL", MQOO_INPUT_EXCLUSIVE }, { "SHARED", MQOO_INPUT_SHARED }, { NULL, 0 } };
static const struct objdef_enum v_deftype_l[] = {
	{ "PREDEFINED", MQQDT_PREDEFINED }, { "PERMDYN", MQQDT_PERMANENT_DYNAMIC },
	{ "TEMPDYN", MQQDT_TEMPORARY_DYNAMIC }, { NULL, 0 } };
static const struct objdef_enum v_deftype_m[] = {
	{ "PERMDYN", MQQDT_PERMANENT_DYNAMIC }, { "TEMPDYN", MQQDT_TEMPORARY_DYNAMIC }, { NULL, 0 } };
static const struct objdef_enum v_hardenbo[] = {
	{ "HARDENBO", MQQA_BACKOUT_HARDENED }, { "NOHARDENBO", MQQA_BACKOUT_NOT_HARDENED }, { NULL, 0 } };
static const struct objdef_enum v_usage[] = {
	{ "NORMAL", MQUS_NORMAL }, { "XMITQ", MQUS_TRANSMISSION }, { NULL, 0 } };
static const struct objdef_enum v_markint[] = { { "NOLIMIT", MQMMBI_UNLIMITED }, { NULL, 0 } };
static const struct objdef_enum v_msgdlvsq[] = {
	{ "PRIORITY", MQMDS_PRIORITY }, { "FIFO", MQMDS_FIFO }, { NULL, 0 } };
static const struct objdef_enum v_share[] = {
	{ "SHARE", MQQA_SHAREABLE }, { "NOSHARE", MQQA_NOT_SHAREABLE }, { NULL, 0 } };
static const struct objdef_enum v_trigger[] = {
	{ "TRIGGER", MQTC_ON }, { "NOTRIGGER", MQTC_OFF }, { NULL, 0 } };
static const struct objdef_enum v_trigtype[] = {
	{ "NONE", MQTT_NONE }, { "FIRST", MQTT_FIRST }, { "EVERY", MQTT_EVERY }, { "DEPTH", MQTT_DEPTH },
	{ NULL, 0 } };
static const struct objdef_enum v_defpresp[] = {
	{ "SYNC", MQPRT_SYNC_RESPONSE }, { "ASYNC", MQPRT_ASYNC_RESPONSE }, { NULL, 0 } };
static const struct objdef_enum v_propctl[] = {
	{ "COMPAT", MQPROP_COMPATIBILITY }, { "NONE", MQPROP_NONE }, { "ALL", MQPROP_ALL },
	{ "FORCE", MQPROP_FORCE_MQRFH2 }, { "V6COMPAT", MQPROP_V6COMPAT }, { NULL, 0 } };
static const struct objdef_enum v_platform[] = { { "UNIX", MQPL_UNIX }, { NULL, 0 } };
static const struct objdef_enum v_indxtype[] = {
	{ "NONE", MQIT_NONE }, { "MSGID", MQIT_MSG_ID }, { "CORRELID", MQIT_CORREL_ID },
	{ "MSGTOKEN", MQIT_MSG_TOKEN }, { "GROUPID", MQIT_GROUP_ID }, { NULL, 0 } };
static const struct objdef_enum v_targtype[] = {
	{ "QUEUE", MQOT_Q }, { "TOPIC", MQOT_TOPIC }, { NULL, 0 } };
static const struct objdef_enum v_imgsched[] = {
	{ "MANUAL", MQMEDIMGSCHED_MANUAL }, { "AUTO", MQMEDIMGSCHED_AUTO }, { NULL, 0 } };
/* SCMDSERV: the command server starts with the queue manager, or by strmqcsv */
static const struct objdef_enum v_svcctl[] = {
	{ "QMGR", MQSVC_CONTROL_Q_MGR }, { "MANUAL", MQSVC_CONTROL_MANUAL }, { NULL, 0 } };
static const struct objdef_enum v_evr[] = {
	{ "DISABLED", MQEVR_DISABLED }, { "ENABLED", MQEVR_ENABLED }, { NULL, 0 } };
/* CMDEV: command events for every command, or for all but DISPLAY (MQSC) and
 * INQUIRE (PCF) ones */
static const struct objdef_enum v_cmdev[] = {
	{ "DISABLED", MQEVR_DISABLED }, { "ENABLED", MQEVR_ENABLED }, { "NODISPLAY", MQEVR_NO_DISPLAY }, { NULL, 0 } };
/* APPLTYPE: MQ's keywords for distributed platforms.  UNIX comes before DEF
 * (the same value, MQAT_DEFAULT) so that DEF is shown as UNIX, as MQ shows
 * the platform's default type. */
static const struct objdef_enum v_appltype[] = {
	{ "UNIX", MQAT_UNIX }, { "DEF", MQAT_DEFAULT }, { "CICS", MQAT_CICS }, { "IMS", MQAT_IMS },
	{ "MVS", MQAT_MVS }, { "NOTESAGENT", MQAT_NOTES_AGENT }, { "NSK", MQAT_NSK }, { "OS400", MQAT_OS400 },
	{ "WINDOWS", MQAT_WINDOWS }, { "WLM", MQAT_WLM }, { NULL, 0 } };
static const struct objdef_enum v_imgrcov_qm[] = {
	{ "NO", MQIMGRCOV_NO }, { "YES", MQIMGRCOV_YES }, { NULL, 0 } };
static const struct objdef_enum v_imgrcov_q[] = {
	{ "NO", MQIMGRCOV_NO }, { "YES", MQIMGRCOV_YES }, { "QMGR", MQIMGRCOV_AS_Q_MGR }, { NULL, 0 } };

static const struct objdef_enum v_offon[] = { { "OFF", MQMON_OFF }, { "ON", MQMON_ON }, { NULL, 0 } };
static const struct objdef_enum v_offon_none[] = {
	{ "OFF", MQMON_OFF }, { "ON", MQMON_ON }, { "NONE", MQMON_NONE }, { NULL, 0 } };
static const struct objdef_enum v_qmgr_offon[] = {
	{ "QMGR", MQMON_Q_MGR }, { "OFF", MQMON_OFF }, { "ON", MQMON_ON }, { NULL, 0 } };
static const struct objdef_enum v_disen[] = { { "DISABLED", 0 }, { "ENABLED", 1 }, { NULL, 0 } };
static const struct objdef_enum v_activrec[] = {
	{ "DISABLED", MQRECORDING_DISABLED }, { "QUEUE", MQRECORDING_Q }, { "MSG", MQRECORDING_MSG }, { NULL, 0 } };
static const struct objdef_enum v_certvpol[] = {
	{ "ANY", MQ_CERT_VAL_POLICY_ANY }, { "RFC5280", MQ_CERT_VAL_POLICY_RFC5280 }, { NULL, 0 } };
static const struct objdef_enum v_useq_qm[] = {
	{ "LOCAL", MQCLWL_USEQ_LOCAL }, { "ANY", MQCLWL_USEQ_ANY }, { NULL, 0 } };
static const struct objdef_enum v_useq_q[] = {
	{ "QMGR", MQCLWL_USEQ_AS_Q_MGR }, { "LOCAL", MQCLWL_USEQ_LOCAL }, { "ANY", MQCLWL_USEQ_ANY }, { NULL, 0 } };
static const struct objdef_enum v_defclxq[] = { { "SCTQ", MQCLXQ_SCTQ }, { "CHANNEL", MQCLXQ_CHANNEL }, { NULL, 0 } };
static const struct objdef_enum v_ipaddrv[] = { { "IPV4", MQIPADDR_IPV4 }, { "IPV6", MQIPADDR_IPV6 }, { NULL, 0 } };
static const struct objdef_enum v_psmode[] = {
	{ "DISABLED", MQPSM_DISABLED }, { "COMPAT", MQPSM_COMPAT }, { "ENABLED", MQPSM_ENABLED }, { NULL, 0 } };
static const struct objdef_enum v_psnpmsg[] = {
	{ "DISCARD", MQUNDELIVERED_DISCARD }, { "KEEP", MQUNDELIVERED_KEEP }, { NULL, 0 } };
static const struct objdef_enum v_psnpres[] = {
	{ "NORMAL", MQUNDELIVERED_NORMAL }, { "SAFE", MQUNDELIVERED_SAFE }, { "DISCARD", MQUNDELIVERED_DISCARD },
	{ "KEEP", MQUNDELIVERED_KEEP }, { NULL, 0 } };
static const struct objdef_enum v_pssyncpt[] = { { "YES", 0 }, { "IFPER", 1 }, { NULL, 0 } };
static const struct objdef_enum v_statacls[] = {
	{ "QMGR", MQMON_Q_MGR }, { "OFF", MQMON_OFF }, { "LOW", MQMON_LOW }, { "MEDIUM", MQMON_MEDIUM },
	{ "HIGH", MQMON_HIGH }, { NULL, 0 } };
static const struct objdef_enum v_statchl[] = {
	{ "OFF", MQMON_OFF }, { "LOW", MQMON_LOW }, { "MEDIUM", MQMON_MEDIUM }, { "HIGH", MQMON_HIGH }, { NULL, 0 } };
static const struct objdef_enum v_suiteb[] = {
	{ "NONE", MQ_SUITE_B_NONE }, { "128_BIT", MQ_SUITE_B_128_BIT }, { "192_BIT", MQ_SUITE_B_192_BIT }, { NULL, 0 } };
static const struct objdef_enum v_defbind[] = {
	{ "OPEN", MQBND_BIND_ON_OPEN }, { "NOTFIXED", MQBND_BIND_NOT_FIXED }, { "GROUP", MQBND_BIND_ON_GROUP },
	{ NULL, 0 } };
static const struct objdef_enum v_defreada[] = {
	{ "NO", MQREADA_NO }, { "YES", MQREADA_YES }, { "DISABLED", MQREADA_DISABLED }, { NULL, 0 } };
static const struct objdef_enum v_npmclass[] = {
	{ "NORMAL", MQNPM_CLASS_NORMAL }, { "HIGH", MQNPM_CLASS_HIGH }, { NULL, 0 } };
static const struct objdef_enum v_qsvciev[] = {
	{ "NONE", MQQSIE_NONE }, { "HIGH", MQQSIE_HIGH }, { "OK", MQQSIE_OK }, { NULL, 0 } };
static const struct objdef_enum v_chlauth[] = {
	{ "DISABLED", MQCHLA_DISABLED }, { "ENABLED", MQCHLA_ENABLED }, { NULL, 0 } };
static const struct objdef_enum v_scope[] = { { "QMGR", MQSCO_Q_MGR }, { "CELL", MQSCO_CELL }, { NULL, 0 } };

/* Topic objects: ASPARENT is each attribute's "take it from the parent" value
 * (objects/topictree.c resolves it). */
static const struct objdef_enum v_t_prty[] = { { "ASPARENT", MQPRI_PRIORITY_AS_PARENT }, { NULL, 0 } };
static const struct objdef_enum v_t_psist[] = {
	{ "ASPARENT", MQPER_PERSISTENCE_AS_PARENT }, { "NO", MQPER_NOT_PERSISTENT }, { "YES", MQPER_PERSISTENT },
	{ NULL, 0 } };
static const struct objdef_enum v_t_presp[] = {
	{ "ASPARENT", MQPRT_RESPONSE_AS_PARENT }, { "SYNC", MQPRT_SYNC_RESPONSE }, { "ASYNC", MQPRT_ASYNC_RESPONSE },
	{ NULL, 0 } };
static const struct objdef_enum v_t_dursub[] = {
	{ "ASPARENT", MQSUB_DURABLE_AS_PARENT }, { "YES", MQSUB_DURABLE_ALLOWED }, { "NO", MQSUB_DURABLE_INHIBITED },
	{ NULL, 0 } };
static const struct objdef_enum v_t_pub[] = {
	{ "ASPARENT", MQTA_PUB_AS_PARENT }, { "ENABLED", MQTA_PUB_ALLOWED }, { "DISABLED", MQTA_PUB_INHIBITED },
	{ NULL, 0 } };
static const struct objdef_enum v_t_sub[] = {
	{ "ASPARENT", MQTA_SUB_AS_PARENT }, { "ENABLED", MQTA_SUB_ALLOWED }, { "DISABLED", MQTA_SUB_INHIBITED },
	{ NULL, 0 } };
static const struct objdef_enum v_t_dlv[] = {
	{ "ASPARENT", MQDLV_AS_PARENT }, { "ALL", MQDLV_ALL }, { "ALLDUR", MQDLV_ALL_DUR },
	{ "ALLAVAIL", MQDLV_ALL_AVAIL }, { NULL, 0 } };
static const struct objdef_enum v_t_wild[] = { { "PASSTHRU", MQTA_PASSTHRU }, { "BLOCK", MQTA_BLOCK }, { NULL, 0 } };
static const struct objdef_enum v_t_scope[] = {
	{ "ASPARENT", MQSCOPE_AS_PARENT }, { "QMGR", MQSCOPE_QMGR }, { "ALL", MQSCOPE_ALL }, { NULL, 0 } };
static const struct objdef_enum v_t_usedlq[] = {
	{ "ASPARENT", MQUSEDLQ_AS_PARENT }, { "NO", MQUSEDLQ_NO }, { "YES", MQUSEDLQ_YES }, { NULL, 0 } };
static const struct objdef_enum v_t_capexpry[] = {
	{ "ASPARENT", MQCEX_AS_PARENT }, { "NOLIMIT", MQCEX_NOLIMIT }, { NULL, 0 } };
static const struct objdef_enum v_t_mcast[] = {
	{ "ASPARENT", MQMC_AS_PARENT }, { "ENABLED", MQMC_ENABLED }, { "DISABLED", MQMC_DISABLED },
	{ "ONLY", MQMC_ONLY }, { NULL, 0 } };
static const struct objdef_enum v_t_proxysub[] = {
	{ "FIRSTUSE", MQTA_PROXY_SUB_FIRSTUSE }, { "FORCE", MQTA_PROXY_SUB_FORCE }, { NULL, 0 } };
static const struct objdef_enum v_t_type[] = { { "LOCAL", MQTOPT_LOCAL }, { "CLUSTER", MQTOPT_CLUSTER }, { NULL, 0 } };
static const struct objdef_enum v_t_clroute[] = {
	{ "DIRECT", MQCLROUTE_DIRECT }, { "TOPICHOST", MQCLROUTE_TOPIC_HOST }, { "NONE", MQCLROUTE_NONE },
	{ NULL, 0 } };


/*
 * The attribute table, in ascending id order (the encoding's order; rows
 * sharing an id are for disjoint types).  Ranges and defaults are MQ's for
 * distributed platforms; see objects/README.md for the few we chose.
 */
static const struct objdef_attr attrs_main[] = {
	{ "APPLTYPE", NULL, MQIA_APPL_TYPE, OBJDEF_ENUM, OBJDEF_F_ENUMINT, M_PROC, MQAT_USER_FIRST, MQAT_USER_LAST,
	  v_appltype, OFF(appl_type), MQAT_UNIX, NULL },
	INT_("CCSID", MQIA_CODED_CHAR_SET_ID, M_QMGR, 0, 1, 65535, ccsid, 1208),
	ENUM_("DEFSOPT", MQIA_DEF_INPUT_OPEN_OPTION, M_LM, 0, v_defsopt, def_input_open_option,
	      MQOO_INPUT_SHARED),
	ENUM_("DEFPSIST", MQIA_DEF_PERSISTENCE, M_Q, 0, v_yesno, def_persistence, MQPER_NOT_PERSISTENT),
	INT_("DEFPRTY", MQIA_DEF_PRIORITY, M_Q, 0, 0, 9, def_priority, 0),
	{ "DEFPRTY", NULL, MQIA_DEF_PRIORITY, OBJDEF_ENUM, OBJDEF_F_ENUMINT, M_TOPIC, 0, 9, v_t_prty,
	  OFF(def_priority), MQPRI_PRIORITY_AS_PARENT, NULL },
	ENUM_("DEFTYPE", MQIA_DEFINITION_TYPE, M_LOCAL, OBJDEF_F_RO, v_deftype_l, definition_type,
	      MQQDT_PREDEFINED),
	ENUM_("DEFTYPE", MQIA_DEFINITION_TYPE, M_MODEL, 0, v_deftype_m, definition_type,
	      MQQDT_TEMPORARY_DYNAMIC),
	PAIR_("HARDENBO", "NOHARDENBO", MQIA_HARDEN_GET_BACKOUT, M_LM, v_hardenbo, harden_get_backout,
	      MQQA_BACKOUT_NOT_HARDENED),
	ENUM_("GET", MQIA_INHIBIT_GET, M_Q, OBJDEF_F_MQSET, v_enabled, inhibit_get, MQQA_GET_ALLOWED),
	ENUM_("PUT", MQIA_INHIBIT_PUT, M_Q, OBJDEF_F_MQSET, v_enabled, inhibit_put, MQQA_PUT_ALLOWED),
	INT_("MAXHANDS", MQIA_MAX_HANDLES, M_QMGR, 0, 0, 999999999, max_handles, 256),
	ENUM_("USAGE", MQIA_USAGE, M_LM, 0, v_usage, usage, MQUS_NORMAL),
	INT_("MAXMSGL", MQIA_MAX_MSG_LENGTH, M_LM, 0, 0, 104857600, max_msg_length, 4194304),
	INT_("MAXMSGL", MQIA_MAX_MSG_LENGTH, M_QMGR, 0, 32768, 104857600, max_msg_length, 4194304),
	INT_("MAXPRTY", MQIA_MAX_PRIORITY, M_QMGR, OBJDEF_F_RO, 9, 9, max_priority, 9),
	INT_("MAXDEPTH", MQIA_MAX_Q_DEPTH, M_LM, 0, 0, 999999999, max_q_depth, 5000),
	ENUM_("MSGDLVSQ", MQIA_MSG_DELIVERY_SEQUENCE, M_LM, 0, v_msgdlvsq, msg_delivery_sequence,
	      MQMDS_PRIORITY),
	INT_("RETINTVL", MQIA_RETENTION_INTERVAL, M_LM, 0, 0, 999999999, retention_interval, 999999999),
	INT_("BOTHRESH", MQIA_BACKOUT_THRESHOLD, M_LM, 0, 0, 999999999, backout_threshold, 0),
	PAIR_("SHARE", "NOSHARE", MQIA_SHAREABILITY, M_LM, v_share, shareability, MQQA_SHAREABLE),
	PAIRF_("TRIGGER", "NOTRIGGER", MQIA_TRIGGER_CONTROL, M_LM, OBJDEF_F_MQSET, v_trigger, trigger_control,
	       MQTC_OFF),
	INT_("TRIGINT", MQIA_TRIGGER_INTERVAL, M_QMGR, 0, 0, 999999999, trigger_interval, 999999999),
	INT_("TRIGMPRI", MQIA_TRIGGER_MSG_PRIORITY, M_LM, OBJDEF_F_MQSET, 0, 9, trigger_msg_priority, 0),
	ENUM_("TRIGTYPE", MQIA_TRIGGER_TYPE, M_LM, OBJDEF_F_MQSET, v_trigtype, trigger_type, MQTT_FIRST),
	INT_("TRIGDPTH", MQIA_TRIGGER_DEPTH, M_LM, OBJDEF_F_MQSET, 1, 999999999, trigger_depth, 1),
	INT_("CMDLEVEL", MQIA_COMMAND_LEVEL, M_QMGR, OBJDEF_F_RO, 1, 999999999, command_level,
	     MQCMDL_CURRENT_LEVEL),
	ENUM_("PLATFORM", MQIA_PLATFORM, M_QMGR, OBJDEF_F_RO, v_platform, platform, MQPL_UNIX),
	INT_("MAXUMSGS", MQIA_MAX_UNCOMMITTED_MSGS, M_QMGR, 0, 1, 999999999, max_uncommitted_msgs, 10000),
	CENUM_("DISTL", MQIA_DIST_LISTS, M_QMGR | M_LM, v_yesno, MQDL_NOT_SUPPORTED),
	INT_("QDEPTHHI", MQIA_Q_DEPTH_HIGH_LIMIT, M_LM, 0, 0, 100, q_depth_high_limit, 80),
	INT_("QDEPTHLO", MQIA_Q_DEPTH_LOW_LIMIT, M_LM, 0, 0, 100, q_depth_low_limit, 20),
	ENUM_("QDPMAXEV", MQIA_Q_DEPTH_MAX_EVENT, M_LM, 0, v_evr, q_depth_max_event, MQEVR_ENABLED),
	ENUM_("QDPHIEV", MQIA_Q_DEPTH_HIGH_EVENT, M_LM, 0, v_evr, q_depth_high_event, MQEVR_DISABLED),
	ENUM_("QDPLOEV", MQIA_Q_DEPTH_LOW_EVENT, M_LM, 0, v_evr, q_depth_low_event, MQEVR_DISABLED),
	CENUM_("SCOPE", MQIA_SCOPE, M_LOCAL | M_ALIAS, v_scope, MQSCO_Q_MGR),
	CENUM_("QSVCIEV", MQIA_Q_SERVICE_INTERVAL_EVENT, M_LM, v_qsvciev, MQQSIE_NONE),
	ENUM_("AUTHOREV", MQIA_AUTHORITY_EVENT, M_QMGR, 0, v_evr, authority_event, MQEVR_DISABLED),
	ENUM_("INHIBTEV", MQIA_INHIBIT_EVENT, M_QMGR, 0, v_evr, inhibit_event, MQEVR_DISABLED),
	CENUM_("LOCALEV", MQIA_LOCAL_EVENT, M_QMGR, v_evr, MQEVR_DISABLED),
	CENUM_("REMOTEEV", MQIA_REMOTE_EVENT, M_QMGR, v_evr, MQEVR_DISABLED),
	ENUM_("CONFIGEV", MQIA_CONFIGURATION_EVENT, M_QMGR, 0, v_evr, config_event, MQEVR_DISABLED),
	CENUM_("STRSTPEV", MQIA_START_STOP_EVENT, M_QMGR, v_evr, MQEVR_DISABLED),
	ENUM_("PERFMEV", MQIA_PERFORMANCE_EVENT, M_QMGR, 0, v_evr, performance_event, MQEVR_DISABLED),
	CINT_("QSVCINT", MQIA_Q_SERVICE_INTERVAL, M_LM, 0, 999999999, 999999999),
	CENUM_("CHAD", MQIA_CHANNEL_AUTO_DEF, M_QMGR, v_disen, MQCHAD_DISABLED),
	CENUM_("CHADEV", MQIA_CHANNEL_AUTO_DEF_EVENT, M_QMGR, v_evr, MQEVR_DISABLED),
	ENUM_("INDXTYPE", MQIA_INDEX_TYPE, M_LM, 0, v_indxtype, index_type, MQIT_NONE),
	CINT_("CLWLLEN", MQIA_CLUSTER_WORKLOAD_LENGTH, M_QMGR, 0, 999999999, 100),
	CENUM_("DEFBIND", MQIA_DEF_BIND, M_Q, v_defbind, MQBND_BIND_ON_OPEN),
	{ "MARKINT", NULL, MQIA_MSG_MARK_BROWSE_INTERVAL, OBJDEF_ENUM, OBJDEF_F_ENUMINT, M_QMGR, 0, 999999999,
	  v_markint, OFF(mark_browse_interval), 5000, NULL },
	ENUM_("CHLEV", MQIA_CHANNEL_EVENT, M_QMGR, 0, v_evr, channel_event, MQEVR_DISABLED),
	ENUM_("SSLEV", MQIA_SSL_EVENT, M_QMGR, 0, v_evr, ssl_event, MQEVR_DISABLED),
	CINT_("SSLRKEYC", MQIA_SSL_RESET_COUNT, M_QMGR, 0, 999999999, 0),
	CENUM_("NPMCLASS", MQIA_NPM_CLASS, M_LM, v_npmclass, MQNPM_CLASS_NORMAL),
	CENUM_("SSLFIPS", MQIA_SSL_FIPS_REQUIRED, M_QMGR, v_yesno, MQSSL_FIPS_NO),
	CENUM_("IPADDRV", MQIA_IP_ADDRESS_VERSION, M_QMGR, v_ipaddrv, MQIPADDR_IPV4),
	ENUM_("LOGGEREV", MQIA_LOGGER_EVENT, M_QMGR, 0, v_evr, logger_events, MQEVR_DISABLED),
	CINT_("CLWLRANK", MQIA_CLWL_Q_RANK, M_LOCAL | M_ALIAS, 0, 9, 0),
	CINT_("CLWLPRTY", MQIA_CLWL_Q_PRIORITY, M_LOCAL | M_ALIAS, 0, 9, 0),
	CINT_("CLWLMRUC", MQIA_CLWL_MRU_CHANNELS, M_QMGR, 1, 999999999, 999999999),
	CENUM_("CLWLUSEQ", MQIA_CLWL_USEQ, M_QMGR, v_useq_qm, MQCLWL_USEQ_LOCAL),
	CENUM_("CLWLUSEQ", MQIA_CLWL_USEQ, M_LOCAL, v_useq_q, MQCLWL_USEQ_AS_Q_MGR),
	ENUM_("CMDEV", MQIA_COMMAND_EVENT, M_QMGR, 0, v_cmdev, command_event, MQEVR_DISABLED),
	CINT_("LSTRTMR", MQIA_LISTENER_TIMER, M_QMGR, 5, 999999999, 60),
	ENUM_("SCMDSERV", MQIA_CMD_SERVER_CONTROL, M_QMGR, 0, v_svcctl, cmd_server_control, MQSVC_CONTROL_Q_MGR),
	CENUM_("STATMQI", MQIA_STATISTICS_MQI, M_QMGR, v_offon, MQMON_OFF),
	CENUM_("STATQ", MQIA_STATISTICS_Q, M_QMGR, v_offon_none, MQMON_OFF),
	CENUM_("STATQ", MQIA_STATISTICS_Q, M_LM, v_qmgr_offon, MQMON_Q_MGR),
	CENUM_("STATCHL", MQIA_STATISTICS_CHANNEL, M_QMGR, v_statchl, MQMON_OFF),
	CENUM_("STATACLS", MQIA_STATISTICS_AUTO_CLUSSDR, M_QMGR, v_statacls, MQMON_Q_MGR),
	CINT_("STATINT", MQIA_STATISTICS_INTERVAL, M_QMGR, 1, 604000, 1800),
	CENUM_("ACCTMQI", MQIA_ACCOUNTING_MQI, M_QMGR, v_offon, MQMON_OFF),
	CENUM_("ACCTQ", MQIA_ACCOUNTING_Q, M_QMGR, v_offon_none, MQMON_OFF),
	CENUM_("ACCTQ", MQIA_ACCOUNTING_Q, M_LM, v_qmgr_offon, MQMON_Q_MGR),
	CINT_("ACCTINT", MQIA_ACCOUNTING_INTERVAL, M_QMGR, 1, 604000, 1800),
	CENUM_("ACCTCONO", MQIA_ACCOUNTING_CONN_OVERRIDE, M_QMGR, v_disen, MQMON_DISABLED),
	CENUM_("ACTIVREC", MQIA_ACTIVITY_RECORDING, M_QMGR, v_activrec, MQRECORDING_DISABLED),
	ENUM_("DURSUB", MQIA_DURABLE_SUB, M_TOPIC, 0, v_t_dursub, durable_sub, MQSUB_DURABLE_AS_PARENT),
	CENUM_("MCAST", MQIA_MULTICAST, M_TOPIC, v_t_mcast, MQMC_DISABLED),
	ENUM_("PUB", MQIA_INHIBIT_PUB, M_TOPIC, 0, v_t_pub, inhibit_pub, MQTA_PUB_AS_PARENT),
	ENUM_("SUB", MQIA_INHIBIT_SUB, M_TOPIC, 0, v_t_sub, inhibit_sub, MQTA_SUB_AS_PARENT),
	CINT_("TREELIFE", MQIA_TREE_LIFE_TIME, M_QMGR, 0, 604000, 1800),
	ENUM_("DEFPRESP", MQIA_DEF_PUT_RESPONSE_TYPE, M_Q, 0, v_defpresp, def_put_response, MQPRT_SYNC_RESPONSE),
	ENUM_("DEFPRESP", MQIA_DEF_PUT_RESPONSE_TYPE, M_TOPIC, 0, v_t_presp, def_put_response, MQPRT_RESPONSE_AS_PARENT),
	ENUM_("DEFPSIST", MQIA_TOPIC_DEF_PERSISTENCE, M_TOPIC, 0, v_t_psist, topic_def_persistence,
	      MQPER_PERSISTENCE_AS_PARENT),
	CENUM_("PSMODE", MQIA_PUBSUB_MODE, M_QMGR, v_psmode, MQPSM_DISABLED),
	CENUM_("DEFREADA", MQIA_DEF_READ_AHEAD, M_Q, v_defreada, MQREADA_NO),
	ENUM_("PROPCTL", MQIA_PROPERTY_CONTROL, M_Q, 0, v_propctl, property_control, MQPROP_COMPATIBILITY),
	ENUM_("TARGTYPE", MQIA_BASE_TYPE, M_ALIAS, 0, v_targtype, base_type, MQOT_Q),
	ENUM_("PMSGDLV", MQIA_PM_DELIVERY, M_TOPIC, 0, v_t_dlv, pm_delivery, MQDLV_AS_PARENT),
	ENUM_("NPMSGDLV", MQIA_NPM_DELIVERY, M_TOPIC, 0, v_t_dlv, npm_delivery, MQDLV_AS_PARENT),
	CENUM_("PROXYSUB", MQIA_PROXY_SUB, M_TOPIC, v_t_proxysub, MQTA_PROXY_SUB_FIRSTUSE),
	CENUM_("PSNPMSG", MQIA_PUBSUB_NP_MSG, M_QMGR, v_psnpmsg, MQUNDELIVERED_DISCARD),
	CENUM_("PSNPRES", MQIA_PUBSUB_NP_RESP, M_QMGR, v_psnpres, MQUNDELIVERED_NORMAL),
	CINT_("PSRTYCNT", MQIA_PUBSUB_MAXMSG_RETRY_COUNT, M_QMGR, 0, 999999999, 5),
	CENUM_("PSSYNCPT", MQIA_PUBSUB_SYNC_PT, M_QMGR, v_pssyncpt, 1),
	CENUM_("TYPE", MQIA_TOPIC_TYPE, M_TOPIC, v_t_type, MQTOPT_LOCAL),
	ENUM_("WILDCARD", MQIA_WILDCARD_OPERATION, M_TOPIC, 0, v_t_wild, wildcard_operation, MQTA_PASSTHRU),
	ENUM_("SUBSCOPE", MQIA_SUB_SCOPE, M_TOPIC, 0, v_t_scope, sub_scope, MQSCOPE_AS_PARENT),
	ENUM_("PUBSCOPE", MQIA_PUB_SCOPE, M_TOPIC, 0, v_t_scope, pub_scope, MQSCOPE_AS_PARENT),
	ENUM_("USEDLQ", MQIA_USE_DEAD_LETTER_Q, M_TOPIC, 0, v_t_usedlq, use_dlq, MQUSEDLQ_AS_PARENT),
	CENUM_("ACTVCONO", MQIA_ACTIVITY_CONN_OVERRIDE, M_QMGR, v_disen, MQMON_DISABLED),
	CENUM_("ACTVTRC", MQIA_ACTIVITY_TRACE, M_QMGR, v_offon, MQMON_OFF),
	CENUM_("XRCAP", MQIA_XR_CAPABILITY, M_QMGR, v_yesno, MQCAP_NOT_SUPPORTED),
	CENUM_("SUITEB", MQIA_SUITE_B_STRENGTH, M_QMGR, v_suiteb, MQ_SUITE_B_NONE),
	ENUM_("CHLAUTH", MQIA_CHLAUTH_RECORDS, M_QMGR, 0, v_chlauth, chlauth_records, MQCHLA_ENABLED),
	CENUM_("PSCLUS", MQIA_PUBSUB_CLUSTER, M_QMGR, v_disen, MQPSCLUS_DISABLED),
	CENUM_("DEFCLXQ", MQIA_DEF_CLUSTER_XMIT_Q_TYPE, M_QMGR, v_defclxq, MQCLXQ_SCTQ),
	CENUM_("CERTVPOL", MQIA_CERT_VAL_POLICY, M_QMGR, v_certvpol, MQ_CERT_VAL_POLICY_ANY),
	CENUM_("CLROUTE", MQIA_CLUSTER_PUB_ROUTE, M_TOPIC, v_t_clroute, MQCLROUTE_DIRECT),
	ENUM_("IMGSCHED", MQIA_MEDIA_IMAGE_SCHEDULING, M_QMGR, 0, v_imgsched, image_schedule,
	      MQMEDIMGSCHED_MANUAL),
	INT_("IMGINTVL", MQIA_MEDIA_IMAGE_INTERVAL, M_QMGR, OBJDEF_F_OFF, 0, 999999999, image_interval, 60),
	INT_("IMGLOGLN", MQIA_MEDIA_IMAGE_LOG_LENGTH, M_QMGR, OBJDEF_F_OFF, 0, 999999999, image_log_length,
	     MQMEDIMGLOGLN_OFF),
	ENUM_("IMGRCOVO", MQIA_MEDIA_IMAGE_RECOVER_OBJ, M_QMGR, 0, v_imgrcov_qm, image_recover_obj,
	      MQIMGRCOV_YES),
	ENUM_("IMGRCOVQ", MQIA_MEDIA_IMAGE_RECOVER_Q, M_QMGR, 0, v_imgrcov_qm, image_recover_q,
	      MQIMGRCOV_YES),
	ENUM_("IMGRCOVQ", MQIA_MEDIA_IMAGE_RECOVER_Q, M_LM, 0, v_imgrcov_q, image_recover_q,
	      MQIMGRCOV_AS_Q_MGR),
	{ "CAPEXPRY", NULL, MQIA_CAP_EXPIRY, OBJDEF_ENUM, OBJDEF_F_ENUMINT, M_TOPIC, 1, 999999999, v_t_capexpry,
	  OFF(cap_expiry), MQCEX_AS_PARENT, NULL },
	STR_("APPLICID", MQCA_APPL_ID, M_PROC, 0, 256, appl_id, ""),
	STR_("TARGET", MQCA_BASE_OBJECT_NAME, M_ALIAS, OBJDEF_F_NAME, 48, base_object_name, ""),
	STR_("COMMANDQ", MQCA_COMMAND_INPUT_Q_NAME, M_QMGR, OBJDEF_F_RO | OBJDEF_F_NAME, 48,
	     command_input_q_name, "SYSTEM.ADMIN.COMMAND.QUEUE"),
	STR_("CRDATE", MQCA_CREATION_DATE, M_QMGR | M_LOCAL, OBJDEF_F_RO | OBJDEF_F_STAMP, 12, crdate, ""),
	STR_("CRTIME", MQCA_CREATION_TIME, M_QMGR | M_LOCAL, OBJDEF_F_RO | OBJDEF_F_STAMP, 8, crtime, ""),
	STR_("DEADQ", MQCA_DEAD_LETTER_Q_NAME, M_QMGR, OBJDEF_F_NAME, 48, dead_letter_q_name, ""),
	STR_("ENVRDATA", MQCA_ENV_DATA, M_PROC, 0, 128, env_data, ""),
	STR_("INITQ", MQCA_INITIATION_Q_NAME, M_LM, OBJDEF_F_NAME, 48, initiation_q_name, ""),
	STR_("DESCR", MQCA_PROCESS_DESC, M_PROC, 0, 64, descr, ""),
	STR_("PROCESS", MQCA_PROCESS_NAME, M_LM, OBJDEF_F_NAME, 48, process_name, ""),
	STR_("PROCESS", MQCA_PROCESS_NAME, M_PROC, OBJDEF_F_RO | OBJDEF_F_NAME | OBJDEF_F_KEY, 48, name, ""),
	STR_("DESCR", MQCA_Q_DESC, M_Q, 0, 64, descr, ""),
	STR_("DESCR", MQCA_Q_MGR_DESC, M_QMGR, 0, 64, descr, ""),
	STR_("QMNAME", MQCA_Q_MGR_NAME, M_QMGR, OBJDEF_F_RO | OBJDEF_F_NAME | OBJDEF_F_KEY, 48, name, ""),
	STR_("QUEUE", MQCA_Q_NAME, M_Q, OBJDEF_F_RO | OBJDEF_F_NAME | OBJDEF_F_KEY, 48, name, ""),
	STR_("BOQNAME", MQCA_BACKOUT_REQ_Q_NAME, M_LM, OBJDEF_F_NAME, 48, backout_req_q_name, ""),
	STR_("USERDATA", MQCA_USER_DATA, M_PROC, 0, 128, user_data, ""),
	STR_("TRIGDATA", MQCA_TRIGGER_DATA, M_LM, OBJDEF_F_MQSET, 64, trigger_data, ""),
	STR_("DEFXMITQ", MQCA_DEF_XMIT_Q_NAME, M_QMGR, OBJDEF_F_NAME, 48, def_xmit_q_name, ""),
	CSTR_("CHADEXIT", MQCA_CHANNEL_AUTO_DEF_EXIT, M_QMGR, 128, ""),
	STR_("ALTDATE", MQCA_ALTERATION_DATE, M_ALL, OBJDEF_F_RO | OBJDEF_F_STAMP, 12, altdate, ""),
	STR_("ALTTIME", MQCA_ALTERATION_TIME, M_ALL, OBJDEF_F_RO | OBJDEF_F_STAMP, 8, alttime, ""),
	CSTR_("CLUSTER", MQCA_CLUSTER_NAME, M_LOCAL | M_ALIAS | M_TOPIC, 48, ""),
	CSTR_("CLUSNL", MQCA_CLUSTER_NAMELIST, M_LOCAL | M_ALIAS, 48, ""),
	STR_("QMID", MQCA_Q_MGR_IDENTIFIER, M_QMGR, OBJDEF_F_RO | OBJDEF_F_STAMP, 48, qmid, ""),
	CSTR_("CLWLEXIT", MQCA_CLUSTER_WORKLOAD_EXIT, M_QMGR, 128, ""),
	CSTR_("CLWLDATA", MQCA_CLUSTER_WORKLOAD_DATA, M_QMGR, 32, ""),
	CSTR_("REPOS", MQCA_REPOSITORY_NAME, M_QMGR, 48, ""),
	CSTR_("REPOSNL", MQCA_REPOSITORY_NAMELIST, M_QMGR, 48, ""),
	/* interned, not inline: see struct objdef */
	ISTR_("SSLKEYR", MQCA_SSL_KEY_REPOSITORY, M_QMGR, 0, 256, ssl_key_repository, ""),
	STR_("TOPIC", MQCA_TOPIC_NAME, M_TOPIC, OBJDEF_F_RO | OBJDEF_F_NAME | OBJDEF_F_KEY, 48, name, ""),
	STR_("DESCR", MQCA_TOPIC_DESC, M_TOPIC, 0, 64, descr, ""),
	/* interned, not inline: see struct objdef */
	{ "TOPICSTR", NULL, MQCA_TOPIC_STRING, OBJDEF_ISTR, 0, M_TOPIC, 0, 10240, NULL, OFF(topic_str), 0, "" },
	STR_("MDURMDL", MQCA_MODEL_DURABLE_Q, M_TOPIC, OBJDEF_F_NAME, 48, model_durable_q, ""),
	STR_("MNDURMDL", MQCA_MODEL_NON_DURABLE_Q, M_TOPIC, OBJDEF_F_NAME, 48, model_non_durable_q, ""),
	CSTR_("PARENT", MQCA_PARENT, M_QMGR, 48, ""),
	CSTR_("COMMINFO", MQCA_COMM_INFO_NAME, M_TOPIC, 48, ""),
	CSTR_("CUSTOM", MQCA_CUSTOM, M_QMGR | M_Q | M_TOPIC, 128, ""),
	CSTR_("VERSION", MQCA_VERSION, M_QMGR, 8, OBJDEF_MQ_VERSION),
	STR_("CERTLABL", MQCA_CERT_LABEL, M_QMGR, 0, 64, cert_label, ""),
	CSTR_("CLCHNAME", MQCA_CLUS_CHL_NAME, M_LM, 20, ""),
	STR_("CONNAUTH", MQCA_CONN_AUTH, M_QMGR, OBJDEF_F_NAME, 48, conn_auth, ""),
	{ "IDENTITY", NULL, OBJDEF_ID_QM_IDENTITY, OBJDEF_BYTES, OBJDEF_F_RO | OBJDEF_F_STAMP | OBJDEF_F_HIDDEN,
	  M_QMGR, 0, OBJDEF_IDENTITY_LEN, NULL, OFF(identity), 0, NULL },
};
#define NMAIN (sizeof attrs_main / sizeof attrs_main[0])
#define NATTRS (NMAIN + objdef_chl_nattrs)

/* Row i of the whole table: this file's rows, then objdef_chl.c's (the
 * channel, listener and authentication information rows; each type's rows lie
 * in one of the two, so per type the ids still ascend). */
static const struct objdef_attr *AT(size_t i)
{
	return i < NMAIN ? &attrs_main[i] : &objdef_chl_attrs[i - NMAIN];
}

static const char *const default_names[OBJDEF_NTYPES] = {
	[OBJDEF_QLOCAL] = "SYSTEM.DEFAULT.LOCAL.QUEUE",
	[OBJDEF_QALIAS] = "SYSTEM.DEFAULT.ALIAS.QUEUE",
	[OBJDEF_QMODEL] = "SYSTEM.DEFAULT.MODEL.QUEUE",
	[OBJDEF_PROCESS] = "SYSTEM.DEFAULT.PROCESS",
	[OBJDEF_TOPIC] = "SYSTEM.DEFAULT.TOPIC",
	[OBJDEF_CHANNEL] = "SYSTEM.DEF.SVRCONN",
	[OBJDEF_LISTENER] = "SYSTEM.DEFAULT.LISTENER.TCP",
	[OBJDEF_AUTHINFO] = "SYSTEM.DEFAULT.AUTHINFO.IDPWOS",
};

static int valid_type(int type) { return type > 0 && type < OBJDEF_NTYPES; }

/* --- types ---------------------------------------------------------------- */

static const struct { const char *name, *abbr; int32_t mqot, qtype; } type_info[OBJDEF_NTYPES] = {
	[OBJDEF_QMGR]   = { "qmgr", "qmgr", MQOT_Q_MGR, 0 },
	[OBJDEF_QLOCAL] = { "qlocal", "ql", MQOT_LOCAL_Q, MQQT_LOCAL },
	[OBJDEF_QALIAS] = { "qalias", "qa", MQOT_ALIAS_Q, MQQT_ALIAS },
	[OBJDEF_QMODEL] = { "qmodel", "qm", MQOT_MODEL_Q, MQQT_MODEL },
	[OBJDEF_PROCESS] = { "process", "prcs", MQOT_PROCESS, 0 },
	[OBJDEF_TOPIC] = { "topic", "top", MQOT_TOPIC, 0 },
	[OBJDEF_CHANNEL] = { "channel", "chl", MQOT_CHANNEL, 0 },
	[OBJDEF_LISTENER] = { "listener", "lstr", MQOT_LISTENER, 0 },
	[OBJDEF_AUTHINFO] = { "authinfo", "authinfo", MQOT_AUTH_INFO, 0 },
};

const char *objdef_type_name(int type) { return valid_type(type) ? type_info[type].name : NULL; }
int32_t objdef_type_mqot(int type) { return valid_type(type) ? type_info[type].mqot : 0; }
int32_t objdef_qtype(int type) { return valid_type(type) ? type_info[type].qtype : 0; }

int objdef_type_from_name(const char *s)
{
	for (int t = 1; t < OBJDEF_NTYPES; t++)
		if (strcasecmp(s, type_info[t].name) == 0 || strcasecmp(s, type_info[t].abbr) == 0)
			return t;
	return 0;
}

int objdef_type_from_mqot(int32_t mqot)
{
	for (int t = 1; t < OBJDEF_NTYPES; t++)
		if (type_info[t].mqot == mqot)
			return t;
	return 0;
}

/* --- the table ------------------------------------------------------------- */

size_t objdef_attr_count(void) { return NATTRS; }
const struct objdef_attr *objdef_attr_at(size_t i) { return i < NATTRS ? AT(i) : NULL; }

const struct objdef_attr *objdef_attr_find(int type, const char *kw)
{
	if (!kw)
		return NULL;
	for (size_t i = 0; i < NATTRS; i++) {
		const struct objdef_attr *a = AT(i);
		if (!objdef_attr_has(a, type) || (a->flags & OBJDEF_F_HIDDEN))
			continue;
		if (strcasecmp(a->kw, kw) == 0 || (a->kw_off && strcasecmp(a->kw_off, kw) == 0))
			return a;
	}
	return NULL;
}

const struct objdef_attr *objdef_attr_by_id(int type, int32_t id)
{
	for (size_t i = 0; i < NATTRS; i++)
		if (AT(i)->id == id && objdef_attr_has(AT(i), type))
			return AT(i);
	return NULL;
}

static int32_t *ifield(struct objdef *d, const struct objdef_attr *a)
{
	return (int32_t *)(void *)((char *)d + a->off);
}
static int32_t iget(const struct objdef *d, const struct objdef_attr *a)
{
	if (a->flags & OBJDEF_F_CONST)
		return a->idef;
	return *(const int32_t *)(const void *)((const char *)d + a->off);
}
static char *sfield(struct objdef *d, const struct objdef_attr *a) { return (char *)d + a->off; }
static const char **pfield(struct objdef *d, const struct objdef_attr *a)
{
	return (const char **)(void *)((char *)d + a->off);
}
/* A text (or the identity's bytes): an ISTR's pointer, NULL read as "". */
static const char *sget(const struct objdef *d, const struct objdef_attr *a)
{
	if (a->flags & OBJDEF_F_CONST)
		return a->sdef ? a->sdef : "";
	if (a->kind == OBJDEF_ISTR) {
		const char *p = *(const char *const *)(const void *)((const char *)d + a->off);
		return p ? p : "";
	}
	return (const char *)d + a->off;
}

/* Store a checked text of len bytes: inline (STR) or interned (ISTR; QM_ENOMEM
 * with the field unchanged when memory runs out). */
static int sstore(struct objdef *d, const struct objdef_attr *a, const char *s, size_t len, char *err, size_t n)
{
	if (a->kind == OBJDEF_ISTR) {
		const char *p = strintern(s, len);
		if (!p) {
			errbuf_set(err, n, "out of memory keeping %s", a->kw);
			return QM_ENOMEM;
		}
		*pfield(d, a) = p;
		return QM_OK;
	}
	memset(sfield(d, a), 0, (size_t)a->max + 1);
	memcpy(sfield(d, a), s, len);
	return QM_OK;
}

/* --- value checks ----------------------------------------------------------- */

static const char *enum_kw(const struct objdef_attr *a, int32_t v)
{
	for (const struct objdef_enum *e = a->vals; e->kw; e++)
		if (e->val == v)
			return e->kw;
	return NULL;
}

/* "ENABLED or DISABLED", "NO, YES or QMGR" */
static void enum_list(const struct objdef_attr *a, char *buf, size_t n)
{
	size_t cnt = 0, used = 0;
	while (a->vals[cnt].kw)
		cnt++;
	buf[0] = 0;
	for (size_t i = 0; i < cnt && used < n; i++) {
		const char *sep = i == 0 ? "" : i + 1 == cnt ? " or " : ", ";
		int w = snprintf(buf + used, n - used, "%s%s", sep, a->vals[i].kw);
		if (w < 0)
			break;
		used += (size_t)w;
	}
}

static void range_text(const struct objdef_attr *a, char *buf, size_t n)
{
	if ((a->flags & OBJDEF_F_OFF) && a->min == 0)
		snprintf(buf, n, "OFF or 1 to %d", (int)a->max);
	else if (a->min == a->max)
		snprintf(buf, n, "%d", (int)a->min);
	else
		snprintf(buf, n, "%d to %d", (int)a->min, (int)a->max);
}

static int check_int(const struct objdef_attr *a, int32_t v, char *err, size_t n)
{
	char allowed[160];
	if (a->kind == OBJDEF_INT) {
		if (v >= a->min && v <= a->max)
			return QM_OK;
		range_text(a, allowed, sizeof allowed);
		errbuf_set(err, n, "%s(%d) is out of range: %s must be %s", a->kw, (int)v, a->kw, allowed);
		return QM_EINVAL;
	}
	if (enum_kw(a, v) || ((a->flags & OBJDEF_F_ENUMINT) && v >= a->min && v <= a->max))
		return QM_OK;
	if (a->kw_off) {
		errbuf_set(err, n, "%s value %d is not valid: it must be %d (%s) or %d (%s)", a->kw, (int)v,
		    (int)a->vals[0].val, a->vals[0].kw, (int)a->vals[1].val, a->vals[1].kw);
		return QM_EINVAL;
	}
	enum_list(a, allowed, sizeof allowed);
	if (a->flags & OBJDEF_F_ENUMINT)
		errbuf_set(err, n, "%s value %d is not valid: %s must be %s, or a number from %d to %d", a->kw,
		    (int)v, a->kw, allowed, (int)a->min, (int)a->max);
	else
		errbuf_set(err, n, "%s value %d is not valid: %s must be %s", a->kw, (int)v, a->kw, allowed);
	return QM_EINVAL;
}

/* A string value of len bytes (no NUL inside). */
static int check_str(const struct objdef_attr *a, const char *s, size_t len, char *err, size_t n)
{
	if (len > (size_t)a->max) {
		errbuf_set(err, n, "%s is %zu characters long; at most %d are allowed", a->kw, len, (int)a->max);
		return QM_EINVAL;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f) {
			errbuf_set(err, n, "%s contains the control character \\x%02x at position %zu", a->kw, c,
			    i + 1);
			return QM_EINVAL;
		}
	}
	if (len > 0 && s[len - 1] == ' ') {
		errbuf_set(err, n, "%s ends with a blank", a->kw);
		return QM_EINVAL;
	}
	if ((a->flags & OBJDEF_F_NAME) && len > 0) {
		char name[OBJDEF_NAME_SIZE], why[160];
		memcpy(name, s, len);
		name[len] = 0;
		if (names_check(name, why, sizeof why)) {
			errbuf_set(err, n, "%s: %s", a->kw, why);
			return QM_EINVAL;
		}
	}
	if ((a->flags & OBJDEF_F_KEY) && len == 0) {
		errbuf_set(err, n, "%s: the object has no name", a->kw);
		return QM_EINVAL;
	}
	return QM_OK;
}

/* --- building -------------------------------------------------------------- */

int objdef_init_default(int type, struct objdef *def)
{
	if (!valid_type(type))
		return QM_EINVAL;
	memset(def, 0, sizeof *def);
	def->type = type;
	for (size_t i = 0; i < NATTRS; i++) {
		const struct objdef_attr *a = AT(i);
		if (!objdef_attr_has(a, type) || (a->flags & OBJDEF_F_CONST))
			continue;
		if (a->kind == OBJDEF_INT || a->kind == OBJDEF_ENUM)
			*ifield(def, a) = a->idef;
		else if (a->kind == OBJDEF_STR && a->sdef)
			snprintf(sfield(def, a), (size_t)a->max + 1, "%s", a->sdef);
		else if (a->kind == OBJDEF_ISTR)
			sstore(def, a, a->sdef ? a->sdef : "", a->sdef ? strlen(a->sdef) : 0, NULL, 0);
	}
	if (default_names[type])
		snprintf(def->name, sizeof def->name, "%s", default_names[type]);
	return QM_OK;
}

int objdef_inherit(struct objdef *dst, const struct objdef *tmpl, int type, char *err, size_t errlen)
{
	struct objdef out;
	if (!valid_type(type)) {
		errbuf_set(err, errlen, "object type %d is not valid", type);
		return QM_EINVAL;
	}
	objdef_init_default(type, &out);
	out.name[0] = 0;
	if (tmpl) {
		int from_model = type == OBJDEF_QLOCAL && tmpl->type == OBJDEF_QMODEL;
		if (tmpl->type != type && !from_model) {
			errbuf_set(err, errlen, "%s is a %s, not a %s", tmpl->name,
			    objdef_type_name(tmpl->type) ? objdef_type_name(tmpl->type) : "bad object",
			    objdef_type_name(type));
			return QM_EINVAL;
		}
		for (size_t i = 0; i < NATTRS; i++) {
			const struct objdef_attr *a = AT(i), *ta;
			if (!objdef_attr_has(a, type) || (a->flags & (OBJDEF_F_KEY | OBJDEF_F_STAMP | OBJDEF_F_CONST)))
				continue;
			if ((ta = objdef_attr_by_id(tmpl->type, a->id)) == NULL)
				continue;
			if (a->kind == OBJDEF_STR)
				memcpy(sfield(&out, a), sget(tmpl, ta), (size_t)a->max + 1);
			else if (a->kind == OBJDEF_ISTR)
				*pfield(&out, a) = sget(tmpl, ta);   /* the same interned copy */
			else if (a->kind != OBJDEF_BYTES)
				*ifield(&out, a) = iget(tmpl, ta);
		}
		if (type == OBJDEF_QLOCAL && !from_model)
			out.definition_type = MQQDT_PREDEFINED;
		out.topic_str = "";   /* each topic object names its own node */
	}
	*dst = out;
	return QM_OK;
}

const struct objdef_attr *objdef_key_attr(int type)
{
	for (size_t i = 0; i < NATTRS; i++)
		if ((AT(i)->flags & OBJDEF_F_KEY) && objdef_attr_has(AT(i), type))
			return AT(i);
	return NULL;
}

int objdef_set_name(struct objdef *def, const char *name, char *err, size_t errlen)
{
	char why[160];
	if (names_check(name, why, sizeof why)) {
		errbuf_set(err, errlen, "%s", why);
		return QM_EINVAL;
	}
	const struct objdef_attr *k = objdef_key_attr(def->type);
	if (k && strlen(name) > (size_t)k->max) {
		errbuf_set(err, errlen, "the %s name '%s' is %zu characters long; at most %d are allowed",
		    objdef_type_name(def->type), name, strlen(name), (int)k->max);
		return QM_EINVAL;
	}
	memset(def->name, 0, sizeof def->name);
	memcpy(def->name, name, strlen(name));
	return QM_OK;
}

void objdef_stamp(struct objdef *def, time_t when, int create)
{
	struct tm tm;
	char date[64], tod[64];
	localtime_r(&when, &tm);
	strftime(date, sizeof date, "%Y-%m-%d", &tm);
	strftime(tod, sizeof tod, "%H.%M.%S", &tm);
	date[OBJDEF_DATE_SIZE - 1] = 0;
	tod[OBJDEF_TIME_SIZE - 1] = 0;
	if (create && (def->type == OBJDEF_QMGR || def->type == OBJDEF_QLOCAL)) {
		memcpy(def->crdate, date, OBJDEF_DATE_SIZE);
		memcpy(def->crtime, tod, OBJDEF_TIME_SIZE);
	}
	memcpy(def->altdate, date, OBJDEF_DATE_SIZE);
	memcpy(def->alttime, tod, OBJDEF_TIME_SIZE);
}

int objdef_new_identity(uint8_t id[OBJDEF_IDENTITY_LEN])
{
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return QM_EIO;
	size_t got = 0;
	while (got < OBJDEF_IDENTITY_LEN) {
		ssize_t r = read(fd, id + got, OBJDEF_IDENTITY_LEN - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			int e = r < 0 ? errno : EIO;
			close(fd);
			errno = e;
			return QM_EIO;
		}
		got += (size_t)r;
	}
	close(fd);
	return QM_OK;
}

int objdef_qmgr_new(struct objdef *def, const char *name, time_t when, char *err, size_t errlen)
{
	objdef_init_default(OBJDEF_QMGR, def);
	int rc = objdef_set_name(def, name, err, errlen);
	if (rc)
		return rc;
	if ((rc = objdef_new_identity(def->identity)) != QM_OK) {
		errbuf_set(err, errlen, "cannot read /dev/urandom: %s", strerror(errno));
		return rc;
	}
	objdef_stamp(def, when, 1);
	/* MQ's QMID: the name (at most 28 characters here) and the creation time */
	char qmid[OBJDEF_NAME_SIZE + OBJDEF_DATE_SIZE + OBJDEF_TIME_SIZE + 8];
	snprintf(qmid, sizeof qmid, "%.28s_%s_%s", def->name, def->crdate, def->crtime);
	memset(def->qmid, 0, sizeof def->qmid);
	memcpy(def->qmid, qmid, strnlen(qmid, sizeof def->qmid - 1));
	return QM_OK;
}

int objdef_equal(const struct objdef *a, const struct objdef *b)
{
	if (a->type != b->type || !valid_type(a->type))
		return 0;
	for (size_t i = 0; i < NATTRS; i++) {
		const struct objdef_attr *t = AT(i);
		if (!objdef_attr_has(t, a->type))
			continue;
		if (objdef_kind_is_text(t->kind)) {
			if (strncmp(sget(a, t), sget(b, t), (size_t)t->max + 1) != 0)
				return 0;
		} else if (t->kind == OBJDEF_BYTES) {
			if (memcmp(sget(a, t), sget(b, t), (size_t)t->max) != 0)
				return 0;
		} else if (iget(a, t) != iget(b, t)) {
			return 0;
		}
	}
	return 1;
}

/* The length of a text, or -1 if it has no NUL within the MQ length (never
 * reading past the NUL: an ISTR's copy is only as long as its text). */
static long str_len(const struct objdef *d, const struct objdef_attr *a)
{
	size_t len = strnlen(sget(d, a), (size_t)a->max + 1);
	return len > (size_t)a->max ? -1 : (long)len;
}

int objdef_validate(const struct objdef *def, char *err, size_t errlen)
{
	if (!valid_type(def->type)) {
		errbuf_set(err, errlen, "object type %d is not valid", def->type);
		return QM_EINVAL;
	}
	for (size_t i = 0; i < NATTRS; i++) {
		const struct objdef_attr *a = AT(i);
		int rc = QM_OK;
		if (!objdef_attr_has(a, def->type))
			continue;
		if (a->kind == OBJDEF_INT || a->kind == OBJDEF_ENUM) {
			rc = check_int(a, iget(def, a), err, errlen);
		} else if (objdef_kind_is_text(a->kind)) {
			long len = str_len(def, a);
			if (len < 0) {
				errbuf_set(err, errlen, "%s is not terminated within %d characters", a->kw,
				    (int)a->max);
				return QM_EINVAL;
			}
			rc = check_str(a, sget(def, a), (size_t)len, err, errlen);
		}
		if (rc)
			return rc;
	}
	return QM_OK;
}

/* --- attribute access -------------------------------------------------------- */

static int lookup_for_set(struct objdef *def, const struct objdef_attr *a, const char *what,
			  char *err, size_t n)
{
	if (!a) {
		errbuf_set(err, n, "%s is not an attribute of a %s", what,
		    objdef_type_name(def->type) ? objdef_type_name(def->type) : "bad object");
		return QM_ENOTFOUND;
	}
	if (a->flags & OBJDEF_F_CONST) {
		errbuf_set(err, n, "%s cannot be set: Quire does not have the feature it controls", a->kw);
		return QM_EPERM;
	}
	if (a->flags & OBJDEF_F_RO) {
		errbuf_set(err, n, "%s cannot be set: the queue manager maintains it", a->kw);
		return QM_EPERM;
	}
	return QM_OK;
}

static int parse_int(const char *s, int64_t *out)
{
	if (!s || !*s)
		return -1;
	const char *p = s;
	int neg = 0;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (!isdigit((unsigned char)*p))
		return -1;
	int64_t v = 0;
	for (; *p; p++) {
		if (!isdigit((unsigned char)*p))
			return -1;
		v = v * 10 + (*p - '0');
		if (v > (int64_t)INT32_MAX + 1)
			v = (int64_t)INT32_MAX + 2;   /* saturate: out of every range */
	}
	*out = neg ? -v : v;
	return 0;
}

/* A value as messages quote it: at most 48 characters, then "..." (a value
 * can be as long as an MQSC command). */
static const char *clip(const char *v, char *buf, size_t n)
{
	if (strlen(v) <= 48)
		return v;
	snprintf(buf, n, "%.48s...", v);
	return buf;
}

int objdef_set(struct objdef *def, const char *kw, const char *value, char *err, size_t errlen)
{
	char cl[64];
	const struct objdef_attr *a = objdef_attr_find(def->type, kw);
	int rc = lookup_for_set(def, a, kw ? kw : "(null)", err, errlen);
	if (rc)
		return rc;
	if (a->kw_off) {
		if (value && *value) {
			errbuf_set(err, errlen, "%s takes no value", kw);
			return QM_EINVAL;
		}
		*ifield(def, a) = strcasecmp(kw, a->kw) == 0 ? a->vals[0].val : a->vals[1].val;
		return QM_OK;
	}
	if (!value) {
		errbuf_set(err, errlen, "%s needs a value", a->kw);
		return QM_EINVAL;
	}
	if (objdef_kind_is_text(a->kind)) {
		size_t len = strlen(value);
		while (len > 0 && value[len - 1] == ' ')
			len--;
		if ((rc = check_str(a, value, len, err, errlen)) != QM_OK)
			return rc;
		return sstore(def, a, value, len, err, errlen);
	}
	if (a->kind == OBJDEF_ENUM) {
		for (const struct objdef_enum *e = a->vals; e->kw; e++) {
			if (strcasecmp(e->kw, value) == 0) {
				*ifield(def, a) = e->val;
				return QM_OK;
			}
		}
		int64_t uv;
		if ((a->flags & OBJDEF_F_ENUMINT) && parse_int(value, &uv) == 0 && uv >= a->min && uv <= a->max) {
			*ifield(def, a) = (int32_t)uv;
			return QM_OK;
		}
		char allowed[200];
		enum_list(a, allowed, sizeof allowed);
		if (a->flags & OBJDEF_F_ENUMINT)
			errbuf_set(err, errlen, "%s(%s) is not valid: %s must be %s, or a number from %d to %d", a->kw,
			    clip(value, cl, sizeof cl), a->kw, allowed, (int)a->min, (int)a->max);
		else
			errbuf_set(err, errlen, "%s(%s) is not valid: %s must be %s", a->kw, clip(value, cl, sizeof cl),
			    a->kw, allowed);
		return QM_EINVAL;
	}
	int64_t v;
	if ((a->flags & OBJDEF_F_OFF) && strcasecmp(value, "OFF") == 0) {
		v = 0;
	} else if (parse_int(value, &v) != 0) {
		char allowed[80];
		range_text(a, allowed, sizeof allowed);
		errbuf_set(err, errlen, "%s(%s) is not a number: %s must be %s", a->kw, clip(value, cl, sizeof cl),
		    a->kw, allowed);
		return QM_EINVAL;
	}
	if (v < INT32_MIN || v > INT32_MAX || (rc = check_int(a, (int32_t)v, NULL, 0)) != QM_OK) {
		char allowed[80];
		range_text(a, allowed, sizeof allowed);
		errbuf_set(err, errlen, "%s(%s) is out of range: %s must be %s", a->kw, clip(value, cl, sizeof cl),
		    a->kw, allowed);
		return QM_EINVAL;
	}
	*ifield(def, a) = (int32_t)v;
	return QM_OK;
}

int objdef_attr_text(const struct objdef *def, const struct objdef_attr *a, char *buf, size_t n)
{
	int w;
	if (!a || !objdef_attr_has(a, def->type))
		return QM_ENOTFOUND;
	switch (a->kind) {
	case OBJDEF_INT:
		if ((a->flags & OBJDEF_F_OFF) && iget(def, a) == 0)
			w = snprintf(buf, n, "OFF");
		else
			w = snprintf(buf, n, "%d", (int)iget(def, a));
		break;
	case OBJDEF_ENUM: {
		const char *k = enum_kw(a, iget(def, a));
		if (k)
			w = snprintf(buf, n, "%s", k);
		else
			w = snprintf(buf, n, "%d", (int)iget(def, a));
		break;
	}
	case OBJDEF_STR:
	case OBJDEF_ISTR:
		w = snprintf(buf, n, "%.*s", (int)a->max, sget(def, a));
		break;
	default: {
		const uint8_t *b = (const uint8_t *)sget(def, a);
		if (n < (size_t)a->max * 2 + 1)
			return QM_ETOOBIG;
		for (int i = 0; i < a->max; i++)
			snprintf(buf + 2 * i, 3, "%02x", b[i]);
		w = a->max * 2;
		break;
	}
	}
	return w < 0 || (size_t)w >= n ? QM_ETOOBIG : QM_OK;
}

int objdef_get_text(const struct objdef *def, const char *kw, char *buf, size_t n)
{
	return objdef_attr_text(def, objdef_attr_find(def->type, kw), buf, n);
}

int objdef_get_int(const struct objdef *def, int32_t id, int32_t *v)
{
	const struct objdef_attr *a = objdef_attr_by_id(def->type, id);
	if (!a || (a->kind != OBJDEF_INT && a->kind != OBJDEF_ENUM))
		return QM_ENOTFOUND;
	*v = iget(def, a);
	return QM_OK;
}

int objdef_set_int(struct objdef *def, int32_t id, int32_t v, char *err, size_t errlen)
{
	const struct objdef_attr *a = objdef_attr_by_id(def->type, id);
	char what[32];
	snprintf(what, sizeof what, "attribute %d", (int)id);
	if (a && a->kind != OBJDEF_INT && a->kind != OBJDEF_ENUM)
		a = NULL;
	int rc = lookup_for_set(def, a, what, err, errlen);
	if (rc == QM_OK && (rc = check_int(a, v, err, errlen)) == QM_OK)
		*ifield(def, a) = v;
	return rc;
}

int objdef_get_chars(const struct objdef *def, int32_t id, char *out, size_t n)
{
	const struct objdef_attr *a = objdef_attr_by_id(def->type, id);
	if (!a || !objdef_kind_is_text(a->kind))
		return QM_ENOTFOUND;
	if (n < (size_t)a->max)
		return QM_ETOOBIG;
	const char *s = sget(def, a);
	size_t len = strnlen(s, (size_t)a->max);
	memcpy(out, s, len);
	memset(out + len, ' ', (size_t)a->max - len);
	return QM_OK;
}

int objdef_set_str(struct objdef *def, int32_t id, const char *s, size_t len, char *err, size_t errlen)
{
	const struct objdef_attr *a = objdef_attr_by_id(def->type, id);
	char what[32];
	snprintf(what, sizeof what, "attribute %d", (int)id);
	if (a && !objdef_kind_is_text(a->kind))
		a = NULL;
	int rc = lookup_for_set(def, a, what, err, errlen);
	if (rc)
		return rc;
	len = len == (size_t)-1 ? strlen(s) : strnlen(s, len);
	while (len > 0 && s[len - 1] == ' ')
		len--;
	if ((rc = check_str(a, s, len, err, errlen)) != QM_OK)
		return rc;
	return sstore(def, a, s, len, err, errlen);
}

/* --- system and default objects ------------------------------------------- */

#define A(...) (const char *const[]){ __VA_ARGS__, NULL }

static const struct objdef_sysobj sysobjs[] = {
	/* the templates first: every other queue is made from them */
	/* blank descriptions, as MQ's: DEFINE copies the template's DESCR */
	{ "SYSTEM.DEFAULT.LOCAL.QUEUE", OBJDEF_QLOCAL, A(NULL) },
	{ "SYSTEM.DEFAULT.MODEL.QUEUE", OBJDEF_QMODEL, A(NULL) },
	{ "SYSTEM.DEFAULT.ALIAS.QUEUE", OBJDEF_QALIAS, A(NULL) },
	{ "SYSTEM.DEFAULT.PROCESS", OBJDEF_PROCESS, A(NULL) },
	/* every attribute ASPARENT: a new topic object takes its parents' */
	{ "SYSTEM.DEFAULT.TOPIC", OBJDEF_TOPIC, A(NULL) },
	/* the templates of DEFINE CHANNEL CHLTYPE(SVRCONN), LISTENER and
	 * AUTHINFO AUTHTYPE(IDPWOS): MQ's values, which are the built-in
	 * defaults (CHCKLOCL(OPTIONAL), CHCKCLNT(REQDADM), ADOPTCTX(YES),
	 * FAILDLAY(1), AUTHENMD(OS); PORT(0), CONTROL(MANUAL)) */
	{ "SYSTEM.DEF.SVRCONN", OBJDEF_CHANNEL, A(NULL) },
	{ "SYSTEM.DEFAULT.LISTENER.TCP", OBJDEF_LISTENER, A(NULL) },
	{ "SYSTEM.DEFAULT.AUTHINFO.IDPWOS", OBJDEF_AUTHINFO, A(NULL) },
	/* MQ's other server-connection channels: the administration tools'
	 * channel, and the template of automatically defined channels (CHAD,
	 * which Quire does not have) */
	{ "SYSTEM.ADMIN.SVRCONN", OBJDEF_CHANNEL, A(NULL) },
	{ "SYSTEM.AUTO.SVRCONN", OBJDEF_CHANNEL, A("DESCR", "template of automatically defined channels") },
	/* the root of the topic tree (TOPICSTR ''), with MQ's values for it */
	{ "SYSTEM.BASE.TOPIC", OBJDEF_TOPIC,
	  A("DESCR", "base topic: the values ASPARENT resolves to", "DURSUB", "YES", "PUB", "ENABLED", "SUB",
	    "ENABLED", "DEFPSIST", "NO", "DEFPRTY", "0", "DEFPRESP", "SYNC", "PMSGDLV", "ALLDUR", "NPMSGDLV",
	    "ALLAVAIL", "PUBSCOPE", "ALL", "SUBSCOPE", "ALL", "USEDLQ", "YES", "CAPEXPRY", "NOLIMIT",
	    "MDURMDL", "SYSTEM.DURABLE.MODEL.QUEUE", "MNDURMDL", "SYSTEM.NDURABLE.MODEL.QUEUE") },
	{ "SYSTEM.DEFAULT.INITIATION.QUEUE", OBJDEF_QLOCAL, A("DESCR", "default initiation queue") },
	{ "SYSTEM.DEAD.LETTER.QUEUE", OBJDEF_QLOCAL, A("DESCR", "dead-letter queue") },
	{ "SYSTEM.ADMIN.COMMAND.QUEUE", OBJDEF_QLOCAL,
	  A("DESCR", "administration command queue", "MAXDEPTH", "3000") },
	{ "SYSTEM.ADMIN.ACCOUNTING.QUEUE", OBJDEF_QLOCAL, A("DESCR", "accounting data") },
	{ "SYSTEM.ADMIN.ACTIVITY.QUEUE", OBJDEF_QLOCAL, A("DESCR", "activity reports") },
	{ "SYSTEM.ADMIN.CHANNEL.EVENT", OBJDEF_QLOCAL, A("DESCR", "channel events") },
	{ "SYSTEM.ADMIN.COMMAND.EVENT", OBJDEF_QLOCAL, A("DESCR", "command events") },
	{ "SYSTEM.ADMIN.CONFIG.EVENT", OBJDEF_QLOCAL, A("DESCR", "configuration events") },
	{ "SYSTEM.ADMIN.LOGGER.EVENT", OBJDEF_QLOCAL, A("DESCR", "logger events") },
	{ "SYSTEM.ADMIN.PERFM.EVENT", OBJDEF_QLOCAL, A("DESCR", "performance events") },
	{ "SYSTEM.ADMIN.PUBSUB.EVENT", OBJDEF_QLOCAL, A("DESCR", "publish/subscribe events") },
	{ "SYSTEM.ADMIN.QMGR.EVENT", OBJDEF_QLOCAL, A("DESCR", "queue manager events") },
	{ "SYSTEM.ADMIN.STATISTICS.QUEUE", OBJDEF_QLOCAL, A("DESCR", "statistics data") },
	{ "SYSTEM.ADMIN.TRACE.ACTIVITY.QUEUE", OBJDEF_QLOCAL, A("DESCR", "trace activity data") },
	{ "SYSTEM.ADMIN.TRACE.ROUTE.QUEUE", OBJDEF_QLOCAL, A("DESCR", "trace-route replies") },
	{ "SYSTEM.AUTH.DATA.QUEUE", OBJDEF_QLOCAL,
	  A("DESCR", "authority records", "DEFPSIST", "YES", "NOSHARE", NULL, "DEFSOPT", "EXCL") },
	{ "SYSTEM.CHANNEL.INITQ", OBJDEF_QLOCAL, A("DESCR", "channel initiation queue") },
	{ "SYSTEM.CHLAUTH.DATA.QUEUE", OBJDEF_QLOCAL,
	  A("DESCR", "channel authentication records", "DEFPSIST", "YES", "INDXTYPE", "MSGID") },
	{ "SYSTEM.CHANNEL.SYNCQ", OBJDEF_QLOCAL,
	  A("DESCR", "channel synchronisation data", "DEFPSIST", "YES", "INDXTYPE", "MSGID") },
	{ "SYSTEM.CICS.INITIATION.QUEUE", OBJDEF_QLOCAL, A("DESCR", "CICS initiation queue") },
	{ "SYSTEM.CLUSTER.COMMAND.QUEUE", OBJDEF_QLOCAL,
	  A("DESCR", "cluster commands", "DEFPSIST", "YES") },
	{ "SYSTEM.CLUSTER.REPOSITORY.QUEUE", OBJDEF_QLOCAL,
	  A("DESCR", "cluster repository", "DEFPSIST", "YES") },
	{ "SYSTEM.CLUSTER.TRANSMIT.QUEUE", OBJDEF_QLOCAL,
	  A("DESCR", "cluster transmission queue", "DEFPSIST", "YES", "USAGE", "XMITQ",
	    "INDXTYPE", "CORRELID") },
	{ "SYSTEM.CLUSTER.HISTORY.QUEUE", OBJDEF_QLOCAL, A("DESCR", "cluster history") },
	{ "SYSTEM.MQSC.REPLY.QUEUE", OBJDEF_QMODEL,
	  A("DESCR", "model for runmqsc reply queues", "DEFTYPE", "TEMPDYN") },
	{ "SYSTEM.DURABLE.MODEL.QUEUE", OBJDEF_QMODEL,
	  A("DESCR", "model for managed durable subscriptions", "DEFTYPE", "PERMDYN", "DEFPSIST", "YES") },
	{ "SYSTEM.NDURABLE.MODEL.QUEUE", OBJDEF_QMODEL,
	  A("DESCR", "model for managed non-durable subscriptions", "DEFTYPE", "TEMPDYN") },
	{ "SYSTEM.DURABLE.SUBSCRIBER.QUEUE", OBJDEF_QLOCAL,
	  A("DESCR", "durable subscriptions", "DEFPSIST", "YES", "INDXTYPE", "MSGID") },
	{ "SYSTEM.RETAINED.PUB.QUEUE", OBJDEF_QLOCAL, A("DESCR", "retained publications", "INDXTYPE", "CORRELID") },
	{ "SYSTEM.PENDING.DATA.QUEUE", OBJDEF_QLOCAL,
	  A("DESCR", "deferred messages", "DEFPSIST", "YES") },
};

const struct objdef_sysobj *objdef_system_objects(size_t *count)
{
	if (count)
		*count = sizeof sysobjs / sizeof sysobjs[0];
	return sysobjs;
}

int objdef_system_build(const struct objdef_sysobj *so, struct objdef *def, char *err, size_t errlen)
{
	int rc = objdef_init_default(so->type, def);
	if (rc == QM_OK)
		rc = objdef_set_name(def, so->name, err, errlen);
	for (const char *const *p = so->attrs; rc == QM_OK && p[0]; p += 2)
		rc = objdef_set(def, p[0], p[1], err, errlen);
	return rc;
}

/* --- encoding -------------------------------------------------------------- */

int objdef_encode(const struct objdef *def, void *buf, size_t cap, size_t *len)
{
	if (objdef_validate(def, NULL, 0) != QM_OK)
		return QM_EINVAL;
	size_t need = 12;
	uint32_t count = 0;
	for (size_t i = 0; i < NATTRS; i++) {
		const struct objdef_attr *a = AT(i);
		if (!objdef_attr_has(a, def->type) || (a->flags & OBJDEF_F_CONST))
			continue;
		count++;
		need += 8 + (objdef_kind_is_text(a->kind) ? strlen(sget(def, a)) :
			     a->kind == OBJDEF_BYTES ? (size_t)a->max : 4);
	}
	*len = need;
	if (need > cap)
		return QM_ETOOBIG;
	uint8_t *p = buf;
	put_u16(p, OBJDEF_ENC_VERSION);
	put_u16(p + 2, 0);
	put_u32(p + 4, (uint32_t)objdef_type_mqot(def->type));
	put_u32(p + 8, count);
	p += 12;
	for (size_t i = 0; i < NATTRS; i++) {
		const struct objdef_attr *a = AT(i);
		if (!objdef_attr_has(a, def->type) || (a->flags & OBJDEF_F_CONST))
			continue;
		size_t l = objdef_kind_is_text(a->kind) ? strlen(sget(def, a)) :
			   a->kind == OBJDEF_BYTES ? (size_t)a->max : 4;
		put_u32(p, (uint32_t)a->id);
		put_u32(p + 4, (uint32_t)l);
		if (objdef_kind_is_text(a->kind) || a->kind == OBJDEF_BYTES)
			memcpy(p + 8, sget(def, a), l);
		else
			put_u32(p + 8, (uint32_t)iget(def, a));
		p += 8 + l;
	}
	return QM_OK;
}

int objdef_decode(const void *buf, size_t len, struct objdef *def, char *err, size_t errlen)
{
	const uint8_t *b = buf;
	char why[200];
	if (len < 12) {
		errbuf_set(err, errlen, "definition is %zu bytes, shorter than its 12-byte header", len);
		return QM_ECORRUPT;
	}
	if (get_u16(b) != OBJDEF_ENC_VERSION) {
		errbuf_set(err, errlen, "definition encoding version %u; this build reads version %d", get_u16(b),
		    OBJDEF_ENC_VERSION);
		return QM_EVERSION;
	}
	if (get_u16(b + 2) != 0) {
		errbuf_set(err, errlen, "definition offset 2: reserved field is %u, not 0", get_u16(b + 2));
		return QM_ECORRUPT;
	}
	uint32_t mqot = get_u32(b + 4);
	int type = mqot <= INT32_MAX ? objdef_type_from_mqot((int32_t)mqot) : 0;
	if (!type) {
		errbuf_set(err, errlen, "definition offset 4: object type %u is not one we know", mqot);
		return QM_ECORRUPT;
	}
	uint32_t count = get_u32(b + 8);
	struct objdef d;
	objdef_init_default(type, &d);
	d.name[0] = 0;
	size_t off = 12, ai = 0;
	for (uint32_t k = 0; k < count; k++) {
		if (len - off < 8) {
			errbuf_set(err, errlen, "definition offset %zu: attribute %u of %u is cut off", off, k + 1,
			    count);
			return QM_ECORRUPT;
		}
		uint32_t tag = get_u32(b + off), l = get_u32(b + off + 4);
		/* the next row of this type with this tag, at or after ai (tags ascend) */
		const struct objdef_attr *a = NULL;
		while (ai < NATTRS) {
			const struct objdef_attr *t = AT(ai++);
			if (t->flags & OBJDEF_F_CONST)
				continue;   /* never encoded */
			if (objdef_attr_has(t, type) && (uint32_t)t->id == tag) {
				a = t;
				break;
			}
			if (objdef_attr_has(t, type) && (uint32_t)t->id > tag)
				break;
		}
		if (!a) {
			errbuf_set(err, errlen,
			    "definition offset %zu: tag %u is unknown for a %s, repeated or out of order",
			    off, tag, objdef_type_name(type));
			return QM_ECORRUPT;
		}
		if (l > len - off - 8) {
			errbuf_set(err, errlen, "definition offset %zu: %s is %u bytes, past the end", off, a->kw, l);
			return QM_ECORRUPT;
		}
		const uint8_t *v = b + off + 8;
		int rc;
		switch (a->kind) {
		case OBJDEF_INT:
		case OBJDEF_ENUM:
			if (l != 4) {
				errbuf_set(err, errlen, "definition offset %zu: %s has length %u, not 4", off, a->kw,
				    l);
				return QM_ECORRUPT;
			}
			if ((rc = check_int(a, (int32_t)get_u32(v), why, sizeof why)) != QM_OK) {
				errbuf_set(err, errlen, "definition offset %zu: %s", off, why);
				return QM_ECORRUPT;
			}
			*ifield(&d, a) = (int32_t)get_u32(v);
			break;
		case OBJDEF_STR:
		case OBJDEF_ISTR:
			if (memchr(v, 0, l)) {
				errbuf_set(err, errlen, "definition offset %zu: %s contains a NUL", off, a->kw);
				return QM_ECORRUPT;
			}
			if ((rc = check_str(a, (const char *)v, l, why, sizeof why)) != QM_OK) {
				errbuf_set(err, errlen, "definition offset %zu: %s", off, why);
				return QM_ECORRUPT;
			}
			if ((rc = sstore(&d, a, (const char *)v, l, err, errlen)) != QM_OK)
				return rc;
			break;
		default:
			if (l != (uint32_t)a->max) {
				errbuf_set(err, errlen, "definition offset %zu: %s has length %u, not %d", off, a->kw,
				    l, (int)a->max);
				return QM_ECORRUPT;
			}
			memcpy(sfield(&d, a), v, l);
			break;
		}
		off += 8 + (size_t)l;
	}
	if (off != len) {
		errbuf_set(err, errlen, "definition has %zu bytes after its %u attributes", len - off, count);
		return QM_ECORRUPT;
	}
	if (d.name[0] == 0) {
		errbuf_set(err, errlen, "definition has no object name");
		return QM_ECORRUPT;
	}
	*def = d;
	return QM_OK;
}
