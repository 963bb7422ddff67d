import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';

import { ApiError, createClient, hasErrorCode, isApiError } from '../src/index.js';
import { envelope, recordingFetch, startBackend, type Backend, type Reply, type Seen } from './backend.js';

const USER = { id: 'u1', email: 'a@example.com', name: 'A', role: 'user', timezone: 'UTC', day_start_hour: 0,
               tos_version: null, age_verified: false, settings: {} };
const FOCUS = { id: 'f1', mode: 'focus', status: 'active', duration: 1500 };

let backend: Backend | undefined;
afterEach(async () => { await backend?.close(); backend = undefined; });

/** A backend that checks X-CSRF-Token against `state.token` on unsafe methods, like the real one. */
async function csrfBackend(state: { token: string }, answer: (request: Seen) => Reply = () => ({ body: FOCUS })) {
  backend = await startBackend((request) => {
    if (request.url === '/auth/session') return { body: { user: USER }, headers: { 'X-CSRF-Token': state.token } };
    if (request.method !== 'GET' && request.headers['x-csrf-token'] !== state.token) {
      return { status: 403, body: envelope('csrf_failed', 'CSRF token missing or wrong') };
    }
    return answer(request);
  });
  return backend;
}

const summary = (seen: Seen[]) => seen.map((r) => `${r.method} ${r.url} ${r.headers['x-csrf-token'] ?? '-'}`);

