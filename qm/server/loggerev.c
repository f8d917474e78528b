/*
 * loggerev.c: logger events (see loggerev.h for when they are put).
 *
 * The message, as MQ builds event messages:
 *
 *   MQMD    Format MQFMT_EVENT, MsgType MQMT_DATAGRAM, Report MQRO_NONE,
 *           Expiry MQEI_UNLIMITED, Feedback MQFB_NONE, Encoding MQENC_NATIVE,
 *           CodedCharSetId the queue manager's CCSID, Priority and
 *           Persistence as the event queue's DEFPRTY and DEFPSIST
 *           (MQPRI_PRIORITY_AS_Q_DEF, MQPER_PERSISTENCE_AS_Q_DEF, as MQ: crtmqm
 *           defines SYSTEM.ADMIN.LOGGER.EVENT DEFPSIST(NO); ALTER it to YES
 *           for events that survive a restart), a new MsgId,
 *           CorrelId MQCI_NONE, no reply queue (ReplyToQ blank, ReplyToQMgr
 *           this queue manager), UserIdentifier, ApplIdentityData and
 *           ApplOriginData blank, AccountingToken MQACT_NONE, PutApplType
 *           MQAT_QMGR, PutApplName the first 28 characters of the queue
 *           manager name, PutDate and PutTime (GMT) when it was put.
 *   data    in native byte order, every length a multiple of 4:
 *     offset  size  what
 *          0    36  MQCFH: Type MQCFT_EVENT, StrucLength 36, Version
 *                   MQCFH_VERSION_1, Command MQCMD_LOGGER_EVENT (91),
 *                   MsgSeqNumber 1, Control MQCFC_LAST, CompCode
 *                   MQCC_WARNING, Reason MQRC_LOGGER_STATUS (2411),
 *                   ParameterCount 5 (6 with LogManagement Archive)
 *         36    68  MQCFST MQCA_Q_MGR_NAME (2015): the queue manager name,
 *                   48 characters (MQ_Q_MGR_NAME_LENGTH)
 *        104    44  MQCFST MQCACF_CURRENT_LOG_EXTENT_NAME (3071): CURRLOG,
 *                   24 characters (MQ_LOG_EXTENT_NAME_LENGTH)
 *        148    44  MQCFST MQCACF_RESTART_LOG_EXTENT_NAME (3072): RECLOG
 *        192    44  MQCFST MQCACF_MEDIA_LOG_EXTENT_NAME (3073): MEDIALOG
 *        236  1044  MQCFST MQCACF_LOG_PATH (3074): the folder the extents are
 *                   in, "<LogPath>/active/" (with its trailing slash, as MQ
 *                   shows it), 1024 characters (MQ_LOG_PATH_LENGTH)
 *       1280    44  LogManagement Archive only: MQCFST
 *                   MQCACF_ARCHIVE_LOG_EXTENT_NAME (3208): ARCHLOG, the oldest
 *                   extent waiting to be reported archived (blank when none)
 *       1280/1324   end
 *   Each MQCFST: Type MQCFT_STRING, StrucLength 20 + the string length,
 *   Parameter, CodedCharSetId the queue manager's CCSID, StringLength, then
 *   the string padded with blanks to its length above.
 *
 * The event for a new extent names it as CurrentLogExtent; RECLOG and
 * MEDIALOG are what the log says when the event is made (after the round of
 * work that crossed into the extent).  When one round crossed more than one
 * extent (a record bigger than an extent), there is an event for each, the
 * earlier ones naming the extents passed through.
 *
 * It is built and put with qmgrev.c's evmsg_*, which every kind of event
 * shares.  The put goes through mqi_put_system (mqiserv_put.c): the same checks,
 * logging and durability as an application's MQPUT outside syncpoint, so a
 * persistent event is logged first and becomes visible only once its record
 * is durable.
 */
#include "qm/server/loggerev.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cmqc.h"
#include "cmqcfc.h"
#include "log/log.h"
#include "log/logctl.h"
#include "log/logrec.h"
#include "log/qmerr.h"
#include "qm/home/msgcat.h"
#include "qm/qmrun.h"
#include "qm/server/mqiserv.h"

