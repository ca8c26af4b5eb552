/**
 * One bucket's object files: a JSON sidecar per key (the commit point) plus a data file with a
 * fresh name per version, so readers holding an old version keep valid bytes during an overwrite.
 */
import { promises as fsp } from "node:fs";
import * as path from "node:path";
import { verifyDigests, type Checksums } from "./checksums";
import { S3Errors } from "./errors";
import { randomId, writeJsonAtomic, type StagedBody } from "./fs-util";
import { keyFileStem } from "./bucket-key-names";
import type { ObjectInfo, PutObjectMeta } from "./types";

/** An object as held in the index: its info plus the data file's name. */
export type StoredObject = ObjectInfo & { dataFile: string };

/** S3's limit on user metadata (names plus values, in bytes). */
const MAX_METADATA_BYTES = 2048;

type Sidecar = Omit<StoredObject, "lastModified"> & { v: 1; lastModified: string };

/** Runs tasks one at a time per name (commits to the same key must not interleave). */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Run `task` after every earlier task for `name` has finished. */
  async run<T>(name: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(name) ?? Promise.resolve();
    const current = previous.then(task, task);
    const tail = current.catch(() => undefined);
    this.tails.set(name, tail);
    try {
      return await current;
    } finally {
      if (this.tails.get(name) === tail) this.tails.delete(name);
    }
  }
}

/** The files of one bucket's `objects/` directory. */
export class ObjectFiles {
  /** Create for an existing `objects/` directory. */
  constructor(readonly dir: string) {}

  /**
   * Load every committed object, removing leftovers of interrupted writes. Unreadable sidecars
   * are reported and their files kept, never deleted.
   */
  async load(warn: (message: string) => void): Promise<StoredObject[]> {
    const names = await fsp.readdir(this.dir);
    const objects: StoredObject[] = [];
    const keep = new Set<string>();
    const broken = new Set<string>();
    for (const name of names) {
      if (!name.endsWith(".json")) continue;
      const stem = name.slice(0, -5);
      const file = path.join(this.dir, name);
      try {
        const sc = JSON.parse(await fsp.readFile(file, "utf8")) as Sidecar;
        if (sc.v !== 1 || typeof sc.key !== "string" || keyFileStem(sc.key) !== stem)
          throw new Error("key does not match file name");
        if (typeof sc.dataFile !== "string" || !sc.dataFile.startsWith(stem + ".") || sc.dataFile.includes("/")) {
          throw new Error("bad data file reference");
        }
        const stat = await fsp.stat(path.join(this.dir, sc.dataFile));
        if (stat.size !== sc.size) throw new Error(`data file has ${stat.size} bytes, sidecar says ${sc.size}`);
        const { v: _v, ...rest } = sc;
        objects.push({ ...rest, lastModified: new Date(sc.lastModified) });
        keep.add(sc.dataFile);
      } catch (err) {
        broken.add(stem);
        warn(`skipping object sidecar ${file}: ${(err as Error).message} (files left in place)`);
      }
    }
    for (const name of names) {
      const stem = name.split(".", 1)[0];
      const leftover = name.endsWith(".tmp") || (name.endsWith(".bin") && !keep.has(name) && !broken.has(stem));
      if (leftover) await fsp.rm(path.join(this.dir, name), { force: true });
    }
    return objects;
  }

  /**
   * Move a staged body into place and commit its sidecar. Single-part bodies are verified
   * against the declared digests first; `multipart` supplies the ETag of an assembled upload.
   */
  async commit(
    key: string,
    staged: StagedBody,
    meta: PutObjectMeta,
    multipart?: { etag: string; partsCount: number },
  ): Promise<StoredObject> {
    let checksums: Checksums = {};
    let etag: string;
    if (multipart) {
      etag = multipart.etag;
    } else {
      checksums = verifyDigests(staged, meta.checksums ?? {}, meta.contentMd5);
      etag = `"${staged.md5.toString("hex")}"`;
    }
    const metadata = { ...(meta.metadata ?? {}) };
    const metaBytes = Object.entries(metadata).reduce(
      (n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v),
      0,
    );
    if (metaBytes > MAX_METADATA_BYTES) throw S3Errors.metadataTooLarge();
    const stem = keyFileStem(key);
    const dataFile = `${stem}.${randomId(8)}.bin`;
    const obj: StoredObject = {
      key,
      size: staged.size,
      etag,
      lastModified: new Date(),
      contentType: meta.contentType || "application/octet-stream",
      ...pick(meta),
      metadata,
      checksums,
      ...(multipart ? { partsCount: multipart.partsCount } : {}),
      dataFile,
    };
    await fsp.rename(staged.path, path.join(this.dir, dataFile));
    try {
      const sidecar: Sidecar = { v: 1, ...obj, lastModified: obj.lastModified.toISOString() };
      await writeJsonAtomic(path.join(this.dir, `${stem}.json`), sidecar);
    } catch (err) {
      await fsp.rm(path.join(this.dir, dataFile), { force: true });
      throw err;
    }
    return obj;
  }

  /** Open a data file for reading. */
  openData(dataFile: string): Promise<fsp.FileHandle> {
    return fsp.open(path.join(this.dir, dataFile), "r");
  }

  /** Remove a superseded data file (best effort: a leftover is cleaned at the next open). */
  async removeData(dataFile: string): Promise<void> {
    await fsp.rm(path.join(this.dir, dataFile), { force: true }).catch(() => undefined);
  }

  /** Remove an object's sidecar (the commit point) and then its data. */
  async remove(obj: StoredObject): Promise<void> {
    await fsp.rm(path.join(this.dir, `${keyFileStem(obj.key)}.json`), { force: true });
    await this.removeData(obj.dataFile);
  }
}

function pick(meta: PutObjectMeta): Partial<ObjectInfo> {
  const out: Partial<ObjectInfo> = {};
  if (meta.contentEncoding) out.contentEncoding = meta.contentEncoding;
  if (meta.cacheControl) out.cacheControl = meta.cacheControl;
  if (meta.contentDisposition) out.contentDisposition = meta.contentDisposition;
  if (meta.contentLanguage) out.contentLanguage = meta.contentLanguage;
  if (meta.expires) out.expires = meta.expires;
  return out;
}
