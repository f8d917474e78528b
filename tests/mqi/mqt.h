/*
 * mqt.h: helpers for the MQI test programs of tests/mqi/ (built like MQ
 * applications: the SDK headers and -lmqm_r).  Each check prints one TAP-like
 * line, "ok N - what" or "not ok N - what (file:line)"; a program exits 1 when
 * any check failed.
 */
#ifndef QUIRE_TESTS_MQT_H
#define QUIRE_TESTS_MQT_H

#include <cmqc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int mqt_failed, mqt_count;

#define CHECK(cond, ...)                                                                     \
	do {                                                                                 \
		mqt_count++;                                                                 \
		if (cond) {                                                                  \
			printf("ok %d - ", mqt_count);                                       \
			printf(__VA_ARGS__);                                                 \
			printf("\n");                                                        \
		} else {                                                                     \
			mqt_failed++;                                                        \
			printf("not ok %d - ", mqt_count);                                   \
			printf(__VA_ARGS__);                                                 \
			printf("  (%s:%d)\n", __FILE__, __LINE__);                           \
		}                                                                            \
		fflush(stdout);                                                              \
	} while (0)

/* Completion and reason as expected (each argument evaluated once). */
#define EXPECT(cc, rc, wcc, wrc, what)                                                       \
	do {                                                                                 \
		MQLONG cc_ = (cc), rc_ = (rc);                                               \
		CHECK(cc_ == (wcc) && rc_ == (wrc), "%s: cc %d rc %d (want %d %d)", what,    \
		      (int)cc_, (int)rc_, (int)(wcc), (int)(wrc));                           \
	} while (0)

static inline int mqt_done(void)
{
	printf("%d checks, %d failed\n", mqt_count, mqt_failed);
	return mqt_failed ? 1 : 0;
}

/* Blank-padded name into a fixed field. */
static inline void mqt_name(char *field, size_t n, const char *s)
{
	size_t l = strlen(s);
	if (l > n)
		l = n;
	memcpy(field, s, l);
	memset(field + l, ' ', n - l);
}

static inline MQHCONN mqt_conn(const char *qm, int shared)
{
	MQCNO cno = { MQCNO_DEFAULT };
	MQCHAR48 name;
	MQHCONN hc = MQHC_UNUSABLE_HCONN;
	MQLONG cc, rc;
	mqt_name(name, sizeof name, qm);
	if (shared)
		cno.Options = MQCNO_HANDLE_SHARE_BLOCK;
	MQCONNX(name, &cno, &hc, &cc, &rc);
	if (cc == MQCC_FAILED) {
		printf("# MQCONNX %s failed: %d\n", qm, (int)rc);
		return MQHC_UNUSABLE_HCONN;
	}
	return hc;
}

static inline MQLONG mqt_open(MQHCONN hc, const char *q, MQLONG opts, MQHOBJ *h)
{
	MQOD od = { MQOD_DEFAULT };
	MQLONG cc, rc;
	mqt_name(od.ObjectName, sizeof od.ObjectName, q);
	MQOPEN(hc, &od, opts, h, &cc, &rc);
	return rc;
}

static inline MQLONG mqt_close(MQHCONN hc, MQHOBJ *h)
{
	MQLONG cc, rc;
	MQCLOSE(hc, h, MQCO_NONE, &cc, &rc);
	return rc;
}

/* Put text; pmo options and persistence given; md (may be NULL) gets the
 * descriptor back. */
static inline MQLONG mqt_put(MQHCONN hc, MQHOBJ h, const char *text, MQLONG pmoopt, MQLONG persistence, MQMD *mdout)
{
	MQMD md = { MQMD_DEFAULT };
	MQPMO pmo = { MQPMO_DEFAULT };
	MQLONG cc, rc;
	md.Version = MQMD_VERSION_2;
	md.Persistence = persistence;
	memcpy(md.Format, MQFMT_STRING, MQ_FORMAT_LENGTH);
	pmo.Options = pmoopt;
	MQPUT(hc, h, &md, &pmo, (MQLONG)strlen(text), (void *)text, &cc, &rc);
	if (mdout)
		*mdout = md;
	return rc;
}

/* Get into buf (NUL-terminated); gmo options given; any message. */
static inline MQLONG mqt_get(MQHCONN hc, MQHOBJ h, MQLONG gmoopt, MQLONG wait, char *buf, MQLONG buflen, MQMD *mdout)
{
	MQMD md = { MQMD_DEFAULT };
	MQGMO gmo = { MQGMO_DEFAULT };
	MQLONG cc, rc, len = 0;
	md.Version = MQMD_VERSION_2;
	gmo.Version = MQGMO_VERSION_2;
	gmo.MatchOptions = MQMO_NONE;
	gmo.Options = gmoopt;
	gmo.WaitInterval = wait;
	MQGET(hc, h, &md, &gmo, buflen - 1, buf, &len, &cc, &rc);
	if (cc != MQCC_FAILED && len >= 0 && len < buflen)
		buf[len] = 0;
	else if (buflen > 0)
		buf[buflen - 1] = 0;
	if (mdout)
		*mdout = md;
	return rc;
}

static inline MQLONG mqt_depth(MQHCONN hc, const char *q)
{
	MQHOBJ h;
	MQLONG sel = MQIA_CURRENT_Q_DEPTH, v = -1, cc, rc;
	if (mqt_open(hc, q, MQOO_INQUIRE, &h) != MQRC_NONE)
		return -1;
	MQINQ(hc, h, 1, &sel, 1, &v, 0, NULL, &cc, &rc);
	mqt_close(hc, &h);
	return rc == MQRC_NONE ? v : -1;
}

#endif
