import { strict as assert } from "assert";
import {
  captureFileKey,
  captureFileName,
  captureHourPrefixes,
  formatS3Uri,
  joinS3Key,
  MAX_CAPTURE_HOURS,
  parseCaptureKey,
  parseS3Uri,
} from "../../src/capture";
import { thrown } from "./helpers";

const UUID = "028573f5-3215-431a-b3b8-a200be4d2d9a";
const utc = (iso: string) => new Date(iso);

describe("capture/keys: capture file keys", () => {
  it("builds the AWS layout in UTC with zero padding", () => {
    assert.equal(
      captureFileKey({
        prefix: "sagemaker/DEMO-ModelMonitor/datacapture",
        endpointName: "DEMO-xgb-churn-pred-model-monitor-2022-04-18-00-13-16",
        variantName: "AllTraffic",
        start: utc("2022-04-18T00:21:48.903Z"),
        uuid: UUID,
      }),
      "sagemaker/DEMO-ModelMonitor/datacapture/DEMO-xgb-churn-pred-model-monitor-2022-04-18-00-13-16/AllTraffic/2022/04/18/00/21-48-903-028573f5-3215-431a-b3b8-a200be4d2d9a.jsonl",
    );
    assert.equal(captureFileName(utc("2024-01-09T03:04:05.006Z"), UUID), `04-05-006-${UUID}.jsonl`);
  });

  it("never produces // nor a leading / (trailing-slash and empty prefixes)", () => {
    const base = { endpointName: "ep", variantName: "v", start: utc("2024-01-01T00:00:00Z"), uuid: UUID };
    for (const prefix of ["cap/", "cap//", "/cap", "cap"]) {
      assert.equal(captureFileKey({ ...base, prefix }), `cap/ep/v/2024/01/01/00/00-00-000-${UUID}.jsonl`, prefix);
    }
    for (const prefix of ["", "/"]) {
      assert.equal(
        captureFileKey({ ...base, prefix }),
        `ep/v/2024/01/01/00/00-00-000-${UUID}.jsonl`,
        JSON.stringify(prefix),
      );
    }
  });

  it("keeps the endpoint name's case", () => {
    const k = captureFileKey({
      prefix: "p",
      endpointName: "MyEP",
      variantName: "Shadow-01",
      start: utc("2024-01-01T00:00:00Z"),
      uuid: UUID,
    });
    assert.ok(k.startsWith("p/MyEP/Shadow-01/"));
  });

  it("rejects an upper-case or non-v4 uuid, and names with /", () => {
    const base = { prefix: "p", endpointName: "e", variantName: "v", start: utc("2024-01-01T00:00:00Z") };
    assert.match(thrown(() => captureFileKey({ ...base, uuid: UUID.toUpperCase() })).message, /lower-case UUID v4/);
    assert.match(
      thrown(() => captureFileKey({ ...base, uuid: "028573f5-3215-131a-b3b8-a200be4d2d9a" })).message,
      /UUID v4/,
    );
    assert.match(thrown(() => captureFileKey({ ...base, endpointName: "a/b", uuid: UUID })).message, /endpointName/);
    assert.match(thrown(() => captureFileKey({ ...base, variantName: "", uuid: UUID })).message, /variantName/);
  });

  it("parses real AWS keys", () => {
    const p = parseCaptureKey(
      "sagemaker/DEMO-ClarifyModelMonitor-1705692264-8c4a/data-capture/DEMO-ll-adult-pred-model-monitor-1705692264-e088/AllTraffic/2024/01/19/19/27-57-062-fb33b08e-de02-414b-ba16-969c14d7e0f1.jsonl",
    );
    assert.deepEqual(p, {
      prefix: "sagemaker/DEMO-ClarifyModelMonitor-1705692264-8c4a/data-capture",
      endpointName: "DEMO-ll-adult-pred-model-monitor-1705692264-e088",
      variantName: "AllTraffic",
      start: utc("2024-01-19T19:27:57.062Z"),
      uuid: "fb33b08e-de02-414b-ba16-969c14d7e0f1",
    });
    const q = parseCaptureKey(
      "datacapture-prod/mlops-02-14-11-03-33-prod/AllTraffic/2025/02/15/21/29-20-227-06f6a337-a6ae-419f-9af0-be9a6cdc54a6.jsonl",
    );
    assert.equal(q?.prefix, "datacapture-prod");
    assert.equal(q?.start.toISOString(), "2025-02-15T21:29:20.227Z");
  });

  it("parses a key without a prefix", () => {
    const p = parseCaptureKey(`ep/v/2024/02/29/23/59-59-999-${UUID}.jsonl`);
    assert.equal(p?.prefix, "");
    assert.equal(p?.endpointName, "ep");
    assert.equal(p?.start.toISOString(), "2024-02-29T23:59:59.999Z");
  });

  it("round-trips format -> parse across many times and prefixes", () => {
    const times = [
      "2019-12-31T23:59:59.999Z",
      "2020-01-01T00:00:00.000Z",
      "2024-02-29T12:34:56.789Z",
      "2099-07-04T05:06:07.008Z",
    ];
    for (const prefix of ["", "a", "a/b/c"]) {
      for (const t of times) {
        const parts = { prefix, endpointName: "End-Point-1", variantName: "AllTraffic", start: utc(t), uuid: UUID };
        assert.deepEqual(parseCaptureKey(captureFileKey(parts)), parts);
      }
    }
  });

  for (const bad of [
    `ep/v/2024/01/01/00/00-00-000-${UUID.toUpperCase()}.jsonl`,
    `ep/v/2024/01/01/00/00-00-000-${UUID}.json`,
    `ep/v/2024/1/01/00/00-00-000-${UUID}.jsonl`,
    `ep/v/2024/13/01/00/00-00-000-${UUID}.jsonl`,
    `ep/v/2023/02/29/00/00-00-000-${UUID}.jsonl`,
    `ep/v/2024/01/01/24/00-00-000-${UUID}.jsonl`,
    `ep/v/2024/01/01/00/60-00-000-${UUID}.jsonl`,
    `ep/v/2024/01/01/00/00-00-00-${UUID}.jsonl`,
    `v/2024/01/01/00/00-00-000-${UUID}.jsonl`,
    `ep//v/2024/01/01/00/00-00-000-${UUID}.jsonl`,
    `ep/v/2024/01/01/00/00-00-000-${UUID}.jsonl.tmp`,
    "input/2023/01/19/06/fb6e1338-3d5c-4268-9f33-3fde11467816.json",
  ]) {
    it(`rejects ${bad}`, () => assert.equal(parseCaptureKey(bad), undefined));
  }
});

