import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api, pathTo, type Attendee, type AttendeeImportReport } from '@samling/protocol';
import { call } from '../../api.ts';
import { useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { Async } from '../../ui/Async.tsx';
import { ConfirmInline } from '../../ui/ConfirmInline.tsx';
import { FormAlert, FormStatus } from '../../ui/FormAlert.tsx';
import { useAction } from '../organiser/useAction.ts';
import { formatInstant } from './NoticeText.tsx';
import { useLoad } from './useLoad.ts';

/**
 * The member list as registration recorded it (organisation, when, consent version), with removal, CSV export and
 * import. Shown above the role form of the members section; a role given there reloads this list.
 */
export function AttendeesPanel({ slug, timeZone }: { slug: string; timeZone: string }) {
  const { t, lang } = useI18n();
  const list = useLoad((signal) => call('listAttendees', { params: { slug }, signal }), [slug]);
  const rowAction = useAction();
  const [confirming, setConfirming] = useState<string | null>(null);
  const removeButtons = useRef(new Map<string, HTMLButtonElement | null>());
  // The role form below writes to the store's member list; follow it.
  const members = useStore((s) => s.members[slug]);
  useEffect(() => {
    if (members) list.reload();
  }, [members, list.reload]); // eslint-disable-line react-hooks/exhaustive-deps

  async function remove(a: Attendee) {
    const ok = await rowAction.run(() => call('removeMember', { params: { slug, id: a.userId } }), () => t('manage.attendees.removed', { name: a.displayName }));
    if (ok) list.reload();
  }

  return (
    <>
      <p className="form-actions">
        <a className="button button-secondary" href={pathTo(api.attendeesCsv, { slug })} download>{t('manage.attendees.export')}</a>
        <a className="button button-secondary" href={pathTo(api.attendeesCsv, { slug }, { excel: '1' })} download>{t('manage.attendees.exportExcel')}</a>
      </p>
      <FormAlert error={rowAction.error} />
      <FormStatus message={rowAction.status} />
      <Async state={list.state} hasData={list.data !== undefined} onRetry={list.reload}>
        {() => (
          <div className="table-scroll" role="region" aria-label={t('manage.attendees.table')} tabIndex={0}>
            <table className="table">
              <caption className="visually-hidden">{t('manage.attendees.table')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('manage.members.name')}</th>
                  <th scope="col">{t('manage.members.email')}</th>
                  <th scope="col">{t('manage.attendees.organisation')}</th>
                  <th scope="col">{t('manage.members.role')}</th>
                  <th scope="col">{t('manage.attendees.registeredAt')}</th>
                  <th scope="col">{t('manage.attendees.consent')}</th>
                  <th scope="col">{t('manage.attendees.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data!.map((a) => (
                  <tr key={a.userId}>
                    <td>{a.displayName}</td>
                    <td>{a.email}</td>
                    <td>{a.organisation}</td>
                    <td>{t(`role.${a.role}`)}</td>
                    <td>{formatInstant(a.registeredAt, lang, timeZone)}</td>
                    <td>{a.consentVersion === null ? t('manage.attendees.noConsent') : t('manage.attendees.consentVersion', { version: String(a.consentVersion) })}</td>
                    <td>
                      {confirming === a.userId ? (
                        <ConfirmInline
                          question={t('manage.attendees.confirmRemove', { name: a.displayName })}
                          confirmLabel={t('manage.attendees.confirm')}
                          cancelLabel={t('manage.attendees.cancel')}
                          onConfirm={() => { setConfirming(null); void remove(a); }}
                          onCancel={() => setConfirming(null)}
                          returnFocus={{ current: removeButtons.current.get(a.userId) ?? null }}
                        />
                      ) : (
                        <button type="button" className="button button-small button-danger" ref={(el) => { removeButtons.current.set(a.userId, el); }}
                          aria-label={t('manage.attendees.removeLabel', { name: a.displayName })} onClick={() => setConfirming(a.userId)}>
                          {t('manage.attendees.remove')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Async>
      <ImportAttendees slug={slug} onImported={list.reload} />
    </>
  );
}

/** The CSV import: a file, then the report, with every rejected row by line number and reason. */
export function ImportAttendees({ slug, onImported }: { slug: string; onImported: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const action = useAction();
  const fileInput = useRef<HTMLInputElement>(null);
  const [report, setReport] = useState<AttendeeImportReport | null>(null);
  const reportHeading = useRef<HTMLHeadingElement>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) return action.setError(t('manage.attendees.noFile'));
    setReport(null);
    const ok = await action.run(async () => {
      const result = await call('importAttendees', { params: { slug }, body: { csv: await file.text() } });
      setReport(result);
      return result;
    }, (r) => t('manage.attendees.report', { added: String(r.added), updated: String(r.updated), unchanged: String(r.unchanged), rejected: String(r.rejected.length) }));
    if (ok) {
      onImported();
      requestAnimationFrame(() => reportHeading.current?.focus());
    }
  }

  return (
    <form className="form form-inline-card" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('manage.attendees.importTitle')}</h3>
      <p className="hint" id={`${id}-hint`}>{t('manage.attendees.importHint')}</p>
      <FormAlert error={action.error} />
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('manage.attendees.file')}</label>
        <input id={`${id}-file`} ref={fileInput} type="file" accept=".csv,text/csv" aria-describedby={`${id}-hint`} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button" aria-disabled={action.busy || undefined}>{t('manage.attendees.import')}</button>
      </div>
      <div role="status">{action.busy ? <p>{t('manage.attendees.importing')}</p> : action.status ? <p>{action.status}</p> : null}</div>
      {report && report.rejected.length > 0 && <ImportReport report={report} headingRef={reportHeading} />}
    </form>
  );
}

export function ImportReport({ report, headingRef }: { report: AttendeeImportReport; headingRef?: React.Ref<HTMLHeadingElement> }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <section aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`} ref={headingRef} tabIndex={-1}>{t('manage.attendees.rejectedTable')}</h4>
      <div className="table-scroll" role="region" aria-labelledby={`${id}-title`} tabIndex={0}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('manage.attendees.line')}</th>
              <th scope="col">{t('manage.members.email')}</th>
              <th scope="col">{t('manage.attendees.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {report.rejected.map((r) => (
              <tr key={`${r.line}-${r.email}`}>
                <td>{r.line}</td>
                <td>{r.email}</td>
                <td>{t(`manage.attendees.reason.${r.reason}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
