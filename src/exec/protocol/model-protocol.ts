/**
 * Which operations are made from the model rather than by a bundled SDK client: those of a protocol modelled
 * here whose service has no client, or whose client lacks them. Kept apart from the call itself (model-call.ts)
 * so that deciding costs nothing at start-up.
 */
import type { ServiceModel } from "../../models/types.ts";

/** The protocols made from the model so far. */
export type ModelProtocol = "json" | "rest-json" | "query" | "ec2";

/** The model-driven protocol a service speaks, or undefined for one not modelled yet (REST-XML). */
export function modelProtocol(service: ServiceModel): ModelProtocol | undefined {
  const protocol = service.metadata.protocol as string;
  if (["json", "rest-json", "query", "ec2"].includes(protocol)) return protocol as ModelProtocol;
  if (protocol === "rest-xml") return undefined;
  // A newer protocol the CLI does not speak (CBOR): the JSON one it also lists.
  const listed = (service.metadata.protocols ?? []) as string[];
  return listed.includes("json") ? "json" : undefined;
}

/** Whether this operation is made from the model: a service of a modelled protocol with no client for it. */
export function modelDriven(service: ServiceModel, operation: string, hasClient: boolean): boolean {
  return modelProtocol(service) !== undefined &&
    (!hasClient || service.operations[operation]?.noSdk === true);
}
