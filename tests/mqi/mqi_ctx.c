/*
 * mqi_ctx: message context for the integration scripts (t6320): put with a
 * context of the caller's choosing, show the context a message carries.
 *
 *   mqi_ctx QM Q put CTX VERB USER APPL TEXT [ALTUSER]
 *       CTX   default | set-id | set-all | pass-id | pass-all | none
 *       VERB  open (MQOPEN with the matching MQOO_ option, then MQPUT) or
 *             put1 (MQPUT1 with the MQPMO_ option)
 *       USER, APPL  the UserIdentifier and PutApplName put in the MQMD
 *       ALTUSER     open with MQOO_ALTERNATE_USER_AUTHORITY (MQPUT1:
 *                   MQPMO_ALTERNATE_USER_AUTHORITY) and this AlternateUserId
 *       prints "MQOPEN rc", "MQPUT rc" or "MQPUT1 rc" (the first call that
 *       failed, or the put's reason when all went well)
 *   mqi_ctx QM Q get
 *       gets one message (no wait) and prints
 *       "USER=<UserIdentifier> APPL=<PutApplName> TEXT=<text>" (blanks
 *       trimmed), or "MQGET rc"
 *   CTXQ=SRC mqi_ctx QM Q put pass-id|pass-all ...
 *       with CTXQ set, first gets one message from queue SRC through a
 *       handle opened with MQOO_SAVE_ALL_CONTEXT and names that handle in
 *       MQPMO.Context (without it, Context is MQHO_NONE: 2097)
 *   mqi_ctx QM relay Q1 Q2
 *       context passing checked field by field (t6100), one "ok" line each:
 *       a relay in the style of MQ's request and echo samples (get with
 *       MQOO_SAVE_ALL_CONTEXT, put with MQPMO_PASS_ALL_CONTEXT /
 *       PASS_IDENTITY_CONTEXT, MQPUT and MQPUT1), every reason (2093 to
 *       2098), browses, syncpoint and backout, truncation, a message with no
 *       context, a closed handle.  Q1 and Q2 must be empty local queues.
 * Exit status: 0 when the put or get succeeded, 1 otherwise, 2 bad usage.
 */
#include "mqt.h"

static int usage(void)
{
	fprintf(stderr, "usage: mqi_ctx QM Q put default|set-id|set-all|pass-id|pass-all|none open|put1 USER APPL "
			"TEXT [ALTUSER]\n       mqi_ctx QM Q get\n       mqi_ctx QM relay Q1 Q2\n");
	return 2;
}

/* A fixed field as text without its trailing blanks and NULs. */
static void show(const char *field, size_t n, char *out)
{
	size_t l = 0;
	while (l < n && field[l])
		l++;
	while (l > 0 && field[l - 1] == ' ')
		l--;
	memcpy(out, field, l);
	out[l] = 0;
}

/* ---- relay: context passing, every field ---- */

/* The context put on the first message: every field something the queue
 * manager would never make itself. */
static void orig_context(MQMD *md, const char *user)
{
	mqt_name(md->UserIdentifier, sizeof md->UserIdentifier, user);
	for (int i = 0; i < MQ_ACCOUNTING_TOKEN_LENGTH; i++)
		md->AccountingToken[i] = (MQBYTE)(0xA0 + i);
	mqt_name(md->ApplIdentityData, sizeof md->ApplIdentityData, "IDENTITY-DATA");
	md->PutApplType = MQAT_USER_FIRST + 7;
	mqt_name(md->PutApplName, sizeof md->PutApplName, "ORIGINAL.APPLICATION");
	memcpy(md->PutDate, "20200102", 8);
	memcpy(md->PutTime, "03040506", 8);
	mqt_name(md->ApplOriginData, sizeof md->ApplOriginData, "ORG");
}

/* Put text on h with all context set (the owner may: t6100 runs as it). */
static MQLONG put_set_all(MQHCONN hc, MQHOBJ h, const char *text, const char *user)
{
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	MQLONG cc, rc;
	memcpy(md.Format, MQFMT_STRING, MQ_FORMAT_LENGTH);
	orig_context(&md, user);
	pmo.Options = MQPMO_NO_SYNCPOINT | MQPMO_SET_ALL_CONTEXT;
	MQPUT(hc, h, &md, &pmo, (MQLONG)strlen(text), (void *)text, &cc, &rc);
	return rc;
}

