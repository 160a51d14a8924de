import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '@samling/protocol';
import { sv } from './sv.ts';
import { en } from './en.ts';
import { detectLanguage, translator } from './translate.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('have the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
  });

  it('have no empty strings', () => {
    for (const [lang, dict] of Object.entries({ sv, en })) {
      for (const [key, text] of Object.entries(dict)) expect(text.trim(), `${lang} ${key}`).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(sv) as (keyof typeof sv)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(sv[key]));
    }
  });

  it('have a message for every error code', () => {
    for (const code of Object.keys(ErrorCodes)) expect(sv).toHaveProperty(`errors.${code}`);
  });

  it('keep the accessible names the e2e tests rely on', () => {
    expect(sv['star.label']).toBe('Stjärnmärk {title}');
    expect(sv['manage.sessions.save']).toBe('Spara session');
    expect(sv['session.ics']).toBe('Ladda ner kalenderfil (.ics)');
    expect(sv['nav.my']).toBe('Mitt program');
    expect(sv['nav.manage']).toBe('Administrera');
    expect([sv['auth.email'], sv['auth.password'], sv['auth.signInSubmit']]).toEqual(['E-post', 'Lösenord', 'Logga in']);
    expect([sv['room.composer'], sv['room.send'], sv['room.delete'], sv['room.react']]).toEqual(['Meddelande', 'Skicka', 'Ta bort', 'Reagera med {emoji}']);
    expect([sv['session.start'], sv['session.end'], sv['room.closeChat'], sv['room.openChat'], sv['room.slowMode']]).toEqual([
      'Starta sessionen', 'Avsluta sessionen', 'Stäng chatten', 'Öppna chatten', 'Långsamt läge',
    ]);
    expect([sv['room.closed'], sv['agenda.live'], sv['nav.lobby'], sv['room.signInPrompt']]).toEqual(['Chatten är stängd', 'Live nu', 'Lobby', 'Logga in för att delta i chatten']);
    expect([sv['qa.ask'], sv['qa.anonymous'], sv['qa.submit'], sv['qa.upvote'], sv['qa.popular'], sv['qa.recent']]).toEqual([
      'Din fråga', 'Fråga anonymt', 'Skicka fråga', 'Rösta upp: {text}', 'Populärast', 'Senaste',
    ]);
    expect([sv['poll.submit'], sv['poll.change'], sv['poll.voters'], sv['pollAdmin.launch'], sv['pollAdmin.close'], sv['pollAdmin.reopen'], sv['pollAdmin.reset']]).toEqual([
      'Skicka svar', 'Ändra svar', '{count} svar', 'Starta omröstningen', 'Stäng omröstningen', 'Öppna igen', 'Nollställ',
    ]);
    expect([sv['guest.code'], sv['guest.name'], sv['guest.submit'], sv['manage.polls.title'], sv['manage.guests.title'], sv['manage.guests.newCode']]).toEqual([
      'Kod', 'Ditt namn', 'Gå med', 'Omröstningar', 'Gäster', 'Ny kod',
    ]);
  });
});

describe('per-feature dictionaries', () => {
  // Every `<feature>.i18n.ts` exports its Swedish strings as `<name>Sv` and its English ones as `<name>En`.
  const modules = import.meta.glob<Record<string, Record<string, string>>>('../**/*.i18n.ts', { eager: true });
  const pairs = Object.entries(modules).flatMap(([file, exports]) =>
    Object.keys(exports).filter((name) => name.endsWith('Sv')).map((name) => ({ file, name, sv: exports[name]!, en: exports[`${name.slice(0, -2)}En`] })));

  it('each have Swedish and English with the same keys', () => {
    expect(pairs.length).toBeGreaterThan(10);
    for (const { file, name, sv: svPart, en: enPart } of pairs) {
      expect(enPart, `${file}: ${name.slice(0, -2)}En`).toBeDefined();
      expect(Object.keys(enPart!).sort(), file).toEqual(Object.keys(svPart).sort());
    }
  });

  it('define each key once, and all of them reach the dictionaries', () => {
    const owner = new Map<string, string>();
    for (const { file, sv: svPart } of pairs) {
      for (const key of Object.keys(svPart)) {
        expect(owner.get(key), `${key} in ${file}`).toBeUndefined();
        owner.set(key, file);
        expect(sv[key as keyof typeof sv], key).toBe(svPart[key]);
      }
    }
  });
});

describe('translator', () => {
  it('fills placeholders', () => {
    expect(translator('sv')('star.label', { title: 'Öppning' })).toBe('Stjärnmärk Öppning');
    expect(translator('en')('star.label', { title: 'Opening' })).toBe('Star Opening');
  });
});

describe('detectLanguage', () => {
  it('prefers the remembered choice, then the browser, then Swedish', () => {
    const original = navigator.language;
    const setBrowser = (value: string) => Object.defineProperty(navigator, 'language', { value, configurable: true });
    try {
      setBrowser('en-US');
      expect(detectLanguage()).toBe('en');
      setBrowser('de-DE');
      expect(detectLanguage()).toBe('sv');
      localStorage.setItem('samling.lang', 'en');
      expect(detectLanguage()).toBe('en');
    } finally {
      setBrowser(original);
    }
  });
});
