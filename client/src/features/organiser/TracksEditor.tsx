import type { Track } from '@samling/protocol';
import { useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { ItemEditor } from './ItemEditor.tsx';

const DEFAULT_COLOUR = '#0b5cad';

export function TracksEditor({ slug, tracks }: { slug: string; tracks: Track[] }) {
  const { t } = useI18n();
  const saveTrack = useStore((s) => s.saveTrack);
  const deleteTrack = useStore((s) => s.deleteTrack);

  return (
    <ItemEditor
      messages="manage.tracks"
      items={tracks}
      toItem={(x) => ({ id: x.id, name: x.name, swatch: x.colour })}
      empty={{ name: '', colour: DEFAULT_COLOUR }}
      toValues={(track) => ({ name: track.name, colour: track.colour })}
      fields={{ colour: t('manage.tracks.colour') }}
      save={(editingId, values) => saveTrack(slug, editingId, values)}
      remove={(trackId) => deleteTrack(slug, trackId)}
    >
      {({ id, values, set, nameField }) => (
        <div className="field-row">
          {nameField}
          <div className="field field-colour">
            <label htmlFor={`${id}-colour`}>{t('manage.tracks.colour')}</label>
            <input id={`${id}-colour`} type="color" value={values.colour} onChange={(e) => set('colour', e.target.value)} />
          </div>
        </div>
      )}
    </ItemEditor>
  );
}
