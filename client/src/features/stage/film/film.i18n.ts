/** The stage film's strings (upload, controls, the audience's player), merged into the dictionaries in i18n/sv.ts and i18n/en.ts. */
export const filmSv = {
  'errors.RANGE_NOT_SATISFIABLE': 'Den delen av filmen finns inte.',
  'manage.audit.action.film.uploaded': 'Laddade upp film',
  'manage.audit.action.film.deleted': 'Tog bort film',
  'manage.audit.action.film.loaded': 'Lade en film på scenen',
  'manage.audit.action.film.played': 'Spelade film på scenen',
};

export const filmEn: Record<keyof typeof filmSv, string> = {
  'errors.RANGE_NOT_SATISFIABLE': 'That part of the film does not exist.',
  'manage.audit.action.film.uploaded': 'Uploaded a film',
  'manage.audit.action.film.deleted': 'Deleted a film',
  'manage.audit.action.film.loaded': 'Put a film on the stage',
  'manage.audit.action.film.played': 'Played a film on the stage',
};
