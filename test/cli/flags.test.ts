import { strict as assert } from "node:assert";
import {
  checkWindow,
  flags,
  hourlyFlag,
  scriptFlag,
  windowFlag,
  type HourlyArgs,
  type WindowArgs,
} from "../../src/cli/flags";

/** Reads argv through the readers the monitor commands chain; the flags none takes come back. */
function parse(argv: string[]): { window: WindowArgs; hourly: HourlyArgs; script: object; unknown: string[] } {
  const window: WindowArgs = {};
  const hourly: HourlyArgs = {};
  const script = {};
  const unknown: string[] = [];
  for (const { flag, value } of flags(argv))
    if (!windowFlag(window, flag, value) && !hourlyFlag(hourly, flag, value) && !scriptFlag(script, flag, value))
      unknown.push(flag);
  return { window, hourly, script, unknown };
}

describe("cli/flags: the flag readers the monitor, model-quality and replay commands share", () => {
  it("reads the window and hourly flags, and leaves the others to the command", () => {
    const p = parse([
      "--captures",
      "c",
      "--start",
      "2026-12-01T00:00:00Z",
      "--end",
      "2026-12-02T00:00:00Z",
      "--hourly",
      "--endpoint",
      "ep",
      "--schedule",
      "s",
      "--reports",
      "r",
      "--parallel",
      "3",
      "--resume",
    ]);
    assert.deepEqual(p.window, {
      captures: "c",
      start: new Date("2026-12-01T00:00:00Z"),
      end: new Date("2026-12-02T00:00:00Z"),
    });
    assert.deepEqual(p.hourly, { hourly: true, endpoint: "ep", schedule: "s", reports: "r", parallel: 3 });
    assert.deepEqual(p.unknown, ["--resume"]);
  });

  it("refuses a --parallel that is not a whole number from 1 to 1024, and an empty window", () => {
    assert.throws(() => parse(["--parallel", "1.5"]), /--parallel: expected a whole number, got 1.5/);
    assert.throws(() => parse(["--parallel", "0"]), /--parallel/);
    assert.throws(() => parse(["--parallel", "two"]), /--parallel/);
    const { window } = parse(["--start", "2026-12-02T00:00:00Z", "--end", "2026-12-01T00:00:00Z"]);
    assert.throws(() => checkWindow(window), /--start must be before --end/);
  });
});
