import { useEffect, useId, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { api, pathTo, type Poll } from '@samling/protocol';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { realtimeErrorText } from '../room/errors.ts';
import { ConfirmInline } from '../../ui/ConfirmInline.tsx';
import { PollForm } from './PollForm.tsx';
import { selectSessionPollIds } from './selectors.ts';

type Message = { kind: 'status' | 'error'; text: string } | null;

function Feedback({ message }: { message: Message }) {
  return (
    <>
      <div role="status">{message?.kind === 'status' && <p className="moderation-status">{message.text}</p>}</div>
      <div role="alert">{message?.kind === 'error' && <p className="inline-error">{message.text}</p>}</div>
    </>
  );
}

/**
 * For moderators in the room: the session's polls (prepared ones included) with start, close, reopen, reset and
 * show/hide results, participation, CSV downloads, and "Ny omröstning" to make one on the spot.
 */
export function PollManager({ room, slug }: { room: string; slug: string }) {
  const { t, lang } = useI18n();
  const headingId = useId();
  const listPolls = useStore((s) => s.listPolls);
  const loadSessionPolls = useStore((s) => s.loadSessionPolls);
  const createPoll = useStore((s) => s.createPoll);
  const launchPoll = useStore((s) => s.launchPoll);
  const snapshots = useStore((s) => s.interactions[room]?.snapshots ?? 0);
  const listState = useStore((s) => s.interactions[room]?.pollList ?? 'idle');
  const ids = useStore(useShallow((s) => selectSessionPollIds(s, room)));
  const [creating, setCreating] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const newButton = useRef<HTMLButtonElement>(null);

  // Again after every snapshot: a reconnect that was not recovered may have missed polls made elsewhere.
  useEffect(() => {
    if (snapshots === 0) return;
    listPolls(room).catch(() => {});
  }, [room, snapshots, listPolls]);
  // Participation ("X av Y närvarande svarade") comes from the HTTP list; fetched again when a poll closes.
  const closedCount = useStore((s) => ids.filter((id) => s.polls[id]?.status === 'closed').length);
  useEffect(() => {
    void loadSessionPolls(slug, room);
  }, [slug, room, closedCount, loadSessionPolls]);

  return (
    <section className="poll-manager" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('pollAdmin.title')}</h4>
      {listState === 'error' && (
        <div className="error-state" role="alert">
          <p>{t('errors.NETWORK')}</p>
          <button type="button" className="button button-small" onClick={() => listPolls(room).catch(() => {})}>
            {t('app.retry')}
          </button>
        </div>
      )}
      {ids.length === 0 ? (
        listState === 'loading' ? (
          <p className="loading" role="status">
            <span className="spinner" aria-hidden="true" />
            {t('app.loading')}
          </p>
        ) : (
          <p className="empty">{t('pollAdmin.empty')}</p>
        )
      ) : (
        <ul className="poll-admin-list">
          {ids.map((id) => (
            <PollAdminItem key={id} pollId={id} slug={slug} onMessage={setMessage} />
          ))}
        </ul>
      )}
      <Feedback message={message} />
      <p className="poll-admin-links">
        <a href={pathTo(api.sessionCsv, { slug, id: room })} download>
          {t('pollAdmin.sessionCsv')}
        </a>
      </p>
      <button
        type="button"
        ref={newButton}
        className="button button-secondary"
        aria-expanded={creating}
        onClick={() => {
          setCreating(!creating);
          setMessage(null);
        }}
      >
        {t('pollAdmin.new')}
      </button>
      {creating && (
        <div className="form-inline-card">
          <PollForm
            heading={t('pollAdmin.new')}
            allowLaunch
            onCancel={() => {
              setCreating(false);
              newButton.current?.focus();
            }}
            onSubmit={async (input, launch) => {
              try {
                const poll = await createPoll(room, input);
                if (launch) await launchPoll(poll.id);
                setCreating(false);
                setMessage({ kind: 'status', text: launch ? t('pollAdmin.launched') : t('pollAdmin.created', { question: poll.question }) });
                newButton.current?.focus();
                return null;
              } catch (e) {
                return realtimeErrorText(e, t, lang);
              }
            }}
          />
        </div>
      )}
    </section>
  );
}