/* Put with a context option and MQPMO.Context; md gets what came back. */
static MQLONG put_ctx(MQHCONN hc, MQHOBJ h, MQLONG opt, MQHOBJ ctx, const char *text, MQMD *md)
{
	MQMD d = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	MQLONG cc, rc;
	memcpy(d.Format, MQFMT_STRING, MQ_FORMAT_LENGTH);
	mqt_name(d.UserIdentifier, sizeof d.UserIdentifier, "ignored");
	pmo.Options = MQPMO_NO_SYNCPOINT | opt;
	pmo.Context = ctx;
	MQPUT(hc, h, &d, &pmo, (MQLONG)strlen(text), (void *)text, &cc, &rc);
	if (md)
		*md = d;
	return rc;
}

static MQLONG put1_ctx(MQHCONN hc, const char *q, MQLONG opt, MQHOBJ ctx, const char *text)
{
	MQOD od = { MQOD_DEFAULT };
	MQMD d = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	MQLONG cc, rc;
	mqt_name(od.ObjectName, sizeof od.ObjectName, q);
	memcpy(d.Format, MQFMT_STRING, MQ_FORMAT_LENGTH);
	pmo.Options = MQPMO_NO_SYNCPOINT | opt;
	pmo.Context = ctx;
	MQPUT1(hc, &od, &d, &pmo, (MQLONG)strlen(text), (void *)text, &cc, &rc);
	return rc;
}

static int blank(const char *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (f[i] != ' ')
			return 0;
	return 1;
}

/* md carries the identity orig_context(user) gave. */
static void check_identity(const MQMD *md, const char *user, const char *what)
{
	MQMD o = { MQMD_DEFAULT };
	orig_context(&o, user);
	CHECK(!memcmp(md->UserIdentifier, o.UserIdentifier, sizeof o.UserIdentifier), "%s: UserIdentifier %.12s",
	      what, md->UserIdentifier);
	CHECK(!memcmp(md->AccountingToken, o.AccountingToken, sizeof o.AccountingToken), "%s: AccountingToken",
	      what);
	CHECK(!memcmp(md->ApplIdentityData, o.ApplIdentityData, sizeof o.ApplIdentityData),
	      "%s: ApplIdentityData %.32s", what, md->ApplIdentityData);
}

/* md carries all of orig_context(user). */
static void check_all(const MQMD *md, const char *user, const char *what)
{
	MQMD o = { MQMD_DEFAULT };
	orig_context(&o, user);
	check_identity(md, user, what);
	CHECK(md->PutApplType == o.PutApplType, "%s: PutApplType %d", what, (int)md->PutApplType);
	CHECK(!memcmp(md->PutApplName, o.PutApplName, sizeof o.PutApplName), "%s: PutApplName %.28s", what,
	      md->PutApplName);
	CHECK(!memcmp(md->PutDate, "20200102", 8), "%s: PutDate %.8s", what, md->PutDate);
	CHECK(!memcmp(md->PutTime, "03040506", 8), "%s: PutTime %.8s", what, md->PutTime);
	CHECK(!memcmp(md->ApplOriginData, o.ApplOriginData, 4), "%s: ApplOriginData %.4s", what, md->ApplOriginData);
}

