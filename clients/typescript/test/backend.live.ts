/**
 * The SSR helper and the typed client against the real backend (gunicorn + Postgres), which
 * tests/client/test_typescript_client.py starts with DEV_LOGIN=1 and TRUST_PROXY=cloudflare
 * and passes as IGNITION_BACKEND_URL. Not part of `npm test` (its files end in .test.js).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ApiError, backendFetch, createServerClient, hasErrorCode } from '../src/index.js';

const backendUrl = process.env.IGNITION_BACKEND_URL ?? '';
const BROWSER_IP = '203.0.113.77';

/** The Cookie header a browser would send back after these Set-Cookie values. */
function cookieHeader(setCookies: string[]): string {
  return setCookies.map((cookie) => cookie.split(';', 1)[0]).join('; ');
}

test('a server client works on the browser\'s cookies alone, against the real backend', async () => {
  assert.match(backendUrl, /^http:\/\/127\.0\.0\.1:\d+$/, 'IGNITION_BACKEND_URL');
  const login = await backendFetch(new Headers({ 'CF-Connecting-IP': BROWSER_IP }), '/auth/dev/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'ssr@example.com', name: 'Server Side' }),
  }, { backendUrl });
  assert.equal(login.status, 200);
  const cookies = cookieHeader(login.headers.getSetCookie());
  assert.match(cookies, /ignition_session=[^;]+; ignition_csrf=/);

  const incoming = new Request('https://app.example/today', {
    headers: { Cookie: cookies, 'CF-Connecting-IP': BROWSER_IP, Authorization: 'Bearer nope',
               'X-Forwarded-Host': 'evil.example', Origin: 'https://evil.example' },
  });
  const setCookie = new Headers();
  const api = createServerClient(incoming, { backendUrl, setCookieTo: setCookie });
  assert.equal((await api.session())?.email, 'ssr@example.com');

  // An unsafe call: the token comes from /auth/session through the forwarded cookie; the
  // incoming Origin stayed behind, or the backend would refuse it.
  const idea = await api.post('/api/v1/ideas', { body: { title: 'From SSR', tags: ['ssr'] } });
  assert.equal(idea.title, 'From SSR');

  const invalid = await api.post('/api/v1/ideas', { body: { title: '' } }).catch((error: unknown) => error);
  assert.ok(hasErrorCode(invalid, 'validation_error'), String(invalid));
  assert.equal(invalid.status, 400);
  assert.ok(invalid.details && 'title' in invalid.details, JSON.stringify(invalid.details));
  assert.match(invalid.requestId ?? '', /\S/);

  assert.equal(await api.delete('/api/v1/ideas/{idea_id}', { params: { idea_id: idea.id } }), undefined);
  const gone = await api.get('/api/v1/ideas/{idea_id}', { params: { idea_id: idea.id } }).catch((e: unknown) => e);
  assert.ok(gone instanceof ApiError && gone.status === 404 && gone.code === 'not_found', String(gone));

  const sessions = await api.get('/auth/sessions');
  assert.deepEqual(sessions.items.map((s) => [s.current, s.ip]), [[true, BROWSER_IP]]);

  await api.logout();
  const cleared = setCookie.getSetCookie().map((cookie) => cookie.split('=', 1)[0]);
  assert.ok(cleared.includes('ignition_session') && cleared.includes('ignition_csrf'), cleared.join(', '));
  assert.equal(await api.session(), null);
});
