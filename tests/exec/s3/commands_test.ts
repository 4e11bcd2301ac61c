/**
 * `aws s3 ls`, `cp`, `mb`, `rb`, `rm` and `website` against s3rver, next to the AWS CLI v2 doing the same
 * where it is installed (in CI it is): what a terminal shows of each must be the same.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { Buffer } from "node:buffer";
import { createHash, createHmac } from "node:crypto";
import { createServer, request as httpRequest } from "node:http";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../../src/config.ts";
import { callAws, type CommandResult } from "../../../src/exec/call.ts";
import { callDeps } from "../../../src/exec/environment.ts";
import { humanSize } from "../../../src/exec/s3/ls.ts";
import { lex } from "../../../src/parse/lex.ts";
import { startRecorder, startS3 } from "../../../scripts/local-servers.ts";
import { CLI, cliAvailable, referenceRequired } from "../../../scripts/wire-compare.ts";

const CREDS = { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" };

/** What a terminal shows of the CLI's output: progress it overwrites with \r is gone, and its padding. */
function shown(text: string): string {
  return text.split("\n").map((l) => l.split("\r").at(-1)!.trimEnd()).join("\n");
}

interface S3Fixture {
  work: string;
  /** Runs one command through call_aws, against s3rver. */
  ours(command: string): Promise<CommandResult>;
  /** Runs one command through the AWS CLI, against s3rver: what it printed, and its error text. */
  cli(command: string): Promise<{ out: string; err: string }>;
  /** Whether the CLI is there to compare with. */
  compare: boolean;
}

async function withS3(name: string, fn: (f: S3Fixture) => Promise<void>): Promise<void> {
  const s3 = await startS3();
  const work = mkdtempSync(join(tmpdir(), `${name}-`));
  for (const [k, v] of Object.entries(CREDS)) Deno.env.set(k, v);
  const config = loadConfig({
    HOME: Deno.env.get("HOME"),
    AWS_API_MCP_WORKING_DIR: work,
    AWS_REGION: "us-east-1",
  });
  if (!config.ok) throw new Error(config.error.message);
  const deps = callDeps(config.config, { AWS_CONFIG_FILE: "/nonexistent" });
  const endpoint = ["--endpoint-url", s3.endpoint];
  try {
    await fn({
      work,
      ours: async (c) => (await callAws([`${c} ${endpoint.join(" ")}`], deps))[0],
      cli: async (c) => {
        const r = await new Deno.Command(CLI, {
          args: [...lex(c).slice(1), ...endpoint, "--region", "us-east-1"],
          cwd: work,
          env: {
            ...CREDS,
            PATH: Deno.env.get("PATH") ?? "",
            HOME: work,
            TZ: Deno.env.get("TZ") ?? "",
            AWS_CONFIG_FILE: "/nonexistent",
            AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
            AWS_PAGER: "",
          },
          clearEnv: true,
        }).output();
        const text = (b: Uint8Array) => shown(new TextDecoder().decode(b));
        return { out: text(r.stdout), err: text(r.stderr).trim() };
      },
      compare: cliAvailable || referenceRequired,
    });
  } finally {
    await s3.stop();
  }
}

