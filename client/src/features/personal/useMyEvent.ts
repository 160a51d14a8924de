import { useEffect } from 'react';
import type { MyEvent } from '@samling/protocol';
import { useStore, type LoadState } from '../../store/index.ts';

/** My role and stars in an event; loaded once the signed-in user is known. */
export function useMyEvent(slug: string): { mine: MyEvent | undefined; state: LoadState | undefined; reload: () => void } {
  const userId = useStore((s) => s.user?.id);
  const loadMyEvent = useStore((s) => s.loadMyEvent);
  useEffect(() => {
    if (userId) void loadMyEvent(slug);
  }, [slug, userId, loadMyEvent]);
  const mine = useStore((s) => s.myEvents[slug]);
  const state = useStore((s) => s.myEventState[slug]);
  return { mine, state, reload: () => void loadMyEvent(slug, { force: true }) };
}

export function useIsStarred(slug: string, sessionId: string): boolean {
  return useStore((s) => s.myEvents[slug]?.starredSessionIds.includes(sessionId) ?? false);
}
