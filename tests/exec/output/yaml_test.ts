/**
 * `--output yaml` against the AWS CLI's own YAML dumper (awscli.formatter.YAMLDumper of /usr/bin/aws, which
 * runs ruamel.yaml with libyaml's emitter): hand-picked cases, then thousands of random documents full of
 * what decides a string's style and its line folding.
 */
import { deepStrictEqual as assertEquals } from "node:assert";
import { formatTemplateYaml, formatYaml } from "../../../src/exec/output/yaml.ts";
import { cliAvailable, referenceRequired } from "../../../scripts/wire-compare.ts";
import { cliFormat, firstDifferences, random, randomValue } from "./reference.ts";

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

Deno.test({
  name: "yaml: 4,000 random documents print exactly as the AWS CLI prints them",
  ignore: !cliAvailable && !referenceRequired,
  async fn() {
    const next = random(20261130);
    const docs = Array.from({ length: 4000 }, () => {
      const v = randomValue(next, 0);
      return v !== null && typeof v === "object" ? v : { v };
    });
    const want = await cliFormat("yaml", docs);
    const got = docs.map(formatYaml);
    const wrong = docs.filter((_, i) => want[i] !== got[i]).length;
    assertEquals(firstDifferences(docs, want, got), [], `${wrong} of ${docs.length} differ`);
  },
});

Deno.test({
  name: "yaml: 2,000 random templates written exactly as aws cloudformation package writes them",
  ignore: !cliAvailable && !referenceRequired,
  async fn() {
    const next = random(777);
    const docs = Array.from({ length: 2000 }, () => {
      const v = randomValue(next, 0);
      return v !== null && typeof v === "object" ? v : { v };
    });
    const want = await cliFormat("template", docs);
    const got = docs.map(formatTemplateYaml);
    const wrong = docs.filter((_, i) => want[i] !== null && want[i] !== got[i]).length;
    assertEquals(firstDifferences(docs, want, got), [], `${wrong} of ${docs.length} differ`);
  },
});
