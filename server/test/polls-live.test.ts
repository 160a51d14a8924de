// Live results and the caches of the vote path: the broadcaster never sends an older result after a poll's final one,
// a ban or a role change counts for the very next command, and results come from the live tally without a recount.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { addDays, toZoned, type PollResultsMessage } from '@samling/protocol';
import { PollResultsBroadcaster } from '../src/realtime/poll-results.ts';
import type { IO } from '../src/realtime/types.ts';
import type { Actor } from '../src/modules/auth/actor.ts';
import { backends, listen, signedUp, startApp, type TestApp } from './harness.ts';
import { connectTo, ok, type ClientSocket } from './realtime-harness.ts';

describe('poll results broadcaster', () => {
  function fakeIo() {
    const sent: { room: string; msg: PollResultsMessage }[] = [];
    const target = (room: string) => ({
      except: () => ({ emit: (_: string, msg: PollResultsMessage) => sent.push({ room, msg }) }),
      emit: (_: string, msg: PollResultsMessage) => sent.push({ room: `${room} (mods)`, msg }),
    });
    return { io: { local: { to: target } } as unknown as IO, sent };
  }
  const message = (voters: number, final: boolean) => {
    const full: PollResultsMessage = { pollId: 'p', version: 0, voters, results: null, final };
    return { eventId: 'e', sessionId: 's', full, audience: full };
  };

  it('does not send an interim result that was being counted when the final one went out', async () => {
    const { io, sent } = fakeIo();
    let releaseInterim!: () => void;
    const answers: (() => Promise<ReturnType<typeof message>>)[] = [
      // The throttled flush starts counting first, and is slow...
      () => new Promise((resolve) => (releaseInterim = () => resolve(message(10, false)))),
      // ...the poll closes meanwhile and its final results are ready at once.
      async () => message(12, true),
    ];
    const broadcaster = new PollResultsBroadcaster(io, { resultsMessage: () => answers.shift()!() }, pino({ level: 'silent' }));
    broadcaster.markDirty('p');
    const interim = broadcaster.flush();
    await broadcaster.send('p', true);
    releaseInterim();
    await interim;
    expect(sent.map((s) => [s.msg.voters, s.msg.final])).toEqual([[12, true], [12, true]]);
  });

  it('sends every result with a higher version than the one before, and interim results again once reopened', async () => {
    const { io, sent } = fakeIo();
    const voters = [1, 2, 2, 3];
    const broadcaster = new PollResultsBroadcaster(io, { resultsMessage: async () => message(voters.shift() ?? 9, false) }, pino({ level: 'silent' }));
    for (let i = 0; i < 3; i++) {
      broadcaster.markDirty('p');
      await broadcaster.flush();
    }
    // 1, 2, and the unchanged 2 is not sent again.
    expect(sent.filter((s) => !s.room.endsWith('(mods)')).map((s) => s.msg.voters)).toEqual([1, 2]);
    const versions = sent.map((s) => s.msg.version);
    expect(versions[2]).toBeGreaterThan(versions[0]!);
    broadcaster.reopened('p');
    broadcaster.markDirty('p');
    await broadcaster.flush();
    expect(sent.at(-1)!.msg.voters).toBe(3);
  });
});

