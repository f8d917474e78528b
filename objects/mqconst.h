/*
 * mqconst.h: the few MQI constants objects/ uses, until include/cmqc.h (being
 * written in issue 4) provides them.  Same names and values as cmqc.h (taken
 * from shared/reference/mqi-constants.tsv); when cmqc.h has them this file goes
 * and the objects/ sources include "cmqc.h" instead.
 */
#ifndef QUIRE_OBJECTS_MQCONST_H
#define QUIRE_OBJECTS_MQCONST_H

#define MQIA_CODED_CHAR_SET_ID           2
#define MQIA_DEF_INPUT_OPEN_OPTION       4
#define MQIA_DEF_PERSISTENCE             5
#define MQIA_DEF_PRIORITY                6
#define MQIA_DEFINITION_TYPE             7
#define MQIA_HARDEN_GET_BACKOUT          8
#define MQIA_INHIBIT_GET                 9
#define MQIA_INHIBIT_PUT                 10
#define MQIA_MAX_HANDLES                 11
#define MQIA_USAGE                       12
#define MQIA_MAX_MSG_LENGTH              13
#define MQIA_MAX_PRIORITY                14
#define MQIA_MAX_Q_DEPTH                 15
#define MQIA_MSG_DELIVERY_SEQUENCE       16
#define MQIA_Q_TYPE                      20
#define MQIA_BACKOUT_THRESHOLD           22
#define MQIA_SHAREABILITY                23
#define MQIA_COMMAND_LEVEL               31
#define MQIA_PLATFORM                    32
#define MQIA_MAX_UNCOMMITTED_MSGS        33
#define MQIA_INDEX_TYPE                  57
#define MQIA_BASE_TYPE                   193
#define MQIA_MEDIA_IMAGE_SCHEDULING      268
#define MQIA_MEDIA_IMAGE_INTERVAL        269
#define MQIA_MEDIA_IMAGE_LOG_LENGTH      270
#define MQIA_MEDIA_IMAGE_RECOVER_OBJ     271
#define MQIA_MEDIA_IMAGE_RECOVER_Q       272
#define MQCA_BASE_OBJECT_NAME            2002
#define MQCA_COMMAND_INPUT_Q_NAME        2003
#define MQCA_CREATION_DATE               2004
#define MQCA_CREATION_TIME               2005
#define MQCA_DEAD_LETTER_Q_NAME          2006
#define MQCA_Q_DESC                      2013
#define MQCA_Q_MGR_DESC                  2014
#define MQCA_Q_MGR_NAME                  2015
#define MQCA_Q_NAME                      2016
#define MQCA_BACKOUT_REQ_Q_NAME          2019
#define MQCA_DEF_XMIT_Q_NAME             2025
#define MQCA_ALTERATION_DATE             2027
#define MQCA_ALTERATION_TIME             2028
#define MQCA_Q_MGR_IDENTIFIER            2032
#define MQQA_PUT_ALLOWED                 0
#define MQQA_PUT_INHIBITED               1
#define MQQA_GET_ALLOWED                 0
#define MQQA_GET_INHIBITED               1
#define MQQA_SHAREABLE                   1
#define MQQA_NOT_SHAREABLE               0
#define MQQA_BACKOUT_HARDENED            1
#define MQQA_BACKOUT_NOT_HARDENED        0
#define MQPER_NOT_PERSISTENT             0
#define MQPER_PERSISTENT                 1
#define MQMDS_PRIORITY                   0
#define MQMDS_FIFO                       1
#define MQIT_NONE                        0
#define MQIT_MSG_ID                      1
#define MQIT_CORREL_ID                   2
#define MQIT_MSG_TOKEN                   4
#define MQIT_GROUP_ID                    5
#define MQOO_INPUT_SHARED                2
#define MQOO_INPUT_EXCLUSIVE             4
#define MQUS_NORMAL                      0
#define MQUS_TRANSMISSION                1
#define MQQDT_PREDEFINED                 1
#define MQQDT_PERMANENT_DYNAMIC          2
#define MQQDT_TEMPORARY_DYNAMIC          3
#define MQOT_Q                           1
#define MQOT_TOPIC                       8
#define MQOT_Q_MGR                       5
#define MQOT_ALIAS_Q                     1002
#define MQOT_MODEL_Q                     1003
#define MQOT_LOCAL_Q                     1004
#define MQQT_LOCAL                       1
#define MQQT_MODEL                       2
#define MQQT_ALIAS                       3
#define MQIMGRCOV_NO                     0
#define MQIMGRCOV_YES                    1
#define MQIMGRCOV_AS_Q_MGR               2
#define MQMEDIMGSCHED_MANUAL             0
#define MQMEDIMGSCHED_AUTO               1
#define MQMEDIMGINTVL_OFF                0
#define MQMEDIMGLOGLN_OFF                0
#define MQCMDL_CURRENT_LEVEL             945
#define MQPL_UNIX                        3
#define MQMD_LENGTH_2                    364
#define MQ_Q_NAME_LENGTH                 48
#define MQ_Q_MGR_NAME_LENGTH             48
#define MQ_Q_DESC_LENGTH                 64
#define MQ_Q_MGR_DESC_LENGTH             64
#define MQ_CREATION_DATE_LENGTH          12
#define MQ_CREATION_TIME_LENGTH          8
#define MQ_DATE_LENGTH                   12
#define MQ_TIME_LENGTH                   8
#define MQ_Q_MGR_IDENTIFIER_LENGTH       48
#define MQ_OBJECT_NAME_LENGTH            48
#define MQ_MSG_ID_LENGTH                 24
#define MQ_CORREL_ID_LENGTH              24
#define MQ_GROUP_ID_LENGTH               24

#endif
