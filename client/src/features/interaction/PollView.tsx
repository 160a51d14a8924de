import { useEffect, useId, useRef, useState } from 'react';
import type { Ballot, Language, Poll } from '@samling/protocol';
import { useI18n, type MessageKey, type Translate } from '../../i18n/index.ts';
import { isApiError } from '../../api.ts';
import { useStore } from '../../store/index.ts';
import { realtimeErrorText } from '../room/errors.ts';
import { useThrottled } from '../room/ViewerCount.tsx';
import { describeBallot } from './ballot.ts';
import { BallotForm } from './BallotForm.tsx';
import { Countdown } from './Countdown.tsx';
import { isModeratorRole } from './interaction.slice.ts';
import { PollResultsView } from './PollResults.tsx';
import { resultsVisible } from './selectors.ts';

/** A voter count is read out at most this often while answers pour in (it changes up to four times a second). */
const ANNOUNCE_VOTERS_MS = 10_000;

const BALLOT_REASONS = new Set(['too_many_choices', 'too_many_words', 'word_too_long', 'missing_rating', 'missing_option', 'answer_too_long', 'unknown_option']);

/** A refused vote in the voter's language; a ballot the server found wrong says what was wrong. */
export function voteErrorText(error: unknown, t: Translate, lang: Language): string {
  if (isApiError(error) && error.code === 'VALIDATION_FAILED') {
    const reason = error.details?.reason;
    if (typeof reason === 'string' && BALLOT_REASONS.has(reason)) return t(`ballot.${reason}` as MessageKey);
  }
  return realtimeErrorText(error, t, lang);
}

/** The poll on screen in a session room (the open one, else the last launched), or a note that there is none. */
export function CurrentPoll({ room }: { room: string }) {
  const { t } = useI18n();
  const pollId = useStore((s) => s.interactions[room]?.currentPollId ?? null);
  const status = useStore((s) => (pollId ? s.polls[pollId]?.status : undefined));
  const question = useStore((s) => (pollId ? s.polls[pollId]?.question : undefined));
  const moderator = useStore((s) => isModeratorRole(s.rooms[room]?.me?.role));
  const [announcement, setAnnouncement] = useState('');
  const seen = useRef<{ pollId: string | null; status: string | undefined } | null>(null);

  // Say when a poll starts or closes while one is here; not what was already on screen on arrival.
  useEffect(() => {
    const before = seen.current;
    seen.current = { pollId, status };
    if (!before || !pollId || !question) return;
    if (status === 'open' && (before.pollId !== pollId || before.status !== 'open')) setAnnouncement(t('poll.launched', { question }));
    else if (status === 'closed' && before.pollId === pollId && before.status === 'open') setAnnouncement(t('poll.closedNote'));
  }, [pollId, status, question, t]);

  return (
    <>
      <div className="visually-hidden" aria-live="polite" data-testid="poll-announcer">
        {announcement}
      </div>
      {pollId && status ? <PollCard key={pollId} pollId={pollId} moderator={moderator} /> : <p className="empty">{t('poll.none')}</p>}
    </>
  );
}

/** One poll: its kind and state, the question, the count of answers, the form or my answer, and the results. */
export function PollCard({ pollId, moderator }: { pollId: string; moderator: boolean }) {
  const { t } = useI18n();
  const poll = useStore((s) => s.polls[pollId]);
  const message = useStore((s) => s.pollResults[pollId]);
  const myBallot = useStore((s) => s.myBallots[pollId] ?? null);
  const questionId = useId();
  if (!poll) return null;
  const voters = message?.voters ?? 0;
  const answered = myBallot !== null;
  const results = message?.results ?? null;
  const showResults = resultsVisible(poll, results, { moderator, answered });

  let resultsNote: MessageKey | null = null;
  if (!showResults && !moderator && message) {
    if (results === null) resultsNote = 'poll.resultsHidden';
    else if (poll.kind === 'quiz' && poll.status === 'open') resultsNote = 'poll.quizResultsLater';
    else if (!answered && poll.status === 'open') resultsNote = 'poll.resultsAfterAnswer';
  }

  return (
    <article className={`poll-card poll-${poll.status}`} aria-labelledby={questionId}>
      <div className="poll-meta">
        <span className="badge badge-kind">{t(`poll.kind.${poll.kind}`)}</span>
        <span className={`badge badge-poll-${poll.status}`}>{t(`poll.status.${poll.status}`)}</span>
        <VoterCount voters={voters} />
      </div>
      <h4 id={questionId} className="poll-question">
        {poll.question}
      </h4>
      {poll.status === 'open' && poll.closesAt && <Countdown closesAt={poll.closesAt} />}
      {!moderator && <Answering poll={poll} myBallot={myBallot} questionId={questionId} />}
      {moderator && poll.settings.hideResults && !poll.resultsRevealed && <p className="hint">{t('pollAdmin.hiddenNote')}</p>}
      {showResults && results ? (
        <div className="poll-results">
          <PollResultsView poll={poll} results={results} moderator={moderator} />
        </div>
      ) : (
        resultsNote && <p className="hint">{t(resultsNote)}</p>
      )}
    </article>
  );
}

