import { describe, expect, it, vi } from 'vitest';
import type { Role, SessionInteraction } from '@samling/protocol';
import { startRealtime } from '../../realtime/bindings.ts';
import { CHAT_SEND_ATTEMPTS } from '../../realtime/commands.ts';
import { useStore } from '../../store/index.ts';
import { makeChoiceResults, makePoll, makeQuestion } from '../../test/factories.ts';
import { fail, makeSnapshot, ok, sockets } from '../../test/fakeSocket.ts';
import { SLUG, connectAndJoin, setupRealtimeTests } from '../../test/realtime.ts';
import { selectQuestionIds } from './selectors.ts';

vi.mock('socket.io-client', () => import('../../test/fakeSocket.ts'));

const SESSION = crypto.randomUUID();
const store = () => useStore.getState();

const interaction = (over: Partial<SessionInteraction> = {}): SessionInteraction => ({
  poll: null, results: null, myBallot: null, questions: [], myQuestionIds: [], myVotes: [], premoderation: false, ...over,
});
const snapshot = (over: Partial<SessionInteraction> = {}, role: Role = 'attendee') =>
  makeSnapshot({ room: SESSION, session: { status: 'live' }, interaction: interaction(over), me: { userId: crypto.randomUUID(), role, mutedUntil: null } });

const join = (first: ReturnType<typeof snapshot>) => connectAndJoin(SESSION, first);

setupRealtimeTests();

