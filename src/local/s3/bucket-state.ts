/** A bucket's in-memory state (info, sorted key index) and loading all buckets at open. */
import { promises as fsp } from "node:fs";
import * as path from "node:path";
import { KeyIndex } from "./key-index";
import { ObjectFiles, type StoredObject } from "./object-files";
import type { BucketInfo } from "./types";

/** One bucket: its info, directory, key index and object files. */
export interface BucketState {
  info: BucketInfo;
  dir: string;
  index: KeyIndex<StoredObject>;
  files: ObjectFiles;
}

/** State for a bucket with no objects yet. */
export function newBucketState(info: BucketInfo, dir: string): BucketState {
  return { info, dir, index: new KeyIndex(), files: new ObjectFiles(path.join(dir, "objects")) };
}

/**
 * Load every committed bucket under `bucketsDir` (a bucket exists once its bucket.json is written).
 * Directories without a valid bucket.json are reported and left alone.
 */
export async function loadBuckets(bucketsDir: string, warn: (message: string) => void): Promise<BucketState[]> {
  const states: BucketState[] = [];
  for (const name of (await fsp.readdir(bucketsDir)).sort()) {
    const dir = path.join(bucketsDir, name);
    let info: { name?: string; creationDate?: string } | undefined;
    try {
      info = JSON.parse(await fsp.readFile(path.join(dir, "bucket.json"), "utf8"));
    } catch (err) {
      warn(`ignoring ${dir}: no readable bucket.json (${(err as Error).message})`);
      continue;
    }
    if (!info || info.name !== name) {
      warn(`ignoring ${dir}: bucket.json names ${JSON.stringify(info?.name)}`);
      continue;
    }
    const state = newBucketState({ name, creationDate: new Date(info.creationDate ?? 0) }, dir);
    state.index.bulkLoad((await state.files.load(warn)).map((o) => [o.key, o]));
    states.push(state);
  }
  return states;
}
