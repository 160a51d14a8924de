import type { ErrorCode, MediaKind, StageJoined, StageLayout, StageSource, StageState } from '@samling/protocol';
import type { ClientErrorCode } from '../../api.ts';
import type { SliceCreator } from '../../store/types.ts';

/**
 * The stage as the store knows it: ids and flags only. The mediasoup-client objects and the MediaStreamTracks live in
 * `client/src/media/` (a `StageConnection` per open stage), which calls these actions as things happen.
 */

/** Something this browser receives from the stage (a consumer), by consumer id. */
export interface StageFeed {
  consumerId: string;
  producerId: string;
  userId: string;
  kind: MediaKind;
  source: StageSource;
}

/** What this browser sends (a producer), by source. */
export interface LocalSource {
  producerId: string;
  paused: boolean;
}

export type StageStatus = 'connecting' | 'ready' | 'error';

/** A failure: the server's code (an ApiError), or this browser's (`BROWSER_UNSUPPORTED`: no WebRTC to speak of). */
export interface StageError {
  code: ErrorCode | ClientErrorCode | 'BROWSER_UNSUPPORTED';
  message: string;
}

export interface StageView {
  status: StageStatus;
  error: StageError | null;
  /** Sending failed (joining worked): shown beside the speaker's controls. */
  sendError: StageError | null;
  /** The server's last word on who is on stage, the layout and who is backstage. */
  state: StageState | null;
  /** This connection may send (its person is on stage). */
  canProduce: boolean;
  feeds: Record<string, StageFeed>;
  local: Partial<Record<StageSource, LocalSource>>;
  /** The last "X is now on stage" for the live region; `seq` makes a repeat of the same words be read again. */
  announcement: { userId: string; displayName: string; seq: number } | null;
}

export interface StageSlice {
  /** Stages whose media this tab has open, by stage id (`stages` is the agenda's). */
  liveStages: Record<string, StageView>;
  stageConnecting(stageId: string): void;
  stageJoined(joined: StageJoined, myUserId: string | null): void;
  stageFailed(stageId: string, error: StageError): void;
  stageSendFailed(stageId: string, error: StageError | null): void;
  stageStateUpdated(state: StageState, myUserId: string | null): void;
  stageFeedAdded(stageId: string, feed: StageFeed): void;
  stageFeedRemoved(stageId: string, consumerId: string): void;
  stageLocalChanged(stageId: string, source: StageSource, local: LocalSource | null): void;
  /** Everything received and sent is gone (a restart, a reconnect): the feeds come back with the next join. */
  stageMediaReset(stageId: string): void;
  stageLeft(stageId: string): void;
}

const emptyView = (): StageView => ({ status: 'connecting', error: null, sendError: null, state: null, canProduce: false, feeds: {}, local: {}, announcement: null });

/** Who is on stage now that was not before (the first one, for the live region). */
function newcomer(before: StageState | null, after: StageState): { userId: string; displayName: string } | null {
  if (!before) return null;
  const was = new Set(before.onStage.map((p) => p.userId));
  return after.onStage.find((p) => !was.has(p.userId)) ?? null;
}

export const createStageSlice: SliceCreator<StageSlice> = (set) => {
  const update = (stageId: string, f: (view: StageView) => Partial<StageView>) =>
    set((s) => {
      const view = s.liveStages[stageId];
      if (!view) return s;
      return { liveStages: { ...s.liveStages, [stageId]: { ...view, ...f(view) } } };
    });

  const withState = (view: StageView, state: StageState, me: string | null): Partial<StageView> => {
    const arrived = newcomer(view.state, state);
    // Feeds of producers that are gone from the state are dropped by `stage:producerRemoved`; nothing to do here.
    return {
      state,
      canProduce: me !== null && state.onStage.some((p) => p.userId === me),
      announcement: arrived ? { ...arrived, seq: (view.announcement?.seq ?? 0) + 1 } : view.announcement,
    };
  };

  return {
    liveStages: {},
    stageConnecting: (stageId) =>
      set((s) => ({ liveStages: { ...s.liveStages, [stageId]: { ...(s.liveStages[stageId] ?? emptyView()), status: 'connecting', error: null } } })),
    stageJoined: (joined, me) =>
      update(joined.stageId, (view) => ({ ...withState(view, joined.state, me), status: 'ready', error: null, canProduce: joined.canProduce })),
    stageFailed: (stageId, error) => update(stageId, () => ({ status: 'error', error })),
    stageSendFailed: (stageId, sendError) => update(stageId, (view) => (view.sendError === sendError ? {} : { sendError })),
    stageStateUpdated: (state, me) => update(state.stageId, (view) => withState(view, state, me)),
    stageFeedAdded: (stageId, feed) => update(stageId, (view) => ({ feeds: { ...view.feeds, [feed.consumerId]: feed } })),
    stageFeedRemoved: (stageId, consumerId) =>
      update(stageId, (view) => {
        if (!view.feeds[consumerId]) return {};
        const { [consumerId]: _gone, ...feeds } = view.feeds;
        return { feeds };
      }),
    stageLocalChanged: (stageId, source, local) =>
      update(stageId, (view) => {
        const { [source]: _old, ...rest } = view.local;
        return { local: local ? { ...rest, [source]: local } : rest };
      }),
    stageMediaReset: (stageId) => update(stageId, () => ({ feeds: {}, local: {} })),
    stageLeft: (stageId) =>
      set((s) => {
        if (!s.liveStages[stageId]) return s;
        const { [stageId]: _gone, ...stages } = s.liveStages;
        return { liveStages: stages };
      }),
  };
};

/** Whether a producer is muted, from the stage's state. */
export function isProducerPaused(state: StageState | null, producerId: string): boolean {
  for (const person of state?.onStage ?? []) for (const p of person.producers) if (p.id === producerId) return p.paused;
  return false;
}

/** What the player shows for a layout: the big picture(s) and the small ones. */
export interface Arrangement {
  main: StageFeed[];
  side: StageFeed[];
}

/**
 * Places the stage's video feeds. `speaker`: the first person on stage with a camera, big (their screen instead if
 * they have no camera). `speakerScreen`: a shared screen big, the cameras small beside it. `grid`: every picture the
 * same size. Order follows who went on stage first, so the picture does not jump when someone new arrives.
 */
export function arrangeStage(layout: StageLayout, state: StageState | null, feeds: StageFeed[]): Arrangement {
  const order = new Map((state?.onStage ?? []).map((p, i) => [p.userId, i]));
  const onStage = feeds
    .filter((f) => f.kind === 'video' && order.has(f.userId))
    .sort((a, b) => order.get(a.userId)! - order.get(b.userId)! || (a.source === 'screen' ? 1 : 0) - (b.source === 'screen' ? 1 : 0));
  const cameras = onStage.filter((f) => f.source === 'camera');
  const screens = onStage.filter((f) => f.source === 'screen');
  if (layout === 'grid') return { main: onStage, side: [] };
  if (layout === 'speakerScreen' && screens.length > 0) return { main: screens.slice(0, 1), side: [...cameras, ...screens.slice(1)] };
  const first = cameras[0] ?? screens[0];
  return first ? { main: [first], side: layout === 'speakerScreen' ? onStage.filter((f) => f !== first) : [] } : { main: [], side: [] };
}
