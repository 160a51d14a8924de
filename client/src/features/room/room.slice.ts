import type {
  ChatMessage,
  ChatSettings,
  ConnectRefusal,
  Person,
  Reaction,
  Room,
  RoomSnapshot,
  SessionStatus,
} from '@samling/protocol';
import { ApiError, isApiError } from '../../api.ts';
import { send } from '../../realtime/commands.ts';
import { activeConnection, type ConnectionStatus } from '../../realtime/connection.ts';
import type { SliceCreator } from '../../store/types.ts';

/** A handful of emoji floating up after a `reaction:counted`; gone again after the animation. */
export interface Burst {
  id: number;
  reaction: Reaction;
}

/** At most this many emoji float in one room at once, however many people react. */
export const MAX_BURSTS = 24;

export interface RoomState {
  /** `joining` while a snapshot is on its way (first join or re-join after a connection that was not recovered). */
  status: 'joining' | 'joined' | 'error';
  error: ApiError | null;
  /** The room's messages, oldest first; the messages themselves are in `chatMessages`. */
  messageIds: string[];
  hasMore: boolean;
  older: 'idle' | 'loading' | 'error';
  pinned: ChatMessage | null;
  chat: ChatSettings;
  viewers: number | null;
  session: { status: SessionStatus } | null;
  me: RoomSnapshot['me'] | null;
  bursts: Burst[];
  /** Reactions counted since joining, per emoji. */
  reactionTotals: Partial<Record<Reaction, number>>;
}

export interface ConnectionState {
  slug: string | null;
  status: ConnectionStatus;
  refusal: ConnectRefusal | null;
}

export interface RoomSlice {
  connection: ConnectionState;
  /** The joined (or joining) rooms of the connected event, by room ('lobby' or a session id). */
  rooms: Record<string, RoomState>;
  /** Every loaded chat message, by id: a message arriving twice (ack, broadcast, snapshot) is stored once. */
  chatMessages: Record<string, ChatMessage>;
  /** Session statuses as the server last announced them, by session id. */
  sessionStatuses: Record<string, SessionStatus>;

  // Transitions applied by the realtime bindings (and by the commands below).
  /** A connection to `slug` starts. Rooms asked for already (a page's join can run before the layout connects) are kept. */
  connectionStarting(slug: string): void;
  /** The event's pages are left: forgets the connection and every room. */
  resetRealtime(): void;
  setConnection(status: ConnectionStatus, refusal?: ConnectRefusal | null): void;
  roomJoining(room: Room): void;
  /** Replaces the room with a fresh snapshot (its polls and Q&A too): nothing from before survives but the reaction totals. */
  roomSnapshot(snapshot: RoomSnapshot): void;
  roomJoinFailed(room: Room, error: ApiError): void;
  messagePosted(message: ChatMessage): void;
  messageDeleted(room: Room, messageId: string): void;
  messagePinned(room: Room, message: ChatMessage | null): void;
  chatConfigured(room: Room, chat: ChatSettings): void;
  viewersCounted(room: Room, viewers: number): void;
  /** Adds the counts to the totals and queues bursts; returns the new bursts' ids so they can be expired. */
  reactionsCounted(room: Room, counts: Partial<Record<Reaction, number>>): number[];
  burstsDone(room: Room, ids: number[]): void;
  sessionStatusChanged(sessionId: string, status: SessionStatus): void;
  mutedChanged(mutedUntil: string | null): void;

  // Commands: each sends over the event's connection and throws ApiError on failure.
  /** Joins a room (sent once the connection is online) and loads its snapshot. */
  joinRoom(room: Room): Promise<void>;
  leaveRoom(room: Room): void;
  loadOlderMessages(room: Room): Promise<void>;
  sendMessage(room: Room, text: string): Promise<void>;
  deleteMessage(room: Room, messageId: string): Promise<void>;
  pinMessage(room: Room, messageId: string | null): Promise<void>;
  configureChat(room: Room, change: Partial<ChatSettings>): Promise<void>;
  react(room: Room, reaction: Reaction): Promise<void>;
  listPeople(room: Room): Promise<Person[]>;
  mutePerson(userId: string, minutes: number): Promise<string>;
  banPerson(userId: string, reason: string): Promise<void>;
  getWordFilter(): Promise<string[]>;
  setWordFilter(words: string[]): Promise<string[]>;
  /** Starts or ends a session (moderators); the agenda shows the new status at once. */
  setSessionStatus(slug: string, sessionId: string, status: SessionStatus): Promise<void>;
}

let nextBurstId = 1;

