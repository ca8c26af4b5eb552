import { strict as assert } from "node:assert";
import { dtypeFor, parseAthenaTime } from "../../src/athena";
import { convertColumn, resultColumns, resultFrame } from "../../src/athena/result-frame";

describe("athena/result-frame: Athena's text values typed from its column metadata", () => {
  it("maps Athena types to danfojs dtypes", () => {
    const cases: Array<[string, string]> = [
      ["bigint", "int32"],
      ["integer", "int32"],
      ["smallint", "int32"],
      ["double", "float32"],
      ["real", "float32"],
      ["decimal(10,2)", "float32"],
      ["boolean", "boolean"],
      ["timestamp", "datetime"],
      ["timestamp with time zone", "datetime"],
      ["date", "datetime"],
      ["varchar", "string"],
      ["array(varchar)", "string"],
      ["row(a integer)", "string"],
      ["json", "string"],
    ];
    for (const [t, d] of cases) assert.equal(dtypeFor(t), d, t);
  });

  it("parses Athena's timestamp and date text as UTC", () => {
    assert.equal(parseAthenaTime("2026-01-05 08:59:30.123").toISOString(), "2026-01-05T08:59:30.123Z");
    assert.equal(parseAthenaTime("2026-01-05 08:59:30.123456 UTC").toISOString(), "2026-01-05T08:59:30.123Z");
    assert.equal(parseAthenaTime("2026-01-05 08:59:30.000 +02:00").toISOString(), "2026-01-05T06:59:30.000Z");
    assert.equal(parseAthenaTime("2026-01-05").toISOString(), "2026-01-05T00:00:00.000Z");
    assert.ok(Number.isNaN(parseAthenaTime("yesterday").getTime()));
  });

  it("reads NaN and Infinity words, NULL as NaN for numbers and null otherwise", () => {
    const [col] = resultColumns([{ Name: "x", Type: "double" }]);
    const { values } = convertColumn(["NaN", "Infinity", "-Infinity", "1.5", null], col);
    assert.deepEqual(values.slice(1, 4), [Infinity, -Infinity, 1.5]);
    assert.ok(Number.isNaN(values[0] as number) && Number.isNaN(values[4] as number));
    const [s] = resultColumns([{ Name: "s", Type: "varchar" }]);
    assert.deepEqual(convertColumn(["a", null], s).values, ["a", null]);
  });

  it("an unnamed column gets Athena's _colN name, an empty result a frame with the columns", () => {
    const cols = resultColumns([
      { Name: undefined, Type: "bigint" },
      { Name: "b", Label: "b", Type: "varchar" },
    ]);
    assert.deepEqual(
      cols.map((c) => c.name),
      ["_col0", "b"],
    );
    const { frame } = resultFrame([], cols);
    assert.deepEqual(frame.columns, ["_col0", "b"]);
    assert.equal(frame.shape[0], 0);
  });
});
