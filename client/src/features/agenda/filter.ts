import type { Session, Speaker, Track } from '@samling/protocol';

export interface AgendaFilter {
  /** Empty means every track. */
  trackIds: ReadonlySet<string>;
  query: string;
}

function fold(text: string): string {
  return text.toLocaleLowerCase('sv').normalize('NFC');
}

/**
 * Narrows sessions by track and by a search over title, abstract, track, speaker names and organisations.
 * Every word of the query must match somewhere.
 */
export function filterSessions(
  sessions: Session[],
  filter: AgendaFilter,
  speakers: Record<string, Speaker | undefined>,
  tracks: Record<string, Track | undefined> = {},
): Session[] {
  const words = fold(filter.query).split(/\s+/).filter(Boolean);
  return sessions.filter((s) => {
    if (filter.trackIds.size > 0 && (!s.trackId || !filter.trackIds.has(s.trackId))) return false;
    if (words.length === 0) return true;
    const haystack = fold(
      [
        s.title,
        s.abstract,
        s.trackId ? (tracks[s.trackId]?.name ?? '') : '',
        ...s.speakerIds.flatMap((id) => {
          const sp = speakers[id];
          return sp ? [sp.name, sp.organisation] : [];
        }),
      ].join('\n'),
    );
    return words.every((w) => haystack.includes(w));
  });
}
