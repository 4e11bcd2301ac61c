/**
 * Stopping on a signal: main.ts hears SIGINT or SIGTERM and tells the program, which runs what was
 * registered here — the server closes, which cancels in-flight calls — and then ends as usual.
 */

let handler: (() => Promise<void>) | undefined;

/** Registers what stops the running program (one at a time: the server that is serving). */
export function onShutdown(stop: () => Promise<void>): void {
  handler = stop;
}

/** Stops the program; false when nothing was registered (a short subcommand, which can simply end). */
export async function shutdown(): Promise<boolean> {
  if (!handler) return false;
  const stop = handler;
  handler = undefined;
  await stop();
  return true;
}
