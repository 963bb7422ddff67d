import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';

import { ApiError, createClient, parseRetryAfter } from '../src/index.js';
import { envelope, startBackend, type Backend, type Reply } from './backend.js';

let backend: Backend | undefined;
afterEach(async () => { await backend?.close(); backend = undefined; });

async function clientAnswering(reply: Reply) {
  backend = await startBackend(() => reply);
  return createClient({ baseUrl: backend.url });
}

async function errorOf(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
    return error;
  }
  assert.fail('the call did not throw');
}

describe('errors from the envelope', () => {
  test('400 carries the field details and the request id', async () => {
    const details = { duration: ['Must be between 60 and 14400.'] };
    const client = await clientAnswering({ status: 400, body: envelope('validation_error', 'Invalid input', details) });
    const error = await errorOf(client.get('/api/v1/focus', { query: { limit: 5 } }));
    assert.deepEqual({ ...error, message: error.message }, {
      name: 'ApiError', status: 400, code: 'validation_error', message: 'Invalid input', details,
      requestId: 'req-validation_error', retryAfter: null,
    });
  });

  test('401 is unauthorized', async () => {
    const client = await clientAnswering({ status: 401, body: envelope('unauthorized', 'No session') });
    const error = await errorOf(client.get('/api/v1/me'));
    assert.equal(error.status, 401);
    assert.equal(error.code, 'unauthorized');
    assert.equal(error.details, undefined);
  });

  test('429 gives retryAfter in seconds from Retry-After', async () => {
    const client = await clientAnswering({ status: 429, headers: { 'Retry-After': '37' },
                                           body: envelope('rate_limited', 'Slow down') });
    const error = await errorOf(client.get('/api/v1/me'));
    assert.equal(error.code, 'rate_limited');
    assert.equal(error.retryAfter, 37);
  });

  test('503 unavailable, with an HTTP-date Retry-After', async () => {
    const at = new Date(Date.now() + 120_000).toUTCString();
    const client = await clientAnswering({ status: 503, headers: { 'Retry-After': at },
                                           body: envelope('unavailable', 'Database unavailable') });
    const error = await errorOf(client.get('/api/v1/gamification/summary'));
    assert.equal(error.code, 'unavailable');
    assert.ok(error.retryAfter !== null && error.retryAfter > 100 && error.retryAfter <= 120, String(error.retryAfter));
  });

  test('a 502 page that is no JSON is still an ApiError, code unknown', async () => {
    const client = await clientAnswering({ status: 502, headers: { 'Content-Type': 'text/html', 'X-Request-ID': 'edge-1' },
                                           body: '<html>Bad gateway</html>' });
    const error = await errorOf(client.get('/api/v1/me'));
    assert.equal(error.status, 502);
    assert.equal(error.code, 'unknown');
    assert.equal(error.requestId, 'edge-1');
    assert.match(error.message, /^HTTP 502/);
  });

  test('JSON that is not an envelope is code unknown too', async () => {
    const client = await clientAnswering({ status: 500, body: { message: 'oops' } });
    assert.equal((await errorOf(client.get('/api/v1/me'))).code, 'unknown');
  });

  test('a network failure is fetch\'s own TypeError', async () => {
    const closed = await startBackend(() => ({}));
    await closed.close();
    const client = createClient({ baseUrl: closed.url });
    await assert.rejects(client.get('/api/v1/me'), (error) => error instanceof TypeError && !(error instanceof ApiError));
  });

  test('parseRetryAfter ignores what it cannot read', () => {
    assert.equal(parseRetryAfter(null), null);
    assert.equal(parseRetryAfter('soon'), null);
    assert.equal(parseRetryAfter('Thu, 01 Jan 1970 00:00:00 GMT'), 0);
  });
});

describe('successful answers', () => {
  test('204 resolves to undefined', async () => {
    const client = await clientAnswering({ status: 204 });
    assert.equal(await client.delete('/api/v1/ideas/{idea_id}', { params: { idea_id: 'i1' } }), undefined);
  });

  test('a download resolves to the raw Response with its bytes', async () => {
    const client = await clientAnswering({ headers: { 'Content-Type': 'image/png' }, body: 'PNGDATA' });
    const response = await client.get('/api/v1/blobs/{blob_id}', { params: { blob_id: 'b1' } });
    assert.ok(response instanceof Response);
    assert.equal(response.headers.get('Content-Type'), 'image/png');
    assert.equal(await response.text(), 'PNGDATA');
  });

  test('raw() hands back even a JSON response unread', async () => {
    const client = await clientAnswering({ headers: { 'Content-Disposition': 'attachment' }, body: { tables: {} } });
    const response = await client.raw('get', '/api/v1/me/export');
    assert.equal(response.headers.get('Content-Disposition'), 'attachment');
    assert.deepEqual(await response.json(), { tables: {} });
  });
});

describe('requests on the wire', () => {
  test('path params are percent-encoded and the query skips unset values', async () => {
    const client = await clientAnswering({ body: {} });
    await client.get('/api/v1/goals/{goal_id}', { params: { goal_id: 'a b/c?d' } });
    await client.get('/api/v1/infobase', { query: { q: 'café & tea=1', limit: 20, cursor: null } });
    assert.deepEqual(backend?.seen.map((r) => r.url), ['/api/v1/goals/a%20b%2Fc%3Fd',
                                                       '/api/v1/infobase?q=caf%C3%A9+%26+tea%3D1&limit=20']);
  });

  test('a missing path param throws before any request', async () => {
    const client = await clientAnswering({ body: {} });
    const loose = client as unknown as { get(path: string, options: object): Promise<unknown> };
    await assert.rejects(loose.get('/api/v1/goals/{goal_id}', { params: {} }), /missing path parameter "goal_id"/);
    assert.equal(backend?.seen.length, 0);
  });

  test('a JSON body is sent as application/json; a FormData upload as multipart', async () => {
    backend = await startBackend((request) => request.url === '/auth/session'
      ? { headers: { 'X-CSRF-Token': 't' }, body: {} } : { status: 201, body: {} });
    const client = createClient({ baseUrl: backend.url });
    await client.post('/api/v1/ideas', { body: { title: 'Idea', tags: ['a'] } });
    const form = new FormData();
    form.append('category', 'image');
    form.append('file', new Blob(['x'], { type: 'image/png' }), 'x.png');
    await client.post('/api/v1/blobs', { body: form });
    const [, json, multipart] = backend.seen;
    assert.equal(json?.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(json?.body ?? ''), { title: 'Idea', tags: ['a'] });
    assert.match(multipart?.headers['content-type'] ?? '', /^multipart\/form-data; boundary=/);
    assert.match(multipart?.body ?? '', /name="category"\r\n\r\nimage/);
  });

  test('extra headers (Idempotency-Key) go along', async () => {
    backend = await startBackend((request) => request.url === '/auth/session'
      ? { headers: { 'X-CSRF-Token': 't' }, body: {} } : { body: {} });
    const client = createClient({ baseUrl: backend.url });
    await client.post('/api/v1/market/purchases', { body: { item_id: 'm1' }, headers: { 'Idempotency-Key': 'k-1' } });
    assert.equal(backend.seen[1]?.headers['idempotency-key'], 'k-1');
  });
});
