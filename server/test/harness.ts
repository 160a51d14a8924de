// Starts the real app on a real database for integration tests: embedded PGlite in a temporary folder,
// or a fresh database on the PostgreSQL server (TEST_DATABASE_URL, default the local one), dropped afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/database.ts';

export const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface Backend {
  name: 'pglite' | 'postgresql';
  /** Creates empty storage and returns the database config pointing at it, and how to remove it. */
  create(): Promise<{ database: Config['database']; destroy(): Promise<void> }>;
}

export const backends: Backend[] = [
  {
    name: 'pglite',
    async create() {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-test-'));
      return { database: { kind: 'pglite', dataDir }, destroy: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'postgresql',
    async create() {
      const name = `samling_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return {
        database: { kind: 'postgresql', url: url.toString() },
        destroy: async () => {
          const c = new pg.Client({ connectionString: adminUrl });
          await c.connect();
          await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
          await c.end();
        },
      };
    },
  },
];

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  config: Config;
  close(): Promise<void>;
}

export async function startApp(backend: Backend, env: Record<string, string> = {}): Promise<TestApp> {
  const storage = await backend.create();
  const config: Config = { ...loadConfig({ LOG_LEVEL: 'silent', PUBLIC_URL: 'http://samling.test', ...env }), database: storage.database, prettyLogs: false };
  const db = await openDatabase(config.database);
  const app = await buildApp(config, db);
  await app.ready();
  return {
    app, db, config,
    close: async () => {
      await app.close();
      await db.close().catch(() => {});
      await storage.destroy();
    },
  };
}

/** A person using the API through a cookie jar of one cookie. */
export class Client {
  cookie: string | undefined;
  constructor(private readonly app: FastifyInstance) {}

  async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method: method as 'GET',
      url,
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const set = res.cookies.find((c) => c.name === 'samling_session');
    if (set) this.cookie = set.value ? `samling_session=${set.value}` : undefined;
    return res;
  }
  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body);
  patch = (url: string, body?: unknown) => this.request('PATCH', url, body);
  put = (url: string, body?: unknown) => this.request('PUT', url, body);
  del = (url: string) => this.request('DELETE', url);
}

let counter = 0;
/** Signs up a fresh account and returns a client holding its cookie. */
export async function signedUp(app: FastifyInstance, name = 'Test Person'): Promise<Client & { email: string }> {
  const c = new Client(app) as Client & { email: string };
  c.email = `person${++counter}-${randomBytes(3).toString('hex')}@example.se`;
  const res = await c.post('/api/auth/signup', { email: c.email, password: 'correct horse battery', displayName: name });
  if (res.statusCode !== 201) throw new Error(`signup failed: ${res.body}`);
  return c;
}

/** Starts the app listening on an ephemeral loopback port (for real Socket.IO clients) and returns its base URL. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening on a TCP port');
  return `http://127.0.0.1:${address.port}`;
}
