/**
 * The bound on what one command returns (AWS_API_MCP_MAX_OUTPUT_CHARS): output over its budget is cut at an
 * item boundary of its largest list — what is returned still parses and still prints as the CLI prints —
 * and says how much was shown and how to narrow it. A batch shares one budget: small results keep all they
 * need, the rest is split evenly among the large ones.
 */
import type { OutputFormat } from "../../parse/types.ts";
import { formatOutput } from "./format.ts";
import { isRecord } from "../../parse/shorthand.ts";

/** Each result's budget out of one shared total: sizes up to an even share are kept whole. */
export function shareBudget(sizes: number[], total: number): number[] {
  const order = sizes.map((_, i) => i).sort((a, b) => sizes[a] - sizes[b]);
  const shares = new Array<number>(sizes.length);
  let left = total;
  order.forEach((i, n) => {
    const even = Math.floor(left / (order.length - n));
    shares[i] = Math.min(sizes[i], even);
    left -= shares[i];
  });
  return shares;
}

/** A cut output: the shortened response and text, and what to tell the assistant. */
export interface CutOutput {
  response?: unknown;
  text: string;
  notice: string;
}

type Path = string[];

/** The largest list in a value, looked for through objects (a list's own items are kept whole). */
function largestList(value: unknown, path: Path = []): { path: Path; size: number } | undefined {
  if (Array.isArray(value)) return { path, size: JSON.stringify(value).length };
  if (!isRecord(value)) return undefined;
  let best: { path: Path; size: number } | undefined;
  for (const [k, v] of Object.entries(value)) {
    const found = largestList(v, [...path, k]);
    if (found && (!best || found.size > best.size)) best = found;
  }
  return best;
}

function listAt(value: unknown, path: Path): unknown[] {
  let v = value;
  for (const k of path) v = (v as Record<string, unknown>)[k];
  return v as unknown[];
}

/** The value with the list at `path` cut to its first `keep` items (copies along the path only). */
function withFirst(value: unknown, path: Path, keep: number): unknown {
  if (!path.length) return (value as unknown[]).slice(0, keep);
  const [k, ...rest] = path;
  return {
    ...(value as Record<string, unknown>),
    [k]: withFirst((value as Record<string, unknown>)[k], rest, keep),
  };
}

/** How to ask for less: the selectors any command has, and the operation's own filter flags. */
function narrowing(filters: string[], keep: number): string {
  const own = filters.length ? `, this command's ${filters.join(" / ")}` : "";
  return `Narrow it: --query to pick fields or items, max_results to fetch fewer${own}; or page through with ` +
    `--max-items ${Math.max(keep, 1)} and the NextToken it returns as --starting-token.`;
}

/**
 * Cuts an output to `budget` characters of text. With a response, its largest list keeps as many leading
 * items as fit (a resume token for the uncut listing is dropped: it would skip what was cut); text alone is
 * cut at a line. Undefined when the output fits.
 */
export function cutOutput(
  out: { response?: unknown; text: string },
  format: OutputFormat,
  budget: number,
  filters: string[] = [],
  title = "",
): CutOutput | undefined {
  if (out.text.length <= budget) return undefined;
  const limit = `AWS_API_MCP_MAX_OUTPUT_CHARS (${budget.toLocaleString("en-US")} characters for this result)`;
  if (out.response === undefined) {
    const lines = out.text.split("\n");
    if (lines.at(-1) === "") lines.pop();
    let keep = 0, size = 0;
    while (keep < lines.length && size + lines[keep].length + 1 <= budget) size += lines[keep++].length + 1;
    return {
      text: lines.slice(0, keep).join("\n") + (keep ? "\n" : ""),
      notice: `Output cut to fit ${limit}: showing ${keep} of ${lines.length} lines. ${
        narrowing(filters, keep)
      }`,
    };
  }
  const base = isRecord(out.response) && "NextToken" in out.response
    ? Object.fromEntries(Object.entries(out.response).filter(([k]) => k !== "NextToken"))
    : out.response;
  const list = largestList(base);
  const render = (keep: number) => {
    const response = withFirst(base, list!.path, keep);
    return { response, text: formatOutput(response, format, title) };
  };
  if (!list || render(0).text.length > budget) {
    return {
      text: "",
      notice: `Output not shown: ${out.text.length.toLocaleString("en-US")} characters, over ${limit}, and ` +
        `no list in it to shorten. ${narrowing(filters, 1)}`,
    };
  }
  const items = listAt(base, list.path).length;
  // The most leading items whose output fits: output grows with each item kept.
  let lo = 0, hi = items;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (render(mid).text.length <= budget) lo = mid;
    else hi = mid - 1;
  }
  const name = list.path.length ? list.path.join(".") : "the result";
  return {
    ...render(lo),
    notice: `Output cut to fit ${limit}: showing ${lo} of ${items} items of ${name} fetched. ${
      narrowing(filters, lo)
    }`,
  };
}
