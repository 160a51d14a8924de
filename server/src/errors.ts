import { ErrorCodes, errorInfo, type ErrorCode, type ErrorDetails, type ErrorInfo } from '@samling/protocol';

/** A failure the user caused or may see; carries a code from the protocol's registry and that code's details. */
export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  readonly status: number;
  constructor(readonly code: C, message: string, readonly details?: ErrorDetails<C>) {
    super(message);
    this.name = 'AppError';
    this.status = ErrorCodes[code];
  }

  /** The error as it goes out: an HTTP body's `error`, a failed ack's, a refused connection's. */
  info(): ErrorInfo {
    return errorInfo(this.code, this.message, this.details);
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'Your role in this event does not allow this') => new AppError('FORBIDDEN', message);
export const unauthenticated = () => new AppError('UNAUTHENTICATED', 'Sign in first');
