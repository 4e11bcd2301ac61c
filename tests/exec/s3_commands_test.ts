/**
 * `aws s3 ls`, `mb`, `rb`, `rm` and `website` against s3rver, next to the AWS CLI v2 doing the same where it
 * is installed (in CI it is): buckets, one level with PRE lines, --recursive, --human-readable, --summarize,
 * and the CLI's lines for one-call commands and their failures.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config.ts";
import { callAws } from "../../src/exec/call.ts";
import { callDeps } from "../../src/exec/environment.ts";
import { humanSize } from "../../src/exec/s3ls.ts";
import { startS3 } from "../../scripts/local-servers.ts";
import { CLI, cliAvailable } from "../../scripts/wire-compare.ts";
import { lex } from "../../src/parse/lex.ts";

/** What a terminal shows of the CLI's output: progress it overwrites with \r is gone, and its padding. */
function shown(text: string): string {
  return text.split("\n").map((l) => l.split("\r").at(-1)!.trimEnd()).join("\n");
}

Deno.test("human-readable sizes as the CLI prints them", () => {
  const table: Array<[number, string]> = [
    [0, "0 Bytes"],
    [1, "1 Byte"],
    [10, "10 Bytes"],
    [1023, "1023 Bytes"],
    [1024, "1.0 KiB"],
    [1536, "1.5 KiB"],
    [1048575, "1.0 MiB"],
    [1024 ** 3 * 5, "5.0 GiB"],
  ];
  for (const [n, want] of table) assertEquals(humanSize(n), want, String(n));
});

Deno.test({
  name: "aws s3 ls lists buckets, prefixes and objects as the AWS CLI prints them",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const s3 = await startS3();
    const work = mkdtempSync(join(tmpdir(), "s3ls-"));
    const creds = { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" };
    for (const [k, v] of Object.entries(creds)) Deno.env.set(k, v);
    const config = loadConfig({
      HOME: Deno.env.get("HOME"),
      AWS_API_MCP_WORKING_DIR: work,
      AWS_REGION: "us-east-1",
    });
    if (!config.ok) throw new Error(config.error.message);
    const deps = callDeps(config.config, { AWS_CONFIG_FILE: "/nonexistent" });
    const S3 = `--endpoint-url ${s3.endpoint}`;
    try {
      writeFileSync(join(work, "f.txt"), "x".repeat(1536));
      const setup = await callAws([
        `aws s3api create-bucket --bucket ls-demo ${S3}`,
      ], deps);
      assertEquals(setup[0].status, "success", JSON.stringify(setup));
      const puts = await callAws(
        ["a.txt", "docs/b.txt", "docs/deep/c.txt", "with space.txt"].map((k) =>
          `aws s3api put-object --bucket ls-demo --key '${k}' --body f.txt ${S3}`
        ),
        deps,
      );
      ok(puts.every((p) => p.status === "success"), JSON.stringify(puts));
      const commands = [
        `aws s3 ls ${S3}`,
        `aws s3 ls s3://ls-demo ${S3}`,
        `aws s3 ls s3://ls-demo/docs/ ${S3}`,
        `aws s3 ls s3://ls-demo --recursive --human-readable --summarize ${S3}`,
      ];
      const ours = await callAws(commands, deps);
      ok(ours.every((r) => r.status === "success"), JSON.stringify(ours));
      const one = ours[1].text!.split("\n");
      ok(one[0] === `${"PRE".padStart(30)} docs/`, ours[1].text!);
      ok(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d {7}1536 a\.txt$/.test(one[1]), ours[1].text!);
      ok(ours[3].text!.includes(" 1.5 KiB docs/deep/c.txt\n"), ours[3].text!);
      ok(ours[3].text!.endsWith("\nTotal Objects: 4\n   Total Size: 6.0 KiB\n"), ours[3].text!);
      assertEquals((ours[3].response as { Contents: unknown[] }).Contents.length, 4);
      if (!cliAvailable && !Deno.env.get("CI")) return;
      for (const [i, c] of commands.entries()) {
        const cli = await new Deno.Command(CLI, {
          args: [...lex(c).slice(1), "--region", "us-east-1"],
          env: {
            ...creds,
            PATH: Deno.env.get("PATH") ?? "",
            HOME: work,
            TZ: Deno.env.get("TZ") ?? "",
            AWS_CONFIG_FILE: "/nonexistent",
            AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
            AWS_PAGER: "",
          },
          clearEnv: true,
        }).output();
        assertEquals(ours[i].text, new TextDecoder().decode(cli.stdout), c);
      }
    } finally {
      await s3.stop();
    }
  },
});

