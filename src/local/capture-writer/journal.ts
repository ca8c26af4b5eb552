/**
 * The capture journal: one append-only local file per capture file not yet uploaded, so a crash
 * (SIGKILL, OOM, power loss) loses at most the records of the last flush interval instead of
 * every record of the open file.
 *
 * A journal file is a JSON header line naming the capture file (bucket, key, stream), then the
 * capture lines byte for byte. The writer appends what it encoded since the last call once per
 * flush interval and before an upload (one write per file, off the response path), and fsyncs
 * after. On the next start every journal is replayed into the capture file it belonged to, under
 * the same key, and deleted once that upload succeeded: a file uploaded just before the crash is
 * put again with the same bytes, so each record lands exactly once.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { CaptureFile } from "./stream";
import type { CaptureStreamId, CaptureWriterEvent } from "./types";
import { describeError } from "./describe-error";
import { claimJournalDir } from "./journal-claim";

/** File name suffix of journal files. */
export const JOURNAL_SUFFIX = ".capture-journal";

/** The first line of a journal file: where its records go. */
interface JournalHeader extends CaptureStreamId {
  v: 1;
  destinationS3Uri: string;
  bucket: string;
  key: string;
  kmsKeyId?: string;
  startMs: number;
}

/** A journal found at start: the capture file to upload again, and the journal's path. */
interface RecoveredFile {
  /** The journal file. */
  path: string;
  header: JournalHeader;
  /** The complete capture lines (a torn last line of a crashed write is left out). */
  body: Buffer;
  records: number;
}

interface OpenJournal {
  readonly path: string;
  fd: number | null;
  /** Body bytes of the capture file already in the journal. */
  written: number;
  /** Written since the last fsync. */
  dirty: boolean;
  /** The fsync in progress (the descriptor must stay open until it ends). */
  syncing: Promise<void> | null;
}

/** Journals of the capture files of one writer, in one directory. */
export class CaptureJournal {
  private readonly journals = new Map<string, OpenJournal>();
  /** Journals being closed (and deleted); close() waits for them. */
  private readonly releasing = new Set<Promise<void>>();

  /**
   * @param dir the journal directory (created if missing)
   * @param report receives `journal-failed` when a journal cannot be written (the file is then
   *   kept in memory only, as without a journal) and `journal-unreadable` for a bad file at start
   */
  private readonly ownerFile: string;

  /**
   * Claims the directory for this process (see {@link claimJournalDir}).
   * @throws Error when another live process journals into `dir`
   */
  constructor(
    readonly dir: string,
    private readonly report: (e: CaptureWriterEvent) => void,
    leaseMs: number,
  ) {
    fs.mkdirSync(dir, { recursive: true });
    this.ownerFile = claimJournalDir(dir, leaseMs);
  }

  /**
   * Appends the bytes of `file` not yet journaled (synchronously: one write of everything encoded
   * since the last call, so a SIGKILL right after it loses none of them).
   */
  append(id: CaptureStreamId, file: CaptureFile): void {
    const name = journalKey(file);
    let j = this.journals.get(name);
    if (j === undefined) {
      if (file.bytes === 0) return;
      j = { path: path.join(this.dir, journalFileName(file)), fd: null, written: 0, dirty: false, syncing: null };
      this.journals.set(name, j);
      try {
        j.fd = fs.openSync(j.path, "w");
        const header: JournalHeader = {
          v: 1,
          endpointName: id.endpointName,
          variantName: id.variantName,
          destinationS3Uri: file.destinationS3Uri,
          bucket: file.bucket,
          key: file.key,
          ...(file.kmsKeyId !== undefined ? { kmsKeyId: file.kmsKeyId } : {}),
          startMs: file.startMs,
        };
        writeAll(j.fd, [Buffer.from(JSON.stringify(header) + "\n")]);
      } catch (err) {
        return this.fail(j, file, err);
      }
    }
    if (j.fd === null || file.bytes <= j.written) return;
    try {
      writeAll(j.fd, file.data.viewsFrom(j.written));
      j.written = file.bytes;
      j.dirty = true;
    } catch (err) {
      this.fail(j, file, err);
    }
  }

  /** Starts an fsync of every journal written since its last one and renews the claim; never blocks the caller. */
  sync(): void {
    const now = new Date();
    fs.utimes(this.ownerFile, now, now, () => undefined); // a lost renewal only shortens the lease
    for (const j of this.journals.values()) {
      if (!j.dirty || j.syncing !== null || j.fd === null) continue;
      j.dirty = false;
      const fd = j.fd;
      j.syncing = new Promise((resolve) =>
        fs.fsync(fd, (err) => {
          if (err) this.report({ type: "journal-failed", file: j.path, error: describeError(err) });
          j.syncing = null;
          resolve();
        }),
      );
    }
  }

  /** The file was uploaded: its journal is no longer needed. */
  remove(file: CaptureFile): void {
    const name = journalKey(file);
    const j = this.journals.get(name);
    if (j === undefined) return;
    this.journals.delete(name);
    this.track(this.release(j, true));
  }

