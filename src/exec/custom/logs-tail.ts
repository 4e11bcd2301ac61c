/**
 * `aws logs tail GROUP` as the AWS CLI v2 runs it (awscli/customizations/logs/tail.py): FilterLogEvents from
 * `--since` (10m by default; `30s`, `2h`, `1d`, `1w` or an ISO 8601 time), interleaved, with the filter and
 * stream options, every page; each event printed in the `detailed`, `short` or `json` layout. `--follow`
 * polls every 5 seconds from the newest timestamp seen, skipping events already printed — but here only for
 * AWS_API_MCP_TAIL_FOLLOW_SECONDS (and never past the call limit), reporting progress, stopping when
 * cancelled; then it returns what it saw and says that it stopped.
 */
import type { ParsedCommand } from "../../parse/types.ts";
import { ExecFailure } from "../errors.ts";
import { PyFloat, pyJson } from "../output/pyjson.ts";
import type { LoadedClient } from "../sdk.ts";

/** One event as FilterLogEvents returns it. */
interface LogEvent {
  logStreamName?: string;
  timestamp?: number;
  message?: string;
  eventId?: string;
}

const UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** `--since` as epoch milliseconds: a relative `<n><unit>` back from now, or a time. */
export function sinceMillis(since: string, now: number): number {
  const relative = /^(\d+)([smhdw])$/.exec(since);
  if (relative) return now - Number(relative[1]) * UNITS[relative[2]] * 1000;
  // botocore's parse_timestamp: ISO 8601 (a time without a zone is UTC), or epoch seconds.
  const text = /^\d+(\.\d+)?$/.test(since)
    ? new Date(Number(since) * 1000).toISOString()
    : /(Z|[+-]\d\d:?\d\d)$/i.test(since) || !/T|\d:\d/.test(since)
    ? since
    : `${since}Z`;
  const t = Date.parse(/^\d{4}-\d\d-\d\d$/.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(t)) {
    throw new ExecFailure({
      code: "INVALID_VALUE",
      message: `--since ${since} is neither a relative time nor a timestamp.`,
      hint: "Write a number and one unit (30s, 10m, 2h, 1d, 1w) or an ISO 8601 time (2026-11-30T09:00:00Z).",
    });
  }
  return t;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** Python's datetime.isoformat() of a UTC time: microseconds only when there are any, unless asked for. */
function isoformat(ms: number, micro: boolean): string {
  const d = new Date(ms);
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const frac = d.getUTCMilliseconds();
  return `${base}${micro || frac ? `.${pad(frac, 3)}000` : ""}+00:00`;
}

/** Python's json.loads then json.dumps(indent=4) (ASCII only), or undefined for a message that is not JSON. */
function prettyJson(message: string): string | undefined {
  let value: unknown;
  try {
    // Numbers written with a point or exponent are floats to Python: 1.0 prints as 1.0.
    value = JSON.parse(
      message,
      (_k, v, ctx?: { source?: string }) =>
        typeof v === "number" && ctx?.source && /[.eE]/.test(ctx.source) ? new PyFloat(v) : v,
    );
  } catch {
    return undefined;
  }
  return pyJson(value).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** One event as the CLI prints it, with a single newline at its end. */
export function formatEvent(e: LogEvent, format: string): string {
  const ts = e.timestamp ?? 0, message = e.message ?? "";
  let line: string;
  if (format === "short") line = `${isoformat(ts, false).slice(0, 19)} ${message}`;
  else if (format === "json") {
    const json = prettyJson(message);
    line = `${isoformat(ts, false)} ${e.logStreamName ?? ""} ${json === undefined ? message : `\n${json}`}`;
  } else line = `${isoformat(ts, true)} ${e.logStreamName ?? ""} ${message}`;
  return `${pyRstrip(line)}\n`;
}

// Python's str.isspace(): JavaScript's \s less U+FEFF, plus the separators U+001C–U+001F and U+0085.
const PY_SPACE = new Set([
  ..."\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a",
  ..."\u2028\u2029\u202f\u205f\u3000",
  ...[0x1c, 0x1d, 0x1e, 0x1f, 0x85].map((c) => String.fromCharCode(c)),
]);

/** Python's rstrip(): the CLI ends each event with exactly one newline, whatever whitespace it had. */
function pyRstrip(s: string): string {
  let end = s.length;
  while (end > 0 && PY_SPACE.has(s[end - 1])) end--;
  return s.slice(0, end);
}

/** Where following stands: how long it may go on, progress, cancellation, the wait between polls. */
export interface FollowOptions {
  followMs: number;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
  /** Waits between polls (5 s as the CLI waits); tests pass a shorter one. */
  pollMs?: number;
}

/** Runs `logs tail`; the printed events, and a notice when following stopped. */
export async function runLogsTail(
  cmd: ParsedCommand,
  loaded: LoadedClient,
  follow: FollowOptions,
  now = Date.now(),
): Promise<{ text: string; notice?: string }> {
  const options = cmd.highLevel!.options;
  const format = (options.format as string | undefined) ?? "detailed";
  if (!["detailed", "short", "json"].includes(format)) {
    throw new ExecFailure({
      code: "INVALID_VALUE",
      message: `--format ${format} is not one of detailed, short, json.`,
      hint: "Pass --format detailed (the default), short or json.",
    });
  }
  const request: Record<string, unknown> = {
    logGroupName: cmd.highLevel!.paths[0],
    interleaved: true,
    startTime: sinceMillis((options.since as string | undefined) ?? "10m", now),
    ...cmd.params,
  };
  const Command = loaded.command("FilterLogEvents")!;
  const fetch = async (input: Record<string, unknown>) =>
    await loaded.client.send(new Command(input), { abortSignal: follow.signal }) as {
      events?: LogEvent[];
      nextToken?: string;
    };
  let text = "";
  let count = 0;
  if (options.follow !== true) {
    let input = { ...request };
    for (;;) {
      const page = await fetch(input);
      for (const e of page.events ?? []) text += formatEvent(e, format);
      if (!page.nextToken) return { text };
      input = { ...request, nextToken: page.nextToken };
    }
  }
  // Following: the CLI's loop, bounded in time; cancelling ends it with what was seen.
  const deadline = Date.now() + follow.followMs;
  let seen = new Map<number, Set<string>>();
  let input = { ...request };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      follow.signal?.addEventListener("abort", () => {
        clearTimeout(t);
        resolve();
      }, { once: true });
    });
  while (Date.now() < deadline && !follow.signal?.aborted) {
    let page;
    try {
      page = await fetch(input);
    } catch (e) {
      if (follow.signal?.aborted) break;
      throw e;
    }
    for (const e of page.events ?? []) {
      const ids = seen.get(e.timestamp ?? 0) ?? new Set<string>();
      if (ids.has(e.eventId ?? "")) continue;
      ids.add(e.eventId ?? "");
      seen.set(e.timestamp ?? 0, ids);
      text += formatEvent(e, format);
      count++;
    }
    if (seen.size) {
      const newest = Math.max(...seen.keys());
      seen = new Map([[newest, seen.get(newest)!]]);
    }
    follow.onProgress?.(`logs tail --follow: ${count} events so far`);
    if (page.nextToken) input = { ...input, nextToken: page.nextToken };
    else {
      const { nextToken: _, ...rest } = input;
      input = seen.size ? { ...rest, startTime: Math.max(...seen.keys()) } : rest;
      await sleep(Math.min(follow.pollMs ?? 5000, Math.max(0, deadline - Date.now())));
    }
  }
  const why = follow.signal?.aborted ? "when cancelled" : `after ${Math.round(follow.followMs / 1000)} s`;
  return {
    text,
    notice:
      `Stopped following ${request.logGroupName} ${why} (AWS_API_MCP_TAIL_FOLLOW_SECONDS bounds --follow): ` +
      `${count} events shown. Run it again with --since set to the last timestamp to go on.`,
  };
}
