import { onCommand } from '../../realtime/command.ts';
import type { RealtimeDeps } from '../../realtime/deps.ts';
import type { RealtimeSocket } from '../../realtime/types.ts';

/** Moderators move a session live and ended from the room; the same rule as the HTTP API applies. */
export function agendaSocket(socket: RealtimeSocket, { services, limits, log }: RealtimeDeps): void {
  onCommand(socket, 'session:setStatus', async ({ actor, eventSlug }, { sessionId, status }) =>
    (await services.agenda.updateSession(actor, eventSlug, sessionId, { status })).session, { limiter: limits.commands, log });
}
