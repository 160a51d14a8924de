/**
 * Write-behind for votes: many votes go into the database in one statement, and each is acknowledged only once the
 * statement that holds it has committed (an acknowledged vote is never lost).
 *
 * A batch is flushed when it reaches `maxBatch` votes or `maxDelayMs` after its first vote, one statement at a time
 * (the next batch fills meanwhile, so a busy poll gets larger batches, not more statements). The statement decides
 * every vote against the stored one exactly as the one-vote path did: a retry or the same answer returns the stored
 * answer, a different answer is refused unless the poll allows changes, a closed poll refuses. It locks the poll row
 * (FOR SHARE), so a vote either commits before the poll closes, and is in its final results, or is refused.
 */
import type { Ballot } from '@samling/protocol';
import type { Prisma } from '../../db/database.ts';
import { FlushSchedule } from '../../flush-schedule.ts';

export interface VoteRequest {
  id: string;
  pollId: string;
  userId: string;
  ballot: Ballot;
  points: number;
  allowChange: boolean;
}

/** What the database made of one vote. */
export type VoteOutcome =
  /** Stored as a new vote, or replaced the person's earlier answer (`previous`). */
  | { kind: 'stored'; createdAt: Date; voteId: string; previous: Ballot | null; hidden: boolean }
  /** The same vote (or the same answer) was already stored: nothing changed. */
  | { kind: 'same'; ballot: Ballot }
  | { kind: 'alreadyVoted' }
  | { kind: 'closed' }
  | { kind: 'pollGone' }
  | { kind: 'idTaken' };

interface Pending {
  request: VoteRequest;
  resolve: (outcome: VoteOutcome) => void;
  reject: (err: unknown) => void;
  attempts: number;
}

/** One row of the statement's answer per input vote, by its position `n`. */
interface Row {
  n: number;
  poll_exists: boolean;
  open: boolean;
  id_taken: boolean;
  old_id: string | null;
  old_ballot: Ballot | string | null;
  old_created: string | null;
  old_hidden: boolean | null;
  written: boolean;
}

/** Runs the batch statement; the database's raw query in production, a fake in unit tests. */
export type BatchRunner = (sql: string, json: string, now: string) => Promise<Row[]>;

// One statement: decide each input against the stored state, insert the new ones, update the changed ones.
// Conflicts with a vote committed meanwhile (another node) are skipped by ON CONFLICT DO NOTHING and retried.
const BATCH_SQL = `
WITH i AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb)
    AS t(n int, id uuid, poll_id uuid, user_id uuid, ballot jsonb, points int, allow_change boolean)
),
p AS (
  SELECT id, status = 'open' AND ("closesAt" IS NULL OR "closesAt" > $2::timestamp) AS open
  FROM "Poll" WHERE id IN (SELECT DISTINCT poll_id FROM i) FOR SHARE
),
o AS (
  SELECT i.n, i.id, i.poll_id, i.user_id, i.ballot, i.points, i.allow_change,
    p.id IS NOT NULL AS poll_exists, COALESCE(p.open, false) AS open,
    v.id AS old_id, v.ballot AS old_ballot, v."createdAt" AS old_created, v.hidden AS old_hidden,
    EXISTS (SELECT 1 FROM "Vote" x WHERE x.id = i.id AND (x."pollId" <> i.poll_id OR x."userId" IS DISTINCT FROM i.user_id)) AS id_taken
  FROM i LEFT JOIN p ON p.id = i.poll_id
  LEFT JOIN "Vote" v ON v."pollId" = i.poll_id AND v."userId" = i.user_id
),
ins AS (
  INSERT INTO "Vote" (id, "pollId", "userId", ballot, points, "createdAt", "updatedAt")
  SELECT id, poll_id, user_id, ballot, points, $2::timestamp, $2::timestamp FROM o
  WHERE open AND old_id IS NULL AND NOT id_taken
  ON CONFLICT DO NOTHING
  RETURNING id
),
upd AS (
  UPDATE "Vote" v SET ballot = o.ballot, points = o.points, "updatedAt" = $2::timestamp
  FROM o
  WHERE v.id = o.old_id AND o.open AND o.allow_change AND o.old_id <> o.id AND o.old_ballot <> o.ballot
  RETURNING v.id
)
SELECT o.n, o.poll_exists, o.open, o.id_taken, o.old_id::text AS old_id, o.old_ballot,
  to_char(o.old_created, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS old_created, o.old_hidden,
  (ins.id IS NOT NULL OR upd.id IS NOT NULL) AS written
FROM o LEFT JOIN ins ON ins.id = o.id LEFT JOIN upd ON upd.id = o.old_id
ORDER BY o.n`;

/** A raw runner on the app's Prisma client (PGlite or PostgreSQL). */
export function prismaBatchRunner(prisma: Prisma): BatchRunner {
  return (sql, json, now) => prisma.$queryRawUnsafe<Row[]>(sql, json, now);
}

