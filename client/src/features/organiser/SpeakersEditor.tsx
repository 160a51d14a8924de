import { useId, useState, type FormEvent } from 'react';
import type { Speaker } from '@samling/protocol';
import { useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { FormAlert, FormStatus } from '../../ui/FormAlert.tsx';
import { ItemList } from './ItemList.tsx';
import { useAction, useFormFocus } from './useAction.ts';

const empty = { name: '', title: '', organisation: '', bio: '', photoUrl: '' };

export function SpeakersEditor({ slug, speakers }: { slug: string; speakers: Speaker[] }) {
  const { t } = useI18n();
  const id = useId();
  const saveSpeaker = useStore((s) => s.saveSpeaker);
  const deleteSpeaker = useStore((s) => s.deleteSpeaker);
  const action = useAction();
  const listAction = useAction();
  const form = useFormFocus();
  const [editingId, setEditingId] = useState<string | null>(null);
  const [values, setValues] = useState(empty);
  const set = (key: keyof typeof empty, value: string) => setValues((v) => ({ ...v, [key]: value }));
  const sorted = [...speakers].sort((a, b) => a.name.localeCompare(b.name, 'sv'));

  function edit(speakerId: string | null) {
    const sp = speakers.find((x) => x.id === speakerId);
    setEditingId(sp?.id ?? null);
    setValues(sp ? { name: sp.name, title: sp.title, organisation: sp.organisation, bio: sp.bio, photoUrl: sp.photoUrl ?? '' } : empty);
    action.setError(null);
    if (speakerId) form.focus();
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!values.name.trim()) return action.setError(t('form.required', { field: t('manage.speakers.name') }));
    const input = { ...values, name: values.name.trim(), photoUrl: values.photoUrl.trim() || null };
    const ok = await action.run(() => saveSpeaker(slug, editingId, input), () => t('manage.saved'));
    if (ok) edit(null);
  }

  return (
    <>
      <FormAlert
        error={action.error}
        fields={{
          name: t('manage.speakers.name'),
          title: t('manage.speakers.jobTitle'),
          organisation: t('manage.speakers.organisation'),
          bio: t('manage.speakers.bio'),
          photoUrl: t('manage.speakers.photoUrl'),
        }}
      />
      <FormStatus message={action.status} />
      <form ref={form.ref} className="form form-inline-card" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={`${id}-title`}>
        <h3 id={`${id}-title`}>{editingId ? t('manage.speakers.editing') : t('manage.speakers.new')}</h3>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('manage.speakers.name')}</label>
          <input id={`${id}-name`} type="text" required value={values.name} onChange={(e) => set('name', e.target.value)} />
        </div>
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
        <div className="form-actions">
          <button type="submit" className="button" aria-disabled={action.busy || undefined}>
            {t('manage.speakers.save')}
          </button>
          {editingId && (
            <button type="button" className="button button-secondary" onClick={() => edit(null)}>
              {t('manage.cancelEdit')}
            </button>
          )}
        </div>
      </form>
      <ItemList
        heading={t('manage.speakers.list')}
        notices={
          <>
            <FormAlert error={listAction.error} />
            <FormStatus message={listAction.status} />
          </>
        }
        items={sorted.map((x) => ({ id: x.id, name: x.name, detail: [x.title, x.organisation].filter(Boolean).join(', ') }))}
        editingId={editingId}
        onEdit={edit}
        onDelete={(speakerId) => {
          const name = speakers.find((x) => x.id === speakerId)?.name ?? '';
          if (speakerId === editingId) edit(null);
          return listAction.run(() => deleteSpeaker(slug, speakerId), () => t('manage.deleted', { name }));
        }}
      />
    </>
  );
}
