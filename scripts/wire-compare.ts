/**
 * Differential wire checks against the AWS CLI v2 (Debian's awscli reading today's models through the
 * awscli-judge cache): run a command through the CLI and through call_aws against one local recording
 * endpoint, and normalize the requests each sent so that only meaningful differences remain. Used by
 * tests/exec/wire_test.ts (canned cases) and scripts/wire-sweep.ts (generated commands).
 */
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { callAws, type CommandResult } from "../src/exec/call.ts";
import { callDeps } from "../src/exec/environment.ts";
import { loadConfig } from "../src/config.ts";
import { lex } from "../src/parse/lex.ts";
import type { RecordedRequest } from "./local-servers.ts";

/** Debian's AWS CLI v2, the reference. */
export const CLI = "/usr/bin/aws";
/** Whether the reference CLI is installed. */
export const cliAvailable = existsSync(CLI) &&
  existsSync("/usr/lib/python3/dist-packages/awscli/clidriver.py");
/**
 * Whether the differential tests must run: `.ci/run` installs the reference and sets this, so a missing
 * CLI fails there; elsewhere (a laptop, the macOS and Windows runners) they are skipped without it.
 */
export const referenceRequired = Deno.env.get("AWS_CLI_REFERENCE") === "required";

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
// Headers that differ by design: signing, dates, agents, transport details, integrity checksums (the CLI
// sends Content-MD5 where the SDK sends x-amz-checksum-*), and the SDK's query-compatibility flag.
const SKIP_HEADERS =
  /^(authorization|x-amz-date|x-amz-security-token|x-amz-content-sha256|user-agent|x-amz-user-agent|amz-sdk-.*|host|content-length|connection|accept-encoding|expect|transfer-encoding|accept|content-md5|x-amzn-query-mode)$/;
const CREDS = { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret" };

/** The awscli-judge's data folder (today's botocore models for the CLI v2), made on first use. */
async function judgeCache(): Promise<string> {
  const judge = fileURLToPath(new URL("../../shared/tools/awscli-judge", import.meta.url));
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
  if (type.includes("json")) {
    try {
      return JSON.parse(body);
    } catch {
      return body;
    }
  }
  if (body.trimStart().startsWith("<")) {
    return body.replace(/<\?xml[^>]*\?>/, "").replace(/>\s+</g, "><").trim();
  }
  return body;
}

/** A request with what differs by design taken out; `cli` is the CLI's request at the same position. */
export function normalizeRequest(req: RecordedRequest, cli?: RecordedRequest) {
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

/** What one command did through the CLI and through call_aws. */
export interface Comparison {
  cli: { code: number; stdout: string; stderr: string; requests: ReturnType<typeof normalizeRequest>[] };
  ours: { result: CommandResult; requests: ReturnType<typeof normalizeRequest>[] };
}

/** Runs commands through both against `endpoint`, whose recorded requests are in `requests`. */
export async function makeComparer(endpoint: string, requests: RecordedRequest[]) {
  const dataPath = await judgeCache();
  const work = mkdtempSync(join(tmpdir(), "wire-"));
  for (const [k, v] of Object.entries(CREDS)) Deno.env.set(k, v);
  const config = loadConfig({
    HOME: Deno.env.get("HOME"),
    AWS_API_MCP_WORKING_DIR: work,
    AWS_REGION: "us-east-1",
    AWS_API_MCP_TELEMETRY: "false",
    // `all` compares the model-driven path on every operation (the README's measurement).
    AWS_API_MCP_MODEL_DRIVEN: Deno.env.get("AWS_API_MCP_MODEL_DRIVEN"),
  });
  if (!config.ok) throw new Error(config.error.message);
  const deps = callDeps(config.config, { AWS_CONFIG_FILE: "/nonexistent" });
  return async (command: string): Promise<Comparison> => {
    requests.length = 0;
    const cli = await new Deno.Command(CLI, {
      args: [...lex(command).slice(1), "--endpoint-url", endpoint, "--region", "us-east-1"],
      cwd: work,
      env: {
        ...CREDS,
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
    const cliRequests = requests.splice(0);
    const [result] = await callAws([`${command} --endpoint-url ${endpoint} --region us-east-1`], deps);
    const ourRequests = requests.splice(0);
    return {
      cli: {
        code: cli.code,
        stdout: new TextDecoder().decode(cli.stdout),
        stderr: new TextDecoder().decode(cli.stderr).trim(),
        requests: cliRequests.map((r) => normalizeRequest(r)),
      },
      ours: { result, requests: ourRequests.map((r, i) => normalizeRequest(r, cliRequests[i])) },
    };
  };
}
