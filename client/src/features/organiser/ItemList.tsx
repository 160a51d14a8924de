import { useState, type ReactNode } from 'react';
import { ConfirmInline } from '../../ui/ConfirmInline.tsx';
import { useI18n } from '../../i18n/index.ts';

export interface Item {
  id: string;
  name: string;
  detail?: ReactNode;
  /** A decorative mark before the name (a track's colour). */
  swatch?: string;
}

/**
 * Existing tracks, stages, speakers or sessions, each with "Redigera <namn>" and "Ta bort <namn>".
 * Deleting asks once more in place ("Ja, ta bort" / "Avbryt"), without a browser dialog.
 */
export function ItemList({
  heading,
  notices,
  items,
  editingId,
  onEdit,
  onDelete,
}: {
  heading: string;
  /** The list's own alert and status (a failed delete), shown beside the list rather than the form. */
  notices?: ReactNode;
  items: Item[];
  editingId: string | null;
  onEdit: (id: string) => void;
  onDelete: (id: string) => Promise<unknown>;
}) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <div className="item-list-wrap">
      <h3>{heading}</h3>
      {notices}
      {items.length === 0 ? <p className="empty">{t('manage.none')}</p> : <ul className="item-list">
      {items.map((item) => (
        <li key={item.id} className={item.id === editingId ? 'item item-editing' : 'item'}>
          <div className="item-text">
            <span className="item-name">
              {item.swatch && <span className="track-swatch" style={{ background: item.swatch }} aria-hidden="true" />}
              {item.name}
            </span>
            {item.detail && <span className="item-detail">{item.detail}</span>}
          </div>
          {confirming === item.id ? (
            <ConfirmInline
              className="item-actions item-confirm"
              question={t('manage.confirmDelete', { name: item.name })}
              confirmLabel={t('manage.confirmYes')}
              cancelLabel={t('manage.cancel')}
              onConfirm={() => {
                setConfirming(null);
                void onDelete(item.id);
              }}
              onCancel={() => setConfirming(null)}
            />
          ) : (
            <div className="item-actions">
              <button type="button" className="button button-small button-secondary" onClick={() => onEdit(item.id)}>
                {t('manage.edit')}
                <span className="visually-hidden"> {item.name}</span>
              </button>
              <button type="button" className="button button-small button-secondary" onClick={() => setConfirming(item.id)}>
                {t('manage.delete')}
                <span className="visually-hidden"> {item.name}</span>
              </button>
            </div>
          )}
        </li>
      ))}
    </ul>}
    </div>
  );
}
