import { z } from 'zod';

/**
 * Every error Samling reports, with the HTTP status it travels with.
 * Socket acks carry the same codes; a client switches on `code`, never on the message.
 */
export const ErrorCodes = {
  /** The payload did not match its schema; `details.issues` says where. */
  VALIDATION_FAILED: 400,
  /** The request body was not parseable JSON. */
  MALFORMED_JSON: 400,
  /** A session ends before (or when) it starts. */
  INVALID_TIME_RANGE: 400,
  /** A session lies outside the event's days. */
  OUTSIDE_EVENT_DATES: 400,
  /** An imported schedule could not be read. */
  INVALID_SCHEDULE: 400,
  /** The realtime client speaks another protocol version; reload the page. */
  PROTOCOL_MISMATCH: 400,
  /** The message contains a word the event's filter blocks. */
  MESSAGE_BLOCKED: 400,
  /** The typed confirmation phrase does not match what was asked. */
  CONFIRMATION_MISMATCH: 400,
  /** Single sign-on could not be completed: the sign-in had expired or did not match this browser, or the provider's answer did not verify. */
  SSO_FAILED: 400,
  /** A room command for a room this connection has not joined (or a stage command before `stage:join`). */
  NOT_IN_ROOM: 400,
  /** The media server refused the signaling (RTP or DTLS parameters it cannot use, a codec the device lacks, a limit reached). */
  MEDIA_REFUSED: 400,
  /** Registration needs consent to the event's current privacy notice (the checkbox was not ticked). */
  CONSENT_REQUIRED: 400,
  /** The attendee file could not be read as CSV (no header, missing columns, an unclosed quote). */
  CSV_INVALID: 400,
  /** No valid session cookie. */
  UNAUTHENTICATED: 401,
  /** Email and password do not match an account. */
  INVALID_CREDENTIALS: 401,
  /** Signed in, but the role does not allow this. */
  FORBIDDEN: 403,
  /** Deleting an account without a password needs a sign-in within the last minutes; sign in again first. */
  RECENT_SIGN_IN_REQUIRED: 403,
  /** The chat of this room is closed by a moderator. */
  CHAT_CLOSED: 403,
  /** You are muted in this event until `details.mutedUntil`. */
  MUTED: 403,
  /** Guests cannot do this in this event. */
  GUESTS_NOT_ALLOWED: 403,
  /** You are banned from this event. */
  BANNED: 403,
  /** Only people a moderator put on stage may send media. */
  NOT_ON_STAGE: 403,
  /** The event takes no new registrations. */
  REGISTRATION_CLOSED: 403,
  /** The event takes registrations with an invitation only. */
  INVITATION_REQUIRED: 403,
  /** No such resource (or not visible to the actor). */
  NOT_FOUND: 404,
  /** No invitation with this code for this event. */
  INVITATION_INVALID: 404,
  /** No transport with this id belongs to this connection on this stage. */
  TRANSPORT_NOT_FOUND: 404,
  /** The email already has an account. */
  EMAIL_TAKEN: 409,
  /** The slug is already used by another event. */
  SLUG_TAKEN: 409,
  /** The stage already has a session at that time; `details.conflicts` lists them. */
  STAGE_DOUBLE_BOOKED: 409,
  /** A message with this id exists and is not yours (or differs): make a new id. */
  ID_TAKEN: 409,
  /** This poll takes one answer per person and yours is in; it cannot be changed. */
  ALREADY_VOTED: 409,
  /** The poll is not open for answers. */
  POLL_CLOSED: 409,
  /** The session is not live, so its room is not open. */
  SESSION_NOT_LIVE: 409,
  /** The event has as many attendees as it has places. */
  EVENT_FULL: 409,
  /** The invitation has been used as many times as it allows. */
  INVITATION_USED_UP: 409,
  /** The privacy notice changed while the form was open; `details.currentVersion` is the one to accept. */
  NOTICE_OUTDATED: 409,
  /** The event would be left without an organiser. */
  LAST_ORGANISER: 409,
  /** The thing is still referenced (e.g. a track with sessions). */
  IN_USE: 409,
  /** The event has not ended yet (judged in its time zone), so its personal data cannot be purged. */
  EVENT_NOT_ENDED: 409,
  /** The invitation has expired. */
  INVITATION_EXPIRED: 410,
  /** The invitation was withdrawn by an organiser. */
  INVITATION_REVOKED: 410,
  /** The body is larger than the server accepts. */
  PAYLOAD_TOO_LARGE: 413,
  /** The body is not JSON where JSON is required, or an upload is not of a kind accepted there (a film must be MP4 or WebM). */
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** The `Range` asked for lies outside the file; `details.size` is its length. */
  RANGE_NOT_SATISFIABLE: 416,
  /** Too many requests; retry after `details.retryAfterSeconds`. */
  RATE_LIMITED: 429,
  /** Slow mode: wait `details.retryAfterSeconds` before your next message. */
  SLOW_MODE: 429,
  /** Something failed on the server; the body never says what. */
  INTERNAL: 500,
  /** A dependency (the database, the media workers) is not reachable or not there. */
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ErrorCodes;
export const errorCodeSchema = z.enum(Object.keys(ErrorCodes) as [ErrorCode, ...ErrorCode[]]);

/** One entry of `details.issues` in a VALIDATION_FAILED error: a JSON pointer into the payload and what is wrong. */
export const validationIssueSchema = z.object({ path: z.string(), message: z.string(), code: z.string().optional() });
export type ValidationIssue = z.infer<typeof validationIssueSchema>;

/** One entry of `details.conflicts` in a STAGE_DOUBLE_BOOKED error: the session already on the stage then. */
export const stageConflictSchema = z.object({ id: z.string(), title: z.string(), startsAt: z.string(), endsAt: z.string() });
export type StageConflict = z.infer<typeof stageConflictSchema>;

/** Why single sign-on failed (`details.reason` of SSO_FAILED). */
export const SsoFailures = ['expired', 'state', 'provider', 'verify', 'claims'] as const;
export type SsoFailure = (typeof SsoFailures)[number];

const retryAfter = z.object({ retryAfterSeconds: z.number() });

/**
 * The `details` of each error code that carries any; every other code carries none. A client reads them typed by
 * narrowing on `code`; the server cannot send other details (its AppError takes these types).
 */
export const errorDetailsSchemas = {
  /** Where the payload is wrong (`issues`), or why a ballot was refused (`reason`, worded by the client). */
  VALIDATION_FAILED: z.object({ issues: z.array(validationIssueSchema).optional(), reason: z.string().optional() }),
  /** The event's days a session must lie in, or the sessions new dates would strand. */
  OUTSIDE_EVENT_DATES: z.object({
    startDate: z.string().optional(), endDate: z.string().optional(), timeZone: z.string().optional(),
    sessions: z.array(z.object({ id: z.string(), title: z.string() })).optional(),
  }),
  CONFIRMATION_MISMATCH: z.object({ phrase: z.string() }),
  SSO_FAILED: z.object({ reason: z.enum(SsoFailures) }),
  /** The line of the attendee file that could not be read, or the header row that names no email and name columns. */
  CSV_INVALID: z.object({ line: z.number().int().optional(), header: z.array(z.string()).optional() }),
  MUTED: z.object({ mutedUntil: z.string() }),
  STAGE_DOUBLE_BOOKED: z.object({ conflicts: z.array(stageConflictSchema) }),
  EVENT_FULL: z.object({ capacity: z.number().int() }),
  NOTICE_OUTDATED: z.object({ currentVersion: z.number().int() }),
  /** How many sessions use the track or stage, or the events (slugs) that would be left without an organiser. */
  IN_USE: z.object({ sessions: z.number().int().optional(), events: z.array(z.string()).optional() }),
  /** When the event's personal data may be purged. */
  EVENT_NOT_ENDED: z.object({ purgeableFrom: z.string() }),
  PAYLOAD_TOO_LARGE: z.object({ maxBytes: z.number().int().optional(), maxRows: z.number().int().optional() }),
  RANGE_NOT_SATISFIABLE: z.object({ size: z.number().int() }),
  RATE_LIMITED: retryAfter,
  SLOW_MODE: retryAfter,
} satisfies Partial<Record<ErrorCode, z.ZodType>>;
type Detailed = keyof typeof errorDetailsSchemas;

/** The details an error with code `C` carries: undefined for codes that carry none. */
export type ErrorDetails<C extends ErrorCode> = C extends Detailed ? z.infer<(typeof errorDetailsSchemas)[C]> : undefined;

/** One error as it travels: its code, a message for logs and developers (never for people), and its code's details. */
export type ErrorInfo = { [C in ErrorCode]: { code: C; message: string; details?: ErrorDetails<C> } }[ErrorCode];

/** An error as it travels, details left out when there are none. */
export function errorInfo<C extends ErrorCode>(code: C, message: string, details?: ErrorDetails<C>): ErrorInfo {
  // One code with its own details: the union cannot see that a generic C pairs them, the signature does.
  return (details === undefined ? { code, message } : { code, message, details }) as ErrorInfo;
}

const details = errorDetailsSchemas as Partial<Record<ErrorCode, z.ZodType>>;
/** The `error` of every non-2xx HTTP body, failed ack and refused connection: a union on `code`. */
export const errorSchema = z.discriminatedUnion(
  'code',
  errorCodeSchema.options.map((code) => z.object({ code: z.literal(code), message: z.string(), ...(details[code] ? { details: details[code].optional() } : {}) })) as unknown as [
    z.ZodObject<{ code: z.ZodLiteral<ErrorCode> }>,
  ],
) as unknown as z.ZodType<ErrorInfo>;

/** The body of every non-2xx HTTP response. */
export const errorBodySchema = z.object({ error: errorSchema });
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Warnings travel beside a successful result: the change was made, but look at this. */
export const warningSchema = z.object({
  code: z.enum(['SPEAKER_DOUBLE_BOOKED']),
  message: z.string(),
  speakerId: z.string(),
  sessionIds: z.array(z.string()),
});
export type Warning = z.infer<typeof warningSchema>;
