// The server under test: one the harness starts (embedded PGlite, PostgreSQL, or two nodes with PostgreSQL and
// Redis), or one already running (--url). Either way the scenarios get URLs, a live session, a moderator and
// attendees with session cookies.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { Redis } from 'ioredis';
import { api, buildPath, type Agenda } from '@samling/protocol';
import { onCleanup } from '../cleanup.ts';
import { HttpMetrics, ProcMetrics, type MetricsSource } from './metrics.ts';
import { countVotesPglite, countVotesPostgres, seedPglite, seedPostgres, sessionCookie, signUpPeople, type Person } from './seed.ts';
import { defaultServerDir, freePort, hasTaskset, ServerNode } from './server-node.ts';

export const DEMO_SLUG = 'smart-industri-dagarna-2026';

export interface TargetOptions {
  url: string | null;
  serverDir: string | null;
  db: 'pglite' | 'postgres';
  nodes: number;
  pgUrl: string;
  redisUrl: string;
  databaseUrl: string | null;
  event: string;
  moderatorEmail: string;
  moderatorPassword: string | null;
  metricsToken: string | null;
  serverPid: number | null;
  pin: boolean;
  serverLogLevel: string;
  keep: boolean;
  profile: boolean;
  /** How many attendees to create. */
  people: number;
  log(msg: string): void;
}

export interface Target {
  mode: 'embedded' | 'postgres' | 'cluster' | 'external';
  description: string;
  urls: string[];
  nodes: ServerNode[];
  /** Per node; null where nothing can be measured. */
  metrics: (MetricsSource | null)[];
  slug: string;
  sessionId: string;
  moderatorCookie: string;
  people: Person[];
  seed: { method: 'database' | 'sign-up'; seconds: number };
  pinned: boolean;
  canRestart: boolean;
  /** Kills every node (SIGKILL) and starts them again; `readyAt` is when all listen again (performance.now()). */
  restart(): Promise<{ killedAt: number; spawnedAt: number; readyAt: number }>;
  /** Stored votes per poll, or null when the database is out of reach. May stop an embedded server: call last. */
  countVotes(pollIds: string[]): Promise<Map<string, number> | null>;
  tempDir: string | null;
}

const isLoopback = (u: string) => {
  const host = new URL(u).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
};

export async function openTarget(o: TargetOptions): Promise<Target> {
  for (const [name, u] of [['--url', o.url], ['--database-url', o.databaseUrl], ['--pg-url', o.pgUrl], ['--redis-url', o.redisUrl]] as const) {
    if (u && !isLoopback(u)) throw new Error(`${name} must point at this machine (loopback only): ${u}`);
  }
  return o.url ? external(o, o.url) : spawned(o);
}

async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(baseUrl + api.signIn.path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
    signal: AbortSignal.timeout(60_000),
  });
  if (!res.ok) throw new Error(`signing in as ${email}: HTTP ${res.status} ${await res.text()}`);
  return sessionCookie(res);
}

/** The first session of the agenda, set live so attendees may chat. */
async function liveSession(baseUrl: string, slug: string, cookie: string): Promise<string> {
  const res = await fetch(baseUrl + buildPath(api.getAgenda.path, { slug }), { headers: { cookie }, signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`reading the agenda of ${slug}: HTTP ${res.status}`);
  const agenda = (await res.json()) as Agenda;
  const session = [...agenda.sessions].sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
  if (!session) throw new Error(`the event ${slug} has no session`);
  if (session.status !== 'live') {
    const patch = await fetch(baseUrl + buildPath(api.updateSession.path, { slug, id: session.id }), {
      method: 'PATCH',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'live' }),
      signal: AbortSignal.timeout(30_000),
    });
    if (!patch.ok) throw new Error(`setting session ${session.id} live: HTTP ${patch.status} ${await patch.text()}`);
  }
  return session.id;
}

