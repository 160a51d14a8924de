import { z } from 'zod';
import { idSchema, instantSchema, myEventSchema, privacyNoticeSchema, roleSchema } from './agenda.ts';
import { emailSchema, passwordSchema, userSchema } from './auth.ts';

/** Who may register for an event: anyone signed in, people with an invitation, or nobody new. */
export const RegistrationModes = ['open', 'invitation', 'closed'] as const;
export const registrationModeSchema = z.enum(RegistrationModes);
export type RegistrationMode = z.infer<typeof registrationModeSchema>;

/** The roles an invitation may grant; organisers and moderators are appointed one by one, never by link. */
export const InvitationRoles = ['attendee', 'speaker'] as const;
export const invitationRoleSchema = z.enum(InvitationRoles);

/** Letters and digits of invitation codes: no 0/O, 1/I/L, so a code read aloud or typed is unambiguous. */
export const INVITATION_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITATION_CODE_LENGTH = 12;

/** Canonical form of a typed code: upper case, spaces and dashes dropped. */
export const normaliseInvitationCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');

/** An invitation code as typed or taken from the link (`?invitation=`), normalised. */
export const invitationCodeSchema = z
  .string()
  .max(40)
  .transform(normaliseInvitationCode)
  .pipe(z.string().regex(new RegExp(`^[${INVITATION_ALPHABET}]{${INVITATION_CODE_LENGTH}}$`), 'an invitation code of 12 letters and digits'));

/** The event's registration rules and fill, as anyone may read them before registering. */
export const registrationInfoSchema = z.object({
  mode: registrationModeSchema,
  /** Most attendees; null is no limit. Speakers, moderators and organisers do not take a place. */
  capacity: z.number().int().nullable(),
  /** Members with the attendee role now. */
  attendees: z.number().int(),
  full: z.boolean(),
  /** The privacy notice a registration consents to. */
  notice: privacyNoticeSchema,
});
export type RegistrationInfo = z.infer<typeof registrationInfoSchema>;

/** An organiser's change to the registration rules. */
export const registrationPatchSchema = z.strictObject({
  mode: registrationModeSchema.optional(),
  capacity: z.number().int().min(1).max(1_000_000).nullable().optional(),
});
export type RegistrationPatch = z.input<typeof registrationPatchSchema>;

/** The registration form. Signed-out people send `account` and get their account in the same step. */
export const registerSchema = z.strictObject({
  displayName: z.string().trim().min(1).max(100),
  organisation: z.string().trim().max(200).default(''),
  invitationCode: invitationCodeSchema.optional(),
  /** The ticked box; false is refused with CONSENT_REQUIRED. */
  consent: z.boolean(),
  /** The notice version the person read; another than the current one is refused with NOTICE_OUTDATED. */
  noticeVersion: z.number().int().min(1),
  account: z.strictObject({ email: emailSchema, password: passwordSchema }).optional(),
});
export type RegisterInput = z.input<typeof registerSchema>;

/** A registration's outcome: who is signed in, and their standing in the event. */
export const registrationResultSchema = z.object({ user: userSchema, myEvent: myEventSchema });
export type RegistrationResult = z.infer<typeof registrationResultSchema>;

/** Consent to the current notice, given again after a new version (or after joining without the form). */
export const consentInputSchema = z.strictObject({ noticeVersion: z.number().int().min(1) });

/** A new version of the privacy notice. */
export const privacyNoticeInputSchema = z.strictObject({
  textSv: z.string().trim().min(1).max(20_000),
  textEn: z.string().trim().max(20_000).default(''),
});
export type PrivacyNoticeInput = z.input<typeof privacyNoticeInputSchema>;

/** Where an invitation stands. */
export const InvitationStatuses = ['active', 'expired', 'revoked', 'usedUp'] as const;

/** An invitation as organisers see it, with its link. */
export const invitationSchema = z.object({
  id: idSchema,
  code: z.string(),
  label: z.string(),
  role: invitationRoleSchema,
  maxUses: z.number().int().nullable(),
  uses: z.number().int(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
  status: z.enum(InvitationStatuses),
  /** The link to hand out: the registration page with the code filled in. */
  url: z.string(),
});
export type Invitation = z.infer<typeof invitationSchema>;

export const invitationInputSchema = z.strictObject({
  label: z.string().trim().max(100).default(''),
  role: invitationRoleSchema.default('attendee'),
  maxUses: z.number().int().min(1).max(1_000_000).nullable().default(null),
  expiresAt: instantSchema.nullable().default(null),
});
export type InvitationInput = z.input<typeof invitationInputSchema>;

/** What someone holding a code learns before registering. */
export const invitationCheckSchema = z.object({ role: invitationRoleSchema, label: z.string() });

/** A member in the organisers' list, with what registration recorded. */
export const attendeeSchema = z.object({
  userId: idSchema,
  email: z.string(),
  displayName: z.string(),
  organisation: z.string(),
  role: roleSchema,
  registeredAt: z.string(),
  /** The newest notice version the person consented to; null is none. */
  consentVersion: z.number().int().nullable(),
  consentedAt: z.string().nullable(),
  /** The label of the invitation they registered with. */
  invitation: z.string().nullable(),
});
export type Attendee = z.infer<typeof attendeeSchema>;

/** The attendee file: CSV text (header row; `,` or `;`; quotes; with or without BOM). */
export const attendeeImportSchema = z.strictObject({ csv: z.string() });
/** Largest attendee file accepted, in bytes of UTF-8. */
export const ATTENDEE_CSV_MAX_BYTES = 2 * 1024 * 1024;

/** Why an imported row was not taken. */
export const ImportRejections = [
  'invalid_email', 'missing_name', 'unknown_role', 'role_not_allowed', 'duplicate_in_file', 'over_capacity', 'too_long',
] as const;
export const importRejectionSchema = z.enum(ImportRejections);
export type ImportRejection = z.infer<typeof importRejectionSchema>;

/** What an attendee import did; `line` counts physical lines of the file, the header being line 1. */
export const attendeeImportReportSchema = z.object({
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Accounts made for addresses without one (no password: they sign in by single sign-on). */
  accountsCreated: z.number().int(),
  rejected: z.array(z.object({ line: z.number().int(), email: z.string(), reason: importRejectionSchema })),
});
export type AttendeeImportReport = z.infer<typeof attendeeImportReportSchema>;
