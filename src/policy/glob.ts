/**
 * Policy patterns: `*` matches any text, everything else itself. Matched by scanning, never by a regular
 * expression, so that no pattern — however many `*` it has — can make matching slow (no backtracking).
 */

/** Whether `text` matches `pattern` (`*` = any text); time linear in the lengths for practical patterns. */
export function globMatch(pattern: string, text: string): boolean {
  const parts = pattern.split("*");
  if (parts.length === 1) return pattern === text;
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (first.length + last.length > text.length) return false;
  if (!text.startsWith(first) || !text.endsWith(last)) return false;
  // The middle pieces in order, each at its leftmost place: leftmost is never worse for what follows.
  let at = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const piece = parts[i];
    if (piece === "") continue;
    const found = text.indexOf(piece, at);
    if (found < 0 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}
