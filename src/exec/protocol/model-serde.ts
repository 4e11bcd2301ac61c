/**
 * The model-driven protocols behind one face: a request built for any of the six protocols from the service
 * model, a response read back (output or error), and the output handed over as the SDK clients hand theirs
 * (dates as Date, bytes as bytes). Pure: the transport is model-call.ts's or a bundled client's.
 */
import type { ServiceModel, Shape } from "../../models/types.ts";
import { readJsonBody } from "./jsonbody.ts";
import {
  type ModelError,
  type ModelRequest,
  type ModelResponse,
  type ModelShape,
  parseJsonResponse,
  serializeJsonRequest,
} from "./model-json.ts";
import { parseRestResponse, type RestOperation, serializeRestRequest } from "./model-rest.ts";
import { parseQueryResponse, serializeQueryRequest } from "./model-query.ts";
import { modelProtocol } from "./model-protocol.ts";
import { FORM_TYPE, getAsPost } from "./cli-request.ts";
import type { OutputShapes } from "./result.ts";

type Json = Record<string, unknown>;

/** An operation of the model with its name, as the protocol modules take it. */
function operationOf(service: ServiceModel, operation: string): RestOperation {
  const op = { ...service.operations[operation], name: operation } as unknown as RestOperation;
  // S3 names the bucket in the endpoint (its host, or its path when path-style): botocore drops `/{Bucket}`
  // from every request URI, and so do we.
  if (service.metadata.serviceId === "S3" && op.http?.requestUri) {
    const uri = op.http.requestUri.replace(/^\/\{Bucket\}/, "");
    op.http = { ...op.http, requestUri: uri.startsWith("/") ? uri : `/${uri}` };
  }
  return op;
}

/** The request of one operation, built from the model in the service's protocol, as botocore sends it. */
export function buildModelRequest(service: ServiceModel, operation: string, params: Json): ModelRequest {
  const built = serialize(service, operation, params);
  const [path, query] = splitUri(built.uri);
  if (!getAsPost(service, operation) || built.method !== "GET" || query === undefined) return built;
  // The query string becomes a form body (botocore's change_get_to_post).
  return {
    ...built,
    method: "POST",
    uri: path,
    headers: { ...built.headers, "Content-Type": FORM_TYPE },
    body: query,
  };
}

function serialize(service: ServiceModel, operation: string, params: Json): ModelRequest {
  const op = operationOf(service, operation);
  const shapes = service.shapes as unknown as Record<string, ModelShape>;
  const meta = service.metadata as Record<string, string>;
  switch (modelProtocol(service)) {
    case "rest-json":
      return serializeRestRequest(op, shapes, params);
    case "rest-xml":
      return serializeRestRequest(op, shapes, params, undefined, "xml");
    case "query":
    case "ec2":
      return serializeQueryRequest(meta, op, shapes as never, params);
    default:
      return serializeJsonRequest(meta, op, shapes, params);
  }
}

/** A response read by the model: the output (model names, epoch-second times) or the service's error. */
export function readModelResponse(
  service: ServiceModel,
  operation: string,
  outputShapes: Record<string, ModelShape>,
  response: ModelResponse,
): { output: Json } | { error: ModelError } {
  const op = operationOf(service, operation);
  const meta = service.metadata as Record<string, string>;
  switch (modelProtocol(service)) {
    case "rest-json":
      return parseRestResponse(op, outputShapes, response);
    case "rest-xml":
      return parseRestResponse(op, outputShapes, response, "xml");
    case "query":
    case "ec2":
      return parseQueryResponse(meta, op, outputShapes as never, response);
    default:
      return parseJsonResponse(op, outputShapes, response);
  }
}

/** The error a failed response carries, or one named by its HTTP status where the body names none. */
export function modelError(
  service: ServiceModel,
  operation: string,
  outputShapes: Record<string, ModelShape>,
  response: ModelResponse,
): ModelError {
  try {
    const parsed = readModelResponse(service, operation, outputShapes, response);
    if ("error" in parsed && parsed.error.code) return parsed.error;
  } catch {
    // A body that is not the protocol's (a proxy's HTML page): named by its status below.
  }
  return { code: `HTTP ${response.status}`, message: response.body, members: {} };
}

