import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { exposureWarning, parseLocalArgs } from "../../src/cli/local-command";
import { DEFAULT_LOCAL_CREDENTIALS } from "../../src/defaults";
import { JOURNAL_SUFFIX } from "../../src/local/capture-writer/journal";
import { until } from "../helpers";
import { capturedIds, deployCapturing, startLocalChild, startTraffic, type LocalChild } from "./local-child";

const REPO = path.resolve(__dirname, "../..");

describe("capture-lab CLI", function () {
  this.timeout(30_000);

  it("parses local options and rejects bad ones with a message naming the flag", () => {
    assert.deepEqual(parseLocalArgs(["--port", "0", "--data-dir=d", "--roll-seconds", "2"]), {
      port: 0,
      host: "127.0.0.1",
      dataDir: "d",
      region: "us-east-1",
      rollSeconds: 2,
    });
    assert.equal(parseLocalArgs([]).port, 4599);
    assert.throws(() => parseLocalArgs(["--port", "x"]), /--port: expected a number/);
    assert.throws(() => parseLocalArgs(["--port"]), /--port needs a value/);
    assert.throws(() => parseLocalArgs(["--bogus"]), /unknown option "--bogus"/);
  });

  it("takes the stack's credentials as a pair and warns loudly when --host binds beyond loopback", () => {
    assert.deepEqual(parseLocalArgs(["--access-key-id", "me", "--secret-access-key=s3cret"]).credentials, {
      accessKeyId: "me",
      secretAccessKey: "s3cret",
    });
    assert.throws(
      () => parseLocalArgs(["--access-key-id", "me"]),
      /--access-key-id and --secret-access-key go together/,
    );
    for (const host of ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
      assert.equal(exposureWarning(host, DEFAULT_LOCAL_CREDENTIALS), undefined, host);
    assert.match(
      exposureWarning("0.0.0.0", DEFAULT_LOCAL_CREDENTIALS)!,
      /WARNING: --host 0\.0\.0\.0 exposes the local stack on EVERY network interface[\s\S]*PUBLIC DEFAULTS/,
    );
    assert.match(exposureWarning("192.168.1.20", DEFAULT_LOCAL_CREDENTIALS)!, /192\.168\.1\.20, beyond loopback/);
    assert.doesNotMatch(exposureWarning("::", { accessKeyId: "me", secretAccessKey: "s3cret" })!, /PUBLIC DEFAULTS/);
  });

  it("`local --host 0.0.0.0` prints the warning on stderr before serving", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-cli-"));
    const child = spawn(
      process.execPath,
      ["-r", "tsx/cjs", "src/cli.ts", "local", "--port", "0", "--host", "0.0.0.0", "--data-dir", dir],
      {
        cwd: REPO,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    try {
      let out = "";
      let err = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      child.stderr.on("data", (d: Buffer) => (err += d.toString()));
      await until(() => /AWS_SECRET_ACCESS_KEY=/.test(out) || child.exitCode !== null, 20_000, "the banner");
      assert.match(err, /WARNING: --host 0\.0\.0\.0 exposes the local stack on EVERY network interface/);
    } finally {
      child.kill("SIGKILL");
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("`local` prints the endpoint and env vars, serves, and exits 0 on SIGTERM", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-cli-"));
    const child = spawn(process.execPath, ["-r", "tsx/cjs", "src/cli.ts", "local", "--port", "0", "--data-dir", dir], {
      cwd: REPO,
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      let out = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      const deadline = Date.now() + 20_000;
      while (!/AWS_SECRET_ACCESS_KEY=/.test(out)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no banner: ${out}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      const endpoint = /CAPTURE_LAB_ENDPOINT=(\S+)/.exec(out)![1];
      assert.match(out, new RegExp(`AWS_ENDPOINT_URL=${endpoint.replace(/[.]/g, "\\.")}`));
      assert.match(out, /AWS_REGION=us-east-1/);
      const status = await fetch(`${endpoint}/_capture-lab/status`);
      assert.equal(status.status, 200);
      const code = await new Promise<number | null>((resolve) => {
        child.on("exit", (c) => resolve(c));
        child.kill("SIGTERM");
      });
      assert.equal(code, 0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("capture-lab local: nothing acknowledged is lost", function () {
  this.timeout(120_000);
  /** The writer's default flush interval: a crash may lose what was captured within it. */
  const FLUSH_INTERVAL_MS = 1000;
  /** Timer slack on a loaded 2-core machine, on top of the interval. */
  const SLACK_MS = 500;
  let dir: string;
  const children: LocalChild[] = [];

  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-crash-"))));
  afterEach(async () => {
    for (const c of children.splice(0))
      if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill("SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const start = async (): Promise<LocalChild> => {
    const c = await startLocalChild(dir);
    children.push(c);
    return c;
  };
  const duplicates = (ids: string[]): string[] => ids.filter((id, i) => ids.indexOf(id) !== i);
  const journals = (): string[] => {
    const jdir = path.join(dir, "capture-journal");
    return fs.existsSync(jdir) ? fs.readdirSync(jdir).filter((n) => n.endsWith(JOURNAL_SUFFIX)) : [];
  };

  it("SIGKILL: after a restart every invocation acknowledged before the last flush interval is captured, exactly once", async () => {
    const first = await start();
    await deployCapturing(first, "crash");
    const traffic = startTraffic(first.clients().rt, "crash", "k");
    const began = Date.now();
    await until(
      () => Date.now() - began > 3000 && traffic.acked.size >= 200,
      60_000,
      "3 s and 200 acknowledged invocations",
    );
    const killedAt = Date.now();
    first.child.kill("SIGKILL");
    assert.equal(await first.exited, "SIGKILL");
    await traffic.stop();

    const second = await start();
    const flushed = await fetch(`${second.endpoint}/_capture-lab/flush`, { method: "POST" });
    assert.equal(flushed.status, 200);
    const ids = await capturedIds(second.clients().s3, "crash");
    assert.deepEqual(duplicates(ids), [], "records captured twice");
    const captured = new Set(ids);
    const old = [...traffic.acked].filter(([, t]) => t < killedAt - FLUSH_INTERVAL_MS - SLACK_MS).map(([id]) => id);
    assert.ok(old.length >= 100, `only ${old.length} invocations acknowledged before the last interval`);
    const missing = old.filter((id) => !captured.has(id));
    assert.deepEqual(missing, [], `${missing.length} of ${old.length} acknowledged invocations lost`);
    for (const id of ids) assert.match(id, /^k-\d+$/);
    assert.deepEqual(journals(), [], "journals left after their upload");
    second.child.kill("SIGTERM");
    assert.equal(await second.exited, 0);
  });

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`${signal}: every invocation acknowledged, also after the signal, is captured exactly once; exit 0`, async () => {
      const first = await start();
      await deployCapturing(first, "stop");
      const traffic = startTraffic(first.clients().rt, "stop", "t");
      await until(() => traffic.acked.size >= 300, 60_000, "300 acknowledged invocations");
      first.child.kill(signal);
      assert.equal(await first.exited, 0, first.output());
      await traffic.stop();
      assert.deepEqual(journals(), [], "a clean stop uploads everything");

      const second = await start();
      const ids = await capturedIds(second.clients().s3, "stop");
      assert.deepEqual(duplicates(ids), [], "records captured twice");
      const captured = new Set(ids);
      const missing = [...traffic.acked.keys()].filter((id) => !captured.has(id));
      assert.deepEqual(missing, [], `${missing.length} of ${traffic.acked.size} acknowledged invocations not captured`);
      second.child.kill("SIGTERM");
      assert.equal(await second.exited, 0);
    });
  }
});
