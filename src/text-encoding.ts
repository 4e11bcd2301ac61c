/** Reading text files as editors on every platform write them. */

/**
 * A text file's text in the encodings editors write: UTF-8 with or without a BOM, and UTF-16 with its BOM
 * (PowerShell 5.1's `Out-File`, Notepad's "Unicode").
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  return new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "");
}
