import type * as Mediasoup from 'mediasoup';

export type { types as ms } from 'mediasoup';
type MediasoupModule = typeof Mediasoup;

let loaded: { bin: string; module: Promise<MediasoupModule> } | null = null;

/**
 * mediasoup, loaded on first use. Version 3.12 reads MEDIASOUP_WORKER_BIN once, when its Worker module is
 * evaluated, so the variable is set here, before the first import, and never changes for the process.
 */
export function loadMediasoup(workerBin: string): Promise<MediasoupModule> {
  if (loaded) {
    if (loaded.bin !== workerBin) throw new Error(`mediasoup is already loaded with the worker ${loaded.bin}, not ${workerBin}`);
    return loaded.module;
  }
  process.env.MEDIASOUP_WORKER_BIN = workerBin;
  loaded = { bin: workerBin, module: import('mediasoup') };
  return loaded.module;
}
