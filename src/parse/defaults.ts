/**
 * Parameter changes botocore makes before building a request (its `before-parameter-build` handlers):
 * idempotency tokens, S3 list encoding, Route 53 resource ids.
 */
import type { ServiceModel, Shape } from "../models/types.ts";
import { fail } from "./errors.ts";

const ROUTE53_ID_MEMBERS = new Set([
  "Id",
  "HostedZoneId",
  "ResourceId",
  "DelegationSetId",
  "HostedZoneIdMarker",
]);
const ROUTE53_PREFIX = /^\/(hostedzone|change|delegationset)\//;

const ARN = /^arn:[^:]+:[^:]+:[^:]*:[^:]*:.+$/;
// Kinesis endpoints are chosen from these ARNs, so botocore parses them before sending.
const KINESIS_ARNS = ["StreamARN", "ConsumerARN", "ResourceARN"];

/** The checks botocore's endpoint resolution makes on parameters before sending. */
export function checkEndpointParams(
  service: ServiceModel,
  params: Record<string, unknown>,
  endpointUrl?: string,
): void {
  if (service.botocore === "cloudsearchdomain" && !endpointUrl) {
    fail(
      "MISSING_ARGUMENT",
      "--endpoint-url is required for cloudsearchdomain commands.",
      "Pass your search domain's endpoint with --endpoint-url https://<domain endpoint>.",
    );
  }
  if (service.botocore === "kinesis") {
    for (const k of KINESIS_ARNS) {
      if (typeof params[k] === "string" && !ARN.test(params[k] as string)) {
        fail(
          "INVALID_VALUE",
          `Invalid ARN: Failed to parse ARN '${params[k]}' given for ${k}.`,
          "Give the full ARN: arn:aws:kinesis:<region>:<account>:stream/<name>.",
        );
      }
    }
  }
}

/** Applies botocore's parameter defaults for one operation, in place. */
export function applyDefaults(
  service: ServiceModel,
  operation: string,
  input: Shape | undefined,
  params: Record<string, unknown>,
  uuid: () => string,
): void {
  for (const [member, ref] of Object.entries(input?.members ?? {})) {
    if (ref.idempotencyToken && params[member] === undefined) params[member] = uuid();
  }
  const botocore = service.botocore;
  if (
    botocore === "s3" && ["ListObjects", "ListObjectsV2", "ListObjectVersions"].includes(operation) &&
    params.EncodingType === undefined
  ) {
    params.EncodingType = "url";
  }
  if (botocore === "route53") {
    for (const [k, v] of Object.entries(params)) {
      if (ROUTE53_ID_MEMBERS.has(k) && typeof v === "string") params[k] = v.replace(ROUTE53_PREFIX, "");
    }
  }
}
