/*
 * cmqxc.h -- channel definitions and exit values of Quire's MQI, for C and C++ programs.
 *
 * What a client program needs to describe its channel itself instead of through MQSERVER
 * or a channel table: the MQCD structure and its MQCD_CLIENT_CONN_DEFAULT, plus the
 * constants of the channel and exit interfaces (MQCHT_*, MQXPT_*, MQCD_*, MQCXP_*,
 * MQXR_*, ...). Written for Quire from reference/ (mqi-facts.md, mqi-structs.txt,
 * mqi-constants.tsv, mqi-structs-more.txt); no text of IBM's header. Of the exit
 * parameter structures, MQCXP (channel exits), MQACH (API-exit chain areas), MQNXP
 * (pre-connect exits) and MQPSXP (publish exits) are laid out here; the others (MQAXP,
 * MQAXC, MQDXP, MQWXP, ...) are not: no facts describe their fields.
 *
 * Calling sequence
 *     MQCD cd = {MQCD_CLIENT_CONN_DEFAULT};
 *     MQCNO cno = {MQCNO_DEFAULT};
 *     memcpy(cd.ChannelName, "DEV.APP.SVRCONN", 15);
 *     memcpy(cd.ConnectionName, "localhost(1414)", 15);
 *     cno.Version = MQCNO_VERSION_2;
 *     cno.Options = MQCNO_CLIENT_BINDING;
 *     cno.ClientConnPtr = &cd;
 *     MQCONNX(qmgr, &cno, &hconn, &cc, &rc);
 *
 * Error handling
 *   A channel definition the queue manager cannot use makes MQCONNX fail with
 *   MQRC_CD_ERROR; one it cannot reach with MQRC_HOST_NOT_AVAILABLE or
 *   MQRC_CHANNEL_NOT_AVAILABLE.
 *
 * IBM's cmqxc.h expects cmqc.h to be included first; this one includes it itself.
 */
#ifndef MQXC_INCLUDED
#define MQXC_INCLUDED

#include "cmqc.h"