describe("capture/keys: captureHourPrefixes", () => {
  const base = { prefix: "cap/", endpointName: "ep", variantName: "v" };

  it("covers every hour and includes the previous hour for the 60 s overhang", () => {
    assert.deepEqual(
      captureHourPrefixes({ ...base, from: utc("2024-03-10T10:00:30Z"), to: utc("2024-03-10T11:15:00Z") }),
      ["cap/ep/v/2024/03/10/09/", "cap/ep/v/2024/03/10/10/", "cap/ep/v/2024/03/10/11/"],
    );
  });

  it("does not add the previous hour when from is more than 60 s into its hour", () => {
    // A file started at 09:59:59.999 holds records until 10:00:59.999 at the latest.
    assert.deepEqual(
      captureHourPrefixes({ ...base, from: utc("2024-03-10T10:01:00Z"), to: utc("2024-03-10T10:59:59Z") }),
      ["cap/ep/v/2024/03/10/10/"],
    );
    assert.deepEqual(
      captureHourPrefixes({ ...base, from: utc("2024-03-10T10:00:59.999Z"), to: utc("2024-03-10T10:01:00Z") }),
      ["cap/ep/v/2024/03/10/09/", "cap/ep/v/2024/03/10/10/"],
    );
  });

  it("crosses day, month, year and leap-day boundaries", () => {
    assert.deepEqual(
      captureHourPrefixes({ ...base, from: utc("2024-01-01T00:00:10Z"), to: utc("2024-01-01T00:00:20Z") }),
      ["cap/ep/v/2023/12/31/23/", "cap/ep/v/2024/01/01/00/"],
    );
    assert.deepEqual(
      captureHourPrefixes({ ...base, from: utc("2024-02-29T23:30:00Z"), to: utc("2024-03-01T01:00:00Z") }),
      ["cap/ep/v/2024/02/29/23/", "cap/ep/v/2024/03/01/00/", "cap/ep/v/2024/03/01/01/"],
    );
    assert.deepEqual(
      captureHourPrefixes({ ...base, from: utc("2023-04-30T23:10:00Z"), to: utc("2023-05-01T00:00:00Z") }),
      ["cap/ep/v/2023/04/30/23/", "cap/ep/v/2023/05/01/00/"],
    );
  });

  it("every prefix is a prefix of the keys of files started in that hour, without //", () => {
    const from = utc("2024-12-31T22:30:00Z");
    const to = utc("2025-01-01T02:10:00Z");
    const prefixes = captureHourPrefixes({ ...base, from, to });
    assert.equal(prefixes.length, 5);
    for (let t = from.getTime() - 60_000; t <= to.getTime(); t += 7 * 60_000) {
      const key = captureFileKey({ ...base, start: new Date(t), uuid: UUID });
      assert.equal(prefixes.filter((p) => key.startsWith(p)).length, 1, key);
    }
    for (const p of prefixes) assert.ok(!p.includes("//") && p.endsWith("/"));
  });

  it("without a variant returns the endpoint-level prefix", () => {
    assert.deepEqual(
      captureHourPrefixes({
        prefix: "",
        endpointName: "ep",
        from: utc("2024-01-01T00:00:00Z"),
        to: utc("2024-01-02T00:00:00Z"),
      }),
      ["ep/"],
    );
  });

  it("rejects from after to and ranges over the documented limit", () => {
    assert.throws(
      () => captureHourPrefixes({ ...base, from: utc("2024-01-02T00:00:00Z"), to: utc("2024-01-01T00:00:00Z") }),
      RangeError,
    );
    const from = utc("2024-01-01T00:30:00Z");
    const ok = captureHourPrefixes({
      ...base,
      from,
      to: new Date(from.getTime() + (MAX_CAPTURE_HOURS - 2) * 3_600_000),
    });
    assert.equal(ok.length, MAX_CAPTURE_HOURS - 1);
    assert.throws(
      () => captureHourPrefixes({ ...base, from, to: new Date(from.getTime() + MAX_CAPTURE_HOURS * 3_600_000) }),
      /at most 8784/,
    );
  });
});

