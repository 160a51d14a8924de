import { AppError } from '../../errors.ts';
import { onCommand } from '../../realtime/command.ts';
import type { RealtimeDeps } from '../../realtime/deps.ts';
import type { RealtimeSocket } from '../../realtime/types.ts';

/** Q&A in the live room: adapters from commands to the Q&A service. */
export function qaSocket(socket: RealtimeSocket, { services, limits, log }: RealtimeDeps): void {
  const { qa } = services;
  const opts = { limiter: limits.commands, log };
  const sessionRoom = (room: string) => {
    if (room === 'lobby') throw new AppError('NOT_FOUND', 'Q&A lives in session rooms');
    return room;
  };
  onCommand(socket, 'question:ask', async ({ actor, eventId }, { room, id, text, anonymous }) => {
    const wait = limits.chat.take(actor.userId!);
    if (wait > 0) throw new AppError('RATE_LIMITED', 'You are asking too fast', { retryAfterSeconds: wait });
    return qa.ask(actor, eventId, sessionRoom(room), id, text, anonymous);
  }, opts);
  onCommand(socket, 'question:vote', async ({ actor, eventId }, { questionId, up }) => qa.vote(actor, eventId, questionId, up), opts);
  onCommand(socket, 'question:moderate', async ({ actor, eventId }, { questionId, action }) => qa.moderate(actor, eventId, questionId, action), opts);
  onCommand(socket, 'qa:configure', async ({ actor, eventId }, { room, premoderation }) => qa.configure(actor, eventId, sessionRoom(room), premoderation), opts);
}
