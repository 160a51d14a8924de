import { describe, expect, it, vi } from 'vitest';
import type { StageJoined, StageState } from '@samling/protocol';
import { useStore } from '../store/index.ts';
import { fail, makeSnapshot, ok } from '../test/fakeSocket.ts';
import { connectRealtime, setupRealtimeTests } from '../test/realtime.ts';
import { StageConnection } from './stage-connection.ts';
import { closeStage, openStage } from './stages.ts';

vi.mock('socket.io-client', () => import('../test/fakeSocket.ts'));

// The signaling and the store around the media objects, against a FakeSocket playing the server. jsdom has no
// WebRTC, so mediasoup-client's Device refuses to load here exactly as in a browser without it; the media itself is
// exercised in Chromium by e2e/tests/stage.spec.ts.
const stageId = crypto.randomUUID();
const sara = crypto.randomUUID();
const state = (over: Partial<StageState> = {}): StageState => ({ stageId, layout: 'speaker', onStage: [], backstage: [], ...over });
const joined = (s = state()): StageJoined => ({ stageId, routerRtpCapabilities: { codecs: [] }, iceServers: [], state: s, canProduce: false });
const view = () => useStore.getState().liveStages[stageId];

setupRealtimeTests();

describe('StageConnection', () => {
  it('joins the stage (as backstage when asked), and in a browser without WebRTC says the browser cannot show it', async () => {
    const socket = connectRealtime(makeSnapshot(), { 'stage:join': () => ok(joined()) });
    const connection = openStage(new StageConnection(stageId, { backstage: true }));
    expect(view()?.status).toBe('connecting');
    await vi.waitFor(() => expect(view()?.status).toBe('error'));
    expect(view()?.error?.code).toBe('BROWSER_UNSUPPORTED');
    expect(socket.sentNamed('stage:join')).toEqual([{ stageId, backstage: true }]);
    closeStage(connection);
  });

  it('shows the server’s refusal, and tries again on request', async () => {
    let answer: unknown = fail('UNAVAILABLE', 'no worker');
    const socket = connectRealtime(makeSnapshot(), { 'stage:join': () => answer });
    const connection = openStage(new StageConnection(stageId, { backstage: false }));
    await vi.waitFor(() => expect(view()?.error?.code).toBe('UNAVAILABLE'));
    expect(socket.sentNamed('stage:join')).toEqual([{ stageId }]);
    answer = ok(joined());
    connection.restart();
    await vi.waitFor(() => expect(socket.sentNamed('stage:join')).toHaveLength(2));
    closeStage(connection);
  });

  it('takes stage:updated into the store for the open stage only, and leaves the stage when closed', async () => {
    const socket = connectRealtime(makeSnapshot(), { 'stage:join': () => ok(joined()), 'stage:leave': () => ok({}) });
    const connection = openStage(new StageConnection(stageId, { backstage: false }));
    await vi.waitFor(() => expect(view()?.status).toBe('error'));
    socket.broadcast('stage:updated', state());
    socket.broadcast('stage:updated', state({ layout: 'grid', onStage: [{ userId: sara, displayName: 'Sara Talare', producers: [] }] }));
    expect(view()?.state?.layout).toBe('grid');
    expect(view()?.announcement?.displayName).toBe('Sara Talare');
    // Another stage's news is not this one's.
    socket.broadcast('stage:updated', { ...state(), stageId: crypto.randomUUID() });
    expect(view()?.state?.onStage).toHaveLength(1);
    closeStage(connection);
    closeStage(connection); // idempotent
    expect(view()).toBeUndefined();
    await vi.waitFor(() => expect(socket.sentNamed('stage:leave')).toEqual([{ stageId }]));
  });

  it('joins again after the socket reconnects (the server dropped its media with the old connection)', async () => {
    const socket = connectRealtime(makeSnapshot(), { 'stage:join': () => ok(joined()) });
    await vi.waitFor(() => expect(useStore.getState().connection.status).toBe('online'));
    const connection = openStage(new StageConnection(stageId, { backstage: false }));
    await vi.waitFor(() => expect(socket.sentNamed('stage:join')).toHaveLength(1));
    socket.serverDrop();
    socket.serverConnect({ recovered: true });
    await vi.waitFor(() => expect(socket.sentNamed('stage:join')).toHaveLength(2));
    closeStage(connection);
  });

  it('drops everything and joins again on stage:restarted (a media worker died)', async () => {
    const socket = connectRealtime(makeSnapshot(), { 'stage:join': () => ok(joined()) });
    const connection = openStage(new StageConnection(stageId, { backstage: false }));
    await vi.waitFor(() => expect(socket.sentNamed('stage:join')).toHaveLength(1));
    await vi.waitFor(() => expect(view()?.status).toBe('error'));
    socket.broadcast('stage:restarted', { stageId: crypto.randomUUID() }); // another stage
    socket.broadcast('stage:restarted', { stageId });
    expect(view()?.status).toBe('connecting');
    await vi.waitFor(() => expect(socket.sentNamed('stage:join')).toHaveLength(2));
    closeStage(connection);
  });
});
