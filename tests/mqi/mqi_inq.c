/*
 * mqi_inq: MQINQ of every selector MQ lists for MQINQ on distributed
 * platforms, for the queue manager, local, alias and model queues and process
 * definitions (t6100).
 *
 *   mqi_inq QM show qmgr
 *   mqi_inq QM show queue|process NAME
 *       MQINQ of each selector of that object's type, one call each, and of all
 *       of them in one call (the same values, in selector order, character
 *       attributes at their full lengths); prints each value as DISPLAY shows
 *       it ("show KEYWORD(VALUE)", "show SHARE" for a keyword pair, "( )" for
 *       blank), which t6100 finds in runmqsc's DISPLAY ... ALL, and one "ok"
 *       line per check
 *   mqi_inq QM rules Q ALIAS MODEL PROCESS   (MODEL: DEFTYPE(TEMPDYN))
 *       MQ's rules on selectors, one "ok" line each: 2067 for a selector not
 *       the object's (a queue selector on the queue manager or a process, a
 *       queue manager selector on a queue, unknown ids), 2068 with
 *       MQIAV_NOT_APPLICABLE / asterisks for another queue type's selector on
 *       a queue (remote queues' too), 2068 before 2022 before 2008, 2022 and
 *       2008 returning what fits, 2065/2066 counts
 * Exit status: 0 when every check passed, 1 otherwise.
 */
#include "mqt.h"

enum { T_QMGR = 1, T_LOCAL = 2, T_ALIAS = 4, T_MODEL = 8, T_PROC = 16 };
#define T_Q (T_LOCAL | T_ALIAS | T_MODEL)
#define T_LM (T_LOCAL | T_MODEL)

struct name {
	MQLONG v;
	const char *kw;
};
#define N(...) ((const struct name[]){ __VA_ARGS__, { 0, NULL } })

static const struct name *const EVR = N({ MQEVR_DISABLED, "DISABLED" }, { MQEVR_ENABLED, "ENABLED" });
static const struct name *const OFFON = N({ MQMON_OFF, "OFF" }, { MQMON_ON, "ON" }, { MQMON_NONE, "NONE" },
					  { MQMON_Q_MGR, "QMGR" }, { MQMON_LOW, "LOW" }, { MQMON_MEDIUM, "MEDIUM" },
					  { MQMON_HIGH, "HIGH" });
static const struct name *const DISEN = N({ 0, "DISABLED" }, { 1, "ENABLED" });

/* One selector: its MQSC keyword (kw2: the other keyword of a pair, shown
 * bare), the object types it belongs to, and how DISPLAY names its values
 * (names NULL: a number; off0: 0 shown as OFF). */
struct sel {
	MQLONG id;
	const char *kw, *kw2;
	int types;
	size_t len;                 /* a character attribute's length */
	const struct name *names;
	int off0;
};

#define I(id, kw, t) { id, kw, NULL, t, 0, NULL, 0 }
#define E(id, kw, t, n) { id, kw, NULL, t, 0, n, 0 }
#define P(id, kw, kw2, t, on) { id, kw, kw2, t, 0, N({ on, kw }), 0 }
#define C(id, kw, t, l) { id, kw, NULL, t, l, NULL, 0 }

