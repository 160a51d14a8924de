// Prepares a database for a load test: an event with a live session, a moderator and N attendees, each with a
// browser session. Run it before the server starts (PGlite's files belong to one process at a time) or against
// PostgreSQL at any time. Writes { slug, sessionId, moderator, attendees: [cookie…] } as JSON.
// Usage: tsx scripts/seed-load.ts --count 10000 --out /tmp/load.json [--data-dir DIR | --database-url URL] [--slug bench]
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { addDays, toZoned } from '@samling/protocol';
import { openDatabase } from '../src/db/database.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const count = Number(arg('count') ?? 100);
const out = arg('out');
const slug = arg('slug') ?? 'last';
const url = arg('database-url');
const dataDir = arg('data-dir');
if (!out || !Number.isInteger(count) || count < 1 || count > 100_000 || (!url && !dataDir)) {
  console.error('usage: seed-load.ts --count N --out FILE (--data-dir DIR | --database-url URL) [--slug SLUG]');
  process.exit(2);
}

const db = await openDatabase(url ? { kind: 'postgresql', url } : { kind: 'pglite', dataDir: dataDir! });
const { prisma } = db;
const session = () => {
  const token = randomBytes(32).toString('base64url');
  return { cookie: `samling_session=${token}`, tokenHash: createHash('sha256').update(token).digest('hex'), expiresAt: new Date(Date.now() + 24 * 3_600_000) };
};

const today = toZoned(new Date(), 'Europe/Stockholm').date;
const event = await prisma.event.upsert({
  where: { slug },
  create: { slug, name: 'Lasttest', timeZone: 'Europe/Stockholm', startDate: addDays(today, -1), endDate: addDays(today, 1) },
  update: {},
});
const live = await prisma.session.create({
  data: { eventId: event.id, title: `Lasttest ${new Date().toISOString()}`, startsAt: new Date(Date.now() - 60_000), endsAt: new Date(Date.now() + 6 * 3_600_000), status: 'live' },
});

const people = Array.from({ length: count + 1 }, (_, i) => ({
  id: randomUUID(),
  email: `load-${i}-${randomBytes(4).toString('hex')}@example.se`,
  passwordHash: '!',
  displayName: i === 0 ? 'Lastmoderator' : `Deltagare ${i}`,
  session: session(),
}));
for (let i = 0; i < people.length; i += 2000) {
  const chunk = people.slice(i, i + 2000);
  await prisma.user.createMany({ data: chunk.map(({ session: _s, ...u }) => u) });
  await prisma.membership.createMany({ data: chunk.map((u, j) => ({ eventId: event.id, userId: u.id, role: i + j === 0 ? 'moderator' : 'attendee' })) });
  await prisma.authSession.createMany({ data: chunk.map((u) => ({ userId: u.id, tokenHash: u.session.tokenHash, expiresAt: u.session.expiresAt })) });
}
fs.writeFileSync(out, JSON.stringify({ slug, sessionId: live.id, moderator: people[0]!.session.cookie, attendees: people.slice(1).map((p) => p.session.cookie) }));
await db.close();
console.log(`seeded ${count} attendees and a moderator in ${slug}, session ${live.id} → ${out}`);
