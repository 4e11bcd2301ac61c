/**
 * The program's Deno permission flags, read from the `start` task in deno.json so that tests, benchmarks
 * and the demo run it exactly as `deno task start`, `deno task cli` and the release binary do.
 */
import denoJson from "../deno.json" with { type: "json" };

/** The flags of a deno.json task between `deno run|compile` and the entry point, options with values aside. */
export function permissionFlags(task: string): string[] {
  return task.split(/\s+/).filter((w) => /^--(allow|deny|unstable)-/.test(w));
}

/** The permission flags of `deno task start`. */
export const RUN_FLAGS: string[] = permissionFlags(denoJson.tasks.start);
