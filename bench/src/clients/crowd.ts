// The light client for the mass of connections: one `ws` WebSocket speaking Engine.IO 4 / Socket.IO 5 by hand.
// No parser objects, no per-socket timers while idle, broadcasts read with string operations: thousands of these
// cost the harness far less than thousands of socket.io-client sockets, so the harness is not what saturates.
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { PROTOCOL_VERSION, type Ack, type CommandName, type CommandPayload, type CommandResult, type Room } from '@samling/protocol';
import { reconnectDelay, timedOut, type Attendee, type ReconnectPolicy, type Router } from './attendee.ts';

// Socket.IO packets inside Engine.IO "message" (4) packets.
const EIO_OPEN = 48; // '0'
const EIO_PING = 50; // '2'
const EIO_MESSAGE = 52; // '4'
const SIO_CONNECT = 48; // '0'
const SIO_DISCONNECT = 49; // '1'
const SIO_EVENT = 50; // '2'
const SIO_ACK = 51; // '3'
const SIO_CONNECT_ERROR = 52; // '4'

const MAX_ATTEMPTS = 200;

interface Pending {
  resolve(a: Ack<unknown>): void;
  timer: NodeJS.Timeout;
}

export interface CrowdTarget {
  /** http://127.0.0.1:PORT */
  baseUrl: string;
  slug: string;
  cookie: string;
}

export class CrowdClient implements Attendee {
  readonly kind = 'crowd' as const;
  private ws: WebSocket | null = null;
  private pid: string | null = null;
  private offset: string | null = null;
  private nextAck = 0;
  private readonly pending = new Map<number, Pending>();
  private connecting: { resolve(v: { recovered: boolean }): void; reject(e: Error): void; timer: NodeJS.Timeout } | null = null;
  private policy: ReconnectPolicy | null = null;
  private rooms: Room[] = [];
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private closedByUs = false;
  private everOnline = false;
  online = false;

  constructor(readonly index: number, readonly node: number, private readonly target: CrowdTarget, private readonly router: Router) {}

