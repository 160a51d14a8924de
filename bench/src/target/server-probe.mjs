// Preloaded (`node --import`) into a server the harness spawns, and only there: it answers the harness's
// questions about heap, event-loop delay and CPU over the IPC channel. It reads; it changes nothing in the server.
// Plain JavaScript so it loads before any TypeScript loader and whatever the server is run with.
import { monitorEventLoopDelay } from 'node:perf_hooks';

// The histogram records each 10 ms tick's interval; the delay is what exceeds the 10 ms.
const RESOLUTION_MS = 10;

if (typeof process.send === 'function') {
  const eld = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  eld.enable();
  const delay = (/** @type {number} */ ns) => Math.max(0, ns / 1e6 - RESOLUTION_MS);

  process.on('message', (/** @type {any} */ m) => {
    if (!m || m.bench !== 1 || m.type !== 'sample') return;
    // Twice: the first pass may only schedule finalisers whose memory the second one frees.
    if (m.gc && typeof globalThis.gc === 'function') {
      globalThis.gc();
      globalThis.gc();
    }
    const mem = process.memoryUsage();
    const cpu = process.cpuUsage();
    const sample = {
      bench: 1,
      id: m.id,
      rssBytes: mem.rss,
      heapUsedBytes: mem.heapUsed,
      heapTotalBytes: mem.heapTotal,
      externalBytes: mem.external,
      arrayBuffersBytes: mem.arrayBuffers,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      eventLoopDelay: eld.count > 0
        ? { p50: delay(eld.percentile(50)), p99: delay(eld.percentile(99)), max: delay(eld.max), count: eld.count }
        : { p50: 0, p99: 0, max: 0, count: 0 },
    };
    if (m.reset) eld.reset();
    process.send?.(sample);
  });
  // The channel must not keep a server alive that is shutting down.
  process.channel?.unref();
}
