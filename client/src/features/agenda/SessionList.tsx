import type { Session } from '@samling/protocol';
import { SessionCard } from './SessionCard.tsx';
import { groupByStart } from './timetable.ts';
import type { AgendaView } from './useAgenda.ts';

/** The narrow-screen agenda: sessions grouped under their start time. */
export function SessionList({
  agenda,
  sessions,
  marks,
}: {
  agenda: AgendaView;
  sessions: Session[];
  marks: { now: Set<string>; next: Set<string> };
}) {
  const groups = groupByStart(sessions, agenda.event.timeZone);
  return (
    <ol className="session-groups" data-testid="session-list">
      {groups.map((g) => (
        <li key={g.startsAt} className="session-group">
          <h3 className="session-group-time">
            <time dateTime={g.startsAt}>{g.time}</time>
          </h3>
          <ul className="session-list">
            {g.sessions.map((s) => (
              <li key={s.id}>
                <SessionCard
                  agenda={agenda}
                  session={s}
                  headingLevel={4}
                  marks={{ now: marks.now.has(s.id), next: marks.next.has(s.id) }}
                />
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
