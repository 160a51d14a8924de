import {
  api, buildPath, errorBodySchema,
  type ApiName, type BodyOf, type ErrorCode, type ErrorInfo, type ParamsOf, type ResponseOf,
} from '@samling/protocol';

/** Codes the client adds for failures that never reached (or never came back from) the server. */
export type ClientErrorCode = 'NETWORK' | 'BAD_RESPONSE';

/** What failed: the server's error (with its code's details, typed), or a client-side code. */
export type Failure = ErrorInfo | { code: ClientErrorCode; message: string; details?: undefined };

class Base extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** The HTTP status; 0 when there was none (a live-connection command, or no answer at all). */
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/**
 * The one error a failed call throws, over HTTP (`call`) and over the live connection (`send`): the server's code, or
 * a client-side one. Narrowing on `code` types `details` (`if (e.code === 'MUTED') e.details?.mutedUntil`).
 */
export type ApiError = Base & Failure;
export const ApiError = Base as unknown as new <F extends Failure>(status: number, code: F['code'], message: string, details?: F['details']) => ApiError;

export function isApiError(e: unknown): e is ApiError {
  return e instanceof Base;
}

/** Endpoints answering with the API's JSON (the rest are documents, files and redirects, reached by links). */
export type JsonApiName = { [N in ApiName]: (typeof api)[N]['produces'] extends undefined ? N : never }[ApiName];

type ParamsOption<N extends JsonApiName> = {} extends ParamsOf<N> ? { params?: ParamsOf<N> } : { params: ParamsOf<N> };
type BodyOption<N extends JsonApiName> = BodyOf<N> extends undefined ? { body?: undefined } : { body: BodyOf<N> };
export type CallOptions<N extends JsonApiName> = ParamsOption<N> & BodyOption<N> & { signal?: AbortSignal };
type CallArgs<N extends JsonApiName> = {} extends CallOptions<N> ? [options?: CallOptions<N>] : [options: CallOptions<N>];

/** When the status carries no usable error body (a proxy error page, say), its nearest code. */
function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 503) return 'UNAVAILABLE';
  return status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED';
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Calls one endpoint of the wire contract: fills the path, sends the body as JSON with the cookie,
 * parses the success body with the endpoint's response schema, and throws ApiError otherwise.
 */
export async function call<N extends JsonApiName>(name: N, ...[options]: CallArgs<N>): Promise<ResponseOf<N>> {
  const endpoint = api[name];
  const opts = (options ?? {}) as { params?: Record<string, string>; body?: unknown; signal?: AbortSignal };
  const url = buildPath(endpoint.path, opts.params ?? {});
  const hasBody = opts.body !== undefined;
  let res: Response;
  try {
    res = await fetch(url, {
      method: endpoint.method,
      credentials: 'same-origin',
      headers: hasBody ? { accept: 'application/json', 'content-type': 'application/json' } : { accept: 'application/json' },
      body: hasBody ? JSON.stringify(opts.body) : undefined,
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', e instanceof Error ? e.message : 'Network error');
  }

  if (!res.ok) {
    const parsed = errorBodySchema.safeParse(await readJson(res));
    if (parsed.success) {
      const { code, message, details } = parsed.data.error;
      throw new ApiError(res.status, code, message, details);
    }
    throw new ApiError(res.status, codeForStatus(res.status), res.statusText || `HTTP ${res.status}`);
  }

  const json = res.status === 204 ? null : await readJson(res);
  const parsed = endpoint.response.safeParse(json ?? null);
  if (!parsed.success) {
    throw new ApiError(res.status, 'BAD_RESPONSE', `Unexpected response from ${endpoint.method} ${endpoint.path}`);
  }
  return parsed.data as ResponseOf<N>;
}
