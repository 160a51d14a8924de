// The vote batcher against the real database (both backends): what it stores, what it answers, and that a vote is
// answered "stored" only once the statement holding it committed.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ballot } from '@samling/protocol';
import { openDatabase, type Database } from '../src/db/database.ts';
import { prismaBatchRunner, VoteWriter, type BatchRunner, type VoteRequest } from '../src/modules/polls/vote-writer.ts';
import { backends } from './harness.ts';

for (const backend of backends) {
  describe(`vote batcher on ${backend.name}`, () => {
    let storage: Awaited<ReturnType<typeof backend.create>>;
    let db: Database;
    let eventId: string;
    let sessionId: string;
    // Option ids are unique across polls; the ballots name an option by its position (options of the poll it is for).
    const optionsOf = new Map<string, string[]>();

    beforeAll(async () => {
      storage = await backend.create();
      db = await openDatabase(storage.database);
      const event = await db.prisma.event.create({ data: { slug: `batch-${randomUUID().slice(0, 8)}`, name: 'Batch', timeZone: 'Europe/Stockholm', startDate: '2026-11-20', endDate: '2026-11-22' } });
      eventId = event.id;
      sessionId = (await db.prisma.session.create({ data: { eventId, title: 'S', startsAt: new Date(), endsAt: new Date(Date.now() + 3_600_000) } })).id;
    }, 60_000);
    afterAll(async () => {
      await db?.close();
      await storage?.destroy();
    });

    async function people(n: number): Promise<string[]> {
      const users = Array.from({ length: n }, () => ({ id: randomUUID(), email: `${randomUUID()}@example.se`, passwordHash: '!', displayName: 'P' }));
      await db.prisma.user.createMany({ data: users });
      return users.map((u) => u.id);
    }
    async function poll(settings: { allowChange?: boolean } = {}, status = 'open') {
      const id = randomUUID();
      const options = [randomUUID(), randomUUID(), randomUUID()];
      optionsOf.set(id, options);
      await db.prisma.poll.create({
        data: { id, eventId, sessionId, kind: 'single', question: 'Q', settings, status, options: { create: options.map((oid, i) => ({ id: oid, label: `O${i}`, position: i })) } },
      });
      current = options;
      return id;
    }
    let current: string[] = [];
    /** A ballot for option i of the last poll made. */
    const single = (i: number): Ballot => ({ kind: 'single', optionId: current[i % current.length]! });
    const request = (pollId: string, userId: string, ballot: Ballot, extra: Partial<VoteRequest> = {}): VoteRequest =>
      ({ id: randomUUID(), pollId, userId, ballot, points: 0, allowChange: false, ...extra });
    const stored = (pollId: string) => db.prisma.vote.findMany({ where: { pollId } });

    it('flushes as soon as a batch is full, in one statement', async () => {
      const pollId = await poll();
      const users = await people(50);
      const writer = new VoteWriter(prismaBatchRunner(db.prisma), { maxBatch: 50, maxDelayMs: 60_000 });
      const started = Date.now();
      const outcomes = await Promise.all(users.map((u, i) => writer.write(request(pollId, u, single(i)))));
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(outcomes.every((o) => o.kind === 'stored')).toBe(true);
      expect(writer.stats.statements).toBe(1);
      expect(await stored(pollId)).toHaveLength(50);
    });

    it('flushes a part-full batch after its delay', async () => {
      const pollId = await poll();
      const users = await people(3);
      const writer = new VoteWriter(prismaBatchRunner(db.prisma), { maxBatch: 500, maxDelayMs: 40 });
      const started = performance.now();
      const outcomes = await Promise.all(users.map((u, i) => writer.write(request(pollId, u, single(i)))));
      expect(performance.now() - started).toBeGreaterThanOrEqual(35);
      expect(outcomes.map((o) => o.kind)).toEqual(['stored', 'stored', 'stored']);
      expect(writer.stats.statements).toBe(1);
    });

    it('answers duplicates within one batch as the one-vote path did: a retry gets the stored answer, a different one ALREADY_VOTED', async () => {
      const pollId = await poll();
      const [u] = await people(1);
      const writer = new VoteWriter(prismaBatchRunner(db.prisma), { maxDelayMs: 5 });
      const first = request(pollId, u!, single(0));
      const [a, b, c, d] = await Promise.all([
        writer.write(first),
        writer.write({ ...first }), // the same emit twice
        writer.write(request(pollId, u!, single(1))), // a different answer
        writer.write(request(pollId, u!, single(0))), // the same answer under a new id
      ]);
      expect(a.kind).toBe('stored');
      expect(b).toEqual({ kind: 'same', ballot: single(0) });
      expect(c).toEqual({ kind: 'alreadyVoted' });
      expect(d).toEqual({ kind: 'same', ballot: single(0) });
      const rows = await stored(pollId);
      expect(rows.map((r) => [r.id, r.ballot])).toEqual([[first.id, single(0)]]);
    });

    it('changes an answer where the poll allows it, keeping the vote\'s id and time, and says what it was', async () => {
      const pollId = await poll({ allowChange: true });
      const [u] = await people(1);
      const writer = new VoteWriter(prismaBatchRunner(db.prisma));
      const first = request(pollId, u!, single(0), { allowChange: true });
      expect((await writer.write(first)).kind).toBe('stored');
      const before = (await stored(pollId))[0]!;
      const changed = await writer.write(request(pollId, u!, single(2), { allowChange: true, points: 7 }));
      expect(changed).toEqual({ kind: 'stored', voteId: first.id, createdAt: before.createdAt, previous: single(0), hidden: false });
      const after = (await stored(pollId))[0]!;
      expect([after.id, after.ballot, after.points, after.createdAt]).toEqual([first.id, single(2), 7, before.createdAt]);
    });

    it('refuses votes on a closed or timed-out poll, on a poll that is gone, and under a vote id someone else holds', async () => {
      const closed = await poll({}, 'closed');
      const timedOut = await poll();
      await db.prisma.poll.update({ where: { id: timedOut }, data: { closesAt: new Date(Date.now() - 1000) } });
      const open = await poll();
      const [u, v] = await people(2);
      const writer = new VoteWriter(prismaBatchRunner(db.prisma));
      const taken = request(open, u!, single(0));
      await writer.write(taken);
      const outcomes = await Promise.all([
        writer.write(request(closed, u!, single(0))),
        writer.write(request(timedOut, u!, single(0))),
        writer.write(request(randomUUID(), u!, single(0))),
        writer.write(request(open, v!, single(1), { id: taken.id })),
      ]);
      expect(outcomes.map((o) => o.kind)).toEqual(['closed', 'closed', 'pollGone', 'idTaken']);
      expect(await db.prisma.vote.count({ where: { userId: v! } })).toBe(0);
    });

    it('fails every vote of a failed statement and stores none of them: nothing is answered "stored" that is not', async () => {
      const pollId = await poll();
      const users = await people(20);
      const broken: BatchRunner = async () => {
        throw new Error('connection lost');
      };
      const writer = new VoteWriter(broken, { maxDelayMs: 5 });
      const settled = await Promise.allSettled(users.map((u, i) => writer.write(request(pollId, u, single(i)))));
      expect(settled.every((s) => s.status === 'rejected')).toBe(true);
      expect(await stored(pollId)).toHaveLength(0);
    });

    it('stores the rest of a batch when one vote in it cannot be stored, and fails only that one', async () => {
      const pollId = await poll();
      const users = await people(10);
      const writer = new VoteWriter(prismaBatchRunner(db.prisma), { maxDelayMs: 5 });
      const ghost = randomUUID(); // no such account: the row breaks the statement (foreign key)
      const settled = await Promise.allSettled([...users, ghost].map((u, i) => writer.write(request(pollId, u, single(i)))));
      expect(settled.slice(0, 10).map((s) => s.status === 'fulfilled' && s.value.kind)).toEqual(Array(10).fill('stored'));
      expect(settled[10]!.status).toBe('rejected');
      expect((await stored(pollId)).map((r) => r.userId).sort()).toEqual([...users].sort());
    });

    it('keeps one vote per person when two writers (two nodes) race for the same person', async () => {
      const pollId = await poll();
      const users = await people(30);
      const one = new VoteWriter(prismaBatchRunner(db.prisma), { maxDelayMs: 1 });
      const two = new VoteWriter(prismaBatchRunner(db.prisma), { maxDelayMs: 1 });
      const outcomes = await Promise.all(users.flatMap((u, i) => [one.write(request(pollId, u, single(i))), two.write(request(pollId, u, single(i + 1)))]));
      const kinds = outcomes.map((o) => o.kind);
      expect(kinds.filter((k) => k === 'stored')).toHaveLength(30);
      expect(kinds.filter((k) => k === 'alreadyVoted')).toHaveLength(30);
      expect(await stored(pollId)).toHaveLength(30);
    });
  });
}
