// Poll burst: the moderator launches a single-choice poll and the attendees vote on an open-loop schedule, a share
// of them sending their vote twice (a retried emit). Then once more with every vote sent at once, for the most
// votes per second the server stores. Measures vote-to-result latency as each voter's own connection sees it,
// acks, durable votes per second, and whether the final tally everyone got equals what was acknowledged.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Ack, Poll } from '@samling/protocol';
import { isTimeout, type Attendee } from '../clients/attendee.ts';
import { runSchedule, shuffled, sleep, waitFor, type Ctx } from '../context.ts';
import { perOperation, type PhaseCost } from '../meter.ts';
import { Latency, voteToResult, type LatencySummary, type VoteRecord } from '../stats.ts';

const OPTIONS = ['AI', 'Robotar', 'Digitala tvillingar', '5G'];

export interface PollRunFigures {
  voters: number;
  windowSeconds: number;
  offeredPerSecond: number | null;
  sent: number;
  retried: number;
  acked: number;
  errors: Record<string, number>;
  ackMs: LatencySummary;
  voteToResultMs: LatencySummary;
  voteToResultProbesMs: LatencySummary;
  /** Acknowledged votes no result (before the final one) ever counted. */
  uncounted: number;
  durableVotesPerSecond: number;
  /** Result messages a probe received while votes came in. */
  resultMessagesPerProbe: number;
  /** A newer version that counted fewer voters than an older one (per attendee, summed). */
  regressions: number;
  outOfOrder: number;
  final: { voters: number | null; received: number; missing: number; consistent: boolean; consistentAcrossNodes: boolean };
  lost: number;
  doubleCounted: number;
  cost: PhaseCost;
  /** CPU per acknowledged vote (ms), results broadcasts included: the server's, the database's. */
  cpuPerVote: { serverMs: number | null; storeMs: number | null };
  pollId: string;
}

export interface PollFigures {
  window: PollRunFigures;
  burst: PollRunFigures;
}

type ResultsMsg = { pollId: string; version: number; voters: number; final: boolean; results: unknown };

export async function pollBurst(ctx: Ctx): Promise<PollFigures> {
  const voters = ctx.attendees.filter((a) => a.online).slice(0, ctx.opts.voters ?? ctx.attendees.length);
  ctx.log(`poll: ${voters.length} voters over ${ctx.opts.voteWindow} s`);
  const window = await runPoll(ctx, voters, ctx.opts.voteWindow * 1000);
  ctx.log(`poll: ${voters.length} voters at once`);
  const burst = await runPoll(ctx, voters, 0);
  return { window, burst };
}

