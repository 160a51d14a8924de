import type { ChatMessage, ChatSettings, Room, RoomSnapshot } from '@samling/protocol';
import type { Prisma } from '../../db/database.ts';
import type { DomainEventBus } from '../../domain-events.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { atLeast, requireRole } from '../events/access.ts';
import type { ModerationService } from '../moderation/moderation.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { MemberCache } from '../events/member-cache.ts';
import { singleNode, type NodeSync } from '../../node-sync.ts';

const TAIL = 50;
const DEFAULT_SETTINGS: ChatSettings = { open: true, slowModeSeconds: 0 };
/** Shown for messages whose author deleted their account. */
export const DELETED_USER = 'deleted user';

type MessageRow = { id: string; room: string; text: string; createdAt: Date; userId: string | null; user: { displayName: string } | null };
const include = { user: { select: { displayName: true } } } as const;

const toMessage = (m: MessageRow): ChatMessage => ({
  id: m.id,
  room: m.room as Room,
  author: { id: m.userId, displayName: m.user?.displayName ?? DELETED_USER },
  text: m.text,
  createdAt: m.createdAt.toISOString(),
});

// Control characters other than newline and tab never belong in a chat line.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** What everyone joining a room is shown alike: read once, kept until something in the room changes. */
interface RoomState {
  session: { status: string } | null;
  rows: (MessageRow & { eventId: string })[];
  settings: { open: boolean; slowModeSeconds: number; pinnedMessageId: string | null } | null;
  pinned: ChatMessage | null;
  until: number;
}

/**
 * How long a room's state may be served from memory at most. Changes made through this service drop it at once (on
 * every node, through `NodeSync`); the limit bounds what is written around it (an import, a lost
 * notification). Short, yet a crowd of thousands joining within it shares one read.
 */
const ROOM_STATE_TTL_MS = 2_000;
/** Joins per second from which a room counts as crowded and its state is reused; a quiet room reads it fresh. */
const CROWD_JOINS_PER_SECOND = 20;

/** Chat in the event's lobby and in each live session's room. */
export class ChatService {
  private readonly rooms = new Map<string, RoomState>();
  private readonly roomLoads = new Map<string, Promise<RoomState>>();
  /** Joins per room in the current second. */
  private readonly joinRate = new Map<string, { second: number; joins: number }>();
  private roomGeneration = 0;

  constructor(
    private readonly prisma: Prisma,
    private readonly bus: DomainEventBus,
    private readonly moderation: ModerationService,
    private readonly audit: AuditService,
    private readonly members?: MemberCache,
    private readonly sync: NodeSync = singleNode,
  ) {
    sync.on('rooms:changed', ({ eventId, room }) => this.forgetRoom(eventId, room));
    // A room's state holds its session's status, and must not show a deleted author or a purged chat.
    bus.on('session.statusChanged', ({ eventId, session }) => this.roomChanged(eventId, session.id));
    bus.on('account.deleted', ({ chatRooms }) => chatRooms.forEach(({ eventId, room }) => this.roomChanged(eventId, room)));
    bus.on('event.purged', ({ eventId, chatRooms }) => chatRooms.forEach((room) => this.roomChanged(eventId, room)));
  }

  /** Something in the room changed (a message, its settings, its session's status): read it again on the next join. */
  private forgetRoom(eventId: string, room: Room): void {
    this.roomGeneration += 1;
    this.rooms.delete(`${eventId}:${room}`);
    this.roomLoads.delete(`${eventId}:${room}`);
  }

  /** A change made on this node: forgotten here, and the other nodes are told to forget it too. */
  private roomChanged(eventId: string, room: Room): void {
    this.forgetRoom(eventId, room);
    this.sync.publish('rooms:changed', { eventId, room });
  }

  private mutedUntil(eventId: string, userId: string): Promise<Date | null> {
    const read = () => this.moderation.mutedUntil(eventId, userId);
    return this.members ? this.members.mutedUntil(eventId, userId, read) : read();
  }

  private role(actor: Actor, eventId: string) {
    return this.members ? this.members.requireRole(actor, eventId, 'guest').then((m) => m.role) : requireRole(this.prisma, actor, eventId, 'guest');
  }

  /** A room's shared state: a crowd joining at once shares one read. */
  private roomState(eventId: string, room: Room): Promise<RoomState> {
    const key = `${eventId}:${room}`;
    const now = Date.now();
    const second = Math.floor(now / 1000);
    let rate = this.joinRate.get(key);
    if (!rate || rate.second !== second) {
      if (this.joinRate.size > 10_000) this.joinRate.clear();
      this.joinRate.set(key, (rate = { second, joins: 0 }));
    }
    rate.joins += 1;
    // Joins arriving while the state is being read share that read.
    const pending = this.roomLoads.get(key);
    if (pending) return pending;
    const hit = this.rooms.get(key);
    if (hit && hit.until > now && rate.joins >= CROWD_JOINS_PER_SECOND) return Promise.resolve(hit);
    const generation = this.roomGeneration;
    const load = (async () => {
      const session = await this.requireRoom(eventId, room);
      const rows = await this.prisma.chatMessage.findMany({
        where: { eventId, room, deletedAt: null },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: TAIL + 1,
        include,
      });
      const settings = await this.settingsRow(eventId, room);
      const pinned = await this.pinnedMessage(eventId, room, settings?.pinnedMessageId ?? null);
      return { session, rows, settings, pinned, until: Date.now() + ROOM_STATE_TTL_MS };
    })();
    this.roomLoads.set(key, load);
    return load.then(
      (state) => {
        if (this.roomLoads.get(key) === load) this.roomLoads.delete(key);
        if (generation === this.roomGeneration) this.rooms.set(key, state);
        return state;
      },
      (err: unknown) => {
        if (this.roomLoads.get(key) === load) this.roomLoads.delete(key);
        throw err;
      },
    );
  }