  connect(timeoutMs: number): Promise<{ recovered: boolean }> {
    this.closedByUs = false;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.failConnect(new Error(`no connection within ${timeoutMs} ms (timeout)`)), timeoutMs);
      this.connecting = { resolve, reject, timer };
      const url = `${this.target.baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
      const ws = new WebSocket(url, {
        headers: { cookie: this.target.cookie },
        perMessageDeflate: false,
        skipUTF8Validation: true,
        handshakeTimeout: timeoutMs,
      });
      this.ws = ws;
      ws.on('message', (data: Buffer) => this.onPacket(ws, data.toString()));
      ws.on('error', (err) => {
        if (this.ws === ws) this.failConnect(err);
      });
      ws.on('close', () => {
        if (this.ws !== ws) return;
        this.ws = null;
        this.failConnect(new Error('connection closed'));
        this.dropped();
      });
    });
  }

  call<N extends CommandName>(name: N, payload: CommandPayload<N>, timeoutMs = 30_000): Promise<Ack<CommandResult<N>>> {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return Promise.resolve({ ok: false, error: { code: 'UNAVAILABLE', message: 'not connected' } });
    const id = this.nextAck++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve(timedOut(name, timeoutMs));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (a: Ack<unknown>) => void, timer });
      ws.send(`42${id}${JSON.stringify([name, payload])}`);
    });
  }

  keepAlive(policy: ReconnectPolicy, rooms: Room[]): void {
    this.policy = policy;
    this.rooms = rooms;
  }

  close(): void {
    this.closedByUs = true;
    this.policy = null;
    clearTimeout(this.retryTimer);
    const ws = this.ws;
    this.ws = null;
    this.online = false;
    this.failConnect(new Error('closed'));
    this.failPending();
    ws?.terminate();
  }

  private onPacket(ws: WebSocket, p: string): void {
    const type = p.charCodeAt(0);
    if (type === EIO_PING) {
      ws.send('3');
      return;
    }
    if (type === EIO_OPEN) {
      const auth: Record<string, unknown> = { protocolVersion: PROTOCOL_VERSION, eventSlug: this.target.slug };
      // As socket.io-client does: offer the previous session for recovery.
      if (this.pid) Object.assign(auth, { pid: this.pid, offset: this.offset });
      ws.send(`40${JSON.stringify(auth)}`);
      return;
    }
    if (type !== EIO_MESSAGE) return;
    switch (p.charCodeAt(1)) {
      case SIO_EVENT:
        return this.onEvent(p);
      case SIO_ACK: {
        const open = p.indexOf('[');
        const id = Number(p.slice(2, open));
        const pending = this.pending.get(id);
        if (!pending) return;
        this.pending.delete(id);
        clearTimeout(pending.timer);
        pending.resolve((JSON.parse(p.slice(open)) as [Ack<unknown>])[0]);
        return;
      }
      case SIO_CONNECT: {
        const { pid } = JSON.parse(p.slice(2)) as { sid: string; pid?: string };
        const recovered = Boolean(pid && this.pid === pid);
        this.pid = pid ?? null;
        this.attempt = 0;
        const c = this.connecting;
        this.connecting = null;
        if (c) {
          clearTimeout(c.timer);
          c.resolve({ recovered });
        }
        return;
      }
      case SIO_CONNECT_ERROR: {
        const { message, data } = JSON.parse(p.slice(2)) as { message: string; data?: { code?: string } };
        this.failConnect(Object.assign(new Error(message), { code: data?.code }));
        ws.terminate();
        return;
      }
      case SIO_DISCONNECT:
        // The server let go of us (a ban, a shutdown): the same as a dropped connection.
        ws.terminate();
        return;
    }
  }

  private onEvent(p: string): void {
    const at = performance.now();
    // Recovery offsets ride as the last argument of broadcasts: keep the latest for the next handshake.
    if (p.endsWith('"]')) {
      const i = p.lastIndexOf(',"');
      if (i > 0) this.offset = p.slice(i + 2, -2);
    }
    const l = this.router.listener;
    // 42["name",…]: the name starts at 4.
    const name = p.slice(4, p.indexOf('"', 4));
    switch (name) {
      case 'chat:posted': {
        if (!l.chat) return;
        const i = p.indexOf('"text":"');
        if (i < 0) return;
        l.chat(this, p.slice(i + 8, p.indexOf('"', i + 8)), at);
        return;
      }
      case 'poll:results':
        if (l.results) l.results(this, (JSON.parse(p.slice(2)) as [string, Parameters<NonNullable<typeof l.results>>[1]])[1], at);
        return;
      case 'presence:counted':
        if (l.presence) l.presence(this, (JSON.parse(p.slice(2)) as [string, { viewers: number }])[1].viewers, at);
        return;
    }
  }

  private failConnect(err: Error): void {
    const c = this.connecting;
    if (!c) return;
    this.connecting = null;
    clearTimeout(c.timer);
    c.reject(err);
    if (this.ws) {
      const ws = this.ws;
      this.ws = null;
      ws.terminate();
    }
  }

  private failPending(): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.resolve({ ok: false, error: { code: 'UNAVAILABLE', message: 'connection lost' } });
      this.pending.delete(id);
    }
  }

  /** Marks the attendee online once connected and back in its rooms. */
  async settle(recovered: boolean, connectedAt: number): Promise<void> {
    if (!recovered) {
      for (const room of this.rooms) {
        const res = await this.call('room:join', { room }, 30_000);
        if (!res.ok) throw Object.assign(new Error(`room:join: ${res.error.code} ${res.error.message}`), { code: res.error.code });
      }
    }
    this.online = true;
    const first = !this.everOnline;
    this.everOnline = true;
    this.router.hooks.online?.(this, { recovered, first, at: performance.now(), connectedAt });
  }

  private dropped(): void {
    this.failPending();
    const wasOnline = this.online;
    this.online = false;
    if (this.closedByUs) return;
    if (wasOnline) this.router.hooks.offline?.(this, performance.now());
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    const policy = this.policy;
    if (!policy || this.closedByUs || this.retryTimer) return;
    const delay = reconnectDelay(this.attempt, policy);
    if (this.attempt >= MAX_ATTEMPTS || performance.now() + delay > policy.until) {
      this.router.hooks.failed?.(this, 'gave up reconnecting', performance.now());
      return;
    }
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.attempt++;
      this.router.hooks.attempt?.(this, performance.now());
      this.connect(10_000).then(
        ({ recovered }) => this.settle(recovered, performance.now()).catch((err: Error & { code?: string }) => {
          this.router.hooks.failed?.(this, err.message, performance.now());
          this.ws?.terminate();
        }),
        (err: Error & { code?: string }) => {
          // A typed refusal other than "not yet" is final, as in the web client.
          if (err.code && ['PROTOCOL_MISMATCH', 'UNAUTHENTICATED', 'FORBIDDEN', 'BANNED', 'NOT_FOUND'].includes(err.code)) {
            this.router.hooks.failed?.(this, `refused: ${err.code}`, performance.now());
            return;
          }
          this.scheduleRetry();
        },
      );
    }, delay);
  }
}
