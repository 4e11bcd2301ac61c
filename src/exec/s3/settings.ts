/**
 * The transfer settings the AWS CLI reads from a profile's `s3` section of the shared config file
 * (`max_concurrent_requests`, `multipart_threshold`, `multipart_chunksize`), with its defaults.
 */
import { ExecFailure } from "../errors.ts";

/** How transfers run: files (or parts) at a time, and where and how objects are split. */
export interface TransferSettings {
  concurrency: number;
  multipartThreshold: number;
  multipartChunksize: number;
}

/** The CLI's defaults: ten at a time, multipart above 8 MB, in 8 MB parts. */
export const DEFAULT_TRANSFER: TransferSettings = {
  concurrency: 10,
  multipartThreshold: 8 * 1024 * 1024,
  multipartChunksize: 8 * 1024 * 1024,
};

const SIZES: Record<string, number> = {
  kb: 1024,
  mb: 1024 ** 2,
  gb: 1024 ** 3,
  tb: 1024 ** 4,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};

/** A size as the CLI reads one: bytes, or a number with KB/MB/GB/TB (powers of 1024, also KiB…). */
export function parseSize(text: string): number | undefined {
  const m = /^\s*(\d+)\s*([a-z]{2,3})?\s*$/i.exec(text);
  if (!m) return undefined;
  const unit = m[2]?.toLowerCase();
  if (unit !== undefined && !Object.hasOwn(SIZES, unit)) return undefined;
  return Number(m[1]) * (unit ? SIZES[unit] : 1);
}

/** The settings a profile's section gives (`s3.max_concurrent_requests` keys, as the ini loader keys them). */
export function transferSettings(section: Record<string, string | undefined> | undefined): TransferSettings {
  const out = { ...DEFAULT_TRANSFER };
  const bad = (name: string, value: string, want: string) =>
    new ExecFailure({
      code: "INVALID_VALUE",
      message: `The s3 setting ${name} = ${value} in the AWS config file is not ${want}.`,
      hint: "Fix the profile's s3 section in ~/.aws/config (for example multipart_chunksize = 16MB).",
    });
  const requests = section?.["s3.max_concurrent_requests"];
  if (requests !== undefined) {
    const n = Number(requests);
    if (!Number.isInteger(n) || n < 1) {
      throw bad("max_concurrent_requests", requests, "a whole number of at least 1");
    }
    out.concurrency = n;
  }
  for (
    const [key, field] of [["multipart_threshold", "multipartThreshold"], [
      "multipart_chunksize",
      "multipartChunksize",
    ]] as const
  ) {
    const value = section?.[`s3.${key}`];
    if (value === undefined) continue;
    const n = parseSize(value);
    if (n === undefined || n < 1) throw bad(key, value, "a size (bytes, or a number with KB, MB, GB)");
    out[field] = n;
  }
  // S3 takes parts of 5 MiB or more (but the last).
  out.multipartChunksize = Math.max(out.multipartChunksize, 5 * 1024 * 1024);
  return out;
}
