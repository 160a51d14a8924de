import { onCommand } from '../../realtime/command.ts';
import type { RealtimeDeps } from '../../realtime/deps.ts';
import type { RealtimeSocket } from '../../realtime/types.ts';

/** Mute, ban and the word filter: adapters from commands to the moderation service. */
export function moderationSocket(socket: RealtimeSocket, { services, limits, log }: RealtimeDeps): void {
  const { moderation } = services;
  const opts = { limiter: limits.commands, log };
  onCommand(socket, 'moderation:mute', async ({ actor, eventId }, { userId, minutes }) => moderation.mute(actor, eventId, userId, minutes), opts);
  onCommand(socket, 'moderation:unmute', async ({ actor, eventId }, { userId }) => {
    await moderation.unmute(actor, eventId, userId);
    return {};
  }, opts);
  onCommand(socket, 'moderation:ban', async ({ actor, eventId }, { userId, reason }) => {
    await moderation.ban(actor, eventId, userId, reason);
    return {};
  }, opts);
  onCommand(socket, 'moderation:unban', async ({ actor, eventId }, { userId }) => {
    await moderation.unban(actor, eventId, userId);
    return {};
  }, opts);
  onCommand(socket, 'moderation:getWordFilter', async ({ actor, eventId }) => ({ words: await moderation.wordFilter(actor, eventId) }), opts);
  onCommand(socket, 'moderation:setWordFilter', async ({ actor, eventId }, { words }) => ({ words: await moderation.setWordFilter(actor, eventId, words) }), opts);
}
