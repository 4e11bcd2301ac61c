/**
 * Items 10 and 11 of the adversarial review: a symlink swapped in while a file is used never lets a read
 * or write escape the working folder, and FIFOs or devices never freeze the server. The swapping runs in
 * a separate process, so the race is real.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { loadConfig } from "../../src/config.ts";
import { callAws } from "../../src/exec/call.ts";
import { callDeps } from "../../src/exec/environment.ts";
import { FileFailure, readConfined, readConfinedSync, writeConfined } from "../../src/policy/confined-io.ts";
import { loadScripts } from "../../src/scripts/loader.ts";
import { startRecorder } from "../../scripts/local-servers.ts";

Deno.env.set("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
Deno.env.set("AWS_SECRET_ACCESS_KEY", "secret");

function world() {
  const root = mkdtempSync(join(tmpdir(), "confined-"));
  const work = join(root, "work");
  const outside = join(root, "outside");
  mkdirSync(work);
  mkdirSync(outside);
  writeFileSync(join(outside, "secret.txt"), "OUTSIDE-SECRET");
  writeFileSync(join(outside, "target.txt"), "ORIGINAL");
  writeFileSync(join(work, "in.txt"), "inside");
  return { root, work, outside, c: { mode: "workdir" as const, workdir: work } };
}

/** call_aws's dependencies with this working folder. */
function depsIn(work: string) {
  const cfg = loadConfig({
    HOME: Deno.env.get("HOME"),
    AWS_API_MCP_WORKING_DIR: work,
    AWS_REGION: "us-east-1",
  });
  if (!cfg.ok) throw new Error(cfg.error.message);
  return callDeps(cfg.config, {});
}

/** Swaps `name` in `dir` between a regular file and a symlink to `outsideFile`, atomically, until stopped. */
function swapper(dir: string, name: string, outsideFile: string): Deno.ChildProcess {
  const script = `cd "$1"; while :; do
    printf inside > ".r-$2"; mv -f ".r-$2" "$2"
    ln -sfn "$3" ".l-$2"; mv -Tf ".l-$2" "$2"
  done`;
  return new Deno.Command("bash", { args: ["-c", script, "swap", dir, name, outsideFile] }).spawn();
}

async function stop(child: Deno.ChildProcess) {
  child.kill("SIGKILL");
  await child.status;
}

function code(e: unknown): string {
  return e instanceof FileFailure ? e.error.code : `unexpected: ${(e as Error).message}`;
}

Deno.test("a symlink as the last part of a path is never followed out; one leading inside is fine", async () => {
  const w = world();
  symlinkSync(join(w.outside, "secret.txt"), join(w.work, "out-link.txt"));
  symlinkSync(join(w.work, "in.txt"), join(w.work, "in-link.txt"));
  for (const read of [() => readConfinedSync("out-link.txt", w.c), () => readConfined("out-link.txt", w.c)]) {
    try {
      await read();
      ok(false, "read outside");
    } catch (e) {
      assertEquals(code(e), "FILE_ACCESS_DENIED");
    }
  }
  assertEquals(new TextDecoder().decode(readConfinedSync("in-link.txt", w.c)), "inside");
  symlinkSync(join(w.outside, "target.txt"), join(w.work, "write-link.txt"));
  await writeConfined("write-link.txt", new TextEncoder().encode("x"), w.c).catch((e) => {
    assertEquals(code(e), "FILE_ACCESS_DENIED");
  });
  assertEquals(readFileSync(join(w.outside, "target.txt"), "utf8"), "ORIGINAL");
  await writeConfined("sub/new.txt", new TextEncoder().encode("made"), w.c);
  assertEquals(readFileSync(join(w.work, "sub", "new.txt"), "utf8"), "made");
});

Deno.test("reads and writes racing a symlink swap never touch the outside file", async () => {
  const w = world();
  writeFileSync(join(w.work, "flip.txt"), "inside");
  writeFileSync(join(w.work, "wflip.txt"), "inside");
  const readSwap = swapper(w.work, "flip.txt", join(w.outside, "secret.txt"));
  const writeSwap = swapper(w.work, "wflip.txt", join(w.outside, "target.txt"));
  const seen = { inside: 0, refused: 0, wrote: 0 };
  try {
    await new Promise((r) => setTimeout(r, 100));
    for (let i = 0; i < 300; i++) {
      try {
        const data = i % 2 ? readConfinedSync("flip.txt", w.c) : await readConfined("flip.txt", w.c);
        const text = new TextDecoder().decode(data);
        ok(text === "inside", `read ${JSON.stringify(text)}`);
        seen.inside++;
      } catch (e) {
        ok(code(e).startsWith("FILE_"), code(e));
        seen.refused++;
      }
      try {
        await writeConfined("wflip.txt", new TextEncoder().encode(`w${i}`), w.c);
        seen.wrote++;
      } catch (e) {
        ok(code(e).startsWith("FILE_"), code(e));
      }
    }
  } finally {
    await stop(readSwap);
    await stop(writeSwap);
  }
  assertEquals(readFileSync(join(w.outside, "target.txt"), "utf8"), "ORIGINAL");
  assertEquals(readFileSync(join(w.outside, "secret.txt"), "utf8"), "OUTSIDE-SECRET");
  console.log(`race: ${JSON.stringify(seen)}`);
  ok(seen.inside > 0 && seen.wrote > 0, "the race also let legitimate uses through");
});