describe('polls in the store', () => {
  it('keeps the highest version of a poll’s results: an older message after a newer one is ignored', async () => {
    const poll = makePoll({ sessionId: SESSION });
    const socket = await join(snapshot({ poll, results: makeChoiceResults(poll, [0, 0, 0], { version: 0 }) }));
    socket.broadcast('poll:results', makeChoiceResults(poll, [2, 1, 0], { version: 10 }));
    socket.broadcast('poll:results', makeChoiceResults(poll, [1, 0, 0], { version: 7 }));
    socket.broadcast('poll:results', makeChoiceResults(poll, [1, 1, 0], { version: 10 }));
    expect(store().pollResults[poll.id]).toMatchObject({ version: 10, voters: 3 });
    socket.broadcast('poll:results', makeChoiceResults(poll, [3, 1, 0], { version: 11, final: true }));
    expect(store().pollResults[poll.id]).toMatchObject({ version: 11, voters: 4, final: true });
  });

  it('follows the poll on screen: launching another one replaces it, closing keeps it with its final results', async () => {
    const first = makePoll({ sessionId: SESSION, question: 'Första?' });
    const socket = await join(snapshot({ poll: first }));
    expect(store().interactions[SESSION]!.currentPollId).toBe(first.id);
    const second = makePoll({ sessionId: SESSION, question: 'Andra?', status: 'draft' });
    socket.broadcast('poll:updated', { ...first, status: 'closed' });
    socket.broadcast('poll:updated', { ...second, status: 'open' });
    expect(store().interactions[SESSION]!.currentPollId).toBe(second.id);
    socket.broadcast('poll:updated', { ...second, status: 'closed' });
    expect(store().interactions[SESSION]!.currentPollId).toBe(second.id);
    expect(store().polls[second.id]!.status).toBe('closed');
    // A launched poll that is deleted comes once more as a draft: it leaves the screen.
    socket.broadcast('poll:updated', { ...second, status: 'draft' });
    expect(store().interactions[SESSION]!.currentPollId).toBeNull();
    expect(store().polls[second.id]).toBeUndefined();
  });

  it('replaces polls and Q&A with the snapshot after a reconnect that was not recovered', async () => {
    const old = makePoll({ sessionId: SESSION });
    const gone = makeQuestion({ sessionId: SESSION, text: 'Borttagen medan jag var borta' });
    const socket = await join(snapshot({ poll: old, results: makeChoiceResults(old, [5, 0, 0], { version: 99 }), myBallot: { kind: 'single', optionId: old.options[0]!.id }, questions: [gone] }));
    const fresh = makePoll({ sessionId: SESSION, question: 'Ny medan jag var borta' });
    const kept = makeQuestion({ sessionId: SESSION, text: 'Ny fråga', votes: 4 });
    socket.handle('room:join', () => ok(snapshot({ poll: fresh, results: makeChoiceResults(fresh, [1, 0, 0], { version: 0 }), questions: [kept], premoderation: true })));
    socket.serverDrop('transport close');
    await new Promise((r) => setTimeout(r, 800));
    socket.serverConnect({ recovered: false });
    await vi.waitFor(() => expect(store().connection.status).toBe('online'));

    const room = store().interactions[SESSION]!;
    expect(room.currentPollId).toBe(fresh.id);
    expect(room.premoderation).toBe(true);
    expect(store().pollResults[fresh.id]).toMatchObject({ version: 0, voters: 1 });
    expect(store().myBallots[fresh.id]).toBeUndefined();
    expect(selectQuestionIds(store(), SESSION, 'popular')).toEqual([kept.id]);
    expect(store().questions[gone.id]).toBeUndefined();
  });

  it('keeps what a broadcast brought while the snapshot was on its way (the final result of a poll closed meanwhile)', async () => {
    const poll = makePoll({ sessionId: SESSION });
    startRealtime(SLUG);
    const socket = sockets[0]!;
    // The server joins the socket to the room before it answers: broadcasts can overtake the snapshot.
    socket.handle('room:join', () => {
      socket.broadcast('poll:updated', { ...poll, status: 'closed' });
      socket.broadcast('poll:results', makeChoiceResults(poll, [3, 2, 1], { version: 500, final: true }));
      return ok(snapshot({ poll, results: makeChoiceResults(poll, [2, 2, 1], { version: 0 }) }));
    });
    socket.serverConnect();
    await vi.waitFor(() => expect(store().connection.status).toBe('online'));
    await store().joinRoom(SESSION);
    expect(store().polls[poll.id]!.status).toBe('closed');
    expect(store().pollResults[poll.id]).toMatchObject({ version: 500, final: true, voters: 6 });
  });

  it('forgets my answer when a moderator resets the poll', async () => {
    const poll = makePoll({ sessionId: SESSION });
    const socket = await join(snapshot({ poll, myBallot: { kind: 'single', optionId: poll.options[1]!.id } }));
    expect(store().myBallots[poll.id]).toBeDefined();
    socket.broadcast('poll:updated', { ...poll, openedAt: '2026-11-24T09:05:00.000Z' });
    expect(store().myBallots[poll.id]).toBeUndefined();
  });

  it('lets moderators keep the quiz answer that the audience’s broadcast leaves out', async () => {
    const poll = makePoll({ sessionId: SESSION, kind: 'quiz', status: 'draft' });
    const socket = await join(snapshot({}, 'moderator'));
    socket.handle('poll:list', () => ok({ polls: [{ ...poll, correctOptionIds: [poll.options[0]!.id] }] }));
    await store().listPolls(SESSION);
    socket.broadcast('poll:updated', { ...poll, status: 'open', correctOptionIds: null });
    expect(store().polls[poll.id]!.correctOptionIds).toEqual([poll.options[0]!.id]);
    expect(store().interactions[SESSION]!.currentPollId).toBe(poll.id);
  });

  it('votes with a client-made id, reuses it when the answer is lost, and stores the answer once acknowledged', async () => {
    const poll = makePoll({ sessionId: SESSION });
    const socket = await join(snapshot({ poll }));
    const ballot = { kind: 'single' as const, optionId: poll.options[2]!.id };
    socket.handle('poll:vote', () => {
      throw new Error('operation has timed out');
    });
    await expect(store().vote(poll.id, ballot)).rejects.toMatchObject({ code: 'NETWORK' });
    expect(socket.sentNamed('poll:vote')).toHaveLength(CHAT_SEND_ATTEMPTS);
    socket.handle('poll:vote', (p) => ok({ ballot: (p as { ballot: unknown }).ballot }));
    await store().vote(poll.id, ballot);
    const ids = (socket.sentNamed('poll:vote') as { voteId: string }[]).map((p) => p.voteId);
    expect(new Set(ids).size).toBe(1);
    expect(store().myBallots[poll.id]).toEqual(ballot);

    // A refused vote is not retried, and a new answer is a new vote.
    socket.handle('poll:vote', () => fail('ALREADY_VOTED'));
    await expect(store().vote(poll.id, { kind: 'single', optionId: poll.options[0]!.id })).rejects.toMatchObject({ code: 'ALREADY_VOTED' });
    const last = socket.sentNamed('poll:vote').at(-1) as { voteId: string };
    expect(last.voteId).not.toBe(ids[0]);
  });
});

