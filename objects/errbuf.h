/*
 * errbuf.h: a message into the caller's error buffer.
 *
 * Functions of objects/ take an optional buffer (err, errlen) for a reason in
 * words ("MAXDEPTH(-1) is out of range ...") beside their QM_* return code.
 * errbuf_set() is the one way they fill it:
 *
 *   errbuf_set(err, errlen, "name '%s' is too long", name);
 *
 * err may be NULL or errlen 0 (the caller wants no text): nothing is written.
 * Otherwise the message is formatted as snprintf() does, cut to errlen - 1
 * characters and always NUL-terminated.
 */
#ifndef QUIRE_ERRBUF_H
#define QUIRE_ERRBUF_H

#include <stddef.h>

void errbuf_set(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
