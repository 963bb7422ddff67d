import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';

import { backendFetch, clientIp, createServerClient, passSetCookie } from '../src/index.js';
import { recordingFetch, startBackend, type Backend, type Seen } from './backend.js';

let backend: Backend | undefined;
afterEach(async () => { await backend?.close(); backend = undefined; });

const COOKIE = 'ignition_session=s3cr3t; ignition_csrf=c5rf';
/** What the browser's request to the Next.js server carried; only Cookie and the IP may pass. */
const INCOMING = {
  Cookie: COOKIE,
  Authorization: 'Bearer stolen',
  Host: 'evil.example',
  'X-Forwarded-Host': 'evil.example',
  'X-Forwarded-Proto': 'http',
  'X-Forwarded-For': '198.51.100.7, 10.0.0.1',
  'X-Real-IP': '198.51.100.8',
  'CF-Connecting-IP': '203.0.113.9',
  'Accept-Language': 'fr-CH',
  'User-Agent': 'Browser/1.0',
  Origin: 'https://evil.example',
  Referer: 'https://evil.example/page',
  'X-CSRF-Token': 'from-the-browser',
};
/** Headers fetch itself adds to every request, whatever the caller asked. */
const FETCH_OWN = new Set(['host', 'connection', 'accept', 'accept-language', 'accept-encoding', 'sec-fetch-mode',
                           'user-agent']);

function incomingRequest(headers: Record<string, string> = INCOMING): Request {
  return new Request('https://app.example/today', { headers });
}

function leaked(request: Seen): string[] {
  const sent = new Set(Object.values(INCOMING).filter((v) => v !== COOKIE && v !== '203.0.113.9'));
  return Object.entries(request.headers).filter(([, value]) => sent.has(String(value))).map(([name]) => name);
}

describe('backendFetch', () => {
  test('forwards only the Cookie and the client IP of the incoming request', async () => {
    backend = await startBackend(() => ({ body: {} }));
    await backendFetch(incomingRequest(), '/api/v1/me', {}, { backendUrl: backend.url });
    const [request] = backend.seen;
    assert.ok(request);
    assert.equal(request.headers.cookie, COOKIE);
    assert.equal(request.headers['cf-connecting-ip'], '203.0.113.9');
    assert.equal(request.headers.host, new URL(backend.url).host);
    assert.deepEqual(leaked(request), []);
    const extra = Object.keys(request.headers).filter((name) => !FETCH_OWN.has(name));
    assert.deepEqual(extra.sort(), ['cf-connecting-ip', 'cookie']);
  });

  test('takes Headers as well, and what the caller sets itself goes along', async () => {
    backend = await startBackend(() => ({ status: 201, body: {} }));
    await backendFetch(new Headers(INCOMING), '/api/v1/ideas', {
      method: 'POST', body: JSON.stringify({ title: 'x' }),
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': 'server-side' },
    }, { backendUrl: `${backend.url}/` });
    const [request] = backend.seen;
    assert.equal(request?.url, '/api/v1/ideas');
    assert.equal(request?.headers['x-csrf-token'], 'server-side');
    assert.equal(request?.headers['content-type'], 'application/json');
    assert.equal(request?.body, '{"title":"x"}');
    assert.equal(request?.headers.authorization, undefined);
  });

  test('the IP falls back to the first X-Forwarded-For entry; garbage is not forwarded', () => {
    const { 'CF-Connecting-IP': _, ...withoutCf } = INCOMING;
    assert.equal(clientIp(new Headers(withoutCf)), '198.51.100.7');
    assert.equal(clientIp(new Headers({ 'X-Forwarded-For': ' 2001:db8::1 , 10.0.0.1' })), '2001:db8::1');
    assert.equal(clientIp(new Headers({ 'CF-Connecting-IP': '1.2.3.4\tx' })), null);
    assert.equal(clientIp(new Headers({ 'Fly-Client-IP': '192.0.2.5' }), 'Fly-Client-IP'), '192.0.2.5');
    assert.equal(clientIp(new Headers()), null);
  });

  test('a redirect is not followed and every Set-Cookie comes back intact', async () => {
    const cookies = [
      'ignition_session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; HttpOnly; SameSite=Lax',
      'ignition_csrf=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; HttpOnly; SameSite=Lax',
      'other=1; Path=/',
    ];
    backend = await startBackend(() => ({ status: 302, headers: { Location: '/today', 'Set-Cookie': cookies } }));
    const response = await backendFetch(incomingRequest(), '/auth/logout', { method: 'POST' },
                                        { backendUrl: backend.url });
    assert.equal(response.status, 302);
    assert.equal(backend.seen.length, 1);
    const outgoing = new Headers({ 'Set-Cookie': 'ui_theme=dark' });
    passSetCookie(response, outgoing);
    assert.deepEqual(outgoing.getSetCookie(), ['ui_theme=dark', ...cookies]);
  });
});

describe('createServerClient', () => {
  test('typed calls carry the cookie and IP, read the CSRF token through them, and pass Set-Cookie on', async () => {
    backend = await startBackend((request) => {
      if (request.url === '/auth/session') {
        return { body: { user: {} }, headers: { 'X-CSRF-Token': 'tok', 'Set-Cookie': 'ignition_csrf=c5rf; Path=/' } };
      }
      return request.headers['x-csrf-token'] === 'tok' ? { status: 201, body: { id: 'i1' } } : { status: 403, body: {} };
    });
    const recorder = recordingFetch();
    const setCookie = new Headers();
    const client = createServerClient(incomingRequest(), { backendUrl: backend.url, fetch: recorder.fetch,
                                                          setCookieTo: setCookie });
    const idea = await client.post('/api/v1/ideas', { body: { title: 'x' } });
    assert.equal(idea.id, 'i1');
    for (const request of backend.seen) {
      assert.equal(request.headers.cookie, COOKIE);
      assert.equal(request.headers['cf-connecting-ip'], '203.0.113.9');
      assert.deepEqual(leaked(request), []);
    }
    assert.deepEqual(recorder.calls.map((call) => call.init?.redirect), ['manual', 'manual']);
    assert.deepEqual(setCookie.getSetCookie(), ['ignition_csrf=c5rf; Path=/']);
  });
});
