import type { Language } from '@samling/protocol';
import { useI18n } from '../../i18n/index.ts';

/** The when and how of an event: its days, its time zone and its language. */
export interface EventSchedule {
  startDate: string;
  endDate: string;
  timeZone: string;
  defaultLanguage: Language;
}
export type EventScheduleKey = keyof EventSchedule;

const suffix: Record<EventScheduleKey, string> = { startDate: 'start', endDate: 'end', timeZone: 'tz', defaultLanguage: 'lang' };

/** The id of one of the inputs, from the form's `useId()` prefix (to focus it after an error). */
export function eventScheduleFieldId(id: string, key: EventScheduleKey): string {
  return `${id}-${suffix[key]}`;
}

/**
 * Start and end date, time zone (with its hint) and language, in two rows that wrap on narrow screens.
 * Shared by the event editor and "Skapa evenemang". Fields named in `invalid` get aria-invalid and
 * are described by the form's alert (`errorId`) as well as their hint.
 */
export function EventScheduleFields<V extends EventSchedule>({
  id,
  values,
  onChange,
  languageLabel,
  invalid = {},
  errorId,
}: {
  id: string;
  /** The form's values; any other fields in it are left alone. */
  values: V;
  onChange: <K extends EventScheduleKey>(key: K, value: V[K]) => void;
  /** The language select's label; the editor calls it "Standardspråk". */
  languageLabel?: string;
  invalid?: Partial<Record<EventScheduleKey, boolean>>;
  errorId?: string;
}) {
  const { t } = useI18n();
  const fieldId = (key: EventScheduleKey) => eventScheduleFieldId(id, key);
  const invalidProps = (key: EventScheduleKey, ...describedBy: string[]) => {
    const bad = invalid[key] === true;
    const ids = [...describedBy, ...(bad && errorId ? [errorId] : [])];
    return { 'aria-invalid': bad || undefined, 'aria-describedby': ids.length > 0 ? ids.join(' ') : undefined };
  };
  const tzHint = `${fieldId('timeZone')}-hint`;

  return (
    <>
      <div className="field-row">
        <div className="field">
          <label htmlFor={fieldId('startDate')}>{t('manage.event.startDate')}</label>
          <input
            id={fieldId('startDate')}
            type="date"
            required
            value={values.startDate}
            onChange={(e) => onChange('startDate', e.target.value)}
            {...invalidProps('startDate')}
          />
        </div>
        <div className="field">
          <label htmlFor={fieldId('endDate')}>{t('manage.event.endDate')}</label>
          <input
            id={fieldId('endDate')}
            type="date"
            required
            min={values.startDate || undefined}
            value={values.endDate}
            onChange={(e) => onChange('endDate', e.target.value)}
            {...invalidProps('endDate')}
          />
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={fieldId('timeZone')}>{t('manage.event.timeZone')}</label>
          <input
            id={fieldId('timeZone')}
            type="text"
            required
            autoComplete="off"
            spellCheck={false}
            value={values.timeZone}
            onChange={(e) => onChange('timeZone', e.target.value)}
            {...invalidProps('timeZone', tzHint)}
          />
          <p className="hint" id={tzHint}>
            {t('manage.event.timeZoneHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={fieldId('defaultLanguage')}>{languageLabel ?? t('manage.event.defaultLanguage')}</label>
          <select
            id={fieldId('defaultLanguage')}
            value={values.defaultLanguage}
            onChange={(e) => onChange('defaultLanguage', e.target.value as V['defaultLanguage'])}
            {...invalidProps('defaultLanguage')}
          >
            <option value="sv">{t('language.sv')}</option>
            <option value="en">{t('language.en')}</option>
          </select>
        </div>
      </div>
    </>
  );
}
