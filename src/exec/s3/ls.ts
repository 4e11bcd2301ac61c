/**
 * `aws s3 ls`, run as the AWS CLI runs it: every bucket, or the objects and common prefixes under an S3
 * prefix (all pages, `--recursive` without the delimiter), printed in the CLI's columns — local time,
 * sizes right-aligned in ten characters or human-readable, `PRE` for prefixes — with `--summarize` totals.
 */
import type { ParsedCommand } from "../../parse/types.ts";
import { isoTimestamp } from "../protocol/result.ts";
import type { LoadedClient } from "../sdk.ts";
import { decodeKey, s3Sender } from "./common.ts";

/** What `s3 ls` needs of the execution options. */
export interface LsOptions {
  signal?: AbortSignal;
  maxResults?: number;
  onProgress?: (message: string) => void;
}

const SUFFIXES = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

/** A size as the CLI's `--human-readable` prints it: `1 Byte`, `10 Bytes`, `1.0 KiB`. */
export function humanSize(bytes: number): string {
  if (bytes === 1) return "1 Byte";
  if (bytes < 1024) return `${Math.trunc(bytes)} Bytes`;
  for (let i = 0; i < SUFFIXES.length; i++) {
    const unit = 1024 ** (i + 2);
    if (Math.round((bytes / unit) * 1024) < 1024) {
      return `${((1024 * bytes) / unit).toFixed(1)} ${SUFFIXES[i]}`;
    }
  }
  return `${((1024 * bytes) / 1024 ** (SUFFIXES.length + 1)).toFixed(1)} ${SUFFIXES.at(-1)}`;
}

/** A time as the CLI prints it in listings: `YYYY-MM-DD hh:mm:ss` in the local time zone. */
export function listingTime(d: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${
    two(d.getMinutes())
  }:${two(d.getSeconds())}`;
}

interface S3Object {
  Key?: string;
  LastModified?: Date;
  Size?: number;
}

/** Runs `aws s3 ls` with an S3 client; the listing as text and as data. */
export async function runS3Ls(
  cmd: ParsedCommand,
  loaded: LoadedClient,
  opts: LsOptions,
): Promise<{ text: string; result: unknown }> {
  const options = cmd.highLevel?.options ?? {};
  const human = options["human-readable"] === true;
  const send = s3Sender(loaded, opts.signal);
  const cap = opts.maxResults ?? Infinity;
  const lines: string[] = [];
  if (cmd.operation === "ListBuckets") {
    const out = await send("ListBuckets", {});
    const buckets = ((out.Buckets ?? []) as Array<{ Name?: string; CreationDate?: Date }>).slice(0, cap);
    for (const b of buckets) lines.push(`${listingTime(b.CreationDate ?? new Date(0))} ${b.Name}`);
    return {
      text: lines.map((l) => `${l}\n`).join(""),
      result: { Buckets: buckets.map((b) => ({ Name: b.Name, CreationDate: iso(b.CreationDate) })) },
    };
  }
  const recursive = options.recursive === true;
  const request: Record<string, unknown> = { ...cmd.params };
  if (options["page-size"] !== undefined) request.MaxKeys = options["page-size"];
  const prefixes: string[] = [];
  const contents: Array<{ Key: string; LastModified?: string; Size: number }> = [];
  let totalSize = 0, page = 0;
  do {
    const out = await send("ListObjectsV2", request);
    opts.onProgress?.(`ListObjectsV2: page ${++page}`);
    for (const p of (out.CommonPrefixes ?? []) as Array<{ Prefix?: string }>) {
      if (prefixes.length + contents.length >= cap) break;
      const prefix = decodeKey(p.Prefix ?? "");
      prefixes.push(prefix);
      lines.push(`${"PRE".padStart(30)} ${prefix.split("/").at(-2) ?? ""}/`);
    }
    for (const o of (out.Contents ?? []) as S3Object[]) {
      if (prefixes.length + contents.length >= cap) break;
      const key = decodeKey(o.Key ?? ""), size = Number(o.Size ?? 0);
      totalSize += size;
      contents.push({ Key: key, LastModified: iso(o.LastModified), Size: size });
      const name = recursive ? key : key.split("/").at(-1)!;
      const when = listingTime(o.LastModified ?? new Date(0)).padEnd(19);
      lines.push(`${when} ${(human ? humanSize(size) : String(size)).padStart(10)} ${name}`);
    }
    request.ContinuationToken = out.IsTruncated ? out.NextContinuationToken : undefined;
  } while (request.ContinuationToken && prefixes.length + contents.length < cap);
  let text = lines.map((l) => `${l}\n`).join("");
  if (options.summarize === true) {
    text += `\n${"Total Objects: ".padStart(15)}${contents.length}\n`;
    text += `${"Total Size: ".padStart(15)}${human ? humanSize(totalSize) : totalSize}\n`;
  }
  return { text, result: { CommonPrefixes: prefixes.map((Prefix) => ({ Prefix })), Contents: contents } };
}

const iso = (d: Date | undefined) => (d ? isoTimestamp(d) : undefined);
