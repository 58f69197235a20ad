/**
 * The `since` cursor of the partner feeds: opaque to partners (base64url JSON), a list of key parts
 * to the module. A cursor that does not decode is a validation error, never a query.
 */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify({ v: 1, k: key }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, parts: number): string[] | null {
  if (!/^[A-Za-z0-9_-]{1,600}$/.test(cursor)) return null;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: unknown; k?: unknown };
    if (parsed.v !== 1 || !Array.isArray(parsed.k) || parsed.k.length !== parts) return null;
    if (!parsed.k.every((part) => typeof part === 'string' && part.length > 0 && part.length <= 200 && !/[\u0000-\u001f]/.test(part))) return null;
    return parsed.k as string[];
  } catch {
    return null;
  }
}

/** A microsecond UTC instant as the change feeds write it (`2026-05-03T08:00:00.123456Z`). */
export const CHANGE_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
