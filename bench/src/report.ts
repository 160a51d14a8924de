// Turns the figures of a run into the table and the goal verdicts. The goals are the issue's, on two cores.
import type { PhaseCost } from './meter.ts';

const perOp = (c: { serverMs: number | null; storeMs: number | null }, unit = 'ms', scale = 1) =>
  `${c.serverMs === null ? '–' : fmt(c.serverMs * scale, unit, 2)} / ${c.storeMs === null ? '–' : fmt(c.storeMs * scale, unit, 2)}`;
import type { ProfileSummary } from './profile.ts';
import type { CeilingFigures } from './scenarios/ceiling.ts';
import type { ChatFigures } from './scenarios/chat.ts';
import type { PollFigures } from './scenarios/poll.ts';
import type { RampFigures } from './scenarios/ramp.ts';
import type { ReconnectFigures } from './scenarios/reconnect.ts';
import type { LatencySummary } from './stats.ts';
import { bytes, fmt, verdict, type Row, type Section } from './table.ts';

export const GOALS = {
  attendees: 10_000,
  idleLoopP99Ms: 50,
  voteP99Ms1k: 400,
  voteP99Ms10k: 1000,
  durableVotesPerSecond: 2000,
  chatP99Ms: 600,
  chatRoom: 5000,
  chatRate: 20,
  stormShare: 0.95,
  stormClients: 10_000,
  rssPerConnection: 20 * 1024,
} as const;

export interface RunFigures {
  run: Record<string, unknown> & { mode: string; nodes: number; attendees: number };
  ceiling?: CeilingFigures | null;
  ramp?: RampFigures | null;
  poll?: PollFigures | null;
  chat?: ChatFigures | null;
  reconnect?: ReconnectFigures | null;
  votesStored?: { pollId: string; acked: number; stored: number | null }[] | null;
  /** The whole run: shares of one core. */
  machine?: { seconds: number; harnessCpu: number; serverCpu: number | null; storeCpu: number; otherCpu: number | null } | null;
  profiles?: ProfileSummary[];
  errors: { scenario: string; message: string }[];
}

const lat = (s: LatencySummary) => (s.count === 0 ? '–' : `${fmt(s.p50)} / ${fmt(s.p95)} / ${fmt(s.p99)} / ${fmt(s.max)} ms`);
const maxOf = (xs: (number | null | undefined)[]) => {
  const v = xs.filter((x): x is number => typeof x === 'number');
  return v.length ? Math.max(...v) : null;
};
const cpu = (c: PhaseCost) => c.serverCpu.map((x) => (x === null ? '–' : `${fmt(x * 100, '%', 0)}`)).join(' + ');
const loop = (c: PhaseCost) => {
  const p99 = maxOf(c.eventLoopDelay.map((e) => e?.p99));
  const max = maxOf(c.eventLoopDelay.map((e) => e?.max));
  return p99 === null ? '–' : `${fmt(p99)} / ${fmt(max)} ms`;
};
const costRows = (c: PhaseCost, label: string): Row[] => [
  { metric: `${label}: server CPU (per node, of one core)`, value: cpu(c) },
  { metric: `${label}: server event-loop delay p99 / max`, value: loop(c) },
  {
    metric: `${label}: CPU of harness / PostgreSQL+Redis / others`,
    value: [c.harnessCpu, c.storeCpu, c.otherCpu].map((x) => (x === null ? '–' : fmt(x * 100, '%', 0))).join(' / '),
  },
];

