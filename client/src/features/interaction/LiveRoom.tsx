import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Link } from '../../app/router.tsx';
import { paths } from '../../app/paths.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { useIsNarrow } from '../../ui/hooks.ts';
import { ChatPanel, JoinedRoom } from '../room/RoomPanel.tsx';
import { isModeratorRole } from './interaction.slice.ts';
import { PollManager } from './PollManager.tsx';
import { CurrentPoll } from './PollView.tsx';
import { QaPanel } from './QaPanel.tsx';

type Part = 'poll' | 'questions' | 'chat';
const parts: { key: Part; label: MessageKey }[] = [
  { key: 'chat', label: 'live.chat' },
  { key: 'poll', label: 'live.poll' },
  { key: 'questions', label: 'live.questions' },
];

/**
 * A session's live room: the poll, the questions and the chat. Side by side on a wide screen (poll and questions
 * left, chat right); on a phone one column with the tabs "Chatt", "Omröstning", "Frågor". Joins the room once for all three.
 */
export function LiveRoom({ slug, sessionId }: { slug: string; sessionId: string }) {
  return (
    <JoinedRoom room={sessionId}>
      <LiveRoomLayout slug={slug} room={sessionId} />
    </JoinedRoom>
  );
}

function LiveRoomLayout({ slug, room }: { slug: string; room: string }) {
  const narrow = useIsNarrow();
  const moderator = useStore((s) => isModeratorRole(s.rooms[room]?.me?.role));
  const content: Record<Part, ReactNode> = {
    poll: (
      <>
        <CurrentPoll room={room} />
        {moderator && <ModeratorPollTools slug={slug} room={room} />}
      </>
    ),
    questions: <QaPanel room={room} />,
    chat: <ChatPanel room={room} />,
  };
  return narrow ? <Tabbed room={room} content={content} /> : <Columns content={content} />;
}

function ModeratorPollTools({ slug, room }: { slug: string; room: string }) {
  const { t } = useI18n();
  return (
    <>
      <p className="present-link">
        <Link to={paths.present(slug, room)} target="_blank" rel="noopener">
          {t('live.present')} <span className="hint-inline">{t('room.newTab')}</span>
        </Link>
      </p>
      <PollManager room={room} slug={slug} />
    </>
  );
}

function Columns({ content }: { content: Record<Part, ReactNode> }) {
  const { t } = useI18n();
  const id = useId();
  const section = (part: Part) => (
    <section className={`live-part live-part-${part}`} aria-labelledby={`${id}-${part}`}>
      <h3 id={`${id}-${part}`}>{t(parts.find((p) => p.key === part)!.label)}</h3>
      {content[part]}
    </section>
  );
  return (
    <div className="live-room live-columns">
      <div className="live-main">
        {section('poll')}
        {section('questions')}
      </div>
      <div className="live-side">{section('chat')}</div>
    </div>
  );
}

/** The ARIA tabs pattern: arrow keys, Home and End move between tabs; panels stay mounted so drafts survive. */
function Tabbed({ room, content }: { room: string; content: Record<Part, ReactNode> }) {
  const { t } = useI18n();
  const id = useId();
  // People come to a room with a poll on screen to answer it; guests cannot chat at all.
  const [active, setActive] = useState<Part>(() => {
    const s = useStore.getState();
    return s.interactions[room]?.currentPollId || s.rooms[room]?.me?.role === 'guest' ? 'poll' : 'chat';
  });
  const tabs = useRef(new Map<Part, HTMLButtonElement>());
  const newPoll = useNewPollFlag(room, active === 'poll');

  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>, index: number) {
    const last = parts.length - 1;
    const to = e.key === 'ArrowRight' ? (index === last ? 0 : index + 1) : e.key === 'ArrowLeft' ? (index === 0 ? last : index - 1) : e.key === 'Home' ? 0 : e.key === 'End' ? last : null;
    if (to === null) return;
    e.preventDefault();
    const part = parts[to]!.key;
    setActive(part);
    tabs.current.get(part)?.focus();
  }

  return (
    <div className="live-room live-tabs">
      <div className="live-tablist" role="tablist" aria-label={t('live.tabs')}>
        {parts.map((p, i) => (
          <button
            key={p.key}
            ref={(el) => {
              if (el) tabs.current.set(p.key, el);
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${p.key}`}
            aria-selected={active === p.key}
            aria-controls={`${id}-panel-${p.key}`}
            tabIndex={active === p.key ? 0 : -1}
            className="live-tab"
            onClick={() => setActive(p.key)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            {t(p.label)}
            {p.key === 'poll' && newPoll && <span className="badge badge-now live-tab-new">{t('live.newPoll')}</span>}
          </button>
        ))}
      </div>
      {parts.map((p) => (
        <div
          key={p.key}
          role="tabpanel"
          id={`${id}-panel-${p.key}`}
          aria-labelledby={`${id}-tab-${p.key}`}
          hidden={active !== p.key}
          tabIndex={0}
          className="live-panel"
        >
          {content[p.key]}
        </div>
      ))}
    </div>
  );
}

/** Whether a poll opened that the person has not looked at yet (the "Omröstning" tab is elsewhere). */
function useNewPollFlag(room: string, looking: boolean): boolean {
  const openPollId = useStore((s) => {
    const id = s.interactions[room]?.currentPollId;
    return id && s.polls[id]?.status === 'open' ? id : null;
  });
  const [unseen, setUnseen] = useState<string | null>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      if (!looking) setUnseen(openPollId);
      return;
    }
    if (looking) setUnseen(null);
    else if (openPollId) setUnseen(openPollId);
    else setUnseen(null);
  }, [openPollId, looking]);
  return unseen !== null && unseen === openPollId;
}