/** The SigV4 signature a presigned URL should carry (AWS's query-string signing, computed independently). */
function sigV4QuerySignature(url: URL, secret: string): string {
  const q = url.searchParams;
  const enc = (v: string) =>
    encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const query = [...q].filter(([k]) => k !== "X-Amz-Signature").sort((
    [a],
    [b],
  ) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${enc(k)}=${enc(v)}`).join("&");
  const canonical = ["GET", url.pathname, query, `host:${url.host}`, "", "host", "UNSIGNED-PAYLOAD"].join(
    "\n",
  );
  const [, date, region, service] = q.get("X-Amz-Credential")!.split("/");
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSign = [
    "AWS4-HMAC-SHA256",
    q.get("X-Amz-Date"),
    scope,
    createHash("sha256").update(canonical).digest("hex"),
  ]
    .join("\n");
  let key: Buffer = createHmac("sha256", `AWS4${secret}`).update(date).digest();
  for (const part of [region, service, "aws4_request"]) key = createHmac("sha256", key).update(part).digest();
  return createHmac("sha256", key).update(toSign).digest("hex");
}

const s3Test = (name: string, fn: () => Promise<void>) =>
  Deno.test({ name, sanitizeResources: false, sanitizeOps: false, fn });

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

s3Test(
  "aws s3 ls lists buckets, prefixes and objects as the AWS CLI prints them",
  () =>
    withS3("s3ls", async (f) => {
      writeFileSync(join(f.work, "f.txt"), "x".repeat(1536));
      assertEquals((await f.ours("aws s3api create-bucket --bucket ls-demo")).status, "success");
      for (const k of ["a.txt", "docs/b.txt", "docs/deep/c.txt", "with space.txt"]) {
        assertEquals(
          (await f.ours(`aws s3api put-object --bucket ls-demo --key '${k}' --body f.txt`)).status,
          "success",
        );
      }
      const commands = [
        "aws s3 ls",
        "aws s3 ls s3://ls-demo",
        "aws s3 ls s3://ls-demo/docs/",
        "aws s3 ls s3://ls-demo --recursive --human-readable --summarize",
      ];
      const ours = [];
      for (const c of commands) ours.push(await f.ours(c));
      ok(ours.every((r) => r.status === "success"), JSON.stringify(ours));
      const one = ours[1].text!.split("\n");
      ok(one[0] === `${"PRE".padStart(30)} docs/`, ours[1].text!);
      ok(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d {7}1536 a\.txt$/.test(one[1]), ours[1].text!);
      ok(ours[3].text!.includes(" 1.5 KiB docs/deep/c.txt\n"), ours[3].text!);
      ok(ours[3].text!.endsWith("\nTotal Objects: 4\n   Total Size: 6.0 KiB\n"), ours[3].text!);
      assertEquals((ours[3].response as { Contents: unknown[] }).Contents.length, 4);
      if (!f.compare) return;
      for (const [i, c] of commands.entries()) assertEquals(ours[i].text, (await f.cli(c)).out, c);
    }),
);

s3Test(
  "aws s3 mb, website, rm and rb print the AWS CLI's lines, and its message on failure",
  () =>
    withS3("s3mb", async (f) => {
      writeFileSync(join(f.work, "f.txt"), "hello");
      // Each step for buckets named by `who`: ours through call_aws, the CLI's through the CLI.
      const steps = (who: string) => [
        `aws s3 mb s3://${who}-b`,
        `aws s3 website s3://${who}-b --index-document index.html`,
        `aws s3api put-object --bucket ${who}-b --key k.txt --body f.txt`,
        `aws s3 rm s3://${who}-b/k.txt`,
        `aws s3 mb s3://${who}-b`,
        `aws s3 rb s3://${who}-b`,
        `aws s3 mb s3://${who}-r`,
        ...["d/1.txt", "d/2.txt", "e.txt"].map((k) =>
          `aws s3api put-object --bucket ${who}-r --key ${k} --body f.txt`
        ),
        `aws s3 rm s3://${who}-r/d/ --recursive`,
        `aws s3 rb s3://${who}-r --force`,
      ];
      const ours = [];
      for (const c of steps("ours")) ours.push(await f.ours(c));
      assertEquals(ours.map((r) => r.status), [
        ...["success", "success", "success", "success", "error", "success"],
        ...["success", "success", "success", "success", "success", "success"],
      ]);
      assertEquals([ours[0].text, ours[3].text, ours[5].text], [
        "make_bucket: ours-b\n",
        "delete: s3://ours-b/k.txt\n",
        "remove_bucket: ours-b\n",
      ]);
      ok(ours[4].error!.message.startsWith("make_bucket failed: s3://ours-b An error occurred ("));
      assertEquals(ours[10].text, "delete: s3://ours-r/d/1.txt\ndelete: s3://ours-r/d/2.txt\n");
      assertEquals(ours[11].text, "delete: s3://ours-r/e.txt\nremove_bucket: ours-r\n");
      if (!f.compare) return;
      const same = (t: string) => t.replaceAll("cli-", "ours-");
      // The CLI deletes several objects at once, so its lines may come in any order.
      const lines = (t: string) => t.split("\n").sort();
      for (const [i, c] of steps("cli").entries()) {
        const cli = await f.cli(c);
        if (c.includes(" s3api ")) continue; // put-object's output is compared in the wire tests
        if (ours[i].status === "success") assertEquals(lines(ours[i].text ?? ""), lines(same(cli.out)), c);
        else assertEquals(ours[i].error!.message, same(cli.err), c);
      }
    }),
);

s3Test(
  "aws s3 cp uploads, downloads and copies one object with the AWS CLI's lines and content type",
  () =>
    withS3("s3cp", async (f) => {
      mkdirSync(join(f.work, "sub"));
      writeFileSync(join(f.work, "page.html"), "<h1>hi</h1>");
      const steps = (who: string) => [
        `aws s3 mb s3://${who}-c`,
        `aws s3 cp page.html s3://${who}-c/site/`,
        `aws s3 cp s3://${who}-c/site/page.html sub/${who}.html`,
        `aws s3 cp s3://${who}-c/site/page.html s3://${who}-c/copy.html`,
        `aws s3api head-object --bucket ${who}-c --key site/page.html --query ContentType`,
      ];
      const ours = [];
      for (const c of steps("ours")) ours.push(await f.ours(c));
      ok(ours.every((r) => r.status === "success"), JSON.stringify(ours));
      assertEquals(ours.slice(1, 5).map((r) => r.text), [
        "upload: ./page.html to s3://ours-c/site/page.html\n",
        "download: s3://ours-c/site/page.html to sub/ours.html\n",
        "copy: s3://ours-c/site/page.html to s3://ours-c/copy.html\n",
        '"text/html"\n',
      ]);
      assertEquals(readFileSync(join(f.work, "sub/ours.html"), "utf8"), "<h1>hi</h1>");
      if (!f.compare) return;
      for (const [i, c] of steps("cli").entries()) {
        const out = (await f.cli(c)).out.replaceAll("cli-c", "ours-c").replaceAll("cli.html", "ours.html");
        assertEquals(ours[i].text, out, c);
      }
    }),
);

s3Test(
  "aws s3 mv moves one object each way, deleting the source, with the AWS CLI's lines",
  () =>
    withS3("s3mv", async (f) => {
      const steps = (who: string) => [
        `aws s3 mb s3://${who}-m`,
        `aws s3 mv ${who}.txt s3://${who}-m/a.txt`,
        `aws s3 mv s3://${who}-m/a.txt s3://${who}-m/b.txt`,
        `aws s3 mv s3://${who}-m/b.txt ${who}-back.txt`,
        `aws s3 ls s3://${who}-m`,
      ];
      writeFileSync(join(f.work, "ours.txt"), "moving");
      const ours = [];
      for (const c of steps("ours")) ours.push(await f.ours(c));
      ok(ours.every((r) => r.status === "success"), JSON.stringify(ours));
      assertEquals(ours.slice(1).map((r) => r.text), [
        "move: ./ours.txt to s3://ours-m/a.txt\n",
        "move: s3://ours-m/a.txt to s3://ours-m/b.txt\n",
        "move: s3://ours-m/b.txt to ./ours-back.txt\n",
        "",
      ]);
      ok(!existsSync(join(f.work, "ours.txt")), "the local source is gone");
      assertEquals(readFileSync(join(f.work, "ours-back.txt"), "utf8"), "moving");
      if (!f.compare) return;
      writeFileSync(join(f.work, "cli.txt"), "moving");
      for (const [i, c] of steps("cli").entries()) {
        assertEquals(
          ours[i].text,
          (await f.cli(c)).out.replaceAll("cli-", "ours-").replaceAll("cli.", "ours."),
          c,
        );
      }
    }),
);

