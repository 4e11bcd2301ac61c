/** Turns the models' HTML documentation into plain text. */

const ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};

/** Strips tags, decodes entities and folds white space. */
export function htmlToText(html: string | undefined): string {
  if (!html) return "";
  return html
    .replace(/<\/(p|li|ul|ol|note|important|h\d)>/gi, "\n")
    .replace(/<li>/gi, "- ")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === "#") {
        const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/[ \t\r\f\v]+/g, " ")
    .replace(/ *\n[ \n]*/g, "\n")
    .trim();
}

// Boilerplate notes that open many S3 operations' documentation and describe nothing.
const LEADING_NOTE =
  /^(This operation is not supported for directory buckets\.|End of support notice:[^\n]*)\s*/;

/** The first sentence of a text, at most `max` characters. */
export function firstSentence(text: string, max = 240): string {
  const line = text.replace(LEADING_NOTE, "").split("\n").find((l) => l.trim()) ?? "";
  const m = /^(.+?[.!?])(\s|$)/.exec(line);
  const s = m ? m[1] : line;
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
}
