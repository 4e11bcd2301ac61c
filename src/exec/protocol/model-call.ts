/**
 * One API call made from the service model, for operations no bundled SDK client has: the endpoint from the
 * service's endpoint rule set (models/endpoints, evaluated by @smithy/util-endpoints with the AWS functions),
 * the request built by the model-driven protocol (model-json.ts), signed with SigV4 by the SDK's signer and
 * the credentials the SDK's default chain finds, sent through the same HTTP handler as the SDK clients.
 */
import { Buffer } from "node:buffer";
import { createHash, createHmac } from "node:crypto";
import { defaultProvider } from "@aws-sdk/credential-provider-node";
import { awsEndpointFunctions } from "@aws-sdk/util-endpoints";
import { SignatureV4 } from "@smithy/signature-v4";
import {
  isServerError,
  isThrottlingError,
  isTransientError,
  StandardRetryStrategy,
} from "@smithy/core/retry";
import {
  customEndpointFunctions,
  type EndpointParams,
  resolveEndpoint,
  type RuleSetObject,
} from "@smithy/util-endpoints";
import { readModel } from "../../models/registry.ts";
import type { ServiceModel } from "../../models/types.ts";
import { ExecFailure, fromSdkError } from "../errors.ts";
import { type ClientSettings, requestHandlerFor } from "../sdk.ts";
import type { ModelResponse, ModelShape } from "./model-json.ts";
import { buildModelRequest, joinPath, modelError, splitUri } from "./model-serde.ts";

// The rule sets call aws.partition, aws.parseArn and the like.
customEndpointFunctions.aws = awsEndpointFunctions;

const bytes = (d: string | ArrayBuffer | ArrayBufferView): string | Uint8Array =>
  typeof d === "string"
    ? d
    : d instanceof ArrayBuffer
    ? new Uint8Array(d)
    : new Uint8Array(d.buffer, d.byteOffset, d.byteLength);

/** SHA-256 (and its HMAC) as the signer wants it, from node:crypto. */
class Sha256 {
  readonly #hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#hash = secret === undefined ? createHash("sha256") : createHmac("sha256", bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.#hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.#hash.digest()));
  }
}

/** How the endpoint asks to be signed (its rule set's first auth scheme), where it says. */
export interface EndpointAuth {
  /** `sigv4`; `sigv4a` is signed as sigv4 (its curve is not in this build's SDK packages). */
  name: string;
  signingName?: string;
  signingRegion?: string;
}

/** The endpoint of a service in a region, from its rule set, and the auth scheme it names. */
export function resolveModelEndpoint(
  service: string,
  region: string,
  override?: string,
): { url: URL; auth?: EndpointAuth } {
  let rules: RuleSetObject;
  try {
    rules = readModel<RuleSetObject>(`endpoints/${service}.json`);
  } catch {
    throw new ExecFailure({
      code: "LOCAL_ERROR",
      message: `No endpoint rules are bundled for ${service}: this build is incomplete.`,
      hint: "Reinstall aws-api-mcp from a release; report it if it persists.",
    });
  }
  const params: EndpointParams = { Region: region, UseFIPS: false, UseDualStack: false };
  if (override) params.Endpoint = override;
  try {
    const endpoint = resolveEndpoint(rules, { endpointParams: params });
    const schemes = (endpoint.properties?.authSchemes ?? []) as unknown as Array<
      EndpointAuth & { signingRegionSet?: string[] }
    >;
    const first = schemes[0];
    const auth = first && {
      name: first.name,
      signingName: first.signingName,
      // A SigV4a region set of one region signs for it; "*" leaves the call's region.
      signingRegion: first.signingRegion ??
        (first.signingRegionSet?.length === 1 && first.signingRegionSet[0] !== "*"
          ? first.signingRegionSet[0]
          : undefined),
    };
    return { url: new URL(endpoint.url.href), ...(auth ? { auth } : {}) };
  } catch (e) {
    throw new ExecFailure({
      code: "INVALID_VALUE",
      message: `No endpoint for ${service} in ${region}: ${(e as Error).message}`,
      hint: "Check --region (or the profile's region) and --endpoint-url.",
    });
  }
}

