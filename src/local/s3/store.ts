/**
 * S3Store: the state of the embedded S3 service, on the filesystem, with no HTTP.
 *
 * Layout under `root`:
 *   tmp/                                   staged bodies (same filesystem, so renames are atomic)
 *   buckets/<bucket>/bucket.json           the bucket's existence (its commit point)
 *   buckets/<bucket>/objects/<stem>.json   sidecar: key, headers, digests, data file name
 *   buckets/<bucket>/objects/<stem>.<id>.bin  object bytes
 *   buckets/<bucket>/uploads/<uploadId>/   multipart uploads (see multipart.ts)
 * `<stem>` comes from the key (bucket-key-names.ts), never the key itself. The sidecar is the commit point
 * of a put: bytes go in first under a fresh name, then the sidecar is renamed over the old one.
 */
import { promises as fsp } from "node:fs";
import * as path from "node:path";
import type { ChecksumAlgorithm } from "./checksums";
import { S3Errors } from "./errors";
import { randomId, stageToFile, writeJsonAtomic, type StagedBody } from "./fs-util";
import { decodeToken, encodeToken } from "./key-index";
import { resolveRange } from "./ranges";
import { keyFileStem, validateBucketName, validateKey } from "./bucket-key-names";
import { loadBuckets, newBucketState, type BucketState } from "./bucket-state";
import { KeyedLock, type StoredObject } from "./object-files";
import { Multipart } from "./multipart";
import type {
  BucketInfo,
  CompletedPart,
  ListObjectsV2Input,
  ListObjectsV2Output,
  ObjectInfo,
  PartInfo,
  PutObjectMeta,
  RangeSpec,
  ResolvedRange,
} from "./types";

/** Options for {@link S3Store.open}. */
export interface S3StoreOptions {
  /** Largest single PutObject / UploadPart body; default 5 GiB (S3's limit). */
  maxObjectSize?: number;
  /** Where recoverable problems found at open are reported; default `console.warn`. */
  onWarning?: (message: string) => void;
}

const FIVE_GIB = 5 * 1024 ** 3;

/** The embedded S3 store. Create with {@link S3Store.open}. */
export class S3Store {
  /** The data root. */
  readonly root: string;
  /** Largest accepted single body in bytes. */
  readonly maxObjectSize: number;
  private readonly buckets = new Map<string, BucketState>();
  private readonly tmpDir: string;
  private readonly multipart: Multipart;
  private readonly warn: (message: string) => void;
  private readonly locks = new KeyedLock();

  private constructor(root: string, options: S3StoreOptions) {
    this.root = path.resolve(root);
    this.tmpDir = path.join(this.root, "tmp");
    this.maxObjectSize = options.maxObjectSize ?? FIVE_GIB;
    this.warn = options.onWarning ?? ((m) => console.warn(`[s3] ${m}`));
    this.multipart = new Multipart(this.tmpDir);
  }

  /** Open (or create) a store under `root`, rebuilding the key indexes from the sidecars. */
  static async open(root: string, options: S3StoreOptions = {}): Promise<S3Store> {
    const store = new S3Store(root, options);
    await fsp.mkdir(path.join(store.root, "buckets"), { recursive: true });
    await fsp.rm(store.tmpDir, { recursive: true, force: true }); // only uncommitted leftovers live here
    await fsp.mkdir(store.tmpDir, { recursive: true });
    for (const state of await loadBuckets(path.join(store.root, "buckets"), store.warn))
      store.buckets.set(state.info.name, state);
    return store;
  }

  private bucket(name: string): BucketState {
    const state = this.buckets.get(name);
    if (!state) throw S3Errors.noSuchBucket(name);
    return state;
  }

