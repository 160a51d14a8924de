import { onCommand } from '../../realtime/command.ts';
import type { RealtimeDeps } from '../../realtime/deps.ts';
import { stageRoom } from '../../realtime/rooms.ts';
import type { RealtimeSocket } from '../../realtime/types.ts';

/** The stage's WebRTC signaling: adapters from `stage:*` commands to the stage service, per connection. */
export function stageSocket(socket: RealtimeSocket, { services, limits, log }: RealtimeDeps): void {
  const { stage } = services;
  const opts = { limiter: limits.commands, log };
  const connectionId = socket.id;

  // Media belongs to a connection: when it goes, so do its transports, producers and consumers.
  socket.on('disconnect', () => stage.leaveAll(connectionId));

  onCommand(socket, 'stage:join', async ({ actor, eventId }, { stageId, backstage }) => {
    const joined = await stage.join(actor, eventId, connectionId, stageId, backstage === true);
    // Gone while joining: nobody will ever leave for it.
    if (socket.disconnected) {
      stage.leaveAll(connectionId);
      return joined;
    }
    await socket.join(stageRoom(eventId, stageId));
    return joined;
  }, opts);

  onCommand(socket, 'stage:leave', async ({ actor, eventId }, { stageId }) => {
    stage.leave(actor, connectionId, stageId);
    await socket.leave(stageRoom(eventId, stageId));
    return {};
  }, opts);

  onCommand(socket, 'stage:createTransport', async ({ actor }, { stageId, direction }) => stage.createTransport(actor, connectionId, stageId, direction), opts);

  onCommand(socket, 'stage:connectTransport', async ({ actor }, { stageId, transportId, dtlsParameters }) => {
    await stage.connectTransport(actor, connectionId, stageId, transportId, dtlsParameters);
    return {};
  }, opts);

  onCommand(socket, 'stage:restartIce', async ({ actor }, { stageId, transportId }) => ({
    iceParameters: await stage.restartIce(actor, connectionId, stageId, transportId),
  }), opts);

  onCommand(socket, 'stage:produce', async ({ actor }, { stageId, transportId, kind, rtpParameters, appData }) => (
    stage.produce(actor, connectionId, { stageId, transportId, kind, rtpParameters, source: appData.source })
  ), opts);

  onCommand(socket, 'stage:pauseProducer', async ({ actor }, { stageId, producerId }) => {
    await stage.setProducerPaused(actor, connectionId, stageId, producerId, true);
    return {};
  }, opts);

  onCommand(socket, 'stage:resumeProducer', async ({ actor }, { stageId, producerId }) => {
    await stage.setProducerPaused(actor, connectionId, stageId, producerId, false);
    return {};
  }, opts);

  onCommand(socket, 'stage:closeProducer', async ({ actor }, { stageId, producerId }) => {
    stage.closeProducer(actor, connectionId, stageId, producerId);
    return {};
  }, opts);

  onCommand(socket, 'stage:consume', async ({ actor }, { stageId, transportId, producerId, rtpCapabilities }) => (
    stage.consume(actor, connectionId, { stageId, transportId, producerId, rtpCapabilities })
  ), opts);

  onCommand(socket, 'stage:resumeConsumer', async ({ actor }, { stageId, consumerId }) => {
    await stage.resumeConsumer(actor, connectionId, stageId, consumerId);
    return {};
  }, opts);

  onCommand(socket, 'stage:putOnStage', async ({ actor, eventId }, { stageId, userId }) => stage.putOnStage(actor, eventId, stageId, userId), opts);

  onCommand(socket, 'stage:takeOffStage', async ({ actor, eventId }, { stageId, userId }) => stage.takeOffStage(actor, eventId, stageId, userId), opts);

  onCommand(socket, 'stage:setLayout', async ({ actor, eventId }, { stageId, layout }) => stage.setLayout(actor, eventId, stageId, layout), opts);

  onCommand(socket, 'stage:setPreferredLayers', async ({ actor }, { stageId, consumerId, spatialLayer, temporalLayer }) => {
    await stage.setPreferredLayers(actor, connectionId, stageId, consumerId, { spatialLayer, ...(temporalLayer === undefined ? {} : { temporalLayer }) });
    return {};
  }, opts);
}
