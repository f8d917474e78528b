/*
 * stubs.c: the verbs cmqc.h declares that Quire does not implement
 * (MQCB and MQCTL are in async.c, the message-handle verbs in props.c).
 * Each exists, so that programs which name them link and load, and completes
 * with MQCC_FAILED and MQRC_FUNCTION_NOT_SUPPORTED (2298) without looking at
 * its other arguments.  MQBEGIN belongs here too: Quire coordinates no
 * external resource managers, and MQCMIT/MQBACK need no MQBEGIN.  MQSUB and
 * MQSUBRQ are sub.c's.
 */
#include "qm/mqi/mqm_int.h"

static void not_supported(PMQLONG pCompCode, PMQLONG pReason)
{
	if (pCompCode && pReason) {
		*pCompCode = MQCC_FAILED;
		*pReason = MQRC_FUNCTION_NOT_SUPPORTED;
	}
}

void MQENTRY MQBEGIN(MQHCONN Hconn, PMQVOID pBeginOptions, PMQLONG pCompCode, PMQLONG pReason)
{
	(void)Hconn; (void)pBeginOptions;
	not_supported(pCompCode, pReason);
}
