import { createHash, randomBytes } from 'node:crypto';
import type { Me, SignInInput, SignUpInput, User, Role } from '@samling/protocol';
import { signInSchema, signUpSchema } from '@samling/protocol';
import type { Prisma } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from './actor.ts';
import { decoyHash, hashPassword, verifyPassword } from './password.ts';

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

function toUser(u: { id: string; email: string; displayName: string; locale: string | null }): User {
  return { id: u.id, email: u.email, displayName: u.displayName, locale: u.locale === 'sv' || u.locale === 'en' ? u.locale : null };
}

/** Accounts and browser sessions. */
export class AuthService {
  constructor(private readonly prisma: Prisma) {}

  async signUp(_actor: Actor, input: SignUpInput): Promise<{ user: User; token: string }> {
    const data = signUpSchema.parse(input);
    const passwordHash = await hashPassword(data.password);
    const created = await this.prisma.user
      .create({ data: { email: data.email, passwordHash, displayName: data.displayName } })
      .catch((err: unknown) => {
        if ((err as { code?: string }).code === 'P2002') throw new AppError('EMAIL_TAKEN', 'An account with this email already exists');
        throw err;
      });
    return { user: toUser(created), token: await this.startSession(created.id) };
  }

  async signIn(_actor: Actor, input: SignInInput): Promise<{ user: User; token: string }> {
    const data = signInSchema.parse(input);
    const found = await this.prisma.user.findUnique({ where: { email: data.email } });
    const ok = await verifyPassword(data.password, found?.passwordHash ?? (await decoyHash()));
    if (!found || !ok) throw new AppError('INVALID_CREDENTIALS', 'Wrong email or password');
    return { user: toUser(found), token: await this.startSession(found.id) };
  }

  async signOut(actor: Actor): Promise<void> {
    if (actor.authSessionId) await this.prisma.authSession.deleteMany({ where: { id: actor.authSessionId } });
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

  private async startSession(userId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.prisma.authSession.create({ data: { userId, tokenHash: tokenHash(token), expiresAt: new Date(Date.now() + SESSION_TTL_MS) } });
    return token;
  }
}
