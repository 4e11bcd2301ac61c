/**
 * Ranking: BM25F scores from the prebuilt index for the query's words and their synonyms, then boosts
 * for a service the query names and for commands whose verb matches the query's intent.
 */
import { Buffer } from "node:buffer";
import { readModel } from "../models/registry.ts";
import { stem, tokens } from "./text.ts";
import { COMMON_SERVICES, INTENTS, PHRASES, SERVICE_WORDS, SYNONYMS } from "./vocabulary.ts";
import { OUTCOMES } from "./outcomes.ts";

interface IndexFile {
  docs: Array<[string, string, string, string]>;
  /** term → base64 of little-endian uint16 pairs [doc, score×1000, …] (scripts/models/suggest-index.ts). */
  postings: Record<string, string>;
  hints: { strong: Record<string, string[]>; weak: Record<string, string[]> };
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

/** The index with each command's name words stemmed and as written, computed once. */
type LoadedIndex = IndexFile & {
  /** A command's name words, stemmed and as written — worked out for the commands a query touches. */
  nameWords(doc: number): string[];
  nameForms(doc: number): string[];
  /** A term's [doc, score×1000, …] pairs, or undefined for a term no command has. */
  posting(term: string): Uint16Array | undefined;
  byName(name: string): number | undefined;
};
let index: LoadedIndex | undefined;

/** The index, read on first use. */
export function loadIndex(): LoadedIndex {
  if (!index) {
    const file = readModel<IndexFile>("suggest.json");
    const words: string[][] = [], forms: string[][] = [];
    const postings = new Map<string, Uint16Array>();
    let ofService: Map<string, number[]> | undefined;
    index = {
      ...file,
      // Lazily: stemming every one of the ~19,500 names up front doubled the first query's time.
      nameWords: (doc) => (words[doc] ??= tokens(file.docs[doc][1])),
      nameForms: (doc) => (forms[doc] ??= file.docs[doc][1].split(/[- ]/)),
      posting: (term) => {
        if (!Object.hasOwn(file.postings, term)) return undefined;
        let p = postings.get(term);
        if (!p) {
          const bytes = Buffer.from(file.postings[term], "base64");
          // Copied into a buffer of its own so the view is aligned; every target platform is little-endian.
          const own = new Uint8Array(bytes.length);
          own.set(bytes);
          p = new Uint16Array(own.buffer);
          postings.set(term, p);
        }
        return p;
      },
      // By service, not a map of all ~19,500 names (built at load, that cost the first query ~20 ms).
      byName: (name) => {
        if (!ofService) {
          ofService = new Map();
          file.docs.forEach(([service], i) => {
            const list = ofService!.get(service);
            if (list) list.push(i);
            else ofService!.set(service, [i]);
          });
        }
        const at = name.indexOf(" "), command = name.slice(at + 1);
        return ofService.get(name.slice(0, at))?.find((i) => file.docs[i][1] === command);
      },
    };
  }
  return index;
}

const stemmed = (words: readonly string[]) => words.map(stem);
const SYN = new Map(Object.entries(SYNONYMS).map(([k, v]) => [stem(k), stemmed(v)]));
const SERVICES = new Map(Object.entries(SERVICE_WORDS).map(([k, v]) => [stem(k), v]));
// Curated names of several words, squeezed together as the query's words are joined.
const CURATED_NAMES = new Map(
  Object.entries(SERVICE_WORDS).map(([k, v]) => [k.replace(/[^a-z0-9]/g, ""), v]),
);
const INTENT_CLASSES = INTENTS.map(([words, verbs]) => [new Set(stemmed(words)), verbs] as const);

/** The query's words, lower-cased as typed, after the idioms are rewritten. */
function rawWords(query: string): string[] {
  const rewritten = PHRASES.reduce((q, [re, to]) => q.replace(re, to), query);
  return rewritten.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/** The query's words, as typed (for matched-word reporting) and stemmed. */
function queryWords(raw: string[]): Array<{ raw: string; stem: string }> {
  return raw.flatMap((r) => tokens(r).map((s) => ({ raw: r, stem: s })));
}

const MAX_NAME_WORDS = 3;

/** Words that open a question: the query asks about state, not for a change. */
const QUESTION_WORDS = new Set(
  "which what whats is are was were how does do did has have who when where why any can should".split(" "),
);
/** Words of a request to change something (as typed: "deleted" in "who deleted it" is not one). */
const CHANGE_WORDS = new Set(
  ("create make new add provision delete remove destroy drop erase update modify change edit set enable " +
    "disable configure start run launch stop halt kill attach detach tag untag put restore invoke terminate " +
    "reboot deploy rotate grant revoke allow open give raise lower increase decrease block unblock restrict")
    .split(" "),
);
/** Operation verbs that change state; a question about state wants a look-up instead. */
const CHANGE_VERBS = new Set(
  ("create delete put update modify stop start run terminate attach detach associate disassociate enable " +
    "disable reboot restore register deregister allocate release authorize revoke tag untag import reset " +
    "cancel purge rotate batch copy replace accept reject monitor unmonitor").split(" "),
);
const READ_VERBS = new Set(["describe", "list", "get", "head", "search", "lookup", "ls", "filter", "query"]);
/** Words that ask why something went wrong: events, history and status say. */
const TROUBLE_WORDS = new Set(
  "why wrong fail failed failing failure fails stuck broken broke crash crashed crashing error errors stopped"
    .split(
      " ",
    ),
);
const TROUBLE_NAMES = new Set(["event", "history", "status", "reason", "find", "log"].map(stem));
const OUTCOME_GROUPS = OUTCOMES.map((o) => ({
  ...o,
  all: o.all.map((g) => new Set(g.flatMap((w) => [w, stem(w)]))),
  // As typed: "roles" rules out what "role" would not.
  none: new Set(o.none ?? []),
}));

/**
 * The outcomes whose every word group the query has, most specific first (see outcomes.ts); where the query
 * names services, only outcomes of those services.
 */
function matchedOutcomes(raw: string[], named: Set<string> | undefined): string[][] {
  const forms = new Set(raw.flatMap((w) => [w, stem(w)]));
  const changes = raw.some((w) => CHANGE_WORDS.has(w));
  return OUTCOME_GROUPS.filter((o) =>
    o.all.every((g) => [...g].some((w) => forms.has(w))) && !raw.some((w) => o.none.has(w)) &&
    !(o.read && changes) &&
    (!named || o.anyService || o.commands.some((c) => named.has(c.slice(0, c.indexOf(" ")))))
  ).map((o) => [...o.commands]);
}

/**
 * The services a query names: curated words (by stem), then the index's hint words, which may span
 * several typed words ("step functions", "x-ray"). Weak hints ("backup", "config") count only when
 * nothing stronger names a service, and then only as a nudge.
 */
function hintedServices(
  raw: string[],
  hints: IndexFile["hints"],
): { services: Set<string>; strong: boolean; named: Set<string> } {
  const strong = new Set<string>(), weak = new Set<string>(), named = new Set<string>();
  const lookup = (
    key: string,
    table: Record<string, string[]>,
  ) => (Object.hasOwn(table, key) ? table[key] : Object.hasOwn(table, `${key}s`) ? table[`${key}s`] : []);
  for (let i = 0; i < raw.length; i++) {
    for (const s of SERVICES.get(stem(raw[i])) ?? []) {
      strong.add(s);
      named.add(s);
    }
    for (let n = 1; n <= MAX_NAME_WORDS && i + n <= raw.length; n++) {
      const key = raw.slice(i, i + n).join("");
      if (n > 1) { for (const s of CURATED_NAMES.get(key) ?? []) strong.add(s); }
      for (const s of lookup(key, hints.strong)) strong.add(s);
      for (const s of lookup(key, hints.weak)) weak.add(s);
    }
  }
  return strong.size ? { services: strong, strong: true, named } : { services: weak, strong: false, named };
}

const PREPOSITIONS = new Set(
  "in of for to from with on by into at under without across inside within that which where".split(" "),
);
const VERBS = new Set(INTENTS.flatMap(([words]) => words).map(stem));

/**
 * The head noun of the query's object: the last word before the first preposition that follows the verb
 * ("list services in an ECS cluster" → servic; "take a snapshot of a volume" → snapshot).
 */
function objectHead(raw: string[]): string | undefined {
  const start = raw.findIndex((w) => VERBS.has(stem(w)));
  let last: string | undefined;
  for (const w of raw.slice(start + 1)) {
    if (PREPOSITIONS.has(w)) break;
    const t = tokens(w);
    if (t.length) last = t.at(-1);
  }
  return last;
}

/** Whether a name word ends with the stem: nodegroup ends with group. */
function endsWithStem(word: string, s: string): boolean {
  return word === s || (s.length >= 4 && word.endsWith(s));
}

/** The top `n` commands for a query. */
export function rank(query: string, n = 5): Ranked[] {
  const idx = loadIndex();
  const raw = rawWords(query);
  const words = queryWords(raw);
  const scores = new Float64Array(idx.docs.length);
  const touched: number[] = [];
  const matchedBy = new Map<string, number[]>();
  const add = (term: string, weight: number, raw: string) => {
    const p = idx.posting(term);
    if (!p) return;
    const docs: number[] = matchedBy.get(raw) ?? [];
    for (let i = 0; i < p.length; i += 2) {
      if (scores[p[i]] === 0) touched.push(p[i]);
      scores[p[i]] += (weight * p[i + 1]) / 1000;
      docs.push(p[i]);
    }
    matchedBy.set(raw, docs);
  };
  const seen = new Set<string>();
  // In a question, an inflected action word states a condition ("which instances are stopped"): it filters
  // what is looked up, it does not name the operation.
  const question = raw.length > 0 && (QUESTION_WORDS.has(raw[0]) || query.includes("?"));
  for (const w of words) {
    if (seen.has(w.stem)) continue;
    if (question && w.raw !== w.stem && CHANGE_VERBS.has(w.stem)) continue;
    seen.add(w.stem);
    add(w.stem, 1, w.raw);
    for (const s of SYN.get(w.stem) ?? []) if (!seen.has(s)) add(s, 0.5, w.raw);
  }
  // Two typed words that the models write as one ("node groups" → nodegroups).
  for (let i = 0; i + 1 < raw.length; i++) {
    const joined = stem(raw[i] + raw[i + 1]);
    if (!seen.has(joined) && idx.posting(joined)) {
      seen.add(joined);
      add(joined, 1, `${raw[i]} ${raw[i + 1]}`);
    }
  }
  const typed = new Set(raw);
  // "which instances are running": the thing asked about follows the question word.
  const asksWhich = (raw[0] === "which" || raw[0] === "what") && raw.length > 2 && !VERBS.has(stem(raw[1]));
  const head = asksWhich ? tokens(raw[1]).at(-1) : objectHead(raw);
  // `named`: services the query names in so many words (curated names, not the models' noisier hint words).
  const { services: hinted, strong, named } = hintedServices(raw, idx.hints);
  const intents = new Set(
    INTENT_CLASSES.filter(([ws]) => words.some((w) => ws.has(w.stem))).flatMap(([, verbs]) => [...verbs]),
  );
  // A question about state ("which instances are stopped") wants a look-up, not the verb of its adjective.
  if (question) { for (const v of [...intents]) if (CHANGE_VERBS.has(v)) intents.delete(v); }
  const trouble = raw.some((w) => TROUBLE_WORDS.has(w)) && (question || raw.includes("wrong"));
  // Outcomes asked for in other words than their commands': put first, in their order.
  const outcomeRank = new Map<number, number>();
  matchedOutcomes(raw, named.size ? named : undefined).flat().forEach((name) => {
    const doc = idx.byName(name);
    if (doc === undefined || outcomeRank.has(doc)) return;
    outcomeRank.set(doc, outcomeRank.size);
    if (scores[doc] === 0) touched.push(doc);
  });
  let strongest = 0;
  for (const doc of touched) strongest = Math.max(strongest, scores[doc]);
  const waiting = intents.has("wait");
  // Words the query covers: its own, their synonyms, and the verbs of its intent.
  const covered = new Set([
    ...seen,
    ...[...seen].flatMap((s) => SYN.get(s) ?? []),
    ...[...intents].map(stem),
  ]);
  // The best n so far, best first: a full sort of every touched command would cost more than the scoring.
  const best: Array<[number, number]> = [];
  const better = (a: [number, number], b: [number, number]) =>
    a[1] > b[1] || (a[1] === b[1] && idx.docs[a[0]][1].length < idx.docs[b[0]][1].length);
  for (const doc of touched) {
    const [service, , kind, summary] = idx.docs[doc];
    let score = scores[doc];
    if (strong) score *= hinted.has(service) ? 1.6 : 0.7;
    else if (hinted.has(service)) score *= 1.2;
    const forms = idx.nameForms(doc);
    // batch-get-builds reads, as get-build would.
    const verb = kind === "waiter" ? "wait" : forms[0] === "batch" && forms[1] === "get" ? "get" : forms[0];
    if (intents.size && intents.has(verb)) score *= 1.35;
    // "Wait for the copy to finish" asks for a waiter, whatever other verbs it holds.
    if (waiting && kind === "waiter") score *= 1.5;
    if (summary.startsWith("(Deprecated)")) score *= 0.5;
    // Prefer commands whose every word the query asked for: list-buckets over list-bucket-inventory-….
    const nameWords = idx.nameWords(doc);
    let hits = 0;
    for (const w of nameWords) if (covered.has(w)) hits++;
    score *= 0.55 + 0.45 * (hits / nameWords.length);
    // Words typed in the very form the name has them: "list web acls" → list-web-acls over get-web-acl.
    let exact = 0;
    for (const w of forms) if (typed.has(w)) exact++;
    score *= 1 + 0.15 * (exact / forms.length);
    // The thing the query acts on is the thing the command is named for: "list services in a cluster".
    if (head && endsWithStem(nameWords.at(-1)!, head)) score *= 1.25;
    if (!strong && COMMON_SERVICES.has(service)) score *= 1.5;
    if (question) {
      // Which ones are in a state is a listing, and why something happened is history; neither is a wait.
      if ((asksWhich || trouble) && kind === "waiter" && !waiting) score *= 0.6;
      if (CHANGE_VERBS.has(verb)) score *= 0.5;
      else if (READ_VERBS.has(verb)) score *= 1.4;
      if (trouble && nameWords.some((w) => TROUBLE_NAMES.has(w))) score *= 1.6;
    }
    const outcome = outcomeRank.get(doc);
    // Far above anything scored by words alone (adjustments multiply a score by at most ~8).
    if (outcome !== undefined) score = Math.max(score, strongest * 10 + 1) * (1 - 0.01 * outcome);
    const entry: [number, number] = [doc, score];
    if (best.length === n && !better(entry, best[n - 1])) continue;
    let at = best.length === n ? n - 1 : best.length;
    while (at > 0 && better(entry, best[at - 1])) at--;
    best.splice(at, 0, entry);
    if (best.length > n) best.pop();
  }
  return best.map(([doc, score]) => {
    const [service, command, kind, summary] = idx.docs[doc];
    const matched = [...matchedBy].filter(([, ds]) => ds.includes(doc)).map(([raw]) => raw);
    return { service, command, kind: kind as Ranked["kind"], summary, score, matched };
  });
}
