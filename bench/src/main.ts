// `npm run bench [-- options]`: drives a Samling server with simulated attendees, prints a table and, last, one
// JSON line with the figures. Without options it starts its own server (embedded PGlite) and runs every scenario
// at a small size. See BENCHMARKS.md for the method.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Router } from './clients/attendee.ts';
import { Probe } from './clients/probe.ts';
import { cleanup, installExitHandlers } from './cleanup.ts';
import { UsageError, usage } from './cli.ts';
import type { Ctx } from './context.ts';
import { Meter } from './meter.ts';
import { parseOptions, specs, type Options } from './options.ts';
import { findProfiles, summariseProfile } from './profile.ts';
import { goals, sections, type RunFigures } from './report.ts';
import { ceiling } from './scenarios/ceiling.ts';
import { chat } from './scenarios/chat.ts';
import { pollBurst } from './scenarios/poll.ts';
import { ramp } from './scenarios/ramp.ts';
import { reconnectStorm } from './scenarios/reconnect.ts';
import { renderTable } from './table.ts';
import { machineCpu, stores as storeProcesses } from './target/metrics.ts';
import { medianOf } from './stats.ts';
import { hasTaskset } from './target/server-node.ts';
import { openTarget, type Target } from './target/target.ts';

const INTRO = `Samling load harness

  npm run bench                          every scenario, small, against a server it starts (embedded PGlite)
  npm run bench -- --attendees 10k       the same at 10,000 attendees
  npm run bench -- --db postgres         the server on PostgreSQL (a database of its own, dropped afterwards)
  npm run bench -- --nodes 2             two nodes with PostgreSQL and Redis
  npm run bench -- --url http://127.0.0.1:3000 --database-url postgresql://…   a running server

Options:`;

function openFiles(): number {
  try {
    const m = /Max open files\s+(\d+|unlimited)/.exec(fs.readFileSync('/proc/self/limits', 'utf8'));
    return m?.[1] === 'unlimited' ? Infinity : Number(m?.[1] ?? Infinity);
  } catch {
    return Infinity;
  }
}

async function main(): Promise<number> {
  const startedAt = new Date();
  const t0 = performance.now();
  let opts: Options;
  try {
    opts = parseOptions(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`bench: ${err.message}\n\n${usage(specs, INTRO)}`);
    return 2;
  }
  if (opts.help) {
    console.log(usage(specs, INTRO));
    return 0;
  }
  installExitHandlers();
  const log = (msg: string) => {
    if (!opts.quiet) console.error(`[bench ${((performance.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${msg}`);
  };

  // The harness on CPU 1, the server on CPU 0: neither steals the other's core.
  const pin = opts.pin && hasTaskset() && os.cpus().length >= 2;
  if (pin) spawnSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });

  // Every connection is a file descriptor here, and on the server.
  const nofile = openFiles();
  if (opts.attendees + 200 > nofile) {
    console.error(`bench: ${opts.attendees} connections need more open files than allowed here (ulimit -n is ${nofile}); raise it (ulimit -n) or lower --attendees`);
    return 2;
  }

  const runs: RunFigures[] = [];
  for (let i = 0; i < opts.repeat; i++) {
    if (opts.repeat > 1) log(`run ${i + 1} of ${opts.repeat}`);
    const run = await runOnce(opts, { log, pin, nofile });
    runs.push(run);
    // Each run's figures as soon as it ends, so a long series keeps what it measured whatever happens later.
    if (opts.repeat > 1) console.error(`[bench] run ${i + 1} figures: ${JSON.stringify(run)}`);
  }
  // Several runs: every figure is the median of the runs' (verdicts are judged on the medians).
  const figures = runs.length === 1 ? runs[0]! : { ...(medianOf(runs) as RunFigures), errors: runs.flatMap((r) => r.errors) };
  const g = goals(figures);
  const out = {
    ...figures,
    goals: g,
    repeat: runs.length,
    ...(runs.length > 1 ? { runs } : {}),
    startedAt: startedAt.toISOString(),
    durationSeconds: Math.round((performance.now() - t0) / 100) / 10,
    argv: process.argv.slice(2).filter((a, i) => i > 0 || a !== '--'),
  };
  console.log(renderTable(sections(figures, g)));
  if (runs.length > 1) console.log(`(median of ${runs.length} runs)`);
  console.log(JSON.stringify(out));
  return figures.errors.length ? 1 : 0;
}

