import { strict as assert } from "assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { connect, invokeRows, type CaptureLabSession } from "../../src";
import { readCsvRows, type InvokeProgress } from "../../src/aws";
import { startFakeStack, type FakeStack } from "./stack-double";

describe("aws/invoke: invokeRows (against a fake runtime)", () => {
  let fake: FakeStack;
  let session: CaptureLabSession;
  let tmp: string;

  beforeEach(async () => {
    fake = await startFakeStack();
    session = await connect({ target: { kind: "local", endpoint: fake.url }, env: {} });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-aws-invoke-"));
  });
  afterEach(async () => {
    await session.close();
    await fake.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("sends each row verbatim with text/csv, inference ids 0..n-1 and returns predictions in row order", async () => {
    const rows = Array.from({ length: 12 }, (_, i) => `${i},"a, b", ${i * 2}`);
    const seen: InvokeProgress[] = [];
    const r = await invokeRows(session, {
      endpointName: "ep-1",
      rows,
      concurrency: 3,
      onProgress: (p) => seen.push(p),
    });
    assert.equal(r.sent, 12);
    assert.equal(r.failed, 0);
    assert.equal(r.skipped, 0);
    assert.deepEqual(
      r.predictions,
      rows.map((row) => `p(${row})`),
    );
    const byId = new Map(fake.invocations.map((inv) => [inv.inferenceId, inv]));
    rows.forEach((row, i) => {
      const inv = byId.get(String(i));
      assert.ok(inv, `no request with InferenceId ${i}`);
      assert.equal(inv.body, row);
      assert.equal(inv.contentType, "text/csv");
      assert.equal(inv.endpoint, "ep-1");
    });
    assert.ok(fake.maxInFlight <= 3, `at most 3 in flight, saw ${fake.maxInFlight}`);
    assert.ok(fake.maxInFlight >= 2, `requests should overlap, saw ${fake.maxInFlight}`);
    // Progress: monotonic done counts, the last call reports everything.
    assert.ok(seen.length >= 1);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i].done >= seen[i - 1].done);
    assert.deepEqual({ ...seen[seen.length - 1], elapsedMs: 0 }, { done: 12, total: 12, failed: 0, elapsedMs: 0 });
  });

  it("collects failures per row and keeps going", async () => {
    const rows = ["1,2", "bad,1", "3,4", "bad,2", "5,6"];
    const r = await invokeRows(session, { endpointName: "ep", rows, concurrency: 2 });
    assert.equal(r.sent, 3);
    assert.equal(r.failed, 2);
    assert.deepEqual(
      r.errors.map((e) => e.index),
      [1, 3],
    );
    assert.match(r.errors[0].message, /^ModelError: .*bad row/);
    assert.deepEqual(r.predictions, ["p(1,2)", "", "p(3,4)", "", "p(5,6)"]);
  });

  it("stops sending after the first failure with stopOnError", async () => {
    const rows = ["bad", ...Array.from({ length: 20 }, (_, i) => String(i))];
    const r = await invokeRows(session, { endpointName: "ep", rows, concurrency: 1, stopOnError: true });
    assert.equal(r.failed, 1);
    assert.equal(r.sent, 0);
    assert.equal(r.skipped, 20);
    assert.equal(fake.invocations.length, 1);
  });

  it("uses custom inference ids and attributes, and omits the id when the function returns undefined", async () => {
    await invokeRows(session, {
      endpointName: "ep",
      rows: ["a", "b"],
      concurrency: 1,
      inferenceId: (i) => (i === 0 ? "first" : undefined),
      customAttributes: (i) => `row=${i}`,
      contentType: "application/json",
    });
    const [a, b] = [...fake.invocations].sort((x, y) => x.body.localeCompare(y.body));
    assert.equal(a.inferenceId, "first");
    assert.equal(b.inferenceId, undefined);
    assert.equal(a.customAttributes, "row=0");
    assert.equal(b.customAttributes, "row=1");
    assert.equal(a.contentType, "application/json");
  });

  it("reads a CSV as non-empty verbatim lines, honours limit and spaces starts by throttleMs", async () => {
    const file = path.join(tmp, "rows.csv");
    fs.writeFileSync(file, "1, 2 ,3\r\n\n4,5,6\n   \n7,8,9\n10,11,12");
    assert.deepEqual(readCsvRows(file), ["1, 2 ,3", "4,5,6", "7,8,9", "10,11,12"]);
    const t0 = Date.now();
    const r = await invokeRows(session, {
      endpointName: "ep",
      csvPath: file,
      limit: 3,
      concurrency: 4,
      throttleMs: 40,
    });
    assert.equal(r.sent, 3);
    assert.deepEqual(fake.invocations.map((i) => i.body).sort(), ["1, 2 ,3", "4,5,6", "7,8,9"]);
    assert.ok(Date.now() - t0 >= 80, "three starts 40 ms apart take at least 80 ms");
  });

  it("rejects ambiguous or unreadable inputs", async () => {
    await assert.rejects(invokeRows(session, { endpointName: "ep" }), /exactly one of rows or csvPath/);
    await assert.rejects(invokeRows(session, { endpointName: "ep", rows: [], csvPath: "x" }), /exactly one/);
    await assert.rejects(
      invokeRows(session, { endpointName: "ep", csvPath: path.join(tmp, "missing.csv") }),
      /cannot read .*missing\.csv/,
    );
  });

  it("reports zero rows without calling the endpoint", async () => {
    const seen: InvokeProgress[] = [];
    const r = await invokeRows(session, { endpointName: "ep", rows: [], onProgress: (p) => seen.push(p) });
    assert.equal(r.sent, 0);
    assert.equal(fake.invocations.length, 0);
    assert.equal(seen.length, 1);
    assert.equal(seen[0].total, 0);
  });
});
