import { z } from 'zod';
import { idSchema, roleSchema, sessionSchema, sessionStatusSchema, slugSchema } from './agenda.ts';
import { errorSchema, type ErrorInfo } from './errors.ts';
import {
  ballotSchema, pollInputSchema, pollResultsMessageSchema, pollSchema, QUESTION_MAX_LENGTH, questionActionSchema,
  questionSchema, sessionInteractionSchema,
} from './polls.ts';
import {
  consumerOptionsSchema, dtlsParametersSchema, iceParametersSchema, producePayloadSchema, rtpCapabilitiesSchema, stageJoinedSchema,
  stageProducerSchema, stageStateSchema, transportOptionsSchema, stageLayoutSchema, preferredLayersSchema,
} from './media.ts';
import { filmBroadcasts, filmCommands } from './film.ts';

/** Bumped when a realtime message changes incompatibly; travels in the handshake and is checked by the server. 2: stage layout and backstage in the stage state, films. */
export const PROTOCOL_VERSION = 2;

/**
 * What the client sends in `io(url, { auth })`: the protocol it speaks and the event it joins. Not strict:
 * Socket.IO adds its own keys (`pid`, `offset`) when it recovers a connection.
 */
export const handshakeAuthSchema = z.object({
  protocolVersion: z.number().int(),
  eventSlug: slugSchema,
});
export type HandshakeAuth = z.infer<typeof handshakeAuthSchema>;

/**
 * The typed reason in `connect_error.data` when the server refuses a connection: an error like any other, e.g.
 * RATE_LIMITED with `details.retryAfterSeconds` when the server is admitting too many connections at once.
 */
export const connectRefusalSchema = errorSchema;
export type ConnectRefusal = z.infer<typeof connectRefusalSchema>;

/** A room: the event-wide lobby or one session's room. */
export const roomSchema = z.union([z.literal('lobby'), idSchema]);
export type Room = z.infer<typeof roomSchema>;

export const CHAT_MAX_LENGTH = 1000;

