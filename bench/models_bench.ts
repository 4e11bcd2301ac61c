/** Benchmark: loading one service model cold (fresh read and parse), as the first call of a session does. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { median } from "./stats.ts";

const file = (name: string) => fileURLToPath(new URL(`../models/services/${name}.json`, import.meta.url));

/** Median milliseconds to read and parse one service model. */
export function loadMs(name: string, runs = 41): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    JSON.parse(readFileSync(file(name), "utf8"));
    times.push(performance.now() - t0);
  }
  return median(times);
}

if (import.meta.main) {
  for (const name of ["ec2", "s3api", "sts"]) {
    console.log(`model_load_${name}_median: ${loadMs(name).toFixed(2)} ms`);
  }
}
