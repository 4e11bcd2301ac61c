/**
 * The AWS CLI prints botocore's ResponseMetadata when an output has an `Errors` member (its formatter
 * keeps the request id for responses that report errors), so call_aws does too: the HTTP status and
 * headers of the response (exec/capture.ts) and the retries it took.
 */
import type { HttpSeen } from "../protocol/capture.ts";

/** botocore's ResponseMetadata for a response, from the SDK's $metadata and the captured HTTP side. */
export function responseMetadata(raw: Record<string, unknown>, http: HttpSeen): Record<string, unknown> {
  const meta = (raw.$metadata ?? {}) as { requestId?: string; extendedRequestId?: string; attempts?: number };
  const out: Record<string, unknown> = {};
  if (meta.requestId) out.RequestId = meta.requestId;
  if (meta.extendedRequestId) out.HostId = meta.extendedRequestId;
  out.HTTPStatusCode = http.statusCode;
  out.HTTPHeaders = http.headers;
  out.RetryAttempts = Math.max((meta.attempts ?? 1) - 1, 0);
  return out;
}

/**
 * The output with ResponseMetadata where the CLI prints it: only when the output has `Errors`; first for
 * REST protocols, whose parsers start with it, last for the others.
 */
export function withResponseMetadata(
  output: Record<string, unknown>,
  raw: Record<string, unknown>,
  http: HttpSeen | undefined,
  protocol: string,
): Record<string, unknown> {
  if (!http || !Object.hasOwn(output, "Errors")) return output;
  const meta = { ResponseMetadata: responseMetadata(raw, http) };
  return protocol.startsWith("rest-") ? { ...meta, ...output } : { ...output, ...meta };
}
