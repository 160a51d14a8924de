import type { FastifyBaseLogger } from 'fastify';
import type { DomainEventBus } from '../domain-events.ts';
import type { NodeSync } from '../node-sync.ts';
import type { PollsService } from '../modules/polls/polls.service.ts';
import type { PollResultsBroadcaster } from './poll-results.ts';
import type { PresenceTracker } from './presence.ts';
import { chatRoom } from './rooms.ts';

/**
 * Live poll results on every node. Each node counts every node's votes and sends results to its own sockets: what
 * changes a poll here is told to the other nodes (committed votes to count, or "count again"), never the results
 * themselves. Timed polls close themselves: every node looks, the database makes each close happen once.
 * Returns the function that stops the clock.
 */
export function runLivePolls({ bus, sync, polls, results, presence, log }: {
  bus: DomainEventBus;
  sync: NodeSync;
  polls: PollsService;
  results: PollResultsBroadcaster;
  presence: PresenceTracker;
  log: FastifyBaseLogger;
}): () => void {
  const sendFinal = (pollId: string) => void results.send(pollId, true).catch((err: unknown) => log.error({ err }, 'final poll results failed'));

  bus.on('poll.updated', ({ poll }) => {
    if (poll.status === 'open') results.reopened(poll.id);
    sync.publish('polls:changed', { pollId: poll.id, sessionId: poll.sessionId, closed: false, open: poll.status === 'open' });
  });
  bus.on('poll.voted', ({ pollId, sessionId, votes }) => {
    results.markDirty(pollId);
    if (votes) sync.publish('polls:votes', { pollId, votes });
    else sync.publish('polls:changed', { pollId, sessionId, closed: false, open: false });
  });
  bus.on('poll.closed', ({ poll }) => {
    sendFinal(poll.id);
    sync.publish('polls:changed', { pollId: poll.id, sessionId: poll.sessionId, closed: true, open: false });
  });

  sync.on('polls:votes', ({ pollId, votes }) => {
    polls.applyRemoteVotes(pollId, votes);
    results.markDirty(pollId);
  });
  sync.on('polls:changed', ({ pollId, sessionId, closed, open }) => {
    polls.forget(pollId, sessionId);
    if (open) results.reopened(pollId);
    if (closed) sendFinal(pollId);
    else results.markDirty(pollId);
  });

  const clock = setInterval(() => {
    void polls.closeExpired((eventId, sessionId) => presence.viewers(chatRoom(eventId, sessionId))).catch((err: unknown) => log.error({ err }, 'closing timed polls failed'));
  }, 500);
  clock.unref();
  return () => clearInterval(clock);
}