async function runOnce(opts: Options, env: { log(msg: string): void; pin: boolean; nofile: number }): Promise<RunFigures> {
  const { log, pin, nofile } = env;
  const scenarios = new Set(opts.scenarios);
  // Polls, chat and the storm happen in a room full of people: the ramp fills it.
  if (['poll', 'chat', 'reconnect'].some((s) => scenarios.has(s))) scenarios.add('ramp');

  const figures: RunFigures = {
    run: { mode: '', nodes: opts.url ? 1 : opts.nodes, attendees: opts.attendees },
    errors: [],
  };
  const router = new Router();
  let target: Target | null = null;
  let ctx: Ctx | null = null;
  const attempt = async <T>(name: string, fn: () => Promise<T>): Promise<T | null> => {
    try {
      return await fn();
    } catch (err) {
      const e = err as Error;
      log(`${name} failed: ${e.stack ?? e.message}`);
      figures.errors.push({ scenario: name, message: e.message });
      return null;
    }
  };

  try {
    target = await openTarget({
      url: opts.url,
      serverDir: opts.serverDir,
      db: opts.db as 'pglite' | 'postgres',
      nodes: opts.nodes,
      pgUrl: opts.pgUrl,
      redisUrl: opts.redisUrl,
      databaseUrl: opts.databaseUrl,
      event: opts.event,
      moderatorEmail: opts.moderatorEmail,
      moderatorPassword: opts.moderatorPassword,
      metricsToken: opts.metricsToken,
      serverPid: opts.serverPid,
      pin,
      serverLogLevel: opts.serverLogLevel,
      keep: opts.keep,
      profile: opts.profile,
      people: opts.attendees,
      log,
    });
    const t = target;
    figures.run = {
      ...figures.run,
      mode: t.mode,
      description: t.description,
      nodes: t.urls.length,
      pinned: t.pinned,
      seeded: t.people.length,
      seedMethod: t.seed.method,
      seedSeconds: t.seed.seconds,
      nofile: Number.isFinite(nofile) ? nofile : 'unlimited',
      cpus: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
      node: process.version,
      metrics: t.metrics.map((m) => m?.kind ?? null),
      serverDir: opts.serverDir,
      tempDir: opts.keep ? t.tempDir : null,
    };
    const meter = new Meter(() => t.metrics);
    meter.start();
    const whole = {
      at: performance.now(),
      machine: machineCpu(),
      harness: process.cpuUsage(),
      stores: storeProcesses.read(),
      server: t.nodes.reduce((s, n) => s + n.cpuSeconds(), 0),
    };
    const moderator = new Probe(-1, 0, { baseUrl: t.urls[0]!, slug: t.slug, cookie: t.moderatorCookie }, router, 'moderator');
    await moderator.connect(30_000);
    const joined = await moderator.call('room:join', { room: t.sessionId });
    if (!joined.ok) throw new Error(`the moderator could not join the room: ${joined.error.code} ${joined.error.message}`);
    await moderator.settle(true, performance.now());
    ctx = { opts, target: t, router, meter, attendees: [], probes: [], moderator, figures: {}, sections: [], log };
    const c = ctx;

    if (scenarios.has('ceiling')) figures.ceiling = await attempt('ceiling', () => ceiling(c));
    if (scenarios.has('ramp')) figures.ramp = await attempt('ramp', () => ramp(c));
    const roomReady = (figures.ramp?.connected ?? 0) > 0;
    if (scenarios.has('poll') && roomReady) figures.poll = await attempt('poll', () => pollBurst(c));
    if (scenarios.has('chat') && roomReady) figures.chat = await attempt('chat', () => chat(c, true));
    if (scenarios.has('reconnect') && roomReady) {
      if (t.canRestart) figures.reconnect = await attempt('reconnect', () => reconnectStorm(c));
      else log('reconnect storm skipped: the harness cannot restart a server it did not start');
    }
    meter.stop();
    {
      const seconds = (performance.now() - whole.at) / 1000;
      const h = process.cpuUsage(whole.harness);
      const harness = (h.user + h.system) / 1e6;
      const stores = storeProcesses.read() - whole.stores;
      const server = t.nodes.length ? t.nodes.reduce((s, n) => s + n.cpuSeconds(), 0) - whole.server : null;
      const busy = machineCpu().busy - whole.machine.busy;
      figures.machine = {
        seconds,
        harnessCpu: harness / seconds,
        serverCpu: server === null ? null : server / seconds,
        storeCpu: stores / seconds,
        otherCpu: server === null ? null : Math.max(0, (busy - harness - server - stores) / seconds),
      };
    }
    for (const a of [...c.attendees, moderator]) a.close();

    // Last, as it may stop an embedded server: what the database holds against what was acknowledged.
    const polls = [figures.poll?.window, figures.poll?.burst].filter((p) => p != null);
    if (polls.length) {
      const stored = await attempt('vote count', () => t.countVotes(polls.map((p) => p.pollId)));
      figures.votesStored = polls.map((p) => ({ pollId: p.pollId, acked: p.acked, stored: stored?.get(p.pollId) ?? null }));
    }
  } catch (err) {
    const e = err as Error;
    log(`run failed: ${e.stack ?? e.message}`);
    figures.errors.push({ scenario: 'setup', message: e.message });
  } finally {
    if (ctx) for (const a of [...ctx.attendees, ctx.moderator]) a.close();
    if (opts.profile && target?.tempDir) {
      // Profiles are written as the servers exit cleanly, before the temporary folder goes.
      for (const n of target.nodes) await n.stop();
      figures.profiles = findProfiles(path.join(target.tempDir, 'profiles')).map((f) => summariseProfile(f));
    }
    log('cleaning up');
    await cleanup();
  }
  return figures;
}

main().then(
  (code) => process.exit(code),
  async (err: unknown) => {
    console.error(err);
    await cleanup();
    process.exit(1);
  },
);
