// Prisma's schema engine, compiled to WebAssembly, driven through a driver adapter.
// The native schema-engine binary cannot be downloaded here; this is how migrations get created.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

const require = createRequire(import.meta.url);

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

export async function loadSchemaEngine(schemaPath: string, factory: SqlMigrationAwareDriverAdapterFactory) {
  const runtime = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const wasmPath = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), 'schema_engine_bg.wasm');
  // Node 20 cannot import .wasm modules; instantiate by hand.
  const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const instance = new wasm.Instance(new wasm.Module(fs.readFileSync(wasmPath)), { './schema_engine_bg.js': runtime });
  runtime.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  const content = fs.readFileSync(schemaPath, 'utf8');
  const engine = await runtime.SchemaEngine.new(
    { datamodels: [[schemaPath, content]] },
    (log: string) => { if (process.env.SE_DEBUG) console.error('[schema-engine]', log); },
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  return { engine, schemaFiles: { files: [{ path: schemaPath, content }] } };
}

export function listMigrations(migrationsDir: string) {
  const dirs = fs.existsSync(migrationsDir)
    ? fs.readdirSync(migrationsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((name) => {
      const p = path.join(migrationsDir, name, 'migration.sql');
      return {
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: fs.existsSync(p) ? { tag: 'ok' as const, value: fs.readFileSync(p, 'utf8') } : { tag: 'error' as const, value: 'missing' },
        },
      };
    }),
  };
}

export const noFilter = { externalTables: [], externalEnums: [] };
