/** What a capture file contains: exact bytes, sides, encodings, metadata, object properties. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseCaptureLine } from "../../../src/capture";
import { CAPTURE_OBJECT_CONTENT_TYPE } from "../../../src/local/capture-writer";
import { csvInvocation, linesOf, nthUuid, settings } from "./helpers";
import { useWriterHarness } from "./helpers";

const EP = { endpointName: "ep-1", variantName: "AllTraffic" };

describe("CaptureWriter: file contents", () => {
  const h = useWriterHarness();

  it("writes the exact bytes AWS writes for a known sequence", async () => {
    const writer = h.make();
    const t1 = new Date("2024-01-19T19:27:57.062Z");
    assert.equal(writer.capture(EP, settings(), csvInvocation(t1, "1,2,3", { inferenceId: "57" })), "queued");
    const second = {
      request: { body: Buffer.from('{"instances": [1]}'), contentType: "application/json" },
      response: { body: Buffer.from([0xff, 0x00]) },
      time: new Date("2024-01-19T19:28:10.999Z"),
    };
    assert.equal(writer.capture(EP, settings(), second), "queued");
    await writer.flush();

    assert.equal(h.s3.puts.length, 1);
    const put = h.s3.puts[0];
    assert.equal(put.bucket, "bucket");
    // uuid #1 is the first eventId, #2 names the file (opened after its first record is built).
    assert.equal(put.key, `capture/ep-1/AllTraffic/2024/01/19/19/27-57-062-${nthUuid(2)}.jsonl`);
    const expected =
      String.raw`{"captureData":{"endpointInput":{"observedContentType":"text/csv","mode":"INPUT","data":"1,2,3","encoding":"CSV"},"endpointOutput":{"observedContentType":"text/csv; charset=utf-8","mode":"OUTPUT","data":"0.5\n","encoding":"CSV"}},"eventMetadata":{"eventId":"00000000-0000-4000-8000-000000000001","inferenceId":"57","inferenceTime":"2024-01-19T19:27:57Z"},"eventVersion":"0"}` +
      "\n" +
      String.raw`{"captureData":{"endpointInput":{"observedContentType":"application/json","mode":"INPUT","data":"{\"instances\": [1]}","encoding":"JSON"},"endpointOutput":{"observedContentType":null,"mode":"OUTPUT","data":"/wA=","encoding":"BASE64"}},"eventMetadata":{"eventId":"00000000-0000-4000-8000-000000000003","inferenceTime":"2024-01-19T19:28:10Z"},"eventVersion":"0"}` +
      "\n";
    assert.equal(put.body.toString("utf8"), expected);
    assert.equal(put.headers["content-type"], CAPTURE_OBJECT_CONTENT_TYPE);
    assert.equal(put.headers["x-amz-server-side-encryption"], undefined);
    assert.deepEqual(writer.stats("ep-1"), {
      ...writer.stats("ep-1"),
      captured: 2,
      filesWritten: 1,
      recordsWritten: 2,
      bytesWritten: Buffer.byteLength(expected),
      pendingRecords: 0,
      pendingBytes: 0,
    });
  });

  it("reproduces a real AWS capture file byte for byte (key included)", async function () {
    const fixture = path.resolve(__dirname, "../../../../shared/fixtures/aws-capture/01.jsonl");
    if (!fs.existsSync(fixture)) this.skip(); // ../shared is not part of the repository
    const real = fs.readFileSync(fixture);
    const records = linesOf(real).map((l) => parseCaptureLine(l));
    const fileUuid = "fb33b08e-de02-414b-ba16-969c14d7e0f1";
    const ids = [records[0].eventMetadata.eventId, fileUuid, ...records.slice(1).map((r) => r.eventMetadata.eventId)];
    const writer = h.make({ uuid: () => ids.shift()! });
    const cfg = settings({
      destinationS3Uri:
        "s3://sagemaker-us-west-2-678264136642/sagemaker/DEMO-ClarifyModelMonitor-1705692264-8c4a/data-capture",
      contentTypeHeader: { JsonContentTypes: ["application/json"] },
    });
    const ep = { endpointName: "DEMO-ll-adult-pred-model-monitor-1705692264-e088", variantName: "AllTraffic" };
    records.forEach((r, i) => {
      const inp = r.captureData.endpointInput!;
      const out = r.captureData.endpointOutput!;
      // The file name says the first record arrived at .062 within the second.
      const time = new Date(Date.parse(r.eventMetadata.inferenceTime) + (i === 0 ? 62 : 500));
      const outcome = writer.capture(ep, cfg, {
        request: { body: Buffer.from(inp.data), contentType: inp.observedContentType ?? undefined },
        response: { body: Buffer.from(out.data), contentType: out.observedContentType ?? undefined },
        time,
      });
      assert.equal(outcome, "queued");
    });
    await writer.flush();
    assert.equal(h.s3.puts.length, 1);
    assert.equal(
      `s3://${h.s3.puts[0].bucket}/${h.s3.puts[0].key}`,
      "s3://sagemaker-us-west-2-678264136642/sagemaker/DEMO-ClarifyModelMonitor-1705692264-8c4a/data-capture/DEMO-ll-adult-pred-model-monitor-1705692264-e088/AllTraffic/2024/01/19/19/27-57-062-fb33b08e-de02-414b-ba16-969c14d7e0f1.jsonl",
    );
    assert.ok(h.s3.puts[0].body.equals(real), "written object differs from the AWS-written file");
  });

  it("omits the side that is not captured (Input only, Output only)", async () => {
    const writer = h.make();
    const t = new Date("2024-05-01T10:00:00Z");
    writer.capture(EP, settings({ captureOutput: false }), csvInvocation(t));
    writer.capture({ ...EP, variantName: "B" }, settings({ captureInput: false }), csvInvocation(t));
    await writer.flush();
    const byVariant = (v: string) => JSON.parse(linesOf(h.s3.puts.find((p) => p.key.includes(`/${v}/`))!.body)[0]);
    assert.deepEqual(Object.keys(byVariant("AllTraffic").captureData), ["endpointInput"]);
    assert.deepEqual(Object.keys(byVariant("B").captureData), ["endpointOutput"]);
    assert.equal(byVariant("B").captureData.endpointOutput.data, "0.5\n");
  });

  it("chooses encodings per side: no header -> BASE64, parameters ignored for matching, absent type -> null", async () => {
    const writer = h.make();
    const t = new Date("2024-05-01T10:00:00Z");
    writer.capture(EP, settings({ contentTypeHeader: undefined }), csvInvocation(t, "a,b"));
    writer.capture(EP, settings(), {
      request: { body: Buffer.from("x,y"), contentType: "text/csv; charset=utf-8" },
      response: { body: Buffer.from("{}") },
      time: t,
    });
    writer.capture(EP, settings(), {
      request: { body: Buffer.from("x"), contentType: "image/png" },
      response: { body: Buffer.from("{}"), contentType: "application/json" },
      time: t,
    });
    await writer.flush();
    const [noHeader, params, png] = linesOf(h.s3.puts[0].body).map((l) => JSON.parse(l).captureData);
    assert.deepEqual(noHeader.endpointInput, {
      observedContentType: "text/csv",
      mode: "INPUT",
      data: "YSxi",
      encoding: "BASE64",
    });
    assert.equal(noHeader.endpointOutput.encoding, "BASE64");
    assert.deepEqual(params.endpointInput, {
      observedContentType: "text/csv; charset=utf-8",
      mode: "INPUT",
      data: "x,y",
      encoding: "CSV",
    });
    assert.deepEqual(params.endpointOutput, {
      observedContentType: null,
      mode: "OUTPUT",
      data: "e30=",
      encoding: "BASE64",
    });
    assert.equal(png.endpointInput.encoding, "BASE64");
    assert.equal(png.endpointOutput.encoding, "JSON");
  });

  it("writes inferenceId only when sent, and customAttributes when sent", async () => {
    const writer = h.make();
    const t = new Date("2024-05-01T10:00:00.400Z");
    writer.capture(EP, settings(), csvInvocation(t));
    writer.capture(
      EP,
      settings(),
      csvInvocation(t, "1", { inferenceId: "shadow test, index 3", customAttributes: "trace=1;user=a" }),
    );
    await writer.flush();
    const [plain, tagged] = linesOf(h.s3.puts[0].body).map((l) => JSON.parse(l).eventMetadata);
    assert.deepEqual(Object.keys(plain), ["eventId", "inferenceTime"]);
    assert.equal(plain.inferenceTime, "2024-05-01T10:00:00Z");
    assert.match(plain.eventId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual(tagged, {
      eventId: tagged.eventId,
      inferenceId: "shadow test, index 3",
      inferenceTime: "2024-05-01T10:00:00Z",
      customAttributes: ["trace=1;user=a"],
    });
    assert.deepEqual(Object.keys(tagged), ["eventId", "inferenceId", "inferenceTime", "customAttributes"]);
  });

  it("passes SSE-KMS parameters when the config names a key", async () => {
    const writer = h.make();
    const key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    writer.capture(EP, settings({ kmsKeyId: key }), csvInvocation(new Date("2024-05-01T10:00:00Z")));
    await writer.flush();
    assert.equal(h.s3.puts[0].headers["x-amz-server-side-encryption"], "aws:kms");
    assert.equal(h.s3.puts[0].headers["x-amz-server-side-encryption-aws-kms-key-id"], key);
  });

  it("uses the default random eventIds when no uuid generator is injected", async () => {
    const writer = h.make({ uuid: undefined });
    writer.capture(EP, settings(), csvInvocation(new Date("2024-05-01T10:00:00Z")));
    writer.capture(EP, settings(), csvInvocation(new Date("2024-05-01T10:00:01Z")));
    await writer.flush();
    const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const ids = linesOf(h.s3.puts[0].body).map((l) => JSON.parse(l).eventMetadata.eventId);
    for (const id of ids) assert.match(id, v4);
    assert.notEqual(ids[0], ids[1]);
    assert.match(h.s3.puts[0].key, /\/00-00-000-[0-9a-f-]{36}\.jsonl$/);
  });
});
