import { z } from 'zod';
import { isValidTimeZone } from './time.ts';
import { warningSchema } from './errors.ts';

/** Languages Samling speaks, in the UI and in sessions. */
export const Languages = ['sv', 'en'] as const;
export const languageSchema = z.enum(Languages);
export type Language = z.infer<typeof languageSchema>;

/** Roles a person holds in one event, weakest first. A guest joined by the event's code, without an account. */
export const Roles = ['guest', 'attendee', 'speaker', 'moderator', 'organiser'] as const;
export const roleSchema = z.enum(Roles);
export type Role = z.infer<typeof roleSchema>;

/** True when `role` is at least `min` (guest < attendee < speaker < moderator < organiser); no role is below all. */
export const atLeast = (role: Role | null | undefined, min: Role): boolean => role != null && Roles.indexOf(role) >= Roles.indexOf(min);

/** What kind of slot a session is. */
export const SessionKinds = ['keynote', 'talk', 'panel', 'workshop', 'break'] as const;
export const sessionKindSchema = z.enum(SessionKinds);
export type SessionKind = z.infer<typeof sessionKindSchema>;

/** Where a session is in its life; moderators move it forward. */
export const SessionStatuses = ['scheduled', 'live', 'ended'] as const;
export const sessionStatusSchema = z.enum(SessionStatuses);
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

export const idSchema = z.uuid();
export const slugSchema = z
  .string()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase letters, digits and single dashes');
export const dateSchema = z.iso.date();
export const instantSchema = z.iso.datetime({ offset: true });
export const timeZoneSchema = z.string().max(64).refine(isValidTimeZone, 'an IANA time zone such as Europe/Stockholm');
export const colourSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour such as #1f6feb');
const name = z.string().trim().min(1).max(200);
const longText = z.string().max(10_000);

/** An event as everyone sees it. */
export const eventSchema = z.object({
  id: idSchema,
  slug: slugSchema,
  name: z.string(),
  description: z.string(),
  timeZone: z.string(),
  startDate: dateSchema,
  endDate: dateSchema,
  defaultLanguage: languageSchema,
  /** Whether people without an account may join by the event's six-digit code (to vote in the hall). */
  guestAccess: z.boolean(),
});
export type Event = z.infer<typeof eventSchema>;

/** A track: a theme running through the event, with a colour. */
export const trackSchema = z.object({ id: idSchema, name: z.string(), colour: z.string(), position: z.number().int() });
export type Track = z.infer<typeof trackSchema>;

/** A stage: a room where sessions happen, one at a time. */
export const stageSchema = z.object({ id: idSchema, name: z.string(), position: z.number().int() });
export type Stage = z.infer<typeof stageSchema>;

/** A speaker profile; not necessarily an account. */
export const speakerSchema = z.object({
  id: idSchema,
  name: z.string(),
  title: z.string(),
  organisation: z.string(),
  bio: z.string(),
  photoUrl: z.string().nullable(),
});
export type Speaker = z.infer<typeof speakerSchema>;

/** A session on the agenda; times are UTC instants. */
export const sessionSchema = z.object({
  id: idSchema,
  title: z.string(),
  abstract: z.string(),
  startsAt: instantSchema,
  endsAt: instantSchema,
  stageId: idSchema.nullable(),
  trackId: idSchema.nullable(),
  kind: sessionKindSchema,
  language: languageSchema,
  status: sessionStatusSchema,
  speakerIds: z.array(idSchema),
});
export type Session = z.infer<typeof sessionSchema>;

/** The whole agenda of one event, as one document. */
export const agendaSchema = z.object({
  event: eventSchema,
  tracks: z.array(trackSchema),
  stages: z.array(stageSchema),
  speakers: z.array(speakerSchema),
  sessions: z.array(sessionSchema),
});
export type Agenda = z.infer<typeof agendaSchema>;

// Patches are built from the same fields without defaults: a default in a patch would silently overwrite.
const eventFields = {
  slug: slugSchema,
  name,
  description: longText,
  timeZone: timeZoneSchema,
  startDate: dateSchema,
  endDate: dateSchema,
  defaultLanguage: languageSchema,
  guestAccess: z.boolean(),
};
export const eventInputSchema = z.strictObject({
  ...eventFields,
  description: eventFields.description.default(''),
  timeZone: eventFields.timeZone.default('Europe/Stockholm'),
  defaultLanguage: eventFields.defaultLanguage.default('sv'),
  guestAccess: eventFields.guestAccess.default(false),
});
export type EventInput = z.input<typeof eventInputSchema>;
export const eventPatchSchema = z.strictObject(eventFields).partial();
export type EventPatch = z.input<typeof eventPatchSchema>;

