import type { ReactNode } from 'react';
import { Link, useLocation } from '../../app/router.tsx';
import { paths } from '../../app/paths.ts';
import { useI18n } from '../../i18n/index.ts';
import { RegisterPrompt } from '../registration/RegisterPrompt.tsx';
import { useRoomAccess } from './useEventConnection.ts';

/**
 * Rooms are for the event's members. Visitors are asked to sign in, signed-in non-members to join;
 * neither opens a socket. `joinButton` is off where the page already offers one.
 */
export function RoomGate({ slug, joinButton = true, children }: { slug: string; joinButton?: boolean; children: ReactNode }) {
  const { t } = useI18n();
  const location = useLocation();
  const access = useRoomAccess(slug);
  if (access === 'unknown') return null;
  if (access === 'signedOut') {
    return (
      <p className="notice">
        <Link to={paths.signIn(location.href)}>{t('room.signInPrompt')}</Link>
      </p>
    );
  }
  if (access === 'notMember') {
    return (
      <>
        <p className="notice">{t('room.joinPrompt')}</p>
        {joinButton && <RegisterPrompt slug={slug} />}
      </>
    );
  }
  return <>{children}</>;
}
