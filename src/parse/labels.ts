/**
 * Values botocore refuses before it sends anything because they become part of the host name: S3 bucket
 * names (`validate_bucket_name`) and members bound to the host prefix (`hostLabel`). Refused here too, with
 * botocore's words, so that a NUL byte or a `^` never reaches the SDK (which would fail obscurely or send).
 */
import type { Operation, Shape } from "../models/types.ts";
import { fail } from "./errors.ts";

const VALID_BUCKET = /^[a-zA-Z0-9.\-_]{1,255}$/;
const VALID_S3_ARN =
  /^arn:(aws).*:(s3|s3-object-lambda):[a-z\-0-9]*:[0-9]{12}:accesspoint[/:][a-zA-Z0-9\-.]{1,63}$|^arn:(aws).*:s3-outposts:[a-z\-0-9]+:[0-9]{12}:outpost[/:][a-zA-Z0-9\-]{1,63}[/:]accesspoint[/:][a-zA-Z0-9\-]{1,63}$/;
const HOST_PREFIX = /^[A-Za-z0-9.-]+$/;

function shown(value: string): string {
  return JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}…` : value).slice(1, -1);
}

/** Fails as botocore does for a `Bucket` of an S3 operation that is neither a bucket name nor an access point ARN. */
export function checkBucketName(params: Record<string, unknown>): void {
  const bucket = params.Bucket;
  if (typeof bucket !== "string" || VALID_BUCKET.test(bucket) || VALID_S3_ARN.test(bucket)) return;
  fail(
    "VALIDATION_ERROR",
    `Parameter validation failed:\nInvalid bucket name "${
      shown(bucket)
    }": Bucket name must match the regex "${VALID_BUCKET.source}" or be an ARN matching the regex "${VALID_S3_ARN.source}"`,
    "Check the bucket name: letters, digits, '.', '-' and '_' only.",
  );
}

/** Fails as botocore does for host-prefix members holding anything but letters, digits, '.' and '-'. */
export function checkHostLabels(
  op: Operation,
  input: Shape | undefined,
  params: Record<string, unknown>,
): void {
  if (!op.endpoint?.hostPrefix || !input?.members) return;
  const bad = Object.entries(input.members).filter(([name, ref]) =>
    ref.hostLabel && typeof params[name] === "string" && !HOST_PREFIX.test(params[name] as string)
  ).map(([name]) => name);
  if (!bad.length) return;
  fail(
    "VALIDATION_ERROR",
    `Parameter validation failed:\nInvalid value for parameter(s): ${
      bad.join(", ")
    }. Must contain only alphanumeric characters, hyphen, or period.`,
    "These values become part of the host name the request is sent to.",
  );
}
