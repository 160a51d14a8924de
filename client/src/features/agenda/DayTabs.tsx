import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { formatDay, useI18n } from '../../i18n/index.ts';

/**
 * The event's days as an ARIA tab list: one tab stop, arrow keys (and Home/End) move between days.
 */
export function DayTabs({
  days,
  selected,
  onSelect,
  children,
}: {
  days: string[];
  selected: string;
  onSelect: (day: string) => void;
  children: ReactNode;
}) {
  const { t, lang } = useI18n();
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>, index: number) {
    const last = days.length - 1;
    const to =
      e.key === 'ArrowRight' ? (index === last ? 0 : index + 1)
      : e.key === 'ArrowLeft' ? (index === 0 ? last : index - 1)
      : e.key === 'Home' ? 0
      : e.key === 'End' ? last
      : null;
    if (to === null) return;
    e.preventDefault();
    onSelect(days[to]!);
    tabs.current[to]?.focus();
  }

  return (
    <>
      <div className="day-tabs" role="tablist" aria-label={t('agenda.days')}>
        {days.map((day, i) => (
          <button
            key={day}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`day-tab-${day}`}
            aria-selected={day === selected}
            aria-controls="day-panel"
            tabIndex={day === selected ? 0 : -1}
            className="day-tab"
            onClick={() => onSelect(day)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            {formatDay(day, lang)}
          </button>
        ))}
      </div>
      <div className="day-panel" role="tabpanel" id="day-panel" aria-labelledby={`day-tab-${selected}`}>
        {children}
      </div>
    </>
  );
}