const sameBallot = (a: Ballot, b: Ballot) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
/** jsonb keeps object keys in its own order: compare ballots with sorted keys. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

export class VoteWriter {
  private queue: Pending[] = [];
  private readonly clock = new FlushSchedule(() => this.queue.length, () => this.flush(), () => this.maxBatch, () => this.maxDelayMs);
  private closed = false;
  /** Statements run and votes written, for tests and metrics. */
  readonly stats = { statements: 0, votes: 0, failedStatements: 0 };

  constructor(
    private readonly run: BatchRunner,
    private readonly opts: { maxBatch?: number; maxDelayMs?: number; maxAttempts?: number; now?: () => Date } = {},
  ) {}

  private get maxBatch() { return this.opts.maxBatch ?? 500; }
  private get maxDelayMs() { return this.opts.maxDelayMs ?? 5; }

  /** Resolves once the vote's statement committed (or with why it was refused); rejects when the statement failed. */
  write(request: VoteRequest): Promise<VoteOutcome> {
    if (this.closed) return Promise.reject(new Error('The vote writer is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject, attempts: 0 });
      this.clock.schedule();
    });
  }

  /** Writes what is queued and refuses new votes. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.queue.length > 0 || this.clock.running) {
      if (!this.clock.running) await this.flush();
      else await new Promise((r) => setTimeout(r, 1));
    }
  }

  /** Takes up to maxBatch votes, at most one per (poll, person) and per vote id; the rest wait for the next batch. */
  private take(): Pending[] {
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    const keys = new Set<string>();
    const ids = new Set<string>();
    for (const p of this.queue) {
      const key = `${p.request.pollId}:${p.request.userId}`;
      if (batch.length >= this.maxBatch || keys.has(key) || ids.has(p.request.id)) rest.push(p);
      else {
        keys.add(key);
        ids.add(p.request.id);
        batch.push(p);
      }
    }
    this.queue = rest;
    return batch;
  }

  flush(): Promise<void> {
    return this.clock.exclusive(async () => {
      const batch = this.take();
      try {
        await this.runBatch(batch);
      } catch (err) {
        this.stats.failedStatements += 1;
        if (batch.length === 1) batch[0]!.reject(err);
        else {
          // One bad vote (a poll deleted meanwhile, a person whose account went) must not fail the others: one by one.
          for (const p of batch) {
            try {
              await this.runBatch([p]);
            } catch (one) {
              p.reject(one);
            }
          }
        }
      }
    });
  }

  private async runBatch(batch: Pending[]): Promise<void> {
    const now = (this.opts.now ?? (() => new Date()))();
    const json = JSON.stringify(batch.map((p, n) => ({
      n, id: p.request.id, poll_id: p.request.pollId, user_id: p.request.userId, ballot: p.request.ballot, points: p.request.points, allow_change: p.request.allowChange,
    })));
    this.stats.statements += 1;
    const rows = await this.run(BATCH_SQL, json, now.toISOString());
    const byN = new Map(rows.map((r) => [Number(r.n), r]));
    const retry: Pending[] = [];
    batch.forEach((p, n) => {
      const row = byN.get(n);
      if (!row) return p.reject(new Error('The vote statement answered without this vote'));
      const outcome = this.decide(p.request, row, now);
      if (outcome) {
        if (outcome.kind === 'stored') this.stats.votes += 1;
        return p.resolve(outcome);
      }
      // Raced with a vote committed elsewhere: decide again against it.
      p.attempts += 1;
      if (p.attempts >= (this.opts.maxAttempts ?? 3)) p.reject(new Error('The vote kept conflicting'));
      else retry.push(p);
    });
    if (retry.length > 0) this.queue.unshift(...retry);
  }

  /** The outcome of one vote, or null when it must be tried again. */
  private decide(req: VoteRequest, row: Row, now: Date): VoteOutcome | null {
    if (!row.poll_exists) return { kind: 'pollGone' };
    if (!row.open) return { kind: 'closed' };
    if (row.old_id !== null && row.old_ballot !== null) {
      // Drivers differ in whether jsonb arrives parsed.
      const oldBallot = (typeof row.old_ballot === 'string' ? JSON.parse(row.old_ballot) : row.old_ballot) as Ballot;
      if (row.old_id === req.id || sameBallot(oldBallot, req.ballot)) return { kind: 'same', ballot: oldBallot };
      if (!req.allowChange) return { kind: 'alreadyVoted' };
      if (!row.written) return null;
      return { kind: 'stored', voteId: row.old_id, createdAt: new Date(row.old_created ?? now), previous: oldBallot, hidden: row.old_hidden ?? false };
    }
    if (row.id_taken) return { kind: 'idTaken' };
    if (!row.written) return null;
    return { kind: 'stored', voteId: req.id, createdAt: now, previous: null, hidden: false };
  }
}
