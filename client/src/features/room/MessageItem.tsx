import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Room } from '@samling/protocol';
import { useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { realtimeErrorText } from './errors.ts';
import { Linkified } from './linkify.tsx';
import { formatClock } from './time.ts';

/** What a moderator or author is told after acting on a message, in the panel's status or alert region. */
export type Feedback = { kind: 'status' | 'error'; text: string };

const MUTE_MINUTES = 10;

/** One chat message: author, time and text; the author may delete it, moderators may also pin, mute and ban. */
export function MessageItem({
  id,
  room,
  meId,
  moderator,
  onFeedback,
  onRemoved,
}: {
  id: string;
  room: Room;
  meId: string;
  moderator: boolean;
  onFeedback: (f: Feedback | null) => void;
  onRemoved: () => void;
}) {
  const { t, lang } = useI18n();
  const message = useStore((s) => s.chatMessages[id]);
  const actions = useStore(useShallow((s) => ({ deleteMessage: s.deleteMessage, pinMessage: s.pinMessage, mutePerson: s.mutePerson })));
  const metaId = useId();
  const textId = useId();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const banButton = useRef<HTMLButtonElement>(null);
  if (!message) return null;

  const own = message.author.id !== null && message.author.id === meId;
  const name = message.author.id === null ? t('room.deletedUser') : message.author.displayName;
  const describedBy = `${metaId} ${textId}`;
  const canModeratePerson = moderator && !own && message.author.id !== null;

  async function run(action: () => Promise<string | null>) {
    if (busy) return;
    setBusy(true);
    onFeedback(null);
    try {
      const status = await action();
      if (status) onFeedback({ kind: 'status', text: status });
    } catch (e) {
      onFeedback({ kind: 'error', text: realtimeErrorText(e, t, lang) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className={own ? 'chat-message chat-message-own' : 'chat-message'}>
      <p className="chat-meta" id={metaId}>
        <span className="chat-author">
          {name}
          {own && <span className="chat-you"> ({t('room.you')})</span>}
        </span>{' '}
        <time dateTime={message.createdAt}>{formatClock(message.createdAt, lang)}</time>
      </p>
      <p className="chat-text" id={textId}>
        <Linkified text={message.text} newTabNote={t('room.newTab')} />
      </p>
      {(own || moderator) && !confirming && (
        <div className="chat-actions">
          <button
            type="button"
            className="link-button"
            aria-describedby={describedBy}
            onClick={() =>
              void run(async () => {
                await actions.deleteMessage(room, message.id);
                onRemoved();
                return null;
              })
            }
          >
            {t('room.delete')}
          </button>
          {moderator && (
            <button type="button" className="link-button" aria-describedby={describedBy} onClick={() => void run(async () => (await actions.pinMessage(room, message.id), null))}>
              {t('room.pin')}
            </button>
          )}
          {canModeratePerson && (
            <>
              <button
                type="button"
                className="link-button"
                aria-describedby={describedBy}
                onClick={() =>
                  void run(async () => {
                    const until = await actions.mutePerson(message.author.id!, MUTE_MINUTES);
                    return t('room.mutedPerson', { name, time: formatClock(until, lang) });
                  })
                }
              >
                {t('room.mute')}
              </button>
              <button type="button" className="link-button link-button-danger" aria-describedby={describedBy} ref={banButton} onClick={() => setConfirming(true)}>
                {t('room.ban')}
              </button>
            </>
          )}
        </div>
      )}
      {confirming && (
        <BanConfirm
          name={name}
          onCancel={() => {
            setConfirming(false);
            requestAnimationFrame(() => banButton.current?.focus());
          }}
          onConfirm={(reason) =>
            void run(async () => {
              await useStore.getState().banPerson(message.author.id!, reason);
              setConfirming(false);
              return t('room.bannedPerson', { name });
            })
          }
        />
      )}
    </li>
  );
}

/** The confirm step before a ban: it disconnects the person from the whole event at once. */
function BanConfirm({ name, onCancel, onConfirm }: { name: string; onCancel: () => void; onConfirm: (reason: string) => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const questionId = useId();
  const reasonId = useId();
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);

  function submit(e: FormEvent) {
    e.preventDefault();
    onConfirm(reason.trim());
  }

  return (
    <form className="chat-confirm" aria-labelledby={questionId} onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <p id={questionId}>{t('room.banConfirm', { name })}</p>
      <div className="field">
        <label htmlFor={reasonId}>{t('room.banReason')}</label>
        <input id={reasonId} ref={field} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-danger button-small">
          {t('room.banYes')}
        </button>
        <button type="button" className="button button-secondary button-small" onClick={onCancel}>
          {t('room.cancel')}
        </button>
      </div>
    </form>
  );
}
