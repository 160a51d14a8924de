// Every HTTP route, called as each kind of person: it succeeds exactly where it should, and answers 401/403
// (or 404 for what must not be seen) everywhere else.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, api, toZoned } from '@samling/protocol';
import { backends, Client, signedUp, startApp, type TestApp } from './harness.ts';

const slug = 'matris';
const People = ['signedOut', 'otherEvent', 'guest', 'attendee', 'speaker', 'moderator', 'organiser'] as const;
type Person = (typeof People)[number];
/** Who may: everyone, any signed-in account (not guests), or at least a role in the event. */
type Who = 'everyone' | 'signedIn' | 'account' | 'guest' | 'attendee' | 'moderator' | 'organiser';
const rank: Record<Person, number> = { signedOut: -1, otherEvent: -1, guest: 0, attendee: 1, speaker: 2, moderator: 3, organiser: 4 };
const needed: Record<Exclude<Who, 'everyone' | 'signedIn' | 'account'>, number> = { guest: 0, attendee: 1, moderator: 3, organiser: 4 };

function allowed(who: Who, person: Person): boolean {
  if (who === 'everyone') return true;
  if (who === 'signedIn') return person !== 'signedOut';
  if (who === 'account') return person !== 'signedOut' && person !== 'guest';
  return rank[person] >= needed[who];
}

interface Case {
  name: string;
  who: Who;
  /** Makes a fresh request (fresh ids, so a delete has something to delete each time). */
  make: () => Promise<{ method: string; url: string; body?: unknown }>;
}

