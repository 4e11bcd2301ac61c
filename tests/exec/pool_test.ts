/** Bounded concurrency: results in input order, never more than the limit running, every finish counted. */
import { deepStrictEqual } from "node:assert";
import { mapBounded } from "../../src/exec/pool.ts";

Deno.test("mapBounded keeps input order, respects the limit and counts finishes", async () => {
  let running = 0, most = 0;
  const counts: number[] = [];
  const delays = [30, 5, 20, 1, 10, 2];
  const out = await mapBounded(delays, 2, async (ms, i) => {
    most = Math.max(most, ++running);
    await new Promise((r) => setTimeout(r, ms));
    running--;
    return `${i}:${ms}`;
  }, (n) => counts.push(n));
  deepStrictEqual(out, ["0:30", "1:5", "2:20", "3:1", "4:10", "5:2"]);
  deepStrictEqual(most, 2);
  deepStrictEqual(counts, [1, 2, 3, 4, 5, 6]);
  deepStrictEqual(await mapBounded([], 5, () => Promise.resolve(1)), []);
});
