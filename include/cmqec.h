/*
 * cmqec.h -- the header for channel exits, API exits and installable services of
 * Quire's MQI: one include for all they need, as IBM's cmqec.h is.
 *
 * What it holds: nothing of its own; it includes cmqc.h (the MQI), cmqxc.h (exits and
 * MQCD) and cmqzc.h (installable services), in that order, as IBM's does. The MQIEP_* and
 * MQIEPF_* constants that IBM's cmqec.h defines are in cmqc.h here (generated there from
 * the tsv before this header existed); the MQIEP structure itself is not declared (the
 * reference facts give no layout for it and Quire passes no entry points to exits), only
 * the incomplete type MQIEP and PMQIEP of cmqc.h.
 */
#ifndef MQEC_INCLUDED
#define MQEC_INCLUDED

#include "cmqc.h"
#include "cmqxc.h"
#include "cmqzc.h"

#endif /* MQEC_INCLUDED */
