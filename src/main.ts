/**
 * Entry point of `aws-api-mcp`: with no arguments an MCP server on stdio, else a terminal subcommand.
 * Each path loads only its own modules, so the server answers its first requests quickly.
 */

if (import.meta.main) {
  if (Deno.args.length === 0) {
    const { startStdioServer } = await import("./server/start.ts");
    await startStdioServer();
  } else {
    const { buildProgram } = await import("./cli/program.ts");
    await buildProgram().parseAsync(Deno.args, { from: "user" });
  }
}
