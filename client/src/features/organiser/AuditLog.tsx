import { useEffect, useRef, useState } from 'react';
import { toZoned, type AuditEntry, type Event, type Language } from '@samling/protocol';
import { dictionaries, formatDay, useI18n, type MessageKey, type Translate } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { Async, ErrorState } from '../../ui/Async.tsx';
import { FormStatus } from '../../ui/FormAlert.tsx';

/** The message for an action code the server records, or null for one this client does not know yet. */
export function auditActionKey(action: string): MessageKey | null {
  const key = `manage.audit.action.${action}`;
  return Object.hasOwn(dictionaries.sv, key) ? (key as MessageKey) : null;
}

/** "Skapade session" / "Created a session"; an unknown code as it is. */
export function auditActionText(action: string, t: Translate): string {
  const key = auditActionKey(action);
  return key ? t(key) : action;
}

/** "tisdag 24 november 09:05" on the wall clock of `timeZone`. */
export function formatAuditTime(at: string, timeZone: string, lang: Language): string {
  const { date, time } = toZoned(at, timeZone);
  return `${formatDay(date, lang)} ${time}`;
}

const MAX_VALUE = 80;

function detailValue(value: unknown): string {
  let text: string;
  if (value === null || value === undefined) text = '–';
  else if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else if (Array.isArray(value)) text = value.map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))).join(', ');
  else text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** `{ room: 'lobby', open: false }` → "room: lobby; open: false". Plain text: values are never read as markup. */
export function formatAuditDetails(details: AuditEntry['details']): string {
  if (!details) return '';
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${detailValue(value)}`)
    .join('; ');
}

/** `?section=audit`: what organisers and moderators did, newest first (organisers only; the server checks). */
export function AuditLog({ event }: { event: Event }) {
  const { t, lang } = useI18n();
  const slug = event.slug;
  const loadAudit = useStore((s) => s.loadAudit);
  const log = useStore((s) => s.audit[slug]);
  const state = useStore((s) => s.auditState[slug]);
  const [refreshed, setRefreshed] = useState(false);
  const refreshing = useRef(false);

  useEffect(() => {
    void loadAudit(slug);
  }, [slug, loadAudit]);

  const loading = state?.status === 'loading';
  const refresh = async () => {
    if (loading || refreshing.current) return;
    refreshing.current = true;
    setRefreshed(false);
    try {
      await loadAudit(slug);
    } finally {
      refreshing.current = false;
    }
    setRefreshed(useStore.getState().auditState[slug]?.status === 'ready');
  };

  return (
    <div className="audit-log">
      <div className="audit-toolbar">
        <p>{t('manage.audit.intro', { zone: event.timeZone })}</p>
        <button type="button" className="button button-secondary" aria-disabled={loading || undefined} onClick={() => void refresh()}>
          {t('manage.audit.refresh')}
        </button>
      </div>
      <FormStatus message={refreshed && !loading ? t('manage.audit.refreshed') : null} />
      {/* Data already shown stays; a failed refresh says so above it and offers a retry. */}
      {log && state?.status === 'error' && <ErrorState error={state.error} onRetry={() => void refresh()} />}
      <Async state={state} hasData={log !== undefined} onRetry={() => void refresh()}>
        {() =>
          log!.entries.length === 0 ? (
            <p className="notice">{t('manage.audit.empty')}</p>
          ) : (
            <>
              {/* Focusable so keyboard users can scroll the table sideways on narrow screens. */}
              <div className="table-scroll" role="region" aria-label={t('manage.audit.table')} tabIndex={0}>
                <table className="table audit-table">
                  <caption className="visually-hidden">{t('manage.audit.table')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('manage.audit.at')}</th>
                      <th scope="col">{t('manage.audit.actor')}</th>
                      <th scope="col">{t('manage.audit.action')}</th>
                      <th scope="col">{t('manage.audit.subject')}</th>
                      <th scope="col">{t('manage.audit.details')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {log!.entries.map((entry) => (
                      <tr key={entry.id}>
                        <td className="audit-time">
                          <time dateTime={entry.at}>{formatAuditTime(entry.at, event.timeZone, lang)}</time>
                        </td>
                        <td>{entry.actor}</td>
                        <td>
                          {auditActionKey(entry.action) ? auditActionText(entry.action, t) : <code>{entry.action}</code>}
                        </td>
                        <td className="audit-subject">{entry.subject}</td>
                        <td className="audit-details">{formatAuditDetails(entry.details)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {log!.hasMore && <p className="hint">{t('manage.audit.more', { count: log!.entries.length })}</p>}
            </>
          )
        }
      </Async>
    </div>
  );
}