/** What a model-driven call needs besides the model: where, as whom, over which transport. */
export interface ModelCallSettings extends ClientSettings {
  signal?: AbortSignal;
}

const rfc3986 = (v: string) =>
  encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** A query form signed with signature version 2 (HmacSHA256), as botocore signs it for the v2 services. */
async function signV2(form: string, method: string, host: string, path: string, s: ModelCallSettings) {
  const creds = await defaultProvider(s.profile ? { profile: s.profile } : {})();
  const params = new URLSearchParams(form);
  params.set("AWSAccessKeyId", creds.accessKeyId);
  params.set("SignatureMethod", "HmacSHA256");
  params.set("SignatureVersion", "2");
  params.set("Timestamp", new Date().toISOString().replace(/\.\d{3}Z$/, "Z"));
  if (creds.sessionToken) params.set("SecurityToken", creds.sessionToken);
  const canonical = [...params].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join("&");
  const signature = createHmac("sha256", creds.secretAccessKey)
    .update(`${method}\n${host.toLowerCase()}\n${path || "/"}\n${canonical}`).digest("base64");
  return `${canonical}&Signature=${rfc3986(signature)}`;
}

/** botocore's legacy endpoint data for a service, as the model generator kept it. */
type LegacySigning = {
  signatureVersions?: string[];
  credentialScope?: { region?: string; service?: string };
};

/**
 * How a request is signed, as botocore decides: the model's signature version unless it is the legacy v2 and
 * the endpoint data also takes v4; the name and region from the endpoint's auth scheme, else the legacy
 * credential scope, else the model's signing name and the call's region.
 */
export function signingOf(
  service: ServiceModel,
  region: string,
  auth?: EndpointAuth,
): { version: "v2" | "v4"; name: string; region: string } {
  const meta = service.metadata;
  const legacy = meta.legacySigning as LegacySigning | undefined;
  const v2 = meta.signatureVersion === "v2" && !auth && !legacy?.signatureVersions?.includes("v4");
  return {
    version: v2 ? "v2" : "v4",
    name: auth?.signingName ?? legacy?.credentialScope?.service ??
      String(meta.signingName ?? meta.endpointPrefix),
    region: auth?.signingRegion ?? legacy?.credentialScope?.region ?? region,
  };
}

/** SigV4 as `signingOf` says, with the credentials the SDK's default chain finds for the profile. */
function signer(signing: { name: string; region: string }, s: ModelCallSettings): SignatureV4 {
  return new SignatureV4({
    credentials: defaultProvider(s.profile ? { profile: s.profile } : {}),
    region: signing.region,
    service: signing.name,
    sha256: Sha256,
  });
}

