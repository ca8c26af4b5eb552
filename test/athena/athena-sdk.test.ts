import { strict as assert } from "node:assert";
import type * as RealAthena from "@aws-sdk/client-athena";
import { athenaSdk, type AthenaSdk } from "../../src/athena/athena-sdk";

// Compile-time: the real package fits the shapes the module declares (tsc fails otherwise).
type Fits<T extends AthenaSdk> = T;
export type RealFits = Fits<Pick<typeof RealAthena, keyof AthenaSdk>>;

describe("athena/athena-sdk", () => {
  it("returns the real client package, with the commands the module sends", () => {
    const sdk = athenaSdk();
    for (const name of [
      "AthenaClient",
      "StartQueryExecutionCommand",
      "GetQueryExecutionCommand",
      "GetQueryResultsCommand",
      "StopQueryExecutionCommand",
    ] as const) {
      assert.equal(typeof sdk[name], "function", name);
    }
    assert.equal(athenaSdk(), sdk, "loaded once");
  });
});
