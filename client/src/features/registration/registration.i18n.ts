/** The registration feature's strings, merged into the dictionaries in i18n/sv.ts and i18n/en.ts. */
export const registrationSv = {
  'registration.title': 'Anmälan',
};

export const registrationEn: Record<keyof typeof registrationSv, string> = {
  'registration.title': 'Registration',
};
