import { createHash } from 'node:crypto';
import type { Role } from '@samling/protocol';
import type { Prisma } from '../../db/database.ts';
import { AppError, notFound } from '../../errors.ts';
import { FlushSchedule } from '../../flush-schedule.ts';
import type { MemberCache } from './member-cache.ts';

/** Who a live connection is, once let in. */
export interface Admitted {
  userId: string;
  authSessionId: string;
  eventId: string;
  role: Role;
  displayName: string;
}

interface Pending {
  token: string;
  slug: string;
  resolve: (row: Row) => void;
  reject: (err: unknown) => void;
}

interface Row {
  n: number;
  session_id: string | null;
  user_id: string | null;
  valid: boolean | null;
  display_name: string | null;
  event_id: string | null;
  role: string | null;
  banned: boolean;
  muted_until: string | null;
}

// Everything a handshake checks, for many handshakes in one statement: the browser session behind the cookie (by the
// SHA-256 of its token, unexpired), the person, the event by slug, their membership and any ban or mute there.
const SQL = `
SELECT t.n, s.id::text AS session_id, s."userId"::text AS user_id, s."expiresAt" > $2::timestamp AS valid,
  u."displayName" AS display_name, e.id::text AS event_id, m.role, (b."userId" IS NOT NULL) AS banned,
  to_char(mu.until, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS muted_until
FROM jsonb_to_recordset($1::jsonb) AS t(n int, token_hash text, slug text)
LEFT JOIN "AuthSession" s ON s."tokenHash" = t.token_hash
LEFT JOIN "User" u ON u.id = s."userId"
LEFT JOIN "Event" e ON e.slug = t.slug
LEFT JOIN "Membership" m ON m."eventId" = e.id AND m."userId" = s."userId"
LEFT JOIN "Ban" b ON b."eventId" = e.id AND b."userId" = s."userId"
LEFT JOIN "Mute" mu ON mu."eventId" = e.id AND mu."userId" = s."userId"
ORDER BY t.n`;

/**
 * The socket handshake's checks (signed in, member, not banned), batched: the handshakes that arrive within a few
 * milliseconds share one statement, so a reconnect storm of thousands costs tens of queries, not tens of thousands.
 * Same answers, in the same order of precedence, as authenticating the cookie and then `MembersService.admit`.
 */
export class HandshakeLookup {
  private queue: Pending[] = [];
  private readonly clock = new FlushSchedule(() => this.queue.length, () => this.flush(), () => this.maxBatch, () => this.maxDelayMs);
  readonly stats = { statements: 0, handshakes: 0 };

  constructor(private readonly prisma: Prisma, private readonly cache?: MemberCache, private readonly maxBatch = 500, private readonly maxDelayMs = 3) {}

  async admit(token: string | undefined, slug: string): Promise<Admitted> {
    if (!token || token.length > 200) throw new AppError('UNAUTHENTICATED', 'Sign in first');
    const row = await new Promise<Row>((resolve, reject) => {
      this.queue.push({ token, slug, resolve, reject });
      this.clock.schedule();
    });
    if (!row.session_id || !row.user_id || !row.valid) throw new AppError('UNAUTHENTICATED', 'Sign in first');
    if (!row.event_id) throw notFound('Event');
    // What the live room's commands check next (votes, joins) is now known: they need not read it again.
    this.cache?.prime(row.event_id, row.user_id, (row.role as Role | null) ?? null, row.banned, row.muted_until ? new Date(row.muted_until) : null);
    if (row.banned) throw new AppError('BANNED', 'You are banned from this event');
    if (!row.role) throw new AppError('FORBIDDEN', 'Join the event first');
    return { userId: row.user_id, authSessionId: row.session_id, eventId: row.event_id, role: row.role as Role, displayName: row.display_name ?? '' };
  }

  private flush(): Promise<void> {
    return this.clock.exclusive(async () => {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const json = JSON.stringify(batch.map((p, n) => ({ n, token_hash: createHash('sha256').update(p.token).digest('hex'), slug: p.slug })));
        this.stats.statements += 1;
        this.stats.handshakes += batch.length;
        const rows = await this.prisma.$queryRawUnsafe<Row[]>(SQL, json, new Date().toISOString());
        const byN = new Map(rows.map((r) => [Number(r.n), r]));
        batch.forEach((p, n) => {
          const row = byN.get(n);
          if (row) p.resolve(row);
          else p.reject(new Error('The handshake statement answered without this handshake'));
        });
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    });
  }
}
