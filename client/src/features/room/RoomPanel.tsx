import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { atLeast, type Room } from '@samling/protocol';
import { useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { errorKey } from '../../ui/Async.tsx';
import { Composer } from './Composer.tsx';
import { MessageItem, type Feedback } from './MessageItem.tsx';
import { ModeratorTools } from './ModeratorTools.tsx';
import { BurstLayer, ReactionBar } from './Reactions.tsx';
import { ViewerCount } from './ViewerCount.tsx';
import { Linkified } from './linkify.tsx';
import { formatClock } from './time.ts';

const NO_IDS: string[] = [];
/** How many new messages the screen reader region keeps; older announcements are dropped. */
const ANNOUNCED = 5;

/**
 * One room (the lobby or a session): pinned message, the chat log, reactions, the composer and, for moderators,
 * their tools. Joins the room on mount and leaves it on unmount. The caller gives the heading.
 */
export function RoomPanel({ room }: { room: Room }) {
  return (
    <JoinedRoom room={room}>
      <ChatPanel room={room} />
    </JoinedRoom>
  );
}

/**
 * Joins `room` on mount and leaves it on unmount; shows the children once its snapshot is in, and until then
 * "connecting", or why not with a retry.
 */
export function JoinedRoom({ room, children }: { room: Room; children: ReactNode }) {
  const { t } = useI18n();
  const joinRoom = useStore((s) => s.joinRoom);
  const leaveRoom = useStore((s) => s.leaveRoom);
  useEffect(() => {
    void joinRoom(room);
    return () => leaveRoom(room);
  }, [room, joinRoom, leaveRoom]);

  const loaded = useStore((s) => Boolean(s.rooms[room]?.me));
  const status = useStore((s) => s.rooms[room]?.status);
  const error = useStore((s) => s.rooms[room]?.error ?? null);
  const connection = useStore((s) => s.connection);

  if (loaded) return <>{children}</>;
  if (connection.status === 'refused' && connection.refusal) {
    return <p className="notice">{t(errorKey(connection.refusal.code))}</p>;
  }
  // A join that failed for want of a connection is retried when the connection is back: keep saying "connecting".
  const waitingForConnection = error?.code === 'NETWORK' && connection.status !== 'online';
  if (status === 'error' && error && !waitingForConnection) {
    return (
      <div className="error-state" role="alert">
        <p>{t(errorKey(error.code))}</p>
        <button type="button" className="button" onClick={() => void joinRoom(room)}>
          {t('app.retry')}
        </button>
      </div>
    );
  }
  return (
    <p className="loading" role="status" aria-busy="true">
      <span className="spinner" aria-hidden="true" />
      {t('room.connecting')}
    </p>
  );
}

/** The chat of a joined room: pinned message, log, reactions, composer, and the moderators' tools. */
export function ChatPanel({ room }: { room: Room }) {
  const me = useStore((s) => s.rooms[room]!.me!);
  const sessionStatus = useStore((s) => s.rooms[room]?.session?.status ?? null);
  const moderator = atLeast(me.role, 'moderator');
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  // Reactions belong to a running room: the lobby, or a session while it is live.
  const reacting = sessionStatus === null || sessionStatus === 'live';

  return (
    <div className="room-panel">
      <ViewerCount room={room} />
      <PinnedMessage room={room} moderator={moderator} onFeedback={setFeedback} />
      <ChatLog room={room} meId={me.userId} moderator={moderator} onFeedback={setFeedback} />
      <div className="room-feedback">
        <div role="status">{feedback?.kind === 'status' && <p>{feedback.text}</p>}</div>
        <div role="alert">{feedback?.kind === 'error' && <p className="inline-error">{feedback.text}</p>}</div>
      </div>
      {reacting && (
        <div className="room-reactions">
          <ReactionBar room={room} />
          <BurstLayer room={room} />
        </div>
      )}
      <Composer room={room} />
      {moderator && <ModeratorTools room={room} />}
    </div>
  );
}

function PinnedMessage({ room, moderator, onFeedback }: { room: Room; moderator: boolean; onFeedback: (f: Feedback | null) => void }) {
  const { t, lang } = useI18n();
  const pinned = useStore((s) => s.rooms[room]?.pinned ?? null);
  const pinMessage = useStore((s) => s.pinMessage);
  const id = useId();
  if (!pinned) return null;
  const author = pinned.author.id === null ? t('room.deletedUser') : pinned.author.displayName;
  return (
    <aside className="chat-pinned" aria-labelledby={id}>
      <p className="chat-pinned-label" id={id}>
        {t('room.pinned')}
      </p>
      <p className="chat-meta">
        <span className="chat-author">{author}</span> <time dateTime={pinned.createdAt}>{formatClock(pinned.createdAt, lang)}</time>
      </p>
      <p className="chat-text">
        <Linkified text={pinned.text} newTabNote={t('room.newTab')} />
      </p>
      {moderator && (
        <button
          type="button"
          className="button button-small button-secondary"
          onClick={() => {
            onFeedback(null);
            pinMessage(room, null).catch(() => onFeedback({ kind: 'error', text: t('errors.NETWORK') }));
          }}
        >
          {t('room.unpin')}
        </button>
      )}
    </aside>
  );
}

function ChatLog({ room, meId, moderator, onFeedback }: { room: Room; meId: string; moderator: boolean; onFeedback: (f: Feedback | null) => void }) {
  const { t } = useI18n();
  const ids = useStore(useShallow((s) => s.rooms[room]?.messageIds ?? NO_IDS));
  const hasMore = useStore((s) => s.rooms[room]?.hasMore ?? false);
  const older = useStore((s) => s.rooms[room]?.older ?? 'idle');
  const loadOlder = useStore((s) => s.loadOlderMessages);
  const scroller = useRef<HTMLDivElement>(null);
  const labelId = useId();
  const previous = useRef<{ first: string | undefined; last: string | undefined; height: number }>({ first: undefined, last: undefined, height: 0 });
  /** Whether the reader is at (or near) the newest message; only then do new messages scroll the log. */
  const stick = useRef(true);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const before = previous.current;
    const first = ids[0];
    const last = ids[ids.length - 1];
    if (before.first !== undefined && first !== before.first && last === before.last) {
      // Older messages came in above: keep what the reader was looking at in place.
      el.scrollTop += el.scrollHeight - before.height;
    } else if (last !== before.last && stick.current) {
      el.scrollTop = el.scrollHeight;
    }
    previous.current = { first, last, height: el.scrollHeight };
  }, [ids]);

  return (
    <>
      <div
        className="chat-scroll"
        ref={scroller}
        tabIndex={0}
        role="region"
        aria-labelledby={labelId}
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
        }}
      >
        <h3 id={labelId} className="visually-hidden">
          {t('room.messages')}
        </h3>
        {hasMore && (
          <p className="chat-older">
            <button
              type="button"
              className="button button-small button-secondary"
              aria-disabled={older === 'loading' || undefined}
              onClick={() => loadOlder(room).catch(() => {})}
            >
              {t('room.loadOlder')}
            </button>
          </p>
        )}
        {older === 'error' && <p className="inline-error">{t('room.olderFailed')}</p>}
        {ids.length === 0 ? (
          <p className="empty">{t('room.noMessages')}</p>
        ) : (
          <ol className="chat-log" data-testid="chat-log">
            {ids.map((id) => (
              <MessageItem
                key={id}
                id={id}
                room={room}
                meId={meId}
                moderator={moderator}
                onFeedback={onFeedback}
                onRemoved={() => scroller.current?.focus()}
              />
            ))}
          </ol>
        )}
      </div>
      <NewMessages room={room} meId={meId} ids={ids} />
    </>
  );
}

