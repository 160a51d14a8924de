import os from 'node:os';
import path from 'node:path';

/** The mediasoup release the server is written against; `scripts/build-mediasoup-worker.sh` builds the same. */
export const MEDIASOUP_VERSION = '3.12.16';

/**
 * Where `scripts/build-mediasoup-worker.sh` puts the worker binary: a cache outside node_modules, keyed by version,
 * so reinstalling the workspace does not rebuild it. Keep in step with the script. The cache is the machine's, so
 * a key missing from `env` is taken from the process environment.
 */
export function defaultWorkerBin(env: NodeJS.ProcessEnv = process.env): string {
  const get = (key: string) => env[key] ?? process.env[key];
  const cacheRoot = get('SAMLING_CACHE_DIR') || path.join(get('XDG_CACHE_HOME') || path.join(os.homedir(), '.cache'), 'samling');
  return path.join(cacheRoot, `mediasoup-worker-${MEDIASOUP_VERSION}`, 'mediasoup-worker');
}
