import { AppError } from '../../errors.ts';
import { onCommand } from '../../realtime/command.ts';
import type { RealtimeDeps } from '../../realtime/deps.ts';
import { chatRoom, moderatorRoom } from '../../realtime/rooms.ts';
import { atLeast } from '../events/access.ts';
import type { RealtimeSocket } from '../../realtime/types.ts';
import type { Room } from '@samling/protocol';

function requireJoined(socket: RealtimeSocket, room: Room): string {
  const name = chatRoom(socket.data.eventId, room);
  if (!socket.rooms.has(name)) throw new AppError('NOT_IN_ROOM', 'Join the room first');
  return name;
}

function limited(wait: number) {
  if (wait > 0) throw new AppError('RATE_LIMITED', 'You are sending too fast', { retryAfterSeconds: wait });
}

/** Rooms, chat, reactions and presence: adapters from commands to the chat service. */
export function chatSocket(socket: RealtimeSocket, { services, presence, reactions, limits, io, log }: RealtimeDeps): void {
  const { chat, moderation, polls, qa } = services;
  const opts = { limiter: limits.commands, log };

  onCommand(socket, 'room:join', async ({ actor, eventId }, { room }) => {
    const snapshot = await chat.snapshot(actor, eventId, room);
    const moderator = atLeast(snapshot.me.role, 'moderator');
    const interaction = room === 'lobby' ? null : { ...(await polls.current(actor, eventId, room, moderator)), ...(await qa.list(actor, eventId, room)) };
    const name = chatRoom(eventId, room);
    await socket.join(moderator ? [name, moderatorRoom(eventId, room)] : name);
    return { ...snapshot, interaction, viewers: Math.max(presence.viewers(name), 1) };
  }, opts);

  onCommand(socket, 'room:leave', async ({ eventId }, { room }) => {
    await socket.leave(chatRoom(eventId, room));
    await socket.leave(moderatorRoom(eventId, room));
    return {};
  }, opts);

  onCommand(socket, 'chat:history', async ({ actor, eventId }, { room, before, limit }) => chat.history(actor, eventId, room, before, limit), opts);

  onCommand(socket, 'chat:send', async ({ actor, eventId }, { room, id, text }) => {
    requireJoined(socket, room);
    limited(limits.chat.take(actor.userId!));
    return (await chat.send(actor, eventId, room, id, text)).message;
  }, opts);

  onCommand(socket, 'chat:delete', async ({ actor, eventId }, { room, messageId }) => {
    await chat.delete(actor, eventId, room, messageId);
    return {};
  }, opts);

  onCommand(socket, 'chat:pin', async ({ actor, eventId }, { room, messageId }) => {
    await chat.pin(actor, eventId, room, messageId);
    return {};
  }, opts);

  onCommand(socket, 'chat:configure', async ({ actor, eventId }, { room, ...change }) => chat.configure(actor, eventId, room, change), opts);

  onCommand(socket, 'reaction:send', async ({ actor }, { room, reaction }) => {
    const name = requireJoined(socket, room);
    limited(limits.reactions.take(actor.userId!));
    reactions.update(name, (batch) => {
      batch.room = room;
      batch.counts[reaction] = (batch.counts[reaction] ?? 0) + 1;
    });
    return {};
  }, opts);

  onCommand(socket, 'presence:list', async ({ actor, eventId }, { room }) => {
    await moderation.requireModerator(actor, eventId);
    const sockets = await io.in(chatRoom(eventId, room)).fetchSockets();
    const people = new Map(sockets.map((s) => [s.data.userId, { userId: s.data.userId, displayName: s.data.displayName, role: s.data.role }]));
    return { people: [...people.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, 'sv')) };
  }, opts);
}
