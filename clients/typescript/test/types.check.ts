import { createClient } from '../src/index.js';
const c = createClient();
async function f() {
  const list = await c.get('/api/v1/focus', { query: { limit: 10 } });
  const n: number = list.items.length;
  const s = await c.post('/api/v1/focus', { body: { mode: 'focus', duration: 1500 } });
  const id: string = s.id;
  await c.post('/api/v1/focus/{session_id}/pause', { params: { session_id: id } });
  const d: undefined = await c.delete('/api/v1/ideas/{idea_id}', { params: { idea_id: 'x' } });
  const ev = await c.get('/api/v1/calendar/events', { query: { from: '2024-01-01', to: '2024-01-02' } });
  const r: Response = await c.get('/api/v1/blobs/{blob_id}', { params: { blob_id: 'x' } });
  const up = await c.post('/api/v1/blobs', { body: new FormData() });
  const logs = await c.post('/api/v1/habits/{habit_id}/logs', { params: { habit_id: 'h' }, body: {} });
  const exp = await c.get('/api/v1/me/export');
  // @ts-expect-error missing params
  await c.get('/api/v1/ideas/{idea_id}');
  // @ts-expect-error required query
  await c.get('/api/v1/calendar/events');
  // @ts-expect-error wrong mode
  await c.post('/api/v1/focus', { body: { mode: 'nap', duration: 1500 } });
  // @ts-expect-error no such path
  await c.get('/api/v1/nope');
  // @ts-expect-error PUT not on focus
  await c.put('/api/v1/focus', {});
  return [n, ev, r, up, logs, exp, d];
}
void f;
