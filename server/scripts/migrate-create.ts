// Creates prisma/migrations/<stamp>_<name>/migration.sql for what schema.prisma has and the migrations lack.
// The existing migrations are replayed into an in-memory PGlite by the server's own runner, then Prisma's
// schema engine (compiled to WebAssembly; the native binary cannot be downloaded here) diffs that database
// against the schema. No PostgreSQL and no shadow database needed.
// Usage: pnpm --filter @samling/server migrate:create <name>   |   migrate:create --check (exit 1 if one is missing)
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { repoRoot } from '../src/config.ts';
import { applyMigrations, migrationsDir } from '../src/db/migrations.ts';
import { loadSchemaEngine, noFilter } from './wasm-schema-engine.ts';

/** The SQL that would bring a database migrated to the last migration up to schema.prisma; empty when none. */
export async function pendingMigrationSql(): Promise<string> {
  const prismaDir = path.join(repoRoot, 'prisma');
  const db = new PGlite();
  try {
    await applyMigrations({ exec: async (sql) => { await db.exec(sql); }, query: async (sql, params) => (await db.query(sql, params)).rows as never });
    const { engine, schemaFiles } = await loadSchemaEngine(path.join(prismaDir, 'schema.prisma'), new PrismaPGlite(db));
    const result = await engine.diff({
      from: { tag: 'schemaDatasource', ...schemaFiles, configDir: prismaDir },
      to: { tag: 'schemaDatamodel', ...schemaFiles },
      script: true,
      exitCode: null,
      filters: noFilter,
    });
    engine.free?.();
    const sql: string = result.stdout ?? '';
    return sql.includes('empty migration') ? '' : sql.trim();
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = process.argv[2] ?? 'migration';
  const sql = await pendingMigrationSql();
  if (!sql) {
    console.log('schema.prisma and the migrations agree: nothing to create');
  } else if (arg === '--check') {
    console.error(`schema.prisma has changes no migration covers:\n${sql}`);
    process.exitCode = 1;
  } else {
    const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
    const dir = path.join(migrationsDir, `${stamp}_${arg.replace(/[^a-z0-9_]/gi, '_')}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'migration.sql'), `${sql}\n`);
    console.log('created', path.relative(process.cwd(), dir));
  }
}