describe('cookies and CSRF', () => {
  test('every call, the token refresh included, asks fetch for credentials: include', async () => {
    const { url } = await csrfBackend({ token: 't1' });
    const recorder = recordingFetch();
    const client = createClient({ baseUrl: url, fetch: recorder.fetch });
    await client.get('/api/v1/focus');
    await client.post('/api/v1/focus', { body: { mode: 'focus', duration: 1500 } });
    assert.equal(recorder.calls.length, 3);
    for (const call of recorder.calls) assert.equal(call.init?.credentials, 'include', call.url);
  });

  test('the token comes from GET /auth/session once and rides on unsafe methods only', async () => {
    const { url, seen } = await csrfBackend({ token: 't1' });
    const client = createClient({ baseUrl: url });
    await client.get('/api/v1/focus');
    await client.post('/api/v1/focus', { body: { mode: 'focus', duration: 1500 } });
    await client.patch('/api/v1/ideas/{idea_id}', { params: { idea_id: 'i1' }, body: { title: 'x' } });
    await client.put('/api/v1/me/vacation', { body: { from: '2024-01-01' } });
    await client.delete('/api/v1/me/vacation');
    await client.get('/api/v1/me');
    assert.deepEqual(summary(seen), [
      'GET /api/v1/focus -', 'GET /auth/session -', 'POST /api/v1/focus t1', 'PATCH /api/v1/ideas/i1 t1',
      'PUT /api/v1/me/vacation t1', 'DELETE /api/v1/me/vacation t1', 'GET /api/v1/me -',
    ]);
    assert.equal(client.csrfToken(), 't1');
  });

  test('unsafe calls started together share one token read', async () => {
    const { url, seen } = await csrfBackend({ token: 't1' });
    const client = createClient({ baseUrl: url });
    await Promise.all([1, 2, 3].map((n) =>
      client.patch('/api/v1/ideas/{idea_id}', { params: { idea_id: `i${n}` }, body: { pinned: true } })));
    assert.equal(seen.filter((r) => r.url === '/auth/session').length, 1);
    assert.deepEqual(seen.filter((r) => r.method === 'PATCH').map((r) => r.headers['x-csrf-token']), ['t1', 't1', 't1']);
  });

  test('a token in any response (dev login) is remembered without another session read', async () => {
    const state = { token: 'dev-token' };
    backend = await startBackend((request) => {
      if (request.url === '/auth/session') return { status: 401, body: envelope('unauthorized', 'No session') };
      if (request.url === '/auth/dev/login') return { body: { user: USER }, headers: { 'X-CSRF-Token': state.token } };
      return request.headers['x-csrf-token'] === state.token
        ? { status: 201, body: FOCUS } : { status: 403, body: envelope('csrf_failed', 'bad') };
    });
    const client = createClient({ baseUrl: backend.url });
    await client.post('/auth/dev/login', { body: { email: 'a@example.com' } });
    await client.post('/api/v1/focus', { body: { mode: 'focus', duration: 1500 } });
    assert.deepEqual(summary(backend.seen), ['GET /auth/session -', 'POST /auth/dev/login -',
                                             'POST /api/v1/focus dev-token']);
  });

  test('csrf_failed refreshes the token and retries the call once', async () => {
    const state = { token: 't1' };
    const { url, seen } = await csrfBackend(state, () => ({ status: 201, body: FOCUS }));
    const client = createClient({ baseUrl: url });
    await client.post('/api/v1/focus/{session_id}/pause', { params: { session_id: 'f1' } });
    state.token = 't2';
    const result = await client.post('/api/v1/focus', { body: { mode: 'focus', duration: 1500 } });
    assert.deepEqual(result, FOCUS);
    assert.deepEqual(summary(seen).slice(2), ['POST /api/v1/focus t1', 'GET /auth/session -', 'POST /api/v1/focus t2']);
    assert.equal(seen[4]?.body, seen[2]?.body, 'the retry sends the same body');
  });

  test('a second csrf_failed is thrown, not retried again', async () => {
    backend = await startBackend((request) => request.url === '/auth/session'
      ? { body: { user: USER }, headers: { 'X-CSRF-Token': 'never-good' } }
      : { status: 403, body: envelope('csrf_failed', 'CSRF token missing or wrong') });
    const client = createClient({ baseUrl: backend.url });
    await assert.rejects(client.post('/api/v1/focus', { body: { mode: 'focus', duration: 1500 } }),
                         (error) => hasErrorCode(error, 'csrf_failed') && error.status === 403);
    assert.deepEqual(summary(backend.seen), ['GET /auth/session -', 'POST /api/v1/focus never-good',
                                             'GET /auth/session -', 'POST /api/v1/focus never-good']);
  });

  test('a plain 403 forbidden is thrown without a retry', async () => {
    const { url, seen } = await csrfBackend({ token: 't1' }, () => ({ status: 403, body: envelope('forbidden', 'No') }));
    const client = createClient({ baseUrl: url });
    await assert.rejects(client.delete('/api/v1/admin/users/{user_id}', { params: { user_id: 'u2' } }),
                         (error) => hasErrorCode(error, 'forbidden'));
    assert.equal(seen.length, 2);
  });

  test('a 401 forgets the token, so the next unsafe call reads a fresh one', async () => {
    const state = { token: 't1', expired: false };
    const { url, seen } = await csrfBackend(state, (request) => state.expired && request.method === 'GET'
      ? { status: 401, body: envelope('unauthorized', 'No session') } : { body: FOCUS });
    const client = createClient({ baseUrl: url });
    await client.post('/api/v1/focus/{session_id}/resume', { params: { session_id: 'f1' } });
    state.expired = true;
    await assert.rejects(client.get('/api/v1/me'), (error) => isApiError(error) && error.status === 401);
    assert.equal(client.csrfToken(), null);
    state.expired = false;
    state.token = 't9';
    await client.post('/api/v1/focus/{session_id}/resume', { params: { session_id: 'f1' } });
    assert.deepEqual(summary(seen).slice(3), ['GET /auth/session -', 'POST /api/v1/focus/f1/resume t9']);
  });

  test('session() gives the user, or null on 401; logout() posts with the token and forgets it', async () => {
    const state = { token: 't1', signedIn: true };
    backend = await startBackend((request) => {
      if (!state.signedIn) return { status: 401, body: envelope('unauthorized', 'No session') };
      if (request.url === '/auth/logout') { state.signedIn = false; return { status: 204 }; }
      return { body: { user: USER }, headers: { 'X-CSRF-Token': state.token } };
    });
    const client = createClient({ baseUrl: backend.url });
    assert.deepEqual(await client.session(), USER);
    await client.logout();
    assert.equal(client.csrfToken(), null);
    assert.equal(await client.session(), null);
    await client.logout();
    assert.deepEqual(summary(backend.seen).slice(0, 3), ['GET /auth/session -', 'POST /auth/logout t1',
                                                         'GET /auth/session -']);
  });
});
