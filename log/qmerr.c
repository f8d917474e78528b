/* qmerr.c: the one table of names for enum qm_rc. */
#include "log/qmerr.h"

const char *qm_strerror(int rc)
{
	switch (rc) {
	case QM_OK:        return "QM_OK: success";
	case QM_EIO:       return "QM_EIO: input/output error";
	case QM_ENOSPC:    return "QM_ENOSPC: no space left on the file system";
	case QM_ENOMEM:    return "QM_ENOMEM: out of memory";
	case QM_ECORRUPT:  return "QM_ECORRUPT: file contents failed validation";
	case QM_EVERSION:  return "QM_EVERSION: unsupported file format version";
	case QM_EFOREIGN:  return "QM_EFOREIGN: file belongs to another queue manager";
	case QM_ENOENT:    return "QM_ENOENT: a required file is missing";
	case QM_EEXIST:    return "QM_EEXIST: already exists";
	case QM_EINVAL:    return "QM_EINVAL: invalid argument";
	case QM_ELOGFULL:  return "QM_ELOGFULL: the log is full";
	case QM_EFAILED:   return "QM_EFAILED: the log failed earlier and accepts no more writes";
	case QM_EDAMAGED:  return "QM_EDAMAGED: object damaged";
	case QM_ELOCKED:   return "QM_ELOCKED: locked by another process";
	case QM_ECLOSED:   return "QM_ECLOSED: closed";
	case QM_ETOOBIG:   return "QM_ETOOBIG: value too large";
	case QM_ENOTFOUND: return "QM_ENOTFOUND: not found";
	case QM_EPERM:     return "QM_EPERM: permission denied";
	case QM_EBUSY:     return "QM_EBUSY: in use";
	}
	return "unknown return code";
}
