/** The suggest_aws_commands MCP tool. */
import type { ToolServer } from "./tool-server.ts";
import { z } from "zod";

const parameter = z.object({
  flag: z.string(),
  type: z.string(),
  required: z.boolean(),
  enum: z.array(z.string()).optional(),
  description: z.string().optional(),
});

/** Registers suggest_aws_commands; the index loads on its first use. */
export function registerSuggestTool(server: ToolServer): void {
  server.registerTool("suggest_aws_commands", {
    title: "Suggest AWS CLI commands",
    // Offline: reads the bundled models only.
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    description: `Suggest the AWS CLI commands for a task described in natural language (offline, from the AWS
service models). Returns the 5 likeliest commands, each with a description, a confidence, its required and
optional parameters (type, allowed values, short doc) and an example to edit and run with call_aws.
Use it when unsure of the exact service, command or parameters.`,
    inputSchema: { query: z.string().describe("What to do, e.g. 'list the EC2 instances in a VPC'") },
    outputSchema: {
      suggestions: z.array(z.object({
        command: z.string(),
        description: z.string(),
        confidence: z.number(),
        requiredParameters: z.array(parameter),
        otherParameters: z.array(parameter),
        example: z.string(),
        matchedWords: z.array(z.string()),
        notRunnable: z.string().optional().describe("Why this server never runs it, and what to use instead"),
      })),
      note: z.string().optional(),
    },
  }, async ({ query }) => {
    const { suggest } = await import("../suggest/suggest.ts");
    const r = suggest(query);
    if (!r.ok) {
      return {
        content: [{
          type: "text",
          text: `Error [${r.error.code}]: ${r.error.message}\nHint: ${r.error.hint}`,
        }],
        isError: true,
      };
    }
    const text = r.suggestions.map((s, i) =>
      `${i + 1}. ${s.command} (confidence ${s.confidence})\n   ${s.description}\n   Example: ${s.example}` +
      (s.requiredParameters.length
        ? `\n   Required: ${s.requiredParameters.map((p) => `${p.flag} (${p.type})`).join(", ")}`
        : "")
    ).join("\n");
    const structured = r.note ? { suggestions: r.suggestions, note: r.note } : { suggestions: r.suggestions };
    return {
      content: [{ type: "text", text: r.note ? `${r.note}\n${text}` : text }],
      structuredContent: structured,
    };
  });
}
