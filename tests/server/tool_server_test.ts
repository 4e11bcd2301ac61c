/**
 * The lean tool server against the SDK's own client (in memory): initialization, tool listing with JSON
 * schemas, argument and result checks, unknown tools, and elicitation only for clients that offer it.
 */
import { deepStrictEqual, ok, rejects } from "node:assert";
import { Client } from "@modelcontextprotocol/sdk/client";
// @ts-types="@modelcontextprotocol/sdk/inMemory"
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { z } from "zod";
import { ToolServer } from "../../src/server/tool-server.ts";

async function connected(capabilities: Record<string, unknown> = {}) {
  const server = new ToolServer({ name: "test-server", version: "9.9.9" });
  server.registerTool(
    "add",
    {
      title: "Add",
      description: "Adds two numbers",
      inputSchema: { a: z.number().describe("first"), b: z.number().int().optional() },
      outputSchema: { sum: z.number() },
    },
    ({ a, b }) => ({
      content: [{ type: "text", text: String(a + (b ?? 0)) }],
      structuredContent: { sum: a + (b ?? 0) },
    }),
  );
  server.registerTool("broken", {
    description: "Returns what its output schema forbids",
    inputSchema: {},
    outputSchema: { n: z.number() },
  }, () => ({ content: [{ type: "text", text: "x" }], structuredContent: { n: "not a number" } }));
  server.registerTool("throws", { description: "Fails", inputSchema: {} }, () => {
    throw new Error("it went wrong");
  });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(a);
  const client = new Client({ name: "c", version: "1" }, { capabilities });
  await client.connect(b);
  return { server, client };
}

Deno.test("initialization and tools/list: server info, capabilities, JSON schemas of inputs and outputs", async () => {
  const { client, server } = await connected();
  deepStrictEqual(client.getServerVersion(), { name: "test-server", version: "9.9.9" });
  deepStrictEqual(client.getServerCapabilities(), { tools: { listChanged: false } });
  const { tools } = await client.listTools();
  deepStrictEqual(tools.map((t) => t.name), ["add", "broken", "throws"]);
  deepStrictEqual(tools[0].inputSchema, {
    $schema: "http://json-schema.org/draft-07/schema#",
    type: "object",
    properties: {
      a: { type: "number", description: "first" },
      b: { type: "integer", minimum: -9007199254740991, maximum: 9007199254740991 },
    },
    required: ["a"],
  });
  deepStrictEqual(tools[0].outputSchema?.required, ["sum"]);
  await client.close();
  await server.close();
});

Deno.test("tools/call: results, argument errors, output-schema breaches, thrown errors, unknown tools", async () => {
  const { client, server } = await connected();
  const ok1 = await client.callTool({ name: "add", arguments: { a: 2, b: 3 } });
  deepStrictEqual(ok1.structuredContent, { sum: 5 });
  const bad = await client.callTool({ name: "add", arguments: { a: "two" } });
  ok(bad.isError);
  ok(JSON.stringify(bad.content).includes("Input validation error: Invalid arguments for tool add"));
  const broken = await client.callTool({ name: "broken", arguments: {} });
  ok(broken.isError && JSON.stringify(broken.content).includes("Output validation error"));
  const thrown = await client.callTool({ name: "throws", arguments: {} });
  deepStrictEqual(thrown, { content: [{ type: "text", text: "it went wrong" }], isError: true });
  // -32602, said once (the client adds its own "MCP error -32602:" prefix), naming the tools there are.
  await rejects(
    client.callTool({ name: "nope", arguments: {} }),
    (e: Error) => /^MCP error -32602: Unknown tool 'nope'\. Tools: add, broken, throws\.$/.test(e.message),
  );
  await client.close();
  await server.close();
});

Deno.test("elicitation: asked of clients that offer it, refused before sending for those that do not", async () => {
  const { client, server } = await connected({ elicitation: { form: {} } });
  const { ElicitRequestSchema } = await import("@modelcontextprotocol/sdk/types.js");
  client.setRequestHandler(ElicitRequestSchema, (r) => ({
    action: "accept",
    content: { echoed: r.params.message === "Proceed?" },
  }));
  const schema = { type: "object" as const, properties: { echoed: { type: "boolean" as const } } };
  deepStrictEqual(await server.elicitInput({ message: "Proceed?", requestedSchema: schema }), {
    action: "accept",
    content: { echoed: true },
  });
  await client.close();
  const plain = await connected();
  ok(plain.server.getClientCapabilities()?.elicitation === undefined);
  await rejects(
    plain.server.elicitInput({ message: "x", requestedSchema: schema }),
    /does not support elicitation/,
  );
  await plain.client.close();
  await server.close();
  await plain.server.close();
});