/** Inserts `id` keeping the room in createdAt order; equal times keep arrival order. */
function insertInOrder(ids: string[], id: string, messages: Record<string, ChatMessage>, createdAt: string): string[] {
  let i = ids.length;
  while (i > 0 && (messages[ids[i - 1]!]?.createdAt ?? '') > createdAt) i--;
  return [...ids.slice(0, i), id, ...ids.slice(i)];
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

export const createRoomSlice: SliceCreator<RoomSlice> = (set, get) => {
  /** Applies `change` to one room if it is still wanted (a late answer for a room left meanwhile is dropped). */
  const updateRoom = (room: Room, change: (r: RoomState) => Partial<RoomState>) =>
    set((s) => {
      const current = s.rooms[room];
      if (!current) return {};
      return { rooms: { ...s.rooms, [room]: { ...current, ...change(current) } } };
    });

  return {
    connection: { slug: null, status: 'idle', refusal: null },
    rooms: {},
    chatMessages: {},
    sessionStatuses: {},

    connectionStarting(slug) {
      set({ connection: { slug, status: 'connecting', refusal: null } });
    },

    resetRealtime() {
      set({ connection: { slug: null, status: 'idle', refusal: null }, rooms: {}, chatMessages: {}, sessionStatuses: {} });
      get().resetInteraction();
    },

    setConnection(status, refusal = null) {
      set((s) => ({ connection: { ...s.connection, status, refusal } }));
    },

    roomJoining(room) {
      set((s) => {
        const current = s.rooms[room];
        const base: RoomState = current ?? {
          status: 'joining',
          error: null,
          messageIds: [],
          hasMore: false,
          older: 'idle',
          pinned: null,
          chat: { open: true, slowModeSeconds: 0 },
          viewers: null,
          session: null,
          me: null,
          bursts: [],
          reactionTotals: {},
        };
        return { rooms: { ...s.rooms, [room]: { ...base, status: 'joining', error: null } } };
      });
      get().interactionJoining(room);
    },

    roomSnapshot(snapshot) {
      set((s) => {
        const current = s.rooms[snapshot.room];
        if (!current) return {};
        const chatMessages = { ...s.chatMessages };
        for (const id of current.messageIds) delete chatMessages[id];
        for (const m of snapshot.messages) chatMessages[m.id] = m;
        const room: RoomState = {
          ...current,
          status: 'joined',
          error: null,
          messageIds: unique(snapshot.messages.map((m) => m.id)),
          hasMore: snapshot.hasMore,
          older: 'idle',
          pinned: snapshot.pinned,
          chat: snapshot.chat,
          viewers: snapshot.viewers,
          session: snapshot.session,
          me: snapshot.me,
          bursts: [],
        };
        const sessionStatuses = snapshot.session ? { ...s.sessionStatuses, [snapshot.room]: snapshot.session.status } : s.sessionStatuses;
        return { rooms: { ...s.rooms, [snapshot.room]: room }, chatMessages, sessionStatuses };
      });
      if (get().rooms[snapshot.room]) get().interactionSnapshot(snapshot.room, snapshot.interaction);
      if (snapshot.session) {
        const session = get().sessions[snapshot.room];
        if (session && session.status !== snapshot.session.status) {
          set((s) => ({ sessions: { ...s.sessions, [snapshot.room]: { ...session, status: snapshot.session!.status } } }));
        }
      }
    },

    roomJoinFailed(room, error) {
      updateRoom(room, () => ({ status: 'error', error }));
    },

    messagePosted(message) {
      set((s) => {
        const current = s.rooms[message.room];
        if (!current) return {};
        const chatMessages = { ...s.chatMessages, [message.id]: message };
        if (current.messageIds.includes(message.id)) return { chatMessages };
        const messageIds = insertInOrder(current.messageIds, message.id, s.chatMessages, message.createdAt);
        return { chatMessages, rooms: { ...s.rooms, [message.room]: { ...current, messageIds } } };
      });
    },

    messageDeleted(room, messageId) {
      set((s) => {
        const current = s.rooms[room];
        if (!current) return {};
        const chatMessages = { ...s.chatMessages };
        delete chatMessages[messageId];
        return {
          chatMessages,
          rooms: {
            ...s.rooms,
            [room]: {
              ...current,
              messageIds: current.messageIds.filter((id) => id !== messageId),
              pinned: current.pinned?.id === messageId ? null : current.pinned,
            },
          },
        };
      });
    },

    messagePinned(room, message) {
      updateRoom(room, () => ({ pinned: message }));
    },

    chatConfigured(room, chat) {
      updateRoom(room, () => ({ chat }));
    },

    viewersCounted(room, viewers) {
      updateRoom(room, (r) => (r.viewers === viewers ? {} : { viewers }));
    },

    reactionsCounted(room, counts) {
      const added: Burst[] = [];
      updateRoom(room, (r) => {
        const totals = { ...r.reactionTotals };
        const left = new Map<Reaction, number>();
        for (const [reaction, n] of Object.entries(counts) as [Reaction, number][]) {
          if (!Number.isInteger(n) || n <= 0) continue;
          totals[reaction] = (totals[reaction] ?? 0) + n;
          left.set(reaction, n);
        }
        // Round-robin, so a flood of one emoji does not crowd out the others under the cap.
        while (left.size > 0 && r.bursts.length + added.length < MAX_BURSTS) {
          for (const [reaction, n] of left) {
            if (r.bursts.length + added.length >= MAX_BURSTS) break;
            added.push({ id: nextBurstId++, reaction });
            if (n <= 1) left.delete(reaction);
            else left.set(reaction, n - 1);
          }
        }
        return { reactionTotals: totals, bursts: added.length ? [...r.bursts, ...added] : r.bursts };
      });
      return added.map((b) => b.id);
    },

    burstsDone(room, ids) {
      const done = new Set(ids);
      updateRoom(room, (r) => ({ bursts: r.bursts.filter((b) => !done.has(b.id)) }));
    },

    sessionStatusChanged(sessionId, status) {
      set((s) => {
        const session = s.sessions[sessionId];
        const room = s.rooms[sessionId];
        return {
          sessionStatuses: { ...s.sessionStatuses, [sessionId]: status },
          ...(session && session.status !== status ? { sessions: { ...s.sessions, [sessionId]: { ...session, status } } } : {}),
          ...(room?.session ? { rooms: { ...s.rooms, [sessionId]: { ...room, session: { status } } } } : {}),
        };
      });
    },

    mutedChanged(mutedUntil) {
      set((s) => ({
        rooms: Object.fromEntries(
          Object.entries(s.rooms).map(([key, r]) => [key, r.me ? { ...r, me: { ...r.me, mutedUntil } } : r]),
        ),
      }));
    },

    async joinRoom(room) {
      get().roomJoining(room);
      if (!activeConnection()) {
        // Not connected yet (a page's effect runs before the layout's): the first connection joins it.
        get().roomJoinFailed(room, new ApiError(0, 'NETWORK', 'Not connected'));
        return;
      }
      try {
        const snapshot = await send('room:join', { room });
        get().roomSnapshot(snapshot);
      } catch (e) {
        if (!isApiError(e)) throw e;
        get().roomJoinFailed(room, e);
      }
    },

    leaveRoom(room) {
      if (!get().rooms[room]) return;
      const { [room]: left, ...rooms } = get().rooms;
      const chatMessages = { ...get().chatMessages };
      for (const id of left!.messageIds) delete chatMessages[id];
      set({ rooms, chatMessages });
      get().interactionLeft(room);
      if (get().connection.status === 'online') send('room:leave', { room }).catch(() => {});
    },

    async loadOlderMessages(room) {
      const current = get().rooms[room];
      const before = current?.messageIds[0];
      if (!current || !before || current.older === 'loading') return;
      updateRoom(room, () => ({ older: 'loading' }));
      try {
        const page = await send('chat:history', { room, before, limit: 50 });
        set((s) => {
          const r = s.rooms[room];
          if (!r) return {};
          const chatMessages = { ...s.chatMessages };
          const fresh = page.messages.filter((m) => !r.messageIds.includes(m.id));
          for (const m of fresh) chatMessages[m.id] = m;
          return {
            chatMessages,
            rooms: { ...s.rooms, [room]: { ...r, older: 'idle', hasMore: page.hasMore, messageIds: unique([...fresh.map((m) => m.id), ...r.messageIds]) } },
          };
        });
      } catch (e) {
        updateRoom(room, () => ({ older: 'error' }));
        throw e;
      }
    },

    async sendMessage(room, text) {
      const message = await send('chat:send', { room, id: crypto.randomUUID(), text });
      // The broadcast may come before or after the ack; either way the message is stored once.
      get().messagePosted(message);
    },

    async deleteMessage(room, messageId) {
      await send('chat:delete', { room, messageId });
      get().messageDeleted(room, messageId);
    },

    async pinMessage(room, messageId) {
      await send('chat:pin', { room, messageId });
      if (messageId === null) get().messagePinned(room, null);
      else {
        const message = get().chatMessages[messageId];
        if (message) get().messagePinned(room, message);
      }
    },

    async configureChat(room, change) {
      const chat = await send('chat:configure', { room, ...change });
      get().chatConfigured(room, chat);
    },

    async react(room, reaction) {
      await send('reaction:send', { room, reaction });
    },

    async listPeople(room) {
      return (await send('presence:list', { room })).people;
    },

    async mutePerson(userId, minutes) {
      return (await send('moderation:mute', { userId, minutes })).mutedUntil;
    },

    async banPerson(userId, reason) {
      await send('moderation:ban', { userId, reason });
    },

    async getWordFilter() {
      return (await send('moderation:getWordFilter', {})).words;
    },

    async setWordFilter(words) {
      return (await send('moderation:setWordFilter', { words })).words;
    },

    async setSessionStatus(slug, sessionId, status) {
      const session = await send('session:setStatus', { sessionId, status });
      get().putEntity(slug, 'sessions', session);
      get().sessionStatusChanged(session.id, session.status);
    },
  };
};
