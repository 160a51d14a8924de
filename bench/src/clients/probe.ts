// Probes: real socket.io-client sockets, configured as the web client configures its own, that time what a
// person would see. A few of them sit among the crowd; their figures are reported apart, as a check on the crowd's.
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION, type Ack, type ClientToServerEvents, type CommandName, type CommandPayload, type CommandResult, type Room,
  type ServerToClientEvents,
} from '@samling/protocol';
import { reconnectDelay, timedOut, type Attendee, type ReconnectPolicy, type Router } from './attendee.ts';
import type { CrowdTarget } from './crowd.ts';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export class Probe implements Attendee {
  readonly socket: ClientSocket;
  private policy: ReconnectPolicy | null = null;
  private rooms: Room[] = [];
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private everOnline = false;
  online = false;

  constructor(readonly index: number, readonly node: number, target: CrowdTarget, private readonly router: Router, readonly kind: 'probe' | 'moderator' = 'probe') {
    this.socket = io(target.baseUrl, {
      path: '/socket.io',
      transports: ['websocket'],
      forceNew: true,
      // As the web client: socket.io's own reconnection off, ours on top (see keepAlive), the same Socket reconnects.
      reconnection: false,
      autoConnect: false,
      extraHeaders: { cookie: target.cookie },
      auth: { protocolVersion: PROTOCOL_VERSION, eventSlug: target.slug },
    });
    const s = this.socket;
    s.on('chat:posted', (m) => this.router.listener.chat?.(this, m.text, performance.now()));
    s.on('poll:results', (m) => this.router.listener.results?.(this, m, performance.now()));
    s.on('presence:counted', (m) => this.router.listener.presence?.(this, m.viewers, performance.now()));
    s.on('disconnect', () => {
      const was = this.online;
      this.online = false;
      if (this.closed) return;
      if (was) this.router.hooks.offline?.(this, performance.now());
      this.scheduleRetry();
    });
  }

  connect(timeoutMs: number): Promise<{ recovered: boolean }> {
    const s = this.socket;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`no connection within ${timeoutMs} ms (timeout)`)), timeoutMs);
      const onConnect = () => done(null);
      const onError = (err: Error & { data?: { code?: string } }) => done(Object.assign(err, { code: err.data?.code }));
      const done = (err: Error | null) => {
        clearTimeout(timer);
        s.off('connect', onConnect);
        s.off('connect_error', onError);
        if (err) {
          s.disconnect();
          reject(err);
        } else resolve({ recovered: s.recovered });
      };
      s.once('connect', onConnect);
      s.once('connect_error', onError);
      s.connect();
    });
  }

  async call<N extends CommandName>(name: N, payload: CommandPayload<N>, timeoutMs = 30_000): Promise<Ack<CommandResult<N>>> {
    if (!this.socket.connected) return { ok: false, error: { code: 'UNAVAILABLE', message: 'not connected' } };
    const timed = this.socket.timeout(timeoutMs) as unknown as { emitWithAck(n: N, p: CommandPayload<N>): Promise<Ack<CommandResult<N>>> };
    return timed.emitWithAck(name, payload).catch(() => timedOut(name, timeoutMs));
  }

  keepAlive(policy: ReconnectPolicy, rooms: Room[]): void {
    this.policy = policy;
    this.rooms = rooms;
  }

  async settle(recovered: boolean, connectedAt: number): Promise<void> {
    if (!recovered) {
      for (const room of this.rooms) {
        const res = await this.call('room:join', { room });
        if (!res.ok) throw new Error(`room:join: ${res.error.code} ${res.error.message}`);
      }
    }
    this.online = true;
    const first = !this.everOnline;
    this.everOnline = true;
    this.router.hooks.online?.(this, { recovered, first, at: performance.now(), connectedAt });
  }

  close(): void {
    this.closed = true;
    this.online = false;
    clearTimeout(this.retryTimer);
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }

  private scheduleRetry(): void {
    const policy = this.policy;
    if (!policy || this.closed || this.retryTimer) return;
    const delay = reconnectDelay(this.attempt, policy);
    if (performance.now() + delay > policy.until || this.attempt >= 200) {
      this.router.hooks.failed?.(this, 'gave up reconnecting', performance.now());
      return;
    }
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.attempt++;
      this.router.hooks.attempt?.(this, performance.now());
      this.connect(10_000).then(
        ({ recovered }) => {
          this.attempt = 0;
          return this.settle(recovered, performance.now()).catch((err: Error) => {
            this.router.hooks.failed?.(this, err.message, performance.now());
            this.socket.disconnect();
          });
        },
        (err: Error & { code?: string }) => {
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
