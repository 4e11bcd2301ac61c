/**
 * An operation its bundled SDK client lacks (newer than the client, or dropped from it), sent through that
 * client all the same: a command whose request is built and whose response is read from our model
 * (model-serde.ts), while the client's own stack does the rest — the endpoint from its rule set (S3's bucket
 * addressing included), signing, checksums, retries, the HTTP handler.
 */
import { Buffer } from "node:buffer";
import { Command } from "@smithy/core/client";
import { getEndpointPlugin } from "@smithy/core/endpoints";
import { HttpRequest } from "@smithy/core/protocols";
import type { ServiceModel, Shape } from "../../models/types.ts";
import type { LoadedClient } from "../sdk.ts";
import type { ModelResponse, ModelShape } from "./model-json.ts";
import { buildModelRequest, joinPath, metadataOf, modelError, modelOutput, splitUri } from "./model-serde.ts";
import type { OutputShapes } from "./result.ts";

type Json = Record<string, unknown>;
type Instruction = { type: string; name?: string; value?: unknown };
type Handler = (args: Json) => Promise<Json>;
type Middleware = (next: Handler, context: Json) => Handler;
type Stack = { add(mw: Middleware, options: Json): void };

/** A query string as the SDK's requests hold it: each key once, a list where repeated, null for a bare key. */
function queryObject(text: string | undefined): Record<string, string | string[] | null> {
  const out: Record<string, string | string[] | null> = {};
  for (const part of text ? text.split("&") : []) {
    const at = part.indexOf("=");
    const key = decodeURIComponent(at < 0 ? part : part.slice(0, at));
    const value = at < 0 ? null : decodeURIComponent(part.slice(at + 1));
    const had = out[key];
    out[key] = had === undefined ? value : [...(Array.isArray(had) ? had : [had ?? ""]), value ?? ""];
  }
  return out;
}

/**
 * The endpoint parameters the client's commands take, for this operation: the client's own (region, FIPS, its
 * context settings) and the members of its input that other commands bind by name (S3's Bucket).
 */
function instructionsFor(loaded: LoadedClient, inputMembers: string[]): Record<string, Instruction> {
  const out: Record<string, Instruction> = {};
  for (const C of loaded.commands()) {
    const all = (C as { getEndpointParameterInstructions?: () => Record<string, Instruction> })
      .getEndpointParameterInstructions?.() ?? {};
    for (const [key, ins] of Object.entries(all)) {
      if (ins.type === "staticContextParams") continue;
      if (ins.type === "contextParams" && !inputMembers.includes(String(ins.name))) continue;
      out[key] = ins;
    }
  }
  return out;
}

/** Everything a body stream holds. */
async function bodyBytes(body: unknown): Promise<Uint8Array> {
  if (!body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

type Made = new (input: Json) => unknown;
const made = new WeakMap<LoadedClient, Map<string, Made>>();

/** The constructor of a command for one operation of the model, sent through the loaded client's stack. */
export function modelCommand(
  loaded: LoadedClient,
  service: ServiceModel,
  operation: string,
  outShape: Shape | undefined,
  outShapes: OutputShapes,
  outputShapes: Record<string, ModelShape>,
): Made {
  const byOperation = made.get(loaded) ?? new Map<string, Made>();
  made.set(loaded, byOperation);
  let C = byOperation.get(operation);
  if (!C) {
    C = build(loaded, service, operation, outShape, outShapes, outputShapes);
    byOperation.set(operation, C);
  }
  return C;
}

function build(
  loaded: LoadedClient,
  service: ServiceModel,
  operation: string,
  outShape: Shape | undefined,
  outShapes: OutputShapes,
  outputShapes: Record<string, ModelShape>,
): Made {
  const op = service.operations[operation];
  const inputMembers = Object.keys(op.input ? service.shapes[op.input.shape].members ?? {} : {});
  const serialize: Middleware = (next, context) => (args) => {
    const url = (context.endpointV2 as { url: URL }).url;
    const built = buildModelRequest(service, operation, args.input as Json);
    const [path, query] = splitUri(built.uri);
    const request = new HttpRequest({
      method: built.method,
      protocol: url.protocol,
      hostname: `${built.hostPrefix ?? ""}${url.hostname}`,
      port: url.port ? Number(url.port) : undefined,
      path: joinPath(url.pathname, path),
      query: queryObject(query),
      headers: { ...built.headers },
      body: built.body,
    });
    return next({ ...args, request });
  };
  const deserialize: Middleware = (next) => async (args) => {
    const { response } = await next(args) as {
      response: { statusCode: number; headers: Record<string, string>; body: unknown };
    };
    const bytes = await bodyBytes(response.body);
    const read: ModelResponse = {
      status: response.statusCode,
      headers: response.headers,
      body: Buffer.from(bytes).toString("utf8"),
      bytes,
    };
    const $metadata = { httpStatusCode: read.status, ...metadataOf(response.headers) };
    if (read.status >= 300) {
      const error = modelError(service, operation, outputShapes, read);
      // Shaped as the SDK's service exceptions are, so that its retry strategy and our error mapping read it.
      throw Object.assign(new Error(error.message ?? ""), {
        ...error.members,
        name: error.code,
        $fault: read.status >= 500 ? "server" : "client",
        $metadata,
      });
    }
    return {
      response,
      output: { $metadata, ...modelOutput(service, operation, outShape, outShapes, outputShapes, read) },
    };
  };
  const serde = {
    applyToStack(stack: Stack) {
      stack.add(serialize, { name: "serializerMiddleware", step: "serialize", override: true });
      stack.add(deserialize, { name: "deserializerMiddleware", step: "deserialize", override: true });
    },
  };
  return Command.classBuilder()
    .ep(instructionsFor(loaded, inputMembers) as never)
    .m(function (C: { getEndpointParameterInstructions(): never }, _stack: unknown, config: never) {
      return [getEndpointPlugin(config, C.getEndpointParameterInstructions()), serde as never];
    } as never)
    .s(String(service.metadata.serviceId), operation, {})
    .n(`${service.sdk?.client ?? "Model"}`, `${operation}Command`)
    .build() as unknown as Made;
}
