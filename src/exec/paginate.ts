/**
 * Pagination as the AWS CLI does it: follow the output token page after page, merge the result keys,
 * keep the non-aggregate keys of the first page, stop at --max-items (or max_results) with a NextToken
 * the CLI would accept back as --starting-token.
 */
// @ts-types="../types/jmespath.d.ts"
import { search } from "jmespath";
import type { Paginator } from "../models/types.ts";
import { isRecord } from "../parse/shorthand.ts";

/** Fetches one page for the given input. */
export type FetchPage = (input: Record<string, unknown>) => Promise<Record<string, unknown>>;

/** Where to start and when to stop. */
export interface PageLimits {
  maxItems?: number;
  startingToken?: string;
  /**
   * Bounds that hold even without maxItems: pages, items, bytes of pages held, time (ms); and `chars`, set
   * when the printed output is at least the listed items' compact JSON: once they pass it, the output cap
   * is certain to cut, so nothing more is fetched.
   */
  bounds?: { pages: number; items: number; bytes: number; ms: number; chars?: number };
  /** Called after each page with the number of pages so far. */
  onPage?: (pages: number) => void;
  signal?: AbortSignal;
  /**
   * Keep each page: "text" as the CLI's text formatter sees it (the first with the non-aggregate keys, every one
   * with its result keys, null where the page has none); "raw" as it came (yaml-stream prints those).
   */
  pageViews?: "text" | "raw";
}

const list = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let t = target;
  for (const p of parts.slice(0, -1)) {
    if (!isRecord(t[p])) t[p] = {};
    t = t[p] as Record<string, unknown>;
  }
  t[parts.at(-1)!] = value;
}

/** Decodes a --starting-token: the CLI's base64 JSON, or a bare token. */
export function decodeToken(
  token: string,
  inputTokens: string[],
): { tokens: Record<string, unknown>; skip: number } {
  try {
    const data = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(token), (c) => c.charCodeAt(0))));
    if (isRecord(data)) {
      const skip = typeof data.boto_truncate_amount === "number" ? data.boto_truncate_amount : 0;
      delete data.boto_truncate_amount;
      return { tokens: data, skip };
    }
  } catch {
    // not an encoded token
  }
  return { tokens: { [inputTokens[0]]: token }, skip: 0 };
}

/**
 * Encodes the resume token the CLI prints as NextToken: base64 of Python's `json.dumps` of every input
 * token (null when unset) and, when a page was cut short, how many of its items were returned.
 */
export function encodeToken(
  inputTokens: string[],
  values: Record<string, unknown>,
  truncate: number,
): string {
  const parts = inputTokens.map((t) => `${JSON.stringify(t)}: ${pyJsonInline(values[t] ?? null)}`);
  if (truncate) parts.push(`"boto_truncate_amount": ${truncate}`);
  return btoa(String.fromCharCode(...new TextEncoder().encode(`{${parts.join(", ")}}`)));
}

