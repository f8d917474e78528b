/*
 * mqi_oam: one MQI verb at a time for the authority manager's test (t8300),
 * printing "VERB reason" (0: done) and exiting 0 only when it was done.
 *
 *   mqi_oam QM conn                                  MQCONN
 *   mqi_oam QM open q|qmgr|process|topic NAME OPTS [ALTUSER]
 *                                                    MQOPEN with OPTS, a comma list of
 *                                                    input, browse, output, inq, set, passid,
 *                                                    passall, setid, setall (a topic's NAME
 *                                                    is its topic string; ALTUSER adds
 *                                                    MQOO_ALTERNATE_USER_AUTHORITY); with set
 *                                                    on a queue also MQSET of TRIGGER off
 *   mqi_oam QM put1 Q                                MQPUT1 of one message "oam"
 *   mqi_oam QM put Q                                 MQOPEN output + MQPUT
 *   mqi_oam QM get Q                                 MQOPEN input + MQGET (no wait)
 *   mqi_oam QM inq                                   MQOPEN of the queue manager + MQINQ CCSID
 *   mqi_oam QM pub TOPICSTR                          MQOPEN of the topic + MQPUT
 *   mqi_oam QM sub TOPICSTR [NAME]                   MQSUB managed (durable when NAME is given)
 *   mqi_oam QM resume NAME                           MQSUB MQSO_RESUME of durable NAME
 *   mqi_oam QM subq TOPICSTR Q                       MQSUB unmanaged to Q (opened for input)
 *   mqi_oam QM mkdyn MODEL NAME [delete]             MQOPEN of MODEL for input as NAME (a
 *                                                    dynamic queue), then MQCLOSE (with
 *                                                    MQCO_DELETE_PURGE: "delete")
 *   mqi_oam QM delq NAME                             MQOPEN of NAME for input, MQCLOSE with
 *                                                    MQCO_DELETE_PURGE
 *   mqi_oam QM events                                get every message of SYSTEM.ADMIN.QMGR.EVENT,
 *                                                    checking its PCF (MQCFH, then exactly
 *                                                    ParameterCount MQCFIN/MQCFST filling it),
 *                                                    printing a line per event:
 *                                                    EVENT cmd=44 reason=2035 n=7 1020=2 1022=16
 *                                                    3025='qtstnone' ... (strings blank-trimmed,
 *                                                    each also with its length as 3025/12);
 *                                                    "BAD what" and exit 1 for a malformed one
 */
#include "mqt.h"

#include <cmqcfc.h>

