import { useId } from 'react';
import type { PrivacyNotice } from '@samling/protocol';
import { useI18n } from '../../i18n/index.ts';

/** The notice's text in the reader's language (Swedish when there is no English text). */
export function noticeText(notice: PrivacyNotice, lang: string): string {
  return lang === 'en' && notice.textEn.trim() ? notice.textEn : notice.textSv;
}

export function formatInstant(iso: string, lang: string, timeZone = 'Europe/Stockholm'): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'sv-SE', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}

/**
 * The privacy notice in a scrollable region: keyboard users can focus and scroll it, screen readers hear its title.
 * `full` shows it without the scroll box (the notice page).
 */
export function NoticeText({ notice, full = false, titleId }: { notice: PrivacyNotice; full?: boolean; titleId?: string }) {
  const { t, lang } = useI18n();
  const ownId = useId();
  const labelledBy = titleId ?? `${ownId}-title`;
  return (
    <>
      {!titleId && (
        <h2 id={labelledBy} className="h3">
          {t('registration.noticeTitle')}
        </h2>
      )}
      <p className="hint">{t('registration.noticeVersion', { version: String(notice.version), date: formatInstant(notice.createdAt, lang) })}</p>
      <div
        className="notice-text"
        role="region"
        aria-labelledby={labelledBy}
        tabIndex={full ? undefined : 0}
        style={{ whiteSpace: 'pre-wrap', ...(full ? {} : { maxHeight: '14rem', overflowY: 'auto', border: '1px solid var(--border)', borderRadius: 'var(--radius)', padding: '0.75rem' }) }}
      >
        {noticeText(notice, lang)}
      </div>
    </>
  );
}
