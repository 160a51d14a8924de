import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, call } from './api.ts';
import { makeEvent, mockFetch } from './test/factories.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('call', () => {
  it('fills the path, sends JSON with the cookie and parses the response', async () => {
    const event = makeEvent();
    const { fetchMock, calls } = mockFetch({ 'PATCH /api/events/smart-industri': () => ({ body: event }) });
    vi.stubGlobal('fetch', fetchMock);

    const result = await call('updateEvent', { params: { slug: 'smart-industri' }, body: { name: 'Nytt namn' } });

    expect(result).toEqual(event);
    expect(calls[0]).toMatchObject({ method: 'PATCH', url: '/api/events/smart-industri', body: { name: 'Nytt namn' } });
    expect(calls[0]!.headers['content-type']).toBe('application/json');
  });

  it('turns an error body into an ApiError with its code and details', async () => {
    const conflicts = [{ id: crypto.randomUUID(), title: 'Öppning', startsAt: '2026-11-24T08:00:00Z', endsAt: '2026-11-24T08:45:00Z' }];
    const { fetchMock } = mockFetch({
      'POST /api/events/smart-industri/sessions': () => ({
        status: 409,
        body: { error: { code: 'STAGE_DOUBLE_BOOKED', message: 'Stage is booked', details: { conflicts } } },
      }),
    });
    vi.stubGlobal('fetch', fetchMock);

    const error = await call('createSession', {
      params: { slug: 'smart-industri' },
      body: { title: 'X', startsAt: '2026-11-24T08:00:00Z', endsAt: '2026-11-24T08:30:00Z' },
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'STAGE_DOUBLE_BOOKED', message: 'Stage is booked', details: { conflicts } });
  });

  it('names a failure without an error body by its status', async () => {
    vi.stubGlobal('fetch', async () => new Response('<html>Bad gateway</html>', { status: 503 }));
    await expect(call('listEvents')).rejects.toMatchObject({ status: 503, code: 'UNAVAILABLE' });
  });

  it('reports a network failure as NETWORK', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(call('listEvents')).rejects.toMatchObject({ status: 0, code: 'NETWORK' });
  });

  it('answers null for 204 and rejects a body that breaks the contract', async () => {
    const { fetchMock } = mockFetch({
      'POST /api/auth/signout': () => ({ status: 204 }),
      'GET /api/events': () => ({ body: [{ name: 'no id' }] }),
    });
    vi.stubGlobal('fetch', fetchMock);
    await expect(call('signOut')).resolves.toBeNull();
    await expect(call('listEvents')).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
  });
});
