/**
 * The program's own folders, made safe by the launcher before the sandbox narrows what it may touch: the
 * working folder (the default one is per user, `0700`, refused when another user owns it or it is a
 * symlink) and the log folder (the sandbox grants the log files only, so the launcher makes their folder).
 * Deno APIs only: main.ts avoids the cost of loading Node compatibility.
 */
import { type Env, isAbsolutePath, type Locations, parentPath } from "../locations.ts";

/** A folder the program cannot safely use, and what the user can do. */
export interface FolderProblem {
  code: "UNSAFE_FOLDER";
  message: string;
  hint: string;
}

function problem(message: string, hint: string): FolderProblem {
  return { code: "UNSAFE_FOLDER", message, hint };
}

/** Whether a path is a filesystem root (`/`, `C:\`). */
export function isFilesystemRoot(path: string): boolean {
  return /^(\/+|[a-zA-Z]:[\\/]*|[\\/]{2}[^\\/]+[\\/]+[^\\/]+[\\/]*)$/.test(path);
}

/** Makes a folder (and its parents) owner-only where missing; the folder's own status. */
function makeFolder(path: string): Deno.FileInfo {
  try {
    return Deno.lstatSync(path);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  Deno.mkdirSync(path, { recursive: true, mode: 0o700 });
  return Deno.lstatSync(path);
}

/** Refuses a folder that is a symlink, not a folder, or owned by another user (where owners exist). */
function checkOwned(path: string, info: Deno.FileInfo, what: string): FolderProblem | undefined {
  if (info.isSymlink) {
    return problem(
      `The ${what} ${path} is a symbolic link; it is not used, since whoever made it decides where files go.`,
      "Remove the link, or set AWS_API_MCP_WORKING_DIR to a folder of your own.",
    );
  }
  if (!info.isDirectory) {
    return problem(`The ${what} ${path} is not a folder.`, "Remove it, or set AWS_API_MCP_WORKING_DIR.");
  }
  const uid = Deno.uid();
  if (uid !== null && info.uid !== null && info.uid !== uid) {
    return problem(
      `The ${what} ${path} belongs to another user (uid ${info.uid}), who could read or replace its files.`,
      "Remove it, or set AWS_API_MCP_WORKING_DIR to a folder of your own.",
    );
  }
  return undefined;
}

/**
 * Makes the working folder and the log folder ready before the sandbox starts, or says why they cannot
 * be used. Only the default working folder is created owner-only and checked for its owner; a folder
 * the user named is theirs to choose, but must exist as a folder once made.
 */
export function prepareFolders(env: Env, at: Locations, useWorkingDir: boolean): FolderProblem | undefined {
  if (isFilesystemRoot(parentPath(at.logFile))) {
    return problem(
      `AWS_API_MCP_LOG_FILE=${at.logFile} is at a filesystem root.`,
      "Put the log file in a folder of its own, e.g. ~/.aws/aws-api-mcp/aws-api-mcp-server.log.",
    );
  }
  try {
    makeFolder(parentPath(at.logFile));
  } catch {
    // Logging is optional: the program runs without it (log.ts).
  }
  if (!useWorkingDir) return undefined;
  const named = env.AWS_API_MCP_WORKING_DIR !== undefined && isAbsolutePath(env.AWS_API_MCP_WORKING_DIR);
  let info: Deno.FileInfo;
  try {
    info = makeFolder(at.workingDir);
  } catch (e) {
    return problem(
      `The working folder ${at.workingDir} cannot be made: ${(e as Error).message}`,
      "Set AWS_API_MCP_WORKING_DIR to a folder you can write.",
    );
  }
  if (named) {
    return info.isDirectory || info.isSymlink
      ? undefined
      : problem(`AWS_API_MCP_WORKING_DIR=${at.workingDir} is not a folder.`, "Name a folder.");
  }
  return checkOwned(at.workingDir, info, "working folder");
}

/**
 * The working folder's real path (symlinks such as macOS's /var → /private/var, or a linked folder,
 * resolved), taken once at start-up: Deno grants paths as written and the file checks compare real paths,
 * so both must use this one canonical root.
 */
export function canonicalFolder(path: string): string {
  try {
    return withoutVerbatimPrefix(Deno.realPathSync(path));
  } catch {
    return path; // not there: the program reports it when it needs the folder
  }
}

/** A Windows drive path without the `\\?\` prefix a resolved path may carry (`\\?\C:\w` → `C:\w`). */
function withoutVerbatimPrefix(path: string): string {
  return /^\\\\\?\\[a-zA-Z]:\\/.test(path) ? path.slice(4) : path;
}

/**
 * Refuses a working folder on a network share: a UNC path as written or resolved (a mapped drive resolves
 * to one). File paths are checked as local drive paths, so every file operation there would be refused.
 */
export function networkFolderProblem(written: string, resolved: string): FolderProblem | undefined {
  if (!/^[\\/]{2}/.test(written) && !/^[\\/]{2}/.test(resolved)) return undefined;
  const shown = written === resolved ? written : `${written} (${resolved})`;
  return problem(
    `The working folder ${shown} is on a network share; local files are only used on a local drive.`,
    "Set AWS_API_MCP_WORKING_DIR to a folder on a local drive, e.g. %USERPROFILE%\\aws-api-mcp.",
  );
}
