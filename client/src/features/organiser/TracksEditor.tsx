import { useId, useState, type FormEvent } from 'react';
import type { Track } from '@samling/protocol';
import { useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { FormAlert, FormStatus } from '../../ui/FormAlert.tsx';
import { ItemList } from './ItemList.tsx';
import { useAction, useFormFocus } from './useAction.ts';

const DEFAULT_COLOUR = '#0b5cad';

export function TracksEditor({ slug, tracks }: { slug: string; tracks: Track[] }) {
  const { t } = useI18n();
  const id = useId();
  const saveTrack = useStore((s) => s.saveTrack);
  const deleteTrack = useStore((s) => s.deleteTrack);
  const action = useAction();
  const listAction = useAction();
  const form = useFormFocus();
  const [editingId, setEditingId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [colour, setColour] = useState(DEFAULT_COLOUR);

  function edit(trackId: string | null) {
    const track = tracks.find((x) => x.id === trackId);
    setEditingId(track?.id ?? null);
    setName(track?.name ?? '');
    setColour(track?.colour ?? DEFAULT_COLOUR);
    action.setError(null);
    if (trackId) form.focus();
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return action.setError(t('form.required', { field: t('manage.tracks.name') }));
    const ok = await action.run(() => saveTrack(slug, editingId, { name: name.trim(), colour }), () => t('manage.saved'));
    if (ok) edit(null);
  }

  return (
    <>
      <FormAlert error={action.error} fields={{ name: t('manage.tracks.name'), colour: t('manage.tracks.colour') }} />
      <FormStatus message={action.status} />
      <form ref={form.ref} className="form form-inline-card" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={`${id}-title`}>
        <h3 id={`${id}-title`}>{editingId ? t('manage.tracks.editing') : t('manage.tracks.new')}</h3>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-name`}>{t('manage.tracks.name')}</label>
            <input id={`${id}-name`} type="text" required value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field field-colour">
            <label htmlFor={`${id}-colour`}>{t('manage.tracks.colour')}</label>
            <input id={`${id}-colour`} type="color" value={colour} onChange={(e) => setColour(e.target.value)} />
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="button" aria-disabled={action.busy || undefined}>
            {t('manage.tracks.save')}
          </button>
          {editingId && (
            <button type="button" className="button button-secondary" onClick={() => edit(null)}>
              {t('manage.cancelEdit')}
            </button>
          )}
        </div>
      </form>
      <ItemList
        heading={t('manage.tracks.list')}
        notices={
          <>
            <FormAlert error={listAction.error} />
            <FormStatus message={listAction.status} />
          </>
        }
        items={tracks.map((x) => ({ id: x.id, name: x.name, swatch: x.colour }))}
        editingId={editingId}
        onEdit={edit}
        onDelete={(trackId) => {
          const name = tracks.find((x) => x.id === trackId)?.name ?? '';
          if (trackId === editingId) edit(null);
          return listAction.run(() => deleteTrack(slug, trackId), () => t('manage.deleted', { name }));
        }}
      />
    </>
  );
}
