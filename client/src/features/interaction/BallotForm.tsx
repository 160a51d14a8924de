import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { OPEN_ANSWER_MAX_LENGTH, WORD_MAX_LENGTH, type Ballot, type Poll } from '@samling/protocol';
import { useI18n } from '../../i18n/index.ts';
import { initialDraft, moveItem, toBallot, type BallotDraft } from './ballot.ts';
import { orderedOptions } from './selectors.ts';

/**
 * The voting form of a poll, by kind: radio buttons, check boxes (at most N), word fields, a radio scale per
 * statement, a ranking ordered with buttons (no dragging needed), a text area. Checks the answer as the server
 * will, then hands the ballot to `onSubmit`; its errors (translated by the caller) are shown in the alert.
 */
export function BallotForm({
  poll,
  given,
  questionId,
  onSubmit,
  onCancel,
}: {
  poll: Poll;
  /** The answer given before, when changing it. */
  given: Ballot | null;
  /** The heading that names the question, for the form's group. */
  questionId: string;
  onSubmit: (ballot: Ballot) => Promise<string | null>;
  onCancel?: () => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<BallotDraft>(() => initialDraft(poll, given));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const hintId = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const checked = toBallot(poll, draft);
    if (!checked.ok) {
      setError(t(checked.error, checked.vars));
      return;
    }
    setBusy(true);
    setError(null);
    const failure = await onSubmit(checked.ballot);
    setBusy(false);
    setError(failure);
  }

  const update = (next: BallotDraft) => {
    setDraft(next);
    setError(null);
  };

  return (
    <form className="ballot-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={questionId}>
      <BallotFields poll={poll} draft={draft} onChange={update} questionId={questionId} hintId={hintId} />
      <div className="form-actions">
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {t('poll.submit')}
        </button>
        {onCancel && (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('poll.cancelChange')}
          </button>
        )}
      </div>
      <div className="ballot-feedback">
        <div role="status">{busy && <p>{t('poll.sending')}</p>}</div>
        <div role="alert">{error && <p className="inline-error">{error}</p>}</div>
      </div>
    </form>
  );
}

