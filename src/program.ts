/**
 * The program proper, run by main.ts inside the permission sandbox (a worker): with no arguments the MCP
 * server on stdio, else a terminal subcommand. Each path loads only its own modules, so the server
 * answers its first requests quickly. It tells main.ts the exit code when done.
 */
/// <reference lib="deno.worker" />
import process from "node:process";
import { setAppRoot } from "./app-root.ts";

// Before anything reads a file of the program: the checkout's src/ or the bundle's dist/src/.
setAppRoot(new URL("../", import.meta.url));

/** What main.ts sends: the command-line arguments to start; later perhaps the signal that asks it to stop. */
export type ProgramStart = { args: string[] } | { shutdown: "SIGINT" | "SIGTERM" };

/** What the program sends back when it has finished. */
export interface ProgramEnd {
  exitCode: number;
}

async function run(args: string[]): Promise<number> {
  if (args.length === 0) {
    const { startServer } = await import("./server/start.ts");
    return await startServer();
  }
  const [{ buildProgram }, { CommanderError }] = await Promise.all([
    import("./cli/program.ts"),
    import("commander"),
  ]);
  try {
    await buildProgram().parseAsync(args, { from: "user" });
  } catch (e) {
    // --help, --version and usage errors end here (commander's own exit is turned into this error).
    if (e instanceof CommanderError) return e.exitCode;
    throw e;
  }
  return Number(process.exitCode ?? 0);
}

/** Exit codes of a program stopped by a signal before it finished: 128 + the signal's number, as shells do. */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

self.onmessage = async (event: MessageEvent<ProgramStart>) => {
  const data = event.data;
  if ("shutdown" in data) {
    // The server ends by itself once closed (exit 0); anything else just stops.
    const { shutdown } = await import("./shutdown.ts");
    if (!(await shutdown())) self.postMessage({ exitCode: SIGNAL_EXIT[data.shutdown] } satisfies ProgramEnd);
    return;
  }
  const end: ProgramEnd = { exitCode: await run(data.args) };
  self.postMessage(end);
};
