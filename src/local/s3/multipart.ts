/**
 * Multipart uploads on disk. Each upload is a directory `uploads/<uploadId>/` holding
 * `upload.json` (key and headers) and, per part, `part-<n>.json` (the part's commit point)
 * with its bytes in `part-<n>.<id>.bin`. Parts may arrive in any order and be re-sent.
 */
import { createHash } from "node:crypto";
import { createReadStream, promises as fsp } from "node:fs";
import * as path from "node:path";
import { verifyDigests, type ChecksumAlgorithm, type Checksums } from "./checksums";
import { S3Errors } from "./errors";
import { randomId, readJson, writeFully, writeJsonAtomic, type StagedBody } from "./fs-util";
import type { CompletedPart, ObjectHeaders, PartInfo, PutObjectMeta } from "./types";

/** Every part but the last must be at least this large. */
const MIN_PART_SIZE = 5 * 1024 * 1024;
/** Highest part number S3 allows. */
const MAX_PART_NUMBER = 10000;

interface UploadRecord {
  v: 1;
  uploadId: string;
  key: string;
  initiated: string;
  meta: ObjectHeaders;
}

interface PartRecord {
  partNumber: number;
  dataFile: string;
  size: number;
  /** MD5 hex (the part's ETag without quotes). */
  md5: string;
  lastModified: string;
  checksums: Checksums;
}

const stripQuotes = (etag: string) => etag.trim().replace(/^"+|"+$/g, "");

function toPartInfo(p: PartRecord): PartInfo {
  return {
    partNumber: p.partNumber,
    size: p.size,
    etag: `"${p.md5}"`,
    lastModified: new Date(p.lastModified),
    checksums: p.checksums,
  };
}

/** Multipart-upload state of the store (directories passed in per bucket). */
export class Multipart {
  /** `tmpDir` receives assembled objects and trashed uploads. */
  constructor(private readonly tmpDir: string) {}

  /** Create an upload for `key`; returns its id (32 hex digits). */
  async create(uploadsDir: string, key: string, meta: PutObjectMeta): Promise<string> {
    const uploadId = randomId(16);
    const dir = path.join(uploadsDir, uploadId);
    await fsp.mkdir(dir);
    const { checksums: _c, contentMd5: _m, ...headers } = meta;
    const record: UploadRecord = { v: 1, uploadId, key, initiated: new Date().toISOString(), meta: headers };
    await writeJsonAtomic(path.join(dir, "upload.json"), record);
    return uploadId;
  }

  /** The upload's record; `NoSuchUpload` unless it exists for this key. */
  async load(uploadsDir: string, key: string, uploadId: string): Promise<UploadRecord> {
    // The id is checked before it is used in a path.
    if (!/^[0-9a-f]{32}$/.test(uploadId)) throw S3Errors.noSuchUpload(uploadId);
    const record = await readJson<UploadRecord>(path.join(uploadsDir, uploadId, "upload.json"));
    if (!record || record.key !== key) throw S3Errors.noSuchUpload(uploadId);
    return record;
  }

