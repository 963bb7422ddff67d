export { createClient, type Client, type ClientOptions, type User } from './client.js';
export {
  ApiError, KNOWN_ERROR_CODES, hasErrorCode, isApiError, isKnownErrorCode, parseRetryAfter,
  type ApiErrorInit, type ErrorCode, type KnownErrorCode,
} from './errors.js';
export {
  backendFetch, clientIp, createServerClient, forwardedHeaders, forwardingFetch, passSetCookie,
  type BackendOptions, type ServerClientOptions,
} from './ssr.js';
export type { HttpMethod, Operation, PathsWith, RequestOptions, SuccessData } from './types.js';
export type { components, paths } from './schema.js';
