import type { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import { parseChatRoom } from './rooms.ts';

const STALE_MS = 3500;

/**
 * Viewer counts per chat room: people (not tabs) on this node, summed over the nodes through Redis when there
 * is more than one. Counts go out at most once a second and only when they changed: never one broadcast per
 * join or leave, however many thousands come and go.
 */
export class PresenceTracker {
  private readonly local = new Map<string, Map<string, number>>();
  private readonly users = new Map<string, string>();
  private readonly dirty = new Set<string>();
  private readonly sent = new Map<string, number>();
  private readonly totals = new Map<string, number>();
  /** This node's count of each room as it went into `totals` at the last tick. */
  private readonly counted = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly io: Server,
    private readonly redis: { client: Redis; prefix: string } | null,
    private readonly nodeId: string,
    private readonly intervalMs = 1000,
  ) {
    const adapter = io.of('/').adapter;
    adapter.on('join-room', (room: string, socketId: string) => this.change(room, socketId, +1));
    adapter.on('leave-room', (room: string, socketId: string) => this.change(room, socketId, -1));
  }

  /** Must be called when a socket connects, before it joins chat rooms (recovered sockets rejoin at once). */
  register(socketId: string, userId: string): void {
    this.users.set(socketId, userId);
  }
  unregister(socketId: string): void {
    this.users.delete(socketId);
  }

  start(): void {
    this.timer = setInterval(() => void this.tick().catch(() => {}), this.intervalMs);
    this.timer.unref();
  }
  stop(): void {
    clearInterval(this.timer);
  }

  /**
   * A room's count now: the cluster-wide count of the last tick with this node's own changes since then (so a poll
   * closed right after a crowd joined counts them), or this node's live count alone.
   */
  viewers(roomName: string): number {
    const total = this.totals.get(roomName);
    const mine = this.localCount(roomName);
    return total === undefined ? mine : Math.max(0, total - (this.counted.get(roomName) ?? 0) + mine);
  }

  private localCount(roomName: string): number {
    return this.local.get(roomName)?.size ?? 0;
  }

  private change(roomName: string, socketId: string, delta: 1 | -1): void {
    if (!parseChatRoom(roomName)) return;
    const userId = this.users.get(socketId);
    if (!userId) return;
    let people = this.local.get(roomName);
    if (!people) this.local.set(roomName, (people = new Map()));
    const n = (people.get(userId) ?? 0) + delta;
    if (n > 0) people.set(userId, n);
    else people.delete(userId);
    this.dirty.add(roomName);
  }

  /** One round: publish local counts, read the cluster's, tell local sockets what changed. */
  async tick(): Promise<void> {
    const rooms = new Set([...this.dirty, ...this.local.keys()]);
    this.dirty.clear();
    const now = Date.now();
    for (const roomName of rooms) {
      const mine = this.localCount(roomName);
      let total = mine;
      if (this.redis) {
        const key = `${this.redis.prefix}:presence:${roomName}`;
        const multi = this.redis.client.multi();
        if (mine > 0) multi.hset(key, this.nodeId, `${mine}:${now}`).pexpire(key, 60_000);
        else multi.hdel(key, this.nodeId);
        multi.hgetall(key);
        const results = await multi.exec();
        const all = (results?.at(-1)?.[1] ?? {}) as Record<string, string>;
        total = Object.values(all).reduce((sum, v) => {
          const [count, at] = v.split(':').map(Number) as [number, number];
          return now - at < STALE_MS ? sum + count : sum;
        }, 0);
      }
      this.totals.set(roomName, total);
      this.counted.set(roomName, mine);
      if (mine === 0) {
        this.local.delete(roomName);
        this.sent.delete(roomName);
        continue;
      }
      if (this.sent.get(roomName) !== total) {
        this.sent.set(roomName, total);
        const parsed = parseChatRoom(roomName)!;
        this.io.local.to(roomName).emit('presence:counted', { room: parsed.room, viewers: total });
      }
    }
  }
}
