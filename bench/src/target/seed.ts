// Attendees for the run. The server has no bulk registration, so, like the integration tests, the harness writes
// accounts, memberships (attendee) and browser sessions straight into the database when it can reach it: a
// scrypt sign-up per person would measure password hashing, not live rooms. Otherwise it signs people up.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';

export const SESSION_COOKIE = 'samling_session';
const CHUNK = 1000;

export interface Person {
  userId: string | null;
  cookie: string;
}

/** Runs SQL text: a pg client or a PGlite instance. */
type Exec = (sql: string) => Promise<void>;

/** Rows of harness-made values only (uuids, hex, ASCII): safe as literals, and one code path for pg and PGlite. */
async function insertPeople(exec: Exec, eventId: string, n: number, tag: string): Promise<Person[]> {
  const people: Person[] = [];
  const expires = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
  for (let start = 0; start < n; start += CHUNK) {
    const users: string[] = [];
    const members: string[] = [];
    const sessions: string[] = [];
    for (let i = start; i < Math.min(n, start + CHUNK); i++) {
      const id = randomUUID();
      const token = randomBytes(32).toString('base64url');
      users.push(`('${id}','bench-${tag}-${i}@example.se','!','Deltagare ${i}')`);
      members.push(`('${eventId}','${id}','attendee')`);
      sessions.push(`('${randomUUID()}','${createHash('sha256').update(token).digest('hex')}','${id}','${expires}')`);
      people.push({ userId: id, cookie: `${SESSION_COOKIE}=${token}` });
    }
    await exec(`INSERT INTO "User" (id, email, "passwordHash", "displayName") VALUES ${users.join(',')}`);
    await exec(`INSERT INTO "Membership" ("eventId", "userId", role) VALUES ${members.join(',')}`);
    await exec(`INSERT INTO "AuthSession" (id, "tokenHash", "userId", "expiresAt") VALUES ${sessions.join(',')}`);
  }
  return people;
}

const eventIdQuery = (slug: string) => `SELECT id FROM "Event" WHERE slug = '${slug.replace(/'/g, "''")}'`;

/** PostgreSQL, while the server runs. */
export async function seedPostgres(url: string, slug: string, n: number, tag: string): Promise<Person[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(eventIdQuery(slug));
    if (!rows[0]) throw new Error(`no event "${slug}" in the database`);
    return await insertPeople(async (sql) => { await client.query(sql); }, rows[0].id, n, tag);
  } finally {
    await client.end();
  }
}

/** Embedded PGlite: only while the server is stopped, as one process at a time owns its files. */
export async function seedPglite(dir: string, slug: string, n: number, tag: string): Promise<Person[]> {
  const db = await PGlite.create(dir);
  try {
    const { rows } = await db.query<{ id: string }>(eventIdQuery(slug));
    if (!rows[0]) throw new Error(`no event "${slug}" in ${dir}`);
    return await insertPeople(async (sql) => { await db.exec(sql); }, rows[0].id, n, tag);
  } finally {
    await db.close();
  }
}

/** Votes stored per poll, to compare with what the clients were told. */
export async function countVotesPostgres(url: string, pollIds: string[]): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pollId: string; n: string }>(`SELECT "pollId", count(*) AS n FROM "Vote" WHERE "pollId" = ANY($1::uuid[]) GROUP BY "pollId"`, [pollIds]);
    return new Map(pollIds.map((id) => [id, Number(rows.find((r) => r.pollId === id)?.n ?? 0)]));
  } finally {
    await client.end();
  }
}

export async function countVotesPglite(dir: string, pollIds: string[]): Promise<Map<string, number>> {
  const db = await PGlite.create(dir);
  try {
    const out = new Map<string, number>();
    for (const id of pollIds) {
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Vote" WHERE "pollId" = '${id}'`);
      out.set(id, rows[0]?.n ?? 0);
    }
    return out;
  } finally {
    await db.close();
  }
}

/** Without database access: the public sign-up (scrypt on the server, tens of ms each) and joining the event. */
export async function signUpPeople(baseUrl: string, slug: string, n: number, tag: string, onProgress?: (done: number) => void): Promise<Person[]> {
  const people: Person[] = new Array(n);
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let i = next++; i < n; i = next++) {
      const res = await fetch(`${baseUrl}/api/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `bench-${tag}-${i}@example.se`, password: `bench-${tag}-password`, displayName: `Deltagare ${i}` }),
        signal: AbortSignal.timeout(60_000),
      });
      if (res.status !== 201) throw new Error(`sign-up ${i}: HTTP ${res.status} ${await res.text()}`);
      const cookie = sessionCookie(res);
      const joined = await fetch(`${baseUrl}/api/events/${slug}/join`, { method: 'POST', headers: { cookie }, signal: AbortSignal.timeout(60_000) });
      if (!joined.ok) throw new Error(`join ${i}: HTTP ${joined.status} ${await joined.text()}`);
      people[i] = { userId: ((await res.json()) as { id: string }).id, cookie };
      onProgress?.(++done);
    }
  };
  // scrypt runs on libuv's four threads: more in flight only queues.
  await Promise.all(Array.from({ length: Math.min(4, n) }, worker));
  return people;
}

export function sessionCookie(res: Response): string {
  const set = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!set) throw new Error('no session cookie in the answer');
  return set.split(';')[0]!;
}
