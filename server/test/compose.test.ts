// docker-compose.yml is checked against the Compose specification's schema with dclint; no engine is needed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const composeFile = path.resolve(here, '../../docker-compose.yml');

function dclint(file: string): { ok: boolean; messages: string[] } {
  const r = spawnSync(path.resolve(here, '../node_modules/.bin/dclint'), ['-c', path.join(here, 'dclint.json'), '-f', 'json', file], { encoding: 'utf8' });
  const report = JSON.parse(r.stdout) as { messages: { message: string }[] }[];
  return { ok: r.status === 0, messages: report.flatMap((f) => f.messages.map((m) => m.message)) };
}

describe('docker-compose.yml', () => {
  it('is valid against the Compose schema', () => {
    expect(dclint(composeFile)).toEqual({ ok: true, messages: [] });
  });

  it('describes PostgreSQL, Redis, two server replicas on them, and a TURN server', () => {
    const compose = parse(fs.readFileSync(composeFile, 'utf8'));
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['postgres', 'redis', 'server', 'turn']));
    expect(compose.services.server.deploy.replicas).toBe(2);
    expect(compose.services.server.environment.DATABASE_URL).toMatch(/^postgresql:\/\/.*@postgres:5432\//);
    expect(compose.services.server.environment.REDIS_URL).toBe('redis://redis:6379');
  });

  it('the check itself catches a broken file', () => {
    const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'compose-')), 'docker-compose.yml');
    fs.writeFileSync(bad, 'services:\n  server:\n    imagee: samling\n');
    expect(dclint(bad).ok).toBe(false);
  });
});
