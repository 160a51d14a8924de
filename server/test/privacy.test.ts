// Personal data: the download, account deletion and the purge of an ended event, against the real app on each
// storage backend (the deletion and the purge are transactions) with real Socket.IO clients.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_DELETION_PHRASE, addDays, myDataSchema, toZoned, type Ballot } from '@samling/protocol';
import { RateLimiter } from '../src/realtime/rate-limit.ts';
import { backends, Client, listen, signedUp, startApp, type TestApp } from './harness.ts';
import { connectTo, ok, type ClientSocket } from './realtime-harness.ts';

const PASSWORD = 'correct horse battery';
type Person = Client & { email: string };

describe.each(backends)('personal data on $name', (backend) => {
  let t: TestApp;
  let base: string;
  const sockets: ClientSocket[] = [];
  const today = () => toZoned(new Date(), 'Europe/Stockholm').date;

  const open = async (slug: string, cookie: string | undefined) => {
    const s = await connectTo(base, { slug, cookie });
    sockets.push(s);
    return s;
  };
  const disconnected = (s: ClientSocket) => new Promise<string>((resolve) => s.once('disconnect', (reason) => resolve(reason)));

  /** An event happening now with one live session, its organiser and moderator (with a socket in the room). */
  async function liveEvent(slug: string) {
    const organiser = await signedUp(t.app, 'Olga Organisatör');
    const event = (await organiser.post('/api/events', { slug, name: `Event ${slug}`, startDate: addDays(today(), -1), endDate: addDays(today(), 1), guestAccess: true })).json();
    const sessionId: string = (await organiser.post(`/api/events/${slug}/sessions`, {
      title: 'Panelen', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    })).json().session.id;
    const moderator = await signedUp(t.app, 'Moa Moderator');
    await organiser.post(`/api/events/${slug}/members`, { email: moderator.email, role: 'moderator' });
    const mod = await open(slug, moderator.cookie);
    await ok(mod, 'session:setStatus', { sessionId, status: 'live' });
    await ok(mod, 'room:join', { room: sessionId });
    const poll = await ok(mod, 'poll:create', { room: sessionId, poll: { kind: 'single', question: 'Vilken teknik?', options: [{ label: 'AI' }, { label: 'Robotar' }] } });
    await ok(mod, 'poll:launch', { pollId: poll.id });
    return { slug, eventId: event.id as string, sessionId, organiser, moderator, mod, poll };
  }
  type Live = Awaited<ReturnType<typeof liveEvent>>;

  /** A person who joined the event, with a socket in the session's room. */
  async function attendee(e: Live, name: string) {
    const person = await signedUp(t.app, name);
    expect((await person.post(`/api/events/${e.slug}/join`)).statusCode).toBe(200);
    const socket = await open(e.slug, person.cookie);
    await ok(socket, 'room:join', { room: e.sessionId });
    return { person, socket };
  }
  const vote = (s: ClientSocket, e: Live, option: number) =>
    ok(s, 'poll:vote', { pollId: e.poll.id, voteId: randomUUID(), ballot: { kind: 'single', optionId: e.poll.options[option]!.id } as Ballot });
  const pollFigures = async (e: Live) => {
    const list = (await e.moderator.get(`/api/events/${e.slug}/sessions/${e.sessionId}/polls`)).json() as { poll: { id: string }; voters: number }[];
    const csv = (await e.moderator.get(`/api/events/${e.slug}/polls/${e.poll.id}/results.csv`)).body;
    return { voters: list.find((p) => p.poll.id === e.poll.id)!.voters, csv };
  };
  async function consent(eventId: string, userId: string) {
    await t.db.prisma.privacyNotice.upsert({ where: { eventId_version: { eventId, version: 1 } }, create: { eventId, version: 1, textSv: 'Vi behandlar…' }, update: {} });
    await t.db.prisma.consent.create({ data: { eventId, userId, noticeVersion: 1 } });
  }
  const userId = async (c: Person) => (await t.db.prisma.user.findUniqueOrThrow({ where: { email: c.email } })).id;

  beforeAll(async () => {
    t = await startApp(backend);
    base = await listen(t);
    t.app.realtime.limits.commands = new RateLimiter(1e6, 1e6);
    t.app.realtime.limits.chat = new RateLimiter(1e6, 1e6);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t?.close();
  });

  describe('download and deletion', () => {
    let e: Live;
    let alice: Awaited<ReturnType<typeof attendee>>;
    let bob: Awaited<ReturnType<typeof attendee>>;
    let bobsQuestionId: string;
    let alicesMessageId: string;
    let alicesQuestionId: string;

    beforeAll(async () => {
      e = await liveEvent('uppgifter');
      alice = await attendee(e, 'Alice Andersson');
      bob = await attendee(e, 'Bob Berg');
      alicesMessageId = (await ok(alice.socket, 'chat:send', { room: e.sessionId, id: randomUUID(), text: 'Hej från Alice' })).id;
      await ok(bob.socket, 'chat:send', { room: e.sessionId, id: randomUUID(), text: 'Bobs hemliga rad' });
      alicesQuestionId = (await ok(alice.socket, 'question:ask', { room: e.sessionId, id: randomUUID(), text: 'Alices fråga om AI?', anonymous: false })).id;
      bobsQuestionId = (await ok(bob.socket, 'question:ask', { room: e.sessionId, id: randomUUID(), text: 'Bobs fråga om robotar?', anonymous: false })).id;
      await ok(alice.socket, 'question:vote', { questionId: bobsQuestionId, up: true });
      await ok(bob.socket, 'question:vote', { questionId: alicesQuestionId, up: true });
      await vote(alice.socket, e, 0);
      await vote(bob.socket, e, 1);
      expect((await alice.person.put(`/api/events/${e.slug}/stars/${e.sessionId}`)).statusCode).toBe(200);
      await consent(e.eventId, await userId(alice.person));
    });

    it('downloads everything held about the person as a dated JSON attachment, and nothing about others', async () => {
      const res = await alice.person.get('/api/me/data');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="samling-data-\d{4}-\d{2}-\d{2}\.json"$/);
      const data = myDataSchema.parse(res.json());
      expect(data.account).toMatchObject({ email: alice.person.email, displayName: 'Alice Andersson', isGuest: false, hasPassword: true });
      expect(data.signInSessions).toEqual([expect.objectContaining({ current: true })]);
      expect(JSON.stringify(data.signInSessions)).not.toMatch(/token/i);
      expect(data.memberships).toEqual([expect.objectContaining({ eventSlug: e.slug, role: 'attendee' })]);
      expect(data.consents).toEqual([expect.objectContaining({ eventSlug: e.slug, noticeVersion: 1 })]);
      expect(data.starredSessions).toEqual([expect.objectContaining({ sessionId: e.sessionId, title: 'Panelen' })]);
      expect(data.chatMessages).toEqual([expect.objectContaining({ id: alicesMessageId, text: 'Hej från Alice', roomName: 'Panelen', deleted: false })]);
      expect(data.questions).toEqual([expect.objectContaining({ id: alicesQuestionId, text: 'Alices fråga om AI?', upvotes: 1 })]);
      expect(data.questionUpvotes).toEqual([expect.objectContaining({ questionId: bobsQuestionId })]);
      expect(data.pollVotes).toEqual([expect.objectContaining({ pollId: e.poll.id, pollQuestion: 'Vilken teknik?', ballot: { kind: 'single', optionId: e.poll.options[0]!.id } })]);
      expect(data.auditEntries).toEqual([]);
      // Nothing of Bob: not his words, his name or his address.
      for (const foreign of ['Bobs hemliga rad', 'Bobs fråga', 'Bob Berg', bob.person.email]) expect(res.body).not.toContain(foreign);
      expect((await new Client(t.app).get('/api/me/data')).statusCode).toBe(401);
      expect((await alice.person.get('/api/me')).json()).toMatchObject({ email: alice.person.email, isGuest: false, hasPassword: true, signedInAt: data.signInSessions[0]!.createdAt });
    });

    it('lists what a moderator did in their download', async () => {
      const data = myDataSchema.parse((await e.moderator.get('/api/me/data')).json());
      expect(data.auditEntries.map((a) => a.action)).toEqual(expect.arrayContaining(['session.status', 'poll.launched']));
    });

    it('deletes an account with its password: messages, questions and votes stay without it, live sockets drop, sign-in is refused', async () => {
      const before = await pollFigures(e);
      expect(before.voters).toBe(2);
      const aliceId = await userId(alice.person);
      // Bob has the room open: whatever a node keeps of it must not outlive the deletion.
      expect((await ok(bob.socket, 'room:join', { room: e.sessionId })).messages.find((m) => m.id === alicesMessageId)?.author.displayName).toBe('Alice Andersson');

      const wrong = await alice.person.request('DELETE', '/api/me', { password: 'not the password' });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
      expect((await alice.person.request('DELETE', '/api/me', {})).json().error.code).toBe('INVALID_CREDENTIALS');

      const dropped = disconnected(alice.socket);
      const res = await alice.person.request('DELETE', '/api/me', { password: PASSWORD });
      expect(res.statusCode).toBe(204);
      expect(res.cookies.find((c) => c.name === 'samling_session')?.value).toBe('');
      expect(await dropped).toBe('io server disconnect');

      // Bob, coming back into the room, sees Alice's message as a deleted user's and her question without author.
      const snapshot = await ok(bob.socket, 'room:join', { room: e.sessionId });
      expect(snapshot.messages.find((m) => m.id === alicesMessageId)).toMatchObject({ text: 'Hej från Alice', author: { id: null, displayName: 'deleted user' } });
      const questions = snapshot.interaction!.questions;
      expect(questions.find((q) => q.id === alicesQuestionId)).toMatchObject({ text: 'Alices fråga om AI?', author: null, votes: 1 });
      // Her upvote is gone, but the count Bob's question showed stays.
      expect(questions.find((q) => q.id === bobsQuestionId)).toMatchObject({ votes: 1, author: 'Bob Berg' });
      expect(await t.db.prisma.questionVote.count({ where: { userId: aliceId } })).toBe(0);

      const after = await pollFigures(e);
      expect(after).toEqual(before);
      expect(await t.db.prisma.vote.count({ where: { pollId: e.poll.id, userId: null } })).toBe(1);

      for (const rows of [
        t.db.prisma.user.count({ where: { id: aliceId } }), t.db.prisma.authSession.count({ where: { userId: aliceId } }),
        t.db.prisma.membership.count({ where: { userId: aliceId } }), t.db.prisma.consent.count({ where: { userId: aliceId } }),
        t.db.prisma.star.count({ where: { userId: aliceId } }),
      ]) expect(await rows).toBe(0);

      const again = await new Client(t.app).post('/api/auth/signin', { email: alice.person.email, password: PASSWORD });
      expect(again.statusCode).toBe(401);
      expect(again.json().error.code).toBe('INVALID_CREDENTIALS');
      expect((await alice.person.get('/api/auth/me')).json().user).toBeNull();
    });

    it('keeps a deleted moderator’s actions in the audit log under a neutral name', async () => {
      const mona = await signedUp(t.app, 'Mona Moderator');
      await e.organiser.post(`/api/events/${e.slug}/members`, { email: mona.email, role: 'moderator' });
      const s = await open(e.slug, mona.cookie);
      await ok(s, 'session:setStatus', { sessionId: e.sessionId, status: 'live' });
      expect((await mona.request('DELETE', '/api/me', { password: PASSWORD })).statusCode).toBe(204);
      const entries = (await e.organiser.get(`/api/events/${e.slug}/audit`)).json().entries as { actor: string; action: string }[];
      expect(entries.map((x) => x.actor)).not.toContain('Mona Moderator');
      expect(entries).toContainEqual(expect.objectContaining({ actor: 'deleted user', action: 'session.status' }));
    });

    it('refuses to delete the only organiser of an event others are in', async () => {
      const res = await e.organiser.request('DELETE', '/api/me', { password: PASSWORD });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'IN_USE', details: { events: [e.slug] } });
    });

    it('signing out everywhere drops the account’s live sockets in every browser', async () => {
      const phone = new Client(t.app) as Person;
      phone.email = bob.person.email;
      expect((await phone.post('/api/auth/signin', { email: bob.person.email, password: PASSWORD })).statusCode).toBe(200);
      const other = await open(e.slug, phone.cookie);
      const both = Promise.all([disconnected(bob.socket), disconnected(other)]);
      expect((await bob.person.post('/api/auth/signout-everywhere')).statusCode).toBe(204);
      expect(await both).toEqual(['io server disconnect', 'io server disconnect']);
      await expect(open(e.slug, phone.cookie)).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    });

    it('signing out of one browser drops that browser’s sockets and keeps the others', async () => {
      const laptop = new Client(t.app) as Person;
      const phone = new Client(t.app) as Person;
      for (const c of [laptop, phone]) expect((await c.post('/api/auth/signin', { email: bob.person.email, password: PASSWORD })).statusCode).toBe(200);
      const [onLaptop, onPhone] = [await open(e.slug, laptop.cookie), await open(e.slug, phone.cookie)];
      const dropped = disconnected(onLaptop);
      expect((await laptop.post('/api/auth/signout')).statusCode).toBe(204);
      expect(await dropped).toBe('io server disconnect');
      expect(await ok(onPhone, 'room:join', { room: e.sessionId })).toMatchObject({ me: { role: 'attendee' } });
      onPhone.close();
    });
  });

  describe('accounts without a password', () => {
    it('lets a guest delete itself with the typed phrase', async () => {
      const e = await liveEvent('gaster');
      const code = (await e.organiser.get(`/api/events/${e.slug}/guest-access`)).json().code;
      const guest = new Client(t.app);
      expect((await guest.post('/api/guest/join', { code, displayName: 'Gäst Gustav' })).statusCode).toBe(201);
      const s = await open(e.slug, guest.cookie);
      await ok(s, 'room:join', { room: e.sessionId });
      await vote(s, e, 1);
      expect(myDataSchema.parse((await guest.get('/api/me/data')).json()).account).toMatchObject({ isGuest: true, hasPassword: false });
      expect((await guest.get('/api/me')).json()).toMatchObject({ isGuest: true, hasPassword: false });
      const wrong = await guest.request('DELETE', '/api/me', { confirmation: 'radera' });
      expect(wrong.json().error).toMatchObject({ code: 'CONFIRMATION_MISMATCH', details: { phrase: ACCOUNT_DELETION_PHRASE } });
      const dropped = disconnected(s);
      expect((await guest.request('DELETE', '/api/me', { confirmation: ` ${ACCOUNT_DELETION_PHRASE.toUpperCase()} ` })).statusCode).toBe(204);
      await dropped;
      expect(await t.db.prisma.user.count({ where: { displayName: 'Gäst Gustav' } })).toBe(0);
      expect((await pollFigures(e)).voters).toBe(1);
    });

    it('asks a sign-on account for the phrase and a recent sign-in', async () => {
      const user = await t.db.prisma.user.create({ data: { email: `sso-${randomUUID()}@example.se`, passwordHash: null, displayName: 'Sigrid SSO', identities: { create: { issuer: 'https://idp.example', subject: randomUUID() } } } });
      const session = async (ageMinutes: number) => {
        const token = randomBytes(32).toString('base64url');
        await t.db.prisma.authSession.create({ data: { userId: user.id, tokenHash: createHash('sha256').update(token).digest('hex'), createdAt: new Date(Date.now() - ageMinutes * 60_000), expiresAt: new Date(Date.now() + 3_600_000) } });
        const c = new Client(t.app);
        c.cookie = `samling_session=${token}`;
        return c;
      };
      const old = await session(20);
      expect((await old.get('/api/me')).json()).toMatchObject({ isGuest: false, hasPassword: false });
      const data = myDataSchema.parse((await old.get('/api/me/data')).json());
      expect(data.externalIdentities).toEqual([expect.objectContaining({ issuer: 'https://idp.example' })]);
      expect((await old.request('DELETE', '/api/me', { confirmation: ACCOUNT_DELETION_PHRASE })).json().error.code).toBe('RECENT_SIGN_IN_REQUIRED');
      const fresh = await session(1);
      expect((await fresh.request('DELETE', '/api/me', { confirmation: 'ja' })).json().error.code).toBe('CONFIRMATION_MISMATCH');
      expect((await fresh.request('DELETE', '/api/me', { confirmation: ACCOUNT_DELETION_PHRASE })).statusCode).toBe(204);
      expect(await t.db.prisma.externalIdentity.count({ where: { userId: user.id } })).toBe(0);
    });
  });

  describe('purging an ended event', () => {
    let e: Live;
    let people: Record<'guest' | 'attendee' | 'speaker' | 'otherEvent', Client>;
    let annasSocket: ClientSocket;

    beforeAll(async () => {
      e = await liveEvent('rensa');
      const a = await attendee(e, 'Anna Attendee');
      annasSocket = a.socket;
      await ok(a.socket, 'chat:send', { room: e.sessionId, id: randomUUID(), text: 'Annas rad' });
      const q = await ok(a.socket, 'question:ask', { room: e.sessionId, id: randomUUID(), text: 'Annas fråga?', anonymous: true });
      await vote(a.socket, e, 0);
      await a.person.put(`/api/events/${e.slug}/stars/${e.sessionId}`);
      const annaId = await userId(a.person);
      await consent(e.eventId, annaId);
      const code = (await e.organiser.get(`/api/events/${e.slug}/guest-access`)).json().code;
      const guest = new Client(t.app);
      await guest.post('/api/guest/join', { code, displayName: 'Gäst' });
      const gs = await open(e.slug, guest.cookie);
      await ok(gs, 'room:join', { room: e.sessionId });
      await vote(gs, e, 1);
      await ok(gs, 'question:vote', { questionId: q.id, up: true });
      const speaker = await signedUp(t.app, 'Sara Talare');
      await e.organiser.post(`/api/events/${e.slug}/members`, { email: speaker.email, role: 'speaker' });
      const troll = await attendee(e, 'Troll');
      await ok(e.mod, 'moderation:mute', { userId: await userId(troll.person), minutes: 30 });
      const other = await signedUp(t.app, 'Annan');
      await other.post('/api/events', { slug: 'annat-rensa', name: 'Annat', startDate: today(), endDate: today() });
      people = { guest, attendee: a.person, speaker, otherEvent: other };
    });

    it('refuses before the event’s last day is over, in its time zone', async () => {
      const res = await e.organiser.post(`/api/events/${e.slug}/purge`);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('EVENT_NOT_ENDED');
      expect(await t.db.prisma.chatMessage.count({ where: { eventId: e.eventId } })).toBe(1);
      const state = (await e.organiser.get(`/api/events/${e.slug}/privacy`)).json();
      expect(state).toMatchObject({ ended: false, purgedAt: null, pending: { attendees: 2, guests: 1, speakers: 1, chatMessages: 1, questions: 1, votes: 2 } });
    });

    it('lets only the organiser see or purge, and answers others 401/403', async () => {
      for (const [who, c] of [...Object.entries(people), ['moderator', e.moderator], ['signedOut', new Client(t.app)]] as [string, Client][]) {
        for (const [method, url] of [['GET', `/api/events/${e.slug}/privacy`], ['POST', `/api/events/${e.slug}/purge`]] as const) {
          const res = await c.request(method, url);
          expect(res.statusCode, `${who} ${method} ${url}`).toBe(who === 'signedOut' ? 401 : 403);
        }
      }
    });

    it('after the end removes personal rows and keeps the event, its polls and the counts', async () => {
      // The event ended yesterday (in Stockholm).
      await t.db.prisma.event.update({ where: { id: e.eventId }, data: { startDate: addDays(today(), -3), endDate: addDays(today(), -1) } });
      const before = await pollFigures(e);
      const dropped = disconnected(annasSocket);
      const res = await e.organiser.post(`/api/events/${e.slug}/purge`);
      expect(res.statusCode).toBe(200);
      // Live connections go through the handshake again: a removed attendee is refused there.
      await dropped;
      await expect(open(e.slug, people.attendee.cookie)).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
      const counts = { attendees: 2, speakers: 1, guests: 1, chatMessages: 1, questions: 1, questionUpvotes: 1, votes: 2, stars: 1, consents: 1, invitations: 0, mutes: 1, bans: 0 };
      expect(res.json()).toMatchObject({ ended: true, purgedAt: expect.any(String), purgedCounts: counts });
      expect(Object.values(res.json().pending).every((n) => n === 0)).toBe(true);

      expect(await t.db.prisma.chatMessage.count({ where: { eventId: e.eventId } })).toBe(0);
      expect(await t.db.prisma.question.count({ where: { eventId: e.eventId } })).toBe(0);
      expect(await t.db.prisma.vote.count({ where: { pollId: e.poll.id, userId: { not: null } } })).toBe(0);
      expect(await t.db.prisma.consent.count({ where: { eventId: e.eventId } })).toBe(0);
      expect(await t.db.prisma.mute.count({ where: { eventId: e.eventId } })).toBe(0);
      expect(await t.db.prisma.star.count({ where: { sessionId: e.sessionId } })).toBe(0);
      expect(await t.db.prisma.user.count({ where: { isGuest: true, displayName: 'Gäst' } })).toBe(0);
      const roles = (await e.organiser.get(`/api/events/${e.slug}/members`)).json().map((m: { role: string }) => m.role).sort();
      expect(roles).toEqual(['moderator', 'organiser']);
      // The speaker keeps the account, only the membership goes.
      expect((await people.speaker.get('/api/auth/me')).json().user).not.toBeNull();

      // What stays: the agenda, the poll and its anonymous result, the organisers' record.
      expect(await pollFigures(e)).toEqual(before);
      expect((await new Client(t.app).get(`/api/events/${e.slug}`)).json().sessions.map((s: { title: string }) => s.title)).toEqual(['Panelen']);
      const audit = (await e.organiser.get(`/api/events/${e.slug}/audit`)).json().entries;
      expect(audit[0]).toMatchObject({ action: 'event.purged', details: counts });
      expect(JSON.stringify(audit)).not.toContain('Troll');

      // Purging again adds nothing, and keeps the counts.
      const again = await e.organiser.post(`/api/events/${e.slug}/purge`);
      expect(again.json().purgedCounts).toEqual(counts);
    });
  });

  describe('deleting oneself, in every role', () => {
    it('works for every kind of person that is signed in, and answers 401 to the signed out', async () => {
      const e = await liveEvent('alla-roller');
      const code = (await e.organiser.get(`/api/events/${e.slug}/guest-access`)).json().code;
      for (const role of ['attendee', 'speaker', 'moderator', 'organiser', 'otherEvent'] as const) {
        const c = await signedUp(t.app, role);
        if (role === 'otherEvent') await c.post('/api/events', { slug: `eget-${randomBytes(3).toString('hex')}`, name: 'Eget', startDate: today(), endDate: today() });
        else await e.organiser.post(`/api/events/${e.slug}/members`, { email: c.email, role });
        expect((await c.request('DELETE', '/api/me', { password: PASSWORD })).statusCode, role).toBe(204);
      }
      const guest = new Client(t.app);
      await guest.post('/api/guest/join', { code, displayName: 'Gäst' });
      expect((await guest.request('DELETE', '/api/me', { confirmation: ACCOUNT_DELETION_PHRASE })).statusCode).toBe(204);
      const signedOut = await new Client(t.app).request('DELETE', '/api/me', { password: PASSWORD });
      expect(signedOut.statusCode).toBe(401);
      expect(signedOut.json().error.code).toBe('UNAUTHENTICATED');
    });
  });
});
