/**
 * Type-level view of the generated `paths`: which paths take a method, what a call needs
 * (path params, query, body) and what it gives back (the 2xx schema).
 */
import type { paths } from './schema.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

type Defined<T> = Exclude<T, undefined>;

/** Keys of T that are not optional. */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/** The operation object for `method` on `path` (never when the path does not take it). */
export type Operation<P extends keyof paths, M extends HttpMethod> = Defined<paths[P][M]>;

/** Every path that takes `method`. */
export type PathsWith<M extends HttpMethod> = {
  [P in keyof paths]: [Operation<P, M>] extends [never] ? never : P;
}[keyof paths];

type OperationParameters<Op> = Op extends { parameters: infer Ps } ? Ps : never;
type ParamsIn<Op, Where extends 'path' | 'query'> =
  Where extends keyof OperationParameters<Op> ? Defined<OperationParameters<Op>[Where]> : never;

type PathOption<Op> = [ParamsIn<Op, 'path'>] extends [never]
  ? { params?: never }
  : { params: ParamsIn<Op, 'path'> };

type QueryOption<Op> = [ParamsIn<Op, 'query'>] extends [never]
  ? { query?: never }
  : 'query' extends RequiredKeys<OperationParameters<Op>>
    ? { query: ParamsIn<Op, 'query'> }
    : { query?: ParamsIn<Op, 'query'> };

/** A JSON body is the schema's type; a multipart upload is a FormData the caller fills. */
type BodyOf<Content> = Content extends { 'application/json': infer Json }
  ? Json
  : Content extends { 'multipart/form-data': unknown }
    ? FormData
    : never;

type RequestContent<Op> = Op extends { requestBody?: infer Body }
  ? Defined<Body> extends { content: infer Content } ? Content : never
  : never;

type BodyOption<Op> = [RequestContent<Op>] extends [never]
  ? { body?: never }
  : 'requestBody' extends RequiredKeys<Op>
    ? { body: BodyOf<RequestContent<Op>> }
    : { body?: BodyOf<RequestContent<Op>> };

/** What one call may carry besides the path: `params` fill `{name}` segments, `query` the search. */
export type RequestOptions<Op> = PathOption<Op> & QueryOption<Op> & BodyOption<Op> & {
  /** Extra headers, e.g. Idempotency-Key or Range. */
  headers?: HeadersInit;
  signal?: AbortSignal;
};

/** The options argument: required exactly when the operation has something required. */
export type OptionsArgument<Op> = [RequiredKeys<RequestOptions<Op>>] extends [never]
  ? [options?: RequestOptions<Op>]
  : [options: RequestOptions<Op>];

type SuccessStatus = 200 | 201 | 202 | 203 | 206;

/** JSON content → its schema; any other declared content (a download) → the raw Response. */
type Decoded<Reply> = Reply extends { content: infer Content }
  ? Content extends { 'application/json': infer Json } ? Json : Response
  : unknown;

type Responses<Op> = Op extends { responses: infer R } ? R : never;

/** What a successful call resolves to: 204 → undefined, JSON → its schema, downloads → Response. */
export type SuccessData<Op> = {
  [S in keyof Responses<Op>]: S extends 204 ? undefined : S extends SuccessStatus ? Decoded<Responses<Op>[S]> : never;
}[keyof Responses<Op>];
