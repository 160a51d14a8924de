// Every socket command, fed malformed payloads: each gets a typed error ack (or, without an ack, is dropped),
// the server stays up, and nothing is stored.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, commands, ErrorCodes, toZoned, type CommandName } from '@samling/protocol';
import { RateLimiter } from '../src/realtime/rate-limit.ts';
import { backends, Client, listen, signedUp, startApp, type TestApp } from './harness.ts';
import { connectTo, disconnected, ok, type ClientSocket } from './realtime-harness.ts';

const slug = 'fuzz';

/** A well-formed payload per command; the fuzzer breaks one thing at a time. */
const base = (sessionId: string, userId: string, pollId: string): Record<CommandName, Record<string, unknown>> => ({
  'room:join': { room: sessionId },
  'room:leave': { room: sessionId },
  'chat:history': { room: sessionId, before: randomUUID(), limit: 10 },
  'chat:send': { room: sessionId, id: randomUUID(), text: 'hej' },
  'chat:delete': { room: sessionId, messageId: randomUUID() },
  'chat:pin': { room: sessionId, messageId: randomUUID() },
  'chat:configure': { room: sessionId, open: false, slowModeSeconds: 10 },
  'reaction:send': { room: sessionId, reaction: '👍' },
  'presence:list': { room: sessionId },
  'moderation:mute': { userId, minutes: 5 },
  'moderation:unmute': { userId },
  'moderation:ban': { userId, reason: 'x' },
  'moderation:unban': { userId },
  'moderation:getWordFilter': {},
  'moderation:setWordFilter': { words: ['fult'] },
  'session:setStatus': { sessionId, status: 'live' },
  'poll:list': { room: sessionId },
  'poll:create': { room: sessionId, poll: { kind: 'single', question: 'Vad?', options: [{ label: 'A' }, { label: 'B' }] } },
  'poll:launch': { pollId },
  'poll:close': { pollId },
  'poll:reopen': { pollId },
  'poll:reset': { pollId },
  'poll:reveal': { pollId, revealed: true },
  'poll:vote': { pollId, voteId: randomUUID(), ballot: { kind: 'single', optionId: randomUUID() } },
  'poll:moderateAnswer': { pollId, answerId: randomUUID(), hidden: true },
  'question:ask': { room: sessionId, id: randomUUID(), text: 'Varför?', anonymous: false },
  'question:vote': { questionId: randomUUID(), up: true },
  'question:moderate': { questionId: randomUUID(), action: 'approve' },
  'qa:configure': { room: sessionId, premoderation: true },
  ...stagePayloads(userId),
});

/** The stage's signaling: ids of things that do not exist (the well-formed payload is only ever sent without an ack). */
const stagePayloads = (userId: string) => {
  const stageId = randomUUID();
  const transportId = randomUUID();
  const dtlsParameters = { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: Array.from({ length: 32 }, () => 'AB').join(':') }] };
  const rtpParameters = { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: 1111 }] };
  const rtpCapabilities = { codecs: [{ kind: 'audio', mimeType: 'audio/opus', preferredPayloadType: 100, clockRate: 48000, channels: 2 }] };
  return {
    'stage:join': { stageId },
    'stage:leave': { stageId },
    'stage:createTransport': { stageId, direction: 'recv' },
    'stage:connectTransport': { stageId, transportId, dtlsParameters },
    'stage:restartIce': { stageId, transportId },
    'stage:produce': { stageId, transportId, kind: 'audio', rtpParameters, appData: { source: 'microphone' } },
    'stage:pauseProducer': { stageId, producerId: randomUUID() },
    'stage:resumeProducer': { stageId, producerId: randomUUID() },
    'stage:closeProducer': { stageId, producerId: randomUUID() },
    'stage:consume': { stageId, transportId, producerId: randomUUID(), rtpCapabilities },
    'stage:resumeConsumer': { stageId, consumerId: randomUUID() },
    'stage:putOnStage': { stageId, userId },
    'stage:takeOffStage': { stageId, userId },
    'stage:film:get': { stageId },
    'stage:film:load': { stageId, assetId: randomUUID() },
    'stage:film:play': { stageId },
    'stage:film:pause': { stageId },
    'stage:film:seek': { stageId, positionSeconds: 12.5 },
    'stage:film:stop': { stageId },
    'stage:setLayout': { stageId, layout: 'grid' },
    'stage:setPreferredLayers': { stageId, consumerId: randomUUID(), spatialLayer: 1 },
  } satisfies Partial<Record<CommandName, Record<string, unknown>>>;
};

const deep = (n: number): unknown => (n === 0 ? 'botten' : { a: deep(n - 1) });
const wholePayloads: unknown[] = [undefined, null, 0, -1, 1e308, '', 'x'.repeat(10_000), true, [], [1, 2, 3], JSON.parse('{"__proto__":{"admin":true}}'), deep(60)];
const wrongValues: unknown[] = [42, -1.5, 'inte-ett-id', '', 'x'.repeat(20_000), true, null, [], {}, { $gt: '' }];

