/*
 * rcrmqobj: re-create objects from their media images (linear logging).
 *
 *   rcrmqobj [-m QMgrName] [-z] -t ObjectType GenericObjName
 *   rcrmqobj [-m QMgrName] [-z] -t qlocal [-e LogPosition|Time] -n NewName QueueName
 *
 * The running queue manager rebuilds each matching object from its latest
 * media image and every later log record up to now: the definition and, for
 * a local queue, every committed persistent message in order with its MQMD
 * (nonpersistent messages are lost), in a new queue store.  A log file it
 * needs that is missing: AMQ6767E naming it, and the object stays as it was.
 * Types as rcdmqimg.  Prints "Object X, type Y recreated." per object.
 * Beyond MQ, -n copies a local queue as it was (-e: at a log position as
 * dmpmqlog prints it, or at a local time YYYY-MM-DDTHH:MM[:SS]; no -e: now)
 * into a new local queue, from its latest image before then and the log up to
 * then (units of work open then count as backed out): a queue as it was
 * before a bad application drained it.  The queue itself is unchanged.  Exit
 * codes in qm/admin/mediacmd.h (66 a log file or the image is missing, 68
 * circular logging, 128 nothing matched, 136 the object is open or has
 * uncommitted messages).
 */
#include "qm/admin/mediacmd.h"

int main(int argc, char **argv)
{
	return mediacmd_main(argc, argv, MEDIA_RECREATE);
}
