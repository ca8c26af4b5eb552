import { strict as assert } from "node:assert";
import * as zlib from "node:zlib";
import * as tar from "tar-stream";
import { ArtifactError, createModelArtifact, extractModelArtifact } from "../src/model-artifact";

/** Builds a tar.gz with raw entry headers, bypassing createModelArtifact's checks. */
async function rawTarGz(
  entries: { name: string; data?: string; type?: "file" | "directory" | "symlink"; linkname?: string }[],
): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on("data", (c: unknown) => {
    chunks.push(c as Buffer);
  });
  const ended = new Promise<void>((r) => pack.on("end", () => r()));
  for (const e of entries) {
    const data = Buffer.from(e.data ?? "");
    const isFile = !e.type || e.type === "file";
    const header = { name: e.name, type: e.type ?? "file", size: isFile ? data.length : 0, linkname: e.linkname };
    if (isFile) pack.entry(header, data);
    else pack.entry(header, Buffer.alloc(0));
  }
  pack.finalize();
  await ended;
  return zlib.gzipSync(Buffer.concat(chunks));
}

describe("model artifacts", () => {
  it("round-trips files through createModelArtifact and extractModelArtifact", async () => {
    const binary = Buffer.from([0, 1, 2, 255]);
    const tgz = await createModelArtifact({
      "xgboost-model": "{}",
      "code/inference.js": "module.exports={}",
      "./w.bin": binary,
    });
    assert.deepEqual([tgz[0], tgz[1]], [0x1f, 0x8b]);
    const files = await extractModelArtifact(tgz);
    assert.deepEqual([...files.keys()].sort(), ["code/inference.js", "w.bin", "xgboost-model"]);
    assert.equal(files.get("xgboost-model")!.toString(), "{}");
    assert.deepEqual(files.get("w.bin"), binary);
    assert.deepEqual(
      await createModelArtifact({ a: "x" }),
      await createModelArtifact({ a: "x" }),
      "deterministic bytes",
    );
  });

  it("normalises ./ prefixes and skips directory entries", async () => {
    const files = await extractModelArtifact(
      await rawTarGz([
        { name: "./", type: "directory" },
        { name: "./model/", type: "directory" },
        { name: "./model/xgboost-model", data: "m" },
      ]),
    );
    assert.deepEqual([...files.keys()], ["model/xgboost-model"]);
  });

  it("rejects path traversal, absolute paths and links", async () => {
    await assert.rejects(
      extractModelArtifact(await rawTarGz([{ name: "../evil", data: "x" }])),
      /'\.\.' is not allowed/,
    );
    await assert.rejects(
      extractModelArtifact(await rawTarGz([{ name: "a/../../evil", data: "x" }])),
      /'\.\.' is not allowed/,
    );
    await assert.rejects(
      extractModelArtifact(await rawTarGz([{ name: "/etc/passwd", data: "x" }])),
      /absolute paths are not allowed/,
    );
    await assert.rejects(
      extractModelArtifact(await rawTarGz([{ name: "link", type: "symlink", linkname: "/etc/passwd" }])),
      /type symlink are not supported/,
    );
    await assert.rejects(createModelArtifact({ "../x": "y" }), ArtifactError);
  });

  it("rejects non-gzip data, corrupt data and exceeded limits", async () => {
    await assert.rejects(extractModelArtifact(Buffer.from("hello")), /not a gzip file/);
    const good = await createModelArtifact({ a: "x".repeat(10_000) });
    await assert.rejects(extractModelArtifact(good.subarray(0, good.length - 8)), /corrupt gzip data/);
    await assert.rejects(extractModelArtifact(good, { maxTotalBytes: 4096 }), /exceeds the limit of 4096 bytes/);
    await assert.rejects(
      extractModelArtifact(await createModelArtifact({ a: "1", b: "2", c: "3" }), { maxEntries: 2 }),
      /more than 2 entries/,
    );
  });
});
