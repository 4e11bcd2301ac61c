/**
 * Credentials resolve as the AWS CLI resolves them — environment, --profile and AWS_API_MCP_PROFILE_NAME
 * from the shared files, SSO (cached token), credential_process, container and instance metadata — checked on the access key
 * that signs the request the real program (in its sandbox) sends to a local recording endpoint.
 */
import { deepStrictEqual } from "node:assert";
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startRecorder } from "../../scripts/local-servers.ts";
import { MAIN, RUN_FLAGS } from "../helpers.ts";

const EXPIRES = new Date(Date.now() + 3600_000).toISOString();

Deno.test("credentials: environment, profiles, SSO, credential_process, container and instance metadata", async () => {
  const rec = await startRecorder((r) => {
    if (r.path === "/creds") {
      return {
        body: JSON.stringify({
          AccessKeyId: "AKIACONTAINER",
          SecretAccessKey: "s",
          Token: "t",
          Expiration: EXPIRES,
        }),
      };
    }
    if (r.path === "/latest/api/token") {
      return { headers: { "content-type": "text/plain" }, body: "imds-token" };
    }
    if (r.path === "/latest/meta-data/iam/security-credentials/") {
      return { headers: { "content-type": "text/plain" }, body: "the-role" };
    }
    if (r.path === "/latest/meta-data/iam/security-credentials/the-role") {
      return {
        body: JSON.stringify({
          Code: "Success",
          Type: "AWS-HMAC",
          AccessKeyId: "AKIAINSTANCE",
          SecretAccessKey: "s",
          Token: "t",
          Expiration: EXPIRES,
        }),
      };
    }
    if (r.path === "/federation/credentials" && r.headers["x-amz-sso_bearer_token"] === "sso-token") {
      const roleCredentials = {
        accessKeyId: "AKIASSOPORTAL",
        secretAccessKey: "s",
        sessionToken: "t",
        expiration: Date.now() + 3600_000,
      };
      return { body: JSON.stringify({ roleCredentials }) };
    }
    return { headers: { "content-type": "application/x-amz-json-1.0" }, body: '{"TableNames":[]}' };
  });
  const home = mkdtempSync(join(tmpdir(), "aws-api-mcp-creds-"));
  mkdirSync(join(home, ".aws"));
  // The helper as each platform's shell runs it (cmd.exe on Windows, /bin/sh elsewhere).
  const json = '{"Version": 1, "AccessKeyId": "AKIAPROCESS", "SecretAccessKey": "s"}';
  const windows = Deno.build.os === "windows";
  const script = join(home, windows ? "creds.cmd" : "creds.sh");
  writeFileSync(script, windows ? `@echo ${json}\r\n` : `#!/bin/sh\necho '${json}'\n`);
  if (!windows) chmodSync(script, 0o755);
  writeFileSync(
    join(home, ".aws", "credentials"),
    "[p1]\naws_access_key_id = AKIAFILEPROFILE\naws_secret_access_key = s\n",
  );
  writeFileSync(
    join(home, ".aws", "config"),
    `[profile proc]\ncredential_process = ${script}\n\n` +
      "[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Reader\n\n" +
      "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n",
  );
  // The token `aws sso login` caches, under the SHA-1 of the session name.
  mkdirSync(join(home, ".aws", "sso", "cache"), { recursive: true });
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-1", new TextEncoder().encode("corp")));
  writeFileSync(
    join(
      home,
      ".aws",
      "sso",
      "cache",
      `${[...digest].map((b) => b.toString(16).padStart(2, "0")).join("")}.json`,
    ),
    JSON.stringify({
      accessToken: "sso-token",
      expiresAt: EXPIRES,
      region: "us-east-1",
      startUrl: "https://corp.awsapps.com/start",
    }),
  );
  const base = {
    HOME: home,
    PATH: Deno.env.get("PATH") ?? "",
    AWS_REGION: "us-east-1",
    AWS_API_MCP_WORKING_DIR: join(home, "work"),
    AWS_API_MCP_LOG_FILE: join(home, "server.log"),
  };
  const cases: [string, Record<string, string>, string, string][] = [
    [
      "environment",
      { AWS_ACCESS_KEY_ID: "AKIAENVIRONMENT", AWS_SECRET_ACCESS_KEY: "s" },
      "",
      "AKIAENVIRONMENT",
    ],
    ["--profile", {}, "--profile p1", "AKIAFILEPROFILE"],
    ["AWS_API_MCP_PROFILE_NAME", { AWS_API_MCP_PROFILE_NAME: "p1" }, "", "AKIAFILEPROFILE"],
    ["credential_process", {}, "--profile proc", "AKIAPROCESS"],
    // Deno refuses a scoped run grant for a child that would inherit any of these.
    [
      "credential_process with LD_*/DYLD_* set",
      { LD_LIBRARY_PATH: home, ld_preload: "", DYLD_FALLBACK_LIBRARY_PATH: home },
      "--profile proc",
      "AKIAPROCESS",
    ],
    ["SSO", { AWS_ENDPOINT_URL_SSO: rec.endpoint }, "--profile sso", "AKIASSOPORTAL"],
    ["container", { AWS_CONTAINER_CREDENTIALS_FULL_URI: `${rec.endpoint}/creds` }, "", "AKIACONTAINER"],
    ["instance metadata", { AWS_EC2_METADATA_SERVICE_ENDPOINT: `${rec.endpoint}/` }, "", "AKIAINSTANCE"],
  ];
  const signedWith: Record<string, string> = {};
  for (const [name, env, flags, _] of cases) {
    const before = rec.requests.length;
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        ...RUN_FLAGS,
        MAIN,
        "call",
        `aws dynamodb list-tables ${flags} --endpoint-url ${rec.endpoint}`,
      ],
      env: { ...base, ...env },
      clearEnv: true,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const call = rec.requests.slice(before).find((r) => r.headers["x-amz-target"]?.endsWith("ListTables"));
    signedWith[name] = /Credential=(\w+)\//.exec(call?.headers.authorization ?? "")?.[1] ??
      `no signed request: ${new TextDecoder().decode(out.stdout).slice(0, 400)}`;
  }
  deepStrictEqual(signedWith, Object.fromEntries(cases.map(([name, , , key]) => [name, key])));
  await rec.stop();
  await Deno.remove(home, { recursive: true });
});
