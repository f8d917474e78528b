/*
 * benchprobe.h: the machine alone, measured beside a benchmark's own figures
 * (recoverybench), so that a latency is judged against what the machine did
 * to everyone at the same time:
 *   settle        before a timed phase, wait until the data folder's device
 *                 is quiet;
 *   diskprobe     a thread: a 4 KiB pwrite + fdatasync at a fixed offset,
 *                 timed, at a given pace: what any durable commit costs on
 *                 this disk meanwhile;
 *   schedprobe    a thread: 1 ms sleeps, how late each woke: how long any
 *                 thread waited for a core meanwhile;
 *   sched_idle_ms the same on the caller's thread for a while, the machine
 *                 otherwise idle.
 */
#ifndef QUIRE_BENCHPROBE_H
#define QUIRE_BENCHPROBE_H

#include "bench/benchutil.h"

#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Before the timed load: wait until the data folder's device is quiet.  The
 * limits measured first (a 512 MiB file written, synced and deleted) and the
 * log extents crtmqm zero-fills leave work behind them below the file system
 * (on a virtual disk with online discard, fdatasyncs of 40-160 ms one to
 * three seconds later, with no other request in flight): they are this
 * program's doing, not the queue manager's, and must not land in its
 * latencies.  Quiet: a 4 KiB write + fdatasync every 20 ms, each under
 * 10 ms, for 2 s running; at most 20 s.  Returns the seconds waited. */
static inline double settle(const char *dir)
{
	char path[PATH_MAX + 64];
	snprintf(path, sizeof path, "%s/recoverybench-settle-%d.dat", dir, (int)getpid());
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return 0;
	uint8_t page[4096];
	memset(page, 0x5a, sizeof page);
	uint64_t t0 = now_ns(), quiet_since = t0;
	while (now_ns() - quiet_since < 2000000000ull && now_ns() - t0 < 20000000000ull) {
		uint64_t a = now_ns();
		if (pwrite(fd, page, sizeof page, 0) != (ssize_t)sizeof page || fdatasync(fd) != 0)
			break;
		if (now_ns() - a >= 10000000ull)
			quiet_since = now_ns();
		usleep(20000);
	}
	close(fd);
	unlink(path);
	return (double)(now_ns() - t0) / 1e9;
}

/* The disk alone during the load, at the probe's pace: a 4 KiB pwrite and
 * fdatasync at a fixed offset of a file in the data folder, timed: what any
 * durable commit costs on this disk while the queue manager writes. */
struct diskprobe {
	pthread_t th;
	const char *dir;
	int gap_us;
	atomic_int *stop;
	struct lat op;
	int failed;
};

static inline void *diskprobe_main(void *arg)
{
	struct diskprobe *d = arg;
	char path[PATH_MAX + 64];
	snprintf(path, sizeof path, "%s/recoverybench-diskprobe-%d.dat", d->dir, (int)getpid());
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	uint8_t page[4096];
	memset(page, 0xa5, sizeof page);
	if (fd < 0 || pwrite(fd, page, sizeof page, 0) != (ssize_t)sizeof page || fsync(fd) != 0) {
		d->failed = 1;
	} else {
		while (!atomic_load(d->stop)) {
			uint64_t t0 = now_ns();
			if (pwrite(fd, page, sizeof page, 0) != (ssize_t)sizeof page || fdatasync(fd) != 0 ||
			    lat_add(&d->op, now_ns() - t0)) {
				d->failed = 1;
				break;
			}
			if (d->gap_us)
				usleep((useconds_t)d->gap_us);
		}
	}
	if (fd >= 0)
		close(fd);
	unlink(path);
	return NULL;
}

/* The scheduler alone during the load: a thread that sleeps 1 ms at a time
 * and times how late it wakes, what any thread on this machine waits for a
 * CPU meanwhile (the loaders, the probe and the queue manager's threads
 * share its cores). */
struct schedprobe {
	pthread_t th;
	atomic_int *stop;
	struct lat late;
	int failed;
};

/* Sleep 1 ms; how late it woke, in ns. */
static inline uint64_t sleep_late_ns(void)
{
	uint64_t t0 = now_ns();
	usleep(1000);
	uint64_t d = now_ns() - t0;
	return d > 1000000 ? d - 1000000 : 0;
}

static inline void *schedprobe_main(void *arg)
{
	struct schedprobe *p = arg;
	while (!atomic_load(p->stop)) {
		if (lat_add(&p->late, sleep_late_ns())) {
			p->failed = 1;
			break;
		}
	}
	return NULL;
}

/* The same on the idle machine, on the caller's thread for secs seconds: the
 * longest lateness in ms. */
#define SCHED_IDLE_S 5.0
static inline double sched_idle_ms(double secs)
{
	uint64_t end = now_ns() + (uint64_t)(secs * 1e9), worst = 0;
	while (now_ns() < end) {
		uint64_t d = sleep_late_ns();
		if (d > worst)
			worst = d;
	}
	return (double)worst / 1e6;
}

#endif
