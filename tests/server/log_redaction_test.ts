/**
 * Item 5 of the adversarial review, end to end through the real server: the log never holds a value the
 * model marks sensitive, wherever it came from (a flag, shorthand, --cli-input-json/yaml), nor
 * credentials in a URL; and a command cannot forge a log line.
 */
import { ok } from "node:assert";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client";
// @ts-types="@modelcontextprotocol/sdk/client/stdio"
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { MAIN, RUN_FLAGS } from "../helpers.ts";
import { LOCAL_CREDENTIALS, startRecorder } from "../../scripts/local-servers.ts";

Deno.test({
  name: "item 5: sensitive values never reach the log, and no command forges a log line",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const rec = await startRecorder(() => ({
      headers: { "content-type": "application/x-amz-json-1.1" },
      body: "{}",
    }));
    const dir = mkdtempSync(join(tmpdir(), "log-redaction-"));
    const logFile = join(dir, "logs", "server.log");
    const transport = new StdioClientTransport({
      command: Deno.execPath(),
      args: ["run", ...RUN_FLAGS, MAIN],
      env: {
        ...Deno.env.toObject(),
        ...LOCAL_CREDENTIALS,
        AWS_API_MCP_WORKING_DIR: join(dir, "work"),
        AWS_API_MCP_LOG_FILE: logFile,
      },
    });
    const client = new Client({ name: "test", version: "1.0.0" });
    const E = `--endpoint-url ${rec.endpoint}`;
    const commands = [
      `aws ssm put-parameter --name p --value SECRETVALUE01 --type SecureString ${E}`,
      `aws apigateway create-api-key --name k --value SECRETVALUE02 ${E}`,
      `aws lambda update-function-configuration --function-name f --environment 'Variables={DB_PASS=SECRETVALUE03}' ${E}`,
      `aws ssm put-parameter --cli-input-json '{"Name":"p","Value":"SECRETVALUE04","Type":"SecureString"}' ${E}`,
      `aws ssm put-parameter --cli-input-yaml '{Name: p, Value: SECRETVALUE05, Type: SecureString}' ${E}`,
      `aws glue create-connection --connection-input 'Name=c,ConnectionType=JDBC,ConnectionProperties={PASSWORD=SECRETVALUE06}' ${E}`,
      "aws s3 ls --endpoint-url http://admin:SECRETVALUE07@127.0.0.1:1",
      "aws sts get-caller-identity --region us-east-1\n2099-01-01T00:00:00.000Z INFO aws-api-mcp.call_aws: forged\x1b[2J",
    ];
    try {
      await client.connect(transport);
      await client.callTool({ name: "call_aws", arguments: { cli_command: commands } });
    } finally {
      await client.close();
      await rec.stop();
    }
    let text = "";
    for (let i = 0; i < 50 && !text.includes("SECRETVALUE0") && text.split("call_aws").length < 9; i++) {
      await new Promise((r) => setTimeout(r, 50));
      text = readFileSync(logFile, "utf8");
    }
    ok(text.split("\n").filter((l) => l.includes("call_aws aws ")).length === commands.length, text);
    ok(!/SECRETVALUE0\d/.test(text), text);
    ok(text.split("\n").every((l) => l === "" || /^\d{4}-\d\d-\d\dT/.test(l) && !l.startsWith("2099")), text);
    ok(!text.includes("\x1b"), "no terminal escapes in the log");
    ok(text.includes("p") && text.includes("DB_PASS"), "the rest of each command is kept");
  },
});