function pyJsonInline(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(pyJsonInline).join(", ")}]`;
  if (isRecord(v)) {
    return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${pyJsonInline(x)}`).join(", ")}}`;
  }
  return JSON.stringify(v);
}

/** Why paging stopped before the last page, other than maxItems. */
export type PagingStop = "pages" | "items" | "bytes" | "time" | "chars";

/**
 * Fetches all pages (or up to maxItems, or up to the bounds) and builds the CLI's full result; `stopped`
 * says which bound ended it early, the result's NextToken where to resume.
 */
export async function paginate(
  p: Paginator,
  input: Record<string, unknown>,
  fetch: FetchPage,
  limits: PageLimits,
): Promise<{ result: Record<string, unknown>; stopped?: PagingStop; views?: Record<string, unknown>[] }> {
  const started = Date.now();
  let bytes = 0, chars = 0;
  let stopped: PagingStop | undefined;
  const inTokens = list(p.input_token), outTokens = list(p.output_token);
  const resultKeys = list(p.result_key ?? []);
  const complete: Record<string, unknown> = {};
  let nonAggregate: Record<string, unknown> = {};
  let request = { ...input };
  let skip = 0;
  if (limits.startingToken) {
    const start = decodeToken(limits.startingToken, inTokens);
    Object.assign(request, start.tokens);
    skip = start.skip;
  }
  let items = 0, pages = 0;
  let resume: string | undefined;
  const views: Record<string, unknown>[] = [];
  for (;;) {
    limits.signal?.throwIfAborted();
    const page = await fetch(request);
    pages++;
    limits.onPage?.(pages);
    if (pages === 1) {
      nonAggregate = {};
      for (const k of p.non_aggregate_keys ?? []) setPath(nonAggregate, k, search(page, k) ?? null);
    }
    const next: Record<string, unknown> = {};
    outTokens.forEach((t, i) => {
      const v = search(page, t);
      if (v !== null && v !== undefined) next[inTokens[i]] = v;
    });
    let pageCount = 0;
    // "raw": each page as it came, as `--output yaml-stream` prints them.
    const view: Record<string, unknown> | undefined = limits.pageViews === "raw"
      ? { ...page }
      : limits.pageViews
      ? (pages === 1 ? structuredClone(nonAggregate) : {})
      : undefined;
    if (view) views.push(view);
    for (const key of resultKeys) {
      let value = search(page, key);
      if (view && limits.pageViews === "text") setPath(view, key, value ?? null);
      if (value === null || value === undefined) continue;
      if (Array.isArray(value)) {
        let arr: unknown[] = value;
        if (skip) arr = arr.slice(skip);
        if (limits.maxItems !== undefined && items + arr.length > limits.maxItems) {
          const keep = limits.maxItems - items;
          const consumed = skip + keep;
          arr = arr.slice(0, keep);
          // Resume inside this page: the same request again, skipping what was returned.
          resume = encodeToken(inTokens, request, consumed);
        }
        pageCount = Math.max(pageCount, arr.length);
        if (limits.bounds?.chars !== undefined) chars += JSON.stringify(arr).length;
        value = arr;
        if (view) setPath(view, key, arr);
      }
      const existing = search(complete, key);
      // A copy: the page's own array stays as the page had it (its view may print it).
      if (existing === null || existing === undefined) {
        setPath(complete, key, view && Array.isArray(value) ? value.slice() : value);
      } else if (Array.isArray(existing) && Array.isArray(value)) {
        for (const v of value) existing.push(v); // not spread: a page may hold more items than the stack allows
      } else if (typeof existing === "number" && typeof value === "number") {
        setPath(complete, key, existing + value);
      } else if (typeof existing === "string" && typeof value === "string") {
        setPath(complete, key, existing + value);
      }
    }
    skip = 0;
    items += pageCount;
    const more = Object.keys(next).length > 0 &&
      (p.more_results === undefined || search(page, p.more_results) === true);
    if (resume || !more) break;
    if (limits.maxItems !== undefined && items >= limits.maxItems) {
      resume = encodeToken(inTokens, next, 0);
      break;
    }
    if (limits.bounds) {
      // What the pages so far hold, as the JSON they would print: never more than the response cap.
      bytes += JSON.stringify(page).length;
      const b = limits.bounds;
      stopped = pages >= b.pages
        ? "pages"
        : items >= b.items
        ? "items"
        : bytes >= b.bytes
        ? "bytes"
        : Date.now() - started >= b.ms
        ? "time"
        : b.chars !== undefined && chars > b.chars
        ? "chars"
        : undefined;
      if (stopped) {
        resume = encodeToken(inTokens, next, 0);
        break;
      }
    }
    // A service that repeats its token would loop forever.
    if (inTokens.every((t) => JSON.stringify(request[t]) === JSON.stringify(next[t]))) break;
    request = { ...input, ...next };
  }
  const out = { ...complete, ...nonAggregate };
  if (resume) out.NextToken = resume;
  return { result: out, ...(stopped ? { stopped } : {}), ...(limits.pageViews ? { views } : {}) };
}
