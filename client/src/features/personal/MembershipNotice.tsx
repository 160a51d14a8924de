import { useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { ConsentPrompt } from '../registration/ConsentPrompt.tsx';
import { RegisterPrompt } from '../registration/RegisterPrompt.tsx';
import { useMyEvent } from './useMyEvent.ts';

/** Tells a visitor what it takes to star sessions: signing in, or registering. Members only hear of consent asked again. */
export function MembershipNotice({ slug }: { slug: string }) {
  const { t } = useI18n();
  const signedIn = useStore((s) => s.user !== null);
  const meKnown = useStore((s) => s.meState?.status === 'ready');
  const { mine } = useMyEvent(slug);

  if (!signedIn) {
    if (!meKnown) return null;
    // Plain text: the header's "Logga in" is the one sign-in link on the page (and a star leads there too).
    return <p className="notice">{t('agenda.signInPrompt')}</p>;
  }
  if (!mine) return null;
  // Members are asked to consent (again) to the privacy notice; visitors go through registration.
  if (mine.role) return mine.consentRequired && mine.notice ? <ConsentPrompt slug={slug} notice={mine.notice} /> : null;
  return <RegisterPrompt slug={slug} />;
}
