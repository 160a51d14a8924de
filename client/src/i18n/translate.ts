import type { Language } from '@samling/protocol';
import { sv, type MessageKey } from './sv.ts';
import { en } from './en.ts';

export type { MessageKey };
export const dictionaries: Record<Language, Record<MessageKey, string>> = { sv, en };

/** BCP 47 locales for Intl formatting. */
export const locales: Record<Language, string> = { sv: 'sv-SE', en: 'en-GB' };

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

export function translator(lang: Language): Translate {
  const dict = dictionaries[lang];
  return (key, vars) => {
    const text = dict[key] ?? sv[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
}

export const LANGUAGE_STORAGE_KEY = 'samling.lang';

function isLanguage(v: unknown): v is Language {
  return v === 'sv' || v === 'en';
}

/** The remembered choice, else the browser's language if Samling speaks it, else Swedish. */
export function detectLanguage(): Language {
  try {
    const stored = localStorage.getItem(LANGUAGE_STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage can be blocked; fall through to the browser's language.
  }
  const primary = (typeof navigator !== 'undefined' ? navigator.language : '').toLowerCase().split('-')[0];
  return isLanguage(primary) ? primary : 'sv';
}

export function rememberLanguage(lang: Language): void {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, lang);
  } catch {
    // Not remembered; the choice still holds for this visit.
  }
}
