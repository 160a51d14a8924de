import type { Event, Language, Session, SessionKind, SessionStatus, Speaker, Stage, Track } from '@samling/protocol';

type EventRow = { id: string; slug: string; name: string; description: string; timeZone: string; startDate: string; endDate: string; defaultLanguage: string; guestAccess: boolean };
type SessionRow = {
  id: string; title: string; abstract: string; startsAt: Date; endsAt: Date; stageId: string | null; trackId: string | null;
  kind: string; language: string; status: string; speakers: { speakerId: string; position: number }[];
};

export const toEvent = (e: EventRow): Event => ({
  id: e.id, slug: e.slug, name: e.name, description: e.description, timeZone: e.timeZone,
  startDate: e.startDate, endDate: e.endDate, defaultLanguage: e.defaultLanguage as Language, guestAccess: e.guestAccess,
});
export const toTrack = (t: { id: string; name: string; colour: string; position: number }): Track => ({ id: t.id, name: t.name, colour: t.colour, position: t.position });
export const toStage = (s: { id: string; name: string; position: number }): Stage => ({ id: s.id, name: s.name, position: s.position });
export const toSpeaker = (s: { id: string; name: string; title: string; organisation: string; bio: string; photoUrl: string | null }): Speaker => ({
  id: s.id, name: s.name, title: s.title, organisation: s.organisation, bio: s.bio, photoUrl: s.photoUrl,
});
export const toSession = (s: SessionRow): Session => ({
  id: s.id, title: s.title, abstract: s.abstract, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(),
  stageId: s.stageId, trackId: s.trackId, kind: s.kind as SessionKind, language: s.language as Language, status: s.status as SessionStatus,
  speakerIds: [...s.speakers].sort((a, b) => a.position - b.position).map((l) => l.speakerId),
});

/** What to include with a session row so `toSession` can map it. */
export const sessionInclude = { speakers: { select: { speakerId: true, position: true } } } as const;