#if defined(__cplusplus)
extern "C" {
#endif

/* ------------------------------------------------------------------------------------ */
/* Constants from include/gen/mqi-constants.tsv, one block per family, in name order.    */

/* ---- generated constants: begin (include/gen/gen_mqi_consts.py) ---- */

/* MQACH_* */
#define MQACH_VERSION_1                          1
#define MQACH_CURRENT_VERSION                    1
#define MQACH_LENGTH_1                           72
#define MQACH_CURRENT_LENGTH                     72

/* MQAXC_* */
#define MQAXC_VERSION_1                          1
#define MQAXC_VERSION_2                          2
#define MQAXC_CURRENT_VERSION                    2
#define MQAXC_LENGTH_1                           392
#define MQAXC_LENGTH_2                           424
#define MQAXC_CURRENT_LENGTH                     424

/* MQAXP_* */
#define MQAXP_VERSION_1                          1
#define MQAXP_VERSION_2                          2
#define MQAXP_CURRENT_VERSION                    2
#define MQAXP_LENGTH_1                           256
#define MQAXP_CURRENT_LENGTH                     256

/* MQCAFTY_* */
#define MQCAFTY_NONE                             0
#define MQCAFTY_PREFERRED                        1

/* MQCD_*: channel definition versions and lengths */
#define MQCD_VERSION_1                           1
#define MQCD_VERSION_2                           2
#define MQCD_VERSION_3                           3
#define MQCD_VERSION_4                           4
#define MQCD_VERSION_5                           5
#define MQCD_VERSION_6                           6
#define MQCD_VERSION_7                           7
#define MQCD_VERSION_8                           8
#define MQCD_VERSION_9                           9
#define MQCD_VERSION_10                          10
#define MQCD_VERSION_11                          11
#define MQCD_VERSION_12                          12
#define MQCD_CURRENT_VERSION                     12
#define MQCD_LENGTH_1                            984
#define MQCD_LENGTH_2                            1312
#define MQCD_LENGTH_3                            1480
#define MQCD_LENGTH_4                            1568
#define MQCD_LENGTH_5                            1584
#define MQCD_LENGTH_6                            1688
#define MQCD_LENGTH_7                            1792
#define MQCD_LENGTH_8                            1888
#define MQCD_LENGTH_9                            1912
#define MQCD_LENGTH_10                           1920
#define MQCD_LENGTH_11                           1984
#define MQCD_LENGTH_12                           1992
#define MQCD_CURRENT_LENGTH                      1992

/* MQCDC_* */
#define MQCDC_NO_SENDER_CONVERSION               0
#define MQCDC_SENDER_CONVERSION                  1
#define MQCDC_VERSION_1                          1
#define MQCDC_VERSION_2                          2
#define MQCDC_VERSION_3                          3
#define MQCDC_VERSION_4                          4
#define MQCDC_VERSION_5                          5
#define MQCDC_VERSION_6                          6
#define MQCDC_VERSION_7                          7
#define MQCDC_VERSION_8                          8
#define MQCDC_VERSION_9                          9
#define MQCDC_VERSION_10                         10
#define MQCDC_VERSION_11                         11
#define MQCDC_VERSION_12                         12
#define MQCDC_CURRENT_VERSION                    12
#define MQCDC_LENGTH_1                           984
#define MQCDC_LENGTH_2                           1312
#define MQCDC_LENGTH_3                           1480
#define MQCDC_LENGTH_4                           1568
#define MQCDC_LENGTH_5                           1584
#define MQCDC_LENGTH_6                           1688
#define MQCDC_LENGTH_7                           1792
#define MQCDC_LENGTH_8                           1888
#define MQCDC_LENGTH_9                           1912
#define MQCDC_LENGTH_10                          1920
#define MQCDC_LENGTH_11                          1984
#define MQCDC_LENGTH_12                          1992
#define MQCDC_CURRENT_LENGTH                     1992

/* MQCHT_*: channel types */
#define MQCHT_SENDER                             1
#define MQCHT_SERVER                             2
#define MQCHT_RECEIVER                           3
#define MQCHT_REQUESTER                          4
#define MQCHT_ALL                                5
#define MQCHT_CLNTCONN                           6
#define MQCHT_SVRCONN                            7
#define MQCHT_CLUSRCVR                           8
#define MQCHT_CLUSSDR                            9
#define MQCHT_MQTT                               10
#define MQCHT_AMQP                               11

/* MQCOMPRESS_* */
#define MQCOMPRESS_NOT_AVAILABLE                 (-1)
#define MQCOMPRESS_NONE                          0x00000000
#define MQCOMPRESS_RLE                           0x00000001
#define MQCOMPRESS_ZLIBFAST                      0x00000002
#define MQCOMPRESS_ZLIBHIGH                      0x00000004
#define MQCOMPRESS_SYSTEM                        0x00000008
#define MQCOMPRESS_LZ4FAST                       0x00000010
#define MQCOMPRESS_LZ4HIGH                       0x00000020
#define MQCOMPRESS_ANY                           0x0FFFFFFF

/* MQCXP_*: channel exit parameter versions and lengths */
#define MQCXP_VERSION_1                          1
#define MQCXP_VERSION_2                          2
#define MQCXP_VERSION_3                          3
#define MQCXP_VERSION_4                          4
#define MQCXP_VERSION_5                          5
#define MQCXP_VERSION_6                          6
#define MQCXP_VERSION_7                          7
#define MQCXP_VERSION_8                          8
#define MQCXP_VERSION_9                          9
#define MQCXP_CURRENT_VERSION                    9
#define MQCXP_LENGTH_3                           156
#define MQCXP_LENGTH_4                           156
#define MQCXP_LENGTH_5                           160
#define MQCXP_LENGTH_6                           200
#define MQCXP_LENGTH_7                           208
#define MQCXP_LENGTH_8                           224
#define MQCXP_LENGTH_9                           240
#define MQCXP_CURRENT_LENGTH                     240

/* MQDCC_* */
#define MQDCC_NONE                               0x00000000
#define MQDCC_SOURCE_ENC_UNDEFINED               0x00000000
#define MQDCC_TARGET_ENC_UNDEFINED               0x00000000
#define MQDCC_DEFAULT_CONVERSION                 0x00000001
#define MQDCC_FILL_TARGET_BUFFER                 0x00000002
#define MQDCC_INT_DEFAULT_CONVERSION             0x00000004
#define MQDCC_SOURCE_ENC_FACTOR                  0x00000010
#define MQDCC_SOURCE_ENC_NORMAL                  0x00000010
#define MQDCC_SOURCE_ENC_NATIVE                  0x00000020
#define MQDCC_SOURCE_ENC_REVERSED                0x00000020
#define MQDCC_SOURCE_ENC_MASK                    0x000000F0
#define MQDCC_TARGET_ENC_FACTOR                  0x00000100
#define MQDCC_TARGET_ENC_NORMAL                  0x00000100
#define MQDCC_TARGET_ENC_NATIVE                  0x00000200
#define MQDCC_TARGET_ENC_REVERSED                0x00000200
#define MQDCC_TARGET_ENC_MASK                    0x00000F00

/* MQDXP_* */
#define MQDXP_VERSION_1                          1
#define MQDXP_VERSION_2                          2
#define MQDXP_CURRENT_VERSION                    2
#define MQDXP_LENGTH_1                           44
#define MQDXP_LENGTH_2                           56
#define MQDXP_CURRENT_LENGTH                     56

/* MQKAI_* */
#define MQKAI_AUTO                               (-1)

/* MQMCAT_* */
#define MQMCAT_PROCESS                           1
#define MQMCAT_THREAD                            2

/* MQNPMS_* */
#define MQNPMS_NORMAL                            1
#define MQNPMS_FAST                              2

/* MQNXP_* */
#define MQNXP_VERSION_1                          1
#define MQNXP_VERSION_2                          2
#define MQNXP_CURRENT_VERSION                    2
#define MQNXP_LENGTH_1                           64
#define MQNXP_LENGTH_2                           72
#define MQNXP_CURRENT_LENGTH                     72

/* MQPA_* */
#define MQPA_DEFAULT                             1
#define MQPA_CONTEXT                             2
#define MQPA_ONLY_MCA                            3
#define MQPA_ALTERNATE_OR_MCA                    4

/* MQPBC_* */
#define MQPBC_VERSION_1                          1
#define MQPBC_VERSION_2                          2
#define MQPBC_CURRENT_VERSION                    2
#define MQPBC_LENGTH_1                           32
#define MQPBC_LENGTH_2                           40
#define MQPBC_CURRENT_LENGTH                     40

/* MQPSXP_* */
#define MQPSXP_VERSION_1                         1
#define MQPSXP_VERSION_2                         2
#define MQPSXP_CURRENT_VERSION                   2
#define MQPSXP_LENGTH_1                          176
#define MQPSXP_LENGTH_2                          184
#define MQPSXP_CURRENT_LENGTH                    184

/* MQQF_* */
#define MQQF_LOCAL_Q                             0x00000001
#define MQQF_CLWL_USEQ_ANY                       0x00000040
#define MQQF_CLWL_USEQ_LOCAL                     0x00000080

/* MQQMF_* */
#define MQQMF_REPOSITORY_Q_MGR                   0x00000002
#define MQQMF_CLUSSDR_USER_DEFINED               0x00000008
#define MQQMF_CLUSSDR_AUTO_DEFINED               0x00000010
#define MQQMF_AVAILABLE                          0x00000020

/* MQRCN_* */
#define MQRCN_NO                                 0
#define MQRCN_YES                                1
#define MQRCN_Q_MGR                              2
#define MQRCN_DISABLED                           3

/* MQSBC_* */
#define MQSBC_VERSION_1                          1
#define MQSBC_CURRENT_VERSION                    1
#define MQSBC_LENGTH_1                           288
#define MQSBC_CURRENT_LENGTH                     288

/* MQSCA_* */
#define MQSCA_REQUIRED                           0
#define MQSCA_OPTIONAL                           1
#define MQSCA_NEVER_REQUIRED                     2

/* MQSPL_* */
#define MQSPL_PASSTHRU                           0
#define MQSPL_REMOVE                             1
#define MQSPL_AS_POLICY                          2

/* MQWDR_* */
#define MQWDR_VERSION_1                          1
#define MQWDR_VERSION_2                          2
#define MQWDR_CURRENT_VERSION                    2
#define MQWDR_LENGTH_1                           124
#define MQWDR_LENGTH_2                           136
#define MQWDR_CURRENT_LENGTH                     136

/* MQWDR1_* */
#define MQWDR1_LENGTH_1                          124
#define MQWDR1_CURRENT_LENGTH                    124

/* MQWDR2_* */
#define MQWDR2_LENGTH_1                          124
#define MQWDR2_LENGTH_2                          136
#define MQWDR2_CURRENT_LENGTH                    136

/* MQWQR_* */
#define MQWQR_VERSION_1                          1
#define MQWQR_VERSION_2                          2
#define MQWQR_VERSION_3                          3
#define MQWQR_VERSION_4                          4
#define MQWQR_CURRENT_VERSION                    4
#define MQWQR_LENGTH_1                           200
#define MQWQR_LENGTH_2                           208
#define MQWQR_LENGTH_3                           212
#define MQWQR_LENGTH_4                           216
#define MQWQR_CURRENT_LENGTH                     216

/* MQWQR1_* */
#define MQWQR1_LENGTH_1                          200
#define MQWQR1_CURRENT_LENGTH                    200

/* MQWQR2_* */
#define MQWQR2_LENGTH_1                          200
#define MQWQR2_LENGTH_2                          208
#define MQWQR2_CURRENT_LENGTH                    208

/* MQWQR3_* */
#define MQWQR3_LENGTH_1                          200
#define MQWQR3_LENGTH_2                          208
#define MQWQR3_LENGTH_3                          212
#define MQWQR3_CURRENT_LENGTH                    212

/* MQWQR4_* */
#define MQWQR4_LENGTH_1                          200
#define MQWQR4_LENGTH_2                          208
#define MQWQR4_LENGTH_3                          212
#define MQWQR4_LENGTH_4                          216
#define MQWQR4_CURRENT_LENGTH                    216

/* MQWXP_* */
#define MQWXP_PUT_BY_CLUSTER_CHL                 2
#define MQWXP_VERSION_1                          1
#define MQWXP_VERSION_2                          2
#define MQWXP_VERSION_3                          3
#define MQWXP_VERSION_4                          4
#define MQWXP_CURRENT_VERSION                    4
#define MQWXP_LENGTH_1                           224
#define MQWXP_LENGTH_2                           240
#define MQWXP_LENGTH_3                           240
#define MQWXP_LENGTH_4                           248
#define MQWXP_CURRENT_LENGTH                     248

/* MQWXP1_* */
#define MQWXP1_LENGTH_1                          224
#define MQWXP1_CURRENT_LENGTH                    224

/* MQWXP2_* */
#define MQWXP2_LENGTH_1                          224
#define MQWXP2_LENGTH_2                          240
#define MQWXP2_CURRENT_LENGTH                    240

/* MQWXP3_* */
#define MQWXP3_LENGTH_1                          224
#define MQWXP3_LENGTH_2                          240
#define MQWXP3_LENGTH_3                          240
#define MQWXP3_CURRENT_LENGTH                    240

/* MQWXP4_* */
#define MQWXP4_LENGTH_1                          224
#define MQWXP4_LENGTH_2                          240
#define MQWXP4_LENGTH_3                          240
#define MQWXP4_LENGTH_4                          248
#define MQWXP4_CURRENT_LENGTH                    248

/* MQXACT_* */
#define MQXACT_EXTERNAL                          1
#define MQXACT_INTERNAL                          2

/* MQXC_* */
#define MQXC_MQOPEN                              1
#define MQXC_MQCLOSE                             2
#define MQXC_MQGET                               3
#define MQXC_MQPUT                               4
#define MQXC_MQPUT1                              5
#define MQXC_MQINQ                               6
#define MQXC_MQSET                               8
#define MQXC_MQBACK                              9
#define MQXC_MQCMIT                              10
#define MQXC_MQSUB                               42
#define MQXC_MQSUBRQ                             43
#define MQXC_MQCB                                44
#define MQXC_MQCTL                               45
#define MQXC_MQSTAT                              46
#define MQXC_CALLBACK                            48

/* MQXCC_*: exit responses */
#define MQXCC_FAILED                             (-8)
#define MQXCC_REQUEST_ACK                        (-7)
#define MQXCC_CLOSE_CHANNEL                      (-6)
#define MQXCC_SUPPRESS_EXIT                      (-5)
#define MQXCC_SEND_SEC_MSG                       (-4)
#define MQXCC_SEND_AND_REQUEST_SEC_MSG           (-3)
#define MQXCC_SKIP_FUNCTION                      (-2)
#define MQXCC_SUPPRESS_FUNCTION                  (-1)
#define MQXCC_OK                                 0

/* MQXDR_* */
#define MQXDR_OK                                 0
#define MQXDR_CONVERSION_FAILED                  1

/* MQXE_* */
#define MQXE_OTHER                               0
#define MQXE_MCA                                 1
#define MQXE_MCA_SVRCONN                         2
#define MQXE_COMMAND_SERVER                      3
#define MQXE_MQSC                                4
#define MQXE_MCA_CLNTCONN                        5

/* MQXEPO_* */
#define MQXEPO_NONE                              0
#define MQXEPO_VERSION_1                         1
#define MQXEPO_CURRENT_VERSION                   1
#define MQXEPO_LENGTH_1                          40
#define MQXEPO_CURRENT_LENGTH                    40

/* MQXF_*: API exit function identifiers */
#define MQXF_INIT                                1
#define MQXF_TERM                                2
#define MQXF_CONN                                3
#define MQXF_CONNX                               4
#define MQXF_DISC                                5
#define MQXF_OPEN                                6
#define MQXF_CLOSE                               7
#define MQXF_PUT1                                8
#define MQXF_PUT                                 9
#define MQXF_GET                                 10
#define MQXF_DATA_CONV_ON_GET                    11
#define MQXF_INQ                                 12
#define MQXF_SET                                 13
#define MQXF_BEGIN                               14
#define MQXF_CMIT                                15
#define MQXF_BACK                                16
#define MQXF_STAT                                18
#define MQXF_CB                                  19
#define MQXF_CTL                                 20
#define MQXF_CALLBACK                            21
#define MQXF_SUB                                 22
#define MQXF_SUBRQ                               23
#define MQXF_XACLOSE                             24
#define MQXF_XACOMMIT                            25
#define MQXF_XACOMPLETE                          26
#define MQXF_XAEND                               27
#define MQXF_XAFORGET                            28
#define MQXF_XAOPEN                              29
#define MQXF_XAPREPARE                           30
#define MQXF_XARECOVER                           31
#define MQXF_XAROLLBACK                          32
#define MQXF_XASTART                             33
#define MQXF_AXREG                               34
#define MQXF_AXUNREG                             35

/* MQXP_* */
#define MQXP_VERSION_1                           1
#define MQXP_LENGTH_1                            44
#define MQXP_CURRENT_LENGTH                      44

/* MQXPT_*: transport types */
#define MQXPT_ALL                                (-1)
#define MQXPT_LOCAL                              0
#define MQXPT_LU62                               1
#define MQXPT_TCP                                2
#define MQXPT_NETBIOS                            3
#define MQXPT_SPX                                4
#define MQXPT_DECNET                             5
#define MQXPT_UDP                                6

/* MQXR_*: exit reasons */
#define MQXR_BEFORE                              1
#define MQXR_AFTER                               2
#define MQXR_CONNECTION                          3
#define MQXR_BEFORE_CONVERT                      4
#define MQXR_INIT                                11
#define MQXR_TERM                                12
#define MQXR_MSG                                 13
#define MQXR_XMIT                                14
#define MQXR_SEC_MSG                             15
#define MQXR_INIT_SEC                            16
#define MQXR_RETRY                               17
#define MQXR_AUTO_CLUSSDR                        18
#define MQXR_AUTO_RECEIVER                       19
#define MQXR_CLWL_OPEN                           20
#define MQXR_CLWL_PUT                            21
#define MQXR_CLWL_MOVE                           22
#define MQXR_CLWL_REPOS                          23
#define MQXR_CLWL_REPOS_MOVE                     24
#define MQXR_END_BATCH                           25
#define MQXR_ACK_RECEIVED                        26
#define MQXR_AUTO_SVRCONN                        27
#define MQXR_AUTO_CLUSRCVR                       28
#define MQXR_SEC_PARMS                           29
#define MQXR_PUBLICATION                         30
#define MQXR_PRECONNECT                          31

/* MQXR2_* */
#define MQXR2_DEFAULT_CONTINUATION               0x00000000
#define MQXR2_PUT_WITH_DEF_ACTION                0x00000000
#define MQXR2_STATIC_CACHE                       0x00000000
#define MQXR2_USE_AGENT_BUFFER                   0x00000000
#define MQXR2_PUT_WITH_DEF_USERID                0x00000001
#define MQXR2_PUT_WITH_MSG_USERID                0x00000002
#define MQXR2_USE_EXIT_BUFFER                    0x00000004
#define MQXR2_CONTINUE_CHAIN                     0x00000008
#define MQXR2_SUPPRESS_CHAIN                     0x00000010
#define MQXR2_DYNAMIC_CACHE                      0x00000020

/* MQXT_*: exit types */
#define MQXT_API_CROSSING_EXIT                   1
#define MQXT_API_EXIT                            2
#define MQXT_CHANNEL_SEC_EXIT                    11
#define MQXT_CHANNEL_MSG_EXIT                    12
#define MQXT_CHANNEL_SEND_EXIT                   13
#define MQXT_CHANNEL_RCV_EXIT                    14
#define MQXT_CHANNEL_MSG_RETRY_EXIT              15
#define MQXT_CHANNEL_AUTO_DEF_EXIT               16
#define MQXT_CLUSTER_WORKLOAD_EXIT               20
#define MQXT_PUBSUB_ROUTING_EXIT                 21
#define MQXT_PUBLISH_EXIT                        22
#define MQXT_PRECONNECT_EXIT                     23

/* MQXWD_* */
#define MQXWD_VERSION_1                          1
#define MQXWD_LENGTH_1                           24
#define MQXWD_CURRENT_LENGTH                     24

/* ---- generated constants: end ---- */

/* ------------------------------------------------------------------------------------ */
/* MQCD: channel definition, version 12 (MQCD_LENGTH_12 = 1992 bytes on 64-bit Linux).   */
/* Unlike the MQI structures it has no StrucId: it starts with the channel name.         */

typedef struct tagMQCD MQCD;
typedef MQCD MQPOINTER PMQCD;
struct tagMQCD {
  MQCHAR20 ChannelName;
  MQLONG Version;                 /* MQCD_VERSION_* */
  MQLONG ChannelType;             /* MQCHT_* */
  MQLONG TransportType;           /* MQXPT_* */
  MQCHAR64 Desc;
  MQCHAR48 QMgrName;
  MQCHAR48 XmitQName;
  MQCHAR20 ShortConnectionName;
  MQCHAR20 MCAName;
  MQCHAR8 ModeName;
  MQCHAR64 TpName;
  MQLONG BatchSize;
  MQLONG DiscInterval;            /* seconds */
  MQLONG ShortRetryCount;
  MQLONG ShortRetryInterval;
  MQLONG LongRetryCount;
  MQLONG LongRetryInterval;
  MQCHAR128 SecurityExit;
  MQCHAR128 MsgExit;
  MQCHAR128 SendExit;
  MQCHAR128 ReceiveExit;
  MQLONG SeqNumberWrap;
  MQLONG MaxMsgLength;
  MQLONG PutAuthority;            /* MQPA_* */
  MQLONG DataConversion;          /* MQCDC_* */
  MQCHAR32 SecurityUserData;
  MQCHAR32 MsgUserData;
  MQCHAR32 SendUserData;
  MQCHAR32 ReceiveUserData;
  /* version 2 */
  MQCHAR12 UserIdentifier;
  MQCHAR12 Password;
  MQCHAR12 MCAUserIdentifier;
  MQLONG MCAType;                 /* MQMCAT_* */
  MQCHAR264 ConnectionName;       /* "host(port)" for TCP */
  MQCHAR12 RemoteUserIdentifier;
  MQCHAR12 RemotePassword;
  /* version 3 */
  MQCHAR128 MsgRetryExit;
  MQCHAR32 MsgRetryUserData;
  MQLONG MsgRetryCount;
  MQLONG MsgRetryInterval;
  /* version 4 */
  MQLONG HeartbeatInterval;       /* seconds */
  MQLONG BatchInterval;
  MQLONG NonPersistentMsgSpeed;   /* MQNPMS_* */
  MQLONG StrucLength;
  MQLONG ExitNameLength;
  MQLONG ExitDataLength;
  MQLONG MsgExitsDefined;
  MQLONG SendExitsDefined;
  MQLONG ReceiveExitsDefined;
  MQPTR MsgExitPtr;
  MQPTR MsgUserDataPtr;
  MQPTR SendExitPtr;
  MQPTR SendUserDataPtr;
  MQPTR ReceiveExitPtr;
  MQPTR ReceiveUserDataPtr;
  /* version 5 */
  MQPTR ClusterPtr;
  MQLONG ClustersDefined;
  MQLONG NetworkPriority;
  /* version 6 */
  MQLONG LongMCAUserIdLength;
  MQLONG LongRemoteUserIdLength;
  MQPTR LongMCAUserIdPtr;
  MQPTR LongRemoteUserIdPtr;
  MQBYTE40 MCASecurityId;
  MQBYTE40 RemoteSecurityId;
  /* version 7 */
  MQCHAR32 SSLCipherSpec;
  MQPTR SSLPeerNamePtr;
  MQLONG SSLPeerNameLength;
  MQLONG SSLClientAuth;           /* MQSCA_* */
  MQLONG KeepAliveInterval;       /* seconds, or MQKAI_AUTO */
  MQCHAR48 LocalAddress;
  MQLONG BatchHeartbeat;
  /* version 8 */
  MQLONG HdrCompList[2];          /* MQCOMPRESS_* */
  MQLONG MsgCompList[16];         /* MQCOMPRESS_* */
  MQLONG CLWLChannelRank;
  MQLONG CLWLChannelPriority;
  MQLONG CLWLChannelWeight;
  MQLONG ChannelMonitoring;       /* MQMON_* */
  MQLONG ChannelStatistics;       /* MQMON_* */
  /* version 9 */
  MQLONG SharingConversations;
  MQLONG PropertyControl;         /* MQPROP_* */
  MQLONG MaxInstances;
  MQLONG MaxInstancesPerClient;
  MQLONG ClientChannelWeight;
  MQLONG ConnectionAffinity;      /* MQCAFTY_* */
  /* version 10 */
  MQLONG BatchDataLimit;          /* kilobytes */
  MQLONG UseDLQ;                  /* MQUSEDLQ_* */
  MQLONG DefReconnect;            /* MQRCN_* */
  /* version 11 */
  MQCHAR64 CertificateLabel;
  /* version 12 */
  MQLONG SPLProtection;           /* MQSPL_* */
};

/* The defaults below come from mqi-facts.md (MQCD_CLIENT_CONN_DEFAULT) and, for the
 * fields the facts do not name, from the same public dump of initialised structures,
 * read field by field with the offsets of mqi-structs.txt. Both defaults are Version 6
 * and differ only in ChannelType, TransportType and HeartbeatInterval. */
#define MQCD_DEFAULT_FIELDS_(type, transport, heartbeat) \
  {""}, MQCD_VERSION_6, type, transport, {""}, {""}, {""}, {""}, {""}, {""}, {""}, \
  50, 6000, 10, 60, 999999999, 1200, \
  {""}, {""}, {""}, {""}, \
  999999999, 4194304, MQPA_DEFAULT, MQCDC_NO_SENDER_CONVERSION, \
  {""}, {""}, {""}, {""}, \
  {""}, {""}, {""}, MQMCAT_PROCESS, {""}, {""}, {""}, \
  {""}, {""}, 10, 1000, \
  heartbeat, 0, MQNPMS_FAST, MQCD_CURRENT_LENGTH, MQ_EXIT_NAME_LENGTH, \
  MQ_EXIT_DATA_LENGTH, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, \
  NULL, 0, 0, \
  0, 0, NULL, NULL, {MQSID_NONE_ARRAY}, {MQSID_NONE_ARRAY}, \
  {""}, NULL, 0, MQSCA_REQUIRED, MQKAI_AUTO, {""}, 0, \
  {MQCOMPRESS_NONE, MQCOMPRESS_NOT_AVAILABLE}, \
  {MQCOMPRESS_NONE, MQCOMPRESS_NOT_AVAILABLE, MQCOMPRESS_NOT_AVAILABLE, \
   MQCOMPRESS_NOT_AVAILABLE, MQCOMPRESS_NOT_AVAILABLE, MQCOMPRESS_NOT_AVAILABLE, \
   MQCOMPRESS_NOT_AVAILABLE, MQCOMPRESS_NOT_AVAILABLE, MQCOMPRESS_NOT_AVAILABLE, \
   MQCOMPRESS_NOT_AVAILABLE, MQCOMPRESS_NOT_AVAILABLE, MQCOMPRESS_NOT_AVAILABLE, \
   MQCOMPRESS_NOT_AVAILABLE, MQCOMPRESS_NOT_AVAILABLE, MQCOMPRESS_NOT_AVAILABLE, \
   MQCOMPRESS_NOT_AVAILABLE}, \
  0, 0, 50, MQMON_OFF, MQMON_OFF, \
  10, MQPROP_COMPATIBILITY, 999999999, 999999999, 0, MQCAFTY_PREFERRED, \
  5000, MQUSEDLQ_YES, MQRCN_NO, \
  {""}, \
  MQSPL_PASSTHRU

/* a sender channel over LU 6.2, as MQ's own default */
#define MQCD_DEFAULT MQCD_DEFAULT_FIELDS_(MQCHT_SENDER, MQXPT_LU62, 300)

/* a client-connection channel over TCP: what MQCONNX's ClientConnPtr wants */
#define MQCD_CLIENT_CONN_DEFAULT MQCD_DEFAULT_FIELDS_(MQCHT_CLNTCONN, MQXPT_TCP, 1)

/* a pointer to an array of MQCD pointers (MQNXP) */
typedef PMQCD MQPOINTER PPMQCD;

/* Pointers to the pointers that exits get, so that they may replace the
 * structure the application passed (the pre-connect exit's MQCNO, the API
 * exits' descriptors and handles) */
typedef PMQCNO MQPOINTER PPMQCNO;
typedef PMQMD MQPOINTER PPMQMD;
typedef PMQOD MQPOINTER PPMQOD;
typedef PMQPMO MQPOINTER PPMQPMO;
typedef PMQGMO MQPOINTER PPMQGMO;
typedef PMQBO MQPOINTER PPMQBO;
typedef PMQSD MQPOINTER PPMQSD;
typedef PMQSTS MQPOINTER PPMQSTS;
typedef PMQHCONN MQPOINTER PPMQHCONN;
typedef PMQHOBJ MQPOINTER PPMQHOBJ;

/* ------------------------------------------------------------------------------------ */
/* Exit parameters (x86-64 layouts and defaults of mqi-structs-more.txt)                 */

/* Structure identifiers, and the exit user area value "none" (16 bytes). */
#define MQCXP_STRUC_ID           "CXP "  /* channel exit parameters */
#define MQCXP_STRUC_ID_ARRAY     'C','X','P',' '
#define MQACH_STRUC_ID           "ACH "  /* API-exit chain area header */
#define MQACH_STRUC_ID_ARRAY     'A','C','H',' '
#define MQNXP_STRUC_ID           "NXP "  /* pre-connect exit parameters */
#define MQNXP_STRUC_ID_ARRAY     'N','X','P',' '
#define MQPSXP_STRUC_ID          "PSXP"  /* publish exit parameters */
#define MQPSXP_STRUC_ID_ARRAY    'P','S','X','P'
#define MQXUA_NONE "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
#define MQXUA_NONE_ARRAY \
  '\0','\0','\0','\0','\0','\0','\0','\0', \
  '\0','\0','\0','\0','\0','\0','\0','\0'

/* MQCXP: what a channel exit (security, message, send, receive, message-retry) is
 * called with, next to the MQCD of its channel. Lengths: 80 and 92 for versions 1 and
 * 2 (no constants), then MQCXP_LENGTH_3 to _9 (156, 156, 160, 200, 208, 224, 240).
 * MQCXP_DEFAULT is version 5, not 1. */
typedef struct tagMQCXP MQCXP;
typedef MQCXP MQPOINTER PMQCXP;
struct tagMQCXP {
  MQCHAR4 StrucId;                /* MQCXP_STRUC_ID */
  MQLONG Version;
  MQLONG ExitId;                  /* MQXT_*: which kind of exit */
  MQLONG ExitReason;              /* MQXR_* */
  MQLONG ExitResponse;            /* set by the exit: MQXCC_* */
  MQLONG ExitResponse2;           /* set by the exit: MQXR2_* */
  MQLONG Feedback;
  MQLONG MaxSegmentLength;
  MQBYTE16 ExitUserArea;          /* kept for the exit between calls */
  MQCHAR32 ExitData;              /* the channel's exit data */
  /* version 2 */
  MQLONG MsgRetryCount;
  MQLONG MsgRetryInterval;
  MQLONG MsgRetryReason;
  /* version 3 */
  MQLONG HeaderLength;
  MQCHAR48 PartnerName;
  MQLONG FAPLevel;
  MQLONG CapabilityFlags;         /* MQCF_* */
  MQLONG ExitNumber;              /* position of the exit in its list, from 1 */
  /* version 5 (version 4 adds nothing) */
  MQLONG ExitSpace;
  /* version 6 */
  MQCHAR12 SSLCertUserid;
  MQLONG SSLRemCertIssNameLength;
  MQPTR SSLRemCertIssNamePtr;
  PMQCSP SecurityParms;
  MQLONG CurHdrCompression;       /* MQCOMPRESS_* */
  MQLONG CurMsgCompression;       /* MQCOMPRESS_* */
  /* version 7 */
  MQHCONN Hconn;
  MQBOOL SharingConversations;
  /* version 8 */
  MQLONG MCAUserSource;
  PMQIEP pEntryPoints;
  /* version 9 */
  MQCHAR4 RemoteProduct;
  MQCHAR8 RemoteVersion;
};

#define MQCXP_DEFAULT {MQCXP_STRUC_ID_ARRAY}, MQCXP_VERSION_5, 0, 0, MQXCC_OK, \
  MQXR2_PUT_WITH_DEF_ACTION, 0, 0, {MQXUA_NONE_ARRAY}, {""}, \
  0, 0, 0, \
  0, {""}, 0, MQCF_NONE, 1, \
  0, \
  {""}, 0, NULL, NULL, 0, 0, \
  MQHC_UNUSABLE_HCONN, 0, \
  0, NULL, \
  {""}, {""}

/* MQACH: header of an API-exit chain area; ChainAreaLength counts the whole area,
 * this header included, and NextChainAreaPtr links the next one. */
typedef struct tagMQACH MQACH;
typedef MQACH MQPOINTER PMQACH;
struct tagMQACH {
  MQCHAR4 StrucId;                /* MQACH_STRUC_ID */
  MQLONG Version;
  MQLONG StrucLength;             /* MQACH_CURRENT_LENGTH */
  MQLONG ChainAreaLength;
  MQCHAR48 ExitInfoName;
  PMQACH NextChainAreaPtr;
};

#define MQACH_DEFAULT {MQACH_STRUC_ID_ARRAY}, MQACH_VERSION_1, MQACH_CURRENT_LENGTH, 0, \
  {""}, NULL

/* MQNXP: what a pre-connect exit is called with; it may hand back an array of MQCD
 * pointers for the client to try. Lengths 64 and 72 for versions 1 and 2. */
typedef struct tagMQNXP MQNXP;
typedef MQNXP MQPOINTER PMQNXP;
struct tagMQNXP {
  MQCHAR4 StrucId;                /* MQNXP_STRUC_ID */
  MQLONG Version;
  MQLONG ExitId;                  /* MQXT_PRECONNECT_EXIT */
  MQLONG ExitReason;              /* MQXR_* */
  MQLONG ExitResponse;            /* MQXCC_* */
  MQLONG ExitResponse2;
  MQLONG Feedback;
  MQLONG ExitDataLength;
  PMQCHAR pExitDataPtr;
  MQPTR pExitUserAreaPtr;
  PPMQCD ppMQCDArrayPtr;          /* set by the exit */
  MQLONG MQCDArrayCount;          /* set by the exit */
  MQLONG MaxMQCDVersion;
  /* version 2 */
  PMQIEP pEntryPoints;
};

#define MQNXP_DEFAULT {MQNXP_STRUC_ID_ARRAY}, MQNXP_VERSION_1, MQXT_PRECONNECT_EXIT, 0, 0, \
  0, 0, 0, NULL, NULL, NULL, 0, MQCD_CURRENT_VERSION, NULL

/* MQPSXP: what a publish exit is called with for each publication it may change or
 * stop. Lengths 176 and 184 for versions 1 and 2. The field order is that of IBM's
 * header as bindgen read it (mqi-structs-more.txt notes that IBM's field table lists
 * Hconn and MsgDescPtr elsewhere). */
typedef struct tagMQPSXP MQPSXP;
typedef MQPSXP MQPOINTER PMQPSXP;
struct tagMQPSXP {
  MQCHAR4 StrucId;                /* MQPSXP_STRUC_ID */
  MQLONG Version;
  MQLONG ExitId;                  /* MQXT_PUBLISH_EXIT */
  MQLONG ExitReason;              /* MQXR_* */
  MQLONG ExitResponse;            /* MQXCC_* */
  MQLONG ExitResponse2;
  MQLONG Feedback;
  MQHCONN Hconn;
  MQBYTE16 ExitUserArea;
  MQCHAR32 ExitData;
  MQCHAR48 QMgrName;
  MQHMSG MsgHandle;
  PMQMD MsgDescPtr;
  PMQVOID MsgInPtr;
  MQLONG MsgInLength;
  PMQVOID MsgOutPtr;
  MQLONG MsgOutLength;
  /* version 2 */
  PMQIEP pEntryPoints;
};

#define MQPSXP_DEFAULT {MQPSXP_STRUC_ID_ARRAY}, MQPSXP_VERSION_1, MQXT_PUBLISH_EXIT, 0, \
  0, 0, 0, MQHC_UNUSABLE_HCONN, {MQXUA_NONE_ARRAY}, {""}, {""}, MQHM_NONE, NULL, NULL, \
  0, NULL, 0, NULL

/* ------------------------------------------------------------------------------------ */
/* API exits, data-conversion exits, cluster-workload exits and the publish exit's       */
/* contexts. Field order, types and versions are those of IBM's documentation of each    */
/* structure (x86-64, no packing); tests/unit/mqi_structs_more_check.h asserts every     */
/* size and offset against the MQ<name>_LENGTH_n constants and the documented fields.     */

#define MQAXP_STRUC_ID           "AXP "  /* API exit parameters */
#define MQAXP_STRUC_ID_ARRAY     'A','X','P',' '
#define MQAXC_STRUC_ID           "AXC "  /* API exit context */
#define MQAXC_STRUC_ID_ARRAY     'A','X','C',' '
#define MQDXP_STRUC_ID           "DXP "  /* data-conversion exit parameters */
#define MQDXP_STRUC_ID_ARRAY     'D','X','P',' '
#define MQPBC_STRUC_ID           "PBC "  /* publish exit: publication context */
#define MQPBC_STRUC_ID_ARRAY     'P','B','C',' '
#define MQSBC_STRUC_ID           "SBC "  /* publish exit: subscription context */
#define MQSBC_STRUC_ID_ARRAY     'S','B','C',' '
#define MQWDR_STRUC_ID           "WDR "  /* cluster workload: destination record */
#define MQWDR_STRUC_ID_ARRAY     'W','D','R',' '
#define MQWQR_STRUC_ID           "WQR "  /* cluster workload: queue record */
#define MQWQR_STRUC_ID_ARRAY     'W','Q','R',' '
#define MQWXP_STRUC_ID           "WXP "  /* cluster workload exit parameters */
#define MQWXP_STRUC_ID_ARRAY     'W','X','P',' '
#define MQXEPO_STRUC_ID          "XEPO"  /* MQXEP options */
#define MQXEPO_STRUC_ID_ARRAY    'X','E','P','O'

/* the problem-determination area of MQAXP, "none" (48 bytes of zero) */
#define MQXPDA_NONE \
  "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
#define MQXPDA_NONE_ARRAY \
  MQXUA_NONE_ARRAY, MQXUA_NONE_ARRAY, MQXUA_NONE_ARRAY

/* MQAXP: what every API exit function is called with. Version 2 (256 bytes, which is
 * MQAXP_LENGTH_1 too: version 1 ends at 244 and is padded to the 8-byte boundary that
 * ExitMsgHandle needs) adds the exit's message handle. */
typedef struct tagMQAXP MQAXP;
typedef MQAXP MQPOINTER PMQAXP;
struct tagMQAXP {
  MQCHAR4 StrucId;                /* MQAXP_STRUC_ID */
  MQLONG Version;
  MQLONG ExitId;                  /* MQXT_API_EXIT */
  MQLONG ExitReason;              /* MQXR_BEFORE, MQXR_AFTER, MQXR_CONNECTION */
  MQLONG ExitResponse;            /* set by the exit: MQXCC_* */
  MQLONG ExitResponse2;           /* set by the exit: MQXR2_* */
  MQLONG Feedback;
  MQLONG APICallerType;           /* MQXACT_* */
  MQBYTE16 ExitUserArea;
  MQCHAR32 ExitData;
  MQCHAR48 ExitInfoName;
  MQBYTE48 ExitPDArea;            /* problem determination */
  MQCHAR48 QMgrName;
  PMQACH ExitChainAreaPtr;        /* first chain area, shared between exits */
  MQHCONFIG Hconfig;              /* for MQXEP (through Hconfig->MQXEP_Call) */
  MQLONG Function;                /* MQXF_*: the verb */
  /* version 2 */
  MQHMSG ExitMsgHandle;
};

#define MQAXP_DEFAULT {MQAXP_STRUC_ID_ARRAY}, MQAXP_VERSION_1, MQXT_API_EXIT, 0, MQXCC_OK, \
  MQXR2_DEFAULT_CONTINUATION, MQFB_NONE, MQXACT_EXTERNAL, {MQXUA_NONE_ARRAY}, {""}, {""}, \
  {MQXPDA_NONE_ARRAY}, {""}, NULL, NULL, 0, MQHM_NONE

/* MQAXC: who called the verb an API exit sees. Lengths 392 (version 1) and 424. */
typedef struct tagMQAXC MQAXC;
typedef MQAXC MQPOINTER PMQAXC;
struct tagMQAXC {
  MQCHAR4 StrucId;                /* MQAXC_STRUC_ID */
  MQLONG Version;
  MQLONG Environment;             /* MQXE_* */
  MQCHAR12 UserId;
  MQBYTE40 SecurityId;
  MQCHAR ConnectionName[264];
  MQLONG LongMCAUserIdLength;
  MQLONG LongRemoteUserIdLength;
  MQPTR LongMCAUserIdPtr;
  MQPTR LongRemoteUserIdPtr;
  MQCHAR28 ApplName;
  MQLONG ApplType;                /* MQAT_* */
  MQPID ProcessId;
  MQTID ThreadId;
  /* version 2 */
  MQCHAR ChannelName[20];
  MQBYTE4 Reserved1;
  PMQCD pChannelDefinition;
};

#define MQAXC_DEFAULT {MQAXC_STRUC_ID_ARRAY}, MQAXC_VERSION_1, MQXE_OTHER, {""}, \
  {MQSID_NONE_ARRAY}, {""}, 0, 0, NULL, NULL, {""}, MQAT_DEFAULT, 0, 0, {""}, \
  {'\0','\0','\0','\0'}, NULL

/* MQDXP: what a data-conversion exit is called with. Lengths 44 and 56. */
typedef struct tagMQDXP MQDXP;
typedef MQDXP MQPOINTER PMQDXP;
struct tagMQDXP {
  MQCHAR4 StrucId;                /* MQDXP_STRUC_ID */
  MQLONG Version;
  MQLONG ExitOptions;             /* reserved */
  MQLONG AppOptions;              /* the MQGMO options of the MQGET */
  MQLONG Encoding;                /* wanted by the application */
  MQLONG CodedCharSetId;          /* wanted by the application */
  MQLONG DataLength;
  MQLONG CompCode;
  MQLONG Reason;
  MQLONG ExitResponse;            /* MQXDR_* */
  MQHCONN Hconn;
  /* version 2 */
  PMQIEP pEntryPoints;
};

#define MQDXP_DEFAULT {MQDXP_STRUC_ID_ARRAY}, MQDXP_VERSION_1, 0, 0, 0, 0, 0, MQCC_OK, \
  MQRC_NONE, MQXDR_CONVERSION_FAILED, 0, NULL

/* MQPBC and MQSBC: the publication and the subscription a publish exit (MQPSXP) is
 * deciding about. MQPBC lengths 32 and 40; MQSBC 288. */
typedef struct tagMQPBC MQPBC;
typedef MQPBC MQPOINTER PMQPBC;
struct tagMQPBC {
  MQCHAR4 StrucId;                /* MQPBC_STRUC_ID */
  MQLONG Version;
  MQCHARV PubTopicString;
  /* version 2 */
  PMQMD MsgDescPtr;               /* the publisher's message descriptor */
};

#define MQPBC_DEFAULT {MQPBC_STRUC_ID_ARRAY}, MQPBC_VERSION_1, {MQCHARV_DEFAULT}, NULL

typedef struct tagMQSBC MQSBC;
typedef MQSBC MQPOINTER PMQSBC;
struct tagMQSBC {
  MQCHAR4 StrucId;                /* MQSBC_STRUC_ID */
  MQLONG Version;
  MQCHAR48 DestinationQMgrName;
  MQCHAR48 DestinationQName;
  MQLONG SubType;                 /* MQSUBTYPE_* */
  MQLONG SubOptions;              /* MQSO_* */
  MQCHAR48 ObjectName;
  MQCHARV ObjectString;
  MQCHARV SubTopicString;
  MQCHARV SubName;
  MQBYTE24 SubId;
  MQCHARV SelectionString;
  MQLONG SubLevel;
  MQLONG PSProperties;            /* MQPSPROP_* */
};

#define MQSBC_DEFAULT {MQSBC_STRUC_ID_ARRAY}, MQSBC_VERSION_1, {""}, {""}, 0, 0, {""}, \
  {MQCHARV_DEFAULT}, {MQCHARV_DEFAULT}, {MQCHARV_DEFAULT}, {MQCI_NONE_ARRAY}, \
  {MQCHARV_DEFAULT}, 1, 0

/* Cluster workload exits. MQWXP is the exit's parameter; DestinationArrayPtr and
 * QArrayPtr point to arrays of pointers to MQWDR (one per queue manager that could take
 * the message) and MQWQR (one per instance of the queue); MQWCR records follow them in
 * the cache and are reached with MQXCLWLN. The numbered forms (MQWXP1 ... MQWXP4,
 * MQWDR1, MQWDR2, MQWQR1 ... MQWQR4) are the same structures cut at the end of each
 * version, for exits written against one version. */
typedef struct tagMQWCR MQWCR;
typedef MQWCR MQPOINTER PMQWCR;
struct tagMQWCR {
  MQCHAR48 ClusterName;
  MQLONG ClusterRecOffset;        /* to the next MQWCR, 0 at the last */
  MQLONG ClusterFlags;
};

#define MQWCR_DEFAULT {""}, 0, 0

#define QUIRE_MQWDR_V1_FIELDS_ \
  MQCHAR4 StrucId; MQLONG Version; MQLONG StrucLength; \
  MQLONG QMgrFlags;               /* MQQMF_* */ \
  MQCHAR48 QMgrIdentifier; MQCHAR48 QMgrName; \
  MQLONG ClusterRecOffset;        /* to the first MQWCR */ \
  MQLONG ChannelState;            /* MQCHS_* */ \
  MQLONG ChannelDefOffset;        /* to the channel's MQCD */
#define QUIRE_MQWDR_V2_FIELDS_ \
  MQLONG DestSeqNumber; MQINT64 DestSeqFactor;

typedef struct tagMQWDR MQWDR;
typedef MQWDR MQPOINTER PMQWDR;
typedef PMQWDR MQPOINTER PPMQWDR;
struct tagMQWDR { QUIRE_MQWDR_V1_FIELDS_ QUIRE_MQWDR_V2_FIELDS_ };
typedef struct tagMQWDR1 MQWDR1;
typedef MQWDR1 MQPOINTER PMQWDR1;
typedef PMQWDR1 MQPOINTER PPMQWDR1;
struct tagMQWDR1 { QUIRE_MQWDR_V1_FIELDS_ };
typedef struct tagMQWDR2 MQWDR2;
typedef MQWDR2 MQPOINTER PMQWDR2;
typedef PMQWDR2 MQPOINTER PPMQWDR2;
struct tagMQWDR2 { QUIRE_MQWDR_V1_FIELDS_ QUIRE_MQWDR_V2_FIELDS_ };

#define MQWDR_DEFAULT {MQWDR_STRUC_ID_ARRAY}, MQWDR_VERSION_1, MQWDR_CURRENT_LENGTH, 0, \
  {""}, {""}, 0, 0, 0, 0, 0
#define MQWDR1_DEFAULT {MQWDR_STRUC_ID_ARRAY}, MQWDR_VERSION_1, MQWDR_LENGTH_1, 0, {""}, \
  {""}, 0, 0, 0
#define MQWDR2_DEFAULT {MQWDR_STRUC_ID_ARRAY}, MQWDR_VERSION_2, MQWDR_LENGTH_2, 0, {""}, \
  {""}, 0, 0, 0, 0, 0

#define QUIRE_MQWQR_V1_FIELDS_ \
  MQCHAR4 StrucId; MQLONG Version; MQLONG StrucLength; \
  MQLONG QFlags;                  /* MQQF_* */ \
  MQCHAR48 QName; MQCHAR48 QMgrIdentifier; \
  MQLONG ClusterRecOffset;        /* to the first MQWCR */ \
  MQLONG QType;                   /* MQCQT_* */ \
  MQCHAR64 QDesc; MQLONG DefBind; MQLONG DefPersistence; MQLONG DefPriority; \
  MQLONG InhibitPut;
#define QUIRE_MQWQR_V2_FIELDS_ MQLONG CLWLQueuePriority; MQLONG CLWLQueueRank;
#define QUIRE_MQWQR_V3_FIELDS_ MQLONG DefPutResponse;  /* MQPRT_* */
#define QUIRE_MQWQR_V4_FIELDS_ MQLONG CapExpiry;       /* MQCEX_* or tenths of a second */

typedef struct tagMQWQR MQWQR;
typedef MQWQR MQPOINTER PMQWQR;
typedef PMQWQR MQPOINTER PPMQWQR;
struct tagMQWQR { QUIRE_MQWQR_V1_FIELDS_ QUIRE_MQWQR_V2_FIELDS_ QUIRE_MQWQR_V3_FIELDS_
                  QUIRE_MQWQR_V4_FIELDS_ };
typedef struct tagMQWQR1 MQWQR1;
typedef MQWQR1 MQPOINTER PMQWQR1;
typedef PMQWQR1 MQPOINTER PPMQWQR1;
struct tagMQWQR1 { QUIRE_MQWQR_V1_FIELDS_ };
typedef struct tagMQWQR2 MQWQR2;
typedef MQWQR2 MQPOINTER PMQWQR2;
typedef PMQWQR2 MQPOINTER PPMQWQR2;
struct tagMQWQR2 { QUIRE_MQWQR_V1_FIELDS_ QUIRE_MQWQR_V2_FIELDS_ };
typedef struct tagMQWQR3 MQWQR3;
typedef MQWQR3 MQPOINTER PMQWQR3;
typedef PMQWQR3 MQPOINTER PPMQWQR3;
struct tagMQWQR3 { QUIRE_MQWQR_V1_FIELDS_ QUIRE_MQWQR_V2_FIELDS_ QUIRE_MQWQR_V3_FIELDS_ };
typedef struct tagMQWQR4 MQWQR4;
typedef MQWQR4 MQPOINTER PMQWQR4;
typedef PMQWQR4 MQPOINTER PPMQWQR4;
struct tagMQWQR4 { QUIRE_MQWQR_V1_FIELDS_ QUIRE_MQWQR_V2_FIELDS_ QUIRE_MQWQR_V3_FIELDS_
                   QUIRE_MQWQR_V4_FIELDS_ };

#define QUIRE_MQWQR_V1_DEFAULT_ {""}, {""}, 0, 0, {""}, 0, 0, 0, 0
#define MQWQR_DEFAULT {MQWQR_STRUC_ID_ARRAY}, MQWQR_VERSION_1, MQWQR_CURRENT_LENGTH, 0, \
  QUIRE_MQWQR_V1_DEFAULT_, 0, 0, MQPRT_SYNC_RESPONSE, MQCEX_NOLIMIT
#define MQWQR1_DEFAULT {MQWQR_STRUC_ID_ARRAY}, MQWQR_VERSION_1, MQWQR_LENGTH_1, 0, \
  QUIRE_MQWQR_V1_DEFAULT_
#define MQWQR2_DEFAULT {MQWQR_STRUC_ID_ARRAY}, MQWQR_VERSION_2, MQWQR_LENGTH_2, 0, \
  QUIRE_MQWQR_V1_DEFAULT_, 0, 0
#define MQWQR3_DEFAULT {MQWQR_STRUC_ID_ARRAY}, MQWQR_VERSION_3, MQWQR_LENGTH_3, 0, \
  QUIRE_MQWQR_V1_DEFAULT_, 0, 0, MQPRT_SYNC_RESPONSE
#define MQWQR4_DEFAULT {MQWQR_STRUC_ID_ARRAY}, MQWQR_VERSION_4, MQWQR_LENGTH_4, 0, \
  QUIRE_MQWQR_V1_DEFAULT_, 0, 0, MQPRT_SYNC_RESPONSE, MQCEX_NOLIMIT

#define QUIRE_MQWXP_V1_FIELDS_ \
  MQCHAR4 StrucId; MQLONG Version; \
  MQLONG ExitId;                  /* MQXT_CLUSTER_WORKLOAD_EXIT */ \
  MQLONG ExitReason;              /* MQXR_* */ \
  MQLONG ExitResponse;            /* MQXCC_* */ \
  MQLONG ExitResponse2;           /* MQXR2_* */ \
  MQLONG Feedback; \
  MQLONG Flags;                   /* MQWXP_PUT_BY_CLUSTER_CHL */ \
  MQBYTE16 ExitUserArea; MQCHAR32 ExitData; \
  PMQMD MsgDescPtr; PMQVOID MsgBufferPtr; MQLONG MsgBufferLength; MQLONG MsgLength; \
  MQCHAR48 QName; MQCHAR48 QMgrName; \
  MQLONG DestinationCount; \
  MQLONG DestinationChosen;       /* set by the exit: 1 .. DestinationCount */ \
  PPMQWDR DestinationArrayPtr; PPMQWQR QArrayPtr;
#define QUIRE_MQWXP_V2_FIELDS_ MQPTR CacheContext; MQLONG CacheType;  /* MQCLCT_* */
#define QUIRE_MQWXP_V3_FIELDS_ MQLONG CLWLMRUChannels;
#define QUIRE_MQWXP_V4_FIELDS_ PMQIEP pEntryPoints;

typedef struct tagMQWXP MQWXP;
typedef MQWXP MQPOINTER PMQWXP;
struct tagMQWXP { QUIRE_MQWXP_V1_FIELDS_ QUIRE_MQWXP_V2_FIELDS_ QUIRE_MQWXP_V3_FIELDS_
                  QUIRE_MQWXP_V4_FIELDS_ };
typedef struct tagMQWXP1 MQWXP1;
typedef MQWXP1 MQPOINTER PMQWXP1;
struct tagMQWXP1 { QUIRE_MQWXP_V1_FIELDS_ };
typedef struct tagMQWXP2 MQWXP2;
typedef MQWXP2 MQPOINTER PMQWXP2;
struct tagMQWXP2 { QUIRE_MQWXP_V1_FIELDS_ QUIRE_MQWXP_V2_FIELDS_ };
typedef struct tagMQWXP3 MQWXP3;
typedef MQWXP3 MQPOINTER PMQWXP3;
struct tagMQWXP3 { QUIRE_MQWXP_V1_FIELDS_ QUIRE_MQWXP_V2_FIELDS_ QUIRE_MQWXP_V3_FIELDS_ };
typedef struct tagMQWXP4 MQWXP4;
typedef MQWXP4 MQPOINTER PMQWXP4;
struct tagMQWXP4 { QUIRE_MQWXP_V1_FIELDS_ QUIRE_MQWXP_V2_FIELDS_ QUIRE_MQWXP_V3_FIELDS_
                   QUIRE_MQWXP_V4_FIELDS_ };

#define QUIRE_MQWXP_V1_DEFAULT_ 0, 0, MQXCC_OK, 0, 0, 0, {MQXUA_NONE_ARRAY}, {""}, NULL, \
  NULL, 0, 0, {""}, {""}, 0, 0, NULL, NULL
#define MQWXP_DEFAULT {MQWXP_STRUC_ID_ARRAY}, MQWXP_VERSION_2, QUIRE_MQWXP_V1_DEFAULT_, \
  NULL, MQCLCT_DYNAMIC, 0, NULL
#define MQWXP1_DEFAULT {MQWXP_STRUC_ID_ARRAY}, MQWXP_VERSION_1, QUIRE_MQWXP_V1_DEFAULT_
#define MQWXP2_DEFAULT {MQWXP_STRUC_ID_ARRAY}, MQWXP_VERSION_2, QUIRE_MQWXP_V1_DEFAULT_, \
  NULL, MQCLCT_DYNAMIC
#define MQWXP3_DEFAULT {MQWXP_STRUC_ID_ARRAY}, MQWXP_VERSION_3, QUIRE_MQWXP_V1_DEFAULT_, \
  NULL, MQCLCT_DYNAMIC, 0
#define MQWXP4_DEFAULT {MQWXP_STRUC_ID_ARRAY}, MQWXP_VERSION_4, QUIRE_MQWXP_V1_DEFAULT_, \
  NULL, MQCLCT_DYNAMIC, 0, NULL

/* MQXEPO: options of MQXEP (40 bytes). */
typedef struct tagMQXEPO MQXEPO;
typedef MQXEPO MQPOINTER PMQXEPO;
struct tagMQXEPO {
  MQCHAR4 StrucId;                /* MQXEPO_STRUC_ID */
  MQLONG Version;
  MQLONG Options;                 /* MQXEPO_NONE */
  MQCHARV ExitProperties;
};

#define MQXEPO_DEFAULT {MQXEPO_STRUC_ID_ARRAY}, MQXEPO_VERSION_1, MQXEPO_NONE, \
  {MQCHARV_DEFAULT}

/* ------------------------------------------------------------------------------------ */
/* The exit functions' types. An exit declares its functions with them
 * ("MQ_GET_EXIT GetAfter;") and registers each with MQXEP; the P forms are pointers. */

/* API exits (MQXF_* names the verb each one stands beside) */
typedef void MQENTRY MQ_INIT_EXIT(PMQAXP pExitParms, PMQAXC pExitContext,
                                  PMQLONG pCompCode, PMQLONG pReason);
typedef MQ_INIT_EXIT MQPOINTER PMQ_INIT_EXIT;
typedef void MQENTRY MQ_TERM_EXIT(PMQAXP pExitParms, PMQAXC pExitContext,
                                  PMQLONG pCompCode, PMQLONG pReason);
typedef MQ_TERM_EXIT MQPOINTER PMQ_TERM_EXIT;
typedef void MQENTRY MQ_BACK_EXIT(PMQAXP pExitParms, PMQAXC pExitContext, PMQHCONN pHconn,
                                  PMQLONG pCompCode, PMQLONG pReason);
typedef MQ_BACK_EXIT MQPOINTER PMQ_BACK_EXIT;
typedef void MQENTRY MQ_BEGIN_EXIT(PMQAXP pExitParms, PMQAXC pExitContext, PMQHCONN pHconn,
                                   PPMQBO ppBeginOptions, PMQLONG pCompCode,
                                   PMQLONG pReason);
typedef MQ_BEGIN_EXIT MQPOINTER PMQ_BEGIN_EXIT;
typedef void MQENTRY MQ_CALLBACK_EXIT(PMQAXP pExitParms, PMQAXC pExitContext,
                                      PMQHCONN pHconn, PPMQMD ppMsgDesc,
                                      PPMQGMO ppGetMsgOpts, PPMQVOID ppBuffer,
                                      PPMQCBC ppMQCBContext);
typedef MQ_CALLBACK_EXIT MQPOINTER PMQ_CALLBACK_EXIT;
typedef void MQENTRY MQ_CB_EXIT(PMQAXP pExitParms, PMQAXC pExitContext, PMQHCONN pHconn,
                                PMQLONG pOperation, PPMQCBD ppCallbackDesc, PMQHOBJ pHobj,
                                PPMQMD ppMsgDesc, PPMQGMO ppGetMsgOpts, PMQLONG pCompCode,
                                PMQLONG pReason);
typedef MQ_CB_EXIT MQPOINTER PMQ_CB_EXIT;
typedef void MQENTRY MQ_CLOSE_EXIT(PMQAXP pExitParms, PMQAXC pExitContext, PMQHCONN pHconn,
                                   PPMQHOBJ ppHobj, PMQLONG pOptions, PMQLONG pCompCode,
                                   PMQLONG pReason);
typedef MQ_CLOSE_EXIT MQPOINTER PMQ_CLOSE_EXIT;
typedef void MQENTRY MQ_CMIT_EXIT(PMQAXP pExitParms, PMQAXC pExitContext, PMQHCONN pHconn,
                                  PMQLONG pCompCode, PMQLONG pReason);
typedef MQ_CMIT_EXIT MQPOINTER PMQ_CMIT_EXIT;
typedef void MQENTRY MQ_CONNX_EXIT(PMQAXP pExitParms, PMQAXC pExitContext,
                                   PMQCHAR pQMgrName, PPMQCNO ppConnectOpts,
                                   PPMQHCONN ppHconn, PMQLONG pCompCode, PMQLONG pReason);
typedef MQ_CONNX_EXIT MQPOINTER PMQ_CONNX_EXIT;
typedef void MQENTRY MQ_CTL_EXIT(PMQAXP pExitParms, PMQAXC pExitContext, PMQHCONN pHconn,
                                 PMQLONG pOperation, PPMQCTLO ppCtlOpts, PMQLONG pCompCode,
                                 PMQLONG pReason);
typedef MQ_CTL_EXIT MQPOINTER PMQ_CTL_EXIT;
typedef void MQENTRY MQ_DISC_EXIT(PMQAXP pExitParms, PMQAXC pExitContext,
                                  PPMQHCONN ppHconn, PMQLONG pCompCode, PMQLONG pReason);
typedef MQ_DISC_EXIT MQPOINTER PMQ_DISC_EXIT;
typedef void MQENTRY MQ_GET_EXIT(PMQAXP pExitParms, PMQAXC pExitContext, PMQHCONN pHconn,
                                 PMQHOBJ pHobj, PPMQMD ppMsgDesc, PPMQGMO ppGetMsgOpts,
                                 PMQLONG pBufferLength, PPMQVOID ppBuffer,
                                 PPMQLONG ppDataLength, PMQLONG pCompCode,
                                 PMQLONG pReason);
typedef MQ_GET_EXIT MQPOINTER PMQ_GET_EXIT;
typedef void MQENTRY MQ_INQ_EXIT(PMQAXP pExitParms, PMQAXC pExitContext, PMQHCONN pHconn,
                                 PMQHOBJ pHobj, PMQLONG pSelectorCount,
                                 PPMQLONG ppSelectors, PMQLONG pIntAttrCount,
                                 PPMQLONG ppIntAttrs, PMQLONG pCharAttrLength,
                                 PPMQCHAR ppCharAttrs, PMQLONG pCompCode, PMQLONG pReason);
typedef MQ_INQ_EXIT MQPOINTER PMQ_INQ_EXIT;
typedef void MQENTRY MQ_OPEN_EXIT(PMQAXP pExitParms, PMQAXC pExitContext, PMQHCONN pHconn,
                                  PPMQOD ppObjDesc, PMQLONG pOptions, PPMQHOBJ ppHobj,
                                  PMQLONG pCompCode, PMQLONG pReason);
typedef MQ_OPEN_EXIT MQPOINTER PMQ_OPEN_EXIT;
typedef void MQENTRY MQ_PUT_EXIT(PMQAXP pExitParms, PMQAXC pExitContext, PMQHCONN pHconn,
                                 PMQHOBJ pHobj, PPMQMD ppMsgDesc, PPMQPMO ppPutMsgOpts,
                                 PMQLONG pBufferLength, PPMQVOID ppBuffer,
                                 PMQLONG pCompCode, PMQLONG pReason);
typedef MQ_PUT_EXIT MQPOINTER PMQ_PUT_EXIT;
typedef void MQENTRY MQ_PUT1_EXIT(PMQAXP pExitParms, PMQAXC pExitContext, PMQHCONN pHconn,
                                  PPMQOD ppObjDesc, PPMQMD ppMsgDesc,
                                  PPMQPMO ppPutMsgOpts, PMQLONG pBufferLength,
                                  PPMQVOID ppBuffer, PMQLONG pCompCode, PMQLONG pReason);
typedef MQ_PUT1_EXIT MQPOINTER PMQ_PUT1_EXIT;
typedef void MQENTRY MQ_SET_EXIT(PMQAXP pExitParms, PMQAXC pExitContext, PMQHCONN pHconn,
                                 PMQHOBJ pHobj, PMQLONG pSelectorCount,
                                 PPMQLONG ppSelectors, PMQLONG pIntAttrCount,
                                 PPMQLONG ppIntAttrs, PMQLONG pCharAttrLength,
                                 PPMQCHAR ppCharAttrs, PMQLONG pCompCode, PMQLONG pReason);
typedef MQ_SET_EXIT MQPOINTER PMQ_SET_EXIT;
typedef void MQENTRY MQ_STAT_EXIT(PMQAXP pExitParms, PMQAXC pExitContext, PMQHCONN pHconn,
                                  PMQLONG pType, PPMQSTS ppStatus, PMQLONG pCompCode,
                                  PMQLONG pReason);
typedef MQ_STAT_EXIT MQPOINTER PMQ_STAT_EXIT;
typedef void MQENTRY MQ_SUB_EXIT(PMQAXP pExitParms, PMQAXC pExitContext, PMQHCONN pHconn,
                                 PPMQSD ppSubDesc, PPMQHOBJ ppHobj, PPMQHOBJ ppHsub,
                                 PMQLONG pCompCode, PMQLONG pReason);
typedef MQ_SUB_EXIT MQPOINTER PMQ_SUB_EXIT;
typedef void MQENTRY MQ_SUBRQ_EXIT(PMQAXP pExitParms, PMQAXC pExitContext, PMQHCONN pHconn,
                                   PMQHOBJ pHsub, PMQLONG pAction, PPMQSRO ppSubRqOpts,
                                   PMQLONG pCompCode, PMQLONG pReason);
typedef MQ_SUBRQ_EXIT MQPOINTER PMQ_SUBRQ_EXIT;

/* channel, cluster, conversion, publish, transport and pre-connect exits */
typedef void MQENTRY MQ_CHANNEL_EXIT(PMQVOID pChannelExitParms, PMQVOID pChannelDefinition,
                                     PMQLONG pDataLength, PMQLONG pAgentBufferLength,
                                     PMQVOID pAgentBuffer, PMQLONG pExitBufferLength,
                                     PMQPTR pExitBufferAddr);
typedef MQ_CHANNEL_EXIT MQPOINTER PMQ_CHANNEL_EXIT;
typedef void MQENTRY MQ_CHANNEL_AUTO_DEF_EXIT(PMQVOID pChannelExitParms,
                                              PMQVOID pChannelDefinition);
typedef MQ_CHANNEL_AUTO_DEF_EXIT MQPOINTER PMQ_CHANNEL_AUTO_DEF_EXIT;
typedef void MQENTRY MQ_CLUSTER_WORKLOAD_EXIT(PMQWXP pExitParms);
typedef MQ_CLUSTER_WORKLOAD_EXIT MQPOINTER PMQ_CLUSTER_WORKLOAD_EXIT;
typedef void MQENTRY MQ_DATA_CONV_EXIT(PMQDXP pDataConvExitParms, PMQMD pMsgDesc,
                                       MQLONG InBufferLength, PMQVOID pInBuffer,
                                       MQLONG OutBufferLength, PMQVOID pOutBuffer);
typedef MQ_DATA_CONV_EXIT MQPOINTER PMQ_DATA_CONV_EXIT;
typedef void MQENTRY MQ_PUBLISH_EXIT(PMQPSXP pExitParms, PMQPBC pPubContext,
                                     PMQSBC pSubContext);
typedef MQ_PUBLISH_EXIT MQPOINTER PMQ_PUBLISH_EXIT;
typedef void MQENTRY MQ_TRANSPORT_EXIT(PMQVOID pExitParms, MQLONG DestAddressLength,
                                       PMQCHAR pDestAddress);
typedef MQ_TRANSPORT_EXIT MQPOINTER PMQ_TRANSPORT_EXIT;
typedef void MQENTRY MQ_PRECONNECT_EXIT(PMQNXP pExitParms, PMQCHAR pQMgrName,
                                        PPMQCNO ppConnectOpts, PMQLONG pCompCode,
                                        PMQLONG pReason);
typedef MQ_PRECONNECT_EXIT MQPOINTER PMQ_PRECONNECT_EXIT;

/* ------------------------------------------------------------------------------------ */
/* The calls an exit may make back into the queue manager, and their types (the
 * MQIEP structure of cmqec.h holds a pointer to each).
 *   MQXEP    register an API exit function for a verb (MQXF_*) and MQXR_BEFORE/AFTER
 *   MQXCLWLN move from one cluster workload record to the next
 *   MQXCNVC  convert characters between two CCSIDs (MQDCC_* options)
 *   MQXDX    the data-conversion exit entry point that crtmqcvx-generated code defines
 * Quire's libmqm exports the first three (qm/mqi/xcnvc.c): MQXCNVC converts for real;
 * Quire runs no API exits and no cluster workload exits, so MQXEP answers
 * MQRC_HCONFIG_ERROR and MQXCLWLN MQRC_ENVIRONMENT_ERROR.  MQXDX is what an exit
 * defines, not libmqm. */
void MQENTRY MQXEP(MQHCONFIG Hconfig, MQLONG ExitReason, MQLONG Function,
                   PMQFUNC pEntryPoint, PMQXEPO pExitOpts, PMQLONG pCompCode,
                   PMQLONG pReason);
typedef void MQENTRY MQ_XEP_CALL(MQHCONFIG Hconfig, MQLONG ExitReason, MQLONG Function,
                                 PMQFUNC pEntryPoint, PMQXEPO pExitOpts, PMQLONG pCompCode,
                                 PMQLONG pReason);
typedef MQ_XEP_CALL MQPOINTER PMQ_XEP_CALL;

void MQENTRY MQXCLWLN(PMQWXP pExitParms, MQPTR CurrentRecord, MQLONG NextOffset,
                      PMQPTR pNextRecord, PMQLONG pCompCode, PMQLONG pReason);
typedef void MQENTRY MQ_XCLWLN_CALL(PMQWXP pExitParms, MQPTR CurrentRecord,
                                    MQLONG NextOffset, PMQPTR pNextRecord,
                                    PMQLONG pCompCode, PMQLONG pReason);
typedef MQ_XCLWLN_CALL MQPOINTER PMQ_XCLWLN_CALL;

void MQENTRY MQXCNVC(MQHCONN Hconn, MQLONG Options, MQLONG SourceCCSID,
                     MQLONG SourceLength, PMQCHAR pSourceBuffer, MQLONG TargetCCSID,
                     MQLONG TargetLength, PMQCHAR pTargetBuffer, PMQLONG pDataLength,
                     PMQLONG pCompCode, PMQLONG pReason);
typedef void MQENTRY MQ_XCNVC_CALL(MQHCONN Hconn, MQLONG Options, MQLONG SourceCCSID,
                                   MQLONG SourceLength, PMQCHAR pSourceBuffer,
                                   MQLONG TargetCCSID, MQLONG TargetLength,
                                   PMQCHAR pTargetBuffer, PMQLONG pDataLength,
                                   PMQLONG pCompCode, PMQLONG pReason);
typedef MQ_XCNVC_CALL MQPOINTER PMQ_XCNVC_CALL;

void MQENTRY MQXDX(PMQDXP pDataConvExitParms, PMQMD pMsgDesc, MQLONG InBufferLength,
                   PMQVOID pInBuffer, MQLONG OutBufferLength, PMQVOID pOutBuffer);
typedef void MQENTRY MQ_XDX_CALL(PMQDXP pDataConvExitParms, PMQMD pMsgDesc,
                                 MQLONG InBufferLength, PMQVOID pInBuffer,
                                 MQLONG OutBufferLength, PMQVOID pOutBuffer);
typedef MQ_XDX_CALL MQPOINTER PMQ_XDX_CALL;

#if defined(__cplusplus)
}
#endif

#endif /* MQXC_INCLUDED */
