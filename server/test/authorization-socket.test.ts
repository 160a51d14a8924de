// Every socket command, sent as each kind of person over a real Socket.IO connection: it is let through exactly
// where it should be, and refused with a typed reason everywhere else. The HTTP half is authorization-matrix.test.ts.
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, commands, toZoned, type CommandName, type CommandPayload, type ErrorCode, type RtpCapabilities, type RtpParameters } from '@samling/protocol';
import { loadConfig } from '../src/config.ts';
import { RateLimiter } from '../src/realtime/rate-limit.ts';
import { backends, Client, listen, signedUp, startApp, type TestApp } from './harness.ts';
import { call, connectTo, ok, type ClientSocket } from './realtime-harness.ts';

const slug = 'uttagsmatris';
const People = ['guest', 'attendee', 'speaker', 'moderator', 'organiser'] as const;
type Person = (typeof People)[number];
/** Who may: at least a role, or only someone a moderator put on stage (the speaker here). */
type Who = Person | 'onStage';
const rank: Record<Person, number> = { guest: 0, attendee: 1, speaker: 2, moderator: 3, organiser: 4 };

function allowed(who: Who, person: Person): boolean {
  return who === 'onStage' ? person === 'speaker' : rank[person] >= rank[who];
}

interface Case<N extends CommandName = CommandName> {
  command: N;
  /** Tells apart two rows of one command. */
  variant?: string;
  who: Who;
  /** A fresh payload for this person (fresh ids, so each call has something of its own to act on). */
  make: (p: Person) => Promise<CommandPayload<N>>;
  /** Refusals that also count as "let through": the command passed the permission check and failed on the input made for it. */
  passed?: ErrorCode[];
  /** How this command refuses someone without the right, beyond FORBIDDEN and GUESTS_NOT_ALLOWED. */
  refused?: ErrorCode[];
  /** Puts things back after the call (rejoin what was left). */
  after?: (p: Person) => Promise<void>;
}
const row = <N extends CommandName>(c: Case<N>) => c as unknown as Case;

let ssrc = 50_000;
/** RTP parameters as mediasoup-client sends them for a microphone (Opus) or a camera/screen (VP8). */
function rtp(kind: 'audio' | 'video'): RtpParameters {
  const mid = String(ssrc);
  ssrc += 10;
  return kind === 'audio'
    ? {
        mid,
        codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1 } }],
        headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1 }],
        encodings: [{ ssrc }],
        rtcp: { cname: 'matris' },
      }
    : {
        mid,
        codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }] }],
        headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1 }],
        encodings: [{ ssrc }],
        rtcp: { cname: 'matris' },
      };
}
const dtls = () => ({ role: 'client' as const, fingerprints: [{ algorithm: 'sha-256' as const, value: [...randomBytes(32)].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':') }] });

