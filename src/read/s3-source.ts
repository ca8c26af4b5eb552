/** Capture files under an S3 prefix, listed with ListObjectsV2 and read with GetObject. */
import type * as ClientS3 from "@aws-sdk/client-s3";
import type { SdkClient } from "../sdk-client";
import { captureHourPrefixes, joinS3Key, parseCaptureKey, parseS3Uri } from "../capture";
import {
  compareCaptureFiles,
  fileMayOverlap,
  hourOf,
  type CaptureFile,
  type S3CaptureSource,
  type TimeRange,
} from "./file-info";

// Loaded at the first S3 read, not with the reader: the SDK costs about 100 ms of CPU to load,
// paid otherwise by every worker thread that reads local captures only.
let sdk: typeof ClientS3 | undefined;
const s3Commands = (): typeof ClientS3 => (sdk ??= require("@aws-sdk/client-s3") as typeof ClientS3);

async function* bodyChunks(s3: SdkClient, bucket: string, key: string): AsyncGenerator<Uint8Array> {
  const { GetObjectCommand } = s3Commands();
  const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const body = res.Body as AsyncIterable<Uint8Array> | undefined;
  if (!body) return;
  if (typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === "function") {
    for await (const chunk of body) yield chunk;
  } else {
    // Non-Node runtimes give a web stream; the SDK mixin can still hand over the bytes.
    yield await (res.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray();
  }
}

async function collect(it: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const c of it) out.push(c);
  return out;
}

async function* fromPromise(p: Promise<Uint8Array[]>): AsyncGenerator<Uint8Array> {
  for (const c of await p) yield c;
}

/**
 * Every key (with its size) under `prefix`, all pages. Pages by hand rather than with the SDK
 * paginator, which insists on an S3Client instance: any SDK v3 client that sends the command will do.
 */
export async function listS3Keys(
  s3: SdkClient,
  bucket: string,
  prefix: string,
): Promise<Array<{ key: string; size: number }>> {
  const { ListObjectsV2Command } = s3Commands();
  const out: Array<{ key: string; size: number }> = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const o of page.Contents ?? []) if (o.Key !== undefined) out.push({ key: o.Key, size: o.Size ?? 0 });
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return out;
}

/** The hour folders of the range, or undefined when they cannot be enumerated (no variant, no `from`, or more than a year of hours). */
function hourPrefixes(src: S3CaptureSource, key: string, range: TimeRange): string[] | undefined {
  if (!src.endpointName || !src.variantName || !range.from) return undefined;
  try {
    return captureHourPrefixes({
      prefix: key,
      endpointName: src.endpointName,
      variantName: src.variantName,
      from: range.from,
      to: range.to ?? new Date(),
    });
  } catch (err) {
    if (err instanceof RangeError) return undefined; // too many hours: one listing of the prefix is cheaper
    throw err;
  }
}

/**
 * Lists an S3 source. A URI ending in `.jsonl` names one object; anything else is a folder
 * (listed as `prefix/`). With `endpointName`, `variantName` and `from`, only the hour folders
 * that can hold the range are listed (one earlier hour for the 60 s overhang); otherwise the
 * whole prefix is listed and files are filtered by the time in their names.
 */
export async function listS3CaptureFiles(src: S3CaptureSource, range: TimeRange): Promise<CaptureFile[]> {
  const { bucket, key } = parseS3Uri(src.uri);
  // Decided once from the key: an empty key (the bucket root) is a folder, never an object.
  const single = key.endsWith(".jsonl");
  let prefixes: string[];
  if (single) prefixes = [key];
  else {
    // endpointName / variantName narrow the listing to their folders.
    const folder = joinS3Key(key, src.endpointName ?? "", src.endpointName ? (src.variantName ?? "") : "");
    prefixes = hourPrefixes(src, key, range) ?? [folder === "" ? "" : `${folder}/`];
  }
  const files: CaptureFile[] = [];
  for (const prefix of prefixes) {
    for (const o of await listS3Keys(src.s3, bucket, prefix)) {
      if (single && o.key !== key) continue; // a single object: exact key only (not `key.jsonl.bak` etc.)
      const source = `s3://${bucket}/${o.key}`;
      const open = () => bodyChunks(src.s3, bucket, o.key);
      const f: CaptureFile = { source, key: o.key, size: o.size, open, prefetch: () => collect(open()) };
      const parts = parseCaptureKey(o.key);
      if (parts) {
        f.endpointName = parts.endpointName;
        f.variantName = parts.variantName;
        f.start = parts.start;
        f.hour = hourOf(parts.start);
      } else if (!o.key.endsWith(".jsonl")) continue; // not a capture file (e.g. a folder marker or a manifest)
      if (fileMayOverlap(f.start, range)) files.push(f);
    }
  }
  return files.sort(compareCaptureFiles);
}

/**
 * Yields each file with its bytes, in order, while up to `concurrency` files are fetched
 * ahead (files without `prefetch` are streamed when their turn comes).
 */
export async function* readAhead(
  files: CaptureFile[],
  concurrency = 8,
): AsyncGenerator<{ file: CaptureFile; chunks: AsyncIterable<Uint8Array> }> {
  const pending = new Map<number, Promise<Uint8Array[]>>();
  let next = 0;
  const fill = (from: number) => {
    while (next < files.length && next < from + concurrency) {
      const f = files[next];
      if (f.prefetch) {
        const p = f.prefetch();
        p.catch(() => undefined); // awaited later; avoid an unhandled-rejection warning meanwhile
        pending.set(next, p);
      }
      next++;
    }
  };
  for (let i = 0; i < files.length; i++) {
    fill(i);
    const p = pending.get(i);
    pending.delete(i);
    // The fetch is awaited inside the chunk iteration, so a failed GET surfaces where the
    // reader reports per-file errors (with the file's source).
    yield { file: files[i], chunks: p ? fromPromise(p) : files[i].open() };
  }
}
