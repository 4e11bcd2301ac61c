import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { runCli } from "../helpers.ts";
import { VERSION } from "../../src/version.ts";

Deno.test("aws-api-mcp models --json prints the counts and sources", async () => {
  const { code, stdout } = await runCli(["models", "--json"]);
  assertEquals(code, 0);
  const out = JSON.parse(stdout);
  ok(out.services >= 370 && out.operations >= 14_000, stdout);
  for (const k of ["waiters", "paginators", "servicesWithSdk"]) assertEquals(typeof out[k], "number", k);
  assertEquals(typeof out.sources.botocore, "string");
  // Which of the CLI's own commands run, and which are validated only.
  for (
    const c of [
      "s3 sync",
      "s3 presign",
      "eks get-token",
      "ecr get-login-password",
      "logs tail",
      "configure list",
    ]
  ) {
    ok(out.customizations.runs.includes(c), c);
  }
  for (const c of ["configure set", "deploy push", "ecs deploy"]) {
    ok(out.customizations.validatedOnly.includes(c), c);
  }
});

Deno.test("aws-api-mcp models lists services with their SDK client", async () => {
  const { code, stdout } = await runCli(["models"]);
  assertEquals(code, 0);
  ok(/^s3api\s+\d+ operations\s+@aws-sdk\/client-s3$/m.test(stdout), stdout.slice(0, 500));
});

Deno.test("--version and --help answer, and an unknown subcommand is an error", async () => {
  assertEquals((await runCli(["--version"])).stdout.trim(), VERSION);
  const help = await runCli(["--help"]);
  ok(help.stdout.includes("models"), help.stdout);
  ok((await runCli(["models", "--help"])).stdout.includes("--json"));
  const bad = await runCli(["no-such-command"]);
  ok(bad.code !== 0);
  ok(bad.stderr.includes("no-such-command"), bad.stderr);
});