/** Sends one operation built from the model; the response body's JSON, or the service's error as ours. */
export async function modelCall(
  service: ServiceModel,
  operation: string,
  params: Record<string, unknown>,
  outputShapes: Record<string, ModelShape>,
  s: ModelCallSettings,
): Promise<ModelResponse & { attempts: number }> {
  const request = buildModelRequest(service, operation, params);
  const { url, auth } = resolveModelEndpoint(service.name, s.region, s.endpoint);
  const hostname = `${request.hostPrefix ?? ""}${url.hostname}`;
  const [uriPath, uriQuery] = splitUri(request.uri);
  const path = joinPath(url.pathname, uriPath) + (uriQuery === undefined ? "" : `?${uriQuery}`);
  const headers: Record<string, string> = {
    ...request.headers,
    host: url.port ? `${hostname}:${url.port}` : hostname,
  };
  if (s.userAgent) headers["user-agent"] = s.userAgent;
  const signed: Record<string, unknown> = {
    method: request.method,
    protocol: url.protocol,
    hostname,
    port: url.port ? Number(url.port) : undefined,
    path,
    query: {},
    headers,
    body: request.body,
  };
  // The SDK's standard retry strategy (the CLI's standard mode): three attempts, jittered back-off, for
  // throttling and transient faults (5xx, resets, time-outs) — not for client errors.
  let token = await RETRIES.acquireInitialRetryToken(service.name);
  let attempts = 0;
  for (;;) {
    attempts++;
    let failure: SdkError;
    let response: ModelResponse | undefined;
    try {
      response = await send(service, signed, request.method, headers.host, path, s, auth);
      if (response.status < 300) {
        RETRIES.recordSuccess(token);
        return { ...response, attempts };
      }
      const error = modelError(service, operation, outputShapes, response);
      failure = Object.assign(new Error(error.message ?? ""), {
        name: error.code,
        $metadata: { httpStatusCode: response.status },
      }) as SdkError;
    } catch (e) {
      failure = e as SdkError;
    }
    const errorType = isThrottlingError(failure)
      ? "THROTTLING"
      : isTransientError(failure)
      ? "TRANSIENT"
      : isServerError(failure)
      ? "SERVER_ERROR"
      : "CLIENT_ERROR";
    try {
      if (s.signal?.aborted) throw failure;
      token = await RETRIES.refreshRetryTokenForRetry(token, { errorType, error: failure });
    } catch {
      throw asFailure(failure, response, operation);
    }
    await pause(token.getRetryDelay(), s.signal);
  }
}

/** An error as the SDK's retry classification reads it. */
type SdkError = Parameters<typeof isThrottlingError>[0];

/** One strategy for every model-driven call, so that its retry quota is shared as a client's is. */
const RETRIES = new StandardRetryStrategy(3);

/** A failed attempt as our error: the service's, worded as the CLI words it, or the transport's. */
function asFailure(failure: Error, response: ModelResponse | undefined, operation: string): ExecFailure {
  if (failure instanceof ExecFailure) return failure;
  if (!response) return new ExecFailure(fromSdkError(failure, operation));
  return new ExecFailure({
    code: "SERVICE_ERROR",
    message:
      `An error occurred (${failure.name}) when calling the ${operation} operation: ${failure.message}`,
    service: { code: failure.name, httpStatus: response.status },
  });
}

/** Waits `ms`, or less if the call is cancelled meanwhile. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(t);
      resolve();
    }, { once: true });
  });
}

/** One attempt: signs (again: the time is in the signature) and sends; the response as it came. */
async function send(
  service: ServiceModel,
  unsigned: Record<string, unknown>,
  method: string,
  host: string,
  path: string,
  s: ModelCallSettings,
  auth?: EndpointAuth,
): Promise<ModelResponse> {
  let signed: Record<string, unknown> & { headers: Record<string, string> } = {
    ...unsigned,
    headers: { ...unsigned.headers as Record<string, string> },
  };
  const signing = signingOf(service, s.region, auth);
  if (s.signRequest && signing.version === "v2") {
    // SimpleDB still takes signature version 2, in the form itself.
    signed.body = await signV2(String(signed.body), method, host, path, s);
    signed.headers["Content-Length"] = String(Buffer.byteLength(String(signed.body)));
  } else if (s.signRequest) {
    signed = await signer(signing, s).sign(
      signed as unknown as Parameters<SignatureV4["sign"]>[0],
    ) as unknown as typeof signed;
  }
  const handler = requestHandlerFor(s);
  const { response } = await handler.handle(signed as unknown as Parameters<typeof handler.handle>[0], {
    abortSignal: s.signal,
  });
  const chunks: Uint8Array[] = [];
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) chunks.push(chunk);
  const bytes = Buffer.concat(chunks);
  return { status: response.statusCode, headers: response.headers, body: bytes.toString("utf8"), bytes };
}
