import type { Language } from '@samling/protocol';
import type { Translate } from '../../i18n/index.ts';
import { isApiError } from '../../api.ts';
import { errorKey } from '../../ui/Async.tsx';
import { formatClock } from './time.ts';

const seconds = (value: number | undefined): number | null => (value !== undefined && Number.isFinite(value) && value > 0 ? Math.ceil(value) : null);

/** A failed room command in the reader's language; waits and mutes say how long. */
export function realtimeErrorText(error: unknown, t: Translate, lang: Language): string {
  if (!isApiError(error)) return t('errors.INTERNAL');
  const wait = error.code === 'SLOW_MODE' || error.code === 'RATE_LIMITED' ? seconds(error.details?.retryAfterSeconds) : null;
  if (error.code === 'SLOW_MODE' && wait) return t('errors.slowModeWait', { seconds: wait });
  if (error.code === 'RATE_LIMITED' && wait) return t('errors.rateLimitedWait', { seconds: wait });
  const until = error.code === 'MUTED' ? error.details?.mutedUntil : undefined;
  if (until !== undefined && !Number.isNaN(Date.parse(until))) return t('errors.mutedUntil', { time: formatClock(until, lang) });
  return t(errorKey(error.code));
}
