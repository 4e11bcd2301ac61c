/**
 * Which operations are made from the model rather than by a bundled SDK client's own command: those of a
 * service with no client, or that its client lacks. Kept apart from the call itself (model-call.ts)
 * so that deciding costs nothing at start-up.
 */
import type { ServiceModel } from "../../models/types.ts";

/** The protocols made from the model so far. */
export type ModelProtocol = "json" | "rest-json" | "rest-xml" | "query" | "ec2";

/** The model-driven protocol a service speaks, or undefined for one the AWS CLI does not speak. */
export function modelProtocol(service: ServiceModel): ModelProtocol | undefined {
  const protocol = service.metadata.protocol as string;
  if (["json", "rest-json", "rest-xml", "query", "ec2"].includes(protocol)) return protocol as ModelProtocol;
  // A newer protocol the CLI does not speak (CBOR): the JSON one it also lists.
  const listed = (service.metadata.protocols ?? []) as string[];
  return listed.includes("json") ? "json" : undefined;
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
