/**
 * What the assistant sees, through a real MCP client: tool annotations per mode, the server's
 * instructions, a lean tools/list, a 20,000-item listing cut to the output bound (still valid JSON, paging
 * stopped early), a batch sharing one budget, and each result's data carried once.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client";
// @ts-types="@modelcontextprotocol/sdk/client/stdio"
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { LOCAL_CREDENTIALS, startRecorder } from "../../scripts/local-servers.ts";
import { MAIN, RUN_FLAGS } from "../helpers.ts";

const TABLES = Array.from({ length: 20_000 }, (_, i) => `table-${String(i).padStart(5, "0")}`);
const PAGE = 100;

async function withClient(env: Record<string, string>, fn: (c: Client) => Promise<void>): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), "assistant-view-"));
  const transport = new StdioClientTransport({
    command: Deno.execPath(),
    args: ["run", ...RUN_FLAGS, MAIN],
    // An empty value leaves the variable unset.
    env: Object.fromEntries(
      Object.entries({
        PATH: Deno.env.get("PATH") ?? "",
        HOME: home,
        ...LOCAL_CREDENTIALS,
        AWS_CONFIG_FILE: "/nonexistent",
        AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
        AWS_API_MCP_WORKING_DIR: join(home, "work"),
        ...env,
      }).filter(([, v]) => v !== ""),
    ),
  });
  const client = new Client({ name: "assistant-view-test", version: "1.0.0" });
  await client.connect(transport);
  try {
    await fn(client);
  } finally {
    await client.close();
  }
}

Deno.test("annotations follow the mode; instructions state the live facts; tools/list stays lean", async () => {
  for (const readOnly of [true, false]) {
    await withClient({
      READ_OPERATIONS_ONLY: String(readOnly),
      REQUIRE_MUTATION_CONSENT: String(!readOnly),
      AWS_REGION: "eu-west-3",
      AWS_API_MCP_PROFILE_NAME: "analyst",
      EXPERIMENTAL_AGENT_SCRIPTS: "true",
    }, async (c) => {
      const { tools } = await c.listTools();
      const by = Object.fromEntries(tools.map((t) => [t.name, t]));
      assertEquals(by.call_aws.annotations, {
        readOnlyHint: readOnly,
        destructiveHint: !readOnly,
        openWorldHint: true,
      });
      for (const name of ["suggest_aws_commands", "get_execution_plan"]) {
        const a = by[name].annotations!;
        assertEquals([a.readOnlyHint, a.destructiveHint, a.openWorldHint], [true, false, false], name);
      }
      ok(tools.every((t) => t.title), "every tool has a title");
      const text = c.getInstructions()!;
      ok(text.length <= 800, `${text.length} characters`);
      for (
        const fact of [
          "suggest_aws_commands",
          "--query",
          "max_results",
          "region eu-west-3",
          "profile analyst",
        ]
      ) {
        ok(text.includes(fact), `${fact}: ${text}`);
      }
      ok(text.includes(readOnly ? "read-only" : "writes need the user's consent"), text);
      ok(text.includes("get_execution_plan"), text);
    });
  }
  await withClient({ AWS_API_MCP_FILE_ACCESS: "no-access", AWS_REGION: "" }, async (c) => {
    const text = c.getInstructions()!;
    ok(text.includes("region us-east-1 (none configured)") && text.includes("local files: none"), text);
    ok(text.includes("writes allowed") && !text.includes("get_execution_plan"), text);
    const { tools } = await c.listTools();
    assertEquals(tools.map((t) => t.name).sort(), ["call_aws", "suggest_aws_commands"]);
    const visible = tools.reduce(
      (n, t) => n + t.name.length + (t.description?.length ?? 0) + JSON.stringify(t.inputSchema).length,
      0,
    );
    ok(visible < 1800, `model-visible tools/list: ${visible} characters`);
  });
});

Deno.test({
  name: "a 20,000-item listing is cut at an item, still parses, and paging stops once the cut is certain",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const rec = await startRecorder((r) => {
      if (r.headers["x-amz-target"] === "DynamoDB_20120810.ListTables") {
        const after =
          (JSON.parse(r.body || "{}") as { ExclusiveStartTableName?: string }).ExclusiveStartTableName;
        const start = after === undefined ? 0 : TABLES.indexOf(after) + 1;
        const names = TABLES.slice(start, start + PAGE);
        const last = start + PAGE < TABLES.length ? { LastEvaluatedTableName: names.at(-1) } : {};
        return {
          headers: { "content-type": "application/x-amz-json-1.0" },
          body: JSON.stringify({ TableNames: names, ...last }),
        };
      }
      return {
        headers: { "content-type": "text/xml" },
        body:
          "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/dev</Arn>" +
          "<UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account></GetCallerIdentityResult>" +
          "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>",
      };
    });
    const endpoints = { AWS_ENDPOINT_URL_DYNAMODB: rec.endpoint, AWS_ENDPOINT_URL_STS: rec.endpoint };
    try {
      await withClient(endpoints, async (c) => {
        const r = await c.callTool({
          name: "call_aws",
          arguments: { cli_command: "aws dynamodb list-tables" },
        });
        const text = (r.content as Array<{ text: string }>)[0].text;
        const [shown, note] = text.split("\nNote: ");
        ok(shown.length <= 100_000, `${shown.length} characters`);
        const parsed = JSON.parse(shown) as { TableNames: string[] };
        const k = parsed.TableNames.length;
        ok(k > 1000 && k < 20_000, String(k));
        assertEquals(parsed.TableNames, TABLES.slice(0, k));
        const result = (r.structuredContent as { results: Array<Record<string, unknown>> }).results[0];
        assertEquals(result.response, parsed);
        const fetched = Number(
          /showing \d+ of (\d+) items of TableNames fetched/.exec(result.notice as string)?.[1],
        );
        ok(fetched >= k && fetched < 20_000, `${result.notice}`);
        assertEquals(note, result.notice);
        // Paging stopped once the listed names alone passed the bound, far short of all 200 pages.
        const pages = rec.requests.filter((q) => q.headers["x-amz-target"]?.endsWith("ListTables")).length;
        assertEquals(pages, fetched / PAGE);
        ok(pages < 100, `${pages} of 200 pages fetched`);
        ok(!("NextToken" in parsed), "no resume token that would skip the cut items");
      });

      // A batch shares one budget: the small result whole, the two large ones half each of the rest.
      await withClient({ ...endpoints, AWS_API_MCP_MAX_OUTPUT_CHARS: "20000" }, async (c) => {
        const r = await c.callTool({
          name: "call_aws",
          arguments: {
            cli_command: [
              "aws dynamodb list-tables",
              "aws sts get-caller-identity",
              "aws dynamodb list-tables --query TableNames --output text",
            ],
          },
        });
        const results = (r.structuredContent as { results: Array<Record<string, unknown>> }).results;
        assertEquals(results.map((x) => x.status), ["success", "success", "success"]);
        const blocks = (r.content as Array<{ text: string }>)[0].text.split(/\n\n(?=\$ aws )/);
        const outputs = blocks.map((b) => b.split("\n").slice(1).join("\n").split("\nNote: ")[0]);
        assertEquals(JSON.parse(outputs[1]).Account, "123456789012");
        ok(!results[1].notice, "the small result is not cut");
        const share = Math.floor((20_000 - (outputs[1].length + 1)) / 2);
        for (const i of [0, 2]) {
          ok(outputs[i].length + 1 <= share, `result ${i}: ${outputs[i].length} over ${share}`);
          ok(outputs[i].length > share * 0.9, `result ${i}: ${outputs[i].length}, far under ${share}`);
          ok(/Output cut to fit AWS_API_MCP_MAX_OUTPUT_CHARS/.test(results[i].notice as string), String(i));
        }
        assertEquals(
          JSON.parse(outputs[0]).TableNames,
          TABLES.slice(0, JSON.parse(outputs[0]).TableNames.length),
        );
        ok(outputs[2].split("\t").every((name, i) => name.trim() === TABLES[i]), "text output cut at a name");
      });
    } finally {
      await rec.stop();
    }
  },
});

Deno.test({
  name: "each result carries its data once: text content is the CLI's, structured content the response",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const rec = await startRecorder((r) => ({
      status: r.headers["x-amz-target"]?.endsWith("ListTables") ? 200 : 400,
      headers: { "content-type": "application/x-amz-json-1.0" },
      body: r.headers["x-amz-target"]?.endsWith("ListTables")
        ? JSON.stringify({ TableNames: ["orders", "users"] })
        : JSON.stringify({
          __type: "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
          message: "gone",
        }),
    }));
    try {
      await withClient({ AWS_ENDPOINT_URL_DYNAMODB: rec.endpoint }, async (c) => {
        const r = await c.callTool({
          name: "call_aws",
          arguments: {
            cli_command: ["aws dynamodb list-tables", "aws dynamodb describe-table --table-name x"],
          },
        });
        const [ok1, err] = (r.structuredContent as { results: Array<Record<string, unknown>> }).results;
        assertEquals(Object.keys(ok1).sort(), ["command", "region", "response", "status"]);
        assertEquals(ok1.response, { TableNames: ["orders", "users"] });
        assertEquals(Object.keys(err).sort(), ["command", "error", "status"]);
        assertEquals(
          Object.keys(err.error as object).sort(),
          ["code", "hint", "message"].filter((k) => k in (err.error as object)),
        );
        ok(
          !JSON.stringify(r.structuredContent).includes('"text"'),
          "no copy of the CLI's text in structured content",
        );
        const text = (r.content as Array<{ text: string }>)[0].text;
        ok(text.includes('"TableNames": [\n        "orders",'), text);
      });
    } finally {
      await rec.stop();
    }
  },
});
