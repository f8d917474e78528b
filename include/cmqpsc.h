/*
 * cmqpsc.h -- the tag names of the publish/subscribe command messages of Quire's MQI
 * (the name/value strings of an MQRFH version 1 header, as MQ's early queued
 * publish/subscribe broker read them), for C and C++ programs.
 *
 * Written for Quire from IBM's documentation (the "MQPS_* (Publish/Subscribe)" constants
 * page); no text of IBM's header.
 *
 * What it holds: the 23 tag names as strings (MQPS_COMMAND is "MQPSCommand", ...) and each
 * of them blank-enclosed, as it stands in an MQRFH NameValueString (MQPS_COMMAND_B is
 * " MQPSCommand "). The numeric MQPS_STATUS_* values are PCF constants: they are in
 * cmqcfc.h.
 *
 * Not here, because their values could not be confirmed from IBM's documentation: the
 * values of the tags (MQPS_PUBLISH, MQPS_REGISTER_SUBSCRIBER, MQPS_ANONYMOUS, ...), the
 * character-array forms (MQPS_*_A), the MQPSC_* and MQMCD_* names of the MQRFH2 folders,
 * and MQRCCF_FILTER_ERROR / MQRCCF_WRONG_USER. Quire runs no queued publish/subscribe
 * broker.
 *
 * Calling sequence: build an MQRFH NameValueString by concatenating blank-enclosed tags
 * and values, e.g. MQPS_COMMAND_B "Publish" MQPS_TOPIC_B "Sport/Results".
 */
#ifndef MQPSC_INCLUDED
#define MQPSC_INCLUDED

/* tags as strings */
#define MQPS_COMMAND                             "MQPSCommand"
#define MQPS_COMP_CODE                           "MQPSCompCode"
#define MQPS_CORREL_ID                           "MQPSCorrelId"
#define MQPS_DELETE_OPTIONS                      "MQPSDelOpts"
#define MQPS_ERROR_ID                            "MQPSErrorId"
#define MQPS_ERROR_POS                           "MQPSErrorPos"
#define MQPS_INTEGER_DATA                        "MQPSIntData"
#define MQPS_PARAMETER_ID                        "MQPSParmId"
#define MQPS_PUBLICATION_OPTIONS                 "MQPSPubOpts"
#define MQPS_PUBLISH_TIMESTAMP                   "MQPSPubTime"
#define MQPS_Q_MGR_NAME                          "MQPSQMgrName"
#define MQPS_Q_NAME                              "MQPSQName"
#define MQPS_REASON                              "MQPSReason"
#define MQPS_REASON_TEXT                         "MQPSReasonText"
#define MQPS_REGISTRATION_OPTIONS                "MQPSRegOpts"
#define MQPS_SEQUENCE_NUMBER                     "MQPSSeqNum"
#define MQPS_STREAM_NAME                         "MQPSStreamName"
#define MQPS_STRING_DATA                         "MQPSStringData"
#define MQPS_SUBSCRIPTION_IDENTITY               "MQPSSubIdentity"
#define MQPS_SUBSCRIPTION_NAME                   "MQPSSubName"
#define MQPS_SUBSCRIPTION_USER_DATA              "MQPSSubUserData"
#define MQPS_TOPIC                               "MQPSTopic"
#define MQPS_USER_ID                             "MQPSUserId"

/* tags enclosed in blanks */
#define MQPS_COMMAND_B                           " MQPSCommand "
#define MQPS_COMP_CODE_B                         " MQPSCompCode "
#define MQPS_CORREL_ID_B                         " MQPSCorrelId "
#define MQPS_DELETE_OPTIONS_B                    " MQPSDelOpts "
#define MQPS_ERROR_ID_B                          " MQPSErrorId "
#define MQPS_ERROR_POS_B                         " MQPSErrorPos "
#define MQPS_INTEGER_DATA_B                      " MQPSIntData "
#define MQPS_PARAMETER_ID_B                      " MQPSParmId "
#define MQPS_PUBLICATION_OPTIONS_B               " MQPSPubOpts "
#define MQPS_PUBLISH_TIMESTAMP_B                 " MQPSPubTime "
#define MQPS_Q_MGR_NAME_B                        " MQPSQMgrName "
#define MQPS_Q_NAME_B                            " MQPSQName "
#define MQPS_REASON_B                            " MQPSReason "
#define MQPS_REASON_TEXT_B                       " MQPSReasonText "
#define MQPS_REGISTRATION_OPTIONS_B              " MQPSRegOpts "
#define MQPS_SEQUENCE_NUMBER_B                   " MQPSSeqNum "
#define MQPS_STREAM_NAME_B                       " MQPSStreamName "
#define MQPS_STRING_DATA_B                       " MQPSStringData "
#define MQPS_SUBSCRIPTION_IDENTITY_B             " MQPSSubIdentity "
#define MQPS_SUBSCRIPTION_NAME_B                 " MQPSSubName "
#define MQPS_SUBSCRIPTION_USER_DATA_B            " MQPSSubUserData "
#define MQPS_TOPIC_B                             " MQPSTopic "
#define MQPS_USER_ID_B                           " MQPSUserId "

#endif /* MQPSC_INCLUDED */
