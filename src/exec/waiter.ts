/** Waiters: poll an operation until an acceptor says success or failure, as botocore's waiters do. */
// @ts-types="../types/jmespath.d.ts"
import { search } from "jmespath";
import type { Waiter } from "../models/types.ts";
import { ExecFailure, fromSdkError } from "./errors.ts";
import { plain } from "./output/format.ts";

type Acceptor = Waiter["acceptors"][number];

function matches(
  a: Acceptor,
  output: unknown,
  error: { code: string } | undefined,
  status: number | undefined,
): boolean {
  switch (a.matcher) {
    case "status":
      return status === a.expected;
    case "error":
      return error !== undefined && (a.expected === true || error.code === a.expected);
    case "path":
      return error === undefined &&
        JSON.stringify(search(output, a.argument!)) === JSON.stringify(a.expected);
    case "pathAll": {
      const v = error === undefined ? search(output, a.argument!) : undefined;
      return Array.isArray(v) && v.length > 0 &&
        v.every((x) => JSON.stringify(x) === JSON.stringify(a.expected));
    }
    case "pathAny": {
      const v = error === undefined ? search(output, a.argument!) : undefined;
      return Array.isArray(v) && v.some((x) => JSON.stringify(x) === JSON.stringify(a.expected));
    }
    default:
      return false;
  }
}

/** Polls until success; throws WAITER_FAILED on a failure state, an unexpected error or too many attempts. */
export async function runWaiter(
  waiter: Waiter,
  input: Record<string, unknown>,
  call: (input: Record<string, unknown>) => Promise<Record<string, unknown>>,
  opts: { signal?: AbortSignal; onProgress?: (m: string) => void; sleep?: (ms: number) => Promise<void> },
): Promise<void> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; attempt <= waiter.maxAttempts; attempt++) {
    opts.signal?.throwIfAborted();
    let output: unknown,
      error: { code: string; message: string } | undefined,
      status: number | undefined = 200;
    try {
      output = plain(await call(input));
    } catch (e) {
      const err = fromSdkError(e, waiter.operation);
      if (!err.service) throw new ExecFailure(err);
      error = { code: err.service.code, message: err.message };
      status = err.service.httpStatus;
    }
    const hit = waiter.acceptors.find((a) => matches(a, output, error, status));
    if (hit?.state === "success") return;
    if (hit?.state === "failure") {
      throw new ExecFailure({
        code: "WAITER_FAILED",
        message: `Waiter ${waiter.name} failed: Waiter encountered a terminal failure state`,
      });
    }
    if (!hit && error) {
      throw new ExecFailure({
        code: "WAITER_FAILED",
        message: `Waiter ${waiter.name} failed: ${error.message}`,
      });
    }
    opts.onProgress?.(`${waiter.name}: attempt ${attempt} of ${waiter.maxAttempts}`);
    if (attempt < waiter.maxAttempts) await sleep(waiter.delay * 1000);
  }
  throw new ExecFailure({
    code: "WAITER_FAILED",
    message: `Waiter ${waiter.name} failed: Max attempts exceeded`,
  });
}
