/*
 * rcrmqobj: re-create objects from their media images (linear logging).
 *
 *   rcrmqobj [-m QMgrName] [-z] -t ObjectType GenericObjName
 *
 * The running queue manager rebuilds each matching object from its latest
 * media image and every later log record up to now: the definition and, for
 * a local queue, every committed persistent message in order with its MQMD
 * (nonpersistent messages are lost), in a new queue store.  A log file it
 * needs that is missing: AMQ6767E naming it, and the object stays as it was.
 * Types as rcdmqimg.  Prints "Object X, type Y recreated." per object.  Exit
 * codes in qm/admin/mediacmd.h (66 a log file or the image is missing, 68
 * circular logging, 128 nothing matched, 136 the object is open or has
 * uncommitted messages).
 */
#include "qm/admin/mediacmd.h"

int main(int argc, char **argv)
{
	return mediacmd_main(argc, argv, MEDIA_RECREATE);
}
