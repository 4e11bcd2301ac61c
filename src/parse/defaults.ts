/**
 * Parameter changes botocore makes before building a request (its `before-parameter-build` handlers):
 * idempotency tokens, S3 list encoding, Route 53 resource ids.
 */
import type { ServiceModel, Shape } from "../models/types.ts";

const ROUTE53_ID_MEMBERS = new Set([
  "Id",
  "HostedZoneId",
  "ResourceId",
  "DelegationSetId",
  "HostedZoneIdMarker",
]);
const ROUTE53_PREFIX = /^\/(hostedzone|change|delegationset)\//;

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
