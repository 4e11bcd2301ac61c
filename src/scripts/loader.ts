/**
 * Loads agent scripts: Markdown files `*.script.md` with YAML front matter. Bundled scripts ship inside
 * the program; user scripts from a folder override bundled ones of the same name. A bad file is skipped
 * with a reason, never fatal.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { AgentScript, ScriptProblem } from "./types.ts";
import { readConfinedSync } from "../policy/confined-io.ts";
import { decodeText } from "../text-encoding.ts";
import { appFile } from "../app-root.ts";

/** The scripts shipped with the program. */
const bundledDir = () => fileURLToPath(appFile("src/scripts/bundled/"));
const SUFFIX = ".script.md";

const frontMatterSchema = z.object({
  description: z.string().trim().min(1, "description must not be empty"),
  parameters: z.array(z.object({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/, "parameter names are lower_snake_case"),
    description: z.string().min(1),
    example: z.string().min(1),
    required: z.boolean().optional(),
  })).default([]),
  tags: z.array(z.string()).default([]),
  readOnly: z.boolean().default(true),
});

/** Parses one script file's text; returns the script or the reason it is invalid. */
export function parseScript(
  text: string,
  path: string,
  source: AgentScript["source"],
): { ok: true; script: AgentScript } | { ok: false; reason: string } {
  // Files saved on Windows may start with a BOM and end lines with CRLF.
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(
    text.replace(/^\uFEFF/, "").replaceAll("\r\n", "\n"),
  );
  if (!m) return { ok: false, reason: "no YAML front matter (the file must start with a --- block)" };
  let data: unknown;
  try {
    data = parseYaml(m[1], { maxAliasCount: 10 });
  } catch (e) {
    return { ok: false, reason: `bad YAML in front matter: ${(e as Error).message.split("\n")[0]}` };
  }
  const parsed = frontMatterSchema.safeParse(data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `front matter ${issue.path.join(".") || "(root)"}: ${issue.message}` };
  }
  const body = m[2].trim();
  if (!body) return { ok: false, reason: "the script has no steps after its front matter" };
  const name = basename(path).slice(0, -SUFFIX.length);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    return { ok: false, reason: `script names are lower-case-with-dashes, not '${name}'` };
  }
  return { ok: true, script: { name, ...parsed.data, body, source, path } };
}

function loadDir(dir: string, source: AgentScript["source"], problems: ScriptProblem[]): AgentScript[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(SUFFIX)).sort();
  } catch (e) {
    problems.push({ path: dir, reason: `cannot read the folder: ${(e as Error).message}` });
    return [];
  }
  const out: AgentScript[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    const path = join(dir, f);
    let text: string;
    try {
      // A user's script must be a regular file inside the folder: not a symlink leading out, not a FIFO.
      text = source === "bundled"
        ? readFileSync(path, "utf8")
        : decodeText(readConfinedSync(path, { mode: "workdir", workdir: dir }));
    } catch (e) {
      problems.push({ path, reason: `unreadable: ${(e as Error).message}` });
      continue;
    }
    const r = parseScript(text, path, source);
    if (!r.ok) problems.push({ path, reason: r.reason });
    else if (seen.has(r.script.name)) {
      problems.push({ path, reason: `duplicate script name '${r.script.name}'` });
    } else {
      seen.add(r.script.name);
      out.push(r.script);
    }
  }
  return out;
}

/** Bundled scripts, overridden by the user's folder (if given); sorted by name; problems listed. */
export function loadScripts(userDir?: string): { scripts: AgentScript[]; problems: ScriptProblem[] } {
  const problems: ScriptProblem[] = [];
  const byName = new Map<string, AgentScript>();
  for (const s of loadDir(bundledDir(), "bundled", problems)) byName.set(s.name, s);
  if (userDir) { for (const s of loadDir(userDir, "user", problems)) byName.set(s.name, s); }
  return { scripts: [...byName.values()].sort((a, b) => a.name.localeCompare(b.name)), problems };
}

/** The AWS CLI commands of a script: lines starting with `aws ` in its code blocks. */
export function scriptCommands(script: AgentScript): string[] {
  const out: string[] = [];
  for (const block of script.body.matchAll(/```[a-z]*\n([\s\S]*?)```/g)) {
    // Join backslash-continued lines, then keep the commands.
    for (const line of block[1].replace(/\\\n\s*/g, " ").split("\n")) {
      if (line.trim().startsWith("aws ")) out.push(line.trim());
    }
  }
  return out;
}

/** A script's full plan as returned by get_execution_plan. */
export function renderPlan(script: AgentScript): string {
  const params = script.parameters.length
    ? `\n\nParameters (replace {name} in the commands):\n${
      script.parameters.map((p) =>
        `- {${p.name}}${p.required === false ? " (optional)" : ""}: ${p.description} (e.g. ${p.example})`
      ).join("\n")
    }`
    : "";
  return `# ${script.name}\n\n${script.description}${params}\n\n${script.body}\n`;
}
