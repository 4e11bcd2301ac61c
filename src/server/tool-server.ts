/**
 * A lean MCP server for tools, on the SDK's Protocol (JSON-RPC, progress, cancellation) and its schemas.
 * The SDK's McpServer and Server load Ajv when imported — about a quarter of the start-up time — only to
 * check elicitation answers; this server offers what ours needs: initialization, tools with zod input and
 * output schemas, and form elicitation.
 */
// The SDK's "./*" export maps types to `*.d.ts` and code to `*`, so code and types need two specifiers.
// @ts-types="@modelcontextprotocol/sdk/shared/protocol"
import {
  Protocol,
  type RequestHandlerExtra,
  type RequestOptions,
} from "@modelcontextprotocol/sdk/shared/protocol.js";
// @ts-types="@modelcontextprotocol/sdk/types"
import {
  CallToolRequestSchema,
  type CallToolResult,
  type ClientCapabilities,
  type ElicitRequestFormParams,
  type ElicitResult,
  ElicitResultSchema,
  ErrorCode,
  type Implementation,
  InitializedNotificationSchema,
  InitializeRequestSchema,
  LATEST_PROTOCOL_VERSION,
  ListToolsRequestSchema,
  type Notification,
  type Request,
  type Result,
  type ServerCapabilities,
  type ServerNotification,
  type ServerRequest,
  type ServerResult,
  SUPPORTED_PROTOCOL_VERSIONS,
  type Tool,
  type ToolAnnotations,
} from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";

/** What a tool handler receives beside its arguments: the abort signal, progress token, notifications. */
export type ToolExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** A tool's description and its input and output schemas (zod shapes of the argument and result objects). */
export interface ToolSpec<I extends z.ZodRawShape, O extends z.ZodRawShape> {
  title?: string;
  description: string;
  /** Hints clients use to decide what to auto-approve (read-only, destructive, open world). */
  annotations?: ToolAnnotations;
  inputSchema: I;
  outputSchema?: O;
}

interface RegisteredTool {
  definition: Tool;
  input: z.ZodObject;
  output?: z.ZodObject;
  run(args: unknown, extra: ToolExtra): Promise<CallToolResult>;
}

const CALL_PARAMS = z.object({
  name: z.string({ error: "must be a tool name (a string)" }),
  arguments: z.record(z.string(), z.unknown(), { error: "must be an object of the tool's arguments" })
    .optional(),
}).loose();

/** A JSON-RPC -32602 error whose message is said once (McpError would prefix its code to the message). */
function invalidParams(message: string): Error {
  return Object.assign(new Error(message), { code: ErrorCode.InvalidParams });
}

function toolError(message: string): CallToolResult {
  return { content: [{ type: "text", text: message }], isError: true };
}

