// Polls and Q&A in live rooms, with real Socket.IO clients against the real app on PGlite.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, toZoned, type Ballot, type Poll, type PollResultsMessage } from '@samling/protocol';
import { RateLimiter } from '../src/realtime/rate-limit.ts';
import { backends, Client, listen, signedUp, startApp, type TestApp } from './harness.ts';
import { call, collect, connectTo, next, ok, type ClientSocket } from './realtime-harness.ts';

const slug = 'omrostning';

describe('polls and Q&A', () => {
  let t: TestApp;
  let base: string;
  let eventId: string;
  let sessionId: string;
  let moderator: Client & { email: string };
  let alice: Client & { email: string };
  const sockets: ClientSocket[] = [];
  const open = async (cookie: string | undefined) => {
    const s = await connectTo(base, { slug, cookie });
    sockets.push(s);
    return s;
  };

  /** People straight into the database with a browser session each: 300 scrypt sign-ups would test hashing, not polls. */
  async function attendees(n: number): Promise<string[]> {
    const cookies: string[] = [];
    const users = Array.from({ length: n }, (_, i) => ({ id: randomUUID(), email: `p${i}-${randomBytes(4).toString('hex')}@example.se`, passwordHash: '!', displayName: `Deltagare ${i}` }));
    await t.db.prisma.user.createMany({ data: users });
    await t.db.prisma.membership.createMany({ data: users.map((u) => ({ eventId, userId: u.id, role: 'attendee' })) });
    const sessions = users.map((u) => {
      const token = randomBytes(32).toString('base64url');
      cookies.push(`samling_session=${token}`);
      return { userId: u.id, tokenHash: createHash('sha256').update(token).digest('hex'), expiresAt: new Date(Date.now() + 3_600_000) };
    });
    await t.db.prisma.authSession.createMany({ data: sessions });
    return cookies;
  }

  const createPoll = async (who: ClientSocket, poll: Parameters<typeof ok<'poll:create'>>[2]['poll']) => ok(who, 'poll:create', { room: sessionId, poll });

  beforeAll(async () => {
    t = await startApp(backends.find((b) => b.name === 'pglite')!);
    base = await listen(t);
    t.app.realtime.limits.commands = new RateLimiter(1e6, 1e6);
    const organiser = await signedUp(t.app, 'Olga');
    const today = toZoned(new Date(), 'Europe/Stockholm').date;
    eventId = (await organiser.post('/api/events', { slug, name: 'Omröstning', startDate: addDays(today, -1), endDate: addDays(today, 1) })).json().id;
    sessionId = (await organiser.post(`/api/events/${slug}/sessions`, {
      title: 'Panelen', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    })).json().session.id;
    moderator = await signedUp(t.app, 'Moa');
    await organiser.post(`/api/events/${slug}/members`, { email: moderator.email, role: 'moderator' });
    alice = await signedUp(t.app, 'Alice');
    await alice.post(`/api/events/${slug}/join`);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t?.close();
  });

  it('counts a burst of 300 voters with 10 % retried emits exactly: the final tally equals the database', async () => {
    const mod = await open(moderator.cookie);
    await ok(mod, 'room:join', { room: sessionId });
    const poll = await createPoll(mod, { kind: 'single', question: 'Vilken teknik påverkar er mest?', options: ['AI', 'Robotar', 'Digitala tvillingar', '5G'].map((label) => ({ label })) });
    const cookies = await attendees(300);
    const crowd: ClientSocket[] = [];
    for (let i = 0; i < cookies.length; i += 50) {
      crowd.push(...(await Promise.all(cookies.slice(i, i + 50).map((c) => open(c)))));
    }
    await Promise.all(crowd.map((s) => ok(s, 'room:join', { room: sessionId })));
    const launched = next(crowd[0]!, 'poll:updated', (p) => p.id === poll.id && p.status === 'open');
    await ok(mod, 'poll:launch', { pollId: poll.id });
    await launched;

    const seen = collect(crowd[1]!, 'poll:results');
    const expected = new Map(poll.options.map((o) => [o.id, 0]));
    const acks = await Promise.all(crowd.map(async (s, i) => {
      const option = poll.options[i % poll.options.length]!;
      const payload = { pollId: poll.id, voteId: randomUUID(), ballot: { kind: 'single', optionId: option.id } as Ballot };
      // Every tenth person's client sends its vote twice, as a retry after a lost ack would.
      const sends = i % 10 === 0 ? [call(s, 'poll:vote', payload), call(s, 'poll:vote', payload)] : [call(s, 'poll:vote', payload)];
      const results = await Promise.all(sends);
      for (const r of results) expect(r.ok, JSON.stringify(r)).toBe(true);
      expected.set(option.id, expected.get(option.id)! + 1);
      return results.length;
    }));
    expect(acks.reduce((a, b) => a + b, 0)).toBe(330);

    const final = next(crowd[1]!, 'poll:results', (m) => m.pollId === poll.id && m.final);
    await ok(mod, 'poll:close', { pollId: poll.id });
    const result = (await final) as PollResultsMessage;
    expect(await t.db.prisma.vote.count({ where: { pollId: poll.id } })).toBe(300);
    expect(result.voters).toBe(300);
    expect(result.results?.kind).toBe('single');
    if (result.results?.kind === 'single') {
      expect(Object.fromEntries(result.results.options.map((o) => [o.optionId, o.count]))).toEqual(Object.fromEntries(expected));
    }
    // Results came as a few throttled, versioned updates, never one per vote.
    expect(seen.length).toBeLessThan(40);
    const versions = seen.filter((m) => m.pollId === poll.id).map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect((await t.app.inject({ method: 'GET', url: `/api/events/${slug}/sessions/${sessionId}/polls`, headers: { cookie: moderator.cookie! } })).json()
      .find((s: { poll: Poll }) => s.poll.id === poll.id)).toMatchObject({ voters: 300, present: 301 });
    for (const s of crowd) s.close();
  }, 120_000);

  it('refuses bad votes with typed errors and changes nothing', async () => {
    const mod = await open(moderator.cookie);
    const a = await open(alice.cookie);
    for (const s of [mod, a]) await ok(s, 'room:join', { room: sessionId });
    const poll = await createPoll(mod, { kind: 'multiple', question: 'Vilka?', options: ['A', 'B', 'C', 'D'].map((label) => ({ label })), settings: { maxChoices: 2, allowChange: false } });
    const vote = (ballot: Ballot, pollId = poll.id) => call(a, 'poll:vote', { pollId, voteId: randomUUID(), ballot });
    const [o1, o2, o3] = poll.options;
    expect(await vote({ kind: 'multiple', optionIds: [o1!.id] })).toMatchObject({ ok: false, error: { code: 'POLL_CLOSED' } });
    await ok(mod, 'poll:launch', { pollId: poll.id });
    expect(await vote({ kind: 'multiple', optionIds: [o1!.id] }, randomUUID())).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await vote({ kind: 'multiple', optionIds: [randomUUID()] })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await vote({ kind: 'multiple', optionIds: [o1!.id, o2!.id, o3!.id] })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await vote({ kind: 'single', optionId: o1!.id })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await call(a, 'poll:close', { pollId: poll.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(a, 'poll:create', { room: sessionId, poll: { kind: 'single', question: 'Min?', options: [{ label: 'x' }, { label: 'y' }] } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await t.db.prisma.vote.count({ where: { pollId: poll.id } })).toBe(0);

    await ok(a, 'poll:vote', { pollId: poll.id, voteId: randomUUID(), ballot: { kind: 'multiple', optionIds: [o2!.id, o1!.id] } });
    expect(await vote({ kind: 'multiple', optionIds: [o3!.id] })).toMatchObject({ ok: false, error: { code: 'ALREADY_VOTED' } });
    await ok(mod, 'poll:close', { pollId: poll.id });
    expect(await vote({ kind: 'multiple', optionIds: [o1!.id] })).toMatchObject({ ok: false, error: { code: 'POLL_CLOSED' } });
    const stored = await t.db.prisma.vote.findMany({ where: { pollId: poll.id } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.ballot).toEqual({ kind: 'multiple', optionIds: [o1!.id, o2!.id] });
  });

  it('lets people change their answer where allowed, and shows a late joiner the poll and their answer', async () => {
    const mod = await open(moderator.cookie);
    const a = await open(alice.cookie);
    for (const s of [mod, a]) await ok(s, 'room:join', { room: sessionId });
    const poll = await createPoll(mod, { kind: 'scale', question: 'Hur väl stämmer det?', options: [{ label: 'AI hjälper oss' }, { label: 'Vi har kompetensen' }], settings: { scaleMin: 1, scaleMax: 5 } });
    await ok(mod, 'poll:launch', { pollId: poll.id });
    const [s1, s2] = poll.options;
    await ok(a, 'poll:vote', { pollId: poll.id, voteId: randomUUID(), ballot: { kind: 'scale', ratings: { [s1!.id]: 2, [s2!.id]: 5 } } });
    await ok(a, 'poll:vote', { pollId: poll.id, voteId: randomUUID(), ballot: { kind: 'scale', ratings: { [s1!.id]: 4, [s2!.id]: 5 } } });
    expect(await call(a, 'poll:vote', { pollId: poll.id, voteId: randomUUID(), ballot: { kind: 'scale', ratings: { [s1!.id]: 6, [s2!.id]: 5 } } })).toMatchObject({ ok: false });
    const late = await open(alice.cookie);
    const snap = await ok(late, 'room:join', { room: sessionId });
    expect(snap.interaction?.poll?.id).toBe(poll.id);
    expect(snap.interaction?.myBallot).toEqual({ kind: 'scale', ratings: { [s1!.id]: 4, [s2!.id]: 5 } });
    expect(snap.interaction?.results?.results).toMatchObject({ kind: 'scale', voters: 1, statements: [{ optionId: s1!.id, average: 4 }, { optionId: s2!.id, average: 5 }] });
    await ok(mod, 'poll:close', { pollId: poll.id });
  });

  it('keeps hidden results from the audience until the moderator reveals them', async () => {
    const mod = await open(moderator.cookie);
    const a = await open(alice.cookie);
    for (const s of [mod, a]) await ok(s, 'room:join', { room: sessionId });
    const poll = await createPoll(mod, { kind: 'wordcloud', question: 'Ett ord om industrin?', settings: { hideResults: true, maxWords: 3 } });
    await ok(mod, 'poll:launch', { pollId: poll.id });
    const forMod = next(mod, 'poll:results', (m) => m.pollId === poll.id && m.voters === 1);
    const forAudience = next(a, 'poll:results', (m) => m.pollId === poll.id && m.voters === 1);
    await ok(a, 'poll:vote', { pollId: poll.id, voteId: randomUUID(), ballot: { kind: 'wordcloud', words: ['Industri  4.0', 'industri 4.0', 'Hållbarhet'] } });
    expect((await forMod).results).toMatchObject({ kind: 'wordcloud', words: [{ word: 'hållbarhet', count: 1 }, { word: 'industri 4.0', count: 1 }] });
    expect((await forAudience).results).toBeNull();
    const revealed = next(a, 'poll:results', (m) => m.pollId === poll.id && m.results !== null);
    await ok(mod, 'poll:reveal', { pollId: poll.id, revealed: true });
    expect((await revealed).results?.kind).toBe('wordcloud');
    await ok(mod, 'poll:close', { pollId: poll.id });
  });

  it('runs a quiz: the answer stays secret until it closes, fast correct answers score more, named people reach the leaderboard', async () => {
    const mod = await open(moderator.cookie);
    const a = await open(alice.cookie);
    for (const s of [mod, a]) await ok(s, 'room:join', { room: sessionId });
    const poll = await createPoll(mod, {
      kind: 'quiz', question: 'När startade Smart industri?', options: [{ label: '2016', correct: true }, { label: '2006' }, { label: '1996' }],
      settings: { anonymous: false, timerSeconds: 30 },
    });
    const opened = next(a, 'poll:updated', (p) => p.id === poll.id && p.status === 'open');
    const openedForMod = next(mod, 'poll:updated', (p) => p.id === poll.id && p.status === 'open');
    await ok(mod, 'poll:launch', { pollId: poll.id });
    const audienceView = await opened;
    expect(audienceView.correctOptionIds).toBeNull();
    expect((await openedForMod).correctOptionIds).toEqual([poll.options[0]!.id]);
    expect(audienceView.closesAt).not.toBeNull();
    await ok(a, 'poll:vote', { pollId: poll.id, voteId: randomUUID(), ballot: { kind: 'quiz', optionId: poll.options[0]!.id } });
    const closedView = next(a, 'poll:updated', (p) => p.id === poll.id && p.status === 'closed');
    const final = next(a, 'poll:results', (m) => m.pollId === poll.id && m.final);
    await ok(mod, 'poll:close', { pollId: poll.id });
    expect((await closedView).correctOptionIds).toEqual([poll.options[0]!.id]);
    const results = (await final).results;
    expect(results?.kind).toBe('quiz');
    if (results?.kind === 'quiz') {
      expect(results.leaderboard).toHaveLength(1);
      expect(results.leaderboard[0]!.name).toBe('Alice');
      expect(results.leaderboard[0]!.points).toBeGreaterThan(900);
    }
  });

  it('closes a timed poll by itself', async () => {
    const mod = await open(moderator.cookie);
    await ok(mod, 'room:join', { room: sessionId });
    const poll = await createPoll(mod, { kind: 'single', question: 'Snabbt?', options: [{ label: 'Ja' }, { label: 'Nej' }], settings: { timerSeconds: 5 } });
    const closed = next(mod, 'poll:updated', (p) => p.id === poll.id && p.status === 'closed', 9000);
    await ok(mod, 'poll:launch', { pollId: poll.id });
    await closed;
  }, 15_000);

  it('shows open answers as a wall the moderator can tidy', async () => {
    const mod = await open(moderator.cookie);
    const a = await open(alice.cookie);
    for (const s of [mod, a]) await ok(s, 'room:join', { room: sessionId });
    const poll = await createPoll(mod, { kind: 'open', question: 'Vad vill du fråga panelen?' });
    await ok(mod, 'poll:launch', { pollId: poll.id });
    await ok(a, 'poll:vote', { pollId: poll.id, voteId: randomUUID(), ballot: { kind: 'open', text: '<b>Olämpligt</b>' } });
    const shown = await next(mod, 'poll:results', (m) => m.pollId === poll.id && m.voters === 1);
    const answer = shown.results?.kind === 'open' ? shown.results.answers[0]! : undefined;
    expect(answer?.text).toBe('<b>Olämpligt</b>');
    const tidied = next(a, 'poll:results', (m) => m.pollId === poll.id && m.results?.kind === 'open' && m.results.answers.length === 0);
    await ok(mod, 'poll:moderateAnswer', { pollId: poll.id, answerId: answer!.id, hidden: true });
    await tidied;
    await ok(mod, 'poll:close', { pollId: poll.id });
  });

  it('orders Q&A by upvotes, keeps pending questions between asker and moderators, and hides on request', async () => {
    const mod = await open(moderator.cookie);
    const a = await open(alice.cookie);
    const bob = await signedUp(t.app, 'Bob');
    await bob.post(`/api/events/${slug}/join`);
    const b = await open(bob.cookie);
    for (const s of [mod, a, b]) await ok(s, 'room:join', { room: sessionId });
    const first = await ok(a, 'question:ask', { room: sessionId, id: randomUUID(), text: 'Hur finansieras testbäddarna?', anonymous: false });
    const second = await ok(b, 'question:ask', { room: sessionId, id: randomUUID(), text: 'Vad gör ni för små företag?', anonymous: true });
    expect(second.author).toBeNull();
    const counted = next(a, 'question:votes', (v) => v.votes[second.id] === 2);
    await ok(a, 'question:vote', { questionId: second.id, up: true });
    await ok(mod, 'question:vote', { questionId: second.id, up: true });
    await ok(mod, 'question:vote', { questionId: second.id, up: true });
    await counted;
    expect((await ok(b, 'room:join', { room: sessionId })).interaction?.questions.map((q) => q.id)).toEqual([second.id, first.id]);

    await ok(mod, 'qa:configure', { room: sessionId, premoderation: true });
    const toMod = next(mod, 'question:updated', (q) => q.status === 'pending');
    const toAsker = next(b, 'question:updated', (q) => q.status === 'pending');
    const leaked = collect(a, 'question:updated');
    const pending = await ok(b, 'question:ask', { room: sessionId, id: randomUUID(), text: 'En fråga som väntar', anonymous: false });
    expect(pending.status).toBe('pending');
    await Promise.all([toMod, toAsker]);
    const approvedForA = next(a, 'question:updated', (q) => q.id === pending.id && q.status === 'approved');
    await ok(mod, 'question:moderate', { questionId: pending.id, action: 'approve' });
    await approvedForA;
    expect(leaked.filter((q) => q.status === 'pending')).toEqual([]);
    const removed = next(a, 'question:removed', (r) => r.questionId === first.id);
    await ok(mod, 'question:moderate', { questionId: first.id, action: 'hide' });
    await removed;
    expect(await call(a, 'question:moderate', { questionId: second.id, action: 'answer' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await ok(mod, 'qa:configure', { room: sessionId, premoderation: false });

    const csv = await t.app.inject({ method: 'GET', url: `/api/events/${slug}/sessions/${sessionId}/interaction.csv`, headers: { cookie: moderator.cookie! } });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.startsWith('\ufeff')).toBe(true);
    expect(csv.body).toContain('Vad gör ni för små företag?');
    expect(csv.body).toContain('Vilken teknik påverkar er mest?');
    expect((await t.app.inject({ method: 'GET', url: `/api/events/${slug}/sessions/${sessionId}/interaction.csv`, headers: { cookie: alice.cookie! } })).statusCode).toBe(403);
  });

  it('lets people in the hall join by code as guests, where the organiser allows it, and vote in the same pool', async () => {
    const anon = new Client(t.app);
    expect((await anon.post('/api/guest/join', { code: '123456', displayName: 'Gäst' })).statusCode).toBe(404);
    const organiser = new Client(t.app);
    const orgRow = await t.db.prisma.membership.findFirstOrThrow({ where: { eventId, role: 'organiser' }, include: { user: true } });
    const token = randomBytes(32).toString('base64url');
    await t.db.prisma.authSession.create({ data: { userId: orgRow.userId, tokenHash: createHash('sha256').update(token).digest('hex'), expiresAt: new Date(Date.now() + 3_600_000) } });
    organiser.cookie = `samling_session=${token}`;
    expect((await organiser.get(`/api/events/${slug}/guest-access`)).json()).toMatchObject({ enabled: false, joinUrl: null });
    expect((await organiser.patch(`/api/events/${slug}`, { guestAccess: true })).json().guestAccess).toBe(true);
    const access = (await organiser.get(`/api/events/${slug}/guest-access`)).json();
    expect(access.code).toMatch(/^\d{6}$/);
    expect(access.joinUrl).toBe(`http://samling.test/join?code=${access.code}`);
    const qr = await organiser.get(`/api/events/${slug}/guest-qr.svg`);
    expect(qr.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(qr.body).toContain('<svg');
    expect((await new Client(t.app).get(`/api/events/${slug}/guest-access`)).statusCode).toBe(401);

    const guest = new Client(t.app);
    const joined = await guest.post('/api/guest/join', { code: access.code, displayName: 'Gunnel i salen' });
    expect(joined.statusCode).toBe(201);
    expect(joined.json()).toEqual({ eventSlug: slug });
    expect((await guest.get('/api/auth/me')).json()).toMatchObject({ user: { displayName: 'Gunnel i salen' }, memberships: [{ eventSlug: slug, role: 'guest' }] });

    const mod = await open(moderator.cookie);
    const g = await open(guest.cookie);
    for (const s of [mod, g]) await ok(s, 'room:join', { room: sessionId });
    const poll = await createPoll(mod, { kind: 'ranking', question: 'Rangordna', options: ['Kompetens', 'Kapital', 'Teknik'].map((label) => ({ label })) });
    await ok(mod, 'poll:launch', { pollId: poll.id });
    const order = [poll.options[2]!.id, poll.options[0]!.id, poll.options[1]!.id];
    await ok(g, 'poll:vote', { pollId: poll.id, voteId: randomUUID(), ballot: { kind: 'ranking', order } });
    const results = await next(mod, 'poll:results', (m) => m.pollId === poll.id && m.voters === 1);
    expect(results.results).toMatchObject({ kind: 'ranking', options: [{ optionId: order[0], averageRank: 1 }, { optionId: order[1], averageRank: 2 }, { optionId: order[2], averageRank: 3 }] });
    // Guests vote and ask; the chat is for people with accounts.
    expect(await call(g, 'chat:send', { room: sessionId, id: randomUUID(), text: 'Hej' })).toMatchObject({ ok: false, error: { code: 'GUESTS_NOT_ALLOWED' } });
    await ok(mod, 'poll:close', { pollId: poll.id });
    const pollCsv = await t.app.inject({ method: 'GET', url: `/api/events/${slug}/polls/${poll.id}/results.csv`, headers: { cookie: moderator.cookie! } });
    expect(pollCsv.body).toContain('Rangordna');
  });
});
