// Login clicked through in headless Chromium (Debian's package, driven by playwright-core; no
// downloaded browser), once per provider, against a backend under production settings.
//
// tests/browser/test_browser_login.py starts the backend and the fake providers and runs this
// file with `node --test`. Settings, all from the environment:
//   BACKEND_URL     the backend's origin, equal to its PUBLIC_URL (http://127.0.0.1:PORT)
//   CLIENT_DIST     the compiled client (clients/typescript/dist), served to the page as /app/client/
//   GOOGLE_EMAIL, MICROSOFT_EMAIL  whom each fake provider signs in
//   CHROMIUM_PATH   the browser (default /usr/bin/chromium)
//
// The UI is "the frontend on the same site": /app/* on the backend's origin is answered inside the
// browser, so cookies, Origin and CSRF behave as for the real UI. Not with context.route: Playwright
// never routes the hop after a redirect (microsoft/playwright#33882), and the callback's 302 is what
// lands on /app/home. Chromium's own interception (CDP Fetch) pauses every hop, redirects included.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { test } from 'node:test';

import { chromium } from 'playwright-core';

const BACKEND_URL = required('BACKEND_URL');
const CLIENT_DIST = resolve(required('CLIENT_DIST'));
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const PROVIDERS = [
  { name: 'google', label: 'Google', email: required('GOOGLE_EMAIL') },
  { name: 'microsoft', label: 'Microsoft', email: required('MICROSOFT_EMAIL') },
];
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const STEP_TIMEOUT_MS = 15_000;
const TEST_TIMEOUT_MS = 90_000;
const FOCUS = { mode: 'focus', duration: 1500 };

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (tests/browser/test_browser_login.py sets it)`);
  return value;
}

const LOGIN_PAGE = `<!doctype html><title>Sign in</title>
${PROVIDERS.map(p => `<p><a href="/auth/${p.name}/login?redirect=/app/home">Sign in with ${p.label}</a></p>`)
    .join('\n')}`;

// The page exposes the client module and its error class on window, for page.evaluate.
const HOME_PAGE = `<!doctype html><title>Home</title>
<script type="module">
  import { createClient, ApiError } from '/app/client/index.js';
  const client = createClient({ baseUrl: location.origin, fetch: (input, init) => fetch(input, init) });
  window.ignition = { client, ApiError };
