/** A node:http server on 127.0.0.1 (random port) that plays the backend and records what it was sent. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
  method: string;
  /** Path and query exactly as they arrived on the wire. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string | string[]>;
  /** An object is sent as JSON; a string as it is. */
  body?: unknown;
}

export interface Backend {
  url: string;
  seen: Seen[];
  close(): Promise<void>;
}

export async function startBackend(handle: (request: Seen) => Reply): Promise<Backend> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers,
                        body: Buffer.concat(chunks).toString('utf8') };
      seen.push(request);
      const reply = handle(request);
      const json = typeof reply.body === 'object' && reply.body !== null;
      const headers = { ...(json ? { 'Content-Type': 'application/json' } : {}), ...reply.headers };
      res.writeHead(reply.status ?? 200, headers);
      res.end(json ? JSON.stringify(reply.body) : (reply.body as string | undefined));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** The error envelope of DESIGN §4. */
export function envelope(code: string, error: string, details?: Record<string, unknown>) {
  return { error, code, request_id: `req-${code}`, ...(details ? { details } : {}) };
}

export interface Recorded {
  url: string;
  init: RequestInit | undefined;
}

/** The real fetch, with every call's URL and init kept for the test to inspect. */
export function recordingFetch(): { fetch: typeof globalThis.fetch; calls: Recorded[] } {
  const calls: Recorded[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    calls.push({ url: String(input), init });
    return globalThis.fetch(input, init);
  };
  return { fetch, calls };
}
