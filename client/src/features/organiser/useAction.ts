import { useRef, useState } from 'react';
import { isApiError, type ApiError } from '../../api.ts';

/** The busy / error / confirmation state of one editor section's writes. */
export function useAction() {
  const [error, setError] = useState<ApiError | string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** Runs a write; resolves to whether it succeeded. ApiErrors land in `error`, anything else is rethrown. */
  async function run<T>(write: () => Promise<T>, success?: (result: T) => string | null): Promise<boolean> {
    if (busy) return false;
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const result = await write();
      setStatus(success?.(result) ?? null);
      return true;
    } catch (e) {
      if (!isApiError(e)) throw e;
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { error, setError, status, setStatus, busy, run };
}

/** A ref for an editor's form and a function that moves the keyboard into it (after "Redigera"). */
export function useFormFocus() {
  const ref = useRef<HTMLFormElement>(null);
  const focus = () =>
    requestAnimationFrame(() => {
      const field = ref.current?.querySelector<HTMLElement>('input, select, textarea');
      field?.focus();
      ref.current?.scrollIntoView?.({ block: 'start' });
    });
  return { ref, focus };
}
