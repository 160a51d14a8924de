import { isValidTimeZone, toZoned, zoneOffsetMinutes } from '@samling/protocol';

export const VIEWER_TZ_STORAGE_KEY = 'samling.tz';

/** The viewer's IANA zone; `localStorage['samling.tz']` overrides it (tests, demos). */
export function viewerTimeZone(): string {
  try {
    const override = localStorage.getItem(VIEWER_TZ_STORAGE_KEY);
    if (override && isValidTimeZone(override)) return override;
  } catch {
    // Storage blocked: use the browser's zone.
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** "09:00–09:45" on the wall clock of `timeZone`. */
export function formatTimeRange(startsAt: string, endsAt: string, timeZone: string): string {
  return `${toZoned(startsAt, timeZone).time}–${toZoned(endsAt, timeZone).time}`;
}

/**
 * The session's time in the event's zone and, when the viewer's clock differs from it at that moment,
 * in the viewer's zone too. Two zones can share an offset (Stockholm and Paris); then only one time is shown.
 */
export function sessionTimes(
  startsAt: string,
  endsAt: string,
  eventTimeZone: string,
  viewerZone: string,
): { event: string; viewer: string | null } {
  const start = new Date(startsAt);
  const differs = zoneOffsetMinutes(start, eventTimeZone) !== zoneOffsetMinutes(start, viewerZone);
  return {
    event: formatTimeRange(startsAt, endsAt, eventTimeZone),
    viewer: differs ? formatTimeRange(startsAt, endsAt, viewerZone) : null,
  };
}

/** The event day (local date in the event's zone) a session starts on. */
export function sessionDay(startsAt: string, timeZone: string): string {
  return toZoned(startsAt, timeZone).date;
}

/** On now: marked live by a moderator, or within its time unless already ended. */
export function isOnNow(session: { startsAt: string; endsAt: string; status: string }, now: Date): boolean {
  if (session.status === 'live') return true;
  if (session.status === 'ended') return false;
  const t = now.getTime();
  return new Date(session.startsAt).getTime() <= t && t < new Date(session.endsAt).getTime();
}