s3Test(
  "aws s3 presign signs a GetObject URL without sending anything: a valid SigV4 signature that fetches the object",
  () =>
    withS3("s3presign", async (f) => {
      writeFileSync(join(f.work, "report.txt"), "quarterly numbers");
      for (const c of ["aws s3 mb s3://shared", "aws s3 cp report.txt s3://shared/q3/report.txt"]) {
        assertEquals((await f.ours(c)).status, "success", c);
      }
      const r = await f.ours("aws s3 presign s3://shared/q3/report.txt --expires-in 600");
      assertEquals(r.status, "success", JSON.stringify(r.error));
      const url = new URL(r.text!.trim());
      assertEquals(r.text!.endsWith("\n") && !r.text!.trim().includes("\n"), true);
      assertEquals(url.pathname, "/shared/q3/report.txt");
      const q = url.searchParams;
      // The CLI's parameters; the SDK adds X-Amz-Content-Sha256=UNSIGNED-PAYLOAD (signed, so it stays).
      const CLI_PARAMS = [
        "X-Amz-Algorithm",
        "X-Amz-Credential",
        "X-Amz-Date",
        "X-Amz-Expires",
        "X-Amz-Signature",
      ];
      ok([...CLI_PARAMS, "X-Amz-SignedHeaders"].every((k) => q.has(k)), url.search);
      ok([...q.keys()].every((k) => k.startsWith("X-Amz-")), url.search);
      assertEquals([q.get("X-Amz-Expires"), q.get("X-Amz-SignedHeaders")], ["600", "host"]);
      ok(q.get("X-Amz-Credential")!.startsWith("S3RVER/"), q.get("X-Amz-Credential")!);
      // The URL works on its own: no credentials, just the signature it carries.
      const got = await fetch(url);
      assertEquals([got.status, await got.text()], [200, "quarterly numbers"]);
      // s3rver does not check signatures, so the signature is checked here, by SigV4's query-string rules.
      assertEquals(q.get("X-Amz-Signature"), sigV4QuerySignature(url, "S3RVER"));
      const expired = await f.ours("aws s3 presign s3://shared/q3/report.txt --expires-in 604801");
      assertEquals(expired.error?.code, "INVALID_VALUE");
      if (f.compare) {
        // The CLI's URL has the same parameters, in the same path.
        const cli = new URL(
          (await f.cli("aws s3 presign s3://shared/q3/report.txt --expires-in 600")).out.trim(),
        );
        assertEquals(cli.pathname, url.pathname);
        ok([...cli.searchParams.keys()].every((k) => q.has(k)), `${cli.search} vs ${url.search}`);
      }
      // Signing sends nothing: an endpoint that records every request sees none.
      const rec = await startRecorder(() => ({ status: 500 }));
      try {
        const config = loadConfig({ HOME: f.work, AWS_API_MCP_WORKING_DIR: f.work, AWS_REGION: "us-east-1" });
        ok(config.ok);
        const [local] = await callAws(
          [`aws s3 presign s3://shared/x --endpoint-url ${rec.endpoint}`],
          callDeps(config.config, { AWS_CONFIG_FILE: "/nonexistent" }),
        );
        assertEquals([local.status, rec.requests.length], ["success", 0]);
      } finally {
        await rec.stop();
      }
    }),
);

/** The lines of a transfer, sorted: the CLI prints them as transfers finish, in no fixed order. */
const sortedLines = (text: string | undefined) => (text ?? "").split("\n").filter(Boolean).sort();

