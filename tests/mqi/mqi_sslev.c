/*
 * mqi_sslev: get the event messages on SYSTEM.ADMIN.CHANNEL.EVENT and print
 * what each says, for t8500 (Channel SSL Error events, SSLEV).
 *
 *   mqi_sslev QM
 *
 * One line per message:
 *   EVENT cmd=46 reason=2371 rq=14 qmgr=QT chl=TLS12.SVRCONN conn=127.0.0.1 stage=- sslrc=- peer=-
 * ('-' for a parameter the message does not have), then "COUNT n".  A
 * message that is not a well-formed PCF event (MQFMT_EVENT, an MQCFH of
 * MQCFT_EVENT, parameters filling it exactly) prints "BAD <what>" and the
 * exit status is 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmqc.h>
#include <cmqcfc.h>

static void trim(char *s)
{
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		s[--n] = 0;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: mqi_sslev QM\n");
		return 2;
	}
	MQHCONN hc;
	MQLONG cc, rc;
	MQCHAR48 qm;
	memset(qm, ' ', sizeof qm);
	memcpy(qm, argv[1], strlen(argv[1]) < 48 ? strlen(argv[1]) : 48);
	MQCONN(qm, &hc, &cc, &rc);
	if (cc == MQCC_FAILED) {
		printf("MQCONN %d\n", (int)rc);
		return 1;
	}
	MQOD od = { MQOD_DEFAULT };
	strncpy(od.ObjectName, "SYSTEM.ADMIN.CHANNEL.EVENT", sizeof od.ObjectName);
	MQHOBJ ho;
	MQOPEN(hc, &od, MQOO_INPUT_SHARED | MQOO_FAIL_IF_QUIESCING, &ho, &cc, &rc);
	if (cc == MQCC_FAILED) {
		printf("MQOPEN %d\n", (int)rc);
		return 1;
	}
	static MQBYTE buf[65536];
	int count = 0, bad = 0;
	for (;;) {
		MQMD md = { MQMD_DEFAULT };
		MQGMO gmo = { MQGMO_DEFAULT };
		gmo.Options = MQGMO_NO_SYNCPOINT | MQGMO_NO_WAIT;
		MQLONG len = 0;
		MQGET(hc, ho, &md, &gmo, sizeof buf, buf, &len, &cc, &rc);
		if (rc == MQRC_NO_MSG_AVAILABLE)
			break;
		if (cc == MQCC_FAILED) {
			printf("MQGET %d\n", (int)rc);
			return 1;
		}
		count++;
		if (memcmp(md.Format, MQFMT_EVENT, 8) != 0 || len < MQCFH_STRUC_LENGTH) {
			printf("BAD format or length\n");
			bad = 1;
			continue;
		}
		MQCFH h;
		memcpy(&h, buf, sizeof h);
		if (h.Type != MQCFT_EVENT || h.StrucLength != MQCFH_STRUC_LENGTH) {
			printf("BAD MQCFH\n");
			bad = 1;
			continue;
		}
		char qmgr[64] = "-", chl[64] = "-", conn[300] = "-", stage[64] = "-", peer[1100] = "-";
		long rq = -1, sslrc = -1;
		MQLONG off = MQCFH_STRUC_LENGTH;
		for (MQLONG i = 0; i < h.ParameterCount; i++) {
			MQLONG type, sl, param;
			if (off + 12 > len) {
				bad = 1;
				break;
			}
			memcpy(&type, buf + off, 4);
			memcpy(&sl, buf + off + 4, 4);
			memcpy(&param, buf + off + 8, 4);
			if (sl < 16 || off + sl > len) {
				bad = 1;
				break;
			}
			if (type == MQCFT_INTEGER) {
				MQLONG v;
				memcpy(&v, buf + off + 12, 4);
				if (param == MQIACF_REASON_QUALIFIER)
					rq = v;
				else if (param == MQIACH_SSL_RETURN_CODE)
					sslrc = v;
			} else if (type == MQCFT_STRING) {
				MQLONG n;
				memcpy(&n, buf + off + 16, 4);
				if (n < 0 || 20 + n > sl) {
					bad = 1;
					break;
				}
				char *dst = param == MQCA_Q_MGR_NAME ? qmgr : param == MQCACH_CHANNEL_NAME ? chl
					  : param == MQCACH_CONNECTION_NAME ? conn : param == MQCACH_SSL_HANDSHAKE_STAGE ? stage
					  : param == MQCACH_SSL_PEER_NAME ? peer : NULL;
				size_t cap = dst == qmgr || dst == chl || dst == stage ? 64 : dst == conn ? 300 : 1100;
				if (dst) {
					size_t k = (size_t)n < cap - 1 ? (size_t)n : cap - 1;
					memcpy(dst, buf + off + 20, k);
					dst[k] = 0;
					trim(dst);
				}
			}
			off += sl;
		}
		if (bad || off != len) {
			printf("BAD parameters\n");
			bad = 1;
			continue;
		}
		char rcs[24] = "-";
		if (sslrc >= 0)
			snprintf(rcs, sizeof rcs, "%ld", sslrc);
		printf("EVENT cmd=%d reason=%d rq=%ld qmgr=%s chl=%s conn=%s stage=%s sslrc=%s peer=%s\n",
		       (int)h.Command, (int)h.Reason, rq, qmgr, chl, conn, stage, rcs, peer);
	}
	printf("COUNT %d\n", count);
	MQCLOSE(hc, &ho, MQCO_NONE, &cc, &rc);
	MQDISC(&hc, &cc, &rc);
	return bad;
}
