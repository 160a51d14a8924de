/** The events feature’s strings (the list, a new event), merged into the dictionaries in i18n/sv.ts and i18n/en.ts. */
export const eventsSv = {
  'events.title': 'Evenemang',
  'events.intro': 'Välj ett evenemang för att se programmet, stjärnmärka sessioner och bygga ditt eget program.',
  'events.empty': 'Det finns inga evenemang ännu.',
  'events.create': 'Skapa evenemang',

  'newEvent.title': 'Skapa evenemang',
  'newEvent.intro': 'Du blir arrangör för evenemanget och kan sedan lägga till spår, scener, talare och sessioner.',
  'newEvent.requiredNote': 'Alla fält utom beskrivningen behöver fyllas i.',
  'newEvent.name': 'Namn',
  'newEvent.slug': 'Adress (slug)',
  'newEvent.slugHint': 'Blir en del av evenemangets webbadress, till exempel /e/smart-industri-2027. Små bokstäver a–z, siffror och bindestreck, 3–64 tecken. Fylls i från namnet tills du ändrar den.',
  'newEvent.language': 'Språk för evenemanget',
  'newEvent.submit': 'Skapa evenemang',
  'newEvent.creating': 'Skapar evenemanget…',
  'newEvent.signInPrompt': 'Logga in för att skapa ett evenemang. Den som skapar ett evenemang blir dess arrangör.',
  'newEvent.slugInvalid': 'Adressen får bara innehålla små bokstäver a–z, siffror och enkla bindestreck och ska vara 3–64 tecken lång.',
  'newEvent.endBeforeStart': 'Slutdatumet kan inte vara före startdatumet.',
  'newEvent.timeZoneInvalid': 'Tidszonen känns inte igen. Skriv en IANA-tidszon, till exempel Europe/Stockholm.',
};

export const eventsEn: Record<keyof typeof eventsSv, string> = {
  'events.title': 'Events',
  'events.intro': 'Choose an event to see its programme, star sessions and build your own programme.',
  'events.empty': 'There are no events yet.',
  'events.create': 'Create event',

  'newEvent.title': 'Create event',
  'newEvent.intro': 'You become the event’s organiser and can then add tracks, stages, speakers and sessions.',
  'newEvent.requiredNote': 'Every field except the description is required.',
  'newEvent.name': 'Name',
  'newEvent.slug': 'Address (slug)',
  'newEvent.slugHint': 'Becomes part of the event’s web address, for example /e/smart-industri-2027. Lower-case letters a–z, digits and dashes, 3–64 characters. Filled in from the name until you change it.',
  'newEvent.language': 'Language of the event',
  'newEvent.submit': 'Create event',
  'newEvent.creating': 'Creating the event…',
  'newEvent.signInPrompt': 'Sign in to create an event. Whoever creates an event becomes its organiser.',
  'newEvent.slugInvalid': 'The address may only contain lower-case letters a–z, digits and single dashes, and must be 3–64 characters long.',
  'newEvent.endBeforeStart': 'The end date cannot be before the start date.',
  'newEvent.timeZoneInvalid': 'The time zone is not recognised. Write an IANA time zone such as Europe/Stockholm.',
};