s3Test(
  "aws s3 sync and cp/mv/rm --recursive: filters, comparison, --delete, --dryrun, links kept inside, as the CLI",
  () =>
    withS3("s3sync", async (f) => {
      const outside = mkdtempSync(join(tmpdir(), "s3sync-outside-"));
      writeFileSync(join(outside, "secret.txt"), "outside the working directory");
      const tree = (root: string) => {
        mkdirSync(join(f.work, root, "sub", "deep"), { recursive: true });
        mkdirSync(join(f.work, root, ".git"), { recursive: true });
        writeFileSync(join(f.work, root, "a.txt"), "alpha");
        writeFileSync(join(f.work, root, "b.log"), "beta log");
        writeFileSync(join(f.work, root, "sub", "c.txt"), "gamma");
        writeFileSync(join(f.work, root, "sub", "deep", "d.png"), "png bytes");
        writeFileSync(join(f.work, root, ".git", "config"), "[core]");
        symlinkSync(join(outside, "secret.txt"), join(f.work, root, "leak.txt"));
        symlinkSync(join(f.work, root, "a.txt"), join(f.work, root, "alias.txt"));
      };
      const keys = async (bucket: string) => {
        const r = await f.ours(`aws s3api list-objects-v2 --bucket ${bucket} --query 'Contents[].Key'`);
        return ((r.response ?? []) as string[]).sort();
      };
      tree("site");
      assertEquals((await f.ours("aws s3 mb s3://site")).status, "success");
      const first = await f.ours("aws s3 sync site s3://site --exclude '.git/*'");
      assertEquals(first.status, "success", JSON.stringify(first.error));
      assertEquals(sortedLines(first.text), [
        "upload: site/a.txt to s3://site/a.txt",
        "upload: site/alias.txt to s3://site/alias.txt",
        "upload: site/b.log to s3://site/b.log",
        "upload: site/sub/c.txt to s3://site/sub/c.txt",
        "upload: site/sub/deep/d.png to s3://site/sub/deep/d.png",
      ]);
      // The link leading outside is never followed; the one inside is, as the CLI follows links.
      assertEquals(await keys("site"), ["a.txt", "alias.txt", "b.log", "sub/c.txt", "sub/deep/d.png"]);
      assertEquals(
        (await f.ours("aws s3 sync site s3://site --exclude '.git/*'")).text,
        "",
        "in step: nothing to do",
      );

      writeFileSync(join(f.work, "site", "a.txt"), "alpha, longer now");
      Deno.removeSync(join(f.work, "site", "b.log"));
      const dry = await f.ours("aws s3 sync site s3://site --exclude '.git/*' --delete --dryrun");
      assertEquals(sortedLines(dry.text), [
        "(dryrun) delete: s3://site/b.log",
        "(dryrun) upload: site/a.txt to s3://site/a.txt",
        // The link follows its target's change.
        "(dryrun) upload: site/alias.txt to s3://site/alias.txt",
      ]);
      assertEquals((await keys("site")).length, 5, "a dry run changes nothing");
      const pruned = await f.ours("aws s3 sync site s3://site --exclude '.git/*' --delete");
      assertEquals(sortedLines(pruned.text), [
        "delete: s3://site/b.log",
        "upload: site/a.txt to s3://site/a.txt",
        "upload: site/alias.txt to s3://site/alias.txt",
      ]);

      // Down again: the object's time is the file's, so a second sync finds them in step.
      const down = await f.ours("aws s3 sync s3://site copy --exclude '*.png'");
      assertEquals(sortedLines(down.text), [
        "download: s3://site/a.txt to copy/a.txt",
        "download: s3://site/alias.txt to copy/alias.txt",
        "download: s3://site/sub/c.txt to copy/sub/c.txt",
      ]);
      assertEquals(readFileSync(join(f.work, "copy", "a.txt"), "utf8"), "alpha, longer now");
      assertEquals((await f.ours("aws s3 sync s3://site copy --exclude '*.png'")).text, "");

      // S3 to S3 with filters in order, then a move that empties the source, and a filtered removal.
      assertEquals((await f.ours("aws s3 mb s3://backup")).status, "success");
      const copied = await f.ours(
        "aws s3 cp s3://site s3://backup/2026 --recursive --exclude '*' --include '*.txt'",
      );
      assertEquals(sortedLines(copied.text), [
        "copy: s3://site/a.txt to s3://backup/2026/a.txt",
        "copy: s3://site/alias.txt to s3://backup/2026/alias.txt",
        "copy: s3://site/sub/c.txt to s3://backup/2026/sub/c.txt",
      ]);
      const moved = await f.ours("aws s3 mv copy s3://backup/moved --recursive");
      assertEquals(moved.status, "success", JSON.stringify(moved.error));
      ok(sortedLines(moved.text).every((l) => l.startsWith("move: copy/")), String(moved.text));
      ok(!existsSync(join(f.work, "copy", "a.txt")), "moved files are gone locally");
      const removed = await f.ours("aws s3 rm s3://backup --recursive --exclude 'moved/*'");
      assertEquals(sortedLines(removed.text), [
        "delete: s3://backup/2026/a.txt",
        "delete: s3://backup/2026/alias.txt",
        "delete: s3://backup/2026/sub/c.txt",
      ]);
      assertEquals(await keys("backup"), ["moved/a.txt", "moved/alias.txt", "moved/sub/c.txt"]);

      if (!f.compare) return;
      // The AWS CLI, same steps against the same s3rver: the same lines and the same bucket.
      tree("clisite");
      await f.cli("aws s3 mb s3://clisite");
      const cliFirst = await f.cli("aws s3 sync clisite s3://clisite --exclude '.git/*'");
      const cliLines = sortedLines(cliFirst.out).map((l) => l.replaceAll("clisite", "site"));
      assertEquals(cliLines.filter((l) => !l.includes("leak.txt")), sortedLines(first.text));
      ok(cliLines.includes("upload: site/leak.txt to s3://site/leak.txt"), cliLines.join("\n"));
      // The CLI follows the link out of the folder too (leak.txt); this server never does.
      assertEquals(await keys("clisite"), [
        "a.txt",
        "alias.txt",
        "b.log",
        "leak.txt",
        "sub/c.txt",
        "sub/deep/d.png",
      ]);
      assertEquals((await f.cli("aws s3 sync clisite s3://clisite --exclude '.git/*'")).out, "");
      // Downloads and S3-to-S3 copies print the same lines; files the CLI wrote are in step for us.
      const cliDown = await f.cli("aws s3 sync s3://site clicopy --exclude '*.png'");
      assertEquals(sortedLines(cliDown.out), sortedLines(down.text?.replaceAll(" copy/", " clicopy/")));
      assertEquals((await f.ours("aws s3 sync s3://site clicopy --exclude '*.png'")).text, "");
      const cliCopied = await f.cli(
        "aws s3 cp s3://site s3://backup/cli --recursive --exclude '*' --include '*.txt'",
      );
      assertEquals(sortedLines(cliCopied.out), sortedLines(copied.text?.replaceAll("/2026/", "/cli/")));
      const cliOne = await f.cli("aws s3 cp s3://site/sub/c.txt one/");
      assertEquals(
        cliOne.out,
        (await f.ours("aws s3 cp s3://site/sub/c.txt two/")).text?.replace("two/", "one/"),
      );
    }),
);

