/*
 * ring.h: the queue manager's side of the shared-memory channel between a
 * connection and libmqm (qm/shmring.h has the layout and the rules).
 *
 * Calling sequence:
 *   ring_attach(qm, c, d)      PROTO_ATTACH (mqi_dispatch): check and map the
 *                              descriptors that came with it (c->passed_fd),
 *                              watch the doorbell; replies on the socket
 *   ring_poll(qm)              after each round of events: serve a new
 *                              request of every idle channel
 *   ring_spin(qm)              before an epoll_wait that may sleep: look at
 *                              the channels a little while (50 us with fewer
 *                              channels than cores, 2.5 us while clients
 *                              yield, not at all past that); 1 when a
 *                              request came
 *   ring_before_sleep(qm)      before an epoll_wait that may sleep: ask for
 *                              the doorbell; 1 when a request came meanwhile
 *                              (do not sleep)
 *   ring_after_sleep(qm)       after it: no doorbell needed while awake
 *   ring_reply(qm, c, f, n)    conn_send of a request that came through the
 *                              channel: the reply into the page (or on the
 *                              socket when it is too big), and the client woken
 *   ring_wake(qm)              the clients asleep whose replies were written
 *                              since the last call: woken (before the loop
 *                              sleeps, and at the end of each round)
 *   ring_release(qm, c)        the connection ends: the client is told
 *                              (closed), the page unmapped, the doorbell closed
 * The doorbells all carry ring_door_tag in epoll: the loop only wakes on it.
 */
#ifndef QUIRE_RING_H
#define QUIRE_RING_H

#include <stddef.h>
#include <stdint.h>

struct qm;
struct conn;
struct rd;

extern char ring_door_tag;

void ring_attach(struct qm *qm, struct conn *c, struct rd *d);
void ring_poll(struct qm *qm);
int ring_spin(struct qm *qm);
/* A channel of an idle connection has a request the loop has not taken. */
int ring_pending(struct qm *qm);
int ring_before_sleep(struct qm *qm);
void ring_after_sleep(struct qm *qm);
int ring_reply(struct qm *qm, struct conn *c, const uint8_t *frame, size_t len);
void ring_wake(struct qm *qm);
void ring_release(struct qm *qm, struct conn *c);

#endif
