/*
 * names.h: MQ's rules for queue manager and object names, and the file names
 * they become on disk.
 *
 * A name is 1 to 48 characters from A-Z a-z 0-9 . / _ % (case matters: QM1 and
 * qm1 are two names).  Blanks are never part of a name; an empty or all-blank
 * name is invalid.  Fixed-width MQI fields (MQCHAR48) hold a name padded with
 * blanks or NULs: names_from_field() turns such a field into a C string.
 *
 * File names: '.' becomes '!' and '/' becomes '&' (so queue QL.A lives in the
 * folder queues/QL!A, queue manager queue.manager in qmgrs/queue!manager).  A
 * folder whose name is already taken, or differs only in case from an existing
 * one, gets a suffix .000, .001 ... .999; names_unique_dir() picks it.  The
 * folder name actually used is recorded (mqs.ini Directory=, the object
 * catalog), so the transformation never has to be undone to find a folder.
 *
 * Calling sequence:
 *   rc = names_check(name, why, sizeof why);        QM_OK or QM_EINVAL + reason
 *   rc = names_to_file(name, out, sizeof out);      "QL.A" -> "QL!A"
 *   rc = names_unique_dir(parent, name, out, n);    "QL!A", or "QL!A.000" ...
 *
 * Error handling: every function returns QM_OK or a negative QM_* code from
 * log/qmerr.h: QM_EINVAL for a bad name or an output buffer that is too small,
 * QM_EEXIST when all 1,000 suffixes are taken, QM_EIO/QM_ENOENT/QM_EPERM when
 * the parent folder cannot be read (errno kept).
 */
#ifndef QUIRE_NAMES_H
#define QUIRE_NAMES_H

#include <stddef.h>

#define NAMES_MAX_LEN   48   /* MQ_Q_NAME_LENGTH, MQ_Q_MGR_NAME_LENGTH, MQ_OBJECT_NAME_LENGTH */
/* Longest folder name: a transformed name plus ".999", and the NUL. */
#define NAMES_FILE_SIZE (NAMES_MAX_LEN + 4 + 1)

/* Check a NUL-terminated name.  On failure returns QM_EINVAL and writes a
 * reason ("name 'A B' contains ' ' at position 2, ...") to why (may be NULL). */
int names_check(const char *name, char *why, size_t whylen);

/* 1 if c may appear in a name. */
int names_char_ok(int c);

/* Copy a fixed-width field (blank- or NUL-padded, at most width bytes) into out
 * as a C string: stops at the first NUL and drops trailing blanks.  out must
 * hold width + 1 bytes.  Returns the length.  The result is not checked. */
size_t names_from_field(const char *field, size_t width, char *out);

/* The file name for a valid name: '.' -> '!', '/' -> '&'. */
int names_to_file(const char *name, char *out, size_t n);

/* Undo names_to_file() on a folder name, dropping a .NNN suffix if present. */
int names_from_file(const char *file, char *out, size_t n);

/* Choose the folder name for name under the folder parent: the transformed
 * name if no entry of parent equals it ignoring case, else the first of
 * name.000 ... name.999 that is free in the same sense.  Creates nothing.  A
 * parent that does not exist yet counts as empty. */
int names_unique_dir(const char *parent, const char *name, char *out, size_t n);

#endif
