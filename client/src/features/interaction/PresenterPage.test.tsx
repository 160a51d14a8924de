import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import { defaultPollSettings } from '@samling/protocol';
import { startRealtime, stopRealtime } from '../../realtime/bindings.ts';
import { resetStore, useStore } from '../../store/index.ts';
import { makeAgenda, makeChoiceResults, makePoll, mockFetch } from '../../test/factories.ts';
import { makeSnapshot, ok, type FakeSocket } from '../../test/fakeSocket.ts';
import { PresenterPage } from './PresenterPage.tsx';

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

let fixture: ReturnType<typeof makeAgenda>;
const user = { id: crypto.randomUUID(), email: 'moa@samling.test', displayName: 'Moa Moderator', locale: null };
const SLUG = 'smart-industri';

function setUp(guestAccess: { enabled: boolean; code: string | null; joinUrl: string | null }) {
  fixture = makeAgenda();
  useStore.setState({ user, memberships: [{ eventSlug: SLUG, role: 'moderator' }], meState: { status: 'ready' } });
  vi.stubGlobal(
    'fetch',
    mockFetch({
      [`GET /api/events/${SLUG}`]: () => ({ body: fixture.agenda }),
      [`GET /api/events/${SLUG}/guest-access`]: () => ({ body: guestAccess }),
    }).fetchMock,
  );
  const poll = makePoll({ sessionId: fixture.opening.id, labels: ['AI', 'Robotar'], question: 'Vad tror ni om AI?' });
  startRealtime(SLUG);
  const socket = sockets[sockets.length - 1]!;
  socket.handle('room:join', () =>
    ok(
      makeSnapshot({
        room: fixture.opening.id,
        session: { status: 'live' },
        me: { userId: user.id, role: 'moderator', mutedUntil: null },
        interaction: { poll, results: makeChoiceResults(poll, [2, 1], { version: 0 }), myBallot: null, questions: [], myQuestionIds: [], myVotes: [], premoderation: false },
      }),
    ),
  );
  socket.serverConnect();
  render(<PresenterPage slug={SLUG} id={fixture.opening.id} />);
  return { socket, poll };
}

beforeEach(() => {
  resetStore();
  useStore.setState({ lang: 'sv' });
  sockets.length = 0;
});
afterEach(() => {
  stopRealtime(SLUG);
  vi.unstubAllGlobals();
});

describe('<PresenterPage>', () => {
  it('shows the poll live, and the code, link and QR code when guest access is on', async () => {
    const joinUrl = 'https://samling.example/join?code=482913';
    const { socket, poll } = setUp({ enabled: true, code: '482913', joinUrl });
    expect(await screen.findByRole('heading', { level: 2, name: 'Vad tror ni om AI?' })).toBeTruthy();
    expect(screen.getByText('3 svar')).toBeTruthy();
    const join = await screen.findByRole('complementary', { name: 'Var med och svara' });
    expect(within(join).getByTestId('presenter-code').textContent).toBe('482913');
    expect(within(join).getByText('Gå till samling.example/join')).toBeTruthy();
    const qr = within(join).getByRole('img', { name: `QR-kod som leder till ${joinUrl}` });
    expect(qr.getAttribute('src')).toBe(`/api/events/${SLUG}/guest-qr.svg?code=482913`);

    act(() => socket.broadcast('poll:results', makeChoiceResults(poll, [2, 2], { version: 9 })));
    expect(screen.getByText('4 svar')).toBeTruthy();
    expect(Array.from(screen.getAllByRole('row')[2]!.children).map((c) => c.textContent?.replace(/\s/g, ' '))).toEqual(['Robotar', '2', '50 %']);
    expect(await screen.findByRole('heading', { level: 1, name: fixture.opening.title })).toBeTruthy();
  });

  it('leaves the way in out when guest access is off, and keeps hidden results off the big screen', async () => {
    const { socket, poll } = setUp({ enabled: false, code: '482913', joinUrl: null });
    expect(await screen.findByRole('heading', { level: 2, name: 'Vad tror ni om AI?' })).toBeTruthy();
    await act(async () => {});
    expect(screen.queryByRole('complementary')).toBeNull();
    expect(screen.queryByRole('img')).toBeNull();
    act(() => socket.broadcast('poll:updated', { ...poll, settings: { ...defaultPollSettings, hideResults: true } }));
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText('Resultatet visas när moderatorn väljer att visa det.')).toBeTruthy();
    act(() => socket.broadcast('poll:updated', { ...poll, settings: { ...defaultPollSettings, hideResults: true }, resultsRevealed: true }));
    expect(screen.getByRole('table')).toBeTruthy();
  });
});
