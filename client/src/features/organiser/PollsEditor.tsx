import { useEffect, useId, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { api, pathTo } from '@samling/protocol';
import { isApiError } from '../../api.ts';
import { Link, navigate, useLocation } from '../../app/router.tsx';
import { paths } from '../../app/paths.ts';
import { formatDay, useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { Async } from '../../ui/Async.tsx';
import { FormAlert, FormStatus } from '../../ui/FormAlert.tsx';
import { formatTimeRange, sessionDay } from '../agenda/time.ts';
import { compareSessionsByStart } from '../agenda/timetable.ts';
import type { AgendaView } from '../agenda/useAgenda.ts';
import { PollForm } from '../interaction/PollForm.tsx';
import { ItemList } from './ItemList.tsx';
import { useAction } from './useAction.ts';

const NO_IDS: string[] = [];

/**
 * `?section=polls`: polls prepared per session ahead of the event. Choose a session (kept in `&session=`), then
 * make, edit (drafts only: a launched poll stays as people saw it) and delete its polls.
 */
export function PollsEditor({ agenda }: { agenda: AgendaView }) {
  const { t, lang } = useI18n();
  const id = useId();
  const location = useLocation();
  const { event } = agenda;
  const sessions = agenda.sessions.filter((s) => s.kind !== 'break').sort(compareSessionsByStart);
  const requested = location.search.get('session');
  const sessionId = sessions.some((s) => s.id === requested) ? requested! : (sessions[0]?.id ?? null);
  if (!sessionId) return <p className="empty">{t('manage.polls.noSessions')}</p>;

  const describe = (s: (typeof sessions)[number]) =>
    `${s.title} (${formatDay(sessionDay(s.startsAt, event.timeZone), lang)} ${formatTimeRange(s.startsAt, s.endsAt, event.timeZone)})`;

  return (
    <>
      <p>{t('manage.polls.intro')}</p>
      <div className="field">
        <label htmlFor={`${id}-session`}>{t('manage.polls.session')}</label>
        <select
          id={`${id}-session`}
          value={sessionId}
          onChange={(e) => navigate(`${paths.manage(event.slug)}?section=polls&session=${encodeURIComponent(e.target.value)}`, { replace: true })}
        >
          {sessions.map((s) => (
            <option key={s.id} value={s.id}>
              {describe(s)}
            </option>
          ))}
        </select>
      </div>
      <SessionPolls key={sessionId} slug={event.slug} sessionId={sessionId} sessionTitle={sessions.find((s) => s.id === sessionId)!.title} />
    </>
  );
}

function SessionPolls({ slug, sessionId, sessionTitle }: { slug: string; sessionId: string; sessionTitle: string }) {
  const { t } = useI18n();
  const load = useStore((s) => s.loadSessionPolls);
  const state = useStore((s) => s.sessionPollsState[sessionId]);
  const ids = useStore(useShallow((s) => s.sessionPollIds[sessionId] ?? NO_IDS));
  const polls = useStore(useShallow((s) => ids.flatMap((pid) => s.polls[pid] ?? [])));
  const summaries = useStore(useShallow((s) => ids.map((pid) => s.pollSummaries[pid])));
  const savePoll = useStore((s) => s.savePoll);
  const deletePoll = useStore((s) => s.deletePoll);
  const action = useAction();
  const listAction = useAction();
  const [editingId, setEditingId] = useState<string | null>(null);
  const formRef = useRef<HTMLDivElement>(null);
  const editing = editingId ? (polls.find((p) => p.id === editingId) ?? null) : null;

  useEffect(() => {
    void load(slug, sessionId);
  }, [slug, sessionId, load]);

  function edit(pollId: string | null) {
    const poll = pollId ? polls.find((p) => p.id === pollId) : null;
    if (poll && poll.status !== 'draft') {
      listAction.setError(t('manage.polls.locked'));
      return;
    }
    setEditingId(pollId);
    action.setError(null);
    action.setStatus(null);
    if (pollId) requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('select, input')?.focus());
  }

  return (
    <>
      <FormStatus message={action.status} />
      <div ref={formRef} className="form-inline-card">
        <PollForm
          key={editingId ?? 'new'}
          poll={editing}
          heading={editing ? t('manage.polls.editing') : t('manage.polls.new')}
          onCancel={editing ? () => edit(null) : undefined}
          onSubmit={async (input) => {
            try {
              await savePoll(slug, sessionId, editingId, input);
              setEditingId(null);
              action.setStatus(t('manage.saved'));
              return null;
            } catch (e) {
              if (!isApiError(e)) throw e;
              return e;
            }
          }}
        />
      </div>
      <Async state={state} hasData={state?.status === 'ready' || ids.length > 0} onRetry={() => void load(slug, sessionId)}>
        {() => (
          <ItemList
            heading={t('manage.polls.list', { session: sessionTitle })}
            notices={
              <>
                <FormAlert error={listAction.error} />
                <FormStatus message={listAction.status} />
              </>
            }
            items={polls.map((p, i) => {
              const summary = summaries[i];
              const participation =
                p.status === 'draft'
                  ? null
                  : summary?.present
                    ? t('pollAdmin.participation', { voters: summary.voters, present: summary.present })
                    : t('manage.polls.answers', { count: summary?.voters ?? 0 });
              return {
                id: p.id,
                name: p.question,
                detail: (
                  <>
                    {[t(`poll.kind.${p.kind}`), t(`poll.status.${p.status}`), participation].filter(Boolean).join(' · ')}
                    {p.status !== 'draft' && (
                      <>
                        {' · '}
                        <a href={pathTo(api.pollCsv, { slug, id: p.id })} download aria-label={`${t('pollAdmin.csv')}: ${p.question}`}>
                          {t('pollAdmin.csv')}
                        </a>
                      </>
                    )}
                  </>
                ),
              };
            })}
            editingId={editingId}
            onEdit={edit}
            onDelete={(pid) => {
              const name = polls.find((p) => p.id === pid)?.question ?? '';
              if (pid === editingId) edit(null);
              action.setStatus(null);
              return listAction.run(() => deletePoll(slug, sessionId, pid), () => t('manage.deleted', { name }));
            }}
          />
        )}
      </Async>
      <p className="link-list">
        <Link to={paths.session(slug, sessionId)}>{t('manage.polls.openRoom')}</Link>
        <a href={pathTo(api.sessionCsv, { slug, id: sessionId })} download>
          {t('pollAdmin.sessionCsv')}
        </a>
      </p>
    </>
  );
}
