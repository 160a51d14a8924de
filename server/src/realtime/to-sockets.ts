import type { z } from 'zod';
import type { Broadcasts } from '@samling/protocol';
import type { DomainEventBus, DomainEvents } from '../domain-events.ts';
import type { RoomBatcher } from './room-batcher.ts';
import { accountRoom, browserRoom, chatRoom, eventRoom, moderatorRoom, stageRoom, userRoom } from './rooms.ts';
import type { IO } from './types.ts';

type BroadcastName = keyof Broadcasts;
type Broadcast = { [N in BroadcastName]: { event: N; data: z.infer<Broadcasts[N]> } }[BroadcastName];

/** What a domain event does on the sockets. */
export type Delivery =
  /** A broadcast to everyone in `to` (a room, or several; none when empty) but those also in `except`. */
  | { to: string | string[]; except?: string; send: Broadcast }
  /** Upvote counts: the latest of each question, merged per room and sent a few times a second. */
  | { to: string; questionVotes: Record<string, number> }
  /** The connections in the room are dropped; `close` also closes the transport underneath. */
  | { disconnect: string; close: boolean };

const send = <N extends BroadcastName>(to: string | string[], event: N, data: z.infer<Broadcasts[N]>, except?: string): Delivery => (
  { to, send: { event, data } as Broadcast, ...(except ? { except } : {}) }
);
const disconnect = (room: string, close: boolean): Delivery => ({ disconnect: room, close });

/**
 * The one table from domain events to socket rooms: a feature that announces something adds a row here. Each row
 * runs on the node where the change happened; the adapter carries its broadcasts and disconnects to every node.
 */
export const toSockets: { [K in keyof DomainEvents]?: (e: DomainEvents[K]) => Delivery[] } = {
  'chat.posted': ({ eventId, message }) => [send(chatRoom(eventId, message.room), 'chat:posted', message)],
  'chat.deleted': ({ eventId, room, messageId }) => [send(chatRoom(eventId, room), 'chat:deleted', { room, messageId })],
  'chat.pinned': ({ eventId, room, message }) => [send(chatRoom(eventId, room), 'chat:pinned', { room, message })],
  'chat.configured': ({ eventId, room, chat }) => [send(chatRoom(eventId, room), 'chat:configured', { room, chat })],

  'member.muted': ({ eventId, userId, mutedUntil }) => [send(userRoom(eventId, userId), 'moderation:muted', { mutedUntil })],
  'member.removed': ({ eventId, userId }) => [disconnect(userRoom(eventId, userId), true)],
  'member.banned': ({ eventId, userId, reason }) => [
    send(userRoom(eventId, userId), 'moderation:banned', { reason }),
    disconnect(userRoom(eventId, userId), true),
  ],
  'account.sessionsEnded': ({ userId }) => [disconnect(accountRoom(userId), true)],
  'account.signedOut': ({ authSessionId }) => [disconnect(browserRoom(authSessionId), true)],
  // Everyone in a purged event connects again, through the handshake: those whose role went are refused there.
  'event.purged': ({ eventId }) => [disconnect(eventRoom(eventId), false)],

  'session.statusChanged': ({ eventId, session }) => [send(eventRoom(eventId), 'session:statusChanged', { sessionId: session.id, status: session.status })],
  'agenda.changed': ({ eventId }) => [send(eventRoom(eventId), 'agenda:changed', {})],

  // The audience's view of a poll hides a quiz's answer until it closes; moderators always get theirs.
  'poll.updated': ({ eventId, poll, moderatorView }) => pollViews(eventId, poll, moderatorView),
  'poll.closed': ({ eventId, poll, moderatorView }) => pollViews(eventId, poll, moderatorView),

  'question.updated': ({ eventId, question, askerId }) => {
    const room = chatRoom(eventId, question.sessionId);
    const mods = moderatorRoom(eventId, question.sessionId);
    if (question.status === 'approved') return [send(room, 'question:updated', question)];
    // Pending and hidden questions are for moderators (and a pending one for its asker); the rest see it go.
    const private_ = askerId && question.status === 'pending' ? [mods, userRoom(eventId, askerId)] : [mods];
    return [
      send(private_, 'question:updated', question),
      ...(question.status === 'hidden' ? [send(room, 'question:removed', { questionId: question.id }, mods)] : []),
    ];
  },
  'question.voted': ({ eventId, sessionId, questionId, votes }) => [{ to: chatRoom(eventId, sessionId), questionVotes: { [questionId]: votes } }],
  'qa.configured': ({ eventId, sessionId, premoderation }) => [send(chatRoom(eventId, sessionId), 'qa:configured', { room: sessionId, premoderation })],

  'stage.updated': ({ eventId, stageId, state, userIds }) => [send([stageRoom(eventId, stageId), ...userIds.map((u) => userRoom(eventId, u))], 'stage:updated', state)],
  'stage.producerAdded': ({ eventId, stageId, producer }) => [send(stageRoom(eventId, stageId), 'stage:producerAdded', { stageId, producer })],
  'stage.producerRemoved': ({ eventId, stageId, producerId, userId }) => [send(stageRoom(eventId, stageId), 'stage:producerRemoved', { stageId, producerId, userId })],
  // A connection's id is also a room of its own: only those who lost their media are told.
  'stage.restarted': ({ stageId, connectionIds }) => [send(connectionIds, 'stage:restarted', { stageId })],
  // A film plays for everyone in the rooms of the stage's sessions (no media join needed to watch it) and on the stage.
  'film.changed': ({ eventId, sessionIds, film }) => [send([stageRoom(eventId, film.stageId), ...sessionIds.map((id) => chatRoom(eventId, id))], 'stage:filmChanged', film)],
};

function pollViews(eventId: string, poll: DomainEvents['poll.updated']['poll'], moderatorView: DomainEvents['poll.updated']['poll']): Delivery[] {
  const mods = moderatorRoom(eventId, poll.sessionId);
  return [send(chatRoom(eventId, poll.sessionId), 'poll:updated', poll, mods), send(mods, 'poll:updated', moderatorView)];
}

/** Carries out one delivery. An empty list of rooms reaches nobody (to Socket.IO it would mean everyone). */
export function deliver(io: IO, questionVotes: RoomBatcher<Record<string, number>>, d: Delivery): void {
  if ('disconnect' in d) io.in(d.disconnect).disconnectSockets(d.close);
  else if ('questionVotes' in d) questionVotes.update(d.to, (batch) => Object.assign(batch, d.questionVotes));
  else if (d.to.length > 0) {
    const target = d.except ? io.to(d.to).except(d.except) : io.to(d.to);
    // Each row's message was checked against its event when the row was written (`send`); here it is one of many.
    (target as unknown as { emit(event: string, data: unknown): boolean }).emit(d.send.event, d.send.data);
  }
}

/** Runs every row of the table on its domain event. */
export function deliverDomainEvents(bus: DomainEventBus, io: IO, questionVotes: RoomBatcher<Record<string, number>>): void {
  for (const name of Object.keys(toSockets) as (keyof DomainEvents)[]) {
    const row = toSockets[name] as (e: DomainEvents[typeof name]) => Delivery[];
    bus.on(name, (e) => row(e).forEach((d) => deliver(io, questionVotes, d)));
  }
}
