/**
 * `aws s3 presign s3://bucket/key [--expires-in N]`: a GetObject URL signed for N seconds (default 3600),
 * made from the credentials alone — nothing is sent. Printed as the CLI prints it: the URL and a newline.
 */
import type { ParsedCommand } from "../../parse/types.ts";
import { ExecFailure, fromSdkError } from "../errors.ts";
import type { LoadedClient } from "../sdk.ts";

/** The longest a SigV4 presigned URL may last: seven days. */
const MAX_EXPIRES = 604_800;

/** Whether this is `aws s3 presign`. */
export function isS3Presign(cmd: ParsedCommand): boolean {
  return cmd.kind === "high-level" && cmd.service === "s3" && cmd.command === "presign";
}

interface MiddlewareStack {
  add(
    middleware: (
      next: (args: { request: { query?: Record<string, unknown> } }) => Promise<unknown>,
    ) => (args: { request: { query?: Record<string, unknown> } }) => Promise<unknown>,
    options: { step: "build"; name: string },
  ): void;
}

/** Signs the URL; an expiry outside 1 s – 7 days is refused before signing, as S3 would refuse the URL. */
export async function runS3Presign(cmd: ParsedCommand, loaded: LoadedClient): Promise<{ text: string }> {
  const expiresIn = (cmd.highLevel?.options["expires-in"] as number | undefined) ?? 3600;
  if (!(expiresIn >= 1 && expiresIn <= MAX_EXPIRES)) {
    throw new ExecFailure({
      code: "INVALID_VALUE",
      message:
        `--expires-in ${expiresIn} is out of range: a presigned URL lasts 1 to ${MAX_EXPIRES} seconds (7 days).`,
      hint: "Pass --expires-in with a number of seconds up to 604800.",
    });
  }
  const { getSignedUrl } = await import("@aws-sdk/s3-request-presigner");
  const Command = loaded.command("GetObject")!;
  const command = new Command(cmd.params) as { middlewareStack: MiddlewareStack };
  // The SDK tags requests with an x-id query parameter that the CLI's URLs do not carry; it is not signed in.
  command.middlewareStack.add((next) => (args) => {
    delete args.request.query?.["x-id"];
    return next(args);
  }, { step: "build", name: "withoutXId" });
  try {
    const url = await getSignedUrl(
      loaded.client as unknown as Parameters<typeof getSignedUrl>[0],
      command as unknown as Parameters<typeof getSignedUrl>[1],
      { expiresIn },
    );
    return { text: `${url}\n` };
  } catch (e) {
    throw e instanceof ExecFailure ? e : new ExecFailure(fromSdkError(e, "GetObject"));
  }
}
