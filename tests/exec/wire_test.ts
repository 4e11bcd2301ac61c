/**
 * Differential tests against the AWS CLI v2 (Debian's awscli, reading today's models through the
 * awscli-judge cache): both send each command to a local recording endpoint, which answers with canned
 * responses. The requests must agree (method, path, query, body, X-Amz-Target, bound headers; signature,
 * date and user-agent aside) and so must the output, character for character.
 */
import { deepStrictEqual as assertEquals } from "node:assert";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { callAws } from "../../src/exec/call.ts";
import { callDeps } from "../../src/exec/environment.ts";
import { loadConfig } from "../../src/config.ts";
import { lex } from "../../src/parse/lex.ts";
import { type RecordedRequest, startRecorder } from "../../scripts/local-servers.ts";
import { WIRE_CASES } from "./wire_cases.ts";

const CLI = "/usr/bin/aws";
const available = existsSync(CLI) && existsSync("/usr/lib/python3/dist-packages/awscli/clidriver.py");
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
// Headers that differ by design: signing, dates, agents, transport details, integrity checksums (the CLI
// sends Content-MD5 where the SDK sends x-amz-checksum-*), and the SDK's query-compatibility flag.
const SKIP_HEADERS =
  /^(authorization|x-amz-date|x-amz-security-token|x-amz-content-sha256|user-agent|x-amz-user-agent|amz-sdk-.*|host|content-length|connection|accept-encoding|expect|transfer-encoding|accept|content-md5|x-amzn-query-mode)$/;

async function judgeCache(): Promise<string> {
  const judge = fileURLToPath(new URL("../../../shared/tools/awscli-judge", import.meta.url));
  await new Deno.Command(judge, { args: ["aws sts help"], stdout: "null", stderr: "null" }).output();
  const dir = join(homedir(), ".cache", "awscli-judge");
  return join(dir, readdirSync(dir).filter((d) => d.startsWith("botocore-")).sort().at(-1)!);
}

function normalizeBody(req: RecordedRequest): unknown {
  const type = req.headers["content-type"] ?? "";
  const body = req.body.replace(UUID, "<uuid>");
  if (!body) return "";
  if (type.includes("x-www-form-urlencoded")) {
    return [...new URLSearchParams(body)].map(([k, v]) => `${k}=${v}`).sort();
  }
  if (type.includes("json")) return JSON.parse(body);
  if (body.trimStart().startsWith("<")) {
    return body.replace(/<\?xml[^>]*\?>/, "").replace(/>\s+</g, "><").trim();
  }
  return body;
}

function normalize(req: RecordedRequest, cli?: RecordedRequest) {
  const headers = Object.fromEntries(
    Object.entries(req.headers).filter(([k]) =>
      !SKIP_HEADERS.test(k) && !k.startsWith("x-amz-checksum") && !k.startsWith("x-amz-sdk-")
    )
      .map(([k, v]) => [k, k === "content-type" ? v.replace(/;\s*charset=utf-8/i, "").toLowerCase() : v]),
  );
  // A body's media type counts where the CLI names one (the SDK also labels raw blobs octet-stream).
  if (cli && !cli.headers["content-type"]) delete headers["content-type"];
  return {
    method: req.method,
    // S3 path-style bucket requests: "/b" and "/b/" name the same resource.
    path: decodeURIComponent(req.path).replace(/^(\/[^/]+)\/$/, "$1"),
    // x-id is the SDK's no-op operation marker on S3 URLs.
    query: [...new URLSearchParams(req.query)].filter(([k]) => k !== "x-id").map(([k, v]) => `${k}=${v}`)
      .sort(),
    headers,
    body: normalizeBody(req),
  };
}

Deno.test({
  name: `requests and outputs equal the AWS CLI's for ${WIRE_CASES.length} commands across every protocol`,
  ignore: !available && !Deno.env.get("CI"),
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const dataPath = await judgeCache();
    let current = WIRE_CASES[0];
    const rec = await startRecorder((r) => current.respond(r));
    const work = mkdtempSync(join(tmpdir(), "wire-"));
    const creds = { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret" };
    for (const [k, v] of Object.entries(creds)) Deno.env.set(k, v);
    const config = loadConfig({
      HOME: Deno.env.get("HOME"),
      AWS_API_MCP_WORKING_DIR: work,
      AWS_REGION: "us-east-1",
      AWS_API_MCP_TELEMETRY: "false",
    });
    if (!config.ok) throw new Error(config.error.message);
    const deps = callDeps(config.config, { AWS_CONFIG_FILE: "/nonexistent" });
    const problems: string[] = [];
    try {
      for (const c of WIRE_CASES) {
        current = c;
        const suffix = ` --endpoint-url ${rec.endpoint} --region us-east-1`;
        rec.requests.length = 0;
        const cli = await new Deno.Command(CLI, {
          args: [...lex(c.command).slice(1), "--endpoint-url", rec.endpoint, "--region", "us-east-1"],
          cwd: work,
          env: {
            ...creds,
            PATH: Deno.env.get("PATH") ?? "",
            HOME: work,
            AWS_DATA_PATH: dataPath,
            AWS_CONFIG_FILE: "/nonexistent",
            AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
            AWS_PAGER: "",
            AWS_EC2_METADATA_DISABLED: "true",
          },
          clearEnv: true,
        }).output();
        const cliRequests = rec.requests.splice(0);
        const theirs = cliRequests.map((r) => normalize(r));
        const cliOut = new TextDecoder().decode(cli.stdout);
        const cliErr = new TextDecoder().decode(cli.stderr).trim();
        const [ours] = await callAws([c.command + suffix], deps);
        const mine = rec.requests.splice(0).map((r, i) => normalize(r, cliRequests[i]));
        try {
          assertEquals(mine, theirs);
        } catch {
          problems.push(
            `${c.command}\n  request CLI ${JSON.stringify(theirs)}\n  request we  ${JSON.stringify(mine)}`,
          );
        }
        if (cli.code === 0) {
          if (ours.status !== "success" || (ours.text ?? "") !== cliOut) {
            problems.push(
              `${c.command}\n  output CLI ${JSON.stringify(cliOut)}\n  output we  ${
                JSON.stringify(ours.text ?? ours.error)
              }`,
            );
          }
        } else if (ours.status !== "error" || !cliErr.endsWith(ours.error!.message)) {
          problems.push(
            `${c.command}\n  error CLI ${JSON.stringify(cliErr)}\n  error we  ${
              JSON.stringify(ours.error ?? ours.text)
            }`,
          );
        }
      }
    } finally {
      await rec.stop();
    }
    console.log(`${WIRE_CASES.length} commands, ${problems.length} differences`);
    for (const p of problems) console.log(p);
    assertEquals(problems, []);
  },
});
