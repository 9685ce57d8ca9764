// JSON.stringify writes a lone UTF-16 surrogate (a broken emoji from a client) as an escape such as "\ud83d", which
// PostgreSQL's jsonb refuses; as a text parameter the same string would have been stored with U+FFFD in its place.
const LONE_SURROGATE_ESCAPE = /(?<!\\)((?:\\\\)*)\\u[dD][89abcdefABCDEF][0-9a-fA-F]{2}/g;

/** JSON text for a jsonb parameter: JSON.stringify, with lone surrogates replaced by U+FFFD as text columns get them. */
export function jsonbText(value: unknown): string {
  const text = JSON.stringify(value);
  // JSON.stringify only escapes lone surrogates (pairs are written as they are), so any such escape is one.
  return text.includes('\\ud') || text.includes('\\uD') ? text.replace(LONE_SURROGATE_ESCAPE, '$1\\ufffd') : text;
}
