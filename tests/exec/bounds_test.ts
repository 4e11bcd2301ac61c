/**
 * Items 5 and 6 of the reliability probe: what one response may hold is capped, a --query that can only
 * explode is refused, and paging without max_results stops at its bounds and says so.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config.ts";
import { callAws } from "../../src/exec/call.ts";
import { callDeps } from "../../src/exec/environment.ts";
import { parseCommand } from "../../src/parse/command.ts";
import { diskFiles } from "../../src/parse/files.ts";
import { startRecorder } from "../../scripts/local-servers.ts";

Deno.env.set("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
Deno.env.set("AWS_SECRET_ACCESS_KEY", "secret");

function deps(env: Record<string, string> = {}) {
  const cfg = loadConfig({
    HOME: Deno.env.get("HOME"),
    AWS_API_MCP_WORKING_DIR: mkdtempSync(join(tmpdir(), "bounds-")),
    AWS_REGION: "us-east-1",
    ...env,
  });
  if (!cfg.ok) throw new Error(cfg.error.message);
  return callDeps(cfg.config, {});
}

const json = { "content-type": "application/x-amz-json-1.0" };
const tables = (n: number) =>
  JSON.stringify({ TableNames: Array.from({ length: n }, (_, i) => `table-${i}`) });

Deno.test({
  name: "item 5: a response over AWS_API_MCP_MAX_RESPONSE_BYTES is refused, with or without Content-Length",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const big = tables(200_000); // ~2.6 MB
    const sized = await startRecorder(() => ({ headers: json, body: big }));
    // Chunked: no Content-Length, so the bytes are counted as they arrive.
    const chunked = createServer((_req, res) => {
      res.writeHead(200, json);
      for (let i = 0; i < big.length; i += 65536) res.write(big.slice(i, i + 65536));
      res.end();
    });
    await new Promise<void>((r) => chunked.listen(0, "127.0.0.1", () => r()));
    const port = (chunked.address() as { port: number }).port;
    try {
      const d = deps({ AWS_API_MCP_MAX_RESPONSE_BYTES: "1000000" });
      const results = await callAws([
        `aws dynamodb list-tables --no-paginate --endpoint-url ${sized.endpoint}`,
        `aws dynamodb list-tables --no-paginate --endpoint-url http://127.0.0.1:${port}`,
      ], d);
      assertEquals(results.map((r) => r.error?.code), ["RESPONSE_TOO_LARGE", "RESPONSE_TOO_LARGE"]);
      ok(results[0].error!.hint!.includes("AWS_API_MCP_MAX_RESPONSE_BYTES"));
      // A payload written to a local file is not capped: it is the download the user asked for.
      const blob = await startRecorder(() => ({
        headers: { "content-type": "application/octet-stream" },
        body: big,
      }));
      try {
        const [got] = await callAws([
          `aws s3api get-object --bucket b --key k out.bin --endpoint-url ${blob.endpoint}`,
        ], d);
        assertEquals(got.status, "success", JSON.stringify(got.error));
      } finally {
        await blob.stop();
      }
      // Under the default cap the same answer is served (whole, with the output bound lifted).
      const [ok1] = await callAws(
        [`aws dynamodb list-tables --no-paginate --endpoint-url ${sized.endpoint}`],
        deps({ AWS_API_MCP_MAX_OUTPUT_CHARS: "10000000" }),
      );
      assertEquals((ok1.response as { TableNames: string[] }).TableNames.length, 200_000);
    } finally {
      await sized.stop();
      await new Promise((r) => chunked.close(r));
    }
  },
});

Deno.test({
  name: "item 6: paging without max_results stops at its bounds, says so, and gives a token to go on",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    let page = 0;
    // A service that answers a new token on every page, forever.
    const endless = await startRecorder(() => {
      page++;
      return {
        headers: json,
        body: JSON.stringify({ TableNames: [`t${page}`], LastEvaluatedTableName: `t${page}` }),
      };
    });
    try {
      const [r] = await callAws(
        [`aws dynamodb list-tables --endpoint-url ${endless.endpoint}`],
        deps({ AWS_API_MCP_MAX_PAGES: "5" }),
      );
      assertEquals(r.status, "success");
      assertEquals(endless.requests.length, 5);
      const out = r.response as { TableNames: string[]; NextToken?: string };
      assertEquals(out.TableNames, ["t1", "t2", "t3", "t4", "t5"]);
      ok(
        out.NextToken && r.notice?.includes("AWS_API_MCP_MAX_PAGES") && r.notice.includes("--starting-token"),
      );
      const [items] = await callAws(
        [`aws dynamodb list-tables --endpoint-url ${endless.endpoint}`],
        deps({ AWS_API_MCP_MAX_ITEMS: "3" }),
      );
      assertEquals((items.response as { TableNames: string[] }).TableNames.length, 3);
      ok(items.notice?.includes("AWS_API_MCP_MAX_ITEMS"));
    } finally {
      await endless.stop();
    }
  },
});

Deno.test({
  name: "pages of hundreds of thousands of items merge (no argument-spreading limits)",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    let n = 0;
    const rec = await startRecorder(() => {
      n++;
      const names = Array.from({ length: 150_000 }, (_, i) => `p${n}-${i}`);
      return {
        headers: json,
        body: JSON.stringify({ TableNames: names, ...(n === 1 ? { LastEvaluatedTableName: "x" } : {}) }),
      };
    });
    try {
      const [r] = await callAws(
        [`aws dynamodb list-tables --query 'length(TableNames)' --endpoint-url ${rec.endpoint}`],
        deps({ AWS_API_MCP_MAX_ITEMS: "1000000" }),
      );
      assertEquals(r.response, 300_000, JSON.stringify(r.error));
      assertEquals(r.notice, undefined);
    } finally {
      await rec.stop();
    }
  },
});

Deno.test({
  name: "item 6: a --query that can only explode is refused before sending, or before evaluating",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    // The probe's 447-character query: 2^27 copies of the input.
    let attack = "[@,@]";
    for (let i = 0; i < 26; i++) attack += " | [*].[@,@]";
    attack += " | []";
    const files = diskFiles(tmpdir());
    const r = parseCommand(`aws s3api list-buckets --query '${attack}'`, { files });
    ok(!r.ok && r.error.code === "QUERY_TOO_COSTLY", JSON.stringify(r));
    // Allowed at parse time (fan-out 4096), refused for a large input (4096 × 10,000 values).
    let doubling = "TableNames";
    for (let i = 0; i < 12; i++) doubling += " | [*].[@,@]";
    const rec = await startRecorder(() => ({ headers: json, body: tables(10_000) }));
    try {
      const started = performance.now();
      const [big] = await callAws([
        `aws dynamodb list-tables --query '${doubling}' --endpoint-url ${rec.endpoint}`,
      ], deps());
      assertEquals(big.error?.code, "QUERY_TOO_COSTLY");
      ok(performance.now() - started < 5000);
      // Ordinary queries are untouched.
      const [fine] = await callAws(
        [`aws dynamodb list-tables --query 'TableNames[:2].{name: @, again: @}' --endpoint-url ${rec.endpoint}`],
        deps(),
      );
      assertEquals(fine.response, [{ name: "table-0", again: "table-0" }, {
        name: "table-1",
        again: "table-1",
      }]);
    } finally {
      await rec.stop();
    }
  },
});

Deno.test("item 5: a 4 MiB command of millions of words is refused early, and error texts stay small", () => {
  const files = diskFiles(tmpdir());
  const huge = parseCommand(`aws s3api list-buckets ${Array(2_000_000).fill("x").join(" ")}`, { files });
  ok(
    !huge.ok && huge.error.code === "INPUT_TOO_LARGE" && huge.error.message.length < 200,
    JSON.stringify(huge),
  );
  const many = parseCommand(`aws s3api list-buckets ${Array(50_000).fill("--nope").join(" ")}`, { files });
  ok(!many.ok && many.error.code === "UNKNOWN_OPTION", JSON.stringify(many).slice(0, 200));
  ok(!many.ok && many.error.message.length < 1000 && many.error.message.includes("and 49980 more"));
});