export const trackInputSchema = z.strictObject({ name, colour: colourSchema, position: z.number().int().min(0).max(10_000).optional() });
export type TrackInput = z.input<typeof trackInputSchema>;
export const trackPatchSchema = trackInputSchema.partial();

export const stageInputSchema = z.strictObject({ name, position: z.number().int().min(0).max(10_000).optional() });
export type StageInput = z.input<typeof stageInputSchema>;
export const stagePatchSchema = stageInputSchema.partial();

const speakerFields = {
  name,
  title: z.string().max(200),
  organisation: z.string().max(200),
  bio: longText,
  photoUrl: z.url({ protocol: /^https?$/ }).max(2000).nullable(),
};
export const speakerInputSchema = z.strictObject({
  ...speakerFields,
  title: speakerFields.title.default(''),
  organisation: speakerFields.organisation.default(''),
  bio: speakerFields.bio.default(''),
  photoUrl: speakerFields.photoUrl.default(null),
});
export type SpeakerInput = z.input<typeof speakerInputSchema>;
export const speakerPatchSchema = z.strictObject(speakerFields).partial();

const sessionFields = {
  title: name,
  abstract: longText,
  startsAt: instantSchema,
  endsAt: instantSchema,
  stageId: idSchema.nullable(),
  trackId: idSchema.nullable(),
  kind: sessionKindSchema,
  language: languageSchema,
  speakerIds: z.array(idSchema).max(50),
};
export const sessionInputSchema = z.strictObject({
  ...sessionFields,
  abstract: sessionFields.abstract.default(''),
  stageId: sessionFields.stageId.default(null),
  trackId: sessionFields.trackId.default(null),
  kind: sessionFields.kind.default('talk'),
  language: sessionFields.language.default('sv'),
  speakerIds: sessionFields.speakerIds.default([]),
});
export type SessionInput = z.input<typeof sessionInputSchema>;
export const sessionPatchSchema = z.strictObject({ ...sessionFields, status: sessionStatusSchema }).partial();
export type SessionPatch = z.input<typeof sessionPatchSchema>;

/** A saved session, with what the organiser should look at (a speaker booked twice). */
export const sessionResultSchema = z.object({ session: sessionSchema, warnings: z.array(warningSchema) });
export type SessionResult = z.infer<typeof sessionResultSchema>;

/** One version of an event's privacy notice ("Behandling av personuppgifter"). */
export const privacyNoticeSchema = z.object({ version: z.number().int(), textSv: z.string(), textEn: z.string(), createdAt: z.string() });
export type PrivacyNotice = z.infer<typeof privacyNoticeSchema>;

/** What one person has in one event. */
export const myEventSchema = z.object({
  role: roleSchema.nullable(),
  starredSessionIds: z.array(idSchema),
  /** A member who has not consented to the current privacy notice (a new version, or joined without the form) is asked first. */
  consentRequired: z.boolean().optional(),
  /** The current notice, sent when consent is required. */
  notice: privacyNoticeSchema.optional(),
});
export type MyEvent = z.infer<typeof myEventSchema>;

export const memberSchema = z.object({
  userId: idSchema,
  email: z.string(),
  displayName: z.string(),
  role: roleSchema,
});
export type Member = z.infer<typeof memberSchema>;
export const memberInputSchema = z.strictObject({ email: z.email().max(254), role: roleSchema });

/** What an import changed. */
export const importReportSchema = z.object({
  tracks: z.number().int(),
  stages: z.number().int(),
  sessions: z.number().int(),
  speakers: z.number().int(),
  skipped: z.array(z.object({ title: z.string(), reason: z.string() })),
});
export type ImportReport = z.infer<typeof importReportSchema>;

/** The code people in the hall type (or scan) to join as guests. */
export const guestCodeSchema = z.string().regex(/^[0-9]{6}$/, 'six digits');
export const guestJoinSchema = z.strictObject({ code: guestCodeSchema, displayName: z.string().trim().min(1).max(60) });
export const guestAccessSchema = z.object({ enabled: z.boolean(), code: guestCodeSchema.nullable(), joinUrl: z.string().nullable() });
export type GuestAccess = z.infer<typeof guestAccessSchema>;

/** One line of an event's audit log: who did what, to what, when. */
export const auditEntrySchema = z.object({
  id: idSchema,
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  subject: z.string(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