function BallotFields({
  poll,
  draft,
  onChange,
  questionId,
  hintId,
}: {
  poll: Poll;
  draft: BallotDraft;
  onChange: (d: BallotDraft) => void;
  questionId: string;
  hintId: string;
}) {
  const { t } = useI18n();
  const name = useId();
  const options = orderedOptions(poll);

  switch (draft.kind) {
    case 'single':
    case 'quiz':
      return (
        <fieldset className="choice-group" aria-labelledby={questionId}>
          {options.map((o) => (
            <label key={o.id} className="choice">
              <input type="radio" name={name} value={o.id} checked={draft.optionId === o.id} onChange={() => onChange({ ...draft, optionId: o.id })} />
              <span>{o.label}</span>
            </label>
          ))}
        </fieldset>
      );

    case 'multiple': {
      const max = poll.settings.maxChoices;
      const full = draft.optionIds.length >= max;
      return (
        <fieldset className="choice-group" aria-labelledby={questionId} aria-describedby={hintId}>
          <p id={hintId} className="hint">
            {t('poll.chooseAtMost', { max })} <span aria-live="polite">{t('poll.chosenCount', { count: draft.optionIds.length, max })}</span>
          </p>
          {options.map((o) => {
            const checked = draft.optionIds.includes(o.id);
            return (
              <label key={o.id} className={!checked && full ? 'choice choice-unavailable' : 'choice'}>
                <input
                  type="checkbox"
                  value={o.id}
                  checked={checked}
                  // At the limit the others cannot be ticked; untick one first.
                  disabled={!checked && full}
                  onChange={() => onChange({ ...draft, optionIds: checked ? draft.optionIds.filter((id) => id !== o.id) : [...draft.optionIds, o.id] })}
                />
                <span>{o.label}</span>
              </label>
            );
          })}
        </fieldset>
      );
    }

    case 'wordcloud':
      return (
        <fieldset className="word-fields" aria-labelledby={questionId} aria-describedby={hintId}>
          <p id={hintId} className="hint">
            {t('poll.wordsHint', { max: poll.settings.maxWords, length: WORD_MAX_LENGTH })}
          </p>
          {draft.words.map((word, i) => (
            <div key={i} className="field field-inline word-field">
              <label htmlFor={`${name}-${i}`}>{t('poll.word', { n: i + 1 })}</label>
              <input
                id={`${name}-${i}`}
                type="text"
                maxLength={WORD_MAX_LENGTH}
                autoComplete="off"
                value={word}
                onChange={(e) => onChange({ ...draft, words: draft.words.map((w, j) => (j === i ? e.target.value : w)) })}
              />
            </div>
          ))}
        </fieldset>
      );

    case 'scale': {
      const { scaleMin, scaleMax } = poll.settings;
      const values = Array.from({ length: scaleMax - scaleMin + 1 }, (_, i) => scaleMin + i);
      return (
        <div className="scale-fields" role="group" aria-labelledby={questionId} aria-describedby={hintId}>
          <p id={hintId} className="hint">
            {t('poll.scaleHint', { min: scaleMin, max: scaleMax })}
          </p>
          {options.map((o) => (
            <fieldset key={o.id} className="scale-field">
              <legend>{o.label}</legend>
              <div className="scale-choices">
                {values.map((v) => (
                  <label key={v} className="scale-choice">
                    <input
                      type="radio"
                      name={`${name}-${o.id}`}
                      value={v}
                      checked={draft.ratings[o.id] === v}
                      onChange={() => onChange({ ...draft, ratings: { ...draft.ratings, [o.id]: v } })}
                    />
                    <span>{v}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          ))}
        </div>
      );
    }

    case 'ranking':
      return <RankingField poll={poll} order={draft.order} onChange={(order) => onChange({ kind: 'ranking', order })} questionId={questionId} hintId={hintId} />;

    case 'open':
      return (
        <div className="field">
          <label htmlFor={name}>{t('poll.openLabel')}</label>
          <textarea
            id={name}
            rows={3}
            maxLength={OPEN_ANSWER_MAX_LENGTH}
            value={draft.text}
            aria-describedby={hintId}
            onChange={(e) => onChange({ kind: 'open', text: e.target.value })}
          />
          <p id={hintId} className="hint">
            {t('room.counter', { count: draft.text.length, max: OPEN_ANSWER_MAX_LENGTH })}
          </p>
        </div>
      );
  }
}

/**
 * A ranking ordered with "Flytta upp" / "Flytta ner" buttons. The moved option keeps the keyboard focus (on the
 * same button where it can still move that way, else the other one), and its new place is read out.
 */
function RankingField({
  poll,
  order,
  onChange,
  questionId,
  hintId,
}: {
  poll: Poll;
  order: string[];
  onChange: (order: string[]) => void;
  questionId: string;
  hintId: string;
}) {
  const { t } = useI18n();
  const [announcement, setAnnouncement] = useState('');
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const [focusAfter, setFocusAfter] = useState<{ id: string; direction: 'up' | 'down' } | null>(null);
  const label = (id: string) => poll.options.find((o) => o.id === id)?.label ?? '';

  useEffect(() => {
    if (!focusAfter) return;
    const index = order.indexOf(focusAfter.id);
    const canGo = focusAfter.direction === 'up' ? index > 0 : index < order.length - 1;
    const direction = canGo ? focusAfter.direction : focusAfter.direction === 'up' ? 'down' : 'up';
    buttons.current.get(`${focusAfter.id}:${direction}`)?.focus();
    setFocusAfter(null);
  }, [focusAfter, order]);

  function move(index: number, delta: -1 | 1) {
    const id = order[index]!;
    const next = moveItem(order, index, delta);
    onChange(next);
    setFocusAfter({ id, direction: delta === -1 ? 'up' : 'down' });
    setAnnouncement(t('poll.moved', { label: label(id), position: next.indexOf(id) + 1, count: next.length }));
  }

  return (
    <div className="ranking-field" role="group" aria-labelledby={questionId} aria-describedby={hintId}>
      <p id={hintId} className="hint">
        {t('poll.rankingHint')}
      </p>
      <ol className="ranking-list">
        {order.map((id, index) => (
          <li key={id} className="ranking-item">
            <span className="ranking-place" aria-hidden="true">
              {index + 1}
            </span>
            <span className="ranking-item-label">{label(id)}</span>
            <span className="ranking-buttons">
              <button
                type="button"
                className="button button-small button-secondary"
                ref={(el) => {
                  if (el) buttons.current.set(`${id}:up`, el);
                  else buttons.current.delete(`${id}:up`);
                }}
                disabled={index === 0}
                aria-label={t('poll.moveUp', { label: label(id) })}
                onClick={() => move(index, -1)}
              >
                <span aria-hidden="true">↑</span>
              </button>
              <button
                type="button"
                className="button button-small button-secondary"
                ref={(el) => {
                  if (el) buttons.current.set(`${id}:down`, el);
                  else buttons.current.delete(`${id}:down`);
                }}
                disabled={index === order.length - 1}
                aria-label={t('poll.moveDown', { label: label(id) })}
                onClick={() => move(index, 1)}
              >
                <span aria-hidden="true">↓</span>
              </button>
            </span>
          </li>
        ))}
      </ol>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
