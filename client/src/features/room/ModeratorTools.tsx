import { useId, useState, type FormEvent } from 'react';
import type { ChatSettings, Person, Room } from '@samling/protocol';
import { useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { realtimeErrorText } from './errors.ts';

/** The slow-mode choices moderators get; a value set elsewhere (an API client) is shown as well. */
export const SLOW_MODE_CHOICES = [0, 5, 10, 30, 60] as const;

type Message = { kind: 'status' | 'error'; text: string } | null;

function Feedback({ message }: { message: Message }) {
  return (
    <>
      <div role="status">{message?.kind === 'status' && <p className="moderation-status">{message.text}</p>}</div>
      <div role="alert">{message?.kind === 'error' && <p className="inline-error">{message.text}</p>}</div>
    </>
  );
}

/** For moderators and organisers: open or close the chat, slow it down, see who is here, edit the word filter. */
export function ModeratorTools({ room }: { room: Room }) {
  const { t } = useI18n();
  const headingId = useId();
  return (
    <section className="moderation" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('room.moderation')}</h3>
      <ChatControls room={room} />
      <PeopleHere room={room} />
      <WordFilterEditor />
    </section>
  );
}

function ChatControls({ room }: { room: Room }) {
  const { t, lang } = useI18n();
  const chat = useStore((s) => s.rooms[room]?.chat);
  const configureChat = useStore((s) => s.configureChat);
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);
  const slowId = useId();
  if (!chat) return null;

  async function configure(change: Partial<ChatSettings>) {
    // Only the open/close toggle waits for its answer: a double click must not close and reopen at once.
    if (busy && change.open !== undefined) return;
    if (change.open !== undefined) setBusy(true);
    setMessage(null);
    try {
      await configureChat(room, change);
    } catch (e) {
      setMessage({ kind: 'error', text: realtimeErrorText(e, t, lang) });
    } finally {
      if (change.open !== undefined) setBusy(false);
    }
  }

  const choices: number[] = SLOW_MODE_CHOICES.includes(chat.slowModeSeconds as (typeof SLOW_MODE_CHOICES)[number])
    ? [...SLOW_MODE_CHOICES]
    : [...SLOW_MODE_CHOICES, chat.slowModeSeconds].sort((a, b) => a - b);

  return (
    <div className="moderation-group">
      <div className="moderation-row">
        <button
          type="button"
          className={chat.open ? 'button button-secondary' : 'button'}
          aria-disabled={busy || undefined}
          onClick={() => void configure({ open: !chat.open })}
        >
          {chat.open ? t('room.closeChat') : t('room.openChat')}
        </button>
        <div className="field field-inline">
          <label htmlFor={slowId}>{t('room.slowMode')}</label>
          <select id={slowId} value={chat.slowModeSeconds} onChange={(e) => void configure({ slowModeSeconds: Number(e.target.value) })}>
            {choices.map((s) => (
              <option key={s} value={s}>
                {s === 0 ? t('room.slowOff') : t('room.seconds', { seconds: s })}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Feedback message={message} />
    </div>
  );
}

function PeopleHere({ room }: { room: Room }) {
  const { t, lang } = useI18n();
  const listPeople = useStore((s) => s.listPeople);
  const [open, setOpen] = useState(false);
  const [people, setPeople] = useState<Person[] | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const listId = useId();

  async function toggle() {
    if (open) {
      setOpen(false);
      return;
    }
    setOpen(true);
    setMessage(null);
    try {
      setPeople(await listPeople(room));
    } catch (e) {
      setMessage({ kind: 'error', text: realtimeErrorText(e, t, lang) });
    }
  }

  return (
    <div className="moderation-group">
      <button type="button" className="button button-secondary button-small" aria-expanded={open} aria-controls={listId} onClick={() => void toggle()}>
        {t('room.whoIsHere')}
      </button>
      <div id={listId} hidden={!open}>
        {open && people !== null && people.length === 0 && <p>{t('room.nobody')}</p>}
        {open && people !== null && people.length > 0 && (
          <ul className="people-list" aria-label={t('room.people')}>
            {people.map((p) => (
              <li key={p.userId}>{t('room.person', { name: p.displayName, role: t(`role.${p.role}`) })}</li>
            ))}
          </ul>
        )}
      </div>
      <Feedback message={message} />
    </div>
  );
}

function WordFilterEditor() {
  const { t, lang } = useI18n();
  const getWordFilter = useStore((s) => s.getWordFilter);
  const setWordFilter = useStore((s) => s.setWordFilter);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const panelId = useId();
  const fieldId = useId();
  const hintId = useId();

  async function toggle() {
    if (open) {
      setOpen(false);
      return;
    }
    setOpen(true);
    setMessage(null);
    try {
      setText((await getWordFilter()).join('\n'));
    } catch (e) {
      setMessage({ kind: 'error', text: realtimeErrorText(e, t, lang) });
    }
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (busy || text === null) return;
    const words = [...new Set(text.split('\n').map((w) => w.trim()).filter(Boolean))];
    setBusy(true);
    setMessage(null);
    try {
      const saved = await setWordFilter(words);
      setText(saved.join('\n'));
      setMessage({ kind: 'status', text: t('room.wordFilterSaved', { count: saved.length }) });
    } catch (err) {
      setMessage({ kind: 'error', text: realtimeErrorText(err, t, lang) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="moderation-group">
      <button type="button" className="button button-secondary button-small" aria-expanded={open} aria-controls={panelId} onClick={() => void toggle()}>
        {t('room.wordFilter')}
      </button>
      <div id={panelId} hidden={!open}>
        {open && text !== null && (
          <form className="form" onSubmit={(e) => void save(e)}>
            <div className="field">
              <label htmlFor={fieldId}>{t('room.wordFilterLabel')}</label>
              <p id={hintId} className="hint">
                {t('room.wordFilterHint')}
              </p>
              <textarea id={fieldId} rows={5} value={text} aria-describedby={hintId} onChange={(e) => setText(e.target.value)} />
            </div>
            <div className="form-actions">
              <button type="submit" className="button" aria-disabled={busy || undefined}>
                {t('room.wordFilterSave')}
              </button>
            </div>
          </form>
        )}
      </div>
      <Feedback message={message} />
    </div>
  );
}
