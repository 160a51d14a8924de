import { useEffect, useId, useState, type FormEvent } from 'react';
import { RegistrationModes, type PrivacyNotice, type RegistrationMode } from '@samling/protocol';
import { call } from '../../api.ts';
import { useI18n } from '../../i18n/index.ts';
import { Async } from '../../ui/Async.tsx';
import { FormAlert, FormStatus } from '../../ui/FormAlert.tsx';
import { useAction } from '../organiser/useAction.ts';
import { formatInstant, noticeText } from './NoticeText.tsx';
import { useLoad } from './useLoad.ts';

/** How often the count of places taken is refreshed while the section is open. */
const COUNT_REFRESH_MS = 15_000;

/**
 * `?section=registration` ("Anmälan"): who may register, how many places, the live count of places taken, and the
 * privacy notice with its versions (saving new text publishes a new version; members are asked again).
 */
export function RegistrationSettings({ slug }: { slug: string }) {
  const { t } = useI18n();
  const id = useId();
  const info = useLoad((signal) => call('registrationInfo', { params: { slug }, signal }), [slug]);
  const action = useAction();
  const [mode, setMode] = useState<RegistrationMode>('open');
  const [capacity, setCapacity] = useState('');
  const [capacityError, setCapacityError] = useState<string | null>(null);
  const loaded = info.data !== undefined;

  useEffect(() => {
    if (!info.data) return;
    setMode(info.data.mode);
    setCapacity(info.data.capacity === null ? '' : String(info.data.capacity));
    // Only when first loaded: later refreshes of the count must not undo what the organiser is typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded]);
  useEffect(() => {
    const timer = setInterval(info.reload, COUNT_REFRESH_MS);
    return () => clearInterval(timer);
  }, [info.reload]);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const trimmed = capacity.trim();
    const places = trimmed === '' ? null : Number(trimmed);
    if (places !== null && (!Number.isInteger(places) || places < 1)) {
      setCapacityError(t('manage.registration.invalidCapacity'));
      requestAnimationFrame(() => document.getElementById(`${id}-capacity`)?.focus());
      return;
    }
    setCapacityError(null);
    await action.run(
      async () => info.set(await call('updateRegistration', { params: { slug }, body: { mode, capacity: places } })),
      () => t('manage.registration.saved'),
    );
  }

  const data = info.data;
  return (
    <Async state={info.state} hasData={loaded} onRetry={info.reload}>
      {() => (
        <>
          <p className="registration-count" aria-live="polite">
            <strong>
              {data!.capacity === null
                ? t('manage.registration.countUnlimited', { count: String(data!.attendees) })
                : t('manage.registration.count', { count: String(data!.attendees), capacity: String(data!.capacity) })}
            </strong>
          </p>
          <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
            <FormAlert error={action.error} fields={{ mode: t('manage.registration.mode'), capacity: t('manage.registration.capacity') }} />
            <fieldset className="fieldset">
              <legend>{t('manage.registration.mode')}</legend>
              {RegistrationModes.map((m) => (
                <div className="checkbox" key={m}>
                  <input id={`${id}-mode-${m}`} type="radio" name={`${id}-mode`} value={m} checked={mode === m} onChange={() => setMode(m)} />
                  <label htmlFor={`${id}-mode-${m}`}>{t(`manage.registration.mode.${m}`)}</label>
                </div>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor={`${id}-capacity`}>{t('manage.registration.capacity')}</label>
              <input id={`${id}-capacity`} type="number" inputMode="numeric" min={1} step={1} value={capacity}
                aria-invalid={capacityError ? true : undefined}
                aria-describedby={`${id}-capacity-hint${capacityError ? ` ${id}-capacity-error` : ''}`}
                onChange={(e) => setCapacity(e.target.value)} style={{ maxWidth: '12rem' }} />
              <p className="hint" id={`${id}-capacity-hint`}>{t('manage.registration.capacityHint')}</p>
              {capacityError && <p className="inline-error" id={`${id}-capacity-error`}>{capacityError}</p>}
            </div>
            <div className="form-actions">
              <button type="submit" className="button" aria-disabled={action.busy || undefined}>{t('manage.registration.save')}</button>
            </div>
            <FormStatus message={action.status} />
          </form>
          <NoticeEditor slug={slug} current={data!.notice} onPublished={info.reload} />
        </>
      )}
    </Async>
  );
}

function NoticeEditor({ slug, current, onPublished }: { slug: string; current: PrivacyNotice; onPublished: () => void }) {
  const { t, lang } = useI18n();
  const id = useId();
  const versions = useLoad((signal) => call('listPrivacyNotices', { params: { slug }, signal }), [slug]);
  const action = useAction();
  const [textSv, setTextSv] = useState(current.textSv);
  const [textEn, setTextEn] = useState(current.textEn);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!textSv.trim()) return action.setError(t('form.required', { field: t('manage.notice.textSv') }));
    await action.run(
      () => call('publishPrivacyNotice', { params: { slug }, body: { textSv, textEn } }),
      (n) => (n.version === current.version ? t('manage.notice.unchanged') : t('manage.notice.published', { version: String(n.version) })),
    ).then((ok) => {
      if (!ok) return;
      versions.reload();
      onPublished();
    });
  }

  return (
    <section className="form-inline-card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('manage.notice.title')}</h3>
      <p className="hint" id={`${id}-hint`}>{t('manage.notice.hint')}</p>
      <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-describedby={`${id}-hint`}>
        <FormAlert error={action.error} fields={{ textSv: t('manage.notice.textSv'), textEn: t('manage.notice.textEn') }} />
        <div className="field">
          <label htmlFor={`${id}-sv`}>{t('manage.notice.textSv')}</label>
          <textarea id={`${id}-sv`} rows={10} value={textSv} onChange={(e) => setTextSv(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-en`}>{t('manage.notice.textEn')}</label>
          <textarea id={`${id}-en`} rows={10} value={textEn} onChange={(e) => setTextEn(e.target.value)} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button" aria-disabled={action.busy || undefined}>{t('manage.notice.publish')}</button>
        </div>
        <FormStatus message={action.status} />
      </form>
      <h4>{t('manage.notice.history')}</h4>
      <Async state={versions.state} hasData={versions.data !== undefined} onRetry={versions.reload}>
        {() => (
          <ul className="notice-versions">
            {versions.data!.map((n) => (
              <li key={n.version}>
                <details>
                  <summary>
                    {t('manage.notice.version', { version: String(n.version), date: formatInstant(n.createdAt, lang) })}
                    {n.version === current.version ? ` ${t('manage.notice.current')}` : ''}
                  </summary>
                  <div style={{ whiteSpace: 'pre-wrap' }}>{noticeText(n, lang)}</div>
                </details>
              </li>
            ))}
          </ul>
        )}
      </Async>
    </section>
  );
}
