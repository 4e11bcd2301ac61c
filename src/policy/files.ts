/**
 * Local file access: every path a command names (file://, fileb://, streaming bodies, outfiles, s3 cp's
 * local side, --cli-input-json) is resolved here. In `workdir` mode it must stay inside the working
 * folder after `..`, symlinks and case rules; `unrestricted` allows any path; `no-access` none. Anything
 * odd — NUL bytes, percent-encoding, look-alike separators, drive letters, UNC paths — is refused.
 */
import { existsSync, realpathSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join, posix, resolve, sep, win32 } from "node:path";
import process from "node:process";
import { ParseFailure } from "../parse/errors.ts";
import { diskFiles, type ReadBytes } from "../parse/files.ts";
import type { FileAccess } from "../parse/unpack.ts";
import { FileFailure, readConfinedSync } from "./confined-io.ts";

/** How local files may be used. */
export type FileMode = "workdir" | "unrestricted" | "no-access";

/** A refused path and why. */
export interface FileDenied {
  code: "FILE_ACCESS_DENIED";
  message: string;
  hint: string;
}

const MAX_PATH = 4096;
// Characters that look like dots or slashes, and combining marks that forge them.
const LOOKALIKES =
  /[\u2024\u2025\u2026\uFE52\uFF0E\u3002\uFF61\u2215\u2044\uFF0F\u29F8\u2216\uFF3C\u29F5\u0338\u2571\u2572\u200B-\u200F\u202A-\u202E\u2060\uFEFF]/;

function denied(path: string, why: string, workdir: string): FileDenied {
  const shown = JSON.stringify(path.length > 200 ? `${path.slice(0, 200)}…` : path);
  return {
    code: "FILE_ACCESS_DENIED",
    message: `Local path ${shown} is refused: ${why}.`,
    hint: `Use a plain path inside the working directory ${workdir} (relative paths resolve against it).`,
  };
}

/** The real path of the longest existing prefix, with the rest appended (for paths that do not exist yet). */
function realish(abs: string): string {
  let existing = abs;
  const rest: string[] = [];
  for (;;) {
    try {
      const real = realpathSync(existing);
      return rest.length ? join(real, ...rest.reverse()) : real;
    } catch {
      const parent = dirname(existing);
      if (parent === existing) return abs;
      rest.push(existing.slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
      existing = parent;
    }
  }
}

/** Whether this platform's usual file systems ignore case (macOS, Windows): then so does the containment check. */
export const PLATFORM_CASE_INSENSITIVE = process.platform === "darwin" || process.platform === "win32";

/**
 * Whether the file system holding `dir` ignores case, found by asking it (a case-sensitive APFS volume, or
 * a case-insensitive folder on Linux, exist): a file is made and looked up under another case. When the
 * folder cannot be written, the platform's usual answer.
 */
export function probeCaseInsensitive(dir: string): boolean {
  const name = `.aws-api-mcp-case-${crypto.randomUUID().slice(0, 8)}`;
  const path = join(dir, name);
  try {
    writeFileSync(path, "", { flag: "wx" });
  } catch {
    return PLATFORM_CASE_INSENSITIVE;
  }
  try {
    return existsSync(join(dir, name.toUpperCase()));
  } finally {
    try {
      unlinkSync(path);
    } catch {
      // gone already
    }
  }
}

/** Resolves a path a command names, or says why it is refused. */
export function resolveLocalPath(
  path: string,
  mode: FileMode,
  workdir: string,
  caseInsensitive = PLATFORM_CASE_INSENSITIVE,
  windows = process.platform === "win32",
): { ok: true; path: string } | { ok: false; error: FileDenied } {
  if (mode === "no-access") {
    return { ok: false, error: denied(path, "local file access is turned off (no-access mode)", workdir) };
  }
  if (path.length === 0) return { ok: false, error: denied(path, "the path is empty", workdir) };
  if (path.length > MAX_PATH) {
    return { ok: false, error: denied(path, `the path is longer than ${MAX_PATH} characters`, workdir) };
  }
  // deno-lint-ignore no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) {
    return { ok: false, error: denied(path, "it contains control characters (such as NUL)", workdir) };
  }
  if (mode === "unrestricted") return { ok: true, path: resolve(workdir, path) };
  if (/%[0-9a-f]{2}/i.test(path)) {
    return { ok: false, error: denied(path, "it contains percent-encoding", workdir) };
  }
  if (LOOKALIKES.test(path)) {
    return {
      ok: false,
      error: denied(path, "it contains characters that look like dots or slashes", workdir),
    };
  }
  if (path.startsWith("~")) {
    return { ok: false, error: denied(path, "it points into a home directory", workdir) };
  }
  const problem = windows ? windowsPathProblem(path) : posixPathProblem(path);
  if (problem) return { ok: false, error: denied(path, problem, workdir) };
  // Windows file systems ignore case; elsewhere the caller says (probed on the working folder's volume).
  return contain(path, workdir, caseInsensitive || windows, windows ? win32 : posix);
}