static const struct sel sels[] = {
	/* the queue manager */
	E(MQIA_ACCOUNTING_CONN_OVERRIDE, "ACCTCONO", T_QMGR, DISEN),
	I(MQIA_ACCOUNTING_INTERVAL, "ACCTINT", T_QMGR),
	E(MQIA_ACCOUNTING_MQI, "ACCTMQI", T_QMGR, OFFON),
	E(MQIA_ACCOUNTING_Q, "ACCTQ", T_QMGR | T_LM, OFFON),
	E(MQIA_ACTIVITY_CONN_OVERRIDE, "ACTVCONO", T_QMGR, DISEN),
	E(MQIA_ACTIVITY_RECORDING, "ACTIVREC", T_QMGR,
	  N({ MQRECORDING_DISABLED, "DISABLED" }, { MQRECORDING_Q, "QUEUE" }, { MQRECORDING_MSG, "MSG" })),
	E(MQIA_ACTIVITY_TRACE, "ACTVTRC", T_QMGR, OFFON),
	E(MQIA_AUTHORITY_EVENT, "AUTHOREV", T_QMGR, EVR),
	E(MQIA_CERT_VAL_POLICY, "CERTVPOL", T_QMGR,
	  N({ MQ_CERT_VAL_POLICY_ANY, "ANY" }, { MQ_CERT_VAL_POLICY_RFC5280, "RFC5280" })),
	E(MQIA_CHANNEL_AUTO_DEF, "CHAD", T_QMGR, N({ MQCHAD_DISABLED, "DISABLED" }, { MQCHAD_ENABLED, "ENABLED" })),
	E(MQIA_CHANNEL_AUTO_DEF_EVENT, "CHADEV", T_QMGR, EVR),
	E(MQIA_CHANNEL_EVENT, "CHLEV", T_QMGR, EVR),
	I(MQIA_CLUSTER_WORKLOAD_LENGTH, "CLWLLEN", T_QMGR),
	I(MQIA_CLWL_MRU_CHANNELS, "CLWLMRUC", T_QMGR),
	E(MQIA_CLWL_USEQ, "CLWLUSEQ", T_QMGR | T_LOCAL,
	  N({ MQCLWL_USEQ_LOCAL, "LOCAL" }, { MQCLWL_USEQ_ANY, "ANY" }, { MQCLWL_USEQ_AS_Q_MGR, "QMGR" })),
	I(MQIA_CODED_CHAR_SET_ID, "CCSID", T_QMGR),
	E(MQIA_COMMAND_EVENT, "CMDEV", T_QMGR,
	  N({ MQEVR_DISABLED, "DISABLED" }, { MQEVR_ENABLED, "ENABLED" }, { MQEVR_NO_DISPLAY, "NODISPLAY" })),
	I(MQIA_COMMAND_LEVEL, "CMDLEVEL", T_QMGR),
	E(MQIA_CONFIGURATION_EVENT, "CONFIGEV", T_QMGR, EVR),
	E(MQIA_DEF_CLUSTER_XMIT_Q_TYPE, "DEFCLXQ", T_QMGR, N({ MQCLXQ_SCTQ, "SCTQ" }, { MQCLXQ_CHANNEL, "CHANNEL" })),
	E(MQIA_DIST_LISTS, "DISTL", T_QMGR | T_LM, N({ MQDL_NOT_SUPPORTED, "NO" }, { MQDL_SUPPORTED, "YES" })),
	E(MQIA_INHIBIT_EVENT, "INHIBTEV", T_QMGR, EVR),
	E(MQIA_IP_ADDRESS_VERSION, "IPADDRV", T_QMGR, N({ MQIPADDR_IPV4, "IPV4" }, { MQIPADDR_IPV6, "IPV6" })),
	I(MQIA_LISTENER_TIMER, "LSTRTMR", T_QMGR),
	E(MQIA_LOCAL_EVENT, "LOCALEV", T_QMGR, EVR),
	E(MQIA_LOGGER_EVENT, "LOGGEREV", T_QMGR, EVR),
	I(MQIA_MAX_HANDLES, "MAXHANDS", T_QMGR),
	I(MQIA_MAX_MSG_LENGTH, "MAXMSGL", T_QMGR | T_LM),
	I(MQIA_MAX_PRIORITY, "MAXPRTY", T_QMGR),
	I(MQIA_MAX_UNCOMMITTED_MSGS, "MAXUMSGS", T_QMGR),
	{ MQIA_MEDIA_IMAGE_INTERVAL, "IMGINTVL", NULL, T_QMGR, 0, NULL, 1 },
	{ MQIA_MEDIA_IMAGE_LOG_LENGTH, "IMGLOGLN", NULL, T_QMGR, 0, NULL, 1 },
	E(MQIA_MEDIA_IMAGE_RECOVER_OBJ, "IMGRCOVO", T_QMGR, N({ MQIMGRCOV_NO, "NO" }, { MQIMGRCOV_YES, "YES" })),
	E(MQIA_MEDIA_IMAGE_RECOVER_Q, "IMGRCOVQ", T_QMGR | T_LM,
	  N({ MQIMGRCOV_NO, "NO" }, { MQIMGRCOV_YES, "YES" }, { MQIMGRCOV_AS_Q_MGR, "QMGR" })),
	E(MQIA_MEDIA_IMAGE_SCHEDULING, "IMGSCHED", T_QMGR,
	  N({ MQMEDIMGSCHED_MANUAL, "MANUAL" }, { MQMEDIMGSCHED_AUTO, "AUTO" })),
	I(MQIA_MSG_MARK_BROWSE_INTERVAL, "MARKINT", T_QMGR),
	E(MQIA_PERFORMANCE_EVENT, "PERFMEV", T_QMGR, EVR),
	E(MQIA_PLATFORM, "PLATFORM", T_QMGR, N({ MQPL_UNIX, "UNIX" })),
	E(MQIA_PUBSUB_CLUSTER, "PSCLUS", T_QMGR, N({ MQPSCLUS_DISABLED, "DISABLED" }, { MQPSCLUS_ENABLED, "ENABLED" })),
	I(MQIA_PUBSUB_MAXMSG_RETRY_COUNT, "PSRTYCNT", T_QMGR),
	E(MQIA_PUBSUB_MODE, "PSMODE", T_QMGR,
	  N({ MQPSM_DISABLED, "DISABLED" }, { MQPSM_COMPAT, "COMPAT" }, { MQPSM_ENABLED, "ENABLED" })),
	E(MQIA_PUBSUB_NP_MSG, "PSNPMSG", T_QMGR, N({ MQUNDELIVERED_DISCARD, "DISCARD" }, { MQUNDELIVERED_KEEP, "KEEP" })),
	E(MQIA_PUBSUB_NP_RESP, "PSNPRES", T_QMGR,
	  N({ MQUNDELIVERED_NORMAL, "NORMAL" }, { MQUNDELIVERED_SAFE, "SAFE" }, { MQUNDELIVERED_DISCARD, "DISCARD" },
	    { MQUNDELIVERED_KEEP, "KEEP" })),
	E(MQIA_PUBSUB_SYNC_PT, "PSSYNCPT", T_QMGR, N({ 0, "YES" }, { 1, "IFPER" })),
	E(MQIA_REMOTE_EVENT, "REMOTEEV", T_QMGR, EVR),
	E(MQIA_SSL_EVENT, "SSLEV", T_QMGR, EVR),
	E(MQIA_SSL_FIPS_REQUIRED, "SSLFIPS", T_QMGR, N({ MQSSL_FIPS_NO, "NO" }, { MQSSL_FIPS_YES, "YES" })),
	I(MQIA_SSL_RESET_COUNT, "SSLRKEYC", T_QMGR),
	E(MQIA_START_STOP_EVENT, "STRSTPEV", T_QMGR, EVR),
	E(MQIA_STATISTICS_AUTO_CLUSSDR, "STATACLS", T_QMGR, OFFON),
	E(MQIA_STATISTICS_CHANNEL, "STATCHL", T_QMGR, OFFON),
	I(MQIA_STATISTICS_INTERVAL, "STATINT", T_QMGR),
	E(MQIA_STATISTICS_MQI, "STATMQI", T_QMGR, OFFON),
	E(MQIA_STATISTICS_Q, "STATQ", T_QMGR | T_LM, OFFON),
	E(MQIA_SUITE_B_STRENGTH, "SUITEB", T_QMGR,
	  N({ MQ_SUITE_B_NONE, "NONE" }, { MQ_SUITE_B_128_BIT, "128_BIT" }, { MQ_SUITE_B_192_BIT, "192_BIT" })),
	I(MQIA_TREE_LIFE_TIME, "TREELIFE", T_QMGR),
	I(MQIA_TRIGGER_INTERVAL, "TRIGINT", T_QMGR),
	E(MQIA_XR_CAPABILITY, "XRCAP", T_QMGR, N({ 0, "NO" }, { 1, "YES" })),
	C(MQCA_ALTERATION_DATE, "ALTDATE", T_QMGR | T_Q | T_PROC, MQ_DATE_LENGTH),
	C(MQCA_ALTERATION_TIME, "ALTTIME", T_QMGR | T_Q | T_PROC, MQ_TIME_LENGTH),
	C(MQCA_CERT_LABEL, "CERTLABL", T_QMGR, MQ_CERT_LABEL_LENGTH),
	C(MQCA_CHANNEL_AUTO_DEF_EXIT, "CHADEXIT", T_QMGR, MQ_EXIT_NAME_LENGTH),
	C(MQCA_CLUSTER_WORKLOAD_DATA, "CLWLDATA", T_QMGR, MQ_EXIT_DATA_LENGTH),
	C(MQCA_CLUSTER_WORKLOAD_EXIT, "CLWLEXIT", T_QMGR, MQ_EXIT_NAME_LENGTH),
	C(MQCA_COMMAND_INPUT_Q_NAME, "COMMANDQ", T_QMGR, MQ_Q_NAME_LENGTH),
	C(MQCA_CONN_AUTH, "CONNAUTH", T_QMGR, MQ_AUTH_INFO_NAME_LENGTH),
	C(MQCA_CREATION_DATE, "CRDATE", T_QMGR | T_LOCAL, MQ_CREATION_DATE_LENGTH),
	C(MQCA_CREATION_TIME, "CRTIME", T_QMGR | T_LOCAL, MQ_CREATION_TIME_LENGTH),
	C(MQCA_CUSTOM, "CUSTOM", T_QMGR | T_Q, MQ_CUSTOM_LENGTH),
	C(MQCA_DEAD_LETTER_Q_NAME, "DEADQ", T_QMGR, MQ_Q_NAME_LENGTH),
	C(MQCA_DEF_XMIT_Q_NAME, "DEFXMITQ", T_QMGR, MQ_Q_NAME_LENGTH),
	C(MQCA_PARENT, "PARENT", T_QMGR, MQ_Q_MGR_NAME_LENGTH),
	C(MQCA_Q_MGR_DESC, "DESCR", T_QMGR, MQ_Q_MGR_DESC_LENGTH),
	C(MQCA_Q_MGR_IDENTIFIER, "QMID", T_QMGR, MQ_Q_MGR_IDENTIFIER_LENGTH),
	C(MQCA_Q_MGR_NAME, "QMNAME", T_QMGR, MQ_Q_MGR_NAME_LENGTH),
	C(MQCA_REPOSITORY_NAME, "REPOS", T_QMGR, MQ_CLUSTER_NAME_LENGTH),
	C(MQCA_REPOSITORY_NAMELIST, "REPOSNL", T_QMGR, MQ_NAMELIST_NAME_LENGTH),
	C(MQCA_VERSION, "VERSION", T_QMGR, MQ_VERSION_LENGTH),
	/* queues */
	I(MQIA_BACKOUT_THRESHOLD, "BOTHRESH", T_LM),
	E(MQIA_BASE_TYPE, "TARGTYPE", T_ALIAS, N({ MQOT_Q, "QUEUE" }, { MQOT_TOPIC, "TOPIC" })),
	I(MQIA_CLWL_Q_PRIORITY, "CLWLPRTY", T_LOCAL | T_ALIAS),
	I(MQIA_CLWL_Q_RANK, "CLWLRANK", T_LOCAL | T_ALIAS),
	I(MQIA_CURRENT_Q_DEPTH, "CURDEPTH", T_LOCAL),
	E(MQIA_DEF_BIND, "DEFBIND", T_Q,
	  N({ MQBND_BIND_ON_OPEN, "OPEN" }, { MQBND_BIND_NOT_FIXED, "NOTFIXED" }, { MQBND_BIND_ON_GROUP, "GROUP" })),
	E(MQIA_DEF_INPUT_OPEN_OPTION, "DEFSOPT", T_LM,
	  N({ MQOO_INPUT_EXCLUSIVE, "EXCL" }, { MQOO_INPUT_SHARED, "SHARED" })),
	E(MQIA_DEF_PERSISTENCE, "DEFPSIST", T_Q, N({ MQPER_NOT_PERSISTENT, "NO" }, { MQPER_PERSISTENT, "YES" })),
	I(MQIA_DEF_PRIORITY, "DEFPRTY", T_Q),
	E(MQIA_DEF_PUT_RESPONSE_TYPE, "DEFPRESP", T_Q,
	  N({ MQPRT_SYNC_RESPONSE, "SYNC" }, { MQPRT_ASYNC_RESPONSE, "ASYNC" })),
	E(MQIA_DEF_READ_AHEAD, "DEFREADA", T_Q,
	  N({ MQREADA_NO, "NO" }, { MQREADA_YES, "YES" }, { MQREADA_DISABLED, "DISABLED" })),
	E(MQIA_DEFINITION_TYPE, "DEFTYPE", T_LM,
	  N({ MQQDT_PREDEFINED, "PREDEFINED" }, { MQQDT_PERMANENT_DYNAMIC, "PERMDYN" },
	    { MQQDT_TEMPORARY_DYNAMIC, "TEMPDYN" })),
	P(MQIA_HARDEN_GET_BACKOUT, "HARDENBO", "NOHARDENBO", T_LM, MQQA_BACKOUT_HARDENED),
	E(MQIA_INDEX_TYPE, "INDXTYPE", T_LM,
	  N({ MQIT_NONE, "NONE" }, { MQIT_MSG_ID, "MSGID" }, { MQIT_CORREL_ID, "CORRELID" },
	    { MQIT_MSG_TOKEN, "MSGTOKEN" }, { MQIT_GROUP_ID, "GROUPID" })),
	E(MQIA_INHIBIT_GET, "GET", T_Q, N({ MQQA_GET_ALLOWED, "ENABLED" }, { MQQA_GET_INHIBITED, "DISABLED" })),
	E(MQIA_INHIBIT_PUT, "PUT", T_Q, N({ MQQA_PUT_ALLOWED, "ENABLED" }, { MQQA_PUT_INHIBITED, "DISABLED" })),
	I(MQIA_MAX_Q_DEPTH, "MAXDEPTH", T_LM),
	E(MQIA_MSG_DELIVERY_SEQUENCE, "MSGDLVSQ", T_LM, N({ MQMDS_PRIORITY, "PRIORITY" }, { MQMDS_FIFO, "FIFO" })),
	E(MQIA_NPM_CLASS, "NPMCLASS", T_LM, N({ MQNPM_CLASS_NORMAL, "NORMAL" }, { MQNPM_CLASS_HIGH, "HIGH" })),
	I(MQIA_OPEN_INPUT_COUNT, "IPPROCS", T_LOCAL),
	I(MQIA_OPEN_OUTPUT_COUNT, "OPPROCS", T_LOCAL),
	E(MQIA_PROPERTY_CONTROL, "PROPCTL", T_Q,
	  N({ MQPROP_COMPATIBILITY, "COMPAT" }, { MQPROP_NONE, "NONE" }, { MQPROP_ALL, "ALL" },
	    { MQPROP_FORCE_MQRFH2, "FORCE" }, { MQPROP_V6COMPAT, "V6COMPAT" })),
	E(MQIA_Q_DEPTH_HIGH_EVENT, "QDPHIEV", T_LM, EVR),
	I(MQIA_Q_DEPTH_HIGH_LIMIT, "QDEPTHHI", T_LM),
	E(MQIA_Q_DEPTH_LOW_EVENT, "QDPLOEV", T_LM, EVR),
	I(MQIA_Q_DEPTH_LOW_LIMIT, "QDEPTHLO", T_LM),
	E(MQIA_Q_DEPTH_MAX_EVENT, "QDPMAXEV", T_LM, EVR),
	I(MQIA_Q_SERVICE_INTERVAL, "QSVCINT", T_LM),
	E(MQIA_Q_SERVICE_INTERVAL_EVENT, "QSVCIEV", T_LM,
	  N({ MQQSIE_NONE, "NONE" }, { MQQSIE_HIGH, "HIGH" }, { MQQSIE_OK, "OK" })),
	E(MQIA_Q_TYPE, "TYPE", T_Q, N({ MQQT_LOCAL, "QLOCAL" }, { MQQT_ALIAS, "QALIAS" }, { MQQT_MODEL, "QMODEL" })),
	I(MQIA_RETENTION_INTERVAL, "RETINTVL", T_LM),
	E(MQIA_SCOPE, "SCOPE", T_LOCAL | T_ALIAS, N({ MQSCO_Q_MGR, "QMGR" }, { MQSCO_CELL, "CELL" })),
	P(MQIA_SHAREABILITY, "SHARE", "NOSHARE", T_LM, MQQA_SHAREABLE),
	P(MQIA_TRIGGER_CONTROL, "TRIGGER", "NOTRIGGER", T_LM, MQTC_ON),
	I(MQIA_TRIGGER_DEPTH, "TRIGDPTH", T_LM),
	I(MQIA_TRIGGER_MSG_PRIORITY, "TRIGMPRI", T_LM),
	E(MQIA_TRIGGER_TYPE, "TRIGTYPE", T_LM,
	  N({ MQTT_NONE, "NONE" }, { MQTT_FIRST, "FIRST" }, { MQTT_EVERY, "EVERY" }, { MQTT_DEPTH, "DEPTH" })),
	E(MQIA_USAGE, "USAGE", T_LM, N({ MQUS_NORMAL, "NORMAL" }, { MQUS_TRANSMISSION, "XMITQ" })),
	C(MQCA_BACKOUT_REQ_Q_NAME, "BOQNAME", T_LM, MQ_Q_NAME_LENGTH),
	C(MQCA_BASE_Q_NAME, "TARGET", T_ALIAS, MQ_Q_NAME_LENGTH),
	C(MQCA_CLUSTER_NAME, "CLUSTER", T_LOCAL | T_ALIAS, MQ_CLUSTER_NAME_LENGTH),
	C(MQCA_CLUSTER_NAMELIST, "CLUSNL", T_LOCAL | T_ALIAS, MQ_NAMELIST_NAME_LENGTH),
	C(MQCA_CLUS_CHL_NAME, "CLCHNAME", T_LM, MQ_CHANNEL_NAME_LENGTH),
	C(MQCA_INITIATION_Q_NAME, "INITQ", T_LM, MQ_Q_NAME_LENGTH),
	C(MQCA_PROCESS_NAME, "PROCESS", T_LM, MQ_PROCESS_NAME_LENGTH),
	C(MQCA_Q_DESC, "DESCR", T_Q, MQ_Q_DESC_LENGTH),
	C(MQCA_Q_NAME, "QUEUE", T_Q, MQ_Q_NAME_LENGTH),
	C(MQCA_TRIGGER_DATA, "TRIGDATA", T_LM, MQ_TRIGGER_DATA_LENGTH),
	/* process definitions */
	E(MQIA_APPL_TYPE, "APPLTYPE", T_PROC, N({ MQAT_UNIX, "UNIX" }, { MQAT_CICS, "CICS" })),
	C(MQCA_APPL_ID, "APPLICID", T_PROC, MQ_PROCESS_APPL_ID_LENGTH),
	C(MQCA_ENV_DATA, "ENVRDATA", T_PROC, MQ_PROCESS_ENV_DATA_LENGTH),
	C(MQCA_PROCESS_DESC, "DESCR", T_PROC, MQ_PROCESS_DESC_LENGTH),
	C(MQCA_PROCESS_NAME, "PROCESS", T_PROC, MQ_PROCESS_NAME_LENGTH),
	C(MQCA_USER_DATA, "USERDATA", T_PROC, MQ_PROCESS_USER_DATA_LENGTH),
};
#define NSELS (sizeof sels / sizeof sels[0])