/** The SDK's $metadata of a response, from its headers (the ids) and the attempts it took. */
export function metadataOf(headers: Record<string, string>, attempts?: number): Record<string, unknown> {
  const h = (name: string) => Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];
  const meta: Record<string, unknown> = {};
  const requestId = h("x-amzn-requestid") ?? h("x-amzn-request-id") ?? h("x-amz-request-id");
  if (requestId) meta.requestId = requestId;
  const extended = h("x-amz-id-2");
  if (extended) meta.extendedRequestId = extended;
  if (attempts !== undefined) meta.attempts = attempts;
  return meta;
}

/** A request URI's path and query string (undefined when it has no `?`). */
export function splitUri(uri: string): [string, string | undefined] {
  const at = uri.indexOf("?");
  return at < 0 ? [uri, undefined] : [uri.slice(0, at), uri.slice(at + 1)];
}

/** An endpoint's path joined with a request's, as botocore joins them (`/x` and `/` make `/x`). */
export function joinPath(base: string, path: string): string {
  if (!path || path === "/") return base || "/";
  return base.endsWith("/") && path.startsWith("/") ? base.slice(0, -1) + path : base + path;
}
/**
 * A successful model-driven response as the SDK clients would have handed it over (dates as Date, bytes as
 * bytes), for the shared output path: body members read by the model; for REST-JSON also the members bound to
 * headers and the status code, and a raw payload.
 */
export function modelOutput(
  service: ServiceModel,
  operation: string,
  outShape: Shape | undefined,
  outShapes: OutputShapes,
  outputShapes: Record<string, ModelShape>,
  response: ModelResponse,
): Json {
  if (!outShape) return {};
  const bytes = response.bytes ?? new TextEncoder().encode(response.body);
  const protocol = modelProtocol(service);
  if (protocol === "json") {
    return response.body.trim() ? readJsonBody(bytes, outShape, outShapes) ?? {} : {};
  }
  const parsed = readModelResponse(service, operation, outputShapes, response);
  const output = "output" in parsed ? parsed.output : {};
  if (protocol !== "rest-json") return withDates(output, outShape, outShapes) as Json;
  // REST-JSON: the body as the SDK path reads it (jsonbody.ts), the bound members and a raw payload as parsed.
  const out: Json = {};
  for (const [name, ref] of Object.entries(outShape.members ?? {})) {
    const v = output[name];
    if (v === undefined) continue;
    if (ref.location) {
      out[name] = outShapes(ref.shape).type === "timestamp" ? new Date((v as number) * 1000) : v;
    }
  }
  const payload = outShape.payload;
  const payloadType = payload ? outShapes(outShape.members![payload].shape).type : undefined;
  if (payload && (payloadType === "blob" || payloadType === "string")) {
    if (bytes.length) out[payload] = payloadType === "blob" ? bytes : response.body;
  } else if (response.body.trim()) Object.assign(out, readJsonBody(bytes, outShape, outShapes) ?? {});
  return out;
}

/** Epoch seconds turned into dates wherever the shapes say timestamp (as the SDK hands timestamps over). */
function withDates(value: unknown, shape: Shape | undefined, shapes: OutputShapes): unknown {
  if (value === null || value === undefined || !shape) return value;
  switch (shape.type) {
    case "timestamp":
      return typeof value === "number" ? new Date(value * 1000) : value;
    case "structure":
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => {
          const ref = shape.members?.[k];
          return [k, withDates(v, ref ? shapes(ref.shape) : undefined, shapes)];
        }),
      );
    case "list":
      return (value as unknown[]).map((v) =>
        withDates(v, shape.member ? shapes(shape.member.shape) : undefined, shapes)
      );
    case "map":
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [
          k,
          withDates(v, shape.value ? shapes(shape.value.shape) : undefined, shapes),
        ]),
      );
    default:
      return value;
  }
}
