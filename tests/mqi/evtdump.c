/*
 * evtdump: get event messages and print what they say, checking their PCF.
 *
 *   evtdump [-b] QM WAIT_MS [MAX] [QUEUE]
 *
 * Gets messages from QUEUE (default SYSTEM.ADMIN.LOGGER.EVENT) without
 * syncpoint (-b: browses them, leaving them there), each MQGET waiting up to
 * WAIT_MS, until MAX have been got (0 or none: no limit) or a get finds none;
 * prints one line per logger event:
 *
 *   EVENT qmgr=QM curr=S0000003.LOG rec=S0000002.LOG media=S0000000.LOG path=/x/log/QM/active/ pers=1 prio=0
 *
 * then "COUNT n".  Every message must be a well-formed logger event or the
 * program says "BAD <what>" and exits 1 (after the others):
 *   MQMD     Format MQFMT_EVENT, MsgType MQMT_DATAGRAM, Report MQRO_NONE,
 *            Expiry unlimited, Feedback none, Encoding MQENC_NATIVE, no
 *            reply queue, ReplyToQMgr and PutApplName the queue manager's
 *            name, PutApplType MQAT_QMGR, PutDate/PutTime set
 *   MQCFH    Type MQCFT_EVENT, StrucLength MQCFH_STRUC_LENGTH, Version 1,
 *            Command MQCMD_LOGGER_EVENT, MsgSeqNumber 1, Control MQCFC_LAST,
 *            CompCode MQCC_WARNING, Reason MQRC_LOGGER_STATUS
 *   params   exactly ParameterCount structures filling the message to its
 *            last byte; each an MQCFST (Type MQCFT_STRING) whose StrucLength
 *            is a multiple of 4, at least 20 + StringLength, within the
 *            message; CodedCharSetId the MQMD's; StringLength MQ's length
 *            for the parameter (48 for the queue manager name, 24 for an
 *            extent, 1024 for the log path), the string blank padded; each
 *            of the five parameters exactly once (the archive extent may come
 *            too, once)
 * Exit status: 0 when every message passed (none is fine), 1 otherwise, 2
 * on a usage or MQI error.
 */
#include "mqt.h"

#include <cmqcfc.h>
#include <ctype.h>
#include <stdint.h>

static int bad;

static void say_bad(int n, const char *what)
{
	printf("BAD event %d: %s\n", n, what);
	bad = 1;
}

/* A fixed field without its trailing blanks (and NULs). */
static void field(char *out, const char *f, size_t n)
{
	while (n > 0 && (f[n - 1] == ' ' || f[n - 1] == '\0'))
		n--;
	memcpy(out, f, n);
	out[n] = 0;
}

static int blank_padded(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i] != ' ' && s[i] != '\0')
		i++;
	for (; i < n; i++)
		if (s[i] != ' ')
			return 0;
	return 1;
}

struct param { MQLONG id; const char *name; MQLONG width; int seen; char value[1025]; };

static void check_md(int n, const MQMD *md, const char *qm)
{
	char s[64];
	if (memcmp(md->Format, MQFMT_EVENT, MQ_FORMAT_LENGTH) != 0)
		say_bad(n, "Format is not MQFMT_EVENT");
	if (md->MsgType != MQMT_DATAGRAM)
		say_bad(n, "MsgType is not MQMT_DATAGRAM");
	if (md->Report != MQRO_NONE || md->Feedback != MQFB_NONE || md->Expiry != MQEI_UNLIMITED)
		say_bad(n, "Report, Feedback or Expiry is not MQ's for an event");
	if (md->Encoding != MQENC_NATIVE)
		say_bad(n, "Encoding is not MQENC_NATIVE");
	field(s, md->ReplyToQ, sizeof md->ReplyToQ);
	if (s[0])
		say_bad(n, "a reply queue is named");
	field(s, md->ReplyToQMgr, sizeof md->ReplyToQMgr);
	if (strcmp(s, qm) != 0)
		say_bad(n, "ReplyToQMgr is not the queue manager");
	field(s, md->PutApplName, sizeof md->PutApplName);
	if (strncmp(s, qm, 28) != 0 || md->PutApplType != MQAT_QMGR)
		say_bad(n, "PutApplType/PutApplName do not say the queue manager");
	for (size_t i = 0; i < 8; i++)
		if (!isdigit((unsigned char)md->PutDate[i]) || !isdigit((unsigned char)md->PutTime[i])) {
			say_bad(n, "PutDate/PutTime not set");
			break;
		}
}

