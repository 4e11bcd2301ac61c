/**
 * The token and password commands: registry passwords against a local endpoint (and the AWS CLI against the
 * same one), EKS and RDS tokens presigned offline — their SigV4 signatures verified independently and their
 * shape compared with the tokens the AWS CLI makes.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { Buffer } from "node:buffer";
import { createHash, createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../../src/config.ts";
import { callAws, type CommandResult } from "../../../src/exec/call.ts";
import { callDeps } from "../../../src/exec/environment.ts";
import { lex } from "../../../src/parse/lex.ts";
import { startRecorder } from "../../../scripts/local-servers.ts";
import { CLI, cliAvailable, referenceRequired } from "../../../scripts/wire-compare.ts";

const CREDS = {
  AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
  AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
};
const compare = cliAvailable || referenceRequired;

async function withServer(
  fn: (
    run: (c: string) => Promise<CommandResult>,
    cli: (c: string) => Promise<string>,
    endpoint: string,
  ) => Promise<void>,
): Promise<void> {
  const rec = await startRecorder((r) => {
    const target = r.headers["x-amz-target"] ?? "";
    const token = Buffer.from("AWS:s3cr3t-p@ss").toString("base64");
    if (target.endsWith("GetAuthorizationToken") && target.startsWith("SpencerFrontendService")) {
      return {
        headers: { "content-type": "application/x-amz-json-1.1" },
        body: JSON.stringify({ authorizationData: { authorizationToken: token, expiresAt: 1800000000 } }),
      };
    }
    return {
      headers: { "content-type": "application/x-amz-json-1.1" },
      body: JSON.stringify({
        authorizationData: [{
          authorizationToken: token,
          expiresAt: 1800000000,
          proxyEndpoint: "https://1.dkr.ecr.us-east-1.amazonaws.com",
        }],
      }),
    };
  });
  const work = mkdtempSync(join(tmpdir(), "tokens-"));
  try {
    for (const [k, v] of Object.entries(CREDS)) Deno.env.set(k, v);
    const config = loadConfig({ HOME: work, AWS_API_MCP_WORKING_DIR: work, AWS_REGION: "us-east-1" });
    ok(config.ok);
    const deps = callDeps(config.config, { AWS_CONFIG_FILE: "/nonexistent" });
    await fn(
      async (c) => (await callAws([c], deps))[0],
      async (c) => {
        const out = await new Deno.Command(CLI, {
          args: lex(c).slice(1),
          env: { ...CREDS, PATH: Deno.env.get("PATH") ?? "", HOME: work, AWS_CONFIG_FILE: "/nonexistent" },
          clearEnv: true,
        }).output();
        return new TextDecoder().decode(out.stdout);
      },
      rec.endpoint,
    );
  } finally {
    await rec.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

/** Verifies a presigned URL's SigV4 signature from scratch; the signed headers' values given. */
function verifyPresigned(url: URL, headers: Record<string, string>, secret: string): boolean {
  const q = url.searchParams;
  const enc = (v: string) =>
    encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const query = [...q].filter(([k]) => k !== "X-Amz-Signature")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${enc(k)}=${enc(v)}`).join("&");
  const signedHeaders = q.get("X-Amz-SignedHeaders")!.split(";");
  const all: Record<string, string> = { host: url.host, ...headers };
  const canonical = [
    "GET",
    url.pathname,
    query,
    ...signedHeaders.map((h) => `${h}:${all[h]}`),
    "",
    signedHeaders.join(";"),
    createHash("sha256").update("").digest("hex"),
  ].join("\n");
  const [, date, region, service] = q.get("X-Amz-Credential")!.split("/");
  const toSign = [
    "AWS4-HMAC-SHA256",
    q.get("X-Amz-Date"),
    `${date}/${region}/${service}/aws4_request`,
    createHash("sha256").update(canonical).digest("hex"),
  ].join("\n");
  let key: Buffer = createHmac("sha256", `AWS4${secret}`).update(date).digest();
  for (const part of [region, service, "aws4_request"]) key = createHmac("sha256", key).update(part).digest();
  return createHmac("sha256", key).update(toSign).digest("hex") === q.get("X-Amz-Signature");
}

/** The query parameter names of a URL, and the values that do not depend on the time. */
function shape(url: URL) {
  const q = Object.fromEntries(url.searchParams);
  return {
    host: url.host,
    names: Object.keys(q).sort(),
    fixed: Object.fromEntries(
      Object.entries(q).filter(([k]) => !["X-Amz-Date", "X-Amz-Signature", "X-Amz-Credential"].includes(k)),
    ),
    scope: q["X-Amz-Credential"].split("/").slice(2).join("/"),
  };
}

Deno.test({
  name: "ecr and ecr-public get-login-password print the registry password, as the AWS CLI does",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withServer(async (run, cli, endpoint) => {
      for (const service of ["ecr", "ecr-public"]) {
        const command = `aws ${service} get-login-password --endpoint-url ${endpoint} --region us-east-1`;
        const r = await run(command);
        assertEquals([r.status, r.text], ["success", "s3cr3t-p@ss\n"], JSON.stringify(r.error));
        if (compare) assertEquals(await cli(command), r.text, command);
      }
    }),
});

Deno.test({
  name: "eks get-token: an ExecCredential whose token is a presigned GetCallerIdentity bound to the cluster",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withServer(async (run, cli) => {
      const command = "aws eks get-token --cluster-name prod-1 --region eu-west-1";
      const r = await run(command);
      assertEquals(r.status, "success", JSON.stringify(r.error));
      const parsed = JSON.parse(r.text!);
      assertEquals([parsed.kind, parsed.apiVersion, parsed.spec], [
        "ExecCredential",
        "client.authentication.k8s.io/v1beta1",
        {},
      ]);
      const minutes = (Date.parse(parsed.status.expirationTimestamp) - Date.now()) / 60_000;
      ok(minutes > 13 && minutes <= 14, parsed.status.expirationTimestamp);
      ok(parsed.status.token.startsWith("k8s-aws-v1.") && !parsed.status.token.endsWith("="));
      const url = new URL(Buffer.from(parsed.status.token.slice(11), "base64url").toString());
      ok(verifyPresigned(url, { "x-k8s-aws-id": "prod-1" }, CREDS.AWS_SECRET_ACCESS_KEY), url.href);
      assertEquals(shape(url).fixed, {
        Action: "GetCallerIdentity",
        Version: "2011-06-15",
        "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
        "X-Amz-Expires": "60",
        "X-Amz-SignedHeaders": "host;x-k8s-aws-id",
      });
      if (compare) {
        const theirs = JSON.parse(await cli(command));
        const theirUrl = new URL(Buffer.from(theirs.status.token.slice(11), "base64url").toString());
        assertEquals(shape(url), shape(theirUrl));
        assertEquals(
          r.text!.replace(/"(expirationTimestamp|token)": "[^"]+"/g, '"$1": ""'),
          (await cli(command)).replace(/"(expirationTimestamp|token)": "[^"]+"/g, '"$1": ""'),
        );
      }
    }),
});

Deno.test({
  name: "rds generate-db-auth-token: a connect URL presigned for rds-db for 15 minutes, without its scheme",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withServer(async (run, cli) => {
      const command =
        "aws rds generate-db-auth-token --hostname db.abc.eu-west-1.rds.amazonaws.com --port 5432 --username app_user --region eu-west-1";
      const r = await run(command);
      assertEquals(r.status, "success", JSON.stringify(r.error));
      ok(r.text!.startsWith("db.abc.eu-west-1.rds.amazonaws.com:5432/?"), r.text!);
      const url = new URL(`https://${r.text!.trim()}`);
      ok(verifyPresigned(url, {}, CREDS.AWS_SECRET_ACCESS_KEY), url.href);
      assertEquals(shape(url).scope, "eu-west-1/rds-db/aws4_request");
      assertEquals(shape(url).fixed, {
        Action: "connect",
        DBUser: "app_user",
        "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
        "X-Amz-Expires": "900",
        "X-Amz-SignedHeaders": "host",
      });
      if (compare) assertEquals(shape(url), shape(new URL(`https://${(await cli(command)).trim()}`)));
    }),
});