/** Variants of a valid payload that its protocol schema rejects (a wrong value can happen to be valid, e.g. a string as text). */
function malformed(name: CommandName, valid: Record<string, unknown>): unknown[] {
  const out: unknown[] = [...wholePayloads, { ...valid, unexpected: 1 }];
  for (const key of Object.keys(valid)) {
    for (const v of wrongValues) out.push({ ...valid, [key]: v });
    const { [key]: _dropped, ...rest } = valid;
    // Dropping an optional field can leave a valid payload; only required fields are dropped.
    out.push(rest);
  }
  return out.filter((p) => !commands[name].payload.safeParse(p).success);
}

describe('fuzzing every socket command', () => {
  let t: TestApp;
  let base_: string;
  let organiser: Client & { email: string };
  let attendee: Client & { email: string };
  let sessionId: string;
  let eventId: string;
  let pollId: string;

  beforeAll(async () => {
    t = await startApp(backends.find((b) => b.name === 'pglite')!);
    base_ = await listen(t);
    t.app.realtime.limits.commands = new RateLimiter(1e6, 1e6);
    organiser = await signedUp(t.app);
    attendee = await signedUp(t.app);
    const today = toZoned(new Date(), 'Europe/Stockholm').date;
    eventId = (await organiser.post('/api/events', { slug, name: 'Fuzz', startDate: addDays(today, -1), endDate: addDays(today, 1) })).json().id;
    sessionId = (await organiser.post(`/api/events/${slug}/sessions`, {
      title: 'Mål', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    })).json().session.id;
    await attendee.post(`/api/events/${slug}/join`);
    pollId = (await organiser.post(`/api/events/${slug}/sessions/${sessionId}/polls`, { kind: 'single', question: 'Mål?', options: [{ label: 'Ja' }, { label: 'Nej' }] })).json().id;
  });
  afterAll(async () => { await t?.close(); });

  const state = async () => ({
    messages: await t.db.prisma.chatMessage.count(),
    rooms: await t.db.prisma.chatRoom.count(),
    mutes: await t.db.prisma.mute.count(),
    bans: await t.db.prisma.ban.count(),
    session: (await t.db.prisma.session.findUniqueOrThrow({ where: { id: sessionId } })).status,
    filter: (await t.db.prisma.event.findUniqueOrThrow({ where: { id: eventId } })).chatWordFilter,
    polls: await t.db.prisma.poll.findMany({ select: { id: true, status: true, resultsRevealed: true, question: true } }),
    votes: await t.db.prisma.vote.count(),
    questions: await t.db.prisma.question.count(),
    premoderation: (await t.db.prisma.session.findUniqueOrThrow({ where: { id: sessionId } })).qaPremoderation,
  });

  it.each(['organiser', 'attendee'] as const)('answers every malformed payload from an %s with a typed error and changes nothing', async (who) => {
    const person = who === 'organiser' ? organiser : attendee;
    const socket: ClientSocket = await connectTo(base_, { slug, cookie: person.cookie });
    await ok(socket, 'room:join', { room: sessionId });
    const target = (await attendee.get('/api/auth/me')).json().user.id as string;
    const before = await state();
    const valid = base(sessionId, target, pollId);
    let answered = 0;
    for (const name of Object.keys(commands) as CommandName[]) {
      for (const payload of malformed(name, valid[name]!)) {
        const res = await (socket.timeout(5000) as unknown as { emitWithAck(n: string, p: unknown): Promise<unknown> }).emitWithAck(name, payload);
        expect(res, `${name} ${JSON.stringify(payload)?.slice(0, 120)}`).toMatchObject({ ok: false, error: { code: expect.any(String), message: expect.any(String) } });
        const error = (res as { error: { code: string; stack?: unknown } }).error;
        expect(Object.keys(ErrorCodes)).toContain(error.code);
        expect(error.stack).toBeUndefined();
        answered++;
      }
      // Without an ack nobody can be answered: dropped, and the connection carries on.
      (socket as unknown as { emit(n: string, p: unknown): void }).emit(name, valid[name]);
      // Extra arguments are refused too.
      const extra = await (socket.timeout(5000) as unknown as { emitWithAck(n: string, a: unknown, b: unknown): Promise<unknown> }).emitWithAck(name, valid[name], 'extra');
      expect(extra).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    (socket as unknown as { emit(n: string): void }).emit('not:a:command');
    expect(answered).toBeGreaterThan(400);
    expect(await state()).toEqual(before);
    expect((await ok(socket, 'room:join', { room: 'lobby' })).room).toBe('lobby');
    socket.close();
  });

  it('drops a connection that sends more than the frame limit, and keeps serving everyone else', async () => {
    const bystander = await connectTo(base_, { slug, cookie: attendee.cookie });
    const flooder = await connectTo(base_, { slug, cookie: organiser.cookie });
    const dropped = disconnected(flooder);
    flooder.emit('chat:send', { room: sessionId, id: randomUUID(), text: 'x'.repeat(200_000) }, () => {});
    expect(await dropped).toMatch(/transport (close|error)/);
    expect((await ok(bystander, 'room:join', { room: 'lobby' })).room).toBe('lobby');
    expect((await new Client(t.app).get('/api/health')).statusCode).toBe(200);
    bystander.close();
  });
});