static MQLONG opts_of(const char *s)
{
	MQLONG o = 0;
	char buf[256];
	snprintf(buf, sizeof buf, "%s", s);
	for (char *save = NULL, *w = strtok_r(buf, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		if (!strcmp(w, "input"))
			o |= MQOO_INPUT_SHARED;
		else if (!strcmp(w, "browse"))
			o |= MQOO_BROWSE;
		else if (!strcmp(w, "output"))
			o |= MQOO_OUTPUT;
		else if (!strcmp(w, "inq"))
			o |= MQOO_INQUIRE;
		else if (!strcmp(w, "set"))
			o |= MQOO_SET;
		else if (!strcmp(w, "passid"))
			o |= MQOO_PASS_IDENTITY_CONTEXT;
		else if (!strcmp(w, "passall"))
			o |= MQOO_PASS_ALL_CONTEXT;
		else if (!strcmp(w, "setid"))
			o |= MQOO_SET_IDENTITY_CONTEXT;
		else if (!strcmp(w, "setall"))
			o |= MQOO_SET_ALL_CONTEXT;
	}
	return o;
}

static int say(const char *verb, MQLONG rc)
{
	printf("%s %d\n", verb, (int)rc);
	return rc == MQRC_NONE ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: mqi_oam QM conn|open|put1|put|get|inq|pub|sub|resume|subq ...\n");
		return 2;
	}
	const char *qm = argv[1], *cmd = argv[2];
	MQHCONN hc;
	MQLONG cc, rc;
	char qmn[MQ_Q_MGR_NAME_LENGTH];
	mqt_name(qmn, sizeof qmn, qm);
	MQCONN(qmn, &hc, &cc, &rc);
	if (rc != MQRC_NONE || !strcmp(cmd, "conn"))
		return say("MQCONN", rc);
	MQOD od = { MQOD_DEFAULT };
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	MQHOBJ h;
	char msg[] = "oam";
	int ret = 1;
	if (!strcmp(cmd, "open") && argc >= 6) {
		const char *type = argv[3], *name = argv[4];
		MQLONG o = opts_of(argv[5]);
		od.Version = MQOD_VERSION_4;
		if (argc > 6) {
			o |= MQOO_ALTERNATE_USER_AUTHORITY;
			mqt_name(od.AlternateUserId, MQ_USER_ID_LENGTH, argv[6]);
		}
		if (!strcmp(type, "qmgr")) {
			od.ObjectType = MQOT_Q_MGR;
		} else if (!strcmp(type, "process")) {
			od.ObjectType = MQOT_PROCESS;
			mqt_name(od.ObjectName, MQ_Q_NAME_LENGTH, name);
		} else if (!strcmp(type, "topic")) {
			od.ObjectType = MQOT_TOPIC;
			od.ObjectString.VSPtr = (MQPTR)name;
			od.ObjectString.VSLength = (MQLONG)strlen(name);
		} else {
			mqt_name(od.ObjectName, MQ_Q_NAME_LENGTH, name);
		}
		MQOPEN(hc, &od, o, &h, &cc, &rc);
		ret = say("MQOPEN", rc);
		if (!ret && (o & MQOO_SET) && od.ObjectType == MQOT_Q) {
			MQLONG sel = MQIA_TRIGGER_CONTROL, v = MQTC_OFF;
			MQSET(hc, h, 1, &sel, 1, &v, 0, NULL, &cc, &rc);
			ret = say("MQSET", rc);
		}
	} else if (!strcmp(cmd, "put1") && argc >= 4) {
		mqt_name(od.ObjectName, MQ_Q_NAME_LENGTH, argv[3]);
		MQPUT1(hc, &od, &md, &pmo, (MQLONG)strlen(msg), msg, &cc, &rc);
		ret = say("MQPUT1", rc);
	} else if (!strcmp(cmd, "put") && argc >= 4) {
		if ((rc = mqt_open(hc, argv[3], MQOO_OUTPUT, &h)) != MQRC_NONE)
			return say("MQOPEN", rc);
		MQPUT(hc, h, &md, &pmo, (MQLONG)strlen(msg), msg, &cc, &rc);
		ret = say("MQPUT", rc);
	} else if (!strcmp(cmd, "get") && argc >= 4) {
		if ((rc = mqt_open(hc, argv[3], MQOO_INPUT_SHARED, &h)) != MQRC_NONE)
			return say("MQOPEN", rc);
		MQGMO gmo = { MQGMO_DEFAULT };
		char buf[256];
		MQLONG len;
		gmo.Options = MQGMO_NO_WAIT | MQGMO_NO_SYNCPOINT;
		MQGET(hc, h, &md, &gmo, sizeof buf, buf, &len, &cc, &rc);
		ret = say("MQGET", rc);
	} else if (!strcmp(cmd, "inq")) {
		od.ObjectType = MQOT_Q_MGR;
		MQOPEN(hc, &od, MQOO_INQUIRE, &h, &cc, &rc);
		if (rc)
			return say("MQOPEN", rc);
		MQLONG sel = MQIA_CODED_CHAR_SET_ID, v = 0;
		MQINQ(hc, h, 1, &sel, 1, &v, 0, NULL, &cc, &rc);
		ret = say("MQINQ", rc);
	} else if (!strcmp(cmd, "pub") && argc >= 4) {
		od.Version = MQOD_VERSION_4;
		od.ObjectType = MQOT_TOPIC;
		od.ObjectString.VSPtr = argv[3];
		od.ObjectString.VSLength = (MQLONG)strlen(argv[3]);
		MQOPEN(hc, &od, MQOO_OUTPUT, &h, &cc, &rc);
		if (rc)
			return say("MQOPEN", rc);
		MQPUT(hc, h, &md, &pmo, (MQLONG)strlen(msg), msg, &cc, &rc);
		ret = say("MQPUT", rc);
	} else if ((!strcmp(cmd, "sub") || !strcmp(cmd, "resume") || !strcmp(cmd, "subq")) && argc >= 4) {
		MQSD sd = { MQSD_DEFAULT };
		MQHOBJ hq = MQHO_NONE, hs = MQHO_NONE;
		if (!strcmp(cmd, "resume")) {
			sd.Options = MQSO_RESUME | MQSO_DURABLE | MQSO_MANAGED;
			sd.SubName.VSPtr = argv[3];
			sd.SubName.VSLength = (MQLONG)strlen(argv[3]);
		} else {
			sd.Options = MQSO_CREATE | MQSO_NON_DURABLE | MQSO_MANAGED;
			sd.ObjectString.VSPtr = argv[3];
			sd.ObjectString.VSLength = (MQLONG)strlen(argv[3]);
			if (!strcmp(cmd, "sub") && argc > 4) {
				sd.Options = MQSO_CREATE | MQSO_DURABLE | MQSO_MANAGED;
				sd.SubName.VSPtr = argv[4];
				sd.SubName.VSLength = (MQLONG)strlen(argv[4]);
			}
			if (!strcmp(cmd, "subq")) {
				if (argc < 5)
					return 2;
				if ((rc = mqt_open(hc, argv[4], MQOO_INPUT_SHARED, &hq)) != MQRC_NONE)
					return say("MQOPEN", rc);
				sd.Options = MQSO_CREATE | MQSO_NON_DURABLE;
			}
		}
		MQSUB(hc, &sd, &hq, &hs, &cc, &rc);
		ret = say("MQSUB", rc);
	} else if ((!strcmp(cmd, "mkdyn") && argc >= 5) || (!strcmp(cmd, "delq") && argc >= 4)) {
		int mk = !strcmp(cmd, "mkdyn");
		mqt_name(od.ObjectName, MQ_Q_NAME_LENGTH, argv[3]);
		if (mk)
			mqt_name(od.DynamicQName, MQ_Q_NAME_LENGTH, argv[4]);
		MQOPEN(hc, &od, MQOO_INPUT_SHARED, &h, &cc, &rc);
		if (rc)
			return say("MQOPEN", rc);
		MQCLOSE(hc, &h, (!mk || (argc > 5 && !strcmp(argv[5], "delete"))) ? MQCO_DELETE_PURGE : MQCO_NONE, &cc,
			&rc);
		ret = say("MQCLOSE", rc);
	} else if (!strcmp(cmd, "events")) {
		if ((rc = mqt_open(hc, "SYSTEM.ADMIN.QMGR.EVENT", MQOO_INPUT_SHARED, &h)) != MQRC_NONE)
			return say("MQOPEN", rc);
		static MQBYTE buf[65536];
		ret = 0;
		for (;;) {
			MQMD gmd = { MQMD_DEFAULT };
			MQGMO gmo = { MQGMO_DEFAULT };
			MQLONG len;
			gmo.Options = MQGMO_NO_WAIT | MQGMO_NO_SYNCPOINT;
			MQGET(hc, h, &gmd, &gmo, sizeof buf, buf, &len, &cc, &rc);
			if (rc)
				break;
			MQCFH fh;
			if (len < (MQLONG)sizeof fh || memcmp(gmd.Format, MQFMT_EVENT, 8)) {
				printf("BAD not an event\n");
				ret = 1;
				continue;
			}
			memcpy(&fh, buf, sizeof fh);
			printf("EVENT cmd=%d reason=%d n=%d", (int)fh.Command, (int)fh.Reason, (int)fh.ParameterCount);
			MQLONG at = fh.StrucLength;
			for (MQLONG i = 0; i < fh.ParameterCount; i++) {
				MQLONG t, sl;
				if (at + 8 > len) {
					printf(" BAD short");
					ret = 1;
					break;
				}
				memcpy(&t, buf + at, 4);
				memcpy(&sl, buf + at + 4, 4);
				if (sl < 16 || at + sl > len || sl % 4) {
					printf(" BAD length");
					ret = 1;
					break;
				}
				if (t == MQCFT_INTEGER) {
					MQCFIN in;
					memcpy(&in, buf + at, sizeof in);
					printf(" %d=%d", (int)in.Parameter, (int)in.Value);
				} else if (t == MQCFT_STRING) {
					MQCFST st;
					memcpy(&st, buf + at, MQCFST_STRUC_LENGTH_FIXED);
					int n = (int)st.StringLength;
					while (n > 0 && buf[at + MQCFST_STRUC_LENGTH_FIXED + n - 1] == ' ')
						n--;
					printf(" %d='%.*s' %d/%d", (int)st.Parameter, n, (char *)buf + at + MQCFST_STRUC_LENGTH_FIXED,
					       (int)st.Parameter, (int)st.StringLength);
				} else {
					printf(" BAD type %d", (int)t);
					ret = 1;
				}
				at += sl;
			}
			if (at != len) {
				printf(" BAD trailing");
				ret = 1;
			}
			printf("\n");
		}
	} else {
		fprintf(stderr, "mqi_oam: bad arguments\n");
		ret = 2;
	}
	MQDISC(&hc, &cc, &rc);
	return ret;
}
