/** The registration feature's strings, merged into the dictionaries in i18n/sv.ts and i18n/en.ts. */
export const registrationSv = {
  'registration.title': 'Anmälan',

  'errors.REGISTRATION_CLOSED': 'Anmälan till evenemanget är stängd.',
  'errors.INVITATION_REQUIRED': 'Det här evenemanget kräver en inbjudan. Använd länken eller koden du har fått.',
  'errors.INVITATION_INVALID': 'Inbjudningskoden gäller inte för det här evenemanget. Kontrollera koden.',
  'errors.INVITATION_EXPIRED': 'Inbjudan har gått ut. Be arrangören om en ny.',
  'errors.INVITATION_REVOKED': 'Inbjudan har dragits tillbaka av arrangören.',
  'errors.INVITATION_USED_UP': 'Inbjudan har redan använts så många gånger som den får.',
  'errors.EVENT_FULL': 'Evenemanget är fullbokat.',
  'errors.CONSENT_REQUIRED': 'Du behöver godkänna behandlingen av personuppgifter för att anmäla dig.',
  'errors.NOTICE_OUTDATED': 'Informationen om personuppgifter har ändrats. Läs den nya versionen och godkänn igen.',
  'errors.CSV_INVALID': 'Filen kunde inte läsas som CSV. Den behöver en rubrikrad med minst email och name.',
  'errors.LAST_ORGANISER': 'Evenemanget måste ha minst en arrangör. Utse en annan arrangör först.',
};

export const registrationEn: Record<keyof typeof registrationSv, string> = {
  'registration.title': 'Registration',

  'errors.REGISTRATION_CLOSED': 'Registration for this event is closed.',
  'errors.INVITATION_REQUIRED': 'This event needs an invitation. Use the link or code you were given.',
  'errors.INVITATION_INVALID': 'The invitation code is not valid for this event. Check the code.',
  'errors.INVITATION_EXPIRED': 'The invitation has expired. Ask the organiser for a new one.',
  'errors.INVITATION_REVOKED': 'The organiser has withdrawn the invitation.',
  'errors.INVITATION_USED_UP': 'The invitation has already been used as many times as it allows.',
  'errors.EVENT_FULL': 'The event is fully booked.',
  'errors.CONSENT_REQUIRED': 'You need to accept the processing of personal data to register.',
  'errors.NOTICE_OUTDATED': 'The information about personal data has changed. Read the new version and accept again.',
  'errors.CSV_INVALID': 'The file could not be read as CSV. It needs a header row with at least email and name.',
  'errors.LAST_ORGANISER': 'The event needs at least one organiser. Appoint another organiser first.',
};
