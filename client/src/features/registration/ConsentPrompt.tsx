import { useId, useState } from 'react';
import type { PrivacyNotice } from '@samling/protocol';
import { call, isApiError, type ApiError } from '../../api.ts';
import { Link } from '../../app/router.tsx';
import { paths } from '../../app/paths.ts';
import { useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { FormAlert, FormStatus } from '../../ui/FormAlert.tsx';
import { NoticeText } from './NoticeText.tsx';

/**
 * Asks a member to accept the current privacy notice: after the organiser published a new version, or when they
 * joined with one click. Not a modal: the page stays usable, the question stays until answered.
 */
export function ConsentPrompt({ slug, notice }: { slug: string; notice: PrivacyNotice }) {
  const { t } = useI18n();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);

  async function accept() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const mine = await call('giveConsent', { params: { slug }, body: { noticeVersion: notice.version } });
      setDone(true);
      useStore.setState((s) => ({ myEvents: { ...s.myEvents, [slug]: mine } }));
    } catch (e) {
      if (!isApiError(e)) throw e;
      setError(e);
      // A newer version appeared meanwhile: load it, and ask for that one.
      if (e.code === 'NOTICE_OUTDATED') void useStore.getState().loadMyEvent(slug, { force: true });
    } finally {
      setBusy(false);
    }
  }

  if (done) return <FormStatus message={t('registration.consentPrompt.thanks')} />;
  return (
    <div className="notice consent-prompt">
      <h2 id={`${id}-title`}>{t('registration.consentPrompt.title')}</h2>
      <p>{t('registration.consentPrompt.body', { version: String(notice.version) })}</p>
      <NoticeText notice={notice} titleId={`${id}-title`} />
      <p>
        <Link to={paths.registerNotice(slug)}>{t('registration.noticeFull')}</Link>
      </p>
      <FormAlert error={error} />
      <button type="button" className="button" aria-disabled={busy || undefined} onClick={() => void accept()}>
        {t('registration.consentPrompt.accept')}
      </button>
    </div>
  );
}
