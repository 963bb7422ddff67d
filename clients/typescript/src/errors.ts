/** Errors the backend answers with, as one class built from its envelope (DESIGN §4). */

/** The machine codes the backend documents; others (domain-specific) may appear too. */
export const KNOWN_ERROR_CODES = [
  'validation_error',
  'unauthorized',
  'forbidden',
  'csrf_failed',
  'not_found',
  'method_not_allowed',
  'conflict',
  'insufficient_funds',
  'too_large',
  'unsupported_media_type',
  'range_not_satisfiable',
  'rate_limited',
  'unavailable',
  'internal_error',
] as const;

export type KnownErrorCode = (typeof KNOWN_ERROR_CODES)[number];

/** A known code, 'unknown' when the body was no envelope, or another backend code. */
export type ErrorCode = KnownErrorCode | 'unknown' | (string & {});

export interface ApiErrorInit {
  status: number;
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown> | undefined;
  requestId?: string | null;
  retryAfter?: number | null;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: ErrorCode;
  /** For validation_error: field → messages. */
  readonly details: Record<string, unknown> | undefined;
  readonly requestId: string | null;
  /** Seconds to wait, from Retry-After (429, 503), or null. */
  readonly retryAfter: number | null;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.requestId = init.requestId ?? null;
    this.retryAfter = init.retryAfter ?? null;
  }

  /** Reads the body of a non-2xx response; a body that is no envelope gives code 'unknown'. */
  static async fromResponse(response: Response): Promise<ApiError> {
    const envelope = parseEnvelope(await response.text().catch(() => ''));
    return new ApiError({
      status: response.status,
      code: envelope?.code ?? 'unknown',
      message: envelope?.error ?? `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
      details: envelope?.details,
      requestId: envelope?.request_id ?? response.headers.get('X-Request-ID'),
      retryAfter: parseRetryAfter(response.headers.get('Retry-After')),
    });
  }
}

interface Envelope {
  error: string;
  code: string;
  details?: Record<string, unknown>;
  request_id?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseEnvelope(text: string): Envelope | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(body) || typeof body.error !== 'string' || typeof body.code !== 'string') return null;
  return {
    error: body.error,
    code: body.code,
    details: isRecord(body.details) ? body.details : undefined,
    request_id: typeof body.request_id === 'string' ? body.request_id : undefined,
  };
}

/** Retry-After as seconds: delta-seconds, or an HTTP date counted from `now`. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  if (/^\s*\d+\s*$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** True when `error` is an ApiError with this code: `if (hasErrorCode(e, 'insufficient_funds'))`. */
export function hasErrorCode<C extends ErrorCode>(error: unknown, code: C): error is ApiError & { code: C } {
  return error instanceof ApiError && error.code === code;
}

export function isKnownErrorCode(code: string): code is KnownErrorCode {
  return (KNOWN_ERROR_CODES as readonly string[]).includes(code);
}
