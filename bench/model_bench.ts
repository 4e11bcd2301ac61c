/**
 * The model-driven path against the SDK clients' own commands, per call, in each protocol: the same command
 * through call_aws (in process) against a local endpoint, once as the clients send it and once made from the
 * model and sent through the client (AWS_API_MCP_MODEL_DRIVEN=all) — the README's decision rests on these.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config.ts";
import { callAws } from "../src/exec/call.ts";
import { callDeps } from "../src/exec/environment.ts";
import { startRecorder } from "../scripts/local-servers.ts";
import { median } from "./stats.ts";

const rec = await startRecorder((r) => {
  const action = new URLSearchParams(r.body).get("Action");
  if (action) {
    return {
      headers: { "content-type": "text/xml" },
      body:
        `<${action}Response><${action}Result><Users><member><UserName>ana</UserName><UserId>AIDA1</UserId>` +
        "<Arn>arn:aws:iam::123456789012:user/ana</Arn><Path>/</Path><CreateDate>2024-01-02T03:04:05Z</CreateDate>" +
        `</member></Users><IsTruncated>false</IsTruncated></${action}Result></${action}Response>`,
    };
  }
  if (r.headers["x-amz-target"]) {
    return { headers: { "content-type": r.headers["content-type"] }, body: '{"TableNames":["a","b"]}' };
  }
  if (r.path.startsWith("/bench-bucket")) {
    return {
      headers: { "content-type": "application/xml" },
      body:
        "<ListBucketResult><Name>bench-bucket</Name><KeyCount>1</KeyCount><IsTruncated>false</IsTruncated>" +
        "<Contents><Key>a.txt</Key><Size>3</Size><LastModified>2024-01-02T03:04:05.000Z</LastModified>" +
        "</Contents></ListBucketResult>",
    };
  }
  return { headers: { "content-type": "application/json" }, body: '{"Functions":[{"FunctionName":"f"}]}' };
});
const work = mkdtempSync(join(tmpdir(), "model-bench-"));
Deno.env.set("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
Deno.env.set("AWS_SECRET_ACCESS_KEY", "secret");

/** Median ms of one call_aws of `command`, in a mode, after a first call that loads what it needs. */
async function perCall(command: string, mode: "missing" | "all", runs = 60): Promise<number> {
  const config = loadConfig({
    HOME: work,
    AWS_API_MCP_WORKING_DIR: work,
    AWS_REGION: "us-east-1",
    AWS_API_MCP_MODEL_DRIVEN: mode,
  });
  if (!config.ok) throw new Error(config.error.message);
  const deps = callDeps(config.config, { AWS_CONFIG_FILE: "/nonexistent" });
  const line = `${command} --endpoint-url ${rec.endpoint}`;
  const [first] = await callAws([line], deps);
  if (first.status !== "success") throw new Error(`${command}: ${JSON.stringify(first.error)}`);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await callAws([line], deps);
    times.push(performance.now() - t0);
  }
  return median(times);
}

try {
  for (
    const [protocol, command] of [
      ["json", "aws dynamodb list-tables"],
      ["query", "aws iam list-users"],
      ["rest-xml", "aws s3api list-objects-v2 --bucket bench-bucket"],
      ["rest-json", "aws lambda list-functions"],
    ]
  ) {
    const sdk = await perCall(command, "missing");
    const model = await perCall(command, "all");
    console.log(
      `model_driven_${protocol}_per_call: ${model.toFixed(2)} ms (SDK command ${sdk.toFixed(2)} ms)`,
    );
    console.log(`model_driven_${protocol}_ratio_vs_sdk: ${(model / sdk).toFixed(2)} x`);
  }
  // A service with no client: made from the model and sent on its own (model-call.ts).
  const standalone = await perCall("aws freetier get-free-tier-usage", "missing");
  console.log(`model_driven_standalone_json_per_call: ${standalone.toFixed(2)} ms`);
} finally {
  await rec.stop();
  rmSync(work, { recursive: true, force: true });
}
