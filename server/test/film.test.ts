// Films on the stage: uploads stored inert (random names under films/, sniffed types, size limit), the bytes served
// with Range to members only, and playback in sync over real Socket.IO clients, on each storage backend.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, filmPositionAt, toZoned, type StageFilm } from '@samling/protocol';
import { buildApp } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/database.ts';
import { RateLimiter } from '../src/realtime/rate-limit.ts';
import { backends, Client, listen, signedUp, startApp, type TestApp } from './harness.ts';
import { call, collect, connectTo, next, ok, type ClientSocket } from './realtime-harness.ts';

const MAX_BYTES = 64 * 1024;

/** The smallest WebM a sniffer must accept: an EBML header naming DocType `webm`, then a Segment of some bytes. */
function webm(bodyBytes = 2000): Buffer {
  const header = Buffer.from([
    0x1a, 0x45, 0xdf, 0xa3, 0x9f,
    0x42, 0x86, 0x81, 0x01, // EBMLVersion 1
    0x42, 0xf7, 0x81, 0x01, // EBMLReadVersion 1
    0x42, 0xf2, 0x81, 0x04, // EBMLMaxIDLength 4
    0x42, 0xf3, 0x81, 0x08, // EBMLMaxSizeLength 8
    0x42, 0x82, 0x84, ...Buffer.from('webm'), // DocType
    0x42, 0x87, 0x81, 0x04, // DocTypeVersion 4
    0x42, 0x85, 0x81, 0x02, // DocTypeReadVersion 2
  ]);
  const segment = Buffer.from([0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  return Buffer.concat([header, segment, randomBytes(bodyBytes)]);
}

/** An MP4: an `ftyp` box (isom, compatible iso2 and mp41), a `free` box and an `mdat` of some bytes. */
function mp4(bodyBytes = 2000): Buffer {
  const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypisom'), Buffer.from([0, 0, 2, 0]), Buffer.from('iso2mp41')]);
  const free = Buffer.concat([Buffer.from([0, 0, 0, 8]), Buffer.from('free')]);
  const mdatHead = Buffer.alloc(8);
  mdatHead.writeUInt32BE(8 + bodyBytes, 0);
  mdatHead.write('mdat', 4, 'latin1');
  return Buffer.concat([ftyp, free, mdatHead, randomBytes(bodyBytes)]);
}

/** A multipart form with one `file` part, as a browser's FormData sends it. */
function form(fileName: string, bytes: Buffer, contentType = 'video/webm') {
  const boundary = `----samling${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`, 'utf8');
  return { payload: Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Every file under a folder, relative to it. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.relative(dir, path.join(d.parentPath, d.name))).sort();
}

const People = ['signedOut', 'otherEvent', 'guest', 'attendee', 'speaker', 'moderator', 'organiser'] as const;
type Person = (typeof People)[number];
const rank: Record<Person, number> = { signedOut: -1, otherEvent: -1, guest: 0, attendee: 1, speaker: 2, moderator: 3, organiser: 4 };

describe.each(backends)('films on $name', (backend) => {
  const slug = `film-${backend.name}`;
  let t: TestApp;
  let base: string;
  let dataDir: string;
  let filmsDir: string;
  let eventId: string;
  let stageId: string;
  let sessionId: string;
  const people = {} as Record<Person, Client>;
  const sockets: ClientSocket[] = [];
  const open = async (who: Person) => {
    const s = await connectTo(base, { slug, cookie: people[who].cookie });
    sockets.push(s);
    return s;
  };

  const upload = (who: Client, fileName: string, bytes: Buffer, contentType?: string, eventSlug = slug) => {
    const f = form(fileName, bytes, contentType);
    return t.app.inject({
      method: 'POST', url: `/api/events/${eventSlug}/films`, payload: f.payload,
      headers: { 'content-type': f.contentType, ...(who.cookie ? { cookie: who.cookie } : {}) },
    });
  };
  const fileUrl = (id: string) => `/api/events/${slug}/films/${id}/file`;
  const getFile = (who: Client, id: string, range?: string) => t.app.inject({
    method: 'GET', url: fileUrl(id), headers: { ...(who.cookie ? { cookie: who.cookie } : {}), ...(range ? { range } : {}) },
  });

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-films-'));
    filmsDir = path.join(dataDir, 'films');
    t = await startApp(backend, { SAMLING_DATA_DIR: dataDir, SAMLING_MAX_FILM_BYTES: String(MAX_BYTES) });
    base = await listen(t);
    t.app.realtime.limits.commands = new RateLimiter(1e6, 1e6);
    const organiser = await signedUp(t.app, 'Olga Organisatör');
    people.organiser = organiser;
    const today = toZoned(new Date(), 'Europe/Stockholm').date;
    const created = await organiser.post('/api/events', { slug, name: 'Filmdagen', startDate: addDays(today, -1), endDate: addDays(today, 1), guestAccess: true });
    expect(created.statusCode).toBe(201);
    eventId = created.json().id;
    stageId = (await organiser.post(`/api/events/${slug}/stages`, { name: 'Stora scenen' })).json().id;
    sessionId = (await organiser.post(`/api/events/${slug}/sessions`, {
      title: 'Filmvisning', stageId, startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    })).json().session.id;
    expect((await organiser.patch(`/api/events/${slug}/sessions/${sessionId}`, { status: 'live' })).statusCode).toBe(200);
    for (const role of ['attendee', 'speaker', 'moderator'] as const) {
      const c = await signedUp(t.app, role);
      await organiser.post(`/api/events/${slug}/members`, { email: c.email, role });
      people[role] = c;
    }
    people.signedOut = new Client(t.app);
    const other = await signedUp(t.app, 'Annan');
    await other.post('/api/events', { slug: `annat-${backend.name}`, name: 'Annat', startDate: today, endDate: today });
    people.otherEvent = other;
    const code = (await organiser.get(`/api/events/${slug}/guest-access`)).json().code;
    const guest = new Client(t.app);
    expect((await guest.post('/api/guest/join', { code, displayName: 'Gäst' })).statusCode).toBe(201);
    people.guest = guest;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores an uploaded WebM and MP4 under random names in films/, with their sniffed types, and lists them', async () => {
    const bytes = webm();
    const res = await upload(people.organiser, 'Intro till Smart industri.webm', bytes);
    expect(res.statusCode, res.body).toBe(201);
    const film = res.json();
    expect(film).toMatchObject({ fileName: 'Intro till Smart industri.webm', mimeType: 'video/webm', size: bytes.length });
    const mp4Res = await upload(people.organiser, 'clip.mp4', mp4(), 'application/octet-stream');
    expect(mp4Res.statusCode, mp4Res.body).toBe(201);
    expect(mp4Res.json()).toMatchObject({ mimeType: 'video/mp4' });

    const stored = await t.db.prisma.mediaAsset.findUniqueOrThrow({ where: { id: film.id } });
    expect(stored.storedName).toMatch(/^[0-9a-f-]{36}\.webm$/);
    expect(fs.readFileSync(path.join(filmsDir, stored.storedName)).equals(bytes)).toBe(true);
    const list = (await people.moderator.get(`/api/events/${slug}/films`)).json();
    expect(list.map((f: { id: string }) => f.id)).toEqual([mp4Res.json().id, film.id]);
    const audit = (await people.organiser.get(`/api/events/${slug}/audit`)).json().entries;
    expect(audit.some((e: { action: string; subject: string }) => e.action === 'film.uploaded' && e.subject === 'Intro till Smart industri.webm')).toBe(true);
  });

  it('serves the bytes with Range: 206 with exactly the asked bytes, the sniffed type, nosniff and an inline safe name', async () => {
    const bytes = webm(5000);
    const id = (await upload(people.organiser, 'räckvidd; 100%.webm', bytes)).json().id;
    const whole = await getFile(people.attendee, id);
    expect(whole.statusCode).toBe(200);
    expect(whole.rawPayload.equals(bytes)).toBe(true);
    expect(whole.headers['content-type']).toBe('video/webm');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.headers['x-content-type-options']).toBe('nosniff');
    expect(String(whole.headers['content-disposition'])).toMatch(/^inline; filename="r_ckvidd_ 100_.webm"; filename\*=UTF-8''r%C3%A4ckvidd%3B%20100%25.webm$/);

    const part = await getFile(people.attendee, id, 'bytes=100-199');
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${bytes.length}`);
    expect(part.headers['content-length']).toBe('100');
    expect(part.rawPayload.equals(bytes.subarray(100, 200))).toBe(true);

    const open = await getFile(people.attendee, id, 'bytes=4990-');
    expect(open.statusCode).toBe(206);
    expect(open.rawPayload.equals(bytes.subarray(4990))).toBe(true);
    const suffix = await getFile(people.attendee, id, 'bytes=-10');
    expect(suffix.rawPayload.equals(bytes.subarray(bytes.length - 10))).toBe(true);

    const head = await t.app.inject({ method: 'HEAD', url: fileUrl(id), headers: { cookie: people.attendee.cookie! } });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe(String(bytes.length));
    expect(head.rawPayload.length).toBe(0);

    const beyond = await getFile(people.attendee, id, `bytes=${bytes.length + 10}-`);
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${bytes.length}`);
    expect(beyond.json().error.code).toBe('RANGE_NOT_SATISFIABLE');
  });

  it('answers NOT_FOUND, not a crash, for a film whose file is gone from the disk', async () => {
    const id = (await upload(people.organiser, 'borta.webm', webm())).json().id;
    const { storedName } = await t.db.prisma.mediaAsset.findUniqueOrThrow({ where: { id } });
    fs.rmSync(path.join(filmsDir, storedName));
    const res = await getFile(people.attendee, id);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('stores hostile names inert: nothing outside films/, the name kept only as plain text', async () => {
    const before = filesUnder(dataDir).filter((f) => !f.startsWith('films/'));
    const hostile = ['../../etc/passwd.mp4', '..\\..\\x.webm', '<img src=x onerror=alert(1)>.mp4', '<script>alert(1)</script>.mp4', 'film\u202Egpj.exe.webm', 'nul\u0000byte.webm', '....//....//y.webm', '.hidden.webm', '/abs/olut.webm'];
    const shown: string[] = [];
    for (const name of hostile) {
      const res = await upload(people.organiser, name, webm());
      if (res.statusCode !== 201) {
        // Refusing a name outright is as inert as cleaning it; it must be a typed refusal, not a crash.
        expect(res.statusCode, `${JSON.stringify(name)}: ${res.body}`).toBeLessThan(500);
        continue;
      }
      const film = res.json();
      shown.push(film.fileName);
      expect(film.fileName).not.toMatch(/[/\\\u0000-\u001f\u202a-\u202e]/);
      expect(film.fileName.startsWith('.')).toBe(false);
      const stored = await t.db.prisma.mediaAsset.findUniqueOrThrow({ where: { id: film.id } });
      expect(stored.storedName).toMatch(/^[0-9a-f-]{36}\.webm$/);
      expect(stored.fileName).toBe(film.fileName);
    }
    // Text, not markup: kept as it came (a slash still ends a directory, so the script tag loses its head).
    expect(shown).toContain('<img src=x onerror=alert(1)>.mp4');
    expect(shown).toContain('script>.mp4');
    expect(shown.length).toBeGreaterThanOrEqual(hostile.length - 1);
    // Every file is a uuid in films/; nothing appeared anywhere else under the data folder, nor beside it.
    expect(filesUnder(filmsDir).every((f) => /^[0-9a-f-]{36}\.(mp4|webm)$/.test(f))).toBe(true);
    expect(filesUnder(dataDir).filter((f) => !f.startsWith('films/'))).toEqual(before);
    expect(fs.existsSync(path.join(dataDir, '..', 'x.webm'))).toBe(false);
    expect(fs.existsSync(path.join(path.dirname(dataDir), 'passwd.mp4'))).toBe(false);
  });

  it('refuses HTML disguised as .mp4, a QuickTime file and an empty file with UNSUPPORTED_MEDIA_TYPE, leaving no file', async () => {
    const before = filesUnder(filmsDir);
    const html = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>'.repeat(10));
    const quicktime = Buffer.concat([Buffer.from([0, 0, 0, 20]), Buffer.from('ftypqt  '), Buffer.from([0, 0, 2, 0]), Buffer.from('qt  '), randomBytes(500)]);
    const matroska = Buffer.from(webm().toString('latin1').replace('webm', 'mkv\u0000'), 'latin1');
    for (const [name, bytes] of [['film.mp4', html], ['film.mov', quicktime], ['tom.webm', Buffer.alloc(0)], ['film.mkv', matroska]] as const) {
      const res = await upload(people.organiser, name, bytes, 'video/mp4');
      expect(res.statusCode, name).toBe(415);
      expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    expect(filesUnder(filmsDir)).toEqual(before);
  });

  it('refuses a film over the size limit with PAYLOAD_TOO_LARGE and leaves no partial file; one at the limit is kept', async () => {
    const before = filesUnder(filmsDir);
    const count = await t.db.prisma.mediaAsset.count();
    const over = await upload(people.organiser, 'lång.webm', webm(MAX_BYTES));
    expect(over.statusCode).toBe(413);
    expect(over.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(filesUnder(filmsDir)).toEqual(before);
    expect(await t.db.prisma.mediaAsset.count()).toBe(count);
    const exact = webm(0);
    const atLimit = await upload(people.organiser, 'precis.webm', Buffer.concat([exact, randomBytes(MAX_BYTES - exact.length)]));
    expect(atLimit.statusCode, atLimit.body).toBe(201);
    expect(atLimit.json().size).toBe(MAX_BYTES);
  });

  it('refuses a form without a file and a JSON body', async () => {
    const boundary = 'xyz';
    const empty = await t.app.inject({ method: 'POST', url: `/api/events/${slug}/films`, payload: `--${boundary}--\r\n`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: people.organiser.cookie! } });
    expect(empty.json().error.code).toBe('VALIDATION_FAILED');
    const json = await people.organiser.post(`/api/events/${slug}/films`, { file: 'x' });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('documents the upload as multipart/form-data in OpenAPI', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const op = doc.paths['/api/events/{slug}/films'].post;
    expect(Object.keys(op.requestBody.content)).toEqual(['multipart/form-data']);
    expect(op.requestBody.content['multipart/form-data'].schema.properties.file).toMatchObject({ type: 'string', format: 'binary' });
  });

  it('answers each kind of person per route as the roles say', async () => {
    const film = (await upload(people.organiser, 'matris.webm', webm())).json();
    const wrong: string[] = [];
    for (const person of People) {
      const c = people[person];
      const expectRes = (name: string, status: number, min: number) => {
        const allowed = rank[person] >= min;
        if (allowed !== status < 300) wrong.push(`${person} ${name}: ${status}`);
      };
      const list = await c.get(`/api/events/${slug}/films`);
      expectRes('list', list.statusCode, 3);
      const file = await getFile(c, film.id, 'bytes=0-9');
      expectRes('file', file.statusCode, 0);
      const up = await upload(c, 'x.webm', webm(100));
      expectRes('upload', up.statusCode, 4);
      const victim = person === 'organiser' ? film.id : (await upload(people.organiser, 'offer.webm', webm(100))).json().id;
      const del = await c.del(`/api/events/${slug}/films/${victim}`);
      expectRes('delete', del.statusCode, 4);
      for (const res of [list, file, up, del]) {
        if (res.statusCode < 300) continue;
        const code = res.json().error.code;
        const fine = person === 'signedOut' ? ['UNAUTHENTICATED'] : ['FORBIDDEN', 'GUESTS_NOT_ALLOWED'];
        if (!fine.includes(code)) wrong.push(`${person}: refused with ${code}`);
      }
    }
    expect(wrong).toEqual([]);
    // Deleted: gone from the disk and the list, its bytes no longer served.
    expect((await getFile(people.attendee, film.id)).statusCode).toBe(404);
    expect(filesUnder(filmsDir).some((f) => f.startsWith(film.id))).toBe(false);
  });

  it('plays in sync: the moderator loads, plays, seeks and pauses; the attendee follows; a late joiner lands at the same position', async () => {
    const film = (await upload(people.organiser, 'Synk.webm', webm())).json();
    const mod = await open('moderator');
    const attendee = await open('attendee');
    await ok(mod, 'room:join', { room: sessionId });
    await ok(attendee, 'room:join', { room: sessionId });
    const seen = collect(attendee, 'stage:filmChanged');

    const loaded = next(attendee, 'stage:filmChanged', (m) => m.playback?.assetId === film.id);
    const load = await ok(mod, 'stage:film:load', { stageId, assetId: film.id });
    expect(load.playback).toMatchObject({ assetId: film.id, title: 'Synk.webm', mimeType: 'video/webm', playing: false, positionSeconds: 0 });
    expect((await loaded).version).toBe(load.version);

    const playing = next(attendee, 'stage:filmChanged', (m) => m.playback?.playing === true);
    const play = await ok(mod, 'stage:film:play', { stageId });
    expect((await playing).playback).toEqual(play.playback);
    expect(play.version).toBeGreaterThan(load.version);

    const sought = next(attendee, 'stage:filmChanged', (m) => m.playback?.positionSeconds === 42);
    const seek = await ok(mod, 'stage:film:seek', { stageId, positionSeconds: 42 });
    expect(seek.playback).toMatchObject({ playing: true, positionSeconds: 42 });
    const atAttendee = await sought;
    const offset = Date.parse(atAttendee.serverTime) - Date.now();

    await new Promise((r) => setTimeout(r, 600));
    // A late joiner: a new connection asks for the stage's film and computes where it is now.
    const late = await open('speaker');
    await ok(late, 'room:join', { room: sessionId });
    const got = await ok(late, 'stage:film:get', { stageId });
    const lateOffset = Date.parse(got.serverTime) - Date.now();
    const now = Date.now();
    const attendeeAt = filmPositionAt(atAttendee.playback!, now, offset);
    const lateAt = filmPositionAt(got.playback!, now, lateOffset);
    expect(Math.abs(attendeeAt - lateAt)).toBeLessThan(0.25);
    expect(lateAt).toBeGreaterThan(42.5);
    expect(lateAt).toBeLessThan(45);

    const paused = next(late, 'stage:filmChanged', (m) => m.playback?.playing === false);
    const pause = await ok(mod, 'stage:film:pause', { stageId });
    expect((await paused).playback!.positionSeconds).toBe(pause.playback!.positionSeconds);
    expect(pause.playback!.positionSeconds).toBeGreaterThan(42.5);
    // Paused: the position stands still whenever it is computed.
    expect(filmPositionAt(pause.playback!, Date.now() + 10_000)).toBe(pause.playback!.positionSeconds);

    // Kept in the database: what another node (or a restart) would read.
    const row = await t.db.prisma.stage.findUniqueOrThrow({ where: { id: stageId } });
    expect(row.playback).toMatchObject({ assetId: film.id, playing: false, version: pause.version });

    const stopped = next(attendee, 'stage:filmChanged', (m) => m.playback === null);
    const stop = await ok(mod, 'stage:film:stop', { stageId });
    expect((await stopped).version).toBe(stop.version);
    expect(stop.version).toBeGreaterThan(pause.version);
    expect((await ok(attendee, 'stage:film:get', { stageId })).playback).toBeNull();
    // Every message came in order, each with a higher version than the one before.
    const versions = seen.map((m: StageFilm) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    const audit = (await people.organiser.get(`/api/events/${slug}/audit`)).json().entries;
    expect(audit.some((e: { action: string; subject: string }) => e.action === 'film.played' && e.subject === 'Synk.webm')).toBe(true);
  });

  it('lets only moderators and organisers drive the film; every member may read it; other events cannot connect', async () => {
    const film = (await upload(people.organiser, 'roller.webm', webm())).json();
    const mod = await open('moderator');
    await ok(mod, 'stage:film:load', { stageId, assetId: film.id });
    const wrong: string[] = [];
    for (const person of ['guest', 'attendee', 'speaker', 'moderator', 'organiser'] as const) {
      const s = await open(person);
      const drive = rank[person] >= 3;
      const get = await call(s, 'stage:film:get', { stageId });
      if (!get.ok) wrong.push(`${person} get: ${get.error.code}`);
      for (const [name, payload] of [
        ['stage:film:load', { stageId, assetId: film.id }], ['stage:film:play', { stageId }], ['stage:film:seek', { stageId, positionSeconds: 3 }],
        ['stage:film:pause', { stageId }], ['stage:film:stop', { stageId }],
      ] as const) {
        const res = await call(s, name, payload as never);
        if (res.ok !== drive) wrong.push(`${person} ${name}: ${res.ok ? 'ok' : res.error.code}`);
        if (!res.ok && res.error.code !== 'FORBIDDEN') wrong.push(`${person} ${name}: refused with ${res.error.code}`);
        if (drive && name === 'stage:film:stop') await ok(mod, 'stage:film:load', { stageId, assetId: film.id });
      }
    }
    expect(wrong).toEqual([]);
    await expect(connectTo(base, { slug, cookie: people.otherEvent.cookie })).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    await expect(connectTo(base, { slug })).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    // A film or stage of another event is not found from here.
    const elsewhere = await upload(people.otherEvent, 'annan.webm', webm(), 'video/webm', `annat-${backend.name}`);
    expect(elsewhere.statusCode).toBe(201);
    expect((await call(mod, 'stage:film:load', { stageId, assetId: elsewhere.json().id })).ok).toBe(false);
    expect((await getFile(people.attendee, elsewhere.json().id)).statusCode).toBe(404);
  });

  it('stops a stage whose film is deleted, for everyone in the room', async () => {
    const film = (await upload(people.organiser, 'tas-bort.webm', webm())).json();
    const mod = await open('moderator');
    const attendee = await open('attendee');
    await ok(attendee, 'room:join', { room: sessionId });
    await ok(mod, 'stage:film:load', { stageId, assetId: film.id });
    await ok(mod, 'stage:film:play', { stageId });
    const stopped = next(attendee, 'stage:filmChanged', (m) => m.playback === null);
    expect((await people.organiser.del(`/api/events/${slug}/films/${film.id}`)).statusCode).toBe(204);
    await stopped;
    expect((await ok(attendee, 'stage:film:get', { stageId })).playback).toBeNull();
  });

  it('leaves chat and votes in the room working while a film plays', async () => {
    const film = (await upload(people.organiser, 'bakgrund.webm', webm())).json();
    const mod = await open('moderator');
    const attendee = await open('attendee');
    await ok(mod, 'room:join', { room: sessionId });
    await ok(attendee, 'room:join', { room: sessionId });
    await ok(mod, 'stage:film:load', { stageId, assetId: film.id });
    await ok(mod, 'stage:film:play', { stageId });

    const posted = next(mod, 'chat:posted', (m) => m.text === 'Bra film!');
    const { randomUUID } = await import('node:crypto');
    await ok(attendee, 'chat:send', { room: sessionId, id: randomUUID(), text: 'Bra film!' });
    await posted;
    const poll = await ok(mod, 'poll:create', { room: sessionId, poll: { kind: 'single', question: 'Gillar ni filmen?', options: [{ label: 'Ja' }, { label: 'Nej' }] } });
    await ok(mod, 'poll:launch', { pollId: poll.id });
    const vote = await ok(attendee, 'poll:vote', { pollId: poll.id, voteId: randomUUID(), ballot: { kind: 'single', optionId: poll.options[0]!.id } });
    expect(vote.ballot).toMatchObject({ kind: 'single' });
    expect((await ok(attendee, 'stage:film:get', { stageId })).playback?.playing).toBe(true);
    await ok(mod, 'stage:film:stop', { stageId });
  });
});

// Two nodes on one PostgreSQL database and one Redis, sharing the data folder (as a volume would): what the moderator
// does on one reaches the audience on the other, and the other node serves the film and knows where it is.
describe('films across two nodes', () => {
  const pg = backends.find((b) => b.name === 'postgresql')!;
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const slug = 'film-kluster';
  let storage: Awaited<ReturnType<typeof pg.create>>;
  let dataDir: string;
  const nodes: { app: Awaited<ReturnType<typeof buildApp>>; db: Database; url: string }[] = [];
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    storage = await pg.create();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-films-'));
    const env = { LOG_LEVEL: 'silent', PUBLIC_URL: 'http://samling.test', SAMLING_DATA_DIR: dataDir, REDIS_URL: redisUrl, REDIS_PREFIX: `samling-film-${randomBytes(4).toString('hex')}` };
    for (let i = 0; i < 2; i++) {
      const config: Config = { ...loadConfig(env), database: storage.database, prettyLogs: false };
      const db = await openDatabase(config.database);
      const app = await buildApp(config, db);
      await app.ready();
      app.realtime.limits.commands = new RateLimiter(1e6, 1e6);
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address() as { port: number };
      nodes.push({ app, db, url: `http://127.0.0.1:${address.port}` });
    }
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    for (const n of nodes) {
      await n.app.close();
      await n.db.close().catch(() => {});
    }
    await storage?.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('plays on node A, is followed on node B, and B serves the film uploaded through A', async () => {
    const [a, b] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    const organiser = await signedUp(a.app, 'Olga');
    const today = toZoned(new Date(), 'Europe/Stockholm').date;
    expect((await organiser.post('/api/events', { slug, name: 'Kluster', startDate: addDays(today, -1), endDate: addDays(today, 1) })).statusCode).toBe(201);
    const stageId = (await organiser.post(`/api/events/${slug}/stages`, { name: 'Scen' })).json().id;
    const sessionId = (await organiser.post(`/api/events/${slug}/sessions`, {
      title: 'Film', stageId, startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    })).json().session.id;
    await organiser.patch(`/api/events/${slug}/sessions/${sessionId}`, { status: 'live' });
    const viewer = await signedUp(b.app, 'Vera');
    await viewer.post(`/api/events/${slug}/join`);

    const bytes = webm(3000);
    const f = form('kluster.webm', bytes);
    const uploaded = await a.app.inject({ method: 'POST', url: `/api/events/${slug}/films`, payload: f.payload, headers: { 'content-type': f.contentType, cookie: organiser.cookie! } });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const filmId = uploaded.json().id;
    const served = await b.app.inject({ method: 'GET', url: `/api/events/${slug}/films/${filmId}/file`, headers: { cookie: viewer.cookie!, range: 'bytes=0-99' } });
    expect(served.statusCode).toBe(206);
    expect(served.rawPayload.equals(bytes.subarray(0, 100))).toBe(true);

    const mod = await connectTo(a.url, { slug, cookie: organiser.cookie });
    const onB = await connectTo(b.url, { slug, cookie: viewer.cookie });
    sockets.push(mod, onB);
    await ok(onB, 'room:join', { room: sessionId });
    const followed = next(onB, 'stage:filmChanged', (m) => m.playback?.playing === true);
    await ok(mod, 'stage:film:load', { stageId, assetId: filmId });
    const played = await ok(mod, 'stage:film:play', { stageId });
    expect((await followed).playback).toEqual(played.playback);
    const onBNow = await ok(onB, 'stage:film:get', { stageId });
    expect(onBNow.version).toBe(played.version);
    expect(onBNow.playback).toEqual(played.playback);
  });
});
