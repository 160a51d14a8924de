import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.ts';
import type { Config } from '../config.ts';
import { applyMigrations } from './migrations.ts';

export type Prisma = PrismaClient;

/** An open, migrated database with the one Prisma client the app uses. */
export interface Database {
  kind: 'pglite' | 'postgresql';
  prisma: PrismaClient;
  appliedMigrations: string[];
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

// Any number works as long as every node uses the same one: it serialises migrations across nodes starting together.
const MIGRATION_LOCK = 7_283_401;

export async function openDatabase(config: Config['database']): Promise<Database> {
  if (config.kind === 'pglite') {
    fs.mkdirSync(config.dataDir, { recursive: true });
    const db = await PGlite.create(path.join(config.dataDir, 'pglite'));
    const appliedMigrations = await applyMigrations({
      exec: async (sql) => { await db.exec(sql); },
      query: async (sql, params) => (await db.query(sql, params)).rows as never,
    });
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
    return {
      kind: 'pglite',
      prisma,
      appliedMigrations,
      ping: async () => { await db.query('SELECT 1'); },
      close: async () => { await prisma.$disconnect(); await db.close(); },
    };
  }

  const client = new pg.Client({ connectionString: config.url });
  await client.connect();
  let appliedMigrations: string[];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    appliedMigrations = await applyMigrations({
      exec: async (sql) => { await client.query(sql); },
      query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
    });
  } finally {
    await client.end();
  }
  const pool = new pg.Pool({ connectionString: config.url, max: 10 });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  // The health check has a connection of its own: with the pool busy (a reconnect storm), it still answers at once.
  const health = new pg.Pool({ connectionString: config.url, max: 1, idleTimeoutMillis: 60_000 });
  return {
    kind: 'postgresql',
    prisma,
    appliedMigrations,
    ping: async () => { await health.query('SELECT 1'); },
    close: async () => { await prisma.$disconnect(); await pool.end(); await health.end(); },
  };
}