  /** Create a bucket; `BucketAlreadyOwnedByYou` if it exists, `InvalidBucketName` if the name breaks S3's rules. */
  async createBucket(name: string): Promise<void> {
    validateBucketName(name);
    if (this.buckets.has(name)) throw S3Errors.bucketAlreadyOwnedByYou(name);
    const dir = path.join(this.root, "buckets", name);
    await fsp.mkdir(path.join(dir, "objects"), { recursive: true });
    await fsp.mkdir(path.join(dir, "uploads"), { recursive: true });
    if (this.buckets.has(name)) throw S3Errors.bucketAlreadyOwnedByYou(name); // lost a race meanwhile
    const info = { name, creationDate: new Date() };
    this.buckets.set(name, newBucketState(info, dir));
    await writeJsonAtomic(path.join(dir, "bucket.json"), { name, creationDate: info.creationDate.toISOString() });
  }

  /** Delete an empty bucket (pending multipart uploads are discarded); `BucketNotEmpty` otherwise. */
  async deleteBucket(name: string): Promise<void> {
    const state = this.bucket(name);
    if (state.index.size > 0) throw S3Errors.bucketNotEmpty(name);
    this.buckets.delete(name);
    // Rename first so a crash mid-removal never leaves a half-deleted bucket that reappears.
    const trash = path.join(this.tmpDir, `trash-${randomId(8)}`);
    await fsp.rename(state.dir, trash);
    await fsp.rm(trash, { recursive: true, force: true });
  }

  /** The bucket's info; `NoSuchBucket` if absent. */
  headBucket(name: string): BucketInfo {
    return { ...this.bucket(name).info };
  }

