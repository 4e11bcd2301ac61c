/**
 * `--output text|table|yaml|yaml-stream` of a paginated command against the AWS CLI, both reading the same two pages
 * from a local endpoint: text goes page by page (the first with its non-aggregate part, a missing result key
 * printed as None), with --query applied to each page and the resume token last.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../../src/config.ts";
import { callAws } from "../../../src/exec/call.ts";
import { callDeps } from "../../../src/exec/environment.ts";
import { lex } from "../../../src/parse/lex.ts";
import { startRecorder } from "../../../scripts/local-servers.ts";
import { CLI, cliAvailable, referenceRequired } from "../../../scripts/wire-compare.ts";

const CREDS = { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret" };

function page(keys: string[], next?: string, prefixes: string[] = []): string {
  const contents = keys.map((k) =>
    `<Contents><Key>${k}</Key><LastModified>2026-01-02T03:04:05.000Z</LastModified><ETag>"${k}"</ETag>` +
    `<Size>${k.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`
  ).join("");
  const common = prefixes.map((p) => `<CommonPrefixes><Prefix>${p}</Prefix></CommonPrefixes>`).join("");
  return `<ListBucketResult><Name>b</Name><Prefix></Prefix><KeyCount>${keys.length}</KeyCount>` +
    `<MaxKeys>1000</MaxKeys><IsTruncated>${next ? "true" : "false"}</IsTruncated>` +
    `${
      next ? `<NextContinuationToken>${next}</NextContinuationToken>` : ""
    }${contents}${common}</ListBucketResult>`;
}

Deno.test({
  name: "paginated text, table, yaml and yaml-stream output print as the AWS CLI prints them",
  ignore: !cliAvailable && !referenceRequired,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const rec = await startRecorder((r) => ({
      headers: { "content-type": "application/xml" },
      body: new URLSearchParams(r.query).get("continuation-token") === "t2"
        ? page(["c.txt", "d.txt"], undefined, ["logs/"])
        : page(["a.txt", "b.txt"], "t2"),
    }));
    const work = mkdtempSync(join(tmpdir(), "text-pages-"));
    try {
      for (const [k, v] of Object.entries(CREDS)) Deno.env.set(k, v);
      const config = loadConfig({ HOME: work, AWS_API_MCP_WORKING_DIR: work, AWS_REGION: "us-east-1" });
      ok(config.ok);
      const deps = callDeps(config.config, { AWS_CONFIG_FILE: "/nonexistent" });
      const commands = [
        "aws s3api list-objects-v2 --bucket b --output text",
        "aws s3api list-objects-v2 --bucket b --output text --query Contents[].Key",
        "aws s3api list-objects-v2 --bucket b --output text --max-items 3",
        "aws s3api list-objects-v2 --bucket b --output text --max-items 1 --query Contents[].Key",
        "aws s3api list-objects-v2 --bucket b --output table",
        "aws s3api list-objects-v2 --bucket b --output yaml",
        "aws s3api list-objects-v2 --bucket b --output yaml --max-items 3",
        "aws s3api list-objects-v2 --bucket b --output yaml-stream",
        "aws s3api list-objects-v2 --bucket b --output yaml-stream --query Contents[].Key",
        "aws s3api list-objects-v2 --bucket b --output yaml-stream --max-items 3",
      ];
      for (const command of commands) {
        const full = `${command} --endpoint-url ${rec.endpoint}`;
        const [ours] = await callAws([full], deps);
        const cli = await new Deno.Command(CLI, {
          args: [...lex(full).slice(1), "--region", "us-east-1"],
          env: { ...CREDS, PATH: Deno.env.get("PATH") ?? "", HOME: work, AWS_CONFIG_FILE: "/nonexistent" },
          clearEnv: true,
        }).output();
        assertEquals(ours.text, new TextDecoder().decode(cli.stdout), command);
      }
      // The pages themselves: a first line of None (no CommonPrefixes on the first page), keys per page.
      const [byPage] = await callAws([`${commands[1]} --endpoint-url ${rec.endpoint}`], deps);
      assertEquals(byPage.text, "a.txt\tb.txt\nc.txt\td.txt\n");
    } finally {
      await rec.stop();
      rmSync(work, { recursive: true, force: true });
    }
  },
});
