import { beforeEach, describe, expect, it } from 'vitest';
import type { StageJoined, StageState } from '@samling/protocol';
import { resetStore, useStore } from '../../store/index.ts';
import { arrangeStage, isProducerPaused, type StageFeed } from './stage.slice.ts';

const stageId = crypto.randomUUID();
const sara = crypto.randomUUID();
const olle = crypto.randomUUID();
const me = crypto.randomUUID();

const state = (over: Partial<StageState> = {}): StageState => ({ stageId, layout: 'speaker', onStage: [], backstage: [], ...over });
const person = (userId: string, displayName: string, producers: StageState['onStage'][number]['producers'] = []) => ({ userId, displayName, producers });
const joined = (s: StageState, canProduce = false): StageJoined => ({ stageId, routerRtpCapabilities: {}, iceServers: [], state: s, canProduce });
const feed = (userId: string, source: StageFeed['source'], over: Partial<StageFeed> = {}): StageFeed => ({
  consumerId: crypto.randomUUID(), producerId: crypto.randomUUID(), userId, kind: source === 'microphone' ? 'audio' : 'video', source, ...over,
});
const view = () => useStore.getState().liveStages[stageId]!;

beforeEach(() => resetStore());

describe('the stage slice', () => {
  it('goes from connecting to ready with the state, and to error with the reason; a retry connects again', () => {
    const store = useStore.getState();
    store.stageConnecting(stageId);
    expect(view()).toMatchObject({ status: 'connecting', state: null, canProduce: false });
    store.stageFailed(stageId, { code: 'UNAVAILABLE', message: 'no worker' });
    expect(view()).toMatchObject({ status: 'error', error: { code: 'UNAVAILABLE' } });
    store.stageConnecting(stageId);
    expect(view()).toMatchObject({ status: 'connecting', error: null });
    store.stageJoined(joined(state({ onStage: [person(me, 'Jag')] }), true), me);
    expect(view()).toMatchObject({ status: 'ready', canProduce: true });
  });

  it('knows from each stage:updated whether this person may send', () => {
    const store = useStore.getState();
    store.stageConnecting(stageId);
    store.stageJoined(joined(state()), me);
    expect(view().canProduce).toBe(false);
    store.stageStateUpdated(state({ onStage: [person(me, 'Jag')] }), me);
    expect(view().canProduce).toBe(true);
    store.stageStateUpdated(state(), me);
    expect(view().canProduce).toBe(false);
  });

  it('announces whoever newly went on stage, once per arrival, not those already there on joining', () => {
    const store = useStore.getState();
    store.stageConnecting(stageId);
    store.stageJoined(joined(state({ onStage: [person(olle, 'Olle')] })), me);
    expect(view().announcement).toBeNull();
    store.stageStateUpdated(state({ onStage: [person(olle, 'Olle'), person(sara, 'Sara Talare')] }), me);
    expect(view().announcement).toMatchObject({ displayName: 'Sara Talare', seq: 1 });
    // A mute changes the state but brings nobody new.
    store.stageStateUpdated(state({ onStage: [person(olle, 'Olle'), person(sara, 'Sara Talare')], layout: 'grid' }), me);
    expect(view().announcement).toMatchObject({ displayName: 'Sara Talare', seq: 1 });
    store.stageStateUpdated(state({ onStage: [person(olle, 'Olle')] }), me);
    store.stageStateUpdated(state({ onStage: [person(olle, 'Olle'), person(sara, 'Sara Talare')] }), me);
    expect(view().announcement).toMatchObject({ displayName: 'Sara Talare', seq: 2 });
  });

  it('keeps feeds and local sources by id, drops them on a media reset, and forgets the stage on leaving', () => {
    const store = useStore.getState();
    store.stageConnecting(stageId);
    const camera = feed(sara, 'camera');
    store.stageFeedAdded(stageId, camera);
    store.stageFeedAdded(stageId, camera);
    expect(Object.keys(view().feeds)).toEqual([camera.consumerId]);
    store.stageLocalChanged(stageId, 'microphone', { producerId: 'p1', paused: true });
    expect(view().local.microphone).toEqual({ producerId: 'p1', paused: true });
    store.stageFeedRemoved(stageId, camera.consumerId);
    expect(view().feeds).toEqual({});
    store.stageFeedAdded(stageId, camera);
    store.stageMediaReset(stageId);
    expect(view()).toMatchObject({ feeds: {}, local: {} });
    store.stageLeft(stageId);
    expect(useStore.getState().liveStages[stageId]).toBeUndefined();
    // Broadcasts for a stage that is not open change nothing.
    store.stageFeedAdded(stageId, camera);
    expect(useStore.getState().liveStages[stageId]).toBeUndefined();
  });

  it('reads a producer’s mute from the state', () => {
    const s = state({ onStage: [person(sara, 'Sara', [{ id: 'mic', userId: sara, kind: 'audio', source: 'microphone', paused: true }])] });
    expect(isProducerPaused(s, 'mic')).toBe(true);
    expect(isProducerPaused(s, 'other')).toBe(false);
  });
});

describe('arrangeStage', () => {
  const s = state({ onStage: [person(sara, 'Sara'), person(olle, 'Olle')] });
  const saraCam = feed(sara, 'camera');
  const saraScreen = feed(sara, 'screen');
  const olleCam = feed(olle, 'camera');
  const stranger = feed(crypto.randomUUID(), 'camera');
  const mic = feed(sara, 'microphone');

  it('one speaker: the first person on stage with a camera, big, and nothing else', () => {
    expect(arrangeStage('speaker', s, [olleCam, saraScreen, mic, saraCam, stranger])).toEqual({ main: [saraCam], side: [] });
    // Without a camera, their screen.
    expect(arrangeStage('speaker', s, [saraScreen])).toEqual({ main: [saraScreen], side: [] });
  });

  it('speaker with screen: the screen big and the cameras beside it; without a screen the speaker big and the rest beside', () => {
    expect(arrangeStage('speakerScreen', s, [olleCam, saraCam, saraScreen])).toEqual({ main: [saraScreen], side: [saraCam, olleCam] });
    expect(arrangeStage('speakerScreen', s, [olleCam, saraCam])).toEqual({ main: [saraCam], side: [olleCam] });
  });

  it('grid: every picture of the people on stage, in the order they went on', () => {
    expect(arrangeStage('grid', s, [olleCam, saraScreen, saraCam, stranger, mic])).toEqual({ main: [saraCam, saraScreen, olleCam], side: [] });
  });

  it('nothing to show when nobody on stage sends a picture', () => {
    expect(arrangeStage('speaker', s, [mic])).toEqual({ main: [], side: [] });
    expect(arrangeStage('grid', null, [saraCam])).toEqual({ main: [], side: [] });
  });
});
