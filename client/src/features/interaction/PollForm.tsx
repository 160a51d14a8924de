import { useId, useRef, useState, type FormEvent } from 'react';
import { PollKinds, defaultPollSettings, type Poll, type PollInput, type PollKind, type PollSettings } from '@samling/protocol';
import type { ApiError } from '../../api.ts';
import { useI18n } from '../../i18n/index.ts';
import { FormAlert } from '../../ui/FormAlert.tsx';
import { orderedOptions } from './selectors.ts';

interface OptionDraft {
  key: number;
  label: string;
  correct: boolean;
}

const withOptions = (kind: PollKind) => kind !== 'wordcloud' && kind !== 'open';
let nextKey = 1;
const blank = (): OptionDraft => ({ key: nextKey++, label: '', correct: false });

/** A poll's fields as the form holds them, from a poll being edited or for a new one. */
function initial(poll: Poll | null) {
  if (!poll) return { kind: 'single' as PollKind, question: '', options: [blank(), blank()], settings: { ...defaultPollSettings }, timer: '' };
  return {
    kind: poll.kind,
    question: poll.question,
    options: orderedOptions(poll).map((o) => ({ key: nextKey++, label: o.label, correct: poll.correctOptionIds?.includes(o.id) ?? false })),
    settings: { ...poll.settings },
    timer: poll.settings.timerSeconds === null ? '' : String(poll.settings.timerSeconds),
  };
}

/**
 * Makes or edits a poll: the kind, the question, options (statements for a scale, with "Rätt svar" for a quiz)
 * and the settings that matter for the kind. Checks what the server would refuse before sending.
 * `onSubmit` gets the input and whether "Spara och starta" was chosen; it resolves to an error to show, or null.
 */