describe.each(backends)('caches of the vote and join paths on $name', (backend) => {
  const slug = 'cachen';
  let t: TestApp;
  let base: string;
  let eventId: string;
  let sessionId: string;
  let organiser: Awaited<ReturnType<typeof signedUp>>;
  let moderator: Awaited<ReturnType<typeof signedUp>>;
  const sockets: ClientSocket[] = [];
  const open = async (cookie: string | undefined) => {
    const s = await connectTo(base, { slug, cookie });
    sockets.push(s);
    return s;
  };
  const actorOf = async (cookie: string | undefined): Promise<Actor> => t.app.services.auth.authenticate(cookie?.split("=")[1]);

  beforeAll(async () => {
    t = await startApp(backend);
    base = await listen(t);
    organiser = await signedUp(t.app, 'Olga');
    const today = toZoned(new Date(), 'Europe/Stockholm').date;
    eventId = (await organiser.post('/api/events', { slug, name: 'Cachen', startDate: addDays(today, -1), endDate: addDays(today, 1) })).json().id;
    sessionId = (await organiser.post(`/api/events/${slug}/sessions`, {
      title: 'Panelen', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    })).json().session.id;
    moderator = await signedUp(t.app, 'Moa');
    await organiser.post(`/api/events/${slug}/members`, { email: moderator.email, role: 'moderator' });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t?.close();
  });

  const launchPoll = async (mod: ClientSocket) => {
    const poll = await ok(mod, 'poll:create', { room: sessionId, poll: { kind: 'single', question: 'Ja eller nej?', options: [{ label: 'Ja' }, { label: 'Nej' }] } });
    await ok(mod, 'poll:launch', { pollId: poll.id });
    return poll;
  };

  it('refuses the next vote of a person banned after their role was cached', async () => {
    const mod = await open(moderator.cookie);
    const bert = await signedUp(t.app, 'Bert');
    await bert.post(`/api/events/${slug}/join`);
    const bertSocket = await open(bert.cookie); // the handshake caches Bert's role
    const poll = await launchPoll(mod);
    const bertActor = await actorOf(bert.cookie);
    const vote = (optionIndex: number) => t.app.services.polls.vote(bertActor, eventId, poll.id, randomUUID(), { kind: 'single', optionId: poll.options[optionIndex]!.id });
    await expect(vote(0)).resolves.toBeDefined();
    await ok(mod, 'moderation:ban', { userId: bertActor.userId!, reason: 'Spam' });
    await expect(vote(0)).rejects.toMatchObject({ code: 'BANNED' });
    bertSocket.close();
  });

  it('shows a promoted person their new role on their next join', async () => {
    const cecilia = await signedUp(t.app, 'Cecilia');
    await cecilia.post(`/api/events/${slug}/join`);
    const socket = await open(cecilia.cookie);
    expect((await ok(socket, 'room:join', { room: sessionId })).me.role).toBe('attendee');
    await organiser.post(`/api/events/${slug}/members`, { email: cecilia.email, role: 'moderator' });
    expect((await ok(socket, 'room:join', { room: sessionId })).me.role).toBe('moderator');
  });

  it('shows a crowd joining at once the same questions, own questions and upvotes as one person joining alone', async () => {
    const { qa } = t.app.services;
    const people = await Promise.all(Array.from({ length: 30 }, (_, i) => signedUp(t.app, `Frågare ${i}`)));
    for (const p of people) await p.post(`/api/events/${slug}/join`);
    const actors = await Promise.all(people.map((p) => actorOf(p.cookie)));
    const mod = await actorOf(moderator.cookie);
    const approved = await qa.ask(actors[0]!, eventId, sessionId, randomUUID(), 'Vad kostar det?', false);
    await qa.vote(actors[1]!, eventId, approved.id, true);
    await qa.configure(mod, eventId, sessionId, true);
    const pending = await qa.ask(actors[2]!, eventId, sessionId, randomUUID(), 'Väntar på godkännande', false);
    const hidden = await qa.ask(actors[3]!, eventId, sessionId, randomUUID(), 'Göms', false);
    await qa.moderate(mod, eventId, hidden.id, 'hide');
    await qa.configure(mod, eventId, sessionId, false);
    // All at once: the room counts as crowded and the list is cut per person from one shared read.
    // The people compared come last, when the room has long counted as crowded.
    const order = [...actors.keys()].reverse();
    const lists = await Promise.all(order.map((i) => qa.list(actors[i]!, eventId, sessionId)));
    const crowd = order.map((_, k) => lists[order.indexOf(k)]!);
    await new Promise((r) => setTimeout(r, 1100));
    for (const i of [0, 1, 2, 3, 4]) {
      const alone = await qa.list(actors[i]!, eventId, sessionId);
      expect(crowd[i]).toEqual(alone);
    }
    expect(crowd[2]!.questions.map((q) => q.id)).toEqual([approved.id, pending.id]);
    expect(crowd[3]!.myQuestionIds).toEqual([hidden.id]);
    expect(crowd[1]!.myVotes).toEqual([approved.id]);
    expect(crowd[4]!.questions.map((q) => q.id)).toEqual([approved.id]);
  });

  it('serves a joining crowd the poll, its results and each one\'s own answer without reading the votes again', async () => {
    const mod = await open(moderator.cookie);
    const poll = await launchPoll(mod);
    const people = await Promise.all(Array.from({ length: 6 }, (_, i) => signedUp(t.app, `Person ${i}`)));
    for (const p of people) await p.post(`/api/events/${slug}/join`);
    const crowd = await Promise.all(people.map((p) => open(p.cookie)));
    await Promise.all(crowd.map((s, i) => ok(s, 'poll:vote', { pollId: poll.id, voteId: randomUUID(), ballot: { kind: 'single', optionId: poll.options[i % 2]!.id } })));
    // Every vote read from here on would go through Prisma's vote model: count those reads.
    let voteReads = 0;
    const prisma = t.db.prisma as unknown as { vote: { findMany: (...a: unknown[]) => unknown; findUnique: (...a: unknown[]) => unknown } };
    const { findMany, findUnique } = prisma.vote;
    prisma.vote.findMany = (...a: unknown[]) => (voteReads++, findMany.apply(prisma.vote, a));
    prisma.vote.findUnique = (...a: unknown[]) => (voteReads++, findUnique.apply(prisma.vote, a));
    try {
      const snapshots = await Promise.all(crowd.map((s) => ok(s, 'room:join', { room: sessionId })));
      snapshots.forEach((snap, i) => {
        expect(snap.interaction?.poll?.id).toBe(poll.id);
        expect(snap.interaction?.results?.voters).toBe(6);
        expect(snap.interaction?.myBallot).toEqual({ kind: 'single', optionId: poll.options[i % 2]!.id });
      });
      expect(voteReads).toBe(0);
    } finally {
      prisma.vote.findMany = findMany;
      prisma.vote.findUnique = findUnique;
    }
  });
});
