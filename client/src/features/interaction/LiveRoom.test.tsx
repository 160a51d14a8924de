import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { Role, SessionInteraction } from '@samling/protocol';
import { useStore } from '../../store/index.ts';
import { makeChoiceResults, makePoll, makeQuestion, mockFetch } from '../../test/factories.ts';
import { makeSnapshot, ok } from '../../test/fakeSocket.ts';
import { SLUG, connectRealtime, setupRealtimeTests, swedishInStockholm } from '../../test/realtime.ts';
import { LiveRoom } from './LiveRoom.tsx';

vi.mock('socket.io-client', () => import('../../test/fakeSocket.ts'));

const SESSION = crypto.randomUUID();
const me = crypto.randomUUID();

async function openRoom(interaction: Partial<SessionInteraction>, role: Role = 'attendee') {
  const socket = connectRealtime(
    () =>
      makeSnapshot({
        room: SESSION,
        session: { status: 'live' },
        me: { userId: me, role, mutedUntil: null },
        interaction: { poll: null, results: null, myBallot: null, questions: [], myQuestionIds: [], myVotes: [], premoderation: false, ...interaction },
      }),
    { 'poll:list': () => ok({ polls: interaction.poll ? [interaction.poll] : [] }) },
  );
  render(<LiveRoom slug={SLUG} sessionId={SESSION} />);
  await screen.findByRole('heading', { name: 'Omröstning' });
  return socket;
}

const section = (name: string) => screen.getByRole('region', { name });

setupRealtimeTests({
  before: () => {
    swedishInStockholm();
    vi.stubGlobal('fetch', mockFetch({ [`GET /api/events/${SLUG}/sessions/${SESSION}/polls`]: () => ({ body: [] }) }).fetchMock);
  },
  after: () => vi.unstubAllGlobals(),
});

describe('the live room’s poll', () => {
  it('votes, shows "Ditt svar" and then the live chart with the count of answers', async () => {
    const poll = makePoll({ sessionId: SESSION, labels: ['AI', 'Robotar'] });
    const socket = await openRoom({ poll, results: makeChoiceResults(poll, [1, 0], { version: 0 }) });
    const part = section('Omröstning');
    expect(within(part).getByRole('heading', { name: poll.question })).toBeTruthy();
    expect(within(part).getByText('1 svar')).toBeTruthy();
    // Results come after answering.
    expect(within(part).queryByRole('table')).toBeNull();
    expect(within(part).getByText('Resultatet visas när du har svarat.')).toBeTruthy();

    socket.handle('poll:vote', (p) => ok({ ballot: (p as { ballot: unknown }).ballot }));
    fireEvent.click(within(part).getByRole('radio', { name: 'Robotar' }));
    await act(async () => {
      fireEvent.click(within(part).getByRole('button', { name: 'Skicka svar' }));
    });
    expect(await within(part).findByText('Tack! Ditt svar är registrerat.')).toBeTruthy();
    expect(within(part).getByText('Ditt svar').nextSibling?.textContent).toBe('Robotar');
    expect(within(part).getByRole('button', { name: 'Ändra svar' })).toBeTruthy();

    act(() => socket.broadcast('poll:results', makeChoiceResults(poll, [1, 1], { version: 5 })));
    expect(within(part).getByText('2 svar')).toBeTruthy();
    const rows = within(within(part).getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => Array.from(r.children).map((c) => c.textContent?.replace(/\s/g, ' ')).join('|'))).toEqual(['AI|1|50 %', 'Robotar|1|50 %']);
    // An older message arriving late changes nothing on screen.
    act(() => socket.broadcast('poll:results', makeChoiceResults(poll, [1, 0], { version: 3 })));
    expect(within(part).getByText('2 svar')).toBeTruthy();
  });

  it('gives moderators the poll list with start, and "Ny omröstning"', async () => {
    const draft = makePoll({ sessionId: SESSION, status: 'draft', question: 'Förberedd fråga?' });
    const socket = await openRoom({}, 'moderator');
    socket.handle('poll:list', () => ok({ polls: [draft] }));
    await act(async () => {
      await useStore.getState().listPolls(SESSION);
    });
    socket.handle('poll:launch', () => ok({ ...draft, status: 'open' }));
    const launch = await screen.findByRole('button', { name: 'Starta omröstningen: Förberedd fråga?' });
    await act(async () => {
      fireEvent.click(launch);
    });
    expect(await screen.findByText('Omröstningen är startad.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Stäng omröstningen: Förberedd fråga?' })).toBe(launch);
    expect(within(section('Omröstning')).getByRole('heading', { name: 'Förberedd fråga?' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Ny omröstning' }).getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByRole('link', { name: 'Ladda ner omröstningar och frågor (CSV)' }).getAttribute('href')).toBe(`/api/events/${SLUG}/sessions/${SESSION}/interaction.csv`);
  });
});

describe('the live room’s questions', () => {
  it('lists questions by votes with upvote buttons, marks my pending one, and asks', async () => {
    const popular = makeQuestion({ sessionId: SESSION, text: 'Populär fråga', votes: 3 });
    const older = makeQuestion({ sessionId: SESSION, text: 'Äldre fråga', votes: 1, createdAt: '2026-11-24T08:00:00.000Z', answered: true });
    const pending = makeQuestion({ sessionId: SESSION, text: 'Min väntande fråga', status: 'pending' });
    const socket = await openRoom({ questions: [older, popular, pending], myQuestionIds: [pending.id], myVotes: [popular.id], premoderation: true });
    const part = section('Frågor');
    const items = () => within(within(part).getByTestId('question-list')).getAllByRole('listitem');
    expect(items().map((li) => li.querySelector('.question-text')!.textContent)).toEqual(['Populär fråga', 'Min väntande fråga', 'Äldre fråga']);
    expect(within(items()[1]!).getByText('Väntar på godkännande')).toBeTruthy();
    expect(within(items()[2]!).getByText('Besvarad')).toBeTruthy();
    const upvote = within(part).getByRole('button', { name: 'Rösta upp: Populär fråga' });
    expect(upvote.getAttribute('aria-pressed')).toBe('true');
    expect(within(part).getByRole('button', { name: 'Rösta upp: Äldre fråga' }).getAttribute('aria-pressed')).toBe('false');
    expect(within(part).getByText('3 röster')).toBeTruthy();

    fireEvent.click(within(part).getByRole('button', { name: 'Senaste' }));
    expect(items()[0]!.querySelector('.question-text')!.textContent).toBe('Min väntande fråga');

    expect(within(part).getByText('Frågorna granskas av en moderator innan de visas.')).toBeTruthy();
    socket.handle('question:ask', (p) => {
      const { id, text } = p as { id: string; text: string };
      return ok(makeQuestion({ id, text, sessionId: SESSION, status: 'pending', author: null }));
    });
    fireEvent.change(within(part).getByLabelText('Din fråga'), { target: { value: 'Hur går det med 5G?' } });
    fireEvent.click(within(part).getByLabelText('Fråga anonymt'));
    await act(async () => {
      fireEvent.click(within(part).getByRole('button', { name: 'Skicka fråga' }));
    });
    expect(socket.sentNamed('question:ask')).toEqual([expect.objectContaining({ room: SESSION, text: 'Hur går det med 5G?', anonymous: true })]);
    expect(await within(part).findByText('Frågan är skickad och visas för alla när en moderator har godkänt den.')).toBeTruthy();
    expect(within(part).getByText('Hur går det med 5G?')).toBeTruthy();
  });
});
