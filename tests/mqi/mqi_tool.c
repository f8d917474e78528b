/*
 * mqi_tool: small MQI actions for the integration scripts.
 *
 *   mqi_tool QM put Q N [p|np] [sp|nosp] [TEXT]   put N messages "TEXT-i" (default
 *                                                 TEXT "m"); sp: MQCMIT after them
 *   mqi_tool QM hold Q NPUT NGET [p|np]           under syncpoint: put NPUT messages
 *                                                 "held-i" and get NGET; print READY;
 *                                                 then wait (to be killed)
 *   mqi_tool QM get Q N [WAIT_MS]                 get N (no syncpoint), print each
 *   mqi_tool QM browse Q                          one line per message: TEXT bo=B pers=P
 *   mqi_tool QM bigput Q SIZE SEED                one persistent message of SIZE
 *                                                 incompressible bytes; "ACK size sum"
 *   mqi_tool QM bigcheck Q [get]                  browse (get) every message: "MSG size sum"
 *   mqi_tool QM depth Q                           CURDEPTH
 *   mqi_tool QM open Q                            the reason code of MQOPEN (0 ok)
 *   mqi_tool QM waitget Q [fiq]                   print READY, MQGET with an unlimited
 *                                                 wait; print the reason code
 *   mqi_tool QM idle [fiq]                        print READY, then loop on MQGET of
 *                                                 SYSTEM.DEFAULT.LOCAL.QUEUE waiting
 *                                                 100 ms (FAIL_IF_QUIESCING with fiq)
 *                                                 until a call fails; print its reason
 *   mqi_tool QM calls Q                           print READY; on each line of stdin
 *                                                 put one message and print the reason
 *                                                 ("fiq:TEXT": with MQPMO_FAIL_IF_QUIESCING)
 *   mqi_tool QM inhibit Q put|get 0|1             MQSET INHIBIT_PUT / INHIBIT_GET
 *   mqi_tool QM mkdyn MODEL NAME N                open a model queue as NAME and put N
 *                                                 persistent messages "dyn-i" on it
 * Exit status: 0 when the action did what it says, 1 otherwise.
 */
#include "mqt.h"
#include <stdint.h>

#include <unistd.h>

static int usage(void)
{
	fprintf(stderr, "usage: mqi_tool QM put|hold|uowhold|bigput|bigcheck|get|browse|depth|open|waitget|idle|calls ...\n");
	return 2;
}

