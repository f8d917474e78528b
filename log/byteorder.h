/*
 * byteorder.h: the project's one definition of little-endian integers.
 *
 * Every on-disk format (log extents and records, the log control file, object
 * definitions, object and queue files) and the MQI wire protocol store their
 * integers little-endian, whatever the host's byte order.  Header-only (static
 * inline, nothing to link), so any layer may include it: log/, objects/, qm/
 * and libmqm (qm/mqi/).
 *
 *   put_u16(p, v), put_u32(p, v), put_u64(p, v)   write v at p (2, 4, 8 bytes)
 *   get_u16(p),    get_u32(p),    get_u64(p)      read them back
 *
 * p need not be aligned.  The values are unsigned: a signed field is stored as
 * put_u32(p, (uint32_t)v) and read as (int32_t)get_u32(p).
 */
#ifndef QUIRE_BYTEORDER_H
#define QUIRE_BYTEORDER_H

#include <stdint.h>

static inline void put_u16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8);
}

static inline void put_u32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}

static inline void put_u64(uint8_t *p, uint64_t v)
{
	put_u32(p, (uint32_t)v);
	put_u32(p + 4, (uint32_t)(v >> 32));
}

static inline uint16_t get_u16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t get_u32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint64_t get_u64(const uint8_t *p)
{
	return (uint64_t)get_u32(p) | (uint64_t)get_u32(p + 4) << 32;
}

#endif
