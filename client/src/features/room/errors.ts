import type { Language } from '@samling/protocol';
import type { Translate } from '../../i18n/index.ts';
import { isRealtimeError } from '../../realtime/commands.ts';
import { errorKey } from '../../ui/Async.tsx';
import { formatClock } from './time.ts';

const seconds = (details: Record<string, unknown> | undefined, key: string): number | null => {
  const value = details?.[key];
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.ceil(value) : null;
};

/** A failed room command in the reader's language; waits and mutes say how long. */
export function realtimeErrorText(error: unknown, t: Translate, lang: Language): string {
  if (!isRealtimeError(error)) return t('errors.INTERNAL');
  const wait = seconds(error.details, 'retryAfterSeconds');
  if (error.code === 'SLOW_MODE' && wait) return t('errors.slowModeWait', { seconds: wait });
  if (error.code === 'RATE_LIMITED' && wait) return t('errors.rateLimitedWait', { seconds: wait });
  const until = error.details?.mutedUntil;
  if (error.code === 'MUTED' && typeof until === 'string' && !Number.isNaN(Date.parse(until))) {
    return t('errors.mutedUntil', { time: formatClock(until, lang) });
  }
  return t(errorKey(error.code));
}
