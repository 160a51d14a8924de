import { useEffect, useState, useSyncExternalStore } from 'react';

/** The current time, ticking every `intervalMs`; tests pass `now` to components instead. */
export function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), intervalMs);
    return () => window.clearInterval(id);
  }, [intervalMs]);
  return now;
}

/** Whether a media query matches; false where matchMedia does not exist (jsdom). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      if (typeof window.matchMedia !== 'function') return () => {};
      const mql = window.matchMedia(query);
      mql.addEventListener('change', onChange);
      return () => mql.removeEventListener('change', onChange);
    },
    () => (typeof window.matchMedia === 'function' ? window.matchMedia(query).matches : false),
    () => false,
  );
}

/** Narrow screens get lists instead of grids. */
export const NARROW_QUERY = '(max-width: 719.98px)';
export function useIsNarrow(): boolean {
  return useMediaQuery(NARROW_QUERY);
}

/** Sets the document title: "<page> – Samling". */
export function useDocumentTitle(...parts: (string | undefined | null | false)[]): void {
  const title = [...parts.filter(Boolean), 'Samling'].join(' – ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
