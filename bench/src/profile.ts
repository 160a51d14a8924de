// Where the server's CPU went: a V8 CPU profile (`node --cpu-prof`, written when the server exits cleanly),
// summed by package and by function, so a bottleneck comes with evidence.
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileSummary {
  file: string;
  seconds: number;
  /** Share of the profile the thread was busy (not idle). */
  busy: number;
  /** Shares (0–1) of the busy time by package (node_modules name, "node" internals, "app: …" for the server's own code). */
  byPackage: { name: string; share: number }[];
  byFunction: { name: string; share: number }[];
}

/** The package a script belongs to, from its URL. */
export function packageOf(url: string): string {
  if (!url) return '(native / GC / idle)';
  if (url.startsWith('node:')) return 'node';
  const m = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.includes('/server/src/')) return 'app: ' + (/\/server\/src\/([^/]+(?:\/[^/]+)?)/.exec(url)?.[1] ?? 'src');
  if (url.includes('/protocol/src/')) return '@samling/protocol';
  return path.basename(url);
}

export function summariseProfile(file: string, top = 12): ProfileSummary {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  // Self time per node from the sample stream when present (exact), else hit counts.
  const self = new Map<number, number>();
  if (p.samples && p.timeDeltas) {
    for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i + 1] ?? 0));
  } else {
    for (const n of p.nodes) self.set(n.id, n.hitCount ?? 0);
  }
  const all = [...self.values()].reduce((a, b) => a + b, 0) || 1;
  let idle = 0;
  const pkgs = new Map<string, number>();
  const fns = new Map<string, number>();
  for (const [id, t] of self) {
    const n = byId.get(id);
    if (!n) continue;
    const { functionName, url, lineNumber } = n.callFrame;
    if (functionName === '(idle)') {
      idle += t;
      continue;
    }
    const pkg = functionName === '(garbage collector)' ? '(garbage collector)' : packageOf(url);
    pkgs.set(pkg, (pkgs.get(pkg) ?? 0) + t);
    const fn = `${functionName || '(anonymous)'} ${url ? `${path.basename(url)}:${lineNumber + 1}` : ''} [${pkg}]`;
    fns.set(fn, (fns.get(fn) ?? 0) + t);
  }
  const busy = all - idle || 1;
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, t]) => ({ name, share: t / busy }));
  return { file, seconds: (p.endTime - p.startTime) / 1e6, busy: busy / all, byPackage: sorted(pkgs), byFunction: sorted(fns) };
}

/** Main-thread profiles only (CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile, thread 0): loader threads idle. */
export function findProfiles(dir: string): string[] {
  try {
    return fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile') && f.split('.')[4] === '0').sort().map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}
