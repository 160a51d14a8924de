import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { repoRoot } from '../config.ts';

export const migrationsDir = path.join(repoRoot, 'prisma/migrations');

/** The little a migration runner needs from a connection, so PGlite and PostgreSQL share one runner. */
export interface SqlConnection {
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

/**
 * Applies prisma/migrations/<name>/migration.sql in order, each in its own transaction, and records it in
 * Prisma's own `_prisma_migrations` table, so `prisma migrate deploy` and this runner agree on what is applied.
 * An applied migration whose file has since changed is refused: history is not rewritten silently.
 */
export async function applyMigrations(db: SqlConnection, dir = migrationsDir): Promise<string[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
  const rows = await db.query<{ migration_name: string; checksum: string }>(
    `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const done = new Map(rows.map((r) => [r.migration_name, r.checksum]));
  const names = fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const applied: string[] = [];
  for (const name of names) {
    const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
    const checksum = createHash('sha256').update(sql).digest('hex');
    const known = done.get(name);
    if (known !== undefined) {
      if (known !== checksum) throw new Error(`Migration ${name} was changed after it was applied`);
      continue;
    }
    await db.exec('BEGIN');
    try {
      await db.exec(sql);
      await db.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count) VALUES ($1, $2, $3, now(), 1)`,
        [randomUUID(), checksum, name],
      );
      await db.exec('COMMIT');
    } catch (err) {
      await db.exec('ROLLBACK');
      throw err;
    }
    applied.push(name);
  }
  return applied;
}
