import { createHash, randomBytes } from 'node:crypto';
import type { Me, SignInInput, SignUpInput, User, Role } from '@samling/protocol';
import { signInSchema, signUpSchema } from '@samling/protocol';
import type { Prisma } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from './actor.ts';
import { decoyHash, hashPassword, verifyPassword } from './password.ts';
import { RateLimiter } from '../../realtime/rate-limit.ts';
import type { DomainEventBus } from '../../domain-events.ts';

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;


/** Passwords people pick first; refused outright (compared lower-case). */
const COMMON_PASSWORDS = new Set([
  'password', 'password1', 'password12', 'password123', 'passw0rd123', '1234567890', '12345678910', 'qwertyuiop', 'qwerty1234',
  'lösenord', 'losenord', 'lösenord1', 'lösenord12', 'lösenord123', 'losenord123', 'sommar2026', 'vinter2026', 'samling123', 'abcdefghij',
]);

/** The password policy: length comes from the schema; here what makes a long password still easy to guess. */
function checkPassword(password: string, email: string, displayName: string): void {
  const lower = password.toLowerCase();
  const local = email.split('@')[0] ?? '';
  if (COMMON_PASSWORDS.has(lower) || /^(.)\1+$/.test(password) || (local.length >= 4 && lower.includes(local)) || (displayName.length >= 4 && lower.includes(displayName.toLowerCase()))) {
    throw new AppError('VALIDATION_FAILED', 'Choose a password that is harder to guess', { issues: [{ path: '/password', message: 'too easy to guess', code: 'weak_password' }] });
  }
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

function toUser(u: { id: string; email: string; displayName: string; locale: string | null }): User {
  return { id: u.id, email: u.email, displayName: u.displayName, locale: u.locale === 'sv' || u.locale === 'en' ? u.locale : null };
}

/** Accounts and browser sessions. */
export class AuthService {
  // Guessing is slowed per account (5 wrong passwords, then one try a minute) and per address (30 tries, then one
  // every 2 seconds), so neither one account nor one machine can be hammered.
  private readonly failuresPerAccount = new RateLimiter(5, 1 / 60);
  private readonly triesPerAddress = new RateLimiter(30, 0.5);

  constructor(private readonly prisma: Prisma, private readonly bus?: DomainEventBus) {}

  async signUp(_actor: Actor, input: SignUpInput): Promise<{ user: User; token: string }> {
    const data = signUpSchema.parse(input);
    checkPassword(data.password, data.email, data.displayName);
    const passwordHash = await hashPassword(data.password);
    const created = await this.prisma.user
      .create({ data: { email: data.email, passwordHash, displayName: data.displayName } })
      .catch((err: unknown) => {
        if ((err as { code?: string }).code === 'P2002') throw new AppError('EMAIL_TAKEN', 'An account with this email already exists');
        throw err;
      });
    return { user: toUser(created), token: await this.startSession(created.id) };
  }

  /** `address` is the client's IP: before sign-in it is the only key a limit can have. */
  async signIn(_actor: Actor, input: SignInInput, address = 'unknown'): Promise<{ user: User; token: string }> {
    const data = signInSchema.parse(input);
    const waitAddress = this.triesPerAddress.take(address);
    const waitAccount = this.failuresPerAccount.wait(data.email);
    if (waitAddress > 0 || waitAccount > 0) {
      throw new AppError('RATE_LIMITED', 'Too many sign-in attempts; wait a moment', { retryAfterSeconds: Math.max(waitAddress, waitAccount) });
    }
    const found = await this.prisma.user.findUnique({ where: { email: data.email } });
    const ok = await verifyPassword(data.password, found?.passwordHash ?? (await decoyHash()));
    if (!found || !ok) {
      this.failuresPerAccount.take(data.email);
      throw new AppError('INVALID_CREDENTIALS', 'Wrong email or password');
    }
    return { user: toUser(found), token: await this.startSession(found.id) };
  }

  /** Ends every browser session of the account, this one included. */
  async signOutEverywhere(actor: Actor): Promise<void> {
    if (!actor.userId) throw new AppError('UNAUTHENTICATED', 'Sign in first');
    await this.prisma.authSession.deleteMany({ where: { userId: actor.userId } });
    this.bus?.emit('account.sessionsEnded', { userId: actor.userId });
  }

  async signOut(actor: Actor): Promise<void> {
    if (!actor.authSessionId) return;
    await this.prisma.authSession.deleteMany({ where: { id: actor.authSessionId } });
    this.bus?.emit('account.signedOut', { authSessionId: actor.authSessionId });
  }

  /** The actor behind a cookie token, or anonymous when it is unknown or expired. */
  async authenticate(token: string | undefined): Promise<Actor> {
    if (!token || token.length > 200) return { userId: null, authSessionId: null };
    const s = await this.prisma.authSession.findUnique({ where: { tokenHash: tokenHash(token) } });
    if (!s || s.expiresAt.getTime() <= Date.now()) return { userId: null, authSessionId: null };
    return { userId: s.userId, authSessionId: s.id };
  }

  async me(actor: Actor): Promise<Me> {
    if (!actor.userId) return { user: null, memberships: [] };
    const u = await this.prisma.user.findUnique({
      where: { id: actor.userId },
      include: { memberships: { include: { event: { select: { slug: true } } } } },
    });
    if (!u) return { user: null, memberships: [] };
    return {
      user: toUser(u),
      memberships: u.memberships.map((m) => ({ eventSlug: m.event.slug, role: m.role as Role })),
    };
  }

  /** Creates an account directly (demo seed, tests); returns it, or the existing one with that email. */
  async ensureUser(email: string, password: string, displayName: string): Promise<User> {
    const existing = await this.prisma.user.findUnique({ where: { email } });
    if (existing) return toUser(existing);
    return toUser(await this.prisma.user.create({ data: { email, passwordHash: await hashPassword(password), displayName } }));
  }

  /** Starts a browser session for an account (password sign-in, single sign-on); returns the cookie's token. */
  async startSession(userId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.prisma.authSession.create({ data: { userId, tokenHash: tokenHash(token), expiresAt: new Date(Date.now() + SESSION_TTL_MS) } });
    return token;
  }
}
