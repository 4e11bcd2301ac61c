/** The AWS CLI's --exclude/--include rules, table-driven (checked against Python's fnmatch semantics). */
import { deepStrictEqual as assertEquals } from "node:assert";
import { fnmatchRegExp, included } from "../../../src/exec/s3/filters.ts";

Deno.test("fnmatch patterns: * crosses folders, ? is one character, [seq] and [!seq] are sets", () => {
  const cases: [string, string, boolean][] = [
    ["*.txt", "a.txt", true],
    ["*.txt", "logs/a.txt", true],
    ["*.txt", "a.txt.bak", false],
    ["logs/*", "logs/2026/a.gz", true],
    ["logs/*", "other/logs/a", false],
    ["?.csv", "a.csv", true],
    ["?.csv", "ab.csv", false],
    ["[ab].md", "b.md", true],
    ["[!ab].md", "b.md", false],
    ["[!ab].md", "c.md", true],
    ["[]x].md", "].md", true],
    ["a[.txt", "a[.txt", true],
    ["data (1).json", "data (1).json", true],
    ["a+b$.txt", "a+b$.txt", true],
    ["*", "", true],
  ];
  assertEquals(
    cases.map(([p, path]) => fnmatchRegExp(p).test(path)),
    cases.map(([, , want]) => want),
  );
});

Deno.test("filters apply in order, the last match deciding; everything is in until excluded", () => {
  const paths = ["a.txt", "b.log", "img/c.png", "img/d.txt", ".git/config"];
  const cases: [Array<[string, string]>, string[]][] = [
    [[], paths],
    [[["exclude", "*"], ["include", "*.txt"]], ["a.txt", "img/d.txt"]],
    [[["include", "*.txt"], ["exclude", "*"]], []],
    [[["exclude", ".git/*"]], ["a.txt", "b.log", "img/c.png", "img/d.txt"]],
    [[["exclude", "img/*"], ["include", "img/*.png"]], ["a.txt", "b.log", "img/c.png", ".git/config"]],
  ];
  for (const [filters, want] of cases) {
    assertEquals(paths.filter((p) => included(p, filters)), want, JSON.stringify(filters));
  }
});
