import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { Role, Session } from '@samling/protocol';
import { startRealtime, stopRealtime } from '../../realtime/bindings.ts';
import { resetStore, useStore } from '../../store/index.ts';
import { makeAgenda, mockFetch } from '../../test/factories.ts';
import { makeSnapshot, ok, type FakeSocket } from '../../test/fakeSocket.ts';
import { AgendaPage } from '../agenda/AgendaPage.tsx';
import { SessionPage } from '../session/SessionPage.tsx';

const { sockets } = vi.hoisted(() => ({ sockets: [] as FakeSocket[] }));
vi.mock('socket.io-client', async () => {
  const { FakeSocket } = await import('../../test/fakeSocket.ts');
  return {
    io: (options: Record<string, unknown>) => {
      const socket = new FakeSocket(options);
      sockets.push(socket);
      return socket;
    },
  };
});

const SLUG = 'smart-industri';
let fixture: ReturnType<typeof makeAgenda>;
const user = { id: crypto.randomUUID(), email: 'alva@samling.test', displayName: 'Alva Deltagare', locale: null };

function signedInAs(role: Role | null) {
  useStore.setState({
    user,
    memberships: role ? [{ eventSlug: SLUG, role }] : [],
    meState: { status: 'ready' },
  });
}

/** Connects as the layout would, answering room:join for the session with its status. */
function connect(role: Role, session: Session) {
  startRealtime(SLUG);
  const socket = sockets[sockets.length - 1]!;
  let status = session.status;
  socket.handle('room:join', () => ok(makeSnapshot({ room: session.id, session: { status }, me: { userId: user.id, role, mutedUntil: null } })));
  socket.handle('session:setStatus', (p) => {
    status = (p as { status: Session['status'] }).status;
    return ok({ ...session, status });
  });
  socket.serverConnect();
  return socket;
}

beforeEach(() => {
  resetStore();
  useStore.setState({ lang: 'sv' });
  localStorage.setItem('samling.tz', 'Europe/Stockholm');
  sockets.length = 0;
  fixture = makeAgenda();
  vi.stubGlobal(
    'fetch',
    mockFetch({
      'GET /api/events/smart-industri': () => ({ body: fixture.agenda }),
      'GET /api/events/smart-industri/me': () => ({ body: { role: 'attendee', starredSessionIds: [] } }),
    }).fetchMock,
  );
});
afterEach(() => {
  stopRealtime(SLUG);
  vi.unstubAllGlobals();
});

describe('the session page’s room', () => {
  it('asks visitors to sign in and opens no socket', async () => {
    useStore.setState({ user: null, memberships: [], meState: { status: 'ready' } });
    render(<SessionPage slug={SLUG} id={fixture.opening.id} />);
    expect(await screen.findByRole('link', { name: 'Logga in för att delta i chatten' })).toBeTruthy();
    expect(screen.queryByLabelText('Meddelande')).toBeNull();
    expect(sockets).toHaveLength(0);
  });

  it('tells attendees the room opens when the session starts', async () => {
    signedInAs('attendee');
    connect('attendee', fixture.opening);
    render(<SessionPage slug={SLUG} id={fixture.opening.id} />);
    expect(await screen.findByText('Rummet öppnar när sessionen startar')).toBeTruthy();
    expect(screen.queryByLabelText('Meddelande')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Starta sessionen' })).toBeNull();
  });

  it('opens the room for attendees the moment the session goes live', async () => {
    signedInAs('attendee');
    const socket = connect('attendee', fixture.opening);
    render(<SessionPage slug={SLUG} id={fixture.opening.id} />);
    await screen.findByText('Rummet öppnar när sessionen startar');
    socket.handle('room:join', () => ok(makeSnapshot({ room: fixture.opening.id, session: { status: 'live' }, me: { userId: user.id, role: 'attendee', mutedUntil: null } })));
    act(() => socket.broadcast('session:statusChanged', { sessionId: fixture.opening.id, status: 'live' }));
    expect(await screen.findByLabelText('Meddelande')).toBeTruthy();
    expect(screen.queryByText('Rummet öppnar när sessionen startar')).toBeNull();
    expect(within(document.querySelector('.facts')!).getByText('Pågår')).toBeTruthy();
  });

  it('lets moderators start and end the session', async () => {
    signedInAs('moderator');
    const socket = connect('moderator', fixture.opening);
    render(<SessionPage slug={SLUG} id={fixture.opening.id} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Starta sessionen' }));
    expect(await screen.findByRole('button', { name: 'Avsluta sessionen' })).toBeTruthy();
    expect(socket.sentNamed('session:setStatus')).toEqual([{ sessionId: fixture.opening.id, status: 'live' }]);
    expect(useStore.getState().sessions[fixture.opening.id]!.status).toBe('live');
    expect(await screen.findByLabelText('Meddelande')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Avsluta sessionen' }));
    expect(await screen.findByText('Sessionen har avslutats')).toBeTruthy();
  });
});

describe('the agenda', () => {
  it('marks a session "Live nu" when it goes live, without a reload', async () => {
    signedInAs('attendee');
    const socket = connect('attendee', fixture.opening);
    render(<AgendaPage slug={SLUG} now={new Date('2026-11-24T06:00:00Z')} />);
    const card = (await screen.findByRole('link', { name: 'Öppning' })).closest('article')!;
    expect(within(card).queryByText('Live nu')).toBeNull();
    act(() => socket.broadcast('session:statusChanged', { sessionId: fixture.opening.id, status: 'live' }));
    expect(within(card).getByText('Live nu')).toBeTruthy();
    act(() => socket.broadcast('session:statusChanged', { sessionId: fixture.opening.id, status: 'ended' }));
    expect(within(card).queryByText('Live nu')).toBeNull();
  });
});
