/**
 * Logging to `~/.aws/aws-api-mcp/aws-api-mcp-server.log` (10 MB × 7 files, rotating), never to stdout,
 * which carries the MCP protocol. Secrets are redacted before anything is written.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { LOG_ROTATIONS } from "./policy/sandbox.ts";
import { configure, getLogger, type Logger, type LogLevel, type LogRecord } from "@logtape/logtape";

/** The most characters one logged value keeps; longer ones are abbreviated so one call cannot flood the log. */
export const MAX_LOGGED_VALUE = 4096;

const SECRET_KEYS = /secret|password|token|credential|authorization|session|private|signature|sak/i;
const SECRET_VALUES: Array<[RegExp, string]> = [
  // Values of command flags that carry secrets: --secret-string, --password, --plaintext, …
  [
    /(--[a-z0-9-]*(?:secret|password|token|plaintext|private-key|key-material|passphrase|sse-c(?:-copy-source)?-key)[a-z0-9-]*)(\s+|=)('[^']*'|"[^"]*"|\S+)/gi,
    "$1$2***",
  ],
  [/\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, "$1****************"],
  // Credentials in URLs: scheme://user:password@host
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]*:[^\s/@]*@/gi, "$1***:***@"],
  [/(aws_secret_access_key|secretaccesskey|password|token)(["'\s:=]+)[^\s"',}]+/gi, "$1$2***"],
];

/** Replaces secrets in text: access key ids, and values after secret-looking names. */
export function redactText(text: string): string {
  return SECRET_VALUES.reduce((t, [re, to]) => t.replace(re, to), text);
}

/** Redacts values whose keys look secret, recursively. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactText(value);
  if (depth > 8 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map((
      [k, v],
    ) => [k, SECRET_KEYS.test(k) ? "***" : redact(v, depth + 1)]),
  );
}

/**
 * A value as one log line may hold it: control characters, line and paragraph separators escaped (so no
 * value can forge a line or steer a terminal), and abbreviated past MAX_LOGGED_VALUE characters.
 */
export function escapeLogText(text: string): string {
  const short = text.length > MAX_LOGGED_VALUE
    ? `${text.slice(0, MAX_LOGGED_VALUE)}… (${text.length - MAX_LOGGED_VALUE} more characters)`
    : text;
  // deno-lint-ignore no-control-regex
  return short.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "\t") return "\\t";
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

/** One log line: every interpolated value and property redacted, escaped and bounded. */
export function formatRecord(record: LogRecord): string {
  // Template text too: a message given without placeholders may itself carry a file name or a command.
  const message = record.message.map((m) =>
    escapeLogText(redactText(typeof m === "string" ? m : JSON.stringify(redact(m)) ?? String(m)))
  ).join("");
  const props = Object.keys(record.properties).length
    ? ` ${escapeLogText(JSON.stringify(redact(record.properties)))}`
    : "";
  return `${new Date(record.timestamp).toISOString()} ${record.level.toUpperCase()} ${
    record.category.join(".")
  }: ${message}${props}\n`;
}

/**
 * Sets up the rotating log file; a folder that cannot be made leaves logging off, not the server down.
 * The launcher (main.ts) makes the folder: the sandbox lets the program write the log files alone.
 */
export async function setupLogging(path: string, level: LogLevel): Promise<boolean> {
  try {
    try {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    } catch {
      // Made already by the launcher (the sandbox may not even let the program look at the folder).
    }
    const { getRotatingFileSink } = await import("@logtape/file");
    await configure({
      sinks: {
        file: getRotatingFileSink(path, {
          maxSize: 10 * 1024 * 1024,
          maxFiles: LOG_ROTATIONS,
          formatter: formatRecord,
          // Written at once: the client may end the process at any moment.
          bufferSize: 0,
        }),
      },
      loggers: [
        { category: ["aws-api-mcp"], lowestLevel: level, sinks: ["file"] },
        { category: ["logtape", "meta"], lowestLevel: "warning", sinks: ["file"] },
      ],
      reset: true,
    });
    return true;
  } catch {
    return false;
  }
}

/** The logger of one part of the program. */
export function logger(part: string): Logger {
  return getLogger(["aws-api-mcp", part]);
}