static int relay(const char *qm, const char *q1, const char *q2)
{
	MQHCONN hc = mqt_conn(qm, 0);
	if (hc == MQHC_UNUSABLE_HCONN)
		return 1;
	MQHOBJ hput1, hin, hplain, hall, hid, hout, hget2;
	char buf[256];
	MQMD md, got;
	MQLONG cc, rc;
	EXPECT(MQCC_OK, mqt_open(hc, q1, MQOO_OUTPUT | MQOO_SET_ALL_CONTEXT, &hput1), MQCC_OK, MQRC_NONE, "open Q1 setall");
	EXPECT(MQCC_OK, mqt_open(hc, q1, MQOO_INPUT_SHARED | MQOO_BROWSE | MQOO_SAVE_ALL_CONTEXT, &hin), MQCC_OK,
	       MQRC_NONE, "open Q1 input, browse, MQOO_SAVE_ALL_CONTEXT");
	EXPECT(MQCC_OK, mqt_open(hc, q1, MQOO_INPUT_SHARED, &hplain), MQCC_OK, MQRC_NONE, "open Q1 input, no save");
	EXPECT(MQCC_OK, mqt_open(hc, q2, MQOO_OUTPUT | MQOO_PASS_ALL_CONTEXT, &hall), MQCC_OK, MQRC_NONE,
	       "open Q2 MQOO_PASS_ALL_CONTEXT");
	EXPECT(MQCC_OK, mqt_open(hc, q2, MQOO_OUTPUT | MQOO_PASS_IDENTITY_CONTEXT, &hid), MQCC_OK, MQRC_NONE,
	       "open Q2 MQOO_PASS_IDENTITY_CONTEXT");
	EXPECT(MQCC_OK, mqt_open(hc, q2, MQOO_OUTPUT, &hout), MQCC_OK, MQRC_NONE, "open Q2 output only");
	EXPECT(MQCC_OK, mqt_open(hc, q2, MQOO_INPUT_SHARED, &hget2), MQCC_OK, MQRC_NONE, "open Q2 input");

	/* nothing got yet */
	EXPECT(MQCC_FAILED, put_ctx(hc, hall, MQPMO_PASS_ALL_CONTEXT, hin, "x", NULL), MQCC_FAILED,
	       MQRC_CONTEXT_NOT_AVAILABLE, "pass all before any get: 2098");
	EXPECT(MQCC_FAILED, put_ctx(hc, hall, MQPMO_PASS_ALL_CONTEXT, MQHO_NONE, "x", NULL), MQCC_FAILED,
	       MQRC_CONTEXT_HANDLE_ERROR, "Context MQHO_NONE: 2097");
	EXPECT(MQCC_FAILED, put_ctx(hc, hall, MQPMO_PASS_ALL_CONTEXT, hplain, "x", NULL), MQCC_FAILED,
	       MQRC_CONTEXT_HANDLE_ERROR, "Context opened without MQOO_SAVE_ALL_CONTEXT: 2097");
	EXPECT(MQCC_FAILED, put_ctx(hc, hall, MQPMO_PASS_IDENTITY_CONTEXT, hout, "x", NULL), MQCC_FAILED,
	       MQRC_CONTEXT_HANDLE_ERROR, "Context an output handle: 2097");
	EXPECT(MQCC_FAILED, put_ctx(hc, hall, MQPMO_PASS_ALL_CONTEXT, 9999, "x", NULL), MQCC_FAILED,
	       MQRC_CONTEXT_HANDLE_ERROR, "Context no handle at all: 2097");
	EXPECT(MQCC_FAILED, put_ctx(hc, hid, MQPMO_PASS_ALL_CONTEXT, hin, "x", NULL), MQCC_FAILED,
	       MQRC_NOT_OPEN_FOR_PASS_ALL, "pass all on a pass-identity handle: 2093");
	EXPECT(MQCC_FAILED, put_ctx(hc, hout, MQPMO_PASS_IDENTITY_CONTEXT, hin, "x", NULL), MQCC_FAILED,
	       MQRC_NOT_OPEN_FOR_PASS_IDENT, "pass identity on a plain output handle: 2094");
	EXPECT(MQCC_FAILED, put_ctx(hc, hall, MQPMO_SET_ALL_CONTEXT, 0, "x", NULL), MQCC_FAILED,
	       MQRC_NOT_OPEN_FOR_SET_ALL, "set all on a pass-all handle: 2095");
	EXPECT(MQCC_FAILED, put_ctx(hc, hout, MQPMO_SET_IDENTITY_CONTEXT, 0, "x", NULL), MQCC_FAILED,
	       MQRC_NOT_OPEN_FOR_SET_IDENT, "set identity on a plain output handle: 2096");
	CHECK(mqt_depth(hc, q2) == 0, "nothing put by the refused puts");

	/* the relay: get with the saved context, pass it all on */
	EXPECT(MQCC_OK, put_set_all(hc, hput1, "request-1", "origuser"), MQCC_OK, MQRC_NONE, "put request with set all");
	rc = mqt_get(hc, hin, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, &got);
	EXPECT(MQCC_OK, rc, MQCC_OK, MQRC_NONE, "get the request (saves its context)");
	check_all(&got, "origuser", "the request as got");
	rc = put_ctx(hc, hall, MQPMO_PASS_ALL_CONTEXT, hin, "reply-1", &md);
	EXPECT(MQCC_OK, rc, MQCC_OK, MQRC_NONE, "MQPUT pass all context");
	check_all(&md, "origuser", "MQPUT's MQMD after pass all");
	rc = mqt_get(hc, hget2, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, &got);
	EXPECT(MQCC_OK, rc, MQCC_OK, MQRC_NONE, "get the relayed message");
	CHECK(!strcmp(buf, "reply-1"), "relayed text %s", buf);
	check_all(&got, "origuser", "relayed with pass all");

	/* pass identity: the identity relayed, the origin the putter's */
	rc = put_ctx(hc, hid, MQPMO_PASS_IDENTITY_CONTEXT, hin, "reply-2", NULL);
	EXPECT(MQCC_OK, rc, MQCC_OK, MQRC_NONE, "MQPUT pass identity context");
	rc = mqt_get(hc, hget2, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, &got);
	EXPECT(MQCC_OK, rc, MQCC_OK, MQRC_NONE, "get the pass-identity message");
	check_identity(&got, "origuser", "pass identity");
	CHECK(got.PutApplType == MQAT_UNIX, "pass identity: PutApplType %d is the putter's", (int)got.PutApplType);
	CHECK(!memcmp(got.PutApplName, "mqi_ctx", 7), "pass identity: PutApplName %.28s is the putter's",
	      got.PutApplName);
	CHECK(memcmp(got.PutDate, "20200102", 8) != 0 && got.PutDate[0] == '2', "pass identity: PutDate %.8s is now",
	      got.PutDate);
	CHECK(blank(got.ApplOriginData, 4), "pass identity: ApplOriginData blank");
	/* a pass-all handle may pass identity only (it implies it) */
	EXPECT(MQCC_OK, put_ctx(hc, hall, MQPMO_PASS_IDENTITY_CONTEXT, hin, "reply-3", NULL), MQCC_OK, MQRC_NONE,
	       "pass identity on a pass-all handle");
	rc = mqt_get(hc, hget2, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, &got);
	check_identity(&got, "origuser", "pass identity on a pass-all handle");

	/* MQPUT1 passes too */
	EXPECT(MQCC_OK, put1_ctx(hc, q2, MQPMO_PASS_ALL_CONTEXT, hin, "reply-4"), MQCC_OK, MQRC_NONE,
	       "MQPUT1 pass all context");
	rc = mqt_get(hc, hget2, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, &got);
	EXPECT(MQCC_OK, rc, MQCC_OK, MQRC_NONE, "get the MQPUT1 message");
	check_all(&got, "origuser", "MQPUT1 pass all");
	EXPECT(MQCC_OK, put1_ctx(hc, q2, MQPMO_PASS_IDENTITY_CONTEXT, hin, "reply-5"), MQCC_OK, MQRC_NONE,
	       "MQPUT1 pass identity context");
	rc = mqt_get(hc, hget2, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, &got);
	check_identity(&got, "origuser", "MQPUT1 pass identity");
	CHECK(got.PutApplType == MQAT_UNIX, "MQPUT1 pass identity: PutApplType %d", (int)got.PutApplType);
	EXPECT(MQCC_FAILED, put1_ctx(hc, q2, MQPMO_PASS_ALL_CONTEXT, MQHO_NONE, "x"), MQCC_FAILED,
	       MQRC_CONTEXT_HANDLE_ERROR, "MQPUT1 pass all, Context MQHO_NONE: 2097");
	EXPECT(MQCC_FAILED, put1_ctx(hc, q2, MQPMO_PASS_ALL_CONTEXT, hplain, "x"), MQCC_FAILED,
	       MQRC_CONTEXT_HANDLE_ERROR, "MQPUT1 pass all, Context not saving: 2097");

	/* a get that finds nothing keeps the saved context */
	EXPECT(MQCC_FAILED, mqt_get(hc, hin, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, NULL), MQCC_FAILED,
	       MQRC_NO_MSG_AVAILABLE, "get from an empty queue");
	EXPECT(MQCC_OK, put_ctx(hc, hall, MQPMO_PASS_ALL_CONTEXT, hin, "reply-6", NULL), MQCC_OK, MQRC_NONE,
	       "still passes after a get that found nothing");
	rc = mqt_get(hc, hget2, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, &got);
	check_all(&got, "origuser", "after 2033");

	/* 2080 leaves the message and the saved context; 2079 takes both */
	EXPECT(MQCC_OK, put_set_all(hc, hput1, "a longer request", "truncuser"), MQCC_OK, MQRC_NONE, "put truncuser");
	{
		MQMD d = { MQMD_DEFAULT };
		MQGMO gmo = { MQGMO_DEFAULT };
		MQLONG len;
		gmo.Options = MQGMO_NO_SYNCPOINT;
		MQGET(hc, hin, &d, &gmo, 4, buf, &len, &cc, &rc);
		EXPECT(cc, rc, MQCC_WARNING, MQRC_TRUNCATED_MSG_FAILED, "short buffer: 2080");
		EXPECT(MQCC_OK, put_ctx(hc, hall, MQPMO_PASS_ALL_CONTEXT, hin, "reply-7", NULL), MQCC_OK, MQRC_NONE,
		       "pass after 2080");
		rc = mqt_get(hc, hget2, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, &got);
		check_identity(&got, "origuser", "after 2080 the earlier context");
		MQMD d2 = { MQMD_DEFAULT };
		gmo.Options = MQGMO_NO_SYNCPOINT | MQGMO_ACCEPT_TRUNCATED_MSG;
		MQGET(hc, hin, &d2, &gmo, 4, buf, &len, &cc, &rc);
		EXPECT(cc, rc, MQCC_WARNING, MQRC_TRUNCATED_MSG_ACCEPTED, "accept truncated: 2079");
		EXPECT(MQCC_OK, put_ctx(hc, hall, MQPMO_PASS_ALL_CONTEXT, hin, "reply-8", NULL), MQCC_OK, MQRC_NONE,
		       "pass after 2079");
		rc = mqt_get(hc, hget2, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, &got);
		check_all(&got, "truncuser", "after 2079 the truncated message's context");
	}

	/* a browse leaves no context: 2098; the next destructive get saves again */
	EXPECT(MQCC_OK, put_set_all(hc, hput1, "browsed", "browseuser"), MQCC_OK, MQRC_NONE, "put browseuser");
	EXPECT(MQCC_OK, mqt_get(hc, hin, MQGMO_BROWSE_FIRST, 0, buf, sizeof buf, &got), MQCC_OK, MQRC_NONE, "browse it");
	check_identity(&got, "browseuser", "the browse returns the context");
	EXPECT(MQCC_FAILED, put_ctx(hc, hall, MQPMO_PASS_ALL_CONTEXT, hin, "x", NULL), MQCC_FAILED,
	       MQRC_CONTEXT_NOT_AVAILABLE, "pass after a browse: 2098");
	EXPECT(MQCC_OK, mqt_get(hc, hin, MQGMO_MSG_UNDER_CURSOR, 0, buf, sizeof buf, NULL), MQCC_OK, MQRC_NONE,
	       "get the browsed message");
	EXPECT(MQCC_OK, put_ctx(hc, hall, MQPMO_PASS_ALL_CONTEXT, hin, "reply-9", NULL), MQCC_OK, MQRC_NONE,
	       "pass after the get");
	rc = mqt_get(hc, hget2, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, &got);
	check_all(&got, "browseuser", "after browse then get");

	/* a get under syncpoint saves; its backout does not take it back */
	EXPECT(MQCC_OK, put_set_all(hc, hput1, "in a unit of work", "uowuser"), MQCC_OK, MQRC_NONE, "put uowuser");
	EXPECT(MQCC_OK, mqt_get(hc, hin, MQGMO_SYNCPOINT, 0, buf, sizeof buf, NULL), MQCC_OK, MQRC_NONE,
	       "get under syncpoint");
	MQBACK(hc, &cc, &rc);
	EXPECT(cc, rc, MQCC_OK, MQRC_NONE, "MQBACK");
	CHECK(mqt_depth(hc, q1) == 1, "the message is back");
	EXPECT(MQCC_OK, put_ctx(hc, hall, MQPMO_PASS_ALL_CONTEXT, hin, "reply-10", NULL), MQCC_OK, MQRC_NONE,
	       "pass after the backout");
	rc = mqt_get(hc, hget2, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, &got);
	check_all(&got, "uowuser", "the backed-out get's context");
	EXPECT(MQCC_OK, mqt_get(hc, hin, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, NULL), MQCC_OK, MQRC_NONE,
	       "get it again");

	/* a message with no context passes its blank context */
	EXPECT(MQCC_OK, mqt_put(hc, hput1, "no context", MQPMO_NO_CONTEXT, MQPER_NOT_PERSISTENT, NULL), MQCC_OK, MQRC_NONE,
	       "put with MQPMO_NO_CONTEXT");
	EXPECT(MQCC_OK, mqt_get(hc, hin, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, NULL), MQCC_OK, MQRC_NONE,
	       "get it");
	EXPECT(MQCC_OK, put_ctx(hc, hall, MQPMO_PASS_ALL_CONTEXT, hin, "reply-11", NULL), MQCC_OK, MQRC_NONE,
	       "pass a message's empty context");
	rc = mqt_get(hc, hget2, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, &got);
	CHECK(blank(got.UserIdentifier, 12) && got.PutApplType == MQAT_NO_CONTEXT && blank(got.PutApplName, 28) &&
	      blank(got.PutDate, 8), "an empty context passed: user '%.12s' type %d", got.UserIdentifier,
	      (int)got.PutApplType);

	/* a closed handle is no context handle */
	MQHOBJ closed = hin;
	EXPECT(MQCC_OK, mqt_close(hc, &hin), MQCC_OK, MQRC_NONE, "close the saving handle");
	EXPECT(MQCC_FAILED, put_ctx(hc, hall, MQPMO_PASS_ALL_CONTEXT, closed, "x", NULL), MQCC_FAILED,
	       MQRC_CONTEXT_HANDLE_ERROR, "Context a closed handle: 2097");
	CHECK(mqt_depth(hc, q2) == 0, "%s empty at the end", q2);
	mqt_close(hc, &hput1);
	mqt_close(hc, &hplain);
	mqt_close(hc, &hall);
	mqt_close(hc, &hid);
	mqt_close(hc, &hout);
	mqt_close(hc, &hget2);
	MQDISC(&hc, &cc, &rc);
	return mqt_done();
}

