/**
 * Bucket-name and key rules, and the mapping of keys to file names. Keys never become paths:
 * they are hex-encoded (or hashed when long), so no key can name anything outside its bucket.
 */
import { createHash } from "node:crypto";
import { S3Errors } from "./errors";

/** S3's maximum key length in UTF-8 bytes. */
const MAX_KEY_BYTES = 1024;

/** Matches a UTF-16 surrogate without its partner (not encodable as UTF-8). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Keys up to this many UTF-8 bytes are stored under their hex form (readable when debugging). */
const HEX_KEY_LIMIT = 100;

/**
 * Check a bucket name against S3's general-purpose bucket rules; throws `InvalidBucketName`.
 * The rules also guarantee the name is a safe single directory name.
 */
export function validateBucketName(name: string): void {
  const fail = (why: string) => {
    throw S3Errors.invalidBucketName(name, why);
  };
  if (name.length < 3 || name.length > 63) fail("must be 3 to 63 characters long");
  if (!/^[a-z0-9.-]+$/.test(name)) fail("only lower-case letters, digits, dots and hyphens are allowed");
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) fail("must begin and end with a letter or digit");
  if (name.includes("..")) fail("must not contain two adjacent dots");
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) fail("must not be formatted as an IP address");
  if (name.startsWith("xn--") || name.startsWith("sthree-")) fail("must not start with a reserved prefix");
  if (name.endsWith("-s3alias") || name.endsWith("--ol-s3")) fail("must not end with a reserved suffix");
}

/**
 * Check an object key: non-empty, well-formed Unicode, no NUL, at most 1024 UTF-8 bytes.
 * Keys such as `../x` are legal in S3 and are stored literally (they never touch a path).
 */
export function validateKey(key: string): void {
  if (typeof key !== "string" || key.length === 0) throw S3Errors.invalidArgument("Object key must not be empty.");
  if (key.includes("\0")) throw S3Errors.invalidArgument("Object key must not contain a NUL character.");
  if (LONE_SURROGATE.test(key))
    throw S3Errors.invalidArgument("Object key must be valid UTF-8 (lone surrogate found).");
  if (Buffer.byteLength(key, "utf8") > MAX_KEY_BYTES) throw S3Errors.keyTooLong(key);
}

/**
 * The file-name stem for a key: `k<hex of UTF-8>` for short keys, `h<sha256 hex>` for long ones
 * (a 1024-byte key in hex would exceed the 255-byte file-name limit). Only [0-9a-f] follow the tag.
 */
export function keyFileStem(key: string): string {
  const bytes = Buffer.from(key, "utf8");
  if (bytes.length <= HEX_KEY_LIMIT) return "k" + bytes.toString("hex");
  return "h" + createHash("sha256").update(bytes).digest("hex");
}

/**
 * Compare two strings in UTF-8 byte order (S3's listing order), without encoding them.
 * Code-point order equals UTF-8 byte order; UTF-16 order differs only for surrogates, which
 * encode code points above every BMP character, so they are lifted above 0xFFFF here.
 */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && x <= 0xdfff) x += 0x10000;
    if (y >= 0xd800 && y <= 0xdfff) y += 0x10000;
    return x - y;
  }
  return a.length - b.length;
}