describe('authorisation matrix', () => {
  let t: TestApp;
  const people = {} as Record<Person, Client>;
  let organiser: Client;
  let eventDay: string;
  let stageId: string;
  let sessionId: string;

  const fresh = {
    track: async () => (await organiser.post(`/api/events/${slug}/tracks`, { name: `Spår ${randomUUID()}`, colour: '#224466' })).json().id as string,
    stage: async () => (await organiser.post(`/api/events/${slug}/stages`, { name: `Scen ${randomUUID()}` })).json().id as string,
    speaker: async () => (await organiser.post(`/api/events/${slug}/speakers`, { name: 'Talare' })).json().id as string,
    session: async () => (await organiser.post(`/api/events/${slug}/sessions`, { title: 'S', startsAt: `${eventDay}T05:00:00Z`, endsAt: `${eventDay}T05:30:00Z` })).json().session.id as string,
    poll: async () => (await organiser.post(`/api/events/${slug}/sessions/${sessionId}/polls`, { kind: 'single', question: 'Q', options: [{ label: 'a' }, { label: 'b' }] })).json().id as string,
    // A film's row alone is enough to delete it (its file may be missing); uploads are multipart, matrixed in film.test.ts.
    film: async () => (await t.db.prisma.mediaAsset.create({ data: { eventId: (await t.db.prisma.event.findUniqueOrThrow({ where: { slug } })).id, fileName: 'f.webm', storedName: `${randomUUID()}.webm`, mimeType: 'video/webm', size: 1 } })).id,
  };

  const cases: Case[] = [
    { name: 'health', who: 'everyone', make: async () => ({ method: 'GET', url: '/api/health' }) },
    { name: 'me', who: 'everyone', make: async () => ({ method: 'GET', url: '/api/auth/me' }) },
    { name: 'listEvents', who: 'everyone', make: async () => ({ method: 'GET', url: '/api/events' }) },
    { name: 'createEvent', who: 'account', make: async () => ({ method: 'POST', url: '/api/events', body: { slug: `e-${randomBytes(4).toString('hex')}`, name: 'Nytt', startDate: eventDay, endDate: eventDay } }) },
    { name: 'getAgenda', who: 'everyone', make: async () => ({ method: 'GET', url: `/api/events/${slug}` }) },
    { name: 'updateEvent', who: 'organiser', make: async () => ({ method: 'PATCH', url: `/api/events/${slug}`, body: { description: randomUUID() } }) },
    { name: 'createTrack', who: 'organiser', make: async () => ({ method: 'POST', url: `/api/events/${slug}/tracks`, body: { name: 'T', colour: '#000000' } }) },
    { name: 'updateTrack', who: 'organiser', make: async () => ({ method: 'PATCH', url: `/api/events/${slug}/tracks/${await fresh.track()}`, body: { name: 'U' } }) },
    { name: 'deleteTrack', who: 'organiser', make: async () => ({ method: 'DELETE', url: `/api/events/${slug}/tracks/${await fresh.track()}` }) },
    { name: 'createStage', who: 'organiser', make: async () => ({ method: 'POST', url: `/api/events/${slug}/stages`, body: { name: 'S' } }) },
    { name: 'updateStage', who: 'organiser', make: async () => ({ method: 'PATCH', url: `/api/events/${slug}/stages/${await fresh.stage()}`, body: { name: 'U' } }) },
    { name: 'deleteStage', who: 'organiser', make: async () => ({ method: 'DELETE', url: `/api/events/${slug}/stages/${await fresh.stage()}` }) },
    { name: 'createSpeaker', who: 'organiser', make: async () => ({ method: 'POST', url: `/api/events/${slug}/speakers`, body: { name: 'Sp' } }) },
    { name: 'updateSpeaker', who: 'organiser', make: async () => ({ method: 'PATCH', url: `/api/events/${slug}/speakers/${await fresh.speaker()}`, body: { bio: 'b' } }) },
    { name: 'deleteSpeaker', who: 'organiser', make: async () => ({ method: 'DELETE', url: `/api/events/${slug}/speakers/${await fresh.speaker()}` }) },
    { name: 'createSession', who: 'organiser', make: async () => ({ method: 'POST', url: `/api/events/${slug}/sessions`, body: { title: 'N', startsAt: `${eventDay}T06:00:00Z`, endsAt: `${eventDay}T06:30:00Z` } }) },
    { name: 'updateSession (content)', who: 'organiser', make: async () => ({ method: 'PATCH', url: `/api/events/${slug}/sessions/${await fresh.session()}`, body: { title: 'Ny' } }) },
    { name: 'updateSession (status)', who: 'moderator', make: async () => ({ method: 'PATCH', url: `/api/events/${slug}/sessions/${await fresh.session()}`, body: { status: 'live' } }) },
    { name: 'deleteSession', who: 'organiser', make: async () => ({ method: 'DELETE', url: `/api/events/${slug}/sessions/${await fresh.session()}` }) },
    { name: 'myEvent', who: 'everyone', make: async () => ({ method: 'GET', url: `/api/events/${slug}/me` }) },
    { name: 'starSession', who: 'attendee', make: async () => ({ method: 'PUT', url: `/api/events/${slug}/stars/${sessionId}` }) },
    { name: 'unstarSession', who: 'attendee', make: async () => ({ method: 'DELETE', url: `/api/events/${slug}/stars/${sessionId}` }) },
    { name: 'auditLog', who: 'organiser', make: async () => ({ method: 'GET', url: `/api/events/${slug}/audit` }) },
    { name: 'listMembers', who: 'organiser', make: async () => ({ method: 'GET', url: `/api/events/${slug}/members` }) },
    { name: 'listPolls', who: 'moderator', make: async () => ({ method: 'GET', url: `/api/events/${slug}/sessions/${sessionId}/polls` }) },
    { name: 'createPoll', who: 'moderator', make: async () => ({ method: 'POST', url: `/api/events/${slug}/sessions/${sessionId}/polls`, body: { kind: 'open', question: 'Fritt?' } }) },
    { name: 'updatePoll', who: 'moderator', make: async () => ({ method: 'PATCH', url: `/api/events/${slug}/polls/${await fresh.poll()}`, body: { question: 'Ändrad' } }) },
    { name: 'deletePoll', who: 'moderator', make: async () => ({ method: 'DELETE', url: `/api/events/${slug}/polls/${await fresh.poll()}` }) },
    { name: 'listFilms', who: 'moderator', make: async () => ({ method: 'GET', url: `/api/events/${slug}/films` }) },
    { name: 'deleteFilm', who: 'organiser', make: async () => ({ method: 'DELETE', url: `/api/events/${slug}/films/${await fresh.film()}` }) },
    { name: 'guestAccess', who: 'moderator', make: async () => ({ method: 'GET', url: `/api/events/${slug}/guest-access` }) },
    { name: 'newGuestCode', who: 'organiser', make: async () => ({ method: 'POST', url: `/api/events/${slug}/guest-access/code` }) },
    { name: 'importSchedule', who: 'organiser', make: async () => ({ method: 'POST', url: `/api/events/${slug}/import`, body: (await organiser.get(`/api/events/${slug}/schedule.json`)).json() }) },
    { name: 'scheduleJson', who: 'everyone', make: async () => ({ method: 'GET', url: `/api/events/${slug}/schedule.json` }) },
    { name: 'scheduleXml', who: 'everyone', make: async () => ({ method: 'GET', url: `/api/events/${slug}/schedule.xml` }) },
    { name: 'sessionIcs', who: 'everyone', make: async () => ({ method: 'GET', url: `/api/events/${slug}/sessions/${sessionId}/session.ics` }) },
    { name: 'myAgendaIcs', who: 'attendee', make: async () => ({ method: 'GET', url: `/api/events/${slug}/my-agenda.ics` }) },
    { name: 'pollCsv', who: 'moderator', make: async () => ({ method: 'GET', url: `/api/events/${slug}/polls/${await fresh.poll()}/results.csv` }) },
    { name: 'sessionCsv', who: 'moderator', make: async () => ({ method: 'GET', url: `/api/events/${slug}/sessions/${sessionId}/interaction.csv` }) },
    { name: 'myData', who: 'signedIn', make: async () => ({ method: 'GET', url: '/api/me/data' }) },
    { name: 'myAccount', who: 'signedIn', make: async () => ({ method: 'GET', url: '/api/me' }) },
    { name: 'eventPrivacy', who: 'organiser', make: async () => ({ method: 'GET', url: `/api/events/${slug}/privacy` }) },
    { name: 'authProviders', who: 'everyone', make: async () => ({ method: 'GET', url: '/api/auth/providers' }) },
    { name: 'guestQr', who: 'moderator', make: async () => ({ method: 'GET', url: `/api/events/${slug}/guest-qr.svg` }) },
    // Registration (modules/registration).
    { name: 'registrationInfo', who: 'everyone', make: async () => ({ method: 'GET', url: `/api/events/${slug}/registration` }) },
    { name: 'updateRegistration', who: 'organiser', make: async () => ({ method: 'PATCH', url: `/api/events/${slug}/registration`, body: { capacity: null } }) },
    { name: 'checkInvitation', who: 'everyone', make: async () => ({ method: 'POST', url: `/api/events/${slug}/invitations/check`, body: { code: (await organiser.post(`/api/events/${slug}/invitations`, {})).json().code } }) },
    { name: 'giveConsent', who: 'attendee', make: async () => ({ method: 'POST', url: `/api/events/${slug}/consent`, body: { noticeVersion: (await organiser.get(`/api/events/${slug}/registration`)).json().notice.version } }) },
    { name: 'listInvitations', who: 'organiser', make: async () => ({ method: 'GET', url: `/api/events/${slug}/invitations` }) },
    { name: 'createInvitation', who: 'organiser', make: async () => ({ method: 'POST', url: `/api/events/${slug}/invitations`, body: { label: 'L' } }) },
    { name: 'revokeInvitation', who: 'organiser', make: async () => ({ method: 'POST', url: `/api/events/${slug}/invitations/${(await organiser.post(`/api/events/${slug}/invitations`, {})).json().id}/revoke` }) },
    { name: 'listPrivacyNotices', who: 'organiser', make: async () => ({ method: 'GET', url: `/api/events/${slug}/privacy-notices` }) },
    { name: 'publishPrivacyNotice', who: 'organiser', make: async () => ({ method: 'POST', url: `/api/events/${slug}/privacy-notices`, body: { textSv: randomUUID() } }) },
    { name: 'listAttendees', who: 'organiser', make: async () => ({ method: 'GET', url: `/api/events/${slug}/attendees` }) },
    { name: 'importAttendees', who: 'organiser', make: async () => ({ method: 'POST', url: `/api/events/${slug}/attendees/import`, body: { csv: `email,name\n${randomUUID()}@example.se,N` } }) },
    { name: 'removeMember', who: 'organiser', make: async () => {
      const c = await signedUp(t.app);
      return { method: 'DELETE', url: `/api/events/${slug}/members/${(await organiser.post(`/api/events/${slug}/members`, { email: c.email, role: 'attendee' })).json().userId}` };
    } },
    { name: 'attendeesCsv', who: 'organiser', make: async () => ({ method: 'GET', url: `/api/events/${slug}/attendees.csv` }) },
    { name: 'register', who: 'account', make: async () => ({ method: 'POST', url: `/api/events/${slug}/register`, body: { displayName: 'R', consent: true, noticeVersion: (await organiser.get(`/api/events/${slug}/registration`)).json().notice.version } }) },
    // Last: joining makes a non-member an attendee, which would change the answers above.
    { name: 'joinEvent', who: 'account', make: async () => ({ method: 'POST', url: `/api/events/${slug}/join` }) },
  ];

  beforeAll(async () => {
    t = await startApp(backends.find((b) => b.name === 'pglite')!);
    organiser = await signedUp(t.app, 'Organisatör');
    people.organiser = organiser;
    eventDay = addDays(toZoned(new Date(), 'Europe/Stockholm').date, 1);
    expect((await organiser.post('/api/events', { slug, name: 'Matris', startDate: eventDay, endDate: eventDay, guestAccess: true })).statusCode).toBe(201);
    stageId = await fresh.stage();
    sessionId = (await organiser.post(`/api/events/${slug}/sessions`, { title: 'Huvud', stageId, startsAt: `${eventDay}T08:00:00Z`, endsAt: `${eventDay}T09:00:00Z` })).json().session.id;
    for (const role of ['attendee', 'speaker', 'moderator'] as const) {
      const c = await signedUp(t.app, role);
      await organiser.post(`/api/events/${slug}/members`, { email: c.email, role });
      people[role] = c;
    }
    people.signedOut = new Client(t.app);
    const other = await signedUp(t.app, 'Annan');
    await other.post('/api/events', { slug: 'annat', name: 'Annat', startDate: eventDay, endDate: eventDay });
    people.otherEvent = other;
    const code = (await organiser.get(`/api/events/${slug}/guest-access`)).json().code;
    const guest = new Client(t.app);
    expect((await guest.post('/api/guest/join', { code, displayName: 'Gäst' })).statusCode).toBe(201);
    people.guest = guest;
  });
  afterAll(async () => { await t?.close(); });

  it('covers every endpoint of the protocol', () => {
    const covered = new Set(cases.map((c) => c.name.split(' ')[0]));
    // deleteAccount and purgeEvent destroy what the other cases need: privacy.test.ts has their matrix. A film's bytes
    // need a stored film: film.test.ts has their matrix. Single sign-on's redirects are the sign-in itself (oidc.test.ts).
    const skipped = [
      'signUp', 'signIn', 'signOut', 'signOutEverywhere', 'guestJoin', 'metrics', 'setMember', 'uploadFilm', 'deleteAccount', 'purgeEvent',
      'filmFile', 'oidcStart', 'oidcCallback',
    ];
    expect(Object.keys(api).filter((k) => !covered.has(k) && !skipped.includes(k))).toEqual([]);
  });

  for (const person of People) {
    it(`answers ${person} as the matrix says`, async () => {
      const wrong: string[] = [];
      for (const c of cases) {
        const { method, url, body } = await c.make();
        const res = await people[person].request(method, url, body);
        const ok = res.statusCode < 300;
        const expected = allowed(c.who, person);
        if (ok !== expected) wrong.push(`${c.name}: ${res.statusCode} ${res.body.slice(0, 120)}`);
        if (!ok && !expected) {
          const code = res.json().error.code;
          const fine = person === 'signedOut' ? ['UNAUTHENTICATED'] : ['FORBIDDEN', 'GUESTS_NOT_ALLOWED'];
          if (!fine.includes(code)) wrong.push(`${c.name}: refused with ${code}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it('lets only organisers hand out roles, and never to themselves by accident', async () => {
    const target = await signedUp(t.app);
    for (const person of People.filter((p) => p !== 'organiser')) {
      const res = await people[person].post(`/api/events/${slug}/members`, { email: target.email, role: 'moderator' });
      expect(res.statusCode, person).toBe(person === 'signedOut' ? 401 : 403);
    }
    expect((await organiser.post(`/api/events/${slug}/members`, { email: target.email, role: 'moderator' })).statusCode).toBe(200);
  });

  it('keeps a guest’s session valid only as the guest it is', async () => {
    const token = randomBytes(32).toString('base64url');
    const user = await t.db.prisma.user.findFirstOrThrow({ where: { isGuest: true } });
    await t.db.prisma.authSession.create({ data: { userId: user.id, tokenHash: createHash('sha256').update(token).digest('hex'), expiresAt: new Date(Date.now() - 1000) } });
    const expired = new Client(t.app);
    expired.cookie = `samling_session=${token}`;
    expect((await expired.get('/api/auth/me')).json().user).toBeNull();
  });
});
