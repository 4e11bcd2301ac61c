/** `--query` and `--output`: the CLI's JMESPath filter and its json, text and yaml formats (yaml.ts). */
// @ts-types="../../types/jmespath.d.ts"
import { search } from "jmespath";
import type { OutputFormat } from "../../parse/types.ts";
import { ExecFailure } from "../errors.ts";
import { queryFanOut } from "../../parse/query.ts";
import { PyFloat, pyJson, pyStr } from "./pyjson.ts";
import { formatYaml } from "./yaml.ts";
import { formatTable } from "./table.ts";

/** The most result values an expression may build: its fan-out times the values of its input. */
export const MAX_QUERY_WORK = 20_000_000;

/** How many values (objects, arrays, scalars) `v` holds, counting no further than `limit`. */
export function countValues(v: unknown, limit: number): number {
  let n = 0;
  const stack: unknown[] = [v];
  while (stack.length && n <= limit) {
    const x = stack.pop();
    n++;
    // Pushed one by one: spreading millions of values would overflow the call stack.
    if (Array.isArray(x)) { for (const v of x) stack.push(v); }
    else if (x && typeof x === "object" && !(x instanceof PyFloat)) {
      for (const v of Object.values(x)) stack.push(v);
    }
  }
  return n;
}

/** Applies a JMESPath expression to the CLI-form result, refusing one whose result could explode. */
export function applyQuery(data: unknown, query: string | undefined): unknown {
  if (query === undefined) return data;
  const fan = queryFanOut(query);
  const values = countValues(data, Math.ceil(MAX_QUERY_WORK / Math.max(fan, 1)));
  if (fan * values > MAX_QUERY_WORK) {
    throw new ExecFailure({
      code: "QUERY_TOO_COSTLY",
      message:
        `The --query expression could build ${fan}× its input of ${values}+ values, more than the ${MAX_QUERY_WORK} allowed.`,
      hint: "Narrow the response first (filters, --max-items, max_results), or select fewer repeated fields.",
    });
  }
  let result: unknown;
  try {
    result = search(plain(data), query);
  } catch (e) {
    throw new ExecFailure({
      code: "INVALID_QUERY",
      message: `Bad value for --query ${query}: ${(e as Error).message}`,
    });
  }
  return keepFloats(data, query, result);
}

const FLOAT_TAG = "\u0000pyfloat:";

/**
 * The query's result with the floats it selected still floats (the CLI prints `1.0`, not `1`). JMESPath runs
 * on plain numbers, so the query runs again over the data with each float as a tagged string: where that
 * result has the same shape and a tag stands at a number of the same value, the number was a float. Any
 * other difference (a float compared, sorted, summed) leaves the result as it was.
 */
function keepFloats(data: unknown, query: string, result: unknown): unknown {
  const floats: PyFloat[] = [];
  const tag = (v: unknown): unknown => {
    if (v instanceof PyFloat) return `${FLOAT_TAG}${floats.push(v) - 1}`;
    if (Array.isArray(v)) return v.map(tag);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, tag(x)]));
    return v;
  };
  const shadowData = tag(data);
  if (!floats.length) return result;
  let shadow: unknown;
  try {
    shadow = search(shadowData, query);
  } catch {
    return result;
  }
  const MISMATCH = Symbol();
  const merge = (r: unknown, s: unknown): unknown => {
    if (typeof r === "number" && typeof s === "string" && s.startsWith(FLOAT_TAG)) {
      const f = floats[Number(s.slice(FLOAT_TAG.length))];
      if (f?.value !== r) throw MISMATCH;
      return f;
    }
    if (Array.isArray(r)) {
      if (!Array.isArray(s) || s.length !== r.length) throw MISMATCH;
      return r.map((x, i) => merge(x, s[i]));
    }
    if (r && typeof r === "object") {
      if (!s || typeof s !== "object" || Array.isArray(s)) throw MISMATCH;
      const keys = Object.keys(r);
      if (keys.length !== Object.keys(s).length) throw MISMATCH;
      return Object.fromEntries(
        keys.map((k) => [k, merge((r as Record<string, unknown>)[k], (s as Record<string, unknown>)[k])]),
      );
    }
    if (r !== s) throw MISMATCH;
    return r;
  };
  try {
    return merge(result, shadow);
  } catch (e) {
    if (e === MISMATCH) return result;
    throw e;
  }
}

