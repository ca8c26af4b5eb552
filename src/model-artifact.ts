/**
 * SageMaker model artifacts: `model.tar.gz` in and out.
 *
 * Limits (defaults, override with {@link ArtifactLimits}): 1 GiB uncompressed in total,
 * 10,000 entries. Entry names are normalised (leading `./` removed) and rejected when they
 * are absolute, contain `..` segments, backslashes or NUL, so an artifact can never write
 * outside the model directory. Directories are implied; links and devices are rejected.
 */
import * as zlib from "node:zlib";
import { promisify } from "node:util";
import * as tar from "tar-stream";
import { CaptureLabError } from "./errors";

const gunzip = promisify(zlib.gunzip);
const gzip = promisify(zlib.gzip);

/** Size limits applied while extracting an artifact. */
export interface ArtifactLimits {
  /** Maximum total uncompressed size (tar stream) in bytes. Default 1 GiB. */
  maxTotalBytes?: number;
  /** Maximum number of entries. Default 10,000. */
  maxEntries?: number;
}

/** A model artifact that cannot be used; the message names the entry and the problem. */
export class ArtifactError extends CaptureLabError {
  constructor(message: string) {
    super(message);
  }
}

const DEFAULT_MAX_TOTAL = 1024 * 1024 * 1024;
const DEFAULT_MAX_ENTRIES = 10_000;

/**
 * Validates and normalises an entry name: drops leading `./` (and a trailing `/`), returns
 * `""` for the archive root, throws {@link ArtifactError} for unsafe names.
 */
export function normaliseEntryName(name: string): string {
  if (name.includes("\0")) throw new ArtifactError(`model.tar.gz entry ${JSON.stringify(name)}: NUL in name`);
  if (name.includes("\\")) throw new ArtifactError(`model.tar.gz entry ${JSON.stringify(name)}: backslash in name`);
  if (name.startsWith("/") || /^[A-Za-z]:/.test(name)) {
    throw new ArtifactError(`model.tar.gz entry ${JSON.stringify(name)}: absolute paths are not allowed`);
  }
  const parts = name.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.includes("..")) throw new ArtifactError(`model.tar.gz entry ${JSON.stringify(name)}: '..' is not allowed`);
  return parts.join("/");
}

/**
 * Extracts a `model.tar.gz` into memory: relative path → file contents.
 * Throws {@link ArtifactError} for corrupt data, unsafe names or exceeded limits.
 */
export async function extractModelArtifact(tarGz: Buffer, limits: ArtifactLimits = {}): Promise<Map<string, Buffer>> {
  const maxTotal = limits.maxTotalBytes ?? DEFAULT_MAX_TOTAL;
  const maxEntries = limits.maxEntries ?? DEFAULT_MAX_ENTRIES;
  if (tarGz.length < 2 || tarGz[0] !== 0x1f || tarGz[1] !== 0x8b) {
    throw new ArtifactError("model.tar.gz: not a gzip file (SageMaker expects ModelDataUrl to point at a .tar.gz)");
  }
  let tarBytes: Buffer;
  try {
    tarBytes = await gunzip(tarGz, { maxOutputLength: maxTotal });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "ERR_BUFFER_TOO_LARGE")
      throw new ArtifactError(`model.tar.gz: uncompressed size exceeds the limit of ${maxTotal} bytes`);
    throw new ArtifactError(`model.tar.gz: corrupt gzip data: ${err.message}`);
  }
  const files = new Map<string, Buffer>();
  const extract = tar.extract();
  let entries = 0;
  const done = new Promise<void>((resolve, reject) => {
    extract.on("entry", (header, stream, next) => {
      const fail = (msg: string) => {
        stream.resume();
        reject(new ArtifactError(msg));
        extract.destroy();
      };
      if (++entries > maxEntries) return fail(`model.tar.gz: more than ${maxEntries} entries`);
      let name: string;
      try {
        name = normaliseEntryName(header.name);
      } catch (e) {
        return fail((e as Error).message);
      }
      const type = header.type ?? "file";
      if (type === "directory") {
        stream.resume();
        stream.on("end", () => next());
        return;
      }
      if (type !== "file" && type !== "contiguous-file") {
        return fail(
          `model.tar.gz entry ${JSON.stringify(header.name)}: entries of type ${type} are not supported (regular files only)`,
        );
      }
      if (name === "") return fail(`model.tar.gz entry ${JSON.stringify(header.name)}: a file needs a name`);
      const chunks: Buffer[] = [];
      stream.on("data", (c: unknown) => {
        chunks.push(c as Buffer);
      });
      stream.on("error", (e: Error) =>
        reject(new ArtifactError(`model.tar.gz entry ${JSON.stringify(name)}: ${e.message}`)),
      );
      stream.on("end", () => {
        files.set(name, Buffer.concat(chunks));
        next();
      });
    });
    extract.on("finish", () => resolve());
    extract.on("error", (e: Error) =>
      reject(e instanceof ArtifactError ? e : new ArtifactError(`model.tar.gz: corrupt tar data: ${e.message}`)),
    );
  });
  extract.end(tarBytes);
  await done;
  return files;
}

/**
 * Packs files into a `model.tar.gz` (regular files, mode 0644, fixed mtime so the same
 * input gives the same bytes). Names are validated like extracted ones.
 */
export async function createModelArtifact(files: Record<string, Buffer | string>): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const collected = new Promise<Buffer>((resolve, reject) => {
    pack.on("data", (c: unknown) => {
      chunks.push(c as Buffer);
    });
    pack.on("end", () => resolve(Buffer.concat(chunks)));
    pack.on("error", reject);
  });
  for (const [rawName, content] of Object.entries(files)) {
    const name = normaliseEntryName(rawName);
    if (name === "") throw new ArtifactError(`createModelArtifact: ${JSON.stringify(rawName)} is not a file name`);
    const data = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    await new Promise<void>((resolve, reject) => {
      pack.entry({ name, size: data.length, mode: 0o644, mtime: new Date(0), type: "file" }, data, (err) =>
        err ? reject(err) : resolve(),
      );
    });
  }
  pack.finalize();
  return gzip(await collected);
}
