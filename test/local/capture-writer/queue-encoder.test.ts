/** The writer's parts on the response path: the encode queue and the record encoder. */
import { strict as assert } from "node:assert";
import { parseCaptureLine } from "../../../src/capture";
import { RecordEncoder } from "../../../src/local/capture-writer/encoder";
import { checkedRawBytes, EncodeQueue, type QueuedInvocation } from "../../../src/local/capture-writer/queue";
import { CaptureStream } from "../../../src/local/capture-writer/stream";
import { counterUuid, csvInvocation, settings } from "./helpers";

const t0 = new Date("2024-03-10T08:00:00Z");
const item = (): QueuedInvocation => ({
  stream: new CaptureStream({ endpointName: "e", variantName: "v" }),
  settings: settings(),
  inv: csvInvocation(t0),
});
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("capture: encode queue", () => {
  it("encodes a batch in arrival order on the next event-loop turn, once", async () => {
    const batches: QueuedInvocation[][] = [];
    const queue = new EncodeQueue(
      (b) => batches.push(b),
      (err) => assert.fail(String(err)),
    );
    const items = [item(), item(), item()];
    items.forEach((it) => queue.push(it, 10));
    assert.equal(batches.length, 0, "nothing is encoded on the response path");
    assert.equal(queue.bytes, 30);
    await nextTurn();
    assert.deepEqual(batches, [items]);
    assert.equal(queue.bytes, 0);
    queue.drain(); // nothing left: no empty batch
    assert.equal(batches.length, 1);
  });

  it("drain() encodes at once, and a later scheduled turn finds nothing to do", async () => {
    const batches: QueuedInvocation[][] = [];
    const queue = new EncodeQueue(
      (b) => batches.push(b),
      () => {},
    );
    queue.push(item(), 1);
    queue.drain();
    assert.equal(batches.length, 1);
    await nextTurn();
    assert.equal(batches.length, 1);
  });

  it("reports an exception from the encoder instead of crashing, and keeps working", async () => {
    const errors: unknown[] = [];
    let fail = true;
    let encoded = 0;
    const queue = new EncodeQueue(
      (b) => {
        if (fail) throw new Error("boom");
        encoded += b.length;
      },
      (err) => errors.push(err),
    );
    queue.push(item(), 1);
    await nextTurn();
    assert.equal((errors[0] as Error).message, "boom");
    fail = false;
    queue.push(item(), 1);
    await nextTurn();
    assert.equal(encoded, 1);
  });

  it("checkedRawBytes counts the captured sides only and names what is malformed", () => {
    const inv = csvInvocation(t0, "1,2,3"); // request 5 bytes, response 4
    assert.equal(checkedRawBytes(settings(), inv), 9);
    assert.equal(checkedRawBytes(settings({ captureOutput: false }), inv), 5);
    assert.throws(() => checkedRawBytes(settings(), { ...inv, time: new Date(NaN) }), /time must be a valid Date/);
    assert.throws(
      () => checkedRawBytes(settings(), { ...inv, response: { body: "x" as never } }),
      /response\.body must be bytes/,
    );
  });
});

describe("capture: record encoder", () => {
  it("chooses each side's encoding from its own content type, also past the remembered limit", () => {
    const encoder = new RecordEncoder(counterUuid());
    const s = settings();
    const sides = (contentType: string | undefined) => {
      const inv = { ...csvInvocation(t0), request: { body: Buffer.from("{}"), contentType } };
      const rec = parseCaptureLine(encoder.encode(s, inv).toBuffer().toString().trimEnd());
      return [rec.captureData.endpointInput!.encoding, rec.captureData.endpointOutput!.encoding];
    };
    for (let round = 0; round < 2; round++) {
      assert.deepEqual(sides("application/json"), ["JSON", "CSV"]);
      assert.deepEqual(sides("TEXT/CSV; charset=utf-8"), ["CSV", "CSV"]);
      assert.deepEqual(sides(undefined), ["BASE64", "CSV"]);
      for (let i = 0; i < 70; i++) assert.deepEqual(sides(`application/x-${i}`), ["BASE64", "CSV"]);
    }
    // Another configuration with the same content types decides afresh.
    const none = settings({ contentTypeHeader: undefined });
    const rec = parseCaptureLine(encoder.encode(none, csvInvocation(t0)).toBuffer().toString().trimEnd());
    assert.equal(rec.captureData.endpointInput!.encoding, "BASE64");
  });
});
