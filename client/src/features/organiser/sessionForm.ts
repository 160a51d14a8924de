import { fromZoned, toZoned, type Event, type Language, type Session, type SessionInput, type SessionKind, type SessionStatus } from '@samling/protocol';

/** What the session form edits: wall-clock times in the event's zone, ids as strings ('' for none). */
export interface SessionFormValues {
  title: string;
  abstract: string;
  /** 'YYYY-MM-DD', one of the event's days. */
  day: string;
  /** 'HH:MM' in the event's zone. */
  start: string;
  end: string;
  stageId: string;
  trackId: string;
  kind: SessionKind;
  language: Language;
  speakerIds: string[];
  status: SessionStatus;
}

export function emptySessionForm(event: Event): SessionFormValues {
  return {
    title: '',
    abstract: '',
    day: event.startDate,
    start: '09:00',
    end: '09:45',
    stageId: '',
    trackId: '',
    kind: 'talk',
    language: event.defaultLanguage,
    speakerIds: [],
    status: 'scheduled',
  };
}

export function sessionToForm(session: Session, timeZone: string): SessionFormValues {
  const start = toZoned(session.startsAt, timeZone);
  return {
    title: session.title,
    abstract: session.abstract,
    day: start.date,
    start: start.time,
    end: toZoned(session.endsAt, timeZone).time,
    stageId: session.stageId ?? '',
    trackId: session.trackId ?? '',
    kind: session.kind,
    language: session.language,
    speakerIds: [...session.speakerIds],
    status: session.status,
  };
}

/**
 * The wire input for the form: the day and times are read on the event's wall clock
 * (so 09:00 on 2026-10-25 in Stockholm is 08:00Z, after the clocks went back).
 */
export function formToInput(values: SessionFormValues, timeZone: string): SessionInput {
  return {
    title: values.title.trim(),
    abstract: values.abstract,
    startsAt: fromZoned(values.day, values.start.slice(0, 5), timeZone).toISOString(),
    endsAt: fromZoned(values.day, values.end.slice(0, 5), timeZone).toISOString(),
    stageId: values.stageId || null,
    trackId: values.trackId || null,
    kind: values.kind,
    language: values.language,
    speakerIds: values.speakerIds,
  };
}

/** True for 'HH:MM' (what a time input gives), hours 00–23. */
export function isWallTime(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/.test(value);
}
