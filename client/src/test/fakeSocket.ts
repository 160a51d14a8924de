import type { ChatMessage, RoomSnapshot } from '@samling/protocol';

type Listener = (...args: unknown[]) => void;
type CommandHandler = (payload: unknown) => unknown;

/**
 * Stands in for socket.io-client's Socket in unit tests (`vi.mock('socket.io-client')`). The test plays the server:
 * `serverConnect`, `serverDrop`, `refuse`, `broadcast`, and `handle` for command acks (a handler that throws is a
 * lost answer, as when the ack times out).
 */
export class FakeSocket {
  connected = false;
  recovered = false;
  connectCalls = 0;
  readonly sent: { name: string; payload: unknown }[] = [];
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly handlers = new Map<string, CommandHandler>();

  constructor(readonly options: { auth?: unknown } & Record<string, unknown>) {}

  on(name: string, listener: Listener): this {
    if (!this.listeners.has(name)) this.listeners.set(name, new Set());
    this.listeners.get(name)!.add(listener);
    return this;
  }

  off(name: string, listener: Listener): this {
    this.listeners.get(name)?.delete(listener);
    return this;
  }

  removeAllListeners(): this {
    this.listeners.clear();
    return this;
  }

  connect(): this {
    this.connectCalls++;
    return this;
  }

  disconnect(): this {
    if (this.connected) {
      this.connected = false;
      this.fire('disconnect', 'io client disconnect');
    }
    return this;
  }

  timeout(_ms: number) {
    return {
      emitWithAck: async (name: string, payload: unknown) => {
        this.sent.push({ name, payload });
        const handler = this.handlers.get(name);
        if (!handler) throw new Error('operation has timed out');
        return handler(payload);
      },
    };
  }

  // ---- the server's side ----

  handle(name: string, handler: CommandHandler): void {
    this.handlers.set(name, handler);
  }

  serverConnect({ recovered = false } = {}): void {
    this.connected = true;
    this.recovered = recovered;
    this.fire('connect');
  }

  serverDrop(reason = 'transport close'): void {
    this.connected = false;
    this.fire('disconnect', reason);
  }

  refuse(code: string, message = code, details?: Record<string, unknown>): void {
    this.fire('connect_error', Object.assign(new Error(message), { data: { code, message, ...(details ? { details } : {}) } }));
  }

  failToConnect(): void {
    this.fire('connect_error', new Error('websocket error'));
  }

  broadcast(name: string, payload: unknown): void {
    this.fire(name, payload);
  }

  sentNamed(name: string): unknown[] {
    return this.sent.filter((s) => s.name === name).map((s) => s.payload);
  }

  private fire(name: string, ...args: unknown[]): void {
    for (const listener of [...(this.listeners.get(name) ?? [])]) listener(...args);
  }
}

/** Every FakeSocket `io` made, newest last (emptied before each test by `setupRealtimeTests`). */
export const sockets: FakeSocket[] = [];

/** socket.io-client's `io` in unit tests: `vi.mock('socket.io-client', () => import('../test/fakeSocket.ts'))`. */
export function io(options: Record<string, unknown>): FakeSocket {
  const socket = new FakeSocket(options);
  sockets.push(socket);
  return socket;
}

let seq = 0;

export function makeMessage(over: Partial<ChatMessage> = {}): ChatMessage {
  seq++;
  return {
    id: crypto.randomUUID(),
    room: 'lobby',
    author: { id: crypto.randomUUID(), displayName: 'Alva Deltagare' },
    text: `Meddelande ${seq}`,
    createdAt: new Date(Date.UTC(2026, 10, 24, 9, 0, seq)).toISOString(),
    ...over,
  };
}

export function makeSnapshot(over: Partial<RoomSnapshot> = {}): RoomSnapshot {
  return {
    room: 'lobby',
    messages: [],
    hasMore: false,
    pinned: null,
    chat: { open: true, slowModeSeconds: 0 },
    viewers: 3,
    session: null,
    me: { userId: crypto.randomUUID(), role: 'attendee', mutedUntil: null },
    interaction: null,
    ...over,
  };
}

/** An ack as the server sends it. */
export const ok = <T>(data: T) => ({ ok: true as const, data });
export const fail = (code: string, message = code, details?: Record<string, unknown>) => ({ ok: false as const, error: { code, message, details } });
