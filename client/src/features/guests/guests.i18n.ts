/** The guest join page’s strings, merged into the dictionaries in i18n/sv.ts and i18n/en.ts. */
export const guestsSv = {
  'guest.title': 'Gå med som gäst',
  'guest.intro': 'Skriv koden som visas i salen och det namn du vill synas med. Du behöver inget konto.',
  'guest.code': 'Kod',
  'guest.codeHint': 'Sex siffror, till exempel 123456.',
  'guest.name': 'Ditt namn',
  'guest.nameHint': 'Ditt visningsnamn. Det syns för andra om du ställer frågor med namn.',
  'guest.submit': 'Gå med',
  'guest.sending': 'Går med…',
  'guest.codeInvalid': 'Koden består av sex siffror.',
  'guest.notFound': 'Koden stämmer inte med något evenemang som tar emot gäster just nu. Kontrollera koden och försök igen.',
  'guest.signedIn': 'Du är inloggad som {name}. Går du med som gäst byter den här webbläsaren till gästen.',
  'guest.haveAccount': 'Har du ett konto?',
};

export const guestsEn: Record<keyof typeof guestsSv, string> = {
  'guest.title': 'Join as a guest',
  'guest.intro': 'Enter the code shown in the hall and the name you want to appear under. You do not need an account.',
  'guest.code': 'Code',
  'guest.codeHint': 'Six digits, for example 123456.',
  'guest.name': 'Your name',
  'guest.nameHint': 'Your display name. Others see it if you ask questions with your name.',
  'guest.submit': 'Join',
  'guest.sending': 'Joining…',
  'guest.codeInvalid': 'The code is six digits.',
  'guest.notFound': 'The code does not match an event that takes guests right now. Check the code and try again.',
  'guest.signedIn': 'You are signed in as {name}. Joining as a guest switches this browser to the guest.',
  'guest.haveAccount': 'Do you have an account?',
};
