/**
 * Where the program's own files are (`models/`, `src/scripts/bundled/`): the checkout, a `dist/` bundle, or a
 * compiled binary that embeds `dist/`. Entry points set it from their own place (both layouts keep entries
 * one folder below the root: `src/program.ts`, `dist/src/program.js`); bundled chunks, which live elsewhere,
 * cannot work it out themselves.
 */

let root: URL | undefined;

/** Sets the root (an entry point's `new URL("../", import.meta.url)`). */
export function setAppRoot(url: URL): void {
  root = url;
}

/** A file of the program by its path from the root (`models/index.json`). */
export function appFile(relative: string): URL {
  // Unset in the checkout's own tests: this module is src/app-root.ts there.
  return new URL(relative, root ?? new URL("../", import.meta.url));
}
