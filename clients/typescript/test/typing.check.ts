/**
 * Compile-time checks of the client's typing: `tsc --noEmit` fails when a call that should
 * type-check does not, or when a `@ts-expect-error` line stops being an error. Never run.
 */
import { createClient, type components } from '../src/index.js';

type Schemas = components['schemas'];
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
function expectType<T extends true>(): T | undefined { return undefined; }

export async function typedCalls(): Promise<void> {
  const api = createClient();
  const page = await api.get('/api/v1/focus', { query: { limit: 10, status: 'paused' } });
  expectType<Equal<typeof page, Schemas['FocusList']>>();
  const started = await api.post('/api/v1/focus', { body: { mode: 'focus', duration: 1500 } });
  expectType<Equal<typeof started, Schemas['FocusSessionOut']>>();
  await api.post('/api/v1/focus/{session_id}/pause', { params: { session_id: started.id } });
  const deleted = await api.delete('/api/v1/ideas/{idea_id}', { params: { idea_id: 'i' } });
  expectType<Equal<typeof deleted, undefined>>();
  await api.get('/api/v1/calendar/events', { query: { from: '2025-01-01', to: '2025-01-31' } });
  const file = await api.get('/api/v1/blobs/{blob_id}', { params: { blob_id: 'b' } });
  expectType<Equal<typeof file, Response>>();
  const stream = await api.get('/api/v1/tracks/{track_id}/stream', { params: { track_id: 't' },
                                                                     headers: { Range: 'bytes=0-99' } });
  expectType<Equal<typeof stream, Response>>();
  await api.post('/api/v1/blobs', { body: new FormData() });
  const log = await api.post('/api/v1/habits/{habit_id}/logs', { params: { habit_id: 'h' }, body: {} });
  expectType<Equal<typeof log, Schemas['HabitLogResultOut']>>();
  const user = await api.session();
  expectType<Equal<typeof user, Schemas['UserOut'] | null>>();

  // @ts-expect-error a path parameter is required
  await api.get('/api/v1/ideas/{idea_id}');
  // @ts-expect-error from and to are required
  await api.get('/api/v1/calendar/events');
  // @ts-expect-error mode is an enum
  await api.post('/api/v1/focus', { body: { mode: 'nap', duration: 1500 } });
  // @ts-expect-error unknown path
  await api.get('/api/v1/nothing-here');
  // @ts-expect-error /api/v1/focus takes no PUT
  await api.put('/api/v1/focus', {});
  // @ts-expect-error a GET takes no body
  await api.get('/api/v1/me', { body: {} });
}
