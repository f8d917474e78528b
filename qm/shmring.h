/*
 * shmring.h: the shared-memory channel between libmqm and the queue manager
 * (local bindings without a socket round trip per call).
 *
 * Why.  Over the Unix socket every MQI call costs a send and a receive on
 * each side and two socket wake-ups in the kernel; with many applications on
 * few cores those wake-ups were most of the queue manager's CPU (issue 12's
 * profile).  Here a request and its reply pass through memory both processes
 * map; the only system calls left are a futex wake for a client that went to
 * sleep and an eventfd write for a queue manager that went to sleep, and
 * neither happens while the other side is busy.
 *
 * Setting up.  The connection starts on the socket (qm/proto.h) as always:
 * the socket still carries MQCONN (the peer's credentials, a refusal), every
 * request or reply too big for the channel's area, and the end of the
 * connection.  After a successful CONN, libmqm makes a memfd of
 * SHMRING_SIZE bytes, seals it against shrinking and growing (so the queue
 * manager can never be made to touch a page that is not there), makes an
 * eventfd (the doorbell), and sends PROTO_ATTACH with both descriptors
 * (SCM_RIGHTS).  The queue manager checks them (a sealed memfd of exactly
 * this size, an eventfd), maps the memfd, closes it, and watches the doorbell
 * with epoll; a refusal (cc MQCC_FAILED) leaves the connection on the socket.
 * QUIRE_IPC=socket in the application's environment skips the attach.
 *
 * Layout (both processes on one machine: native byte order; the four words
 * each on their own cache line):
 *   0    u32 magic SHMRING_MAGIC, u32 version 1   (written by the client)
 *   64   u32 req_seq    client: the number of the request in the area (1, 2 ...)
 *   128  u32 rep_seq    queue manager: the number of the request answered
 *        u32 rep_len    the reply frame's length in the area, or
 *                       SHMRING_ON_SOCKET (the reply was sent on the socket)
 *        u32 closed     the queue manager dropped the connection
 *        u32 spin_ns    how long a client may spin for a reply before sleeping
 *                       (0 when the queue manager has no core to spare)
 *        u32 may_yield  1: a client that may not spin may look for its reply
 *                       for SHMRING_PRESPIN_NS, then yield its core
 *                       (sched_yield), before it sleeps; 0: sleep at once (so
 *                       many channels that yielding clients would starve the
 *                       queue manager of its core)
 *        u32 parked     the number of the request parked (an MQGET waiting for
 *                       a message; a reply waiting for the log only when
 *                       clients may not yield, as its flush comes within a
 *                       yield's time): its client had better sleep than yield
 *   192  u32 client_sleeping   the client waits (or is about to) in FUTEX_WAIT on rep_seq
 *   256  u32 server_sleeping   the queue manager waits (or is about to) in epoll:
 *                              a new request must ring the doorbell
 *   4096 the area: one whole frame (qm/proto.h), the request, then its reply
 *
 * One request at a time, as on the socket.  The client writes the frame into
 * the area (its header gives its length), stores req_seq (release), a full
 * fence, and rings the doorbell only if server_sleeping.  The queue manager, before it sleeps, stores
 * server_sleeping = 1, a full fence, and looks at every channel's req_seq once
 * more; so one of the two always sees the other (Dekker).  The reply the same
 * way round: rep_len and rep_seq (release), a fence, FUTEX_WAKE only if
 * client_sleeping.  The client sleeps in slices of SHMRING_SLICE_MS and looks
 * at its socket between them, so a queue manager that was killed is noticed
 * (MQRC_CONNECTION_BROKEN) within a slice.
 *
 * Trust.  The client can write the shared page at any time.  The queue manager
 * reads req_seq and the frame header once, copies the whole frame into its own
 * buffer before it looks at it, and treats the copy as any frame from the
 * socket: a malformed one drops the connection and nothing else.
 */
#ifndef QUIRE_SHMRING_H
#define QUIRE_SHMRING_H

#include <stdint.h>
#include <time.h>

#define SHMRING_MAGIC      0x47525351u      /* "QSRG" */
#define SHMRING_VERSION    1u
#define SHMRING_AREA_OFF   4096u
#define SHMRING_AREA       (1024u * 1024u)  /* the largest frame the channel carries */
#define SHMRING_SIZE       (SHMRING_AREA_OFF + SHMRING_AREA)
#define SHMRING_ON_SOCKET  0xffffffffu
#define SHMRING_SLICE_MS   200
#define SHMRING_YIELD_NS   400000u          /* a client yields this long before it sleeps (a commit's flush fits) */
/* Before it yields, a client looks at rep_seq this long: while the queue
 * manager runs on another core, a short request is answered within it, and a
 * yield (a switch to another process and back) costs more.  A client whose
 * look came to nothing skips the next 1, 2, 4 ... SHMRING_PRESPIN_SKIP_MAX
 * looks (the queue manager is then on its own core, or busy). */
#define SHMRING_PRESPIN_NS 1000u
#define SHMRING_PRESPIN_SKIP_MAX 64u

struct shmring {
	uint32_t magic, version;
	uint8_t pad0[56];
	uint32_t req_seq;
	uint8_t pad1[60];
	uint32_t rep_seq, rep_len, closed, spin_ns, may_yield, parked;
	uint8_t pad2[40];
	uint32_t client_sleeping;
	uint8_t pad3[60];
	uint32_t server_sleeping;
	uint8_t pad4[SHMRING_AREA_OFF - 260];
};

_Static_assert(sizeof(struct shmring) == SHMRING_AREA_OFF, "shmring header is one page");
_Static_assert(__builtin_offsetof(struct shmring, req_seq) == 64, "req_seq");
_Static_assert(__builtin_offsetof(struct shmring, rep_seq) == 128, "rep_seq");
_Static_assert(__builtin_offsetof(struct shmring, client_sleeping) == 192, "client_sleeping");
_Static_assert(__builtin_offsetof(struct shmring, server_sleeping) == 256, "server_sleeping");

static inline uint8_t *shmring_area(struct shmring *r)
{
	return (uint8_t *)r + SHMRING_AREA_OFF;
}

/* Both sides' clock for spinning, and the pause inside a spin. */
static inline uint64_t shmring_now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static inline void shmring_pause(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#endif
}

#define shmring_load(p)     __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define shmring_store(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define shmring_fence()     __atomic_thread_fence(__ATOMIC_SEQ_CST)

#endif
