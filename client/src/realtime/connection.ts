import { io, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  connectRefusalSchema,
  type ClientToServerEvents,
  type ConnectRefusal,
  type HandshakeAuth,
  type ServerToClientEvents,
} from '@samling/protocol';

export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Where the event's connection is. `online` means connected AND the rooms re-joined (or recovered),
 * so a command sent now reaches a room the server knows we are in.
 */
export type ConnectionStatus = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'offline' | 'refused';

export const RECONNECT_BASE_MS = 500;
export const RECONNECT_CAP_MS = 10_000;

/**
 * How long to wait before reconnect attempt `attempt` (0 = the first retry): exponential up to the cap,
 * THEN jittered ×0.5–1.5. Socket.IO's own backoff jitters before capping, so every client that reaches the cap
 * waits exactly the cap and thousands of them come back in step after a server restart; here they spread over 5–15 s.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const capped = Math.min(RECONNECT_CAP_MS, RECONNECT_BASE_MS * 2 ** Math.max(0, attempt));
  return Math.round(capped * (0.5 + random()));
}

/** Refusals that connecting again cannot fix: stop and tell the person why. */
const FINAL_REFUSALS: ReadonlySet<ConnectRefusal['code']> = new Set([
  'PROTOCOL_MISMATCH',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BANNED',
  'NOT_FOUND',
]);

/** What the realtime layer plugs into a connection; the connection itself never touches the store. */
export interface ConnectionHooks {
  /** Attaches the broadcast listeners; called once, before the first connect. */
  bind(socket: RealtimeSocket): void;
  /** Runs after every (re)connection, before the connection counts as online: re-join rooms here when not recovered. */
  ready(socket: RealtimeSocket, info: { recovered: boolean; first: boolean }): Promise<void>;
  status(status: ConnectionStatus, refusal: ConnectRefusal | null): void;
}

function createSocket(auth: HandshakeAuth): RealtimeSocket {
  return io({
    path: '/socket.io',
    withCredentials: true,
    auth,
    // Reconnection is ours (see reconnectDelay); the same Socket object reconnects so state recovery works.
    reconnection: false,
    autoConnect: false,
    // One manager per connection: io() would otherwise hand back the previous event's socket and its auth.
    forceNew: true,
    transports: ['websocket', 'polling'],
    // Where a proxy blocks WebSockets, fall back to long-polling instead of failing.
    tryAllTransports: true,
  });
}

/** One event's socket: connects, reconnects with backoff, stops for good on a typed refusal or a ban. */
export class EventConnection {
  readonly socket: RealtimeSocket;
  private statusNow: ConnectionStatus = 'idle';
  private refusal: ConnectRefusal | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private banned: string | null = null;
  private everConnected = false;
  /** Bumped on every connect and disconnect, so a slow `ready` cannot mark a later connection online. */
  private generation = 0;
  private waiters = new Set<{ resolve: (s: RealtimeSocket) => void; reject: (r: ConnectRefusal | null) => void }>();

  constructor(readonly slug: string, private readonly hooks: ConnectionHooks) {
    this.socket = createSocket({ protocolVersion: PROTOCOL_VERSION, eventSlug: slug });
    hooks.bind(this.socket);
    this.socket.on('connect', this.onConnect);
    this.socket.on('disconnect', this.onDisconnect);
    this.socket.on('connect_error', this.onConnectError);
    this.socket.on('moderation:banned', ({ reason }) => {
      this.banned = reason;
    });
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
  }

