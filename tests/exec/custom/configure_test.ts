/**
 * `aws configure list`, `list-profiles` and `get` print what the AWS CLI prints for the same files and
 * environment; secrets are never printed, and `configure set` stays refused.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../../src/config.ts";
import { callAws } from "../../../src/exec/call.ts";
import { callDeps } from "../../../src/exec/environment.ts";
import { lex } from "../../../src/parse/lex.ts";
import { PolicySource } from "../../../src/policy/policy-file.ts";
import { CLI, cliAvailable, referenceRequired } from "../../../scripts/wire-compare.ts";

const CONFIG = "[default]\nregion = eu-west-1\noutput = json\ns3 =\n  max_concurrent_requests = 20\n" +
  "[profile dev]\nregion = us-west-2\naws_access_key_id = AKIACONFIGFILEKEY1\naws_secret_access_key = secretconfig\n" +
  "[profile ops]\nrole_arn = arn:aws:iam::123456789012:role/ops\nsource_profile = default\n";
const CREDENTIALS =
  "[default]\naws_access_key_id = AKIACREDFILEKEY1234\naws_secret_access_key = secretcred5678\n" +
  "[prod]\naws_access_key_id = AKIAPROD\naws_secret_access_key = x\naws_session_token = tok\n";

Deno.test("configure list, list-profiles and get print what the AWS CLI prints", async () => {
  const home = mkdtempSync(join(tmpdir(), "configure-"));
  try {
    writeFileSync(join(home, "config"), CONFIG);
    writeFileSync(join(home, "credentials"), CREDENTIALS);
    const base = {
      HOME: home,
      AWS_CONFIG_FILE: join(home, "config"),
      AWS_SHARED_CREDENTIALS_FILE: join(home, "credentials"),
    };
    const cases: Array<[string, Record<string, string>, string | undefined]> = [
      ["aws configure list", {}, undefined],
      ["aws configure list --profile dev", {}, undefined],
      ["aws configure list", {
        AWS_REGION: "ap-south-1",
        AWS_ACCESS_KEY_ID: "AKIAENVKEY99999",
        AWS_SECRET_ACCESS_KEY: "s",
      }, undefined],
      ["aws configure list", { AWS_PROFILE: "prod" }, undefined],
      ["aws configure list-profiles", {}, "default\ndev\nops\nprod\n"],
      ["aws configure get region", {}, "eu-west-1\n"],
      ["aws configure get region --profile dev", {}, "us-west-2\n"],
      ["aws configure get dev.region", {}, "us-west-2\n"],
      ["aws configure get default.aws_access_key_id", {}, "AKIACREDFILEKEY1234\n"],
      ["aws configure get s3.max_concurrent_requests", {}, "20\n"],
      ["aws configure get profile.ops.role_arn", {}, "arn:aws:iam::123456789012:role/ops\n"],
    ];
    for (const [command, extra, want] of cases) {
      const env = { ...base, ...extra };
      const config = loadConfig({ ...env, AWS_API_MCP_WORKING_DIR: home });
      ok(config.ok);
      const [r] = await callAws([command], callDeps(config.config, env));
      assertEquals(r.status, "success", `${command}: ${JSON.stringify(r.error)}`);
      if (want !== undefined) assertEquals(r.text, want, command);
      if (cliAvailable || referenceRequired) {
        const out = await new Deno.Command(CLI, {
          args: lex(command).slice(1),
          env: { ...env, PATH: Deno.env.get("PATH") ?? "" },
          clearEnv: true,
        }).output();
        assertEquals(r.text, new TextDecoder().decode(out.stdout), command);
      }
    }
    const env = { ...base };
    const config = loadConfig({ ...env, AWS_API_MCP_WORKING_DIR: home });
    ok(config.ok);
    // With the policy, as the server runs: the built-in denials apply.
    const deps = callDeps(config.config, env, { source: new PolicySource(config.config.policyFile) });
    // A profile whose credentials come from a role: named by its source, not fetched.
    const [ops] = await callAws(["aws configure list --profile ops"], deps);
    ok(ops.text?.includes("access_key            <not fetched>      assume-role"), String(ops.text));
    // Secrets are refused, whatever the spelling; a name that is not set is an error, as the CLI's exit 1.
    for (
      const secret of ["aws_secret_access_key", "prod.aws_session_token", "profile.dev.AWS_SECRET_ACCESS_KEY"]
    ) {
      const [r] = await callAws([`aws configure get ${secret}`], deps);
      assertEquals(r.error?.code, "POLICY_DENIED", secret);
      ok(!/secretcred5678|secretconfig|tok\b/.test(JSON.stringify(r)), secret);
    }
    const [missing] = await callAws(["aws configure get nothing_here"], deps);
    assertEquals(missing.error?.code, "INVALID_VALUE");
    const [set] = await callAws(["aws configure set region us-east-1"], deps);
    assertEquals(set.error?.code, "POLICY_DENIED");
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
