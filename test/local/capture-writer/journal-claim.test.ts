/** One owner per journal directory: a live, renewing owner keeps it; a gone or silent one is taken over. */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { claimJournalDir } from "../../../src/local/capture-writer/journal-claim";

describe("claimJournalDir", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "capture-journal-claim-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const owner = () => path.join(dir, "owner.json");
  const ownerPid = () => (JSON.parse(fs.readFileSync(owner(), "utf8")) as { pid: number }).pid;

  it("claims a free directory for this process", () => {
    assert.equal(claimJournalDir(dir, 5000), owner());
    assert.equal(ownerPid(), process.pid);
  });

  it("refuses while another live process renews its claim, naming the directory and the process", () => {
    fs.writeFileSync(owner(), JSON.stringify({ pid: process.ppid }));
    assert.throws(
      () => claimJournalDir(dir, 5000),
      new RegExp(`${dir} is in use by process ${process.ppid} \\(claim renewed \\d+ ms ago\\)`),
    );
    assert.equal(ownerPid(), process.ppid);
  });

  it("takes over the claim of a process that is gone, of one that stopped renewing, and its own pid's (a restarted container)", () => {
    const gone = spawnSync(process.execPath, ["-e", ""]).pid;
    for (const [pid, ageMs] of [
      [gone, 0],
      [process.ppid, 60_000],
      [process.pid, 0],
    ]) {
      fs.writeFileSync(owner(), JSON.stringify({ pid }));
      const t = new Date(Date.now() - ageMs);
      fs.utimesSync(owner(), t, t);
      claimJournalDir(dir, 5000);
      assert.equal(ownerPid(), process.pid, `claim of pid ${pid} aged ${ageMs} ms`);
    }
  });
});
