/**
 * For the output tests: documents full of what decides how a value prints (quoting, folding, widths), and
 * what the AWS CLI's own formatters (of /usr/bin/aws) print for them.
 */

/**
 * What the CLI prints for each document: `yaml` (its YAMLDumper), `table` (its TableFormatter, titled "T") or
 * `template` (the YAML `cloudformation package` writes);
 * null where the CLI fails (its table refuses rows of differing lengths in one section, and lists mixing objects with other values).
 */
export async function cliFormat(
  kind: "yaml" | "table" | "template",
  docs: unknown[],
): Promise<Array<string | null>> {
  const script = [
    "import sys, json, io, argparse",
    "from collections import OrderedDict",
    "from awscli.formatter import YAMLDumper, TableFormatter",
    "from awscli.customizations.cloudformation.yamlhelper import yaml_dump",
    "args = argparse.Namespace(color='auto', query=None)",
    "for line in sys.stdin:",
    "    out = io.StringIO()",
    "    try:",
    kind === "yaml"
      ? "        YAMLDumper().dump(json.loads(line), out)"
      : kind === "table"
      ? "        TableFormatter(args)('T', json.loads(line), out)"
      : "        out.write(yaml_dump(json.loads(line, object_pairs_hook=OrderedDict)))",
    "        sys.stdout.write(json.dumps(out.getvalue()) + '\\n')",
    "    except Exception:",
    "        sys.stdout.write('null\\n')",
  ].join("\n");
  const out = await python(script, docs.map((d) => JSON.stringify(d)).join("\n") + "\n");
  return out.trimEnd().split("\n").map((l) => JSON.parse(l));
}

/** What a Python script (run by the reference CLI's Python, which imports awscli) prints for some input. */
export async function python(script: string, input: string): Promise<string> {
  const child = new Deno.Command("/usr/bin/python3", {
    args: ["-c", script],
    stdin: "piped",
    stdout: "piped",
  })
    .spawn();
  // Read while writing: a full pipe would otherwise stall both sides.
  const reading = child.output();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(input));
  await writer.close();
  return new TextDecoder().decode((await reading).stdout);
}

/** A deterministic generator, so that a failure can be replayed. */
export function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const PIECES = [
  "word",
  "Word",
  "x",
  " ",
  " ",
  "  ",
  ": ",
  ":",
  " #",
  "#",
  "-",
  "- ",
  "'",
  '"',
  "\\",
  "\n",
  "\t",
  "?",
  ",",
  "[",
  "]",
  "{",
  "}",
  "&",
  "*",
  "!",
  "|",
  ">",
  "%",
  "@",
  "`",
  "é",
  "✓",
  "😀",
  "\u00a0",
  "\u2028",
  "\ufeff",
  "123",
  "0x1F",
  "1e5",
  "1.5",
  "2026-01-02",
  "2026-01-02T03:04:05Z",
  "true",
  "null",
  "~",
  "<<",
  "=",
  "---",
  "...",
  "arn:aws:s3:::bucket/key",
  "s3://b/k",
  "https://example.com/a?b=c#d",
  "a-long-word-without-any-spaces-at-all-that-runs-on-and-on-past-eighty-columns-easily-enough",
  "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore",
];

export function randomString(next: () => number): string {
  const n = Math.floor(next() * 6);
  let s = "";
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(next() * PIECES.length)];
  return s;
}

export function randomValue(next: () => number, depth: number): unknown {
  const r = next();
  if (depth > 3 || r < 0.45) {
    const k = next();
    if (k < 0.7) return randomString(next);
    if (k < 0.8) return Math.floor(next() * 1e6) - 1000;
    if (k < 0.85) return next() < 0.5;
    if (k < 0.9) return null;
    return randomString(next).length > 3 ? [] : {};
  }
  if (r < 0.7) return Array.from({ length: 1 + Math.floor(next() * 3) }, () => randomValue(next, depth + 1));
  const out: Record<string, unknown> = {};
  for (let i = 0; i < 1 + Math.floor(next() * 4); i++) {
    out[next() < 0.8 ? PIECES[Math.floor(next() * 3)] + i : randomString(next).replaceAll("\n", "")] =
      randomValue(
        next,
        depth + 1,
      );
  }
  return out;
}

/** The first line where each of the first three differing documents differ, for an assertion message. */
export function firstDifferences(docs: unknown[], want: Array<string | null>, got: string[]) {
  const lines = (t: string) => t.split("\n");
  return docs.map((d, i) => [d, want[i] ?? "", got[i]] as const).filter((_, i) => want[i] !== null)
    .filter(([, w, g]) => w !== g).slice(0, 3).map(([d, w, g]) => {
      const at = lines(w).findIndex((l, i) => l !== lines(g)[i]);
      return { doc: JSON.stringify(d), line: at, want: lines(w)[at], got: lines(g)[at] };
    });
}
