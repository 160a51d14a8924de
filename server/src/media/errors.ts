import { AppError } from '../errors.ts';

const closedError = (err: Error) => err.name === 'InvalidStateError';

/**
 * Runs one mediasoup call and turns what mediasoup throws into a typed refusal: its parameter checks (TypeError,
 * UnsupportedError) and the worker's own refusals become MEDIA_REFUSED with mediasoup's reason (never a stack); a
 * closed channel (the worker just died) becomes UNAVAILABLE. Only the call itself is wrapped, so our own bugs
 * still surface as INTERNAL.
 */
export async function refusing<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof AppError || !(err instanceof Error)) throw err;
    if (closedError(err)) throw new AppError('UNAVAILABLE', `The media server lost this ${what}; join the stage again`);
    const reason = err.message.replace(/\s*\[method:[^\]]*\]\s*$/, '').slice(0, 300);
    throw new AppError('MEDIA_REFUSED', `The media server refused the ${what}: ${reason}`);
  }
}
