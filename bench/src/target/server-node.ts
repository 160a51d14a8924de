// A Samling server the harness starts, pinned to its own core when it can be, with server-probe.mjs preloaded.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { IpcMetrics, readProc } from './metrics.ts';
import { onCleanup } from '../cleanup.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const defaultServerDir = path.join(repoRoot, 'server');
const probeModule = new URL('./server-probe.mjs', import.meta.url).href;

export const hasTaskset = () => spawnSync('sh', ['-c', 'command -v taskset'], { stdio: 'ignore' }).status === 0;

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface NodeOptions {
  index: number;
  /** The server package: its src/main.ts is started with its own node_modules. */
  serverDir: string;
  port: number;
  env: Record<string, string>;
  /** CPU list for taskset, e.g. "0"; null to leave placement to the kernel. */
  cpus: string | null;
  logFile: string;
  /** Where `node --cpu-prof` writes a profile when the process exits cleanly; null for none. */
  profileDir: string | null;
}

export class ServerNode {
  child: ChildProcess | null = null;
  readonly metrics: IpcMetrics;
  readonly baseUrl: string;
  /** When the last start began and when it answered /api/health. */
  startedAt = 0;
  readyAt = 0;
  private exited: Promise<void> = Promise.resolve();
  /** CPU seconds of earlier processes of this node (before restarts). */
  private cpuBefore = 0;

  constructor(readonly o: NodeOptions) {
    this.baseUrl = `http://127.0.0.1:${o.port}`;
    this.metrics = new IpcMetrics(() => this.child);
    onCleanup(`server node ${o.index}`, () => this.stop());
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  /** CPU seconds this node has used, over all its processes so far. */
  cpuSeconds(): number {
    const pid = this.pid;
    return this.cpuBefore + ((pid && readProc(pid)?.cpuSeconds) || 0);
  }

  private noteCpu(): void {
    const pid = this.pid;
    if (pid) this.cpuBefore += readProc(pid)?.cpuSeconds ?? 0;
  }

  /**
   * Spawns the server and resolves once /api/health answers, or with `listening` once it accepts connections
   * (it listens only when its database is ready): in a reconnect storm the health check queues behind thousands
   * of handshakes for the same database pool, and would say more about the storm than about the start.
   * Rejects with the log's tail if the process dies first.
   */
  async start(timeoutMs = 120_000, until: 'healthy' | 'listening' = 'healthy'): Promise<void> {
    const log = fs.openSync(this.o.logFile, 'a');
    const profile = this.o.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${this.o.profileDir}`] : [];
    const node = [process.execPath, '--expose-gc', ...profile, '--import', 'tsx', '--import', probeModule, 'src/main.ts'];
    const [cmd, ...args] = this.o.cpus !== null ? ['taskset', '-c', this.o.cpus, ...node] : node;
    this.startedAt = performance.now();
    const child = spawn(cmd!, args, {
      cwd: this.o.serverDir,
      env: { ...process.env, ...this.o.env, HOST: '127.0.0.1', PORT: String(this.o.port), NODE_ENV: 'production' },
      stdio: ['ignore', log, log, 'ipc'],
    });
    fs.closeSync(log);
    this.child = child;
    this.metrics.attach(child);
    let died: string | null = null;
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        died = `exit ${code ?? signal}`;
        if (this.child === child) this.child = null;
        resolve();
      }),
    );
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      if (died) throw new Error(`server node ${this.o.index} stopped while starting (${died}):\n${this.logTail()}`);
      try {
        if (until === 'listening') {
          await new Promise<void>((resolve, reject) => {
            const sock = net.connect({ host: '127.0.0.1', port: this.o.port }, () => {
              sock.destroy();
              resolve();
            });
            sock.once('error', reject);
            sock.setTimeout(2000, () => sock.destroy(new Error('timeout')));
          });
          this.readyAt = performance.now();
          return;
        }
        const res = await fetch(`${this.baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) {
          this.readyAt = performance.now();
          return;
        }
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, until === 'listening' ? 20 : 100));
    }
    throw new Error(`server node ${this.o.index} did not answer /api/health within ${timeoutMs} ms:\n${this.logTail()}`);
  }

  /** SIGKILL: the crash of the reconnect storm. Resolves once the process is gone. */
  async kill(): Promise<void> {
    this.noteCpu();
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM (graceful shutdown), SIGKILL after 15 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.noteCpu();
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(t);
  }

  logTail(lines = 30): string {
    try {
      return fs.readFileSync(this.o.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}