Deno.test({
  name: "aws s3 mb, website, rm and rb print the AWS CLI's lines, and its message on failure",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const s3 = await startS3();
    const work = mkdtempSync(join(tmpdir(), "s3mb-"));
    const creds = { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" };
    for (const [k, v] of Object.entries(creds)) Deno.env.set(k, v);
    const config = loadConfig({
      HOME: Deno.env.get("HOME"),
      AWS_API_MCP_WORKING_DIR: work,
      AWS_REGION: "us-east-1",
    });
    if (!config.ok) throw new Error(config.error.message);
    const deps = callDeps(config.config, { AWS_CONFIG_FILE: "/nonexistent" });
    const S3 = `--endpoint-url ${s3.endpoint}`;
    writeFileSync(join(work, "f.txt"), "hello");
    // Each step for a bucket named by `who`: ours run through call_aws, the CLI's through the CLI.
    const steps = (who: string) => [
      `aws s3 mb s3://${who}-b ${S3}`,
      `aws s3 website s3://${who}-b --index-document index.html ${S3}`,
      `aws s3api put-object --bucket ${who}-b --key k.txt --body f.txt ${S3}`,
      `aws s3 rm s3://${who}-b/k.txt ${S3}`,
      `aws s3 mb s3://${who}-b ${S3}`,
      `aws s3 rb s3://${who}-b ${S3}`,
      `aws s3 mb s3://${who}-r ${S3}`,
      ...["d/1.txt", "d/2.txt", "e.txt"].map((k) =>
        `aws s3api put-object --bucket ${who}-r --key ${k} --body f.txt ${S3}`
      ),
      `aws s3 rm s3://${who}-r/d/ --recursive ${S3}`,
      `aws s3 rb s3://${who}-r --force ${S3}`,
    ];
    try {
      const ours = [];
      for (const c of steps("ours")) ours.push((await callAws([c], deps))[0]);
      assertEquals(ours.map((r) => r.status), [
        ...["success", "success", "success", "success", "error", "success"],
        ...["success", "success", "success", "success", "success", "success"],
      ]);
      assertEquals(ours[10].text, "delete: s3://ours-r/d/1.txt\ndelete: s3://ours-r/d/2.txt\n");
      assertEquals(ours[11].text, "delete: s3://ours-r/e.txt\nremove_bucket: ours-r\n");
      assertEquals([ours[0].text, ours[3].text, ours[5].text], [
        "make_bucket: ours-b\n",
        "delete: s3://ours-b/k.txt\n",
        "remove_bucket: ours-b\n",
      ]);
      ok(ours[4].error!.message.startsWith("make_bucket failed: s3://ours-b An error occurred ("));
      if (!cliAvailable && !Deno.env.get("CI")) return;
      for (const [i, c] of steps("cli").entries()) {
        const cli = await new Deno.Command(CLI, {
          args: [...lex(c).slice(1), "--region", "us-east-1"],
          cwd: work,
          env: {
            ...creds,
            PATH: Deno.env.get("PATH") ?? "",
            HOME: work,
            AWS_CONFIG_FILE: "/nonexistent",
            AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
            AWS_PAGER: "",
          },
          clearEnv: true,
        }).output();
        const same = (t: string) => shown(t).replaceAll("cli-", "ours-");
        if (c.includes(" s3api ")) continue; // put-object: its ETag output is compared elsewhere
        if (ours[i].status === "success") {
          // The CLI deletes several objects at once, so its lines may come in any order.
          const lines = (t: string) => t.split("\n").sort();
          assertEquals(lines(ours[i].text ?? ""), lines(same(new TextDecoder().decode(cli.stdout))), c);
        } else {
          assertEquals(ours[i].error!.message, same(new TextDecoder().decode(cli.stderr).trim()), c);
        }
      }
    } finally {
      await s3.stop();
    }
  },
});

Deno.test({
  name: "aws s3 cp uploads, downloads and copies one object with the AWS CLI's lines and content type",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const s3 = await startS3();
    const work = mkdtempSync(join(tmpdir(), "s3cp-"));
    const creds = { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" };
    for (const [k, v] of Object.entries(creds)) Deno.env.set(k, v);
    const config = loadConfig({
      HOME: Deno.env.get("HOME"),
      AWS_API_MCP_WORKING_DIR: work,
      AWS_REGION: "us-east-1",
    });
    if (!config.ok) throw new Error(config.error.message);
    const deps = callDeps(config.config, { AWS_CONFIG_FILE: "/nonexistent" });
    const S3 = `--endpoint-url ${s3.endpoint}`;
    mkdirSync(join(work, "sub"));
    writeFileSync(join(work, "page.html"), "<h1>hi</h1>");
    const steps = (who: string) => [
      `aws s3 mb s3://${who}-c ${S3}`,
      `aws s3 cp page.html s3://${who}-c/site/ ${S3}`,
      `aws s3 cp s3://${who}-c/site/page.html sub/${who}.html ${S3}`,
      `aws s3 cp s3://${who}-c/site/page.html s3://${who}-c/copy.html ${S3}`,
      `aws s3api head-object --bucket ${who}-c --key site/page.html --query ContentType ${S3}`,
    ];
    try {
      const ours = [];
      for (const c of steps("ours")) ours.push((await callAws([c], deps))[0]);
      ok(ours.every((r) => r.status === "success"), JSON.stringify(ours));
      assertEquals(ours.slice(1, 5).map((r) => r.text), [
        "upload: ./page.html to s3://ours-c/site/page.html\n",
        "download: s3://ours-c/site/page.html to sub/ours.html\n",
        "copy: s3://ours-c/site/page.html to s3://ours-c/copy.html\n",
        '"text/html"\n',
      ]);
      assertEquals(readFileSync(join(work, "sub/ours.html"), "utf8"), "<h1>hi</h1>");
      if (!cliAvailable && !Deno.env.get("CI")) return;
      for (const [i, c] of steps("cli").entries()) {
        const cli = await new Deno.Command(CLI, {
          args: [...lex(c).slice(1), "--region", "us-east-1"],
          cwd: work,
          env: {
            ...creds,
            PATH: Deno.env.get("PATH") ?? "",
            HOME: work,
            AWS_CONFIG_FILE: "/nonexistent",
            AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
            AWS_PAGER: "",
          },
          clearEnv: true,
        }).output();
        const cliText = shown(new TextDecoder().decode(cli.stdout)).replaceAll("cli-c", "ours-c")
          .replaceAll("cli.html", "ours.html");
        assertEquals(ours[i].text, cliText, c);
      }
    } finally {
      await s3.stop();
    }
  },
});
