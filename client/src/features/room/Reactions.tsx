import type { CSSProperties } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Reactions, type Reaction, type Room } from '@samling/protocol';
import { useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { useMediaQuery } from '../../ui/hooks.ts';
import type { Burst } from './room.slice.ts';

const NO_TOTALS: Partial<Record<Reaction, number>> = {};
const NO_BURSTS: Burst[] = [];

/** One button per reaction; the number beside each is how many the room sent since you came in. */
export function ReactionBar({ room }: { room: Room }) {
  const { t } = useI18n();
  const totals = useStore(useShallow((s) => s.rooms[room]?.reactionTotals ?? NO_TOTALS));
  const react = useStore((s) => s.react);
  return (
    <ul className="reaction-bar" aria-label={t('room.reactions')}>
      {Reactions.map((reaction) => (
        <li key={reaction} className="reaction-item">
          <button
            type="button"
            className="reaction-button"
            aria-label={t('room.react', { emoji: reaction })}
            // A lost reaction is not worth an error message.
            onClick={() => react(room, reaction).catch(() => {})}
          >
            {reaction}
          </button>
          {/* Beside the button, not in it: the button's name is what it shows ("Reagera med 👍"). */}
          <span className="reaction-count" data-testid={`reaction-count-${reaction}`}>
            {totals[reaction] ?? 0}
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Emoji floating up for the reactions just counted. Decoration only: hidden from assistive technology
 * (the counts carry the information) and not drawn at all when the reader prefers reduced motion.
 */
export function BurstLayer({ room }: { room: Room }) {
  const bursts = useStore(useShallow((s) => s.rooms[room]?.bursts ?? NO_BURSTS));
  const reduced = useMediaQuery('(prefers-reduced-motion: reduce)');
  return (
    <div className="reaction-bursts" aria-hidden="true" data-testid="reaction-bursts">
      {!reduced &&
        bursts.map((b) => (
          <span
            key={b.id}
            className="reaction-burst"
            // Spread by id rather than at random, so a rerender does not make an emoji jump.
            style={{ '--burst-x': `${(b.id * 37) % 88 + 4}%`, '--burst-delay': `${(b.id * 53) % 500}ms` } as CSSProperties}
          >
            {b.reaction}
          </span>
        ))}
    </div>
  );
}