Deno.test({
  name: "put-object uploads racing a symlink swap never carry the outside file (end to end)",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const w = world();
    writeFileSync(join(w.work, "flip.txt"), "inside");
    const rec = await startRecorder(() => ({ headers: { etag: '"e"' }, body: "" }));
    const deps = depsIn(w.work);
    const command = `aws s3api put-object --bucket b --key k --body flip.txt --endpoint-url ${rec.endpoint}`;
    // Before the race the upload goes through: the set-up is sound, so the race is what is tested.
    assertEquals((await callAws([command], deps))[0].status, "success");
    const before = rec.requests.length;
    const swap = swapper(w.work, "flip.txt", join(w.outside, "secret.txt"));
    try {
      const command =
        `aws s3api put-object --bucket b --key k --body flip.txt --endpoint-url ${rec.endpoint}`;
      for (let i = 0; i < 5; i++) await callAws(Array(20).fill(command), deps);
    } finally {
      await stop(swap);
      await rec.stop();
    }
    console.log(`race: ${rec.requests.length - before} of 100 uploads went through, the rest were refused`);
    assertEquals(rec.requests.filter((r) => r.body.includes("OUTSIDE-SECRET")).length, 0);
  },
});

/** Runs `fn`, failing if it takes longer than `ms`: a FIFO read would block forever. */
async function within<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([fn(), late]);
  } finally {
    clearTimeout(timer);
  }
}

Deno.test({
  name: "FIFOs are refused at once: --cli-input-json, --body, and a *.script.md in the scripts folder",
  ignore: Deno.build.os === "windows", // no FIFOs (mkfifo) there
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const w = world();
    for (const f of ["pipe.json", "pipe.bin"]) {
      new Deno.Command("mkfifo", { args: [join(w.work, f)] }).outputSync();
    }
    const deps = depsIn(w.work);
    const results = await within(5000, () =>
      callAws([
        "aws s3api list-buckets --cli-input-json file://pipe.json --endpoint-url http://127.0.0.1:9",
        "aws s3api put-object --bucket b --key k --body pipe.bin --endpoint-url http://127.0.0.1:9",
      ], deps));
    assertEquals(results.map((r) => r.error?.code), ["FILE_ERROR", "FILE_ERROR"]);
    ok(
      results.every((r) => /not a regular file|must be a path to a file/i.test(r.error!.message)),
      JSON.stringify(results),
    );

    const scripts = join(w.root, "scripts");
    mkdirSync(scripts);
    new Deno.Command("mkfifo", { args: [join(scripts, "frozen.script.md")] }).outputSync();
    writeFileSync(join(w.outside, "leak.script.md"), "---\ndescription: leaked\n---\nOUTSIDE-SECRET\n");
    symlinkSync(join(w.outside, "leak.script.md"), join(scripts, "leak.script.md"));
    const { scripts: loaded, problems } = await within(5000, () => Promise.resolve(loadScripts(scripts)));
    ok(!loaded.some((s) => s.name === "frozen" || s.name === "leak"), loaded.map((s) => s.name).join());
    assertEquals(problems.map((p) => basename(p.path)).sort(), ["frozen.script.md", "leak.script.md"]);
  },
});

Deno.test("parameter files are read asynchronously before the parse, never by the parser's synchronous path", async () => {
  const w = world();
  writeFileSync(join(w.work, "params.json"), JSON.stringify({ Bucket: "b", Key: "k" }));
  const deps = depsIn(w.work);
  const sync = deps.parse.files;
  deps.parse = {
    files: {
      ...sync,
      read: () => {
        throw new Error("a synchronous read on the request path");
      },
    },
  };
  const [r] = await callAws(
    ["aws s3api put-object --cli-input-json file://params.json --endpoint-url http://127.0.0.1:9"],
    deps,
  );
  assertEquals(r.error?.code, "NETWORK_ERROR", JSON.stringify(r.error));
  const [missing] = await callAws(["aws s3api put-object --cli-input-json file://none.json"], deps);
  ok(
    missing.error?.code === "FILE_ERROR" && missing.error.message.includes("No such file"),
    JSON.stringify(missing),
  );
});
