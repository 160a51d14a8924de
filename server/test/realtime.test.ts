// Live rooms with real Socket.IO clients against the real app, on each storage backend (embedded PGlite and PostgreSQL).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, toZoned, type ChatMessage } from '@samling/protocol';
import { RateLimiter } from '../src/realtime/rate-limit.ts';
import { backends, Client, listen, signedUp, startApp, type TestApp } from './harness.ts';
import { call, collect, connectTo, disconnected, next, ok, type ClientSocket } from './realtime-harness.ts';

const slug = 'rummet';

/** Retries an assertion until it holds or `ms` pass. */
async function eventually(assertion: () => void, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return assertion();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
describe.each(backends)('live rooms on $name', (backend) => {
  let t: TestApp;
  let base: string;
  let organiser: Client & { email: string };
  let moderator: Client & { email: string };
  let alice: Client & { email: string };
  let bob: Client & { email: string };
  let sessionId: string;
  let laterSessionId: string;
  const sockets: ClientSocket[] = [];
  const open = async (who: Client, extra: Partial<Parameters<typeof connectTo>[1]> = {}) => {
    const s = await connectTo(base, { cookie: who.cookie, slug, ...extra });
    sockets.push(s);
    return s;
  };
  const userId = async (who: Client) => (await who.get('/api/auth/me')).json().user.id as string;

  beforeAll(async () => {
    t = await startApp(backend);
    base = await listen(t);
    // Behaviour tests send faster than people do; the flood test below puts the real chat limit back.
    t.app.realtime.limits.chat = new RateLimiter(1000, 1000);
    organiser = await signedUp(t.app, 'Olga Organisatör');
    const today = toZoned(new Date(), 'Europe/Stockholm').date;
    expect((await organiser.post('/api/events', { slug, name: 'Rummet', startDate: addDays(today, -1), endDate: addDays(today, 1) })).statusCode).toBe(201);
    const stage = (await organiser.post(`/api/events/${slug}/stages`, { name: 'Stora scenen' })).json().id;
    const now = Date.now();
    sessionId = (await organiser.post(`/api/events/${slug}/sessions`, {
      title: 'Öppningen', stageId: stage, startsAt: new Date(now - 10 * 60_000).toISOString(), endsAt: new Date(now + 60 * 60_000).toISOString(),
    })).json().session.id;
    laterSessionId = (await organiser.post(`/api/events/${slug}/sessions`, {
      title: 'Senare', stageId: stage, startsAt: new Date(now + 61 * 60_000).toISOString(), endsAt: new Date(now + 90 * 60_000).toISOString(),
    })).json().session.id;
    moderator = await signedUp(t.app, 'Moa Moderator');
    alice = await signedUp(t.app, 'Alice');
    bob = await signedUp(t.app, 'Bob');
    await organiser.post(`/api/events/${slug}/members`, { email: moderator.email, role: 'moderator' });
    await alice.post(`/api/events/${slug}/join`);
    await bob.post(`/api/events/${slug}/join`);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t?.close();
  });

  describe('the handshake', () => {
    it('refuses, with a typed reason: no cookie, another protocol version, a non-member, an unknown event', async () => {
      await expect(connectTo(base, { slug })).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
      await expect(connectTo(base, { slug, cookie: alice.cookie, protocolVersion: 999 })).rejects.toMatchObject({ data: { code: 'PROTOCOL_MISMATCH' } });
      const stranger = await signedUp(t.app);
      await expect(connectTo(base, { slug, cookie: stranger.cookie })).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
      await expect(connectTo(base, { slug: 'finns-inte', cookie: alice.cookie })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    });

    it('refuses an upgrade from an Origin outside the allow-list, and accepts the site’s own', async () => {
      await expect(connectTo(base, { slug, cookie: alice.cookie, origin: 'https://evil.example' })).rejects.toBeTruthy();
      const s = await open(alice, { origin: 'http://samling.test' });
      expect(s.connected).toBe(true);
    });
  });

  describe('chat', () => {
    it('moves a session live for everyone at once, then carries messages both ways, stored before the ack', async () => {
      const mod = await open(moderator);
      const a = await open(alice);
      const b = await open(bob);
      const closed = await call(a, 'room:join', { room: laterSessionId });
      expect(closed.ok && closed.data.session?.status).toBe('scheduled');
      const send = await call(a, 'chat:send', { room: laterSessionId, id: randomUUID(), text: 'för tidigt' });
      expect(send).toMatchObject({ ok: false, error: { code: 'SESSION_NOT_LIVE' } });

      const liveForB = next(b, 'session:statusChanged', (p) => p.sessionId === sessionId);
      const live = await ok(mod, 'session:setStatus', { sessionId, status: 'live' });
      expect(live.status).toBe('live');
      expect(await liveForB).toEqual({ sessionId, status: 'live' });
      const agenda = (await new Client(t.app).get(`/api/events/${slug}`)).json();
      expect(agenda.sessions.find((s: { id: string }) => s.id === sessionId).status).toBe('live');

      const snapA = await ok(a, 'room:join', { room: sessionId });
      await ok(b, 'room:join', { room: sessionId });
      expect(snapA).toMatchObject({ room: sessionId, session: { status: 'live' }, chat: { open: true, slowModeSeconds: 0 }, me: { role: 'attendee', mutedUntil: null } });

      const atB = next(b, 'chat:posted', (m) => m.text.startsWith('Hej'));
      const id = randomUUID();
      const sent = await ok(a, 'chat:send', { room: sessionId, id, text: 'Hej från Alice! https://example.se <script>alert(1)</script>' });
      expect(sent).toMatchObject({ id, room: sessionId, author: { displayName: 'Alice' }, text: 'Hej från Alice! https://example.se <script>alert(1)</script>' });
      expect(await t.db.prisma.chatMessage.count({ where: { id } })).toBe(1);
      expect((await atB).id).toBe(id);

      const back = next(a, 'chat:posted', (m) => m.author.displayName === 'Bob');
      await ok(b, 'chat:send', { room: sessionId, id: randomUUID(), text: 'Hej Alice' });
      expect((await back).text).toBe('Hej Alice');
    });

    it('recognises a retried send by its id: one stored message, one broadcast', async () => {
      const a = await open(alice);
      const b = await open(bob);
      await ok(a, 'room:join', { room: sessionId });
      await ok(b, 'room:join', { room: sessionId });
      const seenByB = collect(b, 'chat:posted');
      const id = randomUUID();
      const first = await ok(a, 'chat:send', { room: sessionId, id, text: 'En gång' });
      const again = await ok(a, 'chat:send', { room: sessionId, id, text: 'En gång' });
      expect(again).toEqual(first);
      expect(await call(b, 'chat:send', { room: sessionId, id, text: 'Kapar id' })).toMatchObject({ ok: false, error: { code: 'ID_TAKEN' } });
      // A marker after the retry: once B has it, B has seen everything the retry could have caused.
      const marker = next(b, 'chat:posted', (m) => m.text === 'markör');
      await ok(a, 'chat:send', { room: sessionId, id: randomUUID(), text: 'markör' });
      await marker;
      expect(seenByB.filter((m) => m.id === id)).toHaveLength(1);
      expect(await t.db.prisma.chatMessage.count({ where: { id } })).toBe(1);
    });

    it('lets people delete their own messages, and moderators anyone’s, for everyone', async () => {
      const mod = await open(moderator);
      const a = await open(alice);
      const b = await open(bob);
      for (const s of [mod, a, b]) await ok(s, 'room:join', { room: sessionId });
      const mine = await ok(a, 'chat:send', { room: sessionId, id: randomUUID(), text: 'Ångrar mig' });
      expect(await call(b, 'chat:delete', { room: sessionId, messageId: mine.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const goneForB = next(b, 'chat:deleted', (d) => d.messageId === mine.id);
      await ok(a, 'chat:delete', { room: sessionId, messageId: mine.id });
      await goneForB;
      const rude = await ok(b, 'chat:send', { room: sessionId, id: randomUUID(), text: 'Något olämpligt' });
      const goneForA = next(a, 'chat:deleted', (d) => d.messageId === rude.id);
      await ok(mod, 'chat:delete', { room: sessionId, messageId: rude.id });
      await goneForA;
      const snap = await ok(a, 'room:join', { room: sessionId });
      expect(snap.messages.map((m) => m.id)).not.toContain(rude.id);
      expect(snap.messages.map((m) => m.id)).not.toContain(mine.id);
    });

    it('enforces slow mode and a closed chat for attendees, not for moderators', async () => {
      const mod = await open(moderator);
      // Someone who has not posted yet: slow mode counts from a person's last message.
      const dora = await signedUp(t.app, 'Dora');
      await dora.post(`/api/events/${slug}/join`);
      const a = await open(dora);
      for (const s of [mod, a]) await ok(s, 'room:join', { room: sessionId });
      expect(await call(a, 'chat:configure', { room: sessionId, slowModeSeconds: 30 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const told = next(a, 'chat:configured', (c) => c.chat.slowModeSeconds === 30);
      await ok(mod, 'chat:configure', { room: sessionId, slowModeSeconds: 30 });
      await told;
      await ok(a, 'chat:send', { room: sessionId, id: randomUUID(), text: 'Första' });
      const second = await call(a, 'chat:send', { room: sessionId, id: randomUUID(), text: 'Andra' });
      expect(second.ok).toBe(false);
      if (!second.ok) {
        expect(second.error.code).toBe('SLOW_MODE');
        expect(second.error.code === 'SLOW_MODE' && second.error.details?.retryAfterSeconds).toBeGreaterThan(25);
      }
      await ok(mod, 'chat:send', { room: sessionId, id: randomUUID(), text: 'Moderatorn får' });
      await ok(mod, 'chat:send', { room: sessionId, id: randomUUID(), text: 'Moderatorn får igen' });

      const closed = next(a, 'chat:configured', (c) => !c.chat.open);
      await ok(mod, 'chat:configure', { room: sessionId, open: false, slowModeSeconds: 0 });
      await closed;
      expect(await call(a, 'chat:send', { room: sessionId, id: randomUUID(), text: 'Stängt?' })).toMatchObject({ ok: false, error: { code: 'CHAT_CLOSED' } });
      expect((await ok(a, 'room:join', { room: sessionId })).chat.open).toBe(false);
      await ok(mod, 'chat:configure', { room: sessionId, open: true });
      await ok(a, 'chat:send', { room: sessionId, id: randomUUID(), text: 'Öppet igen' });
    });

    it('blocks the event’s filtered words and pins a message for everyone', async () => {
      const mod = await open(moderator);
      const b = await open(bob);
      for (const s of [mod, b]) await ok(s, 'room:join', { room: 'lobby' });
      expect((await ok(mod, 'moderation:setWordFilter', { words: ['Dumbom', '  fuling '] })).words).toEqual(['dumbom', 'fuling']);
      expect(await call(b, 'chat:send', { room: 'lobby', id: randomUUID(), text: 'Du är en DUMBOM!' })).toMatchObject({ ok: false, error: { code: 'MESSAGE_BLOCKED' } });
      const fine = await ok(b, 'chat:send', { room: 'lobby', id: randomUUID(), text: 'Dumbommens motsats är trevlig' });
      const pinned = next(b, 'chat:pinned', (p) => p.message?.id === fine.id);
      await ok(mod, 'chat:pin', { room: 'lobby', messageId: fine.id });
      await pinned;
      expect((await ok(b, 'room:join', { room: 'lobby' })).pinned?.id).toBe(fine.id);
      await ok(mod, 'moderation:setWordFilter', { words: [] });
    });

    it('pages back through history, newest last', async () => {
      const a = await open(alice);
      const eventId = (await t.db.prisma.event.findUniqueOrThrow({ where: { slug } })).id;
      const room = laterSessionId;
      const start = Date.now() - 3_600_000;
      const ids = Array.from({ length: 56 }, () => randomUUID());
      await t.db.prisma.chatMessage.createMany({
        data: ids.map((id, i) => ({ id, eventId, room, userId: null, text: `nr ${i}`, createdAt: new Date(start + i * 1000) })),
      });
      const snap = await ok(a, 'room:join', { room });
      expect(snap.messages).toHaveLength(50);
      expect(snap.hasMore).toBe(true);
      expect(snap.messages.at(-1)!.text).toBe('nr 55');
      expect(snap.messages.at(-1)!.author).toEqual({ id: null, displayName: 'deleted user' });
      const older = await ok(a, 'chat:history', { room, before: snap.messages[0]!.id, limit: 100 });
      expect(older.hasMore).toBe(false);
      expect([...older.messages, ...snap.messages].map((m) => m.id)).toEqual(ids);
      const page = await ok(a, 'chat:history', { room, before: snap.messages[0]!.id, limit: 4 });
      expect(page.messages.map((m) => m.text)).toEqual(['nr 2', 'nr 3', 'nr 4', 'nr 5']);
      expect(page.hasMore).toBe(true);
    });

    it('refuses a flood with a clear error, and stores exactly what it acknowledged', async () => {
      t.app.realtime.limits.chat = new RateLimiter(5, 1);
      try {
        const b = await open(bob);
        await ok(b, 'room:join', { room: sessionId });
        const before = await t.db.prisma.chatMessage.count({ where: { userId: await userId(bob) } });
        const results = await Promise.all(Array.from({ length: 12 }, (_, i) => call(b, 'chat:send', { room: sessionId, id: randomUUID(), text: `flod ${i}` })));
        const accepted = results.filter((r) => r.ok).length;
        expect(accepted).toBeGreaterThanOrEqual(4);
        expect(accepted).toBeLessThanOrEqual(6);
        for (const r of results) if (!r.ok) expect(r.error).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } });
        expect(await t.db.prisma.chatMessage.count({ where: { userId: await userId(bob) } })).toBe(before + accepted);
      } finally {
        t.app.realtime.limits.chat = new RateLimiter(1000, 1000);
      }
    });
  });

  describe('moderation', () => {
    it('mutes a person for a while and tells them', async () => {
      const mod = await open(moderator);
      const b = await open(bob);
      await ok(b, 'room:join', { room: 'lobby' });
      const told = next(b, 'moderation:muted', (m) => m.mutedUntil !== null);
      await ok(mod, 'moderation:mute', { userId: await userId(bob), minutes: 10 });
      await told;
      const r = await call(b, 'chat:send', { room: 'lobby', id: randomUUID(), text: 'Hallå?' });
      expect(r).toMatchObject({ ok: false, error: { code: 'MUTED' } });
      expect(await call(b, 'moderation:mute', { userId: await userId(moderator), minutes: 10 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      await ok(mod, 'moderation:unmute', { userId: await userId(bob) });
      await ok(b, 'chat:send', { room: 'lobby', id: randomUUID(), text: 'Tillbaka' });
    });

    it('bans a person: their sockets drop at once and cannot return', async () => {
      const carl = await signedUp(t.app, 'Carl');
      await carl.post(`/api/events/${slug}/join`);
      const mod = await open(moderator);
      const c1 = await open(carl);
      const c2 = await open(carl);
      const told = next(c1, 'moderation:banned');
      const drops = Promise.all([disconnected(c1), disconnected(c2)]);
      await ok(mod, 'moderation:ban', { userId: await userId(carl), reason: 'Trakasserier' });
      expect(await told).toEqual({ reason: 'Trakasserier' });
      expect(await drops).toEqual(['io server disconnect', 'io server disconnect']);
      await expect(connectTo(base, { slug, cookie: carl.cookie })).rejects.toMatchObject({ data: { code: 'BANNED' } });
    });
  });

  describe('presence and reactions', () => {
    it('counts the people in a room about once a second, never per join, and lists them for moderators', async () => {
      const mod = await open(moderator);
      const room = randomUUID();
      const eventId = (await t.db.prisma.event.findUniqueOrThrow({ where: { slug } })).id;
      const stage = await t.db.prisma.stage.findFirstOrThrow({ where: { eventId } });
      const late = Date.now() + 4 * 3_600_000;
      await t.db.prisma.session.create({ data: { id: room, eventId, title: 'Tom sal', stageId: stage.id, startsAt: new Date(late), endsAt: new Date(late + 60_000) } });
      await ok(mod, 'room:join', { room });
      const people = [];
      for (let i = 0; i < 6; i++) {
        const person = await signedUp(t.app, `Person ${i}`);
        await person.post(`/api/events/${slug}/join`);
        people.push(person);
      }
      const counts = collect(mod, 'presence:counted');
      const started = Date.now();
      const crowd = await Promise.all(people.map(async (p) => {
        const s = await open(p);
        await ok(s, 'room:join', { room });
        return s;
      }));
      await eventually(() => expect(counts.at(-1)).toEqual({ room, viewers: 7 }));
      // Six joins, and at most one count per second while they happened (plus the one that settles it).
      expect(counts.length).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 1000) + 1);
      expect(counts.length).toBeLessThan(6);
      const list = await ok(mod, 'presence:list', { room });
      expect(list.people).toHaveLength(7);
      expect(list.people.map((p) => p.displayName)).toContain('Person 3');
      expect(await call(crowd[0]!, 'presence:list', { room })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      for (const s of crowd.slice(0, 3)) s.close();
      await eventually(() => expect(counts.at(-1)).toEqual({ room, viewers: 4 }));
    });

    it('sends reactions as batched counts, a few times a second', async () => {
      const a = await open(alice);
      const b = await open(bob);
      for (const s of [a, b]) await ok(s, 'room:join', { room: sessionId });
      const batches = collect(b, 'reaction:counted');
      const sends = [];
      for (let i = 0; i < 15; i++) sends.push(call(a, 'reaction:send', { room: sessionId, reaction: '👏' }), call(b, 'reaction:send', { room: sessionId, reaction: '❤️' }));
      await Promise.all(sends);
      await new Promise((r) => setTimeout(r, 700));
      const total = (k: '👏' | '❤️') => batches.reduce((n, batch) => n + (batch.counts[k] ?? 0), 0);
      expect(total('👏')).toBe(15);
      expect(total('❤️')).toBe(15);
      expect(batches.length).toBeLessThanOrEqual(4);
      expect(await call(a, 'reaction:send', { room: sessionId, reaction: '💩' as '👍' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    });
  });

  describe('connections that come and go', () => {
    it('recovers a dropped connection with the messages it missed', async () => {
      const a = await open(alice);
      const b = await open(bob, { reconnection: true });
      await ok(a, 'room:join', { room: 'lobby' });
      await ok(b, 'room:join', { room: 'lobby' });
      // Recovery resumes from the last broadcast a client received; give it one, as a live room always does.
      const first = next(b, 'chat:posted');
      await ok(a, 'chat:send', { room: 'lobby', id: randomUUID(), text: 'Före avbrottet' });
      await first;
      const posted = collect(b, 'chat:posted');
      const back = new Promise<void>((resolve) => b.io.once('reconnect', () => resolve()));
      b.io.engine.close();
      const missed = await ok(a, 'chat:send', { room: 'lobby', id: randomUUID(), text: 'Medan du var borta' });
      await back;
      await new Promise<void>((resolve) => (b.connected ? resolve() : b.once('connect', () => resolve())));
      expect(b.recovered).toBe(true);
      await eventually(() => expect(posted.map((m) => m.id)).toContain(missed.id));
      expect(posted.filter((m) => m.id === missed.id)).toHaveLength(1);
    });
  });
});
