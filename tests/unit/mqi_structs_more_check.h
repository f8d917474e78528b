/*
 * mqi_structs_more_check.h -- compile-time checks of the structures cmqc.h and cmqxc.h
 * take from reference/mqi-structs-more.txt, included by test_mqi_layout.c (C11).
 *
 * One line per fact of that file: SIZE(struct, sizeof) and FIELD(struct, field, offset,
 * type), the type written as the reference writes it, so that the field's declared type
 * (through &member, which keeps array lengths) must be exactly that one. The list was
 * made from the reference's "struct" and field lines; what follows it checks the
 * MQ<name>_LENGTH_n constants against where each version ends, and the pointer types.
 * MQEPH (in cmqcfc.h) and the PCF parameter structures are not here.
 */
#ifndef MQI_STRUCTS_MORE_CHECK_H
#define MQI_STRUCTS_MORE_CHECK_H

#include <stddef.h>

#define MORE_SAME_TYPE_(expr, type) _Generic((expr), type: 1, default: 0)
#define SIZE(s, n) _Static_assert(sizeof(s) == (n), "sizeof(" #s ") is " #n)
#define FIELD(s, f, off, type)                                                       \
  _Static_assert(offsetof(s, f) == (off), #s "." #f " at " #off);                   \
  _Static_assert(MORE_SAME_TYPE_(&((s *)0)->f, type *), #s "." #f " is " #type)

/* MQCBD: sizeof 168, 8 fields */
SIZE(MQCBD, 168);
FIELD(MQCBD, StrucId, 0, MQCHAR4);
FIELD(MQCBD, Version, 4, MQLONG);
FIELD(MQCBD, CallbackType, 8, MQLONG);
FIELD(MQCBD, Options, 12, MQLONG);
FIELD(MQCBD, CallbackArea, 16, MQPTR);
FIELD(MQCBD, CallbackFunction, 24, MQPTR);
FIELD(MQCBD, CallbackName, 32, MQCHAR128);
FIELD(MQCBD, MaxMsgLength, 160, MQLONG);

/* MQCBC: sizeof 64, 13 fields */
SIZE(MQCBC, 64);
FIELD(MQCBC, StrucId, 0, MQCHAR4);
FIELD(MQCBC, Version, 4, MQLONG);
FIELD(MQCBC, CallType, 8, MQLONG);
FIELD(MQCBC, Hobj, 12, MQHOBJ);
FIELD(MQCBC, CallbackArea, 16, MQPTR);
FIELD(MQCBC, ConnectionArea, 24, MQPTR);
FIELD(MQCBC, CompCode, 32, MQLONG);
FIELD(MQCBC, Reason, 36, MQLONG);
FIELD(MQCBC, State, 40, MQLONG);
FIELD(MQCBC, DataLength, 44, MQLONG);
FIELD(MQCBC, BufferLength, 48, MQLONG);
FIELD(MQCBC, Flags, 52, MQLONG);
FIELD(MQCBC, ReconnectDelay, 56, MQLONG);

/* MQCTLO: sizeof 24, 5 fields */
SIZE(MQCTLO, 24);
FIELD(MQCTLO, StrucId, 0, MQCHAR4);
FIELD(MQCTLO, Version, 4, MQLONG);
FIELD(MQCTLO, Options, 8, MQLONG);
FIELD(MQCTLO, Reserved, 12, MQLONG);
FIELD(MQCTLO, ConnectionArea, 16, MQPTR);

/* MQTM: sizeof 684, 9 fields */
SIZE(MQTM, 684);
FIELD(MQTM, StrucId, 0, MQCHAR4);
FIELD(MQTM, Version, 4, MQLONG);
FIELD(MQTM, QName, 8, MQCHAR48);
FIELD(MQTM, ProcessName, 56, MQCHAR48);
FIELD(MQTM, TriggerData, 104, MQCHAR64);
FIELD(MQTM, ApplType, 168, MQLONG);
FIELD(MQTM, ApplId, 172, MQCHAR256);
FIELD(MQTM, EnvData, 428, MQCHAR128);
FIELD(MQTM, UserData, 556, MQCHAR128);

/* MQTMC2: sizeof 732, 10 fields */
SIZE(MQTMC2, 732);
FIELD(MQTMC2, StrucId, 0, MQCHAR4);
FIELD(MQTMC2, Version, 4, MQCHAR4);
FIELD(MQTMC2, QName, 8, MQCHAR48);
FIELD(MQTMC2, ProcessName, 56, MQCHAR48);
FIELD(MQTMC2, TriggerData, 104, MQCHAR64);
FIELD(MQTMC2, ApplType, 168, MQCHAR4);
FIELD(MQTMC2, ApplId, 172, MQCHAR256);
FIELD(MQTMC2, EnvData, 428, MQCHAR128);
FIELD(MQTMC2, UserData, 556, MQCHAR128);
FIELD(MQTMC2, QMgrName, 684, MQCHAR48);

/* MQDMPO: sizeof 12, 3 fields */
SIZE(MQDMPO, 12);
FIELD(MQDMPO, StrucId, 0, MQCHAR4);
FIELD(MQDMPO, Version, 4, MQLONG);
FIELD(MQDMPO, Options, 8, MQLONG);

/* MQSRO: sizeof 16, 4 fields */
SIZE(MQSRO, 16);
FIELD(MQSRO, StrucId, 0, MQCHAR4);
FIELD(MQSRO, Version, 4, MQLONG);
FIELD(MQSRO, Options, 8, MQLONG);
FIELD(MQSRO, NumPubs, 12, MQLONG);

/* MQAIR: sizeof 584, 9 fields */
SIZE(MQAIR, 584);
FIELD(MQAIR, StrucId, 0, MQCHAR4);
FIELD(MQAIR, Version, 4, MQLONG);
FIELD(MQAIR, AuthInfoType, 8, MQLONG);
FIELD(MQAIR, AuthInfoConnName, 12, MQCHAR264);
FIELD(MQAIR, LDAPUserNamePtr, 280, PMQCHAR);
FIELD(MQAIR, LDAPUserNameOffset, 288, MQLONG);
FIELD(MQAIR, LDAPUserNameLength, 292, MQLONG);
FIELD(MQAIR, LDAPPassword, 296, MQCHAR32);
FIELD(MQAIR, OCSPResponderURL, 328, MQCHAR256);

/* MQOR: sizeof 96, 2 fields */
SIZE(MQOR, 96);
FIELD(MQOR, ObjectName, 0, MQCHAR48);
FIELD(MQOR, ObjectQMgrName, 48, MQCHAR48);

/* MQRR: sizeof 8, 2 fields */
SIZE(MQRR, 8);
FIELD(MQRR, CompCode, 0, MQLONG);
FIELD(MQRR, Reason, 4, MQLONG);

/* MQRMH: sizeof 108, 20 fields */
SIZE(MQRMH, 108);
FIELD(MQRMH, StrucId, 0, MQCHAR4);
FIELD(MQRMH, Version, 4, MQLONG);
FIELD(MQRMH, StrucLength, 8, MQLONG);
FIELD(MQRMH, Encoding, 12, MQLONG);
FIELD(MQRMH, CodedCharSetId, 16, MQLONG);
FIELD(MQRMH, Format, 20, MQCHAR8);
FIELD(MQRMH, Flags, 28, MQLONG);
FIELD(MQRMH, ObjectType, 32, MQCHAR8);
FIELD(MQRMH, ObjectInstanceId, 40, MQBYTE24);
FIELD(MQRMH, SrcEnvLength, 64, MQLONG);
FIELD(MQRMH, SrcEnvOffset, 68, MQLONG);
FIELD(MQRMH, SrcNameLength, 72, MQLONG);
FIELD(MQRMH, SrcNameOffset, 76, MQLONG);
FIELD(MQRMH, DestEnvLength, 80, MQLONG);
FIELD(MQRMH, DestEnvOffset, 84, MQLONG);
FIELD(MQRMH, DestNameLength, 88, MQLONG);
FIELD(MQRMH, DestNameOffset, 92, MQLONG);
FIELD(MQRMH, DataLogicalLength, 96, MQLONG);
FIELD(MQRMH, DataLogicalOffset, 100, MQLONG);
FIELD(MQRMH, DataLogicalOffset2, 104, MQLONG);

/* MQDH: sizeof 48, 11 fields */
SIZE(MQDH, 48);
FIELD(MQDH, StrucId, 0, MQCHAR4);
FIELD(MQDH, Version, 4, MQLONG);
FIELD(MQDH, StrucLength, 8, MQLONG);
FIELD(MQDH, Encoding, 12, MQLONG);
FIELD(MQDH, CodedCharSetId, 16, MQLONG);
FIELD(MQDH, Format, 20, MQCHAR8);
FIELD(MQDH, Flags, 28, MQLONG);
FIELD(MQDH, PutMsgRecFields, 32, MQLONG);
FIELD(MQDH, RecsPresent, 36, MQLONG);
FIELD(MQDH, ObjectRecOffset, 40, MQLONG);
FIELD(MQDH, PutMsgRecOffset, 44, MQLONG);

/* MQIIH: sizeof 84, 16 fields */
SIZE(MQIIH, 84);
FIELD(MQIIH, StrucId, 0, MQCHAR4);
FIELD(MQIIH, Version, 4, MQLONG);
FIELD(MQIIH, StrucLength, 8, MQLONG);
FIELD(MQIIH, Encoding, 12, MQLONG);
FIELD(MQIIH, CodedCharSetId, 16, MQLONG);
FIELD(MQIIH, Format, 20, MQCHAR8);
FIELD(MQIIH, Flags, 28, MQLONG);
FIELD(MQIIH, LTermOverride, 32, MQCHAR8);
FIELD(MQIIH, MFSMapName, 40, MQCHAR8);
FIELD(MQIIH, ReplyToFormat, 48, MQCHAR8);
FIELD(MQIIH, Authenticator, 56, MQCHAR8);
FIELD(MQIIH, TranInstanceId, 64, MQBYTE16);
FIELD(MQIIH, TranState, 80, MQCHAR);
FIELD(MQIIH, CommitMode, 81, MQCHAR);
FIELD(MQIIH, SecurityScope, 82, MQCHAR);
FIELD(MQIIH, Reserved, 83, MQCHAR);

/* MQCIH: sizeof 180, 38 fields */
SIZE(MQCIH, 180);
FIELD(MQCIH, StrucId, 0, MQCHAR4);
FIELD(MQCIH, Version, 4, MQLONG);
FIELD(MQCIH, StrucLength, 8, MQLONG);
FIELD(MQCIH, Encoding, 12, MQLONG);
FIELD(MQCIH, CodedCharSetId, 16, MQLONG);
FIELD(MQCIH, Format, 20, MQCHAR8);
FIELD(MQCIH, Flags, 28, MQLONG);
FIELD(MQCIH, ReturnCode, 32, MQLONG);
FIELD(MQCIH, CompCode, 36, MQLONG);
FIELD(MQCIH, Reason, 40, MQLONG);
FIELD(MQCIH, UOWControl, 44, MQLONG);
FIELD(MQCIH, GetWaitInterval, 48, MQLONG);
FIELD(MQCIH, LinkType, 52, MQLONG);
FIELD(MQCIH, OutputDataLength, 56, MQLONG);
FIELD(MQCIH, FacilityKeepTime, 60, MQLONG);
FIELD(MQCIH, ADSDescriptor, 64, MQLONG);
FIELD(MQCIH, ConversationalTask, 68, MQLONG);
FIELD(MQCIH, TaskEndStatus, 72, MQLONG);
FIELD(MQCIH, Facility, 76, MQBYTE8);
FIELD(MQCIH, Function, 84, MQCHAR4);
FIELD(MQCIH, AbendCode, 88, MQCHAR4);
FIELD(MQCIH, Authenticator, 92, MQCHAR8);
FIELD(MQCIH, Reserved1, 100, MQCHAR8);
FIELD(MQCIH, ReplyToFormat, 108, MQCHAR8);
FIELD(MQCIH, RemoteSysId, 116, MQCHAR4);
FIELD(MQCIH, RemoteTransId, 120, MQCHAR4);
FIELD(MQCIH, TransactionId, 124, MQCHAR4);
FIELD(MQCIH, FacilityLike, 128, MQCHAR4);
FIELD(MQCIH, AttentionId, 132, MQCHAR4);
FIELD(MQCIH, StartCode, 136, MQCHAR4);
FIELD(MQCIH, CancelCode, 140, MQCHAR4);
FIELD(MQCIH, NextTransactionId, 144, MQCHAR4);
FIELD(MQCIH, Reserved2, 148, MQCHAR8);
FIELD(MQCIH, Reserved3, 156, MQCHAR8);
FIELD(MQCIH, CursorPosition, 164, MQLONG);
FIELD(MQCIH, ErrorOffset, 168, MQLONG);
FIELD(MQCIH, InputItem, 172, MQLONG);
FIELD(MQCIH, Reserved4, 176, MQLONG);

/* MQWIH: sizeof 120, 11 fields */
SIZE(MQWIH, 120);
FIELD(MQWIH, StrucId, 0, MQCHAR4);
FIELD(MQWIH, Version, 4, MQLONG);
FIELD(MQWIH, StrucLength, 8, MQLONG);
FIELD(MQWIH, Encoding, 12, MQLONG);
FIELD(MQWIH, CodedCharSetId, 16, MQLONG);
FIELD(MQWIH, Format, 20, MQCHAR8);
FIELD(MQWIH, Flags, 28, MQLONG);
FIELD(MQWIH, ServiceName, 32, MQCHAR32);
FIELD(MQWIH, ServiceStep, 64, MQCHAR8);
FIELD(MQWIH, MsgToken, 72, MQBYTE16);
FIELD(MQWIH, Reserved, 88, MQCHAR32);

/* MQRFH: sizeof 32, 7 fields */
SIZE(MQRFH, 32);
FIELD(MQRFH, StrucId, 0, MQCHAR4);
FIELD(MQRFH, Version, 4, MQLONG);
FIELD(MQRFH, StrucLength, 8, MQLONG);
FIELD(MQRFH, Encoding, 12, MQLONG);
FIELD(MQRFH, CodedCharSetId, 16, MQLONG);
FIELD(MQRFH, Format, 20, MQCHAR8);
FIELD(MQRFH, Flags, 28, MQLONG);

/* MQCXP: sizeof 240, 31 fields */
SIZE(MQCXP, 240);
FIELD(MQCXP, StrucId, 0, MQCHAR4);
FIELD(MQCXP, Version, 4, MQLONG);
FIELD(MQCXP, ExitId, 8, MQLONG);
FIELD(MQCXP, ExitReason, 12, MQLONG);
FIELD(MQCXP, ExitResponse, 16, MQLONG);
FIELD(MQCXP, ExitResponse2, 20, MQLONG);
FIELD(MQCXP, Feedback, 24, MQLONG);
FIELD(MQCXP, MaxSegmentLength, 28, MQLONG);
FIELD(MQCXP, ExitUserArea, 32, MQBYTE16);
FIELD(MQCXP, ExitData, 48, MQCHAR32);
FIELD(MQCXP, MsgRetryCount, 80, MQLONG);
FIELD(MQCXP, MsgRetryInterval, 84, MQLONG);
FIELD(MQCXP, MsgRetryReason, 88, MQLONG);
FIELD(MQCXP, HeaderLength, 92, MQLONG);
FIELD(MQCXP, PartnerName, 96, MQCHAR48);
FIELD(MQCXP, FAPLevel, 144, MQLONG);
FIELD(MQCXP, CapabilityFlags, 148, MQLONG);
FIELD(MQCXP, ExitNumber, 152, MQLONG);
FIELD(MQCXP, ExitSpace, 156, MQLONG);
FIELD(MQCXP, SSLCertUserid, 160, MQCHAR12);
FIELD(MQCXP, SSLRemCertIssNameLength, 172, MQLONG);
FIELD(MQCXP, SSLRemCertIssNamePtr, 176, MQPTR);
FIELD(MQCXP, SecurityParms, 184, PMQCSP);
FIELD(MQCXP, CurHdrCompression, 192, MQLONG);
FIELD(MQCXP, CurMsgCompression, 196, MQLONG);
FIELD(MQCXP, Hconn, 200, MQHCONN);
FIELD(MQCXP, SharingConversations, 204, MQBOOL);
FIELD(MQCXP, MCAUserSource, 208, MQLONG);
FIELD(MQCXP, pEntryPoints, 216, PMQIEP);
FIELD(MQCXP, RemoteProduct, 224, MQCHAR4);
FIELD(MQCXP, RemoteVersion, 228, MQCHAR8);

/* MQACH: sizeof 72, 6 fields */
SIZE(MQACH, 72);
FIELD(MQACH, StrucId, 0, MQCHAR4);
FIELD(MQACH, Version, 4, MQLONG);
FIELD(MQACH, StrucLength, 8, MQLONG);
FIELD(MQACH, ChainAreaLength, 12, MQLONG);
FIELD(MQACH, ExitInfoName, 16, MQCHAR48);
FIELD(MQACH, NextChainAreaPtr, 64, PMQACH);

/* MQNXP: sizeof 72, 14 fields */
SIZE(MQNXP, 72);
FIELD(MQNXP, StrucId, 0, MQCHAR4);
FIELD(MQNXP, Version, 4, MQLONG);
FIELD(MQNXP, ExitId, 8, MQLONG);
FIELD(MQNXP, ExitReason, 12, MQLONG);
FIELD(MQNXP, ExitResponse, 16, MQLONG);
FIELD(MQNXP, ExitResponse2, 20, MQLONG);
FIELD(MQNXP, Feedback, 24, MQLONG);
FIELD(MQNXP, ExitDataLength, 28, MQLONG);
FIELD(MQNXP, pExitDataPtr, 32, PMQCHAR);
FIELD(MQNXP, pExitUserAreaPtr, 40, MQPTR);
FIELD(MQNXP, ppMQCDArrayPtr, 48, PPMQCD);
FIELD(MQNXP, MQCDArrayCount, 56, MQLONG);
FIELD(MQNXP, MaxMQCDVersion, 60, MQLONG);
FIELD(MQNXP, pEntryPoints, 64, PMQIEP);

/* MQPSXP: sizeof 184, 18 fields */
SIZE(MQPSXP, 184);
FIELD(MQPSXP, StrucId, 0, MQCHAR4);
FIELD(MQPSXP, Version, 4, MQLONG);
FIELD(MQPSXP, ExitId, 8, MQLONG);
FIELD(MQPSXP, ExitReason, 12, MQLONG);
FIELD(MQPSXP, ExitResponse, 16, MQLONG);
FIELD(MQPSXP, ExitResponse2, 20, MQLONG);
FIELD(MQPSXP, Feedback, 24, MQLONG);
FIELD(MQPSXP, Hconn, 28, MQHCONN);
FIELD(MQPSXP, ExitUserArea, 32, MQBYTE16);
FIELD(MQPSXP, ExitData, 48, MQCHAR32);
FIELD(MQPSXP, QMgrName, 80, MQCHAR48);
FIELD(MQPSXP, MsgHandle, 128, MQHMSG);
FIELD(MQPSXP, MsgDescPtr, 136, PMQMD);
FIELD(MQPSXP, MsgInPtr, 144, PMQVOID);
FIELD(MQPSXP, MsgInLength, 152, MQLONG);
FIELD(MQPSXP, MsgOutPtr, 160, PMQVOID);
FIELD(MQPSXP, MsgOutLength, 168, MQLONG);
FIELD(MQPSXP, pEntryPoints, 176, PMQIEP);

/* Each MQ<name>_LENGTH_n is where version n+1 begins (the fields a version adds are
 * those of the "versions" lines), and the last length is the whole structure. */
_Static_assert(MQCBD_LENGTH_1 == sizeof(MQCBD) && MQCBD_CURRENT_LENGTH == sizeof(MQCBD), "MQCBD");
_Static_assert(MQCBC_LENGTH_1 == offsetof(MQCBC, ReconnectDelay), "MQCBC v1");
_Static_assert(MQCBC_LENGTH_2 == sizeof(MQCBC) && MQCBC_CURRENT_LENGTH == sizeof(MQCBC), "MQCBC");
_Static_assert(MQCTLO_LENGTH_1 == sizeof(MQCTLO) && MQCTLO_CURRENT_LENGTH == sizeof(MQCTLO),
               "MQCTLO");
_Static_assert(MQTM_LENGTH_1 == sizeof(MQTM) && MQTM_CURRENT_LENGTH == sizeof(MQTM), "MQTM");
_Static_assert(MQTMC2_LENGTH_1 == offsetof(MQTMC2, QMgrName) &&
               MQTMC2_LENGTH_1 == sizeof(MQTM) && MQTMC_LENGTH_1 == MQTMC2_LENGTH_1, "MQTMC2 v1");
_Static_assert(MQTMC2_LENGTH_2 == sizeof(MQTMC2) && MQTMC2_CURRENT_LENGTH == sizeof(MQTMC2),
               "MQTMC2");
_Static_assert(MQDMPO_LENGTH_1 == sizeof(MQDMPO) && MQDMPO_CURRENT_LENGTH == sizeof(MQDMPO),
               "MQDMPO");
_Static_assert(MQSRO_LENGTH_1 == sizeof(MQSRO) && MQSRO_CURRENT_LENGTH == sizeof(MQSRO), "MQSRO");
_Static_assert(MQAIR_LENGTH_1 == offsetof(MQAIR, OCSPResponderURL), "MQAIR v1");
_Static_assert(MQAIR_LENGTH_2 == sizeof(MQAIR) && MQAIR_CURRENT_LENGTH == sizeof(MQAIR), "MQAIR");
_Static_assert(MQRMH_LENGTH_1 == sizeof(MQRMH) && MQRMH_CURRENT_LENGTH == sizeof(MQRMH), "MQRMH");
_Static_assert(MQDH_LENGTH_1 == sizeof(MQDH) && MQDH_CURRENT_LENGTH == sizeof(MQDH), "MQDH");
_Static_assert(MQIIH_LENGTH_1 == sizeof(MQIIH) && MQIIH_CURRENT_LENGTH == sizeof(MQIIH), "MQIIH");
_Static_assert(MQCIH_LENGTH_1 == offsetof(MQCIH, CursorPosition), "MQCIH v1");
_Static_assert(MQCIH_LENGTH_2 == sizeof(MQCIH) && MQCIH_CURRENT_LENGTH == sizeof(MQCIH), "MQCIH");
_Static_assert(MQWIH_LENGTH_1 == sizeof(MQWIH) && MQWIH_CURRENT_LENGTH == sizeof(MQWIH), "MQWIH");
_Static_assert(MQRFH_LENGTH_1 == sizeof(MQRFH) && MQRFH_STRUC_LENGTH_FIXED == sizeof(MQRFH) &&
               MQRFH_CURRENT_LENGTH == sizeof(MQRFH), "MQRFH");
_Static_assert(offsetof(MQCXP, MsgRetryCount) == 80 && offsetof(MQCXP, HeaderLength) == 92,
               "MQCXP v1 and v2 (no length constants)");
_Static_assert(MQCXP_LENGTH_3 == offsetof(MQCXP, ExitSpace) && MQCXP_LENGTH_4 == MQCXP_LENGTH_3,
               "MQCXP v3, v4");
_Static_assert(MQCXP_LENGTH_5 == offsetof(MQCXP, SSLCertUserid), "MQCXP v5");
_Static_assert(MQCXP_LENGTH_6 == offsetof(MQCXP, Hconn), "MQCXP v6");
_Static_assert(MQCXP_LENGTH_7 == offsetof(MQCXP, MCAUserSource), "MQCXP v7");
_Static_assert(MQCXP_LENGTH_8 == offsetof(MQCXP, RemoteProduct), "MQCXP v8");
_Static_assert(MQCXP_LENGTH_9 == sizeof(MQCXP) && MQCXP_CURRENT_LENGTH == sizeof(MQCXP), "MQCXP");
_Static_assert(MQACH_LENGTH_1 == sizeof(MQACH) && MQACH_CURRENT_LENGTH == sizeof(MQACH), "MQACH");
_Static_assert(MQNXP_LENGTH_1 == offsetof(MQNXP, pEntryPoints), "MQNXP v1");
_Static_assert(MQNXP_LENGTH_2 == sizeof(MQNXP) && MQNXP_CURRENT_LENGTH == sizeof(MQNXP), "MQNXP");
_Static_assert(MQPSXP_LENGTH_1 == offsetof(MQPSXP, pEntryPoints), "MQPSXP v1");
_Static_assert(MQPSXP_LENGTH_2 == sizeof(MQPSXP) && MQPSXP_CURRENT_LENGTH == sizeof(MQPSXP),
               "MQPSXP");

/* The pointer types, and the callback type against a function written with plain types
 * (MQCB_FUNCTION as IBM declares it: pMsgDesc, pGetMsgOpts and pBuffer untyped). */
#define PTR_TO(p, s) _Static_assert(MORE_SAME_TYPE_((p)0, s *), #p " points to " #s)
PTR_TO(PMQCBD, MQCBD);   PTR_TO(PPMQCBD, PMQCBD);   PTR_TO(PMQCBC, MQCBC);
PTR_TO(PPMQCBC, PMQCBC); PTR_TO(PMQCTLO, MQCTLO);   PTR_TO(PPMQCTLO, PMQCTLO);
PTR_TO(PMQSRO, MQSRO);   PTR_TO(PPMQSRO, PMQSRO);   PTR_TO(PMQDMPO, MQDMPO);
PTR_TO(PMQTM, MQTM);     PTR_TO(PMQTMC2, MQTMC2);   PTR_TO(PMQAIR, MQAIR);
PTR_TO(PMQOR, MQOR);     PTR_TO(PMQRR, MQRR);       PTR_TO(PMQRMH, MQRMH);
PTR_TO(PMQDH, MQDH);     PTR_TO(PMQIIH, MQIIH);     PTR_TO(PMQCIH, MQCIH);
PTR_TO(PMQWIH, MQWIH);   PTR_TO(PMQRFH, MQRFH);     PTR_TO(PMQCXP, MQCXP);
PTR_TO(PMQACH, MQACH);   PTR_TO(PMQNXP, MQNXP);     PTR_TO(PMQPSXP, MQPSXP);
PTR_TO(PPMQCD, PMQCD);
PTR_TO(PPMQCNO, PMQCNO); PTR_TO(PPMQMD, PMQMD);     PTR_TO(PPMQOD, PMQOD);
PTR_TO(PPMQPMO, PMQPMO); PTR_TO(PPMQGMO, PMQGMO);   PTR_TO(PPMQBO, PMQBO);
PTR_TO(PPMQSD, PMQSD);   PTR_TO(PPMQSTS, PMQSTS);   PTR_TO(PPMQHCONN, PMQHCONN);
PTR_TO(PPMQHOBJ, PMQHOBJ);
_Static_assert(MORE_SAME_TYPE_((PMQCB_FUNCTION)0,
                               void (*)(int, void *, void *, void *, struct tagMQCBC *)),
               "MQCB_FUNCTION");

#undef PTR_TO
#undef FIELD
#undef SIZE

#endif /* MQI_STRUCTS_MORE_CHECK_H */