/**
 * The polite live region for messages that arrive while one is in the room: the history (on joining, on paging back,
 * after a reconnect) is never read out, only news, and never one's own messages.
 */
function NewMessages({ room, meId, ids }: { room: Room; meId: string; ids: string[] }) {
  const { t } = useI18n();
  const status = useStore((s) => s.rooms[room]?.status);
  const [items, setItems] = useState<{ id: string; text: string }[]>([]);
  const previous = useRef<{ ids: string[]; joined: boolean }>({ ids, joined: false });

  useEffect(() => {
    const before = previous.current;
    const joined = status === 'joined';
    previous.current = { ids, joined };
    if (!joined || !before.joined) return;
    const known = new Set(before.ids);
    const lastKnown = before.ids[before.ids.length - 1];
    const from = lastKnown ? ids.indexOf(lastKnown) + 1 : 0;
    const messages = useStore.getState().chatMessages;
    const fresh = ids
      .slice(Math.max(0, from))
      .filter((id) => !known.has(id))
      .map((id) => messages[id])
      .filter((m) => m && m.author.id !== meId);
    if (fresh.length === 0) return;
    setItems((current) =>
      [
        ...current,
        ...fresh.map((m) => ({
          id: m!.id,
          text: t('room.announce', { author: m!.author.displayName, text: m!.text.length > 300 ? `${m!.text.slice(0, 300)}…` : m!.text }),
        })),
      ].slice(-ANNOUNCED),
    );
  }, [ids, status, meId, t]);

  return (
    <div className="visually-hidden" aria-live="polite" aria-relevant="additions" data-testid="chat-announcer">
      {items.map((item) => (
        <p key={item.id}>{item.text}</p>
      ))}
    </div>
  );
}
