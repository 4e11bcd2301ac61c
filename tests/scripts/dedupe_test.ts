/** One copy of each shared SDK package: the overrides in package.json are what the lock calls for. */
import { deepStrictEqual as assertEquals, throws } from "node:assert";
import { compareVersions, overridesFor } from "../../scripts/dedupe-overrides.ts";
import pkg from "../../package.json" with { type: "json" };
import lock from "../../package-lock.json" with { type: "json" };

Deno.test("versions compare numerically", () => {
  const cases: [string, string, number][] = [
    ["3.981.1", "3.981.1", 0],
    ["3.1174.0", "3.981.1", 1],
    ["4.5.2", "4.20.0", -1],
    ["2.3.0", "10.0.0", -1],
  ];
  for (const [a, b, sign] of cases) assertEquals(Math.sign(compareVersions(a, b)), sign, `${a} vs ${b}`);
});

Deno.test("overrides pin each shared package to the newest version asked for; direct ones by reference", () => {
  const manifest = { dependencies: { "@aws-sdk/core": "3.900.0", "@aws-sdk/client-s3": "3.900.0" } };
  const small = {
    packages: {
      "": {},
      "node_modules/@aws-sdk/core": { version: "3.900.0" },
      "node_modules/@aws-sdk/client-s3": {
        version: "3.900.0",
        dependencies: { "@aws-sdk/core": "3.900.0", "@smithy/types": "^4.1.0" },
      },
      "node_modules/@aws-sdk/client-old": {
        version: "3.500.0",
        dependencies: { "@aws-sdk/core": "3.500.0", "@smithy/types": "^2.9.0" },
      },
      "node_modules/@aws-sdk/client-old/node_modules/@aws-sdk/core": { version: "3.500.0" },
      "node_modules/@smithy/types": { version: "4.20.0" },
      "node_modules/@aws-sdk/client-old/node_modules/@smithy/types": { version: "2.12.0" },
      "node_modules/@smithy/only-one": { version: "1.0.0" },
      "node_modules/left-pad": { version: "1.0.0", dependencies: { "left-pad-dep": "1.0.0" } },
    },
  };
  assertEquals(overridesFor(small, manifest), {
    "@aws-sdk/core": "$@aws-sdk/core",
    "@smithy/types": "4.20.0",
  });
  // A direct dependency older than what another package asks for cannot be the one copy.
  throws(
    () => overridesFor(small, { dependencies: { "@aws-sdk/core": "3.400.0" } }),
    /@aws-sdk\/core: package.json pins 3.400.0, older than 3.900.0/,
  );
});

Deno.test("package.json's overrides are current for the lock (run `deno task dedupe` after adding a client)", () => {
  const needed = overridesFor(lock, pkg);
  const have = (pkg as { overrides?: Record<string, string> }).overrides ?? {};
  const stale = Object.entries(needed).filter(([k, v]) => have[k] !== v).map(([k, v]) => `${k}: ${v}`);
  assertEquals(stale, []);
});