  /** All buckets, by name. */
  listBuckets(): BucketInfo[] {
    return [...this.buckets.values()]
      .map((b) => ({ ...b.info }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Check that a bucket exists and a key is valid before reading a request body. */
  checkTarget(bucket: string, key?: string): void {
    this.bucket(bucket);
    if (key !== undefined) validateKey(key);
  }

  /** Stream a body into a staged temp file (hashing it) for a later put or part upload. */
  stage(source: AsyncIterable<Uint8Array | string>, algorithms: Iterable<ChecksumAlgorithm> = []): Promise<StagedBody> {
    return this.writing("a request body", () => stageToFile(this.tmpDir, source, algorithms, this.maxObjectSize));
  }

  /**
   * Runs a task that writes to the data volume; a full disk (or quota) becomes a logged
   * `InsufficientStorage` error instead of an internal failure. The task removes its own partial files.
   */
  private async writing<T>(what: string, task: () => Promise<T>): Promise<T> {
    try {
      return await task();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== "ENOSPC" && code !== "EDQUOT") throw err;
      const cause = `${code} writing ${what}`;
      this.warn(`disk full under ${this.root}: ${cause} was not stored (${(err as Error).message})`);
      throw S3Errors.insufficientStorage(this.root, cause);
    }
  }

  /** Remove a staged body that will not be stored. */
  async discard(staged: StagedBody): Promise<void> {
    await fsp.rm(staged.path, { force: true });
  }

  private async toStaged(body: Buffer | string | StagedBody, meta: PutObjectMeta): Promise<StagedBody> {
    if (typeof body === "object" && "kind" in body) return body;
    const algorithms = Object.keys(meta.checksums ?? {}) as ChecksumAlgorithm[];
    const bytes = typeof body === "string" ? Buffer.from(body) : body;
    return this.stage(
      (async function* () {
        yield bytes;
      })(),
      algorithms,
    );
  }

  /** Store an object atomically; verifies declared checksums (`BadDigest`). Returns its quoted ETag. */
  async putObject(
    bucket: string,
    key: string,
    body: Buffer | string | StagedBody,
    meta: PutObjectMeta = {},
  ): Promise<{ etag: string; size: number; checksums: ObjectInfo["checksums"] }> {
    let staged: StagedBody | undefined;
    try {
      const state = this.bucket(bucket);
      validateKey(key);
      staged = await this.toStaged(body, meta);
      const ready = staged;
      const obj = await this.locks.run(`${bucket}/${key}`, async () => {
        const committed = await this.writing(`object ${bucket}/${key}`, () => state.files.commit(key, ready, meta));
        this.replace(state, committed);
        return committed;
      });
      staged = undefined;
      return { etag: obj.etag, size: obj.size, checksums: obj.checksums };
    } finally {
      if (staged) await fsp.rm(staged.path, { force: true });
    }
  }

  private replace(state: BucketState, obj: StoredObject): void {
    const old = state.index.get(obj.key);
    state.index.set(obj.key, obj);
    if (old && old.dataFile !== obj.dataFile) void state.files.removeData(old.dataFile);
  }

  /** An object's info; `NoSuchKey` / `NoSuchBucket` if absent. */
  headObject(bucket: string, key: string): ObjectInfo {
    const obj = this.bucket(bucket).index.get(key);
    if (!obj) throw S3Errors.noSuchKey(key);
    return publicInfo(obj);
  }

  /**
   * Open an object for streaming (the bytes stay readable even if it is overwritten meanwhile).
   * The caller must close the returned handle's stream.
   */
  async openObject(bucket: string, key: string, range?: RangeSpec) {
    const state = this.bucket(bucket);
    for (let attempt = 0; ; attempt++) {
      const obj = state.index.get(key);
      if (!obj) throw S3Errors.noSuchKey(key);
      const resolved = range ? resolveRange(range, obj.size) : undefined;
      try {
        const handle = await state.files.openData(obj.dataFile);
        return { info: publicInfo(obj), range: resolved, handle };
      } catch (err) {
        // Overwritten or deleted between lookup and open: look again once.
        if ((err as NodeJS.ErrnoException).code !== "ENOENT" || attempt > 0) throw err;
      }
    }
  }

  /** Read a whole object (or a range of it) into memory. */
  async getObject(
    bucket: string,
    key: string,
    range?: RangeSpec,
  ): Promise<ObjectInfo & { body: Buffer; range?: ResolvedRange }> {
    const { info, range: resolved, handle } = await this.openObject(bucket, key, range);
    try {
      const start = resolved?.start ?? 0;
      const length = resolved ? resolved.end - resolved.start + 1 : info.size;
      const body = Buffer.alloc(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(body, done, length - done, start + done);
        if (bytesRead === 0) throw new Error(`object data for ${key} is shorter than its recorded size`);
        done += bytesRead;
      }
      return { ...info, body, range: resolved };
    } finally {
      await handle.close();
    }
  }

  /** Delete an object; deleting a missing key succeeds, as in S3. */
  async deleteObject(bucket: string, key: string): Promise<void> {
    const state = this.bucket(bucket);
    validateKey(key);
    await this.locks.run(`${bucket}/${key}`, async () => {
      const old = state.index.delete(key);
      if (old) await state.files.remove(old);
    });
  }

  /** Delete many keys; per-key failures are reported, not thrown. */
  async deleteObjects(bucket: string, keys: string[]) {
    this.bucket(bucket);
    const deleted: string[] = [];
    const errors: { key: string; code: string; message: string }[] = [];
    for (const key of keys) {
      try {
        await this.deleteObject(bucket, key);
        deleted.push(key);
      } catch (err) {
        const e = err as { code?: string; message: string };
        errors.push({ key, code: e.code ?? "InternalError", message: e.message });
      }
    }
    return { deleted, errors };
  }

  /** List keys in UTF-8 byte order with prefix/delimiter/pagination, like ListObjectsV2. */
  listObjectsV2(input: ListObjectsV2Input): ListObjectsV2Output {
    const state = this.bucket(input.bucket);
    const maxKeys = Math.min(input.maxKeys ?? 1000, 1000);
    if (!Number.isInteger(maxKeys) || maxKeys < 0)
      throw S3Errors.invalidArgument("max-keys must be an integer from 0 to 1000.");
    let after = input.startAfter;
    let skipPrefix: string | undefined;
    if (input.continuationToken !== undefined) {
      after = decodeToken(input.continuationToken);
      if (input.delimiter && after.endsWith(input.delimiter)) skipPrefix = after;
    }
    const page = state.index.list({ prefix: input.prefix, delimiter: input.delimiter, after, skipPrefix, maxKeys });
    return {
      contents: page.contents.map(publicInfo),
      commonPrefixes: page.commonPrefixes,
      isTruncated: page.isTruncated,
      keyCount: page.contents.length + page.commonPrefixes.length,
      maxKeys,
      nextContinuationToken:
        page.isTruncated && page.resumeAfter !== undefined ? encodeToken(page.resumeAfter) : undefined,
    };
  }

  /** Copy an object; with `meta` the headers are replaced, otherwise copied. */
  async copyObject(srcBucket: string, srcKey: string, dstBucket: string, dstKey: string, meta?: PutObjectMeta) {
    this.checkTarget(dstBucket, dstKey);
    const { info, handle } = await this.openObject(srcBucket, srcKey);
    let staged: StagedBody;
    try {
      staged = await this.stage(handle.createReadStream({ autoClose: false }));
    } finally {
      await handle.close();
    }
    const headers = meta ?? { ...info, checksums: undefined };
    const result = await this.putObject(dstBucket, dstKey, staged, headers);
    return { ...result, lastModified: this.headObject(dstBucket, dstKey).lastModified };
  }

  /** Start a multipart upload; returns its upload id. */
  async createMultipartUpload(bucket: string, key: string, meta: PutObjectMeta = {}): Promise<string> {
    const state = this.bucket(bucket);
    validateKey(key);
    return this.multipart.create(path.join(state.dir, "uploads"), key, meta);
  }

  /** Store one part (1..10000); replaces an earlier part with the same number. */
  async uploadPart(
    bucket: string,
    key: string,
    uploadId: string,
    partNumber: number,
    body: Buffer | string | StagedBody,
    meta: PutObjectMeta = {},
  ): Promise<PartInfo> {
    const state = this.bucket(bucket);
    const staged = await this.toStaged(body, meta);
    return this.writing(`part ${partNumber} of ${bucket}/${key}`, () =>
      this.multipart.uploadPart(path.join(state.dir, "uploads"), key, uploadId, partNumber, staged, meta),
    );
  }

  /** Parts uploaded so far, by part number. */
  async listParts(bucket: string, key: string, uploadId: string): Promise<PartInfo[]> {
    return this.multipart.listParts(path.join(this.bucket(bucket).dir, "uploads"), key, uploadId);
  }

  /** Assemble the listed parts into the object (multipart ETag `"<md5 of part md5s>-N"`). */
  async completeMultipartUpload(bucket: string, key: string, uploadId: string, parts: CompletedPart[]) {
    const state = this.bucket(bucket);
    const uploads = path.join(state.dir, "uploads");
    const assembled = await this.multipart.assemble(uploads, key, uploadId, parts);
    const obj = await this.locks.run(`${bucket}/${key}`, async () => {
      const committed = await state.files.commit(key, assembled.staged, assembled.meta, {
        etag: assembled.etag,
        partsCount: parts.length,
      });
      this.replace(state, committed);
      return committed;
    });
    await this.multipart.remove(uploads, uploadId);
    return { etag: obj.etag, size: obj.size };
  }

  /** Discard a multipart upload and its parts. */
  async abortMultipartUpload(bucket: string, key: string, uploadId: string): Promise<void> {
    const uploads = path.join(this.bucket(bucket).dir, "uploads");
    await this.multipart.load(uploads, key, uploadId);
    await this.multipart.remove(uploads, uploadId);
  }

  /** The file-name stem an object's files use (exposed for diagnostics and tests). */
  static fileStem(key: string): string {
    return keyFileStem(key);
  }
}

function publicInfo(obj: StoredObject): ObjectInfo {
  const { dataFile: _dataFile, ...info } = obj;
  return { ...info, metadata: { ...info.metadata }, checksums: { ...info.checksums } };
}
