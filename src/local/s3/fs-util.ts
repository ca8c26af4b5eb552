/**
 * Filesystem helpers for crash-safe storage: every file is written under a temporary name and
 * renamed into place, so a crash leaves either the old or the new version, never half of one.
 */
import { randomBytes } from "node:crypto";
import { promises as fsp } from "node:fs";
import * as path from "node:path";
import { BodyHasher, type ChecksumAlgorithm, type Checksums } from "./checksums";
import { S3Errors } from "./errors";

/** A fresh random token for unique file names and ids. */
export function randomId(bytes = 16): string {
  return randomBytes(bytes).toString("hex");
}

/** Write JSON to `file` atomically (temp file in the same directory, fsync, rename). */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  const tmp = `${file}.${randomId(6)}.tmp`;
  const fh = await fsp.open(tmp, "wx");
  try {
    await fh.writeFile(JSON.stringify(value));
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await fsp.rename(tmp, file);
  } catch (err) {
    await fsp.rm(tmp, { force: true });
    throw err;
  }
}

/** Read and parse a JSON file; undefined if it does not exist. */
export async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await fsp.readFile(file, "utf8")) as T;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

/** Write all of `chunk` (a single write may be partial). */
export async function writeFully(fh: fsp.FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await fh.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

/** A body written to a temporary file, with its digests. Consumed by a put (moved into place). */
export interface StagedBody {
  readonly kind: "staged";
  readonly path: string;
  readonly size: number;
  readonly md5: Buffer;
  readonly checksums: Checksums;
}

/**
 * Stream `source` into a new file in `dir`, hashing as it goes. Throws `EntityTooLarge` past
 * `maxBytes`; on any failure the partial file is removed.
 */
export async function stageToFile(
  dir: string,
  source: AsyncIterable<Uint8Array | string>,
  algorithms: Iterable<ChecksumAlgorithm>,
  maxBytes: number,
): Promise<StagedBody> {
  const file = path.join(dir, `stage-${randomId()}.tmp`);
  const hasher = new BodyHasher(algorithms);
  const fh = await fsp.open(file, "wx");
  try {
    for await (const raw of source) {
      const chunk = typeof raw === "string" ? Buffer.from(raw) : raw;
      if (hasher.size + chunk.length > maxBytes) throw S3Errors.entityTooLarge(maxBytes);
      hasher.update(chunk);
      await writeFully(fh, chunk);
    }
    await fh.sync();
    await fh.close();
  } catch (err) {
    await fh.close().catch(() => undefined);
    await fsp.rm(file, { force: true });
    throw err;
  }
  const { md5, checksums } = hasher.digest();
  return { kind: "staged", path: file, size: hasher.size, md5, checksums };
}
