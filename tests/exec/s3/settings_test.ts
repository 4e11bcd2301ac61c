/** The s3 section of a profile: sizes as the CLI reads them, defaults, and clear errors for bad values. */
import { deepStrictEqual as assertEquals, throws } from "node:assert";
import { DEFAULT_TRANSFER, parseSize, transferSettings } from "../../../src/exec/s3/settings.ts";

Deno.test("sizes: bytes, or KB/MB/GB/TB and KiB… as powers of 1024; anything else is not a size", () => {
  const cases: [string, number | undefined][] = [
    ["1048576", 1048576],
    ["8MB", 8 * 1024 ** 2],
    ["8mb", 8 * 1024 ** 2],
    ["16 MiB", 16 * 1024 ** 2],
    ["1GB", 1024 ** 3],
    ["64KB", 65536],
    ["8 megabytes", undefined],
    ["8.5MB", undefined],
    ["", undefined],
    ["-1", undefined],
  ];
  assertEquals(cases.map(([t]) => parseSize(t)), cases.map(([, n]) => n));
});

Deno.test("a profile's s3 section sets concurrency and multipart sizes; parts are at least 5 MiB", () => {
  assertEquals(transferSettings(undefined), DEFAULT_TRANSFER);
  assertEquals(
    transferSettings({
      region: "eu-west-1",
      "s3.max_concurrent_requests": "20",
      "s3.multipart_threshold": "64MB",
      "s3.multipart_chunksize": "16MB",
    }),
    { concurrency: 20, multipartThreshold: 64 * 1024 ** 2, multipartChunksize: 16 * 1024 ** 2 },
  );
  assertEquals(transferSettings({ "s3.multipart_chunksize": "1MB" }).multipartChunksize, 5 * 1024 ** 2);
  throws(() => transferSettings({ "s3.max_concurrent_requests": "lots" }), /max_concurrent_requests = lots/);
  throws(
    () => transferSettings({ "s3.multipart_threshold": "big" }),
    /multipart_threshold = big .* not a size/,
  );
});
