/**
 * `deno task dedupe`: one copy of each shared AWS SDK package. The 370 clients were released at different
 * times and pin exact versions of `@aws-sdk/*`, `@smithy/*` and `@aws-crypto/*` packages, which npm installs
 * as thousands of nested copies. Newer releases of these packages keep serving older clients, so
 * package.json's `overrides` pin each to the newest version any package asks for (a direct dependency by
 * reference, `$name`, as npm requires). Run it after adding or updating a client, then `npm install`;
 * tests/scripts/dedupe_test.ts fails while the overrides are stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const SHARED = /^@(aws-sdk|smithy|aws-crypto)\//;

interface Lock {
  packages: Record<string, { version?: string; dependencies?: Record<string, string> }>;
}
interface Manifest {
  dependencies: Record<string, string>;
  devDependencies?: Record<string, string>;
  overrides?: Record<string, string>;
}

/** Compares two release versions (`3.981.1`, `4.5.2`); prerelease tags are not used by these packages. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/).map(Number), pb = b.split(/[.+-]/).map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] || 0) !== (pb[i] || 0)) return (pa[i] || 0) - (pb[i] || 0);
  return 0;
}

/**
 * The overrides for a lock: every shared package that is installed or asked for in more than one version
 * (or is overridden already), pinned to the newest version installed or asked for exactly. Clients
 * (`@aws-sdk/client-*`) are pinned only where they are dependencies of other packages.
 */
export function overridesFor(lock: Lock, pkg: Manifest): Record<string, string> {
  const versions = new Map<string, Set<string>>();
  const add = (name: string, v: string) => {
    if (!SHARED.test(name) || !/^\d+\.\d+\.\d+$/.test(v)) return;
    if (!versions.has(name)) versions.set(name, new Set());
    versions.get(name)!.add(v);
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path) continue;
    const name = path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);
    const nested = path.indexOf("node_modules/") !== path.lastIndexOf("node_modules/");
    if (entry.version && (nested || !name.startsWith("@aws-sdk/client-"))) add(name, entry.version);
    for (const [dep, spec] of Object.entries(entry.dependencies ?? {})) add(dep, spec);
  }
  const direct = { ...pkg.dependencies, ...pkg.devDependencies };
  const out: Record<string, string> = {};
  for (const [name, set] of [...versions].sort(([a], [b]) => a.localeCompare(b))) {
    if (set.size < 2 && !pkg.overrides?.[name]) continue;
    const newest = [...set].sort(compareVersions).at(-1)!;
    if (direct[name] !== undefined) {
      if (compareVersions(direct[name], newest) < 0) {
        throw new Error(
          `${name}: package.json pins ${direct[name]}, older than ${newest} another package asks for`,
        );
      }
      out[name] = `$${name}`;
    } else out[name] = newest;
  }
  return out;
}

if (import.meta.main) {
  const root = new URL("../", import.meta.url);
  const lock = JSON.parse(readFileSync(new URL("package-lock.json", root), "utf8")) as Lock;
  const pkgPath = fileURLToPath(new URL("package.json", root));
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as Manifest & Record<string, unknown>;
  const overrides = overridesFor(lock, pkg);
  writeFileSync(pkgPath, JSON.stringify({ ...pkg, overrides }, null, 2) + "\n");
  console.log(`${Object.keys(overrides).length} overrides written to package.json; now run npm install.`);
}