static void decode(int n, const MQMD *md, const unsigned char *buf, MQLONG len, const char *qm)
{
	struct param p[] = {
		{ MQCA_Q_MGR_NAME, "qmgr", MQ_Q_MGR_NAME_LENGTH, 0, "" },
		{ MQCACF_CURRENT_LOG_EXTENT_NAME, "curr", MQ_LOG_EXTENT_NAME_LENGTH, 0, "" },
		{ MQCACF_RESTART_LOG_EXTENT_NAME, "rec", MQ_LOG_EXTENT_NAME_LENGTH, 0, "" },
		{ MQCACF_MEDIA_LOG_EXTENT_NAME, "media", MQ_LOG_EXTENT_NAME_LENGTH, 0, "" },
		{ MQCACF_LOG_PATH, "path", MQ_LOG_PATH_LENGTH, 0, "" },
		{ MQCACF_ARCHIVE_LOG_EXTENT_NAME, "arch", MQ_LOG_EXTENT_NAME_LENGTH, 0, "" },
	};
	const size_t np = sizeof p / sizeof p[0];
	MQCFH h;
	char msg[200];
	check_md(n, md, qm);
	if (len < MQCFH_STRUC_LENGTH) {
		say_bad(n, "shorter than an MQCFH");
		return;
	}
	memcpy(&h, buf, sizeof h);
	if (h.Type != MQCFT_EVENT || h.StrucLength != MQCFH_STRUC_LENGTH || h.Version != MQCFH_VERSION_1 ||
	    h.Command != MQCMD_LOGGER_EVENT || h.MsgSeqNumber != 1 || h.Control != MQCFC_LAST ||
	    h.CompCode != MQCC_WARNING || h.Reason != MQRC_LOGGER_STATUS) {
		snprintf(msg, sizeof msg, "MQCFH type %d len %d version %d command %d seq %d control %d cc %d rc %d",
			 (int)h.Type, (int)h.StrucLength, (int)h.Version, (int)h.Command, (int)h.MsgSeqNumber,
			 (int)h.Control, (int)h.CompCode, (int)h.Reason);
		say_bad(n, msg);
		return;
	}
	MQLONG off = h.StrucLength;
	for (MQLONG i = 0; i < h.ParameterCount; i++) {
		MQCFST st;
		if (len - off < MQCFST_STRUC_LENGTH_FIXED) {
			say_bad(n, "a parameter runs past the end of the message");
			return;
		}
		memcpy(&st, buf + off, MQCFST_STRUC_LENGTH_FIXED);
		if (st.Type != MQCFT_STRING || st.StrucLength % 4 != 0 || st.StrucLength < MQCFST_STRUC_LENGTH_FIXED ||
		    st.StrucLength > len - off || st.StringLength < 0 ||
		    st.StringLength > st.StrucLength - MQCFST_STRUC_LENGTH_FIXED) {
			snprintf(msg, sizeof msg, "parameter %d at %d: type %d StrucLength %d StringLength %d", (int)i,
				 (int)off, (int)st.Type, (int)st.StrucLength, (int)st.StringLength);
			say_bad(n, msg);
			return;
		}
		/* the structure is as long as its string rounded up to 4, no longer */
		if (st.StrucLength != ((MQCFST_STRUC_LENGTH_FIXED + st.StringLength + 3) & ~3)) {
			snprintf(msg, sizeof msg, "parameter %d: StrucLength %d for StringLength %d", (int)st.Parameter,
				 (int)st.StrucLength, (int)st.StringLength);
			say_bad(n, msg);
		}
		if (st.CodedCharSetId != md->CodedCharSetId)
			say_bad(n, "a parameter's CodedCharSetId is not the message's");
		size_t k = 0;
		while (k < np && p[k].id != st.Parameter)
			k++;
		const char *s = (const char *)buf + off + MQCFST_STRUC_LENGTH_FIXED;
		if (k == np) {
			snprintf(msg, sizeof msg, "unexpected parameter %d", (int)st.Parameter);
			say_bad(n, msg);
		} else if (p[k].seen++) {
			snprintf(msg, sizeof msg, "parameter %s twice", p[k].name);
			say_bad(n, msg);
		} else if (st.StringLength != p[k].width) {
			snprintf(msg, sizeof msg, "%s: StringLength %d, MQ's is %d", p[k].name, (int)st.StringLength,
				 (int)p[k].width);
			say_bad(n, msg);
		} else if (!blank_padded(s, (size_t)st.StringLength)) {
			snprintf(msg, sizeof msg, "%s: not padded with blanks", p[k].name);
			say_bad(n, msg);
		} else {
			field(p[k].value, s, (size_t)st.StringLength);
		}
		off += st.StrucLength;
	}
	if (off != len) {
		snprintf(msg, sizeof msg, "%d bytes after the last of %d parameters", (int)(len - off),
			 (int)h.ParameterCount);
		say_bad(n, msg);
	}
	for (size_t k = 0; k + 1 < np; k++)   /* all but the archive extent are always there */
		if (!p[k].seen) {
			snprintf(msg, sizeof msg, "parameter %s missing", p[k].name);
			say_bad(n, msg);
		}
	printf("EVENT qmgr=%s curr=%s rec=%s media=%s path=%s", p[0].value, p[1].value, p[2].value, p[3].value,
	       p[4].value);
	if (p[5].seen)
		printf(" arch=%s", p[5].value);
	printf(" pers=%d prio=%d\n", (int)md->Persistence, (int)md->Priority);
}

