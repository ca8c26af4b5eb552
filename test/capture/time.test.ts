import { strict as assert } from "assert";
import { CaptureFormatError, formatInferenceTime, parseInferenceTime } from "../../src/capture";
import { thrown } from "./helpers";

describe("capture/time: inferenceTime", () => {
  it("formats UTC at second precision with a literal Z, truncating milliseconds", () => {
    assert.equal(formatInferenceTime(new Date(Date.UTC(2021, 1, 5, 4, 15, 0, 999))), "2021-02-05T04:15:00Z");
    assert.equal(formatInferenceTime(new Date(Date.UTC(2019, 10, 24, 7, 30, 50))), "2019-11-24T07:30:50Z");
  });

  it("pads small years to four digits and rejects invalid dates", () => {
    const d = new Date(0);
    d.setUTCFullYear(45, 0, 2);
    assert.equal(formatInferenceTime(d), "0045-01-02T00:00:00Z");
    assert.throws(() => formatInferenceTime(new Date("nope")), RangeError);
  });

  it("parses the AWS form", () => {
    assert.equal(parseInferenceTime("2024-01-19T19:27:57Z").getTime(), Date.UTC(2024, 0, 19, 19, 27, 57));
  });

  it("parses fractional seconds and a missing Z (as UTC), as SDK fixtures write them", () => {
    assert.equal(parseInferenceTime("2020-05-01T10:20:30.123456").getTime(), Date.UTC(2020, 4, 1, 10, 20, 30, 123));
    assert.equal(parseInferenceTime("2020-05-01T10:20:30.5Z").getTime(), Date.UTC(2020, 4, 1, 10, 20, 30, 500));
    assert.equal(parseInferenceTime("2020-05-01T10:20:30").getTime(), Date.UTC(2020, 4, 1, 10, 20, 30));
  });

  it("applies a numeric offset", () => {
    assert.equal(parseInferenceTime("2020-05-01T12:20:30+02:00").getTime(), Date.UTC(2020, 4, 1, 10, 20, 30));
    assert.equal(parseInferenceTime("2020-05-01T10:20:30-0130").getTime(), Date.UTC(2020, 4, 1, 11, 50, 30));
  });

  it("round-trips format -> parse", () => {
    const t = Date.UTC(2031, 11, 31, 23, 59, 59);
    assert.equal(parseInferenceTime(formatInferenceTime(new Date(t))).getTime(), t);
  });

  for (const bad of [
    "{%s}",
    "",
    "2024-01-19 19:27:57Z",
    "2024-1-19T19:27:57Z",
    "2023-02-29T00:00:00Z",
    "2024-13-01T00:00:00Z",
    "2024-01-01T24:00:00Z",
    "2024-01-01T00:00:00ZZ",
  ]) {
    it(`rejects ${JSON.stringify(bad)} with a CaptureFormatError naming the field`, () => {
      const err = thrown(() => parseInferenceTime(bad, { source: "f.jsonl", line: 9 })) as CaptureFormatError;
      assert.ok(err instanceof CaptureFormatError);
      assert.equal(err.field, "eventMetadata.inferenceTime");
      assert.match(err.message, /^f\.jsonl:9: eventMetadata\.inferenceTime: .*expected YYYY-MM-DDTHH:MM:SSZ/);
    });
  }

  it("accepts February 29 of a leap year", () => {
    assert.equal(parseInferenceTime("2024-02-29T00:00:00Z").getTime(), Date.UTC(2024, 1, 29));
  });

  it("formats consecutive times across second boundaries (and before 1970) as if each were alone", () => {
    const times = [
      -1001,
      -1000,
      -1,
      0,
      999,
      1000,
      1000,
      59_999,
      60_000,
      Date.UTC(2024, 2, 10, 8, 0, 0, 500),
      Date.UTC(2024, 2, 10, 8, 0, 0, 999),
    ];
    for (const t of [...times, ...times.reverse()]) {
      assert.equal(
        formatInferenceTime(new Date(t)),
        new Date(Math.floor(t / 1000) * 1000).toISOString().replace(".000Z", "Z"),
        String(t),
      );
    }
    assert.throws(() => formatInferenceTime(new Date(NaN)), RangeError);
  });
});
