/** The sign-in and sign-up strings, merged into the dictionaries in i18n/sv.ts and i18n/en.ts. */
export const authSv = {
  'auth.signInTitle': 'Logga in',
  'auth.signUpTitle': 'Skapa konto',
  'auth.email': 'E-post',
  'auth.password': 'Lösenord',
  'auth.displayName': 'Namn',
  'auth.passwordHint': 'Minst 10 tecken.',
  'auth.signInSubmit': 'Logga in',
  'auth.signUpSubmit': 'Skapa konto',
  'auth.noAccount': 'Har du inget konto?',
  'auth.haveAccount': 'Har du redan ett konto?',
  'auth.sending': 'Skickar…',
  'auth.alreadySignedIn': 'Du är inloggad som {name}.',
  'auth.continue': 'Fortsätt',
};

export const authEn: Record<keyof typeof authSv, string> = {
  'auth.signInTitle': 'Sign in',
  'auth.signUpTitle': 'Create account',
  'auth.email': 'Email',
  'auth.password': 'Password',
  'auth.displayName': 'Name',
  'auth.passwordHint': 'At least 10 characters.',
  'auth.signInSubmit': 'Sign in',
  'auth.signUpSubmit': 'Create account',
  'auth.noAccount': 'No account yet?',
  'auth.haveAccount': 'Already have an account?',
  'auth.sending': 'Sending…',
  'auth.alreadySignedIn': 'You are signed in as {name}.',
  'auth.continue': 'Continue',
};
