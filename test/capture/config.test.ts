import { strict as assert } from "assert";
import {
  buildDataCaptureConfig,
  captureSettingsFromConfig,
  DataCaptureConfigError,
  formatValidationMessage,
  summarizeDataCaptureConfig,
  validateDataCaptureConfig,
  validateResourceName,
} from "../../src/capture";
import { thrown } from "./helpers";

const DEST = "s3://bucket/capture";

describe("capture/config: buildDataCaptureConfig", () => {
  it("applies the Python SDK defaults", () => {
    assert.deepEqual(buildDataCaptureConfig({ samplingPercentage: 20, destinationS3Uri: DEST }), {
      EnableCapture: true,
      InitialSamplingPercentage: 20,
      DestinationS3Uri: DEST,
      CaptureOptions: [{ CaptureMode: "Input" }, { CaptureMode: "Output" }],
      CaptureContentTypeHeader: { CsvContentTypes: ["text/csv"], JsonContentTypes: ["application/json"] },
    });
  });

  it("maps REQUEST/RESPONSE case-insensitively and keeps the other options", () => {
    const cfg = buildDataCaptureConfig({
      enableCapture: false,
      samplingPercentage: 0,
      destinationS3Uri: DEST,
      captureOptions: ["request", "RESPONSE", "inputandoutput"] as never,
      csvContentTypes: ["text/csv", "text/plain"],
      jsonContentTypes: ["application/jsonlines"],
      kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    });
    assert.deepEqual(cfg.CaptureOptions, [
      { CaptureMode: "Input" },
      { CaptureMode: "Output" },
      { CaptureMode: "InputAndOutput" },
    ]);
    assert.equal(cfg.EnableCapture, false);
    assert.deepEqual(cfg.CaptureContentTypeHeader, {
      CsvContentTypes: ["text/csv", "text/plain"],
      JsonContentTypes: ["application/jsonlines"],
    });
    assert.equal(cfg.KmsKeyId, "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
  });

  it("strips trailing / from the destination (never the scheme's //)", () => {
    assert.equal(
      buildDataCaptureConfig({ samplingPercentage: 5, destinationS3Uri: "s3://bucket/capture/" }).DestinationS3Uri,
      DEST,
    );
    assert.equal(
      buildDataCaptureConfig({ samplingPercentage: 5, destinationS3Uri: "s3://bucket//" }).DestinationS3Uri,
      "s3://bucket",
    );
  });

  it("omits empty content-type lists, and the header when both are empty", () => {
    const one = buildDataCaptureConfig({ samplingPercentage: 5, destinationS3Uri: DEST, csvContentTypes: [] });
    assert.deepEqual(one.CaptureContentTypeHeader, { JsonContentTypes: ["application/json"] });
    const none = buildDataCaptureConfig({
      samplingPercentage: 5,
      destinationS3Uri: DEST,
      csvContentTypes: [],
      jsonContentTypes: [],
    });
    assert.equal("CaptureContentTypeHeader" in none, false);
  });

  it("reports every violation at once, with field names and AWS wording", () => {
    const err = thrown(() =>
      buildDataCaptureConfig({
        samplingPercentage: 150,
        destinationS3Uri: "gs://bucket/x",
        captureOptions: ["Both" as never],
        csvContentTypes: ["text/csv; charset=utf-8"],
        jsonContentTypes: ["application/*"],
        kmsKeyId: "alias/my key",
      }),
    ) as DataCaptureConfigError;
    assert.ok(err instanceof DataCaptureConfigError);
    assert.deepEqual(
      err.issues.map((i) => i.field),
      [
        "DataCaptureConfig.InitialSamplingPercentage",
        "DataCaptureConfig.DestinationS3Uri",
        "DataCaptureConfig.KmsKeyId",
        "DataCaptureConfig.CaptureOptions.1.member.CaptureMode",
        "DataCaptureConfig.CaptureContentTypeHeader.CsvContentTypes.1.member",
        "DataCaptureConfig.CaptureContentTypeHeader.JsonContentTypes.1.member",
      ],
    );
    assert.ok(err.message.startsWith("6 validation errors detected: "));
    assert.ok(
      err.message.includes(
        "Value '150' at 'dataCaptureConfig.initialSamplingPercentage' failed to satisfy constraint: Member must have value less than or equal to 100",
      ),
      err.message,
    );
    assert.ok(
      err.message.includes(
        "at 'dataCaptureConfig.captureOptions.1.member.captureMode' failed to satisfy constraint: Member must satisfy enum value set: [Input, Output, InputAndOutput]",
      ),
    );
    assert.ok(err.message.includes("Value 'gs://bucket/x' at 'dataCaptureConfig.destinationS3Uri'"));
  });

  for (const [sp, re] of [
    [-1, /greater than or equal to 0/],
    [12.5, /integer/],
    [Number.NaN, /integer/],
    ["50", /integer/],
  ] as const) {
    it(`rejects samplingPercentage ${String(sp)}`, () => {
      const err = thrown(() =>
        buildDataCaptureConfig({ samplingPercentage: sp as number, destinationS3Uri: DEST }),
      ) as DataCaptureConfigError;
      assert.equal(err.issues.length, 1);
      assert.match(err.issues[0].message, re);
    });
  }

  it("accepts the sampling bounds 0 and 100", () => {
    for (const sp of [0, 100])
      assert.equal(
        buildDataCaptureConfig({ samplingPercentage: sp, destinationS3Uri: DEST }).InitialSamplingPercentage,
        sp,
      );
  });

  it("enforces list sizes: 1-32 capture options, 1-10 content types of 1-256 chars", () => {
    const err = thrown(() =>
      buildDataCaptureConfig({
        samplingPercentage: 1,
        destinationS3Uri: DEST,
        captureOptions: Array(33).fill("Input"),
        csvContentTypes: Array(11).fill("text/csv"),
        jsonContentTypes: ["a/" + "b".repeat(255)],
      }),
    ) as DataCaptureConfigError;
    assert.deepEqual(
      err.issues.map((i) => [i.field, i.message]),
      [
        ["DataCaptureConfig.CaptureOptions", "Member must have length less than or equal to 32"],
        [
          "DataCaptureConfig.CaptureContentTypeHeader.CsvContentTypes",
          "Member must have length less than or equal to 10",
        ],
        [
          "DataCaptureConfig.CaptureContentTypeHeader.JsonContentTypes.1.member",
          "Member must have length less than or equal to 256",
        ],
      ],
    );
    assert.match(
      thrown(() => buildDataCaptureConfig({ samplingPercentage: 1, destinationS3Uri: DEST, captureOptions: [] }))
        .message,
      /greater than or equal to 1/,
    );
  });

  it("checks the destination length (512) and pattern", () => {
    const long = "s3://b/" + "k".repeat(505); // 512 chars
    assert.equal(buildDataCaptureConfig({ samplingPercentage: 1, destinationS3Uri: long }).DestinationS3Uri, long);
    assert.match(
      thrown(() => buildDataCaptureConfig({ samplingPercentage: 1, destinationS3Uri: long + "k" })).message,
      /less than or equal to 512/,
    );
    assert.equal(
      buildDataCaptureConfig({ samplingPercentage: 1, destinationS3Uri: "https://b/x" }).DestinationS3Uri,
      "https://b/x",
    );
    for (const bad of ["s3://", "s3:///x", "S3://b/x", "b/x", "", "s3://b/x\ny"]) {
      assert.ok(
        thrown(() => buildDataCaptureConfig({ samplingPercentage: 1, destinationS3Uri: bad })) instanceof
          DataCaptureConfigError,
        bad,
      );
    }
  });

  it("accepts content types the API pattern allows and rejects the rest", () => {
    for (const ok of [
      "text/csv",
      "application/jsonlines",
      "application/x-npy",
      "application/vnd.amazon.x",
      "a--b/c--d",
    ]) {
      assert.doesNotThrow(
        () => buildDataCaptureConfig({ samplingPercentage: 1, destinationS3Uri: DEST, csvContentTypes: [ok] }),
        ok,
      );
    }
    for (const bad of [
      "text/csv;charset=utf-8",
      "application/vnd+json",
      "text/*",
      "text /csv",
      "-text/csv",
      "text/-csv",
      "my_type/x",
      "a.b/c",
      "textcsv",
      "",
    ]) {
      assert.ok(
        thrown(() =>
          buildDataCaptureConfig({ samplingPercentage: 1, destinationS3Uri: DEST, csvContentTypes: [bad] }),
        ) instanceof DataCaptureConfigError,
        bad,
      );
    }
  });
});

describe("capture/config: validateDataCaptureConfig (raw API input)", () => {
  it("reports missing required members", () => {
    assert.deepEqual(
      validateDataCaptureConfig({}).map((i) => [i.field, i.message]),
      [
        ["DataCaptureConfig.InitialSamplingPercentage", "Member must not be null"],
        ["DataCaptureConfig.DestinationS3Uri", "Member must not be null"],
        ["DataCaptureConfig.CaptureOptions", "Member must not be null"],
      ],
    );
    assert.equal(
      formatValidationMessage(
        validateDataCaptureConfig({ InitialSamplingPercentage: 1, CaptureOptions: [{ CaptureMode: "Input" }] }),
      ),
      "1 validation error detected: Value null at 'dataCaptureConfig.destinationS3Uri' failed to satisfy constraint: Member must not be null",
    );
  });

  it("reports wrong types and uses the given path", () => {
    const issues = validateDataCaptureConfig(
      {
        EnableCapture: "yes",
        InitialSamplingPercentage: 1,
        DestinationS3Uri: 5,
        CaptureOptions: [{}, "Input"],
        KmsKeyId: 7,
        CaptureContentTypeHeader: { CsvContentTypes: "text/csv" },
      },
      "CreateEndpointConfigInput.DataCaptureConfig",
    );
    assert.deepEqual(
      issues.map((i) => i.field.replace("CreateEndpointConfigInput.DataCaptureConfig.", "")),
      [
        "EnableCapture",
        "DestinationS3Uri",
        "KmsKeyId",
        "CaptureOptions.1.member.CaptureMode",
        "CaptureOptions.2.member",
        "CaptureContentTypeHeader.CsvContentTypes",
      ],
    );
    assert.deepEqual(
      validateDataCaptureConfig("x").map((i) => i.message),
      ["Member must be a structure"],
    );
    assert.deepEqual(
      validateDataCaptureConfig(null).map((i) => i.message),
      ["Member must not be null"],
    );
  });

  it("accepts a valid wire config (as the SDK sends it)", () => {
    const cfg = {
      InitialSamplingPercentage: 100,
      DestinationS3Uri: "s3://b/capture",
      CaptureOptions: [{ CaptureMode: "Input" }, { CaptureMode: "Output" }],
      EnableCapture: true,
      CaptureContentTypeHeader: { CsvContentTypes: ["text/csv"], JsonContentTypes: ["application/json"] },
    };
    assert.deepEqual(validateDataCaptureConfig(cfg), []);
  });
});

describe("capture/config: summary and writer settings", () => {
  it("summarizes as DescribeEndpoint does, omitting an unset KmsKeyId", () => {
    const cfg = {
      InitialSamplingPercentage: 80,
      DestinationS3Uri: "s3://b/p",
      CaptureOptions: [{ CaptureMode: "Input" as const }],
    };
    assert.deepEqual(summarizeDataCaptureConfig(cfg), {
      EnableCapture: true,
      CaptureStatus: "Started",
      CurrentSamplingPercentage: 80,
      DestinationS3Uri: "s3://b/p",
    });
    assert.equal("KmsKeyId" in summarizeDataCaptureConfig(cfg), false);
    const off = summarizeDataCaptureConfig({ ...cfg, EnableCapture: false, KmsKeyId: "k1" });
    assert.equal(off.CaptureStatus, "Stopped");
    assert.equal(off.EnableCapture, false);
    assert.equal(off.KmsKeyId, "k1");
  });

  it("derives capture sides and the content-type header", () => {
    const base = { InitialSamplingPercentage: 10, DestinationS3Uri: "s3://b/p" };
    const both = captureSettingsFromConfig({ ...base, CaptureOptions: [{ CaptureMode: "InputAndOutput" }] });
    assert.deepEqual([both.captureInput, both.captureOutput, both.enabled], [true, true, true]);
    assert.equal(both.contentTypeHeader, undefined);
    const inOnly = captureSettingsFromConfig({
      ...base,
      CaptureOptions: [{ CaptureMode: "Input" }],
      EnableCapture: false,
    });
    assert.deepEqual([inOnly.captureInput, inOnly.captureOutput, inOnly.enabled], [true, false, false]);
    const outOnly = captureSettingsFromConfig({
      ...base,
      KmsKeyId: "k",
      CaptureOptions: [{ CaptureMode: "Output" }],
      CaptureContentTypeHeader: { JsonContentTypes: ["application/json"] },
    });
    assert.deepEqual(outOnly, {
      enabled: true,
      samplingPercentage: 10,
      destinationS3Uri: "s3://b/p",
      kmsKeyId: "k",
      captureInput: false,
      captureOutput: true,
      contentTypeHeader: { JsonContentTypes: ["application/json"] },
    });
  });
});

describe("capture/names: validateResourceName", () => {
  it("accepts letters, digits and inner hyphens up to 63 chars", () => {
    for (const ok of [
      "a",
      "AllTraffic",
      "Shadow-01",
      "a--b",
      "x".repeat(63),
      "DEMO-xgb-churn-pred-model-monitor-2022-04-18-00-13-16",
    ]) {
      assert.deepEqual(validateResourceName(ok, "EndpointName"), [], ok);
    }
  });

  it("rejects bad names with the AWS message", () => {
    assert.equal(
      formatValidationMessage(validateResourceName("x_y", "EndpointName")),
      "1 validation error detected: Value 'x_y' at 'endpointName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}",
    );
    for (const bad of ["", "-a", "a-", "a.b", "a b", "é"]) {
      assert.equal(validateResourceName(bad, "VariantName").length, 1, bad);
    }
    assert.deepEqual(
      validateResourceName(undefined, "ModelName").map((i) => i.message),
      ["Member must not be null"],
    );
    assert.deepEqual(
      validateResourceName(3, "ModelName").map((i) => i.message),
      ["Member must be a string"],
    );
  });

  it("reports both length and pattern for a long name", () => {
    const issues = validateResourceName("x".repeat(64), "EndpointConfigName");
    assert.deepEqual(
      issues.map((i) => i.message),
      [
        "Member must have length less than or equal to 63",
        "Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}",
      ],
    );
    assert.ok(formatValidationMessage(issues).startsWith("2 validation errors detected: Value '"));
  });

  it("formats an empty issue list as empty text", () => {
    assert.equal(formatValidationMessage([]), "");
  });
});