int main(int argc, char **argv)
{
	if (argc < 4)
		return usage();
	const char *qm = argv[1], *q = argv[2], *cmd = argv[3];
	MQLONG cc, rc;
	if (!strcmp(q, "relay"))
		return argc == 5 ? relay(qm, argv[3], argv[4]) : usage();
	if (!strcmp(cmd, "get")) {
		MQHCONN hc = mqt_conn(qm, 0);
		MQHOBJ h;
		char buf[4096], user[MQ_USER_ID_LENGTH + 1], appl[MQ_PUT_APPL_NAME_LENGTH + 1];
		MQMD md;
		if (hc == MQHC_UNUSABLE_HCONN)
			return 1;
		if ((rc = mqt_open(hc, q, MQOO_INPUT_SHARED, &h)) != MQRC_NONE) {
			printf("MQOPEN %d\n", (int)rc);
			return 1;
		}
		if ((rc = mqt_get(hc, h, MQGMO_NO_SYNCPOINT, 0, buf, sizeof buf, &md)) != MQRC_NONE) {
			printf("MQGET %d\n", (int)rc);
			return 1;
		}
		show(md.UserIdentifier, MQ_USER_ID_LENGTH, user);
		show(md.PutApplName, MQ_PUT_APPL_NAME_LENGTH, appl);
		printf("USER=%s APPL=%s TEXT=%s\n", user, appl, buf);
		MQDISC(&hc, &cc, &rc);
		return 0;
	}
	if (strcmp(cmd, "put") || argc < 9)
		return usage();
	const char *ctx = argv[4], *verb = argv[5], *user = argv[6], *appl = argv[7], *text = argv[8];
	const char *alt = argc > 9 ? argv[9] : NULL;
	static const struct {
		const char *name;
		MQLONG oo, pmo;
	} ctxs[] = {
		{ "default", 0, MQPMO_DEFAULT_CONTEXT },
		{ "set-id", MQOO_SET_IDENTITY_CONTEXT, MQPMO_SET_IDENTITY_CONTEXT },
		{ "set-all", MQOO_SET_ALL_CONTEXT, MQPMO_SET_ALL_CONTEXT },
		{ "pass-id", MQOO_PASS_IDENTITY_CONTEXT, MQPMO_PASS_IDENTITY_CONTEXT },
		{ "pass-all", MQOO_PASS_ALL_CONTEXT, MQPMO_PASS_ALL_CONTEXT },
		{ "none", 0, MQPMO_NO_CONTEXT },
	};
	int k = -1;
	for (int i = 0; i < (int)(sizeof ctxs / sizeof ctxs[0]); i++)
		if (!strcmp(ctx, ctxs[i].name))
			k = i;
	if (k < 0 || (strcmp(verb, "open") && strcmp(verb, "put1")))
		return usage();

	MQHCONN hc = mqt_conn(qm, 0);
	if (hc == MQHC_UNUSABLE_HCONN)
		return 1;
	MQOD od = { MQOD_DEFAULT };
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	mqt_name(od.ObjectName, sizeof od.ObjectName, q);
	if (alt)
		mqt_name(od.AlternateUserId, sizeof od.AlternateUserId, alt);
	md.Version = MQMD_VERSION_2;
	memcpy(md.Format, MQFMT_STRING, MQ_FORMAT_LENGTH);
	mqt_name(md.UserIdentifier, sizeof md.UserIdentifier, user);
	mqt_name(md.PutApplName, sizeof md.PutApplName, appl);
	memcpy(md.PutDate, "20000101", 8);
	memcpy(md.PutTime, "12000000", 8);
	pmo.Options = ctxs[k].pmo | MQPMO_NO_SYNCPOINT;
	MQHOBJ hsave = MQHO_NONE;
	const char *from = getenv("CTXQ");
	if (from && *from) {
		char b[4096];
		if ((rc = mqt_open(hc, from, MQOO_INPUT_SHARED | MQOO_SAVE_ALL_CONTEXT, &hsave)) != MQRC_NONE ||
		    (rc = mqt_get(hc, hsave, MQGMO_NO_SYNCPOINT, 0, b, sizeof b, NULL)) != MQRC_NONE) {
			printf("CTXQ %d\n", (int)rc);
			MQDISC(&hc, &cc, &rc);
			return 1;
		}
	}
	if (!strcmp(verb, "put1")) {
		if (alt)
			pmo.Options |= MQPMO_ALTERNATE_USER_AUTHORITY;
		pmo.Context = hsave;
		MQPUT1(hc, &od, &md, &pmo, (MQLONG)strlen(text), (void *)text, &cc, &rc);
		printf("MQPUT1 %d\n", (int)rc);
	} else {
		MQHOBJ h;
		MQOPEN(hc, &od, MQOO_OUTPUT | ctxs[k].oo | (alt ? MQOO_ALTERNATE_USER_AUTHORITY : 0), &h, &cc, &rc);
		if (cc == MQCC_FAILED) {
			printf("MQOPEN %d\n", (int)rc);
			MQDISC(&hc, &cc, &rc);
			return 1;
		}
		pmo.Context = hsave;
		MQPUT(hc, h, &md, &pmo, (MQLONG)strlen(text), (void *)text, &cc, &rc);
		printf("MQPUT %d\n", (int)rc);
		MQLONG cc2, rc2;
		MQCLOSE(hc, &h, MQCO_NONE, &cc2, &rc2);
	}
	MQLONG cc3, rc3;
	MQDISC(&hc, &cc3, &rc3);
	return cc == MQCC_FAILED;
}