/** Removes PyFloat wrappers (JMESPath and YAML want plain numbers). */
export function plain(v: unknown): unknown {
  if (v instanceof PyFloat) return v.value;
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

const isScalar = (v: unknown) => v === null || v instanceof PyFloat || typeof v !== "object";

/** The CLI's `--output text`: tab-separated scalars, one row per object, keys sorted. */
export function formatText(data: unknown): string {
  const out: string[] = [];
  const walk = (item: unknown, identifier?: string, scalarKeys?: string[]) => {
    if (Array.isArray(item)) {
      if (!item.length) return;
      if (item.some((x) => x && typeof x === "object" && !Array.isArray(x) && !(x instanceof PyFloat))) {
        const keys = new Set<string>();
        for (const el of item) {
          if (el && typeof el === "object" && !Array.isArray(el)) {
            for (const [k, v] of Object.entries(el)) if (isScalar(v)) keys.add(k);
          }
        }
        for (const el of item) walk(el, identifier, [...keys].sort());
      } else if (item.some(Array.isArray)) {
        const scalars = item.filter(isScalar), nested = item.filter((x) => !isScalar(x));
        if (scalars.length) scalarRow(scalars, identifier);
        for (const n of nested) walk(n, identifier);
      } else scalarRow(item, identifier);
    } else if (item && typeof item === "object" && !(item instanceof PyFloat)) {
      const dict = item as Record<string, unknown>;
      const scalars: string[] = [];
      const nested: Array<[string, unknown]> = [];
      if (scalarKeys === undefined) {
        for (const k of Object.keys(dict).sort()) {
          if (isScalar(dict[k])) scalars.push(pyStr(dict[k]));
          else nested.push([k, dict[k]]);
        }
      } else {
        for (const k of scalarKeys) scalars.push(k in dict ? pyStr(dict[k]) : "");
        for (const k of Object.keys(dict).filter((k) => !scalarKeys.includes(k)).sort()) {
          nested.push([k, dict[k]]);
        }
      }
      if (scalars.length) {
        out.push([...(identifier !== undefined ? [identifier.toUpperCase()] : []), ...scalars].join("\t"));
      }
      for (const [k, v] of nested) walk(v, k);
    } else out.push(pyStr(item));
  };
  const scalarRow = (items: unknown[], identifier?: string) => {
    if (identifier !== undefined) {
      for (const x of items) out.push(`${identifier.toUpperCase()}\t${pyStr(x)}`);
    } else out.push(items.map(pyStr).join("\t"));
  };
  walk(data);
  return out.length ? `${out.join("\n")}\n` : "";
}

/** Formats a (queried) result as the CLI prints it; nothing for an empty result. `title`: the table's. */
export function formatOutput(data: unknown, format: OutputFormat, title = ""): string {
  switch (format) {
    case "json":
      if (data && typeof data === "object" && !Array.isArray(data) && !Object.keys(data).length) return "";
      return `${pyJson(data)}\n`;
    case "text":
      return formatText(data);
    case "yaml":
      if (data && typeof data === "object" && !Array.isArray(data) && !Object.keys(data).length) return "";
      return formatYaml(data);
    case "yaml-stream":
      // The CLI streams each response (each page) as a list of one; nothing for an empty one.
      if (data && typeof data === "object" && !Array.isArray(data) && !Object.keys(data).length) return "";
      return formatYaml([data]);
    case "table":
      return formatTable(title, data);
    default:
      throw new ExecFailure({
        code: "UNSUPPORTED_OUTPUT",
        message: `--output ${format} is not supported by this server.`,
        hint: "Use --output json (the default), text, table, yaml or yaml-stream.",
      });
  }
}
