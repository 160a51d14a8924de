import { useId, useRef, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { QUESTION_MAX_LENGTH, type QuestionAction } from '@samling/protocol';
import { useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { realtimeErrorText } from '../room/errors.ts';
import { formatClock } from '../room/time.ts';
import { isModeratorRole } from './interaction.slice.ts';
import { selectPendingQuestionIds, selectQuestionIds, type QuestionOrder } from './selectors.ts';

type Message = { kind: 'status' | 'error'; text: string } | null;

function Feedback({ message }: { message: Message }) {
  return (
    <>
      <div role="status">{message?.kind === 'status' && <p className="moderation-status">{message.text}</p>}</div>
      <div role="alert">{message?.kind === 'error' && <p className="inline-error">{message.text}</p>}</div>
    </>
  );
}

/** A session's Q&A: ask (optionally anonymously), the questions sorted by votes or time with upvotes, and moderation. */
export function QaPanel({ room }: { room: string }) {
  const moderator = useStore((s) => isModeratorRole(s.rooms[room]?.me?.role));
  const [order, setOrder] = useState<QuestionOrder>('popular');
  return (
    <div className="qa-panel">
      <AskForm room={room} />
      {moderator && <QaModeration room={room} />}
      <QuestionList room={room} order={order} onOrder={setOrder} moderator={moderator} />
    </div>
  );
}

function AskForm({ room }: { room: string }) {
  const { t, lang } = useI18n();
  const askQuestion = useStore((s) => s.askQuestion);
  const premoderation = useStore((s) => s.interactions[room]?.premoderation ?? false);
  const ended = useStore((s) => s.rooms[room]?.session?.status === 'ended');
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const id = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const question = text.trim();
    if (busy || ended) return;
    if (!question) {
      setMessage({ kind: 'error', text: t('form.required', { field: t('qa.ask') }) });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const asked = await askQuestion(room, question, anonymous);
      setText('');
      setMessage({ kind: 'status', text: t(asked.status === 'pending' ? 'qa.sentPending' : 'qa.sent') });
    } catch (err) {
      setMessage({ kind: 'error', text: realtimeErrorText(err, t, lang) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="ask-form" onSubmit={(e) => void submit(e)} noValidate>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('qa.ask')}</label>
        {(premoderation || ended) && (
          <p id={`${id}-state`} className={ended ? 'composer-state composer-blocked' : 'hint'}>
            {t(ended ? 'qa.ended' : 'qa.premoderationOn')}
          </p>
        )}
        <textarea
          id={`${id}-text`}
          rows={2}
          maxLength={QUESTION_MAX_LENGTH}
          value={text}
          disabled={ended}
          aria-describedby={[premoderation || ended ? `${id}-state` : null, `${id}-counter`].filter(Boolean).join(' ')}
          onChange={(e) => {
            setText(e.target.value);
            if (message?.kind === 'error') setMessage(null);
          }}
        />
        <p id={`${id}-counter`} className="composer-counter">
          {t('room.counter', { count: text.length, max: QUESTION_MAX_LENGTH })}
        </p>
      </div>
      <div className="ask-row">
        <label className="checkbox">
          <input type="checkbox" checked={anonymous} disabled={ended} onChange={(e) => setAnonymous(e.target.checked)} />
          <span>{t('qa.anonymous')}</span>
        </label>
        <button type="submit" className="button" disabled={ended} aria-disabled={busy || undefined}>
          {t('qa.submit')}
        </button>
      </div>
      <Feedback message={message} />
    </form>
  );
}

function QuestionList({ room, order, onOrder, moderator }: { room: string; order: QuestionOrder; onOrder: (o: QuestionOrder) => void; moderator: boolean }) {
  const { t } = useI18n();
  const ids = useStore(useShallow((s) => selectQuestionIds(s, room, order)));
  const [message, setMessage] = useState<Message>(null);
  const listId = useId();
  return (
    <div className="question-list-wrap">
      <div className="segmented" role="group" aria-label={t('qa.order')}>
        {(['popular', 'recent'] as const).map((o) => (
          <button key={o} type="button" aria-pressed={order === o} onClick={() => onOrder(o)}>
            {t(o === 'popular' ? 'qa.popular' : 'qa.recent')}
          </button>
        ))}
      </div>
      <h4 id={listId} className="visually-hidden">
        {t('qa.list')}
      </h4>
      {ids.length === 0 ? (
        <p className="empty">{t('qa.empty')}</p>
      ) : (
        <ol className="question-list" aria-labelledby={listId} data-testid="question-list">
          {ids.map((id) => (
            <QuestionItem key={id} id={id} room={room} moderator={moderator} onMessage={setMessage} />
          ))}
        </ol>
      )}
      <Feedback message={message} />
    </div>
  );
}

function QuestionItem({ id, room, moderator, onMessage }: { id: string; room: string; moderator: boolean; onMessage: (m: Message) => void }) {
  const { t, lang } = useI18n();
  const question = useStore((s) => s.questions[id]);
  const voted = useStore((s) => s.interactions[room]?.myVotes.includes(id) ?? false);
  const mine = useStore((s) => s.interactions[room]?.myQuestionIds.includes(id) ?? false);
  const upvote = useStore((s) => s.upvoteQuestion);
  const countId = useId();
  if (!question) return null;
  const pending = question.status === 'pending';
  const classes = ['question', question.pinned ? 'question-pinned' : '', question.answered ? 'question-answered' : '', pending ? 'question-pending' : ''];
  return (
    <li className={classes.filter(Boolean).join(' ')}>
      <div className="question-vote">
        <button
          type="button"
          className="vote-button"
          aria-pressed={voted}
          aria-label={t('qa.upvote', { text: question.text })}
          aria-describedby={countId}
          // A question waiting for approval cannot be voted on yet.
          disabled={pending}
          onClick={() => upvote(id, !voted).catch((e: unknown) => onMessage({ kind: 'error', text: realtimeErrorText(e, t, lang) }))}
        >
          <span aria-hidden="true" className="vote-arrow">
            ▲
          </span>
        </button>
        {/* Beside the button, not in it: the button's name is what it does ("Rösta upp: …"). */}
        <span id={countId} className="vote-count" data-testid="question-votes">
          <span aria-hidden="true">{question.votes}</span>
          <span className="visually-hidden">{t('qa.votes', { count: question.votes })}</span>
        </span>
      </div>
      <div className="question-body">
        <p className="question-text">{question.text}</p>
        <p className="question-meta">
          <span className="chat-author">{question.author ?? t('qa.anonymousAuthor')}</span>
          {mine && <span className="chat-you"> {`(${t('room.you')})`}</span>} <time dateTime={question.createdAt}>{formatClock(question.createdAt, lang)}</time>
          {question.pinned && <span className="badge badge-pinned">{t('qa.pinned')}</span>}
          {question.answered && <span className="badge badge-answered">{t('qa.answered')}</span>}
          {pending && <span className="badge badge-pending">{t('qa.pending')}</span>}
        </p>
        {moderator && <QuestionActions id={id} onMessage={onMessage} />}
      </div>
    </li>
  );
}

/** Moderators' actions on one question; each says what it did in the list's status region. */
function QuestionActions({ id, onMessage, pendingList = false }: { id: string; onMessage: (m: Message) => void; pendingList?: boolean }) {
  const { t, lang } = useI18n();
  const question = useStore((s) => s.questions[id]);
  const moderateQuestion = useStore((s) => s.moderateQuestion);
  if (!question) return null;
  const about = t('qa.actionFor', { text: question.text.slice(0, 120) });
  const run = (action: QuestionAction) => {
    onMessage(null);
    moderateQuestion(id, action)
      .then(() => onMessage({ kind: 'status', text: t(`qa.done.${action}`) }))
      .catch((e: unknown) => onMessage({ kind: 'error', text: realtimeErrorText(e, t, lang) }));
  };
  const button = (action: QuestionAction, label: string, className = 'link-button') => (
    <button type="button" className={className} aria-label={`${label} ${about}`} onClick={() => run(action)}>
      {label}
    </button>
  );
  if (pendingList) {
    return (
      <div className="chat-actions">
        {button('approve', t('qa.approve'), 'button button-small')}
        {button('hide', t('qa.hide'), 'button button-small button-secondary')}
      </div>
    );
  }
  return (
    <div className="chat-actions">
      {question.answered ? button('unanswer', t('qa.markUnanswered')) : button('answer', t('qa.markAnswered'))}
      {question.pinned ? button('unpin', t('qa.unpin')) : button('pin', t('qa.pin'))}
      {button('hide', t('qa.hide'), 'link-button link-button-danger')}
    </div>
  );
}

/** Moderators: pre-moderation on or off, and the questions waiting for "Godkänn" or "Dölj". */
function QaModeration({ room }: { room: string }) {
  const { t, lang } = useI18n();
  const premoderation = useStore((s) => s.interactions[room]?.premoderation ?? false);
  const configureQa = useStore((s) => s.configureQa);
  const pending = useStore(useShallow((s) => selectPendingQuestionIds(s, room)));
  const [message, setMessage] = useState<Message>(null);
  const busy = useRef(false);
  const headingId = useId();
  const listHeadingId = useId();

  async function toggle(on: boolean) {
    if (busy.current) return;
    busy.current = true;
    setMessage(null);
    try {
      await configureQa(room, on);
    } catch (e) {
      setMessage({ kind: 'error', text: realtimeErrorText(e, t, lang) });
    } finally {
      busy.current = false;
    }
  }

  return (
    <section className="moderation qa-moderation" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('qa.moderation')}</h4>
      <label className="checkbox">
        <input type="checkbox" checked={premoderation} onChange={(e) => void toggle(e.target.checked)} />
        <span>{t('qa.premoderation')}</span>
      </label>
      <h5 id={listHeadingId}>{t('qa.pendingTitle', { count: pending.length })}</h5>
      {pending.length === 0 ? (
        <p className="empty">{t('qa.noPending')}</p>
      ) : (
        <ul className="question-list" aria-labelledby={listHeadingId}>
          {pending.map((id) => (
            <PendingQuestion key={id} id={id} onMessage={setMessage} />
          ))}
        </ul>
      )}
      <Feedback message={message} />
    </section>
  );
}

function PendingQuestion({ id, onMessage }: { id: string; onMessage: (m: Message) => void }) {
  const { t, lang } = useI18n();
  const question = useStore((s) => s.questions[id]);
  if (!question) return null;
  return (
    <li className="question question-pending">
      <div className="question-body">
        <p className="question-text">{question.text}</p>
        <p className="question-meta">
          <span className="chat-author">{question.author ?? t('qa.anonymousAuthor')}</span>{' '}
          <time dateTime={question.createdAt}>{formatClock(question.createdAt, lang)}</time>
        </p>
        <QuestionActions id={id} onMessage={onMessage} pendingList />
      </div>
    </li>
  );
}
