import { onCommand } from '../../realtime/command.ts';
import type { RealtimeDeps } from '../../realtime/deps.ts';
import type { RealtimeSocket } from '../../realtime/types.ts';

/** The stage's film: adapters from `stage:film:*` commands to the film service. */
export function filmSocket(socket: RealtimeSocket, { services, limits, log }: RealtimeDeps): void {
  const { films } = services;
  const opts = { limiter: limits.commands, log };

  onCommand(socket, 'stage:film:get', async ({ actor, eventId }, { stageId }) => films.state(actor, eventId, stageId), opts);
  onCommand(socket, 'stage:film:load', async ({ actor, eventId }, { stageId, assetId }) => films.load(actor, eventId, stageId, assetId), opts);
  onCommand(socket, 'stage:film:play', async ({ actor, eventId }, { stageId }) => films.play(actor, eventId, stageId), opts);
  onCommand(socket, 'stage:film:pause', async ({ actor, eventId }, { stageId }) => films.pause(actor, eventId, stageId), opts);
  onCommand(socket, 'stage:film:seek', async ({ actor, eventId }, { stageId, positionSeconds }) => films.seek(actor, eventId, stageId, positionSeconds), opts);
  onCommand(socket, 'stage:film:stop', async ({ actor, eventId }, { stageId }) => films.stop(actor, eventId, stageId), opts);
}
