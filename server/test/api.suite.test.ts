// One behaviour suite, run against each storage backend: the embedded PGlite default and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromZoned, type Agenda, type SessionResult } from '@samling/protocol';
import { backends, Client, signedUp, startApp, type TestApp } from './harness.ts';
import { jsonSchemaErrors, xmllint } from '../src/modules/schedule/schedule.validate.ts';

const at = (date: string, time: string) => fromZoned(date, time, 'Europe/Stockholm').toISOString();

describe.each(backends)('Samling API on $name', (backend) => {
  let t: TestApp;
  let organiser: Client & { email: string };
  let stageA: string;
  let stageB: string;
  let track: string;
  let speaker: string;
  const slug = 'hosten-2026';

  beforeAll(async () => {
    t = await startApp(backend);
    organiser = await signedUp(t.app, 'Olga Organisatör');
    // Spans the end of daylight saving time in Europe/Stockholm (Sunday 25 October 2026, 03:00 → 02:00).
    const ev = await organiser.post('/api/events', { slug, name: 'Hösten 2026', startDate: '2026-10-24', endDate: '2026-10-25' });
    expect(ev.statusCode).toBe(201);
    stageA = (await organiser.post(`/api/events/${slug}/stages`, { name: 'Stora scenen' })).json().id;
    stageB = (await organiser.post(`/api/events/${slug}/stages`, { name: 'Scen 2' })).json().id;
    track = (await organiser.post(`/api/events/${slug}/tracks`, { name: 'Industri 4.0', colour: '#1f5fa8' })).json().id;
    speaker = (await organiser.post(`/api/events/${slug}/speakers`, { name: 'Sara Nilsson', organisation: 'RISE' })).json().id;
  });
  afterAll(async () => { await t?.close(); });

  const agenda = async (): Promise<Agenda> => (await new Client(t.app).get(`/api/events/${slug}`)).json();
  const createSession = (who: Client, body: Record<string, unknown>) => who.post(`/api/events/${slug}/sessions`, body);

  it('reports health with the database it runs on', async () => {
    const res = await new Client(t.app).get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: backend.name });
  });

  describe('accounts', () => {
    it('signs up with an httpOnly cookie, knows who you are, and signs out', async () => {
      const c = new Client(t.app);
      const res = await c.post('/api/auth/signup', { email: 'Ny.Person@Example.se', password: 'a long enough password', displayName: 'Ny Person' });
      expect(res.statusCode).toBe(201);
      const cookie = res.cookies.find((k) => k.name === 'samling_session');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect((await c.get('/api/auth/me')).json().user).toMatchObject({ email: 'ny.person@example.se', displayName: 'Ny Person' });
      const stolen = c.cookie;
      expect((await c.post('/api/auth/signout')).statusCode).toBe(204);
      expect((await c.get('/api/auth/me')).json().user).toBeNull();
      // The old cookie is dead on the server, not just forgotten by the browser.
      c.cookie = stolen;
      expect((await c.get('/api/auth/me')).json().user).toBeNull();
    });

    it('signs in with the right password only, and refuses a second account on the same email', async () => {
      const c = new Client(t.app);
      expect((await c.post('/api/auth/signin', { email: organiser.email, password: 'wrong password!' })).json().error.code).toBe('INVALID_CREDENTIALS');
      expect((await c.post('/api/auth/signin', { email: 'nobody@example.se', password: 'whatever123' })).statusCode).toBe(401);
      const ok = await c.post('/api/auth/signin', { email: organiser.email.toUpperCase(), password: 'correct horse battery' });
      expect(ok.statusCode).toBe(200);
      const dup = await c.post('/api/auth/signup', { email: organiser.email, password: 'correct horse battery', displayName: 'X' });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error.code).toBe('EMAIL_TAKEN');
    });

    it('stores a memory-hard hash, never the password', async () => {
      const row = await t.db.prisma.user.findUnique({ where: { email: organiser.email } });
      expect(row?.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
      expect(row?.passwordHash).not.toContain('correct horse battery');
    });

    it('slows down guessing: five wrong passwords lock the account for a while, not others', async () => {
      const victim = await signedUp(t.app);
      const guesser = new Client(t.app);
      for (let i = 0; i < 5; i++) expect((await guesser.post('/api/auth/signin', { email: victim.email, password: `gissning-${i}-abc` })).json().error.code).toBe('INVALID_CREDENTIALS');
      const locked = await guesser.post('/api/auth/signin', { email: victim.email, password: 'correct horse battery' });
      expect(locked.statusCode).toBe(429);
      expect(locked.json().error).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } });
      const other = await signedUp(t.app);
      expect((await new Client(t.app).post('/api/auth/signin', { email: other.email, password: 'correct horse battery' })).statusCode).toBe(200);
    });

    it('signs out every browser of an account at once', async () => {
      const person = await signedUp(t.app);
      const laptop = new Client(t.app);
      await laptop.post('/api/auth/signin', { email: person.email, password: 'correct horse battery' });
      expect((await laptop.get('/api/auth/me')).json().user).not.toBeNull();
      expect((await person.post('/api/auth/signout-everywhere')).statusCode).toBe(204);
      expect((await laptop.get('/api/auth/me')).json().user).toBeNull();
      expect((await person.get('/api/auth/me')).json().user).toBeNull();
    });

    it('refuses passwords that are easy to guess', async () => {
      for (const password of ['lösenord123', 'aaaaaaaaaaaa', 'gustav.svensson-2026']) {
        const res = await new Client(t.app).post('/api/auth/signup', { email: 'gustav.svensson@example.se', password, displayName: 'Gustav' });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.details.issues[0]).toMatchObject({ path: '/password' });
      }
    });

    it('refuses a short password with a typed error', async () => {
      const res = await new Client(t.app).post('/api/auth/signup', { email: 'short@example.se', password: 'short', displayName: 'S' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('the agenda rules', () => {
    it('stores times in UTC, correct on both sides of the daylight-saving change', async () => {
      const sat = await createSession(organiser, { title: 'Lördag nio', startsAt: at('2026-10-24', '09:00'), endsAt: at('2026-10-24', '09:45'), stageId: stageA });
      const sun = await createSession(organiser, { title: 'Söndag nio', startsAt: at('2026-10-25', '09:00'), endsAt: at('2026-10-25', '09:45'), stageId: stageA });
      expect(sat.statusCode).toBe(201);
      expect((sat.json() as SessionResult).session.startsAt).toBe('2026-10-24T07:00:00.000Z');
      expect((sun.json() as SessionResult).session.startsAt).toBe('2026-10-25T08:00:00.000Z');
    });

    it('refuses a session that ends before it starts', async () => {
      const res = await createSession(organiser, { title: 'Baklänges', startsAt: at('2026-10-24', '11:00'), endsAt: at('2026-10-24', '10:00') });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('INVALID_TIME_RANGE');
    });

    it('refuses a session outside the event’s days, judged in the event’s zone', async () => {
      // 23:30 UTC on the 25th is 00:30 on the 26th in Stockholm: outside.
      const late = await createSession(organiser, { title: 'För sent', startsAt: '2026-10-25T23:30:00Z', endsAt: '2026-10-26T00:00:00Z' });
      expect(late.statusCode).toBe(400);
      expect(late.json().error.code).toBe('OUTSIDE_EVENT_DATES');
      // 22:30 UTC on the 23rd is 00:30 on the 24th (summer time, +2): inside.
      const early = await createSession(organiser, { title: 'Midnattsfika', startsAt: '2026-10-23T22:30:00Z', endsAt: '2026-10-23T23:00:00Z' });
      expect(early.statusCode).toBe(201);
    });

    it('refuses a double-booked stage with 409 naming the conflict, and allows another stage', async () => {
      const first = await createSession(organiser, { title: 'Digitala tvillingar', startsAt: at('2026-10-24', '13:00'), endsAt: at('2026-10-24', '13:45'), stageId: stageA });
      expect(first.statusCode).toBe(201);
      const clash = await createSession(organiser, { title: 'Krock', startsAt: at('2026-10-24', '13:30'), endsAt: at('2026-10-24', '14:00'), stageId: stageA });
      expect(clash.statusCode).toBe(409);
      expect(clash.json().error).toMatchObject({ code: 'STAGE_DOUBLE_BOOKED', details: { conflicts: [{ title: 'Digitala tvillingar' }] } });
      const elsewhere = await createSession(organiser, { title: 'Krock', startsAt: at('2026-10-24', '13:30'), endsAt: at('2026-10-24', '14:00'), stageId: stageB });
      expect(elsewhere.statusCode).toBe(201);
      // Back to back is not a clash.
      const next = await createSession(organiser, { title: 'Direkt efter', startsAt: at('2026-10-24', '13:45'), endsAt: at('2026-10-24', '14:15'), stageId: stageA });
      expect(next.statusCode).toBe(201);
      // Moving a session onto a booked slot is refused too.
      const moved = await organiser.patch(`/api/events/${slug}/sessions/${next.json().session.id}`, { startsAt: at('2026-10-24', '13:15') });
      expect(moved.statusCode).toBe(409);
    });

    it('warns, but saves, when a speaker is booked in two places at once', async () => {
      const a = await createSession(organiser, { title: 'Tal ett', startsAt: at('2026-10-25', '10:00'), endsAt: at('2026-10-25', '10:45'), stageId: stageA, speakerIds: [speaker] });
      expect(a.json().warnings).toEqual([]);
      const b = await createSession(organiser, { title: 'Tal två', startsAt: at('2026-10-25', '10:30'), endsAt: at('2026-10-25', '11:00'), stageId: stageB, speakerIds: [speaker] });
      expect(b.statusCode).toBe(201);
      expect(b.json().warnings).toEqual([expect.objectContaining({ code: 'SPEAKER_DOUBLE_BOOKED', speakerId: speaker, sessionIds: [a.json().session.id] })]);
    });

    it('shows what organisers made to everyone, speakers in order', async () => {
      const res = await createSession(organiser, { title: 'Panel', kind: 'panel', trackId: track, stageId: stageB, startsAt: at('2026-10-25', '15:00'), endsAt: at('2026-10-25', '16:00'), speakerIds: [speaker] });
      const a = await agenda();
      expect(a.event).toMatchObject({ slug, timeZone: 'Europe/Stockholm', startDate: '2026-10-24', endDate: '2026-10-25' });
      expect(a.sessions.find((s) => s.id === res.json().session.id)).toMatchObject({ title: 'Panel', kind: 'panel', trackId: track, stageId: stageB, speakerIds: [speaker], status: 'scheduled' });
      expect(a.stages.map((s) => s.name)).toEqual(['Stora scenen', 'Scen 2']);
    });

    it('refuses to delete a stage in use, and to move the event away from its sessions', async () => {
      const del = await organiser.del(`/api/events/${slug}/stages/${stageA}`);
      expect(del.statusCode).toBe(409);
      expect(del.json().error.code).toBe('IN_USE');
      const moved = await organiser.patch(`/api/events/${slug}`, { startDate: '2026-11-01', endDate: '2026-11-02' });
      expect(moved.statusCode).toBe(400);
      expect(moved.json().error.code).toBe('OUTSIDE_EVENT_DATES');
      expect((await agenda()).event.startDate).toBe('2026-10-24');
    });
  });

  describe('roles', () => {
    it('lets only organisers change the agenda, checked by the service', async () => {
      const attendee = await signedUp(t.app);
      await attendee.post(`/api/events/${slug}/join`);
      const before = (await agenda()).sessions.length;
      const anon = await createSession(new Client(t.app), { title: 'Anonym', startsAt: at('2026-10-24', '16:00'), endsAt: at('2026-10-24', '16:30') });
      expect(anon.statusCode).toBe(401);
      expect(anon.json().error.code).toBe('UNAUTHENTICATED');
      const forbidden = await createSession(attendee, { title: 'Deltagare', startsAt: at('2026-10-24', '16:00'), endsAt: at('2026-10-24', '16:30') });
      expect(forbidden.statusCode).toBe(403);
      expect(forbidden.json().error.code).toBe('FORBIDDEN');
      expect((await attendee.post(`/api/events/${slug}/tracks`, { name: 'X', colour: '#000000' })).statusCode).toBe(403);
      expect((await attendee.patch(`/api/events/${slug}`, { name: 'Kapad' })).statusCode).toBe(403);
      expect((await agenda()).sessions.length).toBe(before);
      expect((await agenda()).event.name).toBe('Hösten 2026');
    });

    it('lets a moderator set a session live, but not rewrite it', async () => {
      const moderator = await signedUp(t.app);
      expect((await organiser.post(`/api/events/${slug}/members`, { email: moderator.email, role: 'moderator' })).statusCode).toBe(200);
      const s = (await agenda()).sessions[0]!;
      const live = await moderator.patch(`/api/events/${slug}/sessions/${s.id}`, { status: 'live' });
      expect(live.statusCode).toBe(200);
      expect(live.json().session.status).toBe('live');
      expect((await moderator.patch(`/api/events/${slug}/sessions/${s.id}`, { title: 'Nytt namn' })).statusCode).toBe(403);
    });

    it('keeps an audit log of organiser and moderator actions, for organisers', async () => {
      const log = (await organiser.get(`/api/events/${slug}/audit`)).json();
      const actions = log.entries.map((e: { action: string }) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['event.created', 'stage.created', 'session.created', 'member.role', 'session.status']));
      const status = log.entries.find((e: { action: string }) => e.action === 'session.status');
      expect(status).toMatchObject({ details: { status: 'live' }, actor: expect.any(String) });
      expect(log.entries[0].at >= log.entries.at(-1).at).toBe(true);
    });

    it('keeps events apart: an organiser of one event is nobody in another', async () => {
      const other = await signedUp(t.app);
      expect((await other.post('/api/events', { slug: 'annat-event', name: 'Annat', startDate: '2026-12-01', endDate: '2026-12-01' })).statusCode).toBe(201);
      expect((await other.post(`/api/events/${slug}/stages`, { name: 'Intrång' })).statusCode).toBe(403);
      // A stage id from another event is "not found" in this one.
      const foreignStage = (await other.post('/api/events/annat-event/stages', { name: 'Deras scen' })).json().id;
      const res = await createSession(organiser, { title: 'Fel scen', startsAt: at('2026-10-24', '17:00'), endsAt: at('2026-10-24', '17:30'), stageId: foreignStage });
      expect(res.statusCode).toBe(404);
    });
  });

  describe('bad input changes nothing', () => {
    it('answers malformed JSON, unknown fields, wrong types, oversize bodies and unknown ids with typed errors', async () => {
      const before = JSON.stringify(await agenda());
      const malformed = await organiser.request('POST', `/api/events/${slug}/sessions`, '{"title": "x",', { 'content-type': 'application/json' });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().error.code).toBe('MALFORMED_JSON');
      const unknownField = await createSession(organiser, { title: 'X', startsAt: at('2026-10-24', '18:00'), endsAt: at('2026-10-24', '18:30'), admin: true });
      expect(unknownField.statusCode).toBe(400);
      expect(unknownField.json().error.code).toBe('VALIDATION_FAILED');
      const wrongType = await createSession(organiser, { title: 42, startsAt: 'tomorrow', endsAt: at('2026-10-24', '18:30') });
      expect(wrongType.json().error.code).toBe('VALIDATION_FAILED');
      expect(wrongType.json().error.details.issues.length).toBeGreaterThanOrEqual(2);
      const longTitle = await createSession(organiser, { title: 'x'.repeat(201), startsAt: at('2026-10-24', '18:00'), endsAt: at('2026-10-24', '18:30') });
      expect(longTitle.statusCode).toBe(400);
      const huge = await createSession(organiser, { title: 'X', abstract: 'x'.repeat(6 * 1024 * 1024), startsAt: at('2026-10-24', '18:00'), endsAt: at('2026-10-24', '18:30') });
      expect(huge.statusCode).toBe(413);
      expect(huge.json().error.code).toBe('PAYLOAD_TOO_LARGE');
      const text = await organiser.request('POST', `/api/events/${slug}/sessions`, 'title=x', { 'content-type': 'text/plain' });
      expect(text.statusCode).toBe(415);
      expect((await organiser.patch(`/api/events/${slug}/sessions/00000000-0000-4000-8000-000000000000`, { title: 'Ingen' })).statusCode).toBe(404);
      expect((await organiser.patch(`/api/events/${slug}/sessions/not-a-uuid`, { title: 'Ingen' })).json().error.code).toBe('VALIDATION_FAILED');
      expect((await new Client(t.app).get('/api/events/finns-inte')).statusCode).toBe(404);
      expect((await new Client(t.app).get('/api/nope')).json().error.code).toBe('NOT_FOUND');
      expect(JSON.stringify(await agenda())).toBe(before);
    });

    it('refuses changes from a foreign origin, and sends a strict Content-Security-Policy', async () => {
      const res = await organiser.request('POST', `/api/events/${slug}/stages`, { name: 'Från annan sajt' }, { origin: 'https://evil.example' });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
      expect((await agenda()).stages.map((s) => s.name)).not.toContain('Från annan sajt');
      const same = await organiser.request('PATCH', `/api/events/${slug}`, { description: 'Samma ursprung' }, { origin: 'http://samling.test' });
      expect(same.statusCode).toBe(200);
      const page = await new Client(t.app).get('/api/health');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['x-frame-options']).toBe('DENY');
    });

    it('never leaks internals in a 5xx', async () => {
      const res = await new Client(t.app).get('/api/events/%E0%A4%A');
      expect(res.statusCode).toBeLessThan(500);
    });
  });

  describe('personal agenda and calendars', () => {
    it('stars and unstars sessions (idempotently) and downloads them as .ics', async () => {
      const person = await signedUp(t.app);
      const s = (await agenda()).sessions.find((x) => x.title === 'Panel')!;
      expect((await person.put(`/api/events/${slug}/stars/${s.id}`)).statusCode).toBe(403);
      expect((await person.post(`/api/events/${slug}/join`)).json().role).toBe('attendee');
      expect((await person.put(`/api/events/${slug}/stars/${s.id}`)).json().starredSessionIds).toEqual([s.id]);
      expect((await person.put(`/api/events/${slug}/stars/${s.id}`)).json().starredSessionIds).toEqual([s.id]);
      const mine = await person.get(`/api/events/${slug}/my-agenda.ics`);
      expect(mine.headers['content-type']).toMatch(/^text\/calendar/);
      expect(mine.body).toContain('SUMMARY:Panel');
      expect(mine.body.match(/BEGIN:VEVENT/g)).toHaveLength(1);
      expect((await person.del(`/api/events/${slug}/stars/${s.id}`)).json().starredSessionIds).toEqual([]);
      expect((await person.get(`/api/events/${slug}/my-agenda.ics`)).body).not.toContain('BEGIN:VEVENT');
      expect((await new Client(t.app).get(`/api/events/${slug}/my-agenda.ics`)).statusCode).toBe(401);
    });

    it('serves one session as .ics with its UTC start', async () => {
      const s = (await agenda()).sessions.find((x) => x.title === 'Söndag nio')!;
      const res = await new Client(t.app).get(`/api/events/${slug}/sessions/${s.id}/session.ics`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toMatch(/attachment; filename=".*\.ics"/);
      expect(res.body).toContain('DTSTART:20261025T080000Z');
    });
  });

  describe('schedule interop', () => {
    it('exports schedule.json and schedule.xml that validate against the frab/pretalx schemas', async () => {
      const json = await new Client(t.app).get(`/api/events/${slug}/schedule.json`);
      expect(json.statusCode).toBe(200);
      expect(jsonSchemaErrors(json.json())).toEqual([]);
      const xml = await new Client(t.app).get(`/api/events/${slug}/schedule.xml`);
      expect(xml.headers['content-type']).toMatch(/^application\/xml/);
      const lint = xmllint(xml.body);
      expect(lint.ok, lint.output).toBe(true);
    });

    it('imports a schedule.json into another event, then again without duplicates', async () => {
      const doc = (await new Client(t.app).get(`/api/events/${slug}/schedule.json`)).json();
      expect((await organiser.post('/api/events', { slug: 'kopia', name: 'Kopia', startDate: '2026-10-24', endDate: '2026-10-25' })).statusCode).toBe(201);
      const first = await organiser.post('/api/events/kopia/import', doc);
      expect(first.statusCode).toBe(200);
      const source = await agenda();
      const copy: Agenda = (await new Client(t.app).get('/api/events/kopia')).json();
      expect(first.json().sessions).toBe(copy.sessions.length);
      expect(copy.sessions.map((s) => [s.title, s.startsAt]).sort()).toEqual(source.sessions.map((s) => [s.title, s.startsAt]).sort());
      expect(copy.tracks.map((tr) => tr.name)).toEqual(['Industri 4.0']);
      const again = await organiser.post('/api/events/kopia/import', doc);
      // Every session now collides with itself on its stage: skipped, nothing duplicated.
      expect(again.json().sessions).toBe(0);
      expect(((await new Client(t.app).get('/api/events/kopia')).json() as Agenda).sessions.length).toBe(copy.sessions.length);
      const bad = await organiser.post('/api/events/kopia/import', { schedule: 'nope' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('INVALID_SCHEDULE');
    });
  });

  it('serves process metrics only with the metrics token', async () => {
    expect((await new Client(t.app).get('/api/metrics')).statusCode).toBe(404);
  });

  it('documents the API with OpenAPI at /api/docs', async () => {
    const doc = (await new Client(t.app).get('/api/docs/json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/events/{slug}/sessions', '/api/events/{slug}/schedule.xml']));
    expect((await new Client(t.app).get('/api/docs')).statusCode).toBeLessThan(400);
  });
});
