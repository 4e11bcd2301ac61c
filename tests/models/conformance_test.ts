/**
 * The models resolve the AWS CLI's command names to the operations the real CLI called, for every
 * accepted API-command example of ../shared/conformance/awscli-examples.jsonl.
 */
import { ok } from "node:assert";
import { readFileSync } from "node:fs";
import { findOperation, loadService } from "../../src/models/registry.ts";

interface Example {
  command: string;
  status: string;
  operation?: string;
  doc_service: string;
  doc_operation: string;
}

const CORPUS = new URL("../../../shared/conformance/awscli-examples.jsonl", import.meta.url);

// An example documents an API command when the command name is the operation's name in other spelling;
// high-level commands (`s3 cp`, `emr create-cluster`) call operations named otherwise.
const isApiCommand = (e: Example) => e.doc_operation.replaceAll("-", "") === e.operation!.toLowerCase();

Deno.test("models resolve ≥ 99 % of the corpus's API commands to the CLI's operation", () => {
  const examples = readFileSync(CORPUS, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Example);
  const api = examples.filter((e) => e.status === "ok" && isApiCommand(e));
  const misses: string[] = [];
  for (const e of api) {
    // The service and command as typed: the first two words after `aws` that are not options or values.
    const words = e.command.split(/\s+/).slice(1);
    const [svc, cmd] = words.filter((w, i) => !w.startsWith("--") && !words[i - 1]?.startsWith("--"));
    const service = loadService(svc);
    const found = service && findOperation(service, cmd);
    if (found?.name !== e.operation) misses.push(`${svc} ${cmd} → ${found?.name} (CLI: ${e.operation})`);
  }
  const rate = (api.length - misses.length) / api.length;
  console.log(
    `API commands: ${api.length}, resolved: ${api.length - misses.length} (${(rate * 100).toFixed(2)} %)`,
  );
  for (const m of misses) console.log(`  miss: ${m}`);
  ok(api.length > 1500, `only ${api.length} API-command examples found`);
  ok(rate >= 0.99, `resolved ${(rate * 100).toFixed(2)} %`);
});
