import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { FormAlert, FormStatus } from '../../ui/FormAlert.tsx';
import { ItemList, type Item } from './ItemList.tsx';
import { useAction, useFormFocus } from './useAction.ts';

/**
 * Where one kind of item keeps its texts: `<messages>.name` (the name field's label), `.new` and `.editing` (the
 * form's heading), `.save` (its button) and `.list` (the list's heading).
 */
type Messages = 'manage.tracks' | 'manage.stages' | 'manage.speakers';

type FieldsContext<V> = { id: string; values: V; set: <K extends keyof V>(key: K, value: V[K]) => void; nameField: ReactNode };

/**
 * A form for a new or edited item (a track, stage or speaker) above the list of existing ones (see ItemList).
 * The name is required and saved trimmed; after a save, or deleting the item being edited, the form is emptied.
 * Each editor gives only what differs: its fields (`children`, which places the name field), texts and API calls.
 */
export function ItemEditor<T extends { id: string; name: string }, V extends { name: string }>({
  items,
  toItem,
  empty,
  toValues,
  fields,
  messages,
  save,
  remove,
  children,
}: {
  items: T[];
  toItem: (item: T) => Item;
  empty: V;
  toValues: (item: T) => V;
  /** Labels of the fields other than the name, by the API's field name, for the form's alert. */
  fields?: Record<string, string>;
  messages: Messages;
  /** Creates (`editingId` null) or updates; `values.name` is already trimmed. */
  save: (editingId: string | null, values: V) => Promise<unknown>;
  remove: (id: string) => Promise<unknown>;
  children: (form: FieldsContext<V>) => ReactNode;
}) {
  const { t } = useI18n();
  const text = (key: 'name' | 'new' | 'editing' | 'save' | 'list') => t(`${messages}.${key}` satisfies MessageKey);
  const id = useId();
  const action = useAction();
  const listAction = useAction();
  const form = useFormFocus();
  const [editingId, setEditingId] = useState<string | null>(null);
  const [values, setValues] = useState(empty);
  const set = <K extends keyof V>(key: K, value: V[K]) => setValues((v) => ({ ...v, [key]: value }));

  function edit(itemId: string | null) {
    const item = items.find((x) => x.id === itemId);
    setEditingId(item?.id ?? null);
    setValues(item ? toValues(item) : empty);
    action.setError(null);
    if (itemId) form.focus();
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!values.name.trim()) return action.setError(t('form.required', { field: text('name') }));
    const ok = await action.run(() => save(editingId, { ...values, name: values.name.trim() }), () => t('manage.saved'));
    if (ok) edit(null);
  }

  const nameField = (
    <div className="field">
      <label htmlFor={`${id}-name`}>{text('name')}</label>
      <input id={`${id}-name`} type="text" required value={values.name} onChange={(e) => set('name', e.target.value)} />
    </div>
  );

  return (
    <>
      <FormAlert error={action.error} fields={{ name: text('name'), ...fields }} />
      <FormStatus message={action.status} />
      <form ref={form.ref} className="form form-inline-card" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={`${id}-title`}>
        <h3 id={`${id}-title`}>{editingId ? text('editing') : text('new')}</h3>
        {children({ id, values, set, nameField })}
        <div className="form-actions">
          <button type="submit" className="button" aria-disabled={action.busy || undefined}>
            {text('save')}
          </button>
          {editingId && (
            <button type="button" className="button button-secondary" onClick={() => edit(null)}>
              {t('manage.cancelEdit')}
            </button>
          )}
        </div>
      </form>
      <ItemList
        heading={text('list')}
        notices={
          <>
            <FormAlert error={listAction.error} />
            <FormStatus message={listAction.status} />
          </>
        }
        items={items.map(toItem)}
        editingId={editingId}
        onEdit={edit}
        onDelete={(itemId) => {
          const name = items.find((x) => x.id === itemId)?.name ?? '';
          if (itemId === editingId) edit(null);
          return listAction.run(() => remove(itemId), () => t('manage.deleted', { name }));
        }}
      />
    </>
  );
}