s3Test(
  "a 20 MB object goes up in 8 MB parts (or as the profile's s3 section says) and comes down in 8 MB ranges, byte for byte",
  () =>
    withS3("s3multipart", async (f) => {
      const data = new Uint8Array(20 * 1024 * 1024);
      for (let i = 0; i < data.length; i += 65536) crypto.getRandomValues(data.subarray(i, i + 65536));
      writeFileSync(join(f.work, "big.bin"), data);
      assertEquals((await f.ours("aws s3 mb s3://big")).status, "success");
      // Through a proxy that notes each request on its way to s3rver: the parts show in the requests.
      const seen: string[] = [];
      const target = new URL((await f.ours("aws s3api list-buckets")).command.split("--endpoint-url ")[1]);
      const noting = async () => {
        const server = createServer((req, res) => {
          seen.push(`${req.method} ${req.url}${req.headers.range ? ` ${req.headers.range}` : ""}`);
          const out = httpRequest(
            {
              host: target.hostname,
              port: target.port,
              method: req.method,
              path: req.url,
              headers: req.headers,
            },
            (answer) => {
              res.writeHead(answer.statusCode ?? 500, answer.headers);
              answer.pipe(res);
            },
          );
          req.pipe(out);
        });
        await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
        return server;
      };
      const proxy = await noting();
      const config = loadConfig({ HOME: f.work, AWS_API_MCP_WORKING_DIR: f.work, AWS_REGION: "us-east-1" });
      ok(config.ok);
      const port = (proxy.address() as { port: number }).port;
      const progress: string[] = [];
      const upload = async (profileS3: string) => {
        // The profile's s3 section, read as the CLI reads it from the shared config file.
        const file = join(f.work, `config-${seen.length}`);
        writeFileSync(file, `[default]\ns3 =\n${profileS3}`);
        Deno.env.set("AWS_CONFIG_FILE", file);
        seen.length = 0;
        progress.length = 0;
        try {
          const deps = callDeps(config.config, {});
          deps.onProgress = (_done, _total, message) => message && progress.push(message);
          const [up] = await callAws(
            [`aws s3 cp big.bin s3://big/big.bin --endpoint-url http://127.0.0.1:${port}`],
            deps,
          );
          assertEquals(
            [up.status, up.text],
            ["success", "upload: ./big.bin to s3://big/big.bin\n"],
            JSON.stringify(up.error),
          );
        } finally {
          Deno.env.delete("AWS_CONFIG_FILE");
        }
        return {
          parts: seen.filter((r) => r.startsWith("PUT") && r.includes("partNumber=")).length,
          started: seen.some((r) => r.startsWith("POST") && r.includes("uploads")),
          whole: seen.filter((r) => r.startsWith("PUT") && !r.includes("partNumber=")).length,
        };
      };
      // The CLI's defaults: 20 MB in parts of at most 8 MB — three, after CreateMultipartUpload.
      assertEquals(await upload("  max_concurrent_requests = 10\n"), { parts: 3, started: true, whole: 0 });
      // Each part reported as it goes, the last with the whole size.
      const parts = progress.filter((m) => m.startsWith("upload: ./big.bin to s3://big/big.bin "));
      ok(parts.length >= 3, JSON.stringify(progress));
      assertEquals(parts.at(-1), "upload: ./big.bin to s3://big/big.bin 20 of 20 MiB");
      // The profile's own: 6 MB parts make four; a 64 MB threshold makes one PutObject.
      assertEquals(await upload("  multipart_chunksize = 6MB\n"), { parts: 4, started: true, whole: 0 });
      assertEquals(await upload("  multipart_threshold = 64MB\n"), { parts: 0, started: false, whole: 1 });
      // Down in 8 MB ranges, written in order.
      seen.length = 0;
      const [synced] = await callAws(
        [`aws s3 sync s3://big back --endpoint-url http://127.0.0.1:${port}`],
        callDeps(config.config, { AWS_CONFIG_FILE: "/nonexistent" }),
      );
      await new Promise((r) => proxy.close(r));
      assertEquals(synced.text, "download: s3://big/big.bin to back/big.bin\n", JSON.stringify(synced.error));
      assertEquals(
        seen.filter((r) => r.startsWith("GET") && r.includes("bytes=")).map((r) => r.split(" ").at(-1))
          .sort(),
        ["bytes=0-8388607", "bytes=16777216-20971519", "bytes=8388608-16777215"],
      );
      const head = await f.ours("aws s3api head-object --bucket big --key big.bin");
      assertEquals((head.response as { ContentLength: number }).ContentLength, data.length);
      const modified = new Date((head.response as { LastModified: string }).LastModified).getTime();
      // One object downloaded by cp: sized by a HeadObject, fetched in ranges too, the object's time on it.
      seen.length = 0;
      const proxy2 = await noting();
      const [one] = await callAws(
        [`aws s3 cp s3://big/big.bin one.bin --endpoint-url http://127.0.0.1:${
          (proxy2.address() as { port: number }).port
        }`],
        callDeps(config.config, { AWS_CONFIG_FILE: "/nonexistent" }),
      );
      await new Promise((r) => proxy2.close(r));
      assertEquals(one.text, "download: s3://big/big.bin to ./one.bin\n", JSON.stringify(one.error));
      assertEquals(seen.filter((r) => r.startsWith("HEAD")).length, 1);
      assertEquals(seen.filter((r) => r.startsWith("GET") && r.includes("bytes=")).length, 3);
      assertEquals(statSync(join(f.work, "one.bin")).mtimeMs, modified);
      for (const got of ["back/big.bin", "one.bin"]) {
        assertEquals(
          createHash("sha256").update(readFileSync(join(f.work, got))).digest("hex"),
          createHash("sha256").update(data).digest("hex"),
        );
      }
    }),
);

