import type { Role } from '@samling/protocol';
import type { Prisma } from '../../db/database.ts';
import { forbidden, unauthenticated } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { singleNode, type NodeSync } from '../../node-sync.ts';
import { atLeast } from './access.ts';

/** `mutedUntil`: when their mute ends (ms), null when never muted or no longer; undefined when not read. */
interface Entry { role: Role; banned: boolean; mutedUntil: number | null | undefined; until: number }

export interface Member {
  role: Role;
  banned: boolean;
}

/**
 * Roles and bans per (event, person), for the hot paths (a vote, joining a room): read once (the handshake reads
 * them anyway and primes this), then served from memory. Changes made here are dropped at once (`changed`, called by
 * the services that change roles, mutes and bans); changes made on another node arrive through `sync`, and an entry
 * lives `ttlMs` at most in case a notification is lost.
 * Only memberships are kept: a person without one is read again each time, so joining an event takes effect at once.
 */
export class MemberCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly prisma: Prisma,
    private readonly sync: NodeSync = singleNode,
    private readonly ttlMs = 10 * 60_000,
    private readonly maxEntries = 100_000,
    private readonly now = () => Date.now(),
  ) {
    sync.on('members:changed', ({ eventId, userId }) => this.forget(eventId, userId));
  }

  private key(eventId: string, userId: string) {
    return `${eventId}:${userId}`;
  }

  /** What a fresh read found (the handshake's own reads). */
  prime(eventId: string, userId: string, role: Role | null, banned: boolean, mutedUntil?: Date | null): void {
    const key = this.key(eventId, userId);
    if (role === null) {
      this.entries.delete(key);
      return;
    }
    if (this.entries.size >= this.maxEntries) {
      // Oldest first (Map order): the crowd of a past event goes before the people here now.
      const first = this.entries.keys().next();
      if (!first.done) this.entries.delete(first.value);
    }
    this.entries.delete(key);
    this.entries.set(key, { role, banned, mutedUntil: mutedUntil === undefined ? undefined : (mutedUntil?.getTime() ?? null), until: this.now() + this.ttlMs });
  }

  /** A role, mute or ban changed on this node: dropped here, and the other nodes are told. */
  changed(eventId: string, userId: string): void {
    this.forget(eventId, userId);
    this.sync.publish('members:changed', { eventId, userId });
  }

  forget(eventId: string, userId?: string): void {
    this.generation += 1;
    this.loads.clear();
    if (userId) this.entries.delete(this.key(eventId, userId));
    else for (const k of this.entries.keys()) if (k.startsWith(`${eventId}:`)) this.entries.delete(k);
  }

  /** The person's role and whether they are banned; null without a membership. */
  async lookup(eventId: string, userId: string): Promise<Member | null> {
    const key = this.key(eventId, userId);
    const hit = this.entries.get(key);
    if (hit && hit.until > this.now()) return hit;
    // Concurrent commands of one person share one read.
    let pending = this.loads.get(key);
    if (!pending) {
      const load = this.read(eventId, userId).finally(() => {
        if (this.loads.get(key) === load) this.loads.delete(key);
      });
      this.loads.set(key, (pending = load));
    }
    return pending;
  }

  private readonly loads = new Map<string, Promise<Member | null>>();
  /** Bumped by every forget: a read that started before a change must not keep its (older) answer. */
  private generation = 0;

  private async read(eventId: string, userId: string): Promise<Member | null> {
    const generation = this.generation;
    const [m, ban] = await Promise.all([
      this.prisma.membership.findUnique({ where: { eventId_userId: { eventId, userId } }, select: { role: true } }),
      this.prisma.ban.findUnique({ where: { eventId_userId: { eventId, userId } }, select: { userId: true } }),
    ]);
    const role = (m?.role as Role | undefined) ?? null;
    if (generation === this.generation) this.prime(eventId, userId, role, ban !== null);
    return role === null ? null : { role, banned: ban !== null };
  }

  /**
   * When the person's mute in the event ends, or null when they may speak: from memory when the handshake read it
   * (a mute or unmute drops the entry), else from `read` (the database).
   */
  async mutedUntil(eventId: string, userId: string, read: () => Promise<Date | null>): Promise<Date | null> {
    const hit = this.entries.get(this.key(eventId, userId));
    if (hit && hit.until > this.now() && hit.mutedUntil !== undefined) {
      return hit.mutedUntil !== null && hit.mutedUntil > Date.now() ? new Date(hit.mutedUntil) : null;
    }
    return read();
  }

  /** requireRole from memory: signed in and holding at least `min`. Bans are checked by callers that care. */
  async requireRole(actor: Actor, eventId: string, min: Role): Promise<Member> {
    if (!actor.userId) throw unauthenticated();
    const found = await this.lookup(eventId, actor.userId);
    if (!found || !atLeast(found.role, min)) throw forbidden(`This needs the ${min} role in the event`);
    return found;
  }
}
