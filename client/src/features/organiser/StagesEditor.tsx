import { useId, useState, type FormEvent } from 'react';
import type { Stage } from '@samling/protocol';
import { useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { FormAlert, FormStatus } from '../../ui/FormAlert.tsx';
import { ItemList } from './ItemList.tsx';
import { useAction, useFormFocus } from './useAction.ts';

export function StagesEditor({ slug, stages }: { slug: string; stages: Stage[] }) {
  const { t } = useI18n();
  const id = useId();
  const saveStage = useStore((s) => s.saveStage);
  const deleteStage = useStore((s) => s.deleteStage);
  const action = useAction();
  const listAction = useAction();
  const form = useFormFocus();
  const [editingId, setEditingId] = useState<string | null>(null);
  const [name, setName] = useState('');

  function edit(stageId: string | null) {
    const stage = stages.find((x) => x.id === stageId);
    setEditingId(stage?.id ?? null);
    setName(stage?.name ?? '');
    action.setError(null);
    if (stageId) form.focus();
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return action.setError(t('form.required', { field: t('manage.stages.name') }));
    const ok = await action.run(() => saveStage(slug, editingId, { name: name.trim() }), () => t('manage.saved'));
    if (ok) edit(null);
  }

  return (
    <>
      <FormAlert error={action.error} fields={{ name: t('manage.stages.name') }} />
      <FormStatus message={action.status} />
      <form ref={form.ref} className="form form-inline-card" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={`${id}-title`}>
        <h3 id={`${id}-title`}>{editingId ? t('manage.stages.editing') : t('manage.stages.new')}</h3>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('manage.stages.name')}</label>
          <input id={`${id}-name`} type="text" required value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button" aria-disabled={action.busy || undefined}>
            {t('manage.stages.save')}
          </button>
          {editingId && (
            <button type="button" className="button button-secondary" onClick={() => edit(null)}>
              {t('manage.cancelEdit')}
            </button>
          )}
        </div>
      </form>
      <ItemList
        heading={t('manage.stages.list')}
        notices={
          <>
            <FormAlert error={listAction.error} />
            <FormStatus message={listAction.status} />
          </>
        }
        items={stages.map((x) => ({ id: x.id, name: x.name }))}
        editingId={editingId}
        onEdit={edit}
        onDelete={(stageId) => {
          const name = stages.find((x) => x.id === stageId)?.name ?? '';
          if (stageId === editingId) edit(null);
          return listAction.run(() => deleteStage(slug, stageId), () => t('manage.deleted', { name }));
        }}
      />
    </>
  );
}
