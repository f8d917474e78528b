/*
 * mqi_structs_exits_check.h -- compile-time checks of the exit and installable-service
 * structures of cmqxc.h, cmqzc.h and cmqec.h that reference/mqi-structs-more.txt does
 * not describe (MQAXP, MQAXC, MQDXP, MQPBC, MQSBC, MQWCR, MQWDR*, MQWQR*, MQWXP*, MQXEPO,
 * MQZED, MQZAC, MQZAD, MQZFP, MQZIC, MQIEP), included by test_mqi_layout.c (C11).
 *
 * Where the numbers come from: the field lists (order and C type) of IBM's documentation
 * page of each structure, named on each block; the offsets and sizes below were computed
 * from those lists with the x86-64 rules of mqi-structs-more.txt (1-byte characters and
 * bytes, 4-byte MQLONG and handles, 8-byte pointers, MQINT64 and MQHMSG, 24-byte MQCHARV
 * aligned to 8), by a script, not by the compiler, so a header that strays from the
 * documented order or types fails here. Each size agrees with the MQ<name>_LENGTH_n
 * constants of the tsv, which are checked against the version boundaries at the end.
 * One exception is noted there: MQZIC version 2 (1108 bytes) is not declared.
 *
 * Uses SIZE and FIELD as mqi_structs_more_check.h defines them (included before it).
 */
#ifndef MQI_STRUCTS_EXITS_CHECK_H
#define MQI_STRUCTS_EXITS_CHECK_H

#include <stddef.h>