</script>`;

/** The frontend's answer for a path under /app/: the two pages and the client's compiled files. */
function frontendResponse(path) {
  const pages = { '/app/login': LOGIN_PAGE, '/app/home': HOME_PAGE };
  if (pages[path]) return { status: 200, type: 'text/html', body: pages[path] };
  const file = resolve(CLIENT_DIST, path.slice('/app/client/'.length));
  if (path.startsWith('/app/client/') && file.startsWith(CLIENT_DIST + sep) && file.endsWith('.js')) {
    try {
      return { status: 200, type: 'application/javascript', body: readFileSync(file) };
    } catch {
      // not one of the client's files: the 404 below
    }
  }
  return { status: 404, type: 'text/plain', body: 'not found' };
}

/** Has Chromium pause every request for /app/* of this page (redirect hops too) and answers it. */
async function serveFrontend(context, page, failures) {
  const cdp = await context.newCDPSession(page);
  cdp.on('Fetch.requestPaused', ({ requestId, request }) => {
    const { status, type, body } = frontendResponse(new URL(request.url).pathname);
    cdp.send('Fetch.fulfillRequest', { requestId, responseCode: status,
      responseHeaders: [{ name: 'Content-Type', value: type }], body: Buffer.from(body).toString('base64') })
      .catch(error => failures.push(`fulfilling ${request.url}: ${error.message}`));
  });
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: `${BACKEND_URL}/app/*`, requestStage: 'Request' }] });
}

/** A fresh Chromium profile for `run(page, context)`, closed and removed whatever happens. */
async function inFreshBrowser(run) {
  const profile = mkdtempSync(join(tmpdir(), 'ignition-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, timeout: 30_000 });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
    const page = context.pages()[0] ?? await context.newPage();
    const problems = [];
    page.on('pageerror', error => problems.push(error.message));
    page.on('console', message => message.type() === 'error' && problems.push(message.text()));
    await serveFrontend(context, page, problems);
    try {
      await run(page, context);
    } catch (error) {
      error.message += `\n  page: ${page.url()}`
        + `\n  page errors, console errors, unanswered requests: ${JSON.stringify(problems)}`;
      throw error;
    }
  } finally {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

async function sessionCookies(context) {
  const cookies = await context.cookies(BACKEND_URL);
  return Object.fromEntries(cookies.filter(c => c.name.startsWith('ignition_')).map(c => [c.name, c]));
}

async function signIn(page, provider) {
  await page.goto(`${BACKEND_URL}/app/login`);
  await page.getByRole('link', { name: `Sign in with ${provider.label}` }).click();
  await page.getByRole('button', { name: `Continue as ${provider.email}` }).click();
  await page.waitForURL(`${BACKEND_URL}/app/home`);
  assert.equal(page.url(), `${BACKEND_URL}/app/home`);
  await page.waitForFunction(() => window.ignition !== undefined);
}

function assertSafeCookies(cookies) {
  for (const name of ['ignition_session', 'ignition_csrf']) {
    assert.ok(cookies[name], `${name} is set`);
    const { httpOnly, secure, sameSite, path } = cookies[name];
    assert.deepEqual({ httpOnly, secure, sameSite, path }, { httpOnly: true, secure: true, sameSite: 'Lax', path: '/' },
      name);
  }
  assert.ok(!('ignition_login' in cookies), 'the one-time login binding is cleared');
}

/** Starts a focus session through the client; returns the response and the CSRF header it carried. */
async function startFocusThroughClient(page) {
  const responded = page.waitForResponse(r => r.url() === `${BACKEND_URL}/api/v1/focus`
    && r.request().method() === 'POST');
  const created = await page.evaluate(body => window.ignition.client.post('/api/v1/focus', { body }), FOCUS);
  const response = await responded;
  const headers = await response.request().allHeaders();
  return { created, status: response.status(), csrfHeader: headers['x-csrf-token'] };
}

/** The same POST as the page's own fetch, cookies included but no X-CSRF-Token. */
function postWithoutCsrfHeader(page) {
  return page.evaluate(async body => {
    const reply = await fetch('/api/v1/focus', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return { status: reply.status, code: (await reply.json()).code };
  }, FOCUS);
}

function errorOfGetMe(page) {
  return page.evaluate(async () => {
    try {
      await window.ignition.client.get('/api/v1/me');
      return null;
    } catch (error) {
      return { isApiError: error instanceof window.ignition.ApiError, status: error.status, code: error.code };
    }
  });
}

for (const provider of PROVIDERS) {
  test(`sign in with ${provider.name}, call the API with CSRF, log out`, { timeout: TEST_TIMEOUT_MS }, async () => {
    await inFreshBrowser(async (page, context) => {
      await signIn(page, provider);
      const cookies = await sessionCookies(context);
      assertSafeCookies(cookies);
      assert.equal(await page.evaluate(() => document.cookie), '', 'page JavaScript reads no cookie');

      const user = await page.evaluate(() => window.ignition.client.session());
      assert.equal(user.email, provider.email);

      const focus = await startFocusThroughClient(page);
      assert.equal(focus.status, 201);
      assert.equal(focus.created.status, 'active');
      // Compared, never printed: a failure message shows no token.
      assert.ok(focus.csrfHeader === cookies.ignition_csrf.value, 'the client sent the CSRF token of the cookie');

      assert.deepEqual(await postWithoutCsrfHeader(page), { status: 403, code: 'csrf_failed' });

      await page.evaluate(() => window.ignition.client.logout());
      assert.deepEqual(await errorOfGetMe(page), { isApiError: true, status: 401, code: 'unauthorized' });
      assert.deepEqual(Object.keys(await sessionCookies(context)), [], 'logout cleared the cookies');
    });
  });
}
