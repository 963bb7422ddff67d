/**
 * A small fetch client for the Ignition backend, typed by the generated OpenAPI `paths`.
 *
 * Cookies go along on every call (`credentials: 'include'`). Unsafe methods carry the CSRF
 * token, read from `GET /auth/session` (and remembered from any response carrying
 * X-CSRF-Token); a 403 `csrf_failed` refreshes it and retries the call once. Non-2xx answers
 * throw ApiError. Results: 204 → undefined, JSON → the parsed body, anything else (file and
 * track downloads, ranges) → the raw Response, whose body the caller reads.
 */
import type { components } from './schema.js';
import type { HttpMethod, Operation, OptionsArgument, PathsWith, SuccessData } from './types.js';
import { ApiError } from './errors.js';
import { buildUrl, type QueryValue } from './url.js';

export type User = components['schemas']['UserOut'];

export interface ClientOptions {
  /** Origin (and prefix) of the backend; '' for the page's own origin. */
  baseUrl?: string;
  /** The fetch to call; defaults to the global one. */
  fetch?: typeof globalThis.fetch;
}

type Call<M extends HttpMethod> = <P extends PathsWith<M>>(
  path: P,
  ...options: OptionsArgument<Operation<P, M>>
) => Promise<SuccessData<Operation<P, M>>>;

export interface Client {
  get: Call<'get'>;
  post: Call<'post'>;
  put: Call<'put'>;
  patch: Call<'patch'>;
  delete: Call<'delete'>;
  /** The same call, resolving to the Response itself (after the error check) to stream or read headers. */
  raw<M extends HttpMethod, P extends PathsWith<M>>(
    method: M, path: P, ...options: OptionsArgument<Operation<P, M>>
  ): Promise<Response>;
  /** The signed-in user, or null without a session. */
  session(): Promise<User | null>;
  /** Ends the session (already ended is fine) and forgets the CSRF token. */
  logout(): Promise<void>;
  /** The cached CSRF token, if any. */
  csrfToken(): string | null;
}

const CSRF_HEADER = 'X-CSRF-Token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface LooseOptions {
  params?: Record<string, string | number>;
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: HeadersInit;
  signal?: AbortSignal;
}

export function createClient({ baseUrl = '', fetch: fetchImpl = globalThis.fetch }: ClientOptions = {}): Client {
  let csrf: string | null = null;
  let refreshing: Promise<void> | null = null;

  function remember(response: Response): void {
    if (response.status === 401) csrf = null;
    const token = response.headers.get(CSRF_HEADER);
    if (token) csrf = token;
  }

  /** One GET /auth/session at a time, however many calls wait for the token. */
  function refreshCsrf(): Promise<void> {
    refreshing ??= (async () => {
      csrf = null;
      const response = await fetchImpl(buildUrl(baseUrl, '/auth/session'), { credentials: 'include' });
      remember(response);
      await response.body?.cancel();
    })().finally(() => { refreshing = null; });
    return refreshing;
  }

  async function send(method: string, path: string, options: LooseOptions): Promise<Response> {
    const headers = new Headers(options.headers);
    let body: BodyInit | undefined;
    if (options.body instanceof FormData) {
      body = options.body; // fetch writes the multipart Content-Type with its boundary
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers.set('Content-Type', 'application/json');
    }
    if (UNSAFE.has(method) && csrf !== null) headers.set(CSRF_HEADER, csrf);
    const url = buildUrl(baseUrl, path, options.params, options.query);
    const response = await fetchImpl(url, { method, headers, body, credentials: 'include', signal: options.signal });
    remember(response);
    return response;
  }

  async function exchange(verb: HttpMethod, path: string, options: LooseOptions = {}): Promise<Response> {
    const method = verb.toUpperCase();
    const unsafe = UNSAFE.has(method);
    if (unsafe && csrf === null) await refreshCsrf();
    let response = await send(method, path, options);
    if (response.ok) return response;
    let error = await ApiError.fromResponse(response);
    if (unsafe && error.code === 'csrf_failed') {
      await refreshCsrf();
      response = await send(method, path, options);
      if (response.ok) return response;
      error = await ApiError.fromResponse(response);
    }
    throw error;
  }

  async function decode(response: Response): Promise<unknown> {
    if (response.status === 204 || response.status === 205) return undefined;
    const type = response.headers.get('Content-Type') ?? '';
    const json = /^application\/([\w.-]+\+)?json\s*(;|$)/i.test(type);
    return json && response.status !== 206 ? response.json() : response;
  }

  function call<M extends HttpMethod>(verb: M): Call<M> {
    return (async (path: string, options?: LooseOptions) => decode(await exchange(verb, path, options))) as Call<M>;
  }

  return {
    get: call('get'),
    post: call('post'),
    put: call('put'),
    patch: call('patch'),
    delete: call('delete'),
    raw: ((method: HttpMethod, path: string, options?: LooseOptions) => exchange(method, path, options)) as Client['raw'],
    async session() {
      try {
        const response = await exchange('get', '/auth/session');
        return ((await response.json()) as components['schemas']['UserEnvelopeOut']).user;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    async logout() {
      try {
        await exchange('post', '/auth/logout');
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 401)) throw error;
      } finally {
        csrf = null;
      }
    },
    csrfToken: () => csrf,
  };
}