function PollAdminItem({ pollId, slug, onMessage }: { pollId: string; slug: string; onMessage: (m: Message) => void }) {
  const { t, lang } = useI18n();
  const poll = useStore((s) => s.polls[pollId]);
  const onScreen = useStore((s) => (poll ? s.interactions[poll.sessionId]?.currentPollId === pollId : false));
  const liveVoters = useStore((s) => s.pollResults[pollId]?.voters);
  const summary = useStore((s) => s.pollSummaries[pollId]);
  const viewers = useStore((s) => (poll ? (s.rooms[poll.sessionId]?.viewers ?? null) : null));
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const resetButton = useRef<HTMLButtonElement>(null);
  const store = useStore.getState;

  if (!poll) return null;

  async function act(action: () => Promise<Poll>, done: MessageKey) {
    if (busy) return;
    setBusy(true);
    onMessage(null);
    try {
      await action();
      onMessage({ kind: 'status', text: t(done) });
    } catch (e) {
      onMessage({ kind: 'error', text: realtimeErrorText(e, t, lang) });
    } finally {
      setBusy(false);
    }
  }

  const voters = liveVoters ?? summary?.voters ?? 0;
  // Present: the room now while the poll is open, the room when it closed afterwards.
  const present = poll.status === 'open' ? viewers : (summary?.present ?? null);
  // The list has one row per poll: each control's name says which poll it acts on ("Starta omröstningen: <fråga>").
  const named = (label: string) => ({ 'aria-label': `${label}: ${poll.question}` });
  const primary = t(poll.status === 'draft' ? 'pollAdmin.launch' : poll.status === 'open' ? 'pollAdmin.close' : 'pollAdmin.reopen');
  const reveal = poll.resultsRevealed ? t('pollAdmin.hide') : t('pollAdmin.reveal');

  return (
    <li className={onScreen ? 'poll-admin-item poll-admin-current' : 'poll-admin-item'}>
      <div className="poll-admin-text">
        <span className="item-name">{poll.question}</span>
        <span className="poll-admin-meta">
          <span className="badge badge-kind">{t(`poll.kind.${poll.kind}`)}</span>
          <span className={`badge badge-poll-${poll.status}`}>{t(`poll.status.${poll.status}`)}</span>
          {onScreen && <span className="badge badge-next">{t('pollAdmin.onScreen')}</span>}
          {poll.status !== 'draft' && (
            <span>{present !== null && present > 0 ? t('pollAdmin.participation', { voters, present }) : t('poll.voters', { count: voters })}</span>
          )}
        </span>
      </div>
      {confirming ? (
        <ConfirmInline
          className="item-actions chat-confirm"
          question={t('pollAdmin.resetConfirm', { question: poll.question })}
          confirmLabel={t('pollAdmin.resetYes')}
          cancelLabel={t('pollAdmin.cancel')}
          returnFocus={resetButton}
          onConfirm={() => {
            setConfirming(false);
            void act(() => store().resetPoll(poll.id), 'pollAdmin.resetDone');
          }}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <div className="item-actions">
          {/* One button whose action follows the status, so the keyboard focus stays on it. */}
          <button
            type="button"
            className={poll.status === 'open' ? 'button button-small button-danger' : poll.status === 'draft' ? 'button button-small' : 'button button-small button-secondary'}
            aria-disabled={busy || undefined}
            {...named(primary)}
            onClick={() => {
              if (poll.status === 'draft') void act(() => store().launchPoll(poll.id), 'pollAdmin.launched');
              else if (poll.status === 'open') void act(() => store().closePoll(poll.id), 'pollAdmin.closed');
              else void act(() => store().reopenPoll(poll.id), 'pollAdmin.reopened');
            }}
          >
            {primary}
          </button>
          {poll.status !== 'draft' && poll.settings.hideResults && (
            <button
              type="button"
              className="button button-small button-secondary"
              aria-disabled={busy || undefined}
              {...named(reveal)}
              onClick={() => void act(() => store().revealResults(poll.id, !poll.resultsRevealed), poll.resultsRevealed ? 'pollAdmin.hidden' : 'pollAdmin.revealed')}
            >
              {reveal}
            </button>
          )}
          {poll.status !== 'draft' && (
            <>
              <button ref={resetButton} type="button" className="button button-small button-secondary" {...named(t('pollAdmin.reset'))} onClick={() => setConfirming(true)}>
                {t('pollAdmin.reset')}
              </button>
              <a className="button button-small button-secondary" href={pathTo(api.pollCsv, { slug, id: poll.id })} download {...named(t('pollAdmin.csv'))}>
                {t('pollAdmin.csv')}
              </a>
            </>
          )}
        </div>
      )}
    </li>
  );
}
