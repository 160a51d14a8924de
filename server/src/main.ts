import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { buildApp } from './app.ts';
import { seedDemo, demoAccounts } from './modules/demo/demo.seed.ts';

const config = loadConfig();
const db = await openDatabase(config.database);
const app = await buildApp(config, db);
const log = app.log;
log.info({ database: db.kind, applied: db.appliedMigrations }, 'database ready');

if (config.seedDemo) {
  const demo = await seedDemo(db.prisma, app.services, {
    password: config.demoPassword,
    dataDir: config.database.kind === 'pglite' ? config.database.dataDir : undefined,
  });
  if (demo.created) {
    const lines = [
      `Demo event created: ${config.publicUrl}/e/${demo.slug}`,
      `Demo accounts: ${demoAccounts.map((a) => a.email).join(', ')}`,
      config.demoPassword ? 'Their password: SAMLING_DEMO_PASSWORD' : `Their password: ${demo.password}${demo.passwordFile ? `  (also in ${demo.passwordFile})` : ''}`,
    ];
    console.log(`\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
  } else if (demo.passwordFile) {
    log.info(`demo accounts' password is in ${demo.passwordFile}`);
  }
}

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  log.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  try {
    await app.close();
    await db.close();
    process.exit(0);
  } catch (err) {
    log.error({ err }, 'shutdown failed');
    process.exit(1);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

await app.listen({ port: config.port, host: config.host });
console.log(`\n  Samling is running: open ${config.publicUrl}\n`);
