import type { Room } from '@samling/protocol';

// Socket.IO room names. Every socket is in its event's room and its own user room; chat rooms on join.
export const eventRoom = (eventId: string) => `e:${eventId}`;
export const userRoom = (eventId: string, userId: string) => `e:${eventId}:u:${userId}`;
/** Every connection of one account, whatever the event: ending its sessions (sign out everywhere, deletion) drops them all. */
export const accountRoom = (userId: string) => `u:${userId}`;
/** Every connection of one browser session (one sign-in): signing out of that browser drops them. */
export const browserRoom = (authSessionId: string) => `s:${authSessionId}`;
export const chatRoom = (eventId: string, room: Room) => `e:${eventId}:r:${room}`;
/** The audience of a stage: every connection that joined its media. */
export const stageRoom = (eventId: string, stageId: string) => `e:${eventId}:s:${stageId}`;

/** The event and protocol room behind a chat room name, or null for other rooms. */
export function parseChatRoom(name: string): { eventId: string; room: Room } | null {
  const m = /^e:([0-9a-f-]{36}):r:(lobby|[0-9a-f-]{36})$/.exec(name);
  return m ? { eventId: m[1]!, room: m[2] as Room } : null;
}

/** Moderators of a chat room: they also get what the audience may not see yet (pending questions, hidden results). */
export const moderatorRoom = (eventId: string, room: Room) => `e:${eventId}:r:${room}:mod`;