  /** Store a part (verifying declared digests); the staged body is consumed either way. */
  async uploadPart(
    uploadsDir: string,
    key: string,
    uploadId: string,
    partNumber: number,
    staged: StagedBody,
    meta: PutObjectMeta,
  ): Promise<PartInfo> {
    try {
      if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
        throw S3Errors.invalidArgument(`Part number must be an integer between 1 and ${MAX_PART_NUMBER}, inclusive`);
      }
      await this.load(uploadsDir, key, uploadId);
      const verified = verifyDigests(staged, meta.checksums ?? {}, meta.contentMd5);
      // Keep only what the client declared: S3 echoes (and later compares) just those.
      const checksums: Checksums = {};
      for (const alg of Object.keys(meta.checksums ?? {}) as ChecksumAlgorithm[]) checksums[alg] = verified[alg];
      const dir = path.join(uploadsDir, uploadId);
      const dataFile = `part-${partNumber}.${randomId(8)}.bin`;
      await fsp.rename(staged.path, path.join(dir, dataFile));
      const jsonFile = path.join(dir, `part-${partNumber}.json`);
      const old = await readJson<PartRecord>(jsonFile);
      const record: PartRecord = {
        partNumber,
        dataFile,
        size: staged.size,
        md5: staged.md5.toString("hex"),
        lastModified: new Date().toISOString(),
        checksums,
      };
      try {
        await writeJsonAtomic(jsonFile, record);
      } catch (err) {
        await fsp.rm(path.join(dir, dataFile), { force: true }); // no part without its record
        throw err;
      }
      if (old && old.dataFile !== dataFile) await fsp.rm(path.join(dir, old.dataFile), { force: true });
      return toPartInfo(record);
    } finally {
      await fsp.rm(staged.path, { force: true });
    }
  }

  /** The parts uploaded so far, ascending. */
  async listParts(uploadsDir: string, key: string, uploadId: string): Promise<PartInfo[]> {
    await this.load(uploadsDir, key, uploadId);
    return (await this.partRecords(path.join(uploadsDir, uploadId))).map(toPartInfo);
  }

  private async partRecords(dir: string): Promise<PartRecord[]> {
    const records: PartRecord[] = [];
    for (const name of await fsp.readdir(dir)) {
      if (!/^part-\d+\.json$/.test(name)) continue;
      const record = await readJson<PartRecord>(path.join(dir, name));
      if (record) records.push(record);
    }
    return records.sort((a, b) => a.partNumber - b.partNumber);
  }

  /**
   * Check the Complete request's part list and concatenate the parts into a staged file.
   * Errors: MalformedXML (no parts), InvalidPartOrder, InvalidPart, EntityTooSmall.
   */
  async assemble(uploadsDir: string, key: string, uploadId: string, parts: CompletedPart[]) {
    const upload = await this.load(uploadsDir, key, uploadId);
    if (parts.length === 0) throw S3Errors.malformedXML("CompleteMultipartUpload must list at least one part");
    const dir = path.join(uploadsDir, uploadId);
    const stored = new Map((await this.partRecords(dir)).map((p) => [p.partNumber, p]));
    const chosen: PartRecord[] = [];
    parts.forEach((part, i) => {
      if (i > 0 && part.partNumber <= parts[i - 1].partNumber) throw S3Errors.invalidPartOrder();
      const record = stored.get(part.partNumber);
      if (!record) throw S3Errors.invalidPart(`part ${part.partNumber} was not uploaded`);
      if (stripQuotes(part.etag) !== record.md5)
        throw S3Errors.invalidPart(`part ${part.partNumber} has ETag "${record.md5}"`);
      for (const [alg, value] of Object.entries(part.checksums ?? {}) as [ChecksumAlgorithm, string][]) {
        const have = record.checksums[alg];
        if (have !== undefined && have !== value)
          throw S3Errors.invalidPart(`part ${part.partNumber} checksum ${alg} differs`);
      }
      chosen.push(record);
    });
    chosen.forEach((p, i) => {
      if (i < chosen.length - 1 && p.size < MIN_PART_SIZE) throw S3Errors.entityTooSmall(p.partNumber, p.size);
    });
    const out = path.join(this.tmpDir, `assemble-${randomId()}.tmp`);
    const fh = await fsp.open(out, "wx");
    let size = 0;
    try {
      for (const p of chosen) {
        for await (const chunk of createReadStream(path.join(dir, p.dataFile), { highWaterMark: 1024 * 1024 })) {
          await writeFully(fh, chunk as Buffer);
          size += (chunk as Buffer).length;
        }
      }
      await fh.sync();
    } catch (err) {
      await fh.close();
      await fsp.rm(out, { force: true });
      throw err;
    }
    await fh.close();
    const md5s = Buffer.concat(chosen.map((p) => Buffer.from(p.md5, "hex")));
    const etag = `"${createHash("md5").update(md5s).digest("hex")}-${chosen.length}"`;
    const staged: StagedBody = { kind: "staged", path: out, size, md5: Buffer.alloc(0), checksums: {} };
    return { staged, etag, meta: upload.meta as PutObjectMeta };
  }

  /** Remove an upload directory (renamed away first, so removal is all-or-nothing). */
  async remove(uploadsDir: string, uploadId: string): Promise<void> {
    const trash = path.join(this.tmpDir, `trash-${randomId(8)}`);
    await fsp.rename(path.join(uploadsDir, uploadId), trash);
    await fsp.rm(trash, { recursive: true, force: true });
  }
}
