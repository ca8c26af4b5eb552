import { strict as assert } from "assert";
import type { DataCaptureConfig } from "@aws-sdk/client-sagemaker";
import { applyCaptureChange } from "../../src/aws";
import { DataCaptureConfigError } from "../../src/capture";

const CURRENT: DataCaptureConfig = {
  EnableCapture: true,
  InitialSamplingPercentage: 100,
  DestinationS3Uri: "s3://b/sagemaker/DEMO-ModelMonitor/datacapture",
  KmsKeyId: "alias/capture",
  CaptureOptions: [{ CaptureMode: "Input" }, { CaptureMode: "Output" }],
  CaptureContentTypeHeader: {
    CsvContentTypes: ["text/csv", "application/x-csv"],
    JsonContentTypes: ["application/json"],
  },
};

describe("aws/update: applyCaptureChange (the SDK's reset pitfall)", () => {
  it("changes only the sampling percentage", () => {
    const next = applyCaptureChange(CURRENT, { samplingPercentage: 0 });
    assert.deepEqual(next, { ...CURRENT, InitialSamplingPercentage: 0 });
    assert.equal(CURRENT.InitialSamplingPercentage, 100, "the input is not modified");
  });

  it("disables and re-enables without resetting sampling, destination, KMS key or content types", () => {
    const off = applyCaptureChange(CURRENT, { enableCapture: false });
    assert.deepEqual(off, { ...CURRENT, EnableCapture: false });
    assert.deepEqual(applyCaptureChange(off, { enableCapture: true }), CURRENT);
  });

  it("maps capture options and content types like buildDataCaptureConfig; [] removes a list", () => {
    const next = applyCaptureChange(CURRENT, {
      captureOptions: ["REQUEST"],
      jsonContentTypes: [],
      destinationS3Uri: "s3://c/new/",
    });
    assert.deepEqual(next.CaptureOptions, [{ CaptureMode: "Input" }]);
    assert.deepEqual(next.CaptureContentTypeHeader, { CsvContentTypes: ["text/csv", "application/x-csv"] });
    assert.equal(next.DestinationS3Uri, "s3://c/new");
    const none = applyCaptureChange(next, { csvContentTypes: [] });
    assert.equal(none.CaptureContentTypeHeader, undefined);
  });

  it("leaves absent content-type lists absent and ignores fields given as undefined", () => {
    const { CaptureContentTypeHeader: _dropped, ...bare } = CURRENT;
    const next = applyCaptureChange(bare, { samplingPercentage: 5, destinationS3Uri: undefined, kmsKeyId: undefined });
    assert.deepEqual(next, { ...bare, InitialSamplingPercentage: 5 });
    const csvOnly = { ...CURRENT, CaptureContentTypeHeader: { CsvContentTypes: ["text/csv"] } };
    assert.deepEqual(applyCaptureChange(csvOnly, { enableCapture: false }), { ...csvOnly, EnableCapture: false });
  });

  it("rejects a result the API would reject, listing every issue", () => {
    assert.throws(
      () => applyCaptureChange(CURRENT, { samplingPercentage: 150, csvContentTypes: ["text/csv; charset=utf-8"] }),
      (e: unknown) => e instanceof DataCaptureConfigError && e.issues.length === 2,
    );
  });

  it("needs sampling and destination when the endpoint has no capture config yet", () => {
    assert.throws(
      () => applyCaptureChange(undefined, { enableCapture: true }),
      (e: unknown) => e instanceof DataCaptureConfigError && e.issues.length === 2,
    );
    const built = applyCaptureChange(undefined, { samplingPercentage: 50, destinationS3Uri: "s3://b/x" });
    assert.equal(built.InitialSamplingPercentage, 50);
    assert.deepEqual(built.CaptureOptions, [{ CaptureMode: "Input" }, { CaptureMode: "Output" }]);
  });
});