int main(int argc, char **argv)
{
	if (argc < 3)
		return usage();
	const char *qm = argv[1], *cmd = argv[2], *q = argc > 3 ? argv[3] : "";
	MQHCONN hc = mqt_conn(qm, 0);
	MQHOBJ h;
	MQLONG cc, rc;
	char buf[4096];
	MQMD md;
	if (hc == MQHC_UNUSABLE_HCONN)
		return 1;
	if (!strcmp(cmd, "put") && argc >= 5) {
		int n = atoi(argv[4]);
		MQLONG pers = argc > 5 && !strcmp(argv[5], "p") ? MQPER_PERSISTENT : MQPER_NOT_PERSISTENT;
		int sp = argc > 6 && !strcmp(argv[6], "sp");
		const char *text = argc > 7 ? argv[7] : "m";
		if ((rc = mqt_open(hc, q, MQOO_OUTPUT, &h)) != MQRC_NONE) {
			printf("MQOPEN %d\n", (int)rc);
			return 1;
		}
		for (int i = 0; i < n; i++) {
			snprintf(buf, sizeof buf, "%s-%d", text, i);
			if ((rc = mqt_put(hc, h, buf, sp ? MQPMO_SYNCPOINT : MQPMO_NO_SYNCPOINT, pers, NULL)) != MQRC_NONE) {
				printf("MQPUT %d\n", (int)rc);
				return 1;
			}
		}
		if (sp) {
			MQCMIT(hc, &cc, &rc);
			if (rc) {
				printf("MQCMIT %d\n", (int)rc);
				return 1;
			}
		}
		mqt_close(hc, &h);
		MQDISC(&hc, &cc, &rc);
		return rc != MQRC_NONE;
	}
	if (!strcmp(cmd, "hold") && argc >= 6) {
		int np = atoi(argv[4]), ng = atoi(argv[5]);
		MQLONG pers = argc > 6 && !strcmp(argv[6], "np") ? MQPER_NOT_PERSISTENT : MQPER_PERSISTENT;
		if ((rc = mqt_open(hc, q, MQOO_OUTPUT | MQOO_INPUT_SHARED, &h)) != MQRC_NONE) {
			printf("MQOPEN %d\n", (int)rc);
			return 1;
		}
		for (int i = 0; i < ng; i++)
			if ((rc = mqt_get(hc, h, MQGMO_SYNCPOINT, 0, buf, sizeof buf, NULL)) != MQRC_NONE) {
				printf("MQGET %d\n", (int)rc);
				return 1;
			} else {
				printf("got %s\n", buf);
			}
		for (int i = 0; i < np; i++) {
			snprintf(buf, sizeof buf, "held-%d", i);
			if ((rc = mqt_put(hc, h, buf, MQPMO_SYNCPOINT, pers, NULL)) != MQRC_NONE) {
				printf("MQPUT %d\n", (int)rc);
				return 1;
			}
		}
		printf("READY\n");
		fflush(stdout);
		for (;;)
			pause();
	}
	if (!strcmp(cmd, "bigput") && argc >= 6) {
		/* one persistent message of size incompressible bytes (seeded)
		 * outside syncpoint; "ACK size sum" once MQPUT said OK */
		size_t size = (size_t)atol(argv[4]);
		uint64_t x = (uint64_t)atoll(argv[5]) * 2654435761u + 1, sum = 0;
		uint8_t *body = malloc(size ? size : 1);
		if (!body)
			return 1;
		for (size_t i = 0; i < size; i++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			body[i] = (uint8_t)x;
			sum = sum * 31 + body[i];
		}
		if ((rc = mqt_open(hc, q, MQOO_OUTPUT, &h)) != MQRC_NONE) {
			printf("MQOPEN %d\n", (int)rc);
			return 1;
		}
		MQMD bmd = { MQMD_DEFAULT };
		MQPMO pmo = { MQPMO_DEFAULT };
		bmd.Persistence = MQPER_PERSISTENT;
		pmo.Options = MQPMO_NO_SYNCPOINT;
		MQPUT(hc, h, &bmd, &pmo, (MQLONG)size, body, &cc, &rc);
		free(body);
		if (rc != MQRC_NONE) {
			printf("MQPUT %d\n", (int)rc);
			return 1;
		}
		printf("ACK %zu %llu\n", size, (unsigned long long)sum);
		fflush(stdout);
		MQDISC(&hc, &cc, &rc);
		return 0;
	}
	if (!strcmp(cmd, "bigcheck")) {
		/* browse every message (with "get": get it, no syncpoint): "MSG size sum" each */
		int get = argc > 4 && !strcmp(argv[4], "get");
		if ((rc = mqt_open(hc, q, get ? MQOO_INPUT_SHARED : MQOO_BROWSE, &h)) != MQRC_NONE) {
			printf("MQOPEN %d\n", (int)rc);
			return 1;
		}
		size_t cap = 8u << 20;
		uint8_t *body = malloc(cap);
		MQLONG opt = get ? MQGMO_NO_SYNCPOINT : MQGMO_BROWSE_FIRST;
		for (;;) {
			MQMD bmd = { MQMD_DEFAULT };
			MQGMO gmo = { MQGMO_DEFAULT };
			MQLONG len = 0;
			gmo.Options = opt | MQGMO_NO_WAIT;
			MQGET(hc, h, &bmd, &gmo, (MQLONG)cap, body, &len, &cc, &rc);
			if (rc != MQRC_NONE)
				break;
			uint64_t sum = 0;
			for (MQLONG i = 0; i < len; i++)
				sum = sum * 31 + body[i];
			printf("MSG %d %llu\n", (int)len, (unsigned long long)sum);
			opt = get ? MQGMO_NO_SYNCPOINT : MQGMO_BROWSE_NEXT;
		}
		free(body);
		if (rc != MQRC_NO_MSG_AVAILABLE)
			printf("MQGET %d\n", (int)rc);
		MQLONG end = rc;
		MQDISC(&hc, &cc, &rc);
		return end == MQRC_NO_MSG_AVAILABLE ? 0 : 1;
	}
	if (!strcmp(cmd, "uowhold") && argc >= 5) {
		/* a long unit of work: np persistent puts under syncpoint, READY,
		 * then a line on stdin and MQCMIT, whose reason is printed */
		int np = atoi(argv[4]);
		if ((rc = mqt_open(hc, q, MQOO_OUTPUT, &h)) != MQRC_NONE) {
			printf("MQOPEN %d\n", (int)rc);
			return 1;
		}
		for (int i = 0; i < np; i++) {
			snprintf(buf, sizeof buf, "uow-%d", i);
			if ((rc = mqt_put(hc, h, buf, MQPMO_SYNCPOINT, MQPER_PERSISTENT, NULL)) != MQRC_NONE) {
				printf("MQPUT %d\n", (int)rc);
				return 1;
			}
		}
		printf("READY\n");
		fflush(stdout);
		if (!fgets(buf, sizeof buf, stdin))
			return 1;
		MQCMIT(hc, &cc, &rc);
		printf("MQCMIT %d\n", (int)rc);
		MQDISC(&hc, &cc, &rc);
		return 0;
	}
	if (!strcmp(cmd, "get") && argc >= 5) {
		int n = atoi(argv[4]);
		MQLONG wait = argc > 5 ? atoi(argv[5]) : 0;
		if ((rc = mqt_open(hc, q, MQOO_INPUT_SHARED, &h)) != MQRC_NONE) {
			printf("MQOPEN %d\n", (int)rc);
			return 1;
		}
		for (int i = 0; i < n; i++) {
			rc = mqt_get(hc, h, MQGMO_NO_SYNCPOINT | (wait ? MQGMO_WAIT : 0), wait, buf, sizeof buf, &md);
			if (rc != MQRC_NONE) {
				printf("MQGET %d\n", (int)rc);
				return 1;
			}
			printf("%s\n", buf);
		}
		MQDISC(&hc, &cc, &rc);
		return 0;
	}
	if (!strcmp(cmd, "browse")) {
		if ((rc = mqt_open(hc, q, MQOO_BROWSE, &h)) != MQRC_NONE) {
			printf("MQOPEN %d\n", (int)rc);
			return 1;
		}
		MQLONG opt = MQGMO_BROWSE_FIRST;
		while (mqt_get(hc, h, opt, 0, buf, sizeof buf, &md) == MQRC_NONE) {
			printf("%s bo=%d pers=%d\n", buf, (int)md.BackoutCount, (int)md.Persistence);
			opt = MQGMO_BROWSE_NEXT;
		}
		MQDISC(&hc, &cc, &rc);
		return 0;
	}
	if (!strcmp(cmd, "depth")) {
		printf("%d\n", (int)mqt_depth(hc, q));
		MQDISC(&hc, &cc, &rc);
		return 0;
	}
	if (!strcmp(cmd, "open")) {
		rc = mqt_open(hc, q, MQOO_INPUT_SHARED | MQOO_OUTPUT, &h);
		printf("%d\n", (int)rc);
		MQDISC(&hc, &cc, &rc);
		return 0;
	}
	if (!strcmp(cmd, "waitget")) {
		int fiq = argc > 4 && !strcmp(argv[4], "fiq");
		if ((rc = mqt_open(hc, q, MQOO_INPUT_SHARED, &h)) != MQRC_NONE) {
			printf("MQOPEN %d\n", (int)rc);
			return 1;
		}
		printf("READY\n");
		fflush(stdout);
		rc = mqt_get(hc, h, MQGMO_WAIT | (fiq ? MQGMO_FAIL_IF_QUIESCING : 0), MQWI_UNLIMITED, buf, sizeof buf, NULL);
		printf("%d %s\n", (int)rc, rc == MQRC_NONE ? buf : "");
		MQDISC(&hc, &cc, &rc);
		return 0;
	}
	if (!strcmp(cmd, "idle")) {
		int fiq = argc > 3 && !strcmp(argv[3], "fiq");
		if ((rc = mqt_open(hc, "SYSTEM.DEFAULT.LOCAL.QUEUE", MQOO_INPUT_SHARED, &h)) != MQRC_NONE) {
			printf("MQOPEN %d\n", (int)rc);
			return 1;
		}
		printf("READY\n");
		fflush(stdout);
		do
			rc = mqt_get(hc, h, MQGMO_WAIT | (fiq ? MQGMO_FAIL_IF_QUIESCING : 0), 100, buf, sizeof buf, NULL);
		while (rc == MQRC_NO_MSG_AVAILABLE);
		printf("%d\n", (int)rc);
		MQDISC(&hc, &cc, &rc);
		printf("DISC %d\n", (int)rc);
		return 0;
	}
	if (!strcmp(cmd, "calls")) {
		if ((rc = mqt_open(hc, q, MQOO_OUTPUT, &h)) != MQRC_NONE) {
			printf("MQOPEN %d\n", (int)rc);
			return 1;
		}
		printf("READY\n");
		fflush(stdout);
		while (fgets(buf, sizeof buf, stdin)) {
			buf[strcspn(buf, "\n")] = 0;
			int fiq = !strncmp(buf, "fiq:", 4);
			rc = mqt_put(hc, h, fiq ? buf + 4 : buf, MQPMO_NO_SYNCPOINT | (fiq ? MQPMO_FAIL_IF_QUIESCING : 0),
				     MQPER_PERSISTENT, NULL);
			printf("%d\n", (int)rc);
			fflush(stdout);
		}
		MQDISC(&hc, &cc, &rc);
		return 0;
	}
	if (!strcmp(cmd, "inhibit") && argc >= 6) {
		MQLONG sel = !strcmp(argv[4], "put") ? MQIA_INHIBIT_PUT : MQIA_INHIBIT_GET, v = atoi(argv[5]);
		if ((rc = mqt_open(hc, q, MQOO_SET, &h)) != MQRC_NONE) {
			printf("MQOPEN %d\n", (int)rc);
			return 1;
		}
		MQSET(hc, h, 1, &sel, 1, &v, 0, NULL, &cc, &rc);
		printf("%d\n", (int)rc);
		MQDISC(&hc, &cc, &rc);
		return 0;
	}
	if (!strcmp(cmd, "mkdyn") && argc >= 6) {
		MQOD od = { MQOD_DEFAULT };
		mqt_name(od.ObjectName, 48, q);
		memset(od.DynamicQName, 0, sizeof od.DynamicQName);
		snprintf(od.DynamicQName, sizeof od.DynamicQName, "%s", argv[4]);
		MQOPEN(hc, &od, MQOO_OUTPUT, &h, &cc, &rc);
		if (rc != MQRC_NONE) {
			printf("MQOPEN %d\n", (int)rc);
			return 1;
		}
		for (int i = 0; i < atoi(argv[5]); i++) {
			snprintf(buf, sizeof buf, "dyn-%d", i);
			if ((rc = mqt_put(hc, h, buf, MQPMO_NO_SYNCPOINT, MQPER_PERSISTENT, NULL)) != MQRC_NONE) {
				printf("MQPUT %d\n", (int)rc);
				return 1;
			}
		}
		mqt_close(hc, &h);
		MQDISC(&hc, &cc, &rc);
		return 0;
	}
	return usage();
}
