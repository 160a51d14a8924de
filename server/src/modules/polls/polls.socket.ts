import { AppError } from '../../errors.ts';
import { onCommand } from '../../realtime/command.ts';
import type { RealtimeDeps } from '../../realtime/deps.ts';
import { chatRoom } from '../../realtime/rooms.ts';
import type { RealtimeSocket } from '../../realtime/types.ts';

/** Polls in the live room: adapters from commands to the polls service. */
export function pollsSocket(socket: RealtimeSocket, { services, limits, log, presence }: RealtimeDeps): void {
  const { polls } = services;
  const opts = { limiter: limits.commands, log };
  const sessionRoom = (room: string) => {
    if (room === 'lobby') throw new AppError('NOT_FOUND', 'Polls live in session rooms');
    return room;
  };
  onCommand(socket, 'poll:list', async ({ actor, eventId }, { room }) => ({ polls: await polls.listForRoom(actor, eventId, sessionRoom(room)) }), opts);
  onCommand(socket, 'poll:create', async ({ actor, eventId }, { room, poll }) => polls.create(actor, eventId, sessionRoom(room), poll), opts);
  onCommand(socket, 'poll:launch', async ({ actor, eventId }, { pollId }) =>
    polls.launch(actor, eventId, pollId, (sessionId) => presence.viewers(chatRoom(eventId, sessionId))), opts);
  onCommand(socket, 'poll:close', async ({ actor, eventId }, { pollId }) =>
    polls.close(actor, eventId, pollId, (sessionId) => presence.viewers(chatRoom(eventId, sessionId))), opts);
  onCommand(socket, 'poll:reopen', async ({ actor, eventId }, { pollId }) => polls.reopen(actor, eventId, pollId), opts);
  onCommand(socket, 'poll:reset', async ({ actor, eventId }, { pollId }) => polls.reset(actor, eventId, pollId), opts);
  onCommand(socket, 'poll:reveal', async ({ actor, eventId }, { pollId, revealed }) => polls.reveal(actor, eventId, pollId, revealed), opts);
  onCommand(socket, 'poll:vote', async ({ actor, eventId }, { pollId, voteId, ballot }) => polls.vote(actor, eventId, pollId, voteId, ballot), opts);
  onCommand(socket, 'poll:moderateAnswer', async ({ actor, eventId }, { pollId, answerId, hidden }) => {
    await polls.moderateAnswer(actor, eventId, pollId, answerId, hidden);
    return {};
  }, opts);
}
