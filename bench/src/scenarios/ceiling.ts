// The ceiling: how many small broadcast messages per second bare `ws` delivers on this machine, server on the
// server's core, clients in the harness, to as many connections as the room has. Samling's fan-out (chat flood)
// is reported as a fraction of it.
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { pool, waitFor, type Ctx } from '../context.ts';
import { fmt } from '../table.ts';

/** About the size of a `chat:posted` frame with a short text. */
export const FRAME_BYTES = 240;

export interface CeilingFigures {
  connections: number;
  messages: number;
  frameBytes: number;
  deliveries: number;
  seconds: number;
  deliveriesPerSecond: number;
  serverCpuSeconds: number | null;
  serverCpuMicrosPerDelivery: number | null;
  complete: boolean;
}

export async function ceiling(ctx: Ctx): Promise<CeilingFigures> {
  const connections = ctx.opts.attendees;
  const messages = Math.min(100_000, Math.max(10, Math.ceil(ctx.opts.ceilingDeliveries / connections)));
  ctx.log(`ceiling: raw ws broadcast, ${connections} connections × ${messages} messages of ${FRAME_BYTES} bytes`);
  const script = new URL('./ceiling-server.mjs', import.meta.url).pathname;
  const pinned = ctx.target.pinned;
  const child = pinned
    ? fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execPath: 'taskset', execArgv: ['-c', '0', process.execPath] })
    : fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  child.on('error', () => {});
  const replies: { type: string; port?: number; cpuSeconds?: number }[] = [];
  child.on('message', (m: { type: string }) => replies.push(m));
  const next = async (type: string, timeoutMs: number) => {
    await waitFor(() => replies.some((r) => r.type === type), timeoutMs, 10);
    const i = replies.findIndex((r) => r.type === type);
    return i >= 0 ? replies.splice(i, 1)[0]! : null;
  };
  const sockets: WebSocket[] = [];
  try {
    const ready = await next('ready', 15_000);
    if (!ready?.port) throw new Error('the raw ws server did not start');
    let received = 0;
    let lastAt = 0;
    const expected = connections * messages;
    await pool(Array.from({ length: connections }, (_, i) => i), 200, async () => {
      const ws = new WebSocket(`ws://127.0.0.1:${ready.port}`, { perMessageDeflate: false, skipUTF8Validation: true });
      // Read as the crowd client reads a broadcast: to a string, then a look at its name.
      ws.on('message', (data: Buffer) => {
        if (data.toString().charCodeAt(4) === 99) {
          received++;
          if (received === expected) lastAt = performance.now();
        }
      });
      sockets.push(ws);
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
    });
    const t0 = performance.now();
    child.send({ type: 'blast', messages, size: FRAME_BYTES });
    const complete = await waitFor(() => received >= expected, 120_000, 5);
    const seconds = ((complete ? lastAt : performance.now()) - t0) / 1000;
    child.send({ type: 'cpu' });
    const cpu = await next('cpu', 5000);
    const f: CeilingFigures = {
      connections,
      messages,
      frameBytes: FRAME_BYTES,
      deliveries: received,
      seconds,
      deliveriesPerSecond: received / seconds,
      serverCpuSeconds: cpu?.cpuSeconds ?? null,
      serverCpuMicrosPerDelivery: cpu?.cpuSeconds != null ? (cpu.cpuSeconds * 1e6) / received : null,
      complete,
    };
    ctx.log(`ceiling: ${fmt(f.deliveriesPerSecond)} deliveries/s`);
    return f;
  } finally {
    for (const ws of sockets) ws.terminate();
    child.kill();
  }
}
