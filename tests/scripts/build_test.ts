/**
 * The release build is self-contained: `deno task build` makes `dist/`, which is copied to an empty folder
 * (no node_modules, no deno.json, an empty DENO_DIR, HOME and working directory elsewhere) and run with
 * exactly the release binary's flags — and no read of the checkout allowed. MCP initialize → tools/list →
 * call_aws against s3rver → suggest_aws_commands, then --version, parse and policy explain. A missing chunk,
 * a read of the checkout, or a permission the sandbox lacks fails here.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client";
// @ts-types="@modelcontextprotocol/sdk/client/stdio"
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { RUN_FLAGS } from "../../scripts/run-flags.ts";
import { startS3 } from "../../scripts/local-servers.ts";
import { VERSION } from "../../src/version.ts";

const checkout = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");

Deno.test({
  name: "dist/ runs from an empty folder with the release flags, reading nothing of the checkout",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const build = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-read", "--allow-write", "--allow-run", "--allow-env", "scripts/build.ts"],
      cwd: checkout,
      stdout: "piped",
      stderr: "piped",
    }).output();
    ok(build.success, new TextDecoder().decode(build.stderr));
    console.log(new TextDecoder().decode(build.stdout).trim());
    const place = mkdtempSync(join(tmpdir(), "self-contained-"));
    const app = join(place, "app");
    cpSync(join(checkout, "dist"), app, { recursive: true });
    for (const d of ["home", "deno-dir", "cwd"]) mkdirSync(join(place, d));
    const env = {
      HOME: join(place, "home"),
      DENO_DIR: join(place, "deno-dir"),
      PATH: Deno.env.get("PATH") ?? "",
      AWS_ACCESS_KEY_ID: "S3RVER",
      AWS_SECRET_ACCESS_KEY: "S3RVER",
      AWS_REGION: "us-east-1",
    };
    const args = ["run", ...RUN_FLAGS, `--deny-read=${checkout}`, join(app, "src", "main.js")];
    const run = async (extra: string[]) => {
      const out = await new Deno.Command(Deno.execPath(), {
        args: [...args, ...extra],
        env,
        clearEnv: true,
        cwd: join(place, "cwd"),
      }).output();
      return {
        code: out.code,
        stdout: new TextDecoder().decode(out.stdout),
        stderr: new TextDecoder().decode(out.stderr),
      };
    };
    assertEquals((await run(["--version"])).stdout.trim(), VERSION);
    const parsed = JSON.parse((await run(["parse", "aws ec2 describe-instances --instance-ids i-1"])).stdout);
    assertEquals([parsed.ok, parsed.operation], [true, "DescribeInstances"]);
    const explained = JSON.parse(
      (await run(["policy", "explain", "aws deploy install --config-file c", "--json"])).stdout,
    );
    assertEquals(explained.decision, "deny");

    const s3 = await startS3();
    const transport = new StdioClientTransport({
      command: Deno.execPath(),
      args,
      env,
      cwd: join(place, "cwd"),
      stderr: "pipe",
    });
    const client = new Client({ name: "build-test", version: "1.0.0" });
    try {
      await client.connect(transport);
      const tools = await client.listTools();
      assertEquals(tools.tools.map((t) => t.name).sort(), ["call_aws", "suggest_aws_commands"]);
      const E = `--endpoint-url ${s3.endpoint}`;
      const made = await client.callTool({
        name: "call_aws",
        arguments: { cli_command: `aws s3 mb s3://from-dist ${E}` },
      });
      const text = (made.content as Array<{ text: string }>)[0].text;
      assertEquals(text, "make_bucket: from-dist");
      const listed = await client.callTool({
        name: "call_aws",
        arguments: { cli_command: `aws s3api list-buckets --query 'Buckets[].Name' ${E}` },
      });
      assertEquals(
        (listed.structuredContent as { results: Array<{ response: unknown }> }).results[0].response,
        [
          "from-dist",
        ],
      );
      const suggested = await client.callTool({
        name: "suggest_aws_commands",
        arguments: { query: "list the objects in a bucket" },
      });
      ok(
        JSON.stringify(suggested.structuredContent).includes("list-objects"),
        JSON.stringify(suggested).slice(0, 300),
      );
    } finally {
      await client.close();
      await s3.stop();
      // The copy of dist/ and its Deno cache are ~100 MB: not left behind.
      rmSync(place, { recursive: true, force: true });
    }
  },
});
