import { useMemo } from 'react';
import { useStore } from '../store/index.ts';
import { translator, type Translate } from './translate.ts';

export { translator, locales, dictionaries, detectLanguage, type MessageKey, type Translate } from './translate.ts';
export { formatDay, formatDateRange, formatList, formatPercent, formatDecimal } from './format.ts';

/** The current language and its translate function. */
export function useI18n(): { t: Translate; lang: ReturnType<typeof useStore.getState>['lang'] } {
  const lang = useStore((s) => s.lang);
  const t = useMemo(() => translator(lang), [lang]);
  return { t, lang };
}
