import { broadcasts, type Room, type ServerToClientEvents } from '@samling/protocol';
import { useStore } from '../store/index.ts';
import { isApiError } from '../api.ts';
import { request } from './commands.ts';
import { activeConnection, closeConnection, openConnection, type RealtimeSocket } from './connection.ts';
import { rejoinStages, stageBroadcasts } from '../media/stages.ts';

/**
 * The one place where socket events reach the store. Everything here is plain functions over
 * `useStore.getState()`, so it works the same with or without React on the page.
 */

/** How long a reaction emoji floats (the CSS animation is a little shorter). */
export const BURST_MS = 2600;
/** `agenda:changed` reaches everyone at once; each client refetches within this window instead of all in the same instant. */
const AGENDA_REFRESH_SPREAD_MS = 3000;

type Payload<N extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[N]>[0];

/** Listens to one broadcast; a payload that does not match the protocol is dropped, never half-applied. */
function on<N extends keyof ServerToClientEvents>(socket: RealtimeSocket, name: N, handle: (payload: Payload<N>) => void): void {
  // The typed map checks `name`; the listener is registered untyped because the payload is parsed below.
  (socket as unknown as { on(event: string, listener: (payload: unknown) => void): void }).on(name, (payload) => {
    const parsed = broadcasts[name].safeParse(payload);
    if (parsed.success) handle(parsed.data as Payload<N>);
    else console.warn(`Samling: ignored a malformed ${name}`, parsed.error.issues);
  });
}

/** Wires every server broadcast of one event's socket into the store. */
export function bindSocket(socket: RealtimeSocket, slug: string): void {
  const store = () => useStore.getState();
  const current = () => store().connection.slug === slug;

  on(socket, 'chat:posted', (message) => current() && store().messagePosted(message));
  on(socket, 'chat:deleted', ({ room, messageId }) => current() && store().messageDeleted(room, messageId));
  on(socket, 'chat:pinned', ({ room, message }) => current() && store().messagePinned(room, message));
  on(socket, 'chat:configured', ({ room, chat }) => current() && store().chatConfigured(room, chat));
  on(socket, 'presence:counted', ({ room, viewers }) => current() && store().viewersCounted(room, viewers));
  on(socket, 'reaction:counted', ({ room, counts }) => {
    if (!current()) return;
    const ids = store().reactionsCounted(room, counts);
    if (ids.length > 0) setTimeout(() => store().burstsDone(room, ids), BURST_MS);
  });
  on(socket, 'session:statusChanged', ({ sessionId, status }) => current() && store().sessionStatusChanged(sessionId, status));
  on(socket, 'agenda:changed', () => {
    if (!current() || !store().agendaState[slug]) return;
    setTimeout(() => {
      if (current()) void store().loadAgenda(slug, { force: true });
    }, Math.random() * AGENDA_REFRESH_SPREAD_MS);
  });
  on(socket, 'poll:updated', (poll) => current() && store().pollUpdated(poll));
  // Results can overtake each other on the way; the slice keeps the highest version of each poll.
  on(socket, 'poll:results', (message) => current() && store().pollResultsReceived(message));
  on(socket, 'question:updated', (question) => current() && store().questionUpdated(question));
  on(socket, 'question:removed', ({ questionId }) => current() && store().questionRemoved(questionId));
  on(socket, 'question:votes', ({ votes }) => current() && store().questionVotesCounted(votes));
  on(socket, 'qa:configured', ({ room, premoderation }) => current() && store().qaConfigured(room, premoderation));
  on(socket, 'moderation:muted', ({ mutedUntil }) => current() && store().mutedChanged(mutedUntil));
  // The stage's media objects live in media/; they update the store themselves.
  on(socket, 'stage:updated', (state) => current() && stageBroadcasts.updated(state));
  on(socket, 'stage:producerAdded', ({ stageId, producer }) => current() && stageBroadcasts.producerAdded(stageId, producer));
  on(socket, 'stage:producerRemoved', ({ stageId, producerId }) => current() && stageBroadcasts.producerRemoved(stageId, producerId));
  on(socket, 'stage:restarted', ({ stageId }) => current() && stageBroadcasts.restarted(stageId));
  on(socket, 'stage:filmChanged', (film) => current() && store().filmReceived(film));
  // The connection stops reconnecting when the server then drops us; say so at once.
  on(socket, 'moderation:banned', ({ reason }) => current() && store().setConnection('refused', { code: 'BANNED', message: reason }));
}

async function joinOn(socket: RealtimeSocket, room: Room): Promise<void> {
  const store = useStore.getState();
  store.roomJoining(room);
  try {
    store.roomSnapshot(await request(socket, 'room:join', { room }));
  } catch (e) {
    if (!isApiError(e)) throw e;
    useStore.getState().roomJoinFailed(room, e);
  }
}

/**
 * After every (re)connection. Recovered: the server restored our rooms and replayed what we missed, so only rooms
 * whose join had failed are joined again. Not recovered: every room is joined again and its state replaced by the
 * fresh snapshot; a room still `joining` has its own join waiting for the connection to be online.
 */
export async function rejoinRooms(socket: RealtimeSocket, slug: string, info: { recovered: boolean; first: boolean }): Promise<void> {
  const store = useStore.getState();
  if (store.connection.slug !== slug) return;
  // The server closes a connection's stage media when it goes, recovered or not: open stages join again.
  if (!info.first) rejoinStages();
  const rooms = Object.entries(store.rooms)
    .filter(([, r]) => (info.recovered ? r.status === 'error' : r.status !== 'joining'))
    .map(([room]) => room as Room);
  await Promise.all(rooms.map((room) => joinOn(socket, room)));
  // Status changes sent while we were away are lost with the connection; the agenda has them.
  if (!info.recovered && !info.first && store.agendaState[slug]) void useStore.getState().loadAgenda(slug, { force: true });
}

/** Connects to an event (if not already): called while a member has one of the event's pages open. */
export function startRealtime(slug: string): void {
  if (activeConnection()?.slug === slug) return;
  closeConnection();
  const previous = useStore.getState().connection.slug;
  if (previous && previous !== slug) useStore.getState().resetRealtime();
  useStore.getState().connectionStarting(slug);
  openConnection(slug, {
    bind: (socket) => bindSocket(socket, slug),
    ready: (socket, info) => rejoinRooms(socket, slug, info),
    status: (status, refusal) => {
      if (useStore.getState().connection.slug === slug) useStore.getState().setConnection(status, refusal);
    },
  });
}

/** Leaves the event's connection and forgets its rooms. */
export function stopRealtime(slug: string): void {
  if (useStore.getState().connection.slug !== slug) return;
  useStore.getState().resetRealtime();
  closeConnection();
}
