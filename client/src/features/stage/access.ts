import { atLeast } from '@samling/protocol';
import { useStore } from '../../store/index.ts';
import { roleIn } from '../auth/auth.slice.ts';

/** Speakers, moderators and organisers of the event may use a stage's backstage. */
export function useCanGoBackstage(slug: string): boolean {
  return useStore((s) => atLeast(roleIn(s.memberships, slug), 'speaker'));
}