/** "12 svar", live on screen; read out politely at most every ten seconds. */
export function VoterCount({ voters, className = 'poll-voters' }: { voters: number; className?: string }) {
  const { t } = useI18n();
  const announced = useThrottled(voters, ANNOUNCE_VOTERS_MS);
  return (
    <>
      <span className={className} data-testid="poll-voters">
        {t('poll.voters', { count: voters })}
      </span>
      <span className="visually-hidden" aria-live="polite">
        {announced > 0 ? t('poll.votersAnnounce', { count: announced }) : ''}
      </span>
    </>
  );
}

/** The voting form, or my answer with "Ändra svar" where the poll allows it. */
function Answering({ poll, myBallot, questionId }: { poll: Poll; myBallot: Ballot | null; questionId: string }) {
  const { t, lang } = useI18n();
  const vote = useStore((s) => s.vote);
  const [changing, setChanging] = useState(false);
  const [thanks, setThanks] = useState(false);
  const answerRef = useRef<HTMLDivElement>(null);
  const changeRef = useRef<HTMLButtonElement>(null);
  const formRef = useRef<HTMLDivElement>(null);
  const [focus, setFocus] = useState<'answer' | 'change' | 'form' | null>(null);
  const open = poll.status === 'open';

  useEffect(() => {
    if (focus === 'answer') answerRef.current?.focus();
    else if (focus === 'change') changeRef.current?.focus();
    else if (focus === 'form') formRef.current?.querySelector<HTMLElement>('input:not(:disabled), textarea, button')?.focus();
    if (focus) setFocus(null);
  }, [focus]);

  async function submit(ballot: Ballot): Promise<string | null> {
    try {
      await vote(poll.id, ballot);
      setChanging(false);
      setThanks(true);
      setFocus('answer');
      return null;
    } catch (e) {
      return voteErrorText(e, t, lang);
    }
  }

  if (open && (!myBallot || changing)) {
    return (
      <div ref={formRef}>
        <BallotForm
          poll={poll}
          given={myBallot}
          questionId={questionId}
          onSubmit={submit}
          onCancel={
            changing
              ? () => {
                  setChanging(false);
                  setFocus('change');
                }
              : undefined
          }
        />
      </div>
    );
  }
  if (!myBallot) return <p className="notice">{t('poll.notAnswered')}</p>;
  const described = describeBallot(poll, myBallot);
  return (
    <div className="my-answer" ref={answerRef} tabIndex={-1}>
      <div role="status">{thanks && <p className="moderation-status">{t('poll.thanks')}</p>}</div>
      <p className="my-answer-label">{t('poll.yourAnswer')}</p>
      {described.length === 1 ? (
        <p className="my-answer-text">{described[0]}</p>
      ) : (
        <ul className="my-answer-list">
          {described.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
      {open &&
        (poll.settings.allowChange ? (
          <button
            type="button"
            className="button button-secondary button-small"
            ref={changeRef}
            onClick={() => {
              setThanks(false);
              setChanging(true);
              setFocus('form');
            }}
          >
            {t('poll.change')}
          </button>
        ) : (
          <p className="hint">{t('poll.answerLocked')}</p>
        ))}
    </div>
  );
}
