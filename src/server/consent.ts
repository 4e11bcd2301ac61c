/** Asking the user for consent through MCP elicitation, showing exactly what would run and why. */
import type { ToolServer } from "./tool-server.ts";
import type { ConsentAnswer } from "../exec/call.ts";
import type { ParsedCommand } from "../parse/types.ts";
import type { Decision } from "../policy/decide.ts";
import { displayJson, maskedParams, maskValues, sensitiveInputs } from "../policy/redact.ts";

/** The consent asker for a server: "unsupported" when the client has no elicitation. */
export function elicitConsent(server: ToolServer, defaultRegion: string | undefined) {
  return async (
    cmd: ParsedCommand,
    decision: Decision,
    text: string,
    signal?: AbortSignal,
  ): Promise<ConsentAnswer> => {
    if (!server.getClientCapabilities()?.elicitation) return "unsupported";
    const region = cmd.globals.region ?? defaultRegion ?? "the profile's region (else us-east-1)";
    const message = [
      "An AI assistant wants to run this AWS command:",
      "",
      `  ${maskValues(text, sensitiveInputs(cmd))}`,
      "",
      `Service: ${cmd.service}  Operation: ${cmd.operation}  Region: ${region}`,
      ...(cmd.globals.profile ? [`Profile: ${cmd.globals.profile}`] : []),
      ...(cmd.globals.endpointUrl ? [`Endpoint: ${cmd.globals.endpointUrl}`] : []),
      `IAM access level: ${cmd.iam.access} (${cmd.iam.actions.join(", ")})`,
      ...(cmd.calls.length > 1
        ? [`API calls it may make: ${cmd.calls.map((c) => `${c.service} ${c.command}`).join(", ")}`]
        : []),
      `Parameters (sensitive values masked): ${displayJson(maskedParams(cmd))}`,
      `Why you are asked: ${decision.reason}`,
    ].join("\n");
    try {
      const r = await server.elicitInput({
        message,
        requestedSchema: {
          type: "object",
          properties: { confirm: { type: "boolean", title: "Run this command", description: "Run it now" } },
          required: ["confirm"],
        },
      }, { signal });
      if (r.action === "accept") return r.content?.confirm === true ? "accept" : "decline";
      return r.action === "decline" ? "decline" : "cancel";
    } catch {
      // A client that fails the request has not agreed to anything.
      return "cancel";
    }
  };
}