export function PollForm({
  poll = null,
  heading,
  allowLaunch = false,
  onSubmit,
  onCancel,
}: {
  poll?: Poll | null;
  heading: string;
  allowLaunch?: boolean;
  onSubmit: (input: PollInput, launch: boolean) => Promise<ApiError | string | null>;
  onCancel?: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const start = initial(poll);
  const [kind, setKind] = useState<PollKind>(start.kind);
  const [question, setQuestion] = useState(start.question);
  const [options, setOptions] = useState<OptionDraft[]>(start.options);
  const [settings, setSettings] = useState<PollSettings>(start.settings);
  const [timer, setTimer] = useState(start.timer);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const optionsRef = useRef<HTMLOListElement>(null);
  const launchRef = useRef(false);
  const set = <K extends keyof PollSettings>(key: K, value: PollSettings[K]) => setSettings((s) => ({ ...s, [key]: value }));
  const statements = kind === 'scale';

  function check(): string | null {
    if (!question.trim()) return t('form.required', { field: t('pollForm.question') });
    if (withOptions(kind)) {
      const filled = options.filter((o) => o.label.trim());
      if (statements && filled.length < 1) return t('pollForm.needStatement');
      if (!statements && filled.length < 2) return t('pollForm.needOptions');
      if (kind === 'quiz' && !filled.some((o) => o.correct)) return t('pollForm.needCorrect');
    }
    if (timer.trim()) {
      const seconds = Number(timer);
      if (!Number.isInteger(seconds) || seconds < 5 || seconds > 3600) return t('pollForm.timerInvalid');
    }
    return null;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const problem = check();
    if (problem) {
      setError(problem);
      requestAnimationFrame(() => alertRef.current?.focus());
      return;
    }
    const input: PollInput = {
      kind,
      question: question.trim(),
      options: withOptions(kind)
        ? options.filter((o) => o.label.trim()).map((o) => ({ label: o.label.trim(), correct: kind === 'quiz' && o.correct }))
        : [],
      settings: { ...settings, timerSeconds: timer.trim() ? Number(timer) : null },
    };
    setBusy(true);
    setError(null);
    const failure = await onSubmit(input, launchRef.current);
    setBusy(false);
    if (failure) {
      setError(failure);
      requestAnimationFrame(() => alertRef.current?.focus());
    }
  }

  function addOption() {
    setOptions((list) => [...list, blank()]);
    requestAnimationFrame(() => {
      const fields = optionsRef.current?.querySelectorAll<HTMLInputElement>('input[type="text"]');
      fields?.[fields.length - 1]?.focus();
    });
  }

  function removeOption(index: number) {
    setOptions((list) => list.filter((_, i) => i !== index));
    requestAnimationFrame(() => {
      const fields = optionsRef.current?.querySelectorAll<HTMLInputElement>('input[type="text"]');
      fields?.[Math.min(index, (fields?.length ?? 1) - 1)]?.focus();
    });
  }

  const numbered = (n: number) => t(statements ? 'pollForm.statement' : 'pollForm.option', { n });

  return (
    <form className="form poll-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-heading`}>
      <h4 id={`${id}-heading`}>{heading}</h4>
      <div ref={alertRef} tabIndex={-1}>
        <FormAlert error={error} fields={{ question: t('pollForm.question'), options: t('pollForm.options'), settings: t('pollForm.settings') }} />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('pollForm.kind')}</label>
          <select
            id={`${id}-kind`}
            value={kind}
            onChange={(e) => {
              const next = e.target.value as PollKind;
              setKind(next);
              // A quiz is usually timed; the others are closed by hand.
              if (next === 'quiz' && !timer) setTimer('30');
            }}
          >
            {PollKinds.map((k) => (
              <option key={k} value={k}>
                {t(`poll.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-question`}>{t('pollForm.question')}</label>
        <input id={`${id}-question`} type="text" maxLength={300} required value={question} onChange={(e) => setQuestion(e.target.value)} />
      </div>
      {withOptions(kind) && (
        <fieldset className="fieldset">
          <legend>{t(statements ? 'pollForm.statements' : 'pollForm.options')}</legend>
          <ol className="option-editor" ref={optionsRef}>
            {options.map((o, i) => (
              <li key={o.key} className="option-editor-row">
                <div className="field">
                  <label htmlFor={`${id}-option-${o.key}`}>{numbered(i + 1)}</label>
                  <input
                    id={`${id}-option-${o.key}`}
                    type="text"
                    maxLength={200}
                    value={o.label}
                    onChange={(e) => setOptions((list) => list.map((x) => (x.key === o.key ? { ...x, label: e.target.value } : x)))}
                  />
                </div>
                {kind === 'quiz' && (
                  <label className="checkbox option-correct">
                    <input
                      type="checkbox"
                      checked={o.correct}
                      onChange={(e) => setOptions((list) => list.map((x) => (x.key === o.key ? { ...x, correct: e.target.checked } : x)))}
                    />
                    <span>
                      {t('pollForm.correct')}
                      <span className="visually-hidden"> – {numbered(i + 1)}</span>
                    </span>
                  </label>
                )}
                {options.length > 1 && (
                  <button type="button" className="button button-small button-secondary" onClick={() => removeOption(i)}>
                    {t('pollForm.remove')}
                    <span className="visually-hidden"> {numbered(i + 1)}</span>
                  </button>
                )}
              </li>
            ))}
          </ol>
          <button type="button" className="button button-small button-secondary" onClick={addOption}>
            {t(statements ? 'pollForm.addStatement' : 'pollForm.addOption')}
          </button>
        </fieldset>
      )}
      <fieldset className="fieldset">
        <legend>{t('pollForm.settings')}</legend>
        <div className="settings-grid">
          {kind === 'multiple' && (
            <div className="field">
              <label htmlFor={`${id}-max-choices`}>{t('pollForm.maxChoices')}</label>
              <input
                id={`${id}-max-choices`}
                type="number"
                inputMode="numeric"
                min={1}
                max={50}
                value={settings.maxChoices}
                onChange={(e) => set('maxChoices', Math.min(50, Math.max(1, Number(e.target.value) || 1)))}
              />
            </div>
          )}
          {kind === 'wordcloud' && (
            <div className="field">
              <label htmlFor={`${id}-max-words`}>{t('pollForm.maxWords')}</label>
              <input
                id={`${id}-max-words`}
                type="number"
                inputMode="numeric"
                min={1}
                max={10}
                value={settings.maxWords}
                onChange={(e) => set('maxWords', Math.min(10, Math.max(1, Number(e.target.value) || 1)))}
              />
            </div>
          )}
          {kind === 'scale' && (
            <>
              <div className="field">
                <label htmlFor={`${id}-scale-min`}>{t('pollForm.scaleMin')}</label>
                <select id={`${id}-scale-min`} value={settings.scaleMin} onChange={(e) => set('scaleMin', Number(e.target.value))}>
                  {[0, 1].map((v) => (
                    <option key={v} value={v}>
                      {v}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-scale-max`}>{t('pollForm.scaleMax')}</label>
                <select id={`${id}-scale-max`} value={settings.scaleMax} onChange={(e) => set('scaleMax', Number(e.target.value))}>
                  {[2, 3, 4, 5, 6, 7, 8, 9, 10].map((v) => (
                    <option key={v} value={v}>
                      {v}
                    </option>
                  ))}
                </select>
              </div>
            </>
          )}
          <div className="field">
            <label htmlFor={`${id}-timer`}>{t('pollForm.timer')}</label>
            <input
              id={`${id}-timer`}
              type="number"
              inputMode="numeric"
              min={5}
              max={3600}
              value={timer}
              aria-describedby={`${id}-timer-hint`}
              onChange={(e) => setTimer(e.target.value)}
            />
            <p id={`${id}-timer-hint`} className="hint">
              {t('pollForm.timerHint')}
            </p>
          </div>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={settings.anonymous} aria-describedby={`${id}-anonymous-hint`} onChange={(e) => set('anonymous', e.target.checked)} />
          <span>{t('pollForm.anonymous')}</span>
        </label>
        <p id={`${id}-anonymous-hint`} className="hint checkbox-hint">
          {t('pollForm.anonymousHint')}
        </p>
        <label className="checkbox">
          <input type="checkbox" checked={settings.allowChange} onChange={(e) => set('allowChange', e.target.checked)} />
          <span>{t('pollForm.allowChange')}</span>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={settings.hideResults} onChange={(e) => set('hideResults', e.target.checked)} />
          <span>{t('pollForm.hideResults')}</span>
        </label>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button" aria-disabled={busy || undefined} onClick={() => (launchRef.current = false)}>
          {t('pollForm.save')}
        </button>
        {allowLaunch && (
          <button type="submit" className="button button-secondary" aria-disabled={busy || undefined} onClick={() => (launchRef.current = true)}>
            {t('pollForm.saveAndLaunch')}
          </button>
        )}
        {onCancel && (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('pollForm.cancel')}
          </button>
        )}
      </div>
      <div role="status" className="form-status">
        {busy && <p>{t('manage.saving')}</p>}
      </div>
    </form>
  );
}
