import type { StageProducer, StageState } from '@samling/protocol';
// Types only: mediasoup-client is loaded with the pages that show a stage, not with every page.
import type { StageConnection, StageStats } from './stage-connection.ts';

/**
 * The stages open in this tab (normally one: the session room's player or a backstage), by stage id. The realtime
 * bindings hand them the stage's broadcasts; pages open and close them.
 */
const open = new Map<string, StageConnection>();

/** Makes a stage's connection the open one of its stage (closing an older one) and joins it. */
export function openStage(connection: StageConnection): StageConnection {
  const older = open.get(connection.stageId);
  if (older && older !== connection) older.close();
  open.set(connection.stageId, connection);
  connection.start();
  return connection;
}

/** Closes this connection if it is still the open one of its stage. */
export function closeStage(connection: StageConnection): void {
  if (open.get(connection.stageId) === connection) open.delete(connection.stageId);
  connection.close();
}

export function stageConnection(stageId: string): StageConnection | null {
  return open.get(stageId) ?? null;
}

/** The stage's broadcasts, from the realtime bindings. */
export const stageBroadcasts = {
  updated: (state: StageState) => open.get(state.stageId)?.handleUpdated(state),
  producerAdded: (stageId: string, producer: StageProducer) => open.get(stageId)?.handleProducerAdded(producer),
  producerRemoved: (stageId: string, producerId: string) => open.get(stageId)?.handleProducerRemoved(producerId),
  restarted: (stageId: string) => open.get(stageId)?.restart(),
};

/** A new socket connection: the server closed our media with the old one, so every open stage joins again. */
export function rejoinStages(): void {
  for (const connection of open.values()) connection.restart();
}

/**
 * A read-only hook for end-to-end tests and for anyone diagnosing a stage in the browser console:
 * `await window.__samlingStageStats()` gives the counters of every open stage's peer connections (packets, frames,
 * widths). Numbers only: no ids, addresses, names or tracks, nothing that is not already the page's own.
 */
declare global {
  interface Window {
    __samlingStageStats?: () => Promise<StageStats>;
  }
}
if (typeof window !== 'undefined') {
  window.__samlingStageStats = async () => {
    const all: StageStats = { inbound: [], outbound: [] };
    for (const connection of open.values()) {
      const s = await connection.stats();
      all.inbound.push(...s.inbound);
      all.outbound.push(...s.outbound);
    }
    return all;
  };
}