  /** The upload was given up: the journal stays on disk, to be replayed at the next start. */
  keep(file: CaptureFile): void {
    const name = journalKey(file);
    const j = this.journals.get(name);
    if (j === undefined) return;
    this.journals.delete(name);
    if (j.fd !== null) j.dirty = true; // fsync once more before closing
    this.track(this.release(j, false));
  }

  /** Waits for running fsyncs and closes every journal (files stay on disk). */
  async close(): Promise<void> {
    const all = [...this.journals.values()];
    this.journals.clear();
    await Promise.all([...all.map((j) => this.release(j, false)), ...this.releasing]);
    fs.rmSync(this.ownerFile, { force: true }); // the next start need not wait for the lease
  }

  private track(p: Promise<void>): void {
    this.releasing.add(p);
    void p.then(() => this.releasing.delete(p));
  }

  /**
   * Reads every journal left by an earlier run. Each is registered again so that {@link remove}
   * deletes it once its upload succeeds. A journal that cannot be read is reported and left in
   * place, never deleted.
   */
  recover(): RecoveredFile[] {
    const out: RecoveredFile[] = [];
    for (const name of fs.readdirSync(this.dir).sort()) {
      if (!name.endsWith(JOURNAL_SUFFIX)) continue;
      const file = path.join(this.dir, name);
      let recovered: RecoveredFile;
      try {
        recovered = parseJournal(fs.readFileSync(file), file);
      } catch (err) {
        this.report({ type: "journal-unreadable", file, error: describeError(err) });
        continue;
      }
      if (recovered.records === 0) {
        fs.rmSync(file, { force: true }); // a header only: the crash came before any record
        continue;
      }
      this.journals.set(journalKey(recovered.header), {
        path: file,
        fd: null,
        written: recovered.body.length,
        dirty: false,
        syncing: null,
      });
      out.push(recovered);
    }
    return out;
  }

  private fail(j: OpenJournal, file: CaptureFile, err: unknown): void {
    // A torn journal could later replace a complete upload with a shorter one: drop it now.
    this.report({
      type: "journal-failed",
      file: j.path,
      bucket: file.bucket,
      key: file.key,
      error: describeError(err),
    });
    const fd = j.fd;
    j.fd = null;
    if (fd !== null) {
      try {
        fs.closeSync(fd);
      } catch {
        // already unusable
      }
    }
    fs.rmSync(j.path, { force: true });
  }

  private async release(j: OpenJournal, unlink: boolean): Promise<void> {
    if (j.syncing) await j.syncing;
    const fd = j.fd;
    j.fd = null;
    try {
      if (fd !== null) {
        if (!unlink && j.dirty) await new Promise<void>((resolve) => fs.fsync(fd, () => resolve()));
        fs.closeSync(fd);
      }
      if (unlink) fs.rmSync(j.path, { force: true });
    } catch (err) {
      this.report({ type: "journal-failed", file: j.path, error: describeError(err) });
    }
  }
}

/**
 * Parses a journal file: the header line, then the capture lines up to the last "\n" (bytes
 * after it are a line torn by the crash, never acknowledged as written).
 * @throws Error naming the file and what is wrong with it
 */
export function parseJournal(bytes: Buffer, file: string): RecoveredFile {
  const eol = bytes.indexOf(0x0a);
  if (eol < 0) throw new Error(`${file}: no header line (a journal starts with a JSON header and "\\n")`);
  let header: JournalHeader;
  try {
    header = JSON.parse(bytes.subarray(0, eol).toString("utf8")) as JournalHeader;
  } catch (err) {
    throw new Error(`${file}: line 1: header is not JSON (${describeError(err)})`, { cause: err });
  }
  for (const field of ["endpointName", "variantName", "destinationS3Uri", "bucket", "key"] as const) {
    if (typeof header?.[field] !== "string")
      throw new Error(`${file}: line 1: header field "${field}" must be a string`);
  }
  if (header.v !== 1 || !Number.isFinite(header.startMs))
    throw new Error(`${file}: line 1: expected "v": 1 and a numeric "startMs"`);
  const end = bytes.lastIndexOf(0x0a) + 1;
  const body = Buffer.from(bytes.subarray(eol + 1, Math.max(eol + 1, end)));
  let records = 0;
  for (let i = body.indexOf(0x0a); i >= 0; i = body.indexOf(0x0a, i + 1)) records++;
  return { path: file, header, body, records };
}

function journalKey(f: { bucket: string; key: string }): string {
  return `${f.bucket}/${f.key}`;
}

/** A fixed-length name derived from the object (keys may be long or hold any character). */
function journalFileName(f: { bucket: string; key: string }): string {
  return createHash("sha256").update(journalKey(f)).digest("hex").slice(0, 40) + JOURNAL_SUFFIX;
}

function writeAll(fd: number, views: Buffer[]): void {
  for (const view of views) {
    let offset = 0;
    while (offset < view.length) offset += fs.writeSync(fd, view, offset, view.length - offset);
  }
}
