import type { Language } from '@samling/protocol';
import type { SliceCreator } from '../store/types.ts';
import { detectLanguage, rememberLanguage } from './translate.ts';

export interface LanguageSlice {
  lang: Language;
  setLang(lang: Language): void;
}

export const createLanguageSlice: SliceCreator<LanguageSlice> = (set) => ({
  lang: detectLanguage(),
  setLang(lang) {
    rememberLanguage(lang);
    document.documentElement.lang = lang;
    set({ lang });
  },
});
