// The server as `npm start` runs it: a real process on a fresh embedded database.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

describe('the server process', () => {
  it('starts on an empty data folder, creates the demo with a printed password, serves, and stops cleanly on SIGTERM', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-proc-'));
    const port = await freePort();
    const child = spawn(path.join(serverDir, 'node_modules/.bin/tsx'), ['src/main.ts'], {
      cwd: serverDir,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SAMLING_DATA_DIR: dataDir, LOG_LEVEL: 'info', SAMLING_DEMO_PASSWORD: '', DATABASE_URL: '' },
    });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 90_000;
      while (!out.includes('Samling is running') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(out).toContain(`open http://localhost:${port}`);

      const password = out.match(/Their password: (\S+)/)?.[1];
      expect(password).toBeTruthy();
      expect(fs.readFileSync(path.join(dataDir, 'demo-password.txt'), 'utf8').trim()).toBe(password);
      const signin = await fetch(`http://127.0.0.1:${port}/api/auth/signin`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'attendee@samling.test', password }),
      });
      expect(signin.status).toBe(200);
      const health = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(await health.json()).toMatchObject({ status: 'ok', database: 'pglite' });

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(out).toMatch(/shutting down/);
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
