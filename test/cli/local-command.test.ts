import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { exposureWarning, parseLocalArgs } from "../../src/cli/local-command";
import { DEFAULT_LOCAL_CREDENTIALS } from "../../src/defaults";
import { until } from "../helpers";

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
    assert.deepEqual(parseLocalArgs(["--access-key-id", "me", "--secret-access-key=s3cret"]).credentials, { accessKeyId: "me", secretAccessKey: "s3cret" });
    assert.throws(() => parseLocalArgs(["--access-key-id", "me"]), /--access-key-id and --secret-access-key go together/);
    for (const host of ["127.0.0.1", "localhost", "::1", "127.0.0.2"]) assert.equal(exposureWarning(host, DEFAULT_LOCAL_CREDENTIALS), undefined, host);
    assert.match(exposureWarning("0.0.0.0", DEFAULT_LOCAL_CREDENTIALS)!, /WARNING: --host 0\.0\.0\.0 exposes the local stack on EVERY network interface[\s\S]*PUBLIC DEFAULTS/);
    assert.match(exposureWarning("192.168.1.20", DEFAULT_LOCAL_CREDENTIALS)!, /192\.168\.1\.20, beyond loopback/);
    assert.doesNotMatch(exposureWarning("::", { accessKeyId: "me", secretAccessKey: "s3cret" })!, /PUBLIC DEFAULTS/);
  });

  it("`local --host 0.0.0.0` prints the warning on stderr before serving", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-cli-"));
    const child = spawn(process.execPath, ["-r", "tsx/cjs", "src/cli.ts", "local", "--port", "0", "--host", "0.0.0.0", "--data-dir", dir], {
      cwd: REPO,
      stdio: ["ignore", "pipe", "pipe"],
    });
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
