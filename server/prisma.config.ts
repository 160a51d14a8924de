import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'prisma/config';

const here = path.dirname(fileURLToPath(import.meta.url));

// The schema-engine binary cannot be downloaded on our machines. `prisma generate` only needs a stand-in;
// migrations are created by server/scripts/migrate-create.ts (WASM engine) and applied by the server itself.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(here, '../prisma/tools/no-schema-engine.sh');

export default defineConfig({
  schema: path.join(here, '../prisma/schema.prisma'),
  migrations: { path: path.join(here, '../prisma/migrations') },
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