#define SIZE(s, n) _Static_assert(sizeof(s) == (n), "sizeof(" #s ") is " #n)
#define FIELD(s, f, off, type)                                                       \
  _Static_assert(offsetof(s, f) == (off), #s "." #f " at " #off);                   \
  _Static_assert(MORE_SAME_TYPE_(&((s *)0)->f, type *), #s "." #f " is " #type)
typedef MQCHAR CHECK_MQCHAR264_[264];
typedef MQCHAR CHECK_MQCHAR20_[20];

/* MQAXP: sizeof 256, 17 fields (IBM doc: "IBM MQ API exit parameter structure (MQAXP)") */
SIZE(MQAXP, 256);
FIELD(MQAXP, StrucId, 0, MQCHAR4);
FIELD(MQAXP, Version, 4, MQLONG);
FIELD(MQAXP, ExitId, 8, MQLONG);
FIELD(MQAXP, ExitReason, 12, MQLONG);
FIELD(MQAXP, ExitResponse, 16, MQLONG);
FIELD(MQAXP, ExitResponse2, 20, MQLONG);
FIELD(MQAXP, Feedback, 24, MQLONG);
FIELD(MQAXP, APICallerType, 28, MQLONG);
FIELD(MQAXP, ExitUserArea, 32, MQBYTE16);
FIELD(MQAXP, ExitData, 48, MQCHAR32);
FIELD(MQAXP, ExitInfoName, 80, MQCHAR48);
FIELD(MQAXP, ExitPDArea, 128, MQBYTE48);
FIELD(MQAXP, QMgrName, 176, MQCHAR48);
FIELD(MQAXP, ExitChainAreaPtr, 224, PMQACH);
FIELD(MQAXP, Hconfig, 232, MQHCONFIG);
FIELD(MQAXP, Function, 240, MQLONG);
FIELD(MQAXP, ExitMsgHandle, 248, MQHMSG);

/* MQAXC: sizeof 424, 17 fields (IBM doc: "IBM MQ API exit context structure (MQAXC)") */
SIZE(MQAXC, 424);
FIELD(MQAXC, StrucId, 0, MQCHAR4);
FIELD(MQAXC, Version, 4, MQLONG);
FIELD(MQAXC, Environment, 8, MQLONG);
FIELD(MQAXC, UserId, 12, MQCHAR12);
FIELD(MQAXC, SecurityId, 24, MQBYTE40);
FIELD(MQAXC, ConnectionName, 64, CHECK_MQCHAR264_);
FIELD(MQAXC, LongMCAUserIdLength, 328, MQLONG);
FIELD(MQAXC, LongRemoteUserIdLength, 332, MQLONG);
FIELD(MQAXC, LongMCAUserIdPtr, 336, MQPTR);
FIELD(MQAXC, LongRemoteUserIdPtr, 344, MQPTR);
FIELD(MQAXC, ApplName, 352, MQCHAR28);
FIELD(MQAXC, ApplType, 380, MQLONG);
FIELD(MQAXC, ProcessId, 384, MQPID);
FIELD(MQAXC, ThreadId, 388, MQTID);
FIELD(MQAXC, ChannelName, 392, CHECK_MQCHAR20_);
FIELD(MQAXC, Reserved1, 412, MQBYTE4);
FIELD(MQAXC, pChannelDefinition, 416, PMQCD);

/* MQDXP: sizeof 56, 12 fields (IBM doc: "MQDXP - Data-conversion exit parameter") */
SIZE(MQDXP, 56);
FIELD(MQDXP, StrucId, 0, MQCHAR4);
FIELD(MQDXP, Version, 4, MQLONG);
FIELD(MQDXP, ExitOptions, 8, MQLONG);
FIELD(MQDXP, AppOptions, 12, MQLONG);
FIELD(MQDXP, Encoding, 16, MQLONG);
FIELD(MQDXP, CodedCharSetId, 20, MQLONG);
FIELD(MQDXP, DataLength, 24, MQLONG);
FIELD(MQDXP, CompCode, 28, MQLONG);
FIELD(MQDXP, Reason, 32, MQLONG);
FIELD(MQDXP, ExitResponse, 36, MQLONG);
FIELD(MQDXP, Hconn, 40, MQHCONN);
FIELD(MQDXP, pEntryPoints, 48, PMQIEP);

/* MQPBC: sizeof 40, 4 fields (IBM doc: "MQPBC - Publication context structure") */
SIZE(MQPBC, 40);
FIELD(MQPBC, StrucId, 0, MQCHAR4);
FIELD(MQPBC, Version, 4, MQLONG);
FIELD(MQPBC, PubTopicString, 8, MQCHARV);
FIELD(MQPBC, MsgDescPtr, 32, PMQMD);

/* MQSBC: sizeof 288, 14 fields (IBM doc: "MQSBC - Subscription context structure") */
SIZE(MQSBC, 288);
FIELD(MQSBC, StrucId, 0, MQCHAR4);
FIELD(MQSBC, Version, 4, MQLONG);
FIELD(MQSBC, DestinationQMgrName, 8, MQCHAR48);
FIELD(MQSBC, DestinationQName, 56, MQCHAR48);
FIELD(MQSBC, SubType, 104, MQLONG);
FIELD(MQSBC, SubOptions, 108, MQLONG);
FIELD(MQSBC, ObjectName, 112, MQCHAR48);
FIELD(MQSBC, ObjectString, 160, MQCHARV);
FIELD(MQSBC, SubTopicString, 184, MQCHARV);
FIELD(MQSBC, SubName, 208, MQCHARV);
FIELD(MQSBC, SubId, 232, MQBYTE24);
FIELD(MQSBC, SelectionString, 256, MQCHARV);
FIELD(MQSBC, SubLevel, 280, MQLONG);
FIELD(MQSBC, PSProperties, 284, MQLONG);

/* MQWCR: sizeof 56, 3 fields (IBM doc: "MQWCR - Cluster workload exit cluster record") */
SIZE(MQWCR, 56);
FIELD(MQWCR, ClusterName, 0, MQCHAR48);
FIELD(MQWCR, ClusterRecOffset, 48, MQLONG);
FIELD(MQWCR, ClusterFlags, 52, MQLONG);

/* MQWDR: sizeof 136, 11 fields (IBM doc: "MQWDR - Cluster workload destination-record structure") */
SIZE(MQWDR, 136);
FIELD(MQWDR, StrucId, 0, MQCHAR4);
FIELD(MQWDR, Version, 4, MQLONG);
FIELD(MQWDR, StrucLength, 8, MQLONG);
FIELD(MQWDR, QMgrFlags, 12, MQLONG);
FIELD(MQWDR, QMgrIdentifier, 16, MQCHAR48);
FIELD(MQWDR, QMgrName, 64, MQCHAR48);
FIELD(MQWDR, ClusterRecOffset, 112, MQLONG);
FIELD(MQWDR, ChannelState, 116, MQLONG);
FIELD(MQWDR, ChannelDefOffset, 120, MQLONG);
FIELD(MQWDR, DestSeqNumber, 124, MQLONG);
FIELD(MQWDR, DestSeqFactor, 128, MQINT64);

/* MQWDR1: sizeof 124, 9 fields (IBM doc: "MQWDR - Cluster workload destination-record structure") */
SIZE(MQWDR1, 124);
FIELD(MQWDR1, StrucId, 0, MQCHAR4);
FIELD(MQWDR1, Version, 4, MQLONG);
FIELD(MQWDR1, StrucLength, 8, MQLONG);
FIELD(MQWDR1, QMgrFlags, 12, MQLONG);
FIELD(MQWDR1, QMgrIdentifier, 16, MQCHAR48);
FIELD(MQWDR1, QMgrName, 64, MQCHAR48);
FIELD(MQWDR1, ClusterRecOffset, 112, MQLONG);
FIELD(MQWDR1, ChannelState, 116, MQLONG);
FIELD(MQWDR1, ChannelDefOffset, 120, MQLONG);

/* MQWDR2: sizeof 136, 11 fields (IBM doc: "MQWDR - Cluster workload destination-record structure") */
SIZE(MQWDR2, 136);
FIELD(MQWDR2, StrucId, 0, MQCHAR4);
FIELD(MQWDR2, Version, 4, MQLONG);
FIELD(MQWDR2, StrucLength, 8, MQLONG);
FIELD(MQWDR2, QMgrFlags, 12, MQLONG);
FIELD(MQWDR2, QMgrIdentifier, 16, MQCHAR48);
FIELD(MQWDR2, QMgrName, 64, MQCHAR48);
FIELD(MQWDR2, ClusterRecOffset, 112, MQLONG);
FIELD(MQWDR2, ChannelState, 116, MQLONG);
FIELD(MQWDR2, ChannelDefOffset, 120, MQLONG);
FIELD(MQWDR2, DestSeqNumber, 124, MQLONG);
FIELD(MQWDR2, DestSeqFactor, 128, MQINT64);

/* MQWQR: sizeof 216, 17 fields (IBM doc: "MQWQR - Cluster workload queue-record structure") */
SIZE(MQWQR, 216);
FIELD(MQWQR, StrucId, 0, MQCHAR4);
FIELD(MQWQR, Version, 4, MQLONG);
FIELD(MQWQR, StrucLength, 8, MQLONG);
FIELD(MQWQR, QFlags, 12, MQLONG);
FIELD(MQWQR, QName, 16, MQCHAR48);
FIELD(MQWQR, QMgrIdentifier, 64, MQCHAR48);
FIELD(MQWQR, ClusterRecOffset, 112, MQLONG);
FIELD(MQWQR, QType, 116, MQLONG);
FIELD(MQWQR, QDesc, 120, MQCHAR64);
FIELD(MQWQR, DefBind, 184, MQLONG);
FIELD(MQWQR, DefPersistence, 188, MQLONG);
FIELD(MQWQR, DefPriority, 192, MQLONG);
FIELD(MQWQR, InhibitPut, 196, MQLONG);
FIELD(MQWQR, CLWLQueuePriority, 200, MQLONG);
FIELD(MQWQR, CLWLQueueRank, 204, MQLONG);
FIELD(MQWQR, DefPutResponse, 208, MQLONG);
FIELD(MQWQR, CapExpiry, 212, MQLONG);

/* MQWQR1: sizeof 200, 13 fields (IBM doc: "MQWQR - Cluster workload queue-record structure") */
SIZE(MQWQR1, 200);
FIELD(MQWQR1, StrucId, 0, MQCHAR4);
FIELD(MQWQR1, Version, 4, MQLONG);
FIELD(MQWQR1, StrucLength, 8, MQLONG);
FIELD(MQWQR1, QFlags, 12, MQLONG);
FIELD(MQWQR1, QName, 16, MQCHAR48);
FIELD(MQWQR1, QMgrIdentifier, 64, MQCHAR48);
FIELD(MQWQR1, ClusterRecOffset, 112, MQLONG);
FIELD(MQWQR1, QType, 116, MQLONG);
FIELD(MQWQR1, QDesc, 120, MQCHAR64);
FIELD(MQWQR1, DefBind, 184, MQLONG);
FIELD(MQWQR1, DefPersistence, 188, MQLONG);
FIELD(MQWQR1, DefPriority, 192, MQLONG);
FIELD(MQWQR1, InhibitPut, 196, MQLONG);

/* MQWQR2: sizeof 208, 15 fields (IBM doc: "MQWQR - Cluster workload queue-record structure") */
SIZE(MQWQR2, 208);
FIELD(MQWQR2, StrucId, 0, MQCHAR4);
FIELD(MQWQR2, Version, 4, MQLONG);
FIELD(MQWQR2, StrucLength, 8, MQLONG);
FIELD(MQWQR2, QFlags, 12, MQLONG);
FIELD(MQWQR2, QName, 16, MQCHAR48);
FIELD(MQWQR2, QMgrIdentifier, 64, MQCHAR48);
FIELD(MQWQR2, ClusterRecOffset, 112, MQLONG);
FIELD(MQWQR2, QType, 116, MQLONG);
FIELD(MQWQR2, QDesc, 120, MQCHAR64);
FIELD(MQWQR2, DefBind, 184, MQLONG);
FIELD(MQWQR2, DefPersistence, 188, MQLONG);
FIELD(MQWQR2, DefPriority, 192, MQLONG);
FIELD(MQWQR2, InhibitPut, 196, MQLONG);
FIELD(MQWQR2, CLWLQueuePriority, 200, MQLONG);
FIELD(MQWQR2, CLWLQueueRank, 204, MQLONG);

/* MQWQR3: sizeof 212, 16 fields (IBM doc: "MQWQR - Cluster workload queue-record structure") */
SIZE(MQWQR3, 212);
FIELD(MQWQR3, StrucId, 0, MQCHAR4);
FIELD(MQWQR3, Version, 4, MQLONG);
FIELD(MQWQR3, StrucLength, 8, MQLONG);
FIELD(MQWQR3, QFlags, 12, MQLONG);
FIELD(MQWQR3, QName, 16, MQCHAR48);
FIELD(MQWQR3, QMgrIdentifier, 64, MQCHAR48);
FIELD(MQWQR3, ClusterRecOffset, 112, MQLONG);
FIELD(MQWQR3, QType, 116, MQLONG);
FIELD(MQWQR3, QDesc, 120, MQCHAR64);
FIELD(MQWQR3, DefBind, 184, MQLONG);
FIELD(MQWQR3, DefPersistence, 188, MQLONG);
FIELD(MQWQR3, DefPriority, 192, MQLONG);
FIELD(MQWQR3, InhibitPut, 196, MQLONG);
FIELD(MQWQR3, CLWLQueuePriority, 200, MQLONG);
FIELD(MQWQR3, CLWLQueueRank, 204, MQLONG);
FIELD(MQWQR3, DefPutResponse, 208, MQLONG);

/* MQWQR4: sizeof 216, 17 fields (IBM doc: "MQWQR - Cluster workload queue-record structure") */
SIZE(MQWQR4, 216);
FIELD(MQWQR4, StrucId, 0, MQCHAR4);
FIELD(MQWQR4, Version, 4, MQLONG);
FIELD(MQWQR4, StrucLength, 8, MQLONG);
FIELD(MQWQR4, QFlags, 12, MQLONG);
FIELD(MQWQR4, QName, 16, MQCHAR48);
FIELD(MQWQR4, QMgrIdentifier, 64, MQCHAR48);
FIELD(MQWQR4, ClusterRecOffset, 112, MQLONG);
FIELD(MQWQR4, QType, 116, MQLONG);
FIELD(MQWQR4, QDesc, 120, MQCHAR64);
FIELD(MQWQR4, DefBind, 184, MQLONG);
FIELD(MQWQR4, DefPersistence, 188, MQLONG);
FIELD(MQWQR4, DefPriority, 192, MQLONG);
FIELD(MQWQR4, InhibitPut, 196, MQLONG);
FIELD(MQWQR4, CLWLQueuePriority, 200, MQLONG);
FIELD(MQWQR4, CLWLQueueRank, 204, MQLONG);
FIELD(MQWQR4, DefPutResponse, 208, MQLONG);
FIELD(MQWQR4, CapExpiry, 212, MQLONG);

/* MQWXP: sizeof 248, 24 fields (IBM doc: "MQWXP - Cluster workload exit parameter structure") */
SIZE(MQWXP, 248);
FIELD(MQWXP, StrucId, 0, MQCHAR4);
FIELD(MQWXP, Version, 4, MQLONG);
FIELD(MQWXP, ExitId, 8, MQLONG);
FIELD(MQWXP, ExitReason, 12, MQLONG);
FIELD(MQWXP, ExitResponse, 16, MQLONG);
FIELD(MQWXP, ExitResponse2, 20, MQLONG);
FIELD(MQWXP, Feedback, 24, MQLONG);
FIELD(MQWXP, Flags, 28, MQLONG);
FIELD(MQWXP, ExitUserArea, 32, MQBYTE16);
FIELD(MQWXP, ExitData, 48, MQCHAR32);
FIELD(MQWXP, MsgDescPtr, 80, PMQMD);
FIELD(MQWXP, MsgBufferPtr, 88, PMQVOID);
FIELD(MQWXP, MsgBufferLength, 96, MQLONG);
FIELD(MQWXP, MsgLength, 100, MQLONG);
FIELD(MQWXP, QName, 104, MQCHAR48);
FIELD(MQWXP, QMgrName, 152, MQCHAR48);
FIELD(MQWXP, DestinationCount, 200, MQLONG);
FIELD(MQWXP, DestinationChosen, 204, MQLONG);
FIELD(MQWXP, DestinationArrayPtr, 208, PPMQWDR);
FIELD(MQWXP, QArrayPtr, 216, PPMQWQR);
FIELD(MQWXP, CacheContext, 224, MQPTR);
FIELD(MQWXP, CacheType, 232, MQLONG);
FIELD(MQWXP, CLWLMRUChannels, 236, MQLONG);
FIELD(MQWXP, pEntryPoints, 240, PMQIEP);

/* MQWXP1: sizeof 224, 20 fields (IBM doc: "MQWXP - Cluster workload exit parameter structure") */
SIZE(MQWXP1, 224);
FIELD(MQWXP1, StrucId, 0, MQCHAR4);
FIELD(MQWXP1, Version, 4, MQLONG);
FIELD(MQWXP1, ExitId, 8, MQLONG);
FIELD(MQWXP1, ExitReason, 12, MQLONG);
FIELD(MQWXP1, ExitResponse, 16, MQLONG);
FIELD(MQWXP1, ExitResponse2, 20, MQLONG);
FIELD(MQWXP1, Feedback, 24, MQLONG);
FIELD(MQWXP1, Flags, 28, MQLONG);
FIELD(MQWXP1, ExitUserArea, 32, MQBYTE16);
FIELD(MQWXP1, ExitData, 48, MQCHAR32);
FIELD(MQWXP1, MsgDescPtr, 80, PMQMD);
FIELD(MQWXP1, MsgBufferPtr, 88, PMQVOID);
FIELD(MQWXP1, MsgBufferLength, 96, MQLONG);
FIELD(MQWXP1, MsgLength, 100, MQLONG);
FIELD(MQWXP1, QName, 104, MQCHAR48);
FIELD(MQWXP1, QMgrName, 152, MQCHAR48);
FIELD(MQWXP1, DestinationCount, 200, MQLONG);
FIELD(MQWXP1, DestinationChosen, 204, MQLONG);
FIELD(MQWXP1, DestinationArrayPtr, 208, PPMQWDR);
FIELD(MQWXP1, QArrayPtr, 216, PPMQWQR);

/* MQWXP2: sizeof 240, 22 fields (IBM doc: "MQWXP - Cluster workload exit parameter structure") */
SIZE(MQWXP2, 240);
FIELD(MQWXP2, StrucId, 0, MQCHAR4);
FIELD(MQWXP2, Version, 4, MQLONG);
FIELD(MQWXP2, ExitId, 8, MQLONG);
FIELD(MQWXP2, ExitReason, 12, MQLONG);
FIELD(MQWXP2, ExitResponse, 16, MQLONG);
FIELD(MQWXP2, ExitResponse2, 20, MQLONG);
FIELD(MQWXP2, Feedback, 24, MQLONG);
FIELD(MQWXP2, Flags, 28, MQLONG);
FIELD(MQWXP2, ExitUserArea, 32, MQBYTE16);
FIELD(MQWXP2, ExitData, 48, MQCHAR32);
FIELD(MQWXP2, MsgDescPtr, 80, PMQMD);
FIELD(MQWXP2, MsgBufferPtr, 88, PMQVOID);
FIELD(MQWXP2, MsgBufferLength, 96, MQLONG);
FIELD(MQWXP2, MsgLength, 100, MQLONG);
FIELD(MQWXP2, QName, 104, MQCHAR48);
FIELD(MQWXP2, QMgrName, 152, MQCHAR48);
FIELD(MQWXP2, DestinationCount, 200, MQLONG);
FIELD(MQWXP2, DestinationChosen, 204, MQLONG);
FIELD(MQWXP2, DestinationArrayPtr, 208, PPMQWDR);
FIELD(MQWXP2, QArrayPtr, 216, PPMQWQR);
FIELD(MQWXP2, CacheContext, 224, MQPTR);
FIELD(MQWXP2, CacheType, 232, MQLONG);

/* MQWXP3: sizeof 240, 23 fields (IBM doc: "MQWXP - Cluster workload exit parameter structure") */
SIZE(MQWXP3, 240);
FIELD(MQWXP3, StrucId, 0, MQCHAR4);
FIELD(MQWXP3, Version, 4, MQLONG);
FIELD(MQWXP3, ExitId, 8, MQLONG);
FIELD(MQWXP3, ExitReason, 12, MQLONG);
FIELD(MQWXP3, ExitResponse, 16, MQLONG);
FIELD(MQWXP3, ExitResponse2, 20, MQLONG);
FIELD(MQWXP3, Feedback, 24, MQLONG);
FIELD(MQWXP3, Flags, 28, MQLONG);
FIELD(MQWXP3, ExitUserArea, 32, MQBYTE16);
FIELD(MQWXP3, ExitData, 48, MQCHAR32);
FIELD(MQWXP3, MsgDescPtr, 80, PMQMD);
FIELD(MQWXP3, MsgBufferPtr, 88, PMQVOID);
FIELD(MQWXP3, MsgBufferLength, 96, MQLONG);
FIELD(MQWXP3, MsgLength, 100, MQLONG);
FIELD(MQWXP3, QName, 104, MQCHAR48);
FIELD(MQWXP3, QMgrName, 152, MQCHAR48);
FIELD(MQWXP3, DestinationCount, 200, MQLONG);
FIELD(MQWXP3, DestinationChosen, 204, MQLONG);
FIELD(MQWXP3, DestinationArrayPtr, 208, PPMQWDR);
FIELD(MQWXP3, QArrayPtr, 216, PPMQWQR);
FIELD(MQWXP3, CacheContext, 224, MQPTR);
FIELD(MQWXP3, CacheType, 232, MQLONG);
FIELD(MQWXP3, CLWLMRUChannels, 236, MQLONG);

/* MQWXP4: sizeof 248, 24 fields (IBM doc: "MQWXP - Cluster workload exit parameter structure") */
SIZE(MQWXP4, 248);
FIELD(MQWXP4, StrucId, 0, MQCHAR4);
FIELD(MQWXP4, Version, 4, MQLONG);
FIELD(MQWXP4, ExitId, 8, MQLONG);
FIELD(MQWXP4, ExitReason, 12, MQLONG);
FIELD(MQWXP4, ExitResponse, 16, MQLONG);
FIELD(MQWXP4, ExitResponse2, 20, MQLONG);
FIELD(MQWXP4, Feedback, 24, MQLONG);
FIELD(MQWXP4, Flags, 28, MQLONG);
FIELD(MQWXP4, ExitUserArea, 32, MQBYTE16);
FIELD(MQWXP4, ExitData, 48, MQCHAR32);
FIELD(MQWXP4, MsgDescPtr, 80, PMQMD);
FIELD(MQWXP4, MsgBufferPtr, 88, PMQVOID);
FIELD(MQWXP4, MsgBufferLength, 96, MQLONG);
FIELD(MQWXP4, MsgLength, 100, MQLONG);
FIELD(MQWXP4, QName, 104, MQCHAR48);
FIELD(MQWXP4, QMgrName, 152, MQCHAR48);
FIELD(MQWXP4, DestinationCount, 200, MQLONG);
FIELD(MQWXP4, DestinationChosen, 204, MQLONG);
FIELD(MQWXP4, DestinationArrayPtr, 208, PPMQWDR);
FIELD(MQWXP4, QArrayPtr, 216, PPMQWQR);
FIELD(MQWXP4, CacheContext, 224, MQPTR);
FIELD(MQWXP4, CacheType, 232, MQLONG);
FIELD(MQWXP4, CLWLMRUChannels, 236, MQLONG);
FIELD(MQWXP4, pEntryPoints, 240, PMQIEP);

/* MQXEPO: sizeof 40, 4 fields (IBM doc: "MQXEPO - Register entry point options structure") */
SIZE(MQXEPO, 40);
FIELD(MQXEPO, StrucId, 0, MQCHAR4);
FIELD(MQXEPO, Version, 4, MQLONG);
FIELD(MQXEPO, Options, 8, MQLONG);
FIELD(MQXEPO, ExitProperties, 16, MQCHARV);

/* MQZED: sizeof 72, 6 fields (IBM doc: "MQZED - Entity descriptor") */
SIZE(MQZED, 72);
FIELD(MQZED, StrucId, 0, MQCHAR4);
FIELD(MQZED, Version, 4, MQLONG);
FIELD(MQZED, EntityNamePtr, 8, PMQCHAR);
FIELD(MQZED, EntityDomainPtr, 16, PMQCHAR);
FIELD(MQZED, SecurityId, 24, MQBYTE40);
FIELD(MQZED, CorrelationPtr, 64, MQPTR);

/* MQZAC: sizeof 84, 11 fields (IBM doc: "MQZAC - Application context") */
SIZE(MQZAC, 84);
FIELD(MQZAC, StrucId, 0, MQCHAR4);
FIELD(MQZAC, Version, 4, MQLONG);
FIELD(MQZAC, ProcessId, 8, MQPID);
FIELD(MQZAC, ThreadId, 12, MQTID);
FIELD(MQZAC, ApplName, 16, MQCHAR28);
FIELD(MQZAC, UserID, 44, MQCHAR12);
FIELD(MQZAC, EffectiveUserID, 56, MQCHAR12);
FIELD(MQZAC, Environment, 68, MQLONG);
FIELD(MQZAC, CallerType, 72, MQLONG);
FIELD(MQZAC, AuthenticationType, 76, MQLONG);
FIELD(MQZAC, BindType, 80, MQLONG);

/* MQZAD: sizeof 80, 8 fields (IBM doc: "MQZAD - Authority data") */
SIZE(MQZAD, 80);
FIELD(MQZAD, StrucId, 0, MQCHAR4);
FIELD(MQZAD, Version, 4, MQLONG);
FIELD(MQZAD, ProfileName, 8, MQCHAR48);
FIELD(MQZAD, ObjectType, 56, MQLONG);
FIELD(MQZAD, Authority, 60, MQLONG);
FIELD(MQZAD, EntityDataPtr, 64, PMQZED);
FIELD(MQZAD, EntityType, 72, MQLONG);
FIELD(MQZAD, Options, 76, MQLONG);

/* MQZFP: sizeof 24, 4 fields (IBM doc: "MQZFP - Free parameters") */
SIZE(MQZFP, 24);
FIELD(MQZFP, StrucId, 0, MQCHAR4);
FIELD(MQZFP, Version, 4, MQLONG);
FIELD(MQZFP, Reserved, 8, MQBYTE8);
FIELD(MQZFP, CorrelationPtr, 16, MQPTR);

/* MQZIC: sizeof 84, 5 fields (IBM doc: "MQZIC - Identity context") */
SIZE(MQZIC, 84);
FIELD(MQZIC, StrucId, 0, MQCHAR4);
FIELD(MQZIC, Version, 4, MQLONG);
FIELD(MQZIC, UserIdentifier, 8, MQCHAR12);
FIELD(MQZIC, AccountingToken, 20, MQBYTE32);
FIELD(MQZIC, ApplIdentityData, 52, MQCHAR32);

/* MQIEP: sizeof 264, 35 fields (IBM doc: "MQIEP - Interface entry points (cmqec.h)") */
SIZE(MQIEP, 264);
FIELD(MQIEP, StrucId, 0, MQCHAR4);
FIELD(MQIEP, Version, 4, MQLONG);
FIELD(MQIEP, StrucLength, 8, MQLONG);
FIELD(MQIEP, Flags, 12, MQLONG);
FIELD(MQIEP, Reserved, 16, MQPTR);
FIELD(MQIEP, MQBACK_Call, 24, PMQ_BACK_CALL);
FIELD(MQIEP, MQBEGIN_Call, 32, PMQ_BEGIN_CALL);
FIELD(MQIEP, MQBUFMH_Call, 40, PMQ_BUFMH_CALL);
FIELD(MQIEP, MQCB_Call, 48, PMQ_CB_CALL);
FIELD(MQIEP, MQCLOSE_Call, 56, PMQ_CLOSE_CALL);
FIELD(MQIEP, MQCMIT_Call, 64, PMQ_CMIT_CALL);
FIELD(MQIEP, MQCONN_Call, 72, PMQ_CONN_CALL);
FIELD(MQIEP, MQCONNX_Call, 80, PMQ_CONNX_CALL);
FIELD(MQIEP, MQCRTMH_Call, 88, PMQ_CRTMH_CALL);
FIELD(MQIEP, MQCTL_Call, 96, PMQ_CTL_CALL);
FIELD(MQIEP, MQDISC_Call, 104, PMQ_DISC_CALL);
FIELD(MQIEP, MQDLTMH_Call, 112, PMQ_DLTMH_CALL);
FIELD(MQIEP, MQDLTMP_Call, 120, PMQ_DLTMP_CALL);
FIELD(MQIEP, MQGET_Call, 128, PMQ_GET_CALL);
FIELD(MQIEP, MQINQ_Call, 136, PMQ_INQ_CALL);
FIELD(MQIEP, MQINQMP_Call, 144, PMQ_INQMP_CALL);
FIELD(MQIEP, MQMHBUF_Call, 152, PMQ_MHBUF_CALL);
FIELD(MQIEP, MQOPEN_Call, 160, PMQ_OPEN_CALL);
FIELD(MQIEP, MQPUT_Call, 168, PMQ_PUT_CALL);
FIELD(MQIEP, MQPUT1_Call, 176, PMQ_PUT1_CALL);
FIELD(MQIEP, MQSET_Call, 184, PMQ_SET_CALL);
FIELD(MQIEP, MQSETMP_Call, 192, PMQ_SETMP_CALL);
FIELD(MQIEP, MQSTAT_Call, 200, PMQ_STAT_CALL);
FIELD(MQIEP, MQSUB_Call, 208, PMQ_SUB_CALL);
FIELD(MQIEP, MQSUBRQ_Call, 216, PMQ_SUBRQ_CALL);
FIELD(MQIEP, MQXCLWLN_Call, 224, PMQ_XCLWLN_CALL);
FIELD(MQIEP, MQXCNVC_Call, 232, PMQ_XCNVC_CALL);
FIELD(MQIEP, MQXDX_Call, 240, PMQ_XDX_CALL);
FIELD(MQIEP, MQXEP_Call, 248, PMQ_XEP_CALL);
FIELD(MQIEP, MQZEP_Call, 256, PMQ_ZEP_CALL);
/* The version boundaries: each MQ<name>_LENGTH_n is where version n+1 begins. */
_Static_assert(MQAXP_LENGTH_1 == sizeof(MQAXP) && MQAXP_CURRENT_LENGTH == sizeof(MQAXP) &&
               offsetof(MQAXP, ExitMsgHandle) == 248, "MQAXP (v2 padded into length 1)");
_Static_assert(MQAXC_LENGTH_1 == offsetof(MQAXC, ChannelName), "MQAXC v1");
_Static_assert(MQAXC_LENGTH_2 == sizeof(MQAXC) && MQAXC_CURRENT_LENGTH == sizeof(MQAXC), "MQAXC");
_Static_assert(MQDXP_LENGTH_1 == offsetof(MQDXP, Hconn) + 4, "MQDXP v1");
_Static_assert(MQDXP_LENGTH_2 == sizeof(MQDXP) && MQDXP_CURRENT_LENGTH == sizeof(MQDXP), "MQDXP");
_Static_assert(MQPBC_LENGTH_1 == offsetof(MQPBC, MsgDescPtr), "MQPBC v1");
_Static_assert(MQPBC_LENGTH_2 == sizeof(MQPBC) && MQPBC_CURRENT_LENGTH == sizeof(MQPBC), "MQPBC");
_Static_assert(MQSBC_LENGTH_1 == sizeof(MQSBC) && MQSBC_CURRENT_LENGTH == sizeof(MQSBC), "MQSBC");
_Static_assert(MQWDR_LENGTH_1 == sizeof(MQWDR1) && MQWDR1_LENGTH_1 == sizeof(MQWDR1) &&
               MQWDR_LENGTH_1 == offsetof(MQWDR, DestSeqNumber), "MQWDR v1");
_Static_assert(MQWDR_LENGTH_2 == sizeof(MQWDR) && MQWDR2_LENGTH_2 == sizeof(MQWDR2) &&
               MQWDR_CURRENT_LENGTH == sizeof(MQWDR), "MQWDR");
_Static_assert(MQWQR_LENGTH_1 == sizeof(MQWQR1) && MQWQR_LENGTH_2 == sizeof(MQWQR2) &&
               MQWQR_LENGTH_3 == sizeof(MQWQR3) && MQWQR_LENGTH_4 == sizeof(MQWQR4) &&
               MQWQR_CURRENT_LENGTH == sizeof(MQWQR), "MQWQR versions");
_Static_assert(MQWQR_LENGTH_1 == offsetof(MQWQR, CLWLQueuePriority) &&
               MQWQR_LENGTH_2 == offsetof(MQWQR, DefPutResponse) &&
               MQWQR_LENGTH_3 == offsetof(MQWQR, CapExpiry), "MQWQR boundaries");
_Static_assert(MQWXP_LENGTH_1 == sizeof(MQWXP1) && MQWXP_LENGTH_2 == sizeof(MQWXP2) &&
               MQWXP_LENGTH_3 == sizeof(MQWXP3) && MQWXP_LENGTH_4 == sizeof(MQWXP4) &&
               MQWXP_CURRENT_LENGTH == sizeof(MQWXP), "MQWXP versions");
_Static_assert(MQWXP_LENGTH_1 == offsetof(MQWXP, CacheContext) &&
               MQWXP_LENGTH_3 == offsetof(MQWXP, pEntryPoints), "MQWXP boundaries");
_Static_assert(MQXEPO_LENGTH_1 == sizeof(MQXEPO) && MQXEPO_CURRENT_LENGTH == sizeof(MQXEPO),
               "MQXEPO");
_Static_assert(MQZED_LENGTH_1 == offsetof(MQZED, CorrelationPtr), "MQZED v1");
_Static_assert(MQZED_LENGTH_2 == sizeof(MQZED) && MQZED_CURRENT_LENGTH == sizeof(MQZED), "MQZED");
_Static_assert(MQZAC_LENGTH_1 == sizeof(MQZAC) && MQZAC_CURRENT_LENGTH == sizeof(MQZAC), "MQZAC");
_Static_assert(MQZAD_LENGTH_1 == sizeof(MQZAD) && MQZAD_LENGTH_2 == sizeof(MQZAD), "MQZAD");
_Static_assert(MQZFP_LENGTH_1 == sizeof(MQZFP) && MQZFP_CURRENT_LENGTH == sizeof(MQZFP), "MQZFP");
_Static_assert(MQZIC_LENGTH_1 == sizeof(MQZIC), "MQZIC v1 (version 2 not declared)");
_Static_assert(MQIEP_LENGTH_1 == sizeof(MQIEP) && MQIEP_CURRENT_LENGTH == sizeof(MQIEP), "MQIEP");

/* The function types, against the parameter lists of IBM's documentation written with
 * plain types. */
#define FN_IS(t, sig) _Static_assert(MORE_SAME_TYPE_((t *)0, sig), #t)
FN_IS(MQ_INIT_EXIT, void (*)(MQAXP *, MQAXC *, MQLONG *, MQLONG *));
FN_IS(MQ_GET_EXIT, void (*)(MQAXP *, MQAXC *, MQHCONN *, MQHOBJ *, MQMD **, MQGMO **,
                            MQLONG *, void **, MQLONG **, MQLONG *, MQLONG *));
FN_IS(MQ_CALLBACK_EXIT, void (*)(MQAXP *, MQAXC *, MQHCONN *, MQMD **, MQGMO **, void **,
                                 MQCBC **));
FN_IS(MQ_CONNX_EXIT, void (*)(MQAXP *, MQAXC *, MQCHAR *, MQCNO **, MQHCONN **, MQLONG *,
                              MQLONG *));
FN_IS(MQ_CHANNEL_EXIT, void (*)(void *, void *, MQLONG *, MQLONG *, void *, MQLONG *,
                                MQPTR *));
FN_IS(MQ_DATA_CONV_EXIT, void (*)(MQDXP *, MQMD *, MQLONG, void *, MQLONG, void *));
FN_IS(MQ_PUBLISH_EXIT, void (*)(MQPSXP *, MQPBC *, MQSBC *));
FN_IS(MQ_XEP_CALL, void (*)(MQIEP *, MQLONG, MQLONG, void *, MQXEPO *, MQLONG *, MQLONG *));
FN_IS(MQ_ZEP_CALL, void (*)(MQIEP *, MQLONG, void *, MQLONG *, MQLONG *));
FN_IS(MQZ_INIT_AUTHORITY, void (*)(MQIEP *, MQLONG, MQCHAR *, MQLONG, MQBYTE *, MQLONG *,
                                   MQLONG *, MQLONG *));
FN_IS(MQZ_CHECK_AUTHORITY_2, void (*)(MQCHAR *, MQZED *, MQLONG, MQCHAR *, MQLONG, MQLONG,
                                      MQBYTE *, MQLONG *, MQLONG *, MQLONG *));
FN_IS(MQZ_AUTHENTICATE_USER, void (*)(MQCHAR *, MQCSP *, MQZAC *, MQZIC *, MQPTR *,
                                      MQBYTE *, MQLONG *, MQLONG *, MQLONG *));
FN_IS(MQZ_ENUMERATE_AUTHORITY_DATA, void (*)(MQCHAR *, MQLONG, MQZAD *, MQLONG, MQZAD *,
                                             MQLONG *, MQBYTE *, MQLONG *, MQLONG *,
                                             MQLONG *));
_Static_assert(MORE_SAME_TYPE_(&MQXCNVC, void (*)(MQHCONN, MQLONG, MQLONG, MQLONG, MQCHAR *,
                                                 MQLONG, MQLONG, MQCHAR *, MQLONG *,
                                                 MQLONG *, MQLONG *)), "MQXCNVC");
_Static_assert(MORE_SAME_TYPE_(&mqInquireString,
                               void (*)(MQHBAG, MQLONG, MQLONG, MQLONG, MQCHAR *, MQLONG *,
                                        MQLONG *, MQLONG *, MQLONG *)), "mqInquireString");
_Static_assert(MORE_SAME_TYPE_(&mqBagToBuffer, void (*)(MQHBAG, MQHBAG, MQLONG, void *,
                                                       MQLONG *, MQLONG *, MQLONG *)),
               "mqBagToBuffer");
_Static_assert(MORE_SAME_TYPE_(&mqExecute, void (*)(MQHCONN, MQLONG, MQHBAG, MQHBAG, MQHBAG,
                                                   MQHOBJ, MQHOBJ, MQLONG *, MQLONG *)),
               "mqExecute");

#undef FN_IS
#undef FIELD
#undef SIZE

#endif /* MQI_STRUCTS_EXITS_CHECK_H */