/* At most this many events in one poll (a round that crossed more extents
 * reports the last ones). */
#define LOGGEREV_MAX_PER_POLL 64

/* The event for the extents named (layout at the top; arch NULL: not
 * LogManagement Archive). */
static void build_event(struct qm *qm, const char *curr, const char *rec, const char *media, const char *arch,
			struct evmsg *e)
{
	MQLONG ccsid = qm->os.qmgr.ccsid;
	char path[MQ_LOG_PATH_LENGTH + 1];
	size_t n = strlen(qm->paths.log_dir);
	while (n > 1 && qm->paths.log_dir[n - 1] == '/')
		n--;
	snprintf(path, sizeof path, "%.*s/active/", (int)n, qm->paths.log_dir);
	evmsg_begin(e, MQCMD_LOGGER_EVENT, MQRC_LOGGER_STATUS, arch ? 6 : 5);
	evmsg_str(e, MQCA_Q_MGR_NAME, ccsid, qm->paths.name, MQ_Q_MGR_NAME_LENGTH);
	evmsg_str(e, MQCACF_CURRENT_LOG_EXTENT_NAME, ccsid, curr, MQ_LOG_EXTENT_NAME_LENGTH);
	evmsg_str(e, MQCACF_RESTART_LOG_EXTENT_NAME, ccsid, rec, MQ_LOG_EXTENT_NAME_LENGTH);
	evmsg_str(e, MQCACF_MEDIA_LOG_EXTENT_NAME, ccsid, media, MQ_LOG_EXTENT_NAME_LENGTH);
	evmsg_str(e, MQCACF_LOG_PATH, ccsid, path, MQ_LOG_PATH_LENGTH);
	if (arch)
		evmsg_str(e, MQCACF_ARCHIVE_LOG_EXTENT_NAME, ccsid, arch, MQ_LOG_EXTENT_NAME_LENGTH);
}

/* Put one event; a failure is said once (until a put works again). */
static void put_event(struct qm *qm, const char *curr, const struct log_info *li)
{
	struct evmsg e;
	build_event(qm, curr, li->reclog, li->medialog, li->mgmt == LOG_ARCHIVE ? li->archlog : NULL, &e);
	(void)evmsg_put(qm, &e, LOGGEREV_QUEUE, &qm->lev_put_failed);
}

void loggerev_poll(struct qm *qm)
{
	if (qm->os.qmgr.logger_events != MQEVR_ENABLED) {
		qm->lev_on = 0;   /* enabled again later: an event then */
		return;
	}
	if (!qm->lg || qm->log_failed || qm->store_failed || qm->state >= QM_STOPPING)
		return;
	struct log_info li;
	if (log_info(qm->lg, &li) != QM_OK || li.type != LOG_LINEAR)
		return;
	int arch_moved = li.mgmt == LOG_ARCHIVE && strcmp(li.archlog, qm->lev_arch) != 0;
	if (qm->lev_on && li.cur_seq <= qm->lev_cur_seq && !arch_moved)
		return;   /* still the extent (and ARCHLOG) last reported */
	/* the start, LOGGEREV just enabled or ARCHLOG moved: one event, now;
	 * new extents: one each */
	uint64_t from = li.cur_seq;
	if (qm->lev_on && li.cur_seq > qm->lev_cur_seq)
		from = li.cur_seq - qm->lev_cur_seq > LOGGEREV_MAX_PER_POLL ? li.cur_seq - LOGGEREV_MAX_PER_POLL + 1
									    : qm->lev_cur_seq + 1;
	qm->lev_on = 1;
	qm->lev_cur_seq = li.cur_seq;
	snprintf(qm->lev_arch, sizeof qm->lev_arch, "%s", li.archlog);
	for (uint64_t seq = from; seq <= li.cur_seq && !qm->log_failed; seq++) {
		char name[16];
		if (seq == li.cur_seq)
			snprintf(name, sizeof name, "%s", li.currlog);
		else
			log_extent_name((uint32_t)(seq % LOG_NAME_WRAP), name);
		put_event(qm, name, &li);
	}
}
