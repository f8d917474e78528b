/*
 * cmqcfc.h -- Programmable Command Format (PCF) of Quire's MQI, for C and C++ programs.
 *
 * PCF messages (MQMD.Format MQFMT_ADMIN, MQFMT_EVENT, ...) hold an MQCFH header and then
 * ParameterCount parameter structures, each saying by its Type which structure it is:
 * MQCFIN (an integer), MQCFST (a string), ... Written for Quire from reference/
 * (mqi-structs.txt, mqi-structs-more.txt, mqi-constants.tsv); no text of IBM's header.
 *
 * Not complete yet: this first part declares MQCFH, MQCFIN and MQCFST and the constants
 * Quire's event messages use (logger events: MQCMD_LOGGER_EVENT and its MQCACF_*
 * parameters). Every name and value here is MQ's; the rest of IBM's cmqcfc.h (the other
 * parameter structures, MQCMD_*, MQRCCF_*, MQIACF_*, ...) is to come.
 *
 * Calling sequence (reading an event message got into buf, datalen bytes)
 *     MQCFH *h = (MQCFH *)buf;            h->Type MQCFT_EVENT, h->Command MQCMD_*,
 *                                         h->Reason MQRC_*, h->ParameterCount
 *     size_t off = h->StrucLength;
 *     for each of the ParameterCount parameters:
 *         MQCFIN *p = (MQCFIN *)(buf + off);   p->Type says MQCFT_INTEGER, MQCFT_STRING ...
 *         for MQCFT_STRING: ((MQCFST *)p)->StringLength bytes from ->String (blank padded,
 *         not NUL terminated)
 *         off += p->StrucLength;          always a multiple of 4
 * Building one: start from MQCFH_DEFAULT / MQCFST_DEFAULT and set what differs; a string
 * parameter is MQCFST_STRUC_LENGTH_FIXED bytes followed by its string, StrucLength
 * rounded up to a multiple of 4.
 *
 * Error handling
 *   A reader checks every length against what it holds: StrucLength at least the fixed
 *   length of the structure Type names, never past the end of the data; StringLength at
 *   most StrucLength - MQCFST_STRUC_LENGTH_FIXED. The queue manager answers a bad PCF
 *   command with MQRCCF_* reasons (MQRCCF_CFH_LENGTH_ERROR, MQRCCF_CFST_LENGTH_ERROR ...).
 *
 * Includes cmqc.h (IBM's cmqcfc.h expects it first) and defines nothing cmqc.h has
 * (MQCA_Q_MGR_NAME, MQRC_LOGGER_STATUS, MQFMT_EVENT, MQEVR_* are there).
 */
#ifndef MQCFC_INCLUDED
#define MQCFC_INCLUDED

#include "cmqc.h"

#if defined(__cplusplus)
extern "C" {
#endif

/* ------------------------------------------------------------------------------------ */
/* Constants (names and values from mqi-constants.tsv)                                   */

/* MQCFT_*: structure types (the Type field every PCF structure begins with) */
#define MQCFT_COMMAND                            1
#define MQCFT_INTEGER                            3
#define MQCFT_STRING                             4
#define MQCFT_EVENT                              7

/* MQCFH_*: PCF header version and length */
#define MQCFH_STRUC_LENGTH                       36
#define MQCFH_VERSION_1                          1
#define MQCFH_VERSION_2                          2
#define MQCFH_VERSION_3                          3
#define MQCFH_CURRENT_VERSION                    3

/* MQCFC_*: MQCFH.Control, whether more messages of the same group follow */
#define MQCFC_NOT_LAST                           0
#define MQCFC_LAST                               1

/* MQCFIN_*, MQCFST_*: parameter structure lengths */
#define MQCFIN_STRUC_LENGTH                      16
#define MQCFST_STRUC_LENGTH_FIXED                20

/* MQCMD_*: command identifiers (MQCFH.Command) */
#define MQCMD_LOGGER_EVENT                       91

/* MQCACF_*: character parameter identifiers of PCF messages */
#define MQCACF_CURRENT_LOG_EXTENT_NAME           3071
#define MQCACF_RESTART_LOG_EXTENT_NAME           3072
#define MQCACF_MEDIA_LOG_EXTENT_NAME             3073
#define MQCACF_LOG_PATH                          3074
#define MQCACF_ARCHIVE_LOG_EXTENT_NAME           3208

/* ------------------------------------------------------------------------------------ */
/* Structures (x86-64 layouts of mqi-structs.txt and mqi-structs-more.txt)               */

/* MQCFH: the header at the start of every PCF message. */
typedef struct tagMQCFH MQCFH;
typedef MQCFH MQPOINTER PMQCFH;
struct tagMQCFH {
  MQLONG Type;                /* MQCFT_COMMAND, MQCFT_EVENT, MQCFT_RESPONSE, ... */
  MQLONG StrucLength;         /* MQCFH_STRUC_LENGTH */
  MQLONG Version;             /* MQCFH_VERSION_1 for most events */
  MQLONG Command;             /* MQCMD_* */
  MQLONG MsgSeqNumber;        /* 1 for the first message of a group */
  MQLONG Control;             /* MQCFC_LAST or MQCFC_NOT_LAST */
  MQLONG CompCode;            /* MQCC_*: for an event, the condition it reports */
  MQLONG Reason;              /* MQRC_* qualifying CompCode */
  MQLONG ParameterCount;      /* parameter structures that follow */
};

#define MQCFH_DEFAULT MQCFT_COMMAND, MQCFH_STRUC_LENGTH, MQCFH_VERSION_1, 0, 1, MQCFC_LAST, \
  MQCC_OK, MQRC_NONE, 0

/* MQCFIN: an integer parameter. */
typedef struct tagMQCFIN MQCFIN;
typedef MQCFIN MQPOINTER PMQCFIN;
struct tagMQCFIN {
  MQLONG Type;                /* MQCFT_INTEGER */
  MQLONG StrucLength;         /* MQCFIN_STRUC_LENGTH */
  MQLONG Parameter;           /* MQIA_*, MQIACF_*, ... */
  MQLONG Value;
};

#define MQCFIN_DEFAULT MQCFT_INTEGER, MQCFIN_STRUC_LENGTH, 0, 0

/* MQCFST: a string parameter. String is where StringLength characters begin; C's sizeof
 * (24) counts one of them and padding, the fixed part is MQCFST_STRUC_LENGTH_FIXED (20).
 * StrucLength is 20 + StringLength rounded up to a multiple of 4. */
typedef struct tagMQCFST MQCFST;
typedef MQCFST MQPOINTER PMQCFST;
struct tagMQCFST {
  MQLONG Type;                /* MQCFT_STRING */
  MQLONG StrucLength;
  MQLONG Parameter;           /* MQCA_*, MQCACF_*, ... */
  MQLONG CodedCharSetId;      /* of String; MQCCSI_DEFAULT: the queue manager's */
  MQLONG StringLength;        /* bytes of String */
  MQCHAR String[1];
};

#define MQCFST_DEFAULT MQCFT_STRING, MQCFST_STRUC_LENGTH_FIXED, 0, MQCCSI_DEFAULT, 0, {""}

#if defined(__cplusplus)
}
#endif

#endif /* MQCFC_INCLUDED */
