/**
 * In-memory sorted index of one bucket's keys (UTF-8 byte order) with S3's listing walk:
 * prefix, delimiter roll-up into common prefixes, start-after and a page size.
 */
import { S3Errors } from "./errors";
import { compareUtf8 } from "./bucket-key-names";

/** One listing page: entries and common prefixes in order, and where to resume. */
export interface ListPage<T> {
  contents: T[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** The last key or common prefix returned; resume strictly after it. */
  resumeAfter?: string;
}

/** Options for {@link KeyIndex.list}. */
export interface ListWalk {
  prefix?: string;
  delimiter?: string;
  /** Start strictly after this key. */
  after?: string;
  /** Also skip keys that roll up into this common prefix (set when resuming after one). */
  skipPrefix?: string;
  maxKeys: number;
}

/** Sorted keys with their records; binary-searched, so listing a page is O(log n + page). */
export class KeyIndex<T> {
  private readonly keys: string[] = [];
  private readonly records = new Map<string, T>();

  /** Number of keys. */
  get size(): number {
    return this.keys.length;
  }

  /** The record stored under `key`. */
  get(key: string): T | undefined {
    return this.records.get(key);
  }

  /** Add many records at once (one sort instead of one insertion per key); for loading at open. */
  bulkLoad(entries: [string, T][]): void {
    for (const [key, record] of entries) {
      if (!this.records.has(key)) this.keys.push(key);
      this.records.set(key, record);
    }
    this.keys.sort(compareUtf8);
  }

  /** Insert or replace a key's record. */
  set(key: string, record: T): void {
    if (!this.records.has(key)) this.keys.splice(this.lowerBound(key), 0, key);
    this.records.set(key, record);
  }

  /** Remove a key; returns its record if it was present. */
  delete(key: string): T | undefined {
    const record = this.records.get(key);
    if (record === undefined) return undefined;
    this.records.delete(key);
    const i = this.lowerBound(key);
    if (this.keys[i] === key) this.keys.splice(i, 1);
    return record;
  }

  /** First position whose key is >= `key`. */
  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareUtf8(this.keys[mid], key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Walk keys the way ListObjects does; `maxKeys` counts keys and common prefixes together. */
  list(walk: ListWalk): ListPage<T> {
    const prefix = walk.prefix ?? "";
    const delimiter = walk.delimiter || undefined;
    const page: ListPage<T> = { contents: [], commonPrefixes: [], isTruncated: false };
    let i = this.lowerBound(prefix);
    if (walk.after !== undefined && compareUtf8(walk.after, prefix) >= 0) {
      i = this.lowerBound(walk.after);
      if (this.keys[i] === walk.after) i++;
    }
    let lastPrefix = walk.skipPrefix;
    let count = 0;
    for (; i < this.keys.length; i++) {
      const key = this.keys[i];
      if (!key.startsWith(prefix)) break;
      let rolled: string | undefined;
      if (delimiter) {
        const at = key.indexOf(delimiter, prefix.length);
        if (at !== -1) rolled = key.slice(0, at + delimiter.length);
      }
      if (rolled !== undefined && rolled === lastPrefix) continue;
      if (count >= walk.maxKeys) {
        page.isTruncated = true;
        break;
      }
      count++;
      if (rolled !== undefined) {
        page.commonPrefixes.push(rolled);
        lastPrefix = rolled;
        page.resumeAfter = rolled;
      } else {
        page.contents.push(this.records.get(key) as T);
        page.resumeAfter = key;
      }
    }
    return page;
  }
}

/** An opaque ListObjectsV2 continuation token for resuming after `after`. */
export function encodeToken(after: string): string {
  return Buffer.from("1\n" + after, "utf8").toString("base64url");
}

/** Where a continuation token resumes; `InvalidArgument` for a token this store did not issue. */
export function decodeToken(token: string): string {
  const text = Buffer.from(token, "base64url").toString("utf8");
  if (!/^[A-Za-z0-9_-]+$/.test(token) || !text.startsWith("1\n")) {
    throw S3Errors.invalidArgument("The continuation token provided is incorrect");
  }
  return text.slice(2);
}
