/** The output bound: shares of a batch's budget, and outputs cut at an item boundary that still parse. */
import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { parse as parseYaml } from "yaml";
import { cutOutput, shareBudget } from "../../../src/exec/output/output-cap.ts";
import { formatOutput } from "../../../src/exec/output/format.ts";
import type { OutputFormat } from "../../../src/parse/types.ts";

Deno.test("a batch's budget: small results keep all they need, large ones split the rest evenly", () => {
  const cases: [number[], number, number[]][] = [
    [[10, 20], 100, [10, 20]],
    [[500, 500], 100, [50, 50]],
    [[10, 500, 500], 100, [10, 45, 45]],
    [[30, 40, 1000], 100, [30, 35, 35]],
    [[30, 34, 1000], 100, [30, 34, 36]],
    [[1000, 5, 1000, 5], 100, [45, 5, 45, 5]],
    [[0, 0], 100, [0, 0]],
    [[7], 5, [5]],
  ];
  for (const [sizes, total, want] of cases) {
    const got = shareBudget(sizes, total);
    assertEquals(got, want, `${sizes} of ${total}`);
    ok(got.reduce((a, b) => a + b, 0) <= total);
  }
});

const users = Array.from(
  { length: 500 },
  (_, i) => ({ UserName: `user-${i}`, UserId: `AIDA${i}`, Path: "/" }),
);

Deno.test("a response over its budget keeps the leading items of its largest list that fit, in every format", () => {
  const response = { Users: users, IsTruncated: false, Marker: "m", NextToken: "resume-me" };
  const parsers: Record<string, (t: string) => unknown> = {
    json: JSON.parse,
    yaml: parseYaml,
    text: (t) => t.split("\n").filter(Boolean).length,
  };
  for (const format of ["json", "yaml", "text"] as OutputFormat[]) {
    const text = formatOutput(response, format);
    const cut = cutOutput({ response, text }, format, 2000, ["--path-prefix"])!;
    ok(cut, format);
    ok(cut.text.length <= 2000, `${format}: ${cut.text.length}`);
    const shown = (cut.response as { Users: unknown[] }).Users.length;
    ok(shown > 0 && shown < 500, `${format}: ${shown}`);
    // The most that fit: one more item would not.
    const more = { ...(cut.response as object), Users: users.slice(0, shown + 1) };
    ok(formatOutput(more, format).length > 2000, `${format}: not the most that fit`);
    assertEquals(cut.text, formatOutput(cut.response, format));
    parsers[format](cut.text);
    if (format !== "text") {
      assertEquals((parsers[format](cut.text) as { Users: unknown[] }).Users, users.slice(0, shown));
    }
    ok(!("NextToken" in (cut.response as object)), "the uncut listing's resume token is dropped");
    assertEquals((cut.response as { Marker: string }).Marker, "m");
    ok(cut.notice.includes(`showing ${shown} of 500 items of Users fetched`), cut.notice);
    ok(cut.notice.includes("--query") && cut.notice.includes("max_results"), cut.notice);
    ok(cut.notice.includes("--path-prefix") && cut.notice.includes(`--max-items ${shown}`), cut.notice);
  }
});

Deno.test("outputs that fit are untouched; a list at the top, text alone, and nothing to shorten", () => {
  const small = { A: [1, 2] };
  assertEquals(cutOutput({ response: small, text: formatOutput(small, "json") }, "json", 1000), undefined);

  const ids = users.map((u) => u.UserId);
  const top = cutOutput({ response: ids, text: formatOutput(ids, "json") }, "json", 300)!;
  const kept = JSON.parse(top.text) as string[];
  assertEquals(kept, ids.slice(0, kept.length));
  ok(top.notice.includes(`showing ${kept.length} of 500 items of the result`), top.notice);

  const lines = Array.from({ length: 100 }, (_, i) => `2026-11-30 10:00:00 ${i} file-${i}.txt`).join("\n") +
    "\n";
  const cutText = cutOutput({ text: lines }, "text", 500)!;
  ok(cutText.text.length <= 500 && cutText.text.endsWith("\n"), cutText.text);
  assertEquals(lines.startsWith(cutText.text), true);
  const n = cutText.text.split("\n").length - 1;
  ok(cutText.notice.includes(`showing ${n} of 100 lines`), cutText.notice);

  const blob = { Policy: "x".repeat(5000) };
  const none = cutOutput({ response: blob, text: formatOutput(blob, "json") }, "json", 1000)!;
  assertEquals([none.response, none.text], [undefined, ""]);
  ok(none.notice.includes("no list in it to shorten"), none.notice);
});
