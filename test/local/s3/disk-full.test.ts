/**
 * S3 writes on a full disk: the client gets an S3 error document (not a reset connection), the
 * failure is logged, nothing partial is left, and the server keeps serving.
 *
 * The store lives on a 1 MiB tmpfs when this process may mount one (root on Linux); elsewhere
 * a file write past 1 MiB fails with an injected ENOSPC, which takes the same path.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { promises as fsp } from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import {
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { createS3Handler, S3Store } from "../../../src/local/s3";
import { errorOf } from "../../helpers";
import { seededBytes } from "./helpers";

const LIMIT = 1024 * 1024;

/** A directory whose volume holds LIMIT bytes: a tmpfs, or an ENOSPC injected into FileHandle writes. */
async function smallVolume(dir: string): Promise<{ how: string; release(): void }> {
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${LIMIT}`, "tmpfs", dir], { stdio: "ignore" });
    // Lazy: a file handle the store is still closing must not fail the unmount.
    return { how: "tmpfs", release: () => execFileSync("umount", ["-l", dir]) };
  } catch {
    // Not allowed to mount: fail writes past LIMIT bytes like a full disk would.
  }
  // Bytes per open file: a file growing past LIMIT fails, and removing it frees the space again.
  const used = new WeakMap<object, number>();
  const handleProto = await fileHandlePrototype();
  const original = handleProto.write;
  handleProto.write = function (this: fsp.FileHandle, data: Uint8Array | string, ...rest: unknown[]) {
    const n = typeof rest[1] === "number" ? rest[1] : typeof data === "string" ? Buffer.byteLength(data) : data.length;
    used.set(this, (used.get(this) ?? 0) + n);
    if (used.get(this)! > LIMIT)
      return Promise.reject(
        Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", syscall: "write" }),
      );
    return original.call(this, data, ...rest);
  } as typeof original;
  return { how: "injected ENOSPC", release: () => void (handleProto.write = original) };
}

async function fileHandlePrototype(): Promise<{ write: (...args: unknown[]) => Promise<unknown> }> {
  const handle = await fsp.open(os.devNull, "r");
  await handle.close();
  return Object.getPrototypeOf(handle);
}

describe("S3 on a full disk", function () {
  let base: string;
  let volume: { how: string; release(): void };
  let server: http.Server;
  let client: S3Client;
  let store: S3Store;
  const warnings: string[] = [];
  const internalErrors: unknown[] = [];

  beforeEach(async () => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-s3-full-"));
    const root = path.join(base, "data");
    fs.mkdirSync(root);
    volume = await smallVolume(root);
    warnings.length = 0;
    internalErrors.length = 0;
    store = await S3Store.open(root, { onWarning: (m) => warnings.push(m) });
    const handler = createS3Handler(store, { onInternalError: (e) => internalErrors.push(e) });
    server = http.createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = new S3Client({
      endpoint,
      region: "us-east-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "t", secretAccessKey: "t" },
      maxAttempts: 1,
    });
    await client.send(new CreateBucketCommand({ Bucket: "full" }));
  });
  afterEach(async () => {
    client.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    volume.release();
    fs.rmSync(base, { recursive: true, force: true });
  });

  const tmpFiles = (): string[] => fs.readdirSync(path.join(store.root, "tmp"));

  it("PutObject larger than the free space: 507 InsufficientStorage saying the disk is full, logged, nothing stored, still serving", async () => {
    const err = await errorOf(
      client.send(new PutObjectCommand({ Bucket: "full", Key: "big", Body: seededBytes(4 * LIMIT, 1) })),
    );
    assert.equal(err.name, "InsufficientStorage", `${volume.how}: ${err.name}: ${err.message}`);
    assert.equal(err.$metadata?.httpStatusCode, 507);
    assert.match(err.message, /disk is full \(ENOSPC writing a request body\); nothing was stored/);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /disk full under .*: ENOSPC writing a request body was not stored/);
    assert.deepEqual(internalErrors, []);
    assert.equal((await client.send(new ListObjectsV2Command({ Bucket: "full" }))).KeyCount, 0);
    assert.deepEqual(tmpFiles(), [], "no partial staged body left");

    await client.send(new PutObjectCommand({ Bucket: "full", Key: "small", Body: "still serving" }));
    const got = await client.send(new GetObjectCommand({ Bucket: "full", Key: "small" }));
    assert.equal(await got.Body!.transformToString(), "still serving");
  });

  it("UploadPart larger than the free space: the same error, and the upload takes further parts", async () => {
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: "full", Key: "mp" }));
    const err = await errorOf(
      client.send(
        new UploadPartCommand({ Bucket: "full", Key: "mp", UploadId, PartNumber: 1, Body: seededBytes(4 * LIMIT, 2) }),
      ),
    );
    assert.equal(err.name, "InsufficientStorage", `${volume.how}: ${err.name}: ${err.message}`);
    assert.equal(err.$metadata?.httpStatusCode, 507);
    assert.equal(warnings.length, 1);
    assert.deepEqual(
      tmpFiles().filter((n) => n.endsWith(".tmp")),
      [],
      "no partial staged part left",
    );
    const part = await client.send(
      new UploadPartCommand({ Bucket: "full", Key: "mp", UploadId, PartNumber: 1, Body: "fits" }),
    );
    assert.match(part.ETag ?? "", /^"[0-9a-f]{32}"$/);
  });
});
