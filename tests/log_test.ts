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
