/*
 * amqsseg: a large message through a queue whose MAXMSGL is smaller, in
 * segments: the queue manager cuts it on the put and puts it together again
 * on the get.
 *
 *   amqsseg put QName [QMgrName]    standard input, whole, as one logical message
 *   amqsseg get QName [QMgrName]    each logical message whole to standard output
 *
 * put reads all of standard input (up to 100 MiB) and puts it once, not under
 * syncpoint, with MQMF_SEGMENTATION_ALLOWED (format MQFMT_NONE): when it is
 * longer than the queue's (or the queue manager's) MAXMSGL the queue manager
 * puts it as segments.  It prints "put <n> bytes" and the GroupId.
 *
 * get takes every logical message with MQGMO_COMPLETE_MSG (the queue manager
 * reassembles the segments and removes them all at once), MQGMO_LOGICAL_ORDER
 * and MQGMO_ALL_MSGS_AVAILABLE, waiting up to 5 seconds for each
 * (QUIRE_SAMPLE_WAIT sets another wait in seconds), and writes their data to
 * standard output one after the other; on standard error it says
 * "got <n> bytes (<status>)" for each, then "no more messages".
 *
 * A failed call prints its reason code (on standard error) and the program
 * exits 1.  Written for Quire; it uses only <cmqc.h> and the C library:
 *   cc -Iinclude samples/amqsseg.c -Lbuild/lib -lmqm_r -o amqsseg
 */
#include <cmqc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DATA (100 * 1024 * 1024)

static void set_name(MQCHAR *field, size_t size, const char *name)
{
	size_t n = strlen(name);
	memset(field, 0, size);
	memcpy(field, name, n < size ? n : size);
}

static MQLONG wait_ms(void)
{
	const char *s = getenv("QUIRE_SAMPLE_WAIT");
	char *end;
	double sec;
	if (!s || !*s)
		return 5000;
	sec = strtod(s, &end);
	if (*end || sec < 0 || sec > 86400)
		return 5000;
	return (MQLONG)(sec * 1000 + 0.5);
}

static int fail(const char *call, MQLONG reason)
{
	fprintf(stderr, "%s ended with reason code %d\n", call, (int)reason);
	return 1;
}

static int do_put(MQHCONN hconn, MQHOBJ hobj)
{
	size_t cap = 65536, len = 0, n;
	char *buf = malloc(cap);
	MQMD md = {MQMD_DEFAULT};
	MQPMO pmo = {MQPMO_DEFAULT};
	MQLONG cc, reason;
	int i;
	if (!buf)
		return fail("malloc", MQRC_STORAGE_NOT_AVAILABLE);
	while ((n = fread(buf + len, 1, cap - len, stdin)) > 0) {
		len += n;
		if (len == cap) {
			char *nb;
			if (cap >= MAX_DATA) {
				free(buf);
				return fail("reading standard input (over 100 MiB)", MQRC_DATA_LENGTH_ERROR);
			}
			nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				return fail("malloc", MQRC_STORAGE_NOT_AVAILABLE);
			}
			buf = nb;
			cap *= 2;
		}
	}
	md.Version = MQMD_VERSION_2;
	md.MsgFlags = MQMF_SEGMENTATION_ALLOWED;
	memcpy(md.Format, MQFMT_NONE, MQ_FORMAT_LENGTH);
	pmo.Options = MQPMO_NO_SYNCPOINT | MQPMO_NEW_MSG_ID | MQPMO_FAIL_IF_QUIESCING;
	MQPUT(hconn, hobj, &md, &pmo, (MQLONG)len, buf, &cc, &reason);
	free(buf);
	if (cc == MQCC_FAILED)
		return fail("MQPUT", reason);
	printf("put %lu bytes, GroupId X'", (unsigned long)len);
	for (i = 0; i < MQ_GROUP_ID_LENGTH; i++)
		printf("%02X", md.GroupId[i]);
	printf("'\n");
	return 0;
}

static int do_get(MQHCONN hconn, MQHOBJ hobj)
{
	MQLONG cap = 65536, cc, reason, len;
	char *buf = malloc((size_t)cap);
	if (!buf)
		return fail("malloc", MQRC_STORAGE_NOT_AVAILABLE);
	for (;;) {
		MQMD md = {MQMD_DEFAULT};
		MQGMO gmo = {MQGMO_DEFAULT};
		md.Version = MQMD_VERSION_2;
		gmo.Version = MQGMO_VERSION_2;
		gmo.Options = MQGMO_WAIT | MQGMO_NO_SYNCPOINT | MQGMO_COMPLETE_MSG | MQGMO_LOGICAL_ORDER |
			      MQGMO_ALL_MSGS_AVAILABLE | MQGMO_FAIL_IF_QUIESCING;
		gmo.MatchOptions = MQMO_NONE;
		gmo.WaitInterval = wait_ms();
		MQGET(hconn, hobj, &md, &gmo, cap, buf, &len, &cc, &reason);
		if (reason == MQRC_TRUNCATED_MSG_FAILED && len > cap) {
			char *nb = realloc(buf, (size_t)len);   /* nothing was removed: again, bigger */
			if (!nb) {
				free(buf);
				return fail("malloc", MQRC_STORAGE_NOT_AVAILABLE);
			}
			buf = nb;
			cap = len;
			continue;
		}
		if (reason == MQRC_NO_MSG_AVAILABLE) {
			fprintf(stderr, "no more messages\n");
			break;
		}
		if (cc == MQCC_FAILED) {
			free(buf);
			return fail("MQGET", reason);
		}
		fwrite(buf, 1, (size_t)len, stdout);
		fprintf(stderr, "got %d bytes (%s%s)\n", (int)len,
			gmo.SegmentStatus == MQSS_LAST_SEGMENT ? "reassembled" : "one message",
			gmo.GroupStatus == MQGS_NOT_IN_GROUP ? "" : ", in a group");
	}
	fflush(stdout);
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	MQCHAR48 qmname;
	MQHCONN hconn = MQHC_UNUSABLE_HCONN;
	MQHOBJ hobj = MQHO_UNUSABLE_HOBJ;
	MQOD od = {MQOD_DEFAULT};
	MQLONG cc, reason;
	int put, rc;

	if (argc < 3 || (strcmp(argv[1], "put") && strcmp(argv[1], "get"))) {
		fprintf(stderr, "Required parameters missing: amqsseg put|get QName [QMgrName]\n");
		return 1;
	}
	put = !strcmp(argv[1], "put");
	set_name(qmname, sizeof qmname, argc > 3 ? argv[3] : "");
	MQCONN(qmname, &hconn, &cc, &reason);
	if (cc == MQCC_FAILED)
		return fail("MQCONN", reason);
	set_name(od.ObjectName, sizeof od.ObjectName, argv[2]);
	MQOPEN(hconn, &od, (put ? MQOO_OUTPUT : MQOO_INPUT_AS_Q_DEF) | MQOO_FAIL_IF_QUIESCING, &hobj, &cc, &reason);
	if (cc == MQCC_FAILED) {
		rc = fail("MQOPEN", reason);
		MQDISC(&hconn, &cc, &reason);
		return rc;
	}
	rc = put ? do_put(hconn, hobj) : do_get(hconn, hobj);
	MQCLOSE(hconn, &hobj, MQCO_NONE, &cc, &reason);
	MQDISC(&hconn, &cc, &reason);
	return rc;
}
