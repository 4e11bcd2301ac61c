/** Typed errors of the parse pipeline: a stable code, a message that says what to do, an optional hint. */

/** Stable error codes of parsing and validation. */
export type ParseErrorCode =
  | "EMPTY_COMMAND"
  | "NOT_AWS_COMMAND"
  | "SHELL_SYNTAX"
  | "SHELL_CONSTRUCT"
  | "UNKNOWN_SERVICE"
  | "UNKNOWN_OPERATION"
  | "UNKNOWN_WAITER"
  | "UNKNOWN_OPTION"
  | "AMBIGUOUS_OPTION"
  | "MISSING_ARGUMENT"
  | "MISSING_VALUE"
  | "INVALID_CHOICE"
  | "INVALID_VALUE"
  | "INVALID_JSON"
  | "INVALID_SHORTHAND"
  | "INVALID_BASE64"
  | "INVALID_QUERY"
  | "INVALID_REGION"
  | "QUERY_TOO_COSTLY"
  | "FILE_ERROR"
  | "FILE_ACCESS_DENIED"
  | "VALIDATION_ERROR"
  | "UNSUPPORTED_COMMAND"
  | "INPUT_TOO_LARGE";

/** An error value: what went wrong and what to do about it. */
export interface CliError {
  code: ParseErrorCode;
  message: string;
  hint?: string;
}

/** Thrown inside the pipeline and caught at its boundary, where it becomes a `CliError` value. */
export class ParseFailure extends Error {
  constructor(readonly error: CliError) {
    super(error.message);
  }
}

/** Throws a `ParseFailure` with the given code, message and hint. */
export function fail(code: ParseErrorCode, message: string, hint?: string): never {
  throw new ParseFailure(hint === undefined ? { code, message } : { code, message, hint });
}

/** Fails for required arguments the command lacks, naming them as the AWS CLI does. */
export function failMissing(missing: string[], hint = `Add ${missing.join(", ")} to the command.`): never {
  fail("MISSING_ARGUMENT", `The following arguments are required: ${missing.join(", ")}.`, hint);
}

// Dashes that look like '-' and characters that cannot be seen: a flag typed with them is not the flag.
const DASHES = /^[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D-]+/;
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2064\uFEFF]/;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, "g");

/** What a mistyped flag was meant to be (`—region`, `--re\u200Bgion` → `--region`), or undefined. */
export function intendedFlag(word: string): string | undefined {
  const dashes = DASHES.exec(word)?.[0];
  if (!dashes || !/[^-]/.test(dashes) && !INVISIBLE.test(word)) return undefined;
  const fixed = `--${word.slice(dashes.length).replace(INVISIBLE_ALL, "")}`;
  return fixed === word ? undefined : fixed;
}

/** A word as an error shows it: characters that cannot be seen or that imitate others spelled out. */
export function shownWord(word: string): string {
  const text = word.length > 80 ? `${word.slice(0, 80)}…` : word;
  return text.replace(
    /[^\x20-\x7e]/g,
    (c) => /[\p{L}\p{N}]/u.test(c) ? c : `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`,
  );
}

/** The most unknown options an error lists: a command of millions of tokens must not make a huge error. */
const MAX_LISTED = 20;

/** Fails for options the command does not have; mistyped dashes and invisible characters are pointed out. */
export function failUnknownOptions(extras: string[], hint: string): never {
  const listed = extras.slice(0, MAX_LISTED).map(shownWord);
  const more = extras.length > MAX_LISTED ? ` … and ${extras.length - MAX_LISTED} more` : "";
  const typo = extras.map((e) => [e, intendedFlag(e)] as const).find(([, f]) => f !== undefined);
  const note = typo
    ? ` ('${shownWord(typo[0])}' has a dash or invisible character that is not part of a flag: write '${
      typo[1]
    }')`
    : "";
  fail("UNKNOWN_OPTION", `Unknown options: ${listed.join(", ")}${more}${note}`, hint);
}

/** Either a value or an error. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: CliError };
