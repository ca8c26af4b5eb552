import { strict as assert } from "assert";
import { uniqueName } from "../../src/aws";
import { isValidResourceName } from "../../src/capture";

describe("aws/names: uniqueName", () => {
  const date = new Date(Date.UTC(2022, 3, 8, 0, 13, 6, 42));

  it("appends the UTC time like the AWS page's strftime suffix", () => {
    assert.equal(
      uniqueName("DEMO-xgb-churn-pred-model-monitor", { date }),
      "DEMO-xgb-churn-pred-model-monitor-2022-04-08-00-13-06",
    );
    assert.equal(uniqueName("ep", { date, millis: true }), "ep-2022-04-08-00-13-06-042");
  });

  it("always yields a valid name of at most 63 characters", () => {
    const bases = ["a", "x".repeat(100), "my_model.v2", "--lead", "trail--", "ünïcode name", "a-".repeat(40)];
    for (const base of bases) {
      for (const millis of [false, true]) {
        const name = uniqueName(base, { date, millis });
        assert.ok(name.length <= 63, `${name} is ${name.length} chars`);
        assert.ok(isValidResourceName(name), `${name} is not a valid resource name`);
        assert.ok(name.endsWith(millis ? "2022-04-08-00-13-06-042" : "2022-04-08-00-13-06"), name);
      }
    }
  });

  it("differs from one second to the next", () => {
    assert.notEqual(uniqueName("ep", { date }), uniqueName("ep", { date: new Date(date.getTime() + 1000) }));
  });

  it("rejects a base with no letter or digit", () => {
    assert.throws(() => uniqueName("__"), /letter or digit/);
  });
});
