import { useId, useState, type FormEvent } from 'react';
import type { ImportReport } from '@samling/protocol';
import { useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { FormAlert } from '../../ui/FormAlert.tsx';
import { useAction } from './useAction.ts';

/** Reads a pretalx/frab schedule.json in the browser and posts it as JSON; shows what was imported. */
export function ImportForm({ slug }: { slug: string }) {
  const { t } = useI18n();
  const id = useId();
  const importSchedule = useStore((s) => s.importSchedule);
  const action = useAction();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!file) return action.setError(t('form.required', { field: t('manage.import.file') }));
    let schedule: unknown;
    try {
      schedule = JSON.parse(await file.text());
    } catch {
      return action.setError(t('errors.invalidJson'));
    }
    setReport(null);
    await action.run(() => importSchedule(slug, schedule), (r) => {
      setReport(r);
      return null;
    });
  }

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <p>{t('manage.import.intro')}</p>
      <FormAlert error={action.error} />
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('manage.import.file')}</label>
        <input id={`${id}-file`} type="file" accept="application/json,.json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button" aria-disabled={action.busy || undefined}>
          {t('manage.import.submit')}
        </button>
      </div>
      <div className="form-status" role="status">
        {action.busy && <p>{t('manage.saving')}</p>}
        {report && (
          <div className="report">
            <p>{t('manage.import.report', { ...report, skipped: report.skipped.length })}</p>
            {report.skipped.length > 0 && (
              <>
                <p>{t('manage.import.skipped')}</p>
                <ul>
                  {report.skipped.map((s, i) => (
                    <li key={i}>{t('manage.import.skippedItem', { title: s.title, reason: s.reason })}</li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
      </div>
    </form>
  );
}
