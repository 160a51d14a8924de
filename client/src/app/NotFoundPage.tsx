import { useI18n } from '../i18n/index.ts';
import { useDocumentTitle } from '../ui/hooks.ts';
import { Link } from './router.tsx';
import { paths } from './paths.ts';

export function NotFoundPage() {
  const { t } = useI18n();
  useDocumentTitle(t('app.notFoundTitle'));
  return (
    <div className="page">
      <h1>{t('app.notFoundTitle')}</h1>
      <p>{t('app.notFoundBody')}</p>
      <p>
        <Link to={paths.events()}>{t('app.toEvents')}</Link>
      </p>
    </div>
  );
}
