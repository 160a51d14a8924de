import { useId, useState, type FormEvent } from 'react';
import type { Event } from '@samling/protocol';
import { useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { FormAlert, FormStatus } from '../../ui/FormAlert.tsx';
import { EventScheduleFields } from '../events/EventScheduleFields.tsx';
import { useAction } from './useAction.ts';

/** Name, description, days, zone and default language of the event. The slug stays: links depend on it. */
export function EventDetailsForm({ event }: { event: Event }) {
  const { t } = useI18n();
  const id = useId();
  const updateEvent = useStore((s) => s.updateEvent);
  const action = useAction();
  const [values, setValues] = useState({
    name: event.name,
    description: event.description,
    startDate: event.startDate,
    endDate: event.endDate,
    timeZone: event.timeZone,
    defaultLanguage: event.defaultLanguage,
  });
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) => setValues((v) => ({ ...v, [key]: value }));

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!values.name.trim()) return action.setError(t('form.required', { field: t('manage.event.name') }));
    void action.run(() => updateEvent(event.slug, { ...values, name: values.name.trim() }), () => t('manage.saved'));
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <FormAlert
        error={action.error}
        fields={{
          name: t('manage.event.name'),
          description: t('manage.event.description'),
          startDate: t('manage.event.startDate'),
          endDate: t('manage.event.endDate'),
          timeZone: t('manage.event.timeZone'),
          defaultLanguage: t('manage.event.defaultLanguage'),
        }}
      />
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('manage.event.name')}</label>
        <input id={`${id}-name`} type="text" required value={values.name} onChange={(e) => set('name', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>{t('manage.event.description')}</label>
        <textarea id={`${id}-description`} rows={4} value={values.description} onChange={(e) => set('description', e.target.value)} />
      </div>
      <EventScheduleFields id={id} values={values} onChange={set} />
      <div className="form-actions">
        <button type="submit" className="button" aria-disabled={action.busy || undefined}>
          {t('manage.event.save')}
        </button>
      </div>
      <FormStatus message={action.busy ? t('manage.saving') : action.status} />
    </form>
  );
}
