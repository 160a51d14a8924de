#!/usr/bin/env node
// One entry point for people and CI: `npm start` and `npm test` on a machine with only Node 20 and npm.
// It brings pnpm through corepack (pinned in package.json), installs the workspace, generates the Prisma
// client, builds the browser client, and, for tests, installs the system packages the tests drive
// (Chromium, xmllint) from Debian when they are missing.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = {
  ...process.env,
  COREPACK_ENABLE_DOWNLOAD_PROMPT: '0',
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
};
const log = (msg) => console.log(`\x1b[1m[samling]\x1b[0m ${msg}`);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env, ...opts });
  if (r.status !== 0) {
    console.error(`[samling] failed: ${cmd} ${args.join(' ')} (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

const pnpm = (...args) => run('corepack', ['pnpm', ...args]);
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

function setup() {
  log('installing dependencies (pnpm via corepack)');
  pnpm('install', '--frozen-lockfile', '--reporter=append-only');
  mediasoupWorker();
  log('generating the Prisma client');
  pnpm('--filter', '@samling/server', 'run', 'generate');
  log('building the browser client');
  pnpm('--filter', '@samling/client', 'run', 'build');
}

/**
 * The stage's media worker (mediasoup's C++ part), built from the installed package against Debian's libraries
 * into a cache outside node_modules; once built, this is a check of a second. Without it Samling still runs,
 * with live video unavailable, so a failed build is a warning here (the stage tests fail loudly instead).
 */
function mediasoupWorker() {
  log('mediasoup worker for the stage (built once into ~/.cache/samling, 6 to 10 minutes on 2 cores; Debian packages installed when missing and root)');
  const r = spawnSync('sh', [path.join(root, 'scripts/build-mediasoup-worker.sh')], { stdio: 'inherit', cwd: root, env });
  if (r.status !== 0) console.error('[samling] warning: the mediasoup worker is not built; live video stays unavailable until it is (see above)');
}

/** Debian packages the tests drive for real: Chromium for e2e, xmllint for the schedule.xml schema. */
function systemPackages() {
  const wanted = [
    ['chromium', 'chromium'],
    ['xmllint', 'libxml2-utils'],
  ].filter(([cmd]) => !has(cmd)).map(([, pkg]) => pkg);
  if (wanted.length === 0) return;
  if (process.getuid?.() !== 0 || !has('apt-get')) {
    console.error(`[samling] please install: ${wanted.join(' ')} (Debian/Ubuntu: apt-get install ${wanted.join(' ')})`);
    process.exit(1);
  }
  log(`installing ${wanted.join(', ')} with apt-get`);
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-q'], { env: aptEnv });
  run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...wanted], { env: aptEnv });
}

function serve() {
  const child = spawn(path.join(root, 'server/node_modules/.bin/tsx'), ['src/main.ts'], { stdio: 'inherit', cwd: path.join(root, 'server'), env });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

function test() {
  systemPackages();
  setup();
  log('type-checking every package');
  pnpm('-r', '--workspace-concurrency=1', 'run', 'typecheck');
  log('unit and integration tests (PGlite and PostgreSQL)');
  pnpm('--filter', '@samling/protocol', '--filter', '@samling/server', '--filter', '@samling/client', '--workspace-concurrency=1', 'run', 'test');
  log('end-to-end tests in Chromium');
  pnpm('--filter', '@samling/e2e', 'run', 'test');
  log('all tests passed');
}

/** The media benchmark (server/scripts/bench-media.ts): consumers per worker and CPU per consumer, JSON line last. */
function benchMedia() {
  const r = spawnSync('corepack', ['pnpm', '--silent', '--filter', '@samling/server', 'exec', 'tsx', 'scripts/bench-media.ts', ...process.argv.slice(3)], { stdio: 'inherit', cwd: root, env });
  process.exit(r.status ?? 1);
}

/** The load harness (bench/): its own output ends with the JSON line, so nothing is printed after it. */
function bench() {
  const r = spawnSync('corepack', ['pnpm', '--silent', '--filter', '@samling/bench', 'run', 'bench', '--', ...process.argv.slice(3)], { stdio: 'inherit', cwd: root, env });
  process.exit(r.status ?? 1);
}

const command = process.argv[2];
switch (command) {
  case 'setup': setup(); break;
  case 'start': setup(); serve(); break;
  case 'serve': serve(); break;
  case 'test': test(); break;
  case 'bench': setup(); bench(); break;
  case 'bench:media': setup(); benchMedia(); break;
  default:
    console.error('usage: node scripts/samling.mjs setup|start|serve|test|bench|bench:media');
    process.exit(2);
}