describe('socket authorisation matrix', () => {
  let t: TestApp;
  let base: string;
  let stageId: string;
  let sessionId: string;
  let routerCaps: RtpCapabilities;
  let cameraProducerId: string;
  const people = {} as Record<Person, Client & { email?: string }>;
  const sockets = {} as Record<Person, ClientSocket>;
  const ids = {} as Record<Person | 'target' | 'secondSpeaker', string>;
  /** Each person's recv transport on the stage, made once. */
  const recvTransport = {} as Record<Person, string>;
  let speakerSend: string;
  const opened: ClientSocket[] = [];
  const organiser = () => sockets.organiser;
  const room = () => sessionId;

  /** Joins `p`'s connection to the stage with a recv transport; the speaker also sends a camera. Joining again starts over. */
  async function onTheStage(p: Person): Promise<void> {
    const joined = await ok(sockets[p], 'stage:join', { stageId });
    routerCaps = joined.routerRtpCapabilities;
    recvTransport[p] = (await ok(sockets[p], 'stage:createTransport', { stageId, direction: 'recv' })).id;
    if (p !== 'speaker') return;
    speakerSend = (await ok(sockets.speaker, 'stage:createTransport', { stageId, direction: 'send' })).id;
    cameraProducerId = (await ok(sockets.speaker, 'stage:produce', { stageId, transportId: speakerSend, kind: 'video', rtpParameters: rtp('video'), appData: { source: 'camera' } })).id;
  }

  let filmId: string;
  /** A film on the stage, put there by the organiser, for the commands that drive it. */
  const filmLoaded = async () => {
    await ok(organiser(), 'stage:film:load', { stageId, assetId: filmId });
    return { stageId };
  };

  const fresh = {
    /** A message someone else (the organiser) wrote. */
    message: async () => (await ok(organiser(), 'chat:send', { room: room(), id: randomUUID(), text: 'Hej från scenen' })).id,
    draft: async (kind: 'single' | 'open' = 'single') => {
      const poll = await ok(organiser(), 'poll:create', {
        room: room(),
        poll: kind === 'single' ? { kind, question: 'Vilken?', options: [{ label: 'A' }, { label: 'B' }] } : { kind, question: 'Vad tycker du?' },
      });
      return poll;
    },
    launched: async (kind: 'single' | 'open' = 'single') => ok(organiser(), 'poll:launch', { pollId: (await fresh.draft(kind)).id }),
    closed: async () => ok(organiser(), 'poll:close', { pollId: (await fresh.launched()).id }),
    question: async () => (await ok(organiser(), 'question:ask', { room: room(), id: randomUUID(), text: 'Hur gick det?' })).id,
    session: async () => {
      const day = toZoned(new Date(), 'Europe/Stockholm').date;
      const res = await people.organiser.post(`/api/events/${slug}/sessions`, { title: 'Extra', startsAt: `${addDays(day, 1)}T08:00:00Z`, endsAt: `${addDays(day, 1)}T08:30:00Z` });
      return res.json().session.id as string;
    },
  };

  const cases: Case[] = [
    row({ command: 'room:join', who: 'guest', make: async () => ({ room: room() }) }),
    row({ command: 'chat:history', who: 'guest', make: async () => ({ room: room(), before: await fresh.message() }) }),
    row({ command: 'chat:send', who: 'attendee', make: async () => ({ room: room(), id: randomUUID(), text: 'Ett inlägg' }) }),
    row({
      command: 'chat:delete', variant: 'own message', who: 'attendee',
      make: async (p) => {
        const mine = await call(sockets[p], 'chat:send', { room: room(), id: randomUUID(), text: 'Mitt' });
        return { room: room(), messageId: mine.ok ? mine.data.id : randomUUID() };
      },
    }),
    row({ command: 'chat:delete', variant: 'someone else’s', who: 'moderator', make: async () => ({ room: room(), messageId: await fresh.message() }) }),
    row({ command: 'chat:pin', who: 'moderator', make: async () => ({ room: room(), messageId: await fresh.message() }) }),
    row({ command: 'chat:configure', who: 'moderator', make: async () => ({ room: room(), slowModeSeconds: 0 }) }),
    row({ command: 'reaction:send', who: 'guest', make: async () => ({ room: room(), reaction: '👏' as const }) }),
    row({ command: 'presence:list', who: 'moderator', make: async () => ({ room: room() }) }),
    row({ command: 'moderation:mute', who: 'moderator', make: async () => ({ userId: ids.target, minutes: 5 }) }),
    row({ command: 'moderation:unmute', who: 'moderator', make: async () => ({ userId: ids.target }) }),
    row({ command: 'moderation:ban', who: 'moderator', make: async () => ({ userId: ids.target, reason: 'matris' }) }),
    row({ command: 'moderation:unban', who: 'moderator', make: async () => ({ userId: ids.target }) }),
    row({ command: 'moderation:getWordFilter', who: 'moderator', make: async () => ({}) }),
    row({ command: 'moderation:setWordFilter', who: 'moderator', make: async () => ({ words: ['fult'] }) }),
    row({ command: 'poll:list', who: 'guest', make: async () => ({ room: room() }) }),
    row({ command: 'poll:create', who: 'moderator', make: async () => ({ room: room(), poll: { kind: 'single', question: 'Ja?', options: [{ label: 'Ja' }, { label: 'Nej' }] } }) }),
    row({ command: 'poll:launch', who: 'moderator', make: async () => ({ pollId: (await fresh.draft()).id }) }),
    row({ command: 'poll:close', who: 'moderator', make: async () => ({ pollId: (await fresh.launched()).id }) }),
    row({ command: 'poll:reopen', who: 'moderator', make: async () => ({ pollId: (await fresh.closed()).id }) }),
    row({ command: 'poll:reset', who: 'moderator', make: async () => ({ pollId: (await fresh.closed()).id }) }),
    row({ command: 'poll:reveal', who: 'moderator', make: async () => ({ pollId: (await fresh.closed()).id, revealed: true }) }),
    row({
      command: 'poll:vote', who: 'guest',
      make: async () => {
        const poll = await fresh.launched();
        return { pollId: poll.id, voteId: randomUUID(), ballot: { kind: 'single' as const, optionId: poll.options[0]!.id } };
      },
    }),
    row({
      command: 'poll:moderateAnswer', who: 'moderator',
      make: async () => {
        const poll = await fresh.launched('open');
        const answerId = randomUUID();
        await ok(organiser(), 'poll:vote', { pollId: poll.id, voteId: answerId, ballot: { kind: 'open', text: 'Ett svar' } });
        return { pollId: poll.id, answerId, hidden: true };
      },
    }),
    row({ command: 'question:ask', who: 'guest', make: async () => ({ room: room(), id: randomUUID(), text: 'En fråga?' }) }),
    row({ command: 'question:vote', who: 'guest', make: async () => ({ questionId: await fresh.question(), up: true }) }),
    row({ command: 'question:moderate', who: 'moderator', make: async () => ({ questionId: await fresh.question(), action: 'answer' as const }) }),
    row({ command: 'qa:configure', who: 'moderator', make: async () => ({ room: room(), premoderation: false }) }),
    row({ command: 'session:setStatus', who: 'moderator', make: async () => ({ sessionId: await fresh.session(), status: 'live' as const }) }),

    row({ command: 'stage:join', who: 'guest', make: async () => ({ stageId }), after: onTheStage }),
    row({ command: 'stage:join', variant: 'backstage', who: 'speaker', make: async () => ({ stageId, backstage: true }), after: onTheStage }),
    row({ command: 'stage:createTransport', variant: 'recv', who: 'guest', make: async () => ({ stageId, direction: 'recv' as const }) }),
    row({ command: 'stage:createTransport', variant: 'send', who: 'onStage', refused: ['NOT_ON_STAGE'], make: async () => ({ stageId, direction: 'send' as const }) }),
    row({ command: 'stage:connectTransport', who: 'guest', make: async (p) => ({ stageId, transportId: recvTransport[p], dtlsParameters: dtls() }) }),
    row({ command: 'stage:restartIce', who: 'guest', make: async (p) => ({ stageId, transportId: recvTransport[p] }) }),
    row({
      command: 'stage:consume', who: 'guest',
      make: async (p) => ({ stageId, transportId: recvTransport[p], producerId: cameraProducerId, rtpCapabilities: routerCaps }),
    }),
    row({
      command: 'stage:resumeConsumer', who: 'guest',
      make: async (p) => {
        const consumer = await ok(sockets[p], 'stage:consume', { stageId, transportId: recvTransport[p], producerId: cameraProducerId, rtpCapabilities: routerCaps });
        return { stageId, consumerId: consumer.id };
      },
    }),
    // Someone not on stage is refused before any transport is looked at; the speaker sends on their own transport.
    row({
      command: 'stage:produce', who: 'onStage', refused: ['NOT_ON_STAGE'],
      make: async (p) => ({ stageId, transportId: p === 'speaker' ? speakerSend : recvTransport[p], kind: 'audio' as const, rtpParameters: rtp('audio'), appData: { source: 'microphone' as const } }),
    }),
    // A producer belongs to its connection: others naming the speaker's camera find nothing of theirs to act on.
    row({ command: 'stage:pauseProducer', who: 'onStage', refused: ['NOT_FOUND'], make: async () => ({ stageId, producerId: cameraProducerId }) }),
    row({ command: 'stage:resumeProducer', who: 'onStage', refused: ['NOT_FOUND'], make: async () => ({ stageId, producerId: cameraProducerId }) }),
    row({
      command: 'stage:closeProducer', who: 'onStage', refused: ['NOT_FOUND'],
      make: async (p) => {
        if (p !== 'speaker') return { stageId, producerId: cameraProducerId };
        const screen = await ok(sockets.speaker, 'stage:produce', { stageId, transportId: speakerSend, kind: 'video', rtpParameters: rtp('video'), appData: { source: 'screen' } });
        return { stageId, producerId: screen.id };
      },
    }),
    row({
      command: 'stage:setPreferredLayers', who: 'guest',
      make: async (p) => {
        const consumer = await ok(sockets[p], 'stage:consume', { stageId, transportId: recvTransport[p], producerId: cameraProducerId, rtpCapabilities: routerCaps });
        return { stageId, consumerId: consumer.id, spatialLayer: 0 };
      },
    }),
    row({ command: 'stage:setLayout', who: 'moderator', make: async () => ({ stageId, layout: 'grid' as const }) }),
    row({ command: 'stage:film:get', who: 'guest', make: async () => ({ stageId }) }),
    row({ command: 'stage:film:load', who: 'moderator', make: async () => ({ stageId, assetId: filmId }) }),
    row({ command: 'stage:film:play', who: 'moderator', make: async () => filmLoaded() }),
    row({ command: 'stage:film:pause', who: 'moderator', make: async () => filmLoaded() }),
    row({ command: 'stage:film:seek', who: 'moderator', make: async () => ({ ...(await filmLoaded()), positionSeconds: 1 }) }),
    row({ command: 'stage:film:stop', who: 'moderator', make: async () => filmLoaded() }),
    row({ command: 'stage:putOnStage', who: 'moderator', make: async () => ({ stageId, userId: ids.secondSpeaker }) }),
    row({ command: 'stage:takeOffStage', who: 'moderator', make: async () => ({ stageId, userId: ids.secondSpeaker }) }),
    // Last: leaving drops the room or the stage, so each is joined again afterwards.
    row({
      command: 'stage:leave', who: 'guest', make: async () => ({ stageId }),
      after: onTheStage,
    }),
    row({
      command: 'room:leave', who: 'guest', make: async () => ({ room: room() }),
      after: async (p) => { await ok(sockets[p], 'room:join', { room: room() }); },
    }),
  ];

  beforeAll(async () => {
    const workerBin = loadConfig({}).media.workerBin;
    if (!fs.existsSync(workerBin)) throw new Error(`The mediasoup worker is not built (${workerBin}); run \`node scripts/samling.mjs setup\` first.`);
    t = await startApp(backends.find((b) => b.name === 'pglite')!, { MEDIASOUP_WORKERS: '1' });
    base = await listen(t);
    // The matrix sends far faster than people do; the limits have their own tests.
    t.app.realtime.limits.commands = new RateLimiter(1e6, 1e6);
    t.app.realtime.limits.chat = new RateLimiter(1e6, 1e6);
    t.app.realtime.limits.reactions = new RateLimiter(1e6, 1e6);

    const org = await signedUp(t.app, 'Olga Organisatör');
    people.organiser = org;
    const today = toZoned(new Date(), 'Europe/Stockholm').date;
    expect((await org.post('/api/events', { slug, name: 'Uttagsmatris', startDate: addDays(today, -1), endDate: addDays(today, 2), guestAccess: true })).statusCode).toBe(201);
    stageId = (await org.post(`/api/events/${slug}/stages`, { name: 'Stora scenen' })).json().id;
    const now = Date.now();
    sessionId = (await org.post(`/api/events/${slug}/sessions`, {
      title: 'Öppningen', stageId, startsAt: new Date(now - 10 * 60_000).toISOString(), endsAt: new Date(now + 60 * 60_000).toISOString(),
    })).json().session.id;
    expect((await org.patch(`/api/events/${slug}/sessions/${sessionId}`, { status: 'live' })).statusCode).toBe(200);

    const member = async (name: string, role: 'attendee' | 'speaker' | 'moderator') => {
      const c = await signedUp(t.app, name);
      expect((await org.post(`/api/events/${slug}/members`, { email: c.email, role })).statusCode).toBe(200);
      return c;
    };
    people.attendee = await member('Alice', 'attendee');
    people.speaker = await member('Sara Talare', 'speaker');
    people.moderator = await member('Moa Moderator', 'moderator');
    const target = await member('Tore', 'attendee');
    const secondSpeaker = await member('Sven Talare', 'speaker');
    const code = (await org.get(`/api/events/${slug}/guest-access`)).json().code as string;
    const guest = new Client(t.app);
    expect((await guest.post('/api/guest/join', { code, displayName: 'Gunnel i salen' })).statusCode).toBe(201);
    people.guest = guest;

    // The smallest WebM the upload accepts: an EBML header with DocType webm, then a segment.
    const webm = Buffer.concat([
      Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0xf2, 0x81, 0x04, 0x42, 0xf3, 0x81, 0x08, 0x42, 0x82, 0x84, ...Buffer.from('webm'), 0x42, 0x87, 0x81, 0x04, 0x42, 0x85, 0x81, 0x02]),
      Buffer.from([0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
      randomBytes(2000),
    ]);
    const boundary = `----matris${randomBytes(8).toString('hex')}`;
    const uploaded = await t.app.inject({
      method: 'POST', url: `/api/events/${slug}/films`,
      headers: { cookie: org.cookie!, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="matris.webm"\r\nContent-Type: video/webm\r\n\r\n`), webm, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    filmId = uploaded.json().id;

    const userId = async (c: Client) => (await c.get('/api/auth/me')).json().user.id as string;
    for (const p of People) ids[p] = await userId(people[p]);
    ids.target = await userId(target);
    ids.secondSpeaker = await userId(secondSpeaker);

    for (const p of People) {
      sockets[p] = await connectTo(base, { cookie: people[p].cookie, slug });
      opened.push(sockets[p]);
      await ok(sockets[p], 'room:join', { room: sessionId });
    }
    await ok(sockets.moderator, 'stage:putOnStage', { stageId, userId: ids.speaker });
    for (const p of People) await onTheStage(p);
  }, 60_000);

  afterAll(async () => {
    for (const s of opened) s.close();
    await t?.close();
  });

  it('covers every command of the protocol', () => {
    const covered = new Set(cases.map((c) => c.command));
    expect(Object.keys(commands).filter((name) => !covered.has(name as CommandName))).toEqual([]);
  });

  it('refuses a connection to someone signed out or from another event, with a typed reason', async () => {
    const refusal = async (cookie?: string) => {
      try {
        const s = await connectTo(base, { slug, ...(cookie ? { cookie } : {}) });
        s.close();
        return 'connected';
      } catch (err) {
        return (err as { data?: { code?: string } }).data?.code;
      }
    };
    expect(await refusal()).toBe('UNAUTHENTICATED');
    const outsider = await signedUp(t.app, 'Annan');
    await outsider.post('/api/events', { slug: 'annat-evenemang', name: 'Annat', startDate: toZoned(new Date(), 'Europe/Stockholm').date, endDate: toZoned(new Date(), 'Europe/Stockholm').date });
    expect(await refusal(outsider.cookie)).toBe('FORBIDDEN');
  });

  for (const person of People) {
    it(`lets ${person} send exactly the commands the matrix says`, async () => {
      const wrong: string[] = [];
      for (const c of cases) {
        const name = c.variant ? `${c.command} (${c.variant})` : c.command;
        const res = await call(sockets[person], c.command, await c.make(person));
        const letThrough = res.ok || (c.passed ?? []).includes(res.error.code);
        const expected = allowed(c.who, person);
        if (letThrough !== expected) wrong.push(`${name}: ${res.ok ? 'ok' : `${res.error.code} ${res.error.message}`}`);
        else if (!res.ok && !expected && ![...(c.refused ?? []), 'FORBIDDEN', 'GUESTS_NOT_ALLOWED'].includes(res.error.code)) {
          wrong.push(`${name}: refused with ${res.error.code}`);
        }
        await c.after?.(person);
      }
      expect(wrong).toEqual([]);
    }, 60_000);
  }
});
