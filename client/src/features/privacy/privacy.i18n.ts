/** The privacy feature's strings, merged into the dictionaries in i18n/sv.ts and i18n/en.ts. */
export const privacySv = {
  'privacy.title': 'Personuppgifter',
};

export const privacyEn: Record<keyof typeof privacySv, string> = {
  'privacy.title': 'Personal data',
};
