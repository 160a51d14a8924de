/** The personal agenda’s strings (my programme, stars), merged into the dictionaries in i18n/sv.ts and i18n/en.ts. */
export const personalSv = {
  'star.label': 'Stjärnmärk {title}',
  'star.error': 'Stjärnmärkningen kunde inte sparas.',

  'my.title': 'Mitt program',
  'my.signInPrompt': 'Logga in för att stjärnmärka sessioner och se ditt eget program.',
  'my.empty': 'Du har inte stjärnmärkt några sessioner ännu. Använd stjärnan vid en session i programmet.',
  'my.browse': 'Gå till programmet',
  'my.ics': 'Ladda ner kalenderfil (.ics)',
  'my.icsHint': 'Med kalenderfilen kan du lägga in dina stjärnmärkta sessioner i din egen kalender.',
};

export const personalEn: Record<keyof typeof personalSv, string> = {
  'star.label': 'Star {title}',
  'star.error': 'The star could not be saved.',

  'my.title': 'My programme',
  'my.signInPrompt': 'Sign in to star sessions and see your own programme.',
  'my.empty': 'You have not starred any sessions yet. Use the star beside a session in the programme.',
  'my.browse': 'Go to the programme',
  'my.ics': 'Download calendar file (.ics)',
  'my.icsHint': 'The calendar file puts your starred sessions in your own calendar.',
};
