import { useEffect, useId, useState, useSyncExternalStore } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { api, pathTo, type Poll, type PollResults } from '@samling/protocol';
import { Link } from '../../app/router.tsx';
import { paths } from '../../app/paths.ts';
import { useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { useDocumentTitle } from '../../ui/hooks.ts';
import { useAgenda } from '../agenda/useAgenda.ts';
import { JoinedRoom } from '../room/RoomPanel.tsx';
import { useIsModerator, useRoomAccess } from '../room/useEventConnection.ts';
import { Countdown } from './Countdown.tsx';
import { PollResultsView } from './PollResults.tsx';
import { VoterCount } from './PollView.tsx';
import { selectQuestionIds } from './selectors.ts';

function subscribeFullscreen(onChange: () => void) {
  document.addEventListener('fullscreenchange', onChange);
  return () => document.removeEventListener('fullscreenchange', onChange);
}
const isFullscreen = () => document.fullscreenElement !== null && document.fullscreenElement !== undefined;

/**
 * `/e/:slug/s/:id/present`: the big screen in the hall, for moderators. The current poll's question and its results
 * as they come in, and how to take part (the guest code, QR code and link) when guest access is on. Large type,
 * high contrast, none of the site's navigation.
 */
export function PresenterPage({ slug, id }: { slug: string; id: string }) {
  const { t } = useI18n();
  const { agenda } = useAgenda(slug);
  const session = agenda?.sessions.find((s) => s.id === id);
  const access = useRoomAccess(slug);
  const moderator = useIsModerator(slug);
  useDocumentTitle(t('present.title'), session?.title, agenda?.event.name);

  let body;
  if (access === 'unknown') body = null;
  else if (access !== 'member' || !moderator) {
    body = (
      <div className="presenter-notice">
        <p>{t('present.forbidden')}</p>
        <p>
          <Link to={paths.session(slug, id)}>{t('present.back')}</Link>
        </p>
      </div>
    );
  } else {
    body = (
      <JoinedRoom room={id}>
        <PresenterScreen slug={slug} room={id} />
      </JoinedRoom>
    );
  }

  return (
    <div className="presenter">
      <div className="presenter-bar">
        <h1 className="presenter-title">{session?.title ?? t('present.title')}</h1>
        <div className="presenter-tools">
          <FullscreenButton />
          <Link to={paths.session(slug, id)} className="presenter-link">
            {t('present.back')}
          </Link>
        </div>
      </div>
      {body}
    </div>
  );
}

function FullscreenButton() {
  const { t } = useI18n();
  const full = useSyncExternalStore(subscribeFullscreen, isFullscreen, () => false);
  if (typeof document.documentElement.requestFullscreen !== 'function' || document.fullscreenEnabled === false) return null;
  return (
    <button
      type="button"
      className="presenter-button"
      onClick={() => {
        if (full) void document.exitFullscreen?.().catch(() => {});
        else void document.documentElement.requestFullscreen().catch(() => {});
      }}
    >
      {full ? t('present.exitFullscreen') : t('present.fullscreen')}
    </button>
  );
}

function PresenterScreen({ slug, room }: { slug: string; room: string }) {
  const loadGuestAccess = useStore((s) => s.loadGuestAccess);
  const guestAccess = useStore((s) => s.guestAccess[slug]);
  const pollId = useStore((s) => s.interactions[room]?.currentPollId ?? null);
  useEffect(() => {
    void loadGuestAccess(slug);
  }, [slug, loadGuestAccess]);
  const joining = guestAccess?.enabled && guestAccess.code && guestAccess.joinUrl;
  return (
    <div className={joining ? 'presenter-main presenter-with-join' : 'presenter-main'}>
      <div className="presenter-stage">{pollId ? <PresentedPoll key={pollId} pollId={pollId} /> : <TopQuestions room={room} />}</div>
      {joining && <JoinPanel slug={slug} code={guestAccess.code!} joinUrl={guestAccess.joinUrl!} />}
    </div>
  );
}

/** What the big screen may show: hidden results only once revealed, a quiz's counts only once it has closed. */
function shownOnScreen(poll: Poll, results: PollResults | null): boolean {
  if (!results) return false;
  if (poll.settings.hideResults && !poll.resultsRevealed) return false;
  return poll.kind !== 'quiz' || poll.status === 'closed';
}

function PresentedPoll({ pollId }: { pollId: string }) {
  const { t } = useI18n();
  const poll = useStore((s) => s.polls[pollId]);
  const message = useStore((s) => s.pollResults[pollId]);
  const headingId = useId();
  if (!poll) return null;
  const results = message?.results ?? null;
  // The quiz answer is the moderator's until the question closes.
  const screenPoll = poll.kind === 'quiz' && poll.status !== 'closed' ? { ...poll, correctOptionIds: null } : poll;
  return (
    <section className="presenter-poll" aria-labelledby={headingId}>
      <p className="presenter-meta">
        <span className="presenter-kind">{t(`poll.kind.${poll.kind}`)}</span>
        <span className={`presenter-status presenter-status-${poll.status}`}>{t(`poll.status.${poll.status}`)}</span>
        <VoterCount voters={message?.voters ?? 0} className="presenter-voters" />
      </p>
      <h2 id={headingId} className="presenter-question">
        {poll.question}
      </h2>
      {poll.status === 'open' && poll.closesAt && <Countdown closesAt={poll.closesAt} large />}
      {shownOnScreen(poll, results) && results ? (
        <div className="presenter-results">
          <PollResultsView poll={screenPoll} results={results} large />
        </div>
      ) : (
        <p className="presenter-waiting">
          {poll.kind === 'quiz' && poll.status === 'open' ? t('poll.quizResultsLater') : poll.settings.hideResults ? t('poll.resultsHidden') : null}
        </p>
      )}
    </section>
  );
}

function TopQuestions({ room }: { room: string }) {
  const { t } = useI18n();
  const ids = useStore(useShallow((s) => selectQuestionIds(s, room, 'popular').slice(0, 5)));
  const questions = useStore(useShallow((s) => ids.map((id) => s.questions[id]!).filter(Boolean)));
  const headingId = useId();
  if (questions.length === 0) return <p className="presenter-waiting">{t('present.noPoll')}</p>;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} className="presenter-question">
        {t('present.topQuestions')}
      </h2>
      <ol className="presenter-questions">
        {questions.map((q) => (
          <li key={q.id}>
            <span className="presenter-question-text">{q.text}</span>
            <span className="presenter-question-votes">{t('qa.votes', { count: q.votes })}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The way in for people in the hall: the link, the code and the QR code (the same link). */
function JoinPanel({ slug, code, joinUrl }: { slug: string; code: string; joinUrl: string }) {
  const { t } = useI18n();
  const headingId = useId();
  const [qrFailed, setQrFailed] = useState(false);
  let shortUrl = joinUrl;
  try {
    const url = new URL(joinUrl);
    shortUrl = `${url.host}${url.pathname}`;
  } catch {
    // Not a URL we can shorten: show it as it is.
  }
  return (
    <aside className="presenter-join" aria-labelledby={headingId}>
      <h2 id={headingId} className="presenter-join-heading">
        {t('present.joinHeading')}
      </h2>
      <p className="presenter-join-url">{t('present.joinAt', { url: shortUrl })}</p>
      <p className="presenter-code">
        <span className="presenter-code-label">{t('present.code')}</span>{' '}
        <span className="presenter-code-digits" data-testid="presenter-code">
          {code}
        </span>
      </p>
      {!qrFailed && (
        <img
          className="presenter-qr"
          src={pathTo(api.guestQr, { slug }, { code })}
          alt={t('manage.guests.qrAlt', { url: joinUrl })}
          width={240}
          height={240}
          onError={() => setQrFailed(true)}
        />
      )}
    </aside>
  );
}
