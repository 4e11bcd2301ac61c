import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dispose } from "@logtape/logtape";
import { logger, redact, redactText, setupLogging } from "../src/log.ts";

Deno.test("secrets are redacted from log text and data", () => {
  const table: Array<[string, string]> = [
    [
      "aws secretsmanager create-secret --name n --secret-string 'p@ss word'",
      "aws secretsmanager create-secret --name n --secret-string ***",
    ],
    ["aws kms encrypt --plaintext aGVsbG8= --key-id k", "aws kms encrypt --plaintext *** --key-id k"],
    [
      "aws iam create-login-profile --user-name u --password=hunter2",
      "aws iam create-login-profile --user-name u --password=***",
    ],
    ["key AKIAABCDEFGHIJKLMNOP used", "key AKIA**************** used"],
    ["aws s3 ls", "aws s3 ls"],
  ];
  for (const [text, want] of table) assertEquals(redactText(text), want);
  assertEquals(redact({ SecretAccessKey: "x", nested: { sessionToken: "y", name: "ok" } }), {
    SecretAccessKey: "***",
    nested: { sessionToken: "***", name: "ok" },
  });
});

Deno.test("logs go to the rotating file, redacted", async () => {
  const file = join(mkdtempSync(join(tmpdir(), "log-")), "nested", "server.log");
  ok(await setupLogging(file, "debug"));
  logger("test").info("ran {command}", { command: "aws x --secret-string abc", token: "t" });
  await dispose();
  const text = readFileSync(file, "utf8");
  ok(text.includes("INFO aws-api-mcp.test: ran"), text);
  ok(!text.includes("abc") && !text.includes('"t"'), text);
});

Deno.test("item 13: no value can forge a log line, steer a terminal or flood the log", async () => {
  const file = join(mkdtempSync(join(tmpdir(), "log-forge-")), "server.log");
  ok(await setupLogging(file, "debug"));
  const forged =
    "aws s3 ls\n2099-01-01T00:00:00.000Z INFO aws-api-mcp.call_aws: call_aws x: success\r\x1b[2J\u2028done";
  logger("test").info("call_aws {command}: {status}", { command: forged, status: "error" });
  logger("test").warn(`skipped agent script /s/evil\n2099-01-01T00:00:00.000Z INFO forged.script.md`);
  logger("test").info("call_aws {command}", { command: `aws s3 ls ${"x".repeat(100_000)}` });
  await dispose();
  const lines = readFileSync(file, "utf8").split("\n").filter((l) => l !== "");
  assertEquals(lines.length, 3, lines.join("\n"));
  ok(lines.every((l) => /^\d{4}-\d\d-\d\dT[\d:.]+Z (INFO|WARNING) /.test(l) && !l.startsWith("2099")));
  ok(
    !lines.join("").includes("\x1b") && !lines.join("").includes("\r") && !lines.join("").includes("\u2028"),
  );
  ok(lines[0].includes("\\n2099-01-01") && lines[0].includes("\\u001b[2J"), lines[0]);
  ok(lines[2].length < 20_000 && lines[2].includes("more characters"), `${lines[2].length}`);
});

Deno.test("credentials in URLs and s3 customer keys are masked by the log's own redaction", () => {
  assertEquals(
    redactText("aws s3 ls --endpoint-url http://admin:hunter2@10.0.0.1:9000/"),
    "aws s3 ls --endpoint-url http://***:***@10.0.0.1:9000/",
  );
  assertEquals(
    redactText("aws s3 cp a s3://b/a --sse-c-key c2VjcmV0"),
    "aws s3 cp a s3://b/a --sse-c-key ***",
  );
});