async function runPoll(ctx: Ctx, voters: Attendee[], windowMs: number): Promise<PollRunFigures> {
  const { moderator, target, router } = ctx;
  const created = await moderator.call('poll:create', {
    room: target.sessionId,
    poll: { kind: 'single', question: `Benchmark ${new Date().toISOString()}`, options: OPTIONS.map((label) => ({ label })) },
  });
  if (!created.ok) throw new Error(`poll:create: ${created.error.code} ${created.error.message}`);
  const poll: Poll = created.data;

  // What every connection in the room received for this poll.
  const everyone = [...ctx.attendees];
  const seen = new Map<Attendee, number[]>(everyone.map((a) => [a, []]));
  const last = new Map<Attendee, { version: number; voters: number }>();
  const finals = new Map<Attendee, ResultsMsg>();
  let regressions = 0;
  let outOfOrder = 0;
  router.listener = {
    results: (a, msg, at) => {
      if (msg.pollId !== poll.id || a.kind === 'moderator') return;
      const prev = last.get(a);
      if (prev && msg.version < prev.version) outOfOrder++;
      else if (prev && msg.voters < prev.voters) regressions++;
      if (!prev || msg.version > prev.version) last.set(a, { version: msg.version, voters: msg.voters });
      if (msg.final) finals.set(a, msg);
      else seen.get(a)?.push(at, msg.voters);
    },
  };

  const launched = await moderator.call('poll:launch', { pollId: poll.id });
  if (!launched.ok) throw new Error(`poll:launch: ${launched.error.code} ${launched.error.message}`);
  await sleep(300);
  const cost0 = await ctx.meter.begin();

  const order = shuffled(voters);
  const t0 = performance.now() + 100;
  const times = order.map((_, j) => t0 + (windowMs * j) / order.length);
  const records: (VoteRecord & { seen: number[]; option: string; a: Attendee; ok: boolean })[] = [];
  const errors: Record<string, number> = {};
  const ackLatency = new Latency();
  const every = ctx.opts.retryShare > 0 ? Math.max(1, Math.round(1 / ctx.opts.retryShare)) : 0;
  let retried = 0;
  let sent = 0;
  const calls: Promise<void>[] = [];
  await runSchedule(times, (j) => {
    const a = order[j]!;
    const option = poll.options[j % poll.options.length]!.id;
    const rec = { scheduledAt: times[j]!, sentAt: performance.now(), ackAt: null as number | null, seen: seen.get(a)!, option, a, ok: false };
    records.push(rec);
    const payload = { pollId: poll.id, voteId: randomUUID(), ballot: { kind: 'single' as const, optionId: option } };
    const onAck = (res: Ack<unknown>) => {
      if (res.ok) {
        if (rec.ackAt === null) {
          rec.ackAt = performance.now();
          rec.ok = true;
          ackLatency.record(rec.ackAt - rec.scheduledAt);
        }
      } else {
        const code = isTimeout(res.error) ? 'timeout' : res.error.code;
        errors[code] = (errors[code] ?? 0) + 1;
      }
    };
    calls.push(a.call('poll:vote', payload, 60_000).then(onAck));
    sent++;
    if (every && j % every === 0) {
      retried++;
      calls.push(a.call('poll:vote', payload, 60_000).then(onAck));
    }
  });
  await Promise.all(calls);
  const acked = records.filter((r) => r.ok);
  const lastAck = Math.max(...acked.map((r) => r.ackAt!), t0);

  // Let the throttled results catch up before closing, so the final result is not what counts a vote.
  const probes = ctx.probes.filter((p) => p.online);
  await waitFor(() => probes.every((p) => (last.get(p)?.voters ?? 0) >= acked.length), 5000, 20);
  const cost = await ctx.meter.end(cost0);

  const closed = await moderator.call('poll:close', { pollId: poll.id });
  if (!closed.ok) throw new Error(`poll:close: ${closed.error.code} ${closed.error.message}`);
  const listening = everyone.filter((a) => a.online);
  await waitFor(() => listening.every((a) => finals.has(a)), 15_000, 20);
  router.listener = {};

  // The tally everyone got against what was acknowledged.
  const expected = new Map(poll.options.map((o) => [o.id, 0]));
  const unacked = new Map(poll.options.map((o) => [o.id, 0]));
  for (const r of records) (r.ok ? expected : unacked).set(r.option, (r.ok ? expected : unacked).get(r.option)! + 1);
  const finalList = listening.map((a) => finals.get(a)).filter((m): m is ResultsMsg => Boolean(m));
  const key = (m: ResultsMsg) => JSON.stringify([m.voters, m.results]);
  const reference = finalList[0];
  const consistent = finalList.every((m) => key(m) === key(reference!));
  const byNode = new Map<number, string>();
  for (const a of listening) {
    const m = finals.get(a);
    if (m && !byNode.has(a.node)) byNode.set(a.node, key(m));
  }
  let lost = 0;
  let doubleCounted = 0;
  const counts = new Map(((reference?.results as { options?: { optionId: string; count: number }[] } | null)?.options ?? []).map((o) => [o.optionId, o.count]));
  if (reference) {
    for (const [id, exp] of expected) {
      const got = counts.get(id) ?? 0;
      lost += Math.max(0, exp - got);
      doubleCounted += Math.max(0, got - exp - unacked.get(id)!);
    }
  }

  const v2r = voteToResult(records);
  const probeSet = new Set<Attendee>(ctx.probes);
  const all = new Latency();
  const probeLat = new Latency();
  for (const { vote, ms } of v2r.matched) {
    all.record(ms);
    if (probeSet.has(vote.a)) probeLat.record(ms);
  }
  const firstProbe = ctx.probes[0];
  return {
    voters: voters.length,
    windowSeconds: windowMs / 1000,
    offeredPerSecond: windowMs > 0 ? voters.length / (windowMs / 1000) : null,
    sent,
    retried,
    acked: acked.length,
    errors,
    ackMs: ackLatency.summary(),
    voteToResultMs: all.summary(),
    voteToResultProbesMs: probeLat.summary(),
    uncounted: v2r.uncounted.length,
    durableVotesPerSecond: acked.length / ((lastAck - t0) / 1000 || 1),
    resultMessagesPerProbe: firstProbe ? (seen.get(firstProbe)?.length ?? 0) / 2 : 0,
    regressions,
    outOfOrder,
    final: {
      voters: reference?.voters ?? null,
      received: finalList.length,
      missing: listening.length - finalList.length,
      consistent,
      consistentAcrossNodes: new Set(byNode.values()).size <= 1,
    },
    lost,
    doubleCounted,
    cost,
    cpuPerVote: perOperation(cost, acked.length),
    pollId: poll.id,
  };
}
