/** Text normalization shared by the suggest index builder and the query side: tokens and stems. */

const STOP = new Set([
  "a",
  "an",
  "the",
  "of",
  "in",
  "on",
  "for",
  "to",
  "from",
  "with",
  "my",
  "all",
  "by",
  "and",
  "or",
  "is",
  "are",
  "be",
  "this",
  "that",
  "these",
  "those",
  "into",
  "using",
  "via",
  "it",
  "its",
  "me",
  "i",
  "we",
  "our",
  "what",
  "which",
  "how",
  "do",
  "does",
  "can",
  "please",
  "some",
  "any",
  "each",
  "every",
  "specified",
  "given",
  "aws",
  "amazon",
  "you",
  "your",
  "as",
  "at",
  "if",
  "when",
  "will",
  "was",
  "has",
  "have",
  "not",
  "one",
  "about",
]);

// A final e goes, so create, creates, creating and created all become "creat".
const dropE = (w: string) => (w.length > 3 && w.endsWith("e") ? w.slice(0, -1) : w);

/** A light stemmer: plural and common verb endings, so "instances" meets "instance". */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith("ies")) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && /(ses|xes|ches|shes)$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  // recursively → recursive, hourly → hour.
  if (w.length > 5 && w.endsWith("ly")) w = w.slice(0, -2);
  // invalidation → invalidat, as invalidate becomes.
  if (w.length > 6 && w.endsWith("ation")) return w.slice(0, -3);
  if (w.length > 5 && w.endsWith("ing")) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith("ed") && !w.endsWith("eed")) w = w.slice(0, -2);
  else return dropE(w);
  // running → run, stopped → stop
  return dropE(/([bdgmnprt])\1$/.test(w) ? w.slice(0, -1) : w);
}

/** Words of a text: camelCase and separators split, lower-cased, stop words dropped, stemmed. */
export function tokens(text: string): string[] {
  const spaced = text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase();
  return spaced.split(/[^a-z0-9]+/).filter((w) => w && !STOP.has(w)).map(stem);
}

/** The one-line description of a waiter, which the models do not document. */
export function waiterSummary(name: string, operationCli: string): string {
  return `Wait until ${name.replaceAll("-", " ")} (polls ${operationCli} until it succeeds).`;
}
