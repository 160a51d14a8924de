import type { Speaker } from '@samling/protocol';
import { useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { ItemEditor } from './ItemEditor.tsx';

const empty = { name: '', title: '', organisation: '', bio: '', photoUrl: '' };

export function SpeakersEditor({ slug, speakers }: { slug: string; speakers: Speaker[] }) {
  const { t } = useI18n();
  const saveSpeaker = useStore((s) => s.saveSpeaker);
  const deleteSpeaker = useStore((s) => s.deleteSpeaker);
  const sorted = [...speakers].sort((a, b) => a.name.localeCompare(b.name, 'sv'));

  return (
    <ItemEditor
      messages="manage.speakers"
      items={sorted}
      toItem={(x) => ({ id: x.id, name: x.name, detail: [x.title, x.organisation].filter(Boolean).join(', ') })}
      empty={empty}
      toValues={(sp) => ({ name: sp.name, title: sp.title, organisation: sp.organisation, bio: sp.bio, photoUrl: sp.photoUrl ?? '' })}
      fields={{
        title: t('manage.speakers.jobTitle'),
        organisation: t('manage.speakers.organisation'),
        bio: t('manage.speakers.bio'),
        photoUrl: t('manage.speakers.photoUrl'),
      }}
      save={(editingId, values) => saveSpeaker(slug, editingId, { ...values, photoUrl: values.photoUrl.trim() || null })}
      remove={(speakerId) => deleteSpeaker(slug, speakerId)}
    >
      {({ id, values, set, nameField }) => (
        <>
          {nameField}
          <div className="field-row">
            <div className="field">
              <label htmlFor={`${id}-jobtitle`}>{t('manage.speakers.jobTitle')}</label>
              <input id={`${id}-jobtitle`} type="text" value={values.title} onChange={(e) => set('title', e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-org`}>{t('manage.speakers.organisation')}</label>
              <input id={`${id}-org`} type="text" value={values.organisation} onChange={(e) => set('organisation', e.target.value)} />
            </div>
          </div>
          <div className="field">
            <label htmlFor={`${id}-bio`}>{t('manage.speakers.bio')}</label>
            <textarea id={`${id}-bio`} rows={4} value={values.bio} onChange={(e) => set('bio', e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-photo`}>{t('manage.speakers.photoUrl')}</label>
            <input
              id={`${id}-photo`}
              type="url"
              inputMode="url"
              autoComplete="off"
              aria-describedby={`${id}-photo-hint`}
              value={values.photoUrl}
              onChange={(e) => set('photoUrl', e.target.value)}
            />
            <p className="hint" id={`${id}-photo-hint`}>
              {t('manage.speakers.photoUrlHint')}
            </p>
          </div>
        </>
      )}
    </ItemEditor>
  );
}
