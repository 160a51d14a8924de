import { useId, useState, type CSSProperties } from 'react';
import type { Poll, PollResults } from '@samling/protocol';
import { formatDecimal, formatPercent, useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { realtimeErrorText } from '../room/errors.ts';
import { formatClock } from '../room/time.ts';
import { orderedOptions, share } from './selectors.ts';

/**
 * A poll's results drawn for people who would rather look than read: bars, a word cloud, scale distributions,
 * a ranking, an answer wall, a quiz with its leaderboard. Every chart is also plain text (tables and lists),
 * so the numbers reach screen readers and anyone who turns the styles off. Bars grow with a CSS transition,
 * switched off for people who prefer reduced motion.
 */
export function PollResultsView({ poll, results, moderator = false, large = false }: { poll: Poll; results: PollResults; moderator?: boolean; large?: boolean }) {
  switch (results.kind) {
    case 'single':
    case 'multiple':
      return <OptionBars poll={poll} counts={results.options} voters={results.voters} large={large} />;
    case 'quiz':
      return (
        <>
          <OptionBars poll={poll} counts={results.options} voters={results.voters} correct={poll.correctOptionIds} large={large} />
          {results.leaderboard.length > 0 && <Leaderboard entries={results.leaderboard} />}
        </>
      );
    case 'wordcloud':
      return <WordCloud words={results.words} large={large} />;
    case 'scale':
      return <ScaleResults poll={poll} statements={results.statements} />;
    case 'ranking':
      return <RankingResults poll={poll} ranks={results.options} />;
    case 'open':
      return <AnswerWall poll={poll} answers={results.answers} moderator={moderator} />;
  }
}

/** A horizontal bar per option: the label, a bar as wide as its share, and "count (percent)" in words. */
export function OptionBars({
  poll,
  counts,
  voters,
  correct = null,
  large = false,
}: {
  poll: Poll;
  counts: { optionId: string; count: number }[];
  voters: number;
  correct?: string[] | null;
  large?: boolean;
}) {
  const { t, lang } = useI18n();
  const captionId = useId();
  const byId = new Map(counts.map((c) => [c.optionId, c.count]));
  const top = Math.max(0, ...counts.map((c) => c.count));
  return (
    <div className={large ? 'bar-chart bar-chart-large' : 'bar-chart'}>
      <table className="bar-table" aria-labelledby={captionId}>
        <caption id={captionId} className="visually-hidden">
          {t('results.title')}: {poll.question}
        </caption>
        <thead className="visually-hidden">
          <tr>
            <th scope="col">{t('results.option')}</th>
            <th scope="col">{t('results.count')}</th>
            <th scope="col">{t('results.share')}</th>
          </tr>
        </thead>
        <tbody>
          {orderedOptions(poll).map((option) => {
            const count = byId.get(option.id) ?? 0;
            const part = share(count, voters);
            const isCorrect = correct?.includes(option.id) ?? false;
            const classes = ['bar-row', isCorrect ? 'bar-row-correct' : '', count > 0 && count === top ? 'bar-row-top' : ''].filter(Boolean).join(' ');
            return (
              <tr key={option.id} className={classes} data-testid="bar-row">
                <th scope="row" className="bar-label">
                  {option.label}
                  {isCorrect && (
                    <span className="badge badge-correct">
                      <span aria-hidden="true">✓ </span>
                      {t('results.correct')}
                    </span>
                  )}
                </th>
                <td className="bar-count">{count}</td>
                <td className="bar-share">
                  <span className="bar-track" aria-hidden="true">
                    <span className="bar-fill" style={{ '--share': part } as CSSProperties} />
                  </span>
                  <span className="bar-percent">{formatPercent(part, lang)}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The session's quiz leaderboard, best first. */
function Leaderboard({ entries }: { entries: { name: string; points: number }[] }) {
  const { t } = useI18n();
  const headingId = useId();
  return (
    <section className="leaderboard" aria-labelledby={headingId}>
      <h5 id={headingId}>{t('results.leaderboard')}</h5>
      <ol className="leaderboard-list">
        {entries.map((e, i) => (
          <li key={`${i}-${e.name}`}>
            <span className="leaderboard-name">{e.name}</span>
            <span className="leaderboard-points">{t('results.points', { points: e.points })}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Sizes (rem) of the smallest and largest word. */
const CLOUD_MIN = 1;
const CLOUD_MAX = 3.25;

/** Words sized by how many people wrote them; to a screen reader, a list of words with their counts. */
export function WordCloud({ words, large = false }: { words: { word: string; count: number }[]; large?: boolean }) {
  const { t } = useI18n();
  if (words.length === 0) return <p className="empty">{t('results.noWords')}</p>;
  const max = Math.max(...words.map((w) => w.count));
  const min = Math.min(...words.map((w) => w.count));
  const scale = large ? 1.6 : 1;
  return (
    <ul className="word-cloud" aria-label={t('poll.kind.wordcloud')}>
      {words.map((w, i) => {
        const weight = max === min ? 0.5 : (w.count - min) / (max - min);
        const size = (CLOUD_MIN + weight * (CLOUD_MAX - CLOUD_MIN)) * scale;
        return (
          <li key={w.word} className={`word-cloud-word word-tone-${i % 4}`} style={{ '--word-size': `${size}rem` } as CSSProperties}>
            {w.word}
            <span className="visually-hidden">, {t('results.wordCount', { count: w.count })}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** Per statement: the average, and how many chose each value, as a small column chart over a table. */
function ScaleResults({ poll, statements }: { poll: Poll; statements: { optionId: string; distribution: number[]; average: number | null; answers: number }[] }) {
  const { t, lang } = useI18n();
  const { scaleMin, scaleMax } = poll.settings;
  const byId = new Map(statements.map((s) => [s.optionId, s]));
  const values = Array.from({ length: scaleMax - scaleMin + 1 }, (_, i) => scaleMin + i);
  return (
    <div className="scale-results">
      {orderedOptions(poll).map((option) => {
        const stats = byId.get(option.id);
        const distribution = stats?.distribution ?? [];
        const top = Math.max(1, ...distribution);
        const average = stats?.average ?? null;
        return (
          <figure key={option.id} className="scale-statement">
            <figcaption>
              <span className="scale-label">{option.label}</span>
              <span className="scale-average">
                {average === null ? t('results.noAverage') : t('results.average', { average: formatDecimal(average, lang), max: scaleMax })}
              </span>
            </figcaption>
            {average !== null && (
              <span className="scale-average-track" aria-hidden="true">
                <span className="scale-average-marker" style={{ '--share': (average - scaleMin) / Math.max(1, scaleMax - scaleMin) } as CSSProperties} />
              </span>
            )}
            <table className="scale-table">
              <caption className="visually-hidden">{option.label}</caption>
              <tbody>
                <tr className="scale-columns" aria-hidden="true">
                  {values.map((v, i) => (
                    <td key={v}>
                      <span className="scale-column" style={{ '--share': (distribution[i] ?? 0) / top } as CSSProperties} />
                    </td>
                  ))}
                </tr>
                <tr>
                  {values.map((v) => (
                    <th key={v} scope="col" className="scale-value">
                      <span className="visually-hidden">{t('results.value')} </span>
                      {v}
                    </th>
                  ))}
                </tr>
                <tr>
                  {values.map((v, i) => (
                    <td key={v} className="scale-count">
                      <span className="visually-hidden">{t('results.people')} </span>
                      {distribution[i] ?? 0}
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </figure>
        );
      })}
    </div>
  );
}

/** Options by average place, best first; the bar is longest for the best placed. */
function RankingResults({ poll, ranks }: { poll: Poll; ranks: { optionId: string; averageRank: number | null }[] }) {
  const { t, lang } = useI18n();
  const labels = new Map(poll.options.map((o) => [o.id, o.label]));
  const count = Math.max(1, poll.options.length);
  return (
    <ol className="ranking-results">
      {ranks.map((r) => (
        <li key={r.optionId} className="ranking-result">
          <span className="ranking-label">{labels.get(r.optionId) ?? ''}</span>
          <span className="ranking-rank">
            {r.averageRank === null ? t('results.notRanked') : t('results.averageRank', { rank: formatDecimal(r.averageRank, lang, 2) })}
          </span>
          <span className="bar-track" aria-hidden="true">
            <span className="bar-fill" style={{ '--share': r.averageRank === null ? 0 : count === 1 ? 1 : (count - r.averageRank + 1) / count } as CSSProperties} />
          </span>
        </li>
      ))}
    </ol>
  );
}

/** Open answers as cards, newest first; moderators can hide one (and take that back while they are here). */
function AnswerWall({ poll, answers, moderator }: { poll: Poll; answers: { id: string; text: string; at: string }[]; moderator: boolean }) {
  const { t, lang } = useI18n();
  const hideOpenAnswer = useStore((s) => s.hideOpenAnswer);
  const [message, setMessage] = useState<{ kind: 'status' | 'error'; text: string; undo?: string } | null>(null);

  async function setHidden(answerId: string, hidden: boolean) {
    setMessage(null);
    try {
      await hideOpenAnswer(poll.id, answerId, hidden);
      setMessage(hidden ? { kind: 'status', text: t('results.answerHidden'), undo: answerId } : { kind: 'status', text: t('results.answerShown') });
    } catch (e) {
      setMessage({ kind: 'error', text: realtimeErrorText(e, t, lang) });
    }
  }

  return (
    <>
      {answers.length === 0 ? (
        <p className="empty">{t('results.noAnswers')}</p>
      ) : (
        <ul className="answer-wall">
          {answers.map((a) => (
            <li key={a.id} className="answer-card">
              <p className="answer-text">{a.text}</p>
              <p className="answer-meta">
                <time dateTime={a.at}>{formatClock(a.at, lang)}</time>
                {moderator && (
                  <button
                    type="button"
                    className="link-button link-button-danger"
                    aria-label={`${t('results.hideAnswer')}: ${a.text.slice(0, 80)}`}
                    onClick={() => void setHidden(a.id, true)}
                  >
                    {t('results.hideAnswer')}
                  </button>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      {moderator && (
        <div className="room-feedback">
          <div role="status">
            {message?.kind === 'status' && (
              <p className="moderation-status">
                {message.text}{' '}
                {message.undo && (
                  <button type="button" className="link-button" onClick={() => void setHidden(message.undo!, false)}>
                    {t('results.undoHide')}
                  </button>
                )}
              </p>
            )}
          </div>
          <div role="alert">{message?.kind === 'error' && <p className="inline-error">{message.text}</p>}</div>
        </div>
      )}
    </>
  );
}
