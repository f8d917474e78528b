/*
 * slab.h: fixed-size objects of the queue engine (messages, index entries)
 * from 2 MiB slabs, with transparent huge pages where the system grants them
 * on request (madvise): a restart that loads a million messages then takes
 * a few hundred page faults, not a hundred thousand, and no allocator header
 * per object.  Freed objects go on the slab's free list (through their first
 * word) and are used again; slabs are never given back.  Under
 * AddressSanitizer each object is its own allocation, so that a use after
 * free is still caught.  Single-threaded, like the engine.
 *
 *   static struct slab s = SLAB_INIT(sizeof(struct thing));
 *   struct thing *t = slab_alloc(&s);       zeroed; NULL when out of memory
 *   slab_free(&s, t);
 */
#ifndef QUIRE_SLAB_H
#define QUIRE_SLAB_H

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define SLAB_BYTES (2u << 20)

struct slab {
	size_t size;             /* object size, at least a pointer */
	void *free;
};

#define SLAB_INIT(sz) { (sz) < sizeof(void *) ? sizeof(void *) : (sz), NULL }

#if defined(__SANITIZE_ADDRESS__)
static inline void *slab_alloc(struct slab *s)
{
	return calloc(1, s->size);
}

static inline void slab_free(struct slab *s, void *p)
{
	(void)s;
	free(p);
}
#else
static inline void *slab_alloc(struct slab *s)
{
	if (!s->free) {
		void *mem = NULL;
		if (posix_memalign(&mem, SLAB_BYTES, SLAB_BYTES) != 0)
			return NULL;
		madvise(mem, SLAB_BYTES, MADV_HUGEPAGE);   /* a hint: fine if refused */
		for (size_t i = SLAB_BYTES / s->size; i-- > 0;) {
			void *o = (char *)mem + i * s->size;
			memcpy(o, &s->free, sizeof s->free);
			s->free = o;
		}
	}
	void *o = s->free;
	memcpy(&s->free, o, sizeof s->free);
	memset(o, 0, s->size);
	return o;
}

static inline void slab_free(struct slab *s, void *p)
{
	if (!p)
		return;
	memcpy(p, &s->free, sizeof s->free);
	s->free = p;
}
#endif

#endif
