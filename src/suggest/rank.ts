/**
 * Ranking: BM25F scores from the prebuilt index for the query's words and their synonyms, then boosts
 * for a service the query names and for commands whose verb matches the query's intent.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { stem, tokens } from "./text.ts";
import { COMMON_SERVICES, INTENTS, PHRASES, SERVICE_WORDS, SYNONYMS } from "./vocabulary.ts";

interface IndexFile {
  docs: Array<[string, string, string, string]>;
  postings: Record<string, number[]>;
}

/** One ranked command. */
export interface Ranked {
  service: string;
  command: string;
  kind: "op" | "waiter" | "hl";
  summary: string;
  score: number;
  /** Query words that matched this command. */
  matched: string[];
}

let index: (IndexFile & { nameWords: string[][] }) | undefined;

/** The index, read on first use, with each command's name words stemmed once. */
export function loadIndex(): IndexFile & { nameWords: string[][] } {
  if (!index) {
    const file = JSON.parse(
      readFileSync(fileURLToPath(new URL("../../models/suggest.json", import.meta.url)), "utf8"),
    ) as IndexFile;
    index = { ...file, nameWords: file.docs.map(([, command]) => tokens(command)) };
  }
  return index;
}

const stemmed = (words: readonly string[]) => words.map(stem);
const SYN = new Map(Object.entries(SYNONYMS).map(([k, v]) => [stem(k), stemmed(v)]));
const SERVICES = new Map(Object.entries(SERVICE_WORDS).map(([k, v]) => [stem(k), v]));
const INTENT_CLASSES = INTENTS.map(([words, verbs]) => [new Set(stemmed(words)), verbs] as const);

/** The query's words, as typed (for matched-word reporting) and stemmed. */
function queryWords(query: string): Array<{ raw: string; stem: string }> {
  const rewritten = PHRASES.reduce((q, [re, to]) => q.replace(re, to), query);
  return rewritten.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).flatMap((raw) =>
    tokens(raw).map((s) => ({ raw, stem: s }))
  );
}

/** The top `n` commands for a query. */
export function rank(query: string, n = 5): Ranked[] {
  const idx = loadIndex();
  const words = queryWords(query);
  const scores = new Float64Array(idx.docs.length);
  const touched: number[] = [];
  const matchedBy = new Map<string, number[]>();
  const add = (term: string, weight: number, raw: string) => {
    if (!Object.hasOwn(idx.postings, term)) return;
    const p = idx.postings[term];
    const docs: number[] = matchedBy.get(raw) ?? [];
    for (let i = 0; i < p.length; i += 2) {
      if (scores[p[i]] === 0) touched.push(p[i]);
      scores[p[i]] += (weight * p[i + 1]) / 1000;
      docs.push(p[i]);
    }
    matchedBy.set(raw, docs);
  };
  const seen = new Set<string>();
  for (const w of words) {
    if (seen.has(w.stem)) continue;
    seen.add(w.stem);
    add(w.stem, 1, w.raw);
    for (const s of SYN.get(w.stem) ?? []) if (!seen.has(s)) add(s, 0.5, w.raw);
  }
  const hinted = new Set(words.flatMap((w) => SERVICES.get(w.stem) ?? []));
  const intents = new Set(
    INTENT_CLASSES.filter(([ws]) => words.some((w) => ws.has(w.stem))).flatMap(([, verbs]) => [...verbs]),
  );
  // Words the query covers: its own, their synonyms, and the verbs of its intent.
  const covered = new Set([
    ...seen,
    ...[...seen].flatMap((s) => SYN.get(s) ?? []),
    ...[...intents].map(stem),
  ]);
  const scored: Array<[number, number]> = [];
  for (const doc of touched) {
    const [service, command, kind, summary] = idx.docs[doc];
    let score = scores[doc];
    if (hinted.size) score *= hinted.has(service) ? 1.6 : 0.7;
    const verb = kind === "waiter" ? "wait" : command.split("-")[0];
    if (intents.size && intents.has(verb)) score *= 1.35;
    if (summary.startsWith("(Deprecated)")) score *= 0.5;
    // Prefer commands whose every word the query asked for: list-buckets over list-bucket-inventory-….
    const nameWords = idx.nameWords[doc];
    let hits = 0;
    for (const w of nameWords) if (covered.has(w)) hits++;
    score *= 0.55 + 0.45 * (hits / nameWords.length);
    if (!hinted.size && COMMON_SERVICES.has(service)) score *= 1.5;
    scored.push([doc, score]);
  }
  scored.sort((a, b) => b[1] - a[1] || idx.docs[a[0]][1].length - idx.docs[b[0]][1].length);
  return scored.slice(0, n).map(([doc, score]) => {
    const [service, command, kind, summary] = idx.docs[doc];
    const matched = [...matchedBy].filter(([, ds]) => ds.includes(doc)).map(([raw]) => raw);
    return { service, command, kind: kind as Ranked["kind"], summary, score, matched };
  });
}
