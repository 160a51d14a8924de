import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError, type ApiError } from '../../api.ts';
import type { LoadState } from '../../store/index.ts';

/** Data one page of this feature reads for itself (not shared through the store): value, load state, reload. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): { data: T | undefined; state: LoadState | undefined; reload: () => void; set: (v: T) => void } {
  const [data, setData] = useState<T>();
  const [state, setState] = useState<LoadState>();
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    loadRef.current(controller.signal).then(
      (value) => {
        setData(value);
        setState({ status: 'ready' });
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        if (!isApiError(e)) throw e;
        setState({ status: 'error', error: e as ApiError });
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, state, reload, set: setData };
}