static MQHCONN hc;

/* The value as DISPLAY shows it. */
static void text(const struct sel *s, MQLONG v, const char *chars, char *out, size_t n)
{
	if (s->len) {
		size_t l = s->len;
		while (l > 0 && chars[l - 1] == ' ')
			l--;
		if (!l)
			snprintf(out, n, "%s( )", s->kw);
		else
			snprintf(out, n, "%s(%.*s)", s->kw, (int)l, chars);
		return;
	}
	if (s->kw2) {
		snprintf(out, n, "%s", v == s->names[0].v ? s->kw : s->kw2);
		return;
	}
	if (s->names) {
		for (const struct name *m = s->names; m->kw; m++)
			if (m->v == v) {
				snprintf(out, n, "%s(%s)", s->kw, m->kw);
				return;
			}
		snprintf(out, n, "%s(?%d)", s->kw, (int)v);
		return;
	}
	if (s->off0 && v == 0)
		snprintf(out, n, "%s(OFF)", s->kw);
	else
		snprintf(out, n, "%s(%d)", s->kw, (int)v);
}

static int type_of(MQHOBJ h, int is_qmgr, int is_proc)
{
	if (is_qmgr)
		return T_QMGR;
	if (is_proc)
		return T_PROC;
	MQLONG sel = MQIA_Q_TYPE, v = 0, cc, rc;
	MQINQ(hc, h, 1, &sel, 1, &v, 0, NULL, &cc, &rc);
	return v == MQQT_LOCAL ? T_LOCAL : v == MQQT_ALIAS ? T_ALIAS : v == MQQT_MODEL ? T_MODEL : 0;
}

