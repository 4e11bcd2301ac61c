/**
 * `deno task bench:suggest`: accuracy and latency of suggest on ../shared/bench/suggest-dev.json — top-1
 * and top-5 (a suggestion counts when its service and command equal an expected one), p50 and p95 warm
 * latency, and the first query after start-up (index load included).
 */
import { readFileSync } from "node:fs";
import { rank } from "../src/suggest/rank.ts";
import { percentile } from "./stats.ts";

const file = Deno.args.find((a) => !a.startsWith("--")) ??
  new URL("../../shared/bench/suggest-dev.json", import.meta.url);
const cases = JSON.parse(readFileSync(file, "utf8")) as Array<{ q: string; expect: string[] }>;
const name = (r: { service: string; command: string }) => `aws ${r.service} ${r.command}`;

const t0 = performance.now();
rank(cases[0].q);
const first = performance.now() - t0;
let top1 = 0, top5 = 0;
const times: number[] = [];
const misses: string[] = [];
for (const c of cases) {
  const s = performance.now();
  const got = rank(c.q).map(name);
  times.push(performance.now() - s);
  if (c.expect.includes(got[0])) top1++;
  else if (Deno.args.includes("--misses")) {
    console.log(`  top-1 miss: ${c.q} → ${got[0]} (want ${c.expect.join(" or ")})`);
  }
  if (got.some((g) => c.expect.includes(g))) top5++;
  else misses.push(`${c.q} → ${got.slice(0, 3).join(" | ")} (want ${c.expect.join(" or ")})`);
}
console.log(`suggest_top1_accuracy: ${((100 * top1) / cases.length).toFixed(1)} %`);
console.log(`suggest_top5_accuracy: ${((100 * top5) / cases.length).toFixed(1)} %`);
console.log(`suggest_latency_p50: ${percentile(times, 50).toFixed(2)} ms`);
console.log(`suggest_latency_p95: ${percentile(times, 95).toFixed(2)} ms`);
console.log(`suggest_first_query: ${first.toFixed(1)} ms`);
if (Deno.args.includes("--misses")) { for (const m of misses) console.log(`  miss: ${m}`); }
