/**
 * Calling the backend from a server (Next.js server components, route handlers, middleware)
 * on behalf of the browser request being served. Only two things of that request reach the
 * backend: its Cookie header and the client's IP (as CF-Connecting-IP, which the backend
 * trusts with TRUST_PROXY=cloudflare). Everything else it carried — Authorization, Host,
 * X-Forwarded-*, Accept-Language, … — stays behind. Redirects are not followed, so a 302 and
 * its Set-Cookie come back as they are; `passSetCookie` hands those cookies to the browser.
 */
import { createClient, type Client } from './client.js';

export interface BackendOptions {
  /** Origin of the backend, e.g. http://127.0.0.1:8000. */
  backendUrl: string;
  /** The incoming header holding the client IP; the first X-Forwarded-For entry is the fallback. */
  clientIpHeader?: string;
  fetch?: typeof globalThis.fetch;
}

const FORWARDED_IP_HEADER = 'CF-Connecting-IP';
const IP_LITERAL = /^[0-9A-Fa-f:.]{2,45}$/;

/** A Request (or a framework's subclass) or a Headers-like object such as Next's `headers()`. */
function headersOf(incoming: Request | Headers): Headers {
  return 'get' in incoming && typeof incoming.get === 'function' ? incoming as Headers : (incoming as Request).headers;
}

/** The client IP of the incoming request, or null when it names none that looks like an IP. */
export function clientIp(incoming: Request | Headers, clientIpHeader: string = FORWARDED_IP_HEADER): string | null {
  const headers = headersOf(incoming);
  const candidate = headers.get(clientIpHeader)?.trim() || headers.get('X-Forwarded-For')?.split(',')[0]?.trim();
  return candidate && IP_LITERAL.test(candidate) ? candidate : null;
}

/** The headers a backend call sends: the caller's own, plus the incoming Cookie and client IP. */
export function forwardedHeaders(incoming: Request | Headers, own: HeadersInit | undefined,
                                 clientIpHeader?: string): Headers {
  const headers = new Headers(own);
  const cookie = headersOf(incoming).get('Cookie');
  if (cookie && !headers.has('Cookie')) headers.set('Cookie', cookie);
  const ip = clientIp(incoming, clientIpHeader);
  if (ip && !headers.has(FORWARDED_IP_HEADER)) headers.set(FORWARDED_IP_HEADER, ip);
  return headers;
}

/** A fetch for one incoming request: each call carries its Cookie and client IP, never follows redirects. */
export function forwardingFetch(incoming: Request | Headers, options: Omit<BackendOptions, 'backendUrl'> = {}):
    typeof globalThis.fetch {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  return (input, init = {}) => fetchImpl(input, {
    ...init,
    headers: forwardedHeaders(incoming, init.headers, options.clientIpHeader),
    redirect: 'manual',
  });
}

/** fetch(`${backendUrl}${path}`) on behalf of `incoming`; the Response comes back unread. */
export function backendFetch(incoming: Request | Headers, path: string, init: RequestInit = {},
                             options: BackendOptions): Promise<Response> {
  const url = options.backendUrl.replace(/\/+$/, '') + path;
  return forwardingFetch(incoming, options)(url, init);
}

/** Appends every Set-Cookie of `from` to `to`, each cookie intact (never joined by commas). */
export function passSetCookie(from: Response, to: Headers): void {
  for (const cookie of from.headers.getSetCookie()) to.append('Set-Cookie', cookie);
}

export interface ServerClientOptions extends BackendOptions {
  /** When given, every backend Set-Cookie is appended here (e.g. the route handler's response headers). */
  setCookieTo?: Headers;
}

/** The typed client over backendFetch, for one incoming request. */
export function createServerClient(incoming: Request | Headers, options: ServerClientOptions): Client {
  const forward = forwardingFetch(incoming, options);
  const { setCookieTo } = options;
  return createClient({
    baseUrl: options.backendUrl,
    fetch: setCookieTo
      ? async (input, init) => {
        const response = await forward(input, init);
        passSetCookie(response, setCookieTo);
        return response;
      }
      : forward,
  });
}
