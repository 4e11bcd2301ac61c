/** Types shared by execution and the runners of the CLI's own commands (so that no two modules import each other). */
import type { LocalFile, OpenedFile } from "../policy/confined-io.ts";

/** Local file access for execution, decided by the caller's file policy. */
export interface ExecFiles {
  read(path: string): Promise<Uint8Array>;
  /** Whether a path names a regular file, a folder, or nothing the policy lets this see. */
  kind(path: string): Promise<"file" | "folder" | "missing">;
  /** Opens a file to read in pieces (a large upload); the caller closes it. */
  open(path: string): Promise<OpenedFile>;
  /** Writes a file; a stream (a download) is written as it arrives; `mtime` sets its modification time. */
  write(path: string, data: Uint8Array | AsyncIterable<Uint8Array>, mtime?: Date): Promise<void>;
  /** The regular files under a folder (for recursive transfers), links followed only where they stay inside. */
  list(dir: string, followSymlinks: boolean, missingIsEmpty?: boolean): Promise<LocalFile[]>;
  /** The absolute path of a local path (as Python's os.path.abspath names it). */
  absolute(path: string): string;
  /** How the AWS CLI would name the local path in its output (relative to where it runs). */
  display(path: string): string;
  /** Deletes a local file (the source of `aws s3 mv`). */
  remove(path: string): Promise<void>;
}
