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

/** Fails for options the command does not have. */
export function failUnknownOptions(extras: string[], hint: string): never {
  fail("UNKNOWN_OPTION", `Unknown options: ${extras.join(", ")}`, hint);
}

/** Either a value or an error. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: CliError };
