import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCommand } from "../../src/parse/command.ts";
import { diskFiles } from "../../src/parse/files.ts";
import { loadScripts, renderPlan, scriptCommands } from "../../src/scripts/loader.ts";

Deno.test("bundled scripts: at least eight, each with commands that parse and validate against the models", () => {
  const { scripts, problems } = loadScripts();
  assertEquals(problems, []);
  ok(scripts.length >= 8, `${scripts.length} scripts`);
  const failures: string[] = [];
  for (const s of scripts) {
    const commands = scriptCommands(s);
    ok(commands.length >= 3, `${s.name} has ${commands.length} commands`);
    for (const c of commands) {
      const filled = s.parameters.reduce((t, p) => t.replaceAll(`{${p.name}}`, p.example), c);
      ok(!/\{[a-z_]+\}/.test(filled.replace(/'[^']*'/g, "")), `${s.name}: unknown placeholder in ${c}`);
      const r = parseCommand(filled, { files: diskFiles(tmpdir()) });
      if (!r.ok) failures.push(`${s.name}: ${filled}\n    ${r.error.code}: ${r.error.message}`);
    }
  }
  assertEquals(failures, []);
});

Deno.test("user scripts override bundled ones; bad files are skipped with a reason", () => {
  const dir = mkdtempSync(join(tmpdir(), "scripts-"));
  const good =
    "---\ndescription: My own EC2 check\nparameters:\n  - name: id\n    description: x\n    example: i-1\n---\n```bash\naws ec2 describe-instances --instance-ids {id}\n```\n";
  writeFileSync(join(dir, "troubleshoot-ec2-unreachable.script.md"), good);
  writeFileSync(join(dir, "mine.script.md"), good);
  writeFileSync(join(dir, "no-front-matter.script.md"), "# just text\n");
  writeFileSync(join(dir, "bad-yaml.script.md"), "---\ndescription: [unclosed\n---\nbody\n");
  writeFileSync(join(dir, "no-description.script.md"), "---\ntags: [a]\n---\nbody\n");
  writeFileSync(join(dir, "empty-body.script.md"), "---\ndescription: nothing\n---\n");
  writeFileSync(join(dir, "Bad_Name.script.md"), good);
  writeFileSync(join(dir, "ignored.md"), good);
  const { scripts, problems } = loadScripts(dir);
  const ec2 = scripts.find((s) => s.name === "troubleshoot-ec2-unreachable")!;
  assertEquals([ec2.source, ec2.description], ["user", "My own EC2 check"]);
  ok(scripts.some((s) => s.name === "mine" && s.source === "user"));
  ok(!scripts.some((s) => s.name === "ignored"));
  const reasons = Object.fromEntries(problems.map((p) => [p.path.split("/").pop(), p.reason]));
  ok(reasons["no-front-matter.script.md"].includes("front matter"), JSON.stringify(reasons));
  ok(reasons["bad-yaml.script.md"].includes("YAML"));
  ok(reasons["no-description.script.md"].includes("description"));
  ok(reasons["empty-body.script.md"].includes("no steps"));
  ok(reasons["Bad_Name.script.md"].includes("lower-case"));
  const missing = loadScripts(join(dir, "nope"));
  ok(missing.problems.some((p) => p.reason.includes("cannot read")));
  ok(missing.scripts.length >= 8, "bundled scripts still load");
});

Deno.test("a plan names its parameters and carries the steps", () => {
  const s = loadScripts().scripts.find((x) => x.name === "investigate-lambda-errors")!;
  const plan = renderPlan(s);
  ok(plan.startsWith("# investigate-lambda-errors"));
  ok(plan.includes("{function_name}") && plan.includes("aws logs filter-log-events"));
});

Deno.test("scripts saved on Windows (a BOM, CRLF line ends, UTF-16) load like any other", () => {
  const dir = mkdtempSync(join(tmpdir(), "scripts-win-"));
  const text = "---\r\ndescription: Windows-made\r\n---\r\n```bash\r\naws ec2 describe-instances\r\n```\r\n";
  writeFileSync(join(dir, "bom-crlf.script.md"), `\uFEFF${text}`);
  const utf16 = new Uint8Array([
    0xff,
    0xfe,
    ...new Uint8Array(new Uint16Array([...text].map((c) => c.charCodeAt(0))).buffer),
  ]);
  writeFileSync(join(dir, "utf16.script.md"), utf16);
  const { scripts, problems } = loadScripts(dir);
  assertEquals(problems, []);
  for (const name of ["bom-crlf", "utf16"]) {
    const s = scripts.find((x) => x.name === name);
    ok(
      s && s.description === "Windows-made" && scriptCommands(s).includes("aws ec2 describe-instances"),
      name,
    );
  }
});
