/** The endpoint a command's requests go to when it overrides the default: `--endpoint-url`, then the environment. */
import type { ServiceModel } from "../models/types.ts";
import type { ParsedCommand } from "../parse/types.ts";

/** `--endpoint-url`, else AWS_ENDPOINT_URL_<SERVICE ID>, else AWS_ENDPOINT_URL; undefined for the SDK's own. */
export function endpointFor(
  service: Pick<ServiceModel, "metadata">,
  cmd: Pick<ParsedCommand, "globals">,
  env: Record<string, string | undefined>,
): string | undefined {
  if (cmd.globals.endpointUrl) return cmd.globals.endpointUrl;
  const id = service.metadata.serviceId.toUpperCase().replace(/[ -]/g, "_");
  return env[`AWS_ENDPOINT_URL_${id}`] || env.AWS_ENDPOINT_URL || undefined;
}
