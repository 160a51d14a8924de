// The ceiling: a bare `ws` server that does nothing but broadcast, in a process of its own on the server's core.
// Told over IPC how many messages of what size to send, it sends each to every connection as fast as the sockets
// drain, and reports the CPU it spent when asked. Plain JavaScript: no loader between it and the measurement.
import { WebSocketServer } from 'ws';

const HIGH_WATER = 16 * 1024 * 1024;

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false, clientTracking: true });
wss.on('listening', () => {
  const address = /** @type {import('node:net').AddressInfo} */ (wss.address());
  process.send?.({ type: 'ready', port: address.port });
});

/** @param {Set<import('ws').WebSocket>} clients */
const buffered = (clients) => {
  let total = 0;
  for (const c of clients) total += c.bufferedAmount;
  return total;
};

/** @type {NodeJS.CpuUsage | undefined} */
let cpu0;

process.on('message', async (/** @type {any} */ m) => {
  if (m?.type === 'cpu') {
    const cpu = process.cpuUsage(cpu0);
    process.send?.({ type: 'cpu', cpuSeconds: (cpu.user + cpu.system) / 1e6 });
    return;
  }
  if (m?.type !== 'blast') return;
  const clients = wss.clients;
  cpu0 = process.cpuUsage();
  for (let i = 0; i < m.messages; i++) {
    // Like a Socket.IO chat broadcast: a text frame with a counter, the same size every time.
    const head = `42["chat:posted",{"n":${i},"text":"`;
    const frame = head + 'x'.repeat(Math.max(0, m.size - head.length - 4)) + '"}]';
    for (const c of clients) c.send(frame);
    // Let the kernel take what was queued before queueing more: the server is fast, not a memory balloon.
    for (let spins = 0; buffered(clients) > HIGH_WATER && spins < 10_000; spins++) await new Promise((r) => setImmediate(r));
    if (i % 64 === 63) await new Promise((r) => setImmediate(r));
  }
  process.send?.({ type: 'sent' });
});

process.on('disconnect', () => process.exit(0));
