// Reconnect storm: every node is killed (SIGKILL) and started again; every attendee reconnects with the web
// client's backoff and re-joins the room (a snapshot, i.e. resynced). Measures how many are back, and when,
// counted from the restart (the new process spawned) and from the moment it answered again.
import { performance } from 'node:perf_hooks';
import type { Attendee } from '../clients/attendee.ts';
import { waitFor, type Ctx } from '../context.ts';
import { perOperation, type PhaseCost } from '../meter.ts';
import { Latency, shareWithin, type LatencySummary } from '../stats.ts';

export interface ReconnectFigures {
  clients: number;
  dropped: number;
  resynced: number;
  recovered: number;
  failed: number;
  failures: Record<string, number>;
  /** Seconds from kill to the new process spawned, and to it answering /api/health. */
  restartSeconds: number;
  bootSeconds: number;
  /** Share of clients back and resynced within 10 s of the restart (spawn), and of the server answering. */
  within10sOfRestart: number;
  within10sOfReady: number;
  /** Reconnect attempts made (each after its backoff), refused ones included. */
  attempts: number;
  sinceRestartMs: LatencySummary;
  sinceReadyMs: LatencySummary;
  reconnectsPerSecond: number | null;
  cost: PhaseCost;
  /** CPU per client back in the room (ms), refused and timed-out attempts included: the server's, the database's. */
  cpuPerResync: { serverMs: number | null; storeMs: number | null };
}

export async function reconnectStorm(ctx: Ctx): Promise<ReconnectFigures | null> {
  const { target, opts, router } = ctx;
  if (!target.canRestart) return null;
  const everyone: Attendee[] = [...ctx.attendees.filter((a) => a.online), ctx.moderator];
  const clients = everyone.length;
  ctx.log(`reconnect storm: killing ${target.nodes.length} node(s) with ${clients} clients connected`);
  const until = performance.now() + (opts.stormTimeout + 30) * 1000;
  for (const a of everyone) a.keepAlive({ baseMs: opts.reconnectBaseMs, capMs: opts.reconnectCapMs, until }, [target.sessionId]);

  const back = new Map<Attendee, { at: number; recovered: boolean }>();
  const failures: Record<string, number> = {};
  let dropped = 0;
  let attempts = 0;
  router.hooks = {
    offline: () => void dropped++,
    attempt: () => void attempts++,
    online: (a, info) => {
      if (!info.first) back.set(a, { at: info.at, recovered: info.recovered });
    },
    failed: (_a, reason) => {
      failures[reason] = (failures[reason] ?? 0) + 1;
    },
  };

  const { killedAt, spawnedAt, readyAt } = await target.restart();
  const cost0 = await ctx.meter.begin();
  ctx.log(`reconnect storm: server back after ${((readyAt - killedAt) / 1000).toFixed(1)} s; waiting for clients`);
  await waitFor(() => back.size >= clients || Object.values(failures).reduce((a, b) => a + b, 0) + back.size >= clients, opts.stormTimeout * 1000, 50);
  const cost = await ctx.meter.end(cost0);
  router.hooks = {};

  const sinceRestart = [...back.values()].map((b) => b.at - spawnedAt);
  const sinceReady = [...back.values()].map((b) => b.at - readyAt);
  const h1 = new Latency();
  const h2 = new Latency();
  sinceRestart.forEach((x) => h1.record(Math.max(0, x)));
  sinceReady.forEach((x) => h2.record(Math.max(0, x)));
  const times = [...back.values()].map((b) => b.at).sort((a, b) => a - b);
  const span = times.length > 1 ? (times.at(-1)! - times[0]!) / 1000 : null;
  return {
    clients,
    dropped,
    resynced: back.size,
    recovered: [...back.values()].filter((b) => b.recovered).length,
    failed: Object.values(failures).reduce((a, b) => a + b, 0),
    failures,
    restartSeconds: (spawnedAt - killedAt) / 1000,
    bootSeconds: (readyAt - spawnedAt) / 1000,
    within10sOfRestart: shareWithin(sinceRestart, 10_000, clients),
    within10sOfReady: shareWithin(sinceReady, 10_000, clients),
    attempts,
    sinceRestartMs: h1.summary(),
    sinceReadyMs: h2.summary(),
    reconnectsPerSecond: span ? times.length / span : null,
    cost,
    cpuPerResync: perOperation(cost, back.size),
  };
}
