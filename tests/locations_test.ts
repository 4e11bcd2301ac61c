/** The environment as the platform matches names, and the home folder found from it. */
import { deepStrictEqual } from "node:assert";
import { homeOf, platformEnv } from "../src/locations.ts";

Deno.test("environment names: any case on Windows, exact elsewhere", () => {
  const vars = {
    COMSPEC: "C:\\Windows\\system32\\cmd.exe",
    SystemRoot: "C:\\Windows",
    USERPROFILE: "C:\\Users\\u",
  };
  const cases: [string, string, string | undefined][] = [
    ["windows", "ComSpec", "C:\\Windows\\system32\\cmd.exe"],
    ["windows", "SYSTEMROOT", "C:\\Windows"],
    ["windows", "systemroot", "C:\\Windows"],
    ["windows", "UserProfile", "C:\\Users\\u"],
    ["windows", "HOME", undefined],
    ["linux", "ComSpec", undefined],
    ["linux", "COMSPEC", "C:\\Windows\\system32\\cmd.exe"],
    ["darwin", "systemroot", undefined],
  ];
  deepStrictEqual(
    cases.map(([os, name]) => platformEnv(vars, os)[name]),
    cases.map(([, , value]) => value),
  );
  deepStrictEqual(homeOf(platformEnv({ userprofile: "C:\\Users\\u" }, "windows")), "C:\\Users\\u");
  deepStrictEqual("comspec" in platformEnv(vars, "windows"), true);
  deepStrictEqual(Object.keys(platformEnv(vars, "windows")), Object.keys(vars));
});