s3Test(
  "a transfer that fails midway reports each failed file, keeps what went through, and fails as a whole",
  () =>
    withS3("s3partial", async (f) => {
      assertEquals((await f.ours("aws s3 mb s3://part")).status, "success");
      mkdirSync(join(f.work, "src"));
      for (const n of ["a", "b", "c", "d"]) writeFileSync(join(f.work, "src", `${n}.txt`), n);
      assertEquals((await f.ours("aws s3 sync src s3://part")).status, "success");
      // A folder where b.txt would go: that one download cannot be written; the others can.
      mkdirSync(join(f.work, "dst", "b.txt"), { recursive: true });
      const r = await f.ours("aws s3 cp s3://part dst --recursive");
      assertEquals(r.status, "error");
      assertEquals(r.error?.code, "PARTIAL_FAILURE");
      const lines = r.error!.message.split("\n");
      ok(lines.some((l) => l.startsWith("download failed: s3://part/b.txt to dst/b.txt")), r.error!.message);
      for (const n of ["a", "c", "d"]) {
        ok(lines.includes(`download: s3://part/${n}.txt to dst/${n}.txt`), r.error!.message);
        assertEquals(readFileSync(join(f.work, "dst", `${n}.txt`), "utf8"), n);
      }
      ok(lines.at(-1)!.startsWith("1 of 4 files failed"), r.error!.message);
      // Nothing half-written is left beside the files.
      assertEquals(readdirSync(join(f.work, "dst")).sort(), ["a.txt", "b.txt", "c.txt", "d.txt"]);
    }),
);

s3Test(
  "object options reach the object: --metadata as shorthand or JSON, --content-type, --cache-control, --expires",
  () =>
    withS3("s3options", async (f) => {
      writeFileSync(join(f.work, "page.html"), "<p>hi</p>");
      assertEquals((await f.ours("aws s3 mb s3://opts")).status, "success");
      const cases: Array<[string, Record<string, unknown>]> = [
        ["--metadata team=web,tier=gold", {
          Metadata: { team: "web", tier: "gold" },
          ContentType: "text/html",
        }],
        [`--metadata '{"team": "data"}' --content-type text/plain`, {
          Metadata: { team: "data" },
          ContentType: "text/plain",
        }],
        ["--cache-control max-age=60 --expires 2030-01-01T00:00:00Z", {
          CacheControl: "max-age=60",
          Expires: "2030-01-01T00:00:00+00:00",
        }],
      ];
      for (const [flags, want] of cases) {
        const up = await f.ours(`aws s3 cp page.html s3://opts/page.html ${flags}`);
        assertEquals(up.status, "success", `${flags}: ${JSON.stringify(up.error)}`);
        const head = (await f.ours("aws s3api head-object --bucket opts --key page.html")).response as Record<
          string,
          unknown
        >;
        for (const [k, v] of Object.entries(want)) assertEquals(head[k], v, `${flags}: ${k}`);
      }
      const bad = await f.ours("aws s3 cp page.html s3://opts/p.html --expires someday");
      assertEquals(bad.error?.code, "INVALID_VALUE");
    }),
);

Deno.test({
  name:
    "S3-to-S3 copies above 8 MB go as a multipart copy of 8 MB ranges carrying the source's type; smaller as one",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const SIZE = 20 * 1024 * 1024;
    // s3rver has no UploadPartCopy: a recording endpoint answers as S3 does.
    const rec = await startRecorder((r) => {
      const xml = (body: string) => ({ headers: { "content-type": "application/xml" }, body });
      if (r.method === "HEAD") {
        const big = r.path.endsWith("/big.bin");
        return {
          headers: {
            "content-length": String(big ? SIZE : 1024),
            "content-type": big ? "video/mp4" : "text/plain",
            "x-amz-meta-owner": "media",
            etag: '"e"',
          },
        };
      }
      if (r.method === "POST" && r.query.startsWith("uploads")) {
        return xml("<InitiateMultipartUploadResult><UploadId>U1</UploadId></InitiateMultipartUploadResult>");
      }
      if (r.method === "PUT" && r.query.includes("partNumber=")) {
        const n = new URLSearchParams(r.query).get("partNumber");
        return xml(`<CopyPartResult><ETag>"p${n}"</ETag></CopyPartResult>`);
      }
      if (r.method === "POST" && r.query.includes("uploadId=")) {
        return xml('<CompleteMultipartUploadResult><ETag>"x-3"</ETag></CompleteMultipartUploadResult>');
      }
      return xml('<CopyObjectResult><ETag>"c"</ETag></CopyObjectResult>');
    });
    try {
      const work = mkdtempSync(join(tmpdir(), "s3copy-"));
      const config = loadConfig({ HOME: work, AWS_API_MCP_WORKING_DIR: work, AWS_REGION: "us-east-1" });
      ok(config.ok);
      for (const [k, v] of Object.entries(CREDS)) Deno.env.set(k, v);
      const deps = callDeps(config.config, { AWS_CONFIG_FILE: "/nonexistent" });
      const [big, small] = await callAws([
        `aws s3 cp s3://src/big.bin s3://dst/big.bin --endpoint-url ${rec.endpoint}`,
        `aws s3 cp s3://src/small.txt s3://dst/small.txt --endpoint-url ${rec.endpoint}`,
      ], deps);
      assertEquals([big.status, big.text], ["success", "copy: s3://src/big.bin to s3://dst/big.bin\n"]);
      assertEquals([small.status, small.text], [
        "success",
        "copy: s3://src/small.txt to s3://dst/small.txt\n",
      ]);
      const to = (key: string) => rec.requests.filter((q) => q.path === `/dst/${key}`);
      const create = to("big.bin").find((q) => q.method === "POST" && q.query.startsWith("uploads"))!;
      ok(create, JSON.stringify(rec.requests.map((q) => [q.method, q.path, q.query])));
      assertEquals([create.headers["content-type"], create.headers["x-amz-meta-owner"]], [
        "video/mp4",
        "media",
      ]);
      const parts = to("big.bin").filter((q) => q.method === "PUT")
        .map((q) => [new URLSearchParams(q.query).get("partNumber"), q.headers["x-amz-copy-source-range"]])
        .sort();
      assertEquals(parts, [["1", "bytes=0-8388607"], ["2", "bytes=8388608-16777215"], [
        "3",
        "bytes=16777216-20971519",
      ]]);
      ok(to("big.bin").every((q) => q.method !== "PUT" || q.headers["x-amz-copy-source"] === "src/big.bin"));
      const complete = to("big.bin").find((q) => q.method === "POST" && q.query.includes("uploadId=U1"))!;
      ok(complete, JSON.stringify(rec.requests.map((q) => [q.method, q.path, q.query])));
      // The parts in order, each with the ETag its UploadPartCopy returned.
      const listed = [...complete.body.matchAll(/<Part>(.*?)<\/Part>/gs)].map((m) => [
        /<PartNumber>(\d+)<\/PartNumber>/.exec(m[1])?.[1],
        /<ETag>([^<]+)<\/ETag>/.exec(m[1])?.[1]?.replaceAll("&quot;", '"'),
      ]);
      assertEquals(listed, [["1", '"p1"'], ["2", '"p2"'], ["3", '"p3"']]);
      // The small one: a single CopyObject.
      assertEquals(to("small.txt").map((q) => [q.method, q.query, q.headers["x-amz-copy-source"]]), [
        ["PUT", "x-id=CopyObject", "src/small.txt"],
      ]);
    } finally {
      await rec.stop();
    }
  },
});

