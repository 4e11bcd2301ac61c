/** Errors of execution, as typed values, and how SDK failures map onto them. */

/** Stable codes of execution errors. */
export type ExecErrorCode =
  | "SERVICE_ERROR"
  | "NETWORK_ERROR"
  | "TIMEOUT"
  | "CALL_TIMEOUT"
  | "CANCELLED"
  | "NO_SDK_CLIENT"
  | "UNSUPPORTED_COMMAND"
  | "UNSUPPORTED_OUTPUT"
  | "FILE_ERROR"
  | "FILE_ACCESS_DENIED"
  | "WAITER_FAILED"
  | "CREDENTIALS_ERROR"
  | "INVALID_QUERY";

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

/** Maps an SDK or network failure to an ExecError, worded like the AWS CLI. */
export function fromSdkError(e: unknown, operation: string): ExecError {
  const err = (e ?? {}) as SdkErrorShape;
  const name = err.name ?? "Error";
  if (name === "AbortError") return { code: "CANCELLED", message: `The ${operation} call was cancelled.` };
  if (name === "TimeoutError" || /timed? ?out|ETIMEDOUT/i.test(err.message ?? "")) {
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
  const sys = (e as { code?: string }).code;
  if (sys && /^E[A-Z]+$/.test(sys)) {
    return {
      code: "NETWORK_ERROR",
      message: `Could not connect to the endpoint for ${operation}: ${err.message ?? sys}`,
      hint: "Check the region, --endpoint-url and network access.",
    };
  }
  return {
    code: "SERVICE_ERROR",
    message: `An error occurred (${name}) when calling the ${operation} operation: ${err.message ?? ""}`,
  };
}
