import { deepStrictEqual as assertEquals, throws } from "node:assert";
import { ArgParser } from "../../src/parse/argparse.ts";
import { ParseFailure } from "../../src/parse/errors.ts";

const parser = new ArgParser([
  { name: "instance-ids", kind: "many" },
  { name: "instance-type", kind: "one" },
  { name: "dry-run", kind: "true", dest: "dry" },
  { name: "no-dry-run", kind: "false", dest: "dry" },
  { name: "skeleton", kind: "optional" },
  { name: "include", kind: "append", dest: "filters" },
  { name: "exclude", kind: "append", dest: "filters" },
  { name: "count", kind: "one" },
], 1);

const obj = (args: string[]) => {
  const p = parser.parse(args);
  return { values: Object.fromEntries(p.values), extras: p.extras, positionals: p.positionals };
};

Deno.test("argparse: values, switches, last occurrence wins, extras kept in order", () => {
  assertEquals(obj(["--instance-ids", "a", "b", "--dry-run", "--no-dry-run"]), {
    values: { "instance-ids": ["a", "b"], dry: false },
    extras: [],
    positionals: [],
  });
  assertEquals(obj(["--instance-ids", "a", "--instance-ids", "b"]).values, { "instance-ids": ["b"] });
  assertEquals(obj(["pos", "--zzz", "v", "more"]), {
    values: {},
    extras: ["--zzz", "v", "more"],
    positionals: ["pos"],
  });
  assertEquals(obj(["--instance-ids"]).values, { "instance-ids": [] });
});

Deno.test("argparse: unique prefixes, =values, negative numbers, optional values, appends, --", () => {
  assertEquals(obj(["--instance-id", "a"]).values, { "instance-ids": ["a"] });
  assertEquals(obj(["--instance-type=t2.micro"]).values, { "instance-type": "t2.micro" });
  assertEquals(obj(["--count", "-5"]).values, { count: "-5" });
  assertEquals(obj(["--skeleton"]).values, { skeleton: true });
  assertEquals(obj(["--skeleton", "output"]).values, { skeleton: "output" });
  assertEquals(obj(["--include", "*.txt", "--exclude", "*"]).values, {
    filters: [["include", "*.txt"], ["exclude", "*"]],
  });
  assertEquals(obj(["--", "--count"]), { values: {}, extras: [], positionals: ["--count"] });
});

Deno.test("argparse: ambiguous prefixes and missing values are errors", () => {
  const code = (args: string[]) => {
    try {
      parser.parse(args);
      return "ok";
    } catch (e) {
      return (e as ParseFailure).error.code;
    }
  };
  assertEquals(code(["--instance", "a"]), "AMBIGUOUS_OPTION");
  assertEquals(code(["--instance-type"]), "MISSING_VALUE");
  assertEquals(code(["--instance-type", "--dry-run"]), "MISSING_VALUE");
  assertEquals(code(["--dry-run=yes"]), "INVALID_VALUE");
  throws(() => parser.parse(["--in", "x"]), ParseFailure);
});
