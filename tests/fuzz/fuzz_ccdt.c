/*
 * fuzz_ccdt: libmqm's JSON CCDT reader and connection name lists
 * (qm/mqi/ccdt.c), what a client reads from a file anyone may have written.
 *
 * Input: the text of a CCDT.  Invariants: a refusal returns no channels and
 * says what is wrong; what is accepted is the same when read again, and every
 * channel it returns has a valid name, 1..MQM_CD_MAX_ADDRS addresses with
 * ports 1..65535 and non-empty hosts, and values inside MQ's ranges.  The
 * same bytes are also read as a connection name list: an accepted list has
 * 1..MQM_CD_MAX_ADDRS addresses, each a host of 1..255 bytes and a port.
 */
#include <stdlib.h>
#include <string.h>

#include "qm/mqi/ccdt.c"
#include "tests/fuzz/fuzz.h"

static void check_cd(const struct mqm_cd *cd, int list)
{
	if (!list && !mqm_channel_name_ok(cd->channel, strlen(cd->channel)))
		fuzz_die("a channel with a bad name");
	if (cd->naddr < 1 || cd->naddr > MQM_CD_MAX_ADDRS)
		fuzz_die("a channel without addresses, or too many");
	for (int i = 0; i < cd->naddr; i++) {
		size_t hl = strnlen(cd->addr[i].host, sizeof cd->addr[i].host);
		if (hl == 0 || hl > MQM_HOST_MAX || cd->addr[i].port < 1 || cd->addr[i].port > 65535)
			fuzz_die("an address out of range");
	}
	if (list)
		return;
	if (cd->maxmsgl < 0 || cd->maxmsgl > 104857600 || cd->hbint < 0 || cd->hbint > 999999 ||
	    cd->sharecnv < 0 || cd->weight < 0 || cd->weight > 99)
		fuzz_die("a channel value out of MQ's range");
	if (strnlen(cd->qmgr, sizeof cd->qmgr) > MQ_Q_MGR_NAME_LENGTH ||
	    strnlen(cd->cipher, sizeof cd->cipher) > MQ_SSL_CIPHER_SPEC_LENGTH)
		fuzz_die("a string longer than its field");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mqm_cd *a, *b, one;
	size_t na, nb;
	char err[256], err2[256];
	int ra = mqm_ccdt_parse((const char *)data, size, &a, &na, err, sizeof err);
	int rb = mqm_ccdt_parse((const char *)data, size, &b, &nb, err2, sizeof err2);
	if (ra != rb || na != nb)
		fuzz_die("the same text read two ways");
	if (ra) {
		if (a || na || !err[0])
			fuzz_die("a refusal with channels, or without a reason");
	} else {
		if ((na == 0) != (a == NULL))
			fuzz_die("a count that does not match the channels");
		for (size_t i = 0; i < na; i++) {
			check_cd(&a[i], 0);
			if (memcmp(&a[i], &b[i], sizeof a[i]) != 0)
				fuzz_die("a channel read differently the second time");
		}
	}
	free(a);
	free(b);
	mqm_cd_defaults(&one);
	if (mqm_conname_parse((const char *)data, size, &one) == 0)
		check_cd(&one, 1);
	return 0;
}
