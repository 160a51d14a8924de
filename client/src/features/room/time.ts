import type { Language } from '@samling/protocol';
import { locales } from '../../i18n/index.ts';
import { viewerTimeZone } from '../agenda/time.ts';

/** "14:05" on the viewer's clock: chat is about now, wherever the reader is. */
export function formatClock(instant: string, lang: Language): string {
  return new Intl.DateTimeFormat(locales[lang], { hour: '2-digit', minute: '2-digit', timeZone: viewerTimeZone() }).format(new Date(instant));
}
