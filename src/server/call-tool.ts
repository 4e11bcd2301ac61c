/** The call_aws MCP tool: schemas, progress and cancellation around the shared callAws function. */
import type { ToolServer } from "./tool-server.ts";
import { z } from "zod";
import type { CallDeps, CommandResult } from "../exec/call.ts";

/** The most commands one call may carry. */
export const MAX_BATCH = 20;

const errorSchema = z.object({ code: z.string(), message: z.string(), hint: z.string().optional() });

const resultSchema = z.object({
  command: z.string(),
  status: z.enum(["success", "error"]),
  response: z.unknown().optional().describe("The response as `aws … --output json` prints it, after --query"),
  region: z.string().optional(),
  error: errorSchema.optional(),
  notice: z.string().optional().describe("Said when output was cut or redacted, or a listing is partial"),
});

/** call_aws's input. */
export const callInput = {
  cli_command: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(MAX_BATCH)], {
    error: `must be a command string or a list of 1–${MAX_BATCH} command strings`,
  }).describe(
    `One AWS CLI command starting with 'aws', or a list of up to ${MAX_BATCH} run concurrently (results in order).`,
  ),
  max_results: z.number({ error: "must be a whole number of at least 1" }).int({
    error: "must be a whole number of at least 1",
  }).min(1, { error: "must be a whole number of at least 1" }).optional().describe(
    "Caps the items returned across all pages.",
  ),
};

/** call_aws's output. */
export const callOutput = { results: z.array(resultSchema) };

const DESCRIPTION =
  `Execute AWS CLI commands: validated against the AWS service models before anything is sent, then run
through the AWS SDK. Use AWS CLI syntax exactly (aws <service> <command> --flag value); shell features
(pipes, variables, redirections, several commands on one line) are rejected: filter with --query instead.
Pass a list to run independent commands concurrently. Pagination is followed automatically; use
max_results to cap large listings. Responses are what \`aws … --output json\` prints.`;

/** The tool result: text content for people, structured content for programs. */
export function toolResult(results: CommandResult[]) {
  const text = results.map((r) => {
    const body = r.status === "success"
      ? `${r.text?.trim() || "(no output)"}${r.notice ? `\nNote: ${r.notice}` : ""}`
      : `Error [${r.error!.code}]: ${r.error!.message}${r.error!.hint ? `\nHint: ${r.error!.hint}` : ""}`;
    return results.length === 1 ? body : `$ ${r.command}\n${body}`;
  }).join("\n\n");
  return {
    content: [{ type: "text" as const, text }],
    structuredContent: { results: results.map(structured) },
    isError: results.every((r) => r.status === "error"),
  };
}

/**
 * A result as structured content: the data once (the response; the CLI's text is the text content), no
 * null or empty field, errors as code, message and hint.
 */
function structured(r: CommandResult): z.infer<typeof resultSchema> {
  const out: z.infer<typeof resultSchema> = { command: r.command, status: r.status };
  if (r.response !== undefined) out.response = withoutNulls(r.response);
  if (r.region) out.region = r.region;
  if (r.error) {
    out.error = { code: r.error.code, message: r.error.message };
    if ("hint" in r.error && r.error.hint) out.error.hint = r.error.hint;
  }
  if (r.notice) out.notice = r.notice;
  return out;
}

/** A value without null members (the CLI's JSON prints them; they say nothing). */
function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (v === null || typeof v !== "object") return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = withoutNulls(x);
  return out;
}

/** Registers call_aws on the server; `readOnly` is READ_OPERATIONS_ONLY, which its hints report. */
export function registerCallTool(
  server: ToolServer,
  deps: () => Promise<CallDeps>,
  readOnly: boolean,
): void {
  server.registerTool("call_aws", {
    title: "Call AWS",
    description: DESCRIPTION,
    // It reaches AWS (open world); it can change or delete resources unless the server is read-only.
    annotations: { readOnlyHint: readOnly, destructiveHint: !readOnly, openWorldHint: true },
    inputSchema: callInput,
    outputSchema: callOutput,
  }, async ({ cli_command, max_results }, extra) => {
    const commands = Array.isArray(cli_command) ? cli_command : [cli_command];
    const token = extra._meta?.progressToken;
    // Execution and logging load on the first call, keeping start-up light.
    const [base, { callAws }, { logger, redactText }] = await Promise.all([
      deps(),
      import("../exec/call.ts"),
      import("../log.ts"),
    ]);
    const logged: Array<[CommandResult, string]> = [];
    // Progress is sent before the result: a client drops notifications that arrive after it.
    const pending: Promise<void>[] = [];
    const results = await callAws(commands, {
      ...base,
      onResult: (r, logText) => logged.push([r, logText]),
      exec: { ...base.exec, signal: extra.signal, maxResults: max_results },
      onProgress: token === undefined ? undefined : (done, total, message) => {
        pending.push(
          extra.sendNotification({
            method: "notifications/progress",
            params: { progressToken: token, progress: done, total, ...(message ? { message } : {}) },
          }).catch(() => {}),
        );
      },
    });
    const log = logger("call_aws");
    for (const [r, logText] of logged) {
      log.info("call_aws {command}: {status}", {
        command: redactText(logText),
        status: r.status,
        error: r.error?.code,
      });
    }
    await Promise.all(pending);
    return toolResult(results);
  });
}
