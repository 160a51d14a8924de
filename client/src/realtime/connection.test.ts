import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PROTOCOL_VERSION } from '@samling/protocol';
import type { FakeSocket } from '../test/fakeSocket.ts';
import {
  RECONNECT_BASE_MS,
  RECONNECT_CAP_MS,
  closeConnection,
  openConnection,
  reconnectDelay,
  type ConnectionHooks,
  type ConnectionStatus,
} from './connection.ts';

const { sockets } = vi.hoisted(() => ({ sockets: [] as FakeSocket[] }));
vi.mock('socket.io-client', async () => {
  const { FakeSocket } = await import('../test/fakeSocket.ts');
  return {
    io: (options: Record<string, unknown>) => {
      const socket = new FakeSocket(options);
      sockets.push(socket);
      return socket;
    },
  };
});

describe('reconnectDelay', () => {
  it('doubles from 500 ms while below the cap', () => {
    const middle = () => 0.5; // jitter factor exactly 1
    expect([0, 1, 2, 3, 4].map((a) => reconnectDelay(a, middle))).toEqual([500, 1000, 2000, 4000, 8000]);
    expect(reconnectDelay(0, middle)).toBe(RECONNECT_BASE_MS);
  });

  it('caps at 10 s before jittering, so the jitter still spreads clients at the cap (5–15 s)', () => {
    for (const attempt of [5, 6, 10, 30, 1000]) {
      expect(reconnectDelay(attempt, () => 0.5)).toBe(RECONNECT_CAP_MS);
      expect(reconnectDelay(attempt, () => 0)).toBe(RECONNECT_CAP_MS / 2);
      expect(reconnectDelay(attempt, () => 0.999999)).toBeCloseTo(RECONNECT_CAP_MS * 1.5, -1);
    }
  });

  it('spreads many clients at the cap over the whole window instead of bunching at the cap', () => {
    const delays = Array.from({ length: 2000 }, () => reconnectDelay(12));
    const atCap = delays.filter((d) => d === RECONNECT_CAP_MS).length;
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    const sd = Math.sqrt(delays.reduce((a, d) => a + (d - mean) ** 2, 0) / delays.length);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(5000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(15000);
    expect(Math.min(...delays)).toBeLessThan(5500);
    expect(Math.max(...delays)).toBeGreaterThan(14500);
    // Uniform over 10 s has a standard deviation of ~2.9 s; "jitter before the cap" would give 0 here.
    expect(sd).toBeGreaterThan(2500);
    expect(atCap).toBeLessThan(20);
    // Each second of the window gets its share.
    for (let s = 5; s < 15; s++) {
      expect(delays.filter((d) => d >= s * 1000 && d < (s + 1) * 1000).length).toBeGreaterThan(100);
    }
  });
});

describe('EventConnection', () => {
  let statuses: { status: ConnectionStatus; code: string | null }[];
  let hooks: ConnectionHooks;
  let ready: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    vi.useFakeTimers();
    sockets.length = 0;
    statuses = [];
    ready = vi.fn(async () => {});
    hooks = {
      bind: () => {},
      ready: ready as unknown as ConnectionHooks['ready'],
      status: (status, refusal) => statuses.push({ status, code: refusal?.code ?? null }),
    };
  });
  afterEach(() => {
    closeConnection();
    vi.useRealTimers();
  });

  const last = () => statuses[statuses.length - 1];

  it('connects with the protocol version and event, cookie-authenticated, without socket.io reconnection', async () => {
    openConnection('smart-industri', hooks);
    const socket = sockets[0]!;
    expect(socket.options).toMatchObject({
      path: '/socket.io',
      withCredentials: true,
      reconnection: false,
      transports: ['websocket', 'polling'],
      auth: { protocolVersion: PROTOCOL_VERSION, eventSlug: 'smart-industri' },
    });
    expect(socket.connectCalls).toBe(1);
    expect(last()).toEqual({ status: 'connecting', code: null });
    socket.serverConnect();
    await vi.runAllTimersAsync();
    expect(ready).toHaveBeenCalledWith(socket, { recovered: false, first: true });
    expect(last()).toEqual({ status: 'online', code: null });
  });

  it('reconnects the same socket with backoff after the transport closes', async () => {
    openConnection('smart-industri', hooks);
    const socket = sockets[0]!;
    socket.serverConnect();
    await vi.runAllTimersAsync();

    socket.serverDrop('transport close');
    expect(last()!.status).toBe('reconnecting');
    expect(socket.connectCalls).toBe(1);
    await vi.advanceTimersByTimeAsync(750); // attempt 0 waits 250–750 ms
    expect(socket.connectCalls).toBe(2);

    socket.failToConnect();
    expect(last()!.status).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(1500); // attempt 1 waits 500–1500 ms
    expect(socket.connectCalls).toBe(3);

    socket.serverConnect({ recovered: true });
    await vi.runAllTimersAsync();
    expect(ready).toHaveBeenLastCalledWith(socket, { recovered: true, first: false });
    expect(last()!.status).toBe('online');
    expect(sockets).toHaveLength(1);
  });

  it('stops on a typed refusal and says why', async () => {
    openConnection('smart-industri', hooks);
    const socket = sockets[0]!;
    socket.refuse('BANNED');
    expect(last()).toEqual({ status: 'refused', code: 'BANNED' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(socket.connectCalls).toBe(1);
  });

  it('retries a refusal that may pass (the server busy)', async () => {
    openConnection('smart-industri', hooks);
    const socket = sockets[0]!;
    socket.refuse('UNAVAILABLE');
    expect(last()!.status).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(750);
    expect(socket.connectCalls).toBe(2);
  });

  it('waits at least the retry-after a busy server asks for before trying again', async () => {
    openConnection('smart-industri', hooks);
    const socket = sockets[0]!;
    socket.refuse('RATE_LIMITED', 'busy', { retryAfterSeconds: 4 });
    expect(last()!.status).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(3_900);
    expect(socket.connectCalls).toBe(1);
    await vi.advanceTimersByTimeAsync(2_200);
    expect(socket.connectCalls).toBe(2);
  });

  it('does not come back after the server drops a banned person, but does after a plain server disconnect', async () => {
    openConnection('smart-industri', hooks);
    const socket = sockets[0]!;
    socket.serverConnect();
    await vi.runAllTimersAsync();
    socket.serverDrop('io server disconnect');
    expect(last()!.status).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(750);
    expect(socket.connectCalls).toBe(2);
    socket.serverConnect();
    await vi.runAllTimersAsync();

    socket.broadcast('moderation:banned', { reason: 'Spam' });
    socket.serverDrop('io server disconnect');
    expect(last()).toEqual({ status: 'refused', code: 'BANNED' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(socket.connectCalls).toBe(2);
  });

  it('reconnects at once when the browser comes back online', async () => {
    openConnection('smart-industri', hooks);
    const socket = sockets[0]!;
    socket.serverConnect();
    await vi.runAllTimersAsync();
    socket.serverDrop('ping timeout');
    expect(socket.connectCalls).toBe(1);
    window.dispatchEvent(new Event('online'));
    expect(socket.connectCalls).toBe(2);
  });

  it('closes for good when the event is left', async () => {
    openConnection('smart-industri', hooks);
    const socket = sockets[0]!;
    socket.serverConnect();
    await vi.runAllTimersAsync();
    closeConnection();
    expect(socket.connected).toBe(false);
    expect(last()!.status).toBe('idle');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(socket.connectCalls).toBe(1);
  });
});
