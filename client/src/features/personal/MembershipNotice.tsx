import { useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { JoinButton } from './JoinButton.tsx';
import { useMyEvent } from './useMyEvent.ts';

/** Tells a visitor what it takes to star sessions: signing in, or joining the event. Silent for members. */
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
  if (!mine || mine.role) return null;
  return (
    <div className="notice notice-row">
      <p>{t('agenda.joinPrompt')}</p>
      <JoinButton slug={slug} />
    </div>
  );
}
