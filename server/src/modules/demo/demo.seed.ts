import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { addDays, fromZoned, roleSchema, sessionKindSchema, toZoned, type Role } from '@samling/protocol';
import { repoRoot } from '../../config.ts';
import type { Prisma } from '../../db/database.ts';
import type { Services } from '../../services.ts';

const demoFile = path.join(repoRoot, 'prisma/seed/smart-industri-dagarna-2026.json');

const demoSchema = z.object({
  slug: z.string(), name: z.string(), description: z.string(), timeZone: z.string(), defaultLanguage: z.enum(['sv', 'en']), days: z.number().int().min(1),
  tracks: z.array(z.object({ key: z.string(), name: z.string(), colour: z.string() })),
  stages: z.array(z.object({ key: z.string(), name: z.string() })),
  speakers: z.array(z.object({ key: z.string(), name: z.string(), title: z.string(), organisation: z.string(), bio: z.string() })),
  sessions: z.array(z.object({
    day: z.number().int().min(1), start: z.string(), end: z.string(), stage: z.string().nullable(), track: z.string().nullable(),
    kind: sessionKindSchema, title: z.string(), abstract: z.string(), speakers: z.array(z.string()),
  })),
});

/** One account per role, all at samling.test. */
export const demoAccounts: { email: string; displayName: string; role: Role }[] = [
  { email: 'organiser@samling.test', displayName: 'Olivia Organisatör', role: 'organiser' },
  { email: 'moderator@samling.test', displayName: 'Moa Moderator', role: 'moderator' },
  { email: 'speaker@samling.test', displayName: 'Sam Talare', role: 'speaker' },
  { email: 'attendee@samling.test', displayName: 'Alva Deltagare', role: 'attendee' },
];

export interface DemoResult { created: boolean; slug: string; password: string | null; passwordFile: string | null }

/**
 * Creates the demo event on first start, through the same services organisers use, so it obeys the same rules.
 * Its first day is the day of the first start (in the event's zone), so "now / next" shows something at once.
 */
export async function seedDemo(prisma: Prisma, services: Services, opts: { password?: string; dataDir?: string; today?: Date }): Promise<DemoResult> {
  const demo = demoSchema.parse(JSON.parse(fs.readFileSync(demoFile, 'utf8')));
  const passwordFile = opts.dataDir ? path.join(opts.dataDir, 'demo-password.txt') : null;
  if (await prisma.event.findUnique({ where: { slug: demo.slug } })) {
    return { created: false, slug: demo.slug, password: null, passwordFile: passwordFile && fs.existsSync(passwordFile) ? passwordFile : null };
  }

  const password = opts.password ?? randomBytes(12).toString('base64url');
  const users = [];
  for (const a of demoAccounts) users.push({ ...a, user: await services.auth.ensureUser(a.email, password, a.displayName) });
  const organiser = users.find((u) => u.role === 'organiser')!;
  const actor = { userId: organiser.user.id, authSessionId: 'seed' };

  const startDate = toZoned(opts.today ?? new Date(), demo.timeZone).date;
  const endDate = addDays(startDate, demo.days - 1);
  await services.events.create(actor, {
    slug: demo.slug, name: demo.name, description: demo.description, timeZone: demo.timeZone, startDate, endDate, defaultLanguage: demo.defaultLanguage,
  });
  for (const u of users) if (u.role !== 'organiser') await services.members.set(actor, demo.slug, { email: u.email, role: roleSchema.parse(u.role) });
  // The event's privacy notice (version 1), accepted by the demo accounts as if they had registered through the form.
  const seeded = await prisma.event.findUniqueOrThrow({ where: { slug: demo.slug } });
  const notice = await services.notices.current(seeded);
  await prisma.consent.createMany({ data: users.filter((u) => u.role !== 'organiser').map((u) => ({ eventId: seeded.id, userId: u.user.id, noticeVersion: notice.version })), skipDuplicates: true });

  const tracks = new Map<string, string>();
  for (const t of demo.tracks) tracks.set(t.key, (await services.agenda.createTrack(actor, demo.slug, { name: t.name, colour: t.colour })).id);
  const stages = new Map<string, string>();
  for (const s of demo.stages) stages.set(s.key, (await services.agenda.createStage(actor, demo.slug, { name: s.name })).id);
  const speakers = new Map<string, string>();
  for (const s of demo.speakers) {
    const { key, ...input } = s;
    speakers.set(key, (await services.agenda.createSpeaker(actor, demo.slug, input)).id);
  }
  for (const s of demo.sessions) {
    const date = addDays(startDate, s.day - 1);
    await services.agenda.createSession(actor, demo.slug, {
      title: s.title, abstract: s.abstract, kind: s.kind, language: 'sv',
      startsAt: fromZoned(date, s.start, demo.timeZone).toISOString(),
      endsAt: fromZoned(date, s.end, demo.timeZone).toISOString(),
      stageId: s.stage ? stages.get(s.stage)! : null,
      trackId: s.track ? tracks.get(s.track)! : null,
      speakerIds: s.speakers.map((k) => speakers.get(k)!),
    });
  }

  let writtenTo: string | null = null;
  if (!opts.password && passwordFile) {
    fs.mkdirSync(path.dirname(passwordFile), { recursive: true });
    fs.writeFileSync(passwordFile, password + '\n', { mode: 0o600 });
    writtenTo = passwordFile;
  }
  return { created: true, slug: demo.slug, password, passwordFile: writtenTo };
}