Deno.test({
  name:
    "--copy-props as the CLI applies it: none replaces, metadata-directive drops tags, default carries tags into a multipart copy",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const SIZE = 20 * 1024 * 1024;
    let longTags = false;
    const rec = await startRecorder((r) => {
      const xml = (body: string) => ({ headers: { "content-type": "application/xml" }, body });
      const big = r.path.endsWith("/big.bin");
      if (r.method === "HEAD") {
        return {
          headers: {
            "content-length": String(big ? SIZE : 1024),
            "content-type": big ? "video/mp4" : "text/plain",
            "cache-control": "max-age=60",
            "x-amz-meta-owner": "media",
            etag: '"e"',
          },
        };
      }
      if (r.method === "GET" && r.query.startsWith("tagging")) {
        const tags = longTags
          ? Array.from({ length: 10 }, (_, i) => [`k${i}`, "v".repeat(250)])
          : [["team", "media"], ["stage", "prod"]];
        return xml(
          `<Tagging><TagSet>${
            tags.map(([k, v]) => `<Tag><Key>${k}</Key><Value>${v}</Value></Tag>`).join("")
          }</TagSet></Tagging>`,
        );
      }
      if (r.method === "POST" && r.query.startsWith("uploads")) {
        return xml("<InitiateMultipartUploadResult><UploadId>U1</UploadId></InitiateMultipartUploadResult>");
      }
      if (r.method === "PUT" && r.query.includes("partNumber=")) {
        return xml(`<CopyPartResult><ETag>"p"</ETag></CopyPartResult>`);
      }
      if (r.method === "POST" && r.query.includes("uploadId=")) {
        return xml('<CompleteMultipartUploadResult><ETag>"x-3"</ETag></CompleteMultipartUploadResult>');
      }
      if (r.method === "PUT" && r.query.startsWith("tagging")) return { status: 200 };
      return xml('<CopyObjectResult><ETag>"c"</ETag></CopyObjectResult>');
    });
    try {
      const work = mkdtempSync(join(tmpdir(), "s3copyprops-"));
      const config = loadConfig({ HOME: work, AWS_API_MCP_WORKING_DIR: work, AWS_REGION: "us-east-1" });
      ok(config.ok);
      for (const [k, v] of Object.entries(CREDS)) Deno.env.set(k, v);
      const deps = callDeps(config.config, { AWS_CONFIG_FILE: "/nonexistent" });
      const run = async (args: string) => {
        const [r] = await callAws([`aws s3 cp ${args} --endpoint-url ${rec.endpoint}`], deps);
        assertEquals(r.status, "success", JSON.stringify(r.error));
      };
      const sent = (key: string) => rec.requests.filter((q) => q.path === `/dst/${key}`);
      const header = (key: string, method: string, query: string, name: string) =>
        sent(key).find((q) => q.method === method && q.query.startsWith(query))?.headers[name];

      await run("s3://src/small.txt s3://dst/none.txt --copy-props none");
      assertEquals(
        [
          header("none.txt", "PUT", "x-id=CopyObject", "x-amz-metadata-directive"),
          header(
            "none.txt",
            "PUT",
            "x-id=CopyObject",
            "x-amz-tagging-directive",
          ),
        ],
        ["REPLACE", "REPLACE"],
      );
      await run("s3://src/big.bin s3://dst/none.bin --copy-props none");
      assertEquals(
        ["content-type", "x-amz-meta-owner", "x-amz-tagging"].map((h) =>
          header("none.bin", "POST", "uploads", h)
        ),
        [undefined, undefined, undefined],
      );

      await run("s3://src/small.txt s3://dst/md.txt --copy-props metadata-directive");
      assertEquals(
        ["x-amz-metadata-directive", "x-amz-tagging-directive"].map((h) =>
          header("md.txt", "PUT", "x-id=CopyObject", h)
        ),
        [undefined, "REPLACE"],
      );
      await run("s3://src/big.bin s3://dst/md.bin --copy-props metadata-directive");
      assertEquals(
        ["content-type", "cache-control", "x-amz-meta-owner", "x-amz-tagging"].map((h) =>
          header("md.bin", "POST", "uploads", h)
        ),
        ["video/mp4", "max-age=60", "media", undefined],
      );

      // Setting one content header replaces the metadata; the rest come from the source.
      await run("s3://src/small.txt s3://dst/typed.txt --content-type text/x-log");
      assertEquals(
        ["x-amz-metadata-directive", "content-type", "cache-control", "x-amz-meta-owner"].map((h) =>
          header("typed.txt", "PUT", "x-id=CopyObject", h)
        ),
        ["REPLACE", "text/x-log", "max-age=60", "media"],
      );
      await run("s3://src/big.bin s3://dst/default.bin");
      assertEquals(header("default.bin", "POST", "uploads", "x-amz-tagging"), "team=media&stage=prod");
      // Tags too long for a header are put once the copy is complete.
      longTags = true;
      await run("s3://src/big.bin s3://dst/long.bin");
      assertEquals(header("long.bin", "POST", "uploads", "x-amz-tagging"), undefined);
      const last = sent("long.bin").at(-1)!;
      ok(last.method === "PUT" && last.query.startsWith("tagging"), `${last.method} ${last.query}`);
      ok(last.body.includes("<Key>k9</Key>"));
      // --metadata-directive turns copy-props off: the copy gets what is asked, the source's own properties
      // are not read (the HeadObject is the one the CLI sends to learn the size of a single object).
      const before = rec.requests.length;
      await run("s3://src/small.txt s3://dst/explicit.txt --metadata-directive COPY --copy-props none");
      assertEquals(
        rec.requests.slice(before).map((q) => [q.method, q.path, q.headers["x-amz-metadata-directive"]]),
        [["HEAD", "/src/small.txt", undefined], ["PUT", "/dst/explicit.txt", "COPY"]],
      );
    } finally {
      await rec.stop();
    }
  },
});

