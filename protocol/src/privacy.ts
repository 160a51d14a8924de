import { z } from 'zod';
import { idSchema, roleSchema } from './agenda.ts';

/**
 * What a person types to delete an account that has no password (single sign-on only, or a guest).
 * The same words in both languages, so a screen reader reads what must be typed.
 */
export const ACCOUNT_DELETION_PHRASE = 'radera mitt konto';

/** An account with no password must have signed in this recently to delete itself. */
export const RECENT_SIGN_IN_MINUTES = 15;

/** Deleting one's own account: the password, or (without one) the typed phrase. */
export const deleteAccountSchema = z.strictObject({
  password: z.string().min(1).max(256).optional(),
  confirmation: z.string().max(100).optional(),
});
export type DeleteAccountInput = z.input<typeof deleteAccountSchema>;

const at = z.string();

/** What the "My data" page needs to know of the account: how its deletion is confirmed. */
export const accountSummarySchema = z.object({
  email: z.string(),
  displayName: z.string(),
  isGuest: z.boolean(),
  /** False for a guest and for an account made by single sign-on: deletion then asks for the phrase. */
  hasPassword: z.boolean(),
  /** When this browser signed in. */
  signedInAt: z.string(),
});
export type AccountSummary = z.infer<typeof accountSummarySchema>;

/** Everything Samling holds about the signed-in person (GDPR article 15 and 20), as downloaded from `GET /api/me/data`. */
export const myDataSchema = z.object({
  format: z.literal('samling-personal-data/1'),
  exportedAt: at,
  account: z.object({
    id: idSchema,
    email: z.string(),
    displayName: z.string(),
    organisation: z.string(),
    locale: z.string().nullable(),
    isGuest: z.boolean(),
    hasPassword: z.boolean(),
    createdAt: at,
  }),
  /** Signed-in browsers: when they began and end; never their tokens. */
  signInSessions: z.array(z.object({ createdAt: at, expiresAt: at, current: z.boolean() })),
  externalIdentities: z.array(z.object({ issuer: z.string(), subject: z.string(), createdAt: at })),
  memberships: z.array(z.object({ eventSlug: z.string(), eventName: z.string(), role: roleSchema, since: at })),
  consents: z.array(z.object({ eventSlug: z.string(), noticeVersion: z.number().int(), consentedAt: at })),
  starredSessions: z.array(z.object({ eventSlug: z.string(), sessionId: idSchema, title: z.string(), starredAt: at })),
  chatMessages: z.array(z.object({
    id: idSchema, eventSlug: z.string(), room: z.string(), roomName: z.string(), text: z.string(), createdAt: at, deleted: z.boolean(),
  })),
  questions: z.array(z.object({
    id: idSchema, eventSlug: z.string(), sessionTitle: z.string(), text: z.string(), anonymous: z.boolean(),
    status: z.string(), answered: z.boolean(), upvotes: z.number().int(), createdAt: at,
  })),
  /** Which questions the person upvoted; the questions themselves are someone else's words. */
  questionUpvotes: z.array(z.object({ questionId: idSchema, createdAt: at })),
  pollVotes: z.array(z.object({
    pollId: idSchema, eventSlug: z.string(), sessionTitle: z.string(), pollQuestion: z.string(), kind: z.string(),
    ballot: z.unknown(), points: z.number().int(), createdAt: at, updatedAt: at,
  })),
  mutes: z.array(z.object({ eventSlug: z.string(), until: at, createdAt: at })),
  bans: z.array(z.object({ eventSlug: z.string(), reason: z.string(), createdAt: at })),
  /** What the person did as an organiser or moderator, as the audit log recorded it. */
  auditEntries: z.array(z.object({
    eventSlug: z.string(), action: z.string(), subject: z.string(), details: z.record(z.string(), z.unknown()).nullable(), createdAt: at,
  })),
});
export type MyData = z.infer<typeof myDataSchema>;

/** What an event's purge removed, counted before it was removed: attendance and participation stay as numbers. */
export const purgedCountsSchema = z.object({
  attendees: z.number().int(),
  speakers: z.number().int(),
  guests: z.number().int(),
  chatMessages: z.number().int(),
  questions: z.number().int(),
  questionUpvotes: z.number().int(),
  votes: z.number().int(),
  stars: z.number().int(),
  consents: z.number().int(),
  invitations: z.number().int(),
  mutes: z.number().int(),
  bans: z.number().int(),
});
export type PurgedCounts = z.infer<typeof purgedCountsSchema>;

/** An event's personal-data state for its organisers: when it may be purged, and what a purge kept. */
export const eventPrivacySchema = z.object({
  /** The first instant after the event's last day, in its time zone: a purge is possible from then. */
  purgeableFrom: at,
  ended: z.boolean(),
  purgedAt: at.nullable(),
  /** Counts kept by the last purge (summed over purges), or null before any. */
  purgedCounts: purgedCountsSchema.nullable(),
  /** What a purge would remove now. */
  pending: purgedCountsSchema,
});
export type EventPrivacy = z.infer<typeof eventPrivacySchema>;

/** Sign-in methods beside email and password, for the sign-in page. */
export const authProvidersSchema = z.object({
  /** OpenID Connect single sign-on, when configured: the button's text. */
  oidc: z.object({ label: z.string() }).nullable(),
});
export type AuthProviders = z.infer<typeof authProvidersSchema>;