/** The verdict of each goal, for the JSON line (same words as the table). */
export function goals(f: RunFigures): Record<string, string> {
  const out: Record<string, string> = {};
  const r = f.ramp;
  out.attendees10k = verdict(Boolean(r), (r?.connected ?? 0) >= GOALS.attendees && r?.failed === 0, r ? { at: r.attempted, goal: GOALS.attendees } : undefined);
  const idle = r ? maxOf(r.idle.eventLoopDelay.map((e) => e?.p99)) : null;
  out.idleLoopP99 = verdict(idle !== null, (idle ?? Infinity) <= GOALS.idleLoopP99Ms, r ? { at: r.connected, goal: GOALS.attendees } : undefined);
  // Below 1,000 connections the slope is lost in the noise of a heap that grows and shrinks by megabytes.
  const rss = r && r.connected >= 1000 ? r.memory.rssBytesPerConnection : null;
  out.rssPerConnection = verdict(rss !== null, (rss ?? Infinity) <= GOALS.rssPerConnection, r ? { at: r.connected, goal: GOALS.attendees } : undefined);
  const w = f.poll?.window;
  if (w) {
    const p99 = w.voteToResultMs.p99;
    const measured = w.voteToResultMs.count > 0;
    // Each goal is judged at its own size: 1,000 voters (below 5,000) and 10,000 (from 5,000).
    out.voteP99At1k = w.voters < 5000 ? verdict(measured, p99 <= GOALS.voteP99Ms1k && w.uncounted === 0, { at: w.voters, goal: 1000 }) : 'not measured';
    out.voteP99At10k = w.voters >= 5000 ? verdict(measured, p99 <= GOALS.voteP99Ms10k && w.uncounted === 0, { at: w.voters, goal: 10_000 }) : 'not measured';
  } else {
    out.voteP99At1k = out.voteP99At10k = 'not measured';
  }
  const polls = [f.poll?.window, f.poll?.burst].filter((p) => p !== undefined && p !== null);
  const stored = f.votesStored ?? [];
  const dbMismatch = stored.some((s) => s.stored !== null && s.stored !== s.acked);
  out.noLostOrDoubleVotes = verdict(polls.length > 0, polls.every((p) => p.lost === 0 && p.doubleCounted === 0 && p.final.missing === 0) && !dbMismatch);
  const b = f.poll?.burst;
  out.durableVotesPerSecond = verdict(Boolean(b), (b?.durableVotesPerSecond ?? 0) >= GOALS.durableVotesPerSecond, b ? { at: b.voters, goal: 10_000 } : undefined);
  const c = f.chat?.rate;
  out.chatP99 = verdict(
    Boolean(c && c.deliveryMs.count > 0),
    (c?.deliveryMs.p99 ?? Infinity) <= GOALS.chatP99Ms && c?.lost === 0,
    c ? { at: c.roomSize, goal: GOALS.chatRoom } : undefined,
  );
  const s = f.reconnect;
  out.reconnectStorm = verdict(Boolean(s), (s?.within10sOfRestart ?? 0) >= GOALS.stormShare, s ? { at: s.clients, goal: GOALS.stormClients } : undefined);
  if (f.run.nodes > 1) {
    const same = polls.every((p) => p.final.consistentAcrossNodes) && (!c || c.byNode.every((n) => n.delivered === n.expected));
    out.acrossNodes = verdict(polls.length > 0 || Boolean(c), same);
  } else out.acrossNodes = 'not measured';
  return out;
}

