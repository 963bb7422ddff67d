/** Builds request URLs from a path template, its params and a query object. */

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];

/**
 * `/api/v1/x/{id}` with `{ id }` → `/api/v1/x/<id, percent-encoded>`; query values that are
 * null or undefined are left out, arrays repeat their key.
 */
export function buildUrl(
  baseUrl: string,
  template: string,
  params?: Readonly<Record<string, string | number>>,
  query?: Readonly<Record<string, QueryValue>>,
): string {
  const path = template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null || value === '') {
      throw new TypeError(`${template}: missing path parameter "${name}"`);
    }
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  const queryString = search.toString();
  return baseUrl.replace(/\/+$/, '') + path + (queryString ? `?${queryString}` : '');
}
