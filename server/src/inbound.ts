/**
 * NUL characters have no business in any text Samling stores, and PostgreSQL cannot store them at all: inbound
 * payloads carrying one are refused up front, with the path of the first, instead of failing at the database.
 */
export function findNul(value: unknown, path = '', depth = 0): string | null {
  if (depth > 64) return null;
  if (typeof value === 'string') return value.includes('\u0000') ? path || '/' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findNul(value[i], `${path}/${i}`, depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const hit = k.includes('\u0000') ? `${path}/${k}` : findNul(v, `${path}/${k}`, depth + 1);
      if (hit) return hit;
    }
  }
  return null;
}
