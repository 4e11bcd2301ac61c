/**
 * Reading and writing local files so that what is touched is what was checked. Resolving a path and
 * then opening it by name again leaves a window in which a symlink can be swapped in, and Deno's own
 * permission check looks at the path as written, not where a symlink leads. So: open first — never
 * following a symlink at the last step, never blocking on a FIFO — then verify the opened handle (a
 * regular file, the same device and inode as the checked real path, still inside the working folder).
 * Writes go to a new file made exclusively beside the target, verified the same way, then renamed into
 * place: a symlink at the target is replaced, never followed.
 */
import {
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
  realpathSync,
  statSync,
} from "node:fs";
import { lstat, open, readdir, rename, stat, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { type FileDenied, type FileMode, PLATFORM_CASE_INSENSITIVE, resolveLocalPath } from "./files.ts";

/** Where local files may be: the mode, the working folder and how it compares names. */
export interface Confinement {
  mode: FileMode;
  workdir: string;
  caseInsensitive?: boolean;
}

/** A local file operation that was refused or failed, as a typed error. */
export interface FileProblem {
  code: "FILE_ACCESS_DENIED" | "FILE_ERROR";
  message: string;
  hint?: string;
}

/** Thrown by the functions here; carries the typed error, and `why` in a few words. */
export class FileFailure extends Error {
  constructor(readonly error: FileProblem, readonly why: string = error.message) {
    super(error.message);
  }
}

// Absent on Windows, where there are neither FIFOs nor these flags: 0 keeps the open as it was.
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const NONBLOCK = constants.O_NONBLOCK ?? 0;

function resolved(path: string, c: Confinement): string {
  const r = resolveLocalPath(path, c.mode, c.workdir, c.caseInsensitive ?? PLATFORM_CASE_INSENSITIVE);
  if (!r.ok) throw new FileFailure(r.error satisfies FileDenied);
  return r.path;
}

function changed(path: string): FileFailure {
  return new FileFailure({
    code: "FILE_ACCESS_DENIED",
    message: `Local path ${
      JSON.stringify(path)
    } changed while it was being opened (a symbolic link was swapped in).`,
    hint: "Do not replace files in the working directory while a command uses them.",
  });
}

function notRegular(path: string): FileFailure {
  return new FileFailure({
    code: "FILE_ERROR",
    message: `Local path ${JSON.stringify(path)} is not a regular file (a folder, FIFO, socket or device).`,
    hint: "Name a regular file.",
  }, "Not a regular file");
}

function ioError(path: string, e: unknown): FileFailure {
  if (e instanceof FileFailure) return e;
  const code = (e as { code?: string }).code;
  const why = code === "ENOENT"
    ? "No such file or directory"
    : code === "EISDIR"
    ? "Is a directory"
    : code === "ELOOP"
    ? "it is a symbolic link, which is not followed"
    : (e as Error).name === "NotCapable"
    ? "not permitted (outside the folders this program may use)"
    : (e as Error).message;
  return new FileFailure({
    code: code === "ELOOP" ? "FILE_ACCESS_DENIED" : "FILE_ERROR",
    message: `Cannot access ${path}: ${why}`,
    hint: "Check the path; relative paths are resolved against the working directory.",
  }, why);
}

/** After opening: the handle is a regular file and is the very file the checked path names, still inside. */
function verifyOpened(path: string, target: string, st: { ino: number; dev: number }, c: Confinement): void {
  if (c.mode === "unrestricted") return;
  let again: string;
  let now: { ino: number; dev: number };
  try {
    again = resolved(target, c);
    now = statSync(target);
  } catch {
    throw changed(path);
  }
  if (again !== target || now.ino !== st.ino || now.dev !== st.dev) throw changed(path);
}

function openFlags(c: Confinement, base: number): number {
  return base | NONBLOCK | (c.mode === "unrestricted" ? 0 : NOFOLLOW);
}

/** Reads a regular file the confinement allows (for the parser, which reads synchronously). */
export function readConfinedSync(path: string, c: Confinement): Uint8Array {
  const target = resolved(path, c);
  let fd: number | undefined;
  try {
    fd = openSync(target, openFlags(c, constants.O_RDONLY));
    const st = fstatSync(fd);
    if (!st.isFile()) throw notRegular(path);
    verifyOpened(path, target, st, c);
    const out = new Uint8Array(st.size);
    let at = 0;
    while (at < out.length) {
      const n = readSync(fd, out, at, out.length - at, null);
      if (n === 0) break;
      at += n;
    }
    return at === out.length ? out : out.subarray(0, at);
  } catch (e) {
    throw ioError(path, e);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Opens a regular file the confinement allows and verifies what was opened; the caller closes it. */
async function openVerified(path: string, c: Confinement) {
  const target = resolved(path, c);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(target, openFlags(c, constants.O_RDONLY));
    const st = await handle.stat();
    if (!st.isFile()) throw notRegular(path);
    verifyOpened(path, target, st, c);
    return { handle, size: st.size };
  } catch (e) {
    await handle?.close();
    throw ioError(path, e);
  }
}

/** Reads a regular file the confinement allows. */
export async function readConfined(path: string, c: Confinement): Promise<Uint8Array> {
  const { handle } = await openVerified(path, c);
  try {
    return new Uint8Array(await handle.readFile());
  } catch (e) {
    throw ioError(path, e);
  } finally {
    await handle.close();
  }
}

/** A local file opened for reading, checked as readConfined checks: its size, then its bytes as they stream. */
export interface OpenedFile {
  size: number;
  /** The bytes from the start, `chunkSize` at a time. */
  chunks(chunkSize?: number): AsyncIterable<Uint8Array>;
  close(): Promise<void>;
}

/** Opens a regular file the confinement allows, for reading in pieces (a large upload is never held whole). */
export async function openConfined(path: string, c: Confinement): Promise<OpenedFile> {
  const { handle: opened, size } = await openVerified(path, c);
  let closed = false;
  return {
    size,
    async *chunks(chunkSize = 1 << 20) {
      let at = 0;
      while (true) {
        const buffer = new Uint8Array(chunkSize);
        let n: number;
        try {
          ({ bytesRead: n } = await opened.read(buffer, 0, chunkSize, at));
        } catch (e) {
          throw ioError(path, e);
        }
        if (n === 0) return;
        at += n;
        yield n === chunkSize ? buffer : buffer.subarray(0, n);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await opened.close();
    },
  };
}

/**
 * Writes a file the confinement allows: a new file made beside it, verified, then renamed into place.
 * The data may stream in (a download), written chunk by chunk and never held whole.
 */
export async function writeConfined(
  path: string,
  data: Uint8Array | AsyncIterable<Uint8Array>,
  c: Confinement,
  mtime?: Date,
): Promise<void> {
  const target = resolved(path, c);
  const folder = dirname(target);
  const temp = join(folder, `.aws-api-mcp-${crypto.randomUUID()}.part`);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  let made = false;
  try {
    mkdirSync(folder, { recursive: true });
    // The folder as it is now must still be inside; the new file cannot pre-exist (O_EXCL) or be a link.
    if (c.mode !== "unrestricted" && resolved(folder, c) !== realpathSync(folder)) throw changed(path);
    handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, 0o644);
    made = true;
    verifyOpened(path, temp, await handle.stat(), c);
    if (data instanceof Uint8Array) await handle.writeFile(data);
    else for await (const chunk of data) await handle.write(chunk);
    // On the handle, not the name: the time lands on the file written, whatever the name points at.
    if (mtime) await handle.utimes(mtime, mtime);
    await handle.close();
    handle = undefined;
    await rename(temp, target);
    made = false;
  } catch (e) {
    throw ioError(path, e);
  } finally {
    await handle?.close();
    if (made) await unlink(temp).catch(() => {});
  }
}

/** Deletes a file the confinement allows (the source of `aws s3 mv`); a symlink is removed, not followed. */
export async function removeConfined(path: string, c: Confinement): Promise<void> {
  const target = resolved(path, c);
  try {
    if (c.mode !== "unrestricted" && resolved(dirname(target), c) !== realpathSync(dirname(target))) {
      throw changed(path);
    }
    await unlink(target);
  } catch (e) {
    throw ioError(path, e);
  }
}

/** What a path the confinement allows names: a regular file, a folder, or nothing (or something else). */
export async function kindConfined(path: string, c: Confinement): Promise<"file" | "folder" | "missing"> {
  const target = resolved(path, c);
  const st = await stat(target).catch(() => undefined);
  return st?.isFile() ? "file" : st?.isDirectory() ? "folder" : "missing";
}

/** A regular file found under a folder: its path below it (`/`-separated), size and modification time. */
export interface LocalFile {
  relative: string;
  /** Where to read it: the file itself, or where a followed link leads. */
  source: string;
  size: number;
  mtimeMs: number;
}

/**
 * The regular files under a folder the confinement allows, sorted by path. Symbolic links are skipped, or
 * with `followSymlinks` followed — only where they lead inside the confinement, each folder once. With
 * `missingIsEmpty`, a folder that is not there is an empty list.
 */
export async function listConfined(
  dir: string,
  c: Confinement,
  followSymlinks: boolean,
  missingIsEmpty = false,
): Promise<LocalFile[]> {
  const root = resolved(dir, c);
  const out: LocalFile[] = [];
  const visited = new Set<string>();
  const inside = (real: string) => {
    try {
      return resolved(real, c) === real;
    } catch {
      return false;
    }
  };
  const walk = async (folder: string, below: string): Promise<void> => {
    const real = realpathSync(folder);
    if (visited.has(real)) return;
    visited.add(real);
    const names = (await readdir(folder)).sort();
    for (const name of names) {
      const path = join(folder, name);
      const relative = below ? `${below}/${name}` : name;
      let st = await lstat(path);
      let source = path;
      if (st.isSymbolicLink()) {
        if (!followSymlinks) continue;
        let target: string;
        try {
          target = realpathSync(path);
        } catch {
          continue; // a dangling link
        }
        if (!inside(target)) continue;
        st = await stat(target);
        source = target;
      }
      if (st.isDirectory()) await walk(path, relative);
      else if (st.isFile()) out.push({ relative, source, size: st.size, mtimeMs: st.mtimeMs });
    }
  };
  try {
    // A destination folder that does not exist yet holds nothing.
    if (missingIsEmpty && !(await lstat(root).catch(() => undefined))) return out;
    if (!(await stat(root)).isDirectory()) {
      throw Object.assign(new Error("Not a directory"), { code: "ENOTDIR" });
    }
    await walk(root, "");
  } catch (e) {
    throw ioError(dir, e);
  }
  return out;
}
