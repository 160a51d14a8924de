// Two Samling processes on different ports, one PostgreSQL database and one Redis: what happens on one node
// reaches people on the other.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, toZoned } from '@samling/protocol';
import { backends } from './harness.ts';
import { collect, connectTo, disconnected, next, ok, type ClientSocket } from './realtime-harness.ts';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

interface Node { url: string; process: ChildProcess; output: string[] }

async function startNode(env: Record<string, string>): Promise<Node> {
  const port = await freePort();
  const child = spawn(path.join(serverDir, 'node_modules/.bin/tsx'), ['src/main.ts'], {
    cwd: serverDir,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SAMLING_DEMO: 'false' },
  });
  const output: string[] = [];
  child.stdout!.on('data', (d) => output.push(String(d)));
  child.stderr!.on('data', (d) => output.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, process: child, output };
    } catch {
      // not listening yet
    }
    if (Date.now() > until || child.exitCode !== null) throw new Error(`node did not start:\n${output.join('')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Signs up through one node and returns the session cookie. */
async function account(node: Node, name: string): Promise<{ cookie: string; id: string; email: string }> {
  const email = `person-${randomBytes(4).toString('hex')}@example.se`;
  const res = await fetch(`${node.url}/api/auth/signup`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'correct horse battery', displayName: name }),
  });
  expect(res.status).toBe(201);
  const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
  return { cookie, id: ((await res.json()) as { id: string }).id, email };
}

async function post(node: Node, cookie: string, url: string, body?: unknown) {
  const res = await fetch(`${node.url}${url}`, {
    method: 'POST', headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, unknown>>;
}

describe('two nodes on PostgreSQL and Redis', () => {
  const pg = backends.find((b) => b.name === 'postgresql')!;
  const prefix = `samling-test-${randomBytes(4).toString('hex')}`;
  let storage: Awaited<ReturnType<typeof pg.create>>;
  let a: Node;
  let b: Node;
  const sockets: ClientSocket[] = [];
  const slug = 'klustret';
  let sessionId: string;
  let people: Record<'organiser' | 'moderator' | 'alice' | 'bob', { cookie: string; id: string; email: string }>;

  beforeAll(async () => {
    storage = await pg.create();
    if (storage.database.kind !== 'postgresql') throw new Error('expected PostgreSQL');
    const env = { DATABASE_URL: storage.database.url, REDIS_URL: redisUrl, REDIS_PREFIX: prefix };
    // Both start together: the advisory lock lets only one migrate.
    [a, b] = await Promise.all([startNode(env), startNode(env)]);
    people = {
      organiser: await account(a, 'Organisatör'),
      moderator: await account(b, 'Moderator'),
      alice: await account(a, 'Alice'),
      bob: await account(b, 'Bob'),
    };
    const today = toZoned(new Date(), 'Europe/Stockholm').date;
    await post(a, people.organiser.cookie, '/api/events', { slug, name: 'Klustret', startDate: addDays(today, -1), endDate: addDays(today, 1) });
    sessionId = ((await post(a, people.organiser.cookie, `/api/events/${slug}/sessions`, {
      title: 'Över två noder', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    })).session as { id: string }).id;
    await post(a, people.organiser.cookie, `/api/events/${slug}/members`, { email: people.moderator.email, role: 'moderator' });
    await post(b, people.alice.cookie, `/api/events/${slug}/join`);
    await post(a, people.bob.cookie, `/api/events/${slug}/join`);
  }, 120_000);

  afterAll(async () => {
    for (const s of sockets) s.close();
    for (const n of [a, b]) n?.process.kill('SIGTERM');
    await Promise.all([a, b].map((n) => n && new Promise((r) => (n.process.exitCode !== null ? r(null) : n.process.once('exit', r)))));
    await storage?.destroy();
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  const open = async (node: Node, who: keyof typeof people) => {
    const s = await connectTo(node.url, { slug, cookie: people[who].cookie });
    sockets.push(s);
    return s;
  };

  it('carries session state, chat and viewer counts across nodes, and a ban on one node drops sockets on the other', async () => {
    const modB = await open(b, 'moderator');
    const aliceA = await open(a, 'alice');
    const bobB = await open(b, 'bob');

    const liveOnA = next(aliceA, 'session:statusChanged', (p) => p.sessionId === sessionId && p.status === 'live');
    await ok(modB, 'session:setStatus', { sessionId, status: 'live' });
    await liveOnA;

    const counts = collect(modB, 'presence:counted');
    for (const s of [modB, aliceA, bobB]) await ok(s, 'room:join', { room: sessionId });

    // A message sent on node A arrives on node B.
    const atB = next(bobB, 'chat:posted', (m) => m.text === 'Hej från nod A');
    const sent = await ok(aliceA, 'chat:send', { room: sessionId, id: randomUUID(), text: 'Hej från nod A' });
    expect((await atB).id).toBe(sent.id);
    const atA = next(aliceA, 'chat:posted', (m) => m.text === 'Hej från nod B');
    await ok(bobB, 'chat:send', { room: sessionId, id: randomUUID(), text: 'Hej från nod B' });
    await atA;

    // The viewer count includes both nodes: the moderator on B counts Alice on A.
    const until = Date.now() + 6000;
    while (counts.at(-1)?.viewers !== 3 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(counts.at(-1)).toEqual({ room: sessionId, viewers: 3 });
    const who = await ok(modB, 'presence:list', { room: sessionId });
    expect(who.people.map((p) => p.displayName).sort()).toEqual(['Alice', 'Bob', 'Moderator']);

    // A ban issued on node A disconnects Bob's socket on node B at once.
    const modA = await open(a, 'moderator');
    const bobDropped = disconnected(bobB);
    await ok(modA, 'moderation:ban', { userId: people.bob.id, reason: 'Spam' });
    expect(await bobDropped).toBe('io server disconnect');
    await expect(connectTo(b.url, { slug, cookie: people.bob.cookie })).rejects.toMatchObject({ data: { code: 'BANNED' } });
    await expect(connectTo(a.url, { slug, cookie: people.bob.cookie })).rejects.toMatchObject({ data: { code: 'BANNED' } });

    // And the count follows: Bob is gone from both nodes' sum.
    const until2 = Date.now() + 6000;
    while (counts.at(-1)?.viewers !== 2 && Date.now() < until2) await new Promise((r) => setTimeout(r, 100));
    expect(counts.at(-1)?.viewers).toBe(2);
  });
});
