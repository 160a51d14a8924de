import { useId, useState, type FormEvent } from 'react';
import { datesBetween, Languages, SessionKinds, SessionStatuses, type Language, type Session, type SessionKind, type SessionStatus, type Warning } from '@samling/protocol';
import type { ApiError } from '../../api.ts';
import { formatDay, useI18n, type Translate } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { FormAlert } from '../../ui/FormAlert.tsx';
import { formatTimeRange } from '../agenda/time.ts';
import type { AgendaView } from '../agenda/useAgenda.ts';
import { emptySessionForm, formToInput, isWallTime, sessionToForm, type SessionFormValues } from './sessionForm.ts';
import { useAction } from './useAction.ts';

/** A stage conflict names the sessions already booked, in the event's time: "Scenen är redan bokad då: Öppning 10:00–10:45". */
export function describeSessionError(error: ApiError, t: Translate, timeZone: string): string | null {
  if (error.code !== 'STAGE_DOUBLE_BOOKED' || !error.details) return null;
  const conflicts = error.details.conflicts.map((c) => `${c.title} ${formatTimeRange(c.startsAt, c.endsAt, timeZone)}`);
  return conflicts.length ? t('errors.stageConflict', { conflicts: conflicts.join(', ') }) : null;
}

/** Creates a session (session null) or edits one; times are typed on the event's wall clock. */
export function SessionForm({
  agenda,
  session,
  onSaved,
  onCancel,
}: {
  agenda: AgendaView;
  session: Session | null;
  onSaved: (result: { title: string; warnings: Warning[] }) => void;
  onCancel: () => void;
}) {
  const { t, lang } = useI18n();
  const id = useId();
  const { event } = agenda;
  const saveSession = useStore((s) => s.saveSession);
  const action = useAction();
  const [values, setValues] = useState<SessionFormValues>(() =>
    session ? sessionToForm(session, event.timeZone) : emptySessionForm(event),
  );
  const set = <K extends keyof SessionFormValues>(key: K, value: SessionFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const days = datesBetween(event.startDate, event.endDate);
  // A session moved outside the event's days still shows its own day, so the form never silently changes it.
  const dayOptions = days.includes(values.day) ? days : [values.day, ...days];

  function toggleSpeaker(speakerId: string, on: boolean) {
    set('speakerIds', on ? [...values.speakerIds, speakerId] : values.speakerIds.filter((x) => x !== speakerId));
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!values.title.trim()) return action.setError(t('form.required', { field: t('manage.sessions.sessionTitle') }));
    if (!isWallTime(values.start)) return action.setError(t('form.required', { field: t('manage.sessions.start') }));
    if (!isWallTime(values.end)) return action.setError(t('form.required', { field: t('manage.sessions.end') }));
    const input = formToInput(values, event.timeZone);
    let warnings: Warning[] = [];
    const ok = await action.run(async () => {
      warnings = await saveSession(event.slug, session?.id ?? null, session ? { ...input, status: values.status } : input);
    });
    if (!ok) return;
    onSaved({ title: input.title, warnings });
    if (!session) setValues((v) => ({ ...v, title: '', abstract: '', speakerIds: [] }));
  }

  const speakers = [...agenda.speakers].sort((a, b) => a.name.localeCompare(b.name, 'sv'));

  return (
    <form className="form form-inline-card" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{session ? t('manage.sessions.editing') : t('manage.sessions.new')}</h3>
      <FormAlert
        error={action.error}
        describe={(err) => describeSessionError(err, t, event.timeZone)}
        fields={{
          title: t('manage.sessions.sessionTitle'),
          abstract: t('manage.sessions.abstract'),
          startsAt: t('manage.sessions.start'),
          endsAt: t('manage.sessions.end'),
          stageId: t('manage.sessions.stage'),
          trackId: t('manage.sessions.track'),
          kind: t('manage.sessions.kind'),
          language: t('manage.sessions.language'),
          speakerIds: t('manage.sessions.speakers'),
          status: t('manage.sessions.status'),
        }}
      />
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('manage.sessions.sessionTitle')}</label>
        <input id={`${id}-title`} type="text" required value={values.title} onChange={(e) => set('title', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-abstract`}>{t('manage.sessions.abstract')}</label>
        <textarea id={`${id}-abstract`} rows={4} value={values.abstract} onChange={(e) => set('abstract', e.target.value)} />
      </div>
      <fieldset className="fieldset">
        <legend>{t('manage.sessions.when')}</legend>
        <p className="hint" id={`${id}-time-hint`}>
          {t('manage.sessions.timeHint', { zone: event.timeZone })}
        </p>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-day`}>{t('manage.sessions.day')}</label>
            <select id={`${id}-day`} value={values.day} onChange={(e) => set('day', e.target.value)}>
              {dayOptions.map((d) => (
                <option key={d} value={d}>
                  {formatDay(d, lang)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-start`}>{t('manage.sessions.start')}</label>
            <input
              id={`${id}-start`}
              type="time"
              required
              step={300}
              aria-describedby={`${id}-time-hint`}
              value={values.start}
              onChange={(e) => set('start', e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-end`}>{t('manage.sessions.end')}</label>
            <input
              id={`${id}-end`}
              type="time"
              required
              step={300}
              aria-describedby={`${id}-time-hint`}
              value={values.end}
              onChange={(e) => set('end', e.target.value)}
            />
          </div>
        </div>
      </fieldset>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-stage`}>{t('manage.sessions.stage')}</label>
          <select id={`${id}-stage`} value={values.stageId} onChange={(e) => set('stageId', e.target.value)}>
            <option value="">{t('manage.sessions.noStage')}</option>
            {agenda.stages.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-track`}>{t('manage.sessions.track')}</label>
          <select id={`${id}-track`} value={values.trackId} onChange={(e) => set('trackId', e.target.value)}>
            <option value="">{t('manage.sessions.noTrack')}</option>
            {agenda.tracks.map((tr) => (
              <option key={tr.id} value={tr.id}>
                {tr.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('manage.sessions.kind')}</label>
          <select id={`${id}-kind`} value={values.kind} onChange={(e) => set('kind', e.target.value as SessionKind)}>
            {SessionKinds.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-language`}>{t('manage.sessions.language')}</label>
          <select id={`${id}-language`} value={values.language} onChange={(e) => set('language', e.target.value as Language)}>
            {Languages.map((l) => (
              <option key={l} value={l}>
                {t(`language.${l}`)}
              </option>
            ))}
          </select>
        </div>
        {session && (
          <div className="field">
            <label htmlFor={`${id}-status`}>{t('manage.sessions.status')}</label>
            <select id={`${id}-status`} value={values.status} onChange={(e) => set('status', e.target.value as SessionStatus)}>
              {SessionStatuses.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <fieldset className="fieldset">
        <legend>{t('manage.sessions.speakers')}</legend>
        {speakers.length === 0 ? (
          <p className="hint">{t('manage.sessions.noSpeakers')}</p>
        ) : (
          <div className="checkbox-list">
            {speakers.map((sp) => (
              <div key={sp.id} className="checkbox">
                <input
                  id={`${id}-speaker-${sp.id}`}
                  type="checkbox"
                  checked={values.speakerIds.includes(sp.id)}
                  onChange={(e) => toggleSpeaker(sp.id, e.target.checked)}
                />
                <label htmlFor={`${id}-speaker-${sp.id}`}>
                  {sp.name}
                  {sp.organisation && <span className="hint-inline">, {sp.organisation}</span>}
                </label>
              </div>
            ))}
          </div>
        )}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button" aria-disabled={action.busy || undefined}>
          {t('manage.sessions.save')}
        </button>
        {session && (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('manage.cancelEdit')}
          </button>
        )}
        {action.busy && <span role="status">{t('manage.saving')}</span>}
      </div>
    </form>
  );
}
