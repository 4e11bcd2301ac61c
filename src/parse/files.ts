/** A FileAccess over the real file system, resolving relative paths against a base folder. */
import { readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, resolve } from "node:path";
import { fail, ParseFailure } from "./errors.ts";
import type { FileAccess } from "./unpack.ts";

function expand(path: string, base: string): string {
  const p = path === "~" || path.startsWith("~/") ? homedir() + path.slice(1) : path;
  return isAbsolute(p) ? p : resolve(base, p);
}

/** Maps a path a command names to the path to use, or fails (the file-access policy); identity by default. */
export type PathCheck = (path: string) => string;

/**
 * Thrown by a ReadBytes whose file has not been read yet: the caller reads it (asynchronously, off the
 * parser's synchronous path) and parses again. Passed through by the parser untouched.
 */
export class FileNotLoaded extends Error {
  constructor(readonly path: string) {
    super(`${path} has not been read yet`);
  }
}

/** Reads a whole file by its full path (a policy may supply one that verifies what it opened). */
export type ReadBytes = (path: string) => Uint8Array;

/** Reads files as the AWS CLI does, relative to `base`; errors name the file and the cause. */
export function diskFiles(base: string, check?: PathCheck, readBytes: ReadBytes = readFileSync): FileAccess {
  const expandChecked = (path: string) => expand(check ? check(path) : path, base);
  // A path that cannot be examined is neither a file nor a folder; the policy's refusal still throws.
  const statOf = (path: string) => {
    const full = expandChecked(path);
    try {
      return statSync(full);
    } catch {
      return undefined;
    }
  };
  return {
    read(path, binary) {
      const full = expandChecked(path);
      let data: Uint8Array;
      try {
        data = readBytes(full);
      } catch (e) {
        if (e instanceof ParseFailure || e instanceof FileNotLoaded) throw e;
        const code = (e as { code?: string }).code;
        const why = (e as { why?: string }).why ??
          (code === "ENOENT"
            ? "No such file or directory"
            : code === "EISDIR"
            ? "Is a directory"
            : (e as Error).name === "NotCapable"
            ? "not permitted (outside the folders this program may read)"
            : code ?? (e as Error).message);
        fail(
          "FILE_ERROR",
          `Unable to load paramfile ${binary ? "fileb" : "file"}://${path}: ${why}: '${path}'`,
          "Check the path; relative paths are resolved against the working directory.",
        );
      }
      if (binary) return data;
      try {
        return new TextDecoder("utf-8", { fatal: true }).decode(data);
      } catch {
        fail(
          "FILE_ERROR",
          `Unable to load paramfile (${path}), text contents could not be decoded. If this is a binary file, please use the fileb:// prefix instead of the file:// prefix.`,
        );
      }
    },
    isFile: (path) => statOf(path)?.isFile() ?? false,
    isDir: (path) => statOf(path)?.isDirectory() ?? false,
  };
}