async function external(o: TargetOptions, url: string): Promise<Target> {
  const baseUrl = url.replace(/\/$/, '');
  const password = o.moderatorPassword;
  if (!password) throw new Error('--url needs the moderator password: --moderator-password or SAMLING_DEMO_PASSWORD');
  const moderatorCookie = await signIn(baseUrl, o.moderatorEmail, password);
  const sessionId = await liveSession(baseUrl, o.event, moderatorCookie);
  const tag = randomBytes(4).toString('hex');
  const t0 = performance.now();
  let people: Person[];
  if (o.databaseUrl) {
    o.log(`writing ${o.people} attendees into the database`);
    people = await seedPostgres(o.databaseUrl, o.event, o.people, tag);
  } else {
    o.log(`signing up ${o.people} attendees through the API (no --database-url; scrypt makes this slow)`);
    people = await signUpPeople(baseUrl, o.event, o.people, tag);
  }
  const seconds = (performance.now() - t0) / 1000;
  const metrics: MetricsSource | null =
    (await HttpMetrics.probe(baseUrl, o.metricsToken)) ?? (o.serverPid ? new ProcMetrics(() => o.serverPid) : null);
  return {
    mode: 'external',
    description: `running server at ${baseUrl}`,
    urls: [baseUrl],
    nodes: [],
    metrics: [metrics],
    slug: o.event,
    sessionId,
    moderatorCookie,
    people,
    seed: { method: o.databaseUrl ? 'database' : 'sign-up', seconds },
    pinned: false,
    canRestart: false,
    restart: () => Promise.reject(new Error('a running server (--url) cannot be restarted by the harness')),
    countVotes: async (ids) => (o.databaseUrl ? countVotesPostgres(o.databaseUrl, ids) : null),
    tempDir: null,
  };
}

