/*
 * stubs.c: the verbs cmqc.h declares that Quire does not implement yet
 * (MQCB and MQCTL are in async.c).
 * Each exists, so that programs which name them link and load, and completes
 * with MQCC_FAILED and MQRC_FUNCTION_NOT_SUPPORTED (2298) without looking at
 * its other arguments.  MQBEGIN belongs here too: Quire coordinates no
 * external resource managers, and MQCMIT/MQBACK need no MQBEGIN.
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

void MQENTRY MQSUB(MQHCONN Hconn, PMQVOID pSubDesc, PMQHOBJ pHobj, PMQHOBJ pHsub, PMQLONG pCompCode,
		   PMQLONG pReason)
{
	(void)Hconn; (void)pSubDesc; (void)pHobj; (void)pHsub;
	not_supported(pCompCode, pReason);
}

void MQENTRY MQSUBRQ(MQHCONN Hconn, MQHOBJ Hsub, MQLONG Action, PMQVOID pSubRqOpts, PMQLONG pCompCode,
		     PMQLONG pReason)
{
	(void)Hconn; (void)Hsub; (void)Action; (void)pSubRqOpts;
	not_supported(pCompCode, pReason);
}

void MQENTRY MQCRTMH(MQHCONN Hconn, PMQVOID pCrtMsgHOpts, PMQHMSG pHmsg, PMQLONG pCompCode,
		     PMQLONG pReason)
{
	(void)Hconn; (void)pCrtMsgHOpts; (void)pHmsg;
	not_supported(pCompCode, pReason);
}

void MQENTRY MQDLTMH(MQHCONN Hconn, PMQHMSG pHmsg, PMQVOID pDltMsgHOpts, PMQLONG pCompCode,
		     PMQLONG pReason)
{
	(void)Hconn; (void)pHmsg; (void)pDltMsgHOpts;
	not_supported(pCompCode, pReason);
}

void MQENTRY MQSETMP(MQHCONN Hconn, MQHMSG Hmsg, PMQVOID pSetPropOpts, PMQVOID pName, PMQVOID pPropDesc,
		     MQLONG Type, MQLONG ValueLength, PMQVOID pValue, PMQLONG pCompCode, PMQLONG pReason)
{
	(void)Hconn; (void)Hmsg; (void)pSetPropOpts; (void)pName; (void)pPropDesc; (void)Type;
	(void)ValueLength; (void)pValue;
	not_supported(pCompCode, pReason);
}

void MQENTRY MQINQMP(MQHCONN Hconn, MQHMSG Hmsg, PMQVOID pInqPropOpts, PMQVOID pName, PMQVOID pPropDesc,
		     PMQLONG pType, MQLONG ValueLength, PMQVOID pValue, PMQLONG pDataLength,
		     PMQLONG pCompCode, PMQLONG pReason)
{
	(void)Hconn; (void)Hmsg; (void)pInqPropOpts; (void)pName; (void)pPropDesc; (void)pType;
	(void)ValueLength; (void)pValue; (void)pDataLength;
	not_supported(pCompCode, pReason);
}

void MQENTRY MQDLTMP(MQHCONN Hconn, MQHMSG Hmsg, PMQVOID pDltPropOpts, PMQVOID pName, PMQLONG pCompCode,
		     PMQLONG pReason)
{
	(void)Hconn; (void)Hmsg; (void)pDltPropOpts; (void)pName;
	not_supported(pCompCode, pReason);
}

void MQENTRY MQMHBUF(MQHCONN Hconn, MQHMSG Hmsg, PMQVOID pMsgHBufOpts, PMQVOID pName, PMQVOID pMsgDesc,
		     MQLONG BufferLength, PMQVOID pBuffer, PMQLONG pDataLength, PMQLONG pCompCode,
		     PMQLONG pReason)
{
	(void)Hconn; (void)Hmsg; (void)pMsgHBufOpts; (void)pName; (void)pMsgDesc; (void)BufferLength;
	(void)pBuffer; (void)pDataLength;
	not_supported(pCompCode, pReason);
}

void MQENTRY MQBUFMH(MQHCONN Hconn, MQHMSG Hmsg, PMQVOID pBufMsgHOpts, PMQVOID pMsgDesc,
		     MQLONG BufferLength, PMQVOID pBuffer, PMQLONG pDataLength, PMQLONG pCompCode,
		     PMQLONG pReason)
{
	(void)Hconn; (void)Hmsg; (void)pBufMsgHOpts; (void)pMsgDesc; (void)BufferLength; (void)pBuffer;
	(void)pDataLength;
	not_supported(pCompCode, pReason);
}
