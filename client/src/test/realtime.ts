import { afterEach, beforeEach, expect, vi } from 'vitest';
import type { RoomSnapshot } from '@samling/protocol';
import { startRealtime, stopRealtime } from '../realtime/bindings.ts';
import { resetStore, useStore } from '../store/index.ts';
import { ok, sockets, type FakeSocket } from './fakeSocket.ts';

/**
 * Shared setup for tests that run the realtime bindings against FakeSockets. The test file must also mock the
 * socket library itself (vi.mock is hoisted only within the test file):
 * `vi.mock('socket.io-client', () => import('../test/fakeSocket.ts'))`.
 */

export const SLUG = 'smart-industri';

/**
 * Before each test a fresh store and no sockets (`before` runs between the two: a language, a time zone, a stubbed
 * fetch); after each the event's realtime connection is stopped, then `after` runs.
 */
export function setupRealtimeTests({ before, after }: { before?: () => void; after?: () => void } = {}): void {
  beforeEach(() => {
    resetStore();
    before?.();
    sockets.length = 0;
  });
  afterEach(() => {
    stopRealtime(SLUG);
    after?.();
  });
}

/** The store in Swedish with Stockholm time, as the component tests read it. */
export function swedishInStockholm(): void {
  useStore.setState({ lang: 'sv' });
  localStorage.setItem('samling.tz', 'Europe/Stockholm');
}

/**
 * Starts realtime for SLUG; its socket answers room:join with `snapshot` (made afresh for each join when a function)
 * and any other command with `handlers`, then connects.
 */
export function connectRealtime(
  snapshot: RoomSnapshot | (() => RoomSnapshot),
  handlers: Record<string, (payload: unknown) => unknown> = {},
): FakeSocket {
  startRealtime(SLUG);
  const socket = sockets[sockets.length - 1]!;
  socket.handle('room:join', () => ok(typeof snapshot === 'function' ? snapshot() : snapshot));
  for (const [name, handler] of Object.entries(handlers)) socket.handle(name, handler);
  socket.serverConnect();
  return socket;
}

/** Connects (see connectRealtime), waits until online, and joins `room`. */
export async function connectAndJoin(room: string, snapshot: RoomSnapshot): Promise<FakeSocket> {
  const socket = connectRealtime(snapshot);
  await vi.waitFor(() => expect(useStore.getState().connection.status).toBe('online'));
  await useStore.getState().joinRoom(room);
  return socket;
}
