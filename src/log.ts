/**
 * Logging to `~/.aws/aws-api-mcp/aws-api-mcp-server.log` (10 MB × 7 files, rotating), never to stdout,
 * which carries the MCP protocol. Secrets are redacted before anything is written.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { configure, getLogger, type Logger, type LogLevel, type LogRecord } from "@logtape/logtape";

const SECRET_KEYS = /secret|password|token|credential|authorization|session|private|signature|sak/i;
const SECRET_VALUES: Array<[RegExp, string]> = [
  // Values of command flags that carry secrets: --secret-string, --password, --plaintext, …
  [
    /(--[a-z0-9-]*(?:secret|password|token|plaintext|private-key|key-material|passphrase)[a-z0-9-]*)(\s+|=)('[^']*'|"[^"]*"|\S+)/gi,
    "$1$2***",
  ],
  [/\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, "$1****************"],
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

function format(record: LogRecord): string {
  const message = record.message.map((m) => (typeof m === "string" ? m : JSON.stringify(redact(m)))).join("");
  const props = Object.keys(record.properties).length ? ` ${JSON.stringify(redact(record.properties))}` : "";
  return `${new Date(record.timestamp).toISOString()} ${record.level.toUpperCase()} ${
    record.category.join(".")
  }: ${redactText(message)}${props}\n`;
}

/** Sets up the rotating log file; a folder that cannot be made leaves logging off, not the server down. */
export async function setupLogging(path: string, level: LogLevel): Promise<boolean> {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const { getRotatingFileSink } = await import("@logtape/file");
    await configure({
      sinks: {
        file: getRotatingFileSink(path, {
          maxSize: 10 * 1024 * 1024,
          maxFiles: 7,
          formatter: format,
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
