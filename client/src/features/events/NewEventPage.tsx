import { useEffect, useId, useState, type FormEvent } from 'react';
import { isValidTimeZone } from '@samling/protocol';
import { isApiError, type ApiError } from '../../api.ts';
import { Link, navigate, useLocation } from '../../app/router.tsx';
import { paths } from '../../app/paths.ts';
import { useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { Loading } from '../../ui/Async.tsx';
import { FormAlert, FormStatus, validationIssues } from '../../ui/FormAlert.tsx';
import { useDocumentTitle } from '../../ui/hooks.ts';
import { EventScheduleFields, eventScheduleFieldId, type EventSchedule } from './EventScheduleFields.tsx';
import { isValidSlug, slugify } from './slug.ts';

/** `/new`: any signed-in person can create an event and becomes its organiser. */
export function NewEventPage() {
  const { t } = useI18n();
  const location = useLocation();
  const signedIn = useStore((s) => s.user !== null);
  const meKnown = useStore((s) => s.meState !== undefined && s.meState.status !== 'loading');
  useDocumentTitle(t('newEvent.title'));

  let body;
  if (signedIn) body = <NewEventForm />;
  else if (!meKnown) body = <Loading />;
  else
    body = (
      // Plain text plus sign-up: the header's "Logga in" is the sign-in link, and it comes back here.
      <div className="notice">
        <p>{t('newEvent.signInPrompt')}</p>
        <p>
          {t('auth.noAccount')} <Link to={paths.signUp(location.href)}>{t('nav.signUp')}</Link>
        </p>
      </div>
    );

  return (
    <div className="page new-event-page">
      <h1>{t('newEvent.title')}</h1>
      <p className="lead">{t('newEvent.intro')}</p>
      {body}
    </div>
  );
}

type Values = EventSchedule & { name: string; slug: string; description: string };
type FieldKey = keyof Values;

/** Form order, so focus goes to the first field that needs fixing. */
const fieldOrder: FieldKey[] = ['name', 'slug', 'startDate', 'endDate', 'timeZone', 'defaultLanguage', 'description'];

/** The fields a server error is about, so they can be marked and the first one focused. */
function fieldsOf(error: ApiError): FieldKey[] {
  if (error.code === 'SLUG_TAKEN') return ['slug'];
  if (error.code === 'INVALID_TIME_RANGE') return ['endDate'];
  const named = new Set(validationIssues(error).map((issue) => String(issue.path[0])));
  return fieldOrder.filter((key) => named.has(key));
}

function fieldIdOf(id: string, key: FieldKey): string {
  return key === 'name' || key === 'slug' || key === 'description' ? `${id}-${key}` : eventScheduleFieldId(id, key);
}

/** Name, address, days, zone, language and description; on success the new event's editor opens. */
export function NewEventForm() {
  const { t, lang } = useI18n();
  const id = useId();
  const alertId = `${id}-alert`;
  const createEvent = useStore((s) => s.createEvent);
  const loadMe = useStore((s) => s.loadMe);
  const [values, setValues] = useState<Values>({
    name: '',
    slug: '',
    description: '',
    startDate: '',
    endDate: '',
    timeZone: 'Europe/Stockholm',
    defaultLanguage: lang,
  });
  // The address follows the name until the organiser types in it.
  const [slugEdited, setSlugEdited] = useState(false);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [invalid, setInvalid] = useState<Partial<Record<FieldKey, boolean>>>({});
  const [busy, setBusy] = useState(false);
  // A new object per failed submit, so focus moves again even when the message is the same.
  const [focusRequest, setFocusRequest] = useState<{ field: FieldKey | null } | null>(null);

  const fieldId = (key: FieldKey) => fieldIdOf(id, key);

  // After a failed submit: the first field to fix, or the alert itself when no field is to blame.
  useEffect(() => {
    if (!focusRequest) return;
    const { field } = focusRequest;
    document.getElementById(field ? fieldIdOf(id, field) : alertId)?.focus();
  }, [focusRequest, id, alertId]);

  function set<K extends FieldKey>(key: K, value: Values[K]) {
    setValues((v) => {
      const next = { ...v, [key]: value };
      if (key === 'name' && !slugEdited) next.slug = slugify(String(value));
      // A one-day event is the common case: the first start date also fills an empty end date.
      if (key === 'startDate' && !v.endDate) next.endDate = String(value);
      return next;
    });
    if (invalid[key]) setInvalid((bad) => ({ ...bad, [key]: false }));
  }

  function fail(message: ApiError | string, fields: FieldKey[]) {
    setError(message);
    setInvalid(Object.fromEntries(fields.map((key) => [key, true])));
    setFocusRequest({ field: fields[0] ?? null });
  }

  /** The first problem the server would also refuse, checked here so the organiser hears it at once. */
  function check(): [string, FieldKey] | null {
    const required = (key: FieldKey, label: string): [string, FieldKey] => [t('form.required', { field: label }), key];
    if (!values.name.trim()) return required('name', t('newEvent.name'));
    if (!values.slug) return required('slug', t('newEvent.slug'));
    if (!isValidSlug(values.slug)) return [t('newEvent.slugInvalid'), 'slug'];
    if (!values.startDate) return required('startDate', t('manage.event.startDate'));
    if (!values.endDate) return required('endDate', t('manage.event.endDate'));
    if (values.endDate < values.startDate) return [t('newEvent.endBeforeStart'), 'endDate'];
    if (!values.timeZone.trim()) return required('timeZone', t('manage.event.timeZone'));
    if (!isValidTimeZone(values.timeZone.trim())) return [t('newEvent.timeZoneInvalid'), 'timeZone'];
    return null;
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const problem = check();
    if (problem) return fail(problem[0], [problem[1]]);
    setBusy(true);
    setError(null);
    setInvalid({});
    try {
      const event = await createEvent({ ...values, name: values.name.trim(), timeZone: values.timeZone.trim() });
      // The organiser role comes with /api/auth/me; the editor needs it before it opens.
      await loadMe();
      navigate(paths.manage(event.slug));
    } catch (err) {
      if (!isApiError(err)) throw err;
      setBusy(false);
      fail(err, fieldsOf(err));
    }
  }

  const fieldProps = (key: FieldKey, ...describedBy: string[]) => {
    const bad = invalid[key] === true;
    const ids = [...describedBy, ...(bad ? [alertId] : [])];
    return {
      id: fieldId(key),
      'aria-invalid': bad || undefined,
      'aria-describedby': ids.length > 0 ? ids.join(' ') : undefined,
    };
  };
  const slugHint = `${id}-slug-hint`;

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <p className="hint">{t('newEvent.requiredNote')}</p>
      <FormAlert
        id={alertId}
        error={error}
        fields={{
          name: t('newEvent.name'),
          slug: t('newEvent.slug'),
          description: t('manage.event.description'),
          startDate: t('manage.event.startDate'),
          endDate: t('manage.event.endDate'),
          timeZone: t('manage.event.timeZone'),
          defaultLanguage: t('newEvent.language'),
        }}
        describe={(err) => (err.code === 'INVALID_TIME_RANGE' ? t('newEvent.endBeforeStart') : null)}
      />
      <div className="field">
        <label htmlFor={fieldId('name')}>{t('newEvent.name')}</label>
        <input type="text" required autoComplete="off" value={values.name} onChange={(e) => set('name', e.target.value)} {...fieldProps('name')} />
      </div>
      <div className="field">
        <label htmlFor={fieldId('slug')}>{t('newEvent.slug')}</label>
        <input
          type="text"
          required
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={64}
          value={values.slug}
          onChange={(e) => {
            setSlugEdited(true);
            set('slug', e.target.value);
          }}
          {...fieldProps('slug', slugHint)}
        />
        <p className="hint" id={slugHint}>
          {t('newEvent.slugHint')}
        </p>
      </div>
      <EventScheduleFields id={id} values={values} onChange={set} languageLabel={t('newEvent.language')} invalid={invalid} errorId={alertId} />
      <div className="field">
        <label htmlFor={fieldId('description')}>{t('manage.event.description')}</label>
        <textarea rows={4} value={values.description} onChange={(e) => set('description', e.target.value)} {...fieldProps('description')} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {t('newEvent.submit')}
        </button>
      </div>
      <FormStatus message={busy ? t('newEvent.creating') : null} />
    </form>
  );
}
