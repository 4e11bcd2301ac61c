/**
 * Which operations are made from the model rather than by a bundled SDK client's own command: those of a
 * service with no client, or that its client lacks. Kept apart from the call itself (model-call.ts)
 * so that deciding costs nothing at start-up.
 */
import type { ServiceModel } from "../../models/types.ts";

/** The protocols made from the model so far. */
export type ModelProtocol = "json" | "rest-json" | "rest-xml" | "query" | "ec2";

const CLI_PROTOCOLS = new Set(["query", "ec2", "json", "rest-json", "rest-xml"]);

/**
 * The wire protocol the AWS CLI uses for a service: the model's, else the first it knows of those listed
 * (CloudWatch lists CBOR, JSON and query: the CLI speaks query).
 */
export function cliProtocol(metadata: { protocol: string; protocols?: unknown }): string {
  if (CLI_PROTOCOLS.has(metadata.protocol)) return metadata.protocol;
  const listed = Array.isArray(metadata.protocols) ? metadata.protocols as string[] : [];
  return ["query", "json", "rest-json"].find((p) => listed.includes(p)) ?? "json";
}

/** The model-driven protocol of a service: the one the AWS CLI speaks to it. */
export function modelProtocol(service: ServiceModel): ModelProtocol | undefined {
  return cliProtocol(service.metadata) as ModelProtocol;
}

/**
 * How an operation made from the model travels: on its own (`standalone`: the service has no client) or
 * through the service's bundled client, which lacks the operation (`client`); undefined when the client has it.
 */
export function modelPath(
  service: ServiceModel,
  operation: string,
  hasClient: boolean,
): "standalone" | "client" | undefined {
  if (modelProtocol(service) === undefined) return undefined;
  if (!hasClient) return "standalone";
  return service.operations[operation]?.noSdk === true ? "client" : undefined;
}

/** Whether this operation is made from the model, by either path. */
export function modelDriven(service: ServiceModel, operation: string, hasClient: boolean): boolean {
  return modelPath(service, operation, hasClient) !== undefined;
}

/**
 * Whether an operation streams (a payload or an event stream, in or out): the model path holds each body
 * whole, so such operations keep their client's own command.
 */
export function streams(
  service: ServiceModel,
  operation: string,
  outShapes: (name: string) => { members?: Record<string, { shape: string; streaming?: boolean }> } & {
    streaming?: boolean;
    eventstream?: boolean;
  },
): boolean {
  const op = service.operations[operation];
  if (op.outfile) return true;
  const flows = (
    ref: { shape: string; streaming?: boolean },
    shape?: { streaming?: boolean; eventstream?: boolean },
  ) => ref.streaming === true || shape?.streaming === true || shape?.eventstream === true;
  const input = op.input ? service.shapes[op.input.shape] : undefined;
  if (Object.values(input?.members ?? {}).some((r) => flows(r, service.shapes[r.shape]))) return true;
  const output = op.output ? outShapes(op.output.shape) : undefined;
  return Object.values(output?.members ?? {}).some((r) => flows(r, outShapes(r.shape)));
}