describe("capture/s3uri", () => {
  it("parses s3 URIs and normalises a trailing slash", () => {
    assert.deepEqual(parseS3Uri("s3://bucket/a/b"), { bucket: "bucket", key: "a/b" });
    assert.deepEqual(parseS3Uri("s3://bucket/a/b/"), { bucket: "bucket", key: "a/b" });
    assert.deepEqual(parseS3Uri("s3://bucket/a/b//"), { bucket: "bucket", key: "a/b" });
    assert.deepEqual(parseS3Uri("s3://bucket"), { bucket: "bucket", key: "" });
    assert.deepEqual(parseS3Uri("s3://bucket/"), { bucket: "bucket", key: "" });
  });

  for (const bad of [
    "https://bucket/a",
    "bucket/a",
    "s3:/bucket/a",
    "s3:///a",
    "s3://",
    "S3://bucket/a",
    "s3://bu cket/a",
  ]) {
    it(`rejects ${JSON.stringify(bad)} saying what was expected`, () => {
      assert.match(thrown(() => parseS3Uri(bad)).message, /s3:\/\/bucket|bucket/);
    });
  }

  it("formats and round-trips", () => {
    assert.equal(formatS3Uri("b", "x/y"), "s3://b/x/y");
    assert.equal(formatS3Uri("b", "/x"), "s3://b/x");
    assert.equal(formatS3Uri("b", ""), "s3://b");
    assert.deepEqual(parseS3Uri(formatS3Uri("b", "p/q.jsonl")), { bucket: "b", key: "p/q.jsonl" });
  });

  it("joinS3Key never produces // or edge slashes", () => {
    assert.equal(joinS3Key("a/", "/b/", "c"), "a/b/c");
    assert.equal(joinS3Key("", "a", "", "b"), "a/b");
    assert.equal(joinS3Key("a//b", "c"), "a/b/c");
    assert.equal(joinS3Key("/", ""), "");
  });
});
