import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client";
// @ts-types="@modelcontextprotocol/sdk/client/stdio"
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { MAIN, RUN_FLAGS } from "../helpers.ts";

async function session(env: Record<string, string>, fn: (c: Client) => Promise<void>) {
  const transport = new StdioClientTransport({
    command: Deno.execPath(),
    args: ["run", ...RUN_FLAGS, MAIN],
    env: { ...Deno.env.toObject(), ...env },
  });
  const client = new Client({ name: "test", version: "1.0.0" });
  await client.connect(transport);
  try {
    await fn(client);
  } finally {
    await client.close();
  }
}

Deno.test("get_execution_plan appears only with EXPERIMENTAL_AGENT_SCRIPTS and serves bundled and user scripts", async () => {
  await session({ EXPERIMENTAL_AGENT_SCRIPTS: "false" }, async (c) => {
    assertEquals((await c.listTools()).tools.map((t) => t.name).sort(), ["call_aws", "suggest_aws_commands"]);
  });
  const dir = mkdtempSync(join(tmpdir(), "user-scripts-"));
  const log = join(dir, "server.log");
  writeFileSync(
    join(dir, "my-check.script.md"),
    "---\ndescription: My team's check\n---\n```bash\naws sts get-caller-identity\n```\n",
  );
  writeFileSync(join(dir, "broken.script.md"), "no front matter");
  await session({
    EXPERIMENTAL_AGENT_SCRIPTS: "true",
    AWS_API_MCP_AGENT_SCRIPTS_DIR: dir,
    AWS_API_MCP_LOG_FILE: log,
  }, async (c) => {
    const tool = (await c.listTools()).tools.find((t) => t.name === "get_execution_plan")!;
    ok(
      tool.description?.includes("troubleshoot-ec2-unreachable:") &&
        tool.description.includes("my-check: My team's check"),
    );
    const r = await c.callTool({
      name: "get_execution_plan",
      arguments: { script_name: "audit-s3-public-access" },
    });
    const plan = (r.structuredContent as { plan: string }).plan;
    ok(plan.includes("aws s3control get-public-access-block"), plan);
    const bad = await c.callTool({ name: "get_execution_plan", arguments: { script_name: "nope" } });
    assertEquals(bad.isError, true);
  });
  ok(
    readFileSync(log, "utf8").includes("skipped agent script") &&
      readFileSync(log, "utf8").includes("broken.script.md"),
  );
});
