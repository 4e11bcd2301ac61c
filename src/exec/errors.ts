/** Errors of execution, as typed values, and how SDK failures map onto them. */

/** Stable codes of execution errors. */
export type ExecErrorCode =
  | "SERVICE_ERROR"
  | "NETWORK_ERROR"
  | "TIMEOUT"
  | "CALL_TIMEOUT"
  | "INVALID_VALUE"
  | "LOCAL_ERROR"
  | "CANCELLED"
  | "UNSUPPORTED_COMMAND"
  | "UNSUPPORTED_OUTPUT"
  | "FILE_ERROR"
  | "FILE_ACCESS_DENIED"
  | "WAITER_FAILED"
  | "CREDENTIALS_ERROR"
  | "INVALID_QUERY"
  | "QUERY_TOO_COSTLY"
  | "RESPONSE_TOO_LARGE"
  | "PARTIAL_FAILURE";

/** An execution error: code, message (the CLI's wording for service errors), hint, service details. */
export interface ExecError {
  code: ExecErrorCode;
  message: string;
  hint?: string;
  /** For service errors: the error code, HTTP status and request id the service returned. */
  service?: { code: string; httpStatus?: number; requestId?: string };
}

/** Thrown inside execution, caught at its boundary. */
export class ExecFailure extends Error {
  constructor(readonly error: ExecError) {
    super(error.message);
  }
}

interface SdkErrorShape {
  name?: string;
  message?: string;
  code?: string;
  Code?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string; extendedRequestId?: string; attempts?: number };
}

/** What a network error code means, in words. */
const NETWORK_CAUSES: Readonly<Record<string, string>> = {
  ECONNRESET: "the endpoint reset the connection",
  EPIPE: "the endpoint closed the connection while the request was being sent",
  ECONNREFUSED: "nothing is listening at the endpoint",
  ENOTFOUND: "the host name could not be resolved (DNS)",
  EAI_AGAIN: "the host name could not be resolved (DNS did not answer)",
  EHOSTUNREACH: "the host cannot be reached",
  ENETUNREACH: "the network cannot be reached",
  ECONNABORTED: "the connection was aborted",
  ERR_SSL_WRONG_VERSION_NUMBER: "the endpoint does not speak TLS (try http://)",
};

/** System codes of local file operations, which are not network failures. */
const LOCAL_FILE_CODES: ReadonlySet<string> = new Set([
  "ENOENT",
  "EACCES",
  "EPERM",
  "EISDIR",
  "ENOTDIR",
  "EMFILE",
  "ENFILE",
  "ENOSPC",
  "EROFS",
]);

/** The failure itself or one of its causes with this name, if any (the SDK may wrap stream errors). */
function findCause(e: unknown, name: string, depth = 0): Error | undefined {
  if (!e || typeof e !== "object" || depth > 5) return undefined;
  if ((e as Error).name === name) return e as Error;
  return findCause((e as { cause?: unknown }).cause, name, depth + 1);
}

/** The system or HTTP-parser error code of a failure, if it has one. */
function systemCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown }).code;
  if (typeof code === "string" && /^(E[A-Z_]+|HPE_[A-Z_]+|ERR_[A-Z_]+|UND_ERR_[A-Z_]+)$/.test(code)) {
    return code;
  }
  const cause = (e as { cause?: unknown }).cause;
  return cause && cause !== e ? systemCode(cause) : undefined;
}

/**
 * Maps an SDK or network failure to an ExecError, worded like the AWS CLI. A service error is only what a
 * service answered; failures to get an answer are network errors or time-outs, with their cause; failures
 * before anything could be sent are local errors.
 */
export function fromSdkError(e: unknown, operation: string): ExecError {
  const err = (e ?? {}) as SdkErrorShape;
  const name = err.name ?? "Error";
  if (name === "AbortError") return { code: "CANCELLED", message: `The ${operation} call was cancelled.` };
  const tooLarge = findCause(e, "ResponseTooLargeError");
  if (tooLarge) {
    return {
      code: "RESPONSE_TOO_LARGE",
      message: `The ${operation} response was not read: ${tooLarge.message}`,
      hint:
        "Ask for less: a filter, --max-items or max_results, a smaller page (--page-size); --query does not shrink what is sent. The user can raise AWS_API_MCP_MAX_RESPONSE_BYTES.",
    };
  }
  if (e instanceof URIError) {
    return {
      code: "INVALID_VALUE",
      message: `A parameter of ${operation} cannot be written into the request URL: ${err.message}.`,
      hint: "Remove characters that have no URL encoding (such as a lone UTF-16 surrogate) from the values.",
    };
  }
  const sys = err.$metadata?.httpStatusCode === undefined ? systemCode(e) : undefined;
  if (sys && LOCAL_FILE_CODES.has(sys)) {
    // A file of this machine (a model, a CA bundle) could not be read: nothing went over the network.
    return {
      code: "LOCAL_ERROR",
      message: `The ${operation} call failed here, not in the service (${sys}): ${err.message ?? ""}`,
    };
  }
  if (sys && sys !== "ETIMEDOUT") {
    // The SDK names ECONNRESET and EPIPE "TimeoutError"; they are not time-outs, and raising them won't help.
    const cause = NETWORK_CAUSES[sys] ?? (sys.startsWith("HPE_") ? "the endpoint's answer is not HTTP" : sys);
    return {
      code: "NETWORK_ERROR",
      message: `Could not get an answer from the endpoint for ${operation}: ${cause} (${sys}: ${
        err.message ?? ""
      }).`,
      hint: "Check the region, --endpoint-url and network access.",
    };
  }
  if (name === "TimeoutError" || sys === "ETIMEDOUT" || /timed? ?out/i.test(err.message ?? "")) {
    return {
      code: "TIMEOUT",
      message: `The ${operation} call timed out: ${err.message}`,
      hint: "Check the endpoint and network, or raise --cli-read-timeout / --cli-connect-timeout.",
    };
  }
  if (name === "CredentialsProviderError" || /Could not load credentials|credential/i.test(name)) {
    return {
      code: "CREDENTIALS_ERROR",
      message: `Unable to locate credentials: ${err.message}`,
      hint:
        "Configure credentials (environment variables, a profile with AWS_API_MCP_PROFILE_NAME, SSO login) for the server.",
    };
  }
  const status = err.$metadata?.httpStatusCode;
  if (status !== undefined || err.$fault) {
    const code = err.Code ?? err.code ?? name;
    const message = err.message && err.message !== "UnknownError"
      ? err.message
      : (code === name ? "Unknown" : code);
    // Like the CLI, say when retries were spent on the error.
    const attempts = err.$metadata?.attempts ?? 1;
    const retries = attempts > 1 ? ` (reached max retries: ${attempts - 1})` : "";
    return {
      code: "SERVICE_ERROR",
      message: `An error occurred (${code}) when calling the ${operation} operation${retries}: ${message}`,
      service: { code, httpStatus: status, requestId: err.$metadata?.requestId },
    };
  }
  return {
    code: "LOCAL_ERROR",
    message: `The ${operation} call failed here, not in the service (${name}): ${err.message ?? ""}`,
  };
}