async function spawned(o: TargetOptions): Promise<Target> {
  const cluster = o.nodes > 1;
  const usePg = cluster || o.db === 'postgres';
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-bench-'));
  if (!o.keep) onCleanup('temporary folder', () => fs.rmSync(tempDir, { recursive: true, force: true }));
  const tag = randomBytes(4).toString('hex');
  const dataDir = path.join(tempDir, 'data');
  // An embedded database made earlier today (migrated, demo event in) saves creating one: seconds per run.
  const serverDir = path.resolve(o.serverDir ?? defaultServerDir);
  if (!fs.existsSync(path.join(serverDir, 'src/main.ts'))) throw new Error(`no server at ${serverDir} (src/main.ts missing)`);
  const template = usePg ? null : pgliteTemplate(path.dirname(serverDir));
  const fromTemplate = template !== null && fs.existsSync(template.passwordFile);
  const password = fromTemplate ? fs.readFileSync(template.passwordFile, 'utf8').trim() : `bench-${randomBytes(9).toString('base64url')}`;
  if (fromTemplate) fs.cpSync(template.dir, dataDir, { recursive: true });
  const env: Record<string, string> = {
    SAMLING_DEMO: 'true',
    SAMLING_DEMO_PASSWORD: password,
    LOG_LEVEL: o.serverLogLevel,
    SAMLING_DATA_DIR: dataDir,
  };

  let databaseUrl: string | null = null;
  if (usePg) {
    const name = `samling_bench_${tag}`;
    const admin = new pg.Client({ connectionString: o.pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    if (!o.keep) {
      onCleanup(`database ${name}`, async () => {
        const c = new pg.Client({ connectionString: o.pgUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      });
    }
    const u = new URL(o.pgUrl);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    env.DATABASE_URL = databaseUrl;
  }
  if (cluster) {
    const prefix = `bench-${tag}`;
    env.REDIS_URL = o.redisUrl;
    env.REDIS_PREFIX = prefix;
    if (!o.keep) onCleanup(`redis keys ${prefix}:*`, () => deleteRedisKeys(o.redisUrl, prefix));
  }

  const pinned = o.pin && hasTaskset();
  const nodes: ServerNode[] = [];
  for (let i = 0; i < o.nodes; i++) {
    nodes.push(new ServerNode({ index: i, serverDir, port: await freePort(), env, cpus: pinned ? '0' : null, logFile: path.join(tempDir, `server-${i}.log`),
      profileDir: o.profile ? path.join(tempDir, 'profiles') : null }));
  }
  // One at a time: the first start creates the demo event, which the others then find.
  const boot = async () => {
    for (const n of nodes) await n.start();
  };
  const what = `${nodes.length} server node${nodes.length > 1 ? 's' : ''} (${usePg ? 'PostgreSQL' : 'embedded PGlite'}${cluster ? ' + Redis' : ''}${pinned ? ', pinned to CPU 0' : ''})`;

  let people: Person[];
  let seconds: number;
  const pgliteDir = path.join(dataDir, 'pglite');
  if (databaseUrl) {
    o.log(`starting ${what}`);
    await boot();
    const t0 = performance.now();
    o.log(`writing ${o.people} attendees into PostgreSQL`);
    people = await seedPostgres(databaseUrl, DEMO_SLUG, o.people, tag);
    seconds = (performance.now() - t0) / 1000;
  } else {
    // PGlite has one owner: attendees go in while no server runs.
    if (!fromTemplate) {
      o.log(`starting ${what} once to create the database`);
      await boot();
      await nodes[0]!.stop();
      if (template) saveTemplate(template, dataDir, password);
    }
    const t0 = performance.now();
    o.log(`writing ${o.people} attendees into PGlite`);
    people = await seedPglite(pgliteDir, DEMO_SLUG, o.people, tag);
    seconds = (performance.now() - t0) / 1000;
    o.log(`starting ${what}`);
    await boot();
  }

  const baseUrl = nodes[0]!.baseUrl;
  const moderatorCookie = await signIn(baseUrl, 'moderator@samling.test', password);
  const sessionId = await liveSession(baseUrl, DEMO_SLUG, moderatorCookie);

  return {
    mode: cluster ? 'cluster' : usePg ? 'postgres' : 'embedded',
    description: cluster
      ? `${nodes.length} nodes, PostgreSQL and Redis on this machine`
      : usePg ? 'one node, PostgreSQL on this machine' : 'one node, embedded PGlite',
    urls: nodes.map((n) => n.baseUrl),
    nodes,
    metrics: nodes.map((n) => n.metrics),
    slug: DEMO_SLUG,
    sessionId,
    moderatorCookie,
    people,
    seed: { method: 'database', seconds },
    pinned,
    canRestart: true,
    restart: async () => {
      const killedAt = performance.now();
      await Promise.all(nodes.map((n) => n.kill()));
      const spawnedAt = performance.now();
      // The database is made by now: all nodes start together, as after a power cut.
      await Promise.all(nodes.map((n) => n.start(120_000, 'listening')));
      return { killedAt, spawnedAt, readyAt: performance.now() };
    },
    countVotes: async (ids) => {
      if (databaseUrl) return countVotesPostgres(databaseUrl, ids);
      await nodes[0]!.stop();
      return countVotesPglite(pgliteDir, ids);
    },
    tempDir,
  };
}

/**
 * Where today's embedded database template lives: keyed by the migrations, the demo seed and the day (the demo
 * event starts on the day it is created), under node_modules/.cache so it is never committed.
 */
function pgliteTemplate(root: string): { dir: string; passwordFile: string } | null {
  try {
    const h = createHash('sha256');
    const migrations = path.join(root, 'prisma/migrations');
    for (const name of fs.readdirSync(migrations).sort()) {
      const file = path.join(migrations, name, 'migration.sql');
      if (fs.existsSync(file)) h.update(name).update(fs.readFileSync(file));
    }
    for (const f of ['prisma/seed/smart-industri-dagarna-2026.json', 'server/src/modules/demo/demo.seed.ts', 'server/package.json']) {
      h.update(fs.readFileSync(path.join(root, f)));
    }
    h.update(new Date().toISOString().slice(0, 10));
    const dir = path.join(defaultServerDir, '..', 'node_modules/.cache/samling-bench', `pglite-${h.digest('hex').slice(0, 16)}`);
    return { dir, passwordFile: path.join(dir, 'bench-password.txt') };
  } catch {
    return null;
  }
}

/** Copies a freshly created (and cleanly stopped) data folder as the template; the rename makes it appear whole. */
function saveTemplate(t: { dir: string; passwordFile: string }, dataDir: string, password: string): void {
  try {
    const parent = path.dirname(t.dir);
    fs.mkdirSync(parent, { recursive: true });
    // Older templates (other days, other migrations) are not needed any more.
    for (const old of fs.readdirSync(parent)) if (old !== path.basename(t.dir)) fs.rmSync(path.join(parent, old), { recursive: true, force: true });
    const partial = `${t.dir}.${process.pid}.tmp`;
    fs.cpSync(dataDir, partial, { recursive: true });
    fs.writeFileSync(path.join(partial, 'bench-password.txt'), password);
    fs.renameSync(partial, t.dir);
  } catch {
    // Only a cache: the next run creates the database again.
  }
}

async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  try {
    let cursor = '0';
    // Bounded: a prefix of our own has few keys; stop after 10,000 scans whatever happens.
    for (let i = 0; i < 10_000; i++) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
      if (cursor === '0') break;
    }
  } finally {
    await redis.quit().catch(() => {});
  }
}