/** A chat message as everyone sees it; `author.id` is null once the author's account is gone. */
export const chatMessageSchema = z.object({
  id: idSchema,
  room: roomSchema,
  author: z.object({ id: idSchema.nullable(), displayName: z.string() }),
  text: z.string(),
  createdAt: z.string(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

/** How a room's chat is set by its moderators. */
export const chatSettingsSchema = z.object({
  open: z.boolean(),
  /** 0 means off; otherwise one message per this many seconds per person. */
  slowModeSeconds: z.number().int().min(0).max(3600),
});
export type ChatSettings = z.infer<typeof chatSettingsSchema>;

/** The reactions people can send; anything else is refused. */
export const Reactions = ['👍', '👏', '❤️', '😂', '😮', '🎉'] as const;
export const reactionSchema = z.enum(Reactions);
export type Reaction = z.infer<typeof reactionSchema>;

/** Everything a client needs to show a room after joining or after a connection that was not recovered. */
export const roomSnapshotSchema = z.object({
  room: roomSchema,
  messages: z.array(chatMessageSchema),
  hasMore: z.boolean(),
  pinned: chatMessageSchema.nullable(),
  chat: chatSettingsSchema,
  viewers: z.number().int(),
  session: z.object({ status: sessionStatusSchema }).nullable(),
  me: z.object({ userId: idSchema, role: roleSchema, mutedUntil: z.string().nullable() }),
  /** Polls and Q&A of a session room; null in the lobby. */
  interaction: sessionInteractionSchema.nullable(),
});
export type RoomSnapshot = z.infer<typeof roomSnapshotSchema>;

export const personSchema = z.object({ userId: idSchema, displayName: z.string(), role: roleSchema });
export type Person = z.infer<typeof personSchema>;

const empty = z.object({});
const inRoom = { room: roomSchema };
const onStage = { stageId: idSchema };

interface Command<P extends z.ZodType, R extends z.ZodType> {
  payload: P;
  result: R;
  summary: string;
}
const command = <P extends z.ZodType, R extends z.ZodType>(c: Command<P, R>) => c;

/** Every client-to-server command: a payload schema and the result its ack carries. */
export const commands = {
  /** Join a room; answers its snapshot. */
  'room:join': command({ summary: 'Join a room', payload: z.strictObject(inRoom), result: roomSnapshotSchema }),
  /** Leave a room. */
  'room:leave': command({ summary: 'Leave a room', payload: z.strictObject(inRoom), result: empty }),
  /** Older messages than `before`, newest last. */
  'chat:history': command({
    summary: 'Page back through the chat',
    payload: z.strictObject({ ...inRoom, before: idSchema, limit: z.number().int().min(1).max(100).default(50) }),
    result: z.object({ messages: z.array(chatMessageSchema), hasMore: z.boolean() }),
  }),
  /** Post a message; `id` is made by the client so a retry is recognised. Acked once stored. */
  'chat:send': command({
    summary: 'Post a chat message',
    payload: z.strictObject({ ...inRoom, id: idSchema, text: z.string().trim().min(1).max(CHAT_MAX_LENGTH) }),
    result: chatMessageSchema,
  }),
  /** Delete a message: your own, or anyone's as a moderator. */
  'chat:delete': command({ summary: 'Delete a message', payload: z.strictObject({ ...inRoom, messageId: idSchema }), result: empty }),
  /** Pin a message to the top of the room, or unpin with null (moderators). */
  'chat:pin': command({ summary: 'Pin or unpin a message', payload: z.strictObject({ ...inRoom, messageId: idSchema.nullable() }), result: empty }),
  /** Open or close the chat, set slow mode (moderators). */
  'chat:configure': command({
    summary: 'Open, close or slow down the chat',
    payload: z.strictObject({ ...inRoom, open: z.boolean().optional(), slowModeSeconds: z.number().int().min(0).max(3600).optional() }),
    result: chatSettingsSchema,
  }),
  /** Send one reaction; the server sends counts a few times a second. */
  'reaction:send': command({ summary: 'React', payload: z.strictObject({ ...inRoom, reaction: reactionSchema }), result: empty }),
  /** Who is in the room (moderators). */
  'presence:list': command({ summary: 'Who is here', payload: z.strictObject(inRoom), result: z.object({ people: z.array(personSchema) }) }),
  /** Mute someone in the whole event for a while (moderators). */
  'moderation:mute': command({
    summary: 'Mute a person',
    payload: z.strictObject({ userId: idSchema, minutes: z.number().int().min(1).max(7 * 24 * 60) }),
    result: z.object({ mutedUntil: z.string() }),
  }),
  'moderation:unmute': command({ summary: 'Unmute a person', payload: z.strictObject({ userId: idSchema }), result: empty }),
  /** Ban someone from the event: their connections drop at once and cannot return (moderators). */
  'moderation:ban': command({
    summary: 'Ban a person from the event',
    payload: z.strictObject({ userId: idSchema, reason: z.string().max(500).default('') }),
    result: empty,
  }),
  'moderation:unban': command({ summary: 'Lift a ban', payload: z.strictObject({ userId: idSchema }), result: empty }),
  /** The event's blocked words. */
  'moderation:getWordFilter': command({ summary: 'Read the word filter', payload: z.strictObject({}), result: z.object({ words: z.array(z.string()) }) }),
  'moderation:setWordFilter': command({
    summary: 'Replace the word filter',
    payload: z.strictObject({ words: z.array(z.string().trim().min(1).max(50)).max(500) }),
    result: z.object({ words: z.array(z.string()) }),
  }),
  /** A session's polls: all of them for moderators (drafts included), the launched ones for others. */
  'poll:list': command({ summary: 'List polls', payload: z.strictObject(inRoom), result: z.object({ polls: z.array(pollSchema) }) }),
  /** Make a poll on the spot (moderators); it starts as a draft. */
  'poll:create': command({ summary: 'Create a poll', payload: z.strictObject({ ...inRoom, poll: pollInputSchema }), result: pollSchema }),
  /** Open a poll for voting; everyone in the room sees it at once (moderators). */
  'poll:launch': command({ summary: 'Launch a poll', payload: z.strictObject({ pollId: idSchema }), result: pollSchema }),
  'poll:close': command({ summary: 'Close a poll', payload: z.strictObject({ pollId: idSchema }), result: pollSchema }),
  'poll:reopen': command({ summary: 'Reopen a closed poll', payload: z.strictObject({ pollId: idSchema }), result: pollSchema }),
  /** Throw away every answer and start the poll again (moderators). */
  'poll:reset': command({ summary: 'Reset a poll', payload: z.strictObject({ pollId: idSchema }), result: pollSchema }),
  /** Show or hide results to the audience (moderators). */
  'poll:reveal': command({ summary: 'Reveal or hide results', payload: z.strictObject({ pollId: idSchema, revealed: z.boolean() }), result: pollSchema }),
  /** Answer a poll. `voteId` is made by the client: a retry with the same id is recognised, never counted twice. */
  'poll:vote': command({
    summary: 'Vote',
    payload: z.strictObject({ pollId: idSchema, voteId: idSchema, ballot: ballotSchema }),
    result: z.object({ ballot: ballotSchema }),
  }),
  /** Hide or show an answer on an open-text wall (moderators). */
  'poll:moderateAnswer': command({
    summary: 'Hide an open answer',
    payload: z.strictObject({ pollId: idSchema, answerId: idSchema, hidden: z.boolean() }),
    result: z.object({}),
  }),
  /** Ask a question in a session's Q&A. `id` is made by the client. */
  'question:ask': command({
    summary: 'Ask a question',
    payload: z.strictObject({ ...inRoom, id: idSchema, text: z.string().trim().min(1).max(QUESTION_MAX_LENGTH), anonymous: z.boolean().default(false) }),
    result: questionSchema,
  }),
  /** Upvote a question, or take the vote back. */
  'question:vote': command({ summary: 'Upvote a question', payload: z.strictObject({ questionId: idSchema, up: z.boolean() }), result: z.object({ votes: z.number().int() }) }),
  /** Approve, hide, mark answered, pin (moderators). */
  'question:moderate': command({ summary: 'Moderate a question', payload: z.strictObject({ questionId: idSchema, action: questionActionSchema }), result: questionSchema }),
  /** Turn pre-moderation of questions on or off (moderators). */
  'qa:configure': command({ summary: 'Configure Q&A', payload: z.strictObject({ ...inRoom, premoderation: z.boolean() }), result: z.object({ premoderation: z.boolean() }) }),
  /** Set a session live or ended (moderators). */
  'session:setStatus': command({
    summary: 'Set a session live or ended',
    payload: z.strictObject({ sessionId: idSchema, status: sessionStatusSchema }),
    result: sessionSchema,
  }),
  /**
   * Join a stage's media (a session room's stage is its session's `stageId`): the router's RTP capabilities to
   * load the device with, ICE (TURN) servers, who is on stage. Again after every reconnect and after `stage:restarted`.
   */
  'stage:join': command({
    summary: 'Join a stage',
    // `backstage`: this connection is a speaker's or moderator's backstage (listed in the state as present).
    payload: z.strictObject({ ...onStage, backstage: z.boolean().optional() }),
    result: stageJoinedSchema,
  }),
  /** Leave a stage: every transport, producer and consumer of this connection there is closed. */
  'stage:leave': command({ summary: 'Leave a stage', payload: z.strictObject(onStage), result: empty }),
  /** A WebRTC transport on the server: `send` (people on stage only) or `recv`. */
  'stage:createTransport': command({
    summary: 'Create a WebRTC transport',
    payload: z.strictObject({ ...onStage, direction: z.enum(['send', 'recv']) }),
    result: transportOptionsSchema,
  }),
  /** The browser's DTLS parameters, from the transport's `connect` event. */
  'stage:connectTransport': command({
    summary: 'Connect a transport',
    payload: z.strictObject({ ...onStage, transportId: idSchema, dtlsParameters: dtlsParametersSchema }),
    result: empty,
  }),
  /** New ICE credentials after the connection failed; pass them to `transport.restartIce()`. */
  'stage:restartIce': command({
    summary: 'Restart ICE of a transport',
    payload: z.strictObject({ ...onStage, transportId: idSchema }),
    result: z.object({ iceParameters: iceParametersSchema }),
  }),
  /** Send a camera, microphone or screen on a send transport (people on stage only); answers the producer id. */
  'stage:produce': command({ summary: 'Produce media', payload: producePayloadSchema, result: z.object({ id: idSchema }) }),
  /** Mute: the producer stays, nothing is forwarded until `stage:resumeProducer`. */
  'stage:pauseProducer': command({ summary: 'Mute a producer', payload: z.strictObject({ ...onStage, producerId: idSchema }), result: empty }),
  'stage:resumeProducer': command({ summary: 'Unmute a producer', payload: z.strictObject({ ...onStage, producerId: idSchema }), result: empty }),
  /** Stop sharing a source. */
  'stage:closeProducer': command({ summary: 'Stop a producer', payload: z.strictObject({ ...onStage, producerId: idSchema }), result: empty }),
  /** Receive a producer of the stage on a recv transport; the consumer starts paused. */
  'stage:consume': command({
    summary: 'Consume a producer',
    payload: z.strictObject({ ...onStage, transportId: idSchema, producerId: idSchema, rtpCapabilities: rtpCapabilitiesSchema }),
    result: consumerOptionsSchema,
  }),
  /** Start forwarding to a consumer, once the browser's `recvTransport.consume()` returned. */
  'stage:resumeConsumer': command({ summary: 'Resume a consumer', payload: z.strictObject({ ...onStage, consumerId: idSchema }), result: empty }),
  /** Put a speaker on stage: they may then produce (moderators). */
  'stage:putOnStage': command({ summary: 'Put a speaker on stage', payload: z.strictObject({ ...onStage, userId: idSchema }), result: stageStateSchema }),
  /** Take someone off stage: their producers close at once (moderators). */
  'stage:takeOffStage': command({ summary: 'Take someone off stage', payload: z.strictObject({ ...onStage, userId: idSchema }), result: stageStateSchema }),
  ...filmCommands,
  /** Choose how the audience sees the stage (moderators); everyone gets `stage:updated`. */
  'stage:setLayout': command({ summary: 'Choose the stage layout', payload: z.strictObject({ ...onStage, layout: stageLayoutSchema }), result: stageStateSchema }),
  /** The simulcast layer this viewer wants of a video consumer (by player size and downlink). */
  'stage:setPreferredLayers': command({
    summary: 'Prefer a simulcast layer',
    payload: z.strictObject({ ...onStage, consumerId: idSchema, ...preferredLayersSchema.shape }),
    result: empty,
  }),
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandPayload<N extends CommandName> = z.input<Commands[N]['payload']>;
export type CommandResult<N extends CommandName> = z.infer<Commands[N]['result']>;

/** The answer to every command. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorInfo };

/** Server-to-client broadcasts, named in the past tense. */
export const broadcasts = {
  'chat:posted': chatMessageSchema,
  'chat:deleted': z.object({ room: roomSchema, messageId: idSchema }),
  'chat:pinned': z.object({ room: roomSchema, message: chatMessageSchema.nullable() }),
  'chat:configured': z.object({ room: roomSchema, chat: chatSettingsSchema }),
  /** Cluster-wide viewer count of a room, about once a second while it changes. */
  'presence:counted': z.object({ room: roomSchema, viewers: z.number().int() }),
  /** Reactions since the last batch, a few times a second at most. */
  'reaction:counted': z.object({ room: roomSchema, counts: z.partialRecord(reactionSchema, z.number().int()) }),
  'session:statusChanged': z.object({ sessionId: idSchema, status: sessionStatusSchema }),
  'agenda:changed': z.object({}),
  /** A poll was launched, closed, reopened, reset or revealed: its new state. */
  'poll:updated': pollSchema,
  /** Results, at most about four times a second while votes come in; `final` when the poll closed. */
  'poll:results': pollResultsMessageSchema,
  /** A question appeared or changed (to moderators also while pending). */
  'question:updated': questionSchema,
  /** A question is no longer visible (hidden by a moderator). */
  'question:removed': z.object({ questionId: idSchema }),
  /** Upvote counts that changed, batched. */
  'question:votes': z.object({ votes: z.record(idSchema, z.number().int()) }),
  'qa:configured': z.object({ room: roomSchema, premoderation: z.boolean() }),
  /** To the muted person only. */
  'moderation:muted': z.object({ mutedUntil: z.string().nullable() }),
  /** To the banned person, just before their connections are dropped. */
  'moderation:banned': z.object({ reason: z.string() }),
  /** Who is on a stage changed, or a producer was muted or unmuted: the whole state. To the stage and to whoever was put on or taken off it. */
  'stage:updated': stageStateSchema,
  /** Someone on stage started sending: consume it. */
  'stage:producerAdded': z.object({ stageId: idSchema, producer: stageProducerSchema }),
  /** A producer stopped: close its consumer (the server has closed its end). */
  'stage:producerRemoved': z.object({ stageId: idSchema, producerId: idSchema, userId: idSchema }),
  /** The stage's media was lost (a media worker died) and is back: drop the device and transports and `stage:join` again. */
  'stage:restarted': z.object({ stageId: idSchema }),
  ...filmBroadcasts,
} as const;
export type Broadcasts = typeof broadcasts;

/** Socket.IO's typed maps, derived from the tables above so nothing is declared twice. */
export type ClientToServerEvents = {
  [N in CommandName]: (payload: CommandPayload<N>, ack: (res: Ack<CommandResult<N>>) => void) => void;
};
export type ServerToClientEvents = {
  [N in keyof Broadcasts]: (payload: z.infer<Broadcasts[N]>) => void;
};
