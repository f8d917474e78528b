/*
 * cmqec.h -- the header for channel exits, API exits and installable services of
 * Quire's MQI: one include for all they need, as IBM's cmqec.h is.
 *
 * What it holds: it includes cmqc.h (the MQI), cmqxc.h (MQCD, the exit parameter
 * structures MQCXP, MQAXP, MQAXC, MQDXP, MQWXP ..., the MQ_*_EXIT function types and
 * MQXEP, MQXCNVC, MQXCLWLN, MQXDX) and cmqzc.h (the installable-service structures
 * MQZED, MQZAC, MQZAD, MQZFP, MQZIC, the MQZ_* function types and MQZEP), in that order,
 * and adds the one structure that needs them all: MQIEP, the table of interface entry
 * points an exit or service reaches through its MQHCONFIG (Hconfig->MQXEP_Call, ...) or
 * the pEntryPoints field of its parameter structure. The MQIEP_* and MQIEPF_* constants
 * are in cmqc.h (generated there from the tsv), as are MQIEP, PMQIEP and MQHCONFIG.
 *
 * Quire passes no entry-point table to anything today (it runs no exits or services):
 * the structure is here so that exit sources compile. Its layout (264 bytes,
 * MQIEP_LENGTH_1) is asserted in tests/unit/mqi_structs_more_check.h.
 */
#ifndef MQEC_INCLUDED
#define MQEC_INCLUDED

#include "cmqc.h"
#include "cmqxc.h"
#include "cmqzc.h"

#if defined(__cplusplus)
extern "C" {
#endif

#define MQIEP_STRUC_ID           "IEP "
#define MQIEP_STRUC_ID_ARRAY     'I','E','P',' '

/* MQIEP: a header, then one pointer per MQI verb (in verb name order) and per exit and
 * service call. */
struct tagMQIEP {
  MQCHAR4 StrucId;                /* MQIEP_STRUC_ID */
  MQLONG Version;
  MQLONG StrucLength;             /* MQIEP_CURRENT_LENGTH */
  MQLONG Flags;                   /* MQIEPF_* */
  MQPTR Reserved;
  PMQ_BACK_CALL MQBACK_Call;
  PMQ_BEGIN_CALL MQBEGIN_Call;
  PMQ_BUFMH_CALL MQBUFMH_Call;
  PMQ_CB_CALL MQCB_Call;
  PMQ_CLOSE_CALL MQCLOSE_Call;
  PMQ_CMIT_CALL MQCMIT_Call;
  PMQ_CONN_CALL MQCONN_Call;
  PMQ_CONNX_CALL MQCONNX_Call;
  PMQ_CRTMH_CALL MQCRTMH_Call;
  PMQ_CTL_CALL MQCTL_Call;
  PMQ_DISC_CALL MQDISC_Call;
  PMQ_DLTMH_CALL MQDLTMH_Call;
  PMQ_DLTMP_CALL MQDLTMP_Call;
  PMQ_GET_CALL MQGET_Call;
  PMQ_INQ_CALL MQINQ_Call;
  PMQ_INQMP_CALL MQINQMP_Call;
  PMQ_MHBUF_CALL MQMHBUF_Call;
  PMQ_OPEN_CALL MQOPEN_Call;
  PMQ_PUT_CALL MQPUT_Call;
  PMQ_PUT1_CALL MQPUT1_Call;
  PMQ_SET_CALL MQSET_Call;
  PMQ_SETMP_CALL MQSETMP_Call;
  PMQ_STAT_CALL MQSTAT_Call;
  PMQ_SUB_CALL MQSUB_Call;
  PMQ_SUBRQ_CALL MQSUBRQ_Call;
  PMQ_XCLWLN_CALL MQXCLWLN_Call;
  PMQ_XCNVC_CALL MQXCNVC_Call;
  PMQ_XDX_CALL MQXDX_Call;
  PMQ_XEP_CALL MQXEP_Call;
  PMQ_ZEP_CALL MQZEP_Call;
};

/* a pointer to a pointer to the table */
typedef PMQIEP MQPOINTER PPMQIEP;
typedef MQHCONFIG MQPOINTER PMQHCONFIG;

#define MQIEP_DEFAULT {MQIEP_STRUC_ID_ARRAY}, MQIEP_VERSION_1, MQIEP_CURRENT_LENGTH, \
  MQIEPF_NONE, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, \
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, \
  NULL, NULL, NULL, NULL, NULL

#if defined(__cplusplus)
}
#endif

#endif /* MQEC_INCLUDED */
