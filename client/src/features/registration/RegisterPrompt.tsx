import { call } from '../../api.ts';
import { Link } from '../../app/router.tsx';
import { paths } from '../../app/paths.ts';
import { useI18n } from '../../i18n/index.ts';
import { useLoad } from './useLoad.ts';

/**
 * For a signed-in visitor who is not a member: the way in that the event's registration mode allows. Open events
 * lead to the registration form (one click, then the consent box); invitation-only events say so and lead to the
 * form's code field; closed and full events say so.
 */
export function RegisterPrompt({ slug }: { slug: string }) {
  const { t } = useI18n();
  const { data: info } = useLoad((signal) => call('registrationInfo', { params: { slug }, signal }), [slug]);
  if (!info) return null;
  if (info.mode === 'closed') return <p className="notice">{t('registration.prompt.closed')}</p>;
  if (info.mode === 'invitation') {
    return (
      <div className="notice notice-row">
        <p>{t('registration.prompt.invitation')}</p>
        <Link className="button button-secondary" to={paths.register(slug)}>
          {t('registration.prompt.haveCode')}
        </Link>
      </div>
    );
  }
  if (info.full) return <p className="notice">{t('registration.prompt.full')}</p>;
  return (
    <div className="notice notice-row">
      <p>{t('registration.prompt.open')}</p>
      <Link className="button" to={paths.register(slug)}>
        {t('registration.prompt.register')}
      </Link>
    </div>
  );
}