  /** Everything a client shows on joining a room; the realtime layer adds the viewer count, polls and Q&A. */
  async snapshot(actor: Actor, eventId: string, room: Room): Promise<Omit<RoomSnapshot, 'viewers' | 'interaction'>> {
    // Guests read the room (to vote and ask); writing in the chat needs an account.
    const role = await this.role(actor, eventId);
    const { session, rows, settings, pinned } = await this.roomState(eventId, room);
    const mutedUntil = await this.mutedUntil(eventId, actor.userId!);
    return {
      room,
      messages: rows.slice(0, TAIL).reverse().map(toMessage),
      hasMore: rows.length > TAIL,
      pinned,
      chat: settings ? { open: settings.open, slowModeSeconds: settings.slowModeSeconds } : DEFAULT_SETTINGS,
      session: session ? { status: session.status as 'scheduled' | 'live' | 'ended' } : null,
      me: { userId: actor.userId!, role, mutedUntil: mutedUntil?.toISOString() ?? null },
    };
  }

  /** Messages older than `before`, oldest first. */
  async history(actor: Actor, eventId: string, room: Room, before: string, limit: number): Promise<{ messages: ChatMessage[]; hasMore: boolean }> {
    await requireRole(this.prisma, actor, eventId, 'guest');
    const anchor = await this.prisma.chatMessage.findFirst({ where: { id: before, eventId, room } });
    if (!anchor) throw notFound('Message');
    const rows = await this.prisma.chatMessage.findMany({
      where: {
        eventId, room, deletedAt: null,
        OR: [{ createdAt: { lt: anchor.createdAt } }, { createdAt: anchor.createdAt, id: { lt: anchor.id } }],
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
      include,
    });
    return { messages: rows.slice(0, limit).reverse().map(toMessage), hasMore: rows.length > limit };
  }

  /**
   * Stores a message and only then answers. The id comes from the client: sending the same message again
   * (a retry after a lost ack) returns the stored one and posts nothing new.
   */
  async send(actor: Actor, eventId: string, room: Room, id: string, rawText: string): Promise<{ message: ChatMessage; created: boolean }> {
    const role = await this.role(actor, eventId);
    if (role === 'guest') throw new AppError('GUESTS_NOT_ALLOWED', 'Guests vote and ask questions; the chat needs an account');
    const text = rawText.replace(CONTROL, '').trim();
    if (!text) throw new AppError('VALIDATION_FAILED', 'The message is empty');
    const existing = await this.prisma.chatMessage.findUnique({ where: { id }, include });
    if (existing) return { message: this.sameMessage(existing, actor, eventId, room, text), created: false };

    const session = await this.requireRoom(eventId, room);
    const moderator = atLeast(role, 'moderator');
    if (await this.moderation.isBanned(eventId, actor.userId!)) throw new AppError('BANNED', 'You are banned from this event');
    const mutedUntil = await this.mutedUntil(eventId, actor.userId!);
    if (mutedUntil) throw new AppError('MUTED', 'You are muted for now', { mutedUntil: mutedUntil.toISOString() });
    if (!moderator) await this.checkRoomRules(eventId, room, session?.status ?? null, actor.userId!);
    await this.checkWordFilter(eventId, text);

    try {
      const row = await this.prisma.chatMessage.create({ data: { id, eventId, room, userId: actor.userId!, text }, include });
      this.roomChanged(eventId, room);
      const message = toMessage(row);
      this.bus.emit('chat.posted', { eventId, message });
      return { message, created: true };
    } catch (err) {
      if ((err as { code?: string }).code !== 'P2002') throw err;
      // The same id arrived twice at once: the other one was stored first.
      const row = await this.prisma.chatMessage.findUniqueOrThrow({ where: { id }, include });
      return { message: this.sameMessage(row, actor, eventId, room, text), created: false };
    }
  }

  async delete(actor: Actor, eventId: string, room: Room, messageId: string): Promise<void> {
    const role = await requireRole(this.prisma, actor, eventId, 'attendee');
    const m = await this.prisma.chatMessage.findFirst({ where: { id: messageId, eventId, room } });
    if (!m) throw notFound('Message');
    if (m.userId !== actor.userId && !atLeast(role, 'moderator')) throw new AppError('FORBIDDEN', 'You can delete only your own messages');
    if (m.deletedAt) return;
    await this.prisma.chatMessage.update({ where: { id: messageId }, data: { deletedAt: new Date(), deletedById: actor.userId } });
    this.roomChanged(eventId, room);
    if (m.userId !== actor.userId) await this.audit.record(eventId, actor, 'chat.deleted', m.text.slice(0, 80), { room });
    const settings = await this.settingsRow(eventId, room);
    if (settings?.pinnedMessageId === messageId) {
      await this.prisma.chatRoom.update({ where: { eventId_room: { eventId, room } }, data: { pinnedMessageId: null } });
      this.roomChanged(eventId, room);
      this.bus.emit('chat.pinned', { eventId, room, message: null });
    }
    this.bus.emit('chat.deleted', { eventId, room, messageId });
  }

  async pin(actor: Actor, eventId: string, room: Room, messageId: string | null): Promise<void> {
    await requireRole(this.prisma, actor, eventId, 'moderator');
    await this.requireRoom(eventId, room);
    let message: ChatMessage | null = null;
    if (messageId) {
      const row = await this.prisma.chatMessage.findFirst({ where: { id: messageId, eventId, room, deletedAt: null }, include });
      if (!row) throw notFound('Message');
      message = toMessage(row);
    }
    await this.prisma.chatRoom.upsert({
      where: { eventId_room: { eventId, room } },
      create: { eventId, room, pinnedMessageId: messageId },
      update: { pinnedMessageId: messageId },
    });
    this.roomChanged(eventId, room);
    await this.audit.record(eventId, actor, messageId ? 'chat.pinned' : 'chat.unpinned', message?.text.slice(0, 80) ?? '', { room });
    this.bus.emit('chat.pinned', { eventId, room, message });
  }

  async configure(actor: Actor, eventId: string, room: Room, change: Partial<ChatSettings>): Promise<ChatSettings> {
    await requireRole(this.prisma, actor, eventId, 'moderator');
    await this.requireRoom(eventId, room);
    const row = await this.prisma.chatRoom.upsert({
      where: { eventId_room: { eventId, room } },
      create: { eventId, room, ...change },
      update: change,
    });
    this.roomChanged(eventId, room);
    const chat = { open: row.open, slowModeSeconds: row.slowModeSeconds };
    await this.audit.record(eventId, actor, 'chat.configured', '', { room, ...chat });
    this.bus.emit('chat.configured', { eventId, room, chat });
    return chat;
  }

  /** The lobby always exists; a session room exists when the session belongs to the event. */
  async requireRoom(eventId: string, room: Room): Promise<{ status: string } | null> {
    if (room === 'lobby') return null;
    const session = await this.prisma.session.findFirst({ where: { id: room, eventId }, select: { status: true } });
    if (!session) throw notFound('Session');
    return session;
  }

  private sameMessage(row: MessageRow & { eventId: string }, actor: Actor, eventId: string, room: Room, text: string): ChatMessage {
    if (row.userId !== actor.userId || row.eventId !== eventId || row.room !== room || row.text !== text) {
      throw new AppError('ID_TAKEN', 'A different message already has this id');
    }
    return toMessage(row);
  }

  private async checkRoomRules(eventId: string, room: Room, sessionStatus: string | null, userId: string) {
    if (sessionStatus !== null && sessionStatus !== 'live') throw new AppError('SESSION_NOT_LIVE', 'The room opens when the session goes live');
    const settings = await this.settingsRow(eventId, room);
    if (settings && !settings.open) throw new AppError('CHAT_CLOSED', 'The chat is closed');
    if (settings && settings.slowModeSeconds > 0) {
      const last = await this.prisma.chatMessage.findFirst({
        where: { eventId, room, userId },
        orderBy: { createdAt: 'desc' },
        select: { createdAt: true },
      });
      const wait = last ? settings.slowModeSeconds * 1000 - (Date.now() - last.createdAt.getTime()) : 0;
      if (wait > 0) throw new AppError('SLOW_MODE', `Slow mode: wait ${Math.ceil(wait / 1000)} s`, { retryAfterSeconds: Math.ceil(wait / 1000) });
    }
  }

  private async checkWordFilter(eventId: string, text: string) {
    const { chatWordFilter } = await this.prisma.event.findUniqueOrThrow({ where: { id: eventId }, select: { chatWordFilter: true } });
    if (chatWordFilter.length === 0) return;
    const words = new Set(text.toLowerCase().normalize('NFKC').split(/[^\p{L}\p{N}]+/u));
    const hit = chatWordFilter.find((w) => (w.includes(' ') ? text.toLowerCase().includes(w) : words.has(w)));
    if (hit) throw new AppError('MESSAGE_BLOCKED', 'The message contains a word this event does not allow');
  }

  private settingsRow(eventId: string, room: Room) {
    return this.prisma.chatRoom.findUnique({ where: { eventId_room: { eventId, room } } });
  }

  private async pinnedMessage(eventId: string, room: Room, id: string | null): Promise<ChatMessage | null> {
    if (!id) return null;
    const row = await this.prisma.chatMessage.findFirst({ where: { id, eventId, room, deletedAt: null }, include });
    return row ? toMessage(row) : null;
  }
}
