/**
 * One stack per journal directory: a second stack started on the same data dir must not upload
 * (a prefix of) capture files the first is still writing.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Makes this process the one owner of a journal directory, so a second stack on the same data
 * dir never uploads (a prefix of) files the first is still writing. The owner file names a pid
 * and is touched every flush interval; a claim older than `leaseMs`, or of a pid that is gone (or
 * is this process: a restarted container reuses pids), is taken over. Returns the owner file.
 * @throws Error naming the directory and the live owner
 */
export function claimJournalDir(dir: string, leaseMs: number): string {
  const file = path.join(dir, "owner.json");
  const mine = JSON.stringify({ pid: process.pid });
  try {
    fs.writeFileSync(file, mine, { flag: "wx" });
    return file;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  let pid: unknown;
  let ageMs = Infinity;
  try {
    pid = (JSON.parse(fs.readFileSync(file, "utf8")) as { pid?: unknown }).pid;
    ageMs = Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    // unreadable or just removed: take it over
  }
  if (typeof pid === "number" && pid !== process.pid && ageMs < leaseMs && isAlive(pid)) {
    throw new Error(
      `${dir} is in use by process ${pid} (claim renewed ${Math.round(ageMs)} ms ago); one stack per data dir`,
    );
  }
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, mine);
  fs.renameSync(tmp, file);
  return file;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