int main(int argc, char **argv)
{
	int browse = argc > 1 && strcmp(argv[1], "-b") == 0;
	argc -= browse;
	argv += browse;
	if (argc < 3) {
		fprintf(stderr, "usage: evtdump [-b] QM WAIT_MS [MAX] [QUEUE]\n");
		return 2;
	}
	const char *qm = argv[1], *q = argc > 4 ? argv[4] : "SYSTEM.ADMIN.LOGGER.EVENT";
	MQLONG wait = atoi(argv[2]);
	int max = argc > 3 ? atoi(argv[3]) : 0, count = 0;
	MQHCONN hc = mqt_conn(qm, 0);
	MQHOBJ h;
	MQLONG cc, rc;
	if (hc == MQHC_UNUSABLE_HCONN)
		return 2;
	if ((rc = mqt_open(hc, q, (browse ? MQOO_BROWSE : MQOO_INPUT_AS_Q_DEF) | MQOO_FAIL_IF_QUIESCING, &h)) !=
	    MQRC_NONE) {
		printf("MQOPEN %d\n", (int)rc);
		return 2;
	}
	static unsigned char buf[65536];
	while (max <= 0 || count < max) {
		MQMD md = { MQMD_DEFAULT };
		MQGMO gmo = { MQGMO_DEFAULT };
		MQLONG len = 0;
		md.Version = MQMD_VERSION_2;
		gmo.Version = MQGMO_VERSION_2;
		gmo.MatchOptions = MQMO_NONE;
		gmo.Options = MQGMO_WAIT | MQGMO_NO_SYNCPOINT | MQGMO_FAIL_IF_QUIESCING |
			      (browse ? MQGMO_BROWSE_NEXT : 0);
		gmo.WaitInterval = wait;
		MQGET(hc, h, &md, &gmo, (MQLONG)sizeof buf, buf, &len, &cc, &rc);
		if (rc == MQRC_NO_MSG_AVAILABLE)
			break;
		if (cc != MQCC_OK) {
			printf("MQGET %d\n", (int)rc);
			return 2;
		}
		decode(++count, &md, buf, len, qm);
	}
	printf("COUNT %d\n", count);
	mqt_close(hc, &h);
	MQDISC(&hc, &cc, &rc);
	return bad;
}
