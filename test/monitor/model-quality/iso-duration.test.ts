import { strict as assert } from "node:assert";
import { parseIsoDuration } from "../../../src/monitor/model-quality/iso-duration";
import { ModelQualityError } from "../../../src/monitor/model-quality/errors";

describe("parseIsoDuration", () => {
  it("reads AWS's offsets: days, hours, minutes, weeks, combined, signed", () => {
    assert.equal(parseIsoDuration("-P1D"), -86_400_000);
    assert.equal(parseIsoDuration("-PT2H"), -7_200_000);
    assert.equal(parseIsoDuration("-PT30M"), -1_800_000);
    assert.equal(parseIsoDuration("-P8D"), -8 * 86_400_000);
    assert.equal(parseIsoDuration("P1W"), 7 * 86_400_000);
    assert.equal(parseIsoDuration("-P1DT12H"), -36 * 3_600_000);
    assert.equal(parseIsoDuration("PT0H"), 0);
    assert.equal(parseIsoDuration("-pt1h"), -3_600_000);
  });

  it("refuses years, months and non-durations, naming the field", () => {
    for (const bad of ["-P1M", "-P1Y", "1D", "-P", "-PT", "P1H", "-PT2X", ""]) {
      assert.throws(
        () => parseIsoDuration(bad, "--start-offset"),
        (e: unknown) => e instanceof ModelQualityError && e.field === "--start-offset" && /ISO-8601/.test(e.message),
        bad,
      );
    }
  });
});
