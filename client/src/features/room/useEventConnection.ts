import { atLeast } from '@samling/protocol';
import { useEffect } from 'react';
import { useStore } from '../../store/index.ts';
import { roleIn } from '../auth/auth.slice.ts';
import { startRealtime, stopRealtime } from '../../realtime/bindings.ts';

/**
 * Keeps the event's realtime connection open while a member is on one of its pages (the layout calls this with the
 * page's event). Visitors and non-members never open a socket.
 */
export function useEventConnection(slug: string | null): void {
  const userId = useStore((s) => s.user?.id ?? null);
  const member = useStore((s) => (slug ? roleIn(s.memberships, slug) !== null : false));
  useEffect(() => {
    if (!slug || !userId || !member) return;
    startRealtime(slug);
    return () => stopRealtime(slug);
  }, [slug, userId, member]);
}

/** Whether the signed-in person may use the event's rooms, and what stands in the way if not. */
export function useRoomAccess(slug: string): 'unknown' | 'signedOut' | 'notMember' | 'member' {
  const meReady = useStore((s) => s.meState?.status === 'ready' || s.meState?.status === 'error');
  const signedIn = useStore((s) => s.user !== null);
  const member = useStore((s) => roleIn(s.memberships, slug) !== null);
  if (signedIn) return member ? 'member' : 'notMember';
  return meReady ? 'signedOut' : 'unknown';
}

/** Moderators and organisers moderate rooms and start and end sessions. */
export function useIsModerator(slug: string): boolean {
  return useStore((s) => {
    return atLeast(roleIn(s.memberships, slug), 'moderator');
  });
}
