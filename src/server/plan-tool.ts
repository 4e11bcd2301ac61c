/** get_execution_plan: agent scripts as MCP tool (registered with EXPERIMENTAL_AGENT_SCRIPTS=true). */
import type { ToolServer } from "./tool-server.ts";
import { z } from "zod";
import { renderPlan } from "../scripts/loader.ts";
import type { AgentScript } from "../scripts/types.ts";

/** Registers get_execution_plan, listing the scripts in its description. */
export function registerPlanTool(server: ToolServer, scripts: AgentScript[]): void {
  const byName = new Map(scripts.map((s) => [s.name, s]));
  const list = scripts.map((s) => `- ${s.name}: ${s.description}`).join("\n");
  server.registerTool("get_execution_plan", {
    title: "Get execution plan",
    // Reads the loaded scripts only; the plan's commands run through call_aws.
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    description:
      `Get a step-by-step plan of AWS CLI commands for a common task; run its commands with call_aws.
Available scripts:\n${list}`,
    inputSchema: { script_name: z.string().describe("The script's name, from the list above") },
    outputSchema: { name: z.string(), description: z.string(), plan: z.string() },
  }, ({ script_name }) => {
    const s = byName.get(script_name);
    if (!s) {
      return {
        content: [{
          type: "text",
          text: `Unknown script '${script_name}'. Available: ${[...byName.keys()].join(", ")}`,
        }],
        isError: true,
      };
    }
    const plan = renderPlan(s);
    return {
      content: [{ type: "text", text: plan }],
      structuredContent: { name: s.name, description: s.description, plan },
    };
  });
}
