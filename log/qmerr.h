/*
 * qmerr.h: the project's return codes, shared by every layer.
 *
 * Calling sequence: a function returns int; QM_OK (0) is success, a negative
 * QM_E* code is a failure.  qm_strerror() names a code for messages.
 *
 * Error handling: library code (log/, objects/, qm/) never calls exit(); it
 * returns one of these codes and leaves errno as the failing system call set
 * it.  Only main() in cmds/ turns codes into MQ's exit codes.
 *
 * The values are in a reserved range below -30000 so they can never be
 * mistaken for a negated errno.  Never reuse a retired value.
 */
#ifndef QUIRE_QMERR_H
#define QUIRE_QMERR_H

enum qm_rc {
	QM_OK        = 0,
	QM_EIO       = -30001, /* a read or write failed (errno says why) */
	QM_ENOSPC    = -30002, /* the file system is full */
	QM_ENOMEM    = -30003, /* out of memory */
	QM_ECORRUPT  = -30004, /* a file's contents failed validation */
	QM_EVERSION  = -30005, /* a file has a format version we cannot read */
	QM_EFOREIGN  = -30006, /* a file belongs to another queue manager */
	QM_ENOENT    = -30007, /* a required file is missing */
	QM_EEXIST    = -30008, /* the thing to create already exists */
	QM_EINVAL    = -30009, /* a bad argument or configuration value */
	QM_ELOGFULL  = -30010, /* the log has no space for the record */
	QM_EFAILED   = -30011, /* the log failed earlier (a write or sync error): fail-stop */
	QM_EDAMAGED  = -30012, /* an object's file is missing or damaged (AMQ7472) */
	QM_ELOCKED   = -30013, /* another process holds the lock */
	QM_ECLOSED   = -30014, /* the log or queue manager is closing */
	QM_ETOOBIG   = -30015, /* a value exceeds a hard limit */
	QM_ENOTFOUND = -30016, /* a named object does not exist */
	QM_EPERM     = -30017, /* permission denied */
	QM_EBUSY     = -30018, /* in use (open handles, units of work in flight) */
};

/* "QM_ECORRUPT: file contents failed validation" style text for a code. */
const char *qm_strerror(int rc);

#endif
