import { useEffect, useRef, useState } from 'react';
import type { Room } from '@samling/protocol';
import { useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';

/** A changing count is read out at most this often; the server sends one every second while people come and go. */
const ANNOUNCE_EVERY_MS = 15_000;

/** `value`, but changing at most once per `ms` (the last change within a window wins). */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const lastSet = useRef(0);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = lastSet.current + ms - Date.now();
    const apply = () => {
      lastSet.current = Date.now();
      setShown(value);
    };
    if (wait <= 0) {
      apply();
      return;
    }
    const id = window.setTimeout(apply, wait);
    return () => window.clearTimeout(id);
  }, [value, shown, ms]);
  return shown;
}

/** "12 här just nu": a polite live region, updated no more than every 15 seconds. */
export function ViewerCount({ room }: { room: Room }) {
  const { t } = useI18n();
  const viewers = useStore((s) => s.rooms[room]?.viewers ?? null);
  const shown = useThrottled(viewers, ANNOUNCE_EVERY_MS);
  return (
    <p className="room-viewers" aria-live="polite" aria-atomic="true">
      {shown !== null && (
        <>
          <span className="room-viewers-dot" aria-hidden="true" />
          {t('room.viewers', { count: shown })}
        </>
      )}
    </p>
  );
}
