/*
 * rcdmqimg: record media images of objects in the log (linear logging).
 *
 *   rcdmqimg [-m QMgrName] [-z] [-l] -t ObjectType [GenericObjName]
 *
 * Runs against the running queue manager, which writes each matching
 * object's image (its definition and, for a local queue, its committed
 * persistent messages) to the log while applications go on, then moves the
 * object's media recovery LSN and MEDIALOG.  -t: * or all, queue (q), qlocal
 * (ql), qalias (qa), qmodel (qm), qremote (qr), qmgr, process (prcs); MQ's other types are
 * accepted and match nothing (this queue manager has no such objects).  The
 * name may end in *; it is not needed for qmgr.  -l: AMQ7467I and AMQ7468I
 * afterwards (console and error log).  -z: no error messages on the console.
 * Prints "Media image for object X, type Y recorded." per object.  Exit codes
 * in qm/admin/mediacmd.h (68 under circular logging, 128 nothing matched).
 */
#include "qm/admin/mediacmd.h"

int main(int argc, char **argv)
{
	return mediacmd_main(argc, argv, MEDIA_RECORD);
}