/** Why a path cannot be used outside Windows, if it cannot: Windows separators and drive letters. */
function posixPathProblem(path: string): string | undefined {
  if (path.includes("\\")) return "it contains backslashes (Windows separators or UNC paths)";
  if (/^[a-z]:/i.test(path)) return "it names a drive";
  return undefined;
}

/**
 * The path resolved against the working folder, if it stays inside it (after `..` and, where the path is
 * this machine's kind, symlinks); another drive is outside. A check of the other kind of path (Windows rules
 * tested on Linux) is path arithmetic alone.
 */
function contain(
  path: string,
  workdir: string,
  caseInsensitive: boolean,
  p: typeof posix,
): { ok: true; path: string } | { ok: false; error: FileDenied } {
  const native = (p === win32) === (process.platform === "win32");
  const real = (x: string) => (native ? realish(x) : x);
  const root = real(p.resolve(workdir));
  const target = real(p.resolve(root, path));
  const [r, t] = caseInsensitive ? [root.toLowerCase(), target.toLowerCase()] : [root, target];
  const rel = p.relative(r, t);
  if (rel.startsWith("..") || p.isAbsolute(rel)) {
    return {
      ok: false,
      error: denied(path, `it resolves to ${target}, outside the working directory`, workdir),
    };
  }
  return { ok: true, path: target };
}

// Names Windows reserves for devices, in any folder and with any extension (NUL.txt is NUL).
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

/** Why a Windows path cannot be used, if it cannot: device and UNC paths, streams, reserved or odd names. */
export function windowsPathProblem(path: string): string | undefined {
  if (/^[\\/]{2}/.test(path)) return "it is a UNC or device path (\\\\server\\share, \\\\?\\, \\\\.\\)";
  if (/^[a-z]:(?![\\/])/i.test(path)) {
    return "it names a drive without a folder (C:name is relative to that drive)";
  }
  const rest = path.replace(/^[a-z]:/i, "");
  if (rest.includes(":")) return "it names an alternate data stream (name:stream)";
  if (/[<>"|?*]/.test(rest)) return "it contains characters Windows does not allow in names";
  for (const name of rest.split(/[\\/]/)) {
    if (name === "" || name === "." || name === "..") continue;
    if (/[. ]$/.test(name)) return "a name ends with a dot or a space, which Windows drops";
    if (RESERVED.test(name.split(".")[0].trimEnd())) return `'${name}' is a reserved device name`;
  }
  return undefined;
}

/**
 * Parse-time file access confined by the policy: refused paths fail as FILE_ACCESS_DENIED, and each file
 * is opened, then verified to be the regular file that was checked (policy/confined-io.ts).
 */
export function confinedFiles(
  mode: FileMode,
  workdir: string,
  readBytes: ReadBytes = (path) => readConfinedSync(path, { mode, workdir }),
  caseInsensitive = PLATFORM_CASE_INSENSITIVE,
): FileAccess {
  const check = (path: string) => {
    const r = resolveLocalPath(path, mode, workdir, caseInsensitive);
    if (!r.ok) throw new ParseFailure(r.error);
    return r.path;
  };
  return diskFiles(workdir, check, (path) => {
    try {
      return readBytes(path);
    } catch (e) {
      if (e instanceof FileFailure && e.error.code === "FILE_ACCESS_DENIED") {
        throw new ParseFailure({ ...e.error, hint: e.error.hint ?? "" });
      }
      throw e;
    }
  });
}