static int show(const char *kind, const char *name)
{
	MQOD od = { MQOD_DEFAULT };
	MQHOBJ h;
	MQLONG cc, rc;
	int is_qmgr = !strcmp(kind, "qmgr"), is_proc = !strcmp(kind, "process");
	od.ObjectType = is_qmgr ? MQOT_Q_MGR : is_proc ? MQOT_PROCESS : MQOT_Q;
	if (!is_qmgr)
		mqt_name(od.ObjectName, sizeof od.ObjectName, name);
	MQOPEN(hc, &od, MQOO_INQUIRE, &h, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQOPEN for inquire");
	if (cc != MQCC_OK)
		return mqt_done();
	int t = type_of(h, is_qmgr, is_proc);
	MQLONG all[NSELS], ints[NSELS];
	static char chars[16384], one[1024];
	size_t nall = 0, nint = 0, nchar = 0;
	static char shown[NSELS][300];
	for (size_t i = 0; i < NSELS; i++) {
		const struct sel *s = &sels[i];
		if (!(s->types & t))
			continue;
		MQLONG v = -12345;
		memset(one, 'x', sizeof one);
		MQINQ(hc, h, 1, (PMQLONG)&s->id, s->len ? 0 : 1, &v, (MQLONG)s->len, one, &cc, &rc);
		EXPECT(cc, rc, MQCC_OK, MQRC_NONE, s->kw);
		CHECK(!s->len || one[s->len] == 'x', "%s: exactly %d characters written", s->kw, (int)s->len);
		text(s, v, one, shown[nall], sizeof shown[nall]);
		printf("show %s\n", shown[nall]);
		all[nall++] = s->id;
		nchar += s->len;
		nint += !s->len;
	}
	/* all at once: the same values, in order */
	memset(chars, 'x', sizeof chars);
	MQINQ(hc, h, (MQLONG)nall, all, (MQLONG)nint, ints, (MQLONG)nchar, chars, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "every selector in one MQINQ");
	size_t ki = 0, kc = 0, k = 0, same = 0;
	for (size_t i = 0; i < NSELS; i++) {
		const struct sel *s = &sels[i];
		if (!(s->types & t))
			continue;
		char again[300];
		text(s, s->len ? 0 : ints[ki], chars + kc, again, sizeof again);
		same += strcmp(again, shown[k]) == 0 || !strcmp(s->kw, "ALTTIME") || !strcmp(s->kw, "CURDEPTH");
		if (strcmp(again, shown[k]))
			printf("# %s then %s\n", shown[k], again);
		k++;
		if (s->len)
			kc += s->len;
		else
			ki++;
	}
	CHECK(same == nall && chars[nchar] == 'x', "one MQINQ gives the %d values in order, %d characters", (int)nall,
	      (int)nchar);
	mqt_close(hc, &h);
	return mqt_done();
}

static MQHOBJ open_inq(const char *name, MQLONG type)
{
	MQOD od = { MQOD_DEFAULT };
	MQHOBJ h = MQHO_UNUSABLE_HOBJ;
	MQLONG cc, rc;
	od.ObjectType = type;
	if (name)
		mqt_name(od.ObjectName, sizeof od.ObjectName, name);
	MQOPEN(hc, &od, MQOO_INQUIRE, &h, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, name ? name : "the queue manager");
	return h;
}

static int rules(const char *q, const char *alias, const char *model, const char *proc)
{
	MQHOBJ hq = open_inq(q, MQOT_Q), ha = open_inq(alias, MQOT_Q), hm = open_inq(model, MQOT_Q),
	       hp = open_inq(proc, MQOT_PROCESS), hqm = open_inq(NULL, MQOT_Q_MGR);
	MQLONG cc, rc, v[4];
	char c[256];

	/* 2067: not the object's */
	MQLONG s1 = MQIA_CURRENT_Q_DEPTH;
	v[0] = 77;
	MQINQ(hc, hqm, 1, &s1, 1, v, 0, NULL, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_SELECTOR_ERROR, "a queue selector on the queue manager: 2067");
	CHECK(v[0] == 77, "nothing returned");
	s1 = MQCA_Q_NAME;
	MQINQ(hc, hqm, 1, &s1, 0, NULL, 48, c, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_SELECTOR_ERROR, "MQCA_Q_NAME on the queue manager: 2067");
	s1 = MQCA_VERSION;
	MQINQ(hc, hq, 1, &s1, 0, NULL, 8, c, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_SELECTOR_ERROR, "MQCA_VERSION on a queue: 2067");
	s1 = MQIA_AUTHORITY_EVENT;
	MQINQ(hc, hq, 1, &s1, 1, v, 0, NULL, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_SELECTOR_ERROR, "a queue manager selector on a queue: 2067");
	s1 = MQIA_Q_TYPE;
	MQINQ(hc, hp, 1, &s1, 1, v, 0, NULL, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_SELECTOR_ERROR, "MQIA_Q_TYPE on a process: 2067");
	s1 = MQCA_APPL_ID;
	MQINQ(hc, hq, 1, &s1, 0, NULL, 256, c, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_SELECTOR_ERROR, "a process selector on a queue: 2067");
	MQLONG odd[] = { 0, MQIA_LAST, 1999, MQCA_LAST + 1, -5, MQCA_STORAGE_CLASS };
	for (int i = 0; i < 6; i++) {
		MQINQ(hc, hq, 1, &odd[i], 1, v, 256, c, &cc, &rc);
		CHECK(cc == MQCC_FAILED && rc == MQRC_SELECTOR_ERROR, "selector %d on a local queue: 2067 (%d)",
		      (int)odd[i], (int)rc);
	}
	/* a mix of good and bad: 2067 wins whatever comes first */
	MQLONG mix[2] = { MQIA_MAX_Q_DEPTH, MQIA_SYNCPOINT };
	MQINQ(hc, hq, 2, mix, 2, v, 0, NULL, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_SELECTOR_ERROR, "MAXDEPTH then SYNCPOINT on a queue: 2067");

	/* 2068: another queue type's, on a queue */
	MQLONG s2[3] = { MQIA_CURRENT_Q_DEPTH, MQCA_BASE_Q_NAME, MQIA_DEF_PRIORITY };
	v[0] = v[1] = 77;
	memset(c, 'x', sizeof c);
	MQINQ(hc, ha, 3, s2, 2, v, 48, c, &cc, &rc);
	EXPECT(cc, rc, MQCC_WARNING, MQRC_SELECTOR_NOT_FOR_TYPE, "CURDEPTH (a local queue's) on an alias: 2068");
	CHECK(v[0] == MQIAV_NOT_APPLICABLE && v[1] >= 0 && v[1] <= 9 && c[0] != '*' && c[0] != 'x',
	      "MQIAV_NOT_APPLICABLE, then the alias's own DEFPRTY and TARGET");
	MQLONG s3[3] = { MQIA_CURRENT_Q_DEPTH, MQCA_BASE_Q_NAME, MQIA_DEF_PRIORITY };
	MQINQ(hc, hq, 3, s3, 2, v, 48, c, &cc, &rc);
	EXPECT(cc, rc, MQCC_WARNING, MQRC_SELECTOR_NOT_FOR_TYPE, "TARGET on a local queue: 2068");
	CHECK(c[0] == '*' && c[47] == '*' && c[48] == 'x', "48 asterisks for TARGET");
	CHECK(v[0] >= 0 && v[1] == 0, "the local queue's own values still returned (CURDEPTH %d, DEFPRTY %d)",
	      (int)v[0], (int)v[1]);
	MQLONG s4[2] = { MQIA_OPEN_INPUT_COUNT, MQIA_INHIBIT_GET };
	MQINQ(hc, ha, 2, s4, 2, v, 0, NULL, &cc, &rc);
	EXPECT(cc, rc, MQCC_WARNING, MQRC_SELECTOR_NOT_FOR_TYPE, "IPPROCS on an alias queue: 2068");
	CHECK(v[0] == MQIAV_NOT_APPLICABLE && v[1] == MQQA_GET_ALLOWED, "MQIAV_NOT_APPLICABLE, then GET");
	/* a model queue opened for inquire is a new dynamic local queue (MQ's rule) */
	MQLONG s4m[2] = { MQIA_Q_TYPE, MQIA_DEFINITION_TYPE };
	MQINQ(hc, hm, 2, s4m, 2, v, 0, NULL, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQINQ through a handle of a model queue");
	CHECK(v[0] == MQQT_LOCAL && v[1] == MQQDT_TEMPORARY_DYNAMIC, "a temporary dynamic local queue (%d %d)",
	      (int)v[0], (int)v[1]);
	MQLONG s5[3] = { MQCA_REMOTE_Q_NAME, MQCA_REMOTE_Q_MGR_NAME, MQCA_XMIT_Q_NAME };
	memset(c, 'x', sizeof c);
	MQINQ(hc, hq, 3, s5, 0, NULL, 144, c, &cc, &rc);
	EXPECT(cc, rc, MQCC_WARNING, MQRC_SELECTOR_NOT_FOR_TYPE, "a remote queue's selectors on a local queue: 2068");
	int stars = 1;
	for (int i = 0; i < 144; i++)
		stars &= c[i] == '*';
	CHECK(stars && c[144] == 'x', "144 asterisks");
	MQLONG s6 = MQIA_MAX_Q_DEPTH;
	MQINQ(hc, ha, 1, &s6, 1, v, 0, NULL, &cc, &rc);
	EXPECT(cc, rc, MQCC_WARNING, MQRC_SELECTOR_NOT_FOR_TYPE, "MAXDEPTH on an alias: 2068");

	/* the order of the warnings: 2068, then 2022, then 2008 */
	MQLONG s7[4] = { MQIA_MAX_Q_DEPTH, MQIA_DEF_PRIORITY, MQCA_Q_NAME, MQCA_Q_DESC };
	MQINQ(hc, ha, 4, s7, 1, v, 50, c, &cc, &rc);
	EXPECT(cc, rc, MQCC_WARNING, MQRC_SELECTOR_NOT_FOR_TYPE, "2068 before 2022 and 2008");
	MQINQ(hc, hq, 4, s7, 1, v, 50, c, &cc, &rc);
	EXPECT(cc, rc, MQCC_WARNING, MQRC_INT_ATTR_COUNT_TOO_SMALL, "2022 before 2008");
	CHECK(v[0] > 0, "the first integer returned (%d)", (int)v[0]);
	memset(c, 'x', sizeof c);
	MQINQ(hc, hq, 4, s7, 2, v, 50, c, &cc, &rc);
	EXPECT(cc, rc, MQCC_WARNING, MQRC_CHAR_ATTRS_TOO_SHORT, "2008 with room for one name");
	CHECK(!memcmp(c, q, strlen(q)) && c[47] == ' ' && c[48] == 'x', "the whole name returned, the rest untouched");
	/* the counts */
	MQINQ(hc, hq, -1, s7, 1, v, 0, NULL, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_SELECTOR_COUNT_ERROR, "SelectorCount -1: 2065");
	MQINQ(hc, hq, 2, s7, -1, v, 0, NULL, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_INT_ATTR_COUNT_ERROR, "IntAttrCount -1: 2021");
	MQINQ(hc, hq, 3, s7, 2, v, -1, c, &cc, &rc);
	EXPECT(cc, rc, MQCC_FAILED, MQRC_CHAR_ATTR_LENGTH_ERROR, "CharAttrLength -1: 2006");
	/* SYNCPOINT: the queue manager's, and available */
	s1 = MQIA_SYNCPOINT;
	MQINQ(hc, hqm, 1, &s1, 1, v, 0, NULL, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQIA_SYNCPOINT on the queue manager");
	CHECK(v[0] == MQSP_AVAILABLE, "MQSP_AVAILABLE");
	s1 = MQCA_VERSION;
	MQINQ(hc, hqm, 1, &s1, 0, NULL, 8, c, &cc, &rc);
	CHECK(cc == MQCC_OK && !memcmp(c, "09040500", 8), "MQCA_VERSION 09040500 (VVRRMMFF of CMDLEVEL 945)");
	mqt_close(hc, &hq);
	mqt_close(hc, &ha);
	mqt_close(hc, &hm);
	mqt_close(hc, &hp);
	mqt_close(hc, &hqm);
	return mqt_done();
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: mqi_inq QM show qmgr|queue NAME|process NAME\n"
				"       mqi_inq QM rules LOCALQ ALIASQ MODELQ PROCESS\n");
		return 2;
	}
	hc = mqt_conn(argv[1], 0);
	if (hc == MQHC_UNUSABLE_HCONN)
		return 1;
	int rc = 2;
	if (!strcmp(argv[2], "show") && argc >= 4)
		rc = show(argv[3], argc > 4 ? argv[4] : "");
	else if (!strcmp(argv[2], "rules") && argc == 7)
		rc = rules(argv[3], argv[4], argv[5], argv[6]);
	MQLONG cc, r;
	MQDISC(&hc, &cc, &r);
	return rc;
}
