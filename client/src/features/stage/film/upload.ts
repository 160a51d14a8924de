import { api, buildPath, errorBodySchema, filmSchema, type Film } from '@samling/protocol';
import { ApiError } from '../../../api.ts';

/**
 * Uploads a film as the `file` part of a multipart form, reporting progress (fetch cannot report an upload's
 * progress; XMLHttpRequest can). Resolves with the stored film or rejects with an ApiError like `call` does.
 */
export function uploadFilm(slug: string, file: File, onProgress: (sent: number, total: number) => void, signal?: AbortSignal): Promise<Film> {
  const endpoint = api.uploadFilm;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(endpoint.method, buildPath(endpoint.path, { slug }));
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'Network error'));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status === endpoint.status) {
        const parsed = filmSchema.safeParse(body);
        return parsed.success ? resolve(parsed.data) : reject(new ApiError(xhr.status, 'BAD_RESPONSE', 'Unexpected response to the upload'));
      }
      const error = errorBodySchema.safeParse(body);
      if (error.success) return reject(new ApiError(xhr.status, error.data.error.code, error.data.error.message, error.data.error.details));
      reject(new ApiError(xhr.status, xhr.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'INTERNAL', xhr.statusText || `HTTP ${xhr.status}`));
    };
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
