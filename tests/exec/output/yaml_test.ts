/**
 * `--output yaml` against the AWS CLI's own YAML dumper (awscli.formatter.YAMLDumper of /usr/bin/aws, which
 * runs ruamel.yaml with libyaml's emitter): hand-picked cases, then thousands of random documents full of
 * what decides a string's style and its line folding.
 */
import { deepStrictEqual as assertEquals } from "node:assert";
import { formatYaml } from "../../../src/exec/output/yaml.ts";
import { cliAvailable, referenceRequired } from "../../../scripts/wire-compare.ts";

/** What the CLI's YAMLDumper prints for each document (one Python process for all). */
async function cliYaml(docs: unknown[]): Promise<string[]> {
  const script = [
    "import sys, json, io",
    "from awscli.formatter import YAMLDumper",
    "d = YAMLDumper()",
    "for line in sys.stdin:",
    "    out = io.StringIO()",
    "    d.dump(json.loads(line), out)",
    "    sys.stdout.write(json.dumps(out.getvalue()) + '\\n')",
  ].join("\n");
  const child = new Deno.Command("/usr/bin/python3", {
    args: ["-c", script],
    stdin: "piped",
    stdout: "piped",
  })
    .spawn();
  // Read while writing: a full pipe would otherwise stall both sides.
  const reading = child.output();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(docs.map((d) => JSON.stringify(d)).join("\n") + "\n"));
  await writer.close();
  const out = await reading;
  return new TextDecoder().decode(out.stdout).trimEnd().split("\n").map((l) => JSON.parse(l));
}

const CASES: Array<[string, unknown, string]> = [
  ["keys sorted, a list not indented under its key", {
    Users: [{ UserName: "a", Arn: "arn:aws:iam::1:user/a" }],
  }, "Users:\n- Arn: arn:aws:iam::1:user/a\n  UserName: a\n"],
  ["strings YAML would retype are single-quoted", {
    Id: "123456789012",
    T: "2026-01-02T03:04:05+00:00",
    N: "NULL",
    B: "true",
    Y: "yes",
  }, "B: 'true'\nId: '123456789012'\nN: 'NULL'\nT: '2026-01-02T03:04:05+00:00'\nY: yes\n"],
  [
    "numbers, booleans and null as YAML writes them",
    { a: 1, b: true, c: null, d: [], e: {} },
    "a: 1\nb: true\nc: null\nd: []\ne: {}\n",
  ],
  ["a tab needs double quotes and an escape", { s: "a\tb" }, 's: "a\\tb"\n'],
  ["a bare scalar is JSON", "plain text", '"plain text"\n'],
  ["lists of lists", [[1, 2], ["x"]], "- - 1\n  - 2\n- - x\n"],
];

for (const [name, data, want] of CASES) {
  Deno.test(`yaml: ${name}`, () => assertEquals(formatYaml(data), want));
}

/** A deterministic generator, so that a failure can be replayed. */
function random(seed: number): () => number {
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

function randomString(next: () => number): string {
  const n = Math.floor(next() * 6);
  let s = "";
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(next() * PIECES.length)];
  return s;
}

function randomValue(next: () => number, depth: number): unknown {
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

Deno.test({
  name: "yaml: 4,000 random documents print exactly as the AWS CLI prints them",
  ignore: !cliAvailable && !referenceRequired,
  async fn() {
    const next = random(20261130);
    const docs = Array.from({ length: 4000 }, () => {
      const v = randomValue(next, 0);
      return v !== null && typeof v === "object" ? v : { v };
    });
    const want = await cliYaml(docs);
    const wrong = docs.map((d, i) => [d, want[i], formatYaml(d)] as const).filter(([, w, got]) => w !== got);
    const lines = (t: string) => t.split("\n");
    assertEquals(
      wrong.slice(0, 3).map(([d, w, got]) => {
        const at = lines(w).findIndex((l, i) => l !== lines(got)[i]);
        return { doc: JSON.stringify(d), line: at, want: lines(w)[at], got: lines(got)[at] };
      }),
      [],
      `${wrong.length} of ${docs.length} differ`,
    );
  },
});
