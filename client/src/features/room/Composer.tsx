import { useEffect, useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { atLeast, CHAT_MAX_LENGTH, type Room } from '@samling/protocol';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { errorKey } from '../../ui/Async.tsx';
import { realtimeErrorText } from './errors.ts';
import { formatClock } from './time.ts';

/** Why the person cannot write here right now, or null; moderators get a note instead of a block. */
function useComposerState(room: Room): { blocked: MessageKey | null; note: MessageKey | null; mutedUntil: string | null } {
  const open = useStore((s) => s.rooms[room]?.chat.open ?? true);
  const sessionStatus = useStore((s) => s.rooms[room]?.session?.status ?? null);
  const role = useStore((s) => s.rooms[room]?.me?.role ?? 'attendee');
  const mutedUntil = useStore((s) => s.rooms[room]?.me?.mutedUntil ?? null);
  const refusal = useStore((s) => (s.connection.status === 'refused' ? (s.connection.refusal?.code ?? 'FORBIDDEN') : null));
  const [, rerender] = useState(0);
  const mutedNow = mutedUntil !== null && Date.parse(mutedUntil) > Date.now();

  // A mute runs out by itself: enable the composer again when it does.
  useEffect(() => {
    if (!mutedNow || !mutedUntil) return;
    const id = window.setTimeout(() => rerender((n) => n + 1), Math.min(Date.parse(mutedUntil) - Date.now() + 250, 2 ** 31 - 1));
    return () => window.clearTimeout(id);
  }, [mutedNow, mutedUntil]);

  const moderator = atLeast(role, 'moderator');
  // Refused for good (banned, signed out, an old client): the reason is the block.
  if (refusal) return { blocked: errorKey(refusal), note: null, mutedUntil: null };
  // Guests joined by code to vote and ask; the chat needs an account (the server refuses them).
  if (role === 'guest') return { blocked: 'room.guestNoChat', note: null, mutedUntil: null };
  if (mutedNow) return { blocked: 'room.mutedSelf', note: null, mutedUntil };
  if (moderator) {
    if (sessionStatus !== null && sessionStatus !== 'live') return { blocked: null, note: 'room.notLiveModerator', mutedUntil: null };
    return { blocked: null, note: open ? null : 'room.closedModerator', mutedUntil: null };
  }
  if (sessionStatus === 'scheduled') return { blocked: 'session.roomOpensLater', note: null, mutedUntil: null };
  if (sessionStatus === 'ended') return { blocked: 'session.roomEnded', note: null, mutedUntil: null };
  if (!open) return { blocked: 'room.closed', note: null, mutedUntil: null };
  return { blocked: null, note: null, mutedUntil: null };
}

/** The message field: a label, a 1000-character counter, Enter to send, and errors read out by code. */
export function Composer({ room }: { room: Room }) {
  const { t, lang } = useI18n();
  const sendMessage = useStore((s) => s.sendMessage);
  const slowModeSeconds = useStore((s) => s.rooms[room]?.chat.slowModeSeconds ?? 0);
  const { blocked, note, mutedUntil } = useComposerState(room);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fieldId = useId();
  const counterId = useId();
  const hintId = useId();
  const stateId = useId();

  // An error about the old state (say, "the chat is closed") is stale once the state changes.
  useEffect(() => setError(null), [blocked]);

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    const message = text.trim();
    if (busy || blocked || !message) return;
    setBusy(true);
    setError(null);
    try {
      await sendMessage(room, message);
      setText('');
    } catch (err) {
      setError(realtimeErrorText(err, t, lang));
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    }
  }

  const stateText = blocked
    ? t(blocked, mutedUntil ? { time: formatClock(mutedUntil, lang) } : undefined)
    : note
      ? t(note)
      : slowModeSeconds > 0
        ? t('room.slowModeOn', { seconds: slowModeSeconds })
        : null;

  return (
    <form className="composer" onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor={fieldId} className="composer-label">
        {t('room.composer')}
      </label>
      {stateText && (
        <p id={stateId} className={blocked ? 'composer-state composer-blocked' : 'composer-state'}>
          {stateText}
        </p>
      )}
      <textarea
        id={fieldId}
        className="composer-field"
        rows={2}
        maxLength={CHAT_MAX_LENGTH}
        value={text}
        disabled={blocked !== null}
        aria-describedby={[stateText ? stateId : null, counterId, hintId].filter(Boolean).join(' ')}
        onChange={(e) => {
          setText(e.target.value);
          // The error was about the message as sent; editing starts a new attempt (the slow-mode rule stays in view).
          setError(null);
        }}
        onKeyDown={onKeyDown}
      />
      <div className="composer-row">
        <p id={counterId} className="composer-counter">
          {t('room.counter', { count: text.length, max: CHAT_MAX_LENGTH })}
        </p>
        <button type="submit" className="button" disabled={blocked !== null} aria-disabled={busy || undefined}>
          {t('room.send')}
        </button>
      </div>
      <p id={hintId} className="hint">
        {t('room.composerHint')}
      </p>
      <div role="alert" className="composer-error">
        {error && <p className="inline-error">{error}</p>}
      </div>
    </form>
  );
}
