import { useRef, useState } from 'react';
import type { Warning } from '@samling/protocol';
import { formatDay, formatList, useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { FormAlert, FormStatus } from '../../ui/FormAlert.tsx';
import { formatTimeRange, sessionDay } from '../agenda/time.ts';
import { compareSessionsByStart } from '../agenda/timetable.ts';
import type { AgendaView } from '../agenda/useAgenda.ts';
import { ItemList } from './ItemList.tsx';
import { SessionForm } from './SessionForm.tsx';
import { useAction } from './useAction.ts';

/** Existing sessions (edit, delete) and the session form; warnings from a save are shown politely. */
export function SessionsEditor({ agenda }: { agenda: AgendaView }) {
  const { t, lang } = useI18n();
  const { event } = agenda;
  const deleteSession = useStore((s) => s.deleteSession);
  const action = useAction();
  const listAction = useAction();
  const [editingId, setEditingId] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const formRef = useRef<HTMLDivElement>(null);
  const editing = editingId ? (agenda.sessions.find((s) => s.id === editingId) ?? null) : null;
  const sessions = [...agenda.sessions].sort(compareSessionsByStart);
  const sessionTitle = (id: string) => agenda.sessions.find((s) => s.id === id)?.title;

  function describeWarning(w: Warning): string {
    const speaker = agenda.speakersById[w.speakerId]?.name;
    const titles = w.sessionIds.flatMap((id) => sessionTitle(id) ?? []);
    return speaker && titles.length ? t('warnings.SPEAKER_DOUBLE_BOOKED', { speaker, sessions: formatList(titles, lang) }) : w.message;
  }

  function edit(id: string | null) {
    setEditingId(id);
    setWarnings([]);
    action.setStatus(null);
    action.setError(null);
    if (id) requestAnimationFrame(() => formRef.current?.querySelector('input')?.focus());
  }

  return (
    <>
      <div className="form-status" role="status">
        {action.status && <p>{action.status}</p>}
        {warnings.length > 0 && (
          <div className="warning-box">
            <p>{t('warnings.saved')}</p>
            <ul>
              {warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <div ref={formRef}>
        <SessionForm
          key={editingId ?? 'new'}
          agenda={agenda}
          session={editing}
          onCancel={() => edit(null)}
          onSaved={({ warnings: ws }) => {
            setEditingId(null);
            action.setError(null);
            action.setStatus(t('manage.saved'));
            setWarnings(ws.map(describeWarning));
          }}
        />
      </div>
      <ItemList
        heading={t('manage.sessions.list')}
        notices={
          <>
            <FormAlert error={listAction.error} />
            <FormStatus message={listAction.status} />
          </>
        }
        items={sessions.map((s) => {
          const stage = agenda.stages.find((x) => x.id === s.stageId)?.name ?? t('agenda.allStages');
          const time = `${formatDay(sessionDay(s.startsAt, event.timeZone), lang)} ${formatTimeRange(s.startsAt, s.endsAt, event.timeZone)}`;
          return { id: s.id, name: s.title, detail: `${time} · ${stage}`, swatch: s.trackId ? agenda.tracksById[s.trackId]?.colour : undefined };
        })}
        editingId={editingId}
        onEdit={edit}
        onDelete={(id) => {
          const name = sessionTitle(id) ?? '';
          if (id === editingId) edit(null);
          setWarnings([]);
          action.setStatus(null);
          return listAction.run(() => deleteSession(event.slug, id), () => t('manage.deleted', { name }));
        }}
      />
    </>
  );
}
