/** What the `aws s3` command runners share: sending with an S3 client, and keys as botocore gives them. */
import type { LoadedClient } from "./sdk.ts";

/** Sends one S3 operation with the loaded client. */
export function s3Sender(loaded: LoadedClient, signal?: AbortSignal) {
  return async (operation: string, input: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const Command = loaded.command(operation)!;
    return await loaded.client.send(new Command(input), { abortSignal: signal });
  };
}

/** A key from a listing made with EncodingType=url, decoded as botocore decodes it for the CLI. */
export const decodeKey = (s: string): string => decodeURIComponent(s.replace(/\+/g, " "));