describe('Q&A in the store', () => {
  it('orders by votes then time, shows my pending question to me, and applies batched vote counts', async () => {
    const a = makeQuestion({ sessionId: SESSION, text: 'A', votes: 1, createdAt: '2026-11-24T09:00:01.000Z' });
    const b = makeQuestion({ sessionId: SESSION, text: 'B', votes: 3, createdAt: '2026-11-24T09:00:02.000Z' });
    const c = makeQuestion({ sessionId: SESSION, text: 'C', votes: 1, createdAt: '2026-11-24T09:00:00.000Z' });
    const mine = makeQuestion({ sessionId: SESSION, text: 'Min', status: 'pending', createdAt: '2026-11-24T09:00:05.000Z' });
    const socket = await join(snapshot({ questions: [a, b, c, mine], myQuestionIds: [mine.id] }));
    const order = () => selectQuestionIds(store(), SESSION, 'popular').map((id) => store().questions[id]!.text);
    expect(order()).toEqual(['B', 'C', 'A', 'Min']);
    expect(selectQuestionIds(store(), SESSION, 'recent').map((id) => store().questions[id]!.text)).toEqual(['Min', 'B', 'A', 'C']);
    socket.broadcast('question:votes', { votes: { [a.id]: 5 } });
    expect(order()).toEqual(['A', 'B', 'C', 'Min']);
    socket.broadcast('question:updated', { ...c, pinned: true });
    expect(order()[0]).toBe('C');
    socket.broadcast('question:removed', { questionId: a.id });
    expect(order()).toEqual(['C', 'B', 'Min']);
  });

  it('shows an upvote at once and takes it back when the server refuses', async () => {
    const q = makeQuestion({ sessionId: SESSION, votes: 2 });
    const socket = await join(snapshot({ questions: [q] }));
    let answer: (v: unknown) => void = () => {};
    socket.handle('question:vote', () => new Promise((resolve) => (answer = resolve)));
    const voting = store().upvoteQuestion(q.id, true);
    expect(store().questions[q.id]!.votes).toBe(3);
    expect(store().interactions[SESSION]!.myVotes).toEqual([q.id]);
    await vi.waitFor(() => expect(socket.sentNamed('question:vote')).toEqual([{ questionId: q.id, up: true }]));
    answer(fail('NOT_FOUND'));
    await expect(voting).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(store().questions[q.id]!.votes).toBe(2);
    expect(store().interactions[SESSION]!.myVotes).toEqual([]);
  });
});

describe('poll lists', () => {
  it('do not overwrite a poll a broadcast changed while the list was on its way', async () => {
    const poll = makePoll({ sessionId: SESSION, status: 'draft' });
    const socket = await join(snapshot({}, 'moderator'));
    socket.handle('poll:list', () => {
      // Read before the launch, answered after its broadcast.
      socket.broadcast('poll:updated', { ...poll, status: 'open' });
      return ok({ polls: [poll] });
    });
    await store().listPolls(SESSION);
    expect(store().polls[poll.id]!.status).toBe('open');
    expect(store().interactions[SESSION]!.currentPollId).toBe(poll.id);
  });
});
