import { describe, expect, it } from 'vitest';
import { apiErrorFromResponse } from './api-error.ts';
import { shouldRetryQuery } from './query-client.ts';

describe('apiErrorFromResponse', () => {
  it('reads the protocol error body', async () => {
    const response = new Response(JSON.stringify({ error: { code: 'DOC_NOT_FOUND', message: 'No such document' } }), {
      status: 404,
      headers: { 'Content-Type': 'application/json' },
    });
    const error = await apiErrorFromResponse(response);
    expect(error).toMatchObject({ status: 404, code: 'DOC_NOT_FOUND', message: 'No such document' });
    expect(error.isNotFound).toBe(true);
  });

  it('falls back to the status line when the body is not an error body', async () => {
    const response = new Response('<h1>Bad gateway</h1>', { status: 502, statusText: 'Bad Gateway' });
    const error = await apiErrorFromResponse(response);
    expect(error).toMatchObject({ status: 502, code: 'HTTP_ERROR', message: 'Bad Gateway (HTTP 502)' });
  });
});

describe('shouldRetryQuery', () => {
  it('retries network and server errors a few times, never 4xx', async () => {
    const notFound = await apiErrorFromResponse(new Response(null, { status: 404 }));
    const unavailable = await apiErrorFromResponse(new Response(null, { status: 503 }));
    expect(shouldRetryQuery(0, notFound)).toBe(false);
    expect(shouldRetryQuery(0, unavailable)).toBe(true);
    expect(shouldRetryQuery(0, new TypeError('Failed to fetch'))).toBe(true);
    expect(shouldRetryQuery(5, unavailable)).toBe(false);
  });
});