Deno.test({
  name:
    "a download skips keys that climb above the destination folder, with the CLI's warning, as the CLI does",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const keys = ["pre/ok.txt", "pre/../escape.txt", "pre/a/../../up.txt", "pre/a/../inside.txt"];
    const rec = await startRecorder((r): { headers: Record<string, string>; body: string } => {
      if (r.method === "GET" && new URLSearchParams(r.query).get("list-type") === "2") {
        const contents = keys.map((k) =>
          `<Contents><Key>${
            encodeURIComponent(k).replaceAll("%2F", "/")
          }</Key><LastModified>2026-01-02T03:04:05.000Z</LastModified><ETag>"e"</ETag><Size>2</Size><StorageClass>STANDARD</StorageClass></Contents>`
        ).join("");
        return {
          headers: { "content-type": "application/xml" },
          body:
            `<ListBucketResult><Name>b</Name><Prefix>pre/</Prefix><KeyCount>${keys.length}</KeyCount><MaxKeys>1000</MaxKeys><EncodingType>url</EncodingType><IsTruncated>false</IsTruncated>${contents}</ListBucketResult>`,
        };
      }
      return {
        headers: {
          "content-type": "text/plain",
          "content-length": "2",
          "last-modified": "Fri, 02 Jan 2026 03:04:05 GMT",
        },
        body: "hi",
      };
    });
    const work = mkdtempSync(join(tmpdir(), "s3parent-"));
    try {
      mkdirSync(join(work, "ours", "dst"), { recursive: true });
      const config = loadConfig({
        HOME: work,
        AWS_API_MCP_WORKING_DIR: join(work, "ours"),
        AWS_REGION: "us-east-1",
      });
      ok(config.ok);
      for (const [k, v] of Object.entries(CREDS)) Deno.env.set(k, v);
      const deps = callDeps(config.config, { AWS_CONFIG_FILE: "/nonexistent" });
      const command = `aws s3 cp s3://b/pre/ dst --recursive --endpoint-url ${rec.endpoint}`;
      const [r] = await callAws([command], deps);
      assertEquals(r.status, "success", JSON.stringify(r.error));
      const lines = r.text!.trimEnd().split("\n");
      assertEquals(lines.filter((l) => l.startsWith("warning:")).sort(), [
        "warning: Skipping file ../escape.txt. File references a parent directory.",
        "warning: Skipping file a/../../up.txt. File references a parent directory.",
      ]);
      assertEquals(lines.filter((l) => !l.startsWith("warning:")).sort(), [
        "download: s3://b/pre/a/../inside.txt to dst/inside.txt",
        "download: s3://b/pre/ok.txt to dst/ok.txt",
      ]);
      assertEquals(readdirSync(join(work, "ours")).sort(), ["dst"]);
      assertEquals(readdirSync(join(work, "ours", "dst")).sort(), ["inside.txt", "ok.txt"]);
      if (cliAvailable || referenceRequired) {
        mkdirSync(join(work, "cli", "dst"), { recursive: true });
        const cli = await new Deno.Command(CLI, {
          args: [...lex(command).slice(1), "--region", "us-east-1"],
          cwd: join(work, "cli"),
          env: { ...CREDS, PATH: Deno.env.get("PATH") ?? "", HOME: work, AWS_CONFIG_FILE: "/nonexistent" },
          clearEnv: true,
        }).output();
        const said = shown(new TextDecoder().decode(cli.stdout) + new TextDecoder().decode(cli.stderr))
          .split("\n").map((l) => l.trim()).filter((l) =>
            l.startsWith("warning:") || l.startsWith("download:")
          );
        assertEquals(said.sort(), [...lines].sort());
        // The same files (the CLI also leaves an empty folder a/ behind, which we do not make).
        const files = readdirSync(join(work, "cli", "dst")).filter((n) =>
          statSync(join(work, "cli", "dst", n)).isFile()
        );
        assertEquals(files.sort(), ["inside.txt", "ok.txt"]);
        assertEquals(readdirSync(join(work, "cli")), ["dst"]);
      }
    } finally {
      await rec.stop();
      rmSync(work, { recursive: true, force: true });
    }
  },
});