/** An MCP server offering tools over any SDK transport. */
export class ToolServer
  extends Protocol<ServerRequest | Request, ServerNotification | Notification, ServerResult | Result> {
  #tools = new Map<string, RegisteredTool>();
  #clientCapabilities?: ClientCapabilities;

  /** `instructions`: what the client may add to the assistant's context about using the tools. */
  constructor(private readonly info: Implementation, instructions?: string) {
    // Strict: every request we send (elicitation) is checked against what the client said it supports.
    super({ enforceStrictCapabilities: true });
    const capabilities: ServerCapabilities = { tools: { listChanged: false } };
    this.setRequestHandler(InitializeRequestSchema, (request) => {
      this.#clientCapabilities = request.params.capabilities;
      const asked = request.params.protocolVersion;
      return {
        protocolVersion: SUPPORTED_PROTOCOL_VERSIONS.includes(asked) ? asked : LATEST_PROTOCOL_VERSION,
        capabilities,
        serverInfo: this.info,
        ...(instructions ? { instructions } : {}),
      };
    });
    this.setNotificationHandler(InitializedNotificationSchema, () => {});
    this.setRequestHandler(ListToolsRequestSchema, () => ({
      tools: [...this.#tools.values()].map((t) => t.definition),
    }));
    // Params are checked here, not by the SDK, which would answer a malformed call with -32603 and a raw dump.
    this.setRequestHandler(
      z.object({ method: z.literal(CallToolRequestSchema.shape.method.value), params: z.unknown() }),
      (request, extra) => this.#call(request.params, extra),
    );
  }

  /** Adds a tool; its handler gets arguments checked against the input schema. */
  registerTool<I extends z.ZodRawShape, O extends z.ZodRawShape>(
    name: string,
    spec: ToolSpec<I, O>,
    handler: (args: z.infer<z.ZodObject<I>>, extra: ToolExtra) => CallToolResult | Promise<CallToolResult>,
  ): void {
    const input = z.object(spec.inputSchema);
    const output = spec.outputSchema && z.object(spec.outputSchema);
    const definition: Tool = {
      name,
      title: spec.title,
      description: spec.description,
      ...(spec.annotations ? { annotations: spec.annotations } : {}),
      inputSchema: z.toJSONSchema(input, { target: "draft-7", io: "input" }) as Tool["inputSchema"],
    };
    if (output) {
      definition.outputSchema = z.toJSONSchema(output, {
        target: "draft-7",
        io: "output",
      }) as Tool["outputSchema"];
    }
    this.#tools.set(name, {
      definition,
      input,
      output,
      run: async (args, extra) => await handler(args as z.infer<z.ZodObject<I>>, extra),
    });
  }

  #running = 0;

  /** Tool calls being run now (shutdown waits for them). */
  get running(): number {
    return this.#running;
  }

  async #call(raw: unknown, extra: ToolExtra): Promise<CallToolResult> {
    this.#running++;
    try {
      return await this.#callTool(raw, extra);
    } finally {
      this.#running--;
    }
  }

  async #callTool(raw: unknown, extra: ToolExtra): Promise<CallToolResult> {
    const known = [...this.#tools.keys()].join(", ");
    const p = CALL_PARAMS.safeParse(raw);
    if (!p.success) {
      throw invalidParams(
        `Invalid params for tools/call: give "name" (one of ${known}) and "arguments" (an object). ${
          p.error.issues.map((i) => `${i.path.join(".") || "params"}: ${i.message}`).join("; ")
        }`,
      );
    }
    const params = p.data;
    const tool = this.#tools.get(params.name);
    if (!tool) throw invalidParams(`Unknown tool '${params.name.slice(0, 100)}'. Tools: ${known}.`);
    const args = tool.input.safeParse(params.arguments ?? {});
    if (!args.success) {
      return toolError(
        `Input validation error: Invalid arguments for tool ${params.name}: ${z.prettifyError(args.error)}`,
      );
    }
    try {
      const result = await tool.run(args.data, extra);
      // A result that breaks the declared output schema is our bug: say so rather than send it.
      if (tool.output && !result.isError) {
        const checked = tool.output.safeParse(result.structuredContent);
        if (!checked.success) {
          return toolError(
            `Output validation error for tool ${params.name}: ${z.prettifyError(checked.error)}`,
          );
        }
      }
      return result;
    } catch (e) {
      return toolError(e instanceof Error ? e.message : String(e));
    }
  }

  /** What the client said it supports when it connected. */
  getClientCapabilities(): ClientCapabilities | undefined {
    return this.#clientCapabilities;
  }

  /** Asks the user, through the client, to fill in a form; the answer's content is checked by the caller. */
  elicitInput(
    params: Omit<ElicitRequestFormParams, "mode">,
    options?: RequestOptions,
  ): Promise<ElicitResult> {
    return this.request({ method: "elicitation/create", params }, ElicitResultSchema, options);
  }

  protected assertCapabilityForMethod(method: string): void {
    const elicitation = this.#clientCapabilities?.elicitation;
    // `elicitation: {}` (the capability's first form) means forms; a client may offer only URL elicitation.
    if (method === "elicitation/create" && (!elicitation || (elicitation.url && !elicitation.form))) {
      throw new Error(`Client does not support elicitation (required for ${method})`);
    }
  }

  protected assertNotificationCapability(): void {}

  protected assertRequestHandlerCapability(): void {}

  protected assertTaskCapability(): void {}

  protected assertTaskHandlerCapability(): void {}
}
