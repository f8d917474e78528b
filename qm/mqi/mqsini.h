/*
 * mqsini.h: the one mqs.ini lookup libmqm makes (mqsini.c), without the
 * queue manager's configuration code (qm/home/config.c).
 *
 * Calling sequence (MQCONN):
 *   rc = mqm_locate(name, real, sizeof real, dir, sizeof dir);   (mqm_int.h)
 * reads <$MQ_DATA_PATH or /var/mqm>/mqs.ini once and hands its text to
 *   rc = mqm_mqsini_find(text, name, real, sizeof real, dir, sizeof dir);
 * which tests/unit/test_mqsini.c also calls on texts of its own.
 *
 * The rules are config.c's, and give the same answer for every text: the
 * file is read as config.c reads it (its line reader over inih, with inih's
 * comments, continuation lines and "Key:Value" pairs), and a file config.c
 * would refuse anywhere (a bad value of any key it checks, LogDefaults
 * included; a QueueManager stanza without Name, Prefix or Directory; a name
 * listed twice; a line it cannot parse) finds nothing.
 *
 * Reasons: 0 with real (the name as listed) and dir (DataPath, or else
 * <Prefix>/qmgrs/<Directory>) filled in; MQRC_Q_MGR_NAME_ERROR (2058) when the
 * queue manager is not listed, name is "" and there is no default, the file is
 * missing or refused, or dir does not fit; MQRC_NOT_AUTHORIZED (2035) when
 * mqs.ini may not be opened (EACCES); MQRC_STORAGE_NOT_AVAILABLE (2071) when
 * out of memory.
 */
#ifndef QUIRE_MQSINI_H
#define QUIRE_MQSINI_H

#include <stddef.h>

#include <cmqc.h>

/* The queue manager `name` ("" = DefaultQueueManager) in the mqs.ini text
 * `text` (NUL-terminated; taken apart in place). */
MQLONG mqm_mqsini_find(char *text, const char *name, char *real, size_t realn, char *dir, size_t n);

#endif