export function sections(f: RunFigures, g: Record<string, string>): Section[] {
  const out: Section[] = [];
  const run = f.run;
  out.push({
    title: `run: ${(run.description as string | undefined) ?? 'did not start'}`,
    rows: [
      { metric: 'attendees asked for / nodes', value: `${fmt(run.attendees)} / ${run.nodes}` },
      ...(run.seedMethod
        ? [
          { metric: 'attendees created (method, seconds)', value: `${fmt(run.seeded as number)} (${run.seedMethod as string}, ${fmt(run.seedSeconds as number)} s)` },
          { metric: 'pinned (server CPU 0, harness CPU 1)', value: run.pinned ? 'yes' : 'no' },
          { metric: 'open files allowed (ulimit -n)', value: String(run.nofile) },
        ]
        : []),
      ...(f.machine
        ? [{
          metric: 'whole run CPU: server / harness / PostgreSQL+Redis / others',
          value: [f.machine.serverCpu, f.machine.harnessCpu, f.machine.storeCpu, f.machine.otherCpu].map((x) => (x === null ? '–' : fmt(x * 100, '%', 0))).join(' / '),
        }]
        : []),
    ],
  });
  const ce = f.ceiling;
  if (ce) {
    out.push({
      title: `ceiling: raw ws broadcast (${fmt(ce.connections)} connections × ${fmt(ce.messages)} messages of ${ce.frameBytes} B)`,
      rows: [
        { metric: 'deliveries per second', value: fmt(ce.deliveriesPerSecond) },
        { metric: 'server CPU per delivery', value: ce.serverCpuMicrosPerDelivery === null ? '–' : fmt(ce.serverCpuMicrosPerDelivery, 'µs', 2) },
        ...(ce.complete ? [] : [{ metric: 'incomplete: deliveries made', value: fmt(ce.deliveries) }]),
      ],
    });
  }
  const r = f.ramp;
  if (r) {
    const idleP99 = maxOf(r.idle.eventLoopDelay.map((e) => e?.p99));
    out.push({
      title: `ramp: ${fmt(r.attempted)} attendees into one session`,
      rows: [
        { metric: 'connected and joined / attempted', value: `${fmt(r.connected)} / ${fmt(r.attempted)}`, goal: '10,000', verdict: g.attendees10k },
        { metric: 'failures', value: r.failed ? Object.entries(r.failures).map(([k, v]) => `${k}: ${v}`).join(', ') : '0' },
        { metric: 'connections per second (connect + join)', value: fmt(r.connectsPerSecond) },
        { metric: 'handshake p50 / p95 / p99 / max', value: lat(r.handshakeMs) },
        { metric: 'room:join p50 / p95 / p99 / max', value: lat(r.joinMs) },
        { metric: 'server RSS per connection (slope)', value: bytes(r.memory.rssBytesPerConnection), goal: '≤ 20 KB', verdict: g.rssPerConnection },
        { metric: 'server heap per connection (slope)', value: bytes(r.memory.heapBytesPerConnection) },
        { metric: 'server RSS at the top', value: bytes(r.memory.points.at(-1)?.rssBytes) },
        { metric: 'CPU per connection: server / PostgreSQL+Redis', value: perOp(r.cpuPerConnection) },
        ...costRows(r.cost, 'ramp'),
        { metric: 'idle: event-loop delay p99 (worst node)', value: idleP99 === null ? '–' : fmt(idleP99, 'ms'), goal: '≤ 50 ms', verdict: g.idleLoopP99 },
        { metric: 'idle: server CPU', value: cpu(r.idle) },
        {
          metric: 'viewer count agreed on every node',
          value: r.presence.converged ? `yes, ${fmt(r.presence.expected)} (${fmt(r.presence.seconds, 's')})` : `no: expected ${r.presence.expected}, saw ${r.presence.seenByNode.join(' / ')}`,
        },
      ],
    });
  }
  const p = f.poll;
  if (p) {
    const w = p.window;
    const b = p.burst;
    const tally = (x: typeof w) => `${x.lost} / ${x.doubleCounted}${x.final.missing ? ` (${x.final.missing} never got the final result)` : ''}`;
    out.push({
      title: `poll burst: ${fmt(w.voters)} voters over ${fmt(w.windowSeconds)} s (${fmt(w.offeredPerSecond)} votes/s offered), ${fmt(w.retried)} sent twice`,
      rows: [
        { metric: 'vote→result p50 / p95 / p99 / max', value: lat(w.voteToResultMs), goal: w.voters >= 5000 ? '≤ 1 s @10k' : '≤ 400 ms @1k', verdict: w.voters >= 5000 ? g.voteP99At10k : g.voteP99At1k },
        { metric: 'vote→result, probes only', value: lat(w.voteToResultProbesMs) },
        { metric: 'vote→ack p50 / p95 / p99 / max', value: lat(w.ackMs) },
        { metric: 'acked / sent (errors)', value: `${fmt(w.acked)} / ${fmt(w.sent)}${Object.keys(w.errors).length ? ` (${Object.entries(w.errors).map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''}` },
        { metric: 'counted only by the final result', value: fmt(w.uncounted) },
        { metric: 'CPU per vote: server / PostgreSQL+Redis', value: perOp(w.cpuPerVote) },
        { metric: 'lost / double-counted', value: tally(w), goal: '0 / 0', verdict: g.noLostOrDoubleVotes },
        { metric: 'result messages per probe; regressions, out of order', value: `${w.resultMessagesPerProbe}; ${w.regressions}, ${w.outOfOrder}` },
        { metric: 'final result the same for everyone', value: w.final.consistent ? 'yes' : 'NO' },
        ...costRows(w.cost, 'window'),
      ],
    });
    out.push({
      title: `poll, all at once: ${fmt(b.voters)} votes sent together`,
      rows: [
        { metric: 'durable votes per second (acked)', value: fmt(b.durableVotesPerSecond), goal: '≥ 2,000', verdict: g.durableVotesPerSecond },
        { metric: 'CPU per vote: server / PostgreSQL+Redis', value: perOp(b.cpuPerVote) },
        { metric: 'vote→result p50 / p95 / p99 / max', value: lat(b.voteToResultMs) },
        { metric: 'vote→ack p50 / p95 / p99 / max', value: lat(b.ackMs) },
        { metric: 'acked / sent (errors)', value: `${fmt(b.acked)} / ${fmt(b.sent)}${Object.keys(b.errors).length ? ` (${Object.entries(b.errors).map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''}` },
        { metric: 'lost / double-counted', value: tally(b) },
        ...costRows(b.cost, 'burst'),
      ],
    });
  }
  if (f.votesStored?.length) {
    out.push({
      title: 'votes in the database after the run',
      rows: f.votesStored.map((s, i) => ({ metric: `poll ${i + 1}: stored / acked`, value: `${s.stored === null ? '–' : fmt(s.stored)} / ${fmt(s.acked)}` })),
    });
  }
  const c = f.chat;
  if (c) {
    const rr = c.rate;
    out.push({
      title: `chat: ${fmt(rr.ratePerSecond)} msg/s for ${fmt(rr.messages)} messages, room of ${fmt(rr.roomSize)}, ${rr.senders} senders`,
      rows: [
        { metric: 'delivery p50 / p95 / p99 / max', value: lat(rr.deliveryMs), goal: '≤ 600 ms @5k, 20/s', verdict: g.chatP99 },
        { metric: 'delivery, probes only', value: lat(rr.deliveryProbesMs) },
        { metric: 'send→ack p50 / p95 / p99 / max', value: lat(rr.ackMs) },
        { metric: 'acked / sent (errors)', value: `${fmt(rr.acked)} / ${fmt(rr.messages)}${Object.keys(rr.errors).length ? ` (${Object.entries(rr.errors).map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''}` },
        { metric: 'deliveries lost / duplicated', value: `${fmt(rr.lost)} / ${fmt(rr.duplicated)}` },
        { metric: 'CPU per delivery: server / PostgreSQL+Redis', value: perOp({ serverMs: rr.cpuPerDelivery.serverMicros, storeMs: rr.cpuPerDelivery.storeMicros }, 'µs') },
        ...(rr.byNode.length > 1 ? [{ metric: 'delivered / expected per node', value: rr.byNode.map((n) => `${fmt(n.delivered)}/${fmt(n.expected)}`).join('  ') }] : []),
        ...costRows(rr.cost, 'chat'),
      ],
    });
    const fl = c.flood;
    if (fl) {
      const ceil = f.ceiling?.deliveriesPerSecond ?? null;
      const cpuPerDelivery = fl.cpuPerDelivery.serverMicros;
      out.push({
        title: `fan-out: ${fmt(fl.messages)} messages posted at once to a room of ${fmt(fl.roomSize)}`,
        rows: [
          { metric: 'deliveries per second', value: fmt(fl.deliveriesPerSecond) },
          { metric: 'share of the raw ws ceiling', value: ceil ? `${fmt((fl.deliveriesPerSecond / ceil) * 100, '%', 1)}` : '–' },
          { metric: 'messages stored per second', value: fmt(fl.storedPerSecond) },
          { metric: 'server CPU per delivery (raw ws)', value: `${cpuPerDelivery === null ? '–' : fmt(cpuPerDelivery, 'µs', 2)} (${f.ceiling?.serverCpuMicrosPerDelivery == null ? '–' : fmt(f.ceiling.serverCpuMicrosPerDelivery, 'µs', 2)})` },
          { metric: 'delivery p50 / p95 / p99 / max', value: lat(fl.deliveryMs) },
          { metric: 'deliveries lost / duplicated', value: `${fmt(fl.lost)} / ${fmt(fl.duplicated)}` },
          ...costRows(fl.cost, 'flood'),
        ],
      });
    }
  }
  const s = f.reconnect;
  if (s) {
    out.push({
      title: `reconnect storm: ${fmt(s.clients)} clients, every node killed and restarted`,
      rows: [
        { metric: 'back and resynced within 10 s of the restart', value: fmt(s.within10sOfRestart * 100, '%', 1), goal: '≥ 95 % of 10,000', verdict: g.reconnectStorm },
        { metric: 'within 10 s of the server answering again', value: fmt(s.within10sOfReady * 100, '%', 1) },
        { metric: 'since restart p50 / p95 / p99 / max', value: lat(s.sinceRestartMs) },
        { metric: 'server boot (spawn → /api/health)', value: fmt(s.bootSeconds, 's') },
        { metric: 'resynced / dropped / failed', value: `${fmt(s.resynced)} / ${fmt(s.dropped)} / ${fmt(s.failed)}${s.failed ? ` (${Object.entries(s.failures).map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''}` },
        { metric: 'reconnects per second (first to last); attempts', value: `${fmt(s.reconnectsPerSecond)}; ${fmt(s.attempts)}` },
        { metric: 'CPU per client back: server / PostgreSQL+Redis', value: perOp(s.cpuPerResync) },
        ...costRows(s.cost, 'storm'),
      ],
    });
  }
  if (f.run.nodes > 1) {
    out.push({
      title: 'across nodes',
      rows: [{ metric: 'same poll results and chat on every node', value: g.acrossNodes === 'met' ? 'yes' : 'NO', goal: 'same', verdict: g.acrossNodes }],
    });
  }
  for (const [i, pr] of (f.profiles ?? []).entries()) {
    out.push({
      title: `server CPU profile ${i + 1} (${fmt(pr.seconds, 's')}, busy ${fmt(pr.busy * 100, '%', 0)}): shares of busy time by package, then by function`,
      rows: [
        ...pr.byPackage.map((x) => ({ metric: x.name.slice(0, 90), value: fmt(x.share * 100, '%', 1) })),
        ...pr.byFunction.map((x) => ({ metric: `  ${x.name.slice(0, 88)}`, value: fmt(x.share * 100, '%', 1) })),
      ],
    });
  }
  if (f.errors.length) out.push({ title: 'errors', rows: f.errors.map((e) => ({ metric: e.scenario, value: e.message.split('\n')[0]!.slice(0, 120) })) });
  return out;
}
