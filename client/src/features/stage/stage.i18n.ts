/** The stage feature's strings, merged into the dictionaries in i18n/sv.ts and i18n/en.ts. */
export const stageSv = {
  'stage.title': 'Scen',
};

export const stageEn: Record<keyof typeof stageSv, string> = {
  'stage.title': 'Stage',
};