  get status(): ConnectionStatus {
    return this.statusNow;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  start(): void {
    if (this.closed) return;
    this.setStatus('connecting');
    this.socket.connect();
  }

  /** Leaves for good (the person left the event's pages). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    this.socket.disconnect();
    this.socket.removeAllListeners();
    this.setStatus('idle');
  }

  /** The socket once the connection is online; rejects on a refusal, on close, or after `timeoutMs`. */
  whenOnline(timeoutMs: number): Promise<RealtimeSocket> {
    if (this.statusNow === 'online') return Promise.resolve(this.socket);
    if (this.closed || this.statusNow === 'refused') return Promise.reject(this.refusal);
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve: (s: RealtimeSocket) => {
          clearTimeout(timer);
          resolve(s);
        },
        reject: (r: ConnectRefusal | null) => {
          clearTimeout(timer);
          reject(r);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(null);
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  private setStatus(status: ConnectionStatus, refusal: ConnectRefusal | null = null): void {
    this.statusNow = status;
    this.refusal = refusal;
    this.hooks.status(status, refusal);
    if (status === 'online' || status === 'refused' || status === 'idle') {
      const waiters = [...this.waiters];
      this.waiters.clear();
      for (const w of waiters) {
        if (status === 'online') w.resolve(this.socket);
        else w.reject(refusal);
      }
    }
  }

  private refuse(refusal: ConnectRefusal): void {
    clearTimeout(this.timer);
    this.setStatus('refused', refusal);
  }

  /** Tries again after the backoff, and never sooner than `notBeforeMs` (the server's own retry-after). */
  private scheduleReconnect(notBeforeMs = 0): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.setStatus(navigator.onLine === false ? 'offline' : 'reconnecting');
    const backoff = reconnectDelay(this.attempt++);
    // Spread over half the wait again, so a crowd told the same retry-after does not come back in one instant.
    const delay = notBeforeMs > backoff ? notBeforeMs + Math.round(Math.random() * notBeforeMs * 0.5) : backoff;
    this.timer = setTimeout(() => this.reconnectNow(), delay);
  }

  private reconnectNow(): void {
    clearTimeout(this.timer);
    if (this.closed || this.socket.connected || this.statusNow === 'refused') return;
    this.socket.connect();
  }

  private onConnect = (): void => {
    const generation = ++this.generation;
    const first = !this.everConnected;
    this.everConnected = true;
    this.attempt = 0;
    clearTimeout(this.timer);
    void this.hooks
      .ready(this.socket, { recovered: this.socket.recovered, first })
      .catch(() => {
        // A room that could not be re-joined says so itself; the connection is still up.
      })
      .finally(() => {
        if (generation === this.generation && this.socket.connected && !this.closed) this.setStatus('online');
      });
  };

  private onDisconnect = (reason: Socket.DisconnectReason): void => {
    this.generation++;
    if (this.closed || reason === 'io client disconnect') return;
    // The server drops a banned person right after telling them; anything else it drops (a deploy) may come back.
    if (reason === 'io server disconnect' && this.banned !== null) {
      this.refuse({ code: 'BANNED', message: this.banned });
      return;
    }
    this.scheduleReconnect();
  };

  private onConnectError = (err: Error): void => {
    if (this.closed) return;
    const refusal = connectRefusalSchema.safeParse((err as Error & { data?: unknown }).data);
    if (refusal.success && FINAL_REFUSALS.has(refusal.data.code)) {
      this.refuse(refusal.data);
      return;
    }
    const retryAfter = refusal.success && refusal.data.code === 'RATE_LIMITED' ? refusal.data.details?.retryAfterSeconds : undefined;
    this.scheduleReconnect(typeof retryAfter === 'number' && retryAfter > 0 ? Math.min(retryAfter, 60) * 1000 : 0);
  };

  private onOnline = (): void => {
    if (this.statusNow === 'reconnecting' || this.statusNow === 'offline') this.reconnectNow();
  };

  private onOffline = (): void => {
    if (this.statusNow === 'reconnecting') this.setStatus('offline');
  };
}

let active: EventConnection | null = null;

/** Opens the one connection for `slug`, closing any other; the same slug keeps the open one. */
export function openConnection(slug: string, hooks: ConnectionHooks): EventConnection {
  if (active && !active.isClosed && active.slug === slug) return active;
  active?.close();
  active = new EventConnection(slug, hooks);
  active.start();
  return active;
}

export function closeConnection(): void {
  active?.close();
  active = null;
}

export function activeConnection(): EventConnection | null {
  return active && !active.isClosed ? active : null;
}
